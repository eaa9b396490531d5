// End-to-end test of the demo page (www/): serves the repository with
// scripts/serve.mjs, drives Debian's Chromium with playwright-core and fails
// on any console error, page error, failed request or request to another suite.origin.
//
//   node --test tests/page/
//
// Needs the built package (bash scripts/build.sh) and tools/node_modules
// (bash scripts/setup.sh). Screenshots go to test-results/.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pageSuite } from './suite.mjs';
import { resultsDir, waitForScore, scoreText } from './support.mjs';

describe('demo page', () => {
  const suite = pageSuite();

  it('scores the sample, flags an invalid value inline and re-scores on a preset change (desktop)', async () => {
    const { context, page, errors } = await suite.open({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
    try {
      await page.goto(`${suite.origin}/`);
      assert.match(new URL(page.url()).pathname, /^\/www\/$/);

      // Loaded: version, score, verdict, claim, recommendations, dimensions, metrics.
      const score = await waitForScore(page);
      assert.ok(score >= 0 && score <= 100, `score ${score} is not within 0..100`);
      assert.match(await page.locator('#version').textContent(), /^v\d+\.\d+\.\d+/);
      assert.match(await page.locator('#interval').textContent(), /^\d+(\.\d+)?–\d+(\.\d+)?$/);
      assert.ok((await page.locator('#verdict').textContent()).trim().length > 0);
      assert.ok(await page.locator('#claim').isVisible(), 'the 90/100 claim shows with the unmodified sample');
      assert.match(await page.locator('#claim').textContent(), /The sample company's own documents claim 90\/100/);
      assert.equal(await page.locator('#field-marketResearch-targetMarketSize').inputValue(), '25000000000', 'plain digits, not 25e9');
      const recs = await page.locator('#recommendations li:not(.empty)').count();
      assert.ok(recs > 0, 'recommendations are listed');
      assert.match(await page.locator('#recommendations li').first().textContent(), /\+\d+(\.\d+)?\s*pts/);
      assert.equal(await page.locator('#dimensions [data-testid^="dimension-"]').count(), 5);
      assert.ok(await page.locator('#metrics [data-testid="metric-retentionRate"]').isVisible());
      assert.ok(await page.locator('#metrics a[href^="https://"]').count() > 0, 'sources are linked');
      assert.ok(await page.locator('#trends li').count() >= 1);
      // Shares in percent in the form (the API's 0.78), in the metrics table and in recommendations.
      assert.equal(await page.locator('#field-usageMetrics-retentionRate').inputValue(), '78');
      assert.match(await page.locator('label[for="field-usageMetrics-retentionRate"] + .unit').textContent(), /^%, 0\.\.100/);
      assert.match(await page.locator('#metrics [data-testid="metric-retentionRate"] td[data-label="Value"]').textContent(), /^78%77\.4%–78\.6%$/);
      assert.match(await page.locator('#metrics [data-testid="metric-dauMauRatio"] td[data-label="Next band"]').textContent(), /^great 30%$/);
      assert.match(await page.locator('#recommendations li[data-metric="dauMauRatio"] .rec-message').textContent(), /from 28% to 30% \(/);
      assert.doesNotMatch(await page.locator('#results').innerText(), /\b0\.\d{2,}\b|\d\.\d{4,}/, 'no fractions or long decimals in the results');

      // An invalid value: an inline error with the hint in percent, the last good result kept.
      await page.locator('#field-usageMetrics-retentionRate').fill('4500');
      const error = page.locator('#error-usageMetrics-retentionRate');
      await error.waitFor({ state: 'visible' });
      assert.match(await error.textContent(), /Got 4500%; expected a percentage from 0% to 100% \(did you mean 45%\?\)/);
      assert.equal(await error.getByRole('button', { name: 'Use 45%' }).count(), 1);
      assert.equal(await page.locator('#field-usageMetrics-retentionRate').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.locator('#results').getAttribute('data-state'), 'stale');
      assert.equal(Number(await scoreText(page)), score, 'the last valid score stays visible');
      assert.ok(await page.locator('#score').isVisible());
      assert.ok(!(await page.locator('#claim').isVisible()), 'no claim comparison with modified data');

      // Fixed again: the error goes, the unmodified sample's claim comes back.
      await page.locator('#field-usageMetrics-retentionRate').fill('78');
      await error.waitFor({ state: 'hidden' });
      assert.equal(await waitForScore(page), score);
      assert.ok(await page.locator('#claim').isVisible());

      // Another preset re-scores.
      await page.locator('#preset').selectOption('consumer-subscription');
      await page.waitForFunction((old) => document.querySelector('#score').textContent !== old, String(score.toFixed(1)));
      const rescored = await waitForScore(page);
      assert.notEqual(rescored, score);
      assert.ok(rescored >= 0 && rescored <= 100);
      assert.match(await page.locator('#preset-name').textContent(), /Consumer subscription/);

      // Screenshots of the top of the page, nothing focused.
      await page.evaluate(() => {
        document.activeElement?.blur();
        window.scrollTo(0, 0);
        document.querySelector('.form-panel').scrollTop = 0;
      });
      await page.screenshot({ path: `${resultsDir}demo.png` });
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.screenshot({ path: `${resultsDir}demo-dark.png` });
      assert.deepEqual(errors, [], 'no console errors, page errors or failed requests');
    } finally {
      await context.close();
    }
  });

  it('fits a phone viewport', async () => {
    const { context, page, errors } = await suite.open({
      viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, colorScheme: 'light',
    });
    try {
      await page.goto(`${suite.origin}/www/`);
      const score = await waitForScore(page);
      assert.ok(score >= 0 && score <= 100);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
      await page.screenshot({ path: `${resultsDir}demo-phone.png` });
      assert.deepEqual(errors, [], 'no console errors, page errors or failed requests');
    } finally {
      await context.close();
    }
  });
});
