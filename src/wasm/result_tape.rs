//! Results to JS values in one call: the value written as a tape
//! ([`crate::tape`]), which `results.js` turns into plain objects.
//!
//! serde-wasm-bindgen builds the same value with a call into JS per object,
//! property and string and decodes each string alone; for the scorer's
//! result (about 1,000 values) that was half the time of `analyze`. The
//! struct field names are sent to JS once per module instance: the tape
//! names them by id, and JS keeps the names in an array this instance holds.

use crate::tape::{self, Names, TapeError};
use serde::Serialize;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/wasm/results.js")]
extern "C" {
    #[wasm_bindgen(js_name = buildValue)]
    fn build_value(ops: &[f64], text: &str, names: &JsValue) -> JsValue;
}

/// This instance's names, how many of them JS has, and JS's array of them.
struct Instance {
    names: Names,
    sent: usize,
    table: JsValue,
}

impl Instance {
    fn new() -> Instance {
        Instance {
            names: Names::default(),
            sent: 0,
            table: js_sys::Array::new().into(),
        }
    }
}

thread_local! {
    static INSTANCE: RefCell<Instance> = RefCell::new(Instance::new());
}

/// `value` as a JS value (see [`crate::tape`] for what each Rust value becomes).
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, TapeError> {
    INSTANCE.with(|instance| {
        // Borrowed already when code the build runs (a setter on
        // Object.prototype) calls back into this module: that result is
        // built with names of its own.
        let mut own;
        let mut borrowed = instance.try_borrow_mut();
        let instance = match borrowed.as_deref_mut() {
            Ok(instance) => instance,
            Err(_) => {
                own = Instance::new();
                &mut own
            }
        };
        // ops[0]: how many names JS is sent first (their lengths follow).
        let (mut ops, mut text) =
            tape::write(value, &mut instance.names, 1, tape::Lengths::Utf16)?.into_parts();
        let fresh = &instance.names.list[instance.sent..];
        if !fresh.is_empty() {
            let mut head = Vec::with_capacity(fresh.len() + ops.len());
            head.push(fresh.len() as f64);
            head.extend(fresh.iter().map(|name| tape::utf16_len(name) as f64));
            head.extend_from_slice(&ops[1..]);
            ops = head;
            text.insert_str(0, &fresh.concat());
        }
        let built = build_value(&ops, &text, &instance.table);
        instance.sent = instance.names.list.len();
        Ok(built)
    })
}
