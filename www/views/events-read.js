// How a usage-events export was read, in the page's words: the columns used
// (and how each was found), the time format, how users were told apart, what
// was guessed and the rows not used. From analyzeEventsCsv's result (the
// events view's "How the data was read") or reviewLaunch's `eventsRead` (the
// launch review's files used): both carry the same fields.
import { h, fmtInt } from '../lib/dom.js';
import { rowIssues } from '../lib/widgets.js';

/** @import { DetectedColumn, EventsExportRead, IdentityReport } from '../../pkg/web/market_validation.js' */

/** @type {Record<string, string>} */
const DETECTED_BY = { option: 'named in the options', source: 'the export tool\'s own column', header: 'found by its header', values: 'found by its values' };
/** The library's option names as the page's usage event options call them. @type {[RegExp, string][]} */
const PAGE_WORDS = [
  [/name the column in options\.columns\.user to choose otherwise/g, 'name another under "User id column" in the usage event options to choose otherwise'],
  [/name a fuller id column in options\.columns\.user/g, 'name a fuller id column under "User id column" in the usage event options'],
  [/set options\.timeUnit to read them otherwise/g, 'choose "Time unit" in the usage event options to read them otherwise'],
];
/** The library's text in the page's words. @param {string} text */
const inPageWords = (text) => PAGE_WORDS.reduce((t, [re, words]) => t.replace(re, words), text);
/** @type {Record<string, string>} */
const TIME_FORMATS = {
  'iso-8601': 'ISO-8601 text', 'epoch-seconds': 'seconds since 1970', 'epoch-milliseconds': 'milliseconds since 1970',
  'epoch-microseconds': 'microseconds since 1970', 'epoch-nanoseconds': 'nanoseconds since 1970', yyyymmdd: 'dates written YYYYMMDD',
};

/**
 * How users were told apart, with its counts.
 * @param {IdentityReport} id
 */
function identityText(id) {
  if (id.method === 'linked') {
    const from = id.anonymousColumn ? `“${id.anonymousColumn}”` : 'anonymous ids';
    const conflicts = id.conflicts ? `; ${fmtInt(id.conflicts)} seen with more than one, kept with the first` : '';
    const aliases = id.aliases ? `, and ${fmtInt(id.aliases)} aliases given` : '';
    return `Users: ${fmtInt(id.users)} people from ${fmtInt(id.ids)} ids. Each anonymous id (${from}) counts as the signed-in id (“${id.knownColumn ?? '—'}”) first seen with it: ${fmtInt(id.idsMerged)} linked${conflicts}${aliases}. Choose "Count every id apart" under "Users" in the usage event options to read ids as they are.`;
  }
  if (id.method === 'person') return `Users: ${fmtInt(id.users)} people, from the export's person column (its tool has merged each person's ids).`;
  return `Users: ${fmtInt(id.users)}, every id counted apart.`;
}

/**
 * How a Parquet file stores its time column, in words: `timestamp-micros-utc`
 * is "timestamps in microseconds, adjusted to UTC".
 * @param {string} type
 */
export function parquetTimeText(type) {
  const stamp = /^timestamp-(millis|micros|nanos)-(utc|local)$/.exec(type);
  if (stamp) {
    const unit = { millis: 'milliseconds', micros: 'microseconds', nanos: 'nanoseconds' }[stamp[1]];
    return `timestamps in ${unit}, ${stamp[2] === 'utc' ? 'adjusted to UTC' : 'wall-clock time read as UTC'}`;
  }
  return { 'int96-timestamp': 'INT96 timestamps (Spark’s)', date: 'dates' }[type]
    ?? `${type} values${type.startsWith('int') ? ', read as numbers since 1970' : ''}`;
}

/**
 * The list items of how the file was read: the user, time and signup
 * columns, the time format, the users, the event name and session columns.
 * @param {EventsExportRead} read
 * @param {string} testid the prefix of the items' test ids (`events`: `events-identity`)
 * @returns {HTMLElement[]}
 */
export function readItems(read, testid) {
  /** @param {string} what @param {DetectedColumn | undefined} c */
  const col = (what, c) => (c ? h('li', {}, `${what}: `, h('q', { text: c.header }),
    h('span', { class: 'mv-muted', text: ` (column ${c.index + 1}, ${DETECTED_BY[c.detectedBy] ?? c.detectedBy}${c.runnerUp ? `; the other candidate: “${c.runnerUp}”` : ''})` })) : null);
  return [col('User id', read.userColumn), col('Time', read.timeColumn), col('Signup time', read.signupColumn),
    read.timeType ? h('li', { 'data-testid': `${testid}-time-type` }, `Times stored in the Parquet file as ${parquetTimeText(read.timeType)}`)
      : read.timeFormat ? h('li', {}, read.timeFormat === 'iso-8601' ? 'Times read as ISO-8601 text'
        : `Times are numbers, read as ${TIME_FORMATS[read.timeFormat] ?? read.timeFormat}`) : null,
    read.identity ? h('li', { 'data-testid': `${testid}-identity` }, identityText(read.identity)) : null,
    col('Event name', read.eventColumn),
    col('Session id', read.sessionColumn)].filter((x) => x != null);
}

/**
 * What was guessed (a sparse user column passed over, the time unit), and how to choose otherwise.
 * @param {EventsExportRead} read @param {string} testid as readItems'
 */
export function readWarnings(read, testid) {
  return read.warnings?.length ? h('ul', { class: 'mv-warnings', 'data-testid': `${testid}-warnings` },
    read.warnings.map((w) => h('li', { 'data-code': w.code, text: inPageWords(w.message) }))) : null;
}

/** The rows not used, by reason and line, or that every row was used. @param {EventsExportRead} read */
export function readSkipped(read) {
  return read.skipped?.count ? rowIssues('Rows not used', read.skipped, 'rows') : h('p', { class: 'mv-muted', text: 'Every row was used.' });
}
