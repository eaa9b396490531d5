// Page tests of the workbench (www/): JSON paste, weights, the share link,
// injection payloads through every user-text path, the no-network rule and
// the accessibility check. Every test fails on any console error, page error,
// failed request or request to another suite.origin (support.mjs).
//
//   node --test tests/page/
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pageSuite } from './suite.mjs';
import { resultsDir, waitForScore, seriousAxeViolations } from './support.mjs';

/** Payloads that would run, or leave markup behind, if any path rendered text as HTML. */
const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=2</script>',
  '"><svg onload="window.__pwned=3">',
];

/** A product whose every free-text place holds a payload. */
function hostileProduct() {
  const [img, script, svg] = PAYLOADS;
  return {
    usageMetrics: { dailyActiveUsers: 300, monthlyActiveUsers: 1500, retentionRate: 0.6, featureUsage: { [img]: 0.5 } },
    adoptionData: { totalUsers: 2000, adoptionRate: 0.4, featureAdoptionRates: { [script]: 0.3, [svg]: 0.2 } },
    surveyData: { npsScore: 30, feedbackVolume: 200, featureRatings: { [img]: 4.1 } },
    marketResearch: { customerSegmentation: { [svg]: 0.6, [script]: 0.4 }, marketTrends: PAYLOADS },
  };
}

/** A repository file's text. @param {string} path */
const repoText = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

/** The modules a page preloads (its modulepreload links), as sorted repository paths. @param {string} html */
function preloadedModules(html) {
  return [...repoText(html).matchAll(/<link rel="modulepreload" href="([^"]+)">/g)]
    .map((m) => new URL(m[1], `file:///${html}`).pathname.slice(1)).sort();
}

/**
 * The modules a module imports statically, all the way down (not itself, not import()),
 * as sorted repository paths. @param {string} entry
 */
function staticImports(entry) {
  const found = new Set();
  const visit = (path) => {
    // Block comments out first: JSDoc `@import`s name modules only for the types.
    const code = repoText(path).replace(/\/\*[\s\S]*?\*\//g, '');
    const specifiers = [
      ...code.matchAll(/^\s*(?:import|export)\s[^'"`;()]*?\bfrom\s*['"]([^'"]+)['"]/gm),
      ...code.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
    ].map((m) => m[1]);
    for (const specifier of specifiers) {
      const target = new URL(specifier, `file:///${path}`).pathname.slice(1);
      if (!found.has(target)) { found.add(target); visit(target); }
    }
  };
  visit(entry);
  return [...found].sort();
}

/** Fails if a payload left an element behind or ran. */
async function assertInert(page, where) {
  const found = await page.evaluate(() => ({
    pwned: window.__pwned ?? null,
    imgs: document.querySelectorAll('img[src="x"]').length,
    svgs: document.querySelectorAll('svg[onload]').length,
    scripts: [...document.scripts].filter((s) => s.textContent.includes('__pwned')).length,
  }));
  assert.deepEqual(found, { pwned: null, imgs: 0, svgs: 0, scripts: 0 }, `a payload became markup or ran (${where})`);
}

describe('workbench page', () => {
  const suite = pageSuite();
  const desktop = { viewport: { width: 1280, height: 900 }, colorScheme: 'light' };

  it('scores pasted JSON, and reports bad JSON and bad values next to the text box', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await page.goto(`${suite.origin}/www/`);
      const sampleScore = await waitForScore(page);
      await page.getByTestId('tab-json').click();
      const box = page.getByTestId('json-input');
      assert.match(await box.inputValue(), /"usageMetrics"/, 'the text box starts with the current data');

      await box.fill('{ "usageMetrics": { "retentionRate": 0.4, }');
      await page.getByTestId('json-apply').click();
      const problems = page.getByTestId('json-problems');
      await problems.waitFor({ state: 'visible' });
      assert.match(await problems.textContent(), /not valid JSON/);

      await box.fill(JSON.stringify({ usageMetrics: { retentionRate: 45 }, surveyData: { npsScore: 140 } }));
      await page.getByTestId('json-apply').click();
      await page.waitForFunction(() => /npsScore/.test(document.querySelector('#json-problems').textContent));
      const text = await problems.textContent();
      assert.match(text, /usageMetrics\.retentionRate/);
      assert.match(text, /did you mean 0\.45/);
      assert.match(text, /surveyData\.npsScore/, 'every problem at once');
      assert.equal(Number(await page.locator('#score').textContent()), sampleScore, 'the last result stays');

      await box.fill(JSON.stringify({ usageMetrics: { dailyActiveUsers: 300, monthlyActiveUsers: 1500, retentionRate: 0.45 }, surveyData: { npsScore: 20, feedbackVolume: 120 } }));
      await page.getByTestId('json-apply').click();
      await page.waitForFunction((old) => document.querySelector('#score').textContent !== old, sampleScore.toFixed(1));
      const score = await waitForScore(page);
      assert.notEqual(score, sampleScore);
      await page.getByTestId('tab-form').click();
      assert.equal(await page.locator('#field-usageMetrics-retentionRate').inputValue(), '45', 'the form holds the pasted data, in percent');
      assert.match(await page.locator('label[for="json-input"]').textContent(), /API's units: shares as fractions/, 'the JSON tab says its units');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('impossible counts never raise the score: daily users above monthly ones are flagged at the field and scored as missing', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await page.goto(`${suite.origin}/www/`);
      const sample = await waitForScore(page);
      const dau = page.locator('#field-usageMetrics-dailyActiveUsers');
      // Without the daily count, the stickiness ratios are missing.
      await dau.fill('');
      await page.waitForFunction((old) => document.querySelector('#score').textContent !== old, sample.toFixed(1));
      const without = Number(await page.locator('#score').textContent());
      // 40,000 daily users against the sample's 15,000 monthly ones.
      await dau.fill('40000');
      await page.waitForFunction((old) => document.querySelector('#score').textContent !== old, without.toFixed(1)).catch(() => {});
      await page.waitForFunction(() => document.querySelector('#error-usageMetrics-dailyActiveUsers [data-testid="field-warning"]'));
      const impossible = Number(await page.locator('#score').textContent());
      assert.ok(impossible <= without, `impossible counts scored ${impossible}, above ${without} without them`);
      const note = await page.locator('#error-usageMetrics-dailyActiveUsers').textContent();
      assert.match(note, /exceed monthly active users/);
      assert.match(note, /scored as missing/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('re-scores at once when a weight moves, and the share link reproduces the exact result in a fresh page', async () => {
    const { context, page, errors } = await suite.open(desktop);
    let link;
    let expected;
    try {
      await page.goto(`${suite.origin}/www/`);
      const before = await waitForScore(page);
      await page.locator('#weights summary').click();
      const usage = page.getByTestId('weight-usage');
      await usage.focus();
      await usage.fill('1');
      await page.waitForFunction((old) => document.querySelector('#score').textContent !== old, before.toFixed(1));
      assert.equal(await page.locator('#weights-state').textContent(), 'custom');
      await page.locator('#preset').selectOption('enterprise-saas');
      await page.waitForFunction(() => /Enterprise/.test(document.querySelector('#preset-name').textContent));
      const beforeNps = await page.locator('#score').textContent();
      await page.locator('#field-surveyData-npsScore').fill('33');
      await page.waitForFunction((old) => document.querySelector('#score').textContent !== old, beforeNps);
      await waitForScore(page);
      expected = {
        score: await page.locator('#score').textContent(),
        interval: await page.locator('#interval').textContent(),
        verdict: await page.locator('#verdict').textContent(),
      };
      await page.getByTestId('share-link').click();
      await page.waitForFunction(() => location.hash.length > 10);
      link = page.url();
      assert.ok(!/npsScore|33/.test(new URL(link).search), 'nothing in the query string: the state is in the fragment');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
    const fresh = await suite.open(desktop);
    try {
      await fresh.page.goto(link);
      await waitForScore(fresh.page);
      assert.deepEqual({
        score: await fresh.page.locator('#score').textContent(),
        interval: await fresh.page.locator('#interval').textContent(),
        verdict: await fresh.page.locator('#verdict').textContent(),
      }, expected);
      assert.equal(await fresh.page.locator('#preset').inputValue(), 'enterprise-saas');
      assert.equal(await fresh.page.locator('#field-surveyData-npsScore').inputValue(), '33');
      assert.equal(await fresh.page.locator('#weights-state').textContent(), 'custom');
      // A corrupt link: a clear message, and the page still works with the sample.
      await fresh.page.goto(`${suite.origin}/www/#v1.not-a-valid-state`);
      await fresh.page.reload();
      await waitForScore(fresh.page);
      const notice = await fresh.page.locator('#status').textContent();
      assert.match(notice, /link could not be read/);
      assert.doesNotMatch(notice, /[?!.]\./, `no doubled punctuation: ${notice}`);
      assert.deepEqual(fresh.errors, []);
    } finally {
      await fresh.context.close();
    }
  });

  it('exports the result as JSON and the score card as a PNG', async () => {
    const { context, page, errors } = await suite.open({ ...desktop, acceptDownloads: true });
    try {
      await page.goto(`${suite.origin}/www/`);
      const score = await waitForScore(page);
      const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
      assert.equal(json.suggestedFilename(), 'market-validation-result.json');
      const exported = JSON.parse(readFileSync(await json.path(), 'utf8'));
      assert.equal(Number(exported.result.score.toFixed(1)), score);
      assert.equal(exported.options.preset, 'b2b-saas');
      assert.equal(exported.product.usageMetrics.retentionRate, 0.78);
      const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
      assert.match(png.suggestedFilename(), /\.png$/);
      const bytes = readFileSync(await png.path());
      assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
      assert.ok(bytes.readUInt32BE(16) >= 600 && bytes.readUInt32BE(20) >= 300, 'a card-sized image');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('renders user text as text: payloads in names, segments, trends, JSON keys and the URL fragment', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      // Through the JSON box into the form and the results.
      await page.getByTestId('tab-json').click();
      await page.getByTestId('json-input').fill(JSON.stringify(hostileProduct()));
      await page.getByTestId('json-apply').click();
      await page.waitForFunction(() => document.querySelector('#trends').textContent.includes('__pwned=2'));
      await assertInert(page, 'JSON paste');
      const trends = await page.locator('#trends').textContent();
      for (const p of PAYLOADS) assert.ok(trends.includes(p), `trend shown as text: ${p}`);
      // A payload as an unknown key: it comes back in an error path, as text.
      await page.getByTestId('json-input').fill(JSON.stringify({ competitiveData: { competitiveBenchmarks: { [PAYLOADS[0]]: 1 } }, [PAYLOADS[2]]: 1 }));
      await page.getByTestId('json-apply').click();
      await page.getByTestId('json-problems').waitFor({ state: 'visible' });
      await assertInert(page, 'error messages');
      // Through a share link built from the hostile product, opened fresh.
      await page.getByTestId('json-input').fill(JSON.stringify(hostileProduct()));
      await page.getByTestId('json-apply').click();
      await waitForScore(page);
      await page.getByTestId('share-link').click();
      await page.waitForFunction(() => location.hash.length > 10);
      const link = page.url();
      const fresh = await context.newPage();
      await fresh.goto(link);
      await waitForScore(fresh);
      await assertInert(fresh, 'share link');
      assert.ok((await fresh.locator('#trends').textContent()).includes(PAYLOADS[1]));
      // A fragment that is itself a payload.
      await fresh.goto(`${suite.origin}/www/#<img src=x onerror=window.__pwned=9>`);
      await fresh.reload();
      await waitForScore(fresh);
      await assertInert(fresh, 'raw fragment');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('preloads every module of the first score and only those (page and card): none waits for the module importing it', () => {
    for (const [html, entry] of [['www/index.html', 'www/app.js'], ['www/embed.html', 'www/embed.js']]) {
      const imports = staticImports(entry);
      assert.ok(imports.some((path) => path.includes('/snippets/')), `${entry}: the bindings' snippet was not found`);
      assert.deepEqual(preloadedModules(html), imports, `${html}: its modulepreload links against ${entry}'s static imports`);
    }
  });

  it('downloads only the scoring part for the first score, and the analyses part when the launch tab opens', async () => {
    const { context, page, errors, requests } = await suite.open({ ...desktop, serviceWorkers: 'block' });
    const wasm = () => requests.filter((u) => u.endsWith('.wasm')).map((u) => new URL(u).pathname.replace(/^.*\//, ''));
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      assert.deepEqual(wasm(), ['market_validation_score_bg.wasm'], 'the first paint fetches the score part only');
      await page.getByTestId('view-tab-launch').click();
      await page.getByTestId('launch-status').waitFor();
      assert.deepEqual(wasm(), ['market_validation_score_bg.wasm', 'market_validation_analyses_bg.wasm'], 'the launch tab adds the analyses part, once');
      assert.deepEqual(errors, []);
      // The score card, in a fresh context: scoring only.
      await page.getByTestId('view-tab-validation').click();
      await page.waitForFunction(() => /embed\.html#v1/.test(document.querySelector('#embed-link')?.getAttribute('href') ?? ''));
      const href = new URL(await page.locator('#embed-link').getAttribute('href'), page.url()).href;
      const card = await suite.open({ ...desktop, serviceWorkers: 'block' });
      try {
        await card.page.goto(href);
        await card.page.getByTestId('mv-score').waitFor();
        const cardWasm = card.requests.filter((u) => u.endsWith('.wasm')).map((u) => new URL(u).pathname.replace(/^.*\//, ''));
        assert.deepEqual(cardWasm, ['market_validation_score_bg.wasm'], 'the score card fetches the score part only');
        assert.deepEqual(card.errors, []);
      } finally {
        await card.context.close();
      }
    } finally {
      await context.close();
    }
  });

  it('sends no request beyond its own static files, and works offline once loaded', async () => {
    const { context, page, errors, requests } = await suite.open(desktop);
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      await page.locator('#preset').selectOption('consumer-social');
      await waitForScore(page);
      await page.getByTestId('share-link').click();
      await page.waitForFunction(() => location.hash.length > 10);
      const foreign = requests.filter((u) => !u.startsWith(`${suite.origin}/`) && !/^(data|blob):/.test(u));
      assert.deepEqual(foreign, [], 'every request stays on the page\'s origin');
      const paths = [...new Set(requests.filter((u) => u.startsWith(suite.origin)).map((u) => new URL(u).pathname))];
      for (const p of paths) assert.match(p, /^\/(www|pkg\/web)\//, `only static files of the page: ${p}`);
      // Offline: the service worker serves the page's files.
      await page.waitForFunction(async () => (await navigator.serviceWorker?.ready)?.active != null);
      await page.waitForTimeout(300);
      await context.setOffline(true);
      await page.reload();
      assert.ok(await waitForScore(page) >= 0, 'scores offline');
      await context.setOffline(false);
      // The cache is keyed without the query string: new query strings add no entries.
      const entries = () => page.evaluate(async () => {
        let n = 0;
        for (const name of await caches.keys()) n += (await (await caches.open(name)).keys()).length;
        return n;
      });
      const before = await entries();
      for (const q of ['?a=1', '?a=2', '?theme=dark']) {
        await page.goto(`${suite.origin}/www/${q}`);
        await waitForScore(page);
      }
      assert.equal(await entries(), before, 'no cache entry per query string');
      assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e)), []);
    } finally {
      await context.close();
    }
  });

  it('the sample\'s share link is short: it names the sample instead of carrying it, and reproduces it', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await page.goto(`${suite.origin}/www/`);
      const score = await waitForScore(page);
      await page.getByTestId('share-link').click();
      await page.waitForFunction(() => location.hash.length > 10);
      const link = await page.evaluate(() => location.href);
      assert.ok(link.length <= 400, `${link.length} characters: ${link}`);
      // The sample is labelled as such, with a way to start with one's own data.
      assert.match(await page.getByTestId('sample-banner').textContent(), /This is a sample.*AI-database infrastructure company/s);
      assert.match(await page.getByTestId('claim').textContent(), /^The sample company's own documents claim 90\/100/);
      const fresh = await context.newPage();
      await fresh.goto(link);
      assert.equal(await waitForScore(fresh), score);
      // An edited sample carries only the group that changed.
      await page.locator('#field-surveyData-npsScore').fill('33');
      await page.waitForFunction((old) => document.querySelector('#score').textContent !== old, score.toFixed(1));
      await page.getByTestId('share-link').click();
      await page.waitForFunction((old) => location.href !== old, link);
      const edited = await page.evaluate(() => location.href);
      const edScore = Number(await page.locator('#score').textContent());
      const other = await context.newPage();
      await other.goto(edited);
      assert.equal(await waitForScore(other), edScore);
      assert.equal(await other.locator('#field-surveyData-npsScore').inputValue(), '33');
      // Its card says it is the sample.
      const card = await context.newPage();
      await card.goto(new URL(await page.locator('#embed-link').getAttribute('href'), page.url()).href);
      await card.getByTestId('mv-score').waitFor();
      assert.match(await card.getByTestId('mv-title').textContent(), /^Sample: an AI-database infrastructure company/);
      // "An empty form" starts over: the banner goes.
      await page.getByTestId('start-empty').click();
      await page.waitForFunction(() => document.querySelector('#sample-banner').hidden);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('a skip link reaches the score from the keyboard, and "Go to this field" works from every tab', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      let presses = 0;
      while (presses < 3 && !(await page.evaluate(() => document.activeElement?.matches('[data-testid="skip-to-results"]')))) {
        await page.keyboard.press('Tab');
        presses++;
      }
      assert.ok(await page.getByTestId('skip-to-results').evaluate((el) => el === document.activeElement), `the skip link after ${presses} Tab presses`);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'results');
      // From the JSON tab, a field path in the results goes to that field in the form.
      await page.getByTestId('tab-json').click();
      const button = page.locator('#results .path-button').first();
      const path = await button.textContent();
      await button.click();
      await page.waitForFunction((p) => document.activeElement?.closest('.field')?.querySelector(`[name="${p}"], [data-testid^="field-"]`) != null, path);
      assert.equal(await page.getByTestId('tab-form').getAttribute('aria-selected'), 'true');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('passes axe-core with no serious or critical violations, light and dark, desktop and phone, and is usable by keyboard', async () => {
    for (const [name, options] of [
      ['desktop-light', desktop],
      ['phone-dark', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, colorScheme: 'dark' }],
    ]) {
      const { context, page, errors } = await suite.open(options);
      try {
        await page.goto(`${suite.origin}/www/`);
        await waitForScore(page);
        assert.deepEqual(await seriousAxeViolations(page), [], `${name}: axe violations`);
        // Keyboard: the input tabs move with the arrow keys.
        await page.getByTestId('tab-form').focus();
        await page.keyboard.press('ArrowRight');
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'tab-json');
        assert.ok(await page.getByTestId('json-input').isVisible());
        await page.keyboard.press('ArrowRight');
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'tab-files');
        await page.screenshot({ path: `${resultsDir}workbench-${name}.png`, fullPage: false });
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    }
  });
});
