//! Scoring: turns a validated product into a [`ValidationResult`]. Each
//! metric's sub-score and its interval, the dimension scores, the overall
//! score with an interval that widens with small samples and missing data,
//! then the explanation (verdict, recommendations, figures, sources).

use crate::analyzer::compose::{compose, head_to_head, Composite, DimComposite};
use crate::analyzer::consistency::check_consistency;
use crate::analyzer::curve::{Anchor, Curve};
use crate::analyzer::explain::{cited_sources, figures, verdict};
use crate::analyzer::metric_id::{Dimension, MetricId};
use crate::analyzer::metric_inputs::{MetricInput, Sampling};
use crate::analyzer::options::Config;
use crate::analyzer::recommend::recommendations;
use crate::analyzer::result::*;
use crate::analyzer::validate::ValidProduct;
use crate::format::format_suggestion;
use crate::input::problem::{join_path, InputError, Problem};
use crate::input::raw::RawValue;
use crate::input::warning::Warning;
use crate::stats::square;
use std::collections::BTreeMap;

/// Standard deviation of a score known only to lie in 0..100 (uniform):
/// the uncertainty a missing metric or dimension adds.
pub const MISSING_SCORE_SD: f64 = 28.867_513_459_481_287; // 100 / sqrt(12)

/// Scores product data under one configuration. Build it once and reuse it
/// for many products.
///
/// ```
/// use market_validation::{Analyzer, RawValue};
/// let analyzer = Analyzer::from_options(&RawValue::Null).unwrap();
/// let input = RawValue::from_json_str(r#"{"usageMetrics": {"retentionRate": 0.6}}"#).unwrap();
/// let result = analyzer.analyze(&input).unwrap();
/// assert_eq!(result.dimensions.usage.score, Some(60.0));
/// ```
#[derive(Debug, Clone)]
pub struct Analyzer {
    config: Config,
}

impl Analyzer {
    /// An analyzer for already resolved options.
    pub fn new(config: Config) -> Analyzer {
        Analyzer { config }
    }

    /// An analyzer for options given as a loose value.
    pub fn from_options(options: &RawValue) -> Result<Analyzer, InputError> {
        Config::from_raw(options).map(Analyzer::new)
    }

    /// The configuration in use.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Validates and scores one raw input.
    pub fn analyze(&self, input: &RawValue) -> Result<ValidationResult, InputError> {
        self.score(ValidProduct::check(input)?)
    }

    /// Scores a validated product. Fails only when the options weigh every
    /// dimension or metric that has data at 0.
    pub fn score(&self, product: ValidProduct) -> Result<ValidationResult, InputError> {
        let c = &self.config;
        let ValidProduct {
            data,
            mut metrics,
            mut warnings,
        } = product;
        let competitors = data
            .competitive_data
            .as_ref()
            .and_then(|cd| cd.competitive_benchmarks.clone())
            .unwrap_or_default();
        let mut values: BTreeMap<MetricId, f64> = metrics.iter().map(|m| (m.id, m.value)).collect();
        let (head_to_head, comparisons) = head_to_head(c, &values, &competitors);
        warnings.extend(unmatched_competitor_figures(&competitors, &values));
        if let Some(v) = head_to_head {
            metrics.push(MetricInput {
                id: MetricId::HeadToHead,
                value: v,
                sampling: Sampling::Exact,
                note: Some(format!("mean over {} compared figures", comparisons.len())),
            });
            values.insert(MetricId::HeadToHead, v);
        }
        let composite = compose(c, &values).ok_or_else(zero_weights)?;
        warnings.extend(check_consistency(&data));

        let by_id: BTreeMap<MetricId, &MetricInput> = metrics.iter().map(|m| (m.id, m)).collect();
        let mut sampling_var = 0.0;
        let [usage, adoption, survey, market, competitive] = Dimension::ALL.map(|dim| {
            let part = composite.dims[dim.index()].as_ref();
            dimension_result(c, dim, part, &by_id, &comparisons, &mut sampling_var)
        });
        let dimensions = Dimensions {
            usage,
            adoption,
            survey,
            market,
            competitive,
        };

        let (missing_var, missing, coverage) = missing_data(c, &composite, &by_id);
        let total_sd = (sampling_var + missing_var).sqrt();
        let half = c.z * total_sd;
        let score = composite.score;
        let interval = [(score - half).max(0.0), (score + half).min(100.0)];
        let scored_dimensions = composite
            .dims
            .iter()
            .flatten()
            .filter(|d| d.share > 0.0)
            .count();
        let (verdict, verdict_reason) = verdict(
            score,
            interval,
            total_sd,
            scored_dimensions,
            c.confidence_level,
            coverage,
        );
        let recommendations = recommendations(c, &values, &competitors, score, &data);
        let sources = cited_sources(&dimensions);
        Ok(ValidationResult {
            score,
            interval,
            confidence_level: c.confidence_level,
            verdict,
            verdict_reason,
            preset: c.preset.as_str().to_string(),
            coverage,
            dimensions,
            recommendations,
            warnings,
            missing,
            figures: figures(&data),
            market_trends: data
                .market_research
                .as_ref()
                .and_then(|m| m.market_trends.clone())
                .unwrap_or_default(),
            uncertainty: Uncertainty {
                sampling_sd: sampling_var.sqrt(),
                missing_data_sd: missing_var.sqrt(),
                total_sd,
                z: c.z,
            },
            sources,
        })
    }
}

/// A warning for each competitor figure of a metric we have no value of.
fn unmatched_competitor_figures(
    competitors: &BTreeMap<String, f64>,
    values: &BTreeMap<MetricId, f64>,
) -> Vec<Warning> {
    competitors
        .keys()
        .filter(|key| MetricId::parse(key).is_some_and(|m| !values.contains_key(&m)))
        .map(|key| {
            Warning::new(
                "benchmark_without_own_value",
                join_path("competitiveData.competitiveBenchmarks", key),
                format!("the competitor's {key} has nothing to be compared with: our own {key} is not given"),
            )
        })
        .collect()
}

/// The error when the options leave nothing with data a weight.
fn zero_weights() -> InputError {
    InputError::new(
        "options",
        vec![Problem::new(
            "options",
            "weights of 0 for every dimension or metric that has data",
            "a weight above 0 (options.weights, options.metricWeights) for at least one \
             dimension with data and one of its metrics with data",
        )],
    )
}

/// One dimension's result: its metrics with their sub-scores and intervals,
/// and its score with an interval widened by its missing metrics. Adds each
/// metric's sampling variance, weighted into the overall score, to
/// `sampling_var`.
fn dimension_result(
    c: &Config,
    dim: Dimension,
    part: Option<&DimComposite>,
    by_id: &BTreeMap<MetricId, &MetricInput>,
    comparisons: &[Comparison],
    sampling_var: &mut f64,
) -> DimensionResult {
    let mut metrics = Vec::new();
    let mut dim_var = 0.0;
    for m in MetricId::ALL.into_iter().filter(|m| m.dimension() == dim) {
        let Some(input) = by_id.get(&m) else { continue };
        let (metric, sd) = metric_result(c, input, part, comparisons);
        dim_var += square(metric.weight * sd);
        *sampling_var += square(metric.effective_weight * sd);
        metrics.push(metric);
    }
    // Missing metrics of a scored dimension widen its own interval.
    let missing_in_dim: f64 = MetricId::ALL
        .iter()
        .filter(|m| m.dimension() == dim && !by_id.contains_key(m))
        .map(|m| square(c.metric_weight(*m) * MISSING_SCORE_SD))
        .sum();
    let (score, interval, summary) = match part {
        Some(d) => {
            let half = c.z * (dim_var + missing_in_dim).sqrt();
            let summary = format!(
                "{} from {} of {} metrics",
                format_suggestion(d.score),
                metrics.len(),
                MetricId::ALL
                    .iter()
                    .filter(|m| m.dimension() == dim)
                    .count()
            );
            (
                Some(d.score),
                Some([(d.score - half).max(0.0), (d.score + half).min(100.0)]),
                summary,
            )
        }
        None if metrics.is_empty() => (None, None, format!("no data: give {}", first_inputs(dim))),
        None => (
            None,
            None,
            "not scored: its weight or its metrics' weights are 0".to_string(),
        ),
    };
    let share = part.map_or(0.0, |d| d.share);
    DimensionResult {
        dimension: dim,
        score,
        interval,
        nominal_weight: c.dimension_weights[dim.index()],
        effective_weight: share,
        contribution: score.map_or(0.0, |s| share * s),
        metrics,
        summary,
    }
}

/// One metric's result, and the standard deviation of its sub-score (from
/// its value's interval mapped through the curve).
fn metric_result(
    c: &Config,
    input: &MetricInput,
    part: Option<&DimComposite>,
    comparisons: &[Comparison],
) -> (MetricResult, f64) {
    let m = input.id;
    let curve = c.curve(m);
    let value_interval = input.sampling.interval(input.value, c.z);
    let sub_score = curve.score(input.value);
    let (lo, hi) = value_interval.map_or((sub_score, sub_score), |[a, b]| {
        let (sa, sb) = (curve.score(a), curve.score(b));
        (sa.min(sb).min(sub_score), sa.max(sb).max(sub_score))
    });
    let sd = (hi - lo) / (2.0 * c.z);
    let weight = part.map_or(0.0, |d| d.metric_share(m));
    let dim_share = part.map_or(0.0, |d| d.share);
    let result = MetricResult {
        id: m.as_str().to_string(),
        label: m.label().to_string(),
        unit: m.unit().to_string(),
        value: input.value,
        value_interval,
        sub_score,
        sub_score_interval: [lo, hi],
        nominal_weight: c.metric_weight(m),
        weight,
        effective_weight: dim_share * weight,
        contribution: dim_share * weight * sub_score,
        benchmark: benchmark_of(curve, input.value),
        inputs: m.inputs().iter().map(|s| s.to_string()).collect(),
        note: input.note.clone(),
        comparisons: (m == MetricId::HeadToHead).then(|| comparisons.to_vec()),
    };
    (result, sd)
}

fn benchmark_of(curve: &Curve, value: f64) -> MetricBenchmark {
    let point = |a: &Anchor| BenchmarkPoint {
        label: a.label.to_string(),
        value: a.value,
        score: a.score,
        source: a.source.map(str::to_string),
    };
    MetricBenchmark {
        band: curve.band(value),
        points: curve.anchors.iter().map(point).collect(),
        next: curve.next_benchmark(value).map(point),
        higher_is_better: curve.higher_is_better(),
    }
}

/// Variance added by missing data, the list of missing metrics, and the
/// share of the nominal weight that had data.
fn missing_data(
    c: &Config,
    composite: &Composite,
    present: &BTreeMap<MetricId, &MetricInput>,
) -> (f64, Vec<MissingMetric>, f64) {
    let mut var = 0.0;
    let mut missing = Vec::new();
    let mut covered = 0.0;
    for (i, dim) in Dimension::ALL.into_iter().enumerate() {
        let dim_weight = c.dimension_weights[i];
        let scored = composite.dims[i].is_some();
        for m in MetricId::ALL.into_iter().filter(|m| m.dimension() == dim) {
            let nominal = dim_weight * c.metric_weight(m);
            if present.contains_key(&m) {
                covered += nominal;
                continue;
            }
            if nominal <= 0.0 {
                continue;
            }
            if scored {
                var += square(nominal * MISSING_SCORE_SD);
            }
            missing.push(MissingMetric {
                metric: m.as_str().to_string(),
                dimension: dim,
                inputs: m.inputs().iter().map(|s| s.to_string()).collect(),
                nominal_weight: nominal,
            });
        }
        // A wholly missing dimension is one unknown score, not several
        // independent ones: its metrics move together.
        if !scored && dim_weight > 0.0 {
            var += square(dim_weight * MISSING_SCORE_SD);
        }
    }
    (var, missing, covered.clamp(0.0, 1.0))
}

fn first_inputs(dim: Dimension) -> String {
    let fields: Vec<&str> = MetricId::ALL
        .iter()
        .filter(|m| m.dimension() == dim)
        .take(2)
        .flat_map(|m| m.inputs().iter().take(1).copied())
        .collect();
    fields.join(" or ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyze(json: &str) -> ValidationResult {
        Analyzer::from_options(&RawValue::Null)
            .unwrap()
            .analyze(&RawValue::from_json_str(json).unwrap())
            .unwrap()
    }

    #[test]
    fn single_metric_scores_its_curve() {
        let r = analyze(r#"{"usageMetrics": {"retentionRate": 0.8}}"#);
        assert_eq!(r.score, 80.0);
        assert_eq!(r.verdict, Verdict::NotEnoughData);
        assert!(r.interval[0] < 80.0 && r.interval[1] > 80.0);
    }

    #[test]
    fn contributions_add_up_to_the_score() {
        let r = analyze(
            r#"{"usageMetrics": {"dailyActiveUsers": 200, "weeklyActiveUsers": 600, "monthlyActiveUsers": 1000, "retentionRate": 0.7},
                "surveyData": {"npsScore": 30, "feedbackVolume": 200}}"#,
        );
        let by_dims: f64 = r.dimensions.iter().map(|d| d.contribution).sum();
        let by_metrics: f64 = r
            .dimensions
            .iter()
            .flat_map(|d| &d.metrics)
            .map(|m| m.contribution)
            .sum();
        assert!((by_dims - r.score).abs() < 1e-9);
        assert!((by_metrics - r.score).abs() < 1e-9);
    }

    #[test]
    fn recommendations_are_rescored_gains() {
        let r = analyze(
            r#"{"usageMetrics": {"retentionRate": 0.5, "dailyActiveUsers": 100, "monthlyActiveUsers": 1000}}"#,
        );
        let first = &r.recommendations[0];
        assert!(first.gain > 0.0);
        assert!((first.score_after - r.score - first.gain).abs() < 1e-9);
        assert!(r.recommendations.windows(2).all(|w| w[0].gain >= w[1].gain));
    }

    #[test]
    fn no_scorable_field_is_an_error() {
        let err = Analyzer::from_options(&RawValue::Null)
            .unwrap()
            .analyze(
                &RawValue::from_json_str(r#"{"marketResearch": {"marketTrends": ["AI"]}}"#)
                    .unwrap(),
            )
            .unwrap_err();
        assert!(err.to_string().contains("at least one scorable field"));
    }
}
