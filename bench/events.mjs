#!/usr/bin/env node
// Side-by-side benchmark of analyzeEvents(), in one Node process on the same
// in-memory typed arrays: ours (the wasm build, pkg/node), the same Rust built
// natively and loaded as a Node addon (examples/node_addon.rs, the ceiling),
// and the same outputs in SQL with DuckDB-Wasm (bench/events-duckdb.mjs); and
// a check that ours = native (whole result) and ours = DuckDB.
//
//   node bench/events.mjs [--sizes 1m,10m] [--skip-duckdb] [--runs R] [--seed S]
//                         [--native-profile release|bench-native] [--no-build]
//
// Run `bash scripts/build.sh` first (pkg/), and `npm ci` in tools/ (DuckDB-Wasm
// and apache-arrow). The script builds the addon itself (`cargo build
// --example node_addon --release`, or `--profile bench-native`: opt-level 3 and
// panics caught at the FFI boundary; --no-build uses the library as it is) and
// loads it with process.dlopen (Linux: target/<profile>/examples/libnode_addon.so).
// It re-runs itself under `node --expose-gc` when gc() is not exposed, so that
// it can collect garbage before each call. Sizes: 1m = 1,000,000 events /
// 100,000 users, 10m = 10,000,000 events / 1,000,000 users (any N[k|m]:
// users = events / 10), 180 days, seed 20240601. For each size, in order:
//   - generate the arrays once (bench/events-data.mjs): a Uint32Array of user
//     ids and a Float64Array of timestamps; every contender gets these two;
//   - ours: a fresh instance of pkg/node (the module is required anew, so its
//     wasm memory starts at its initial size), then analyzeEvents(ids, times),
//     1 warm-up then R runs (default 5), median. The time is the whole call as
//     a user makes it: copying the arrays into wasm memory, the analysis, and
//     building the JS result object;
//   - native: addon.analyzeEvents(ids, times) then JSON.parse of the JSON
//     string it returns, 1 warm-up then R runs, median. The addon reads the
//     typed arrays' memory in place (no copy: native's advantage, fine for a
//     ceiling); the time includes serde_json serialization and JSON.parse, so
//     both hand back a JS object. It also includes the page faults of the
//     memory the system allocator maps afresh for each call (glibc returns
//     big blocks to the OS on free; ~39,000 faults a call at 10M, where ours,
//     whose wasm memory stays committed after the warm-up, has none): both
//     figures are printed per call. To take them out of native's time, run
//     with GLIBC_TUNABLES=glibc.malloc.mmap_threshold=4294967295:glibc.malloc.trim_threshold=4294967295
//     (this applies to the whole process);
//   - DuckDB-Wasm: a new in-memory database (open not timed), then load the
//     arrays (Arrow IPC) + the three queries (daily actives, weekly cohort
//     matrix, growth accounting), one cold round then R warm rounds, warm
//     median; the database is closed before the next size;
//   - asserts that ours and native's results are deep-equal (every field) and
//     that our daily actives / new users, weekly cohort matrix and growth
//     accounting equal DuckDB's; the first difference is printed and the
//     script exits 1 at the end;
//   - prints the table (times, DuckDB / ours, ours / native, peak memory, peak
//     / input arrays) and the issue's goals: 10M events in under 1 s in wasm,
//     >= 3x faster than DuckDB-Wasm (load + queries), within 1.5x of native,
//     peak memory growth < 2x the input arrays.
//
// Peak memory, per contender, exactly rather than from process RSS (one
// process holds all three):
//   - ours: the growth of the wasm instance's linear memory (Memory.buffer
//     .byteLength after the runs minus before the first call). Wasm memory
//     never shrinks, so this is the instance's peak: the copies of the input
//     arrays, the analysis' working memory and the result before it becomes
//     JS. The Memory is taken from the WebAssembly.Instance that pkg/node
//     creates when required (wasm-bindgen's CommonJS output does not export
//     it; this script wraps WebAssembly.Instance during the require);
//   - native: the most Rust heap the addon held during one call (its counting
//     #[global_allocator]: live bytes, peak reset before each call; a moving
//     realloc counts both blocks), minus what it held before; the arrays are
//     borrowed, so they are not in it;
//   - DuckDB: the growth of DuckDB-Wasm's linear memory from just after the
//     open to after the runs (DuckDB's tables, hash tables and the IPC chunks
//     it receives; not the Arrow buffers on the JS side).
// The process's own peak RSS (all of it, every contender) is printed too.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { generateEvents, dayOf, weekOfDay, DAY_MS, DEFAULTS } from './events-data.mjs';
import { table } from './table.mjs';
import { commandLine, summarize } from './cli.mjs';
import { firstDifference, median } from './compare.mjs';

const SCRIPT = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SCRIPT), '..');
// Node's loader (market_validation.js) instantiates a part only on its first
// call, so the part that holds analyzeEvents is required instead: `readers`
// (what the loader runs analyses in), or `analyses` in builds before it.
const GIVEN_ENTRY = process.env.MV_NODE_ENTRY ? path.resolve(process.env.MV_NODE_ENTRY)
  : path.join(ROOT, 'pkg', 'node', 'market_validation.js');
const NODE_ENTRY = path.basename(GIVEN_ENTRY) !== 'market_validation.js' ? GIVEN_ENTRY
  : ['market_validation_readers.js', 'market_validation_analyses.js'].map((f) => path.join(path.dirname(GIVEN_ENTRY), f))
    .find((f) => fs.existsSync(f)) ?? GIVEN_ENTRY;
const require = createRequire(import.meta.url);

// ------------------------------------------------------------ arguments

const USAGE = 'usage: node bench/events.mjs [--sizes 1m,10m] [--skip-duckdb] [--runs R] [--seed S] ' +
  '[--native-profile release|bench-native] [--no-build]';
const KNOWN = new Set(['sizes', 'skip-duckdb', 'runs', 'seed', 'native-profile', 'no-build', 'help']);
const WITH_VALUE = new Set(['sizes', 'runs', 'seed', 'native-profile']);
const { argv, flag, opt, int, usage, start } = commandLine(SCRIPT, USAGE, KNOWN, WITH_VALUE);
const RUNS = int('runs', 5, 1);

// ------------------------------------------------------------ helpers

const fmtInt = (n) => Math.round(n).toLocaleString('en-US');
const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(3)} s` : `${ms.toFixed(1)} ms`);
const fmtMiB = (bytes) => (bytes == null || !Number.isFinite(bytes) ? '-' : `${(bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0)} MiB`);
const gc = typeof globalThis.gc === 'function' ? globalThis.gc : () => {};
const now = () => process.hrtime.bigint();
const msSince = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const maxRssBytes = () => process.resourceUsage().maxRSS * 1024;
const minorFaults = () => process.resourceUsage().minorPageFault;

/** Parses 1m, 10m, 250k, 2000000: events, users = events / 10. */
function parseSize(s) {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(s.trim());
  if (!m) usage(`--sizes takes a list like 1m,10m, not ${s}`);
  const events = Math.round(Number(m[1]) * ({ '': 1, k: 1e3, m: 1e6 }[m[2].toLowerCase()]));
  if (!(events >= 10)) usage(`size ${s}: at least 10 events`);
  return { label: s.trim().toLowerCase(), events, users: Math.max(1, Math.round(events / 10)), days: 180 };
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

// ------------------------------------------------------------ ours: pkg/node, with its wasm Memory

/**
 * Requires pkg/node afresh (a new WebAssembly.Instance with its own memory at
 * its initial size) and returns { mv, memory }. wasm-bindgen's CommonJS
 * output keeps its instance private, so WebAssembly.Instance is wrapped for
 * the duration of the require to see the instance it creates.
 */
export function loadOurs() {
  if (!fs.existsSync(NODE_ENTRY)) {
    return { error: `${path.relative(ROOT, NODE_ENTRY)} is missing: pkg/ is not built; run bash scripts/build.sh` };
  }
  const Instance = WebAssembly.Instance;
  const created = [];
  WebAssembly.Instance = new Proxy(Instance, {
    construct(target, args) {
      const instance = Reflect.construct(target, args);
      created.push(instance);
      return instance;
    },
  });
  let mv;
  try {
    delete require.cache[require.resolve(NODE_ENTRY)];
    mv = require(NODE_ENTRY);
  } finally {
    WebAssembly.Instance = Instance;
  }
  if (typeof mv.analyzeEvents !== 'function') {
    return { error: `analyzeEvents is not exported by ${path.relative(ROOT, NODE_ENTRY)}: rebuild with bash scripts/build.sh` };
  }
  const memories = created.map((i) => i.exports.memory).filter((m) => m instanceof WebAssembly.Memory);
  if (memories.length !== 1) {
    return { error: `${path.relative(ROOT, NODE_ENTRY)} created ${created.length} wasm instances with ${memories.length} exported memories; expected one` };
  }
  return { mv, memory: memories[0] };
}

function runOurs(userIds, timestamps) {
  const { mv, memory, error } = loadOurs();
  if (error) return { failed: error };
  gc();
  const memBefore = memory.buffer.byteLength;
  const runsMs = [];
  const faults = [];
  let last = null;
  try {
    for (let i = 0; i <= RUNS; i++) {
      last = null;
      gc();
      const f0 = minorFaults();
      const t0 = now();
      last = mv.analyzeEvents(userIds, timestamps);
      const ms = msSince(t0);
      if (i > 0) { runsMs.push(ms); faults.push(minorFaults() - f0); }
      process.stderr.write(`  ours: ${i === 0 ? 'warm-up' : `run ${i}/${RUNS}`} ${fmtMs(ms)}\n`);
    }
  } catch (e) {
    return { failed: `analyzeEvents threw: ${e?.message ?? e}` };
  }
  const memAfter = memory.buffer.byteLength;
  if (last.events !== userIds.length) return { failed: `events ${last.events}, expected ${userIds.length}` };
  return { medianMs: median(runsMs), runsMs, faults: median(faults), memBefore, memAfter, peakBytes: memAfter - memBefore, result: last };
}

// ------------------------------------------------------------ native: the addon

function targetDir() {
  return process.env.CARGO_TARGET_DIR ? path.resolve(ROOT, process.env.CARGO_TARGET_DIR) : path.join(ROOT, 'target');
}

function addonPath(profile) {
  const file = { linux: 'libnode_addon.so', darwin: 'libnode_addon.dylib', win32: 'node_addon.dll' }[process.platform] ?? 'libnode_addon.so';
  return path.join(targetDir(), profile === 'dev' ? 'debug' : profile, 'examples', file);
}

/** Builds (unless --no-build) and loads the addon: { addon, file } or { error }. */
export function loadNative(profile) {
  const file = addonPath(profile);
  if (flag('no-build')) {
    if (!fs.existsSync(file)) return { error: `${file} is missing (and --no-build)` };
  } else {
    const args = ['build', '-q', '--example', 'node_addon', ...(profile === 'release' ? ['--release'] : ['--profile', profile])];
    console.log(`building the native addon: cargo ${args.join(' ')}`);
    const t0 = now();
    const r = spawnSync('cargo', args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.error || r.status !== 0) {
      const why = r.error ? r.error.message : `exit ${r.status}`;
      if (!fs.existsSync(file)) return { error: `cargo build failed (${why}) and ${file} is missing` };
      console.log(`  cargo failed (${why}); using the existing ${path.relative(ROOT, file)}`);
    } else {
      console.log(`  done in ${fmtMs(msSince(t0))}`);
    }
  }
  const module = { exports: {} };
  try {
    process.dlopen(module, file);
  } catch (e) {
    return { error: `cannot load ${file}: ${e.message}` };
  }
  const addon = module.exports;
  for (const f of ['analyzeEvents', 'heapCurrentBytes', 'heapPeakBytes', 'resetHeapPeak']) {
    if (typeof addon[f] !== 'function') return { error: `${file} does not export ${f}()` };
  }
  return { addon, file };
}

function runNative(addon, userIds, timestamps) {
  const runsMs = [];
  const callMs = [];
  const faults = [];
  let peakBytes = 0;
  let last = null;
  try {
    for (let i = 0; i <= RUNS; i++) {
      last = null;
      gc();
      addon.resetHeapPeak();
      const heapBefore = addon.heapCurrentBytes();
      const f0 = minorFaults();
      const t0 = now();
      const json = addon.analyzeEvents(userIds, timestamps);
      const t1 = now();
      const f1 = minorFaults();
      last = JSON.parse(json);
      const t2 = now();
      const ms = Number(t2 - t0) / 1e6;
      peakBytes = Math.max(peakBytes, addon.heapPeakBytes() - heapBefore);
      if (i > 0) { runsMs.push(ms); callMs.push(Number(t1 - t0) / 1e6); faults.push(f1 - f0); }
      process.stderr.write(`  native: ${i === 0 ? 'warm-up' : `run ${i}/${RUNS}`} ${fmtMs(ms)} (JSON.parse ${fmtMs(Number(t2 - t1) / 1e6)})\n`);
    }
  } catch (e) {
    return { failed: `analyzeEvents threw: ${e?.message ?? e}` };
  }
  return { medianMs: median(runsMs), runsMs, callMs: median(callMs), faults: median(faults), peakBytes, result: last };
}

// ------------------------------------------------------------ DuckDB-Wasm

async function runDuck(userIds, timestamps) {
  const { openDuckDB, runDuckDB, checkGrowthIdentities } = await import('./events-duckdb.mjs');
  gc();
  let duck;
  const t0 = now();
  try {
    duck = await openDuckDB();
  } catch (e) {
    return { failed: `open: ${e?.message ?? e}` };
  }
  const openMs = msSince(t0);
  try {
    gc();
    const memAfterOpen = duck.wasmBytes();
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
    const memAfter = duck.wasmBytes();
    return {
      version: `${duck.version} (${duck.bundle})`, openMs, coldMs: rounds[0].total, runsMs: warm.map((m) => m.total),
      medianMs: med('total'), loadMs: med('load'), dailyMs: med('daily'), cohortsMs: med('cohorts'),
      growthMs: med('growth'), queriesMs: med('queries'),
      memAfterOpen, memAfter, peakBytes: memAfter - memAfterOpen, results,
    };
  } catch (e) {
    return { failed: e?.message ?? String(e) };
  } finally {
    duck.close();
  }
}

// ------------------------------------------------------------ one size

async function benchSize(size, seed, native, skipDuck, profile) {
  const tag = `${fmtInt(size.events)} events / ${fmtInt(size.users)} users / ${size.days} days, seed ${seed}`;
  console.log(`\n=== ${tag}`);
  const t = now();
  const { userIds, timestamps, activeUserDays } = generateEvents({ events: size.events, users: size.users, days: size.days, seed });
  const inputBytes = userIds.byteLength + timestamps.byteLength;
  console.log(`generated in ${fmtMs(msSince(t))} (${fmtInt(activeUserDays)} active user-days); ` +
    `input arrays (Uint32Array ids + Float64Array timestamps) ${fmtInt(inputBytes)} bytes = ${fmtMiB(inputBytes)}`);

  console.log(`[ours] pkg/node analyzeEvents(userIds, timestamps), fresh instance, ${RUNS} runs after 1 warm-up`);
  const ours = runOurs(userIds, timestamps);
  let nat = { failed: native.error ?? 'not loaded' };
  if (native.addon) {
    console.log(`[native] ${path.relative(ROOT, native.file)} analyzeEvents(userIds, timestamps) + JSON.parse, ${RUNS} runs after 1 warm-up`);
    nat = runNative(native.addon, userIds, timestamps);
  }
  let duck = null;
  if (!skipDuck) {
    console.log(`[duckdb] DuckDB-Wasm, new database: load + 3 queries, ${RUNS} warm rounds after a cold one`);
    duck = await runDuck(userIds, timestamps);
  }
  gc();

  // ---------------------------------------------------------- agreement
  const ok = (r) => r && !r.failed;
  const problems = [];
  if (ours.failed) problems.push(`ours failed: ${ours.failed}`);
  if (nat.failed) problems.push(`native failed: ${nat.failed}`);
  if (duck?.failed) problems.push(`DuckDB failed: ${duck.failed}`);
  const agreement = [];
  if (ok(ours) && ok(nat)) {
    const d = firstDifference(ours.result, nat.result);
    if (d) {
      agreement.push(`ours vs native MISMATCH at ${d}`);
      problems.push(`ours and native differ at ${d}`);
    } else {
      agreement.push(`ours = native: the whole result deep-equal (${fmtInt(JSON.stringify(nat.result).length)} bytes of JSON)`);
    }
  } else {
    agreement.push('ours vs native: not checked (a contender failed)');
  }
  if (skipDuck) {
    agreement.push('ours vs DuckDB: not checked (--skip-duckdb)');
  } else if (ok(ours) && ok(duck)) {
    const { assertSameResults, checkGrowthIdentities } = await import('./events-duckdb.mjs');
    try {
      const mine = oursAsDuck(ours.result);
      checkGrowthIdentities(mine.growth);
      assertSameResults(mine, duck.results, 'ours', 'DuckDB');
      const cells = mine.cohorts.reduce((s, c) => s + c.active.length, 0);
      agreement.push(`ours = DuckDB: daily ${mine.daily.length} days (DAU, new users), cohorts ${mine.cohorts.length} weeks ` +
        `(${cells} cells + sizes), growth ${mine.growth.length} weeks (active, new, retained, resurrected, churned)`);
    } catch (e) {
      agreement.push(`ours vs DuckDB MISMATCH: ${e.message}`);
      problems.push(`ours vs DuckDB: ${e.message}`);
    }
  } else {
    agreement.push('ours vs DuckDB: not checked (a contender failed)');
  }

  // ---------------------------------------------------------- table
  const x = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}x` : '-');
  const spread = (r) => `${fmtMs(Math.min(...r.runsMs))}..${fmtMs(Math.max(...r.runsMs))}`;
  const rows = [];
  const row = (label, r, ratio, memory, what) => {
    if (!ok(r)) { rows.push([label, r ? 'failed' : 'skipped', '-', '-', '-', '-', '-']); return; }
    rows.push([label, fmtMs(r.medianMs), spread(r), ratio, fmtMiB(memory), x(memory, inputBytes), what]);
  };
  row('ours: wasm analyzeEvents', ours, ok(nat) ? `ours/native ${x(ours.medianMs, nat.medianMs)}` : '-',
    ours.peakBytes, 'wasm memory growth');
  row(`native: addon (${profile})`, nat, '', nat.peakBytes, 'Rust heap peak');
  if (!skipDuck) {
    row('DuckDB-Wasm: load + 3 queries', duck, ok(ours) ? `DuckDB/ours ${x(duck?.medianMs, ours.medianMs)}` : '-',
      duck?.peakBytes, 'wasm memory growth');
    if (ok(duck)) {
      rows.push(['  of which the 3 queries', fmtMs(duck.queriesMs), '', ok(ours) ? `DuckDB/ours ${x(duck.queriesMs, ours.medianMs)}` : '-', '', '', '']);
    }
  }
  table(`${tag}: median of ${RUNS} runs after 1 warm-up (DuckDB: ${RUNS} warm rounds after a cold one), one process`,
    ['contender', 'median', 'min..max', 'ratio', 'peak memory', 'peak/input', 'peak memory is'], rows);
  console.log(`input arrays: ${fmtMiB(inputBytes)}. Peak memory: ours = wasm linear memory after the runs - before the first call ` +
    '(never shrinks: the peak, input copies included); native = the most Rust heap the addon held during a call ' +
    '(counting allocator; the arrays are borrowed, not in it); DuckDB = its wasm linear memory after the runs - after the open.');
  if (ok(ours)) {
    console.log(`ours: ${fmtInt(ours.result.users)} users, ${ours.result.firstDate}..${ours.result.asOf}; ` +
      `wasm memory ${fmtMiB(ours.memBefore)} -> ${fmtMiB(ours.memAfter)}; minor page faults per call ${fmtInt(ours.faults)} (median); ` +
      `runs ${ours.runsMs.map((m) => m.toFixed(1)).join(', ')} ms`);
  }
  if (ok(nat)) {
    console.log(`native: the addon call alone ${fmtMs(nat.callMs)} (median; the rest is JSON.parse); ` +
      `minor page faults per call ${fmtInt(nat.faults)} (median; the allocator's fresh pages); runs ${nat.runsMs.map((m) => m.toFixed(1)).join(', ')} ms`);
  }
  if (ok(duck)) {
    console.log(`DuckDB: ${duck.version}; open ${fmtMs(duck.openMs)}, cold round ${fmtMs(duck.coldMs)}; warm medians: load ${fmtMs(duck.loadMs)}, ` +
      `daily ${fmtMs(duck.dailyMs)}, cohorts ${fmtMs(duck.cohortsMs)}, growth ${fmtMs(duck.growthMs)}; ` +
      `wasm memory ${fmtMiB(duck.memAfterOpen)} after the open -> ${fmtMiB(duck.memAfter)}`);
  }
  console.log(`process peak RSS so far (everything, all contenders): ${fmtMiB(maxRssBytes())}`);
  for (const line of agreement) console.log(`agreement: ${line}`);

  // ---------------------------------------------------------- goals
  const goals = [];
  const goal = (text, met, detail) => goals.push({ text, met, detail });
  if (ok(ours)) {
    goal('wasm analysis under 1 s', ours.medianMs < 1000, fmtMs(ours.medianMs));
    if (!skipDuck) {
      goal('at least 3x faster than DuckDB-Wasm (load + queries)', ok(duck) ? duck.medianMs / ours.medianMs >= 3 : null,
        ok(duck) ? `DuckDB/ours ${x(duck.medianMs, ours.medianMs)} (queries alone ${x(duck.queriesMs, ours.medianMs)})` : 'DuckDB failed');
    }
    goal('within 1.5x of native', ok(nat) ? ours.medianMs / nat.medianMs <= 1.5 : null,
      ok(nat) ? `ours/native ${x(ours.medianMs, nat.medianMs)}` : 'native failed');
    goal('peak memory growth under 2x the input arrays', ours.peakBytes < 2 * inputBytes,
      `${fmtMiB(ours.peakBytes)} vs 2 x ${fmtMiB(inputBytes)} = ${fmtMiB(2 * inputBytes)} (${x(ours.peakBytes, inputBytes)})`);
  }
  console.log(`goals at ${fmtInt(size.events)} events${size.events === 10_000_000 ? ' (the issue\'s size)' : ' (the issue states them for 10M)'}:`);
  for (const gl of goals) console.log(`  [${gl.met == null ? ' ?  ' : gl.met ? 'met ' : 'MISS'}] ${gl.text}: ${gl.detail}`);
  return { size, problems, goals };
}

async function main() {
  const sizes = opt('sizes', '1m,10m').split(',').filter((s) => s.trim()).map(parseSize);
  if (sizes.length === 0) usage('--sizes is empty');
  const seed = int('seed', DEFAULTS.seed, 0);
  const skipDuck = flag('skip-duckdb');
  const profile = opt('native-profile', 'release');
  const probe = loadOurs();
  if (probe.error) { console.error(`bench/events.mjs: ${probe.error}`); process.exit(1); }
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`events bench: Node ${process.version}, ${process.platform}/${process.arch}, ${os.cpus().length} x ${cpu}, ` +
    `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; one process; ${RUNS} runs after 1 warm-up, median`);
  const native = loadNative(profile);
  if (native.error) console.log(`native: ${native.error}; the native row will be empty`);

  const all = [];
  for (const size of sizes) all.push(await benchSize(size, seed, native, skipDuck, profile));

  summarize(`bench/${path.basename(SCRIPT)}`, all, fmtInt);
}

start(main);
