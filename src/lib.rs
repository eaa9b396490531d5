//! # market-validation
//!
//! Tells a product team how validated their product is (product-market fit)
//! from the numbers they already have, and shows why: an overall 0..100
//! score with an interval, per-dimension scores, each metric against a
//! cited benchmark, warnings about the data, and recommendations ranked by
//! the points they would add.
//!
//! The core is plain Rust; the WebAssembly bindings live in one module
//! compiled only for `wasm32` (`src/wasm.rs`).
//!
//! ```
//! use market_validation::{analyze, RawValue};
//!
//! let product = RawValue::from_json_str(r#"{
//!     "usageMetrics": { "dailyActiveUsers": 300, "monthlyActiveUsers": 1500, "retentionRate": 0.62 },
//!     "surveyData": { "npsScore": 41, "feedbackVolume": 180 }
//! }"#).unwrap();
//! let options = RawValue::from_json_str(r#"{ "preset": "b2b-saas" }"#).unwrap();
//! let result = analyze(&product, &options).unwrap();
//! assert!(result.score > 0.0 && result.score < 100.0);
//! assert!(result.interval[0] <= result.score && result.score <= result.interval[1]);
//!
//! // Bad input: every problem at once, each with its path and a hint.
//! let bad = RawValue::from_json_str(r#"{ "usageMetrics": { "retentionRate": 45 }, "surveyData": { "npsScore": 140 } }"#).unwrap();
//! let err = analyze(&bad, &RawValue::Null).unwrap_err();
//! assert_eq!(err.problems.len(), 2);
//! assert!(err.to_string().contains("usageMetrics.retentionRate is 45; expected a fraction between 0 and 1 (did you mean 0.45?)"));
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod benchmarks;
pub mod calendar;
pub mod catalog;
pub mod csv_rows;
pub mod curve;
pub mod events;
pub mod fields;
pub mod launch;
pub mod metrics;
pub mod model;
pub mod options;
pub mod problem;
pub mod raw;
pub mod result;
pub mod schema;
pub mod scoring;
pub mod stats;
pub mod suggest;
pub mod survey;
pub mod warnings;

/// The JavaScript bindings (wasm32 only); public so wasm tests can call them.
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use model::ProductData;
pub use options::{AnalyzeOptions, Config};
pub use problem::{InputError, Problem};
pub use raw::RawValue;
pub use result::ValidationResult;
pub use scoring::Analyzer;
pub use warnings::Warning;

/// The crate's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Most products one [`analyze_many`] call accepts.
pub const MAX_PORTFOLIO: usize = 1_000_000;

/// Validates and scores one product. Problems in the options and in the
/// product are reported together.
pub fn analyze(product: &RawValue, options: &RawValue) -> Result<ValidationResult, InputError> {
    let analyzer = Analyzer::from_options(options);
    let parsed = ProductData::from_raw(product);
    match (analyzer, parsed) {
        (Ok(a), Ok((p, warnings))) => a.analyze_product(&p, warnings),
        (Err(mut e1), Err(e2)) => {
            e1.subject = "product data and options".into();
            e1.problems.extend(e2.problems);
            Err(e1)
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    }
}

/// Scores a portfolio: one result per product, an error per product that
/// fails rather than one failure for all. Fails as a whole only when the
/// options are invalid or there are more than [`MAX_PORTFOLIO`] products.
pub fn analyze_many(
    products: &[RawValue],
    options: &RawValue,
) -> Result<Vec<Result<ValidationResult, InputError>>, InputError> {
    if products.len() > MAX_PORTFOLIO {
        return Err(InputError::new(
            "portfolio",
            vec![Problem::new(
                "products",
                format!("an array of {} products", products.len()),
                format!("at most {MAX_PORTFOLIO} products"),
            )],
        ));
    }
    let analyzer = Analyzer::from_options(options)?;
    Ok(products.iter().map(|p| analyzer.analyze(p)).collect())
}

/// What `validate` found.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ValidationReport {
    /// True when `analyze` would accept the data (with default options).
    pub valid: bool,
    /// Every problem, exactly as `analyze` would report them.
    pub problems: Vec<Problem>,
    /// Warnings found while reading (unknown field names, with "did you mean").
    pub warnings: Vec<Warning>,
}

/// Checks product data without returning a score: every problem `analyze`
/// would report, and the reading warnings, for forms that flag values as
/// they are typed.
///
/// ```
/// use market_validation::{validate, RawValue};
/// let report = validate(&RawValue::from_json_str(r#"{"usageMetrics": {"retentionRat": 0.5}}"#).unwrap());
/// assert!(!report.valid); // nothing scorable: the misspelt field was ignored
/// assert!(report.warnings[0].message.contains("did you mean retentionRate?"));
/// ```
pub fn validate(product: &RawValue) -> ValidationReport {
    let (data, mut problems, warnings) = ProductData::read(product);
    if problems.is_empty() {
        if let Err(e) = Analyzer::new(Config::preset(benchmarks::Preset::B2bSaas))
            .analyze_product(&data, warnings.clone())
        {
            problems = e.problems;
        }
    }
    ValidationReport {
        valid: problems.is_empty(),
        problems,
        warnings,
    }
}

/// The built-in sample product (the AI-database company of the original
/// strategy documents, with plausible figures), as JSON.
pub fn sample_product_json() -> &'static str {
    include_str!("sample_product.json")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_product_is_valid_and_warning_free() {
        let raw = RawValue::from_json_str(sample_product_json()).unwrap();
        let r = analyze(&raw, &RawValue::Null).unwrap();
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        assert!(r.score > 60.0, "{}", r.score);
    }
}
