#!/usr/bin/env node
// Benchmark of analyzeSurvey() (pkg/node, the CommonJS build) against
// PapaParse on a 1,000,000-row survey export. Prints figures; it is not a
// test, though it says whether the answer counts agree with the generator's.
//
//   node bench/survey.mjs [--rows N] [--runs R] [--seed S] [--regen] [--skip-ours]
//
// Run `bash scripts/build.sh` first, and `npm ci` in tools/ (PapaParse is a
// devDependency there). The parent process:
//   - generates bench/out/survey-<N>.csv with bench/gen-survey-csv.mjs, or
//     reuses it when its .counts.json sidecar matches (--regen to remake it);
//   - runs each contender in a child process of its own (node bench/survey.mjs
//     --only MODE --file F), so that each one's peak memory is its own:
//       ours        analyzeSurvey(text, { columns }) on the file read as a string
//       ours-bytes  analyzeSurvey(bytes, { columns }) on the file read as a Uint8Array
//       papa        Papa.parse(text, { header: true,  skipEmptyLines: true }), parse only
//       papa-array  Papa.parse(text, { header: false, skipEmptyLines: true }), parse only
//     Each child reads the file once, runs 1 warm-up and R timed runs (default
//     5) on the same input, with a gc() before each (not timed), and reports
//     the median; peak RSS is sampled every 20 ms by a worker thread (the main
//     thread is busy inside the call) and also read from the kernel's
//     high-water mark, process.resourceUsage().maxRSS;
//   - prints the comparison table: times, ratio (PapaParse time / ours: above
//     1 means ours is faster), rows/s, MB/s (10^6 bytes of the file a second)
//     and peak memory; then the answer counts from ours (NPS, Sean Ellis,
//     CSAT, features, segments, skipped rows) and PapaParse's row and cell
//     counts against the generator's sidecar, and "counts agree: yes/no"
//     (counts only; the score, shares and intervals recomputed from the
//     sidecar's counts by the published formulas are shown as "(info)").
//
// MV_NODE_ENTRY=path/to/market_validation.js benchmarks another CommonJS
// build than pkg/node. --skip-ours runs only the PapaParse side (to check the
// harness before analyzeSurvey exists); without it the script stops at once,
// with a message, if pkg/node does not export analyzeSurvey.

import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  generate, sidecarPath, defaultPath, COLUMNS, GENERATOR_VERSION, DEFAULT_ROWS, DEFAULT_SEED,
} from './gen-survey-csv.mjs';
import { table } from './table.mjs';

const SCRIPT = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SCRIPT), '..');
// MV_NODE_ENTRY points the bench at another CommonJS build (default pkg/node).
const NODE_ENTRY = process.env.MV_NODE_ENTRY ? path.resolve(process.env.MV_NODE_ENTRY)
  : path.join(ROOT, 'pkg', 'node', 'market_validation.js');
const TOOLS = path.join(ROOT, 'tools');
const RESULT_TAG = '@@survey-bench-result ';
const SAMPLE_MS = 20;

// ------------------------------------------------------------ arguments

const argv = process.argv.slice(2);
function flag(name) { return argv.includes(`--${name}`); }
function opt(name, fallback) {
  const i = argv.indexOf(`--${name}`);
  return i < 0 ? fallback : argv[i + 1];
}
function num(name, fallback, min) {
  const raw = opt(name, undefined);
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min) { console.error(`--${name} needs a whole number >= ${min}`); process.exit(2); }
  return v;
}
const ONLY = opt('only', null);
const RUNS = num('runs', 5, 1);

// ------------------------------------------------------------ helpers

const fmtInt = (n) => Math.round(n).toLocaleString('en-US');
const fmtS = (ns) => `${(ns / 1e9).toFixed(3)} s`;
const fmtMiB = (kib) => (kib == null ? '-' : `${fmtInt(kib / 1024)} MiB`);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
/** Reads a key of a plain object or a Map (serde-wasm-bindgen may give either). */
function get(obj, ...keys) {
  let x = obj;
  for (const k of keys) {
    if (x == null) return undefined;
    x = x instanceof Map ? x.get(k) : x[k];
  }
  return x;
}
function columnsOption() {
  return {
    columns: {
      nps: COLUMNS.nps, pmf: COLUMNS.pmf, csat: COLUMNS.csat, segment: COLUMNS.segment, features: COLUMNS.features,
    },
  };
}
function surveyExport() {
  if (!fs.existsSync(NODE_ENTRY)) {
    return { error: `${path.relative(ROOT, NODE_ENTRY)} is missing: pkg/ is not built; run bash scripts/build.sh` };
  }
  const mv = createRequire(import.meta.url)(NODE_ENTRY);
  if (typeof mv.analyzeSurvey !== 'function') {
    return {
      error: `analyzeSurvey is not exported by ${path.relative(ROOT, NODE_ENTRY)} yet ` +
        `(typeof analyzeSurvey = ${typeof mv.analyzeSurvey}): the survey analysis has not landed in the ` +
        'package, or pkg/ predates it; rebuild with bash scripts/build.sh. ' +
        '(--skip-ours runs the PapaParse side alone.)',
    };
  }
  return { mv };
}

// ------------------------------------------------------------ child: one contender

/** Samples process-wide RSS every 20 ms from a worker thread, into shared memory (KiB). */
function startRssSampler() {
  const shared = new Int32Array(new SharedArrayBuffer(4));
  Atomics.store(shared, 0, Math.round(process.memoryUsage.rss() / 1024));
  const worker = new Worker(`
    const { workerData } = require('node:worker_threads');
    const peak = new Int32Array(workerData);
    const tick = () => {
      const kib = Math.round(process.memoryUsage.rss() / 1024);
      if (kib > Atomics.load(peak, 0)) Atomics.store(peak, 0, kib);
    };
    setInterval(tick, ${SAMPLE_MS});
  `, { eval: true, workerData: shared.buffer });
  worker.unref();
  return {
    peakKiB: () => Atomics.load(shared, 0),
    sampleNow: () => { const kib = Math.round(process.memoryUsage.rss() / 1024); if (kib > Atomics.load(shared, 0)) Atomics.store(shared, 0, kib); },
    stop: () => worker.terminate(),
  };
}

function countNonBlank(rows, key) {
  let n = 0;
  for (const r of rows) { const v = r[key]; if (v != null && String(v).trim() !== '') n++; }
  return n;
}

async function child(mode, file) {
  const gc = typeof globalThis.gc === 'function' ? globalThis.gc : () => {};
  const sampler = startRssSampler();
  let run;
  let summarize;

  if (mode === 'ours' || mode === 'ours-bytes') {
    const { mv, error } = surveyExport();
    if (error) { console.error(`bench/survey.mjs: ${error}`); process.exit(3); }
    // The bytes as a plain Uint8Array view of the file's Buffer (no copy).
    const input = mode === 'ours' ? fs.readFileSync(file, 'utf8')
      : ((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength))(fs.readFileSync(file));
    const options = columnsOption();
    run = () => mv.analyzeSurvey(input, options);
    summarize = (r) => {
      // Only what the parent prints and checks: the full result holds a
      // row report and per-segment summaries it does not need.
      const pick = (...k) => get(r, ...k);
      const segs = pick('segments', 'segments') ?? pick('segments');
      const list = segs instanceof Map ? [...segs.values()] : Array.isArray(segs) ? segs : segs ? Object.values(segs) : undefined;
      const out = {
        responses: pick('responses'),
        skipped: pick('skipped', 'count'),
        invalidAnswers: pick('invalidAnswers', 'count'),
        confidenceLevel: pick('confidenceLevel'),
        nps: Object.fromEntries(['n', 'blank', 'score', 'promoters', 'passives', 'detractors', 'interval', 'method', 'distribution']
          .map((k) => [k, pick('nps', k)])),
        pmf: Object.fromEntries(['n', 'blank', 'veryDisappointed', 'somewhatDisappointed', 'notDisappointed', 'noLongerUse',
          'veryDisappointedShare', 'interval', 'z', 'pValue', 'verdict'].map((k) => [k, pick('pmf', k)])),
        csat: Object.fromEntries(['n', 'blank', 'satisfied', 'share', 'interval', 'mean', 'distribution'].map((k) => [k, pick('csat', k)])),
        features: (pick('features') ?? []).map((f) => ({ name: get(f, 'name'), n: get(f, 'n') })),
        segments: list?.map((g) => ({ name: get(g, 'name'), responses: get(g, 'responses') })),
        columns: Object.fromEntries(['nps', 'pmf', 'csat', 'segment'].map((k) => [k, pick('columns', k, 'detectedBy')])),
      };
      // Maps (serde-wasm-bindgen) do not survive JSON: turn them into objects.
      return JSON.parse(JSON.stringify(out, (_k, v) => (v instanceof Map ? Object.fromEntries(v) : v)));
    };
  } else if (mode === 'papa' || mode === 'papa-array') {
    let Papa;
    try {
      Papa = createRequire(path.join(TOOLS, 'package.json'))('papaparse');
    } catch {
      console.error('bench/survey.mjs: papaparse is not installed in tools/node_modules: run (cd tools && npm ci)');
      process.exit(3);
    }
    const text = fs.readFileSync(file, 'utf8');
    const header = mode === 'papa';
    run = () => Papa.parse(text, { header, skipEmptyLines: true });
    summarize = (res) => {
      const rows = header ? res.data : res.data.slice(1);
      const data = header ? res.data : (() => {
        // Count the answered cells by column index from the header row.
        const h = res.data[0];
        const idx = Object.fromEntries(h.map((name, i) => [name, i]));
        return rows.map((r) => ({
          [COLUMNS.nps]: r[idx[COLUMNS.nps]], [COLUMNS.pmf]: r[idx[COLUMNS.pmf]], [COLUMNS.csat]: r[idx[COLUMNS.csat]],
        }));
      })();
      return {
        rows: rows.length,
        errors: res.errors.length,
        firstError: res.errors[0] ?? null,
        nonBlank: {
          nps: countNonBlank(data, COLUMNS.nps),
          pmf: countNonBlank(data, COLUMNS.pmf),
          csat: countNonBlank(data, COLUMNS.csat),
        },
      };
    };
  } else {
    console.error(`--only takes ours, ours-bytes, papa or papa-array, not ${mode}`);
    process.exit(2);
  }

  gc();
  sampler.sampleNow();
  const baselineKiB = Math.round(process.memoryUsage.rss() / 1024);
  const times = [];
  let last;
  for (let i = 0; i <= RUNS; i++) {
    last = null;
    gc();
    const t0 = process.hrtime.bigint();
    last = run();
    const ns = Number(process.hrtime.bigint() - t0);
    sampler.sampleNow();
    if (i > 0) times.push(ns); // run 0 is the warm-up
    process.stderr.write(`  ${mode}: ${i === 0 ? 'warm-up' : `run ${i}/${RUNS}`} ${fmtS(ns)}\n`);
    if (i < RUNS && last && typeof last.free === 'function') { last.free(); }
  }
  const summary = summarize(last);
  if (last && typeof last.free === 'function') last.free();
  sampler.sampleNow();
  const result = {
    mode,
    runs: RUNS,
    timesNs: times,
    medianNs: median(times),
    minNs: Math.min(...times),
    maxNs: Math.max(...times),
    baselineRssKiB: baselineKiB,
    peakRssKiB: sampler.peakKiB(),
    maxRssKiB: process.resourceUsage().maxRSS,
    summary,
  };
  await sampler.stop();
  process.stdout.write(`${RESULT_TAG}${JSON.stringify(result)}\n`);
}

// ------------------------------------------------------------ parent

function ensureData(rows, seed, regen) {
  const file = defaultPath(rows, ROOT);
  const side = sidecarPath(file);
  if (!regen && fs.existsSync(file) && fs.existsSync(side)) {
    try {
      const s = JSON.parse(fs.readFileSync(side, 'utf8'));
      if (s.version === GENERATOR_VERSION && s.rows === rows && s.seed === seed && fs.statSync(file).size === s.bytes) {
        console.log(`reusing ${path.relative(ROOT, file)} (${fmtInt(s.bytes)} bytes)`);
        return { file, sidecar: s };
      }
    } catch { /* remake it */ }
  }
  process.stdout.write(`generating ${path.relative(ROOT, file)} (${fmtInt(rows)} rows, seed ${seed}) ... `);
  const t0 = process.hrtime.bigint();
  const s = generate({ rows, seed, out: file });
  console.log(`${fmtInt(s.bytes)} bytes in ${fmtS(Number(process.hrtime.bigint() - t0))}`);
  return { file, sidecar: s };
}

function runChild(mode, file) {
  const r = spawnSync(process.execPath,
    ['--expose-gc', '--max-old-space-size=16384', SCRIPT, '--only', mode, '--file', file, '--runs', String(RUNS)],
    { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const line = (r.stdout || '').split('\n').find((l) => l.startsWith(RESULT_TAG));
  if (r.status !== 0 || !line) {
    return { mode, failed: `exit ${r.status ?? r.signal}${r.stdout ? `: ${r.stdout.trim().slice(-500)}` : ''}` };
  }
  return JSON.parse(line.slice(RESULT_TAG.length));
}


async function parent() {
  const rows = num('rows', DEFAULT_ROWS, 1);
  const seed = num('seed', DEFAULT_SEED, 0);
  const skipOurs = flag('skip-ours');

  if (!skipOurs) {
    const { error } = surveyExport();
    if (error) { console.error(`bench/survey.mjs: ${error}`); process.exit(1); }
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`survey bench: Node ${process.version}, ${process.platform}/${process.arch}, ${os.cpus().length} x ${cpu}, ` +
    `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; ${RUNS} run${RUNS === 1 ? "" : "s"} after 1 warm-up, median`);
  const { file, sidecar } = ensureData(rows, seed, flag('regen'));
  const bytes = sidecar.bytes;

  const modes = skipOurs ? ['papa', 'papa-array'] : ['ours', 'ours-bytes', 'papa', 'papa-array'];
  const results = {};
  for (const m of modes) {
    console.log(`\n[${m}] node bench/survey.mjs --only ${m}`);
    results[m] = runChild(m, file);
    if (results[m].failed) console.log(`  ${m} FAILED: ${results[m].failed}`);
  }

  const label = {
    ours: 'ours: analyzeSurvey(string)',
    'ours-bytes': 'ours: analyzeSurvey(Uint8Array)',
    papa: 'PapaParse header:true (parse only)',
    'papa-array': 'PapaParse header:false (parse only)',
  };
  const oursNs = results.ours && !results.ours.failed ? results.ours.medianNs : null;
  table(`${fmtInt(rows)} rows, ${fmtInt(bytes)} bytes (${(bytes / 1e6).toFixed(1)} MB): ${path.relative(ROOT, file)}`,
    ['contender', 'median', 'min..max', 'rows/s', 'MB/s', 'PapaParse/ours', 'RSS before', 'peak RSS (20 ms)', 'maxRSS'],
    modes.map((m) => {
      const r = results[m];
      if (r.failed) return [label[m], 'failed', '-', '-', '-', '-', '-', '-', '-'];
      const s = r.medianNs / 1e9;
      const ratio = m.startsWith('papa') && oursNs ? `${(r.medianNs / oursNs).toFixed(2)}x` : '-';
      return [label[m], fmtS(r.medianNs), `${(r.minNs / 1e9).toFixed(3)}..${(r.maxNs / 1e9).toFixed(3)}`,
        fmtInt(rows / s), (bytes / 1e6 / s).toFixed(1), ratio,
        fmtMiB(r.baselineRssKiB), fmtMiB(r.peakRssKiB), fmtMiB(r.maxRssKiB)];
    }));
  console.log('PapaParse/ours = PapaParse median time / ours (string) median time; above 1 means ours is faster.');
  console.log('RSS before = after reading the file and loading the code; peak RSS sampled every 20 ms by a worker ' +
    'thread; maxRSS = the kernel\'s high-water mark for the child process.');

  // ---------------------------------------------------------- counts
  const c = sidecar.counts;
  const checks = [];
  const check = (what, got, want, gate = true) => checks.push({ what, got, want, ok: got === want, gate });
  const near = (what, got, want, gate = false, tol = 1e-9) =>
    checks.push({ what, got, want, ok: typeof got === 'number' && Math.abs(got - want) <= tol * Math.max(1, Math.abs(want)), gate });

  const z = 1.959963984540054; // 95%, the default confidence level
  const wilson = (k, n) => {
    const p = k / n, z2 = z * z, den = 1 + z2 / n;
    const centre = (p + z2 / (2 * n)) / den, half = (z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))) / den;
    return [Math.max(0, centre - half), Math.min(1, centre + half)];
  };
  // Adjusted Wald (Rocks 2016): n + 3, promoters and detractors + 3/4, in points.
  const adjWald = (P, D, n) => {
    const n2 = n + 3, p = (P + 0.75) / n2, d = (D + 0.75) / n2, s = p - d;
    const se = Math.sqrt((p + d - s * s) / n2);
    return [100 * Math.max(-1, s - z * se), 100 * Math.min(1, s + z * se)];
  };
  const same = (a, b) => Array.isArray(a) && a.length === b.length && a.every((x, i) => x === b[i]);
  for (const m of ['ours', 'ours-bytes']) {
    const r = results[m];
    if (!r || r.failed) continue;
    const s = r.summary;
    if (m === 'ours-bytes' && results.ours && !results.ours.failed) {
      // Same file, same options: the answer must not depend on the input's type.
      const sameResult = JSON.stringify(s) === JSON.stringify(results.ours.summary);
      console.log(`\n${label[m]}: ${sameResult ? 'the same figures as from the string' : 'DIFFERENT figures from the string'}`);
      check(`${m}: same result as from the string`, sameResult ? 'same' : 'differs', 'same');
      continue;
    }
    console.log(`\n${label[m]} answered: NPS n ${s.nps.n}, PMF n ${s.pmf.n}, CSAT n ${s.csat.n}; ` +
      `responses ${s.responses}, skipped ${s.skipped}, invalid answers ${s.invalidAnswers}, ` +
      `segments ${s.segments?.length}, features ${s.features.map((f) => `${f.name} ${f.n}`).join(', ')}`);
    console.log(`  NPS ${s.nps.score?.toFixed?.(2)} (${s.nps.method}) interval ${JSON.stringify(s.nps.interval)}; ` +
      `very disappointed ${s.pmf.veryDisappointedShare?.toFixed?.(4)} interval ${JSON.stringify(s.pmf.interval)} ` +
      `z ${s.pmf.z?.toFixed?.(2)} verdict ${s.pmf.verdict}; CSAT ${s.csat.share?.toFixed?.(4)} interval ${JSON.stringify(s.csat.interval)}`);
    check(`${m}: NPS n`, s.nps.n, c.nps.answered);
    check(`${m}: NPS blank`, s.nps.blank, c.nps.blank);
    check(`${m}: NPS promoters`, s.nps.promoters, c.nps.promoters);
    check(`${m}: NPS passives`, s.nps.passives, c.nps.passives);
    check(`${m}: NPS detractors`, s.nps.detractors, c.nps.detractors);
    check(`${m}: NPS answers by score 0..10`, same(s.nps.distribution, c.nps.byScore) ? 'same' : JSON.stringify(s.nps.distribution), 'same');
    // The Sean Ellis share leaves "N/A, I no longer use it" out: n is the users.
    check(`${m}: PMF n (users, N/A left out)`, s.pmf.n, c.pmf.users);
    check(`${m}: PMF blank`, s.pmf.blank, c.pmf.blank);
    check(`${m}: PMF very disappointed`, s.pmf.veryDisappointed, c.pmf.very);
    check(`${m}: PMF somewhat disappointed`, s.pmf.somewhatDisappointed, c.pmf.somewhat);
    check(`${m}: PMF not disappointed`, s.pmf.notDisappointed, c.pmf.not);
    check(`${m}: PMF no longer use`, s.pmf.noLongerUse, c.pmf.noLongerUse);
    check(`${m}: CSAT n`, s.csat.n, c.csat.answered);
    check(`${m}: CSAT blank`, s.csat.blank, c.csat.blank);
    check(`${m}: CSAT satisfied (4-5)`, s.csat.satisfied, c.csat.top2);
    check(`${m}: CSAT answers by score 1..5`, same(s.csat.distribution, c.csat.byScore) ? 'same' : JSON.stringify(s.csat.distribution), 'same');
    for (const f of COLUMNS.features) {
      check(`${m}: ${f} n`, s.features.find((x) => x.name === f)?.n, c.features[f].answered);
    }
    for (const [name, n] of Object.entries(c.segments)) {
      check(`${m}: segment ${name}`, s.segments?.find((g) => g.name === name)?.responses, n);
    }
    check(`${m}: rows skipped`, s.skipped, 0);
    check(`${m}: invalid answers`, s.invalidAnswers, 0);
    check(`${m}: responses (rows with a usable answer)`, s.responses, sidecar.rows);
    // The figures, recomputed here from the generator's counts (formulas as
    // published: Rocks 2016 adjusted Wald; Wilson 1927 / Newcombe 1998).
    near(`${m}: NPS score (points)`, s.nps.score, 100 * (c.nps.promoters - c.nps.detractors) / c.nps.answered);
    if (s.nps.method === 'adjusted-wald' && Array.isArray(s.nps.interval)) {
      const [lo, hi] = adjWald(c.nps.promoters, c.nps.detractors, c.nps.answered);
      near(`${m}: NPS interval low (adjusted Wald)`, s.nps.interval[0], lo, false, 1e-6);
      near(`${m}: NPS interval high (adjusted Wald)`, s.nps.interval[1], hi, false, 1e-6);
    }
    near(`${m}: very disappointed share`, s.pmf.veryDisappointedShare, c.pmf.very / c.pmf.users);
    if (Array.isArray(s.pmf.interval)) {
      const [lo, hi] = wilson(c.pmf.very, c.pmf.users);
      near(`${m}: PMF interval low (Wilson)`, s.pmf.interval[0], lo, false, 1e-6);
      near(`${m}: PMF interval high (Wilson)`, s.pmf.interval[1], hi, false, 1e-6);
    }
    const pv = c.pmf.very / c.pmf.users;
    near(`${m}: PMF z against 0.40`, s.pmf.z, (pv - 0.4) / Math.sqrt(0.4 * 0.6 / c.pmf.users), false, 1e-6);
    near(`${m}: CSAT share (4-5)`, s.csat.share, c.csat.top2 / c.csat.answered);
    if (Array.isArray(s.csat.interval)) {
      const [lo, hi] = wilson(c.csat.top2, c.csat.answered);
      near(`${m}: CSAT interval low (Wilson)`, s.csat.interval[0], lo, false, 1e-6);
      near(`${m}: CSAT interval high (Wilson)`, s.csat.interval[1], hi, false, 1e-6);
    }
  }
  for (const m of ['papa', 'papa-array']) {
    const r = results[m];
    if (!r || r.failed) continue;
    const s = r.summary;
    console.log(`\n${label[m]}: ${fmtInt(s.rows)} data rows, ${s.errors} errors${s.firstError ? ` (first: ${JSON.stringify(s.firstError)})` : ''}`);
    check(`${m}: rows`, s.rows, sidecar.rows);
    check(`${m}: parse errors`, s.errors, 0);
    check(`${m}: non-blank NPS cells`, s.nonBlank.nps, c.nps.answered);
    check(`${m}: non-blank PMF cells`, s.nonBlank.pmf, c.pmf.answered);
    check(`${m}: non-blank CSAT cells`, s.nonBlank.csat, c.csat.answered);
  }
  table(`Counts against the generator (${path.relative(ROOT, sidecarPath(file))})`,
    ['check', 'got', 'generator', 'agree'],
    checks.map((k) => [k.what, k.got === undefined ? 'missing' : typeof k.got === 'number' && !Number.isInteger(k.got) ? k.got.toFixed(6) : k.got,
      typeof k.want === 'number' && !Number.isInteger(k.want) ? k.want.toFixed(6) : k.want, `${k.ok ? 'yes' : 'NO'}${k.gate ? '' : ' (info)'}`]));
  const gated = checks.filter((k) => k.gate);
  const failedRuns = modes.filter((m) => results[m].failed);
  const agree = gated.length > 0 && gated.every((k) => k.ok) && failedRuns.length === 0;
  console.log(`\ncounts agree: ${agree ? 'yes' : 'no'}${skipOurs ? ' (PapaParse side only: --skip-ours)' : ''}`);
  if (failedRuns.length) {
    console.log(`failed: ${failedRuns.join(', ')}`);
    process.exitCode = 1;
  }
}

if (ONLY) {
  const file = opt('file', null);
  if (!file) { console.error('--only needs --file'); process.exit(2); }
  await child(ONLY, file);
} else {
  await parent();
}
