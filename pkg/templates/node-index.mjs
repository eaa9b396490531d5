// The Node ES-module entry of market-validation: the CommonJS build (which
// loads its wasm synchronously when first required) re-exported as named
// exports, plus `init`/`initSync` so code written for the browser build runs
// unchanged in Node. There is nothing to initialise here.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const wasm = require('./market_validation.js');

// The export list is filled in by scripts/build.sh from the CommonJS build,
// so every function the bindings export is here too.
export const { /* EXPORTS */ } = wasm;

/** Nothing to do in Node: the module is ready once imported. */
export function initSync() {}

/** Nothing to do in Node: resolves at once. */
export default async function init() {}
