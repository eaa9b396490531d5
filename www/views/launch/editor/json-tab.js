// The editor's JSON sub-tab: the whole plan as JSON text, checked as it is
// typed. Text that does not parse keeps the last result, marked out of date;
// a JSON object replaces the plan (and the form shows it).
import { h } from '../../../lib/dom.js';
import { parseJson } from '../../../lib/json-input.js';
import { launchId as uid } from '../labels.js';
import { isPlain, describe } from '../plan-values.js';

/** @import { LaunchViewState } from '../index.js' */
/** @import { JsonObject } from '../plan-values.js' */

/**
 * The JSON tab's panel.
 * @param {object} o
 * @param {LaunchViewState} o.state
 * @param {string} o.tabId @param {string} o.panelId the tab and its panel, as the editor's tab list names them
 * @param {(run: () => void) => void} o.later runs `run` after the typing pause (the view's one debounce)
 * @param {(plan: JsonObject) => void} o.onPlan a new plan was typed
 * @param {() => void} o.onUnreadable text that does not parse: the result shown is now out of date
 */
export function createJsonTab({ state, tabId, panelId, later, onPlan, onUnreadable }) {
  const input = h('textarea', {
    id: uid('json'), class: 'mv-launch-json', rows: 18, spellcheck: 'false', 'data-testid': 'launch-json',
    autocapitalize: 'off', autocomplete: 'off',
  });
  const problems = h('div', { class: 'mv-launch-json-problems', id: uid('jsonerr'), 'data-testid': 'launch-json-problems', hidden: true });
  input.setAttribute('aria-describedby', problems.id);
  const status = h('p', { class: 'mv-launch-hint', role: 'status', 'data-testid': 'launch-json-status' });
  const panel = h('div', { id: panelId, role: 'tabpanel', 'aria-labelledby': tabId, class: 'mv-launch-tabpanel', hidden: true },
    h('label', { for: input.id, class: 'mv-launch-label' }, 'The whole plan as JSON (the shape of ', h('code', { text: 'sampleLaunchPlan().plan' }), '); it is checked as you type'),
    input, problems,
    h('div', { class: 'mv-launch-buttons' },
      h('button', { type: 'button', class: 'mv-launch-button', 'data-testid': 'launch-json-copy', onclick: copy }, 'Copy JSON'),
      h('button', { type: 'button', class: 'mv-launch-button mv-launch-secondary', onclick: () => { refill(true); status.textContent = 'Reset to the current plan.'; } }, 'Revert to the current plan')),
    status);

  /**
   * Puts the plan into the text box, when the box is older than the plan (or always: `force`).
   * @param {boolean} force
   */
  function refill(force) {
    if (!state.jsonDirty && !force) return;
    input.value = JSON.stringify(state.plan, null, 2);
    state.jsonDirty = false;
    showProblems([]);
  }

  /** @param {string[]} lines */
  function showProblems(lines) {
    problems.replaceChildren(...lines.map((l) => h('p', { text: l })));
    problems.hidden = !lines.length;
    if (lines.length) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }

  function apply() {
    const parsed = parseJson(input.value);
    if (!parsed.ok) {
      showProblems([`This is not valid JSON${parsed.where}: ${parsed.message}. The result below is from the last valid plan.`]);
      onUnreadable();
      return;
    }
    const { value } = parsed;
    if (!isPlain(value)) {
      showProblems([`Expected one launch plan as a JSON object ({ "productName": ..., "launchDate": ..., ... }), not ${describe(value)}.`]);
      return;
    }
    showProblems([]);
    onPlan(value);
  }

  async function copy() {
    refill(false);
    try {
      await navigator.clipboard.writeText(input.value);
      status.textContent = 'Copied the plan as JSON.';
    } catch {
      input.focus();
      input.select();
      status.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
    }
  }

  input.addEventListener('input', () => {
    status.textContent = '';
    later(apply);
  });

  return {
    panel,
    refill,
    /** Refills the text box from a newly loaded plan when the tab is showing. */
    showPlan() {
      state.jsonDirty = true;
      if (!panel.hidden) refill(true);
    },
  };
}
