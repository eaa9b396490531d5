// Page tests of the launch tab's review (www/views/launch/review.js): the
// events file dropped in the product-validation view is used without
// dropping it again. A small events CSV built here, launched on 2027-03-01:
// four users active in the 30 days from the launch, one of whom exported a
// report (the new feature's event) in them; a fifth exported one before the
// launch only, and one event after the 30 days makes the window measurable.
// Adoption is then 1 of 4 = 25%, met; before the window ends it is not yet
// measurable, with the day it will be. The files used are named; the
// built-in sample plan never uses the user's files; problems land next to
// the inputs they name; axe-core on a desktop and on a phone, dark. Every
// test fails on any console error, page error, failed request or request to
// another origin (support.mjs).
//
//   node --test tests/page/launch-review.test.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pageSuite } from './suite.mjs';
import { resultsDir, seriousAxeViolations, waitForScore } from './support.mjs';

/** user_id, timestamp, event. */
const ROWS = [
  ['u5', '2027-02-20T10:00:00Z', 'report_exported'], // before the launch: not in the 30 days
  ['u5', '2027-02-21T10:00:00Z', 'page_view'],
  ['u1', '2027-03-02T09:00:00Z', 'page_view'],
  ['u1', '2027-03-05T14:30:00Z', 'report_exported'], // the one adopter
  ['u2', '2027-03-03T08:00:00Z', 'page_view'],
  ['u2', '2027-03-10T08:00:00Z', 'dashboard_opened'],
  ['u3', '2027-03-15T12:00:00Z', 'page_view'],
  ['u4', '2027-03-29T23:59:00Z', 'dashboard_opened'],
  ['u2', '2027-04-02T08:00:00Z', 'page_view'], // after the 30 days: the events reach their end
];
const CSV = `user_id,timestamp,event\n${ROWS.map((r) => r.join(',')).join('\n')}\n`;
const FILE = 'launch-events.csv';
/** Ten satisfaction answers, 7 of them 4 or 5: a CSAT of 70%. */
const SURVEY = `id,How satisfied are you with Acme Reports?\n${[5, 4, 4, 3, 5, 2, 4, 5, 4, 1].map((v, i) => `${i + 1},${v}`).join('\n')}\n`;

/** A plan of the user's own with one new feature, launched on 2027-03-01. */
const PLAN = {
  productName: 'Acme Reports',
  launchDate: '2027-03-01',
  newFeatures: [{ id: 'report_export', name: 'Report export' }],
  milestones: [
    { name: 'Feature freeze', date: '2027-02-01', doneOn: '2027-02-01' },
    { name: 'Launch', date: '2027-03-01', doneOn: '2027-03-01' },
  ],
};

const desktop = { viewport: { width: 1400, height: 900 }, colorScheme: 'light' };
const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, colorScheme: 'dark' };

/** "Mar 31, 2027" for 2027-03-31, as the page writes days. */
const dayText = (iso) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-US', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' });
};

describe('the launch tab\'s review', () => {
  const suite = pageSuite();

  /** Opens the page and drops the events CSV in the files tab (the events view shows it). */
  async function dropEvents(page) {
    await page.goto(`${suite.origin}/www/`);
    await waitForScore(page);
    await page.getByTestId('tab-files').click();
    await page.getByTestId('upload-input').setInputFiles({ name: FILE, mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await page.getByTestId('events-view').waitFor({ state: 'visible' });
  }

  /** Opens the launch tab, pastes `plan` in its JSON tab and checks it as of `asOf`. */
  async function loadPlan(page, plan, asOf) {
    await page.getByTestId('view-tab-launch').click();
    await page.getByTestId('launch-status').waitFor();
    await page.getByTestId('launch-tab-json').click();
    await page.getByTestId('launch-json').fill(JSON.stringify(plan, null, 2));
    await page.waitForFunction((name) => document.querySelector('[data-testid="launch-product"]')?.textContent === name, plan.productName);
    await page.getByTestId('launch-tab-form').click();
    await page.getByTestId('launch-as-of').fill(asOf);
    await page.waitForFunction((text) => document.querySelector('[data-testid="launch-summary"]')?.textContent.includes(`as of ${text}`), dayText(asOf));
  }

  /** A criterion of the review shown, once its status is `status`. */
  async function criterion(page, id, status) {
    await page.waitForFunction(([i, s]) => document.querySelector(`[data-testid="launch-criterion"][data-id="${i}"]`)?.getAttribute('data-status') === s, [id, status]);
    return page.locator(`[data-testid="launch-criterion"][data-id="${id}"]`);
  }

  it('uses the events file already dropped: 1 of 4 active users adopted the new feature, 25%, met; not yet measurable before the 30 days end', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await dropEvents(page);
      await loadPlan(page, PLAN, '2027-04-02');
      const review = page.getByTestId('launch-review');
      await review.waitFor();
      // The review day follows the launch tab's as-of day.
      assert.equal(await page.getByTestId('launch-review-as-of').inputValue(), '2027-04-02');
      // The files used, named; no survey.
      const eventsSource = page.getByTestId('launch-review-events-source');
      assert.match(await eventsSource.textContent(), new RegExp(`^Events: ${FILE.replace('.', '\\.')}, 9 events from 5 users, Feb 20, 2027 to Apr 2, 2027\\. Pick each new feature's events below`));
      assert.match(await page.getByTestId('launch-review-survey-source').textContent(), /^Survey: none dropped/);
      // Nothing picked yet: adoption is not measured, and the page says why.
      const before = await criterion(page, 'customer_adoption', 'not_yet_measurable');
      assert.match(await before.getByTestId('launch-criterion-basis').textContent(), /No event picked: pick each new feature's events above/);

      // The picker offers the file's event names, most users first.
      const picker = page.locator('[data-testid="launch-review-event"][data-feature="report_export"]');
      assert.equal(await picker.count(), 1);
      const offered = await picker.locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
      assert.deepEqual([...offered].sort(), ['dashboard_opened', 'page_view', 'report_exported']);
      assert.equal(offered[0], 'page_view', 'most users first');
      await picker.selectOption('report_exported');

      const adoption = await criterion(page, 'customer_adoption', 'met');
      assert.equal(await adoption.getByTestId('launch-criterion-value').textContent(), '25%');
      assert.equal(await adoption.getByTestId('launch-criterion-status').textContent(), 'Met');
      assert.equal(await adoption.getByTestId('launch-criterion-target').textContent(), 'target 25%');
      assert.match(await adoption.getByTestId('launch-criterion-interval').textContent(), /^ \(95% interval \d+(\.\d)?%–\d+(\.\d)?%\)$/);
      assert.match(await adoption.getByTestId('launch-criterion-basis').textContent(), /^1 of 4 users active from Mar 1, 2027 to Mar 30, 2027 used a new feature \(report_export: 1\)\.$/);
      assert.equal(await adoption.getByTestId('launch-criterion-measurable-on').count(), 0);
      // The events used are the file's, read for the review: the same 9.
      assert.equal(await eventsSource.getAttribute('data-used'), 'true');
      assert.match(await eventsSource.textContent(), /2027\.$/, 'no difference from the events view to report');
      // The other criteria: on time (the planned day taken), the milestones done, no survey, no revenue.
      assert.equal(await page.getByTestId('launch-criterion').count(), 6);
      const onTime = await criterion(page, 'on_time', 'met');
      assert.equal(await onTime.getByTestId('launch-criterion-value').textContent(), 'on the day');
      assert.match(await onTime.getByTestId('launch-criterion-basis').textContent(), /28 days after its first milestone \(Feb 1, 2027\): 5% of that is 1\.4 days either way; no launch day given/);
      assert.equal(await (await criterion(page, 'feature_completion', 'met')).getByTestId('launch-criterion-value').textContent(), '100%');
      // Usage over the 28 days to Apr 2 (Mar 6 on): u2, u3 and u4, none with the feature: 0%.
      assert.equal(await (await criterion(page, 'feature_usage', 'not_met')).getByTestId('launch-criterion-value').textContent(), '0%');
      assert.match(await (await criterion(page, 'customer_satisfaction', 'not_yet_measurable')).getByTestId('launch-criterion-basis').textContent(), /No survey dropped/);
      assert.match(await (await criterion(page, 'revenue_impact', 'not_yet_measurable')).getByTestId('launch-criterion-basis').textContent(), /No revenue given/);
      assert.match(await page.getByTestId('launch-review-counts').textContent(), /^Acme Reports: 3 met, 1 not met, 2 not yet measurable\.$/);
      assert.deepEqual(await seriousAxeViolations(page), [], 'axe violations');
      await review.screenshot({ path: `${resultsDir}launch-review.png` });

      // Before the 30 days end: not yet measurable, with the day it will be (the day after them).
      await page.getByTestId('launch-review-as-of').fill('2027-03-20');
      const early = await criterion(page, 'customer_adoption', 'not_yet_measurable');
      assert.equal(await early.getByTestId('launch-criterion-status').textContent(), 'Not yet measurable');
      assert.equal(await early.getByTestId('launch-criterion-measurable-on').textContent(), 'measurable on Mar 31, 2027');
      assert.equal(await early.getByTestId('launch-criterion-measurable-on').getAttribute('data-day'), '2027-03-31');
      assert.match(await early.getByTestId('launch-criterion-figure').textContent(), /^25% so far/);
      assert.equal(await page.getByTestId('launch-review-as-of').inputValue(), '2027-03-20', 'the day typed is kept');
      // The launch tab's as-of day no longer moves a review day typed.
      await page.getByTestId('launch-as-of').fill('2027-05-01');
      await page.waitForTimeout(400);
      assert.equal(await page.getByTestId('launch-review-as-of').inputValue(), '2027-03-20');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('takes a survey dropped while the launch tab is open; shows reviewLaunch\'s problems next to the inputs they name; the revenue against its target', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await dropEvents(page);
      await loadPlan(page, PLAN, '2027-04-02');
      await page.locator('[data-testid="launch-review-event"][data-feature="report_export"]').selectOption('report_exported');
      await criterion(page, 'customer_adoption', 'met');
      assert.match(await page.getByTestId('launch-review-survey-source').textContent(), /^Survey: none dropped/);

      // A survey dropped now, in the other tab: the review takes its CSAT.
      await page.getByTestId('view-tab-validation').click();
      await page.getByTestId('upload-input').setInputFiles({ name: 'satisfaction.csv', mimeType: 'text/csv', buffer: Buffer.from(SURVEY) });
      await page.getByTestId('survey-view').waitFor({ state: 'visible' });
      await page.getByTestId('view-tab-launch').click();
      const csat = await criterion(page, 'customer_satisfaction', 'met');
      assert.equal(await page.getByTestId('launch-review-survey-source').textContent(), 'Survey: satisfaction.csv, 10 responses; CSAT from 10 answers.');
      assert.equal(await csat.getByTestId('launch-criterion-value').textContent(), '70%');
      assert.equal(await csat.getByTestId('launch-criterion-target').textContent(), 'target 70%');
      assert.match(await csat.getByTestId('launch-criterion-basis').textContent(), /^70% satisfied of 10 answers; mean rating 3\.7 of 5/);
      assert.match(await page.getByTestId('launch-review-events-source').textContent(), /^Events: launch-events\.csv, 9 events/, 'the events file is still used');
      await criterion(page, 'customer_adoption', 'met');
      // Launched after the review day: the library's problem, next to "Launched on", in the page's words.
      await page.getByTestId('launch-review-launched-on').fill('2027-05-01');
      const launchedError = page.locator('[data-error-for="options.launchedOn"]');
      await launchedError.waitFor({ state: 'visible' });
      assert.match(await launchedError.textContent(), /on or before the review day \(Apr 2, 2027\)/);
      assert.equal(await page.getByTestId('launch-review-launched-on').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.getByTestId('launch-review').getAttribute('data-stale'), 'true', 'the last review is kept, marked out of date');
      // Launched two days late: 5% of the 28 planned days is 1.4 days, so not on time.
      await page.getByTestId('launch-review-launched-on').fill('2027-03-03');
      await launchedError.waitFor({ state: 'hidden' });
      const onTime = await criterion(page, 'on_time', 'not_met');
      assert.equal(await onTime.getByTestId('launch-criterion-value').textContent(), '2 days late');
      assert.match(await onTime.getByTestId('launch-criterion-target').textContent(), /within 1\.4 days/);
      // A revenue target without the revenue: said next to the revenue.
      await page.getByTestId('launch-review-revenue-target').fill('50000');
      const revenueError = page.locator('[data-error-for="options.revenue.actual"]');
      await revenueError.waitFor({ state: 'visible' });
      await page.getByTestId('launch-review-revenue').fill('62000');
      await revenueError.waitFor({ state: 'hidden' });
      const revenue = await criterion(page, 'revenue_impact', 'met');
      assert.equal(await revenue.getByTestId('launch-criterion-value').textContent(), '62,000');
      assert.equal(await revenue.getByTestId('launch-criterion-target').textContent(), 'target 50,000');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('never measures the built-in sample plan with the user\'s files; passes axe-core on a phone, dark', async () => {
    const { context, page, errors } = await suite.open(phone);
    try {
      await dropEvents(page);
      // The launch tab opens on the sample plan.
      await page.getByTestId('view-tab-launch').click();
      await page.getByTestId('launch-status').waitFor();
      const notice = page.getByTestId('launch-review-notice');
      await notice.waitFor({ state: 'visible' });
      assert.match(await notice.textContent(), /built-in sample launch plan\. Its review uses none of your files/);
      assert.match(await page.getByTestId('launch-review-events-source').textContent(), new RegExp(`^Events: ${FILE.replace('.', '\\.')}, 9 events.*Not used: the plan is the built-in sample`));
      assert.equal(await page.getByTestId('launch-review-events-source').getAttribute('data-used'), 'false');
      // No picker of the user's event names for the sample's features: names are typed.
      assert.equal(await page.getByTestId('launch-review-event').count(), 0);
      assert.ok(await page.getByTestId('launch-review-event-names').count() > 0);
      await page.getByTestId('launch-criterion').first().waitFor();
      assert.match(await page.locator('[data-testid="launch-criterion"][data-id="customer_adoption"] [data-testid="launch-criterion-basis"]').textContent(),
        /your events are never measured against it/);
      await page.getByTestId('launch-review').scrollIntoViewIfNeeded();
      assert.deepEqual(await seriousAxeViolations(page), [], 'axe violations');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
      await page.getByTestId('launch-review').screenshot({ path: `${resultsDir}launch-review-phone-dark.png` });

      // Edited, the plan is the user's own: the file's events are offered and used.
      await page.getByTestId('launch-product-name').fill('My launch');
      await page.locator('[data-testid="launch-review-event"]').first().waitFor();
      assert.equal(await notice.isVisible(), false);
      assert.match(await page.getByTestId('launch-review-events-source').textContent(), /Pick each new feature's events below/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
