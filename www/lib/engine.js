// The library, by part: scoring first (what the first paint needs), the
// analyses (survey, events, launch) only when a view asks for them, and the
// readers part (which alone holds the warehouse functions, eventsSql and
// analyzeEventAggregates) only when the warehouse panel is opened, so the
// page downloads the smaller .wasm up front and the others on demand.
import initScore from '../../pkg/web/market_validation_score.js';

/** @typedef {typeof import('../../pkg/web/market_validation_analyses.js')} Analyses */
/** @typedef {typeof import('../../pkg/web/market_validation_readers.js')} Readers */

/**
 * The readers part's bindings, by URL. A variable, not a literal: the service
 * worker's precache follows literal imports, and this build (the largest) is
 * fetched, then cached, only when the warehouse panel asks for it.
 */
const READERS_PART = '../../pkg/web/market_validation_readers.js';
/** The readers part with the Parquet reader: fetched only for a Parquet result file. */
const PARQUET_PART = '../../pkg/web/market_validation_parquet.js';

/** @type {Promise<void> | null} */
let score = null;
/** @type {Promise<Analyses> | null} */
let analyses = null;
/** @type {Promise<Readers> | null} */
let readers = null;
/** @type {Promise<Readers> | null} */
let parquet = null;

/** Loads the scoring part once (retried after a failure). */
export function loadScore() {
  score ??= initScore().then(() => undefined).catch((error) => { score = null; throw error; });
  return score;
}

/** Loads the analyses part once (retried after a failure): its functions. */
export function loadAnalyses() {
  analyses ??= import('../../pkg/web/market_validation_analyses.js')
    .then(async (mod) => { await mod.default(); return mod; })
    .catch((error) => { analyses = null; throw error; });
  return analyses;
}

/** Loads the readers part once (retried after a failure): its functions (eventsSql, analyzeEventAggregates). */
export function loadReaders() {
  readers ??= import(new URL(READERS_PART, import.meta.url).href)
    .then(async (/** @type {Readers} */ mod) => { await mod.default(); return mod; })
    .catch((error) => { readers = null; throw error; });
  return readers;
}

/** Loads the parquet part once (retried after a failure): the readers part's functions, reading Parquet files too. */
export function loadParquet() {
  parquet ??= import(new URL(PARQUET_PART, import.meta.url).href)
    .then(async (/** @type {Readers} */ mod) => { await mod.default(); return mod; })
    .catch((error) => { parquet = null; throw error; });
  return parquet;
}
