// A flattened GA4 export of about 1 GB, read as bytes by analyzeEventsCsv()
// (pkg/node): time and peak memory. Prints figures; it is not a test.
//
//   node bench/ga4-csv.mjs [--mb 1000] [--runs R] [--seed S] [--regen]
//
// Run `bash scripts/build.sh` first. The parent process:
//   - writes bench/out/ga4-<MB>mb.csv (gitignored) unless it exists with the
//     same size and seed (--regen to remake it): the columns of a query over
//     GA4's BigQuery export (event_date YYYYMMDD, event_timestamp in
//     microseconds, event_name, user_pseudo_id, user_id set on about a third
//     of the rows, ga_session_id, platform, geo.country), 180 days, one
//     pseudo id per 12 events, rows in time order as the export writes them;
//   - runs the analysis in a child process (so its peak memory is its own):
//     the file read into one Uint8Array, then analyzeEventsCsv(bytes), 1
//     warm-up and R timed runs (default 3), gc() before each, the median;
//     peak RSS is the kernel's high-water mark (process.resourceUsage().maxRSS)
//     and the wasm memory's size after the runs;
//   - prints the table: file size, rows, time, MB/s, rows/s, peak RSS, peak /
//     file size, wasm memory; and the result's columns, unit, identity and
//     counts, against the generator's.
//
// MV_NODE_ENTRY=path/to/market_validation.js benchmarks another CommonJS build.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { prng } from './prng.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const MB = Number(opt('mb', '1000'));
const RUNS = Number(opt('runs', '3'));
const SEED = Number(opt('seed', '20261206'));

/** Writes the CSV in chunks; returns { rows, events, users }. */
function generate(file) {
  const random = prng(SEED);
  const target = MB * 1e6;
  const fd = fs.openSync(file, 'w');
  const header = 'event_date,event_timestamp,event_name,user_pseudo_id,user_id,ga_session_id,platform,geo.country\n';
  fs.writeSync(fd, header);
  let written = header.length;
  let rows = 0;
  const names = ['page_view', 'session_start', 'user_engagement', 'scroll', 'file_upload', 'project_created'];
  const countries = ['United States', 'Germany', 'India', 'Brazil', 'France'];
  const day0 = Date.UTC(2026, 4, 6);
  const estimatedRows = Math.round(target / 118);
  const users = Math.max(1, Math.round(estimatedRows / 12));
  let chunk = '';
  while (written < target) {
    // Time order across the window, with the pseudo ids drawn at random.
    const t = day0 + Math.floor((rows / estimatedRows) * 180 * 86_400_000) + Math.floor(random() * 1000);
    const u = Math.floor(random() * users);
    const d = new Date(t);
    const date = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
    const line = `${date},${t * 1000 + Math.floor(random() * 1000)},${names[Math.floor(random() * names.length)]},`
      + `${1_000_000_000 + u}.${1_600_000_000 + (u % 97_000)},${u % 3 === 0 ? `u${u}` : ''},`
      + `${1_700_000_000 + Math.floor(t / 1_800_000)},WEB,${countries[u % countries.length]}\n`;
    chunk += line;
    written += line.length;
    rows++;
    if (chunk.length > 1 << 22) {
      fs.writeSync(fd, chunk);
      chunk = '';
    }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
  return { rows, bytes: written, users };
}

if (args[0] === '--child') {
  const file = args[1];
  const require = createRequire(import.meta.url);
  // Each instance's memory, to read its size after the runs.
  const memories = [];
  const Instance = WebAssembly.Instance;
  WebAssembly.Instance = function (module, imports) {
    const instance = new Instance(module, imports);
    if (instance.exports.memory) memories.push(instance.exports.memory);
    return instance;
  };
  const entry = process.env.MV_NODE_ENTRY ?? path.join(here, '..', 'pkg', 'node', 'market_validation.js');
  const mv = require(entry);
  const bytes = new Uint8Array(fs.readFileSync(file));
  const times = [];
  let result;
  for (let i = 0; i <= RUNS; i++) {
    globalThis.gc?.();
    const start = performance.now();
    result = mv.analyzeEventsCsv(bytes);
    const ms = performance.now() - start;
    if (i > 0) times.push(ms);
  }
  times.sort((a, b) => a - b);
  const wasmBytes = memories.length ? Math.max(...memories.map((m) => m.buffer.byteLength)) : null;
  process.stdout.write(JSON.stringify({
    medianMs: times[Math.floor(times.length / 2)],
    times,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    wasmBytes,
    events: result.analysis.events,
    users: result.analysis.users,
    skipped: result.skipped.count,
    user: result.userColumn.header,
    time: result.timeColumn.header,
    timeFormat: result.timeFormat,
    identity: result.identity,
  }));
  process.exit(0);
}

fs.mkdirSync(path.join(here, 'out'), { recursive: true });
const file = path.join(here, 'out', `ga4-${MB}mb.csv`);
const sidecar = `${file}.json`;
let made = fs.existsSync(sidecar) ? JSON.parse(fs.readFileSync(sidecar, 'utf8')) : null;
if (args.includes('--regen') || !made || made.seed !== SEED || !fs.existsSync(file)) {
  const start = performance.now();
  made = { ...generate(file), seed: SEED };
  fs.writeFileSync(sidecar, JSON.stringify(made));
  console.log(`wrote ${file}: ${made.rows.toLocaleString('en-US')} rows, ${(made.bytes / 1e6).toFixed(0)} MB in ${((performance.now() - start) / 1000).toFixed(1)} s`);
}
const child = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=6144', fileURLToPath(import.meta.url), '--child', file, '--runs', String(RUNS)],
  { encoding: 'utf8', maxBuffer: 1 << 24, env: process.env });
if (child.status !== 0) {
  console.error(child.stderr || child.stdout);
  process.exit(1);
}
const r = JSON.parse(child.stdout);
const size = fs.statSync(file).size;
const mb = (n) => `${(n / 1e6).toFixed(0)} MB`;
console.log(`\nanalyzeEventsCsv(bytes) on ${path.basename(file)}: ${mb(size)}, ${made.rows.toLocaleString('en-US')} rows (median of ${RUNS} after 1 warm-up)`);
console.log(`  time        ${(r.medianMs / 1000).toFixed(2)} s  (runs: ${r.times.map((t) => (t / 1000).toFixed(2)).join(', ')})`);
console.log(`  throughput  ${(size / 1e6 / (r.medianMs / 1000)).toFixed(0)} MB/s, ${(made.rows / (r.medianMs / 1000) / 1e6).toFixed(2)}M rows/s`);
console.log(`  peak RSS    ${mb(r.maxRssBytes)}  (${(r.maxRssBytes / size).toFixed(2)}x the file; the file's own Uint8Array included)`);
console.log(`  wasm memory ${r.wasmBytes == null ? 'n/a' : mb(r.wasmBytes)}`);
console.log(`  read as     user ${r.user}, time ${r.time} (${r.timeFormat}); identity ${r.identity.method}: ${r.identity.ids.toLocaleString('en-US')} ids -> ${r.identity.users.toLocaleString('en-US')} users, ${r.identity.idsMerged.toLocaleString('en-US')} linked`);
console.log(`  counts      ${r.events.toLocaleString('en-US')} events (generated ${made.rows.toLocaleString('en-US')}), ${r.skipped} rows skipped`);
