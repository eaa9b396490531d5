// The CSV upload panel: a drop zone that is also a keyboard-usable file
// picker, a choice of what the file holds (detected by default), options for
// usage events, surveys and usability tests (views/usability-options.js), a
// progress bar with a Cancel button, and errors shown as text beside the
// zone. Files are read and analysed in a worker (lib/files.js), so the page
// stays responsive; nothing leaves the browser.
import { h } from '../lib/dom.js';
import { errorMessage, errorProblems } from '../lib/errors.js';
import { analyzeFile, formatBytes, unreadableKind, SOURCE_NAMES } from '../lib/files.js';
import { usabilityOptions, usabilityInPageWords } from './usability-options.js';

/** @import { AlsoAnalysed, Analyses, AnalysisOptions, Timings } from '../lib/files.js' */
/** @import { EventsOptions, ExportInfo } from '../../pkg/web/market_validation.js' */

/**
 * The events options chosen after a file is analysed, from the event names it
 * holds (the events view's pickers): they apply to that file, analysed again,
 * and are forgotten when other files are chosen.
 * @typedef {Pick<EventsOptions, 'activationEvent' | 'activationWindowDays' | 'startEvent' | 'returnEvent' | 'retention' | 'features'>} EventChoices
 */

const KIND_NAMES = { survey: 'survey answers', events: 'usage events', usability: 'a usability test' };
let mounts = 0;

/** UTC offsets in 15-minute steps, -14:00..+14:00, as the library accepts them (also the warehouse panel's). @param {number} selected */
export function offsetOptions(selected) {
  const here = -new Date().getTimezoneOffset();
  const out = [];
  for (let m = -840; m <= 840; m += 15) {
    const sign = m < 0 ? '−' : '+';
    const a = Math.abs(m);
    const text = m === 0 ? 'UTC' : `UTC${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
    out.push(h('option', { value: m, selected: m === selected }, m === here ? `${text} (this browser)` : text));
  }
  return out;
}

/**
 * Mounts the upload panel into `container` (its children are replaced).
 * @param {HTMLElement} container
 * @param {object} handlers
 * @param {(result: Analyses['survey'], info: UploadInfo) => void} [handlers.onSurvey] a SurveyAnalysis arrived
 * @param {(result: Analyses['events'], info: UploadInfo) => void} [handlers.onEvents] an EventsCsvAnalysis arrived
 *   (render it with `renderEvents(el, result.analysis, { csv: result })`)
 * @param {(result: Analyses['usability'], info: UploadInfo) => void} [handlers.onUsability] a UsabilityReport arrived:
 *   a usability test's, or (after onSurvey, with the same info) that of a survey that also holds one
 * @param {(error: unknown, info: UploadInfo) => void} [handlers.onError] after the error (an Error, with the
 *   library's `problems` on bad input) is shown beside the zone (it is shown either way)
 * @param {boolean} [handlers.pageDrop] also take files dropped anywhere on the page (default true),
 *   rather than letting the browser navigate to them
 * @returns {{ element: HTMLElement, handleFiles: (files: FileList | File[] | null | undefined) => Promise<void>,
 *   rerunEvents: (choices: EventChoices) => Promise<unknown>, cancel: () => void, destroy: () => void }}
 *   rerunEvents: analyses the last usage-events file again with these choices added to the
 *   events options; resolves with null once its result is delivered (or another analysis took
 *   its place), else with the error (shown beside the zone too) or the cancellation
 *
 * @typedef {{ file: File, name: string, size: number, kind: keyof Analyses, kinds: (keyof Analyses)[], also: AlsoAnalysed,
 *   timings?: Timings, read?: ExportInfo, choices: EventChoices, eventsOptions: EventsOptions }} UploadInfo
 *   kinds: every analysis the file gave (its kind's, then a survey's usability test); also: what else it held;
 *   choices: those the events were analysed with; eventsOptions: all the events options they were analysed
 *   with (the choices among them)
 */
export function mountUpload(container, { onSurvey, onEvents, onUsability, onError, pageDrop = true } = {}) {
  const id = `mv-upload-${++mounts}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;

  // ---- the zone and the picker
  const input = h('input', {
    type: 'file', id: `${id}-file`, class: 'mv-file-input', multiple: true, 'data-testid': 'upload-input',
    accept: '.csv,.tsv,.txt,.tab,.json,.jsonl,.ndjson,.gz,.zip,.xlsx,.parquet,text/csv,text/tab-separated-values,text/plain,application/json,application/gzip,application/zip,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'aria-describedby': `${hintId} ${errorId}`,
  });
  const chosen = h('p', { class: 'mv-chosen', 'data-testid': 'upload-chosen', 'aria-live': 'polite', hidden: true });
  const zone = h('div', { class: 'mv-drop', 'data-testid': 'upload-drop' },
    h('p', { class: 'mv-drop-title', text: 'Drop CSV files here' }),
    h('label', { class: 'mv-file-label', for: input.id, text: 'or choose CSV files' }),
    input,
    chosen,
    h('p', { class: 'mv-hint', id: hintId, text: 'Survey answers (NPS, Sean Ellis, CSAT, feature ratings), usage events (a user id and a time per row) or a usability test (a task table, the SUS or UMUX-Lite): CSV with any delimiter, JSON lines or a JSON array, gzip-compressed or not, a zip of such files, an Excel workbook (.xlsx) or a Parquet file, as your tool exports them. Several files at once are analysed one after the other.' }));

  // ---- what the file holds
  const kindName = `${id}-kind`;
  /** @param {string} value @param {string} label */
  const kindRadio = (value, label) => h('label', { class: 'mv-radio' },
    h('input', { type: 'radio', name: kindName, value, checked: value === 'auto', 'data-testid': `upload-kind-${value}` }), ` ${label}`);
  const kindSet = h('fieldset', { class: 'mv-kind' },
    h('legend', { text: 'What the file holds' }),
    kindRadio('auto', 'Detect from the header'), kindRadio('survey', 'Survey answers'), kindRadio('events', 'Usage events'),
    kindRadio('usability', 'Usability test'));
  /** @returns {keyof Analyses | 'auto'} */
  const chosenKind = () => {
    const checked = kindSet.querySelector('input:checked');
    const value = checked instanceof HTMLInputElement ? checked.value : 'auto';
    return value === 'survey' || value === 'events' || value === 'usability' ? value : 'auto';
  };

  // ---- options
  /** @param {string} label @param {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} control @param {string} [hint] */
  const field = (label, control, hint) => {
    control.id = `${id}-${control.name}`;
    return h('div', { class: 'mv-field' }, h('label', { for: control.id, text: label }), control,
      hint ? h('p', { class: 'mv-hint', text: hint }) : null);
  };
  /** @param {string} name @param {string} placeholder */
  const text = (name, placeholder) => h('input', { type: 'text', name, placeholder, autocomplete: 'off', spellcheck: 'false', maxlength: 200 });
  /** @param {string} name @param {[string, string][]} options */
  const select = (name, options) => h('select', { name }, options.map(([v, t]) => h('option', { value: v }, t)));
  /** @param {string} name @param {number} value @param {number} min @param {number} max @param {number} [step] */
  const number = (name, value, min, max, step = 1) => h('input', { type: 'number', name, value, min, max, step, inputmode: 'decimal' });

  const ev = {
    user: text('user', 'detected'), time: text('time', 'detected'), signup: text('signup', 'none'), event: text('event', 'detected'),
    session: text('session', 'detected'),
    offset: h('select', { name: 'utcOffsetMinutes' }, offsetOptions(0)),
    weekStart: select('weekStart', [['monday', 'Monday'], ['sunday', 'Sunday']]),
    period: select('cohortPeriod', [['week', 'Week'], ['day', 'Day'], ['month', 'Month']]),
    window: select('window', [['calendar', 'Calendar periods'], ['24h', '24-hour blocks from each user\'s start']]),
    powerDays: number('powerUserDays', 14, 1, 28),
    sessionGap: number('sessionGapMinutes', 30, 1, 1440),
    asOf: h('input', { type: 'date', name: 'asOf' }),
    identity: select('identity', [['link', 'Link anonymous ids to signed-in ids'], ['as-is', 'Count every id apart']]),
    timeUnit: select('timeUnit', [['', 'From their size'], ['seconds', 'Seconds since 1970'], ['milliseconds', 'Milliseconds since 1970'],
      ['microseconds', 'Microseconds since 1970 (GA4)'], ['nanoseconds', 'Nanoseconds since 1970'], ['yyyymmdd', 'Dates written YYYYMMDD']]),
  };
  const eventsOptions = h('details', { class: 'mv-options', 'data-testid': 'upload-events-options' },
    h('summary', { text: 'Usage event options' }),
    h('div', { class: 'mv-options-grid' },
      field('User id column', ev.user, 'Header text; empty: detected (user_id, distinct_id…).'),
      field('Time column', ev.time, 'Empty: detected (timestamp, time, date…).'),
      field('Signup time column', ev.signup, 'Optional: users are then new on their signup day.'),
      field('Event name column', ev.event, 'Empty: detected (event, event_name, event_type). The tools\' own $identify-style events are not counted as activity.'),
      field('Session id column', ev.session, 'Empty: detected ($session_id, session_id, ga_session_id); without one, a session ends after 30 minutes without an event.'),
      field('Time unit', ev.timeUnit, 'For times written as numbers; empty: from their size.'),
      field('Users', ev.identity, 'Linked: a person\'s anonymous (device) ids count as the signed-in id seen with them, as the analytics tools count.'),
      field('Day boundaries', ev.offset, 'The time zone days and weeks are counted in.'),
      field('Weeks start on', ev.weekStart),
      field('Cohort period', ev.period, 'Also the period of growth accounting.'),
      field('Retention windows', ev.window),
      field('Power user from (days of 28)', ev.powerDays),
      field('Session timeout (minutes)', ev.sessionGap, 'Without a session id column: minutes without an event that end a session.'),
      field('Analyse up to (as-of date)', ev.asOf, 'Empty: the day of the last event.')));

  const sv = {
    nps: text('nps', 'detected'),
    pmf: text('pmf', 'detected'),
    csat: text('csat', 'detected'),
    mainBenefit: text('mainBenefit', 'detected'),
    whoBenefits: text('whoBenefits', 'detected'),
    improve: text('improve', 'detected'),
    requests: text('requests', 'detected'),
    segment: h('textarea', { name: 'segment', rows: 2, placeholder: 'detected', autocomplete: 'off', spellcheck: 'false', maxlength: 1000, 'data-testid': 'upload-segment-columns' }),
    csatScale: select('csatScale', [['', 'From the question, else 1 = least satisfied'], ['ascending', '1 = least satisfied'], ['descending', '1 = most satisfied']]),
    partial: h('input', { type: 'checkbox', name: 'includePartial', 'data-testid': 'upload-include-partial' }),
    waves: select('waves', [['', 'None'], ['month', 'By month'], ['quarter', 'By quarter']]),
    date: text('date', 'detected'),
    dateOrder: select('dateOrder', [['', 'From the dates, else the tool\'s'], ['month-day', 'Month first (11/03 = Nov 3)'], ['day-month', 'Day first (11/03 = 11 Mar)']]),
    level: select('confidenceLevel', [['0.95', '95%'], ['0.9', '90%'], ['0.99', '99%']]),
    bar: number('pmfBar', 40, 1, 99),
    minSegment: number('minSegmentSize', 40, 1, 1000000),
  };
  const surveyOptions = h('details', { class: 'mv-options', 'data-testid': 'upload-survey-options' },
    h('summary', { text: 'Survey options' }),
    h('div', { class: 'mv-options-grid' },
      field('NPS column', sv.nps, 'Header text (or Qualtrics column id, Q1); empty: detected.'),
      field('Sean Ellis column', sv.pmf, '"How would you feel if you could no longer use…"; empty: detected.'),
      field('Satisfaction column', sv.csat, 'A 1 to 5 satisfaction question; empty: detected.'),
      field('Free-text columns: main benefit', sv.mainBenefit, '"What is the main benefit you receive from…?"; empty: detected.'),
      field('Free-text columns: who benefits', sv.whoBenefits, '"What type of people do you think would most benefit…?"; empty: detected.'),
      field('Free-text columns: how to improve', sv.improve, '"How can we improve… for you?"; empty: detected.'),
      field('Free-text columns: feature requests', sv.requests, '"What should we build next?", "Feature requests"…; empty: detected, else the improvement question.'),
      field('Segment columns', sv.segment, 'Header text of each column to break results down by, one a line; empty: detected (role, plan, company size…).'),
      field('Satisfaction codes', sv.csatScale, 'For exports that write 1 to 5 instead of the labels.'),
      field('Waves', sv.waves, 'Split the answers by completion date, with the change from one wave to the next.'),
      field('Completion date column', sv.date, 'For waves; empty: the tool\'s (RecordedDate, End Date, Timestamp…).'),
      field('Dates written', sv.dateOrder),
      h('div', { class: 'mv-field mv-check' }, h('label', {}, sv.partial, ' Keep unfinished responses'),
        h('p', { class: 'mv-hint', text: 'Responses the export marks as not finished (Qualtrics\' Finished = 0) are left out unless this is ticked.' })),
      field('Confidence level', sv.level),
      field('Sean Ellis bar (%)', sv.bar),
      field('Smallest segment ranked (answers)', sv.minSegment)));

  /** @param {string} name @param {number} rows */
  const lines = (name, rows) => h('textarea', { name, rows, placeholder: 'detected', autocomplete: 'off', spellcheck: 'false', maxlength: 4000 });
  const usability = usabilityOptions({ field, text, select, lines });

  /**
   * Only what differs from the library's defaults, so its own messages apply to the rest.
   * @template {keyof Analyses} K
   * @param {K} kind
   * @returns {AnalysisOptions[K]}
   */
  function readOptions(kind) {
    /** @param {HTMLInputElement} el */
    const num = (el) => (el.value.trim() === '' ? undefined : Number(el.value));
    if (kind === 'events') {
      /** @type {Record<string, string>} */
      const columns = {};
      for (const k of /** @type {const} */ (['user', 'time', 'signup', 'event', 'session'])) if (ev[k].value.trim()) columns[k] = ev[k].value.trim();
      /** @type {Record<string, unknown>} */
      const o = { ...choices };
      if (Object.keys(columns).length) o.columns = columns;
      if (ev.offset.value !== '0') o.utcOffsetMinutes = Number(ev.offset.value);
      if (ev.weekStart.value !== 'monday') o.weekStart = ev.weekStart.value;
      if (ev.period.value !== 'week') o.cohortPeriod = ev.period.value;
      if (ev.window.value !== 'calendar') o.window = ev.window.value;
      if (num(ev.powerDays) !== undefined && num(ev.powerDays) !== 14) o.powerUserDays = num(ev.powerDays);
      if (num(ev.sessionGap) !== undefined && num(ev.sessionGap) !== 30) o.sessionGapMinutes = num(ev.sessionGap);
      if (ev.asOf.value) o.asOf = ev.asOf.value;
      if (ev.timeUnit.value) o.timeUnit = ev.timeUnit.value;
      if (ev.identity.value !== 'link') o.identity = ev.identity.value;
      return o;
    }
    /** @type {Record<string, unknown>} */
    const o = {};
    /** @type {Record<string, string | string[]>} */
    const columns = {};
    for (const k of /** @type {const} */ (['nps', 'pmf', 'csat', 'date', 'mainBenefit', 'whoBenefits', 'improve', 'requests'])) if (sv[k].value.trim()) columns[k] = sv[k].value.trim();
    // One header a line: the first is `segment` (the main breakdown), the rest `segments`.
    const segments = sv.segment.value.split('\n').map((s) => s.trim()).filter(Boolean);
    if (segments.length) columns.segment = segments[0];
    if (segments.length > 1) columns.segments = segments.slice(1);
    if (Object.keys(columns).length) o.columns = columns;
    if (sv.csatScale.value) o.scales = { csat: sv.csatScale.value };
    if (sv.partial.checked) o.includePartial = true;
    if (sv.waves.value) o.waves = sv.waves.value;
    if (sv.dateOrder.value) o.dateOrder = sv.dateOrder.value;
    if (sv.level.value !== '0.95') o.confidenceLevel = Number(sv.level.value);
    const bar = num(sv.bar);
    if (bar !== undefined && bar !== 40) o.pmfBar = bar / 100;
    if (num(sv.minSegment) !== undefined && num(sv.minSegment) !== 40) o.minSegmentSize = num(sv.minSegment);
    return o;
  }

  // ---- progress, cancel, status and errors
  const progress = h('progress', { class: 'mv-progress', max: 1, value: 0, 'data-testid': 'upload-progress', 'aria-label': 'Progress of the file analysis' });
  const phase = h('p', { class: 'mv-phase', 'data-testid': 'upload-phase', text: 'Choose or drop a file to analyse it.' });
  const live = h('p', { class: 'mv-visually-hidden', role: 'status' }); // phase changes only, not every chunk
  const cancelButton = h('button', { type: 'button', class: 'mv-cancel', disabled: true, 'data-testid': 'upload-cancel' }, 'Cancel');
  const errors = h('div', { class: 'mv-upload-error', id: errorId, role: 'alert', 'data-testid': 'upload-error', hidden: true });
  const progressRow = h('div', { class: 'mv-progress-row', 'data-state': 'idle', 'data-testid': 'upload-status' },
    h('div', { class: 'mv-progress-text' }, progress, phase), cancelButton, live);

  const element = h('div', { class: 'mv-upload' }, zone, errors, progressRow, kindSet, eventsOptions, surveyOptions, usability.element);
  container.replaceChildren(element);

  /** @param {string} visible what the phase line says @param {string} [announce] what screen readers are told */
  const say = (visible, announce) => {
    phase.textContent = visible;
    if (announce) live.textContent = announce;
  };
  /** @param {'idle' | 'running' | 'done' | 'error' | 'cancelled'} state */
  const setState = (state) => {
    progressRow.dataset.state = state;
    zone.dataset.state = state;
    cancelButton.disabled = state !== 'running';
  };

  function clearErrors() { errors.replaceChildren(); errors.hidden = true; }
  /**
   * Shows an error as text: the message, then each problem as `path: expected`.
   * @param {string} fileName @param {unknown} error
   */
  function showError(fileName, error) {
    const problems = errorProblems(error) ?? [];
    const message = error != null && typeof error === 'object' && 'message' in error ? error.message : undefined;
    errors.append(h('div', { class: 'mv-error-block' },
      h('p', { class: 'mv-error-message' }, fileName ? [h('strong', { text: fileName }), ': '] : null, usabilityInPageWords(String(message || error))),
      problems.length ? h('ul', { class: 'mv-problems' }, problems.map((p) => h('li', {},
        h('code', { text: p.path || 'input' }), `: ${usabilityInPageWords(p.expected)}`,
        p.value != null && p.value !== '' ? h('span', { class: 'mv-muted', text: ` (got ${p.value})` }) : null,
        p.hint ? h('span', { class: 'mv-hint-inline', text: ` ${p.hint}` }) : null))) : null));
    errors.hidden = false;
  }

  // ---- running jobs, one file at a time
  /** The job running now. @type {{ cancel: () => void } | null} */
  let current = null;
  let generation = 0;
  /** A file whose kind could not be told: analysed once a kind is chosen. @type {File | null} */
  let undetected = null;
  /** The last file shown as usage events, and the choices made from its event names. */
  let lastEvents = /** @type {File | null} */ (null);
  let choices = /** @type {EventChoices} */ ({});
  /** The generation of the last batch stopped by the Cancel button. */
  let cancelled = 0;
  let ticker = 0;

  /** @type {{ [K in keyof Analyses]?: (result: Analyses[K], info: UploadInfo) => void }} */
  const handlers = { survey: onSurvey, events: onEvents, usability: onUsability };
  /**
   * Hands a result to its handler.
   * @template {keyof Analyses} K
   * @param {K} kind @param {Analyses[K]} result @param {UploadInfo} info
   */
  const deliver = (kind, result, info) => handlers[kind]?.(result, info);
  /**
   * Hands a finished job's results to their handlers: its kind's, then a survey's usability test.
   * @param {import('../lib/files.js').FileAnalysis} job @param {UploadInfo} info
   */
  const deliverAll = (job, info) => {
    if (job.kind === 'survey') deliver('survey', job.result, info);
    else if (job.kind === 'events') deliver('events', job.result, info);
    else deliver('usability', job.result, info);
    if (job.also.usability) deliver('usability', job.also.usability, info);
  };

  /**
   * Analyses one file of a batch.
   * @param {File} file @param {number} gen the batch's generation @param {number} total @param {number} index
   * @param {keyof Analyses} [kindAsked] what the file holds, when known (else the choice above the options)
   * @returns {Promise<{ goOn: boolean, error?: unknown }>} whether to go on with the batch, and the error shown
   */
  async function runOne(file, gen, total, index, kindAsked) {
    const count = total > 1 ? ` (file ${index + 1} of ${total})` : '';
    if (!file.size) {
      const error = new Error('The file is empty.');
      showError(file.name, error);
      return { goOn: true, error };
    }
    const unreadable = await unreadableKind(file).catch(() => null);
    if (gen !== generation) return { goOn: false };
    if (unreadable) {
      const error = new Error(`This is ${unreadable}; the page reads CSV, JSON, gzip, zip and Parquet files and Excel workbooks (.xlsx). Export the data as CSV (in a spreadsheet: File > Save as or Download > CSV) and drop that.`);
      showError(file.name, error);
      return { goOn: true, error };
    }
    const asked = kindAsked ?? chosenKind();
    const options = { survey: readOptions('survey'), events: readOptions('events'), usability: usability.read() };
    const kindGuess = asked === 'auto' ? 'survey' : asked;
    /** @type {UploadInfo} */
    const info = { file, name: file.name, size: file.size, kind: kindGuess, kinds: [kindGuess], also: {}, choices: { ...choices }, eventsOptions: options.events };
    const size = formatBytes(file.size);
    setState('running');
    progress.max = Math.max(1, file.size);
    progress.value = 0;
    say(`Reading ${file.name}${count}…`, `Reading ${file.name}`);
    const started = performance.now();
    const what = asked === 'auto' ? 'the file' : KIND_NAMES[asked];
    const job = analyzeFile(file, asked, options, (p) => {
      if (gen !== generation) return;
      if (p.phase === 'reading') {
        progress.max = Math.max(1, p.total);
        progress.value = p.loaded;
        say(`Reading ${formatBytes(p.loaded)} of ${formatBytes(p.total)}${count}…`);
      } else if (p.phase === 'analysing') {
        progress.removeAttribute('value'); // indeterminate: the analysis reports no steps
        const analysing = `Analysing ${size} of ${what}${count}…`;
        say(analysing, analysing);
        const t0 = performance.now();
        clearInterval(ticker);
        ticker = setInterval(() => say(`${analysing} ${Math.round((performance.now() - t0) / 1000)} s`), 1000);
      }
    });
    current = job;
    try {
      const done = await job.promise;
      const { kind, info: read, timings, also } = done;
      if (gen !== generation) return { goOn: false };
      info.kind = kind;
      info.also = also;
      info.kinds = also.usability ? [kind, 'usability'] : [kind];
      info.timings = timings;
      info.read = read;
      const secs = ((performance.now() - started) / 1000).toFixed(1);
      progress.max = 1;
      progress.value = 1;
      setState('done');
      const tool = read && read.source !== 'unknown' ? ` from ${SOURCE_NAMES[read.source] ?? read.source}` : '';
      const held = info.kinds.map((k) => KIND_NAMES[k]).join(' and ');
      say(`Analysed ${file.name} (${size}, ${held}${tool}) in ${secs} s.`, `Analysed ${file.name}`);
      if (kind === 'events') lastEvents = file;
      try {
        deliverAll(done, info);
      } catch (e) {
        console.error(e);
        const error = new Error(`Analysed, but the result could not be shown: ${errorMessage(e)}`);
        showError(file.name, error);
        return { goOn: true, error };
      }
      return { goOn: true };
    } catch (e) {
      if (e != null && typeof e === 'object' && 'name' in e && e.name === 'AbortError') return { goOn: false };
      if (gen !== generation) return { goOn: false };
      // Neither kind: analysed again once the user says which.
      if (e != null && typeof e === 'object' && 'name' in e && e.name === 'UnknownKind') undetected = file;
      setState('error');
      progress.value = 0;
      say(`Could not analyse ${file.name}.`, `Could not analyse ${file.name}`);
      showError(file.name, e);
      try { onError?.(e, info); } catch (err) { console.error(err); }
      return { goOn: true, error: e };
    } finally {
      clearInterval(ticker);
      if (gen === generation) current = null;
    }
  }

  /** Starts a batch: cancels the running one and clears the errors shown. @returns {number} the batch's generation */
  function newBatch() {
    const gen = ++generation;
    current?.cancel();
    current = null;
    undetected = null;
    clearErrors();
    return gen;
  }

  /**
   * Analyses the files one after the other; a new call cancels the running one.
   * The choices made from the last file's event names are forgotten.
   * @param {FileList | File[] | null | undefined} fileList
   */
  async function handleFiles(fileList) {
    const files = [...(fileList ?? [])];
    if (!files.length) return;
    const gen = newBatch();
    choices = {};
    // The picker is reset after each choice (so the same file can be chosen again): say here what was chosen.
    chosen.textContent = files.length === 1 ? `${files[0].name} (${formatBytes(files[0].size)})` : `${files.length} files: ${files.map((f) => f.name).join(', ')}`;
    chosen.hidden = false;
    for (let i = 0; i < files.length; i++) {
      if (gen !== generation) return;
      const { goOn } = await runOne(files[i], gen, files.length, i);
      if (!goOn) return;
    }
  }

  /**
   * Analyses the last usage-events file again, with the choices made from its event names.
   * @param {EventChoices} next
   * @returns {Promise<unknown>} the error, or that it was cancelled; null once the result is
   *   delivered, or when another analysis took its place
   */
  async function rerunEvents(next) {
    if (!lastEvents) return new Error('No usage events file to analyse again.');
    const gen = newBatch();
    choices = { ...next };
    const { error } = await runOne(lastEvents, gen, 1, 0, 'events');
    if (error) return error;
    return cancelled === gen ? new Error('The analysis was cancelled.') : null;
  }

  function cancel() {
    if (!current) return;
    cancelled = generation;
    generation++;
    current.cancel();
    current = null;
    clearInterval(ticker);
    progress.value = 0;
    setState('cancelled');
    say('Cancelled.', 'Analysis cancelled');
  }

  // ---- events
  input.addEventListener('change', () => {
    const files = [...(input.files ?? [])];
    input.value = ''; // so that choosing the same file again analyses it again
    handleFiles(files);
  });
  cancelButton.addEventListener('click', cancel);
  kindSet.addEventListener('change', () => {
    const kind = chosenKind();
    if (undetected && kind !== 'auto') handleFiles([undetected]);
  });

  /** @param {DragEvent} e */
  const hasFiles = (e) => [...(e.dataTransfer?.types ?? [])].includes('Files');
  let depth = 0; // dragenter/leave fire for every child: count them
  zone.addEventListener('dragenter', (e) => { if (!hasFiles(e)) return; e.preventDefault(); depth++; zone.classList.add('mv-drag-over'); });
  zone.addEventListener('dragover', (e) => { if (!hasFiles(e)) return; e.preventDefault(); if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy'; });
  zone.addEventListener('dragleave', () => { depth = Math.max(0, depth - 1); if (!depth) zone.classList.remove('mv-drag-over'); });
  zone.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.stopPropagation();
    depth = 0;
    zone.classList.remove('mv-drag-over');
    handleFiles(e.dataTransfer?.files);
  });
  // A file dropped beside the zone would make the browser open it and lose the page.
  /** @param {DragEvent} e */
  const onPageDragOver = (e) => { if (hasFiles(e)) { e.preventDefault(); if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy'; } };
  /** @param {DragEvent} e */
  const onPageDrop = (e) => {
    if (!hasFiles(e) || e.defaultPrevented) return;
    e.preventDefault();
    handleFiles(e.dataTransfer?.files);
  };
  if (pageDrop) {
    window.addEventListener('dragover', onPageDragOver);
    window.addEventListener('drop', onPageDrop);
  }

  return {
    element,
    handleFiles,
    rerunEvents,
    cancel,
    destroy() {
      cancel();
      window.removeEventListener('dragover', onPageDragOver);
      window.removeEventListener('drop', onPageDrop);
      element.remove();
    },
  };
}
