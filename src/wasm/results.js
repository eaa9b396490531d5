// Builds a result's JS value from the tape the bindings wrote in one call
// (src/tape/, src/wasm/result_tape.rs), rather than one wasm-to-JS call per object,
// property and string: the same plain objects, arrays, strings and numbers
// serde-wasm-bindgen would build, several times faster.
//
// The tape is a Float64Array of operations, each followed by its operands;
// every string is a slice of `text`, taken in order. Object keys that are
// struct field names are sent once per module instance and kept in `keys`
// (an array the instance holds), then named by their index.

const FALSE = 2;
const TRUE = 3;
const NUMBER = 4;
const STRING = 5;
const ARRAY = 6;
const OBJECT = 7;
const NAME = 8;
const BYTES = 9;
const BIGINT = 10;
const INTEGER = 11;

/**
 * The value the tape describes. `ops` may be a view of wasm memory: it is
 * read before this returns and nothing here calls into wasm. The state is
 * this call's own: a setter that calls back into the library while the
 * value is built (one defined on Object.prototype) builds its own.
 */
export function buildValue(ops, strings, names) {
  let at = 0;
  let cursor = 0;

  /** A slice of the text of `length` UTF-16 units, the next one. */
  const slice = (length) => {
    const start = cursor;
    cursor += length;
    return strings.slice(start, cursor);
  };

  /** An object key: a known name's index (>= 0), or -(length + 1) of text. */
  const key = () => {
    const k = ops[at++];
    return k >= 0 ? names[k] : slice(-k - 1);
  };

  const value = () => {
    switch (ops[at++]) {
      case NUMBER:
      case INTEGER:
        return ops[at++];
      case STRING:
        return slice(ops[at++]);
      case OBJECT: {
        const object = {};
        for (let n = ops[at++]; n > 0; n--) {
          const name = key();
          object[name] = value();
        }
        return object;
      }
      case ARRAY: {
        const array = [];
        for (let n = ops[at++]; n > 0; n--) array.push(value());
        return array;
      }
      case NAME:
        return names[ops[at++]];
      case TRUE:
        return true;
      case FALSE:
        return false;
      case BYTES: {
        const bytes = new Uint8Array(ops[at++]);
        for (let i = 0; i < bytes.length; i++) bytes[i] = ops[at++];
        return bytes;
      }
      case BIGINT:
        return BigInt(slice(ops[at++]));
      default: // 0: undefined (None, ())
        return undefined;
    }
  };

  for (let n = ops[at++]; n > 0; n--) names.push(slice(ops[at++]));
  return value();
}

/**
 * The value of a JSON text the library holds (the schema and the sample
 * product: src/wasm/static_values.rs). Its texts are JSON, checked by the
 * tests, so this does not throw.
 */
export function parseJson(text) {
  return JSON.parse(text);
}
