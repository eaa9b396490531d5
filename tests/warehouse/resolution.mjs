// What analyzeEventAggregates gives at the resolution of the warehouse's
// tables, compared with analyzeEvents on the raw events: the sessions'
// median from whole minutes, the times to first use and to activation from
// whole days. Each function checks one field family, sets the aggregates'
// values to the exact ones when within resolution (so that a field-by-field
// comparison can follow), and returns the first difference beyond it, or
// null. Shared by tests/warehouse/engines.mjs and bench/warehouse.mjs.

/**
 * The sessions' median is read from a histogram of whole minutes: within a
 * minute of the exact one (then taken as equal); everything else exact.
 */
export function medianWithinAMinute(expected, analysis) {
  if (!expected.sessions || !analysis.sessions) return null;
  const gap = Math.abs(expected.sessions.medianMinutes - analysis.sessions.medianMinutes);
  if (!(gap < 1)) return `.sessions.medianMinutes: ${expected.sessions.medianMinutes} vs ${analysis.sessions.medianMinutes}`;
  analysis.sessions.medianMinutes = expected.sessions.medianMinutes;
  return null;
}

/**
 * Times to first use and to activation come from whole days since each
 * user's start: a median (and its interval's limits) within a day of the
 * exact one, and each day of the activation curve between the exact curve at
 * that day and at the next (a first use within day d counts by the end of
 * it), 0.02 either side; then taken as equal. The counts are exact.
 */
export function atDayResolution(expected, analysis) {
  const close = (a, b) => (a === undefined && b === undefined) || Math.abs(a - b) <= 1;
  const times = (e, a, at) => {
    for (const k of ['medianDays', 'medianLow', 'medianHigh']) {
      if (!close(e[k], a[k])) return `${at}.${k}: ${e[k]} vs ${a[k]}`;
      if (e[k] === undefined) delete a[k]; else a[k] = e[k];
    }
    return null;
  };
  for (const [i, f] of (expected.features ?? []).entries()) {
    const g = analysis.features?.[i];
    if (!g || g.name !== f.name) return `.features[${i}]: ${f.name} vs ${g?.name}`;
    const d = times(f.timeToFirstUse, g.timeToFirstUse, `.features[${i}].timeToFirstUse`);
    if (d) return d;
  }
  const [e, a] = [expected.activation, analysis.activation];
  if (e && a) {
    const d = times(e.timeToActivation, a.timeToActivation, '.activation.timeToActivation');
    if (d) return d;
    if (e.curve.length !== a.curve.length) return `.activation.curve: ${e.curve.length} days vs ${a.curve.length}`;
    for (const [day, p] of e.curve.entries()) {
      const next = e.curve[Math.min(day + 1, e.curve.length - 1)].activated;
      const got = a.curve[day].activated;
      if (!(got >= p.activated - 0.02 && got <= next + 0.02)) return `.activation.curve[${day}].activated: ${got} not within ${p.activated} to ${next}`;
      a.curve[day] = p;
    }
    if (analysis.adoptionData.timeToAdoption !== undefined) analysis.adoptionData.timeToAdoption = a.timeToActivation.medianDays;
  }
  return null;
}
