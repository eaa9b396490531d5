//! The validation stage: product data that can be scored. Reading checks
//! each field (type, range, size); this stage adds the checks across fields
//! and requires at least one scorable metric, so that every problem the
//! analyzer can raise about the data is found here, before any scoring.

use crate::analyzer::metric_inputs::{read_metrics, MetricInput};
use crate::analyzer::model::ProductData;
use crate::input::problem::{InputError, Problem};
use crate::input::raw::RawValue;
use crate::input::warning::Warning;

/// Product data that passed validation, with the metrics it yields and the
/// warnings found while reading it: what the scorer takes
/// ([`crate::analyzer::scoring::Analyzer::score`]).
///
/// ```
/// use market_validation::analyzer::validate::ValidProduct;
/// use market_validation::RawValue;
/// let raw = RawValue::from_json_str(r#"{"usageMetrics": {"retentionRate": 45}}"#).unwrap();
/// let err = ValidProduct::check(&raw).unwrap_err();
/// assert!(err.to_string().contains("did you mean 0.45?"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ValidProduct {
    pub(crate) data: ProductData,
    pub(crate) metrics: Vec<MetricInput>,
    pub(crate) warnings: Vec<Warning>,
}

impl ValidProduct {
    /// Reads and validates a raw input: the valid product, or every problem
    /// at once.
    pub fn check(raw: &RawValue) -> Result<ValidProduct, InputError> {
        let (data, problems, warnings) = read_and_check(raw);
        if !problems.is_empty() {
            return Err(InputError::new("product data", problems));
        }
        let metrics = read_metrics(&data);
        if let Some(problem) = nothing_scorable(&metrics, &warnings) {
            return Err(InputError::new("product data", vec![problem]));
        }
        Ok(ValidProduct {
            data,
            metrics,
            warnings,
        })
    }

    /// The product data, typed.
    pub fn data(&self) -> &ProductData {
        &self.data
    }

    /// The warnings found while reading it (unknown fields).
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }
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

/// Checks product data without scoring it: every problem `analyze` would
/// report, and the reading warnings, for forms that flag values as they are
/// typed.
///
/// ```
/// use market_validation::{validate, RawValue};
/// let report = validate(&RawValue::from_json_str(r#"{"usageMetrics": {"retentionRat": 0.5}}"#).unwrap());
/// assert!(!report.valid); // nothing scorable: the misspelt field was ignored
/// assert!(report.warnings[0].message.contains("did you mean retentionRate?"));
/// ```
pub fn validate(product: &RawValue) -> ValidationReport {
    let (data, mut problems, warnings) = read_and_check(product);
    if problems.is_empty() {
        problems.extend(nothing_scorable(&read_metrics(&data), &warnings));
    }
    ValidationReport {
        valid: problems.is_empty(),
        problems,
        warnings,
    }
}

/// Reads the product and checks its fields against each other.
fn read_and_check(raw: &RawValue) -> (ProductData, Vec<Problem>, Vec<Warning>) {
    let (data, mut problems, warnings) = ProductData::read(raw);
    problems.extend(cross_field_problems(&data));
    (data, problems, warnings)
}

/// The problem when the data yields no metric at all; the ignored (unknown)
/// fields are the likely reason, so they are the hint.
fn nothing_scorable(metrics: &[MetricInput], warnings: &[Warning]) -> Option<Problem> {
    if !metrics.is_empty() {
        return None;
    }
    let ignored: Vec<&str> = warnings
        .iter()
        .filter(|w| w.code == "unknown_field")
        .map(|w| w.message.as_str())
        .collect();
    let hint = (!ignored.is_empty()).then(|| ignored.join("; "));
    Some(
        Problem::new(
            "input",
            "data with no scorable field",
            "at least one scorable field, e.g. usageMetrics.retentionRate, surveyData.npsScore, \
             adoptionData.adoptionRate or marketResearch.targetMarketSize",
        )
        .with_hint(hint),
    )
}

/// Values that are each in range but cannot be used together.
fn cross_field_problems(product: &ProductData) -> Vec<Problem> {
    let mut out = Vec::new();
    let Some(s) = &product.survey_data else {
        return out;
    };
    let has_scores = s.has_scores();
    if s.feedback_volume == Some(0.0) && has_scores {
        out.push(Problem::new(
            "surveyData.feedbackVolume",
            "0",
            "at least 1 when survey scores are given (the number of responses behind them)",
        ));
    }
    if let Some(r) = &s.nps_responses {
        if r.promoters.is_none() || r.detractors.is_none() {
            out.push(Problem::new(
                "surveyData.npsResponses",
                "counts without promoters or detractors",
                "promoters and detractors (passives may be left out: 0 is assumed)",
            ));
        } else if r.counts().is_none() {
            out.push(Problem::new(
                "surveyData.npsResponses",
                "counts that add up to 0",
                "at least one response",
            ));
        }
    }
    out
}
