// The product-validation view: product data from the form (built from
// schema()), pasted JSON or CSV exports, scored by analyze() on every change
// (debounced while typing) and shown with its interval, dimensions,
// recommendations and benchmarks. All user-supplied text goes through
// textContent / text nodes, never innerHTML. Works on the page's own markup
// (index.html); the page shell (app.js) shares and exports what it shows.
import { analyze, presets, sampleProduct, schema, validate } from '../../../pkg/web/market_validation_score.js';
import { $, h, setupTabs, tabPairs } from '../../lib/dom.js';
import { errorMessage, errorProblems } from '../../lib/errors.js';
import { createProductForm } from './product-form.js';
import { createWeights } from './weights.js';
import { renderResult, hideClaim, setStatus } from './results.js';
import { mountJsonPaste } from './json-paste.js';
import { mountRawData, SAMPLE_SOURCE, SAMPLE_TITLE } from './raw-data.js';

/** @import { AnalyzeOptions, PresetInfo, Problem } from '../../../pkg/web/market_validation.js' */
/** @import { ScoredResult } from './results.js' */
/** @import { ProductObject } from './product-form.js' */

const DEFAULT_PRESET = 'b2b-saas';
const DEBOUNCE_MS = 120;

/**
 * The validation view's state.
 * @typedef {object} ValidationState
 * @property {PresetInfo[]} presets  the library's presets: names and weights
 * @property {string} sampleCanonical  the sample product as canonical JSON: unchanged, it is shown against the claimed score
 * @property {ScoredResult | null} lastResult  the last valid result (kept, marked stale, while the data has problems)
 * @property {ProductObject | null} lastProduct  the product data of lastResult
 * @property {Record<string, number> | null} customWeights  the dimension weights as the sliders hold them; null while they are the preset's
 * @property {string} notice  a message that outlives re-scoring (an unreadable share link) until the user changes something
 * @property {number} timer  the pending debounced re-score
 */

/**
 * JSON with sorted keys, to compare product data whatever the order of its keys.
 * @param {unknown} value
 * @returns {string}
 */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const object = /** @type {Record<string, unknown>} */ (value);
    return `{${Object.keys(object).sort().map((k) => `${JSON.stringify(k)}:${canonical(object[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Builds the view: the preset list, the form, the weights and the input tabs.
 * Call after the library is initialised; then restore() a shared state if any, and start().
 * @param {object} o
 * @param {() => void} o.onScored a new result is shown (its share link can be made)
 */
export function mountValidation({ onScored }) {
  /** @type {ValidationState} */
  const state = {
    presets: presets(), sampleCanonical: '', lastResult: null, lastProduct: null, customWeights: null, notice: '', timer: 0,
  };
  const select = $('#preset', HTMLSelectElement);
  select.replaceChildren(...state.presets.map((p) => h('option', { value: p.id, selected: p.id === DEFAULT_PRESET }, p.name)));
  const sample = sampleProduct();
  state.sampleCanonical = canonical(sample);
  const form = createProductForm({ schema: schema(), container: $('#fields'), problemsBox: $('#form-problems'), rescoreSoon: () => schedule(0) });
  const weights = createWeights({ state, presetSelect: select, container: $('#weight-fields'), stateLabel: $('#weights-state'), onInput: rescore });
  weights.show();
  setupTabs(tabPairs($('.tabs[role="tablist"]')));

  /** Re-scores after `delay` ms, unless asked again before. */
  function schedule(delay = DEBOUNCE_MS) {
    clearTimeout(state.timer);
    state.timer = setTimeout(rescore, delay);
  }

  /** Reads the form, shows its problems, and scores it when it has none. */
  function rescore() {
    clearTimeout(state.timer);
    const { product, problems: local } = form.collect();
    form.updateSubgroupCounts(product);
    /** @type {Problem[]} */
    let problems = local;
    try {
      problems = [...local, ...validate(product).problems];
    } catch (e) {
      problems = [...local, { path: '', value: 'the form data', expected: 'data the library can read', hint: errorMessage(e) }];
    }
    /** @type {ScoredResult | null} */
    let result = null;
    if (!problems.length) {
      const started = performance.now();
      try {
        result = analyze(product, weights.currentOptions());
        result.elapsed = performance.now() - started;
      } catch (e) {
        const thrown = errorProblems(e);
        problems = thrown?.length ? thrown : [{ path: '', value: 'this data', expected: 'something to score', hint: errorMessage(e) }];
      }
    }
    form.showProblems(problems);
    showSampleBanner(form.groupsFrom(SAMPLE_SOURCE).length > 0);
    const results = $('#results');
    if (result) {
      state.lastResult = result;
      state.lastProduct = product;
      const unmodified = canonical(product) === state.sampleCanonical && !state.customWeights;
      renderResult(result, { unmodified, presets: state.presets, form });
      form.showWarnings(result.warnings);
      onScored();
      results.dataset.state = 'ok';
      document.body.dataset.state = 'ok';
      setStatus(state.notice ? 'error' : 'info', state.notice);
    } else {
      const n = problems.length;
      const what = !problems.every((p) => form.fieldFor(p.path)) ? 'The data cannot be scored yet'
        : n === 1 ? 'One value needs fixing' : `${n} values need fixing`;
      setStatus('warn', state.lastResult ? `${what}: showing the last valid result.` : `${what}.`);
      results.dataset.state = state.lastResult ? 'stale' : 'empty';
      document.body.dataset.state = results.dataset.state;
      hideClaim();
    }
  }

  /** Says, above the score, when the data is (partly) the built-in sample's, and how to start with one's own. @param {boolean} shown */
  function showSampleBanner(shown) {
    $('#sample-banner').hidden = !shown;
  }

  return {
    rescore,
    /** The card title of the current data when it is the built-in sample's, else null. */
    sampleTitle: () => (form.groupsFrom(SAMPLE_SOURCE).length ? SAMPLE_TITLE : null),
    /** The options scored with: the preset and any custom weights. @returns {AnalyzeOptions} */
    currentOptions: () => weights.currentOptions(),
    /** The last valid result, or null. */
    getResult: () => state.lastResult,
    /** The product data of the last valid result, or null. */
    getProduct: () => state.lastProduct,
    /** A message shown until the user changes something. @param {string} text */
    setNotice(text) { state.notice = text; },
    /**
     * Shows a shared state: its options and product data (not yet scored).
     * @param {{ options?: unknown, product?: unknown }} shared
     */
    restore({ options, product }) {
      weights.applyOptions(options);
      form.fill(product && typeof product === 'object' ? product : {});
    },
    /**
     * Fills the form (with the sample unless a shared state was restored), wires the inputs and scores.
     * @param {boolean} restored a shared state was restored
     */
    start(restored) {
      if (!restored) form.fill(sample);
      form.setSources(restored ? form.collect().product : sample, restored ? 'the share link' : SAMPLE_SOURCE);
      $('#json-input', HTMLTextAreaElement).value = JSON.stringify(restored ? form.collect().product : sample, null, 2);
      const productForm = $('#product-form');
      productForm.addEventListener('submit', (e) => { e.preventDefault(); rescore(); });
      productForm.addEventListener('input', () => { state.notice = ''; schedule(); });
      select.addEventListener('change', () => { if (!state.customWeights) weights.show(); rescore(); });
      $('#weights-reset').addEventListener('click', () => { state.customWeights = null; weights.show(); rescore(); });
      mountJsonPaste({
        form,
        onProduct(product) {
          form.fill(product);
          form.setSources(product, 'pasted JSON');
          rescore();
          state.notice = '';
        },
      });
      mountRawData({ form, rescore });
      $('#load-sample').addEventListener('click', () => { const s = sampleProduct(); form.fill(s); form.setSources(s, SAMPLE_SOURCE); rescore(); });
      // The sample banner's ways to start with one's own data.
      for (const button of document.querySelectorAll('#sample-banner [data-start]')) {
        button.addEventListener('click', () => {
          const start = button.getAttribute('data-start');
          if (start === 'clear') $('#clear').click();
          else document.getElementById(start ?? '')?.click();
          document.getElementById('product-form')?.scrollIntoView({ block: 'start', behavior: 'smooth' });
        });
      }
      $('#clear').addEventListener('click', () => {
        // Clearing clears the result too: no last valid result is kept to show as stale.
        state.lastResult = null;
        state.lastProduct = null;
        form.fill({});
        form.setSources({}, null);
        rescore();
      });
      // The controls the HTML disables until the library is ready (not the upload's
      // Cancel, which is enabled only while a file is analysed).
      for (const el of document.querySelectorAll('.form-panel select, .form-panel button:not(.mv-cancel)')) {
        if (el instanceof HTMLSelectElement || el instanceof HTMLButtonElement) el.disabled = false;
      }
      rescore();
    },
  };
}

/** @typedef {ReturnType<typeof mountValidation>} ValidationView */
