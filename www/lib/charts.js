// Hand-written SVG charts rather than a charting library: the page has no
// build step, no runtime dependencies and a strict CSP, must work offline, and
// needs only lines, bars, intervals and one heatmap: about a thousand lines here.
//
// Every chart is returned as a <figure class="mv-chart">: a visible title, an
// SVG with role="img", an aria-label and a <title>, a legend, and a
// <details> "Data table" holding the same numbers as an HTML table (built on
// first open, so long series cost nothing until asked for). Labels are only
// ever set with textContent. Colours come from CSS classes and custom
// properties in views/views.css (light and dark schemes). Each SVG is drawn
// for its figure's width (and redrawn when that changes), so it fits a phone
// and its labels keep a readable size.
//
// Each SVG chart is one tab stop: focused, the arrow keys (and Home, End,
// Page Up, Page Down) move a highlighted point, bar or row, whose value (and
// interval, where it has one) shows in a tooltip and is announced through a
// polite live region. A mouse shows the same tooltip on hover, a finger on
// tap; Escape, leaving the chart or tapping elsewhere hides it. The tooltip is
// kept inside the viewport. X-axis ticks sit at equal index steps, on
// calendar steps for dates (see tickIndices), and partial periods are drawn
// hollow with a "partial period" legend entry and a note in the data table.
import { h, fmt, fmtInt, svg as s, uniqueId as uid } from './dom.js';
import { dataTable } from './widgets.js';

/** Rough width of one label character, to size margins and cut labels. */
export const CHAR_W = 6.6;
/** A generous width of one label character, to wrap labels that must not be cut. */
const WIDE_CHAR_W = 7.4;

/** To one decimal: SVG coordinates need no more. @param {number} n */
export const round = (n) => Math.round(n * 10) / 10;
/** @param {unknown} v @returns {v is number} */
const finite = (v) => typeof v === 'number' && Number.isFinite(v);
/** @param {number} v @param {number} lo @param {number} hi */
export const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
/**
 * Cuts user text that must fit in an SVG label; the full text is in the data table.
 * @param {string} text @param {number} max characters, the ellipsis included
 */
export const ellipsize = (text, max) => (text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text);

/** What the legend, the tooltips and the data tables call a partial period. */
export const PARTIAL = 'partial period';

/** @typedef {(v: number) => string} Format a number as the chart shows it */
/** @typedef {{ name: string, className: string }} LegendItem one swatch of a legend */

/**
 * "Nice" tick values covering [min, max], about `count` of them.
 * @param {number} min @param {number} max @param {number} [count]
 * @param {boolean} [integer] whole-number steps only (counts of users)
 * @returns {number[]}
 */
export function niceTicks(min, max, count = 5, integer = false) {
  if (!(max > min)) return [min];
  const raw = (max - min) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((st) => st >= raw) ?? 10 * mag;
  if (integer) step = Math.max(1, Math.ceil(step));
  const ticks = [];
  for (let v = Math.ceil(min / step - 1e-9) * step; v <= max + step * 1e-9; v += step) {
    ticks.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  }
  return ticks;
}

/**
 * Rounds a domain outwards to nice ticks.
 * @param {number} min @param {number} max @param {number} count @param {boolean} [integer]
 * @returns {{ lo: number, hi: number, ticks: number[] }}
 */
function niceDomain(min, max, count, integer = false) {
  if (min === max) { max = min === 0 ? 1 : min + Math.abs(min); }
  const ticks = niceTicks(min, max, count, integer);
  const step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
  const lo = Math.min(ticks[0], Math.floor(min / step) * step);
  const hi = Math.max(ticks[ticks.length - 1], Math.ceil(max / step) * step);
  return { lo, hi, ticks: niceTicks(lo, hi, count, integer) };
}

// ------------------------------------------------------------------ x ticks

const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Days since 1970 of a YYYY-MM-DD label (NaN if it is not one). @param {string} iso */
const dayNumber = (iso) => (ISO_DAY.test(iso) ? Date.parse(`${iso}T00:00:00Z`) / DAY_MS : NaN);
/** Months since year 0 of a YYYY-MM-DD label. @param {string} iso */
const monthNumber = (iso) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
/** `(a mod m)`, never negative. @param {number} a @param {number} m */
const mod = (a, m) => ((a % m) + m) % m;

/**
 * What an x axis counts: dates a day, a week or a month apart (YYYY-MM-DD),
 * whole numbers counting up by one, or anything else (categories).
 * @param {string[]} labels
 * @returns {'day' | 'week' | 'month' | 'int' | 'other'}
 */
export function axisKind(labels) {
  const n = labels.length;
  if (n >= 2 && labels.every((l) => ISO_DAY.test(l))) {
    const first = dayNumber(labels[0]);
    const gap = dayNumber(labels[1]) - first;
    const span = dayNumber(labels[n - 1]) - first;
    if (gap === 1 && span === n - 1) return 'day';
    if (gap === 7 && span === 7 * (n - 1)) return 'week';
    if (gap >= 28 && gap <= 31 && labels.every((l) => l.endsWith('-01'))
      && monthNumber(labels[n - 1]) - monthNumber(labels[0]) === n - 1) return 'month';
    return 'other';
  }
  if (n >= 1 && labels.every((l) => /^-?\d+$/.test(l))) {
    const v0 = Number(labels[0]);
    if (labels.every((l, i) => Number(l) === v0 + i)) return 'int';
  }
  return 'other';
}

/**
 * Indices of the x ticks: evenly spaced, none closer than `minGap` indices
 * (the room a label needs). Ticks sit at equal index steps; dates at
 * calendar steps: days every 1 or 2 days, every 7 or 14 days (on Mondays),
 * then on the 1st of every 1, 2, 3, 6 or 12 months (January, April...);
 * weeks every 1, 2, 4, 8, 13, 26 or 52 weeks from the first; months every 1,
 * 2, 3, 6 or 12 months (from January); whole numbers at multiples of 1, 2, 5,
 * 10, 20, 25, 50...; anything else every kth from the first. The first
 * (smallest) step whose gaps are all wide enough wins.
 * @param {string[]} labels the x labels (the raw ones: ISO dates, numbers...)
 * @param {number} minGap the smallest gap between ticks, in indices (fractions allowed)
 * @returns {number[]}
 */
export function tickIndices(labels, minGap) {
  const n = labels.length;
  if (n === 0) return [];
  const need = Math.max(1, minGap);
  const kind = axisKind(labels);
  /** @type {((i: number) => boolean)[]} candidate tick tests, finest first */
  const candidates = [];
  /** @param {number} step */
  const everyKth = (step) => (/** @type {number} */ i) => i % step === 0;
  if (kind === 'day') {
    const d0 = dayNumber(labels[0]);
    // 1970-01-05 was a Monday: day number 4.
    const firstMonday = d0 + mod(4 - d0, 7);
    candidates.push(everyKth(1), everyKth(2),
      (i) => mod(d0 + i - 4, 7) === 0,
      (i) => d0 + i >= firstMonday && (d0 + i - firstMonday) % 14 === 0);
    for (const m of [1, 2, 3, 6, 12, 24, 60, 120]) {
      candidates.push((i) => {
        const iso = new Date((d0 + i) * DAY_MS).toISOString().slice(0, 10);
        return iso.endsWith('-01') && mod(monthNumber(iso), m) === 0;
      });
    }
  } else if (kind === 'week') {
    for (const step of [1, 2, 4, 8, 13, 26, 52, 104, 260]) candidates.push(everyKth(step));
  } else if (kind === 'month') {
    const m0 = monthNumber(labels[0]);
    for (const step of [1, 2, 3, 6, 12, 24, 60, 120]) candidates.push((i) => mod(m0 + i, step) === 0);
  } else if (kind === 'int') {
    const v0 = Number(labels[0]);
    for (let mag = 1; mag <= 1e9; mag *= 10) {
      for (const m of [1, 2, 2.5, 5]) {
        const step = m * mag;
        if (Number.isInteger(step)) candidates.push((i) => mod(v0 + i, step) === 0);
      }
    }
  } else {
    const step = Math.max(1, Math.ceil(need - 1e-9));
    return Array.from({ length: Math.ceil(n / step) }, (_, k) => k * step);
  }
  /** @type {number[]} */
  let best = [];
  for (const test of candidates) {
    /** @type {number[]} */
    const ticks = [];
    for (let i = 0; i < n; i++) if (test(i)) ticks.push(i);
    if (!ticks.length) continue;
    best = ticks;
    if (ticks.every((t, k) => k === 0 || t - ticks[k - 1] >= need - 1e-9)) return ticks;
  }
  // Nothing is coarse enough (a very long axis on a narrow chart): every kth of the coarsest.
  const step = Math.ceil(need / Math.max(1, best.length > 1 ? best[1] - best[0] : 1));
  return best.filter((_, k) => k % step === 0);
}

/**
 * Draws the x axis's ticks and labels under the plot: evenly spaced (see
 * tickIndices), each label centred on its tick but kept inside the drawing
 * (it may reach into the y labels' margin, which is above it). An end label
 * that would then overlap its neighbour is left out; its tick stays.
 * @param {SVGGElement} g
 * @param {object} o
 * @param {string[]} o.labels the raw x labels, one per position
 * @param {(i: number) => number} o.xOf the x of position i
 * @param {(i: number) => string} o.text the label drawn for position i
 * @param {number} o.left @param {number} o.right the plot's edges
 * @param {number} o.width the drawing's width
 * @param {number} o.bottom the plot's bottom edge (ticks hang from it)
 * @param {number} o.y the labels' baseline
 */
function xAxis(g, { labels, xOf, text, left, right, width, bottom, y }) {
  const n = labels.length;
  if (!n) return;
  const sample = Math.min(n, 400);
  const maxChars = Math.max(1, ...Array.from({ length: sample }, (_, k) => text(Math.floor((k * n) / sample)).length));
  const perIndex = n > 1 ? Math.abs(xOf(1) - xOf(0)) : right - left;
  const ticks = tickIndices(labels, (maxChars * CHAR_W + 14) / Math.max(1e-6, perIndex));
  /** @type {{ i: number, cx: number, anchor: string, lo: number, hi: number }[]} */
  const placed = ticks.map((i) => {
    const cx = xOf(i);
    const w = text(i).length * CHAR_W;
    if (cx - w / 2 < 2) return { i, cx, anchor: 'start', lo: cx, hi: cx + w };
    if (cx + w / 2 > width - 2) return { i, cx, anchor: 'end', lo: cx - w, hi: cx };
    return { i, cx, anchor: 'middle', lo: cx - w / 2, hi: cx + w / 2 };
  });
  // Only an end label can have moved onto its neighbour: leave its text out.
  if (placed.length > 1 && placed[0].hi + 6 > placed[1].lo) placed[0].anchor = '';
  const k = placed.length - 1;
  if (k > 0 && placed[k - 1].hi + 6 > placed[k].lo) placed[k].anchor = '';
  for (const p of placed) {
    const x = round(p.cx);
    g.append(s('line', { class: 'mv-xtick', x1: x, x2: x, y1: bottom, y2: bottom + 4, 'data-index': p.i }));
    if (p.anchor) g.append(s('text', { class: 'mv-tick mv-xlabel', x, y, 'text-anchor': p.anchor, 'data-index': p.i, text: text(p.i) }));
  }
}

// ------------------------------------------------------------------ tooltips

/**
 * What a drawing tells its tooltip about its marks (points, bars, rows).
 * @typedef {object} Marks
 * @property {number} count how many
 * @property {string} unit what one is called, plural ("points", "bars", "rows")
 * @property {(vx: number, vy: number) => number | null} at the mark at a point of the viewBox (null: none)
 * @property {(i: number) => { x: number, y: number }} anchor where the tooltip points, in viewBox units
 * @property {(i: number) => string} text the tooltip's text
 * @property {(i: number | null) => void} highlight marks mark i (null: none)
 */

/**
 * A chart's tooltip: the box (shown on hover, tap and keyboard focus), the
 * live region that announces it to screen readers, and the keyboard hint.
 * `bind` wires a freshly drawn SVG to them; the index the keyboard is on
 * survives a redraw.
 */
function tooltip() {
  const box = h('div', { class: 'mv-tip', 'aria-hidden': 'true', hidden: true });
  const live = h('p', { class: 'mv-visually-hidden mv-live', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const hint = h('p', { class: 'mv-visually-hidden', id: uid('hint') });
  let active = -1;
  /** @type {() => void} */
  let hideCurrent = () => {};

  /**
   * Places the box next to `anchor`, inside the viewport.
   * @param {SVGSVGElement} svg @param {number} width the viewBox width @param {{ x: number, y: number }} anchor
   */
  const place = (svg, width, anchor) => {
    const host = box.offsetParent ?? box.parentElement;
    if (!host) return;
    const r = svg.getBoundingClientRect();
    const hr = host.getBoundingClientRect();
    const k = r.width / width || 1;
    const ax = r.left + anchor.x * k;
    const ay = r.top + anchor.y * k;
    const vw = document.documentElement.clientWidth || window.innerWidth;
    const vh = window.innerHeight;
    const bw = box.offsetWidth;
    const bh = box.offsetHeight;
    // Inside the chart when it fits there, else inside the viewport.
    const lo = Math.max(4, hr.left);
    const hi = Math.min(vw - 4, hr.right);
    const left = hi - lo >= bw ? clamp(ax - bw / 2, lo, hi - bw) : clamp(ax - bw / 2, 4, Math.max(4, vw - bw - 4));
    let top = ay - bh - 10;
    if (top < 4) top = ay + 14;
    top = clamp(top, 4, Math.max(4, vh - bh - 4));
    box.style.left = `${Math.round(left - hr.left)}px`;
    box.style.top = `${Math.round(top - hr.top)}px`;
  };

  return {
    box, live, hint,
    /** Hides the box (before a redraw). */
    hide: () => hideCurrent(),
    /**
     * Makes `svg` one tab stop whose marks the pointer and the arrow keys reach.
     * @param {SVGSVGElement} svg @param {number} width the viewBox width @param {Marks} m
     */
    bind(svg, width, m) {
      hideCurrent();
      if (!m.count) return;
      svg.setAttribute('tabindex', '0');
      svg.removeAttribute('focusable');
      svg.setAttribute('aria-describedby', hint.id);
      svg.classList.add('mv-interactive');
      hint.textContent = `${m.count} ${m.unit}: the arrow keys move between them, Home and End go to the first and last; the data table lists them all.`;
      if (active >= m.count) active = m.count - 1;
      let shown = -1;
      /** What showed the tooltip: "mouse", "touch", "pen" or "key". */
      let by = '';
      /** @param {number} i @param {string} source @param {boolean} [announce] */
      const show = (i, source, announce = source !== 'mouse') => {
        shown = i;
        by = source;
        m.highlight(i);
        const text = m.text(i);
        box.textContent = text;
        box.hidden = false;
        svg.dataset.active = String(i);
        place(svg, width, m.anchor(i));
        if (announce) live.textContent = text;
      };
      const hide = () => {
        if (shown < 0 && box.hidden) return;
        shown = -1;
        box.hidden = true;
        delete svg.dataset.active;
        m.highlight(null);
      };
      hideCurrent = hide;
      /** @param {PointerEvent} e */
      const markAt = (e) => {
        const r = svg.getBoundingClientRect();
        if (!r.width) return null;
        const k = width / r.width;
        return m.at((e.clientX - r.left) * k, (e.clientY - r.top) * k);
      };
      svg.addEventListener('pointermove', (e) => {
        const i = markAt(e);
        if (i == null) { if (e.pointerType === 'mouse') hide(); return; }
        if (i !== shown) show(i, e.pointerType);
      });
      svg.addEventListener('pointerdown', (e) => {
        const i = markAt(e);
        if (i == null) return;
        active = i;
        show(i, e.pointerType);
      });
      // A finger lifted keeps the tooltip (pointerleave follows every tap): tapping elsewhere blurs
      // the chart, which hides it. The mouse leaving hides what the mouse showed.
      svg.addEventListener('pointerleave', (e) => { if (e.pointerType === 'mouse' && by === 'mouse') hide(); });
      svg.addEventListener('focus', () => { if (shown < 0) show(active < 0 ? 0 : active, 'key'); });
      svg.addEventListener('blur', hide);
      svg.addEventListener('keydown', (e) => {
        const from = shown >= 0 ? shown : Math.max(0, active);
        /** @type {Record<string, number>} */
        const moves = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, PageDown: 10, PageUp: -10 };
        let to = -1;
        if (e.key in moves) to = clamp(from + (shown >= 0 ? moves[e.key] : 0), 0, m.count - 1);
        else if (e.key === 'Home') to = 0;
        else if (e.key === 'End') to = m.count - 1;
        else if (e.key === 'Escape' && shown >= 0) { e.preventDefault(); hide(); return; }
        if (to < 0) return;
        e.preventDefault();
        active = to;
        show(to, 'key');
      });
    },
  };
}

/** @typedef {ReturnType<typeof tooltip>} Tooltip */

// ------------------------------------------------------------------ frame

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
function figure({ title, className = '', draw, width, legendItems, notes = [], table, tip }) {
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
function svgRoot(width, height, title, summary) {
  const label = summary ? `${title}. ${summary}` : title;
  const titleId = uid('t');
  return s('svg', {
    class: 'mv-svg', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label,
    preserveAspectRatio: 'xMidYMid meet', focusable: 'false',
  }, s('title', { id: titleId, text: label }));
}

/**
 * Horizontal grid lines with their y labels.
 * @param {SVGGElement} g
 * @param {{ ticks: number[], y: (v: number) => number, left: number, right: number, format: Format }} o
 */
function yAxis(g, { ticks, y, left, right, format }) {
  for (const t of ticks) {
    const yy = round(y(t));
    g.append(s('line', { class: t === 0 ? 'mv-zero' : 'mv-gridline', x1: left, x2: right, y1: yy, y2: yy }));
    g.append(s('text', { class: 'mv-tick', x: left - 6, y: yy, 'text-anchor': 'end', 'dominant-baseline': 'middle', text: format(t) }));
  }
}

/** Left margin wide enough for the longest y label. @param {number[]} ticks @param {Format} format */
const leftMargin = (ticks, format) => Math.max(32, Math.ceil(Math.max(...ticks.map((t) => format(t).length)) * CHAR_W) + 12);

/**
 * A band behind the bar (or slot) the tooltip is on, so that even a one-pixel bar shows which it is.
 * @param {number} top @param {number} bottom
 */
const slotHighlight = (top, bottom) => s('rect', { class: 'mv-slot-hl', x: 0, y: top, width: 0, height: Math.max(0, bottom - top), visibility: 'hidden' });

/**
 * "label (partial period)" when `partial`.
 * @param {string} label @param {boolean | undefined} partial
 */
const withPartial = (label, partial) => (partial ? `${label} (${PARTIAL})` : label);

/**
 * A line chart of one or more series over shared x labels.
 * @param {object} o
 * @param {string} o.title visible title, also the SVG's <title> and aria-label
 * @param {{ name: string, values: (number|null)[], className?: string, intervals?: ([number, number] | null | undefined)[] }[]} o.series
 *   null values leave a gap; `intervals` (optional) are drawn as a band and given in the tooltip and the table
 * @param {string[]} o.labels one x label per value
 * @param {(v: number) => string} [o.yFormat] y tick and table format (default `fmt`)
 * @param {number} [o.yMax] top of the y axis (default: from the data)
 * @param {number} [o.yMin] bottom of the y axis (default 0, or lower for negative data)
 * @param {{ value: number, label: string }[]} [o.refLines] dashed horizontal reference lines
 * @param {(label: string) => string} [o.xFormat] how x labels are drawn (the table keeps them whole)
 * @param {(label: string) => string} [o.xTip] how the tooltip names an x ("Week of Jun 1, 2026"; default: the label)
 * @param {string} [o.xTitle] name of the x column in the data table
 * @param {boolean[]} [o.partial] x positions that are partial periods: their points are drawn hollow
 * @param {string} [o.intervalName] what the tooltip calls an interval (default "interval")
 * @param {string} [o.summary] one sentence for screen readers, added to the aria-label
 * @param {(string | null | undefined)[]} [o.notes] lines of text under the chart
 * @param {boolean} [o.bands] put point i at the middle of the ith of n equal bands (as bar
 *   charts do) rather than spreading the points edge to edge: lines up with a bar chart above
 * @param {number} [o.minLeft] at least this left margin (to line up with another chart)
 * @param {number} [o.width] drawing width in px-like units (default 640)
 * @param {number} [o.height] (default 240)
 * @returns {HTMLElement} a <figure class="mv-chart">
 */
export function lineChart({ title, series, labels, yFormat = fmt, yMax, yMin, refLines = [], xFormat = String, xTip = String,
  xTitle = '', partial = [], intervalName = 'interval', summary, notes, bands = false, minLeft = 0, width = 640, height = 240 }) {
  const n = labels.length;
  const all = series.flatMap((se) => [...se.values.filter(finite),
    ...(se.intervals ?? []).flatMap((iv) => (iv && finite(iv[0]) && finite(iv[1]) ? iv : []))]);
  const dataMin = all.length ? Math.min(0, ...all) : 0;
  const dataMax = all.length ? Math.max(...all, ...refLines.map((r) => r.value)) : 1;
  const { lo, hi, ticks } = niceDomain(yMin ?? dataMin, yMax ?? dataMax, 5, all.length > 0 && all.every(Number.isInteger));
  const top = 12;
  const bottom = height - 26;
  const left = Math.max(minLeft, leftMargin(ticks, yFormat));
  /** @param {number} v */
  const y = (v) => bottom - ((v - lo) / (hi - lo || 1)) * (bottom - top);
  const tip = tooltip();
  const anyPartial = partial.some((p, i) => p && i < n && series.some((se) => finite(se.values[i])));
  /** @param {[number, number] | null | undefined} iv */
  const ivText = (iv) => (iv && finite(iv[0]) && finite(iv[1]) ? `${yFormat(iv[0])}–${yFormat(iv[1])}` : '');
  /** @param {number} i */
  const tipText = (i) => `${withPartial(xTip(labels[i]), partial[i])}: ${series.map((se) => {
    const v = se.values[i];
    const iv = ivText(se.intervals?.[i]);
    return `${se.name} ${finite(v) ? yFormat(v) : 'no value'}${finite(v) && iv ? ` (${intervalName} ${iv})` : ''}`;
  }).join(' · ')}`;

  /** @param {number} width */
  const draw = (width) => {
    const right = width - (bands ? 8 : 12);
    /** @type {(i: number) => number} */
    const x = bands
      ? (i) => left + ((i + 0.5) / Math.max(1, n)) * (right - left)
      : (i) => (n <= 1 ? (left + right) / 2 : left + (i / (n - 1)) * (right - left));
    const svg = svgRoot(width, height, title, summary);
    const axes = s('g', { class: 'mv-axes' });
    yAxis(axes, { ticks, y, left, right, format: yFormat });
    xAxis(axes, { labels, xOf: x, text: (i) => xFormat(labels[i]), left, right, width, bottom, y: bottom + 16 });
    svg.append(axes);
    // Reference lines are named in the legend: a label inside the plot would cross the curves.
    for (const r of refLines) {
      const yy = round(y(r.value));
      svg.append(s('g', { class: 'mv-ref' }, s('line', { x1: left, x2: right, y1: yy, y2: yy })));
    }
    // Lines are clipped to the plot: values above a given yMax run off the top.
    const clipId = uid('clip');
    svg.append(s('defs', {}, s('clipPath', { id: clipId }, s('rect', { x: left - 6, y: top - 6, width: right - left + 12, height: bottom - top + 12 }))));
    const plot = s('g', { 'clip-path': `url(#${clipId})` });
    svg.append(plot);
    series.forEach((se, k) => {
      const cls = se.className ?? `mv-s${(k % 6) + 1}`;
      const g = s('g', { class: `mv-series ${cls}` });
      if (se.intervals) {
        // The interval as a band, one closed path per run of known intervals.
        let upper = '';
        /** @type {string[]} */
        let lower = [];
        const flush = () => {
          if (upper) g.append(s('path', { class: 'mv-band', d: `${upper}${lower.reverse().join('')}Z` }));
          upper = '';
          lower = [];
        };
        se.intervals.forEach((iv, i) => {
          if (!iv || !finite(iv[0]) || !finite(iv[1])) { flush(); return; }
          upper += `${upper ? 'L' : 'M'}${round(x(i))} ${round(y(iv[1]))}`;
          lower.push(`L${round(x(i))} ${round(y(iv[0]))}`);
        });
        flush();
      }
      let d = '';
      let pen = false;
      se.values.forEach((v, i) => {
        if (!finite(v)) { pen = false; return; }
        d += `${pen ? 'L' : 'M'}${round(x(i))} ${round(y(v))}`;
        pen = true;
      });
      g.append(s('path', { class: 'mv-line', d }));
      // Points only when few enough to tell apart; partial periods' points always, hollow.
      se.values.forEach((v, i) => {
        if (!finite(v) || (n > 40 && !partial[i])) return;
        g.append(s('circle', { class: partial[i] ? 'mv-dot mv-partial' : 'mv-dot', cx: round(x(i)), cy: round(y(v)), r: partial[i] ? 3.6 : 2.6 }));
      });
      plot.append(g);
    });

    // The tooltip's guide line and a ring on each series' point.
    const guide = s('line', { class: 'mv-guide', y1: top, y2: bottom, x1: left, x2: left, visibility: 'hidden' });
    const rings = series.map((se, k) => s('circle', { class: `mv-focus-dot ${se.className ?? `mv-s${(k % 6) + 1}`}`, cx: 0, cy: 0, r: 5, visibility: 'hidden' }));
    svg.append(guide, ...rings);
    tip.bind(svg, width, {
      count: n,
      unit: 'points',
      at: (vx) => {
        const at = (vx - left) / (right - left);
        return clamp(bands ? Math.floor(at * n) : Math.round(n <= 1 ? 0 : at * (n - 1)), 0, n - 1);
      },
      anchor: (i) => {
        const ys = series.map((se) => se.values[i]).filter(finite).map((v) => clamp(y(v), top, bottom));
        return { x: x(i), y: ys.length ? Math.min(...ys) - 4 : top };
      },
      text: tipText,
      highlight: (i) => {
        const on = i != null;
        const gx = on ? String(round(x(i))) : '0';
        guide.setAttribute('x1', gx);
        guide.setAttribute('x2', gx);
        guide.setAttribute('visibility', on ? 'visible' : 'hidden');
        series.forEach((se, k) => {
          const v = on ? se.values[i] : null;
          const ring = rings[k];
          if (!finite(v)) { ring.setAttribute('visibility', 'hidden'); return; }
          ring.setAttribute('cx', gx);
          ring.setAttribute('cy', String(round(clamp(y(v), top - 4, bottom + 4))));
          ring.setAttribute('visibility', 'visible');
        });
      },
    });
    return svg;
  };

  const withIntervals = series.filter((se) => se.intervals);
  return figure({
    title, className: 'mv-line-chart', draw, width, notes, tip,
    legendItems: [
      ...series.map((se, k) => ({ name: se.name, className: se.className ?? `mv-s${(k % 6) + 1}` })),
      ...refLines.map((r) => ({ name: r.label, className: 'mv-ref-swatch' })),
      ...(anyPartial ? [{ name: PARTIAL, className: 'mv-partial-swatch mv-dot-swatch' }] : []),
    ],
    table: dataTable(title, [xTitle || 'x', ...series.map((se) => se.name), ...withIntervals.map((se) => `${se.name}: ${intervalName}`)],
      () => labels.map((l, i) => [
        withPartial(l, partial[i]),
        ...series.map((se) => (finite(se.values[i]) ? yFormat(se.values[i]) : '')),
        ...withIntervals.map((se) => ivText(se.intervals?.[i]) || '–'),
      ])),
  });
}

/**
 * Stacked bars that may go below zero: positive values stack up from 0 in
 * series order, negative values stack down (growth accounting: churned).
 * @param {object} o
 * @param {string} o.title
 * @param {string[]} o.labels one per bar
 * @param {{ name: string, values: number[], className?: string }[]} o.series
 * @param {(v: number) => string} [o.yFormat]
 * @param {boolean[]} [o.partial] bars of partial periods (the data starts or the period ends inside
 *   them), drawn hollow with a dashed edge, named in the legend and the table
 * @param {string} [o.partialNote] the note under the chart when a drawn bar is partial
 * @param {{ name: string, values: (number|null|undefined)[], format?: (v: number) => string }[]} [o.extraColumns]
 *   in the data table and the tooltip only
 * @param {number} [o.maxBars] draw only the last `maxBars` bars (default 120), and say so
 * @param {(label: string) => string} [o.xFormat]
 * @param {(label: string) => string} [o.xTip] how the tooltip names a bar (default: the label)
 * @param {number} [o.minLeft] at least this left margin (to line up with another chart)
 * @param {string} [o.xTitle] @param {string} [o.summary] @param {(string | null | undefined)[]} [o.notes]
 * @param {number} [o.width] @param {number} [o.height]
 * @returns {HTMLElement}
 */
export function stackedBars({ title, labels, series, yFormat = fmt, partial = [], partialNote, extraColumns = [], maxBars = 120,
  xFormat = String, xTip = String, xTitle = '', summary, notes = [], minLeft = 0, width = 640, height = 260 }) {
  const total = labels.length;
  const from = Math.max(0, total - maxBars);
  const n = total - from;
  const shown = labels.slice(from);
  let min = 0;
  let max = 0;
  for (let i = from; i < total; i++) {
    let pos = 0;
    let neg = 0;
    for (const se of series) { const v = se.values[i] ?? 0; if (v >= 0) pos += v; else neg += v; }
    max = Math.max(max, pos);
    min = Math.min(min, neg);
  }
  const { lo, hi, ticks } = niceDomain(min, max, 5, series.every((se) => se.values.every((v) => v == null || Number.isInteger(v))));
  const top = 10;
  const bottom = height - 26;
  const left = Math.max(minLeft, leftMargin(ticks, yFormat));
  /** @param {number} v */
  const y = (v) => bottom - ((v - lo) / (hi - lo || 1)) * (bottom - top);
  const tip = tooltip();
  const anyPartial = partial.slice(from).some(Boolean);
  /** @param {number} i */
  const extraText = (i) => extraColumns.map((c) => {
    const v = c.values[i];
    return finite(v) ? `${c.name} ${(c.format ?? fmt)(v)}` : null;
  }).filter(Boolean);
  /** @param {number} i an index into `labels` */
  const tipText = (i) => `${withPartial(xTip(labels[i]), partial[i])}: ${[
    ...series.map((se) => `${se.name} ${yFormat(se.values[i] ?? 0)}`), ...extraText(i)].join(' · ')}`;

  /** @param {number} width */
  const draw = (width) => {
    const right = width - 8;
    const slot = (right - left) / Math.max(1, n);
    const barW = clamp(slot * (n > 60 ? 0.9 : 0.72), 1, 64);
    /** @param {number} i */
    const x = (i) => left + slot * (i - from) + (slot - barW) / 2;
    const svg = svgRoot(width, height, title, summary);
    const axes = s('g', { class: 'mv-axes' });
    yAxis(axes, { ticks, y, left, right, format: yFormat });
    xAxis(axes, { labels: shown, xOf: (k) => x(from + k) + barW / 2, text: (k) => xFormat(shown[k]), left, right, width, bottom, y: bottom + 16 });
    svg.append(axes);
    const hl = slotHighlight(top, bottom);
    svg.append(hl);
    const groups = series.map((se, k) => s('g', { class: `mv-series ${se.className ?? `mv-s${(k % 6) + 1}`}` }));
    /** @type {number[]} the top of each bar's stack */
    const tops = [];
    for (let i = from; i < total; i++) {
      let up = 0;
      let down = 0;
      series.forEach((se, k) => {
        const v = se.values[i] ?? 0;
        if (!v) return;
        const a = v > 0 ? up : down;
        const b = a + v;
        if (v > 0) up = b; else down = b;
        const y1 = y(Math.max(a, b));
        const y2 = y(Math.min(a, b));
        groups[k].append(s('rect', {
          class: partial[i] ? 'mv-bar mv-partial' : 'mv-bar', 'data-index': i,
          x: round(x(i)), y: round(y1), width: round(barW), height: Math.max(0.5, round(y2 - y1)),
        }));
      });
      tops.push(y(up));
    }
    svg.append(...groups);
    svg.append(s('line', { class: 'mv-zero', x1: left, x2: right, y1: round(y(0)), y2: round(y(0)) }));
    tip.bind(svg, width, {
      count: n,
      unit: 'bars',
      at: (vx) => clamp(Math.floor((vx - left) / slot), 0, n - 1),
      anchor: (k) => ({ x: x(from + k) + barW / 2, y: tops[k] - 2 }),
      text: (k) => tipText(from + k),
      highlight: (k) => {
        hl.setAttribute('visibility', k == null ? 'hidden' : 'visible');
        if (k != null) { hl.setAttribute('x', String(round(left + slot * k))); hl.setAttribute('width', String(round(slot))); }
      },
    });
    return svg;
  };

  const allNotes = [
    from > 0 ? `Showing the last ${n.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} periods; the data table has them all.` : null,
    anyPartial ? partialNote ?? 'Hollow bars with a dashed edge: partial periods.' : null,
    ...notes,
  ];
  return figure({
    title, className: 'mv-bar-chart', draw, width, notes: allNotes, tip,
    legendItems: [
      ...series.map((se, k) => ({ name: se.name, className: se.className ?? `mv-s${(k % 6) + 1}` })),
      ...(anyPartial ? [{ name: PARTIAL, className: 'mv-partial-swatch' }] : []),
    ],
    table: dataTable(title, [xTitle || 'x', ...series.map((se) => se.name), ...extraColumns.map((c) => c.name)],
      () => labels.map((l, i) => [
        withPartial(l, partial[i]),
        ...series.map((se) => yFormat(se.values[i] ?? 0)),
        ...extraColumns.map((c) => (finite(c.values[i]) ? (c.format ?? fmt)(c.values[i]) : '–')),
      ])),
  });
}

/**
 * A bar chart (a histogram when the labels are bins), bars optionally
 * coloured by class and a vertical marker before one bar (a threshold).
 * @param {object} o
 * @param {string} o.title
 * @param {string[]} o.labels
 * @param {number[]} o.values
 * @param {(v: number) => string} [o.yFormat]
 * @param {(i: number) => string} [o.classFor] series class of bar i (default `mv-s1`)
 * @param {{ name: string, className: string }[]} [o.legendItems]
 * @param {{ index: number, label: string }} [o.marker] dashed line at the left edge of bar `index`
 * @param {string} [o.xTitle] axis caption under the bars, and the table's first column
 * @param {string} [o.yTitle] name of the value column in the table, and the tooltip's unit
 * @param {(label: string) => string} [o.xTip] how the tooltip names a bar (default: the label)
 * @param {string} [o.summary] @param {(string | null | undefined)[]} [o.notes] @param {number} [o.width] @param {number} [o.height]
 * @returns {HTMLElement}
 */
export function barChart({ title, labels, values, yFormat = fmt, classFor = () => 'mv-s1', legendItems, marker,
  xTitle = '', yTitle = 'value', xTip = String, summary, notes, width = 640, height = 220 }) {
  const n = labels.length;
  const { lo, hi, ticks } = niceDomain(Math.min(0, ...values), Math.max(0, ...values), 4, values.every(Number.isInteger));
  const top = marker ? 22 : 10;
  const bottom = height - (xTitle ? 40 : 26);
  const left = leftMargin(ticks, yFormat);
  /** @param {number} v */
  const y = (v) => bottom - ((v - lo) / (hi - lo || 1)) * (bottom - top);
  const tip = tooltip();

  /** @param {number} width */
  const draw = (width) => {
    const right = width - 8;
    const slot = (right - left) / Math.max(1, n);
    const barW = clamp(slot * 0.78, 1, 64);
    /** @param {number} i */
    const x = (i) => left + slot * i + (slot - barW) / 2;
    const svg = svgRoot(width, height, title, summary);
    const axes = s('g', { class: 'mv-axes' });
    yAxis(axes, { ticks, y, left, right, format: yFormat });
    xAxis(axes, { labels, xOf: (i) => x(i) + barW / 2, text: (i) => labels[i], left, right, width, bottom, y: bottom + 16 });
    if (xTitle) axes.append(s('text', { class: 'mv-axis-title', x: round((left + right) / 2), y: height - 4, 'text-anchor': 'middle', text: xTitle }));
    svg.append(axes);
    const hl = slotHighlight(top, bottom);
    svg.append(hl);
    const byClass = new Map();
    values.forEach((v, i) => {
      const cls = classFor(i);
      if (!byClass.has(cls)) byClass.set(cls, s('g', { class: `mv-series ${cls}` }));
      const y1 = y(Math.max(0, v));
      const y2 = y(Math.min(0, v));
      byClass.get(cls).append(s('rect', { class: 'mv-bar', 'data-index': i, x: round(x(i)), y: round(y1), width: round(barW), height: Math.max(v ? 0.5 : 0, round(y2 - y1)) }));
    });
    svg.append(...byClass.values());
    svg.append(s('line', { class: 'mv-zero', x1: left, x2: right, y1: round(y(0)), y2: round(y(0)) }));
    if (marker && marker.index >= 0 && marker.index <= n) {
      const mx = round(left + slot * marker.index);
      svg.append(s('g', { class: 'mv-ref mv-marker' },
        s('line', { x1: mx, x2: mx, y1: top - 4, y2: bottom }),
        s('text', { x: mx + (marker.index > n / 2 ? -4 : 4), y: top - 8, 'text-anchor': marker.index > n / 2 ? 'end' : 'start', text: marker.label })));
    }
    tip.bind(svg, width, {
      count: n,
      unit: 'bars',
      at: (vx) => clamp(Math.floor((vx - left) / slot), 0, n - 1),
      anchor: (i) => ({ x: x(i) + barW / 2, y: y(Math.max(0, values[i])) - 2 }),
      text: (i) => `${xTip(labels[i])}: ${yFormat(values[i])}${yTitle === 'value' ? '' : ` ${yTitle}`}`,
      highlight: (i) => {
        hl.setAttribute('visibility', i == null ? 'hidden' : 'visible');
        if (i != null) { hl.setAttribute('x', String(round(left + slot * i))); hl.setAttribute('width', String(round(slot))); }
      },
    });
    return svg;
  };
  return figure({
    title, className: 'mv-bar-chart', draw, width, notes, legendItems, tip,
    table: dataTable(title, [xTitle || 'x', yTitle], () => labels.map((l, i) => [l, yFormat(values[i])])),
  });
}

/** Alias of {@link barChart}: a histogram is a bar chart over bins. */
export const histogram = barChart;

/**
 * Splits a label into lines of at most `chars` characters at spaces (a word
 * longer than a line is cut); at most `maxLines`, the last ellipsized if the
 * text is longer still (the full text is in the tooltip and the data table).
 * @param {string} text @param {number} chars @param {number} [maxLines]
 * @returns {string[]}
 */
export function wrapLabel(text, chars, maxLines = 3) {
  const width = Math.max(4, Math.floor(chars));
  /** @type {string[]} */
  const lines = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= width) { line = next; continue; }
    if (line) lines.push(line);
    line = word;
    while (line.length > width) { lines.push(`${line.slice(0, width - 1)}-`); line = line.slice(width - 1); }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = ellipsize(`${kept[maxLines - 1]} ${lines[maxLines]}`, width);
  return kept;
}

/**
 * Values with their intervals, one row each, on a shared horizontal axis,
 * against an optional threshold line (a forest plot: segments, features).
 * Row labels wrap onto up to three lines rather than being cut short.
 * @param {object} o
 * @param {string} o.title
 * @param {{ label: string, value: number, interval?: [number, number], note?: string, detail?: string, muted?: boolean, className?: string }[]} o.rows
 *   `muted` rows are drawn greyed (small segments); `note` is appended to the label in the table and the tooltip,
 *   `detail` in the table only
 * @param {number} o.min axis start
 * @param {number} o.max axis end
 * @param {{ value: number, label: string }} [o.threshold] dashed vertical line (the 40% bar)
 * @param {(v: number) => string} [o.format]
 * @param {number[]} [o.ticks] the axis's ticks (default: nice ones between min and max)
 * @param {(v: number) => string} [o.tickFormat] tick labels (default `format`)
 * @param {[string, string]} [o.axisEnds] what the axis's two ends mean, written under them ("1 = lowest")
 * @param {string} [o.valueName] name of the value column in the table (default "value")
 * @param {string} [o.intervalName] what the tooltip and table call the interval (default "interval")
 * @param {string} [o.summary] @param {(string | null | undefined)[]} [o.notes] @param {number} [o.width]
 * @returns {HTMLElement}
 */
export function intervalChart({ title, rows, min, max, threshold, format = fmt, ticks: givenTicks, tickFormat = format, axisEnds,
  valueName = 'value', intervalName = 'interval', summary, notes, width = 640 }) {
  const top = threshold ? 26 : 8;
  const axisH = axisEnds ? 38 : 22;
  const compact = rows.length === 1 && !rows[0].label;
  const tip = tooltip();
  /** @param {{ interval?: [number, number] }} r */
  const ivText = (r) => (r.interval ? `${format(r.interval[0])}–${format(r.interval[1])}` : '');
  /** @param {number} k */
  const tipText = (k) => {
    const r = rows[k];
    const value = `${format(r.value)}${r.interval ? ` (${intervalName} ${ivText(r)})` : ''}`;
    return `${r.label ? `${r.label}: ` : ''}${value}${r.note ? `; ${r.note}` : ''}`;
  };
  const longest = Math.max(4, ...rows.map((r) => r.label.length));

  /** @param {number} width */
  const draw = (width) => {
    // Labels get up to 40% of the width; longer ones wrap (up to three lines).
    const labelW = compact ? 0 : Math.min(width * 0.4, longest * WIDE_CHAR_W);
    const left = compact ? 12 : labelW + 16;
    const lines = rows.map((r) => (compact ? [] : wrapLabel(r.label, labelW / WIDE_CHAR_W)));
    const heights = lines.map((l) => Math.max(30, l.length * 14 + 12));
    /** @type {number[]} each row's top */
    const tops = [];
    heights.reduce((at, rh) => { tops.push(at); return at + rh; }, top);
    const bottom = top + heights.reduce((a, b) => a + b, 0);
    const height = bottom + axisH;
    const valueW = Math.max(...rows.map((r) => format(r.value).length)) * CHAR_W + 14;
    const right = width - valueW;
    /** @param {number} v */
    const x = (v) => left + ((clamp(v, min, max) - min) / (max - min || 1)) * (right - left);

    const svg = svgRoot(width, height, title, summary);
    const axes = s('g', { class: 'mv-axes' });
    const ticks = givenTicks ?? niceTicks(min, max, Math.max(2, Math.min(5, Math.floor((right - left) / 70))));
    for (const t of ticks) {
      const xx = round(x(t));
      axes.append(s('line', { class: t === 0 && min < 0 ? 'mv-zero' : 'mv-gridline', x1: xx, x2: xx, y1: top - 2, y2: bottom }));
      axes.append(s('text', { class: 'mv-tick', x: xx, y: bottom + 15, 'text-anchor': 'middle', text: tickFormat(t) }));
    }
    if (axisEnds) {
      const [a, b] = axisEnds;
      if (x(max) - x(min) + 8 >= (a.length + b.length) * CHAR_W + 24) {
        axes.append(s('text', { class: 'mv-axis-title mv-axis-end', x: round(x(min)) - 4, y: bottom + 32, 'text-anchor': 'start', text: a }));
        axes.append(s('text', { class: 'mv-axis-title mv-axis-end', x: round(x(max)) + 4, y: bottom + 32, 'text-anchor': 'end', text: b }));
      } else {
        axes.append(s('text', { class: 'mv-axis-title mv-axis-end', x: round((x(min) + x(max)) / 2), y: bottom + 32, 'text-anchor': 'middle', text: `${a}, ${b}` }));
      }
    }
    svg.append(axes);
    /** @type {SVGGElement[]} */
    const groups = [];
    rows.forEach((r, k) => {
      const cy = tops[k] + heights[k] / 2;
      const g = s('g', { class: `mv-interval ${r.className ?? 'mv-s1'}${r.muted ? ' mv-muted' : ''}` });
      g.append(s('rect', { class: 'mv-row-hl', x: 0, y: tops[k], width, height: heights[k] }));
      g.append(s('line', { class: 'mv-track', x1: left, x2: right, y1: cy, y2: cy }));
      if (!compact) {
        const ls = lines[k];
        const label = s('text', { class: 'mv-row-label', x: left - 8, y: cy, 'text-anchor': 'end', 'dominant-baseline': 'middle' });
        ls.forEach((line, j) => label.append(s('tspan', { x: left - 8, dy: j === 0 ? round(-((ls.length - 1) * 14) / 2) : 14, text: line })));
        g.append(label);
      }
      if (r.interval) {
        g.append(s('line', { class: 'mv-range', x1: round(x(r.interval[0])), x2: round(x(r.interval[1])), y1: cy, y2: cy }));
      }
      g.append(s('circle', { class: 'mv-point', cx: round(x(r.value)), cy, r: 5.5 }));
      g.append(s('text', { class: 'mv-value', x: width - 4, y: cy, 'text-anchor': 'end', 'dominant-baseline': 'middle', text: format(r.value) }));
      svg.append(g);
      groups.push(g);
    });
    if (threshold) {
      const tx = round(x(threshold.value));
      const nearRight = tx > (left + right) / 2;
      svg.append(s('g', { class: 'mv-ref mv-threshold' },
        s('line', { x1: tx, x2: tx, y1: top - 8, y2: bottom }),
        s('text', { x: tx + (nearRight ? -4 : 4), y: top - 12, 'text-anchor': nearRight ? 'end' : 'start', text: threshold.label })));
    }
    tip.bind(svg, width, {
      count: rows.length,
      unit: rows.length === 1 ? 'value' : 'rows',
      at: (_vx, vy) => {
        if (vy < top - 8 || vy > bottom) return null;
        const k = tops.findIndex((t, j) => vy < t + heights[j]);
        return k < 0 ? rows.length - 1 : k;
      },
      anchor: (k) => ({ x: x(rows[k].value), y: tops[k] + heights[k] / 2 - 7 }),
      text: tipText,
      highlight: (k) => groups.forEach((g, j) => g.classList.toggle('mv-active', j === k)),
    });
    return svg;
  };
  const hasIntervals = rows.some((r) => r.interval);
  return figure({
    title, className: 'mv-interval-chart', draw, width, notes, tip,
    table: dataTable(title, [compact ? 'measure' : 'row', valueName, ...(hasIntervals ? [`${intervalName} low`, `${intervalName} high`] : [])],
      () => rows.map((r) => [
        `${r.label || title}${r.note || r.detail ? ` (${[r.note, r.detail].filter(Boolean).join('; ')})` : ''}`, format(r.value),
        ...(hasIntervals ? (r.interval ? r.interval.map(format) : ['–', '–']) : []),
      ])),
  });
}

/**
 * One value with its interval against a threshold: e.g. the Sean Ellis
 * share against the 40% bar. Same options as {@link intervalChart} with one row.
 * @param {object} o
 * @param {string} o.title
 * @param {number} o.value
 * @param {[number, number]} [o.interval]
 * @param {number} o.min @param {number} o.max
 * @param {{ value: number, label: string }} [o.threshold]
 * @param {(v: number) => string} [o.format] @param {string} [o.summary] @param {(string | null | undefined)[]} [o.notes] @param {number} [o.width]
 * @param {string} [o.intervalName] what the tooltip and table call the interval
 * @param {string} [o.className] the series class of its point and range (default `mv-s1`)
 * @returns {HTMLElement}
 */
export function intervalBar({ title, value, interval, className, ...rest }) {
  return intervalChart({ title, rows: [{ label: '', value, interval, className }], ...rest });
}

/**
 * One 100% horizontal bar split into parts (promoters / passives /
 * detractors); the legend gives each part's count and share.
 * @param {object} o
 * @param {string} o.title
 * @param {{ name: string, value: number, className?: string }[]} o.parts counts
 * @param {(v: number) => string} [o.format] count format in the legend and table
 * @param {string} [o.summary] @param {(string | null | undefined)[]} [o.notes] @param {number} [o.width]
 * @returns {HTMLElement}
 */
export function splitBar({ title, parts, format = fmtInt, summary, notes, width = 640 }) {
  const total = parts.reduce((a, p) => a + p.value, 0);
  const height = 30;
  const tip = tooltip();
  /** @param {number} v */
  const pct = (v) => (total ? `${Number(((v / total) * 100).toFixed(1))}%` : '–');
  /** @param {number} width */
  const draw = (width) => {
    const svg = svgRoot(width, height, title, summary);
    /** @type {{ from: number, to: number, g: SVGGElement | null }[]} */
    const spans = [];
    let at = 0;
    parts.forEach((p, k) => {
      const w = total ? (p.value / total) * width : 0;
      /** @type {SVGGElement | null} */
      let g = null;
      if (w > 0) {
        g = s('g', { class: `mv-series ${p.className ?? `mv-s${k + 1}`}` },
          s('rect', { class: 'mv-bar', x: round(at), y: 2, width: Math.max(0.5, round(w)), height: height - 4 }));
        svg.append(g);
      }
      spans.push({ from: at, to: at + w, g });
      at += w;
    });
    if (!total) svg.append(s('rect', { class: 'mv-empty-bar', x: 0, y: 2, width, height: height - 4 }));
    tip.bind(svg, width, {
      count: total ? parts.length : 0,
      unit: 'parts',
      at: (vx) => {
        const k = spans.findIndex((sp) => sp.to > sp.from && vx >= sp.from && vx < sp.to);
        return k < 0 ? null : k;
      },
      anchor: (k) => ({ x: (spans[k].from + spans[k].to) / 2, y: 0 }),
      text: (k) => `${parts[k].name}: ${format(parts[k].value)} (${pct(parts[k].value)})`,
      highlight: (k) => spans.forEach((sp, j) => sp.g?.classList.toggle('mv-active', j === k)),
    });
    return svg;
  };
  const items = parts.map((p, k) => ({ name: `${p.name}: ${format(p.value)} (${pct(p.value)})`, className: p.className ?? `mv-s${k + 1}` }));
  return figure({
    title, className: 'mv-split', draw, width, notes, legendItems: items, tip,
    table: dataTable(title, ['part', 'count', 'share'], () => parts.map((p) => [p.name, format(p.value), pct(p.value)])),
  });
}

/**
 * A heatmap as an HTML table (the cohort triangle): each cell coloured by
 * its value 0..1 through the `--v` custom property; absent cells stay empty
 * (not 0); provisional cells are marked. The table is itself the data.
 * @param {object} o
 * @param {string} o.title
 * @param {string} o.corner header of the row-label column
 * @param {string[]} o.columns column headers
 * @param {string} [o.columnsCaption] a header spanning the value columns ("weeks since first seen")
 * @param {{ label: string, sublabel?: string, cells: ({ value: number, text: string, provisional?: boolean, title?: string } | null | undefined)[] }[]} o.rows
 *   `cells[j]` is column j; null/undefined = not measurable (left empty)
 * @param {(string | null | undefined)[]} [o.notes]
 * @returns {HTMLElement} a <figure class="mv-chart mv-heatmap-figure">
 */
export function heatmap({ title, corner, columns, columnsCaption, rows, notes = [] }) {
  const body = h('tbody');
  let anyProvisional = false;
  for (const r of rows) {
    const tr = h('tr', {}, h('th', { scope: 'row' }, h('span', { class: 'mv-row-main', text: r.label }),
      r.sublabel ? h('span', { class: 'mv-row-sub', text: r.sublabel }) : null));
    for (let j = 0; j < columns.length; j++) {
      const c = r.cells[j];
      if (!c) { tr.append(h('td', { class: 'mv-cell mv-absent' })); continue; }
      const td = h('td', { class: c.provisional ? 'mv-cell mv-prov' : 'mv-cell', title: c.title ?? null }, c.text);
      if (c.provisional) {
        anyProvisional = true;
        td.append(h('span', { class: 'mv-prov-mark', 'aria-hidden': 'true', text: '*' }),
          h('span', { class: 'mv-visually-hidden', text: ' (period not over)' }));
      }
      td.style.setProperty('--v', String(clamp(c.value, 0, 1)));
      tr.append(td);
    }
    body.append(tr);
  }
  const head = h('thead', {},
    columnsCaption ? h('tr', {}, h('td', { class: 'mv-corner' }), h('th', { scope: 'colgroup', colspan: columns.length, class: 'mv-colgroup', text: columnsCaption })) : null,
    h('tr', {}, h('th', { scope: 'col', class: 'mv-corner', text: corner }), columns.map((c) => h('th', { scope: 'col', text: c }))));
  const region = h('div', { class: 'mv-heatmap-wrap', tabindex: 0, role: 'region', 'aria-label': `${title} (scrollable table)` },
    h('table', { class: 'mv-heatmap' }, h('caption', { class: 'mv-visually-hidden', text: title }), head, body));
  return h('figure', { class: 'mv-chart mv-heatmap-figure' },
    h('figcaption', { class: 'mv-chart-title', text: title }),
    region,
    [...notes, anyProvisional ? '* the period is not over yet: the figure can still rise.' : null]
      .filter(Boolean).map((t) => h('p', { class: 'mv-chart-note', text: t })));
}

/**
 * A width for the charts of a view, from its container (the viewBox then
 * matches the drawn size, so labels keep their size on a phone).
 * @param {HTMLElement} container
 * @returns {number}
 */
export function chartWidth(container) {
  const w = container?.clientWidth || (document.documentElement.clientWidth - 64);
  return Math.round(clamp(w - 8, 300, 760));
}
