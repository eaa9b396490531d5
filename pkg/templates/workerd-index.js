// market-validation for Cloudflare Workers (the `workerd` export condition):
// workerd compiles a .wasm only when it is imported as a module (it refuses
// WebAssembly.compile of bytes at run time), so the .wasm files are imported
// here, as wrangler bundles them. Every function but Parquet reading is
// ready on import; `await init()` is a no-op, and
// `await init({ parts: ['parquet'] })` (or 'readers', for zip archives and
// Excel workbooks) imports that part's module too.
import allModule from '../web/market_validation_bg.wasm';
import { initSync as slimInitSync } from '../slim/market_validation.js';

export * from '../slim/market_validation.js';

slimInitSync({ module: allModule });

/** The parts beyond `all`, imported when asked for. */
const MODULES = {
  score: () => import('../web/market_validation_score_bg.wasm'),
  analyses: () => import('../web/market_validation_analyses_bg.wasm'),
  readers: () => import('../web/market_validation_readers_bg.wasm'),
  parquet: () => import('../web/market_validation_parquet_bg.wasm'),
};

/**
 * Every function is loaded on import; with `{ parts }`, those parts' modules
 * are imported and loaded too.
 * @param {any} [options]
 */
export default async function init(options) {
  if (options === null || typeof options !== 'object' || !('parts' in options)) return undefined;
  /** @type {Record<string, unknown>} */
  const modules = {};
  for (const name of Array.isArray(options.parts) ? options.parts : [options.parts]) {
    const load = /** @type {Record<string, () => Promise<{ default: unknown }>>} */ (MODULES)[name];
    // An unknown part is left to the loader, whose error lists the parts.
    modules[String(name)] = load ? (await load()).default : undefined;
  }
  slimInitSync({ parts: modules });
  return undefined;
}

/** Loaded on import: nothing to do (a module given is loaded as in the web build). @param {any} [options] */
export function initSync(options) {
  return options === undefined ? undefined : slimInitSync(options);
}
