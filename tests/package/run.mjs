#!/usr/bin/env node
// Tests the REAL npm package of market-validation, as a user gets it:
//
//   1. `npm pack pkg/` and check what the tarball holds (and that every path
//      package.json points at is in it);
//   2. `npm install <tarball>` into fresh temporary projects and use it from
//      Node ES modules (import + await init()), CommonJS (require), and the
//      browser build through the "./web" export with initSync() in Node;
//   3. the installed .d.ts files: no `any`, and a strict `tsc --module nodenext`
//      of an ESM .ts and a CommonJS .cts file (with @ts-expect-error lines that
//      only pass if the types are real);
//   4. an esbuild browser bundle (both ways a user loads the wasm: copied next
//      to the bundle, and through esbuild's file loader) served on 127.0.0.1
//      and run in headless Chromium through playwright-core.
//
// Run `bash scripts/build.sh` first. Usage: node tests/package/run.mjs
// Env: KEEP_TMP=1 keeps the temporary directory; MV_PKG_DIR=dir packs another
// copy of pkg/ (to try a fix); CHROMIUM=/path overrides
// /usr/bin/chromium. Needs tools/node_modules (esbuild, typescript,
// playwright-core: `npm install` in tools/).
// Prints one line per check and ends with `N passed, M failed`; exits 1 on
// any failure.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ROOT, PKG, toolsRequire, CHROMIUM, CHROMIUM_ARGS, tally, record, check, assert, indent, run, npmNoise,
  readTgz, writeFiles, makeProject, serve,
} from './harness.mjs';
import { testConsumers } from './consumers.mjs';
import { testMatrix } from './matrix.mjs';

const started = Date.now();

// ------------------------------------------------ checks run in the projects

// Serialised with .toString() into each temporary project, so it must not
// close over anything: it gets the module namespace (or require() result) and
// the package.json version, and prints one JSON line per check.
function packageChecks(mv, expectedVersion, label) {
  const results = [];
  const t = (name, fn) => {
    try {
      const r = fn();
      results.push({ name: `${label}: ${name}`, ok: r !== false && typeof r !== 'string', detail: typeof r === 'string' ? r : '' });
    } catch (e) {
      results.push({ name: `${label}: ${name}`, ok: false, detail: String(e && e.stack || e).split('\n').slice(0, 3).join(' | ') });
    }
  };
  const need = (cond, msg) => { if (!cond) throw new Error(msg); };
  const isPlain = (o) => o !== null && typeof o === 'object' && !(o instanceof Map) && Object.getPrototypeOf(o) === Object.prototype;
  const bad = { usageMetrics: { retentionRate: 45 }, surveyData: { npsScore: 140 } };

  t('exports the whole API as functions', () => {
    const missing = ['analyze', 'analyzeMany', 'validate', 'presets', 'schema', 'sampleProduct', 'version']
      .filter((k) => typeof mv[k] !== 'function');
    need(missing.length === 0, `not functions: ${missing.join(', ')}`);
  });
  t(`version() is the package.json version ${expectedVersion}`, () => {
    need(mv.version() === expectedVersion, `version() = ${JSON.stringify(mv.version())}`);
  });
  let sample;
  let result;
  t('analyze(sampleProduct()): score in 0..100', () => {
    sample = mv.sampleProduct();
    result = mv.analyze(sample);
    need(typeof result.score === 'number' && Number.isFinite(result.score), `score = ${result.score}`);
    need(result.score >= 0 && result.score <= 100, `score = ${result.score}`);
  });
  t('analyze(sampleProduct()): interval contains the score, within 0..100', () => {
    const [lo, hi] = result.interval;
    need(Array.isArray(result.interval) && result.interval.length === 2, `interval = ${JSON.stringify(result.interval)}`);
    need(lo <= result.score && result.score <= hi && lo >= 0 && hi <= 100, `score ${result.score}, interval [${lo}, ${hi}]`);
  });
  t('analyze(sampleProduct()): 5 dimensions, each scored', () => {
    const dims = Object.keys(result.dimensions).sort();
    need(JSON.stringify(dims) === JSON.stringify(['adoption', 'competitive', 'market', 'survey', 'usage']), `dimensions = ${dims}`);
    for (const d of dims) need(typeof result.dimensions[d].score === 'number', `${d}.score = ${result.dimensions[d].score}`);
  });
  t('sample maps come back as plain objects (not Map)', () => {
    const maps = {
      'usageMetrics.featureUsage': sample.usageMetrics.featureUsage,
      'adoptionData.featureAdoptionRates': sample.adoptionData.featureAdoptionRates,
      'surveyData.featureRatings': sample.surveyData.featureRatings,
      'marketResearch.customerSegmentation': sample.marketResearch.customerSegmentation,
      'competitiveData.competitiveBenchmarks': sample.competitiveData.competitiveBenchmarks,
    };
    for (const [p, v] of Object.entries(maps)) {
      need(isPlain(v), `${p} is ${v instanceof Map ? 'a Map' : Object.prototype.toString.call(v)}`);
      need(Object.keys(v).length > 0, `${p} is empty`);
    }
    for (const p of ['usageMetrics', 'adoptionData', 'surveyData', 'marketResearch', 'competitiveData']) need(isPlain(sample[p]), `${p} not a plain object`);
    need(isPlain(result) && isPlain(result.dimensions) && isPlain(result.dimensions.usage), 'result objects are not plain');
  });
  t('results survive JSON: the sample round-trips to the same score', () => {
    const again = mv.analyze(JSON.parse(JSON.stringify(sample)));
    need(again.score === result.score, `${again.score} !== ${result.score}`);
    need(JSON.parse(JSON.stringify(result)).dimensions.usage.score === result.dimensions.usage.score, 'JSON loses dimensions');
  });
  t("options { preset: 'enterprise-saas' } are applied", () => {
    const r = mv.analyze(sample, { preset: 'enterprise-saas' });
    need(r.preset === 'enterprise-saas', `preset = ${r.preset}`);
  });
  let err;
  t('bad input throws an Error named InputError', () => {
    try { mv.analyze(bad); } catch (e) { err = e; }
    need(err !== undefined, 'did not throw');
    need(err instanceof Error, `not instanceof Error: ${Object.prototype.toString.call(err)}`);
    need(err.name === 'InputError', `name = ${err.name}`);
    need(typeof err.subject === 'string' && err.subject.length > 0, `subject = ${err.subject}`);
  });
  t('InputError lists both problems, with the percentage hint', () => {
    need(Array.isArray(err.problems) && err.problems.length >= 2, `problems = ${JSON.stringify(err.problems)}`);
    const paths = err.problems.map((p) => p.path);
    need(paths.includes('usageMetrics.retentionRate') && paths.includes('surveyData.npsScore'), `paths = ${paths}`);
    for (const p of err.problems) need(typeof p.value === 'string' && typeof p.expected === 'string', `problem = ${JSON.stringify(p)}`);
    need(err.message.includes('did you mean 0.45?'), `message = ${JSON.stringify(err.message)}`);
  });
  t('bad options throw InputError', () => {
    let e2;
    try { mv.analyze(sample, { preset: 'no-such-preset' }); } catch (e) { e2 = e; }
    need(e2 instanceof Error && e2.name === 'InputError', `got ${e2 && e2.name}`);
  });
  t('analyzeMany: ok:false for the bad item, ok:true for the others', () => {
    const entries = mv.analyzeMany([sample, bad, mv.sampleProduct()]);
    need(Array.isArray(entries) && entries.length === 3, `length ${entries && entries.length}`);
    need(entries.map((e) => e.index).join() === '0,1,2', `indexes ${entries.map((e) => e.index)}`);
    need(entries[0].ok === true && entries[2].ok === true, 'good items not ok');
    need(entries[0].result.score === result.score, 'analyzeMany score differs from analyze');
    need(entries[1].ok === false, 'bad item ok');
    need(entries[1].error.message.includes('did you mean 0.45?'), `message = ${entries[1].error.message}`);
    need(Array.isArray(entries[1].error.problems) && entries[1].error.problems.length >= 2, 'problems missing');
  });
  t('validate() reports problems without throwing', () => {
    const v = mv.validate(bad);
    need(v.valid === false && v.problems.length >= 2, JSON.stringify(v));
    need(mv.validate(sample).valid === true, 'sample not valid');
  });
  t('presets() and schema()', () => {
    const ids = mv.presets().map((p) => p.id);
    need(ids.includes('b2b-saas'), `presets = ${ids}`);
    const s = mv.schema();
    need(typeof s.$schema === 'string' && s.properties && s.properties.usageMetrics, 'schema incomplete');
  });
  t('analyzeSurvey() and compareSurveys() on CSV text', () => {
    const csv = 'How likely are you to recommend us?,How would you feel if you could no longer use us?\r\n10,Very disappointed\r\n6,Somewhat disappointed\r\n9,very disappointed\r\n';
    const r = mv.analyzeSurvey(csv);
    need(r.nps.n === 3 && r.nps.promoters === 2 && r.pmf.veryDisappointed === 2, JSON.stringify(r.nps));
    need(mv.analyze({ surveyData: r.surveyData }).score >= 0, 'surveyData not analyzable');
    const c = mv.compareSurveys(csv, csv);
    need(c.pmf.change === 0 && c.pmf.distinguishable === false, JSON.stringify(c.pmf));
  });
  t('analyzeUsability() on a task table', () => {
    const csv = 'Participant,Task,Success,Seconds,SEQ\np1,Checkout,1,34,6\np2,Checkout,0,120,2\np3,Checkout,1,48,7\np4,Checkout,Success,0:41,6\n';
    const task = mv.analyzeUsability(csv).tasks[0];
    // 3 of 4: the Agresti–Coull interval at 95%, by hand.
    const z = 1.959963984540054, n = 4 + z * z, p = (3 + z * z / 2) / n, h = z * Math.sqrt(p * (1 - p) / n);
    const c = task.completion;
    need(c.successes === 3 && c.method === 'agresti-coull' && Math.abs(c.interval[0] - (p - h)) < 1e-9 && Math.abs(c.interval[1] - Math.min(1, p + h)) < 1e-9, JSON.stringify(c));
    // The successes' times, 34, 48 and 0:41: their geometric mean.
    need(Math.abs(task.time.geometricMean - Math.cbrt(34 * 48 * 41)) < 1e-9, JSON.stringify(task.time));
    let message = '';
    try { mv.analyzeUsability('Task,Success\nA,1\n', { times: 'every' }); } catch (e) { message = e.message; }
    need(message.includes('options.times'), message);
  });
  t('analyzeEvents() with typed arrays and signups, and analyzeEventsCsv()', () => {
    const day = 86400000;
    const t0 = Date.UTC(2026, 10, 2, 12);
    const r = mv.analyzeEvents(new Uint32Array([1, 1, 2]), new Float64Array([t0, t0 + day, t0 + day]), { cohortPeriod: 'day' });
    need(r.users === 2 && r.daily.map((d) => d.active).join() === '1,2', JSON.stringify(r.daily));
    need(r.newUsersDefinedBy === 'first_event', r.newUsersDefinedBy);
    const s = mv.analyzeEvents(['ana', 'bo'], [t0 + day, t0 + day], { cohortPeriod: 'day' }, { userIds: ['ana', 'cy'], timestamps: [t0, t0] });
    need(s.newUsersDefinedBy === 'signup' && s.signups.users === 2 && s.daily[0].newUsers === 1, JSON.stringify(s.signups));
    const csv = mv.analyzeEventsCsv('user_id,timestamp\nana,2026-11-02T09:00:00Z\nbo,soon\n');
    need(csv.analysis.events === 1 && csv.skipped.first[0].line === 3, JSON.stringify(csv.skipped));
    need(mv.analyze({ usageMetrics: r.usageMetrics }).score >= 0, 'usageMetrics not analyzable');
  });
  t('checkLaunch() on the sample plan reports the missing milestone; bad plans throw InputError', () => {
    const { plan, options } = mv.sampleLaunchPlan();
    const r = mv.checkLaunch(plan, options);
    need(r.status === 'blocked' && r.daysToLaunch === 45, `${r.status} ${r.daysToLaunch}`);
    need(r.dependencies.some((d) => d.status === 'unknown_milestone' && d.unknown.includes('Sales team training')), 'missing milestone not reported');
    let e3;
    try { mv.checkLaunch({ productName: '', launchDate: '2027-02-30' }); } catch (e) { e3 = e; }
    need(e3 instanceof Error && e3.name === 'InputError' && e3.problems.length >= 2, `got ${e3 && e3.message}`);
  });
  t('reviewLaunch() measures adoption from typed arrays and from a file; a misspelt option throws InputError', () => {
    // 2027-03-01 is day 20878; users 1..4 active in the 30 days from it, user 4 exported a report.
    const day = 86400000, launch = 20878 * day;
    const events = {
      userIds: new Uint32Array([1, 2, 3, 4, 4, 1]),
      timestamps: new Float64Array([launch + day, launch + 2 * day, launch + 3 * day, launch + 4 * day, launch + 5 * day, launch + 29.5 * day]),
      eventNames: ['page_view', 'page_view', 'page_view', 'page_view', 'report_exported', 'page_view'],
    };
    const plan = { productName: 'Acme', launchDate: '2027-03-01', newFeatures: ['reports'] };
    const r = mv.reviewLaunch(plan, { asOf: '2027-04-05', featureEvents: { reports: ['report_exported'] }, events });
    const adoption = r.criteria.find((c) => c.id === 'customer_adoption');
    need(adoption.value === 0.25 && adoption.status === 'met', JSON.stringify(adoption));
    let e4;
    try { mv.reviewLaunch(plan, { asof: '2027-04-05' }); } catch (e) { e4 = e; }
    need(e4 instanceof Error && e4.name === 'InputError' && e4.problems.some((p) => p.hint === 'did you mean asOf?'), `got ${e4 && e4.message}`);
    const r2 = mv.reviewLaunch(plan, { asOf: '2027-04-05', featureEvents: { reports: 'report_exported' }, eventsOptions: { columns: { time: 'time' } }, events: new TextEncoder().encode('user_id,time,event\nu1,2027-03-02,page_view\nu2,2027-03-03,page_view\nu3,2027-03-04,page_view\nu4,2027-03-05,report_exported\nu1,2027-03-30,page_view\n') });
    need(r2.criteria[2].value === 0.25 && r2.eventsRead.timeColumn.header === 'time' && r2.eventsRead.eventColumn.header === 'event', JSON.stringify(r2.eventsRead));
  });
  for (const r of results) console.log(JSON.stringify(r));
  return result ? result.score : NaN;
}

/** Runs a node script in a project; turns its JSON lines into checks. */
async function runNodeChecks(label, cwd, file) {
  const r = await run(process.execPath, [file], { cwd });
  let seen = 0;
  for (const line of r.stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const { name, ok, detail } = JSON.parse(line);
    record(name, ok, detail);
    seen++;
  }
  const clean = r.code === 0 && seen > 0 && !r.stderr.trim();
  record(`${label}: script ran cleanly (exit 0, no stderr)`, clean, clean ? '' : `exit ${r.code}\n${indent(r.stderr || r.stdout)}`);
}

// ------------------------------------------------------------------ steps

const checkCall = (label, spec) => `(${packageChecks.toString()})(mv, ${JSON.stringify(spec.version)}, ${JSON.stringify(label)});`;

async function testEsm(dir, spec) {
  writeFiles(dir, {
    'check.mjs': `import init, { analyze, analyzeMany, analyzeSurvey, compareSurveys, analyzeUsability, analyzeEvents, analyzeEventsCsv, readExport, checkLaunch, reviewLaunch, sampleLaunchPlan, presets, schema, sampleProduct, validate, version, initSync } from 'market-validation';
import * as ns from 'market-validation';
import { createRequire } from 'node:module';
const resolved = import.meta.resolve('market-validation');
console.log(JSON.stringify({ name: 'esm: import resolves to node/index.mjs', ok: resolved.endsWith('/node_modules/market-validation/node/index.mjs'), detail: resolved }));
const ret = init();
console.log(JSON.stringify({ name: 'esm: default export init() returns a promise', ok: ret instanceof Promise }));
await ret;
console.log(JSON.stringify({ name: 'esm: initSync is exported and callable', ok: typeof initSync === 'function' && (initSync(), true) }));
const required = createRequire(import.meta.url)('market-validation');
console.log(JSON.stringify({ name: 'esm: import and require share one instance (no dual-package hazard)', ok: required.analyze === analyze }));
const mv = { analyze, analyzeMany, analyzeSurvey, compareSurveys, analyzeUsability, analyzeEvents, analyzeEventsCsv, readExport, checkLaunch, reviewLaunch, sampleLaunchPlan, presets, schema, sampleProduct, validate, version };
console.log(JSON.stringify({ name: 'esm: namespace has the same named exports', ok: Object.keys(mv).every((k) => ns[k] === mv[k]) }));
${checkCall('esm', spec)}
const { analyze: scoreAnalyze, sampleProduct: scoreSample } = await import('market-validation/score');
console.log(JSON.stringify({ name: 'esm: "market-validation/score" scores like the whole package', ok: scoreAnalyze(scoreSample()).score === analyze(sampleProduct()).score }));
const parts = await import('market-validation/analyses');
console.log(JSON.stringify({ name: 'esm: "market-validation/analyses" analyses a survey', ok: parts.analyzeSurvey('How likely are you to recommend us?\\n10\\n9\\n3\\n').nps.score === 100 * (2 - 1) / 3 }));
`,
  });
  await runNodeChecks('esm', dir, 'check.mjs');
}

async function testCjs(dir, spec) {
  writeFiles(dir, {
    'check.js': `'use strict';
const mv = require('market-validation');
const resolved = require.resolve('market-validation');
console.log(JSON.stringify({ name: 'cjs: require resolves to node/market_validation.js', ok: resolved.endsWith('/node_modules/market-validation/node/market_validation.js'), detail: resolved }));
const score = ${checkCall('cjs', spec)}
console.log('SCORE ' + score);
const scorePart = require('market-validation/score');
console.log(JSON.stringify({ name: 'cjs: require("market-validation/score") resolves to node/market_validation_score.js and scores', ok: require.resolve('market-validation/score').endsWith('/node/market_validation_score.js') && scorePart.analyze(scorePart.sampleProduct()).score === score }));
const analysesPart = require('market-validation/analyses');
console.log(JSON.stringify({ name: 'cjs: require("market-validation/analyses") checks a launch', ok: typeof analysesPart.checkLaunch(analysesPart.sampleLaunchPlan().plan).status === 'string' }));
// Node reads every container: gzip, and Microsoft Forms' .xlsx (its figures from make_fixtures.py).
const zlib = require('node:zlib');
const gz = mv.analyzeSurvey(new Uint8Array(zlib.gzipSync('How likely are you to recommend us?\\n10\\n9\\n3\\n')));
console.log(JSON.stringify({ name: 'cjs: analyzeSurvey reads a gzip-compressed file', ok: gz.nps.score === 100 * (2 - 1) / 3 }));
const fixtures = ${JSON.stringify(path.join(ROOT, 'tests', 'fixtures', 'exports'))};
const xlsx = mv.analyzeSurvey(new Uint8Array(require('node:fs').readFileSync(fixtures + '/ms-forms.xlsx')));
const want = JSON.parse(require('node:fs').readFileSync(fixtures + '/expected.json', 'utf8'))['ms-forms-xlsx'];
console.log(JSON.stringify({ name: 'cjs: analyzeSurvey reads an Excel workbook', ok: xlsx.file.container === 'xlsx' && xlsx.responses === want.responses && Math.abs(xlsx.nps.score - want.npsScore) < 1e-9, detail: JSON.stringify(xlsx.file) }));
const readersPart = require('market-validation/readers');
const zip = readersPart.readExport(new Uint8Array(require('node:fs').readFileSync(fixtures + '/amplitude-events.zip')));
console.log(JSON.stringify({ name: 'cjs: require("market-validation/readers") reads a zip of gzipped JSON lines', ok: zip.archive === 'zip' && zip.source === 'amplitude' && zip.files.length === 6 }));
const pq = (n) => new Uint8Array(require('node:fs').readFileSync(${JSON.stringify(path.join(ROOT, 'tests', 'fixtures', 'parquet'))} + '/' + n)), pqEvents = mv.analyzeEventsCsv(pq('duckdb-snappy.parquet')); console.log(JSON.stringify({ name: 'cjs: analyzeEventsCsv reads a Parquet file as its CSV, and so does require("market-validation/parquet")', ok: pqEvents.timeType === 'timestamp-micros-local' && JSON.stringify(pqEvents.analysis) === JSON.stringify(mv.analyzeEventsCsv(pq('events.csv')).analysis) && require('market-validation/parquet').readExport(pq('duckdb-snappy.parquet')).container === 'parquet' }));
`,
    // A fresh process: which parts' wasm are instantiated, and when.
    'lazy.js': `'use strict';
const made = [];
const Instance = WebAssembly.Instance;
WebAssembly.Instance = function (m, i) { made.push(WebAssembly.Module.exports(m).length); return new Instance(m, i); };
const mv = require('market-validation');
const atRequire = made.length;
mv.analyze(mv.sampleProduct());
const afterScore = made.length;
mv.analyzeSurvey('How likely are you to recommend us?\\n10\\n');
mv.checkLaunch(mv.sampleLaunchPlan().plan);
console.log(JSON.stringify({ name: 'cjs: a part loads on the first call of one of its functions, once', ok: atRequire === 0 && afterScore === 1 && made.length === 2, detail: \`instances: \${atRequire} at require, \${afterScore} after analyze, \${made.length} after analyzeSurvey and checkLaunch\` }));
`,
  });
  await runNodeChecks('cjs-lazy', dir, 'lazy.js');
  // check.js is CommonJS because the project's package.json has "type": "commonjs".
  const r = await run(process.execPath, ['-e', "const s=require('market-validation');process.stdout.write(String(s.analyze(s.sampleProduct()).score))"], { cwd: dir });
  await runNodeChecks('cjs', dir, 'check.js');
  return Number(r.stdout);
}

async function testWebInNode(dir, spec) {
  writeFiles(dir, {
    'check.mjs': `import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import init, { initSync, analyze, analyzeJson, analyzeMany, analyzeSurvey, compareSurveys, analyzeUsability, analyzeEvents, analyzeEventsCsv, readExport, checkLaunch, reviewLaunch, sampleLaunchPlan, presets, schema, sampleProduct, validate, version } from 'market-validation/web';
const entry = import.meta.resolve('market-validation/web');
console.log(JSON.stringify({ name: 'web-in-node: "./web" resolves to web/market_validation.js', ok: entry.endsWith('/node_modules/market-validation/web/market_validation.js'), detail: entry }));
const wasmPath = fileURLToPath(import.meta.resolve('market-validation/market_validation_bg.wasm'));
console.log(JSON.stringify({ name: 'web-in-node: "./market_validation_bg.wasm" resolves to web/market_validation_bg.wasm', ok: wasmPath.endsWith('/node_modules/market-validation/web/market_validation_bg.wasm'), detail: wasmPath }));
console.log(JSON.stringify({ name: 'web-in-node: default export is init()', ok: typeof init === 'function' }));
const out = initSync({ module: fs.readFileSync(wasmPath) });
console.log(JSON.stringify({ name: 'web-in-node: initSync({ module: bytes }) instantiates', ok: out && out.memory instanceof WebAssembly.Memory }));
const mv = { analyze, analyzeMany, analyzeSurvey, compareSurveys, analyzeUsability, analyzeEvents, analyzeEventsCsv, readExport, checkLaunch, reviewLaunch, sampleLaunchPlan, presets, schema, sampleProduct, validate, version };
${checkCall('web-in-node', spec)}
// Node's score part is built for speed, the browser's for size: the same
// results to the bit, on 400 products of varied numbers (some invalid).
const node = createRequire(import.meta.url)('market-validation');
const products = [];
for (let i = 0; i < 400; i++) {
  const p = sampleProduct();
  p.usageMetrics.dailyActiveUsers = 100 + ((i * 7919) % 14000);
  p.usageMetrics.retentionRate = (i % 101) / 100;
  p.adoptionData.adoptionRate = ((i * 37) % 97) / 96;
  p.surveyData.npsScore = ((i * 53) % 211) - 105;
  p.surveyData.seanEllis.veryDisappointed = (i * 13) % 300;
  p.marketResearch.growthRate = ((i * 17) % 90) / 100 - 0.2;
  if (i % 5 === 0) delete p.competitiveData;
  products.push(p);
}
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const jsonOf = (f, p) => { try { return f(JSON.stringify(p)); } catch (e) { return 'thrown: ' + e.message; } };
console.log(JSON.stringify({ name: 'web-in-node: the speed-built Node score part gives the size-built results to the bit (analyze, summaries, JSON)',
  ok: same(node.analyzeMany(products), analyzeMany(products)) && same(node.analyzeMany(products, { detail: 'summary' }), analyzeMany(products, { detail: 'summary' }))
    && products.every((p) => jsonOf(node.analyzeJson, p) === jsonOf(analyzeJson, p)) }));
`,
  });
  await runNodeChecks('web-in-node', dir, 'check.mjs');
}

// Type positions only: comments are dropped first.
const ANY_RE = /:\s*any\b|<any>|\bany\[\]|\(any\)|\| any\b|\bany\s*\||,\s*any\b|<\s*any\s*[,>]/;
function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/\/\/.*$/gm, '');
}
function declarationFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...declarationFiles(p));
    else if (/\.d\.(c|m)?ts$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

async function testTypes(dir) {
  const installed = path.join(dir, 'node_modules', 'market-validation');
  const files = declarationFiles(installed);
  await check('types: the package ships a .d.ts for each entry point', () => {
    const rel = files.map((f) => path.relative(installed, f)).join(', ');
    const parts = (dir) => [`${dir}/market_validation.d.ts`, ...['analyses', 'parquet', 'readers', 'score'].map((p) => `${dir}/market_validation_${p}.d.ts`)];
    const nodeParts = ['analyses', 'parquet', 'readers', 'score'].flatMap((p) => [`node/market_validation_${p}.d.mts`, `node/market_validation_${p}.d.ts`]);
    const expected = ['inline/market_validation.d.ts', 'node/index.d.mts', 'node/market_validation.d.ts', ...nodeParts, ...parts('slim'), ...parts('web'),
      'web/wasm.d.ts', 'workerd/market_validation.d.ts'];
    assert(rel === expected.join(', '), `found ${rel}`);
  });
  for (const f of files) {
    const rel = path.relative(installed, f);
    await check(`types: no \`any\` in ${rel}`, () => {
      const hits = stripComments(fs.readFileSync(f, 'utf8')).split('\n')
        .map((l, i) => [i + 1, l]).filter(([, l]) => ANY_RE.test(l));
      if (hits.length) return `${hits.length} line(s): ${hits.slice(0, 6).map(([n, l]) => `${n}: ${l.trim()}`).join(' ; ')}`;
    });
  }

  let tsc;
  try { tsc = path.join(path.dirname(toolsRequire.resolve('typescript/package.json')), 'bin', 'tsc'); } catch { /* below */ }
  if (!tsc || !fs.existsSync(tsc)) {
    record('types: tsc --strict --module nodenext', false, 'typescript missing: run `npm install` in tools/');
    return;
  }
  writeFiles(dir, {
    'esm.ts': `import init, { analyze, analyzeMany, sampleProduct, validate, presets, version, initSync, analyzeEvents, checkLaunch, sampleLaunchPlan } from 'market-validation';
import type { AnalyzeOptions, MarketValidationError, PortfolioEntry, PresetId, ValidationResult, EventsAnalysis, LaunchReport } from 'market-validation';

await init();
initSync();
const options: AnalyzeOptions = { preset: 'b2b-saas', weights: { survey: 0.4 }, confidenceLevel: 0.9 };
const result: ValidationResult = analyze(sampleProduct(), options);
const usage: number = result.dimensions.usage.score ?? 0;
const [lo, hi]: [number, number] = result.interval;
const verdict: 'strong' | 'promising' | 'weak' | 'not_validated' | 'not_enough_data' = result.verdict;
const ids: PresetId[] = presets().map((p) => p.id);
const v: string = version();
const ok: boolean = validate({ usageMetrics: { retentionRate: 0.4 } }).valid;

// @ts-expect-error: not a preset id
analyze(sampleProduct(), { preset: 'b2b-saaz' });
// @ts-expect-error: the score is a number
const wrong: string = result.score;
// @ts-expect-error: retentionRate is a number
analyze({ usageMetrics: { retentionRate: '45%' } });
// @ts-expect-error: no such dimension
result.dimensions.virality;

const entries: PortfolioEntry[] = analyzeMany([sampleProduct(), {}]);
for (const e of entries) {
  if (e.ok) { const s: number = e.result.score; void s; }
  else { const m: string = e.error.message; const p: string = e.error.problems[0].path; void m; void p; }
}
try { analyze({}); } catch (e) {
  const err = e as MarketValidationError;
  const name: 'InputError' = err.name;
  const hint: string | undefined = err.problems[0]?.hint;
  void name; void hint;
}
const events: EventsAnalysis = analyzeEvents(new Uint32Array([1]), new Float64Array([Date.UTC(2026, 10, 2)]), { weekStart: 'sunday' }, { userIds: ['a'], timestamps: [0] });
const definedBy: 'first_event' | 'signup' = events.newUsersDefinedBy;
// @ts-expect-error: not a week start
analyzeEvents([1], [0], { weekStart: 'friday' });
const sampleLaunch = sampleLaunchPlan();
const launch: LaunchReport = checkLaunch(sampleLaunch.plan, sampleLaunch.options);
const status: 'ready' | 'needs_attention' | 'blocked' = launch.status;
// @ts-expect-error: the launch date is text
checkLaunch({ productName: 'x', launchDate: 20270215 });
void usage; void lo; void hi; void verdict; void ids; void v; void ok; void wrong; void definedBy; void status;
`,
    'cjs.cts': `import mv = require('market-validation');
import { analyze, sampleProduct } from 'market-validation';
import type { ValidationResult } from 'market-validation';

const r: ValidationResult = mv.analyze(mv.sampleProduct(), { preset: 'b2b-saas' });
const usage: number | undefined = r.dimensions.usage.score;
const again: number = analyze(sampleProduct()).score;
// @ts-expect-error: not a preset id
mv.analyze(mv.sampleProduct(), { preset: 'b2c-saas' });
// @ts-expect-error: the score is a number
const wrong: string = r.score;
void usage; void again; void wrong;
`,
    'web.ts': `import initWeb, { initSync as initWebSync, analyze } from 'market-validation/web';
import type { InitOutput } from 'market-validation/web';

const out: InitOutput = initWebSync({ module: new Uint8Array(8) });
const later: Promise<InitOutput> = initWeb({ module_or_path: new URL('market_validation_bg.wasm', import.meta.url) });
const score: number = analyze({ surveyData: { npsScore: 40 } }, { preset: 'consumer-social' }).score;
// @ts-expect-error: initSync needs the module
initWebSync();
// @ts-expect-error: not a preset id
analyze({}, { preset: 'social' });
void out; void later; void score;
`,
  });
  const args = [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext',
    'esm.ts', 'cjs.cts', 'web.ts'];
  await check('types: tsc --noEmit --strict --module nodenext (esm.ts, cjs.cts, web.ts with @ts-expect-error)', async () => {
    const r = await run(process.execPath, args, { cwd: dir });
    if (r.code !== 0) return `tsc exit ${r.code}\n${indent(r.stdout + r.stderr)}`;
  });
  // What TypeScript users of a bundler (Vite, esbuild, webpack) get: no "node"
  // condition, so the root export's types are the browser build's.
  writeFiles(path.join(dir, 'bundler'), {
    'app.ts': `import init, { initSync, analyze, sampleProduct } from 'market-validation';
import type { InitOutput, ValidationResult } from 'market-validation';

const out: InitOutput = await init();
const viaBytes: InitOutput = initSync({ module: new Uint8Array(8) });
const r: ValidationResult = analyze(sampleProduct(), { preset: 'consumer-subscription' });
// @ts-expect-error: not a preset id
analyze(sampleProduct(), { preset: 'consumer' });
void out; void viaBytes; void r;
`,
    'package.json': '{ "type": "module" }\n',
  });
  await check('types: tsc --strict --module esnext --moduleResolution bundler resolves the browser types', async () => {
    fs.symlinkSync(path.join(dir, 'node_modules'), path.join(dir, 'bundler', 'node_modules'));
    const r = await run(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'esnext', '--moduleResolution', 'bundler',
      '--target', 'es2022', '--traceResolution', 'app.ts'], { cwd: path.join(dir, 'bundler') });
    const resolvedTo = (r.stdout.match(/Module name 'market-validation' was successfully resolved to '([^']+)'/) || [])[1] || '';
    if (r.code !== 0) return `tsc exit ${r.code}\n${indent(r.stdout.split('\n').filter((l) => /error TS/.test(l)).join('\n') || r.stdout.slice(-2000) + r.stderr)}`;
    if (!resolvedTo.endsWith('market-validation/web/market_validation.d.ts')) return `resolved to ${resolvedTo || '(not found in trace)'}`;
  });
  // Proof the @ts-expect-error lines matter: without them tsc must fail.
  await check('types: tsc rejects the same files without @ts-expect-error', async () => {
    for (const f of ['esm.ts', 'cjs.cts']) {
      fs.writeFileSync(path.join(dir, f), fs.readFileSync(path.join(dir, f), 'utf8').replace(/\/\/ @ts-expect-error.*\n/g, ''));
    }
    const r = await run(process.execPath, args, { cwd: dir });
    const errors = (r.stdout.match(/error TS\d+/g) || []).length;
    if (r.code === 0 || errors < 6) return `expected >= 6 type errors, got ${errors} (exit ${r.code})`;
  });
}

async function testBundle(dir, referenceScore) {
  let esbuild;
  try { esbuild = toolsRequire('esbuild'); } catch (e) {
    record('bundle: esbuild', false, `esbuild missing: run \`npm install\` in tools/ (${e.message})`);
    return;
  }
  const page = (title) => `<!doctype html><html><head><meta charset="utf-8"><title>loading</title><link rel="icon" href="data:,"></head>
<body><script type="module" src="./${title}.js"></script></body></html>\n`;
  const body = (initCall) => `  try {
    ${initCall}
    const r = analyze(sampleProduct());
    window.__score = r.score;
    document.title = 'score:' + r.score;
  } catch (e) {
    document.title = 'error:' + (e && e.message || e);
    throw e;
  }
`;
  writeFiles(dir, {
    // What the README shows: the default export, wasm fetched from next to the bundle.
    'src/copied.js': `import init, { analyze, sampleProduct } from 'market-validation';\n${body('await init();')}`,
    // The wasm through the package's "./market_validation_bg.wasm" export and esbuild's file loader.
    'src/loader.js': `import init, { analyze, sampleProduct } from 'market-validation';
import wasmUrl from 'market-validation/market_validation_bg.wasm';
${body('await init({ module_or_path: wasmUrl });')}`,
    // Scoring only: init({ parts: ['score'] }); an analysis then throws a clear Error.
    'src/parts.js': `import init, { analyze, sampleProduct, analyzeSurvey } from 'market-validation';
${body(`await init({ parts: ['score'] });
    let message = '';
    try { analyzeSurvey('x'); } catch (e) { message = e.message; }
    if (!message.includes('"analyses" part')) throw new Error('analyzeSurvey without its part: ' + message);`)}`,
    // One part alone, by its subpath: its own init, its own .wasm.
    'src/analyses.js': `import init, { analyzeSurvey } from 'market-validation/analyses';
try {
  await init();
  const r = analyzeSurvey('How likely are you to recommend us?\\n10\\n9\\n3\\n');
  window.__score = 50;
  document.title = r.nps.score === 100 / 3 ? 'score:50' : 'error:nps ' + r.nps.score;
} catch (e) {
  document.title = 'error:' + (e && e.message || e);
}
`,
    'dist/copied.html': page('copied'),
    'dist/loader.html': page('loader'),
    'dist/parts.html': page('parts'),
    'dist/analyses.html': page('analyses'),
  });
  let built;
  await check('bundle: esbuild --platform=browser --format=esm bundles the package', async () => {
    built = await esbuild.build({
      absWorkingDir: dir,
      entryPoints: ['src/copied.js', 'src/loader.js', 'src/parts.js', 'src/analyses.js'],
      bundle: true, platform: 'browser', format: 'esm', target: 'es2022',
      outdir: 'dist', loader: { '.wasm': 'file' }, assetNames: '[name]-[hash]',
      metafile: true, logLevel: 'silent',
    });
    if (built.warnings.length) return `warnings: ${built.warnings.map((w) => w.text).join('; ')}`;
  });
  if (!built) return;
  await check('bundle: resolved the browser build (web/), not the Node one', () => {
    const inputs = Object.keys(built.metafile.inputs);
    assert(inputs.some((i) => i.endsWith('node_modules/market-validation/web/market_validation.js')), `inputs: ${inputs.join(', ')}`);
    assert(!inputs.some((i) => i.includes('market-validation/node/')), `node build bundled: ${inputs.join(', ')}`);
  });
  // What a user of the plain `await init()` does: put the wasm beside the bundle.
  for (const wasm of ['market_validation_bg.wasm', 'market_validation_score_bg.wasm', 'market_validation_analyses_bg.wasm']) {
    fs.copyFileSync(path.join(dir, 'node_modules/market-validation/web', wasm), path.join(dir, 'dist', wasm));
  }

  let chromium;
  try { ({ chromium } = toolsRequire('playwright-core')); } catch (e) {
    record('browser: playwright-core', false, `playwright-core missing: run \`npm install\` in tools/ (${e.message})`);
    return;
  }
  if (!fs.existsSync(CHROMIUM)) { record('browser: chromium', false, `${CHROMIUM} not found (apt-get install chromium)`); return; }
  const { server, log, port } = await serve(path.join(dir, 'dist'));
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const what = {
      copied: 'await init() with the wasm copied beside the bundle',
      loader: 'init({ module_or_path }) with esbuild\'s file loader',
      parts: 'init({ parts: [\'score\'] }) fetches only the score part\'s wasm, and an analysis says which part to load',
      analyses: '"market-validation/analyses" alone fetches only its own wasm and analyses a survey',
    };
    /** The .wasm each variant may fetch, and must. */
    const wasmOf = { copied: /^\/market_validation_bg\.wasm$/, loader: /^\/market_validation_bg-[A-Z0-9]+\.wasm$/, parts: /^\/market_validation_score_bg\.wasm$/, analyses: /^\/market_validation_analyses_bg\.wasm$/ };
    for (const variant of /** @type {Array<keyof typeof what>} */ (['copied', 'loader', 'parts', 'analyses'])) {
      await check(`browser: ${what[variant]}${variant === 'analyses' ? '' : ' (and computes the score)'}`, async () => {
        const before = log.length;
        const ctx = await browser.newContext();
        const pg = await ctx.newPage();
        const problems = [];
        pg.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
        pg.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`); });
        pg.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
        pg.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`); });
        try {
          await pg.goto(`http://127.0.0.1:${port}/${variant}.html`);
          await pg.waitForFunction(() => document.title.startsWith('score:') || document.title.startsWith('error:'), null, { timeout: 15_000 });
          const title = await pg.title();
          const score = await pg.evaluate(() => window.__score);
          if (problems.length) return problems.join(' ; ');
          if (!title.startsWith('score:')) return `page says ${title}`;
          if (!(score >= 0 && score <= 100)) return `score = ${score}`;
          if (variant !== 'analyses' && Number.isFinite(referenceScore) && Math.abs(score - referenceScore) > 1e-9) return `browser score ${score} != Node score ${referenceScore}`;
          const wasm = log.slice(before).map((l) => l.replace(/^\d+ /, '')).filter((u) => u.endsWith('.wasm'));
          if (wasm.length !== 1 || !wasmOf[variant].test(wasm[0])) return `fetched ${wasm.join(', ') || 'no wasm'}`;
        } finally {
          await ctx.close();
        }
      });
    }
    await check('browser: wasm was served as application/wasm (streaming compile, no fallback)', () => {
      assert(log.some((l) => /^200 \/market_validation_bg\.wasm$/.test(l)), `requests: ${log.join(', ')}`);
      assert(log.some((l) => /^200 \/market_validation_bg-[A-Z0-9]+\.wasm$/.test(l)), `requests: ${log.join(', ')}`);
      assert(!log.some((l) => l.startsWith('404')), `requests: ${log.join(', ')}`);
    });
  } finally {
    if (browser) await browser.close();
    server.close();
  }
}

// ------------------------------------------------------------------- main

async function main() {
  for (const f of ['package.json', 'web/market_validation.js', 'web/market_validation_bg.wasm', 'node/market_validation.js']) {
    if (!fs.existsSync(path.join(PKG, f))) {
      record('pkg/ is built', false, `pkg/${f} missing: run bash scripts/build.sh`);
      return;
    }
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mv-package-'));
  const cleanup = () => { if (!process.env.KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true }); };
  process.on('SIGINT', () => { cleanup(); process.exit(130); });
  process.on('SIGTERM', () => { cleanup(); process.exit(143); });
  try {
    // 1. The tarball.
    const packed = await run('npm', ['pack', PKG, '--pack-destination', tmp, '--json', '--loglevel=error'], { cwd: tmp });
    let tarball;
    await check('npm pack pkg/', () => {
      if (packed.code !== 0) return `exit ${packed.code}\n${indent(npmNoise(packed.stderr))}`;
      const info = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')))[0];
      tarball = path.join(tmp, info.filename);
      assert(fs.existsSync(tarball), `${tarball} not written`);
    });
    if (!tarball) return;
    const entries = readTgz(tarball);
    const names = entries.map((e) => e.name.replace(/^package\//, '')).sort();
    const spec = JSON.parse(entries.find((e) => e.name === 'package/package.json').data.toString('utf8'));
    const tgzSize = fs.statSync(tarball).size;
    const unpacked = entries.reduce((n, e) => n + e.size, 0);
    console.log(`      tarball ${path.basename(tarball)}: ${(tgzSize / 1024).toFixed(1)} KiB packed, ${(unpacked / 1024).toFixed(1)} KiB unpacked, ${names.length} files`);

    await check('tarball: every entry is under package/ and is a regular file', () => {
      const odd = entries.filter((e) => !e.name.startsWith('package/') || e.type !== '0');
      if (odd.length) return odd.map((e) => `${e.name} (type ${e.type})`).join(', ');
    });
    const required = ['package.json', 'README.md',
      'web/market_validation.js', 'web/market_validation_bg.wasm', 'web/market_validation.d.ts',
      'node/package.json', 'node/index.mjs', 'node/index.d.mts', 'node/market_validation.js',
      'node/market_validation.d.ts'];
    await check('tarball: has web/*.js, *.wasm, *.d.ts, node/*, package.json, README.md', () => {
      const missing = required.filter((f) => !names.includes(f));
      if (missing.length) return `missing: ${missing.join(', ')}`;
    });
    await check('tarball: nothing unexpected (no templates/, dotfiles, sources)', () => {
      const allowed = [/^package\.json$/, /^README\.md$/, /^LICENSE[-.\w]*$/,
        /^web\/[\w.-]+\.(js|wasm|d\.ts)$/, /^node\/[\w-]+(\.[\w]+)*$/,
        // The entries beside them: slim/, inline/ (base64), workerd/.
        /^(slim|inline|workerd)\/[\w.-]+\.(js|d\.ts)$/, /^bin\/[\w.-]+\.mjs$/,
        // The bindings' JS snippets (src/wasm/reads.js), which they import.
        /^(web|node)\/snippets\/market-validation-[0-9a-f]+\/src\/wasm\/[\w-]+\.js$/];
      const extra = names.filter((f) => !allowed.some((re) => re.test(f)) || /(^|\/)\./.test(f) || f.startsWith('templates/'));
      if (extra.length) return `unexpected: ${extra.join(', ')}`;
    });
    await check('tarball: every file the packed JS imports or requires is packed', () => {
      const missing = [];
      let snippets = 0;
      for (const e of entries.filter((x) => /^package\/(web|node|slim|inline|workerd|bin)\/.*\.(m?js)$/.test(x.name))) {
        const file = e.name.replace(/^package\//, '');
        const js = e.data.toString('utf8');
        const refs = [...js.matchAll(/(?:\bfrom|\brequire\(|\bimport\()\s*(?:String\.raw)?[`'"](\.{1,2}\/[^`'"$]+)[`'"]/g)].map((m) => m[1]);
        for (const ref of new Set(refs)) {
          const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), ref));
          if (target.includes('/snippets/')) snippets++;
          if (!names.includes(target)) missing.push(`${target} (from ${file})`);
        }
      }
      assert(snippets > 0, 'no JS file imports a snippet: the check would pass vacuously');
      if (missing.length) return `missing: ${missing.join(', ')}`;
    });
    await check('tarball: every path package.json points at (main, module, types, exports) is packed', () => {
      const targets = new Set();
      const walk = (v) => {
        if (typeof v === 'string') targets.add(v.replace(/^\.\//, ''));
        else if (v && typeof v === 'object') Object.values(v).forEach(walk);
      };
      walk([spec.main, spec.module, spec.types, spec.exports]);
      const missing = [...targets].filter((t) => !names.includes(t));
      if (missing.length) return `missing: ${missing.join(', ')}`;
    });
    await check('tarball: the .wasm files are valid WebAssembly', () => {
      for (const e of entries.filter((x) => x.name.endsWith('.wasm'))) {
        assert(WebAssembly.validate(e.data), `${e.name} does not validate`);
      }
    });
    await check('tarball: package.json version equals the version in Cargo.toml', () => {
      const cargo = fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8').match(/^\s*version\s*=\s*"([^"]+)"/m);
      assert(cargo && cargo[1] === spec.version, `Cargo.toml ${cargo && cargo[1]} vs package.json ${spec.version}`);
    });

    // 2. Fresh projects, installed in parallel from the same tarball.
    const kinds = [['esm', 'module'], ['cjs', 'commonjs'], ['web-in-node', 'module'], ['types', 'module'], ['bundle', 'module']];
    const dirs = {};
    await Promise.all(kinds.map(async ([name, type]) => {
      await check(`${name}: npm install <tarball> in a fresh "type": "${type}" project`, async () => {
        dirs[name] = await makeProject(tmp, name, type, tarball);
      });
    }));
    const installedVersion = (d) => JSON.parse(fs.readFileSync(path.join(d, 'node_modules/market-validation/package.json'), 'utf8')).version;
    const jobs = [];
    let referenceScore = NaN;
    if (dirs.esm) jobs.push(testEsm(dirs.esm, { version: installedVersion(dirs.esm) }));
    if (dirs.cjs) jobs.push(testCjs(dirs.cjs, { version: installedVersion(dirs.cjs) }).then((s) => { referenceScore = s; }));
    if (dirs['web-in-node']) jobs.push(testWebInNode(dirs['web-in-node'], { version: installedVersion(dirs['web-in-node']) }));
    if (dirs.types) jobs.push(testTypes(dirs.types));
    await Promise.all(jobs);
    if (dirs.bundle) await testBundle(dirs.bundle, referenceScore);
    // 3. The entries for every bundler and runtime, each in its own fresh project.
    await testConsumers(tmp, tarball, referenceScore);
    // 4. The tools users build with: Node 18 and 22, Vite, webpack, Jest, Vitest, TypeScript 5.0.
    await testMatrix(tmp, tarball);
  } finally {
    cleanup();
  }
}

try {
  await main();
} catch (e) {
  record('test runner', false, e && e.stack || String(e));
}
console.log(`      (${((Date.now() - started) / 1000).toFixed(1)} s)`);
console.log(`${tally.passed} passed, ${tally.failed} failed`);
process.exit(tally.failed ? 1 : 0);
