//! Turns validated product data into a [`ValidationResult`]: sub-scores from
//! benchmark curves, the weighted composite, its interval, the verdict and
//! the recommendations (each found by re-scoring, not guessed).

use crate::analyzer::benchmarks;
use crate::analyzer::consistency::check_consistency;
use crate::analyzer::metrics::{read_metrics, Dimension, MetricId, MetricInput, Sampling};
use crate::analyzer::model::ProductData;
use crate::analyzer::options::Config;
use crate::analyzer::result::*;
use crate::format::{format_number, format_short, format_suggestion};
use crate::input::problem::{InputError, Problem};
use crate::input::raw::RawValue;
use crate::input::warning::Warning;
use crate::stats::wilson;
use std::collections::BTreeMap;

/// Standard deviation of a score known only to lie in 0..100 (uniform):
/// the uncertainty a missing metric or dimension adds.
pub const MISSING_SCORE_SD: f64 = 28.867_513_459_481_287; // 100 / sqrt(12)
/// Above this standard error (points) the verdict is "not enough data".
pub const NOT_ENOUGH_DATA_SD: f64 = 10.0;
/// Fewest scored dimensions for a verdict: one kind of evidence alone
/// (only a survey, only usage) is not validation.
pub const MIN_DIMENSIONS: usize = 2;
/// Verdict thresholds on the score: strong, promising, weak (below: not validated).
pub const VERDICT_THRESHOLDS: [f64; 3] = [80.0, 60.0, 40.0];

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
        let (product, warnings) = ProductData::from_raw(input)?;
        self.analyze_product(&product, warnings)
    }

    /// Scores validated product data. `warnings` from reading it are passed
    /// through into the result, ahead of the consistency warnings.
    pub fn analyze_product(
        &self,
        product: &ProductData,
        mut warnings: Vec<Warning>,
    ) -> Result<ValidationResult, InputError> {
        let c = &self.config;
        let mut inputs = read_metrics(product, c.z);
        let competitors = product
            .competitive_data
            .as_ref()
            .and_then(|cd| cd.competitive_benchmarks.clone())
            .unwrap_or_default();
        let values: BTreeMap<MetricId, f64> = inputs.iter().map(|m| (m.id, m.value)).collect();
        let (head_to_head, comparisons) = head_to_head(c, &values, &competitors);
        for key in competitors.keys() {
            if MetricId::parse(key).is_some_and(|m| !values.contains_key(&m)) {
                warnings.push(Warning::new(
                    "benchmark_without_own_value",
                    crate::input::problem::join_path("competitiveData.competitiveBenchmarks", key),
                    format!("the competitor's {key} has nothing to be compared with: our own {key} is not given"),
                ));
            }
        }
        if let Some(v) = head_to_head {
            inputs.push(MetricInput {
                id: MetricId::HeadToHead,
                value: v,
                sampling: Sampling::Exact,
                note: Some(format!("mean over {} compared figures", comparisons.len())),
            });
        }
        if inputs.is_empty() {
            let ignored: Vec<&str> = warnings
                .iter()
                .filter(|w| w.code == "unknown_field")
                .map(|w| w.message.as_str())
                .collect();
            let hint = (!ignored.is_empty()).then(|| ignored.join("; "));
            return Err(InputError::new(
                "product data",
                vec![Problem::new(
                    "input",
                    "data with no scorable field",
                    "at least one scorable field, e.g. usageMetrics.retentionRate, surveyData.npsScore, \
                     adoptionData.adoptionRate or marketResearch.targetMarketSize",
                )
                .with_hint(hint)],
            ));
        }
        let mut all_values = values;
        if let Some(v) = head_to_head {
            all_values.insert(MetricId::HeadToHead, v);
        }
        let Some(composite) = compose(c, &all_values) else {
            return Err(InputError::new(
                "options",
                vec![Problem::new(
                    "options",
                    "weights of 0 for every dimension or metric that has data",
                    "a weight above 0 (options.weights, options.metricWeights) for at least one \
                     dimension with data and one of its metrics with data",
                )],
            ));
        };
        warnings.extend(check_consistency(product));

        let by_id: BTreeMap<MetricId, &MetricInput> = inputs.iter().map(|m| (m.id, m)).collect();
        let mut sampling_var = 0.0;
        let mut dims = Vec::with_capacity(5);
        for (d_index, dim) in Dimension::ALL.into_iter().enumerate() {
            let comp = composite.dims[d_index].as_ref();
            let mut metrics = Vec::new();
            let mut dim_var = 0.0;
            for m in MetricId::ALL.into_iter().filter(|m| m.dimension() == dim) {
                let Some(input) = by_id.get(&m) else { continue };
                let curve = c.curve(m);
                let value_interval = value_interval(input, c.z);
                let sub_score = curve.score(input.value);
                let (lo, hi) = value_interval.map_or((sub_score, sub_score), |[a, b]| {
                    let (sa, sb) = (curve.score(a), curve.score(b));
                    (sa.min(sb).min(sub_score), sa.max(sb).max(sub_score))
                });
                let sd = (hi - lo) / (2.0 * c.z);
                let weight = comp.map_or(0.0, |d| d.metric_share(m));
                let dim_share = comp.map_or(0.0, |d| d.share);
                dim_var += square(weight * sd);
                sampling_var += square(dim_share * weight * sd);
                metrics.push(MetricResult {
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
                    comparisons: (m == MetricId::HeadToHead).then(|| comparisons.clone()),
                });
            }
            // Missing metrics of a scored dimension widen its own interval.
            let missing_in_dim: f64 = MetricId::ALL
                .iter()
                .filter(|m| m.dimension() == dim && !by_id.contains_key(m))
                .map(|m| square(c.metric_weight(*m) * MISSING_SCORE_SD))
                .sum();
            let (score, interval, summary) = match comp {
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
                None if metrics.is_empty() => {
                    (None, None, format!("no data: give {}", first_inputs(dim)))
                }
                None => (
                    None,
                    None,
                    "not scored: its weight or its metrics' weights are 0".to_string(),
                ),
            };
            let share = comp.map_or(0.0, |d| d.share);
            dims.push(DimensionResult {
                dimension: dim,
                score,
                interval,
                nominal_weight: c.dimension_weights[d_index],
                effective_weight: share,
                contribution: score.map_or(0.0, |s| share * s),
                metrics,
                summary,
            });
        }

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
        let recommendations = recommendations(c, &all_values, &competitors, score, product);
        let mut dims = dims.into_iter();
        let mut next_dim = || {
            dims.next()
                .unwrap_or_else(|| empty_dimension(Dimension::Usage))
        };
        let dimensions = Dimensions {
            usage: next_dim(),
            adoption: next_dim(),
            survey: next_dim(),
            market: next_dim(),
            competitive: next_dim(),
        };
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
            figures: figures(product),
            market_trends: product
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

/// The sources cited by the result's benchmark points, in the order of
/// [`benchmarks::SOURCES`].
fn cited_sources(dimensions: &Dimensions) -> Vec<benchmarks::Source> {
    let cited: Vec<&str> = dimensions
        .iter()
        .flat_map(|d| &d.metrics)
        .flat_map(|m| &m.benchmark.points)
        .filter_map(|p| p.source.as_deref())
        .collect();
    benchmarks::SOURCES
        .iter()
        .filter(|s| cited.contains(&s.id))
        .cloned()
        .collect()
}

/// x squared, by multiplication: `powi` is not guaranteed to give the same
/// bits on every platform, and results must be bit-identical in wasm.
fn square(x: f64) -> f64 {
    x * x
}

fn empty_dimension(dimension: Dimension) -> DimensionResult {
    DimensionResult {
        dimension,
        score: None,
        interval: None,
        nominal_weight: 0.0,
        effective_weight: 0.0,
        contribution: 0.0,
        metrics: Vec::new(),
        summary: String::new(),
    }
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

/// One dimension's part of the composite.
#[derive(Debug, Clone)]
struct DimComposite {
    /// Score 0..100.
    score: f64,
    /// Share of the overall score (renormalised over scored dimensions).
    share: f64,
    /// Metric -> weight within the dimension (renormalised over present metrics).
    metric_shares: BTreeMap<MetricId, f64>,
}

impl DimComposite {
    fn metric_share(&self, m: MetricId) -> f64 {
        self.metric_shares.get(&m).copied().unwrap_or(0.0)
    }
}

#[derive(Debug, Clone)]
struct Composite {
    score: f64,
    dims: [Option<DimComposite>; 5],
}

/// The weighted composite of the given metric values; `None` when no
/// dimension with data has a weight above 0.
fn compose(c: &Config, values: &BTreeMap<MetricId, f64>) -> Option<Composite> {
    let mut dims: [Option<DimComposite>; 5] = Default::default();
    let mut weight_sum = 0.0;
    for (i, dim) in Dimension::ALL.into_iter().enumerate() {
        let present: Vec<(MetricId, f64)> = values
            .iter()
            .filter(|(m, _)| m.dimension() == dim)
            .map(|(m, v)| (*m, *v))
            .collect();
        let metric_weight: f64 = present.iter().map(|(m, _)| c.metric_weight(*m)).sum();
        if present.is_empty() || metric_weight <= 0.0 {
            continue;
        }
        let mut score = 0.0;
        let mut metric_shares = BTreeMap::new();
        for (m, v) in present {
            let share = c.metric_weight(m) / metric_weight;
            score += share * c.curve(m).score(v);
            metric_shares.insert(m, share);
        }
        if c.dimension_weights[i] > 0.0 {
            weight_sum += c.dimension_weights[i];
        }
        dims[i] = Some(DimComposite {
            score,
            share: c.dimension_weights[i],
            metric_shares,
        });
    }
    if weight_sum <= 0.0 {
        return None;
    }
    let mut score = 0.0;
    for d in dims.iter_mut().flatten() {
        d.share /= weight_sum;
        score += d.share * d.score;
    }
    Some(Composite { score, dims })
}

/// Head-to-head: for every competitor figure we can match, our sub-score
/// minus theirs on the same curve; the metric's value is their mean.
fn head_to_head(
    c: &Config,
    ours: &BTreeMap<MetricId, f64>,
    theirs: &BTreeMap<String, f64>,
) -> (Option<f64>, Vec<Comparison>) {
    let mut comparisons = Vec::new();
    for (key, their_value) in theirs {
        let Some(metric) = MetricId::parse(key) else {
            continue;
        };
        let Some(our_value) = ours.get(&metric) else {
            continue;
        };
        let curve = c.curve(metric);
        comparisons.push(Comparison {
            metric: key.clone(),
            ours: *our_value,
            theirs: *their_value,
            points_ahead: curve.score(*our_value) - curve.score(*their_value),
        });
    }
    if comparisons.is_empty() {
        return (None, comparisons);
    }
    let mean = comparisons.iter().map(|x| x.points_ahead).sum::<f64>() / comparisons.len() as f64;
    (Some(mean), comparisons)
}

fn value_interval(input: &MetricInput, z: f64) -> Option<[f64; 2]> {
    match input.sampling {
        Sampling::Exact => None,
        Sampling::Proportion { n } if n > 0.0 => {
            let (lo, hi) = wilson(input.value * n, n, z);
            Some([lo, hi])
        }
        Sampling::Proportion { .. } => Some([0.0, 1.0]),
        Sampling::Interval { low, high } => Some([low.min(input.value), high.max(input.value)]),
    }
}

fn benchmark_of(curve: &crate::analyzer::curve::Curve, value: f64) -> MetricBenchmark {
    let point = |a: &crate::analyzer::curve::Anchor| BenchmarkPoint {
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

fn verdict(
    score: f64,
    interval: [f64; 2],
    sd: f64,
    scored_dimensions: usize,
    level: f64,
    coverage: f64,
) -> (Verdict, String) {
    let pct = format_number((level * 100.0 * 10.0).round() / 10.0);
    let span = format!(
        "score {} ({pct}% interval {}-{})",
        format_number((score * 10.0).round() / 10.0),
        format_number((interval[0] * 10.0).round() / 10.0),
        format_number((interval[1] * 10.0).round() / 10.0)
    );
    if scored_dimensions < MIN_DIMENSIONS {
        return (
            Verdict::NotEnoughData,
            format!("not enough data: {span}; only {scored_dimensions} of 5 dimensions had data (at least {MIN_DIMENSIONS} are needed for a verdict)"),
        );
    }
    if sd > NOT_ENOUGH_DATA_SD {
        return (
            Verdict::NotEnoughData,
            format!(
                "not enough data: {span}; the standard error is {} points (above {NOT_ENOUGH_DATA_SD}), with {}% of the weighted metrics given",
                format_suggestion((sd * 10.0).round() / 10.0),
                format_number((coverage * 100.0).round())
            ),
        );
    }
    let [strong, promising, weak] = VERDICT_THRESHOLDS;
    let (v, band) = if score >= strong {
        (Verdict::Strong, format!("strong (>= {strong})"))
    } else if score >= promising {
        (
            Verdict::Promising,
            format!("promising ({promising}-{strong})"),
        )
    } else if score >= weak {
        (Verdict::Weak, format!("weak ({weak}-{promising})"))
    } else {
        (Verdict::NotValidated, format!("not validated (< {weak})"))
    };
    let mut reason = format!("{span}: {band}");
    let crossed: Vec<String> = VERDICT_THRESHOLDS
        .iter()
        .filter(|t| interval[0] < **t && interval[1] >= **t)
        .map(|t| format_number(*t))
        .collect();
    if !crossed.is_empty() {
        reason.push_str(&format!("; the interval crosses {}", crossed.join(" and ")));
    }
    (v, reason)
}

fn recommendations(
    c: &Config,
    values: &BTreeMap<MetricId, f64>,
    competitors: &BTreeMap<String, f64>,
    score: f64,
    product: &ProductData,
) -> Vec<Recommendation> {
    let mut out = Vec::new();
    for (&metric, &value) in values {
        if metric == MetricId::HeadToHead {
            continue;
        }
        let curve = c.curve(metric);
        let Some(target) = curve.next_benchmark(value) else {
            continue;
        };
        let mut moved = values.clone();
        moved.insert(metric, target.value);
        if values.contains_key(&MetricId::HeadToHead) {
            if let (Some(h), _) = head_to_head(c, &moved, competitors) {
                moved.insert(MetricId::HeadToHead, h);
            }
        }
        let Some(after) = compose(c, &moved) else {
            continue;
        };
        let gain = after.score - score;
        if gain <= 1e-9 {
            continue;
        }
        let verb = if curve.higher_is_better() {
            "Raise"
        } else {
            "Lower"
        };
        let source = target
            .source
            .and_then(benchmarks::source)
            .map(|s| {
                s.citation
                    .split(',')
                    .next()
                    .unwrap_or(s.citation)
                    .to_string()
            })
            .unwrap_or_default();
        let mut message = format!(
            "{verb} {} from {} to {} ({} for {}; {source}): +{} points",
            metric.label(),
            format_short(value),
            format_short(target.value),
            target.label,
            c.preset.as_str(),
            format_suggestion((gain * 10.0).round() / 10.0)
        );
        if let Some(extra) = concrete_target(metric, target.value, product) {
            message.push_str(&format!(" ({extra})"));
        }
        out.push(Recommendation {
            metric: metric.as_str().to_string(),
            label: metric.label().to_string(),
            dimension: metric.dimension(),
            path: metric
                .inputs()
                .first()
                .map(|s| s.to_string())
                .unwrap_or_default(),
            current: value,
            target: target.value,
            target_band: target.label.to_string(),
            gain,
            score_after: after.score,
            message,
        });
    }
    // Best first; ties in a fixed metric order, for deterministic output.
    out.sort_by(|a, b| {
        b.gain
            .total_cmp(&a.gain)
            .then_with(|| a.metric.cmp(&b.metric))
    });
    out
}

/// A ratio target in the units the team controls: "about 3,000 daily users".
fn concrete_target(metric: MetricId, target: f64, p: &ProductData) -> Option<String> {
    let u = p.usage_metrics.as_ref()?;
    match metric {
        MetricId::DauMauRatio => u.monthly_active_users.map(|m| {
            format!(
                "about {} daily active users of {} monthly",
                format_number((target * m).round()),
                format_number(m)
            )
        }),
        MetricId::DauWauRatio => u.weekly_active_users.map(|w| {
            format!(
                "about {} daily active users of {} weekly",
                format_number((target * w).round()),
                format_number(w)
            )
        }),
        _ => None,
    }
}

fn figures(p: &ProductData) -> Vec<Figure> {
    let mut out = Vec::new();
    let mut add = |id: &str, label: &str, value: Option<f64>, unit: &str, why: &str| {
        if let Some(v) = value.filter(|v| v.is_finite()) {
            out.push(Figure {
                id: id.into(),
                label: label.into(),
                value: v,
                unit: unit.into(),
                why_unscored: why.into(),
            });
        }
    };
    const NO_BENCHMARK: &str = "no published benchmark holds across product categories";
    if let Some(u) = &p.usage_metrics {
        add(
            "sessionDuration",
            "Average session length",
            u.session_duration,
            "minutes",
            NO_BENCHMARK,
        );
        let wau_mau = match (u.weekly_active_users, u.monthly_active_users) {
            (Some(w), Some(m)) if m > 0.0 => Some(w / m),
            _ => None,
        };
        add(
            "wauMauRatio",
            "WAU/MAU (0.6+ suggests a weekly habit)",
            wau_mau,
            "fraction 0..1",
            "a usage pattern, not a quality: DAU/MAU and DAU/WAU are scored",
        );
    }
    if let Some(a) = &p.adoption_data {
        let share = match (a.power_users, a.total_users) {
            (Some(pu), Some(t)) if t > 0.0 => Some(pu / t),
            _ => None,
        };
        add(
            "powerUserShare",
            "Power users / total users",
            share,
            "fraction 0..1",
            "power user definitions differ by product",
        );
    }
    if let Some(s) = &p.survey_data {
        add(
            "likelihoodToRecommend",
            "Mean likelihood to recommend",
            s.likelihood_to_recommend,
            "mean rating 0..10",
            "the NPS from the same question is scored",
        );
        add(
            "feedbackVolume",
            "Survey responses",
            s.feedback_volume,
            "count",
            "it sets the interval, not the score",
        );
    }
    if let Some(m) = &p.market_research {
        add(
            "marketPenetration",
            "Market penetration",
            m.market_penetration,
            "fraction 0..1",
            "no published benchmark; checked against user counts",
        );
    }
    if let Some(e) = &p.unit_economics {
        let ltv = match (
            e.average_revenue_per_account,
            e.gross_margin,
            e.monthly_churn,
        ) {
            (Some(arpa), Some(gm), Some(churn)) if churn > 0.0 => Some(arpa * gm / churn),
            _ => None,
        };
        add(
            "lifetimeValue",
            "Customer lifetime value (ARPA x margin / churn)",
            ltv,
            "currency units",
            "scored as LTV:CAC",
        );
    }
    out
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
