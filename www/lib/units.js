// Units as people read them. The library takes and returns shares as
// fractions (0.45), which is what an API should do; people think of them in
// percent (45%). The page shows and takes shares in percent, and translates
// the library's messages about them ("did you mean 0.45?" becomes "did you
// mean 45%?"). The JSON tab and exports stay in the API's units.
import { fmt } from './dom.js';

/** @import { Dimension, Problem, Recommendation, ValidationResult } from '../../pkg/web/market_validation.js' */

/** @param {unknown} v @returns {v is number} */
const finite = (v) => typeof v === 'number' && Number.isFinite(v);

/** Whether a unit of the library (`x-unit`, `metric.unit`) is a share, shown in percent. @param {unknown} unit */
export const isShare = (unit) => typeof unit === 'string' && unit.startsWith('fraction');

/**
 * A fraction in percent, without binary noise (0.29 -> 29, not 28.999999999999996).
 * @param {number} fraction
 */
export const toPercent = (fraction) => Number((fraction * 100).toPrecision(12));

/**
 * A share as people read it: one decimal from 1% up (43.8%), two significant
 * digits below (0.1%, 0.012%).
 * @param {number} fraction
 */
export function percentText(fraction) {
  const p = fraction * 100;
  const shown = p === 0 || Math.abs(p) >= 1 ? Number(p.toFixed(1)) : Number(p.toPrecision(2));
  return `${shown}%`;
}

/**
 * A value in its unit as the page shows it: shares in percent, minutes and
 * days with their unit, everything else rounded (fmt).
 * @param {unknown} value @param {unknown} unit
 */
export function valueText(value, unit) {
  if (!finite(value)) return String(value);
  if (isShare(unit)) return percentText(value);
  if (unit === 'minutes') return `${fmt(value)} min`;
  if (unit === 'days') return `${fmt(value)} ${value === 1 ? 'day' : 'days'}`;
  if (unit === 'months') return `${fmt(value)} ${value === 1 ? 'month' : 'months'}`;
  return fmt(value);
}

/**
 * A unit's name as the page writes it beside a value or a field: "%" for
 * shares ("% a year" for yearly rates), else the library's words.
 * @param {unknown} unit
 */
export function unitText(unit) {
  if (unit === 'fraction per year') return '% a year';
  if (isShare(unit)) return '%';
  return typeof unit === 'string' ? unit : '';
}

/**
 * A problem of the library about a share, in the page's percent: its value
 * ("45" -> "4500%"), what was expected ("a percentage from 0% to 100%") and a
 * suggested number ("did you mean 45%?"). Problems about other units are
 * returned as they are.
 * @param {Problem} problem
 * @param {{ unit?: unknown, minimum?: number, maximum?: number }} field  the field the problem concerns
 * @returns {Problem & { suggestion?: number }} `suggestion`: the number the hint suggests, in the field's units
 */
export function problemInPageUnits(problem, field) {
  const suggested = /did you mean (-?[\d.]+(?:e[+-]?\d+)?)\?/i.exec(problem.hint ?? '');
  if (!isShare(field.unit)) return suggested ? { ...problem, suggestion: Number(suggested[1]) } : problem;
  /** @type {Problem & { suggestion?: number }} */
  const out = { ...problem };
  const given = Number(problem.value);
  if (problem.value.trim() !== '' && Number.isFinite(given)) out.value = percentText(given);
  if (finite(field.minimum) && finite(field.maximum)) {
    const yearly = field.unit === 'fraction per year' ? ' a year' : '';
    out.expected = `a percentage from ${percentText(field.minimum)} to ${percentText(field.maximum)}${yearly}`;
  }
  if (suggested) {
    const fraction = Number(suggested[1]);
    out.hint = (problem.hint ?? '').replace(suggested[0], `did you mean ${percentText(fraction)}?`);
    out.suggestion = toPercent(fraction);
  }
  return out;
}

/**
 * The unit of the metric a recommendation moves (recommendations concern scored metrics).
 * @param {ValidationResult} result @param {Recommendation} rec
 */
export const recommendationUnit = (result, rec) => result.dimensions?.[/** @type {Dimension} */ (rec.dimension)]?.metrics?.find((m) => m.id === rec.metric)?.unit;

/**
 * A recommendation's message with its figures in page units: "Raise Retention
 * from 0.5 to 0.6 (…)" -> "Raise Retention from 50% to 60% (…)".
 * @param {{ message: string, current: number, target: number }} rec @param {unknown} unit
 */
export function recommendationText(rec, unit) {
  if (!isShare(unit)) return rec.message;
  return rec.message.replace(/ from (\S+) to (\S+) \(/, () => ` from ${percentText(rec.current)} to ${percentText(rec.target)} (`);
}

/**
 * A field's description from the schema without the range it gives in
 * fractions ("…, 0..1 (0.45 = 45%).", "…, each 0..1."), for a share field:
 * the field's unit line gives the range in percent.
 * @param {string} text @param {unknown} unit
 */
export function descriptionInPageUnits(text, unit) {
  if (!isShare(unit)) return text;
  return text.replace(/,\s*(?:each\s+)?-?\d+(?:\.\d+)?\.\.\d+(?:\.\d+)?(?:\s*\([^)]*\))?/g, '');
}
