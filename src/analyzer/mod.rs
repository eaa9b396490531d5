//! The analyzer: scores product data (usage, adoption, survey, market,
//! competitive) into an explainable product-market-fit result.

pub mod benchmarks;
pub mod catalog;
pub mod consistency;
pub mod curve;
pub mod metrics;
pub mod model;
pub mod options;
pub mod result;
pub mod schema;
pub mod scoring;

use crate::input::problem::{InputError, Problem};
use crate::input::raw::RawValue;
use crate::input::warning::Warning;
use model::ProductData;
use options::Config;
use result::ValidationResult;
use scoring::Analyzer;

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
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
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
