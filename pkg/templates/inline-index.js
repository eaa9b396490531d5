// market-validation with its wasm inlined (base64): nothing to serve, copy or
// configure, in any bundler (esbuild, Rollup, webpack, Vite, Parcel), a Node
// bundle, Deno without --allow-read, a worker. The cost: base64 is a third
// bigger than the .wasm, and a bundle holds the bytes of every part it may
// load (each part's are imported only when init() loads that part).
//
//   await init();                        every function (the bytes of market_validation_bg.wasm)
//   await init({ parts: ['score'] });    only scoring; any parts, as in the web build
import slimInit, { initSync as slimInitSync } from '../slim/market_validation.js';

export * from '../slim/market_validation.js';

/** Each part's bytes, imported when it is loaded. */
const BYTES = {
  all: () => import('./all.js'),
  score: () => import('./score.js'),
  analyses: () => import('./analyses.js'),
  readers: () => import('./readers.js'),
  parquet: () => import('./parquet.js'),
};

/**
 * Loads the library from the inlined bytes: every function, or with
 * `{ parts }` only those parts (a part's `module_or_path`, if given, wins).
 * @param {any} [options]
 */
export default async function init(options) {
  if (options !== null && typeof options === 'object' && 'parts' in options) {
    const given = options.module_or_path ?? {};
    /** @type {Record<string, unknown>} */
    const where = {};
    for (const name of Array.isArray(options.parts) ? options.parts : []) {
      const load = /** @type {Record<string, () => Promise<{ bytes: () => Uint8Array }>>} */ (BYTES)[name];
      // An unknown part is left to the loader, whose error lists the parts.
      if (given[name] !== undefined) where[name] = given[name];
      else if (load) where[name] = (await load()).bytes();
    }
    return slimInit({ parts: options.parts, module_or_path: where });
  }
  // As the web build: `{ module_or_path }` (or the module itself) loads what
  // is given; nothing given loads the inlined bytes.
  const given = options !== null && typeof options === 'object' && Object.getPrototypeOf(options) === Object.prototype
    ? options.module_or_path : options;
  if (given !== undefined && given !== null) return slimInit(options);
  return slimInit({ module_or_path: (await BYTES.all()).bytes() });
}

/**
 * Loads synchronously from bytes or a compiled module the caller gives (the
 * inlined bytes are imported asynchronously: use `await init()` for them).
 * @param {any} options
 */
export function initSync(options) {
  if (options === undefined) {
    throw new Error("market-validation/inline: initSync() needs the wasm (initSync({ module })); `await init()` loads the inlined bytes");
  }
  return slimInitSync(options);
}
