//! Scoring: turns a validated product into a [`ValidationResult`]. Each
//! metric's sub-score and its interval, the dimension scores, the overall
//! score with an interval that widens with small samples and missing data,
//! then the explanation (verdict, recommendations, figures, sources).

use crate::analyzer::compose::{compose, head_to_head, nominal_total, Composite, DimComposite};
use crate::analyzer::consistency::check_consistency;
use crate::analyzer::curve::Curve;
use crate::analyzer::explain::{cited_source_ids, cited_sources, figures, verdict, verdict_basis};
use crate::analyzer::metric_id::{Dimension, MetricId, PerMetric};
use crate::analyzer::metric_inputs::{MetricInput, MetricNote, Sampling};
use crate::analyzer::model::ProductData;
use crate::analyzer::options::Config;
use crate::analyzer::recommend::recommendations;
use crate::analyzer::result::*;
use crate::analyzer::validate::ValidProduct;
use crate::format::format_suggestion;
use crate::input::problem::{join_path, InputError, Problem};
use crate::input::raw::RawValue;
use crate::input::warning::{Warning, WarningCount, WarningSink};
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
            metrics,
            mut warnings,
        } = product;
        let m = Measured::of(c, &data, metrics, &mut warnings)?;
        let by_id: PerMetric<&MetricInput> = m.metrics.iter().map(|i| (i.id, i)).collect();
        let [usage, adoption, survey, market, competitive] = Dimension::ALL.map(|dim| {
            let part = m.composite.dims[dim.index()].as_ref();
            dimension_result(c, dim, part, &by_id, &m.subs, &m.comparisons)
        });
        let dimensions = Dimensions {
            usage,
            adoption,
            survey,
            market,
            competitive,
        };
        let (verdict, verdict_reason) = verdict(
            m.score,
            m.interval,
            m.total_sd,
            m.scored_dimensions,
            c.confidence_level,
            m.coverage,
        );
        let recommendations = recommendations(c, &m.values, m.competitors, m.score, &data);
        Ok(ValidationResult {
            score: m.score,
            interval: m.interval,
            confidence_level: c.confidence_level,
            verdict,
            verdict_reason,
            preset: c.preset.as_str(),
            coverage: m.coverage,
            dimensions,
            recommendations,
            warnings,
            missing: m.missing,
            figures: figures(&data),
            market_trends: data
                .market_research
                .as_ref()
                .and_then(|m| m.market_trends.clone())
                .unwrap_or_default(),
            uncertainty: Uncertainty {
                sampling_sd: m.sampling_var.sqrt(),
                missing_data_sd: m.missing_var.sqrt(),
                total_sd: m.total_sd,
                z: c.z,
            },
            sources: cited_sources(m.values.iter().map(|(id, _)| c.cited(id))),
        })
    }

    /// The score, its interval, the verdict and the dimension scores of one
    /// raw input, without the explanation (no recommendations, bands or
    /// messages): `analyzeMany`'s summary. The same numbers as
    /// [`Analyzer::analyze`] gives.
    pub fn summarize(&self, input: &RawValue) -> Result<ProductSummary, InputError> {
        let c = &self.config;
        let ValidProduct {
            data,
            metrics,
            warnings,
        } = ValidProduct::check(input)?;
        let mut counted = WarningCount(warnings.len());
        let m = Measured::of(c, &data, metrics, &mut counted)?;
        let dimension = |d: Dimension| m.composite.dims[d.index()].as_ref().map(|p| p.score);
        Ok(ProductSummary {
            score: m.score,
            interval: m.interval,
            verdict: verdict_basis(m.score, m.total_sd, m.scored_dimensions).verdict(),
            dimensions: DimensionScores {
                usage: dimension(Dimension::Usage),
                adoption: dimension(Dimension::Adoption),
                survey: dimension(Dimension::Survey),
                market: dimension(Dimension::Market),
                competitive: dimension(Dimension::Competitive),
            },
            coverage: m.coverage,
            sources: cited_source_ids(m.values.iter().map(|(id, _)| c.cited(id))),
            warnings: counted.0,
        })
    }
}

/// The numbers of a scored product, before any words: what
/// [`Analyzer::score`] explains and [`Analyzer::summarize`] reports.
struct Measured<'a> {
    /// The metrics with data, the head-to-head comparison among them.
    metrics: Vec<MetricInput>,
    values: PerMetric<f64>,
    competitors: &'a BTreeMap<String, f64>,
    comparisons: Vec<Comparison>,
    composite: Composite,
    subs: PerMetric<SubScore>,
    sampling_var: f64,
    missing_var: f64,
    missing: Vec<MissingMetric>,
    /// The share of the nominal weight that had data.
    coverage: f64,
    score: f64,
    interval: [f64; 2],
    total_sd: f64,
    scored_dimensions: usize,
}

impl<'a> Measured<'a> {
    fn of(
        c: &Config,
        data: &'a ProductData,
        mut metrics: Vec<MetricInput>,
        warnings: &mut dyn WarningSink,
    ) -> Result<Measured<'a>, InputError> {
        static NONE: BTreeMap<String, f64> = BTreeMap::new();
        let competitors = data
            .competitive_data
            .as_ref()
            .and_then(|cd| cd.competitive_benchmarks.as_ref())
            .unwrap_or(&NONE);
        let mut values: PerMetric<f64> = metrics.iter().map(|m| (m.id, m.value)).collect();
        let (head_to_head, comparisons) = head_to_head(c, &values, competitors);
        unmatched_competitor_figures(competitors, &values, warnings);
        if let Some(v) = head_to_head {
            metrics.push(MetricInput {
                id: MetricId::HeadToHead,
                value: v,
                sampling: Sampling::Exact,
                note: Some(MetricNote::HeadToHead {
                    figures: comparisons.len(),
                }),
            });
            values.insert(MetricId::HeadToHead, v);
        }
        let composite = compose(c, &values).ok_or_else(zero_weights)?;
        check_consistency(data, warnings);
        let subs: PerMetric<SubScore> = metrics.iter().map(|m| (m.id, SubScore::of(c, m))).collect();
        // Each metric's sampling error, weighted into the overall score
        // (added dimension by dimension, in report order).
        let mut sampling_var = 0.0;
        for dim in Dimension::ALL {
            let part = composite.dims[dim.index()].as_ref();
            for m in MetricId::ALL.into_iter().filter(|m| m.dimension() == dim) {
                if let Some(sub) = subs.get(m) {
                    let weight = part.map_or(0.0, |d| d.metric_share(c, m));
                    let dim_share = part.map_or(0.0, |d| d.share);
                    sampling_var += square(dim_share * weight * sub.sd);
                }
            }
        }
        let (missing_var, missing, coverage) = missing_data(c, &composite, &values);
        let total_sd = (sampling_var + missing_var).sqrt();
        let half = c.z * total_sd;
        let score = composite.score;
        let scored_dimensions = composite
            .dims
            .iter()
            .flatten()
            .filter(|d| d.share > 0.0)
            .count();
        Ok(Measured {
            metrics,
            values,
            competitors,
            comparisons,
            subs,
            sampling_var,
            missing_var,
            missing,
            coverage,
            score,
            interval: [(score - half).max(0.0), (score + half).min(100.0)],
            total_sd,
            scored_dimensions,
            composite,
        })
    }
}

/// A metric's sub-score with its interval (its value's interval mapped
/// through the curve), and that interval as a standard deviation.
#[derive(Debug, Clone, Copy)]
struct SubScore {
    value_interval: Option<[f64; 2]>,
    score: f64,
    interval: [f64; 2],
    sd: f64,
}

impl SubScore {
    fn of(c: &Config, input: &MetricInput) -> SubScore {
        let curve = c.curve(input.id);
        let value_interval = input.sampling.interval(input.value, c.z);
        let score = curve.score(input.value);
        let (lo, hi) = value_interval.map_or((score, score), |[a, b]| {
            let (sa, sb) = (curve.score(a), curve.score(b));
            (sa.min(sb).min(score), sa.max(sb).max(score))
        });
        SubScore {
            value_interval,
            score,
            interval: [lo, hi],
            sd: (hi - lo) / (2.0 * c.z),
        }
    }
}

/// A warning for each competitor figure of a metric we have no value of.
fn unmatched_competitor_figures(
    competitors: &BTreeMap<String, f64>,
    values: &PerMetric<f64>,
    out: &mut dyn WarningSink,
) {
    let unmatched = competitors
        .keys()
        .filter(|key| MetricId::parse(key).is_some_and(|m| !values.contains(m)));
    for key in unmatched {
        out.warn(&|| {
            Warning::new(
                "benchmark_without_own_value",
                join_path("competitiveData.competitiveBenchmarks", key),
                format!("the competitor's {key} has nothing to be compared with: our own {key} is not given"),
            )
        });
    }
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
/// and its score with an interval widened by its missing metrics.
fn dimension_result(
    c: &Config,
    dim: Dimension,
    part: Option<&DimComposite>,
    by_id: &PerMetric<&MetricInput>,
    subs: &PerMetric<SubScore>,
    comparisons: &[Comparison],
) -> DimensionResult {
    let mut metrics = Vec::new();
    let mut dim_var = 0.0;
    for m in MetricId::ALL.into_iter().filter(|m| m.dimension() == dim) {
        let (Some(input), Some(sub)) = (by_id.get(m), subs.get(m)) else {
            continue;
        };
        let metric = metric_result(c, input, sub, part, comparisons);
        dim_var += square(metric.weight * sub.sd);
        metrics.push(metric);
    }
    // Missing metrics of a scored dimension widen its own interval; an
    // optional metric without data is not missing.
    let has = |m: MetricId| by_id.contains(m);
    let counted = || {
        MetricId::ALL
            .into_iter()
            .filter(|m| m.dimension() == dim && (!m.optional() || has(*m)))
    };
    let total = nominal_total(c, dim, has);
    let missing_in_dim: f64 = counted()
        .filter(|m| !has(*m))
        .map(|m| square(c.metric_weight(m) / total * MISSING_SCORE_SD))
        .sum();
    let (score, interval, summary) = match part {
        Some(d) => {
            let half = c.z * (dim_var + missing_in_dim).sqrt();
            let summary = format!(
                "{} from {} of {} metrics",
                format_suggestion(d.score),
                metrics.len(),
                counted().count()
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

/// One metric's result.
fn metric_result(
    c: &Config,
    input: &MetricInput,
    sub: SubScore,
    part: Option<&DimComposite>,
    comparisons: &[Comparison],
) -> MetricResult {
    let m = input.id;
    let curve = c.curve(m);
    let weight = part.map_or(0.0, |d| d.metric_share(c, m));
    let dim_share = part.map_or(0.0, |d| d.share);
    MetricResult {
        id: m.as_str(),
        label: m.label(),
        unit: m.unit(),
        value: input.value,
        value_interval: sub.value_interval,
        sub_score: sub.score,
        sub_score_interval: sub.interval,
        nominal_weight: c.metric_weight(m),
        weight,
        effective_weight: dim_share * weight,
        contribution: dim_share * weight * sub.score,
        benchmark: benchmark_of(curve, input.value),
        inputs: m.inputs(),
        note: input.note.map(MetricNote::text),
        comparisons: (m == MetricId::HeadToHead).then(|| comparisons.to_vec()),
    }
}

fn benchmark_of(curve: &Curve, value: f64) -> MetricBenchmark {
    MetricBenchmark {
        band: curve.band(value),
        points: curve.anchors.iter().map(BenchmarkPoint::of).collect(),
        next: curve.next_benchmark(value).map(BenchmarkPoint::of),
        higher_is_better: curve.higher_is_better(),
    }
}

/// Variance added by missing data, the list of missing metrics, and the
/// share of the nominal weight that had data. A metric's nominal weight is
/// its dimension's weight times its own, over the dimension's
/// [`nominal_total`]; an optional metric without data is not missing.
fn missing_data(
    c: &Config,
    composite: &Composite,
    present: &PerMetric<f64>,
) -> (f64, Vec<MissingMetric>, f64) {
    let mut var = 0.0;
    let mut missing = Vec::new();
    let mut covered = 0.0;
    for (i, dim) in Dimension::ALL.into_iter().enumerate() {
        let dim_weight = c.dimension_weights[i];
        let scored = composite.dims[i].is_some();
        let has = |m: MetricId| present.contains(m);
        let total = nominal_total(c, dim, has);
        let counted = MetricId::ALL
            .into_iter()
            .filter(|m| m.dimension() == dim && (!m.optional() || has(*m)));
        for m in counted {
            let nominal = dim_weight * c.metric_weight(m) / total;
            if present.contains(m) {
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
                metric: m.as_str(),
                dimension: dim,
                inputs: m.inputs(),
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
        .filter(|m| m.dimension() == dim && !m.optional())
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
