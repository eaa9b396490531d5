/**
 * A part of the library: `score` (analyze, analyzeJson, analyzeMany, validate, presets, schema, sampleProduct),
 * `analyses` (analyzeSurvey, compareSurveys, analyzeUsability, analyzeEvents, analyzeEventsCsv, fitRetention, readExport, checkLaunch, reviewLaunch,
 * sampleLaunchPlan; delimited text only), `readers` (the same functions, reading JSON, gzip, zip
 * archives and Excel workbooks too: a bigger download; and eventsSql, analyzeEventAggregates) or
 * `parquet` (the readers part's functions, reading Parquet files too: bigger still).
 */
export type Part = "score" | "analyses" | "readers" | "parquet";

/**
 * The instance type of a global class where the compilation declares it (the DOM lib,
 * @types/node, workers' types), else `never`: these declarations compile without the DOM lib.
 */
type GlobalInstance<K extends string> = typeof globalThis extends { [P in K]: { prototype: infer T } } ? T : never;
/** `WebAssembly.Module` where declared. */
type WasmModule = typeof globalThis extends { WebAssembly: { Module: { prototype: infer M } } } ? M : never;
/** `WebAssembly.Memory` where declared. */
type WasmMemory = typeof globalThis extends { WebAssembly: { Memory: { prototype: infer M } } } ? M : never;

/** Where a .wasm is: its URL (text, `URL`, `Request`), a `Response`, its bytes, or a compiled module. */
export type InitInput = string | GlobalInstance<"Request"> | GlobalInstance<"URL"> | GlobalInstance<"Response"> | ArrayBuffer | ArrayBufferView | WasmModule;

/** The raw exports of the wasm module (for `init()` with every part in one .wasm). */
export interface InitOutput {
    readonly memory: WasmMemory;
}

/** A .wasm's bytes, or the compiled module. */
export type SyncInitInput = ArrayBuffer | ArrayBufferView | WasmModule;

/** Which parts to load, and optionally where each part's .wasm is (default: next to this module). */
export interface InitPartsOptions {
    parts: Part[];
    module_or_path?: { [P in Part]?: InitInput | Promise<InitInput> };
}

/**
 * Loads synchronously from a compiled module or its bytes: every function (the module of
 * `market_validation_bg.wasm`), or, with `{ parts: { score, analyses, readers, parquet } }`, those parts.
 */
export function initSync(options: { parts: { [P in Part]?: SyncInitInput } }): void;
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * Loads the library. With no argument, every function from one .wasm (as before the parts);
 * with `{ parts: ["score"] }`, only scoring (the smaller download); a function whose part is
 * not loaded throws an Error naming the part and how to load it.
 */
export default function __wbg_init(options: InitPartsOptions): Promise<void>;
export default function __wbg_init(module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;

/** Whether `e` is what market-validation throws on bad input (narrows `catch (e)` to MarketValidationError). */
export function isMarketValidationError(e: unknown): e is MarketValidationError;
