// The .wasm subpaths (`market-validation/market_validation_bg.wasm`, ...): a compiled module where a
// bundler or runtime imports wasm as one (Cloudflare Workers, wrangler), to pass to initSync({ module }).
/** `WebAssembly.Module` where the compilation declares it (else `never`: no DOM lib needed). */
type WasmModule = typeof globalThis extends { WebAssembly: { Module: { prototype: infer M } } } ? M : never;
declare const module: WasmModule;
export default module;
