// The plan as the editor holds it: JSON of whatever shape the user typed
// (checkLaunch judges it), with helpers to copy it, to say in words what a
// wrong value is, to reach its parts by the library's paths
// (`milestones[2].dependsOn[1]`) and to word the library's problems.
import { ellipsize } from '../../lib/charts.js';

/** @import { Problem } from '../../../pkg/web/market_validation.js' */

/**
 * A JSON object as the user gave it, read defensively: any key may hold any value.
 * @typedef {Record<string, unknown>} JsonObject
 */

/** An object, not an array or null. @param {unknown} v @returns {v is JsonObject} */
export const isPlain = (v) => v != null && typeof v === 'object' && !Array.isArray(v);
/** A deep copy of a JSON object or list. @template {object} T @param {T} v @returns {T} */
export const clone = (v) => JSON.parse(JSON.stringify(v));
/**
 * JSON with sorted keys, to compare plans whatever the order of their keys.
 * @param {unknown} value
 * @returns {string}
 */
export function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isPlain(value)) return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}
/** A value as input text: text as it is, anything else as JSON, nothing as ''. @param {unknown} v */
export const textOf = (v) => (v == null ? '' : typeof v === 'string' ? v : JSON.stringify(v));

/**
 * The list the plan holds under `key`; when it holds none (or something else), an empty list put there first.
 * @param {JsonObject} plan @param {string} key
 * @returns {unknown[]}
 */
export function listAt(plan, key) {
  const value = plan[key];
  if (Array.isArray(value)) return value;
  /** @type {unknown[]} */
  const list = [];
  plan[key] = list;
  return list;
}

/**
 * The object the plan holds under `key`; when it holds none (or something else), an empty object put there first.
 * @param {JsonObject} plan @param {string} key
 * @returns {JsonObject}
 */
export function objectAt(plan, key) {
  const value = plan[key];
  if (isPlain(value)) return value;
  /** @type {JsonObject} */
  const object = {};
  plan[key] = object;
  return object;
}

/**
 * A wrong value in words: "a list", "the text "…"", "number 5".
 * @param {unknown} v
 * @returns {string}
 */
export function describe(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the text ${JSON.stringify(ellipsize(v, 40))}`;
  return `${typeof v} ${String(v)}`;
}

/**
 * `milestones[2].dependsOn[1]` -> ['milestones', 2, 'dependsOn', 1].
 * @param {string} path
 * @returns {(string | number)[]}
 */
export function parsePath(path) {
  const out = [];
  for (const m of String(path).matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] != null ? Number(m[2]) : m[1]);
  return out;
}

/** The parent path: `a[1].b` -> `a[1]`, `a[1]` -> `a`, `a` -> ''. @param {string} p */
export const parentPath = (p) => p.replace(/(\.[^.[\]]+|\[\d+\])$/, '') === p ? '' : p.replace(/(\.[^.[\]]+|\[\d+\])$/, '');

/**
 * The value of any JSON value under `key` (as `value?.[key]` reads it).
 * @param {unknown} value @param {string | number} key
 * @returns {unknown}
 */
const member = (value, key) => (value == null ? undefined : /** @type {Record<string | number, unknown>} */ (Object(value))[key]);

/**
 * The value at `path` in `root`, or undefined where the path leads nowhere.
 * @param {unknown} root @param {string} path
 * @returns {unknown}
 */
export const getAtPath = (root, path) => parsePath(path).reduce(member, root);

/**
 * Sets the value at `path` in `root`; does nothing where the path leads through
 * something that is not an object or a list.
 * @param {JsonObject} root @param {string} path @param {unknown} value
 */
export function setAtPath(root, path, value) {
  const keys = parsePath(path);
  /** @type {unknown} */
  let obj = root;
  for (const k of keys.slice(0, -1)) {
    if (obj == null || typeof obj !== 'object') return;
    obj = /** @type {Record<string | number, unknown>} */ (obj)[k];
  }
  if (obj != null && typeof obj === 'object') /** @type {Record<string | number, unknown>} */ (obj)[keys[keys.length - 1]] = value;
}

/**
 * One problem of the library's error in words: the value, what was expected, the hint.
 * @param {Problem} p
 * @returns {string}
 */
export function problemWords(p) {
  let line = `${p.value ?? ''}`;
  if (p.expected) line += `${line ? '; ' : ''}expected ${p.expected}`;
  if (p.hint) line += ` (${p.hint})`;
  return line;
}

/**
 * `did you mean "X"?` -> X (only when one name is suggested), else null.
 * @param {string | undefined} hint
 * @returns {string | null}
 */
export function suggestion(hint) {
  const m = /^did you mean ("(?:[^"\\]|\\.)*")\?$/.exec(String(hint ?? ''));
  if (!m) return null;
  try { return JSON.parse(m[1]); } catch { return null; }
}
