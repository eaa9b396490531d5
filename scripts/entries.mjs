#!/usr/bin/env node
// Writes the package's entries beside web/ and node/ (run by scripts/build.sh
// once those are built):
//
//   slim/     the web build that loads no .wasm by itself: init() is given the
//             bytes, a URL, a Response or a compiled module. Nothing in it names a
//             .wasm file or reads import.meta, so any bundler (esbuild, Rollup, a
//             Node bundle) takes it as plain JavaScript.
//   inline/   slim with each part's .wasm inlined as base64 (as @automerge/automerge
//             and loro-crdt ship it): `await init()` works wherever JavaScript runs,
//             with no file to serve. A part's bytes are imported when it is loaded.
//   workerd/  for Cloudflare Workers (the `workerd` export condition): the .wasm
//             files imported as modules, as workerd compiles them (it refuses to
//             compile wasm from bytes at run time); every function is ready on
//             import, and init({ parts: ['parquet'] }) imports the Parquet part.
//
// Every check here fails the build rather than shipping an entry that cannot
// find its wasm.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PKG = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'pkg');
const TEMPLATES = path.join(PKG, 'templates');
/** Each part's glue module and .wasm, by part name (`all`: every function in one .wasm). */
const PARTS = {
  all: ['market_validation_all.js', 'market_validation_bg.wasm'],
  score: ['market_validation_score.js', 'market_validation_score_bg.wasm'],
  analyses: ['market_validation_analyses.js', 'market_validation_analyses_bg.wasm'],
  readers: ['market_validation_readers.js', 'market_validation_readers_bg.wasm'],
  parquet: ['market_validation_parquet.js', 'market_validation_parquet_bg.wasm'],
};

const fail = (message) => {
  console.error(`scripts/entries.mjs: ${message}`);
  process.exit(1);
};
const read = (...p) => fs.readFileSync(path.join(PKG, ...p), 'utf8');
const write = (p, text) => {
  fs.mkdirSync(path.dirname(path.join(PKG, p)), { recursive: true });
  fs.writeFileSync(path.join(PKG, p), text);
};

for (const dir of ['slim', 'inline', 'workerd']) fs.rmSync(path.join(PKG, dir), { recursive: true, force: true });

// ---- web: each part's functions say "call init() first" when called before
// it (wasm-bindgen's would fail reading a property of undefined).
for (const [glue] of Object.values(PARTS)) {
  let text = read('web', glue);
  if (text.includes('function notLoaded(')) continue;
  let functions = 0;
  text = text.replace(/^export function (\w+)\(([^)]*)\) \{$/gm, (line, name) => {
    functions++;
    return `${line}\n    if (wasm === undefined) notLoaded('${name}');`;
  });
  if (functions === 0) fail(`web/${glue}: no exported function found: wasm-bindgen's output changed`);
  if (!/^let [^;]*\bwasm;$/m.test(text)) fail(`web/${glue}: no "let ... wasm;": wasm-bindgen's output changed`);
  text += `
/** A function called before its module was loaded. @param {string} name */
function notLoaded(name) {
    throw new Error(\`\${name}() was called before its wasm was loaded: call \\\`await init()\\\` (the default export) first, or initSync({ module })\`);
}
`;
  write(path.join('web', glue), text);
}

// ---- slim: the web glue without its default .wasm URL.
const SLIM_ERROR = 'market-validation/slim loads no .wasm by itself: pass it to init({ module_or_path }) '
  + '(bytes, a URL, a Response or a WebAssembly.Module of market-validation/%WASM%), '
  + "or import 'market-validation/inline', which has it inlined";
for (const [glue, wasm] of Object.values(PARTS)) {
  let text = read('web', glue);
  const defaultUrl = `module_or_path = new URL('${wasm}', import.meta.url);`;
  if (!text.includes(defaultUrl)) fail(`web/${glue} has no "${defaultUrl}": wasm-bindgen's output changed`);
  text = text.replace(defaultUrl, `throw new Error(${JSON.stringify(SLIM_ERROR.replace('%WASM%', wasm))});`);
  const snippets = text.match(/from ['"]\.\/snippets\//g)?.length ?? 0;
  text = text.replace(/from (['"])\.\/snippets\//g, 'from $1../web/snippets/');
  if (snippets === 0 || /from ['"]\.\/snippets\//.test(text)) fail(`web/${glue}: its snippet imports were not moved to ../web/snippets/`);
  if (text.includes('import.meta')) fail(`slim/${glue} still reads import.meta`);
  write(path.join('slim', glue), text);
}
// The loader over the parts is the web one, importing the slim glue beside it.
write('slim/market_validation.js', read('web', 'market_validation.js'));
for (const dts of fs.readdirSync(path.join(PKG, 'web')).filter((f) => f.endsWith('.d.ts') && f !== 'wasm.d.ts')) {
  write(path.join('slim', dts), read('web', dts));
}

// ---- inline: each part's bytes as base64, decoded when its part is loaded.
const decode = `// Base64 to bytes: Uint8Array.fromBase64 where there is one, else atob
// (browsers, workers, Node 16+, Deno, Bun).
/** @param {string} text @returns {Uint8Array} */
export function decode(text) {
  const from = /** @type {any} */ (Uint8Array).fromBase64;
  if (typeof from === 'function') return from(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
`;
write('inline/decode.js', decode);
for (const [name, [, wasm]] of Object.entries(PARTS)) {
  const base64 = fs.readFileSync(path.join(PKG, 'web', wasm)).toString('base64');
  write(`inline/${name}.js`, `// ${wasm}, inlined (base64).\nimport { decode } from './decode.js';\n\n/** The .wasm's bytes. */\nexport const bytes = () => decode(${JSON.stringify(base64)});\n`);
}
write('inline/market_validation.js', read('templates', 'inline-index.js'));
write('inline/market_validation.d.ts', read('templates', 'inline-index.d.ts'));

// ---- workerd: the .wasm files imported as modules.
write('workerd/market_validation.js', read('templates', 'workerd-index.js'));
write('workerd/market_validation.d.ts', read('templates', 'workerd-index.d.ts'));
write('web/wasm.d.ts', read('templates', 'wasm.d.ts'));

// ---- node: the text codecs from node:util rather than globals, which a
// test environment such as Jest's jsdom does not define.
for (const name of Object.keys(PARTS).filter((p) => p !== 'all')) {
  const glue = `market_validation_${name}.js`;
  const text = read('node', glue);
  if (text.includes("require('node:util')")) continue;
  if (!text.includes('new TextDecoder(')) fail(`node/${glue} has no TextDecoder: wasm-bindgen's output changed`);
  const header = text.match(/^\/\* @ts-self-types=[^\n]*\n/)?.[0] ?? '';
  write(path.join('node', glue), `${header}const { TextDecoder, TextEncoder } = require('node:util');\n${text.slice(header.length)}`);
}

// ---- node: each part's ES-module entry, with the init and initSync a
// browser import of the part has (no-ops: the part loads when required).
for (const name of Object.keys(PARTS).filter((p) => p !== 'all')) {
  const glue = `market_validation_${name}`;
  const names = [...read('node', `${glue}.js`).matchAll(/^exports\.(\w+) = /gm)].map((m) => m[1]);
  if (names.length === 0) fail(`node/${glue}.js exports nothing: wasm-bindgen's output changed`);
  write(path.join('node', `${glue}.mjs`), `// The ${name} part for Node as an ES module: the CommonJS bindings re-exported,
// and init/initSync so code written for the browser runs unchanged.
import { createRequire } from 'node:module';

const part = createRequire(import.meta.url)('./${glue}.js');
export const { ${names.join(', ')} } = part;

/** Nothing to do in Node: the part is ready once imported. */
export function initSync() {}

/** Nothing to do in Node: resolves at once. */
export default async function init() {}
`);
  write(path.join('node', `${glue}.d.mts`), `export * from './${glue}.js';

/** Nothing to do in Node: the part is ready once imported. Present so browser code runs unchanged. */
export default function init(input?: unknown): Promise<void>;

/** Nothing to do in Node: the part is ready once imported. */
export function initSync(input?: unknown): void;
`);
}

console.log('[entries] slim/, inline/ and workerd/ written; node/ glue takes its text codecs from node:util; node/ part ES modules');
