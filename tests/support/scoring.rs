//! Scoring a product given as JSON, for the analyzer's integration tests.

use market_validation::analyzer::result::ValidationResult;
use market_validation::{analyze, sample_product_json, InputError, RawValue};
use serde_json::Value;

/// The result for valid input.
pub fn run(product: Value, options: Value) -> ValidationResult {
    analyze(
        &RawValue::from_json(&product),
        &RawValue::from_json(&options),
    )
    .expect("valid input")
}

/// The error for invalid input.
pub fn run_err(product: Value, options: Value) -> InputError {
    analyze(
        &RawValue::from_json(&product),
        &RawValue::from_json(&options),
    )
    .expect_err("invalid input")
}

/// The built-in sample product.
pub fn sample() -> Value {
    serde_json::from_str(sample_product_json()).expect("sample is JSON")
}
