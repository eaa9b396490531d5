//! Options of `analyzeEvents`: each edge-case semantics users of analytics
//! tools trip on is an option with a documented default.

use super::{EventsConfig, Period, Window};
use crate::calendar::WeekStart;
use crate::input::problem::{join_path, InputError, Problem};
use crate::input::raw::RawValue;
use crate::input::read::{self, Shape};
use serde::Serialize;

/// Options for `analyzeEvents`. All optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct EventsOptions {
    /// Fixed offset from UTC for day boundaries, in minutes, -840..840 in steps of 15
    /// (60 = UTC+1, -300 = UTC-5). Default 0.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub utc_offset_minutes: Option<f64>,
    /// First day of a week: `monday` (default, ISO 8601) or `sunday`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "\"monday\" | \"sunday\""))]
    pub week_start: Option<String>,
    /// Cohort retention windows: `calendar` (default: period N is the Nth calendar period after
    /// the cohort's) or `24h` (period N is the Nth block of 24 h / 7 x 24 h / 30 x 24 h after the
    /// user's first event, so activity at 00:01 after a 23:45 signup is still period 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "\"calendar\" | \"24h\""))]
    pub window: Option<String>,
    /// Period of cohorts and growth accounting: `day`, `week` (default) or `month`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "\"day\" | \"week\" | \"month\""))]
    pub cohort_period: Option<String>,
    /// The last day analysed, `YYYY-MM-DD` in local time. Default: the day of the last event.
    /// Later events are left out and counted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// Days active out of the last 28 that make a power user, 1..28. Default 14.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub power_user_days: Option<f64>,
    /// For `analyzeEventsCsv`: the user id and timestamp columns, by header text. Default:
    /// detected from the headers (user, user_id, distinct_id, ...; timestamp, time, date, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub columns: Option<EventColumnNames>,
    /// For `analyzeEventsCsv`: the field delimiter, `,` `;` tab or `|`. Default: detected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<String>,
    /// For `analyzeEventsCsv`: what the time (and signup) column's numbers count: `seconds`,
    /// `milliseconds`, `microseconds` or `nanoseconds` since 1970, or `yyyymmdd` dates.
    /// Default: decided from their size (and said in the result's warnings).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "wasm",
        tsify(
            type = "\"seconds\" | \"milliseconds\" | \"microseconds\" | \"nanoseconds\" | \"yyyymmdd\""
        )
    )]
    pub time_unit: Option<String>,
    /// For `analyzeEventsCsv`: `link` (default) counts a person once, as the analytics tools
    /// do: the export's person column when it has one (PostHog's `person_id`), else each
    /// anonymous id attached to the known id seen with it in the same rows (Segment
    /// `anonymous_id`/`user_id`, Mixpanel `$device_id`/`$user_id`, GA4
    /// `user_pseudo_id`/`user_id`); `as-is` counts every id of the user column apart.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "\"link\" | \"as-is\""))]
    pub identity: Option<String>,
    /// For `analyzeEventsCsv`: more links, each `from` id counted as the `to` id (an alias
    /// table, a CRM's merges); applied after the rows' own links, one step. At most 1,000,000.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aliases: Option<Vec<EventAlias>>,
    /// For `analyzeEventsCsv`: event names that are not activity: such an event never makes
    /// a day active or a user (its ids still link). Default: the identity and bookkeeping
    /// events the tools send on their own (`$identify`, `$set`, `$set_once`, `$create_alias`,
    /// `$groupidentify`, `$feature_flag_called`, `$merge`); `[]` counts every event.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ignore_events: Option<Vec<String>>,
    /// Features, each a name and the events that make it up (`{ "Projects": ["project_created",
    /// "project_shared"], "Export": "exported" }`): each gets its adoption, usage and time to
    /// first use in `features`, and they alone fill `usageMetrics.featureUsage` and
    /// `adoptionData.featureAdoptionRates`. At most 1,000 features of 1,000 events each.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "Record<string, string | string[]>"))]
    pub features: Option<std::collections::BTreeMap<String, Vec<String>>>,
    /// The event (or a feature named in `features`) that marks a user as activated: it gives
    /// `activation`, `adoptionData.adoptionRate` and `adoptionData.timeToAdoption`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activation_event: Option<String>,
    /// Days from a user's start (signup, else first event) within which the activation event
    /// counts, 1..365. Default 7.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activation_window_days: Option<f64>,
    /// Without session ids: minutes without an event that end a session, 1..1440. Default 30
    /// (Google Analytics' and PostHog's timeout).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_gap_minutes: Option<f64>,
    /// How cohort retention counts a user: `on` (default: in each period they returned in) or
    /// `on-or-after` (unbounded: in every period up to the last they returned in, so the curve
    /// never rises).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "\"on\" | \"on-or-after\""))]
    pub retention: Option<String>,
    /// Retention cohorts by this event (or feature): a user's cohort is the period of their
    /// first one. Default: their start (signup, else first event).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_event: Option<String>,
    /// Retention counts a return only for this event (or feature), at or after the cohort's
    /// start. Default: any activity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_event: Option<String>,
    /// Cohorts of at least this many users get their own retention models in
    /// `cohorts.model.cohorts` (the weighted mean curve always does): a whole number from 1 to
    /// 10^9. Default 100.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model_min_users: Option<f64>,
}

/// One link between two ids.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct EventAlias {
    /// The id that counts as another (an anonymous or old id).
    pub from: String,
    /// The id it counts as.
    pub to: String,
}

/// Most aliases an analysis takes.
pub const MAX_ALIASES: usize = 1_000_000;

/// Column names of an events export.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct EventColumnNames {
    /// The user id column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// The timestamp column: ISO-8601 text (no zone = UTC), or seconds or milliseconds since
    /// the epoch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// The user's signup time column, if any (never detected, only named): when given, a user
    /// is new on their signup day rather than at their first event. Same formats as `time`;
    /// empty cells are allowed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signup: Option<String>,
    /// The event name column. Default: the tool's (`event`, Amplitude's `event_type`, GA4's
    /// `event_name`), else a header that is exactly `event`, `event_name` or `event_type`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    /// The session id column. Default: a header that is exactly `$session_id`, `session_id`
    /// or `ga_session_id` (or their flattened `properties.` / `event_params.` forms).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
}

const OPTION_NAMES: [&str; 20] = [
    "utcOffsetMinutes",
    "weekStart",
    "window",
    "cohortPeriod",
    "asOf",
    "powerUserDays",
    "columns",
    "delimiter",
    "timeUnit",
    "identity",
    "aliases",
    "ignoreEvents",
    "features",
    "activationEvent",
    "activationWindowDays",
    "sessionGapMinutes",
    "retention",
    "startEvent",
    "returnEvent",
    "modelMinUsers",
];
const OPTIONS: Shape = Shape::options(&OPTION_NAMES, read::OPTIONS_EXPECTED);

const COLUMN_ROLES: [&str; 5] = ["user", "time", "signup", "event", "session"];

impl EventsConfig {
    /// Reads options given as a loose value (`undefined`/`null` mean none).
    pub fn from_raw(raw: &RawValue) -> Result<EventsConfig, InputError> {
        read::options(raw, OPTIONS, "events options", read_fields)
    }
}

fn read_fields(raw: &RawValue, c: &mut EventsConfig, problems: &mut Vec<Problem>) {
    if let Some(minutes) = utc_offset(raw.get("utcOffsetMinutes"), problems) {
        c.utc_offset_minutes = minutes;
    }
    let starts = [("monday", WeekStart::Monday), ("sunday", WeekStart::Sunday)];
    let windows = [("calendar", Window::Calendar), ("24h", Window::Elapsed)];
    let periods = [Period::Day, Period::Week, Period::Month].map(|p| (p.as_str(), p));
    c.week_start = choose(raw, "weekStart", &starts, problems).unwrap_or(c.week_start);
    c.window = choose(raw, "window", &windows, problems).unwrap_or(c.window);
    c.period = choose(raw, "cohortPeriod", &periods, problems).unwrap_or(c.period);
    c.as_of = read::optional_date(raw.get("asOf"), "options.asOf", problems);
    let expected = "a whole number of days from 1 to 28";
    let path = "options.powerUserDays";
    if let Some(days) = read::whole_number(
        raw.get("powerUserDays"),
        path,
        (1.0, 28.0),
        expected,
        problems,
    ) {
        c.power_user_days = days as u32;
    }
    if let Some(users) = read::whole_number(
        raw.get("modelMinUsers"),
        "options.modelMinUsers",
        (1.0, 1e9),
        "a whole number of users from 1 to 10^9",
        problems,
    ) {
        c.model_min_users = users as u64;
    }
    let expected = "an object such as { user: \"user_id\", time: \"timestamp\" }";
    let columns = raw.get("columns");
    if read::object(
        columns,
        "options.columns",
        Shape::options(&COLUMN_ROLES, expected),
        problems,
    )
    .is_some()
    {
        let mut header = |role: &str| {
            read::column_header(
                columns.get(role),
                &join_path("options.columns", role),
                problems,
            )
        };
        c.user_column = header("user");
        c.time_column = header("time");
        c.signup_column = header("signup");
        c.event_column = header("event");
        c.session_column = header("session");
    }
    c.delimiter = read::delimiter(raw.get("delimiter"), "options.delimiter", problems);
    c.time_unit = choose(raw, "timeUnit", &super::timestamp::UNIT_NAMES, problems);
    let identities = [("link", true), ("as-is", false)];
    c.link_identities = choose(raw, "identity", &identities, problems).unwrap_or(true);
    c.aliases = aliases(raw.get("aliases"), problems);
    if let Some(names) = event_names(raw.get("ignoreEvents"), problems) {
        c.ignore_events = names;
    }
    c.features = read::event_features(raw.get("features"), problems);
    c.activation_event = event_name(raw, "activationEvent", problems);
    c.start_event = event_name(raw, "startEvent", problems);
    c.return_event = event_name(raw, "returnEvent", problems);
    let modes = [("on", false), ("on-or-after", true)];
    c.unbounded_retention = choose(raw, "retention", &modes, problems).unwrap_or(false);
    let days = read::whole_number(
        raw.get("activationWindowDays"),
        "options.activationWindowDays",
        (1.0, 365.0),
        "a whole number of days from 1 to 365",
        problems,
    );
    if let Some(days) = days {
        c.activation_window_days = days as u32;
    }
    let gap = read::whole_number(
        raw.get("sessionGapMinutes"),
        "options.sessionGapMinutes",
        (1.0, 1440.0),
        "a whole number of minutes from 1 to 1440",
        problems,
    );
    if let Some(minutes) = gap {
        c.session_gap_minutes = minutes as u32;
    }
}

/// Option `key`: an event name.
fn event_name(raw: &RawValue, key: &str, problems: &mut Vec<Problem>) -> Option<String> {
    match raw.get(key) {
        RawValue::Undefined | RawValue::Null => None,
        RawValue::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        other => {
            problems.push(Problem::new(
                join_path("options", key),
                other.describe(),
                "an event name (text), such as \"project_created\"",
            ));
            None
        }
    }
}

/// Most event names `ignoreEvents` takes.
const MAX_IGNORED_NAMES: usize = 10_000;

/// `options.ignoreEvents`: an array of event names (text).
fn event_names(raw: &RawValue, problems: &mut Vec<Problem>) -> Option<Vec<String>> {
    let expected = format!("an array of at most {MAX_IGNORED_NAMES} event names, such as [\"$identify\", \"$pageleave\"]");
    match raw {
        RawValue::Undefined | RawValue::Null => None,
        RawValue::Array(items) if items.len() <= MAX_IGNORED_NAMES => {
            let mut names = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                match item {
                    RawValue::String(s) if !s.trim().is_empty() => names.push(s.trim().to_string()),
                    other => problems.push(Problem::new(
                        format!("options.ignoreEvents[{i}]"),
                        other.describe(),
                        "an event name (text)",
                    )),
                }
            }
            Some(names)
        }
        other => {
            problems.push(Problem::new(
                "options.ignoreEvents",
                other.describe(),
                expected,
            ));
            None
        }
    }
}

/// `options.aliases`: an array of `{ from, to }`, each an id (text, or a
/// whole number as some tools' ids are).
fn aliases(raw: &RawValue, problems: &mut Vec<Problem>) -> Vec<(String, String)> {
    let items = match raw {
        RawValue::Undefined | RawValue::Null => return Vec::new(),
        RawValue::Array(items) if items.len() <= MAX_ALIASES => items,
        other => {
            problems.push(Problem::new(
                "options.aliases",
                other.describe(),
                format!("an array of at most {MAX_ALIASES} links {{ from: \"anon-1\", to: \"user-1\" }}"),
            ));
            return Vec::new();
        }
    };
    let id = |raw: &RawValue, path: String, problems: &mut Vec<Problem>| match raw {
        RawValue::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        RawValue::Number(n) if n.is_finite() && n.fract() == 0.0 => Some(format!("{n}")),
        other => {
            problems.push(Problem::new(
                path,
                other.describe(),
                "an id: text, or a whole number",
            ));
            None
        }
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = format!("options.aliases[{i}]");
        let shape = Shape::options(&["from", "to"], "an object { from, to }");
        if read::required_object(item, &path, shape, problems).is_none() {
            continue;
        }
        let from = id(item.get("from"), format!("{path}.from"), problems);
        let to = id(item.get("to"), format!("{path}.to"), problems);
        if let (Some(from), Some(to)) = (from, to) {
            out.push((from, to));
        }
    }
    out
}

/// Option `key`: one of the named values.
fn choose<T: Copy>(
    raw: &RawValue,
    key: &str,
    named: &[(&str, T)],
    problems: &mut Vec<Problem>,
) -> Option<T> {
    read::choice_of(raw.get(key), &join_path("options", key), named, problems)
}

/// A fixed offset from UTC in minutes: every real offset is a multiple of
/// 15 minutes (Nepal's +5:45 = 345 too). Hours given instead of minutes get
/// a hint.
fn utc_offset(raw: &RawValue, problems: &mut Vec<Problem>) -> Option<i32> {
    match raw {
        RawValue::Undefined | RawValue::Null => None,
        RawValue::Number(m) if (-840.0..=840.0).contains(m) && m.rem_euclid(15.0) == 0.0 => {
            Some(*m as i32)
        }
        other => {
            let hint = match other {
                RawValue::Number(h) if h.abs() <= 14.0 && *h != 0.0 => {
                    Some(format!("did you mean {} (hours x 60)?", h * 60.0))
                }
                _ => None,
            };
            problems.push(
                Problem::new(
                    "options.utcOffsetMinutes",
                    other.describe(),
                    "minutes from -840 to 840 in steps of 15 (60 = UTC+1, 345 = UTC+5:45)",
                )
                .with_hint(hint),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_read_and_checked() {
        let c = EventsConfig::from_raw(&RawValue::from_json_str(r#"{"utcOffsetMinutes": 60, "weekStart": "Sunday", "window": "24h", "cohortPeriod": "month", "asOf": "2026-11-01"}"#).unwrap()).unwrap();
        assert_eq!(
            (c.utc_offset_minutes, c.week_start, c.window, c.period),
            (60, WeekStart::Sunday, Window::Elapsed, Period::Month)
        );
        let err = EventsConfig::from_raw(&RawValue::from_json_str(r#"{"utcOffsetMinutes": 2, "weekStart": "mondy", "asOf": "2026-02-30", "cohort": "week"}"#).unwrap()).unwrap_err();
        let text = err.to_string();
        assert_eq!(err.problems.len(), 4, "{text}");
        assert!(text.contains("did you mean 120 (hours x 60)?"), "{text}");
        assert!(text.contains("did you mean monday?"), "{text}");
        assert!(text.contains("did you mean cohortPeriod?"), "{text}");
    }
}
