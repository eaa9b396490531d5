// The launch-readiness view: an editor for a launch plan (editor/: a form a
// product manager can fill without writing JSON, and a JSON sub-tab) beside
// what checkLaunch() found (report.js, with the timeline chart of
// timeline.js). This module mounts the two and runs the check.
//
// The plan object is the single source of truth: every input writes into it
// and the check re-runs (debounced). Bad input: the library's problems are
// shown next to the inputs their paths name (`milestones[2].date`,
// `featureMessaging[0].keyBenefits[1]`), the rest in a box at the top, and
// the last good result stays visible, marked stale. Under them, the launch
// review (review.js): after the launch, reviewLaunch() on the plan with the
// files already dropped in the page. Every text from the plan
// becomes a text node (never markup). Styles: launch.css (classes
// `mv-launch-`), on top of views/views.css.
import { h } from '../../lib/dom.js';
import { errorMessage, errorProblems } from '../../lib/errors.js';
import { isPlain, clone, describe } from './plan-values.js';
import { createEditor } from './editor/index.js';
import { createReport } from './report.js';
import { createReview } from './review.js';

/** @import { LaunchPlan, LaunchOptions, LaunchReport, LaunchReview, LaunchReviewOptions, Problem } from '../../../pkg/web/market_validation.js' */
/** @import { DroppedFiles } from '../../lib/dropped.js' */
/** @import { JsonObject } from './plan-values.js' */

/** How long the view waits after a keystroke before it re-checks. */
const DEBOUNCE_MS = 120;

/**
 * A launch view's plan and options: what its share link carries.
 * @typedef {{ plan: JsonObject, options: JsonObject }} LaunchState
 */
/**
 * A mounted launch view's state.
 * @typedef {object} LaunchViewState
 * @property {JsonObject} plan  the plan being edited, as typed: any shape, checkLaunch judges it
 * @property {JsonObject} options  checkLaunch's options (`asOf`)
 * @property {LaunchReport | null} lastReport  the report of the last plan without problems
 * @property {Problem[]} problems  the current plan's problems
 * @property {string} runError  why the check failed, when not for problems
 * @property {string} notice  what was wrong with the state given (not an object), until the next one
 * @property {boolean} stale  the current plan has problems (or unreadable JSON): the report shown is older
 * @property {number} timer  the pending debounced check (or JSON apply)
 * @property {boolean} jsonDirty  the JSON tab's text is older than the plan
 */
/**
 * What the host gets after every change the user makes.
 * @typedef {{ report: LaunchReport | null, problems: Problem[], stale: boolean }} ChangeInfo
 */

/**
 * Mounts the launch-readiness view into `container` (its children are replaced).
 *
 * @param {HTMLElement} container
 * @param {object} [o]
 * @param {(plan: LaunchPlan, options?: LaunchOptions | null) => LaunchReport} [o.checkLaunch]  the library's checkLaunch (required)
 * @param {() => { plan: LaunchPlan, options: LaunchOptions }} [o.sampleLaunchPlan]  the library's sampleLaunchPlan
 *   (the starting plan when no state is given, and the "Load sample" button)
 * @param {(plan: LaunchPlan, options: LaunchReviewOptions) => LaunchReview} [o.reviewLaunch]  the library's reviewLaunch
 *   (no launch review without it)
 * @param {DroppedFiles} [o.files]  the files dropped in the page, which the review uses (none without it)
 * @param {unknown} [o.state]  the plan to start with: `{ plan, options? }`
 * @param {(state: LaunchState, info: ChangeInfo) => void} [o.onChange]
 *   called after every change the user makes (once the debounced check has run), with the new state;
 *   not called for setState() or rerun()
 * @returns {{ getState(): LaunchState, setState(state: unknown): void, rerun(): void,
 *   getReport(): LaunchReport | null, getReview(): LaunchReview | null, element: HTMLElement }}
 */
export function mountLaunch(container, { checkLaunch, sampleLaunchPlan, reviewLaunch, files, state: initial, onChange } = {}) {
  if (typeof checkLaunch !== 'function') throw new TypeError('mountLaunch: checkLaunch (the library function) is required');
  const check = checkLaunch;

  /** @type {LaunchViewState} */
  const state = {
    plan: {}, options: {}, lastReport: null, problems: [], runError: '', notice: '', stale: false, timer: 0, jsonDirty: true,
  };

  const editor = createEditor({
    state,
    sampleLaunchPlan,
    replace: (st) => { load(st); runNow(true); },
    changed() {
      state.jsonDirty = true;
      later(() => runNow(true));
    },
    runNow,
    later,
    onUnreadable() {
      state.stale = !!state.lastReport;
      report.showStale(state.stale);
    },
  });
  const report = createReport({ hasField: editor.hasField, focusPath: editor.focusPath });
  const review = reviewLaunch ? createReview({
    reviewLaunch,
    files,
    sampleLaunchPlan,
    current: () => ({
      plan: state.plan,
      asOf: typeof state.options.asOf === 'string' ? state.options.asOf : '',
      planOk: !state.stale && !state.problems.length && !!state.lastReport,
    }),
  }) : null;

  // The review below the editor and the report, outside their grid: the editor sticks only beside the report.
  const root = h('div', { class: 'mv-view mv-launch', 'data-testid': 'launch-view' },
    h('div', { class: 'mv-launch-layout' }, editor.element, report.element), review?.element);
  container.replaceChildren(root);

  /** Runs `run` once the user has paused: a newer call replaces an older one. @param {() => void} run */
  function later(run) {
    clearTimeout(state.timer);
    state.timer = setTimeout(run, DEBOUNCE_MS);
  }

  /**
   * Takes a given state: copies of its plan and options, or empty ones (and a notice) where they are not objects.
   * @param {unknown} st
   */
  function load(st) {
    state.notice = '';
    const given = isPlain(st) ? st : {};
    if (isPlain(given.plan)) {
      state.plan = clone(given.plan);
    } else {
      state.plan = { productName: '', launchDate: '' };
      if (given.plan !== undefined) state.notice = `The launch plan given was ${describe(given.plan)}, not an object; starting from an empty plan.`;
    }
    if (isPlain(given.options)) state.options = clone(given.options);
    else {
      state.options = {};
      if (given.options != null) state.notice = `${state.notice ? `${state.notice} ` : ''}The options given were ${describe(given.options)}, not an object; they were left out.`;
    }
    editor.showPlan();
  }

  /** @returns {LaunchState} */
  function getState() {
    return { plan: clone(state.plan), options: clone(state.options) };
  }

  /**
   * Checks the plan now and shows the report, or the problems (keeping the last good report).
   * @param {boolean} notify tell the host (a change the user made)
   */
  function runNow(notify) {
    clearTimeout(state.timer);
    /** @type {LaunchReport | null} */
    let result = null;
    try {
      // The plan is JSON of any shape: checkLaunch judges it, and throws its problems.
      result = check(/** @type {LaunchPlan} */ (/** @type {unknown} */ (state.plan)), state.options);
      state.problems = [];
      state.runError = '';
    } catch (error) {
      state.problems = errorProblems(error) ?? [];
      state.runError = state.problems.length ? '' : `The check failed: ${errorMessage(error)}`;
    }
    if (result) {
      state.lastReport = result;
      state.stale = false;
      report.show(result);
    } else {
      state.stale = true;
      if (!state.lastReport) report.showNoResult();
    }
    report.showStale(state.stale && !!state.lastReport);
    editor.showProblems();
    review?.update();
    if (notify && typeof onChange === 'function') {
      try {
        onChange(getState(), { report: result, problems: [...state.problems], stale: state.stale });
      } catch (e) {
        console.error('mountLaunch onChange failed', e); // the host's error, not the view's
      }
    }
  }

  load(initial ?? (sampleLaunchPlan ? sampleLaunchPlan() : { plan: { productName: '', launchDate: '' }, options: {} }));
  runNow(false);

  return {
    /** The plan and options as they are now (copies). */
    getState,
    /** Replaces the plan and options and re-runs the check at once; does not call onChange. */
    setState(st) { load(st); runNow(false); },
    /** Re-runs the check on the current plan at once; does not call onChange. */
    rerun() { runNow(false); },
    /** The last report that checked without problems (null before the first). */
    getReport: () => state.lastReport,
    /** The last launch review shown (null before the first, or without reviewLaunch). */
    getReview: () => review?.getReview() ?? null,
    /** The view's root element. */
    element: root,
  };
}
