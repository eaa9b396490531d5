// Analysing CSV files in a background worker (../worker.js), which tells
// survey exports, event exports and usability tests apart with the library's
// readExport (a survey that also asks the SUS is analysed as both); the
// launch review with an events file analysed before, in the same worker;
// and naming the files the page cannot read yet.

/**
 * @import { EventsCsvAnalysis, EventsOptions, ExportInfo, LaunchPlan, LaunchReview, LaunchReviewOptions, SurveyAnalysis, SurveyOptions,
 *   UsabilityOptions, UsabilityReport } from '../../pkg/web/market_validation.js'
 */

/**
 * What the worker returns for each kind of file, and the options it takes.
 * @typedef {{ survey: SurveyAnalysis, events: EventsCsvAnalysis, usability: UsabilityReport }} Analyses
 * @typedef {{ survey: SurveyOptions, events: EventsOptions, usability: UsabilityOptions }} AnalysisOptions
 */
/**
 * What else a file held, analysed with it: a survey's usability test (readExport's
 * `alsoHolds`), or why it could not be read.
 * @typedef {{ usability?: UsabilityReport, usabilityError?: string }} AlsoAnalysed
 */
/** How long the worker read and analysed, in ms. @typedef {{ readMs: number, analyseMs: number }} Timings */
/** The progress the worker reports. @typedef {{ phase: 'reading', loaded: number, total: number } | { phase: 'analysing' }} Progress */

/**
 * What a finished job gives: the analysis of the kind the file holds, what else it held, and how the file was read.
 * @typedef {{ [K in keyof Analyses]: { kind: K, result: Analyses[K], also: AlsoAnalysed, info: ExportInfo | undefined, timings: Timings } }[keyof Analyses]} FileAnalysis
 */

/**
 * Analyses a file in its own module Worker.
 * @param {File | Blob | string | ArrayBuffer | Uint8Array} file
 * @param {'auto' | keyof Analyses} kind what the file holds; `auto`: the worker tells it (readExport)
 * @param {Partial<AnalysisOptions>} [options] each kind's options (all of them: a survey that also
 *   holds a usability test is analysed with the usability options too)
 * @param {(p: Progress) => void} [onProgress]
 * @returns {{ promise: Promise<FileAnalysis>, cancel: () => void }} `promise` resolves with the kind,
 *   its SurveyAnalysis, EventsCsvAnalysis or UsabilityReport, what else the file held (`also`),
 *   readExport's ExportInfo and the timings; it rejects with an Error carrying `.problems` (the
 *   library's Problem[]) and `.info` on bad input (named 'UnknownKind' when the file is none of
 *   them), or with an Error named 'AbortError' after `cancel()`, which also stops the worker at once.
 */
export function analyzeFile(file, kind, options = {}, onProgress) {
  const job = workerJob({ kind, file, options }, `analyse ${kind}`, onProgress);
  return {
    promise: job.promise.then((data) => /** @type {FileAnalysis} */ (/** @type {unknown} */ ({
      kind: data.kind, result: data.result, also: data.also ?? {}, info: data.info, timings: data.timings,
    }))),
    cancel: job.cancel,
  };
}

/**
 * Reviews a launch with an events file, in its own module Worker: the file's
 * bytes go to reviewLaunch() as `options.events`, read by the library as
 * analyzeEventsCsv reads them (with `options.eventsOptions`), off the page's
 * thread, with the readers part for a file that is not delimited text.
 * @param {File | Blob} file the events file
 * @param {LaunchPlan} plan
 * @param {Omit<LaunchReviewOptions, 'events'>} options the review's options, the file's aside
 * @returns {{ promise: Promise<LaunchReview>, cancel: () => void }} as analyzeFile's: it rejects with
 *   reviewLaunch's error (its `.problems` and `.subject`)
 */
export function reviewLaunchOf(file, plan, options) {
  const job = workerJob({ kind: 'launch-review', file, options: { plan, options } }, 'launch review');
  return { promise: job.promise.then((data) => /** @type {LaunchReview} */ (data.result)), cancel: job.cancel };
}

/**
 * Runs one job in its own module Worker (../worker.js).
 * @param {{ kind: string, file: unknown, options: unknown }} message
 * @param {string} name the worker's name
 * @param {(p: Progress) => void} [onProgress]
 * @returns {{ promise: Promise<ResultMessage>, cancel: () => void }} the worker's result message
 *
 * @typedef {{ kind: string, result: unknown, also?: AlsoAnalysed, info?: ExportInfo, timings: Timings }} ResultMessage
 */
function workerJob(message, name, onProgress) {
  const worker = new Worker(new URL('../worker.js', import.meta.url), { type: 'module', name });
  let finished = false;
  /** @type {(reason: unknown) => void} */
  let rejectJob = () => {};
  const finish = () => { if (!finished) worker.terminate(); finished = true; };
  /** @type {Promise<ResultMessage>} */
  const promise = new Promise((resolve, reject) => {
    rejectJob = reject;
    worker.onmessage = ({ data }) => {
      if (data?.type === 'progress') {
        try { onProgress?.(data); } catch (e) { console.error(e); }
      } else if (data?.type === 'result') {
        finish();
        resolve(data);
      } else if (data?.type === 'error') {
        finish();
        reject(Object.assign(new Error(data.message), { name: data.name, subject: data.subject, problems: data.problems ?? [], info: data.info }));
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
  worker.postMessage(message);
  return {
    promise,
    cancel() {
      if (finished) return;
      finish();
      rejectJob(Object.assign(new Error('The analysis was cancelled'), { name: 'AbortError', problems: [] }));
    },
  };
}

/** The tools readExport recognises, by name. @type {Record<string, string>} */
export const SOURCE_NAMES = {
  qualtrics: 'Qualtrics', surveymonkey: 'SurveyMonkey', typeform: 'Typeform', 'google-forms': 'Google Forms',
  'ms-forms': 'Microsoft Forms', delighted: 'Delighted', hotjar: 'Hotjar', posthog: 'PostHog', mixpanel: 'Mixpanel',
  amplitude: 'Amplitude', segment: 'Segment', ga4: 'GA4', heap: 'Heap',
};

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
 * How a survey file was read, in a sentence: its tool, its container (a sheet of
 * a workbook, JSON, delimited text), its header rows and text, and the files
 * read from a zip archive.
 * @param {{ source: string, container?: string, sheet?: string, files?: string[], headerRows: number, encoding: string, delimiter: string }} file
 */
export function fileReadText(file) {
  const tool = file.source === 'unknown' ? 'an export of an unrecognised tool' : `a ${SOURCE_NAMES[file.source] ?? file.source} export`;
  const rows = file.headerRows === 1 ? 'one header row' : `${file.headerRows} header rows`;
  const delimiter = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' }[file.delimiter] ?? file.delimiter;
  const how = file.container === 'xlsx' ? `sheet “${file.sheet}” of an Excel workbook, ${rows}`
    : file.container === 'json-lines' ? `JSON lines, ${file.encoding.toUpperCase()}`
    : file.container === 'json-array' ? `a JSON array, ${file.encoding.toUpperCase()}`
    : file.container === 'parquet' ? 'a Parquet file'
    : `${rows}, ${file.encoding.toUpperCase()}, ${delimiter}-separated`;
  const files = file.files ?? [];
  const from = files.length === 1 ? ` From the zip archive's file ${files[0]}.`
    : files.length > 1 ? ` From ${files.length} files of a zip archive, read as one.` : '';
  return `Read as ${tool}: ${how}.${from}`;
}

/**
 * What a file is when the page cannot read it yet (a spreadsheet, an archive,
 * a PDF), told by its first bytes and its name; null for what the page can
 * try (delimited text, JSON lines, a JSON array, a Parquet file).
 * @param {File} file
 * @returns {Promise<string | null>}
 */
export async function unreadableKind(file) {
  const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  const starts = (/** @type {number[]} */ bytes) => bytes.every((b, i) => head[i] === b);
  const name = file.name.toLowerCase();
  // Zip archives and .xlsx workbooks are read (the library's readers part);
  // other spreadsheets that are zips are not.
  if (starts([0x50, 0x4b, 0x03, 0x04])) {
    if (name.endsWith('.ods')) return 'an OpenDocument spreadsheet (.ods)';
    if (name.endsWith('.numbers')) return 'a Numbers spreadsheet';
    return null;
  }
  if (starts([0xd0, 0xcf, 0x11, 0xe0])) return 'an Excel 97-2003 workbook (.xls)';
  if (starts([0x25, 0x50, 0x44, 0x46])) return 'a PDF';
  // Delimited text, JSON lines and JSON arrays, gzip-compressed or not, and Parquet files are read.
  return null;
}
