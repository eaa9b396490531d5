// The editor's single-valued parts of a plan: the product name, the launch
// and as-of dates, audience and channels, and the success-metric targets.
import { h } from '../../../lib/dom.js';
import { TARGETS } from '../labels.js';
import { isPlain, objectAt, textOf } from '../plan-values.js';
import { textInput, dateInput, listInput } from './controls.js';

/** @import { SectionContext } from './index.js' */

/**
 * The launch section: product name, launch date, as-of date, audience, channels.
 * @param {SectionContext} ctx
 */
export function renderBasics(ctx) {
  const { state, controls, changed } = ctx;
  const { plan } = state;
  const name = controls.field('Product name', textInput(plan.productName, (v) => { state.plan.productName = v; changed(); }, { 'data-testid': 'launch-product-name' }),
    { path: 'productName', wide: true });
  const launchDate = controls.field('Launch date', dateInput(plan.launchDate, (v) => { state.plan.launchDate = v; changed(); }, { 'data-testid': 'launch-date' }),
    { path: 'launchDate' });
  const asOf = controls.field('Checked as of', dateInput(state.options.asOf, (v, bad) => {
    if (!v && !bad) delete state.options.asOf;
    else state.options.asOf = v;
    changed();
  }, { 'data-testid': 'launch-as-of' }), { path: 'options.asOf', hint: 'The day the plan is checked on ("today"). Empty: overdue and days-to-launch checks are skipped.' });
  const audience = controls.field('Target audience, one per line', listInput(plan.targetAudience, (lines) => {
    if (lines.length) state.plan.targetAudience = lines; else delete state.plan.targetAudience;
    changed();
  }, { 'data-testid': 'launch-audience' }), { path: 'targetAudience', list: true, wide: true });
  const channels = controls.field('Marketing channels, one per line', listInput(plan.marketingChannels, (lines) => {
    if (lines.length) state.plan.marketingChannels = lines; else delete state.plan.marketingChannels;
    changed();
  }, { 'data-testid': 'launch-channels' }), { path: 'marketingChannels', list: true, wide: true, hint: 'Three or more: test the most promising channels in parallel (Bullseye framework).' });
  // Problems about the plan as a whole or about options other than asOf go to the box at the top.
  return h('div', { class: 'mv-launch-grid' }, name, launchDate, asOf, audience, channels);
}

/**
 * The targets section: one number per success metric; empty keeps the library's default.
 * @param {SectionContext} ctx
 */
export function renderTargets(ctx) {
  const { state, controls } = ctx;
  const { plan } = state;
  if (plan.successMetrics !== undefined && plan.successMetrics !== null && !isPlain(plan.successMetrics)) {
    return controls.badValue('successMetrics', plan.successMetrics, 'an object', () => { state.plan.successMetrics = {}; ctx.rerender('targets'); });
  }
  const t = isPlain(plan.successMetrics) ? plan.successMetrics : {};
  return h('div', { class: 'mv-launch-grid' }, TARGETS.map((spec) => {
    const input = h('input', {
      type: 'number', step: 'any', min: 0, max: spec.unit.startsWith('fraction') ? 1 : null, inputmode: 'decimal',
      value: textOf(t[spec.key]), placeholder: spec.def != null ? String(spec.def) : 'no default', 'data-testid': `launch-target-${spec.key}`,
    });
    input.addEventListener('input', () => {
      const m = objectAt(state.plan, 'successMetrics');
      if (input.value === '' && !input.validity.badInput) delete m[spec.key];
      else m[spec.key] = input.validity.badInput ? '' : Number(input.value);
      if (!Object.keys(m).length) delete state.plan.successMetrics;
      ctx.changed();
    });
    return controls.field(spec.label, input, {
      path: `successMetrics.${spec.key}`,
      hint: `${spec.help}; ${spec.unit}${spec.def != null ? `; default ${spec.def}` : '; no default'}`,
    });
  }));
}
