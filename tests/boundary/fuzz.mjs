// Fuzzes every entry point of the wasm package (issue 11): generated calls,
// most of them a valid input with a few parts replaced by odd, wrong or
// hostile JavaScript values. Every call must return a result or throw an
// InputError with problems (a path, a value, what was expected); anything
// else (a TypeError, a RuntimeError, a bare thrown value) is a failure.
// Every 2,000 calls, and at the end, each entry point must still give its
// known result for a good input; one call in 50 is repeated and must give
// the same result. Ends with "N passed, M failed" (one check per entry point
// and one for the module's health).
//
//   node tests/boundary/fuzz.mjs                       20,000 calls per entry point
//   FUZZ_CALLS=200000 FUZZ_SEED=7 node tests/boundary/fuzz.mjs

import { mv, memoryBytes, tableSlots, check, summary, assert, attempt } from './load.mjs';
import * as h from './constructs.mjs';
import { goodCalls, SQL_OPTIONS, aggregateTables } from './good.mjs';
import { inspect } from 'node:util';
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';
// mulberry32, seeded, so a failure can be replayed.
import { prng as generator } from '../../bench/prng.mjs';

const CALLS = Number(process.env.FUZZ_CALLS ?? 20000);
const SEED = Number(process.env.FUZZ_SEED ?? 11);

let random = generator(SEED);
const int = (/** @type {number} */ n) => Math.floor(random() * n);
/** @template T @param {readonly T[]} list @returns {T} */
const pick = (list) => list[int(list.length)];
const chance = (/** @type {number} */ p) => random() < p;

// The vocabulary the generated values are made of: the fields and options
// the library reads, and values near their edges.
const schemaKeys = new Set();
(function collect(/** @type {any} */ node) {
  if (!node || typeof node !== 'object') return;
  if (node.properties) for (const [k, v] of Object.entries(node.properties)) { schemaKeys.add(k); collect(v); }
  for (const v of Object.values(node)) if (typeof v === 'object') collect(v);
})(mv.schema());
const KEYS = [...schemaKeys, 'preset', 'confidenceLevel', 'weights', 'usage', 'nps', 'pmf', 'csat', 'segment', 'features',
  'columns', 'delimiter', 'asOf', 'cohortPeriod', 'utcOffsetMinutes', 'weekStart', 'window', 'powerUserDays', 'userIds',
  'timeUnit', 'identity', 'aliases', 'from', 'to',
  'timestamps', 'launchDate', 'milestones', 'offsetDays', 'date', 'name', 'dependsOn', '__proto__', 'constructor', 'toJSON', ''];
const NUMBERS = [0, -0, 1, -1, 0.5, 0.45, 45, 99.5, 100, 101, 1000, 1e6, 1e21, -1e-7, 2 ** 31, 2 ** 32, 2 ** 53, 2 ** 53 + 2,
  NaN, Infinity, -Infinity, Number.MAX_VALUE, Number.MIN_VALUE, 1.7e12, 1.7e9, Date.UTC(2026, 0, 1), Date.UTC(2100, 0, 1), -5];
const STRINGS = ['', ' ', 'x', '45', '45%', '0.45', '1e3', 'NaN', '2027-02-15', '2027-02-30', '0000-01-05', '9999-12-31',
  '2026-01-01T10:00:00Z', 'Very disappointed', 'Somewhat disappointed', 'Not disappointed', 'b2b-saas', 'consumer-social',
  'day', 'week', 'month', 'monday', 'sunday', 'calendar', '24h', 'wilson', 'exact', '\u0000', '\uFFFD', '\uD800', 'é',
  'How likely are you to recommend us?', 'How would you feel if you could no longer use it?', 'Rate search',
  'What is the main benefit you receive from it?', 'How can we improve it for you?', 'saves me hours, time-saving!', '🚀 fast—really'];
const CLASSES = [Uint8Array, Uint32Array, Float64Array, Int8Array, Float32Array, BigInt64Array];

/** A scalar near an edge. */
function scalar() {
  switch (int(10)) {
    case 0: case 1: case 2: return pick(NUMBERS);
    case 3: return (random() - 0.5) * 10 ** int(15);
    case 4: case 5: return pick(STRINGS);
    case 6: return chance(0.5) ? 'x'.repeat(pick([199, 200, 201, 9999, 10001])) : String.fromCharCode(...Array.from({ length: int(12) }, () => int(0x10000)));
    case 7: return pick([true, false, null, undefined]);
    case 8: return pick([5n, -1n, 2n ** 64n, 10n ** 400n]);
    default: return pick([Symbol('s'), () => 1, new Date(pick(NUMBERS))]);
  }
}

/** A hostile or unusual object. */
function oddObject() {
  switch (int(16)) {
    case 0: return h.throwingItem();
    case 1: return h.throwingKey(pick(KEYS), pick([h.BOOM, 7, undefined, 'no']));
    case 2: return h.revokedProxy();
    case 3: return h.arrayProxyThrowingLength();
    case 4: return h.arrayProxyThrowingItems();
    case 5: return h.proxyThrowingKeys();
    case 6: return h.lyingMap();
    case 7: return h.mapWithThrowingValue();
    case 8: return h.fake(pick([Map, Uint8Array, Uint32Array, Float64Array, Date, ArrayBuffer]));
    case 9: return h.detached(pick([Uint8Array, Uint32Array, Float64Array]));
    case 10: return h.detachedBuffer();
    case 11: return new (pick(CLASSES))(int(5));
    case 12: return h.shared(pick([Uint8Array, Uint32Array, Float64Array]), [1, 2, 3]);
    case 13: return new Proxy(chance(0.5) ? [1, 2] : { a: 1 }, {});
    case 14: return h.hugeArrayProxy(pick([1001, 2 ** 32 - 1, 5e7]), 1);
    default: { const o = { a: 1 }; /** @type {any} */ (o).self = o; return o; }
  }
}

/**
 * Sets an own data property (so "__proto__" is a key like any other, and no
 * setter runs). @param {any} o @param {string | number} key @param {unknown} value
 */
function put(o, key, value) {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Any value, at most `depth` levels deep. @param {number} depth @returns {unknown} */
function anyValue(depth) {
  const r = random();
  if (depth <= 0 || r < 0.5) return scalar();
  if (r < 0.62) return oddObject();
  if (r < 0.78) return Array.from({ length: chance(0.05) ? 1001 : int(6) }, () => anyValue(depth - 1));
  if (r < 0.9) {
    /** @type {Record<string, unknown>} */
    const o = {};
    for (let i = int(5); i > 0; i--) put(o, pick(KEYS), anyValue(depth - 1));
    return o;
  }
  return new Map(Array.from({ length: int(4) }, () => [chance(0.8) ? pick(KEYS) : scalar(), anyValue(depth - 1)]));
}

/** The containers inside a value, with their keys: where a mutation can land. @param {unknown} root */
function slots(root) {
  /** @type {Array<[any, string | number, unknown]>} */
  const found = [];
  const seen = new Set();
  (function walk(/** @type {any} */ v) {
    if (!v || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    try {
      // Plain arrays and objects only, and only their data properties: the
      // generator must not run the hostile values it made.
      if (!(Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype)) return;
      for (const [k, d] of Object.entries(Object.getOwnPropertyDescriptors(v))) {
        if (!('value' in d)) continue;
        found.push([v, Array.isArray(v) ? Number(k) : k, d.value]);
        walk(d.value);
      }
    } catch { /* a Proxy whose traps throw */ }
  })(root);
  return found;
}

/** A plain object's data properties as a Map; anything else as it is. @param {unknown} v */
function asMap(v) {
  try {
    if (!v || typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return v;
    const data = Object.entries(Object.getOwnPropertyDescriptors(v)).filter(([, d]) => 'value' in d);
    return new Map(data.map(([k, d]) => [k, d.value]));
  } catch {
    return v; // a Proxy whose traps throw
  }
}

/** A valid value with 1 to 4 parts replaced, removed, added or wrapped. @param {unknown} base */
function mutate(base) {
  const value = structuredClone(base);
  for (let n = 1 + int(4); n > 0; n--) {
    const all = slots(value);
    if (all.length === 0) break;
    const [parent, key, old] = pick(all);
    switch (int(6)) {
      case 0: delete parent[key]; break;
      case 1: put(parent, pick(KEYS), anyValue(2)); break;
      case 2: put(parent, key, chance(0.5) ? asMap(old) : oddObject()); break;
      default: put(parent, key, anyValue(2));
    }
  }
  return chance(0.03) ? anyValue(2) : value;
}

const product = mv.sampleProduct();
const { plan, options: launchOptions } = mv.sampleLaunchPlan();
const analyzeOptions = { preset: 'b2b-saas', confidenceLevel: 0.9, weights: { usage: 2 } };

/**
 * A zip archive of the files (deflated), as zip tools write one (PKWARE's
 * APPNOTE 4.3: local headers, central directory, end record).
 * @param {[string, Uint8Array][]} files
 */
function zipOf(files) {
  const parts = [];
  const central = [];
  let offset = 0;
  for (const [name, data] of files) {
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14); local.writeUInt32LE(packed.length, 18); local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0); entry.writeUInt16LE(20, 4); entry.writeUInt16LE(20, 6); entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc32(data), 16); entry.writeUInt32LE(packed.length, 20); entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28); entry.writeUInt32LE(offset, 42);
    parts.push(local, nameBytes, packed);
    central.push(entry, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(files.length, 8); end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12); end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, dir, end]));
}

/**
 * A file's bytes in another container or encoding, sometimes damaged: UTF-16
 * (with or without a BOM), gzip (whole or cut short), a zip of it (split in
 * two files, gzipped inside, or cut short), or rows as JSON lines or a JSON
 * array (sometimes broken). @param {string} text
 */
function contained(text) {
  if (chance(0.15)) {
    const bytes = new TextEncoder().encode(text);
    const [first, ...rest] = text.split('\n');
    const split = rest.length > 2 ? [['a.csv', `${first}\n${rest.slice(0, 2).join('\n')}`], ['b.csv', `${first}\n${rest.slice(2).join('\n')}`]] : [['a.csv', text]];
    const files = /** @type {[string, Uint8Array][]} */ (chance(0.3) ? [['export.csv.gz', gzipSync(bytes)]]
      : split.map(([n, t]) => [n, new TextEncoder().encode(t)]));
    const zip = zipOf(files);
    return chance(0.8) ? zip : zip.subarray(0, int(zip.length));
  }
  const r = random();
  if (r < 0.25) {
    const units = Uint16Array.from(text, (c) => c.charCodeAt(0));
    const bytes = new Uint8Array(units.buffer);
    return chance(0.5) ? Uint8Array.from([0xff, 0xfe, ...bytes]) : bytes;
  }
  if (r < 0.5) {
    const gz = gzipSync(new TextEncoder().encode(text));
    return chance(0.7) ? gz : gz.subarray(0, int(gz.length));
  }
  const [head, ...rows] = text.split(/\r?\n|\r/);
  const keys = head.split(/[,;\t]/);
  const objects = rows.map((row) => Object.fromEntries(row.split(/[,;\t]/).map((v, i) => [keys[i] ?? `k${i}`, chance(0.2) ? { nested: v } : v])));
  const json = r < 0.75 ? objects.map((o) => JSON.stringify(o)).join('\n') : JSON.stringify(objects, null, chance(0.5) ? 2 : 0);
  return chance(0.15) ? json.slice(0, int(json.length)) : json;
}

/** A survey: CSV text or bytes (sometimes not UTF-8, Qualtrics' three header rows, or in another container), or answer arrays. */
function survey() {
  const r = random();
  if (r < 0.45) {
    const headers = Array.from({ length: 1 + int(3) }, () => pick(STRINGS));
    const rows = Array.from({ length: int(12) }, () => headers.map(() => pick([...STRINGS.slice(0, 12), '9', '10', '3', '"a,b"', '"', ''])).join(pick([',', ';', '\t'])));
    const qualtrics = chance(0.15) ? [headers.map(() => pick(STRINGS)).join(','), headers.map((_, i) => `"{""ImportId"":""QID${i}""}"`).join(',')] : [];
    const text = [headers.join(','), ...qualtrics, ...rows].join(pick(['\n', '\r\n', '\r']));
    if (chance(0.2)) return contained(text);
    if (chance(0.5)) return text;
    const bytes = new TextEncoder().encode(text);
    if (chance(0.2)) bytes[int(bytes.length)] = 0xff;
    return chance(0.5) ? bytes : bytes.buffer;
  }
  if (r < 0.9) {
    return mutate({ nps: [9, 10, 3, 8], pmf: ['Very disappointed', 'Not disappointed', 'Somewhat disappointed', 'Very disappointed'], csat: [5, 4, 1, 3], segment: ['a', 'b', 'a', 'b'], features: { search: [5, 4, 3, 1] } });
  }
  return anyValue(3);
}

const surveyOptions = () => (chance(0.7) ? undefined : mutate({
  pmfBar: 0.4, confidenceLevel: 0.95, npsMethod: 'wilson', columns: { nps: 'How likely are you to recommend us?', segments: ['a', 'b'], date: 'Timestamp', mainBenefit: 'What is the main benefit you receive from it?', improve: 'How can we improve it for you?' },
  includePartial: pick([true, 'yes']), scales: { csat: pick(['descending', 'up']) }, waves: pick(['month', 'quarter', 'week']), dateOrder: pick(['day-month', 'ymd']),
}));

/** One column of user ids or timestamps, `n` long (or not). @param {number} n @param {boolean} ids */
function column(n, ids) {
  const len = chance(0.1) ? int(2 * n + 1) : n;
  const item = () => (ids ? (chance(0.9) ? int(5) : pick([...STRINGS, -1, 0.5, 2 ** 32, null])) : (chance(0.9) ? Date.UTC(2026, 0, 1) + int(90) * 864e5 + int(864e5) : pick(NUMBERS)));
  const items = Array.from({ length: len }, item);
  const r = random();
  if (r < 0.4) return ids ? Uint32Array.from(items.map((x) => (typeof x === 'number' ? x >>> 0 : 0))) : Float64Array.from(items.map(Number));
  if (r < 0.9) return items;
  return chance(0.5) ? oddObject() : anyValue(2);
}

const eventsOptions = () => (chance(0.5) ? undefined : mutate({ cohortPeriod: pick(['day', 'week', 'month']), asOf: pick(['2026-03-01', '2026-01-01', '2099-12-31', '2025-12-31']), utcOffsetMinutes: pick([0, 60, -300, 840, 7]), weekStart: 'sunday', window: pick(['calendar', '24h']), powerUserDays: pick([14, 0, 29]),
  ...(chance(0.3) ? { timeUnit: pick(['seconds', 'milliseconds', 'microseconds', 'nanoseconds', 'yyyymmdd', 'hours']) } : {}),
  ...(chance(0.3) ? { identity: pick(['link', 'as-is', 'merge']) } : {}),
  ...(chance(0.3) ? { aliases: [{ from: pick(['1', 'u3', 'anon-1', '']), to: pick(['2', 'u9', 7, null]) }] } : {}),
  ...(chance(0.3) ? { activationEvent: pick(['a', 'b', 'project_created', '$identify', '', 7]), activationWindowDays: pick([7, 0, 366, 1.5]) } : {}),
  ...(chance(0.2) ? { features: pick([{ F: ['a', 'b'] }, { F: 'a' }, { '': ['a'] }, { F: [] }, ['a']]) } : {}),
  ...(chance(0.2) ? { startEvent: pick(['a', 'zz']), returnEvent: pick(['b', null]), retention: pick(['on', 'on-or-after', 'after']) } : {}),
  ...(chance(0.2) ? { sessionGapMinutes: pick([30, 0, 2000]) } : {}) }));

/** Event names: strings, codes with a dictionary, or something else. */
function eventNames(n) {
  const r = random();
  if (r < 0.4) return Array.from({ length: chance(0.9) ? n : int(2 * n + 1) }, () => pick(['a', 'b', 'c', '$identify', '', null, 3]));
  if (r < 0.8) {
    const codes = Array.from({ length: chance(0.9) ? n : int(2 * n + 1) }, () => (chance(0.95) ? int(3) : pick([7, -1, 0.5, 2 ** 32])));
    return { codes: chance(0.5) ? Uint32Array.from(codes.map((c) => c >>> 0)) : codes, dictionary: chance(0.9) ? ['a', 'b', '$identify'] : anyValue(2) };
  }
  return chance(0.5) ? undefined : anyValue(2);
}

function eventsCsv() {
  // Also the pair of id columns linked by default (Segment's), numbers in every unit, YYYYMMDD dates.
  const header = pick(['user_id,timestamp', 'distinct_id,time', 'user,date', 'a,b', 'user_id;timestamp', '', 'anonymous_id,timestamp,user_id,original_timestamp']);
  const extra = header.split(',').length > 2 ? `,${pick(['', 'u1', 'u2', 'null'])},2026-01-01` : '';
  const rows = Array.from({ length: int(15) }, () => `${pick(['1', '2', 'u3', '', '"4"', 'anon-1'])}${header.includes(';') ? ';' : ','}${pick(['2026-01-01T10:00:00Z', '2026-01-05', '1767225600', '1767225600000', '1767225600000000', '1767225600000000000', '20260105', '99999999999999999999', 'soon', '', '2100-01-02'])}${extra}`);
  const text = [header, ...rows].join('\n');
  if (chance(0.2)) return contained(text);
  return chance(0.5) ? text : new TextEncoder().encode(text);
}

/** Each entry point: its arguments made, then the call. @type {Array<[string, () => any[], (args: any[]) => unknown]>} */
const entryPoints = [
  ['analyze', () => [mutate(product), chance(0.8) ? undefined : mutate(analyzeOptions)], ([data, options]) => mv.analyze(data, options)],
  // JSON text of mutated data (values JSON cannot hold become null or vanish), or text cut short, or anything.
  ['analyzeJson', () => {
    // The generator must not run the hostile values it made: huge array
    // proxies and other odd objects become a word (a cycle or a throwing
    // getter makes the text cut short).
    const plain = (_key, v) => {
      if (v === null || typeof v !== 'object') return v;
      if (Array.isArray(v)) return v.length > 2000 ? 'a huge array' : v;
      return Object.getPrototypeOf(v) === Object.prototype ? v : 'an odd object';
    };
    const text = (v) => { try { return JSON.stringify(v, plain) ?? 'undefined'; } catch { return '{'; } };
    const data = text(mutate(product));
    return [chance(0.1) ? anyValue(1) : chance(0.1) ? data.slice(0, int(data.length)) : data, chance(0.8) ? undefined : text(mutate(analyzeOptions))];
  }, ([data, options]) => JSON.parse(mv.analyzeJson(data, options))],
  ['validate', () => [mutate(product)], ([data]) => mv.validate(data)],
  ['analyzeMany', () => [chance(0.9) ? Array.from({ length: int(4) }, () => mutate(product)) : anyValue(2)], ([products]) => mv.analyzeMany(products)],
  ['analyzeSurvey', () => [survey(), surveyOptions()], ([input, options]) => mv.analyzeSurvey(input, options)],
  ['analyzeSurvey with behaviour', () => {
    const n = int(40);
    // Plain values are mutated; the event arrays (typed arrays, odd values) go in after.
    const base = { features: { Reports: pick(['a', ['b', 'c'], '', 7, []]) }, columns: { user: pick(['user_id', 'id', '', 5]) } };
    const options = chance(0.8) ? base : mutate(base);
    if (options === base) {
      options.behaviour = chance(0.8) ? { userIds: column(n, true), timestamps: column(n, false), eventNames: eventNames(n) } : anyValue(2);
    }
    // Half the time a survey whose user ids (0..4) and dates can match the events'.
    const joinable = () => 'user_id,Submit Date (UTC),How likely are you to recommend us?,How would you feel if you could no longer use it?\n'
      + Array.from({ length: int(20) }, () => `${pick([int(5), int(5), 'x', ''])},2026-0${1 + int(4)}-1${int(9)},${int(11)},${pick(['Very disappointed', 'Not disappointed', ''])}`).join('\n');
    return [chance(0.5) ? joinable() : survey(), options];
  }, ([input, options]) => mv.analyzeSurvey(input, options)],
  ['compareSurveys', () => [survey(), survey(), surveyOptions()], ([a, b, options]) => mv.compareSurveys(a, b, options)],
  ['analyzeEvents', () => {
    const n = int(40);
    const signups = chance(0.8) ? undefined : chance(0.7) ? { userIds: column(5, true), timestamps: column(5, false) } : anyValue(2);
    return [column(n, true), column(n, false), eventsOptions(), signups];
  }, ([ids, times, options, signups]) => mv.analyzeEvents(ids, times, options, signups)],
  ['analyzeEvents (object)', () => {
    const n = int(40);
    const sessions = chance(0.5) ? undefined : chance(0.5) ? Uint32Array.from({ length: n }, () => (chance(0.9) ? int(4) : 0xffffffff)) : Array.from({ length: n }, () => pick(['s1', 's2', 3, null, '', -1, {}]));
    return [{ userIds: column(n, true), timestamps: column(n, false), eventNames: eventNames(n), sessionIds: sessions, ...(chance(0.1) ? { eventName: [] } : {}) }, eventsOptions()];
  }, ([arrays, options]) => mv.analyzeEvents(arrays, options)],
  ['analyzeEventsCsv', () => [chance(0.9) ? eventsCsv() : anyValue(2), eventsOptions()], ([input, options]) => mv.analyzeEventsCsv(input, options)],
  // Few bootstrap replicates: each call stays fast; the curve as counts or as shares.
  ['fitRetention', () => {
    const shares = chance(0.3);
    const curve = shares ? [1, 0.631, 0.468, 0.382, 0.326] : [1000, 631, 468, 382, 326, 289];
    const options = { replicates: pick([0, 3, 10]), seed: pick([0, 7, 2 ** 53 - 1]), ...(shares ? { cohortSize: pick([1000, 50, 1]) } : {}), ...(chance(0.2) ? { horizons: [1, 12, 120] } : {}) };
    return [chance(0.9) ? mutate(curve) : anyValue(2), chance(0.9) ? options : mutate(options)];
  }, ([curve, options]) => mv.fitRetention(curve, options)],
  ['checkLaunch', () => [mutate(plan), chance(0.7) ? launchOptions : mutate(launchOptions)], ([p, options]) => mv.checkLaunch(p, options)],
  ['reviewLaunch', () => {
    const n = int(40);
    const features = (plan.newFeatures ?? []).map((f) => (typeof f === 'string' ? f : f.id));
    // Plain values are mutated; the event arrays (typed arrays, odd values) go in after.
    const base = {
      asOf: pick(['2027-04-20', '2027-02-01', '2027-13-01', '', 5]),
      launchedOn: chance(0.5) ? undefined : pick(['2027-02-15', '2027-02-20', '2030-01-01', null]),
      featureEvents: Object.fromEntries(features.map((f) => [f, pick(['a', ['b', 'c'], '', 7, []])])),
      survey: chance(0.7) ? undefined : { csat: { share: 0.7, interval: [0.6, 0.8], mean: 4.1, n: 50 } },
      revenue: chance(0.7) ? undefined : { actual: 1000, target: 900 },
    };
    const options = chance(0.8) ? base : mutate(base);
    if (options === base && chance(0.85)) {
      options.events = chance(0.8) ? { userIds: column(n, true), timestamps: column(n, false), eventNames: eventNames(n) } : anyValue(2);
    }
    return [mutate(plan), options];
  }, ([p, options]) => mv.reviewLaunch(p, options)],
  ['eventsSql', () => [chance(0.9) ? pick(['duckdb', 'clickhouse', 'spark', 'bigquery', 'snowflake', 'postgres', 'mysql', '']) : anyValue(1), mutate({ ...SQL_OPTIONS, utcOffsetMinutes: pick([-300, 0, 330, 900]), window: pick(['calendar', '24h', 'x']), ignoreEvents: pick([[], ["it's"], ['a\\b']]) })], ([dialect, options]) => mv.eventsSql(dialect, options)],
  ['analyzeEventAggregates', () => [chance(0.9) ? mutate(aggregateTables()) : anyValue(2), chance(0.7) ? undefined : mutate({ cohortPeriod: 'day', retention: 'on-or-after', powerUserDays: 2 })], ([tables, options]) => mv.analyzeEventAggregates(tables, options)],
  ['readExport', () => [chance(0.9) ? (chance(0.5) ? survey() : eventsCsv()) : anyValue(2), chance(0.6) ? undefined : mutate({ kind: pick(['survey', 'events', 'both']), delimiter: pick([',', ';', '\t', 'x']) })], ([input, options]) => mv.readExport(input, options)],
];

const baseline = goodCalls.map(([name, call]) => [name, JSON.stringify(call())]);
function assertHealthy() {
  for (const [i, [name, call]] of goodCalls.entries()) {
    const result = attempt(call);
    assert(result.ok && JSON.stringify(result.value) === baseline[i][1], `the good ${name} call no longer gives its result`);
  }
}

/** Why an outcome is not allowed, or null. @param {ReturnType<typeof attempt>} outcome */
function wrong(outcome) {
  if (outcome.ok) return outcome.value !== null && typeof outcome.value === 'object' ? null : `returned ${typeof outcome.value}`;
  const e = outcome.error;
  if (!(e instanceof Error)) return `threw a non-Error: ${typeof e}`;
  if (e.name !== 'InputError') return `threw ${e.name}: ${e.message}`;
  const problems = /** @type {any} */ (e).problems;
  if (!Array.isArray(problems) || problems.length === 0) return 'an InputError without problems';
  for (const p of problems) {
    if (typeof p.path !== 'string' || typeof p.value !== 'string' || typeof p.expected !== 'string') return `a problem without path, value or expected: ${JSON.stringify(p)}`;
  }
  return null;
}

/** A failing input in words, without running its getters. @param {unknown} args */
function describe(args) {
  try {
    return inspect(args, { depth: 4, maxArrayLength: 8, maxStringLength: 80, getters: false, showProxy: true, breakLength: Infinity });
  } catch (e) {
    return `(not printable: ${e})`;
  }
}

/** JSON of a result, for comparing repeats (BigInts cannot occur in results). @param {ReturnType<typeof attempt>} o */
const fingerprint = (o) => (o.ok ? JSON.stringify(o.value) : `${o.error?.name}: ${o.error?.message}`);

const memoryAtStart = memoryBytes();
let calls = 0;
const started = performance.now();
for (const [name, make, call] of entryPoints) {
  random = generator(SEED * 1000 + name.length * 31 + name.charCodeAt(0));
  await check(`${name}: ${CALLS} generated calls`, () => {
    /** @type {Record<string, number>} */
    const outcomes = { results: 0, inputErrors: 0 };
    const t = performance.now();
    for (let i = 0; i < CALLS; i++) {
      let args;
      try { args = make(); } catch (e) { throw new Error(`the generator threw at call ${i}: ${e}`); }
      const outcome = attempt(() => call(args));
      calls++;
      const why = wrong(outcome);
      if (why) throw new Error(`call ${i} (FUZZ_SEED=${SEED}): ${why}\n  input: ${describe(args)}`);
      outcomes[outcome.ok ? 'results' : 'inputErrors']++;
      if (i % 50 === 0) {
        const again = attempt(() => call(args));
        calls++;
        assert(fingerprint(again) === fingerprint(outcome), `call ${i} (FUZZ_SEED=${SEED}): the same input gave another outcome`);
      }
      if (i % 2000 === 1999) assertHealthy();
    }
    return `${outcomes.results} results, ${outcomes.inputErrors} input errors, ${((performance.now() - t) / 1000).toFixed(1)} s`;
  });
}
await check('the module is healthy after all the calls', () => {
  assertHealthy();
  const seconds = (performance.now() - started) / 1000;
  return `${calls} calls in ${seconds.toFixed(1)} s (${Math.round(calls / seconds)} a second); wasm memory ${(memoryAtStart / 2 ** 20).toFixed(1)} -> ${(memoryBytes() / 2 ** 20).toFixed(1)} MiB; externref table ${tableSlots()} slots`;
});
summary();
