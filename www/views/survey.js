// The survey-answers view: what analyzeSurvey() found, with every figure's
// interval, read straight from the SurveyAnalysis (pkg/web/market_validation.d.ts).
// Parts the file did not have (no NPS column, no segments...) are not shown.
import { h, fmt, fmt1, fmtPct, fmtRange, fmtInt, fmtCount } from '../lib/dom.js';
import { barChart, intervalBar, intervalChart, splitBar, chartWidth } from '../lib/charts.js';
import { figureRow, panel, rowIssues, useButton, verdictBadge } from '../lib/widgets.js';
import { fileReadText } from '../lib/files.js';
import { enginePanel } from './survey-engine.js';
import { requestsPanel } from './survey-requests.js';

/**
 * @import { Change, CsatSummary, DetectedColumn, FeatureSummary, NpsSummary, PmfSummary, SegmentBreakdown, SurveyAnalysis,
 *   SurveyData, SurveyWaves } from '../../pkg/web/market_validation.js'
 */
/** @import { Tone } from '../lib/widgets.js' */

/** @type {Record<string, [string, Tone]>} */
const PMF_VERDICTS = {
  above_bar: ['Above the bar', 'good'],
  below_bar: ['Below the bar', 'bad'],
  not_distinguishable: ['Not distinguishable from the bar', 'warn'],
  too_few_answers: ['Too few answers to tell', 'neutral'],
};
/** @type {Record<string, string>} */
const DETECTED_BY = { option: 'named in the options', header: 'found by its header', values: 'found by its values', array: 'given as an array' };

/** The library's option names as the page's survey options call them. @type {[RegExp, string][]} */
const PAGE_WORDS = [
  [/options\.includePartial keeps it/g, 'tick "Keep unfinished responses" in the survey options to keep it'],
  [/pass options\.scales\.csat = "descending"/g, 'choose "1 = most satisfied" under "Satisfaction codes" in the survey options'],
  [/pass options\.dateOrder = "day-month"/g, 'choose "Day first" under "Dates written" in the survey options'],
  [/pass options\.dateOrder = "month-day"/g, 'choose "Month first" under "Dates written" in the survey options'],
  [/name it in options\.columns\.nps/g, 'name it under "NPS column" in the survey options'],
  [/name it in options\.columns\.pmf/g, 'name it under "Sean Ellis column" in the survey options'],
  [/name it in options\.columns\.csat/g, 'name it under "Satisfaction column" in the survey options'],
  [/name it in options\.columns\.date/g, 'name it under "Completion date column" in the survey options'],
  [/(?:name (?:it|the free-text column) in )options\.columns\.requests/g, 'name it under "Free-text columns: feature requests" in the survey options'],
  [/(?:name (?:it|the free-text column) in )options\.columns\.(mainBenefit|whoBenefits|improve)/g, 'name it under "Free-text columns" in the survey options'],
  [/name one in options\.columns\.segment or \.segments/g, 'name them under "Segment columns" in the survey options'],
  [/options\.minSegmentSize/g, '"Smallest segment ranked" in the survey options'],
  [/fewer than minSegmentSize \(([^)]+)\) answers/g, 'fewer than $1 answers ("Smallest segment ranked" in the survey options)'],
  [/name them in options\.columns/g, 'name them in the survey options'],
];
/** The library's text in the page's words (its options named as the page shows them). @param {string} text */
export const inPageWords = (text) => PAGE_WORDS.reduce((t, [re, words]) => t.replace(re, words), text);
/**
 * A row report with its reasons in the page's words.
 * @param {import('../../pkg/web/market_validation.js').RowReport} report
 */
const reportInPageWords = (report) => ({
  ...report,
  byReason: Object.fromEntries(Object.entries(report.byReason ?? {}).map(([k, n]) => [inPageWords(k), n])),
  first: (report.first ?? []).map((r) => ({ ...r, reason: inPageWords(r.reason) })),
});

/** @param {number} n */
const signed = (n) => `${n > 0 ? '+' : ''}${fmt1(n)}`;
/** @param {[number, number]} iv */
const npsRange = (iv) => `${signed(iv[0])} to ${signed(iv[1])}`;
/** @param {[number, number]} iv */
const pctRange = (iv) => fmtRange(iv, fmtPct);
/** A mean rating: two decimals. @param {number} v */
const rating = (v) => v.toFixed(2);

/**
 * Readable names for feature rating columns: without the question around the
 * feature ("Rate: Dashboards", "Rating - Alerts", "How would you rate the
 * exports?", "Dashboards rating (1-5)" -> "Dashboards", "Alerts", "Exports",
 * "Dashboards"), then without a prefix every column shares ("Feature - ").
 * A name that would end up empty, or the same as another, stays whole.
 * @param {string[]} headers
 * @returns {string[]}
 */
export function featureNames(headers) {
  const scale = /\s*[([]\s*(?:(?:on\s+a\s+)?(?:scale\s+(?:of\s+)?)?\d+\s*(?:-|–|—|to)\s*\d+)\s*[)\]]\s*$/i;
  const sep = '(?:\\s*[:\\-–—|/]\\s*|\\s+)';
  const lead = new RegExp(`^(?:q\\d+[.:)]?\\s*)?(?:please\\s+)?(?:(?:how\\s+(?:would|do|did|will)\\s+you\\s+)?(?:rate|rating)s?(?:\\s+(?:of|for|on))?)${sep}(?:(?:the|your|our)\\s+(?=\\S))?`, 'i');
  const trail = /(?:\s*[:\-–—|]\s*|\s+)ratings?\s*$/i;
  const clean = headers.map((raw) => {
    let t = raw.trim().replace(scale, '').replace(/[?:]\s*$/, '').trim();
    const before = t;
    t = t.replace(lead, '').replace(trail, '').replace(scale, '').replace(/^["'“‘]|["'”’]$/g, '').trim();
    if (!t || !/[\p{L}\p{N}]/u.test(t)) t = before || raw;
    return t.charAt(0).toUpperCase() + t.slice(1);
  });
  // A prefix every name shares, up to a separator ("Feature - ", "Module: ").
  if (clean.length > 1) {
    let common = clean[0];
    for (const c of clean) while (common && !c.startsWith(common)) common = common.slice(0, -1);
    const cut = Math.max(common.lastIndexOf(': '), common.lastIndexOf(' - '), common.lastIndexOf(' – '), common.lastIndexOf(' — '));
    if (cut > 0) {
      const rest = clean.map((c) => c.slice(cut + 2).replace(/^[-–—:]?\s*/, ''));
      if (rest.every((r) => /[\p{L}\p{N}]/u.test(r))) clean.splice(0, clean.length, ...rest.map((r) => r.charAt(0).toUpperCase() + r.slice(1)));
    }
  }
  // Two columns that now read the same keep their whole headers.
  return clean.map((c, i) => (clean.indexOf(c) !== clean.lastIndexOf(c) ? headers[i].trim() || c : c));
}

/**
 * Renders a survey analysis into `container` (its children are replaced).
 * @param {HTMLElement} container
 * @param {SurveyAnalysis} analysis the result of analyzeSurvey()
 * @param {{ onUse?: (surveyData: SurveyData) => void, fileName?: string, usability?: { sus?: boolean, error?: string } }} [opts]
 *   onUse: called with `analysis.surveyData` by the "Use in the score" button (no button without it);
 *   usability: the file also holds a usability test, shown in the usability section (`sus`: with a SUS
 *   score, which "Use in the score" adds), or why it could not be read (`error`)
 * @returns {HTMLElement} the view's root element
 */
export function renderSurvey(container, analysis, { onUse, fileName, usability } = {}) {
  const a = analysis;
  const width = chartWidth(container);
  const level = fmtPct(a.confidenceLevel);
  const root = h('div', { class: 'mv-view mv-survey', 'data-testid': 'survey-view' });

  root.append(h('div', { class: 'mv-view-head' },
    h('p', { class: 'mv-lede' },
      fileName ? [h('span', { class: 'mv-file-name', text: fileName }), ': '] : null,
      `${fmtInt(a.responses)} responses with at least one usable answer; every interval at ${level} confidence.`),
    onUse ? useButton(() => onUse(a.surveyData), `Adds NPS, Sean Ellis, CSAT${usability?.sus ? ', feature ratings and the SUS score' : ' and feature ratings'} to the product data.`) : null));
  if (usability?.error) {
    root.append(h('p', { class: 'mv-note', 'data-testid': 'survey-usability', text: `This file also holds usability questions (the SUS, UMUX-Lite or a task table), which could not be read: ${usability.error}` }));
  } else if (usability) {
    root.append(h('p', { class: 'mv-highlight', 'data-testid': 'survey-usability' },
      'This file also holds a usability test: see ', h('a', { href: '#usability-section', text: 'the usability test section' }),
      usability.sus ? ' for its SUS score, which "Use in the score" adds with the survey\'s figures.' : '.'));
  }

  /** @type {Partial<SurveyAnalysis['columns']>} */
  const cols = a.columns ?? {};
  /** @type {[string, DetectedColumn | undefined][]} */
  const roles = [
    ['NPS', cols.nps], ['Sean Ellis', cols.pmf], ['Satisfaction', cols.csat], ['Segment', cols.segment],
    ...(cols.features ?? []).map((f) => /** @type {[string, DetectedColumn]} */ (['Feature rating', f])),
    ['Main benefit', a.engine?.columns.mainBenefit], ['Who benefits', a.engine?.columns.whoBenefits],
    ['How to improve', a.engine?.columns.improve], ['Feature requests', a.featureRequests?.column],
  ];
  const colItems = roles.flatMap(([what, c]) => (c ? [/** @type {const} */ ([what, c])] : []));
  if (colItems.length) {
    root.append(h('details', { class: 'mv-columns' },
      h('summary', {}, `Columns read (${colItems.length})`),
      h('ul', {}, colItems.map(([what, c]) => h('li', {},
        h('span', { class: 'mv-col-role', text: `${what}: ` }), h('q', { text: c.header }),
        c.question ? [' ', h('q', { class: 'mv-col-question', text: c.question })] : null,
        h('span', { class: 'mv-muted', text: ` (column ${c.index + 1}, ${DETECTED_BY[c.detectedBy] ?? c.detectedBy})` }))))));
  }

  // How the file was read, and what was guessed on the way (coded answers, a scale's direction).
  if (a.file) {
    root.append(h('p', { class: 'mv-muted mv-file-read', 'data-testid': 'survey-file' }, fileReadText(a.file)));
  }
  // A workbook's problems are told by the sheet's row.
  const lineWord = a.file?.container === 'xlsx' ? 'row' : 'line';
  if (a.warnings?.length) {
    root.append(h('ul', { class: 'mv-warnings', 'data-testid': 'survey-warnings' },
      a.warnings.map((w) => h('li', { 'data-code': w.code, text: inPageWords(w.message.charAt(0).toUpperCase() + w.message.slice(1)) }))));
  }

  const grid = h('div', { class: 'mv-grid' });
  root.append(grid);
  if (a.nps) grid.append(npsPanel(a.nps, level, width));
  if (a.pmf) grid.append(pmfPanel(a.pmf, level, width));
  if (a.csat) grid.append(csatPanel(a.csat, level, width));
  if (a.features?.length) grid.append(featuresPanel(a.features, level, width));
  if (a.segments?.segments?.length) root.append(segmentsPanel(a.segments, a, level, width));
  // Every other segment column, each broken down on its own.
  for (const [column, breakdown] of Object.entries(a.segmentsByColumn ?? {})) {
    if (column !== a.segments?.column && breakdown.segments.length) root.append(segmentsPanel(breakdown, a, level, width, false));
  }
  if (a.engine) root.append(enginePanel(a.engine, width, inPageWords));
  if (a.featureRequests) root.append(requestsPanel(a.featureRequests, cols, inPageWords));
  if (a.waves?.waves?.length) root.append(wavesPanel(a.waves, level));

  const unused = [
    a.skipped?.count ? rowIssues('Rows not used', reportInPageWords(a.skipped), 'rows', lineWord) : null,
    a.invalidAnswers?.count ? rowIssues('Answers not used (in rows otherwise used)', reportInPageWords(a.invalidAnswers), 'answers', lineWord) : null,
  ].filter(Boolean);
  root.append(panel('Rows and answers not used', unused.length ? unused
    : [h('p', { class: 'mv-muted', text: 'Every row was used: no unreadable rows or answers.' })], { wide: true, testid: 'survey-skipped' }));

  container.replaceChildren(root);
  return root;
}

/** @param {NpsSummary} nps @param {string} level the confidence level, as a percentage @param {number} width */
function npsPanel(nps, level, width) {
  const more = nps.sampleSize?.more;
  return panel('Net Promoter Score', [
    figureRow([
      { label: 'NPS', value: signed(nps.score), big: true, testid: 'nps-score' },
      { label: `${level} interval`, value: npsRange(nps.interval) },
      { label: 'Answers', value: fmtInt(nps.n), sub: nps.blank ? `${fmtInt(nps.blank)} blank` : null },
    ]),
    splitBar({
      title: 'Promoters, passives and detractors',
      parts: [
        { name: 'Promoters (9–10)', value: nps.promoters, className: 'mv-good' },
        { name: 'Passives (7–8)', value: nps.passives, className: 'mv-neutral' },
        { name: 'Detractors (0–6)', value: nps.detractors, className: 'mv-bad' },
      ],
      summary: `${fmtInt(nps.promoters)} promoters, ${fmtInt(nps.passives)} passives, ${fmtInt(nps.detractors)} detractors`,
      width,
    }),
    intervalBar({
      title: `NPS with its ${level} interval`, value: nps.score, interval: nps.interval, min: -100, max: 100, intervalName: `${level} interval`,
      format: (v) => signed(v).replace(/\.0$/, ''), threshold: { value: 0, label: '0' },
      summary: `${signed(nps.score)}, interval ${npsRange(nps.interval)}`, width,
    }),
    nps.distribution?.length === 11 ? barChart({
      title: 'Answers by score', labels: nps.distribution.map((_, i) => String(i)), values: nps.distribution,
      classFor: (i) => (i >= 9 ? 'mv-good' : i >= 7 ? 'mv-neutral' : 'mv-bad'), xTitle: 'score (0–10)', yTitle: 'answers',
      xTip: (l) => `Score ${l}`,
      yFormat: fmtCount, height: 180, width,
    }) : null,
    h('p', { class: 'mv-note' },
      `±${fmt1(nps.marginOfError)} points (${nps.method === 'wald' ? 'Wald' : 'adjusted Wald'} interval). `,
      nps.sampleSize ? (more > 0
        ? `For ±${fmt(nps.sampleSize.margin)} points, about ${fmtInt(nps.sampleSize.needed)} answers are needed: ${fmtInt(more)} more.`
        : `Enough answers for ±${fmt(nps.sampleSize.margin)} points (${fmtInt(nps.sampleSize.needed)} needed).`) : null),
  ], { testid: 'survey-nps' });
}

/** @param {PmfSummary} pmf @param {string} level @param {number} width */
function pmfPanel(pmf, level, width) {
  const [verdictText, tone] = PMF_VERDICTS[pmf.verdict] ?? [pmf.verdict, 'neutral'];
  const bar = `${fmtPct(pmf.bar)} bar`;
  return panel('Sean Ellis test', [
    figureRow([
      { label: 'Very disappointed', value: fmtPct(pmf.veryDisappointedShare), big: true, testid: 'pmf-share' },
      { label: `${level} interval, two-sided`, value: pctRange(pmf.interval) },
      // The bound the one-sided test reads: it agrees with the verdict beside it.
      { label: `${level} one-sided bound`, value: `${pmf.veryDisappointedShare >= pmf.bar ? '≥' : '≤'} ${fmtPct(pmf.oneSidedBound)}`, testid: 'pmf-one-sided' },
      { label: 'Answers from users', value: fmtInt(pmf.n), sub: pmf.blank ? `${fmtInt(pmf.blank)} blank` : null },
    ]),
    h('p', { class: 'mv-verdict-line' }, verdictBadge(verdictText, tone, 'pmf-verdict'), ' ', h('span', { text: pmf.reading })),
    intervalBar({
      title: `"Very disappointed" share against the ${bar}`, value: pmf.veryDisappointedShare, interval: pmf.interval,
      min: 0, max: 1, format: fmtPct, threshold: { value: pmf.bar, label: bar }, className: `mv-${tone}`, intervalName: `${level} interval`,
      summary: `${fmtPct(pmf.veryDisappointedShare)}, interval ${pctRange(pmf.interval)}; ${verdictText.toLowerCase()}`, width,
    }),
    splitBar({
      title: 'How users would feel without the product',
      parts: [
        { name: 'Very disappointed', value: pmf.veryDisappointed, className: 'mv-good' },
        { name: 'Somewhat disappointed', value: pmf.somewhatDisappointed, className: 'mv-neutral' },
        { name: 'Not disappointed', value: pmf.notDisappointed, className: 'mv-bad' },
      ],
      summary: `${fmtInt(pmf.veryDisappointed)} very, ${fmtInt(pmf.somewhatDisappointed)} somewhat, ${fmtInt(pmf.notDisappointed)} not disappointed`,
      width,
    }),
    h('p', { class: 'mv-note' },
      `Confidence that the true share is above the bar: ${fmtPct(pmf.aboveBar)}. `,
      pmf.noLongerUse ? `${fmtInt(pmf.noLongerUse)} answered "I no longer use it": counted, left out of the share. ` : null,
      pmf.moreAnswersNeeded ? `If the share held, about ${fmtInt(pmf.moreAnswersNeeded)} more answers would tell it from the bar.` : null),
  ], { testid: 'survey-pmf' });
}

/** @param {CsatSummary} csat @param {string} level @param {number} width */
function csatPanel(csat, level, width) {
  return panel('Customer satisfaction (CSAT)', [
    figureRow([
      { label: 'Satisfied (4–5)', value: fmtPct(csat.share), big: true, testid: 'csat-share' },
      { label: `${level} interval`, value: pctRange(csat.interval) },
      { label: 'Mean rating', value: `${rating(csat.mean)} / 5`, sub: `interval ${fmtRange(csat.meanInterval, rating)}` },
      { label: 'Answers', value: fmtInt(csat.n), sub: csat.blank ? `${fmtInt(csat.blank)} blank` : null },
    ]),
    intervalBar({
      title: `CSAT share with its ${level} interval`, value: csat.share, interval: csat.interval, min: 0, max: 1,
      format: fmtPct, intervalName: `${level} interval`, summary: `${fmtPct(csat.share)}, interval ${pctRange(csat.interval)}`, width,
    }),
    csat.distribution?.length === 5 ? barChart({
      title: 'Answers by rating', labels: ['1', '2', '3', '4', '5'], values: csat.distribution,
      classFor: (i) => (i >= 3 ? 'mv-good' : i === 2 ? 'mv-neutral' : 'mv-bad'), xTitle: 'rating (1–5)', yTitle: 'answers',
      xTip: (l) => `Rating ${l}`,
      yFormat: fmtCount, height: 170, width,
    }) : null,
  ], { testid: 'survey-csat' });
}

/** @param {FeatureSummary[]} features @param {string} level @param {number} width */
function featuresPanel(features, level, width) {
  const names = featureNames(features.map((f) => f.name));
  const sorted = features.map((f, i) => ({ f, name: names[i] })).sort((x, y) => y.f.mean - x.f.mean);
  return panel('Feature ratings', [
    intervalChart({
      title: `Mean rating (1–5) with its ${level} interval, best first`,
      rows: sorted.map(({ f, name }) => ({
        label: name, value: f.mean, interval: f.n ? f.interval : undefined, muted: !f.n,
        note: `${fmtInt(f.n)} rating${f.n === 1 ? '' : 's'}`, detail: name !== f.name ? `column "${f.name}"` : undefined,
      })),
      min: 1, max: 5, ticks: [1, 2, 3, 4, 5], tickFormat: String, axisEnds: ['1 = lowest', '5 = highest'],
      format: rating, valueName: 'mean rating', intervalName: `${level} interval`, width,
      summary: sorted.map(({ f, name }) => `${name} ${rating(f.mean)}`).join(', '),
    }),
    h('p', { class: 'mv-note', text: `${sorted.length} rated feature${sorted.length === 1 ? '' : 's'}; ratings per feature are in the data table.` }),
  ], { testid: 'survey-features' });
}

/** @param {SegmentBreakdown} seg @param {SurveyAnalysis} a @param {string} level @param {number} width @param {boolean} [first] the first segment column's (else one of the others) */
function segmentsPanel(seg, a, level, width, first = true) {
  const rows = seg.segments;
  const small = rows.filter((r) => r.small).length;
  // A Qualtrics column id (Q5) says less than its question.
  const question = (a.columns?.segments ?? []).find((c) => c.header === seg.column)?.question ?? a.columns?.segment?.question;
  const column = question ? `${question}" (${seg.column})` : `${seg.column}"`;
  /** @type {HTMLElement[]} */
  const parts = [
    h('p', { class: 'mv-note' },
      `By "${column}: ${rows.length} segment${rows.length === 1 ? '' : 's'}, largest first. `,
      small ? `${small} with fewer than ${fmtInt(seg.minSegmentSize)} answers ${small === 1 ? 'is' : 'are'} marked small: shown, not ranked.` : null),
  ];
  if (seg.lovesMost) parts.push(h('p', { class: 'mv-highlight', 'data-testid': 'segment-loves-most', text: seg.lovesMost.reading }));
  // The segments with a Sean Ellis share, and those with an NPS, each with that summary.
  const pmfRows = rows.flatMap((r) => (r.pmf ? [{ r, pmf: r.pmf }] : []));
  if (pmfRows.length) {
    const bar = pmfRows[0].pmf.bar;
    parts.push(intervalChart({
      title: `Sean Ellis "very disappointed" share by segment, against the ${fmtPct(a.pmf?.bar ?? bar)} bar`,
      rows: pmfRows.map(({ r, pmf }) => ({
        label: r.small ? `${r.name} (small)` : r.name, value: pmf.veryDisappointedShare,
        interval: pmf.n ? pmf.interval : undefined, muted: r.small, note: `${fmtInt(pmf.n)} answers${r.small ? ', small' : ''}`,
      })),
      min: 0, max: 1, format: fmtPct, threshold: { value: bar, label: `${fmtPct(bar)} bar` },
      valueName: 'very disappointed', intervalName: `${level} interval`, width,
    }));
  }
  const npsRows = rows.flatMap((r) => (r.nps ? [{ r, nps: r.nps }] : []));
  if (npsRows.length) {
    parts.push(intervalChart({
      title: 'NPS by segment',
      rows: npsRows.map(({ r, nps }) => ({
        label: r.small ? `${r.name} (small)` : r.name, value: nps.score, interval: nps.n ? nps.interval : undefined,
        muted: r.small, note: `${fmtInt(nps.n)} answers${r.small ? ', small' : ''}`,
      })),
      min: -100, max: 100, format: (v) => signed(v).replace(/\.0$/, ''), threshold: { value: 0, label: '0' }, valueName: 'NPS',
      intervalName: `${level} interval`, width,
    }));
  }
  // The whole breakdown as a table: every figure with its interval.
  const table = h('table', { class: 'mv-table mv-segments' },
    h('caption', { class: 'mv-visually-hidden', text: `Every metric by ${seg.column}` }),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col', text: 'Segment' }), h('th', { scope: 'col', class: 'mv-num', text: 'Rows' }),
      h('th', { scope: 'col', class: 'mv-num', text: 'NPS' }), h('th', { scope: 'col', class: 'mv-num', text: 'Very disappointed' }),
      h('th', { scope: 'col', class: 'mv-num', text: 'CSAT' }))),
    h('tbody', {}, rows.map((r) => h('tr', { class: r.small ? 'mv-small' : null },
      h('th', { scope: 'row' }, h('span', { text: r.name }), r.small ? h('span', { class: 'mv-tag', text: 'small' }) : null),
      h('td', { class: 'mv-num', text: fmtInt(r.responses) }),
      cell(r.nps, (n) => signed(n.score), (n) => npsRange(n.interval), (n) => n.n),
      cell(r.pmf, (p) => fmtPct(p.veryDisappointedShare), (p) => pctRange(p.interval), (p) => p.n),
      cell(r.csat, (c) => fmtPct(c.share), (c) => pctRange(c.interval), (c) => c.n)))));
  parts.push(h('div', { class: 'mv-table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Segments table (scrollable)' }, table));
  if (seg.rowsBeyondSegmentLimit) {
    parts.push(h('p', { class: 'mv-note', text: `${fmtInt(seg.rowsBeyondSegmentLimit)} rows had a segment beyond the first 1,000 distinct segments and are not broken down.` }));
  }
  return first ? panel('Segments', parts, { wide: true, testid: 'survey-segments' })
    : panel(`Segments by ${seg.column}`, parts, { wide: true, testid: 'survey-segments-more' });
}

/**
 * The answers by completion month or quarter: each wave's figures with their intervals, and
 * the change from the wave before, marked when its interval excludes no change.
 * @param {SurveyWaves} w @param {string} level
 */
function wavesPanel(w, level) {
  /** @param {Change | undefined} c @param {(v: number) => string} f */
  const change = (c, f) => (c
    ? h('span', { class: `mv-sub${c.distinguishable ? ' mv-changed' : ''}`, title: c.reading, text: `${c.change > 0 ? '+' : ''}${f(c.change)}${c.distinguishable ? ' (a real change)' : ''}` })
    : null);
  const table = h('table', { class: 'mv-table mv-waves', 'data-testid': 'survey-waves-table' },
    h('caption', { class: 'mv-visually-hidden', text: `Every metric by ${w.period} of "${w.column}"` }),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col', text: w.period === 'month' ? 'Month' : 'Quarter' }), h('th', { scope: 'col', class: 'mv-num', text: 'Rows' }),
      h('th', { scope: 'col', class: 'mv-num', text: 'NPS' }), h('th', { scope: 'col', class: 'mv-num', text: 'Very disappointed' }),
      h('th', { scope: 'col', class: 'mv-num', text: 'CSAT' }))),
    h('tbody', {}, w.waves.map((r) => {
      const c = r.changeFromPrevious;
      const withChange = (/** @type {HTMLElement} */ td, /** @type {HTMLElement | null} */ ch) => { if (ch) td.append(ch); return td; };
      return h('tr', {},
        h('th', { scope: 'row', text: r.wave }),
        h('td', { class: 'mv-num', text: fmtInt(r.responses) }),
        withChange(cell(r.nps, (n) => signed(n.score), (n) => npsRange(n.interval), (n) => n.n), change(c?.nps, fmt1)),
        withChange(cell(r.pmf, (p) => fmtPct(p.veryDisappointedShare), (p) => pctRange(p.interval), (p) => p.n), change(c?.pmf, fmtPct)),
        withChange(cell(r.csat, (x) => fmtPct(x.share), (x) => pctRange(x.interval), (x) => x.n), change(c?.csat, fmtPct)));
    })));
  const parts = [
    h('p', { class: 'mv-note', text: `By ${w.period} of "${w.column}", oldest first; intervals at ${level}. A change is called real when its interval excludes no change (the statistics of compareSurveys).` }),
    h('div', { class: 'mv-table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Waves table (scrollable)' }, table),
  ];
  if (w.rowsWithoutDate) parts.push(h('p', { class: 'mv-note', text: `${fmtInt(w.rowsWithoutDate)} rows had no readable date: in the totals, in no wave.` }));
  return panel('Waves', parts, { wide: true, testid: 'survey-waves' });
}

/**
 * A table cell: value, then its interval and n underneath; a dash when absent.
 * @template T
 * @param {T | undefined} summary @param {(s: T) => string} value @param {(s: T) => string} interval @param {(s: T) => number} n
 */
function cell(summary, value, interval, n) {
  if (!summary || !n(summary)) return h('td', { class: 'mv-num mv-muted', text: '–' });
  return h('td', { class: 'mv-num' }, h('span', { text: value(summary) }),
    h('span', { class: 'mv-sub', text: `${interval(summary)} · n ${fmtInt(n(summary))}` }));
}
