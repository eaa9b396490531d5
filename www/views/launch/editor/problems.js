// What the editor shows about the current plan: the box of problems at the
// top (each with a button to its field), and next to each input the problems
// and findings its path names, with a one-click fix where there is one
// ("Keep the date", "Use “Launch”"); also each milestone row's computed date
// and state and each messaging block's status, from the current report.
import { h } from '../../../lib/dom.js';
import { LEVEL_LABELS, STATE_LABELS, fmtDate, offsetLabel, plural } from '../../../lib/launch-card.js';
import { MSG_STATUS } from '../labels.js';
import { isPlain, getAtPath, setAtPath, problemWords, suggestion } from '../plan-values.js';

/** @import { SectionContext } from './index.js' */
/** @import { LaunchDependencyCheck, LaunchTimelineEntry, LaunchMessagingCheck } from '../../../../pkg/web/market_validation.js' */

/**
 * "line 3" for the i-th entry of a one-per-line list.
 * @param {HTMLElement | null} textarea @param {number} index
 */
function lineOf(textarea, index) {
  let seen = -1;
  const lines = textarea instanceof HTMLTextAreaElement ? textarea.value.split('\n') : [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim()) seen++;
    if (seen === index) return i + 1;
  }
  return index + 1;
}

/**
 * The problems box and the messages next to the inputs.
 * @param {SectionContext} ctx
 * @param {HTMLElement} box the live region at the top of the editor
 * @returns {{ renderBox: () => void, applyInline: () => void }}
 */
export function createProblems(ctx, box) {
  const { state, controls } = ctx;
  /** What the box says now, so that it is rebuilt (and re-announced) only when that changes. */
  let shown = '';

  function renderBox() {
    const { notice, runError, problems, lastReport } = state;
    // The box is a live region: rebuild it only when what it says changes, so it is not re-announced on every keystroke.
    const signature = JSON.stringify([notice, runError, problems, !!lastReport, problems.map((p) => !!controls.target(p.path))]);
    if (signature === shown) return;
    shown = signature;
    const nodes = [];
    if (notice) nodes.push(h('p', { class: 'mv-launch-notice', text: notice }));
    if (runError) nodes.push(h('p', { class: 'mv-launch-problems-head', text: runError }));
    if (problems.length) {
      const near = problems.filter((p) => controls.target(p.path)).length;
      nodes.push(h('p', { class: 'mv-launch-problems-head', 'data-testid': 'launch-problems-head' },
        `The plan has ${plural(problems.length, 'problem')}`,
        lastReport ? '; the result shows the last valid plan until they are fixed.' : '.',
        near ? ` ${near === problems.length ? (near === 1 ? 'It is' : 'All are') : `${near} are`} also shown next to ${near === 1 ? 'its field' : 'their fields'}.` : ''));
      nodes.push(h('ul', { class: 'mv-launch-problem-list' }, problems.slice(0, 50).map((p) => h('li', { 'data-problem-path': p.path },
        controls.target(p.path)
          ? h('button', { type: 'button', class: 'mv-launch-path', title: 'Go to this field', onclick: () => ctx.focusPath(p.path) }, p.path || '(plan)')
          : h('code', { text: p.path || '(plan)' }),
        ' ', h('span', { text: problemWords(p) }))),
      problems.length > 50 ? h('li', { text: `and ${problems.length - 50} more` }) : null));
    }
    box.replaceChildren(...nodes);
    box.hidden = !nodes.length;
  }

  function applyInline() {
    controls.clearMessages();
    for (const p of state.problems) {
      const t = controls.target(p.path);
      if (!t) continue;
      const rest = p.path === t.path ? '' : p.path.slice(t.path.length).replace(/^\./, '');
      let prefix = '';
      const entry = /^\[(\d+)\]/.exec(rest);
      if (t.list && entry) prefix = `Line ${lineOf(t.input, Number(entry[1]))}: `;
      else if (rest) prefix = `${rest}: `;
      // A path registered on another field's input (offsetDays on the date input): name it.
      else if (t.input?.dataset.path && t.input.dataset.path !== p.path) prefix = `${p.path.replace(/^.*\./, '')}: `;
      // Both a date and an offset: offer to keep the one the form shows.
      let keep = null;
      const both = /^(milestones\[\d+\])\.offsetDays$/.exec(p.path);
      if (both && /either date or offsetDays/.test(p.expected ?? '')) {
        const item = getAtPath(state.plan, both[1]);
        if (isPlain(item)) {
          keep = h('button', {
            type: 'button', class: 'mv-launch-fix', 'data-testid': 'launch-fix',
            onclick: () => { delete item.offsetDays; ctx.rerender('milestones'); ctx.runNow(true); ctx.focusPath(`${both[1]}.date`); },
          }, 'Keep the date');
        }
      }
      // A date input the browser could not read (30 February, a missing year) reports an empty value.
      const words = t.input?.dataset.bad === '1' && !rest
        ? `the date typed is incomplete or is not a real day (is the day past the month's end?); expected ${p.expected ?? 'a calendar date'}`
        : `${prefix}${problemWords(p)}`;
      controls.addMessage(t, 'error', [h('span', { class: 'mv-launch-msg-label', text: 'Problem: ' }), words, keep ? [' ', keep] : null]);
      t.input?.setAttribute('aria-invalid', 'true');
    }
    const report = !state.stale ? state.lastReport : null;
    // Findings of a current report, next to the inputs they concern.
    if (report) {
      /** @type {Map<string, LaunchDependencyCheck>} */
      const checksByPath = new Map();
      for (const c of report.dependencies ?? []) if (c.path) checksByPath.set(c.path, c);
      for (const rec of report.recommendations ?? []) {
        const recPath = rec.path;
        if (!recPath) continue;
        const check = checksByPath.get(recPath);
        let t = null;
        let fix = null;
        if (check && check.unknown?.length && !check.unknown.includes(check.dependsOn)) {
          // The dependent milestone's name is the unknown one: `milestone`, or `to` in the original design's shape.
          t = controls.target(/\.from$/.test(recPath) ? recPath.replace(/\.from$/, '.to') : `${recPath.replace(/\.dependsOn(\[\d+\])?$/, '')}.milestone`);
        } else {
          t = controls.target(recPath);
          const name = check && check.unknown?.length === 1 ? suggestion(check.hint) : null;
          if (name != null && check && check.unknown[0] === check.dependsOn) {
            fix = h('button', {
              type: 'button', class: 'mv-launch-fix', 'data-testid': 'launch-fix',
              onclick: () => { setAtPath(state.plan, recPath, name); ctx.renderSection('dependencies'); ctx.runNow(true); ctx.focusPath(recPath); },
            }, `Use “${name}”`);
          }
        }
        if (!t) continue;
        controls.addMessage(t, rec.level, [h('span', { class: 'mv-launch-msg-label', text: `${LEVEL_LABELS[rec.level] ?? rec.level}: ` }), rec.finding,
          check?.hint ? ` (${check.hint})` : '', fix ? [' ', fix] : null]);
      }
    }
    // Computed dates and states of the milestone rows.
    /** @type {Map<string, LaunchTimelineEntry>} */
    const byPath = new Map();
    for (const m of report?.timeline ?? []) if (m.path) byPath.set(m.path, m);
    for (const [path, el] of controls.computed) {
      const m = byPath.get(path);
      el.textContent = m ? `${fmtDate(m.date)} (${offsetLabel(m.offsetDays)}) · ${STATE_LABELS[m.state] ?? m.state}${m.doneOn ? ` on ${fmtDate(m.doneOn)}` : ''}` : '';
      el.dataset.state = m?.state ?? '';
    }
    /** @type {Map<string, LaunchMessagingCheck>} */
    const msgByPath = new Map((report?.messaging ?? []).map((m) => [m.path, m]));
    for (const [path, el] of controls.msgStatus) {
      const m = msgByPath.get(path);
      const [label, tone] = m ? MSG_STATUS[m.status] ?? [m.status, 'neutral'] : ['', 'neutral'];
      el.textContent = label;
      el.className = m ? `mv-badge mv-badge-${tone}` : 'mv-launch-hidden-badge';
    }
  }

  return { renderBox, applyInline };
}
