// Page test of the product-market-fit engine's panel (www/views/survey-engine.js):
// a survey CSV with the Sean Ellis question, a role and Vohra's three free-text
// questions, analysed in the worker; the panel shows the high-expectation
// segment, the themes with their counts, what holds back the somewhat
// disappointed and the roadmap, and writes answers as text (an answer that is
// markup stays text). Fails on any console error, page error or failed request
// (support.mjs).
//
//   node --test --test-reporter=tap tests/page/survey-engine.test.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pageSuite } from './suite.mjs';
import { resultsDir, waitForScore } from './support.mjs';

const q = (s) => `"${s.replace(/"/g, '""')}"`;

/**
 * Founders: 40 of 50 very disappointed; engineers 10 of 50 (each group's rest
 * somewhat disappointed). The very disappointed say the product saves time
 * (30, in several wordings) or praise its shortcuts (20); the somewhat
 * disappointed who say it saves time (20) ask for a mobile app; the rest of
 * them (30) like the design and ask for a dark mode.
 */
function engineCsv() {
  const header = ['Role', 'How would you feel if you could no longer use Acme?', 'What is the main benefit you receive from Acme?',
    'What type of people do you think would most benefit from Acme?', 'How can we improve Acme for you?'].map(q).join(',');
  const time = ['Saves me hours', 'It saved time', 'time-saving', 'Saves me so much time', 'Saving time every day'];
  const ends = ['', '!', '.', ' :)', '!!', '..'];
  const rows = [];
  let vd = 0;
  let sd = 0;
  for (let i = 0; i < 100; i++) {
    const founder = i < 50;
    const very = founder ? i < 40 : i < 60;
    const end = ends[i % ends.length];
    if (very) {
      const main = vd < 30 ? time[vd % time.length] : 'keyboard shortcuts';
      rows.push([founder ? 'Founder' : 'Engineer', 'Very disappointed', `${main}${end}`, `busy founders${end}`, i === 0 ? '<img src=x onerror="window.__pwned=1">' : '']);
      vd++;
    } else {
      const fan = sd < 20;
      rows.push([founder ? 'Founder' : 'Engineer', 'Somewhat disappointed', `${fan ? time[sd % time.length] : 'nice design'}${end}`, '', `${fan ? 'A mobile app' : 'dark mode'}${end}`]);
      sd++;
    }
  }
  return `${header}\n${rows.map((r) => r.map(q).join(',')).join('\n')}\n`;
}

describe('the product-market-fit engine in the page', () => {
  const suite = pageSuite();

  it('shows the segment, the themes, what holds back the somewhat disappointed, and the roadmap', async () => {
    const { context, page, errors } = await suite.open({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      await page.getByTestId('tab-files').click();
      await page.getByTestId('upload-input').setInputFiles({ name: 'pmf.csv', mimeType: 'text/csv', buffer: Buffer.from(engineCsv()) });
      const panel = page.getByTestId('survey-engine');
      await panel.waitFor({ state: 'visible' });
      // Founders 40 of 50 against engineers' 10 of 50: told apart.
      assert.match(await panel.getByTestId('engine-segment').textContent(), /Role = Founder: 80% very disappointed \(40 of 50\) against 20%/);
      const benefits = await panel.getByTestId('engine-benefits-theme').allTextContents();
      assert.match(benefits[0], /^(?:sav\w+ (?:hours|time)|time saving) 30 of 50 \(60%\)/);
      assert.match(benefits[1], /^keyboard shortcuts 20 of 50 \(40%\)/);
      assert.match(await panel.getByTestId('engine-who-theme').first().textContent(), /^(busy )?founders 50 of 50/);
      assert.match(await panel.getByTestId('engine-matched').textContent(), /^20 of 50 somewhat disappointed name a top benefit/);
      const back = await panel.getByTestId('engine-holding-back-theme').allTextContents();
      assert.match(back[0], /^mobile 20 of 20 \(100%\)/);
      assert.ok(!back.some((t) => /dark mode/.test(t)), `not what holds back the fans: ${back}`);
      const actions = await panel.getByTestId('engine-roadmap').locator('li').evaluateAll((els) => els.map((e) => e.dataset.action));
      assert.deepEqual(actions, ['focus', 'double-down', 'double-down', 'address']);
      assert.match(await panel.getByTestId('engine-columns').textContent(), /Main benefit: "What is the main benefit you receive from Acme\?" \(found by its header\)/);
      // The columns list names the free-text columns too.
      assert.match(await page.getByTestId('survey-view').locator('details.mv-columns').textContent(), /How to improve: /);
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      await panel.screenshot({ path: `${resultsDir}survey-engine.png` });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('says why there is no theme when the free-text questions are missing', async () => {
    const { context, page, errors } = await suite.open({ viewport: { width: 800, height: 900 }, colorScheme: 'dark' });
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      await page.getByTestId('tab-files').click();
      const rows = Array.from({ length: 12 }, (_, i) => `${i % 2 ? 'A' : 'B'},${i % 3 ? 'Somewhat disappointed' : 'Very disappointed'}`);
      const csv = `Plan,How would you feel if you could no longer use Acme?\n${rows.join('\n')}\n`;
      await page.getByTestId('upload-input').setInputFiles({ name: 'ellis.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      const panel = page.getByTestId('survey-engine');
      await panel.waitFor({ state: 'visible' });
      assert.match(await panel.getByTestId('engine-benefits-none').textContent(), /no main-benefit column found: name it under "Free-text columns" in the survey options/);
      assert.match(await panel.getByTestId('engine-segment').textContent(), /no segment value has 40 Sean Ellis answers/);
      assert.match(await panel.getByTestId('engine-roadmap').textContent(), /No roadmap yet/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
