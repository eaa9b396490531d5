// The editor's features and their messaging: a feature's id links it to its
// messaging entry, so renaming a feature renames its messaging's link, and
// removing it removes its messaging (unless another feature has that id).
import { h, focusIn } from '../../../lib/dom.js';
import { isPlain, describe, listAt, textOf } from '../plan-values.js';
import { rowLabel, textInput, listInput, button, removeButton, listOrNotice } from './controls.js';

/** @import { SectionContext } from './index.js' */

/** The plan's features, or none when it has no list of them. @param {SectionContext} ctx @returns {unknown[]} */
const featureList = (ctx) => (Array.isArray(ctx.state.plan.newFeatures) ? ctx.state.plan.newFeatures : []);
/** A feature's id: the text itself, or its `id`. @param {unknown} f */
export const featureId = (f) => (typeof f === 'string' ? f : isPlain(f) ? textOf(f.id) : '');
/** A feature's name, when it has one. @param {unknown} f */
export const featureName = (f) => (isPlain(f) && typeof f.name === 'string' && f.name.trim() ? f.name : '');

/**
 * The features section: an id and a name per feature.
 * @param {SectionContext} ctx
 */
export function renderFeatures(ctx) {
  const { state, controls } = ctx;
  const list = listOrNotice(ctx, 'newFeatures', 'features', 'messaging');
  if (!Array.isArray(list)) return list;
  const rows = list.map((item, i) => {
    const path = `newFeatures[${i}]`;
    const context = `Feature ${i + 1}`;
    const rowErr = controls.errorFor(path);
    if (typeof item !== 'string' && !isPlain(item)) {
      const rm = removeButton(`feature ${i + 1}`, () => removeFeature(ctx, i), path);
      controls.reg(path, rm, rowErr);
      return h('li', { class: 'mv-launch-row', 'data-testid': 'launch-feature-row' },
        h('p', { class: 'mv-launch-bad-row', text: `${context} is ${describe(item)}, not a feature id or { id, name }.` }), rm, rowErr);
    }
    // The messaging entries linked to this feature when its id got focus: they follow a rename.
    /** @type {Record<string, unknown>[]} */
    let linked = [];
    const idInput = textInput(featureId(item), (v) => {
      const features = featureList(ctx);
      const cur = features[i];
      if (typeof cur === 'string') features[i] = v;
      else if (isPlain(cur)) cur.id = v;
      for (const e of linked) e.featureId = v;
      ctx.renderSection('messaging');
      ctx.changed();
    }, { 'data-testid': 'launch-feature-id', spellcheck: 'false' });
    idInput.addEventListener('focus', () => {
      const id = featureId(featureList(ctx)[i]);
      const sameId = list.filter((f) => featureId(f) === id).length;
      const messaging = state.plan.featureMessaging;
      linked = sameId === 1 && Array.isArray(messaging) ? messaging.filter((e) => isPlain(e) && e.featureId === id) : [];
    });
    const nameInput = textInput(isPlain(item) ? item.name : '', (v) => {
      const features = featureList(ctx);
      const cur = features[i];
      if (typeof cur === 'string') {
        if (v) features[i] = { id: cur, name: v };
      } else if (isPlain(cur)) {
        if (v) cur.name = v;
        else delete cur.name;
      }
      ctx.renderSection('messaging');
      ctx.changed();
    }, { 'data-testid': 'launch-feature-name' });
    const idField = controls.field(rowLabel(context, 'Id'), idInput, { path: typeof item === 'string' ? `${path}` : `${path}.id` });
    if (typeof item === 'string') controls.reg(`${path}.id`, idInput, controls.registered(path).err);
    const nameField = controls.field(rowLabel(context, 'Name'), nameInput, { path: `${path}.name` });
    controls.reg(path, idInput, typeof item === 'string' ? controls.registered(path).err : rowErr);
    return h('li', { class: 'mv-launch-row mv-launch-feature', 'data-testid': 'launch-feature-row' },
      idField, nameField,
      removeButton(`feature ${i + 1}${featureId(item) ? `: ${featureId(item)}` : ''}`, () => removeFeature(ctx, i), path),
      typeof item === 'string' ? null : rowErr);
  });
  return [
    rows.length ? h('ol', { class: 'mv-launch-rows' }, rows) : h('p', { class: 'mv-launch-hint', text: 'No features listed: the messaging checks have nothing to check.' }),
    button('Add feature', () => addFeature(ctx), { 'data-testid': 'launch-add-feature' }),
  ];
}

/** Adds a feature with an id no other feature has, and focuses its id. @param {SectionContext} ctx */
function addFeature(ctx) {
  const { plan } = ctx.state;
  const features = listAt(plan, 'newFeatures');
  const ids = new Set(features.map((f) => featureId(f).toLowerCase()));
  let n = features.length + 1;
  while (ids.has(`feature${n}`)) n++;
  features.push({ id: `feature${n}`, name: `Feature ${n}` });
  ctx.rerender('features', 'messaging');
  ctx.changed();
  ctx.focusPath(`newFeatures[${features.length - 1}].id`);
}

/** @param {SectionContext} ctx @param {number} i */
function removeFeature(ctx, i) {
  const { plan } = ctx.state;
  const features = featureList(ctx);
  const [gone] = features.splice(i, 1);
  const id = featureId(gone);
  // Its messaging goes with it, unless another feature has the same id.
  if (id && Array.isArray(plan.featureMessaging) && !features.some((f) => featureId(f) === id)) {
    plan.featureMessaging = plan.featureMessaging.filter((e) => !(isPlain(e) && e.featureId === id));
  }
  ctx.rerender('features', 'messaging');
  ctx.changed();
  ctx.focusAfterRemove('newFeatures', i, 'launch-add-feature');
}

/**
 * The messaging section: one block per feature (its entries, or a button to
 * add one), then the entries no feature links to.
 * @param {SectionContext} ctx
 */
export function renderMessaging(ctx) {
  const { state, controls } = ctx;
  const entries = listOrNotice(ctx, 'featureMessaging', 'messaging');
  if (!Array.isArray(entries)) return entries;
  const used = new Set();
  /** @type {HTMLLIElement[]} */
  const blocks = [];
  featureList(ctx).forEach((f, fi) => {
    const id = featureId(f);
    const label = featureName(f) ? `${featureName(f)} (${id})` : id || `Feature ${fi + 1}`;
    const matches = id ? entries.map((e, k) => /** @type {const} */ ([e, k])).filter(([e, k]) => !used.has(k) && isPlain(e) && e.featureId === id) : [];
    if (!matches.length) {
      const status = h('span', { class: 'mv-launch-hidden-badge' });
      controls.msgStatus.set(`newFeatures[${fi}]`, status);
      blocks.push(h('li', { class: 'mv-launch-msg-block mv-launch-msg-missing', 'data-testid': 'launch-messaging-block' },
        h('div', { class: 'mv-launch-block-head' }, h('h3', { text: label }), status),
        h('p', { class: 'mv-launch-hint', text: 'No messaging for this feature yet.' }),
        button(`Add messaging for ${label}`, () => {
          const messaging = listAt(state.plan, 'featureMessaging');
          messaging.push({ featureId: id, messaging: '', positioning: '', keyBenefits: [] });
          ctx.rerender('messaging');
          ctx.changed();
          ctx.focusPath(`featureMessaging[${messaging.length - 1}].messaging`);
        }, { 'data-testid': 'launch-add-messaging', disabled: !id })));
    }
    matches.forEach(([e, k], n) => {
      used.add(k);
      blocks.push(messagingBlock(ctx, e, k, n ? `${label}: entry ${n + 1}` : label, false));
    });
  });
  entries.forEach((e, k) => { if (!used.has(k)) blocks.push(messagingBlock(ctx, e, k, `Messaging entry ${k + 1}`, true)); });
  return blocks.length ? h('ul', { class: 'mv-launch-msg-blocks' }, blocks)
    : h('p', { class: 'mv-launch-hint', text: 'Add features first: each gets its messaging here.' });
}

/**
 * One messaging entry: its message, positioning and key benefits (and its
 * feature id when no feature links to it).
 * @param {SectionContext} ctx @param {unknown} entry @param {number} k its index in `featureMessaging`
 * @param {string} label @param {boolean} orphan no feature has its `featureId`
 */
function messagingBlock(ctx, entry, k, label, orphan) {
  const { controls } = ctx;
  const path = `featureMessaging[${k}]`;
  const blockErr = controls.errorFor(path);
  if (!isPlain(entry)) {
    const rm = removeButton(`messaging entry ${k + 1}`, () => removeMessaging(ctx, k), path);
    controls.reg(path, rm, blockErr);
    return h('li', { class: 'mv-launch-msg-block', 'data-testid': 'launch-messaging-block' },
      h('p', { class: 'mv-launch-bad-row', text: `Messaging entry ${k + 1} is ${describe(entry)}, not { featureId, messaging, positioning, keyBenefits }.` }), rm, blockErr);
  }
  const status = h('span', { class: 'mv-launch-hidden-badge' });
  controls.msgStatus.set(path, status);
  const context = `Messaging for ${label}`;
  const parts = [];
  if (orphan) {
    parts.push(controls.field(rowLabel(context, 'Feature id'), textInput(entry.featureId, (v) => { entry.featureId = v; ctx.changed(); }, { spellcheck: 'false' }),
      { path: `${path}.featureId`, hint: 'Not the id of any feature above: correct it, or remove this entry.' }));
  }
  const messaging = h('textarea', { rows: 2, 'data-testid': 'launch-messaging-text' });
  messaging.value = textOf(entry.messaging);
  messaging.addEventListener('input', () => { entry.messaging = messaging.value; ctx.changed(); });
  parts.push(controls.field(rowLabel(context, 'Messaging'), messaging, { path: `${path}.messaging`, wide: true }));
  parts.push(controls.field(rowLabel(context, 'Positioning'), textInput(entry.positioning, (v) => { entry.positioning = v; ctx.changed(); }), { path: `${path}.positioning`, wide: true }));
  parts.push(controls.field(rowLabel(context, 'Key benefits, one per line'), listInput(entry.keyBenefits, (lines) => { entry.keyBenefits = lines; ctx.changed(); }),
    { path: `${path}.keyBenefits`, list: true, wide: true }));
  const first = orphan ? controls.registered(`${path}.featureId`).input : messaging;
  controls.reg(path, first, blockErr);
  if (!orphan) controls.reg(`${path}.featureId`, first, blockErr);
  return h('li', { class: 'mv-launch-msg-block', 'data-testid': 'launch-messaging-block' },
    h('div', { class: 'mv-launch-block-head' }, h('h3', { text: label }), status,
      removeButton(`messaging for ${label}`, () => removeMessaging(ctx, k), path)),
    blockErr,
    h('div', { class: 'mv-launch-grid' }, parts));
}

/** @param {SectionContext} ctx @param {number} k */
function removeMessaging(ctx, k) {
  const messaging = ctx.state.plan.featureMessaging;
  if (Array.isArray(messaging)) messaging.splice(k, 1);
  ctx.rerender('messaging');
  ctx.changed();
  focusIn(ctx.form, '[data-testid="launch-section-messaging"] button');
}
