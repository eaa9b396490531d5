// The hostile-but-legal values and the oversized inputs of the boundary
// tests: each a factory, so every call gets a fresh one.

/** What the throwing constructs throw: the error's `cause` must be this very value. */
export const BOOM = new Error('boom');

/** An array whose item 0 has a getter that throws BOOM. */
export function throwingItem() {
  const a = ['x'];
  Object.defineProperty(a, 0, { get() { throw BOOM; } });
  return a;
}

/** An object whose `key` has a getter that throws `value`. @param {string} key @param {unknown} value */
export function throwingKey(key, value = BOOM) {
  return Object.defineProperty({}, key, { enumerable: true, get() { throw value; } });
}

/** A revoked Proxy: every operation on it throws a TypeError. */
export function revokedProxy() {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/** A Proxy over an array whose `length` read throws BOOM. */
export function arrayProxyThrowingLength() {
  return new Proxy([1, 2], {
    get(target, key) {
      if (key === 'length') throw BOOM;
      return Reflect.get(target, key);
    },
  });
}

/** A Proxy over an array whose item reads throw BOOM. */
export function arrayProxyThrowingItems() {
  return new Proxy([1, 2], {
    get(target, key) {
      if (key === '0') throw BOOM;
      return Reflect.get(target, key);
    },
  });
}

/** A Proxy over an object whose ownKeys trap throws BOOM. */
export function proxyThrowingKeys() {
  return new Proxy({}, { ownKeys() { throw BOOM; } });
}

/** A Proxy over an array that claims `length` items without holding them. @param {number} length @param {unknown} item */
export function hugeArrayProxy(length, item) {
  return new Proxy([], {
    get(target, key) {
      if (key === 'length') return length;
      if (typeof key === 'string' && /^\d+$/.test(key)) return item;
      return Reflect.get(target, key);
    },
  });
}

/** A Map subclass whose own forEach throws 7 and whose size lies. */
export function lyingMap() {
  class Lying extends Map {
    forEach() { throw 7; }
    get size() { return 1e9; }
  }
  return new Lying([['retentionRate', 0.45]]);
}

/** A Map subclass whose own forEach would call back 150 million times. */
export function loopingMap() {
  class Looping extends Map {
    forEach(/** @type {(v: unknown, k: unknown) => void} */ callback) {
      for (let i = 0; i < 150e6; i++) callback(i, `k${i}`);
    }
  }
  return new Looping([['retentionRate', 0.45]]);
}

/** A Map whose value getter throws BOOM when read (a value that is an object with a throwing getter). */
export function mapWithThrowingValue() {
  return new Map([['featureUsage', throwingKey('search')]]);
}

/** `Object.create(X.prototype)`: no internal slots behind the prototype. @param {Function} kind */
export function fake(kind) {
  return Object.create(kind.prototype);
}

/** A typed array of `kind` over a buffer that has been detached. @param {any} kind */
export function detached(kind) {
  const buffer = new ArrayBuffer(kind.BYTES_PER_ELEMENT * 4);
  const view = new kind(buffer);
  structuredClone(buffer, { transfer: [buffer] });
  return view;
}

/** A detached ArrayBuffer. */
export function detachedBuffer() {
  const buffer = new ArrayBuffer(16);
  structuredClone(buffer, { transfer: [buffer] });
  return buffer;
}

/**
 * A length-tracking typed array over a resizable buffer, shrunk after it was
 * made. @param {any} kind @param {number[]} values
 */
export function resizable(kind, values) {
  const buffer = new ArrayBuffer(kind.BYTES_PER_ELEMENT * (values.length + 4), {
    maxByteLength: kind.BYTES_PER_ELEMENT * (values.length + 64),
  });
  const view = new kind(buffer);
  view.set(values);
  buffer.resize(kind.BYTES_PER_ELEMENT * values.length);
  return view;
}

/** A typed array over a SharedArrayBuffer. @param {any} kind @param {number[]} values */
export function shared(kind, values) {
  const view = new kind(new SharedArrayBuffer(kind.BYTES_PER_ELEMENT * values.length));
  view.set(values);
  return view;
}

