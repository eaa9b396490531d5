// Service worker: the page works offline once it has been loaded.
//
// - install: precache the app shell, each file on its own so a missing one
//   (404, not written yet) does not fail the install; then follow the shell's
//   own imports (`import … from './x.js'`, `import('./x.js')`,
//   `new URL('x', import.meta.url)`, `<script src>`, `<link href>`) so modules
//   added later (views, helpers) are cached without listing them here.
// - fetch: same-origin GETs cache-first, then network (and cached); page
//   navigations network-first, falling back to the cache when offline.
// - activate: delete the caches of older versions.
//
// Bump CACHE_VERSION whenever the shipped files change, so returning
// visitors get them: a changed sw.js installs, precaches afresh, and takes over.
// Registered from app.js with navigator.serviceWorker.register('sw.js') (scope www/).

/** This script's global scope: a service worker's (TypeScript's webworker library types `self` as any worker's). */
const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {WorkerGlobalScope} */ (self));

const CACHE_VERSION = 'v16';
const CACHE_PREFIX = 'market-validation-';
const CACHE_NAME = `${CACHE_PREFIX}${CACHE_VERSION}`;

// Relative to this file (www/sw.js).
const SHELL = [
  './', 'index.html', 'app.js', 'style.css', 'worker.js',
  'lib/dom.js', 'lib/errors.js', 'lib/json-input.js', 'lib/charts.js', 'lib/widgets.js', 'lib/files.js', 'lib/share.js',
  'lib/export.js', 'lib/card.js', 'lib/launch-card.js', 'lib/engine.js', 'lib/units.js', 'lib/dropped.js',
  'lib/chart-frame.js', 'lib/chart-axes.js', 'lib/chart-tooltip.js', 'lib/chart-intervals.js', 'lib/chart-bands.js',
  'views/views.css', 'views/upload.js', 'views/survey.js', 'views/survey-engine.js', 'views/survey-themes.js', 'views/survey-requests.js',
  'views/usability.js', 'views/usability-tasks.js', 'views/usability-options.js', 'views/events.js', 'views/events-choices.js', 'views/events-features.js', 'views/events-model.js', 'views/events-read.js',
  'views/validation/index.js', 'views/validation/product-form.js', 'views/validation/fields.js', 'views/validation/weights.js',
  'views/validation/results.js', 'views/validation/json-paste.js', 'views/validation/raw-data.js',
  'views/launch/launch.css', 'views/launch/index.js', 'views/launch/labels.js', 'views/launch/plan-values.js',
  'views/launch/report.js', 'views/launch/timeline.js', 'views/launch/review.js', 'views/launch/review-criteria.js',
  'views/launch/editor/index.js', 'views/launch/editor/controls.js', 'views/launch/editor/basics.js',
  'views/launch/editor/features.js', 'views/launch/editor/schedule.js', 'views/launch/editor/json-tab.js',
  'views/launch/editor/problems.js',
  'views/warehouse/index.js', 'views/warehouse/inputs.js', 'views/warehouse/statements.js', 'views/warehouse/results.js',
  'views/warehouse/warehouse.css',
  'card.css', 'embed.html', 'embed.js', 'card.js',
  // The library's two parts the page uses (the readers part, which the file
  // worker loads only for JSON, gzip, zip and Excel files and the page only for
  // the warehouse panel, and the parquet part, loaded only for a Parquet file,
  // are cached when fetched).
  '../pkg/web/market_validation_score.js', '../pkg/web/market_validation_score_bg.wasm',
  '../pkg/web/market_validation_analyses.js', '../pkg/web/market_validation_analyses_bg.wasm',
];
// Only these folders are ever cached (what scripts/serve.mjs serves).
const CACHEABLE = [new URL('./', sw.location.href).href, new URL('../pkg/web/', sw.location.href).href];
const MAX_PRECACHE = 300;

/** @param {string} url */
const isCacheable = (url) => CACHEABLE.some((prefix) => url.startsWith(prefix));
/**
 * A URL without its fragment and its query: the cache key. The server
 * serves files, so `embed.html?theme=dark` is `embed.html`, and one entry
 * stands for every query string. @param {string} url
 */
const stripped = (url) => { const u = new URL(url); u.hash = ''; u.search = ''; return u.href; };

/**
 * Same-folder references found in a JS, HTML or CSS file.
 * @param {string} text @param {string} base the file's URL
 * @returns {Set<string>}
 */
function references(text, base) {
  const found = new Set();
  // Block comments out first: type annotations (`@import { T } from '…'`,
  // `{import('…').T}`) name modules the page never loads (the package's
  // loader, which would pull the all-in-one build into the precache).
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '');
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g, // static import / re-export
    /\bimport\s*['"]([^'"]+)['"]/g, // side-effect import
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g, // dynamic import with a literal
    /\bnew\s+URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g,
    /\bnew\s+(?:Shared)?Worker\(\s*['"]([^'"]+)['"]/g,
    /<(?:script|link)\b[^>]*?\b(?:src|href)\s*=\s*["']([^"']+)["']/gi,
    /@import\s+(?:url\()?\s*['"]([^'"]+)['"]/g,
  ];
  for (const re of patterns) {
    for (const m of code.matchAll(re)) {
      const ref = m[1];
      if (/^(?:data:|blob:|#|[a-z]+:\/\/)/i.test(ref) && !ref.startsWith(sw.location.origin)) continue;
      try {
        const url = stripped(new URL(ref, base).href);
        if (isCacheable(url)) found.add(url);
      } catch { /* not a URL */ }
    }
  }
  return found;
}

async function precache() {
  const cache = await caches.open(CACHE_NAME);
  const seen = new Set();
  let queue = SHELL.map((path) => new URL(path, sw.location.href).href);
  while (queue.length && seen.size < MAX_PRECACHE) {
    const batch = queue.filter((url) => !seen.has(url));
    batch.forEach((url) => seen.add(url));
    const next = await Promise.all(batch.map(async (url) => {
      try {
        // cache: 'reload' skips the HTTP cache so a new version gets fresh files.
        const response = await fetch(new Request(url, { cache: 'reload' }));
        if (!response.ok) return []; // e.g. a view not written yet: skip it
        const type = response.headers.get('content-type') ?? '';
        const text = /javascript|html|css/.test(type) ? await response.clone().text() : null;
        await cache.put(url, response);
        return text == null ? [] : [...references(text, url)];
      } catch {
        return []; // offline or refused: the file will be cached when first used
      }
    }));
    queue = next.flat();
  }
}

sw.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => sw.skipWaiting()));
});

sw.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== CACHE_NAME).map((n) => caches.delete(n)));
    await sw.clients.claim();
  })());
});

/** @param {Request} request */
async function fromNetworkThenCache(request) {
  const cache = await caches.open(CACHE_NAME);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === 'basic' && isCacheable(request.url)) cache.put(stripped(request.url), response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(stripped(request.url))
      ?? (request.mode === 'navigate' && new URL(request.url).pathname.endsWith('/') ? await cache.match(new URL('index.html', request.url).href) : undefined);
    if (cached) return cached;
    throw error;
  }
}

/** @param {Request} request */
async function fromCacheThenNetwork(request) {
  const cache = await caches.open(CACHE_NAME);
  const cached = await cache.match(stripped(request.url));
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic' && isCacheable(request.url)) cache.put(stripped(request.url), response.clone());
  return response;
}

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== sw.location.origin) return; // browser default
  if (request.headers.has('range')) return; // partial responses are not cached
  event.respondWith(request.mode === 'navigate' ? fromNetworkThenCache(request) : fromCacheThenNetwork(request));
});
