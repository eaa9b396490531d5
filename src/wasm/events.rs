//! The events exports: analyzeEvents (typed arrays or plain arrays, with
//! signup times) and analyzeEventsCsv.

use super::error::JsInputError;
use super::intrinsics;
use super::js_reader::{read_options, wrong_value};
use super::typed;
use super::typed_arrays::{self, check_lengths, file_bytes, Column};
use crate::events::{self, EventsAnalysis, EventsConfig, EventsOptions};
use tsify::Ts;
use wasm_bindgen::prelude::*;

/// Analyses raw usage events: one user id and one timestamp (ms since the epoch, UTC) per event,
/// in any order. Daily actives, stickiness, the L28 curve, cohort retention, growth accounting,
/// and `usageMetrics` / `adoptionData` ready for `analyze`. With `signups` (a signup time per
/// user, ids from the same id space as the events'), a user is new on their signup day and
/// cohorts are signup cohorts; without, a user is new at their first event.
#[wasm_bindgen(js_name = analyzeEvents)]
pub fn analyze_events(
    #[wasm_bindgen(unchecked_param_type = "Uint32Array | ArrayLike<number> | ArrayLike<string>")]
    user_ids: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | ArrayLike<number>")] timestamps: JsValue,
    options: Option<Ts<EventsOptions>>,
    #[wasm_bindgen(unchecked_param_type = "EventSignups | null")] signups: JsValue,
) -> Result<Ts<EventsAnalysis>, JsValue> {
    let raw = read_options(options, "events options")?;
    let config = EventsConfig::from_raw(&raw)?;
    let signup_arrays = signup_columns(&signups)?;
    // Every length is checked before anything is copied.
    let ids = Column::measure(&user_ids, "userIds", IDS_EXPECTED)?;
    let times = Column::measure(&timestamps, "timestamps", TIMES_EXPECTED)?;
    let signup_measured = match &signup_arrays {
        Some((i, t)) => Some((
            Column::measure(i, "signups.userIds", IDS_EXPECTED)?,
            Column::measure(t, "signups.timestamps", TIMES_EXPECTED)?,
        )),
        None => None,
    };
    check_lengths(&ids, &times, signup_measured.as_ref().map(|(i, t)| (i, t)))?;
    let (id_values, signup_ids) =
        typed_arrays::user_ids(&ids, signup_measured.as_ref().map(|(i, _)| i))?;
    let time_values = typed_arrays::timestamps(&times)?;
    let signup_times = match &signup_measured {
        Some((_, t)) => Some(typed_arrays::timestamps(t)?),
        None => None,
    };
    let signups = match (&signup_ids, &signup_times) {
        (Some(user_ids), Some(timestamps_ms)) => Some(events::Signups {
            user_ids,
            timestamps_ms,
        }),
        _ => None,
    };
    typed(&events::analyze_events_owned(
        id_values,
        time_values,
        signups.as_ref(),
        &config,
    )?)
}

const IDS_EXPECTED: &str = "a Uint32Array, or an array of numbers or strings";
const TIMES_EXPECTED: &str = "a Float64Array (or array) of milliseconds since the epoch";

/// The signups' two arrays, when signups are given: an object with
/// `userIds` and `timestamps`.
fn signup_columns(signups: &JsValue) -> Result<Option<(JsValue, JsValue)>, JsInputError> {
    if signups.is_undefined() || signups.is_null() {
        return Ok(None);
    }
    if !signups.is_object() || signups.is_function() {
        return Err(wrong_value(
            "events",
            "signups",
            signups,
            "{ userIds, timestamps }: a signup time per user, or nothing",
        ));
    }
    let get = |key: &str| {
        intrinsics::get_str(signups, key)
            .map_err(|thrown| JsInputError::thrown("events", &format!("signups.{key}"), thrown))
    };
    Ok(Some((get("userIds")?, get("timestamps")?)))
}

/// Analyses a CSV export of events (a user id and a timestamp per row; ISO-8601 or epoch seconds
/// or milliseconds), text or bytes. Unreadable rows are counted and reported by line.
#[wasm_bindgen(js_name = analyzeEventsCsv)]
pub fn analyze_events_csv(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer")] input: JsValue,
    options: Option<Ts<EventsOptions>>,
) -> Result<Ts<events::EventsCsvAnalysis>, JsValue> {
    let raw = read_options(options, "events options")?;
    let config = EventsConfig::from_raw(&raw)?;
    let Some(bytes) = file_bytes(&input, "events")? else {
        return Err(wrong_value(
            "events",
            "input",
            &input,
            "CSV text, or its bytes: a Uint8Array or an ArrayBuffer",
        )
        .into());
    };
    typed(&events::analyze_events_csv(&bytes, &config)?)
}
