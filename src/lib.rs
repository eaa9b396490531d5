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

pub mod analyzer;
pub mod calendar;
pub mod events;
pub mod format;
pub mod input;
pub mod launch;
pub mod stats;
pub mod survey;

/// The JavaScript bindings (the `wasm` feature); public so wasm tests can call them.
#[cfg(feature = "wasm")]
pub mod wasm;

pub use analyzer::model::ProductData;
pub use analyzer::options::{AnalyzeOptions, Config};
pub use analyzer::result::ValidationResult;
pub use analyzer::scoring::Analyzer;
pub use analyzer::{
    analyze, analyze_many, sample_product_json, validate, ValidationReport, MAX_PORTFOLIO,
};
pub use input::problem::{InputError, Problem};
pub use input::raw::RawValue;
pub use input::warning::Warning;

/// The crate's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
