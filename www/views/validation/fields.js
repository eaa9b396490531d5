// The product form's fields, one kind per shape in the schema: a number (with
// its unit and range, and big values echoed in words), a name -> number map
// (segments, feature adoption rates, competitor figures) and a list of lines
// (market trends). Each reads its value back with its own problems (text that
// is not a number, a duplicate name), writes a value, and marks the input a
// problem of the library's names.
import { h, longFormat, numberText } from '../../lib/dom.js';
import { isShare, toPercent, unitText as pageUnitText } from '../../lib/units.js';

/** @import { JsonSchemaNode, Problem } from '../../../pkg/web/market_validation.js' */

/**
 * What a field read: its value (none when empty) and the problems it found itself.
 * @typedef {{ value?: unknown, problem?: Problem, problems?: Problem[] }} FieldValue
 */
/**
 * An editable field of the product form.
 * @typedef {object} FormField
 * @property {string[]} path  its place in the product data: ['usageMetrics', 'dailyActiveUsers']
 * @property {string} pathText  the same as the library writes it: `usageMetrics.dailyActiveUsers`
 * @property {string} label  its label, to name it in messages instead of its path
 * @property {string | undefined} unit  the library's unit of its values (`x-unit`): shares are shown in percent
 * @property {number | undefined} minimum  the smallest value the library takes, in its units
 * @property {number | undefined} maximum  the largest value the library takes, in its units
 * @property {HTMLElement} error  the box for its problems
 * @property {HTMLElement} input  its input, or the element holding its inputs
 * @property {() => FieldValue} read
 * @property {(value: unknown) => void} write
 * @property {(problem: Problem) => HTMLElement | null} mark  marks the input a problem concerns, and returns it
 * @property {() => void} clear  unmarks its inputs
 */
/**
 * Where the builders put what they build.
 * @typedef {object} FieldContext
 * @property {(field: FormField) => void} add  a field was built
 * @property {() => void} rescoreSoon  an edit that fires no input event (a map row removed): re-score at once
 */

/** @param {string[]} path */
const idPart = (path) => path.join('-');

/**
 * A field's unit with its range: "count, ≥ 0"; shares in percent: "%, 0..100".
 * @param {JsonSchemaNode} node
 */
function unitText(node) {
  const unit = node['x-unit'] ?? '';
  if (isShare(unit) && node.minimum != null && node.maximum != null) {
    return `${pageUnitText(unit)}, ${toPercent(node.minimum)}..${toPercent(node.maximum)}`;
  }
  if (/\d\.\.-?\d/.test(unit) || node.minimum == null) return unit;
  const unbounded = node.maximum == null || node.maximum >= 1e6;
  const range = unbounded ? `≥ ${node.minimum}` : `${node.minimum}..${node.maximum}`;
  return unit ? `${unit}, ${range}` : range;
}

/**
 * How a number input shows and reads a value of the library: shares in
 * percent. A value written is read back exactly while its text is unchanged
 * (0.123456789 shown as 12.3456789 reads back as 0.123456789, not its
 * quotient by 100), so showing a value never changes it.
 * @param {JsonSchemaNode} node
 */
function numberCodec(node) {
  const share = isShare(node['x-unit']);
  /** @type {{ text: string, value: unknown } | null} */
  let written = null;
  return {
    /** @param {unknown} v @returns {string} */
    show(v) {
      const text = v == null ? '' : share && typeof v === 'number' && Number.isFinite(v) ? numberText(toPercent(v)) : numberText(v);
      written = { text, value: v };
      return text;
    },
    /** @param {string} text trimmed, not empty @returns {number} */
    read(text) {
      if (written && written.text === text && typeof written.value === 'number') return written.value;
      return share ? Number(text) / 100 : Number(text);
    },
    /** The input's bounds in the units it shows. @param {number | undefined} v */
    bound: (v) => (v == null ? null : share ? toPercent(v) : v),
  };
}

/**
 * The step of a number input, from the field's type and unit.
 * @param {JsonSchemaNode} node
 */
function stepFor(node) {
  const unit = node['x-unit'] ?? '';
  if (node.type === 'integer' || unit === 'count') return '1';
  if (isShare(unit)) return '0.1';
  if (/rating|score 0\.\.10/.test(unit)) return '0.1';
  if (unit.startsWith('NPS')) return '1';
  return 'any';
}

/** The box for a field's problems. @param {string[]} path */
function errorBox(path) {
  return h('div', { class: 'error', id: `error-${idPart(path)}`, 'data-testid': `error-${idPart(path)}`, hidden: true });
}

/**
 * A field's label and unit.
 * @param {string} id @param {string} label @param {JsonSchemaNode} node
 * @param {boolean} [labelFor] a <label> for the input `id`; else a span naming a group
 */
function fieldHead(id, label, node, labelFor = true) {
  return h('div', { class: 'field-head' },
    labelFor ? h('label', { for: id, text: label }) : h('span', { class: 'label', id: `${id}-label`, text: label }),
    h('span', { class: 'unit', text: unitText(node.additionalProperties ?? node) }));
}

/**
 * A number field.
 * @param {FieldContext} ctx @param {string[]} path @param {JsonSchemaNode} node @param {string} label @param {string | null | undefined} hint
 */
export function numberField(ctx, path, node, label, hint) {
  const id = `field-${idPart(path)}`;
  const error = errorBox(path);
  const hintId = `hint-${idPart(path)}`;
  const codec = numberCodec(node);
  const input = h('input', {
    id, name: path.join('.'), type: 'number', step: stepFor(node),
    min: codec.bound(node.minimum), max: node.maximum != null && node.maximum < 1e6 ? codec.bound(node.maximum) : null,
    autocomplete: 'off', 'data-testid': id,
    'aria-describedby': `${hint ? hintId : ''} ${error.id}`.trim(),
  });
  const head = fieldHead(id, label, node);
  const echo = h('span', { class: 'echo', 'aria-hidden': 'true' });
  head.querySelector('.unit')?.append(echo);
  // Big numbers in words too: 25000000000 = 25 billion.
  const updateEcho = () => {
    const v = Number(input.value);
    echo.textContent = input.value.trim() && Math.abs(v) >= 1e6 ? ` · = ${longFormat.format(v)}` : '';
  };
  input.addEventListener('input', updateEcho);
  const wrap = h('div', { class: 'field field-number' },
    head, input,
    hint ? h('p', { class: 'hint', id: hintId, text: hint }) : null, error);
  const pathText = path.join('.');
  ctx.add({
    path, pathText, label, error, input, unit: node['x-unit'], minimum: node.minimum, maximum: node.maximum,
    read() {
      if (input.validity.badInput) return { problem: { path: pathText, value: 'text that is not a number', expected: 'a number' } };
      const s = input.value.trim();
      return s === '' ? {} : { value: codec.read(s) };
    },
    write(v) { input.value = codec.show(v); updateEcho(); },
    mark() { input.setAttribute('aria-invalid', 'true'); return input; },
    clear() { input.removeAttribute('aria-invalid'); },
  });
  return wrap;
}

/** A row of a map field: its name and value inputs, and how its value is shown. @typedef {HTMLDivElement & { nameInput: HTMLInputElement, valueInput: HTMLInputElement, codec: ReturnType<typeof numberCodec> }} MapRow */

/**
 * A name -> number map: a row per entry, rows added and removed by buttons.
 * @param {FieldContext} ctx @param {string[]} path @param {JsonSchemaNode} node @param {string} label @param {string | null | undefined} hint
 */
export function mapField(ctx, path, node, label, hint) {
  const id = `field-${idPart(path)}`;
  const error = errorBox(path);
  const rows = h('div', { class: 'map-rows', id, 'data-testid': id });
  /** The rows, in their order. */
  const mapRows = () => /** @type {MapRow[]} */ ([...rows.children]);
  const itemNode = node.additionalProperties ?? {};
  let counter = 0;
  /** @param {string} [name] @param {unknown} [value] */
  const addRow = (name = '', value = '') => {
    const n = counter++;
    const codec = numberCodec(itemNode);
    const nameInput = h('input', {
      type: 'text', id: `${id}-name-${n}`, class: 'map-name', value: name, autocomplete: 'off',
      'aria-label': `${label}: name`, maxlength: 200,
    });
    const valueInput = h('input', {
      type: 'number', id: `${id}-value-${n}`, class: 'map-value', step: stepFor(itemNode),
      min: codec.bound(itemNode.minimum), max: codec.bound(itemNode.maximum), value: value === '' ? '' : codec.show(value), autocomplete: 'off',
      'aria-label': `${label}: value for ${name || 'new entry'}`,
    });
    nameInput.addEventListener('input', () => valueInput.setAttribute('aria-label', `${label}: value for ${nameInput.value || 'new entry'}`));
    const row = Object.assign(h('div', { class: 'map-row' }, nameInput, valueInput,
      isShare(itemNode['x-unit']) ? h('span', { class: 'map-unit', 'aria-hidden': 'true', text: '%' }) : null,
      h('button', {
        type: 'button', class: 'icon-button', 'aria-label': `Remove ${name || 'entry'}`, title: 'Remove',
        onclick: () => { row.remove(); ctx.rescoreSoon(); },
      }, '×')), { nameInput, valueInput, codec });
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
  ctx.add({
    path, pathText, label, error, input: rows, unit: itemNode['x-unit'], minimum: itemNode.minimum, maximum: itemNode.maximum,
    read() {
      /** @type {Record<string, number>} */
      const out = {};
      /** @type {Problem[]} */
      const problems = [];
      let any = false;
      for (const row of mapRows()) {
        const name = row.nameInput.value.trim();
        const raw = row.valueInput.value.trim();
        const bad = row.valueInput.validity.badInput;
        if (!name && !raw && !bad) continue;
        any = true;
        const entryPath = `${pathText}[${JSON.stringify(name)}]`;
        if (name && Object.hasOwn(out, name)) problems.push({ path: entryPath, value: 'a second entry with this name', expected: 'each name once' });
        else if (bad) problems.push({ path: entryPath, value: 'text that is not a number', expected: 'a number' });
        else if (!raw) problems.push({ path: entryPath, value: 'nothing', expected: 'a value' });
        else out[name] = row.codec.read(raw);
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
      /** @type {unknown} */
      let key = null;
      if (rest.startsWith('.')) key = rest.slice(1);
      else if (/^\[".*"\]$/.test(rest)) { try { key = JSON.parse(rest.slice(1, -1)); } catch { /* not an entry */ } }
      const row = mapRows().find((r) => r.nameInput.value.trim() === key);
      if (!row) return null;
      const target = /name/.test(problem.expected) ? row.nameInput : row.valueInput;
      target.setAttribute('aria-invalid', 'true');
      return target;
    },
    clear() { for (const el of rows.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid'); },
  });
  return wrap;
}

/**
 * A list of texts, one per line.
 * @param {FieldContext} ctx @param {string[]} path @param {JsonSchemaNode} node @param {string} label @param {string | null | undefined} hint
 */
export function linesField(ctx, path, node, label, hint) {
  const id = `field-${idPart(path)}`;
  const error = errorBox(path);
  const area = h('textarea', {
    id, name: path.join('.'), rows: 4, spellcheck: 'true', 'data-testid': id,
    'aria-describedby': `hint-${idPart(path)} ${error.id}`,
  });
  const wrap = h('div', { class: 'field field-lines' },
    h('div', { class: 'field-head' }, h('label', { for: id, text: label }), h('span', { class: 'unit', text: 'one per line' })),
    area, h('p', { class: 'hint', id: `hint-${idPart(path)}`, text: hint ?? '' }), error);
  ctx.add({
    path, pathText: path.join('.'), label, error, input: area, unit: undefined, minimum: undefined, maximum: undefined,
    read() {
      const lines = area.value.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
      return lines.length ? { value: lines } : {};
    },
    write(v) {
      // A share link's data is shown unchecked: anything here but a list (or nothing) fails at join(),
      // and the page reports the error.
      area.value = /** @type {string[]} */ (v ?? []).join('\n');
      area.rows = Math.max(3, Math.min(10, (Array.isArray(v) ? v.length : 0) + 2));
    },
    mark() { area.setAttribute('aria-invalid', 'true'); return area; },
    clear() { area.removeAttribute('aria-invalid'); },
  });
  return wrap;
}
