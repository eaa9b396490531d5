// Page tests of real survey exports (tests/fixtures/exports/, laid out as
// their tools write them, with figures computed apart from the library): the
// worker tells what a file holds with readExport, the view says which tool
// wrote it and what was guessed, and reading a file again as the other kind
// clears the view it no longer gives. Every test fails on any console error,
// page error, failed request or request to another origin (support.mjs).
//
//   node --test tests/page/exports.test.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { pageSuite } from './suite.mjs';
import { resultsDir, waitForScore } from './support.mjs';

const fixture = (name) => readFileSync(new URL(`../fixtures/exports/${name}`, import.meta.url));
const expected = JSON.parse(readFileSync(new URL('../fixtures/exports/expected.json', import.meta.url), 'utf8'));

describe('survey exports in the page', () => {
  const suite = pageSuite();
  const desktop = { viewport: { width: 1280, height: 900 }, colorScheme: 'light' };

  it('reads a Qualtrics export as survey answers: its tool, its three header rows, unfinished responses left out', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      await page.getByTestId('tab-files').click();
      await page.getByTestId('upload-input').setInputFiles({ name: 'qualtrics.csv', mimeType: 'text/csv', buffer: fixture('qualtrics-choice-text.csv') });
      const view = page.getByTestId('survey-view');
      await view.waitFor({ state: 'visible' });
      assert.ok(!(await page.getByTestId('events-section').isVisible()), 'no events view for a Qualtrics file');
      const e = expected.qualtrics;
      assert.match(await view.locator('.mv-lede').textContent(), new RegExp(`${e.responses} responses`));
      assert.match(await page.getByTestId('nps-score').textContent(), /\+?11(\.1)?\b/);
      assert.match(await page.getByTestId('survey-file').textContent(), /^Read as a Qualtrics export: 3 header rows, UTF-8, comma-separated\.$/);
      assert.match(await page.getByTestId('upload-phase').textContent(), /survey answers from Qualtrics/);
      await page.getByTestId('survey-section').screenshot({ path: `${resultsDir}survey-qualtrics.png` });
      // Waves by month: one row per completion month, each wave's NPS as computed from the answers.
      await page.getByTestId('upload-survey-options').locator('summary').click();
      await page.getByLabel('Waves').selectOption('month');
      await page.getByTestId('upload-input').setInputFiles({ name: 'qualtrics.csv', mimeType: 'text/csv', buffer: fixture('qualtrics-choice-text.csv') });
      const waves = page.getByTestId('survey-waves-table');
      await waves.waitFor({ state: 'visible' });
      const rows = await waves.locator('tbody tr').allInnerTexts();
      assert.deepEqual(rows.map((r) => r.split(/\s/)[0]), Object.keys(e.months));
      for (const [i, [, m]] of Object.entries(e.months).entries()) {
        const nps = Math.round(m.npsScore * 10) / 10;
        assert.match(rows[i], new RegExp(`${nps > 0 ? '\\+' : ''}${String(nps).replace('.', '\\.').replace('-', '-')}`), `${rows[i]} has NPS ${nps}`);
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('says what it guessed in a numeric export, and the satisfaction codes can be turned round', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      await page.getByTestId('tab-files').click();
      const drop = () => page.getByTestId('upload-input').setInputFiles({ name: 'qualtrics-numeric.csv', mimeType: 'text/csv', buffer: fixture('qualtrics-numeric.csv') });
      await drop();
      const warnings = page.getByTestId('survey-warnings');
      await warnings.waitFor({ state: 'visible' });
      assert.match(await warnings.textContent(), /holds codes 1 to 4.*read in the question's usual order/s);
      assert.match(await warnings.textContent(), /choose "1 = most satisfied" under "Satisfaction codes" in the survey options/);
      assert.doesNotMatch(await page.getByTestId('survey-view').textContent(), /options\./, 'option names in the page\'s words');
      // "1 = most satisfied": the guess goes, the CSAT share is the one computed from the answers.
      await page.getByTestId('upload-survey-options').locator('summary').click();
      await page.getByLabel('Satisfaction codes').selectOption('descending');
      await drop();
      await page.waitForFunction(() => document.querySelector('[data-testid="survey-warnings"] [data-code="coded_answers"]') && !document.querySelector('[data-code="coded_scale"]'));
      const share = Math.round(expected.qualtrics.csatShare * 1000) / 10;
      assert.match(await page.getByTestId('survey-view').textContent(), new RegExp(`${share}%`));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('reads gzip, JSON-lines, zip and Excel exports with the readers part, fetched only for them', async () => {
    const { context, page, errors, requests } = await suite.open(desktop);
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      await page.getByTestId('tab-files').click();
      await page.getByTestId('upload-input').setInputFiles({ name: 'answers.csv', mimeType: 'text/csv', buffer: fixture('ellis-question-set.csv') });
      await page.getByTestId('survey-view').waitFor({ state: 'visible' });
      assert.ok(!requests.some((u) => /market_validation(_readers)?_bg\.wasm$/.test(u)), `a CSV needs no readers: ${requests.filter((u) => /wasm|_all|_readers/.test(u)).join(' ')}`);
      await page.getByTestId('upload-input').setInputFiles({ name: 'qualtrics.csv.gz', mimeType: 'application/gzip', buffer: gzipSync(fixture('qualtrics-choice-text.csv')) });
      await page.waitForFunction(() => /Qualtrics/.test(document.querySelector('[data-testid="survey-file"]')?.textContent ?? ''));
      assert.match(await page.getByTestId('survey-view').locator('.mv-lede').textContent(), new RegExp(`${expected.qualtrics.responses} responses`));
      assert.ok(requests.some((u) => u.endsWith('/market_validation_readers_bg.wasm')), 'the readers part was fetched');
      assert.ok(!requests.some((u) => u.endsWith('/market_validation_bg.wasm')), 'not the all-in-one build');
      // Mixpanel-like JSON lines: events, with a broken line reported by its line.
      const lines = [];
      for (let i = 0; i < 40; i++) lines.push(JSON.stringify({ event: 'Viewed', properties: { time: 1767225600 + i * 43200, distinct_id: `u${i % 7}`, $insert_id: `i${i}`, mp_processing_time_ms: 1 } }));
      lines.splice(5, 0, '{"event": "Viewed", "properties": {');
      await page.getByTestId('upload-input').setInputFiles({ name: 'mixpanel.json', mimeType: 'application/json', buffer: Buffer.from(`${lines.join('\n')}\n`) });
      await page.getByTestId('events-view').waitFor({ state: 'visible' });
      assert.match(await page.getByTestId('upload-phase').textContent(), /usage events from Mixpanel/);
      assert.match(await page.getByTestId('events-view').textContent(), /line 6/);
      // Microsoft Forms' own export: an Excel workbook, its problems by the sheet's row.
      await page.getByTestId('upload-input').setInputFiles({ name: 'Acme survey.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: fixture('ms-forms.xlsx') });
      await page.waitForFunction(() => /Microsoft Forms/.test(document.querySelector('[data-testid="survey-file"]')?.textContent ?? ''));
      assert.match(await page.getByTestId('survey-file').textContent(), /sheet “Sheet1” of an Excel workbook/);
      assert.match(await page.getByTestId('survey-view').locator('.mv-lede').textContent(), new RegExp(`${expected['ms-forms-xlsx'].responses} responses`));
      assert.match(await page.getByTestId('survey-warnings').textContent(), /only the first, "Sheet1", was read/);
      // Amplitude's zip of hourly gzipped JSON lines: the cut line named by its file.
      await page.getByTestId('upload-input').setInputFiles({ name: 'amplitude.zip', mimeType: 'application/zip', buffer: fixture('amplitude-events.zip') });
      await page.waitForFunction(() => /Amplitude/.test(document.querySelector('[data-testid="upload-phase"]')?.textContent ?? ''));
      await page.getByTestId('events-view').waitFor({ state: 'visible' });
      const cut = expected.amplitude.cutLine;
      assert.ok((await page.getByTestId('events-view').textContent()).includes(`${cut.file}, line ${cut.line}`), 'the cut line, by its file');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('reading a file again as the other kind clears the view it no longer gives; a UTF-16 file is read', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      await page.getByTestId('tab-files').click();
      const file = { name: 'answers.txt', mimeType: 'text/plain', buffer: fixture('ellis-question-set-utf16.txt') };
      await page.getByTestId('upload-input').setInputFiles(file);
      await page.getByTestId('survey-view').waitFor({ state: 'visible' });
      assert.match(await page.getByTestId('survey-file').textContent(), /Google Forms export: one header row, UTF-16LE, tab-separated/);
      assert.match(await page.getByTestId('pmf-share').textContent(), /52\.2%/);
      // Told to read it as events, it fails (no user id column) and the survey view stays;
      // a file that is read as events replaces it.
      await page.getByTestId('upload-kind-events').check();
      const events = 'user_id,timestamp\nu1,2026-11-03T09:00:00Z\nu2,2026-11-04T09:00:00Z\nu1,2026-11-05T09:00:00Z\n';
      await page.getByTestId('upload-input').setInputFiles({ name: 'answers.txt', mimeType: 'text/plain', buffer: Buffer.from(events) });
      await page.getByTestId('events-view').waitFor({ state: 'visible' });
      assert.equal(await page.getByTestId('survey-section').isVisible(), false, 'the old survey view of answers.txt stays');
      // Two segment columns: each broken down.
      await page.getByTestId('upload-kind-auto').check();
      const rows = ['How likely are you to recommend Acme?,Role,Company size'];
      for (let i = 0; i < 60; i++) rows.push(`${i % 11},${['Dev', 'PM'][i % 2]},${['1-10', '11-50', '51+'][i % 3]}`);
      await page.getByTestId('upload-input').setInputFiles({ name: 'segments.csv', mimeType: 'text/csv', buffer: Buffer.from(`${rows.join('\n')}\n`) });
      await page.getByTestId('survey-segments-more').waitFor({ state: 'visible' });
      assert.match(await page.getByTestId('survey-segments').textContent(), /By "Role"/);
      assert.match(await page.getByTestId('survey-segments-more').textContent(), /Segments by Company size/);
      // Named in the options, one a line: the first is the main breakdown.
      await page.getByTestId('upload-survey-options').locator('summary').click();
      await page.getByTestId('upload-segment-columns').fill('Company size\nRole');
      await page.getByTestId('upload-input').setInputFiles({ name: 'segments.csv', mimeType: 'text/csv', buffer: Buffer.from(`${rows.join('\n')}\n`) });
      await page.waitForFunction(() => /By "Company size"/.test(document.querySelector('[data-testid="survey-segments"]')?.textContent ?? ''));
      assert.match(await page.getByTestId('survey-segments-more').textContent(), /Segments by Role/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
