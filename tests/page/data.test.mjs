// Page tests of raw-data input (www/): a survey CSV and an events CSV analysed
// in a Web Worker with progress, their views, "Use in the score", cancelling a
// large file, a broken file, and payloads in CSV headers and cells. Every test
// fails on any console error, page error, failed request or request to another
// suite.origin (support.mjs).
//
//   node --test tests/page/
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pageSuite } from './suite.mjs';
import { resultsDir, waitForScore } from './support.mjs';

const DAY = 86_400_000;
const START = Date.UTC(2026, 5, 1);

/** Ten answers with a known NPS: 5 promoters, 2 passives, 3 detractors = +20. */
function surveyCsv({ hostile = false } = {}) {
  const seg = hostile ? '<img src=x onerror="window.__pwned=1">' : 'Engineer';
  const header = `Respondent,How likely are you to recommend us? (0-10),How would you feel if you could no longer use the product?,Role${hostile ? ',"<script>window.__pwned=2</script>"' : ''}`;
  const nps = [10, 10, 9, 9, 8, 7, 6, 5, 0, 10];
  const pmf = ['Very disappointed', 'Very disappointed', 'Very disappointed', 'Somewhat disappointed', 'Somewhat disappointed',
    'Not disappointed', 'Very disappointed', 'Not disappointed', 'Not disappointed', 'Very disappointed'];
  const rows = nps.map((n, i) => `${i + 1},${n},${pmf[i]},${i % 2 ? seg : 'Manager'}${hostile ? ',x' : ''}`);
  return `${header}\n${rows.join('\n')}\n`;
}

/**
 * Events over 120 days: `users` users, each active on a decaying number of
 * days after arriving, a tenth of them loyal; deterministic.
 */
function eventsCsv(users, perUserDays = 12) {
  let seed = 7;
  const rand = () => { seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31; return seed / 2 ** 31; };
  const lines = ['user_id,timestamp'];
  for (let u = 0; u < users; u++) {
    const arrival = Math.floor(rand() * 90);
    const loyal = u % 10 === 0;
    for (let k = 0; k < perUserDays; k++) {
      const day = arrival + (loyal ? k * 2 : Math.floor(k * k * rand()));
      if (day >= 120) break;
      lines.push(`u${u},${new Date(START + day * DAY + Math.floor(rand() * DAY)).toISOString()}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Records every state the upload status passes through, and the phases shown. */
async function recordUploadStates(page) {
  // The files tab is mounted after the first score is painted.
  await page.getByTestId('upload-status').waitFor({ state: 'attached' });
  await page.evaluate(() => {
    const status = document.querySelector('[data-testid="upload-status"]');
    const phase = document.querySelector('[data-testid="upload-phase"]');
    window.__uploadStates = [status.dataset.state];
    window.__phases = [];
    new MutationObserver(() => window.__uploadStates.push(status.dataset.state)).observe(status, { attributes: true, attributeFilter: ['data-state'] });
    new MutationObserver(() => window.__phases.push(phase.textContent)).observe(phase, { childList: true, characterData: true, subtree: true });
  });
}

describe('raw data in the page', () => {
  const suite = pageSuite();
  const desktop = { viewport: { width: 1280, height: 900 }, colorScheme: 'light' };

  it('analyses a survey CSV in a worker, shows NPS and the Sean Ellis test, and feeds the score', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await page.goto(`${suite.origin}/www/`);
      const before = await waitForScore(page);
      await page.getByTestId('tab-files').click();
      await recordUploadStates(page);
      await page.getByTestId('upload-input').setInputFiles({ name: 'survey.csv', mimeType: 'text/csv', buffer: Buffer.from(surveyCsv()) });
      await page.getByTestId('survey-view').waitFor({ state: 'visible' });
      assert.match(await page.getByTestId('nps-score').textContent(), /\+?20\b/);
      assert.match(await page.getByTestId('pmf-share').textContent(), /50%/, '5 of 10 very disappointed');
      const states = await page.evaluate(() => window.__uploadStates);
      assert.ok(states.includes('running') && states.at(-1) === 'done', `states: ${states.join(' > ')}`);
      await page.getByTestId('survey-view').getByTestId('use-in-score').click();
      await page.waitForFunction((old) => document.querySelector('#score').textContent !== old, before.toFixed(1));
      assert.equal(await page.locator('#field-surveyData-npsScore').inputValue(), '20');
      await waitForScore(page);
      await page.getByTestId('survey-section').screenshot({ path: `${resultsDir}survey-view.png` });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('analyses an events CSV with progress, draws actives, cohorts and growth, and feeds the score', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      await page.getByTestId('tab-files').click();
      await recordUploadStates(page);
      const csv = eventsCsv(30_000);
      await page.getByTestId('upload-input').setInputFiles({ name: 'events.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByTestId('events-view').waitFor({ state: 'visible', timeout: 60_000 });
      const phases = await page.evaluate(() => window.__phases.join(' | '));
      assert.match(phases, /Reading|Analysing/i, `progress phases shown: ${phases}`);
      for (const id of ['events-active', 'events-retention', 'events-growth', 'dau-mau', 'quick-ratio']) {
        assert.ok(await page.getByTestId(id).isVisible(), `${id} is shown`);
      }
      assert.ok(await page.locator('[data-testid="events-retention"] table').count() > 0, 'the cohort heatmap');
      assert.ok(await page.locator('[data-testid="events-active"] svg[role="img"]').count() > 0, 'the actives chart');
      const dau = await page.locator('#field-usageMetrics-dailyActiveUsers').inputValue();
      assert.equal(await page.getByTestId('group-source-surveyData').textContent(), 'from the sample');
      await page.getByTestId('events-view').getByTestId('use-in-score').click();
      await page.waitForFunction((old) => document.querySelector('#field-usageMetrics-dailyActiveUsers').value !== old, dau);
      await waitForScore(page);
      // The file's groups replace the sample's, and the sample's other groups are cleared:
      // nothing of the fictional company is scored with the file's figures.
      assert.equal(await page.getByTestId('group-source-usageMetrics').textContent(), 'from events.csv');
      assert.equal(await page.getByTestId('group-source-adoptionData').textContent(), 'from events.csv');
      for (const group of ['surveyData', 'marketResearch', 'competitiveData']) {
        assert.ok(await page.getByTestId(`group-source-${group}`).isHidden(), `${group} no longer says "from the sample"`);
      }
      assert.equal(await page.locator('#field-surveyData-npsScore').inputValue(), '', 'the sample survey is cleared');
      // Figures from the file are rounded for people: whole numbers, or 4 significant digits.
      const values = await page.locator('#group-usageMetrics input[type="number"], #group-adoptionData input[type="number"]').evaluateAll((els) => els.map((e) => e.value).filter(Boolean));
      assert.ok(values.length >= 3, `values: ${values}`);
      for (const v of values) {
        assert.ok(/^-?\d+$/.test(v) || v.replace(/^-?0?\.?0*/, '').replace('.', '').length <= 4, `${v} is not rounded for people`);
      }
      assert.equal(await page.locator('#field-usageMetrics-retentionRate').inputValue() === '78', false, 'usage is the file\'s, not merged with the sample\'s');
      assert.match(await page.locator('#status').textContent(), /^Usage and adoption now come from events\.csv; the sample's survey, market research, competition and unit economics were cleared/);
      await page.getByTestId('events-section').screenshot({ path: `${resultsDir}events-view.png` });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('cancels a large file, reports a broken one next to the drop zone, and keeps working', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await page.goto(`${suite.origin}/www/`);
      const score = await waitForScore(page);
      await page.getByTestId('tab-files').click();
      await recordUploadStates(page);
      const big = Buffer.from(eventsCsv(120_000, 12));
      await page.getByTestId('upload-kind-events').check();
      await page.getByTestId('upload-input').setInputFiles({ name: 'big-events.csv', mimeType: 'text/csv', buffer: big });
      await page.waitForFunction(() => document.querySelector('[data-testid="upload-status"]').dataset.state === 'running');
      // The page stays responsive while the worker runs.
      const t0 = Date.now();
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
      assert.ok(Date.now() - t0 < 1000, 'a frame is painted while the file is analysed');
      await page.getByTestId('upload-cancel').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="upload-status"]').dataset.state === 'cancelled');
      assert.ok(await page.getByTestId('events-section').isHidden(), 'no result from a cancelled file');

      await page.getByTestId('upload-kind-auto').check();
      await page.getByTestId('upload-input').setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from('user_id,timestamp\nana,yesterday\nbo,soon\n') });
      const error = page.getByTestId('upload-error');
      await error.waitFor({ state: 'visible' });
      assert.match(await error.textContent(), /broken\.csv/);
      assert.match(await error.textContent(), /no readable event/);
      assert.equal(Number(await page.locator('#score').textContent()), score, 'the score is untouched');
      await page.getByTestId('tab-form').click();
      await page.locator('#field-usageMetrics-retentionRate').fill('50');
      await page.waitForFunction((old) => document.querySelector('#score').textContent !== old, score.toFixed(1));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('names a file it cannot read yet (an Excel 97-2003 workbook), shows the chosen file, and Clear all clears the result', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      await page.getByTestId('tab-files').click();
      // An .xls is an OLE compound file: D0 CF 11 E0 first.
      const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(200, 1)]);
      await page.getByTestId('upload-input').setInputFiles({ name: 'export.xls', mimeType: 'application/vnd.ms-excel', buffer: xls });
      const error = page.getByTestId('upload-error');
      await error.waitFor({ state: 'visible' });
      assert.match(await error.textContent(), /export\.xls.*an Excel 97-2003 workbook \(\.xls\).*Export the data as CSV/);
      assert.match(await page.getByTestId('upload-chosen').textContent(), /^export\.xls \(/);
      assert.ok(await page.getByTestId('upload-cancel').isDisabled(), 'Cancel is disabled while nothing runs');
      // A new file clears the old message.
      await page.getByTestId('upload-input').setInputFiles({ name: 'survey.csv', mimeType: 'text/csv', buffer: Buffer.from(surveyCsv()) });
      await page.getByTestId('survey-view').waitFor({ state: 'visible' });
      assert.ok(await error.isHidden(), 'the old error is gone');
      assert.match(await page.getByTestId('upload-chosen').textContent(), /^survey\.csv \(/);
      await page.getByTestId('tab-form').click();
      await page.locator('#clear').click();
      await page.waitForFunction(() => document.querySelector('#results').dataset.state === 'empty');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('renders CSV headers and cells as text', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      await page.getByTestId('tab-files').click();
      await page.getByTestId('upload-input').setInputFiles({ name: '<svg onload=alert(1)>.csv', mimeType: 'text/csv', buffer: Buffer.from(surveyCsv({ hostile: true })) });
      await page.getByTestId('survey-view').waitFor({ state: 'visible' });
      const found = await page.evaluate(() => ({
        pwned: window.__pwned ?? null,
        imgs: document.querySelectorAll('img[src="x"]').length,
        svgs: document.querySelectorAll('svg[onload]').length,
        text: document.querySelector('[data-testid="survey-view"]').textContent.includes('<img src=x'),
      }));
      assert.deepEqual(found, { pwned: null, imgs: 0, svgs: 0, text: true });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
