//! The weighted composite: each metric's sub-score on its benchmark curve,
//! weighted into dimension scores and the overall score, and the
//! head-to-head comparison with competitors' figures. Recommendations call
//! it again with one metric moved, so it takes plain values.

use crate::analyzer::metric_id::{Dimension, MetricId};
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
    /// Metric -> weight within the dimension (renormalised over present metrics).
    pub(crate) metric_shares: BTreeMap<MetricId, f64>,
}

impl DimComposite {
    /// The weight of metric `m` within the dimension (0 when it has no data).
    pub(crate) fn metric_share(&self, m: MetricId) -> f64 {
        self.metric_shares.get(&m).copied().unwrap_or(0.0)
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
pub(crate) fn compose(c: &Config, values: &BTreeMap<MetricId, f64>) -> Option<Composite> {
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
            // Shares that add to just over 1 in floating point must not
            // give 100.00000000000001.
            score: score.clamp(0.0, 100.0),
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
    Some(Composite {
        score: score.clamp(0.0, 100.0),
        dims,
    })
}

/// Head-to-head: for every competitor figure we can match, our sub-score
/// minus theirs on the same curve; the metric's value is their mean.
pub(crate) fn head_to_head(
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
