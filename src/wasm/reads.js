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
const { apply, get, ownKeys, getOwnPropertyDescriptor, getPrototypeOf } = Reflect;
const isArrayOf = Array.isArray;
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

/** `Reflect.ownKeys(target)`: a fresh array, or THREW. */
export function ownKeysOf(target) {
  try {
    return ownKeys(target);
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
