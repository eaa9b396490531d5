// The "Drop CSV files" tab: survey answers, usage events or a usability test,
// analysed in a worker (views/upload.js), and the results of the events
// analysis run in the user's warehouse (views/warehouse/), shown in their own
// sections above the results (a survey that also asks the SUS in both the
// survey and the usability sections); "Use in the score" puts their derived
// product data in the form, in place of the groups it fills (the usability
// test's SUS is added to the user's own survey data), and clears the groups
// still holding the sample's data.
// The files shown are kept in lib/dropped.js for the launch tab's review.
// Mounted by the validation view after its first score is painted.
import { $ } from '../../lib/dom.js';
import { droppedFiles } from '../../lib/dropped.js';
import { setStatus } from './results.js';

/** Group names as the form titles them. @type {Record<string, string>} */
const GROUP_TITLES = {
  usageMetrics: 'usage', adoptionData: 'adoption', surveyData: 'survey', marketResearch: 'market research',
  competitiveData: 'competition', unitEconomics: 'unit economics',
};
/** @param {string} group */
const groupTitle = (group) => GROUP_TITLES[group] ?? group;
/**
 * A figure computed from a file, rounded for people before it goes in the
 * form: 4 significant digits for fractions (16.998468606431853 days is 17
 * days); whole numbers as they are. Maps are rounded value by value.
 * @param {unknown} v @returns {unknown}
 */
function forPeople(v) {
  if (typeof v === 'number') return Number.isInteger(v) || !Number.isFinite(v) ? v : Number(v.toPrecision(4));
  if (v != null && typeof v === 'object' && !Array.isArray(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, forPeople(x)]));
  return v;
}

/** "a", "a and b", "a, b and c". @param {string[]} items */
const listText = (items) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);
import { mountUpload } from '../upload.js';
import { renderSurvey } from '../survey.js';
import { renderEvents } from '../events.js';
import { renderUsability, susSurveyData } from '../usability.js';
import { mountWarehouse } from '../warehouse/index.js';

/** @import { ProductForm } from './product-form.js' */

/**
 * Mounts the upload panel and the survey and events sections.
 * @param {object} o
 * @param {ProductForm} o.form
 * @param {() => void} o.rescore
 * @param {string} o.sampleSource  how the form labels the built-in sample's groups
 * @param {(day: string) => void} o.setAsOf  the events' as-of day becomes the page's when their groups are used
 */
export function mountRawData({ form, rescore, sampleSource, setAsOf }) {
  /**
   * Puts derived groups (surveyData, usageMetrics, adoptionData) in the form, in place of
   * what those groups held, and re-scores. Groups that still hold the built-in sample's data
   * are cleared: a file's figures are never scored together with the sample company's.
   * With `add`, the figures join what a group holds of the user's own (a usability test's
   * SUS beside a survey's NPS); a group of the sample's is still replaced.
   * @param {Record<string, object | null | undefined>} parts @param {string} source the file's name
   * @param {{ add?: boolean }} [o]
   */
  function useDerived(parts, source, { add = false } = {}) {
    const { product } = form.collect();
    const cleared = [];
    for (const group of Object.keys(product)) {
      if (!(group in parts) && form.sourceOf(group) === sampleSource) {
        delete product[group];
        form.setSource(group, null);
        cleared.push(group);
      }
    }
    const used = [];
    let from = source;
    for (const [group, values] of Object.entries(parts)) {
      if (!values) continue;
      const figures = Object.fromEntries(Object.entries(values).filter(([, v]) => v != null).map(([k, v]) => [k, forPeople(v)]));
      const earlier = form.sourceOf(group);
      const own = product[group];
      const join = add && own != null && typeof own === 'object' && earlier !== sampleSource;
      product[group] = join ? { ...own, ...figures } : figures;
      from = !join ? source
        : earlier == null ? `${source} and the form`
          : earlier === source || earlier.endsWith(` and ${source}`) ? earlier : `${earlier} and ${source}`;
      form.setSource(group, from);
      used.push(group);
    }
    form.fill(product);
    rescore();
    const usedText = listText(used.map(groupTitle));
    setStatus('info', `${usedText.charAt(0).toUpperCase()}${usedText.slice(1)} now ${used.length === 1 ? 'comes' : 'come'} from ${from}`
      + (cleared.length ? `; the sample's ${listText(cleared.map(groupTitle))} ${cleared.length === 1 ? 'was' : 'were'} cleared, so nothing of the sample company is scored with your data.` : '.'));
    $('#summary').scrollIntoView({ block: 'start', behavior: 'smooth' });
  }

  /** What the events view shows when it shows the warehouse's results: no file's name. */
  const FROM_WAREHOUSE = '\u0000warehouse';
  /** The file each view shows, to clear a view the same file no longer gives (read again as another kind). */
  const shown = { survey: '', events: '', usability: '' };
  /**
   * Shows a view's section, and clears the views of the same file's earlier reading that this one does not give.
   * @param {keyof typeof shown} kind @param {string} name @param {(keyof typeof shown)[]} kinds every view this reading gives
   */
  const showing = (kind, name, kinds) => {
    for (const other of /** @type {(keyof typeof shown)[]} */ (Object.keys(shown))) {
      if (kinds.includes(other) || shown[other] !== name) continue;
      $(`#${other}-section`).hidden = true;
      $(`#${other}-view`).replaceChildren();
      shown[other] = '';
      if (other === 'survey') droppedFiles.setSurvey(null);
      if (other === 'events') droppedFiles.setEvents(null);
    }
    shown[kind] = name;
    $(`#${kind}-section`).hidden = false;
  };

  const upload = mountUpload($('#upload'), {
    onSurvey(result, info) {
      showing('survey', info.name, info.kinds);
      // The SUS of the same file (a survey that also asks it) goes in with the survey's figures.
      const sus = info.also.usability ? susSurveyData(info.also.usability) : null;
      renderSurvey($('#survey-view'), result, {
        onUse: (surveyData) => useDerived({ surveyData: { ...surveyData, ...sus } }, info.name),
        fileName: info.name,
        usability: info.also.usability ? { sus: sus != null } : info.also.usabilityError ? { error: info.also.usabilityError } : undefined,
      });
      droppedFiles.setSurvey({ name: info?.name ?? 'the survey file', size: info?.size ?? 0, result });
    },
    onEvents(result, info) {
      showing('events', info.name, info.kinds);
      renderEvents($('#events-view'), result.analysis, {
        csv: result, fileName: info?.name, choices: info?.choices,
        onUse: (parts) => { setAsOf(result.analysis.asOf); useDerived(parts, info?.name ?? 'the events file'); },
        // The activation, retention and feature choices: the same file analysed again.
        onChoose: (choices) => upload.rerunEvents(choices),
      });
      if (info?.file) droppedFiles.setEvents({ name: info.name, size: info.size, file: info.file, csv: result, read: info.read, options: info.eventsOptions });
    },
    onUsability(report, info) {
      showing('usability', info.name, info.kinds);
      renderUsability($('#usability-view'), report, {
        fileName: info.name,
        withSurvey: info.kind === 'survey',
        onUse: (surveyData) => useDerived({ surveyData }, info.name, { add: true }),
      });
    },
  });

  // The warehouse's results: the same events view, marked as from the warehouse (the launch
  // review keeps using the last events file dropped, which it reads itself).
  mountWarehouse($('#warehouse'), {
    onResult(analysis, source) {
      shown.events = FROM_WAREHOUSE;
      $('#events-section').hidden = false;
      renderEvents($('#events-view'), analysis, {
        warehouse: source,
        onUse: (parts) => { setAsOf(analysis.asOf); useDerived(parts, 'your warehouse\'s results'); },
      });
    },
  });
}
