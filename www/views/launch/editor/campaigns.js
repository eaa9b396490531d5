// The editor's marketing campaigns, in the original design's marketing API
// shape: an id, a name, a status, the days it runs and, optionally, the
// marketing channel it runs in (without one, its name's words match it to the
// channels). Keys the form does not edit (a campaign's `type`) are kept as
// they are, so a pasted plan goes to checkLaunch unchanged.
import { h } from '../../../lib/dom.js';
import { dayNumber, isoDate } from '../../../lib/launch-card.js';
import { launchId as uid, CAMPAIGN_STATUS } from '../labels.js';
import { isPlain, describe, listAt, textOf } from '../plan-values.js';
import { rowLabel, textInput, dateInput, choiceSelect, button, removeButton, listOrNotice } from './controls.js';

/** @import { SectionContext } from './index.js' */

/** The statuses, as the status selects offer them. @type {[string, string][]} */
const STATUS_CHOICES = Object.entries(CAMPAIGN_STATUS).map(([value, [label]]) => [value, label]);

/** The plan's campaigns, or none when it has no list of them. @param {SectionContext} ctx @returns {unknown[]} */
const campaignList = (ctx) => (Array.isArray(ctx.state.plan.marketingCampaigns) ? ctx.state.plan.marketingCampaigns : []);

/**
 * The campaigns section: one row per campaign; findings about the campaigns as
 * a whole (channels no campaign runs in) under the list.
 * @param {SectionContext} ctx
 */
export function renderCampaigns(ctx) {
  const { state, controls } = ctx;
  const list = listOrNotice(ctx, 'marketingCampaigns', 'campaigns');
  if (!Array.isArray(list)) return list;
  // The channel inputs suggest the plan's channels as they are when one gets focus.
  const channelsId = uid('channels');
  const channelList = h('datalist', { id: channelsId });
  const refreshChannels = () => {
    const channels = Array.isArray(state.plan.marketingChannels) ? state.plan.marketingChannels : [];
    const names = [...new Set(channels.filter((c) => typeof c === 'string' && c.trim()).map((c) => c.trim()))];
    channelList.replaceChildren(...names.map((n) => h('option', { value: n })));
  };
  refreshChannels();
  const rows = list.map((c, i) => campaignRow(ctx, c, i, channelsId, refreshChannels));
  const add = button('Add campaign', () => addCampaign(ctx), { 'data-testid': 'launch-add-campaign' });
  const err = controls.errorFor('marketingCampaigns');
  add.setAttribute('aria-describedby', err.id);
  controls.reg('marketingCampaigns', add, err);
  return [
    rows.length ? h('ol', { class: 'mv-launch-rows' }, rows)
      : h('p', { class: 'mv-launch-hint', 'data-testid': 'launch-no-campaigns', text: 'No campaigns: the channels and the launch day are not checked against any.' }),
    err, h('div', { class: 'mv-launch-buttons' }, add), channelList,
  ];
}

/**
 * One campaign: name, id, status, first and last day, channel.
 * @param {SectionContext} ctx @param {unknown} c @param {number} i @param {string} channelsId @param {() => void} refreshChannels
 */
function campaignRow(ctx, c, i, channelsId, refreshChannels) {
  const { controls } = ctx;
  const path = `marketingCampaigns[${i}]`;
  const rowErr = controls.errorFor(path);
  const context = `Campaign ${i + 1}`;
  if (!isPlain(c)) {
    const rm = removeButton(`campaign ${i + 1}`, () => removeCampaign(ctx, i), path);
    controls.reg(path, rm, rowErr);
    return h('li', { class: 'mv-launch-row', 'data-testid': 'launch-campaign-row' },
      h('p', { class: 'mv-launch-bad-row', text: `${context} is ${describe(c)}, not { id, name, status, startDate, endDate, channel? }.` }), rm, rowErr);
  }
  const name = controls.field(rowLabel(context, 'Name'), textInput(c.name, (v) => { c.name = v; ctx.changed(); }, { 'data-testid': 'launch-campaign-name' }),
    { path: `${path}.name`, className: 'mv-launch-field-name' });
  const id = controls.field(rowLabel(context, 'Id'), textInput(c.id, (v) => { c.id = v; ctx.changed(); }, { spellcheck: 'false', 'data-testid': 'launch-campaign-id' }),
    { path: `${path}.id` });
  const status = controls.field(rowLabel(context, 'Status'), choiceSelect(c.status, STATUS_CHOICES, (v) => { c.status = v; ctx.changed(); },
    { attrs: { 'data-testid': 'launch-campaign-status' } }), { path: `${path}.status` });
  const start = controls.field(rowLabel(context, 'Starts'), dateInput(c.startDate, (v) => { c.startDate = v; ctx.changed(); }, { 'data-testid': 'launch-campaign-start' }),
    { path: `${path}.startDate` });
  const end = controls.field(rowLabel(context, 'Ends'), dateInput(c.endDate, (v) => { c.endDate = v; ctx.changed(); }, { 'data-testid': 'launch-campaign-end' }),
    { path: `${path}.endDate` });
  const channelInput = textInput(c.channel, (v) => {
    if (v.trim()) c.channel = v; else delete c.channel;
    ctx.changed();
  }, { list: channelsId, 'data-testid': 'launch-campaign-channel' });
  channelInput.addEventListener('focus', refreshChannels);
  const channel = controls.field(rowLabel(context, 'Channel (optional)'), channelInput, { path: `${path}.channel` });
  controls.reg(path, controls.registered(`${path}.name`).input, rowErr);
  return h('li', { class: 'mv-launch-row mv-launch-campaign', 'data-testid': 'launch-campaign-row' },
    name, id, status, start, end, channel,
    removeButton(`campaign ${i + 1}${textOf(c.name) ? `: ${textOf(c.name)}` : ''}`, () => removeCampaign(ctx, i), path),
    rowErr);
}

/**
 * Adds a draft campaign with an id no other has, running from a week before
 * the launch to a week after it (when the launch date is a day), and selects its name.
 * @param {SectionContext} ctx
 */
function addCampaign(ctx) {
  const { plan } = ctx.state;
  const ids = new Set(campaignList(ctx).map((c) => (isPlain(c) ? textOf(c.id).trim().toLowerCase() : '')));
  let n = campaignList(ctx).length + 1;
  while (ids.has(`campaign_${n}`)) n++;
  const launch = dayNumber(plan.launchDate);
  const campaigns = listAt(plan, 'marketingCampaigns');
  campaigns.push({
    id: `campaign_${n}`, name: 'New campaign', status: 'draft',
    startDate: launch != null ? isoDate(launch - 7) : '', endDate: launch != null ? isoDate(launch + 7) : '',
  });
  ctx.rerender('campaigns');
  ctx.changed();
  const input = ctx.controls.fields.get(`marketingCampaigns[${campaigns.length - 1}].name`)?.input;
  input?.focus();
  if (input instanceof HTMLInputElement) input.select();
}

/** @param {SectionContext} ctx @param {number} i */
function removeCampaign(ctx, i) {
  campaignList(ctx).splice(i, 1);
  ctx.rerender('campaigns');
  ctx.changed();
  ctx.focusAfterRemove('marketingCampaigns', i, 'launch-add-campaign');
}
