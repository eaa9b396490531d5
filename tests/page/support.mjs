// Shared set-up of the page tests: the demo server, Debian's Chromium via
// playwright-core, and pages that record every console error, page error,
// failed request and request to another origin (nothing may leave the page).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const resultsDir = fileURLToPath(new URL('../../test-results/', import.meta.url));
const toolsRequire = createRequire(new URL('../../tools/package.json', import.meta.url));
export const { chromium } = toolsRequire('playwright-core');

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
export const TIMEOUT = 15_000;

/** Starts scripts/serve.mjs on a free port; resolves with the child and its origin. */
export function startServer() {
  const child = spawn(process.execPath, ['scripts/serve.mjs', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => { child.kill(); reject(new Error(`server did not start in 5 s: ${out}`)); }, 5000);
    const onData = (chunk) => {
      out += chunk;
      const m = /http:\/\/(?:localhost|127\.0\.0\.1):(\d+)\//.exec(out);
      if (m) { clearTimeout(timer); resolve({ child, origin: `http://127.0.0.1:${m[1]}` }); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => { out += chunk; });
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}: ${out}`)); });
  });
}

export async function stopServer(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/**
 * Opens a page that records every console error, page error, failed request,
 * HTTP error and request to anywhere but `origin` (data: and blob: URLs are
 * the page's own). `errors` must be empty at the end of every test.
 */
export async function openPage(browser, contextOptions, origin) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const errors = [];
  const requests = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => {
    // A download or an aborted worker fetch is not a failure of the page.
    if (!/net::ERR_ABORTED/.test(req.failure()?.errorText ?? '')) errors.push(`request failed: ${req.url()} ${req.failure()?.errorText}`);
  });
  page.on('response', (res) => { if (res.status() >= 400) errors.push(`HTTP ${res.status()}: ${res.url()}`); });
  context.on('request', (req) => {
    const url = req.url();
    requests.push(url);
    if (origin && !url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url)) errors.push(`request to another origin: ${url}`);
  });
  return { context, page, errors, requests };
}

export const scoreText = (page) => page.locator('#score').textContent();

export async function waitForScore(page) {
  await page.waitForFunction(() => document.querySelector('#results')?.dataset.state === 'ok'
    && /^\d+(\.\d+)?$/.test(document.querySelector('#score')?.textContent ?? ''));
  return Number(await scoreText(page));
}

const axeSource = () => readFileSync(toolsRequire.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core on the page; returns its serious and critical violations, one line each. */
export async function seriousAxeViolations(page) {
  await page.evaluate(axeSource());
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations.filter((v) => ['serious', 'critical'].includes(v.impact))
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}
