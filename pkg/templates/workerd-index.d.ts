// market-validation for Cloudflare Workers: every function but Parquet reading is ready on import.
export * from '../slim/market_validation.js';
import type { InitOutput, Part, SyncInitInput } from '../slim/market_validation.js';

/** Nothing to do with no argument; with `{ parts: ["parquet"] }` imports and loads those parts' .wasm modules. */
export default function init(options?: { parts: Part[] }): Promise<void>;

/** Nothing to do with no argument (loaded on import); a module given is loaded as in the web build. */
export function initSync(options?: { parts: { [P in Part]?: SyncInitInput } }): void;
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;
