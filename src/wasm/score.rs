//! The score part's exports: analyze, analyzeMany, validate, and the
//! descriptions of the model (presets, schema, the sample product).

use super::error::JsInputError;
use super::intrinsics;
use super::js_reader::{array_length, read_arg, read_options, wrong_value};
use super::{set, to_js, typed};
use crate::analyzer::catalog::{presets as preset_catalog, PresetInfo};
use crate::analyzer::model::ProductData;
use crate::analyzer::options::AnalyzeOptions;
use crate::analyzer::result::ValidationResult;
use crate::{Analyzer, ValidationReport};
use js_sys::{Array, Object};
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
) -> Result<String, JsValue> {
    let data = json_text(&data, "product data", "input")?;
    let options = match options {
        Some(o) if !o.is_undefined() && !o.is_null() => Some(json_text(&o, "options", "options")?),
        _ => None,
    };
    Ok(crate::analyze_json(&data, options.as_deref())?)
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
    Ok(String::from(text))
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
    let analyzer = Analyzer::from_options(&opts)?;
    let count = portfolio_size(&products)?;
    let out = Array::new_with_length(count as u32);
    for index in 0..count {
        let entry = Object::new();
        set(&entry, "index", &JsValue::from(index as u32))?;
        let outcome = intrinsics::get_index(&products, index as u32)
            .map_err(|t| JsInputError::thrown("portfolio", &format!("products[{index}]"), t))
            .and_then(|item| read_arg(&item, "product data", ""))
            .and_then(|raw| Ok(analyzer.analyze(&raw)?));
        match outcome {
            Ok(result) => {
                set(&entry, "ok", &JsValue::TRUE)?;
                set(&entry, "result", &to_js(&result)?)?;
            }
            Err(e) => {
                // The same message, problems and cause a thrown error would carry.
                let error = Object::new();
                set(&error, "message", &JsValue::from_str(&e.error.to_string()))?;
                set(&error, "problems", &to_js(&e.error.problems)?)?;
                if let Some(cause) = &e.cause {
                    set(&error, "cause", cause)?;
                }
                set(&entry, "ok", &JsValue::FALSE)?;
                set(&entry, "error", &error)?;
            }
        }
        out.set(index as u32, entry.into());
    }
    Ok(out.into())
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
    to_js(&crate::analyzer::schema::product_schema())
}

/// The built-in sample product: the AI-database company of the original strategy documents.
#[wasm_bindgen(js_name = sampleProduct)]
pub fn sample_product() -> Result<Ts<ProductData>, JsValue> {
    typed(&crate::analyzer::sample_product())
}
