//! The JavaScript built-ins the bindings read the caller's values with,
//! called so that nothing the caller's objects do can unwind through the
//! wasm frames or leak.
//!
//! A JS exception that crosses a non-catching import leaks the shadow stack
//! and externref slots, and after a few hundred such calls the module is
//! broken for good. wasm-bindgen's `catch` imports are no cure for reads:
//! one that returns a value leaks an externref slot each time it catches
//! (the glue allocates a slot for the missing return value, and the Rust
//! side returns the error without dropping it). So the reads are made by
//! the small JS module `reads.js`, whose functions catch in JS and return a
//! marker; the thrown value is then fetched once. The checks of what a value
//! is use the built-ins' own getters (typed arrays' `length`, `Map`'s
//! `size`, `ArrayBuffer`'s `byteLength`), taken from the prototypes when the
//! module loads: they read internal slots, so a Proxy, an object made with
//! `Object.create(Uint32Array.prototype)` or an overridden property cannot
//! fake or break them.

// Each part reads only some kinds of value: a build of some parts leaves the
// others unused.
#![cfg_attr(
    not(all(
        feature = "score",
        feature = "survey",
        feature = "events",
        feature = "launch"
    )),
    allow(dead_code)
)]

use js_sys::{Array, JsString};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(module = "/src/wasm/reads.js")]
extern "C" {
    #[wasm_bindgen(js_name = threwMarker)]
    fn threw_marker() -> JsValue;
    #[wasm_bindgen(js_name = takeThrown)]
    fn take_thrown() -> JsValue;
    #[wasm_bindgen(js_name = read)]
    fn read_key(target: &JsValue, key: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = readIndex)]
    fn read_index(target: &JsValue, index: u32) -> JsValue;
    #[wasm_bindgen(js_name = keysOf)]
    fn keys_of(target: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = encodeInto)]
    fn encode_into(text: &JsString, memory: &JsValue, at: usize, room: usize) -> f64;
    #[wasm_bindgen(js_name = decodeUtf8)]
    fn decode_utf8(memory: &JsValue, at: usize, length: usize) -> JsValue;
    #[wasm_bindgen(js_name = arrayKind)]
    fn array_kind(value: &JsValue) -> i32;
    #[wasm_bindgen(js_name = kindOf)]
    fn kind_code(value: &JsValue) -> i32;
    #[wasm_bindgen(js_name = typedArrayName)]
    fn typed_array_name(value: &JsValue) -> Option<String>;
    #[wasm_bindgen(js_name = typedArrayLength)]
    fn typed_array_length(value: &JsValue) -> f64;
    #[wasm_bindgen(js_name = arrayBufferLength)]
    fn array_buffer_length(value: &JsValue) -> f64;
    #[wasm_bindgen(js_name = mapSize)]
    fn map_size_of(value: &JsValue) -> f64;
    #[wasm_bindgen(js_name = forEachOfMap)]
    fn for_each_of_map(map: &JsValue, callback: &mut dyn FnMut(JsValue, JsValue)) -> bool;
    #[wasm_bindgen(js_name = copyTyped)]
    fn copy_u8(target: &mut [u8], source: &JsValue) -> bool;
    #[wasm_bindgen(js_name = copyTyped)]
    fn copy_u32(target: &mut [u32], source: &JsValue) -> bool;
    #[wasm_bindgen(js_name = copyTyped)]
    fn copy_f64(target: &mut [f64], source: &JsValue) -> bool;
    #[wasm_bindgen(js_name = bytesOf)]
    fn bytes_of(buffer: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = thrownText)]
    fn thrown_words(thrown: &JsValue) -> String;
}

thread_local! {
    static THREW: JsValue = threw_marker();
}

/// A read's result: the value, or what the caller's object threw.
fn caught(value: JsValue) -> Result<JsValue, JsValue> {
    if value.is_symbol() && THREW.with(|marker| *marker == value) {
        Err(take_thrown())
    } else {
        Ok(value)
    }
}

/// `target[key]`, or what a getter or Proxy trap threw.
pub(crate) fn get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue> {
    caught(read_key(target, key))
}

/// `target[key]` for a key given as text.
pub(crate) fn get_str(target: &JsValue, key: &str) -> Result<JsValue, JsValue> {
    get(target, &JsValue::from_str(key))
}

/// `target[index]`, or what a getter or Proxy trap threw.
pub(crate) fn get_index(target: &JsValue, index: u32) -> Result<JsValue, JsValue> {
    caught(read_index(target, index))
}

/// A JS string as UTF-8 (a lone surrogate as U+FFFD, as wasm-bindgen's own
/// conversion gives it), written by `TextEncoder.encodeInto` into wasm
/// memory: wasm-bindgen's conversion copies a character at a time while the
/// text is ASCII, ten times slower for a product's JSON or a CSV export.
/// Texts over [`DIRECT_MAX_UNITS`] go wasm-bindgen's way, which grows its
/// buffer as it goes rather than reserving three bytes a unit.
pub(crate) fn string_of(text: &JsString) -> String {
    let units = text.length() as usize;
    if units > DIRECT_MAX_UNITS {
        return String::from(text);
    }
    // A byte a unit first: ASCII text, most JSON, fits it (any other unit
    // takes two bytes or more), and zeroing three a unit was a
    // `memory.fill` as long as the copy. Otherwise at most three UTF-8
    // bytes a UTF-16 unit. Allocated before the call, so memory cannot
    // grow while JS writes into it.
    for per_unit in [1, 3] {
        let mut bytes = vec![0u8; units * per_unit];
        let written = encode_into(
            text,
            &wasm_bindgen::memory(),
            bytes.as_ptr() as usize,
            bytes.len(),
        );
        if written == -2.0 && per_unit == 1 {
            continue; // not all of it fitted
        }
        if !(0.0..=bytes.len() as f64).contains(&written) {
            break; // no TextEncoder in this runtime
        }
        bytes.truncate(written as usize);
        return String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    }
    String::from(text)
}

/// Longest text [`string_of`] encodes in one call: 16 Mi units, a 48 MiB buffer at most.
const DIRECT_MAX_UNITS: usize = 16 * 1024 * 1024;

/// UTF-8 text made in wasm as a JS string, decoded by a `TextDecoder` from
/// wasm memory: wasm-bindgen's `String` return decodes it the same way, but
/// only after `String::from_utf8` has checked every byte in wasm, which is
/// slower than the decoder's own check (a result's JSON is 21 KB). Falls
/// back to that where there is no `TextDecoder`.
pub(crate) fn js_string_of_utf8(bytes: &[u8]) -> JsString {
    let text = decode_utf8(
        &wasm_bindgen::memory(),
        bytes.as_ptr() as usize,
        bytes.len(),
    );
    text.dyn_into::<JsString>()
        .unwrap_or_else(|_| JsString::from(String::from_utf8_lossy(bytes).as_ref()))
}

/// `Object.keys(target)`: its own enumerable string keys, what
/// `JSON.stringify` and `structuredClone` read, in a fresh array whatever
/// the object does; or what a Proxy's trap threw.
pub(crate) fn keys(target: &JsValue) -> Result<Array, JsValue> {
    caught(keys_of(target)).map(JsCast::unchecked_into)
}

/// `Array.isArray(value)`: true for arrays and Proxies of arrays; what it
/// threw for a revoked Proxy.
pub(crate) fn is_array(value: &JsValue) -> Result<bool, JsValue> {
    match array_kind(value) {
        1 => Ok(true),
        0 => Ok(false),
        _ => Err(take_thrown()),
    }
}

/// What kind of object a value is, told by the built-ins (internal slots,
/// `Array.isArray`), not by anything the value says of itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Any other object (a plain one, a class instance, a fake made with
    /// `Object.create(Map.prototype)`).
    Object,
    /// An array, or a Proxy of one.
    Array,
    /// A genuine `Map`.
    Map,
    /// A genuine typed array.
    TypedArray,
    /// A genuine `ArrayBuffer`.
    ArrayBuffer,
    /// A genuine `Date`.
    Date,
}

/// The kind of an object (call it on objects only), in one call into JS;
/// what telling threw for a revoked Proxy.
pub(crate) fn kind_of(value: &JsValue) -> Result<Kind, JsValue> {
    Ok(match kind_code(value) {
        1 => Kind::Array,
        2 => Kind::Map,
        3 => Kind::TypedArray,
        4 => Kind::ArrayBuffer,
        5 => Kind::Date,
        -1 => return Err(take_thrown()),
        _ => Kind::Object,
    })
}

/// Calls `callback(value, key)` for each entry of a genuine Map, through
/// `Map.prototype.forEach` (not the map's own); what a callback's read
/// threw ends it.
pub(crate) fn map_for_each<F: FnMut(JsValue, JsValue)>(
    map: &JsValue,
    callback: &mut F,
) -> Result<(), JsValue> {
    if for_each_of_map(map, callback) {
        Ok(())
    } else {
        Err(take_thrown())
    }
}

/// The kinds of typed array the bindings read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Typed {
    /// `Uint8Array`: a file's bytes.
    Uint8,
    /// `Uint32Array`: user ids.
    Uint32,
    /// `Float64Array`: timestamps.
    Float64,
    /// Any other typed array, by its name.
    Other(&'static str),
}

const OTHER_TYPED: [&str; 8] = [
    "Int8Array",
    "Uint8ClampedArray",
    "Int16Array",
    "Uint16Array",
    "Int32Array",
    "Float32Array",
    "BigInt64Array",
    "BigUint64Array",
];

/// A genuine typed array's kind and length (0 once its buffer is detached
/// or shrunk out of reach); `None` for anything else, Proxies and fakes
/// made with `Object.create(Uint32Array.prototype)` included.
pub(crate) fn typed_array(value: &JsValue) -> Option<(Typed, usize)> {
    if !value.is_object() {
        return None;
    }
    let name = typed_array_name(value)?;
    let kind = match name.as_str() {
        "Uint8Array" => Typed::Uint8,
        "Uint32Array" => Typed::Uint32,
        "Float64Array" => Typed::Float64,
        other => Typed::Other(
            OTHER_TYPED
                .into_iter()
                .find(|t| *t == other)
                .unwrap_or("typed array"),
        ),
    };
    count(typed_array_length(value)).map(|len| (kind, len))
}

/// A length a built-in getter gave: `None` for its -1 (not the kind of
/// value the getter reads).
fn count(len: f64) -> Option<usize> {
    (len >= 0.0).then_some(len as usize)
}

/// The length in bytes of a genuine `ArrayBuffer` (0 once detached); `None`
/// for anything else (a `SharedArrayBuffer` included).
pub(crate) fn array_buffer_len(value: &JsValue) -> Option<usize> {
    if !value.is_object() {
        return None;
    }
    count(array_buffer_length(value))
}

/// The number of entries of a genuine `Map` (whatever its own `size`);
/// `None` for anything else.
pub(crate) fn map_size(value: &JsValue) -> Option<usize> {
    if !value.is_object() {
        return None;
    }
    count(map_size_of(value))
}

/// Runs a copy into `out`: the copy, or what it threw (the caller's buffer
/// changed under it).
fn copied<T>(out: Vec<T>, ok: bool) -> Result<Vec<T>, JsValue> {
    if ok {
        Ok(out)
    } else {
        Err(take_thrown())
    }
}

/// The bytes of a genuine `Uint8Array` of `len` bytes (known from
/// [`typed_array`]), or of a view made by [`bytes_of_buffer`].
pub(crate) fn copy_bytes(src: &JsValue, len: usize) -> Result<Vec<u8>, JsValue> {
    let mut out = vec![0u8; len];
    let ok = len == 0 || copy_u8(&mut out, src);
    copied(out, ok)
}

/// The values of a genuine `Uint32Array` of `len` items.
pub(crate) fn copy_uint32(src: &JsValue, len: usize) -> Result<Vec<u32>, JsValue> {
    let mut out = vec![0u32; len];
    let ok = len == 0 || copy_u32(&mut out, src);
    copied(out, ok)
}

/// The values of a genuine `Float64Array` of `len` items.
pub(crate) fn copy_float64(src: &JsValue, len: usize) -> Result<Vec<f64>, JsValue> {
    let mut out = vec![0f64; len];
    let ok = len == 0 || copy_f64(&mut out, src);
    copied(out, ok)
}

/// A `Uint8Array` over the bytes of a genuine `ArrayBuffer`, to copy with
/// [`copy_bytes`]; what it threw when the buffer was detached meanwhile.
pub(crate) fn bytes_of_buffer(buffer: &JsValue) -> Result<JsValue, JsValue> {
    caught(bytes_of(buffer))
}

/// A thrown value in words, for the problem that reports it: an Error's
/// name and message, or the value itself, at most 120 characters.
pub(crate) fn thrown_text(thrown: &JsValue) -> String {
    crate::format::shorten(&thrown_words(thrown), 120)
}
