//! Explaining a score: the verdict with its reason, the figures reported
//! but not scored, and the sources the result cites.

use crate::analyzer::benchmarks::{self, Source};
use crate::analyzer::model::ProductData;
use crate::analyzer::result::{Dimensions, Figure, Verdict};
use crate::format::{format_number, format_suggestion};

/// Above this standard error (points) the verdict is "not enough data".
pub const NOT_ENOUGH_DATA_SD: f64 = 10.0;
/// Fewest scored dimensions for a verdict: one kind of evidence alone
/// (only a survey, only usage) is not validation.
pub const MIN_DIMENSIONS: usize = 2;
/// Verdict thresholds on the score: strong, promising, weak (below: not validated).
pub const VERDICT_THRESHOLDS: [f64; 3] = [80.0, 60.0, 40.0];

pub(crate) fn verdict(
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

/// Figures reported for context, each with why it is not scored.
pub(crate) fn figures(p: &ProductData) -> Vec<Figure> {
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

/// The sources cited by the result's benchmark points, in the order of
/// [`benchmarks::SOURCES`].
pub(crate) fn cited_sources(dimensions: &Dimensions) -> Vec<Source> {
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
