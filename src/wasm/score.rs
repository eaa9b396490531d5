//! The score part's exports: analyze, analyzeMany, validate, and the
//! descriptions of the model (presets, schema, the sample product).

use super::error::JsInputError;
use super::intrinsics;
use super::js_reader::{
    array_length, describe_shallow, options_taking, read_arg, read_options, wrong_value,
};
use super::{set, static_values, to_js, typed};
use crate::analyzer::benchmarks::Source;
use crate::analyzer::catalog::{presets as preset_catalog, PresetInfo};
use crate::analyzer::model::ProductData;
use crate::analyzer::options::AnalyzeOptions;
use crate::analyzer::pipeline::portfolio_sources;
use crate::analyzer::result::ProductSummary;
use crate::analyzer::result::ValidationResult;
use crate::{Analyzer, InputError, Problem, RawValue, ValidationReport};
use js_sys::Array;
use tsify::Ts;
use wasm_bindgen::prelude::*;

// The hand-written declarations of the scoring part's untyped results.
#[wasm_bindgen(typescript_custom_section)]
const SCORE_TS_TYPES: &'static str = include_str!("score_types.d.ts");

/// Scores one product. Throws a `MarketValidationError` listing every problem when the data or
/// the options are invalid.
#[wasm_bindgen]
pub fn analyze(
    data: Ts<ProductData>,
    options: Option<Ts<AnalyzeOptions>>,
) -> Result<Ts<ValidationResult>, JsValue> {
    let raw = read_arg(&data.js_value(), "product data", "")?;
    let opts = read_options(options, "options")?;
    let result = crate::analyze(&raw, &opts)?;
    typed(&result)
}

/// Scores one product given as JSON text (`options` too), returning the result as JSON text:
/// the same result as `analyze`, for callers that hold JSON already (a request body, a file)
/// and skip building and walking JavaScript objects on both sides. Throws a
/// `MarketValidationError` listing every problem, as `analyze` does.
#[wasm_bindgen(js_name = analyzeJson)]
pub fn analyze_json(
    #[wasm_bindgen(unchecked_param_type = "string")] data: JsValue,
    // Typed as a string for TypeScript; what was given is checked below.
    options: Option<js_sys::JsString>,
) -> Result<js_sys::JsString, JsValue> {
    let data = json_text(&data, "product data", "input")?;
    let options = match options {
        Some(o) if !o.is_undefined() && !o.is_null() => Some(json_text(&o, "options", "options")?),
        _ => None,
    };
    let text = crate::analyzer::pipeline::analyze_json_utf8(&data, options.as_deref())?;
    Ok(intrinsics::js_string_of_utf8(&text))
}

/// Longest JSON text `analyzeJson` reads, in UTF-16 units: 4 Mi, two thousand times a full
/// product's data (its parse then stays within a few hundred MB), checked before the text is
/// copied into wasm memory.
const MAX_JSON_CHARS: u32 = 4 * 1024 * 1024;

/// A JSON argument's text, its length checked before it is copied.
fn json_text(value: &JsValue, subject: &str, path: &str) -> Result<String, JsInputError> {
    let Some(text) = value.dyn_ref::<js_sys::JsString>() else {
        return Err(wrong_value(subject, path, value, "JSON text (a string)"));
    };
    if text.length() > MAX_JSON_CHARS {
        return Err(JsInputError::problem(
            subject,
            path,
            format!("a text of {} characters", text.length()),
            format!("at most {MAX_JSON_CHARS} characters of JSON"),
        ));
    }
    Ok(intrinsics::string_of(text))
}

/// Scores a portfolio in one call: one entry per product, `{ ok: true, result }` or
/// `{ ok: false, error }`, so one bad product does not fail the rest. With
/// `options.detail` `"summary"`, each result is the score, interval, verdict and dimension
/// scores only (several times faster), and the sources they cite come once:
/// `{ results, sources }`. Throws only when the options are invalid or `products` is not an
/// array.
#[wasm_bindgen(
    js_name = analyzeMany,
    unchecked_return_type = "PortfolioEntry[] | PortfolioSummary"
)]
pub fn analyze_many(
    #[wasm_bindgen(unchecked_param_type = "ProductData[]")] products: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "AnalyzeManyOptions | null")] options: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    let (analyzer, detail) = portfolio_options(&options.unwrap_or(JsValue::UNDEFINED))?;
    let count = portfolio_size(&products)?;
    match detail {
        Detail::Full => full_results(&analyzer, &products, count),
        Detail::Summary => summaries(&analyzer, &products, count),
    }
}

/// Each product's entry built as soon as it is scored: a whole result is
/// large, and a portfolio's worth held at once would be many times that.
fn full_results(analyzer: &Analyzer, products: &JsValue, count: usize) -> Result<JsValue, JsValue> {
    let out = Array::new_with_length(count as u32);
    for index in 0..count {
        let outcome = portfolio_item(products, index)
            .and_then(|raw| analyzer.analyze(&raw).map_err(JsInputError::from));
        let value = to_js(&Entry::of(index, outcome.as_ref()))?;
        if let Err(e) = &outcome {
            set_cause(&value, e)?;
        }
        out.set(index as u32, value);
    }
    Ok(out.into())
}

/// Every summary built into JS in one go: they are small, and one crossing
/// for the portfolio costs less than one per product.
fn summaries(analyzer: &Analyzer, products: &JsValue, count: usize) -> Result<JsValue, JsValue> {
    #[derive(serde::Serialize)]
    struct Summaries<'a> {
        results: Vec<Entry<'a, ProductSummary>>,
        sources: Vec<Source>,
    }
    let outcomes: Vec<Result<ProductSummary, JsInputError>> = (0..count)
        .map(|index| {
            portfolio_item(products, index)
                .and_then(|raw| analyzer.summarize(&raw).map_err(JsInputError::from))
        })
        .collect();
    let value = to_js(&Summaries {
        results: outcomes
            .iter()
            .enumerate()
            .map(|(index, outcome)| Entry::of(index, outcome.as_ref()))
            .collect(),
        sources: portfolio_sources(outcomes.iter().filter_map(|o| o.as_ref().ok())),
    })?;
    let mut results = None;
    for (index, outcome) in outcomes.iter().enumerate() {
        if let Err(e @ JsInputError { cause: Some(_), .. }) = outcome {
            let results = match &results {
                Some(results) => results,
                None => results.insert(js_sys::Reflect::get(&value, &"results".into())?),
            };
            set_cause(&js_sys::Reflect::get_u32(results, index as u32)?, e)?;
        }
    }
    Ok(value)
}

/// Product `index` of the portfolio, read.
fn portfolio_item(products: &JsValue, index: usize) -> Result<RawValue, JsInputError> {
    intrinsics::get_index(products, index as u32)
        .map_err(|t| JsInputError::thrown("portfolio", &format!("products[{index}]"), t))
        .and_then(|item| read_arg(&item, "product data", ""))
}

/// How much of each result `analyzeMany` gives.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Detail {
    Full,
    Summary,
}

/// The analyzer and the detail `analyzeMany`'s options ask for: every
/// problem of both at once.
fn portfolio_options(options: &JsValue) -> Result<(Analyzer, Detail), JsInputError> {
    let (raw, detail) = options_taking(options, "detail", "options")?;
    let detail = match detail.as_string().as_deref() {
        _ if detail.is_undefined() || detail.is_null() => Ok(Detail::Full),
        Some("full") => Ok(Detail::Full),
        Some("summary") => Ok(Detail::Summary),
        _ => Err(Problem::new(
            "options.detail",
            describe_shallow(&detail).unwrap_or_else(|_| "a value".into()),
            r#""full" (every result whole, the default) or "summary" (score, interval, verdict and dimension scores)"#,
        )),
    };
    match (Analyzer::from_options(&raw), detail) {
        (Ok(analyzer), Ok(detail)) => Ok((analyzer, detail)),
        (Err(mut e), Err(p)) => {
            e.problems.push(p);
            Err(e.into())
        }
        (Err(e), _) => Err(e.into()),
        (_, Err(p)) => Err(InputError::new("options", vec![p]).into()),
    }
}

/// One product's entry: `{ index, ok: true, result }` or `{ index, ok: false, error }`, the
/// error with the same message and problems a thrown error would carry (its cause is set
/// once built, [`set_cause`]).
#[derive(serde::Serialize)]
struct Entry<'a, T> {
    index: usize,
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    result: Option<&'a T>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<EntryError<'a>>,
}

#[derive(serde::Serialize)]
struct EntryError<'a> {
    message: String,
    problems: &'a [Problem],
}

impl<'a, T> Entry<'a, T> {
    fn of(index: usize, outcome: Result<&'a T, &'a JsInputError>) -> Self {
        match outcome {
            Ok(result) => Entry {
                index,
                ok: true,
                result: Some(result),
                error: None,
            },
            Err(e) => Entry {
                index,
                ok: false,
                result: None,
                error: Some(EntryError {
                    message: e.error.to_string(),
                    problems: &e.error.problems,
                }),
            },
        }
    }
}

/// The cause of a thrown read (what a getter threw), on the built entry's
/// error, as a thrown error carries it.
fn set_cause(entry: &JsValue, e: &JsInputError) -> Result<(), JsValue> {
    if let Some(cause) = &e.cause {
        let error = js_sys::Reflect::get(entry, &JsValue::from_str("error"))?;
        set(error.unchecked_ref(), "cause", cause)?;
    }
    Ok(())
}

/// The number of products, checked against [`crate::MAX_PORTFOLIO`] before
/// any is read.
fn portfolio_size(products: &JsValue) -> Result<usize, JsInputError> {
    let wrong = || {
        wrong_value(
            "portfolio",
            "products",
            products,
            "an array of product data",
        )
    };
    let thrown = |t| JsInputError::thrown("portfolio", "products", t);
    if !intrinsics::is_array(products).map_err(thrown)? {
        return Err(wrong());
    }
    let count = array_length(products).map_err(thrown)?.ok_or_else(wrong)?;
    if count > crate::MAX_PORTFOLIO {
        return Err(JsInputError::problem(
            "portfolio",
            "products",
            format!("an array of {count} products"),
            format!("at most {} products", crate::MAX_PORTFOLIO),
        ));
    }
    Ok(count)
}

/// Checks product data without scoring it: every problem and warning, nothing thrown. For forms
/// that flag invalid values as they are typed.
#[wasm_bindgen]
pub fn validate(data: Ts<ProductData>) -> Result<Ts<ValidationReport>, JsValue> {
    typed(&crate::validate(&read_arg(
        &data.js_value(),
        "product data",
        "",
    )?))
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
    // Held as JSON text: smaller than the code that builds it (static_values.rs).
    Ok(static_values::schema())
}

/// The built-in sample product: the AI-database company of the original strategy documents.
#[wasm_bindgen(js_name = sampleProduct)]
pub fn sample_product() -> Result<Ts<ProductData>, JsValue> {
    Ok(Ts::new_unchecked(static_values::sample_product()))
}
