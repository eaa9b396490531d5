//! Large inputs copied into wasm memory in one block where JavaScript gives
//! them as typed arrays (bytes of a file, user ids, timestamps), with their
//! sizes checked before anything is copied.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
#[cfg(feature = "events")]
use {
    super::js_reader::describe_shallow,
    crate::events,
    crate::input::ids::Interner,
    crate::{InputError, Problem},
    js_sys::Array,
};

/// The bytes of a `Uint8Array` or an `ArrayBuffer` (from `File.arrayBuffer()`),
/// copied into wasm memory in one block.
pub(crate) fn csv_bytes(input: &JsValue) -> Option<Vec<u8>> {
    if let Some(bytes) = input.dyn_ref::<js_sys::Uint8Array>() {
        return Some(bytes.to_vec());
    }
    input
        .dyn_ref::<js_sys::ArrayBuffer>()
        .map(|buffer| js_sys::Uint8Array::new(buffer).to_vec())
}

#[cfg(feature = "events")]
/// User ids of the events and of the signups as dense u32s, in one id
/// space: numbers are kept when every id on both sides is a whole number
/// (a Uint32Array is copied in one block); otherwise every id is interned as
/// text in order of first appearance, so 7 and "7" are the same user.
pub(crate) fn user_id_arrays(
    events: &JsValue,
    signups: Option<&JsValue>,
) -> Result<(Vec<u32>, Option<Vec<u32>>), InputError> {
    let event_numbers = numeric_ids(events, "userIds")?;
    let signup_numbers = match signups {
        Some(s) => Some(numeric_ids(s, "signups.userIds")?),
        None => None,
    };
    match (event_numbers, signup_numbers) {
        (Some(e), None) => Ok((e, None)),
        (Some(e), Some(Some(s))) => Ok((e, Some(s))),
        _ => {
            let mut interned = Interner::default();
            let e = interned_ids(events, &mut interned);
            let s = signups.map(|s| interned_ids(s, &mut interned));
            Ok((e, s))
        }
    }
}

#[cfg(feature = "events")]
/// The ids as numbers, or None when some are strings; an error for
/// anything that is neither (or too many).
fn numeric_ids(value: &JsValue, path: &str) -> Result<Option<Vec<u32>>, InputError> {
    let wrong = |path: String, value: String, expected: &str| {
        InputError::new("events", vec![Problem::new(path, value, expected)])
    };
    if let Some(typed) = value.dyn_ref::<js_sys::Uint32Array>() {
        return Ok(Some(typed.to_vec()));
    }
    let Some(items) = value.dyn_ref::<Array>() else {
        return Err(wrong(
            path.to_string(),
            describe_shallow(value),
            "a Uint32Array, or an array of numbers or strings",
        ));
    };
    if items.length() as usize > events::MAX_EVENTS {
        return Err(wrong(
            path.to_string(),
            format!("an array of {} ids", items.length()),
            "at most 50000000 events",
        ));
    }
    let mut ids = Vec::with_capacity(items.length() as usize);
    let mut all_numbers = true;
    for (i, item) in items.iter().enumerate() {
        if let Some(n) = item
            .as_f64()
            .filter(|n| n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(n))
        {
            ids.push(n as u32);
        } else if item.is_string() {
            all_numbers = false;
        } else {
            return Err(wrong(
                format!("{path}[{i}]"),
                describe_shallow(&item),
                "a whole number from 0 to 4294967295, or a string",
            ));
        }
    }
    Ok(all_numbers.then_some(ids))
}

#[cfg(feature = "events")]
/// Ids interned as text; `numeric_ids` has checked every item.
fn interned_ids(value: &JsValue, interned: &mut Interner) -> Vec<u32> {
    let mut intern = |key: String| interned.id(key.as_bytes());
    if let Some(typed) = value.dyn_ref::<js_sys::Uint32Array>() {
        return typed
            .to_vec()
            .into_iter()
            .map(|n| intern(n.to_string()))
            .collect();
    }
    let Some(items) = value.dyn_ref::<Array>() else {
        return Vec::new();
    };
    items
        .iter()
        .map(|item| match item.as_string() {
            Some(s) => intern(s),
            None => intern(item.as_f64().map_or_else(String::new, |n| format!("{n}"))),
        })
        .collect()
}

#[cfg(feature = "events")]
pub(crate) fn event_timestamps(value: &JsValue, path: &str) -> Result<Vec<f64>, InputError> {
    if let Some(typed) = value.dyn_ref::<js_sys::Float64Array>() {
        return Ok(typed.to_vec());
    }
    match value.dyn_ref::<Array>() {
        Some(items) if items.length() as usize <= events::MAX_EVENTS => Ok(items
            .iter()
            .map(|t| t.as_f64().unwrap_or(f64::NAN))
            .collect()),
        _ => Err(InputError::new(
            "events",
            vec![Problem::new(
                path,
                describe_shallow(value),
                "a Float64Array (or array) of milliseconds since the epoch",
            )],
        )),
    }
}
