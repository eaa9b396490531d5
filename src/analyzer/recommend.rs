//! Recommendations: for each metric, the next benchmark band and the points
//! the overall score would gain there, found by re-scoring (never guessed).

use crate::analyzer::benchmarks;
use crate::analyzer::compose::{compose, head_to_head};
use crate::analyzer::metric_id::{MetricId, PerMetric};
use crate::analyzer::model::ProductData;
use crate::analyzer::options::Config;
use crate::analyzer::result::Recommendation;
use crate::format::{format_number, format_short, format_suggestion};
use std::collections::BTreeMap;

/// One recommendation per metric below its next benchmark band, with the
/// points the overall score gains when the metric reaches it, found by
/// re-scoring; best first.
pub(crate) fn recommendations(
    c: &Config,
    values: &PerMetric<f64>,
    competitors: &BTreeMap<String, f64>,
    score: f64,
    product: &ProductData,
) -> Vec<Recommendation> {
    let mut out = Vec::new();
    for (metric, value) in values.iter() {
        if metric == MetricId::HeadToHead {
            continue;
        }
        let curve = c.curve(metric);
        let Some(target) = curve.next_benchmark(value) else {
            continue;
        };
        let mut moved = *values;
        moved.insert(metric, target.value);
        if values.contains(MetricId::HeadToHead) {
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
            c.preset.short_name(),
            format_suggestion((gain * 10.0).round() / 10.0)
        );
        if let Some(extra) = concrete_target(metric, target.value, product) {
            message.push_str(&format!(" ({extra})"));
        }
        out.push(Recommendation {
            metric: metric.as_str(),
            label: metric.label(),
            dimension: metric.dimension(),
            path: metric.inputs().first().copied().unwrap_or_default(),
            current: value,
            target: target.value,
            target_band: target.label,
            gain,
            score_after: after.score,
            message,
        });
    }
    // Best first; ties in a fixed metric order, for deterministic output.
    crate::analyzer::sort_short(&mut out, |a, b| {
        b.gain
            .total_cmp(&a.gain)
            .then_with(|| a.metric.cmp(b.metric))
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
