// The launch timeline as an SVG chart: one row per milestone at its date, its
// marker's shape telling its state, critical milestones larger, the critical
// path haloed, the as-of and launch days as lines, and the dependencies as
// arrows (dashed red when broken). Below NARROW the chart turns vertical
// (phones): earliest at the top, spaced by the days between milestones but not
// to scale. A data table holds the same facts. Labels are only set as text.
import { h, svg as s } from '../../lib/dom.js';
import { CHAR_W, round, clamp, ellipsize } from '../../lib/charts.js';
import { dataTable } from '../../lib/widgets.js';
import { STATE_LABELS, dayNumber, fmtDate, fmtDayShort, fmtDayLong, fmtMonth, plural, offsetLabel, milestoneMarker } from '../../lib/launch-card.js';
import { launchId as uid, DEP_STATUS, DEP_TYPES } from './labels.js';

/** @import { LaunchReport, LaunchTimelineEntry, LaunchDependencyCheck } from '../../../pkg/web/market_validation.js' */

/** Below this figure width the timeline is drawn vertically (phones). */
const NARROW = 540;
/** More dependency pairs than this and the chart leaves the arrows out (the list has them all). */
const MAX_ARROWS = 80;
const DAY_MS = 86_400_000;

/** A milestone with a date: its report entry, its row and its day number. @typedef {LaunchTimelineEntry & { i: number, day: number }} Item */
/**
 * What both layouts draw from.
 * @typedef {object} Drawing
 * @property {LaunchReport} r
 * @property {Item[]} items the milestones with a date, in the report's order
 * @property {number | null} launch @property {number | null} asOf day numbers
 * @property {Set<string>} onPath names on the critical path
 * @property {Set<string>} cpEdges `${from}\u0000${to}` pairs along the critical path
 * @property {string} title @property {string} summary
 * @property {boolean} [arrowsLeftOut] set by the wide layout: too many arrows to draw
 */

/**
 * The timeline chart of a launch view. Keeps the data table open across
 * re-runs once opened, and one ResizeObserver at a time.
 */
export function createTimeline() {
  let tableOpen = false;
  /** @type {ResizeObserver | null} */
  let observer = null;

  /**
   * The timeline figure of a report, drawn for `width` and redrawn when its width changes.
   * @param {LaunchReport} r @param {number} width
   * @returns {HTMLElement}
   */
  function figure(r, width) {
    observer?.disconnect();
    observer = null;
    /** @type {Item[]} */
    const items = [];
    (r.timeline ?? []).forEach((m, i) => { const day = dayNumber(m.date); if (day != null) items.push({ ...m, i, day }); });
    if (!items.length) return h('p', { class: 'mv-muted', text: 'No milestones to draw.' });
    const title = `Timeline of ${plural(items.length, 'milestone')}`;
    const launch = dayNumber(r.launchDate);
    const asOf = dayNumber(r.asOf);
    const cp = r.criticalPath?.milestones ?? [];
    const onPath = new Set(cp);
    const cpEdges = new Set(cp.slice(1).map((n, j) => `${cp[j]}\u0000${n}`));
    /** @type {Record<string, number>} */
    const counts = { done: 0, overdue: 0, open: 0 };
    for (const m of items) counts[m.state] = (counts[m.state] ?? 0) + 1;
    const last = items[items.length - 1];
    const summary = `${fmtDayLong(items[0].day)} to ${fmtDayLong(last.day)}; launch ${launch != null ? fmtDayLong(launch) : 'unknown'}`
      + `${asOf != null ? `; as of ${fmtDayLong(asOf)}` : '; no as-of date'}; ${counts.done} done, ${counts.overdue} overdue, ${counts.open} open`
      + `${cp.length ? `; critical path ${cp.join(' → ')}` : ''}.`;
    /** @type {Drawing} */
    const ctx = { r, items, launch, asOf, onPath, cpEdges, title, summary };

    const holder = h('div', { class: 'mv-launch-chart-holder', 'data-testid': 'launch-timeline-chart' });
    const note = h('p', { class: 'mv-chart-note' });
    const table = dataTable(title, ['Milestone', 'Date', 'From launch', 'From as-of', 'Critical', 'State', 'Done on', 'Owner', 'Critical path', 'Description'],
      () => items.map((m) => [m.name, m.date, offsetLabel(m.offsetDays), m.daysFromAsOf != null ? `${m.daysFromAsOf > 0 ? '+' : ''}${m.daysFromAsOf} days` : '–',
        m.critical ? 'yes' : 'no', STATE_LABELS[m.state] ?? m.state, m.doneOn ?? '', m.owner ?? '', onPath.has(m.name) ? 'yes' : '', m.description ?? '']));
    // The data table stays open across re-runs once opened.
    if (tableOpen) { table.open = true; table.buildTable(); }
    table.addEventListener('toggle', () => { tableOpen = table.open; });
    const fig = h('figure', { class: 'mv-chart mv-launch-timeline', 'data-testid': 'launch-timeline' },
      h('figcaption', { class: 'mv-chart-title', text: title }),
      legend(), holder, note, table);
    let drawn = 0;
    /** @param {number} w */
    const draw = (w) => {
      drawn = w;
      const narrow = w < NARROW;
      holder.dataset.layout = narrow ? 'vertical' : 'horizontal';
      holder.replaceChildren(narrow ? drawVertical(ctx, w) : drawHorizontal(ctx, w));
      note.textContent = narrow
        ? 'Earliest at the top. The spacing grows with the days between milestones but is not to scale; the dependency arrows are in the wide layout, and every dependency is listed below.'
        : `Arrows run from a milestone to the one that depends on it${ctx.arrowsLeftOut ? ' (left out here: too many to read; see the list below)' : ''}. Dashed red arrows: broken (misordered, in a loop or awaiting approval).`;
    };
    draw(width);
    if (typeof ResizeObserver === 'function') {
      observer = new ResizeObserver((entries) => {
        const w = Math.round(entries[0].contentRect.width);
        if (w < 200 || Math.abs(w - drawn) < 4) return;
        draw(w);
      });
      observer.observe(holder);
    }
    return fig;
  }

  return { figure };
}

/** The chart's legend: each marker and line with its meaning. */
function legend() {
  /** @param {...SVGElement} children */
  const icon = (...children) => s('svg', { class: 'mv-launch-legend-icon', viewBox: '0 0 22 16', width: 22, height: 16, 'aria-hidden': 'true', focusable: 'false' }, children);
  /** @type {[SVGSVGElement, string][]} */
  const items = [
    [icon(milestoneMarker('open', 11, 8, 5.5)), 'open'],
    [icon(milestoneMarker('done', 11, 8, 5.5)), 'done'],
    [icon(milestoneMarker('overdue', 11, 8, 5)), 'overdue'],
    [icon(milestoneMarker('open', 11, 8, 7, 'mv-launch-critical')), 'critical (larger, name in bold)'],
    [icon(s('circle', { class: 'mv-launch-halo', cx: 11, cy: 8, r: 6 })), 'on the critical path'],
    [icon(s('line', { class: 'mv-launch-asof', x1: 11, x2: 11, y1: 0, y2: 16 })), 'as of'],
    [icon(s('line', { class: 'mv-launch-launchline', x1: 11, x2: 11, y1: 0, y2: 16 })), 'launch day'],
  ];
  return h('ul', { class: 'mv-legend mv-launch-legend', 'aria-hidden': 'true' }, items.map(([ic, text]) => h('li', {}, ic, text)));
}

/**
 * The <svg> root, sized in pixels, labelled with the title and summary.
 * @param {number} width @param {number} height @param {Drawing} ctx
 */
function svgRoot(width, height, ctx) {
  const label = `${ctx.title}: ${ctx.summary}`;
  return s('svg', {
    class: 'mv-svg mv-launch-svg', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': label,
    focusable: 'false', 'data-testid': 'launch-timeline-svg',
  }, s('title', { text: label }));
}

/**
 * Date ticks for [lo, hi] (day numbers), at most `max` of them, with their format:
 * days or weeks (from Mondays) for short spans, else months or years.
 * @param {number} lo @param {number} hi @param {number} max
 * @returns {{ ticks: number[], format: (day: number) => string }}
 */
function dateTicks(lo, hi, max) {
  const span = hi - lo;
  for (const step of [1, 2, 7, 14]) {
    if (span / step <= max) {
      const start = step >= 7 ? lo + ((((4 - lo) % 7) + 7) % 7) : lo; // weeks start on Mondays
      const ticks = [];
      for (let d = start; d <= hi; d += step) ticks.push(d);
      return { ticks, format: fmtDayShort };
    }
  }
  const first = new Date(lo * DAY_MS);
  for (const months of [1, 2, 3, 6, 12, 24, 60, 120]) {
    const ticks = [];
    let y = first.getUTCFullYear();
    let mo = first.getUTCMonth();
    for (;;) {
      const d = Date.UTC(y, mo, 1) / DAY_MS;
      if (d > hi) break;
      if (d >= lo && (y * 12 + mo) % months === 0) ticks.push(d);
      mo++;
      if (mo === 12) { mo = 0; y++; }
    }
    if (ticks.length <= max) return { ticks, format: months >= 12 ? (d) => String(new Date(d * DAY_MS).getUTCFullYear()) : fmtMonth };
  }
  return { ticks: [lo, hi], format: fmtDayShort };
}

/** The `<title>` of a milestone's marker. @param {Item} m @param {Set<string>} onPath @param {boolean} long with the path, the owner and the description */
const markerTitle = (m, onPath, long) => `${m.name}: ${fmtDate(m.date)} (${offsetLabel(m.offsetDays)}), ${STATE_LABELS[m.state] ?? m.state}`
  + `${m.doneOn ? ` on ${fmtDate(m.doneOn)}` : ''}${m.critical ? ', critical' : ''}`
  + (long ? `${onPath.has(m.name) ? ', on the critical path' : ''}${m.owner ? `, owner ${m.owner}` : ''}${m.description ? `. ${m.description}` : ''}` : '');

/** The classes of a milestone's group. @param {Item} m @param {Set<string>} onPath */
const milestoneClass = (m, onPath) => `mv-launch-milestone mv-launch-state-${m.state}${m.critical ? ' mv-launch-critical' : ''}${onPath.has(m.name) ? ' mv-launch-on-path' : ''}`;

/**
 * The wide layout: time runs left to right, one row per milestone.
 * @param {Drawing} ctx @param {number} w
 */
function drawHorizontal(ctx, w) {
  const { items, launch, asOf, onPath } = ctx;
  const days = [...items.map((m) => m.day), launch, asOf].filter((d) => d != null);
  let lo = Math.min(...days);
  let hi = Math.max(...days);
  if (hi - lo < 6) { lo -= 3; hi += 3; }
  const pad = Math.max(1, Math.round((hi - lo) * 0.03));
  lo -= pad;
  hi += pad;
  const rowH = 30;
  const top = 40;
  const left = 14;
  const right = w - 14;
  const axisY = top + items.length * rowH + 4;
  const height = axisY + 24;
  /** @param {number} d */
  const x = (d) => left + ((d - lo) / (hi - lo)) * (right - left);
  /** @param {number} k */
  const rowY = (k) => top + k * rowH + rowH / 2;
  const svg = svgRoot(w, height, ctx);

  // Arrowheads, one per edge kind (their colours come from CSS).
  const ids = { edge: uid('arrow'), cp: uid('arrow'), bad: uid('arrow') };
  svg.append(s('defs', {}, Object.entries(ids).map(([kind, id]) => s('marker', {
    id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse', markerUnits: 'userSpaceOnUse',
  }, s('path', { class: `mv-launch-arrowhead mv-launch-arrowhead-${kind}`, d: 'M0 0L10 5L0 10Z' })))));

  const axes = s('g', { class: 'mv-axes' });
  items.forEach((m, k) => { if (k % 2) axes.append(s('rect', { class: 'mv-launch-band', x: left, y: top + k * rowH, width: right - left, height: rowH })); });
  const { ticks, format } = dateTicks(lo, hi, Math.max(2, Math.floor((right - left) / 70)));
  for (const t of ticks) {
    const xx = round(x(t));
    axes.append(s('line', { class: 'mv-gridline', x1: xx, x2: xx, y1: top - 4, y2: axisY }));
    axes.append(s('text', { class: 'mv-tick', x: xx, y: axisY + 15, 'text-anchor': xx < 30 ? 'start' : xx > w - 30 ? 'end' : 'middle', text: format(t) }));
  }
  axes.append(s('line', { class: 'mv-zero', x1: left, x2: right, y1: axisY, y2: axisY }));
  svg.append(axes);

  /** A day's vertical line with its label above the plot. @param {number} d @param {string} cls @param {string} text @param {number} y */
  const refLine = (d, cls, text, y) => {
    const xx = round(x(d));
    const anchor = xx > w - 90 ? 'end' : xx < 90 ? 'start' : 'middle';
    return s('g', { class: `mv-launch-ref ${cls}` },
      s('line', { x1: xx, x2: xx, y1: y + 4, y2: axisY }),
      s('text', { class: 'mv-launch-ref-label', x: anchor === 'end' ? xx - 3 : anchor === 'start' ? xx + 3 : xx, y, 'text-anchor': anchor, text }));
  };
  if (asOf != null) svg.append(refLine(asOf, 'mv-launch-asof-g', `As of ${fmtDayShort(asOf)}`, 12));
  if (launch != null) svg.append(refLine(launch, 'mv-launch-launch-g', `Launch ${fmtDayShort(launch)}`, 28));

  // Dependency arrows: from the milestone depended on to the one that depends on it.
  /** @type {Map<string, number>} */
  const row = new Map(items.map((m, k) => [m.name, k]));
  /** @type {{ c: LaunchDependencyCheck, ka: number, kb: number }[]} the checks between two drawn milestones, with their rows */
  const pairs = [];
  for (const c of ctx.r.dependencies ?? []) {
    const ka = row.get(c.dependsOn);
    const kb = row.get(c.milestone);
    if (c.status !== 'unknown_milestone' && kb !== undefined && ka !== undefined && c.milestone !== c.dependsOn) pairs.push({ c, ka, kb });
  }
  ctx.arrowsLeftOut = pairs.length > MAX_ARROWS;
  if (!ctx.arrowsLeftOut) {
    const edges = s('g', { class: 'mv-launch-edges' });
    /** @param {Item} m */
    const radius = (m) => (m.critical ? 7 : 5);
    // Critical-path edges last, so they are drawn on top.
    /** @param {LaunchDependencyCheck} c @returns {'edge' | 'cp' | 'bad'} */
    const kindOf = (c) => (c.status === 'misordered' || c.status === 'cycle' || c.status === 'awaiting_approval' ? 'bad' : ctx.cpEdges.has(`${c.dependsOn}\u0000${c.milestone}`) ? 'cp' : 'edge');
    const order = { edge: 0, bad: 1, cp: 2 };
    for (const { c, ka, kb } of [...pairs].sort((p, q) => order[kindOf(p.c)] - order[kindOf(q.c)])) {
      const a = items[ka];
      const b = items[kb];
      const dir = kb > ka ? 1 : -1;
      const x1 = round(x(a.day));
      const y1 = rowY(ka) + dir * (radius(a) + 1);
      const x2 = round(x(b.day));
      const y2 = rowY(kb) - dir * (radius(b) + 2);
      const bend = Math.min(Math.abs(y2 - y1) * 0.6, 44) * dir;
      const kind = kindOf(c);
      edges.append(s('path', {
        class: `mv-launch-edge mv-launch-edge-${kind}`, d: `M${x1} ${round(y1)}C${x1} ${round(y1 + bend)} ${x2} ${round(y2 - bend)} ${x2} ${round(y2)}`,
        'marker-end': `url(#${ids[kind]})`,
      }, s('title', { text: `${c.milestone} depends on ${c.dependsOn} (${(DEP_TYPES[c.type] ?? c.type).toLowerCase()}): ${DEP_STATUS[c.status] ?? c.status}` })));
    }
    svg.append(edges);
  }

  const marks = s('g', { class: 'mv-launch-marks' });
  items.forEach((m, k) => {
    const cx = x(m.day);
    const cy = rowY(k);
    const r = m.critical ? 7 : 5;
    const g = s('g', { class: milestoneClass(m, onPath), 'data-name': m.name }, s('title', { text: markerTitle(m, onPath, true) }));
    if (onPath.has(m.name)) g.append(s('circle', { class: 'mv-launch-halo', cx: round(cx), cy, r: r + 4 }));
    g.append(milestoneMarker(m.state, cx, cy, r, m.critical ? 'mv-launch-critical' : ''));
    // The label beside its marker: right if it fits, else left, else cut to the wider side.
    const dateText = ` · ${fmtDayShort(m.day)}`;
    const need = (m.name.length + dateText.length) * CHAR_W + (m.critical ? m.name.length * 0.5 : 0);
    const roomRight = w - 4 - (cx + r + 6);
    const roomLeft = cx - r - 6 - 4;
    const side = need <= roomRight ? 'right' : need <= roomLeft ? 'left' : roomRight >= roomLeft ? 'right' : 'left';
    const room = side === 'right' ? roomRight : roomLeft;
    const name = ellipsize(m.name, Math.max(4, Math.floor(room / (CHAR_W + (m.critical ? 0.5 : 0))) - dateText.length));
    g.append(s('text', {
      class: 'mv-launch-label', x: round(side === 'right' ? cx + r + 6 : cx - r - 6), y: cy, 'dominant-baseline': 'middle',
      'text-anchor': side === 'right' ? 'start' : 'end',
    }, s('tspan', { class: 'mv-launch-label-name', text: name }), s('tspan', { class: 'mv-launch-label-date', text: dateText })));
    marks.append(g);
  });
  svg.append(marks);
  return svg;
}

/**
 * A row of the narrow layout: a milestone, or the as-of or launch day when no milestone falls on it.
 * @typedef {{ kind: 'm', day: number, m: Item, tags: ('asof' | 'launch')[], y?: number }
 *   | { kind: 'asof' | 'launch', day: number, tags: ('asof' | 'launch')[], y?: number }} Row
 */

/**
 * The narrow layout: time runs top to bottom along an axis, labels beside it.
 * @param {Drawing} ctx @param {number} w
 */
function drawVertical(ctx, w) {
  const { items, launch, asOf, onPath } = ctx;
  // Rows: the milestones, plus the as-of and launch days when no milestone falls on them.
  /** @type {Row[]} */
  const rows = items.map((m) => ({ kind: 'm', day: m.day, m, tags: [] }));
  for (const [kind, day] of /** @type {const} */ ([['asof', asOf], ['launch', launch]])) {
    if (day == null) continue;
    const same = rows.find((x) => x.kind === 'm' && x.day === day);
    if (same) same.tags.push(kind);
    else rows.push({ kind, day, tags: [] });
  }
  rows.sort((a, b) => a.day - b.day || Number(a.kind === 'm') - Number(b.kind === 'm'));
  const top = 16;
  let y = top;
  /** @type {number[]} the rows' y, in the sorted order */
  const ys = rows.map((row, k) => {
    if (k) {
      const gap = row.day - rows[k - 1].day;
      const base = row.kind === 'm' && rows[k - 1].kind === 'm' ? 46 : 34;
      y += clamp(base + gap * 1.5, base, 120);
    }
    return y;
  });
  const height = y + 34;
  const axisX = 92;
  const labelX = axisX + 16;
  const svg = svgRoot(w, height, ctx);
  const g = s('g', {});
  svg.append(g);
  g.append(s('line', { class: 'mv-launch-axis', x1: axisX, x2: axisX, y1: ys[0], y2: ys[ys.length - 1] }));
  // The critical path along the axis.
  /** @type {Map<string, number>} */
  const yOf = new Map();
  rows.forEach((row, k) => { if (row.kind === 'm') yOf.set(row.m.name, ys[k]); });
  const cp = ctx.r.criticalPath?.milestones ?? [];
  // Beside the axis, so milestones between two of the path's are not drawn as on it.
  const cpX = axisX - 13;
  for (let j = 1; j < cp.length; j++) {
    const from = yOf.get(cp[j - 1]);
    const to = yOf.get(cp[j]);
    if (from === undefined || to === undefined) continue;
    g.append(s('line', { class: 'mv-launch-cp-seg', x1: cpX, x2: cpX, y1: from, y2: to }));
  }
  if (cp.length > 1) {
    for (const name of cp) {
      const at = yOf.get(name);
      if (at !== undefined) g.append(s('line', { class: 'mv-launch-cp-tick', x1: cpX, x2: axisX - 9, y1: at, y2: at }));
    }
  }
  /** @type {number | null} */
  let lastYear = null;
  const maxChars = Math.max(6, Math.floor((w - labelX - 4) / CHAR_W));
  rows.forEach((row, k) => {
    const rowY = ys[k];
    const year = new Date(row.day * DAY_MS).getUTCFullYear();
    const dateLabel = s('text', { class: 'mv-tick mv-launch-vdate', x: axisX - 22, y: rowY, 'text-anchor': 'end', 'dominant-baseline': 'middle', text: fmtDayShort(row.day) });
    g.append(dateLabel);
    if (year !== lastYear) {
      g.append(s('text', { class: 'mv-tick mv-launch-vyear', x: axisX - 22, y: rowY + 14, 'text-anchor': 'end', 'dominant-baseline': 'middle', text: String(year) }));
      lastYear = year;
    }
    if (row.kind !== 'm') {
      const cls = row.kind === 'asof' ? 'mv-launch-asof-g' : 'mv-launch-launch-g';
      g.append(s('g', { class: `mv-launch-ref ${cls}` },
        s('line', { x1: axisX - 10, x2: w - 4, y1: rowY, y2: rowY }),
        s('text', { class: 'mv-launch-ref-label', x: labelX, y: rowY - 6, text: row.kind === 'asof' ? `As of ${fmtDayLong(row.day)}` : `Launch ${fmtDayLong(row.day)}` })));
      return;
    }
    const m = row.m;
    for (const tag of row.tags) {
      g.append(s('g', { class: `mv-launch-ref ${tag === 'asof' ? 'mv-launch-asof-g' : 'mv-launch-launch-g'}` },
        s('line', { x1: axisX - 10, x2: axisX + 10, y1: rowY, y2: rowY })));
    }
    const r = m.critical ? 7 : 5;
    const mg = s('g', { class: milestoneClass(m, onPath), 'data-name': m.name }, s('title', { text: markerTitle(m, onPath, false) }));
    if (onPath.has(m.name)) mg.append(s('circle', { class: 'mv-launch-halo', cx: axisX, cy: rowY, r: r + 4 }));
    mg.append(milestoneMarker(m.state, axisX, rowY, r, m.critical ? 'mv-launch-critical' : ''));
    const sub = [offsetLabel(m.offsetDays), (STATE_LABELS[m.state] ?? m.state).toLowerCase(), m.owner,
      row.tags.includes('launch') ? 'launch day' : null, row.tags.includes('asof') ? 'as of' : null].filter(Boolean).join(' · ');
    mg.append(s('text', { class: 'mv-launch-label', x: labelX, y: rowY - 2 },
      s('tspan', { class: 'mv-launch-label-name', text: ellipsize(m.name, maxChars - (m.critical ? 2 : 0)) })));
    mg.append(s('text', { class: 'mv-launch-label mv-launch-label-sub', x: labelX, y: rowY + 13, text: ellipsize(sub, maxChars + 4) }));
    g.append(mg);
  });
  return svg;
}
