//! The analyzer's entry points: options and product data in, a scored and
//! explained result out, for one product or a portfolio.

use crate::analyzer::model::ProductData;
use crate::analyzer::result::ValidationResult;
use crate::analyzer::scoring::Analyzer;
use crate::analyzer::validate::ValidProduct;
use crate::input::problem::{InputError, Problem};
use crate::input::raw::RawValue;

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
pub fn sample_product() -> ProductData {
    RawValue::from_json_str(sample_product_json())
        .map(|raw| ProductData::read(&raw).0)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_product_is_valid_and_warning_free() {
        let raw = RawValue::from_json_str(sample_product_json()).unwrap();
        let (typed, problems, warnings) = ProductData::read(&raw);
        assert!(problems.is_empty() && warnings.is_empty());
        assert_eq!(typed, sample_product());
        let r = analyze(&raw, &RawValue::Null).unwrap();
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        assert!(r.score > 60.0, "{}", r.score);
    }
}
