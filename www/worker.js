// Module worker that reads one CSV file and analyses it with the wasm
// library, off the page's main thread so the page stays responsive while
// millions of events are analysed. One job per worker: lib/files.js starts a
// worker per file and terminates it to cancel.
//
// In:  { kind: 'auto' | 'survey' | 'events' | 'usability', file: File | Blob | string | ArrayBuffer | Uint8Array,
//        options: { survey?, events?, usability? } }   (each kind's own options; 'auto': readExport
//      decides from the file's tool and columns)
//    | { kind: 'launch-review', file, options: { plan, options } }   (the launch
//      review with an events file analysed before: reviewLaunch(plan, options)
//      with the file's bytes as options.events, read by the library's own reader)
// Out: { type: 'progress', phase: 'reading', loaded, total }   (repeatedly)
//      { type: 'progress', phase: 'analysing' }
//      { type: 'result', kind, result, also, info, timings: { readMs, analyseMs } }   (info: readExport's;
//      also: { usability?, usabilityError? }, the usability test of a survey that also holds one
//      (readExport's alsoHolds), or why it could not be read; for 'launch-review' the result is
//      the LaunchReview, and no info)
//    | { type: 'error', name, message, subject, problems, info? }
import * as analyses from '../pkg/web/market_validation_analyses.js';
import { errorMessage, errorProblems } from './lib/errors.js';

/** The analyses with every reader (JSON, gzip, zip archives, Excel workbooks). */
const READERS_PART = '../pkg/web/market_validation_readers.js';
/** The same with the Parquet reader (~180 KB gzip more): loaded only for a Parquet file. */
const PARQUET_PART = '../pkg/web/market_validation_parquet.js';

/** Whether a file is a Parquet file: told by its first bytes, "PAR1". @param {Uint8Array} bytes */
const isParquet = (bytes) => bytes[0] === 0x50 && bytes[1] === 0x41 && bytes[2] === 0x52 && bytes[3] === 0x31;

// Start compiling the wasm at once, while the file is being read.
const analysesReady = analyses.default();

/**
 * Whether a file needs the library's readers (JSON lines, JSON arrays, gzip,
 * zip archives, Excel workbooks), which the analyses part leaves out: told
 * by the first bytes.
 * @param {Uint8Array} bytes
 */
function needsReaders(bytes) {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return true;
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05)) return true;
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i] === 0x7b || bytes[i] === 0x5b;
}

/**
 * The library's functions for a file: the analyses part, or for other
 * containers the readers part (loaded only then: it is ~330 KB gzip more),
 * or for a Parquet file the parquet part (~180 KB gzip more again).
 * @param {Uint8Array} bytes
 * @returns {Promise<Pick<typeof analyses, 'analyzeSurvey' | 'analyzeEventsCsv' | 'analyzeUsability' | 'readExport' | 'reviewLaunch'>>}
 */
async function engineFor(bytes) {
  if (!needsReaders(bytes) && !isParquet(bytes)) {
    await analysesReady;
    return analyses;
  }
  // By URL: its bindings have the analyses part's functions and types (the
  // package declares them for the loader, not for this file). A variable, not
  // a literal: the service worker's precache follows literal URLs, and this
  // build is fetched (then cached) only when a file needs it.
  const url = new URL(isParquet(bytes) ? PARQUET_PART : READERS_PART, import.meta.url).href;
  const readers = /** @type {typeof analyses} */ (await import(url));
  await readers.default();
  return readers;
}
// Post reading progress at most this often: a 100 MB file comes in ~1,600 chunks.
const PROGRESS_EVERY_MS = 50;

/**
 * Reads a Blob through its stream into one Uint8Array, reporting progress.
 * @param {Blob} blob
 * @returns {Promise<Uint8Array>}
 */
async function readAll(blob) {
  const total = blob.size;
  let bytes = new Uint8Array(total);
  let loaded = 0;
  let last = 0;
  self.postMessage({ type: 'progress', phase: 'reading', loaded: 0, total });
  const reader = blob.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (loaded + value.length > bytes.length) {
      // The file grew while being read: make room rather than fail.
      const bigger = new Uint8Array(Math.max(bytes.length * 2, loaded + value.length));
      bigger.set(bytes.subarray(0, loaded));
      bytes = bigger;
    }
    bytes.set(value, loaded);
    loaded += value.length;
    const now = performance.now();
    if (now - last >= PROGRESS_EVERY_MS) {
      last = now;
      self.postMessage({ type: 'progress', phase: 'reading', loaded, total });
    }
  }
  self.postMessage({ type: 'progress', phase: 'reading', loaded, total: Math.max(total, loaded) });
  return loaded === bytes.length ? bytes : bytes.subarray(0, loaded);
}

/**
 * What the wasm functions are given: always bytes. A text passed to wasm is
 * copied with room for three bytes a character (and refused past 2^27
 * characters); bytes are copied as they are, up to 1 GiB.
 * @param {unknown} file
 * @returns {Promise<Uint8Array>}
 */
async function toInput(file) {
  if (typeof file === 'string') return new TextEncoder().encode(file);
  if (file instanceof Uint8Array) return file;
  if (file instanceof ArrayBuffer) return new Uint8Array(file);
  if (file instanceof Blob) return readAll(file);
  throw Object.assign(new Error('expected a File, a Blob, text or bytes to analyse'), { problems: [] });
}

self.onmessage = async ({ data }) => {
  const { kind: asked, file, options } = data ?? {};
  /** @type {import('../pkg/web/market_validation.js').ExportInfo | undefined} */
  let info;
  try {
    if (asked !== 'auto' && asked !== 'survey' && asked !== 'events' && asked !== 'usability' && asked !== 'launch-review') {
      throw Object.assign(new Error(`unknown kind ${JSON.stringify(asked)}: expected "auto", "survey", "events", "usability" or "launch-review"`), { problems: [] });
    }
    const started = performance.now();
    const input = await toInput(file);
    const readMs = performance.now() - started;
    self.postMessage({ type: 'progress', phase: 'analysing' });
    const { analyzeSurvey, analyzeEventsCsv, analyzeUsability, readExport, reviewLaunch } = await engineFor(input);
    const t0 = performance.now();
    if (asked === 'launch-review') {
      const result = reviewLaunch(options?.plan, { ...options?.options, events: input });
      self.postMessage({ type: 'result', kind: asked, result, timings: { readMs, analyseMs: performance.now() - t0 } });
      return;
    }
    info = readExport(input, asked === 'auto' ? undefined : { kind: asked });
    const kind = info.kind;
    if (kind === 'unknown') {
      const columns = info.columns.slice(0, 12).map((c) => c.header).filter(Boolean);
      throw Object.assign(new Error(`Could not tell whether it holds survey answers, usage events or a usability test${info.source !== 'unknown' ? ` (a ${info.source} export)` : ''}${columns.length ? `; its columns: ${columns.join(' | ')}` : ''}. Choose what it holds under "What the file holds" and it will be analysed.`), { name: 'UnknownKind', problems: [] });
    }
    const own = options?.[kind] ?? null;
    const result = kind === 'survey' ? analyzeSurvey(input, own) : kind === 'usability' ? analyzeUsability(input, own) : analyzeEventsCsv(input, own);
    /** @type {{ usability?: import('../pkg/web/market_validation.js').UsabilityReport, usabilityError?: string }} */
    const also = {};
    // A survey that also asks the SUS or UMUX-Lite: its usability test too, from the same bytes.
    if (kind === 'survey' && info.alsoHolds?.includes('usability')) {
      try {
        also.usability = analyzeUsability(input, options?.usability ?? null);
      } catch (e) {
        also.usabilityError = errorMessage(e);
      }
    }
    const analyseMs = performance.now() - t0;
    self.postMessage({ type: 'result', kind, result, also, info, timings: { readMs, analyseMs } });
  } catch (e) {
    // Errors do not survive postMessage with their extra fields: copy them out.
    /** @type {{ name?: unknown, subject?: unknown }} */
    const { name, subject } = e != null && typeof e === 'object' ? e : {};
    self.postMessage({
      type: 'error',
      name: name ?? 'Error',
      message: errorMessage(e),
      subject,
      problems: errorProblems(e)?.map((p) => ({ ...p })) ?? [],
      info,
    });
  }
};
