// The usability view's tasks panel (views/usability.js): each task's
// completion rate as a bar with its interval's whisker, its time on task
// (the geometric mean, as a bar with its interval, in s or m:ss), its SEQ
// mean against the published average, and every figure in one table.
import { h, fmtPct, fmtRange, fmtInt } from '../lib/dom.js';
import { intervalChart } from '../lib/chart-intervals.js';
import { niceTicks } from '../lib/chart-axes.js';
import { panel } from '../lib/widgets.js';

/** @import { TaskReport, UsabilityReport } from '../../pkg/web/market_validation.js' */

/**
 * A time on task for people: seconds below a minute ("47.8 s"), else m:ss
 * ("1:19") or h:mm:ss, to the whole second.
 * @param {number} seconds
 */
export function timeText(seconds) {
  if (seconds < 59.95) return `${Number(seconds.toFixed(1))} s`;
  const whole = Math.round(seconds);
  const s = String(whole % 60).padStart(2, '0');
  const m = Math.floor(whole / 60);
  return m >= 60 ? `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
/** A mean SEQ rating: two decimals. @param {number} v */
const rating = (v) => v.toFixed(2);
/** "1 attempt", "3 attempts". @param {number} n @param {string} noun */
const count = (n, noun) => `${fmtInt(n)} ${noun}${n === 1 ? '' : 's'}`;

/**
 * @param {UsabilityReport} r @param {string} level the confidence level, as a percentage @param {number} width
 * @returns {HTMLElement}
 */
export function tasksPanel(r, level, width) {
  const tasks = r.tasks;
  const timeOf = tasks[0]?.timeOf === 'all' ? 'every attempt' : 'successful attempts';
  /** @type {HTMLElement[]} */
  const parts = [];
  const done = tasks.flatMap((t) => (t.completion ? [{ t, c: t.completion }] : []));
  if (done.length) {
    parts.push(intervalChart({
      title: `Completion rate with its ${level} interval (Agresti–Coull)`,
      rows: done.map(({ t, c }) => ({ label: t.task, value: c.rate, interval: c.interval, note: `${fmtInt(c.successes)} of ${count(c.attempts, 'attempt')}` })),
      min: 0, max: 1, format: fmtPct, bars: true, valueName: 'completion rate', intervalName: `${level} interval`, width,
      summary: done.map(({ t, c }) => `${t.task} ${fmtPct(c.rate)} (${fmtRange(c.interval, fmtPct)})`).join('; '),
    }));
  }
  const timed = tasks.flatMap((t) => (t.time ? [{ t, time: t.time }] : []));
  if (timed.length) {
    const top = Math.max(...timed.map(({ time }) => (time.interval ? time.interval[1] : time.geometricMean)));
    const ticks = niceTicks(0, top, 4);
    const max = Math.max(top, ticks[ticks.length - 1]);
    parts.push(intervalChart({
      title: `Time on task: geometric mean of ${timeOf}, with its ${level} interval`,
      rows: timed.map(({ t, time }) => ({ label: t.task, value: time.geometricMean, interval: time.interval ?? undefined, note: count(time.times, 'time') })),
      min: 0, max, ticks, format: timeText, bars: true, valueName: 'geometric mean', intervalName: `${level} interval`, width,
      summary: timed.map(({ t, time }) => `${t.task} ${timeText(time.geometricMean)}`).join('; '),
    }));
  }
  const rated = tasks.flatMap((t) => (t.seq ? [{ t, seq: t.seq }] : []));
  if (rated.length) {
    parts.push(intervalChart({
      title: `Single Ease Question: mean rating (1–7) with its ${level} interval, against the average ${r.seqAverage}`,
      rows: rated.map(({ t, seq }) => ({ label: t.task, value: seq.mean, interval: seq.interval ?? undefined, note: count(seq.responses, 'rating') })),
      min: 1, max: 7, ticks: [1, 2, 3, 4, 5, 6, 7], tickFormat: String, axisEnds: ['1 = very difficult', '7 = very easy'],
      threshold: { value: r.seqAverage, label: `average ${r.seqAverage}` },
      format: rating, valueName: 'mean rating', intervalName: `${level} interval`, width,
      summary: rated.map(({ t, seq }) => `${t.task} ${rating(seq.mean)}`).join('; '),
    }));
  }
  parts.push(h('div', { class: 'mv-table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Tasks table (scrollable)' }, tasksTable(tasks, level, r.seqAverage)));
  const partial = tasks.reduce((n, t) => n + t.partial, 0);
  parts.push(h('p', { class: 'mv-note' },
    `Time on task is over ${timeOf}: a geometric mean, as task times are skewed. `,
    partial ? `${count(partial, 'partial success')}, counted as "A partial success counts as" in the usability test options says (a failure unless chosen otherwise). ` : null,
    'Not attempted (skipped, not reached) is left out of the attempts.'));
  return panel('Tasks', parts, { wide: true, testid: 'usability-tasks' });
}

/**
 * Every task's figures: completion, partial and not attempted, time, SEQ.
 * @param {TaskReport[]} tasks @param {string} level @param {number} average the SEQ average
 */
function tasksTable(tasks, level, average) {
  /** @param {string} value @param {string} sub @param {string} testid */
  const cell = (value, sub, testid) => h('td', { class: 'mv-num', 'data-testid': testid },
    h('span', { class: 'mv-cell-value', text: value }), h('span', { class: 'mv-sub', text: sub }));
  const none = (/** @type {string} */ testid) => h('td', { class: 'mv-num mv-muted', 'data-testid': testid, text: '–' });
  return h('table', { class: 'mv-table mv-tasks', 'data-testid': 'usability-tasks-table' },
    h('caption', { class: 'mv-visually-hidden', text: `Each task's completion rate, time on task and SEQ, with ${level} intervals` }),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col', text: 'Task' }), h('th', { scope: 'col', class: 'mv-num', text: 'Completion' }),
      h('th', { scope: 'col', class: 'mv-num', text: 'Partial' }), h('th', { scope: 'col', class: 'mv-num', text: 'Not attempted' }),
      h('th', { scope: 'col', class: 'mv-num', text: 'Time on task' }), h('th', { scope: 'col', class: 'mv-num', text: `SEQ (average ${average})` }))),
    h('tbody', {}, tasks.map((t) => h('tr', { 'data-task': t.task },
      h('th', { scope: 'row', text: t.task }),
      t.completion ? cell(fmtPct(t.completion.rate), `${fmtRange(t.completion.interval, fmtPct)} · ${fmtInt(t.completion.successes)} of ${fmtInt(t.completion.attempts)}`, 'task-completion') : none('task-completion'),
      h('td', { class: 'mv-num', 'data-testid': 'task-partial', text: fmtInt(t.partial) }),
      h('td', { class: 'mv-num', 'data-testid': 'task-not-attempted', text: fmtInt(t.notAttempted) }),
      t.time ? cell(timeText(t.time.geometricMean), `${t.time.interval ? `${fmtRange(t.time.interval, timeText)} · ` : ''}n ${fmtInt(t.time.times)}`, 'task-time') : none('task-time'),
      t.seq ? cell(rating(t.seq.mean), `${t.seq.interval ? `${fmtRange(t.seq.interval, rating)} · ` : ''}n ${fmtInt(t.seq.responses)}`, 'task-seq') : none('task-seq')))));
}
