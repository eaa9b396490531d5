//! The product data model: the analyzer's input, field names exactly as in
//! the original TypeScript design (camelCase on the wire).
//!
//! Every group and every field is optional: score what is there, say what is
//! missing. Each group is declared once, by `input_group!`, which produces
//! the struct (with its doc comments, which also become the TypeScript doc
//! comments), its field table (ranges and units, for validation and the JSON
//! Schema) and its reader from a [`RawValue`].

use crate::analyzer::metrics;
use crate::input::problem::{join_path, Problem};
use crate::input::raw::RawValue;
use crate::input::suggest::did_you_mean;
use crate::input::units::NumberKind;
use crate::input::warning::Warning;
use serde::Serialize;
use std::collections::BTreeMap;

/// How a field's value is read.
#[derive(Debug, Clone, Copy)]
pub enum FieldType {
    /// One number of the given kind.
    Number(NumberKind),
    /// A map from a name (a feature, a segment) to a number of the given kind.
    NumberMap(NumberKind),
    /// A map from a metric name to a competitor's value of that metric.
    MetricMap,
    /// A list of free-text labels.
    TextList,
    /// A nested group of fields.
    Group(&'static [FieldSpec]),
}

/// One field of a group: its JSON name, type and documentation.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    /// The camelCase name on the wire.
    pub key: &'static str,
    /// How it is read and checked.
    pub ty: FieldType,
    /// Its documentation (unit and range included).
    pub doc: &'static str,
}

/// Collects problems (which make the input invalid) and warnings (which do
/// not) while reading.
#[derive(Debug, Default)]
pub struct Reader {
    /// Problems found so far.
    pub problems: Vec<Problem>,
    /// Warnings found so far.
    pub warnings: Vec<Warning>,
}

impl Reader {
    /// Checks that `raw` is an object (or absent) and warns about keys that
    /// are not among `fields`. Returns false when there is nothing to read.
    fn open_group(&mut self, raw: &RawValue, path: &str, fields: &[FieldSpec]) -> bool {
        match raw {
            RawValue::Undefined | RawValue::Null => false,
            RawValue::Object(entries) => {
                for (key, _) in entries {
                    if !fields.iter().any(|f| f.key == key) {
                        self.unknown_key(path, key, fields.iter().map(|f| f.key));
                    }
                }
                true
            }
            other => {
                let names: Vec<&str> = fields.iter().take(3).map(|f| f.key).collect();
                self.problems.push(Problem::new(
                    display_path(path),
                    other.describe(),
                    format!("an object with fields such as {}", names.join(", ")),
                ));
                false
            }
        }
    }

    fn unknown_key<'a>(&mut self, path: &str, key: &str, known: impl Iterator<Item = &'a str>) {
        let field = join_path(path, key);
        let message = match did_you_mean(key, known) {
            Some(name) => format!("unknown field {field} was ignored; did you mean {name}?"),
            None => format!("unknown field {field} was ignored"),
        };
        self.warnings
            .push(Warning::new("unknown_field", field, message));
    }

    fn type_problem(&mut self, raw: &RawValue, path: &str, expected: String) {
        let hint = match raw {
            RawValue::String(s) if s.trim().trim_end_matches('%').trim().parse::<f64>().is_ok() => {
                Some("numbers must be given as numbers, not strings".to_string())
            }
            _ => None,
        };
        self.problems
            .push(Problem::new(path, raw.describe(), expected).with_hint(hint));
    }

    fn number(&mut self, raw: &RawValue, path: &str, kind: NumberKind) -> Option<f64> {
        match raw {
            RawValue::Number(v) => match kind.check(*v) {
                Ok(()) => Some(*v),
                Err(hint) => {
                    self.problems
                        .push(Problem::new(path, raw.describe(), kind.expected()).with_hint(hint));
                    None
                }
            },
            RawValue::Undefined | RawValue::Null => None,
            other => {
                self.type_problem(other, path, kind.expected());
                None
            }
        }
    }

    fn too_large(&mut self, raw: &RawValue, path: &str) -> bool {
        if let RawValue::TooLarge { kind, .. } = raw {
            let limit = match *kind {
                "string" => format!("at most {} characters", crate::input::raw::MAX_STRING_CHARS),
                "array" => format!("at most {} items", crate::input::raw::MAX_ENTRIES),
                _ => format!("at most {} entries", crate::input::raw::MAX_ENTRIES),
            };
            self.problems
                .push(Problem::new(path, raw.describe(), limit));
            true
        } else {
            false
        }
    }
}

fn display_path(path: &str) -> &str {
    if path.is_empty() {
        "input"
    } else {
        path
    }
}

/// Reads one field's value from a [`RawValue`], reporting problems to the
/// [`Reader`]. `None` means absent or invalid.
pub trait ReadField: Sized {
    /// Reads the value at `path`.
    fn read(raw: &RawValue, path: &str, ty: FieldType, reader: &mut Reader) -> Option<Self>;
}

impl ReadField for f64 {
    fn read(raw: &RawValue, path: &str, ty: FieldType, reader: &mut Reader) -> Option<Self> {
        match ty {
            FieldType::Number(kind) => reader.number(raw, path, kind),
            _ => None,
        }
    }
}

impl ReadField for BTreeMap<String, f64> {
    fn read(raw: &RawValue, path: &str, ty: FieldType, reader: &mut Reader) -> Option<Self> {
        let entries = match raw {
            RawValue::Undefined | RawValue::Null => return None,
            RawValue::Object(entries) => entries,
            other => {
                if !reader.too_large(other, path) {
                    reader.type_problem(other, path, "an object mapping names to numbers".into());
                }
                return None;
            }
        };
        let mut map = BTreeMap::new();
        for (key, value) in entries {
            let item_path = join_path(path, key);
            if key.trim().is_empty() {
                reader
                    .problems
                    .push(Problem::new(item_path, "an empty name", "a non-empty name"));
                continue;
            }
            if key.chars().count() > crate::input::raw::MAX_KEY_CHARS {
                reader.problems.push(Problem::new(
                    item_path,
                    "a name longer than 200 characters",
                    format!(
                        "a name of at most {} characters",
                        crate::input::raw::MAX_KEY_CHARS
                    ),
                ));
                continue;
            }
            let kind = match ty {
                FieldType::NumberMap(kind) => kind,
                FieldType::MetricMap => match metrics::comparable_kind(key) {
                    Some(kind) => kind,
                    None => {
                        reader.unknown_key(path, key, metrics::comparable_ids());
                        continue;
                    }
                },
                _ => return None,
            };
            if let Some(v) = reader.number(value, &item_path, kind) {
                map.insert(key.clone(), v);
            } else if value.is_absent() {
                reader.type_problem(value, &item_path, kind.expected());
            }
        }
        Some(map)
    }
}

impl ReadField for Vec<String> {
    fn read(raw: &RawValue, path: &str, _ty: FieldType, reader: &mut Reader) -> Option<Self> {
        let items = match raw {
            RawValue::Undefined | RawValue::Null => return None,
            RawValue::Array(items) => items,
            other => {
                if !reader.too_large(other, path) {
                    reader.type_problem(other, path, "an array of text labels".into());
                }
                return None;
            }
        };
        let mut labels = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let item_path = crate::input::problem::index_path(path, i);
            match item {
                RawValue::String(s) => labels.push(s.clone()),
                other => {
                    if !reader.too_large(other, &item_path) {
                        reader.type_problem(other, &item_path, "a text label".into());
                    }
                }
            }
        }
        Some(labels)
    }
}

/// Declares one group of the data model; see the module documentation.
macro_rules! input_group {
    (
        $(#[doc = $sdoc:literal])*
        pub struct $name:ident {
            $(
                $(#[doc = $doc:literal])*
                $field:ident : $ty:ty = $key:literal as $fty:expr,
            )*
        }
    ) => {
        $(#[doc = $sdoc])*
        #[derive(Debug, Clone, Default, PartialEq, Serialize)]
        #[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(hashmap_as_object))]
        pub struct $name {
            $(
                $(#[doc = $doc])*
                #[serde(rename = $key, skip_serializing_if = "Option::is_none")]
                pub $field: Option<$ty>,
            )*
        }

        impl $name {
            /// The fields of this group: names, ranges and docs.
            pub const FIELDS: &'static [FieldSpec] = &[
                $( FieldSpec { key: $key, ty: $fty, doc: concat!($($doc, "\n"),*) }, )*
            ];
        }

        impl ReadField for $name {
            fn read(raw: &RawValue, path: &str, _ty: FieldType, reader: &mut Reader) -> Option<Self> {
                if !reader.open_group(raw, path, Self::FIELDS) {
                    return None;
                }
                Some($name {
                    $( $field: ReadField::read(raw.get($key), &join_path(path, $key), $fty, reader), )*
                })
            }
        }
    };
}

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
    /// Reads and validates a raw input. Returns the product data with the
    /// warnings found while reading, or every problem at once.
    ///
    /// ```
    /// use market_validation::{ProductData, RawValue};
    /// let raw = RawValue::from_json_str(r#"{"usageMetrics": {"retentionRate": 45}}"#).unwrap();
    /// let err = ProductData::from_raw(&raw).unwrap_err();
    /// assert!(err.to_string().contains("did you mean 0.45?"));
    /// ```
    pub fn from_raw(raw: &RawValue) -> Result<(ProductData, Vec<Warning>), crate::InputError> {
        let (product, problems, warnings) = ProductData::read(raw);
        if !problems.is_empty() {
            return Err(crate::InputError::new("product data", problems));
        }
        Ok((product, warnings))
    }

    /// Reads a raw input, returning what could be read with every problem
    /// and warning; for forms that show both as the user types.
    pub fn read(raw: &RawValue) -> (ProductData, Vec<Problem>, Vec<Warning>) {
        let mut reader = Reader::default();
        let product = match raw {
            RawValue::Object(_) => {
                <ProductData as ReadField>::read(raw, "", Group(ProductData::FIELDS), &mut reader)
            }
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
        let product = product.unwrap_or_default();
        reader.problems.extend(product.cross_field_problems());
        (product, reader.problems, reader.warnings)
    }

    /// Values that are each in range but cannot be used together.
    fn cross_field_problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let Some(s) = &self.survey_data else {
            return out;
        };
        let has_scores = s.nps_score.is_some()
            || s.satisfaction_score.is_some()
            || s.csat_share.is_some()
            || s.feature_ratings.as_ref().is_some_and(|r| !r.is_empty());
        if s.feedback_volume == Some(0.0) && has_scores {
            out.push(Problem::new(
                "surveyData.feedbackVolume",
                "0",
                "at least 1 when survey scores are given (the number of responses behind them)",
            ));
        }
        if let Some(r) = &s.nps_responses {
            if r.promoters.is_none() || r.detractors.is_none() {
                out.push(Problem::new(
                    "surveyData.npsResponses",
                    "counts without promoters or detractors",
                    "promoters and detractors (passives may be left out: 0 is assumed)",
                ));
            } else if r.counts().is_none() {
                out.push(Problem::new(
                    "surveyData.npsResponses",
                    "counts that add up to 0",
                    "at least one response",
                ));
            }
        }
        out
    }

    /// Reads and validates JSON text; see [`ProductData::from_raw`].
    pub fn from_json_str(text: &str) -> Result<(ProductData, Vec<Warning>), crate::InputError> {
        match RawValue::from_json_str(text) {
            Ok(raw) => ProductData::from_raw(&raw),
            Err(e) => Err(crate::InputError::new(
                "product data",
                vec![Problem::new(
                    "input",
                    "text that is not JSON",
                    format!("JSON ({e})"),
                )],
            )),
        }
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
