#!/usr/bin/env node
// Instructions per call of the scorer, wasm in Node against native, counted
// under valgrind --tool=callgrind: a figure that repeats from run to run and
// does not move with the machine's load, where the timings of
// bench/analyze.mjs do (on a shared 2-core machine the native median of the
// JSON path was seen anywhere from 37 to 121 µs in one afternoon). Prints
// figures; it is not a test and asserts nothing.
//
//   node bench/instructions.mjs [--pkg DIR]
//
// Run `bash scripts/build.sh` first (DIR defaults to pkg/; give another
// build's pkg/ to compare builds). Needs valgrind (apt-get install -y
// valgrind). Rows:
//   - analyzeJson(text) -> text, Node's score part (opt-level 3) against
//     native analyze_json at the same opt-level (the bench-native profile);
//   - the same, the browser's score part (opt-level "z", pkg/web) against
//     native at "z" (the wasm-size profile);
//   - analyze(object) -> object, Node's score part, against native analyze
//     of the parsed sample (the JS object crossing has no native twin).
// Each side is counted twice, with 200 and 1,200 calls, and the difference
// divided by 1,000: start-up, compilation and the first calls cancel out.
// Node runs with --no-liftoff (every wasm function compiled once, by
// TurboFan, as hot code ends up) and --single-threaded (no compiler or
// collector threads), so that its count repeats too (within ~1%: 946k to 958k for one build on 2026-12-08).
//
// An instruction is not a unit of time: a division or a cache miss counts
// one. The ratio of counts tracks the ratio of times for this code (1.56
// against 1.54-1.57 on 2026-12-07), so it shows whether a change helps one
// side more than the other.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SELF = fileURLToPath(import.meta.url);
const [FEW, MANY] = [200, 1200];

// The driver: `node instructions.mjs --driver DIR node|web json|object N`,
// what runs under callgrind.
if (process.argv[2] === '--driver') {
  const [dir, build, call, n] = process.argv.slice(3);
  let mv;
  if (build === 'node') {
    mv = createRequire(import.meta.url)(path.join(dir, 'node', 'market_validation_score.js'));
  } else {
    mv = await import(pathToFileURL(path.join(dir, 'web', 'market_validation_score.js')).href);
    mv.initSync({ module: fs.readFileSync(path.join(dir, 'web', 'market_validation_score_bg.wasm')) });
  }
  const sample = mv.sampleProduct();
  const text = JSON.stringify(sample);
  let sink = 0;
  for (let i = 0; i < Number(n); i++) {
    sink += call === 'json' ? mv.analyzeJson(text).length : mv.analyze(sample).score;
  }
  if (!Number.isFinite(sink)) process.exit(1);
  process.exit(0);
}

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : process.argv[i + 1];
}
const PKG = path.resolve(arg('pkg', path.join(ROOT, 'pkg')));
for (const f of ['node/market_validation_score.js', 'web/market_validation_score.js']) {
  if (!fs.existsSync(path.join(PKG, f))) {
    console.error(`${PKG} is not a built package (no ${f}): run bash scripts/build.sh`);
    process.exit(1);
  }
}
if (spawnSync('valgrind', ['--version']).status !== 0) {
  console.error('valgrind is not installed: apt-get install -y valgrind');
  process.exit(1);
}

// The native examples, built as bench/analyze.mjs runs them.
const natives = {};
for (const profile of ['bench-native', 'wasm-size']) {
  const build = spawnSync('cargo', ['build', '-q', '--profile', profile, '--example', 'bench_native'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  natives[profile] = path.join(ROOT, 'target', profile, 'examples', 'bench_native');
}

/** Instructions callgrind counts for `command args`. */
function collected(command, args) {
  return new Promise((resolve, reject) => {
    const out = path.join(os.tmpdir(), `mv-instructions-${process.pid}-${Math.random().toString(36).slice(2)}`);
    const child = spawn('valgrind', ['--tool=callgrind', `--callgrind-out-file=${out}`, command, ...args], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => {
      fs.rmSync(out, { force: true });
      const m = stderr.match(/Collected : (\d+)/);
      if (code !== 0 || !m) reject(new Error(`${command} ${args.join(' ')} under callgrind failed (${code}):\n${stderr.slice(-2000)}`));
      else resolve(Number(m[1]));
    });
  });
}

/** Instructions per call: (count at MANY calls - count at FEW) / (MANY - FEW). */
async function perCall(command, argsFor) {
  const [few, many] = await Promise.all([collected(command, argsFor(FEW)), collected(command, argsFor(MANY))]);
  return (many - few) / (MANY - FEW);
}

const wasm = (build, call) => perCall(process.execPath, (n) => ['--no-liftoff', '--single-threaded', SELF, '--driver', PKG, build, call, String(n)]);
const native = (profile, json) => perCall(natives[profile], (n) => [...(json ? ['--json'] : []), '--calls', String(n)]);

// Two runs at a time: the machines have two cores.
const rows = [];
for (const [label, w, n] of [
  ['analyzeJson(text) -> text, Node build (opt-level 3)', () => wasm('node', 'json'), () => native('bench-native', true)],
  ['analyzeJson(text) -> text, browser build (opt-level z)', () => wasm('web', 'json'), () => native('wasm-size', true)],
  ['analyze(object) -> object, Node build (opt-level 3)', () => wasm('node', 'object'), () => native('bench-native', false)],
]) {
  const wasmCount = await w();
  const nativeCount = await n();
  rows.push([label, wasmCount, nativeCount]);
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const width = Math.max(...rows.map(([l]) => l.length));
console.log(`\nInstructions per call under callgrind (${PKG}; ${MANY} calls minus ${FEW}, per call)`);
console.log('-'.repeat(width + 48));
console.log(`  ${'call'.padEnd(width)}  ${'wasm'.padStart(11)}  ${'native'.padStart(11)}  ratio`);
for (const [label, w, n] of rows) {
  console.log(`  ${label.padEnd(width)}  ${fmt(w).padStart(11)}  ${fmt(n).padStart(11)}  ${(w / n).toFixed(2)}x`);
}
