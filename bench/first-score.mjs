// Navigation to the first score, and what it downloads: the workbench page
// (www/index.html) and the embed card (www/embed.html with the sample's
// state), each in a fresh browser context (empty cache, no service worker),
// for two built trees side by side, runs interleaved. Prints the median and
// range of each, new/old, and the bytes fetched before the score showed,
// per file kind and per .wasm. Asserts nothing.
//
//   node bench/first-score.mjs --old <tree> [--new <tree>] [--runs 10] [--network 10]
//
// --network M: also over an emulated connection of M Mbit/s down, 40 ms
// latency (Chromium's network emulation), where the bytes count; 0 = only
// localhost (the default is 10).
//
// A tree is a checkout with pkg/ built (bash scripts/build.sh); --new
// defaults to this one. Chromium: Debian's, as in the page tests.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, CHROMIUM, LAUNCH_ARGS } from '../tests/page/support.mjs';

const here = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const trees = { old: arg('old'), new: arg('new', here) };
if (!trees.old) {
  console.error('usage: node bench/first-score.mjs --old <tree> [--new <tree>] [--runs 10]');
  process.exit(2);
}
const RUNS = Number(arg('runs', 10));
const MBITS = Number(arg('network', 10));

/** Serves a tree with its own scripts/serve.mjs; resolves with the child and its origin. @param {string} root */
function serve(root) {
  const child = spawn(process.execPath, [path.join(root, 'scripts/serve.mjs'), '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /http:\/\/(?:localhost|127\.0\.0\.1):(\d+)\//.exec(out);
      if (m) resolve({ child, origin: `http://127.0.0.1:${m[1]}` });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

// Records when the first score is on screen: #score on the page, the card's
// score in the embed (both hold "71.4" once scored).
const WATCH = () => {
  const seen = () => {
    const el = document.querySelector('#score, [data-testid="mv-score"]');
    return el && /^\d+(\.\d+)?$/.test(el.textContent ?? '') && (el.id !== 'score' || document.querySelector('#results')?.dataset.state === 'ok');
  };
  new MutationObserver((_, observer) => {
    if (seen()) {
      /** @type {any} */ (window).__firstScore = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
};

/** One navigation: ms to the first score, and the responses before it. */
async function measure(browser, url, mbits) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  if (mbits > 0) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const bytesPerSecond = (mbits * 1e6) / 8;
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 40, downloadThroughput: bytesPerSecond, uploadThroughput: bytesPerSecond });
  }
  await page.addInitScript(WATCH);
  /** @type {Array<{ url: string, bytes: number, end: number }>} */
  const finished = [];
  let done = false;
  page.on('requestfinished', async (request) => {
    if (done) return;
    // When the response ended (ms since the epoch): what a page loads after its score is not counted.
    const { startTime, responseEnd } = request.timing();
    const sizes = await request.sizes().catch(() => null);
    finished.push({ url: request.url(), bytes: sizes ? sizes.responseBodySize : 0, end: startTime + responseEnd });
  });
  await page.goto(url);
  await page.waitForFunction(() => /** @type {any} */ (window).__firstScore !== undefined, null, { timeout: 30_000 });
  const [ms, scoreAt] = await page.evaluate(() => [/** @type {any} */ (window).__firstScore, performance.timeOrigin + /** @type {any} */ (window).__firstScore]);
  done = true;
  await context.close();
  return { ms, fetched: finished.filter((f) => f.end <= scoreAt) };
}

const median = (/** @type {number[]} */ xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const kb = (/** @type {number} */ b) => `${(b / 1024).toFixed(1)} KiB`;

const servers = { old: await serve(trees.old), new: await serve(trees.new) };
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });
try {
  // The embed link of the sample, from the new page (the share format is the same in both).
  const probe = await browser.newPage();
  await probe.goto(`${servers.new.origin}/www/`);
  await probe.waitForFunction(() => /embed\.html#v1/.test(document.querySelector('#embed-link')?.getAttribute('href') ?? ''));
  const embedHref = await probe.locator('#embed-link').getAttribute('href');
  await probe.close();
  const paths = { page: '/www/', card: `/www/${embedHref}` };
  /** Each measure: a page, on localhost or over the emulated connection. */
  const pages = {};
  for (const [name, url] of Object.entries(paths)) {
    pages[`${name}, localhost`] = { url, mbits: 0 };
    if (MBITS > 0) pages[`${name}, ${MBITS} Mbit/s and 40 ms`] = { url, mbits: MBITS };
  }

  /** @type {Record<string, Record<string, { ms: number[], fetched: Array<{ url: string, bytes: number }> }>>} */
  const results = {};
  for (const name of Object.keys(pages)) results[name] = { old: { ms: [], fetched: [] }, new: { ms: [], fetched: [] } };
  for (let run = 0; run < RUNS; run++) {
    for (const name of Object.keys(pages)) {
      // Alternate which side goes first, so neither always has the warmer machine.
      for (const side of run % 2 ? ['new', 'old'] : ['old', 'new']) {
        const { ms, fetched } = await measure(browser, `${servers[side].origin}${pages[name].url}`, pages[name].mbits);
        results[name][side].ms.push(ms);
        if (run === 0) results[name][side].fetched = fetched;
      }
    }
  }

  console.log(`First score: navigation to the score on screen, ${RUNS} runs a side, interleaved; Chromium ${browser.version()}, fresh context each run`);
  console.log(`old: ${trees.old}\nnew: ${trees.new}\n`);
  for (const [name, sides] of Object.entries(results)) {
    const m = { old: median(sides.old.ms), new: median(sides.new.ms) };
    const url = pages[name].url;
    console.log(`${name} (${url.slice(0, 40)}${url.length > 40 ? '…' : ''})`);
    for (const side of ['old', 'new']) {
      const { ms, fetched } = sides[side];
      const wasm = fetched.filter((f) => f.url.endsWith('.wasm'));
      const total = fetched.reduce((n, f) => n + f.bytes, 0);
      const js = fetched.filter((f) => /\.m?js$/.test(f.url)).reduce((n, f) => n + f.bytes, 0);
      console.log(`  ${side}: median ${m[side].toFixed(0)} ms (${Math.min(...ms).toFixed(0)}..${Math.max(...ms).toFixed(0)}); before the score: ${fetched.length} files, ${kb(total)} (JS ${kb(js)}); wasm: ${wasm.map((w) => `${path.basename(new URL(w.url).pathname)} ${kb(w.bytes)}`).join(', ') || 'none'}`);
    }
    console.log(`  new/old: ${(m.new / m.old).toFixed(2)}\n`);
  }
} finally {
  await browser.close();
  for (const s of Object.values(servers)) s.child.kill();
}
