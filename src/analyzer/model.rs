//! The product data model: the analyzer's input, field names exactly as in
//! the original TypeScript design (camelCase on the wire).
//!
//! Every group and every field is optional: score what is there, say what is
//! missing. Each group is declared once, by `input_group!`
//! ([`crate::analyzer::fields`]), which produces the struct (with its doc
//! comments, which also become the TypeScript doc comments), its field table
//! (ranges and units, for validation and the JSON Schema) and its reader from
//! a [`RawValue`].

use crate::analyzer::fields::{input_group, FieldSpec, FieldType, ReadField, Reader};
use crate::input::problem::{join_path, FieldPath, Problem};
use crate::input::raw::RawValue;
use crate::input::units::NumberKind;
use crate::input::warning::Warning;
use std::collections::BTreeMap;

use FieldType::{Group, MetricMap, Number, NumberMap, TextList};
use NumberKind::*;

const RATING_1_5: NumberKind = Rating { min: 1.0, max: 5.0 };
const RATING_0_10: NumberKind = Rating {
    min: 0.0,
    max: 10.0,
};

input_group! {
    /// The whole input: any of the groups, each optional.
    pub struct ProductData {
        /// How much the product is used.
        usage_metrics: UsageMetrics = "usageMetrics" as Group(UsageMetrics::FIELDS),
        /// How many users adopted it, and how far.
        adoption_data: AdoptionData = "adoptionData" as Group(AdoptionData::FIELDS),
        /// What users say in surveys.
        survey_data: SurveyData = "surveyData" as Group(SurveyData::FIELDS),
        /// The market the product sells into.
        market_research: MarketResearchData = "marketResearch" as Group(MarketResearchData::FIELDS),
        /// How it stands against competitors.
        competitive_data: CompetitiveAnalysisData = "competitiveData" as Group(CompetitiveAnalysisData::FIELDS),
        /// Revenue and cost per customer (an optional addition to the original model).
        unit_economics: UnitEconomics = "unitEconomics" as Group(UnitEconomics::FIELDS),
    }
}

input_group! {
    /// Usage: how many people use the product, how often, and whether they stay.
    pub struct UsageMetrics {
        /// Daily active users, averaged over the period. Count, 0..1e15; expect DAU <= WAU <= MAU.
        daily_active_users: f64 = "dailyActiveUsers" as Number(Count),
        /// Weekly active users, averaged over the period. Count, 0..1e15.
        weekly_active_users: f64 = "weeklyActiveUsers" as Number(Count),
        /// Monthly active users, averaged over the period. Count, 0..1e15.
        monthly_active_users: f64 = "monthlyActiveUsers" as Number(Count),
        /// Average session length in minutes, 0..1440. Reported, not scored (no cross-category benchmark).
        session_duration: f64 = "sessionDuration" as Number(Minutes),
        /// Feature name -> share of monthly active users who used it, each 0..1. Reported, not scored.
        feature_usage: BTreeMap<String, f64> = "featureUsage" as NumberMap(Fraction),
        /// Share of a signup cohort still active at the retention horizon (6 months unless
        /// `retentionHorizonMonths` says otherwise), 0..1 (0.45 = 45%).
        retention_rate: f64 = "retentionRate" as Number(Fraction),
        /// Months after signup at which `retentionRate` is measured, 0..120. Default 6, the horizon of
        /// the published benchmarks; other horizons are compared with them and warned about.
        retention_horizon_months: f64 = "retentionHorizonMonths" as Number(Months),
    }
}

input_group! {
    /// Adoption: who signed up, who activated, how fast.
    pub struct AdoptionData {
        /// Users who ever signed up. Count, 0..1e15.
        total_users: f64 = "totalUsers" as Number(Count),
        /// Users who use the product heavily (your definition). Count, 0..1e15; power + casual <= total.
        power_users: f64 = "powerUsers" as Number(Count),
        /// Users who use the product lightly. Count, 0..1e15; power + casual <= total.
        casual_users: f64 = "casualUsers" as Number(Count),
        /// Share of signed-up accounts that activated (reached the first value moment), 0..1.
        adoption_rate: f64 = "adoptionRate" as Number(Fraction),
        /// Feature name -> share of users who adopted it, each 0..1. Their mean is scored.
        feature_adoption_rates: BTreeMap<String, f64> = "featureAdoptionRates" as NumberMap(Fraction),
        /// Median days from signup to activation, 0..3650. Lower is better.
        time_to_adoption: f64 = "timeToAdoption" as Number(Days),
    }
}

input_group! {
    /// Survey: what users say.
    pub struct SurveyData {
        /// Net Promoter Score, -100..100 (% promoters minus % detractors).
        nps_score: f64 = "npsScore" as Number(Nps),
        /// Mean satisfaction rating on a 1..5 scale (as in "4.8/5").
        satisfaction_score: f64 = "satisfactionScore" as Number(RATING_1_5),
        /// Mean answer to "how likely are you to recommend", 0..10. Reported, not scored (npsScore is).
        likelihood_to_recommend: f64 = "likelihoodToRecommend" as Number(RATING_0_10),
        /// Feature name -> mean rating on a 1..5 scale.
        feature_ratings: BTreeMap<String, f64> = "featureRatings" as NumberMap(RATING_1_5),
        /// Number of survey responses behind these figures. Count, 0..1e15; drives the confidence interval.
        feedback_volume: f64 = "feedbackVolume" as Number(Count),
        /// Answer counts to the Sean Ellis question "How would you feel if you could no longer use
        /// the product?" (an optional addition).
        sean_ellis: SeanEllisAnswers = "seanEllis" as Group(SeanEllisAnswers::FIELDS),
        /// Promoter, passive and detractor counts behind `npsScore` (an optional addition); they give
        /// the NPS its adjusted-Wald interval.
        nps_responses: NpsResponses = "npsResponses" as Group(NpsResponses::FIELDS),
        /// CSAT: share of answers of 4 or 5 on a 1..5 satisfaction question, 0..1 (an optional addition).
        csat_share: f64 = "csatShare" as Number(Fraction),
        /// Mean System Usability Scale score of the respondents, 0..100 (an optional addition;
        /// scored only when given, never counted as missing).
        sus_score: f64 = "susScore" as Number(Sus),
        /// Number of respondents behind `susScore`, a whole number from 1; drives its confidence
        /// interval (without it, `feedbackVolume`, else 30, is assumed).
        sus_responses: f64 = "susResponses" as Number(Respondents),
    }
}

input_group! {
    /// Answer counts to the Sean Ellis product-market-fit question.
    pub struct SeanEllisAnswers {
        /// "Very disappointed" answers. Count, 0..1e15.
        very_disappointed: f64 = "veryDisappointed" as Number(Count),
        /// "Somewhat disappointed" answers. Count, 0..1e15.
        somewhat_disappointed: f64 = "somewhatDisappointed" as Number(Count),
        /// "Not disappointed (it isn't really that useful)" answers. Count, 0..1e15.
        not_disappointed: f64 = "notDisappointed" as Number(Count),
        /// "N/A, I no longer use it" answers. Count, 0..1e15; left out of the share, as Ellis prescribes.
        no_longer_use: f64 = "noLongerUse" as Number(Count),
    }
}

input_group! {
    /// Answer counts to the 0..10 recommendation question.
    pub struct NpsResponses {
        /// Answers of 9 or 10. Count, 0..1e15.
        promoters: f64 = "promoters" as Number(Count),
        /// Answers of 7 or 8. Count, 0..1e15.
        passives: f64 = "passives" as Number(Count),
        /// Answers of 0 to 6. Count, 0..1e15.
        detractors: f64 = "detractors" as Number(Count),
    }
}

input_group! {
    /// Market research: the market's size, growth and the share already won.
    pub struct MarketResearchData {
        /// Yearly spend of the target market, in currency units (25e9 for "$25B"), 0..1e15.
        target_market_size: f64 = "targetMarketSize" as Number(Currency),
        /// Share of the target market already captured, 0..1 (0.002 = 0.2%).
        market_penetration: f64 = "marketPenetration" as Number(Fraction),
        /// Yearly growth of the market, -1..10 (0.25 = 25% a year).
        growth_rate: f64 = "growthRate" as Number(YearlyRate),
        /// Segment name -> share of customers, each 0..1, summing to about 1. Checked, not scored.
        customer_segmentation: BTreeMap<String, f64> = "customerSegmentation" as NumberMap(Fraction),
        /// Free-text trend labels. Reported back as given; words are not scored.
        market_trends: Vec<String> = "marketTrends" as TextList,
    }
}

input_group! {
    /// Competitive analysis: where the product stands against its rivals.
    pub struct CompetitiveAnalysisData {
        /// Rank among competitors, a whole number from 1 (the market leader) to 1000000.
        market_position: f64 = "marketPosition" as Number(Rank),
        /// Self-assessed strength of the competitive advantage, 0..10.
        competitive_advantage: f64 = "competitiveAdvantage" as Number(Scale10),
        /// Self-assessed differentiation from competitors, 0..10.
        differentiation_score: f64 = "differentiationScore" as Number(Scale10),
        /// Metric name -> the best competitor's (or the industry's) value of that metric, in the
        /// metric's own unit (e.g. `{ retentionRate: 0.35, npsScore: 30 }`). Unknown names warn.
        competitive_benchmarks: BTreeMap<String, f64> = "competitiveBenchmarks" as MetricMap,
        /// Number of direct competitors, 0..1e15 (an optional addition; checks `marketPosition`).
        competitor_count: f64 = "competitorCount" as Number(Count),
        /// Share of competitive deals won, 0..1 (an optional addition).
        win_rate: f64 = "winRate" as Number(Fraction),
    }
}

input_group! {
    /// Unit economics (an optional addition): what a customer pays and costs.
    pub struct UnitEconomics {
        /// Average monthly revenue per account, in currency units, 0..1e15.
        average_revenue_per_account: f64 = "averageRevenuePerAccount" as Number(Currency),
        /// Gross margin, 0..1 (0.8 = 80%).
        gross_margin: f64 = "grossMargin" as Number(Fraction),
        /// Share of customers lost each month, 0..1 (0.02 = 2% a month).
        monthly_churn: f64 = "monthlyChurn" as Number(Fraction),
        /// Cost to acquire one customer (sales and marketing), in currency units, 0..1e15.
        customer_acquisition_cost: f64 = "customerAcquisitionCost" as Number(Currency),
    }
}

impl ProductData {
    /// Reads a raw input: what could be read, with every problem of type,
    /// range or size and every warning (unknown fields). The checks across
    /// fields are [`crate::analyzer::validate`](mod@crate::analyzer::validate)'s.
    pub fn read(raw: &RawValue) -> (ProductData, Vec<Problem>, Vec<Warning>) {
        let mut reader = Reader::default();
        let product = match raw {
            RawValue::Object(_) => <ProductData as ReadField>::read(
                raw,
                &FieldPath::Root(""),
                Group(ProductData::FIELDS),
                &mut reader,
            ),
            other => {
                reader.problems.push(Problem::new(
                    "input",
                    other.describe(),
                    "an object with product data (usageMetrics, adoptionData, surveyData, \
                     marketResearch, competitiveData)",
                ));
                None
            }
        };
        (
            product.unwrap_or_default(),
            reader.problems,
            reader.warnings,
        )
    }

    /// Converts typed data back to a [`RawValue`], so that data built in Rust
    /// goes through the same validation as data from JSON or JavaScript.
    pub fn to_raw(&self) -> RawValue {
        match serde_json::to_value(self) {
            Ok(value) => RawValue::from_json(&value),
            // Serializing plain structs of numbers and strings cannot fail;
            // should it, validation reports an empty input.
            Err(_) => RawValue::Object(Vec::new()),
        }
    }
}

impl SurveyData {
    /// True when any survey score is given (NPS, satisfaction, CSAT share,
    /// feature ratings, or a SUS score without its own `susResponses`):
    /// figures that need the number of responses behind them.
    pub fn has_scores(&self) -> bool {
        self.nps_score.is_some()
            || self.satisfaction_score.is_some()
            || self.csat_share.is_some()
            || self.feature_ratings.as_ref().is_some_and(|r| !r.is_empty())
            || (self.sus_score.is_some() && self.sus_responses.is_none())
    }
}

impl NpsResponses {
    /// (promoters, passives, detractors) when promoters and detractors are
    /// given and there is at least one answer; passives default to 0.
    pub fn counts(&self) -> Option<(f64, f64, f64)> {
        let (p, a, d) = (
            self.promoters?,
            self.passives.unwrap_or(0.0),
            self.detractors?,
        );
        (p + a + d > 0.0).then_some((p, a, d))
    }
}

/// Every numeric field of the model with its path, for the units table and
/// the schema's tests.
pub fn all_fields() -> Vec<(String, FieldSpec)> {
    fn walk(prefix: &str, fields: &'static [FieldSpec], out: &mut Vec<(String, FieldSpec)>) {
        for f in fields {
            let path = join_path(prefix, f.key);
            if let Group(inner) = f.ty {
                walk(&path, inner, out);
            } else {
                out.push((path, *f));
            }
        }
    }
    let mut out = Vec::new();
    walk("", ProductData::FIELDS, &mut out);
    out
}
