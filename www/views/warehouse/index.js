// "Run it in your warehouse": for events too many for a browser, the events
// analysis as SQL for the user's warehouse (the library's eventsSql), and its
// small results taken back as CSV or Parquet files into the same analysis
// (analyzeEventAggregates), shown in the events view like a dropped events
// file's. Under the files tab's upload panel, folded; opening it loads the
// library's readers part (the only one with the warehouse functions:
// lib/engine.js), and the parquet part for a Parquet result. The inputs (inputs.js) write the statements
// (statements.js) at every change; the results (results.js), once each
// required one is there, are read with the same options. Problems land next
// to the inputs and files their paths name. Nothing of it goes into share
// links (the usage event options do not either), and the page has no sample
// results: what the events view shows from here is the user's warehouse's.
import { h } from '../../lib/dom.js';
import { loadParquet, loadReaders } from '../../lib/engine.js';
import { errorMessage, errorProblems } from '../../lib/errors.js';
import { createInputs } from './inputs.js';
import { createStatements } from './statements.js';
import { createResults, problemList } from './results.js';

/** @import { EventAggregateTables, EventsAnalysis, EventsSql, EventsSqlOptions, Problem } from '../../../pkg/web/market_validation.js' */
/** @import { Readers } from '../../lib/engine.js' */

/** How long the panel waits after a change before it writes the statements again. */
const DEBOUNCE_MS = 120;

/**
 * Where the events view's figures came from: the results read and their files.
 * @typedef {{ files: [string, string][] }} WarehouseSource  files: [statement, file name] pairs
 */

/**
 * Mounts the panel into `container` (its children are replaced).
 * @param {HTMLElement} container
 * @param {object} o
 * @param {(analysis: EventsAnalysis, source: WarehouseSource) => void} o.onResult  the results read: show them
 * @param {() => Promise<Readers>} [o.load]  loads the library's warehouse functions (default: the readers part)
 * @param {() => Promise<Readers>} [o.loadParquet]  the same with the Parquet reader, for Parquet results (default: the parquet part)
 */
export function mountWarehouse(container, { onResult, load = loadReaders, loadParquet: parquetPart = loadParquet }) {
  /** The panel's one state. */
  const state = {
    /** The library's warehouse functions, once loaded. @type {Readers | null} */
    lib: /** @type {Readers | null} */ (null),
    /** The statements last written without problems. @type {EventsSql | null} */
    sql: /** @type {EventsSql | null} */ (null),
    timer: 0,
    /** Counts the readings of the results, so that only the last one shows. */
    reading: 0,
    /** What the last reading read (options and files), and the problems it found (shown again until either changes). */
    readKey: '',
    /** @type {Problem[]} */
    readProblems: /** @type {Problem[]} */ ([]),
    readMessage: '',
  };

  const inputs = createInputs(() => schedule());
  const statements = createStatements();
  const results = createResults(() => schedule());
  const loadStatus = h('p', { class: 'mv-wh-status', role: 'status', 'data-testid': 'warehouse-status' });
  const prompt = h('p', { class: 'mv-hint mv-wh-prompt', 'data-testid': 'warehouse-prompt', hidden: true,
    text: 'Name the events table and its user id and time columns: the statements appear below.' });
  const other = h('div', { class: 'mv-upload-error', role: 'alert', 'data-testid': 'warehouse-problems', hidden: true });
  const details = h('details', { class: 'mv-options mv-warehouse', 'data-testid': 'warehouse' },
    h('summary', { text: 'Run it in your warehouse' }),
    h('div', { class: 'mv-wh-body' },
      h('p', { class: 'mv-wh-lede', text: 'Too many events for a browser (tens of millions)? The same analysis runs as SQL where they are: run the statements below in your warehouse, save each result as CSV or Parquet and drop the files back here. Only those small results come back; your events never leave the warehouse.' }),
      loadStatus, inputs.element, prompt, other, statements.element, results.element));
  container.replaceChildren(details);

  details.addEventListener('toggle', () => {
    if (!details.open || state.lib) return;
    loadStatus.textContent = 'Loading the SQL writer…';
    load().then((lib) => {
      state.lib = lib;
      loadStatus.textContent = '';
      update();
    }, (e) => {
      loadStatus.dataset.kind = 'error';
      loadStatus.textContent = `Could not load the SQL writer: ${errorMessage(e)}. Close and open the panel to try again.`;
    });
  });

  function schedule() {
    clearTimeout(state.timer);
    state.timer = setTimeout(update, DEBOUNCE_MS);
  }

  /** Problems of neither an input nor a result file, in the box under the inputs. @param {Problem[]} problems @param {string} [message] */
  function showOther(problems, message) {
    if (!problems.length && !message) return;
    other.replaceChildren(h('p', { class: 'mv-error-message', text: problems.length ? 'The statements cannot be written:' : message ?? '' }),
      ...(problems.length ? [problemList(problems, 'options')] : []));
    other.hidden = false;
  }

  /** Writes the statements for the inputs, and reads the results when they are all there. */
  function update() {
    clearTimeout(state.timer);
    const lib = state.lib;
    if (!lib) return;
    const { dialect, options } = inputs.read();
    inputs.clear();
    other.replaceChildren();
    other.hidden = true;
    try {
      state.sql = lib.eventsSql(dialect, options);
      prompt.hidden = true;
      statements.show(state.sql);
      results.setStatements(state.sql.statements);
    } catch (e) {
      const problems = errorProblems(e);
      const rest = problems ? inputs.show(problems) : [];
      showOther(rest, problems ? undefined : errorMessage(e));
      const waiting = inputs.incomplete();
      prompt.hidden = !waiting;
      // Not yet written: nothing shown. Written before: the last statements, marked out of date.
      statements.show(state.sql, true);
      return;
    }
    readResults(options);
  }

  /**
   * Reads the results with the options the statements were written with,
   * when every required one is there and they or the options changed.
   * @param {EventsSqlOptions} options
   */
  function readResults(options) {
    const lib = state.lib;
    if (!lib) return;
    const key = JSON.stringify([options.utcOffsetMinutes, options.weekStart, options.cohortPeriod, options.window, options.asOf ?? null,
      options.powerUserDays ?? null, results.key()]);
    if (!results.complete()) {
      state.readKey = '';
      results.clear();
      results.setStatus('');
      return;
    }
    if (key === state.readKey) {
      // The same results and options: their problems stay shown.
      if (state.readProblems.length || state.readMessage) showReadProblems(state.readProblems, state.readMessage);
      return;
    }
    state.readKey = key;
    state.readProblems = [];
    state.readMessage = '';
    const reading = ++state.reading;
    results.clear();
    results.setStatus('Reading the results…');
    results.read().then(async ({ tables, used, parquet }) => {
      // Parquet results are read by the parquet part, loaded only then.
      const reader = parquet ? await parquetPart() : lib;
      if (reading !== state.reading) return;
      let analysis;
      try {
        analysis = reader.analyzeEventAggregates(/** @type {EventAggregateTables} */ (/** @type {unknown} */ (tables)), options);
      } catch (e) {
        state.readProblems = errorProblems(e) ?? [];
        state.readMessage = errorMessage(e);
        showReadProblems(state.readProblems, state.readMessage);
        results.setStatus('The results could not be read: the problems are shown next to what they are about.', 'error');
        return;
      }
      results.setStatus(`Read ${used.length} results: the figures are under Usage events, marked as from your warehouse.`, 'ok');
      onResult(analysis, { files: used });
    }, (e) => {
      if (reading !== state.reading) return;
      state.readKey = '';
      results.setStatus(`Could not read the files: ${errorMessage(e)}`, 'error');
    });
  }

  /** The results' problems: an option's next to its input, a table's next to its file, the others under the files. @param {Problem[]} problems @param {string} message */
  function showReadProblems(problems, message) {
    results.clear();
    const rest = inputs.show(problems);
    if (rest.length || !problems.length) results.show(rest, message);
  }

  return {
    element: details,
    /** Opens the panel (and loads what it needs). */
    open() { details.open = true; },
  };
}
