//! Errors cross the boundary once, here: an [`InputError`] becomes a JS
//! `Error` named "InputError" with `subject` and `problems` attached, by
//! `From`, so every export just uses `?`.

use super::{set, to_js};
use crate::InputError;
use wasm_bindgen::prelude::*;

impl From<InputError> for JsValue {
    /// A JS `Error` named "InputError" with `subject` and `problems` attached.
    fn from(err: InputError) -> JsValue {
        let error = js_sys::Error::new(&err.to_string());
        error.set_name("InputError");
        let _ = set(&error, "subject", &JsValue::from_str(&err.subject));
        if let Ok(problems) = to_js(&err.problems) {
            let _ = set(&error, "problems", &problems);
        }
        error.into()
    }
}
