// A ranked list of free-text themes, as the survey view draws them: the
// product-market-fit engine's (views/survey-engine.js) and the feature
// requests' (views/survey-requests.js). Each theme with its count, share,
// longer phrases and up to three example answers, written as text.
import { h, fmtPct, fmtInt } from '../lib/dom.js';

/** @import { ThemeCount } from '../../pkg/web/market_validation.js' */
/** @import { AttrValue, Child } from '../lib/dom.js' */

/**
 * One group's themes, or why it has none.
 * @param {{ answers: number, themes: ThemeCount[], reason?: string }} s the group: its answers, themes and reason
 * @param {{ title: Child, heading?: 'h4' | 'h5', note?: string, testid: string,
 *   words?: (text: string) => string, className?: string, attrs?: Record<string, AttrValue> }} o
 *   title: the heading's text (or nodes); heading: its level (h4); note: the line above the themes (none without);
 *   testid: the section's (its themes `${testid}-theme`, the reason `${testid}-none`); words: the library's text in the
 *   page's words; className: the section's class (mv-engine-themes); attrs: more of the section's attributes
 * @returns {HTMLElement}
 */
export function themeList(s, { title, heading = 'h4', note, testid, words = (t) => t, className = 'mv-engine-themes', attrs = {} }) {
  const section = { ...attrs, class: className, 'data-testid': testid };
  /** @type {Child[]} */
  const parts = [h(heading, {}, title)];
  if (!s.themes.length) {
    parts.push(h('p', { class: 'mv-muted', 'data-testid': `${testid}-none`, text: words(s.reason ?? 'No theme.') }));
    return h('section', section, parts);
  }
  if (note) parts.push(h('p', { class: 'mv-note', text: note }));
  parts.push(h('ol', { class: 'mv-themes' }, s.themes.map((t) => h('li', { 'data-testid': `${testid}-theme` },
    h('strong', { class: 'mv-theme-label', text: t.label }),
    h('span', { class: 'mv-muted mv-theme-count', text: ` ${fmtInt(t.count)} of ${fmtInt(s.answers)} (${fmtPct(t.share)})` }),
    t.phrases.length ? h('span', { class: 'mv-sub', text: ` · also ${t.phrases.map((p) => `"${p.label}" ${fmtInt(p.count)}`).join(', ')}` }) : null,
    t.examples.length ? h('ul', { class: 'mv-examples' }, t.examples.map((e) => h('li', {}, h('q', { text: e })))) : null))));
  return h('section', section, parts);
}
