// The launch review, under the readiness check: after the launch, the
// original design's success criteria and the plan's success metrics measured
// by reviewLaunch() (docs/methodology.md, "The launch review") from the plan,
// the files already dropped in the product-validation view (usage events,
// a survey: lib/dropped.js) and the revenue typed here. The inputs: the
// review day (the launch tab's as-of day unless another is typed), the day it
// launched, the revenue and its target, and each new feature's events (picked
// from the event names the events view found in the file, most users first;
// typed when it found none). The events file itself goes to reviewLaunch as
// `options.events`, read by the library as the events view read it (the same
// reading options, `options.eventsOptions`), in the file worker
// (lib/files.js); how it was read (`eventsRead`) is shown with the files
// used. The user's files are never measured against the built-in sample
// plan. Problems land next to the inputs their paths name, those of the
// events file next to it. The criteria are drawn by review-criteria.js.
import { h, fmtInt, dayText, isDay } from '../../lib/dom.js';
import { errorMessage, errorProblems } from '../../lib/errors.js';
import { reviewLaunchOf } from '../../lib/files.js';
import { readingOptions } from '../../lib/dropped.js';
import { pickable } from '../events-choices.js';
import { readItems, readWarnings, readSkipped } from '../events-read.js';
import { launchId as uid } from './labels.js';
import { canonical, problemWords } from './plan-values.js';
import { featureId, featureName } from './editor/features.js';
import { renderCriteria, inPageWords } from './review-criteria.js';

/** @import { EventsExportRead, LaunchPlan, LaunchReview, LaunchReviewOptions, Problem } from '../../../pkg/web/market_validation.js' */
/** @import { DroppedFiles, DroppedEvents, DroppedSurvey } from '../../lib/dropped.js' */
/** @import { JsonObject } from './plan-values.js' */

/** How long the review waits after a change before it runs again. */
const DEBOUNCE_MS = 150;
/** Where the files are dropped, in the page's words. */
const DROP_HERE = 'Product validation › Drop CSV files';

/**
 * The path reviewLaunch gives a feature's events (`options.featureEvents.f1`,
 * `options.featureEvents["new-export"]`), as the library joins keys.
 * @param {string} id
 */
const featurePath = (id) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(id) ? `options.featureEvents.${id}` : `options.featureEvents[${JSON.stringify(id)}]`);

/** The usage event options (Product validation › Usage event options) that set how the events file is read, by option. */
const READING_LABELS = {
  'columns.event': 'Event name column', 'columns.user': 'User id column', 'columns.time': 'Time column',
  'columns.session': 'Session id column', 'columns.signup': 'Signup time column', timeUnit: 'Time unit', identity: 'Users',
};
/**
 * A problem of the events file in the page's words: where to set what it names.
 * @param {Problem} p
 */
function fileProblemHint(p) {
  const option = /^options\.eventsOptions\.(.+)$/.exec(p.path ?? '')?.[1];
  const label = option ? Object.entries(READING_LABELS).find(([k]) => option === k || option.startsWith(`${k}.`))?.[1] : undefined;
  return label ? ` Set “${label}” under Product validation › Usage event options and drop the file again: the review reads it as the events view did.` : '';
}

/**
 * The review section.
 * @param {object} o
 * @param {(plan: LaunchPlan, options: LaunchReviewOptions) => LaunchReview} o.reviewLaunch  the library's
 * @param {DroppedFiles} [o.files]  the files dropped in the page (none: the review uses none)
 * @param {(() => { plan: LaunchPlan }) | undefined} o.sampleLaunchPlan  the built-in sample, told apart from the user's plans
 * @param {() => { plan: JsonObject, asOf: string, planOk: boolean }} o.current  the plan being edited, the launch tab's
 *   as-of day, and whether the plan checks without problems
 */
export function createReview({ reviewLaunch, files, sampleLaunchPlan, current }) {
  const sampleKey = sampleLaunchPlan ? canonical(sampleLaunchPlan().plan) : null;
  /** What the user typed and picked. */
  const inputs = {
    /** The review day typed; '' follows the launch tab's as-of day. */
    asOf: '',
    launchedOn: '',
    revenueActual: '',
    revenueTarget: '',
    /** Per feature id: its event names, as picked or typed. @type {Map<string, string[]>} */
    featureEvents: new Map(),
    /** Inputs the browser could not read (an incomplete date, a number with letters). @type {Set<string>} */
    bad: new Set(),
  };
  let timer = 0;
  /** The last review shown (kept, marked out of date, while the inputs or the plan have problems). @type {LaunchReview | null} */
  let lastReview = null;
  /** The events file the last review shown was measured with (null: none). @type {DroppedEvents | null} */
  let usedEvents = null;
  /** How that file was read (the review's `eventsRead`). @type {EventsExportRead | null} */
  let eventsRead = null;
  /** The review running in the worker, with the events file. @type {{ entry: DroppedEvents, cancel: () => void } | null} */
  let job = null;

  const titleId = uid('h');
  const sources = h('ul', { class: 'mv-launch-review-sources', 'data-testid': 'launch-review-sources' });
  const notice = h('p', { class: 'mv-launch-review-notice', 'data-testid': 'launch-review-notice', hidden: true });

  // ---- the inputs
  /** Message boxes by what they are next to. @type {Map<string, HTMLElement>} */
  const boxes = new Map();
  /** @param {string} key */
  const box = (key) => {
    const el = h('div', { class: 'mv-launch-field-msgs', id: uid('err'), hidden: true, 'data-error-for': key, 'data-testid': 'launch-review-error' });
    boxes.set(key, el);
    return el;
  };
  /**
   * A labelled input with its hint and its message box.
   * @param {string} label @param {HTMLInputElement} input @param {string} key @param {string | Node} hint
   */
  const field = (label, input, key, hint) => {
    input.id = uid('in');
    const hintEl = h('p', { class: 'mv-launch-hint', id: uid('hint') }, hint);
    const err = box(key);
    input.setAttribute('aria-describedby', `${hintEl.id} ${err.id}`);
    return h('div', { class: 'mv-launch-field' }, h('label', { for: input.id, class: 'mv-launch-label', text: label }), input, hintEl, err);
  };
  /** @param {keyof typeof inputs & ('asOf' | 'launchedOn' | 'revenueActual' | 'revenueTarget')} key @param {HTMLInputElement} el */
  const bind = (key, el) => {
    el.addEventListener('input', () => {
      inputs[key] = el.value;
      if (el.validity.badInput) inputs.bad.add(key); else inputs.bad.delete(key);
      schedule();
    });
    return el;
  };
  const asOfInput = bind('asOf', h('input', { type: 'date', min: '1000-01-01', max: '9999-12-31', 'data-testid': 'launch-review-as-of' }));
  const launchedInput = bind('launchedOn', h('input', { type: 'date', min: '1000-01-01', max: '9999-12-31', 'data-testid': 'launch-review-launched-on' }));
  const revenueInput = bind('revenueActual', h('input', { type: 'number', min: 0, step: 'any', inputmode: 'decimal', 'data-testid': 'launch-review-revenue' }));
  const targetInput = bind('revenueTarget', h('input', { type: 'number', min: 0, step: 'any', inputmode: 'decimal', 'data-testid': 'launch-review-revenue-target' }));
  /** Says which day the review day is (the launch tab's as-of day, or one typed). */
  const asOfHint = h('span');

  const featuresBody = h('div', { class: 'mv-launch-review-features' });
  const featuresLegendId = uid('legend');
  const featuresSet = h('fieldset', { class: 'mv-launch-section mv-launch-review-feature-set', 'aria-labelledby': featuresLegendId, 'data-testid': 'launch-review-features' },
    h('legend', { id: featuresLegendId, class: 'mv-launch-section-title', text: 'Each new feature\'s events' }),
    h('p', { class: 'mv-launch-hint', text: 'The events that mean a feature was used: adoption and usage count the users who did one of them.' }),
    box('options.featureEvents'),
    featuresBody);
  // The problems of the events file (its reading options, `options.eventsOptions`) and of the survey, next to them.
  const eventsBox = box('options.events');
  const surveyBox = box('options.survey');

  const generalBox = h('div', { class: 'mv-launch-problems', 'data-testid': 'launch-review-problems', 'aria-live': 'polite', hidden: true });
  const status = h('p', { class: 'mv-launch-review-status', role: 'status', 'data-testid': 'launch-review-status' });
  const summary = h('div', { class: 'mv-launch-review-summary', 'data-testid': 'launch-review-summary' });
  const criteria = h('div', { class: 'mv-launch-review-body', 'data-testid': 'launch-review-criteria' });

  const element = h('section', { class: 'mv-launch-review', 'aria-labelledby': titleId, 'data-testid': 'launch-review' },
    h('h2', { id: titleId, text: 'Launch review' }),
    h('p', { class: 'mv-launch-hint mv-launch-review-lede', text: `After the launch: the original design's success criteria and the plan's success metrics, each met, not met or not yet measurable, from the plan, the files dropped under ${DROP_HERE} and the revenue below. Days are UTC.` }),
    h('div', { class: 'mv-launch-review-sources-box' }, h('h3', { text: 'Files used' }), sources),
    notice,
    h('form', { class: 'mv-launch-review-form', novalidate: true, 'aria-label': 'Launch review inputs', onsubmit: (e) => { e.preventDefault(); runNow(); } },
      h('div', { class: 'mv-launch-grid' },
        field('Review day', asOfInput, 'options.asOf', asOfHint),
        field('Launched on', launchedInput, 'options.launchedOn', 'The day it actually launched. Empty: the planned launch day.'),
        field('Revenue from the launch', revenueInput, 'options.revenue.actual', 'Attributed to the launch, in currency units. Empty: not measured.'),
        field('Revenue target', targetInput, 'options.revenue.target', 'Empty: the plan\'s revenue-impact target.')),
      featuresSet),
    generalBox,
    status,
    summary,
    criteria);

  // ---- the files
  /** The plan is the built-in sample, unchanged: the user's files are not measured against it. */
  const isSample = () => sampleKey != null && canonical(current().plan) === sampleKey;
  /** The dropped files the review may use with this plan. @returns {{ events: DroppedEvents | null, survey: DroppedSurvey | null }} */
  const usable = () => {
    const dropped = files?.current() ?? { events: null, survey: null };
    return isSample() ? { events: null, survey: null } : dropped;
  };

  /**
   * Says which files are used, and how: the events file with how the review
   * read it (its columns, time format, users, guesses and rows not used), each
   * file's problems next to it.
   */
  function showSources() {
    const dropped = files?.current() ?? { events: null, survey: null };
    const sample = isSample();
    const ev = dropped.events;
    const sv = dropped.survey;
    const used = !!ev && !sample && usedEvents === ev && !!lastReview;
    /** @type {(string | Node | null)[]} */
    let eventsLine;
    if (!ev) eventsLine = [`none dropped (drop a usage-events export with event names under ${DROP_HERE}: it is used here too).`];
    else {
      const a = ev.csv.analysis;
      const base = [h('span', { class: 'mv-file-name', text: ev.name }), `, ${fmtInt(a.events)} event${a.events === 1 ? '' : 's'} from ${fmtInt(a.users)} user${a.users === 1 ? '' : 's'}, ${dayText(a.firstDate)} to ${dayText(a.asOf)}`];
      const picked = pickedEvents();
      if (sample) eventsLine = [...base, '. Not used: the plan is the built-in sample, and your files are never measured against it.'];
      else if (job?.entry === ev) eventsLine = [...base, '. Reading its events for the review…'];
      else if (used && eventsRead) {
        eventsLine = [...base, '. Read for the review as the events view read it:',
          h('div', { class: 'mv-launch-review-read', 'data-testid': 'launch-review-events-read' },
            h('ul', { class: 'mv-plain-list' }, readItems(eventsRead, 'launch-review-events')),
            readWarnings(eventsRead, 'launch-review-events'),
            readSkipped(eventsRead))];
      } else if (!ev.csv.eventColumn && !picked) {
        eventsLine = [...base, '. It has no event names, so no event can stand for a feature: name the column holding them under Product validation › Usage event options (“Event name column”) and drop the file again.'];
      } else if (!picked) eventsLine = [...base, '. Pick each new feature\'s events below to measure adoption and usage.'];
      else eventsLine = [...base, '.'];
    }
    /** @type {(string | Node)[]} */
    let surveyLine;
    if (!sv) surveyLine = [`none dropped (drop a survey export with a satisfaction question under ${DROP_HERE} to measure satisfaction).`];
    else {
      const base = [h('span', { class: 'mv-file-name', text: sv.name }), `, ${fmtInt(sv.result.responses)} response${sv.result.responses === 1 ? '' : 's'}`];
      if (sample) surveyLine = [...base, '. Not used: the plan is the built-in sample, and your files are never measured against it.'];
      else if (!sv.result.csat) surveyLine = [...base, '. It has no satisfaction (CSAT) question, so satisfaction is not measured.'];
      else surveyLine = [...base, `; CSAT from ${fmtInt(sv.result.csat.n)} answer${sv.result.csat.n === 1 ? '' : 's'}.`];
    }
    sources.replaceChildren(
      h('li', { 'data-testid': 'launch-review-events-source', 'data-used': String(used) }, h('strong', { text: 'Events: ' }), eventsLine, eventsBox),
      h('li', { 'data-testid': 'launch-review-survey-source', 'data-used': String(!!sv && !sample && !!sv.result.csat) }, h('strong', { text: 'Survey: ' }), surveyLine, surveyBox));
    notice.hidden = !sample;
    notice.textContent = sample ? 'This is the built-in sample launch plan. Its review uses none of your files; load or write your own plan (or edit this one) to review it with them.' : '';
  }

  // ---- the feature pickers
  /** What the pickers were last drawn for, so that typing elsewhere does not redraw them. */
  let drawnFor = '';

  /** The plan's new features: id and label, each id once. */
  function planFeatures() {
    const list = Array.isArray(current().plan.newFeatures) ? /** @type {unknown[]} */ (current().plan.newFeatures) : [];
    /** @type {{ id: string, label: string }[]} */
    const out = [];
    for (const f of list) {
      const id = featureId(f).trim();
      if (!id || out.some((x) => x.id === id)) continue;
      const name = featureName(f);
      out.push({ id, label: name && name !== id ? `${name} (${id})` : id });
    }
    return out;
  }

  /** Draws a picker per new feature: selects of the file's event names, or a text input. */
  function drawPickers() {
    const features = planFeatures();
    const ev = usable().events;
    const names = ev?.csv.eventColumn ? pickable(ev.csv.analysis).events : null;
    const key = JSON.stringify([features, names?.map((n) => n.name) ?? null]);
    if (key === drawnFor) return;
    drawnFor = key;
    // The message boxes of the pickers drawn before go with them.
    for (const k of [...boxes.keys()]) if (k.startsWith('options.featureEvents') && k !== 'options.featureEvents') boxes.delete(k);
    if (!features.length) {
      featuresBody.replaceChildren(h('p', { class: 'mv-muted', text: 'The plan lists no new features: add them under Features above to measure their adoption.' }));
      return;
    }
    featuresBody.replaceChildren(...features.map(({ id, label }) => featurePicker(id, label, names)));
  }

  /**
   * One feature's events: a select per event picked (and one to pick another), or a text input of names.
   * @param {string} id @param {string} label @param {{ name: string, users: number }[] | null} names the file's, most users first
   */
  function featurePicker(id, label, names) {
    const legendId = uid('legend');
    const err = box(featurePath(id));
    const rows = h('div', { class: 'mv-launch-review-picks' });
    const set = h('fieldset', { class: 'mv-launch-row mv-launch-review-feature', 'aria-labelledby': legendId, 'data-testid': 'launch-review-feature', 'data-feature': id },
      h('legend', { id: legendId, class: 'mv-launch-label', text: label }), rows, err);
    const picked = () => inputs.featureEvents.get(id) ?? [];
    if (!names) {
      const input = h('input', {
        type: 'text', id: uid('in'), autocomplete: 'off', spellcheck: 'false', value: picked().join(', '),
        'data-testid': 'launch-review-event-names', 'data-feature': id, 'aria-describedby': err.id,
      });
      input.addEventListener('input', () => {
        inputs.featureEvents.set(id, input.value.split(',').map((s) => s.trim()).filter(Boolean));
        schedule();
      });
      rows.append(h('label', { for: input.id, class: 'mv-launch-hint' }, h('span', { class: 'mv-visually-hidden', text: `${label}: ` }), 'Event names, separated by commas'), input);
      return set;
    }
    const known = new Set(names.map((n) => n.name));
    const draw = () => {
      // Names picked that the file does not have (typed before it was dropped) are left out.
      const list = picked().filter((n) => known.has(n));
      inputs.featureEvents.set(id, list);
      const selects = [...list, ''].map((value, i) => {
        const select = h('select', { id: uid('in'), 'data-testid': 'launch-review-event', 'data-feature': id, 'aria-describedby': err.id },
          h('option', { value: '', text: i < list.length ? 'None (remove it)' : (i ? 'Add another event…' : 'Choose an event…') }),
          names.map((n) => h('option', { value: n.name, selected: n.name === value, disabled: n.name !== value && list.includes(n.name) },
            `${n.name} (${fmtInt(n.users)} user${n.users === 1 ? '' : 's'})`)));
        select.addEventListener('change', () => {
          const next = [...picked()];
          if (i < next.length) { if (select.value) next[i] = select.value; else next.splice(i, 1); } else if (select.value) next.push(select.value);
          inputs.featureEvents.set(id, next);
          draw();
          // The focus stays where the user was: on this row's select, or the one for another event.
          const again = rows.querySelectorAll('select')[Math.min(i, next.length)];
          if (again instanceof HTMLSelectElement) again.focus();
          schedule();
        });
        return h('div', { class: 'mv-launch-field' },
          h('label', { for: select.id, class: 'mv-launch-hint' }, h('span', { class: 'mv-visually-hidden', text: `${label}: ` }),
            i < list.length ? `Event ${i + 1}` : list.length ? 'Another event' : 'Event'),
          select);
      });
      rows.replaceChildren(...selects);
    };
    draw();
    return set;
  }

  // ---- running the review
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(runNow, DEBOUNCE_MS);
  }

  /** Clears the messages next to the inputs and in the box. */
  function clearMessages() {
    for (const el of boxes.values()) { el.replaceChildren(); el.hidden = true; }
    for (const el of [asOfInput, launchedInput, revenueInput, targetInput]) el.removeAttribute('aria-invalid');
    generalBox.replaceChildren();
    generalBox.hidden = true;
  }

  /**
   * The message box a problem belongs in: the input its path names, the
   * events file for its reading (`options.events`, `options.eventsOptions.*`,
   * and the reader's own problems, whose subject is the review's events), the
   * survey; undefined for the box at the top.
   * @param {Problem} p @param {string | undefined} subject the error's
   */
  function boxKey(p, subject) {
    const path = p.path ?? '';
    if (boxes.has(path)) return path;
    if (path === 'options.revenue' || path.startsWith('options.revenue.actual')) return 'options.revenue.actual';
    if (path.startsWith('options.revenue.target')) return 'options.revenue.target';
    if (path.startsWith('options.featureEvents')) {
      const feature = [...boxes.keys()].find((k) => k.startsWith('options.featureEvents') && k !== 'options.featureEvents' && (path === k || path.startsWith(`${k}[`) || path.startsWith(`${k}.`)));
      return feature ?? 'options.featureEvents';
    }
    if (/^options\.events(Options)?([.[]|$)/.test(path) || subject === 'launch review events') return 'options.events';
    if (/^options\.survey([.[]|$)/.test(path)) return 'options.survey';
    return undefined;
  }

  /**
   * Shows problems next to the inputs their paths name, the rest in the box.
   * @param {Problem[]} problems @param {string} [message] what the error said, when no problem is listed
   * @param {string} [subject] what the error was about (`launch review events`: the events file)
   */
  function showProblems(problems, message, subject) {
    /** @type {Problem[]} */
    const rest = [];
    const inputsByKey = new Map([['options.asOf', asOfInput], ['options.launchedOn', launchedInput], ['options.revenue.actual', revenueInput], ['options.revenue.target', targetInput]]);
    for (const p of problems) {
      const key = boxKey(p, subject);
      const el = key ? boxes.get(key) : undefined;
      if (!key || !el) { rest.push(p); continue; }
      const hint = key === 'options.events' ? fileProblemHint(p) : '';
      el.append(h('p', { class: 'mv-launch-msg mv-launch-msg-error', 'data-problem-path': p.path },
        h('span', { class: 'mv-launch-msg-label', text: 'Problem: ' }), `${inPageWords(problemWords(p))}${hint ? `.${hint}` : ''}`));
      el.hidden = false;
      inputsByKey.get(key)?.setAttribute('aria-invalid', 'true');
    }
    if (rest.length || (!problems.length && message)) {
      generalBox.replaceChildren(
        h('p', { class: 'mv-launch-problems-head', text: rest.length && problems.length > rest.length
          ? 'The review cannot run: the problems are shown next to their inputs, and:' : 'The review cannot run:' }),
        rest.length ? h('ul', { class: 'mv-launch-problem-list' }, rest.map((p) => h('li', { 'data-problem-path': p.path },
          h('code', { text: p.path || '(plan)' }), ' ', h('span', { text: inPageWords(problemWords(p)) })))) : h('p', { text: message ?? '' }));
      generalBox.hidden = false;
    }
  }

  /** The features' event names picked or typed, for the plan's features. @returns {Record<string, string[]>} */
  function pickedFeatureEvents() {
    /** @type {Record<string, string[]>} */
    const featureEvents = {};
    const ids = new Set(planFeatures().map((f) => f.id));
    for (const [id, names] of inputs.featureEvents) if (ids.has(id) && names.length) featureEvents[id] = names;
    return featureEvents;
  }
  /** Whether some feature has events picked or typed. */
  const pickedEvents = () => Object.keys(pickedFeatureEvents()).length > 0;

  /** Stops the review running in the worker, if any. */
  function stopJob() {
    job?.cancel();
    job = null;
  }

  /** Runs the review on the current plan and inputs, and shows it. */
  function runNow() {
    clearTimeout(timer);
    stopJob();
    const { plan, asOf: planAsOf, planOk } = current();
    // The review day: typed, else the launch tab's as-of day (shown in the field).
    const typedDay = inputs.asOf !== '' || inputs.bad.has('asOf');
    if (!typedDay && asOfInput.value !== (planAsOf ?? '')) asOfInput.value = isDay(planAsOf) ? planAsOf : '';
    asOfHint.textContent = typedDay ? 'The day of the review. Empty: the launch tab\'s as-of day.'
      : isDay(planAsOf) ? `The day of the review: the launch tab's as-of day (${dayText(planAsOf)}) unless you choose another.`
        : 'The day of the review. The launch tab has no as-of day: choose one.';
    drawPickers();

    const featureEvents = pickedFeatureEvents();
    const picked = Object.keys(featureEvents).length > 0;
    const { events: ev, survey: sv } = usable();

    /** @type {Problem[]} */
    const local = [];
    const day = typedDay ? inputs.asOf : planAsOf;
    if (inputs.bad.has('asOf') || !isDay(day)) {
      local.push({ path: 'options.asOf', value: inputs.bad.has('asOf') ? 'an incomplete date' : 'nothing', expected: 'the day of the review' });
    }
    if (inputs.bad.has('launchedOn')) local.push({ path: 'options.launchedOn', value: 'an incomplete date', expected: 'the day it launched, or nothing' });
    for (const k of /** @type {const} */ (['revenueActual', 'revenueTarget'])) {
      if (inputs.bad.has(k)) local.push({ path: `options.revenue.${k === 'revenueActual' ? 'actual' : 'target'}`, value: 'text that is not a number', expected: 'an amount in currency units' });
    }
    if (inputs.revenueTarget.trim() !== '' && inputs.revenueActual.trim() === '' && !inputs.bad.has('revenueActual')) {
      local.push({ path: 'options.revenue.actual', value: 'nothing', expected: 'the revenue the launch brought, to hold against the target' });
    }
    if (!planOk || local.length) {
      clearMessages();
      showSources();
      if (local.length) showProblems(local);
      showStale(true);
      status.textContent = !planOk ? 'The plan has problems (listed in the editor): the review runs again once they are fixed.'
        : lastReview ? 'Showing the last review until the inputs are fixed.' : '';
      return;
    }

    /** @type {LaunchReviewOptions} */
    const options = { asOf: /** @type {string} */ (day), featureEvents };
    if (inputs.launchedOn) options.launchedOn = inputs.launchedOn;
    if (sv) options.survey = { csat: sv.result.csat ?? null };
    if (inputs.revenueActual.trim() !== '') {
      options.revenue = { actual: Number(inputs.revenueActual), ...(inputs.revenueTarget.trim() !== '' ? { target: Number(inputs.revenueTarget) } : {}) };
    }
    const reasons = {
      events: whyNoEvents(ev, picked),
      survey: sv ? null : files?.current().survey && isSample() ? 'not used: the plan is the built-in sample' : `no survey dropped (drop one with a satisfaction question under ${DROP_HERE})`,
      revenue: 'no revenue given (enter it above)',
    };
    /** @param {LaunchReview} review @param {DroppedEvents | null} entry the events file it used */
    const show = (review, entry) => {
      lastReview = review;
      usedEvents = entry;
      eventsRead = entry ? review.eventsRead ?? null : null;
      clearMessages();
      showStale(false);
      status.textContent = '';
      showSources();
      renderCriteria(summary, criteria, review, reasons);
    };
    /** @param {unknown} e */
    const fail = (e) => {
      clearMessages();
      showSources();
      const subject = e != null && typeof e === 'object' && 'subject' in e && typeof e.subject === 'string' ? e.subject : undefined;
      showProblems(errorProblems(e) ?? [], errorMessage(e), subject);
      showStale(true);
      status.textContent = lastReview ? 'Showing the last review until the problems are fixed.' : '';
    };

    if (ev && picked) {
      // The events file itself, read by the library as the events view read it, in the file worker.
      options.eventsOptions = readingOptions(ev);
      const run = reviewLaunchOf(ev.file, /** @type {LaunchPlan} */ (/** @type {unknown} */ (plan)), options);
      const mine = { entry: ev, cancel: run.cancel };
      job = mine;
      status.textContent = `Reviewing with the events of ${ev.name}…`;
      showSources();
      run.promise.then((review) => {
        if (job !== mine) return;
        job = null;
        show(review, ev);
      }, (e) => {
        if (job !== mine) return;
        job = null;
        fail(e);
      });
      return;
    }
    try {
      show(reviewLaunch(/** @type {LaunchPlan} */ (/** @type {unknown} */ (plan)), options), null);
    } catch (e) {
      fail(e);
    }
  }

  /**
   * Why the review has no events, in the page's words (null when it reads the file).
   * @param {DroppedEvents | null} ev the file it may use @param {boolean} picked
   */
  function whyNoEvents(ev, picked) {
    if (!ev) return files?.current().events && isSample() ? 'not measured: the plan is the built-in sample, and your events are never measured against it'
      : `no usage events: drop an export with event names under ${DROP_HERE}`;
    if (picked) return null;
    if (!ev.csv.eventColumn) return `no event names in ${ev.name}, so no event can stand for a new feature`;
    return 'no event picked: pick each new feature\'s events above';
  }

  /** Marks the review shown as out of date (or current). @param {boolean} stale */
  function showStale(stale) {
    element.dataset.stale = String(stale && !!lastReview);
  }

  files?.subscribe(() => { drawnFor = ''; schedule(); });

  return {
    element,
    /** The plan or its check changed: run again soon. */
    update: schedule,
    /** Runs at once (tests, a state loaded). */
    runNow,
    /** The last review shown, or null. */
    getReview: () => lastReview,
  };
}

/** @typedef {ReturnType<typeof createReview>} Review */
