// Page tests of the launch tab's review (www/views/launch/review.js): the
// events file dropped in the product-validation view is used without
// dropping it again; reviewLaunch reads the file itself (options.events),
// with the reading options the events view used (options.eventsOptions),
// and the panel says how it was read (eventsRead).
//
// The first test writes an events export of its own (times in seconds since
// 1970, the event names in a column the page does not detect, "action",
// named in the usage event options, two rows with unreadable times) and
// counts the users it expects independently, from the rows it wrote:
// adoption, its Wilson interval, the usage of the last 28 days and the
// event names by users. The others use a small CSV launched on 2027-03-01:
// four users active in the 30 days from the launch, one of whom exported a
// report (the new feature's event) in them; a fifth exported one before the
// launch only, and one event after the 30 days makes the window measurable.
// Adoption is then 1 of 4 = 25%, met; before the window ends it is not yet
// measurable, with the day it will be. A file without event names: the
// library's error next to the events file. The built-in sample plan never
// uses the user's files (no review worker is even started), and the review's
// inputs never go into share links. axe-core on a desktop and on a phone,
// dark. Every test fails on any console error, page error, failed request or
// request to another origin (support.mjs).
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
/** The same users and times without the event names. */
const NO_NAMES_CSV = `user_id,timestamp\n${ROWS.map((r) => r.slice(0, 2).join(',')).join('\n')}\n`;
/** Ten satisfaction answers, 7 of them 4 or 5: a CSAT of 70%. */
const SURVEY = `id,How satisfied are you with Acme Reports?\n${[5, 4, 4, 3, 5, 2, 4, 5, 4, 1].map((v, i) => `${i + 1},${v}`).join('\n')}\n`;

const DAY_MS = 86_400_000;
const LAUNCH_MS = Date.UTC(2027, 2, 1);

/**
 * The generated export: 48 users, 1 to 6 events each from Feb 10 to Apr 5,
 * 2027 (a seeded generator), times in whole seconds since 1970, the event
 * name in an "action" column; two rows whose time cannot be read.
 */
function generatedExport() {
  let seed = 20270301;
  const next = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
  const names = ['page_view', 'page_view', 'page_view', 'dashboard_opened', 'dashboard_opened', 'report_exported', 'report_scheduled'];
  /** @type {{ user: string, seconds: number, action: string }[]} */
  const events = [];
  for (let u = 1; u <= 48; u++) {
    const count = 1 + Math.floor(next() * 6);
    for (let i = 0; i < count; i++) {
      const ms = Date.UTC(2027, 1, 10) + Math.floor(next() * 54 * DAY_MS);
      events.push({ user: `acct-${u}`, seconds: Math.floor(ms / 1000), action: names[Math.floor(next() * names.length)] });
    }
  }
  // The last day of the data, after the 30 days from the launch.
  events.push({ user: 'acct-1', seconds: Date.UTC(2027, 3, 5, 10) / 1000, action: 'page_view' });
  const lines = events.map((e) => `${e.user},${e.seconds},${e.action}`);
  lines.splice(7, 0, 'acct-2,soon,page_view');
  lines.splice(20, 0, 'acct-3,tomorrow,report_exported');
  return { events, csv: `user_id,time,action\n${lines.join('\n')}\n` };
}

/**
 * The figures reviewLaunch should find, counted here from the rows written:
 * users active in [from, to) and those among them with `feature`'s event.
 * @param {{ user: string, seconds: number, action: string }[]} events
 */
function independentShare(events, from, to, feature) {
  const inWindow = events.filter((e) => e.seconds * 1000 >= from && e.seconds * 1000 < to);
  const active = new Set(inWindow.map((e) => e.user)).size;
  const users = new Set(inWindow.filter((e) => e.action === feature).map((e) => e.user)).size;
  return { users, active, share: users / active };
}

/** The 95% Wilson score interval (Wilson 1927), written out. */
function wilson(k, n) {
  const z = 1.959963984540054;
  const p = k / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return [centre - half, centre + half];
}
/** A share as the page writes it: "27.3%". */
const pct = (x) => `${Number((x * 100).toFixed(1))}%`;

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
/** A regular expression matching `text` as it is. */
const literally = (text) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

describe('the launch tab\'s review', () => {
  const suite = pageSuite();

  /**
   * Opens the page and drops an events file in the files tab (the events view shows it).
   * @param {{ csv?: string, name?: string, options?: { event?: string, timeUnit?: string } }} [file]
   */
  async function dropEvents(page, { csv = CSV, name = FILE, options } = {}) {
    await page.goto(`${suite.origin}/www/`);
    await waitForScore(page);
    await page.getByTestId('tab-files').click();
    if (options) {
      await page.getByTestId('upload-events-options').locator('summary').click();
      if (options.event) await page.locator('input[name="event"]').fill(options.event);
      if (options.timeUnit) await page.locator('select[name="timeUnit"]').selectOption(options.timeUnit);
    }
    await page.getByTestId('upload-input').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
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

  /** The events file's line under "Files used", once the review shown was measured with it. */
  async function eventsUsed(page) {
    await page.waitForFunction(() => document.querySelector('[data-testid="launch-review-events-source"]')?.getAttribute('data-used') === 'true');
    return page.getByTestId('launch-review-events-source');
  }

  it('reviews with the dropped events file as the events view read it (the event column and time unit named there): adoption, its interval and usage as counted from the rows written', async () => {
    const { events, csv } = generatedExport();
    const name = 'acme-actions.csv';
    const { context, page, errors } = await suite.open(desktop);
    try {
      await dropEvents(page, { csv, name, options: { event: 'action', timeUnit: 'seconds' } });
      await loadPlan(page, PLAN, '2027-04-05');
      const eventsSource = page.getByTestId('launch-review-events-source');
      const users = new Set(events.map((e) => e.user)).size;
      const first = new Date(Math.min(...events.map((e) => e.seconds * 1000))).toISOString().slice(0, 10);
      assert.match(await eventsSource.textContent(), literally(`Events: ${name}, ${events.length} events from ${users} users, ${dayText(first)} to Apr 5, 2027. Pick each new feature's events below`));

      // The picker offers the file's event names, most users first (ties by name), as counted from the rows.
      const byName = new Map();
      for (const e of events) byName.set(e.action, (byName.get(e.action) ?? new Set()).add(e.user));
      const expectedOrder = [...byName].sort((x, y) => y[1].size - x[1].size || (x[0] < y[0] ? -1 : 1)).map(([n]) => n);
      const picker = page.locator('[data-testid="launch-review-event"][data-feature="report_export"]');
      const offered = await picker.locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
      assert.deepEqual(offered, expectedOrder);
      const labels = await picker.locator('option').evaluateAll((os) => os.filter((o) => o.value).map((o) => o.textContent));
      assert.equal(labels[expectedOrder.indexOf('report_exported')], `report_exported (${byName.get('report_exported').size} users)`);
      await picker.selectOption('report_exported');

      // Adoption: users active in the 30 days from the launch (Mar 1 to Mar 30) who exported a report in them.
      const adoption = independentShare(events, LAUNCH_MS, LAUNCH_MS + 30 * DAY_MS, 'report_exported');
      assert.ok(adoption.active > 20 && adoption.users > 2, `a test worth its name: ${JSON.stringify(adoption)}`);
      const c = await criterion(page, 'customer_adoption', adoption.share >= 0.25 ? 'met' : 'not_met');
      assert.equal(await c.getByTestId('launch-criterion-value').textContent(), pct(adoption.share));
      const [lo, hi] = wilson(adoption.users, adoption.active);
      assert.equal(await c.getByTestId('launch-criterion-interval').textContent(), ` (95% interval ${pct(lo)}–${pct(hi)})`);
      assert.equal(await c.getByTestId('launch-criterion-basis').textContent(),
        `${adoption.users} of ${adoption.active} users active from Mar 1, 2027 to Mar 30, 2027 used a new feature (report_export: ${adoption.users}).`);
      // Usage: the 28 days to the review day (Mar 9 to Apr 5).
      const usage = independentShare(events, Date.UTC(2027, 2, 9), Date.UTC(2027, 3, 6), 'report_exported');
      const u = page.locator('[data-testid="launch-criterion"][data-id="feature_usage"]');
      assert.equal(await u.getByTestId('launch-criterion-value').textContent(), pct(usage.share));

      // How the file was read for the review: as the events view read it, with the options named there
      // (the headers are quoted by the page's <q> elements, outside the text).
      const used = await eventsUsed(page);
      const read = used.getByTestId('launch-review-events-read');
      const readText = await read.textContent();
      assert.match(readText, /User id: user_id \(column 1, found by its header\)/);
      assert.match(readText, /Event name: action \(column 3, named in the options\)/);
      assert.match(readText, /Times are numbers, read as seconds since 1970/);
      assert.match(readText, literally(`Users: ${users}, every id counted apart.`));
      assert.match(readText, /Rows not used: 2/);
      assert.equal(await page.getByTestId('launch-review-problems').isVisible(), false);
      assert.deepEqual(await seriousAxeViolations(page), [], 'axe violations');
      await page.getByTestId('launch-review').screenshot({ path: `${resultsDir}launch-review-read.png` });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

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
      // The events used are the file's, read as the events view read it.
      await eventsUsed(page);
      assert.match(await eventsSource.getByTestId('launch-review-events-read').textContent(), /^User id: user_id .*Time: timestamp .*Times read as ISO-8601 text.*Event name: event .*Every row was used\.$/);
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

  it('takes a survey dropped while the launch tab is open; shows reviewLaunch\'s problems next to the inputs they name; the revenue against its target; none of it in the share link', async () => {
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
      assert.match(await (await eventsUsed(page)).textContent(), /^Events: launch-events\.csv, 9 events/, 'the events file is still used');
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

      // The share link carries the plan, not the review's inputs nor anything of the files.
      await page.getByTestId('launch-share-link').click();
      await page.waitForFunction(() => location.hash.length > 10);
      // The link's JSON as it is written (before the page's checks keep the keys they know).
      const raw = await page.evaluate(async () => {
        const fragment = location.hash.slice(1);
        const dot = fragment.indexOf('.');
        const b64 = fragment.slice(dot + 1).replace(/-/g, '+').replace(/_/g, '/');
        const bytes = Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (ch) => ch.charCodeAt(0));
        if (fragment.slice(0, dot) === 'v1j') return new TextDecoder().decode(bytes);
        return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).text();
      });
      const state = JSON.parse(raw);
      assert.deepEqual(state.launch.plan, PLAN);
      assert.deepEqual(Object.keys(state.launch).sort(), ['options', 'plan']);
      for (const text of ['report_exported', 'featureEvents', 'eventsOptions', 'launchedOn', 'revenue', 'launch-events.csv', 'satisfaction.csv']) {
        assert.ok(!raw.includes(text), `the share link carries ${text}: ${raw}`);
      }
      for (const text of ['62000', '50000', '2027-03-03']) {
        assert.ok(!JSON.stringify(state.launch).includes(text), `the share link's launch carries ${text}: ${JSON.stringify(state.launch)}`);
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('a dropped file without event names: the library\'s error about its event column, next to the events file', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await dropEvents(page, { csv: NO_NAMES_CSV, name: 'no-names.csv' });
      await loadPlan(page, PLAN, '2027-04-02');
      const eventsSource = page.getByTestId('launch-review-events-source');
      await page.getByTestId('launch-criterion').first().waitFor();
      assert.match(await eventsSource.textContent(), /^Events: no-names\.csv, 9 events from 5 users.*It has no event names.*“Event name column”/);
      // No names to pick from: they are typed.
      assert.equal(await page.getByTestId('launch-review-event').count(), 0);
      await page.locator('[data-testid="launch-review-event-names"][data-feature="report_export"]').fill('report_exported');
      // The file goes to reviewLaunch, which says what it lacks (options.eventsOptions.columns.event): shown with the file.
      const fileError = eventsSource.locator('[data-error-for="options.events"]');
      await fileError.waitFor({ state: 'visible' });
      assert.equal(await fileError.locator('[data-problem-path]').getAttribute('data-problem-path'), 'options.eventsOptions.columns.event');
      const said = await fileError.textContent();
      assert.match(said, /^Problem: nothing \(the export's columns read: user "user_id", time "timestamp"; none found holding event names\); expected the column of event names/);
      assert.match(said, /Set “Event name column” under Product validation › Usage event options and drop the file again/);
      // Nowhere else: not in the box at the top, not next to the feature's events.
      assert.equal(await page.getByTestId('launch-review-problems').isVisible(), false);
      assert.equal(await page.locator('[data-error-for^="options.featureEvents"]:visible').count(), 0);
      assert.equal(await eventsSource.getAttribute('data-used'), 'false');
      assert.equal(await page.getByTestId('launch-review').getAttribute('data-stale'), 'true', 'the last review is kept, marked out of date');
      assert.deepEqual(await seriousAxeViolations(page), [], 'axe violations');
      await page.getByTestId('launch-review-sources').screenshot({ path: `${resultsDir}launch-review-no-event-names.png` });
      // Without the names typed, the review runs without the file.
      await page.locator('[data-testid="launch-review-event-names"][data-feature="report_export"]').fill('');
      await fileError.waitFor({ state: 'hidden' });
      assert.match(await (await criterion(page, 'customer_adoption', 'not_yet_measurable')).getByTestId('launch-criterion-basis').textContent(), /No event names in no-names\.csv/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('never measures the built-in sample plan with the user\'s files, nor starts reading them; passes axe-core on a phone, dark', async () => {
    const { context, page, errors } = await suite.open(phone);
    /** The workers the page starts (the file analysis, a review with the events file). */
    const workers = [];
    page.on('worker', (w) => workers.push(w.url()));
    try {
      await dropEvents(page);
      const afterDrop = workers.length;
      // The launch tab opens on the sample plan.
      await page.getByTestId('view-tab-launch').click();
      await page.getByTestId('launch-status').waitFor();
      const notice = page.getByTestId('launch-review-notice');
      await notice.waitFor({ state: 'visible' });
      assert.match(await notice.textContent(), /built-in sample launch plan\. Its review uses none of your files/);
      const eventsSource = page.getByTestId('launch-review-events-source');
      assert.match(await eventsSource.textContent(), new RegExp(`^Events: ${FILE.replace('.', '\\.')}, 9 events.*Not used: the plan is the built-in sample`));
      // No picker of the user's event names for the sample's features: names are typed, even one the file has.
      assert.equal(await page.getByTestId('launch-review-event').count(), 0);
      const typed = page.getByTestId('launch-review-event-names').first();
      await typed.fill('page_view');
      await page.waitForTimeout(500);
      await page.getByTestId('launch-criterion').first().waitFor();
      assert.match(await page.locator('[data-testid="launch-criterion"][data-id="customer_adoption"] [data-testid="launch-criterion-basis"]').textContent(),
        /your events are never measured against it/);
      assert.equal(await eventsSource.getAttribute('data-used'), 'false');
      assert.equal(await page.getByTestId('launch-review-events-read').count(), 0);
      assert.equal(workers.length, afterDrop, `no worker started to read the file for the sample: ${workers.join(', ')}`);
      await page.getByTestId('launch-review').scrollIntoViewIfNeeded();
      assert.deepEqual(await seriousAxeViolations(page), [], 'axe violations');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
      await page.getByTestId('launch-review').screenshot({ path: `${resultsDir}launch-review-phone-dark.png` });

      // Edited, the plan is the user's own: the file's events are offered, and once picked, read for the review.
      await page.getByTestId('launch-product-name').fill('My launch');
      const picker = page.locator('[data-testid="launch-review-event"]').first();
      await picker.waitFor();
      assert.equal(await notice.isVisible(), false);
      await picker.selectOption('report_exported');
      await eventsUsed(page);
      assert.ok(workers.length > afterDrop, 'the review of the user\'s plan reads the file in a worker');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
