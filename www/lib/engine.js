// The library, by part: scoring first (what the first paint needs), the
// analyses (survey, events, launch) only when a view asks for them, so the
// page downloads the smaller .wasm up front and the other on demand.
import initScore from '../../pkg/web/market_validation_score.js';

/** @typedef {typeof import('../../pkg/web/market_validation_analyses.js')} Analyses */

/** @type {Promise<void> | null} */
let score = null;
/** @type {Promise<Analyses> | null} */
let analyses = null;

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
