// The editor's schedule: milestones (a date, or days from the launch; critical
// unless unticked; done, and the day it was done; owner; description) and the
// dependencies between them, in either shape checkLaunch takes: ours,
// { milestone, dependsOn, type? }, or the original design's { from, to, type }
// (`from` the prerequisite), each with its type (timeline or approval).
// Renaming a milestone renames it in the dependencies; the milestone names
// feed the dependency inputs' suggestions.
import { h, focusIn } from '../../../lib/dom.js';
import { dayNumber, isoDate } from '../../../lib/launch-card.js';
import { launchId as uid, DEP_TYPES } from '../labels.js';
import { isPlain, clone, describe, listAt, textOf } from '../plan-values.js';
import { rowLabel, textInput, dateInput, choiceSelect, button, removeButton, listOrNotice } from './controls.js';

/** @import { SectionContext } from './index.js' */

/** The library's default timeline (docs/methodology.md, "The default timeline"). */
const DEFAULT_TIMELINE = [
  { name: 'Feature freeze', offsetDays: -14 },
  { name: 'Marketing campaign', offsetDays: -7 },
  { name: 'Launch', offsetDays: 0 },
  { name: 'Launch review', offsetDays: 30, critical: false },
];
const DEFAULT_DEPENDENCIES = [
  { milestone: 'Marketing campaign', dependsOn: 'Feature freeze' },
  { milestone: 'Launch', dependsOn: 'Marketing campaign' },
  { milestone: 'Launch review', dependsOn: 'Launch' },
];

/** The dependency types, as the type selects offer them. @type {[string, string][]} */
const TYPE_CHOICES = Object.entries(DEP_TYPES);

/** The plan's milestones, or none when it has no list of them. @param {SectionContext} ctx @returns {unknown[]} */
const milestoneList = (ctx) => (Array.isArray(ctx.state.plan.milestones) ? ctx.state.plan.milestones : []);

/**
 * The milestones section: one row per milestone, or the default timeline in words.
 * @param {SectionContext} ctx
 */
export function renderMilestones(ctx) {
  const { state } = ctx;
  const list = listOrNotice(ctx, 'milestones', 'milestones');
  if (!Array.isArray(list)) return list;
  if (!list.length) {
    return [
      h('p', { class: 'mv-launch-hint', 'data-testid': 'launch-default-timeline' },
        'No milestones: the default timeline is used (feature freeze 14 days before the launch, marketing campaign 7 days before, the launch, and a launch review 30 days after; all critical but the review). Adding a milestone replaces it.'),
      h('div', { class: 'mv-launch-buttons' },
        button('Edit the default milestones', () => {
          state.plan.milestones = clone(DEFAULT_TIMELINE);
          if (state.plan.dependencies === undefined) state.plan.dependencies = clone(DEFAULT_DEPENDENCIES);
          ctx.rerender('milestones', 'dependencies');
          ctx.changed();
          ctx.focusPath('milestones[0].name');
        }, { 'data-testid': 'launch-edit-defaults' }),
        button('Add milestone', () => addMilestone(ctx), { 'data-testid': 'launch-add-milestone' })),
    ];
  }
  const rows = list.map((item, i) => milestoneRow(ctx, item, i));
  return [h('ol', { class: 'mv-launch-rows' }, rows), button('Add milestone', () => addMilestone(ctx), { 'data-testid': 'launch-add-milestone' })];
}

/**
 * One milestone: name, description, date or offset, owner, critical, done and
 * the day it was done, and the date and state the last check computed.
 * @param {SectionContext} ctx @param {unknown} item @param {number} i
 */
function milestoneRow(ctx, item, i) {
  const { state, controls } = ctx;
  const path = `milestones[${i}]`;
  const rowErr = controls.errorFor(path);
  if (!isPlain(item)) {
    const rm = removeButton(`milestone ${i + 1}`, () => removeMilestone(ctx, i), path);
    controls.reg(path, rm, rowErr);
    return h('li', { class: 'mv-launch-row', 'data-testid': 'launch-milestone-row' },
      h('p', { class: 'mv-launch-bad-row', text: `Milestone ${i + 1} is ${describe(item)}, not { name, date or offsetDays, ... }.` }), rm, rowErr);
  }
  const context = `Milestone ${i + 1}`;
  // Renaming a milestone renames it in the dependencies too: the references are those that
  // named it when the field got focus (so names typed on the way cannot capture others).
  /** @type {((name: string) => void)[]} */
  let refs = [];
  const nameInput = textInput(item.name, (v) => {
    item.name = v;
    for (const rename of refs) rename(v);
    ctx.updateDatalist();
    if (refs.length) ctx.renderSection('dependencies');
    ctx.changed();
  }, { 'data-testid': 'launch-milestone-name' });
  nameInput.addEventListener('focus', () => { refs = referencesTo(ctx, item.name); });
  const nameField = controls.field(rowLabel(context, 'Name'), nameInput, { path: `${path}.name`, className: 'mv-launch-field-name' });
  const description = controls.field(rowLabel(context, 'Description'), textInput(item.description, (v) => {
    if (v.trim()) item.description = v; else delete item.description;
    ctx.changed();
  }, { 'data-testid': 'launch-milestone-description' }), { path: `${path}.description`, wide: true });

  const mode = item.offsetDays !== undefined && item.date === undefined ? 'offset' : 'date';
  const modeSelect = h('select', { 'data-testid': 'launch-milestone-mode' },
    h('option', { value: 'date', selected: mode === 'date' }, 'Date'),
    h('option', { value: 'offset', selected: mode === 'offset' }, 'Offset'));
  modeSelect.addEventListener('change', () => {
    const launch = dayNumber(state.plan.launchDate);
    if (modeSelect.value === 'offset') {
      const d = dayNumber(item.date);
      item.offsetDays = d != null && launch != null ? d - launch : 0;
      delete item.date;
    } else {
      const off = Number(item.offsetDays);
      const launchDate = state.plan.launchDate;
      item.date = launch != null && Number.isInteger(off) ? isoDate(launch + off) : (launchDate && typeof launchDate === 'string' ? launchDate : '');
      delete item.offsetDays;
    }
    ctx.rerender('milestones');
    ctx.changed();
    focusIn(ctx.form, `[data-path="${path}.mode"]`);
  });
  const modeField = controls.field(rowLabel(context, 'When'), modeSelect, { className: 'mv-launch-field-mode' });
  modeSelect.dataset.path = `${path}.mode`;

  /** @type {HTMLInputElement} */
  let whenInput;
  if (mode === 'date') {
    whenInput = dateInput(item.date, (v) => { item.date = v; ctx.changed(); }, { 'data-testid': 'launch-milestone-date' });
  } else {
    const offsetInput = h('input', { type: 'number', step: 1, min: -3650, max: 3650, inputmode: 'numeric', value: textOf(item.offsetDays), 'data-testid': 'launch-milestone-offset' });
    offsetInput.addEventListener('input', () => {
      if (offsetInput.value === '' && !offsetInput.validity.badInput) item.offsetDays = '';
      else item.offsetDays = offsetInput.validity.badInput ? '' : Number(offsetInput.value);
      ctx.changed();
    });
    whenInput = offsetInput;
  }
  const whenPath = mode === 'date' ? `${path}.date` : `${path}.offsetDays`;
  const whenField = controls.field(rowLabel(context, mode === 'date' ? 'Date' : 'Days from launch'), whenInput, { path: whenPath, className: 'mv-launch-field-when' });
  // Problems about the other way of giving the date land on this input too ("either date or offsetDays").
  controls.reg(mode === 'date' ? `${path}.offsetDays` : `${path}.date`, whenInput, controls.registered(whenPath).err);
  const info = h('p', { class: 'mv-launch-computed', 'data-testid': 'launch-milestone-computed' });
  controls.computed.set(path, info);
  whenInput.setAttribute('aria-describedby', `${whenInput.getAttribute('aria-describedby')} ${info.id = uid('info')}`);

  const critical = h('input', { type: 'checkbox', checked: item.critical !== false, 'data-testid': 'launch-milestone-critical' });
  critical.addEventListener('change', () => { if (critical.checked) delete item.critical; else item.critical = false; ctx.changed(); });
  // A day it was done makes a milestone done (unless `done: false` says otherwise, which is a problem).
  const isDone = () => item.done === true || (item.done === undefined && typeof item.doneOn === 'string' && item.doneOn !== '');
  const done = h('input', { type: 'checkbox', checked: isDone(), 'data-testid': 'launch-milestone-done' });
  const doneOnInput = dateInput(item.doneOn, (v, bad) => {
    if (!v && !bad) delete item.doneOn;
    else {
      item.doneOn = v;
      if (item.done === false) delete item.done;
    }
    done.checked = isDone();
    ctx.changed();
  }, { 'data-testid': 'launch-milestone-done-on' });
  done.addEventListener('change', () => {
    if (done.checked) item.done = true;
    else {
      // Not done: no day it was done either.
      delete item.done;
      delete item.doneOn;
      doneOnInput.value = '';
      doneOnInput.dataset.bad = '';
    }
    ctx.changed();
  });
  const checks = h('div', { class: 'mv-launch-checks' },
    controls.checkbox(critical, rowLabel(context, 'Critical'), `${path}.critical`),
    controls.checkbox(done, rowLabel(context, 'Done'), `${path}.done`));
  const doneOn = controls.field(rowLabel(context, 'Done on'), doneOnInput, { path: `${path}.doneOn`, className: 'mv-launch-field-done-on' });

  const owner = controls.field(rowLabel(context, 'Owner'), textInput(item.owner, (v) => { if (v.trim()) item.owner = v; else delete item.owner; ctx.changed(); },
    { 'data-testid': 'launch-milestone-owner' }), { path: `${path}.owner` });
  controls.reg(path, nameInput, rowErr);
  return h('li', { class: 'mv-launch-row mv-launch-milestone', 'data-testid': 'launch-milestone-row' },
    nameField, description, modeField, whenField, owner, checks, doneOn, info,
    removeButton(`milestone ${i + 1}${textOf(item.name) ? `: ${textOf(item.name)}` : ''}`, () => removeMilestone(ctx, i), path),
    rowErr);
}

/**
 * Setters for every place in the dependencies that names `name` exactly (none when the name is not unique).
 * @param {SectionContext} ctx @param {unknown} name
 * @returns {((name: string) => void)[]}
 */
function referencesTo(ctx, name) {
  if (typeof name !== 'string' || !name) return [];
  if (milestoneList(ctx).filter((m) => isPlain(m) && m.name === name).length !== 1) return [];
  const { dependencies } = ctx.state.plan;
  /** @type {((name: string) => void)[]} */
  const out = [];
  for (const d of Array.isArray(dependencies) ? dependencies : []) {
    if (!isPlain(d)) continue;
    if (d.milestone === name) out.push((v) => { d.milestone = v; });
    if (d.dependsOn === name) out.push((v) => { d.dependsOn = v; });
    if (d.from === name) out.push((v) => { d.from = v; });
    if (d.to === name) out.push((v) => { d.to = v; });
    if (Array.isArray(d.dependsOn)) {
      d.dependsOn.forEach((n, j) => {
        if (n === name) out.push((v) => { if (Array.isArray(d.dependsOn)) d.dependsOn[j] = v; });
      });
    }
  }
  return out;
}

/** Adds a milestone with a name no other has, and selects its name. @param {SectionContext} ctx */
function addMilestone(ctx) {
  const { plan } = ctx.state;
  const list = milestoneList(ctx);
  const names = new Set(list.map((m) => (isPlain(m) ? textOf(m.name).trim().toLowerCase() : '')));
  let name = 'New milestone';
  for (let n = 2; names.has(name.toLowerCase()); n++) name = `New milestone ${n}`;
  const milestones = listAt(plan, 'milestones');
  milestones.push({ name, offsetDays: 0 });
  ctx.rerender('milestones');
  ctx.changed();
  const input = ctx.controls.fields.get(`milestones[${milestones.length - 1}].name`)?.input;
  input?.focus();
  if (input instanceof HTMLInputElement) input.select();
}

/** @param {SectionContext} ctx @param {number} i */
function removeMilestone(ctx, i) {
  milestoneList(ctx).splice(i, 1);
  ctx.rerender('milestones');
  ctx.changed();
  ctx.focusAfterRemove('milestones', i, 'launch-add-milestone');
}

/**
 * The milestone names the dependency inputs suggest: the plan's, or the default timeline's.
 * @param {SectionContext} ctx
 * @returns {string[]}
 */
export function milestoneNames(ctx) {
  const list = milestoneList(ctx);
  const names = list.length ? list.filter(isPlain).map((m) => textOf(m.name).trim()) : DEFAULT_TIMELINE.map((m) => m.name);
  return [...new Set(names.filter(Boolean))];
}

/**
 * A dependency's shape: ours ({ milestone, dependsOn, type? }), the original
 * design's ({ from, to, type }), or keys of both (a problem the form leaves to the JSON tab).
 * @param {import('../plan-values.js').JsonObject} d
 * @returns {'ours' | 'original' | 'both'}
 */
function shapeOf(d) {
  const original = 'from' in d || 'to' in d;
  const ours = 'milestone' in d || 'dependsOn' in d;
  return original && ours ? 'both' : original ? 'original' : 'ours';
}

/**
 * The dependencies section: per row, a milestone and the milestones it depends
 * on, or a prerequisite (from) and the milestone that waits for it (to); each with its type.
 * @param {SectionContext} ctx
 */
export function renderDependencies(ctx) {
  const { state } = ctx;
  const list = listOrNotice(ctx, 'dependencies', 'dependencies');
  if (!Array.isArray(list)) return list;
  const intro = state.plan.dependencies === undefined && !milestoneList(ctx).length
    ? h('p', { class: 'mv-launch-hint', text: 'No dependencies given: each default milestone depends on the one before.' }) : null;
  const rows = list.map((d, k) => dependencyRow(ctx, d, k));
  return [intro, rows.length ? h('ol', { class: 'mv-launch-rows' }, rows) : null,
    button('Add dependency', () => {
      const dependencies = listAt(state.plan, 'dependencies');
      // A new row takes the shape of the list's last one: a plan in the original design's shape stays in it.
      const last = dependencies.filter(isPlain).at(-1);
      const original = last !== undefined && shapeOf(last) === 'original';
      dependencies.push(original ? { from: '', to: '', type: 'timeline' } : { milestone: '', dependsOn: '' });
      ctx.rerender('dependencies');
      ctx.changed();
      ctx.focusPath(`dependencies[${dependencies.length - 1}].${original ? 'from' : 'milestone'}`);
    }, { 'data-testid': 'launch-add-dependency' })];
}

/**
 * A dependency's type select: `timeline` or `approval`. Ours may leave it out
 * (timeline, and picking timeline leaves it out again); the original's requires it.
 * @param {SectionContext} ctx @param {import('../plan-values.js').JsonObject} d @param {string} path @param {string} context @param {boolean} required
 */
function typeField(ctx, d, path, context, required) {
  const select = choiceSelect(d.type, TYPE_CHOICES, (v) => {
    if (v === 'timeline' && !required) delete d.type; else d.type = v;
    ctx.changed();
  }, { fallback: required ? undefined : 'timeline', attrs: { 'data-testid': 'launch-dependency-type' } });
  return ctx.controls.field(rowLabel(context, 'Type'), select, { path: `${path}.type`, className: 'mv-launch-field-type' });
}

/**
 * One dependency: its milestone and each milestone it depends on, or its
 * prerequisite and the milestone that waits for it; and its type.
 * @param {SectionContext} ctx @param {unknown} d @param {number} k
 */
function dependencyRow(ctx, d, k) {
  const { controls } = ctx;
  const path = `dependencies[${k}]`;
  const rowErr = controls.errorFor(path);
  const context = `Dependency ${k + 1}`;
  if (!isPlain(d) || shapeOf(d) === 'both') {
    const rm = removeButton(`dependency ${k + 1}`, () => removeDependency(ctx, k), path);
    controls.reg(path, rm, rowErr);
    const why = isPlain(d)
      ? `${context} has the keys of both shapes ({ milestone, dependsOn } and { from, to }): keep one, in the JSON tab.`
      : `${context} is ${describe(d)}, not { milestone, dependsOn, type? } or { from, to, type }.`;
    return h('li', { class: 'mv-launch-row', 'data-testid': 'launch-dependency-row' },
      h('p', { class: 'mv-launch-bad-row', text: why }), rm, rowErr);
  }
  if (shapeOf(d) === 'original') return prerequisiteRow(ctx, d, k, rowErr);
  const milestone = controls.field(rowLabel(context, 'Milestone'), textInput(d.milestone, (v) => { d.milestone = v; ctx.changed(); },
    { list: ctx.datalistId, 'data-testid': 'launch-dependency-milestone' }), { path: `${path}.milestone` });
  const names = Array.isArray(d.dependsOn) ? d.dependsOn : [d.dependsOn];
  const ons = names.map((n, j) => {
    const p = Array.isArray(d.dependsOn) ? `${path}.dependsOn[${j}]` : `${path}.dependsOn`;
    const input = textInput(n, (v) => {
      if (Array.isArray(d.dependsOn)) d.dependsOn[j] = v; else d.dependsOn = v;
      ctx.changed();
    }, { list: ctx.datalistId, 'data-testid': 'launch-dependency-on' });
    const f = controls.field(rowLabel(context, names.length > 1 ? `Depends on (${j + 1})` : 'Depends on'), input, { path: p });
    if (names.length > 1) {
      f.append(h('button', {
        type: 'button', class: 'mv-launch-remove mv-launch-remove-small', 'aria-label': `Remove ${context.toLowerCase()}, depends on ${j + 1}`,
        onclick: () => {
          if (Array.isArray(d.dependsOn)) d.dependsOn.splice(j, 1);
          ctx.rerender('dependencies');
          ctx.changed();
          ctx.focusPath(`${path}.dependsOn[${Math.max(0, j - 1)}]`);
        },
      }, 'Remove'));
    }
    return f;
  });
  if (!Array.isArray(d.dependsOn)) {
    const single = controls.registered(`${path}.dependsOn`);
    controls.reg(`${path}.dependsOn[0]`, single.input, single.err);
  }
  controls.reg(path, controls.registered(`${path}.milestone`).input, rowErr);
  return h('li', { class: 'mv-launch-row mv-launch-dependency', 'data-testid': 'launch-dependency-row', 'data-shape': 'ours' },
    milestone,
    h('div', { class: 'mv-launch-ons' }, ons,
      h('button', {
        type: 'button', class: 'mv-launch-button mv-launch-secondary mv-launch-small', 'data-testid': 'launch-add-depends-on',
        onclick: () => {
          const on = Array.isArray(d.dependsOn) ? d.dependsOn : (d.dependsOn == null || d.dependsOn === '' ? [] : [d.dependsOn]);
          d.dependsOn = on;
          on.push('');
          ctx.rerender('dependencies');
          ctx.changed();
          ctx.focusPath(`${path}.dependsOn[${on.length - 1}]`);
        },
      }, h('span', { 'aria-hidden': 'true', text: '+ ' }), 'Another milestone it depends on', h('span', { class: 'mv-visually-hidden', text: ` (${context.toLowerCase()})` }))),
    typeField(ctx, d, path, context, false),
    removeButton(`dependency ${k + 1}${textOf(d.milestone) ? `: ${textOf(d.milestone)}` : ''}`, () => removeDependency(ctx, k), path),
    rowErr);
}

/**
 * One dependency in the original design's shape: the prerequisite (`from`),
 * the milestone that waits for it (`to`) and the type.
 * @param {SectionContext} ctx @param {import('../plan-values.js').JsonObject} d @param {number} k @param {HTMLElement} rowErr
 */
function prerequisiteRow(ctx, d, k, rowErr) {
  const { controls } = ctx;
  const path = `dependencies[${k}]`;
  const context = `Dependency ${k + 1}`;
  const from = controls.field(rowLabel(context, 'From (the prerequisite)'), textInput(d.from, (v) => { d.from = v; ctx.changed(); },
    { list: ctx.datalistId, 'data-testid': 'launch-dependency-from' }), { path: `${path}.from` });
  const to = controls.field(rowLabel(context, 'To (waits for it)'), textInput(d.to, (v) => { d.to = v; ctx.changed(); },
    { list: ctx.datalistId, 'data-testid': 'launch-dependency-to' }), { path: `${path}.to` });
  controls.reg(path, controls.registered(`${path}.to`).input, rowErr);
  return h('li', { class: 'mv-launch-row mv-launch-dependency mv-launch-prerequisite', 'data-testid': 'launch-dependency-row', 'data-shape': 'original' },
    from, to, typeField(ctx, d, path, context, true),
    removeButton(`dependency ${k + 1}${textOf(d.to) ? `: ${textOf(d.to)}` : ''}`, () => removeDependency(ctx, k), path),
    rowErr);
}

/** @param {SectionContext} ctx @param {number} k */
function removeDependency(ctx, k) {
  const { dependencies } = ctx.state.plan;
  if (Array.isArray(dependencies)) dependencies.splice(k, 1);
  ctx.rerender('dependencies');
  ctx.changed();
  ctx.focusAfterRemove('dependencies', k, 'launch-add-dependency');
}
