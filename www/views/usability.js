// The usability-test view: what analyzeUsability() found, read straight from
// the UsabilityReport (pkg/web/market_validation.d.ts): the SUS mean with
// its interval, grade, percentile and adjective, the respondents' scores over
// the curved grade scale, UMUX-Lite, each task's completion, time and SEQ
// (views/usability-tasks.js), the columns read and how, what was guessed and
// the option that changes it, and the rows not used. Parts the file did not
// have (no task table, no SUS) are not shown.
import { h, fmt1, fmtPct, fmtRange, fmtInt } from '../lib/dom.js';
import { chartWidth } from '../lib/charts.js';
import { intervalBar } from '../lib/chart-intervals.js';
import { bandedHistogram } from '../lib/chart-bands.js';
import { figureRow, panel, rowIssues, useButton, verdictBadge } from '../lib/widgets.js';
import { fileReadText } from '../lib/files.js';
import { usabilityInPageWords } from './usability-options.js';
import { tasksPanel } from './usability-tasks.js';

/**
 * @import { DetectedColumn, LabelCount, RowReport, SurveyData, SusReport, UmuxLiteReport,
 *   UsabilityReport } from '../../pkg/web/market_validation.js'
 */
/** @import { Tone } from '../lib/widgets.js' */

/** @type {Record<string, string>} */
const DETECTED_BY = { option: 'named in the options', header: 'found by its header', values: 'found by its values' };
/** How a choice was made, in words. @type {Record<string, string>} */
const CHOSEN_BY = {
  option: 'as the options say', header: 'from its header', wording: 'from the statements\' wording', values: 'from the answers', assumed: 'assumed',
};

/** Each column role's name, in the report's order of roles. @type {[RegExp, (m: RegExpMatchArray) => string][]} */
const ROLE_NAMES = [
  [/^participant$/, () => 'Participant'], [/^task$/, () => 'Task'], [/^success$/, () => 'Task success'],
  [/^time$/, () => 'Time on task'], [/^seq$/, () => 'SEQ'], [/^sus(\d+)$/, (m) => `SUS statement ${m[1]}`],
  [/^umuxLiteCapabilities$/, () => 'UMUX-Lite: capabilities'], [/^umuxLiteEase$/, () => 'UMUX-Lite: ease'],
];
/** @param {string} role */
function roleName(role) {
  for (const [re, name] of ROLE_NAMES) {
    const m = role.match(re);
    if (m) return name(m);
  }
  return role;
}
/** The order columns are listed in: by role as ROLE_NAMES lists them, the SUS statements by number. @param {string} role */
const roleOrder = (role) => {
  const k = ROLE_NAMES.findIndex(([re]) => re.test(role));
  const n = Number(role.match(/^sus(\d+)$/)?.[1] ?? 0);
  return (k < 0 ? ROLE_NAMES.length : k) * 100 + n;
};

/** A SUS score: one decimal. @param {number} v */
const score = (v) => fmt1(v);
/** "58th". @param {number} p */
function ordinal(p) {
  const n = Math.round(p);
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' })[n % 10] ?? 'th';
  return `${n}${suffix}`;
}
/** A grade's colour: A and B good, C neutral, D warn, F bad. @param {string} grade @returns {Tone} */
const gradeTone = (grade) => (/^[AB]/.test(grade) ? 'good' : grade.startsWith('C') ? 'neutral' : grade === 'D' ? 'warn' : 'bad');

/**
 * The product data a usability test gives the score: the SUS mean and its respondents.
 * @param {UsabilityReport} report
 * @returns {SurveyData | null} null without a SUS score
 */
export function susSurveyData(report) {
  const s = report.sus?.summary;
  return s ? { susScore: s.mean, susResponses: s.respondents } : null;
}

/**
 * Renders a usability test into `container` (its children are replaced).
 * @param {HTMLElement} container
 * @param {UsabilityReport} report the result of analyzeUsability()
 * @param {{ onUse?: (surveyData: SurveyData) => void, fileName?: string, withSurvey?: boolean }} [opts]
 *   onUse: called with the SUS as survey data by the "Use in the score" button (no button without it,
 *   or without a SUS score); withSurvey: the same file's survey answers are shown in the survey view
 * @returns {HTMLElement} the view's root element
 */
export function renderUsability(container, report, { onUse, fileName, withSurvey = false } = {}) {
  const r = report;
  const width = chartWidth(container);
  const level = fmtPct(r.confidenceLevel);
  const root = h('div', { class: 'mv-view mv-usability', 'data-testid': 'usability-view' });
  const sus = susSurveyData(r);
  const people = r.participants === 1 ? '1 participant' : `${fmtInt(r.participants)} participants`;
  const tasks = r.tasks.length ? `, ${r.tasks.length} task${r.tasks.length === 1 ? '' : 's'}` : '';
  root.append(h('div', { class: 'mv-view-head' },
    h('p', { class: 'mv-lede' },
      fileName ? [h('span', { class: 'mv-file-name', text: fileName }), ': '] : null,
      `${people}${tasks}; every interval at ${level} confidence.`,
      withSurvey ? ' The same file\'s survey answers are in the survey section above.' : null),
    onUse && sus ? useButton(() => onUse(sus), 'Adds the SUS score and its respondents to the survey data (the sample\'s survey figures are cleared; your own are kept).') : null));

  root.append(columnsRead(r));
  root.append(h('p', { class: 'mv-muted mv-file-read', 'data-testid': 'usability-file' }, fileReadText(r.file), ' ', timeUnitText(r)));
  const lineWord = r.file.container === 'xlsx' ? 'row' : 'line';
  if (r.warnings.length) {
    root.append(h('ul', { class: 'mv-warnings', 'data-testid': 'usability-warnings' },
      r.warnings.map((w) => h('li', { 'data-code': w.code, text: usabilityInPageWords(w.message.charAt(0).toUpperCase() + w.message.slice(1)) }))));
  }

  const grid = h('div', { class: 'mv-grid' });
  if (r.sus) grid.append(susPanel(r.sus, r.susAverage, level, width));
  if (r.umuxLite) grid.append(umuxPanel(r.umuxLite, level, width));
  if (r.tasks.length) grid.append(tasksPanel(r, level, width));
  root.append(grid);

  root.append(panel('Rows and answers not used', r.skipped.count
    ? rowIssues('Rows and answers not used', inPageWords(r.skipped), 'rows', lineWord)
    : h('p', { class: 'mv-muted', text: 'Every row was used: no unreadable rows or answers.' }), { wide: true, testid: 'usability-skipped' }));

  container.replaceChildren(root);
  return root;
}

/** A row report with its reasons in the page's words. @param {RowReport} report */
const inPageWords = (report) => ({
  ...report,
  byReason: Object.fromEntries(Object.entries(report.byReason ?? {}).map(([k, n]) => [usabilityInPageWords(k), n])),
  first: (report.first ?? []).map((x) => ({ ...x, reason: usabilityInPageWords(x.reason) })),
});

/** The columns read, by role, each with how it was found. @param {UsabilityReport} r */
function columnsRead(r) {
  /** @type {[string, DetectedColumn][]} */
  const items = Object.entries(r.columns).sort(([a], [b]) => roleOrder(a) - roleOrder(b));
  return h('details', { class: 'mv-columns', 'data-testid': 'usability-columns' },
    h('summary', {}, `Columns read (${items.length})`),
    h('ul', {}, items.map(([role, c]) => h('li', { 'data-role': role },
      h('span', { class: 'mv-col-role', text: `${roleName(role)}: ` }), h('q', { text: c.header }),
      c.question ? [' ', h('q', { class: 'mv-col-question', text: c.question })] : null,
      h('span', { class: 'mv-muted', text: ` (column ${c.index + 1}, ${DETECTED_BY[c.detectedBy] ?? c.detectedBy})` })))));
}

/** How plain-number times were read. @param {UsabilityReport} r */
function timeUnitText(r) {
  if (!r.columns.time) return '';
  return `Times written as plain numbers are read in ${r.timeUnit.unit} (${CHOSEN_BY[r.timeUnit.chosenBy] ?? r.timeUnit.chosenBy}).`;
}

/**
 * The grade scale as bands: each grade from its lowest score to the next grade's.
 * @param {LabelCount[]} grades best first, as the report lists them
 */
function gradeBands(grades) {
  return grades.map((g, i) => ({
    from: g.score, to: i === 0 ? 100 : grades[i - 1].score, label: g.label,
    className: `mv-${gradeTone(g.label)}${i % 2 ? ' mv-band-alt' : ''}`,
  }));
}

/** @param {SusReport} sus @param {number} average the SUS database's average @param {string} level @param {number} width */
function susPanel(sus, average, level, width) {
  const s = sus.summary;
  const version = sus.version === 'all-positive' ? 'the all-positive SUS' : 'the standard SUS';
  const how = `Scored as ${version} (${CHOSEN_BY[sus.versionBy] ?? sus.versionBy}); numeric answers read as coded ${sus.coding.replace('-', ' to ')} (${CHOSEN_BY[sus.codingBy] ?? sus.codingBy}).`;
  const incomplete = sus.incomplete ? `${fmtInt(sus.incomplete)} respondent${sus.incomplete === 1 ? '' : 's'} left statements unanswered: counted, not scored.` : null;
  if (!s) {
    return panel('System Usability Scale (SUS)', [
      h('p', { class: 'mv-note', 'data-testid': 'sus-none', text: 'No respondent answered all ten statements, so there is no SUS score.' }),
      incomplete ? h('p', { class: 'mv-note', text: incomplete }) : null,
      h('p', { class: 'mv-note', text: how }),
    ], { wide: true, testid: 'usability-sus' });
  }
  const iv = s.interval ?? null;
  const tone = gradeTone(s.grade);
  const against = !iv ? `One respondent: no interval, so no comparison with the average of ${average}.`
    : iv[0] > average ? `Above the SUS average of ${average}: the ${level} interval lies above it.`
      : iv[1] < average ? `Below the SUS average of ${average}: the ${level} interval lies below it.`
        : `Not distinguishable from the SUS average of ${average}: the ${level} interval includes it.`;
  const bins = sus.scores.map((x) => ({ value: x.score, count: x.count }));
  const grades = sus.grades;
  /** @param {number} v */
  const gradeOf = (v) => grades.find((g) => v >= g.score)?.label ?? grades[grades.length - 1]?.label ?? '';
  return panel('System Usability Scale (SUS)', [
    figureRow([
      { label: 'SUS score', value: score(s.mean), big: true, testid: 'sus-mean' },
      { label: `${level} interval`, value: iv ? fmtRange(iv, score) : '–', testid: 'sus-interval' },
      { label: 'Grade', value: s.grade, sub: 'curved scale', testid: 'sus-grade' },
      { label: 'Percentile', value: ordinal(s.percentile), sub: 'among published studies', testid: 'sus-percentile' },
      { label: 'Adjective', value: s.adjective, testid: 'sus-adjective' },
      { label: 'Respondents', value: fmtInt(s.respondents), sub: sus.incomplete ? `${fmtInt(sus.incomplete)} incomplete` : null, testid: 'sus-respondents' },
    ]),
    h('p', { class: 'mv-verdict-line' }, verdictBadge(`Grade ${s.grade}`, tone, 'sus-verdict'), ' ', h('span', { 'data-testid': 'sus-against', text: against })),
    bandedHistogram({
      title: 'Respondents\' SUS scores on the curved grade scale',
      bins, binWidth: 2.5, min: 0, max: 100, bands: gradeBands(grades),
      marks: [
        { value: s.mean, interval: iv ?? undefined, label: `Mean ${score(s.mean)}${iv ? ` (${level} interval ${fmtRange(iv, score)})` : ''}`, className: 'mv-s2' },
        { value: average, label: `SUS average ${average}`, dashed: true },
      ],
      format: (v) => (Number.isInteger(v) ? String(v) : v.toFixed(1)), bandOf: gradeOf,
      xTitle: 'SUS score', countName: 'respondents', bandName: 'grade',
      summary: `${fmtInt(s.respondents)} scores; mean ${score(s.mean)}, grade ${s.grade}; ${grades.filter((g) => g.count).map((g) => `${g.label}: ${g.count}`).join(', ')}`,
      width,
    }),
    gradesTable(sus),
    h('p', { class: 'mv-note' }, how, incomplete ? ` ${incomplete}` : null,
      ' Grades: Sauro and Lewis\'s curved scale; percentile: a normal distribution of study means around 68; adjective: the nearest of Bangor, Kortum and Miller\'s means.'),
  ], { wide: true, testid: 'usability-sus' });
}

/** Respondents by grade (with each grade's scores) and by adjective. @param {SusReport} sus */
function gradesTable(sus) {
  const grades = sus.grades;
  const range = (/** @type {number} */ i) => (i === 0 ? `${score(grades[0].score)}–100` : `${score(grades[i].score)}–${score(grades[i - 1].score)}`);
  return h('details', { class: 'mv-columns', 'data-testid': 'sus-grades' },
    h('summary', {}, 'Respondents by grade and by adjective'),
    h('div', { class: 'mv-table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Respondents by grade (scrollable)' },
      h('table', { class: 'mv-table' },
        h('caption', { class: 'mv-visually-hidden', text: 'Respondents by grade on the curved scale' }),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Grade' }), h('th', { scope: 'col', class: 'mv-num', text: 'Scores' }),
          h('th', { scope: 'col', class: 'mv-num', text: 'Respondents' }))),
        h('tbody', {}, grades.map((g, i) => h('tr', {}, h('th', { scope: 'row', text: g.label }),
          h('td', { class: 'mv-num', text: range(i) }), h('td', { class: 'mv-num', text: fmtInt(g.count) })))))),
    h('ul', { class: 'mv-plain-list' }, sus.adjectives.map((a) => h('li', {},
      h('span', { class: 'mv-count', text: fmtInt(a.count) }), ` ${a.label} (respondents' mean ${score(a.score)})`))));
}

/** @param {UmuxLiteReport} u @param {string} level @param {number} width */
function umuxPanel(u, level, width) {
  const iv = u.interval ?? null;
  return panel('UMUX-Lite', [
    u.mean != null ? [
      figureRow([
        { label: 'UMUX-Lite', value: score(u.mean), big: true, testid: 'umux-mean' },
        { label: `${level} interval`, value: iv ? fmtRange(iv, score) : '–', testid: 'umux-interval' },
        { label: 'On the SUS scale', value: u.susEstimate != null ? score(u.susEstimate) : '–', sub: 'regression estimate', testid: 'umux-sus-estimate' },
        { label: 'Respondents', value: fmtInt(u.respondents), sub: u.incomplete ? `${fmtInt(u.incomplete)} incomplete` : null, testid: 'umux-respondents' },
      ]),
      intervalBar({
        title: `UMUX-Lite (0–100) with its ${level} interval`, value: u.mean, interval: iv ?? undefined, min: 0, max: 100,
        format: score, tickFormat: String, intervalName: `${level} interval`,
        summary: `${score(u.mean)}${iv ? `, interval ${fmtRange(iv, score)}` : ''}`, width,
      }),
    ] : h('p', { class: 'mv-note', text: 'No respondent answered both statements.' }),
    h('p', { class: 'mv-note', text: `The SUS-scale figure is Lewis, Utesch and Maher's regression (0.65 × UMUX-Lite + 22.9), which runs low for high scores: read it beside the UMUX-Lite score, not as a SUS score.${u.incomplete ? ` ${fmtInt(u.incomplete)} respondent${u.incomplete === 1 ? '' : 's'} answered one statement of two: counted, not scored.` : ''}` }),
  ], { testid: 'usability-umux' });
}

