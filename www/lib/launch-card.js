// The compact launch-readiness card: status, coordination score, days to
// launch, the top three things that block the launch or need attention, and
// a mini timeline. Used by the embed page (embed.html with a share state of
// `tab: 'launch'`) and wherever a summary of a `checkLaunch` report is
// wanted. Styled by www/card.css (classes `mv-card` and `mv-launch-card-*`),
// light and dark. Every text, the plan's names included, becomes a text node.
//
// Also exports the small date and label helpers the launch view shares.
import { h, fmt1, svg as s } from './dom.js';

/** @import { LaunchReport, LaunchRecommendation } from '../../pkg/web/market_validation.js' */

/** Status ids to words. @type {Record<string, string>} */
export const STATUS_LABELS = { ready: 'Ready', needs_attention: 'Needs attention', blocked: 'Blocked' };
/** Status ids to badge tones (`mv-badge-<tone>` in the view). @type {Record<string, 'good' | 'warn' | 'bad'>} */
export const STATUS_TONES = { ready: 'good', needs_attention: 'warn', blocked: 'bad' };
/** Finding levels to words. @type {Record<string, string>} */
export const LEVEL_LABELS = { blocker: 'Blocker', attention: 'Needs attention', advice: 'Advice' };
/** @type {Record<string, string>} */
const CARD_LEVELS = { blocker: 'Blocker', attention: 'Attention', advice: 'Advice' };
/** Milestone states to words. @type {Record<string, string>} */
export const STATE_LABELS = { done: 'Done', overdue: 'Overdue', open: 'Open' };

/** A status id as words. @param {string | null | undefined} status */
export const statusLabel = (status) => STATUS_LABELS[status ?? ''] ?? String(status ?? '');

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar date `YYYY-MM-DD` as a day number (days since 1970-01-01, UTC), or null when it is not
 * one. The same arithmetic as the library's: no time zones, no clock.
 * @param {unknown} iso
 * @returns {number | null}
 */
export function dayNumber(iso) {
  const m = typeof iso === 'string' ? ISO_DATE.exec(iso) : null;
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return Math.round(ms / 86_400_000);
}

/** A day number as `YYYY-MM-DD`. @param {number} day */
export const isoDate = (day) => new Date(day * 86_400_000).toISOString().slice(0, 10);

const longDate = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' });
const shortDate = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric' });
const monthYear = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'short' });

/** "Feb 15, 2027" (or the text as given when it is not a date). @param {unknown} iso */
export function fmtDate(iso) {
  const d = dayNumber(iso);
  return d == null ? String(iso ?? '') : longDate.format(d * 86_400_000);
}
/** "Feb 15" for a day number. @param {number} day */
export const fmtDayShort = (day) => shortDate.format(day * 86_400_000);
/** "Feb 15, 2027" for a day number. @param {number} day */
export const fmtDayLong = (day) => longDate.format(day * 86_400_000);
/** "Feb 2027" for a day number. @param {number} day */
export const fmtMonth = (day) => monthYear.format(day * 86_400_000);

/** "1 day", "5 days". @param {number} n @param {string} one @param {string} [many] */
export const plural = (n, one, many = `${one}s`) => `${n} ${Math.abs(n) === 1 ? one : many}`;

/** Days to launch in words: "45 days to launch", "launch day", "launched 3 days ago". @param {unknown} days */
export function daysToLaunchText(days) {
  if (typeof days !== 'number') return 'no as-of date';
  if (days === 0) return 'launch day';
  return days > 0 ? `${plural(days, 'day')} to launch` : `launched ${plural(-days, 'day')} ago`;
}

/** An offset from the launch day: "T-14", "T", "T+30". @param {number} n */
export const offsetLabel = (n) => (n === 0 ? 'T' : `T${n > 0 ? '+' : '−'}${Math.abs(n)}`);

/**
 * The findings that block the launch or need attention, blockers first (as the report orders them).
 * @param {LaunchReport} report
 * @returns {LaunchRecommendation[]}
 */
export const pressingItems = (report) => (Array.isArray(report?.recommendations) ? report.recommendations : [])
  .filter((r) => r.level === 'blocker' || r.level === 'attention');


/**
 * A milestone marker whose shape tells its state (never colour alone): a filled circle when done,
 * a ring when open, a triangle when overdue. Critical milestones are larger.
 * @param {'done'|'open'|'overdue'} state
 * @param {number} x @param {number} y @param {number} r radius
 * @param {string} [extra] extra classes
 * @returns {SVGElement}
 */
export function milestoneMarker(state, x, y, r, extra = '') {
  const cls = `mv-launch-mark mv-launch-mark-${state} ${extra}`.trim();
  const rx = Math.round(x * 10) / 10;
  if (state === 'overdue') {
    const t = r * 1.25;
    return s('path', { class: cls, d: `M${rx} ${y - t}L${Math.round((rx + t) * 10) / 10} ${y + t * 0.8}L${Math.round((rx - t) * 10) / 10} ${y + t * 0.8}Z` });
  }
  if (state === 'done') {
    return s('g', { class: cls },
      s('circle', { cx: rx, cy: y, r }),
      s('path', { class: 'mv-launch-check', d: `M${rx - r * 0.5} ${y}l${r * 0.35} ${r * 0.4}l${r * 0.65} -${r * 0.8}` }));
  }
  return s('circle', { class: cls, cx: rx, cy: y, r: r - 1 });
}

/**
 * The mini timeline of the card: milestones on one line by date, the as-of day dashed, the launch
 * day solid. Labelled for screen readers with the same facts in words.
 * @param {LaunchReport} report
 * @returns {SVGSVGElement | null}
 */
export function miniTimeline(report) {
  const items = (report.timeline ?? []).flatMap((m) => { const day = dayNumber(m.date); return day == null ? [] : [{ ...m, day }]; });
  if (!items.length) return null;
  const launch = dayNumber(report.launchDate);
  const asOf = dayNumber(report.asOf);
  const days = [...items.map((m) => m.day), launch, asOf].filter((d) => d != null);
  let lo = Math.min(...days);
  let hi = Math.max(...days);
  if (lo === hi) { lo -= 1; hi += 1; }
  const width = 320;
  const height = 58;
  const left = 10;
  const right = width - 10;
  /** @param {number} d */
  const x = (d) => left + ((d - lo) / (hi - lo)) * (right - left);
  const y = 22;
  /** @type {Record<string, number>} */
  const counts = { done: 0, open: 0, overdue: 0 };
  for (const m of items) counts[m.state] = (counts[m.state] ?? 0) + 1;
  const label = `Timeline: ${plural(items.length, 'milestone')} from ${fmtDayLong(items[0].day)} to ${fmtDayLong(items[items.length - 1].day)}`
    + `${launch != null ? `, launch ${fmtDayLong(launch)}` : ''}${asOf != null ? `, as of ${fmtDayLong(asOf)}` : ''}`
    + `; ${counts.done} done, ${counts.overdue} overdue, ${counts.open} open.`;
  const svg = s('svg', {
    class: 'mv-launch-mini', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label,
    focusable: 'false', 'data-testid': 'launch-card-timeline',
  }, s('title', { text: label }));
  svg.append(s('line', { class: 'mv-launch-mini-track', x1: left, x2: right, y1: y, y2: y }));
  if (asOf != null) {
    const ax = Math.round(x(asOf) * 10) / 10;
    svg.append(s('line', { class: 'mv-launch-mini-asof', x1: ax, x2: ax, y1: 6, y2: 36 }));
  }
  if (launch != null) {
    const lx = Math.round(x(launch) * 10) / 10;
    svg.append(s('line', { class: 'mv-launch-mini-launch', x1: lx, x2: lx, y1: 4, y2: 38 }));
  }
  for (const m of items) svg.append(milestoneMarker(m.state, x(m.day), y, m.critical ? 6 : 4.5, m.critical ? 'mv-launch-critical' : ''));
  // Dates under the line: both ends of the axis and the launch (when it is clear of them).
  /** @type {{ d: number, anchor: string, at: number, launch?: boolean }[]} */
  const labels = [{ d: lo, anchor: 'start', at: left }, { d: hi, anchor: 'end', at: right }];
  if (launch != null && x(launch) - left > 60 && right - x(launch) > 60) labels.splice(1, 0, { d: launch, anchor: 'middle', at: x(launch), launch: true });
  for (const l of labels) {
    svg.append(s('text', {
      class: l.launch ? 'mv-launch-mini-label mv-launch-mini-label-launch' : 'mv-launch-mini-label',
      x: Math.round(l.at * 10) / 10, y: 52, 'text-anchor': l.anchor, text: l.launch ? `Launch ${fmtDayShort(l.d)}` : fmtDayShort(l.d),
    }));
  }
  return svg;
}

/**
 * The compact launch-readiness card of a report.
 *
 * @param {LaunchReport} report  What `checkLaunch` returned.
 * @param {{ title?: string, theme?: 'light' | 'dark' | null }} [options]
 *   `title`: shown as the heading (default: the report's product name); `theme` forces a colour
 *   scheme (else the reader's prefers-color-scheme).
 * @returns {HTMLElement} an `<article class="mv-card mv-launch-card">`
 */
export function renderLaunchCard(report, { title, theme } = {}) {
  const status = report.status;
  const titleText = (typeof title === 'string' && title.trim()) ? title.trim() : String(report.productName ?? '').trim();
  const card = h('article', {
    class: 'mv-card mv-launch-card',
    'data-status': status,
    'data-theme': theme === 'light' || theme === 'dark' ? theme : null,
    'data-testid': 'launch-card',
    'aria-label': titleText ? `Launch readiness: ${titleText}` : 'Launch readiness',
  });
  if (titleText) card.append(h('h2', { class: 'mv-title', 'data-testid': 'launch-card-title', text: titleText }));

  const days = report.daysToLaunch;
  card.append(h('div', { class: 'mv-head' },
    h('p', { class: 'mv-score-line' },
      h('span', { class: 'mv-label', text: 'Coordination score ' }),
      h('span', { class: 'mv-score', 'data-testid': 'launch-card-score', text: fmt1(report.score?.score ?? 0) }),
      h('span', { class: 'mv-score-max', text: '/100' })),
    h('p', { class: 'mv-launch-card-status', 'data-status': status, 'data-testid': 'launch-card-status' },
      h('span', { class: 'mv-launch-card-icon', 'aria-hidden': 'true', text: status === 'ready' ? '✓' : status === 'blocked' ? '✕' : '!' }),
      ` ${statusLabel(status)}`)));

  card.append(h('p', { class: 'mv-interval mv-launch-card-days', 'data-testid': 'launch-card-days' },
    typeof days === 'number'
      ? [h('strong', { text: daysToLaunchText(days) }), ` · launch ${fmtDate(report.launchDate)} · as of ${fmtDate(report.asOf)}`]
      : `Launch ${fmtDate(report.launchDate)} · no as-of date given, so the schedule was not checked`));

  const mini = miniTimeline(report);
  if (mini) {
    card.append(h('div', { class: 'mv-launch-card-timeline' }, mini,
      h('ul', { class: 'mv-launch-card-legend', 'aria-hidden': 'true' },
        h('li', {}, h('span', { class: 'mv-launch-key mv-launch-key-open' }), 'open'),
        h('li', {}, h('span', { class: 'mv-launch-key mv-launch-key-done' }), 'done'),
        h('li', {}, h('span', { class: 'mv-launch-key mv-launch-key-overdue' }), 'overdue'),
        h('li', {}, h('span', { class: 'mv-launch-key mv-launch-key-asof' }), 'as of'),
        h('li', {}, h('span', { class: 'mv-launch-key mv-launch-key-launch' }), 'launch'))));
  }

  const items = pressingItems(report);
  const shown = items.slice(0, 3);
  const box = h('div', { class: 'mv-recs', 'data-testid': 'launch-card-items' },
    h('h3', { class: 'mv-recs-title', text: shown.length ? (status === 'blocked' ? 'What blocks the launch' : 'What needs attention') : 'Findings' }));
  if (!shown.length) {
    box.append(h('p', { class: 'mv-rec-empty', text: 'Nothing blocks the launch or needs attention.' }));
  } else {
    box.append(h('ol', { class: 'mv-rec-list' }, shown.map((r) => h('li', { class: 'mv-rec mv-launch-card-item', 'data-level': r.level, 'data-code': r.code },
      h('span', { class: 'mv-launch-card-level', 'data-level': r.level, text: CARD_LEVELS[r.level] ?? r.level }),
      h('span', { class: 'mv-rec-message', text: r.finding })))));
    if (items.length > shown.length) box.append(h('p', { class: 'mv-rec-empty', text: `and ${items.length - shown.length} more` }));
  }
  card.append(box);
  return card;
}
