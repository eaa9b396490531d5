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
use crate::raw::{RawValue, MAX_DEPTH, MAX_ENTRIES, MAX_KEY_CHARS, MAX_STRING_CHARS, MAX_VALUES};
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
    let raw = read_arg(&data.js_value(), "product data")?;
    let opts = match options {
        Some(o) => read_arg(&o.js_value(), "options")?,
        None => RawValue::Undefined,
    };
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
    let opts = match options {
        Some(o) => read_arg(&o.js_value(), "options")?,
        None => RawValue::Undefined,
    };
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
