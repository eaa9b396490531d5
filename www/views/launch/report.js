// What checkLaunch() found, beside the editor: the status with its reasons,
// days to launch, the coordination score and its derivation, recommendations,
// the timeline chart with the milestones' descriptions, dependency checks
// (with their type) and loops, the marketing campaigns, the critical path,
// messaging per feature, success metrics and sources. While the plan has
// problems the last good report stays, marked out of date.
import { h, fmt, fmt1, fmtPct } from '../../lib/dom.js';
import { chartWidth } from '../../lib/charts.js';
import { panel, figureRow, verdictBadge } from '../../lib/widgets.js';
import { STATUS_LABELS, STATUS_TONES, LEVEL_LABELS, fmtDate, plural, daysToLaunchText } from '../../lib/launch-card.js';
import { launchId as uid, DEP_STATUS, DEP_TYPES, CAMPAIGN_STATUS, MSG_STATUS, LEVEL_TONES, COMPONENT_LABELS, TARGETS } from './labels.js';
import { createTimeline } from './timeline.js';

/** @import { LaunchReport, Source } from '../../../pkg/web/market_validation.js' */

/**
 * The results section.
 * @param {object} o
 * @param {(path: string) => boolean} o.hasField whether a plan path has an input to go to
 * @param {(path: string) => void} o.focusPath goes to that input
 */
export function createReport({ hasField, focusPath }) {
  const titleId = uid('h');
  const staleBanner = h('p', { class: 'mv-launch-stale-banner', 'data-testid': 'launch-stale', hidden: true },
    'Out of date: this is the result of the last valid plan. Fix the problems in the plan to update it.');
  const body = h('div', { class: 'mv-launch-results-body' });
  const element = h('section', { class: 'mv-launch-results', 'aria-labelledby': titleId, 'data-testid': 'launch-results' },
    h('h2', { id: titleId, text: 'Launch readiness' }), staleBanner, body);
  const timeline = createTimeline();

  /** @param {LaunchReport} r */
  function show(r) {
    const status = r.status;
    const tone = STATUS_TONES[status] ?? 'neutral';
    /** @type {Record<string, number>} */
    const counts = { done: 0, overdue: 0, open: 0 };
    for (const m of r.timeline ?? []) counts[m.state] = (counts[m.state] ?? 0) + 1;
    const days = r.daysToLaunch;

    const summary = h('div', { class: 'mv-launch-summary', 'data-testid': 'launch-summary', 'data-status': status },
      h('p', { class: 'mv-launch-product', 'data-testid': 'launch-product', text: r.productName }),
      h('p', { class: 'mv-launch-status-line' },
        h('span', { class: 'mv-launch-status-label', text: 'Status ' }),
        h('span', { class: `mv-badge mv-badge-${tone} mv-launch-status`, 'data-testid': 'launch-status', 'data-status': status },
          h('span', { 'aria-hidden': 'true', text: status === 'ready' ? '✓ ' : status === 'blocked' ? '✕ ' : '! ' }), STATUS_LABELS[status] ?? status)),
      r.statusReasons?.length
        ? h('ul', { class: 'mv-launch-reasons', 'data-testid': 'launch-status-reasons' }, r.statusReasons.map((x) => h('li', { 'data-code': x.code },
          h('span', { text: x.message }), ' ', h('code', { class: 'mv-launch-code', text: x.code }))))
        : h('p', { class: 'mv-launch-reasons-none', 'data-testid': 'launch-status-reasons', text: 'Every check passed (advice aside).' }),
      figureRow([
        {
          label: 'Days to launch', big: true, testid: 'launch-days',
          value: typeof days === 'number' ? String(days) : '–',
          sub: typeof days === 'number' ? `${daysToLaunchText(days)}: ${fmtDate(r.launchDate)}, as of ${fmtDate(r.asOf)}` : `launch ${fmtDate(r.launchDate)}; no as-of date, so not counted`,
        },
        { label: 'Coordination score', big: true, testid: 'launch-score', value: fmt1(r.score.score), sub: r.score.cap ? `out of 100, capped at ${fmt1(r.score.cap.value)}: the plan is blocked; the derivation is below` : 'out of 100; the derivation is below' },
        { label: 'Milestones', value: String(r.timeline.length), sub: `${counts.done} done · ${counts.overdue} overdue · ${counts.open} open${r.defaultTimeline ? ' (default timeline)' : ''}` },
        { label: 'Critical path', value: r.criticalPath.milestones.length ? plural(r.criticalPath.days, 'day') : 'none', sub: r.criticalPath.milestones.length ? plural(r.criticalPath.milestones.length, 'milestone') : 'no critical milestones' },
      ]));

    const sourceIds = new Map((r.sources ?? []).map((src) => [src.id, uid(`src-${src.id.replace(/[^a-z0-9-]/gi, '')}`)]));
    const grid = h('div', { class: 'mv-grid mv-launch-grid-results' },
      recommendationsPanel(r, sourceIds),
      panel('Timeline', [timeline.figure(r, Math.max(300, chartWidth(body) - 34)), milestoneNotes(r)], { wide: true, testid: 'launch-timeline-panel' }),
      dependenciesPanel(r),
      campaignsPanel(r),
      criticalPathPanel(r),
      messagingPanel(r),
      scorePanel(r),
      successPanel(r, sourceIds),
      sourcesPanel(r, sourceIds));
    body.replaceChildren(summary, grid);
  }

  /** @param {LaunchReport} r @param {Map<string, string>} sourceIds source id -> its list item's id */
  function recommendationsPanel(r, sourceIds) {
    const recs = r.recommendations ?? [];
    const sources = sourcesById(r);
    return panel('Recommendations', recs.length
      ? h('ol', { class: 'mv-launch-recs' }, recs.map((rec) => h('li', { class: 'mv-launch-rec', 'data-level': rec.level, 'data-code': rec.code },
        verdictBadge(LEVEL_LABELS[rec.level] ?? rec.level, LEVEL_TONES[rec.level] ?? 'neutral'),
        h('div', { class: 'mv-launch-rec-body' },
          h('p', { class: 'mv-launch-rec-finding', text: rec.finding }),
          h('p', { class: 'mv-launch-rec-action' }, h('span', { class: 'mv-launch-do', text: 'What to do: ' }), rec.action),
          h('p', { class: 'mv-launch-rec-meta' },
            h('code', { class: 'mv-launch-code', text: rec.code }),
            rec.path ? [' · ', pathLink(rec.path)] : null,
            rec.source && sourceIds.has(rec.source) ? [' · source: ', sourceLink(rec.source, sources, sourceIds)] : null)))))
      : h('p', { class: 'mv-muted', text: 'Nothing to do: every check passed.' }),
    { wide: true, testid: 'launch-recommendations' });
  }

  /** A finding's plan path: a button to its input, or the path as code. @param {string} path */
  function pathLink(path) {
    return hasField(path)
      ? h('button', { type: 'button', class: 'mv-launch-path', title: 'Go to this field', onclick: () => focusPath(path) }, path)
      : h('code', { text: path });
  }

  return {
    element,
    show,
    /** No report yet and the plan has problems. */
    showNoResult() {
      body.replaceChildren(h('p', { class: 'mv-launch-empty', 'data-testid': 'launch-no-result',
        text: 'No result yet: the plan has problems (listed above). Fix them and the readiness check appears here.' }));
    },
    /** Marks the report shown as out of date (or current). @param {boolean} stale */
    showStale(stale) {
      element.dataset.stale = String(stale);
      staleBanner.hidden = !stale;
    },
  };
}

/** @param {LaunchReport} r @returns {Map<string, Source>} */
const sourcesById = (r) => new Map((r.sources ?? []).map((x) => [x.id, x]));

/**
 * A link to a source in the Sources panel, named by its citation's first part.
 * @param {string} id @param {Map<string, Source>} sources @param {Map<string, string>} sourceIds
 */
const sourceLink = (id, sources, sourceIds) => h('a', { href: `#${sourceIds.get(id)}`, text: sources.get(id)?.citation?.split(',')[0] ?? id });

/**
 * The milestones' descriptions and the days they were done, under the chart
 * (none when no milestone has either).
 * @param {LaunchReport} r
 */
function milestoneNotes(r) {
  const noted = (r.timeline ?? []).filter((m) => m.description || m.doneOn);
  if (!noted.length) return null;
  return h('div', { class: 'mv-launch-notes', 'data-testid': 'launch-milestone-notes' },
    h('h4', { text: 'The milestones' }),
    h('ul', {}, noted.map((m) => h('li', { class: 'mv-launch-note', 'data-testid': 'launch-milestone-note', 'data-name': m.name, 'data-state': m.state },
      h('p', { class: 'mv-launch-note-head' },
        h('strong', { text: m.name }), h('span', { class: 'mv-muted', text: ` ${fmtDate(m.date)}` }),
        m.doneOn ? h('span', { class: 'mv-launch-note-done', 'data-testid': 'launch-note-done-on', text: `done on ${fmtDate(m.doneOn)}` }) : null),
      m.description ? h('p', { class: 'mv-launch-note-description', 'data-testid': 'launch-note-description', text: m.description }) : null))));
}

/** @param {LaunchReport} r */
function dependenciesPanel(r) {
  const checks = r.dependencies ?? [];
  const list = checks.length ? h('ul', { class: 'mv-launch-deps' }, checks.map((c) => {
    const broken = c.status !== 'ok';
    // An approval not given blocks the launch whether or not either milestone is critical.
    const blocks = c.critical || c.status === 'awaiting_approval';
    const tone = !broken ? 'good' : blocks ? 'bad' : 'warn';
    const cycle = c.cycle != null ? r.cycles?.[c.cycle] : undefined;
    return h('li', { class: 'mv-launch-dep', 'data-status': c.status, 'data-type': c.type, 'data-testid': 'launch-dep' },
      verdictBadge(DEP_STATUS[c.status] ?? c.status, tone),
      h('div', { class: 'mv-launch-dep-body' },
        h('p', { class: 'mv-launch-dep-pair' }, h('strong', { text: c.milestone }), ' depends on ', h('strong', { text: c.dependsOn }),
          h('span', { class: `mv-launch-dep-type mv-launch-dep-type-${c.type}`, 'data-testid': 'launch-dep-type' },
            h('span', { class: 'mv-visually-hidden', text: 'type: ' }), DEP_TYPES[c.type] ?? c.type),
          broken ? h('span', { class: 'mv-tag', text: blocks ? 'blocks the launch' : 'not critical' }) : null),
        broken || checks.length <= 12 ? h('p', { class: 'mv-launch-dep-message', text: c.message }) : null,
        c.hint ? h('p', { class: 'mv-launch-dep-hint', 'data-testid': 'launch-dep-hint', text: c.hint.replace(/^./, (x) => x.toUpperCase()) }) : null,
        cycle ? h('p', { class: 'mv-launch-dep-hint', text: `Loop: ${cycle.path.join(' → ')}` }) : null));
  })) : h('p', { class: 'mv-muted', text: 'No dependencies.' });
  const broken = checks.filter((c) => c.status !== 'ok').length;
  const cycles = r.cycles ?? [];
  return panel('Dependencies', [
    h('p', { class: 'mv-note', text: checks.length ? `${checks.length - broken} of ${plural(checks.length, 'dependency', 'dependencies')} sound${broken ? `; ${broken} broken` : ''}.` : '' }),
    list,
    h('div', { class: 'mv-launch-cycles', 'data-testid': 'launch-cycles' },
      h('h4', { text: 'Loops' }),
      cycles.length ? h('ol', {}, cycles.map((c) => h('li', { 'data-testid': 'launch-cycle' },
        h('span', { class: 'mv-launch-cycle-path', text: c.path.join(' → ') }),
        h('span', { class: 'mv-muted', text: ` (members: ${c.members.join(', ')}${c.critical ? '; critical: blocks the launch' : ''})` }))))
        : h('p', { class: 'mv-muted', text: 'No loops: every milestone can be done in some order.' })),
  ], { wide: true, testid: 'launch-dependencies' });
}

/**
 * The marketing campaigns: each one's status, the days it runs, whether the
 * launch day is among them and the channels it runs in (none without campaigns).
 * @param {LaunchReport} r
 */
function campaignsPanel(r) {
  const campaigns = r.campaigns ?? [];
  if (!campaigns.length) return null;
  const missing = campaigns.filter((c) => !c.coversLaunch && c.status !== 'cancelled').length;
  const table = h('table', { class: 'mv-table mv-launch-campaign-table', 'data-testid': 'launch-campaign-table' },
    h('caption', { class: 'mv-visually-hidden', text: 'Marketing campaigns: status, run, whether each covers the launch day, channels' }),
    h('thead', {}, h('tr', {}, ['Campaign', 'Status', 'Runs', 'Covers the launch', 'Channels'].map((c) => h('th', { scope: 'col', text: c })))),
    h('tbody', {}, campaigns.map((c) => {
      const [label, tone] = CAMPAIGN_STATUS[c.status] ?? [c.status, 'neutral'];
      return h('tr', { 'data-testid': 'launch-campaign', 'data-id': c.id, 'data-status': c.status, 'data-covers': String(c.coversLaunch) },
        h('th', { scope: 'row' }, h('span', { class: 'mv-launch-comp', text: c.name }), h('span', { class: 'mv-launch-comp-detail', text: c.id })),
        h('td', {}, verdictBadge(label, tone)),
        h('td', { class: 'mv-launch-campaign-run', text: `${fmtDate(c.startDate)} – ${fmtDate(c.endDate)}` }),
        h('td', { class: `mv-launch-covers mv-launch-covers-${c.coversLaunch ? 'yes' : 'no'}`, 'data-testid': 'launch-campaign-covers' },
          h('span', { 'aria-hidden': 'true', text: c.coversLaunch ? '✓ ' : '✕ ' }), c.coversLaunch ? 'yes' : 'no'),
        h('td', {}, c.channels.length ? c.channels.join(', ') : h('span', { class: 'mv-muted', text: 'none' })));
    })));
  return panel('Marketing campaigns', [
    h('p', { class: 'mv-note', text: `${plural(campaigns.length, 'campaign')}; ${missing ? `${missing} ${missing === 1 ? 'does' : 'do'} not run on` : 'every live one runs on'} the launch day, ${fmtDate(r.launchDate)}.` }),
    h('div', { class: 'mv-table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Marketing campaigns' }, table),
  ], { wide: true, testid: 'launch-campaigns' });
}

/** @param {LaunchReport} r */
function criticalPathPanel(r) {
  const cp = r.criticalPath;
  const dates = new Map((r.timeline ?? []).map((m) => [m.name, m.date]));
  return panel('Critical path', cp.milestones.length ? [
    h('ol', { class: 'mv-launch-chain' }, cp.milestones.map((name) => h('li', {},
      h('span', { class: 'mv-launch-chain-name', text: name }), h('span', { class: 'mv-muted', text: ` ${fmtDate(dates.get(name))}` })))),
    h('p', { class: 'mv-note', text: `${plural(cp.days, 'day')} from ${fmtDate(cp.start)} to ${fmtDate(cp.end)}: the longest chain of critical milestones, each depending on the one before through a sound dependency.` }),
  ] : h('p', { class: 'mv-muted', text: 'No critical milestone, so no critical path.' }), { testid: 'launch-critical-path' });
}

/** @param {LaunchReport} r */
function messagingPanel(r) {
  const checks = r.messaging ?? [];
  return panel('Messaging', checks.length ? h('ul', { class: 'mv-launch-msgs' }, checks.map((m) => {
    const [label, tone] = MSG_STATUS[m.status] ?? [m.status, 'neutral'];
    return h('li', { class: 'mv-launch-msg-check', 'data-status': m.status, 'data-testid': 'launch-msg' },
      h('p', { class: 'mv-launch-msg-head' }, h('strong', { text: m.name ?? m.featureId }), m.name ? h('span', { class: 'mv-muted', text: ` (${m.featureId})` }) : null, ' ', verdictBadge(label, tone)),
      m.reasons.length ? h('ul', { class: 'mv-launch-msg-reasons' }, m.reasons.map((x) => h('li', { 'data-code': x.code, text: x.message }))) : null);
  })) : h('p', { class: 'mv-muted', text: 'No features listed, so no messaging to check.' }), { testid: 'launch-messaging' });
}

/** @param {LaunchReport} r */
function scorePanel(r) {
  const comps = r.score.components ?? [];
  const total = comps.reduce((a, c) => a + c.contribution, 0);
  const body = h('tbody', {}, comps.map((c) => h('tr', { class: c.assessed ? null : 'mv-launch-unassessed', 'data-component': c.component },
    h('th', { scope: 'row' }, h('span', { class: 'mv-launch-comp', text: COMPONENT_LABELS[c.component] ?? c.component }), h('span', { class: 'mv-launch-comp-detail', text: c.detail })),
    h('td', { class: 'mv-num', text: c.assessed ? fmtPct(c.value) : 'not assessed' }),
    h('td', { class: 'mv-num' }, fmtPct(c.effectiveWeight), Math.abs(c.effectiveWeight - c.nominalWeight) > 1e-9 ? h('span', { class: 'mv-launch-comp-detail', text: `nominal ${fmtPct(c.nominalWeight)}` }) : null),
    h('td', { class: 'mv-num', text: fmt1(c.contribution) }))));
  const table = h('table', { class: 'mv-table mv-launch-score-table', 'data-testid': 'launch-score-table' },
    h('caption', { class: 'mv-visually-hidden', text: 'Coordination score: each component\'s value, weight and points' }),
    h('thead', {}, h('tr', {}, ['Component', 'Value', 'Weight', 'Points'].map((c, i) => h('th', { scope: 'col', class: i ? 'mv-num' : null, text: c })))),
    body,
    h('tfoot', {},
      h('tr', {}, h('th', { scope: 'row', text: r.score.cap ? 'Sum of points' : 'Score (sum of points)' }), h('td', {}),
        h('td', { class: 'mv-num', text: fmtPct(comps.reduce((a, c) => a + c.effectiveWeight, 0)) }),
        h('td', { class: 'mv-num', 'data-testid': r.score.cap ? 'launch-score-uncapped' : 'launch-score-total', text: fmt1(r.score.uncapped) })),
      // A blocked plan's score is capped below the ready line: the cap is part of the derivation.
      r.score.cap ? h('tr', { 'data-testid': 'launch-score-cap' },
        h('th', { scope: 'row' }, h('span', { class: 'mv-launch-comp', text: 'Score, capped' }), h('span', { class: 'mv-launch-comp-detail', text: r.score.cap.reason })),
        h('td', {}), h('td', {}),
        h('td', { class: 'mv-num', 'data-testid': 'launch-score-total', text: fmt1(r.score.score) })) : null));
  return panel('Coordination score', [
    h('p', { class: 'mv-note', text: 'Points = 100 × weight × value. Weights are renormalised over the components that could be assessed. A high score does not make a launch ready: the status does.' }),
    h('div', { class: 'mv-table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Coordination score derivation' }, table),
    Math.abs(total - r.score.uncapped) > 0.05 ? h('p', { class: 'mv-note', text: `The points add up to ${fmt1(total)} before rounding.` }) : null,
  ], { testid: 'launch-score-panel' });
}

/** @param {LaunchReport} r @param {Map<string, string>} sourceIds */
function successPanel(r, sourceIds) {
  const metrics = r.successMetrics ?? [];
  const sources = sourcesById(r);
  /** @param {import('../../../pkg/web/market_validation.js').LaunchSuccessMetric} m */
  const fmtTarget = (m) => (m.target == null ? 'no target' : m.unit.startsWith('fraction') ? fmtPct(m.target) : fmt(m.target));
  const table = h('table', { class: 'mv-table mv-launch-success-table', 'data-testid': 'launch-success-table' },
    h('caption', { class: 'mv-visually-hidden', text: 'Success-metric targets' }),
    h('thead', {}, h('tr', {}, ['Metric', 'Target', 'Measured by'].map((c, i) => h('th', { scope: 'col', class: i === 1 ? 'mv-num' : null, text: c })))),
    h('tbody', {}, metrics.map((m) => h('tr', { 'data-metric': m.metric },
      h('th', { scope: 'row' }, h('span', { class: 'mv-launch-comp', text: TARGETS.find((t) => t.key === m.metric)?.label ?? m.metric }), h('span', { class: 'mv-launch-comp-detail', text: m.description })),
      h('td', { class: 'mv-num' }, h('span', { class: m.target == null ? 'mv-muted' : null, text: fmtTarget(m) }),
        h('span', { class: 'mv-launch-comp-detail' }, m.isDefault ? 'default' : m.target == null ? 'set one' : 'set in the plan',
          m.source && sourceIds.has(m.source) ? [' · ', sourceLink(m.source, sources, sourceIds)] : null)),
      h('td', {}, m.measuredBy ? h('code', { text: m.measuredBy }) : h('span', { class: 'mv-muted', text: 'your own figures' }))))));
  const on = metrics[0]?.measureOn;
  return panel('Success metrics', [
    on ? h('p', { class: 'mv-note', text: `Measured at the launch review on ${fmtDate(on)}.` }) : null,
    h('div', { class: 'mv-table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Success-metric targets' }, table),
  ], { testid: 'launch-success' });
}

/** @param {LaunchReport} r @param {Map<string, string>} sourceIds */
function sourcesPanel(r, sourceIds) {
  const list = r.sources ?? [];
  return panel('Sources', list.length ? h('ol', { class: 'mv-launch-sources' }, list.map((src) => h('li', { id: sourceIds.get(src.id) },
    src.url ? h('a', { href: src.url, target: '_blank', rel: 'noopener noreferrer', text: src.citation }) : src.citation,
    h('span', { class: 'mv-muted', text: ` (${src.id})` }))))
    : h('p', { class: 'mv-muted', text: 'No sources cited by these findings.' }), { testid: 'launch-sources' });
}
