#!/usr/bin/env node
// Side-by-side benchmark of analyzeEvents()'s object form (issue 16: event
// names, activation, sessions), in one Node process on the same in-memory
// typed arrays: ours (the wasm build, pkg/node), the same Rust built natively
// and loaded as a Node addon (examples/node_addon.rs, analyzeEventColumns:
// the ceiling), and native DuckDB (@duckdb/node-api, in this process) computing
// the same figures in SQL; checks ours = native (whole result) and ours =
// DuckDB (the figures below), and exits 1 on a difference.
//
//   node bench/event-names.mjs [--sizes 1m,10m] [--runs R] [--seed S] [--names K]
//                              [--activation NAME] [--skip-duckdb]
//                              [--native-profile release|bench-native] [--no-build]
//   node bench/event-names.mjs --dump DIR [--sizes 10m] [--seed S] [--names K]
//
// --dump writes the first size's arrays to DIR (user_ids.u32, timestamps.f64,
// codes.u32, session_ids.u32: raw little-endian; dictionary.json) and exits,
// for profiling the native build outside Node.
//
// Run `bash scripts/build.sh` first (pkg/), and `npm ci` in tools/
// (@duckdb/node-api: DuckDB's own native build, from the npm registry). The
// addon is built as bench/events.mjs builds it (`cargo build --example
// node_addon --release`). Re-runs itself under `node --expose-gc`.
//
// Data, per size (1m = 1,000,000 events / 100,000 users, 10m = 10M / 1M; any
// N[k|m], users = events / 10; 180 days; seed 20240601):
//   - userIds, timestamps: bench/events-data.mjs (the arrays bench/events.mjs uses);
//   - event names: K (default 50) names; each event's name drawn from a
//     Zipf law (weight 1 / rank^1.07) by its own seeded generator; codes index
//     the dictionary (sorted by name, so code order is not rank order);
//   - session ids: each user's events in time order, a new session after a
//     gap of more than 30 minutes (the session's generator, not the
//     library's); ids unique across users, scattered over uint32; events named
//     SERVER_SIDE (about 1%) carry no session (0xFFFFFFFF), as server-side
//     events in real exports do.
// Contenders, each 1 warm-up (DuckDB: a cold round) then R runs (default 5), median:
//   - ours: a fresh pkg/node instance; analyzeEvents({ userIds, timestamps,
//     eventNames: { codes, dictionary }, sessionIds }, { activationEvent,
//     activationWindowDays: 7 }): the whole call (copies into wasm memory,
//     analysis, the JS result). Peak memory: wasm linear memory growth;
//   - native: addon.analyzeEventColumns(...) + JSON.parse; the addon copies
//     the borrowed arrays into the Vecs that EventColumns owns (as the wasm
//     build copies them in), so those copies are in its time and heap peak;
//   - DuckDB: a new in-memory database (not timed); load = the four arrays
//     appended as data chunks (memcpy per 2,048-row vector) into one table;
//     then the three queries below. Time = load + queries (both printed).
// Definitions checked against ours (day = floor(ts / 86400000), UTC; as-of =
// the last event's day; end = the end of the as-of day):
//   - per event name: users (distinct users), recentUsers (distinct users with
//     that name in days as-of - 27 .. as-of), adoption = users / all users,
//     usage = recentUsers / users active in those 28 days;
//   - activation: per user start = first event; users = all users; eligible
//     when end - start >= 7 days; activated when eligible and first
//     activation event - start <= 7 days (ms);
//   - sessions: per (user, session id), session id not 0xFFFFFFFF: length =
//     max(ts) - min(ts); count, mean and median minutes; per active user-day
//     (count / distinct (user, day)); events without a session.
// Counts must be equal; minutes and rates within 1e-9 relative.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { generateEvents, DAY_MS, DEFAULTS } from './events-data.mjs';
import { loadOurs, loadNative } from './events.mjs';
import { prng } from './prng.mjs';
import { table } from './table.mjs';
import { commandLine, summarize } from './cli.mjs';
import { firstDifference, median } from './compare.mjs';

const SCRIPT = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SCRIPT), '..');

// ------------------------------------------------------------ arguments

const USAGE = 'usage: node bench/event-names.mjs [--sizes 1m,10m] [--runs R] [--seed S] [--names K] ' +
  '[--activation NAME] [--skip-duckdb] [--native-profile release|bench-native] [--no-build] [--dump DIR]';
const KNOWN = new Set(['sizes', 'runs', 'seed', 'names', 'activation', 'skip-duckdb', 'native-profile', 'no-build', 'dump', 'help']);
const WITH_VALUE = new Set(['sizes', 'runs', 'seed', 'names', 'activation', 'native-profile', 'dump']);
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

function parseSize(s) {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(s.trim());
  if (!m) usage(`--sizes takes a list like 1m,10m, not ${s}`);
  const events = Math.round(Number(m[1]) * ({ '': 1, k: 1e3, m: 1e6 }[m[2].toLowerCase()]));
  if (!(events >= 10)) usage(`size ${s}: at least 10 events`);
  return { label: s.trim().toLowerCase(), events, users: Math.max(1, Math.round(events / 10)), days: 180 };
}

// ------------------------------------------------------------ the data

/** Event names by rank (most frequent first); the first 50 are used by default. */
export const NAMES_BY_RANK = [
  'page_viewed', 'button_clicked', 'dashboard_viewed', 'search_performed', 'item_opened',
  'list_filtered', 'comment_added', 'file_uploaded', 'notification_opened', 'settings_viewed',
  'project_created', 'task_created', 'task_completed', 'report_viewed', 'chart_created',
  'invite_sent', 'file_downloaded', 'tag_added', 'mention_sent', 'template_used',
  'invoice_paid', 'report_exported', 'integration_connected', 'filter_saved', 'view_shared',
  'workspace_switched', 'member_invited', 'calendar_synced', 'reminder_set', 'automation_created',
  'automation_run', 'api_key_created', 'webhook_added', 'theme_changed', 'profile_updated',
  'password_changed', 'billing_viewed', 'plan_upgraded', 'plan_downgraded', 'seat_added',
  'export_scheduled', 'import_started', 'import_completed', 'comment_resolved', 'board_archived',
  'guest_invited', 'sso_configured', 'audit_log_viewed', 'data_deleted', 'account_closed',
];
const SERVER_SIDE = 'invoice_paid';
const DEFAULT_ACTIVATION = 'project_created';
export const ZIPF_S = 1.07;
const SESSION_GAP_MS = 30 * 60_000;
const NO_SESSION = 0xFFFFFFFF;

/** The multiplicative inverse of an odd a mod 2^32 (Newton). */
function inverseOdd(a) {
  let x = a >>> 0; // right to 3 bits for odd a
  for (let i = 0; i < 5; i++) x = Math.imul(x, (2 - Math.imul(a, x)) >>> 0) >>> 0;
  return x >>> 0;
}

/**
 * The events of bench/events-data.mjs with an event name and a session id
 * each: { userIds, timestamps, codes, dictionary, sessionIds, sessions,
 * withoutSession, ... }.
 */
export function generateNamedEvents({ events, users, days, seed, names = 50 }) {
  if (!(names >= 1 && names <= NAMES_BY_RANK.length)) throw new RangeError(`names: 1..${NAMES_BY_RANK.length}`);
  const base = generateEvents({ events, users, days, seed });
  const { userIds, timestamps } = base;
  const E = userIds.length, U = users;
  const ranked = NAMES_BY_RANK.slice(0, names);
  const dictionary = [...ranked].sort();
  const codeOfRank = Uint32Array.from(ranked, (n) => dictionary.indexOf(n));
  // Names: Zipf by rank, a generator of their own (the ids and times stay
  // those of bench/events-data.mjs for the same seed).
  const cum = new Float64Array(names);
  let tot = 0;
  for (let r = 0; r < names; r++) { tot += 1 / Math.pow(r + 1, ZIPF_S); cum[r] = tot; }
  for (let r = 0; r < names; r++) cum[r] /= tot;
  const rand = prng((seed ^ 0x5bd1e995) >>> 0);
  const codes = new Uint32Array(E);
  for (let i = 0; i < E; i++) {
    const x = rand();
    let r = 0;
    while (r < names - 1 && cum[r] <= x) r++;
    codes[i] = codeOfRank[r];
  }
  // Each user's events in time order: ids back to user indices (the inverse
  // of events-data.mjs's scatterId), a counting sort by user, then each
  // user's keys (time since the window's start * 65536 + position) sorted.
  const inv = inverseOdd(2654435761);
  const userIndex = new Uint32Array(E);
  const start = new Uint32Array(U + 1);
  for (let i = 0; i < E; i++) {
    const u = Math.imul((userIds[i] - 12345) >>> 0, inv) >>> 0;
    if (u >= U) throw new Error(`user id ${userIds[i]} is not a scattered index below ${U}`);
    userIndex[i] = u;
    start[u + 1]++;
  }
  for (let u = 0; u < U; u++) start[u + 1] += start[u];
  const order = new Uint32Array(E);
  const next = start.slice(0, U);
  for (let i = 0; i < E; i++) order[next[userIndex[i]]++] = i;
  const t0 = base.firstDay * DAY_MS;
  const serverCode = dictionary.indexOf(SERVER_SIDE);
  const sessionIds = new Uint32Array(E);
  let keys = new Float64Array(1024);
  let counter = 0, withoutSession = 0;
  const scatterSession = (c) => (Math.imul(c, 2246822519) + 7) >>> 0;
  for (let u = 0; u < U; u++) {
    const a = start[u], n = start[u + 1] - a;
    if (n === 0) continue;
    if (n > 65536) throw new Error(`user ${u} has ${n} events (at most 65,536 here)`);
    if (n > keys.length) keys = new Float64Array(n * 2);
    const k = keys.subarray(0, n);
    for (let j = 0; j < n; j++) k[j] = (timestamps[order[a + j]] - t0) * 65536 + j;
    k.sort();
    let prev = -Infinity, id = NO_SESSION;
    for (let j = 0; j < n; j++) {
      const i = order[a + (k[j] % 65536)];
      if (codes[i] === serverCode) { sessionIds[i] = NO_SESSION; withoutSession++; continue; }
      const t = timestamps[i];
      if (t - prev > SESSION_GAP_MS) {
        id = scatterSession(counter++);
        if (id === NO_SESSION) id = scatterSession(counter++);
      }
      sessionIds[i] = id;
      prev = t;
    }
  }
  return { ...base, codes, dictionary, sessionIds, sessions: counter, withoutSession };
}

// ------------------------------------------------------------ ours

function runOurs(input, options) {
  const { mv, memory, error } = loadOurs();
  if (error) return { failed: error };
  gc();
  const memBefore = memory.buffer.byteLength;
  const runsMs = [];
  let last = null;
  const arrays = {
    userIds: input.userIds, timestamps: input.timestamps,
    eventNames: { codes: input.codes, dictionary: input.dictionary }, sessionIds: input.sessionIds,
  };
  try {
    for (let i = 0; i <= RUNS; i++) {
      last = null;
      gc();
      const t0 = now();
      last = mv.analyzeEvents(arrays, options);
      const ms = msSince(t0);
      if (i > 0) runsMs.push(ms);
      process.stderr.write(`  ours: ${i === 0 ? 'warm-up' : `run ${i}/${RUNS}`} ${fmtMs(ms)}\n`);
    }
  } catch (e) {
    return { failed: `analyzeEvents threw: ${e?.message ?? e}` };
  }
  const memAfter = memory.buffer.byteLength;
  return { medianMs: median(runsMs), runsMs, memBefore, memAfter, peakBytes: memAfter - memBefore, result: last };
}

// ------------------------------------------------------------ native

function runNative(addon, input, options) {
  const runsMs = [];
  const callMs = [];
  let peakBytes = 0;
  let last = null;
  const dictionaryJson = JSON.stringify(input.dictionary);
  const optionsJson = JSON.stringify(options);
  try {
    for (let i = 0; i <= RUNS; i++) {
      last = null;
      gc();
      addon.resetHeapPeak();
      const heapBefore = addon.heapCurrentBytes();
      const t0 = now();
      const json = addon.analyzeEventColumns(input.userIds, input.timestamps, input.codes, dictionaryJson, input.sessionIds, optionsJson);
      const t1 = now();
      last = JSON.parse(json);
      const t2 = now();
      const ms = Number(t2 - t0) / 1e6;
      peakBytes = Math.max(peakBytes, addon.heapPeakBytes() - heapBefore);
      if (i > 0) { runsMs.push(ms); callMs.push(Number(t1 - t0) / 1e6); }
      process.stderr.write(`  native: ${i === 0 ? 'warm-up' : `run ${i}/${RUNS}`} ${fmtMs(ms)} (JSON.parse ${fmtMs(Number(t2 - t1) / 1e6)})\n`);
    }
  } catch (e) {
    return { failed: `analyzeEventColumns threw: ${e?.message ?? e}` };
  }
  return { medianMs: median(runsMs), runsMs, callMs: median(callMs), peakBytes, result: last };
}

// ------------------------------------------------------------ DuckDB (native, @duckdb/node-api)

const toolsRequire = createRequire(path.join(ROOT, 'tools', 'package.json'));

function duckModules() {
  try {
    return { api: toolsRequire('@duckdb/node-api'), bindings: toolsRequire('@duckdb/node-bindings') };
  } catch (e) {
    throw new Error(`@duckdb/node-api is missing: run npm ci in tools/ (${e.message})`);
  }
}

/** Appends the arrays to a new table `events` as 2,048-row data chunks (a memcpy per vector). */
async function duckLoad(api, bindings, conn, input) {
  await conn.run('DROP TABLE IF EXISTS events');
  await conn.run('CREATE TABLE events (user_id UINTEGER, ts DOUBLE, code UINTEGER, session_id UINTEGER)');
  await conn.run('DROP TABLE IF EXISTS names');
  await conn.run('CREATE TABLE names (code UINTEGER, name VARCHAR)');
  const names = await conn.createAppender('names');
  input.dictionary.forEach((name, code) => { names.appendUInteger(code); names.appendVarchar(name); names.endRow(); });
  names.closeSync();
  const appender = await conn.createAppender('events');
  const cols = [input.userIds, input.timestamps, input.codes, input.sessionIds];
  const chunk = api.DuckDBDataChunk.create([api.UINTEGER, api.DOUBLE, api.UINTEGER, api.UINTEGER], 2048);
  const vectors = cols.map((_, c) => chunk.getColumnVector(c).vector);
  const n = input.userIds.length;
  for (let s = 0; s < n; s += 2048) {
    const e = Math.min(n, s + 2048);
    for (let c = 0; c < cols.length; c++) {
      const a = cols[c].subarray(s, e);
      bindings.copy_data_to_vector(vectors[c], 0, a.buffer, a.byteOffset, a.byteLength);
    }
    chunk.rowCount = e - s;
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}

const DAY = `floor(ts / ${DAY_MS})::BIGINT`;
const AS_OF = `(SELECT max(${DAY}) FROM events)`;
const SQL = {
  features: `
WITH b AS (SELECT ${AS_OF} AS as_of),
     e AS (SELECT user_id, code, ${DAY} > (SELECT as_of FROM b) - 28 AS recent FROM events)
SELECT n.name, count(DISTINCT e.user_id) AS users,
       count(DISTINCT e.user_id) FILTER (WHERE e.recent) AS recent_users,
       (SELECT count(DISTINCT user_id) FROM e) AS all_users,
       (SELECT count(DISTINCT user_id) FROM e WHERE recent) AS recent_actives
FROM e JOIN names n ON n.code = e.code
GROUP BY n.name ORDER BY n.name`,
  activation: (code, windowDays) => `
WITH b AS (SELECT (${AS_OF} + 1) * ${DAY_MS} AS end_ms),
     u AS (SELECT user_id, min(ts) AS start, min(ts) FILTER (WHERE code = ${code}) AS first_act
           FROM events GROUP BY user_id),
     f AS (SELECT (SELECT end_ms FROM b) - start >= ${windowDays * DAY_MS} AS eligible,
                  first_act - start AS took FROM u)
SELECT count(*) AS users,
       count(*) FILTER (WHERE eligible) AS eligible,
       count(*) FILTER (WHERE eligible AND took <= ${windowDays * DAY_MS}) AS activated,
       count(*) FILTER (WHERE eligible AND took > ${windowDays * DAY_MS} AND took < ${windowDays * DAY_MS + 1000}) AS within_a_second_after
FROM f`,
  sessions: `
WITH s AS (SELECT max(ts) - min(ts) AS len FROM events WHERE session_id <> ${NO_SESSION} GROUP BY user_id, session_id)
SELECT count(*) AS count, sum(len) AS total_ms, median(len) AS median_ms,
       (SELECT count(*) FROM events WHERE session_id = ${NO_SESSION}) AS without_session,
       (SELECT count(*) FROM (SELECT DISTINCT user_id, ${DAY} FROM events)) AS active_user_days
FROM s`,
};

async function duckQuery(conn, sql) {
  const reader = await conn.runAndReadAll(sql);
  const names = reader.columnNames();
  return reader.getRows().map((row) => Object.fromEntries(row.map((v, i) => [names[i], typeof v === 'bigint' ? Number(v) : v])));
}

/** The figures checked, from DuckDB's query results. */
async function duckFigures(conn, input, activation) {
  const t0 = now();
  const features = await duckQuery(conn, SQL.features);
  const t1 = now();
  const [act] = await duckQuery(conn, SQL.activation(input.dictionary.indexOf(activation), 7));
  const t2 = now();
  const [ses] = await duckQuery(conn, SQL.sessions);
  const t3 = now();
  const ms = (a, b) => Number(b - a) / 1e6;
  const byName = {};
  for (const f of features) {
    byName[f.name] = { users: f.users, recentUsers: f.recent_users, adoption: f.users / f.all_users, usage: f.recent_users / f.recent_actives };
  }
  const figures = {
    features: byName,
    activation: { users: act.users, eligible: act.eligible, activated: act.activated },
    sessions: {
      count: ses.count, meanMinutes: ses.total_ms / ses.count / 60_000, medianMinutes: ses.median_ms / 60_000,
      perActiveUserDay: ses.count / ses.active_user_days, eventsWithoutSession: ses.without_session,
    },
  };
  return { figures, withinASecondAfter: act.within_a_second_after, ms: { features: ms(t0, t1), activation: ms(t1, t2), sessions: ms(t2, t3) } };
}

async function runDuck(input, activation) {
  let api, bindings;
  try {
    ({ api, bindings } = duckModules());
  } catch (e) {
    return { failed: e.message };
  }
  const threads = String(os.cpus().length);
  const instance = await api.DuckDBInstance.create(':memory:', { threads });
  const conn = await instance.connect();
  try {
    const [{ v }] = await duckQuery(conn, 'SELECT version() AS v');
    const rss0 = maxRssBytes();
    const rounds = [];
    let out = null;
    for (let i = 0; i <= RUNS; i++) {
      out = null;
      gc();
      const t0 = now();
      await duckLoad(api, bindings, conn, input);
      const load = msSince(t0);
      out = await duckFigures(conn, input, activation);
      const total = msSince(t0);
      const queries = total - load;
      rounds.push({ total, load, queries, ...out.ms });
      process.stderr.write(`  duckdb: ${i === 0 ? 'cold   ' : `run ${i}/${RUNS}`} ${fmtMs(total)} (load ${fmtMs(load)}, ` +
        `features ${fmtMs(out.ms.features)}, activation ${fmtMs(out.ms.activation)}, sessions ${fmtMs(out.ms.sessions)})\n`);
    }
    const warm = rounds.slice(1);
    const med = (k) => median(warm.map((m) => m[k]));
    return {
      version: `DuckDB ${v} (@duckdb/node-api, native, ${threads} threads)`, coldMs: rounds[0].total,
      runsMs: warm.map((m) => m.total), medianMs: med('total'), loadMs: med('load'), queriesMs: med('queries'),
      featuresMs: med('features'), activationMs: med('activation'), sessionsMs: med('sessions'),
      rssGrowth: maxRssBytes() - rss0, figures: out.figures, withinASecondAfter: out.withinASecondAfter,
    };
  } catch (e) {
    return { failed: e?.stack ?? String(e) };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

// ------------------------------------------------------------ comparison

/** Ours (or native's) result as the figures DuckDB computes. */
function figuresOf(r) {
  const features = {};
  for (const f of r.features ?? []) {
    if (f.kind !== 'event') continue;
    features[f.name] = { users: f.users, recentUsers: f.recentUsers, adoption: f.adoption, usage: f.usage };
  }
  const a = r.activation ?? {};
  const s = r.sessions ?? {};
  return {
    features,
    activation: { users: a.users, eligible: a.eligible, activated: a.activated },
    sessions: {
      count: s.count, meanMinutes: s.meanMinutes, medianMinutes: s.medianMinutes,
      perActiveUserDay: s.perActiveUserDay, eventsWithoutSession: s.eventsWithoutSession,
    },
  };
}

/** The first difference: counts exactly, fractions within 1e-9 relative; null when none. */
function firstFigureDifference(a, b, p = '$') {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isInteger(a) && Number.isInteger(b)) return a === b ? null : `${p}: ${a} vs ${b}`;
    const rel = Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), Number.MIN_VALUE);
    return rel <= 1e-9 ? null : `${p}: ${a} vs ${b} (relative ${rel.toExponential(2)})`;
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b ? null : `${p}: ${a} vs ${b}`;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!(k in a)) return `${p}.${k}: missing vs ${JSON.stringify(b[k])}`;
    if (!(k in b)) return `${p}.${k}: ${JSON.stringify(a[k])} vs missing`;
    const d = firstFigureDifference(a[k], b[k], `${p}.${k}`);
    if (d) return d;
  }
  return null;
}

// ------------------------------------------------------------ one size

async function benchSize(size, seed, nNames, activation, native, skipDuck, profile) {
  const tag = `${fmtInt(size.events)} events / ${fmtInt(size.users)} users / ${nNames} names / ${size.days} days, seed ${seed}`;
  console.log(`\n=== ${tag}`);
  const t = now();
  const input = generateNamedEvents({ events: size.events, users: size.users, days: size.days, seed, names: nNames });
  if (!input.dictionary.includes(activation)) usage(`--activation ${activation} is not among the ${nNames} names`);
  const inputBytes = input.userIds.byteLength + input.timestamps.byteLength + input.codes.byteLength + input.sessionIds.byteLength;
  console.log(`generated in ${fmtMs(msSince(t))}: ${fmtInt(input.sessions)} sessions (30-minute gap), ` +
    `${fmtInt(input.withoutSession)} events without a session (${SERVER_SIDE}); input arrays (ids 4 B + times 8 B + ` +
    `codes 4 B + sessions 4 B an event) ${fmtInt(inputBytes)} bytes = ${fmtMiB(inputBytes)}`);
  const options = { activationEvent: activation, activationWindowDays: 7 };

  console.log(`[ours] pkg/node analyzeEvents({ userIds, timestamps, eventNames, sessionIds }, ${JSON.stringify(options)}), ` +
    `fresh instance, ${RUNS} runs after 1 warm-up`);
  const ours = runOurs(input, options);
  let nat = { failed: native.error ?? 'not loaded' };
  if (native.addon) {
    console.log(`[native] ${path.relative(ROOT, native.file)} analyzeEventColumns(...) + JSON.parse, ${RUNS} runs after 1 warm-up`);
    nat = runNative(native.addon, input, options);
  }
  let duck = null;
  if (!skipDuck) {
    console.log(`[duckdb] native DuckDB, new in-memory database: load + 3 queries, ${RUNS} warm rounds after a cold one`);
    duck = await runDuck(input, activation);
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
  }
  if (ok(ours) && ok(duck)) {
    const mine = figuresOf(ours.result);
    const d = firstFigureDifference(mine, duck.figures);
    if (d) {
      agreement.push(`ours vs DuckDB MISMATCH at ${d} (ours vs DuckDB)`);
      problems.push(`ours vs DuckDB: ${d}`);
    } else {
      agreement.push(`ours = DuckDB: ${Object.keys(mine.features).length} event names (users, recentUsers, adoption, usage), ` +
        'activation (users, eligible, activated), sessions (count, mean and median minutes, per active user-day, events without a session)');
    }
    agreement.push(`activation boundary: ${fmtInt(duck.withinASecondAfter)} eligible users whose first ${activation} came ` +
      'more than 7 days but less than 7 days + 1 s after their start (the window is compared in milliseconds; a count in whole seconds would call them activated)');
  }

  // ---------------------------------------------------------- table
  const x = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}x` : '-');
  const spread = (r) => `${fmtMs(Math.min(...r.runsMs))}..${fmtMs(Math.max(...r.runsMs))}`;
  const rows = [];
  const row = (label, r, ratio, memory, what) => {
    if (!ok(r)) { rows.push([label, r ? 'failed' : 'skipped', '-', '-', '-', '-', '-']); return; }
    rows.push([label, fmtMs(r.medianMs), spread(r), ratio, fmtMiB(memory), memory == null ? '-' : x(memory, inputBytes), what]);
  };
  row('ours: wasm analyzeEvents', ours, ok(nat) ? `ours/native ${x(ours.medianMs, nat.medianMs)}` : '-', ours.peakBytes, 'wasm memory growth');
  row(`native: addon (${profile})`, nat, '', nat.peakBytes, 'Rust heap peak');
  if (!skipDuck) {
    row('DuckDB native: load + 3 queries', duck, ok(ours) ? `DuckDB/ours ${x(duck?.medianMs, ours.medianMs)}` : '-', duck?.rssGrowth, 'process max RSS growth');
    if (ok(duck)) {
      rows.push(['  of which the load', fmtMs(duck.loadMs), '', '', '', '', '']);
      rows.push(['  of which the 3 queries', fmtMs(duck.queriesMs), '', ok(ours) ? `DuckDB/ours ${x(duck.queriesMs, ours.medianMs)}` : '-', '', '', '']);
    }
  }
  table(`${tag}: median of ${RUNS} runs after 1 warm-up (DuckDB: ${RUNS} warm rounds after a cold one), one process`,
    ['contender', 'median', 'min..max', 'ratio', 'peak memory', 'peak/input', 'peak memory is'], rows);
  console.log(`input arrays: ${fmtMiB(inputBytes)}. Peak memory: ours = wasm linear memory after the runs - before the first call ` +
    '(the peak, input copies included); native = the most Rust heap the addon held during a call (its copies of the arrays included); ' +
    'DuckDB = growth of the process\'s max RSS during its rounds (a lower bound: the process had peaked before).');
  if (ok(ours)) {
    const r = ours.result;
    console.log(`ours: ${fmtInt(r.users)} users, ${r.firstDate}..${r.asOf}; activation ${r.activation?.activated}/${r.activation?.eligible} ` +
      `(rate ${r.activation?.rate?.toFixed(4)}); sessions ${fmtInt(r.sessions?.count)}, mean ${r.sessions?.meanMinutes?.toFixed(3)} min, ` +
      `median ${r.sessions?.medianMinutes?.toFixed(3)} min; warnings ${JSON.stringify((r.warnings ?? []).map((w) => w.code))}; ` +
      `wasm memory ${fmtMiB(ours.memBefore)} -> ${fmtMiB(ours.memAfter)}; runs ${ours.runsMs.map((m) => m.toFixed(1)).join(', ')} ms`);
  }
  if (ok(nat)) {
    console.log(`native: the addon call alone ${fmtMs(nat.callMs)} (median; the rest is JSON.parse); runs ${nat.runsMs.map((m) => m.toFixed(1)).join(', ')} ms`);
  }
  if (ok(duck)) {
    console.log(`DuckDB: ${duck.version}; cold round ${fmtMs(duck.coldMs)}; warm medians: load ${fmtMs(duck.loadMs)}, ` +
      `features ${fmtMs(duck.featuresMs)}, activation ${fmtMs(duck.activationMs)}, sessions ${fmtMs(duck.sessionsMs)}`);
  }
  console.log(`process peak RSS so far (everything, all contenders): ${fmtMiB(maxRssBytes())}`);
  for (const line of agreement) console.log(`agreement: ${line}`);

  // ---------------------------------------------------------- goals
  const goals = [];
  const goal = (text, met, detail) => goals.push({ text, met, detail });
  if (ok(ours)) {
    goal('wasm analysis under 1.2 s', ours.medianMs < 1200, fmtMs(ours.medianMs));
    goal('within 1.5x of native', ok(nat) ? ours.medianMs / nat.medianMs <= 1.5 : null,
      ok(nat) ? `ours/native ${x(ours.medianMs, nat.medianMs)}` : 'native failed');
    goal('peak wasm memory growth under 2x the input arrays', ours.peakBytes < 2 * inputBytes,
      `${fmtMiB(ours.peakBytes)} vs 2 x ${fmtMiB(inputBytes)} = ${fmtMiB(2 * inputBytes)} (${x(ours.peakBytes, inputBytes)})`);
  }
  console.log(`goals at ${fmtInt(size.events)} events${size.events === 10_000_000 ? ' (the issue\'s size)' : ' (the issue states them for 10M)'}:`);
  for (const gl of goals) console.log(`  [${gl.met == null ? ' ?  ' : gl.met ? 'met ' : 'MISS'}] ${gl.text}: ${gl.detail}`);
  if (ok(ours) && ok(duck)) {
    console.log(`  [info] DuckDB native / ours: load + queries ${x(duck.medianMs, ours.medianMs)}, queries alone ${x(duck.queriesMs, ours.medianMs)}`);
  }
  return { size, problems, goals };
}

async function main() {
  const sizes = opt('sizes', '1m,10m').split(',').filter((s) => s.trim()).map(parseSize);
  if (sizes.length === 0) usage('--sizes is empty');
  const seed = int('seed', DEFAULTS.seed, 0);
  const nNames = int('names', 50, 1);
  if (nNames > NAMES_BY_RANK.length) usage(`--names: at most ${NAMES_BY_RANK.length}`);
  const activation = opt('activation', DEFAULT_ACTIVATION);
  const skipDuck = flag('skip-duckdb');
  const profile = opt('native-profile', 'release');
  const dump = opt('dump', undefined);
  if (dump) {
    const { events, users, days } = sizes[0];
    const input = generateNamedEvents({ events, users, days, seed, names: nNames });
    fs.mkdirSync(dump, { recursive: true });
    for (const [file, a] of [['user_ids.u32', input.userIds], ['timestamps.f64', input.timestamps],
      ['codes.u32', input.codes], ['session_ids.u32', input.sessionIds]]) {
      fs.writeFileSync(path.join(dump, file), new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    }
    fs.writeFileSync(path.join(dump, 'dictionary.json'), JSON.stringify(input.dictionary));
    console.log(`${fmtInt(events)} events (seed ${seed}, ${nNames} names) written to ${dump}`);
    return;
  }
  const probe = loadOurs();
  if (probe.error) { console.error(`bench/event-names.mjs: ${probe.error}`); process.exit(1); }
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`event-names bench: Node ${process.version}, ${process.platform}/${process.arch}, ${os.cpus().length} x ${cpu}, ` +
    `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; one process; ${RUNS} runs after 1 warm-up, median`);
  const native = loadNative(profile);
  if (!native.error && typeof native.addon.analyzeEventColumns !== 'function') {
    native.error = `${native.file} does not export analyzeEventColumns() (examples/node_addon.rs too old?)`;
    native.addon = null;
  }
  if (native.error) console.log(`native: ${native.error}; the native row will be empty`);

  const all = [];
  for (const size of sizes) all.push(await benchSize(size, seed, nNames, activation, native, skipDuck, profile));

  summarize(`bench/${path.basename(SCRIPT)}`, all, fmtInt);
}

start(main);
