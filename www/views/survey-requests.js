// The feature-request panel in the survey view (issue 22), read straight from
// SurveyAnalysis.featureRequests: the column read and how it was found (the
// improvement question when no column asks for requests, with how to name
// another), the themes of every answer with their counts, shares and example
// answers, then each Sean Ellis group's and each segment's (small segments
// marked, counted and not themed), or why a group has none. Theme lists are
// drawn by views/survey-themes.js.
import { h, fmtInt } from '../lib/dom.js';
import { panel } from '../lib/widgets.js';
import { themeList } from './survey-themes.js';

/**
 * @import { DetectedColumn, FeatureRequests, RequestGroup, SegmentRequests, SurveyAnalysis } from '../../pkg/web/market_validation.js'
 */

/** @type {Record<string, string>} */
const DETECTED_BY = { option: 'named in the survey options', header: 'found by its header', values: 'found by its values' };
/** The Sean Ellis groups, in the question's order. @type {['veryDisappointed' | 'somewhatDisappointed' | 'notDisappointed', string][]} */
const ELLIS = [['veryDisappointed', 'Very disappointed'], ['somewhatDisappointed', 'Somewhat disappointed'], ['notDisappointed', 'Not disappointed']];

/** @param {number} n */
const answersText = (n) => `${fmtInt(n)} answer${n === 1 ? '' : 's'}`;

/** The library's text in the page's words (survey.js's inPageWords). @type {(text: string) => string} */
let words = (text) => text;

/**
 * A group's heading and themes: its name, its answers, "small" when it is.
 * @param {RequestGroup} g @param {string} name @param {string} testid @param {Record<string, string>} attrs @param {boolean} [small]
 */
const group = (g, name, testid, attrs, small = false) => themeList(g, {
  title: [h('span', { class: 'mv-group-name', text: name }), h('span', { class: 'mv-muted mv-group-answers', text: ` · ${answersText(g.answers)}` }),
    small ? [' ', h('span', { class: 'mv-tag', text: 'small' })] : null],
  heading: 'h5', testid, words, className: 'mv-engine-themes mv-requests-group', attrs,
});

/** The column read, and how. @param {DetectedColumn} c @param {boolean} fromImprove */
function columnPart(c, fromImprove) {
  return [
    h('p', { class: 'mv-muted', 'data-testid': 'requests-column' }, 'Read from ', h('q', { text: c.question ?? c.header }),
      `${c.question ? ` (${c.header})` : ''}, column ${c.index + 1}, ${DETECTED_BY[c.detectedBy] ?? c.detectedBy}.`),
    fromImprove ? h('p', { class: 'mv-note', 'data-testid': 'requests-from-improve', text: 'No column asks for feature requests (such as "What should we build next?", "Feature requests" or "What\'s missing?"), so these are the answers to the improvement question. To read another column, name it under "Free-text columns: feature requests" in the survey options.' }) : null,
  ];
}

/** @param {NonNullable<FeatureRequests['byEllis']>} e */
function ellisPart(e) {
  return h('section', { class: 'mv-requests-by', 'data-testid': 'requests-ellis' },
    h('h4', { text: 'By Sean Ellis answer' }),
    h('p', { class: 'mv-note', 'data-testid': 'requests-ellis-note' },
      'What each group asks for more than the other groups do, most answers first; a share is of the group\'s answers.',
      e.ungrouped ? ` ${answersText(e.ungrouped)} from people who no longer use the product or skipped the Sean Ellis question ${e.ungrouped === 1 ? 'is' : 'are'} in "Every answer" only.` : null),
    h('div', { class: 'mv-requests-grid' }, ELLIS.map(([key, name]) => group(e[key], name, 'requests-ellis-group', { 'data-group': key }))));
}

/** @param {SegmentRequests} seg @param {Partial<SurveyAnalysis['columns']>} columns */
function segmentPart(seg, columns) {
  // A Qualtrics column id (Q3) says less than its question.
  const question = [columns.segment, ...(columns.segments ?? [])].find((c) => c?.header === seg.column)?.question;
  const small = seg.segments.filter((s) => s.small).length;
  const n = seg.segments.length;
  return h('section', { class: 'mv-requests-by', 'data-testid': 'requests-segments', 'data-column': seg.column },
    h('h4', { text: question ? `By "${question}" (${seg.column})` : `By "${seg.column}"` }),
    h('p', { class: 'mv-note', 'data-testid': 'requests-segments-note' },
      `${fmtInt(n)} segment${n === 1 ? '' : 's'} with answers, most answers first: what each asks for more than the others do; a share is of the segment's answers.`,
      small ? ` ${fmtInt(small)} with fewer than ${fmtInt(seg.minSegmentSize)} answers ${small === 1 ? 'is' : 'are'} marked small: counted, not themed.` : null,
      seg.answersWithoutSegment ? ` ${answersText(seg.answersWithoutSegment)} had no ${question ? 'answer to it' : 'segment'}: in "Every answer" only.` : null,
      seg.answersBeyondSegmentLimit ? ` ${answersText(seg.answersBeyondSegmentLimit)} had a segment beyond the first 1,000 distinct segments: in "Every answer" only.` : null),
    h('div', { class: 'mv-requests-grid' }, seg.segments.map((s) => group(s, s.name, 'requests-segment', { 'data-small': String(s.small) }, s.small))));
}

/**
 * The feature-request panel.
 * @param {FeatureRequests} r the analysis's featureRequests
 * @param {Partial<SurveyAnalysis['columns']>} columns the analysis's columns (a segment column's question)
 * @param {(text: string) => string} inPageWords the library's option names as the page's options call them
 * @returns {HTMLElement}
 */
export function requestsPanel(r, columns, inPageWords) {
  words = inPageWords;
  return panel('Feature requests', [
    columnPart(r.column, r.fromImprove),
    themeList(r, {
      title: 'Every answer', testid: 'requests-all', words,
      note: `${answersText(r.answers)} (blank ones aside), grouped into themes, most answers first; a share is of every answer. Themes are read from English answers.`,
    }),
    r.byEllis ? ellisPart(r.byEllis) : null,
    (r.bySegment ?? []).map((seg) => segmentPart(seg, columns)),
  ], { wide: true, testid: 'survey-requests' });
}
