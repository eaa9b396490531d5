// The market-validation workbench: product data from a form built from
// schema(), pasted JSON or CSV exports (analysed in a worker), scored by
// analyze() on every change; shared by a link whose state lives in the URL
// fragment (never sent to a server), exported as JSON or PNG. All
// user-supplied text goes through textContent / text nodes, never innerHTML.
import init, { analyze, presets, schema, sampleProduct, validate, version, checkLaunch, sampleLaunchPlan } from '../pkg/web/market_validation.js';
import { $, h, humanize, fmt, longFormat, numberText, fmt1, fmtPct, fmtRange, setupTabs } from './lib/dom.js';
import { encodeState, decodeState } from './lib/share.js';
import { downloadJson, downloadBlob, scoreCardPng } from './lib/export.js';
import { mountUpload } from './views/upload.js';
import { renderSurvey } from './views/survey.js';
import { renderEvents } from './views/events.js';

const CLAIMED_SCORE = 90;
const DEFAULT_PRESET = 'b2b-saas';
const DEBOUNCE_MS = 120;

// Form groups, in the order of the five dimensions, then unit economics.
const GROUPS = {
  usageMetrics: { title: 'Usage', dimension: 'usage' },
  adoptionData: { title: 'Adoption', dimension: 'adoption' },
  surveyData: { title: 'Survey', dimension: 'survey' },
  marketResearch: { title: 'Market', dimension: 'market' },
  competitiveData: { title: 'Competitive', dimension: 'competitive' },
  unitEconomics: { title: 'Unit economics', dimension: 'market', note: 'scored in the market dimension' },
};
const DIMENSIONS = [
  ['usage', 'Usage'], ['adoption', 'Adoption'], ['survey', 'Survey'],
  ['market', 'Market'], ['competitive', 'Competitive'],
];
const VERDICTS = {
  strong: 'Strong', promising: 'Promising', weak: 'Weak',
  not_validated: 'Not validated', not_enough_data: 'Not enough data',
};
// Friendlier labels than the camel-case field names.
const LABELS = {
  dailyActiveUsers: 'Daily active users (DAU)', weeklyActiveUsers: 'Weekly active users (WAU)',
  monthlyActiveUsers: 'Monthly active users (MAU)', sessionDuration: 'Session length',
  retentionHorizonMonths: 'Retention horizon', adoptionRate: 'Activation rate',
  timeToAdoption: 'Time to activation', featureAdoptionRates: 'Feature adoption',
  npsScore: 'Net Promoter Score', csatShare: 'CSAT share', satisfactionScore: 'Satisfaction',
  feedbackVolume: 'Survey responses', seanEllis: 'Sean Ellis answers', npsResponses: 'NPS answers',
  targetMarketSize: 'Target market size (yearly)', growthRate: 'Market growth (yearly)',
  customerSegmentation: 'Customer segments', competitiveBenchmarks: "Best competitor's figures",
  marketPosition: 'Market position (rank)', competitorCount: 'Direct competitors',
  averageRevenuePerAccount: 'Revenue per account (monthly)', customerAcquisitionCost: 'Acquisition cost (CAC)',
};

// ---------------------------------------------------------------- helpers

const idPart = (path) => path.join('-');

function unitText(node) {
  const unit = node['x-unit'] ?? '';
  if (/\d\.\.-?\d/.test(unit) || node.minimum == null) return unit;
  const unbounded = node.maximum == null || node.maximum >= 1e6;
  const range = unbounded ? `≥ ${node.minimum}` : `${node.minimum}..${node.maximum}`;
  return unit ? `${unit}, ${range}` : range;
}
function stepFor(node) {
  const unit = node['x-unit'] ?? '';
  if (node.type === 'integer' || unit === 'count') return '1';
  if (unit.startsWith('fraction')) return '0.01';
  if (/rating|score 0\.\.10/.test(unit)) return '0.1';
  if (unit.startsWith('NPS')) return '1';
  return 'any';
}
// A short description doubles as the label (competitor benchmark entries).
const shortDescription = (node) => node.description && node.description.length <= 40 && !node.description.includes('.');

function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
function setPath(obj, path, value) {
  let o = obj;
  for (const k of path.slice(0, -1)) o = o[k] ??= {};
  o[path.at(-1)] = value;
}
const getPath = (obj, path) => path.reduce((o, k) => (o == null ? undefined : o[k]), obj);

// ---------------------------------------------------------------- form

/** Every editable field: { path, pathText, read(), write(v), error, mark(problem) }. */
const fields = [];
const subgroups = [];

function errorBox(path) {
  return h('div', { class: 'error', id: `error-${idPart(path)}`, 'data-testid': `error-${idPart(path)}`, hidden: true });
}

function fieldHead(id, label, node, labelFor = true) {
  return h('div', { class: 'field-head' },
    labelFor ? h('label', { for: id, text: label }) : h('span', { class: 'label', id: `${id}-label`, text: label }),
    h('span', { class: 'unit', text: unitText(node.additionalProperties ?? node) }));
}

function numberField(path, node, label, hint) {
  const id = `field-${idPart(path)}`;
  const error = errorBox(path);
  const hintId = `hint-${idPart(path)}`;
  const input = h('input', {
    id, name: path.join('.'), type: 'number', step: stepFor(node),
    min: node.minimum, max: node.maximum != null && node.maximum < 1e6 ? node.maximum : null,
    autocomplete: 'off', 'data-testid': id,
    'aria-describedby': `${hint ? hintId : ''} ${error.id}`.trim(),
  });
  const head = fieldHead(id, label, node);
  const echo = h('span', { class: 'echo', 'aria-hidden': 'true' });
  head.querySelector('.unit').append(echo);
  const updateEcho = () => {
    const v = Number(input.value);
    echo.textContent = input.value.trim() && Math.abs(v) >= 1e6 ? ` · = ${longFormat.format(v)}` : '';
  };
  input.addEventListener('input', updateEcho);
  const wrap = h('div', { class: 'field field-number' },
    head, input,
    hint ? h('p', { class: 'hint', id: hintId, text: hint }) : null, error);
  fields.push({
    path, pathText: path.join('.'), error, input,
    read() {
      if (input.validity.badInput) return { problem: { path: this.pathText, value: 'text that is not a number', expected: 'a number' } };
      const s = input.value.trim();
      return s === '' ? {} : { value: Number(s) };
    },
    write(v) { input.value = v == null ? '' : numberText(v); updateEcho(); },
    mark() { input.setAttribute('aria-invalid', 'true'); return input; },
    clear() { input.removeAttribute('aria-invalid'); },
  });
  return wrap;
}

function mapField(path, node, label, hint) {
  const id = `field-${idPart(path)}`;
  const error = errorBox(path);
  const rows = h('div', { class: 'map-rows', id, 'data-testid': id });
  const itemNode = node.additionalProperties ?? {};
  let counter = 0;
  const addRow = (name = '', value = '') => {
    const n = counter++;
    const nameInput = h('input', {
      type: 'text', id: `${id}-name-${n}`, class: 'map-name', value: name, autocomplete: 'off',
      'aria-label': `${label}: name`, maxlength: 200,
    });
    const valueInput = h('input', {
      type: 'number', id: `${id}-value-${n}`, class: 'map-value', step: stepFor(itemNode),
      min: itemNode.minimum, max: itemNode.maximum, value: value === '' ? '' : String(value), autocomplete: 'off',
      'aria-label': `${label}: value for ${name || 'new entry'}`,
    });
    nameInput.addEventListener('input', () => valueInput.setAttribute('aria-label', `${label}: value for ${nameInput.value || 'new entry'}`));
    const row = h('div', { class: 'map-row' }, nameInput, valueInput,
      h('button', {
        type: 'button', class: 'icon-button', 'aria-label': `Remove ${name || 'entry'}`, title: 'Remove',
        onclick: () => { row.remove(); schedule(0); },
      }, '×'));
    row.nameInput = nameInput;
    row.valueInput = valueInput;
    rows.append(row);
    return row;
  };
  const add = h('button', {
    type: 'button', class: 'link-button',
    onclick: () => { addRow().nameInput.focus(); },
  }, `+ Add ${label.toLowerCase().includes('segment') ? 'segment' : 'feature'}`);
  const wrap = h('div', { class: 'field field-map', role: 'group', 'aria-labelledby': `${id}-label`, 'aria-describedby': `${hint ? `hint-${idPart(path)}` : ''} ${error.id}`.trim() },
    fieldHead(id, label, node, false),
    hint ? h('p', { class: 'hint', id: `hint-${idPart(path)}`, text: hint }) : null,
    rows, add, error);
  const pathText = path.join('.');
  fields.push({
    path, pathText, error, input: rows,
    read() {
      const out = {};
      const problems = [];
      let any = false;
      for (const row of rows.children) {
        const name = row.nameInput.value.trim();
        const raw = row.valueInput.value.trim();
        const bad = row.valueInput.validity.badInput;
        if (!name && !raw && !bad) continue;
        any = true;
        const entryPath = `${pathText}[${JSON.stringify(name)}]`;
        if (name && Object.hasOwn(out, name)) problems.push({ path: entryPath, value: 'a second entry with this name', expected: 'each name once' });
        else if (bad) problems.push({ path: entryPath, value: 'text that is not a number', expected: 'a number' });
        else if (!raw) problems.push({ path: entryPath, value: 'nothing', expected: 'a value' });
        else out[name] = Number(raw);
      }
      return { value: any ? out : undefined, problems };
    },
    write(v) {
      rows.replaceChildren();
      for (const [k, val] of Object.entries(v ?? {})) addRow(k, val);
      if (!rows.children.length) addRow();
    },
    mark(problem) {
      // Entry paths: `group.field.name` for identifier-like names, else `group.field["a name"]`.
      const rest = problem.path.slice(pathText.length);
      let key = null;
      if (rest.startsWith('.')) key = rest.slice(1);
      else if (/^\[".*"\]$/.test(rest)) { try { key = JSON.parse(rest.slice(1, -1)); } catch { /* not an entry */ } }
      const row = [...rows.children].find((r) => r.nameInput.value.trim() === key);
      if (!row) return null;
      const target = /name/.test(problem.expected) ? row.nameInput : row.valueInput;
      target.setAttribute('aria-invalid', 'true');
      return target;
    },
    clear() { for (const el of rows.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid'); },
  });
  return wrap;
}

function linesField(path, node, label, hint) {
  const id = `field-${idPart(path)}`;
  const error = errorBox(path);
  const area = h('textarea', {
    id, name: path.join('.'), rows: 4, spellcheck: 'true', 'data-testid': id,
    'aria-describedby': `hint-${idPart(path)} ${error.id}`,
  });
  const wrap = h('div', { class: 'field field-lines' },
    h('div', { class: 'field-head' }, h('label', { for: id, text: label }), h('span', { class: 'unit', text: 'one per line' })),
    area, h('p', { class: 'hint', id: `hint-${idPart(path)}`, text: hint ?? '' }), error);
  fields.push({
    path, pathText: path.join('.'), error, input: area,
    read() {
      const lines = area.value.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
      return lines.length ? { value: lines } : {};
    },
    write(v) { area.value = (v ?? []).join('\n'); area.rows = Math.max(3, Math.min(10, (v?.length ?? 0) + 2)); },
    mark() { area.setAttribute('aria-invalid', 'true'); return area; },
    clear() { area.removeAttribute('aria-invalid'); },
  });
  return wrap;
}

function buildField(path, node) {
  const key = path.at(-1);
  const useDescription = shortDescription(node);
  const label = useDescription ? node.description : LABELS[key] ?? humanize(key);
  const hint = useDescription ? null : node.description?.replaceAll('`', '');
  if (node.type === 'object' && node.properties) return subgroup(path, node, label, hint);
  if (node.type === 'object') return mapField(path, node, label, hint);
  if (node.type === 'array') return linesField(path, node, label, hint);
  return numberField(path, node, label, hint);
}

function subgroup(path, node, label, hint) {
  const count = h('span', { class: 'count' });
  const keys = Object.keys(node.properties);
  const details = h('details', { class: 'subgroup', open: keys.length <= 6 },
    h('summary', {}, h('span', { text: label }), count),
    hint ? h('p', { class: 'hint', text: hint }) : null,
    h('div', { class: 'subgroup-body' }, keys.map((k) => buildField([...path, k], node.properties[k]))));
  subgroups.push({ details, count, prefix: `${path.join('.')}.` });
  return details;
}

function buildForm(s) {
  const container = $('#fields');
  const keys = [...Object.keys(GROUPS).filter((k) => s.properties[k]), ...Object.keys(s.properties).filter((k) => !GROUPS[k])];
  for (const key of keys) {
    const node = s.properties[key];
    const meta = GROUPS[key] ?? { title: humanize(key) };
    const chip = h('span', { class: 'chip', id: `group-score-${key}`, 'data-dimension': meta.dimension ?? '' });
    const details = h('details', { class: 'group', open: true, id: `group-${key}` },
      h('summary', {},
        h('span', { class: 'group-title' }, h('span', { text: meta.title }),
          meta.note ? h('span', { class: 'group-note', text: meta.note }) : null),
        chip),
      h('div', { class: 'group-body' }, Object.keys(node.properties).map((k) => buildField([key, k], node.properties[k]))));
    container.append(details);
  }
}

function fillForm(product) {
  for (const f of fields) f.write(getPath(product, f.path));
}

function collect() {
  const product = {};
  const problems = [];
  for (const f of fields) {
    const r = f.read();
    if (r.problem) problems.push(r.problem);
    if (r.problems) problems.push(...r.problems);
    if (r.value !== undefined) setPath(product, f.path, r.value);
  }
  return { product, problems };
}

function fieldFor(path) {
  let best = null;
  for (const f of fields) {
    const p = f.pathText;
    if (path === p || path.startsWith(`${p}[`) || path.startsWith(`${p}.`)) {
      if (!best || p.length > best.pathText.length) best = f;
    }
  }
  return best;
}

function focusPath(path) {
  const f = fieldFor(path);
  if (!f) return;
  for (let el = f.input.parentElement; el; el = el.parentElement) if (el.tagName === 'DETAILS') el.open = true;
  const target = f.input.matches('input, textarea') ? f.input : f.input.querySelector('input');
  target?.focus();
  target?.scrollIntoView({ block: 'center', behavior: 'smooth' });
}

function problemText(p) {
  const given = p.value === 'nothing' ? 'Nothing given' : `Got ${p.value}`;
  return `${given}; expected ${p.expected}${p.hint ? ` (${p.hint})` : ''}`;
}

function showProblems(problems) {
  for (const f of fields) { f.clear(); f.error.replaceChildren(); f.error.hidden = true; }
  const general = $('#form-problems');
  general.replaceChildren();
  for (const p of problems) {
    const f = fieldFor(p.path);
    const target = f?.mark(p);
    const entry = f && f.pathText !== p.path ? `${p.path.slice(f.pathText.length).replace(/^[.]/, '')}: ` : '';
    const line = h('p', {}, entry, problemText(p));
    const fix = /did you mean (-?[\d.]+(?:e[+-]?\d+)?)\?/i.exec(p.hint ?? '');
    if (fix && target?.type === 'number') {
      line.append(' ', h('button', {
        type: 'button', class: 'fix-button',
        onclick: () => { target.value = fix[1]; target.focus(); schedule(0); },
      }, `Use ${fix[1]}`));
    }
    if (f) {
      f.error.append(line);
      f.error.hidden = false;
      for (let el = f.error.parentElement; el; el = el.parentElement) if (el.tagName === 'DETAILS') el.open = true;
    } else {
      general.append(h('p', {}, p.path && p.path !== 'input' ? `${p.path}: ` : '', problemText(p)));
    }
  }
  general.hidden = !general.childElementCount;
}

function updateSubgroupCounts(product) {
  for (const { count, prefix } of subgroups) {
    const value = getPath(product, prefix.slice(0, -1).split('.'));
    const n = value ? Object.keys(value).length : 0;
    count.textContent = n ? `${n} set` : 'none set';
  }
}

// ---------------------------------------------------------------- scoring

let presetList = [];
let sampleCanonical = '';
let lastResult = null;
let lastProduct = null;
/** A message that outlives re-scoring (an unreadable share link) until the user changes something. */
let notice = '';
let timer = 0;

function schedule(delay = DEBOUNCE_MS) {
  clearTimeout(timer);
  timer = setTimeout(rescore, delay);
}

function setStatus(kind, text) {
  const status = $('#status');
  status.dataset.kind = kind;
  status.textContent = text;
  status.hidden = !text;
}

// ---------------------------------------------------------------- options

/** Dimension weights as the sliders hold them; null while they are the preset's. */
let customWeights = null;
const weightInputs = new Map();

function presetWeights(id) {
  const preset = presetList.find((p) => p.id === id);
  return Object.fromEntries((preset?.dimensionWeights ?? []).map((d) => [d.dimension, d.weight]));
}

function buildWeights() {
  const container = $('#weight-fields');
  container.replaceChildren();
  for (const [key, name] of DIMENSIONS) {
    const id = `weight-${key}`;
    const input = h('input', { type: 'range', id, min: 0, max: 1, step: 0.01, 'data-testid': id });
    const output = h('output', { for: id, class: 'weight-value' });
    input.addEventListener('input', () => {
      customWeights = Object.fromEntries([...weightInputs].map(([k, el]) => [k, Number(el.value)]));
      showWeights();
      rescore();
    });
    weightInputs.set(key, input);
    container.append(h('div', { class: 'weight-field' }, h('label', { for: id, text: name }), input, output));
  }
}

function showWeights() {
  const weights = customWeights ?? presetWeights($('#preset').value);
  const total = Object.values(weights).reduce((a, b) => a + b, 0) || 1;
  for (const [key, input] of weightInputs) {
    input.value = String(weights[key] ?? 0);
    const share = fmtPct((weights[key] ?? 0) / total);
    input.nextElementSibling.textContent = share;
    input.setAttribute('aria-valuetext', share);
  }
  $('#weights-state').textContent = customWeights ? 'custom' : 'preset';
}

function currentOptions() {
  const options = { preset: $('#preset').value };
  if (customWeights) options.weights = { ...customWeights };
  return options;
}

function applyOptions(options = {}) {
  const select = $('#preset');
  if (options.preset && presetList.some((p) => p.id === options.preset)) select.value = options.preset;
  const w = options.weights;
  customWeights = w && typeof w === 'object'
    ? Object.fromEntries(DIMENSIONS.map(([k]) => [k, Number.isFinite(w[k]) ? Math.max(0, Math.min(1, w[k])) : 0]))
    : null;
  showWeights();
}

// ---------------------------------------------------------------- scoring

function rescore() {
  clearTimeout(timer);
  const { product, problems: local } = collect();
  updateSubgroupCounts(product);
  let problems = local;
  try {
    problems = [...local, ...validate(product).problems];
  } catch (e) {
    problems = [...local, { path: '', value: 'the form data', expected: 'data the library can read', hint: String(e?.message ?? e) }];
  }
  let result = null;
  if (!problems.length) {
    const started = performance.now();
    try {
      result = analyze(product, currentOptions());
      result.elapsed = performance.now() - started;
    } catch (e) {
      problems = e?.problems?.length ? e.problems : [{ path: '', value: 'this data', expected: 'something to score', hint: String(e?.message ?? e) }];
    }
  }
  showProblems(problems);
  const results = $('#results');
  if (result) {
    lastResult = result;
    lastProduct = product;
    const unmodified = canonical(product) === sampleCanonical && !customWeights;
    render(result, unmodified);
    scheduleShareUpdate();
    results.dataset.state = 'ok';
    document.body.dataset.state = 'ok';
    setStatus(notice ? 'error' : 'info', notice);
  } else {
    const n = problems.length;
    const what = !problems.every((p) => fieldFor(p.path)) ? 'The data cannot be scored yet'
      : n === 1 ? 'One value needs fixing' : `${n} values need fixing`;
    setStatus('warn', lastResult ? `${what}: showing the last valid result.` : `${what}.`);
    results.dataset.state = lastResult ? 'stale' : 'empty';
    document.body.dataset.state = results.dataset.state;
    $('#claim').hidden = true;
    $('#gauge .bar-marker').hidden = true;
  }
}

// ---------------------------------------------------------------- results

function setBar(bar, score, interval) {
  const fill = bar.querySelector('.bar-fill');
  const range = bar.querySelector('.bar-range');
  fill.style.width = `${Math.max(0, Math.min(100, score ?? 0))}%`;
  if (interval) {
    range.hidden = false;
    range.style.left = `${interval[0]}%`;
    range.style.width = `${Math.max(0.6, interval[1] - interval[0])}%`;
  } else {
    range.hidden = true;
  }
}

function bandClass(band) {
  if (/^below average/.test(band)) return 'bad';
  if (/^below/.test(band)) return 'warn';
  if (/great|good/.test(band)) return 'good';
  if (/average/.test(band)) return 'ok';
  return 'neutral';
}

// "Lenny Rachitsky & Casey Winters, \"What is ..." -> "Lenny Rachitsky & Casey Winters".
const shortCitation = (c) => c.split(/,\s|:\s|\s\(/)[0];

function pathButton(path) {
  return fieldFor(path)
    ? h('button', { type: 'button', class: 'path-button', title: 'Go to this field', onclick: () => focusPath(path) }, path)
    : h('code', { text: path || '(data)' });
}

function render(r, unmodified) {
  const preset = presetList.find((p) => p.id === r.preset);
  $('#results-head').hidden = false;
  $('#score').textContent = fmt1(r.score);
  $('#interval').textContent = fmtRange(r.interval);
  $('#confidence').textContent = fmtPct(r.confidenceLevel);
  const verdict = $('#verdict');
  verdict.textContent = VERDICTS[r.verdict] ?? r.verdict;
  verdict.dataset.verdict = r.verdict;
  $('#verdict-reason').textContent = r.verdictReason;
  $('#preset-name').textContent = preset?.name ?? r.preset;
  $('#coverage').textContent = fmtPct(r.coverage);
  $('#timing').textContent = `${Math.max(1, Math.round(r.elapsed ?? 0))} ms`;
  const gauge = $('#gauge');
  setBar(gauge, r.score, r.interval);
  gauge.setAttribute('aria-label', `Score ${fmt1(r.score)} of 100, interval ${fmtRange(r.interval)}`);
  gauge.dataset.verdict = r.verdict;

  const claim = $('#claim');
  claim.hidden = !unmodified;
  gauge.querySelector('.bar-marker').hidden = !unmodified;
  if (unmodified) {
    const gap = CLAIMED_SCORE - r.score;
    claim.textContent = `The company's own documents claim ${CLAIMED_SCORE}/100. Held against published benchmarks, `
      + `the same data scores ${fmt1(r.score)} (interval ${fmtRange(r.interval)}), `
      + `${fmt1(Math.abs(gap))} points ${gap >= 0 ? 'lower' : 'higher'}.`;
  }

  renderDimensions(r);
  renderRecommendations(r);
  renderMetrics(r);
  renderWarnings(r);
  renderTrends(r);
  renderFigures(r);
  renderMissing(r);
}

function renderDimensions(r) {
  const list = $('#dimensions');
  list.replaceChildren();
  for (const [key, name] of DIMENSIONS) {
    const d = r.dimensions[key];
    const has = d.score != null;
    const bar = h('div', {
      class: 'bar', role: 'img',
      'aria-label': has ? `${name} ${fmt1(d.score)} of 100, interval ${fmtRange(d.interval)}` : `${name}: no data`,
    }, h('span', { class: 'bar-fill' }), h('span', { class: 'bar-range' }));
    setBar(bar, d.score ?? 0, d.interval);
    const meta = has
      ? [h('span', { text: `interval ${fmtRange(d.interval)}` }), h('span', { text: `weight ${fmtPct(d.effectiveWeight)}` }),
        h('span', { class: 'points', text: `+${fmt1(d.contribution)} pts` })]
      : [h('span', { text: d.summary }), h('span', { text: `nominal weight ${fmtPct(d.nominalWeight)}, redistributed` })];
    list.append(h('li', { class: `dim${has ? '' : ' no-data'}`, 'data-testid': `dimension-${key}`, 'data-dimension': key },
      h('span', { class: 'dim-name', text: name }),
      h('span', { class: 'dim-score', text: has ? fmt1(d.score) : '—' }),
      bar,
      h('span', { class: 'dim-meta' }, meta)));
  }
  for (const [key, meta] of Object.entries(GROUPS)) {
    const chip = document.getElementById(`group-score-${key}`);
    if (!chip) continue;
    const d = r.dimensions[meta.dimension];
    chip.textContent = key === 'unitEconomics' ? '' : d?.score != null ? fmt1(d.score) : 'no data';
    chip.hidden = !chip.textContent;
  }
}

function renderRecommendations(r) {
  const list = $('#recommendations');
  list.replaceChildren();
  if (!r.recommendations.length) {
    list.append(h('li', { class: 'empty', text: 'Nothing to recommend: every scored metric is at its top benchmark.' }));
    return;
  }
  for (const rec of r.recommendations) {
    list.append(h('li', { 'data-metric': rec.metric },
      h('span', { class: 'gain', title: 'points the overall score gains' }, `+${fmt1(rec.gain)}`, h('small', {}, ' pts')),
      h('div', { class: 'rec-body' },
        h('p', { class: 'rec-message', text: rec.message }),
        h('p', { class: 'rec-meta' }, `score after: ${fmt1(rec.scoreAfter)} · field `, pathButton(rec.path)))));
  }
}

function renderMetrics(r) {
  const sourcesById = new Map(r.sources.map((s) => [s.id, s]));
  const table = $('#metrics');
  for (const body of table.querySelectorAll('tbody')) body.remove();
  for (const [key, name] of DIMENSIONS) {
    const d = r.dimensions[key];
    const body = h('tbody', { 'data-dimension': key },
      h('tr', { class: 'dim-row' }, h('th', { colspan: 8, scope: 'colgroup' },
        name, h('span', { class: 'dim-row-score', text: d.score != null ? ` ${fmt1(d.score)}` : ' no data' }))));
    if (!d.metrics.length) body.append(h('tr', {}, h('td', { colspan: 8, class: 'muted', text: d.summary })));
    for (const m of d.metrics) {
      const next = m.benchmark.next;
      const cited = [...new Set(m.benchmark.points.map((p) => p.source).filter(Boolean))];
      const sources = cited.map((id) => sourcesById.get(id)).filter(Boolean).map((s, i) => [
        i ? ', ' : '',
        s.url ? h('a', { href: s.url, target: '_blank', rel: 'noopener noreferrer', title: s.citation }, shortCitation(s.citation))
          : h('span', { title: s.citation, text: shortCitation(s.citation) }),
      ]);
      body.append(h('tr', { 'data-testid': `metric-${m.id}` },
        h('th', { scope: 'row' }, h('span', { class: 'metric-label', text: m.label }),
          h('span', { class: 'metric-unit', text: m.unit }),
          m.note ? h('span', { class: 'metric-note', text: m.note }) : null),
        h('td', { class: 'num', 'data-label': 'Value' }, h('span', { text: fmt(m.value) }),
          m.valueInterval ? h('span', { class: 'sub', text: fmtRange(m.valueInterval, fmt) }) : null),
        h('td', { 'data-label': 'Band' }, h('span', { class: `band band-${bandClass(m.benchmark.band)}`, title: m.benchmark.band, text: m.benchmark.band.replace(/^at or above /, '≥ ') })),
        h('td', { class: 'next', 'data-label': 'Next band', text: next ? `${next.label} ${fmt(next.value)}` : '—' }),
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

function renderWarnings(r) {
  const list = $('#warnings');
  list.replaceChildren();
  if (!r.warnings.length) {
    list.append(h('li', { class: 'empty', text: 'No warnings: the figures are consistent with each other.' }));
    return;
  }
  for (const w of r.warnings) {
    list.append(h('li', { 'data-code': w.code },
      h('p', {}, pathButton(w.path), h('span', { class: 'code', text: w.code })),
      h('p', { text: w.message })));
  }
}

function renderTrends(r) {
  const list = $('#trends');
  list.replaceChildren(...(r.marketTrends.length
    ? r.marketTrends.map((t) => h('li', { text: t }))
    : [h('li', { class: 'empty', text: 'No market trends given.' })]));
}

function renderFigures(r) {
  const list = $('#figures');
  list.replaceChildren();
  for (const f of r.figures) {
    list.append(h('div', { class: 'figure' },
      h('dt', { text: f.label }),
      h('dd', {}, h('span', { class: 'figure-value', text: `${fmt(f.value)} ${f.unit}` }),
        h('span', { class: 'muted', text: ` · ${f.whyUnscored}` }))));
  }
  if (!r.figures.length) list.append(h('div', { class: 'figure' }, h('dt', { text: 'None' }), h('dd', { class: 'muted', text: 'no context figures in the data' })));
}

function renderMissing(r) {
  const section = $('#missing-section');
  section.hidden = !r.missing.length;
  $('#missing').replaceChildren(...r.missing.map((m) => h('li', {},
    h('span', { class: 'metric-label', text: m.metric }),
    ` (${m.dimension}, ${fmtPct(m.nominalWeight)} of the weight): give `,
    m.inputs.flatMap((p, i) => [i ? ' and ' : '', pathButton(p)]))));
}

// ---------------------------------------------------------------- start

// ---------------------------------------------------------------- input tabs

/** The [tab, panel] pairs of one tablist, panels found by aria-controls. */
const tabPairs = (tablist) => [...tablist.querySelectorAll('[role="tab"]')]
  .map((tab) => [tab, document.getElementById(tab.getAttribute('aria-controls'))]);

// ---------------------------------------------------------------- JSON paste

/** "Unexpected token } in JSON at position 57" -> line and column, where the engine says. */
function jsonErrorText(text, e) {
  const m = /position (\d+)/.exec(e.message);
  if (!m) return e.message;
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  const column = Number(m[1]) - before.lastIndexOf('\n');
  return `${e.message.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${column}`;
}

function showJsonProblems(lines) {
  const box = $('#json-problems');
  box.replaceChildren(...lines.map((l) => h('p', {}, l)));
  box.hidden = !lines.length;
  $('#json-input').setAttribute('aria-invalid', String(lines.length > 0));
}

function applyJson() {
  const text = $('#json-input').value;
  let product;
  try {
    product = JSON.parse(text);
  } catch (e) {
    showJsonProblems([`This is not valid JSON: ${jsonErrorText(text, e)}.`]);
    return;
  }
  if (!product || typeof product !== 'object' || Array.isArray(product)) {
    showJsonProblems(['Expected one product as a JSON object, like the sample: { "usageMetrics": { ... }, ... }.']);
    return;
  }
  let report;
  try {
    report = validate(product);
  } catch (e) {
    showJsonProblems([e?.message ?? String(e)]);
    return;
  }
  if (report.problems.length) {
    showJsonProblems(report.problems.map((p) => [h('code', { text: p.path }), ` ${problemText(p)}`]));
    return;
  }
  showJsonProblems(report.warnings.map((w) => [h('code', { text: w.path }), ` ${w.message}`]));
  fillForm(product);
  rescore();
  notice = '';
}

// ---------------------------------------------------------------- raw data

/** Merges derived groups (surveyData, usageMetrics, adoptionData) into the form's data and re-scores. */
function useDerived(parts) {
  const { product } = collect();
  for (const [group, values] of Object.entries(parts)) {
    if (!values) continue;
    const defined = Object.fromEntries(Object.entries(values).filter(([, v]) => v != null));
    product[group] = { ...(product[group] ?? {}), ...defined };
  }
  fillForm(product);
  rescore();
  $('#summary').scrollIntoView({ block: 'start', behavior: 'smooth' });
}

function showSurvey(result, info) {
  $('#survey-section').hidden = false;
  renderSurvey($('#survey-view'), result, { onUse: (surveyData) => useDerived({ surveyData }), fileName: info?.name });
}

function showEvents(result, info) {
  $('#events-section').hidden = false;
  renderEvents($('#events-view'), result.analysis ?? result, {
    csv: result.analysis ? result : undefined,
    onUse: (parts) => useDerived(parts),
    fileName: info?.name,
  });
}

// ---------------------------------------------------------------- share and export

let shareTimer = 0;
/** Switches between the validation and launch views (set up in main). */
let selectView = null;
let shareFragment = '';

// ---------------------------------------------------------------- launch view

let currentView = 'validation';
let launchView = null;
let launchState = null;

/** Mounts the launch view the first time it is needed (its module loads only then). */
async function ensureLaunchView() {
  if (launchView) return launchView;
  const { mountLaunch } = await import('./views/launch/index.js');
  launchView = mountLaunch($('#launch'), {
    checkLaunch,
    sampleLaunchPlan,
    state: launchState ?? undefined,
    onChange: (state) => { launchState = state; scheduleShareUpdate(); },
  });
  launchState = launchView.getState();
  return launchView;
}

async function showView(id) {
  currentView = id === 'view-tab-launch' ? 'launch' : 'validation';
  if (currentView === 'launch') await ensureLaunchView();
  scheduleShareUpdate();
}

function shareState() {
  return {
    product: lastProduct ?? {},
    options: currentOptions(),
    tab: currentView,
    ...(launchState ? { launch: launchState } : {}),
  };
}

let shareStale = true;

/** Keeps the embed link current, a little after each change. */
function scheduleShareUpdate() {
  shareStale = true;
  clearTimeout(shareTimer);
  shareTimer = setTimeout(async () => {
    try {
      shareFragment = await encodeState(shareState());
      $('#embed-link').href = `embed.html${await encodeState({ ...shareState(), tab: 'validation' })}`;
      if (launchState) $('#launch-embed-link').href = `embed.html${await encodeState({ ...shareState(), tab: 'launch' })}`;
      shareStale = false;
    } catch {
      shareFragment = '';
    }
  }, 150);
}

/** A click on the embed link before it caught up with the last change opens the current state. */
async function openEmbed(event, tab) {
  if (!shareStale) return;
  event.preventDefault();
  const fragment = await encodeState({ ...shareState(), tab });
  window.open(`embed.html${fragment}`, '_blank', 'noopener');
}

function setShareStatus(text) {
  $(currentView === 'launch' ? '#launch-share-status' : '#share-status').textContent = text;
}

async function copyShareLink() {
  if (currentView === 'validation' && !lastResult) { setShareStatus('Nothing to share yet: fix the data first.'); return; }
  shareFragment = await encodeState(shareState());
  const url = `${location.origin}${location.pathname}${shareFragment}`;
  history.replaceState(null, '', shareFragment);
  try {
    await navigator.clipboard.writeText(url);
    setShareStatus(`Link copied (${fmt(url.length)} characters). The data is in the link itself; nothing was uploaded.`);
  } catch {
    setShareStatus('The address bar now holds the share link; copy it from there.');
  }
}

async function applyFragment() {
  if (!location.hash || location.hash === '#') return false;
  let state;
  try {
    state = await decodeState(location.hash);
  } catch (e) {
    notice = `The link could not be read: ${e?.message ?? e}. Showing the sample instead.`;
    return false;
  }
  if (!state) return false;
  applyOptions(state.options);
  fillForm(state.product && typeof state.product === 'object' ? state.product : {});
  if (state.launch && typeof state.launch === 'object') {
    launchState = state.launch;
    launchView?.setState(state.launch);
  }
  if (state.tab === 'launch') selectView?.('view-tab-launch');
  return true;
}

async function exportPng() {
  if (!lastResult) { setShareStatus('Nothing to export yet: fix the data first.'); return; }
  const scheme = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  const blob = await scoreCardPng(lastResult, { scheme });
  downloadBlob(blob, 'market-validation-score.png');
  setShareStatus('Saved the score card as PNG.');
}

async function main() {
  try {
    await init();
  } catch (e) {
    setStatus('error', `Could not load the scoring engine (WebAssembly): ${e?.message ?? e}`);
    document.body.dataset.state = 'error';
    return;
  }
  $('#version').textContent = `v${version()}`;
  presetList = presets();
  const select = $('#preset');
  select.replaceChildren(...presetList.map((p) => h('option', { value: p.id, selected: p.id === DEFAULT_PRESET }, p.name)));
  const sample = sampleProduct();
  sampleCanonical = canonical(sample);
  buildForm(schema());
  buildWeights();
  showWeights();
  setupTabs(tabPairs(document.querySelector('.tabs[role="tablist"]')));
  const selectViewTab = setupTabs(tabPairs(document.querySelector('.view-tabs')), (tab) => {
    showView(tab.id).catch((e) => { $('#launch').replaceChildren(h('p', { class: 'status', 'data-kind': 'error', text: `Could not load the launch check: ${e?.message ?? e}` })); });
  });
  selectView = (id) => selectViewTab(document.getElementById(id));
  const fromLink = await applyFragment();
  if (!fromLink) fillForm(sample);
  window.addEventListener('hashchange', async () => { if (await applyFragment()) rescore(); });
  $('#json-input').value = JSON.stringify(fromLink ? collect().product : sample, null, 2);

  const form = $('#product-form');
  form.addEventListener('submit', (e) => { e.preventDefault(); rescore(); });
  form.addEventListener('input', () => { notice = ''; schedule(); });
  select.addEventListener('change', () => { if (!customWeights) showWeights(); rescore(); });
  $('#weights-reset').addEventListener('click', () => { customWeights = null; showWeights(); rescore(); });
  $('#json-apply').addEventListener('click', applyJson);
  $('#json-from-form').addEventListener('click', () => { $('#json-input').value = JSON.stringify(collect().product, null, 2); showJsonProblems([]); });
  $('#share-link').addEventListener('click', () => copyShareLink().catch((e) => setShareStatus(`Could not make the link: ${e?.message ?? e}`)));
  $('#export-json').addEventListener('click', () => {
    if (lastResult) downloadJson({ product: lastProduct, options: currentOptions(), result: lastResult }, 'market-validation-result.json');
  });
  $('#launch-share-link').addEventListener('click', () => copyShareLink().catch((e) => setShareStatus(`Could not make the link: ${e?.message ?? e}`)));
  $('#launch-export-json').addEventListener('click', () => {
    const state = launchView?.getState();
    const report = launchView?.getReport();
    if (!state || !report) { setShareStatus('Nothing to export yet: fix the plan first.'); return; }
    downloadJson({ ...state, report }, 'market-validation-launch.json');
  });
  $('#launch-embed-link').addEventListener('click', (e) => { openEmbed(e, 'launch').catch((err) => setShareStatus(`Could not open the card: ${err?.message ?? err}`)); });
  $('#embed-link').addEventListener('click', (e) => { openEmbed(e, 'validation').catch((err) => setShareStatus(`Could not open the card: ${err?.message ?? err}`)); });
  $('#export-png').addEventListener('click', () => exportPng().catch((e) => setShareStatus(`Could not draw the PNG: ${e?.message ?? e}`)));
  mountUpload($('#upload'), { onSurvey: showSurvey, onEvents: showEvents });
  $('#load-sample').addEventListener('click', () => { fillForm(sampleProduct()); rescore(); });
  $('#clear').addEventListener('click', () => { fillForm({}); rescore(); });
  for (const el of document.querySelectorAll('.form-panel select, .form-panel button')) el.disabled = false;
  rescore();
  // Offline once loaded: the service worker caches the page's own files.
  if ('serviceWorker' in navigator && location.protocol !== 'file:') {
    navigator.serviceWorker.register('sw.js').catch(() => { /* offline use is a bonus, not a requirement */ });
  }
}

main().catch((e) => {
  setStatus('error', `Something went wrong: ${e?.message ?? e}`);
  document.body.dataset.state = 'error';
});
