//! Golden outputs shared by the native and the wasm test suites: the same
//! inputs must give byte-identical JSON on both targets (determinism).

use market_validation::{analyze, sample_product_json, RawValue};

/// The golden inputs.
pub const INPUTS: &str = include_str!("../fixtures/golden_inputs.json");
/// The expected outputs, one JSON document per input, one per line.
pub const OUTPUTS: &str = include_str!("../fixtures/golden_outputs.jsonl");

/// Scores every golden input; returns (name, compact JSON of the result).
pub fn compute() -> Vec<(String, String)> {
    let cases: serde_json::Value = serde_json::from_str(INPUTS).expect("golden inputs are JSON");
    let sample: serde_json::Value =
        serde_json::from_str(sample_product_json()).expect("sample is JSON");
    let mut out = Vec::new();
    for case in cases.as_array().expect("an array of cases") {
        let name = case["name"].as_str().unwrap_or_default().to_string();
        let product = if case["product"] == "sample" {
            sample.clone()
        } else {
            case["product"].clone()
        };
        let result = analyze(
            &RawValue::from_json(&product),
            &RawValue::from_json(&case["options"]),
        )
        .expect("golden inputs are valid");
        out.push((
            name,
            serde_json::to_string(&result).expect("results serialize"),
        ));
    }
    out
}
