//! The analyzer's output: a score with its interval, and everything needed
//! to see where it came from.
//!
//! The score can be recomputed by hand: it is the sum of the dimension
//! contributions, each the dimension's effective weight times its score; a
//! dimension's score is the sum of its metrics' `weight * subScore`.

use crate::analyzer::benchmarks::Source;
use crate::analyzer::curve::Anchor;
use crate::analyzer::metric_id::Dimension;
use crate::input::warning::Warning;
use serde::Serialize;

/// The verdict band of the overall score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Score 80 or more: at or above the published "great" marks on balance.
    Strong,
    /// Score 60 to 80: at or above the published "good" marks on balance.
    Promising,
    /// Score 40 to 60: between the published averages and "good".
    Weak,
    /// Score below 40: below the published averages on balance.
    NotValidated,
    /// Too little data: fewer than two dimensions had data, or the interval's
    /// standard error exceeds 10 points (a 95% interval wider than about one
    /// verdict band on each side).
    NotEnoughData,
}

/// The result of `analyze`: the score, its interval and verdict, and how they were reached.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ValidationResult {
    /// Overall validation score, 0..100: the sum of the dimensions' contributions.
    pub score: f64,
    /// Interval on the score at `confidenceLevel`, [low, high] within 0..100. It widens with
    /// small samples and with missing data.
    pub interval: [f64; 2],
    /// Confidence level of every interval in this result (0.95 unless set in the options).
    pub confidence_level: f64,
    /// Verdict band of the score.
    pub verdict: Verdict,
    /// The verdict in words, with the thresholds that decided it.
    pub verdict_reason: String,
    /// The preset whose benchmarks and weights were used.
    #[cfg_attr(feature = "wasm", tsify(type = "PresetId"))]
    #[serde(serialize_with = "crate::tape::static_text")]
    pub preset: &'static str,
    /// Share of the preset's total weight that had data, 0..1.
    pub coverage: f64,
    /// Per-dimension scores and their metrics.
    pub dimensions: Dimensions,
    /// What would raise the score most, best first: each metric moved to its next benchmark band
    /// and the product re-scored.
    pub recommendations: Vec<Recommendation>,
    /// Warnings about the data, each with its field path.
    pub warnings: Vec<Warning>,
    /// Scored metrics for which there was no data, and how much each widens the interval (an optional
    /// metric, the SUS score, is never missing).
    pub missing: Vec<MissingMetric>,
    /// Figures reported for context but not scored (no cross-category benchmark exists).
    pub figures: Vec<Figure>,
    /// Market trends exactly as given: free text is reported, not scored.
    pub market_trends: Vec<String>,
    /// How the interval was computed.
    pub uncertainty: Uncertainty,
    /// Every source cited by a benchmark point in this result (points refer to them by `id`).
    pub sources: Vec<Source>,
}

/// The five dimensions, by name.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Dimensions {
    /// Usage: retention and stickiness.
    pub usage: DimensionResult,
    /// Adoption: activation, feature adoption, time to activation.
    pub adoption: DimensionResult,
    /// Survey: Sean Ellis, NPS, satisfaction, usability (SUS, when given).
    pub survey: DimensionResult,
    /// Market: size, growth, unit economics.
    pub market: DimensionResult,
    /// Competitive: position, head-to-head, win rate, self-assessments.
    pub competitive: DimensionResult,
}

impl Dimensions {
    /// The dimensions in report order.
    pub fn iter(&self) -> impl Iterator<Item = &DimensionResult> {
        [
            &self.usage,
            &self.adoption,
            &self.survey,
            &self.market,
            &self.competitive,
        ]
        .into_iter()
    }
}

/// One dimension's score and how it was reached.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct DimensionResult {
    /// Which dimension.
    pub dimension: Dimension,
    /// Score 0..100: the sum of its metrics' `weight * subScore`. Absent when it had no data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// Interval on the score (sampling error and missing metrics). Absent with the score.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<[f64; 2]>,
    /// The preset's weight for this dimension (after option overrides), normalised to sum to 1.
    pub nominal_weight: f64,
    /// Its weight in the overall score: the nominal weights renormalised over the dimensions that
    /// had data. 0 when it had none.
    pub effective_weight: f64,
    /// Points it adds to the overall score: `effectiveWeight * score`.
    pub contribution: f64,
    /// Its scored metrics.
    pub metrics: Vec<MetricResult>,
    /// One line saying how it was scored, or why it was not.
    pub summary: String,
}

/// One metric held against its benchmark.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct MetricResult {
    /// Metric id, e.g. `retentionRate`, `dauMauRatio`.
    #[cfg_attr(feature = "wasm", tsify(type = "MetricName"))]
    #[serde(serialize_with = "crate::tape::static_text")]
    pub id: &'static str,
    /// Human label.
    #[serde(serialize_with = "crate::tape::static_text")]
    pub label: &'static str,
    /// Unit of `value`.
    #[serde(serialize_with = "crate::tape::static_text")]
    pub unit: &'static str,
    /// The value, in its unit.
    pub value: f64,
    /// Sampling interval on the value at the result's confidence level, when it is an estimate
    /// from a sample (Wilson for proportions, adjusted Wald for NPS, Bhatia-Davis for mean ratings and
    /// the SUS score).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_interval: Option<[f64; 2]>,
    /// Sub-score 0..100 from the benchmark curve.
    pub sub_score: f64,
    /// Sub-scores at the two ends of `valueInterval` (equal to `subScore` without one).
    pub sub_score_interval: [f64; 2],
    /// The preset's weight within the dimension (after option overrides).
    pub nominal_weight: f64,
    /// Its weight within the dimension, renormalised over the metrics that had data.
    pub weight: f64,
    /// Its weight in the overall score: the dimension's effective weight times `weight`.
    pub effective_weight: f64,
    /// Points it adds to the overall score: `effectiveWeight * subScore`.
    pub contribution: f64,
    /// The benchmark it was held against.
    pub benchmark: MetricBenchmark,
    /// Input fields it was computed from.
    #[serde(serialize_with = "crate::tape::static_texts")]
    pub inputs: &'static [&'static str],
    /// How it was derived, when not read directly.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// For the head-to-head metric only: each figure against the competitor's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparisons: Option<Vec<Comparison>>,
}

/// A metric's benchmark curve and where the value stands on it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct MetricBenchmark {
    /// Where the value stands: `at or above good`, `below average`.
    pub band: String,
    /// The curve's points by increasing value: published benchmarks (with a source) and scale ends.
    pub points: Vec<BenchmarkPoint>,
    /// The next benchmark above the value, if any: the target of a recommendation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<BenchmarkPoint>,
    /// Whether a higher value is better.
    pub higher_is_better: bool,
}

/// One point of a benchmark curve.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct BenchmarkPoint {
    /// `average`, `good`, `great`, or `scale end` / `parity` for points that are not benchmarks.
    #[serde(serialize_with = "crate::tape::static_text")]
    pub label: &'static str,
    /// Value in the metric's unit.
    pub value: f64,
    /// Sub-score at that value.
    pub score: f64,
    /// Source id, for published benchmarks: see the result's (or preset's) `sources`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(serialize_with = "crate::tape::optional_static_text")]
    pub source: Option<&'static str>,
}

impl BenchmarkPoint {
    /// The point of a benchmark curve's anchor.
    pub fn of(a: &Anchor) -> Self {
        BenchmarkPoint {
            label: a.label,
            value: a.value,
            score: a.score,
            source: a.source,
        }
    }
}

/// One of our figures against a competitor's.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// The metric compared.
    #[cfg_attr(feature = "wasm", tsify(type = "MetricName"))]
    pub metric: String,
    /// Our value.
    pub ours: f64,
    /// The competitor's value.
    pub theirs: f64,
    /// Our sub-score minus theirs, on the same benchmark curve.
    pub points_ahead: f64,
}

/// A recommendation: move one metric to its next benchmark band.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Recommendation {
    /// The metric to move.
    #[cfg_attr(feature = "wasm", tsify(type = "MetricName"))]
    #[serde(serialize_with = "crate::tape::static_text")]
    pub metric: &'static str,
    /// Its label.
    #[serde(serialize_with = "crate::tape::static_text")]
    pub label: &'static str,
    /// Its dimension.
    pub dimension: Dimension,
    /// The input field to change.
    #[serde(serialize_with = "crate::tape::static_text")]
    pub path: &'static str,
    /// Its value now.
    pub current: f64,
    /// The value of the next benchmark band.
    pub target: f64,
    /// That band's name.
    #[serde(serialize_with = "crate::tape::static_text")]
    pub target_band: &'static str,
    /// Points the overall score gains, found by re-scoring with the metric at `target`.
    pub gain: f64,
    /// The overall score after the change.
    pub score_after: f64,
    /// The recommendation in words.
    pub message: String,
}

/// A scored metric with no data.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct MissingMetric {
    /// The metric.
    #[cfg_attr(feature = "wasm", tsify(type = "MetricName"))]
    #[serde(serialize_with = "crate::tape::static_text")]
    pub metric: &'static str,
    /// Its dimension.
    pub dimension: Dimension,
    /// Fields that would give it.
    #[serde(serialize_with = "crate::tape::static_texts")]
    pub inputs: &'static [&'static str],
    /// Its share of the preset's total weight.
    pub nominal_weight: f64,
}

/// A figure reported for context, not scored.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Figure {
    /// Figure id, e.g. `sessionDuration`, `powerUserShare`.
    #[serde(serialize_with = "crate::tape::static_text")]
    pub id: &'static str,
    /// Human label.
    #[serde(serialize_with = "crate::tape::static_text")]
    pub label: &'static str,
    /// The value.
    pub value: f64,
    /// Its unit.
    #[serde(serialize_with = "crate::tape::static_text")]
    pub unit: &'static str,
    /// Why it is not scored.
    #[serde(serialize_with = "crate::tape::static_text")]
    pub why_unscored: &'static str,
}

/// How the score's interval was computed (docs/methodology.md, "Uncertainty").
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Uncertainty {
    /// Standard error from sampling: each metric's sub-score spread, weighted, in quadrature.
    pub sampling_sd: f64,
    /// Standard error from missing data: each missing metric (or whole missing dimension) taken as
    /// unknown on 0..100 (sd 100/sqrt(12)), weighted by its nominal weight, in quadrature.
    pub missing_data_sd: f64,
    /// Both combined: sqrt(sampling^2 + missing^2).
    pub total_sd: f64,
    /// Normal quantile used: the interval is score +- z * totalSd, clipped to 0..100.
    pub z: f64,
}

/// One product's summary in `analyzeMany(products, { detail: 'summary' })`:
/// the numbers of its [`ValidationResult`] without the explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ProductSummary {
    /// The overall score, 0-100.
    pub score: f64,
    /// Its interval at the options' confidence level.
    pub interval: [f64; 2],
    /// The verdict.
    pub verdict: Verdict,
    /// Each dimension's score; absent for a dimension without data.
    pub dimensions: DimensionScores,
    /// The share of the nominal weight that had data, 0..1.
    pub coverage: f64,
    /// The ids of the sources its benchmarks cite: the portfolio's `sources` has each once.
    #[cfg_attr(feature = "wasm", tsify(type = "string[]"))]
    #[serde(serialize_with = "crate::tape::static_texts")]
    pub sources: Vec<&'static str>,
    /// How many warnings the full result has (`analyze` lists them).
    pub warnings: usize,
}

/// The dimension scores of a [`ProductSummary`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct DimensionScores {
    /// Usage, 0-100.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usage: Option<f64>,
    /// Adoption, 0-100.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adoption: Option<f64>,
    /// Survey, 0-100.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub survey: Option<f64>,
    /// Market, 0-100.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub market: Option<f64>,
    /// Competitive, 0-100.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub competitive: Option<f64>,
}
