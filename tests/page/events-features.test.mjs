// Page tests of what event names and sessions give (www/views/events-features.js,
// www/views/events-choices.js): an Amplitude export with session ids
// (tests/fixtures/events/amplitude-sessions.csv), checked against the figures
// computed apart from the library (expected.json, "amplitudeSessions"): the
// session column found, each event's users, the sessions; an activation event
// picked analyses the file again; the new figures go into the score; axe-core.
// Every test fails on any console error, page error, failed request or
// request to another origin (support.mjs).
//
//   node --test tests/page/events-features.test.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pageSuite } from './suite.mjs';
import { resultsDir, seriousAxeViolations, waitForScore } from './support.mjs';

const fixture = (name) => readFileSync(new URL(`../fixtures/events/${name}`, import.meta.url));
const all = JSON.parse(readFileSync(new URL('../fixtures/events/expected.json', import.meta.url), 'utf8'));
const expected = all.amplitudeSessions;

/** The text of a cell of the features table: the row of `name`, the column `col`. */
const cellText = (page, name, col) => page.getByTestId('features-table').locator(`tr[data-feature="${name}"] td[data-col="${col}"] > span`).first().textContent();

/** Opens the page, then the files tab, and reads the Amplitude export with sessions. */
async function openSessions(suite, options) {
  const opened = await suite.open(options);
  const { page } = opened;
  await page.goto(`${suite.origin}/www/`);
  await waitForScore(page);
  await page.getByTestId('tab-files').click();
  await page.getByTestId('upload-input').setInputFiles({ name: 'amplitude-sessions.csv', mimeType: 'text/csv', buffer: fixture('amplitude-sessions.csv') });
  await page.getByTestId('events-features').waitFor({ state: 'visible' });
  return opened;
}

/** Waits until the events view has been drawn anew after a choice, and the choice is in it. */
async function rerunDone(page, check) {
  await page.waitForFunction(check, undefined, { timeout: 30_000 });
}

describe('event names and sessions in the page', () => {
  const suite = pageSuite();
  const desktop = { viewport: { width: 1280, height: 900 }, colorScheme: 'light' };
  const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, colorScheme: 'dark' };

  it('finds the session column, shows each event\'s users and the sessions, and measures the activation event picked', async () => {
    const { context, page, errors } = await openSessions(suite, desktop);
    try {
      const reading = await page.getByTestId('events-reading').textContent();
      assert.match(reading, /Session id: session_id \(column 8, /, 'the session column, detected');
      assert.match(reading, /Event name: event_type /);
      assert.match(await page.locator('.mv-lede').textContent(), new RegExp(`${expected.events} events from ${expected.users} users, ${expected.firstDate} to ${expected.asOf}`));
      // Each event's users, as counted apart from the library; most users first.
      const names = await page.getByTestId('features-table').locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-feature')));
      assert.deepEqual([...names].sort(), Object.keys(expected.featureUsers).sort());
      for (const [name, users] of Object.entries(expected.featureUsers)) {
        assert.equal(await cellText(page, name, 'users'), String(users), `${name}: users`);
        assert.equal(await cellText(page, name, 'adoption'), `${Number((users / expected.users * 100).toFixed(1))}%`, `${name}: adoption`);
      }
      const users = names.map((n) => expected.featureUsers[n]);
      assert.deepEqual(users, [...users].sort((x, y) => y - x), 'events by users');
      // Sessions from the export's session ids.
      const s = expected.sessions;
      assert.equal(await page.getByTestId('sessions-count').textContent(), String(s.count));
      assert.equal(await page.getByTestId('sessions-median').textContent(), `${Number(s.medianMinutes.toPrecision(3))} min`);
      assert.equal(await page.getByTestId('sessions-mean').textContent(), `${Number(s.meanMinutes.toPrecision(3))} min`);
      assert.match(await page.getByTestId('sessions-defined-by').textContent(), /from the export's session ids/);
      assert.match(await page.getByTestId('sessions-facts').textContent(), new RegExp(`${s.eventsWithoutSession} events without a session id`));
      // Which events are features is the user's to say: the library's warning, in the page's words.
      const warning = await page.getByTestId('events-analysis-warnings').textContent();
      assert.match(warning, /^Feature usage and feature adoption are left empty: 5 event names were found.*under "Features" above/);
      assert.doesNotMatch(warning, /options\.|featureUsage/);
      assert.match(await page.getByTestId('events-activation').textContent(), /Choose an activation event above/);

      // The activation event picked: the file is analysed again, the focus stays on the picker.
      const act = expected.activation;
      const choices = page.getByTestId('events-choices');
      const activation = choices.locator('select[name="activationEvent"]');
      const options = await activation.locator('option').allTextContents();
      assert.deepEqual(options.slice(1).map((o) => o.replace(/ \(.*$/, '')), names, 'the events found, by users');
      assert.equal(options[1 + names.indexOf(act.event)], `${act.event} (${expected.featureUsers[act.event]} users)`);
      await activation.focus();
      await activation.selectOption(act.event);
      await rerunDone(page, () => /Activation: project_created/.test(document.querySelector('[data-testid="events-activation"]')?.textContent ?? ''));
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-choice')), 'activationEvent', 'focus kept on the picker');
      assert.equal(await page.getByTestId('events-choices').locator('select[name="activationEvent"]').inputValue(), act.event);
      // Another window, then back to 7 days.
      const days = page.getByTestId('events-choices').locator('input[name="activationWindowDays"]');
      assert.equal(await days.inputValue(), String(act.windowDays));
      await days.fill('14');
      await days.press('Enter');
      await days.blur();
      await rerunDone(page, () => /Activated within 14 days/.test(document.querySelector('[data-testid="events-activation"]')?.textContent ?? ''));
      await page.getByTestId('events-choices').locator('input[name="activationWindowDays"]').fill(String(act.windowDays));
      await page.getByTestId('events-choices').locator('input[name="activationWindowDays"]').blur();
      await rerunDone(page, () => /Activated within 7 days/.test(document.querySelector('[data-testid="events-activation"]')?.textContent ?? ''));
      assert.equal(await page.getByTestId('activation-eligible').textContent(), String(act.eligible));
      assert.equal(await page.getByTestId('activation-activated').textContent(), String(act.activated));
      assert.equal(await page.getByTestId('activation-rate').textContent(), `${Number((act.activated / act.eligible * 100).toFixed(1))}%`);
      assert.equal(await page.getByTestId('activation-median').textContent(), `${Number((act.medianDays * 1440).toPrecision(3))} min`);
      assert.ok(await page.getByTestId('events-activation').locator('svg[role="img"]').count() > 0, 'the time-to-activation curve');
      // The sessions do not change with the activation event.
      assert.equal(await page.getByTestId('sessions-count').textContent(), String(s.count));
      // Two choices in a row: the second analysis takes the first one's place, and keeps both choices.
      await page.getByTestId('events-choices').locator('select[name="startEvent"]').selectOption('invite_sent');
      await page.getByTestId('events-choices').locator('select[name="returnEvent"]').selectOption('report_viewed');
      await rerunDone(page, () => /first invite_sent.*only for report_viewed/.test(document.querySelector('[data-testid="retention-defined-by"]')?.textContent ?? ''));
      assert.equal(await page.getByTestId('events-choices-status').textContent(), '', 'no error, no cancellation said');
      assert.equal(await page.getByTestId('activation-activated').textContent(), String(act.activated));
      // A window out of range is said beside the pickers, and the file is not analysed again.
      await page.getByTestId('events-choices').locator('input[name="activationWindowDays"]').fill('500');
      await page.getByTestId('events-choices').locator('input[name="activationWindowDays"]').blur();
      assert.match(await page.getByTestId('events-choices-status').textContent(), /a whole number of days from 1 to 365/);
      assert.equal(await page.getByTestId('activation-eligible').textContent(), String(act.eligible));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('names features, starts and counts retention on chosen events, and the new figures go into the score', async () => {
    const { context, page, errors } = await openSessions(suite, desktop);
    try {
      const choices = () => page.getByTestId('events-choices');
      await choices().locator('select[name="activationEvent"]').selectOption(expected.activation.event);
      await rerunDone(page, () => document.querySelector('[data-testid="activation-eligible"]') != null);
      // Two features, named one a line.
      await choices().locator('textarea[name="features"]').fill('Projects: project_created\nBilling: invoice_paid');
      await choices().locator('textarea[name="features"]').blur();
      await rerunDone(page, () => document.querySelector('[data-testid="features-table"] tr[data-feature="Projects"]') != null);
      assert.equal(await cellText(page, 'Projects', 'users'), String(expected.featureUsers.project_created));
      assert.equal(await cellText(page, 'Billing', 'users'), String(expected.featureUsers.invoice_paid));
      assert.equal(await page.getByTestId('events-analysis-warnings').count(), 0, 'features named: no warning');
      assert.equal(await choices().locator('textarea[name="features"]').inputValue(), 'Projects: project_created\nBilling: invoice_paid');
      assert.equal(await choices().locator('select[name="activationEvent"]').inputValue(), expected.activation.event, 'the earlier choice is kept');
      // A feature as the activation event; then the feature's line removed: the library's message
      // beside the pickers, and the choices shown are still those of the figures shown.
      await choices().locator('select[name="activationEvent"]').selectOption('Projects');
      await rerunDone(page, () => /Activation: Projects/.test(document.querySelector('[data-testid="events-activation"]')?.textContent ?? ''));
      assert.equal(await page.getByTestId('activation-activated').textContent(), String(expected.activation.activated), 'the feature of one event activates as its event');
      await choices().locator('textarea[name="features"]').fill('Billing: invoice_paid');
      await choices().locator('textarea[name="features"]').blur();
      await page.waitForFunction(() => document.querySelector('[data-testid="events-choices-status"]')?.dataset.kind === 'error');
      assert.match(await page.getByTestId('events-choices-status').textContent(), /The figures shown are those of the earlier choices\.$/);
      assert.match(await page.getByTestId('upload-error').textContent(), /activationEvent/);
      assert.equal(await choices().locator('textarea[name="features"]').inputValue(), 'Projects: project_created\nBilling: invoice_paid');
      assert.equal(await choices().locator('select[name="activationEvent"]').inputValue(), 'Projects');
      await choices().locator('select[name="activationEvent"]').selectOption(expected.activation.event);
      await rerunDone(page, () => /Activation: project_created/.test(document.querySelector('[data-testid="events-activation"]')?.textContent ?? ''));
      assert.ok(await page.getByTestId('upload-error').isHidden(), 'the error goes once analysed');
      // Retention by chosen events, unbounded.
      await choices().locator('select[name="startEvent"]').selectOption('project_created');
      await rerunDone(page, () => /Cohorts by each user's first project_created/.test(document.querySelector('[data-testid="retention-defined-by"]')?.textContent ?? ''));
      await choices().locator('select[name="returnEvent"]').selectOption('report_viewed');
      await rerunDone(page, () => /only for report_viewed/.test(document.querySelector('[data-testid="retention-defined-by"]')?.textContent ?? ''));
      await choices().locator('select[name="retention"]').selectOption('on-or-after');
      await rerunDone(page, () => /Unbounded/.test(document.querySelector('[data-testid="retention-defined-by"]')?.textContent ?? ''));
      assert.match(await page.getByTestId('events-retention').textContent(), /weeks since first project_created/);
      // Unbounded retention never rises: along each cohort's row, the users counted active.
      const rows = await page.getByTestId('events-retention').locator('table.mv-heatmap tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td.mv-cell:not(.mv-absent)')]
        .map((td) => Number(/^([\d,]+) of/.exec(td.getAttribute('title') ?? '')?.[1].replace(/,/g, '') ?? NaN))));
      assert.ok(rows.length > 1 && rows.some((r) => r.length > 2), `the cohorts: ${JSON.stringify(rows)}`);
      for (const row of rows) {
        for (let i = 1; i < row.length; i++) assert.ok(row[i] <= row[i - 1], `unbounded retention rose: ${JSON.stringify(rows)}`);
      }
      // Use in the score: session length, activation, time to activation and the features go in the form.
      assert.match(await page.getByTestId('events-view').locator('.mv-use-hint').textContent(),
        /session length [\d.]+ min, activation 75%, time to activation [\d.]+ days, usage of 2 features, adoption of 2 features/);
      await page.getByTestId('events-view').getByTestId('use-in-score').click();
      await page.waitForFunction(() => document.querySelector('#field-adoptionData-adoptionRate')?.value === '75');
      await waitForScore(page);
      assert.equal(await page.locator('#field-usageMetrics-sessionDuration').inputValue(), String(Number(expected.sessions.meanMinutes.toPrecision(4))));
      assert.equal(await page.locator('#field-adoptionData-timeToAdoption').inputValue(), String(Number(expected.activation.medianDays.toPrecision(4))));
      const map = async (field) => Object.fromEntries(await page.locator(`#field-${field} .map-row`).evaluateAll((rows) => rows.map((r) => [
        r.querySelector('.map-name').value, r.querySelector('.map-value').value])));
      const adoption = await map('adoptionData-featureAdoptionRates');
      assert.deepEqual(adoption, {
        Billing: String(expected.featureUsers.invoice_paid / expected.users * 100),
        Projects: String(expected.featureUsers.project_created / expected.users * 100),
      });
      assert.deepEqual(Object.keys(await map('usageMetrics-featureUsage')).sort(), ['Billing', 'Projects']);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('lists the events not counted as activity apart from the features (PostHog); the session column can be named', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      await page.getByTestId('tab-files').click();
      await page.getByTestId('upload-input').setInputFiles({ name: 'posthog.csv', mimeType: 'text/csv', buffer: fixture('posthog-events.csv') });
      await page.getByTestId('events-features').waitFor({ state: 'visible' });
      const ignored = all.posthog.ignored;
      const line = await page.getByTestId('events-ignored').textContent();
      // Most first, each with its count from the fixture's figures.
      const order = Object.entries(ignored).sort((x, y) => y[1] - x[1]).map(([name, n]) => `${n} ${name.replace('$', '\\$')}`);
      assert.match(line, new RegExp(`^Not counted as activity: ${order.join(', ')} `));
      const names = await page.getByTestId('features-table').locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-feature')));
      for (const name of Object.keys(ignored)) assert.ok(!names.includes(name), `${name} is not a feature: ${names}`);
      const picks = await page.getByTestId('events-choices').locator('select[name="activationEvent"] option').allTextContents();
      for (const name of Object.keys(ignored)) assert.ok(!picks.some((p) => p.startsWith(`${name} `)), `${name} is not offered: ${picks}`);
      // No session ids: sessions end after 30 minutes without an event, or the timeout chosen.
      assert.match(await page.getByTestId('sessions-defined-by').textContent(), /^No session ids: a session ends after 30 minutes without an event/);
      await page.getByTestId('upload-events-options').locator('summary').click();
      await page.locator('input[name="sessionGapMinutes"]').fill('10');
      await page.getByTestId('upload-input').setInputFiles({ name: 'posthog.csv', mimeType: 'text/csv', buffer: fixture('posthog-events.csv') });
      await page.waitForFunction(() => /after 10 minutes/.test(document.querySelector('[data-testid="sessions-defined-by"]')?.textContent ?? ''));
      // The session column named in the usage event options (columns.session).
      await page.locator('input[name="session"]').fill('session_id');
      await page.getByTestId('upload-input').setInputFiles({ name: 'amplitude-sessions.csv', mimeType: 'text/csv', buffer: fixture('amplitude-sessions.csv') });
      await page.waitForFunction(() => /Session id: session_id \(column 8, named in the options\)/.test(document.querySelector('[data-testid="events-reading"]')?.textContent ?? ''));
      assert.equal(await page.getByTestId('sessions-count').textContent(), String(expected.sessions.count));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('passes axe-core on the events view with features, activation and sessions, desktop light and phone dark', async () => {
    for (const [name, options] of [['desktop', desktop], ['phone', phone]]) {
      const { context, page, errors } = await openSessions(suite, options);
      try {
        await page.getByTestId('events-choices').locator('select[name="activationEvent"]').selectOption(expected.activation.event);
        await rerunDone(page, () => document.querySelector('[data-testid="activation-eligible"]') != null);
        await page.getByTestId('events-section').screenshot({ path: `${resultsDir}events-features-${name}.png` });
        assert.deepEqual(await seriousAxeViolations(page), [], `${name}: axe violations`);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    }
  });
});
