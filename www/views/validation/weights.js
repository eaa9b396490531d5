// The benchmark preset and the five dimension weights: a slider each, showing
// its share of the total. The sliders follow the preset until one is moved;
// then they are the user's ("custom") until reset.
import { h, fmtPct } from '../../lib/dom.js';
import { DIMENSIONS } from '../../lib/card.js';

/** @import { AnalyzeOptions, PresetId } from '../../../pkg/web/market_validation.js' */
/** @import { ValidationState } from './index.js' */

/**
 * The weights control.
 * @param {object} o
 * @param {ValidationState} o.state holds `customWeights` (null while the sliders are the preset's) and the presets
 * @param {HTMLSelectElement} o.presetSelect
 * @param {HTMLElement} o.container where the sliders go
 * @param {HTMLElement} o.stateLabel says "preset" or "custom"
 * @param {() => void} o.onInput a slider moved
 */
export function createWeights({ state, presetSelect, container, stateLabel, onInput }) {
  /** Each dimension's slider and the share it shows. @type {Map<string, { input: HTMLInputElement, output: HTMLOutputElement }>} */
  const sliders = new Map();

  /** The weights of a preset, by dimension. @param {string} id @returns {Record<string, number>} */
  function presetWeights(id) {
    const preset = state.presets.find((p) => p.id === id);
    return Object.fromEntries((preset?.dimensionWeights ?? []).map((d) => [d.dimension, d.weight]));
  }

  /** Sets the sliders to the weights in use, each with its share of the total. */
  function show() {
    const weights = state.customWeights ?? presetWeights(presetSelect.value);
    const total = Object.values(weights).reduce((a, b) => a + b, 0) || 1;
    for (const [key, { input, output }] of sliders) {
      input.value = String(weights[key] ?? 0);
      const share = fmtPct((weights[key] ?? 0) / total);
      output.textContent = share;
      input.setAttribute('aria-valuetext', share);
    }
    stateLabel.textContent = state.customWeights ? 'custom' : 'preset';
  }

  container.replaceChildren();
  for (const [key, name] of DIMENSIONS) {
    const id = `weight-${key}`;
    const input = h('input', { type: 'range', id, min: 0, max: 1, step: 0.01, 'data-testid': id });
    const output = h('output', { for: id, class: 'weight-value' });
    input.addEventListener('input', () => {
      state.customWeights = Object.fromEntries([...sliders].map(([k, slider]) => [k, Number(slider.input.value)]));
      show();
      onInput();
    });
    sliders.set(key, { input, output });
    container.append(h('div', { class: 'weight-field' }, h('label', { for: id, text: name }), input, output));
  }

  return {
    show,

    /** The options the page scores with: the preset, and the weights when they are custom. @returns {AnalyzeOptions} */
    currentOptions() {
      /** @type {AnalyzeOptions} */
      // The select offers the library's preset ids only.
      const options = { preset: /** @type {PresetId} */ (presetSelect.value) };
      if (state.customWeights) options.weights = { ...state.customWeights };
      return options;
    },

    /**
     * Takes the options of a share link: a known preset, and weights clamped to 0..1 (missing ones 0).
     * @param {unknown} [options]
     */
    applyOptions(options = {}) {
      const given = options != null && typeof options === 'object' ? /** @type {Record<string, unknown>} */ (options) : {};
      if (typeof given.preset === 'string' && given.preset && state.presets.some((p) => p.id === given.preset)) presetSelect.value = given.preset;
      const w = given.weights;
      state.customWeights = w && typeof w === 'object'
        ? Object.fromEntries(DIMENSIONS.map(([k]) => {
          const v = /** @type {Record<string, unknown>} */ (w)[k];
          return [k, typeof v === 'number' && Number.isFinite(v) ? Math.max(0, Math.min(1, v)) : 0];
        }))
        : null;
      show();
    },
  };
}

/** @typedef {ReturnType<typeof createWeights>} Weights */
