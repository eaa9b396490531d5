// Loads the built Node package (pkg/node, or $MV_PKG/node) for the boundary tests, keeping a
// handle on the wasm instance's exports so the tests can read its linear
// memory and its externref table: the package does not expose them, so the
// instance is caught as the package creates it.
import { createRequire } from 'node:module';

const Instance = WebAssembly.Instance;
/** @type {WebAssembly.Exports | null} */
let exports = null;
WebAssembly.Instance = function (module, imports) {
  const instance = new Instance(module, imports);
  exports = instance.exports;
  return instance;
};
const require = createRequire(import.meta.url);
// MV_PKG: another build's pkg/ directory, to run the same tests against it.
export const mv = require(process.env.MV_PKG ? `${process.env.MV_PKG}/node/market_validation.js` : '../../pkg/node/market_validation.js');
WebAssembly.Instance = Instance;
if (!exports) throw new Error('the wasm instance was not seen');
const wasm = exports;

/** Bytes of wasm linear memory (it never shrinks). */
export const memoryBytes = () => /** @type {WebAssembly.Memory} */ (wasm.memory).buffer.byteLength;
/** Slots of the externref table (it grows when slots leak). */
export const tableSlots = () => /** @type {WebAssembly.Table} */ (wasm.__wbindgen_externrefs).length;

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
