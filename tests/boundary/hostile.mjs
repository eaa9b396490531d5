// The wasm boundary under hostile-but-legal JavaScript values and oversized
// inputs (issue 11). Each hostile construct is passed to an entry point
// 5,000 times: every call must give an InputError naming where the value was
// read (with what the caller's object threw as the error's `cause`), the
// wasm memory and the externref table must not grow after the first calls,
// and afterwards every entry point must still give its known result for a
// good input. Each oversized input must be refused before it is copied:
// quickly, with wasm memory unchanged. Ends with "N passed, M failed".
//
//   node tests/boundary/hostile.mjs            (after scripts/build.sh)
//   HOSTILE_CALLS=20000 node tests/boundary/hostile.mjs

import { mv, memoryBytes, tableSlots, check, summary, assert, attempt } from './load.mjs';
import * as h from './constructs.mjs';
import { goodCalls, SQL_OPTIONS, aggregateTables } from './good.mjs';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const CALLS = Number(process.env.HOSTILE_CALLS ?? 5000);
const WARM_UP = 50;

/** The known results of the good calls, taken before anything hostile ran. */
const baseline = goodCalls.map(([name, call]) => [name, JSON.stringify(call())]);

/** Every entry point still gives its known result for a good input. */
function assertHealthy() {
  for (const [i, [name, call]] of goodCalls.entries()) {
    const result = attempt(call);
    assert(result.ok, `the good ${name} call failed: ${result.ok ? '' : result.error}`);
    assert(JSON.stringify(result.value) === baseline[i][1], `the good ${name} call gave another result`);
  }
}

/**
 * Checks one call's error: an InputError whose first problem is at `path`,
 * and whose cause is what the construct threw.
 * @param {any} error @param {{ path: string, cause?: (cause: unknown) => boolean }} expect
 */
function expectError(error, expect) {
  assert(error instanceof Error, `threw a non-Error: ${typeof error}`);
  assert(error.name === 'InputError', `threw ${error.name}: ${error.message}`);
  const first = error.problems?.[0];
  assert(first && first.path === expect.path, `problems[0].path is ${first?.path}, expected ${expect.path}: ${error.message}`);
  if (expect.cause) {
    assert(expect.cause(error.cause), `cause is not what was thrown: ${error.message}`);
  } else {
    assert(error.cause === undefined, `a cause where nothing was thrown: ${error.message}`);
  }
}

/** A Parquet file of tests/fixtures/parquet (make_fixtures.py). @param {string} name */
const parquet = (name) => new Uint8Array(readFileSync(new URL(`../fixtures/parquet/${name}`, import.meta.url)));
const PARQUET_EVENTS = parquet('duckdb-snappy.parquet');

const isBoom = (/** @type {unknown} */ c) => c === h.BOOM;
const isTypeError = (/** @type {unknown} */ c) => c instanceof TypeError;

const ids = () => new Uint32Array([1, 2, 1]);
const times = () => new Float64Array([Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 2), Date.UTC(2026, 0, 9)]);
const NPS_CSV = 'How likely are you to recommend us?\n9\n10\n6\n';
// Over analyzeJson's 4 Mi characters: refused before it is copied into wasm memory.
const BIG_JSON = `[${'0,'.repeat(2_500_000)}0]`;
const JOINED_CSV = 'user_id,Submit Date (UTC),How likely are you to recommend us?\n1,2026-11-30,9\n';
const launchPlan = () => mv.sampleLaunchPlan().plan;
/** Three ids with a throwing item 1. */
const idsThrowingItem = () => {
  const a = [1, 2, 3];
  Object.defineProperty(a, 1, { get() { throw h.BOOM; } });
  return a;
};

/**
 * Hostile constructs: each call must throw the expected InputError (or, for
 * values that are legal to read, succeed), 5,000 times.
 * @type {Array<{ name: string, call: () => unknown, path?: string, cause?: (c: unknown) => boolean }>}
 */
const hostile = [
  // analyze and validate: the JS value reader.
  { name: 'analyze: array item with a throwing getter', call: () => mv.analyze({ marketResearch: { marketTrends: h.throwingItem() } }), path: 'marketResearch.marketTrends[0]', cause: isBoom },
  { name: 'analyzeJson: a number', call: () => mv.analyzeJson(/** @type {any} */ (5)), path: 'input' },
  { name: 'analyzeJson: a revoked Proxy as options', call: () => mv.analyzeJson('{}', /** @type {any} */ (h.revokedProxy())), path: 'options', cause: isTypeError },
  { name: 'analyzeJson: text that is not JSON', call: () => mv.analyzeJson('{"usageMetrics": '), path: 'input' },
  { name: 'analyzeJson: 5 million characters', call: () => mv.analyzeJson(BIG_JSON), path: 'input' },
  { name: 'analyze: revoked Proxy', call: () => mv.analyze({ usageMetrics: h.revokedProxy() }), path: 'usageMetrics', cause: isTypeError },
  { name: 'analyze: revoked Proxy as the input', call: () => mv.analyze(h.revokedProxy()), path: 'input', cause: isTypeError },
  { name: 'analyze: Proxy over an array (read like the array)', call: () => mv.analyze({ usageMetrics: { retentionRate: 0.4 }, marketResearch: { marketTrends: new Proxy(['AI'], {}) } }) },
  { name: 'analyze: Proxy over an array whose length throws', call: () => mv.analyze({ marketResearch: { marketTrends: h.arrayProxyThrowingLength() } }), path: 'marketResearch.marketTrends', cause: isBoom },
  { name: 'analyze: Proxy over an array whose items throw', call: () => mv.analyze({ marketResearch: { marketTrends: h.arrayProxyThrowingItems() } }), path: 'marketResearch.marketTrends[0]', cause: isBoom },
  { name: 'analyze: Proxy whose ownKeys throws', call: () => mv.analyze({ usageMetrics: { retentionRate: 0.4 }, surveyData: h.proxyThrowingKeys() }), path: 'surveyData', cause: isBoom },
  { name: 'analyze: a getter that throws 7', call: () => mv.analyze({ surveyData: h.throwingKey('npsScore', 7) }), path: 'surveyData.npsScore', cause: (c) => c === 7 },
  { name: 'analyze: a getter that throws a revoked Proxy', call: () => mv.analyze({ surveyData: h.throwingKey('npsScore', h.revokedProxy()) }), path: 'surveyData.npsScore', cause: (c) => typeof c === 'object' && c !== null },
  { name: 'analyze: Object.create(Map.prototype) (an empty object)', call: () => mv.analyze({ usageMetrics: { retentionRate: 0.4 }, surveyData: h.fake(Map) }) },
  { name: 'analyze: Map subclass with a throwing forEach and a lying size', call: () => mv.analyze({ usageMetrics: h.lyingMap() }) },
  { name: 'analyze: Map subclass whose forEach would call back 150 million times', call: () => mv.analyze({ usageMetrics: h.loopingMap() }) },
  { name: 'analyze: Map value with a throwing getter', call: () => mv.analyze({ usageMetrics: h.mapWithThrowingValue() }), path: 'usageMetrics.featureUsage.search', cause: isBoom },
  { name: 'analyze: Object.create(Uint32Array.prototype) (an empty object)', call: () => mv.analyze({ usageMetrics: { retentionRate: 0.4 }, surveyData: h.fake(Uint32Array) }) },
  { name: 'analyze: BigInt 10n ** 400n', call: () => mv.analyze({ surveyData: { npsScore: 10n ** 400n } }), path: 'surveyData.npsScore' },
  { name: 'validate: revoked Proxy', call: () => mv.validate(h.revokedProxy()), path: 'input', cause: isTypeError },
  { name: 'validate: a getter that throws', call: () => mv.validate({ surveyData: h.throwingKey('npsScore') }), path: 'surveyData.npsScore', cause: isBoom },
  { name: 'analyze: options with a throwing getter', call: () => mv.analyze({ usageMetrics: { retentionRate: 0.4 } }, h.throwingKey('preset')), path: 'options.preset', cause: isBoom },
  // analyzeMany: the portfolio array.
  { name: 'analyzeMany: revoked Proxy', call: () => mv.analyzeMany(h.revokedProxy()), path: 'products', cause: isTypeError },
  { name: 'analyzeMany: Proxy over an array whose length throws', call: () => mv.analyzeMany(h.arrayProxyThrowingLength()), path: 'products', cause: isBoom },
  // analyzeSurvey and compareSurveys: files and answer arrays.
  { name: 'analyzeSurvey: revoked Proxy', call: () => mv.analyzeSurvey(h.revokedProxy()), path: 'input', cause: isTypeError },
  { name: 'analyzeSurvey: answer with a throwing getter', call: () => mv.analyzeSurvey({ nps: h.throwingItem() }), path: 'nps[0]', cause: isBoom },
  { name: 'analyzeSurvey: Proxy whose ownKeys throws', call: () => mv.analyzeSurvey(h.proxyThrowingKeys()), path: 'input', cause: isBoom },
  { name: 'analyzeSurvey: Object.create(Uint8Array.prototype)', call: () => mv.analyzeSurvey(h.fake(Uint8Array)), path: 'input' },
  { name: 'analyzeSurvey: detached Uint8Array (an empty file)', call: () => mv.analyzeSurvey(h.detached(Uint8Array)), path: 'input' },
  { name: 'analyzeSurvey: detached ArrayBuffer (an empty file)', call: () => mv.analyzeSurvey(h.detachedBuffer()), path: 'input' },
  { name: 'analyzeSurvey: shrunk resizable buffer', call: () => mv.analyzeSurvey(h.resizable(Uint8Array, [...Buffer.from(NPS_CSV)])) },
  { name: 'analyzeSurvey: SharedArrayBuffer-backed Uint8Array', call: () => mv.analyzeSurvey(h.shared(Uint8Array, [...Buffer.from(NPS_CSV)])) },
  { name: 'analyzeSurvey: a SharedArrayBuffer', call: () => mv.analyzeSurvey(new SharedArrayBuffer(8)), path: 'input' },
  { name: 'analyzeSurvey: behaviour with a throwing getter', call: () => mv.analyzeSurvey(JOINED_CSV, /** @type {any} */ (h.throwingKey('behaviour'))), path: 'options.behaviour', cause: isBoom },
  { name: 'analyzeSurvey: behaviour userIds with a throwing getter', call: () => mv.analyzeSurvey(JOINED_CSV, /** @type {any} */ ({ behaviour: Object.defineProperty({ timestamps: [1] }, 'userIds', { enumerable: true, get() { throw h.BOOM; } }) })), path: 'options.behaviour.userIds', cause: isBoom },
  { name: 'analyzeSurvey: behaviour as a revoked Proxy', call: () => mv.analyzeSurvey(JOINED_CSV, /** @type {any} */ ({ behaviour: h.revokedProxy() })), path: 'options.behaviour' },
  { name: 'analyzeSurvey: behaviour timestamps as a detached Float64Array', call: () => mv.analyzeSurvey(JOINED_CSV, { behaviour: { userIds: [1], timestamps: h.detached(Float64Array) } }), path: 'options.behaviour.timestamps' },
  { name: 'analyzeSurvey: options.columns.mainBenefit with a throwing getter', call: () => mv.analyzeSurvey(NPS_CSV, { columns: h.throwingKey('mainBenefit') }), path: 'options.columns.mainBenefit', cause: isBoom },
  { name: 'analyzeUsability: revoked Proxy', call: () => mv.analyzeUsability(h.revokedProxy()), path: 'input', cause: isTypeError },
  { name: 'analyzeUsability: detached Uint8Array (an empty file)', call: () => mv.analyzeUsability(h.detached(Uint8Array)), path: 'input' },
  { name: 'analyzeUsability: options.columns.task with a throwing getter', call: () => mv.analyzeUsability(NPS_CSV, { columns: h.throwingKey('task') }), path: 'options.columns.task', cause: isBoom },
  { name: 'compareSurveys: revoked Proxy as the second wave', call: () => mv.compareSurveys(NPS_CSV, h.revokedProxy()), path: 'input', cause: isTypeError },
  // analyzeEvents: typed arrays, arrays and signups.
  { name: 'analyzeEvents: Object.create(Uint32Array.prototype)', call: () => mv.analyzeEvents(h.fake(Uint32Array), times()), path: 'userIds' },
  { name: 'analyzeEvents: Object.create(Float64Array.prototype)', call: () => mv.analyzeEvents(ids(), h.fake(Float64Array)), path: 'timestamps' },
  { name: 'analyzeEvents: id with a throwing getter', call: () => mv.analyzeEvents(idsThrowingItem(), times()), path: 'userIds[1]', cause: isBoom },
  { name: 'analyzeEvents: revoked Proxy', call: () => mv.analyzeEvents(h.revokedProxy(), times()), path: 'userIds', cause: isTypeError },
  { name: 'analyzeEvents: Proxy over an array whose length throws', call: () => mv.analyzeEvents(ids(), h.arrayProxyThrowingLength()), path: 'timestamps', cause: isBoom },
  { name: 'analyzeEvents: signups = 5', call: () => mv.analyzeEvents(ids(), times(), undefined, /** @type {any} */ (5)), path: 'signups' },
  { name: 'analyzeEvents: signups with a throwing getter', call: () => mv.analyzeEvents(ids(), times(), undefined, /** @type {any} */ (h.throwingKey('userIds'))), path: 'signups.userIds', cause: isBoom },
  { name: 'analyzeEvents: a Float64Array of user ids', call: () => mv.analyzeEvents(new Float64Array([1, 2, 1]), times()), path: 'userIds' },
  { name: 'analyzeEvents: detached typed arrays (no events)', call: () => mv.analyzeEvents(h.detached(Uint32Array), h.detached(Float64Array)), path: 'input' },
  { name: 'analyzeEvents: shrunk resizable buffers', call: () => mv.analyzeEvents(h.resizable(Uint32Array, [1, 2, 1]), h.resizable(Float64Array, [...times()])) },
  { name: 'analyzeEvents: a getter that detaches the timestamps while the ids are read', call: () => {
    const times = new Float64Array([Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 2), Date.UTC(2026, 0, 9)]);
    const ids = [1, 2, 3];
    Object.defineProperty(ids, 2, { get() { structuredClone(times.buffer, { transfer: [times.buffer] }); return 3; } });
    return mv.analyzeEvents(ids, times);
  }, path: 'timestamps', cause: (c) => c instanceof RangeError && /changed from 3 to 0 items/.test(c.message) },
  { name: 'analyzeEvents: SharedArrayBuffer-backed typed arrays', call: () => mv.analyzeEvents(h.shared(Uint32Array, [1, 2, 1]), h.shared(Float64Array, [...times()])) },
  // analyzeEvents, the object form: names and sessions.
  { name: 'analyzeEvents: arrays object with a throwing eventNames getter', call: () => mv.analyzeEvents(/** @type {any} */ (Object.defineProperty({ userIds: ids(), timestamps: times() }, 'eventNames', { enumerable: true, get() { throw h.BOOM; } })), {}), path: 'eventNames', cause: isBoom },
  { name: 'analyzeEvents: eventNames.codes with a throwing item', call: () => mv.analyzeEvents({ userIds: ids(), timestamps: times(), eventNames: { codes: idsThrowingItem(), dictionary: ['a', 'b', 'c', 'd'] } }), path: 'eventNames.codes[1]', cause: isBoom },
  { name: 'analyzeEvents: eventNames dictionary as a revoked Proxy', call: () => mv.analyzeEvents({ userIds: ids(), timestamps: times(), eventNames: { codes: new Uint32Array([0, 0, 0]), dictionary: h.revokedProxy() } }), path: 'eventNames.dictionary', cause: isTypeError },
  { name: 'analyzeEvents: sessionIds as a Float64Array', call: () => mv.analyzeEvents({ userIds: ids(), timestamps: times(), sessionIds: new Float64Array([1, 2, 3]) }), path: 'sessionIds' },
  { name: 'analyzeEvents: detached session ids', call: () => mv.analyzeEvents({ userIds: ids(), timestamps: times(), sessionIds: h.detached(Uint32Array) }), path: 'sessionIds' },
  // readExport: files and options.
  { name: 'readExport: Object.create(Uint8Array.prototype)', call: () => mv.readExport(h.fake(Uint8Array)), path: 'input' },
  { name: 'readExport: options with a throwing getter', call: () => mv.readExport('a,b\n1,2\n', h.throwingKey('kind')), path: 'options.kind', cause: isBoom },
  // analyzeEventsCsv: files.
  { name: 'analyzeEventsCsv: Object.create(Uint8Array.prototype)', call: () => mv.analyzeEventsCsv(h.fake(Uint8Array)), path: 'input' },
  { name: 'analyzeEventsCsv: revoked Proxy', call: () => mv.analyzeEventsCsv(h.revokedProxy()), path: 'input', cause: isTypeError },
  { name: 'analyzeEventsCsv: options with a throwing getter', call: () => mv.analyzeEventsCsv('user,time\n1,2026-01-01\n', h.throwingKey('asOf')), path: 'options.asOf', cause: isBoom },
  // fitRetention: the curve and its options.
  { name: 'fitRetention: a survivor count with a throwing getter', call: () => mv.fitRetention(h.throwingItem()), path: 'survivors[0]', cause: isBoom },
  { name: 'fitRetention: revoked Proxy as the curve', call: () => mv.fitRetention(h.revokedProxy()), path: 'survivors', cause: isTypeError },
  { name: 'fitRetention: options with a throwing getter', call: () => mv.fitRetention([1000, 631, 468], h.throwingKey('seed')), path: 'options.seed', cause: isBoom },
  // checkLaunch: plans and dates.
  { name: 'checkLaunch: feature with a throwing getter', call: () => mv.checkLaunch({ ...launchPlan(), newFeatures: h.throwingItem() }), path: 'newFeatures[0]', cause: isBoom },
  { name: 'checkLaunch: launch date 0000-01-05', call: () => mv.checkLaunch({ ...launchPlan(), launchDate: '0000-01-05' }), path: 'launchDate' },
  { name: 'checkLaunch: a milestone 3650 days after 9999-12-01', call: () => mv.checkLaunch({ ...launchPlan(), launchDate: '9999-12-01', milestones: [{ name: 'Retrospective', offsetDays: 3650 }] }), path: 'milestones[0].offsetDays' },
  // reviewLaunch: options and the events inside them.
  { name: 'reviewLaunch: options with a throwing getter', call: () => mv.reviewLaunch(launchPlan(), h.throwingKey('asOf')), path: 'options.asOf', cause: isBoom },
  { name: 'reviewLaunch: options as a revoked Proxy', call: () => mv.reviewLaunch(launchPlan(), h.revokedProxy()), path: 'options', cause: isTypeError },
  { name: 'reviewLaunch: no options at all', call: () => mv.reviewLaunch(launchPlan(), /** @type {any} */ (undefined)), path: 'options' },
  { name: 'reviewLaunch: events with a throwing timestamps getter', call: () => mv.reviewLaunch(launchPlan(), { asOf: '2027-04-20', events: /** @type {any} */ (Object.defineProperty({ userIds: ids() }, 'timestamps', { enumerable: true, get() { throw h.BOOM; } })) }), path: 'options.events.timestamps', cause: isBoom },
  { name: 'reviewLaunch: events as a number', call: () => mv.reviewLaunch(launchPlan(), { asOf: '2027-04-20', events: /** @type {any} */ (5) }), path: 'options.events' },
  { name: 'reviewLaunch: events without names', call: () => mv.reviewLaunch(launchPlan(), { asOf: '2027-04-20', featureEvents: { vectorSearch: 'search' }, events: { userIds: ids(), timestamps: times() } }), path: 'options.events.eventNames' },
  // eventsSql and analyzeEventAggregates: options, tables and their rows.
  { name: 'eventsSql: options with a throwing getter', call: () => mv.eventsSql('duckdb', h.throwingKey('table')), path: 'options.table', cause: isBoom },
  { name: 'eventsSql: dialect as a revoked Proxy', call: () => mv.eventsSql(/** @type {any} */ (h.revokedProxy()), SQL_OPTIONS), path: 'dialect', cause: isTypeError },
  { name: 'eventsSql: a column name that would end its quotes', call: () => mv.eventsSql('spark', { ...SQL_OPTIONS, columns: { user: 'u\u0000` ; DROP TABLE x', time: 't' } }), path: 'options.columns.user' },
  { name: 'analyzeEventAggregates: tables with a throwing getter', call: () => mv.analyzeEventAggregates(/** @type {any} */ (Object.defineProperty(aggregateTables(), 'daily', { enumerable: true, get() { throw h.BOOM; } }))), path: 'tables.daily', cause: isBoom },
  { name: 'analyzeEventAggregates: a row with a throwing getter', call: () => mv.analyzeEventAggregates({ ...aggregateTables(), summary: [h.throwingKey('format')] }), path: 'tables.summary[0].format', cause: isBoom },
  { name: 'analyzeEventAggregates: rows whose items throw', call: () => mv.analyzeEventAggregates({ ...aggregateTables(), growth: /** @type {any} */ (h.arrayProxyThrowingItems()) }), path: 'tables.growth[0]', cause: isBoom },
  { name: 'analyzeEventAggregates: a row of 65 columns', call: () => mv.analyzeEventAggregates({ ...aggregateTables(), daily: [Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`c${i}`, i]))] }), path: 'tables.daily[0]' },
  { name: 'analyzeEventAggregates: a cell holding an array', call: () => mv.analyzeEventAggregates({ ...aggregateTables(), growth: [{ period: [20458] }] }), path: 'tables.growth[0].period' },
  { name: 'analyzeEventAggregates: a count of 1e300', call: () => mv.analyzeEventAggregates({ ...aggregateTables(), active_days: [{ days: 1, users: 1e300 }] }), path: 'tables.active_days[0].users' },
  // Parquet files the reader cannot read: an InputError naming the file's problem, never a trap.
  { name: 'analyzeEventsCsv: a Parquet file cut short', call: () => mv.analyzeEventsCsv(parquet('cut-short.parquet')), path: 'input' },
  { name: 'analyzeEventsCsv: a Parquet file whose footer is cut', call: () => mv.analyzeEventsCsv(new Uint8Array([...PARQUET_EVENTS.subarray(0, PARQUET_EVENTS.length - 40), 0x50, 0x41, 0x52, 0x31])), path: 'input' },
  { name: 'analyzeEventsCsv: a zstd Parquet file', call: () => mv.analyzeEventsCsv(parquet('duckdb-zstd.parquet')), path: 'input' },
  { name: 'analyzeEventsCsv: a Parquet file with a nested column', call: () => mv.analyzeEventsCsv(parquet('nested.parquet')), path: 'input' },
  { name: 'analyzeEventsCsv: a Parquet file with a time-of-day column', call: () => mv.analyzeEventsCsv(parquet('time-of-day.parquet')), path: 'input' },
  { name: 'analyzeEventAggregates: a daily table as a Parquet file cut short', call: () => mv.analyzeEventAggregates({ ...aggregateTables(), daily: parquet('cut-short.parquet') }), path: 'tables.daily' },
  { name: 'analyzeEventAggregates: a daily table as the cohorts in Parquet (an ArrayBuffer)', call: () => mv.analyzeEventAggregates({ ...aggregateTables(), daily: parquet('aggregate-cohorts.parquet').buffer }), path: 'tables.daily[0].day' },
  { name: 'reviewLaunch: detached timestamps', call: () => mv.reviewLaunch(launchPlan(), { asOf: '2027-04-20', events: { userIds: ids(), timestamps: h.detached(Float64Array) } }), path: 'options.events.timestamps' },
];

for (const c of hostile) {
  await check(`${c.name} x ${CALLS}`, () => {
    let memory = 0;
    let slots = 0;
    for (let i = 0; i < CALLS; i++) {
      if (i === WARM_UP) [memory, slots] = [memoryBytes(), tableSlots()];
      const outcome = attempt(c.call);
      try {
        if (c.path === undefined) {
          assert(outcome.ok, `expected a result: ${outcome.ok ? '' : outcome.error}`);
        } else {
          assert(!outcome.ok, 'expected an InputError, got a result');
          expectError(outcome.ok ? null : outcome.error, { path: c.path, cause: c.cause });
        }
      } catch (e) {
        throw new Error(`call ${i + 1}: ${/** @type {Error} */ (e).message}`);
      }
    }
    assert(memoryBytes() === memory, `wasm memory grew from ${memory} to ${memoryBytes()} bytes after the first ${WARM_UP} calls`);
    assert(tableSlots() === slots, `the externref table grew from ${slots} to ${tableSlots()} slots after the first ${WARM_UP} calls`);
    assertHealthy();
  });
}

/**
 * Oversized inputs: each refused before anything is copied into wasm
 * memory, in bounded time, with a clear message.
 * @type {Array<{ name: string, make: () => any[], call: (...args: any[]) => unknown, path: string, message: string }>}
 */
const oversized = [
  { name: 'analyzeEvents: Uint32Array(2**28) and Float64Array(2**28)', make: () => [new Uint32Array(2 ** 28), new Float64Array(2 ** 28)], call: (a, b) => mv.analyzeEvents(a, b), path: 'input', message: 'input is 268435456 entries; expected at most 50000000' },
  { name: 'analyzeEvents: new Array(5e7) of ids, no timestamps', make: () => [new Array(5e7), []], call: (a, b) => mv.analyzeEvents(a, b), path: 'timestamps', message: 'timestamps is 0 timestamps for 50000000 user ids' },
  { name: 'analyzeEvents: no ids, new Array(5e7) of timestamps', make: () => [new Uint32Array(0), new Array(5e7)], call: (a, b) => mv.analyzeEvents(a, b), path: 'timestamps', message: 'timestamps is 50000000 timestamps for 0 user ids' },
  { name: 'analyzeEvents: signups of 2**28 against 3 events', make: () => [ids(), times(), { userIds: new Uint32Array(2 ** 28), timestamps: new Float64Array(2 ** 28) }], call: (a, b, s) => mv.analyzeEvents(a, b, undefined, s), path: 'signups.userIds', message: 'signups.userIds is 268435456' },
  { name: 'analyzeEvents: three events, asOf 2099-12-31, monthly from 2025-05 (401,856 cells)', make: () => [[1, 2, 3], [Date.UTC(2025, 4, 1), Date.UTC(2025, 4, 2), Date.UTC(2025, 4, 3)]], call: (a, b) => mv.analyzeEvents(a, b, { asOf: '2099-12-31', cohortPeriod: 'month' }), path: 'options.cohortPeriod', message: 'leave out the events before 2025-08-01' },
  { name: 'analyzeEvents: two events 19 years apart, weekly (493,521 cells)', make: () => [[1, 1], [Date.UTC(2000, 0, 1), Date.UTC(2019, 0, 1)]], call: (a, b) => mv.analyzeEvents(a, b), path: 'options.cohortPeriod', message: 'cohortPeriod "month" fits (229 periods)' },
  { name: 'analyzeSurvey: 4 arrays of 10 million answers', make: () => [{ nps: new Array(1e7).fill(9), pmf: new Array(1e7).fill('Very disappointed'), csat: new Array(1e7).fill(5), segment: new Array(1e7).fill('a') }], call: (a) => mv.analyzeSurvey(a), path: 'input', message: 'input is 40000000 answers in all; expected at most 10000000' },
  { name: 'analyzeSurvey: Proxies claiming 10 million answers each', make: () => [{ nps: h.hugeArrayProxy(1e7, 9), pmf: h.hugeArrayProxy(1e7, 'Very disappointed') }], call: (a) => mv.analyzeSurvey(a), path: 'input', message: 'input is 20000000 answers in all' },
  { name: 'analyzeSurvey: a text of 135 million non-ASCII characters', make: () => ['é'.repeat(135e6)], call: (a) => mv.analyzeSurvey(a), path: 'input', message: 'pass big files as bytes' },
  { name: 'analyzeEventsCsv: a Uint8Array of 1 GiB + 1 byte', make: () => [new Uint8Array(2 ** 30 + 1)], call: (a) => mv.analyzeEventsCsv(a), path: 'input', message: 'a Uint8Array of 1073741825 bytes; expected at most 1073741824 bytes' },
  { name: 'analyzeEventAggregates: a Proxy claiming 2,000,001 daily rows', make: () => [{ ...aggregateTables(), daily: h.hugeArrayProxy(2_000_001, {}) }], call: (a) => mv.analyzeEventAggregates(a), path: 'tables.daily', message: '2000001 rows; expected at most 2000000 rows' },
  { name: 'analyzeMany: 1,000,001 products', make: () => [new Array(1_000_001)], call: (a) => mv.analyzeMany(a), path: 'products', message: 'an array of 1000001 products; expected at most 1000000 products' },
  { name: 'analyze: an array of 5e7 items', make: () => [{ marketResearch: { marketTrends: new Array(5e7) } }], call: (a) => mv.analyze(a), path: 'marketResearch.marketTrends', message: 'an array of 50000000 items' },
];

for (const c of oversized) {
  await check(c.name, () => {
    const args = c.make();
    const memory = memoryBytes();
    const started = performance.now();
    let detail = '';
    for (let i = 0; i < 3; i++) {
      const outcome = attempt(() => c.call(...args));
      assert(!outcome.ok, 'expected an InputError, got a result');
      const error = outcome.ok ? null : outcome.error;
      expectError(error, { path: c.path });
      assert(error.message.includes(c.message), `the message lacks ${JSON.stringify(c.message)}: ${error.message}`);
      detail = error.message.split('\n')[0].slice(0, 160);
    }
    const ms = (performance.now() - started) / 3;
    assert(memoryBytes() - memory <= 1 << 20, `wasm memory grew by ${memoryBytes() - memory} bytes`);
    assertHealthy();
    return `${ms.toFixed(1)} ms a call, wasm memory +${memoryBytes() - memory} bytes; ${detail}`;
  });
}

// A Parquet result table declaring more rows than a result has (2,000,001
// rows of one column, a few KB as Parquet, written by DuckDB): refused from
// what the file declares, before its values are read.
await check('analyzeEventAggregates: a Parquet daily table of 2,000,001 rows', async () => {
  const toolsRequire = createRequire(new URL('../../tools/package.json', import.meta.url));
  const { DuckDBInstance } = toolsRequire('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  const file = path.join(tmpdir(), `mv-hostile-${process.pid}.parquet`);
  await con.run(`COPY (SELECT 20458 AS day FROM range(2000001)) TO '${file}' (FORMAT parquet)`);
  con.closeSync();
  instance.closeSync();
  const bytes = new Uint8Array(readFileSync(file));
  const memory = memoryBytes();
  const outcome = attempt(() => mv.analyzeEventAggregates({ ...aggregateTables(), daily: bytes }));
  assert(!outcome.ok, 'expected an InputError, got a result');
  const error = outcome.ok ? null : outcome.error;
  expectError(error, { path: 'tables.daily' });
  assert(error.message.includes('a Parquet file of 2000001 rows and 1 columns; expected at most 2000000 rows'), error.message);
  assert(memoryBytes() - memory <= 1 << 20, `wasm memory grew by ${memoryBytes() - memory} bytes`);
  assertHealthy();
  return `${bytes.length} bytes of Parquet; ${error.message.split('\n')[0].slice(0, 120)}`;
});

// Parquet files with bytes changed (a seeded choice of place and value) or
// cut anywhere: each call a result or an InputError, never a trap.
await check('analyzeEventsCsv: 2,000 Parquet files changed or cut', () => {
  let seed = 18;
  const next = () => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed; };
  let [results, errors] = [0, 0];
  for (let i = 0; i < 2000; i++) {
    const bytes = PARQUET_EVENTS.slice(0, i % 4 === 3 ? next() % PARQUET_EVENTS.length : PARQUET_EVENTS.length);
    for (let k = 0; k < 1 + (i % 3); k++) bytes[next() % bytes.length] = next() & 0xff;
    const outcome = attempt(() => mv.analyzeEventsCsv(bytes));
    if (outcome.ok) results++;
    else {
      assert(outcome.error?.name === 'InputError', `file ${i}: ${outcome.error?.name}: ${outcome.error?.message}`);
      errors++;
    }
  }
  assertHealthy();
  return `${results} results, ${errors} input errors`;
});

// An analysis just under the cap: allowed, and its cost bounded by the cap.
await check('analyzeEvents: three events, asOf 2099-12-31, monthly from 2026-01 (888 periods, 394,716 cells)', () => {
  const memory = memoryBytes();
  const started = performance.now();
  const result = mv.analyzeEvents([1, 2, 3], [Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 2), Date.UTC(2026, 0, 3)], { asOf: '2099-12-31', cohortPeriod: 'month' });
  const ms = performance.now() - started;
  const size = JSON.stringify(result).length;
  assertHealthy();
  return `${ms.toFixed(0)} ms, result ${(size / 1e6).toFixed(1)} MB of JSON, wasm memory +${((memoryBytes() - memory) / 2 ** 20).toFixed(1)} MiB`;
});

// The engine's free text just over its cap: 20,000 respondents' answers read, the rest counted.
await check('analyzeSurvey: 20,500 free-text answers (the engine reads 20,000)', () => {
  const memory = memoryBytes();
  const started = performance.now();
  const words = ['saves me hours', 'keyboard shortcuts', 'fast search', 'inbox zero', 'dark mode please', 'a mobile app'];
  const rows = Array.from({ length: 20_500 }, (_, i) => `${i % 3 ? 'Somewhat' : 'Very'} disappointed,${words[i % 6]} ${i},${words[(i + 3) % 6]}`);
  const csv = `How would you feel if you could no longer use it?,What is the main benefit you receive from it?,How can we improve it for you?\n${rows.join('\n')}\n`;
  const result = mv.analyzeSurvey(csv);
  const ms = performance.now() - started;
  assert(result.warnings.some((w) => w.code === 'texts_beyond_limit' && w.message.startsWith('500 ')), 'the rows beyond the cap are counted');
  assert(result.engine.mainBenefits.answers === 6_667, `${result.engine.mainBenefits.answers} very disappointed answers read`);
  assertHealthy();
  return `${ms.toFixed(0)} ms, wasm memory +${((memoryBytes() - memory) / 2 ** 20).toFixed(1)} MiB`;
});

// A getter that calls back into the library while its object is read (the
// same part, and another part sharing the bindings' JS module): the outer
// call reads that value the careful way and gives the same result as for
// the plain object; nothing traps or is mixed up.
await check('re-entrant getters: analyze, analyzeMany and analyzeSurvey called from inside a read, x 2,000', () => {
  const sample = mv.sampleProduct();
  const plain = JSON.stringify(mv.analyze(sample));
  const survey = 'How likely are you to recommend us?\n9\n10\n3\n';
  let inner = 0;
  /** @type {string[]} */
  const failed = [];
  const reentrant = () => {
    const product = { ...sample };
    Object.defineProperty(product, 'usageMetrics', {
      enumerable: true,
      get() {
        // The inner calls must work too, each time (a trap here would be
        // caught by the walk, and the value read again the careful way).
        try {
          const score = mv.analyze(mv.sampleProduct()).score;
          const many = mv.analyzeMany([sample], { detail: 'summary' });
          const nps = mv.analyzeSurvey(survey).nps;
          if (score === JSON.parse(plain).score && many.results[0].ok && nps) inner++;
        } catch (error) {
          failed.push(String(error));
        }
        return sample.usageMetrics;
      },
    });
    return product;
  };
  for (let i = 0; i < 2_000; i++) {
    assert(JSON.stringify(mv.analyze(reentrant())) === plain, 'analyze of a re-entrant object differs from the plain one');
    const many = mv.analyzeMany([reentrant(), sample], { detail: 'summary' });
    assert(many.results.every((r) => r.ok && r.result.score === JSON.parse(plain).score), 'analyzeMany of a re-entrant object differs');
  }
  assert(failed.length === 0, `${failed.length} inner calls failed, e.g. ${failed[0]}`);
  assert(inner >= 4_000, `only ${inner} of the inner calls gave their result`);
  assertHealthy();
  return `same results as the plain object; ${inner} inner calls gave theirs`;
});

console.log(`wasm memory at the end: ${(memoryBytes() / 2 ** 20).toFixed(1)} MiB; externref table: ${tableSlots()} slots`);
summary();
