//! The metrics a product's data yields: each metric's value, read or
//! derived from the fields (DAU / MAU, the Sean Ellis share, LTV:CAC...),
//! with a description of its sampling error. The interval itself depends on
//! the confidence level, so the scorer computes it ([`Sampling::interval`]).

use crate::analyzer::benchmarks::MIN_SURVEY_RESPONSES;
use crate::analyzer::contradictions::stickiness_contradictions;
use crate::analyzer::metric_id::MetricId;
use crate::analyzer::model::{
    AdoptionData, CompetitiveAnalysisData, MarketResearchData, NpsResponses, ProductData,
    SurveyData, UnitEconomics, UsageMetrics,
};
use crate::format::{format_number, format_suggestion};
use crate::input::units::NumberKind;
use crate::research::sus::sus_grade;
use crate::stats;
use crate::input::warning::WarningCount;

/// How much a metric's value could be off by sampling.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Sampling {
    /// Not a sample (a market estimate, a self-assessment): no interval.
    Exact,
    /// A proportion out of `n`: Wilson interval.
    Proportion {
        /// Number of people it was measured on.
        n: f64,
    },
    /// An NPS from promoter, passive and detractor counts: adjusted-Wald
    /// interval.
    NpsCounts {
        /// Answers of 9 or 10.
        promoters: f64,
        /// Answers of 7 or 8.
        passives: f64,
        /// Answers of 0 to 6.
        detractors: f64,
    },
    /// An NPS given as a score over `n` answers: the most spread-out split
    /// that gives it ([`stats::nps_from_score`]).
    NpsScore {
        /// Number of answers.
        n: f64,
    },
    /// A CSAT share implied by a mean rating on a 1..5 scale over `n`
    /// answers: the interval of the mean, as the least shares it implies.
    MeanRating {
        /// The mean rating.
        mean: f64,
        /// Number of answers.
        n: f64,
    },
    /// A mean score on a scale from `min` to `max` over `n` respondents,
    /// its spread unknown: the Bhatia-Davis interval of the mean
    /// ([`stats::mean_rating_interval`]), on the score's own scale.
    BoundedMean {
        /// Number of respondents.
        n: f64,
        /// Lowest score on the scale.
        min: f64,
        /// Highest score on the scale.
        max: f64,
    },
}

impl Sampling {
    /// The interval on `value` at the normal quantile `z`; `None` for an
    /// exact value. Always contains `value`.
    pub fn interval(self, value: f64, z: f64) -> Option<[f64; 2]> {
        let around = |low: f64, high: f64| Some([low.min(value), high.max(value)]);
        match self {
            Sampling::Exact => None,
            Sampling::Proportion { n } if n > 0.0 => {
                let (lo, hi) = stats::wilson(value * n, n, z);
                Some([lo, hi])
            }
            Sampling::Proportion { .. } => Some([0.0, 1.0]),
            Sampling::NpsCounts {
                promoters,
                passives,
                detractors,
            } => {
                let e = stats::nps_adjusted_wald(promoters, passives, detractors, z);
                around(e.low, e.high)
            }
            Sampling::NpsScore { n } => {
                let e = stats::nps_from_score(value, n, z);
                around(e.low, e.high)
            }
            Sampling::MeanRating { mean, n } => {
                let (lo, hi) = stats::mean_rating_interval(mean, n, 1.0, 5.0, z);
                around(csat_lower_bound(lo), csat_lower_bound(hi))
            }
            Sampling::BoundedMean { n, min, max } => {
                let (lo, hi) = stats::mean_rating_interval(value, n, min, max, z);
                around(lo, hi)
            }
        }
    }
}

/// A metric's value as read from the data.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricInput {
    /// Which metric.
    pub id: MetricId,
    /// Its value, in its unit.
    pub value: f64,
    /// Its sampling error.
    pub sampling: Sampling,
    /// How it was derived, when not read directly.
    pub note: Option<MetricNote>,
}

/// How a metric was derived, in words only when shown
/// ([`MetricNote::text`]): a summary never shows them, and formatting
/// their numbers was a tenth of reading the metrics.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MetricNote {
    /// The mean of `features` features' adoption rates.
    FeatureMean { features: usize },
    /// The Sean Ellis share out of the answers that count.
    SeanEllis {
        very_disappointed: f64,
        users: f64,
        no_longer_use: f64,
    },
    /// An NPS from the three counts.
    NpsCounts,
    /// A CSAT share implied by a mean rating.
    MeanRating { mean: f64 },
    /// Feature satisfaction from the mean of `features` ratings.
    FeatureRatings { mean: f64, features: usize },
    /// LTV is 0: no gross profit per account.
    NoProfitLtv,
    /// LTV:CAC shown as the cap, `why` it is unbounded.
    UnboundedLtv { why: &'static str },
    /// The payback shown as the cap: no gross profit per account.
    NoProfitPayback,
    /// The head-to-head mean over `figures` compared figures.
    HeadToHead { figures: usize },
    /// A mean SUS score over `respondents`, counted as `from` says, with
    /// its grade.
    Sus {
        respondents: f64,
        from: SusRespondents,
        grade: &'static str,
    },
}

impl MetricNote {
    /// The note as results show it.
    pub fn text(self) -> String {
        match self {
            MetricNote::FeatureMean { features } => format!("mean of {features} features"),
            MetricNote::SeanEllis {
                very_disappointed,
                users,
                no_longer_use,
            } => format!(
                "{} of {} users very disappointed ({} \"no longer use it\" answers left out)",
                format_number(very_disappointed),
                format_number(users),
                format_number(no_longer_use)
            ),
            MetricNote::NpsCounts => {
                "from promoter/passive/detractor counts (adjusted Wald)".to_string()
            }
            MetricNote::MeanRating { mean } => format!(
                "from the mean rating {}: at least this share of answers were 4 or 5",
                format_number(mean)
            ),
            MetricNote::FeatureRatings { mean, features } => format!(
                "mean feature rating {} over {features} features, as the least share of 4-5 answers it implies",
                format_suggestion(mean)
            ),
            MetricNote::NoProfitLtv => "no gross profit per account: LTV is 0".to_string(),
            MetricNote::UnboundedLtv { why } => format!(
                "{why} makes LTV:CAC unbounded; shown as the cap, {}",
                format_number(LTV_TO_CAC_CAP)
            ),
            MetricNote::NoProfitPayback => format!(
                "no gross profit per account: CAC is never paid back; shown as the cap, {} months",
                format_number(CAC_PAYBACK_CAP_MONTHS)
            ),
            MetricNote::HeadToHead { figures } => {
                format!("mean over {figures} compared figures")
            }
            MetricNote::Sus {
                respondents,
                from,
                grade,
            } => {
                let n = format_number(respondents);
                let of = match from {
                    SusRespondents::Given => format!("mean of {n} respondents"),
                    SusRespondents::FeedbackVolume => {
                        format!("mean of {n} respondents as feedbackVolume counts them (susResponses not given)")
                    }
                    SusRespondents::Assumed => {
                        format!("{n} respondents assumed (susResponses not given)")
                    }
                };
                format!("{of}; grade {grade} on Sauro & Lewis's curved scale")
            }
        }
    }
}

/// Sample size assumed when a share's sample is not given (no
/// `feedbackVolume` for survey shares, no user counts for retention and
/// activation): the practitioners' minimum, [`MIN_SURVEY_RESPONSES`]. A
/// warning says so; an unknown sample is never treated as exact.
pub const ASSUMED_SAMPLE_SIZE: f64 = MIN_SURVEY_RESPONSES;

/// The product's users: `totalUsers`, else `monthlyActiveUsers`. Retention
/// and activation are shares of them; the market-share check prices them.
pub fn user_sample_size(p: &ProductData) -> Option<f64> {
    p.adoption_data
        .as_ref()
        .and_then(|a| a.total_users)
        .or_else(|| {
            p.usage_metrics
                .as_ref()
                .and_then(|u| u.monthly_active_users)
        })
}

/// Where the number of respondents behind `susScore` comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SusRespondents {
    /// `susResponses`.
    Given,
    /// `feedbackVolume`, as for the other survey figures without their own
    /// counts.
    FeedbackVolume,
    /// Neither: [`ASSUMED_SAMPLE_SIZE`].
    Assumed,
}

/// The number of respondents the SUS mean is taken to be of, and where it
/// comes from: `susResponses`, else `feedbackVolume` (above 0), else
/// [`ASSUMED_SAMPLE_SIZE`], as every survey figure without its own count is
/// sized (a warning says which).
pub fn sus_respondents(s: &SurveyData) -> (f64, SusRespondents) {
    if let Some(n) = s.sus_responses {
        (n, SusRespondents::Given)
    } else if let Some(n) = s.feedback_volume.filter(|n| *n > 0.0) {
        (n, SusRespondents::FeedbackVolume)
    } else {
        (ASSUMED_SAMPLE_SIZE, SusRespondents::Assumed)
    }
}

/// Smallest CSAT share (answers of 4 or 5) consistent with a mean rating on a
/// 1..5 scale: answers of 3 or less add at most 3, answers of 4-5 at most 5,
/// so mean <= 3 + 2 * share, i.e. share >= (mean - 3) / 2.
pub fn csat_lower_bound(mean_rating: f64) -> f64 {
    ((mean_rating - 3.0) / 2.0).clamp(0.0, 1.0)
}

/// Reads every metric that the data allows (all but [`MetricId::HeadToHead`],
/// which needs the benchmark curves), in a fixed order.
pub fn read_metrics(p: &ProductData) -> Vec<MetricInput> {
    let mut out = Metrics::default();
    let user_sampling = Sampling::Proportion {
        n: user_sample_size(p).unwrap_or(ASSUMED_SAMPLE_SIZE),
    };
    if let Some(u) = &p.usage_metrics {
        usage(u, user_sampling, &mut out);
    }
    if let Some(a) = &p.adoption_data {
        adoption(a, user_sampling, &mut out);
    }
    if let Some(s) = &p.survey_data {
        survey(s, &mut out);
    }
    if let Some(m) = &p.market_research {
        market(m, &mut out);
    }
    if let Some(e) = &p.unit_economics {
        unit_economics(e, &mut out);
    }
    if let Some(c) = &p.competitive_data {
        competitive(c, &mut out);
    }
    out.0
}

/// The metrics read so far.
#[derive(Default)]
struct Metrics(Vec<MetricInput>);

impl Metrics {
    /// Adds a metric, unless its value is not a finite number (a ratio of
    /// extreme inputs can overflow): a metric without a value is missing.
    fn push(&mut self, id: MetricId, value: f64, sampling: Sampling, note: Option<MetricNote>) {
        if value.is_finite() {
            self.0.push(MetricInput {
                id,
                value,
                sampling,
                note,
            });
        }
    }
}

/// Stickiness and retention.
fn usage(u: &UsageMetrics, user_sampling: Sampling, out: &mut Metrics) {
    // Counts that contradict each other are scored as missing (and warned
    // about), never capped into a perfect ratio.
    let mut contradictions = WarningCount::default();
    stickiness_contradictions(u, &mut contradictions);
    let counts_fit = contradictions.0 == 0;
    let mau = u.monthly_active_users.filter(|m| *m > 0.0 && counts_fit);
    let wau = u.weekly_active_users.filter(|w| *w > 0.0 && counts_fit);
    if let (Some(dau), Some(mau)) = (u.daily_active_users, mau) {
        out.push(
            MetricId::DauMauRatio,
            (dau / mau).min(1.0),
            Sampling::Proportion { n: mau },
            None,
        );
    }
    if let (Some(dau), Some(wau)) = (u.daily_active_users, wau) {
        out.push(
            MetricId::DauWauRatio,
            (dau / wau).min(1.0),
            Sampling::Proportion { n: wau },
            None,
        );
    }
    if let Some(r) = u.retention_rate {
        out.push(MetricId::RetentionRate, r, user_sampling, None);
    }
}

/// Activation, feature adoption and time to adoption.
fn adoption(a: &AdoptionData, user_sampling: Sampling, out: &mut Metrics) {
    if let Some(r) = a.adoption_rate {
        out.push(MetricId::AdoptionRate, r, user_sampling, None);
    }
    if let Some(rates) = a.feature_adoption_rates.as_ref().filter(|r| !r.is_empty()) {
        let mean = rates.values().sum::<f64>() / rates.len() as f64;
        let note = Some(MetricNote::FeatureMean {
            features: rates.len(),
        });
        out.push(MetricId::FeatureAdoption, mean, user_sampling, note);
    }
    if let Some(days) = a.time_to_adoption {
        out.push(MetricId::TimeToAdoption, days, Sampling::Exact, None);
    }
}

/// The Sean Ellis share, NPS, CSAT and feature satisfaction, each sized by
/// its own answer counts or by `feedbackVolume`.
fn survey(s: &SurveyData, out: &mut Metrics) {
    let n = s
        .feedback_volume
        .filter(|n| *n > 0.0)
        .unwrap_or(ASSUMED_SAMPLE_SIZE);
    if let Some(se) = &s.sean_ellis {
        let vd = se.very_disappointed.unwrap_or(0.0);
        let users =
            vd + se.somewhat_disappointed.unwrap_or(0.0) + se.not_disappointed.unwrap_or(0.0);
        if users > 0.0 {
            let note = Some(MetricNote::SeanEllis {
                very_disappointed: vd,
                users,
                no_longer_use: se.no_longer_use.unwrap_or(0.0),
            });
            out.push(
                MetricId::SeanEllisShare,
                vd / users,
                Sampling::Proportion { n: users },
                note,
            );
        }
    }
    if let Some((promoters, passives, detractors)) =
        s.nps_responses.as_ref().and_then(NpsResponses::counts)
    {
        let note = Some(MetricNote::NpsCounts);
        out.push(
            MetricId::NpsScore,
            stats::nps_of_counts(promoters, passives, detractors),
            Sampling::NpsCounts {
                promoters,
                passives,
                detractors,
            },
            note,
        );
    } else if let Some(nps) = s.nps_score {
        out.push(MetricId::NpsScore, nps, Sampling::NpsScore { n }, None);
    }
    if let Some(share) = s.csat_share {
        out.push(MetricId::CsatShare, share, Sampling::Proportion { n }, None);
    } else if let Some(mean) = s.satisfaction_score {
        let note = Some(MetricNote::MeanRating { mean });
        let sampling = Sampling::MeanRating { mean, n };
        out.push(MetricId::CsatShare, csat_lower_bound(mean), sampling, note);
    }
    if let Some(ratings) = s.feature_ratings.as_ref().filter(|r| !r.is_empty()) {
        let mean = ratings.values().sum::<f64>() / ratings.len() as f64;
        let note = Some(MetricNote::FeatureRatings {
            mean,
            features: ratings.len(),
        });
        out.push(
            MetricId::FeatureSatisfaction,
            csat_lower_bound(mean),
            Sampling::MeanRating { mean, n },
            note,
        );
    }
    if let Some(sus) = s.sus_score {
        let (respondents, from) = sus_respondents(s);
        let note = Some(MetricNote::Sus {
            respondents,
            from,
            grade: sus_grade(sus),
        });
        let (min, max) = NumberKind::Sus.range();
        let sampling = Sampling::BoundedMean {
            n: respondents,
            min,
            max,
        };
        out.push(MetricId::SusScore, sus, sampling, note);
    }
}

/// Market size and growth.
fn market(m: &MarketResearchData, out: &mut Metrics) {
    if let Some(size) = m.target_market_size {
        out.push(MetricId::TargetMarketSize, size, Sampling::Exact, None);
    }
    if let Some(g) = m.growth_rate {
        out.push(MetricId::GrowthRate, g, Sampling::Exact, None);
    }
}

/// LTV:CAC and the CAC payback.
fn unit_economics(e: &UnitEconomics, out: &mut Metrics) {
    if let (Some(arpa), Some(margin), Some(cac)) = (
        e.average_revenue_per_account,
        e.gross_margin,
        e.customer_acquisition_cost,
    ) {
        // The zero edges are limits, not gaps, so the score stays
        // monotone: no profit means LTV 0 and a payback that never comes;
        // a free customer (CAC 0) or no churn makes LTV:CAC unbounded.
        let monthly_profit = arpa * margin;
        if let Some(churn) = e.monthly_churn {
            let (ratio, note) = if monthly_profit <= 0.0 {
                (0.0, Some(MetricNote::NoProfitLtv))
            } else if churn <= 0.0 || cac <= 0.0 {
                let why = if churn <= 0.0 {
                    "zero churn"
                } else {
                    "a zero CAC"
                };
                (LTV_TO_CAC_CAP, Some(MetricNote::UnboundedLtv { why }))
            } else {
                ((monthly_profit / churn / cac).min(LTV_TO_CAC_CAP), None)
            };
            out.push(MetricId::LtvToCac, ratio, Sampling::Exact, note);
        }
        let (months, note) = if cac <= 0.0 {
            (0.0, None)
        } else if monthly_profit <= 0.0 {
            (CAC_PAYBACK_CAP_MONTHS, Some(MetricNote::NoProfitPayback))
        } else {
            ((cac / monthly_profit).min(CAC_PAYBACK_CAP_MONTHS), None)
        };
        out.push(MetricId::CacPaybackMonths, months, Sampling::Exact, note);
    }
}

/// Position, advantage, differentiation and win rate.
fn competitive(c: &CompetitiveAnalysisData, out: &mut Metrics) {
    if let Some(rank) = c.market_position {
        out.push(MetricId::MarketPosition, rank, Sampling::Exact, None);
    }
    if let Some(v) = c.competitive_advantage {
        out.push(MetricId::CompetitiveAdvantage, v, Sampling::Exact, None);
    }
    if let Some(v) = c.differentiation_score {
        out.push(MetricId::DifferentiationScore, v, Sampling::Exact, None);
    }
    if let Some(v) = c.win_rate {
        out.push(MetricId::WinRate, v, Sampling::Exact, None);
    }
}

/// Largest LTV:CAC reported; zero churn would make it infinite.
pub const LTV_TO_CAC_CAP: f64 = 100.0;
/// Longest CAC payback reported, in months.
pub const CAC_PAYBACK_CAP_MONTHS: f64 = 120.0;
