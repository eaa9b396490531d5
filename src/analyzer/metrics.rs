//! The scored metrics: what each one is, which dimension it belongs to, and
//! how its value (and the sampling error of that value) is read from the
//! product data.

use crate::analyzer::model::ProductData;
use crate::input::units::NumberKind;
use crate::stats;
use serde::Serialize;

/// The five dimensions of validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Dimension {
    /// Usage: stickiness and retention.
    Usage,
    /// Adoption: activation, feature adoption, time to value.
    Adoption,
    /// Survey: Sean Ellis, NPS, satisfaction.
    Survey,
    /// Market: size, growth, unit economics.
    Market,
    /// Competitive: position, advantage, head-to-head figures.
    Competitive,
}

impl Dimension {
    /// All dimensions, in report order.
    pub const ALL: [Dimension; 5] = [
        Dimension::Usage,
        Dimension::Adoption,
        Dimension::Survey,
        Dimension::Market,
        Dimension::Competitive,
    ];

    /// The camelCase name used on the wire and in options.
    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Usage => "usage",
            Dimension::Adoption => "adoption",
            Dimension::Survey => "survey",
            Dimension::Market => "market",
            Dimension::Competitive => "competitive",
        }
    }

    /// Position in [`Dimension::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Every scored metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MetricId {
    /// DAU / MAU.
    DauMauRatio,
    /// DAU / WAU.
    DauWauRatio,
    /// Six-month retention.
    RetentionRate,
    /// Activation rate.
    AdoptionRate,
    /// Mean feature adoption rate.
    FeatureAdoption,
    /// Days to activation.
    TimeToAdoption,
    /// Sean Ellis "very disappointed" share.
    SeanEllisShare,
    /// Net Promoter Score.
    NpsScore,
    /// CSAT share (4s and 5s).
    CsatShare,
    /// CSAT share implied by the mean feature rating.
    FeatureSatisfaction,
    /// Yearly market size.
    TargetMarketSize,
    /// Yearly market growth.
    GrowthRate,
    /// LTV : CAC.
    LtvToCac,
    /// Months to recover CAC.
    CacPaybackMonths,
    /// Rank in the market.
    MarketPosition,
    /// Self-assessed competitive advantage.
    CompetitiveAdvantage,
    /// Self-assessed differentiation.
    DifferentiationScore,
    /// Competitive win rate.
    WinRate,
    /// Our figures against the best competitor's, where both are given.
    HeadToHead,
}

impl MetricId {
    /// All metrics, in report order.
    pub const ALL: [MetricId; 19] = [
        MetricId::RetentionRate,
        MetricId::DauMauRatio,
        MetricId::DauWauRatio,
        MetricId::AdoptionRate,
        MetricId::FeatureAdoption,
        MetricId::TimeToAdoption,
        MetricId::SeanEllisShare,
        MetricId::NpsScore,
        MetricId::CsatShare,
        MetricId::FeatureSatisfaction,
        MetricId::TargetMarketSize,
        MetricId::GrowthRate,
        MetricId::LtvToCac,
        MetricId::CacPaybackMonths,
        MetricId::HeadToHead,
        MetricId::MarketPosition,
        MetricId::WinRate,
        MetricId::CompetitiveAdvantage,
        MetricId::DifferentiationScore,
    ];

    /// The camelCase id used in results and options.
    pub fn as_str(self) -> &'static str {
        match self {
            MetricId::DauMauRatio => "dauMauRatio",
            MetricId::DauWauRatio => "dauWauRatio",
            MetricId::RetentionRate => "retentionRate",
            MetricId::AdoptionRate => "adoptionRate",
            MetricId::FeatureAdoption => "featureAdoption",
            MetricId::TimeToAdoption => "timeToAdoption",
            MetricId::SeanEllisShare => "seanEllisShare",
            MetricId::NpsScore => "npsScore",
            MetricId::CsatShare => "csatShare",
            MetricId::FeatureSatisfaction => "featureSatisfaction",
            MetricId::TargetMarketSize => "targetMarketSize",
            MetricId::GrowthRate => "growthRate",
            MetricId::LtvToCac => "ltvToCac",
            MetricId::CacPaybackMonths => "cacPaybackMonths",
            MetricId::MarketPosition => "marketPosition",
            MetricId::CompetitiveAdvantage => "competitiveAdvantage",
            MetricId::DifferentiationScore => "differentiationScore",
            MetricId::WinRate => "winRate",
            MetricId::HeadToHead => "headToHead",
        }
    }

    /// Looks a metric up by its id.
    pub fn parse(id: &str) -> Option<MetricId> {
        MetricId::ALL.into_iter().find(|m| m.as_str() == id)
    }

    /// A human label.
    pub fn label(self) -> &'static str {
        match self {
            MetricId::DauMauRatio => "Stickiness (DAU/MAU)",
            MetricId::DauWauRatio => "Weekly stickiness (DAU/WAU)",
            MetricId::RetentionRate => "Retention",
            MetricId::AdoptionRate => "Activation rate",
            MetricId::FeatureAdoption => "Feature adoption (mean)",
            MetricId::TimeToAdoption => "Time to activation",
            MetricId::SeanEllisShare => "Sean Ellis: very disappointed",
            MetricId::NpsScore => "Net Promoter Score",
            MetricId::CsatShare => "CSAT (share of 4-5)",
            MetricId::FeatureSatisfaction => "Feature satisfaction (CSAT-equivalent)",
            MetricId::TargetMarketSize => "Target market size",
            MetricId::GrowthRate => "Market growth",
            MetricId::LtvToCac => "LTV : CAC",
            MetricId::CacPaybackMonths => "CAC payback",
            MetricId::MarketPosition => "Market position",
            MetricId::CompetitiveAdvantage => "Competitive advantage",
            MetricId::DifferentiationScore => "Differentiation",
            MetricId::WinRate => "Competitive win rate",
            MetricId::HeadToHead => "Head-to-head vs best competitor",
        }
    }

    /// The dimension it scores in.
    pub fn dimension(self) -> Dimension {
        use MetricId::*;
        match self {
            DauMauRatio | DauWauRatio | RetentionRate => Dimension::Usage,
            AdoptionRate | FeatureAdoption | TimeToAdoption => Dimension::Adoption,
            SeanEllisShare | NpsScore | CsatShare | FeatureSatisfaction => Dimension::Survey,
            TargetMarketSize | GrowthRate | LtvToCac | CacPaybackMonths => Dimension::Market,
            MarketPosition | CompetitiveAdvantage | DifferentiationScore | WinRate | HeadToHead => {
                Dimension::Competitive
            }
        }
    }

    /// The unit of its value.
    pub fn unit(self) -> &'static str {
        use MetricId::*;
        match self {
            DauMauRatio | DauWauRatio | RetentionRate | AdoptionRate | FeatureAdoption
            | SeanEllisShare | CsatShare | FeatureSatisfaction | WinRate => "fraction 0..1",
            TimeToAdoption => "days",
            NpsScore => "NPS points -100..100",
            TargetMarketSize => "currency units a year",
            GrowthRate => "fraction per year",
            LtvToCac => "multiple",
            CacPaybackMonths => "months",
            MarketPosition => "rank (1 = leader)",
            CompetitiveAdvantage | DifferentiationScore => "score 0..10",
            HeadToHead => "sub-score points ahead (+) or behind (-)",
        }
    }

    /// The input fields it is computed from.
    pub fn inputs(self) -> &'static [&'static str] {
        use MetricId::*;
        match self {
            DauMauRatio => &[
                "usageMetrics.dailyActiveUsers",
                "usageMetrics.monthlyActiveUsers",
            ],
            DauWauRatio => &[
                "usageMetrics.dailyActiveUsers",
                "usageMetrics.weeklyActiveUsers",
            ],
            RetentionRate => &["usageMetrics.retentionRate"],
            AdoptionRate => &["adoptionData.adoptionRate"],
            FeatureAdoption => &["adoptionData.featureAdoptionRates"],
            TimeToAdoption => &["adoptionData.timeToAdoption"],
            SeanEllisShare => &["surveyData.seanEllis"],
            NpsScore => &["surveyData.npsScore", "surveyData.npsResponses"],
            CsatShare => &["surveyData.csatShare", "surveyData.satisfactionScore"],
            FeatureSatisfaction => &["surveyData.featureRatings"],
            TargetMarketSize => &["marketResearch.targetMarketSize"],
            GrowthRate => &["marketResearch.growthRate"],
            LtvToCac => &[
                "unitEconomics.averageRevenuePerAccount",
                "unitEconomics.grossMargin",
                "unitEconomics.monthlyChurn",
                "unitEconomics.customerAcquisitionCost",
            ],
            CacPaybackMonths => &[
                "unitEconomics.customerAcquisitionCost",
                "unitEconomics.averageRevenuePerAccount",
                "unitEconomics.grossMargin",
            ],
            MarketPosition => &["competitiveData.marketPosition"],
            CompetitiveAdvantage => &["competitiveData.competitiveAdvantage"],
            DifferentiationScore => &["competitiveData.differentiationScore"],
            WinRate => &["competitiveData.winRate"],
            HeadToHead => &["competitiveData.competitiveBenchmarks"],
        }
    }

    /// The kind of number a competitor's value of this metric is, for
    /// `competitiveBenchmarks`; `None` for metrics that cannot be compared
    /// (a derived bound, and head-to-head itself).
    pub fn comparable_kind(self) -> Option<NumberKind> {
        match self {
            MetricId::FeatureSatisfaction | MetricId::HeadToHead => None,
            other => Some(other.value_kind()),
        }
    }

    /// The kind of number the metric's value is (its unit and range), for
    /// benchmark overrides and competitor figures.
    pub fn value_kind(self) -> NumberKind {
        use MetricId::*;
        match self {
            DauMauRatio | DauWauRatio | RetentionRate | AdoptionRate | FeatureAdoption
            | SeanEllisShare | CsatShare | FeatureSatisfaction | WinRate => NumberKind::Fraction,
            TimeToAdoption => NumberKind::Days,
            NpsScore => NumberKind::Nps,
            TargetMarketSize => NumberKind::Currency,
            GrowthRate => NumberKind::YearlyRate,
            LtvToCac => NumberKind::Multiple,
            CacPaybackMonths => NumberKind::Months,
            MarketPosition => NumberKind::Rank,
            CompetitiveAdvantage | DifferentiationScore => NumberKind::Scale10,
            // Points ahead of a competitor on the sub-score scale.
            HeadToHead => NumberKind::Nps,
        }
    }
}

/// The kind of a competitor's value for a `competitiveBenchmarks` key.
pub fn comparable_kind(key: &str) -> Option<NumberKind> {
    MetricId::parse(key).and_then(MetricId::comparable_kind)
}

/// The keys `competitiveBenchmarks` accepts.
pub fn comparable_ids() -> impl Iterator<Item = &'static str> {
    MetricId::ALL
        .into_iter()
        .filter(|m| m.comparable_kind().is_some())
        .map(MetricId::as_str)
}

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
    /// An NPS with a precomputed interval.
    Interval {
        /// Lower end.
        low: f64,
        /// Upper end.
        high: f64,
    },
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
    /// A note on how it was derived, when not read directly.
    pub note: Option<String>,
}

/// Sample size assumed when a share's sample is not given (no
/// `feedbackVolume` for survey shares, no user counts for retention and
/// activation): the practitioners' minimum of 30 (see
/// warnings::MIN_SURVEY_RESPONSES). A warning says so; an unknown sample is
/// never treated as exact.
pub const ASSUMED_SAMPLE_SIZE: f64 = crate::analyzer::consistency::MIN_SURVEY_RESPONSES;

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

/// Smallest CSAT share (answers of 4 or 5) consistent with a mean rating on a
/// 1..5 scale: answers of 3 or less add at most 3, answers of 4-5 at most 5,
/// so mean <= 3 + 2 * share, i.e. share >= (mean - 3) / 2.
pub fn csat_lower_bound(mean_rating: f64) -> f64 {
    ((mean_rating - 3.0) / 2.0).clamp(0.0, 1.0)
}

/// Reads every metric that the data allows (all but [`MetricId::HeadToHead`],
/// which needs the benchmark curves). `z` sizes the NPS interval.
pub fn read_metrics(p: &ProductData, z: f64) -> Vec<MetricInput> {
    let mut out = Vec::new();
    let mut push = |id: MetricId, value: f64, sampling: Sampling, note: Option<String>| {
        if value.is_finite() {
            out.push(MetricInput {
                id,
                value,
                sampling,
                note,
            });
        }
    };
    let user_sampling = Sampling::Proportion {
        n: user_sample_size(p).unwrap_or(ASSUMED_SAMPLE_SIZE),
    };
    if let Some(u) = &p.usage_metrics {
        let mau = u.monthly_active_users.filter(|m| *m > 0.0);
        let wau = u.weekly_active_users.filter(|w| *w > 0.0);
        if let (Some(dau), Some(mau)) = (u.daily_active_users, mau) {
            push(
                MetricId::DauMauRatio,
                (dau / mau).min(1.0),
                Sampling::Proportion { n: mau },
                None,
            );
        }
        if let (Some(dau), Some(wau)) = (u.daily_active_users, wau) {
            push(
                MetricId::DauWauRatio,
                (dau / wau).min(1.0),
                Sampling::Proportion { n: wau },
                None,
            );
        }
        if let Some(r) = u.retention_rate {
            push(MetricId::RetentionRate, r, user_sampling, None);
        }
    }
    if let Some(a) = &p.adoption_data {
        if let Some(r) = a.adoption_rate {
            push(MetricId::AdoptionRate, r, user_sampling, None);
        }
        if let Some(rates) = a.feature_adoption_rates.as_ref().filter(|r| !r.is_empty()) {
            let mean = rates.values().sum::<f64>() / rates.len() as f64;
            let note = Some(format!("mean of {} features", rates.len()));
            push(MetricId::FeatureAdoption, mean, user_sampling, note);
        }
        if let Some(days) = a.time_to_adoption {
            push(MetricId::TimeToAdoption, days, Sampling::Exact, None);
        }
    }
    if let Some(s) = &p.survey_data {
        let n = s
            .feedback_volume
            .filter(|n| *n > 0.0)
            .unwrap_or(ASSUMED_SAMPLE_SIZE);
        if let Some(se) = &s.sean_ellis {
            let vd = se.very_disappointed.unwrap_or(0.0);
            let users =
                vd + se.somewhat_disappointed.unwrap_or(0.0) + se.not_disappointed.unwrap_or(0.0);
            if users > 0.0 {
                let note = Some(format!(
                    "{} of {} users very disappointed ({} \"no longer use it\" answers left out)",
                    crate::format::format_number(vd),
                    crate::format::format_number(users),
                    crate::format::format_number(se.no_longer_use.unwrap_or(0.0))
                ));
                push(
                    MetricId::SeanEllisShare,
                    vd / users,
                    Sampling::Proportion { n: users },
                    note,
                );
            }
        }
        let from_counts = s
            .nps_responses
            .as_ref()
            .and_then(crate::analyzer::model::NpsResponses::counts)
            .map(|(promoters, passives, detractors)| {
                stats::nps_adjusted_wald(promoters, passives, detractors, z)
            });
        if let Some(e) = from_counts {
            let note = Some("from promoter/passive/detractor counts (adjusted Wald)".to_string());
            push(
                MetricId::NpsScore,
                e.score,
                Sampling::Interval {
                    low: e.low,
                    high: e.high,
                },
                note,
            );
        } else if let Some(nps) = s.nps_score {
            let e = stats::nps_from_score(nps, n, z);
            push(
                MetricId::NpsScore,
                nps,
                Sampling::Interval {
                    low: e.low,
                    high: e.high,
                },
                None,
            );
        }
        if let Some(share) = s.csat_share {
            push(MetricId::CsatShare, share, Sampling::Proportion { n }, None);
        } else if let Some(mean) = s.satisfaction_score {
            let (lo, hi) = stats::mean_rating_interval(mean, n, 1.0, 5.0, z);
            let note = Some(format!(
                "from the mean rating {}: at least this share of answers were 4 or 5",
                crate::format::format_number(mean)
            ));
            let interval = Sampling::Interval {
                low: csat_lower_bound(lo),
                high: csat_lower_bound(hi),
            };
            push(MetricId::CsatShare, csat_lower_bound(mean), interval, note);
        }
        if let Some(ratings) = s.feature_ratings.as_ref().filter(|r| !r.is_empty()) {
            let mean = ratings.values().sum::<f64>() / ratings.len() as f64;
            let (lo, hi) = stats::mean_rating_interval(mean, n, 1.0, 5.0, z);
            let note = Some(format!(
                "mean feature rating {} over {} features, as the least share of 4-5 answers it implies",
                crate::format::format_suggestion(mean),
                ratings.len()
            ));
            let interval = Sampling::Interval {
                low: csat_lower_bound(lo),
                high: csat_lower_bound(hi),
            };
            push(
                MetricId::FeatureSatisfaction,
                csat_lower_bound(mean),
                interval,
                note,
            );
        }
    }
    if let Some(m) = &p.market_research {
        if let Some(size) = m.target_market_size {
            push(MetricId::TargetMarketSize, size, Sampling::Exact, None);
        }
        if let Some(g) = m.growth_rate {
            push(MetricId::GrowthRate, g, Sampling::Exact, None);
        }
    }
    if let Some(e) = &p.unit_economics {
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
                    (
                        0.0,
                        Some("no gross profit per account: LTV is 0".to_string()),
                    )
                } else if churn <= 0.0 || cac <= 0.0 {
                    let why = if churn <= 0.0 {
                        "zero churn"
                    } else {
                        "a zero CAC"
                    };
                    (
                        LTV_TO_CAC_CAP,
                        Some(format!(
                            "{why} makes LTV:CAC unbounded; shown as the cap, {LTV_TO_CAC_CAP}"
                        )),
                    )
                } else {
                    ((monthly_profit / churn / cac).min(LTV_TO_CAC_CAP), None)
                };
                push(MetricId::LtvToCac, ratio, Sampling::Exact, note);
            }
            let (months, note) = if cac <= 0.0 {
                (0.0, None)
            } else if monthly_profit <= 0.0 {
                (
                    CAC_PAYBACK_CAP_MONTHS,
                    Some(format!("no gross profit per account: CAC is never paid back; shown as the cap, {CAC_PAYBACK_CAP_MONTHS} months")),
                )
            } else {
                ((cac / monthly_profit).min(CAC_PAYBACK_CAP_MONTHS), None)
            };
            push(MetricId::CacPaybackMonths, months, Sampling::Exact, note);
        }
    }
    if let Some(c) = &p.competitive_data {
        if let Some(rank) = c.market_position {
            push(MetricId::MarketPosition, rank, Sampling::Exact, None);
        }
        if let Some(v) = c.competitive_advantage {
            push(MetricId::CompetitiveAdvantage, v, Sampling::Exact, None);
        }
        if let Some(v) = c.differentiation_score {
            push(MetricId::DifferentiationScore, v, Sampling::Exact, None);
        }
        if let Some(v) = c.win_rate {
            push(MetricId::WinRate, v, Sampling::Exact, None);
        }
    }
    out
}

/// Largest LTV:CAC reported; zero churn would make it infinite.
pub const LTV_TO_CAC_CAP: f64 = 100.0;
/// Longest CAC payback reported, in months.
pub const CAC_PAYBACK_CAP_MONTHS: f64 = 120.0;
