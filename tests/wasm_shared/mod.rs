//! The wasm test suite, run under Node (tests/wasm_node.rs) and headless
//! Chromium (tests/wasm_browser.rs). It calls the exported bindings exactly
//! as JavaScript would: with JS values, checking JS errors.

use js_sys::{Array, Object, Reflect, JSON};
use market_validation::wasm;
use tsify::Ts;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

#[path = "../support/golden.rs"]
mod golden;
#[path = "../support/retention_golden.rs"]
mod retention_golden;

// scripts/test.sh counts the `#[wasm_bindgen_test]` functions in this folder
// and checks that each runner reports exactly that many passed: runners can
// skip a suite silently with exit 0.

mod crossing;
mod events;
mod launch;
mod parquet;
mod score;
mod survey;
mod warehouse;

fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("test JSON parses")
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).expect("property readable")
}

fn set(target: &JsValue, path: &[&str], value: JsValue) {
    let mut node = target.clone();
    for key in &path[..path.len() - 1] {
        node = get(&node, key);
    }
    Reflect::set(&node, &JsValue::from_str(path[path.len() - 1]), &value)
        .expect("property settable");
}

fn analyze(data: JsValue) -> Result<JsValue, JsValue> {
    wasm::analyze(Ts::new_unchecked(data), None).map(JsValue::from)
}

fn analyze_with(data: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    wasm::analyze(Ts::new_unchecked(data), Some(Ts::new_unchecked(options))).map(JsValue::from)
}

fn sample() -> JsValue {
    wasm::sample_product().expect("sample loads").into()
}

fn text(value: &JsValue, key: &str) -> Option<String> {
    get(value, key).as_string()
}

fn number(value: &JsValue, key: &str) -> f64 {
    get(value, key).as_f64().unwrap_or(f64::NAN)
}

/// The error thrown for bad input: a real JS Error with name, message and problems.
fn expect_input_error(result: Result<JsValue, JsValue>) -> (String, Vec<JsValue>) {
    let err = result.expect_err("bad input must be rejected");
    let error: js_sys::Error = err.dyn_into().expect("a JS Error, not a trap or a string");
    assert_eq!(String::from(error.name()), "InputError");
    let problems: Array = get(&error, "problems")
        .dyn_into()
        .expect("problems is an array");
    (String::from(error.message()), problems.iter().collect())
}

fn memory_bytes() -> f64 {
    let memory: js_sys::WebAssembly::Memory =
        wasm_bindgen::memory().dyn_into().expect("wasm memory");
    number(&memory.buffer(), "byteLength")
}
