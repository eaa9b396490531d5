//! Large inputs: a file's text or bytes, and the events' columns of user ids
//! and timestamps. Each is measured first (a typed array's real length, an
//! array's length read without running out of bounds, a text's length), the
//! limits checked, and only then copied into wasm memory, typed arrays in
//! one block: a copy is never the first thing to fail.

use super::error::JsInputError;
use super::intrinsics::{self, Typed};
use js_sys::JsString;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
#[cfg(feature = "events")]
use {
    super::js_reader::{array_length, typed_name, wrong_value},
    crate::events,
    crate::input::ids::Interner,
    crate::InputError,
};

/// Most bytes of a file read in one call (1 GiB).
pub const MAX_FILE_BYTES: usize = 1 << 30;
/// Longest file read as text, in UTF-16 code units: copying a text into
/// wasm memory reserves up to three bytes a unit, so big files come as
/// bytes (a `Uint8Array`, or the `ArrayBuffer` of `File.arrayBuffer()`).
pub const MAX_FILE_CHARS: usize = 1 << 27;

/// A file given as text, a `Uint8Array` or an `ArrayBuffer`: its bytes, its
/// size checked before anything is copied; `None` when the input is none
/// of these.
pub(crate) fn file_bytes(input: &JsValue, subject: &str) -> Result<Option<Vec<u8>>, JsInputError> {
    file_bytes_at(input, subject, "input")
}

/// [`file_bytes`] of a value at `path` (`options.events`).
pub(crate) fn file_bytes_at(
    input: &JsValue,
    subject: &str,
    path: &str,
) -> Result<Option<Vec<u8>>, JsInputError> {
    let too_big = |value: String, limit: String| JsInputError::problem(subject, path, value, limit);
    if let Some(text) = input.dyn_ref::<JsString>() {
        let len = text.length() as usize;
        if len > MAX_FILE_CHARS {
            return Err(too_big(
                format!("a text of {len} characters"),
                format!(
                    "a text of at most {MAX_FILE_CHARS} characters; pass big files as bytes \
                     (a Uint8Array, or the ArrayBuffer of File.arrayBuffer()), up to {MAX_FILE_BYTES} bytes"
                ),
            ));
        }
        return Ok(Some(intrinsics::string_of(text).into_bytes()));
    }
    let bytes_expected = || format!("at most {MAX_FILE_BYTES} bytes (1 GiB) in one call");
    if let Some((kind, len)) = intrinsics::typed_array(input) {
        if kind != Typed::Uint8 {
            return Ok(None);
        }
        if len > MAX_FILE_BYTES {
            return Err(too_big(
                format!("a Uint8Array of {len} bytes"),
                bytes_expected(),
            ));
        }
        return copy(subject, path, intrinsics::copy_bytes(input, len)).map(Some);
    }
    if let Some(len) = intrinsics::array_buffer_len(input) {
        if len > MAX_FILE_BYTES {
            return Err(too_big(
                format!("an ArrayBuffer of {len} bytes"),
                bytes_expected(),
            ));
        }
        if len == 0 {
            // Empty, or detached: nothing to copy (a view of a detached
            // buffer cannot even be made).
            return Ok(Some(Vec::new()));
        }
        let view = copy(subject, path, intrinsics::bytes_of_buffer(input))?;
        return copy(subject, path, intrinsics::copy_bytes(&view, len)).map(Some);
    }
    Ok(None)
}

/// A copy that failed: the caller's buffer changed under it.
fn copy<T>(subject: &str, path: &str, copied: Result<T, JsValue>) -> Result<T, JsInputError> {
    copied.map_err(|thrown| JsInputError::thrown(subject, path, thrown))
}

/// A column of the events (user ids or timestamps) as the caller gave it,
/// measured but not yet read.
#[cfg(feature = "events")]
pub(crate) struct Column {
    value: JsValue,
    path: String,
    typed: Option<Typed>,
    pub(crate) len: usize,
}

#[cfg(feature = "events")]
impl Column {
    /// Measures a typed array or an array; anything else is a problem.
    pub(crate) fn measure(
        value: &JsValue,
        path: &str,
        expected: &str,
    ) -> Result<Column, JsInputError> {
        if let Some((kind, len)) = intrinsics::typed_array(value) {
            return Ok(Column {
                value: value.clone(),
                path: path.to_string(),
                typed: Some(kind),
                len,
            });
        }
        let wrong = || wrong_value("events", path, value, expected);
        match intrinsics::is_array(value) {
            Ok(true) => {}
            Ok(false) => return Err(wrong()),
            Err(thrown) => return Err(JsInputError::thrown("events", path, thrown)),
        }
        match array_length(value) {
            Ok(Some(len)) => Ok(Column {
                value: value.clone(),
                path: path.to_string(),
                typed: None,
                len,
            }),
            Ok(None) => Err(wrong()),
            Err(thrown) => Err(JsInputError::thrown("events", path, thrown)),
        }
    }

    /// Item `i` of an array column.
    fn item(&self, i: usize) -> Result<JsValue, JsInputError> {
        intrinsics::get_index(&self.value, i as u32).map_err(|thrown| {
            JsInputError::thrown("events", &format!("{}[{i}]", self.path), thrown)
        })
    }

    /// A typed column of another kind than `wanted`: the problem.
    fn wrong_kind(&self, kind: Typed, expected: &str) -> JsInputError {
        JsInputError::problem(
            "events",
            &self.path,
            format!("{} of {} items", typed_name(kind), self.len),
            expected,
        )
    }
}

/// Checks the columns' lengths against each other and the limits, before
/// anything is copied: the same problems the analysis reports.
#[cfg(feature = "events")]
pub(crate) fn check_lengths(
    ids: &Column,
    times: &Column,
    signups: Option<(&Column, &Column)>,
) -> Result<(), InputError> {
    let mut problems = Vec::new();
    events::check_lengths("", ids.len, times.len, &mut problems);
    if let Some((ids, times)) = signups {
        events::check_lengths("signups.", ids.len, times.len, &mut problems);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(InputError::new("events", problems))
    }
}

#[cfg(feature = "events")]
const IDS_EXPECTED: &str = "a Uint32Array, or an array of numbers or strings";

/// User ids of the events and of the signups as dense u32s, in one id
/// space: numbers are kept when every id on both sides is a whole number
/// (a Uint32Array is copied in one block); otherwise every id is interned as
/// text in order of first appearance, so 7 and "7" are the same user (and
/// the interned texts are returned, id `i` the `i`-th).
#[cfg(feature = "events")]
#[allow(clippy::type_complexity)]
pub(crate) fn user_ids(
    events: &Column,
    signups: Option<&Column>,
) -> Result<(Vec<u32>, Option<Vec<u32>>, Option<Interner>), JsInputError> {
    let event_numbers = numeric_ids(events)?;
    let signup_numbers = match signups {
        Some(s) => Some(numeric_ids(s)?),
        None => None,
    };
    match (event_numbers, signup_numbers) {
        (Some(e), None) => Ok((e, None, None)),
        (Some(e), Some(Some(s))) => Ok((e, Some(s), None)),
        _ => {
            let mut interned = Interner::default();
            let e = interned_ids(events, &mut interned)?;
            let s = match signups {
                Some(s) => Some(interned_ids(s, &mut interned)?),
                None => None,
            };
            Ok((e, s, Some(interned)))
        }
    }
}

/// The ids as numbers, or `None` when some are strings; a problem for
/// anything that is neither.
#[cfg(feature = "events")]
fn numeric_ids(column: &Column) -> Result<Option<Vec<u32>>, JsInputError> {
    match column.typed {
        Some(Typed::Uint32) => {
            let copied = intrinsics::copy_uint32(&column.value, column.len);
            return copy("events", &column.path, copied).map(Some);
        }
        Some(kind) => return Err(column.wrong_kind(kind, IDS_EXPECTED)),
        None => {}
    }
    let mut ids = Vec::with_capacity(column.len);
    let mut all_numbers = true;
    for i in 0..column.len {
        let item = column.item(i)?;
        if let Some(n) = item
            .as_f64()
            .filter(|n| n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(n))
        {
            ids.push(n as u32);
        } else if item.is_string() {
            all_numbers = false;
        } else {
            return Err(wrong_value(
                "events",
                &format!("{}[{i}]", column.path),
                &item,
                "a whole number from 0 to 4294967295, or a string",
            ));
        }
    }
    Ok(all_numbers.then_some(ids))
}

/// Ids interned as text; [`numeric_ids`] has checked every item.
#[cfg(feature = "events")]
fn interned_ids(column: &Column, interned: &mut Interner) -> Result<Vec<u32>, JsInputError> {
    if column.typed.is_some() {
        let numbers = copy(
            "events",
            &column.path,
            intrinsics::copy_uint32(&column.value, column.len),
        )?;
        return Ok(numbers
            .into_iter()
            .map(|n| interned.id(n.to_string().as_bytes()))
            .collect());
    }
    let mut ids = Vec::with_capacity(column.len);
    for i in 0..column.len {
        let item = column.item(i)?;
        let text = match item.as_string() {
            Some(s) => s,
            None => item.as_f64().map_or_else(String::new, |n| format!("{n}")),
        };
        ids.push(interned.id(text.as_bytes()));
    }
    Ok(ids)
}

/// Timestamps: a Float64Array copied in one block, or an array read item by
/// item (anything but a number reads as NaN, which the analysis reports).
#[cfg(feature = "events")]
pub(crate) fn timestamps(column: &Column) -> Result<Vec<f64>, JsInputError> {
    match column.typed {
        Some(Typed::Float64) => copy(
            "events",
            &column.path,
            intrinsics::copy_float64(&column.value, column.len),
        ),
        Some(kind) => Err(column.wrong_kind(
            kind,
            "a Float64Array (or array) of milliseconds since the epoch",
        )),
        None => (0..column.len)
            .map(|i| Ok(column.item(i)?.as_f64().unwrap_or(f64::NAN)))
            .collect(),
    }
}

/// The events' names as the caller gave them: an array of strings, or
/// `{ codes, dictionary }` (a dictionary-encoded column, as Arrow holds it).
#[cfg(feature = "events")]
pub(crate) enum EventNameColumn {
    Strings(Column),
    Coded {
        codes: Column,
        dictionary: JsValue,
        dictionary_len: usize,
    },
}

#[cfg(feature = "events")]
const NAMES_EXPECTED: &str =
    "an array of event names (strings), or { codes: Uint32Array, dictionary: string[] }";

#[cfg(feature = "events")]
impl EventNameColumn {
    /// Measures the names (absent: none); nothing is copied yet.
    pub(crate) fn measure(value: &JsValue) -> Result<Option<EventNameColumn>, JsInputError> {
        if value.is_undefined() || value.is_null() {
            return Ok(None);
        }
        let is_array = intrinsics::is_array(value)
            .map_err(|thrown| JsInputError::thrown("events", "eventNames", thrown))?;
        if is_array {
            return Ok(Some(EventNameColumn::Strings(Column::measure(
                value,
                "eventNames",
                NAMES_EXPECTED,
            )?)));
        }
        if !value.is_object() || value.is_function() || intrinsics::typed_array(value).is_some() {
            return Err(wrong_value("events", "eventNames", value, NAMES_EXPECTED));
        }
        let get = |key: &str| {
            intrinsics::get_str(value, key).map_err(|thrown| {
                JsInputError::thrown("events", &format!("eventNames.{key}"), thrown)
            })
        };
        let (codes, dictionary) = (get("codes")?, get("dictionary")?);
        // The codes are measured where they live: in the caller's object.
        let codes = Column::measure(
            &codes,
            "eventNames.codes",
            "a Uint32Array of indices into the dictionary",
        )?;
        let dictionary_len = match intrinsics::is_array(&dictionary) {
            Ok(true) => array_length(&dictionary)
                .map_err(|thrown| JsInputError::thrown("events", "eventNames.dictionary", thrown))?
                .unwrap_or(0),
            Ok(false) => {
                return Err(wrong_value(
                    "events",
                    "eventNames.dictionary",
                    &dictionary,
                    "an array of the event names (strings) the codes index",
                ))
            }
            Err(thrown) => {
                return Err(JsInputError::thrown(
                    "events",
                    "eventNames.dictionary",
                    thrown,
                ))
            }
        };
        if dictionary_len > events::MAX_EVENT_NAMES {
            return Err(JsInputError::problem(
                "events",
                "eventNames.dictionary",
                format!("{dictionary_len} names"),
                format!("at most {} distinct event names", events::MAX_EVENT_NAMES),
            ));
        }
        Ok(Some(EventNameColumn::Coded {
            codes,
            dictionary,
            dictionary_len,
        }))
    }

    /// One name per event.
    pub(crate) fn len(&self) -> usize {
        match self {
            EventNameColumn::Strings(c) => c.len,
            EventNameColumn::Coded { codes, .. } => codes.len,
        }
    }

    /// Copies the names: strings are numbered as they come; codes are
    /// copied in one block (the core checks them against the dictionary).
    pub(crate) fn read(self) -> Result<events::EventNames, JsInputError> {
        match self {
            EventNameColumn::Strings(column) => {
                let mut names = Interner::default();
                let mut codes = Vec::with_capacity(column.len);
                for i in 0..column.len {
                    let item = column.item(i)?;
                    let Some(text) = item.as_string() else {
                        return Err(wrong_value(
                            "events",
                            &format!("eventNames[{i}]"),
                            &item,
                            "an event name (a string)",
                        ));
                    };
                    codes.push(names.id(text.as_bytes()));
                    if names.len() > events::MAX_EVENT_NAMES {
                        return Err(JsInputError::problem(
                            "events",
                            "eventNames",
                            format!("more than {} distinct names", events::MAX_EVENT_NAMES),
                            "a product's event names (are ids or URLs sent as names?)",
                        ));
                    }
                }
                Ok(events::EventNames {
                    codes,
                    dictionary: names.into_texts(),
                })
            }
            EventNameColumn::Coded {
                codes,
                dictionary,
                dictionary_len,
            } => {
                let code_values = match codes.typed {
                    Some(Typed::Uint32) => copy(
                        "events",
                        &codes.path,
                        intrinsics::copy_uint32(&codes.value, codes.len),
                    )?,
                    Some(kind) => {
                        return Err(
                            codes.wrong_kind(kind, "a Uint32Array of indices into the dictionary")
                        )
                    }
                    None => {
                        let mut out = Vec::with_capacity(codes.len);
                        for i in 0..codes.len {
                            let item = codes.item(i)?;
                            match item.as_f64().filter(|n| {
                                n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(n)
                            }) {
                                Some(n) => out.push(n as u32),
                                None => {
                                    return Err(wrong_value(
                                        "events",
                                        &format!("eventNames.codes[{i}]"),
                                        &item,
                                        "a whole number: an index into the dictionary",
                                    ))
                                }
                            }
                        }
                        out
                    }
                };
                let mut names = Vec::with_capacity(dictionary_len);
                for i in 0..dictionary_len {
                    let item = intrinsics::get_index(&dictionary, i as u32).map_err(|thrown| {
                        JsInputError::thrown(
                            "events",
                            &format!("eventNames.dictionary[{i}]"),
                            thrown,
                        )
                    })?;
                    match item.as_string() {
                        Some(s) => names.push(s),
                        None => {
                            return Err(wrong_value(
                                "events",
                                &format!("eventNames.dictionary[{i}]"),
                                &item,
                                "an event name (a string)",
                            ))
                        }
                    }
                }
                Ok(events::EventNames {
                    codes: code_values,
                    dictionary: names,
                })
            }
        }
    }
}

/// The name and session columns hold one item per event.
#[cfg(feature = "events")]
pub(crate) fn check_same_length(
    events: usize,
    names: Option<usize>,
    sessions: Option<usize>,
) -> Result<(), InputError> {
    let mut problems = Vec::new();
    for (path, len) in [("eventNames", names), ("sessionIds", sessions)] {
        if let Some(len) = len.filter(|l| *l != events) {
            problems.push(crate::input::problem::Problem::new(
                path,
                format!("{len} items for {events} events"),
                "one per event (arrays of the same length as userIds)",
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(InputError::new("events", problems))
    }
}

/// Session ids: a Uint32Array as it is (`0xFFFFFFFF`: none), else each item
/// numbered as text (so 7 and "7" are one session); null, undefined, "" and
/// -1 (Amplitude's) mean none.
#[cfg(feature = "events")]
pub(crate) fn session_ids(column: &Column) -> Result<Vec<u32>, JsInputError> {
    match column.typed {
        Some(Typed::Uint32) => {
            return copy(
                "events",
                &column.path,
                intrinsics::copy_uint32(&column.value, column.len),
            )
        }
        Some(kind) => {
            return Err(column.wrong_kind(
                kind,
                "a Uint32Array, or an array of session ids (strings or numbers)",
            ))
        }
        None => {}
    }
    let mut numbered = Interner::default();
    let mut ids = Vec::with_capacity(column.len);
    for i in 0..column.len {
        let item = column.item(i)?;
        let text = if let Some(s) = item.as_string() {
            s
        } else if let Some(n) = item.as_f64().filter(|n| n.is_finite()) {
            format!("{n}")
        } else if item.is_null() || item.is_undefined() {
            String::new()
        } else {
            return Err(wrong_value(
                "events",
                &format!("sessionIds[{i}]"),
                &item,
                "a session id (a string or a number), or null",
            ));
        };
        // Amplitude writes -1 for an event outside any session.
        ids.push(if text.trim().is_empty() || text.trim() == "-1" {
            u32::MAX
        } else {
            numbered.id(text.trim().as_bytes())
        });
    }
    Ok(ids)
}
