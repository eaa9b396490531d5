// The package in the tools users build with (issue 20's matrix), each a fresh
// project installing the packed tarball, the tools pinned in
// tests/package/matrix/ (installed by scripts/setup.sh, cached by its
// lockfile): Node 18 and 22 from the registry (ESM and CommonJS), Vite 8
// (build and dev server) and Vite 6's dev server with the documented
// optimizeDeps setting, webpack 5, Parcel 2, Jest with jsdom, Vitest (under Node 22, as
// it needs), and TypeScript 5.0 under nodenext, bundler and the older node10
// resolution. Every browser build loads in Chromium with no console error and
// gives the Node build's figures, the Parquet part loaded on demand.

import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { ROOT, check, indent, run, writeFiles, makeProject, serve, launchChromium, openPage, same } from './harness.mjs';
import { CHECK_FILES, browserEntry, expected } from './consumers.mjs';

const TOOLS = path.join(ROOT, 'tests/package/matrix/node_modules');
const tool = (...p) => path.join(TOOLS, ...p);
const NODE = { 18: tool('node-18/bin/node'), 22: tool('node-22/bin/node') };

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>loading</title></head>
<body><script type="module" src="./src/main.js"></script></body></html>
`;
const MAIN = browserEntry('market-validation', 'mv.default()', "mv.default({ parts: ['parquet'] })");

export async function testMatrix(tmp, tarball) {
  if (!fs.existsSync(tool('vite'))) {
    await check('matrix: the tools are installed', () => 'tests/package/matrix/node_modules is missing: run bash scripts/setup.sh');
    return;
  }
  const names = ['node-versions', 'vite', 'webpack', 'parcel', 'jest', 'vitest', 'typescript-5.0'];
  const dirs = {};
  await Promise.all(names.map(async (name) => {
    await check(`matrix: npm install <tarball> in a fresh project for ${name}`, async () => {
      dirs[name] = await makeProject(tmp, `matrix-${name}`, name === 'jest' ? 'commonjs' : 'module', tarball);
      writeFiles(dirs[name], CHECK_FILES);
    });
  }));
  const first = Object.values(dirs)[0];
  if (!first) return;
  const want = expected(first);
  if (dirs['node-versions']) await nodeVersions(dirs['node-versions'], want);
  const browser = await launchChromium();
  try {
    if (dirs.vite) await vite(dirs.vite, browser, want);
    if (dirs.webpack) await webpack(dirs.webpack, browser, want);
    if (dirs.parcel) await parcel(dirs.parcel, browser, want);
  } finally {
    await browser.close();
  }
  if (dirs.jest) await jest(dirs.jest, want);
  if (dirs.vitest) await vitest(dirs.vitest, want);
  if (dirs['typescript-5.0']) await typescript50(dirs['typescript-5.0']);
}

/** Node 18 and 22 from the registry: the ES module entry and require(). */
async function nodeVersions(dir, want) {
  writeFiles(dir, {
    'src/esm.js': `import * as mv from 'market-validation';
import { checks } from './checks.js';
console.log(JSON.stringify(await checks(mv, () => mv.default(), () => mv.default({ parts: ['parquet'] }))));
`,
    'src/cjs.cjs': `const mv = require('market-validation');
import('./checks.js').then(({ checks }) => checks(mv, () => mv.init(), () => mv.init({ parts: ['parquet'] })))
  .then((r) => console.log(JSON.stringify(r)));
`,
  });
  for (const version of [18, 22]) {
    for (const file of ['esm.js', 'cjs.cjs']) {
      await check(`Node ${version} (from the registry) runs ${file.endsWith('.cjs') ? 'require()' : 'the ES module entry'}`, async () => {
        const r = await run(NODE[version], [path.join('src', file)], { cwd: dir });
        if (r.code !== 0) return `exit ${r.code}\n${indent(r.stderr)}`;
        return same(JSON.parse(r.stdout), want);
      });
    }
  }
}

/** Starts a dev server (`args` after the node binary) and resolves once `url` answers; `stop()` ends it. */
async function startServer(args, cwd, url) {
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const stop = () => child.kill('SIGKILL');
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(url)).ok) return { stop, output: () => output };
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error(`the dev server did not answer at ${url}\n${indent(output)}`);
}

const pageFigures = async (browser, url, want) => {
  const { title, problems } = await openPage(browser, url);
  if (problems.length) return problems.join(' ; ');
  if (!title.startsWith('done:')) return title;
  return same(JSON.parse(title.slice(5)), want);
};

/** Vite 8: a production build served statically, and the dev server; Vite 6's dev server with optimizeDeps.exclude. */
async function vite(dir, browser, want) {
  writeFiles(dir, {
    'index.html': PAGE, 'src/main.js': MAIN,
    'vite6/vite.config.mjs': "export default { optimizeDeps: { exclude: ['market-validation'] } };\n",
  });
  await check('Vite 8 builds the page (vite build) with no warning', async () => {
    const r = await run(process.execPath, [tool('vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: dir });
    if (r.code !== 0) return `exit ${r.code}\n${indent(r.stderr + r.stdout)}`;
    if ((r.stderr + r.stdout).trim()) return indent(r.stderr + r.stdout);
  });
  const { server, port } = await serve(path.join(dir, 'dist'));
  try {
    await check("Chromium runs Vite 8's build: every function, then the Parquet part, as in Node", () => pageFigures(browser, `http://127.0.0.1:${port}/index.html`, want));
  } finally {
    server.close();
  }
  for (const [what, bin, config] of [
    ['Vite 8 dev server (no configuration)', tool('vite/bin/vite.js'), []],
    ["Vite 6 dev server (with the README's optimizeDeps.exclude)", tool('vite-6/bin/vite.js'), ['--config', 'vite6/vite.config.mjs']],
  ]) {
    await check(`Chromium runs the page from the ${what}: every function, then the Parquet part`, async () => {
      const devPort = 21_000 + Math.floor(Math.random() * 20_000);
      const url = `http://127.0.0.1:${devPort}/`;
      const dev = await startServer([bin, ...config, '--host', '127.0.0.1', '--port', String(devPort), '--strictPort'], dir, url);
      try {
        const result = await pageFigures(browser, url, want);
        return result === true ? true : `${result}\n${indent(dev.output())}`;
      } finally {
        dev.stop();
      }
    });
  }
}

/** webpack 5 in production mode, the .wasm emitted as assets by `new URL(..., import.meta.url)`. */
async function webpack(dir, browser, want) {
  writeFiles(dir, {
    'src/main.js': MAIN,
    'dist/index.html': PAGE.replace('type="module" src="./src/main.js"', 'src="./main.js"'),
  });
  await check('webpack 5 bundles the page (--mode production) with no warning', async () => {
    const r = await run(process.execPath, [tool('webpack-cli/bin/cli.js'), '--mode', 'production', '--entry', './src/main.js',
      '--output-path', path.join(dir, 'dist'), '--no-stats'], { cwd: dir });
    if (r.code !== 0) return `exit ${r.code}\n${indent(r.stderr + r.stdout)}`;
    if (/warning/i.test(r.stderr + r.stdout)) return indent(r.stderr + r.stdout);
  });
  const { server, port } = await serve(path.join(dir, 'dist'));
  try {
    await check("Chromium runs webpack's bundle: every function, then the Parquet part, as in Node", () => pageFigures(browser, `http://127.0.0.1:${port}/index.html`, want));
  } finally {
    server.close();
  }
}

/** Parcel 2 building the page, the .wasm emitted as assets by `new URL(..., import.meta.url)`. */
async function parcel(dir, browser, want) {
  writeFiles(dir, { 'index.html': PAGE, 'src/main.js': MAIN });
  await check('Parcel 2 builds the page (parcel build) with no warning', async () => {
    const r = await run(process.execPath, [tool('parcel/lib/bin.js'), 'build', 'index.html', '--no-cache', '--log-level', 'warn',
      '--dist-dir', path.join(dir, 'dist')], { cwd: dir, timeout: 240_000 });
    if (r.code !== 0) return `exit ${r.code}\n${indent(r.stderr + r.stdout)}`;
    if ((r.stderr + r.stdout).trim()) return indent(r.stderr + r.stdout);
  });
  const { server, port } = await serve(path.join(dir, 'dist'));
  try {
    await check("Chromium runs Parcel's build: every function, then the Parquet part, as in Node", () => pageFigures(browser, `http://127.0.0.1:${port}/index.html`, want));
  } finally {
    server.close();
  }
}

/** Jest 30 with jsdom, taking the Node build as the README says. */
async function jest(dir, want) {
  writeFiles(dir, {
    'jest.config.js': `module.exports = {
  testEnvironment: ${JSON.stringify(tool('jest-environment-jsdom'))},
  testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
};
`,
    // The checks as CommonJS: Jest runs CommonJS without a transform.
    'src/checks.cjs': CHECK_FILES['src/checks.js']
      .replace("import { PARQUET } from './parquet.js';", "const { PARQUET } = require('./parquet.cjs');")
      .replace('export async function checks', 'exports.checks = async function checks'),
    'src/parquet.cjs': CHECK_FILES['src/parquet.js'].replace('export const PARQUET =', 'exports.PARQUET ='),
    'mv.test.js': `const mv = require('market-validation');
const { checks } = require('./src/checks.cjs');
test('scores and reads Parquet in jsdom', async () => {
  expect(typeof window).toBe('object');
  expect(await checks(mv, () => mv.init(), () => mv.init({ parts: ['parquet'] }))).toEqual(${JSON.stringify(want)});
});
`,
  });
  await check("Jest 30 with jsdom runs the package (testEnvironmentOptions from the README)", async () => {
    const r = await run(process.execPath, [tool('jest/bin/jest.js'), '--ci', '--rootDir', dir], { cwd: dir });
    if (r.code !== 0) return `exit ${r.code}\n${indent(r.stderr + r.stdout)}`;
    if (!/Tests:\s+1 passed/.test(r.stderr)) return indent(r.stderr);
  });
}

/** Vitest 5 under Node 22 (it needs 22.12 or later). */
async function vitest(dir, want) {
  writeFiles(dir, {
    'mv.test.js': `import * as mv from 'market-validation';
import { checks } from './src/checks.js';
test('scores and reads Parquet', async () => {
  expect(await checks(mv, () => mv.default(), () => mv.default({ parts: ['parquet'] }))).toEqual(${JSON.stringify(want)});
});
`,
  });
  await check('Vitest 5 (under Node 22) runs the package', async () => {
    const r = await run(NODE[22], [tool('vitest/vitest.mjs'), 'run', '--globals', '--root', dir], { cwd: dir });
    if (r.code !== 0) return `exit ${r.code}\n${indent(r.stderr + r.stdout)}`;
    if (!/1 passed/.test(r.stdout)) return indent(r.stdout);
  });
}

/** TypeScript 5.0 --strict: nodenext, bundler, and node10 (with esModuleInterop) resolution. */
async function typescript50(dir) {
  const app = `import init, { analyze, isMarketValidationError } from 'market-validation';
export async function main(): Promise<number> {
  await init();
  try {
    return analyze({}).score;
  } catch (e) {
    if (isMarketValidationError(e)) return e.problems.length;
    throw e;
  }
}
`;
  const config = (options) => JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: 'es2022', lib: ['es2022', 'dom'], skipLibCheck: false, ...options }, files: ['app.ts'] });
  const cases = [
    ['nodenext', { module: 'nodenext', moduleResolution: 'nodenext' }],
    ['bundler', { module: 'esnext', moduleResolution: 'bundler' }],
    ['node10 with esModuleInterop', { module: 'commonjs', moduleResolution: 'node', esModuleInterop: true }],
  ];
  for (const [name, options] of cases) {
    const sub = path.join(dir, `ts-${name.split(' ')[0]}`);
    writeFiles(sub, { 'app.ts': app, 'tsconfig.json': config(options) });
    await check(`TypeScript 5.0 --strict accepts the package with ${name} resolution (init callable, the error guard)`, async () => {
      const r = await run(process.execPath, [tool('typescript-5.0/bin/tsc'), '-p', sub], { cwd: dir });
      if (r.code !== 0) return indent(r.stdout + r.stderr);
    });
  }
}
