// A ValidationResult on the page: the score with its interval and verdict
// (and, for the untouched sample, the company's claimed score beside it),
// then the dimensions, recommendations, metrics against their benchmarks,
// warnings, trends, unscored figures, missing data and sources. Field paths
// become buttons to their fields. Fills the page's own elements (index.html).
import { $, h, fmt, fmt1, fmtPct, fmtRange } from '../../lib/dom.js';
import { DIMENSIONS, VERDICT_LABELS, isScored } from '../../lib/card.js';
import { recommendationText, recommendationUnit, unitText, valueText } from '../../lib/units.js';

/** @import { PresetInfo, ValidationResult } from '../../../pkg/web/market_validation.js' */
/** @import { ProductForm } from './product-form.js' */

/** The score the sample company's own documents claim. */
const CLAIMED_SCORE = 90;

/** A result with how long scoring took (ms), as the page shows it. @typedef {ValidationResult & { elapsed?: number }} ScoredResult */

/**
 * A 0..100 bar: its fill to `score`, its shaded range the interval.
 * @param {HTMLElement} bar @param {number | null | undefined} score @param {[number, number] | null | undefined} interval
 */
function setBar(bar, score, interval) {
  const fill = $('.bar-fill', HTMLElement, bar);
  const range = $('.bar-range', HTMLElement, bar);
  fill.style.width = `${Math.max(0, Math.min(100, score ?? 0))}%`;
  if (interval) {
    range.hidden = false;
    range.style.left = `${interval[0]}%`;
    range.style.width = `${Math.max(0.6, interval[1] - interval[0])}%`;
  } else {
    range.hidden = true;
  }
}

/** A benchmark band's colour. @param {string} band */
function bandClass(band) {
  if (/^below average/.test(band)) return 'bad';
  if (/^below/.test(band)) return 'warn';
  if (/great|good/.test(band)) return 'good';
  if (/average/.test(band)) return 'ok';
  return 'neutral';
}

/** "Lenny Rachitsky & Casey Winters, \"What is ..." -> "Lenny Rachitsky & Casey Winters". @param {string} c */
const shortCitation = (c) => c.split(/,\s|:\s|\s\(/)[0];

/**
 * Fills a list with an item per entry, or with one "empty" item saying why there are none.
 * @template T
 * @param {HTMLElement} list @param {T[]} entries @param {string} emptyText @param {(entry: T) => HTMLLIElement} item
 */
function fillList(list, entries, emptyText, item) {
  list.replaceChildren(...(entries.length ? entries.map(item) : [h('li', { class: 'empty', text: emptyText })]));
}

/**
 * Shows a result.
 * @param {ScoredResult} r
 * @param {object} o
 * @param {boolean} o.unmodified the untouched sample with the preset's weights: show the claimed score
 * @param {PresetInfo[]} o.presets for the preset's name
 * @param {ProductForm} o.form for the buttons to fields and the groups' score chips
 */
export function renderResult(r, { unmodified, presets, form }) {
  /** A data path as a button, named by its field's label, to its field; as code when no field has it. @param {string} path */
  const pathButton = (path) => (form.fieldFor(path)
    ? h('button', { type: 'button', class: 'path-button', title: 'Go to this field', 'data-path': path, onclick: () => form.focusPath(path) }, form.labelFor(path))
    : h('code', { text: path || '(data)' }));

  const preset = presets.find((p) => p.id === r.preset);
  /** Each metric's label and unit, the unscored ones included (from the preset). */
  const metricInfo = new Map((preset?.metrics ?? []).map((m) => [m.id, { label: m.label, unit: m.unit }]));
  $('#results-head').hidden = false;
  $('#score').textContent = fmt1(r.score);
  $('#interval').textContent = fmtRange(r.interval);
  $('#confidence').textContent = fmtPct(r.confidenceLevel);
  const verdict = $('#verdict');
  verdict.textContent = VERDICT_LABELS[r.verdict] ?? r.verdict;
  verdict.dataset.verdict = r.verdict;
  $('#verdict-reason').textContent = r.verdictReason;
  $('#preset-name').textContent = preset?.name ?? r.preset;
  $('#coverage').textContent = fmtPct(r.coverage);
  $('#timing').textContent = `${Math.max(1, Math.round(r.elapsed ?? 0))} ms`;
  $('#mini-score-value').textContent = fmt1(r.score);
  $('#mini-score-interval').textContent = `interval ${fmtRange(r.interval)}`;
  const miniVerdict = $('#mini-verdict');
  miniVerdict.textContent = VERDICT_LABELS[r.verdict] ?? r.verdict;
  miniVerdict.dataset.verdict = r.verdict;
  const gauge = $('#gauge');
  setBar(gauge, r.score, r.interval);
  gauge.setAttribute('aria-label', `Score ${fmt1(r.score)} of 100, interval ${fmtRange(r.interval)}`);
  gauge.dataset.verdict = r.verdict;

  const claim = $('#claim');
  claim.hidden = !unmodified;
  $('.bar-marker', HTMLElement, gauge).hidden = !unmodified;
  if (unmodified) {
    const gap = CLAIMED_SCORE - r.score;
    claim.textContent = `The sample company's own documents claim ${CLAIMED_SCORE}/100. Held against published benchmarks, `
      + `the same data scores ${fmt1(r.score)} (interval ${fmtRange(r.interval)}), `
      + `${fmt1(Math.abs(gap))} points ${gap >= 0 ? 'lower' : 'higher'}.`;
  }

  renderDimensions(r, form);
  form.showDimensionScores(r);
  renderRecommendations(r, pathButton);
  renderMetrics(r, form);
  renderWarnings(r, pathButton, form);
  renderTrends(r);
  renderFigures(r);
  renderMissing(r, pathButton, metricInfo);
}

/**
 * The status line above the result: loading, a notice, what needs fixing, an error.
 * @param {'info' | 'warn' | 'error'} kind @param {string} text empty hides it
 */
export function setStatus(kind, text) {
  const status = $('#status');
  status.dataset.kind = kind;
  status.textContent = text;
  status.hidden = !text;
}

/** No current result (the data has problems): no claim to hold the last one against. */
export function hideClaim() {
  $('#claim').hidden = true;
  $('#gauge .bar-marker').hidden = true;
}

/** @param {ValidationResult} r @param {ProductForm} form */
function renderDimensions(r, form) {
  const list = $('#dimensions');
  list.replaceChildren();
  for (const [key, name] of DIMENSIONS) {
    const d = r.dimensions[key];
    const has = isScored(d);
    const bar = h('div', {
      class: 'bar', role: 'img',
      'aria-label': has ? `${name} ${fmt1(d.score)} of 100, interval ${fmtRange(d.interval)}` : `${name}: no data`,
    }, h('span', { class: 'bar-fill' }), h('span', { class: 'bar-range' }));
    setBar(bar, d.score ?? 0, d.interval);
    const meta = has
      ? [h('span', { text: `interval ${fmtRange(d.interval)}` }), h('span', { text: `weight ${fmtPct(d.effectiveWeight)}` }),
        h('span', { class: 'points', text: `+${fmt1(d.contribution)} pts` })]
      : [h('span', { text: form.inWords(d.summary) }), h('span', { text: `nominal weight ${fmtPct(d.nominalWeight)}, redistributed` })];
    list.append(h('li', { class: `dim${has ? '' : ' no-data'}`, 'data-testid': `dimension-${key}`, 'data-dimension': key },
      h('span', { class: 'dim-name', text: name }),
      h('span', { class: 'dim-score', text: has ? fmt1(d.score) : '—' }),
      bar,
      h('span', { class: 'dim-meta' }, meta)));
  }
}

/** A metric's label and unit, by its id. @typedef {Map<string, { label: string, unit: string }>} MetricInfo */

/** @param {ValidationResult} r @param {(path: string) => HTMLElement} pathButton */
function renderRecommendations(r, pathButton) {
  fillList($('#recommendations'), r.recommendations, 'Nothing to recommend: every scored metric is at its top benchmark.',
    (rec) => h('li', { 'data-metric': rec.metric },
      h('span', { class: 'gain', title: 'points the overall score gains' }, `+${fmt1(rec.gain)}`, h('small', {}, ' pts')),
      h('div', { class: 'rec-body' },
        h('p', { class: 'rec-message', text: recommendationText(rec, recommendationUnit(r, rec)) }),
        h('p', { class: 'rec-meta' }, `score after: ${fmt1(rec.scoreAfter)} · field `, pathButton(rec.path)))));
}

/** The metrics table, a body per dimension, and the sources list. @param {ValidationResult} r @param {ProductForm} form */
function renderMetrics(r, form) {
  const sourcesById = new Map(r.sources.map((s) => [s.id, s]));
  const table = $('#metrics');
  for (const body of table.querySelectorAll('tbody')) body.remove();
  for (const [key, name] of DIMENSIONS) {
    const d = r.dimensions[key];
    const body = h('tbody', { 'data-dimension': key },
      h('tr', { class: 'dim-row' }, h('th', { colspan: 8, scope: 'colgroup' },
        name, h('span', { class: 'dim-row-score', text: d.score != null ? ` ${fmt1(d.score)}` : ' no data' }))));
    if (!d.metrics.length) body.append(h('tr', {}, h('td', { colspan: 8, class: 'muted', text: form.inWords(d.summary) })));
    for (const m of d.metrics) {
      const next = m.benchmark.next;
      const cited = [...new Set(m.benchmark.points.flatMap((p) => (p.source ? [p.source] : [])))];
      const sources = cited.flatMap((id) => sourcesById.get(id) ?? []).map((s, i) => [
        i ? ', ' : '',
        s.url ? h('a', { href: s.url, target: '_blank', rel: 'noopener noreferrer', title: s.citation }, shortCitation(s.citation))
          : h('span', { title: s.citation, text: shortCitation(s.citation) }),
      ]);
      body.append(h('tr', { 'data-testid': `metric-${m.id}` },
        h('th', { scope: 'row' }, h('span', { class: 'metric-label', text: m.label }),
          h('span', { class: 'metric-unit', text: unitText(m.unit) }),
          m.note ? h('span', { class: 'metric-note', text: m.note }) : null),
        h('td', { class: 'num', 'data-label': 'Value' }, h('span', { text: valueText(m.value, m.unit) }),
          m.valueInterval ? h('span', { class: 'sub', text: fmtRange(m.valueInterval, (v) => valueText(v, m.unit)) }) : null),
        h('td', { 'data-label': 'Band' }, h('span', { class: `band band-${bandClass(m.benchmark.band)}`, title: m.benchmark.band, text: m.benchmark.band.replace(/^at or above /, '≥ ') })),
        h('td', { class: 'next', 'data-label': 'Next band', text: next ? `${next.label} ${valueText(next.value, m.unit)}` : '—' }),
        h('td', { class: 'num', 'data-label': 'Sub-score', text: fmt1(m.subScore) }),
        h('td', { class: 'num', 'data-label': 'Weight', title: `${fmtPct(m.weight)} of the ${name.toLowerCase()} dimension`, text: fmtPct(m.effectiveWeight) }),
        h('td', { class: 'num', 'data-label': 'Points', text: m.contribution.toFixed(2) }),
        h('td', { class: 'source', 'data-label': 'Source' }, sources.length ? sources : h('span', { class: 'muted', text: 'none' }))));
    }
    table.append(body);
  }

  const list = $('#sources');
  list.replaceChildren(...r.sources.map((s) => h('li', { id: `source-${s.id}` },
    s.citation, s.url ? [' ', h('a', { href: s.url, target: '_blank', rel: 'noopener noreferrer' }, 'link')] : null)));
}

/** @param {ValidationResult} r @param {(path: string) => HTMLElement} pathButton @param {ProductForm} form */
function renderWarnings(r, pathButton, form) {
  fillList($('#warnings'), r.warnings, 'No warnings: the figures are consistent with each other.',
    (w) => h('li', { 'data-code': w.code },
      h('p', {}, pathButton(w.path)),
      h('p', { text: form.inWords(w.message) })));
}

/** @param {ValidationResult} r */
function renderTrends(r) {
  fillList($('#trends'), r.marketTrends, 'No market trends given.', (t) => h('li', { text: t }));
}

/** @param {ValidationResult} r */
function renderFigures(r) {
  const list = $('#figures');
  list.replaceChildren();
  for (const f of r.figures) {
    list.append(h('div', { class: 'figure' },
      h('dt', { text: f.label }),
      h('dd', {}, h('span', { class: 'figure-value', text: figureText(f.value, f.unit) }),
        h('span', { class: 'muted', text: ` · ${f.whyUnscored}` }))));
  }
  if (!r.figures.length) list.append(h('div', { class: 'figure' }, h('dt', { text: 'None' }), h('dd', { class: 'muted', text: 'no context figures in the data' })));
}

/**
 * A reported figure with its unit, unless its value already says it (a share, minutes).
 * @param {number} value @param {string} unit
 */
function figureText(value, unit) {
  const text = valueText(value, unit);
  const unitWords = unitText(unit);
  return text === fmt(value) && unitWords && unitWords !== 'count' ? `${text} ${unitWords}` : text;
}

/** @param {ValidationResult} r @param {(path: string) => HTMLElement} pathButton @param {MetricInfo} metricInfo */
function renderMissing(r, pathButton, metricInfo) {
  const section = $('#missing-section');
  section.hidden = !r.missing.length;
  const dimensionName = new Map(DIMENSIONS);
  $('#missing').replaceChildren(...r.missing.map((m) => h('li', { 'data-metric': m.metric },
    h('span', { class: 'metric-label', text: metricInfo.get(m.metric)?.label ?? m.metric }),
    ` (${(dimensionName.get(m.dimension) ?? m.dimension).toLowerCase()}, ${fmtPct(m.nominalWeight)} of the weight): give `,
    m.inputs.flatMap((p, i) => [i ? ' and ' : '', pathButton(p)]))));
}
