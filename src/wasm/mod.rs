//! JavaScript bindings: the only code that knows about wasm-bindgen.
//!
//! Every export takes its input as a JS handle (`Ts<T>` or `JsValue`), reads
//! it into the core's loose [`RawValue`](crate::RawValue) with the size
//! limits applied ([`js_reader`]), and returns `Result<_, JsValue>` whose
//! error is a real JS `Error` carrying the structured `problems`
//! ([`error`]). Nothing derived from input can panic here: a panic under
//! `panic = "abort"` would trap and kill the module for the page.
//!
//! One file per part, each built with its cargo feature: [`score`],
//! [`survey`] and [`research`] (the survey part), [`events`], [`launch`],
//! [`warehouse`]; [`export`] (readExport) with the survey and events parts.

mod error;
#[cfg(feature = "events")]
mod events;
#[cfg(all(feature = "survey", feature = "events"))]
mod export;
mod intrinsics;
mod js_reader;
#[cfg(feature = "launch")]
mod launch;
mod plain_read;
#[cfg(feature = "survey")]
mod research;
mod result_tape;
#[cfg(feature = "score")]
mod score;
#[cfg(feature = "score")]
mod static_values;
#[cfg(feature = "survey")]
mod survey;
#[cfg(any(feature = "survey", feature = "events"))]
mod typed_arrays;
#[cfg(feature = "warehouse")]
mod warehouse;

#[cfg(feature = "events")]
pub use events::*;
#[cfg(all(feature = "survey", feature = "events"))]
pub use export::*;
#[cfg(feature = "launch")]
pub use launch::*;
#[cfg(feature = "survey")]
pub use research::*;
#[cfg(feature = "score")]
pub use score::*;
#[cfg(feature = "survey")]
pub use survey::*;
#[cfg(feature = "warehouse")]
pub use warehouse::*;

use js_sys::{Object, Reflect};
use serde::Serialize;
use tsify::Ts;
use wasm_bindgen::prelude::*;

// The hand-written declarations (string unions, the error type, the shapes
// of untyped arguments), appended to wasm-bindgen's generated .d.ts.
#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = include_str!("types.d.ts");

/// The library's version, e.g. "0.1.0".
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// Builds a plain JS value in one call ([`result_tape`]): maps as plain
/// objects, `None` as `undefined`.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    result_tape::to_js(value).map_err(|e| {
        JsValue::from(js_sys::Error::new(&format!(
            "could not build the result: {e}"
        )))
    })
}

/// The one-call crossings ([`result_tape`], [`plain_read`]) beside the
/// ways they replace, for the wasm suites' checks that both give the same
/// values. Not part of the API.
#[doc(hidden)]
pub mod crossing_checks {
    use crate::RawValue;
    use serde::Serialize;
    use wasm_bindgen::JsValue;

    /// A result built from the tape, as every export builds it.
    pub fn tape<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
        super::to_js(value)
    }

    /// The same by serde-wasm-bindgen, maps as objects (what the bindings used before).
    pub fn serde_wasm_bindgen<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, String> {
        let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
        value.serialize(&serializer).map_err(|e| e.to_string())
    }

    /// A value read in one call, when it is plain data.
    pub fn read_plain(value: &JsValue) -> Option<RawValue> {
        super::plain_read::read_plain(value)
    }

    /// A value read the careful way, or its error's message.
    pub fn read_careful(value: &JsValue) -> Result<RawValue, String> {
        super::js_reader::read_careful(value, "input", "").map_err(|e| e.error.to_string())
    }
}

fn typed<T: tsify::Tsify + Serialize>(value: &T) -> Result<Ts<T>, JsValue> {
    to_js(value).map(Ts::new_unchecked)
}

fn set(target: &Object, key: &str, value: &JsValue) -> Result<(), JsValue> {
    Reflect::set(target, &JsValue::from_str(key), value).map(|_| ())
}
