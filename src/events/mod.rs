//! Usage analysis from raw events (a user id and a timestamp per event):
//! daily actives and new users, trailing WAU and MAU, stickiness, the L28
//! power-user curve, cohort retention and growth accounting.
//!
//! Events may come in any order. They are reduced to the distinct
//! (user, local day) pairs by a radix sort, then one pass over each user's
//! days fills every table, so work is linear in the events.
//!
//! ```
//! use market_validation::events::{analyze_events, EventsConfig};
//! let day = 86_400_000.0;
//! // User 1 on days 0 and 1, user 2 on day 1 (UTC).
//! let users = [1, 1, 2];
//! let times = [0.5 * day, 1.5 * day, 1.2 * day];
//! let r = analyze_events(&users, &times, &EventsConfig::default()).unwrap();
//! assert_eq!(r.daily.iter().map(|d| d.active).collect::<Vec<_>>(), vec![1, 2]);
//! assert_eq!(r.daily.iter().map(|d| d.new_users).collect::<Vec<_>>(), vec![1, 1]);
//! ```

pub mod activity;

mod csv_input;
pub mod options;
pub mod timestamp;

pub use csv_input::{analyze_events_csv, EventsCsvAnalysis};
pub use options::EventsOptions;

use crate::calendar::{
    iso_date, local_day, month_of, month_start_day, week_of, week_start_day, WeekStart,
};
use crate::format::format_number;
use crate::input::problem::{InputError, Problem};
use serde::Serialize;

/// Most events analysed in one call: 10 million events take a few hundred
/// megabytes while they are sorted; more would risk a browser tab's memory.
pub const MAX_EVENTS: usize = 50_000_000;
/// Latest timestamp accepted: 2100-01-01T00:00:00Z, in ms.
pub const MAX_TIMESTAMP_MS: f64 = 4_102_444_800_000.0;
/// Most periods in a cohort matrix (its size grows with their square).
pub const MAX_COHORT_PERIODS: i64 = 1_000;
/// Days of activity in the L28 window for a user to count as a power user,
/// unless options say otherwise: at least every other day.
pub const DEFAULT_POWER_USER_DAYS: u32 = 14;

/// The period cohorts and growth accounting are counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Calendar days.
    Day,
    /// Calendar weeks starting on the configured day.
    Week,
    /// Calendar months.
    Month,
}

impl Period {
    /// The id used in options and results.
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
        }
    }
}

/// How cohort retention windows are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// Period N is the Nth calendar period after the cohort's.
    Calendar,
    /// Period N is the Nth block of 24 h (7 x 24 h, 30 x 24 h) after the
    /// user's first event.
    Elapsed,
}

/// Resolved options of the events analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct EventsConfig {
    /// Fixed offset from UTC for day boundaries, in minutes (-840..840).
    pub utc_offset_minutes: i32,
    /// First day of a week.
    pub week_start: WeekStart,
    /// Cohort and growth-accounting period.
    pub period: Period,
    /// Cohort retention windows.
    pub window: Window,
    /// The last day analysed (local); default: the day of the last event.
    pub as_of: Option<i64>,
    /// L28 active days that make a power user.
    pub power_user_days: u32,
    /// CSV only: the user id column's header.
    pub user_column: Option<String>,
    /// CSV only: the timestamp column's header.
    pub time_column: Option<String>,
    /// CSV only: the signup time column's header.
    pub signup_column: Option<String>,
    /// CSV only: the field delimiter.
    pub delimiter: Option<u8>,
}

impl Default for EventsConfig {
    fn default() -> Self {
        EventsConfig {
            utc_offset_minutes: 0,
            week_start: WeekStart::Monday,
            period: Period::Week,
            window: Window::Calendar,
            as_of: None,
            power_user_days: DEFAULT_POWER_USER_DAYS,
            user_column: None,
            time_column: None,
            signup_column: None,
            delimiter: None,
        }
    }
}

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
    /// In words.
    pub reading: String,
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
}

/// Signup times, one per user: when given, a user is new on the day they
/// signed up (not on their first event), cohorts are signup cohorts, and
/// users who signed up but never came back count in their cohort.
#[derive(Debug, Clone, Copy)]
pub struct Signups<'a> {
    /// User ids, from the same id space as the events'.
    pub user_ids: &'a [u32],
    /// Signup times, milliseconds since the epoch (UTC), one per user id.
    pub timestamps_ms: &'a [f64],
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

/// Analyses events given as parallel arrays of user ids and timestamps
/// (milliseconds since the epoch, UTC). A user is new on the day of their
/// first event; see [`analyze_events_with_signups`] for signup times.
pub fn analyze_events(
    user_ids: &[u32],
    timestamps_ms: &[f64],
    config: &EventsConfig,
) -> Result<EventsAnalysis, InputError> {
    let prepared = prepare(user_ids, timestamps_ms, None, config)?;
    finish(prepared, config)
}

/// [`analyze_events`] with a signup time per user defining who is new.
///
/// ```
/// use market_validation::events::{analyze_events_with_signups, EventsConfig, Signups};
/// let day = 86_400_000.0;
/// // User 1 signed up on day 0 and came back on day 2; user 2 signed up on
/// // day 1 and never used the product; user 3 (no signup time) was active on day 0.
/// let signups = Signups { user_ids: &[1, 2], timestamps_ms: &[0.1 * day, 1.1 * day] };
/// let r = analyze_events_with_signups(&[1, 3], &[2.5 * day, 0.5 * day], &signups, &EventsConfig::default()).unwrap();
/// assert_eq!(r.daily.iter().map(|d| d.new_users).collect::<Vec<_>>(), vec![2, 1, 0]);
/// assert_eq!(r.new_users_defined_by, "signup");
/// ```
///
/// The analysed days still start at the first event: users who signed up
/// before it are counted (`signups.beforeData`) but are in no cohort and are
/// never new.
pub fn analyze_events_with_signups(
    user_ids: &[u32],
    timestamps_ms: &[f64],
    signups: &Signups,
    config: &EventsConfig,
) -> Result<EventsAnalysis, InputError> {
    let prepared = prepare(user_ids, timestamps_ms, Some(signups), config)?;
    finish(prepared, config)
}

/// [`analyze_events`] taking the arrays by value: they are freed as soon as
/// the per-event keys are built, so the sort can reuse their memory (in wasm,
/// whose memory never shrinks, this keeps the peak near the size of the
/// input arrays plus the keys).
pub fn analyze_events_owned(
    user_ids: Vec<u32>,
    timestamps_ms: Vec<f64>,
    signups: Option<&Signups>,
    config: &EventsConfig,
) -> Result<EventsAnalysis, InputError> {
    let prepared = prepare(&user_ids, &timestamps_ms, signups, config)?;
    drop(user_ids);
    drop(timestamps_ms);
    finish(prepared, config)
}

/// Everything taken from the events before they can be let go.
struct Prepared {
    keys: Vec<u64>,
    layout: activity::KeyLayout,
    key_bits: u32,
    first_day: i64,
    as_of: i64,
    events: u64,
    after: u64,
    elapsed: Option<ElapsedCohorts>,
    signups: Option<SignupTimes>,
}

/// Signup times sorted by user, one per user (the earliest when a user has
/// several), and how many users had differing ones.
struct SignupTimes {
    by_user: Vec<(u32, f64)>,
    conflicting: u64,
}

impl SignupTimes {
    fn new(signups: &Signups) -> SignupTimes {
        let mut pairs: Vec<(u32, f64)> = signups
            .user_ids
            .iter()
            .copied()
            .zip(signups.timestamps_ms.iter().copied())
            .collect();
        pairs.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let mut by_user: Vec<(u32, f64)> = Vec::with_capacity(pairs.len());
        let mut conflicting = 0;
        let mut counted = None;
        for (user, t) in pairs {
            match by_user.last() {
                Some(&(last, first_t)) if last == user => {
                    if t != first_t && counted != Some(user) {
                        conflicting += 1;
                        counted = Some(user);
                    }
                }
                _ => by_user.push((user, t)),
            }
        }
        SignupTimes {
            by_user,
            conflicting,
        }
    }
}

fn prepare(
    user_ids: &[u32],
    timestamps_ms: &[f64],
    signups: Option<&Signups>,
    config: &EventsConfig,
) -> Result<Prepared, InputError> {
    validate(user_ids, timestamps_ms, signups)?;
    let signups = signups.map(SignupTimes::new);
    let offset = config.utc_offset_minutes;
    let mut first_day = i64::MAX;
    let mut last_day = i64::MIN;
    for &t in timestamps_ms {
        let d = local_day(t, offset);
        first_day = first_day.min(d);
        last_day = last_day.max(d);
    }
    let as_of = config.as_of.unwrap_or(last_day).max(first_day);
    let span = (as_of - first_day) as u64;
    let layout = activity::KeyLayout::for_span(span);
    let user_bits = 32 - user_ids.iter().copied().max().unwrap_or(0).leading_zeros();
    // Checked before the keys are built: too many periods is an error.
    let periods = (period_of(as_of, config) - period_of(first_day, config) + 1).max(1);
    if periods > MAX_COHORT_PERIODS {
        return Err(too_many_periods(config, periods));
    }
    let elapsed = (config.window == Window::Elapsed).then(|| {
        elapsed_cohorts(
            user_ids,
            timestamps_ms,
            config,
            as_of,
            first_day,
            periods as usize,
            signups.as_ref(),
        )
    });
    let mut keys = Vec::with_capacity(user_ids.len());
    let mut after = 0u64;
    for (&u, &t) in user_ids.iter().zip(timestamps_ms) {
        let d = local_day(t, offset);
        if d > as_of {
            after += 1;
        } else {
            keys.push(layout.key(u, (d - first_day) as u64));
        }
    }
    Ok(Prepared {
        keys,
        layout,
        key_bits: layout.day_bits + user_bits.max(1),
        first_day,
        as_of,
        events: timestamps_ms.len() as u64,
        after,
        elapsed,
        signups,
    })
}

fn too_many_periods(config: &EventsConfig, periods: i64) -> InputError {
    InputError::new(
        "events",
        vec![Problem::new(
            "options.cohortPeriod",
            format!("\"{}\" over {periods} periods", config.period.as_str()),
            format!("at most {MAX_COHORT_PERIODS} periods: choose a longer period, or a later first date"),
        )],
    )
}

fn finish(prepared: Prepared, config: &EventsConfig) -> Result<EventsAnalysis, InputError> {
    let Prepared {
        keys,
        layout,
        key_bits,
        first_day,
        as_of,
        events,
        after,
        elapsed,
        signups,
    } = prepared;
    let pairs = activity::sort_unique(keys, key_bits);
    let mut report = Tables::new(first_day, as_of, config);
    report.elapsed = elapsed;
    // Signups are merged in user order: users with a signup but no event
    // are added between the users with events.
    let mut signup_list: &[(u32, f64)] = &[];
    if let Some(s) = &signups {
        report.signups = Some(SignupSummary {
            users: s.by_user.len() as u64,
            conflicting: s.conflicting,
            ..SignupSummary::default()
        });
        signup_list = &s.by_user;
    }
    // One buffer for every user's days: no allocation per user.
    let mut days: Vec<i64> = Vec::new();
    let mut start = 0;
    while start < pairs.len() {
        let user = layout.user(pairs[start]);
        let mut end = start;
        while end < pairs.len() && layout.user(pairs[end]) == user {
            end += 1;
        }
        days.clear();
        days.extend(
            pairs[start..end]
                .iter()
                .map(|k| first_day + layout.day(*k) as i64),
        );
        while let Some((&(u, t), rest)) = signup_list.split_first() {
            if u >= user {
                break;
            }
            report.add_user(&[], Some(t));
            signup_list = rest;
        }
        let signup = match signup_list.split_first() {
            Some((&(u, t), rest)) if u == user => {
                signup_list = rest;
                Some(t)
            }
            _ => None,
        };
        report.add_user(&days, signup);
        start = end;
    }
    for &(_, t) in signup_list {
        report.add_user(&[], Some(t));
    }
    Ok(report.finish(events, after))
}

fn validate(
    user_ids: &[u32],
    timestamps_ms: &[f64],
    signups: Option<&Signups>,
) -> Result<(), InputError> {
    let fail = |problems: Vec<Problem>| Err(InputError::new("events", problems));
    let mut problems = Vec::new();
    check_lengths("", user_ids.len(), timestamps_ms.len(), &mut problems);
    if let Some(s) = signups {
        check_lengths(
            "signups.",
            s.user_ids.len(),
            s.timestamps_ms.len(),
            &mut problems,
        );
    }
    if !problems.is_empty() {
        return fail(problems);
    }
    if timestamps_ms.is_empty() {
        return fail(vec![Problem::new(
            "input",
            "no events",
            "at least one event",
        )]);
    }
    check_timestamps("timestamps", timestamps_ms, &mut problems);
    if let Some(s) = signups {
        check_timestamps("signups.timestamps", s.timestamps_ms, &mut problems);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        fail(problems)
    }
}

/// One timestamp per user id, and not more than [`MAX_EVENTS`].
fn check_lengths(prefix: &str, ids: usize, times: usize, problems: &mut Vec<Problem>) {
    if ids != times {
        problems.push(Problem::new(
            format!("{prefix}timestamps"),
            format!("{times} timestamps for {ids} user ids"),
            "one timestamp per user id (arrays of the same length)",
        ));
    } else if times > MAX_EVENTS {
        problems.push(Problem::new(
            if prefix.is_empty() {
                "input".to_string()
            } else {
                format!("{prefix}userIds")
            },
            format!("{times} entries"),
            format!("at most {MAX_EVENTS} in one call (aggregate or sample larger data)"),
        ));
    }
}

/// Every timestamp a real date in milliseconds; the first 20 bad ones are
/// named, the rest counted; seconds given for milliseconds are detected.
fn check_timestamps(path: &str, timestamps_ms: &[f64], problems: &mut Vec<Problem>) {
    let before = problems.len();
    let mut bad = 0usize;
    let (mut min, mut max) = (f64::INFINITY, f64::NEG_INFINITY);
    for (i, &t) in timestamps_ms.iter().enumerate() {
        if !t.is_finite() || !(0.0..MAX_TIMESTAMP_MS).contains(&t) {
            bad += 1;
            if bad <= 20 {
                problems.push(Problem::new(
                    format!("{path}[{i}]"),
                    format_number(t),
                    "milliseconds since 1970-01-01T00:00:00Z, a date from 1970 to 2099",
                ));
            }
        } else {
            min = min.min(t);
            max = max.max(t);
        }
    }
    if bad > 20 {
        problems.push(Problem::new(
            path,
            format!("{} more invalid timestamps", bad - 20),
            "valid timestamps",
        ));
    }
    // Seconds where milliseconds belong: 1.7e9 is 2023 in seconds but 20 days
    // after the epoch in milliseconds. Every real timestamp below 1e11 ms is
    // before March 1973, which no usage export holds.
    if problems.len() == before && min <= max && max < 1e11 && min >= 1e8 {
        problems.push(
            Problem::new(
                path,
                format!(
                    "values from {} to {}",
                    format_number(min),
                    format_number(max)
                ),
                "milliseconds since the epoch",
            )
            .with_hint(Some(format!(
                "these look like seconds: {} s is {}; multiply by 1000",
                format_number(max),
                iso_date((max / 86_400.0) as i64)
            ))),
        );
    }
}

/// The tables one pass over the users fills.
struct Tables<'c> {
    config: &'c EventsConfig,
    first_day: i64,
    as_of: i64,
    users: u64,
    dau: Vec<u64>,
    new_users: Vec<u64>,
    /// Difference arrays of the trailing-window counts.
    wau_diff: Vec<i64>,
    mau_diff: Vec<i64>,
    l28: Vec<u64>,
    first_period: i64,
    last_period: i64,
    /// cohort (from first_period) x offset -> users active.
    cohort_active: Vec<Vec<u64>>,
    cohort_size: Vec<u64>,
    growth_new: Vec<u64>,
    growth_retained: Vec<u64>,
    growth_resurrected: Vec<u64>,
    growth_churned: Vec<u64>,
    /// Cohort counts with 24 h windows, when asked for.
    elapsed: Option<ElapsedCohorts>,
    /// Counts of how signups matched, when signup times were given.
    signups: Option<SignupSummary>,
}

/// Cohorts counted in 24 h windows from each user's first event.
struct ElapsedCohorts {
    /// cohort x window -> users active in it (among those old enough).
    active: Vec<Vec<u64>>,
    /// cohort x window -> users old enough for the window to be over.
    eligible: Vec<Vec<u64>>,
}

/// Counts cohorts in 24 h windows: window k of a user is [t0 + k len,
/// t0 + (k + 1) len) from their start t0 (first event, or signup when
/// earlier); a user counts (as eligible, and as active) only in windows that
/// ended by the end of the as-of day. Users who started before the first
/// event day are in no cohort.
fn elapsed_cohorts(
    user_ids: &[u32],
    timestamps_ms: &[f64],
    c: &EventsConfig,
    as_of: i64,
    first_day: i64,
    periods: usize,
    signups: Option<&SignupTimes>,
) -> ElapsedCohorts {
    let offset_ms = f64::from(c.utc_offset_minutes) * 60_000.0;
    let end_ms = (as_of + 1) as f64 * crate::calendar::MS_PER_DAY - offset_ms;
    let len = crate::calendar::MS_PER_DAY
        * match c.period {
            Period::Day => 1.0,
            Period::Week => 7.0,
            Period::Month => 30.0,
        };
    let mut start: std::collections::HashMap<u32, f64> = std::collections::HashMap::new();
    let mut note_start = |u: u32, t: f64| {
        if t < end_ms {
            start.entry(u).and_modify(|f| *f = f.min(t)).or_insert(t);
        }
    };
    for (&u, &t) in user_ids.iter().zip(timestamps_ms) {
        note_start(u, t);
    }
    for &(u, t) in signups.map_or(&[][..], |s| &s.by_user) {
        note_start(u, t);
    }
    let first_period = period_of(first_day, c);
    let width = periods + 1;
    // A user's cohort (None before the data) and complete windows by the
    // end of the as-of day.
    let place = |t0: f64| -> Option<(usize, u64)> {
        let cohort = period_of(local_day(t0, c.utc_offset_minutes), c) - first_period;
        let mature = (libm::floor((end_ms - t0) / len).max(0.0) as u64).min(width as u64);
        (0..periods as i64)
            .contains(&cohort)
            .then_some((cohort as usize, mature))
    };
    let mut active = vec![vec![0u64; width]; periods];
    let mut eligible = vec![vec![0u64; width]; periods];
    for &t0 in start.values() {
        if let Some((cohort, mature)) = place(t0) {
            for e in eligible[cohort].iter_mut().take(mature as usize) {
                *e += 1;
            }
        }
    }
    let window_bits = 64 - (width as u64).leading_zeros();
    let mut keys = Vec::with_capacity(user_ids.len());
    for (&u, &t) in user_ids.iter().zip(timestamps_ms) {
        if let Some(&t0) = start.get(&u).filter(|_| t < end_ms) {
            let k = (libm::floor((t - t0) / len).max(0.0) as u64).min(width as u64 - 1);
            keys.push((u64::from(u) << window_bits) | k);
        }
    }
    let user_bits = 32 - user_ids.iter().copied().max().unwrap_or(0).leading_zeros();
    let pairs = activity::sort_unique(keys, window_bits + user_bits.max(1));
    let mut previous_user = None;
    let mut placed = None;
    for key in pairs {
        let user = (key >> window_bits) as u32;
        let k = key & ((1 << window_bits) - 1);
        if previous_user != Some(user) {
            previous_user = Some(user);
            placed = start.get(&user).and_then(|&t0| place(t0));
        }
        if let Some((cohort, mature)) = placed {
            if k < mature {
                active[cohort][k as usize] += 1;
            }
        }
    }
    ElapsedCohorts { active, eligible }
}

/// Whether the weighted mean curve levels off: the last half of its points
/// after period 0 (at least 3 of at least 4) give a plateau (their weighted
/// retention, with a Wilson interval) and a least-squares slope; the curve is
/// flattening when the plateau is above zero and the slope loses less than
/// 5% of the plateau a period (docs/methodology.md, section 11).
fn flattening(mean: &[MeanCurvePoint]) -> Flattening {
    let points: Vec<&MeanCurvePoint> = mean
        .iter()
        .filter(|p| p.offset >= 1 && p.eligible > 0)
        .collect();
    if points.len() < 4 {
        return Flattening {
            verdict: "not_enough_data".into(),
            plateau: None,
            plateau_interval: None,
            relative_slope: None,
            reading: format!("{} complete periods after the first; at least 4 are needed to see the curve's shape", points.len()),
        };
    }
    let tail = &points[points.len() / 2..];
    let active: f64 = tail.iter().map(|p| p.weighted * p.eligible as f64).sum();
    let eligible: f64 = tail.iter().map(|p| p.eligible as f64).sum();
    let plateau = active / eligible;
    let (lo, hi) = crate::stats::wilson(active, eligible, crate::stats::z_for_confidence(0.95));
    let n = tail.len() as f64;
    let mean_x = tail.iter().map(|p| f64::from(p.offset)).sum::<f64>() / n;
    let mean_y = tail.iter().map(|p| p.weighted).sum::<f64>() / n;
    let sxx: f64 = tail
        .iter()
        .map(|p| (f64::from(p.offset) - mean_x) * (f64::from(p.offset) - mean_x))
        .sum();
    let sxy: f64 = tail
        .iter()
        .map(|p| (f64::from(p.offset) - mean_x) * (p.weighted - mean_y))
        .sum();
    let slope = if sxx > 0.0 { sxy / sxx } else { 0.0 };
    let relative = if plateau > 0.0 { slope / plateau } else { 0.0 };
    let pct = |x: f64| format!("{}%", format_number((x * 1000.0).round() / 10.0));
    let flat = lo > 0.0 && relative > -FLAT_DECLINE;
    Flattening {
        verdict: if flat { "flattening" } else { "declining" }.into(),
        plateau: Some(plateau),
        plateau_interval: Some([lo, hi]),
        relative_slope: Some(relative),
        reading: if flat {
            format!(
                "levels off at about {} (95% interval {} to {}), changing {} of that a period",
                pct(plateau),
                pct(lo),
                pct(hi),
                pct(relative)
            )
        } else {
            format!(
                "still declining: {} of the retained share lost a period (at about {} now)",
                pct(-relative),
                pct(plateau)
            )
        },
    }
}

/// A curve losing less than this share of its plateau per period counts as
/// flat: our threshold, documented in the methodology.
pub const FLAT_DECLINE: f64 = 0.05;

impl<'c> Tables<'c> {
    /// Empty tables for first_day..=as_of; `prepare` has checked the number
    /// of periods against [`MAX_COHORT_PERIODS`].
    fn new(first_day: i64, as_of: i64, config: &'c EventsConfig) -> Tables<'c> {
        let days = (as_of - first_day + 1) as usize;
        let first_period = period_of(first_day, config);
        let last_period = period_of(as_of, config);
        let p = (last_period - first_period + 1).max(1) as usize;
        Tables {
            config,
            first_day,
            as_of,
            users: 0,
            dau: vec![0; days],
            new_users: vec![0; days],
            wau_diff: vec![0; days + 1],
            mau_diff: vec![0; days + 1],
            l28: vec![0; 28],
            first_period,
            last_period,
            cohort_active: (0..p).map(|c| vec![0; p - c]).collect(),
            cohort_size: vec![0; p],
            growth_new: vec![0; p],
            growth_retained: vec![0; p],
            growth_resurrected: vec![0; p],
            growth_churned: vec![0; p],
            elapsed: None,
            signups: None,
        }
    }

    /// Adds one user: their active days (sorted, distinct, within
    /// first..=as_of; possibly none) and their signup time, if known.
    fn add_user(&mut self, days: &[i64], signup_ms: Option<f64>) {
        let first_active = days.first().copied();
        let signup_day = signup_ms.map(|t| local_day(t, self.config.utc_offset_minutes));
        // A user starts on their signup day, or on their first event when
        // that is earlier (events before signing up) or no signup is known.
        let start = match (signup_day, first_active) {
            (Some(s), Some(f)) => {
                if f < s {
                    self.count_signup(|c| c.active_before_signup += 1);
                }
                s.min(f)
            }
            (Some(s), None) => s,
            (None, Some(f)) => {
                self.count_signup(|c| c.without_signup += 1);
                f
            }
            (None, None) => return,
        };
        if start > self.as_of {
            self.count_signup(|c| c.after_as_of += 1);
            return;
        }
        // The cohort, counted from the first period; none when the user
        // started before the data.
        let cohort = if start >= self.first_day {
            self.new_users[(start - self.first_day) as usize] += 1;
            let c = period_of(start, self.config) - self.first_period;
            self.cohort_size[c as usize] += 1;
            Some(c)
        } else {
            self.count_signup(|c| c.before_data += 1);
            None
        };
        if days.is_empty() {
            self.count_signup(|c| c.without_events += 1);
            return;
        }
        self.users += 1;
        let n = self.dau.len() as i64;
        let mut in_l28 = 0usize;
        for (i, &d) in days.iter().enumerate() {
            let idx = d - self.first_day;
            self.dau[idx as usize] += 1;
            let next = days.get(i + 1).map_or(i64::MAX, |x| x - self.first_day);
            // The user is in the trailing window of every day from d to the
            // window's end, until their next active day takes over.
            for (diff, width) in [(&mut self.wau_diff, 7), (&mut self.mau_diff, 28)] {
                let end = (idx + width).min(next).min(n);
                diff[idx as usize] += 1;
                diff[end as usize] -= 1;
            }
            if d > self.as_of - 28 {
                in_l28 += 1;
            }
        }
        if in_l28 > 0 {
            self.l28[in_l28.min(28) - 1] += 1;
        }
        // Periods: distinct, ascending. New in the cohort's own period;
        // retained after an active period; otherwise resurrected (which
        // includes a first activity in a period after the signup's).
        let mut previous: Option<i64> = None;
        for &d in days {
            let p = period_of(d, self.config) - self.first_period;
            if previous == Some(p) {
                continue;
            }
            if let Some(c) = cohort {
                self.cohort_active[c as usize][(p - c) as usize] += 1;
            }
            match previous {
                Some(q) if q == p - 1 => self.growth_retained[p as usize] += 1,
                None if cohort == Some(p) => self.growth_new[p as usize] += 1,
                None => self.growth_resurrected[p as usize] += 1,
                Some(q) => {
                    self.growth_resurrected[p as usize] += 1;
                    self.growth_churned[(q + 1) as usize] += 1;
                }
            }
            previous = Some(p);
        }
        // Churned after the last active period, if a later period exists.
        if let Some(q) = previous {
            if q + 1 < self.growth_churned.len() as i64 {
                self.growth_churned[(q + 1) as usize] += 1;
            }
        }
    }

    /// Counts a signup outcome, when signup times were given.
    fn count_signup(&mut self, count: impl FnOnce(&mut SignupSummary)) {
        if let Some(summary) = &mut self.signups {
            count(summary);
        }
    }

    fn finish(self, events: u64, after: u64) -> EventsAnalysis {
        let days = self.dau.len();
        let mut daily = Vec::with_capacity(days);
        let (mut wau, mut mau) = (0i64, 0i64);
        for i in 0..days {
            wau += self.wau_diff[i];
            mau += self.mau_diff[i];
            daily.push(DailyActivity {
                date: iso_date(self.first_day + i as i64),
                active: self.dau[i],
                new_users: self.new_users[i],
                weekly_active: wau.max(0) as u64,
                monthly_active: mau.max(0) as u64,
            });
        }
        let last = &daily[days.saturating_sub(28)..];
        let mean = |f: &dyn Fn(&DailyActivity) -> u64| {
            last.iter().map(|d| f(d) as f64).sum::<f64>() / last.len().max(1) as f64
        };
        let (dau, wau, mau) = (
            mean(&|d| d.active),
            mean(&|d| d.weekly_active),
            mean(&|d| d.monthly_active),
        );
        let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
        let stickiness = Stickiness {
            dau,
            wau,
            mau,
            dau_mau: ratio(dau, mau),
            dau_wau: ratio(dau, wau),
            wau_mau: ratio(wau, mau),
            days: last.len() as u32,
        };
        let threshold = self.config.power_user_days.clamp(1, 28);
        let power: u64 = self.l28[(threshold - 1) as usize..].iter().sum();
        let power_user_curve = PowerUserCurve {
            power_users: power,
            casual_users: self.l28.iter().sum::<u64>() - power,
            users: self.l28,
            power_user_days: threshold,
        };
        let periods = self.cohort_size.len();
        let start_of =
            |p: usize| iso_date(period_start_day(self.first_period + p as i64, self.config));
        let last_index = (self.last_period - self.first_period) as usize;
        let mut rows = Vec::with_capacity(periods);
        for c in 0..periods {
            let size = self.cohort_size[c];
            let cells = match &self.elapsed {
                // Calendar windows: every cohort user is measurable in every
                // period up to the as-of one, which is partial.
                None => self.cohort_active[c]
                    .iter()
                    .enumerate()
                    .map(|(k, &active)| CohortCell {
                        offset: k as u32,
                        active,
                        eligible: size,
                        retention: if size > 0 {
                            active as f64 / size as f64
                        } else {
                            0.0
                        },
                        provisional: c + k == last_index,
                    })
                    .collect(),
                // 24 h windows: only the users whose window is over count.
                Some(e) => e.eligible[c]
                    .iter()
                    .zip(&e.active[c])
                    .enumerate()
                    .take_while(|(_, (eligible, _))| **eligible > 0)
                    .map(|(k, (&eligible, &active))| CohortCell {
                        offset: k as u32,
                        active,
                        eligible,
                        retention: active as f64 / eligible as f64,
                        provisional: eligible < size,
                    })
                    .collect(),
            };
            rows.push(CohortRow {
                start: start_of(c),
                size,
                cells,
            });
        }
        let calendar = self.elapsed.is_none();
        let mut mean_curve = Vec::new();
        for k in 0..=periods {
            let cells: Vec<&CohortCell> = rows
                .iter()
                .filter(|r| r.size > 0)
                .filter_map(|r| r.cells.get(k))
                .filter(|c| !(calendar && c.provisional))
                .collect();
            if cells.is_empty() {
                continue;
            }
            let active: u64 = cells.iter().map(|c| c.active).sum();
            let eligible: u64 = cells.iter().map(|c| c.eligible).sum();
            mean_curve.push(MeanCurvePoint {
                offset: k as u32,
                weighted: active as f64 / eligible as f64,
                simple: cells.iter().map(|c| c.retention).sum::<f64>() / cells.len() as f64,
                cohorts: cells.len() as u32,
                eligible,
            });
        }
        let growth = (0..periods)
            .map(|p| {
                let (new, retained, resurrected, churned) = (
                    self.growth_new[p],
                    self.growth_retained[p],
                    self.growth_resurrected[p],
                    self.growth_churned[p],
                );
                GrowthPeriod {
                    start: start_of(p),
                    active: new + retained + resurrected,
                    new_users: new,
                    retained,
                    resurrected,
                    churned,
                    quick_ratio: (churned > 0).then(|| (new + resurrected) as f64 / churned as f64),
                    provisional: p == last_index,
                }
            })
            .collect();
        let usage_metrics = usage_metrics(&stickiness, &mean_curve, self.config.period);
        let adoption_data = crate::analyzer::model::AdoptionData {
            total_users: Some(self.users as f64),
            power_users: Some(power_user_curve.power_users as f64),
            casual_users: Some(power_user_curve.casual_users as f64),
            ..crate::analyzer::model::AdoptionData::default()
        };
        EventsAnalysis {
            events,
            users: self.users,
            first_date: iso_date(self.first_day),
            as_of: iso_date(self.as_of),
            events_after_as_of: after,
            daily,
            stickiness,
            power_user_curve,
            usage_metrics,
            adoption_data,
            cohorts: Cohorts {
                period: self.config.period.as_str().to_string(),
                window: if calendar { "calendar" } else { "24h" }.to_string(),
                flattening: flattening(&mean_curve),
                rows,
                mean: mean_curve,
            },
            growth,
            new_users_defined_by: if self.signups.is_some() {
                "signup"
            } else {
                "first_event"
            }
            .to_string(),
            signups: self.signups,
        }
    }
}

/// The usage metrics for `analyze`: the 28-day averages, and the weighted
/// retention at six months (the benchmarks' horizon) or, when the data is
/// shorter, at the longest horizon measured, with that horizon stated.
fn usage_metrics(
    s: &Stickiness,
    mean: &[MeanCurvePoint],
    period: Period,
) -> crate::analyzer::model::UsageMetrics {
    let six_months = match period {
        Period::Day => 182,
        Period::Week => 26,
        Period::Month => 6,
    };
    let months = |offset: u32| match period {
        Period::Day => f64::from(offset) / 30.436_875,
        Period::Week => f64::from(offset) * 7.0 / 30.436_875,
        Period::Month => f64::from(offset),
    };
    let point = mean.iter().find(|p| p.offset == six_months).or_else(|| {
        mean.iter()
            .filter(|p| p.offset >= 1 && p.offset < six_months)
            .max_by_key(|p| p.offset)
    });
    crate::analyzer::model::UsageMetrics {
        daily_active_users: Some(s.dau),
        weekly_active_users: Some(s.wau),
        monthly_active_users: Some(s.mau),
        retention_rate: point.map(|p| p.weighted),
        retention_horizon_months: point
            .map(|p| (months(p.offset) * 10.0).round() / 10.0)
            .filter(|m| *m != 6.0),
        ..crate::analyzer::model::UsageMetrics::default()
    }
}

fn period_of(day: i64, c: &EventsConfig) -> i64 {
    match c.period {
        Period::Day => day,
        Period::Week => week_of(day, c.week_start),
        Period::Month => month_of(day),
    }
}

fn period_start_day(period: i64, c: &EventsConfig) -> i64 {
    match c.period {
        Period::Day => period,
        Period::Week => week_start_day(period, c.week_start),
        Period::Month => month_start_day(period),
    }
}
