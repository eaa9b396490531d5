//! Errors cross the boundary once, here: an [`InputError`] becomes a JS
//! `Error` named "InputError" with `subject` and `problems` attached, by
//! `From`, so every export just uses `?`. When the input could not be read
//! because the caller's own object threw (a getter, a Proxy trap), the
//! thrown value is kept as the error's `cause`.

use super::intrinsics::thrown_text;
use super::{set, to_js};
use crate::{InputError, Problem};
use wasm_bindgen::prelude::*;

/// An input error, with the value the caller's object threw when that is
/// why the input could not be read.
#[derive(Debug)]
pub(crate) struct JsInputError {
    pub(crate) error: InputError,
    pub(crate) cause: Option<JsValue>,
}

impl JsInputError {
    /// The error for a value whose reading threw `thrown`, at `path`.
    pub(crate) fn thrown(subject: &str, path: &str, thrown: JsValue) -> JsInputError {
        let problem = Problem::new(
            path,
            format!("a value that threw when read ({})", thrown_text(&thrown)),
            "a plain value: a number, a text, an array or an object whose properties can be read",
        )
        .with_hint(Some(
            "a getter, a Proxy or an object of a class threw; pass plain data (JSON.parse(JSON.stringify(value)) makes a copy)"
                .into(),
        ));
        JsInputError {
            error: InputError::new(subject, vec![problem]),
            cause: Some(thrown),
        }
    }

    /// A single problem, no cause.
    pub(crate) fn problem(
        subject: &str,
        path: impl Into<String>,
        value: impl Into<String>,
        expected: impl Into<String>,
    ) -> JsInputError {
        InputError::new(subject, vec![Problem::new(path, value, expected)]).into()
    }
}

impl From<InputError> for JsInputError {
    fn from(error: InputError) -> JsInputError {
        JsInputError { error, cause: None }
    }
}

impl From<JsInputError> for JsValue {
    /// A JS `Error` named "InputError" with `subject`, `problems` and, when
    /// the caller's object threw, `cause`.
    fn from(err: JsInputError) -> JsValue {
        let error = js_sys::Error::new(&err.error.to_string());
        error.set_name("InputError");
        let _ = set(&error, "subject", &JsValue::from_str(&err.error.subject));
        if let Ok(problems) = to_js(&err.error.problems) {
            let _ = set(&error, "problems", &problems);
        }
        if let Some(cause) = &err.cause {
            let _ = set(&error, "cause", cause);
        }
        error.into()
    }
}

impl From<InputError> for JsValue {
    fn from(err: InputError) -> JsValue {
        JsInputError::from(err).into()
    }
}
