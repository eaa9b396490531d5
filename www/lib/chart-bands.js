// Counts along a numeric scale (a histogram of scores) drawn over the
// scale's bands: the respondents' SUS scores over the curved grade scale,
// with the mean's interval and the average marked. Kept apart from
// charts.js, whose charts run along an axis of labels rather than a scale.
import { fmt, svg as s } from './dom.js';
import { dataTable } from './widgets.js';
import { CHAR_W, round, clamp, figure, svgRoot, slotHighlight } from './chart-frame.js';
import { niceDomain, niceTicks, yAxis, leftMargin } from './chart-axes.js';
import { tooltip } from './chart-tooltip.js';

/** Height of one lane of band labels above the plot. */
const LANE = 14;

/**
 * Where each band's label goes: its centre, in the first of two lanes where it
 * does not overlap the label before it; null when neither lane has room (the
 * data table names every band).
 * @param {{ from: number, to: number, label: string }[]} bands
 * @param {(v: number) => number} x
 * @returns {({ cx: number, lane: number } | null)[]}
 */
export function bandLabelPlaces(bands, x) {
  /** Each lane's right end so far, by lane: labels are placed left to right. */
  const ends = [-Infinity, -Infinity];
  const order = bands.map((b, i) => ({ b, i })).sort((p, q) => Math.min(p.b.from, p.b.to) - Math.min(q.b.from, q.b.to));
  /** @type {({ cx: number, lane: number } | null)[]} */
  const places = bands.map(() => null);
  for (const { b, i } of order) {
    const cx = (x(b.from) + x(b.to)) / 2;
    const half = (b.label.length * CHAR_W) / 2 + 2;
    const lane = ends.findIndex((end) => cx - half >= end);
    if (lane < 0) continue;
    ends[lane] = cx + half;
    places[i] = { cx, lane };
  }
  return places;
}

/**
 * A histogram on a numeric scale over coloured bands, with vertical marks.
 * @param {object} o
 * @param {string} o.title
 * @param {{ value: number, count: number }[]} o.bins each bin's centre and its count
 * @param {number} o.binWidth the bins' width on the scale
 * @param {number} o.min @param {number} o.max the scale's ends
 * @param {{ from: number, to: number, label: string, className: string }[]} o.bands the scale's bands
 *   (each a series class, `mv-good`...), drawn behind the bars and named above them
 * @param {{ value: number, label: string, interval?: [number, number], className?: string, dashed?: boolean }[]} [o.marks]
 *   vertical lines (a mean, with its interval shaded; an average, dashed), named in the legend
 * @param {(v: number) => string} [o.format] the scale's numbers
 * @param {(value: number) => string} [o.bandOf] the band a bin falls in, for its tooltip and table row
 * @param {string} [o.xTitle] what the scale is ("SUS score")
 * @param {string} [o.countName] what is counted ("respondents")
 * @param {string} [o.bandName] what a band is ("grade")
 * @param {string} [o.summary] @param {(string | null | undefined)[]} [o.notes] @param {number} [o.width] @param {number} [o.height]
 * @returns {HTMLElement}
 */
export function bandedHistogram({ title, bins, binWidth, min, max, bands, marks = [], format = fmt, bandOf,
  xTitle = 'value', countName = 'count', bandName = 'band', summary, notes, width = 640, height = 250 }) {
  const counts = bins.map((b) => b.count);
  const { lo, hi, ticks } = niceDomain(0, Math.max(1, ...counts), 4, true);
  const top = 2 * LANE + 8;
  const bottom = height - 40;
  const left = leftMargin(ticks, fmt);
  /** @param {number} v */
  const y = (v) => bottom - ((v - lo) / (hi - lo || 1)) * (bottom - top);
  const tip = tooltip();
  /** @param {number} i */
  const tipText = (i) => {
    const b = bins[i];
    const band = bandOf ? ` (${bandName} ${bandOf(b.value)})` : '';
    return `${xTitle} ${format(b.value)}${band}: ${fmt(b.count)} ${countName}`;
  };

  /** @param {number} width */
  const draw = (width) => {
    const right = width - 10;
    /** @param {number} v */
    const x = (v) => left + ((clamp(v, min, max) - min) / (max - min || 1)) * (right - left);
    const perUnit = (right - left) / (max - min || 1);
    const barW = clamp(binWidth * perUnit * 0.8, 2, 40);
    const svg = svgRoot(width, height, title, summary);

    const behind = s('g', { class: 'mv-scale-bands' });
    const places = bandLabelPlaces(bands, x);
    bands.forEach((b, k) => {
      const [from, to] = [Math.min(b.from, b.to), Math.max(b.from, b.to)];
      behind.append(s('g', { class: `mv-scale-band ${b.className}` },
        s('rect', { x: round(x(from)), y: top, width: Math.max(0, round(x(to) - x(from))), height: bottom - top }),
        s('line', { x1: round(x(from)), x2: round(x(from)), y1: top - 2, y2: bottom })));
      const place = places[k];
      if (place) behind.append(s('text', { class: 'mv-band-label', x: round(place.cx), y: LANE * (place.lane + 1) - 2, 'text-anchor': 'middle', text: b.label }));
    });
    svg.append(behind);

    const axes = s('g', { class: 'mv-axes' });
    yAxis(axes, { ticks, y, left, right, format: fmt });
    for (const t of niceTicks(min, max, Math.max(2, Math.min(10, Math.floor((right - left) / 50))))) {
      axes.append(s('line', { class: 'mv-xtick', x1: round(x(t)), x2: round(x(t)), y1: bottom, y2: bottom + 4 }));
      axes.append(s('text', { class: 'mv-tick', x: round(x(t)), y: bottom + 16, 'text-anchor': 'middle', text: format(t) }));
    }
    axes.append(s('text', { class: 'mv-axis-title', x: round((left + right) / 2), y: height - 4, 'text-anchor': 'middle', text: xTitle }));
    svg.append(axes);

    for (const m of marks) {
      if (m.interval) {
        const [a, b] = m.interval.map(x);
        svg.append(s('rect', { class: `mv-mark-range ${m.className ?? 'mv-s1'}`, x: round(a), y: top, width: Math.max(1, round(b - a)), height: bottom - top }));
      }
    }
    const hl = slotHighlight(top, bottom);
    svg.append(hl);
    svg.append(s('g', { class: 'mv-series mv-s1' }, bins.map((b, i) => s('rect', {
      class: 'mv-bar', 'data-index': i, x: round(x(b.value) - barW / 2), y: round(y(b.count)), width: round(barW),
      height: Math.max(b.count ? 0.5 : 0, round(y(0) - y(b.count))),
    }))));
    for (const m of marks) {
      const mx = round(x(m.value));
      svg.append(s('line', { class: `mv-mark ${m.className ?? 'mv-s1'}${m.dashed ? ' mv-dashed' : ''}`, x1: mx, x2: mx, y1: top - 2, y2: bottom }));
    }

    tip.bind(svg, width, {
      count: bins.length,
      unit: 'bars',
      at: (vx) => {
        if (!bins.length) return null;
        let best = 0;
        bins.forEach((b, i) => { if (Math.abs(x(b.value) - vx) < Math.abs(x(bins[best].value) - vx)) best = i; });
        return Math.abs(x(bins[best].value) - vx) <= Math.max(barW, 12) ? best : null;
      },
      anchor: (i) => ({ x: x(bins[i].value), y: y(bins[i].count) - 2 }),
      text: tipText,
      highlight: (i) => {
        hl.setAttribute('visibility', i == null ? 'hidden' : 'visible');
        if (i != null) { hl.setAttribute('x', String(round(x(bins[i].value) - barW / 2 - 2))); hl.setAttribute('width', String(round(barW + 4))); }
      },
    });
    return svg;
  };
  const legendItems = marks.map((m) => ({
    name: m.interval ? `${m.label} (shaded: its interval)` : m.label,
    className: `${m.dashed ? 'mv-ref-swatch' : 'mv-mark-swatch'} ${m.className ?? 'mv-s1'}`,
  }));
  return figure({
    title, className: 'mv-banded', draw, width, notes, legendItems, tip,
    table: dataTable(title, [xTitle, countName, ...(bandOf ? [bandName] : [])],
      () => bins.map((b) => [format(b.value), fmt(b.count), ...(bandOf ? [bandOf(b.value)] : [])])),
  });
}
