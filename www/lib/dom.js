// Small DOM and number-formatting helpers shared by every view. User text
// only ever becomes text nodes (`h` children, `text`), never markup.

/**
 * What `h` and `svg` take as children: nodes, text (numbers become text),
 * nothing (null, undefined, false: skipped) and lists of these, nested freely.
 * @typedef {Node | string | number | boolean | null | undefined | Child[]} Child
 */
/**
 * An attribute value for `h` and `svg`: null, undefined and false leave the
 * attribute out, true sets it empty; `on…` keys take event listeners.
 * @typedef {string | number | boolean | null | undefined | ((event: Event) => unknown)} AttrValue
 */

/**
 * @overload
 * @param {string} selector
 * @returns {HTMLElement}
 */
/**
 * @template {Element} T
 * @overload
 * @param {string} selector
 * @param {{ new (): T, prototype: T }} type
 * @param {ParentNode} [root]
 * @returns {T}
 */
/**
 * The element for `selector` in the page (or in `root`), checked to be a
 * `type` (an HTMLElement unless told). The page's own markup holds it, so a
 * missing one is a bug: it throws.
 * @param {string} selector
 * @param {{ new (): Element, prototype: Element }} [type]
 * @param {ParentNode} [root]
 * @returns {Element}
 */
export function $(selector, type = HTMLElement, root = document) {
  const el = root.querySelector(selector);
  if (!(el instanceof type)) throw new Error(`The page has no ${type.name} for ${selector}`);
  return el;
}

/**
 * Appends children: nodes as they are, other values as text nodes, nested lists
 * flattened; null, undefined and false skipped.
 * @param {Element} el
 * @param {Child[]} children
 */
function appendChildren(el, children) {
  for (const c of children) {
    if (Array.isArray(c)) appendChildren(el, c);
    else if (c != null && c !== false) el.append(c instanceof Node ? c : String(c));
  }
}

/**
 * Creates an element; strings among the children become text nodes.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, AttrValue>} [attrs] `class`, `text` (its text content), `on<event>` listeners, or attributes
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = String(v);
    else if (k === 'text') el.textContent = String(v);
    else if (k.startsWith('on')) { if (typeof v === 'function') el.addEventListener(k.slice(2), v); }
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  appendChildren(el, children);
  return el;
}

/**
 * Creates an SVG element; strings among the children become text nodes (never markup).
 * @template {keyof SVGElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, AttrValue>} [attrs] `text` (its text content) or attributes
 * @param {...Child} children
 * @returns {SVGElementTagNameMap[K]}
 */
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'text') el.textContent = String(v);
    else el.setAttribute(k, String(v));
  }
  appendChildren(el, children);
  return el;
}

/**
 * A maker of ids unique on the page: `${prefix}-${name}-${n}`, n counting up
 * for each id this maker gives.
 * @param {string} prefix
 * @returns {(name: string) => string}
 */
export function idMaker(prefix) {
  let counter = 0;
  return (name) => `${prefix}-${name}-${++counter}`;
}
/**
 * Focuses the element the first of `selectors` finds in `root`, if one does.
 * @param {ParentNode} root
 * @param {...string} selectors tried in order
 */
export function focusIn(root, ...selectors) {
  for (const selector of selectors) {
    const el = root.querySelector(selector);
    if (el) {
      if (el instanceof HTMLElement || el instanceof SVGElement) el.focus();
      return;
    }
  }
}

/** Ids of the shared charts and widgets (lib/charts.js, lib/widgets.js): `mv-<name>-<n>`. */
export const uniqueId = idMaker('mv');

/**
 * Tabs (ARIA tab pattern): `pairs` are [tab, panel] elements. A click, or the
 * arrow, Home and End keys on a focused tab, select a tab: it is marked
 * selected and focusable (roving tabindex) and only its panel is shown; then
 * `onSelect(tab)` runs. Returns `select(tab, focus?)`.
 * @param {[HTMLElement, HTMLElement][]} pairs
 * @param {(tab: HTMLElement) => void} [onSelect]
 * @returns {(tab: HTMLElement, focus?: boolean) => void}
 */
export function setupTabs(pairs, onSelect = () => {}) {
  const tabs = pairs.map(([tab]) => tab);
  /** @type {(tab: HTMLElement, focus?: boolean) => void} */
  const select = (tab, focus = false) => {
    for (const [t, panel] of pairs) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      panel.hidden = !on;
    }
    if (focus) tab.focus();
    onSelect(tab);
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => select(tab));
    tab.addEventListener('keydown', (e) => {
      /** @type {Record<string, HTMLElement | undefined>} */
      const byKey = { ArrowRight: tabs[(i + 1) % tabs.length], ArrowLeft: tabs[(i - 1 + tabs.length) % tabs.length],
        Home: tabs[0], End: tabs.at(-1) };
      const target = byKey[e.key];
      if (target) { e.preventDefault(); select(target, true); }
    });
  });
  return select;
}

/**
 * The [tab, panel] pairs of a tablist, each panel found by its tab's aria-controls.
 * @param {ParentNode} tablist
 * @returns {[HTMLElement, HTMLElement][]}
 */
export function tabPairs(tablist) {
  return [...tablist.querySelectorAll('[role="tab"]')].map((tab) => {
    const panel = document.getElementById(tab.getAttribute('aria-controls') ?? '');
    if (!(tab instanceof HTMLElement) || !panel) throw new Error(`The tab ${tab.id} controls no panel`);
    return [tab, panel];
  });
}

/** `featureAdoptionRates` -> "Feature adoption rates". @param {string} key */
export const humanize = (key) => key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().replace(/^./, (c) => c.toUpperCase());

const numberFormat = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });
const bigFormat = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 3 });
const intFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
/**
 * A number for display: 3 significant digits, compact above a million; anything else as text.
 * @param {unknown} n
 * @returns {string}
 */
export function fmt(n) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return String(n);
  const a = Math.abs(n);
  if (a >= 1e6) return bigFormat.format(n);
  if (a >= 100) return intFormat.format(n);
  return numberFormat.format(n);
}
export const longFormat = new Intl.NumberFormat('en-US', { notation: 'compact', compactDisplay: 'long', maximumSignificantDigits: 4 });
/**
 * A number as input text: whole numbers in plain digits (their field's echo
 * says big ones in words); anything else as text.
 * @param {unknown} n
 * @returns {string}
 */
export function numberText(n) {
  // Plain digits, never "25e9": the field's echo says it in words (= 25 billion).
  if (typeof n === 'number' && Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(n);
}
/** One decimal. @param {number} n */
export const fmt1 = (n) => n.toFixed(1);
/** A fraction as a percentage with at most one decimal: 0.456 -> "45.6%". @param {number} w */
export const fmtPct = (w) => `${Number((w * 100).toFixed(1))}%`;
/**
 * An interval: "41.2–55.0".
 * @param {readonly [number, number] | number[]} range
 * @param {(n: number) => string} [f]
 */
export const fmtRange = ([lo, hi], f = fmt1) => `${f(lo)}–${f(hi)}`;
/** Whole numbers with thousands separators. @param {number} n */
export const fmtInt = (n) => Math.round(n).toLocaleString('en-US');
/** A count: whole numbers with thousands separators, others as `fmt` gives them. @param {number} v */
export const fmtCount = (v) => (Number.isInteger(v) ? fmtInt(v) : fmt(v));

/**
 * Whether text is a calendar day as `<input type="date">` and the library write it: `2026-12-06`.
 * @param {unknown} text @returns {text is string}
 */
export function isDay(text) {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(text);
}
const dayFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
/** A day for people: `2026-12-06` -> "Dec 6, 2026" (anything else as given). @param {string} day */
export const dayText = (day) => (isDay(day) ? dayFormat.format(new Date(`${day}T00:00:00Z`)) : day);
