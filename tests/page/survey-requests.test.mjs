// Page tests of the feature-request panel of the survey view
// (www/views/survey-requests.js, its theme lists from survey-themes.js): the
// exports of tests/fixtures/requests/ dropped as their tools write them, the
// figures shown checked against expected.json (computed independently by
// make_fixtures.py from the planted answers: a theme is the one whose examples
// all hold one of its keywords, as tests/feature_requests.rs matches them), the
// column read and how, the improvement question's note, the column named in
// the survey options, small segments and reasons in the page's words, answers
// written as text, and a second file replacing the first (the sample has no
// such panel). Every test fails on any console error, page error, failed
// request or request to another origin (support.mjs).
//
//   node --test --test-reporter=tap tests/page/survey-requests.test.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pageSuite } from './suite.mjs';
import { resultsDir, waitForScore, seriousAxeViolations } from './support.mjs';

const fixture = (name) => readFileSync(new URL(`../fixtures/requests/${name}`, import.meta.url));
const EXPECTED = JSON.parse(fixture('expected.json').toString('utf8'));
const KEYWORDS = EXPECTED.keywords;
const desktop = { viewport: { width: 1280, height: 900 }, colorScheme: 'light' };
const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, colorScheme: 'dark' };

/** A share as the page writes it: "16.2%". */
const pct = (x) => `${Number((x * 100).toFixed(1))}%`;
/** "12 answers", "1 answer". */
const answersText = (n) => `${n} answer${n === 1 ? '' : 's'}`;
/** Text to match as it is, in a RegExp. */
const literal = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The 1-based position of a header in a CSV's first line (the fixtures' headers hold no comma). */
const columnNumber = (name, header) => fixture(name).toString('utf8').split(/\r?\n/)[0].split(',').indexOf(header) + 1;

/** Drops a file on the files tab. */
async function drop(page, name, buffer) {
  await page.getByTestId('tab-files').click();
  await page.getByTestId('upload-input').setInputFiles({ name, mimeType: 'text/csv', buffer });
}

/**
 * The theme lists in `locator` (sections drawn by survey-themes.js) as the page shows them:
 * each group's name, answers and "small" tag, its themes (label, "n of m (x%)", examples), or why none.
 */
const groupsShown = (locator) => locator.evaluateAll((sections) => sections.map((s) => ({
  name: s.querySelector('.mv-group-name')?.textContent ?? null,
  answers: s.querySelector('.mv-group-answers')?.textContent ?? null,
  small: s.querySelector('h5 .mv-tag')?.textContent === 'small',
  themes: [...s.querySelectorAll('.mv-themes > li')].map((li) => ({
    label: li.querySelector('.mv-theme-label')?.textContent ?? '',
    count: li.querySelector('.mv-theme-count')?.textContent ?? '',
    examples: [...li.querySelectorAll('.mv-examples q')].map((q) => q.textContent ?? ''),
  })),
  none: s.querySelector('[data-testid$="-none"]')?.textContent ?? null,
})));

/** Whether an answer holds one of a planted theme's keywords (whole words, any case), as make_fixtures.py counts. */
const holds = (text, theme) => (text.toLowerCase().match(/[a-z]+/g) ?? []).some((w) => KEYWORDS[theme].includes(w));
/** The themes shown whose examples all hold one of a planted theme's keywords. */
const planted = (themes, theme) => themes.filter((t) => t.examples.length && t.examples.every((e) => holds(e, theme)));

/** A group as shown against its planted figures: every theme listed with its count and share, those held too few times absent. */
function assertGroup(what, shown, e) {
  if (shown.answers !== null) assert.equal(shown.answers, ` · ${answersText(e.answers)}`, `${what}: answers`);
  for (const [theme, count] of Object.entries(e.themes)) {
    const found = planted(shown.themes, theme);
    assert.equal(found.length, 1, `${what}: one theme for ${theme} in ${JSON.stringify(shown.themes.map((t) => t.label))}`);
    assert.equal(found[0].count, ` ${count} of ${e.answers} (${pct(count / e.answers)})`, `${what}: ${theme}`);
    assert.ok(found[0].examples.length <= 3, `${what}: ${theme} has at most three examples`);
  }
  for (const theme of e.notListed) assert.deepEqual(planted(shown.themes, theme), [], `${what}: ${theme} is not listed`);
}

/** The segments of one breakdown against the planted ones: names in order, answers, small ones marked and not themed. */
async function assertSegments(panel, e) {
  const breakdown = panel.getByTestId('requests-segments');
  assert.equal(await breakdown.count(), 1);
  assert.equal(await breakdown.getAttribute('data-column'), e.column);
  const shown = await groupsShown(breakdown.getByTestId('requests-segment'));
  assert.deepEqual(shown.map((s) => s.name), e.segments.map((s) => s.name), 'segments, most answers first');
  for (const [i, w] of e.segments.entries()) {
    const s = shown[i];
    assert.equal(s.small, w.small, `${w.name}: small`);
    if (w.small) {
      assert.equal(s.answers, ` · ${answersText(w.answers)}`);
      assert.deepEqual(s.themes, [], `${w.name}: counted, not themed`);
      assert.equal(s.none, `fewer than ${EXPECTED.minSegmentSize} answers ("Smallest segment ranked" in the survey options): counted, not themed`);
    } else {
      assertGroup(w.name, s, w);
    }
  }
  const small = e.segments.filter((s) => s.small).length;
  const note = await breakdown.getByTestId('requests-segments-note').textContent();
  assert.match(note, new RegExp(`^${e.segments.length} segments with answers, most answers first`));
  assert.match(note, new RegExp(`${small} with fewer than ${EXPECTED.minSegmentSize} answers ${small === 1 ? 'is' : 'are'} marked small`));
  if (e.answersWithoutSegment) assert.match(note, new RegExp(`${answersText(e.answersWithoutSegment)} had no segment: in "Every answer" only\\.`));
}

describe('the feature-request view', () => {
  const suite = pageSuite();

  it('shows a Qualtrics export\'s requests: its own column, every answer\'s themes, by Sean Ellis group and by role, small segments marked', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      assert.equal(await page.getByTestId('survey-requests').count(), 0, 'the sample has no feature requests');
      await drop(page, 'qualtrics-requests.csv', fixture('qualtrics-requests.csv'));
      const panel = page.getByTestId('survey-requests');
      await panel.waitFor({ state: 'visible' });
      const e = EXPECTED['qualtrics-requests.csv'];

      // The column: the request question's own, by its question text, not the improvement question beside it.
      const number = columnNumber('qualtrics-requests.csv', e.column.header);
      assert.equal(await panel.getByTestId('requests-column').textContent(),
        `Read from ${e.column.question} (${e.column.header}), column ${number}, found by its header.`);
      assert.equal(await panel.getByTestId('requests-from-improve').count(), 0);
      assert.match(await page.getByTestId('survey-view').locator('details.mv-columns').textContent(),
        new RegExp(literal(`Feature requests: ${e.column.header} ${e.column.question} (column ${number}, found by its header)`)));

      // Every answer.
      const [all] = await groupsShown(panel.getByTestId('requests-all'));
      assertGroup('every answer', all, e.all);
      assert.match(await panel.getByTestId('requests-all').locator('.mv-note').textContent(), new RegExp(`^${answersText(e.all.answers)} \\(blank ones aside\\)`));

      // By Sean Ellis group: very, somewhat, not disappointed; the rest counted in "Every answer" only.
      const ellis = panel.getByTestId('requests-ellis');
      const groups = await groupsShown(ellis.getByTestId('requests-ellis-group'));
      assert.deepEqual(groups.map((g) => g.name), ['Very disappointed', 'Somewhat disappointed', 'Not disappointed']);
      for (const [i, key] of ['veryDisappointed', 'somewhatDisappointed', 'notDisappointed'].entries()) assertGroup(key, groups[i], e.byEllis[key]);
      assert.match(await ellis.getByTestId('requests-ellis-note').textContent(), new RegExp(`${answersText(e.byEllis.ungrouped)} from people who no longer use the product or skipped the Sean Ellis question are in "Every answer" only\\.`));

      // By role: the segment column by its question, the Designers small.
      assert.equal(await panel.getByTestId('requests-segments').locator('h4').textContent(), `By "What is your role?" (${e.bySegment.column})`);
      await assertSegments(panel, e.bySegment);

      // Headings in order under the panel's, and nothing the axe checks call serious.
      const headings = await panel.locator('h3, h4, h5').evaluateAll((els) => els.map((el) => el.tagName));
      assert.deepEqual(headings.slice(0, 3), ['H3', 'H4', 'H4']);
      assert.deepEqual(await seriousAxeViolations(page), []);
      await panel.screenshot({ path: `${resultsDir}survey-requests.png` });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('shows a SurveyMonkey export\'s improvement question as its requests, says how to name another column, and fits a phone', async () => {
    const { context, page, errors } = await suite.open(phone);
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      await drop(page, 'surveymonkey-improve.csv', fixture('surveymonkey-improve.csv'));
      const panel = page.getByTestId('survey-requests');
      await panel.waitFor({ state: 'visible' });
      const e = EXPECTED['surveymonkey-improve.csv'];
      assert.equal(await panel.getByTestId('requests-column').textContent(),
        `Read from ${e.column.header}, column ${columnNumber('surveymonkey-improve.csv', e.column.header)}, found by its header.`);
      assert.match(await panel.getByTestId('requests-from-improve').textContent(),
        /^No column asks for feature requests .*so these are the answers to the improvement question\. To read another column, name it under "Free-text columns: feature requests" in the survey options\.$/);
      // The option it names is there.
      await page.getByTestId('upload-survey-options').locator('summary').click();
      assert.ok(await page.getByLabel('Free-text columns: feature requests').isVisible());

      const [all] = await groupsShown(panel.getByTestId('requests-all'));
      assertGroup('every answer', all, e.all);
      assert.equal(await panel.getByTestId('requests-ellis').count(), 0, 'no Sean Ellis question, no groups');
      assert.equal(await panel.getByTestId('requests-segments').locator('h4').textContent(), `By "${e.bySegment.column}"`);
      await assertSegments(panel, e.bySegment);

      assert.deepEqual(await seriousAxeViolations(page), []);
      // Nothing wider than the phone's screen: the groups one a row.
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling');
      const boxes = await panel.getByTestId('requests-segment').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().left));
      assert.ok(boxes.every((left) => left === boxes[0]), 'one segment a row');
      await panel.screenshot({ path: `${resultsDir}survey-requests-phone.png` });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('reads the column named in the survey options, and a second file\'s requests replace the first\'s', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      await drop(page, 'qualtrics-requests.csv', fixture('qualtrics-requests.csv'));
      const panel = page.getByTestId('survey-requests');
      await panel.getByTestId('requests-ellis').waitFor({ state: 'visible' });

      // The improvement question named as the request column: read as named, no note, the same figures.
      const e = EXPECTED['surveymonkey-improve.csv'];
      await page.getByTestId('upload-survey-options').locator('summary').click();
      await page.getByLabel('Free-text columns: feature requests').fill(e.column.header);
      await drop(page, 'surveymonkey-improve.csv', fixture('surveymonkey-improve.csv'));
      await page.waitForFunction(() => /named in the survey options/.test(document.querySelector('[data-testid="requests-column"]')?.textContent ?? ''));
      assert.equal(await panel.getByTestId('requests-column').textContent(),
        `Read from ${e.column.header}, column ${columnNumber('surveymonkey-improve.csv', e.column.header)}, named in the survey options.`);
      assert.equal(await panel.getByTestId('requests-from-improve').count(), 0);
      const [all] = await groupsShown(panel.getByTestId('requests-all'));
      assertGroup('every answer', all, e.all);
      // Nothing of the first file is left: no Sean Ellis groups, only this file's segments.
      assert.equal(await page.getByTestId('survey-requests').count(), 1);
      assert.equal(await panel.getByTestId('requests-ellis').count(), 0);
      await assertSegments(panel, e.bySegment);
      assert.doesNotMatch(await panel.textContent(), /Engineer|Designer|What should we build next/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('writes answers as text, and says in the page\'s words why a group has no theme', async () => {
    const { context, page, errors } = await suite.open({ viewport: { width: 800, height: 900 }, colorScheme: 'dark' });
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      const q = (s) => `"${s.replace(/"/g, '""')}"`;
      const img = '<img src=x onerror="window.__pwned=1"> dark mode';
      const rows = [];
      for (let i = 0; i < 12; i++) {
        const very = i < 10;
        rows.push([very ? 'Very disappointed' : 'Somewhat disappointed', very ? (i % 2 ? img : '<b>dark mode</b> please') : ['faster sync', 'team calendars'][i - 10]].map(q).join(','));
      }
      const csv = `${q('How would you feel if you could no longer use Acme?')},${q('What features would you like to see?')}\n${rows.join('\n')}\n`;
      await drop(page, 'hostile.csv', Buffer.from(csv));
      const panel = page.getByTestId('survey-requests');
      await panel.waitFor({ state: 'visible' });
      const examples = await panel.getByTestId('requests-all').locator('.mv-examples q').allTextContents();
      assert.ok(examples.includes(img), `the markup shown as text: ${examples}`);
      assert.ok(examples.includes('<b>dark mode</b> please'));
      assert.equal(await panel.locator('img, b, script').count(), 0, 'no markup from the file');
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      // Two somewhat disappointed answers with nothing in common: no theme, and why.
      const somewhat = panel.locator('[data-testid="requests-ellis-group"][data-group="somewhatDisappointed"]');
      assert.match(await somewhat.getByTestId('requests-ellis-group-none').textContent(), /^no phrase is said by 2 or more of the somewhat disappointed's 2 answers$/);
      assert.doesNotMatch(await panel.textContent(), /options\.|minSegmentSize/, 'option names in the page\'s words');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
