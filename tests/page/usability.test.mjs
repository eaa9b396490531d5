// Page tests of the usability view (www/views/usability.js, usability-tasks.js):
// the fixtures of tests/fixtures/usability/ dropped as the tools export them, the
// figures shown checked against expected.json (computed independently by
// make_fixtures.py; grades, percentiles and adjectives from the published tables
// here), a survey that also asks the SUS shown in both views, "Use in the score"
// never mixing the built-in sample with the file's figures, and the message for a
// file without usability questions. Every test fails on any console error, page
// error, failed request or request to another origin (support.mjs).
//
//   node --test --test-reporter=tap tests/page/usability.test.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pageSuite } from './suite.mjs';
import { resultsDir, waitForScore, seriousAxeViolations } from './support.mjs';

const fixture = (name) => readFileSync(new URL(`../fixtures/usability/${name}`, import.meta.url));
const EXPECTED = JSON.parse(fixture('expected.json').toString('utf8'));
const desktop = { viewport: { width: 1280, height: 900 }, colorScheme: 'light' };

// ---- the figures as the page writes them, computed here from expected.json

/** A share: "66.7%". */
const pct = (x) => `${Number((x * 100).toFixed(1))}%`;
/** A SUS or UMUX-Lite score: one decimal. */
const one = (x) => x.toFixed(1);
/** A time on task: "47.8 s" under a minute, else "1:19". */
const time = (s) => {
  if (s < 59.95) return `${Number(s.toFixed(1))} s`;
  const whole = Math.round(s);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
};
/** Sauro and Lewis's curved grading scale (Quantifying the User Experience, 2nd ed., Table 8.5). */
const GRADES = [['A+', 84.1], ['A', 80.8], ['A-', 78.9], ['B+', 77.2], ['B', 74.1], ['B-', 72.6], ['C+', 71.1], ['C', 65], ['C-', 62.7], ['D', 51.7], ['F', 0]];
const grade = (mean) => GRADES.find(([, lowest]) => mean >= lowest)[0];
/** Bangor, Kortum & Miller (2009), Table 3: the nearest adjective's mean, a tie to the better one. */
const ADJECTIVES = [['best imaginable', 90.9], ['excellent', 85.5], ['good', 71.4], ['OK', 50.9], ['poor', 35.7], ['awful', 20.3], ['worst imaginable', 12.5]];
const adjective = (mean) => ADJECTIVES.reduce((best, a) => (Math.abs(a[1] - mean) < Math.abs(best[1] - mean) ? a : best))[0];
/** The normal CDF by Abramowitz & Stegun 7.1.26 (error under 1.5e-7). */
function phi(z) {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
/** The percentile rank among studies (mean 68, sd 12.5), as an ordinal: "59th". */
const percentile = (mean) => {
  const n = Math.round(100 * phi((mean - 68) / 12.5));
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' })[n % 10] ?? 'th';
  return `${n}${suffix}`;
};
const range = ([lo, hi], f) => `${f(lo)}–${f(hi)}`;

/** The standard SUS statements, for a survey that also asks the SUS. */
const SUS = [
  'I think that I would like to use this product frequently', 'I found the product unnecessarily complex',
  'I thought the product was easy to use', 'I think that I would need the support of a technical person to be able to use this product',
  'I found the various functions in this product were well integrated', 'I thought there was too much inconsistency in this product',
  'I would imagine that most people would learn to use this product very quickly', 'I found the product very cumbersome to use',
  'I felt very confident using the product', 'I needed to learn a lot of things before I could get going with this product',
];
/** NPS and the SUS in one survey: respondents' scores 85, 50, 75 and 70 (mean 70), NPS +25. */
function surveyWithSus() {
  // Answers chosen for known scores: odd statements score answer − 1, even ones 5 − answer.
  const answers = [
    [9, [5, 1, 5, 2, 4, 2, 5, 2, 4, 2]], // 4+4+4+3+3+3+4+3+3+3 = 34 -> 85
    [6, [3, 3, 3, 3, 3, 3, 3, 3, 3, 3]], // 2*5 + 2*5 = 20 -> 50
    [10, [4, 2, 4, 2, 4, 2, 4, 2, 4, 2]], // 3*5 + 3*5 = 30 -> 75
    [7, [4, 2, 4, 2, 4, 3, 4, 3, 4, 2]], // 3*5 + 3+3+2+2+3 = 28 -> 70
  ];
  const q = (s) => `"${s.replace(/"/g, '""')}"`;
  const header = ['How likely are you to recommend Acme to a friend or colleague?', ...SUS].map(q).join(',');
  return `${header}\n${answers.map(([nps, sus]) => [nps, ...sus].join(',')).join('\n')}\n`;
}

/** Drops a file on the files tab. */
async function drop(page, name, buffer) {
  await page.getByTestId('tab-files').click();
  await page.getByTestId('upload-input').setInputFiles({ name, mimeType: 'text/csv', buffer });
}

describe('the usability view', () => {
  const suite = pageSuite();

  it('shows a task table\'s SUS against the grade scale, each task\'s completion, time and SEQ, the columns, guesses and rows not used', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      await drop(page, 'task-table.csv', fixture('task-table.csv'));
      const view = page.getByTestId('usability-view');
      await view.waitFor({ state: 'visible' });
      const e = EXPECTED['task-table'];
      assert.match(await page.getByTestId('upload-phase').textContent(), /^Analysed task-table\.csv \(.*, a usability test\) in/);
      assert.ok(await page.getByTestId('survey-section').isHidden() && await page.getByTestId('events-section').isHidden());
      assert.match(await view.locator('.mv-lede').textContent(), new RegExp(`^task-table\\.csv: ${e.participants} participants, 3 tasks; every interval at 95% confidence\\.`));

      // The SUS: mean, interval, grade, percentile, adjective, respondents.
      const text = async (id) => (await view.getByTestId(id).textContent()).trim();
      assert.equal(await text('sus-mean'), one(e.sus.mean));
      assert.equal(await text('sus-interval'), range(e.sus.interval, one));
      assert.equal(await text('sus-grade'), grade(e.sus.mean));
      assert.equal(await text('sus-percentile'), percentile(e.sus.mean));
      assert.equal(await text('sus-adjective'), adjective(e.sus.mean));
      assert.equal(await text('sus-respondents'), String(e.sus.n));
      // The interval (61.5 to 80.1) includes the average of 68.
      assert.match(await text('sus-against'), /^Not distinguishable from the SUS average of 68/);
      // The scores over the grade bands: a chart with every band named, and its data table.
      const chart = view.locator('figure.mv-banded');
      assert.match(await chart.locator('svg').getAttribute('aria-label'), /^Respondents' SUS scores on the curved grade scale\. 12 scores; mean 70\.8, grade C; /);
      assert.equal(await chart.locator('.mv-scale-band').count(), GRADES.length);
      await chart.locator('details.mv-data > summary').click();
      await chart.locator('details.mv-data tbody tr').first().waitFor();
      const rows = await chart.locator('details.mv-data tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
      const shown = rows.flatMap(([score, count]) => Array(Number(count)).fill(Number(score)));
      assert.deepEqual(shown, e.sus.scores, 'each respondent\'s score, as make_fixtures.py computed it');
      for (const [score, , g] of rows) assert.equal(g, grade(Number(score)), `the grade of ${score}`);
      // Respondents by grade add up.
      const byGrade = await view.getByTestId('sus-grades').locator('tbody td:last-child').allTextContents();
      assert.equal(byGrade.map(Number).reduce((a, b) => a + b, 0), e.sus.n);

      // Each task: completion with its interval, partial and not attempted, time, SEQ.
      const table = view.getByTestId('usability-tasks-table');
      for (const t of e.tasks) {
        const row = table.locator(`tr[data-task="${t.task}"]`);
        const cell = (id) => row.getByTestId(id);
        const c = t.completion;
        assert.equal(await cell('task-completion').locator('.mv-cell-value').textContent(), pct(c.rate), t.task);
        assert.equal(await cell('task-completion').locator('.mv-sub').textContent(), `${range(c.interval, pct)} · ${c.successes} of ${c.attempts}`, t.task);
        assert.equal(await cell('task-partial').textContent(), String(t.partial));
        assert.equal(await cell('task-not-attempted').textContent(), String(t.notAttempted));
        assert.equal(await cell('task-time').locator('.mv-cell-value').textContent(), time(t.time.geometricMean), t.task);
        assert.equal(await cell('task-time').locator('.mv-sub').textContent(), `${range(t.time.interval, time)} · n ${t.time.times}`, t.task);
        assert.equal(await cell('task-seq').locator('.mv-cell-value').textContent(), t.seq.mean.toFixed(2), t.task);
        assert.equal(await cell('task-seq').locator('.mv-sub').textContent(), `${range(t.seq.interval, (v) => v.toFixed(2))} · n ${t.seq.n}`, t.task);
      }
      // The charts: completion and time as bars with whiskers, SEQ against its average 5.5.
      const tasks = view.getByTestId('usability-tasks');
      const charts = tasks.locator('figure.mv-interval-chart');
      assert.equal(await charts.count(), 3);
      assert.equal(await charts.nth(0).locator('.mv-bar').count(), 3);
      assert.equal(await charts.nth(0).locator('.mv-whisker').count(), 3);
      assert.equal(await charts.nth(1).locator('.mv-whisker').count(), 3);
      assert.match(await charts.nth(0).locator('svg').getAttribute('aria-label'), new RegExp(`Find a plan's price ${pct(1)} \\(${range(e.tasks[0].completion.interval, pct)}\\)`));
      assert.equal(await charts.nth(2).locator('.mv-threshold text').textContent(), 'average 5.5');

      // How the file was read: the columns by role, the guess in the page's words, the rows not used.
      const columns = view.getByTestId('usability-columns');
      assert.match(await columns.locator('li[data-role="success"]').textContent(), /^Task success: "?Task success"? \(column 3, found by its header\)$/);
      assert.match(await columns.locator('li[data-role="sus10"]').textContent(), /^SUS statement 10: "?SUS10"?/);
      assert.match(await view.getByTestId('usability-file').textContent(), /read in seconds \(from its header\)/);
      const warnings = await view.getByTestId('usability-warnings').textContent();
      assert.match(warnings, /choose "All positive" under "SUS version" in the usability test options/);
      assert.doesNotMatch(warnings, /options\./);
      assert.match(await view.getByTestId('usability-skipped').locator('h4').textContent(), new RegExp(`: ${e.skipped}$`));

      assert.deepEqual(await seriousAxeViolations(page), []);
      await page.getByTestId('usability-section').screenshot({ path: `${resultsDir}usability-view.png` });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('shows a Qualtrics SUS and UMUX-Lite survey: the SUS with its incomplete respondent, UMUX-Lite and its SUS estimate; a preview and an unfinished response left out, kept when asked', async () => {
    const { context, page, errors } = await suite.open({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, colorScheme: 'dark' });
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      await drop(page, 'qualtrics-sus.csv', fixture('qualtrics-sus.csv'));
      const view = page.getByTestId('usability-view');
      await view.waitFor({ state: 'visible' });
      const e = EXPECTED['qualtrics-sus'];
      const text = async (id) => (await view.getByTestId(id).textContent()).trim();
      assert.equal(await text('sus-mean'), one(e.sus.mean));
      assert.equal(await text('sus-interval'), range(e.sus.interval, one));
      assert.equal(await text('sus-grade'), grade(e.sus.mean));
      assert.equal(await text('sus-percentile'), percentile(e.sus.mean));
      assert.equal(await text('sus-adjective'), adjective(e.sus.mean));
      assert.equal(await view.getByTestId('sus-respondents').textContent(), String(e.sus.n));
      assert.match(await view.getByTestId('usability-sus').textContent(), new RegExp(`${e.sus.incomplete} incomplete`));
      assert.equal(await text('umux-mean'), one(e.umuxLite.mean));
      assert.equal(await text('umux-interval'), range(e.umuxLite.interval, one));
      assert.equal(await text('umux-sus-estimate'), one(e.umuxLite.susEstimate));
      assert.equal(await text('umux-respondents'), String(e.umuxLite.n));
      // Read as Qualtrics' three header rows; the statements by their question text; no task table.
      assert.match(await view.getByTestId('usability-file').textContent(), /^Read as a Qualtrics export: 3 header rows/);
      assert.match(await view.getByTestId('usability-columns').locator('li[data-role="sus1"]').textContent(), /"?Q2_1"? .*I think that I would like to use this system frequently/);
      assert.equal(await view.getByTestId('usability-tasks').count(), 0);
      assert.equal(await view.getByTestId('usability-warnings').count(), 0, 'nothing guessed');
      assert.deepEqual(await seriousAxeViolations(page), []);
      // Nothing wider than the phone's screen but what scrolls inside its own region.
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling');
      await page.getByTestId('usability-section').screenshot({ path: `${resultsDir}usability-phone.png` });
      // The author's preview and the unfinished response are left out, in the page's words;
      // "Keep unfinished responses" reads the unfinished one: an incomplete questionnaire more.
      const skipped = await view.getByTestId('usability-skipped').textContent();
      assert.match(skipped, /a survey preview/);
      assert.match(skipped, /an unfinished response .*tick "Keep unfinished responses" in the usability test options to keep it/);
      assert.doesNotMatch(skipped, /options\./);
      await page.getByTestId('upload-usability-options').locator('summary').click();
      await page.getByTestId('usability-include-partial').check();
      await drop(page, 'qualtrics-sus.csv', fixture('qualtrics-sus.csv'));
      await page.waitForFunction((n) => new RegExp(`${n} incomplete`).test(document.querySelector('[data-testid="usability-sus"]')?.textContent ?? ''), e.withPartial.incomplete);
      assert.equal(await text('sus-mean'), one(e.sus.mean), 'the unfinished questionnaire is not scored');
      assert.doesNotMatch(await view.getByTestId('usability-skipped').textContent(), /unfinished/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('shows a survey that also asks the SUS in both views, linked; "Use in the score" replaces the sample and keeps the user\'s own survey figures', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      await drop(page, 'feedback.csv', Buffer.from(surveyWithSus()));
      await page.getByTestId('usability-view').waitFor({ state: 'visible' });
      await page.getByTestId('survey-view').waitFor({ state: 'visible' });
      assert.match(await page.getByTestId('upload-phase').textContent(), /survey answers and a usability test/);
      assert.match(await page.getByTestId('nps-score').textContent(), /^\+25/);
      assert.equal(await page.getByTestId('sus-mean').textContent(), '70.0', 'scores 85, 50, 75 and 70');
      assert.equal(await page.getByTestId('sus-respondents').textContent(), '4');
      const link = page.getByTestId('survey-usability').locator('a');
      assert.equal(await link.getAttribute('href'), '#usability-section');
      assert.match(await page.getByTestId('usability-view').locator('.mv-lede').textContent(), /survey answers are in the survey section above/);

      // From the sample: the survey's figures and its SUS replace the sample's, the rest of the sample is cleared.
      await page.getByTestId('survey-view').getByTestId('use-in-score').click();
      await page.waitForFunction(() => document.querySelector('#field-surveyData-susScore')?.value === '70');
      assert.equal(await page.locator('#field-surveyData-npsScore').inputValue(), '25');
      assert.equal(await page.locator('#field-surveyData-susResponses').inputValue(), '4');
      assert.equal(await page.getByTestId('group-source-surveyData').textContent(), 'from feedback.csv');
      assert.ok(await page.getByTestId('group-source-usageMetrics').isHidden(), 'the sample\'s usage is cleared');
      assert.ok(await page.getByTestId('sample-banner').isHidden());
      await waitForScore(page);

      // Another file's SUS joins the user's own survey figures.
      await drop(page, 'task-table.csv', fixture('task-table.csv'));
      await page.waitForFunction(() => /task-table\.csv/.test(document.querySelector('[data-testid="usability-view"] .mv-lede')?.textContent ?? ''));
      assert.ok(await page.getByTestId('survey-section').isVisible(), 'the survey of the other file stays');
      await page.getByTestId('usability-view').getByTestId('use-in-score').click();
      await page.waitForFunction(() => document.querySelector('#field-surveyData-susScore')?.value === '70.83');
      assert.equal(await page.locator('#field-surveyData-npsScore').inputValue(), '25', 'the survey\'s NPS is kept');
      assert.equal(await page.locator('#field-surveyData-susResponses').inputValue(), String(EXPECTED['task-table'].sus.n));
      assert.equal(await page.getByTestId('group-source-surveyData').textContent(), 'from feedback.csv and task-table.csv');
      assert.match(await page.locator('#status').textContent(), /^Survey now comes from feedback\.csv and task-table\.csv\.$/);
      await waitForScore(page);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('a usability test over the sample replaces the sample\'s survey and clears its other groups', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      await drop(page, 'task-table.csv', fixture('task-table.csv'));
      await page.getByTestId('usability-view').waitFor({ state: 'visible' });
      await page.getByTestId('usability-view').getByTestId('use-in-score').click();
      await page.waitForFunction(() => document.querySelector('#field-surveyData-susScore')?.value === '70.83');
      assert.equal(await page.locator('#field-surveyData-npsScore').inputValue(), '', 'the sample\'s NPS is not scored with the file\'s SUS');
      assert.equal(await page.getByTestId('group-source-surveyData').textContent(), 'from task-table.csv');
      assert.match(await page.locator('#status').textContent(), /^Survey now comes from task-table\.csv; the sample's usage, adoption, market research, competition and unit economics were cleared/);
      assert.ok(await page.getByTestId('sample-banner').isHidden());
      const score = await waitForScore(page);
      assert.ok(score >= 0 && score <= 100);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('writes a usability file\'s task names, headers and unreadable answers as text', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      const img = '<img src=x onerror="window.__pwned=1">';
      const q = (s) => `"${s.replace(/"/g, '""')}"`;
      const csv = ['Participant,Task,Success,Seconds,SEQ',
        `p1,${q(img)},1,40,6`, `p2,${q(img)},0,75,${q('<b>7</b>')}`, `p3,Checkout,${q('<script>window.__pwned=2</script>')},33,5`].join('\n');
      await drop(page, 'hostile.csv', Buffer.from(csv));
      const view = page.getByTestId('usability-view');
      await view.waitFor({ state: 'visible' });
      assert.equal(await view.getByTestId('usability-tasks-table').locator('tbody th').first().textContent(), img);
      await view.getByTestId('usability-skipped').locator('details > summary').click();
      const skipped = await view.getByTestId('usability-skipped').textContent();
      assert.match(skipped, /<b>7<\/b>/);
      assert.match(skipped, /<script>window\.__pwned=2<\/script>/);
      assert.equal(await view.locator('img, script, b').count(), 0, 'no markup from the file');
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('says clearly when a file holds no usability questions', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await page.goto(`${suite.origin}/www/`);
      await waitForScore(page);
      await page.getByTestId('tab-files').click();
      await page.getByTestId('upload-kind-usability').check();
      const csv = 'Respondent,How likely are you to recommend us?,Role\n1,9,PM\n2,4,Dev\n';
      await page.getByTestId('upload-input').setInputFiles({ name: 'nps.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      const error = page.getByTestId('upload-error');
      await error.waitFor({ state: 'visible' });
      const message = await error.textContent();
      assert.match(message, /^nps\.csv: /);
      assert.match(message, /a file whose headers are .*Respondent.*How likely are you to recommend us\?.*Role/);
      assert.match(message, /a task table \(participant, task, success, seconds; SEQ optional\) or the ten SUS statements/);
      assert.match(message, /name the columns in the usability test options/);
      assert.equal(await page.getByTestId('upload-status').getAttribute('data-state'), 'error');
      assert.ok(await page.getByTestId('usability-section').isHidden());

      // Detected: a file that is none of the kinds names the three and its columns.
      await page.getByTestId('upload-kind-auto').check();
      await page.getByTestId('upload-input').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from('Name,Email\nAda,ada@example.com\n') });
      await page.waitForFunction(() => /people\.csv/.test(document.querySelector('[data-testid="upload-error"]')?.textContent ?? ''));
      assert.match(await error.textContent(), /Could not tell whether it holds survey answers, usage events or a usability test; its columns: Name \| Email/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
