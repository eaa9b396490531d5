// The retention models of cohorts.model: with "on or after" retention, the
// sBG model's fitted curve with its forecast band and the power law with a
// floor, drawn over the weighted mean curve, and their figures; with "on"
// retention, whether the mean curve smiles.
import { h, fmt, fmtPct } from '../lib/dom.js';
import { figureRow, verdictBadge } from '../lib/widgets.js';

/** @import { CohortModel, MeanCurvePoint, RetentionFit } from '../../pkg/web/market_validation.js' */

/**
 * The mean curve's series, with the fitted models over it on periods from 0
 * to the last forecast horizon when there is a fit.
 * @param {MeanCurvePoint[]} mean
 * @param {RetentionFit | undefined} fit
 * @returns {{ labels: string[], series: { name: string, values: (number|null)[], className: string, intervals?: ([number, number] | null)[] }[] }}
 */
export function meanSeries(mean, fit) {
  const sbg = fit?.sbg;
  const power = fit?.powerLaw;
  const last = Math.max(mean.length ? mean[mean.length - 1].offset : 0,
    sbg ? sbg.curve.length - 1 : 0, power ? power.curve.length - 1 : 0);
  const offsets = fit ? Array.from({ length: last + 1 }, (_, i) => i) : mean.map((m) => m.offset);
  const byOffset = new Map(mean.map((m) => [m.offset, m]));
  const series = [
    { name: 'weighted by cohort size', values: offsets.map((o) => byOffset.get(o)?.weighted ?? null),
      intervals: offsets.map((o) => byOffset.get(o)?.interval ?? null), className: 'mv-s1' },
    { name: 'simple mean of cohorts', values: offsets.map((o) => byOffset.get(o)?.simple ?? null), className: 'mv-s2 mv-dashed' },
  ];
  if (sbg) {
    series.push({ name: 'sBG fit and forecast', values: offsets.map((o) => sbg.curve[o]?.survival ?? null),
      intervals: offsets.map((o) => sbg.curve[o]?.interval ?? null), className: 'mv-s3' });
  }
  if (power) {
    series.push({ name: 'power law with a floor', values: offsets.map((o) => power.curve[o]?.survival ?? null), className: 'mv-s4 mv-dashed' });
  }
  return { labels: offsets.map(String), series };
}

/**
 * The models' figures and readings, or the smile for "on" retention.
 * @param {CohortModel | undefined} model
 * @param {string} word the period's name
 * @returns {(HTMLElement | null)[]}
 */
export function modelFigures(model, word) {
  if (!model) return [];
  if (model.curve === 'on') {
    const s = model.smile;
    return [s ? h('p', { class: 'mv-verdict-line', 'data-testid': 'retention-smile' },
      verdictBadge(s.smiling ? 'Smiling' : 'No smile', s.smiling ? 'good' : 'neutral'), ' ', h('span', { text: s.reading })) : null,
    h('p', { class: 'mv-note', text: 'Forecasts (the sBG model and a power law with a floor) need "on or after" retention: choose it under Activation, retention and features.' })];
  }
  const fit = model.mean;
  if (!fit) {
    const why = model.notes.filter((n) => !n.startsWith('sBG and power law fitted'));
    return [h('p', { class: 'mv-note', 'data-testid': 'retention-model-note',
      text: `No retention model of the mean curve: ${why.length ? why.join('; ') : 'too few complete periods'}.` })];
  }
  const range = (/** @type {[number, number]} */ i) => `${fmtPct(i[0])}–${fmtPct(i[1])}`;
  const sbg = fit.sbg;
  const power = fit.powerLaw;
  const level = `${fmt(fit.bootstrap.confidence * 100)}%`;
  return [
    figureRow([
      ...(sbg ? sbg.forecast.map((p) => ({ label: `sBG forecast, ${word} ${p.period}`, value: fmtPct(p.survival), sub: range(p.interval), testid: `forecast-${p.period}` })) : []),
      sbg?.halfLife != null ? { label: 'Half-life (sBG)', value: `${fmt(sbg.halfLife)} ${word}${sbg.halfLife === 1 ? '' : 's'}`,
        sub: sbg.halfLifeInterval ? `${fmt(sbg.halfLifeInterval[0])}–${fmt(sbg.halfLifeInterval[1])}` : undefined } : null,
      power ? { label: 'Long-run floor (power law)', value: fmtPct(power.floor), sub: range(power.floorInterval), testid: 'retention-floor' } : null,
      fit.betterFit ? { label: 'Better fit (AIC)', value: fit.betterFit === 'sbg' ? 'sBG' : 'power law', sub: `by ${fmt(Math.round((fit.aicDifference ?? 0) * 10) / 10)}`, testid: 'better-fit' } : null,
    ].filter((item) => item != null)),
    h('p', { class: 'mv-note', 'data-testid': 'retention-model-note',
      text: `sBG (Fader & Hardie 2007): each user churns with their own constant probability, spread as a Beta distribution; nobody returns and the curve tends to 0. Power law: a shape that levels off at a floor. Bands and intervals: ${level}, parametric bootstrap of ${fit.bootstrap.replicates} replicates (seed ${fit.bootstrap.seed}).` }),
    ...fit.notes.filter((n) => !n.startsWith('sBG and power law fitted')).map((n) => h('p', { class: 'mv-note', text: n })),
  ];
}
