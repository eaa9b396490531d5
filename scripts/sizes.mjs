// The size of each part of the built package (pkg/web): its .wasm, its JS
// bindings and the JS snippets they import, raw, gzip -9 and brotli
// (quality 11), against the budgets in scripts/size-budget.json.
//
//   node scripts/sizes.mjs            prints the table (scripts/build.sh runs this)
//   node scripts/sizes.mjs --check    also one check per part: its .wasm, gzipped, at most
//                                     10% over its budget; and one per goal: a part in all
//                                     (.wasm, bindings, snippets: what a browser downloads
//                                     to use it), gzipped, at most the goal, no tolerance;
//                                     ends with "N passed, M failed"
//
// A change that makes a part bigger on purpose raises its budget in the same
// commit; the budget is the gzip size, as a browser downloads it. A goal is
// a limit the project set itself (issue 21: the score part, all it needs to
// show a score, at most 120 KB gzip): it is not raised to fit a change.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'pkg', 'web');
const budgets = JSON.parse(fs.readFileSync(path.join(root, 'scripts', 'size-budget.json'), 'utf8'));
const TOLERANCE = 1.1;

/** What each part is made of, in pkg/web. */
const PARTS = {
  score: ['market_validation_score_bg.wasm', 'market_validation_score.js'],
  analyses: ['market_validation_analyses_bg.wasm', 'market_validation_analyses.js'],
  all: ['market_validation_bg.wasm', 'market_validation_all.js'],
  readers: ['market_validation_readers_bg.wasm', 'market_validation_readers.js'],
  parquet: ['market_validation_parquet_bg.wasm', 'market_validation_parquet.js'],
};
/** The snippets a part's bindings import (pkg/web/snippets/...), each once. @param {string} glue */
const snippetsOf = (glue) => [...new Set([...fs.readFileSync(path.join(web, glue), 'utf8')
  .matchAll(/\bfrom\s*['"]\.\/(snippets\/[^'"]+\.js)['"]/g)].map((m) => m[1]))].sort();
/** Text only the Parquet reader holds (the parquet crate's own messages): in its part, in no other. */
const PARQUET_MARK = Buffer.from('Invalid Parquet file');

/** @param {Buffer} bytes */
const sizes = (bytes) => ({
  raw: bytes.length,
  gzip: zlib.gzipSync(bytes, { level: 9 }).length,
  brotli: zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});
const n = (/** @type {number} */ x) => x.toLocaleString('en-US');

const rows = [];
/** Each part in all (its .wasm, bindings and snippets, each file gzipped alone, as served): bytes. */
const totals = {};
for (const [part, files] of Object.entries(PARTS)) {
  const snippets = snippetsOf(files[1]);
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const file of [...files, ...snippets]) {
    const s = sizes(fs.readFileSync(path.join(web, file)));
    for (const k of /** @type {const} */ (['raw', 'gzip', 'brotli'])) total[k] += s[k];
    const shown = file.startsWith('snippets/') ? `+ ${path.basename(file)}` : file;
    rows.push([part, shown, n(s.raw), n(s.gzip), n(s.brotli), file.endsWith('.wasm') ? budgetText(part, s.gzip) : '']);
  }
  totals[part] = total.gzip;
  rows.push([part, 'in all', n(total.raw), n(total.gzip), n(total.brotli), goalText(part, total.gzip)]);
}

/** @param {string} part @param {number} gzip */
function budgetText(part, gzip) {
  const budget = budgets.gzip?.[part];
  return budget ? `${n(budget)} (${((gzip / budget) * 100).toFixed(0)}%)` : 'none';
}

/** @param {string} part @param {number} gzip */
function goalText(part, gzip) {
  const goal = budgets.goals?.[part]?.gzip;
  return goal ? `goal ${n(goal)} (${((gzip / goal) * 100).toFixed(0)}%)` : '';
}

const header = ['part', 'file', 'raw', 'gzip', 'brotli', 'gzip budget'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (/** @type {string[]} */ r) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(`[sizes] pkg/web, bytes (budgets: scripts/size-budget.json, +${Math.round((TOLERANCE - 1) * 100)}% allowed)`);
console.log(line(header));
for (const r of rows) console.log(line(r));
for (const [part, goal] of Object.entries(budgets.goals ?? {})) {
  console.log(`[sizes] goal: ${part} in all at most ${n(goal.gzip)} bytes gzip (${goal.why}); now ${n(totals[part])}`);
}

if (process.argv.includes('--check')) {
  let passed = 0;
  let failed = 0;
  for (const [part, [wasm]] of Object.entries(PARTS)) {
    const gzip = sizes(fs.readFileSync(path.join(web, wasm))).gzip;
    const budget = budgets.gzip?.[part];
    const ok = typeof budget === 'number' && gzip <= budget * TOLERANCE;
    if (ok) passed++;
    else failed++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${part}: ${wasm} is ${n(gzip)} bytes gzip; budget ${budget === undefined ? 'missing' : `${n(budget)}, at most ${n(Math.floor(budget * TOLERANCE))}`}`);
    // The Parquet reader is loaded only for a Parquet file: in its own part alone.
    const holds = fs.readFileSync(path.join(web, wasm)).includes(PARQUET_MARK);
    const right = holds === (part === 'parquet');
    if (right) passed++;
    else failed++;
    console.log(`${right ? 'ok  ' : 'FAIL'} ${part}: ${holds ? 'holds' : 'does not hold'} the Parquet reader`);
  }
  for (const [part, goal] of Object.entries(budgets.goals ?? {})) {
    const ok = typeof goal.gzip === 'number' && totals[part] !== undefined && totals[part] <= goal.gzip;
    if (ok) passed++;
    else failed++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${part} in all (.wasm, bindings, snippets) is ${n(totals[part] ?? NaN)} bytes gzip; goal at most ${n(goal.gzip)}`);
  }
  console.log(`${passed} passed, ${failed} failed`);
  if (failed) process.exitCode = 1;
}
