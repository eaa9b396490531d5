//! JavaScript bindings: the only code that knows about wasm-bindgen.
//!
//! Every export takes its input as a JS handle (`Ts<T>` or `JsValue`), reads
//! it into the core's loose [`RawValue`] with the size limits applied, and
//! returns `Result<_, JsValue>` whose error is a real JS `Error` carrying the
//! structured `problems`. Nothing derived from input can panic here: a panic
//! under `panic = "abort"` would trap and kill the module for the page.

use crate::analyzer::catalog::{presets as preset_catalog, PresetInfo};
use crate::analyzer::model::ProductData;
use crate::analyzer::options::AnalyzeOptions;
use crate::analyzer::result::ValidationResult;
use crate::events::{self, EventsAnalysis, EventsConfig, EventsOptions};
use crate::input::raw::{
    RawValue, MAX_DEPTH, MAX_ENTRIES, MAX_KEY_CHARS, MAX_STRING_CHARS, MAX_VALUES,
};
use crate::launch::{self, LaunchOptions, LaunchPlan, LaunchReport};
use crate::survey::SurveyComparison;
use crate::survey::{
    self, AnswerValue, SurveyAnalysis, SurveyAnswers, SurveyConfig, SurveyOptions,
};
use crate::{Analyzer, InputError, Problem, ValidationReport};
use js_sys::{Array, JsString, Object, Reflect};
use serde::Serialize;
use tsify::Ts;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

// The hand-written declarations (string unions, the error type, the shapes
// of untyped arguments), appended to wasm-bindgen's generated .d.ts.
#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = include_str!("types.d.ts");

/// Scores one product. Throws a `MarketValidationError` listing every problem when the data or
/// the options are invalid.
#[wasm_bindgen]
pub fn analyze(
    data: Ts<ProductData>,
    options: Option<Ts<AnalyzeOptions>>,
) -> Result<Ts<ValidationResult>, JsValue> {
    let raw = read_arg(&data.js_value(), "product data")?;
    let opts = read_options(options, "options")?;
    let result = crate::analyze(&raw, &opts).map_err(to_js_error)?;
    typed(&result)
}

/// Scores a portfolio in one call: one entry per product, `{ ok: true, result }` or
/// `{ ok: false, error }`, so one bad product does not fail the rest. Throws only when the
/// options are invalid or `products` is not an array.
#[wasm_bindgen(js_name = analyzeMany, unchecked_return_type = "PortfolioEntry[]")]
pub fn analyze_many(
    #[wasm_bindgen(unchecked_param_type = "ProductData[]")] products: JsValue,
    options: Option<Ts<AnalyzeOptions>>,
) -> Result<JsValue, JsValue> {
    let opts = read_options(options, "options")?;
    let analyzer = Analyzer::from_options(&opts).map_err(to_js_error)?;
    let Some(items) = products.dyn_ref::<Array>() else {
        return Err(to_js_error(InputError::new(
            "portfolio",
            vec![Problem::new(
                "products",
                describe_shallow(&products),
                "an array of product data",
            )],
        )));
    };
    let count = items.length() as usize;
    if count > crate::MAX_PORTFOLIO {
        return Err(to_js_error(InputError::new(
            "portfolio",
            vec![Problem::new(
                "products",
                format!("an array of {count} products"),
                format!("at most {} products", crate::MAX_PORTFOLIO),
            )],
        )));
    }
    let out = Array::new_with_length(items.length());
    for (index, item) in items.iter().enumerate() {
        let entry = Object::new();
        set(&entry, "index", &JsValue::from(index as u32))?;
        let outcome = match read_arg(&item, "product data") {
            Ok(raw) => analyzer.analyze(&raw).map_err(to_js_error),
            Err(e) => Err(e),
        };
        match outcome {
            Ok(result) => {
                set(&entry, "ok", &JsValue::TRUE)?;
                set(&entry, "result", &to_js(&result)?)?;
            }
            Err(e) => {
                // The same message and problems a thrown error would carry.
                let error = Object::new();
                set(
                    &error,
                    "message",
                    &Reflect::get(&e, &JsValue::from_str("message"))?,
                )?;
                set(
                    &error,
                    "problems",
                    &Reflect::get(&e, &JsValue::from_str("problems"))?,
                )?;
                set(&entry, "ok", &JsValue::FALSE)?;
                set(&entry, "error", &error)?;
            }
        }
        out.set(index as u32, entry.into());
    }
    Ok(out.into())
}

/// Checks product data without scoring it: every problem and warning, nothing thrown. For forms
/// that flag invalid values as they are typed.
#[wasm_bindgen]
pub fn validate(data: Ts<ProductData>) -> Result<Ts<ValidationReport>, JsValue> {
    typed(&crate::validate(&read_arg(
        &data.js_value(),
        "product data",
    )?))
}

/// Analyses raw survey answers: a CSV export (text or bytes) or arrays. NPS, the Sean Ellis test
/// and CSAT with confidence intervals, feature ratings, segments, every unused row by line, and
/// `surveyData` ready for `analyze`. Throws when the options are invalid or nothing is usable.
#[wasm_bindgen(js_name = analyzeSurvey)]
pub fn analyze_survey(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer | SurveyAnswers")]
    input: JsValue,
    options: Option<Ts<SurveyOptions>>,
) -> Result<Ts<SurveyAnalysis>, JsValue> {
    let config = survey_config(options)?;
    typed(&survey_of(&input, &config)?)
}

/// Compares two survey waves (each a CSV export or arrays): the change in NPS, in the Sean Ellis
/// share and in CSAT, each with an interval and whether it is distinguishable from no change.
#[wasm_bindgen(js_name = compareSurveys)]
pub fn compare_surveys(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer | SurveyAnswers")]
    before: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer | SurveyAnswers")]
    after: JsValue,
    options: Option<Ts<SurveyOptions>>,
) -> Result<Ts<SurveyComparison>, JsValue> {
    let config = survey_config(options)?;
    let first = survey_of(&before, &config)?;
    let second = survey_of(&after, &config)?;
    typed(&survey::compare(first, second, &config))
}

fn survey_config(options: Option<Ts<SurveyOptions>>) -> Result<SurveyConfig, JsValue> {
    let raw = read_options(options, "survey options")?;
    SurveyConfig::from_raw(&raw).map_err(to_js_error)
}

fn survey_of(input: &JsValue, config: &SurveyConfig) -> Result<SurveyAnalysis, JsValue> {
    if let Some(text) = input.as_string() {
        return survey::analyze_survey_csv(text.as_bytes(), config).map_err(to_js_error);
    }
    if let Some(bytes) = csv_bytes(input) {
        return survey::analyze_survey_csv(&bytes, config).map_err(to_js_error);
    }
    let answers = survey_answers(input).map_err(to_js_error)?;
    survey::analyze_survey_answers(&answers, config).map_err(to_js_error)
}

/// The bytes of a `Uint8Array` or an `ArrayBuffer` (from `File.arrayBuffer()`),
/// copied into wasm memory in one block.
fn csv_bytes(input: &JsValue) -> Option<Vec<u8>> {
    if let Some(bytes) = input.dyn_ref::<js_sys::Uint8Array>() {
        return Some(bytes.to_vec());
    }
    input
        .dyn_ref::<js_sys::ArrayBuffer>()
        .map(|buffer| js_sys::Uint8Array::new(buffer).to_vec())
}

/// Reads `{ nps, pmf, csat, segment, features }` arrays item by item (no
/// 1,000-entry limit here: a survey has as many answers as respondents).
fn survey_answers(input: &JsValue) -> Result<SurveyAnswers, InputError> {
    let wrong = |path: &str, value: String, expected: &str| {
        InputError::new("survey", vec![Problem::new(path, value, expected)])
    };
    let Some(object) = input
        .dyn_ref::<Object>()
        .filter(|_| !Array::is_array(input))
    else {
        return Err(wrong(
            "input",
            describe_shallow(input),
            "CSV text, a Uint8Array of CSV bytes, or { nps, pmf, csat, segment, features } arrays",
        ));
    };
    let mut problems = Vec::new();
    let keys = Reflect::own_keys(object).unwrap_or_else(|_| Array::new());
    for key in keys.iter().filter_map(|k| k.as_string()) {
        if !["nps", "pmf", "csat", "segment", "features"].contains(&key.as_str()) {
            problems.push(Problem::new(
                crate::input::problem::join_path("input", &key),
                "an unknown field",
                "one of nps, pmf, csat, segment, features",
            ));
        }
    }
    let column =
        |key: &str, value: JsValue, problems: &mut Vec<Problem>| -> Option<Vec<AnswerValue>> {
            if value.is_undefined() || value.is_null() {
                return None;
            }
            let Some(items) = value.dyn_ref::<Array>() else {
                problems.push(Problem::new(
                    key,
                    describe_shallow(&value),
                    "an array of answers",
                ));
                return None;
            };
            if items.length() as usize > MAX_SURVEY_ANSWERS {
                problems.push(Problem::new(
                    key,
                    format!("an array of {} answers", items.length()),
                    format!("at most {MAX_SURVEY_ANSWERS} answers"),
                ));
                return None;
            }
            Some(items.iter().map(|item| answer_value(&item)).collect())
        };
    let get =
        |key: &str| Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    let mut answers = SurveyAnswers {
        nps: column("nps", get("nps"), &mut problems),
        pmf: column("pmf", get("pmf"), &mut problems),
        csat: column("csat", get("csat"), &mut problems),
        segment: column("segment", get("segment"), &mut problems),
        features: Vec::new(),
    };
    let features = get("features");
    if let Some(map) = features
        .dyn_ref::<Object>()
        .filter(|_| !Array::is_array(&features))
    {
        let names = Reflect::own_keys(map).unwrap_or_else(|_| Array::new());
        for name in names
            .iter()
            .filter_map(|k| k.dyn_into::<JsString>().ok())
            .take(survey::options::MAX_FEATURE_COLUMNS)
        {
            let path = crate::input::problem::join_path("features", &key_text(&name));
            let value = Reflect::get(map, &name).unwrap_or(JsValue::UNDEFINED);
            if let Some(values) = column(&path, value, &mut problems) {
                answers.features.push((key_text(&name), values));
            }
        }
    } else if !features.is_undefined() && !features.is_null() {
        problems.push(Problem::new(
            "features",
            describe_shallow(&features),
            "an object of feature name -> array of 1..5 ratings",
        ));
    }
    if problems.is_empty() {
        Ok(answers)
    } else {
        Err(InputError::new("survey", problems))
    }
}

/// Longest answer text read from an array.
const MAX_ANSWER_CHARS: usize = 200;

/// Most answers read from one array: well beyond any survey, and far below
/// what would exhaust a tab's memory.
const MAX_SURVEY_ANSWERS: usize = 10_000_000;

fn answer_value(item: &JsValue) -> AnswerValue {
    if item.is_undefined() || item.is_null() {
        AnswerValue::Blank
    } else if let Some(n) = item.as_f64() {
        AnswerValue::Number(n)
    } else if let Some(s) = item.dyn_ref::<JsString>() {
        // Answers and segment names are short; a long string is no answer,
        // and is not copied into wasm memory (10M of them could fill it).
        if s.length() as usize > MAX_ANSWER_CHARS {
            AnswerValue::Other("a text longer than 200 characters")
        } else {
            AnswerValue::Text(String::from(s))
        }
    } else if item.as_bool().is_some() {
        AnswerValue::Other("a boolean")
    } else {
        AnswerValue::Other("an object")
    }
}

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
    let config = EventsConfig::from_raw(&raw).map_err(to_js_error)?;
    let signup_arrays = match &signups {
        Some(object) => {
            let get = |key: &str| Reflect::get(object, &JsValue::from_str(key)).unwrap_or_default();
            Some((get("userIds"), get("timestamps")))
        }
        None => None,
    };
    let (ids, signup_ids) =
        user_id_arrays(&user_ids, signup_arrays.as_ref().map(|s| &s.0)).map_err(to_js_error)?;
    let times = event_timestamps(&timestamps, "timestamps").map_err(to_js_error)?;
    let signup_times = match &signup_arrays {
        Some((_, t)) => Some(event_timestamps(t, "signups.timestamps").map_err(to_js_error)?),
        None => None,
    };
    let signups = match (&signup_ids, &signup_times) {
        (Some(user_ids), Some(timestamps_ms)) => Some(events::Signups {
            user_ids,
            timestamps_ms,
        }),
        _ => None,
    };
    typed(
        &events::analyze_events_owned(ids, times, signups.as_ref(), &config)
            .map_err(to_js_error)?,
    )
}

/// Analyses a CSV export of events (a user id and a timestamp per row; ISO-8601 or epoch seconds
/// or milliseconds), text or bytes. Unreadable rows are counted and reported by line.
#[wasm_bindgen(js_name = analyzeEventsCsv)]
pub fn analyze_events_csv(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer")] input: JsValue,
    options: Option<Ts<EventsOptions>>,
) -> Result<Ts<events::EventsCsvAnalysis>, JsValue> {
    let raw = read_options(options, "events options")?;
    let config = EventsConfig::from_raw(&raw).map_err(to_js_error)?;
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
    typed(&result.map_err(to_js_error)?)
}

/// User ids of the events and of the signups as dense u32s, in one id
/// space: numbers are kept when every id on both sides is a whole number
/// (a Uint32Array is copied in one block); otherwise every id is interned as
/// text in order of first appearance, so 7 and "7" are the same user.
fn user_id_arrays(
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
            let mut interned: std::collections::HashMap<String, u32> =
                std::collections::HashMap::new();
            let e = interned_ids(events, &mut interned);
            let s = signups.map(|s| interned_ids(s, &mut interned));
            Ok((e, s))
        }
    }
}

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

/// Ids interned as text; `numeric_ids` has checked every item.
fn interned_ids(
    value: &JsValue,
    interned: &mut std::collections::HashMap<String, u32>,
) -> Vec<u32> {
    let mut intern = |key: String| {
        let next = interned.len() as u32;
        *interned.entry(key).or_insert(next)
    };
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

fn event_timestamps(value: &JsValue, path: &str) -> Result<Vec<f64>, InputError> {
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
    let raw = read_arg(&plan.js_value(), "launch plan")?;
    let opts = read_options(options, "launch options")?;
    typed(&launch::check_launch(&raw, &opts).map_err(to_js_error)?)
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

/// The benchmark presets: weights, curve points and their sources.
#[wasm_bindgen(unchecked_return_type = "PresetInfo[]")]
pub fn presets() -> Result<JsValue, JsValue> {
    let all: Vec<PresetInfo> = preset_catalog();
    to_js(&all)
}

/// A JSON Schema (draft 2020-12) of the product data, with ranges and units, for form builders.
#[wasm_bindgen(unchecked_return_type = "JsonSchema")]
pub fn schema() -> Result<JsValue, JsValue> {
    to_js(&crate::analyzer::schema::product_schema())
}

/// The built-in sample product: the AI-database company of the original strategy documents.
#[wasm_bindgen(js_name = sampleProduct)]
pub fn sample_product() -> Result<Ts<ProductData>, JsValue> {
    typed(&crate::analyzer::sample_product())
}

/// The library's version, e.g. "0.1.0".
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// Serializes to a plain JS value: maps as plain objects, `None` left out.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    value.serialize(&serializer).map_err(|e| {
        JsValue::from(js_sys::Error::new(&format!(
            "could not build the result: {e}"
        )))
    })
}

fn typed<T: tsify::Tsify + Serialize>(value: &T) -> Result<Ts<T>, JsValue> {
    to_js(value).map(Ts::new_unchecked)
}

fn set(target: &Object, key: &str, value: &JsValue) -> Result<(), JsValue> {
    Reflect::set(target, &JsValue::from_str(key), value).map(|_| ())
}

/// A JS `Error` named "InputError" with `subject` and `problems` attached.
fn to_js_error(err: InputError) -> JsValue {
    let error = js_sys::Error::new(&err.to_string());
    error.set_name("InputError");
    let _ = set(&error, "subject", &JsValue::from_str(&err.subject));
    if let Ok(problems) = to_js(&err.problems) {
        let _ = set(&error, "problems", &problems);
    }
    error.into()
}

/// Reads a JS argument into a [`RawValue`] with every limit applied: sizes
/// and depth per value, and [`MAX_VALUES`] in all, so no input (shared
/// references and cycles included) can cause unbounded work or memory.
fn read_arg(value: &JsValue, subject: &str) -> Result<RawValue, JsValue> {
    let mut reader = JsReader {
        budget: MAX_VALUES,
        ancestors: Vec::new(),
    };
    let raw = reader.read(value, 0);
    if reader.budget == 0 {
        return Err(to_js_error(InputError::new(
            subject,
            vec![Problem::new(
                "input",
                format!("more than {MAX_VALUES} values in all"),
                format!(
                    "at most {MAX_VALUES} values (maps hold at most {MAX_ENTRIES} entries each; \
                     check for an object that refers to itself)"
                ),
            )],
        )));
    }
    Ok(raw)
}

/// State of one read: the values left to read and the objects on the path
/// from the root (to recognise a cycle).
struct JsReader {
    budget: usize,
    ancestors: Vec<JsValue>,
}

impl JsReader {
    fn read(&mut self, value: &JsValue, depth: usize) -> RawValue {
        if self.budget == 0 {
            return RawValue::TooLarge {
                kind: "input",
                len: MAX_VALUES,
            };
        }
        self.budget -= 1;
        if value.is_undefined() {
            return RawValue::Undefined;
        }
        if value.is_null() {
            return RawValue::Null;
        }
        if let Some(b) = value.as_bool() {
            return RawValue::Bool(b);
        }
        if let Some(n) = value.as_f64() {
            return RawValue::Number(n);
        }
        if let Some(big) = value.dyn_ref::<js_sys::BigInt>() {
            // Read a BigInt by its decimal text: exact up to 2^53, rounded beyond.
            let text = big.to_string(10).map(String::from).unwrap_or_default();
            return RawValue::Number(text.parse::<f64>().unwrap_or(f64::NAN));
        }
        if let Some(s) = value.dyn_ref::<JsString>() {
            let len = s.length() as usize;
            if len > MAX_STRING_CHARS {
                return RawValue::TooLarge {
                    kind: "string",
                    len,
                };
            }
            return RawValue::String(String::from(s));
        }
        if value.is_function() {
            return RawValue::Unsupported("a function".into());
        }
        if value.is_symbol() {
            return RawValue::Unsupported("a symbol".into());
        }
        if depth > MAX_DEPTH {
            return RawValue::TooDeep;
        }
        if self.ancestors.iter().any(|a| Object::is(a, value)) {
            return RawValue::Unsupported("a circular reference".into());
        }
        if value.is_instance_of::<js_sys::Date>() {
            return RawValue::Unsupported("a Date".into());
        }
        if js_sys::ArrayBuffer::is_view(value) || value.is_instance_of::<js_sys::ArrayBuffer>() {
            return RawValue::Unsupported("binary data (a typed array or ArrayBuffer)".into());
        }
        self.ancestors.push(value.clone());
        let raw = self.read_container(value, depth);
        self.ancestors.pop();
        raw
    }

    fn read_container(&mut self, value: &JsValue, depth: usize) -> RawValue {
        if let Some(array) = value.dyn_ref::<Array>() {
            let len = array.length() as usize;
            if len > MAX_ENTRIES {
                return RawValue::TooLarge { kind: "array", len };
            }
            return RawValue::Array(
                array
                    .iter()
                    .map(|item| self.read(&item, depth + 1))
                    .collect(),
            );
        }
        if let Some(map) = value.dyn_ref::<js_sys::Map>() {
            let len = map.size() as usize;
            if len > MAX_ENTRIES {
                return RawValue::TooLarge {
                    kind: "object",
                    len,
                };
            }
            let mut entries = Vec::with_capacity(len);
            map.for_each(&mut |v, k| {
                let key = match k.dyn_ref::<JsString>() {
                    Some(name) => key_text(name),
                    None => RawValue::Number(k.as_f64().unwrap_or(f64::NAN)).describe(),
                };
                entries.push((key, self.read(&v, depth + 1)));
            });
            return RawValue::Object(entries);
        }
        let Some(object) = value.dyn_ref::<Object>() else {
            return RawValue::Unsupported("a value of an unsupported type".into());
        };
        // Reflect.ownKeys is a catching import: a Proxy that throws becomes a
        // problem here instead of an exception through the wasm frames.
        let Ok(keys) = Reflect::own_keys(object) else {
            return RawValue::Unsupported("an object whose keys could not be read".into());
        };
        let names: Vec<JsString> = keys
            .iter()
            .filter_map(|k| k.dyn_into::<JsString>().ok())
            .collect();
        if names.len() > MAX_ENTRIES {
            return RawValue::TooLarge {
                kind: "object",
                len: names.len(),
            };
        }
        let mut entries = Vec::with_capacity(names.len());
        for name in names {
            let item = match Reflect::get(object, &name) {
                Ok(v) => self.read(&v, depth + 1),
                Err(_) => RawValue::Unsupported("a property that threw when read".into()),
            };
            entries.push((key_text(&name), item));
        }
        RawValue::Object(entries)
    }
}

/// A key as text, cut to [`MAX_KEY_CHARS`] before it is copied into wasm
/// memory (the same cut `raw::limit_key` makes for JSON).
fn key_text(name: &JsString) -> String {
    if name.length() as usize > MAX_KEY_CHARS {
        format!("{}…", String::from(name.slice(0, MAX_KEY_CHARS as u32)))
    } else {
        String::from(name)
    }
}

/// Reads an optional options argument (absent = no options).
fn read_options<T: tsify::Tsify>(
    options: Option<Ts<T>>,
    subject: &str,
) -> Result<RawValue, JsValue> {
    match options {
        Some(o) => read_arg(&o.js_value(), subject),
        None => Ok(RawValue::Undefined),
    }
}

/// A one-level description of a value, for the "not an array" message.
fn describe_shallow(value: &JsValue) -> String {
    if value.is_object() {
        return "an object".into();
    }
    let mut reader = JsReader {
        budget: 1,
        ancestors: Vec::new(),
    };
    reader.read(value, 0).describe()
}
