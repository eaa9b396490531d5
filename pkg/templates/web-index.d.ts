/**
 * A part of the library: `score` (analyze, analyzeMany, validate, presets, schema, sampleProduct),
 * `analyses` (analyzeSurvey, compareSurveys, analyzeEvents, analyzeEventsCsv, fitRetention, readExport, checkLaunch, reviewLaunch,
 * sampleLaunchPlan; delimited text only), `readers` (the same functions, reading JSON, gzip, zip
 * archives and Excel workbooks too: a bigger download; and eventsSql, analyzeEventAggregates) or
 * `parquet` (the readers part's functions, reading Parquet files too: bigger still).
 */
export type Part = "score" | "analyses" | "readers" | "parquet";

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** The raw exports of the wasm module (for `init()` with every part in one .wasm). */
export interface InitOutput {
    readonly memory: WebAssembly.Memory;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

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
