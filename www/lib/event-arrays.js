// A usage-events export read into the arrays reviewLaunch() takes
// (`{ userIds, timestamps, eventNames }`, as analyzeEvents' object form),
// for the launch review. The library reads exports only inside
// analyzeEventsCsv(), which returns the analysis, not the events; so this
// reads the file again, from the columns that analysis chose (its user,
// time and event columns, its time format, and the anonymous and signed-in
// id columns it linked), by the rules of src/events/csv_input.rs: blank and
// ragged rows, rows without a user id and rows with a time that is not
// ISO-8601 or a number since 1970 (or a date from 1970 to 2099) are not used; the tools' bookkeeping
// events ($identify…) are left out but still link ids; each anonymous id
// counts as the signed-in id it is first seen with. Delimited text and JSON
// (lines or an array, nested objects by their dot paths), gzip-compressed
// or not; not zip archives or Excel workbooks. Runs in the file worker
// (../worker.js); the caller compares its counts with the analysis'.

/**
 * A column as the events analysis names it.
 * @typedef {{ index: number, header: string }} ColumnRef
 */
/**
 * What to read, from analyzeEventsCsv's result and readExport's ExportInfo.
 * @typedef {object} EventArraysSpec
 * @property {'csv' | 'json-lines' | 'json-array' | 'xlsx'} container
 * @property {boolean} gzip  the file is gzip-compressed
 * @property {boolean} zip  the file is a zip archive
 * @property {string} encoding  `utf-8`, `utf-8-bom`, `utf-16le` or `utf-16be`
 * @property {string} delimiter
 * @property {number} headerRows
 * @property {ColumnRef} user
 * @property {ColumnRef} time
 * @property {ColumnRef | null} event
 * @property {ColumnRef | null} known  the signed-in ids' column, when anonymous ids were linked to them
 * @property {ColumnRef | null} anonymous  the anonymous ids' column, when linking (may be the user column)
 * @property {string} timeFormat  `iso-8601`, `epoch-seconds`, `epoch-milliseconds`, `epoch-microseconds`, `epoch-nanoseconds` or `yyyymmdd`
 * @property {string[]} ignore  event names that are not activity (the analysis' `ignoredEvents.names`)
 */
/**
 * The events read, as reviewLaunch's `options.events` takes them, with counts.
 * @typedef {object} EventArraysRead
 * @property {Uint32Array} userIds  each event's user (after linking), numbered
 * @property {Float64Array} timestamps  milliseconds since the epoch, UTC
 * @property {{ codes: Uint32Array, dictionary: string[] } | undefined} eventNames  dictionary-encoded; none without an event column
 * @property {number} users  distinct users
 */

/** 2100-01-01T00:00:00Z: times are read from 1970 to 2099. */
const MAX_MS = 4_102_444_800_000;
const MS_PER_DAY = 86_400_000;
/** No id (u32::MAX, as the library marks it). */
const NONE = 0xffffffff;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Days since 1970-01-01 of a calendar day, or null when it is no day (30 February). @param {number} y @param {number} m @param {number} d */
function dayOf(y, m, d) {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  // setUTCFullYear, not Date.UTC: that reads years 0..99 as 1900..1999.
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return Math.round(date.getTime() / MS_PER_DAY);
}

/**
 * ISO-8601 text as milliseconds (src/events/timestamp.rs `iso`): a day, then
 * optionally `T` (or a space) and hh:mm[:ss[.fff]], then a zone: none (UTC),
 * Z, UTC, ±hh, ±hhmm or ±hh:mm. Null when it is not such a time.
 * @param {string} t trimmed
 */
function isoMs(t) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?(.*)$/.exec(t);
  if (!m) return null;
  const day = dayOf(Number(m[1]), Number(m[2]), Number(m[3]));
  if (day == null) return null;
  let ms = day * MS_PER_DAY;
  if (m[4] != null) {
    const [hh, mm] = [Number(m[4]), Number(m[5])];
    if (hh > 23 || mm > 59) return null;
    ms += hh * 3_600_000 + mm * 60_000;
    if (m[6] != null) {
      const ss = Number(m[6]);
      if (ss > 60) return null;
      ms += ss * 1000;
      if (m[7] != null) ms += Number(m[7].slice(0, 3).padEnd(3, '0'));
    }
  }
  // The zone; " UTC" only after a time (a space after the day starts one).
  const zone = m[8];
  if (zone === '' || /^z$/i.test(zone) || (m[4] != null ? /^ ?utc$/i : /^utc$/i).test(zone)) return ms;
  const z = /^([+-])(\d{2})(?:(\d{2})|:(\d{2}))?$/.exec(zone);
  if (!z) return null;
  const [h, min] = [Number(z[2]), Number(z[3] ?? z[4] ?? 0)];
  if (h > 14 || min > 59) return null;
  const offset = (h * 60 + min) * (z[1] === '-' ? -1 : 1);
  return ms - offset * 60_000;
}

/** Milliseconds of a YYYYMMDD number from 1900 to 2100, UTC midnight, or null. @param {number} n */
function yyyymmdd(n) {
  if (!Number.isInteger(n) || n < 19_000_101 || n > 21_001_231) return null;
  const day = dayOf(Math.floor(n / 10_000), Math.floor(n / 100) % 100, n % 100);
  return day == null ? null : day * MS_PER_DAY;
}

/** A number in a unit as milliseconds (null: a YYYYMMDD that is no day). @param {number} n @param {string} unit */
function numberMs(n, unit) {
  switch (unit) {
    case 'epoch-seconds': return n * 1000;
    case 'epoch-milliseconds': return n;
    case 'epoch-microseconds': return n / 1000;
    case 'epoch-nanoseconds': return n / 1e6;
    case 'yyyymmdd': return yyyymmdd(n);
    default: {
      // No unit for the column (its sample held ISO text): each number by its size.
      const a = Math.abs(n);
      return numberMs(n, a < 5e9 ? 'epoch-seconds' : a < 5e12 ? 'epoch-milliseconds' : a < 5e15 ? 'epoch-microseconds' : 'epoch-nanoseconds');
    }
  }
}

/**
 * A time cell as milliseconds since the epoch, or null when it cannot be read
 * or is no time from 1970 to 2099.
 * @param {string} cell @param {string} timeFormat the column's, as the analysis read it
 */
export function timeMs(cell, timeFormat) {
  const t = cell.trim();
  if (!t) return null;
  let ms;
  if (t.length >= 10 && t[4] === '-' && t[7] === '-') ms = isoMs(t);
  else if (NUMBER.test(t)) ms = numberMs(Number(t), timeFormat);
  else return null;
  return ms != null && ms >= 0 && ms < MAX_MS ? ms : null;
}

/** An id cell's text, unless it holds none (empty, `null`, `undefined`). @param {string | undefined} cell */
const idText = (cell) => {
  const c = cell?.trim();
  return c && c !== 'null' && c !== 'undefined' ? c : null;
};

/**
 * The records of delimited text, one call per record with its fields (RFC 4180
 * quoting, `""` inside quotes; any line ending; blank lines skipped).
 * @param {string} text @param {string} delimiter one character
 * @param {(fields: string[]) => void} onRecord
 */
export function eachRecord(text, delimiter, onRecord) {
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  let i = 0;
  /** @type {string[]} */
  let fields = [];
  while (i < n) {
    let field = '';
    if (text.charCodeAt(i) === 34) {
      // Quoted: up to the closing quote; anything after it, up to the delimiter, kept.
      i++;
      let start = i;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) { field += text.slice(start); i = n; break; }
        if (text.charCodeAt(q + 1) === 34) { field += text.slice(start, q + 1); i = q + 2; start = i; continue; }
        field += text.slice(start, q);
        i = q + 1;
        break;
      }
      const rest = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === d || c === 10 || c === 13) break;
        i++;
      }
      field += text.slice(rest, i);
    } else {
      const start = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === d || c === 10 || c === 13) break;
        i++;
      }
      field = text.slice(start, i);
    }
    fields.push(field);
    const c = i < n ? text.charCodeAt(i) : 10;
    i++;
    if (c === d) {
      if (i >= n) { fields.push(''); onRecord(fields); fields = []; }
      continue;
    }
    if (c === 13 && text.charCodeAt(i) === 10) i++;
    if (!(fields.length === 1 && fields[0] === '')) onRecord(fields);
    fields = [];
  }
}

/**
 * A field of a JSON object by its dot path (`properties.$device_id`), as the
 * library flattens nested objects; as text (numbers and booleans written as
 * JSON writes them; null as nothing).
 * @param {unknown} value @param {string} path
 * @returns {string | undefined}
 */
function pick(value, path) {
  if (value == null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const object = /** @type {Record<string, unknown>} */ (value);
  if (Object.hasOwn(object, path)) {
    const v = object[path];
    if (v == null) return '';
    return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  for (let dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
    const head = path.slice(0, dot);
    if (Object.hasOwn(object, head)) {
      const found = pick(object[head], path.slice(dot + 1));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * The text of a file's bytes: gunzipped when compressed, decoded as the analysis found it.
 * @param {Uint8Array} bytes @param {EventArraysSpec} spec
 */
async function textOf(bytes, spec) {
  let data = bytes;
  if (spec.gzip) {
    const stream = new Blob([/** @type {Uint8Array<ArrayBuffer>} */ (bytes)]).stream().pipeThrough(new DecompressionStream('gzip'));
    data = new Uint8Array(await new Response(stream).arrayBuffer());
  }
  const label = spec.encoding === 'utf-16le' || spec.encoding === 'utf-16be' ? spec.encoding : 'utf-8';
  return new TextDecoder(label).decode(data);
}

/**
 * Reads an events export into reviewLaunch's arrays.
 * @param {Uint8Array} bytes the file
 * @param {EventArraysSpec} spec the columns and format the events analysis found
 * @returns {Promise<EventArraysRead>}
 */
export async function readEventArrays(bytes, spec) {
  if (spec.zip || spec.container === 'xlsx') {
    throw new Error(`the launch review cannot read the events of ${spec.zip ? 'a zip archive' : 'an Excel workbook'}: drop them as CSV or JSON lines (gzip-compressed or not)`);
  }
  const text = await textOf(bytes, spec);
  /** @type {Map<string, number>} */
  const ids = new Map();
  /** @param {string} s */
  const intern = (s) => { let v = ids.get(s); if (v === undefined) { v = ids.size; ids.set(s, v); } return v; };
  /** @type {Map<string, number>} */
  const names = new Map();
  const ignore = new Set(spec.event ? spec.ignore : []);
  const linking = spec.known != null && spec.anonymous != null;
  const anonymousIsUser = linking && spec.anonymous?.index === spec.user.index && spec.anonymous?.header === spec.user.header;
  /** Per anonymous id: the signed-in id first seen with it (by time, then by its text). @type {Map<number, { time: number, known: number, text: string }>} */
  const links = new Map();
  /** @param {number} a @param {number} k @param {string} text @param {number} time */
  const pair = (a, k, text, time) => {
    if (a === k) return;
    const link = links.get(a);
    if (!link) links.set(a, { time, known: k, text });
    else if (time < link.time || (time === link.time && text < link.text)) Object.assign(link, { time, known: k, text });
  };
  /** @type {number[]} */ const userOf = [];
  /** @type {number[]} */ const anonymousOf = [];
  /** @type {number[]} */ const knownOf = [];
  /** @type {number[]} */ const times = [];
  /** @type {number[]} */ const codes = [];

  /** @param {(c: ColumnRef) => string | undefined} cell */
  const row = (cell) => {
    const u = cell(spec.user);
    const t = cell(spec.time);
    if (u === undefined || t === undefined) return;
    const name = spec.event ? (cell(spec.event) ?? '').trim() : null;
    if (name != null && ignore.has(name)) {
      // Not activity; its ids still link.
      const ms = linking ? timeMs(t, spec.timeFormat) : null;
      const user = idText(u);
      if (ms != null && user && spec.known && spec.anonymous) {
        const k = idText(cell(spec.known));
        const a = anonymousIsUser ? user : idText(cell(spec.anonymous));
        if (a && k) pair(intern(a), intern(k), k, ms);
      }
      return;
    }
    // No anonymous id but a signed-in one (a server-side call): that is its user.
    const user = idText(u) ?? (anonymousIsUser && spec.known ? idText(cell(spec.known)) : null);
    const ms = user ? timeMs(t, spec.timeFormat) : null;
    if (!user || ms == null) return;
    const id = intern(user);
    if (linking && spec.known && spec.anonymous) {
      let anonymous = id;
      if (!anonymousIsUser) {
        const a = idText(cell(spec.anonymous));
        anonymous = a ? intern(a) : NONE;
      }
      const k = idText(cell(spec.known));
      const known = k ? intern(k) : NONE;
      if (k && anonymous !== NONE) pair(anonymous, known, k, ms);
      anonymousOf.push(anonymous);
      knownOf.push(known);
    }
    userOf.push(id);
    times.push(ms);
    if (name != null) {
      let code = names.get(name);
      if (code === undefined) { code = names.size; names.set(name, code); }
      codes.push(code);
    }
  };

  if (spec.container === 'csv') {
    let header = spec.headerRows;
    /** The header's fields: a row with another count is ragged, and not used. */
    let width = -1;
    eachRecord(text, spec.delimiter || ',', (fields) => {
      if (header > 0) { header--; if (width < 0) width = fields.length; return; }
      if (fields.every((f) => f.trim() === '')) return;
      if (fields.length !== width) return;
      row((c) => fields[c.index]);
    });
  } else {
    /** @type {unknown[]} */
    let records;
    if (spec.container === 'json-array') {
      const parsed = JSON.parse(text);
      records = Array.isArray(parsed) ? parsed : [];
    } else {
      records = [];
      for (const line of text.split('\n')) {
        const l = line.trim();
        if (!l) continue;
        try { records.push(JSON.parse(l)); } catch { /* not an object: the analysis skipped it too */ }
      }
    }
    for (const record of records) {
      if (record == null || typeof record !== 'object' || Array.isArray(record)) continue;
      row((c) => pick(record, c.header) ?? '');
    }
  }

  // Each event's user: its signed-in id, else the one its anonymous id is linked to, else its id.
  const userIds = new Uint32Array(userOf.length);
  for (let e = 0; e < userOf.length; e++) {
    let user = userOf[e];
    if (linking) {
      const known = knownOf[e];
      const anonymous = anonymousOf[e] !== NONE ? anonymousOf[e] : user;
      user = known !== NONE ? known : links.get(anonymous)?.known ?? user;
    }
    userIds[e] = user;
  }
  const distinct = new Set(userIds).size;
  return {
    userIds,
    timestamps: Float64Array.from(times),
    eventNames: spec.event ? { codes: Uint32Array.from(codes), dictionary: [...names.keys()] } : undefined,
    users: distinct,
  };
}
