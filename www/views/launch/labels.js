// The words and tones the launch view gives the ids of a LaunchReport, the
// success-metric targets its editor offers, and the ids of its own elements.
import { idMaker } from '../../lib/dom.js';

/** @import { Tone } from '../../lib/widgets.js' */

/** Ids of the launch view's elements, `mv-launch-<name>-<n>`: one counter for the whole view. */
export const launchId = idMaker('mv-launch');

/** Dependency check statuses to words. @type {Record<string, string>} */
export const DEP_STATUS = {
  ok: 'OK', unknown_milestone: 'Unknown milestone', cycle: 'In a loop', misordered: 'Misordered', awaiting_approval: 'Awaiting approval',
};
/** Dependency types to words: `timeline` orders, `approval` gates (docs/methodology.md, section 12). @type {Record<string, string>} */
export const DEP_TYPES = { timeline: 'Timeline', approval: 'Approval' };
/** Campaign statuses to words and badge tones. @type {Record<string, [string, Tone]>} */
export const CAMPAIGN_STATUS = {
  draft: ['Draft', 'warn'], scheduled: ['Scheduled', 'neutral'], active: ['Active', 'good'], completed: ['Completed', 'neutral'], cancelled: ['Cancelled', 'neutral'],
};
/** Messaging statuses to words and badge tones. @type {Record<string, [string, Tone]>} */
export const MSG_STATUS = { aligned: ['Aligned', 'good'], needs_review: ['Needs review', 'warn'], misaligned: ['Misaligned', 'bad'] };
/** Finding levels to badge tones. @type {Record<string, Tone>} */
export const LEVEL_TONES = { blocker: 'bad', attention: 'warn', advice: 'neutral' };
/** Coordination-score components to words. @type {Record<string, string>} */
export const COMPONENT_LABELS = {
  dependencies: 'Dependencies', schedule: 'Schedule', messaging: 'Messaging', channels: 'Channels', audience: 'Audience',
};
/**
 * The success-metric targets: the plan's `successMetrics` keys, with the
 * library's defaults (`def`, null: none) and what each measures.
 * @type {{ key: 'adoption' | 'revenueImpact' | 'satisfaction' | 'featureUsage', label: string, unit: string, def: number | null, help: string }[]}
 */
export const TARGETS = [
  { key: 'adoption', label: 'Adoption', unit: 'fraction 0..1', def: 0.36, help: 'share of new accounts that activate' },
  { key: 'revenueImpact', label: 'Revenue impact', unit: 'currency units', def: null, help: 'new revenue attributed to the launch' },
  { key: 'satisfaction', label: 'Satisfaction (CSAT)', unit: 'fraction 0..1', def: 0.7, help: 'share of satisfied answers' },
  { key: 'featureUsage', label: 'Feature usage', unit: 'fraction 0..1', def: 0.245, help: 'share of users who use the launched features' },
];
