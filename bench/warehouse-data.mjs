// Generated events for bench/warehouse.mjs, twice over from one definition:
// as DuckDB SQL that writes them straight into a Parquet file (range() and
// integer hashes: no data passes through JS), and in JS as the typed arrays
// analyzeEvents takes. Both compute the same 32-bit hashes (murmur3's fmix32,
// in UBIGINT arithmetic in SQL, Math.imul in JS) and the same IEEE doubles
// from them (+, -, *, / and floor only, each rounded alike in both), so for
// the same options the rows are the same, bit for bit, in either.
//
//   import { generateEvents, generationSql, NAMES } from './warehouse-data.mjs';
//   const { userIds, timestamps, codes, dictionary } = generateEvents({ events, users, days, seed });
//   const sql = generationSql({ events, users, days, seed }, 'bench/out/events.parquet');
//
// Row i (0 <= i < events; at most 2^30 rows), with r_k(i) = fmix32((i + k * 2^30 + seed) mod 2^32) / 2^32
// (four streams that never share an input) and, per user u, ra(u), rl(u)
// the same of u + seed + two constants:
//   - user index u = floor(users * r0 * r0): skewed, as activity is (the
//     top user has about events / sqrt(users) events, the least active ones
//     about half the mean); user_id = u * 2654435761 + 12345 mod 2^32
//     (bench/events-data.mjs's scatterId: distinct, spread over uint32);
//   - the user's arrival day a = floor(days * ra) and life span
//     s = (days - a) * rl^3 (most users stay days, a few the whole window);
//   - the event's day a + floor(s * r1^2) (bunched early in the life span),
//     its time of day floor(86,400,000 * r2) ms; the window's last day is
//     2026-11-01 (UTC), as in bench/events-data.mjs;
//   - the event name: bucket r3's top 12 bits (4,096 buckets) into NAMES,
//     each name as many buckets as its Zipf weight 1 / rank^1.07 takes
//     (bench/event-names.mjs's names and law, with PostHog's `$identify`
//     at rank 6, which the analyses leave out by default).
// Columns: user_id UINTEGER, event_ts TIMESTAMP (UTC, whole ms), event_name VARCHAR.

import { NAMES_BY_RANK, ZIPF_S } from './event-names.mjs';

export const DAY_MS = 86_400_000;
/** The window's last day, 2026-11-01, in days since 1970-01-01. */
export const END_DAY = Date.UTC(2026, 10, 1) / DAY_MS;
export const MAX_ROWS = 2 ** 30;
/** The 50 names by rank: bench/event-names.mjs's first 49, `$identify` at rank 6. */
export const NAMES = [...NAMES_BY_RANK.slice(0, 5), '$identify', ...NAMES_BY_RANK.slice(5, 49)];
const BUCKET_BITS = 12;
const STREAM = 2 ** 30;
const USER_SALT = [0x6a09e667, 0xbb67ae85];

/** murmur3's 32-bit finalizer. */
export function fmix32(h) {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** The same in DuckDB, on a UBIGINT below 2^32 (each product fits in 64 bits). */
function fmix32Sql(x) {
  const mask = 4294967295;
  let h = `(${x})`;
  h = `xor(${h}, ${h} >> 16)`;
  h = `((${h}) * ${0x85ebca6b} & ${mask})`;
  h = `xor(${h}, ${h} >> 13)`;
  h = `((${h}) * ${0xc2b2ae35} & ${mask})`;
  return `xor(${h}, ${h} >> 16)`;
}

/** Per bucket (0 .. 4095), the index in NAMES of its name. */
export function nameBuckets() {
  const weights = NAMES.map((_, r) => 1 / Math.pow(r + 1, ZIPF_S));
  const total = weights.reduce((a, b) => a + b, 0);
  const n = 1 << BUCKET_BITS;
  const buckets = new Uint8Array(n);
  let r = 0;
  let cum = weights[0] / total;
  for (let b = 0; b < n; b++) {
    const x = (b + 0.5) / n;
    while (r < NAMES.length - 1 && cum <= x) cum += weights[++r] / total;
    buckets[b] = r;
  }
  return buckets;
}

function check({ events, users, days, seed }) {
  const whole = (v, lo, hi) => Number.isInteger(v) && v >= lo && v <= hi;
  if (!whole(events, 1, MAX_ROWS)) throw new RangeError(`events: 1 .. ${MAX_ROWS}`);
  if (!whole(users, 1, 2 ** 31)) throw new RangeError('users: 1 .. 2^31');
  if (!whole(days, 1, 20_000)) throw new RangeError('days: 1 .. 20,000');
  if (!whole(seed, 0, 2 ** 32 - 1)) throw new RangeError('seed: a uint32');
}

/**
 * The events as analyzeEvents takes them: { userIds: Uint32Array,
 * timestamps: Float64Array (ms), codes: Uint32Array, dictionary: NAMES }.
 */
export function generateEvents({ events, users, days, seed }) {
  check({ events, users, days, seed });
  const userIds = new Uint32Array(events);
  const timestamps = new Float64Array(events);
  const codes = new Uint32Array(events);
  const buckets = nameBuckets();
  const start = END_DAY - days + 1;
  const unit = (k, i) => fmix32((i + k * STREAM + seed) >>> 0) / 4294967296;
  for (let i = 0; i < events; i++) {
    const r0 = unit(0, i);
    const u = Math.floor(users * r0 * r0);
    const ra = fmix32((u + seed + USER_SALT[0]) >>> 0) / 4294967296;
    const rl = fmix32((u + seed + USER_SALT[1]) >>> 0) / 4294967296;
    const a = Math.floor(days * ra);
    const span = (days - a) * rl * rl * rl;
    const r1 = unit(1, i);
    const day = a + Math.floor(span * r1 * r1);
    userIds[i] = (Math.imul(u, 2654435761) + 12345) >>> 0;
    timestamps[i] = (start + day) * DAY_MS + Math.floor(DAY_MS * unit(2, i));
    codes[i] = buckets[fmix32((i + 3 * STREAM + seed) >>> 0) >>> (32 - BUCKET_BITS)];
  }
  return { userIds, timestamps, codes, dictionary: NAMES };
}

/** DuckDB SQL writing the same events to `file` (a Parquet file): one COPY statement. */
export function generationSql({ events, users, days, seed }, file) {
  check({ events, users, days, seed });
  const buckets = nameBuckets();
  const text = (s) => `'${s.replaceAll("'", "''")}'`;
  const names = [...buckets].map((r, b) => `(${b}, ${text(NAMES[r])})`).join(', ');
  const hash = (k) => fmix32Sql(`(i + ${k * STREAM + seed}) & 4294967295`);
  const unit = (h) => `(${h}::DOUBLE / 4294967296::DOUBLE)`;
  const userHash = (salt) => fmix32Sql(`(u + ${seed + salt}) & 4294967295`);
  const start = END_DAY - days + 1;
  return `COPY (
WITH
names(bucket, event_name) AS (VALUES ${names}),
rows AS (SELECT range::UBIGINT AS i FROM range(${events})),
hashed AS (
  SELECT ${hash(0)} AS h0, ${hash(1)} AS h1, ${hash(2)} AS h2, ${hash(3)} >> ${32 - BUCKET_BITS} AS bucket
  FROM rows
),
picked AS (
  SELECT floor(${users}::DOUBLE * ${unit('h0')} * ${unit('h0')})::UBIGINT AS u, h1, h2, bucket FROM hashed
),
per_user AS (
  SELECT u, floor(${days}::DOUBLE * ${unit(userHash(USER_SALT[0]))})::BIGINT AS a,
    ${unit(userHash(USER_SALT[1]))} AS rl, h1, h2, bucket
  FROM picked
),
placed AS (
  SELECT ((u * 2654435761 + 12345) & 4294967295)::UINTEGER AS user_id,
    a + floor((${days} - a)::DOUBLE * rl * rl * rl * ${unit('h1')} * ${unit('h1')})::BIGINT AS day,
    floor(${DAY_MS}::DOUBLE * ${unit('h2')})::BIGINT AS ms, bucket
  FROM per_user
)
SELECT user_id, make_timestamp(((${start} + day) * ${DAY_MS} + ms) * 1000) AS event_ts, names.event_name AS event_name
FROM placed JOIN names USING (bucket)
) TO ${text(file)} (FORMAT parquet)`;
}
