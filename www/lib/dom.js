// Small DOM and number-formatting helpers shared by every view. User text
// only ever becomes text nodes (`h` children, `text`), never markup.

export const $ = (sel, root = document) => root.querySelector(sel);

/** Creates an element; strings among the children become text nodes. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c != null && c !== false) el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** Creates an SVG element; strings among the children become text nodes (never markup). */
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'text') el.textContent = v;
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c != null && c !== false) el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/**
 * Tabs (ARIA tab pattern): `pairs` are [tab, panel] elements. A click, or the
 * arrow, Home and End keys on a focused tab, select a tab: it is marked
 * selected and focusable (roving tabindex) and only its panel is shown; then
 * `onSelect(tab)` runs. Returns `select(tab, focus?)`.
 */
export function setupTabs(pairs, onSelect = () => {}) {
  const tabs = pairs.map(([tab]) => tab);
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
      const target = { ArrowRight: tabs[(i + 1) % tabs.length], ArrowLeft: tabs[(i - 1 + tabs.length) % tabs.length],
        Home: tabs[0], End: tabs.at(-1) }[e.key];
      if (target) { e.preventDefault(); select(target, true); }
    });
  });
  return select;
}

export const humanize = (key) => key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().replace(/^./, (c) => c.toUpperCase());

const numberFormat = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });
const bigFormat = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 3 });
const intFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
/** A number for display: 3 significant digits, compact above a million. */
export function fmt(n) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return String(n);
  const a = Math.abs(n);
  if (a >= 1e6) return bigFormat.format(n);
  if (a >= 100) return intFormat.format(n);
  return numberFormat.format(n);
}
export const longFormat = new Intl.NumberFormat('en-US', { notation: 'compact', compactDisplay: 'long', maximumSignificantDigits: 4 });
/** A number as input text; big round numbers as `25e9` so they fit the input. */
export function numberText(n) {
  if (Number.isInteger(n) && Math.abs(n) >= 1e7) {
    const zeros = /0*$/.exec(String(n))[0].length;
    if (zeros >= 6) return `${n / 10 ** zeros}e${zeros}`;
  }
  return String(n);
}
/** One decimal. */
export const fmt1 = (n) => n.toFixed(1);
/** A fraction as a percentage with at most one decimal: 0.456 -> "45.6%". */
export const fmtPct = (w) => `${Number((w * 100).toFixed(1))}%`;
/** An interval: "41.2–55.0". */
export const fmtRange = ([lo, hi], f = fmt1) => `${f(lo)}–${f(hi)}`;
/** Whole numbers with thousands separators. */
export const fmtInt = (n) => Math.round(n).toLocaleString('en-US');
