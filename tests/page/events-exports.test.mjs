// Page tests of real event exports (tests/fixtures/events/, laid out as their
// tools write them, with figures computed apart from the library): the view
// names the columns read (the tool's own, the other candidate), the time unit
// it guessed and how to choose otherwise, and a row out of range by its line.
// Every test fails on any console error, page error, failed request or
// request to another origin (support.mjs).
//
//   node --test tests/page/events-exports.test.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pageSuite } from './suite.mjs';
import { waitForScore } from './support.mjs';

const fixture = (name) => readFileSync(new URL(`../fixtures/events/${name}`, import.meta.url));
const expected = JSON.parse(readFileSync(new URL('../fixtures/events/expected.json', import.meta.url), 'utf8'));

describe('event exports in the page', () => {
  const suite = pageSuite();
  const desktop = { viewport: { width: 1280, height: 900 }, colorScheme: 'light' };

  it('reads GA4 microseconds and Segment\'s corrected clock, and says what it guessed in the page\'s words', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      await page.getByTestId('tab-files').click();
      await page.getByTestId('upload-input').setInputFiles({ name: 'ga4.csv', mimeType: 'text/csv', buffer: fixture('ga4-flattened.csv') });
      const view = page.getByTestId('events-view');
      await view.waitFor({ state: 'visible' });
      const reading = page.getByTestId('events-reading');
      assert.match(await reading.textContent(), /Times are numbers, read as microseconds since 1970/);
      assert.match(await reading.textContent(), /User id: “?"?user_pseudo_id/);
      assert.match(await page.getByTestId('events-warnings').textContent(), /choose "Time unit" in the usage event options/);
      assert.ok((await reading.textContent()).includes(`line ${expected.ga4.badLine}`), 'the row out of range, by its line');
      // Segment: anonymous ids linked to the signed-in ids seen with them, with the counts.
      await page.getByTestId('upload-input').setInputFiles({ name: 'tracks.csv', mimeType: 'text/csv', buffer: fixture('segment-tracks.csv') });
      await page.waitForFunction(() => /anonymous_id/.test(document.querySelector('[data-testid="events-reading"]')?.textContent ?? ''));
      const s = expected.segment;
      assert.match(await page.getByTestId('events-identity').textContent(),
        new RegExp(`Users: ${s.users} people from ${s.anonymousIds} ids.*${s.idsMerged} linked; ${s.conflicts} seen with more than one`));
      // Every id apart: the sparse user_id is said, in the page's words.
      await page.getByTestId('upload-events-options').locator('summary').click();
      await page.locator('select[name="identity"]').selectOption('as-is');
      await page.getByTestId('upload-kind-events').check();
      await page.getByTestId('upload-input').setInputFiles({ name: 'tracks.csv', mimeType: 'text/csv', buffer: fixture('segment-tracks.csv') });
      await page.waitForFunction(() => /every id counted apart/.test(document.querySelector('[data-testid="events-identity"]')?.textContent ?? ''));
      assert.match(await page.getByTestId('events-warnings').textContent(), /under "User id column" in the usage event options/);
      assert.match(await page.getByTestId('events-reading').textContent(), /the other candidate: “user_id”/);
      // Named in the options, the unit is not guessed.
      await page.locator('select[name="timeUnit"]').selectOption('microseconds');
      await page.getByTestId('upload-input').setInputFiles({ name: 'ga4.csv', mimeType: 'text/csv', buffer: fixture('ga4-flattened.csv') });
      await page.waitForFunction(() => /user_pseudo_id/.test(document.querySelector('[data-testid="events-reading"]')?.textContent ?? ''));
      assert.equal(await page.getByTestId('events-warnings').count(), 0, 'no guess to say');
      // PostHog: the person column, and its own bookkeeping events not counted as activity.
      await page.getByTestId('upload-input').setInputFiles({ name: 'posthog.csv', mimeType: 'text/csv', buffer: fixture('posthog-events.csv') });
      await page.waitForFunction(() => /person_id/.test(document.querySelector('[data-testid="events-reading"]')?.textContent ?? ''));
      const ignored = expected.posthog.ignored;
      assert.match(await page.getByTestId('events-ignored').textContent(), new RegExp(`${ignored.$identify} \\$identify`));
      assert.match(await page.getByTestId('events-identity').textContent(), /from the export's person column/);
      // A misspelt event column: the library's message, with its guess.
      await page.locator('input[name="event"]').fill('evnt');
      await page.getByTestId('upload-input').setInputFiles({ name: 'posthog.csv', mimeType: 'text/csv', buffer: fixture('posthog-events.csv') });
      const error = page.getByTestId('upload-error');
      await error.waitFor({ state: 'visible' });
      assert.match(await error.textContent(), /did you mean "event"\?/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
