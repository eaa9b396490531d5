// Page tests of the conventions the views share: the product name and as-of
// day as page metadata (field, result line, share link, embed card, custom
// element, PNG), copy in words rather than field paths and slugs, the stale
// state (only what the form feeds is marked, contrast kept) and the compact
// score of phones. Every test fails on any console error, page error, failed
// request or request to another origin (support.mjs).
//
//   node --test tests/page/conventions.test.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pageSuite } from './suite.mjs';
import { resultsDir, waitForScore, seriousAxeViolations } from './support.mjs';

const desktop = { viewport: { width: 1280, height: 900 }, colorScheme: 'light' };
const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** A product of the user's own (no group of the sample's). */
const OWN = {
  usageMetrics: { dailyActiveUsers: 300, weeklyActiveUsers: 800, monthlyActiveUsers: 1500, retentionRate: 0.45 },
  adoptionData: { totalUsers: 2400, adoptionRate: 0.38, featureAdoptionRates: { reports: 0.52, alerts: 0.21 } },
  surveyData: { npsScore: 20, feedbackVolume: 120 },
};

/** Pastes product data in the JSON tab and waits for its score. */
async function paste(page, product) {
  await page.getByTestId('tab-json').click();
  const old = await page.locator('#score').textContent();
  await page.getByTestId('json-input').fill(JSON.stringify(product));
  await page.getByTestId('json-apply').click();
  await page.waitForFunction((o) => document.querySelector('#score').textContent !== o, old);
  return waitForScore(page);
}

describe('page conventions', () => {
  const suite = pageSuite();

  it('keeps a product name and an as-of day as page metadata: result line, share link, embed card and PNG', async () => {
    const { context, page, errors } = await suite.open({ ...desktop, acceptDownloads: true });
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      // The sample: labelled, as of today by default.
      assert.match(await page.getByTestId('as-of').inputValue(), /^\d{4}-\d{2}-\d{2}$/);
      assert.match(await page.getByTestId('result-title').textContent(), /^Sample: an AI-database infrastructure company · data as of [A-Z][a-z]{2} \d{1,2}, \d{4}$/);
      // A name typed over the sample's data still says it is the sample's.
      await page.getByTestId('product-name').fill('Acme Analytics');
      assert.match(await page.getByTestId('result-title').textContent(), /^Acme Analytics · sample data · data as of/);

      const score = await paste(page, OWN);
      await page.getByTestId('as-of').fill('2026-11-30');
      assert.equal(await page.getByTestId('result-title').textContent(), 'Acme Analytics · data as of Nov 30, 2026');
      // The metadata is not product data: the score does not move.
      assert.equal(Number(await page.locator('#score').textContent()), score);

      await page.getByTestId('share-link').click();
      await page.waitForFunction(() => location.hash.length > 10);
      const link = await page.evaluate(() => location.href);
      const fresh = await context.newPage();
      await fresh.goto(link);
      assert.equal(await waitForScore(fresh), score);
      assert.equal(await fresh.getByTestId('product-name').inputValue(), 'Acme Analytics');
      assert.equal(await fresh.getByTestId('as-of').inputValue(), '2026-11-30');
      assert.equal(await fresh.getByTestId('result-title').textContent(), 'Acme Analytics · data as of Nov 30, 2026');

      // The embed card shows both, the preset by its name.
      await page.waitForFunction(() => /#v1/.test(document.querySelector('#embed-link').getAttribute('href') ?? ''));
      await page.waitForTimeout(300); // the embed link follows the last change after 150 ms
      const card = await context.newPage();
      await card.goto(new URL(await page.locator('#embed-link').getAttribute('href'), page.url()).href);
      await card.getByTestId('mv-score').waitFor();
      assert.equal(await card.getByTestId('mv-title').textContent(), 'Acme Analytics');
      assert.equal(await card.getByTestId('mv-as-of').textContent(), 'Data as of Nov 30, 2026');
      assert.match(await card.getByTestId('mv-interval').textContent(), /B2B SaaS benchmarks$/);
      assert.doesNotMatch(await card.locator('body').innerText(), /b2b-saas/);

      // The PNG is drawn with the date: one line taller than without it.
      const heightOf = async () => {
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
        const bytes = await (await import('node:fs/promises')).readFile(await download.path());
        return bytes.readUInt32BE(20); // the IHDR height
      };
      const withDate = await heightOf();
      await page.getByTestId('as-of').fill('');
      const withoutDate = await heightOf();
      assert.equal(withDate - withoutDate, 2 * 22, `PNG heights ${withDate} and ${withoutDate}`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('the custom element shows an as-of attribute, and says what is wrong with a bad one', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await page.goto(`${suite.origin}/www/examples/host.html`);
      await page.evaluate(async () => {
        await import('/www/card.js');
        const add = (id, asOf) => {
          const card = document.createElement('market-validation-card');
          card.id = id;
          card.setAttribute('title', 'Acme');
          card.setAttribute('as-of', asOf);
          card.setAttribute('data', JSON.stringify({ surveyData: { npsScore: 41, feedbackVolume: 180 } }));
          document.body.append(card);
        };
        add('good-day', '2026-12-01');
        add('bad-day', '01/12/2026');
      });
      const inside = (id, testId) => page.waitForFunction(([i, t]) => document.getElementById(i)?.shadowRoot?.querySelector(`[data-testid="${t}"]`)?.textContent, [id, testId]).then((h) => h.jsonValue());
      assert.equal(await inside('good-day', 'mv-as-of'), 'Data as of Dec 1, 2026');
      assert.match(await inside('bad-day', 'mv-error-message'), /as-of attribute is "01\/12\/2026"; expected a day as YYYY-MM-DD/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('names fields by their labels and shares in percent: no field paths, slugs or fractions in the copy', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      // Daily users above monthly ones: a warning at the field and in the list, in words.
      await paste(page, { ...OWN, usageMetrics: { ...OWN.usageMetrics, dailyActiveUsers: 4000 } });
      const results = await page.locator('#results').innerText();
      assert.doesNotMatch(results, /\b(usageMetrics|adoptionData|surveyData|marketResearch|competitiveData|unitEconomics)\./, 'a field path in the results');
      assert.doesNotMatch(results, /\b[a-z]+_[a-z_]+\b/, 'a slug in the results');
      assert.doesNotMatch(results, /\b[a-z]+[A-Z][a-zA-Z]*\b/, 'a camel-case name in the results');
      assert.match(await page.locator('#warnings li').first().textContent(), /^Daily active users \(DAU\)/);
      assert.match(await page.locator('#missing').textContent(), /Stickiness \(DAU\/MAU\) \(usage, [\d.]+% of the weight\): give Daily active users \(DAU\) and Monthly active users \(MAU\)/);
      // The field's own help says field names in words too.
      const hints = await page.locator('#fields .hint').allTextContents();
      assert.ok(hints.length > 20);
      for (const hint of hints) {
        assert.doesNotMatch(hint, /`|\b[a-z]+[A-Z][a-zA-Z]*\b|1e15|25e9/, `hint: ${hint}`);
      }
      // A map of shares in percent, its problems too.
      await page.getByTestId('tab-form').click();
      const value = page.locator('#field-adoptionData-featureAdoptionRates .map-value').first();
      assert.equal(await value.inputValue(), '52');
      await value.fill('520');
      const error = page.getByTestId('error-adoptionData-featureAdoptionRates');
      await error.waitFor({ state: 'visible' });
      assert.match(await error.textContent(), /^reports: Got 520%; expected a percentage from 0% to 100% \(did you mean 5\.2%\?\)/);
      await error.getByRole('button', { name: 'Use 5.2%' }).click();
      await error.waitFor({ state: 'hidden' });
      assert.equal(await value.inputValue(), '5.2');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('the stale state marks only what the form feeds, keeps AA contrast, and the phone keeps a compact score in sight', async () => {
    for (const [name, options] of [['light', { ...phone, colorScheme: 'light' }], ['dark', { ...phone, colorScheme: 'dark' }]]) {
      const { context, page, errors } = await suite.open(options);
      try {
        await page.goto(`${suite.origin}/www/`);
        const score = await waitForScore(page);
        // At the top the summary shows the score: no compact copy.
        assert.equal(await page.getByTestId('mini-score').isVisible(), false, `${name}: compact score shown beside the summary`);
        const field = page.locator('#field-usageMetrics-retentionRate');
        await field.scrollIntoViewIfNeeded();
        await field.fill('4500');
        await page.waitForFunction(() => document.querySelector('#results').dataset.state === 'stale');
        const mini = page.getByTestId('mini-score');
        await mini.waitFor({ state: 'visible' });
        assert.equal(Number(await page.locator('#mini-score-value').textContent()), score, `${name}: the compact score is the last valid one`);
        assert.equal(await mini.getAttribute('data-state'), 'stale');
        const box = await mini.boundingBox();
        assert.ok(box && box.y + box.height <= 844 && box.y > 600, `${name}: compact score at the bottom of the viewport: ${JSON.stringify(box)}`);
        await page.screenshot({ path: `${resultsDir}stale-phone-${name}.png` });
        // Marked without opacity; the sections the form does not feed are not marked.
        const looks = await page.evaluate(() => [...document.querySelectorAll('#results > .card, #results > .two-col > .card')].map((el) => ({
          id: el.id, opacity: getComputedStyle(el).opacity, filter: getComputedStyle(el).filter,
        })));
        for (const { id, opacity, filter } of looks) {
          assert.equal(opacity, '1', `${name}: ${id || 'a section'} is faded`);
          if (id === 'survey-section' || id === 'events-section') assert.equal(filter, 'none', `${name}: ${id} marked stale`);
          else assert.match(filter, /grayscale/, `${name}: ${id || 'a section'} is not marked stale`);
        }
        assert.deepEqual(await seriousAxeViolations(page), [], `${name}: axe violations in the stale state`);
        // Fixed: the result is current again and the mark goes.
        await field.fill('78');
        await waitForScore(page);
        assert.equal(await mini.getAttribute('data-state'), 'ok');
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    }
  });
});
