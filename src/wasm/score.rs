//! The score part's exports: analyze, analyzeMany, validate, and the
//! descriptions of the model (presets, schema, the sample product).

use super::js_reader::{describe_shallow, read_arg, read_options};
use super::{set, to_js, typed};
use crate::analyzer::catalog::{presets as preset_catalog, PresetInfo};
use crate::analyzer::model::ProductData;
use crate::analyzer::options::AnalyzeOptions;
use crate::analyzer::result::ValidationResult;
use crate::{Analyzer, InputError, Problem, ValidationReport};
use js_sys::{Array, Object};
use tsify::Ts;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Scores one product. Throws a `MarketValidationError` listing every problem when the data or
/// the options are invalid.
#[wasm_bindgen]
pub fn analyze(
    data: Ts<ProductData>,
    options: Option<Ts<AnalyzeOptions>>,
) -> Result<Ts<ValidationResult>, JsValue> {
    let raw = read_arg(&data.js_value(), "product data")?;
    let opts = read_options(options, "options")?;
    let result = crate::analyze(&raw, &opts)?;
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
    let analyzer = Analyzer::from_options(&opts)?;
    let Some(items) = products.dyn_ref::<Array>() else {
        return Err(JsValue::from(InputError::new(
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
        return Err(JsValue::from(InputError::new(
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
        match read_arg(&item, "product data").and_then(|raw| analyzer.analyze(&raw)) {
            Ok(result) => {
                set(&entry, "ok", &JsValue::TRUE)?;
                set(&entry, "result", &to_js(&result)?)?;
            }
            Err(e) => {
                // The same message and problems a thrown error would carry.
                let error = Object::new();
                set(&error, "message", &JsValue::from_str(&e.to_string()))?;
                set(&error, "problems", &to_js(&e.problems)?)?;
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
