// Loads the built Node package (pkg/node, or $MV_PKG/node) for the boundary
// tests, keeping a handle on each wasm instance's exports so the tests can
// read its linear memory and its externref table: the package does not
// expose them, so each instance is caught as the package creates it.
import { createRequire } from 'node:module';

const Instance = WebAssembly.Instance;
/** The exports of every wasm instance the package made (one per part, made on first use). */
const instances = [];
WebAssembly.Instance = function (module, imports) {
  const instance = new Instance(module, imports);
  instances.push(instance.exports);
  return instance;
};
const require = createRequire(import.meta.url);
// MV_PKG: another build's pkg/ directory, to run the same tests against it.
export const mv = require(process.env.MV_PKG ? `${process.env.MV_PKG}/node/market_validation.js` : '../../pkg/node/market_validation.js');
// Every part loaded now, so the figures below cover all of them from the start.
mv.version();
mv.sampleLaunchPlan();
mv.sampleProduct();
if (instances.length === 0) throw new Error('no wasm instance was seen');

/** Bytes of wasm linear memory, all parts together (it never shrinks). */
export const memoryBytes = () => instances.reduce((n, e) => n + /** @type {WebAssembly.Memory} */ (e.memory).buffer.byteLength, 0);
/** Slots of the externref tables, all parts together (they grow when slots leak). */
export const tableSlots = () => instances.reduce((n, e) => n + /** @type {WebAssembly.Table} */ (e.__wbindgen_externrefs).length, 0);

/** Results collected by `check`, printed by `summary`. */
const results = { passed: 0, failed: 0 };

/**
 * Runs one named check: it passes unless it throws.
 * @param {string} name @param {() => (void | string | Promise<void | string>)} fn  may return a detail line
 */
export async function check(name, fn) {
  const started = performance.now();
  try {
    const detail = await fn();
    results.passed++;
    const ms = (performance.now() - started).toFixed(0);
    console.log(`ok   ${name} (${ms} ms)${detail ? `: ${detail}` : ''}`);
  } catch (error) {
    results.failed++;
    console.log(`FAIL ${name}: ${error instanceof Error ? error.stack : String(error)}`);
  }
}

/** Prints the closing "N passed, M failed" line and sets the exit code. */
export function summary() {
  console.log(`${results.passed} passed, ${results.failed} failed`);
  if (results.failed) process.exitCode = 1;
}

/** Throws unless `cond`. @param {unknown} cond @param {string} message */
export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/**
 * What a call did: its result, or the error it threw.
 * @template T @param {() => T} call
 * @returns {{ ok: true, value: T } | { ok: false, error: any }}
 */
export function attempt(call) {
  try {
    return { ok: true, value: call() };
  } catch (error) {
    return { ok: false, error };
  }
}
