//! # market-validation
//!
//! Tells a product team how validated their product is (product-market fit)
//! from the numbers they already have, and shows why: an overall 0..100
//! score with an interval, per-dimension scores, each metric against a
//! cited benchmark, warnings about the data, and recommendations ranked by
//! the points they would add. Raw survey answers, usage events and launch
//! plans are analysed into the same model.
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
//!
//! ## The parts
//!
//! Data flows one way: input → validate → analyse → score → explain.
//!
//! - [`input`]: what every part reads first: loose values with size limits,
//!   problems and warnings, the one field reader, CSV rows.
//! - [`analyzer`]: the product data model and the scorer (feature `score`).
//! - [`survey`]: survey answers to NPS, Sean Ellis and CSAT (feature
//!   `survey`).
//! - [`events`]: usage events to actives, cohorts and growth (feature
//!   `events`).
//! - [`launch`]: launch-plan readiness (feature `launch`).
//! - [`warehouse`]: the events analysis as SQL per dialect, and its result
//!   tables read back (feature `warehouse`).
//! - `wasm`: the JavaScript bindings (feature `wasm`).
//! - [`calendar`], [`stats`], [`format`](mod@format): days, statistics and numbers in
//!   messages, shared by all.
//!
//! [`import`] reads what users' tools export (encodings, multi-row headers,
//! the tool that wrote the file) before the survey and events analyses.
//!
//! [`text`] finds the themes of free-text answers (English: stop words,
//! Porter's stemmer, phrases weighed by class-based TF-IDF), for the
//! survey's product-market-fit engine ([`survey::engine`]).
//!
//! [`research`] reads usability tests (the System Usability Scale, task
//! success, time on task, the SEQ, UMUX-Lite) from their exports;
//! [`retention`] fits retention curve models.
//!
//! The core knows nothing of wasm: everything but `wasm` builds and tests
//! natively, and gives the same output natively and in wasm.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod analyzer;
pub mod calendar;
#[cfg(feature = "events")]
pub mod events;
pub mod format;
#[cfg(any(feature = "survey", feature = "events"))]
pub mod import;
pub mod input;
#[cfg(feature = "launch")]
pub mod launch;
#[cfg(all(feature = "survey", feature = "events"))]
pub mod read_export;
pub mod research;
pub mod retention;
pub mod stats;
#[cfg(feature = "survey")]
pub mod survey;
/// Values as a flat tape, for JS values and JSON text from one serializer.
pub(crate) mod tape;
pub mod text;
#[cfg(feature = "warehouse")]
pub mod warehouse;

/// The JavaScript bindings (the `wasm` feature); public so wasm tests can call them.
#[cfg(feature = "wasm")]
pub mod wasm;

pub use analyzer::model::ProductData;
#[cfg(feature = "score")]
pub use analyzer::{
    analyze, analyze_json, analyze_many, options::AnalyzeOptions, options::Config,
    result::ProductSummary, result::ValidationResult, sample_product_json, scoring::Analyzer,
    summarize_many, validate, PortfolioSummary, ValidProduct, ValidationReport, MAX_PORTFOLIO,
};
pub use input::problem::{InputError, Problem};
pub use input::raw::RawValue;
pub use input::warning::Warning;

/// The crate's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
