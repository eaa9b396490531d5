// <market-validation-card>: the compact score card as a custom element, for
// host pages that load ONE script:
//
//   <script type="module" src="https://…/www/card.js"></script>
//   <market-validation-card title="Acme" preset="b2b-saas"
//     data='{"surveyData":{"npsScore":41,"feedbackVolume":180}}'></market-validation-card>
//
// or by property: `card.data = { … }; card.options = { preset, weights }`.
// The wasm package and card.css are found relative to this file's URL, so the
// host page's own URL does not matter. Nothing thrown ever leaves the element:
// bad JSON or bad data shows the error card and fires `market-validation-error`.
import { renderScoreCard, renderCardError, renderCardStatus } from './lib/card.js';
import { errorMessage, errorProblems } from './lib/errors.js';
import { isDay } from './lib/dom.js';

/** @import { Problem, ValidationResult } from '../pkg/web/market_validation.js' */
/** @import { Theme } from './lib/card.js' */
/** Why a card shows no score: the `detail` of `market-validation-error`. @typedef {{ message: string, problems: Problem[] }} CardError */

// Scoring only: the card needs nothing else.
const PACKAGE_URL = new URL('../pkg/web/market_validation_score.js', import.meta.url).href;
const STYLESHEET_URL = new URL('card.css', import.meta.url).href;

/** @type {Promise<typeof import('../pkg/web/market_validation_score.js')> | null} */
let engine = null;
/** The wasm package, loaded and initialised once for every card on the page (retried after a failure). */
function loadEngine() {
  engine ??= import(PACKAGE_URL)
    .then(async (mod) => { await mod.default(); return mod; })
    .catch((error) => { engine = null; throw error; });
  return engine;
}

/** An object, not an array or null. @param {unknown} v @returns {v is Record<string, unknown>} */
const isObject = (v) => v != null && typeof v === 'object' && !Array.isArray(v);

/**
 * `<market-validation-card>`.
 *
 * Attributes: `data` (product JSON text), `preset` (overrides `options.preset`), `title` (the
 * product's name, shown as text), `as-of` (the day the data describes, `2026-12-06`: "Data as of
 * Dec 6, 2026" under the title), `theme` (`light` | `dark`; default: the reader's scheme),
 * `compact` (`"false"` for the fuller card).
 * Properties: `data` (product object, or JSON text), `options` (AnalyzeOptions object),
 * `result` (read-only: the last ValidationResult, or null).
 * Events (bubbling, composed): `market-validation-result` with `detail` = the ValidationResult;
 * `market-validation-error` with `detail` = `{ message, problems }`.
 * Any change re-renders once per microtask, however many attributes or properties changed.
 */
export class MarketValidationCard extends HTMLElement {
  static observedAttributes = ['data', 'preset', 'title', 'as-of', 'theme', 'compact'];

  /** @type {Record<string, unknown> | null} */
  #product = null;
  /** @type {CardError | null} */
  #dataError = null;
  /** @type {Record<string, unknown>} */
  #options = {};
  /** @type {CardError | null} */
  #optionsError = null;
  /** @type {ValidationResult | null} */
  #result = null;
  #scheduled = false;
  #run = 0;
  /** @type {HTMLDivElement} */
  #container;
  /** @type {Promise<unknown>} */
  #stylesheetReady;

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: 'open' });
    // A linked sheet, not a <style>: host pages with a strict CSP (no inline styles) still style the card.
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = STYLESHEET_URL;
    this.#stylesheetReady = new Promise((resolve) => {
      link.addEventListener('load', resolve, { once: true });
      link.addEventListener('error', resolve, { once: true });
    });
    this.#container = document.createElement('div');
    this.#container.className = 'mv-host';
    this.#container.setAttribute('aria-live', 'polite');
    shadow.append(link, this.#container);
    // Properties set before the element was defined sit on the instance and would hide the setters.
    for (const name of /** @type {const} */ (['data', 'options'])) {
      if (Object.hasOwn(this, name)) {
        const value = this[name];
        Reflect.deleteProperty(this, name);
        this[name] = value;
      }
    }
  }

  connectedCallback() { this.#schedule(); }

  /** @param {string} name @param {string | null} oldValue @param {string | null} value */
  attributeChangedCallback(name, oldValue, value) {
    if (oldValue === value) return;
    if (name === 'data') this.#setData(value, 'attribute');
    this.#schedule();
  }

  /** The product data (an object), or null. Accepts an object or JSON text. */
  get data() { return this.#product; }
  /** @param {unknown} value */
  set data(value) {
    this.#setData(value, 'property');
    this.#schedule();
  }

  /** Analyze options (`preset`, `weights`, ...); the `preset` attribute wins over `options.preset`. */
  get options() { return this.#options; }
  /** @param {unknown} value */
  set options(value) {
    this.#optionsError = null;
    if (value == null) this.#options = {};
    else if (isObject(value)) this.#options = value;
    else {
      this.#options = {};
      this.#optionsError = { message: 'The card\'s options must be an object such as { "preset": "b2b-saas" }.', problems: [] };
    }
    this.#schedule();
  }

  /** The last result shown, or null. */
  get result() { return this.#result; }

  /**
   * Takes product data as an object or JSON text (an error to show, else).
   * @param {unknown} value @param {'attribute' | 'property'} source
   */
  #setData(value, source) {
    this.#dataError = null;
    this.#product = null;
    if (value == null || value === '') return;
    let parsed = value;
    if (typeof value === 'string') {
      try {
        parsed = JSON.parse(value);
      } catch (error) {
        this.#dataError = { message: `The card's data ${source} is not valid JSON: ${errorMessage(error)}`, problems: [] };
        return;
      }
    }
    if (!isObject(parsed)) {
      this.#dataError = { message: `The card's data ${source} must be an object of product data (usageMetrics, surveyData, ...).`, problems: [] };
      return;
    }
    this.#product = parsed;
  }

  #schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      this.#render().catch((error) => this.#fail({ message: `The card could not be drawn: ${errorMessage(error)}`, problems: [] }, this.#run));
    });
  }

  /** @returns {{ title?: string, asOf?: string, theme?: Theme, compact: boolean }} */
  #view() {
    const theme = this.getAttribute('theme');
    return {
      title: this.getAttribute('title') ?? undefined,
      asOf: this.getAttribute('as-of') ?? undefined,
      theme: theme === 'light' || theme === 'dark' ? theme : undefined,
      compact: this.getAttribute('compact') !== 'false',
    };
  }

  /** Shows why there is no score (when `run` is still the latest) and tells the host. @param {CardError} error @param {number} run */
  #fail(error, run) {
    if (run !== this.#run) return;
    this.#result = null;
    this.#container.replaceChildren(renderCardError(error.message, error.problems, this.#view()));
    this.dispatchEvent(new CustomEvent('market-validation-error', { detail: error, bubbles: true, composed: true }));
  }

  async #render() {
    if (!this.isConnected) return;
    const run = ++this.#run;
    await this.#stylesheetReady; // no flash of an unstyled card
    if (run !== this.#run) return;
    const asOf = this.getAttribute('as-of');
    const asOfError = asOf != null && asOf !== '' && !isDay(asOf)
      ? { message: `The card's as-of attribute is "${String(asOf).slice(0, 40)}"; expected a day as YYYY-MM-DD, e.g. 2026-12-06.`, problems: [] } : null;
    const inputError = this.#dataError ?? this.#optionsError ?? asOfError;
    if (inputError) { this.#fail(inputError, run); return; }
    if (this.#product == null) {
      this.#result = null;
      this.#container.replaceChildren(renderCardStatus('No product data yet.', this.#view()));
      return;
    }
    let lib;
    try {
      lib = await loadEngine();
    } catch (error) {
      this.#fail({ message: `Could not load the scoring engine: ${errorMessage(error)}`, problems: [] }, run);
      return;
    }
    if (run !== this.#run) return; // changed while loading: a newer render is queued
    const options = { ...this.#options };
    const preset = this.getAttribute('preset');
    if (preset) options.preset = preset;
    let result;
    try {
      result = lib.analyze(this.#product, options);
    } catch (error) {
      this.#fail({ message: errorMessage(error), problems: errorProblems(error) ?? [] }, run);
      return;
    }
    this.#result = result;
    this.#container.replaceChildren(renderScoreCard(result, this.#view()));
    this.dispatchEvent(new CustomEvent('market-validation-result', { detail: result, bubbles: true, composed: true }));
  }
}

if (!customElements.get('market-validation-card')) customElements.define('market-validation-card', MarketValidationCard);
