#!/usr/bin/env node
// Writes the shipped copies of the bindings' JavaScript without comments
// (run by scripts/build.sh once scripts/entries.mjs has written its entries):
// each part's wasm-bindgen glue in web/ and slim/, and the snippets they
// import (src/wasm/reads.js, results.js) in web/snippets/.
//
// A browser downloads them with the .wasm before the first score, and their
// comments were more than half of their gzip size (issue 21's budget counts
// them). The code itself is kept as it is, formatted and with its names, by
// esbuild's transform (pinned in tools/package.json): readable where it
// runs; the commented sources are src/wasm/*.js and the .d.ts files, which
// keep every doc comment. Node's copies (node/) are left as they are.
//
// Each file is checked: it parses, it keeps its `@ts-self-types` header (Deno
// reads its types from it), and it exports what it did.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const PKG = path.join(ROOT, 'pkg');
const fail = (message) => {
  console.error(`scripts/ship-js.mjs: ${message}`);
  process.exit(1);
};

let transformSync;
try {
  ({ transformSync } = createRequire(path.join(ROOT, 'tools', 'package.json'))('esbuild'));
} catch {
  fail('esbuild missing from tools/node_modules: run scripts/setup.sh');
}

/** The glue of every part, in web/ and slim/. */
const glue = ['web', 'slim'].flatMap((dir) => fs.readdirSync(path.join(PKG, dir))
  .filter((f) => /^market_validation_\w+\.js$/.test(f))
  .map((f) => path.join(dir, f)));
/** The snippets, in web/snippets/ (slim/ imports these too). */
const snippets = fs.readdirSync(path.join(PKG, 'web', 'snippets'), { recursive: true })
  .filter((f) => f.endsWith('.js'))
  .map((f) => path.join('web', 'snippets', f));
if (glue.length < 10 || snippets.length === 0) fail(`found ${glue.length} glue files and ${snippets.length} snippets: the build's output changed`);

/** The names a module exports, from a module namespace that is not loaded: its export statements. */
const exportsOf = (text) => {
  const names = new Set();
  for (const m of text.matchAll(/^export (?:async )?(?:function\*? |const |let |class )(\w+)/gm)) names.add(m[1]);
  for (const m of text.matchAll(/^export \{([^}]*)\}/gm)) {
    for (const item of m[1].split(',')) {
      const name = item.trim().split(/\s+as\s+/).pop();
      if (name) names.add(name);
    }
  }
  if (/^export default /m.test(text)) names.add('default');
  return [...names].sort().join(', ');
};

let before = 0;
let after = 0;
for (const file of [...glue, ...snippets]) {
  const full = path.join(PKG, file);
  const text = fs.readFileSync(full, 'utf8');
  const header = text.match(/^\/\* @ts-self-types="[^"\n]*" \*\/\n/)?.[0] ?? '';
  if (file.startsWith('web/market_validation_') && !header) fail(`${file} has no @ts-self-types header: wasm-bindgen's output changed`);
  let code;
  try {
    code = transformSync(text.slice(header.length), { loader: 'js', legalComments: 'none', logLevel: 'silent' }).code;
  } catch (e) {
    fail(`${file} does not parse: ${e.message}`);
  }
  if (exportsOf(code) !== exportsOf(text)) fail(`${file}: exports ${exportsOf(code)} after, ${exportsOf(text)} before`);
  fs.writeFileSync(full, header + code);
  before += text.length;
  after += header.length + code.length;
}
console.log(`[ship-js] ${glue.length} glue files and ${snippets.length} snippets without comments: ${before.toLocaleString('en-US')} -> ${after.toLocaleString('en-US')} characters`);
