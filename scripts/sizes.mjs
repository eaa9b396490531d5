// The size of each part of the built package (pkg/web): its .wasm and its
// JS bindings, raw, gzip -9 and brotli (quality 11), against the budgets in
// scripts/size-budget.json.
//
//   node scripts/sizes.mjs            prints the table (scripts/build.sh runs this)
//   node scripts/sizes.mjs --check    also one check per part: its .wasm, gzipped, at most
//                                     10% over its budget; ends with "N passed, M failed"
//
// A change that makes a part bigger on purpose raises its budget in the same
// commit; the budget is the gzip size, as a browser downloads it.
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
for (const [part, files] of Object.entries(PARTS)) {
  for (const file of files) {
    const s = sizes(fs.readFileSync(path.join(web, file)));
    rows.push([part, file, n(s.raw), n(s.gzip), n(s.brotli), file.endsWith('.wasm') ? budgetText(part, s.gzip) : '']);
  }
}

/** @param {string} part @param {number} gzip */
function budgetText(part, gzip) {
  const budget = budgets.gzip?.[part];
  return budget ? `${n(budget)} (${((gzip / budget) * 100).toFixed(0)}%)` : 'none';
}

const header = ['part', 'file', 'raw', 'gzip', 'brotli', 'gzip budget'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (/** @type {string[]} */ r) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(`[sizes] pkg/web, bytes (budgets: scripts/size-budget.json, +${Math.round((TOLERANCE - 1) * 100)}% allowed)`);
console.log(line(header));
for (const r of rows) console.log(line(r));

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
  console.log(`${passed} passed, ${failed} failed`);
  if (failed) process.exitCode = 1;
}
