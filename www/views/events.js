// The usage-events view: what analyzeEvents() / analyzeEventsCsv() found,
// read straight from the EventsAnalysis (pkg/web/market_validation.d.ts).
// Long ranges are capped where drawing everything would be slow or
// unreadable (the cohort triangle, the growth bars); each cap is stated
// under its chart, and the data tables keep every value.
import { h, fmt, fmtPct, fmtInt, fmtCount } from '../lib/dom.js';
import { lineChart, stackedBars, barChart, heatmap, chartWidth, CHAR_W } from '../lib/charts.js';
import { figureRow, panel, useButton, verdictBadge } from '../lib/widgets.js';
import { readItems, readWarnings, readSkipped } from './events-read.js';
import { choicesPanel } from './events-choices.js';
import { featureSections } from './events-features.js';
import { meanSeries, modelFigures } from './events-model.js';

/** @import { AdoptionData, EventsAnalysis, EventsCsvAnalysis, UsageMetrics } from '../../pkg/web/market_validation.js' */
/** @import { Tone } from '../lib/widgets.js' */
/** @import { EventChoices } from './upload.js' */
/** @import { WarehouseSource } from './warehouse/index.js' */

/** Cohorts drawn in the heatmap (the most recent) and periods per cohort. */
const HEATMAP_ROWS = 60;
const HEATMAP_COLUMNS = 60;
/** Growth-accounting periods drawn as bars (the most recent). */
const GROWTH_BARS = 104;
/** Quick ratios above this run off the top of their chart (the table has them). */
const QUICK_RATIO_AXIS_MAX = 8;

/** @type {Record<string, string>} */
const PERIOD_WORD = { day: 'day', week: 'week', month: 'month' };
/** @type {Record<string, [string, Tone]>} */
const FLATTENING = {
  flattening: ['Flattening', 'good'],
  declining: ['Still declining', 'bad'],
  not_enough_data: ['Not enough periods yet', 'neutral'],
};
// Dates in the data are local calendar dates (YYYY-MM-DD): format them as UTC so no zone shifts them.
const dayMonth = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const dayMonthYear = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: '2-digit', timeZone: 'UTC' });
const monthYear = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const fullDay = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
/** @param {string} iso */
const asDate = (iso) => new Date(`${iso}T00:00:00Z`);
/** A day in a tooltip: "Jun 3, 2026". @param {string} iso */
const dayTip = (iso) => fullDay.format(asDate(iso));

/**
 * How a tooltip names a period by its first day: "Week of Jun 1, 2026", "Jun 2026", "Jun 3, 2026".
 * @param {string | undefined} period "day", "week" or "month"
 * @returns {(iso: string) => string}
 */
function periodTip(period) {
  if (period === 'month') return (iso) => monthYear.format(asDate(iso));
  if (period === 'week') return (iso) => `Week of ${dayTip(iso)}`;
  return dayTip;
}

/** Users as people read them: whole above 10 (a mean DAU of 130.6 is "131"), one decimal below. @param {number} v */
const users = (v) => (Math.abs(v) >= 10 ? fmtInt(v) : fmt(Number(v.toFixed(1))));
/** A ratio to two decimals at most: 0.63, 1.5, 12.4. @param {number} v */
const ratio = (v) => fmt(Number(v.toFixed(2)));
/** "Week 3", "Month 0". @param {string} word */
const offsetTip = (word) => (/** @type {string} */ offset) => `${word.charAt(0).toUpperCase()}${word.slice(1)} ${offset}`;

/**
 * A short x-axis date; with the year when the range spans more than one.
 * @param {string | undefined} first @param {string | undefined} last @param {string} [period]
 * @returns {(iso: string) => string}
 */
function dateLabeller(first, last, period = 'day') {
  if (period === 'month') return (iso) => monthYear.format(asDate(iso));
  const sameYear = first?.slice(0, 4) === last?.slice(0, 4);
  const f = sameYear ? dayMonth : dayMonthYear;
  return (iso) => f.format(asDate(iso));
}

/**
 * Renders an events analysis into `container` (its children are replaced).
 * @param {HTMLElement} container
 * @param {EventsAnalysis} analysis from analyzeEvents(), or
 *   the `.analysis` of analyzeEventsCsv()'s result
 * @param {{ csv?: EventsCsvAnalysis, onUse?: (data: { usageMetrics: UsageMetrics, adoptionData: AdoptionData }) => void, fileName?: string,
 *   choices?: EventChoices, onChoose?: (choices: EventChoices) => Promise<unknown>, warehouse?: WarehouseSource }} [opts]
 *   csv: the whole EventsCsvAnalysis, to show the columns used, the time format and the skipped rows;
 *   warehouse: the analysis is analyzeEventAggregates' of the warehouse panel's result files (named with their statements);
 *   onUse: called by the "Use in the score" button (no button without it);
 *   choices: the activation, retention and feature choices the analysis was made with;
 *   onChoose: analyses the file again with other choices (no pickers without it; see events-choices.js)
 * @returns {HTMLElement} the view's root element
 */
export function renderEvents(container, analysis, { csv, onUse, fileName, choices = {}, onChoose, warehouse } = {}) {
  const a = analysis;
  // The control that changed keeps the focus when the view is drawn anew.
  const active = document.activeElement;
  const focused = active instanceof HTMLElement && container.contains(active) ? active.dataset.choice : undefined;
  const width = chartWidth(container);
  const days = a.daily?.length ?? 0;
  const root = h('div', { class: 'mv-view mv-events', 'data-testid': 'events-view', 'data-source': warehouse ? 'warehouse' : 'events' });

  root.append(h('div', { class: 'mv-view-head' },
    h('p', { class: 'mv-lede' },
      // Where the figures came from: a file's name, or the warehouse's results (not a file of events).
      warehouse ? [h('span', { class: 'mv-source-tag', 'data-testid': 'events-source', text: 'From your warehouse' }), ' ']
        : fileName ? [h('span', { class: 'mv-file-name', 'data-testid': 'events-source', text: fileName }), ': '] : null,
      `${fmtInt(a.events)} events from ${fmtInt(a.users)} users, ${a.firstDate} to ${a.asOf} (${fmtInt(days)} day${days === 1 ? '' : 's'}).`,
      a.eventsAfterAsOf ? ` ${fmtInt(a.eventsAfterAsOf)} events after ${a.asOf} were left out.` : null),
    onUse ? useButton(() => onUse({ usageMetrics: a.usageMetrics, adoptionData: a.adoptionData }), scoreInputsText(a)) : null));

  root.append(readingPanel(a, csv, warehouse));
  if (onChoose && a.features?.some((f) => f.kind === 'event')) root.append(choicesPanel(a, choices, onChoose));
  root.append(...featureSections(a, width));
  const grid = h('div', { class: 'mv-grid' });
  root.append(grid);
  grid.append(stickinessPanel(a, width));
  grid.append(powerUsersPanel(a, width));
  if (a.cohorts?.rows?.length) root.append(retentionPanel(a, width, choices));
  if (a.growth?.length) root.append(growthPanel(a, width));

  container.replaceChildren(root);
  const again = focused ? root.querySelector(`[data-choice="${focused}"]`) : null;
  if (again instanceof HTMLElement) again.focus();
  return root;
}

/** What "Use in the score" sends, in words. @param {EventsAnalysis} a */
function scoreInputsText(a) {
  const u = a.usageMetrics ?? {};
  const ad = a.adoptionData ?? {};
  const bits = [
    u.retentionRate != null ? `retention ${fmtPct(u.retentionRate)}${u.retentionHorizonMonths != null ? ` at ${fmt(u.retentionHorizonMonths)} months` : ''}` : null,
    u.dailyActiveUsers != null ? `DAU ${users(u.dailyActiveUsers)}` : null,
    u.weeklyActiveUsers != null ? `WAU ${users(u.weeklyActiveUsers)}` : null,
    u.monthlyActiveUsers != null ? `MAU ${users(u.monthlyActiveUsers)}` : null,
    ad.totalUsers != null ? `${fmtInt(ad.totalUsers)} users` : null,
    ad.powerUsers != null ? `${fmtInt(ad.powerUsers)} power users` : null,
    u.sessionDuration != null ? `session length ${fmt(u.sessionDuration)} min` : null,
    ad.adoptionRate != null ? `activation ${fmtPct(ad.adoptionRate)}` : null,
    ad.timeToAdoption != null ? `time to activation ${fmt(ad.timeToAdoption)} days` : null,
    u.featureUsage ? `usage of ${Object.keys(u.featureUsage).length} feature${Object.keys(u.featureUsage).length === 1 ? '' : 's'}` : null,
    ad.featureAdoptionRates ? `adoption of ${Object.keys(ad.featureAdoptionRates).length} feature${Object.keys(ad.featureAdoptionRates).length === 1 ? '' : 's'}` : null,
  ].filter(Boolean);
  return bits.length ? `Adds to the product data: ${bits.join(', ')}.` : 'Adds the usage and adoption figures to the product data.';
}

/**
 * How the file was read (or where the warehouse's results came from) and what "new user" means.
 * @param {EventsAnalysis} a @param {EventsCsvAnalysis} [csv] @param {WarehouseSource} [warehouse]
 */
function readingPanel(a, csv, warehouse) {
  const items = [];
  if (warehouse) {
    const n = warehouse.files.length;
    items.push(h('li', { 'data-testid': 'events-warehouse' },
      `Computed in your warehouse by the statements of “Run it in your warehouse”, and read back from ${n} result file${n === 1 ? '' : 's'}: `,
      warehouse.files.map(([statement, file], i) => [i ? ', ' : '', h('code', { text: statement }), ' from ', h('span', { class: 'mv-file-name', text: file })]),
      '. No events file: these figures are the warehouse\'s aggregates.'),
    h('li', {}, 'Users: the user column\'s values, each counted apart (the statements do not link anonymous ids to signed-in ones).'));
  }
  if (csv) items.push(...readItems(csv, 'events'));
  if ((csv || warehouse) && a.ignoredEvents?.count) {
    items.push(h('li', { 'data-testid': 'events-ignored' },
      `Not counted as activity: ${Object.entries(a.ignoredEvents.byName).sort((x, y) => y[1] - x[1]).map(([name, n]) => `${fmtInt(n)} ${name}`).join(', ')} (events the tools send on their own to say who a user is${csv ? '; their ids still link' : ''}).`));
  }
  const signupMode = a.newUsersDefinedBy === 'signup';
  items.push(h('li', { 'data-testid': 'new-users-defined-by' }, signupMode
    ? 'New users: a user is new on their signup day; cohorts are signup cohorts.'
    : 'New users: a user is new on the day of their first event in the data; cohorts are first-seen cohorts.'));
  const s = a.signups;
  /** @type {[number, string][]} */
  const signupFacts = s ? [
    [s.users, 'users with a signup time'],
    [s.withoutEvents, 'signed up in the analysed days with no event: new, in their cohort, never active'],
    [s.beforeData, 'signed up before the first event day: in no cohort, never new'],
    [s.afterAsOf, 'signed up after the as-of day with no earlier event: left out'],
    [s.activeBeforeSignup, 'had an event before their signup day: their first event is their start'],
    [s.withoutSignup, 'had events but no signup time: their first event is their start'],
    [s.conflicting, 'had more than one signup time: the earliest is used'],
  ] : [];
  // The first line always; the others where they count someone.
  const signupLines = signupFacts.filter(([n], i) => i === 0 || n > 0);
  return panel('How the data was read', [
    h('ul', { class: 'mv-plain-list' }, items.filter(Boolean)),
    csv ? readWarnings(csv, 'events') : null,
    signupLines.length ? h('ul', { class: 'mv-plain-list mv-signups', 'data-testid': 'signups-summary' },
      signupLines.map(([n, what]) => h('li', {}, h('span', { class: 'mv-count', text: fmtInt(n) }), ` ${what}`))) : null,
    csv ? readSkipped(csv) : null,
  ], { wide: true, testid: 'events-reading' });
}

/** @param {EventsAnalysis} a @param {number} width */
function stickinessPanel(a, width) {
  const st = a.stickiness;
  const daily = a.daily ?? [];
  const n = daily.length;
  const label = dateLabeller(daily[0]?.date, daily.at(-1)?.date);
  // The trailing windows are not full in the first 6 / 27 days: leave those out of the lines.
  const wau = daily.map((d, i) => (i >= 6 ? d.weeklyActive : null));
  const mau = daily.map((d, i) => (i >= 27 ? d.monthlyActive : null));
  const last = daily.at(-1);
  return panel('Active users', [
    figureRow([
      { label: 'DAU / MAU', value: fmtPct(st.dauMau), big: true, testid: 'dau-mau' },
      { label: 'DAU / WAU', value: fmtPct(st.dauWau) },
      { label: 'WAU / MAU', value: fmtPct(st.wauMau) },
    ]),
    figureRow([
      { label: 'DAU', value: users(st.dau) },
      { label: 'WAU', value: users(st.wau) },
      { label: 'MAU', value: users(st.mau) },
    ]),
    h('p', { class: 'mv-note', text: `Means over the last ${st.days} day${st.days === 1 ? '' : 's'} to ${a.asOf}: WAU and MAU are the users active in the 7 and 28 days ending each day.` }),
    n ? lineChart({
      title: 'Daily, weekly and monthly active users',
      labels: daily.map((d) => d.date), xFormat: label, xTip: dayTip, xTitle: 'date', yFormat: fmtCount,
      series: [
        { name: 'DAU', values: daily.map((d) => d.active), className: 'mv-s1' },
        { name: 'WAU (7 days)', values: wau, className: 'mv-s2' },
        { name: 'MAU (28 days)', values: mau, className: 'mv-s3' },
      ],
      summary: last ? `On ${last.date}: DAU ${fmtInt(last.active)}, WAU ${fmtInt(last.weeklyActive)}, MAU ${fmtInt(last.monthlyActive)}` : undefined,
      notes: [n > 6 ? 'WAU starts on day 7 and MAU on day 28, when their windows are full.' : null],
      width,
    }) : null,
  ], { wide: true, testid: 'events-active' });
}

/** @param {EventsAnalysis} a @param {number} width */
function powerUsersPanel(a, width) {
  const p = a.powerUserCurve;
  const active = p.powerUsers + p.casualUsers;
  return panel('Power users (L28)', [
    figureRow([
      { label: `Power users (≥ ${p.powerUserDays} of 28 days)`, value: fmtInt(p.powerUsers), big: true, testid: 'power-users', sub: active ? `${fmtPct(p.powerUsers / active)} of the last 28 days' actives` : null },
      { label: 'Casual users', value: fmtInt(p.casualUsers) },
    ]),
    barChart({
      title: 'Users by days active in the last 28',
      labels: p.users.map((_, i) => String(i + 1)), values: p.users,
      classFor: (i) => (i + 1 >= p.powerUserDays ? 'mv-s1' : 'mv-s4'),
      legendItems: [{ name: 'casual', className: 'mv-s4' }, { name: `power user (≥ ${p.powerUserDays} days)`, className: 'mv-s1' }],
      marker: { index: p.powerUserDays - 1, label: `power users from ${p.powerUserDays} days` },
      xTitle: 'days active of the last 28', yTitle: 'users', yFormat: fmtCount, width,
      xTip: (l) => `Active ${l} day${l === '1' ? '' : 's'} of 28`,
      summary: `${fmtInt(p.powerUsers)} power users, ${fmtInt(p.casualUsers)} casual`,
    }),
    h('p', { class: 'mv-note', text: 'A smile at the right end (many users active most days) marks a habit; a steep fall from 1 day marks drive-by use.' }),
  ], { wide: true, testid: 'events-power-users' });
}

/** @param {EventsAnalysis} a @param {number} width @param {EventChoices} choices */
function retentionPanel(a, width, choices) {
  const c = a.cohorts;
  const word = PERIOD_WORD[c.period] ?? c.period;
  const since = choices.startEvent ? `first ${choices.startEvent}` : a.newUsersDefinedBy === 'signup' ? 'signup' : 'first seen';
  const stable = c.flattening.stabilisesAt;
  const fl = c.flattening;
  const [flText, flTone] = FLATTENING[fl.verdict] ?? [fl.verdict, 'neutral'];
  const mean = c.mean ?? [];
  const parts = [
    h('p', { class: 'mv-verdict-line' }, verdictBadge(flText, flTone, 'flattening-verdict'), ' ', h('span', { text: fl.reading })),
    fl.plateau != null ? figureRow([
      { label: 'Plateau', value: fmtPct(fl.plateau), big: true, testid: 'plateau' },
      fl.plateauInterval ? { label: '95% interval', value: `${fmtPct(fl.plateauInterval[0])}–${fmtPct(fl.plateauInterval[1])}` } : null,
      fl.relativeSlope != null ? { label: `Change a ${word}`, value: `${fl.relativeSlope > 0 ? '+' : ''}${fmtPct(fl.relativeSlope)} of the plateau` } : null,
      stable ? { label: 'Levels off from', value: `${word} ${stable.offset}`, testid: 'stabilises-at',
        sub: `${fmtPct(stable.retention)} (${fmtPct(stable.interval[0])}–${fmtPct(stable.interval[1])})` } : null,
    ].filter((item) => item != null)) : null,
    choices.startEvent || choices.returnEvent || choices.retention === 'on-or-after' ? h('p', { class: 'mv-note', 'data-testid': 'retention-defined-by' },
      choices.startEvent ? `Cohorts by each user's first ${choices.startEvent}. ` : null,
      choices.returnEvent ? `A user counts as back only for ${choices.returnEvent}. ` : null,
      choices.retention === 'on-or-after' ? `Unbounded: a user counts in every ${word} up to the last they came back in.` : null) : null,
  ];
  if (mean.length) {
    const { labels, series } = meanSeries(mean, c.model?.mean);
    parts.push(lineChart({
      title: `Mean retention by ${word}s since ${since}`,
      labels, xTitle: `${word}s since ${since}`, xTip: offsetTip(word),
      series,
      yFormat: fmtPct, yMin: 0, yMax: 1, width, intervalName: '95% interval',
      refLines: fl.plateau != null ? [{ value: fl.plateau, label: `plateau ${fmtPct(fl.plateau)}` }] : [],
      summary: mean.length > 1 ? `${word} 1: ${fmtPct(mean[1].weighted)} weighted; ${word} ${mean[mean.length - 1].offset}: ${fmtPct(mean[mean.length - 1].weighted)}` : undefined,
      notes: [c.window === '24h'
        ? `24-hour windows: ${word} N is the Nth block of ${c.period === 'day' ? '24 h' : c.period === 'week' ? '7 × 24 h' : '30 × 24 h'} after each user's start; each point counts the users old enough for it.`
        : `Calendar ${word}s; complete ${word}s only (the current one is not over).`],
    }));
  }
  parts.push(...modelFigures(c.model, word));
  parts.push(cohortHeatmap(a, word, since));
  return panel('Retention', parts, { wide: true, testid: 'events-retention' });
}

/** @param {EventsAnalysis} a @param {string} word the period's name @param {string} since "signup" or "first seen" */
function cohortHeatmap(a, word, since) {
  const rows = a.cohorts.rows;
  const shownRows = rows.slice(-HEATMAP_ROWS);
  let columns = 0;
  for (const r of shownRows) {
    const lastCell = r.cells.at(-1);
    if (lastCell) columns = Math.max(columns, Math.min(HEATMAP_COLUMNS, lastCell.offset + 1));
  }
  /** @type {(iso: string) => string} */
  const label = a.cohorts.period === 'month' ? (iso) => monthYear.format(asDate(iso)) : (iso) => iso;
  const hidden = rows.length - shownRows.length;
  // The oldest cohort is partial when the data starts inside its period: it holds only the users of its last days.
  const partialFirst = a.cohorts.period !== 'day' && rows.length > 0 && rows[0].start < a.firstDate;
  const longest = rows.reduce((m, r) => Math.max(m, (r.cells.at(-1)?.offset ?? -1) + 1), 0);
  return heatmap({
    title: `Cohort retention: share of each cohort active N ${word}s after ${since}`,
    corner: 'cohort',
    columnsCaption: `${word}s since ${since}`,
    columns: Array.from({ length: columns }, (_, j) => String(j)),
    rows: shownRows.map((r) => {
      const cells = new Array(columns);
      // Only the drawn periods are touched: a 1,000-day triangle has 500k cells.
      for (const cell of r.cells) {
        if (cell.offset >= columns) break;
        cells[cell.offset] = {
          // Colour on a square-root scale: retention mostly sits at 10-40%, where a linear scale is flat.
          value: Math.sqrt(cell.retention), text: `${Math.round(cell.retention * 100)}%`, provisional: cell.provisional,
          title: `${fmtInt(cell.active)} of ${fmtInt(cell.eligible)} active${cell.interval ? ` (95% interval ${fmtPct(cell.interval[0])}–${fmtPct(cell.interval[1])})` : ''}`,
        };
      }
      const partial = partialFirst && r === rows[0];
      return { label: label(r.start), sublabel: `${fmtInt(r.size)} users${partial ? `, partial ${word}` : ''}`, cells };
    }),
    notes: [
      hidden > 0 ? `Showing the ${fmtInt(shownRows.length)} most recent of ${fmtInt(rows.length)} cohorts.` : null,
      partialFirst && hidden === 0 ? `The data starts on ${dayTip(a.firstDate)}, inside the first cohort's ${word}: that cohort is partial.` : null,
      longest > columns ? `Showing ${word}s 0–${columns - 1} of 0–${longest - 1}; the mean curve above uses them all.` : null,
      'Empty cells cannot be measured yet.',
    ].filter(Boolean),
  });
}

/** @param {EventsAnalysis} a @param {number} width */
function growthPanel(a, width) {
  const g = a.growth;
  const word = PERIOD_WORD[a.cohorts?.period ?? ''] ?? 'period';
  const label = dateLabeller(g[0]?.start, g.at(-1)?.start, a.cohorts?.period);
  const labels = g.map((p) => p.start);
  const provisional = g.map((p) => p.provisional);
  // Partial periods: the first when the data starts inside it, and the one holding the as-of day.
  const partial = g.map((p, i) => p.provisional || (i === 0 && p.start < a.firstDate));
  const tipLabel = periodTip(a.cohorts?.period);
  const lastComplete = [...g].reverse().find((p) => !p.provisional && p.quickRatio != null);
  const from = Math.max(0, g.length - GROWTH_BARS);
  const qr = g.slice(from);
  // One left margin for both charts, wide enough for the bars' largest label, so each
  // quick ratio sits under its bar.
  const biggest = Math.max(1, ...g.slice(from).map((p) => Math.max(p.retained + p.newUsers + p.resurrected, p.churned)));
  const minLeft = Math.ceil((fmtCount(biggest * 1.25).length + 1) * CHAR_W) + 12;
  const why = [
    from === 0 && partial[0] && !provisional[0] ? `the data starts on ${dayTip(a.firstDate)}, inside the first ${word}` : null,
    provisional.at(-1) ? `the last ${word} is not over on ${dayTip(a.asOf)}, the last day of the data` : null,
  ].filter(Boolean);
  return panel('Growth accounting', [
    lastComplete ? figureRow([
      { label: `Quick ratio, ${word} of ${lastComplete.start}`, value: ratio(lastComplete.quickRatio ?? 0), big: true, testid: 'quick-ratio' },
      { label: 'New', value: fmtInt(lastComplete.newUsers) },
      { label: 'Resurrected', value: fmtInt(lastComplete.resurrected) },
      { label: 'Churned', value: fmtInt(lastComplete.churned) },
    ]) : null,
    stackedBars({
      title: `Users gained and lost each ${word}`,
      labels, xFormat: label, xTip: tipLabel, xTitle: `${word} starting`, partial, maxBars: GROWTH_BARS, width, yFormat: fmtCount, minLeft,
      partialNote: `Hollow bars with a dashed edge: partial ${word}s, which count only part of a ${word}${why.length ? `: ${why.join('; ')}` : ''}.`,
      series: [
        { name: 'retained', values: g.map((p) => p.retained), className: 'mv-retained' },
        { name: 'new', values: g.map((p) => p.newUsers), className: 'mv-new' },
        { name: 'resurrected', values: g.map((p) => p.resurrected), className: 'mv-resurrected' },
        { name: 'churned', values: g.map((p) => -p.churned), className: 'mv-churned' },
      ],
      extraColumns: [{ name: 'active', values: g.map((p) => p.active), format: fmtInt }, { name: 'quick ratio', values: g.map((p) => p.quickRatio), format: ratio }],
      summary: `${g.length} ${word}s; churned drawn below zero`,
    }),
    !qr.some((p) => !p.provisional && p.quickRatio != null) ? h('p', { class: 'mv-note', text: `No quick ratio yet: it needs a complete ${word} in which someone churned.` }) : lineChart({
      title: `Quick ratio each ${word}: (new + resurrected) / churned`,
      labels: qr.map((p) => p.start), xFormat: label, xTip: tipLabel, xTitle: `${word} starting`, partial: partial.slice(from), yFormat: ratio,
      // The period not over yet is left out: its churn counts everyone not back *yet*.
      series: [{ name: 'quick ratio', values: qr.map((p) => (p.provisional ? null : p.quickRatio ?? null)), className: 'mv-s1' }],
      yMin: 0, yMax: Math.min(QUICK_RATIO_AXIS_MAX, Math.max(2, ...qr.map((p) => p.quickRatio ?? 0))),
      refLines: [{ value: 1, label: '1: as many lost as gained' }], width, height: 200, bands: true, minLeft,
      notes: [
        `Above 1 the active base grows. ${from ? `Last ${fmtInt(qr.length)} of ${fmtInt(g.length)} ${word}s. ` : ''}`
          + `Values above ${QUICK_RATIO_AXIS_MAX} run off the top; gaps are ${word}s where nobody churned.`,
        provisional.at(-1) ? `The last ${word} is not over yet and is left out.` : null,
      ],
    }),
  ], { wide: true, testid: 'events-growth' });
}
