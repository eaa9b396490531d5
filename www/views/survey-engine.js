// The product-market-fit engine's panel in the survey view (Vohra 2018, read
// straight from SurveyAnalysis.engine): the high-expectation segment, what the
// very disappointed love, whom they think it is for, what holds back the
// somewhat disappointed who love the same, and the roadmap. Theme lists are
// drawn by views/survey-themes.js.
import { h, fmtPct, fmtRange, fmtInt } from '../lib/dom.js';
import { intervalChart } from '../lib/charts.js';
import { panel } from '../lib/widgets.js';
import { themeList } from './survey-themes.js';

/**
 * @import { PmfEngine, ThemeSummary, HighExpectationSegment, DetectedColumn } from '../../pkg/web/market_validation.js'
 */

/** @type {Record<string, string>} */
const ACTIONS = { focus: 'Focus', 'double-down': 'Double down', address: 'Address' };

/** The library's text in the page's words (survey.js's inPageWords). @type {(text: string) => string} */
let words = (text) => text;

/**
 * A ranked list of themes: each with its count, share and up to three examples.
 * @param {ThemeSummary} s @param {string} title @param {string} group @param {string} testid
 */
const themes = (s, title, group, testid) => themeList(s, {
  title, testid, words,
  note: `${fmtInt(s.answers)} answers from ${group}${s.column ? ` to "${s.column}"` : ''}; the themes class-based TF-IDF tells from the other answers, most answers first.`,
});

/** @param {HighExpectationSegment} hx @param {number} width */
function segmentPart(hx, width) {
  /** @type {HTMLElement[]} */
  const parts = [h('h4', { text: 'High-expectation segment' }),
    h('p', { class: hx.segment ? 'mv-highlight' : 'mv-muted', 'data-testid': 'engine-segment', text: words(hx.reason) })];
  if (hx.compared.length) {
    parts.push(intervalChart({
      title: 'Very disappointed share per segment value, Holm-adjusted intervals',
      rows: hx.compared.map((t) => ({
        label: `${t.value} (${t.column})`, value: t.share, interval: t.interval,
        note: `${fmtInt(t.n)} answers; rest ${fmtPct(t.restShare)}; adjusted p ${t.adjustedPValue < 0.0001 ? '< 0.0001' : t.adjustedPValue.toFixed(4)}`,
        detail: `${fmtPct(t.intervalLevel)} interval ${fmtRange(t.interval, fmtPct)}`,
      })),
      min: 0, max: 1, format: fmtPct, valueName: 'very disappointed', intervalName: 'Holm-adjusted interval', width,
    }));
  }
  if (hx.tooSmall) parts.push(h('p', { class: 'mv-note', text: `${fmtInt(hx.tooSmall)} segment value${hx.tooSmall === 1 ? '' : 's'} with fewer answers than the smallest segment ranked left out.` }));
  return h('section', {}, parts);
}

/**
 * The engine's panel.
 * @param {PmfEngine} e @param {number} width
 * @param {(text: string) => string} inPageWords the library's option names as the page's options call them
 * @returns {HTMLElement}
 */
export function enginePanel(e, width, inPageWords) {
  words = inPageWords;
  /** @type {[string, DetectedColumn | undefined][]} */
  const cols = [['Main benefit', e.columns.mainBenefit], ['Who benefits', e.columns.whoBenefits], ['How to improve', e.columns.improve]];
  const back = e.holdingBack;
  return panel('Product-market-fit engine', [
    h('p', { class: 'mv-note' }, 'Rahul Vohra\'s engine (Superhuman, 2018): build for the segment that would miss the product most, double down on what the very disappointed love, and address what holds back the somewhat disappointed who love the same thing. Themes are read from English answers.'),
    h('p', { class: 'mv-muted', 'data-testid': 'engine-columns' }, cols.map(([what, c], i) => [i ? '; ' : '', `${what}: `,
      c ? `"${c.header}" (${c.detectedBy === 'option' ? 'named in the options' : 'found by its header'})` : 'not found'])),
    h('section', { class: 'mv-engine-roadmap', 'data-testid': 'engine-roadmap' },
      h('h4', { text: 'Roadmap' }),
      e.roadmap.steps.length
        ? h('ol', {}, e.roadmap.steps.map((s) => h('li', { 'data-action': s.action },
          h('span', { class: 'mv-tag', text: ACTIONS[s.action] ?? s.action }), ' ', h('span', { text: s.reading }))))
        : h('p', { class: 'mv-muted', text: words(e.roadmap.summary) })),
    segmentPart(e.highExpectationSegment, width),
    themes(e.mainBenefits, 'What the very disappointed love (main benefit)', 'the very disappointed', 'engine-benefits'),
    themes(e.whoBenefits, 'Whom the very disappointed think it is for', 'the very disappointed', 'engine-who'),
    h('p', { class: 'mv-note', 'data-testid': 'engine-matched', text: back.benefits.length
      ? `${fmtInt(back.matched)} of ${fmtInt(back.somewhatDisappointed)} somewhat disappointed name a top benefit (${back.benefits.map((b) => `"${b}"`).join(', ')}) as theirs.`
      : 'No main-benefit theme to match the somewhat disappointed on.' }),
    themes(back.improve, 'What holds them back (how to improve)', 'those somewhat disappointed', 'engine-holding-back'),
  ], { wide: true, testid: 'survey-engine' });
}
