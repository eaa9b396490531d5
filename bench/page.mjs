#!/usr/bin/env node
// Benchmark of the page (www/) in headless Chromium on localhost:
//   - time from navigation to the first score rendered with the built-in
//     sample (a fresh browser context each run, so nothing is cached, and the
//     service worker is not yet installed);
//   - time from a 1M-event CSV dropped on the page (the file input's change
//     event) to the rendered events view, the file read and analysed in the
//     page's Web Worker.
// Times are taken inside the page (performance.now()): the first is from the
// navigation's start (performance.timeOrigin) to the first frame painted with
// a number in #score; the second from the change event to the first frame
// painted after the events view is in the DOM.
//
//   node bench/page.mjs [--runs R] [--events N]   (the CSV is written once to bench/out/)
//
// Needs the built package (bash scripts/build.sh) and tools/node_modules
// (bash scripts/setup.sh). Prints a table; never fails on slowness.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateEvents } from './events-data.mjs';
import { table } from './table.mjs';
import { chromium, CHROMIUM, LAUNCH_ARGS, startServer, stopServer } from '../tests/page/support.mjs';

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < argv.length ? Number(argv[i + 1]) : fallback;
};
const RUNS = opt('runs', 5);
const OUT = fileURLToPath(new URL('out/', import.meta.url));
const EVENTS = opt('events', 1_000_000);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

/** Records, from before any page script, when the first score is painted and when the events view is painted after a file is chosen. */
function recorder() {
  window.__bench = {};
  const afterFrame = (key) => requestAnimationFrame(() => setTimeout(() => { window.__bench[key] ??= performance.now(); }, 0));
  new MutationObserver(() => {
    const score = document.querySelector('#score');
    if (!window.__bench.scoreSeen && score && /^\d/.test(score.textContent)) { window.__bench.scoreSeen = true; afterFrame('firstScore'); }
    if (window.__bench.fileChosen && !window.__bench.viewSeen && document.querySelector('[data-testid="events-view"]')) {
      window.__bench.viewSeen = true;
      afterFrame('eventsRendered');
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
  // The longest gap between painted frames while the file is analysed: the
  // main thread's responsiveness (the work is in the worker).
  const watchFrames = (last) => requestAnimationFrame((now) => {
    const b = window.__bench;
    b.longestFrameGap = Math.max(b.longestFrameGap ?? 0, now - last);
    if (b.eventsRendered == null) watchFrames(now);
  });
  document.addEventListener('change', (e) => {
    if (e.target?.type === 'file') { window.__bench.fileChosen = performance.now(); watchFrames(performance.now()); }
  }, true);
}

/**
 * Writes a CSV of the benchmark's realistic events (ISO-8601 timestamps,
 * string user ids) to bench/out/page-events-<n>.csv, once; returns its path
 * and size. The browser reads it from disk, as a dropped file would be.
 */
function eventsCsv(n) {
  const file = path.join(OUT, `page-events-${n}.csv`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(OUT, { recursive: true });
    const { userIds, timestamps } = generateEvents({ events: n, users: Math.max(1, Math.round(n / 10)), days: 180, seed: 20240601 });
    const fd = fs.openSync(`${file}.part`, 'w');
    let chunk = 'user_id,timestamp\n';
    for (let i = 0; i < n; i++) {
      chunk += `u${userIds[i]},${new Date(timestamps[i]).toISOString()}\n`;
      if (chunk.length > 1 << 20) { fs.writeSync(fd, chunk); chunk = ''; }
    }
    fs.writeSync(fd, chunk);
    fs.closeSync(fd);
    fs.renameSync(`${file}.part`, file);
  }
  return { file, size: fs.statSync(file).size };
}

const { child, origin } = await startServer();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
try {
  const firstScore = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(recorder);
    await page.goto(`${origin}/www/`);
    await page.waitForFunction(() => window.__bench.firstScore != null, null, { timeout: 30_000 });
    firstScore.push(await page.evaluate(() => window.__bench.firstScore));
    await context.close();
  }

  const csv = eventsCsv(EVENTS);
  const dropped = [];
  const gaps = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(recorder);
    await page.goto(`${origin}/www/`);
    await page.waitForFunction(() => window.__bench.firstScore != null);
    await page.getByTestId('tab-files').click();
    await page.getByTestId('upload-input').setInputFiles(csv.file);
    await page.waitForFunction(() => window.__bench.eventsRendered != null || document.querySelector('[data-testid="upload-status"]')?.dataset.state === 'error', null, { timeout: 300_000 });
    const failed = await page.evaluate(() => (window.__bench.eventsRendered == null ? document.querySelector('[data-testid="upload-error"]')?.textContent : null));
    if (failed) throw new Error(`the page could not analyse the file: ${failed}`);
    dropped.push(await page.evaluate(() => window.__bench.eventsRendered - window.__bench.fileChosen));
    gaps.push(await page.evaluate(() => window.__bench.longestFrameGap));
    await context.close();
  }

  const version = browser.version();
  table(`page benchmark: Chromium ${version}, localhost, median of ${RUNS} fresh contexts`, ['measure', 'median', 'min..max'], [
    ['navigation -> first score painted (sample)', fmtMs(median(firstScore)), `${fmtMs(Math.min(...firstScore))}..${fmtMs(Math.max(...firstScore))}`],
    [`${EVENTS.toLocaleString('en-US')}-event CSV (${(csv.size / 2 ** 20).toFixed(0)} MiB) chosen -> events view painted`, fmtMs(median(dropped)), `${fmtMs(Math.min(...dropped))}..${fmtMs(Math.max(...dropped))}`],
    ['  longest gap between painted frames meanwhile', fmtMs(median(gaps)), `${fmtMs(Math.min(...gaps))}..${fmtMs(Math.max(...gaps))}`],
  ]);
} finally {
  await browser.close();
  await stopServer(child);
}
