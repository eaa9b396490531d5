//! Warnings about the data: values that are each valid but do not fit
//! together, samples too small to trust, fields that were ignored.
//!
//! A warning never stops the analysis; it names the field path so a form can
//! show it next to the input it concerns.

use crate::analyzer::benchmarks::MIN_SURVEY_RESPONSES;
use crate::analyzer::metric_inputs::{sus_respondents, user_sample_size, SusRespondents};
use crate::analyzer::model::{
    AdoptionData, CompetitiveAnalysisData, MarketResearchData, NpsResponses, ProductData,
    SurveyData, UsageMetrics,
};
use crate::format::{format_number, format_suggestion};
use crate::analyzer::contradictions::stickiness_contradictions;
use crate::input::warning::{Warning, WarningSink};
use crate::stats::nps_of_counts;

/// Customer segment shares may sum to 1 +- this and still pass as "about 1".
pub const SEGMENT_SUM_TOLERANCE: f64 = 0.1;
/// Market revenue implied by penetration and by user counts may differ by
/// this factor before we call it inconsistent.
pub const MARKET_SHARE_TOLERANCE: f64 = 10.0;

/// Checks that the values fit together. Gives the warnings in a fixed
/// order (group by group), so output is deterministic.
pub(crate) fn check_consistency(p: &ProductData, out: &mut dyn WarningSink) {
    if let Some(u) = &p.usage_metrics {
        check_usage(u, out);
    }
    check_user_count(p, out);
    if let Some(a) = &p.adoption_data {
        check_adoption(a, out);
    }
    if let Some(s) = &p.survey_data {
        check_survey(s, out);
    }
    if let Some(m) = &p.market_research {
        check_segments(m, out);
        check_market_share(p, out);
    }
    if let Some(c) = &p.competitive_data {
        check_position(c, out);
    }
}

/// DAU <= WAU <= MAU, and the retention horizon of the benchmarks.
fn check_usage(u: &UsageMetrics, out: &mut dyn WarningSink) {
    stickiness_contradictions(u, out);
    if let Some(h) = u.retention_horizon_months {
        if h != 6.0 {
            out.warn(&|| Warning::new(
                "retention_horizon",
                "usageMetrics.retentionHorizonMonths",
                format!("retention is measured at {} months but the benchmarks are for 6 months; the comparison is approximate", format_number(h)),
            ));
        }
    }
}

/// Retention and adoption rates are shares of a user count that should be
/// given.
fn check_user_count(p: &ProductData, out: &mut dyn WarningSink) {
    let user_shares = p
        .usage_metrics
        .as_ref()
        .is_some_and(|u| u.retention_rate.is_some())
        || p.adoption_data.as_ref().is_some_and(|a| {
            a.adoption_rate.is_some()
                || a.feature_adoption_rates
                    .as_ref()
                    .is_some_and(|r| !r.is_empty())
        });
    if user_shares && user_sample_size(p).is_none() {
        out.warn(&|| Warning::new(
            "user_count_unknown",
            "adoptionData.totalUsers",
            format!(
                "retention and adoption rates are shares of users, but no user count is given \
                 (adoptionData.totalUsers or usageMetrics.monthlyActiveUsers); the interval assumes {} users",
                format_number(MIN_SURVEY_RESPONSES)
            ),
        ));
    }
}

/// Power and casual users within the total.
fn check_adoption(a: &AdoptionData, out: &mut dyn WarningSink) {
    if let (Some(power), Some(casual), Some(total)) = (a.power_users, a.casual_users, a.total_users)
    {
        if power + casual > total {
            out.warn(&|| Warning::new(
                "user_groups_exceed_total",
                "adoptionData.powerUsers",
                format!(
                    "power users ({}) plus casual users ({}) exceed total users ({})",
                    format_number(power),
                    format_number(casual),
                    format_number(total)
                ),
            ));
        }
    }
}

/// Customer segment shares summing to about 1.
fn check_segments(m: &MarketResearchData, out: &mut dyn WarningSink) {
    if let Some(segments) = &m.customer_segmentation {
        let sum: f64 = segments.values().sum();
        if !segments.is_empty() && (sum - 1.0).abs() > SEGMENT_SUM_TOLERANCE {
            out.warn(&|| Warning::new(
                "segment_shares_sum",
                "marketResearch.customerSegmentation",
                format!(
                    "customer segment shares sum to {}, not about 1",
                    format_suggestion(sum)
                ),
            ));
        }
    }
}

/// A rank possible among the competitors.
fn check_position(c: &CompetitiveAnalysisData, out: &mut dyn WarningSink) {
    if let (Some(rank), Some(count)) = (c.market_position, c.competitor_count) {
        if rank > count + 1.0 {
            out.warn(&|| Warning::new(
                "position_beyond_competitors",
                "competitiveData.marketPosition",
                format!(
                    "rank {} is impossible among {} competitors (the lowest rank is {})",
                    format_number(rank),
                    format_number(count),
                    format_number(count + 1.0)
                ),
            ));
        }
    }
}

fn check_survey(s: &SurveyData, out: &mut dyn WarningSink) {
    let has_scores = s.has_scores();
    // Every survey score but an NPS computed from its own counts is sized by
    // feedbackVolume.
    let nps_has_counts = s.nps_responses.as_ref().and_then(|r| r.counts()).is_some();
    let needs_volume = (s.nps_score.is_some() && !nps_has_counts)
        || s.satisfaction_score.is_some()
        || s.csat_share.is_some()
        || s.feature_ratings.as_ref().is_some_and(|r| !r.is_empty());
    match s.feedback_volume {
        Some(n) if n < MIN_SURVEY_RESPONSES && has_scores => out.warn(&|| Warning::new(
            "small_survey",
            "surveyData.feedbackVolume",
            format!("only {} survey responses: too few to trust (about {} is the practical minimum); the interval is wide", format_number(n), format_number(MIN_SURVEY_RESPONSES)),
        )),
        None if needs_volume => out.warn(&|| Warning::new(
            "survey_size_unknown",
            "surveyData.feedbackVolume",
            format!("the number of survey responses is not given; the interval assumes {} (the practical minimum)", format_number(MIN_SURVEY_RESPONSES)),
        )),
        _ => {}
    }
    if let Some(nps) = s.nps_score {
        if nps != 0.0 && nps.abs() < 1.0 && nps.fract() != 0.0 {
            out.warn(&|| Warning::new(
                "nps_looks_like_fraction",
                "surveyData.npsScore",
                format!(
                    "npsScore is {}: NPS runs from -100 to 100; did you mean {}?",
                    format_number(nps),
                    format_suggestion(nps * 100.0)
                ),
            ));
        }
        let from_counts = s.nps_responses.as_ref().and_then(NpsResponses::counts);
        if let Some(computed) = from_counts.map(|(p, a, d)| nps_of_counts(p, a, d)) {
            if (computed - nps).abs() > 1.0 {
                out.warn(&|| Warning::new(
                    "nps_mismatch",
                    "surveyData.npsScore",
                    format!(
                        "npsScore is {} but npsResponses give {}; the responses are used",
                        format_number(nps),
                        format_suggestion(computed)
                    ),
                ));
            }
        }
    }
    check_sus(s, out);
    if let Some(se) = &s.sean_ellis {
        let n = se.very_disappointed.unwrap_or(0.0)
            + se.somewhat_disappointed.unwrap_or(0.0)
            + se.not_disappointed.unwrap_or(0.0);
        if n > 0.0 && n < MIN_SURVEY_RESPONSES {
            out.warn(&|| Warning::new(
                "small_sean_ellis_sample",
                "surveyData.seanEllis",
                format!("only {} Sean Ellis answers from users: too few to trust (about {} is the practical minimum)", format_number(n), format_number(MIN_SURVEY_RESPONSES)),
            ));
        }
    }
}

/// The SUS score's respondents, and a score on the wrong scale.
fn check_sus(s: &SurveyData, out: &mut dyn WarningSink) {
    let Some(sus) = s.sus_score else {
        if s.sus_responses.is_some() {
            out.warn(&|| {
                Warning::new(
                    "sus_responses_without_score",
                    "surveyData.susResponses",
                    "susResponses is given without susScore, the score it counts the respondents of; it is ignored",
                )
            });
        }
        return;
    };
    let (n, from) = sus_respondents(s);
    if from != SusRespondents::Given {
        out.warn(&|| {
            let assumed = match from {
                SusRespondents::FeedbackVolume => format!(
                    "the interval takes feedbackVolume's {} survey responses as its respondents",
                    format_number(n)
                ),
                _ => format!(
                    "the interval assumes {} (the practical minimum; feedbackVolume is not given either)",
                    format_number(n)
                ),
            };
            Warning::new(
                "sus_responses_unknown",
                "surveyData.susResponses",
                format!("the number of respondents behind susScore is not given; {assumed}"),
            )
        });
    }
    if sus > 0.0 && sus < 1.0 {
        out.warn(&|| {
            Warning::new(
                "sus_looks_like_fraction",
                "surveyData.susScore",
                format!(
                    "susScore is {}: SUS scores run from 0 to 100; did you mean {}?",
                    format_number(sus),
                    format_suggestion(sus * 100.0)
                ),
            )
        });
    }
}

/// Penetration times market size is the revenue the product should already
/// have; user counts (times revenue per account, when given) say what it has.
fn check_market_share(p: &ProductData, out: &mut dyn WarningSink) {
    let Some(m) = &p.market_research else { return };
    let (Some(share), Some(size)) = (m.market_penetration, m.target_market_size) else {
        return;
    };
    if share <= 0.0 || size <= 0.0 {
        return;
    }
    let implied_revenue = share * size;
    let Some(users) = user_sample_size(p).filter(|u| *u > 0.0) else {
        return;
    };
    let arpa = p
        .unit_economics
        .as_ref()
        .and_then(|e| e.average_revenue_per_account);
    if let Some(arpa) = arpa.filter(|a| *a > 0.0) {
        let from_users = users * arpa * 12.0;
        let ratio = implied_revenue / from_users;
        if !(1.0 / MARKET_SHARE_TOLERANCE..=MARKET_SHARE_TOLERANCE).contains(&ratio) {
            out.warn(&|| Warning::new(
                "market_share_inconsistent",
                "marketResearch.marketPenetration",
                format!(
                    "penetration {} of a {} market implies {} of yearly revenue, but {} users at {} a month make {} a year ({}x apart)",
                    format_suggestion(share),
                    format_number(size),
                    format_suggestion(implied_revenue),
                    format_number(users),
                    format_number(arpa),
                    format_suggestion(from_users),
                    format_suggestion(if ratio >= 1.0 { ratio } else { 1.0 / ratio })
                ),
            ));
        }
    } else if implied_revenue > 0.0 {
        let per_user = implied_revenue / users;
        if !(1.0..=1e6).contains(&per_user) {
            out.warn(&|| Warning::new(
                "market_share_inconsistent",
                "marketResearch.marketPenetration",
                format!(
                    "penetration {} of a {} market implies {} of yearly revenue, {} per user a year from {} users: implausible",
                    format_suggestion(share),
                    format_number(size),
                    format_suggestion(implied_revenue),
                    format_suggestion(per_user),
                    format_number(users)
                ),
            ));
        }
    }
}
