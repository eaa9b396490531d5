// The files the user dropped in the product-validation view ("Drop CSV
// files"): the last survey and the last usage-events file analysed, kept for
// the other views that use them (the launch tab's review), so that nothing
// is dropped twice. Each is the user's own file: the page has no sample
// survey or events. The events' arrays (what reviewLaunch() takes) are read
// from the file on first use, in a worker (lib/event-arrays.js), and kept
// while it is the events file shown.
import { readEventArraysOf, eventArraysSpec } from './files.js';

/** @import { EventsCsvAnalysis, ExportInfo, SurveyAnalysis } from '../../pkg/web/market_validation.js' */
/** @import { EventArraysRead } from './event-arrays.js' */

/**
 * A survey file analysed.
 * @typedef {{ name: string, size: number, result: SurveyAnalysis }} DroppedSurvey
 */
/**
 * A usage-events file analysed: the file itself (its arrays are read from it
 * when asked), its analysis and how readExport read it.
 * @typedef {{ name: string, size: number, file: File, csv: EventsCsvAnalysis, read: ExportInfo | undefined }} DroppedEvents
 */
/** @typedef {{ survey: DroppedSurvey | null, events: DroppedEvents | null }} Dropped */

/**
 * A store of the files dropped, with listeners.
 * @returns {{ current(): Dropped, setSurvey(entry: DroppedSurvey | null): void, setEvents(entry: DroppedEvents | null): void,
 *   subscribe(listener: () => void): () => void, eventArrays(entry: DroppedEvents): Promise<EventArraysRead> }}
 */
export function createDroppedFiles() {
  /** @type {Dropped} */
  const dropped = { survey: null, events: null };
  /** @type {Set<() => void>} */
  const listeners = new Set();
  /** The arrays of the events file shown: read once per file and columns. @type {{ file: File, spec: string, promise: Promise<EventArraysRead> } | null} */
  let arrays = null;

  const notify = () => {
    for (const listener of listeners) {
      try { listener(); } catch (e) { console.error('a dropped-files listener failed', e); }
    }
  };

  return {
    /** The files as they are now. */
    current: () => ({ ...dropped }),
    setSurvey(entry) { dropped.survey = entry; notify(); },
    setEvents(entry) {
      dropped.events = entry;
      // The arrays of another file are not needed any more (they may be large).
      if (arrays && arrays.file !== entry?.file) arrays = null;
      notify();
    },
    /** Calls `listener` after every change; returns the way to stop. */
    subscribe(listener) {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
    /** The events of a file as reviewLaunch takes them, read in a worker the first time. */
    eventArrays(entry) {
      const spec = eventArraysSpec(entry.csv, entry.read);
      const key = JSON.stringify(spec);
      if (arrays && arrays.file === entry.file && arrays.spec === key) return arrays.promise;
      const promise = readEventArraysOf(entry.file, spec).promise;
      const mine = { file: entry.file, spec: key, promise };
      arrays = mine;
      // A failure is not kept: asked again, the file is read again.
      promise.catch(() => { if (arrays === mine) arrays = null; });
      return promise;
    },
  };
}

/** The page's files. @typedef {ReturnType<typeof createDroppedFiles>} DroppedFiles */

/** The files dropped on this page. */
export const droppedFiles = createDroppedFiles();
