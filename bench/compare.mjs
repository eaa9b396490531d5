// Helpers for comparing results and timed runs, shared by the benchmark
// scripts (bench/events.mjs, bench/compare-builds.mjs). No side effects on
// import.

/**
 * The first difference between two JSON-like values (path: a vs b), or null
 * when they are deep-equal: same keys, same array lengths, equal numbers
 * (NaN equals NaN), strings, booleans and nulls.
 */
export function firstDifference(a, b, p = '$') {
  const show = (v) => (v === undefined ? 'undefined' : JSON.stringify(v)?.slice(0, 120));
  if (typeof a === 'number' && typeof b === 'number') return a === b || (Number.isNaN(a) && Number.isNaN(b)) ? null : `${p}: ${a} vs ${b}`;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b ? null : `${p}: ${show(a)} vs ${show(b)}`;
  if (Array.isArray(a) !== Array.isArray(b)) return `${p}: ${show(a)} vs ${show(b)}`;
  if (Array.isArray(a)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) { const d = firstDifference(a[i], b[i], `${p}[${i}]`); if (d) return d; }
    return a.length === b.length ? null : `${p}.length: ${a.length} vs ${b.length}`;
  }
  for (const k of Object.keys(a)) {
    if (!Object.hasOwn(b, k)) return `${p}.${k}: ${show(a[k])} vs (missing)`;
    const d = firstDifference(a[k], b[k], `${p}.${k}`);
    if (d) return d;
  }
  for (const k of Object.keys(b)) if (!Object.hasOwn(a, k)) return `${p}.${k}: (missing) vs ${show(b[k])}`;
  return null;
}

/** The median of a list of numbers (the mean of the middle two for an even count). */
export const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
