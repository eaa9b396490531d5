// Page tests of "Run it in your warehouse" (www/views/warehouse/), under the
// files tab: the statements eventsSql writes for the dialect, table and
// columns chosen (the page's text equals the library's own, run here in
// Node; BigQuery's backticks around each part of my-project.analytics.events),
// problems next to the inputs they name, the Copy and Copy all buttons, the
// readers part fetched only once the panel is opened, and none of it in
// share links.
//
// The round trip: the test writes a small events CSV (60 users over nine
// weeks, a few $identify events the tools send), drops it as an events file
// and keeps the figures the events view shows; then runs the panel's DuckDB
// statements itself on native DuckDB (@duckdb/node-api) over the same CSV,
// saves each result as CSV under the names warehouses give them
// (bq-results-…-daily.csv, Active-Days (1).csv; one under a name that
// matches nothing, picked by hand), drops them in the panel and checks that
// the events view, marked as from the warehouse, shows the same figures
// (actives, stickiness, power users, the first cohort row, growth), with the
// warning that features are not computed, and that "Use in the score" puts
// them in the form with the sample's groups cleared. Results read with other
// options than the statements': the problem next to the option. Every test
// fails on any console error, page error, failed request or request to
// another origin (support.mjs).
//
//   node --test tests/page/warehouse.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pageSuite } from './suite.mjs';
import { resultsDir, seriousAxeViolations, waitForScore } from './support.mjs';

const require = createRequire(import.meta.url);
const toolsRequire = createRequire(new URL('../../tools/package.json', import.meta.url));
const mv = require('../../pkg/node/market_validation.js');

const desktop = { viewport: { width: 1400, height: 900 }, colorScheme: 'light', permissions: ['clipboard-read', 'clipboard-write'] };
const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, colorScheme: 'dark' };
const DAY = 86_400_000;
const STATEMENTS = ['summary', 'daily', 'active_days', 'growth', 'cohorts', 'cohort_last', 'sessions', 'features', 'feature_days', 'feature_retention', 'ignored_events'];

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
 * The events: 60 users starting over six weeks from Mon 2027-01-04: one in
 * six with one event, one in four nearly daily in the last four weeks (power
 * users), the others 1 to 20 events over the eight weeks after their first,
 * up to Apr 4 (13 weeks); a
 * $identify with the first event of one user in five (not activity, by
 * default, in both analyses).
 */
function generateEvents() {
  const rnd = prng(2027);
  const start = Date.UTC(2027, 0, 4);
  const end = start + 91 * DAY;
  const names = ['page_view', 'page_view', 'search', 'report_exported'];
  /** @type {[string, number, string][]} */
  const rows = [];
  for (let u = 0; u < 60; u++) {
    const first = start + Math.floor(rnd() * 42) * DAY + Math.floor(rnd() * DAY);
    const heavy = u % 4 === 1;
    const n = u % 6 === 0 ? 1 : heavy ? 30 + Math.floor(rnd() * 20) : 1 + Math.floor(rnd() * 20);
    for (let i = 0; i < n; i++) {
      const t = i === 0 ? first : heavy ? end - (1 + Math.floor(rnd() * 28)) * DAY + Math.floor(rnd() * DAY)
        : first + Math.floor(rnd() * 56) * DAY + Math.floor(rnd() * DAY);
      if (t < end) rows.push([`user-${u}`, t, names[Math.floor(rnd() * names.length)]]);
    }
    if (u % 5 === 0) rows.push([`user-${u}`, first, '$identify']);
  }
  rows.sort((a, b) => a[1] - b[1]);
  const csv = `user_id,timestamp,event\n${rows.map(([u, t, e]) => `${u},${new Date(t).toISOString()},${e}`).join('\n')}\n`;
  return { rows, csv, users: new Set(rows.map((r) => r[0])).size };
}

/** The file each statement's result is saved as: warehouses' own names, and one that names no statement (growth's). */
const RESULT_NAMES = {
  summary: 'summary.csv', daily: 'bq-results-20270308-daily.csv', active_days: 'Active-Days (1).csv',
  growth: 'results-3.csv', cohorts: 'cohorts.csv', cohort_last: 'cohort_last.csv', sessions: 'sessions.csv', ignored_events: 'ignored_events.csv',
  features: 'features.csv', feature_days: 'Feature_Days.csv', feature_retention: 'feature_retention (2).csv',
};

/**
 * Runs the statements on native DuckDB over the events CSV (loaded as the
 * table "events": user_id VARCHAR, timestamp TIMESTAMP, event VARCHAR) and
 * saves each result as CSV with its header, as DuckDB's COPY writes it, or
 * as Parquet (snappy, DuckDB's default).
 * @param {string} csvPath @param {{ name: string, sql: string }[]} statements @param {string} dir
 * @param {'csv' | 'parquet'} [format]
 * @returns {Promise<Record<string, Buffer>>} each result file's bytes, by statement
 */
async function runOnDuckDB(csvPath, statements, dir, format = 'csv') {
  const { DuckDBInstance } = toolsRequire('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  try {
    await con.run("SET TimeZone = 'UTC'");
    await con.run(`CREATE TABLE events AS SELECT * FROM read_csv('${csvPath}', header = true, auto_detect = false,
      columns = {'user_id': 'VARCHAR', 'timestamp': 'TIMESTAMP', 'event': 'VARCHAR'})`);
    /** @type {Record<string, Buffer>} */
    const out = {};
    for (const s of statements) {
      const file = path.join(dir, `${s.name}.${format}`);
      await con.run(`COPY (${s.sql}) TO '${file}' ${format === 'csv' ? "(HEADER, DELIMITER ',')" : '(FORMAT parquet)'}`);
      out[s.name] = await readFile(file);
    }
    return out;
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

/**
 * The features table's rows: every cell but the median time to first use
 * (at whole-day resolution from the warehouse).
 */
async function featureRows(page) {
  return page.getByTestId('events-view').getByTestId('features-table').locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => [...r.children].filter((c) => c.getAttribute('data-col') !== 'first-use').map((c) => c.textContent)));
}

/** What the events view shows: the lede (after where it came from) and the figures compared. */
async function eventFigures(page) {
  const view = page.getByTestId('events-view');
  const lede = (await view.locator('.mv-lede').textContent()).replace(/^.*?(?=\d[\d,]* events from)/, '');
  const figures = async (testid) => view.getByTestId(testid).locator('.mv-figure-value').allTextContents();
  const firstRow = view.getByTestId('events-retention').locator('.mv-heatmap tbody tr').first();
  return {
    lede,
    active: await figures('events-active'),
    power: await figures('events-power-users'),
    growth: await figures('events-growth'),
    flattening: await view.getByTestId('flattening-verdict').textContent(),
    firstCohort: {
      label: await firstRow.locator('th').textContent(),
      cells: await firstRow.locator('td').allTextContents(),
      titles: await firstRow.locator('td').evaluateAll((tds) => tds.map((td) => td.getAttribute('title'))),
    },
    cohorts: await view.getByTestId('events-retention').locator('.mv-heatmap tbody tr').count(),
    // The L28 histogram and the growth bars, from their data tables.
    tables: await view.locator('.mv-data').evaluateAll((all) => all.map((d) => {
      /** @type {any} */ (d).buildTable();
      return d.querySelector('table')?.textContent;
    })),
  };
}

/** The share link's JSON, as written (before the page's checks keep the keys they know). */
async function shareLinkJson(page) {
  await page.getByTestId('share-link').click();
  await page.waitForFunction(() => location.hash.length > 10);
  return page.evaluate(async () => {
    const fragment = location.hash.slice(1);
    const dot = fragment.indexOf('.');
    const b64 = fragment.slice(dot + 1).replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (ch) => ch.charCodeAt(0));
    if (fragment.slice(0, dot) === 'v1j') return new TextDecoder().decode(bytes);
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).text();
  });
}

describe('run it in your warehouse', () => {
  const suite = pageSuite();
  let dir = '';
  const events = generateEvents();
  before(async () => { dir = await mkdtemp(path.join(tmpdir(), 'mv-warehouse-')); await writeFile(path.join(dir, 'events.csv'), events.csv); });
  after(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

  /** Opens the page, the files tab and the warehouse panel. */
  async function openPanel(page) {
    await page.goto(`${suite.origin}/www/`);
    await waitForScore(page);
    await page.getByTestId('tab-files').click();
    await page.getByTestId('warehouse').locator('summary').click();
  }

  /** Opens the page and drops the events file itself: the figures the events view shows for it. */
  async function dropEventsFile(page) {
    await page.goto(`${suite.origin}/www/`);
    await waitForScore(page);
    await page.getByTestId('tab-files').click();
    await page.getByTestId('upload-input').setInputFiles({ name: 'events.csv', mimeType: 'text/csv', buffer: Buffer.from(events.csv) });
    await page.getByTestId('events-view').waitFor({ state: 'visible' });
    return eventFigures(page);
  }

  /** Fills the panel's inputs. @param {Record<string, string>} values by test id suffix */
  async function fill(page, values) {
    for (const [k, v] of Object.entries(values)) {
      const el = page.getByTestId(`warehouse-${k}`);
      if (await el.evaluate((e) => e.tagName === 'SELECT')) await el.selectOption(v); else await el.fill(v);
    }
  }

  /** The statements shown, once their SQL is that of `expected` (the library's, in Node). */
  async function statementsShown(page, expected) {
    await page.waitForFunction((sql) => [...document.querySelectorAll('[data-testid="warehouse-statement"] pre code')].map((e) => e.textContent).join('\n;\n') === sql
      && document.querySelector('.mv-wh-sql')?.getAttribute('data-stale') === 'false', expected.statements.map((s) => s.sql).join('\n;\n'));
    return page.getByTestId('warehouse-statement').evaluateAll((items) => items.map((li) => ({
      name: li.getAttribute('data-statement'),
      description: li.querySelector('[data-testid="warehouse-statement-description"]')?.textContent,
      sql: li.querySelector('pre code')?.textContent,
    })));
  }

  it('writes the statements for the dialect, table and columns chosen, as the library does; problems next to their inputs; Copy and Copy all; the readers part only once opened; nothing in the share link', async () => {
    const { context, page, errors, requests } = await suite.open(desktop);
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      await page.getByTestId('tab-files').click();
      const readersWasm = () => requests.filter((u) => u.endsWith('/market_validation_readers_bg.wasm')).length;
      assert.equal(readersWasm(), 0, 'the readers part is not fetched before the panel is opened');
      await page.getByTestId('warehouse').locator('summary').click();
      // Nothing typed yet: the panel asks for the names, and shows no problem.
      await page.getByTestId('warehouse-prompt').waitFor({ state: 'visible' });
      assert.ok(readersWasm() > 0, 'opening the panel fetches the readers part');
      assert.ok(!requests.some((u) => u.endsWith('/market_validation_bg.wasm')), 'not the all-in-one build');
      assert.equal(await page.locator('[data-testid="warehouse-error"]:visible').count(), 0);
      assert.equal(await page.getByTestId('warehouse-statement').count(), 0);

      // BigQuery, a GA4-like table: project.dataset.table, event_timestamp in microseconds.
      const bq = { table: 'my-project.analytics.events', user: 'user_pseudo_id', time: 'event_timestamp', event: 'event_name' };
      await fill(page, { dialect: 'bigquery', ...bq, 'time-unit': 'microseconds' });
      const options = { table: bq.table, columns: { user: bq.user, time: bq.time, event: bq.event }, timeUnit: 'microseconds', utcOffsetMinutes: 0, weekStart: 'monday', cohortPeriod: 'week', window: 'calendar', powerUserDays: 14 };
      const expected = mv.eventsSql('bigquery', options);
      const shown = await statementsShown(page, expected);
      assert.deepEqual(shown.map((s) => s.name), STATEMENTS);
      assert.deepEqual(shown, expected.statements, 'the page shows the library\'s statements as they are');
      const summary = shown[0].sql;
      assert.match(summary, /FROM `my-project`\.`analytics`\.`events`/, 'each part of the table in backticks');
      assert.match(summary, /CAST\(`user_pseudo_id` AS STRING\) AS u, \(CAST\(`event_timestamp` AS FLOAT64\) \/ 1000\) AS t/);
      assert.match(summary, /COALESCE\(TRIM\(CAST\(`event_name` AS STRING\)\), ''\) AS e\n[^]*e NOT IN \('\$identify'/);
      assert.match(summary, /'bigquery' AS dialect/);
      assert.equal(await page.getByTestId('warehouse-prompt').isVisible(), false);
      // A session id column (a flattened ga_session_id): sessions by id, none for empty and -1.
      await fill(page, { session: 'ga_session_id' });
      const withSessions = await statementsShown(page, mv.eventsSql('bigquery', { ...options, columns: { ...options.columns, session: 'ga_session_id' } }));
      assert.match(withSessions.find((st) => st.name === 'sessions').sql, /GROUP BY ev\.u, ev\.s/);
      assert.match(withSessions[0].sql, /TRIM\(CAST\(`ga_session_id` AS STRING\)\) IN \('', 'null', 'undefined', '-1'\)/);
      await fill(page, { session: '' });
      await statementsShown(page, expected);

      // DuckDB, Sunday weeks, monthly cohorts, days at UTC-05:00: double quotes, the options written in.
      await fill(page, { dialect: 'duckdb', 'week-start': 'sunday', 'cohort-period': 'month', offset: '-300' });
      const duck = mv.eventsSql('duckdb', { ...options, weekStart: 'sunday', cohortPeriod: 'month', utcOffsetMinutes: -300 });
      const duckShown = await statementsShown(page, duck);
      assert.deepEqual(duckShown, duck.statements);
      assert.match(duckShown[0].sql, /FROM "my-project"\."analytics"\."events"/);
      assert.match(duckShown[0].sql, /'month' AS cohort_period,\n {2}'sunday' AS week_start/);
      assert.match(duckShown[0].sql, /CAST\(-300 AS BIGINT\) AS utc_offset_minutes/);

      // A column name with a control character: the library's problem, next to the user column only.
      await fill(page, { user: 'user\tid' });
      const userError = page.locator('[data-error-for="options.columns.user"]');
      await userError.waitFor({ state: 'visible' });
      assert.equal(await userError.textContent(), 'Problem: "user\\tid"; expected a name of at most 1024 bytes, without control characters');
      assert.equal(await page.getByTestId('warehouse-user').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.locator('[data-testid="warehouse-error"]:visible').count(), 1);
      assert.equal(await page.locator('.mv-wh-sql').getAttribute('data-stale'), 'true', 'the last statements stay, marked out of date');
      // Emptied: the user column is asked for, next to it; a table of four parts, next to the table.
      await fill(page, { user: '', table: 'a.b.c.d' });
      await page.waitForFunction(() => /four|3 parts/.test(document.querySelector('[data-error-for="options.table"]')?.textContent ?? ''));
      assert.match(await page.locator('[data-error-for="options.table"]').textContent(), /expected at most 3 parts: database or project, schema or dataset, table/);
      assert.match(await userError.textContent(), /expected a column header \(text\)/);
      assert.equal(await page.getByTestId('warehouse-problems').isVisible(), false, 'no problem left without its input');
      await fill(page, { user: bq.user, table: bq.table });
      await statementsShown(page, duck);
      assert.equal(await page.locator('[data-testid="warehouse-error"]:visible').count(), 0);

      // Copy: the statement's SQL, as it is shown; Copy all: every statement after its name, ended by ";".
      await page.locator('[data-testid="warehouse-statement"][data-statement="daily"] [data-testid="warehouse-copy"]').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="warehouse-copy-status"]')?.textContent === 'Copied the daily statement.');
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), duck.statements[1].sql);
      await page.getByTestId('warehouse-copy-all').click();
      await page.waitForFunction((n) => document.querySelector('[data-testid="warehouse-copy-status"]')?.textContent === `Copied all ${n} statements.`, duck.statements.length);
      const script = await page.evaluate(() => navigator.clipboard.readText());
      assert.equal(script, duck.statements.map((s) => `-- ${s.name}: ${s.description}\n${s.sql};\n`).join('\n'));

      assert.deepEqual(await seriousAxeViolations(page), [], 'axe violations');
      await page.getByTestId('warehouse').screenshot({ path: `${resultsDir}warehouse-statements.png` });
      // The share link carries none of the panel's inputs.
      const raw = await shareLinkJson(page);
      for (const text of ['my-project', 'user_pseudo_id', 'event_timestamp', 'duckdb', 'bigquery', 'microseconds']) {
        assert.ok(!raw.includes(text), `the share link carries ${text}: ${raw}`);
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('round trip: the panel\'s DuckDB statements run on DuckDB over an events CSV, their results dropped back, give the events view the figures of the same CSV dropped as an events file; "Use in the score" takes them', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      const fromFile = await dropEventsFile(page);
      const fileFeatures = await featureRows(page);
      const activity = events.rows.filter((r) => r[2] !== '$identify').length;
      const firstDay = new Date(events.rows[0][1]).toISOString().slice(0, 10);
      assert.match(fromFile.lede, new RegExp(`^${activity.toLocaleString('en-US')} events from ${events.users} users, ${firstDay} to `));
      assert.ok(fromFile.cohorts >= 6 && fromFile.firstCohort.cells.length >= 8 && Number(fromFile.power[0]) > 0,
        `a test worth its name: ${JSON.stringify(fromFile)}`);

      // The panel's statements for DuckDB, run here on DuckDB.
      await page.getByTestId('warehouse').locator('summary').click();
      await fill(page, { dialect: 'duckdb', table: 'events', user: 'user_id', time: 'timestamp', event: 'event' });
      const expected = mv.eventsSql('duckdb', { table: 'events', columns: { user: 'user_id', time: 'timestamp', event: 'event' } });
      const statements = await statementsShown(page, expected);
      const results = await runOnDuckDB(path.join(dir, 'events.csv'), statements, dir);
      const asFile = (name) => ({ name: RESULT_NAMES[name], mimeType: 'text/csv', buffer: results[name] });

      // All but growth's, and growth's under a name that matches no statement.
      await page.getByTestId('warehouse-results-input').setInputFiles(STATEMENTS.map(asFile));
      const row = (name) => page.locator(`[data-testid="warehouse-assignments"] tr[data-statement="${name}"]`);
      await row('growth').waitFor();
      for (const name of STATEMENTS.filter((n) => n !== 'growth')) {
        assert.equal(await row(name).getAttribute('data-state'), 'matched', name);
        assert.equal(await row(name).getByTestId('warehouse-file-for').inputValue(), RESULT_NAMES[name], name);
      }
      assert.equal(await row('growth').getAttribute('data-state'), 'missing');
      assert.equal(await page.getByTestId('warehouse-missing').textContent(), 'Still missing: growth.');
      assert.match(await page.getByTestId('warehouse-unmatched').textContent(), /^results-3\.csv: not matched to a statement; pick it for one above\.$/);
      assert.equal(await page.getByTestId('events-view').getAttribute('data-source'), 'events', 'nothing read until every result is there');
      await page.getByTestId('warehouse').screenshot({ path: `${resultsDir}warehouse-results-missing.png` });

      // Growth's file picked by hand: every result is there, and read.
      await row('growth').getByTestId('warehouse-file-for').selectOption('results-3.csv');
      await page.waitForFunction(() => document.querySelector('[data-testid="events-view"]')?.getAttribute('data-source') === 'warehouse');
      assert.equal(await page.getByTestId('warehouse-missing').textContent(), 'Every result is here.');
      assert.equal(await page.getByTestId('warehouse-unmatched').isVisible(), false);
      assert.match(await page.getByTestId('warehouse-results-status').textContent(), /^Read 11 results: the figures are under Usage events, marked as from your warehouse\.$/);

      // The same figures, marked as the warehouse's.
      const fromWarehouse = await eventFigures(page);
      assert.deepEqual(fromWarehouse, fromFile);
      const view = page.getByTestId('events-view');
      assert.equal(await view.getByTestId('events-source').textContent(), 'From your warehouse');
      const reading = await view.getByTestId('events-warehouse').textContent();
      assert.match(reading, /^Computed in your warehouse by the statements of “Run it in your warehouse”, and read back from 11 result files: summary from summary\.csv, daily from bq-results-20270308-daily\.csv, active_days from Active-Days \(1\)\.csv, growth from results-3\.csv, /);
      assert.match(reading, /No events file: these figures are the warehouse's aggregates\.$/);
      const identifies = events.rows.filter((r) => r[2] === '$identify').length;
      assert.match(await view.getByTestId('events-ignored').textContent(), new RegExp(`^Not counted as activity: ${identifies} \\$identify`));
      // Every event's usage and its adopters' retention, as from the file.
      const names = new Set(events.rows.map((r) => r[2]).filter((e) => e !== '$identify'));
      assert.equal(fileFeatures.length, names.size);
      assert.deepEqual(await featureRows(page), fileFeatures);
      assert.deepEqual(await seriousAxeViolations(page), [], 'axe violations');
      await view.screenshot({ path: `${resultsDir}warehouse-events-view.png` });

      // "Use in the score": the warehouse's figures in the form, the sample's other groups cleared.
      await view.getByTestId('use-in-score').click();
      await page.waitForFunction(() => /from your warehouse's results/.test(document.querySelector('#status')?.textContent ?? ''));
      assert.match(await page.locator('#status').textContent(), /^Usage and adoption now come from your warehouse's results; the sample's .* cleared, so nothing of the sample company is scored with your data\.$/);
      await waitForScore(page);
      // DAU as the events view writes it (one decimal below 10), from the form's field.
      const asShown = (v) => (Math.abs(v) >= 10 ? Math.round(v).toLocaleString('en-US') : String(Number(v.toFixed(1))));
      assert.equal(asShown(Number(await page.locator('#field-usageMetrics-dailyActiveUsers').inputValue())), fromFile.active[3]);
      // The link carries the derived figures, never the result files.
      const raw = await shareLinkJson(page);
      for (const name of Object.values(RESULT_NAMES)) assert.ok(!raw.includes(name), `the share link carries ${name}`);
      assert.ok(!raw.includes('user-1'), 'nor any user');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('results saved as Parquet give the figures of the events file; the parquet part is fetched only for them; a broken Parquet file is named next to its statement', async () => {
    const { context, page, errors, requests } = await suite.open(desktop);
    const parquetWasm = () => requests.filter((u) => u.endsWith('/market_validation_parquet_bg.wasm')).length;
    try {
      const fromFile = await dropEventsFile(page);
      await page.getByTestId('warehouse').locator('summary').click();
      await fill(page, { dialect: 'duckdb', table: 'events', user: 'user_id', time: 'timestamp', event: 'event' });
      const expected = mv.eventsSql('duckdb', { table: 'events', columns: { user: 'user_id', time: 'timestamp', event: 'event' } });
      const statements = await statementsShown(page, expected);
      const results = await runOnDuckDB(path.join(dir, 'events.csv'), statements, dir, 'parquet');
      assert.ok(Object.values(results).every((b) => b.subarray(0, 4).toString() === 'PAR1'), 'Parquet files');
      // A broken daily.parquet first: its problem next to its statement's file, nothing shown.
      const files = STATEMENTS.map((name) => ({ name: `${name}.parquet`, mimeType: 'application/octet-stream', buffer: results[name] }));
      files[1] = { ...files[1], buffer: results.daily.subarray(0, results.daily.length - 9) };
      assert.equal(parquetWasm(), 0, 'no parquet part before a Parquet file');
      await page.getByTestId('warehouse-results-input').setInputFiles(files);
      const dailyError = page.locator('[data-error-for="tables.daily"]');
      await dailyError.waitFor({ state: 'visible' });
      assert.match(await dailyError.textContent(), /does not end as one does \("PAR1"\); expected a complete Parquet file/);
      assert.equal(await page.getByTestId('events-view').getAttribute('data-source'), 'events', 'nothing shown from broken results');
      // The whole file: read by the parquet part, the figures of the events file.
      await page.getByTestId('warehouse-results-input').setInputFiles([{ name: 'daily.parquet', mimeType: 'application/octet-stream', buffer: results.daily }]);
      await page.waitForFunction(() => document.querySelector('[data-testid="events-view"]')?.getAttribute('data-source') === 'warehouse');
      assert.deepEqual(await eventFigures(page), fromFile);
      assert.ok(parquetWasm() > 0, 'the parquet part, fetched for the Parquet results');
      assert.match(await page.getByTestId('events-warehouse').textContent(), /daily from daily\.parquet/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('results read with options other than the statements\' are refused next to the option; a gzip file and a broken table are named; passes axe-core on a phone, dark', async () => {
    const { context, page, errors } = await suite.open(phone);
    try {
      await openPanel(page);
      await fill(page, { dialect: 'duckdb', table: 'events', user: 'user_id', time: 'timestamp' });
      const expected = mv.eventsSql('duckdb', { table: 'events', columns: { user: 'user_id', time: 'timestamp' } });
      const statements = await statementsShown(page, expected);
      assert.deepEqual(statements.map((s) => s.name), STATEMENTS.slice(0, 6), 'no ignored_events without an event column');
      const results = await runOnDuckDB(path.join(dir, 'events.csv'), statements, dir);
      const files = statements.map((s) => ({ name: `${s.name}.csv`, mimeType: 'text/csv', buffer: results[s.name] }));
      // A gzip file and a daily table missing its columns.
      files.push({ name: 'growth.csv.gz', mimeType: 'application/gzip', buffer: Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]) });
      files[1] = { name: 'daily.csv', mimeType: 'text/csv', buffer: Buffer.from('day,active\n20000,3\n') };
      await page.getByTestId('warehouse-results-input').setInputFiles(files);
      const dailyError = page.locator('[data-error-for="tables.daily"]');
      await dailyError.waitFor({ state: 'visible' });
      assert.match(await dailyError.textContent(), /^Problem: /);
      assert.match(await page.getByTestId('warehouse-unmatched').textContent(), /growth\.csv\.gz: This is gzip-compressed: save the statement's result as CSV \(with its header row\) or Parquet and drop that\./);
      assert.equal(await page.getByTestId('events-section').isVisible(), false, 'nothing shown from broken results');

      // The daily table fixed: read, shown.
      await page.getByTestId('warehouse-results-input').setInputFiles([{ name: 'daily.csv', mimeType: 'text/csv', buffer: results.daily }]);
      await page.waitForFunction(() => document.querySelector('[data-testid="events-view"]')?.getAttribute('data-source') === 'warehouse');
      assert.equal(await dailyError.isVisible(), false);
      // Monthly cohorts chosen after the statements were run: the results were written with weeks.
      await fill(page, { 'cohort-period': 'month' });
      const periodError = page.locator('[data-error-for="options.cohortPeriod"]');
      await periodError.waitFor({ state: 'visible' });
      assert.match(await periodError.textContent(), /^Problem: "month"; expected "week" \(the statements were written with it: tables\.summary\) \(write the statements again with these options, or leave the option out\)$/);
      assert.equal(await page.getByTestId('warehouse-cohort-period').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.getByTestId('warehouse-results-status').getAttribute('data-kind'), 'error');
      // Typing elsewhere keeps it shown; weeks again: read again.
      await fill(page, { table: 'analytics.events' });
      await page.waitForTimeout(300);
      assert.equal(await periodError.isVisible(), true);
      await fill(page, { 'cohort-period': 'week' });
      await periodError.waitFor({ state: 'hidden' });
      await page.waitForFunction(() => document.querySelector('[data-testid="warehouse-results-status"]')?.getAttribute('data-kind') === 'ok');
      await page.getByTestId('warehouse').scrollIntoViewIfNeeded();
      assert.deepEqual(await seriousAxeViolations(page), [], 'axe violations');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
      await page.getByTestId('warehouse').screenshot({ path: `${resultsDir}warehouse-phone-dark.png` });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
