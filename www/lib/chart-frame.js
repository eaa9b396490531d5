// The parts every chart in charts.js shares: label sizes, rounding and
// clamping, what a partial period is called, and the frame around a drawing:
// the <figure> (title, legend, tooltip, notes, data table, redrawn when its
// width changes), the <svg> root, the slot highlight. Split out of charts.js so
// the axes, the tooltip and the chart builders can all use them without
// importing one another.
import { h, svg as s, uniqueId as uid } from './dom.js';

/** Rough width of one label character, to size margins and cut labels. */
export const CHAR_W = 6.6;

/** To one decimal: SVG coordinates need no more. @param {number} n */
export const round = (n) => Math.round(n * 10) / 10;
/** @param {unknown} v @returns {v is number} */
export const finite = (v) => typeof v === 'number' && Number.isFinite(v);
/** @param {number} v @param {number} lo @param {number} hi */
export const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
/**
 * Cuts user text that must fit in an SVG label; the full text is in the data table.
 * @param {string} text @param {number} max characters, the ellipsis included
 */
export const ellipsize = (text, max) => (text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text);

/** What the legend, the tooltips and the data tables call a partial period. */
export const PARTIAL = 'partial period';

/** @typedef {{ name: string, className: string }} LegendItem one swatch of a legend */
/** @typedef {import('./chart-tooltip.js').Tooltip} Tooltip */

/**
 * The legend: one swatch and name per series.
 * @param {LegendItem[]} items
 */
function legend(items) {
  return h('ul', { class: 'mv-legend', 'aria-hidden': 'true' },
    items.map((it) => h('li', {}, h('span', { class: `mv-swatch ${it.className}` }), it.name)));
}

/**
 * Wraps an SVG chart with its title, legend, tooltip, notes and data table.
 * `draw(width)` builds the SVG for a given width; the figure redraws it
 * whenever its own width changes, so the viewBox always matches the drawn
 * size and labels keep their size from a phone to a wide screen.
 * @param {object} o
 * @param {string} o.title
 * @param {string} [o.className]
 * @param {(width: number) => SVGSVGElement} o.draw
 * @param {number} o.width the first drawing's width
 * @param {LegendItem[]} [o.legendItems]
 * @param {(string | null | undefined)[]} [o.notes] lines under the chart; empty ones are left out
 * @param {HTMLElement} o.table
 * @param {Tooltip} [o.tip] the chart's tooltip
 * @returns {HTMLElement}
 */
export function figure({ title, className = '', draw, width, legendItems, notes = [], table, tip }) {
  let drawnWidth = width;
  let svg = draw(width);
  const fig = h('figure', { class: `mv-chart ${className}`.trim() },
    h('figcaption', { class: 'mv-chart-title', text: title }),
    legendItems?.length ? legend(legendItems) : null,
    svg,
    tip ? [tip.box, tip.live, tip.hint] : null,
    notes.filter(Boolean).map((n) => h('p', { class: 'mv-chart-note', text: n })),
    table);
  if (typeof ResizeObserver === 'function') {
    new ResizeObserver((entries) => {
      const w = Math.round(entries[0].contentRect.width);
      // Hidden (0) or unchanged: nothing to do. Redrawing only on a real change also ends
      // any loop through the height the new drawing gives the figure.
      if (w < 120 || Math.abs(w - drawnWidth) < 4) return;
      drawnWidth = w;
      const refocus = document.activeElement === svg;
      tip?.hide();
      const next = draw(w);
      svg.replaceWith(next);
      svg = next;
      if (refocus) next.focus();
    }).observe(fig);
  }
  return fig;
}

/**
 * The <svg> root: role="img", aria-label and <title>, sized by its viewBox.
 * @param {number} width @param {number} height @param {string} title
 * @param {string} [summary] one sentence added to the label
 */
export function svgRoot(width, height, title, summary) {
  const label = summary ? `${title}. ${summary}` : title;
  const titleId = uid('t');
  return s('svg', {
    class: 'mv-svg', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label,
    preserveAspectRatio: 'xMidYMid meet', focusable: 'false',
  }, s('title', { id: titleId, text: label }));
}

/**
 * A band behind the bar (or slot) the tooltip is on, so that even a one-pixel bar shows which it is.
 * @param {number} top @param {number} bottom
 */
export const slotHighlight = (top, bottom) => s('rect', { class: 'mv-slot-hl', x: 0, y: top, width: 0, height: Math.max(0, bottom - top), visibility: 'hidden' });

/**
 * "label (partial period)" when `partial`.
 * @param {string} label @param {boolean | undefined} partial
 */
export const withPartial = (label, partial) => (partial ? `${label} (${PARTIAL})` : label);
