//! The events analysis's resolved options, and the calendar periods it
//! counts cohorts and growth in.

use crate::calendar::{month_of, month_start_day, week_of, week_start_day, WeekStart};
use crate::events::DEFAULT_POWER_USER_DAYS;

/// The period cohorts and growth accounting are counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
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
    /// CSV only: the unit of the time columns' numbers; default: from their size.
    pub time_unit: Option<super::timestamp::Unit>,
    /// CSV only: link anonymous ids to the known ids seen with them (default), or read
    /// every id as a user.
    pub link_identities: bool,
    /// CSV only: more links, (from, to).
    pub aliases: Vec<(String, String)>,
    /// CSV only: the event name column's header.
    pub event_column: Option<String>,
    /// Event names that are not activity.
    pub ignore_events: Vec<String>,
    /// Named features: a name and the events that make it up.
    pub features: Vec<(String, Vec<String>)>,
    /// The event (or named feature) that marks a user as activated.
    pub activation_event: Option<String>,
    /// Days from a user's start within which activating counts.
    pub activation_window_days: u32,
    /// Minutes without an event that end a session, when there is no session column.
    pub session_gap_minutes: u32,
    /// CSV only: the session id column's header.
    pub session_column: Option<String>,
    /// Retention counts a user in every period up to the last they returned in ("on or
    /// after", unbounded), not only in the periods they returned in.
    pub unbounded_retention: bool,
    /// Cohorts of at least this many users get their own retention models.
    pub model_min_users: u64,
    /// The event whose first occurrence puts a user in a retention cohort (else their start).
    pub start_event: Option<String>,
    /// The event that counts as returning (else any activity).
    pub return_event: Option<String>,
}

/// Days from a user's start within which the activation event counts,
/// unless options say otherwise: the first week (docs/methodology.md).
pub const DEFAULT_ACTIVATION_WINDOW_DAYS: u32 = 7;
/// Minutes of inactivity that end a session: Google Analytics' and
/// PostHog's session timeout.
pub const DEFAULT_SESSION_GAP_MINUTES: u32 = 30;

/// The identity and bookkeeping events analytics tools send on their own:
/// PostHog's `$identify`, `$set`, `$create_alias`, `$groupidentify` and
/// `$feature_flag_called`; Mixpanel's `$identify`, `$create_alias` and
/// `$merge`; Amplitude's `$identify` and `$groupidentify`. They say who a
/// user is, not what the user did.
pub const BOOKKEEPING_EVENTS: [&str; 7] = [
    "$identify",
    "$set",
    "$set_once",
    "$create_alias",
    "$groupidentify",
    "$feature_flag_called",
    "$merge",
];

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
            time_unit: None,
            link_identities: true,
            aliases: Vec::new(),
            event_column: None,
            ignore_events: BOOKKEEPING_EVENTS.iter().map(|s| s.to_string()).collect(),
            features: Vec::new(),
            activation_event: None,
            activation_window_days: DEFAULT_ACTIVATION_WINDOW_DAYS,
            session_gap_minutes: DEFAULT_SESSION_GAP_MINUTES,
            session_column: None,
            unbounded_retention: false,
            model_min_users: 100,
            start_event: None,
            return_event: None,
        }
    }
}

/// The period number of a local day.
pub(crate) fn period_of(day: i64, c: &EventsConfig) -> i64 {
    match c.period {
        Period::Day => day,
        Period::Week => week_of(day, c.week_start),
        Period::Month => month_of(day),
    }
}

/// The first local day of a period.
pub(crate) fn period_start_day(period: i64, c: &EventsConfig) -> i64 {
    match c.period {
        Period::Day => period,
        Period::Week => week_start_day(period, c.week_start),
        Period::Month => month_start_day(period),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::days_from_civil;

    fn config(period: Period, week_start: WeekStart) -> EventsConfig {
        EventsConfig {
            period,
            week_start,
            ..EventsConfig::default()
        }
    }

    #[test]
    fn each_day_falls_in_the_period_that_starts_on_or_before_it() {
        // 2026-11-01 is a Sunday, 2026-11-02 a Monday.
        let sunday = days_from_civil(2026, 11, 1);
        let sundays = config(Period::Week, WeekStart::Sunday);
        let mondays = config(Period::Week, WeekStart::Monday);
        for day in sunday..sunday + 7 {
            assert_eq!(period_start_day(period_of(day, &sundays), &sundays), sunday);
        }
        assert_eq!(
            period_start_day(period_of(sunday, &mondays), &mondays),
            sunday - 6
        );
        for day in sunday + 1..sunday + 8 {
            assert_eq!(
                period_start_day(period_of(day, &mondays), &mondays),
                sunday + 1
            );
        }
        let months = config(Period::Month, WeekStart::Monday);
        let leap_day = days_from_civil(2028, 2, 29);
        assert_eq!(
            period_start_day(period_of(leap_day, &months), &months),
            days_from_civil(2028, 2, 1)
        );
        assert_eq!(
            period_of(days_from_civil(2028, 3, 1), &months),
            period_of(leap_day, &months) + 1
        );
        let days = config(Period::Day, WeekStart::Monday);
        assert_eq!(
            period_start_day(period_of(leap_day, &days), &days),
            leap_day
        );
    }
}
