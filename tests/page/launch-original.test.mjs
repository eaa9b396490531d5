// Page tests of the launch tab with the original launch coordinator's shapes
// (docs/methodology.md, section 12): its own example plan
// (tests/fixtures/launch/original-example.json) pasted into the JSON tab and
// checked as of 2027-01-01, shown in the report (blocked by the unknown
// "Sales team training" approval, its campaign missing the launch, the
// milestones' descriptions) and in the form ({ from, to, type } rows, the
// campaigns), kept unchanged; a from/to row's type edited to approval, an
// approval awaited and given (doneOn); the campaigns and milestone inputs.
// Every test fails on any console error, page error, failed request or
// request to another origin (support.mjs).
//
//   node --test tests/page/
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pageSuite } from './suite.mjs';
import { resultsDir, waitForScore, seriousAxeViolations } from './support.mjs';

const ORIGINAL = JSON.parse(readFileSync(new URL('../fixtures/launch/original-example.json', import.meta.url), 'utf8'));

describe('launch tab with the original coordinator\'s plan', () => {
  const suite = pageSuite();
  const desktop = { viewport: { width: 1400, height: 900 }, colorScheme: 'light' };

  /**
   * Opens the launch tab, pastes `plan` into the JSON tab, goes back to the
   * form and checks it as of `asOf` (waiting until the report is of that day).
   */
  async function loadPlan(page, plan, asOf) {
    await page.goto(`${suite.origin}/www/`);
    await waitForScore(page);
    await page.getByTestId('view-tab-launch').click();
    await page.getByTestId('launch-status').waitFor();
    await page.getByTestId('launch-tab-json').click();
    await page.getByTestId('launch-json').fill(JSON.stringify(plan, null, 2));
    await page.waitForFunction((name) => document.querySelector('[data-testid="launch-product"]')?.textContent === name, plan.productName);
    await page.getByTestId('launch-tab-form').click();
    await setAsOf(page, asOf);
  }

  /** Sets the as-of day in the form and waits for the report of that day. */
  async function setAsOf(page, asOf) {
    await page.getByTestId('launch-as-of').fill(asOf);
    const [y, m, d] = asOf.split('-').map(Number);
    const day = new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-US', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' });
    await page.waitForFunction((text) => document.querySelector('[data-testid="launch-summary"]')?.textContent.includes(`as of ${text}`), day);
  }

  /** The JSON tab's plan (the tab refills from the plan when the form changed it). */
  async function planJson(page) {
    await page.getByTestId('launch-tab-json').click();
    const plan = JSON.parse(await page.getByTestId('launch-json').inputValue());
    await page.getByTestId('launch-tab-form').click();
    return plan;
  }

  it('checks the original example as of 2027-01-01: blocked by the unknown approval, the campaign misses the launch, descriptions shown', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await loadPlan(page, ORIGINAL, '2027-02-10');
      assert.match(await page.getByTestId('launch-days').textContent(), /^5$/);
      await setAsOf(page, '2027-01-01');
      assert.match(await page.getByTestId('launch-days').textContent(), /^45$/);
      assert.equal(await page.getByTestId('launch-status').getAttribute('data-status'), 'blocked');

      // The unknown prerequisite, with its type.
      const unknown = page.locator('[data-testid="launch-dep"][data-status="unknown_milestone"]');
      assert.equal(await unknown.count(), 1);
      assert.match(await unknown.textContent(), /Product Launch depends on Sales team training/);
      assert.equal(await unknown.getAttribute('data-type'), 'approval');
      assert.match((await unknown.getByTestId('launch-dep-type').innerText()).trim().toLowerCase(), /approval$/);
      assert.match(await unknown.textContent(), /blocks the launch/);
      const types = await page.locator('[data-testid="launch-dep"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-type')));
      assert.deepEqual(types, ['timeline', 'timeline', 'approval']);
      assert.ok(await page.locator('[data-testid="launch-status-reasons"] [data-code="unknown_dependency"]').count() === 1);

      // The campaign: draft, January, misses the launch, in none of the 4 channels.
      const campaign = page.locator('[data-testid="launch-campaign"][data-id="campaign_1"]');
      assert.equal(await campaign.count(), 1);
      assert.equal(await campaign.getAttribute('data-covers'), 'false');
      assert.equal(await campaign.getAttribute('data-status'), 'draft');
      assert.match(await campaign.textContent(), /Product Launch Campaign/);
      assert.match(await campaign.textContent(), /Jan 1, 2027 – Jan 31, 2027/);
      assert.match((await campaign.getByTestId('launch-campaign-covers').innerText()).trim(), /no$/);
      assert.equal(await page.locator('[data-testid="launch-recommendations"] [data-code="campaign_misses_launch"]').count(), 1);
      assert.match(await page.locator('[data-testid="launch-recommendations"] [data-code="channel_without_campaign"]').textContent(), /4 of the 4/);

      // The milestones' descriptions, under the chart.
      const freeze = page.locator('[data-testid="launch-milestone-note"][data-name="Feature Freeze"]');
      assert.equal((await freeze.getByTestId('launch-note-description').textContent()), 'No more feature changes allowed');
      assert.ok(await freeze.isVisible());
      assert.equal(await page.getByTestId('launch-note-description').count(), 4);

      // The form: three { from, to, type } rows, the findings next to their inputs, the campaign row.
      assert.equal(await page.locator('[data-testid="launch-dependency-row"][data-shape="original"]').count(), 3);
      assert.equal(await page.locator('[data-path="dependencies[2].from"]').inputValue(), 'Sales team training');
      assert.equal(await page.locator('[data-path="dependencies[2].to"]').inputValue(), 'Product Launch');
      assert.equal(await page.locator('[data-path="dependencies[2].type"]').inputValue(), 'approval');
      assert.equal(await page.locator('[data-path="dependencies[0].type"]').inputValue(), 'timeline');
      assert.match(await page.locator('[data-error-for="dependencies[2].from"]').textContent(), /Sales team training/);
      assert.equal(await page.locator('[data-path="milestones[0].description"]').inputValue(), 'No more feature changes allowed');
      assert.equal(await page.locator('[data-path="milestones[0].doneOn"]').inputValue(), '');
      assert.equal(await page.getByTestId('launch-campaign-row').count(), 1);
      assert.equal(await page.locator('[data-path="marketingCampaigns[0].status"]').inputValue(), 'draft');
      assert.equal(await page.locator('[data-path="marketingCampaigns[0].startDate"]').inputValue(), '2027-01-01');
      assert.match(await page.locator('[data-error-for="marketingCampaigns[0]"]').textContent(), /ends 15 days before the launch/);
      assert.match(await page.locator('[data-error-for="marketingCampaigns"]').textContent(), /no campaign runs in 4 of the 4/);

      // The plan is kept as pasted (the campaign's type too).
      assert.deepEqual(await planJson(page), ORIGINAL);
      assert.deepEqual(await seriousAxeViolations(page), [], 'axe violations');
      await page.screenshot({ path: `${resultsDir}launch-original.png`, fullPage: true });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('passes axe-core with the original plan on a phone, dark, without scrolling sideways', async () => {
    const { context, page, errors } = await suite.open({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, colorScheme: 'dark' });
    try {
      await loadPlan(page, ORIGINAL, '2027-01-01');
      await page.getByTestId('launch-campaigns').waitFor();
      assert.deepEqual(await seriousAxeViolations(page), [], 'axe violations');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
      await page.screenshot({ path: `${resultsDir}launch-original-phone-dark.png` });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('edits a from/to row\'s type to approval: sound before its day, awaited after it, given by doneOn', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await loadPlan(page, ORIGINAL, '2027-01-01');
      const pair = page.locator('[data-testid="launch-dep"]').filter({ hasText: 'Product Launch depends on Marketing Campaign Launch' });
      assert.equal(await pair.getAttribute('data-type'), 'timeline');

      await page.locator('[data-path="dependencies[1].type"]').selectOption('approval');
      await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="launch-dep"]')]
        .some((el) => el.textContent.includes('Product Launch depends on Marketing Campaign Launch') && el.dataset.type === 'approval'));
      assert.equal(await pair.getAttribute('data-status'), 'ok', 'before the launch day the approval is not due');
      assert.deepEqual((await planJson(page)).dependencies[1], { from: 'Marketing Campaign Launch', to: 'Product Launch', type: 'approval' });

      // After the launch day, not done: awaited, a blocker.
      await setAsOf(page, '2027-02-16');
      assert.equal(await pair.getAttribute('data-status'), 'awaiting_approval');
      assert.match(await pair.textContent(), /Awaiting approval/);
      assert.match(await pair.textContent(), /blocks the launch/);
      assert.match(await pair.locator('.mv-badge').getAttribute('class'), /mv-badge-bad/);
      assert.equal(await page.locator('[data-testid="launch-status-reasons"] [data-code="awaiting_approval"]').count(), 1);
      assert.match(await page.locator('[data-error-for="dependencies[1].from"]').textContent(), /Blocker/);

      // Given on 7 February (doneOn ticks Done): sound again.
      await page.locator('[data-path="milestones[1].doneOn"]').fill('2027-02-07');
      await page.waitForFunction(() => !document.querySelector('[data-testid="launch-status-reasons"] [data-code="awaiting_approval"]'));
      assert.equal(await pair.getAttribute('data-status'), 'ok');
      assert.ok(await page.locator('[data-path="milestones[1].done"]').isChecked(), 'a day it was done ticks Done');
      assert.match(await page.locator('[data-testid="launch-milestone-note"][data-name="Marketing Campaign Launch"]').textContent(), /done on Feb 7, 2027/);
      const plan = await planJson(page);
      assert.equal(plan.milestones[1].doneOn, '2027-02-07');
      assert.equal(plan.milestones[1].done, undefined);

      // Unticking Done takes the day away too: awaited again.
      await page.locator('[data-path="milestones[1].done"]').uncheck();
      await page.waitForFunction(() => document.querySelector('[data-testid="launch-status-reasons"] [data-code="awaiting_approval"]'));
      assert.equal(await page.locator('[data-path="milestones[1].doneOn"]').inputValue(), '');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('edits campaigns, descriptions and the type of a { milestone, dependsOn } row', async () => {
    const { context, page, errors } = await suite.open(desktop);
    try {
      await loadPlan(page, ORIGINAL, '2027-01-01');
      // The campaign runs past the launch, in the email channel.
      await page.locator('[data-path="marketingCampaigns[0].endDate"]').fill('2027-02-20');
      await page.locator('[data-path="marketingCampaigns[0].channel"]').fill('email');
      await page.locator('[data-path="marketingCampaigns[0].status"]').selectOption('scheduled');
      const campaign = page.locator('[data-testid="launch-campaign"][data-id="campaign_1"]');
      await page.waitForFunction(() => {
        const row = document.querySelector('[data-testid="launch-campaign"][data-id="campaign_1"]');
        return row?.getAttribute('data-covers') === 'true' && row.getAttribute('data-status') === 'scheduled' && row.textContent.includes('email');
      });
      assert.equal(await page.locator('[data-testid="launch-recommendations"] [data-code="campaign_misses_launch"]').count(), 0);
      assert.match(await page.locator('[data-testid="launch-recommendations"] [data-code="channel_without_campaign"]').textContent(), /3 of the 4/);
      assert.match(await campaign.textContent(), /yes/);

      // A second campaign in a channel the plan does not have.
      await page.getByTestId('launch-add-campaign').click();
      assert.equal(await page.getByTestId('launch-campaign-row').count(), 2);
      await page.locator('[data-path="marketingCampaigns[1].name"]').fill('Webinar series');
      await page.locator('[data-path="marketingCampaigns[1].channel"]').fill('webinar');
      await page.waitForFunction(() => document.querySelector('[data-error-for="marketingCampaigns[1].channel"]')?.textContent.includes('not among marketingChannels'));
      let plan = await planJson(page);
      assert.equal(plan.marketingCampaigns[0].type, 'product_launch', 'keys the form does not edit are kept');
      assert.deepEqual(plan.marketingCampaigns[0], { ...ORIGINAL.marketingCampaigns[0], endDate: '2027-02-20', status: 'scheduled', channel: 'email' });
      assert.equal(plan.marketingCampaigns[1].name, 'Webinar series');
      assert.equal(plan.marketingCampaigns[1].status, 'draft');

      // A description edited shows under the chart.
      await page.locator('[data-path="milestones[2].description"]').fill('Launch day, all regions');
      await page.waitForFunction(() => document.querySelector('[data-testid="launch-milestone-note"][data-name="Product Launch"]')?.textContent.includes('Launch day, all regions'));

      // Our shape's type: approval is written, timeline (its default) leaves it out again.
      await page.getByTestId('launch-tab-json').click();
      plan = JSON.parse(await page.getByTestId('launch-json').inputValue());
      plan.dependencies = [{ milestone: 'Product Launch', dependsOn: 'Feature Freeze' }];
      await page.getByTestId('launch-json').fill(JSON.stringify(plan, null, 2));
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="launch-dep"]').length === 1);
      await page.getByTestId('launch-tab-form').click();
      const type = page.locator('[data-path="dependencies[0].type"]');
      assert.equal(await type.inputValue(), 'timeline');
      await type.selectOption('approval');
      await page.waitForFunction(() => document.querySelector('[data-testid="launch-dep"]')?.dataset.type === 'approval');
      assert.equal((await planJson(page)).dependencies[0].type, 'approval');
      await page.locator('[data-path="dependencies[0].type"]').selectOption('timeline');
      await page.waitForFunction(() => document.querySelector('[data-testid="launch-dep"]')?.dataset.type === 'timeline');
      assert.deepEqual((await planJson(page)).dependencies[0], { milestone: 'Product Launch', dependsOn: 'Feature Freeze' });

      // A new dependency in a plan of the original shape takes that shape.
      plan = await planJson(page);
      plan.dependencies = [{ from: 'Feature Freeze', to: 'Product Launch', type: 'timeline' }];
      await page.getByTestId('launch-tab-json').click();
      await page.getByTestId('launch-json').fill(JSON.stringify(plan, null, 2));
      await page.waitForFunction(() => document.querySelector('[data-testid="launch-dependency-row"]')?.dataset.shape === 'original');
      await page.getByTestId('launch-tab-form').click();
      await page.getByTestId('launch-add-dependency').click();
      assert.equal(await page.locator('[data-testid="launch-dependency-row"][data-shape="original"]').count(), 2);
      assert.ok(await page.locator('[data-path="dependencies[1].from"]').evaluate((el) => el === document.activeElement), 'the new row\'s from has focus');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
