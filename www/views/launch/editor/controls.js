// The plan editor's inputs and their registry. Every input is registered
// under the plan path it edits (`milestones[2].date`), so that problems and
// findings the library reports by path land next to it; each has a box for
// those messages. Also the builders of the editor's inputs, labels, buttons
// and of the notice for a part of the plan the form cannot edit.
import { h } from '../../../lib/dom.js';
import { dayNumber } from '../../../lib/launch-card.js';
import { ellipsize } from '../../../lib/charts.js';
import { launchId as uid } from '../labels.js';
import { describe, parentPath, textOf } from '../plan-values.js';

/** @import { Child } from '../../../lib/dom.js' */
/** @import { SectionContext, SectionName } from './index.js' */

/**
 * A registered input: what a plan path's problems mark and where focus goes.
 * @typedef {object} Field
 * @property {HTMLElement | null} input  the input (or the button standing in for one)
 * @property {HTMLElement} err  the box for its messages
 * @property {boolean} [list]  a one-per-line list: problems of its `[i]` entries name the line
 */
/** A field found for a path, with the path it is registered under. @typedef {Field & { path: string }} Target */

/**
 * The registry of the editor's inputs and the builders that register them.
 * @param {{ changed: () => void }} o  `changed`: the plan changed, re-check it soon
 */
export function createControls({ changed }) {
  /** path -> the input that edits it @type {Map<string, Field>} */
  const fields = new Map();
  /** milestone row path -> element showing its computed date and state @type {Map<string, HTMLElement>} */
  const computed = new Map();
  /** messaging path (`featureMessaging[k]` / `newFeatures[i]`) -> status element @type {Map<string, HTMLElement>} */
  const msgStatus = new Map();
  /** Fields that show messages now, cleared before the next ones. @type {Target[]} */
  let marked = [];

  /**
   * Registers `input` (and its message box) under `path`.
   * @param {string} path @param {HTMLElement | null} input @param {HTMLElement} err @param {{ list?: boolean }} [extra]
   */
  function reg(path, input, err, extra = {}) {
    fields.set(path, { input, err, ...extra });
    if (input && /^(INPUT|SELECT|TEXTAREA)$/.test(input.tagName) && !input.dataset.path) input.dataset.path = path;
  }

  /**
   * Forgets the fields under these paths (a section is drawn anew).
   * @param {string[]} prefixes
   */
  function unregister(prefixes) {
    for (const key of [...fields.keys()]) {
      if (prefixes.some((p) => key === p || key.startsWith(`${p}[`) || key.startsWith(`${p}.`))) fields.delete(key);
    }
    for (const map of [computed, msgStatus]) {
      for (const key of [...map.keys()]) if (prefixes.some((p) => key.startsWith(`${p}[`))) map.delete(key);
    }
  }

  /**
   * The registered field a path concerns: itself, else its nearest registered parent.
   * @param {string | undefined} path
   * @returns {Target | null}
   */
  function target(path) {
    let p = String(path ?? '');
    while (p) {
      const t = fields.get(p);
      if (t && t.input?.isConnected !== false) return { ...t, path: p };
      p = parentPath(p);
    }
    return null;
  }

  /**
   * The field registered under `path` by the builder just called.
   * @param {string} path
   * @returns {Field}
   */
  function registered(path) {
    const f = fields.get(path);
    if (!f) throw new Error(`no field registered for ${path}`);
    return f;
  }

  /** The message box of the input for `path`. @param {string} path */
  function errorFor(path) {
    return h('div', { class: 'mv-launch-field-msgs', id: uid('err'), hidden: true, 'data-error-for': path, 'data-testid': 'field-error' });
  }

  /**
   * Shows a message next to a field.
   * @param {Target} t @param {string} kind `error` or a finding level @param {Child} nodes
   */
  function addMessage(t, kind, nodes) {
    t.err.append(h('p', { class: `mv-launch-msg mv-launch-msg-${kind}` }, nodes));
    t.err.hidden = false;
    if (!marked.includes(t)) marked.push(t);
  }

  /** Clears every message shown next to a field. */
  function clearMessages() {
    for (const t of marked) {
      t.err.replaceChildren();
      t.err.hidden = true;
      t.input?.removeAttribute('aria-invalid');
    }
    marked = [];
  }

  /**
   * A labelled input with its hint and its problem messages. `label` may be nodes.
   * @param {Child} label
   * @param {HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement} input
   * @param {{ hint?: string, path?: string, wide?: boolean, list?: boolean, className?: string }} [o]
   */
  function field(label, input, { hint, path, wide, list, className = '' } = {}) {
    if (!input.id) input.id = uid('in');
    const err = errorFor(path ?? '');
    const hintEl = hint ? h('p', { class: 'mv-launch-hint', id: uid('hint'), text: hint }) : null;
    input.setAttribute('aria-describedby', [hintEl?.id, err.id].filter(Boolean).join(' '));
    if (path) reg(path, input, err, { list: !!list });
    return h('div', { class: `mv-launch-field${wide ? ' mv-launch-wide' : ''} ${className}`.trim() },
      h('label', { for: input.id, class: 'mv-launch-label' }, label), input, hintEl, err);
  }

  /**
   * A checkbox with its label and its problem messages.
   * @param {HTMLInputElement} input @param {Child} label @param {string} path
   */
  function checkbox(input, label, path) {
    input.id = uid('cb');
    const err = errorFor(path);
    input.setAttribute('aria-describedby', err.id);
    reg(path, input, err);
    return h('div', { class: 'mv-launch-check' }, input, h('label', { for: input.id }, label), err);
  }

  /**
   * A part of the plan the form cannot edit (wrong type): say so, offer to replace it.
   * @param {string} path @param {unknown} value @param {'a list' | 'an object'} what @param {() => void} replace
   */
  function badValue(path, value, what, replace) {
    const err = errorFor(path);
    const fixButton = button(`Replace it with ${what === 'a list' ? 'an empty list' : 'an empty object'}`, () => { replace(); changed(); });
    reg(path, fixButton, err);
    return h('div', { class: 'mv-launch-bad' },
      h('p', {}, h('code', { text: path }), ` holds ${describe(value)}, not ${what}, so the form cannot edit it. Fix it in the JSON tab, or:`),
      fixButton, err);
  }

  return {
    fields, computed, msgStatus, reg, registered, unregister, target, errorFor, addMessage, clearMessages, field, checkbox, badValue,
  };
}

/** The editor's controls: the registry and the builders that register. @typedef {ReturnType<typeof createControls>} Controls */

/**
 * A label with hidden row context: "Milestone 3: " + visible "Name".
 * @param {string} context @param {string} text
 * @returns {Child}
 */
export const rowLabel = (context, text) => [h('span', { class: 'mv-visually-hidden', text: `${context}: ` }), text];

/**
 * A text input showing `value`; `onInput` gets its text on every keystroke.
 * @param {unknown} value @param {(text: string, input: HTMLInputElement) => void} onInput @param {Record<string, string | number | boolean>} [attrs]
 */
export function textInput(value, onInput, attrs = {}) {
  const el = h('input', { type: 'text', value: textOf(value), autocomplete: 'off', ...attrs });
  el.addEventListener('input', () => onInput(el.value, el));
  return el;
}

/**
 * A date input (empty unless `value` is a real `YYYY-MM-DD` day); `onInput` gets
 * its value and whether the browser could not read what was typed.
 * @param {unknown} value @param {(value: string, bad: boolean) => void} onInput @param {Record<string, string | number | boolean>} [attrs]
 */
export function dateInput(value, onInput, attrs = {}) {
  const el = h('input', { type: 'date', value: dayNumber(value) != null ? String(value) : '', min: '1000-01-01', max: '9999-12-31', ...attrs });
  el.addEventListener('input', () => {
    el.dataset.bad = el.validity.badInput ? '1' : '';
    onInput(el.value, el.validity.badInput);
  });
  return el;
}

/**
 * A select of fixed choices showing `value`: the choice it names (case ignored), else `fallback`
 * when it is absent, else an extra first option saying what the plan holds instead (nothing, or a
 * value that is not a choice), shown until a choice is picked. `onChange` gets the choice picked.
 * @param {unknown} value @param {[string, string][]} choices [value, label] pairs
 * @param {(value: string) => void} onChange
 * @param {{ fallback?: string, attrs?: Record<string, string | number | boolean> }} [o]
 */
export function choiceSelect(value, choices, onChange, { fallback, attrs = {} } = {}) {
  const wanted = typeof value === 'string' ? value.toLowerCase() : value === undefined ? fallback : undefined;
  const known = choices.some(([v]) => v === wanted);
  const extra = known ? null : h('option', {
    value: '', selected: true, disabled: true,
    text: value === undefined || value === '' ? 'Not set: choose one' : `${ellipsize(textOf(value), 40)}: not one of these`,
  });
  const el = h('select', { ...attrs }, extra, choices.map(([v, label]) => h('option', { value: v, selected: known && v === wanted }, label)));
  el.addEventListener('change', () => {
    extra?.remove();
    onChange(el.value);
  });
  return el;
}

/**
 * A one-per-line list (audiences, channels, benefits); `onInput` gets the non-blank lines.
 * @param {unknown} value @param {(lines: string[]) => void} onInput @param {Record<string, string | number | boolean>} [attrs]
 */
export function listInput(value, onInput, attrs = {}) {
  const text = Array.isArray(value) ? value.map(textOf).join('\n') : textOf(value);
  const el = h('textarea', { rows: Math.min(8, Math.max(2, text.split('\n').length + 1)), spellcheck: 'true', ...attrs });
  el.value = text;
  el.addEventListener('input', () => onInput(el.value.split('\n').filter((l) => l.trim())));
  return el;
}

/**
 * A secondary button.
 * @param {Child} text @param {() => void} onclick @param {Record<string, string | number | boolean>} [attrs]
 */
export function button(text, onclick, attrs = {}) {
  return h('button', { type: 'button', class: 'mv-launch-button mv-launch-secondary', onclick, ...attrs }, text);
}

/**
 * "Remove milestone" visibly; "Remove milestone 3: Launch" for screen readers (starts with the visible text).
 * @param {string} what @param {() => void} onclick @param {string} path the row's path, for focus after removal
 */
export function removeButton(what, onclick, path) {
  const kind = /^[a-z]+( entry)?/i.exec(what)?.[0] ?? '';
  return h('button', {
    type: 'button', class: 'mv-launch-remove', 'aria-label': `Remove ${what}`, 'data-testid': 'launch-remove', 'data-remove': path, onclick,
  }, `Remove ${kind}`.trim());
}

/**
 * The list the plan holds under `key` (an empty one when it has none); or, when
 * it holds something else, the notice offering to replace that with an empty
 * list (then `sections` are drawn anew).
 * @param {SectionContext} ctx @param {string} key @param {...SectionName} sections
 * @returns {unknown[] | HTMLElement}
 */
export function listOrNotice(ctx, key, ...sections) {
  const value = ctx.state.plan[key];
  if (value !== undefined && !Array.isArray(value)) {
    return ctx.controls.badValue(key, value, 'a list', () => { ctx.state.plan[key] = []; ctx.rerender(...sections); });
  }
  return Array.isArray(value) ? value : [];
}
