//! The analyzer's entry points: options and product data in, a scored and
//! explained result out, for one product or a portfolio.

use crate::analyzer::benchmarks::{Source, SOURCES};
use crate::analyzer::model::ProductData;
use crate::analyzer::result::{ProductSummary, ValidationResult};
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

/// [`analyze`] from JSON text to JSON text (`options` too; `None` for
/// none): the result serialized as `analyze`'s is, for callers that hold JSON
/// already. Text that is not JSON is a problem at `input` (or `options`)
/// naming the line and column.
///
/// ```
/// let out = market_validation::analyze_json(r#"{"usageMetrics": {"retentionRate": 0.6}}"#, None).unwrap();
/// assert!(out.starts_with(r#"{"score":"#));
/// ```
pub fn analyze_json(product: &str, options: Option<&str>) -> Result<String, InputError> {
    analyze_json_utf8(product, options).map(|bytes| String::from_utf8(bytes).unwrap_or_default())
}

/// [`analyze_json`]'s text as UTF-8 bytes, for the wasm bindings, which
/// decode them in JS.
pub(crate) fn analyze_json_utf8(
    product: &str,
    options: Option<&str>,
) -> Result<Vec<u8>, InputError> {
    let parse = |text: &str, subject: &str, path: &str, what: &str| {
        RawValue::from_json_str(text).map_err(|e| {
            InputError::new(
                subject,
                vec![Problem::new(
                    path,
                    format!("text that is not JSON ({e})"),
                    format!("a JSON object of {what}"),
                )],
            )
        })
    };
    let product = parse(product, "product data", "input", "product data");
    let options = options.map_or(Ok(RawValue::Undefined), |o| {
        parse(o, "options", "options", "options")
    });
    let result = analyze(&product?, &options?)?;
    // Every field serializes (numbers are finite, keys are text): this cannot fail.
    Ok(crate::tape::to_json_utf8(&result).unwrap_or_default())
}

/// Scores a portfolio: one result per product, an error per product that
/// fails rather than one failure for all. Fails as a whole only when the
/// options are invalid or there are more than [`MAX_PORTFOLIO`] products.
pub fn analyze_many(
    products: &[RawValue],
    options: &RawValue,
) -> Result<Vec<Result<ValidationResult, InputError>>, InputError> {
    check_portfolio_size(products.len())?;
    let analyzer = Analyzer::from_options(options)?;
    Ok(products.iter().map(|p| analyzer.analyze(p)).collect())
}

/// Each product's [`ProductSummary`] (score, interval, verdict, dimension
/// scores: no explanation), and the sources they cite, each once.
#[derive(Debug, Clone, PartialEq)]
pub struct PortfolioSummary {
    /// One summary per product, or its error, in the products' order.
    pub products: Vec<Result<ProductSummary, InputError>>,
    /// Every source a summary cites by id, in the order of the source table.
    pub sources: Vec<Source>,
}

/// [`analyze_many`] without the explanations: the numbers of each result
/// for a large portfolio, several times faster. Fails as a whole only when
/// the options are invalid or there are too many products.
///
/// ```
/// use market_validation::{analyze_many, summarize_many, RawValue};
/// let product = RawValue::from_json_str(r#"{"usageMetrics": {"retentionRate": 0.6}}"#).unwrap();
/// let summary = summarize_many(&[product.clone()], &RawValue::Null).unwrap();
/// let full = analyze_many(&[product], &RawValue::Null).unwrap();
/// let (s, f) = (summary.products[0].as_ref().unwrap(), full[0].as_ref().unwrap());
/// assert_eq!((s.score, s.interval, s.verdict), (f.score, f.interval, f.verdict));
/// ```
pub fn summarize_many(products: &[RawValue], options: &RawValue) -> Result<PortfolioSummary, InputError> {
    check_portfolio_size(products.len())?;
    let analyzer = Analyzer::from_options(options)?;
    let products: Vec<_> = products.iter().map(|p| analyzer.summarize(p)).collect();
    let sources = portfolio_sources(products.iter().flatten());
    Ok(PortfolioSummary { products, sources })
}

/// Each source the summaries cite, once, in the order of the source table.
pub(crate) fn portfolio_sources<'a>(summaries: impl Iterator<Item = &'a ProductSummary>) -> Vec<Source> {
    let mut cited = [false; SOURCES.len()];
    for summary in summaries {
        for id in &summary.sources {
            if let Some(i) = SOURCES.iter().position(|s| s.id == *id) {
                cited[i] = true;
            }
        }
    }
    SOURCES
        .iter()
        .zip(cited)
        .filter(|(_, c)| *c)
        .map(|(s, _)| s.clone())
        .collect()
}

/// The error for a portfolio of more than [`MAX_PORTFOLIO`] products.
pub(crate) fn check_portfolio_size(count: usize) -> Result<(), InputError> {
    if count > MAX_PORTFOLIO {
        return Err(InputError::new(
            "portfolio",
            vec![Problem::new(
                "products",
                format!("an array of {count} products"),
                format!("at most {MAX_PORTFOLIO} products"),
            )],
        ));
    }
    Ok(())
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

    #[test]
    fn the_json_path_writes_what_serde_json_writes() {
        let raw = RawValue::from_json_str(sample_product_json()).unwrap();
        let expected = serde_json::to_string(&analyze(&raw, &RawValue::Null).unwrap()).unwrap();
        assert_eq!(analyze_json(sample_product_json(), None).unwrap(), expected);
        let options = r#"{"preset": "consumer-social", "confidenceLevel": 0.8}"#;
        let with = analyze(&raw, &RawValue::from_json_str(options).unwrap()).unwrap();
        assert_eq!(
            analyze_json(sample_product_json(), Some(options)).unwrap(),
            serde_json::to_string(&with).unwrap()
        );
    }
}
