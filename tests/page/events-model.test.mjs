// The retention models in the events view (cohorts.model): with "on"
// retention the smile's reading; with "on or after" the sBG forecasts, the
// half-life, the power law's floor and the better fit, and both fitted
// curves drawn over the mean retention curve. The data: 400 users in four
// weekly cohorts, each active every week from their first until their
// lifetime ends (a deterministic spread of lifetimes), so the "on" and
// "on or after" curves are the same and never rise. The figures themselves
// are checked natively (tests/retention_models.rs); here, what the page shows.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pageSuite } from './suite.mjs';
import { waitForScore } from './support.mjs';

/** The CSV: user u starts in week u % 4 and stays a number of weeks that falls like a geometric tail. */
function eventsCsv() {
  const monday = Date.UTC(2026, 0, 5, 10);
  const week = 7 * 86_400_000;
  // An event name column: the page offers its retention choices only for named events.
  const lines = ['user_id,timestamp,event'];
  for (let u = 0; u < 400; u++) {
    const first = u % 4;
    const lifetime = Math.floor(-Math.log(((u * 7919) % 1000 + 0.5) / 1000) / 0.4);
    for (let w = first; w <= Math.min(first + lifetime, 11); w++) {
      lines.push(`u${u},${new Date(monday + w * week + (u % 5) * 86_400_000).toISOString()},${w === first ? 'signed_up' : 'report_viewed'}`);
    }
  }
  return Buffer.from(lines.join('\n'));
}

describe('retention models in the page', () => {
  const suite = pageSuite();

  it('reads the smile with "on" retention, then draws the forecasts with "on or after"', async () => {
    const { context, page, errors } = await suite.open({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      await page.getByTestId('tab-files').click();
      await page.getByTestId('upload-input').setInputFiles({ name: 'weekly.csv', mimeType: 'text/csv', buffer: eventsCsv() });
      await page.getByTestId('events-retention').waitFor({ state: 'visible' });
      assert.match(await page.getByTestId('retention-smile').textContent(), /^No smile/, 'a curve that never rises does not smile');
      assert.equal(await page.getByTestId('forecast-12').count(), 0, 'no forecast from "on" retention');
      await page.getByTestId('events-choices').locator('select[name="retention"]').selectOption('on-or-after');
      await page.waitForFunction(() => document.querySelector('[data-testid="forecast-12"]') != null, undefined, { timeout: 30_000 });
      const panel = page.getByTestId('events-retention');
      for (const horizon of [12, 24, 36]) {
        const value = await page.getByTestId(`forecast-${horizon}`).textContent();
        assert.match(value, /^\d+(\.\d)?%$/, `week ${horizon}: ${value}`);
      }
      const shares = await Promise.all([12, 24, 36].map(async (t) => Number((await page.getByTestId(`forecast-${t}`).textContent()).replace('%', ''))));
      assert.ok(shares[0] >= shares[1] && shares[1] >= shares[2], `forecasts fall: ${shares}`);
      assert.match(await page.getByTestId('retention-floor').textContent(), /^\d+(\.\d)?%$/);
      assert.match(await page.getByTestId('better-fit').textContent(), /^(sBG|power law)$/);
      assert.match(await panel.textContent(), /Half-life \(sBG\)/);
      assert.match(await page.getByTestId('retention-model-note').textContent(), /parametric bootstrap of \d+ replicates \(seed 2007\)/);
      const legend = await panel.locator('figure.mv-chart').first().textContent();
      assert.match(legend, /sBG fit and forecast/);
      assert.match(legend, /power law with a floor/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
