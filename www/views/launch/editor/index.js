// The plan editor: a form a product manager can fill without writing JSON
// (sections for the launch, features, messaging, milestones, dependencies,
// marketing campaigns and targets) and a JSON sub-tab, over the box of problems. Every input writes
// into the view's plan and asks for a re-check; problems and findings are
// shown next to the inputs their paths name.
import { h, focusIn, setupTabs } from '../../../lib/dom.js';
import { launchId as uid } from '../labels.js';
import { createControls } from './controls.js';
import { createProblems } from './problems.js';
import { createJsonTab } from './json-tab.js';
import { renderBasics, renderTargets } from './basics.js';
import { renderFeatures, renderMessaging } from './features.js';
import { renderMilestones, renderDependencies, milestoneNames } from './schedule.js';
import { renderCampaigns } from './campaigns.js';

/** @import { LaunchViewState } from '../index.js' */
/** @import { Controls } from './controls.js' */

/** The form's sections, in its order. */
const SECTION_NAMES = /** @type {const} */ (['basics', 'features', 'messaging', 'milestones', 'dependencies', 'campaigns', 'targets']);
/** @typedef {typeof SECTION_NAMES[number]} SectionName */

/**
 * What the editor's sections share.
 * @typedef {object} SectionContext
 * @property {LaunchViewState} state  the view's state: the sections edit `state.plan` and `state.options`
 * @property {Controls} controls  the inputs' registry and builders
 * @property {HTMLFormElement} form  the form the sections are in
 * @property {string} datalistId  the id of the milestone names' datalist
 * @property {() => void} changed  the plan changed: re-check it soon
 * @property {(notify: boolean) => void} runNow  re-checks the plan at once
 * @property {(name: SectionName) => void} renderSection  draws one section anew
 * @property {(...names: SectionName[]) => void} rerender  draws sections anew after a structural change, and re-shows the problems on their new inputs
 * @property {() => void} updateDatalist  the milestone names changed
 * @property {(path: string) => void} focusPath  focuses the input for a plan path (on the form tab)
 * @property {(prefix: string, i: number, addTestId: string) => void} focusAfterRemove  after row i of a list was removed: the next row's remove button, else the previous row's, else the list's add button
 */

/** The plan keys each section edits (its inputs are registered under them). */
const PREFIXES = {
  basics: ['productName', 'launchDate', 'options', 'targetAudience', 'marketingChannels'],
  features: ['newFeatures'],
  messaging: ['featureMessaging'],
  milestones: ['milestones'],
  dependencies: ['dependencies'],
  campaigns: ['marketingCampaigns'],
  targets: ['successMetrics'],
};
/** How each section draws itself. */
const RENDER = {
  basics: renderBasics, features: renderFeatures, messaging: renderMessaging,
  milestones: renderMilestones, dependencies: renderDependencies, campaigns: renderCampaigns, targets: renderTargets,
};

/**
 * A fieldset of the form.
 * @param {string} title @param {SectionName} name @param {string} [note]
 */
function section(title, name, note) {
  const legendId = uid('legend');
  const body = h('div', { class: 'mv-launch-section-body' });
  const el = h('fieldset', { class: `mv-launch-section mv-launch-section-${name}`, 'data-testid': `launch-section-${name}`, 'aria-labelledby': legendId },
    h('legend', { id: legendId, class: 'mv-launch-section-title', text: title }),
    note ? h('p', { class: 'mv-launch-hint', text: note }) : null,
    body);
  return { el, body };
}

/**
 * The editor's section element and what the view asks of it.
 * @param {object} o
 * @param {LaunchViewState} o.state
 * @param {(() => unknown) | undefined} o.sampleLaunchPlan the "Load sample" button's state (no button without it)
 * @param {(state: unknown) => void} o.replace a button replaced the whole plan and options
 * @param {() => void} o.changed the plan changed: re-check it soon
 * @param {(notify: boolean) => void} o.runNow re-checks the plan at once
 * @param {(run: () => void) => void} o.later runs `run` after the typing pause
 * @param {() => void} o.onUnreadable the JSON tab holds text that does not parse
 */
export function createEditor({ state, sampleLaunchPlan, replace, changed, runNow, later, onUnreadable }) {
  const datalistId = uid('names');
  const datalist = h('datalist', { id: datalistId });
  const problemsBox = h('div', { class: 'mv-launch-problems', 'data-testid': 'launch-problems', 'aria-live': 'polite', hidden: true });

  const formTabId = uid('tab');
  const jsonTabId = uid('tab');
  const formPanelId = uid('panel');
  const jsonPanelId = uid('panel');
  const formTab = h('button', { type: 'button', role: 'tab', id: formTabId, 'aria-controls': formPanelId, 'aria-selected': 'true', 'data-testid': 'launch-tab-form' }, 'Form');
  const jsonTab = h('button', { type: 'button', role: 'tab', id: jsonTabId, 'aria-controls': jsonPanelId, 'aria-selected': 'false', tabindex: -1, 'data-testid': 'launch-tab-json' }, 'JSON');

  const sections = {
    basics: section('Launch', 'basics'),
    features: section('Features', 'features', 'Each feature\'s id links it to its messaging.'),
    messaging: section('Feature messaging', 'messaging', 'Per feature: the message, its positioning and its key benefits.'),
    milestones: section('Milestones', 'milestones', 'A date, or whole days from the launch (-14 = two weeks before). Critical unless unticked. Done on: the day it was done (optional; it makes the milestone done).'),
    dependencies: section('Dependencies', 'dependencies', 'A milestone and the milestones that must come before it; or, in the original design\'s shape, from (the prerequisite) and to (the milestone that waits for it). Timeline: the prerequisite comes first. Approval: the milestone cannot go ahead until the prerequisite is done.'),
    campaigns: section('Marketing campaigns', 'campaigns', 'Each campaign should run over the launch day. Its channel is one of the marketing channels; without one, the channels its name names.'),
    targets: section('Success-metric targets', 'targets', 'Measured at the launch review, 30 days after the launch. Empty: the default.'),
  };

  const form = h('form', { class: 'mv-launch-form', novalidate: true, 'data-testid': 'launch-form', onsubmit: (e) => { e.preventDefault(); runNow(true); } },
    Object.values(sections).map((x) => x.el));
  const formPanel = h('div', { id: formPanelId, role: 'tabpanel', 'aria-labelledby': formTabId, class: 'mv-launch-tabpanel' }, form, datalist);

  const json = createJsonTab({
    state, tabId: jsonTabId, panelId: jsonPanelId, later, onUnreadable,
    onPlan: (plan) => {
      state.plan = plan;
      state.notice = '';
      renderAll();
      state.jsonDirty = false; // the textarea is the plan as typed
      runNow(true);
    },
  });

  const editorTitleId = uid('h');
  const element = h('section', { class: 'mv-launch-editor', 'aria-labelledby': editorTitleId, 'data-testid': 'launch-editor' },
    h('div', { class: 'mv-launch-editor-head' },
      h('h2', { id: editorTitleId, text: 'Launch plan' }),
      h('div', { class: 'mv-launch-buttons' },
        sampleLaunchPlan ? h('button', { type: 'button', class: 'mv-launch-button mv-launch-secondary', 'data-testid': 'launch-load-sample', onclick: () => replace(sampleLaunchPlan()) }, 'Load sample') : null,
        h('button', { type: 'button', class: 'mv-launch-button mv-launch-secondary', 'data-testid': 'launch-clear', onclick: () => replace({ plan: { productName: '', launchDate: '' }, options: state.options }) }, 'New empty plan'))),
    problemsBox,
    h('div', { class: 'mv-launch-tabs', role: 'tablist', 'aria-label': 'How to edit the plan' }, formTab, jsonTab),
    formPanel, json.panel);

  const selectTab = setupTabs([[formTab, formPanel], [jsonTab, json.panel]], (tab) => { if (tab === jsonTab) json.refill(false); });

  const controls = createControls({ changed });

  /** @param {string} path */
  function focusPath(path) {
    const t = controls.target(path);
    if (!t?.input) return;
    if (formPanel.hidden) selectTab(formTab, false);
    t.input.focus({ preventScroll: true });
    t.input.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }

  /** @param {SectionName} name */
  function renderSection(name) {
    controls.unregister(PREFIXES[name]);
    const drawn = RENDER[name](ctx);
    sections[name].body.replaceChildren(...[drawn].flat().filter((n) => n !== null));
    if (name === 'milestones') updateDatalist();
  }

  function renderAll() {
    for (const name of SECTION_NAMES) renderSection(name);
  }

  function updateDatalist() {
    datalist.replaceChildren(...milestoneNames(ctx).map((n) => h('option', { value: n })));
  }

  /** @type {SectionContext} */
  const ctx = {
    state, controls, form, datalistId, changed, runNow, renderSection, updateDatalist, focusPath,
    rerender(...names) {
      for (const n of names) renderSection(n);
      problems.renderBox();
      problems.applyInline();
    },
    focusAfterRemove(prefix, i, addTestId) {
      focusIn(form, `[data-testid="launch-remove"][data-remove="${prefix}[${i}]"]`,
        `[data-testid="launch-remove"][data-remove="${prefix}[${i - 1}]"]`, `[data-testid="${addTestId}"]`);
    },
  };
  const problems = createProblems(ctx, problemsBox);

  return {
    element,
    focusPath,
    /** Whether a plan path has an input to go to. @param {string} path */
    hasField: (path) => controls.target(path) != null,
    /** Draws a newly loaded plan: every section, and the JSON tab if it is showing. */
    showPlan() {
      renderAll();
      json.showPlan();
    },
    /** Shows the current problems and the current report's findings on the plan. */
    showProblems() {
      problems.renderBox();
      problems.applyInline();
    },
  };
}
