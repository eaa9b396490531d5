//! User research: analyzeUsability, from a usability tool's task table or a
//! survey tool's export (CSV text or bytes).

use super::js_reader::{read_options, wrong_value};
use super::typed;
use super::typed_arrays::file_bytes;
use crate::research::{self, UsabilityConfig, UsabilityOptions, UsabilityReport};
use tsify::Ts;
use wasm_bindgen::prelude::*;

/// Analyses a usability test from its export: a task table (participant, task, success, time;
/// the SEQ optional) and/or a survey with the System Usability Scale or UMUX-Lite. Each task's
/// completion rate with its Agresti–Coull interval, its time as a geometric mean with its
/// interval (successes only by default), its SEQ mean; the SUS mean with its t interval, grade,
/// percentile and adjective, and the scores' spread; every unused row by line; what was guessed
/// (the SUS version, its coding, the time unit) in `warnings`. Throws when the options are
/// invalid or the file holds no usability questions.
#[wasm_bindgen(js_name = analyzeUsability)]
pub fn analyze_usability(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer")] input: JsValue,
    options: Option<Ts<UsabilityOptions>>,
) -> Result<Ts<UsabilityReport>, JsValue> {
    let subject = "usability test";
    let raw = read_options(options, "usability options")?;
    let config = UsabilityConfig::from_raw(&raw)?;
    let Some(bytes) = file_bytes(&input, subject)? else {
        let expected = "a task table or a survey export: CSV text, or its bytes (a Uint8Array or an ArrayBuffer)";
        return Err(wrong_value(subject, "input", &input, expected).into());
    };
    typed(&research::analyze_usability(&bytes, &config)?)
}
