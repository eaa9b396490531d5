// The launch-readiness view: an editor for a launch plan (a form a product
// manager can fill without writing JSON, and a JSON sub-tab) and what
// checkLaunch() found: status with its reasons, days to launch, the
// coordination score and its derivation, the timeline as an SVG chart (with a
// data table), dependency checks, loops, the critical path, messaging per
// feature, success metrics, recommendations and sources.
//
// The plan object is the single source of truth: every input writes into it
// and the check re-runs (debounced). Bad input: the library's problems are
// shown next to the inputs their paths name (`milestones[2].date`,
// `featureMessaging[0].keyBenefits[1]`), the rest in a box at the top, and
// the last good result stays visible, marked stale. Every text from the plan
// becomes a text node (never markup). Styles: views/launch.css (classes
// `mv-launch-`), on top of views/views.css.
import { h, fmt, fmt1, fmtPct, svg as s, setupTabs } from '../lib/dom.js';
import { chartWidth } from '../lib/charts.js';
import { dataTable, panel, figureRow, verdictBadge } from '../lib/widgets.js';
import {
  STATUS_LABELS, STATUS_TONES, LEVEL_LABELS, STATE_LABELS, dayNumber, isoDate, fmtDate, fmtDayShort, fmtDayLong,
  fmtMonth, plural, daysToLaunchText, offsetLabel, milestoneMarker,
} from '../lib/launch-card.js';

const DEBOUNCE_MS = 120;
/** Below this figure width the timeline is drawn vertically (phones). */
const NARROW = 540;
/** More dependency pairs than this and the chart leaves the arrows out (the list has them all). */
const MAX_ARROWS = 80;
const CHAR_W = 6.6;

/** The library's default timeline (docs/methodology.md, "The default timeline"). */
const DEFAULT_TIMELINE = [
  { name: 'Feature freeze', offsetDays: -14 },
  { name: 'Marketing campaign', offsetDays: -7 },
  { name: 'Launch', offsetDays: 0 },
  { name: 'Launch review', offsetDays: 30, critical: false },
];
const DEFAULT_DEPENDENCIES = [
  { milestone: 'Marketing campaign', dependsOn: 'Feature freeze' },
  { milestone: 'Launch', dependsOn: 'Marketing campaign' },
  { milestone: 'Launch review', dependsOn: 'Launch' },
];
const TARGETS = [
  { key: 'adoption', label: 'Adoption', unit: 'fraction 0..1', def: 0.36, help: 'share of new accounts that activate' },
  { key: 'revenueImpact', label: 'Revenue impact', unit: 'currency units', def: null, help: 'new revenue attributed to the launch' },
  { key: 'satisfaction', label: 'Satisfaction (CSAT)', unit: 'fraction 0..1', def: 0.7, help: 'share of satisfied answers' },
  { key: 'featureUsage', label: 'Feature usage', unit: 'fraction 0..1', def: 0.245, help: 'share of users who use the launched features' },
];
const DEP_STATUS = {
  ok: 'OK', unknown_milestone: 'Unknown milestone', cycle: 'In a loop', misordered: 'Misordered',
};
const MSG_STATUS = { aligned: ['Aligned', 'good'], needs_review: ['Needs review', 'warn'], misaligned: ['Misaligned', 'bad'] };
const LEVEL_TONES = { blocker: 'bad', attention: 'warn', advice: 'neutral' };
const COMPONENT_LABELS = {
  dependencies: 'Dependencies', schedule: 'Schedule', messaging: 'Messaging', channels: 'Channels', audience: 'Audience',
};

let counter = 0;
const uid = (prefix) => `mv-launch-${prefix}-${++counter}`;
const isPlain = (v) => v != null && typeof v === 'object' && !Array.isArray(v);
const clone = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
const textOf = (v) => (v == null ? '' : typeof v === 'string' ? v : JSON.stringify(v));
const round = (n) => Math.round(n * 10) / 10;
const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
const ellipsize = (text, max) => (text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text);

function describe(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the text ${JSON.stringify(ellipsize(v, 40))}`;
  return `${typeof v} ${String(v)}`;
}


/** `milestones[2].dependsOn[1]` -> ['milestones', 2, 'dependsOn', 1]. */
function parsePath(path) {
  const out = [];
  for (const m of String(path).matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] != null ? Number(m[2]) : m[1]);
  return out;
}

/** The parent path: `a[1].b` -> `a[1]`, `a[1]` -> `a`, `a` -> ''. */
const parentPath = (p) => p.replace(/(\.[^.[\]]+|\[\d+\])$/, '') === p ? '' : p.replace(/(\.[^.[\]]+|\[\d+\])$/, '');

/** One problem of the library's error in words. */
function problemWords(p) {
  let line = `${p.value ?? ''}`;
  if (p.expected) line += `${line ? '; ' : ''}expected ${p.expected}`;
  if (p.hint) line += ` (${p.hint})`;
  return line;
}

/** `did you mean "X"?` -> X (only when one name is suggested). */
function suggestion(hint) {
  const m = /^did you mean ("(?:[^"\\]|\\.)*")\?$/.exec(String(hint ?? ''));
  if (!m) return null;
  try { return JSON.parse(m[1]); } catch { return null; }
}

/**
 * Mounts the launch-readiness view into `container` (its children are replaced).
 *
 * @param {HTMLElement} container
 * @param {object} o
 * @param {(plan: object, options?: object) => object} o.checkLaunch  the library's checkLaunch
 * @param {() => { plan: object, options: object }} [o.sampleLaunchPlan]  the library's sampleLaunchPlan
 *   (the starting plan when no state is given, and the "Load sample" button)
 * @param {{ plan: object, options?: { asOf?: string } }} [o.state]  the plan to start with
 * @param {(state: { plan: object, options: object }, info: { report: object | null, problems: object[], stale: boolean }) => void} [o.onChange]
 *   called after every change the user makes (once the debounced check has run), with the new state;
 *   not called for setState() or rerun()
 * @returns {{ getState(): { plan: object, options: object }, setState(state: object): void, rerun(): void,
 *   getReport(): object | null, element: HTMLElement }}
 */
export function mountLaunch(container, { checkLaunch, sampleLaunchPlan, state, onChange } = {}) {
  if (typeof checkLaunch !== 'function') throw new TypeError('mountLaunch: checkLaunch (the library function) is required');

  let plan = {};
  let options = {};
  let lastReport = null;
  let problems = [];
  let runError = '';
  let notice = '';
  let stale = false;
  let timer = 0;
  let jsonDirty = true;
  /** path -> { input, err, list } for showing problems and findings next to their inputs */
  const fields = new Map();
  /** milestone row path -> element showing its computed date and state */
  const computed = new Map();
  /** messaging path (`featureMessaging[k]` / `newFeatures[i]`) -> status element */
  const msgStatus = new Map();
  let marked = [];
  let tableOpen = false;
  /** The timeline's ResizeObserver: one at a time (a re-run replaces the figure). */
  let timelineObserver = null;
  let problemsShown = '';

  // ------------------------------------------------------------ skeleton

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
    milestones: section('Milestones', 'milestones', 'A date, or whole days from the launch (-14 = two weeks before). Critical unless unticked.'),
    dependencies: section('Dependencies', 'dependencies', 'A milestone and the milestones that must come before it.'),
    targets: section('Success-metric targets', 'targets', 'Measured at the launch review, 30 days after the launch. Empty: the default.'),
  };
  const PREFIXES = {
    basics: ['productName', 'launchDate', 'options', 'targetAudience', 'marketingChannels'],
    features: ['newFeatures'],
    messaging: ['featureMessaging'],
    milestones: ['milestones'],
    dependencies: ['dependencies'],
    targets: ['successMetrics'],
  };
  const RENDER = {
    basics: renderBasics, features: renderFeatures, messaging: renderMessaging,
    milestones: renderMilestones, dependencies: renderDependencies, targets: renderTargets,
  };

  const form = h('form', { class: 'mv-launch-form', novalidate: true, 'data-testid': 'launch-form', onsubmit: (e) => { e.preventDefault(); runNow(true); } },
    Object.values(sections).map((x) => x.el));
  const formPanel = h('div', { id: formPanelId, role: 'tabpanel', 'aria-labelledby': formTabId, class: 'mv-launch-tabpanel' }, form, datalist);

  const jsonInput = h('textarea', {
    id: uid('json'), class: 'mv-launch-json', rows: 18, spellcheck: 'false', 'data-testid': 'launch-json',
    autocapitalize: 'off', autocomplete: 'off',
  });
  const jsonProblems = h('div', { class: 'mv-launch-json-problems', id: uid('jsonerr'), 'data-testid': 'launch-json-problems', hidden: true });
  jsonInput.setAttribute('aria-describedby', jsonProblems.id);
  const jsonStatus = h('p', { class: 'mv-launch-hint', role: 'status', 'data-testid': 'launch-json-status' });
  const jsonPanel = h('div', { id: jsonPanelId, role: 'tabpanel', 'aria-labelledby': jsonTabId, class: 'mv-launch-tabpanel', hidden: true },
    h('label', { for: jsonInput.id, class: 'mv-launch-label' }, 'The whole plan as JSON (the shape of ', h('code', { text: 'sampleLaunchPlan().plan' }), '); it is checked as you type'),
    jsonInput, jsonProblems,
    h('div', { class: 'mv-launch-buttons' },
      h('button', { type: 'button', class: 'mv-launch-button', 'data-testid': 'launch-json-copy', onclick: copyJson }, 'Copy JSON'),
      h('button', { type: 'button', class: 'mv-launch-button mv-launch-secondary', onclick: () => { refillJson(true); jsonStatus.textContent = 'Reset to the current plan.'; } }, 'Revert to the current plan')),
    jsonStatus);

  const editorTitleId = uid('h');
  const editor = h('section', { class: 'mv-launch-editor', 'aria-labelledby': editorTitleId, 'data-testid': 'launch-editor' },
    h('div', { class: 'mv-launch-editor-head' },
      h('h2', { id: editorTitleId, text: 'Launch plan' }),
      h('div', { class: 'mv-launch-buttons' },
        sampleLaunchPlan ? h('button', { type: 'button', class: 'mv-launch-button mv-launch-secondary', 'data-testid': 'launch-load-sample', onclick: () => userSetState(sampleLaunchPlan()) }, 'Load sample') : null,
        h('button', { type: 'button', class: 'mv-launch-button mv-launch-secondary', 'data-testid': 'launch-clear', onclick: () => userSetState({ plan: { productName: '', launchDate: '' }, options }) }, 'New empty plan'))),
    problemsBox,
    h('div', { class: 'mv-launch-tabs', role: 'tablist', 'aria-label': 'How to edit the plan' }, formTab, jsonTab),
    formPanel, jsonPanel);

  const resultsTitleId = uid('h');
  const staleBanner = h('p', { class: 'mv-launch-stale-banner', 'data-testid': 'launch-stale', hidden: true },
    'Out of date: this is the result of the last valid plan. Fix the problems in the plan to update it.');
  const resultsBody = h('div', { class: 'mv-launch-results-body' });
  const results = h('section', { class: 'mv-launch-results', 'aria-labelledby': resultsTitleId, 'data-testid': 'launch-results' },
    h('h2', { id: resultsTitleId, text: 'Launch readiness' }), staleBanner, resultsBody);

  const root = h('div', { class: 'mv-view mv-launch', 'data-testid': 'launch-view' }, h('div', { class: 'mv-launch-layout' }, editor, results));
  container.replaceChildren(root);

  const selectTab = setupTabs([[formTab, formPanel], [jsonTab, jsonPanel]], (tab) => { if (tab === jsonTab) refillJson(false); });
  jsonInput.addEventListener('input', () => {
    jsonStatus.textContent = '';
    clearTimeout(timer);
    timer = setTimeout(applyJsonText, DEBOUNCE_MS);
  });


  // ------------------------------------------------------------ state

  function load(st) {
    notice = '';
    const given = isPlain(st) ? st : {};
    if (isPlain(given.plan)) {
      plan = clone(given.plan);
    } else {
      plan = { productName: '', launchDate: '' };
      if (given.plan !== undefined) notice = `The launch plan given was ${describe(given.plan)}, not an object; starting from an empty plan.`;
    }
    if (isPlain(given.options)) options = clone(given.options);
    else {
      options = {};
      if (given.options != null) notice = `${notice ? `${notice} ` : ''}The options given were ${describe(given.options)}, not an object; they were left out.`;
    }
    for (const name of Object.keys(sections)) renderSection(name);
    jsonDirty = true;
    if (!jsonPanel.hidden) refillJson(true);
  }

  function getState() {
    return { plan: clone(plan), options: clone(options) };
  }

  function userSetState(st) {
    load(st);
    runNow(true);
  }

  // ------------------------------------------------------------ running

  function changed() {
    jsonDirty = true;
    clearTimeout(timer);
    timer = setTimeout(() => runNow(true), DEBOUNCE_MS);
  }

  function runNow(notify) {
    clearTimeout(timer);
    let report = null;
    try {
      report = checkLaunch(plan, options);
      problems = [];
      runError = '';
    } catch (error) {
      problems = Array.isArray(error?.problems) ? error.problems : [];
      runError = problems.length ? '' : `The check failed: ${error?.message ?? error}`;
    }
    if (report) {
      lastReport = report;
      stale = false;
      renderResults(report);
    } else {
      stale = true;
      if (!lastReport) {
        resultsBody.replaceChildren(h('p', { class: 'mv-launch-empty', 'data-testid': 'launch-no-result',
          text: 'No result yet: the plan has problems (listed above). Fix them and the readiness check appears here.' }));
      }
    }
    results.dataset.stale = String(stale && !!lastReport);
    staleBanner.hidden = !(stale && lastReport);
    renderProblems();
    applyInline();
    if (notify && typeof onChange === 'function') {
      try {
        onChange(getState(), { report, problems: [...problems], stale });
      } catch (e) {
        console.error('mountLaunch onChange failed', e); // the host's error, not the view's
      }
    }
  }

  // ------------------------------------------------------------ problems next to inputs

  function reg(path, input, err, extra = {}) {
    fields.set(path, { input, err, ...extra });
    if (input && /^(INPUT|SELECT|TEXTAREA)$/.test(input.tagName) && !input.dataset.path) input.dataset.path = path;
  }

  function unregister(prefixes) {
    for (const key of [...fields.keys()]) {
      if (prefixes.some((p) => key === p || key.startsWith(`${p}[`) || key.startsWith(`${p}.`))) fields.delete(key);
    }
    for (const map of [computed, msgStatus]) {
      for (const key of [...map.keys()]) if (prefixes.some((p) => key.startsWith(`${p}[`))) map.delete(key);
    }
  }

  /** The registered field a path concerns: itself, else its nearest registered parent. */
  function target(path) {
    let p = String(path ?? '');
    while (p) {
      const t = fields.get(p);
      if (t && t.input?.isConnected !== false) return { ...t, path: p };
      p = parentPath(p);
    }
    return null;
  }

  function errorFor(path) {
    return h('div', { class: 'mv-launch-field-msgs', id: uid('err'), hidden: true, 'data-error-for': path, 'data-testid': 'field-error' });
  }

  function addMessage(t, kind, nodes) {
    t.err.append(h('p', { class: `mv-launch-msg mv-launch-msg-${kind}` }, nodes));
    t.err.hidden = false;
    if (!marked.includes(t)) marked.push(t);
  }

  /** "line 3" for the i-th entry of a one-per-line list. */
  function lineOf(textarea, index) {
    let seen = -1;
    const lines = textarea.value.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (lines[i].trim()) seen++;
      if (seen === index) return i + 1;
    }
    return index + 1;
  }

  function applyInline() {
    for (const t of marked) {
      t.err.replaceChildren();
      t.err.hidden = true;
      t.input?.removeAttribute('aria-invalid');
    }
    marked = [];
    for (const p of problems) {
      const t = target(p.path);
      if (!t) continue;
      const rest = p.path === t.path ? '' : p.path.slice(t.path.length).replace(/^\./, '');
      let prefix = '';
      if (t.list && /^\[\d+\]/.test(rest)) prefix = `Line ${lineOf(t.input, Number(/^\[(\d+)\]/.exec(rest)[1]))}: `;
      else if (rest) prefix = `${rest}: `;
      // A path registered on another field's input (offsetDays on the date input): name it.
      else if (t.input?.dataset.path && t.input.dataset.path !== p.path) prefix = `${p.path.replace(/^.*\./, '')}: `;
      // Both a date and an offset: offer to keep the one the form shows.
      let keep = null;
      const both = /^(milestones\[\d+\])\.offsetDays$/.exec(p.path);
      if (both && /either date or offsetDays/.test(p.expected ?? '')) {
        const item = parsePath(both[1]).reduce((o, k) => o?.[k], plan);
        if (isPlain(item)) {
          keep = h('button', {
            type: 'button', class: 'mv-launch-fix', 'data-testid': 'launch-fix',
            onclick: () => { delete item.offsetDays; rerender('milestones'); runNow(true); focusPath(`${both[1]}.date`); },
          }, 'Keep the date');
        }
      }
      // A date input the browser could not read (30 February, a missing year) reports an empty value.
      const words = t.input?.dataset.bad === '1' && !rest
        ? `the date typed is incomplete or is not a real day (is the day past the month's end?); expected ${p.expected ?? 'a calendar date'}`
        : `${prefix}${problemWords(p)}`;
      addMessage(t, 'error', [h('span', { class: 'mv-launch-msg-label', text: 'Problem: ' }), words, keep ? [' ', keep] : null]);
      t.input?.setAttribute('aria-invalid', 'true');
    }
    const report = !stale ? lastReport : null;
    // Findings of a current report, next to the inputs they concern.
    if (report) {
      const checksByPath = new Map((report.dependencies ?? []).filter((c) => c.path).map((c) => [c.path, c]));
      for (const rec of report.recommendations ?? []) {
        if (!rec.path) continue;
        const check = checksByPath.get(rec.path);
        let t = null;
        let fix = null;
        if (check && check.unknown?.length && !check.unknown.includes(check.dependsOn)) {
          // The dependent milestone's name is the unknown one.
          t = target(`${rec.path.replace(/\.dependsOn(\[\d+\])?$/, '')}.milestone`);
        } else {
          t = target(rec.path);
          const name = check && check.unknown?.length === 1 ? suggestion(check.hint) : null;
          if (name != null && check.unknown[0] === check.dependsOn) {
            fix = h('button', {
              type: 'button', class: 'mv-launch-fix', 'data-testid': 'launch-fix',
              onclick: () => { setAtPath(rec.path, name); renderSection('dependencies'); runNow(true); focusPath(rec.path); },
            }, `Use “${name}”`);
          }
        }
        if (!t) continue;
        addMessage(t, rec.level, [h('span', { class: 'mv-launch-msg-label', text: `${LEVEL_LABELS[rec.level] ?? rec.level}: ` }), rec.finding,
          check?.hint ? ` (${check.hint})` : '', fix ? [' ', fix] : null]);
      }
    }
    // Computed dates and states of the milestone rows.
    const byPath = new Map((report?.timeline ?? []).filter((m) => m.path).map((m) => [m.path, m]));
    for (const [path, el] of computed) {
      const m = byPath.get(path);
      el.textContent = m ? `${fmtDate(m.date)} (${offsetLabel(m.offsetDays)}) · ${STATE_LABELS[m.state] ?? m.state}` : '';
      el.dataset.state = m?.state ?? '';
    }
    const msgByPath = new Map((report?.messaging ?? []).map((m) => [m.path, m]));
    for (const [path, el] of msgStatus) {
      const m = msgByPath.get(path);
      const [label, tone] = m ? MSG_STATUS[m.status] ?? [m.status, 'neutral'] : ['', 'neutral'];
      el.textContent = label;
      el.className = m ? `mv-badge mv-badge-${tone}` : 'mv-launch-hidden-badge';
    }
  }

  function setAtPath(path, value) {
    const keys = parsePath(path);
    let obj = plan;
    for (const k of keys.slice(0, -1)) {
      if (obj == null || typeof obj !== 'object') return;
      obj = obj[k];
    }
    if (obj != null && typeof obj === 'object') obj[keys.at(-1)] = value;
  }

  function focusPath(path) {
    const t = target(path);
    if (!t?.input) return;
    if (formPanel.hidden) selectTab(formTab, false);
    t.input.focus({ preventScroll: true });
    t.input.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }

  function renderProblems() {
    // The box is a live region: rebuild it only when what it says changes, so it is not re-announced on every keystroke.
    const signature = JSON.stringify([notice, runError, problems, !!lastReport, problems.map((p) => !!target(p.path))]);
    if (signature === problemsShown) return;
    problemsShown = signature;
    const nodes = [];
    if (notice) nodes.push(h('p', { class: 'mv-launch-notice', text: notice }));
    if (runError) nodes.push(h('p', { class: 'mv-launch-problems-head', text: runError }));
    if (problems.length) {
      const near = problems.filter((p) => target(p.path)).length;
      nodes.push(h('p', { class: 'mv-launch-problems-head', 'data-testid': 'launch-problems-head' },
        `The plan has ${plural(problems.length, 'problem')}`,
        lastReport ? '; the result shows the last valid plan until they are fixed.' : '.',
        near ? ` ${near === problems.length ? (near === 1 ? 'It is' : 'All are') : `${near} are`} also shown next to ${near === 1 ? 'its field' : 'their fields'}.` : ''));
      nodes.push(h('ul', { class: 'mv-launch-problem-list' }, problems.slice(0, 50).map((p) => h('li', { 'data-problem-path': p.path },
        target(p.path)
          ? h('button', { type: 'button', class: 'mv-launch-path', title: 'Go to this field', onclick: () => focusPath(p.path) }, p.path || '(plan)')
          : h('code', { text: p.path || '(plan)' }),
        ' ', h('span', { text: problemWords(p) }))),
      problems.length > 50 ? h('li', { text: `and ${problems.length - 50} more` }) : null));
    }
    problemsBox.replaceChildren(...nodes);
    problemsBox.hidden = !nodes.length;
  }

  // ------------------------------------------------------------ tabs and JSON

  function refillJson(force) {
    if (!jsonDirty && !force) return;
    jsonInput.value = JSON.stringify(plan, null, 2);
    jsonDirty = false;
    showJsonProblems([]);
  }

  function showJsonProblems(lines) {
    jsonProblems.replaceChildren(...lines.map((l) => h('p', { text: l })));
    jsonProblems.hidden = !lines.length;
    if (lines.length) jsonInput.setAttribute('aria-invalid', 'true');
    else jsonInput.removeAttribute('aria-invalid');
  }

  function applyJsonText() {
    const text = jsonInput.value;
    let value;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const m = /position (\d+)/.exec(e.message);
      let where = '';
      if (m) {
        const before = text.slice(0, Number(m[1]));
        where = ` at line ${before.split('\n').length}, column ${Number(m[1]) - before.lastIndexOf('\n')}`;
      }
      showJsonProblems([`This is not valid JSON${where}: ${e.message.replace(/ in JSON at position \d+.*$/, '')}. The result below is from the last valid plan.`]);
      stale = !!lastReport;
      results.dataset.stale = String(stale);
      staleBanner.hidden = !stale;
      return;
    }
    if (!isPlain(value)) {
      showJsonProblems([`Expected one launch plan as a JSON object ({ "productName": ..., "launchDate": ..., ... }), not ${describe(value)}.`]);
      return;
    }
    showJsonProblems([]);
    plan = value;
    notice = '';
    for (const name of Object.keys(sections)) renderSection(name);
    jsonDirty = false; // the textarea is the plan as typed
    runNow(true);
  }

  async function copyJson() {
    refillJson(false);
    try {
      await navigator.clipboard.writeText(jsonInput.value);
      jsonStatus.textContent = 'Copied the plan as JSON.';
    } catch {
      jsonInput.focus();
      jsonInput.select();
      jsonStatus.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
    }
  }

  // ------------------------------------------------------------ form building blocks

  function section(title, name, note) {
    const legendId = uid('legend');
    const body = h('div', { class: 'mv-launch-section-body' });
    const el = h('fieldset', { class: `mv-launch-section mv-launch-section-${name}`, 'data-testid': `launch-section-${name}`, 'aria-labelledby': legendId },
      h('legend', { id: legendId, class: 'mv-launch-section-title', text: title }),
      note ? h('p', { class: 'mv-launch-hint', text: note }) : null,
      body);
    return { el, body };
  }

  function renderSection(name) {
    unregister(PREFIXES[name]);
    sections[name].body.replaceChildren(...[RENDER[name]()].flat().filter(Boolean));
    if (name === 'milestones') updateDatalist();
  }

  /** Re-renders sections after a structural change and re-shows the problems on the new inputs. */
  function rerender(...names) {
    for (const n of names) renderSection(n);
    renderProblems();
    applyInline();
  }

  /** A labelled input with its hint and its problem messages. `label` may be nodes. */
  function field(label, input, { hint, path, wide, list, className = '' } = {}) {
    if (!input.id) input.id = uid('in');
    const err = errorFor(path ?? '');
    const hintEl = hint ? h('p', { class: 'mv-launch-hint', id: uid('hint'), text: hint }) : null;
    input.setAttribute('aria-describedby', [hintEl?.id, err.id].filter(Boolean).join(' '));
    if (path) reg(path, input, err, { list: !!list });
    return h('div', { class: `mv-launch-field${wide ? ' mv-launch-wide' : ''} ${className}`.trim() },
      h('label', { for: input.id, class: 'mv-launch-label' }, label), input, hintEl, err);
  }

  /** A label with hidden row context: "Milestone 3: " + visible "Name". */
  const rowLabel = (context, text) => [h('span', { class: 'mv-visually-hidden', text: `${context}: ` }), text];

  function textInput(value, onInput, attrs = {}) {
    return h('input', { type: 'text', value: textOf(value), autocomplete: 'off', oninput: (e) => onInput(e.target.value, e.target), ...attrs });
  }

  function dateInput(value, onInput, attrs = {}) {
    const el = h('input', { type: 'date', value: dayNumber(value) != null ? value : '', min: '1000-01-01', max: '9999-12-31', ...attrs });
    el.addEventListener('input', () => {
      el.dataset.bad = el.validity.badInput ? '1' : '';
      onInput(el.value, el.validity.badInput);
    });
    return el;
  }

  /** A one-per-line list (audiences, channels, benefits). */
  function listInput(value, onInput, attrs = {}) {
    const text = Array.isArray(value) ? value.map(textOf).join('\n') : textOf(value);
    const el = h('textarea', { rows: Math.min(8, Math.max(2, text.split('\n').length + 1)), spellcheck: 'true', ...attrs });
    el.value = text;
    el.addEventListener('input', () => onInput(el.value.split('\n').filter((l) => l.trim())));
    return el;
  }

  function button(text, onclick, attrs = {}) {
    return h('button', { type: 'button', class: 'mv-launch-button mv-launch-secondary', onclick, ...attrs }, text);
  }

  /** "Remove milestone" visibly; "Remove milestone 3: Launch" for screen readers (starts with the visible text). */
  function removeButton(what, onclick, path) {
    const kind = /^[a-z]+( entry)?/i.exec(what)?.[0] ?? '';
    return h('button', {
      type: 'button', class: 'mv-launch-remove', 'aria-label': `Remove ${what}`, 'data-testid': 'launch-remove', 'data-remove': path, onclick,
    }, `Remove ${kind}`.trim());
  }

  /** A part of the plan the form cannot edit (wrong type): say so, offer to replace it. */
  function badValue(path, value, what, replace) {
    const err = errorFor(path);
    const fixButton = button(`Replace it with ${what === 'a list' ? 'an empty list' : 'an empty object'}`, () => { replace(); changed(); });
    reg(path, fixButton, err);
    return h('div', { class: 'mv-launch-bad' },
      h('p', {}, h('code', { text: path }), ` holds ${describe(value)}, not ${what}, so the form cannot edit it. Fix it in the JSON tab, or:`),
      fixButton, err);
  }

  // ------------------------------------------------------------ sections

  function renderBasics() {
    const name = field('Product name', textInput(plan.productName, (v) => { plan.productName = v; changed(); }, { 'data-testid': 'launch-product-name' }),
      { path: 'productName', wide: true });
    const launchDate = field('Launch date', dateInput(plan.launchDate, (v) => { plan.launchDate = v; changed(); }, { 'data-testid': 'launch-date' }),
      { path: 'launchDate' });
    const asOf = field('Checked as of', dateInput(options.asOf, (v, bad) => {
      if (!v && !bad) delete options.asOf;
      else options.asOf = v;
      changed();
    }, { 'data-testid': 'launch-as-of' }), { path: 'options.asOf', hint: 'The day the plan is checked on ("today"). Empty: overdue and days-to-launch checks are skipped.' });
    const audience = field('Target audience, one per line', listInput(plan.targetAudience, (lines) => {
      if (lines.length) plan.targetAudience = lines; else delete plan.targetAudience;
      changed();
    }, { 'data-testid': 'launch-audience' }), { path: 'targetAudience', list: true, wide: true });
    const channels = field('Marketing channels, one per line', listInput(plan.marketingChannels, (lines) => {
      if (lines.length) plan.marketingChannels = lines; else delete plan.marketingChannels;
      changed();
    }, { 'data-testid': 'launch-channels' }), { path: 'marketingChannels', list: true, wide: true, hint: 'Three or more: test the most promising channels in parallel (Bullseye framework).' });
    // Problems about the plan as a whole or about options other than asOf go to the box at the top.
    return h('div', { class: 'mv-launch-grid' }, name, launchDate, asOf, audience, channels);
  }

  function featureList() {
    return Array.isArray(plan.newFeatures) ? plan.newFeatures : [];
  }
  const featureId = (f) => (typeof f === 'string' ? f : isPlain(f) ? textOf(f.id) : '');
  const featureName = (f) => (isPlain(f) && typeof f.name === 'string' && f.name.trim() ? f.name : '');

  function renderFeatures() {
    if (plan.newFeatures !== undefined && !Array.isArray(plan.newFeatures)) {
      return badValue('newFeatures', plan.newFeatures, 'a list', () => { plan.newFeatures = []; rerender('features', 'messaging'); });
    }
    const list = featureList();
    const rows = list.map((item, i) => {
      const path = `newFeatures[${i}]`;
      const context = `Feature ${i + 1}`;
      const rowErr = errorFor(path);
      if (typeof item !== 'string' && !isPlain(item)) {
        const rm = removeButton(`feature ${i + 1}`, () => removeFeature(i), path);
        reg(path, rm, rowErr);
        return h('li', { class: 'mv-launch-row', 'data-testid': 'launch-feature-row' },
          h('p', { class: 'mv-launch-bad-row', text: `${context} is ${describe(item)}, not a feature id or { id, name }.` }), rm, rowErr);
      }
      let linked = [];
      const idInput = textInput(featureId(item), (v) => {
        if (typeof plan.newFeatures[i] === 'string') plan.newFeatures[i] = v;
        else plan.newFeatures[i].id = v;
        for (const e of linked) e.featureId = v;
        renderSection('messaging');
        changed();
      }, { 'data-testid': 'launch-feature-id', spellcheck: 'false' });
      idInput.addEventListener('focus', () => {
        const id = featureId(plan.newFeatures[i]);
        const sameId = list.filter((f) => featureId(f) === id).length;
        linked = sameId === 1 && Array.isArray(plan.featureMessaging) ? plan.featureMessaging.filter((e) => isPlain(e) && e.featureId === id) : [];
      });
      const nameInput = textInput(isPlain(item) ? item.name : '', (v) => {
        const cur = plan.newFeatures[i];
        if (typeof cur === 'string') {
          if (v) plan.newFeatures[i] = { id: cur, name: v };
        } else if (v) cur.name = v;
        else delete cur.name;
        renderSection('messaging');
        changed();
      }, { 'data-testid': 'launch-feature-name' });
      const idField = field(rowLabel(context, 'Id'), idInput, { path: typeof item === 'string' ? `${path}` : `${path}.id` });
      if (typeof item === 'string') reg(`${path}.id`, idInput, fields.get(path).err);
      const nameField = field(rowLabel(context, 'Name'), nameInput, { path: `${path}.name` });
      reg(path, idInput, typeof item === 'string' ? fields.get(path).err : rowErr);
      return h('li', { class: 'mv-launch-row mv-launch-feature', 'data-testid': 'launch-feature-row' },
        idField, nameField,
        removeButton(`feature ${i + 1}${featureId(item) ? `: ${featureId(item)}` : ''}`, () => removeFeature(i), path),
        typeof item === 'string' ? null : rowErr);
    });
    return [
      rows.length ? h('ol', { class: 'mv-launch-rows' }, rows) : h('p', { class: 'mv-launch-hint', text: 'No features listed: the messaging checks have nothing to check.' }),
      button('Add feature', addFeature, { 'data-testid': 'launch-add-feature' }),
    ];
  }

  function addFeature() {
    if (!Array.isArray(plan.newFeatures)) plan.newFeatures = [];
    const ids = new Set(plan.newFeatures.map((f) => featureId(f).toLowerCase()));
    let n = plan.newFeatures.length + 1;
    while (ids.has(`feature${n}`)) n++;
    plan.newFeatures.push({ id: `feature${n}`, name: `Feature ${n}` });
    rerender('features', 'messaging');
    changed();
    focusPath(`newFeatures[${plan.newFeatures.length - 1}].id`);
  }

  function removeFeature(i) {
    const [gone] = plan.newFeatures.splice(i, 1);
    const id = featureId(gone);
    // Its messaging goes with it, unless another feature has the same id.
    if (id && Array.isArray(plan.featureMessaging) && !plan.newFeatures.some((f) => featureId(f) === id)) {
      plan.featureMessaging = plan.featureMessaging.filter((e) => !(isPlain(e) && e.featureId === id));
    }
    rerender('features', 'messaging');
    changed();
    focusAfterRemove('newFeatures', i, 'launch-add-feature');
  }

  function focusAfterRemove(prefix, i, addTestId) {
    const next = form.querySelector(`[data-testid="launch-remove"][data-remove="${prefix}[${i}]"]`)
      ?? form.querySelector(`[data-testid="launch-remove"][data-remove="${prefix}[${i - 1}]"]`)
      ?? form.querySelector(`[data-testid="${addTestId}"]`);
    next?.focus();
  }

  function renderMessaging() {
    if (plan.featureMessaging !== undefined && !Array.isArray(plan.featureMessaging)) {
      return badValue('featureMessaging', plan.featureMessaging, 'a list', () => { plan.featureMessaging = []; rerender('messaging'); });
    }
    const entries = Array.isArray(plan.featureMessaging) ? plan.featureMessaging : [];
    const used = new Set();
    const blocks = [];
    featureList().forEach((f, fi) => {
      const id = featureId(f);
      const label = featureName(f) ? `${featureName(f)} (${id})` : id || `Feature ${fi + 1}`;
      const matches = id ? entries.map((e, k) => [e, k]).filter(([e, k]) => !used.has(k) && isPlain(e) && e.featureId === id) : [];
      if (!matches.length) {
        const status = h('span', { class: 'mv-launch-hidden-badge' });
        msgStatus.set(`newFeatures[${fi}]`, status);
        blocks.push(h('li', { class: 'mv-launch-msg-block mv-launch-msg-missing', 'data-testid': 'launch-messaging-block' },
          h('div', { class: 'mv-launch-block-head' }, h('h3', { text: label }), status),
          h('p', { class: 'mv-launch-hint', text: 'No messaging for this feature yet.' }),
          button(`Add messaging for ${label}`, () => {
            if (!Array.isArray(plan.featureMessaging)) plan.featureMessaging = [];
            plan.featureMessaging.push({ featureId: id, messaging: '', positioning: '', keyBenefits: [] });
            rerender('messaging');
            changed();
            focusPath(`featureMessaging[${plan.featureMessaging.length - 1}].messaging`);
          }, { 'data-testid': 'launch-add-messaging', disabled: !id })));
      }
      matches.forEach(([e, k], n) => {
        used.add(k);
        blocks.push(messagingBlock(e, k, n ? `${label}: entry ${n + 1}` : label, false));
      });
    });
    entries.forEach((e, k) => { if (!used.has(k)) blocks.push(messagingBlock(e, k, `Messaging entry ${k + 1}`, true)); });
    return blocks.length ? h('ul', { class: 'mv-launch-msg-blocks' }, blocks)
      : h('p', { class: 'mv-launch-hint', text: 'Add features first: each gets its messaging here.' });
  }

  function messagingBlock(entry, k, label, orphan) {
    const path = `featureMessaging[${k}]`;
    const blockErr = errorFor(path);
    if (!isPlain(entry)) {
      const rm = removeButton(`messaging entry ${k + 1}`, () => removeMessaging(k), path);
      reg(path, rm, blockErr);
      return h('li', { class: 'mv-launch-msg-block', 'data-testid': 'launch-messaging-block' },
        h('p', { class: 'mv-launch-bad-row', text: `Messaging entry ${k + 1} is ${describe(entry)}, not { featureId, messaging, positioning, keyBenefits }.` }), rm, blockErr);
    }
    const status = h('span', { class: 'mv-launch-hidden-badge' });
    msgStatus.set(path, status);
    const context = `Messaging for ${label}`;
    const parts = [];
    if (orphan) {
      parts.push(field(rowLabel(context, 'Feature id'), textInput(entry.featureId, (v) => { entry.featureId = v; changed(); }, { spellcheck: 'false' }),
        { path: `${path}.featureId`, hint: 'Not the id of any feature above: correct it, or remove this entry.' }));
    }
    const messaging = h('textarea', { rows: 2, 'data-testid': 'launch-messaging-text' });
    messaging.value = textOf(entry.messaging);
    messaging.addEventListener('input', () => { entry.messaging = messaging.value; changed(); });
    parts.push(field(rowLabel(context, 'Messaging'), messaging, { path: `${path}.messaging`, wide: true }));
    parts.push(field(rowLabel(context, 'Positioning'), textInput(entry.positioning, (v) => { entry.positioning = v; changed(); }), { path: `${path}.positioning`, wide: true }));
    parts.push(field(rowLabel(context, 'Key benefits, one per line'), listInput(entry.keyBenefits, (lines) => { entry.keyBenefits = lines; changed(); }),
      { path: `${path}.keyBenefits`, list: true, wide: true }));
    const first = orphan ? fields.get(`${path}.featureId`).input : messaging;
    reg(path, first, blockErr);
    if (!orphan) reg(`${path}.featureId`, first, blockErr);
    return h('li', { class: 'mv-launch-msg-block', 'data-testid': 'launch-messaging-block' },
      h('div', { class: 'mv-launch-block-head' }, h('h3', { text: label }), status,
        removeButton(`messaging for ${label}`, () => removeMessaging(k), path)),
      blockErr,
      h('div', { class: 'mv-launch-grid' }, parts));
  }

  function removeMessaging(k) {
    plan.featureMessaging.splice(k, 1);
    rerender('messaging');
    changed();
    form.querySelector('[data-testid="launch-section-messaging"] button')?.focus();
  }

  function milestoneList() {
    return Array.isArray(plan.milestones) ? plan.milestones : [];
  }
  const launchDay = () => dayNumber(plan.launchDate);

  function renderMilestones() {
    if (plan.milestones !== undefined && !Array.isArray(plan.milestones)) {
      return badValue('milestones', plan.milestones, 'a list', () => { plan.milestones = []; rerender('milestones'); });
    }
    const list = milestoneList();
    if (!list.length) {
      return [
        h('p', { class: 'mv-launch-hint', 'data-testid': 'launch-default-timeline' },
          'No milestones: the default timeline is used (feature freeze 14 days before the launch, marketing campaign 7 days before, the launch, and a launch review 30 days after; all critical but the review). Adding a milestone replaces it.'),
        h('div', { class: 'mv-launch-buttons' },
          button('Edit the default milestones', () => {
            plan.milestones = clone(DEFAULT_TIMELINE);
            if (plan.dependencies === undefined) plan.dependencies = clone(DEFAULT_DEPENDENCIES);
            rerender('milestones', 'dependencies');
            changed();
            focusPath('milestones[0].name');
          }, { 'data-testid': 'launch-edit-defaults' }),
          button('Add milestone', addMilestone, { 'data-testid': 'launch-add-milestone' })),
      ];
    }
    const rows = list.map((item, i) => milestoneRow(item, i));
    return [h('ol', { class: 'mv-launch-rows' }, rows), button('Add milestone', addMilestone, { 'data-testid': 'launch-add-milestone' })];
  }

  function milestoneRow(item, i) {
    const path = `milestones[${i}]`;
    const rowErr = errorFor(path);
    if (!isPlain(item)) {
      const rm = removeButton(`milestone ${i + 1}`, () => removeMilestone(i), path);
      reg(path, rm, rowErr);
      return h('li', { class: 'mv-launch-row', 'data-testid': 'launch-milestone-row' },
        h('p', { class: 'mv-launch-bad-row', text: `Milestone ${i + 1} is ${describe(item)}, not { name, date or offsetDays, ... }.` }), rm, rowErr);
    }
    const context = `Milestone ${i + 1}`;
    // Renaming a milestone renames it in the dependencies too: the references are those that
    // named it when the field got focus (so names typed on the way cannot capture others).
    let refs = [];
    const nameInput = textInput(item.name, (v) => {
      item.name = v;
      for (const r of refs) r.set(v);
      updateDatalist();
      if (refs.length) renderSection('dependencies');
      changed();
    }, { 'data-testid': 'launch-milestone-name' });
    nameInput.addEventListener('focus', () => { refs = referencesTo(item.name); });
    const nameField = field(rowLabel(context, 'Name'), nameInput, { path: `${path}.name`, className: 'mv-launch-field-name' });

    const mode = item.offsetDays !== undefined && item.date === undefined ? 'offset' : 'date';
    const modeSelect = h('select', { 'data-testid': 'launch-milestone-mode' },
      h('option', { value: 'date', selected: mode === 'date' }, 'Date'),
      h('option', { value: 'offset', selected: mode === 'offset' }, 'Offset'));
    modeSelect.addEventListener('change', () => {
      const launch = launchDay();
      if (modeSelect.value === 'offset') {
        const d = dayNumber(item.date);
        item.offsetDays = d != null && launch != null ? d - launch : 0;
        delete item.date;
      } else {
        const off = Number(item.offsetDays);
        item.date = launch != null && Number.isInteger(off) ? isoDate(launch + off) : (plan.launchDate && typeof plan.launchDate === 'string' ? plan.launchDate : '');
        delete item.offsetDays;
      }
      rerender('milestones');
      changed();
      form.querySelector(`[data-path="${path}.mode"]`)?.focus();
    });
    const modeField = field(rowLabel(context, 'When'), modeSelect, { className: 'mv-launch-field-mode' });
    modeSelect.dataset.path = `${path}.mode`;

    let whenInput;
    if (mode === 'date') {
      whenInput = dateInput(item.date, (v) => { item.date = v; changed(); }, { 'data-testid': 'launch-milestone-date' });
    } else {
      whenInput = h('input', { type: 'number', step: 1, min: -3650, max: 3650, inputmode: 'numeric', value: textOf(item.offsetDays), 'data-testid': 'launch-milestone-offset' });
      whenInput.addEventListener('input', () => {
        if (whenInput.value === '' && !whenInput.validity.badInput) item.offsetDays = '';
        else item.offsetDays = whenInput.validity.badInput ? '' : Number(whenInput.value);
        changed();
      });
    }
    const whenPath = mode === 'date' ? `${path}.date` : `${path}.offsetDays`;
    const whenField = field(rowLabel(context, mode === 'date' ? 'Date' : 'Days from launch'), whenInput, { path: whenPath, className: 'mv-launch-field-when' });
    // Problems about the other way of giving the date land on this input too ("either date or offsetDays").
    reg(mode === 'date' ? `${path}.offsetDays` : `${path}.date`, whenInput, fields.get(whenPath).err);
    const info = h('p', { class: 'mv-launch-computed', 'data-testid': 'launch-milestone-computed' });
    computed.set(path, info);
    whenInput.setAttribute('aria-describedby', `${whenInput.getAttribute('aria-describedby')} ${info.id = uid('info')}`);

    const critical = h('input', { type: 'checkbox', checked: item.critical !== false, 'data-testid': 'launch-milestone-critical' });
    critical.addEventListener('change', () => { if (critical.checked) delete item.critical; else item.critical = false; changed(); });
    const done = h('input', { type: 'checkbox', checked: item.done === true, 'data-testid': 'launch-milestone-done' });
    done.addEventListener('change', () => { if (done.checked) item.done = true; else delete item.done; changed(); });
    const checks = h('div', { class: 'mv-launch-checks' },
      checkbox(critical, rowLabel(context, 'Critical'), `${path}.critical`),
      checkbox(done, rowLabel(context, 'Done'), `${path}.done`));

    const owner = field(rowLabel(context, 'Owner'), textInput(item.owner, (v) => { if (v.trim()) item.owner = v; else delete item.owner; changed(); },
      { 'data-testid': 'launch-milestone-owner' }), { path: `${path}.owner` });
    reg(path, nameInput, rowErr);
    return h('li', { class: 'mv-launch-row mv-launch-milestone', 'data-testid': 'launch-milestone-row' },
      nameField, modeField, whenField, owner, checks, info,
      removeButton(`milestone ${i + 1}${textOf(item.name) ? `: ${textOf(item.name)}` : ''}`, () => removeMilestone(i), path),
      rowErr);
  }

  function checkbox(input, label, path) {
    input.id = uid('cb');
    const err = errorFor(path);
    input.setAttribute('aria-describedby', err.id);
    reg(path, input, err);
    return h('div', { class: 'mv-launch-check' }, input, h('label', { for: input.id }, label), err);
  }

  /** Setters for every place in the dependencies that names `name` exactly (none when the name is not unique). */
  function referencesTo(name) {
    if (typeof name !== 'string' || !name) return [];
    if (milestoneList().filter((m) => isPlain(m) && m.name === name).length !== 1) return [];
    const out = [];
    for (const d of Array.isArray(plan.dependencies) ? plan.dependencies : []) {
      if (!isPlain(d)) continue;
      if (d.milestone === name) out.push({ set: (v) => { d.milestone = v; } });
      if (d.dependsOn === name) out.push({ set: (v) => { d.dependsOn = v; } });
      if (Array.isArray(d.dependsOn)) d.dependsOn.forEach((n, j) => { if (n === name) out.push({ set: (v) => { d.dependsOn[j] = v; } }); });
    }
    return out;
  }

  function addMilestone() {
    const list = milestoneList();
    const names = new Set(list.map((m) => (isPlain(m) ? textOf(m.name).trim().toLowerCase() : '')));
    let name = 'New milestone';
    for (let n = 2; names.has(name.toLowerCase()); n++) name = `New milestone ${n}`;
    if (!Array.isArray(plan.milestones)) plan.milestones = [];
    plan.milestones.push({ name, offsetDays: 0 });
    rerender('milestones');
    changed();
    const input = fields.get(`milestones[${plan.milestones.length - 1}].name`)?.input;
    input?.focus();
    input?.select();
  }

  function removeMilestone(i) {
    plan.milestones.splice(i, 1);
    rerender('milestones');
    changed();
    focusAfterRemove('milestones', i, 'launch-add-milestone');
  }

  function milestoneNames() {
    const list = milestoneList();
    const names = list.length ? list.filter(isPlain).map((m) => textOf(m.name).trim()) : DEFAULT_TIMELINE.map((m) => m.name);
    return [...new Set(names.filter(Boolean))];
  }

  function updateDatalist() {
    datalist.replaceChildren(...milestoneNames().map((n) => h('option', { value: n })));
  }

  function renderDependencies() {
    if (plan.dependencies !== undefined && !Array.isArray(plan.dependencies)) {
      return badValue('dependencies', plan.dependencies, 'a list', () => { plan.dependencies = []; rerender('dependencies'); });
    }
    const list = Array.isArray(plan.dependencies) ? plan.dependencies : [];
    const intro = plan.dependencies === undefined && !milestoneList().length
      ? h('p', { class: 'mv-launch-hint', text: 'No dependencies given: each default milestone depends on the one before.' }) : null;
    const rows = list.map((d, k) => dependencyRow(d, k));
    return [intro, rows.length ? h('ol', { class: 'mv-launch-rows' }, rows) : null,
      button('Add dependency', () => {
        if (!Array.isArray(plan.dependencies)) plan.dependencies = [];
        plan.dependencies.push({ milestone: '', dependsOn: '' });
        rerender('dependencies');
        changed();
        focusPath(`dependencies[${plan.dependencies.length - 1}].milestone`);
      }, { 'data-testid': 'launch-add-dependency' })];
  }

  function dependencyRow(d, k) {
    const path = `dependencies[${k}]`;
    const rowErr = errorFor(path);
    const context = `Dependency ${k + 1}`;
    if (!isPlain(d)) {
      const rm = removeButton(`dependency ${k + 1}`, () => removeDependency(k), path);
      reg(path, rm, rowErr);
      return h('li', { class: 'mv-launch-row', 'data-testid': 'launch-dependency-row' },
        h('p', { class: 'mv-launch-bad-row', text: `${context} is ${describe(d)}, not { milestone, dependsOn }.` }), rm, rowErr);
    }
    const milestone = field(rowLabel(context, 'Milestone'), textInput(d.milestone, (v) => { d.milestone = v; changed(); },
      { list: datalistId, 'data-testid': 'launch-dependency-milestone' }), { path: `${path}.milestone` });
    const names = Array.isArray(d.dependsOn) ? d.dependsOn : [d.dependsOn];
    const ons = names.map((n, j) => {
      const p = Array.isArray(d.dependsOn) ? `${path}.dependsOn[${j}]` : `${path}.dependsOn`;
      const input = textInput(n, (v) => {
        if (Array.isArray(d.dependsOn)) d.dependsOn[j] = v; else d.dependsOn = v;
        changed();
      }, { list: datalistId, 'data-testid': 'launch-dependency-on' });
      const f = field(rowLabel(context, names.length > 1 ? `Depends on (${j + 1})` : 'Depends on'), input, { path: p });
      if (names.length > 1) {
        f.append(h('button', {
          type: 'button', class: 'mv-launch-remove mv-launch-remove-small', 'aria-label': `Remove ${context.toLowerCase()}, depends on ${j + 1}`,
          onclick: () => { d.dependsOn.splice(j, 1); rerender('dependencies'); changed(); focusPath(`${path}.dependsOn[${Math.max(0, j - 1)}]`); },
        }, 'Remove'));
      }
      return f;
    });
    if (!Array.isArray(d.dependsOn)) reg(`${path}.dependsOn[0]`, fields.get(`${path}.dependsOn`).input, fields.get(`${path}.dependsOn`).err);
    reg(path, fields.get(`${path}.milestone`).input, rowErr);
    return h('li', { class: 'mv-launch-row mv-launch-dependency', 'data-testid': 'launch-dependency-row' },
      milestone,
      h('div', { class: 'mv-launch-ons' }, ons,
        h('button', {
          type: 'button', class: 'mv-launch-button mv-launch-secondary mv-launch-small', 'data-testid': 'launch-add-depends-on',
          onclick: () => {
            d.dependsOn = Array.isArray(d.dependsOn) ? d.dependsOn : (d.dependsOn == null || d.dependsOn === '' ? [] : [d.dependsOn]);
            d.dependsOn.push('');
            rerender('dependencies');
            changed();
            focusPath(`${path}.dependsOn[${d.dependsOn.length - 1}]`);
          },
        }, h('span', { 'aria-hidden': 'true', text: '+ ' }), 'Another milestone it depends on', h('span', { class: 'mv-visually-hidden', text: ` (${context.toLowerCase()})` }))),
      removeButton(`dependency ${k + 1}${textOf(d.milestone) ? `: ${textOf(d.milestone)}` : ''}`, () => removeDependency(k), path),
      rowErr);
  }

  function removeDependency(k) {
    plan.dependencies.splice(k, 1);
    rerender('dependencies');
    changed();
    focusAfterRemove('dependencies', k, 'launch-add-dependency');
  }

  function renderTargets() {
    if (plan.successMetrics !== undefined && plan.successMetrics !== null && !isPlain(plan.successMetrics)) {
      return badValue('successMetrics', plan.successMetrics, 'an object', () => { plan.successMetrics = {}; rerender('targets'); });
    }
    const t = isPlain(plan.successMetrics) ? plan.successMetrics : {};
    return h('div', { class: 'mv-launch-grid' }, TARGETS.map((spec) => {
      const input = h('input', {
        type: 'number', step: 'any', min: 0, max: spec.unit.startsWith('fraction') ? 1 : null, inputmode: 'decimal',
        value: textOf(t[spec.key]), placeholder: spec.def != null ? String(spec.def) : 'no default', 'data-testid': `launch-target-${spec.key}`,
      });
      input.addEventListener('input', () => {
        if (!isPlain(plan.successMetrics)) plan.successMetrics = {};
        const m = plan.successMetrics;
        if (input.value === '' && !input.validity.badInput) delete m[spec.key];
        else m[spec.key] = input.validity.badInput ? '' : Number(input.value);
        if (!Object.keys(m).length) delete plan.successMetrics;
        changed();
      });
      return field(spec.label, input, {
        path: `successMetrics.${spec.key}`,
        hint: `${spec.help}; ${spec.unit}${spec.def != null ? `; default ${spec.def}` : '; no default'}`,
      });
    }));
  }

  // ------------------------------------------------------------ results

  function renderResults(r) {
    const status = r.status;
    const tone = STATUS_TONES[status] ?? 'neutral';
    const counts = { done: 0, overdue: 0, open: 0 };
    for (const m of r.timeline ?? []) counts[m.state] = (counts[m.state] ?? 0) + 1;
    const days = r.daysToLaunch;

    const summary = h('div', { class: 'mv-launch-summary', 'data-testid': 'launch-summary', 'data-status': status },
      h('p', { class: 'mv-launch-product', 'data-testid': 'launch-product', text: r.productName }),
      h('p', { class: 'mv-launch-status-line' },
        h('span', { class: 'mv-launch-status-label', text: 'Status ' }),
        h('span', { class: `mv-badge mv-badge-${tone} mv-launch-status`, 'data-testid': 'launch-status', 'data-status': status },
          h('span', { 'aria-hidden': 'true', text: status === 'ready' ? '✓ ' : status === 'blocked' ? '✕ ' : '! ' }), STATUS_LABELS[status] ?? status)),
      r.statusReasons?.length
        ? h('ul', { class: 'mv-launch-reasons', 'data-testid': 'launch-status-reasons' }, r.statusReasons.map((x) => h('li', { 'data-code': x.code },
          h('span', { text: x.message }), ' ', h('code', { class: 'mv-launch-code', text: x.code }))))
        : h('p', { class: 'mv-launch-reasons-none', 'data-testid': 'launch-status-reasons', text: 'Every check passed (advice aside).' }),
      figureRow([
        {
          label: 'Days to launch', big: true, testid: 'launch-days',
          value: typeof days === 'number' ? String(days) : '–',
          sub: typeof days === 'number' ? `${daysToLaunchText(days)}: ${fmtDate(r.launchDate)}, as of ${fmtDate(r.asOf)}` : `launch ${fmtDate(r.launchDate)}; no as-of date, so not counted`,
        },
        { label: 'Coordination score', big: true, testid: 'launch-score', value: fmt1(r.score.score), sub: 'out of 100; the derivation is below' },
        { label: 'Milestones', value: String(r.timeline.length), sub: `${counts.done} done · ${counts.overdue} overdue · ${counts.open} open${r.defaultTimeline ? ' (default timeline)' : ''}` },
        { label: 'Critical path', value: r.criticalPath.milestones.length ? plural(r.criticalPath.days, 'day') : 'none', sub: r.criticalPath.milestones.length ? plural(r.criticalPath.milestones.length, 'milestone') : 'no critical milestones' },
      ]));

    const sourceIds = new Map((r.sources ?? []).map((src) => [src.id, uid(`src-${src.id.replace(/[^a-z0-9-]/gi, '')}`)]));
    const grid = h('div', { class: 'mv-grid mv-launch-grid-results' },
      recommendationsPanel(r, sourceIds),
      panel('Timeline', [timelineFigure(r)], { wide: true, testid: 'launch-timeline-panel' }),
      dependenciesPanel(r),
      criticalPathPanel(r),
      messagingPanel(r),
      scorePanel(r),
      successPanel(r, sourceIds),
      sourcesPanel(r, sourceIds));
    resultsBody.replaceChildren(summary, grid);
  }

  function recommendationsPanel(r, sourceIds) {
    const recs = r.recommendations ?? [];
    const sources = new Map((r.sources ?? []).map((x) => [x.id, x]));
    return panel('Recommendations', recs.length
      ? h('ol', { class: 'mv-launch-recs' }, recs.map((rec) => h('li', { class: 'mv-launch-rec', 'data-level': rec.level, 'data-code': rec.code },
        verdictBadge(LEVEL_LABELS[rec.level] ?? rec.level, LEVEL_TONES[rec.level] ?? 'neutral'),
        h('div', { class: 'mv-launch-rec-body' },
          h('p', { class: 'mv-launch-rec-finding', text: rec.finding }),
          h('p', { class: 'mv-launch-rec-action' }, h('span', { class: 'mv-launch-do', text: 'What to do: ' }), rec.action),
          h('p', { class: 'mv-launch-rec-meta' },
            h('code', { class: 'mv-launch-code', text: rec.code }),
            rec.path ? [' · ', target(rec.path) ? h('button', { type: 'button', class: 'mv-launch-path', title: 'Go to this field', onclick: () => focusPath(rec.path) }, rec.path) : h('code', { text: rec.path })] : null,
            rec.source && sourceIds.has(rec.source) ? [' · source: ', h('a', { href: `#${sourceIds.get(rec.source)}`, text: sources.get(rec.source)?.citation?.split(',')[0] ?? rec.source })] : null)))))
      : h('p', { class: 'mv-muted', text: 'Nothing to do: every check passed.' }),
    { wide: true, testid: 'launch-recommendations' });
  }

  function dependenciesPanel(r) {
    const checks = r.dependencies ?? [];
    const list = checks.length ? h('ul', { class: 'mv-launch-deps' }, checks.map((c) => {
      const broken = c.status !== 'ok';
      const tone = !broken ? 'good' : c.critical ? 'bad' : 'warn';
      return h('li', { class: 'mv-launch-dep', 'data-status': c.status, 'data-testid': 'launch-dep' },
        verdictBadge(DEP_STATUS[c.status] ?? c.status, tone),
        h('div', { class: 'mv-launch-dep-body' },
          h('p', { class: 'mv-launch-dep-pair' }, h('strong', { text: c.milestone }), ' depends on ', h('strong', { text: c.dependsOn }),
            broken ? h('span', { class: 'mv-tag', text: c.critical ? 'blocks the launch' : 'not critical' }) : null),
          broken || checks.length <= 12 ? h('p', { class: 'mv-launch-dep-message', text: c.message }) : null,
          c.hint ? h('p', { class: 'mv-launch-dep-hint', 'data-testid': 'launch-dep-hint', text: c.hint.replace(/^./, (x) => x.toUpperCase()) }) : null,
          c.cycle != null && r.cycles?.[c.cycle] ? h('p', { class: 'mv-launch-dep-hint', text: `Loop: ${r.cycles[c.cycle].path.join(' → ')}` }) : null));
    })) : h('p', { class: 'mv-muted', text: 'No dependencies.' });
    const broken = checks.filter((c) => c.status !== 'ok').length;
    const cycles = r.cycles ?? [];
    return panel('Dependencies', [
      h('p', { class: 'mv-note', text: checks.length ? `${checks.length - broken} of ${plural(checks.length, 'dependency', 'dependencies')} sound${broken ? `; ${broken} broken` : ''}.` : '' }),
      list,
      h('div', { class: 'mv-launch-cycles', 'data-testid': 'launch-cycles' },
        h('h4', { text: 'Loops' }),
        cycles.length ? h('ol', {}, cycles.map((c) => h('li', { 'data-testid': 'launch-cycle' },
          h('span', { class: 'mv-launch-cycle-path', text: c.path.join(' → ') }),
          h('span', { class: 'mv-muted', text: ` (members: ${c.members.join(', ')}${c.critical ? '; critical: blocks the launch' : ''})` }))))
          : h('p', { class: 'mv-muted', text: 'No loops: every milestone can be done in some order.' })),
    ], { wide: true, testid: 'launch-dependencies' });
  }

  function criticalPathPanel(r) {
    const cp = r.criticalPath;
    const dates = new Map((r.timeline ?? []).map((m) => [m.name, m.date]));
    return panel('Critical path', cp.milestones.length ? [
      h('ol', { class: 'mv-launch-chain' }, cp.milestones.map((name) => h('li', {},
        h('span', { class: 'mv-launch-chain-name', text: name }), h('span', { class: 'mv-muted', text: ` ${fmtDate(dates.get(name))}` })))),
      h('p', { class: 'mv-note', text: `${plural(cp.days, 'day')} from ${fmtDate(cp.start)} to ${fmtDate(cp.end)}: the longest chain of critical milestones, each depending on the one before through a sound dependency.` }),
    ] : h('p', { class: 'mv-muted', text: 'No critical milestone, so no critical path.' }), { testid: 'launch-critical-path' });
  }

  function messagingPanel(r) {
    const checks = r.messaging ?? [];
    return panel('Messaging', checks.length ? h('ul', { class: 'mv-launch-msgs' }, checks.map((m) => {
      const [label, tone] = MSG_STATUS[m.status] ?? [m.status, 'neutral'];
      return h('li', { class: 'mv-launch-msg-check', 'data-status': m.status, 'data-testid': 'launch-msg' },
        h('p', { class: 'mv-launch-msg-head' }, h('strong', { text: m.name ?? m.featureId }), m.name ? h('span', { class: 'mv-muted', text: ` (${m.featureId})` }) : null, ' ', verdictBadge(label, tone)),
        m.reasons.length ? h('ul', { class: 'mv-launch-msg-reasons' }, m.reasons.map((x) => h('li', { 'data-code': x.code, text: x.message }))) : null);
    })) : h('p', { class: 'mv-muted', text: 'No features listed, so no messaging to check.' }), { testid: 'launch-messaging' });
  }

  function scorePanel(r) {
    const comps = r.score.components ?? [];
    const total = comps.reduce((a, c) => a + c.contribution, 0);
    const body = h('tbody', {}, comps.map((c) => h('tr', { class: c.assessed ? null : 'mv-launch-unassessed', 'data-component': c.component },
      h('th', { scope: 'row' }, h('span', { class: 'mv-launch-comp', text: COMPONENT_LABELS[c.component] ?? c.component }), h('span', { class: 'mv-launch-comp-detail', text: c.detail })),
      h('td', { class: 'mv-num', text: c.assessed ? fmtPct(c.value) : 'not assessed' }),
      h('td', { class: 'mv-num' }, fmtPct(c.effectiveWeight), Math.abs(c.effectiveWeight - c.nominalWeight) > 1e-9 ? h('span', { class: 'mv-launch-comp-detail', text: `nominal ${fmtPct(c.nominalWeight)}` }) : null),
      h('td', { class: 'mv-num', text: fmt1(c.contribution) }))));
    const table = h('table', { class: 'mv-table mv-launch-score-table', 'data-testid': 'launch-score-table' },
      h('caption', { class: 'mv-visually-hidden', text: 'Coordination score: each component\'s value, weight and points' }),
      h('thead', {}, h('tr', {}, ['Component', 'Value', 'Weight', 'Points'].map((c, i) => h('th', { scope: 'col', class: i ? 'mv-num' : null, text: c })))),
      body,
      h('tfoot', {}, h('tr', {}, h('th', { scope: 'row', text: 'Score (sum of points)' }), h('td', {}),
        h('td', { class: 'mv-num', text: fmtPct(comps.reduce((a, c) => a + c.effectiveWeight, 0)) }),
        h('td', { class: 'mv-num', 'data-testid': 'launch-score-total', text: fmt1(r.score.score) }))));
    return panel('Coordination score', [
      h('p', { class: 'mv-note', text: 'Points = 100 × weight × value. Weights are renormalised over the components that could be assessed. A high score does not make a launch ready: the status does.' }),
      h('div', { class: 'mv-table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Coordination score derivation' }, table),
      Math.abs(total - r.score.score) > 0.05 ? h('p', { class: 'mv-note', text: `The points add up to ${fmt1(total)} before rounding.` }) : null,
    ], { testid: 'launch-score-panel' });
  }

  function successPanel(r, sourceIds) {
    const metrics = r.successMetrics ?? [];
    const sources = new Map((r.sources ?? []).map((x) => [x.id, x]));
    const fmtTarget = (m) => (m.target == null ? 'no target' : m.unit.startsWith('fraction') ? fmtPct(m.target) : fmt(m.target));
    const table = h('table', { class: 'mv-table mv-launch-success-table', 'data-testid': 'launch-success-table' },
      h('caption', { class: 'mv-visually-hidden', text: 'Success-metric targets' }),
      h('thead', {}, h('tr', {}, ['Metric', 'Target', 'Measured by'].map((c, i) => h('th', { scope: 'col', class: i === 1 ? 'mv-num' : null, text: c })))),
      h('tbody', {}, metrics.map((m) => h('tr', { 'data-metric': m.metric },
        h('th', { scope: 'row' }, h('span', { class: 'mv-launch-comp', text: TARGETS.find((t) => t.key === m.metric)?.label ?? m.metric }), h('span', { class: 'mv-launch-comp-detail', text: m.description })),
        h('td', { class: 'mv-num' }, h('span', { class: m.target == null ? 'mv-muted' : null, text: fmtTarget(m) }),
          h('span', { class: 'mv-launch-comp-detail' }, m.isDefault ? 'default' : m.target == null ? 'set one' : 'set in the plan',
            m.source && sourceIds.has(m.source) ? [' · ', h('a', { href: `#${sourceIds.get(m.source)}`, text: sources.get(m.source)?.citation?.split(',')[0] ?? m.source })] : null)),
        h('td', {}, m.measuredBy ? h('code', { text: m.measuredBy }) : h('span', { class: 'mv-muted', text: 'your own figures' }))))));
    const on = metrics[0]?.measureOn;
    return panel('Success metrics', [
      on ? h('p', { class: 'mv-note', text: `Measured at the launch review on ${fmtDate(on)}.` }) : null,
      h('div', { class: 'mv-table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Success-metric targets' }, table),
    ], { testid: 'launch-success' });
  }

  function sourcesPanel(r, sourceIds) {
    const list = r.sources ?? [];
    return panel('Sources', list.length ? h('ol', { class: 'mv-launch-sources' }, list.map((src) => h('li', { id: sourceIds.get(src.id) },
      src.url ? h('a', { href: src.url, target: '_blank', rel: 'noopener noreferrer', text: src.citation }) : src.citation,
      h('span', { class: 'mv-muted', text: ` (${src.id})` }))))
      : h('p', { class: 'mv-muted', text: 'No sources cited by these findings.' }), { testid: 'launch-sources' });
  }

  // ------------------------------------------------------------ the timeline chart

  function timelineFigure(r) {
    timelineObserver?.disconnect();
    timelineObserver = null;
    const items = (r.timeline ?? []).map((m, i) => ({ ...m, i, day: dayNumber(m.date) })).filter((m) => m.day != null);
    if (!items.length) return h('p', { class: 'mv-muted', text: 'No milestones to draw.' });
    const title = `Timeline of ${plural(items.length, 'milestone')}`;
    const launch = dayNumber(r.launchDate);
    const asOf = dayNumber(r.asOf);
    const cp = r.criticalPath?.milestones ?? [];
    const onPath = new Set(cp);
    const cpEdges = new Set(cp.slice(1).map((n, j) => `${cp[j]}\u0000${n}`));
    const counts = { done: 0, overdue: 0, open: 0 };
    for (const m of items) counts[m.state] = (counts[m.state] ?? 0) + 1;
    const summary = `${fmtDayLong(items[0].day)} to ${fmtDayLong(items.at(-1).day)}; launch ${launch != null ? fmtDayLong(launch) : 'unknown'}`
      + `${asOf != null ? `; as of ${fmtDayLong(asOf)}` : '; no as-of date'}; ${counts.done} done, ${counts.overdue} overdue, ${counts.open} open`
      + `${cp.length ? `; critical path ${cp.join(' → ')}` : ''}.`;
    const ctx = { r, items, launch, asOf, onPath, cpEdges, title, summary };

    const holder = h('div', { class: 'mv-launch-chart-holder', 'data-testid': 'launch-timeline-chart' });
    const note = h('p', { class: 'mv-chart-note' });
    const table = dataTable(title, ['Milestone', 'Date', 'From launch', 'From as-of', 'Critical', 'State', 'Owner', 'Critical path'],
      () => items.map((m) => [m.name, m.date, offsetLabel(m.offsetDays), m.daysFromAsOf != null ? `${m.daysFromAsOf > 0 ? '+' : ''}${m.daysFromAsOf} days` : '–',
        m.critical ? 'yes' : 'no', STATE_LABELS[m.state] ?? m.state, m.owner ?? '', onPath.has(m.name) ? 'yes' : '']));
    // The data table stays open across re-runs once opened.
    if (tableOpen) { table.open = true; table.buildTable(); }
    table.addEventListener('toggle', () => { tableOpen = table.open; });
    const fig = h('figure', { class: 'mv-chart mv-launch-timeline', 'data-testid': 'launch-timeline' },
      h('figcaption', { class: 'mv-chart-title', text: title }),
      timelineLegend(), holder, note, table);
    let drawn = 0;
    const draw = (w) => {
      drawn = w;
      const narrow = w < NARROW;
      holder.dataset.layout = narrow ? 'vertical' : 'horizontal';
      holder.replaceChildren(narrow ? drawVertical(ctx, w) : drawHorizontal(ctx, w));
      note.textContent = narrow
        ? 'Earliest at the top. The spacing grows with the days between milestones but is not to scale; the dependency arrows are in the wide layout, and every dependency is listed below.'
        : `Arrows run from a milestone to the one that depends on it${ctx.arrowsLeftOut ? ' (left out here: too many to read; see the list below)' : ''}. Dashed red arrows: broken (misordered or in a loop).`;
    };
    draw(Math.max(300, chartWidth(resultsBody) - 34));
    if (typeof ResizeObserver === 'function') {
      timelineObserver = new ResizeObserver((entries) => {
        const w = Math.round(entries[0].contentRect.width);
        if (w < 200 || Math.abs(w - drawn) < 4) return;
        draw(w);
      });
      timelineObserver.observe(holder);
    }
    return fig;
  }

  function timelineLegend() {
    const icon = (...children) => s('svg', { class: 'mv-launch-legend-icon', viewBox: '0 0 22 16', width: 22, height: 16, 'aria-hidden': 'true', focusable: 'false' }, children);
    const items = [
      [icon(milestoneMarker('open', 11, 8, 5.5)), 'open'],
      [icon(milestoneMarker('done', 11, 8, 5.5)), 'done'],
      [icon(milestoneMarker('overdue', 11, 8, 5)), 'overdue'],
      [icon(milestoneMarker('open', 11, 8, 7, 'mv-launch-critical')), 'critical (larger, name in bold)'],
      [icon(s('circle', { class: 'mv-launch-halo', cx: 11, cy: 8, r: 6 })), 'on the critical path'],
      [icon(s('line', { class: 'mv-launch-asof', x1: 11, x2: 11, y1: 0, y2: 16 })), 'as of'],
      [icon(s('line', { class: 'mv-launch-launchline', x1: 11, x2: 11, y1: 0, y2: 16 })), 'launch day'],
    ];
    return h('ul', { class: 'mv-legend mv-launch-legend', 'aria-hidden': 'true' }, items.map(([ic, text]) => h('li', {}, ic, text)));
  }

  function svgRoot(width, height, ctx) {
    const label = `${ctx.title}: ${ctx.summary}`;
    return s('svg', {
      class: 'mv-svg mv-launch-svg', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': label,
      focusable: 'false', 'data-testid': 'launch-timeline-svg',
    }, s('title', { text: label }));
  }

  /** Date ticks for [lo, hi] (day numbers), at most `max` of them, with their format. */
  function dateTicks(lo, hi, max) {
    const span = hi - lo;
    for (const step of [1, 2, 7, 14]) {
      if (span / step <= max) {
        const start = step >= 7 ? lo + ((((4 - lo) % 7) + 7) % 7) : lo; // weeks start on Mondays
        const ticks = [];
        for (let d = start; d <= hi; d += step) ticks.push(d);
        return { ticks, format: fmtDayShort };
      }
    }
    const first = new Date(lo * 86_400_000);
    for (const months of [1, 2, 3, 6, 12, 24, 60, 120]) {
      const ticks = [];
      let y = first.getUTCFullYear();
      let mo = first.getUTCMonth();
      for (;;) {
        const d = Date.UTC(y, mo, 1) / 86_400_000;
        if (d > hi) break;
        if (d >= lo && (y * 12 + mo) % months === 0) ticks.push(d);
        mo++;
        if (mo === 12) { mo = 0; y++; }
      }
      if (ticks.length <= max) return { ticks, format: months >= 12 ? (d) => String(new Date(d * 86_400_000).getUTCFullYear()) : fmtMonth };
    }
    return { ticks: [lo, hi], format: fmtDayShort };
  }

  function drawHorizontal(ctx, w) {
    const { items, launch, asOf, onPath } = ctx;
    const days = [...items.map((m) => m.day), launch, asOf].filter((d) => d != null);
    let lo = Math.min(...days);
    let hi = Math.max(...days);
    if (hi - lo < 6) { lo -= 3; hi += 3; }
    const pad = Math.max(1, Math.round((hi - lo) * 0.03));
    lo -= pad;
    hi += pad;
    const rowH = 30;
    const top = 40;
    const left = 14;
    const right = w - 14;
    const axisY = top + items.length * rowH + 4;
    const height = axisY + 24;
    const x = (d) => left + ((d - lo) / (hi - lo)) * (right - left);
    const rowY = (k) => top + k * rowH + rowH / 2;
    const svg = svgRoot(w, height, ctx);

    // Arrowheads, one per edge kind (their colours come from CSS).
    const ids = { edge: uid('arrow'), cp: uid('arrow'), bad: uid('arrow') };
    svg.append(s('defs', {}, Object.entries(ids).map(([kind, id]) => s('marker', {
      id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse', markerUnits: 'userSpaceOnUse',
    }, s('path', { class: `mv-launch-arrowhead mv-launch-arrowhead-${kind}`, d: 'M0 0L10 5L0 10Z' })))));

    const axes = s('g', { class: 'mv-axes' });
    items.forEach((m, k) => { if (k % 2) axes.append(s('rect', { class: 'mv-launch-band', x: left, y: top + k * rowH, width: right - left, height: rowH })); });
    const { ticks, format } = dateTicks(lo, hi, Math.max(2, Math.floor((right - left) / 70)));
    for (const t of ticks) {
      const xx = round(x(t));
      axes.append(s('line', { class: 'mv-gridline', x1: xx, x2: xx, y1: top - 4, y2: axisY }));
      axes.append(s('text', { class: 'mv-tick', x: xx, y: axisY + 15, 'text-anchor': xx < 30 ? 'start' : xx > w - 30 ? 'end' : 'middle', text: format(t) }));
    }
    axes.append(s('line', { class: 'mv-zero', x1: left, x2: right, y1: axisY, y2: axisY }));
    svg.append(axes);

    const refLine = (d, cls, text, y) => {
      const xx = round(x(d));
      const anchor = xx > w - 90 ? 'end' : xx < 90 ? 'start' : 'middle';
      return s('g', { class: `mv-launch-ref ${cls}` },
        s('line', { x1: xx, x2: xx, y1: y + 4, y2: axisY }),
        s('text', { class: 'mv-launch-ref-label', x: anchor === 'end' ? xx - 3 : anchor === 'start' ? xx + 3 : xx, y, 'text-anchor': anchor, text }));
    };
    if (asOf != null) svg.append(refLine(asOf, 'mv-launch-asof-g', `As of ${fmtDayShort(asOf)}`, 12));
    if (launch != null) svg.append(refLine(launch, 'mv-launch-launch-g', `Launch ${fmtDayShort(launch)}`, 28));

    // Dependency arrows: from the milestone depended on to the one that depends on it.
    const row = new Map(items.map((m, k) => [m.name, k]));
    const pairs = (ctx.r.dependencies ?? []).filter((c) => c.status !== 'unknown_milestone' && row.has(c.milestone) && row.has(c.dependsOn) && c.milestone !== c.dependsOn);
    ctx.arrowsLeftOut = pairs.length > MAX_ARROWS;
    if (!ctx.arrowsLeftOut) {
      const edges = s('g', { class: 'mv-launch-edges' });
      const radius = (m) => (m.critical ? 7 : 5);
      // Critical-path edges last, so they are drawn on top.
      const kindOf = (c) => (c.status === 'misordered' || c.status === 'cycle' ? 'bad' : ctx.cpEdges.has(`${c.dependsOn}\u0000${c.milestone}`) ? 'cp' : 'edge');
      const order = { edge: 0, bad: 1, cp: 2 };
      for (const c of [...pairs].sort((a, b) => order[kindOf(a)] - order[kindOf(b)])) {
        const a = items[row.get(c.dependsOn)];
        const b = items[row.get(c.milestone)];
        const ka = row.get(c.dependsOn);
        const kb = row.get(c.milestone);
        const dir = kb > ka ? 1 : -1;
        const x1 = round(x(a.day));
        const y1 = rowY(ka) + dir * (radius(a) + 1);
        const x2 = round(x(b.day));
        const y2 = rowY(kb) - dir * (radius(b) + 2);
        const bend = Math.min(Math.abs(y2 - y1) * 0.6, 44) * dir;
        const kind = kindOf(c);
        edges.append(s('path', {
          class: `mv-launch-edge mv-launch-edge-${kind}`, d: `M${x1} ${round(y1)}C${x1} ${round(y1 + bend)} ${x2} ${round(y2 - bend)} ${x2} ${round(y2)}`,
          'marker-end': `url(#${ids[kind]})`,
        }, s('title', { text: `${c.milestone} depends on ${c.dependsOn}: ${DEP_STATUS[c.status] ?? c.status}` })));
      }
      svg.append(edges);
    }

    const marks = s('g', { class: 'mv-launch-marks' });
    items.forEach((m, k) => {
      const cx = x(m.day);
      const cy = rowY(k);
      const r = m.critical ? 7 : 5;
      const g = s('g', {
        class: `mv-launch-milestone mv-launch-state-${m.state}${m.critical ? ' mv-launch-critical' : ''}${onPath.has(m.name) ? ' mv-launch-on-path' : ''}`,
        'data-name': m.name,
      }, s('title', { text: `${m.name}: ${fmtDate(m.date)} (${offsetLabel(m.offsetDays)}), ${STATE_LABELS[m.state] ?? m.state}${m.critical ? ', critical' : ''}${onPath.has(m.name) ? ', on the critical path' : ''}${m.owner ? `, owner ${m.owner}` : ''}` }));
      if (onPath.has(m.name)) g.append(s('circle', { class: 'mv-launch-halo', cx: round(cx), cy, r: r + 4 }));
      g.append(milestoneMarker(m.state, cx, cy, r, m.critical ? 'mv-launch-critical' : ''));
      // The label beside its marker: right if it fits, else left, else cut to the wider side.
      const dateText = ` · ${fmtDayShort(m.day)}`;
      const need = (m.name.length + dateText.length) * CHAR_W + (m.critical ? m.name.length * 0.5 : 0);
      const roomRight = w - 4 - (cx + r + 6);
      const roomLeft = cx - r - 6 - 4;
      const side = need <= roomRight ? 'right' : need <= roomLeft ? 'left' : roomRight >= roomLeft ? 'right' : 'left';
      const room = side === 'right' ? roomRight : roomLeft;
      const name = ellipsize(m.name, Math.max(4, Math.floor(room / (CHAR_W + (m.critical ? 0.5 : 0))) - dateText.length));
      g.append(s('text', {
        class: 'mv-launch-label', x: round(side === 'right' ? cx + r + 6 : cx - r - 6), y: cy, 'dominant-baseline': 'middle',
        'text-anchor': side === 'right' ? 'start' : 'end',
      }, s('tspan', { class: 'mv-launch-label-name', text: name }), s('tspan', { class: 'mv-launch-label-date', text: dateText })));
      marks.append(g);
    });
    svg.append(marks);
    return svg;
  }

  function drawVertical(ctx, w) {
    const { items, launch, asOf, onPath } = ctx;
    // Rows: the milestones, plus the as-of and launch days when no milestone falls on them.
    const rows = items.map((m) => ({ kind: 'm', day: m.day, m, tags: [] }));
    for (const [kind, day] of [['asof', asOf], ['launch', launch]]) {
      if (day == null) continue;
      const same = rows.find((x) => x.kind === 'm' && x.day === day);
      if (same) same.tags.push(kind);
      else rows.push({ kind, day, tags: [] });
    }
    rows.sort((a, b) => a.day - b.day || (a.kind === 'm') - (b.kind === 'm'));
    const top = 16;
    let y = top;
    rows.forEach((row, k) => {
      if (k) {
        const gap = row.day - rows[k - 1].day;
        const base = row.kind === 'm' && rows[k - 1].kind === 'm' ? 46 : 34;
        y += clamp(base + gap * 1.5, base, 120);
      }
      row.y = y;
    });
    const height = y + 34;
    const axisX = 92;
    const labelX = axisX + 16;
    const svg = svgRoot(w, height, ctx);
    const g = s('g', {});
    svg.append(g);
    const ms = rows.filter((x) => x.kind === 'm');
    g.append(s('line', { class: 'mv-launch-axis', x1: axisX, x2: axisX, y1: rows[0].y, y2: rows.at(-1).y }));
    // The critical path along the axis.
    const yOf = new Map(ms.map((x) => [x.m.name, x.y]));
    const cp = ctx.r.criticalPath?.milestones ?? [];
    // Beside the axis, so milestones between two of the path's are not drawn as on it.
    const cpX = axisX - 13;
    for (let j = 1; j < cp.length; j++) {
      if (!yOf.has(cp[j - 1]) || !yOf.has(cp[j])) continue;
      g.append(s('line', { class: 'mv-launch-cp-seg', x1: cpX, x2: cpX, y1: yOf.get(cp[j - 1]), y2: yOf.get(cp[j]) }));
    }
    if (cp.length > 1) {
      for (const name of cp) {
        if (yOf.has(name)) g.append(s('line', { class: 'mv-launch-cp-tick', x1: cpX, x2: axisX - 9, y1: yOf.get(name), y2: yOf.get(name) }));
      }
    }
    let lastYear = null;
    const maxChars = Math.max(6, Math.floor((w - labelX - 4) / CHAR_W));
    for (const row of rows) {
      const year = new Date(row.day * 86_400_000).getUTCFullYear();
      const dateLabel = s('text', { class: 'mv-tick mv-launch-vdate', x: axisX - 22, y: row.y, 'text-anchor': 'end', 'dominant-baseline': 'middle', text: fmtDayShort(row.day) });
      g.append(dateLabel);
      if (year !== lastYear) {
        g.append(s('text', { class: 'mv-tick mv-launch-vyear', x: axisX - 22, y: row.y + 14, 'text-anchor': 'end', 'dominant-baseline': 'middle', text: String(year) }));
        lastYear = year;
      }
      if (row.kind !== 'm') {
        const cls = row.kind === 'asof' ? 'mv-launch-asof-g' : 'mv-launch-launch-g';
        g.append(s('g', { class: `mv-launch-ref ${cls}` },
          s('line', { x1: axisX - 10, x2: w - 4, y1: row.y, y2: row.y }),
          s('text', { class: 'mv-launch-ref-label', x: labelX, y: row.y - 6, text: row.kind === 'asof' ? `As of ${fmtDayLong(row.day)}` : `Launch ${fmtDayLong(row.day)}` })));
        continue;
      }
      const m = row.m;
      for (const tag of row.tags) {
        g.append(s('g', { class: `mv-launch-ref ${tag === 'asof' ? 'mv-launch-asof-g' : 'mv-launch-launch-g'}` },
          s('line', { x1: axisX - 10, x2: axisX + 10, y1: row.y, y2: row.y })));
      }
      const r = m.critical ? 7 : 5;
      const mg = s('g', {
        class: `mv-launch-milestone mv-launch-state-${m.state}${m.critical ? ' mv-launch-critical' : ''}${onPath.has(m.name) ? ' mv-launch-on-path' : ''}`,
        'data-name': m.name,
      }, s('title', { text: `${m.name}: ${fmtDate(m.date)} (${offsetLabel(m.offsetDays)}), ${STATE_LABELS[m.state] ?? m.state}${m.critical ? ', critical' : ''}` }));
      if (onPath.has(m.name)) mg.append(s('circle', { class: 'mv-launch-halo', cx: axisX, cy: row.y, r: r + 4 }));
      mg.append(milestoneMarker(m.state, axisX, row.y, r, m.critical ? 'mv-launch-critical' : ''));
      const sub = [offsetLabel(m.offsetDays), (STATE_LABELS[m.state] ?? m.state).toLowerCase(), m.owner,
        row.tags.includes('launch') ? 'launch day' : null, row.tags.includes('asof') ? 'as of' : null].filter(Boolean).join(' · ');
      mg.append(s('text', { class: 'mv-launch-label', x: labelX, y: row.y - 2 },
        s('tspan', { class: 'mv-launch-label-name', text: ellipsize(m.name, maxChars - (m.critical ? 2 : 0)) })));
      mg.append(s('text', { class: 'mv-launch-label mv-launch-label-sub', x: labelX, y: row.y + 13, text: ellipsize(sub, maxChars + 4) }));
      g.append(mg);
    }
    return svg;
  }

  // ------------------------------------------------------------ start

  load(state ?? (sampleLaunchPlan ? sampleLaunchPlan() : { plan: { productName: '', launchDate: '' }, options: {} }));
  runNow(false);

  return {
    /** The plan and options as they are now (copies). */
    getState,
    /** Replaces the plan and options and re-runs the check at once; does not call onChange. */
    setState(st) { load(st); runNow(false); },
    /** Re-runs the check on the current plan at once; does not call onChange. */
    rerun() { runNow(false); },
    /** The last report that checked without problems (null before the first). */
    getReport: () => lastReport,
    /** The view's root element. */
    element: root,
  };
}
