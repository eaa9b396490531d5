//! The survey exports: analyzeSurvey and compareSurveys, from CSV text or
//! bytes, or from answer arrays read item by item.

use super::error::JsInputError;
use super::intrinsics;
use super::js_reader::{array_length, describe_shallow, key_text, read_options, wrong_value};
use super::typed;
use super::typed_arrays::file_bytes;
use crate::input::problem::{index_path, join_path};
use crate::input::read::Shape;
use crate::survey::{
    self, AnswerValue, SurveyAnalysis, SurveyAnswers, SurveyComparison, SurveyConfig, SurveyOptions,
};
use crate::{InputError, Problem};
use js_sys::JsString;
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
    let Some(options) = options else {
        return typed(&survey_of(&input, &SurveyConfig::default())?);
    };
    // The behaviour's event arrays are read as typed arrays; every other option as a loose value.
    let (raw, behaviour) =
        super::js_reader::options_taking(&options.js_value(), "behaviour", "survey options")?;
    let config = SurveyConfig::from_raw(&raw)?;
    if behaviour.is_undefined() || behaviour.is_null() {
        return typed(&survey_of(&input, &config)?);
    }
    joined(&input, &config, &behaviour)
}

/// The survey joined to the behaviour's events.
#[cfg(feature = "events")]
fn joined(
    input: &JsValue,
    config: &SurveyConfig,
    behaviour: &JsValue,
) -> Result<Ts<SurveyAnalysis>, JsValue> {
    let subject = "survey behaviour";
    let (events, texts) = super::events::event_columns(behaviour, "options.behaviour", subject)?;
    let behaviour = survey::Behaviour {
        events: &events,
        id_texts: texts.as_deref(),
    };
    if let Some(bytes) = file_bytes(input, "survey")? {
        return typed(&survey::analyze_survey_csv_with_behaviour(
            &bytes, config, &behaviour,
        )?);
    }
    let answers = survey_answers(input)?;
    typed(&survey::analyze_survey_answers_with_behaviour(
        &answers, config, &behaviour,
    )?)
}

/// Without the events part, behaviour cannot be read.
#[cfg(not(feature = "events"))]
fn joined(_: &JsValue, _: &SurveyConfig, _: &JsValue) -> Result<Ts<SurveyAnalysis>, JsValue> {
    Err(JsInputError::problem(
        "survey options",
        "options.behaviour",
        "usage events",
        "no behaviour: this build of the package has no events part",
    )
    .into())
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
    // Which wave was wrong is the first thing to know.
    let wave = |name: &str| {
        let subject = format!("survey ({name})");
        move |mut e: JsInputError| {
            e.error.subject = subject;
            e
        }
    };
    let first = survey_of(&before, &config).map_err(wave("before"))?;
    let second = survey_of(&after, &config).map_err(wave("after"))?;
    typed(&survey::compare(first, second, &config))
}

fn survey_config(options: Option<Ts<SurveyOptions>>) -> Result<SurveyConfig, JsInputError> {
    let raw = read_options(options, "survey options")?;
    Ok(SurveyConfig::from_raw(&raw)?)
}

/// One wave: CSV text or bytes, or answer arrays.
fn survey_of(input: &JsValue, config: &SurveyConfig) -> Result<SurveyAnalysis, JsInputError> {
    if let Some(bytes) = file_bytes(input, "survey")? {
        return Ok(survey::analyze_survey_csv(&bytes, config)?);
    }
    let answers = survey_answers(input)?;
    Ok(survey::analyze_survey_answers(&answers, config)?)
}

/// Longest answer text read from an array.
const MAX_ANSWER_CHARS: usize = 200;

/// Most answers read from all the arrays of one survey together: well
/// beyond any survey, and far below what would exhaust a tab's memory.
pub const MAX_SURVEY_ANSWERS: usize = 10_000_000;

const COLUMNS: [&str; 7] = ["nps", "pmf", "csat", "segment", "user", "date", "features"];
/// The keys of single arrays (all but `features`).
const SINGLE: usize = 6;

/// Reads `{ nps, pmf, csat, segment, user, date, features }` arrays (no 1,000-entry
/// limit here: a survey has as many answers as respondents). Every array is
/// measured, and the answers counted against [`MAX_SURVEY_ANSWERS`], before
/// any answer is read.
fn survey_answers(input: &JsValue) -> Result<SurveyAnswers, JsInputError> {
    let expected =
        "CSV text, its bytes (a Uint8Array or an ArrayBuffer), or { nps, pmf, csat, segment, features } arrays";
    let object_like =
        input.is_object() && !input.is_function() && intrinsics::typed_array(input).is_none();
    let is_array =
        intrinsics::is_array(input).map_err(|t| JsInputError::thrown("survey", "input", t))?;
    if !object_like || is_array {
        return Err(wrong_value("survey", "input", input, expected));
    }
    let mut problems = Vec::new();
    let keys = intrinsics::keys(input).map_err(|t| JsInputError::thrown("survey", "input", t))?;
    let names: Vec<String> = keys.iter().filter_map(|k| k.as_string()).collect();
    Shape::fields(&COLUMNS, "").unknown_names(
        names.iter().map(String::as_str),
        "input",
        &mut problems,
    );
    let get = |object: &JsValue, key: &JsValue, path: &str| {
        intrinsics::get(object, key).map_err(|t| JsInputError::thrown("survey", path, t))
    };
    // Each column measured: (path, array, length).
    let mut columns: Vec<(String, JsValue, usize)> = Vec::new();
    let mut feature_names: Vec<String> = Vec::new();
    for key in &COLUMNS[..SINGLE] {
        let value = get(input, &JsValue::from_str(key), key)?;
        if let Some(len) = measure(key, &value, &mut problems)? {
            columns.push((key.to_string(), value, len));
        }
    }
    let features = get(input, &JsValue::from_str("features"), "features")?;
    let features_array = features.is_object()
        && intrinsics::is_array(&features)
            .map_err(|t| JsInputError::thrown("survey", "features", t))?;
    if features.is_object() && !features_array {
        let names = intrinsics::keys(&features)
            .map_err(|t| JsInputError::thrown("survey", "features", t))?;
        for name in names
            .iter()
            .filter_map(|k| k.dyn_into::<JsString>().ok())
            .take(survey::MAX_FEATURE_COLUMNS)
        {
            let feature = key_text(&name);
            let path = join_path("features", &feature);
            let value = get(&features, &name, &path)?;
            if let Some(len) = measure(&path, &value, &mut problems)? {
                columns.push((path, value, len));
                feature_names.push(feature);
            }
        }
    } else if !features.is_undefined() && !features.is_null() {
        problems.push(Problem::new(
            "features",
            describe_shallow(&features)
                .map_err(|t| JsInputError::thrown("survey", "features", t))?,
            "an object of feature name -> array of 1..5 ratings",
        ));
    }
    // Summed as u64: on wasm32 a few arrays of 2^32 - 1 items would wrap a usize.
    let total: u64 = columns.iter().map(|(_, _, len)| *len as u64).sum();
    if total > MAX_SURVEY_ANSWERS as u64 {
        problems.push(Problem::new(
            "input",
            format!("{total} answers in all"),
            format!("at most {MAX_SURVEY_ANSWERS} answers in all the arrays together; pass a big survey as a CSV file"),
        ));
    }
    if !problems.is_empty() {
        return Err(InputError::new("survey", problems).into());
    }
    let mut answers = SurveyAnswers::default();
    let mut features = feature_names.into_iter();
    for (path, array, len) in columns {
        let values = (0..len)
            .map(|i| {
                intrinsics::get_index(&array, i as u32)
                    .map(|item| answer_value(&item))
                    .map_err(|t| JsInputError::thrown("survey", &index_path(&path, i), t))
            })
            .collect::<Result<Vec<_>, _>>()?;
        match path.as_str() {
            "nps" => answers.nps = Some(values),
            "pmf" => answers.pmf = Some(values),
            "csat" => answers.csat = Some(values),
            "segment" => answers.segment = Some(values),
            "user" => answers.user = Some(values),
            "date" => answers.date = Some(values),
            _ => answers
                .features
                .extend(features.next().map(|name| (name, values))),
        }
    }
    Ok(answers)
}

/// The length of an answer array at `path` (`None` when it is absent or
/// is no array, which is a problem).
fn measure(
    path: &str,
    value: &JsValue,
    problems: &mut Vec<Problem>,
) -> Result<Option<usize>, JsInputError> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let thrown = |t| JsInputError::thrown("survey", path, t);
    if intrinsics::typed_array(value).is_none() && intrinsics::is_array(value).map_err(thrown)? {
        if let Some(len) = array_length(value).map_err(thrown)? {
            return Ok(Some(len));
        }
    }
    problems.push(Problem::new(
        path,
        describe_shallow(value).map_err(thrown)?,
        "an array of answers",
    ));
    Ok(None)
}

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
