// Exports: the result as JSON, the score card as a PNG. Everything is made
// in the page and handed to the browser's download; nothing is uploaded.
import { version as libraryVersion } from '../../pkg/web/market_validation_score.js';
import { DIMENSIONS, clampScore, isScored, presetLabel, verdictLabel, withoutGain } from './card.js';
import { recommendationText, recommendationUnit } from './units.js';
import { fmt1, fmtRange, fmtPct, dayText, isDay } from './dom.js';

/** @import { ValidationResult } from '../../pkg/web/market_validation.js' */

/**
 * Saves a Blob as a file: an object URL on a temporary `<a download>`, clicked, then revoked.
 * @param {Blob} blob
 * @param {string} filename
 */
export function downloadBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking in the same task can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Saves a value as pretty-printed JSON (`application/json`).
 * @param {unknown} value  e.g. the ValidationResult
 * @param {string} [filename]
 */
export function downloadJson(value, filename = 'market-validation-result.json') {
  downloadBlob(new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' }), filename);
}

/**
 * A colour scheme of the card: `verdict` and `gain` are [background, text] pairs.
 * @typedef {{ bg: string, text: string, muted: string, border: string, track: string, fill: string, range: string,
 *   verdict: Record<string, [string, string]>, gain: [string, string] }} Palette
 */
/** The card's palettes, as in www/card.css. @type {Record<string, Palette>} */
const PALETTES = {
  light: {
    bg: '#ffffff', text: '#1a1f27', muted: '#545e6c', border: '#dde2ea', track: '#e6eaf0',
    fill: '#2c63d6', range: 'rgba(20, 30, 50, 0.28)',
    verdict: {
      strong: ['#ddf3e6', '#146c3f'], promising: ['#e3ecfd', '#2757bd'], weak: ['#fdf0d9', '#8a4e00'],
      not_validated: ['#fde5e2', '#b42318'], not_enough_data: ['#eceff3', '#1a1f27'],
    },
    gain: ['#ddf3e6', '#146c3f'],
  },
  dark: {
    bg: '#161b22', text: '#e4e8ee', muted: '#a3adbb', border: '#2b333e', track: '#2a323d',
    fill: '#79a6ff', range: 'rgba(230, 236, 245, 0.32)',
    verdict: {
      strong: ['#143023', '#4cc486'], promising: ['#1d2b45', '#8fb5ff'], weak: ['#3a2a10', '#f0b24a'],
      not_validated: ['#3d1a17', '#ff8b80'], not_enough_data: ['#262d37', '#e4e8ee'],
    },
    gain: ['#143023', '#4cc486'],
  },
};
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
/** @param {number} size @param {number} [weight] */
const font = (size, weight = 400) => `${weight} ${size}px ${FONT}`;

function safeVersion() {
  try { return libraryVersion(); } catch { return ''; } // the wasm may not be initialised on this thread
}

/**
 * A 2D context to draw on.
 * @param {HTMLCanvasElement} canvas
 * @returns {CanvasRenderingContext2D}
 */
function context2d(canvas) {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw on a canvas.');
  return ctx;
}

/**
 * Splits text into lines of at most `width` pixels (at most `maxLines`, the last one ellipsised).
 * @param {CanvasRenderingContext2D} ctx @param {unknown} text @param {number} width @param {number} maxLines
 */
function wrap(ctx, text, width, maxLines) {
  const words = String(text).split(/\s+/).filter(Boolean);
  const lines = [];
  let line = '';
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (ctx.measureText(next).width <= width || !line) { line = next; continue; }
    lines.push(line);
    line = word;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    lines.length = maxLines;
    lines[maxLines - 1] = ellipsis(ctx, `${lines[maxLines - 1]} …`, width);
  }
  return lines.map((l) => ellipsis(ctx, l, width));
}
/** Text cut (with "…") to at most `width` pixels. @param {CanvasRenderingContext2D} ctx @param {string} text @param {number} width */
function ellipsis(ctx, text, width) {
  if (ctx.measureText(text).width <= width) return text;
  let t = text;
  while (t.length > 1 && ctx.measureText(`${t}…`).width > width) t = t.slice(0, -1);
  return `${t.trimEnd()}…`;
}
/** A filled rounded rectangle. @param {CanvasRenderingContext2D} ctx @param {number} x @param {number} y @param {number} w @param {number} h @param {number} r */
function roundRect(ctx, x, y, w, h, r) {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, Math.min(r, h / 2, w / 2));
  ctx.fill();
}

/**
 * A 0..100 bar with its interval shaded.
 * @param {CanvasRenderingContext2D} ctx @param {Palette} p @param {number} x @param {number} y @param {number} w @param {number} hgt
 * @param {number} score @param {readonly number[] | null | undefined} interval @param {string} fillColor
 */
function bar(ctx, p, x, y, w, hgt, score, interval, fillColor) {
  ctx.fillStyle = p.track;
  roundRect(ctx, x, y, w, hgt, hgt / 2);
  if (score > 0) {
    ctx.fillStyle = fillColor;
    roundRect(ctx, x, y, Math.max(hgt, (w * clampScore(score)) / 100), hgt, hgt / 2);
  }
  if (Array.isArray(interval) && interval[1] > interval[0]) {
    ctx.fillStyle = p.range;
    ctx.fillRect(x + (w * clampScore(interval[0])) / 100, y, (w * (clampScore(interval[1]) - clampScore(interval[0]))) / 100, hgt);
  }
}

/**
 * Draws the score card on a canvas and returns it as a PNG: optional title, score with its
 * interval and verdict, the five dimension bars with their scores, the top recommendation,
 * and a footer "market-validation <version>" with the preset (no clock: the date is the data's as-of day, given, so the same result
 * always gives the same image).
 *
 * @param {ValidationResult} result
 * @param {{ scheme?: 'light' | 'dark', width?: number, pixelRatio?: number, title?: string, asOf?: string, version?: string }} [options]
 *   `asOf`: the day the data describes (`2026-12-06`), drawn as "Data as of Dec 6, 2026" under the title.
 *   `width` in CSS pixels (default 600, at least 320); `pixelRatio` default 2 (crisp on
 *   high-density screens: the PNG is width*2 pixels wide); `version` defaults to the loaded
 *   library's `version()`.
 * @returns {Promise<Blob>} an `image/png` Blob
 */
export async function scoreCardPng(result, { scheme = 'light', width = 600, pixelRatio = 2, title, asOf, version } = {}) {
  const p = PALETTES[scheme] ?? PALETTES.light;
  const W = Math.max(320, Math.round(width));
  const pad = 28;
  const inner = W - 2 * pad;
  const rec = result.recommendations?.[0];
  const titleText = typeof title === 'string' ? title.trim() : '';

  // Layout first, on a scratch context, so the canvas can be sized to fit.
  const measure = context2d(document.createElement('canvas'));
  const gainText = rec ? `+${fmt1(rec.gain)} pts` : '';
  measure.font = font(15, 700);
  const gainW = rec ? measure.measureText(gainText).width + 12 : 0;
  const textIndent = rec ? gainW + 10 : 0;
  measure.font = font(15);
  const recLines = wrap(measure, rec ? withoutGain(recommendationText(rec, recommendationUnit(result, rec))) : 'Nothing to recommend: every scored metric is at its top benchmark.', inner - textIndent, 3);
  const titleH = titleText ? 30 : 0;
  const asOfH = isDay(asOf) ? 22 : 0;
  const H = pad + titleH + asOfH + 22 + 60 + 26 + 22 + 16 + 5 * 30 + 20 + 24 + recLines.length * 21 + 18 + 24 + pad - 8;

  const canvas = document.createElement('canvas');
  canvas.width = Math.round(W * pixelRatio);
  canvas.height = Math.round(H * pixelRatio);
  const ctx = context2d(canvas);
  ctx.scale(pixelRatio, pixelRatio);
  ctx.textBaseline = 'alphabetic';

  ctx.fillStyle = p.bg;
  ctx.fillRect(0, 0, W, H);
  ctx.strokeStyle = p.border;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.roundRect(0.5, 0.5, W - 1, H - 1, 12);
  ctx.stroke();

  let y = pad;
  if (titleText) {
    ctx.font = font(19, 650);
    ctx.fillStyle = p.text;
    ctx.fillText(ellipsis(ctx, titleText, inner), pad, y + 18);
    y += titleH;
  }
  if (isDay(asOf)) {
    ctx.font = font(13);
    ctx.fillStyle = p.muted;
    ctx.fillText(`Data as of ${dayText(asOf)}`, pad, y + 12);
    y += asOfH;
  }

  ctx.font = font(14);
  ctx.fillStyle = p.muted;
  ctx.fillText('Validation score', pad, y + 14);
  y += 22;

  // Score, "/100", and the verdict pill on the right.
  ctx.font = font(54, 750);
  ctx.fillStyle = p.text;
  const scoreText = fmt1(result.score);
  ctx.fillText(scoreText, pad, y + 50);
  const scoreW = ctx.measureText(scoreText).width;
  ctx.font = font(20);
  ctx.fillStyle = p.muted;
  ctx.fillText('/100', pad + scoreW + 6, y + 50);

  const [pillBg, pillFg] = p.verdict[result.verdict] ?? p.verdict.not_enough_data;
  const label = verdictLabel(result.verdict);
  ctx.font = font(16, 650);
  const pillW = ctx.measureText(label).width + 28;
  ctx.fillStyle = pillBg;
  roundRect(ctx, W - pad - pillW, y + 18, pillW, 32, 16);
  ctx.fillStyle = pillFg;
  ctx.fillText(label, W - pad - pillW + 14, y + 40);
  y += 60;

  ctx.font = font(14);
  ctx.fillStyle = p.muted;
  ctx.fillText(ellipsis(ctx, `${fmtPct(result.confidenceLevel ?? 0.95)} interval ${fmtRange(result.interval)} · ${presetLabel(result.preset)} benchmarks`, inner), pad, y + 14);
  y += 26;

  /** The gauge's colour by verdict; others (promising) get the fill colour. @type {Record<string, string>} */
  const gaugeColors = { strong: p.verdict.strong[1], weak: p.verdict.weak[1], not_validated: p.verdict.not_validated[1], not_enough_data: p.muted };
  const gaugeColor = gaugeColors[result.verdict] ?? p.fill;
  bar(ctx, p, pad, y, inner, 12, result.score, result.interval, gaugeColor);
  y += 22 + 16;

  // The five dimensions: name, bar, score.
  const nameW = 110;
  const scoreColW = 70;
  for (const [key, name] of DIMENSIONS) {
    const d = result.dimensions?.[key];
    const has = d != null && isScored(d);
    ctx.font = font(15);
    ctx.fillStyle = p.text;
    ctx.fillText(name, pad, y + 15);
    bar(ctx, p, pad + nameW, y + 5, inner - nameW - scoreColW, 10, has ? d.score : 0, has ? d.interval : null, p.fill);
    ctx.textAlign = 'right';
    ctx.font = has ? font(15, 650) : font(14);
    ctx.fillStyle = has ? p.text : p.muted;
    ctx.fillText(has ? fmt1(d.score) : 'no data', W - pad, y + 15);
    ctx.textAlign = 'left';
    y += 30;
  }

  // The top recommendation.
  y += 8;
  ctx.fillStyle = p.border;
  ctx.fillRect(pad, y, inner, 1);
  y += 12;
  ctx.font = font(13, 650);
  ctx.fillStyle = p.muted;
  ctx.fillText('Top recommendation', pad, y + 13);
  y += 24;
  if (rec) {
    ctx.font = font(15, 700);
    ctx.fillStyle = p.gain[0];
    roundRect(ctx, pad, y - 2, gainW, 22, 6);
    ctx.fillStyle = p.gain[1];
    ctx.fillText(gainText, pad + 6, y + 14);
  }
  const textX = pad + textIndent;
  ctx.font = font(15);
  ctx.fillStyle = p.text;
  for (const line of recLines) {
    ctx.fillText(line, textX, y + 14);
    y += 21;
  }

  // Footer: library version and preset; no date, so exports are reproducible.
  y += 18;
  ctx.fillStyle = p.border;
  ctx.fillRect(pad, y - 14, inner, 1);
  ctx.font = font(13);
  ctx.fillStyle = p.muted;
  const v = version ?? safeVersion();
  ctx.fillText(`market-validation${v ? ` ${v}` : ''}`, pad, y + 6);
  ctx.textAlign = 'right';
  ctx.fillText(ellipsis(ctx, `preset: ${presetLabel(result.preset)}`, inner / 2), W - pad, y + 6);
  ctx.textAlign = 'left';

  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the score card as PNG.'))), 'image/png');
  });
}
