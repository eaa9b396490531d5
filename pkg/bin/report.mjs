// The command line's readable reports: a survey's NPS, Sean Ellis test and
// CSAT, or events' actives, stickiness and retention, with the columns
// chosen, the score inputs (what analyze() takes), warnings and the rows not
// used. Plain text, 100 columns at most.

const pct = (x) => `${(100 * x).toFixed(1)}%`;
const num = (x, digits = 1) => (Number.isInteger(x) ? x.toLocaleString('en-US') : x.toLocaleString('en-US', { maximumFractionDigits: digits }));
const signed = (x) => `${x > 0 ? '+' : ''}${x.toFixed(1)}`;
const BY = { option: 'named', header: 'found by its header', values: 'found by its values', source: "the tool's own", array: 'given' };

/** `Label   value` lines, the labels padded to one width. @param {[string, string][]} rows */
function table(rows) {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n');
}

/** A column as found: `"How likely…" (found by its header)`. */
const column = (c) => `"${c.header.length > 60 ? `${c.header.slice(0, 59)}…` : c.header}" (${BY[c.detectedBy] ?? c.detectedBy})`;

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
  const source = s.file ? `a ${s.file.source === 'unknown' ? '' : `${s.file.source} `}export (${s.file.container}, ${s.file.encoding})` : 'answers';
  const lines = [`${file}: ${source}, ${num(s.responses)} responses`];
  const cols = Object.entries({ NPS: s.columns.nps, 'Sean Ellis': s.columns.pmf, Satisfaction: s.columns.csat, Segment: s.columns.segment })
    .filter(([, c]) => c).map(([role, c]) => [role, column(c)]);
  if (cols.length) lines.push('', 'Columns read', table(cols));
  const level = `${Math.round(100 * s.confidenceLevel)}%`;
  const figures = [];
  if (s.nps) {
    figures.push(['NPS', `${signed(s.nps.score)}, ${level} interval ${signed(s.nps.interval[0])} to ${signed(s.nps.interval[1])} `
      + `(n = ${num(s.nps.n)}: ${num(s.nps.promoters)} promoters, ${num(s.nps.passives)} passives, ${num(s.nps.detractors)} detractors)`]);
  }
  if (s.pmf) {
    figures.push(['Sean Ellis', `${pct(s.pmf.veryDisappointedShare)} very disappointed, interval ${pct(s.pmf.interval[0])} to ${pct(s.pmf.interval[1])} (n = ${num(s.pmf.n)})`]);
    figures.push(['', s.pmf.reading]);
  }
  if (s.csat) figures.push(['CSAT', `${pct(s.csat.share)} satisfied, interval ${pct(s.csat.interval[0])} to ${pct(s.csat.interval[1])}; mean ${s.csat.mean.toFixed(2)} of 5 (n = ${num(s.csat.n)})`]);
  if (figures.length) lines.push('', table(figures));
  lines.push('', 'Score inputs (analyze({ surveyData }))', table(inputs('surveyData', s.surveyData)));
  return [lines.join('\n'), ...tail(s, s.skipped)].join('\n\n');
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
