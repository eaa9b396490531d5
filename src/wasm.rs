//! JavaScript bindings: the only code that knows about wasm-bindgen.
//!
//! Every export takes its input as a JS handle (`Ts<T>` or `JsValue`), reads
//! it into the core's loose [`RawValue`] with the size limits applied, and
//! returns `Result<_, JsValue>` whose error is a real JS `Error` carrying the
//! structured `problems`. Nothing derived from input can panic here: a panic
//! under `panic = "abort"` would trap and kill the module for the page.

use crate::catalog::{presets as preset_catalog, PresetInfo};
use crate::model::ProductData;
use crate::options::AnalyzeOptions;
use crate::raw::{RawValue, MAX_DEPTH, MAX_ENTRIES, MAX_STRING_CHARS};
use crate::result::ValidationResult;
use crate::{Analyzer, InputError, Problem, ValidationReport};
use js_sys::{Array, JsString, Object, Reflect};
use serde::Serialize;
use tsify::Ts;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** A benchmark preset: B2B SaaS (SMB and mid-market; the default), enterprise SaaS, consumer subscription, consumer social. */
export type PresetId = "b2b-saas" | "enterprise-saas" | "consumer-subscription" | "consumer-social";
/** The id of a scored metric. */
export type MetricName = "retentionRate" | "dauMauRatio" | "dauWauRatio" | "adoptionRate" | "featureAdoption" | "timeToAdoption" | "seanEllisShare" | "npsScore" | "csatShare" | "featureSatisfaction" | "targetMarketSize" | "growthRate" | "ltvToCac" | "cacPaybackMonths" | "headToHead" | "marketPosition" | "winRate" | "competitiveAdvantage" | "differentiationScore";
/** A benchmark band that `options.benchmarks` can move. */
export type BenchmarkBandName = "average" | "good" | "great";
/** What every function throws on bad input: a standard `Error` whose message lists every problem, with the same problems as data. */
export interface MarketValidationError extends Error {
    name: "InputError";
    /** What was being read: "product data", "options", "product data and options", "portfolio". */
    subject: string;
    /** Every problem, with its field path, the value given, what was expected and a hint. */
    problems: Problem[];
}
/** One product's outcome in `analyzeMany`: its result, or its error. */
export type PortfolioEntry =
    | { index: number; ok: true; result: ValidationResult }
    | { index: number; ok: false; error: { message: string; problems: Problem[] } };
/** A node of a JSON Schema (draft 2020-12). */
export interface JsonSchemaNode {
    type?: "object" | "number" | "integer" | "array" | "string";
    description?: string;
    minimum?: number;
    maximum?: number;
    properties?: Record<string, JsonSchemaNode>;
    additionalProperties?: JsonSchemaNode;
    items?: JsonSchemaNode;
    maxItems?: number;
    maxProperties?: number;
    maxLength?: number;
    /** The field's unit, e.g. "fraction 0..1", "minutes". */
    "x-unit"?: string;
    [keyword: string]: unknown;
}
/** The JSON Schema of the product data model. */
export interface JsonSchema extends JsonSchemaNode {
    $schema: string;
    $id: string;
    title: string;
}
"#;

/// Scores one product. Throws a `MarketValidationError` listing every problem when the data or
/// the options are invalid.
#[wasm_bindgen]
pub fn analyze(
    data: Ts<ProductData>,
    options: Option<Ts<AnalyzeOptions>>,
) -> Result<Ts<ValidationResult>, JsValue> {
    let raw = to_raw(&data.js_value(), 0);
    let opts = options.map_or(RawValue::Undefined, |o| to_raw(&o.js_value(), 0));
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
    let opts = options.map_or(RawValue::Undefined, |o| to_raw(&o.js_value(), 0));
    let analyzer = Analyzer::from_options(&opts).map_err(to_js_error)?;
    let Some(items) = products.dyn_ref::<Array>() else {
        return Err(to_js_error(InputError::new(
            "portfolio",
            vec![Problem::new(
                "products",
                to_raw(&products, MAX_DEPTH).describe(),
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
        match analyzer.analyze(&to_raw(&item, 0)) {
            Ok(result) => {
                set(&entry, "ok", &JsValue::TRUE)?;
                set(&entry, "result", &to_js(&result)?)?;
            }
            Err(e) => {
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
    typed(&crate::validate(&to_raw(&data.js_value(), 0)))
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
    to_js(&crate::schema::product_schema())
}

/// The built-in sample product: the AI-database company of the original strategy documents.
#[wasm_bindgen(js_name = sampleProduct)]
pub fn sample_product() -> Result<Ts<ProductData>, JsValue> {
    let (product, _) =
        ProductData::from_json_str(crate::sample_product_json()).map_err(to_js_error)?;
    typed(&product)
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

/// Reads a JS value into a [`RawValue`], applying the size and depth limits
/// before copying anything large into wasm memory.
fn to_raw(value: &JsValue, depth: usize) -> RawValue {
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
    if let Some(array) = value.dyn_ref::<Array>() {
        let len = array.length() as usize;
        if len > MAX_ENTRIES {
            return RawValue::TooLarge { kind: "array", len };
        }
        return RawValue::Array(array.iter().map(|item| to_raw(&item, depth + 1)).collect());
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
            let key = k
                .as_string()
                .unwrap_or_else(|| to_raw(&k, MAX_DEPTH + 1).describe());
            entries.push((key, to_raw(&v, depth + 1)));
        });
        return RawValue::Object(entries);
    }
    if value.is_instance_of::<js_sys::Date>() {
        return RawValue::Unsupported("a Date".into());
    }
    if js_sys::ArrayBuffer::is_view(value) || value.is_instance_of::<js_sys::ArrayBuffer>() {
        return RawValue::Unsupported("binary data (a typed array or ArrayBuffer)".into());
    }
    if let Some(object) = value.dyn_ref::<Object>() {
        let keys = Object::keys(object);
        let len = keys.length() as usize;
        if len > MAX_ENTRIES {
            return RawValue::TooLarge {
                kind: "object",
                len,
            };
        }
        let mut entries = Vec::with_capacity(len);
        for key in keys.iter() {
            let name = key.as_string().unwrap_or_default();
            let item = match Reflect::get(object, &key) {
                Ok(v) => to_raw(&v, depth + 1),
                Err(_) => RawValue::Unsupported("a property that threw when read".into()),
            };
            entries.push((name, item));
        }
        return RawValue::Object(entries);
    }
    RawValue::Unsupported("a value of an unsupported type".into())
}
