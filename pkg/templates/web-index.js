// market-validation for browsers, workers and bundlers: the one loader over
// the library's parts (scripts/build.sh writes a wrapper per function below).
//
//   await init();                          every function, one .wasm (as before the parts)
//   await init({ parts: ['score'] });      analyze, analyzeJson, analyzeMany, validate, presets, schema, sampleProduct
//   await init({ parts: ['analyses'] });   analyzeSurvey, compareSurveys, analyzeUsability, analyzeEvents,
//                                          analyzeEventsCsv, fitRetention, readExport, checkLaunch, reviewLaunch, sampleLaunchPlan
//                                          (delimited text only)
//   await init({ parts: ['readers'] });    the same functions, reading every container: JSON lines
//                                          and arrays, gzip, zip archives, Excel workbooks (~250 KB
//                                          gzip more than analyses; `init()` reads JSON and gzip)
//   await init({ parts: ['parquet'] });    the readers part's functions, reading Parquet files too
//                                          (raw events, eventsSql's result tables; ~180 KB gzip more)
//
// A function whose part is not loaded throws an Error saying which part and
// how to load it. Each part's bindings can also be imported alone:
// 'market-validation/score', 'market-validation/analyses', 'market-validation/readers',
// 'market-validation/parquet'.
import initAll, { initSync as initAllSync } from './market_validation_all.js';
import * as all from './market_validation_all.js';
import initScore, { initSync as initScoreSync } from './market_validation_score.js';
import * as score from './market_validation_score.js';
import initAnalyses, { initSync as initAnalysesSync } from './market_validation_analyses.js';
import * as analyses from './market_validation_analyses.js';
import initReaders, { initSync as initReadersSync } from './market_validation_readers.js';
import * as readers from './market_validation_readers.js';
import initParquet, { initSync as initParquetSync } from './market_validation_parquet.js';
import * as parquet from './market_validation_parquet.js';

/** Each part: its bindings, their init functions, and whether it is loaded. */
const PARTS = {
  score: { module: score, init: initScore, initSync: initScoreSync, ready: false },
  analyses: { module: analyses, init: initAnalyses, initSync: initAnalysesSync, ready: false },
  readers: { module: readers, init: initReaders, initSync: initReadersSync, ready: false },
  parquet: { module: parquet, init: initParquet, initSync: initParquetSync, ready: false },
};
let allReady = false;

/** The parts asked for, checked: a clear Error for anything else. @param {unknown} parts */
function partNames(parts) {
  const known = Object.keys(PARTS);
  if (!Array.isArray(parts) || parts.length === 0 || parts.some((p) => !known.includes(p))) {
    throw new Error(`init({ parts }): parts is ${JSON.stringify(parts)}; expected a non-empty array of ${known.map((p) => JSON.stringify(p)).join(' and ')}`);
  }
  return /** @type {Array<keyof typeof PARTS>} */ ([...new Set(parts)]);
}

/** @param {unknown} options */
const asksForParts = (options) => options !== null && typeof options === 'object' && 'parts' in options;

/**
 * Loads the library: with no argument (or wasm-bindgen's `{ module_or_path }`)
 * every function from one .wasm, as before; with `{ parts, module_or_path? }`
 * only those parts (`module_or_path`, if given, maps a part to its .wasm).
 * @param {any} [options]
 */
export default async function init(options) {
  if (asksForParts(options)) {
    const where = options.module_or_path ?? {};
    await Promise.all(partNames(options.parts).map(async (name) => {
      const part = PARTS[name];
      if (part.ready) return;
      await part.init(where[name] === undefined ? undefined : { module_or_path: where[name] });
      part.ready = true;
    }));
    return undefined;
  }
  const output = await initAll(options);
  allReady = true;
  return output;
}

/**
 * Loads synchronously from a compiled module or its bytes: every function
 * (wasm-bindgen's `{ module }`, of market_validation_bg.wasm), or, with
 * `{ parts: { score: module, analyses: module, readers: module, parquet: module } }`, those parts.
 * @param {any} options
 */
export function initSync(options) {
  if (asksForParts(options) && options.parts !== null && typeof options.parts === 'object' && !Array.isArray(options.parts)) {
    const modules = /** @type {Record<string, unknown>} */ (options.parts);
    for (const name of partNames(Object.keys(modules))) {
      PARTS[name].initSync({ module: modules[name] });
      PARTS[name].ready = true;
    }
    return undefined;
  }
  const output = initAllSync(options);
  allReady = true;
  return output;
}

/**
 * The function `fn` of the loaded bindings that hold it.
 * @param {keyof typeof PARTS} name @param {string} fn
 * @returns {(...args: unknown[]) => any}
 */
function bound(name, fn) {
  // The readers part has the analyses' functions and reads more files than `all`.
  if ((name === 'analyses' || name === 'readers') && PARTS.parquet.ready) return /** @type {any} */ (parquet)[fn];
  if (name === 'analyses' && PARTS.readers.ready) return /** @type {any} */ (readers)[fn];
  if (allReady) return /** @type {any} */ (all)[fn];
  if (PARTS[name].ready) return /** @type {any} */ (PARTS[name].module)[fn];
  throw new Error(`${fn}() is in the "${name}" part of market-validation, which is not loaded: call \`await init()\` (every part) or \`await init({ parts: ['${name}'] })\` first${name === 'analyses' ? " (or ['readers'], which also reads zip archives and Excel workbooks)" : ''}`);
}

/**
 * Whether `e` is what market-validation throws on bad input: an Error named
 * "InputError" with `subject` and `problems` (every problem with its field
 * path). Narrows `catch (e)` without a cast.
 * @param {unknown} e
 * @returns {boolean}
 */
export function isMarketValidationError(e) {
  return e instanceof Error && e.name === 'InputError' && Array.isArray(/** @type {any} */ (e).problems);
}

/* FUNCTIONS */
