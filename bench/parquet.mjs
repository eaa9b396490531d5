// Parquet readers side by side (issue 18): which one the package should
// load when a Parquet file comes.
//
//   (a) Rust: the `parquet` crate, default features off, the pure-Rust
//       codecs that build for wasm32-unknown-unknown here (snappy by `snap`,
//       gzip by flate2 on miniz_oxide, lz4 by lz4_flex; zstd's crate wraps
//       the C library, which needs clang for wasm32: not built), compiled
//       into a wasm module (bench/parquet-rs) by wasm-bindgen and wasm-opt
//       -Oz as scripts/build.sh does; and, once built, the package's own
//       `parquet` part beside the `readers` part it extends.
//   (b) hyparquet from npm with the codecs of hyparquet-compressors that the
//       Rust build has (gzip, lz4) and zstd (fzstd): bundled and minified by
//       esbuild, as a page would ship it.
//
// Sizes: raw and gzip -9. Speed, in this Node process: each file read to
// the three columns analyzeEvents needs (user ids and event names as text,
// times as numbers), the bytes handed over as a Uint8Array; the median of
// --rounds runs after one warm-up. The files are written by DuckDB
// (tools/engines-venv, scripts/setup.sh): N events of user_id (VARCHAR),
// event_ts (TIMESTAMP) and event_name (VARCHAR, 12 names), snappy and zstd,
// DuckDB's default row groups; kept in bench/out.
//
//   node bench/parquet.mjs [--events 1000000,10000000] [--rounds 5] [--fresh]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { commandLine } from './cli.mjs';
import { median } from './compare.mjs';
import { table } from './table.mjs';

const SCRIPT = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SCRIPT), '..');
const OUT = path.join(ROOT, 'bench', 'out');
const PYTHON = path.join(ROOT, 'tools', 'engines-venv', 'bin', 'python');
const TOOLS = path.join(ROOT, 'tools', 'node_modules');
const CRATE = path.join(ROOT, 'bench', 'parquet-rs');
const TARGET = path.join(ROOT, 'target', 'parquet-bench');

const USAGE = 'usage: node bench/parquet.mjs [--events N,N] [--rounds R] [--fresh]';
const WITH_VALUE = new Set(['events', 'rounds']);
const { flag, opt, int } = commandLine(SCRIPT, USAGE, new Set([...WITH_VALUE, 'fresh', 'help']), WITH_VALUE);
const SIZES = (opt('events') ?? '1000000,10000000').split(',').map(Number);
const ROUNDS = int('rounds', 5, 1);
const CODECS = ['snappy', 'zstd'];
const COLUMNS = ['user_id', 'event_ts', 'event_name'];

const log = (s) => process.stderr.write(`${s}\n`);
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const msSince = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const gzipSize = (bytes) => zlib.gzipSync(bytes, { level: 9 }).length;
function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (status ${r.status})`);
}

// ------------------------------------------------------------------ files

function parquetFile(events, codec) {
  const file = path.join(OUT, `parquet-${events}-${codec}.parquet`);
  if (!flag('fresh') && fs.existsSync(file)) return file;
  fs.mkdirSync(OUT, { recursive: true });
  log(`writing ${events.toLocaleString('en-US')} events with ${codec} into ${path.relative(ROOT, file)} (DuckDB) ...`);
  const users = Math.max(1, Math.round(events / 20));
  const sql = `COPY (SELECT 'u' || (hash(i, 1) % ${users}) AS user_id,
      TIMESTAMP '2026-01-01' + to_microseconds(CAST(hash(i, 2) % (90 * 86400000000) AS BIGINT)) AS event_ts,
      'event_' || (hash(i, 3) % 12) AS event_name
    FROM range(${events}) t(i)) TO '${file.replaceAll("'", "''")}' (FORMAT parquet, COMPRESSION ${codec})`;
  run(PYTHON, ['-c', 'import duckdb, sys; c = duckdb.connect(); c.execute("SET enable_progress_bar = false"); c.execute(sys.argv[1])', sql]);
  return file;
}

// ------------------------------------------------------------ candidates

/** Builds bench/parquet-rs as scripts/build.sh builds a part; its Node bindings and sizes. */
function rustCandidate() {
  run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--manifest-path', path.join(CRATE, 'Cargo.toml')],
    { CARGO_TARGET_DIR: TARGET });
  const pkg = path.join(TARGET, 'pkg');
  run('wasm-bindgen', ['--target', 'nodejs', '--out-dir', pkg, path.join(TARGET, 'wasm32-unknown-unknown', 'release', 'parquet_bench.wasm')]);
  const wasm = path.join(pkg, 'parquet_bench_bg.wasm');
  run(path.join(TOOLS, '.bin', 'wasm-opt'), ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
    '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue', wasm, '-o', wasm]);
  const bytes = fs.readFileSync(wasm);
  const mod = createRequire(import.meta.url)(path.join(pkg, 'parquet_bench.js'));
  return {
    raw: bytes.length,
    gzip: gzipSize(bytes),
    read: (file) => mod.read_columns(file, COLUMNS),
  };
}

/** hyparquet with the codecs the Rust build has, and zstd: bundled and minified, then loaded. */
async function hyparquetCandidate() {
  const dir = path.join(OUT, 'hyparquet-bundle');
  fs.mkdirSync(dir, { recursive: true });
  const entry = path.join(dir, 'entry.mjs');
  const src = (p) => JSON.stringify(path.join(TOOLS, p));
  fs.writeFileSync(entry, [
    `export { parquetRead, parquetMetadata } from ${src('hyparquet/src/index.js')};`,
    `import { decompress } from ${src('fzstd/esm/index.mjs')};`,
    `import { gunzip } from ${src('hyparquet-compressors/src/gzip.js')};`,
    `import { decompressLz4, decompressLz4Raw } from ${src('hyparquet-compressors/src/lz4.js')};`,
    'export const compressors = {',
    '  ZSTD: (input) => decompress(input),',
    '  GZIP: (input, length) => gunzip(input, new Uint8Array(length)),',
    '  LZ4: (input, length) => decompressLz4(input, length),',
    '  LZ4_RAW: (input, length) => decompressLz4Raw(input, length),',
    '};',
  ].join('\n'));
  const bundle = path.join(dir, 'hyparquet.min.mjs');
  run(path.join(TOOLS, '.bin', 'esbuild'), [entry, '--bundle', '--minify', '--format=esm', '--platform=browser', `--outfile=${bundle}`, '--log-level=warning']);
  const core = path.join(dir, 'core.min.mjs');
  run(path.join(TOOLS, '.bin', 'esbuild'), [path.join(TOOLS, 'hyparquet/src/index.js'), '--bundle', '--minify', '--format=esm',
    '--platform=browser', `--outfile=${core}`, '--log-level=warning']);
  const bytes = fs.readFileSync(bundle);
  const { parquetRead, compressors } = await import(pathToFileURL(bundle).href);
  return {
    raw: bytes.length,
    gzip: gzipSize(bytes),
    coreGzip: gzipSize(fs.readFileSync(core)),
    read: async (file) => {
      const buffer = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength);
      const columns = Object.fromEntries(COLUMNS.map((c) => [c, []]));
      await parquetRead({
        file: buffer, columns: COLUMNS, compressors,
        onChunk: ({ columnName, columnData }) => { columns[columnName].push(columnData); },
      });
      // Times as numbers (hyparquet gives Date objects), the texts as they come.
      let rows = 0;
      for (const chunk of columns.event_ts) {
        const times = new Float64Array(chunk.length);
        for (let i = 0; i < chunk.length; i += 1) times[i] = +chunk[i];
        rows += times.length;
      }
      return [rows];
    },
  };
}

// ------------------------------------------------------------------ timing

async function time(read, bytes) {
  await read(bytes);
  const ms = [];
  for (let r = 0; r < ROUNDS; r += 1) {
    const t0 = process.hrtime.bigint();
    await read(bytes);
    ms.push(msSince(t0));
  }
  return median(ms);
}

async function attempt(read, bytes) {
  try {
    return { ms: await time(read, bytes) };
  } catch (e) {
    return { error: String(e.message ?? e).split('\n')[0].slice(0, 60) };
  }
}

log('building the Rust candidate (bench/parquet-rs) ...');
const rust = rustCandidate();
const hy = await hyparquetCandidate();

const partSize = (name) => {
  const file = path.join(ROOT, 'pkg', 'web', `market_validation_${name}_bg.wasm`);
  return fs.existsSync(file) ? gzipSize(fs.readFileSync(file)) : null;
};
const sizeRows = [
  ['Rust: parquet crate (snappy, gzip, lz4) alone, wasm-opt -Oz', kb(rust.raw), kb(rust.gzip)],
  ['hyparquet core (snappy), esbuild --minify', '', kb(hy.coreGzip)],
  ['hyparquet + gzip, lz4, zstd (fzstd), esbuild --minify', kb(hy.raw), kb(hy.gzip)],
];
const [readers, parquetPart] = [partSize('readers'), partSize('parquet')];
if (readers != null && parquetPart != null) {
  sizeRows.push(['package: `parquet` part (gzip) - `readers` part (gzip)', '', kb(parquetPart - readers)]);
}
table('Size of the reader (raw, gzip -9)', ['candidate', 'raw', 'gzip'], sizeRows);
console.log(`  gzip ratio Rust / hyparquet with the same codecs and zstd: ${(rust.gzip / hy.gzip).toFixed(1)}x`);

const rows = [];
for (const events of SIZES) {
  for (const codec of CODECS) {
    const file = parquetFile(events, codec);
    const bytes = new Uint8Array(fs.readFileSync(file));
    log(`reading ${path.relative(ROOT, file)}, ${ROUNDS} rounds each ...`);
    const r = await attempt(rust.read, bytes);
    const h = await attempt(hy.read, bytes);
    rows.push([`${events.toLocaleString('en-US')} events, ${codec}`, `${(bytes.length / 2 ** 20).toFixed(1)} MiB`,
      r.ms != null ? fmtMs(r.ms) : `fails: ${r.error}`, h.ms != null ? fmtMs(h.ms) : `fails: ${h.error}`,
      r.ms != null && h.ms != null ? `${(h.ms / r.ms).toFixed(1)}x` : '-']);
  }
}
table(`Reading user_id, event_ts, event_name (median of ${ROUNDS} after a warm-up; Node ${process.version}, ${os.cpus().length} cores)`,
  ['file', 'size', 'Rust (wasm)', 'hyparquet', 'hyparquet / Rust'], rows);
console.log(`  load average ${os.loadavg().map((l) => l.toFixed(1)).join(', ')} (1, 5, 15 min)`);
