//! Reading JavaScript values into the core's loose [`RawValue`], with every
//! size limit applied while reading, so a huge or cyclic input is described
//! rather than copied.

use crate::input::raw::{
    RawValue, MAX_DEPTH, MAX_ENTRIES, MAX_KEY_CHARS, MAX_STRING_CHARS, MAX_VALUES,
};
use crate::{InputError, Problem};
use js_sys::{Array, JsString, Object, Reflect};
use tsify::Ts;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Reads a JS argument into a [`RawValue`] with every limit applied: sizes
/// and depth per value, and [`MAX_VALUES`] in all, so no input (shared
/// references and cycles included) can cause unbounded work or memory.
pub(crate) fn read_arg(value: &JsValue, subject: &str) -> Result<RawValue, InputError> {
    let mut reader = JsReader {
        budget: MAX_VALUES,
        ancestors: Vec::new(),
    };
    let raw = reader.read(value, 0);
    if reader.budget == 0 {
        return Err(InputError::new(
            subject,
            vec![Problem::new(
                "input",
                format!("more than {MAX_VALUES} values in all"),
                format!(
                    "at most {MAX_VALUES} values (maps hold at most {MAX_ENTRIES} entries each; \
                     check for an object that refers to itself)"
                ),
            )],
        ));
    }
    Ok(raw)
}

/// State of one read: the values left to read and the objects on the path
/// from the root (to recognise a cycle).
struct JsReader {
    budget: usize,
    ancestors: Vec<JsValue>,
}

impl JsReader {
    fn read(&mut self, value: &JsValue, depth: usize) -> RawValue {
        if self.budget == 0 {
            return RawValue::TooLarge {
                kind: "input",
                len: MAX_VALUES,
            };
        }
        self.budget -= 1;
        if value.is_undefined() {
            return RawValue::Undefined;
        }
        if value.is_null() {
            return RawValue::Null;
        }
        if let Some(b) = value.as_bool() {
            return RawValue::Bool(b);
        }
        if let Some(n) = value.as_f64() {
            return RawValue::Number(n);
        }
        if let Some(big) = value.dyn_ref::<js_sys::BigInt>() {
            // Read a BigInt by its decimal text: exact up to 2^53, rounded beyond.
            let text = big.to_string(10).map(String::from).unwrap_or_default();
            return RawValue::Number(text.parse::<f64>().unwrap_or(f64::NAN));
        }
        if let Some(s) = value.dyn_ref::<JsString>() {
            let len = s.length() as usize;
            if len > MAX_STRING_CHARS {
                return RawValue::TooLarge {
                    kind: "string",
                    len,
                };
            }
            return RawValue::String(String::from(s));
        }
        if value.is_function() {
            return RawValue::Unsupported("a function".into());
        }
        if value.is_symbol() {
            return RawValue::Unsupported("a symbol".into());
        }
        if depth > MAX_DEPTH {
            return RawValue::TooDeep;
        }
        if self.ancestors.iter().any(|a| Object::is(a, value)) {
            return RawValue::Unsupported("a circular reference".into());
        }
        if value.is_instance_of::<js_sys::Date>() {
            return RawValue::Unsupported("a Date".into());
        }
        if js_sys::ArrayBuffer::is_view(value) || value.is_instance_of::<js_sys::ArrayBuffer>() {
            return RawValue::Unsupported("binary data (a typed array or ArrayBuffer)".into());
        }
        self.ancestors.push(value.clone());
        let raw = self.read_container(value, depth);
        self.ancestors.pop();
        raw
    }

    fn read_container(&mut self, value: &JsValue, depth: usize) -> RawValue {
        if let Some(array) = value.dyn_ref::<Array>() {
            let len = array.length() as usize;
            if len > MAX_ENTRIES {
                return RawValue::TooLarge { kind: "array", len };
            }
            return RawValue::Array(
                array
                    .iter()
                    .map(|item| self.read(&item, depth + 1))
                    .collect(),
            );
        }
        if let Some(map) = value.dyn_ref::<js_sys::Map>() {
            let len = map.size() as usize;
            if len > MAX_ENTRIES {
                return RawValue::TooLarge {
                    kind: "object",
                    len,
                };
            }
            let mut entries = Vec::with_capacity(len);
            map.for_each(&mut |v, k| {
                let key = match k.dyn_ref::<JsString>() {
                    Some(name) => key_text(name),
                    None => RawValue::Number(k.as_f64().unwrap_or(f64::NAN)).describe(),
                };
                entries.push((key, self.read(&v, depth + 1)));
            });
            return RawValue::Object(entries);
        }
        let Some(object) = value.dyn_ref::<Object>() else {
            return RawValue::Unsupported("a value of an unsupported type".into());
        };
        // Reflect.ownKeys is a catching import: a Proxy that throws becomes a
        // problem here instead of an exception through the wasm frames.
        let Ok(keys) = Reflect::own_keys(object) else {
            return RawValue::Unsupported("an object whose keys could not be read".into());
        };
        let names: Vec<JsString> = keys
            .iter()
            .filter_map(|k| k.dyn_into::<JsString>().ok())
            .collect();
        if names.len() > MAX_ENTRIES {
            return RawValue::TooLarge {
                kind: "object",
                len: names.len(),
            };
        }
        let mut entries = Vec::with_capacity(names.len());
        for name in names {
            let item = match Reflect::get(object, &name) {
                Ok(v) => self.read(&v, depth + 1),
                Err(_) => RawValue::Unsupported("a property that threw when read".into()),
            };
            entries.push((key_text(&name), item));
        }
        RawValue::Object(entries)
    }
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

/// Reads an optional options argument (absent = no options).
pub(crate) fn read_options<T: tsify::Tsify>(
    options: Option<Ts<T>>,
    subject: &str,
) -> Result<RawValue, InputError> {
    match options {
        Some(o) => read_arg(&o.js_value(), subject),
        None => Ok(RawValue::Undefined),
    }
}

/// A one-level description of a value, for the "not an array" message.
#[cfg(any(feature = "score", feature = "survey", feature = "events"))]
pub(crate) fn describe_shallow(value: &JsValue) -> String {
    if value.is_object() {
        return "an object".into();
    }
    let mut reader = JsReader {
        budget: 1,
        ancestors: Vec::new(),
    };
    reader.read(value, 0).describe()
}
