// Analysing CSV files in a background worker (../worker.js), and telling
// survey exports from event exports by their header line.

/** @import { EventsCsvAnalysis, EventsOptions, SurveyAnalysis, SurveyOptions } from '../../pkg/web/market_validation.js' */

/**
 * What the worker returns for each kind of file, and the options it takes.
 * @typedef {{ survey: SurveyAnalysis, events: EventsCsvAnalysis }} Analyses
 * @typedef {{ survey: SurveyOptions, events: EventsOptions }} AnalysisOptions
 */
/** How long the worker read and analysed, in ms. @typedef {{ readMs: number, analyseMs: number }} Timings */
/** The progress the worker reports. @typedef {{ phase: 'reading', loaded: number, total: number } | { phase: 'analysing' }} Progress */

/**
 * Analyses a file in its own module Worker.
 * @template {keyof Analyses} K
 * @param {File | Blob | string | ArrayBuffer | Uint8Array} file
 * @param {K} kind which wasm function reads it
 * @param {AnalysisOptions[K]} [options] passed as is
 * @param {(p: Progress) => void} [onProgress]
 * @returns {{ promise: Promise<Analyses[K] & { timings?: Timings }>, cancel: () => void }} `promise` resolves with the
 *   SurveyAnalysis or EventsCsvAnalysis (plus a non-enumerable `timings: { readMs, analyseMs }`);
 *   it rejects with an Error carrying `.problems` (the library's Problem[]) on bad input, or
 *   with an Error named 'AbortError' after `cancel()`, which also stops the worker at once.
 */
export function analyzeFile(file, kind, options = {}, onProgress) {
  const worker = new Worker(new URL('../worker.js', import.meta.url), { type: 'module', name: `analyse ${kind}` });
  let finished = false;
  /** @type {(reason: unknown) => void} */
  let rejectJob = () => {};
  const finish = () => { if (!finished) worker.terminate(); finished = true; };
  /** @type {Promise<Analyses[K] & { timings?: Timings }>} */
  const promise = new Promise((resolve, reject) => {
    rejectJob = reject;
    worker.onmessage = ({ data }) => {
      if (data?.type === 'progress') {
        try { onProgress?.(data); } catch (e) { console.error(e); }
      } else if (data?.type === 'result') {
        finish();
        Object.defineProperty(data.result, 'timings', { value: data.timings, enumerable: false });
        resolve(data.result);
      } else if (data?.type === 'error') {
        finish();
        reject(Object.assign(new Error(data.message), { name: data.name, subject: data.subject, problems: data.problems ?? [] }));
      }
    };
    // The worker script itself failed (could not load, or threw outside a job).
    worker.onerror = (e) => {
      e.preventDefault?.();
      finish();
      reject(Object.assign(new Error(`The analysis worker failed: ${e.message || 'it could not be started'}`), { problems: [] }));
    };
    worker.onmessageerror = () => {
      finish();
      reject(Object.assign(new Error('The analysis result could not be passed back to the page'), { problems: [] }));
    };
  });
  worker.postMessage({ kind, file, options });
  return {
    promise,
    cancel() {
      if (finished) return;
      finish();
      rejectJob(Object.assign(new Error('The analysis was cancelled'), { name: 'AbortError', problems: [] }));
    },
  };
}

// Header words of the survey questions, as the library detects them (README,
// "Survey answers"); and the library's own words for the user id and time
// columns of event exports (src/events/csv_input.rs), matched inside headers.
const SURVEY_WORDS = /recommend|disappointed|satisf|\bnps\b|\bcsat\b|\bpmf\b|sean ellis|^\s*rate\b|\brating\b|how likely|how would you feel/i;
const USER_WORDS = ['user_id', 'userid', 'user id', 'distinct_id', 'uid', 'user', 'account', 'customer', 'visitor'];
const TIME_WORDS = ['timestamp', 'event_time', 'time', 'occurred', 'created_at', 'date', 'ts', 'when'];

/**
 * Splits a CSV header line on its delimiter (, ; tab |), honouring quotes.
 * @param {string} line
 * @returns {string[]}
 */
export function headerCells(line) {
  const counts = [',', ';', '\t', '|'].map((d) => /** @type {const} */ ([d, line.split(d).length]));
  const delim = counts.sort((a, b) => b[1] - a[1])[0][0];
  const cells = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (c === '"') quoted = false; else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === delim) { cells.push(cur); cur = ''; } else cur += c;
  }
  cells.push(cur);
  return cells.map((c) => c.replace(/^\uFEFF/, '').trim());
}

/**
 * Guesses what a CSV holds from its header line.
 * @param {string} firstLineText the header line (more text after a newline is ignored)
 * @returns {'survey' | 'events' | null} survey when a header names a survey question
 *   (recommend, disappointed, satisfied, NPS, CSAT, "Rate ..."); events when there is a
 *   user id column and a time column; null when neither.
 */
export function guessKind(firstLineText) {
  const line = String(firstLineText ?? '').split(/\r?\n|\r/)[0];
  const cells = headerCells(line);
  if (cells.some((c) => SURVEY_WORDS.test(c))) return 'survey';
  const lower = cells.map((c) => c.toLowerCase());
  const user = lower.findIndex((c) => USER_WORDS.some((w) => c.includes(w)));
  const hasTime = lower.some((c, i) => i !== user && TIME_WORDS.some((w) => c.includes(w)));
  const hasUser = user >= 0;
  return hasUser && hasTime ? 'events' : null;
}

/**
 * The first line of a file, read from its first 64 KiB only.
 * @param {Blob} file
 * @returns {Promise<string>}
 */
export async function readFirstLine(file) {
  const text = await file.slice(0, 65536).text();
  return text.split(/\r?\n|\r/)[0] ?? '';
}

/**
 * A byte count for people: "812 KB", "45 MB", "1.2 GB".
 * @param {number} n bytes
 * @returns {string}
 */
export function formatBytes(n) {
  if (n < 1000) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = -1;
  do { v /= 1000; u++; } while (v >= 1000 && u < units.length - 1);
  return `${v >= 100 || u === 0 ? Math.round(v) : Number(v.toFixed(1))} ${units[u]}`;
}

/**
 * What a file is when the page cannot read it yet (a spreadsheet, an archive,
 * a Parquet or JSON file), told by its first bytes and its name; null for text
 * the page can try.
 * @param {File} file
 * @returns {Promise<string | null>}
 */
export async function unreadableKind(file) {
  const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  const starts = (/** @type {number[]} */ bytes) => bytes.every((b, i) => head[i] === b);
  const name = file.name.toLowerCase();
  if (starts([0x50, 0x4b, 0x03, 0x04])) {
    if (/\.(xlsx|xlsm)$/.test(name)) return 'an Excel workbook (.xlsx)';
    if (name.endsWith('.ods')) return 'an OpenDocument spreadsheet (.ods)';
    if (name.endsWith('.numbers')) return 'a Numbers spreadsheet';
    return 'a zip archive';
  }
  if (starts([0xd0, 0xcf, 0x11, 0xe0])) return 'an Excel 97-2003 workbook (.xls)';
  if (starts([0x50, 0x41, 0x52, 0x31])) return 'a Parquet file';
  if (starts([0x1f, 0x8b])) return 'a gzip-compressed file';
  if (starts([0x25, 0x50, 0x44, 0x46])) return 'a PDF';
  const first = head.find((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0xef && b !== 0xbb && b !== 0xbf);
  if (name.endsWith('.json') || ((first === 0x7b || first === 0x5b) && !name.endsWith('.csv'))) return 'a JSON file';
  return null;
}
