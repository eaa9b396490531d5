// The statements eventsSql wrote, each with its name (the result to save),
// what its table holds, its SQL and a Copy button; "Copy all" and
// "Download .sql" for the whole script. Every text is set as text.
import { h, uniqueId as uid } from '../../lib/dom.js';
import { downloadBlob } from '../../lib/export.js';

/** @import { EventsSql, SqlStatement } from '../../../pkg/web/market_validation.js' */

/**
 * All the statements as one script: each after a comment with its name and
 * what it holds, ended by a semicolon.
 * @param {SqlStatement[]} statements
 */
export function scriptOf(statements) {
  return statements.map((s) => `-- ${s.name}: ${s.description}\n${s.sql};\n`).join('\n');
}

/**
 * Copies `text`, saying so in `status`; where the browser does not allow it,
 * selects `fallback`'s text (when given) for the user to copy.
 * @param {string} text @param {HTMLElement} status @param {string} what @param {HTMLElement} [fallback]
 */
async function copy(text, status, what, fallback) {
  try {
    await navigator.clipboard.writeText(text);
    status.dataset.kind = 'ok';
    status.textContent = `Copied ${what}.`;
  } catch {
    status.dataset.kind = 'error';
    if (fallback) {
      const folded = fallback.closest('details');
      if (folded) folded.open = true;
      const range = document.createRange();
      range.selectNodeContents(fallback);
      const selection = getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      status.textContent = `The browser did not allow copying: ${what} is selected, copy it with Ctrl+C (⌘C).`;
    } else {
      status.textContent = 'The browser did not allow copying: copy each statement, or download the .sql file.';
    }
  }
}

/** The statements' section: shown once statements are written. */
export function createStatements() {
  const list = h('ol', { class: 'mv-wh-statements', 'data-testid': 'warehouse-statements' });
  const status = h('p', { class: 'mv-wh-copy-status', role: 'status', 'data-testid': 'warehouse-copy-status' });
  /** The statements shown. @type {SqlStatement[]} */
  let shown = [];
  const copyAll = h('button', { type: 'button', class: 'secondary', 'data-testid': 'warehouse-copy-all', onclick: () => copy(scriptOf(shown), status, `all ${shown.length} statements`) }, 'Copy all');
  const download = h('button', {
    type: 'button', class: 'secondary', 'data-testid': 'warehouse-download',
    onclick: () => downloadBlob(new Blob([scriptOf(shown)], { type: 'application/sql' }), 'events-analysis.sql'),
  }, 'Download .sql');
  const lede = h('p', { class: 'mv-hint', 'data-testid': 'warehouse-statements-lede' });
  const element = h('div', { class: 'mv-wh-sql', hidden: true },
    h('div', { class: 'mv-wh-sql-head' }, h('h4', { text: 'The statements' }), copyAll, download),
    lede, status, list);

  /** One statement: its name, what it holds, Copy, and its SQL (folded). @param {SqlStatement} s */
  const item = (s) => {
    const code = h('code', { text: s.sql });
    const pre = h('pre', { class: 'mv-wh-code', tabindex: 0, role: 'region', 'aria-label': `The ${s.name} statement (SQL)` }, code);
    const nameId = uid('wh-st');
    return h('li', { class: 'mv-wh-statement', 'data-statement': s.name, 'data-testid': 'warehouse-statement' },
      h('div', { class: 'mv-wh-statement-head' },
        h('h5', { id: nameId }, h('code', { text: s.name })),
        h('button', {
          type: 'button', class: 'secondary mv-wh-copy', 'data-testid': 'warehouse-copy', 'aria-describedby': nameId,
          onclick: () => copy(s.sql, status, `the ${s.name} statement`, code),
        }, 'Copy')),
      h('p', { class: 'mv-hint', 'data-testid': 'warehouse-statement-description', text: s.description }),
      h('details', { class: 'mv-wh-sql-text' }, h('summary', { text: 'The SQL' }), pre));
  };

  return {
    element,
    /**
     * Shows the statements written (null: none yet), or marks those shown out of date.
     * @param {EventsSql | null} sql @param {boolean} [stale] the inputs have problems: the statements shown are the last good ones
     */
    show(sql, stale = false) {
      element.dataset.stale = String(stale);
      if (!sql) { if (!stale) { element.hidden = true; shown = []; } return; }
      shown = sql.statements;
      element.hidden = false;
      status.textContent = '';
      lede.textContent = `Run each in your warehouse and save its result as CSV, named after the statement (daily.csv, bq-results-daily.csv…). `
        + 'They read the events table only; each result has a row per day, period or cohort cell, whatever the number of events.';
      list.replaceChildren(...sql.statements.map(item));
    },
  };
}
