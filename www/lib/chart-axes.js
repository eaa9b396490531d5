// Scales and axes: "nice" y ticks and domains, the x ticks (evenly spaced,
// on calendar steps for dates: see tickIndices), and drawing both axes with
// their labels. Pure layout arithmetic plus the SVG of the axes, kept apart
// from the chart builders in charts.js, which only say what to put on them.
import { svg as s } from './dom.js';
import { CHAR_W, round } from './chart-frame.js';

/** @typedef {(v: number) => string} Format a number as the chart shows it */

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
export function niceDomain(min, max, count, integer = false) {
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
export function xAxis(g, { labels, xOf, text, left, right, width, bottom, y }) {
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

/**
 * Horizontal grid lines with their y labels.
 * @param {SVGGElement} g
 * @param {{ ticks: number[], y: (v: number) => number, left: number, right: number, format: Format }} o
 */
export function yAxis(g, { ticks, y, left, right, format }) {
  for (const t of ticks) {
    const yy = round(y(t));
    g.append(s('line', { class: t === 0 ? 'mv-zero' : 'mv-gridline', x1: left, x2: right, y1: yy, y2: yy }));
    g.append(s('text', { class: 'mv-tick', x: left - 6, y: yy, 'text-anchor': 'end', 'dominant-baseline': 'middle', text: format(t) }));
  }
}

/** Left margin wide enough for the longest y label. @param {number[]} ticks @param {Format} format */
export const leftMargin = (ticks, format) => Math.max(32, Math.ceil(Math.max(...ticks.map((t) => format(t).length)) * CHAR_W) + 12);
