// The files the user dropped in the product-validation view ("Drop CSV
// files"): the last survey and the last usage-events file analysed, kept for
// the other views that use them (the launch tab's review), so that nothing
// is dropped twice. Each is the user's own file: the page has no sample
// survey or events. An events file is kept with the options it was analysed
// with, so that the review reads it the same way (readingOptions).

/** @import { EventsCsvAnalysis, EventsOptions, ExportInfo, SurveyAnalysis } from '../../pkg/web/market_validation.js' */

/**
 * A survey file analysed.
 * @typedef {{ name: string, size: number, result: SurveyAnalysis }} DroppedSurvey
 */
/**
 * A usage-events file analysed: the file itself, its analysis, how readExport
 * read it, and the events options it was analysed with.
 * @typedef {{ name: string, size: number, file: File, csv: EventsCsvAnalysis, read: ExportInfo | undefined,
 *   options: EventsOptions }} DroppedEvents
 */
/** @typedef {{ survey: DroppedSurvey | null, events: DroppedEvents | null }} Dropped */

/**
 * The options of analyzeEventsCsv that say how a file is read (its columns,
 * the time unit, the delimiter, how users are told apart and linked, the
 * events left out), as opposed to those of the analysis (weeks, cohorts, the
 * activation event...): reviewLaunch's `options.eventsOptions`.
 */
const READING_OPTIONS = /** @type {const} */ (['columns', 'timeUnit', 'delimiter', 'identity', 'aliases', 'ignoreEvents']);

/**
 * The options an events file was read with, for reading it again the same way.
 * @param {DroppedEvents} entry
 * @returns {EventsOptions}
 */
export function readingOptions(entry) {
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const key of READING_OPTIONS) if (entry.options?.[key] !== undefined) out[key] = entry.options[key];
  return /** @type {EventsOptions} */ (out);
}

/**
 * A store of the files dropped, with listeners.
 * @returns {{ current(): Dropped, setSurvey(entry: DroppedSurvey | null): void, setEvents(entry: DroppedEvents | null): void,
 *   subscribe(listener: () => void): () => void }}
 */
export function createDroppedFiles() {
  /** @type {Dropped} */
  const dropped = { survey: null, events: null };
  /** @type {Set<() => void>} */
  const listeners = new Set();

  const notify = () => {
    for (const listener of listeners) {
      try { listener(); } catch (e) { console.error('a dropped-files listener failed', e); }
    }
  };

  return {
    /** The files as they are now. */
    current: () => ({ ...dropped }),
    setSurvey(entry) { dropped.survey = entry; notify(); },
    setEvents(entry) { dropped.events = entry; notify(); },
    /** Calls `listener` after every change; returns the way to stop. */
    subscribe(listener) {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
  };
}

/** The page's files. @typedef {ReturnType<typeof createDroppedFiles>} DroppedFiles */

/** The files dropped on this page. */
export const droppedFiles = createDroppedFiles();
