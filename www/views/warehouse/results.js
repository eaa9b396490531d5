// The statements' results taken back: CSV files dropped or chosen (several
// at once, or one after the other), each matched to its statement by its
// name (`daily.csv`, `bq-results-daily.csv`, `Cohort-Last (1).csv`), shown
// statement by statement with a picker to fix a mismatch, and the statements
// still missing named. The files stay in the page: read as text only when
// every required result is there, never put in links.
import { h, uniqueId as uid } from '../../lib/dom.js';
import { formatBytes } from '../../lib/files.js';
import { addProblem, problemBox, problemText } from './inputs.js';

/** @import { Problem, SqlStatement } from '../../../pkg/web/market_validation.js' */

/** Statements whose result may be left out (analyzeEventAggregates reads it when given). */
const OPTIONAL = new Set(['ignored_events']);
/** The largest result file read: the results are small, so a bigger file is the wrong one. */
const MAX_FILE_BYTES = 128 * 1024 * 1024;

/**
 * A file name as lower-case words joined by "_", without its extension:
 * "bq-results-Daily (1).csv" is "bq_results_daily_1".
 * @param {string} name
 */
const words = (name) => name.toLowerCase().replace(/\.(csv|tsv|txt)$/, '').replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');

/**
 * The statement a result file is named after: its name as whole words in the
 * file's (else anywhere in it), the longest when several are; null when none
 * is, or two equally long ones are.
 * @param {string} fileName @param {string[]} names the statements' names
 * @returns {string | null}
 */
export function statementFor(fileName, names) {
  const w = words(fileName);
  const whole = names.filter((n) => `_${w}_`.includes(`_${n}_`));
  const found = whole.length ? whole : names.filter((n) => w.includes(n));
  if (!found.length) return null;
  const longest = Math.max(...found.map((n) => n.length));
  const best = found.filter((n) => n.length === longest);
  return best.length === 1 ? best[0] : null;
}

/** Whether a file's first bytes are a Parquet file's ("PAR1"). @param {Uint8Array} head */
const isParquet = (head) => head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31;

/**
 * Why a file is not a CSV or Parquet result the page reads, from its first bytes; null when it may be.
 * @param {File} file
 * @returns {Promise<string | null>}
 */
async function notCsv(file) {
  if (!file.size) return 'The file is empty.';
  if (file.size > MAX_FILE_BYTES) return `The file is ${formatBytes(file.size)}: a result has a row per day, period or cohort cell, so this is not one (the events table itself?).`;
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  const starts = (/** @type {number[]} */ bytes) => bytes.every((b, i) => head[i] === b);
  const kind = starts([0x50, 0x4b]) ? 'a zip archive or a workbook'
      : starts([0x1f, 0x8b]) ? 'gzip-compressed'
        : starts([0xd0, 0xcf, 0x11, 0xe0]) ? 'an Excel 97-2003 workbook'
          : /^(\xef\xbb\xbf)?\s*[[{]/.test(String.fromCharCode(...head)) ? 'JSON' : null;
  return kind ? `This is ${kind}: save the statement's result as CSV (with its header row) or Parquet and drop that.` : null;
}

/**
 * Problems that name neither an input nor a file, as a list: each path and what it says.
 * @param {Problem[]} problems @param {string} fallback what a problem without a path is about
 */
export function problemList(problems, fallback) {
  return h('ul', { class: 'mv-problems' }, problems.map((p) => h('li', { 'data-problem-path': p.path },
    h('code', { text: p.path || fallback }), `: ${problemText(p)}`)));
}

/**
 * The results section.
 * @param {() => void} onChange called when the files or their statements change
 */
export function createResults(onChange) {
  /** The files taken, by name (a file of the same name replaces it). @type {Map<string, { file: File, problem: string | null }>} */
  const files = new Map();
  /** Each statement's file, by name. @type {Map<string, string>} */
  const assigned = new Map();
  /** The statements shown. @type {SqlStatement[]} */
  let statements = [];

  const input = h('input', { type: 'file', id: uid('wh-file'), class: 'mv-file-input', multiple: true, accept: '.csv,.tsv,.txt,.parquet,text/csv,text/plain', 'data-testid': 'warehouse-results-input' });
  const hintId = uid('wh-hint');
  input.setAttribute('aria-describedby', hintId);
  const zone = h('div', { class: 'mv-drop mv-wh-drop', 'data-testid': 'warehouse-results-drop' },
    h('p', { class: 'mv-drop-title', text: 'Drop the results here' }),
    h('label', { class: 'mv-file-label', for: input.id, text: 'or choose the CSV files' }),
    input,
    h('p', { class: 'mv-hint', id: hintId, text: 'One CSV file per statement, with its header row, or one Parquet file. A file whose name holds a statement\'s (daily.csv, bq-results-daily.csv) goes to it; pick the others below. They are read in this page only, as the results of the statements above, and never put in links.' }));
  const body = h('tbody');
  const table = h('table', { class: 'mv-table mv-wh-assign', 'data-testid': 'warehouse-assignments' },
    h('caption', { class: 'mv-visually-hidden', text: 'Which file holds which statement\'s result' }),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Statement' }), h('th', { scope: 'col', text: 'Result file' }))),
    body);
  const missing = h('p', { class: 'mv-wh-missing', 'data-testid': 'warehouse-missing', 'aria-live': 'polite' });
  const others = h('ul', { class: 'mv-plain-list mv-wh-others', 'data-testid': 'warehouse-unmatched', hidden: true });
  const general = h('div', { class: 'mv-upload-error', role: 'alert', 'data-testid': 'warehouse-results-problems', hidden: true });
  const status = h('p', { class: 'mv-wh-status', role: 'status', 'data-testid': 'warehouse-results-status' });
  const clearButton = h('button', { type: 'button', class: 'secondary', 'data-testid': 'warehouse-clear-files', hidden: true }, 'Remove the files');
  /** Problem boxes by statement. @type {Map<string, HTMLElement>} */
  const boxes = new Map();

  const element = h('div', { class: 'mv-wh-results', hidden: true, 'data-testid': 'warehouse-results' },
    h('h4', { text: 'Take the results back' }),
    zone, table, missing, others, general, status, clearButton);

  const names = () => statements.map((s) => s.name);
  const required = () => names().filter((n) => !OPTIONAL.has(n));
  /** The statement's file, if it has one that can be read. @param {string} name */
  const fileOf = (name) => {
    const f = assigned.get(name);
    const entry = f ? files.get(f) : undefined;
    return entry && !entry.problem ? f : undefined;
  };

  /** Draws the statements with their files, what is missing and the files not used. */
  function draw() {
    boxes.clear();
    const usable = [...files].filter(([, e]) => !e.problem).map(([n]) => n);
    body.replaceChildren(...statements.map((s) => {
      const file = fileOf(s.name);
      const optional = OPTIONAL.has(s.name);
      const select = h('select', { id: uid('wh-for'), 'data-testid': 'warehouse-file-for', 'data-statement': s.name },
        h('option', { value: '', text: optional ? 'None (optional)' : 'None yet' }),
        usable.map((n) => h('option', { value: n, selected: n === file }, `${n} (${formatBytes(/** @type {File} */ (files.get(n)?.file).size)})`)));
      select.addEventListener('change', () => pick(s.name, select.value));
      const box = problemBox(`tables.${s.name}`);
      boxes.set(s.name, box);
      select.setAttribute('aria-describedby', box.id);
      return h('tr', { 'data-statement': s.name, 'data-state': file ? 'matched' : optional ? 'optional' : 'missing' },
        h('th', { scope: 'row' }, h('label', { for: select.id }, h('code', { text: s.name })), optional ? h('span', { class: 'mv-sub', text: 'optional' }) : null),
        h('td', {}, select, box));
    }));
    const lacking = required().filter((n) => !fileOf(n));
    missing.dataset.complete = String(!lacking.length);
    missing.textContent = !files.size ? `Expected: ${required().map((n) => `${n}.csv`).join(', ')}.`
      : lacking.length ? `Still missing: ${lacking.join(', ')}.` : 'Every result is here.';
    const used = new Set(names().map(fileOf).filter(Boolean));
    const notUsed = [...files].filter(([n]) => !used.has(n));
    others.replaceChildren(...notUsed.map(([n, e]) => h('li', { 'data-file': n, 'data-problem': e.problem ? 'true' : null },
      h('span', { class: 'mv-file-name', text: n }), e.problem ? `: ${e.problem}` : ': not matched to a statement; pick it for one above.')));
    others.hidden = !notUsed.length;
    clearButton.hidden = !files.size;
  }

  /**
   * A file picked for a statement ('' for none): it leaves any other statement it was for.
   * @param {string} statement @param {string} file
   */
  function pick(statement, file) {
    for (const [s, f] of assigned) if (f === file) assigned.delete(s);
    if (file) assigned.set(statement, file); else assigned.delete(statement);
    draw();
    onChange();
  }

  /** Takes files: each replaces one of the same name, and goes to the statement it is named after. @param {File[]} list */
  async function take(list) {
    if (!list.length) return;
    const checked = await Promise.all(list.map(async (file) => ({ file, problem: await notCsv(file).catch(() => null) })));
    for (const { file, problem } of checked) {
      files.set(file.name, { file, problem });
      for (const [s, f] of assigned) if (f === file.name) assigned.delete(s);
      const statement = problem ? null : statementFor(file.name, names());
      if (statement) assigned.set(statement, file.name);
    }
    draw();
    onChange();
  }

  input.addEventListener('change', () => {
    const list = [...(input.files ?? [])];
    input.value = '';
    take(list);
  });
  /** @param {DragEvent} e */
  const hasFiles = (e) => [...(e.dataTransfer?.types ?? [])].includes('Files');
  zone.addEventListener('dragover', (e) => { if (!hasFiles(e)) return; e.preventDefault(); zone.classList.add('mv-drag-over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('mv-drag-over'));
  zone.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    // Not the page's drop handler: these are results, not an events file.
    e.preventDefault();
    e.stopPropagation();
    zone.classList.remove('mv-drag-over');
    take([...(e.dataTransfer?.files ?? [])]);
  });
  clearButton.addEventListener('click', () => {
    files.clear();
    assigned.clear();
    draw();
    onChange();
  });

  return {
    element,
    /** The statements written: their results are asked for. @param {SqlStatement[]} list */
    setStatements(list) {
      const before = names().join();
      statements = list;
      element.hidden = false;
      if (names().join() === before) return;
      // Files dropped before a statement was asked for go to it now.
      for (const [n, e] of files) {
        const s = e.problem || [...assigned.values()].includes(n) ? null : statementFor(n, names());
        if (s && !fileOf(s)) assigned.set(s, n);
      }
      draw();
    },
    /** Whether every required result has a file. */
    complete: () => statements.length > 0 && required().every((n) => fileOf(n)),
    /** What the results are: each statement's file, to tell a change. */
    key: () => JSON.stringify(names().map((n) => {
      const f = fileOf(n);
      const file = f ? files.get(f)?.file : undefined;
      return [n, f ?? null, file?.size ?? null, file?.lastModified ?? null];
    })),
    /**
     * The results as analyzeEventAggregates takes them (each file's CSV text, or a Parquet
     * file's bytes, under its statement's name), which file each is, and whether any is Parquet
     * (read by the library's parquet part only).
     * @returns {Promise<{ tables: Record<string, string | Uint8Array>, used: [string, string][], parquet: boolean }>}
     */
    async read() {
      /** @type {[string, string][]} */
      const used = names().flatMap((n) => { const f = fileOf(n); return f ? [/** @type {[string, string]} */ ([n, f])] : []; });
      const contents = await Promise.all(used.map(async ([, f]) => {
        const bytes = new Uint8Array(await /** @type {File} */ (files.get(f)?.file).arrayBuffer());
        return isParquet(bytes) ? bytes : new TextDecoder().decode(bytes);
      }));
      return {
        tables: Object.fromEntries(used.map(([n], i) => [n, contents[i]])),
        used,
        parquet: contents.some((c) => typeof c !== 'string'),
      };
    },
    /** Clears the problems shown. */
    clear() {
      for (const box of boxes.values()) { box.replaceChildren(); box.hidden = true; }
      general.replaceChildren();
      general.hidden = true;
    },
    /**
     * Shows the problems of the results: those of a table next to its statement's file, the others in a box.
     * @param {Problem[]} problems @param {string} message the error's, when none is listed
     */
    show(problems, message) {
      /** @type {Problem[]} */
      const rest = [];
      for (const p of problems) {
        const name = /^tables\.([a-z_]+)/.exec(p.path ?? '')?.[1];
        const box = name ? boxes.get(name) : undefined;
        if (box) addProblem(box, p); else rest.push(p);
      }
      if (rest.length || !problems.length) {
        general.replaceChildren(h('p', { class: 'mv-error-message', text: rest.length ? 'The results could not be read:' : message }),
          ...(rest.length ? [problemList(rest, 'results')] : []));
        general.hidden = false;
      }
    },
    /** The status line. @param {string} text @param {'ok' | 'error' | 'info'} [kind] */
    setStatus(text, kind = 'info') { status.textContent = text; status.dataset.kind = kind; },
  };
}
