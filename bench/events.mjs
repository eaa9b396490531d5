#!/usr/bin/env node
// Side-by-side benchmark of analyzeEvents() (pkg/node, the CommonJS build)
// against the same analysis natively (examples/bench_events_native.rs) and in
// SQL with DuckDB-Wasm (bench/events-duckdb.mjs), on the events that
// bench/events-data.mjs generates; and a check that ours and DuckDB agree.
//
//   node bench/events.mjs [--sizes 1m,10m] [--skip-duckdb] [--runs R] [--seed S]
//                         [--native-profile release|bench-native] [--no-build]
//
// Run `bash scripts/build.sh` first (pkg/), and `npm ci` in tools/ (DuckDB-Wasm
// and apache-arrow). The parent builds the native example itself
// (`cargo build --release --example bench_events_native`; --no-build uses the
// binary as it is). Sizes: 1m = 1,000,000 events / 100,000 users, 10m =
// 10,000,000 events / 1,000,000 users (any N[k|m] works: users = events / 10),
// 180 days, seed 20240601. For each size the parent:
//   - generates the arrays once and writes bench/out/events-<N>.bin
//     (gitignored): u64 LE count N, N u32 LE user ids, N f64 LE timestamps;
//   - runs each contender in a child process of its own, so that its peak RSS
//     (the kernel's high-water mark) is its own; each child reads the .bin
//     file straight into its typed arrays (nothing else held):
//       ours    node bench/events.mjs --child ours --file F: analyzeEvents(ids,
//               times) on the Uint32Array / Float64Array, 1 warm-up then R runs
//               (default 5), median; RSS before the first call (after a gc)
//               and process.resourceUsage().maxRSS after the runs;
//       native  target/<profile>/examples/bench_events_native --input F --runs R:
//               the same Rust function natively, 1 warm-up then R runs;
//       duckdb  node bench/events.mjs --child duckdb --file F: load into DuckDB
//               + the three queries (daily actives, weekly cohort matrix, growth
//               accounting), one cold round then R warm rounds, warm median;
//   - asserts that our daily actives / new users, weekly cohort matrix (cohort
//     sizes, active users per cohort and offset) and growth accounting equal
//     DuckDB's (first difference printed, exit 1 at the end), and that ours and
//     native count the same users;
//   - prints the table (times, DuckDB / ours, ours / native, RSS before, peak
//     RSS, peak growth against the input arrays) and the issue's goals: 10M
//     events in under 1 s in wasm, >= 3x faster than DuckDB-Wasm (load +
//     queries), within 1.5x of native, peak memory growth < 2x the input arrays.
//
// Times are of the whole call as a user makes it: ours includes copying the
// typed arrays into wasm memory and building the JS result; DuckDB's includes
// loading the arrays (Arrow IPC) since it must hold them in its own tables.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { generateEvents, dayOf, weekOfDay, DAY_MS, DEFAULTS } from './events-data.mjs';
import { table } from './table.mjs';

const SCRIPT = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SCRIPT), '..');
const NODE_ENTRY = process.env.MV_NODE_ENTRY ? path.resolve(process.env.MV_NODE_ENTRY)
  : path.join(ROOT, 'pkg', 'node', 'market_validation.js');
const OUT = path.join(ROOT, 'bench', 'out');
const RESULT_TAG = '@@events-bench-result ';

// ------------------------------------------------------------ arguments

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
function opt(name, fallback) {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  if (i + 1 >= argv.length) usage(`--${name} needs a value`);
  return argv[i + 1];
}
function int(name, fallback, min) {
  const raw = opt(name, undefined);
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min) usage(`--${name} needs a whole number >= ${min}`);
  return v;
}
function usage(message) {
  console.error(`bench/events.mjs: ${message}\nusage: node bench/events.mjs [--sizes 1m,10m] [--skip-duckdb] [--runs R] ` +
    '[--seed S] [--native-profile release|bench-native] [--no-build]');
  process.exit(2);
}
const KNOWN = new Set(['sizes', 'skip-duckdb', 'runs', 'seed', 'native-profile', 'no-build', 'child', 'file', 'help']);
const RUNS = int('runs', 5, 1);

// ------------------------------------------------------------ helpers

const fmtInt = (n) => Math.round(n).toLocaleString('en-US');
const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(3)} s` : `${ms.toFixed(1)} ms`);
const fmtMiB = (kib) => (kib == null || !Number.isFinite(kib) ? '-' : `${fmtInt(kib / 1024)} MiB`);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const gc = typeof globalThis.gc === 'function' ? globalThis.gc : () => {};
const rssKiB = () => Math.round(process.memoryUsage.rss() / 1024);

/** Parses 1m, 10m, 250k, 2000000: events, users = events / 10. */
function parseSize(s) {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(s.trim());
  if (!m) usage(`--sizes takes a list like 1m,10m, not ${s}`);
  const events = Math.round(Number(m[1]) * ({ '': 1, k: 1e3, m: 1e6 }[m[2].toLowerCase()]));
  if (!(events >= 10)) usage(`size ${s}: at least 10 events`);
  return { label: s.trim().toLowerCase(), events, users: Math.max(1, Math.round(events / 10)), days: 180 };
}

// ------------------------------------------------------------ the binary file

/** Writes u64 LE count N, N u32 LE ids, N f64 LE timestamps. */
function writeBin(file, userIds, timestamps) {
  if (os.endianness() !== 'LE') throw new Error('the .bin format is little-endian; this machine is not');
  const head = Buffer.alloc(8);
  head.writeBigUInt64LE(BigInt(userIds.length));
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, head);
    for (const a of [userIds, timestamps]) {
      const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
      for (let at = 0; at < bytes.length;) at += fs.writeSync(fd, bytes, at, Math.min(1 << 28, bytes.length - at));
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads the file straight into a Uint32Array and a Float64Array (no other copy). */
function readBin(file) {
  if (os.endianness() !== 'LE') throw new Error('the .bin format is little-endian; this machine is not');
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(8);
    if (fs.readSync(fd, head, 0, 8, 0) !== 8) throw new Error(`${file}: no 8-byte count`);
    const n = Number(head.readBigUInt64LE());
    const size = fs.fstatSync(fd).size;
    if (size !== 8 + 12 * n) throw new Error(`${file}: ${size} bytes, but ${n} events need ${8 + 12 * n}`);
    const userIds = new Uint32Array(n);
    const timestamps = new Float64Array(n);
    let pos = 8;
    for (const a of [userIds, timestamps]) {
      const bytes = new Uint8Array(a.buffer);
      for (let at = 0; at < bytes.length;) {
        const got = fs.readSync(fd, bytes, at, Math.min(1 << 28, bytes.length - at), pos);
        if (got <= 0) throw new Error(`${file}: short read`);
        at += got; pos += got;
      }
    }
    return { userIds, timestamps };
  } finally {
    fs.closeSync(fd);
  }
}

// ------------------------------------------------------------ ours -> DuckDB's shape

const isoDate = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const weekStartDate = (week) => isoDate(week * 7 - 3);
function dayOfDate(date, where) {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !Number.isFinite(ms)) throw new Error(`ours: ${where}: not a YYYY-MM-DD date: ${date}`);
  return dayOf(ms);
}

/**
 * Our analyzeEvents() result as bench/events-duckdb.mjs's { daily, cohorts,
 * growth }. Throws on anything the adapter cannot map one to one (a cohort or
 * growth period that does not start on a Monday, cells not at offsets 0, 1,
 * 2, ...), so that a difference cannot hide in it.
 */
export function oursAsDuck(r) {
  if (r.cohorts?.period !== 'week') throw new Error(`ours: cohorts.period is ${r.cohorts?.period}, not week`);
  if (r.cohorts?.window !== 'calendar') throw new Error(`ours: cohorts.window is ${r.cohorts?.window}, not calendar`);
  const daily = r.daily.map((d, i) => {
    const day = dayOfDate(d.date, `daily[${i}]`);
    return { day, date: isoDate(day), dau: d.active, newUsers: d.newUsers };
  });
  const weekOf = (start, where) => {
    const day = dayOfDate(start, where);
    const week = weekOfDay(day);
    if (weekStartDate(week) !== start) throw new Error(`ours: ${where}.start ${start} is not a Monday (week of ${weekStartDate(week)})`);
    return week;
  };
  const cohorts = r.cohorts.rows.map((row, i) => {
    const week = weekOf(row.start, `cohorts.rows[${i}]`);
    const active = row.cells.map((c, k) => {
      if (c.offset !== k) throw new Error(`ours: cohorts.rows[${i}] (${row.start}).cells[${k}].offset is ${c.offset}, not ${k}`);
      return c.active;
    });
    return { week, weekStart: weekStartDate(week), size: row.size, active };
  });
  const growth = r.growth.map((g, i) => {
    const week = weekOf(g.start, `growth[${i}]`);
    return {
      week, weekStart: weekStartDate(week),
      active: g.active, new: g.newUsers, retained: g.retained, resurrected: g.resurrected, churned: g.churned,
    };
  });
  return { daily, cohorts, growth };
}

// ------------------------------------------------------------ children

function loadOurs() {
  if (!fs.existsSync(NODE_ENTRY)) {
    return { error: `${path.relative(ROOT, NODE_ENTRY)} is missing: pkg/ is not built; run bash scripts/build.sh` };
  }
  const mv = createRequire(import.meta.url)(NODE_ENTRY);
  if (typeof mv.analyzeEvents !== 'function') {
    return { error: `analyzeEvents is not exported by ${path.relative(ROOT, NODE_ENTRY)}: rebuild with bash scripts/build.sh` };
  }
  return { mv };
}

function emit(result) {
  process.stdout.write(`${RESULT_TAG}${JSON.stringify(result)}\n`);
}

async function childOurs(file) {
  const { mv, error } = loadOurs();
  if (error) { console.error(`bench/events.mjs: ${error}`); process.exit(3); }
  const { userIds, timestamps } = readBin(file);
  const inputBytes = userIds.byteLength + timestamps.byteLength;
  gc();
  const rssBeforeKiB = rssKiB();
  const runsMs = [];
  let last = null;
  for (let i = 0; i <= RUNS; i++) {
    last = null;
    gc();
    const t0 = process.hrtime.bigint();
    last = mv.analyzeEvents(userIds, timestamps);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (i > 0) runsMs.push(ms);
    process.stderr.write(`  ours: ${i === 0 ? 'warm-up' : `run ${i}/${RUNS}`} ${fmtMs(ms)}\n`);
  }
  const maxRssKiB = process.resourceUsage().maxRSS;
  if (last.events !== userIds.length) throw new Error(`ours: events ${last.events}, expected ${userIds.length}`);
  emit({
    events: last.events, users: last.users, firstDate: last.firstDate, asOf: last.asOf,
    medianMs: median(runsMs), runsMs, inputBytes, rssBeforeKiB, maxRssKiB,
    results: oursAsDuck(last),
  });
}

async function childDuck(file) {
  const { openDuckDB, runDuckDB, checkGrowthIdentities } = await import('./events-duckdb.mjs');
  const { userIds, timestamps } = readBin(file);
  gc();
  const rssArraysKiB = rssKiB();
  let t = performance.now();
  const duck = await openDuckDB();
  const openMs = performance.now() - t;
  gc();
  const rssBeforeKiB = rssKiB();
  const rounds = [];
  let results = null;
  for (let i = 0; i <= RUNS; i++) {
    results = null;
    gc();
    const out = await runDuckDB(userIds, timestamps, { duck });
    results = out.results;
    rounds.push(out.ms);
    const m = out.ms;
    process.stderr.write(`  duckdb: ${i === 0 ? 'cold   ' : `run ${i}/${RUNS}`} ${fmtMs(m.total)} ` +
      `(load ${fmtMs(m.load)}, daily ${fmtMs(m.daily)}, cohorts ${fmtMs(m.cohorts)}, growth ${fmtMs(m.growth)})\n`);
  }
  checkGrowthIdentities(results.growth);
  const warm = rounds.slice(1);
  const med = (k) => median(warm.map((m) => m[k]));
  const maxRssKiB = process.resourceUsage().maxRSS;
  const wasmBytes = duck.wasmBytes();
  const version = `${duck.version} (${duck.bundle})`;
  duck.close();
  emit({
    version, openMs, coldMs: rounds[0].total, runsMs: warm.map((m) => m.total),
    medianMs: med('total'), loadMs: med('load'), dailyMs: med('daily'), cohortsMs: med('cohorts'),
    growthMs: med('growth'), queriesMs: med('queries'),
    rssArraysKiB, rssBeforeKiB, maxRssKiB, wasmBytes, results,
  });
}

async function child(mode, file) {
  if (!file) usage('--child needs --file');
  if (mode === 'ours') await childOurs(file);
  else if (mode === 'duckdb') await childDuck(file);
  else usage(`--child takes ours or duckdb, not ${mode}`);
}

// ------------------------------------------------------------ parent

function parseTagged(stdout) {
  const line = (stdout || '').split('\n').find((l) => l.startsWith(RESULT_TAG));
  return line ? JSON.parse(line.slice(RESULT_TAG.length)) : null;
}

function runNodeChild(mode, file) {
  const r = spawnSync(process.execPath, ['--expose-gc', SCRIPT, '--child', mode, '--file', file, '--runs', String(RUNS)],
    { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const res = r.status === 0 ? parseTagged(r.stdout) : null;
  if (!res) return { failed: `exit ${r.status ?? r.signal}${r.stdout ? `: ${r.stdout.trim().slice(-500)}` : ''}` };
  return res;
}

function nativeBinary(profile) {
  const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(ROOT, process.env.CARGO_TARGET_DIR) : path.join(ROOT, 'target');
  const dir = profile === 'dev' ? 'debug' : profile;
  return path.join(targetDir, dir, 'examples', 'bench_events_native');
}

function buildNative(profile) {
  const bin = nativeBinary(profile);
  if (flag('no-build')) return fs.existsSync(bin) ? { bin } : { error: `${bin} is missing (and --no-build)` };
  const args = ['build', '-q', '--example', 'bench_events_native', ...(profile === 'release' ? ['--release'] : ['--profile', profile])];
  console.log(`building the native example: cargo ${args.join(' ')}`);
  const t0 = performance.now();
  const r = spawnSync('cargo', args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.error || r.status !== 0) {
    const why = r.error ? r.error.message : `exit ${r.status}`;
    if (fs.existsSync(bin)) { console.log(`  cargo failed (${why}); using the existing ${path.relative(ROOT, bin)}`); return { bin }; }
    return { error: `cargo build failed (${why}) and ${bin} is missing` };
  }
  console.log(`  done in ${fmtMs(performance.now() - t0)}`);
  return { bin };
}

function runNative(bin, file) {
  const r = spawnSync(bin, ['--input', file, '--runs', String(RUNS)], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (r.error || r.status !== 0) return { failed: r.error ? r.error.message : `exit ${r.status ?? r.signal}` };
  const line = r.stdout.trim().split('\n').pop();
  try {
    return JSON.parse(line);
  } catch {
    return { failed: `unexpected output: ${r.stdout.trim().slice(-300)}` };
  }
}


async function benchSize(size, seed, nativeBin, skipDuck, profile) {
  const tag = `${fmtInt(size.events)} events / ${fmtInt(size.users)} users / ${size.days} days, seed ${seed}`;
  console.log(`\n=== ${tag}`);
  let t = performance.now();
  const { userIds, timestamps, activeUserDays } = generateEvents({ events: size.events, users: size.users, days: size.days, seed });
  const genMs = performance.now() - t;
  const file = path.join(OUT, `events-${size.events}.bin`);
  fs.mkdirSync(OUT, { recursive: true });
  t = performance.now();
  writeBin(file, userIds, timestamps);
  const inputBytes = userIds.byteLength + timestamps.byteLength;
  console.log(`generated in ${fmtMs(genMs)} (${fmtInt(activeUserDays)} active user-days); wrote ${path.relative(ROOT, file)} ` +
    `(${fmtInt(fs.statSync(file).size)} bytes) in ${fmtMs(performance.now() - t)}; input arrays ${fmtMiB(inputBytes / 1024)}`);

  console.log(`[ours] node --expose-gc bench/events.mjs --child ours --file ${path.relative(ROOT, file)} --runs ${RUNS}`);
  const ours = runNodeChild('ours', file);
  let native = { failed: 'not built' };
  if (nativeBin) {
    console.log(`[native] ${path.relative(ROOT, nativeBin)} --input ${path.relative(ROOT, file)} --runs ${RUNS}`);
    native = runNative(nativeBin, file);
  }
  let duck = null;
  if (!skipDuck) {
    console.log(`[duckdb] node --expose-gc bench/events.mjs --child duckdb --file ${path.relative(ROOT, file)} --runs ${RUNS}`);
    duck = runNodeChild('duckdb', file);
  }

  // ---------------------------------------------------------- agreement
  const problems = [];
  if (ours.failed) problems.push(`ours failed: ${ours.failed}`);
  if (native.failed) problems.push(`native failed: ${native.failed}`);
  if (duck?.failed) problems.push(`DuckDB failed: ${duck.failed}`);
  let agreement = skipDuck ? 'not checked (--skip-duckdb)' : 'not checked (a contender failed)';
  if (!ours.failed && duck && !duck.failed) {
    const { assertSameResults, checkGrowthIdentities } = await import('./events-duckdb.mjs');
    try {
      checkGrowthIdentities(ours.results.growth);
      assertSameResults(ours.results, duck.results, 'ours', 'DuckDB');
      const cells = ours.results.cohorts.reduce((s, c) => s + c.active.length, 0);
      agreement = `ours = DuckDB: daily ${ours.results.daily.length} days (DAU, new users), cohorts ${ours.results.cohorts.length} weeks ` +
        `(${cells} cells + sizes), growth ${ours.results.growth.length} weeks (active, new, retained, resurrected, churned)`;
    } catch (e) {
      agreement = `MISMATCH: ${e.message}`;
      problems.push(agreement);
    }
  }
  if (!ours.failed && !native.failed && ours.users !== native.users) problems.push(`users: ours ${ours.users}, native ${native.users}`);

  // ---------------------------------------------------------- table
  const ok = (r) => r && !r.failed;
  const growthKiB = (r) => (ok(r) && r.maxRssKiB != null && r.rssBeforeKiB != null ? r.maxRssKiB - r.rssBeforeKiB : null);
  const vsInput = (kib) => (kib == null ? '-' : `${((kib * 1024) / inputBytes).toFixed(2)}x`);
  const spread = (r) => `${fmtMs(Math.min(...r.runsMs))}..${fmtMs(Math.max(...r.runsMs))}`;
  const rows = [];
  const row = (label, r, ratio, extra = {}) => {
    if (!ok(r)) { rows.push([label, r ? `failed` : 'skipped', '-', '-', '-', '-', '-', '-']); return; }
    const g = extra.growth === undefined ? growthKiB(r) : extra.growth;
    rows.push([label, fmtMs(extra.ms ?? r.medianMs), extra.spread ?? spread(r), ratio, fmtMiB(r.rssBeforeKiB), fmtMiB(r.maxRssKiB), fmtMiB(g), vsInput(g)]);
  };
  const x = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}x` : '-');
  row('ours: wasm analyzeEvents', ours, ok(native) && ok(ours) ? `ours/native ${x(ours.medianMs, native.medianMs)}` : '-');
  row(`native: analyze_events (${profile})`, native, '');
  if (!skipDuck) {
    row('DuckDB-Wasm: load + 3 queries', duck, ok(duck) && ok(ours) ? `DuckDB/ours ${x(duck.medianMs, ours.medianMs)}` : '-');
    if (ok(duck)) {
      rows.push(['  of which the 3 queries', fmtMs(duck.queriesMs), '', ok(ours) ? `DuckDB/ours ${x(duck.queriesMs, ours.medianMs)}` : '-', '', '', '', '']);
    }
  }
  table(`${tag}: median of ${RUNS} runs after 1 warm-up (DuckDB: ${RUNS} warm rounds after a cold one)`,
    ['contender', 'median', 'min..max', 'ratio', 'RSS before', 'peak RSS', 'peak growth', 'growth/input'], rows);
  console.log(`input arrays (Uint32Array ids + Float64Array timestamps): ${fmtInt(inputBytes)} bytes = ${fmtMiB(inputBytes / 1024)}; ` +
    'RSS before = the child after reading them (and, for DuckDB, opening the database), before the first call; ' +
    'peak RSS = the kernel\'s high-water mark of the child (maxRSS / VmHWM); peak growth = peak RSS - RSS before.');
  if (ok(ours)) console.log(`ours: ${fmtInt(ours.users)} users, ${ours.firstDate}..${ours.asOf}; runs ${ours.runsMs.map((m) => m.toFixed(1)).join(', ')} ms`);
  if (ok(native)) console.log(`native: ${fmtInt(native.users)} users; runs ${native.runsMs.map((m) => m.toFixed(1)).join(', ')} ms`);
  if (ok(duck)) {
    console.log(`DuckDB: ${duck.version}; open ${fmtMs(duck.openMs)}, cold round ${fmtMs(duck.coldMs)}; warm medians: load ${fmtMs(duck.loadMs)}, ` +
      `daily ${fmtMs(duck.dailyMs)}, cohorts ${fmtMs(duck.cohortsMs)}, growth ${fmtMs(duck.growthMs)}; wasm memory ${fmtMiB(duck.wasmBytes / 1024)}; ` +
      `RSS with the arrays, before opening: ${fmtMiB(duck.rssArraysKiB)}`);
  }
  console.log(`agreement: ${agreement}`);

  // ---------------------------------------------------------- goals
  const goals = [];
  const goal = (text, met, detail) => goals.push({ text, met, detail });
  if (ok(ours)) {
    goal('wasm analysis under 1 s', ours.medianMs < 1000, fmtMs(ours.medianMs));
    if (!skipDuck) goal('at least 3x faster than DuckDB-Wasm (load + queries)', ok(duck) ? duck.medianMs / ours.medianMs >= 3 : null,
      ok(duck) ? `DuckDB/ours ${x(duck.medianMs, ours.medianMs)} (queries alone ${x(duck.queriesMs, ours.medianMs)})` : 'DuckDB failed');
    goal('within 1.5x of native', ok(native) ? ours.medianMs / native.medianMs <= 1.5 : null,
      ok(native) ? `ours/native ${x(ours.medianMs, native.medianMs)}` : 'native failed');
    const g = growthKiB(ours);
    goal('peak memory growth under 2x the input arrays', g * 1024 < 2 * inputBytes,
      `${fmtMiB(g)} vs 2 x ${fmtMiB(inputBytes / 1024)} = ${fmtMiB((2 * inputBytes) / 1024)} (${vsInput(g)})`);
  }
  console.log(`goals at ${fmtInt(size.events)} events${size.events === 10_000_000 ? ' (the issue\'s size)' : ' (the issue states them for 10M)'}:`);
  for (const gl of goals) console.log(`  [${gl.met == null ? ' ?  ' : gl.met ? 'met ' : 'MISS'}] ${gl.text}: ${gl.detail}`);
  return { size, problems, goals };
}

async function parent() {
  const sizes = opt('sizes', '1m,10m').split(',').filter((s) => s.trim()).map(parseSize);
  if (sizes.length === 0) usage('--sizes is empty');
  const seed = int('seed', DEFAULTS.seed, 0);
  const skipDuck = flag('skip-duckdb');
  const profile = opt('native-profile', 'release');
  const { error } = loadOurs();
  if (error) { console.error(`bench/events.mjs: ${error}`); process.exit(1); }
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`events bench: Node ${process.version}, ${process.platform}/${process.arch}, ${os.cpus().length} x ${cpu}, ` +
    `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; ${RUNS} runs after 1 warm-up, median`);
  const native = buildNative(profile);
  if (native.error) console.log(`native: ${native.error}; the native column will be empty`);

  const all = [];
  for (const size of sizes) all.push(await benchSize(size, seed, native.bin, skipDuck, profile));

  console.log('\nsummary:');
  let failed = false;
  for (const { size, problems, goals } of all) {
    const met = goals.filter((g) => g.met).length;
    console.log(`  ${fmtInt(size.events)} events: goals met ${met}/${goals.length}` +
      (goals.some((g) => g.met === false) ? ` (missed: ${goals.filter((g) => g.met === false).map((g) => g.text).join('; ')})` : '') +
      (problems.length ? `; PROBLEMS: ${problems.join('; ')}` : '; no problems'));
    if (problems.length) failed = true;
  }
  if (failed) {
    console.error('bench/events.mjs: FAILED (see the problems above)');
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === SCRIPT) {
  if (flag('help')) {
    console.log('usage: node bench/events.mjs [--sizes 1m,10m] [--skip-duckdb] [--runs R] [--seed S] ' +
      '[--native-profile release|bench-native] [--no-build]');
    process.exit(0);
  }
  for (const a of argv) if (a.startsWith('--') && !KNOWN.has(a.slice(2))) usage(`unknown option ${a}`);
  const mode = opt('child', null);
  (mode ? child(mode, opt('file', null)) : parent()).catch((e) => {
    console.error(e?.stack ?? e);
    process.exit(1);
  });
}
