// The command line's readable reports: a survey's NPS, Sean Ellis test,
// CSAT and feature requests, events' actives, stickiness and retention, or a
// usability test's SUS, UMUX-Lite and tasks, with the columns chosen, the
// score inputs (what analyze() takes), warnings and the rows not used. Plain
// text, 100 columns at most.

const pct = (x) => `${(100 * x).toFixed(1)}%`;
const num = (x, digits = 1) => (Number.isInteger(x) ? x.toLocaleString('en-US') : x.toLocaleString('en-US', { maximumFractionDigits: digits }));
/** A figure to `digits` decimals, trailing zeros kept: `fixed(2)(3.9)` is `3.90`. */
const fixed = (digits) => (x) => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const signed = (x) => `${x > 0 ? '+' : ''}${x.toFixed(1)}`;
/** An interval's ends, each formatted: `61.5 to 80.1`. */
const span = (iv, format) => `${format(iv[0])} to ${format(iv[1])}`;
/** `1 answer`, `3 answers`. */
const plural = (n, noun) => `${num(n)} ${noun}${n === 1 ? '' : 's'}`;
/** A text cut to `max` characters, an ellipsis marking the cut. */
const clip = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const BY = { option: 'named', header: 'found by its header', values: 'found by its values', source: "the tool's own", array: 'given' };

/** `Label   value` lines, the labels padded to one width. @param {[string, string][]} rows */
function table(rows) {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n');
}

/** How a column was found, in words. */
const foundBy = (c) => BY[c.detectedBy] ?? c.detectedBy;
/** A column as found: `"How likely…" (found by its header)`. */
const column = (c) => `"${clip(c.header, 60)}" (${foundBy(c)})`;
/** A confidence level as a percentage: `95%`. */
const levelOf = (x) => `${Math.round(100 * x)}%`;

/** How a survey file was read: `a qualtrics export (csv, utf-8)`. */
const fileRead = (f) => (f ? `${f.source === 'unknown' ? 'an' : `a ${f.source}`} export (${f.container}, ${f.encoding})` : 'answers');

/** Flattens the score inputs into `path: value` rows. */
function inputs(prefix, value, out = []) {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) inputs(`${prefix}.${k}`, v, out);
  } else if (value !== undefined && value !== null) {
    out.push([prefix, typeof value === 'number' ? num(value, 4) : String(value)]);
  }
  return out;
}

/** Warnings and rows not used, shared by both reports. */
function tail(result, skipped) {
  const parts = [];
  if (result.warnings?.length) {
    parts.push(`Warnings\n${result.warnings.map((w) => `  - ${w.message}`).join('\n')}`);
  }
  if (skipped?.count) {
    const reasons = Object.entries(skipped.byReason).map(([r, n]) => `${n} × ${r}`).join('; ');
    const first = skipped.first.slice(0, 5).map((r) => `line ${r.line ?? r.index}: ${r.reason}`).join('\n    ');
    parts.push(`Rows not used: ${num(skipped.count)} (${reasons})\n    ${first}`);
  }
  return parts;
}

/** The survey report. */
export function surveyReport(file, s) {
  const lines = [`${file}: ${fileRead(s.file)}, ${num(s.responses)} responses`];
  const cols = Object.entries({ NPS: s.columns.nps, 'Sean Ellis': s.columns.pmf, Satisfaction: s.columns.csat, Segment: s.columns.segment })
    .filter(([, c]) => c).map(([role, c]) => [role, column(c)]);
  if (cols.length) lines.push('', 'Columns read', table(cols));
  const level = levelOf(s.confidenceLevel);
  const figures = [];
  if (s.nps) {
    figures.push(['NPS', `${signed(s.nps.score)}, ${level} interval ${span(s.nps.interval, signed)} `
      + `(n = ${num(s.nps.n)}: ${num(s.nps.promoters)} promoters, ${num(s.nps.passives)} passives, ${num(s.nps.detractors)} detractors)`]);
  }
  if (s.pmf) {
    figures.push(['Sean Ellis', `${pct(s.pmf.veryDisappointedShare)} very disappointed, interval ${span(s.pmf.interval, pct)} (n = ${num(s.pmf.n)})`]);
    figures.push(['', s.pmf.reading]);
  }
  if (s.csat) figures.push(['CSAT', `${pct(s.csat.share)} satisfied, interval ${span(s.csat.interval, pct)}; mean ${s.csat.mean.toFixed(2)} of 5 (n = ${num(s.csat.n)})`]);
  if (figures.length) lines.push('', table(figures));
  const scoreInputs = `Score inputs (analyze({ surveyData }))\n${table(inputs('surveyData', s.surveyData))}`;
  return [lines.join('\n'), ...(s.featureRequests ? [requests(s.featureRequests)] : []), scoreInputs, ...tail(s, s.skipped)].join('\n\n');
}

/** `34 (17.8%)`: a theme's answers and their share of its group's. */
const counted = (t) => `${num(t.count)} (${pct(t.share)})`;

/**
 * The feature requests: the column, its themes with one example each, and
 * each Sean Ellis group's top three themes.
 */
function requests(r) {
  const c = r.column;
  const asks = c.question ? `: ${clip(c.question, 60)}` : '';
  const lines = [`Feature requests: ${plural(r.answers, 'answer')} in ${column(c)}${asks}`];
  if (r.fromImprove) lines.push('  (no column asks for requests: read from the improvement question; name one with --column requests=header)');
  lines.push(r.themes.length
    ? table(r.themes.map((t) => [t.label, `${counted(t)}${t.examples.length ? `, e.g. "${clip(t.examples[0], 60)}"` : ''}`]))
    : `  ${r.reason}`);
  const e = r.byEllis;
  if (e) {
    const groups = [['Very disappointed', e.veryDisappointed], ['Somewhat disappointed', e.somewhatDisappointed], ['Not disappointed', e.notDisappointed]];
    lines.push('', `By Sean Ellis answer (top themes; ${plural(e.ungrouped, 'answer')} in no group)`, table(groups.map(([name, g]) => [
      `${name} (${num(g.answers)})`, g.themes.length ? g.themes.slice(0, 3).map((t) => `${t.label} ${counted(t)}`).join(', ') : g.reason,
    ])));
  }
  if (r.bySegment?.length) lines.push('', `By segment: in --json (featureRequests.bySegment; ${r.bySegment.map((b) => `"${clip(b.column, 40)}"`).join(', ')})`);
  return lines.join('\n');
}

/** The events report (analyzeEventsCsv's result). */
export function eventsReport(file, r) {
  const a = r.analysis;
  const lines = [`${file}: ${num(a.events)} events, ${num(a.users)} users, ${a.firstDate} to ${a.asOf}`];
  const cols = [['User', column(r.userColumn)], ['Time', `${column(r.timeColumn)}, read as ${r.timeFormat}`]];
  if (r.eventColumn) cols.push(['Event', column(r.eventColumn)]);
  lines.push('', 'Columns read', table(cols));
  const s = a.stickiness;
  const figures = [
    ['Actives', `DAU ${num(s.dau)}, WAU ${num(s.wau)}, MAU ${num(s.mau)} (averages over the ${s.days} days to ${a.asOf})`],
    ['Stickiness', `DAU/MAU ${pct(s.dauMau)}, DAU/WAU ${pct(s.dauWau)}, WAU/MAU ${pct(s.wauMau)}`],
  ];
  const mean = a.cohorts?.mean ?? [];
  const points = mean.filter((p) => p.offset > 0).slice(0, 6);
  if (points.length) {
    figures.push([`Retention (${a.cohorts.period}s)`, points.map((p) => `${p.offset}: ${pct(p.weighted)}`).join(', ')]);
  }
  lines.push('', table(figures));
  lines.push('', 'Score inputs (analyze({ usageMetrics, adoptionData }))',
    table([...inputs('usageMetrics', a.usageMetrics), ...inputs('adoptionData', a.adoptionData)]));
  return [lines.join('\n'), ...tail({ warnings: [...(r.warnings ?? []), ...(a.warnings ?? [])] }, r.skipped)].join('\n\n');
}

/** The usability columns' roles, in the order they are listed. */
const ROLES = [
  ['participant', 'Participant'], ['task', 'Task'], ['success', 'Task success'], ['time', 'Time on task'], ['seq', 'SEQ'],
  ['sus', 'SUS statements'], ['umuxLiteCapabilities', 'UMUX-Lite (capabilities)'], ['umuxLiteEase', 'UMUX-Lite (ease)'],
];
/** How a usability test's choice was made, in words. */
const CHOSEN_BY = { option: 'as given', header: 'from its header', wording: "from the statements' wording", values: 'from the answers', assumed: 'assumed' };
const chosen = (by) => CHOSEN_BY[by] ?? by;
/** Interval methods' names. */
const METHODS = { 'agresti-coull': 'Agresti–Coull' };
/** "58th". */
function ordinal(x) {
  const n = Math.round(x);
  const tens = n % 100;
  return `${n}${tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' })[n % 10] ?? 'th'}`;
}
/** Where a mean's interval lies against a published average. */
function against(interval, average) {
  if (!interval) return `one answer: no interval to set against the average ${average}`;
  if (interval[0] > average) return `above the average ${average}`;
  if (interval[1] < average) return `below the average ${average}`;
  return `not distinguishable from the average ${average}`;
}
/** A mean with its interval, each formatted: `70.8, 95% interval 61.5 to 80.1`. */
const withInterval = (mean, interval, level, format) => `${format(mean)}${interval ? `, ${level} interval ${span(interval, format)}` : ''}`;

/** The ten SUS statements' columns as one: `"SUS1" to "SUS10" (found by its header)`. */
function susColumns(r) {
  const sus = Array.from({ length: 10 }, (_, i) => r.columns[`sus${i + 1}`]).filter(Boolean);
  if (!sus.length) return undefined;
  const how = [...new Set(sus.map(foundBy))].join(', ');
  return `"${clip(sus[0].header, 30)}" to "${clip(sus[sus.length - 1].header, 30)}" (${how})`;
}

/** The usability columns read, one row per role; the time's with the unit plain numbers were read in. */
function usabilityColumns(r) {
  const unit = `, plain numbers read as ${r.timeUnit.unit} (${chosen(r.timeUnit.chosenBy)})`;
  return ROLES.map(([role, name]) => {
    if (role === 'sus') return [name, susColumns(r)];
    const c = r.columns[role];
    return [name, c && `${column(c)}${role === 'time' ? unit : ''}`];
  }).filter(([, text]) => text);
}

/** `; 1 incomplete questionnaire, not scored`, or nothing. */
const incomplete = (n) => (n ? `; ${plural(n, 'incomplete questionnaire')}, not scored` : '');

/** The SUS and UMUX-Lite figures. */
function questionnaires(r, level) {
  const rows = [];
  const sus = r.sus;
  if (sus) {
    const s = sus.summary;
    if (s) {
      rows.push(['SUS', `${withInterval(s.mean, s.interval, level, fixed(1))} (n = ${num(s.respondents)}${incomplete(sus.incomplete)})`]);
      rows.push(['', `grade ${s.grade}, ${ordinal(s.percentile)} percentile, "${s.adjective}"; ${against(s.interval, r.susAverage)}`]);
    } else {
      rows.push(['SUS', `no respondent answered all ten statements${incomplete(sus.incomplete)}`]);
    }
    rows.push(['', `scored as the ${sus.version} SUS (${chosen(sus.versionBy)}), numbers read as coded ${sus.coding.replace('-', ' to ')} (${chosen(sus.codingBy)})`]);
  }
  const u = r.umuxLite;
  if (u) {
    rows.push(['UMUX-Lite', u.mean == null ? `no respondent answered both statements${incomplete(u.incomplete)}`
      : `${withInterval(u.mean, u.interval, level, fixed(1))} (n = ${num(u.respondents)}${incomplete(u.incomplete)}); `
        + `${fixed(1)(u.susEstimate)} on the SUS scale (regression estimate)`]);
  }
  return rows;
}

/**
 * A task's completion, time on task and SEQ rows.
 * @param {string} partialAs how partial successes counted: `failure` or `success`
 */
function taskRows(t, r, level, partialAs) {
  const c = t.completion;
  const partial = t.partial ? `, ${num(t.partial)} partial (counted as ${partialAs === 'success' ? 'successes' : 'failures'})` : '';
  const skipped = t.notAttempted ? `, ${num(t.notAttempted)} not attempted` : '';
  const rows = [['completion', c ? `${withInterval(c.rate, c.interval, level, pct)} (${METHODS[c.method] ?? c.method}), `
    + `${num(c.successes)} of ${plural(c.attempts, 'attempt')}${partial}${skipped}` : `no outcome${skipped}`]];
  if (t.time) {
    const of = t.timeOf === 'all' ? 'every attempt' : 'successful attempts';
    rows.push(['time on task', `${withInterval(t.time.geometricMean, t.time.interval, level, (x) => `${fixed(1)(x)} s`)} `
      + `(geometric mean of ${plural(t.time.times, 'time')}, ${of})`]);
  }
  if (t.seq) {
    rows.push(['SEQ', `${withInterval(t.seq.mean, t.seq.interval, level, fixed(2))} (n = ${num(t.seq.responses)}); `
      + `${against(t.seq.interval, r.seqAverage)}`]);
  }
  return rows;
}

/** The tasks: each one's name, then its rows indented beneath. */
const tasks = (r, level, partialAs) => r.tasks
  .map((t) => `  ${clip(t.task, 60)}\n${table(taskRows(t, r, level, partialAs)).replace(/^/gm, '  ')}`).join('\n');

/**
 * The usability test report (analyzeUsability's result).
 * @param {{ partial?: string }} options the options it was given
 */
export function usabilityReport(file, r, options = {}) {
  const level = levelOf(r.confidenceLevel);
  const lines = [`${file}: ${fileRead(r.file)}, ${plural(r.participants, 'participant')}${r.tasks.length ? `, ${plural(r.tasks.length, 'task')}` : ''}`];
  const cols = usabilityColumns(r);
  if (cols.length) lines.push('', 'Columns read', table(cols));
  const figures = questionnaires(r, level);
  if (figures.length) lines.push('', table(figures));
  if (r.tasks.length) lines.push('', 'Tasks (SEQ from 1, very difficult, to 7, very easy)', tasks(r, level, options.partial ?? 'failure'));
  const s = r.sus?.summary;
  if (s) lines.push('', 'Score inputs (analyze({ surveyData }))', table(inputs('surveyData', { susScore: s.mean, susResponses: s.respondents })));
  return [lines.join('\n'), ...tail(r, r.skipped)].join('\n\n');
}
