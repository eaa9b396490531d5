// How the wasm bindings read the caller's values. Nothing here throws: what
// a getter, a Proxy trap or an overridden method throws is kept (takeThrown)
// and the read returns THREW. An exception must not unwind through the wasm
// frames (it leaks the shadow stack), and wasm-bindgen's catching imports
// that return a value leak an externref slot each time they catch (the
// returned slot is allocated, then dropped unseen), so the bindings read
// through these instead. See src/wasm/intrinsics.rs.
//
// The built-ins are taken once, when the module loads: the caller's values
// can override their own methods, not these.

const THREW = Symbol('market-validation: a read threw');
const { apply, get, getOwnPropertyDescriptor, getPrototypeOf } = Reflect;
const isArrayOf = Array.isArray;
const objectKeys = Object.keys;
const getterOf = (proto, key) => getOwnPropertyDescriptor(proto, key).get;
const typedArrayPrototype = getPrototypeOf(Uint8Array.prototype);
const typedArrayTagOf = getterOf(typedArrayPrototype, Symbol.toStringTag);
const typedArrayLengthOf = getterOf(typedArrayPrototype, 'length');
const typedArraySet = typedArrayPrototype.set;
const byteLengthOf = getterOf(ArrayBuffer.prototype, 'byteLength');
const mapSizeOf = getterOf(Map.prototype, 'size');
const mapForEach = Map.prototype.forEach;
const dateGetTime = Date.prototype.getTime;
const objectPrototype = Object.prototype;
// Not every runtime has a TextEncoder (Jest's jsdom environment has none).
const Encoder = globalThis.TextEncoder;
const encoder = Encoder === undefined ? undefined : new Encoder();
const encodeIntoOf = Encoder === undefined ? undefined : Encoder.prototype.encodeInto;
const Decoder = globalThis.TextDecoder;
const decoder = Decoder === undefined ? undefined : new Decoder('utf-8', { ignoreBOM: true });
const decodeOf = Decoder === undefined ? undefined : Decoder.prototype.decode;
// In Node (20.16 and 22.3 on), ASCII text is made a string by Buffer's
// latin1 decoding, a plain copy, after `isAscii` (vectorised) says it is:
// TextDecoder decodes UTF-8 a byte at a time, and a result's JSON is ASCII
// (21k fewer instructions per analyzeJson, about 2% of the call).
const nodeBuffer = (() => {
  try {
    return globalThis.process?.getBuiltinModule?.('node:buffer');
  } catch {
    return undefined;
  }
})();
const NodeBuffer = nodeBuffer?.Buffer;
const asciiDecoding =
  typeof nodeBuffer?.isAscii === 'function' &&
  typeof NodeBuffer?.from === 'function' &&
  typeof NodeBuffer.prototype?.toString === 'function'
    ? { isAscii: nodeBuffer.isAscii, from: NodeBuffer.from, toString: NodeBuffer.prototype.toString }
    : undefined;

// What kindOf returns.
const OBJECT = 0;
const ARRAY = 1;
const MAP = 2;
const TYPED_ARRAY = 3;
const ARRAY_BUFFER = 4;
const DATE = 5;
const KIND_THREW = -1;

let thrown;

function fail(error) {
  thrown = error;
  return THREW;
}

/**
 * `text` as UTF-8 into `memory` (the module's WebAssembly.Memory) at `at`,
 * `room` bytes long: how many bytes were written; -2 when not all of it
 * fitted; -1 without a TextEncoder.
 */
export function encodeInto(text, memory, at, room) {
  if (encoder === undefined) return -1;
  const { read, written } = apply(encodeIntoOf, encoder, [text, new Uint8Array(memory.buffer, at, room)]);
  return read === text.length ? written : -2;
}

/**
 * The UTF-8 text in `memory` at `at`, `length` bytes long, as a string;
 * undefined without a TextDecoder.
 */
export function decodeUtf8(memory, at, length) {
  const bytes = new Uint8Array(memory.buffer, at, length);
  if (asciiDecoding !== undefined && asciiDecoding.isAscii(bytes)) {
    const buffer = apply(asciiDecoding.from, NodeBuffer, [memory.buffer, at, length]);
    return apply(asciiDecoding.toString, buffer, ['latin1']);
  }
  if (decoder === undefined) return undefined;
  return apply(decodeOf, decoder, [bytes]);
}

/** The value every read returns when it threw. */
export function threwMarker() {
  return THREW;
}

/** The value the last failed read threw (once). */
export function takeThrown() {
  const error = thrown;
  thrown = undefined;
  return error;
}

/** `target[key]`, or THREW. */
export function read(target, key) {
  try {
    return get(target, key);
  } catch (error) {
    return fail(error);
  }
}

/** `target[index]`, or THREW. */
export function readIndex(target, index) {
  try {
    return get(target, index);
  } catch (error) {
    return fail(error);
  }
}

/**
 * `Object.keys(target)`: its own enumerable string keys (what JSON.stringify,
 * structuredClone and spreading read), a fresh array; or THREW.
 */
export function keysOf(target) {
  try {
    return objectKeys(target);
  } catch (error) {
    return fail(error);
  }
}

/** True when `getter` reads an internal slot `value` has (it throws on anything else). */
function hasSlot(getter, value) {
  try {
    apply(getter, value, []);
    return true;
  } catch {
    return false;
  }
}

/**
 * What kind of object `value` is, in one call: 0 object, 1 array (or a Proxy
 * of one), 2 Map, 3 typed array, 4 ArrayBuffer, 5 Date; -1 when telling
 * threw (a revoked Proxy, a throwing getPrototypeOf trap). Maps, buffers and
 * dates are known by their internal slots, so fakes made with
 * Object.create(Map.prototype) are objects; a plain object is known by its
 * prototype first, as nothing needs to throw to tell it.
 */
export function kindOf(value) {
  try {
    if (isArrayOf(value)) return ARRAY;
    if (getPrototypeOf(value) === objectPrototype) return OBJECT;
    if (apply(typedArrayTagOf, value, []) !== undefined) return TYPED_ARRAY;
    if (hasSlot(mapSizeOf, value)) return MAP;
    if (hasSlot(byteLengthOf, value)) return ARRAY_BUFFER;
    if (hasSlot(dateGetTime, value)) return DATE;
    return OBJECT;
  } catch (error) {
    fail(error);
    return KIND_THREW;
  }
}

/** 1 for an array (or a Proxy of one), 0 for anything else, -1 when it threw (a revoked Proxy). */
export function arrayKind(value) {
  try {
    return isArrayOf(value) ? 1 : 0;
  } catch (error) {
    fail(error);
    return -1;
  }
}

/** A genuine typed array's name ("Uint8Array"), from its internal slot; undefined for anything else. */
export function typedArrayName(value) {
  return apply(typedArrayTagOf, value, []);
}

/** A genuine typed array's length (0 once its buffer is detached or shrunk out of reach). */
export function typedArrayLength(value) {
  try {
    return apply(typedArrayLengthOf, value, []);
  } catch {
    return -1;
  }
}

/** A genuine ArrayBuffer's byte length (0 once detached); -1 for anything else. */
export function arrayBufferLength(value) {
  try {
    return apply(byteLengthOf, value, []);
  } catch {
    return -1;
  }
}

/** A genuine Map's size, whatever its own `size`; -1 for anything else. */
export function mapSize(value) {
  try {
    return apply(mapSizeOf, value, []);
  } catch {
    return -1;
  }
}

/** Calls `callback(value, key)` for each entry of a genuine Map (not through its own forEach); false when it threw. */
export function forEachOfMap(map, callback) {
  try {
    apply(mapForEach, map, [callback]);
    return true;
  } catch (error) {
    fail(error);
    return false;
  }
}

/**
 * Copies the typed array `source` into `target` (a view of wasm memory, as
 * long as `source` was when it was measured); false when it threw, or when
 * `source` changed size since (a getter read in between detached or resized
 * its buffer), which would otherwise leave zeros in the copy.
 */
export function copyTyped(target, source) {
  try {
    const length = apply(typedArrayLengthOf, source, []);
    if (length !== target.length) {
      throw new RangeError(`the typed array changed from ${target.length} to ${length} items while the input was read`);
    }
    apply(typedArraySet, target, [source]);
    return true;
  } catch (error) {
    fail(error);
    return false;
  }
}

/** A Uint8Array over a genuine, not detached ArrayBuffer, or THREW. */
export function bytesOf(buffer) {
  try {
    return new Uint8Array(buffer);
  } catch (error) {
    return fail(error);
  }
}

/** A thrown value in words: an Error's name and message, or the value itself; never throws. */
export function thrownText(error) {
  try {
    if (typeof error === 'object' && error !== null) {
      const name = get(error, 'name');
      const message = get(error, 'message');
      if (typeof message === 'string') {
        return typeof name === 'string' ? `${name}: ${message}` : message;
      }
      return 'an object';
    }
    if (typeof error === 'string') return JSON.stringify(error);
    if (typeof error === 'number' || typeof error === 'boolean' || typeof error === 'bigint') {
      return String(error);
    }
    return error === undefined ? 'undefined' : error === null ? 'null' : 'a value';
  } catch {
    return 'a value that threw again when described';
  }
}

// Plain data in one call. Walking the caller's object from wasm costs a
// call per key and value (a third of `analyze` for a product); this walk
// does the same reads in JS and hands the bindings a tape of what it read
// (src/wasm/plain_read.rs). It takes plain data only: objects whose
// prototype is Object.prototype or null, arrays, strings, numbers, booleans,
// null and undefined, within the limits the reader applies. Anything else
// (a Map, a Date, a class instance, a string that is not well-formed UTF-16,
// a value over a limit, a read that throws) returns undefined, and the
// bindings read the value the careful way, which names the problem.
//
// Object keys repeat from one product to the next, so each is sent once:
// the bindings' instance keeps a Map of the keys it has been sent (`keyIds`,
// its ids in order) and a list of their texts; a key it knows goes on the
// tape as its id, a new one as -(length + 1) with its text. Both sides start
// again from nothing (the tape's first number is 1) when their counts differ
// (a read given up half way) or the map is full.

const PLAIN_UNDEFINED = 0;
const PLAIN_NULL = 1;
const PLAIN_FALSE = 2;
const PLAIN_TRUE = 3;
const PLAIN_NUMBER = 4;
const PLAIN_STRING = 5;
const PLAIN_ARRAY = 6;
const PLAIN_OBJECT = 7;

const isWellFormed = String.prototype.isWellFormed;
const surrogate = /[\uD800-\uDFFF]/;
const wellFormed = isWellFormed
  ? (text) => apply(isWellFormed, text, [])
  : (text) => !surrogate.test(text);
const isInteger = Number.isInteger;

let plainOps = new Float64Array(256);
let plainLength = 0;
let plainStrings = [];
let plainBudget = 0;
let maxPlainDepth = 0;
let maxPlainEntries = 0;
let maxPlainStringChars = 0;
let maxPlainKeyChars = 0;
let plainKeyIds;
let plainNewKeys = [];
// True while a walk runs: a getter that calls back into the library (this
// part or another sharing this module) gets undefined, and its value is
// read the careful way, rather than clobbering the walk's state.
let plainBusy = false;

function plainPush(x) {
  if (plainLength === plainOps.length) {
    const grown = new Float64Array(plainOps.length * 2);
    grown.set(plainOps);
    plainOps = grown;
  }
  plainOps[plainLength++] = x;
}

function plainText(text, max) {
  if (text.length > max || !wellFormed(text)) return false;
  plainPush(text.length);
  plainStrings.push(text);
  return true;
}

function plainKey(key) {
  const id = plainKeyIds.get(key);
  if (id !== undefined) {
    plainPush(id);
    return true;
  }
  if (key.length > maxPlainKeyChars || !wellFormed(key)) return false;
  plainKeyIds.set(key, plainKeyIds.size);
  plainNewKeys.push(key);
  plainPush(-key.length - 1);
  plainStrings.push(key);
  return true;
}

function plainEncode(value, depth) {
  if (--plainBudget < 0) return false;
  switch (typeof value) {
    case 'number':
      plainPush(PLAIN_NUMBER);
      plainPush(value);
      return true;
    case 'string':
      plainPush(PLAIN_STRING);
      return plainText(value, maxPlainStringChars);
    case 'boolean':
      plainPush(value ? PLAIN_TRUE : PLAIN_FALSE);
      return true;
    case 'undefined':
      plainPush(PLAIN_UNDEFINED);
      return true;
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) {
    plainPush(PLAIN_NULL);
    return true;
  }
  if (depth > maxPlainDepth) return false;
  if (isArrayOf(value)) {
    // value[key] is Reflect.get(value, key) (a Proxy's trap runs the same),
    // and V8 makes it faster.
    const length = value.length;
    if (!isInteger(length) || length < 0 || length > maxPlainEntries) return false;
    plainPush(PLAIN_ARRAY);
    plainPush(length);
    for (let i = 0; i < length; i++) {
      if (!plainEncode(value[i], depth + 1)) return false;
    }
    return true;
  }
  const prototype = getPrototypeOf(value);
  if (prototype !== objectPrototype && prototype !== null) return false;
  // Object.keys is several times faster than Reflect.ownKeys on plain
  // objects (V8 keeps their enumerable keys cached).
  const keys = objectKeys(value);
  const count = keys.length;
  if (count > maxPlainEntries) return false;
  plainPush(PLAIN_OBJECT);
  plainPush(count);
  for (let i = 0; i < count; i++) {
    const key = keys[i];
    if (!plainKey(key) || !plainEncode(value[key], depth + 1)) return false;
  }
  return true;
}

/**
 * `value` as a tape of plain data (a view the bindings copy at once; its
 * strings then from plainStringsText()), or undefined for anything else or
 * over the limits. `keyIds` and `knownKeys`: the keys the bindings know.
 */
export function plainTape(value, keyIds, knownKeys, maxKeys, maxDepth, maxEntries, maxStringChars, maxKeyChars, maxValues) {
  if (plainBusy) return undefined;
  plainBusy = true;
  try {
    return plainWalk(value, keyIds, knownKeys, maxKeys, maxDepth, maxEntries, maxStringChars, maxKeyChars, maxValues);
  } finally {
    plainBusy = false;
  }
}

function plainWalk(value, keyIds, knownKeys, maxKeys, maxDepth, maxEntries, maxStringChars, maxKeyChars, maxValues) {
  plainLength = 0;
  plainStrings = [];
  plainNewKeys = [];
  plainBudget = maxValues;
  maxPlainDepth = maxDepth;
  maxPlainEntries = maxEntries;
  maxPlainStringChars = maxStringChars;
  maxPlainKeyChars = maxKeyChars;
  plainKeyIds = keyIds;
  const restart = keyIds.size !== knownKeys || keyIds.size >= maxKeys;
  if (restart) keyIds.clear();
  plainPush(restart ? 1 : 0);
  let plain;
  try {
    plain = plainEncode(value, 0);
  } catch {
    plain = false;
  }
  plainKeyIds = undefined;
  if (!plain) {
    for (const key of plainNewKeys) keyIds.delete(key);
    plainStrings = [];
    return undefined;
  }
  return plainOps.subarray(0, plainLength);
}

/** The strings of the last plainTape, in order, as one text. */
export function plainStringsText() {
  const text = plainStrings.join('');
  plainStrings = [];
  return text;
}
