//! The launch exports: checkLaunch and the sample plan.

use super::js_reader::{read_arg, read_options};
use super::typed;
use crate::launch::{self, LaunchOptions, LaunchPlan, LaunchReport};
use tsify::Ts;
use wasm_bindgen::prelude::*;

/// Checks a product launch plan as of `options.asOf` (the library reads no clock): the timeline,
/// every dependency (unknown names, loops, order), the critical path, each feature's messaging,
/// a coordination score with its derivation, success-metric targets, and the status (`ready`,
/// `needs_attention` or `blocked`) with the reasons that decided it and what to do. Throws a
/// `MarketValidationError` listing every problem when the plan or the options are invalid.
#[wasm_bindgen(js_name = checkLaunch)]
pub fn check_launch(
    plan: Ts<LaunchPlan>,
    options: Option<Ts<LaunchOptions>>,
) -> Result<Ts<LaunchReport>, JsValue> {
    let raw = read_arg(&plan.js_value(), "launch plan", "")?;
    let opts = read_options(options, "launch options")?;
    typed(&launch::check_launch(&raw, &opts)?)
}

/// The built-in sample launch plan (the original design's example, with its dependency on a
/// "Sales team training" milestone the plan does not have) and the options to check it with:
/// `checkLaunch(sample.plan, sample.options)`.
#[wasm_bindgen(
    js_name = sampleLaunchPlan,
    unchecked_return_type = "{ plan: LaunchPlan; options: LaunchOptions }"
)]
pub fn sample_launch_plan() -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(&format!(
        r#"{{"plan": {}, "options": {{"asOf": "{}"}}}}"#,
        launch::sample_plan_json(),
        launch::SAMPLE_AS_OF
    ))
}

/// Reviews a launch after the fact: each of the original design's success criteria (on time,
/// feature completion by launch, 25% customer adoption within 30 days, satisfaction) and the
/// plan's success metrics (feature usage, revenue) measured from the data given: `met`,
/// `not_met` or `not_yet_measurable` (with the day it will be), with the figure, its interval
/// and the data behind it. `options.events` are the usage events as `analyzeEvents` takes them
/// (`{ userIds, timestamps, eventNames }`) or an events export file as `analyzeEventsCsv` takes it
/// (text, a `Uint8Array` or an `ArrayBuffer`, read with `options.eventsOptions`; the result's
/// `eventsRead` says how), `options.featureEvents` which events mean each new feature was used,
/// `options.survey` an `analyzeSurvey` result. Throws a `MarketValidationError` listing every
/// problem.
#[cfg(feature = "events")]
#[wasm_bindgen(js_name = reviewLaunch)]
pub fn review_launch(
    plan: Ts<LaunchPlan>,
    options: Ts<launch::LaunchReviewOptions>,
) -> Result<Ts<launch::LaunchReview>, JsValue> {
    let raw = read_arg(&plan.js_value(), "launch plan", "")?;
    let options = options.js_value();
    // The event arrays are read as typed arrays; every other option as a loose value.
    let (opts, events) =
        super::js_reader::options_taking(&options, "events", "launch review options")?;
    let events = review_events(&events)?;
    let events = match &events {
        None => None,
        Some(ReviewEvents::Columns(columns)) => Some(launch::LaunchEvents::Columns(columns)),
        Some(ReviewEvents::Export(bytes)) => Some(launch::LaunchEvents::Export(bytes)),
    };
    typed(&launch::review_launch(&raw, &opts, events)?)
}

/// `options.events`, copied in: a file's bytes, or the arrays.
#[cfg(feature = "events")]
enum ReviewEvents {
    Columns(crate::events::EventColumns),
    Export(Vec<u8>),
}

#[cfg(feature = "events")]
fn review_events(value: &JsValue) -> Result<Option<ReviewEvents>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let path = "options.events";
    if let Some(bytes) = super::typed_arrays::file_bytes_at(value, "launch review events", path)? {
        return Ok(Some(ReviewEvents::Export(bytes)));
    }
    let (columns, _) = super::events::event_columns(value, path, "launch review events")?;
    Ok(Some(ReviewEvents::Columns(columns)))
}
