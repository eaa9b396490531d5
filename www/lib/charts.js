// Hand-written SVG charts rather than a charting library: the page has no
// build step, no runtime dependencies and a strict CSP, must work offline, and
// needs only lines, bars, intervals and one heatmap: a few hundred lines here.
//
// Every chart is returned as a <figure class="mv-chart">: a visible title, an
// SVG with role="img", an aria-label and a <title>, a legend, and a
// <details> "Data table" holding the same numbers as an HTML table (built on
// first open, so long series cost nothing until asked for). Labels are only
// ever set with textContent. Colours come from CSS classes and custom
// properties in views/views.css (light and dark schemes). Each SVG is drawn
// for its figure's width (and redrawn when that changes), so it fits a phone
// and its labels keep a readable size.
import { h, fmt, fmtInt, svg as s, uniqueId as uid } from './dom.js';
import { dataTable } from './widgets.js';

/** Rough width of one label character, to size margins and cut labels. */
export const CHAR_W = 6.6;

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

/**
 * Indices of the x labels to draw so that at most `max` fit; the last one is always kept.
 * @param {number} n @param {number} max
 * @returns {number[]}
 */
export function thinIndices(n, max) {
  if (n <= 0) return [];
  if (n <= max) return [...Array(n).keys()];
  const step = Math.ceil(n / Math.max(1, max - 1));
  const out = [];
  for (let i = 0; i < n; i += step) out.push(i);
  // Keep the last label, dropping its neighbour when they would collide.
  const last = out[out.length - 1];
  if (last !== n - 1) {
    if (n - 1 - last < step / 2) out.pop();
    out.push(n - 1);
  }
  return out;
}

/**
 * The legend: one swatch and name per series.
 * @param {LegendItem[]} items
 */
function legend(items) {
  return h('ul', { class: 'mv-legend', 'aria-hidden': 'true' },
    items.map((it) => h('li', {}, h('span', { class: `mv-swatch ${it.className}` }), it.name)));
}

/**
 * Wraps an SVG chart with its title, legend, notes and data table. `draw(width)`
 * builds the SVG for a given width; the figure redraws it whenever its own
 * width changes, so the viewBox always matches the drawn size and labels keep
 * their size from a phone to a wide screen.
 * @param {object} o
 * @param {string} o.title
 * @param {string} [o.className]
 * @param {(width: number) => SVGSVGElement} o.draw
 * @param {number} o.width the first drawing's width
 * @param {LegendItem[]} [o.legendItems]
 * @param {(string | null | undefined)[]} [o.notes] lines under the chart; empty ones are left out
 * @param {HTMLElement} o.table
 * @param {HTMLElement} [o.readout] the pointer readout line
 * @returns {HTMLElement}
 */
function figure({ title, className = '', draw, width, legendItems, notes = [], table, readout }) {
  let drawnWidth = width;
  let svg = draw(width);
  const fig = h('figure', { class: `mv-chart ${className}`.trim() },
    h('figcaption', { class: 'mv-chart-title', text: title }),
    legendItems?.length ? legend(legendItems) : null,
    svg,
    readout ?? null,
    notes.filter(Boolean).map((n) => h('p', { class: 'mv-chart-note', text: n })),
    table);
  if (typeof ResizeObserver === 'function') {
    new ResizeObserver((entries) => {
      const w = Math.round(entries[0].contentRect.width);
      // Hidden (0) or unchanged: nothing to do. Redrawing only on a real change also ends
      // any loop through the height the new drawing gives the figure.
      if (w < 120 || Math.abs(w - drawnWidth) < 4) return;
      drawnWidth = w;
      const next = draw(w);
      svg.replaceWith(next);
      svg = next;
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
/** How many x labels fit across `plotWidth` when each is `chars` long. @param {number} plotWidth @param {number} chars */
const labelsThatFit = (plotWidth, chars) => Math.max(2, Math.floor(plotWidth / (chars * CHAR_W + 14)));

/**
 * Draws x labels under the plot: thinned to what fits, each centred on its
 * x but kept inside the drawing (they may reach into the y labels' margin,
 * which is above them), none overlapping (the last label is kept rather
 * than its neighbour).
 * @param {SVGGElement} g
 * @param {object} o
 * @param {number} o.n how many x positions
 * @param {(i: number) => number} o.xOf the x of position i
 * @param {(i: number) => string} o.text the label of position i
 * @param {number} o.left @param {number} o.right the plot's edges
 * @param {number} o.width the drawing's width
 * @param {number} o.y the labels' baseline
 */
function xLabels(g, { n, xOf, text, left, right, width, y }) {
  const maxChars = Math.max(1, ...Array.from({ length: Math.min(n, 400) }, (_, i) => text(Math.floor((i * n) / Math.min(n, 400))).length));
  /** @type {{ i: number, cx: number, anchor: string, hi: number }[]} */
  const placed = [];
  for (const i of thinIndices(n, labelsThatFit(right - left, maxChars))) {
    const cx = xOf(i);
    const w = text(i).length * CHAR_W;
    let anchor = 'middle';
    let lo = cx - w / 2;
    let hi = cx + w / 2;
    if (lo < 2) { anchor = 'start'; lo = cx; hi = cx + w; }
    if (hi > width - 2) { anchor = 'end'; lo = cx - w; hi = cx; }
    if (placed.length && lo < placed[placed.length - 1].hi + 8) {
      if (i !== n - 1) continue;
      placed.pop();
    }
    placed.push({ i, cx, anchor, hi });
  }
  for (const p of placed) {
    g.append(s('text', { class: 'mv-tick', x: round(p.cx), y, 'text-anchor': p.anchor, text: text(p.i) }));
  }
}

/**
 * A line chart of one or more series over shared x labels.
 * @param {object} o
 * @param {string} o.title visible title, also the SVG's <title> and aria-label
 * @param {{ name: string, values: (number|null)[], className?: string }[]} o.series null values leave a gap
 * @param {string[]} o.labels one x label per value
 * @param {(v: number) => string} [o.yFormat] y tick and table format (default `fmt`)
 * @param {number} [o.yMax] top of the y axis (default: from the data)
 * @param {number} [o.yMin] bottom of the y axis (default 0, or lower for negative data)
 * @param {{ value: number, label: string }[]} [o.refLines] dashed horizontal reference lines
 * @param {(label: string) => string} [o.xFormat] how x labels are drawn (the table keeps them whole)
 * @param {string} [o.xTitle] name of the x column in the data table
 * @param {string} [o.summary] one sentence for screen readers, added to the aria-label
 * @param {(string | null | undefined)[]} [o.notes] lines of text under the chart
 * @param {boolean} [o.bands] put point i at the middle of the ith of n equal bands (as bar
 *   charts do) rather than spreading the points edge to edge: lines up with a bar chart above
 * @param {number} [o.minLeft] at least this left margin (to line up with another chart)
 * @param {number} [o.width] drawing width in px-like units (default 640)
 * @param {number} [o.height] (default 240)
 * @returns {HTMLElement} a <figure class="mv-chart">
 */
export function lineChart({ title, series, labels, yFormat = fmt, yMax, yMin, refLines = [], xFormat = String,
  xTitle = '', summary, notes, bands = false, minLeft = 0, width = 640, height = 240 }) {
  const n = labels.length;
  const all = series.flatMap((se) => se.values.filter(finite));
  const dataMin = all.length ? Math.min(0, ...all) : 0;
  const dataMax = all.length ? Math.max(...all, ...refLines.map((r) => r.value)) : 1;
  const { lo, hi, ticks } = niceDomain(yMin ?? dataMin, yMax ?? dataMax, 5, all.length > 0 && all.every(Number.isInteger));
  const top = 12;
  const bottom = height - 26;
  const left = Math.max(minLeft, leftMargin(ticks, yFormat));
  /** @param {number} v */
  const y = (v) => bottom - ((v - lo) / (hi - lo || 1)) * (bottom - top);
  const readout = h('p', { class: 'mv-readout', 'aria-hidden': 'true' });

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
    xLabels(axes, { n, xOf: x, text: (i) => xFormat(labels[i]), left, right, width, y: bottom + 16 });
    svg.append(axes);
    // Reference lines are named in the legend: a label inside the plot would cross the curves.
    for (const r of refLines) {
      const yy = round(y(r.value));
      svg.append(s('g', { class: 'mv-ref' }, s('line', { x1: left, x2: right, y1: yy, y2: yy })));
    }
    // Lines are clipped to the plot: values above a given yMax run off the top.
    const clipId = uid('clip');
    svg.append(s('defs', {}, s('clipPath', { id: clipId }, s('rect', { x: left - 4, y: top - 4, width: right - left + 8, height: bottom - top + 8 }))));
    const plot = s('g', { 'clip-path': `url(#${clipId})` });
    svg.append(plot);
    series.forEach((se, k) => {
      const cls = se.className ?? `mv-s${(k % 6) + 1}`;
      let d = '';
      let pen = false;
      se.values.forEach((v, i) => {
        if (!finite(v)) { pen = false; return; }
        d += `${pen ? 'L' : 'M'}${round(x(i))} ${round(y(v))}`;
        pen = true;
      });
      const g = s('g', { class: `mv-series ${cls}` }, s('path', { class: 'mv-line', d }));
      // Points only when few enough to tell apart.
      if (n <= 40) se.values.forEach((v, i) => { if (finite(v)) g.append(s('circle', { class: 'mv-dot', cx: round(x(i)), cy: round(y(v)), r: 2.6 })); });
      plot.append(g);
    });

    // Pointer readout: the nearest x's values as text (the table has them all).
    const guide = s('line', { class: 'mv-guide', y1: top, y2: bottom, x1: left, x2: left, visibility: 'hidden' });
    svg.append(guide);
    svg.addEventListener('pointermove', (e) => {
      const box = svg.getBoundingClientRect();
      if (!box.width || n === 0) return;
      const vx = ((e.clientX - box.left) / box.width) * width;
      const at = (vx - left) / (right - left);
      const i = clamp(bands ? Math.floor(at * n) : Math.round(n <= 1 ? 0 : at * (n - 1)), 0, n - 1);
      guide.setAttribute('x1', String(round(x(i))));
      guide.setAttribute('x2', String(round(x(i))));
      guide.setAttribute('visibility', 'visible');
      readout.textContent = `${labels[i]}: ${series.map((se) => `${se.name} ${finite(se.values[i]) ? yFormat(se.values[i]) : '–'}`).join(' · ')}`;
    });
    svg.addEventListener('pointerleave', () => { guide.setAttribute('visibility', 'hidden'); readout.textContent = ''; });
    return svg;
  };

  return figure({
    title, className: 'mv-line-chart', draw, width, notes, readout,
    legendItems: [
      ...series.map((se, k) => ({ name: se.name, className: se.className ?? `mv-s${(k % 6) + 1}` })),
      ...refLines.map((r) => ({ name: r.label, className: 'mv-ref-swatch' })),
    ],
    table: dataTable(title, [xTitle || 'x', ...series.map((se) => se.name)],
      () => labels.map((l, i) => [l, ...series.map((se) => (finite(se.values[i]) ? yFormat(se.values[i]) : ''))])),
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
 * @param {boolean[]} [o.provisional] bars drawn lighter (a period not over yet)
 * @param {{ name: string, values: (number|null|undefined)[], format?: (v: number) => string }[]} [o.extraColumns] data-table only
 * @param {number} [o.maxBars] draw only the last `maxBars` bars (default 120), and say so
 * @param {(label: string) => string} [o.xFormat]
 * @param {number} [o.minLeft] at least this left margin (to line up with another chart)
 * @param {string} [o.xTitle] @param {string} [o.summary] @param {(string | null | undefined)[]} [o.notes]
 * @param {number} [o.width] @param {number} [o.height]
 * @returns {HTMLElement}
 */
export function stackedBars({ title, labels, series, yFormat = fmt, provisional = [], extraColumns = [], maxBars = 120,
  xFormat = String, xTitle = '', summary, notes = [], minLeft = 0, width = 640, height = 260 }) {
  const total = labels.length;
  const from = Math.max(0, total - maxBars);
  const n = total - from;
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
    xLabels(axes, { n, xOf: (k) => x(from + k) + barW / 2, text: (k) => xFormat(labels[from + k]), left, right, width, y: bottom + 16 });
    svg.append(axes);
    const groups = series.map((se, k) => s('g', { class: `mv-series ${se.className ?? `mv-s${(k % 6) + 1}`}` }));
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
          class: provisional[i] ? 'mv-bar mv-provisional' : 'mv-bar',
          x: round(x(i)), y: round(y1), width: round(barW), height: Math.max(0.5, round(y2 - y1)),
        }));
      });
    }
    svg.append(...groups);
    svg.append(s('line', { class: 'mv-zero', x1: left, x2: right, y1: round(y(0)), y2: round(y(0)) }));
    return svg;
  };

  const allNotes = [
    from > 0 ? `Showing the last ${n.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} periods; the data table has them all.` : null,
    provisional.slice(from).some(Boolean) ? 'Lighter bars: the period is not over yet.' : null,
    ...notes,
  ];
  return figure({
    title, className: 'mv-bar-chart', draw, width, notes: allNotes,
    legendItems: series.map((se, k) => ({ name: se.name, className: se.className ?? `mv-s${(k % 6) + 1}` })),
    table: dataTable(title, [xTitle || 'x', ...series.map((se) => se.name), ...extraColumns.map((c) => c.name)],
      () => labels.map((l, i) => [
        provisional[i] ? `${l} (not over)` : l,
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
 * @param {string} [o.yTitle] name of the value column in the table
 * @param {string} [o.summary] @param {(string | null | undefined)[]} [o.notes] @param {number} [o.width] @param {number} [o.height]
 * @returns {HTMLElement}
 */
export function barChart({ title, labels, values, yFormat = fmt, classFor = () => 'mv-s1', legendItems, marker,
  xTitle = '', yTitle = 'value', summary, notes, width = 640, height = 220 }) {
  const n = labels.length;
  const { lo, hi, ticks } = niceDomain(Math.min(0, ...values), Math.max(0, ...values), 4, values.every(Number.isInteger));
  const top = marker ? 22 : 10;
  const bottom = height - (xTitle ? 40 : 26);
  const left = leftMargin(ticks, yFormat);
  /** @param {number} v */
  const y = (v) => bottom - ((v - lo) / (hi - lo || 1)) * (bottom - top);

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
    xLabels(axes, { n, xOf: (i) => x(i) + barW / 2, text: (i) => labels[i], left, right, width, y: bottom + 16 });
    if (xTitle) axes.append(s('text', { class: 'mv-axis-title', x: round((left + right) / 2), y: height - 4, 'text-anchor': 'middle', text: xTitle }));
    svg.append(axes);
    const byClass = new Map();
    values.forEach((v, i) => {
      const cls = classFor(i);
      if (!byClass.has(cls)) byClass.set(cls, s('g', { class: `mv-series ${cls}` }));
      const y1 = y(Math.max(0, v));
      const y2 = y(Math.min(0, v));
      byClass.get(cls).append(s('rect', { class: 'mv-bar', x: round(x(i)), y: round(y1), width: round(barW), height: Math.max(v ? 0.5 : 0, round(y2 - y1)) }));
    });
    svg.append(...byClass.values());
    svg.append(s('line', { class: 'mv-zero', x1: left, x2: right, y1: round(y(0)), y2: round(y(0)) }));
    if (marker && marker.index >= 0 && marker.index <= n) {
      const mx = round(left + slot * marker.index);
      svg.append(s('g', { class: 'mv-ref mv-marker' },
        s('line', { x1: mx, x2: mx, y1: top - 4, y2: bottom }),
        s('text', { x: mx + (marker.index > n / 2 ? -4 : 4), y: top - 8, 'text-anchor': marker.index > n / 2 ? 'end' : 'start', text: marker.label })));
    }
    return svg;
  };
  return figure({
    title, className: 'mv-bar-chart', draw, width, notes, legendItems,
    table: dataTable(title, [xTitle || 'x', yTitle], () => labels.map((l, i) => [l, yFormat(values[i])])),
  });
}

/** Alias of {@link barChart}: a histogram is a bar chart over bins. */
export const histogram = barChart;

/**
 * Values with their intervals, one row each, on a shared horizontal axis,
 * against an optional threshold line (a forest plot: segments, features).
 * @param {object} o
 * @param {string} o.title
 * @param {{ label: string, value: number, interval?: [number, number], note?: string, muted?: boolean, className?: string }[]} o.rows
 *   `muted` rows are drawn greyed (small segments); `note` is appended to the label in the table
 * @param {number} o.min axis start
 * @param {number} o.max axis end
 * @param {{ value: number, label: string }} [o.threshold] dashed vertical line (the 40% bar)
 * @param {(v: number) => string} [o.format]
 * @param {string} [o.valueName] name of the value column in the table (default "value")
 * @param {string} [o.summary] @param {(string | null | undefined)[]} [o.notes] @param {number} [o.width]
 * @returns {HTMLElement}
 */
export function intervalChart({ title, rows, min, max, threshold, format = fmt, valueName = 'value', summary, notes, width = 640 }) {
  const rowH = 30;
  const top = threshold ? 26 : 8;
  const axisH = 22;
  const height = top + rows.length * rowH + axisH;
  const labelChars = Math.min(24, Math.max(4, ...rows.map((r) => r.label.length)));
  const compact = rows.length === 1 && !rows[0].label;
  /** @param {number} width */
  const draw = (width) => {
    const left = compact ? 12 : Math.min(width * 0.38, labelChars * CHAR_W + 16);
    const valueW = Math.max(...rows.map((r) => format(r.value).length)) * CHAR_W + 14;
    const right = width - valueW;
    /** @param {number} v */
    const x = (v) => left + ((clamp(v, min, max) - min) / (max - min || 1)) * (right - left);

    const svg = svgRoot(width, height, title, summary);
    const axes = s('g', { class: 'mv-axes' });
    const bottom = top + rows.length * rowH;
    for (const t of niceTicks(min, max, Math.max(2, Math.min(5, Math.floor((right - left) / 70))))) {
      const xx = round(x(t));
      axes.append(s('line', { class: t === 0 && min < 0 ? 'mv-zero' : 'mv-gridline', x1: xx, x2: xx, y1: top - 2, y2: bottom }));
      axes.append(s('text', { class: 'mv-tick', x: xx, y: bottom + 15, 'text-anchor': 'middle', text: format(t) }));
    }
    svg.append(axes);
    rows.forEach((r, k) => {
      const cy = top + k * rowH + rowH / 2;
      const g = s('g', { class: `mv-interval ${r.className ?? 'mv-s1'}${r.muted ? ' mv-muted' : ''}` });
      g.append(s('line', { class: 'mv-track', x1: left, x2: right, y1: cy, y2: cy }));
      if (!compact) g.append(s('text', { class: 'mv-row-label', x: left - 8, y: cy, 'text-anchor': 'end', 'dominant-baseline': 'middle', text: ellipsize(r.label, 24) }));
      if (r.interval) {
        g.append(s('line', { class: 'mv-range', x1: round(x(r.interval[0])), x2: round(x(r.interval[1])), y1: cy, y2: cy }));
      }
      g.append(s('circle', { class: 'mv-point', cx: round(x(r.value)), cy, r: 5.5 }));
      g.append(s('text', { class: 'mv-value', x: width - 4, y: cy, 'text-anchor': 'end', 'dominant-baseline': 'middle', text: format(r.value) }));
      svg.append(g);
    });
    if (threshold) {
      const tx = round(x(threshold.value));
      const nearRight = tx > (left + right) / 2;
      svg.append(s('g', { class: 'mv-ref mv-threshold' },
        s('line', { x1: tx, x2: tx, y1: top - 8, y2: bottom }),
        s('text', { x: tx + (nearRight ? -4 : 4), y: top - 12, 'text-anchor': nearRight ? 'end' : 'start', text: threshold.label })));
    }
    return svg;
  };
  const hasIntervals = rows.some((r) => r.interval);
  return figure({
    title, className: 'mv-interval-chart', draw, width, notes,
    table: dataTable(title, [compact ? 'measure' : 'row', valueName, ...(hasIntervals ? ['interval low', 'interval high'] : [])],
      () => rows.map((r) => [
        `${r.label || title}${r.note ? ` (${r.note})` : ''}`, format(r.value),
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
  /** @param {number} width */
  const draw = (width) => {
    const svg = svgRoot(width, height, title, summary);
    let at = 0;
    parts.forEach((p, k) => {
      if (!total || !p.value) return;
      const w = (p.value / total) * width;
      svg.append(s('g', { class: `mv-series ${p.className ?? `mv-s${k + 1}`}` },
        s('rect', { class: 'mv-bar', x: round(at), y: 2, width: Math.max(0.5, round(w)), height: height - 4 })));
      at += w;
    });
    if (!total) svg.append(s('rect', { class: 'mv-empty-bar', x: 0, y: 2, width, height: height - 4 }));
    return svg;
  };
  /** @param {number} v */
  const pct = (v) => (total ? `${Number(((v / total) * 100).toFixed(1))}%` : '–');
  const items = parts.map((p, k) => ({ name: `${p.name}: ${format(p.value)} (${pct(p.value)})`, className: p.className ?? `mv-s${k + 1}` }));
  return figure({
    title, className: 'mv-split', draw, width, notes, legendItems: items,
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
