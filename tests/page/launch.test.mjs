// Page tests of the launch-readiness tab (www/views/launch/): the sample
// plan's missing dependency, an edit that re-checks, a bad date next to its
// input, a cycle named, payloads as text, the timeline chart, the share link
// and the embed card, axe-core. Every test fails on any console error, page
// error, failed request or request to another suite.origin (support.mjs).
//
//   node --test tests/page/
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pageSuite } from './suite.mjs';
import { resultsDir, waitForScore, seriousAxeViolations } from './support.mjs';

describe('launch readiness tab', () => {
  const suite = pageSuite();
  const desktop = { viewport: { width: 1400, height: 900 }, colorScheme: 'light' };

  it('checks the sample plan, re-checks on edits, and places problems next to their inputs', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      await page.getByTestId('view-tab-launch').click();
      const status = page.getByTestId('launch-status');
      await status.waitFor();
      assert.equal(await status.getAttribute('data-status'), 'blocked');
      assert.match(await page.getByTestId('launch-days').textContent(), /45/);
      // Blocked: the score (95 from its parts) is capped below the ready line, and says so.
      assert.equal((await page.getByTestId('launch-score-total').textContent()).trim(), '89.0');
      assert.equal((await page.getByTestId('launch-score-uncapped').textContent()).trim(), '95.0');
      assert.match(await page.getByTestId('launch-score-cap').textContent(), /blocked \(1 blocker\)/);
      const unknown = page.locator('[data-testid="launch-dep"][data-status="unknown_milestone"]');
      assert.ok(await unknown.count() >= 1, 'the missing milestone is reported');
      assert.match(await unknown.first().textContent(), /Sales team training/);
      assert.ok(await page.getByTestId('launch-timeline-svg').isVisible(), 'the timeline chart');
      assert.ok(await page.locator('[data-testid="launch-timeline-svg"] .mv-launch-milestone').count() >= 4);

      // Remove the broken dependency: no longer blocked.
      const broken = page.locator('[data-path^="dependencies"][value="Sales team training"]');
      const path = await broken.first().getAttribute('data-path');
      const row = /^dependencies\[\d+\]/.exec(path)[0];
      await page.locator(`[data-testid="launch-remove"][data-remove="${row}"]`).click();
      await page.waitForFunction(() => document.querySelector('[data-testid="launch-status"]')?.dataset.status !== 'blocked');

      // A milestone date that is not a real day: the problem next to that input, the last result kept.
      await page.getByTestId('launch-tab-json').click();
      const json = page.getByTestId('launch-json');
      const plan = JSON.parse(await json.inputValue());
      plan.plan ??= undefined;
      const target = plan.milestones?.[0] ? plan : plan.plan;
      target.milestones[0] = { ...target.milestones[0], date: '2027-02-30' };
      delete target.milestones[0].offsetDays;
      await json.fill(JSON.stringify(target, null, 2));
      await page.waitForFunction(() => document.querySelector('[data-error-for="milestones[0].date"]')?.textContent.includes('28 days')
        || document.querySelector('[data-testid="launch-json-problems"]')?.textContent.includes('milestones[0].date'));
      assert.ok(await page.getByTestId('launch-stale').isVisible(), 'the last good result stays, marked out of date');

      // A cycle is named.
      const cyclic = JSON.parse(JSON.stringify(target));
      cyclic.milestones = [{ name: 'Freeze', offsetDays: -14 }, { name: 'Campaign', offsetDays: -7 }, { name: 'Launch', offsetDays: 0 }];
      cyclic.dependencies = [{ milestone: 'Campaign', dependsOn: 'Freeze' }, { milestone: 'Launch', dependsOn: 'Campaign' }, { milestone: 'Freeze', dependsOn: 'Launch' }];
      await json.fill(JSON.stringify(cyclic, null, 2));
      await page.getByTestId('launch-cycle').first().waitFor();
      assert.match(await page.getByTestId('launch-cycle').first().textContent(), /Freeze.*Launch.*Campaign.*Freeze|Freeze.*Campaign.*Launch.*Freeze|Campaign.*Freeze/s);
      assert.equal(await page.getByTestId('launch-status').getAttribute('data-status'), 'blocked');
      await page.screenshot({ path: `${resultsDir}launch.png` });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('renders plan text as text, shares the plan by link and embeds its card', async () => {
    const { context, page, errors } = await suite.open(desktop);
    const payload = '<img src=x onerror="window.__pwned=1">';
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      await page.getByTestId('view-tab-launch').click();
      await page.getByTestId('launch-status').waitFor();
      await page.waitForFunction(() => /embed\.html#v1/.test(document.querySelector('#launch-embed-link').getAttribute('href')));
      const sampleEmbed = await page.locator('#launch-embed-link').getAttribute('href');
      await page.getByTestId('launch-tab-json').click();
      const json = page.getByTestId('launch-json');
      const plan = JSON.parse(await json.inputValue());
      plan.productName = payload;
      plan.marketingChannels = [...(plan.marketingChannels ?? []), payload];
      plan.milestones = [{ name: payload, offsetDays: -10 }, { name: 'Launch', offsetDays: 0 }];
      plan.dependencies = [{ milestone: 'Launch', dependsOn: payload }];
      await json.fill(JSON.stringify(plan, null, 2));
      await page.waitForFunction((p) => document.querySelector('[data-testid="launch-product"]')?.textContent.includes(p), payload);
      const inert = () => page.evaluate(() => ({ pwned: window.__pwned ?? null, imgs: document.querySelectorAll('img[src="x"]').length }));
      assert.deepEqual(await inert(), { pwned: null, imgs: 0 });
      const status = await page.getByTestId('launch-status').getAttribute('data-status');

      await page.getByTestId('launch-share-link').click();
      await page.waitForFunction(() => location.hash.length > 10);
      const link = page.url();
      await page.waitForFunction((old) => document.querySelector('#launch-embed-link').getAttribute('href') !== old, sampleEmbed);
      const embedHref = await page.locator('#launch-embed-link').getAttribute('href');

      const fresh = await context.newPage();
      await fresh.goto(link);
      await fresh.getByTestId('launch-status').waitFor();
      assert.equal(await fresh.getByTestId('view-tab-launch').getAttribute('aria-selected'), 'true', 'the link opens the launch tab');
      assert.equal(await fresh.getByTestId('launch-status').getAttribute('data-status'), status);
      assert.ok((await fresh.getByTestId('launch-product').textContent()).includes(payload));
      assert.deepEqual(await fresh.evaluate(() => ({ pwned: window.__pwned ?? null, imgs: document.querySelectorAll('img[src="x"]').length })), { pwned: null, imgs: 0 });

      const embed = await context.newPage();
      await embed.goto(new URL(embedHref, page.url()).href);
      await embed.getByTestId('launch-card').waitFor();
      assert.equal(await embed.getByTestId('launch-card').getAttribute('data-status'), status);
      assert.deepEqual(await embed.evaluate(() => ({ pwned: window.__pwned ?? null, imgs: document.querySelectorAll('img[src="x"]').length })), { pwned: null, imgs: 0 });
      await embed.screenshot({ path: `${resultsDir}launch-embed.png` });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('passes axe-core on the launch tab, desktop light and phone dark', async () => {
    for (const [name, options] of [
      ['desktop-light', desktop],
      ['phone-dark', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, colorScheme: 'dark' }],
    ]) {
      const { context, page, errors } = await suite.open(options);
      try {
        await page.goto(`${suite.origin}/www/`);
        await waitForScore(page);
        await page.getByTestId('view-tab-launch').click();
        await page.getByTestId('launch-status').waitFor();
        assert.deepEqual(await seriousAxeViolations(page), [], `${name}: axe violations`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${name}: the page scrolls sideways by ${overflow}px`);
        await page.screenshot({ path: `${resultsDir}launch-${name}.png` });
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    }
  });
});
