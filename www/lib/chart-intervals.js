// Row charts on a horizontal value axis: values with their intervals, one
// row each, against an optional threshold (a forest plot: segments,
// features), and the one-row form (a share against its bar). Their row
// labels wrap rather than being cut (wrapLabel). Kept apart from charts.js,
// whose charts run along an x axis of labels.
import { fmt, svg as s } from './dom.js';
import { dataTable } from './widgets.js';
import { CHAR_W, round, clamp, ellipsize, figure, svgRoot } from './chart-frame.js';
import { niceTicks } from './chart-axes.js';
import { tooltip } from './chart-tooltip.js';

/** A generous width of one label character, to wrap labels that must not be cut. */
const WIDE_CHAR_W = 7.4;

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
 * @param {boolean} [o.bars] each value as a bar from `min` with its interval as a whisker (a
 *   share or a time, which count from zero), rather than a point on its interval
 * @param {string} [o.summary] @param {(string | null | undefined)[]} [o.notes] @param {number} [o.width]
 * @returns {HTMLElement}
 */
export function intervalChart({ title, rows, min, max, threshold, format = fmt, ticks: givenTicks, tickFormat = format, axisEnds,
  valueName = 'value', intervalName = 'interval', bars = false, summary, notes, width = 640 }) {
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
      if (!bars) g.append(s('line', { class: 'mv-track', x1: left, x2: right, y1: cy, y2: cy }));
      if (!compact) {
        const ls = lines[k];
        const label = s('text', { class: 'mv-row-label', x: left - 8, y: cy, 'text-anchor': 'end', 'dominant-baseline': 'middle' });
        ls.forEach((line, j) => label.append(s('tspan', { x: left - 8, dy: j === 0 ? round(-((ls.length - 1) * 14) / 2) : 14, text: line })));
        g.append(label);
      }
      if (bars) {
        g.append(s('rect', { class: 'mv-bar', x: round(x(min)), y: cy - 8, width: Math.max(0.5, round(x(r.value) - x(min))), height: 16 }));
        if (r.interval) {
          const [x1, x2] = r.interval.map((v) => round(x(v)));
          g.append(s('path', { class: 'mv-whisker', d: `M${x1} ${cy - 6}V${cy + 6}M${x1} ${cy}H${x2}M${x2} ${cy - 6}V${cy + 6}` }));
        }
      } else {
        if (r.interval) {
          g.append(s('line', { class: 'mv-range', x1: round(x(r.interval[0])), x2: round(x(r.interval[1])), y1: cy, y2: cy }));
        }
        g.append(s('circle', { class: 'mv-point', cx: round(x(r.value)), cy, r: 5.5 }));
      }
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
 * @param {(v: number) => string} [o.tickFormat] tick labels (default `format`)
 * @param {string} [o.intervalName] what the tooltip and table call the interval
 * @param {string} [o.className] the series class of its point and range (default `mv-s1`)
 * @returns {HTMLElement}
 */
export function intervalBar({ title, value, interval, className, ...rest }) {
  return intervalChart({ title, rows: [{ label: '', value, interval, className }], ...rest });
}
