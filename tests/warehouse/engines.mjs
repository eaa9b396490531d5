#!/usr/bin/env node
// eventsSql's statements on real engines: DuckDB, ClickHouse (chdb, in
// process) and Spark (local mode), each installed from PyPI by
// scripts/setup.sh into tools/engines-venv and driven by
// tests/warehouse/run_engines.py. For each generated data set and options
// case, every engine's results go through analyzeEventAggregates and must
// equal analyzeEvents on the same raw events, field by field: the sessions'
// median to the whole minute, the times to first use and to activation at
// whole-day resolution (see atDayResolution). BigQuery, Snowflake and
// PostgreSQL have no engine here: their statements are parsed by sqlglot in
// their dialects.
//
//   node tests/warehouse/engines.mjs [--engines duckdb,clickhouse,spark]
//
// Ends with "N passed, M failed" (one check per job).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { atDayResolution, medianWithinAMinute } from './resolution.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const mv = require(path.join(ROOT, 'pkg/node/market_validation.js'));
const PYTHON = path.join(ROOT, 'tools/engines-venv/bin/python');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const ENGINES = arg('--engines', 'duckdb,clickhouse,spark').split(',');
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** A small deterministic generator (mulberry32). */
function prng(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Events of `users` users over ~70 days from 2026-01-05: string ids, a few
 * event names (with PostHog's `$identify`, left out by default), users with
 * one event, events on both sides of local midnight for the offsets tested
 * (UTC, -05:00, +05:30), and rows the statements must pass over (no user,
 * no time, a time before 1970) that the raw arrays do not hold.
 */
function generate(seed, users) {
  const rnd = prng(seed);
  const start = Date.UTC(2026, 0, 5);
  const NAMES = ['page_view', 'report_exported', 'search', '$identify'];
  const rows = [];
  for (let u = 0; u < users; u++) {
    const id = `user-${u}`;
    const first = start + Math.floor(rnd() * 60) * DAY + Math.floor(rnd() * DAY);
    const n = u % 7 === 0 ? 1 : 1 + Math.floor(rnd() * 25);
    for (let i = 0; i < n; i++) {
      const t = i === 0 ? first : first + Math.floor(rnd() * 45 * DAY) + Math.floor(rnd() * DAY);
      // Session ids: per 2 hours of the user's time, some none ('' and Amplitude's -1), one shared by two users.
      const r = rnd();
      const session = r < 0.05 ? '' : r < 0.08 ? '-1' : u === 5 || u === 6 ? 'shared-1' : `s-${u}-${Math.floor(t / (2 * HOUR))}`;
      rows.push([id, t, NAMES[Math.floor(rnd() * NAMES.length)], session]);
    }
    // An event only seen after the as-of day of the as-of case (2026-02-20).
    if (u % 11 === 0) rows.push([id, start + 52 * DAY + u * HOUR, 'export_pdf', `s-${u}-late`]);
  }
  // Midnight, local and UTC, to the millisecond.
  for (const [i, offsetMin] of [[0, 0], [1, -300], [2, 330]].map(([i, o]) => [i, o])) {
    const midnight = start + (20 + i) * DAY - offsetMin * 60_000;
    rows.push([`midnight-${i}`, midnight - 1, 'page_view', 'm'], [`midnight-${i}`, midnight, 'page_view', 'm'],
      [`midnight-${i}`, midnight + 7 * DAY, 'search', 'm']);
  }
  const skipped = [[null, start + DAY, 'page_view', 'x'], ['user-1', null, 'page_view', 'x'], ['user-2', -5 * HOUR, 'page_view', 'x']];
  return { rows, skipped };
}

const iso = (t) => (t === null ? '' : new Date(t).toISOString());
const cell = (v) => (v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));

/** The CSV the engines load: a timestamp column, and the same instant as epoch ms. */
function writeCsv(file, { rows, skipped }) {
  // event_timestamp: GA4's BigQuery export's column, microseconds since 1970.
  const lines = ['user_id,event_ts,event_name,event_ms,event_timestamp,session_id'];
  for (const [u, t, e, s] of [...rows, ...skipped]) lines.push([u, iso(t), e, t, t === null ? null : t * 1000, s].map(cell).join(','));
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

const COLUMNS = [
  { name: 'user_id', type: 'string' }, { name: 'event_ts', type: 'timestamp' },
  { name: 'event_name', type: 'string' }, { name: 'event_ms', type: 'bigint' }, { name: 'event_timestamp', type: 'bigint' },
  { name: 'session_id', type: 'string' },
];

/** The options cases: time zones, periods, windows, as-of days, retention. */
const CASES = [
  { id: 'utc-day', options: {} },
  { id: 'est-week-sunday', options: { utcOffsetMinutes: -300, cohortPeriod: 'week', weekStart: 'sunday' } },
  { id: 'ist-month', options: { utcOffsetMinutes: 330, cohortPeriod: 'month' } },
  { id: '24h-day', options: { window: '24h' } },
  { id: '24h-week-est', options: { window: '24h', cohortPeriod: 'week', utcOffsetMinutes: -300 } },
  { id: 'as-of-unbounded', options: { asOf: '2026-02-20', retention: 'on-or-after' } },
  // Features and activation: an event seen only after the as-of day, a feature of two events,
  // activation by an event and by a feature, a feature event that never occurs.
  { id: 'as-of-names', options: { asOf: '2026-02-20', features: { Exports: ['export_pdf', 'report_exported'] }, activationEvent: 'export_pdf' }, names: true },
  { id: 'names-ms', options: { cohortPeriod: 'week', features: { Reports: ['report_exported', 'search'] }, activationEvent: 'report_exported', activationWindowDays: 3 }, names: true, timeUnit: 'milliseconds' },
  { id: 'names-24h-ist', options: { window: '24h', utcOffsetMinutes: 330, features: { Reports: 'report_exported', Browse: ['page_view'] }, activationEvent: 'Reports', retention: 'on-or-after' }, names: true },
  // GA4's export: event_timestamp in microseconds, event_name with its own bookkeeping left in.
  // Sessions by id, with and without event names.
  { id: 'session-ids', options: { cohortPeriod: 'week' }, sessions: true },
  { id: 'names-session-ids', options: { utcOffsetMinutes: 60 }, names: true, sessions: true },
  { id: 'ga4-us', options: { cohortPeriod: 'day', utcOffsetMinutes: -480, features: { Search: ['search', 'missing_event'] } }, names: true, timeUnit: 'microseconds', time: 'event_timestamp' },
];
/** Spark starts slowly and runs each statement in about a second: a subset. */
const SPARK_CASES = new Set(['est-week-sunday', '24h-week-est', 'names-ms', 'names-24h-ist']);

/** A copy to compare. */
const comparable = (analysis) => structuredClone(analysis);

/** The first field path where two values differ, or null. */
function firstDifference(a, b, at = '') {
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || (a === null) !== (b === null)) return `${at}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  if (a !== null && typeof a === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = firstDifference(a[k], b[k], `${at}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return Object.is(a, b) ? null : `${at}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mv-engines-'));
const data = generate(20261206, 400);
const csv = path.join(tmp, 'events.csv');
writeCsv(csv, data);
// The raw events as analyzeEvents takes them: ids as numbers, names as texts.
const ids = new Map();
const userIds = new Uint32Array(data.rows.map(([u]) => (ids.has(u) ? ids.get(u) : (ids.set(u, ids.size), ids.size - 1))));
const timestamps = new Float64Array(data.rows.map(([, t]) => t));
const eventNames = data.rows.map(([, , e]) => e);
// No session: empty, or Amplitude's -1 (as the file reader and the statements read them).
const sessionIds = data.rows.map(([, , , s]) => (s === '' || s === '-1' ? null : s));

const jobs = [];
const expected = new Map();
for (const c of CASES) {
  const columns = { user: 'user_id', time: c.time ?? (c.timeUnit ? 'event_ms' : 'event_ts'), ...(c.names ? { event: 'event_name' } : {}), ...(c.sessions ? { session: 'session_id' } : {}) };
  const sqlOptions = { table: 'analytics.events', columns, ...(c.timeUnit ? { timeUnit: c.timeUnit } : {}), ...c.options };
  expected.set(c.id, comparable(mv.analyzeEvents({ userIds, timestamps, ...(c.names ? { eventNames } : {}), ...(c.sessions ? { sessionIds } : {}) }, c.options)));
  for (const engine of ENGINES) {
    if (engine === 'spark' && !SPARK_CASES.has(c.id)) continue;
    const { statements } = mv.eventsSql(engine, sqlOptions);
    jobs.push({ id: `${engine}/${c.id}`, engine, case: c, sqlOptions, tables: [{ name: 'analytics.events', csv, columns: COLUMNS }], statements: statements.map(({ name, sql }) => ({ name, sql })) });
  }
  for (const dialect of ['bigquery', 'snowflake', 'postgres']) {
    const { statements } = mv.eventsSql(dialect, sqlOptions);
    jobs.push({ id: `parse:${dialect}/${c.id}`, engine: `parse:${dialect}`, case: c, statements: statements.map(({ name, sql }) => ({ name, sql })) });
  }
}

// BigQuery's GA4 export is a wildcard table in a project whose name has dashes.
const ga4 = mv.eventsSql('bigquery', { table: ['my-project', 'analytics_123456', 'events_*'], columns: { user: 'user_pseudo_id', time: 'event_timestamp', event: 'event_name' }, timeUnit: 'microseconds' });
jobs.push({ id: 'parse:bigquery/ga4-wildcard', engine: 'parse:bigquery', statements: ga4.statements.map(({ name, sql }) => ({ name, sql })) });

const jobsFile = path.join(tmp, 'jobs.json');
const outFile = path.join(tmp, 'out.json');
fs.writeFileSync(jobsFile, JSON.stringify({ jobs: jobs.map(({ id, engine, tables, statements }) => ({ id, engine, tables, statements })) }));
const started = Date.now();
const ran = spawnSync(PYTHON, [path.join(ROOT, 'tests/warehouse/run_engines.py'), jobsFile, outFile], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 20 * 60_000 });
if (ran.status !== 0) {
  console.log(`the runner failed (status ${ran.status}${ran.error ? `, ${ran.error.message}` : ''})`);
  console.log(`0 passed, ${jobs.length} failed`);
  process.exit(1);
}
const out = JSON.parse(fs.readFileSync(outFile, 'utf8'));
let passed = 0;
let failed = 0;
for (const job of jobs) {
  const result = out[job.id];
  const say = (ok, detail) => {
    if (ok) passed++; else failed++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${job.id}${detail ? `: ${detail}` : ''}`);
  };
  if (!result) { say(false, 'no result'); continue; }
  if (job.engine.startsWith('parse:')) {
    const bad = Object.entries(result.results ?? {}).filter(([, r]) => !r.ok);
    say(result.ok && bad.length === 0, bad.map(([n, r]) => `${n}: ${r.error}`).join('; '));
    continue;
  }
  if (!result.ok) { say(false, `${result.statement}: ${result.error}`); continue; }
  const tables = {};
  for (const [name, { columns, rows }] of Object.entries(result.results)) {
    tables[name] = rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])));
  }
  let analysis;
  try {
    analysis = comparable(mv.analyzeEventAggregates(tables, job.sqlOptions));
  } catch (e) {
    say(false, `analyzeEventAggregates threw: ${e.message}`);
    continue;
  }
  const want = expected.get(job.case.id);
  const diff = medianWithinAMinute(want, analysis) ?? atDayResolution(want, analysis) ?? firstDifference(want, analysis);
  const seconds = Object.values(result.seconds?.statements ?? {}).reduce((s, x) => s + x, 0);
  say(diff === null, diff ?? `${Object.keys(tables).length} tables, ${seconds.toFixed(2)} s of statements`);
}
console.log(`engines and parsing: ${((Date.now() - started) / 1000).toFixed(1)} s`);
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
