// The "Paste JSON" tab: product data as JSON, checked by the library's
// validate() before it replaces the form's data; its problems and warnings
// are listed under the text box.
import { validate } from '../../../pkg/web/market_validation_score.js';
import { $, h } from '../../lib/dom.js';
import { errorMessage } from '../../lib/errors.js';
import { parseJson } from '../../lib/json-input.js';
import { problemText } from './product-form.js';

/** @import { Child } from '../../lib/dom.js' */
/** @import { ProductForm } from './product-form.js' */

/**
 * Lists problems under the text box (none: hides the list).
 * @param {Child[]} lines
 */
function showJsonProblems(lines) {
  const box = $('#json-problems');
  box.replaceChildren(...lines.map((l) => h('p', {}, l)));
  box.hidden = !lines.length;
  $('#json-input').setAttribute('aria-invalid', String(lines.length > 0));
}

/**
 * Wires the tab's buttons.
 * @param {object} o
 * @param {ProductForm} o.form
 * @param {(product: object) => void} o.onProduct valid product data was applied
 */
export function mountJsonPaste({ form, onProduct }) {
  const input = $('#json-input', HTMLTextAreaElement);

  function apply() {
    const parsed = parseJson(input.value);
    if (!parsed.ok) {
      showJsonProblems([`This is not valid JSON: ${parsed.message}${parsed.where}.`]);
      return;
    }
    const product = parsed.value;
    if (!product || typeof product !== 'object' || Array.isArray(product)) {
      showJsonProblems(['Expected one product as a JSON object, like the sample: { "usageMetrics": { ... }, ... }.']);
      return;
    }
    let report;
    try {
      report = validate(product);
    } catch (e) {
      showJsonProblems([errorMessage(e)]);
      return;
    }
    if (report.problems.length) {
      showJsonProblems(report.problems.map((p) => [h('code', { text: p.path }), ` ${problemText(p)}`]));
      return;
    }
    showJsonProblems(report.warnings.map((w) => [h('code', { text: w.path }), ` ${w.message}`]));
    onProduct(product);
  }

  $('#json-apply').addEventListener('click', apply);
  $('#json-from-form').addEventListener('click', () => { input.value = JSON.stringify(form.collect().product, null, 2); showJsonProblems([]); });
}
