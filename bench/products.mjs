// Seeded product data for the benchmarks: the package's sampleProduct() with
// its numbers perturbed within the ranges of the package's own JSON Schema
// (schema()), ~20% of groups left out, ~1% made invalid on purpose. Shared by
// bench/analyze.mjs (throughput) and bench/compare-builds.mjs (equivalence
// corpus, speed). The same seed gives the same products on every run; keep
// the draws in this order, or analyze.mjs's published figures stop being
// comparable.

import { prng } from './prng.mjs';

/** The groups at least one of which a product needs to be scored. */
const SCORABLE = ['usageMetrics', 'adoptionData', 'surveyData', 'marketResearch', 'competitiveData'];

/** Deliberate mistakes, one of which is planted in ~1% of the products. */
const MISTAKES = [
  (p) => { (p.usageMetrics ??= {}).retentionRate = 45; },            // a percentage for a fraction
  (p) => { (p.surveyData ??= {}).npsScore = 140; },                   // out of range
  (p) => { (p.adoptionData ??= {}).adoptionRate = 'high'; },          // a string
  (p) => { (p.marketResearch ??= {}).growthRate = Number.NaN; },      // NaN
  (p) => { (p.competitiveData ??= {}).marketPosition = 2.5; },        // not a whole number
];

/** The schema node at a path of property names (null when the schema has none). */
function rangeOf(schema, pathParts) {
  let node = schema;
  for (const p of pathParts) {
    if (node.properties && node.properties[p]) node = node.properties[p];
    else if (node.additionalProperties) node = node.additionalProperties;
    else return null;
  }
  return node;
}

/** A number moved at random within its schema node's minimum..maximum. */
function perturb(value, node, rand) {
  const lo = node && typeof node.minimum === 'number' ? node.minimum : -Infinity;
  const hi = node && typeof node.maximum === 'number' ? node.maximum : Infinity;
  const gauss = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  let v;
  if (Number.isFinite(hi) && hi - lo <= 1000) v = value + gauss * 0.12 * (hi - lo);   // bounded scale: shift
  else v = value * Math.exp(gauss * 0.5);                                                // count or size: scale
  v = Math.min(hi, Math.max(lo, v));
  const unit = node && node['x-unit'];
  if ((node && node.type === 'integer') || unit === 'count') v = Math.round(v);
  return v;
}

/** A copy of obj with every number perturbed (arrays copied as they are). */
function perturbTree(schema, obj, parts, rand) {
  if (Array.isArray(obj)) return obj.slice();
  const out = {};
  for (const [k, v] of Object.entries(obj)) {
    const p = [...parts, k];
    if (typeof v === 'number') out[k] = perturb(v, rangeOf(schema, p), rand);
    else if (v && typeof v === 'object') out[k] = perturbTree(schema, v, p, rand);
    else out[k] = v;
  }
  return out;
}

/**
 * n products from the loaded package module mv (its sampleProduct() and
 * schema()) and a seed: { products, invalid }, invalid being how many were
 * made invalid on purpose.
 */
export function makeProducts(mv, n, seed) {
  const sample = mv.sampleProduct();
  const schema = mv.schema();
  const groups = Object.keys(sample);
  const rand = prng(seed);
  const products = new Array(n);
  let invalid = 0;
  for (let i = 0; i < n; i++) {
    const p = perturbTree(schema, sample, [], rand);
    for (const g of groups) if (rand() < 0.2) delete p[g];
    if (!SCORABLE.some((g) => p[g])) p.surveyData = perturbTree(schema, sample.surveyData, ['surveyData'], rand);
    // Keep the cross-field rules the schema cannot express: DAU <= WAU <= MAU, power + casual <= total.
    const u = p.usageMetrics;
    if (u) { u.weeklyActiveUsers = Math.max(u.weeklyActiveUsers, u.dailyActiveUsers); u.monthlyActiveUsers = Math.max(u.monthlyActiveUsers, u.weeklyActiveUsers); }
    const a = p.adoptionData;
    if (a) a.totalUsers = Math.max(a.totalUsers, a.powerUsers + a.casualUsers);
    if (rand() < 0.01) { MISTAKES[Math.floor(rand() * MISTAKES.length)](p); invalid++; }
    products[i] = p;
  }
  return { products, invalid };
}
