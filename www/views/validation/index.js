// The product-validation view: product data from the form (built from
// schema()), pasted JSON or CSV exports, scored by analyze() on every change
// (debounced while typing) and shown with its interval, dimensions,
// recommendations and benchmarks. All user-supplied text goes through
// textContent / text nodes, never innerHTML. Works on the page's own markup
// (index.html); the page shell (app.js) shares and exports what it shows.
// The files tab (raw-data.js) is imported once the first score is painted.
import { analyze, presets, sampleProduct, schema, validate } from '../../../pkg/web/market_validation_score.js';
import { $, h, dayText, isDay, setupTabs, tabPairs } from '../../lib/dom.js';
import { errorMessage, errorProblems } from '../../lib/errors.js';
import { createProductForm } from './product-form.js';
import { createWeights } from './weights.js';
import { renderResult, hideClaim, setStatus } from './results.js';
import { mountJsonPaste } from './json-paste.js';

/** How the form labels the built-in sample's groups. */
const SAMPLE_SOURCE = 'the sample';
/** The built-in sample's name, wherever it shows (cards, PNG, links). */
const SAMPLE_TITLE = 'Sample: an AI-database infrastructure company';

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
  const nameInput = $('#product-name', HTMLInputElement);
  const asOfInput = $('#as-of', HTMLInputElement);

  /**
   * What cards, the PNG and links show as the title: the product name, and the
   * sample's label while any group still holds the sample's data (its figures are
   * never presented as someone's own).
   * @returns {string | null}
   */
  function cardTitle() {
    const name = nameInput.value.trim();
    if (form.groupsFrom(SAMPLE_SOURCE).length) return name ? `${name} · sample data` : SAMPLE_TITLE;
    return name || null;
  }

  /** The day the data describes, if the field holds one. */
  const asOf = () => (isDay(asOfInput.value) ? asOfInput.value : undefined);

  /** Shows the title and the as-of day above the score. */
  function showMeta() {
    const title = cardTitle();
    const day = asOf();
    const line = $('#result-title');
    line.replaceChildren(...[title ?? '', day ? h('span', { class: 'as-of', text: `${title ? ' · ' : ''}data as of ${dayText(day)}` }) : ''].filter(Boolean));
    line.hidden = !title && !day;
  }

  // The compact score (phones, narrow windows): in sight whenever the summary is not.
  const miniScore = $('#mini-score');
  let summaryInView = true;
  const showMiniScore = () => { miniScore.hidden = summaryInView || !state.lastResult; };
  new IntersectionObserver(([entry]) => { summaryInView = entry.isIntersecting; showMiniScore(); }).observe($('#results-head'));

  /** Today in the reader's time zone, as a date input writes it. */
  const today = () => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  };

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
    showMeta();
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
    miniScore.dataset.state = results.dataset.state;
    showMiniScore();
  }

  /** Loads and mounts the files tab: the upload panel, the survey and events views and the warehouse panel. */
  function mountFilesTab() {
    import('./raw-data.js')
      .then(({ mountRawData }) => mountRawData({ form, rescore, sampleSource: SAMPLE_SOURCE, setAsOf: (day) => { asOfInput.value = day; } }))
      .catch((e) => { $('#upload').replaceChildren(h('p', { class: 'status', 'data-kind': 'error', text: `Could not load the file upload: ${errorMessage(e)}` })); });
  }

  /** Says, above the score, when the data is (partly) the built-in sample's, and how to start with one's own. @param {boolean} shown */
  function showSampleBanner(shown) {
    $('#sample-banner').hidden = !shown;
  }

  return {
    rescore,
    cardTitle,
    /** The page metadata links keep: the product name as typed and the as-of day. */
    meta: () => ({ name: nameInput.value.trim() || undefined, asOf: asOf() }),
    /** The options scored with: the preset and any custom weights. @returns {AnalyzeOptions} */
    currentOptions: () => weights.currentOptions(),
    /** The last valid result, or null. */
    getResult: () => state.lastResult,
    /** The product data of the last valid result, or null. */
    getProduct: () => state.lastProduct,
    /** A message shown until the user changes something. @param {string} text */
    setNotice(text) { state.notice = text; },
    /**
     * Shows a shared state: its options, product data (not yet scored), product name and as-of day.
     * @param {{ options?: unknown, product?: unknown, name?: string, title?: string, asOf?: string }} shared
     */
    restore({ options, product, name, title, asOf: day }) {
      weights.applyOptions(options);
      form.fill(product && typeof product === 'object' ? product : {});
      // Links made before the name was kept apart carry only the title: it is the name unless it labels the sample.
      nameInput.value = name ?? (title && title !== SAMPLE_TITLE && !title.endsWith(' · sample data') ? title : '');
      asOfInput.value = day ?? '';
    },
    /**
     * Fills the form (with the sample unless a shared state was restored), wires the inputs and scores.
     * @param {boolean} restored a shared state was restored
     */
    start(restored) {
      if (!restored) { form.fill(sample); asOfInput.value = today(); }
      for (const input of [nameInput, asOfInput]) input.addEventListener('input', () => { showMeta(); onScored(); });
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
      $('#load-sample').addEventListener('click', () => {
        const s = sampleProduct();
        form.fill(s);
        form.setSources(s, SAMPLE_SOURCE);
        // The sample is not the product named in the field.
        nameInput.value = '';
        rescore();
      });
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
        nameInput.value = '';
        asOfInput.value = today();
        rescore();
      });
      // The controls the HTML disables until the library is ready (not the upload's
      // Cancel, which is enabled only while a file is analysed).
      for (const el of document.querySelectorAll('.form-panel select, .form-panel button:not(.mv-cancel)')) {
        if (el instanceof HTMLSelectElement || el instanceof HTMLButtonElement) el.disabled = false;
      }
      rescore();
      // The files tab (upload, survey and events views, warehouse panel) is not on screen
      // first: its modules load after the first score is painted (the frame after this one).
      requestAnimationFrame(() => setTimeout(mountFilesTab));
    },
  };
}

/** @typedef {ReturnType<typeof mountValidation>} ValidationView */
