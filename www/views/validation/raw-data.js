// The "Drop CSV files" tab: survey answers or usage events, analysed in a
// worker (views/upload.js), shown in their own sections above the results;
// "Use in the score" merges their derived product data into the form.
import { $ } from '../../lib/dom.js';
import { mountUpload } from '../upload.js';
import { renderSurvey } from '../survey.js';
import { renderEvents } from '../events.js';

/** @import { ProductForm } from './product-form.js' */

/**
 * Mounts the upload panel and the survey and events sections.
 * @param {object} o
 * @param {ProductForm} o.form
 * @param {() => void} o.rescore
 */
export function mountRawData({ form, rescore }) {
  /**
   * Merges derived groups (surveyData, usageMetrics, adoptionData) into the form's data and re-scores.
   * @param {Record<string, object | null | undefined>} parts
   */
  function useDerived(parts) {
    const { product } = form.collect();
    for (const [group, values] of Object.entries(parts)) {
      if (!values) continue;
      const defined = Object.fromEntries(Object.entries(values).filter(([, v]) => v != null));
      const current = product[group];
      product[group] = { ...(current != null && typeof current === 'object' ? current : {}), ...defined };
    }
    form.fill(product);
    rescore();
    $('#summary').scrollIntoView({ block: 'start', behavior: 'smooth' });
  }

  mountUpload($('#upload'), {
    onSurvey(result, info) {
      $('#survey-section').hidden = false;
      renderSurvey($('#survey-view'), result, { onUse: (surveyData) => useDerived({ surveyData }), fileName: info?.name });
    },
    onEvents(result, info) {
      $('#events-section').hidden = false;
      renderEvents($('#events-view'), result.analysis, { csv: result, onUse: (parts) => useDerived(parts), fileName: info?.name });
    },
  });
}
