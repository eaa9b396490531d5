// market-validation with its wasm inlined (base64): `await init()` needs no .wasm file.
export * from '../slim/market_validation.js';
import type { InitInput, InitOutput, Part, SyncInitInput } from '../slim/market_validation.js';

/**
 * Loads the library from the inlined bytes: with no argument every function; with
 * `{ parts: ["score"] }` only those parts (each part's bytes are imported when it is loaded).
 */
export default function init(options?: { parts: Part[]; module_or_path?: { [P in Part]?: InitInput | Promise<InitInput> } }): Promise<void>;
export default function init(module_or_path: { module_or_path: InitInput | Promise<InitInput> }): Promise<InitOutput>;

/** Loads synchronously from bytes or a compiled module you give (`await init()` uses the inlined ones). */
export function initSync(options: { parts: { [P in Part]?: SyncInitInput } }): void;
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;
