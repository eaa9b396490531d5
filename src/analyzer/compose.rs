//! The weighted composite: each metric's sub-score on its benchmark curve,
//! weighted into dimension scores and the overall score, and the
//! head-to-head comparison with competitors' figures. Recommendations call
//! it again with one metric moved, so it takes plain values.

use crate::analyzer::metric_id::{Dimension, MetricId, PerMetric};
use crate::analyzer::options::Config;
use crate::analyzer::result::Comparison;
use std::collections::BTreeMap;

/// One dimension's part of the composite.
#[derive(Debug, Clone)]
pub(crate) struct DimComposite {
    /// Score 0..100.
    pub(crate) score: f64,
    /// Share of the overall score (renormalised over scored dimensions).
    pub(crate) share: f64,
    /// The sum of the weights of the dimension's metrics with data: a
    /// metric's share within the dimension is its weight over this.
    pub(crate) metric_weight: f64,
}

impl DimComposite {
    /// The weight of metric `m`, one with data, within the dimension.
    pub(crate) fn metric_share(&self, c: &Config, m: MetricId) -> f64 {
        c.metric_weight(m) / self.metric_weight
    }
}

/// The overall score and each dimension's part of it (`None` for a
/// dimension without data), in [`Dimension::ALL`] order.
#[derive(Debug, Clone)]
pub(crate) struct Composite {
    pub(crate) score: f64,
    pub(crate) dims: [Option<DimComposite>; 5],
}

/// The weighted composite of the given metric values; `None` when no
/// dimension with data has a weight above 0.
pub(crate) fn compose(c: &Config, values: &PerMetric<f64>) -> Option<Composite> {
    // Per dimension, in declaration order: how many metrics have data and
    // their weights' sum; then each metric's share and the weighted score.
    let mut present = [0usize; 5];
    let mut metric_weight = [0.0; 5];
    for (m, _) in values.iter() {
        let d = m.dimension().index();
        present[d] += 1;
        metric_weight[d] += c.metric_weight(m);
    }
    let mut scores = [0.0; 5];
    for (m, v) in values.iter() {
        let d = m.dimension().index();
        if metric_weight[d] > 0.0 {
            let share = c.metric_weight(m) / metric_weight[d];
            scores[d] += share * c.curve(m).score(v);
        }
    }
    let mut dims: [Option<DimComposite>; 5] = Default::default();
    let mut weight_sum = 0.0;
    for i in 0..Dimension::ALL.len() {
        if present[i] == 0 || metric_weight[i] <= 0.0 {
            continue;
        }
        if c.dimension_weights[i] > 0.0 {
            weight_sum += c.dimension_weights[i];
        }
        dims[i] = Some(DimComposite {
            // Shares that add to just over 1 in floating point must not
            // give 100.00000000000001.
            score: scores[i].clamp(0.0, 100.0),
            share: c.dimension_weights[i],
            metric_weight: metric_weight[i],
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
    Some(Composite {
        score: score.clamp(0.0, 100.0),
        dims,
    })
}

/// What the nominal weights of a dimension's metrics are shares of: 1 (the
/// weights of its metrics that are not optional, which sum to 1), or, when
/// an optional metric ([`MetricId::optional`]) has data (`has`), their sum
/// plus the weights of the optional metrics with data. An absent optional
/// metric changes nothing: a weight divided by 1 keeps its bits.
pub(crate) fn nominal_total(c: &Config, dim: Dimension, has: impl Fn(MetricId) -> bool) -> f64 {
    let in_dim = || MetricId::ALL.into_iter().filter(move |m| m.dimension() == dim);
    let optional: f64 = in_dim()
        .filter(|m| m.optional() && has(*m))
        .map(|m| c.metric_weight(m))
        .sum();
    if optional <= 0.0 {
        return 1.0;
    }
    let core: f64 = in_dim()
        .filter(|m| !m.optional())
        .map(|m| c.metric_weight(m))
        .sum();
    core + optional
}

/// Head-to-head: for every competitor figure we can match, our sub-score
/// minus theirs on the same curve; the metric's value is their mean.
pub(crate) fn head_to_head(
    c: &Config,
    ours: &PerMetric<f64>,
    theirs: &BTreeMap<String, f64>,
) -> (Option<f64>, Vec<Comparison>) {
    let mut comparisons = Vec::new();
    for (key, their_value) in theirs {
        let Some(metric) = MetricId::parse(key) else {
            continue;
        };
        let Some(our_value) = ours.get(metric) else {
            continue;
        };
        let curve = c.curve(metric);
        comparisons.push(Comparison {
            metric: key.clone(),
            ours: our_value,
            theirs: *their_value,
            points_ahead: curve.score(our_value) - curve.score(*their_value),
        });
    }
    if comparisons.is_empty() {
        return (None, comparisons);
    }
    let mean = comparisons.iter().map(|x| x.points_ahead).sum::<f64>() / comparisons.len() as f64;
    (Some(mean), comparisons)
}
