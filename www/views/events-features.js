// What a usage-events file's event names and sessions give (the events
// view's second half): each event's and named feature's adoption, usage and
// time to first use, with the retention of its early adopters beside the
// others'; the activation rate with its time-to-activation curve; the
// sessions; and what the analysis could not do as asked. Read straight from
// the EventsAnalysis (pkg/web/market_validation.d.ts).
import { h, fmt, fmtPct, fmtInt } from '../lib/dom.js';
import { lineChart } from '../lib/charts.js';
import { figureRow, panel } from '../lib/widgets.js';

/** @import { EventsAnalysis, FeatureUse, RetainedShare, TimeToEvent, Warning } from '../../pkg/web/market_validation.js' */

/** The warnings about sessions: shown with them. */
const SESSION_CODES = new Set(['session_id_shared', 'long_sessions']);
/** The library's option names as the page calls them. @type {[RegExp, string][]} */
const PAGE_WORDS = [
  [/featureUsage and featureAdoptionRates are left empty/g, 'Feature usage and feature adoption are left empty'],
  [/\(options\.features: \{ "Projects": \["project_created", "project_shared"\] \}\)/g, '(under "Features" above, one a line: "Projects: project_created, project_shared")'],
  [/every event's figures are in features\./g, 'every event\'s figures are in the table below.'],
  [/a shorter options\.activationWindowDays or a later asOf measures it/g, 'a shorter "Activation window (days)", or a later "Analyse up to (as-of date)" in the usage event options, measures it'],
];
/** A warning in the page's words, as a sentence. @param {string} text */
const inPageWords = (text) => {
  const t = PAGE_WORDS.reduce((s, [re, words]) => s.replace(re, words), text);
  return `${t.charAt(0).toUpperCase()}${t.slice(1)}`;
};

/** @param {Warning[]} warnings @param {string} testid */
const warningList = (warnings, testid) => (warnings.length ? h('ul', { class: 'mv-warnings', 'data-testid': testid },
  warnings.map((w) => h('li', { 'data-code': w.code, text: inPageWords(w.message) }))) : null);

/**
 * A time in days as people read it: minutes below an hour, hours below two days, else days.
 * @param {number} days
 * @returns {[number, string]} the number and its unit
 */
function inUnit(days) {
  if (days < 1 / 24) return [days * 1440, 'min'];
  if (days < 2) return [days * 24, 'h'];
  return [days, 'days'];
}
/** "22 min", "5.5 h", "12 days". @param {number} days */
const duration = (days) => {
  const [n, unit] = inUnit(days);
  return `${fmt(Number(n.toFixed(1)))} ${unit}`;
};

/**
 * A Kaplan–Meier median and its 95% interval: "22 min" and "15–31 min" (or
 * "13 min–2.4 days"); "not reached" when fewer than half are estimated to get there.
 * @param {TimeToEvent} t
 * @returns {{ value: string, interval: string | null }}
 */
export function medianText(t) {
  if (t.medianDays == null) return { value: 'not reached', interval: `${fmtInt(t.events)} of ${fmtInt(t.users)} users` };
  const lo = t.medianLow != null ? duration(t.medianLow) : null;
  const hi = t.medianHigh != null ? duration(t.medianHigh) : null;
  const sameUnit = lo && hi && lo.split(' ')[1] === hi.split(' ')[1];
  const interval = lo && hi ? `${sameUnit ? lo.split(' ')[0] : lo}–${hi}` : lo ? `from ${lo}` : hi ? `up to ${hi}` : null;
  return { value: duration(t.medianDays), interval };
}

/** A share retained and its interval: "45% (30–60%)". @param {RetainedShare} r */
const retainedText = (r) => `${fmtPct(r.rate)} (${fmtPct(r.interval[0])}–${fmtPct(r.interval[1])})`;

/**
 * The second half of the events view: warnings, features, activation, sessions.
 * Nothing when the events have no names and no sessions.
 * @param {EventsAnalysis} a
 * @param {number} width
 * @returns {HTMLElement[]}
 */
export function featureSections(a, width) {
  const out = [];
  const general = (a.warnings ?? []).filter((w) => !SESSION_CODES.has(w.code));
  const list = warningList(general, 'events-analysis-warnings');
  if (list) out.push(list);
  if (a.features?.length) out.push(featuresPanel(a));
  const grid = h('div', { class: 'mv-grid' });
  if (a.activation) grid.append(activationPanel(a, width));
  else if (a.features?.length) grid.append(panel('Activation', h('p', { class: 'mv-note', text: 'Choose an activation event above: the share of users who do it within the window after their start, and how long they take.' }), { testid: 'events-activation' }));
  if (a.sessions) grid.append(sessionsPanel(a));
  if (grid.childElementCount) out.push(grid);
  return out;
}

/** @param {EventsAnalysis} a */
function featuresPanel(a) {
  const features = a.features;
  const word = a.cohorts?.period ?? 'period';
  const withRetention = features.find((f) => f.retention);
  const offset = withRetention?.retention?.offset;
  const named = features.filter((f) => f.kind === 'feature').length;
  /** @param {string} text @param {string | null} [sub] @param {string} [cls] */
  const cell = (text, sub, cls) => h('td', { class: 'mv-num', 'data-col': cls ?? null },
    h('span', { text }), sub ? h('span', { class: 'mv-sub', text: sub }) : null);
  /** Lines of a cell, the last one muted. @param {string} cls @param {string[]} lines @param {string} sub */
  const cellLines = (cls, lines, sub) => h('td', { class: 'mv-num', 'data-col': cls },
    lines.map((text) => h('span', { class: 'mv-line', text })), h('span', { class: 'mv-sub', text: sub }));
  /** @param {FeatureUse} f */
  const row = (f) => {
    const t = medianText(f.timeToFirstUse);
    return h('tr', { 'data-feature': f.name, 'data-kind': f.kind },
      h('th', { scope: 'row' }, h('span', { text: f.name }), f.kind === 'feature' ? h('span', { class: 'mv-tag', text: 'feature' }) : null,
        f.kind === 'feature' && f.events?.length ? h('span', { class: 'mv-sub', text: f.events.join(', ') }) : null),
      cell(fmtInt(f.users), null, 'users'),
      cell(fmtPct(f.adoption), null, 'adoption'),
      cell(fmtPct(f.usage), `${fmtInt(f.recentUsers)} user${f.recentUsers === 1 ? '' : 's'}`, 'usage'),
      cell(t.value, t.interval, 'first-use'),
      withRetention ? (f.retention
        ? cellLines('retention', [`adopters ${retainedText(f.retention.adopters)}`, `others ${retainedText(f.retention.others)}`],
          `${fmtInt(f.retention.adopters.retained)} of ${fmtInt(f.retention.adopters.users)}; ${fmtInt(f.retention.others.retained)} of ${fmtInt(f.retention.others.users)}`)
        : cell('—', 'not measured', 'retention')) : null);
  };
  const table = h('table', { class: 'mv-table mv-features', 'data-testid': 'features-table' },
    h('caption', { class: 'mv-visually-hidden', text: 'Adoption and usage of each feature and event' }),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col', text: named ? 'Feature or event' : 'Event' }),
      h('th', { scope: 'col', class: 'mv-num', text: 'Users' }),
      h('th', { scope: 'col', class: 'mv-num', text: 'Adoption' }),
      h('th', { scope: 'col', class: 'mv-num', text: 'Usage, last 28 days' }),
      h('th', { scope: 'col', class: 'mv-num', text: 'Median time to first use (95% interval)' }),
      withRetention ? h('th', { scope: 'col', class: 'mv-num', text: `Retained in ${word} ${offset} (95% interval)` }) : null)),
    h('tbody', {}, features.map(row)));
  return panel('Features', [
    h('div', { class: 'mv-table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Features table (scrollable)' }, table),
    h('p', { class: 'mv-note', text: `Adoption: share of all ${fmtInt(a.users)} users who ever used it. Usage: share of the users active in the 28 days to ${a.asOf} who used it in those days. `
      + 'Time to first use: from a user\'s start (signup, else first event); the median by Kaplan–Meier, users who never used it counted until the as-of day.'
      + (withRetention ? ` Adopters: users who used it in their cohort's first ${word}; retained: active in ${word} ${offset} after it, with 95% Wilson intervals.` : '') }),
  ], { wide: true, testid: 'events-features' });
}

/** @param {EventsAnalysis} a @param {number} width */
function activationPanel(a, width) {
  const act = /** @type {NonNullable<EventsAnalysis['activation']>} */ (a.activation);
  const days = `${fmtInt(act.windowDays)} day${act.windowDays === 1 ? '' : 's'}`;
  const t = medianText(act.timeToActivation);
  const curve = act.curve ?? [];
  const atWindow = curve.find((p) => p.day === act.windowDays);
  return panel(`Activation: ${act.event}`, [
    figureRow([
      { label: `Activated within ${days}`, value: act.eligible ? fmtPct(act.rate) : 'not yet', big: true, testid: 'activation-rate',
        sub: act.eligible ? `95% interval ${fmtPct(act.interval[0])}–${fmtPct(act.interval[1])}` : null },
      { label: 'Activated', value: fmtInt(act.activated), testid: 'activation-activated', sub: `of ${fmtInt(act.eligible)} eligible` },
      { label: 'Eligible', value: fmtInt(act.eligible), testid: 'activation-eligible', sub: `started ${days} or more before the end of ${a.asOf}` },
      { label: 'Median time to activate', value: t.value, testid: 'activation-median', sub: t.interval ? `95% interval ${t.interval}` : null },
    ]),
    curve.length > 1 ? lineChart({
      title: 'Share activated, by days since start',
      labels: curve.map((p) => String(p.day)), xTitle: 'days since start', xTip: (l) => `Within ${l} day${l === '1' ? '' : 's'}`,
      series: [{ name: 'activated', values: curve.map((p) => p.activated), intervals: curve.map((p) => p.interval), className: 'mv-s1' }],
      intervalName: '95% interval', yFormat: fmtPct, yMin: 0, yMax: 1, height: 200, width: Math.min(width, 560),
      summary: atWindow ? `within ${days}: ${fmtPct(atWindow.activated)}` : undefined,
      notes: ['Kaplan–Meier: users not activated yet count until the end of the as-of day; the band is the 95% interval.'],
    }) : null,
    h('p', { class: 'mv-note', text: `Of the ${fmtInt(act.users)} users who started by ${a.asOf}, those who started at least ${days} before its end are eligible; activated: did ${act.event} within ${days} of their start (signup, else first event).` }),
  ], { testid: 'events-activation' });
}

/** @param {EventsAnalysis} a */
function sessionsPanel(a) {
  const s = /** @type {NonNullable<EventsAnalysis['sessions']>} */ (a.sessions);
  const warnings = (a.warnings ?? []).filter((w) => SESSION_CODES.has(w.code));
  /** @type {[number, string][]} */
  const facts = [
    [s.eventsWithoutSession, `event${s.eventsWithoutSession === 1 ? '' : 's'} without a session id: in no session`],
    [s.sharedIds, `session id${s.sharedIds === 1 ? '' : 's'} seen with more than one user`],
    [s.longerThanADay, `session${s.longerThanADay === 1 ? '' : 's'} longer than a day, kept in the figures`],
  ];
  const shown = facts.filter(([n]) => n > 0);
  return panel('Sessions', [
    figureRow([
      { label: 'Sessions', value: fmtInt(s.count), big: true, testid: 'sessions-count' },
      { label: 'Median length', value: `${fmt(s.medianMinutes)} min`, testid: 'sessions-median' },
      { label: 'Mean length', value: `${fmt(s.meanMinutes)} min`, testid: 'sessions-mean' },
      { label: 'Per active user-day', value: fmt(Number(s.perActiveUserDay.toFixed(2))), testid: 'sessions-per-day' },
    ]),
    h('p', { class: 'mv-note', 'data-testid': 'sessions-defined-by', text: s.definedBy === 'column'
      ? 'Sessions from the export\'s session ids: a session lasts from its first event to its last.'
      : `No session ids: a session ends after ${fmtInt(s.gapMinutes ?? 30)} minutes without an event, and lasts from its first event to its last.` }),
    shown.length ? h('ul', { class: 'mv-plain-list', 'data-testid': 'sessions-facts' },
      shown.map(([n, what]) => h('li', {}, h('span', { class: 'mv-count', text: fmtInt(n) }), ` ${what}`))) : null,
    warningList(warnings, 'sessions-warnings'),
  ], { testid: 'events-sessions' });
}
