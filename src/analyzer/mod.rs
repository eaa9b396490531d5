//! The analyzer: scores product data (usage, adoption, survey, market,
//! competitive) into an explainable product-market-fit result.
//!
//! The data flows one way through its modules:
//!
//! 1. **input**: [`model`] is the data model; [`fields`] reads a loose
//!    [`RawValue`] into it, checking each field's type and range;
//!    [`options`] reads the options into a [`Config`](options::Config).
//! 2. **validate**: [`validate`](mod@validate) checks the fields against each other and
//!    requires at least one metric ([`metric_inputs`] says which metrics
//!    the data yields), giving a [`ValidProduct`].
//! 3. **analyse**: warnings about values that do not fit together, and the
//!    head-to-head comparison with competitors' figures.
//! 4. **score**: [`scoring`] puts each metric on its benchmark curve
//!    ([`benchmarks`], [`curve`]), weighs the sub-scores into dimension and
//!    overall scores and sizes the intervals.
//! 5. **explain**: the verdict, recommendations found by re-scoring, the
//!    figures reported but not scored, and the sources cited, all in a
//!    [`ValidationResult`] ([`result`]).
//!
//! The data model, the metric ids ([`metric_id`]) and the benchmark table
//! are the vocabulary every part shares (the survey and events analyses fill
//! parts of the model; launch targets are benchmark values), so they are
//! always built; the rest is the `score` feature. [`schema`] and [`catalog`]
//! describe the model and the presets for forms and documentation.

pub mod benchmarks;
pub mod catalog;
mod compose;
mod consistency;
pub mod curve;
mod explain;
pub mod fields;
pub mod metric_id;
pub mod metric_inputs;
pub mod model;
pub mod options;
mod recommend;
pub mod result;
pub mod schema;
pub mod scoring;
pub mod validate;

pub use validate::{validate, ValidProduct, ValidationReport};

use crate::input::problem::{InputError, Problem};
use crate::input::raw::RawValue;
use result::ValidationResult;
use scoring::Analyzer;

/// Most products one [`analyze_many`] call accepts.
pub const MAX_PORTFOLIO: usize = 1_000_000;

/// Validates and scores one product. Problems in the options and in the
/// product are reported together.
pub fn analyze(product: &RawValue, options: &RawValue) -> Result<ValidationResult, InputError> {
    match (
        Analyzer::from_options(options),
        ValidProduct::check(product),
    ) {
        (Ok(analyzer), Ok(valid)) => analyzer.score(valid),
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

/// The built-in sample product (the AI-database company of the original
/// strategy documents, with plausible figures), as JSON.
pub fn sample_product_json() -> &'static str {
    include_str!("sample_product.json")
}

/// The built-in sample product, typed (a unit test keeps it valid and
/// warning-free).
pub fn sample_product() -> model::ProductData {
    RawValue::from_json_str(sample_product_json())
        .map(|raw| model::ProductData::read(&raw).0)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_product_is_valid_and_warning_free() {
        let raw = RawValue::from_json_str(sample_product_json()).unwrap();
        let (typed, problems, warnings) = model::ProductData::read(&raw);
        assert!(problems.is_empty() && warnings.is_empty());
        assert_eq!(typed, sample_product());
        let r = analyze(&raw, &RawValue::Null).unwrap();
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        assert!(r.score > 60.0, "{}", r.score);
    }
}
