// The launch review's result (review.js runs it): a summary line, then each
// criterion with its status (met, not met, or not yet measurable with the
// day it will be), its figure with its 95% interval and target (shares as
// percentages), what it means, and the data behind it in the page's words.
import { h, fmt, fmtInt, fmtPct, dayText } from '../../lib/dom.js';
import { verdictBadge } from '../../lib/widgets.js';
import { launchId as uid } from './labels.js';

/** @import { LaunchCriterion, LaunchReview } from '../../../pkg/web/market_validation.js' */
/** @import { Tone } from '../../lib/widgets.js' */

/** The criteria's names. @type {Record<string, string>} */
export const CRITERION_NAMES = {
  on_time: 'On time',
  feature_completion: 'Milestones done by the launch',
  customer_adoption: 'Customer adoption within 30 days',
  feature_usage: 'Feature usage, last 28 days',
  customer_satisfaction: 'Customer satisfaction (CSAT)',
  revenue_impact: 'Revenue impact',
};
/** Statuses to words and tones. @type {Record<string, [string, Tone]>} */
export const REVIEW_STATUS = { met: ['Met', 'good'], not_met: ['Not met', 'bad'], not_yet_measurable: ['Not yet measurable', 'neutral'] };

/** The library's option names as the page calls them. @type {[RegExp, string][]} */
const PAGE_WORDS = [
  [/options\.launchedOn not given, so the planned day is taken as the launch day \(pass it if the launch moved\)/g,
    'no launch day given, so the planned day is taken as the launch day (give “Launched on” above if it moved)'],
  [/: pass the events up to then/g, ': drop an export that reaches that day'],
  [/no target: give options\.revenue\.target or the plan's successMetrics\.revenueImpact/g, 'no target: give a revenue target above, or the plan\'s revenue-impact target'],
  [/names of events in the data \(options\.events\)/g, 'names of events in the file'],
  [/options\.featureEvents/g, 'each new feature\'s events'],
  [/options\.launchedOn/g, '“Launched on”'],
  [/options\.revenue\.target/g, '“Revenue target”'],
  [/options\.revenue(\.actual)?/g, '“Revenue from the launch”'],
  [/options\.asOf/g, 'the review day'],
];
/**
 * The library's text in the page's words: its days as people write them, and
 * its numbers without binary-fraction tails ("5% of that is 1.4000000000000001
 * days" is 1.4 days).
 * @param {string} text
 */
export const inPageWords = (text) => PAGE_WORDS.reduce((t, [re, words]) => t.replace(re, words), text)
  .replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (day) => dayText(day))
  .replace(/\b\d+\.\d{6,}\b/g, (n) => String(Number(Number(n).toFixed(4))));

const money = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
/** A day count: "1 day", "3 days". @param {number} n */
const days = (n) => `${fmt(n)} day${n === 1 ? '' : 's'}`;

/**
 * A criterion's figure, interval and target in words.
 * @param {LaunchCriterion} c
 * @returns {{ value: string, interval: string | null, target: string | null }}
 */
export function figureText(c) {
  const share = c.unit.startsWith('fraction');
  const v = c.value;
  let value = '–';
  if (v != null) {
    if (share) value = fmtPct(v);
    else if (c.unit === 'days') value = v === 0 ? 'on the day' : v > 0 ? `${days(v)} late` : `${days(-v)} early`;
    else value = money.format(v);
  }
  const interval = c.interval ? `95% interval ${share ? `${fmtPct(c.interval[0])}–${fmtPct(c.interval[1])}` : `${fmt(c.interval[0])}–${fmt(c.interval[1])}`}` : null;
  let target = null;
  if (c.target != null) {
    if (share) target = `target ${fmtPct(c.target)}`;
    else if (c.unit === 'days') target = `target: within ${days(Number(c.target.toFixed(1)))} of the planned day`;
    else target = `target ${money.format(c.target)}`;
  }
  return { value, interval, target };
}

/**
 * Why a criterion has no data, when the page knows better than the library's
 * "no events given": no file, the sample plan, nothing picked, still reading.
 * @typedef {{ events: string | null, survey: string | null, revenue: string }} Reasons
 */

/**
 * The basis of a criterion in the page's words.
 * @param {LaunchCriterion} c @param {Reasons} reasons
 */
function basisText(c, reasons) {
  if (/^no events given\b/.test(c.basis) && reasons.events) return reasons.events;
  if (/^no survey given\b/.test(c.basis) && reasons.survey) return reasons.survey;
  if (/^no revenue given\b/.test(c.basis)) return reasons.revenue;
  return inPageWords(c.basis);
}

/**
 * Draws a review: the summary into `summary`, the criteria into `body`.
 * @param {HTMLElement} summary @param {HTMLElement} body @param {LaunchReview} r @param {Reasons} reasons
 */
export function renderCriteria(summary, body, r, reasons) {
  summary.replaceChildren(
    h('p', { class: 'mv-launch-review-counts', 'data-testid': 'launch-review-counts' },
      h('strong', { text: r.productName }), `: ${fmtInt(r.met)} met, ${fmtInt(r.notMet)} not met, ${fmtInt(r.notYetMeasurable)} not yet measurable.`),
    h('p', { class: 'mv-launch-hint', 'data-testid': 'launch-review-days' },
      `Reviewed on ${dayText(r.asOf)}. Launched on ${dayText(r.launchedOn)}${r.launchedOnAssumed ? ' (the planned day: no other is given)' : r.launchedOn !== r.plannedLaunch ? `, planned for ${dayText(r.plannedLaunch)}` : ', as planned'}. `
      + `Adoption is counted from the launch to ${dayText(r.windowEnd)}.`));
  body.replaceChildren(h('ol', { class: 'mv-launch-criteria' }, r.criteria.map((c) => criterionItem(c, reasons))));
}

/** @param {LaunchCriterion} c @param {Reasons} reasons */
function criterionItem(c, reasons) {
  const [word, tone] = REVIEW_STATUS[c.status] ?? [c.status, 'neutral'];
  const { value, interval, target } = figureText(c);
  const headId = uid('h');
  const soFar = c.status === 'not_yet_measurable' && c.value != null;
  return h('li', { class: 'mv-launch-criterion', 'data-testid': 'launch-criterion', 'data-id': c.id, 'data-status': c.status, 'aria-labelledby': headId },
    h('div', { class: 'mv-launch-criterion-head' },
      h('h3', { id: headId, text: CRITERION_NAMES[c.id] ?? c.id }),
      verdictBadge(word, tone, 'launch-criterion-status'),
      c.measurableOn ? h('span', { class: 'mv-launch-criterion-when', 'data-testid': 'launch-criterion-measurable-on', 'data-day': c.measurableOn, text: `measurable on ${dayText(c.measurableOn)}` }) : null),
    h('p', { class: 'mv-launch-criterion-figure', 'data-testid': 'launch-criterion-figure' },
      h('span', { class: 'mv-launch-criterion-value', 'data-testid': 'launch-criterion-value', text: value }),
      soFar ? h('span', { class: 'mv-muted', text: ' so far' }) : null,
      interval ? h('span', { class: 'mv-launch-criterion-interval', 'data-testid': 'launch-criterion-interval', text: ` (${interval})` }) : null,
      target ? [' · ', h('span', { 'data-testid': 'launch-criterion-target', text: target })] : null),
    h('p', { class: 'mv-launch-criterion-what', text: `${c.criterion.charAt(0).toUpperCase()}${c.criterion.slice(1)}.` }),
    h('p', { class: 'mv-launch-criterion-basis', 'data-testid': 'launch-criterion-basis', text: `${basisText(c, reasons).replace(/^./, (x) => x.toUpperCase()).replace(/([^.…?!])$/, '$1.')}` }));
}
