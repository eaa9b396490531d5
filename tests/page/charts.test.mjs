// Page tests of the charts of the survey and events views (www/lib/charts.js,
// www/views/survey.js, www/views/events.js): tooltips on hover, keyboard focus
// and tap, with the value and its interval, one tab stop per chart; x ticks at
// equal steps; partial first and last periods drawn hollow, in the legend and
// the data table; readable feature-rating labels on a 1-5 axis; and numbers
// rounded for people. Every test fails on any console error, page error,
// failed request or request to another origin (support.mjs).
//
//   node --test tests/page/charts.test.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pageSuite } from './suite.mjs';
import { waitForScore } from './support.mjs';

const DAY = 86_400_000;
/** Wednesday 3 June 2026: the data starts inside a week. */
const WEDNESDAY = Date.UTC(2026, 5, 3);
/** Monday 1 June 2026: the data starts on a week's first day. */
const MONDAY = Date.UTC(2026, 5, 1);
const LONG_FEATURE = 'Scheduled exports to the data warehouse';

/** 37 answers: NPS, Sean Ellis, and three feature ratings headed "Rate: ...". */
function surveyCsv() {
  const header = `Respondent,How likely are you to recommend us? (0-10),How would you feel if you could no longer use the product?,Rate: Dashboards,Rate: ${LONG_FEATURE},Rate: Alerts`;
  const pmf = ['Very disappointed', 'Somewhat disappointed', 'Not disappointed'];
  const rows = Array.from({ length: 37 }, (_, i) => `${i + 1},${(i * 7) % 11},${pmf[i % 3]},${1 + (i % 5)},${1 + ((i * 3) % 5)},${1 + ((i * 2) % 5)}`);
  return `${header}\n${rows.join('\n')}\n`;
}

/**
 * Events over `days` days from `start`, deterministic: users arrive over the
 * first three quarters, a tenth of them loyal; one event on the first and one
 * on the last day fix the range (the last day is the as-of day).
 */
function eventsCsv(start, { users = 3000, days = 120 } = {}) {
  let seed = 11;
  const rand = () => { seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31; return seed / 2 ** 31; };
  const at = (day) => new Date(start + day * DAY + Math.floor(rand() * (DAY - 1000))).toISOString();
  const lines = ['user_id,timestamp', `first,${at(0)}`, `last,${at(days - 1)}`];
  for (let u = 0; u < users; u++) {
    const arrival = Math.floor(rand() * days * 0.75);
    const loyal = u % 10 === 0;
    for (let k = 0; k < 12; k++) {
      const day = arrival + (loyal ? k * 2 : Math.floor(k * k * rand()));
      if (day >= days) break;
      lines.push(`u${u},${at(day)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Waits two frames: the charts redraw once for their figure's width after the view is shown. */
const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));

/** Opens the page, drops `csv` as `name` on the "Drop CSV files" tab and waits for `view`. */
async function dropCsv(page, origin, name, csv, view) {
  await page.goto(`${origin}/www/`);
  await waitForScore(page);
  await page.getByTestId('tab-files').click();
  await page.getByTestId('upload-input').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByTestId(view).waitFor({ state: 'visible', timeout: 60_000 });
  await settle(page);
}

/** The visible tooltip's text and box inside `scope` (null when hidden). */
async function tooltipOf(scope) {
  const tip = scope.locator('.mv-tip:visible');
  if (await tip.count() !== 1) return null;
  return { text: await tip.textContent(), box: await tip.boundingBox() };
}

/** The x ticks of the first chart in `scope`: index and x (viewBox units), in order. */
const xTicks = (scope) => scope.locator('svg.mv-svg').first().locator('line.mv-xtick')
  .evaluateAll((els) => els.map((e) => ({ i: Number(e.getAttribute('data-index')), x: Number(e.getAttribute('x1')) })));

/** Asserts that ticks sit at equal index steps and equal distances. */
function assertEven(ticks, what) {
  assert.ok(ticks.length >= 3, `${what}: at least 3 ticks (${JSON.stringify(ticks)})`);
  const steps = ticks.slice(1).map((t, k) => t.i - ticks[k].i);
  const gaps = ticks.slice(1).map((t, k) => t.x - ticks[k].x);
  assert.ok(steps.every((st) => st === steps[0] && st > 0), `${what}: equal index steps, got ${steps.join(', ')}`);
  assert.ok(gaps.every((g) => Math.abs(g - gaps[0]) <= 0.3), `${what}: equal gaps, got ${gaps.join(', ')}`);
  return steps[0];
}

describe('charts in the page', () => {
  const suite = pageSuite();
  const desktop = { viewport: { width: 1280, height: 900 }, colorScheme: 'light' };
  const phone = { viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };

  it('shows a tooltip with the value and its interval on hover and on keyboard focus, one tab stop per chart', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await dropCsv(page, suite.origin, 'survey.csv', surveyCsv(), 'survey-view');
      const features = page.getByTestId('survey-features');
      const svg = features.locator('svg.mv-svg');
      assert.equal(await tooltipOf(features), null, 'no tooltip before any hover');

      // Hover: the row under the pointer, its mean and its 95% interval.
      await features.locator('g.mv-interval').nth(1).locator('circle.mv-point').hover();
      const hovered = await tooltipOf(features);
      assert.ok(hovered, 'a tooltip on hover');
      assert.match(hovered.text, /^[A-Z][^:]*: \d\.\d\d \(95% interval \d\.\d\d–\d\.\d\d\); \d+ ratings$/);
      await page.mouse.move(2, 2);
      assert.equal(await tooltipOf(features), null, 'the tooltip goes when the pointer leaves');

      // Keyboard: Shift+Tab from the chart's data table lands on the chart, which shows its first row.
      await features.locator('details.mv-data > summary').focus();
      await page.keyboard.press('Shift+Tab');
      assert.ok(await svg.evaluate((el) => el === document.activeElement), 'the chart takes the focus');
      const first = await tooltipOf(features);
      assert.ok(first, 'a tooltip on keyboard focus');
      assert.match(first.text, /\(95% interval \d\.\d\d–\d\.\d\d\)/);
      await page.keyboard.press('ArrowDown');
      const second = await tooltipOf(features);
      assert.notEqual(second.text, first.text, 'ArrowDown moves to the next row');
      assert.equal(await features.locator('[aria-live="polite"]').textContent(), second.text, 'the live region announces it');
      assert.equal(await svg.getAttribute('data-active'), '1');
      const vw = 1280;
      assert.ok(second.box.x >= 0 && second.box.x + second.box.width <= vw && second.box.y >= 0, `inside the viewport: ${JSON.stringify(second.box)}`);
      await page.keyboard.press('Escape');
      assert.equal(await tooltipOf(features), null, 'Escape hides it');

      // The Sean Ellis share: a value with its interval, in percent.
      const pmf = page.getByTestId('survey-pmf');
      await pmf.locator('.mv-interval-chart svg.mv-svg').focus();
      assert.match((await tooltipOf(pmf)).text, /^\d+(\.\d)?% \(95% interval \d+(\.\d)?%–\d+(\.\d)?%\)$/);

      // One tab stop per chart, and Tab leaves it (no trap).
      await dropCsv(page, suite.origin, 'events.csv', eventsCsv(WEDNESDAY), 'events-view');
      const growth = page.getByTestId('events-growth');
      const bars = growth.locator('svg.mv-svg').first();
      assert.ok(await bars.locator('rect.mv-bar').count() > 40, 'many bars');
      assert.equal(await bars.getAttribute('tabindex'), '0');
      assert.equal(await bars.locator('[tabindex]').count(), 0, 'no tab stop inside the chart');
      await bars.focus();
      await page.keyboard.press('End');
      const last = await tooltipOf(growth);
      assert.match(last.text, /^Week of [A-Z][a-z]{2} \d{1,2}, \d{4} \(partial period\): retained \d/);
      await page.keyboard.press('Home');
      assert.equal(await bars.getAttribute('data-active'), '0');
      await page.keyboard.press('Tab');
      assert.ok(await bars.evaluate((el) => el !== document.activeElement), 'Tab moves on');
      assert.equal(await tooltipOf(growth), null, 'and the tooltip goes with the focus');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('shows the tooltip on a tap on a phone, inside the viewport, and hides it on a tap elsewhere', async () => {
    const { context, page, errors } = await suite.open(phone);
    try {
      await dropCsv(page, suite.origin, 'events.csv', eventsCsv(WEDNESDAY), 'events-view');
      const growth = page.getByTestId('events-growth');
      const bars = growth.locator('svg.mv-svg').first();
      await bars.scrollIntoViewIfNeeded();
      const box = await bars.boundingBox();
      for (const x of [box.width - 3, 3]) {
        await bars.tap({ position: { x, y: box.height / 2 } });
        const tip = await tooltipOf(growth);
        assert.ok(tip, `a tooltip after a tap at x=${x}`);
        assert.match(tip.text, /^Week of .*: retained \d+ · new \d+/);
        assert.ok(tip.box.x >= 0 && tip.box.x + tip.box.width <= 375, `inside the viewport: ${JSON.stringify(tip.box)}`);
      }
      await growth.locator('h3').tap();
      assert.equal(await tooltipOf(growth), null, 'a tap elsewhere hides it');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('puts x ticks at equal steps (calendar steps for dates)', async () => {
    for (const options of [desktop, phone]) {
      const { context, page, errors } = await suite.open(options);
      try {
        await dropCsv(page, suite.origin, 'events.csv', eventsCsv(WEDNESDAY), 'events-view');
        const width = options.viewport.width;
        // Weeks of growth accounting: every 1, 2, 4, 8... weeks.
        const weekStep = assertEven(await xTicks(page.getByTestId('events-growth')), `growth bars at ${width}px`);
        assert.ok([1, 2, 4, 8, 13].includes(weekStep), `a calendar step of weeks: ${weekStep}`);
        assertEven(await xTicks(page.getByTestId('events-growth').locator('.mv-line-chart')), `quick ratio at ${width}px`);
        // Days active 1..28: at multiples of a nice step.
        const days = await xTicks(page.getByTestId('events-power-users'));
        const dayStep = assertEven(days, `days active at ${width}px`);
        assert.ok(days.every((t) => (t.i + 1) % dayStep === 0), `at multiples of ${dayStep}: ${days.map((t) => t.i + 1)}`);
        // Days: every 1, 2, 7 or 14 days on Mondays, or on the 1st of months.
        const daily = await xTicks(page.getByTestId('events-active'));
        const dates = daily.map((t) => new Date(WEDNESDAY + t.i * DAY));
        if (dates.every((d) => d.getUTCDate() === 1)) {
          assert.ok(daily.length >= 3, `monthly ticks: ${dates.map((d) => d.toISOString().slice(0, 10))}`);
        } else {
          const step = assertEven(daily, `days at ${width}px`);
          assert.ok(step <= 2 || dates.every((d) => d.getUTCDay() === 1), `weekly ticks on Mondays: ${dates.map((d) => d.toISOString().slice(0, 10))}`);
        }
        // Every label drawn sits on a tick.
        const labelled = await page.getByTestId('events-growth').locator('text.mv-xlabel').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-index'))));
        const ticked = (await xTicks(page.getByTestId('events-growth'))).map((t) => t.i);
        assert.ok(labelled.length >= 2 && labelled.every((i) => ticked.includes(i)), `labels on ticks: ${labelled} / ${ticked}`);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    }
  });

  it('marks partial first and last periods: hollow bars, a legend entry and the data table', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      // The data starts on a Wednesday and ends on a Wednesday: both end weeks are partial.
      await dropCsv(page, suite.origin, 'events.csv', eventsCsv(WEDNESDAY), 'events-view');
      const growth = page.getByTestId('events-growth');
      const bars = growth.locator('svg.mv-svg').first();
      const indices = await bars.locator('rect.mv-bar').evaluateAll((els) => [...new Set(els.map((e) => Number(e.getAttribute('data-index'))))]);
      const lastIndex = Math.max(...indices);
      const partial = await bars.locator('rect.mv-bar.mv-partial').evaluateAll((els) => [...new Set(els.map((e) => Number(e.getAttribute('data-index'))))]);
      assert.deepEqual(partial.sort((a, b) => a - b), [0, lastIndex], 'the first and the last week, no other');
      const style = await bars.locator('rect.mv-bar.mv-partial').first().evaluate((el) => {
        const cs = getComputedStyle(el);
        return { fillOpacity: Number(cs.fillOpacity), dash: cs.strokeDasharray };
      });
      assert.ok(style.fillOpacity < 0.5 && style.dash !== 'none', `drawn hollow and dashed: ${JSON.stringify(style)}`);
      assert.match(await growth.locator('.mv-bar-chart .mv-legend').first().textContent(), /partial period/);
      assert.match(await growth.locator('.mv-bar-chart .mv-chart-note').first().textContent(), /partial weeks.*starts on Jun 3, 2026.*not over on Sep 30, 2026/);
      const table = growth.locator('.mv-bar-chart details.mv-data').first();
      await table.locator('summary').click();
      await table.locator('tbody th').first().waitFor(); // built on the toggle event, after the click
      const heads = await table.locator('tbody th').allTextContents();
      assert.match(heads[0], /^2026-06-01 \(partial period\)$/);
      assert.match(heads.at(-1), /\(partial period\)$/);
      assert.ok(heads.slice(1, -1).every((t) => !/partial/.test(t)), 'the weeks between are complete');
      // The oldest cohort is partial too.
      assert.match(await page.getByTestId('events-retention').locator('tbody th').first().textContent(), /partial week/);

      // Starting on a Monday, the first week is complete: only the last is partial.
      await dropCsv(page, suite.origin, 'events-monday.csv', eventsCsv(MONDAY, { users: 1000, days: 122 }), 'events-view');
      const again = await page.getByTestId('events-growth').locator('svg.mv-svg').first().locator('rect.mv-bar.mv-partial')
        .evaluateAll((els) => [...new Set(els.map((e) => Number(e.getAttribute('data-index'))))]);
      assert.equal(again.length, 1, `one partial week: ${again}`);
      assert.notEqual(again[0], 0, 'not the first');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('labels feature ratings readably: no "Rate:" prefix, whole names, a 1-5 scale with its ends', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await dropCsv(page, suite.origin, 'survey.csv', surveyCsv(), 'survey-view');
      const features = page.getByTestId('survey-features');
      const svg = features.locator('svg.mv-svg');
      const labels = await svg.locator('text.mv-row-label').evaluateAll((els) => els.map((e) => [...e.querySelectorAll('tspan')].map((t) => t.textContent).join(' ')));
      assert.equal(labels.length, 3);
      assert.deepEqual([...labels].sort(), ['Alerts', 'Dashboards', LONG_FEATURE], 'the names without "Rate:", whole');
      // Inside the drawing: nothing cut at the left edge.
      const svgBox = await svg.boundingBox();
      for (const box of await svg.locator('text.mv-row-label').evaluateAll((els) => els.map((e) => { const r = e.getBoundingClientRect(); return { x: r.x, w: r.width }; }))) {
        assert.ok(box.x >= svgBox.x - 0.5, `a label starts inside the chart: ${box.x} < ${svgBox.x}`);
      }
      const ticks = await svg.locator('.mv-axes text.mv-tick').allTextContents();
      assert.deepEqual(ticks, ['1', '2', '3', '4', '5'], 'the scale on the axis');
      assert.match((await svg.locator('.mv-axis-end').allTextContents()).join(' '), /1 = lowest.*5 = highest/);
      const table = features.locator('details.mv-data');
      await table.locator('summary').click();
      await table.locator('tbody th').first().waitFor();
      const rows = await table.locator('tbody th').allTextContents();
      assert.ok(rows.some((r) => r.startsWith(`${LONG_FEATURE} (`)), `the full name in the data table: ${rows}`);
      assert.ok(rows.every((r) => !/^Rate:/.test(r)), 'no prefix in the table either');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('rounds numbers for people in the survey and events views, their tables and tooltips', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      const long = /\d\.\d{4,}/;
      /** Opens every data table of a view, walks every chart with the keyboard, and returns all the text. */
      const allText = async (view) => {
        await page.getByTestId(view).locator('details').evaluateAll((els) => { for (const d of els) d.open = true; });
        await page.waitForFunction((id) => [...document.querySelectorAll(`[data-testid="${id}"] details.mv-data`)]
          .every((d) => d.querySelector('tbody th')), view);
        const tips = [];
        for (const chart of await page.getByTestId(view).locator('svg.mv-svg[tabindex="0"]').all()) {
          await chart.focus();
          for (let k = 0; k < 6; k++) {
            tips.push(await page.getByTestId(view).locator('.mv-tip:visible').textContent());
            await page.keyboard.press('PageDown');
          }
        }
        return `${await page.getByTestId(view).innerText()}\n${tips.join('\n')}`;
      };
      await dropCsv(page, suite.origin, 'survey.csv', surveyCsv(), 'survey-view');
      const survey = await allText('survey-view');
      assert.doesNotMatch(survey, long);
      assert.match(await page.getByTestId('pmf-share').textContent(), /^\d+(\.\d)?%$/, 'the Sean Ellis share in percent');

      await dropCsv(page, suite.origin, 'events.csv', eventsCsv(WEDNESDAY), 'events-view');
      const events = await allText('events-view');
      assert.doesNotMatch(events, long);
      // Mean active users are people: whole numbers (a mean DAU of 130.6 is 131).
      const active = page.getByTestId('events-active');
      for (const label of ['DAU', 'WAU', 'MAU']) {
        const value = await active.locator('.mv-figure', { has: page.locator(`dt:text-is("${label}")`) }).locator('.mv-figure-value').textContent();
        assert.match(value, /^\d{1,3}(,\d{3})*$/, `${label} ${value} is a whole number`);
      }
      for (const id of ['dau-mau', 'plateau']) assert.match(await page.getByTestId(id).textContent(), /^\d+(\.\d)?%$/, `${id} in percent`);
      assert.match(await page.getByTestId('quick-ratio').textContent(), /^\d+(\.\d{1,2})?$/, 'the quick ratio to two decimals');
      const hint = await page.getByTestId('events-view').locator('.mv-use-hint').textContent();
      for (const k of ['DAU', 'WAU', 'MAU']) assert.match(hint, new RegExp(`${k} \\d{1,3}(?:,\\d{3})*(?![.\\d])`), `${k} in whole users: ${hint}`);
      assert.match(hint, /retention \d+(\.\d)?%/, `retention in percent: ${hint}`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
