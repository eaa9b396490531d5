//! Reading JavaScript values into the core's loose [`RawValue`], with every
//! size limit applied while reading, so a huge or cyclic input is described
//! rather than copied, and every read of the caller's objects caught
//! ([`super::intrinsics`]): an exception from a getter or a Proxy becomes an
//! input error naming where it was read, with the thrown value as its cause.

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

use super::error::JsInputError;
use super::intrinsics::{self, Kind, Typed};
use crate::input::problem::{index_path, join_path};
use crate::input::raw::{
    RawValue, MAX_DEPTH, MAX_ENTRIES, MAX_KEY_CHARS, MAX_STRING_CHARS, MAX_VALUES,
};
use js_sys::{JsString, Object};
use tsify::Ts;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Reads a JS argument into a [`RawValue`] with every limit applied: sizes
/// and depth per value, and [`MAX_VALUES`] in all, so no input (shared
/// references and cycles included) can cause unbounded work or memory.
/// `root` is the path problems inside it start from (`options` for
/// options, empty for the input itself).
pub(crate) fn read_arg(
    value: &JsValue,
    subject: &str,
    root: &str,
) -> Result<RawValue, JsInputError> {
    if value.is_object() {
        if let Some(raw) = super::plain_read::read_plain(value) {
            return Ok(raw);
        }
    }
    read_careful(value, subject, root)
}

/// [`read_arg`] without the one-call reading of plain data: a call across
/// the boundary per key and value, each read caught, every limit applied.
pub(crate) fn read_careful(
    value: &JsValue,
    subject: &str,
    root: &str,
) -> Result<RawValue, JsInputError> {
    let mut reader = JsReader {
        budget: MAX_VALUES,
        ancestors: Vec::new(),
        path: Vec::new(),
        thrown: None,
    };
    let raw = reader.read(value, 0);
    if let Some((path, thrown)) = reader.thrown {
        return Err(JsInputError::thrown(subject, &path.text(root), thrown));
    }
    if reader.budget == 0 {
        return Err(JsInputError::problem(
            subject,
            if root.is_empty() { "input" } else { root },
            format!("more than {MAX_VALUES} values in all"),
            format!(
                "at most {MAX_VALUES} values (maps hold at most {MAX_ENTRIES} entries each; \
                 check for an object that refers to itself)"
            ),
        ));
    }
    Ok(raw)
}

/// Reads options as a loose value, all but `key`, whose value is returned
/// as the caller gave it (usage events, read as typed arrays rather than
/// copied item by item into a loose value); `undefined` when absent.
pub(crate) fn options_taking(
    options: &JsValue,
    key: &str,
    subject: &str,
) -> Result<(RawValue, JsValue), JsInputError> {
    let keys = match intrinsics::keys(options) {
        Ok(keys) if options.is_object() && !options.is_function() => keys,
        _ => return Ok((read_arg(options, subject, "options")?, JsValue::UNDEFINED)),
    };
    let mut entries = Vec::new();
    let mut taken = JsValue::UNDEFINED;
    for name in keys.iter().filter_map(|k| k.as_string()) {
        let path = join_path("options", &name);
        // A getter that throws is the caller's problem, named as one.
        let value = intrinsics::get_str(options, &name)
            .map_err(|thrown| JsInputError::thrown(subject, &path, thrown))?;
        if name == key {
            taken = value;
        } else {
            entries.push((name, read_arg(&value, subject, &path)?));
        }
    }
    Ok((RawValue::Object(entries), taken))
}

/// Reads an optional options argument (absent = no options).
pub(crate) fn read_options<T: tsify::Tsify>(
    options: Option<Ts<T>>,
    subject: &str,
) -> Result<RawValue, JsInputError> {
    match options {
        Some(o) => read_arg(&o.js_value(), subject, "options"),
        None => Ok(RawValue::Undefined),
    }
}

/// One step of the path from the root to the value being read.
enum Step {
    Key(String),
    Index(usize),
}

/// Where a value was read, as steps from the root.
struct Path(Vec<Step>);

impl Path {
    /// The path as JS would write it, from `root` (`input` for the input).
    fn text(&self, root: &str) -> String {
        let mut text = root.to_string();
        for step in &self.0 {
            text = match step {
                Step::Key(key) => join_path(&text, key),
                Step::Index(i) => index_path(&text, *i),
            };
        }
        if text.is_empty() {
            "input".into()
        } else {
            text
        }
    }
}

/// State of one read: the values left to read, the objects on the path
/// from the root (to recognise a cycle), that path, and the first value the
/// caller's objects threw.
struct JsReader {
    budget: usize,
    ancestors: Vec<JsValue>,
    path: Vec<Step>,
    thrown: Option<(Path, JsValue)>,
}

impl JsReader {
    /// Notes a value the caller's object threw (the first one is reported)
    /// and reads it as unreadable.
    fn threw(&mut self, thrown: JsValue) -> RawValue {
        if self.thrown.is_none() {
            let path = Path(
                self.path
                    .iter()
                    .map(|s| match s {
                        Step::Key(k) => Step::Key(k.clone()),
                        Step::Index(i) => Step::Index(*i),
                    })
                    .collect(),
            );
            self.thrown = Some((path, thrown));
        }
        // Nothing more is worth reading once the input is known to fail.
        self.budget = 0;
        RawValue::Unsupported("a value that threw when read".into())
    }

    fn read(&mut self, value: &JsValue, depth: usize) -> RawValue {
        if self.budget == 0 {
            return RawValue::TooLarge {
                kind: "input",
                len: MAX_VALUES,
            };
        }
        self.budget -= 1;
        if let Some(raw) = scalar(value) {
            return raw;
        }
        if value.is_function() {
            return RawValue::Unsupported("a function".into());
        }
        if !value.is_object() {
            return RawValue::Unsupported("a value of an unsupported type".into());
        }
        if depth > MAX_DEPTH {
            return RawValue::TooDeep;
        }
        if self.ancestors.iter().any(|a| Object::is(a, value)) {
            return RawValue::Unsupported("a circular reference".into());
        }
        let kind = match intrinsics::kind_of(value) {
            Ok(kind) => kind,
            Err(thrown) => return self.threw(thrown),
        };
        if let Some(what) = binary(value, kind) {
            return RawValue::Unsupported(what);
        }
        self.ancestors.push(value.clone());
        let raw = match kind {
            Kind::Array => self.read_array(value, depth),
            Kind::Map => self.read_map(value, depth),
            _ => self.read_object(value, depth),
        };
        self.ancestors.pop();
        raw
    }

    /// An object's own enumerable string keys and their values.
    fn read_object(&mut self, value: &JsValue, depth: usize) -> RawValue {
        // Object.keys builds a fresh array, whatever the object does.
        let keys = match intrinsics::keys(value) {
            Ok(keys) => keys,
            Err(thrown) => return self.threw(thrown),
        };
        let count = keys.length() as usize;
        if count > MAX_ENTRIES {
            return RawValue::TooLarge {
                kind: "object",
                len: count,
            };
        }
        let mut entries = Vec::with_capacity(count);
        for key in keys.iter() {
            let Some(name) = key.dyn_ref::<JsString>() else {
                continue; // Object.keys gives strings only
            };
            self.path.push(Step::Key(key_text(name)));
            let item = match intrinsics::get(value, name) {
                Ok(v) => self.read(&v, depth + 1),
                Err(thrown) => self.threw(thrown),
            };
            if let Some(Step::Key(key)) = self.path.pop() {
                entries.push((key, item));
            }
        }
        RawValue::Object(entries)
    }

    /// An array, or a Proxy of one: its length and items read with catching
    /// reads, the length checked before anything is read.
    fn read_array(&mut self, value: &JsValue, depth: usize) -> RawValue {
        let len = match array_length(value) {
            Ok(Some(len)) => len,
            Ok(None) => {
                return RawValue::Unsupported("an array whose length is not a count".into())
            }
            Err(thrown) => return self.threw(thrown),
        };
        if len > MAX_ENTRIES {
            return RawValue::TooLarge { kind: "array", len };
        }
        let mut items = Vec::with_capacity(len);
        for i in 0..len {
            self.path.push(Step::Index(i));
            let item = match intrinsics::get_index(value, i as u32) {
                Ok(v) => self.read(&v, depth + 1),
                Err(thrown) => self.threw(thrown),
            };
            self.path.pop();
            items.push(item);
        }
        RawValue::Array(items)
    }

    /// A Map: its entries through `Map.prototype.forEach` (not the map's
    /// own), its real size checked first.
    fn read_map(&mut self, value: &JsValue, depth: usize) -> RawValue {
        let size = intrinsics::map_size(value).unwrap_or(0);
        if size > MAX_ENTRIES {
            return RawValue::TooLarge {
                kind: "object",
                len: size,
            };
        }
        let mut entries = Vec::with_capacity(size);
        let result = intrinsics::map_for_each(value, &mut |v, k| {
            // Entries added while reading (by a getter) are not read.
            if entries.len() >= size || self.budget == 0 {
                return;
            }
            let key = match k.dyn_ref::<JsString>() {
                Some(name) => key_text(name),
                None => scalar(&k).unwrap_or(RawValue::Null).describe(),
            };
            self.path.push(Step::Key(key));
            let item = self.read(&v, depth + 1);
            if let Some(Step::Key(key)) = self.path.pop() {
                entries.push((key, item));
            }
        });
        match result {
            Ok(()) => RawValue::Object(entries),
            Err(thrown) => self.threw(thrown),
        }
    }
}

/// A value that is no container: its reading, or `None` for an object.
fn scalar(value: &JsValue) -> Option<RawValue> {
    if value.is_undefined() {
        return Some(RawValue::Undefined);
    }
    if value.is_null() {
        return Some(RawValue::Null);
    }
    if let Some(b) = value.as_bool() {
        return Some(RawValue::Bool(b));
    }
    if let Some(n) = value.as_f64() {
        return Some(RawValue::Number(n));
    }
    if let Some(big) = value.dyn_ref::<js_sys::BigInt>() {
        return Some(bigint(big));
    }
    if let Some(s) = value.dyn_ref::<JsString>() {
        let len = s.length() as usize;
        if len > MAX_STRING_CHARS {
            return Some(RawValue::TooLarge {
                kind: "string",
                len,
            });
        }
        return Some(RawValue::String(String::from(s)));
    }
    if value.is_symbol() {
        return Some(RawValue::Unsupported("a symbol".into()));
    }
    None
}

/// A BigInt as the nearest number (JavaScript's `Number(big)`: exact up to
/// 2^53, rounded beyond); too large for a number, it is described by its
/// digits.
fn bigint(big: &js_sys::BigInt) -> RawValue {
    // `new Number(big)` is the conversion; js-sys has no other way to it
    // (its `From` impls take Rust numbers).
    #[allow(deprecated)]
    let number = js_sys::Number::new(big).value_of();
    match number {
        n if n.is_finite() => RawValue::Number(n),
        _ => {
            let text = big.to_string(10).map(String::from).unwrap_or_default();
            let digits = text.trim_start_matches('-').len();
            RawValue::Unsupported(format!(
                "a BigInt of {digits} digits, too large for a number"
            ))
        }
    }
}

/// Binary data and dates, which are no value of the data model: their
/// description.
fn binary(value: &JsValue, kind: Kind) -> Option<String> {
    match kind {
        Kind::TypedArray => intrinsics::typed_array(value)
            .map(|(typed, len)| format!("{} of {len} items", typed_name(typed))),
        Kind::ArrayBuffer => {
            intrinsics::array_buffer_len(value).map(|len| format!("an ArrayBuffer of {len} bytes"))
        }
        Kind::Date => Some("a Date".into()),
        _ => None,
    }
}

/// "a Uint32Array", "a Float32Array".
pub(crate) fn typed_name(kind: Typed) -> String {
    let name = match kind {
        Typed::Uint8 => "Uint8Array",
        Typed::Uint32 => "Uint32Array",
        Typed::Float64 => "Float64Array",
        Typed::Other(name) => name,
    };
    let article = if name.starts_with(['I', 'U']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {name}")
}

/// The length of an array (or of a Proxy of one): `None` when it is not a
/// whole number of items, `Err` when reading it threw.
pub(crate) fn array_length(value: &JsValue) -> Result<Option<usize>, JsValue> {
    let len = intrinsics::get_str(value, "length")?;
    Ok(len
        .as_f64()
        .filter(|n| n.fract() == 0.0 && *n >= 0.0 && *n <= f64::from(u32::MAX))
        .map(|n| n as usize))
}

/// A key as text, cut to [`MAX_KEY_CHARS`] before it is copied into wasm
/// memory (the same cut `raw::limit_key` makes for JSON).
pub(crate) fn key_text(name: &JsString) -> String {
    if name.length() as usize > MAX_KEY_CHARS {
        format!("{}…", String::from(name.slice(0, MAX_KEY_CHARS as u32)))
    } else {
        String::from(name)
    }
}

/// A one-level description of a value, for "not an array" messages: never
/// reads the value's properties; what it threw when even telling an array
/// from an object did (a revoked Proxy).
pub(crate) fn describe_shallow(value: &JsValue) -> Result<String, JsValue> {
    if let Some(raw) = scalar(value) {
        return Ok(raw.describe());
    }
    if value.is_function() {
        return Ok("a function".into());
    }
    let kind = intrinsics::kind_of(value)?;
    if let Some(what) = binary(value, kind) {
        return Ok(what);
    }
    Ok(match kind {
        Kind::Array => "an array".into(),
        Kind::Map => "a Map".into(),
        _ => "an object".into(),
    })
}

/// The error for a value of the wrong kind at `path`: described one level
/// deep, or what describing it threw, as the error's cause.
pub(crate) fn wrong_value(
    subject: &str,
    path: &str,
    value: &JsValue,
    expected: impl Into<String>,
) -> JsInputError {
    match describe_shallow(value) {
        Ok(what) => JsInputError::problem(subject, path, what, expected),
        Err(thrown) => JsInputError::thrown(subject, path, thrown),
    }
}
