// Builds a result's JS value from the tape the bindings wrote in one call
// (src/tape.rs, src/wasm/result_tape.rs), rather than one wasm-to-JS call per object,
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

let tape;
let text;
let keys;
let at;
let cursor;

/** A slice of the text of `length` UTF-16 units, the next one. */
function slice(length) {
  const start = cursor;
  cursor += length;
  return text.slice(start, cursor);
}

/** An object key: a known name's index (>= 0), or -(length + 1) of text. */
function key() {
  const k = tape[at++];
  return k >= 0 ? keys[k] : slice(-k - 1);
}

function value() {
  switch (tape[at++]) {
    case NUMBER:
    case INTEGER:
      return tape[at++];
    case STRING:
      return slice(tape[at++]);
    case OBJECT: {
      const object = {};
      for (let n = tape[at++]; n > 0; n--) {
        const name = key();
        object[name] = value();
      }
      return object;
    }
    case ARRAY: {
      const array = [];
      for (let n = tape[at++]; n > 0; n--) array.push(value());
      return array;
    }
    case NAME:
      return keys[tape[at++]];
    case TRUE:
      return true;
    case FALSE:
      return false;
    case BYTES: {
      const bytes = new Uint8Array(tape[at++]);
      for (let i = 0; i < bytes.length; i++) bytes[i] = tape[at++];
      return bytes;
    }
    case BIGINT:
      return BigInt(slice(tape[at++]));
    default: // 0: undefined (None, ())
      return undefined;
  }
}

/**
 * The value the tape describes. `ops` may be a view of wasm memory: it is
 * read before this returns and nothing here calls into wasm.
 */
export function buildValue(ops, strings, names) {
  tape = ops;
  text = strings;
  keys = names;
  at = 0;
  cursor = 0;
  try {
    for (let n = tape[at++]; n > 0; n--) keys.push(slice(tape[at++]));
    return value();
  } finally {
    tape = text = keys = undefined;
  }
}
