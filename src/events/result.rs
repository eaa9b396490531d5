//! What the events analysis returns: the tables, curves and figures, as
//! the JavaScript result has them.

use serde::Serialize;

/// One day's activity.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct DailyActivity {
    /// The local date, YYYY-MM-DD.
    pub date: String,
    /// Users active that day.
    pub active: u64,
    /// Users whose first event is that day.
    pub new_users: u64,
    /// Users active in the 7 days ending that day.
    pub weekly_active: u64,
    /// Users active in the 28 days ending that day.
    pub monthly_active: u64,
}

/// Stickiness over the last 28 days.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Stickiness {
    /// Mean daily actives over the last 28 days.
    pub dau: f64,
    /// Mean trailing-7-day actives over the same days.
    pub wau: f64,
    /// Mean trailing-28-day actives over the same days.
    pub mau: f64,
    /// dau / mau.
    pub dau_mau: f64,
    /// dau / wau.
    pub dau_wau: f64,
    /// wau / mau.
    pub wau_mau: f64,
    /// Days averaged (28, or fewer when the data is shorter).
    pub days: u32,
}

/// Growth accounting for one period (Social Capital, Jonathan Hsu, 2015).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct GrowthPeriod {
    /// The period's first local date.
    pub start: String,
    /// Users active in the period: new + retained + resurrected.
    pub active: u64,
    /// First active in this period.
    pub new_users: u64,
    /// Active in this period and the one before.
    pub retained: u64,
    /// Active in this period, not the one before, and not new.
    pub resurrected: u64,
    /// Active in the period before, not in this one.
    pub churned: u64,
    /// (new + resurrected) / churned; absent when nobody churned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quick_ratio: Option<f64>,
    /// True for the period holding the as-of day: it is not over yet.
    pub provisional: bool,
}

/// One cohort's retention row.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CohortRow {
    /// The cohort period's first local date.
    pub start: String,
    /// Users whose first event falls in the period.
    pub size: u64,
    /// Cells for periods 0, 1, 2, ... after the cohort's, up to the as-of period: cells that
    /// cannot be measured yet are absent, not 0.
    pub cells: Vec<CohortCell>,
}

/// One cell of the cohort triangle.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CohortCell {
    /// Periods since the cohort's.
    pub offset: u32,
    /// Cohort users active in that period.
    pub active: u64,
    /// Cohort users old enough to be measured in it.
    pub eligible: u64,
    /// active / eligible.
    pub retention: f64,
    /// 95% Wilson interval of the retention.
    pub interval: [f64; 2],
    /// True for the as-of period, which is not over yet.
    pub provisional: bool,
}

/// The mean retention curve, two ways.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct MeanCurvePoint {
    /// Periods since the cohort's.
    pub offset: u32,
    /// Size-weighted mean: all cohorts' active / all cohorts' eligible.
    pub weighted: f64,
    /// Simple mean of the cohorts' retention rates.
    pub simple: f64,
    /// Cohorts averaged (complete periods only).
    pub cohorts: u32,
    /// Users eligible in all of them.
    pub eligible: u64,
    /// 95% Wilson interval of the weighted mean.
    pub interval: [f64; 2],
}

/// Whether the mean retention curve levels off above zero.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Flattening {
    /// `flattening` (levels off above zero), `declining`, or `not_enough_data` (fewer than 4
    /// complete periods after the first).
    #[cfg_attr(
        feature = "wasm",
        tsify(type = "\"flattening\" | \"declining\" | \"not_enough_data\"")
    )]
    pub verdict: String,
    /// Estimated plateau: the weighted retention over the last half of the curve.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plateau: Option<f64>,
    /// Wilson interval on the plateau.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plateau_interval: Option<[f64; 2]>,
    /// Least-squares change in retention per period over those points, as a share of the plateau
    /// (-0.02 = falling 2% of the plateau a period).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relative_slope: Option<f64>,
    /// Where a flattening curve levels off: the first period after the cohort's from which no
    /// period's weighted retention differs from the plateau (the plateau is inside every
    /// later point's 95% Wilson interval).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stabilises_at: Option<Stabilisation>,
    /// In words.
    pub reading: String,
}

/// The point where the mean retention curve levels off.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Stabilisation {
    /// Periods after the cohort's.
    pub offset: u32,
    /// The weighted retention there.
    pub retention: f64,
    /// Its 95% Wilson interval.
    pub interval: [f64; 2],
}

/// Cohort retention.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Cohorts {
    /// The period: "day", "week" or "month".
    pub period: String,
    /// How periods after the cohort's are counted: "calendar" or "24h".
    #[cfg_attr(feature = "wasm", tsify(type = "\"calendar\" | \"24h\""))]
    pub window: String,
    /// One row per cohort, oldest first.
    pub rows: Vec<CohortRow>,
    /// Mean curves. Calendar windows: over complete cells only (the current period is partial).
    /// 24 h windows: over every cell, each counting only the users old enough for it.
    pub mean: Vec<MeanCurvePoint>,
    /// Whether the weighted mean curve flattens.
    pub flattening: Flattening,
    /// Retention models: with "on or after" retention, the sBG model and the power law with a
    /// floor fitted to the weighted mean curve and to each cohort of at least
    /// `options.modelMinUsers` users, with forecasts; with "on" retention, the smile.
    pub model: CohortModel,
}

/// The retention models of the cohort triangle.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CohortModel {
    /// The curve read: `on-or-after` (models fitted) or `on` (the smile only).
    #[cfg_attr(feature = "wasm", tsify(type = "\"on\" | \"on-or-after\""))]
    pub curve: String,
    /// Cohorts of at least this many users are read one by one.
    pub min_users: u64,
    /// The models of the weighted mean curve ("on or after" only; absent with too few periods or
    /// fewer than `minUsers` users in all).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean: Option<crate::retention::RetentionFit>,
    /// Whether the weighted mean "on" curve smiles (absent for "on or after", or under 2 periods).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub smile: Option<crate::retention::Smile>,
    /// Each cohort of at least `minUsers` users, oldest first.
    pub cohorts: Vec<CohortModelRow>,
    /// What the models are fitted to, and what was left out.
    pub notes: Vec<String>,
}

/// One cohort's models.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CohortModelRow {
    /// The cohort period's first local date.
    pub start: String,
    /// Users in the cohort.
    pub size: u64,
    /// Its models ("on or after"; absent with under 2 complete periods).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fit: Option<crate::retention::RetentionFit>,
    /// Its smile ("on").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub smile: Option<crate::retention::Smile>,
}

/// The L28 power-user curve.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PowerUserCurve {
    /// `users[i]` users were active on exactly i + 1 of the 28 days ending on the as-of day.
    pub users: Vec<u64>,
    /// Active days from which a user counts as a power user.
    pub power_user_days: u32,
    /// Users active on at least `powerUserDays` of the 28 days.
    pub power_users: u64,
    /// Users active on fewer.
    pub casual_users: u64,
}

/// What `analyzeEvents` found.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct EventsAnalysis {
    /// Events read.
    pub events: u64,
    /// Distinct users.
    pub users: u64,
    /// First and last local dates analysed.
    pub first_date: String,
    /// The as-of date (the last analysed).
    pub as_of: String,
    /// Events after the as-of day, left out.
    pub events_after_as_of: u64,
    /// Per day, first to as-of.
    pub daily: Vec<DailyActivity>,
    /// DAU / WAU / MAU over the last 28 days.
    pub stickiness: Stickiness,
    /// The L28 histogram.
    pub power_user_curve: PowerUserCurve,
    /// Cohort retention by first-seen period.
    pub cohorts: Cohorts,
    /// Growth accounting per period.
    pub growth: Vec<GrowthPeriod>,
    /// What makes a user new: `first_event` (their first event in the data), or `signup` (the
    /// signup times given).
    #[cfg_attr(feature = "wasm", tsify(type = "\"first_event\" | \"signup\""))]
    pub new_users_defined_by: String,
    /// How the signup times matched the events; absent without signup times.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signups: Option<SignupSummary>,
    /// The usage side of the product data, ready for `analyze({ usageMetrics })`.
    pub usage_metrics: crate::analyzer::model::UsageMetrics,
    /// The adoption side of the product data, ready for `analyze({ adoptionData })`.
    pub adoption_data: crate::analyzer::model::AdoptionData,
    /// Per event name (activity only) and per named feature (`options.features`): users,
    /// adoption, usage in the trailing 28 days, time to first use, retention of early adopters.
    /// Named features first, then events by users. Empty without event names.
    pub features: Vec<super::features::FeatureUse>,
    /// The activation rate and time to activation, with `options.activationEvent`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activation: Option<super::activation::Activation>,
    /// Sessions, from the session ids or the inactivity gap; absent without event names or
    /// session ids.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sessions: Option<super::sessions::SessionsReport>,
    /// Events not counted as activity, when the events have names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ignored_events: Option<IgnoredEvents>,
    /// What the analysis could not do as asked, or did with a guess, and how to do otherwise.
    pub warnings: Vec<crate::input::warning::Warning>,
}

/// Events left out as not activity: they never make a day active, a
/// session or a user (in an export, their ids still link: PostHog's
/// `$identify` is where an anonymous id meets the known one).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct IgnoredEvents {
    /// How many events were such events.
    pub count: u64,
    /// How many of each name.
    pub by_name: std::collections::BTreeMap<String, u64>,
    /// The names not counted (`options.ignoreEvents`, else the default list).
    pub names: Vec<String>,
}

/// How signup times matched the events.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SignupSummary {
    /// Distinct users with a signup time.
    pub users: u64,
    /// Users given more than one different signup time: the earliest is used.
    pub conflicting: u64,
    /// Users who signed up in the analysed days and have no event up to the as-of day: new,
    /// and in their cohort's size, but never active.
    pub without_events: u64,
    /// Users who signed up before the first event day: in no cohort, and never new (in
    /// growth accounting their first active period counts as resurrected).
    pub before_data: u64,
    /// Users who signed up after the as-of day and have no earlier event: left out.
    pub after_as_of: u64,
    /// Users with an event before their signup day: their first event is used as their start.
    pub active_before_signup: u64,
    /// Users with events but no signup time: their first event is used as their start.
    pub without_signup: u64,
}
