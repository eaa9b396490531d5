// The warehouse panel's inputs: the dialect, the events table and its
// columns, the time column's kind, and the options of the events analysis
// that the statements take, as the usage event options offer them (day
// boundaries, week start, cohort period, retention windows, power users, the
// as-of day). Each input has a box beside it where the library's problems
// land, by their paths (`dialect`, `options.table`, `options.columns.user`,
// ...). A required name the user has not typed yet is not a problem: the
// panel asks for it instead.
import { h, uniqueId as uid } from '../../lib/dom.js';
import { offsetOptions } from '../upload.js';
import { parseFeatures } from '../events-choices.js';

/** @import { EventsSqlOptions, Problem } from '../../../pkg/web/market_validation.js' */

/** The dialects eventsSql writes, as people call them. @type {[Dialect, string][]} */
export const DIALECTS = [
  ['duckdb', 'DuckDB'], ['clickhouse', 'ClickHouse'], ['spark', 'Spark SQL (Databricks)'],
  ['bigquery', 'BigQuery'], ['snowflake', 'Snowflake'], ['postgres', 'PostgreSQL'],
];
/** @typedef {'duckdb' | 'clickhouse' | 'spark' | 'bigquery' | 'snowflake' | 'postgres'} Dialect */

/** An example table name per dialect (BigQuery names a project too). @type {Record<string, string>} */
const TABLE_EXAMPLE = { bigquery: 'my-project.analytics.events', snowflake: 'ANALYTICS.PUBLIC.EVENTS' };

/** The inputs the statements cannot be written without. */
const REQUIRED = ['options.table', 'options.columns.user', 'options.columns.time'];

/** The library's option names as the panel's labels call them. @type {[RegExp, string][]} */
const PAGE_WORDS = [
  [/options\.columns\.user/g, '“User id column”'],
  [/options\.columns\.time/g, '“Time column”'],
  [/options\.columns\.event/g, '“Event name column”'],
  [/options\.columns\.session/g, '“Session id column”'],
  [/options\.timeUnit/g, '“Time column holds”'],
  [/options\.features/g, '“Features”'],
  [/options\.activationEvent/g, '“Activation event”'],
  [/options\.activationWindowDays/g, '“Activation window (days)”'],
];
/** A library text in the panel's words. @param {string} text */
export const inPanelWords = (text) => PAGE_WORDS.reduce((t, [re, words]) => t.replace(re, words), text);

/**
 * One problem in words: the value, what was expected, the hint.
 * @param {Problem} p
 */
export function problemText(p) {
  let line = `${p.value ?? ''}`;
  if (p.expected) line += `${line ? '; ' : ''}expected ${p.expected}`;
  if (p.hint) line += ` (${p.hint})`;
  return inPanelWords(line);
}

/**
 * A box of problems, next to what they are about.
 * @param {string} key the path its problems have
 */
export function problemBox(key) {
  return h('div', { class: 'mv-wh-msgs', id: uid('wh-err'), hidden: true, 'data-error-for': key, 'data-testid': 'warehouse-error' });
}

/**
 * Adds a problem to its box.
 * @param {HTMLElement} box @param {Problem} p
 */
export function addProblem(box, p) {
  box.append(h('p', { class: 'mv-wh-msg', 'data-problem-path': p.path },
    h('span', { class: 'mv-wh-msg-label', text: 'Problem: ' }), problemText(p)));
  box.hidden = false;
}

/**
 * The inputs.
 * @param {() => void} onChange called after every change
 */
export function createInputs(onChange) {
  // No `name` attributes: nothing is submitted, and the usage event options' inputs have the same names.
  /** @param {string} placeholder @param {string} testid */
  const text = (placeholder, testid) => h('input', {
    type: 'text', placeholder, autocomplete: 'off', spellcheck: 'false', maxlength: 1024, 'data-testid': testid,
  });
  /** @param {[string, string][]} options @param {string} testid */
  const select = (options, testid) => h('select', { 'data-testid': testid }, options.map(([v, t]) => h('option', { value: v }, t)));

  const el = {
    dialect: select(DIALECTS, 'warehouse-dialect'),
    table: text('analytics.events', 'warehouse-table'),
    user: text('user_id', 'warehouse-user'),
    time: text('event_time', 'warehouse-time'),
    event: text('none', 'warehouse-event'),
    session: text('none', 'warehouse-session'),
    timeUnit: select([['', 'A timestamp (TIMESTAMP, DATETIME)'], ['seconds', 'Numbers: seconds since 1970'],
      ['milliseconds', 'Numbers: milliseconds since 1970'], ['microseconds', 'Numbers: microseconds since 1970 (GA4)'],
      ['nanoseconds', 'Numbers: nanoseconds since 1970']], 'warehouse-time-unit'),
    offset: h('select', { 'data-testid': 'warehouse-offset' }, offsetOptions(0)),
    weekStart: select([['monday', 'Monday'], ['sunday', 'Sunday']], 'warehouse-week-start'),
    period: select([['week', 'Week'], ['day', 'Day'], ['month', 'Month']], 'warehouse-cohort-period'),
    window: select([['calendar', 'Calendar periods'], ['24h', '24-hour blocks from each user\'s start']], 'warehouse-window'),
    powerDays: h('input', { type: 'number', value: 14, min: 1, max: 28, step: 1, inputmode: 'numeric', 'data-testid': 'warehouse-power-days' }),
    asOf: h('input', { type: 'date', min: '1970-01-01', max: '2099-12-31', 'data-testid': 'warehouse-as-of' }),
    features: h('textarea', { rows: 2, placeholder: 'Projects: project_created, project_shared', spellcheck: 'false', 'data-testid': 'warehouse-features' }),
    activation: text('none', 'warehouse-activation'),
    activationDays: h('input', { type: 'number', value: 7, min: 1, max: 365, step: 1, inputmode: 'numeric', 'data-testid': 'warehouse-activation-days' }),
  };
  /** The inputs by the path of their problems. @type {[string, HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement][]} */
  const byPath = [
    ['dialect', el.dialect], ['options.table', el.table], ['options.columns.user', el.user], ['options.columns.time', el.time],
    ['options.columns.event', el.event], ['options.columns.session', el.session], ['options.timeUnit', el.timeUnit], ['options.utcOffsetMinutes', el.offset],
    ['options.weekStart', el.weekStart], ['options.cohortPeriod', el.period], ['options.window', el.window],
    ['options.powerUserDays', el.powerDays], ['options.asOf', el.asOf],
    ['options.features', el.features], ['options.activationEvent', el.activation], ['options.activationWindowDays', el.activationDays],
  ];
  /** @type {Map<string, HTMLElement>} */
  const boxes = new Map();
  /** The inputs the user has changed. @type {Set<string>} */
  const touched = new Set();

  /**
   * A labelled input with its hint and its problem box.
   * @param {string} label @param {string} path @param {string} [hint]
   */
  const field = (label, path, hint) => {
    const input = /** @type {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} */ (byPath.find(([p]) => p === path)?.[1]);
    input.id = uid('wh-in');
    const box = problemBox(path);
    boxes.set(path, box);
    const hintEl = hint ? h('p', { class: 'mv-hint', id: uid('wh-hint'), text: hint }) : null;
    input.setAttribute('aria-describedby', [hintEl?.id, box.id].filter(Boolean).join(' '));
    input.addEventListener(input instanceof HTMLSelectElement ? 'change' : 'input', () => {
      touched.add(path);
      if (path === 'dialect') el.table.placeholder = TABLE_EXAMPLE[el.dialect.value] ?? 'analytics.events';
      onChange();
    });
    return h('div', { class: 'mv-field' }, h('label', { for: input.id, text: label }), input, hintEl, box);
  };

  const element = h('div', { class: 'mv-wh-inputs' },
    h('div', { class: 'mv-options-grid mv-wh-grid' },
      field('SQL dialect', 'dialect'),
      field('Events table', 'options.table', 'Schema and table (dataset.table; project.dataset.table in BigQuery), split on dots; each part is quoted.'),
      field('User id column', 'options.columns.user', 'Its values are the users, counted as they are.'),
      field('Time column', 'options.columns.time'),
      field('Time column holds', 'options.timeUnit', 'GA4\'s event_timestamp: microseconds.'),
      field('Event name column', 'options.columns.event', 'Optional: the tools\' own $identify-style events are then not counted as activity.'),
      field('Session id column', 'options.columns.session', 'Optional: sessions by id (empty and -1 are none); else, with event names, a new session after 30 minutes without an event.')),
    h('p', { class: 'mv-hint mv-wh-sub', text: 'The analysis, as in the usage event options:' }),
    h('div', { class: 'mv-options-grid mv-wh-grid' },
      field('Day boundaries', 'options.utcOffsetMinutes', 'The time zone days and weeks are counted in.'),
      field('Weeks start on', 'options.weekStart'),
      field('Cohort period', 'options.cohortPeriod', 'Also the period of growth accounting.'),
      field('Retention windows', 'options.window'),
      field('Power user from (days of 28)', 'options.powerUserDays', 'Applied when the results are read back.'),
      field('Analyse up to (as-of date)', 'options.asOf', 'Empty: the day of the last event.')),
    h('p', { class: 'mv-hint mv-wh-sub', text: 'With an event name column: features and activation.' }),
    h('div', { class: 'mv-options-grid mv-wh-grid' },
      field('Features', 'options.features', 'One a line, a name and its events: "Projects: project_created, project_shared".'),
      field('Activation event', 'options.activationEvent', 'An event or a feature named above; it can also be chosen when the results are read.'),
      field('Activation window (days)', 'options.activationWindowDays', 'Activating within this many days of a user\'s start counts.')));

  /**
   * The dialect and the options, as eventsSql takes them. The analysis
   * options are always given (defaults too), so that results written with
   * other ones are told apart when they are read back.
   * @returns {{ dialect: Dialect, options: EventsSqlOptions }}
   */
  function read() {
    /** @type {Record<string, string>} */
    const columns = { user: el.user.value.trim(), time: el.time.value.trim() };
    if (el.event.value.trim()) columns.event = el.event.value.trim();
    if (el.session.value.trim()) columns.session = el.session.value.trim();
    /** @type {Record<string, unknown>} */
    const o = {
      table: el.table.value.trim(),
      columns,
      utcOffsetMinutes: Number(el.offset.value),
      weekStart: el.weekStart.value,
      cohortPeriod: el.period.value,
      window: el.window.value,
    };
    if (el.timeUnit.value) o.timeUnit = el.timeUnit.value;
    if (el.powerDays.value.trim() !== '') o.powerUserDays = Number(el.powerDays.value);
    if (el.asOf.value) o.asOf = el.asOf.value;
    const features = parseFeatures(el.features.value);
    if (features) o.features = features;
    if (el.activation.value.trim()) o.activationEvent = el.activation.value.trim();
    if (el.activationDays.value.trim() !== '') o.activationWindowDays = Number(el.activationDays.value);
    return { dialect: /** @type {Dialect} */ (el.dialect.value), options: /** @type {EventsSqlOptions} */ (o) };
  }

  /** The box a problem's path names, if an input's. @param {string} path */
  const boxFor = (path) => {
    const key = path.startsWith('options.table') ? 'options.table' : path.startsWith('options.features') ? 'options.features' : path;
    return boxes.get(key);
  };

  /** A required input left empty and not touched yet: asked for, not a problem. @param {string} path */
  const waiting = (path) => {
    const key = path.startsWith('options.table') ? 'options.table' : path;
    const input = byPath.find(([p]) => p === key)?.[1];
    return REQUIRED.includes(key) && !touched.has(key) && !!input && input.value.trim() === '';
  };

  return {
    element,
    read,
    /** Whether a required name is still to be typed. */
    incomplete: () => REQUIRED.some(waiting),
    /** Clears the problems shown. */
    clear() {
      for (const box of boxes.values()) { box.replaceChildren(); box.hidden = true; }
      for (const [, input] of byPath) input.removeAttribute('aria-invalid');
    },
    /**
     * Shows each problem next to the input its path names (but those of required
     * names not typed yet); returns the others.
     * @param {Problem[]} problems
     * @returns {Problem[]}
     */
    show(problems) {
      /** @type {Problem[]} */
      const rest = [];
      for (const p of problems) {
        const path = p.path ?? '';
        const box = boxFor(path);
        if (!box) { rest.push(p); continue; }
        if (waiting(path)) continue;
        addProblem(box, p);
        byPath.find(([k]) => box === boxes.get(k))?.[1].setAttribute('aria-invalid', 'true');
      }
      return rest;
    },
  };
}
