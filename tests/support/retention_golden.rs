//! Retention fits shared by the native and the wasm test suites: the same
//! curves and seeds must give byte-identical JSON on both targets (the
//! bootstrap is seeded and its arithmetic is libm's).

use market_validation::retention::fit_retention;
use market_validation::RawValue;

/// The expected outputs, one JSON document per case, one per line.
pub const OUTPUTS: &str = include_str!("../fixtures/retention_golden.jsonl");

/// Fader & Hardie's two segments and a curve as shares, with their options.
const CASES: [(&str, &str); 3] = [
    (
        "[1000, 631, 468, 382, 326, 289, 262, 241]",
        r#"{"replicates": 60}"#,
    ),
    (
        "[1000, 869, 743, 653, 593, 551, 517, 491]",
        r#"{"replicates": 60, "seed": 11}"#,
    ),
    (
        "[1, 0.8, 0.7, 0.65, 0.62]",
        r#"{"cohortSize": 500, "replicates": 40, "horizons": [6, 52]}"#,
    ),
];

/// Each case's result as compact JSON.
pub fn compute() -> Vec<String> {
    CASES
        .iter()
        .map(|(curve, options)| {
            let fit = fit_retention(
                &RawValue::from_json_str(curve).expect("a curve"),
                &RawValue::from_json_str(options).expect("options"),
            )
            .expect("valid curves");
            serde_json::to_string(&fit).expect("results serialize")
        })
        .collect()
}
