//! Explaining a score: the verdict with its reason, the figures reported
//! but not scored, and the sources the result cites.

use crate::analyzer::benchmarks::{Source, SourceSet};
use crate::analyzer::model::ProductData;
use crate::analyzer::result::{Figure, Verdict};
use crate::format::{format_number, format_suggestion};

/// Above this standard error (points) the verdict is "not enough data".
pub const NOT_ENOUGH_DATA_SD: f64 = 10.0;
/// Fewest scored dimensions for a verdict: one kind of evidence alone
/// (only a survey, only usage) is not validation.
pub const MIN_DIMENSIONS: usize = 2;
/// Verdict thresholds on the score: strong, promising, weak (below: not validated).
pub const VERDICT_THRESHOLDS: [f64; 3] = [80.0, 60.0, 40.0];

/// What a verdict rests on: too few dimensions or too wide an interval for
/// one, or the band the score falls in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum VerdictBasis {
    FewDimensions,
    Uncertain,
    Scored(Verdict),
}

impl VerdictBasis {
    pub(crate) fn verdict(self) -> Verdict {
        match self {
            VerdictBasis::FewDimensions | VerdictBasis::Uncertain => Verdict::NotEnoughData,
            VerdictBasis::Scored(v) => v,
        }
    }
}

/// The verdict's rule: at least [`MIN_DIMENSIONS`] scored dimensions, a
/// standard error of at most [`NOT_ENOUGH_DATA_SD`], then the score's band.
pub(crate) fn verdict_basis(score: f64, sd: f64, scored_dimensions: usize) -> VerdictBasis {
    let [strong, promising, weak] = VERDICT_THRESHOLDS;
    if scored_dimensions < MIN_DIMENSIONS {
        VerdictBasis::FewDimensions
    } else if sd > NOT_ENOUGH_DATA_SD {
        VerdictBasis::Uncertain
    } else if score >= strong {
        VerdictBasis::Scored(Verdict::Strong)
    } else if score >= promising {
        VerdictBasis::Scored(Verdict::Promising)
    } else if score >= weak {
        VerdictBasis::Scored(Verdict::Weak)
    } else {
        VerdictBasis::Scored(Verdict::NotValidated)
    }
}

/// The verdict and its reason in words.
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
    let v = match verdict_basis(score, sd, scored_dimensions) {
        VerdictBasis::FewDimensions => {
            return (
                Verdict::NotEnoughData,
                format!("not enough data: {span}; only {scored_dimensions} of 5 dimensions had data (at least {MIN_DIMENSIONS} are needed for a verdict)"),
            )
        }
        VerdictBasis::Uncertain => {
            return (
                Verdict::NotEnoughData,
                format!(
                    "not enough data: {span}; the standard error is {} points (above {}), with {}% of the weighted metrics given",
                    format_suggestion((sd * 10.0).round() / 10.0),
                    format_number(NOT_ENOUGH_DATA_SD),
                    format_number((coverage * 100.0).round())
                ),
            )
        }
        VerdictBasis::Scored(v) => v,
    };
    // As format_number writes them (f64's own Display adds the float printer).
    let [strong, promising, weak] = VERDICT_THRESHOLDS.map(format_number);
    let band = match v {
        Verdict::Strong => format!("strong (>= {strong})"),
        Verdict::Promising => format!("promising ({promising}-{strong})"),
        Verdict::Weak => format!("weak ({weak}-{promising})"),
        _ => format!("not validated (< {weak})"),
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
    let mut add = |id: &'static str,
                   label: &'static str,
                   value: Option<f64>,
                   unit: &'static str,
                   why: &'static str| {
        if let Some(v) = value.filter(|v| v.is_finite()) {
            out.push(Figure {
                id,
                label,
                value: v,
                unit,
                why_unscored: why,
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

/// The sources the benchmark points of these curves cite (the curves of
/// the metrics with data), in the order of [`benchmarks::SOURCES`].
pub(crate) fn cited_sources(cited: impl Iterator<Item = SourceSet>) -> Vec<Source> {
    cited_set(cited).sources().cloned().collect()
}

/// The ids of [`cited_sources`].
pub(crate) fn cited_source_ids(cited: impl Iterator<Item = SourceSet>) -> Vec<&'static str> {
    cited_set(cited).sources().map(|s| s.id).collect()
}

fn cited_set(cited: impl Iterator<Item = SourceSet>) -> SourceSet {
    cited.fold(SourceSet::default(), SourceSet::union)
}
