// The page's reader of events for the launch review (www/lib/event-arrays.js,
// run in the file worker) against the library's own reading: reviewLaunch()
// takes event arrays, and the library reads exports only inside
// analyzeEventsCsv(), so the page reads the file again from the columns that
// analysis chose. Each export of tests/fixtures/events (CSV and JSON lines,
// plain and gzip-compressed; person columns, linked anonymous ids, GA4
// microseconds, PostHog's bookkeeping events) and a hand-made CSV of blank,
// ragged, quoted and unreadable rows must give the events, users, daily
// activity and event names analyzeEventsCsv() found, analysed by
// analyzeEvents(). Runs in Node (pkg/node), beside the page tests.
//
//   node --test tests/page/event-arrays.test.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const pkg = new URL('../../pkg/node/index.mjs', import.meta.url);
const dir = new URL('../fixtures/events/', import.meta.url);

/** What analyzeEvents() makes of the arrays, and what analyzeEventsCsv() found, compared. */
function same(mv, read, csv) {
  const analysis = mv.analyzeEvents({ userIds: read.userIds, timestamps: read.timestamps, ...(read.eventNames ? { eventNames: read.eventNames } : {}) }, null);
  const figures = (a) => ({ events: a.events, users: a.users, daily: a.daily, features: (a.features ?? []).map((f) => [f.name, f.users, f.recentUsers]) });
  assert.deepEqual(figures(analysis), figures(csv.analysis));
  assert.equal(read.userIds.length, csv.analysis.events);
  assert.equal(read.users, csv.analysis.users);
}

describe('the launch review\'s reader of event exports', () => {
  it('reads every events fixture as analyzeEventsCsv does, plain and gzip-compressed', async () => {
    assert.ok(existsSync(pkg), 'pkg/node is missing: run bash scripts/build.sh first');
    const mv = await import(pkg.href);
    const { readEventArrays } = await import('../../www/lib/event-arrays.js');
    const { eventArraysSpec } = await import('../../www/lib/files.js');
    const names = readdirSync(dir).filter((n) => /\.(csv|jsonl)$/.test(n));
    assert.ok(names.length >= 8, `${names.length} fixtures`);
    const methods = new Set();
    for (const name of names) {
      for (const gzip of [false, true]) {
        const plain = new Uint8Array(readFileSync(new URL(name, dir)));
        const bytes = gzip ? new Uint8Array(gzipSync(plain)) : plain;
        const csv = mv.analyzeEventsCsv(bytes, null);
        const spec = eventArraysSpec(csv, mv.readExport(bytes, { kind: 'events' }));
        assert.equal(spec.gzip, gzip, name);
        methods.add(csv.identity.method);
        same(mv, await readEventArrays(bytes, spec), csv);
      }
    }
    assert.deepEqual([...methods].sort(), ['as-is', 'linked', 'person'], 'every way of telling users apart is read');
  });

  it('leaves out blank, ragged and unreadable rows as the library does, and reads quoted fields and every time form', async () => {
    const mv = await import(pkg.href);
    const { readEventArrays } = await import('../../www/lib/event-arrays.js');
    const { eventArraysSpec } = await import('../../www/lib/files.js');
    const text = [
      'user_id;timestamp;event',
      'u1;2027-03-01;a', 'u2;2027-03-02', 'u3;2027-03-03;b;extra', '  ; ;', '', 'u4;"2027-03-04 09:30";c\r', 'u5;yesterday;c',
      ';2027-03-05;d', 'null;2027-03-05;d', 'u6;1790000000;e', '"u""7";2027-03-06T10:00:00+02:00;"f; g"', 'u8;2027-02-30;h',
      'u9;2027-03-07 09:30:00.25 UTC;i', 'u1;2027-03-08T23:59:59.999-0130;a', 'u10;1969-12-31;j',
    ].join('\n');
    const bytes = new TextEncoder().encode(`\uFEFF${text}\n`);
    const csv = mv.analyzeEventsCsv(bytes, null);
    const spec = eventArraysSpec(csv, mv.readExport(bytes, { kind: 'events' }));
    assert.equal(spec.delimiter, ';');
    const read = await readEventArrays(bytes, spec);
    same(mv, read, csv);
    assert.equal(read.userIds.length, 6, "u1 twice, u4, u6, u\"7 and u9");
    assert.deepEqual([...(read.eventNames?.dictionary ?? [])].sort(), ['a', 'c', 'e', 'f; g', 'i']);
  });

  it('says it cannot read the events of a zip archive or a workbook', async () => {
    const { readEventArrays } = await import('../../www/lib/event-arrays.js');
    const spec = { container: 'csv', gzip: false, zip: true, encoding: 'utf-8', delimiter: ',', headerRows: 1, user: { index: 0, header: 'u' },
      time: { index: 1, header: 't' }, event: null, known: null, anonymous: null, timeFormat: 'iso-8601', ignore: [] };
    await assert.rejects(readEventArrays(new Uint8Array([0x50, 0x4b, 3, 4]), spec), /cannot read the events of a zip archive: drop them as CSV or JSON lines/);
    await assert.rejects(readEventArrays(new Uint8Array(), { ...spec, zip: false, container: 'xlsx' }), /an Excel workbook/);
  });
});
