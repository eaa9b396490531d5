//! The events exports: analyzeEvents (typed arrays or plain arrays, with
//! signup times) and analyzeEventsCsv.

use super::js_reader::{describe_shallow, read_options};
use super::typed;
use super::typed_arrays::{csv_bytes, event_timestamps, user_id_arrays};
use crate::events::{self, EventsAnalysis, EventsConfig, EventsOptions};
use crate::{InputError, Problem};
use js_sys::{Object, Reflect};
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
    #[wasm_bindgen(unchecked_param_type = "EventSignups")] signups: Option<Object>,
) -> Result<Ts<EventsAnalysis>, JsValue> {
    let raw = read_options(options, "events options")?;
    let config = EventsConfig::from_raw(&raw)?;
    let signup_arrays = match &signups {
        Some(object) => {
            let get = |key: &str| Reflect::get(object, &JsValue::from_str(key)).unwrap_or_default();
            Some((get("userIds"), get("timestamps")))
        }
        None => None,
    };
    let (ids, signup_ids) = user_id_arrays(&user_ids, signup_arrays.as_ref().map(|s| &s.0))?;
    let times = event_timestamps(&timestamps, "timestamps")?;
    let signup_times = match &signup_arrays {
        Some((_, t)) => Some(event_timestamps(t, "signups.timestamps")?),
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
        ids,
        times,
        signups.as_ref(),
        &config,
    )?)
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
    let result = if let Some(text) = input.as_string() {
        events::analyze_events_csv(text.as_bytes(), &config)
    } else if let Some(bytes) = csv_bytes(&input) {
        events::analyze_events_csv(&bytes, &config)
    } else {
        Err(InputError::new(
            "events",
            vec![Problem::new(
                "input",
                describe_shallow(&input),
                "CSV text or a Uint8Array of CSV bytes",
            )],
        ))
    };
    typed(&result?)
}
