//! Options of `analyzeEvents`: each edge-case semantics users of analytics
//! tools trip on is an option with a documented default.

use super::{EventsConfig, Period, Window, DEFAULT_POWER_USER_DAYS};
use crate::calendar::{parse_iso_date, WeekStart};
use crate::input::problem::{join_path, unknown_keys, InputError, Problem};
use crate::input::raw::RawValue;
use crate::input::suggest::did_you_mean;
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
}

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
}

const OPTION_NAMES: [&str; 8] = [
    "utcOffsetMinutes",
    "weekStart",
    "window",
    "cohortPeriod",
    "asOf",
    "powerUserDays",
    "columns",
    "delimiter",
];

impl EventsConfig {
    /// Reads options given as a loose value (`undefined`/`null` mean none).
    pub fn from_raw(raw: &RawValue) -> Result<EventsConfig, InputError> {
        let mut c = EventsConfig::default();
        let mut problems = Vec::new();
        match raw {
            RawValue::Undefined | RawValue::Null => return Ok(c),
            RawValue::Object(entries) => {
                unknown_keys(entries, "options", &OPTION_NAMES, &mut problems)
            }
            other => {
                return Err(InputError::new(
                    "events options",
                    vec![Problem::new(
                        "options",
                        other.describe(),
                        "an object of options, or nothing",
                    )],
                ));
            }
        }
        match raw.get("utcOffsetMinutes") {
            RawValue::Undefined | RawValue::Null => {}
            // Every real offset is a multiple of 15 minutes (Nepal's +5:45 = 345 too).
            RawValue::Number(m) if (-840.0..=840.0).contains(m) && m.rem_euclid(15.0) == 0.0 => {
                c.utc_offset_minutes = *m as i32
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
            }
        }
        let choice = |key: &str, allowed: &[&str], problems: &mut Vec<Problem>| -> Option<String> {
            match raw.get(key) {
                RawValue::Undefined | RawValue::Null => None,
                RawValue::String(s) if allowed.contains(&s.to_lowercase().as_str()) => {
                    Some(s.to_lowercase())
                }
                other => {
                    let hint = match other {
                        RawValue::String(s) => did_you_mean(s, allowed.iter().copied())
                            .map(|k| format!("did you mean {k}?")),
                        _ => None,
                    };
                    let list: Vec<String> = allowed.iter().map(|a| format!("\"{a}\"")).collect();
                    problems.push(
                        Problem::new(
                            join_path("options", key),
                            other.describe(),
                            format!("one of {}", list.join(", ")),
                        )
                        .with_hint(hint),
                    );
                    None
                }
            }
        };
        if let Some(w) = choice("weekStart", &["monday", "sunday"], &mut problems) {
            c.week_start = if w == "sunday" {
                WeekStart::Sunday
            } else {
                WeekStart::Monday
            };
        }
        if let Some(w) = choice("window", &["calendar", "24h"], &mut problems) {
            c.window = if w == "24h" {
                Window::Elapsed
            } else {
                Window::Calendar
            };
        }
        if let Some(p) = choice("cohortPeriod", &["day", "week", "month"], &mut problems) {
            c.period = match p.as_str() {
                "day" => Period::Day,
                "month" => Period::Month,
                _ => Period::Week,
            };
        }
        match raw.get("asOf") {
            RawValue::Undefined | RawValue::Null => {}
            RawValue::String(s) => match parse_iso_date(s) {
                Some(day) => c.as_of = Some(day),
                None => problems.push(Problem::new(
                    "options.asOf",
                    raw.get("asOf").describe(),
                    "a date as YYYY-MM-DD, e.g. \"2026-11-01\"",
                )),
            },
            other => problems.push(Problem::new(
                "options.asOf",
                other.describe(),
                "a date as YYYY-MM-DD, e.g. \"2026-11-01\"",
            )),
        }
        match raw.get("powerUserDays") {
            RawValue::Undefined | RawValue::Null => c.power_user_days = DEFAULT_POWER_USER_DAYS,
            RawValue::Number(d) if (1.0..=28.0).contains(d) && d.fract() == 0.0 => {
                c.power_user_days = *d as u32
            }
            other => problems.push(Problem::new(
                "options.powerUserDays",
                other.describe(),
                "a whole number of days from 1 to 28",
            )),
        }
        match raw.get("columns") {
            RawValue::Undefined | RawValue::Null => {}
            RawValue::Object(entries) => {
                for (key, value) in entries {
                    match (key.as_str(), value) {
                        ("user", RawValue::String(s)) if !s.trim().is_empty() => {
                            c.user_column = Some(s.clone())
                        }
                        ("time", RawValue::String(s)) if !s.trim().is_empty() => {
                            c.time_column = Some(s.clone())
                        }
                        ("signup", RawValue::String(s)) if !s.trim().is_empty() => {
                            c.signup_column = Some(s.clone())
                        }
                        ("user" | "time" | "signup", other) => problems.push(Problem::new(
                            join_path("options.columns", key),
                            other.describe(),
                            "a column header (text)",
                        )),
                        _ => problems.push(Problem::new(
                            join_path("options.columns", key),
                            "an unknown column role",
                            "user, time or signup",
                        )),
                    }
                }
            }
            other => problems.push(Problem::new(
                "options.columns",
                other.describe(),
                "an object such as { user: \"user_id\", time: \"timestamp\" }",
            )),
        }
        match raw.get("delimiter") {
            RawValue::Undefined | RawValue::Null => {}
            RawValue::String(d) if matches!(d.as_str(), "," | ";" | "\t" | "|") => {
                c.delimiter = d.bytes().next()
            }
            other => problems.push(Problem::new(
                "options.delimiter",
                other.describe(),
                "one of \",\", \";\", \"\\t\" or \"|\"",
            )),
        }
        if problems.is_empty() {
            Ok(c)
        } else {
            Err(InputError::new("events options", problems))
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
