// Page tests of Parquet events files (tests/fixtures/parquet/, written by
// DuckDB and pyarrow by make_fixtures.py): the events view shows the
// figures of the same events as CSV, says how the file stored its times,
// and the worker fetches the parquet part only for the Parquet file; a
// Parquet file it cannot read (zstd) is refused naming the column, the row
// group and the codec. Every test fails on any console error, page error,
// failed request or request to another origin (support.mjs).
//
//   node --test tests/page/parquet.test.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pageSuite } from './suite.mjs';
import { waitForScore } from './support.mjs';

const fixture = (name) => readFileSync(new URL(`../fixtures/parquet/${name}`, import.meta.url));

/** What the events view shows: its lede and the figures of its sections. */
async function figures(page) {
  const view = page.getByTestId('events-view');
  const values = async (testid) => view.getByTestId(testid).locator('.mv-figure-value').allTextContents();
  return {
    lede: (await view.locator('.mv-lede').textContent()).replace(/^.*?(?=\d[\d,]* events from)/, ''),
    active: await values('events-active'),
    growth: await values('events-growth'),
    firstCohort: await view.getByTestId('events-retention').locator('.mv-heatmap tbody tr').first().textContent(),
  };
}

describe('Parquet events files in the page', () => {
  const suite = pageSuite();
  const desktop = { viewport: { width: 1280, height: 900 }, colorScheme: 'light' };

  it('a Parquet file gives the figures of the same events as CSV, says how its times were stored, and loads the parquet part only then', async () => {
    const { context, page, errors, requests } = await suite.open(desktop);
    const parquetWasm = () => requests.filter((u) => u.endsWith('/market_validation_parquet_bg.wasm')).length;
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      await page.getByTestId('tab-files').click();
      await page.getByTestId('upload-input').setInputFiles({ name: 'events.csv', mimeType: 'text/csv', buffer: fixture('events.csv') });
      await page.getByTestId('events-view').waitFor({ state: 'visible' });
      const fromCsv = await figures(page);
      assert.match(fromCsv.lede, /^1,979 events from \d+ users, 2026-01-05 to /, 'the 2,000 rows but the 21 without a user id');
      assert.equal(parquetWasm(), 0, 'no parquet part for a CSV');

      await page.getByTestId('upload-input').setInputFiles({ name: 'events.parquet', mimeType: 'application/octet-stream', buffer: fixture('duckdb-timestamptz.parquet') });
      const timeType = page.getByTestId('events-time-type');
      await timeType.waitFor({ state: 'visible' });
      assert.equal(await timeType.textContent(), 'Times stored in the Parquet file as timestamps in microseconds, adjusted to UTC');
      assert.deepEqual(await figures(page), fromCsv);
      assert.ok(parquetWasm() > 0, 'the parquet part, fetched for the Parquet file');
      assert.match(await page.getByTestId('events-reading').textContent(), /User id: user_id \(column 1, found by its header\).*line 52: no user id/);

      // zstd is not read: the column, the row group and the way out are named.
      await page.getByTestId('upload-input').setInputFiles({ name: 'zstd.parquet', mimeType: 'application/octet-stream', buffer: fixture('duckdb-zstd.parquet') });
      const error = page.getByTestId('upload-error');
      await error.waitFor({ state: 'visible' });
      assert.match(await error.textContent(), /column "user_id" cannot be read in row group 0 .*zstd/);
      assert.match(await error.textContent(), /COMPRESSION snappy/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
