// Hand-written SVG charts rather than a charting library: the page has no
// build step, no runtime dependencies and a strict CSP, must work offline, and
// needs only lines, bars, intervals and one heatmap.
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
//
// This file holds the chart builders over an x axis of labels (lines,
// stacked bars, bars), the split bar, the heatmap and chartWidth, and is
// where the views import every chart from. The rest lives beside it:
// chart-frame.js (shared sizes and the figure around a drawing),
// chart-axes.js (ticks, scales, axes), chart-tooltip.js (tooltip, keyboard,
// live region) and chart-intervals.js (interval rows); their public names
// are re-exported here.
import { h, fmt, fmtInt, svg as s, uniqueId as uid } from './dom.js';
import { dataTable } from './widgets.js';
import { round, finite, clamp, PARTIAL, figure, svgRoot, slotHighlight, withPartial } from './chart-frame.js';
import { niceDomain, xAxis, yAxis, leftMargin } from './chart-axes.js';
import { tooltip } from './chart-tooltip.js';

export { CHAR_W, round, clamp, ellipsize, PARTIAL } from './chart-frame.js';
export { niceTicks, axisKind, tickIndices } from './chart-axes.js';
export { wrapLabel, intervalChart, intervalBar } from './chart-intervals.js';

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
