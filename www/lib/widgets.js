// The small building blocks the views share: titled panels, headline
// figures, verdict badges, the "Use in the score" button, the unused-rows
// report, and the data table behind every chart. Styles: views/views.css
// (classes `mv-`). Every text given becomes a text node.
import { h, fmt, uniqueId as uid } from './dom.js';
import { errorMessage } from './errors.js';

/** @import { Child } from './dom.js' */
/** @import { RowReport } from '../../pkg/web/market_validation.js' */

/** A verdict's colour: `mv-badge-<tone>`. @typedef {'good' | 'warn' | 'bad' | 'neutral'} Tone */

/**
 * A closed <details> "Data table" with a `buildTable()` method that builds
 * the table without opening it.
 * @typedef {HTMLDetailsElement & { buildTable: () => void }} DataTable
 */

/**
 * A data table inside a closed <details>, built on first open.
 * @param {string} caption
 * @param {string[]} columns column headers; the first column is the row header
 * @param {() => Array<Array<string|number>>} rows called once, on first open
 * @returns {DataTable}
 */
export function dataTable(caption, columns, rows) {
  // A focusable, named region: it scrolls when the table is wider or taller than the chart.
  const wrap = h('div', { class: 'mv-table-wrap', tabindex: 0, role: 'region', 'aria-label': `${caption}: data table` });
  const details = h('details', { class: 'mv-data' }, h('summary', {}, 'Data table'), wrap);
  const build = () => {
    if (wrap.firstChild) return;
    const body = h('tbody');
    for (const row of rows()) {
      body.append(h('tr', {}, row.map((cell, i) => (i === 0
        ? h('th', { scope: 'row', text: String(cell) })
        : h('td', { class: 'mv-num', text: typeof cell === 'number' ? fmt(cell) : String(cell ?? '') })))));
    }
    wrap.append(h('table', { class: 'mv-table' },
      h('caption', { class: 'mv-visually-hidden', text: caption }),
      h('thead', {}, h('tr', {}, columns.map((c, i) => h('th', { scope: 'col', class: i ? 'mv-num' : null, text: c })))),
      body));
  };
  details.addEventListener('toggle', () => { if (details.open) build(); });
  return Object.assign(details, { buildTable: build }); // lets callers (and tests) build it without opening
}

/**
 * A titled section of a view.
 * @param {string} title an h3
 * @param {Child} children
 * @param {{ wide?: boolean, testid?: string }} [o] wide: spans the whole grid
 * @returns {HTMLElement}
 */
export function panel(title, children, { wide = false, testid } = {}) {
  const id = uid('h');
  return h('section', { class: `mv-panel${wide ? ' mv-wide' : ''}`, 'aria-labelledby': id, 'data-testid': testid ?? null },
    h('h3', { id, text: title }), children);
}

/**
 * Headline figures: label over value, with an optional line under it.
 * @param {{ label: string, value: string, sub?: string|null, big?: boolean, testid?: string }[]} items
 * @returns {HTMLElement} a <dl>
 */
export function figureRow(items) {
  return h('dl', { class: 'mv-figures' }, items.map((it) => h('div', { class: it.big ? 'mv-figure mv-big' : 'mv-figure' },
    h('dt', { text: it.label }),
    h('dd', {}, h('span', { class: 'mv-figure-value', 'data-testid': it.testid ?? null, text: it.value }),
      it.sub ? h('span', { class: 'mv-sub', text: it.sub }) : null))));
}

/**
 * A verdict as a coloured pill.
 * @param {string} text @param {Tone} tone @param {string} [testid]
 * @returns {HTMLElement}
 */
export function verdictBadge(text, tone, testid) {
  return h('span', { class: `mv-badge mv-badge-${tone}`, 'data-testid': testid ?? null, text });
}

/**
 * The "Use in the score" button with a one-line explanation and a status
 * line; an error thrown by `use` is shown next to it, not swallowed.
 * @param {() => void} use
 * @param {string} explain
 * @returns {HTMLElement}
 */
export function useButton(use, explain) {
  const status = h('p', { class: 'mv-use-status', role: 'status' });
  const hintId = uid('use');
  return h('div', { class: 'mv-use' },
    h('button', {
      type: 'button', class: 'mv-use-button', 'data-testid': 'use-in-score', 'aria-describedby': hintId,
      onclick: () => {
        try {
          use();
          status.dataset.kind = 'ok';
          status.textContent = 'Added to the product data.';
        } catch (e) {
          status.dataset.kind = 'error';
          status.textContent = `Could not add it: ${errorMessage(e)}`;
        }
      },
    }, 'Use in the score'),
    h('p', { class: 'mv-use-hint', id: hintId, text: explain }),
    status);
}

/**
 * Rows (or answers) a reader did not use: the count, the count per reason and
 * the first lines with their reasons.
 * @param {string} title
 * @param {RowReport} report
 * @param {string} noun "rows" or "answers"
 * @param {string} [lineWord] what a line is called: "line", or "row" for a workbook's sheet
 * @returns {HTMLElement}
 */
export function rowIssues(title, report, noun, lineWord = 'line') {
  const reasons = Object.entries(report.byReason ?? {}).sort((x, y) => y[1] - x[1]);
  const first = report.first ?? [];
  return h('div', { class: 'mv-issues' },
    h('h4', {}, `${title}: ${report.count.toLocaleString('en-US')}`),
    reasons.length ? h('ul', { class: 'mv-reasons' }, reasons.map(([reason, n]) => h('li', {},
      h('span', { class: 'mv-count', text: n.toLocaleString('en-US') }), ' ', h('span', { text: reason })))) : null,
    first.length ? h('details', { class: 'mv-first-lines' },
      h('summary', {}, first.length === 1 && report.count === 1 ? `The ${noun.replace(/s$/, '')}`
        : `The first ${first.length} ${noun}${report.count > first.length ? ` of ${report.count.toLocaleString('en-US')}` : ''}`),
      h('ol', { class: 'mv-lines' }, first.map((r) => h('li', {},
        h('span', { class: 'mv-line-no', text: r.line != null ? `${r.file ? `${r.file}, ` : ''}${lineWord} ${r.line}` : r.index != null ? `#${r.index}` : '' }),
        r.column ? h('span', { class: 'mv-muted', text: ` ${r.column}` }) : null,
        ': ', h('span', { text: r.reason }),
        r.value != null && r.value !== '' ? [' ', h('code', { text: r.value })] : null)))) : null);
}
