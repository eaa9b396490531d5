'use strict';
// market-validation for Node (CommonJS): every function of every part. A
// part's wasm is loaded, synchronously, when one of its functions is first
// called (scripts/build.sh writes a wrapper per function below). The
// analyses run in the parquet part, which reads every container (JSON,
// gzip, zip archives, Excel workbooks, Parquet files).
const loaded = { score: null, parquet: null };

/** A part's bindings, loaded on first use. @param {'score' | 'parquet'} name */
function part(name) {
  if (loaded[name] === null) loaded[name] = require(`./market_validation_${name}.js`);
  return loaded[name];
}

/* FUNCTIONS */
/** Nothing to do in Node: each part loads itself when first used. Here so browser code runs unchanged. */
exports.init = async function init() {};
// `import init from 'market-validation'` where a bundler or TypeScript's
// older resolution takes this CommonJS build: the default export is init.
exports.default = exports.init;
Object.defineProperty(exports, '__esModule', { value: true });
/** Nothing to do in Node, as init. */
exports.initSync = function initSync() {};
/**
 * Whether `e` is what market-validation throws on bad input: an Error named
 * "InputError" with `subject` and `problems` (every problem with its field
 * path). Narrows `catch (e)` without a cast.
 * @param {unknown} e
 * @returns {boolean}
 */
exports.isMarketValidationError = function isMarketValidationError(e) {
  return e instanceof Error && e.name === 'InputError' && Array.isArray(e.problems);
};
