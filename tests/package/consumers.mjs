// The package in the tools and runtimes its entries are for (issue 20), from
// a fresh project that installed the packed tarball: esbuild (browser IIFE
// and ESM, and a Node bundle run from a directory with no node_modules) and
// Rollup with `market-validation/inline`; esbuild with `market-validation/slim`
// and the .wasm served beside the bundle; Cloudflare's workerd running a
// worker bundled as wrangler bundles one (the `workerd` condition, .wasm
// files as modules); Deno (the inline entry with no permission, the Node
// build with --allow-read); Bun. Each loads every function, then the Parquet
// part on demand (the part a bundle most often fails to find), and checks a
// score and a Parquet file's users against the Node build's.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import {
  ROOT, TOOLS, toolsRequire, record, check, assert, indent, run, writeFiles, makeProject, serve, launchChromium,
  openPage, same,
} from './harness.mjs';
import { commandLine } from './command-line.mjs';

const bin = (name) => path.join(TOOLS, 'node_modules', '.bin', name);
const PARQUET = fs.readFileSync(path.join(ROOT, 'tests/fixtures/parquet/duckdb-snappy.parquet'));

// The checks every consumer runs: `init` loads every function, `parts` the
// Parquet part. Returns the figures compared with the Node build's.
const CHECKS = `import { PARQUET } from './parquet.js';

/** @param {any} mv @param {() => Promise<unknown>} init @param {() => Promise<unknown>} parts */
export async function checks(mv, init, parts) {
  const bytes = Uint8Array.from(atob(PARQUET), (c) => c.charCodeAt(0));
  await init();
  const score = mv.analyze(mv.sampleProduct()).score;
  let guard = false;
  try { mv.analyze({ usageMetrics: { retentionRate: 45 } }); } catch (e) { guard = mv.isMarketValidationError(e); }
  await parts();
  const users = mv.analyzeEventsCsv(bytes).analysis.users;
  return { score, users, guard };
}
`;

/** The checks' files, for a project's src/. */
export const CHECK_FILES = {
  'src/checks.js': CHECKS,
  'src/parquet.js': `export const PARQUET = ${JSON.stringify(PARQUET.toString('base64'))};\n`,
};

/** The figures the Node build gives for the same calls. */
export function expected(dir) {
  const mv = createRequire(path.join(dir, 'package.json'))('market-validation');
  return { score: mv.analyze(mv.sampleProduct()).score, users: mv.analyzeEventsCsv(PARQUET).analysis.users, guard: true };
}


/** A browser entry: runs the checks, puts the figures in the title. */
export const browserEntry = (specifier, init, parts) => `import * as mv from '${specifier}';
import { checks } from './checks.js';
checks(mv, () => ${init}, () => ${parts}).then(
  (r) => { document.title = 'done:' + JSON.stringify(r); },
  (e) => { document.title = 'error:' + (e && e.message || e); },
);
`;

export async function testConsumers(tmp, tarball) {
  let dir;
  await check('consumers: npm install <tarball> in a fresh project', async () => {
    dir = await makeProject(tmp, 'consumers', 'module', tarball);
  });
  if (!dir) return;
  const want = expected(dir);
  writeFiles(dir, {
    ...CHECK_FILES,
    'src/inline.js': browserEntry('market-validation/inline', 'mv.default()', "mv.default({ parts: ['parquet'] })"),
    'src/slim.js': browserEntry('market-validation/slim', "mv.default({ module_or_path: './market_validation_bg.wasm' })",
      "mv.default({ parts: ['parquet'], module_or_path: { parquet: './market_validation_parquet_bg.wasm' } })"),
    // No top-level await: a CommonJS bundle has none.
    'src/node.js': `import * as mv from 'market-validation/inline';
import { checks } from './checks.js';
checks(mv, () => mv.default(), () => mv.default({ parts: ['parquet'] })).then((r) => console.log(JSON.stringify(r)));
`,
    // Named imports only: a bundler must keep the workerd entry's loading (its side effect).
    'src/worker.js': `import init, { analyze, sampleProduct, analyzeEventsCsv, isMarketValidationError } from 'market-validation';
import { checks } from './checks.js';
const mv = { default: init, analyze, sampleProduct, analyzeEventsCsv, isMarketValidationError };
export default {
  async fetch() {
    try {
      return Response.json(await checks(mv, () => mv.default(), () => mv.default({ parts: ['parquet'] })));
    } catch (e) {
      return new Response(String(e && e.stack || e), { status: 500 });
    }
  },
};
`,
    'src/deno-inline.js': `import * as mv from 'market-validation/inline';
import { checks } from './checks.js';
console.log(JSON.stringify(await checks(mv, () => mv.default(), () => mv.default({ parts: ['parquet'] }))));
`,
    'src/plain.js': `import * as mv from 'market-validation';
import { checks } from './checks.js';
console.log(JSON.stringify(await checks(mv, () => mv.default(), () => mv.default({ parts: ['parquet'] }))));
`,
  });
  const esbuild = toolsRequire('esbuild');
  const builds = [];
  for (const [name, entry, format] of [['esbuild-iife', 'inline', 'iife'], ['esbuild-esm', 'inline', 'esm'], ['esbuild-slim', 'slim', 'iife']]) {
    await check(`esbuild --platform=browser --format=${format} bundles market-validation/${entry} with no warning`, async () => {
      const r = await esbuild.build({
        absWorkingDir: dir, entryPoints: [`src/${entry}.js`], bundle: true, platform: 'browser', format,
        target: 'es2022', outfile: `dist/${name}.js`, logLevel: 'silent',
      });
      if (r.warnings.length) return r.warnings.map((w) => w.text).join('; ');
      builds.push([name, format]);
    });
  }
  for (const wasm of ['market_validation_bg.wasm', 'market_validation_parquet_bg.wasm']) {
    fs.copyFileSync(path.join(dir, 'node_modules/market-validation/web', wasm), path.join(dir, 'dist', wasm));
  }
  await check('Rollup (node-resolve, ESM output, dynamic imports as chunks) bundles market-validation/inline with no warning', async () => {
    const { rollup } = toolsRequire('rollup');
    const { nodeResolve } = toolsRequire('@rollup/plugin-node-resolve');
    const warnings = [];
    const bundle = await rollup({ input: path.join(dir, 'src/inline.js'), plugins: [nodeResolve({ browser: true })], onwarn: (w) => warnings.push(w.message) });
    await bundle.write({ dir: path.join(dir, 'dist/rollup'), format: 'es' });
    await bundle.close();
    if (warnings.length) return warnings.join('; ');
    builds.push(['rollup/inline', 'esm']);
  });
  await browserChecks(dir, builds, want);
  await nodeBundle(dir, want);
  await workerd(dir, want);
  await denoAndBun(dir, want);
  await typescript(dir);
  await commandLine(dir, want);
  await check("Node: a part's ES module entry has init (import init from 'market-validation/score')", async () => {
    writeFiles(dir, { 'src/part.js': "import init, { analyze, sampleProduct } from 'market-validation/score';\nawait init();\nconsole.log(analyze(sampleProduct()).score);\n" });
    const r = await run(process.execPath, ['src/part.js'], { cwd: dir });
    if (r.code !== 0) return `exit ${r.code}\n${indent(r.stderr)}`;
    return same(Number(r.stdout), want.score);
  });
  await check('a function of a part entry called before init() says to call init() first', async () => {
    const glue = path.join(dir, 'node_modules/market-validation/web/market_validation_score.js');
    const part = await import(pathToFileURL(glue).href);
    try {
      part.analyze({});
    } catch (e) {
      return e.message.includes('call `await init()`') || e.message;
    }
    return 'no error';
  });
}

/**
 * The entries' types under tsc --strict (bundler resolution): with the DOM lib and without it
 * (a Node or Worker project), the error guard narrowing `catch (e)` with no cast, the .wasm
 * subpath typed as a module; the same file with its @ts-expect-error lines must fail without them.
 */
async function typescript(dir) {
  const app = `import init, { analyze, isMarketValidationError } from 'market-validation/inline';
import slimInit, { initSync } from 'market-validation/slim';
import wasm from 'market-validation/market_validation_bg.wasm';

export async function main(): Promise<number> {
  await init();
  await init({ parts: ['score', 'parquet'] });
  await slimInit({ module_or_path: new Uint8Array(0) });
  initSync({ module: wasm });
  try {
    return analyze({}).score;
  } catch (e) {
    // @ts-expect-error: e is unknown until narrowed
    e.problems;
    if (isMarketValidationError(e)) return e.problems.length + e.subject.length;
    throw e;
  }
}
// @ts-expect-error: no such part
init({ parts: ['everything'] });
`;
  const tsconfig = (lib) => JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, module: 'esnext', moduleResolution: 'bundler', target: 'es2022', lib, types: [], skipLibCheck: false },
    files: ['app.ts'],
  });
  writeFiles(dir, {
    'ts-dom/app.ts': app, 'ts-dom/tsconfig.json': tsconfig(['es2022', 'dom']),
    'ts-nodom/app.ts': app, 'ts-nodom/tsconfig.json': tsconfig(['es2022']),
    'ts-bare/app.ts': app.replace(/^.*@ts-expect-error.*$/gm, ''), 'ts-bare/tsconfig.json': tsconfig(['es2022', 'dom']),
  });
  const tsc = bin('tsc');
  for (const [what, project] of [['with the DOM lib', 'ts-dom'], ['without the DOM lib', 'ts-nodom']]) {
    await check(`tsc --strict (bundler resolution) accepts the inline, slim and .wasm entries' types ${what}`, async () => {
      const r = await run(tsc, ['-p', path.join(dir, project)], { cwd: dir });
      if (r.code !== 0) return indent(r.stdout + r.stderr);
    });
  }
  await check('tsc rejects the same file without its @ts-expect-error lines (the types are real)', async () => {
    const r = await run(tsc, ['-p', path.join(dir, 'ts-bare')], { cwd: dir });
    if (r.code === 0) return 'compiled: the types would accept anything';
    // Exactly the two lines: e unknown before the guard, and the unknown part.
    const lines = [...r.stdout.matchAll(/^ts-bare\/app\.ts\((\d+),/gm)].map((m) => Number(m[1]));
    if (JSON.stringify(lines) !== JSON.stringify([14, 20])) return `failed otherwise:\n${indent(r.stdout)}`;
  });
}

/** Each browser bundle in Chromium: no console error, no failed request, the Node build's figures. */
async function browserChecks(dir, builds, want) {
  for (const [name, format] of builds) {
    const src = `./${path.basename(name)}.js`;
    const script = format === 'esm' ? `<script type="module" src="${src}"></script>` : `<script src="${src}"></script>`;
    writeFiles(dir, { [`dist/${name}.html`]: `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>loading</title></head><body>${script}</body></html>\n` });
  }
  const { server, log, port } = await serve(path.join(dir, 'dist'));
  const browser = await launchChromium();
  try {
    for (const [name] of builds) {
      await check(`Chromium runs the ${name} bundle: every function, then the Parquet part, as in Node`, async () => {
        const before = log.length;
        const { title, problems } = await openPage(browser, `http://127.0.0.1:${port}/${name}.html`);
        if (problems.length) return problems.join(' ; ');
        if (!title.startsWith('done:')) return title;
        const fetched = log.slice(before).filter((l) => l.endsWith('.wasm'));
        // The inline bundles fetch no .wasm; slim fetches the two it was given.
        if (name.includes('slim') ? fetched.length !== 2 : fetched.length !== 0) return `fetched ${fetched.join(', ') || 'no .wasm'}`;
        return same(JSON.parse(title.slice(5)), want);
      });
    }
  } finally {
    await browser.close();
    server.close();
  }
}

/** A Node bundle (esbuild --platform=node) run from a directory with nothing else in it. */
async function nodeBundle(dir, want) {
  const esbuild = toolsRequire('esbuild');
  for (const format of ['esm', 'cjs']) {
    await check(`esbuild --platform=node --format=${format} bundle of market-validation/inline runs alone`, async () => {
      const out = path.join(dir, `alone-${format}`, format === 'esm' ? 'app.mjs' : 'app.cjs');
      const r = await esbuild.build({
        absWorkingDir: dir, entryPoints: ['src/node.js'], bundle: true, platform: 'node', format,
        target: 'node18', outfile: out, logLevel: 'silent',
      });
      if (r.warnings.length) return r.warnings.map((w) => w.text).join('; ');
      const ran = await run(process.execPath, [out], { cwd: path.dirname(out) });
      if (ran.code !== 0) return `exit ${ran.code}\n${indent(ran.stderr)}`;
      return same(JSON.parse(ran.stdout), want);
    });
  }
}

/** The worker bundled as wrangler does (the workerd condition; .wasm imports kept as modules), run by workerd. */
async function workerd(dir, want) {
  const esbuild = toolsRequire('esbuild');
  const out = path.join(dir, 'workerd');
  // Two Workers: the checks (every function, then the Parquet part), and one
  // importing two functions by name only, whose bundle must keep the entry's
  // loading (its side effect) though no binding of it is used.
  writeFiles(dir, {
    'src/worker-named.js': `import { analyze, sampleProduct } from 'market-validation';
export default { fetch: () => Response.json({ score: analyze(sampleProduct()).score }) };
`,
  });
  const modules = new Set();
  for (const worker of ['worker', 'worker-named']) {
    await check(`esbuild bundles a Worker (${worker}.js) with the workerd condition, the .wasm imports kept as modules`, async () => {
      const pkgWeb = path.join(dir, 'node_modules/market-validation/web');
      const r = await esbuild.build({
        absWorkingDir: dir, entryPoints: [`src/${worker}.js`], bundle: true, format: 'esm', target: 'es2022',
        conditions: ['workerd', 'worker', 'browser'], outfile: path.join(out, `${worker}.js`), logLevel: 'silent', metafile: true,
        plugins: [{
          name: 'wasm-modules',
          setup(b) {
            b.onResolve({ filter: /\.wasm$/ }, (a) => ({ path: `./${path.basename(a.path)}`, external: true }));
          },
        }],
      });
      if (r.warnings.length) return r.warnings.map((w) => w.text).join('; ');
      const inputs = Object.keys(r.metafile.inputs);
      assert(inputs.some((i) => i.includes('market-validation/workerd/')), `the workerd entry was not bundled: ${inputs.join(', ')}`);
      const code = fs.readFileSync(path.join(out, `${worker}.js`), 'utf8');
      const found = [...new Set([...code.matchAll(/["']\.\/([\w.-]+\.wasm)["']/g)].map((m) => m[1]))];
      // The named-import Worker never calls init, so only the .wasm loaded on import is kept.
      assert(found.includes('market_validation_bg.wasm') && found.length >= (worker === 'worker' ? 2 : 1), `wasm imports in the bundle: ${found.join(', ')}`);
      for (const m of found) {
        modules.add(m);
        fs.copyFileSync(path.join(pkgWeb, m), path.join(out, m));
      }
    });
  }
  if (modules.size === 0) return;
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const service = (name, file) => `const ${name} :Workerd.Worker = (
  modules = [
    (name = "${file}", esModule = embed "${file}"),
${[...modules].map((m) => `    (name = "${m}", wasm = embed "${m}"),`).join('\n')}
  ],
  compatibilityDate = "2025-01-01",
);
`;
  writeFiles(out, {
    'config.capnp': `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .checks), (name = "named", worker = .named) ],
  sockets = [
    (name = "http", address = "127.0.0.1:${port}", http = (), service = "main"),
    (name = "named", address = "127.0.0.1:${port + 1}", http = (), service = "named"),
  ],
);
${service('checks', 'worker.js')}${service('named', 'worker-named.js')}`,
  });
  const { spawn } = await import('node:child_process');
  const child = spawn(bin('workerd'), ['serve', 'config.capnp'], { cwd: out, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const answer = async (url) => {
    for (let i = 0; i < 100; i++) {
      try {
        const res = await fetch(url);
        const text = await res.text();
        return res.status === 200 ? JSON.parse(text) : `HTTP ${res.status}: ${text.slice(0, 400)}`;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    return `no answer from workerd\n${indent(stderr)}`;
  };
  try {
    await check('workerd serves the Worker: every function on import, the Parquet part by init({ parts }), as in Node', async () => {
      const got = await answer(`http://127.0.0.1:${port}/`);
      return typeof got === 'string' ? got : same(got, want);
    });
    await check('workerd serves a Worker that imports two functions by name only (the entry loads itself)', async () => {
      const got = await answer(`http://127.0.0.1:${port + 1}/`);
      return typeof got === 'string' ? got : same(got.score, want.score);
    });
  } finally {
    child.kill('SIGKILL');
  }
}

/** Deno (inline with no permission; the Node build with --allow-read) and Bun. */
async function denoAndBun(dir, want) {
  const denoEnv = { DENO_DIR: path.join(dir, '.deno'), DENO_NO_UPDATE_CHECK: '1' };
  for (const [what, args] of [
    ['Deno runs market-validation/inline with no permission', ['run', '--no-prompt', 'src/deno-inline.js']],
    ['Deno runs market-validation (the Node build) with --allow-read', ['run', '--no-prompt', '--allow-read', 'src/plain.js']],
  ]) {
    await check(what, async () => {
      const r = await run(bin('deno'), args, { cwd: dir, env: denoEnv });
      if (r.code !== 0) return `exit ${r.code}\n${indent(r.stderr)}`;
      return same(JSON.parse(r.stdout), want);
    });
  }
  await check('Deno without --allow-read says the Node build needs it', async () => {
    const r = await run(bin('deno'), ['run', '--no-prompt', 'src/plain.js'], { cwd: dir, env: denoEnv });
    if (r.code === 0) return 'ran without read permission: the README says it needs --allow-read';
    if (!/allow-read|read access/i.test(r.stderr)) return `failed otherwise:\n${indent(r.stderr)}`;
  });
  await check('Bun runs market-validation', async () => {
    const r = await run(bin('bun'), ['src/plain.js'], { cwd: dir });
    if (r.code !== 0) return `exit ${r.code}\n${indent(r.stderr)}`;
    return same(JSON.parse(r.stdout), want);
  });
  record('consumers: README lists every function', ...readmeListsEveryFunction(dir));
}

/** The npm README names every exported function. @returns {[boolean, string]} */
function readmeListsEveryFunction(dir) {
  const mv = createRequire(path.join(dir, 'package.json'))('market-validation');
  const readme = fs.readFileSync(path.join(dir, 'node_modules/market-validation/README.md'), 'utf8');
  // `default` is init under its other name.
  const missing = Object.keys(mv).filter((name) => typeof mv[name] === 'function' && name !== 'default' && !readme.includes(`\`${name}(`));
  return [missing.length === 0, missing.length ? `not in README.md: ${missing.join(', ')}` : ''];
}
