// Share links: the whole state of a result in the URL fragment.
//
// Why the fragment: browsers never send the part after `#` in a request, so a
// shared link reproduces the result without the data ever reaching a server
// (not even the static server that hosts the page).
//
// Format: `#v1.<base64url(deflate-raw(JSON))>`, or `#v1j.<base64url(JSON)>`
// when the browser has no CompressionStream('deflate-raw'). Both are read
// everywhere `DecompressionStream` exists (the `j` form everywhere at all).

/** Fragments longer than this are refused when made and when read (characters, `#` excluded). */
export const MAX_FRAGMENT_LENGTH = 100_000;
/** The JSON inside a fragment may not exceed this many bytes once decompressed (guards against deflate bombs). */
export const MAX_STATE_BYTES = 256 * 1024;
/** Longest product title kept in a state. */
export const MAX_TITLE_LENGTH = 200;

const TABS = ['validation', 'launch'];
/** A calendar day as the links carry it: `2026-12-06`. @param {unknown} text @returns {text is string} */
const isDay = (text) => typeof text === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(text)
  && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);

/**
 * The built-in sample's product data, once the page has it: a link then names
 * the sample's groups it keeps (`"base": "sample"`, with the groups that
 * differ and those left out) instead of carrying them, so the sample's link
 * stays short.
 * @type {Record<string, unknown> | null}
 */
let sample = null;

/** Lets links refer to the built-in sample (call with `sampleProduct()` before encoding or decoding). @param {object} product */
export function useSampleProduct(product) {
  sample = /** @type {Record<string, unknown>} */ (product);
}

/** JSON with object keys sorted, to compare values. @param {unknown} v @returns {string} */
function canonicalJson(v) {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v != null && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(/** @type {Record<string, unknown>} */ (v)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/**
 * A checked state as a link carries it: the product relative to the sample
 * when it keeps any of the sample's groups. @param {ShareState} state
 */
function packed(state) {
  if (!sample) return state;
  const product = /** @type {Record<string, unknown>} */ (state.product);
  const kept = Object.keys(sample).filter((g) => g in product && canonicalJson(product[g]) === canonicalJson(sample?.[g]));
  if (!kept.length) return state;
  const rest = Object.fromEntries(Object.entries(product).filter(([g]) => !kept.includes(g)));
  const omit = Object.keys(sample).filter((g) => !(g in product));
  return { ...state, product: rest, base: 'sample', ...(omit.length ? { omit } : {}) };
}

/** A parsed link's product with the sample's groups put back. @param {Record<string, unknown>} value */
function unpacked(value) {
  if (value.base == null) return value;
  if (value.base !== 'sample') throw new ShareLinkError('This share link refers to data this page does not have.');
  if (!sample) throw new ShareLinkError('This share link refers to the built-in sample, which is not loaded yet.');
  const omit = Array.isArray(value.omit) ? value.omit : [];
  const base = Object.fromEntries(Object.entries(sample).filter(([g]) => !omit.includes(g)));
  const own = isPlainObject(value.product) ? value.product : {};
  const { base: _base, omit: _omit, ...rest } = value;
  return { ...rest, product: { ...structuredClone(base), ...own } };
}

/** The error thrown for a share link that cannot be read or made; `message` is fit to show to a user. */
export class ShareLinkError extends Error {
  /** @param {string} message @param {ErrorOptions} [options] */
  constructor(message, options) {
    super(message, options);
    this.name = 'ShareLinkError';
  }
}

/**
 * The state a share link carries.
 *
 * @typedef {object} ShareState
 * @property {object} product  Product data as `analyze` takes it (`usageMetrics`, `surveyData`, ...). For
 *   uploaded CSV files this is the DERIVED product data (`survey.surveyData`, `events.usageMetrics`, ...),
 *   never the raw rows: links stay short and the raw answers stay on the user's machine.
 * @property {{ preset?: string, weights?: Object<string, number> }} [options]  Analyze options; `preset`
 *   and `weights` are what the page sets, other `AnalyzeOptions` keys are carried as given.
 * @property {'validation'|'launch'} [tab]  The tab to open.
 * @property {object} [launch]  State of the launch tab, carried as given (JSON-serialisable).
 * @property {string} [title]  What cards show as their title (plain text, at most 200 characters): the
 *   product's name, or the sample's label while the data is (partly) the built-in sample's.
 * @property {string} [name]  The product name as the page's field holds it (plain text, at most 200 characters).
 * @property {string} [asOf]  The day the data describes, `2026-12-06`; cards show "Data as of Dec 6, 2026".
 */

/** A plain object (not an array, a date, a class instance). @param {unknown} v @returns {v is Record<string, unknown>} */
const isPlainObject = (v) => v != null && typeof v === 'object' && !Array.isArray(v)
  && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

/**
 * Checks a state's shape and returns a clean copy with only the known keys.
 * Throws a ShareLinkError naming the first bad part. The library validates
 * the numbers themselves when it scores them.
 * @param {unknown} state
 * @param {string} [subject]  what held the state, for the message ("This share link", "The host page's message")
 * @returns {ShareState}
 */
export function checkState(state, subject = 'This share link') {
  /** @param {string} what @returns {never} */
  function fail(what) { throw new ShareLinkError(`${subject} does not hold market-validation data: ${what}.`); }
  if (!isPlainObject(state)) fail('expected an object');
  if (!isPlainObject(state.product)) fail('"product" must be an object of product data');
  /** @type {ShareState} */
  const out = { product: state.product };
  if (state.options != null) {
    if (!isPlainObject(state.options)) fail('"options" must be an object');
    const { preset, weights } = state.options;
    if (preset != null && typeof preset !== 'string') fail('"options.preset" must be text');
    if (weights != null && (!isPlainObject(weights) || !Object.values(weights).every((w) => typeof w === 'number' && Number.isFinite(w)))) {
      fail('"options.weights" must map dimensions to numbers');
    }
    out.options = state.options;
  } else {
    out.options = {};
  }
  if (state.tab != null) {
    if (state.tab !== 'validation' && state.tab !== 'launch') fail(`"tab" must be one of ${TABS.join(', ')}`);
    out.tab = state.tab;
  }
  if (state.launch != null) {
    if (typeof state.launch !== 'object') fail('"launch" must be an object');
    out.launch = state.launch;
  }
  if (state.title != null) {
    if (typeof state.title !== 'string') fail('"title" must be text');
    out.title = state.title.slice(0, MAX_TITLE_LENGTH);
  }
  if (state.name != null) {
    if (typeof state.name !== 'string') fail('"name" must be text');
    out.name = state.name.slice(0, MAX_TITLE_LENGTH);
  }
  if (state.asOf != null) {
    if (!isDay(state.asOf)) fail('"asOf" must be a day written YYYY-MM-DD');
    out.asOf = state.asOf;
  }
  return out;
}

// ---------------------------------------------------------------- base64url

/** @param {Uint8Array} bytes */
function toBase64Url(bytes) {
  let binary = '';
  // Chunks keep String.fromCharCode's argument list short.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** @param {string} text */
function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) {
    throw new ShareLinkError('This share link is damaged: it contains characters a share link never has. Was it cut or edited?');
  }
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

// ---------------------------------------------------------------- compression

/** Whether the browser's (De)CompressionStream speaks deflate-raw. @param {typeof CompressionStream | typeof DecompressionStream} Stream */
function canUse(Stream) {
  try { new Stream('deflate-raw'); return true; } catch { return false; }
}
const canCompress = () => typeof CompressionStream === 'function' && canUse(CompressionStream);
const canDecompress = () => typeof DecompressionStream === 'function' && canUse(DecompressionStream);

/** @param {Uint8Array<ArrayBuffer>} bytes */
async function deflate(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Inflates, stopping as soon as the output passes `limit` bytes.
 * @param {Uint8Array<ArrayBuffer>} bytes @param {number} limit
 */
async function inflateLimited(bytes, limit) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        reader.cancel().catch(() => {});
        throw new ShareLinkError(`This share link is too large: its data passes ${limit / 1024} KB once unpacked.`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof ShareLinkError) throw error;
    throw new ShareLinkError('This share link is damaged: its data cannot be unpacked. Was it cut or edited?', { cause: error });
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.byteLength; }
  return out;
}

// ---------------------------------------------------------------- public API

/**
 * Encodes a state as a URL fragment (with its leading `#`): `#v1.<base64url deflate-raw JSON>`,
 * or `#v1j.<base64url JSON>` where CompressionStream('deflate-raw') is missing.
 * Throws a ShareLinkError when the state has the wrong shape or is too large for a link.
 * @param {ShareState} state
 * @returns {Promise<string>}
 */
export async function encodeState(state) {
  const json = JSON.stringify(packed(checkState(state)));
  const bytes = new TextEncoder().encode(json);
  if (bytes.byteLength > MAX_STATE_BYTES) {
    throw new ShareLinkError(`This result is too large to share as a link (${Math.ceil(bytes.byteLength / 1024)} KB of data; the limit is ${MAX_STATE_BYTES / 1024} KB).`);
  }
  const fragment = canCompress() ? `v1.${toBase64Url(await deflate(bytes))}` : `v1j.${toBase64Url(bytes)}`;
  if (fragment.length > MAX_FRAGMENT_LENGTH) {
    throw new ShareLinkError(`This result is too large to share as a link (${fragment.length} characters; the limit is ${MAX_FRAGMENT_LENGTH}).`);
  }
  return `#${fragment}`;
}

/**
 * Decodes a fragment made by `encodeState` (with or without its leading `#`).
 * Returns null for an empty fragment or one that is not a share link (e.g. `#metrics`),
 * so pages can call it on any `location.hash`. Throws a ShareLinkError with a message
 * fit for users when the fragment is a share link but damaged, too large, of an unknown
 * version, or of the wrong shape.
 * @param {string | null | undefined} fragment
 * @returns {Promise<ShareState | null>}
 */
export async function decodeState(fragment) {
  if (typeof fragment !== 'string') return null;
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  const match = /^v(\d+)(j?)\.(.*)$/s.exec(text);
  if (!match) return null;
  const [, version, plain, payload] = match;
  if (version !== '1') {
    throw new ShareLinkError(`This share link was made by another version of market-validation (format v${version}); this page reads v1.`);
  }
  if (text.length > MAX_FRAGMENT_LENGTH) {
    throw new ShareLinkError(`This share link is too long (${text.length} characters; the limit is ${MAX_FRAGMENT_LENGTH}).`);
  }
  const packed = fromBase64Url(payload);
  let bytes;
  if (plain) {
    if (packed.byteLength > MAX_STATE_BYTES) throw new ShareLinkError(`This share link is too large: its data passes ${MAX_STATE_BYTES / 1024} KB.`);
    bytes = packed;
  } else {
    if (!canDecompress()) throw new ShareLinkError('This browser cannot unpack compressed share links (no DecompressionStream). Open it in a current browser.');
    bytes = await inflateLimited(packed, MAX_STATE_BYTES);
  }
  let value;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new ShareLinkError('This share link is damaged: its data is not readable JSON. Was it cut or edited?', { cause: error });
  }
  return checkState(isPlainObject(value) ? unpacked(value) : value);
}

/**
 * A full share URL: `base` (default: the current page without its fragment) with the state's fragment.
 * @param {ShareState} state
 * @param {string | URL} [base]
 * @returns {Promise<string>}
 */
export async function shareUrl(state, base = globalThis.location?.href) {
  const url = new URL(base);
  url.hash = await encodeState(state);
  return url.href;
}
