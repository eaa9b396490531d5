//! The survey exports: analyzeSurvey and compareSurveys, from CSV text or
//! bytes, or from answer arrays read item by item.

use super::js_reader::{describe_shallow, key_text, read_options};
use super::typed;
use super::typed_arrays::csv_bytes;
use crate::input::problem::join_path;
use crate::input::read::Shape;
use crate::survey::{
    self, AnswerValue, SurveyAnalysis, SurveyAnswers, SurveyComparison, SurveyConfig, SurveyOptions,
};
use crate::{InputError, Problem};
use js_sys::{Array, JsString, Object, Reflect};
use tsify::Ts;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

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

fn survey_config(options: Option<Ts<SurveyOptions>>) -> Result<SurveyConfig, InputError> {
    let raw = read_options(options, "survey options")?;
    SurveyConfig::from_raw(&raw)
}

/// One wave: CSV text, CSV bytes, or answer arrays.
fn survey_of(input: &JsValue, config: &SurveyConfig) -> Result<SurveyAnalysis, InputError> {
    if let Some(text) = input.as_string() {
        return survey::analyze_survey_csv(text.as_bytes(), config);
    }
    if let Some(bytes) = csv_bytes(input) {
        return survey::analyze_survey_csv(&bytes, config);
    }
    let answers = survey_answers(input)?;
    survey::analyze_survey_answers(&answers, config)
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
    let names: Vec<String> = keys.iter().filter_map(|k| k.as_string()).collect();
    Shape::fields(&["nps", "pmf", "csat", "segment", "features"], "").unknown_names(
        names.iter().map(String::as_str),
        "input",
        &mut problems,
    );
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
            .take(survey::MAX_FEATURE_COLUMNS)
        {
            let path = join_path("features", &key_text(&name));
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
