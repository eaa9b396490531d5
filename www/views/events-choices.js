// The choices a usage-events file's event names allow, made after it is
// analysed: the activation event and its window, the events retention
// cohorts start on and count returns on, how retention counts a user, and
// which events make up each feature. A change analyses the file again
// (views/upload.js, rerunEvents) and the view is drawn anew, focus kept on
// the control that changed.
import { h, fmtInt, uniqueId as uid } from '../lib/dom.js';
import { errorMessage, asSentence } from '../lib/errors.js';
import { panel } from '../lib/widgets.js';

/** @import { EventsAnalysis, FeatureUse } from '../../pkg/web/market_validation.js' */
/** @import { EventChoices } from './upload.js' */

/** The library's default activation window, in days. */
export const DEFAULT_ACTIVATION_DAYS = 7;
/** The options these controls set, as the page labels them. @type {Record<string, string>} */
const LABELS = {
  activationEvent: 'Activation event', activationWindowDays: 'Activation window (days)', startEvent: 'Retention cohorts start on',
  returnEvent: 'Retention counts returns of', retention: 'Retention counts a user', features: 'Features',
};
/** The library's message with the option names as the controls' labels: "options.startEvent" -> "“Retention cohorts start on”". @param {string} text */
const inPageWords = (text) => text.replace(/options\.([A-Za-z]+)/g, (m, name) => (LABELS[name] ? `“${LABELS[name]}”` : m));

/**
 * The event names found (activity only), most users first, then the named features.
 * @param {EventsAnalysis} a
 * @returns {{ events: FeatureUse[], features: FeatureUse[] }}
 */
export function pickable(a) {
  const all = a.features ?? [];
  const events = all.filter((f) => f.kind === 'event').sort((x, y) => y.users - x.users || (x.name < y.name ? -1 : 1));
  return { events, features: all.filter((f) => f.kind === 'feature') };
}

/**
 * `options.features` as a text, one feature a line: "Projects: project_created, project_shared".
 * @param {EventChoices['features']} features
 */
export function featuresText(features) {
  return Object.entries(features ?? {}).map(([name, events]) => `${name}: ${[events].flat().join(', ')}`).join('\n');
}

/**
 * The features a text names, one a line: "Name: event, event"; a line without a colon is one event, named as itself.
 * @param {string} text
 * @returns {Record<string, string[]> | undefined} undefined when no line names one
 */
export function parseFeatures(text) {
  /** @type {Record<string, string[]>} */
  const out = {};
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    const name = (colon < 0 ? line : line.slice(0, colon)).trim();
    const events = (colon < 0 ? line : line.slice(colon + 1)).split(',').map((e) => e.trim()).filter(Boolean);
    if (name && events.length) out[name] = [...(out[name] ?? []), ...events];
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * The panel of choices. `onChoose` analyses the file again with the choices
 * made; it resolves with the error when that failed (the controls then go back
 * to the choices shown), else null.
 * @param {EventsAnalysis} a
 * @param {EventChoices} choices those the analysis shown was made with
 * @param {(choices: EventChoices) => Promise<unknown>} onChoose
 * @returns {HTMLElement}
 */
export function choicesPanel(a, choices, onChoose) {
  const id = uid('choices');
  const { events, features } = pickable(a);
  /** @param {FeatureUse} f */
  const option = (f) => h('option', { value: f.name }, `${f.name} (${fmtInt(f.users)} user${f.users === 1 ? '' : 's'})`);
  /** The events, and the named features apart. @param {string} name @param {string} none what no choice means */
  const eventSelect = (name, none) => h('select', { name, 'data-choice': name },
    h('option', { value: '' }, none),
    features.length ? h('optgroup', { label: 'Features' }, features.map(option)) : null,
    features.length ? h('optgroup', { label: 'Events' }, events.map(option)) : events.map(option));

  const controls = {
    activationEvent: eventSelect('activationEvent', 'None'),
    activationWindowDays: h('input', {
      type: 'number', name: 'activationWindowDays', 'data-choice': 'activationWindowDays', min: 1, max: 365, step: 1, inputmode: 'numeric',
      value: choices.activationWindowDays ?? DEFAULT_ACTIVATION_DAYS,
    }),
    startEvent: eventSelect('startEvent', 'Their start (signup, else first event)'),
    returnEvent: eventSelect('returnEvent', 'Any event'),
    retention: h('select', { name: 'retention', 'data-choice': 'retention' },
      h('option', { value: 'on' }, 'In each period they came back in'),
      h('option', { value: 'on-or-after' }, 'In every period up to their last return (on or after)')),
    features: h('textarea', {
      name: 'features', 'data-choice': 'features', rows: 3, autocomplete: 'off', spellcheck: 'false', maxlength: 20000,
      placeholder: 'Projects: project_created, project_shared',
    }),
  };
  /** Puts the controls back to the choices the analysis shown was made with. */
  const showChoices = () => {
    controls.activationEvent.value = choices.activationEvent ?? '';
    controls.activationWindowDays.value = String(choices.activationWindowDays ?? DEFAULT_ACTIVATION_DAYS);
    controls.startEvent.value = choices.startEvent ?? '';
    controls.returnEvent.value = choices.returnEvent ?? '';
    controls.retention.value = choices.retention ?? 'on';
    controls.features.value = featuresText(choices.features);
  };
  showChoices();

  const status = h('p', { class: 'mv-use-status mv-choices-status', role: 'status', 'data-testid': 'events-choices-status' });
  /** @param {string} label @param {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} control @param {string} [hint] */
  const field = (label, control, hint) => {
    control.id = `${id}-${control.name}`;
    const hintId = hint ? `${control.id}-hint` : null;
    if (hintId) control.setAttribute('aria-describedby', hintId);
    return h('div', { class: 'mv-field' }, h('label', { for: control.id, text: label }), control,
      hint ? h('p', { class: 'mv-hint', id: hintId, text: hint }) : null);
  };

  /** The choices the controls hold: only what differs from the library's defaults. @returns {EventChoices} */
  const chosen = () => {
    /** @type {EventChoices} */
    const c = {};
    if (controls.activationEvent.value) c.activationEvent = controls.activationEvent.value;
    const days = Number(controls.activationWindowDays.value);
    if (days !== DEFAULT_ACTIVATION_DAYS) c.activationWindowDays = days;
    if (controls.startEvent.value) c.startEvent = controls.startEvent.value;
    if (controls.returnEvent.value) c.returnEvent = controls.returnEvent.value;
    if (controls.retention.value === 'on-or-after') c.retention = 'on-or-after';
    const named = parseFeatures(controls.features.value);
    if (named) c.features = named;
    return c;
  };

  const form = h('form', { class: 'mv-options-grid mv-choices', 'aria-label': 'Activation, retention and features', novalidate: true },
    field('Activation event', controls.activationEvent, 'The event (or feature) that marks a user as activated: the activation rate and time to it.'),
    field('Activation window (days)', controls.activationWindowDays, 'Activating counts within this many days of a user\'s start, 1 to 365.'),
    field('Retention cohorts start on', controls.startEvent, 'A user\'s cohort is the period of their first such event.'),
    field('Retention counts returns of', controls.returnEvent, 'Only this event (or feature) counts as coming back.'),
    field('Retention counts a user', controls.retention, '"Up to their last return" (unbounded retention) never rises.'),
    field('Features', controls.features, 'One a line, a name and its events: "Projects: project_created, project_shared". They fill the feature usage and adoption of the score.'));
  form.addEventListener('submit', (e) => e.preventDefault());
  form.addEventListener('change', async () => {
    const days = controls.activationWindowDays;
    if (!days.checkValidity() || days.value.trim() === '' || !Number.isInteger(Number(days.value))) {
      status.dataset.kind = 'error';
      status.textContent = 'The activation window is a whole number of days from 1 to 365.';
      return;
    }
    status.dataset.kind = 'ok';
    status.textContent = 'Analysing the file again with these choices…';
    const error = await onChoose(chosen());
    // Analysed: the view is drawn anew (and this panel with it). Else say why, and show the choices still in use.
    if (error == null || !form.isConnected) return;
    showChoices();
    status.dataset.kind = 'error';
    status.textContent = `${asSentence(inPageWords(errorMessage(error)))} The figures shown are those of the earlier choices.`;
  });

  return panel('Activation, retention and features', [
    h('p', { class: 'mv-note', text: `From the ${fmtInt(events.length)} event name${events.length === 1 ? '' : 's'} found; a change analyses the file again.` }),
    form,
    status,
  ], { wide: true, testid: 'events-choices' });
}
