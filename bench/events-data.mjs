#!/usr/bin/env node
// Raw usage events for the analyzeEvents() benchmark: one user id and one
// timestamp (ms since the epoch, UTC) per event, as an analytics export or an
// event log holds them. Seeded and deterministic: the same options give the
// same arrays, bit for bit, on every run and machine.
//
//   import { generateEvents } from './events-data.mjs';
//   const { userIds, timestamps } = generateEvents({ events: 1e6, users: 1e5, days: 180, seed: 1 });
//   // userIds: Uint32Array, timestamps: Float64Array (whole ms), same length = events
//
// CLI: writes a CSV `user_id,timestamp` (ISO 8601 UTC with ms, e.g.
// 2026-05-06T13:45:12.345Z), LF line ends, in the same (random) order:
//
//   node bench/events-data.mjs [OUT.csv] [--events N] [--users U] [--days D] [--seed S] [--dense-ids]
//
// Defaults: 1,000,000 events, 100,000 users, 180 days, seed 20240601, OUT =
// bench/out/events-<N>.csv (bench/out is gitignored). Prints counts and time.
//
// The shape (what a product's raw events look like):
//   - the window is `days` UTC days whose last day is 2026-11-01 (a Sunday, so
//     the last ISO week is whole); 180 days start on 2026-05-06, a Wednesday;
//   - all `users` users appear: each arrives on one day of the window
//     (truncated exponential, more early: ~18% in the first 10% of the
//     window, ~5% in the last 10%) and is active on that day;
//   - ~15% of users are a loyal core: active on a day with probability
//     0.08-0.35 before scaling (below; ~0.55x at the default 10 events a
//     user), barely decaying, so active in most weeks; the others decay: high
//     on the days after arrival, halving every 2-8 days, with a small floor so
//     that some come back after weeks away (resurrected users). At the
//     defaults ~40% of a week's new users are back the next week, ~10% after
//     a month, flattening at ~9% (the loyal core);
//   - the probability of activity has a weekday pattern (Mon-Thu high,
//     Sat/Sun ~70% of that), and so does the number of arrivals;
//   - the probabilities are scaled once so that there are about events /
//     eventsPerActiveDay (default 2.5) active user-days; then each active
//     user-day gets one event and the rest of the `events` are spread over the
//     active user-days at random, so the count is exactly `events` (unless
//     events < active user-days, when some user-days are dropped at random);
//   - times of day follow a diurnal curve (low at 02-06 UTC, high 13-17 UTC);
//     a user-day's events are mostly bunched in sessions, seconds to minutes
//     apart, always within the same UTC day;
//   - the events are shuffled: not sorted by time, users interleaved;
//   - user ids are scattered over the uint32 range by default (id = index *
//     2654435761 + 12345 mod 2^32, a bijection, so distinct), so that code
//     cannot index a dense array by user id; `denseIds: true` gives 0..users-1.
//
// Speed: 10M events / 1M users in ~2.5 s and 280 MB RSS (Node 20, one
// core); the 10M CSV (357 MB) takes ~4 s more.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { prng } from './prng.mjs';

export const GENERATOR_VERSION = 1;
export const DAY_MS = 86_400_000;
/** The last day of the window, 2026-11-01 (a Sunday), as days since 1970-01-01. */
export const END_DAY = Date.UTC(2026, 10, 1) / DAY_MS;
export const DEFAULTS = Object.freeze({
  events: 1_000_000, users: 100_000, days: 180, seed: 20240601,
  loyalShare: 0.15, eventsPerActiveDay: 2.5, denseIds: false,
});

/** Days since 1970-01-01 (UTC) of a timestamp in ms. */
export const dayOf = (ts) => Math.floor(ts / DAY_MS);
/** Monday-start ISO week number since the epoch: 1970-01-01 was a Thursday. */
export const weekOfDay = (day) => Math.floor((day + 3) / 7);

// Monday..Sunday activity multipliers (B2B-ish), mean 1.
const WEEKDAY_RAW = [1.08, 1.12, 1.12, 1.1, 1.02, 0.78, 0.78];
const WD_MEAN = WEEKDAY_RAW.reduce((a, b) => a + b) / 7;
const WEEKDAY = WEEKDAY_RAW.map((x) => x / WD_MEAN);
// Relative event volume per UTC hour, 00..23.
const HOURLY = [3, 2, 1.5, 1.2, 1.2, 1.5, 2.5, 4, 6, 7.5, 8.5, 9, 9.5, 10, 10, 10, 9.5, 9, 8, 7, 6, 5, 4.5, 3.8];

/** The scattered id of user index i (a bijection on uint32). */
export const scatterId = (i) => (Math.imul(i, 2654435761) + 12345) >>> 0;

// The generator runs in phases, each its own small function: V8 optimizes
// those hot loops far better than one big function (3x here).

// Arrival-day sampler: truncated exponential over [0, D), rate LAMBDA over
// the window, weighted by weekday (fewer sign-ups at weekends). Inverse CDF
// over D cumulative weights, started from a 4096-bucket index.
function arrivalSampler(D, firstDay, rand) {
  const LAMBDA = 1.5;
  const cum = new Float64Array(D);
  let tot = 0;
  for (let d = 0; d < D; d++) {
    tot += Math.exp(-LAMBDA * d / D) * WEEKDAY[(firstDay + d + 3) % 7];
    cum[d] = tot;
  }
  const BUCKETS = 4096;
  const bucketStart = new Int32Array(BUCKETS + 1);
  for (let b = 0, d = 0; b <= BUCKETS; b++) {
    const target = (b / BUCKETS) * tot;
    while (d < D - 1 && cum[d] < target) d++;
    bucketStart[b] = d;
  }
  return () => {
    const x = rand() * tot;
    let d = bucketStart[Math.floor((x / tot) * BUCKETS)];
    while (cum[d] < x && d < D - 1) d++;
    return d;
  };
}

// Per-user parameters: arrival day, base probability p0, daily decay dk,
// floor fl (p on day a + t is p0 * dk^t + fl, times the weekday factor), and
// the expected number of active days after arrival at scale 1.
function userParams(U, D, loyalShare, sampleArrival, rand) {
  const arrival = new Uint16Array(U);
  const base = new Float32Array(U);
  const decay = new Float32Array(U);
  const floor = new Float32Array(U);
  let expected = 0;
  for (let u = 0; u < U; u++) {
    const a = sampleArrival();
    arrival[u] = a;
    let p0, dk, fl;
    if (rand() < loyalShare) {
      p0 = 0.08 + 0.27 * rand();
      dk = 1 - 0.002 * rand(); // barely decays
      fl = 0;
    } else {
      p0 = 0.15 + 0.35 * rand();
      dk = Math.pow(0.5, 1 / (2 + 6 * rand())); // half-life 2..8 days
      fl = rand() < 0.3 ? 0.004 + 0.012 * rand() : 0.0005;
    }
    base[u] = p0; decay[u] = dk; floor[u] = fl;
    const R = D - 1 - a; // days after arrival
    // sum_{t=1..R} p0*dk^t + fl*R
    expected += (dk === 1 ? p0 * R : p0 * dk * (1 - Math.pow(dk, R)) / (1 - dk)) + fl * R;
  }
  return { arrival, base, decay, floor, expected };
}

// Active user-days as (user index, day offset) pairs. Days after arrival by
// thinning: candidate days come from a geometric gap under a bound q on the
// probability of every later day (p only decays), and each is kept with
// probability p(day) / q: the same law as one draw a day, ~25x fewer draws.
function activeUserDays(U, D, firstDay, par, scale, capacity, rand) {
  const { arrival, base, decay, floor } = par;
  let cap = capacity;
  let udUser = new Uint32Array(cap);
  let udDay = new Uint16Array(cap);
  let A = 0;
  const wdScaled = new Float64Array(WEEKDAY.map((w) => w * scale));
  const wdMax = Math.max(...wdScaled);
  for (let u = 0; u < U; u++) {
    if (A + D > cap) {
      cap = Math.max(cap * 2, A + D);
      const nu = new Uint32Array(cap); nu.set(udUser); udUser = nu;
      const nd = new Uint16Array(cap); nd.set(udDay); udDay = nd;
    }
    const a = arrival[u];
    udUser[A] = u; udDay[A] = a; A++;
    const p0 = base[u], dk = decay[u], fl = floor[u];
    let d = a;
    let pNext = p0 * dk; // p on day d + 1
    for (;;) {
      const q = Math.min(0.95, (pNext + fl) * wdMax);
      if (!(q > 0)) break;
      d += 1 + Math.floor(Math.log(1 - rand()) / Math.log1p(-q));
      if (d >= D) break;
      const pd = p0 * Math.pow(dk, d - a);
      if (rand() * q < Math.min(0.95, (pd + fl) * wdScaled[(firstDay + d + 3) % 7])) {
        udUser[A] = u; udDay[A] = d; A++;
      }
      pNext = pd * dk;
    }
  }
  return { udUser, udDay, A };
}

// Events per active user-day: 1 each, and the E - n extra events spread over
// the user-days uniformly at random (multinomial), in one sequential pass:
// user-day i gets Binomial(extras left, 1 / user-days left), by inversion.
function eventCounts(n, E, rand) {
  const count = new Uint32Array(n);
  for (let i = 0, left = E - n; i < n; i++) {
    const slots = n - i;
    let x = 0;
    if (left > 0) {
      if (slots === 1) x = left;
      else {
        const pr = 1 / slots;
        let pk = Math.exp(left * Math.log1p(-pr)); // P(X = 0)
        let c = pk;
        const r = rand();
        const ratio = pr / (1 - pr);
        while (r > c && x < left) { pk *= ((left - x) / (x + 1)) * ratio; x++; c += pk; }
      }
      left -= x;
    }
    count[i] = 1 + x;
  }
  return count;
}

// Hour-of-day lookup table: a uniform index in [0, 1024) -> an hour.
function hourTable() {
  const t = new Uint8Array(1024);
  const s = HOURLY.reduce((x, y) => x + y);
  let h = 0, acc = HOURLY[0];
  for (let i = 0; i < 1024; i++) {
    const c = ((i + 0.5) / 1024) * s;
    while (c > acc && h < 23) acc += HOURLY[++h];
    t[i] = h;
  }
  return t;
}

// Random order without a cache-hostile Fisher-Yates over all E events: each
// event (in generation order) gets a random bucket of ~8k events, is written
// at its bucket's next slot, and each bucket is then shuffled in place. iid
// uniform buckets and a uniform shuffle inside each make a uniform permutation.
function bucketSlots(E, rand) {
  const B = Math.max(1, Math.min(65535, Math.ceil(E / 8192)));
  const bucketOf = new Uint16Array(E);
  const next = new Int32Array(B + 1);
  for (let k = 0; k < E; k++) { const b = Math.floor(rand() * B); bucketOf[k] = b; next[b + 1]++; }
  for (let b = 1; b <= B; b++) next[b] += next[b - 1];
  return { B, bucketOf, next, bucketEnd: next.slice(1) };
}

function fillEvents(E, nUD, udUser, udDay, count, firstDay, dense, slots, rand) {
  const hours = hourTable();
  const { bucketOf, next } = slots;
  const userIds = new Uint32Array(E);
  const timestamps = new Float64Array(E);
  let k = 0;
  for (let i = 0; i < nUD; i++) {
    const u = udUser[i];
    const id = dense ? u : scatterId(u);
    const dayStart = (firstDay + udDay[i]) * DAY_MS;
    let t = hours[Math.floor(rand() * 1024)] * 3_600_000 + Math.floor(rand() * 3_600_000);
    for (let n = count[i]; n > 0; n--) {
      if (t >= DAY_MS) t = DAY_MS - 1 - Math.floor(rand() * 60_000);
      const at = next[bucketOf[k++]]++;
      userIds[at] = id;
      timestamps[at] = dayStart + t;
      // Next event: 75% in the same session (seconds to minutes later), else
      // a new session at another time of day.
      if (rand() < 0.75) t += 1000 + Math.floor(-Math.log(1 - rand()) * 90_000);
      else t = hours[Math.floor(rand() * 1024)] * 3_600_000 + Math.floor(rand() * 3_600_000);
    }
  }
  return { userIds, timestamps };
}

function shuffleBuckets(userIds, timestamps, bucketEnd, rand) {
  for (let b = 0, start = 0; b < bucketEnd.length; b++) {
    const end = bucketEnd[b];
    for (let i = end - 1; i > start; i--) {
      const j = start + Math.floor(rand() * (i - start + 1));
      const uu = userIds[i]; userIds[i] = userIds[j]; userIds[j] = uu;
      const tt = timestamps[i]; timestamps[i] = timestamps[j]; timestamps[j] = tt;
    }
    start = end;
  }
}

/**
 * @param {{events?: number, users?: number, days?: number, seed?: number,
 *          loyalShare?: number, eventsPerActiveDay?: number, denseIds?: boolean}} [opts]
 * @returns {{userIds: Uint32Array, timestamps: Float64Array, firstDay: number, lastDay: number,
 *            activeUserDays: number, scale: number}} firstDay/lastDay: days since the epoch;
 *            scale: the factor applied to the after-arrival probabilities.
 */
export function generateEvents(opts = {}) {
  const o = { ...DEFAULTS, ...opts };
  const E = Math.floor(o.events), U = Math.floor(o.users), D = Math.floor(o.days);
  if (!(E >= 0) || !(U >= 1) || !(D >= 1) || D > 65535 || U > 0xffffffff) {
    throw new RangeError('need events >= 0, 1 <= users < 2^32, 1 <= days <= 65535');
  }
  const rand = prng(o.seed);
  const firstDay = END_DAY - D + 1;

  const par = userParams(U, D, o.loyalShare, arrivalSampler(D, firstDay, rand), rand);
  // One scale for all the after-arrival probabilities, so that active
  // user-days ~= E / eventsPerActiveDay (each user has its arrival day too).
  const targetDays = Math.max(U, E / o.eventsPerActiveDay);
  const scale = par.expected > 0 ? Math.min(4, Math.max(0.05, (targetDays - U) / par.expected)) : 1;
  const { udUser, udDay, A } = activeUserDays(U, D, firstDay, par, scale, Math.ceil(targetDays * 1.25) + D, rand);

  let nUD = A;
  if (E < A) {
    // Keep E user-days chosen at random (partial Fisher-Yates).
    for (let i = 0; i < E; i++) {
      const j = i + Math.floor(rand() * (A - i));
      let t = udUser[i]; udUser[i] = udUser[j]; udUser[j] = t;
      t = udDay[i]; udDay[i] = udDay[j]; udDay[j] = t;
    }
    nUD = E;
  }
  const count = eventCounts(nUD, E, rand);
  const slots = bucketSlots(E, rand);
  const { userIds, timestamps } = fillEvents(E, nUD, udUser, udDay, count, firstDay, !!o.denseIds, slots, rand);
  shuffleBuckets(userIds, timestamps, slots.bucketEnd, rand);
  return { userIds, timestamps, firstDay, lastDay: END_DAY, activeUserDays: nUD, scale };
}

/** Writes `user_id,timestamp` CSV (ISO 8601 UTC, ms) of the arrays to file (~0.4 us a row). */
export function writeEventsCsv(file, { userIds, timestamps }) {
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, 'user_id,timestamp\n');
    const CHUNK = 1 << 20;
    const buf = Buffer.allocUnsafe(CHUNK + 64); // a row is at most 10 + 1 + 24 + 1 bytes
    const prefix = new Map(); // day -> bytes of 'YYYY-MM-DDT'
    const digits = new Uint8Array(10);
    let at = 0;
    const two = (n) => { buf[at++] = 48 + ((n / 10) | 0); buf[at++] = 48 + (n % 10); };
    for (let i = 0; i < userIds.length; i++) {
      let u = userIds[i];
      let nd = 0;
      do { digits[nd++] = 48 + (u % 10); u = Math.floor(u / 10); } while (u > 0);
      while (nd > 0) buf[at++] = digits[--nd];
      buf[at++] = 44; // ,
      const ts = timestamps[i];
      const day = Math.floor(ts / DAY_MS);
      let pre = prefix.get(day);
      if (pre === undefined) { pre = Buffer.from(new Date(day * DAY_MS).toISOString().slice(0, 11)); prefix.set(day, pre); }
      for (let j = 0; j < pre.length; j++) buf[at++] = pre[j];
      let r = ts - day * DAY_MS;
      const ms = r % 1000; r = (r - ms) / 1000;
      const sec = r % 60; r = (r - sec) / 60;
      const min = r % 60;
      two((r - min) / 60); buf[at++] = 58; two(min); buf[at++] = 58; two(sec); buf[at++] = 46;
      buf[at++] = 48 + ((ms / 100) | 0); two(ms % 100);
      buf[at++] = 90; buf[at++] = 10; // Z\n
      if (at >= CHUNK) { fs.writeSync(fd, buf, 0, at); at = 0; }
    }
    if (at > 0) fs.writeSync(fd, buf, 0, at);
  } finally {
    fs.closeSync(fd);
  }
}

function main() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const args = process.argv.slice(2);
  const opts = {};
  let out = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--dense-ids') { opts.denseIds = true; continue; }
    const m = /^--(events|users|days|seed)$/.exec(a);
    if (m) {
      const v = Number(args[++i]);
      if (!Number.isFinite(v) || v < 0) { console.error(`${a} needs a number`); process.exit(2); }
      opts[m[1]] = v;
    } else if (a.startsWith('--')) {
      console.error(`unknown option ${a}\nusage: node bench/events-data.mjs [OUT.csv] [--events N] [--users U] [--days D] [--seed S] [--dense-ids]`);
      process.exit(2);
    } else out = a;
  }
  const o = { ...DEFAULTS, ...opts };
  out ??= path.join(root, 'bench', 'out', `events-${o.events}.csv`);
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const t0 = performance.now();
  const ev = generateEvents(o);
  const t1 = performance.now();
  writeEventsCsv(out, ev);
  const t2 = performance.now();
  const days = `${new Date(ev.firstDay * DAY_MS).toISOString().slice(0, 10)}..${new Date(ev.lastDay * DAY_MS).toISOString().slice(0, 10)}`;
  console.log(`${ev.userIds.length} events, ${o.users} users, ${ev.activeUserDays} active user-days, ${days}, seed ${o.seed}: ` +
    `generated in ${(t1 - t0).toFixed(0)} ms, CSV ${fs.statSync(out).size} bytes in ${(t2 - t1).toFixed(0)} ms -> ${out}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
