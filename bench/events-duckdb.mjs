#!/usr/bin/env node
// DuckDB-Wasm side of the analyzeEvents() benchmark: the same outputs as
// analyzeEvents() computed with SQL by @duckdb/duckdb-wasm running inside this
// Node process, from the arrays bench/events-data.mjs generates, plus a naive
// JS reference that guards the SQL. Importable (another script runs ours and
// DuckDB side by side on the same arrays) and runnable (prints timings).
//
//   node bench/events-duckdb.mjs                       # 1M events/100k users, then 10M/1M, 180 days
//   node bench/events-duckdb.mjs --events N --users U [--days D] [--seed S] [--reps R] [--check] [--bundle eh|mvp]
//
// Needs `npm ci` in tools/ (@duckdb/duckdb-wasm and apache-arrow are pinned
// devDependencies there); loads the wasm from tools/node_modules, offline.
// Without --events, each size runs in a child process of its own, so that
// each peak RSS (the kernel's high-water mark) is its own; the 1M size is also
// checked against the JS reference (--check does that for any size; the
// reference needs ~1.5 GB and ~10 s at 10M). Each size: generate, then R
// rounds (default 4) of load + the three queries, timed separately; the first
// round is cold (V8 compiles DuckDB's 34 MB of wasm lazily, so first calls
// pay for compilation), the summary is the median of the warm rounds.
//
// Definitions (the same as analyzeEvents()):
//   day  = floor(ts / 86400000), days since 1970-01-01 UTC;
//   week = floor((day + 3) / 7), Monday-start weeks (1970-01-01 was a Thursday);
//   daily:  one row per day from the first to the last day with events:
//           { day, date, dau: distinct users, newUsers: users whose first day it is };
//   cohorts: one row per week from the first to the last week: { week, weekStart,
//           size, active } where active[k] = distinct users whose first week is
//           `week` active in week + k, for k = 0 .. lastWeek - week (size = active[0]);
//   growth: one row per week from the first to the last week: { week, weekStart,
//           active, new (first week), retained (active this week and last),
//           resurrected (active this week, not last, not new), churned (active
//           last week, not this) }; active = new + retained + resurrected and
//           active(previous week) = retained + churned.
//
// Each query starts from the raw `events` rows (no shared intermediate table),
// as analyzeEvents() starts from the raw arrays. DuckDB-Wasm runs on one
// thread here (threads = 1: the multi-threaded build is browser-only).
//
// API:
//   const duck = await openDuckDB();                  // { db, conn, version, bundle, wasmBytes(), close() }
//   loadEvents(duck.conn, userIds, timestamps)       // -> ms; table `events`(user_id UINTEGER, ts DOUBLE)
//   dailyActives(conn) / cohortMatrix(conn) / growthAccounting(conn)   // plain JS results
//   await runDuckDB(userIds, timestamps, { duck })   // -> { results: { daily, cohorts, growth }, ms: {...} }
//   referenceJS(userIds, timestamps)                 // same results, naive JS
//   assertSameResults(a, b, 'duckdb', 'reference')   // throws on the first difference
//   checkGrowthIdentities(growth)                    // throws if an identity fails

import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { generateEvents, DAY_MS } from './events-data.mjs';

const SCRIPT = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SCRIPT), '..');
// Resolve the packages from tools/ (where package.json pins them). Both are
// loaded through require: duckdb-wasm's Node build is CommonJS and requires
// apache-arrow's CommonJS build, and our Arrow must be that same module
// instance. An ESM `import 'apache-arrow'` loads a second copy
// (Arrow.node.mjs); conn.insertArrowTable() given a Table from it serializes
// it to zero bytes and returns without error, creating no table at all.
const toolsRequire = createRequire(path.join(ROOT, 'tools', 'package.json'));

let duckdbModule = null;
let arrowModule = null;
function modules() {
  if (!duckdbModule) {
    try {
      duckdbModule = toolsRequire('@duckdb/duckdb-wasm/blocking');
      arrowModule = toolsRequire('apache-arrow');
    } catch (e) {
      throw new Error(`@duckdb/duckdb-wasm or apache-arrow is missing: run npm ci in tools/ (${e.message})`);
    }
  }
  return { duckdb: duckdbModule, arrow: arrowModule };
}

/**
 * Opens an in-memory DuckDB-Wasm database in this process, synchronously
 * callable (the "blocking" Node build: no worker, no fetch, files read from
 * tools/node_modules). bundle: 'eh' (wasm exception handling, what
 * selectBundle picks on Node 20) or 'mvp'.
 */
export async function openDuckDB({ bundle } = {}) {
  const { duckdb } = modules();
  const dist = path.dirname(toolsRequire.resolve('@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm'));
  const all = {
    mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') },
  };
  // createDuckDB picks eh when the platform has wasm exceptions (Node 20
  // has), else mvp; given only mvp, it takes mvp.
  const bundles = bundle === 'mvp' ? { mvp: all.mvp } : all;
  const chosen = (await duckdb.selectBundle(bundles)).mainModule;
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate(() => {});
  db.open({ query: { castBigIntToDouble: true } });
  const conn = db.connect();
  return {
    db, conn,
    version: `duckdb-wasm ${duckdb.PACKAGE_VERSION}, DuckDB ${db.getVersion()}`,
    bundle: path.basename(chosen),
    /** Bytes of wasm linear memory (only grows; DuckDB's high-water mark). */
    wasmBytes: () => db.mod?.HEAPU8?.length ?? NaN,
    close() { try { conn.close(); } catch { /* already closed */ } try { db.reset(); } catch { /* ignore */ } },
  };
}

/**
 * Loads the arrays into table `table` (user_id UINTEGER, ts DOUBLE), replacing
 * it: Arrow tables built on the typed arrays without copying, sent as Arrow IPC
 * streams of `chunkRows` rows (the wasm heap gets one chunk at a time).
 * Returns the time taken in ms.
 */
export function loadEvents(conn, userIds, timestamps, { table = 'events', chunkRows = 1 << 20 } = {}) {
  const { arrow } = modules();
  if (!(userIds instanceof Uint32Array) || !(timestamps instanceof Float64Array) || userIds.length !== timestamps.length) {
    throw new TypeError('userIds: Uint32Array and timestamps: Float64Array of the same length');
  }
  const t0 = performance.now();
  conn.query(`DROP TABLE IF EXISTS ${table}`);
  const n = userIds.length;
  if (n === 0) conn.query(`CREATE TABLE ${table} (user_id UINTEGER, ts DOUBLE)`);
  for (let s = 0; s < n; s += chunkRows) {
    const e = Math.min(n, s + chunkRows);
    const t = arrow.makeTable({ user_id: userIds.subarray(s, e), ts: timestamps.subarray(s, e) });
    conn.insertArrowFromIPCStream(arrow.tableToIPC(t, 'stream'), { name: table, create: s === 0 });
  }
  return performance.now() - t0;
}

const DAY = `floor(ts / ${DAY_MS})::INTEGER`;
const WEEK = `((${DAY} + 3) // 7)`;

export const SQL = {
  daily: `
WITH ud AS (SELECT DISTINCT user_id, ${DAY} AS day FROM events),
     d AS (SELECT day, count(*) AS dau FROM ud GROUP BY day),
     n AS (SELECT first_day AS day, count(*) AS new_users
           FROM (SELECT user_id, min(day) AS first_day FROM ud GROUP BY user_id) GROUP BY first_day),
     r AS (SELECT range::INTEGER AS day FROM range((SELECT min(day) FROM d), (SELECT max(day) FROM d) + 1))
SELECT r.day, coalesce(d.dau, 0)::INTEGER AS dau, coalesce(n.new_users, 0)::INTEGER AS new_users
FROM r LEFT JOIN d ON d.day = r.day LEFT JOIN n ON n.day = r.day
ORDER BY r.day`,
  cohorts: `
WITH uw AS (SELECT DISTINCT user_id, ${WEEK} AS week FROM events),
     c AS (SELECT user_id, min(week) AS cohort FROM uw GROUP BY user_id)
SELECT c.cohort::INTEGER AS cohort, (uw.week - c.cohort)::INTEGER AS k, count(*)::INTEGER AS users
FROM uw JOIN c ON c.user_id = uw.user_id
GROUP BY c.cohort, uw.week
ORDER BY 1, 2`,
  // Each (user, week) with the user's previous and next active week: new when
  // there is no previous one, retained when it is week - 1, resurrected when
  // earlier; churned in week + 1 when the next one is not week + 1.
  growth: `
WITH uw AS (SELECT DISTINCT user_id, ${WEEK} AS week FROM events),
     s AS (SELECT week, lag(week) OVER w AS prev, lead(week) OVER w AS nxt
           FROM uw WINDOW w AS (PARTITION BY user_id ORDER BY week)),
     cur AS (SELECT week, count(*) AS active,
                    count(*) FILTER (WHERE prev IS NULL) AS new,
                    count(*) FILTER (WHERE prev = week - 1) AS retained,
                    count(*) FILTER (WHERE prev < week - 1) AS resurrected
             FROM s GROUP BY week),
     ch AS (SELECT week + 1 AS week, count(*) AS churned
            FROM s WHERE nxt IS NULL OR nxt > week + 1 GROUP BY week),
     r AS (SELECT range::INTEGER AS week FROM range((SELECT min(week) FROM uw), (SELECT max(week) FROM uw) + 1))
SELECT r.week, coalesce(cur.active, 0)::INTEGER AS active, coalesce(cur.new, 0)::INTEGER AS new,
       coalesce(cur.retained, 0)::INTEGER AS retained, coalesce(cur.resurrected, 0)::INTEGER AS resurrected,
       coalesce(ch.churned, 0)::INTEGER AS churned
FROM r LEFT JOIN cur ON cur.week = r.week LEFT JOIN ch ON ch.week = r.week
ORDER BY r.week`,
};

const isoDate = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const weekStart = (week) => isoDate(week * 7 - 3);

/** Rows of an Arrow result as arrays of plain numbers, one per column. */
function columns(table, names) {
  return names.map((n) => Array.from(table.getChild(n).toArray(), Number));
}

/** [{ day, date, dau, newUsers }] for every day from the first to the last. */
export function dailyActives(conn) {
  const [day, dau, nu] = columns(conn.query(SQL.daily), ['day', 'dau', 'new_users']);
  return day.map((d, i) => ({ day: d, date: isoDate(d), dau: dau[i], newUsers: nu[i] }));
}

/** [{ week, weekStart, size, active: [...] }] for every week from the first to the last. */
export function cohortMatrix(conn) {
  const [cohort, k, users] = columns(conn.query(SQL.cohorts), ['cohort', 'k', 'users']);
  return buildCohorts(cohort, k, users);
}

function buildCohorts(cohort, k, users) {
  if (cohort.length === 0) return [];
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < cohort.length; i++) {
    lo = Math.min(lo, cohort[i]);
    hi = Math.max(hi, cohort[i] + k[i]);
  }
  const rows = [];
  for (let w = lo; w <= hi; w++) rows.push({ week: w, weekStart: weekStart(w), size: 0, active: new Array(hi - w + 1).fill(0) });
  for (let i = 0; i < cohort.length; i++) rows[cohort[i] - lo].active[k[i]] = users[i];
  for (const r of rows) r.size = r.active[0];
  return rows;
}

/** [{ week, weekStart, active, new, retained, resurrected, churned }] for every week. */
export function growthAccounting(conn) {
  const names = ['week', 'active', 'new', 'retained', 'resurrected', 'churned'];
  const cols = columns(conn.query(SQL.growth), names);
  return cols[0].map((w, i) => ({
    week: w, weekStart: weekStart(w),
    active: cols[1][i], new: cols[2][i], retained: cols[3][i], resurrected: cols[4][i], churned: cols[5][i],
  }));
}

/** Throws unless active = new + retained + resurrected and active(t-1) = retained + churned. */
export function checkGrowthIdentities(growth) {
  for (let i = 0; i < growth.length; i++) {
    const g = growth[i];
    const prev = i > 0 ? growth[i - 1].active : 0;
    if (g.active !== g.new + g.retained + g.resurrected) {
      throw new Error(`growth week ${g.weekStart}: active ${g.active} != new ${g.new} + retained ${g.retained} + resurrected ${g.resurrected}`);
    }
    if (prev !== g.retained + g.churned) {
      throw new Error(`growth week ${g.weekStart}: previous active ${prev} != retained ${g.retained} + churned ${g.churned}`);
    }
  }
}

/**
 * Loads the arrays and runs the three queries, each timed.
 * opts.duck: a database from openDuckDB() to reuse (else one is opened and closed).
 */
export async function runDuckDB(userIds, timestamps, opts = {}) {
  const own = !opts.duck;
  const duck = opts.duck ?? await openDuckDB(opts);
  try {
    const ms = {};
    ms.load = loadEvents(duck.conn, userIds, timestamps, opts);
    let t = performance.now();
    const daily = dailyActives(duck.conn);
    ms.daily = performance.now() - t; t = performance.now();
    const cohorts = cohortMatrix(duck.conn);
    ms.cohorts = performance.now() - t; t = performance.now();
    const growth = growthAccounting(duck.conn);
    ms.growth = performance.now() - t;
    ms.queries = ms.daily + ms.cohorts + ms.growth;
    ms.total = ms.load + ms.queries;
    return { results: { daily, cohorts, growth }, ms };
  } finally {
    if (own) duck.close();
  }
}

/**
 * The same three results computed naively in JS (Maps and Sets of user ids
 * per day and per week), as a guard on the SQL. Memory-hungry: ~1.5 GB at 10M.
 */
export function referenceJS(userIds, timestamps) {
  const byDay = new Map(); // day -> Set(user)
  for (let i = 0; i < userIds.length; i++) {
    const d = Math.floor(timestamps[i] / DAY_MS);
    let s = byDay.get(d);
    if (!s) byDay.set(d, (s = new Set()));
    s.add(userIds[i]);
  }
  if (byDay.size === 0) return { daily: [], cohorts: [], growth: [] };
  const days = [...byDay.keys()].sort((a, b) => a - b);
  const firstDay = new Map(); // user -> first day
  const byWeek = new Map(); // week -> Set(user)
  for (const d of days) {
    const w = Math.floor((d + 3) / 7);
    let ws = byWeek.get(w);
    if (!ws) byWeek.set(w, (ws = new Set()));
    for (const u of byDay.get(d)) {
      if (!firstDay.has(u)) firstDay.set(u, d);
      ws.add(u);
    }
  }
  const newPerDay = new Map();
  for (const d of firstDay.values()) newPerDay.set(d, (newPerDay.get(d) ?? 0) + 1);
  const daily = [];
  for (let d = days[0]; d <= days[days.length - 1]; d++) {
    daily.push({ day: d, date: isoDate(d), dau: byDay.get(d)?.size ?? 0, newUsers: newPerDay.get(d) ?? 0 });
  }

  const cohortOf = (u) => Math.floor((firstDay.get(u) + 3) / 7);
  const lo = Math.floor((days[0] + 3) / 7), hi = Math.floor((days[days.length - 1] + 3) / 7);
  const cohorts = [];
  for (let w = lo; w <= hi; w++) cohorts.push({ week: w, weekStart: weekStart(w), size: 0, active: new Array(hi - w + 1).fill(0) });
  const empty = new Set();
  const growth = [];
  for (let w = lo; w <= hi; w++) {
    const A = byWeek.get(w) ?? empty, P = byWeek.get(w - 1) ?? empty;
    let nw = 0, retained = 0, resurrected = 0, churned = 0;
    for (const u of A) {
      const c = cohortOf(u);
      cohorts[c - lo].active[w - c]++;
      if (c === w) nw++;
      else if (P.has(u)) retained++;
      else resurrected++;
    }
    for (const u of P) if (!A.has(u)) churned++;
    growth.push({ week: w, weekStart: weekStart(w), active: A.size, new: nw, retained, resurrected, churned });
  }
  for (const r of cohorts) r.size = r.active[0];
  return { daily, cohorts, growth };
}

/** Throws an Error naming the first difference between two { daily, cohorts, growth }. */
export function assertSameResults(a, b, nameA = 'a', nameB = 'b') {
  const diff = (p, x, y) => {
    if (typeof x !== typeof y || Array.isArray(x) !== Array.isArray(y)) return `${p}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`;
    if (Array.isArray(x)) {
      if (x.length !== y.length) return `${p}.length: ${x.length} vs ${y.length}`;
      for (let i = 0; i < x.length; i++) { const d = diff(`${p}[${i}]`, x[i], y[i]); if (d) return d; }
      return null;
    }
    if (x && typeof x === 'object') {
      const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
      for (const k of keys) { const d = diff(`${p}.${k}`, x[k], y[k]); if (d) return d; }
      return null;
    }
    return Object.is(x, y) ? null : `${p}: ${x} vs ${y}`;
  };
  for (const key of ['daily', 'cohorts', 'growth']) {
    const d = diff(key, a[key], b[key]);
    if (d) throw new Error(`${nameA} and ${nameB} differ at ${d}`);
  }
}

// ------------------------------------------------------------ CLI

const argv = process.argv.slice(2);
function opt(name, fallback) {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = argv[i + 1];
  return v;
}
function num(name, fallback) {
  const v = opt(name, undefined);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) { console.error(`--${name} needs a number`); process.exit(2); }
  return n;
}
const mb = (bytes) => `${(bytes / 1048576).toFixed(0)} MB`;
const fmt = (x) => x.toFixed(0).padStart(6);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[(s.length - 1) >> 1]; };

async function runOneSize() {
  const events = num('events'), users = num('users', Math.max(1, Math.round(events / 10)));
  const days = num('days', 180), seed = num('seed', 20240601), reps = Math.max(1, num('reps', 4));
  const check = argv.includes('--check');
  const tag = `${events.toLocaleString('en')} events / ${users.toLocaleString('en')} users / ${days} days`;

  let t = performance.now();
  const { userIds, timestamps } = generateEvents({ events, users, days, seed });
  const genMs = performance.now() - t;
  t = performance.now();
  const duck = await openDuckDB({ bundle: opt('bundle', undefined) });
  const openMs = performance.now() - t;
  console.log(`${tag} (seed ${seed}): generated in ${genMs.toFixed(0)} ms; ${duck.version} (${duck.bundle}) opened in ${openMs.toFixed(0)} ms`);
  console.log('  round    load   daily cohorts  growth queries (ms)');
  const rounds = [];
  let results;
  for (let r = 0; r < reps; r++) {
    const out = await runDuckDB(userIds, timestamps, { duck });
    results = out.results;
    rounds.push(out.ms);
    const m = out.ms;
    console.log(`  ${r === 0 ? 'cold ' : `warm${r}`} ${fmt(m.load)}  ${fmt(m.daily)}  ${fmt(m.cohorts)}  ${fmt(m.growth)}  ${fmt(m.queries)}`);
  }
  checkGrowthIdentities(results.growth);
  const warm = rounds.length > 1 ? rounds.slice(1) : rounds;
  const med = Object.fromEntries(['load', 'daily', 'cohorts', 'growth', 'queries'].map((k) => [k, median(warm.map((m) => m[k]))]));
  if (rounds.length > 1) {
    console.log(`  median ${fmt(med.load)}  ${fmt(med.daily)}  ${fmt(med.cohorts)}  ${fmt(med.growth)}  ${fmt(med.queries)}   (of the ${warm.length} warm rounds${warm.length % 2 ? '' : ', the lower middle'})`);
  }
  const cells = results.cohorts.reduce((s, c) => s + c.active.length, 0);
  const peakDau = Math.max(...results.daily.map((d) => d.dau));
  const last = results.growth[results.growth.length - 1];
  console.log(`  rows: daily ${results.daily.length} (peak DAU ${peakDau}), cohorts ${results.cohorts.length} weeks (${cells} cells), ` +
    `growth ${results.growth.length} weeks (last: active ${last.active} = new ${last.new} + retained ${last.retained} + resurrected ${last.resurrected}; churned ${last.churned}); identities hold`);

  if (check) {
    t = performance.now();
    const ref = referenceJS(userIds, timestamps);
    const refMs = performance.now() - t;
    checkGrowthIdentities(ref.growth);
    assertSameResults(results, ref, 'DuckDB', 'the JS reference');
    console.log(`  DuckDB = JS reference on all three outputs (reference took ${refMs.toFixed(0)} ms)`);
  }
  const rss = process.resourceUsage().maxRSS * 1024;
  console.log(`  peak RSS ${mb(rss)} (whole process: arrays, Arrow IPC chunks, DuckDB wasm memory ${mb(duck.wasmBytes())}${check ? ', JS reference' : ''})`);
  duck.close();
}

function runDefaultSizes() {
  const sizes = [
    ['--events', '1000000', '--users', '100000', '--check'],
    ['--events', '10000000', '--users', '1000000'],
  ];
  const pass = argv.filter((a, i) => !['--events', '--users'].includes(a) && !['--events', '--users'].includes(argv[i - 1]));
  for (const s of sizes) {
    const r = spawnSync(process.execPath, [SCRIPT, ...s, ...pass], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === SCRIPT) {
  if (argv.includes('--help')) {
    console.log('usage: node bench/events-duckdb.mjs [--events N --users U] [--days D] [--seed S] [--reps R] [--check] [--bundle eh|mvp]');
  } else if (opt('events', undefined) === undefined) runDefaultSizes();
  else {
    runOneSize().catch((e) => { console.error(e); process.exit(1); });
  }
}
