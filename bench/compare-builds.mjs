#!/usr/bin/env node
// Old build against new build, in one process: the same outputs, byte for
// byte, and no slowdown beyond noise. For restructurings that must not change
// behaviour (moving modules, splitting functions).
//
//   node bench/compare-builds.mjs --old DIR --new DIR [--runs 5] [--quick] [--seed S] [--skip-speed]
//                                 [--ignore-added KEY,KEY]
//
// Each DIR is a built pkg/ directory (bash scripts/build.sh): DIR/node/
// market_validation.js is required (it loads DIR/web/market_validation_bg.wasm);
// the two are separate module instances with their own wasm memory, even when
// both DIRs are the same. bench/compare-builds.sh builds an old revision in a
// git worktree and the current tree, and runs this script on both.
//
// 1. Equivalence: one seeded corpus through every export of both builds
//    (the sample, the golden inputs, generated products under every preset
//    and option variations; survey CSVs and arrays; event arrays and CSVs;
//    launch plans; invalid inputs and options for each). Each outcome (the
//    result, or a throw's name, message, subject and problems) is serialised
//    keeping what plain JSON blurs (NaN, Infinity, -0, undefined, Map, typed
//    arrays) and must be equal byte for byte; every mismatch is printed with
//    its export, case, first differing byte and JSON path. Exit code 1 if any.
// 2. Speed, old and new interleaved (old, new in even runs, new, old in odd
//    ones), a gc() before each measure: medians over --runs (default 5), the
//    ratio new/old, the ratio of each side's best run (the steadiest figure
//    on a shared machine) and each side's range: "noise" when the ranges
//    overlap, SLOWER or faster when every new run is beyond every old one.
//    analyze() latency, analyzeMany throughput, analyzeSurvey, analyzeEvents,
//    analyzeEventsCsv on files of 100k-1M rows or events, checkLaunch
//    latency. --quick shrinks sizes and corpus for a smoke run; --skip-speed
//    leaves this part out.
// 3. Size: each build's .wasm, raw and gzip -9, and new/old.
// The last line starts with "summary:" (bench/compare-builds.sh reads it).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { prng } from './prng.mjs';
import { table } from './table.mjs';
import { generate as writeSurveyCsv, COLUMNS as SURVEY_COLUMNS } from './gen-survey-csv.mjs';
import { generateEvents, writeEventsCsv, DAY_MS, END_DAY } from './events-data.mjs';
import { firstDifference, median } from './compare.mjs';
import { makeProducts } from './products.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

// ------------------------------------------------------------ arguments

const USAGE = 'usage: node bench/compare-builds.mjs --old DIR --new DIR [--runs 5] [--quick] [--seed S] [--skip-speed] [--ignore-added KEY,KEY]';
function parseArgs(argv) {
  const o = { runs: 5, quick: false, seed: 20240601, skipSpeed: false, old: null, new: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${a} needs a value`);
      return argv[++i];
    };
    const whole = (min) => {
      const v = Number(value());
      if (!Number.isInteger(v) || v < min) fail(`${a} needs a whole number >= ${min}`);
      return v;
    };
    if (a === '--old' || a === '--new') o[a.slice(2)] = path.resolve(value());
    else if (a === '--runs') o.runs = whole(1);
    else if (a === '--seed') o.seed = whole(0);
    else if (a === '--quick') o.quick = true;
    else if (a === '--skip-speed') o.skipSpeed = true;
    // Fields a change adds on purpose (e.g. `file,warnings`): dropped from the new output
    // wherever the old output has no such field, so that everything else is still compared.
    else if (a === '--ignore-added') o.ignoreAdded = new Set(value().split(',').filter(Boolean));
    else if (a === '-h' || a === '--help') { console.log(USAGE); process.exit(0); }
    else fail(`unknown argument ${a}`);
  }
  if (!o.old || !o.new) fail('--old and --new are required');
  return o;
}
function fail(message) {
  console.error(`bench/compare-builds.mjs: ${message}\n${USAGE}`);
  process.exit(2);
}
const ARGS = parseArgs(process.argv.slice(2));
const Q = ARGS.quick;

// ------------------------------------------------------------ helpers

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
const fmtInt = (n) => Math.round(n).toLocaleString('en-US');
const elapsedNs = (t0) => Number(process.hrtime.bigint() - t0);
const isoDay = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'compare-builds-'));
process.on('exit', () => fs.rmSync(TMP, { recursive: true, force: true }));

/** A build: its CommonJS entry required afresh (its own wasm instance). */
function loadBuild(label, dir) {
  const entry = path.join(dir, 'node', 'market_validation.js');
  const wasm = path.join(dir, 'web', 'market_validation_bg.wasm');
  for (const f of [entry, wasm]) if (!fs.existsSync(f)) fail(`${label}: ${f} is missing (is ${dir} a built pkg/?)`);
  delete require.cache[entry];
  const mv = require(entry);
  delete require.cache[entry];
  return { label, dir, wasm, mv };
}
const OLD = loadBuild('old', ARGS.old);
const NEW = loadBuild('new', ARGS.new);

// ------------------------------------------------------------ equivalence harness

/** JSON.stringify, keeping apart what plain JSON would make equal. */
function canonical(value) {
  return JSON.stringify(value, (key, v) => {
    if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0) ? v : `#number:${Object.is(v, -0) ? '-0' : v}`;
    if (v === undefined) return '#undefined';
    if (typeof v === 'bigint') return `#bigint:${v}`;
    if (typeof v === 'function') return `#function:${v.name}`;
    if (v instanceof Map) return { '#Map': [...v] };
    if (ArrayBuffer.isView(v)) return { [`#${v.constructor.name}`]: Array.from(v) };
    return v;
  });
}
/** The outcome of one call: { result } or { threw: { name, message, subject, problems } }. */
function outcome(mv, fn, args) {
  try {
    return { result: mv[fn](...args) };
  } catch (e) {
    return { threw: { name: e?.name, message: e?.message ?? String(e), subject: e?.subject, problems: e?.problems } };
  }
}

const casesPer = new Map();
const mismatches = [];
/**
 * The new output without the fields of --ignore-added that the old output lacks at the same place.
 * @param {unknown} old @param {unknown} now
 */
function withoutAdded(old, now) {
  if (!ARGS.ignoreAdded || now === null || typeof now !== 'object') return now;
  if (Array.isArray(now)) return now.map((v, i) => withoutAdded(Array.isArray(old) ? old[i] : undefined, v));
  const before = old !== null && typeof old === 'object' ? old : {};
  return Object.fromEntries(Object.entries(now)
    .filter(([k]) => !(ARGS.ignoreAdded.has(k) && !(k in before)))
    .map(([k, v]) => [k, withoutAdded(before[k], v)]));
}
/** Runs fn(...args) on both builds (each on its own copy of args) and compares. */
function compare(fn, name, ...args) {
  const a = canonical(outcome(OLD.mv, fn, structuredClone(args)));
  const b = canonical(withoutAdded(JSON.parse(a), JSON.parse(canonical(outcome(NEW.mv, fn, structuredClone(args))))));
  const c = casesPer.get(fn) ?? { n: 0, bad: 0, threw: 0 };
  c.n++;
  if (a.startsWith('{"threw"')) c.threw++;
  if (a !== b) {
    c.bad++;
    mismatches.push({ fn, name, a, b });
  }
  casesPer.set(fn, c);
}
function describeMismatch({ fn, name, a, b }) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 70);
  const show = (s) => `${from > 0 ? '…' : ''}${s.slice(from, i + 70)}${s.length > i + 70 ? '…' : ''}`;
  const where = firstDifference(JSON.parse(a), JSON.parse(b));
  return [
    `MISMATCH ${fn} [${name}]: first difference at byte ${i} of ${a.length} (old) / ${b.length} (new)`,
    `  path: ${where}`,
    `  old: ${show(a)}`,
    `  new: ${show(b)}`,
  ].join('\n');
}

// ------------------------------------------------------------ corpus: products

const SAMPLE = OLD.mv.sampleProduct();
const PRESETS = OLD.mv.presets();
const PRESET_IDS = PRESETS.map((p) => p.id);
const METRICS = PRESETS[0].metrics.map((m) => m.id);

// Deliberate mistakes: each makes the product invalid (or tests a hint).
const INVALID = [
  (p) => { (p.usageMetrics ??= {}).retentionRate = 62; },
  (p) => { (p.surveyData ??= {}).npsScore = -130; },
  (p) => { (p.adoptionData ??= {}).adoptionRate = '0.4'; },
  (p) => { (p.marketResearch ??= {}).growthRate = Infinity; },
  (p) => { (p.competitiveData ??= {}).marketPosition = 0; },
  (p) => { (p.surveyData ??= {}).satisfactionScore = 9; },
  (p) => { p.usageMetrics = [1, 2]; },
  (p) => { (p.unitEconomics ??= {}).grossMargin = -0.5; },
];
// Extras that are valid but take other paths (warnings, suggestions, counts).
const EXTRAS = [
  (p) => { (p.usageMetrics ??= {}).retentionRat = 0.5; },
  (p) => { (p.usageMetrics ??= {}).retentionHorizonMonths = 3; },
  (p) => { (p.surveyData ??= {}).npsResponses = { promoters: 50, passives: 30, detractors: 20 }; },
  (p) => { (p.surveyData ??= {}).csatShare = 0.73; },
  (p) => { (p.competitiveData ??= {}).competitiveBenchmarks = { npsScore: 35, noSuchMetric: 3 }; },
  (p) => { p.userMetrics = { dailyActiveUsers: 10 }; },
  (p) => { (p.marketResearch ??= {}).customerSegmentation = { a: 0.5, b: 0.2 }; },
  (p) => { (p.adoptionData ??= {}).featureAdoptionRates = {}; },
];

/**
 * n products: bench/products.mjs's (the sample's numbers moved within the
 * schema's ranges, ~20% of groups dropped, ~1% with a planted mistake), then,
 * from a second seeded stream, one of EXTRAS in ~15% of them and one of
 * INVALID in ~6%.
 */
function generateProducts(n, seed) {
  const { products } = makeProducts(OLD.mv, n, seed);
  const rand = prng(seed + 101);
  for (const p of products) {
    if (rand() < 0.15) EXTRAS[Math.floor(rand() * EXTRAS.length)](p);
    if (rand() < 0.06) INVALID[Math.floor(rand() * INVALID.length)](p);
  }
  return products;
}

/** A metric's benchmark bands in a preset, each moved by delta: { average?, good?, great? }. */
function bands(presetId, metric, delta = 0) {
  const m = PRESETS.find((p) => p.id === presetId).metrics.find((x) => x.id === metric);
  return Object.fromEntries(m.points.filter((pt) => pt.label !== 'scale end' && pt.label !== 'parity').map((pt) => [pt.label, pt.value + delta]));
}
const [m0, m1, m2] = [METRICS[0], METRICS[7], METRICS[12]];
const OPTION_VARIANTS = [
  ['weights', { weights: { usage: 2, survey: 0.5 } }],
  ['weights, zeros', { weights: { market: 0, competitive: 0 } }],
  ['metricWeights', { metricWeights: { [m0]: 3, [m1]: 0 } }],
  ['benchmarks', { benchmarks: { dauMauRatio: bands('b2b-saas', 'dauMauRatio', 0.03), npsScore: bands('b2b-saas', 'npsScore', -5) } }],
  ['benchmarks, one band', { benchmarks: { adoptionRate: { average: 0.5 }, cacPaybackMonths: { good: 10 } } }],
  ['confidenceLevel 0.8', { confidenceLevel: 0.8 }],
  ['confidenceLevel 0.999', { confidenceLevel: 0.999 }],
  ['all together', { preset: 'enterprise-saas', weights: { adoption: 3 }, metricWeights: { [m2]: 2 },
    benchmarks: { cacPaybackMonths: bands('enterprise-saas', 'cacPaybackMonths', 4) }, confidenceLevel: 0.9 }],
];
const INVALID_OPTIONS = [
  ['unknown preset', { preset: 'b2b-sas' }],
  ['confidenceLevel 2', { confidenceLevel: 2 }],
  ['negative weight', { weights: { usage: -1 } }],
  ['unknown dimension', { weights: { usag: 1 } }],
  ['unknown metric weight', { metricWeights: { retentionRte: 1 } }],
  ['bands out of order', { benchmarks: { dauMauRatio: { good: 0.5, great: 0.25 } } }],
  ['band not a number', { benchmarks: { npsScore: { average: 'x' } } }],
  ['band the preset lacks', { benchmarks: { npsScore: { good: 30 } } }],
  ['band out of range', { benchmarks: { dauMauRatio: { average: 3 } } }],
  ['unknown option', { presets: 'b2b-saas' }],
  ['options a string', 'b2b-saas'],
  ['all weights zero', { weights: { usage: 0, adoption: 0, survey: 0, market: 0, competitive: 0 } }],
];
const BAD_PRODUCTS = [
  ['null', null], ['undefined', undefined], ['number', 42], ['string', 'product'], ['array', []], ['empty', {}],
  ['group a number', { usageMetrics: 5 }], ['unknown group', { usageMetric: { retentionRate: 0.5 } }],
  ['only unscored', { unitEconomics: { grossMargin: 0.8 } }],
  ['many problems', { usageMetrics: { retentionRate: 45, dailyActiveUsers: -1 }, surveyData: { npsScore: 140, feedbackVolume: 1.5 } }],
  ['long trend list', { surveyData: { npsScore: 10 }, marketResearch: { marketTrends: Array.from({ length: 1001 }, (_, i) => `t${i}`) } }],
];

function productCorpus() {
  compare('analyze', 'sample', SAMPLE);
  compare('analyze', 'sample, null options', SAMPLE, null);
  compare('analyze', 'sample, {} options', SAMPLE, {});
  compare('validate', 'sample', SAMPLE);
  const golden = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'golden_inputs.json'), 'utf8'));
  for (const g of golden) {
    const product = g.product === 'sample' ? SAMPLE : g.product;
    compare('analyze', `golden: ${g.name}`, product, g.options);
    compare('validate', `golden: ${g.name}`, product);
  }
  for (const [name, p] of BAD_PRODUCTS) {
    compare('analyze', `bad input: ${name}`, p);
    compare('validate', `bad input: ${name}`, p);
  }
  for (const [name, o] of [...OPTION_VARIANTS, ...INVALID_OPTIONS]) compare('analyze', `sample, options: ${name}`, SAMPLE, o);
  const products = generateProducts(Q ? 60 : 300, ARGS.seed);
  products.forEach((p, i) => {
    compare('validate', `product ${i}`, p);
    for (const preset of PRESET_IDS) compare('analyze', `product ${i}, ${preset}`, p, { preset });
    for (let k = 0; k < 2; k++) {
      const [name, o] = OPTION_VARIANTS[(2 * i + k) % OPTION_VARIANTS.length];
      compare('analyze', `product ${i}, options: ${name}`, p, o);
    }
    if (i % 10 === 0) {
      const [name, o] = INVALID_OPTIONS[(i / 10) % INVALID_OPTIONS.length];
      compare('analyze', `product ${i}, invalid options: ${name}`, p, o);
    }
  });
  const batch = Q ? 20 : 100;
  compare('analyzeMany', `products 0..${batch}`, products.slice(0, batch));
  compare('analyzeMany', `products ${batch}..${2 * batch}, consumer-social`, products.slice(batch, 2 * batch), { preset: 'consumer-social' });
  compare('analyzeMany', 'products 0..10, all options', products.slice(0, 10), OPTION_VARIANTS[OPTION_VARIANTS.length - 1][1]);
  compare('analyzeMany', 'products 0..5, invalid options', products.slice(0, 5), { preset: 'nope' });
  compare('analyzeMany', 'bad inputs in a batch', BAD_PRODUCTS.map(([, p]) => p));
  compare('analyzeMany', 'empty', []);
  compare('analyzeMany', 'not an array', SAMPLE);
  return products;
}

// ------------------------------------------------------------ corpus: surveys

/** A CSV from bench/gen-survey-csv.mjs, read back as text. */
function surveyCsv(rows, seed) {
  const out = path.join(TMP, `survey-${rows}-${seed}.csv`);
  writeSurveyCsv({ rows, seed, out });
  return fs.readFileSync(out, 'utf8');
}
/** Commas outside quotes -> `;`. */
function semicolons(csv) {
  let quoted = false;
  let s = '';
  for (const ch of csv) {
    if (ch === '"') quoted = !quoted;
    s += ch === ',' && !quoted ? ';' : ch;
  }
  return s;
}
/** Blank lines, short rows and long rows inserted between records (CRLF record ends). */
function ragged(csv, rand) {
  const recs = csv.split('\r\n');
  const out = [recs[0]];
  for (const r of recs.slice(1)) {
    const u = rand();
    if (u < 0.05) out.push('');
    else if (u < 0.08) out.push('   ');
    else if (u < 0.11 && !r.includes('"')) out.push(r.split(',').slice(0, 3).join(','));
    else if (u < 0.14) out.push(`${r},extra,"cells"`);
    else if (u < 0.15) out.push(',,,,,,,');
    out.push(r);
  }
  return out.join('\r\n');
}
const PMF_ANSWERS = ['Very disappointed', 'somewhat disappointed', 'NOT DISAPPOINTED', 'N/A, I no longer use it', ' very disappointed ', 'meh', '', null];
const CSAT_ANSWERS = [1, 2, 3, 4, 5, '4 - Satisfied', 'Very satisfied', 'Neutral', 6, '', null];
const NPS_ANSWERS = [0, 3, 6, 7, 8, 9, 10, '9 - Very likely', '10', 11, -1, 'x', '', null, 7.5];
function surveyArrays(n, rand) {
  const any = (xs) => xs[Math.floor(rand() * xs.length)];
  return {
    nps: Array.from({ length: n }, () => any(NPS_ANSWERS)),
    pmf: Array.from({ length: n }, () => any(PMF_ANSWERS)),
    csat: Array.from({ length: n }, () => any(CSAT_ANSWERS)),
    segment: Array.from({ length: n }, () => any(['Founder', 'Engineer', 'PM', 7, null, ''])),
    features: { Search: Array.from({ length: n }, () => any([1, 2, 3, 4, 5, null, '5', 0])), Charts: Array.from({ length: n }, () => any([3, 4, 5, null])) },
  };
}
const SURVEY_OPTIONS = [
  ['columns named', { columns: { nps: SURVEY_COLUMNS.nps, pmf: SURVEY_COLUMNS.pmf, csat: SURVEY_COLUMNS.csat, segment: SURVEY_COLUMNS.segment, features: SURVEY_COLUMNS.features } }],
  ['wald, 90%', { npsMethod: 'wald', confidenceLevel: 0.9 }],
  ['pmfBar, npsMargin, big minSegmentSize', { pmfBar: 0.3, npsMargin: 2, minSegmentSize: 1000 }],
  ['minSegmentSize 1', { minSegmentSize: 1 }],
  ['segment only', { columns: { segment: SURVEY_COLUMNS.segment } }],
];
const SURVEY_BAD_OPTIONS = [
  ['confidenceLevel 5', { confidenceLevel: 5 }], ['npsMethod', { npsMethod: 'exact' }], ['pmfBar 1', { pmfBar: 1 }],
  ['delimiter', { delimiter: '::' }], ['unknown column', { columns: { nps: 'No such question' } }],
  ['minSegmentSize 0', { minSegmentSize: 0 }], ['npsMargin 0', { npsMargin: 0 }], ['unknown option', { delimeter: ';' }],
];

function surveyCorpus(seed) {
  const rand = prng(seed + 1);
  const sizes = Q ? [40, 600] : [40, 600, 5000, 30000];
  const csvs = sizes.map((n, k) => [n, surveyCsv(n, seed + k)]);
  for (const [n, csv] of csvs) {
    compare('analyzeSurvey', `csv ${n} rows, text`, csv);
    compare('analyzeSurvey', `csv ${n} rows, bytes`, new Uint8Array(Buffer.from(csv)));
    compare('analyzeSurvey', `csv ${n} rows, ';'`, semicolons(csv));
    compare('analyzeSurvey', `csv ${n} rows, ';' named`, semicolons(csv), { delimiter: ';' });
    compare('analyzeSurvey', `csv ${n} rows, blank and ragged rows`, ragged(csv, rand));
    compare('analyzeSurvey', `csv ${n} rows, LF`, csv.replace(/\r\n/g, '\n'));
    for (const [name, o] of SURVEY_OPTIONS) compare('analyzeSurvey', `csv ${n} rows, ${name}`, csv, o);
  }
  const small = csvs[1][1];
  compare('analyzeSurvey', 'csv with BOM', `\uFEFF${small}`);
  compare('analyzeSurvey', 'csv as an ArrayBuffer', new Uint8Array(Buffer.from(small)).buffer);
  compare('analyzeSurvey', 'csv, header only', small.split('\r\n')[0]);
  compare('analyzeSurvey', 'csv, no recognisable columns', 'a,b\r\n1,2\r\n');
  compare('analyzeSurvey', 'csv, unterminated quote', `${small.slice(0, 2000)}\r\n"never closed,1,2`);
  for (const [name, o] of SURVEY_BAD_OPTIONS) compare('analyzeSurvey', `csv, invalid options: ${name}`, small, o);
  const arrays = (Q ? [30, 400] : [30, 400, 4000]).map((n) => [n, surveyArrays(n, rand)]);
  for (const [n, a] of arrays) {
    compare('analyzeSurvey', `arrays ${n}`, a);
    compare('analyzeSurvey', `arrays ${n}, nps only`, { nps: a.nps });
    compare('analyzeSurvey', `arrays ${n}, pmf and segment`, { pmf: a.pmf, segment: a.segment });
    for (const [name, o] of SURVEY_OPTIONS.slice(1)) compare('analyzeSurvey', `arrays ${n}, ${name}`, a, o);
  }
  const a0 = arrays[1][1];
  for (const [name, input] of [
    ['number', 5], ['null', null], ['empty string', ''], ['empty object', {}], ['nps not an array', { nps: 'x' }],
    ['lengths differ', { nps: a0.nps, pmf: a0.pmf.slice(1) }], ['features not arrays', { features: { a: 3 } }],
  ]) compare('analyzeSurvey', `bad input: ${name}`, input);
  for (const [name, o] of SURVEY_BAD_OPTIONS.slice(0, 4)) compare('analyzeSurvey', `arrays, invalid options: ${name}`, a0, o);

  compare('compareSurveys', 'csv small vs csv medium', csvs[0][1], csvs[1][1]);
  compare('compareSurveys', 'csv vs itself', csvs[1][1], csvs[1][1]);
  compare('compareSurveys', 'csv vs arrays', csvs[1][1], a0);
  compare('compareSurveys', 'arrays vs arrays', arrays[0][1], a0);
  compare('compareSurveys', 'csv vs csv, 90% wald', csvs[0][1], csvs[1][1], { confidenceLevel: 0.9, npsMethod: 'wald' });
  if (csvs.length > 2) compare('compareSurveys', 'csv large vs csv larger, columns', csvs[2][1], csvs[3][1], SURVEY_OPTIONS[0][1]);
  compare('compareSurveys', 'nps only vs pmf only', { nps: a0.nps }, { pmf: a0.pmf });
  compare('compareSurveys', 'invalid options', csvs[0][1], csvs[1][1], { pmfBar: 2 });
  compare('compareSurveys', 'bad before', 5, csvs[0][1]);
  compare('compareSurveys', 'bad after', csvs[0][1], null);
  compare('compareSurveys', 'no after', csvs[0][1]);
}

// ------------------------------------------------------------ corpus: events

const EVENT_OPTIONS = [
  ['default', undefined],
  ['day cohorts', { cohortPeriod: 'day' }],
  ['month cohorts', { cohortPeriod: 'month' }],
  ['24h windows', { window: '24h' }],
  ['day cohorts, 24h', { cohortPeriod: 'day', window: '24h' }],
  ['month cohorts, 24h', { cohortPeriod: 'month', window: '24h' }],
  ['sunday weeks', { weekStart: 'sunday' }],
  ['UTC+5:30', { utcOffsetMinutes: 330 }],
  ['UTC-5, sunday, month', { utcOffsetMinutes: -300, weekStart: 'sunday', cohortPeriod: 'month' }],
  ['UTC+14, 24h', { utcOffsetMinutes: 840, window: '24h' }],
  ['asOf mid-window', { asOf: isoDay(END_DAY - 40) }],
  ['asOf after the data', { asOf: isoDay(END_DAY + 20) }],
  ['asOf before the data', { asOf: '2020-01-01' }],
  ['powerUserDays 1', { powerUserDays: 1 }],
  ['powerUserDays 28, week, 24h, asOf', { powerUserDays: 28, window: '24h', asOf: isoDay(END_DAY - 3) }],
];
const EVENT_BAD_OPTIONS = [
  ['cohortPeriod year', { cohortPeriod: 'year' }], ['utcOffsetMinutes 7', { utcOffsetMinutes: 7 }],
  ['utcOffsetMinutes 900', { utcOffsetMinutes: 900 }], ['powerUserDays 0', { powerUserDays: 0 }],
  ['powerUserDays 29', { powerUserDays: 29 }], ['asOf month 13', { asOf: '2026-13-01' }],
  ['asOf +202', { asOf: '+202-01-01' }], ['weekStart tuesday', { weekStart: 'tuesday' }],
  ['window 48h', { window: '48h' }], ['unknown option', { cohortPeriods: 'day' }], ['options a number', 3],
];

/** Signups for some users: before (or, for a few, after) their first event, a few duplicated, some without events. */
function makeSignups(ids, times, rand) {
  const first = new Map();
  for (let i = 0; i < ids.length; i++) if (!(times[i] >= first.get(ids[i]))) first.set(ids[i], times[i]);
  const sIds = [];
  const sTimes = [];
  for (const [id, t] of first) {
    const u = rand();
    if (u < 0.2) continue;
    sIds.push(id);
    sTimes.push(u < 0.25 ? t + 3 * DAY_MS : t - Math.floor(rand() * 20 * DAY_MS));
    if (u > 0.98) { sIds.push(id); sTimes.push(t - DAY_MS); }
  }
  for (let k = 0; k < 5; k++) { sIds.push(4_000_000_000 + k); sTimes.push((END_DAY - 10) * DAY_MS); }
  sIds.push(sIds[0]); sTimes.push((END_DAY - 400) * DAY_MS);
  return { userIds: Uint32Array.from(sIds), timestamps: Float64Array.from(sTimes) };
}
const strIds = (ids) => Array.from(ids, (id) => `user-${id.toString(36)}`);

function eventsCorpus(seed) {
  const rand = prng(seed + 2);
  const sets = [
    ['2k events, 60 days', { events: 2000, users: 300, days: 60, seed }],
    ['30k events, 180 days', { events: Q ? 8000 : 30000, users: Q ? 800 : 3000, days: 180, seed: seed + 1 }],
    ['10k events, dense ids, 400 days', { events: 10000, users: 700, days: 400, seed: seed + 2, denseIds: true }],
  ];
  for (const [label, o] of sets) {
    const { userIds, timestamps } = generateEvents(o);
    const signups = makeSignups(userIds, timestamps, rand);
    const forms = [
      ['typed', userIds, timestamps],
      ['plain arrays', Array.from(userIds), Array.from(timestamps)],
      ['string ids', strIds(userIds), timestamps],
    ];
    for (const [form, ids, ts] of forms) {
      for (const [name, opts] of EVENT_OPTIONS) {
        if (form !== 'typed' && !/default|month|asOf mid/.test(name)) continue;
        compare('analyzeEvents', `${label}, ${form}, ${name}`, ids, ts, opts);
      }
    }
    for (const [name, opts] of EVENT_OPTIONS.filter((_, k) => k % 3 === 0)) {
      compare('analyzeEvents', `${label}, typed, signups, ${name}`, userIds, timestamps, opts, signups);
    }
    compare('analyzeEvents', `${label}, string ids, signups`, strIds(userIds), timestamps, { cohortPeriod: 'day' },
      { userIds: strIds(signups.userIds), timestamps: Array.from(signups.timestamps) });
  }
  const { userIds, timestamps } = generateEvents({ events: 500, users: 80, days: 30, seed: seed + 3 });
  for (const [name, opts] of EVENT_BAD_OPTIONS) compare('analyzeEvents', `invalid options: ${name}`, userIds, timestamps, opts);
  const bent = (f) => { const t = Float64Array.from(timestamps); f(t); return t; };
  const badInputs = [
    ['lengths differ', userIds, timestamps.subarray(1)],
    ['NaN timestamp', userIds, bent((t) => { t[7] = NaN; })],
    ['negative timestamp', userIds, bent((t) => { t[3] = -5; })],
    ['year 2200', userIds, bent((t) => { t[9] = Date.UTC(2200, 0, 1); })],
    ['fractional id', [1.5, 2], [timestamps[0], timestamps[1]]],
    ['negative id', [-1, 2], [timestamps[0], timestamps[1]]],
    ['mixed id types', [1, 'b'], [timestamps[0], timestamps[1]]],
    ['ids not an array', 'abc', timestamps.subarray(0, 3)],
    ['timestamps as strings', [1, 2], ['2026-01-01', '2026-01-02']],
    ['empty', new Uint32Array(0), new Float64Array(0)],
    ['one event', [7], [timestamps[0]]],
    ['null ids', null, timestamps],
  ];
  for (const [name, ids, ts] of badInputs) compare('analyzeEvents', `bad input: ${name}`, ids, ts);
  compare('analyzeEvents', 'bad signups: lengths differ', userIds, timestamps, undefined, { userIds: [1, 2], timestamps: [0] });
  compare('analyzeEvents', 'bad signups: no timestamps', userIds, timestamps, undefined, { userIds: [1, 2] });
  compare('analyzeEvents', 'bad signups: a number', userIds, timestamps, undefined, 5);
  compare('analyzeEvents', 'signups with string ids against number ids', userIds, timestamps, undefined, { userIds: ['a'], timestamps: [timestamps[0]] });
}

/** The CSV of bench/events-data.mjs (user_id,ISO time) for these arrays, as text. */
function eventsCsvText(ev, name) {
  const file = path.join(TMP, `${name}.csv`);
  writeEventsCsv(file, ev);
  return fs.readFileSync(file, 'utf8');
}
/** Rewrites each data row `id,time` with f(id, ms, i) -> the new row (or rows). */
function mapRows(csv, header, f) {
  const lines = csv.split('\n');
  const out = [header];
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i]) continue;
    const comma = lines[i].indexOf(',');
    out.push(f(lines[i].slice(0, comma), Date.parse(lines[i].slice(comma + 1)), i));
  }
  return `${out.join('\n')}\n`;
}

function eventsCsvCorpus(seed) {
  const rand = prng(seed + 3);
  const ev = generateEvents({ events: Q ? 3000 : 20000, users: Q ? 300 : 2000, days: 120, seed: seed + 4 });
  const iso = eventsCsvText(ev, 'events');
  const signupOf = new Map();
  const variants = [
    ['ISO', iso],
    ['epoch ms', mapRows(iso, 'user_id,timestamp', (id, ms) => `${id},${ms}`)],
    ['epoch seconds', mapRows(iso, 'user_id,timestamp', (id, ms) => `${id},${Math.floor(ms / 1000)}`)],
    ['epoch seconds, fractions', mapRows(iso, 'user_id,timestamp', (id, ms) => `${id},${ms / 1000}`)],
    ['distinct_id;time, CRLF', mapRows(iso, 'distinct_id;time', (id, ms) => `${id};${new Date(ms).toISOString()}`).replace(/\n/g, '\r\n')],
    ['bad rows', mapRows(iso, 'user_id,timestamp', (id, ms, i) => {
      const u = rand();
      if (u < 0.02) return `${id},not a time`;
      if (u < 0.03) return `${id}`;
      if (u < 0.04) return `,${ms}`;
      if (u < 0.05) return `${id},${new Date(ms).toISOString()}\n`;
      if (u < 0.055) return `${id},2026-02-30T00:00:00Z`;
      if (u < 0.06) return `${id},${ms},extra`;
      return i % 2 ? `${id},${new Date(ms).toISOString()}` : `${id},${ms}`;
    })],
  ];
  const withSignup = mapRows(iso, 'user_id,timestamp,signed_up_at', (id, ms) => {
    if (!signupOf.has(id)) signupOf.set(id, rand() < 0.15 ? '' : new Date(ms - Math.floor(rand() * 9 * DAY_MS)).toISOString());
    return `${id},${ms},${signupOf.get(id)}`;
  });
  for (const [name, text] of variants) {
    compare('analyzeEventsCsv', `${name}, text`, text);
    compare('analyzeEventsCsv', `${name}, bytes`, new Uint8Array(Buffer.from(text)));
  }
  for (const [name, opts] of EVENT_OPTIONS.slice(1)) compare('analyzeEventsCsv', `ISO, ${name}`, iso, opts);
  compare('analyzeEventsCsv', 'signup column', withSignup, { columns: { signup: 'signed_up_at' } });
  compare('analyzeEventsCsv', 'signup column, day cohorts, 24h', withSignup, { columns: { signup: 'signed_up_at' }, cohortPeriod: 'day', window: '24h' });
  compare('analyzeEventsCsv', 'signup column not named', withSignup);
  compare('analyzeEventsCsv', 'columns named', variants[4][1], { columns: { user: 'distinct_id', time: 'time' }, delimiter: ';' });
  compare('analyzeEventsCsv', 'with BOM', `\uFEFF${iso.slice(0, 5000)}`);
  for (const [name, opts] of [
    ['unknown user column', { columns: { user: 'nope' } }], ['unknown signup column', { columns: { signup: 'nope' } }],
    ['delimiter', { delimiter: '::' }], ...EVENT_BAD_OPTIONS.slice(0, 4),
  ]) compare('analyzeEventsCsv', `invalid options: ${name}`, iso, opts);
  for (const [name, input] of [
    ['number', 42], ['empty', ''], ['header only', 'user_id,timestamp\n'], ['no known headers', 'a,b\n1,2\n'], ['null', null],
  ]) compare('analyzeEventsCsv', `bad input: ${name}`, input);
}

// ------------------------------------------------------------ corpus: launch plans

const LAUNCH_SAMPLE = OLD.mv.sampleLaunchPlan();
/** A copy of the sample plan changed by f. */
function plan(f) {
  const p = structuredClone(LAUNCH_SAMPLE.plan);
  f(p);
  return p;
}
const LAUNCH_CASES = [
  ['no milestones, no dependencies', plan((p) => { delete p.milestones; delete p.dependencies; })],
  ['empty milestones', plan((p) => { p.milestones = []; delete p.dependencies; })],
  ['no milestones, dependencies kept', plan((p) => { delete p.milestones; })],
  ['offsets moved', plan((p) => { p.milestones.forEach((m, i) => { m.offsetDays = (m.offsetDays ?? 0) - 3 * i; }); })],
  ['dates instead of offsets', plan((p) => { p.milestones.forEach((m, i) => { delete m.offsetDays; m.date = `2027-0${1 + (i % 3)}-1${i}`; }); })],
  ['a milestone without date or offset', plan((p) => { delete p.milestones[1].offsetDays; })],
  ['cycle', plan((p) => { p.dependencies.push({ milestone: 'Feature freeze', dependsOn: 'Launch review' }); })],
  ['self dependency', plan((p) => { p.dependencies.push({ milestone: 'Launch', dependsOn: 'Launch' }); })],
  ['unknown dependency, near miss', plan((p) => { p.dependencies[0].dependsOn = 'Feature freez'; })],
  ['unknown dependency removed', plan((p) => { p.dependencies[2].dependsOn = ['Marketing campaign', 'Documentation complete']; })],
  ['misordered dependency', plan((p) => { p.dependencies.push({ milestone: 'Feature freeze', dependsOn: 'Marketing campaign' }); })],
  ['missing messaging', plan((p) => { delete p.featureMessaging; })],
  ['messaging for one feature, no positioning', plan((p) => { p.featureMessaging = [{ featureId: 'vectorSearch', messaging: 'Fast.' }]; })],
  ['messaging for an unknown feature', plan((p) => { p.featureMessaging[0].featureId = 'vectorSerch'; })],
  ['empty key benefits', plan((p) => { p.featureMessaging.forEach((m) => { m.keyBenefits = []; }); })],
  ['features as ids', plan((p) => { p.newFeatures = p.newFeatures.map((f) => f.id); })],
  ['no features', plan((p) => { delete p.newFeatures; delete p.featureMessaging; })],
  ['duplicate channels', plan((p) => { p.marketingChannels.push('developer blog', 'Webinars'); })],
  ['no audience, no channels', plan((p) => { delete p.targetAudience; delete p.marketingChannels; })],
  ['done milestones', plan((p) => { p.milestones[0].done = true; p.milestones[1].done = true; })],
  ['all critical, no owners', plan((p) => { p.milestones.forEach((m) => { m.critical = true; delete m.owner; }); })],
  ['no success metrics', plan((p) => { delete p.successMetrics; })],
  ['all success metrics', plan((p) => { p.successMetrics = { adoption: 0.2, revenueImpact: 50000, satisfaction: 0.9, featureUsage: 0.5 }; })],
  ['minimal plan', { productName: 'X', launchDate: '2027-03-01' }],
];
const LAUNCH_OPTIONS = [
  ['sample options', LAUNCH_SAMPLE.options], ['no asOf', undefined], ['asOf long before', { asOf: '2026-06-01' }],
  ['asOf on launch day', { asOf: '2027-02-15' }], ['asOf after launch', { asOf: '2027-04-01' }], ['asOf between milestones', { asOf: '2027-02-05' }],
];
const LAUNCH_BAD = [
  ['empty object', {}], ['null', null], ['number', 42],
  ['bad date, empty name', { productName: '', launchDate: '2027-02-30' }],
  ['year +202', { productName: 'X', launchDate: '+202-01-01' }],
  ['duplicate feature ids', plan((p) => { p.newFeatures.push('VECTORSEARCH'); })],
  ['success metric out of range', plan((p) => { p.successMetrics.adoption = 2; })],
  ['duplicate milestone names', plan((p) => { p.milestones.push({ name: 'launch', offsetDays: 1 }); })],
  ['milestone without a name', plan((p) => { p.milestones.push({ offsetDays: 1 }); })],
  ['dependsOn a number', plan((p) => { p.dependencies[0].dependsOn = 3; })],
  ['unknown field', plan((p) => { p.launchDay = '2027-02-15'; })],
];

function launchCorpus(seed) {
  const { plan: sample, options } = LAUNCH_SAMPLE;
  for (const [name, o] of LAUNCH_OPTIONS) compare('checkLaunch', `sample plan, ${name}`, sample, o);
  for (const [name, p] of LAUNCH_CASES) {
    compare('checkLaunch', `${name}, sample asOf`, p, options);
    compare('checkLaunch', `${name}, no asOf`, p);
  }
  for (const [name, p] of LAUNCH_BAD) compare('checkLaunch', `bad plan: ${name}`, p, options);
  for (const [name, o] of [['asOf not a date', { asOf: 'tomorrow' }], ['asOf Feb 30', { asOf: '2027-02-30' }], ['options a string', '2027-01-01'], ['unknown option', { asof: '2027-01-01' }]]) {
    compare('checkLaunch', `bad options: ${name}`, sample, o);
  }
  const rand = prng(seed + 5);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  for (let i = 0; i < (Q ? 30 : 150); i++) {
    const p = plan((x) => {
      x.milestones.forEach((m) => { m.offsetDays = Math.round((rand() - 0.6) * 60); if (rand() < 0.2) m.done = true; });
      if (rand() < 0.3) x.dependencies.push({ milestone: pick(x.milestones).name, dependsOn: pick(x.milestones).name });
      if (rand() < 0.3) x.dependencies.splice(Math.floor(rand() * x.dependencies.length), 1);
      if (rand() < 0.3) x.featureMessaging.splice(Math.floor(rand() * x.featureMessaging.length), 1);
      if (rand() < 0.2) x.milestones.splice(1 + Math.floor(rand() * 3), 1);
      if (rand() < 0.2) x.launchDate = isoDay(END_DAY + Math.floor(rand() * 200));
    });
    const asOf = rand() < 0.2 ? undefined : { asOf: isoDay(END_DAY + Math.floor(rand() * 200)) };
    compare('checkLaunch', `random plan ${i}`, p, asOf);
  }
}

// ------------------------------------------------------------ equivalence

function equivalence() {
  const t0 = process.hrtime.bigint();
  for (const fn of ['presets', 'schema', 'sampleProduct', 'sampleLaunchPlan', 'version']) compare(fn, 'no arguments');
  const products = productCorpus();
  surveyCorpus(ARGS.seed);
  eventsCorpus(ARGS.seed);
  eventsCsvCorpus(ARGS.seed);
  launchCorpus(ARGS.seed);
  const rows = [...casesPer].map(([fn, c]) => [fn, fmtInt(c.n), fmtInt(c.threw), c.bad ? `${fmtInt(c.bad)} DIFFER` : 'identical']);
  const total = [...casesPer.values()].reduce((s, c) => s + c.n, 0);
  rows.push(['all', fmtInt(total), fmtInt([...casesPer.values()].reduce((s, c) => s + c.threw, 0)), mismatches.length ? `${fmtInt(mismatches.length)} DIFFER` : 'identical']);
  table(`1. Equivalence: every export on one seeded corpus (seed ${ARGS.seed}${Q ? ', --quick' : ''}), ${(elapsedNs(t0) / 1e9).toFixed(1)} s`,
    ['export', 'cases', 'of them throwing', 'old vs new'], rows);
  for (const m of mismatches) console.log(`\n${describeMismatch(m)}`);
  console.log(mismatches.length ? `\n${mismatches.length} of ${total} cases differ` : `\nall ${fmtInt(total)} cases byte-identical`);
  return { total, products };
}

// ------------------------------------------------------------ speed

/** Median latency of calls of f, in µs. */
function latencyUs(f, calls) {
  const t = new Float64Array(calls);
  for (let i = 0; i < calls; i++) {
    const s = process.hrtime.bigint();
    f();
    t[i] = elapsedNs(s);
  }
  return median(t) / 1e3;
}
/** The fastest wall time of reps calls of f, in ms (a busy machine only ever adds time). */
function fastestMs(f, reps) {
  let best = Infinity;
  for (let i = 0; i < reps; i++) {
    const s = process.hrtime.bigint();
    f();
    best = Math.min(best, elapsedNs(s) / 1e6);
  }
  return best;
}

function speedMeasures(products) {
  const S = Q
    ? { latency: 300, many: 2_000, surveyRows: 10_000, events: 100_000, csvRows: 20_000, launch: 200 }
    : { latency: 3_000, many: 20_000, surveyRows: 100_000, events: 1_000_000, csvRows: 200_000, launch: 2_000 };
  const many = products.length >= S.many ? products.slice(0, S.many) : generateProducts(S.many, ARGS.seed + 7);
  const surveyFile = path.join(TMP, 'speed-survey.csv');
  writeSurveyCsv({ rows: S.surveyRows, seed: ARGS.seed, out: surveyFile });
  const surveyBytes = new Uint8Array(fs.readFileSync(surveyFile));
  const ev = generateEvents({ events: S.events, users: S.events / 10, days: 180, seed: ARGS.seed });
  const csvFile = path.join(TMP, 'speed-events.csv');
  writeEventsCsv(csvFile, generateEvents({ events: S.csvRows, users: S.csvRows / 10, days: 180, seed: ARGS.seed + 1 }));
  const csvBytes = new Uint8Array(fs.readFileSync(csvFile));
  const { plan: launchPlan, options: launchOptions } = LAUNCH_SAMPLE;
  const reps = 3;
  return [
    { key: 'analyze', name: 'analyze(sampleProduct()), median of a run', unit: 'µs', lower: true, size: `${fmtInt(S.latency)} calls`,
      run: (mv, warm) => latencyUs(() => mv.analyze(SAMPLE), warm ? S.latency / 2 : S.latency) },
    { key: 'analyzeMany', name: 'analyzeMany, batches of 1,000', unit: 'products/s', lower: false, size: `${fmtInt(S.many)} products`,
      run: (mv, warm) => {
        const n = warm ? 1000 : many.length;
        const s = process.hrtime.bigint();
        for (let i = 0; i < n; i += 1000) mv.analyzeMany(many.slice(i, Math.min(n, i + 1000)));
        return n / (elapsedNs(s) / 1e9);
      } },
    { key: 'analyzeSurvey', name: 'analyzeSurvey(bytes)', unit: 'ms', lower: true, size: `${fmtInt(S.surveyRows)} rows, ${(surveyBytes.length / 1e6).toFixed(1)} MB`,
      run: (mv, warm) => fastestMs(() => mv.analyzeSurvey(surveyBytes), warm ? 1 : reps) },
    { key: 'analyzeEvents', name: 'analyzeEvents(Uint32Array, Float64Array)', unit: 'ms', lower: true, size: `${fmtInt(S.events)} events`,
      run: (mv, warm) => fastestMs(() => mv.analyzeEvents(ev.userIds, ev.timestamps), warm ? 1 : reps) },
    { key: 'analyzeEventsCsv', name: 'analyzeEventsCsv(bytes)', unit: 'ms', lower: true, size: `${fmtInt(S.csvRows)} rows, ${(csvBytes.length / 1e6).toFixed(1)} MB`,
      run: (mv, warm) => fastestMs(() => mv.analyzeEventsCsv(csvBytes), warm ? 1 : reps) },
    { key: 'checkLaunch', name: 'checkLaunch(sample plan), median of a run', unit: 'µs', lower: true, size: `${fmtInt(S.launch)} calls`,
      run: (mv, warm) => latencyUs(() => mv.checkLaunch(launchPlan, launchOptions), warm ? S.launch / 2 : S.launch) },
  ];
}

function speed(products) {
  const t0 = process.hrtime.bigint();
  const measures = speedMeasures(products);
  const fmt = (v, unit) => (unit === 'products/s' ? fmtInt(v) : v.toFixed(v >= 100 ? 0 : 1));
  const rows = [];
  const ratios = [];
  for (const m of measures) {
    for (const b of [OLD, NEW]) m.run(b.mv, true);
    const got = { old: [], new: [] };
    for (let r = 0; r < ARGS.runs; r++) {
      for (const b of r % 2 ? [NEW, OLD] : [OLD, NEW]) {
        gc();
        got[b.label].push(m.run(b.mv, false));
      }
    }
    const o = median(got.old);
    const n = median(got.new);
    const [oLo, oHi] = [Math.min(...got.old), Math.max(...got.old)];
    const [nLo, nHi] = [Math.min(...got.new), Math.max(...got.new)];
    // A slowdown: a longer time, or a lower throughput.
    const slower = m.lower ? nLo > oHi : nHi < oLo;
    const faster = m.lower ? nHi < oLo : nLo > oHi;
    const ratio = n / o;
    // The best runs of each, the least disturbed by other work on the machine.
    const best = m.lower ? nLo / oLo : nHi / oHi;
    // For the summary: the time ratio (a throughput ratio inverted).
    ratios.push([m.key, m.lower ? ratio : 1 / ratio]);
    rows.push([`${m.name} [${m.size}]`, m.unit, fmt(o, m.unit), fmt(n, m.unit), ratio.toFixed(3), best.toFixed(3),
      `${fmt(oLo, m.unit)}..${fmt(oHi, m.unit)}`, `${fmt(nLo, m.unit)}..${fmt(nHi, m.unit)}`,
      slower ? 'SLOWER' : faster ? 'faster' : 'noise']);
  }
  table(`2. Speed: medians of ${ARGS.runs} interleaved runs (old, new / new, old), Node ${process.version}, ${(elapsedNs(t0) / 1e9).toFixed(1)} s`,
    ['measure [size]', 'unit', 'old', 'new', 'new/old', 'best runs', 'old min..max', 'new min..max', 'ranges'], rows);
  // With no real difference, every run of one side beyond every run of the other has a chance of 2 / C(2n, n).
  let chance = 2;
  for (let k = 1; k <= ARGS.runs; k++) chance *= k / (ARGS.runs + k);
  console.log('(new/old: of the medians; best runs: new/old of each side\'s best run. Above 1 is slower for µs and ms, faster for\n' +
    `products/s. ranges: SLOWER or faster when every run of new is beyond every run of old, which ${ARGS.runs} runs a side give by\n` +
    `chance alone ${(100 * chance).toPrecision(2)}% of the time: a rank test, not a size; else noise)`);
  return { ratios, slower: rows.filter((r) => r[8] === 'SLOWER').map((r) => r[0]) };
}

// ------------------------------------------------------------ size

function size() {
  const rows = [];
  const got = {};
  for (const b of [OLD, NEW]) {
    const wasm = fs.readFileSync(b.wasm);
    got[b.label] = { raw: wasm.length, gz: zlib.gzipSync(wasm, { level: 9 }).length };
    rows.push([`${b.label}: ${path.relative(process.cwd(), b.wasm) || b.wasm}`, fmtInt(got[b.label].raw), fmtInt(got[b.label].gz)]);
  }
  const raw = got.new.raw / got.old.raw;
  const gz = got.new.gz / got.old.gz;
  rows.push(['new/old', raw.toFixed(4), gz.toFixed(4)]);
  table('3. Size of market_validation_bg.wasm (bytes)', ['build', 'raw', 'gzip -9'], rows);
  return { raw, gz };
}

// ------------------------------------------------------------ main

console.log(`compare-builds: old ${OLD.dir} (version ${OLD.mv.version()}), new ${NEW.dir} (version ${NEW.mv.version()})`);
const eq = equivalence();
const sp = ARGS.skipSpeed ? null : speed(eq.products);
const sz = size();
const parts = [mismatches.length ? `OUTPUTS DIFFER in ${mismatches.length} of ${eq.total} cases` : `outputs identical (${eq.total} cases)`];
if (sp) {
  parts.push(`wasm time new/old ${sp.ratios.map(([k, r]) => `${k} ${r.toFixed(2)}`).join(', ')}`);
  parts.push(sp.slower.length ? `slower beyond noise: ${sp.slower.length} measure(s)` : 'no slowdown beyond noise');
}
parts.push(`wasm size new/old ${sz.raw.toFixed(4)} raw, ${sz.gz.toFixed(4)} gzip`);
console.log(`\nsummary: ${parts.join('; ')}`);
process.exitCode = mismatches.length ? 1 : 0;
