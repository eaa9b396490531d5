// The upload panel's "Usability test options" (views/upload.js mounts them):
// which columns hold the task table and the questionnaires, the time unit,
// which attempts' times count, how a partial success counts, the SUS version
// and coding, whether unfinished responses are kept, and the confidence level, read into analyzeUsability's
// options (only what differs from its defaults); and the library's words
// for those options as the page names them (usabilityInPageWords), for the
// warnings and problems the usability view shows.

import { h } from '../lib/dom.js';

/** @import { UsabilityOptions } from '../../pkg/web/market_validation.js' */

/**
 * The controls upload.js builds its option panels with.
 * @typedef {object} OptionControls
 * @property {(label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint?: string) => HTMLElement} field
 * @property {(name: string, placeholder: string) => HTMLInputElement} text
 * @property {(name: string, options: [string, string][]) => HTMLSelectElement} select
 * @property {(name: string, rows: number) => HTMLTextAreaElement} lines
 */

/** The library's option names in the page's words: each pattern, then what the page says. @type {[RegExp, string][]} */
const PAGE_WORDS = [
  [/give options\.timeUnit \("milliseconds", "minutes"\)/g, 'choose the unit under "Time unit" in the usability test options'],
  [/give options\.susVersion "all-positive"/g, 'choose "All positive" under "SUS version" in the usability test options'],
  [/give options\.susCoding "1-5"/g, 'choose "1 to 5" under "SUS answers coded" in the usability test options'],
  [/name the ten columns in order in options\.columns\.sus/g, 'name the ten columns in order under "SUS columns" in the usability test options'],
  [/name the columns in options\.columns/g, 'name the columns in the usability test options'],
  [/counted as `?options\.partial`? says/g, 'counted as "A partial success counts as" says in the usability test options'],
  [/options\.includePartial keeps it/g, 'tick "Keep unfinished responses" in the usability test options to keep it'],
];

/** The library's text with its usability options named as the page shows them. @param {string} text */
export const usabilityInPageWords = (text) => PAGE_WORDS.reduce((t, [re, words]) => t.replace(re, words), text);

/**
 * Builds the options panel.
 * @param {OptionControls} c
 * @returns {{ element: HTMLDetailsElement, read: () => UsabilityOptions }}
 */
export function usabilityOptions({ field, text, select, lines }) {
  const u = {
    participant: text('usability-participant', 'detected'),
    task: text('usability-task', 'detected'),
    success: text('usability-success', 'detected'),
    time: text('usability-time', 'detected'),
    seq: text('usability-seq', 'detected'),
    sus: lines('usability-sus', 4),
    umuxLite: lines('usability-umuxLite', 2),
    timeUnit: select('usability-timeUnit', [['', 'From the header, else seconds'], ['seconds', 'Seconds'], ['milliseconds', 'Milliseconds'], ['minutes', 'Minutes']]),
    times: select('usability-times', [['successes', 'Successful attempts only'], ['all', 'Every attempt']]),
    partial: select('usability-partial', [['failure', 'A failure'], ['success', 'A success']]),
    susVersion: select('usability-susVersion', [['', 'From the statements\' wording, else standard'], ['standard', 'Standard (odd statements positive, even negative)'], ['all-positive', 'All positive']]),
    susCoding: select('usability-susCoding', [['', 'From the answers, else 1 to 5'], ['1-5', '1 to 5'], ['0-4', '0 to 4']]),
    level: select('usability-confidenceLevel', [['0.95', '95%'], ['0.9', '90%'], ['0.99', '99%']]),
    includePartial: h('input', { type: 'checkbox', name: 'usability-includePartial', 'data-testid': 'usability-include-partial' }),
  };
  const element = h('details', { class: 'mv-options', 'data-testid': 'upload-usability-options' },
    h('summary', { text: 'Usability test options' }),
    h('div', { class: 'mv-options-grid' },
      field('Participant column', u.participant, 'Header text; empty: detected (participant, user id, respondent…).'),
      field('Task column', u.task, 'Empty: detected (task, task name, scenario).'),
      field('Task success column', u.success, 'Empty: detected (success, completed, outcome, status…).'),
      field('Time on task column', u.time, 'Empty: detected (time, seconds, duration, time on task…).'),
      field('SEQ column', u.seq, 'The Single Ease Question, 1 to 7; empty: detected (SEQ, ease, "how difficult or easy…").'),
      field('SUS columns', u.sus, 'The ten SUS statements\' headers, one a line, in the questionnaire\'s order; empty: found by their wording or as SUS1…SUS10.'),
      field('UMUX-Lite columns', u.umuxLite, 'Its two statements\' headers, one a line: capabilities, then ease; empty: found by their wording.'),
      field('Time unit', u.timeUnit, 'For times written as plain numbers; clock times (1:35) are read as such.'),
      field('Time on task of', u.times),
      field('A partial success counts as', u.partial),
      field('SUS version', u.susVersion),
      field('SUS answers coded', u.susCoding, 'For exports that write numbers instead of the labels.'),
      h('div', { class: 'mv-field mv-check' }, h('label', {}, u.includePartial, ' Keep unfinished responses'),
        h('p', { class: 'mv-hint', text: 'Responses the export marks as not finished (Qualtrics\' Finished = 0, Typeform\'s partial ones) are left out unless this is ticked; an unfinished SUS is then an incomplete questionnaire.' })),
      field('Confidence level', u.level)));

  /** @returns {UsabilityOptions} */
  function read() {
    /** @type {Record<string, string | string[]>} */
    const columns = {};
    for (const k of /** @type {const} */ (['participant', 'task', 'success', 'time', 'seq'])) if (u[k].value.trim()) columns[k] = u[k].value.trim();
    for (const k of /** @type {const} */ (['sus', 'umuxLite'])) {
      const headers = u[k].value.split('\n').map((s) => s.trim()).filter(Boolean);
      // Given as they are: the library names a wrong count.
      if (headers.length) columns[k] = headers;
    }
    /** @type {Record<string, unknown>} */
    const o = {};
    if (Object.keys(columns).length) o.columns = columns;
    if (u.timeUnit.value) o.timeUnit = u.timeUnit.value;
    if (u.times.value !== 'successes') o.times = u.times.value;
    if (u.partial.value !== 'failure') o.partial = u.partial.value;
    if (u.susVersion.value) o.susVersion = u.susVersion.value;
    if (u.susCoding.value) o.susCoding = u.susCoding.value;
    if (u.includePartial.checked) o.includePartial = true;
    if (u.level.value !== '0.95') o.confidenceLevel = Number(u.level.value);
    return /** @type {UsabilityOptions} */ (o);
  }
  return { element, read };
}
