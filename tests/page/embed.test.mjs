// Page tests of the embeds (www/embed.html, www/card.js): the iframe card from
// the workbench's own embed link, a host page with iframes (data in the
// fragment, data by postMessage) that size themselves, and the
// <market-validation-card> custom element fed by attribute and by property.
// Every test fails on any console error, page error, failed request or request
// to another suite.origin (support.mjs).
//
//   node --test tests/page/
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pageSuite } from './suite.mjs';
import { resultsDir, waitForScore } from './support.mjs';

describe('embeds', () => {
  const suite = pageSuite();
  const desktop = { viewport: { width: 1280, height: 900 }, colorScheme: 'light' };

  it('the embed link renders only the compact card, with the workbench\'s exact score', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      await page.waitForFunction(() => /embed\.html#v1/.test(document.querySelector('#embed-link').getAttribute('href')));
      const sampleHref = await page.locator('#embed-link').getAttribute('href');
      await page.locator('#preset').selectOption('enterprise-saas');
      await page.waitForFunction(() => /Enterprise/.test(document.querySelector('#preset-name').textContent));
      const score = await page.locator('#score').textContent();
      await page.waitForFunction((old) => document.querySelector('#embed-link').getAttribute('href') !== old, sampleHref);
      const href = await page.locator('#embed-link').getAttribute('href');
      const embed = await context.newPage();
      await embed.goto(new URL(href, page.url()).href);
      await embed.getByTestId('mv-score').waitFor();
      assert.equal(await embed.getByTestId('mv-score').textContent(), score);
      assert.equal(await embed.locator('#summary, form, #metrics').count(), 0, 'only the card, not the workbench');
      assert.equal(await embed.locator('[data-testid^="mv-dim-"]').count(), 5);
      await embed.screenshot({ path: `${resultsDir}embed.png` });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('a host page: iframes sized to their cards, and custom elements by attribute and by property', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await page.goto(`${suite.origin}/www/examples/host.html`);
      for (const id of ['embed-fragment', 'embed-message']) {
        const frame = page.frameLocator(`[data-testid="${id}"]`);
        await frame.getByTestId('mv-score').waitFor();
        assert.match(await frame.getByTestId('mv-score').textContent(), /^\d+(\.\d+)?$/);
        // Sized to its content: the iframe is as tall as the card inside, no inner scrollbar.
        await page.waitForFunction((sel) => {
          const el = document.querySelector(sel);
          const doc = el.contentDocument?.documentElement;
          return doc && Math.abs(el.getBoundingClientRect().height - doc.scrollHeight) <= 2 && el.getBoundingClientRect().height > 100;
        }, `[data-testid="${id}"]`);
      }
      // The postMessage iframe names this page's origin (?host=), and its card says so.
      assert.match(await page.frameLocator('[data-testid="embed-message"]').getByTestId('data-source').textContent(), new RegExp(`Data from ${suite.origin.replace(/[.]/g, '\\.')}`));
      assert.match(await page.frameLocator('[data-testid="embed-fragment"]').getByTestId('data-source').textContent(), /Data from this link/);
      // Without ?host=, or with another origin, posted data is ignored.
      await page.evaluate(() => {
        for (const [id, query] of [['no-host', ''], ['other-host', '?host=https://other.example']]) {
          const f = document.createElement('iframe');
          f.id = id;
          f.src = `../embed.html${query}`;
          f.addEventListener('load', () => f.contentWindow.postMessage({ type: 'market-validation:data', product: { usageMetrics: { retentionRate: 0.5 } } }, '*'));
          document.body.append(f);
        }
      });
      for (const id of ['no-host', 'other-host']) {
        const frame = page.frameLocator(`#${id}`);
        await frame.locator('.mv-card').first().waitFor();
        await page.waitForTimeout(500);
        assert.equal(await frame.getByTestId('mv-score').count(), 0, `${id}: posted data was not scored`);
        assert.match(await frame.locator('#card-root').textContent(), /Waiting for data/);
      }
      const byAttribute = page.getByTestId('card-attribute');
      await byAttribute.getByTestId('mv-score').waitFor();
      const first = await byAttribute.getByTestId('mv-score').textContent();
      const byProperty = page.getByTestId('card-property');
      await byProperty.getByTestId('mv-score').waitFor();

      // A new attribute value re-renders; bad JSON shows the error card, and the page keeps working.
      await page.evaluate(() => {
        const card = document.querySelector('[data-testid="card-attribute"]');
        card.setAttribute('data', JSON.stringify({ usageMetrics: { dailyActiveUsers: 100, monthlyActiveUsers: 1000, retentionRate: 0.2 }, surveyData: { npsScore: -10, feedbackVolume: 50 } }));
      });
      await page.waitForFunction((old) => {
        const card = document.querySelector('[data-testid="card-attribute"]');
        const s = card.shadowRoot?.querySelector('[data-testid="mv-score"]');
        return s && s.textContent !== old;
      }, first);
      await page.evaluate(() => document.querySelector('[data-testid="card-attribute"]').setAttribute('data', '{ not json'));
      await byAttribute.locator('.mv-card-error').waitFor();
      // By property, with a bad value: the problems show in the card, as text.
      await page.evaluate(() => { document.querySelector('[data-testid="card-property"]').data = { usageMetrics: { retentionRate: 45 }, surveyData: { npsScore: '<img src=x onerror="window.__pwned=1">' } }; });
      await byProperty.locator('.mv-card-error').waitFor();
      assert.match(await byProperty.locator('.mv-card-error').textContent(), /did you mean 0\.45/);
      assert.equal(await page.evaluate(() => window.__pwned ?? null), null);
      await page.evaluate(() => { document.querySelector('[data-testid="card-property"]').data = { surveyData: { npsScore: 40, feedbackVolume: 300 }, usageMetrics: { retentionRate: 0.6 } }; });
      await byProperty.getByTestId('mv-score').waitFor();
      await page.screenshot({ path: `${resultsDir}host-page.png`, fullPage: true });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
