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
