//! Plain data read in one call: `reads.js` walks the caller's value in JS
//! and returns a tape of what it read, decoded here into the same
//! [`RawValue`] the careful reader ([`super::js_reader`]) builds, without a
//! call across the boundary per key and value. Anything but plain data
//! within the limits (see `plainTape` in reads.js) gives `None`, and the
//! careful reader then reads the value and names whatever is wrong. Object
//! keys are sent once per module instance (see reads.js).

use crate::input::raw::{
    RawValue, MAX_DEPTH, MAX_ENTRIES, MAX_KEY_CHARS, MAX_STRING_CHARS, MAX_VALUES,
};
use crate::tape::utf16_prefix;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/wasm/reads.js")]
extern "C" {
    #[wasm_bindgen(js_name = plainTape)]
    #[allow(clippy::too_many_arguments)]
    fn plain_tape(
        value: &JsValue,
        key_ids: &JsValue,
        known_keys: u32,
        max_keys: u32,
        max_depth: u32,
        max_entries: u32,
        max_string_chars: u32,
        max_key_chars: u32,
        max_values: u32,
    ) -> Option<Vec<f64>>;
    #[wasm_bindgen(js_name = plainStringsText)]
    fn plain_strings_text() -> String;
}

// The tape's operations (reads.js has the same numbers).
const UNDEFINED: u8 = 0;
const NULL: u8 = 1;
const FALSE: u8 = 2;
const TRUE: u8 = 3;
const NUMBER: u8 = 4;
const STRING: u8 = 5;
const ARRAY: u8 = 6;
const OBJECT: u8 = 7;

/// Most object keys kept (and sent once) per module instance: beyond, both
/// sides start again.
const MAX_KEPT_KEYS: u32 = 4096;

/// The object keys JS has sent, by id, and the JS Map of their ids.
struct Keys {
    texts: Vec<String>,
    ids: JsValue,
}

thread_local! {
    static KEYS: RefCell<Keys> = RefCell::new(Keys {
        texts: Vec::new(),
        ids: js_sys::Map::new().into(),
    });
}

/// `value` read in one call when it is plain data within the limits.
pub(crate) fn read_plain(value: &JsValue) -> Option<RawValue> {
    // Borrowed already when a getter of the value being read calls back into
    // this module: the careful reader reads the inner value instead.
    KEYS.with(|keys| read_with_keys(value, &mut *keys.try_borrow_mut().ok()?))
}

fn read_with_keys(value: &JsValue, keys: &mut Keys) -> Option<RawValue> {
    let limit = |n: usize| n as u32;
    let ops = plain_tape(
        value,
        &keys.ids,
        keys.texts.len() as u32,
        MAX_KEPT_KEYS,
        limit(MAX_DEPTH),
        limit(MAX_ENTRIES),
        limit(MAX_STRING_CHARS),
        limit(MAX_KEY_CHARS),
        limit(MAX_VALUES),
    )?;
    let text = plain_strings_text();
    if ops.first() == Some(&1.0) {
        keys.texts.clear();
    }
    let value = decode(&ops, &text, &mut keys.texts);
    if value.is_none() {
        // Whatever was learnt is in doubt: JS starts again next time (the
        // counts differ).
        keys.texts.clear();
    }
    value
}

/// The value a tape describes (after its first number); `None` if the tape
/// is not one whole value.
fn decode(ops: &[f64], text: &str, keys: &mut Vec<String>) -> Option<RawValue> {
    let mut tape = Tape {
        ops,
        at: 1,
        text,
        cursor: 0,
        keys,
    };
    let value = tape.value(0)?;
    (tape.at == ops.len() && tape.cursor == text.len()).then_some(value)
}

struct Tape<'a> {
    ops: &'a [f64],
    at: usize,
    text: &'a str,
    /// Byte offset of the next string in `text`.
    cursor: usize,
    keys: &'a mut Vec<String>,
}

impl Tape<'_> {
    fn next(&mut self) -> Option<f64> {
        let x = *self.ops.get(self.at)?;
        self.at += 1;
        Some(x)
    }

    /// A count or length: a whole number no larger than `max`.
    fn count(&mut self, max: usize) -> Option<usize> {
        let n = self.next()?;
        (n >= 0.0 && n.fract() == 0.0 && n <= max as f64).then_some(n as usize)
    }

    /// An object's key: a known key's id, or -(length + 1) of a new one.
    fn key(&mut self) -> Option<String> {
        let token = self.next()?;
        if token >= 0.0 {
            return self.keys.get(token as usize).cloned();
        }
        let key = self.text_of(-token - 1.0, MAX_KEY_CHARS)?;
        self.keys.push(key.clone());
        Some(key)
    }

    /// The next string, given its length in UTF-16 units.
    fn string(&mut self, max: usize) -> Option<String> {
        let units = self.next()?;
        self.text_of(units, max)
    }

    /// The next `units` UTF-16 units of text.
    fn text_of(&mut self, units: f64, max: usize) -> Option<String> {
        if !(units >= 0.0 && units.fract() == 0.0 && units <= max as f64) {
            return None;
        }
        let rest = self.text.get(self.cursor..)?;
        let end = utf16_prefix(rest, units as usize)?;
        self.cursor += end;
        Some(rest[..end].to_string())
    }

    fn value(&mut self, depth: usize) -> Option<RawValue> {
        let op = self.next()?;
        Some(match op as u8 {
            UNDEFINED => RawValue::Undefined,
            NULL => RawValue::Null,
            FALSE => RawValue::Bool(false),
            TRUE => RawValue::Bool(true),
            NUMBER => RawValue::Number(self.next()?),
            STRING => RawValue::String(self.string(MAX_STRING_CHARS)?),
            ARRAY if depth <= MAX_DEPTH => {
                let n = self.count(MAX_ENTRIES)?;
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(self.value(depth + 1)?);
                }
                RawValue::Array(items)
            }
            OBJECT if depth <= MAX_DEPTH => {
                let n = self.count(MAX_ENTRIES)?;
                let mut entries = Vec::with_capacity(n);
                for _ in 0..n {
                    let key = self.key()?;
                    entries.push((key, self.value(depth + 1)?));
                }
                RawValue::Object(entries)
            }
            _ => return None,
        })
    }
}
