// The compact score card: the same DOM in the embed page, in the
// <market-validation-card> element and wherever the app wants a summary.
// Styled by www/card.css (classes prefixed `mv-`). Every piece of text,
// the title and the library's messages included, becomes a text node.
import { h, fmt1, fmtRange, fmtPct, dayText, isDay } from './dom.js';
import { recommendationText, recommendationUnit } from './units.js';

/** @import { Dimension, DimensionResult, Problem, ValidationResult } from '../../pkg/web/market_validation.js' */
/** A card's forced colour scheme (else the reader's). @typedef {'light' | 'dark'} Theme */

/** The five dimensions in display order, with their labels. @type {[Dimension, string][]} */
export const DIMENSIONS = [
  ['usage', 'Usage'], ['adoption', 'Adoption'], ['survey', 'Survey'],
  ['market', 'Market'], ['competitive', 'Competitive'],
];
/** Verdict ids to words. @type {Record<string, string>} */
export const VERDICT_LABELS = {
  strong: 'Strong', promising: 'Promising', weak: 'Weak',
  not_validated: 'Not validated', not_enough_data: 'Not enough data',
};
/** Short names, so the card need not call presets() (the result carries the id only). @type {Record<string, string>} */
const PRESET_LABELS = {
  'b2b-saas': 'B2B SaaS', 'enterprise-saas': 'Enterprise SaaS',
  'consumer-subscription': 'Consumer subscription', 'consumer-social': 'Consumer social',
};
/** A preset id as words: `b2b-saas` -> `B2B SaaS`; unknown ids are returned as given. @param {string | null | undefined} id */
export const presetLabel = (id) => PRESET_LABELS[id ?? ''] ?? String(id ?? '');
/** A verdict id as words. @param {string | null | undefined} v */
export const verdictLabel = (v) => VERDICT_LABELS[v ?? ''] ?? String(v ?? '');

/**
 * Whether a dimension had data: then it has a score and its interval (the library gives them together).
 * @param {DimensionResult} d
 * @returns {d is DimensionResult & { score: number, interval: [number, number] }}
 */
export const isScored = (d) => d.score != null;

/** A score as a width, 0..100 (anything else 0). @param {unknown} x */
export const clampScore = (x) => Math.max(0, Math.min(100, Number(x) || 0));

/**
 * A 0..100 bar. Decorative (aria-hidden): its value is always printed next to it.
 * @param {number} score @param {readonly number[] | null | undefined} interval @param {string} [extraClass]
 */
function miniBar(score, interval, extraClass = '') {
  const fill = h('span', { class: 'mv-bar-fill' });
  fill.style.width = `${clampScore(score)}%`;
  const bar = h('span', { class: `mv-bar ${extraClass}`.trim(), 'aria-hidden': 'true' }, fill);
  if (Array.isArray(interval) && interval[1] > interval[0]) {
    const range = h('span', { class: 'mv-bar-range' });
    range.style.left = `${clampScore(interval[0])}%`;
    range.style.width = `${clampScore(interval[1]) - clampScore(interval[0])}%`;
    bar.append(range);
  }
  return bar;
}

/**
 * A recommendation's message without its ": +1.3 points" (shown apart, as a badge); a note
 * after it ("(about 4500 daily active users of 15000 monthly)") is kept.
 * @param {unknown} message
 */
export const withoutGain = (message) => String(message ?? '').replace(/:\s*\+[\d.,]+\s*points?\.?(\s*\([^()]*\))?\s*$/, '$1');

/**
 * The compact score card of a result.
 *
 * @param {ValidationResult} result  What `analyze` returned.
 * @param {{ compact?: boolean, title?: string, asOf?: string, theme?: Theme | null }} [options]
 *   `compact` (default true): score, interval, verdict, dimension mini-bars, top recommendation;
 *   false adds the verdict's reason and the next two recommendations. `title`: the product's name,
 *   shown as text. `asOf`: the day the data describes (`2026-12-06`), shown as "Data as of Dec 6, 2026";
 *   anything else is ignored. `theme` forces a colour scheme (else the reader's prefers-color-scheme).
 * @returns {HTMLElement} an `<article class="mv-card">`
 */
export function renderScoreCard(result, { compact = true, title, asOf, theme } = {}) {
  const verdict = result.verdict;
  const titleText = typeof title === 'string' ? title.trim() : '';
  const card = h('article', {
    class: `mv-card${compact ? ' mv-compact' : ''}`,
    'data-verdict': verdict,
    'data-theme': theme === 'light' || theme === 'dark' ? theme : null,
    'data-testid': 'mv-card',
    'aria-label': titleText ? `Market validation: ${titleText}` : 'Market validation score',
  });

  if (titleText) card.append(h('h2', { class: 'mv-title', 'data-testid': 'mv-title', text: titleText }));
  if (isDay(asOf)) card.append(h('p', { class: 'mv-as-of', 'data-testid': 'mv-as-of', text: `Data as of ${dayText(asOf)}` }));

  const confidence = fmtPct(result.confidenceLevel ?? 0.95);
  card.append(
    h('div', { class: 'mv-head' },
      h('p', { class: 'mv-score-line' },
        h('span', { class: 'mv-label', text: 'Validation score ' }),
        h('span', { class: 'mv-score', 'data-testid': 'mv-score', text: fmt1(result.score) }),
        h('span', { class: 'mv-score-max', text: '/100' })),
      h('p', { class: 'mv-verdict', 'data-verdict': verdict, 'data-testid': 'mv-verdict', text: verdictLabel(verdict) })),
    h('p', { class: 'mv-interval', 'data-testid': 'mv-interval' },
      `${confidence} interval ${fmtRange(result.interval)} · ${presetLabel(result.preset)} benchmarks`),
    miniBar(result.score, result.interval, 'mv-gauge'));

  if (!compact && result.verdictReason) card.append(h('p', { class: 'mv-reason', text: result.verdictReason }));

  const dims = h('ul', { class: 'mv-dims', 'aria-label': 'Score by dimension, out of 100' });
  for (const [key, name] of DIMENSIONS) {
    const d = result.dimensions?.[key];
    const has = d != null && isScored(d);
    dims.append(h('li', { class: `mv-dim${has ? '' : ' mv-no-data'}`, 'data-dimension': key, 'data-testid': `mv-dim-${key}` },
      h('span', { class: 'mv-dim-name', text: name }),
      miniBar(has ? d.score : 0, has ? d.interval : null),
      h('span', { class: 'mv-dim-score', text: has ? fmt1(d.score) : 'no data' })));
  }
  card.append(dims);

  const recs = Array.isArray(result.recommendations) ? result.recommendations : [];
  const shown = recs.slice(0, compact ? 1 : 3);
  const recBox = h('div', { class: 'mv-recs', 'data-testid': 'mv-recommendation' },
    h('h3', { class: 'mv-recs-title', text: shown.length > 1 ? 'Top recommendations' : 'Top recommendation' }));
  if (!shown.length) {
    recBox.append(h('p', { class: 'mv-rec-empty', text: 'Nothing to recommend: every scored metric is at its top benchmark.' }));
  } else {
    const list = h('ol', { class: 'mv-rec-list' });
    for (const rec of shown) {
      list.append(h('li', { class: 'mv-rec', 'data-metric': rec.metric },
        h('span', { class: 'mv-gain', text: `+${fmt1(rec.gain)}` }, h('span', { class: 'mv-gain-unit', text: ' pts' })),
        h('span', { class: 'mv-rec-message', text: withoutGain(recommendationText(rec, recommendationUnit(result, rec))) })));
    }
    recBox.append(list);
  }
  card.append(recBox);
  return card;
}

/**
 * A card that shows why nothing could be scored.
 * @param {string} message  The error in words (e.g. `error.message` of the library's InputError). When
 *   `problems` are given, only the message's subject is kept ("invalid product data: 2 problems"),
 *   since the library's message repeats the list.
 * @param {unknown} [problems]
 *   The library's `error.problems`, or plain strings; each becomes one list item of text.
 * @param {{ title?: string, theme?: Theme | null, heading?: string }} [options]
 *   `heading`: the card's first line (default "Could not score this data").
 * @returns {HTMLElement} an `<article class="mv-card mv-card-error" role="alert">`
 */
export function renderCardError(message, problems = [], { title, theme, heading = 'Could not score this data' } = {}) {
  const card = h('article', {
    class: 'mv-card mv-card-error', role: 'alert', 'data-testid': 'mv-card-error',
    'data-theme': theme === 'light' || theme === 'dark' ? theme : null,
  });
  const titleText = typeof title === 'string' ? title.trim() : '';
  if (titleText) card.append(h('h2', { class: 'mv-title', text: titleText }));
  const all = Array.isArray(problems) ? problems : [];
  let text = String(message ?? 'Unknown error');
  if (all.length) {
    // The library's message already lists the problems; show its subject once, then the list.
    const subject = /^([^:\n]{1,60}):/.exec(text)?.[1] ?? 'invalid input';
    text = `${subject}: ${all.length === 1 ? '1 problem' : `${all.length} problems`}`;
  }
  card.append(
    h('p', { class: 'mv-error-head', text: heading }),
    h('p', { class: 'mv-error-message', 'data-testid': 'mv-error-message', text }));
  if (all.length) {
    const items = all.slice(0, 20).map((p) => h('li', { text: problemText(p) }));
    if (all.length > 20) items.push(h('li', { text: `and ${all.length - 20} more` }));
    card.append(h('ul', { class: 'mv-problems' }, items));
  }
  return card;
}

/**
 * One problem of the library's error as a line of text.
 * @param {Partial<Problem> | string | null | undefined} p
 */
export function problemText(p) {
  if (p == null || typeof p !== 'object') return String(p);
  let line = `${p.path ?? 'input'}: ${p.value ?? ''}`;
  if (p.expected) line += `; expected ${p.expected}`;
  if (p.hint) line += ` (${p.hint})`;
  return line;
}

/**
 * A neutral placeholder card (waiting for data, loading).
 * @param {string} message @param {{ theme?: Theme | null }} [options]
 */
export function renderCardStatus(message, { theme } = {}) {
  return h('article', {
    class: 'mv-card mv-card-status', role: 'status',
    'data-theme': theme === 'light' || theme === 'dark' ? theme : null,
  }, h('p', { class: 'mv-status', text: message }));
}
