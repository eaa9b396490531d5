#!/usr/bin/env node
// The warehouse path at scale (issue 18): eventsSql's statements on native
// DuckDB over generated events in a Parquet file, the size of the result
// tables that come back, and analyzeEventAggregates on them in wasm; beside
// them, analyzeEvents in wasm on the most events it takes in one call (50
// million, the library's limit: what a browser can hold).
//
//   node bench/warehouse.mjs [--events N] [--users U] [--days D] [--seed S]
//                            [--compare-events N] [--check-events N] [--wasm-events N]
//                            [--rounds R] [--fresh] [--skip-wasm-events]
//
// Run `bash scripts/build.sh` (pkg/node) and `bash scripts/setup.sh`
// (tools/engines-venv) first. Defaults: 100,000,000 events, 5,000,000 users,
// 180 days, seed 20240601; the comparison size 10,000,000 events and the
// check size 1,000,000 (users scaled with events: 20 events a user
// throughout, so the same distribution); analyzeEvents on 50,000,000.
//
// Steps (each contender in a process of its own, so each peak RSS is its own):
//   1. Data: bench/warehouse-data.mjs's SQL, run by DuckDB, writes
//      bench/out/warehouse-<events>-<users>-<days>-<seed>.parquet (kept, and
//      reused with its recorded generation time unless --fresh). Generation
//      time and file size are printed apart: they are not in the figures.
//   2. eventsSql('duckdb', { table: 'events', columns: { user: 'user_id',
//      time: 'event_ts', event: 'event_name' }, cohortPeriod: 'week',
//      features, activationEvent }) from
//      pkg/node; `events` is a view over read_parquet() of the file.
//   3. Native DuckDB (bench/warehouse_duckdb.py, the DuckDB of
//      tools/engines-venv, the one the warehouse tests run the statements
//      on; threads = this machine's cores) runs the statements in order:
//      1 warm-up round, then R (default 3) timed rounds; medians per
//      statement and of the rounds' totals. Each result table's rows and
//      bytes, as JSON (row objects) and as CSV text, at both sizes.
//   4. analyzeEventAggregates(tables, the same options) in wasm on those
//      tables, as row objects and as CSV text: median of 5 after a warm-up.
//   5. At the check size, the aggregates' analysis must equal analyzeEvents
//      on the same events generated in JS (bit for bit the Parquet file's
//      rows), field by field (the sessions' median within a minute, the
//      times to first use and to activation within a day).
//   6. analyzeEvents({ userIds, timestamps, eventNames: { codes, dictionary } },
//      the same options) in wasm on --wasm-events events generated in JS:
//      median of 3 after a warm-up; wasm memory growth and peak RSS. If it
//      fails (memory), smaller sizes are tried and the reason printed.
// Prints figures and ratios; asserts nothing but the check of step 5 (exit 1).
//
// Why a Python helper rather than @duckdb/node-api (also native DuckDB, in
// tools/): it is the DuckDB the warehouse tests pin and run the statements
// on, its results come back through tests/warehouse/run_engines.py's own
// conversion, and in a process of its own its memory and threads are not
// mixed up with the wasm contender's.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateEvents, generationSql } from './warehouse-data.mjs';
import { loadOurs } from './events.mjs';
import { commandLine } from './cli.mjs';
import { firstDifference, median } from './compare.mjs';
import { atDayResolution, medianWithinAMinute } from '../tests/warehouse/resolution.mjs';
import { table } from './table.mjs';

const SCRIPT = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SCRIPT), '..');
const OUT = path.join(ROOT, 'bench', 'out');
const PYTHON = path.join(ROOT, 'tools', 'engines-venv', 'bin', 'python');
const HELPER = path.join(ROOT, 'bench', 'warehouse_duckdb.py');

const USAGE = 'usage: node bench/warehouse.mjs [--events N] [--users U] [--days D] [--seed S] ' +
  '[--compare-events N] [--check-events N] [--wasm-events N] [--rounds R] [--fresh] [--skip-wasm-events]';
const WITH_VALUE = new Set(['events', 'users', 'days', 'seed', 'compare-events', 'check-events', 'wasm-events', 'rounds', 'child']);
const KNOWN = new Set([...WITH_VALUE, 'fresh', 'skip-wasm-events', 'help']);
const { flag, opt, int, usage, start } = commandLine(SCRIPT, USAGE, KNOWN, WITH_VALUE);

const AGGREGATE_RUNS = 5;
const WASM_RUNS = 3;
const VIEW = 'events';
// Two named features (of ranks 2-3 and 11-13) and an activation event.
const FEATURES = { Dashboards: ['dashboard_viewed', 'search_performed'], Projects: ['project_created', 'task_created', 'task_completed'] };
const SQL_OPTIONS = { table: VIEW, columns: { user: 'user_id', time: 'event_ts', event: 'event_name' }, cohortPeriod: 'week',
  features: FEATURES, activationEvent: 'Projects', activationWindowDays: 7 };
const { table: _t, columns: _c, ...ANALYSIS_OPTIONS } = SQL_OPTIONS;

const fmtInt = (n) => Math.round(n).toLocaleString('en-US');
const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(2)} ms`);
const fmtBytes = (b) => (b >= 2 ** 30 ? `${(b / 2 ** 30).toFixed(2)} GiB` : b >= 2 ** 20 ? `${(b / 2 ** 20).toFixed(0)} MiB`
  : b >= 1024 ? `${(b / 1024).toFixed(1)} KiB` : `${b} B`);
const fmtCount = (n) => (n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : fmtInt(n));
const range = (xs, f) => `${f(Math.min(...xs))}..${f(Math.max(...xs))}`;
const x = (a, b) => `${(a / b).toFixed(a / b >= 10 ? 0 : 2)}x`;
const gc = typeof globalThis.gc === 'function' ? globalThis.gc : () => {};
const msSince = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const log = (s) => process.stderr.write(`${s}\n`);
/** Other work on the machine skews every figure: the load averages say how much there was. */
const loadAverage = () => `load average ${os.loadavg().map((l) => l.toFixed(1)).join(', ')} (1, 5, 15 min)`;
/** Microseconds since boot in which a runnable task waited for a CPU (/proc/pressure/cpu, "some"), or null. */
function cpuStalledUs() {
  try {
    return Number(/total=(\d+)/.exec(fs.readFileSync('/proc/pressure/cpu', 'ascii'))[1]);
  } catch {
    return null;
  }
}
const fmtStall = (xs) => (xs.some((v) => v == null) ? '-' : `${(100 * median(xs)).toFixed(0)}%`);

/** Users for `events` events at the main size's events per user. */
const scaledUsers = (events, main) => Math.max(1, Math.round((main.users * events) / main.events));

// ------------------------------------------------------------ native DuckDB

function runHelper(job) {
  fs.mkdirSync(OUT, { recursive: true });
  const tag = `${process.pid}-${Date.now()}`;
  const jobFile = path.join(OUT, `warehouse-job-${tag}.json`);
  const outFile = path.join(OUT, `warehouse-result-${tag}.json`);
  fs.writeFileSync(jobFile, JSON.stringify({ threads: os.cpus().length, ...job }));
  const r = spawnSync(PYTHON, [HELPER, jobFile, outFile], { stdio: ['ignore', 'inherit', 'inherit'] });
  fs.rmSync(jobFile, { force: true });
  if (r.status !== 0) throw new Error(`${path.relative(ROOT, HELPER)} failed (status ${r.status}${r.error ? `, ${r.error.message}` : ''})`);
  const out = JSON.parse(fs.readFileSync(outFile, 'utf8'));
  fs.rmSync(outFile, { force: true });
  return out;
}

/** The size's Parquet file, generated unless it is there (and --fresh is not given). */
function parquetFor(size) {
  const file = path.join(OUT, `warehouse-${size.events}-${size.users}-${size.days}-${size.seed}.parquet`);
  const record = `${file}.json`;
  if (!flag('fresh') && fs.existsSync(file) && fs.existsSync(record)) {
    return { file, ...JSON.parse(fs.readFileSync(record, 'utf8')), reused: true };
  }
  fs.rmSync(file, { force: true });
  log(`generating ${fmtInt(size.events)} events into ${path.relative(ROOT, file)} with DuckDB ...`);
  const out = runHelper({ generate: { sql: generationSql(size, file), file } });
  const made = { seconds: out.seconds, bytes: out.bytes, version: out.version, threads: out.threads, peakRss: out.peak_rss_bytes };
  fs.writeFileSync(record, JSON.stringify(made));
  return { file, ...made, reused: false };
}

const csvCell = (v) => (v === null ? '' : /[",\n\r]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));

/** Runs the statements; each result table as row objects and as CSV text, with their sizes. */
function duckdbStatements(size, statements, rounds) {
  const data = parquetFor(size);
  log(`native DuckDB: ${statements.length} statements over ${path.relative(ROOT, data.file)}, 1 warm-up + ${rounds} rounds ...`);
  const out = runHelper({
    parquet: data.file, view: VIEW, warmup: 1, rounds,
    temp_directory: path.join(OUT, 'duckdb.tmp'),
    statements: statements.map(({ name, sql }) => ({ name, sql })),
  });
  const objects = {};
  const csv = {};
  const sizes = {};
  for (const [name, { columns, rows }] of Object.entries(out.results)) {
    objects[name] = rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])));
    csv[name] = [columns, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
    sizes[name] = { rows: rows.length, json: Buffer.byteLength(JSON.stringify(objects[name])), csv: Buffer.byteLength(csv[name]) };
  }
  const names = statements.map((s) => s.name);
  const perStatement = Object.fromEntries(names.map((n) => [n, median(out.rounds.map((r) => r[n] * 1000))]));
  const totals = out.rounds.map((r) => names.reduce((s, n) => s + r[n] * 1000, 0));
  const warmup = names.reduce((s, n) => s + out.warmup[0][n] * 1000, 0);
  const sum = (k) => Object.values(sizes).reduce((s, t) => s + t[k], 0);
  return {
    size, data, version: out.version, threads: out.threads, peakRss: out.peak_rss_bytes, objects, csv, sizes,
    perStatement, totals, totalMs: median(totals), warmupMs: warmup, stalls: out.stalls, json: sum('json'), csvBytes: sum('csv'), rows: sum('rows'),
  };
}

// ------------------------------------------------------------ wasm

function timeAggregates(mv, tables) {
  const runs = [];
  let result = null;
  for (let i = 0; i <= AGGREGATE_RUNS; i++) {
    gc();
    const t0 = process.hrtime.bigint();
    result = mv.analyzeEventAggregates(tables, SQL_OPTIONS);
    if (i > 0) runs.push(msSince(t0));
  }
  return { runs, medianMs: median(runs), result };
}


/** The child process: analyzeEvents on `events` events generated in JS; one JSON line on stdout. */
function wasmChild(events, users, days, seed) {
  const t0 = process.hrtime.bigint();
  const input = generateEvents({ events, users, days, seed });
  const generateMs = msSince(t0);
  const inputBytes = input.userIds.byteLength + input.timestamps.byteLength + input.codes.byteLength;
  const { mv, memory, error } = loadOurs();
  if (error) throw new Error(error);
  gc();
  const rssBefore = process.memoryUsage().rss;
  const memBefore = memory.buffer.byteLength;
  const arrays = { userIds: input.userIds, timestamps: input.timestamps, eventNames: { codes: input.codes, dictionary: input.dictionary } };
  const runs = [];
  const stalls = [];
  let result = null;
  try {
    for (let i = 0; i <= WASM_RUNS; i++) {
      result = null;
      gc();
      const stalled = cpuStalledUs();
      const t = process.hrtime.bigint();
      result = mv.analyzeEvents(arrays, ANALYSIS_OPTIONS);
      const ms = msSince(t);
      const stall = stalled == null ? null : (cpuStalledUs() - stalled) / 1000 / ms;
      if (i > 0) { runs.push(ms); stalls.push(stall); }
      log(`  analyzeEvents ${fmtCount(events)}: ${i === 0 ? 'warm-up' : `run ${i}/${WASM_RUNS}`} ${fmtMs(ms)}` +
        `${stall == null ? '' : `; CPU stall ${(100 * stall).toFixed(0)}%`}`);
    }
  } catch (e) {
    console.log(JSON.stringify({ failed: String(e?.message ?? e), wasmBytes: memory.buffer.byteLength, inputBytes }));
    return;
  }
  console.log(JSON.stringify({
    events, users, generateMs, inputBytes, runs, stalls, medianMs: median(runs), memBefore, memAfter: memory.buffer.byteLength,
    rssBefore, peakRss: process.resourceUsage().maxRSS * 1024,
  }));
}

/** analyzeEvents in a child process at `events`, else at smaller sizes until one runs. */
function wasmEvents(wanted, main) {
  const tried = [];
  for (const events of [wanted, 40e6, 30e6, 20e6, 10e6].filter((n, i) => i === 0 || n < wanted)) {
    const users = scaledUsers(events, main);
    log(`analyzeEvents in wasm on ${fmtInt(events)} events / ${fmtInt(users)} users (a child process) ...`);
    const r = spawnSync(process.execPath, ['--expose-gc', SCRIPT, '--child', `${events},${users},${main.days},${main.seed}`],
      { stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
    const line = r.stdout?.toString().trim().split('\n').pop() ?? '';
    let out = null;
    try { out = JSON.parse(line); } catch { /* no result: the process died */ }
    if (out && !out.failed) return { ...out, tried };
    const why = out?.failed ? `${out.failed} (wasm memory ${fmtBytes(out.wasmBytes)}, input ${fmtBytes(out.inputBytes)})`
      : `the process ended with status ${r.status}${r.signal ? ` (${r.signal}: killed, likely out of memory)` : ''}`;
    log(`  ${fmtInt(events)} events did not run: ${why}`);
    tried.push({ events, why });
  }
  return { failed: true, tried };
}

// ------------------------------------------------------------ report

function printStatements(runs) {
  const names = Object.keys(runs[0].perStatement);
  const rows = names.map((n) => [n, ...runs.flatMap((r) => [fmtMs(r.perStatement[n]), fmtInt(r.sizes[n].rows), fmtInt(r.sizes[n].json), fmtInt(r.sizes[n].csv)])]);
  rows.push(['all statements', ...runs.flatMap((r) => [fmtMs(r.totalMs), fmtInt(r.rows), fmtInt(r.json), fmtInt(r.csvBytes)])]);
  const header = ['statement', ...runs.flatMap((r) => [`${fmtCount(r.size.events)}: median`, 'rows', 'JSON bytes', 'CSV bytes'])];
  table(`Native DuckDB, eventsSql's statements (median of ${runs[0].totals.length} rounds after 1 warm-up) and their result tables`, header, rows);
  for (const r of runs) {
    console.log(`${fmtCount(r.size.events)}: rounds ${r.totals.map((t) => fmtMs(t)).join(', ')} (warm-up ${fmtMs(r.warmupMs)}); ` +
      `CPU stall in each ${r.stalls.map((v) => (v == null ? '-' : `${(100 * v).toFixed(0)}%`)).join(', ')}; DuckDB peak RSS ${fmtBytes(r.peakRss)}`);
  }
}

function printCheck(check, mv) {
  const input = generateEvents(check.size);
  const direct = mv.analyzeEvents({ userIds: input.userIds, timestamps: input.timestamps, eventNames: { codes: input.codes, dictionary: input.dictionary } }, ANALYSIS_OPTIONS);
  const fromTables = mv.analyzeEventAggregates(check.objects, SQL_OPTIONS);
  const fromCsv = mv.analyzeEventAggregates(check.csv, SQL_OPTIONS);
  const d = firstDifference(fromCsv, fromTables) ?? medianWithinAMinute(direct, fromTables) ?? atDayResolution(direct, fromTables)
    ?? firstDifference(fromTables, direct);
  const what = `${fmtInt(check.size.events)} events / ${fmtInt(check.size.users)} users`;
  if (d) {
    console.log(`check at ${what}: MISMATCH, analyzeEventAggregates vs analyzeEvents at ${d}`);
    return false;
  }
  console.log(`check at ${what}: analyzeEventAggregates(DuckDB's tables, as rows and as CSV) = analyzeEvents(the same events in JS), ` +
    `field by field (${fmtInt(direct.events)} events, ${fmtInt(direct.users)} users, ${direct.daily?.length} days, ` +
    `${direct.cohorts?.rows?.length} weekly cohorts, ${direct.features?.length} events and features; the sessions' median within a minute, ` +
    'the times to first use and to activation within a day: tests/warehouse/resolution.mjs)');
  return true;
}

async function main() {
  const child = opt('child', undefined);
  if (child) {
    const [events, users, days, seed] = child.split(',').map(Number);
    return wasmChild(events, users, days, seed);
  }
  const mainSize = { events: int('events', 100_000_000, 10), users: int('users', 5_000_000, 1), days: int('days', 180, 1), seed: int('seed', 20240601, 0) };
  const sizeOf = (events) => ({ ...mainSize, events, users: scaledUsers(events, mainSize) });
  const compare = int('compare-events', 10_000_000, 0);
  const checkEvents = int('check-events', 1_000_000, 0);
  const wasmWanted = int('wasm-events', 50_000_000, 1);
  const rounds = int('rounds', 3, 1);
  if (!fs.existsSync(PYTHON)) usage(`${path.relative(ROOT, PYTHON)} is missing: run bash scripts/setup.sh`);
  const { mv, error } = loadOurs();
  if (error) usage(error);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`warehouse bench: Node ${process.version}, ${os.cpus().length} x ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB ` +
    `(shared machine); DuckDB threads = ${os.cpus().length} (the cores); ${loadAverage()}`);
  const { statements } = mv.eventsSql('duckdb', SQL_OPTIONS);
  console.log(`eventsSql('duckdb', ${JSON.stringify(SQL_OPTIONS)}): ${statements.map((s) => s.name).join(', ')}; ` +
    `\`${VIEW}\` = a view over read_parquet(the file)`);

  let ok = true;
  if (checkEvents > 0) {
    const check = duckdbStatements(sizeOf(checkEvents), statements, 1);
    ok = printCheck(check, mv);
  }
  const runs = [];
  for (const events of [compare, mainSize.events].filter((n, i, all) => n > 0 && all.indexOf(n) === i)) {
    runs.push(duckdbStatements(sizeOf(events), statements, rounds));
  }
  const big = runs[runs.length - 1];
  for (const r of runs) {
    const d = r.data;
    console.log(`data ${fmtCount(r.size.events)} events / ${fmtInt(r.size.users)} users / ${r.size.days} days, seed ${r.size.seed}: ` +
      `${path.relative(ROOT, d.file)}, ${fmtInt(d.bytes)} bytes (${fmtBytes(d.bytes)}), written by ${d.version} in ${(d.seconds).toFixed(1)} s ` +
      `(${d.threads} threads${d.reused ? '; generated by an earlier run, --fresh to redo' : ''}; not in the figures)`);
  }
  printStatements(runs);
  console.log(`\nThe aggregates (${fmtCount(big.size.events)}), as JSON row objects, for the record:`);
  for (const [name, rows] of Object.entries(big.objects)) {
    const text = JSON.stringify(rows);
    console.log(`  ${name} (${rows.length} rows): ${text.length > 240 ? `${text.slice(0, 240)}...` : text}`);
  }

  const aggregates = runs.map((r) => ({ r, rows: timeAggregates(mv, r.objects), csv: timeAggregates(mv, r.csv) }));
  const wasm = flag('skip-wasm-events') ? { skipped: true } : wasmEvents(wasmWanted, mainSize);

  // ---------------------------------------------------------- the table
  const rows = [];
  for (const r of runs) {
    rows.push([`native DuckDB: ${statements.length} statements over Parquet`, fmtCount(r.size.events), fmtMs(r.totalMs), range(r.totals, fmtMs),
      `${fmtInt(r.json)} JSON / ${fmtInt(r.csvBytes)} CSV`, `${(r.size.events / r.totalMs / 1000).toFixed(1)} M/s`, fmtBytes(r.peakRss), fmtStall(r.stalls)]);
  }
  for (const { r, rows: a, csv } of aggregates) {
    rows.push([`wasm analyzeEventAggregates, row objects (${fmtCount(r.size.events)}'s tables)`, '-', fmtMs(a.medianMs), range(a.runs, fmtMs), `${fmtInt(r.json)} in`, '-', '-', '-']);
    rows.push([`wasm analyzeEventAggregates, CSV text (${fmtCount(r.size.events)}'s tables)`, '-', fmtMs(csv.medianMs), range(csv.runs, fmtMs), `${fmtInt(r.csvBytes)} in`, '-', '-', '-']);
  }
  if (!wasm.failed && !wasm.skipped) {
    rows.push(['wasm analyzeEvents, typed arrays in memory', fmtCount(wasm.events), fmtMs(wasm.medianMs), range(wasm.runs, fmtMs),
      `${fmtInt(wasm.inputBytes)} arrays in`, `${(wasm.events / wasm.medianMs / 1000).toFixed(1)} M/s`, fmtBytes(wasm.peakRss), fmtStall(wasm.stalls)]);
  }
  table(`Contenders (DuckDB: median of ${rounds} rounds after 1 warm-up; analyzeEventAggregates: of ${AGGREGATE_RUNS}; analyzeEvents: of ${WASM_RUNS})`,
    ['contender', 'events', 'median', 'min..max', 'bytes moved back / in', 'events/s', 'peak RSS', 'CPU stall'], rows);
  console.log('CPU stall: the median share of a round\'s time in which some task waited for a CPU (/proc/pressure/cpu): ' +
    'other work on this shared machine; near 0% the figures are the programs\' own.');

  const agg = aggregates[aggregates.length - 1];
  console.log(`\nratios and sizes:`);
  if (runs.length > 1) {
    const small = runs[0];
    console.log(`  DuckDB ${fmtCount(big.size.events)} / ${fmtCount(small.size.events)}: ${x(big.totalMs, small.totalMs)} the time for ` +
      `${x(big.size.events, small.size.events)} the events; the aggregates ${fmtInt(big.json)} vs ${fmtInt(small.json)} bytes of JSON, ` +
      `${fmtInt(big.csvBytes)} vs ${fmtInt(small.csvBytes)} of CSV (${fmtInt(big.rows)} vs ${fmtInt(small.rows)} rows): they do not grow with events`);
  }
  console.log(`  the aggregates against the data: Parquet ${fmtBytes(big.data.bytes)} / CSV aggregates ${fmtBytes(big.csvBytes)} = ` +
    `${x(big.data.bytes, big.csvBytes)}; as typed arrays (16 B an event) ${fmtBytes(16 * big.size.events)} / JSON aggregates ${fmtBytes(big.json)} = ` +
    `${x(16 * big.size.events, big.json)}`);
  if (!wasm.failed && !wasm.skipped) {
    const perEvent = (ms, n) => (ms * 1e6) / n;
    console.log(`  DuckDB on ${fmtCount(big.size.events)} / analyzeEvents on ${fmtCount(wasm.events)}: ${x(big.totalMs, wasm.medianMs)} the time ` +
      `for ${x(big.size.events, wasm.events)} the events; per event ${perEvent(big.totalMs, big.size.events).toFixed(1)} ns vs ` +
      `${perEvent(wasm.medianMs, wasm.events).toFixed(1)} ns (throughput, analyzeEvents / DuckDB: ` +
      `${x(perEvent(big.totalMs, big.size.events), perEvent(wasm.medianMs, wasm.events))})`);
    console.log(`  in the browser: analyzeEventAggregates ${fmtMs(agg.rows.medianMs)} on ${fmtCount(big.size.events)}'s tables vs analyzeEvents ` +
      `${fmtMs(wasm.medianMs)} on ${fmtCount(wasm.events)} events (${x(wasm.medianMs, agg.rows.medianMs)})`);
    console.log(`  analyzeEvents ${fmtCount(wasm.events)} (${fmtInt(wasm.users)} users): generated in JS in ${fmtMs(wasm.generateMs)}; input arrays ` +
      `${fmtBytes(wasm.inputBytes)} (ids 4 B + times 8 B + codes 4 B an event); wasm memory ${fmtBytes(wasm.memBefore)} -> ` +
      `${fmtBytes(wasm.memAfter)} (growth ${fmtBytes(wasm.memAfter - wasm.memBefore)}, ${x(wasm.memAfter - wasm.memBefore, wasm.inputBytes)} the input); ` +
      `process RSS ${fmtBytes(wasm.rssBefore)} before the first call, peak ${fmtBytes(wasm.peakRss)}; runs ${wasm.runs.map(fmtMs).join(', ')}`);
  }
  console.log(`  at the end: ${loadAverage()}`);
  for (const t of wasm.tried ?? []) console.log(`  analyzeEvents did not run at ${fmtInt(t.events)} events: ${t.why}`);
  if (wasm.skipped) console.log('  analyzeEvents: skipped (--skip-wasm-events)');
  if (!ok) {
    console.error('bench/warehouse.mjs: the check failed (see above)');
    process.exit(1);
  }
}

start(main);
