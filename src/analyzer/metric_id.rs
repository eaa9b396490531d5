//! The scored metrics and dimensions: what each metric is, its unit, the
//! dimension it scores in and the input fields it is computed from. The
//! vocabulary every part shares (results, options, launch targets).

use crate::input::units::NumberKind;
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
    /// Survey: Sean Ellis, NPS, satisfaction, usability (SUS).
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
    /// Mean System Usability Scale score (optional: see [`MetricId::optional`]).
    SusScore,
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

/// A value per metric, kept and walked in the metrics' declaration order
/// (the order of a `BTreeMap` keyed by [`MetricId`], so sums over it add in
/// the same order): a fixed array, as the scorer builds one per
/// recommendation it re-scores.
#[cfg(feature = "score")]
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PerMetric<T: Copy>([Option<T>; MetricId::COUNT]);

#[cfg(feature = "score")]
impl<T: Copy> Default for PerMetric<T> {
    fn default() -> Self {
        PerMetric([None; MetricId::COUNT])
    }
}

#[cfg(feature = "score")]
impl<T: Copy> PerMetric<T> {
    pub(crate) fn get(&self, m: MetricId) -> Option<T> {
        self.0[m as usize]
    }

    pub(crate) fn contains(&self, m: MetricId) -> bool {
        self.0[m as usize].is_some()
    }

    pub(crate) fn insert(&mut self, m: MetricId, value: T) {
        self.0[m as usize] = Some(value);
    }

    /// The metrics with a value, in declaration order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (MetricId, T)> + '_ {
        MetricId::DECLARED
            .into_iter()
            .filter_map(|m| self.get(m).map(|v| (m, v)))
    }
}

#[cfg(feature = "score")]
impl<T: Copy> FromIterator<(MetricId, T)> for PerMetric<T> {
    fn from_iter<I: IntoIterator<Item = (MetricId, T)>>(items: I) -> Self {
        let mut out = PerMetric::default();
        for (m, v) in items {
            out.insert(m, v);
        }
        out
    }
}

impl MetricId {
    /// All metrics, in report order.
    pub const ALL: [MetricId; MetricId::COUNT] = [
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
        MetricId::SusScore,
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

    /// How many metrics there are.
    pub const COUNT: usize = 20;

    /// All metrics in declaration order, which is their `Ord` order and
    /// their `as usize` (a test checks it).
    #[cfg(feature = "score")]
    pub(crate) const DECLARED: [MetricId; MetricId::COUNT] = [
        MetricId::DauMauRatio,
        MetricId::DauWauRatio,
        MetricId::RetentionRate,
        MetricId::AdoptionRate,
        MetricId::FeatureAdoption,
        MetricId::TimeToAdoption,
        MetricId::SeanEllisShare,
        MetricId::NpsScore,
        MetricId::CsatShare,
        MetricId::FeatureSatisfaction,
        MetricId::SusScore,
        MetricId::TargetMarketSize,
        MetricId::GrowthRate,
        MetricId::LtvToCac,
        MetricId::CacPaybackMonths,
        MetricId::MarketPosition,
        MetricId::CompetitiveAdvantage,
        MetricId::DifferentiationScore,
        MetricId::WinRate,
        MetricId::HeadToHead,
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
            MetricId::SusScore => "susScore",
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
        MetricId::ALL
            .into_iter()
            .find(|m| crate::input::read::same_text(m.as_str(), id))
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
            MetricId::SusScore => "System Usability Scale (SUS)",
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
            SeanEllisShare | NpsScore | CsatShare | FeatureSatisfaction | SusScore => {
                Dimension::Survey
            }
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
            SusScore => "SUS score 0..100",
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
            SusScore => &["surveyData.susScore", "surveyData.susResponses"],
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

    /// True for a metric that counts only when it has data: absent, it is
    /// not missing (no `missing` entry, no widening of the interval, no loss
    /// of coverage), so a product without it scores exactly as if the
    /// metric did not exist; present, its weight joins those of its
    /// dimension's other metrics, which sum to 1
    /// ([`crate::analyzer::benchmarks::Preset::metric_weight`]). The System
    /// Usability Scale: few products run a usability questionnaire, and
    /// its absence says nothing about fit.
    pub fn optional(self) -> bool {
        matches!(self, MetricId::SusScore)
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
            SusScore => NumberKind::Sus,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "score")]
    #[test]
    fn declared_order_is_index_and_ord_order() {
        for (i, m) in MetricId::DECLARED.into_iter().enumerate() {
            assert_eq!(m as usize, i);
        }
        assert!(MetricId::DECLARED.windows(2).all(|w| w[0] < w[1]));
        let mut all = MetricId::ALL;
        all.sort();
        assert_eq!(all, MetricId::DECLARED);
    }

    #[cfg(feature = "score")]
    #[test]
    fn per_metric_walks_like_a_btree_map() {
        let pairs = [
            (MetricId::WinRate, 1.0),
            (MetricId::DauMauRatio, 2.0),
            (MetricId::NpsScore, 3.0),
        ];
        let table: PerMetric<f64> = pairs.into_iter().collect();
        let map: std::collections::BTreeMap<MetricId, f64> = pairs.into_iter().collect();
        assert!(table.iter().eq(map.into_iter()));
        assert!(table.contains(MetricId::NpsScore) && !table.contains(MetricId::GrowthRate));
    }
}
