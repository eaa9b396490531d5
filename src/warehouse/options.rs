//! Reading `eventsSql`'s options: the dialect, the table and its columns,
//! and the events analysis's own options (read by its reader, so they mean
//! the same thing). Options the statements do not compute yet are refused,
//! by name, rather than silently dropped.

use super::dialect::{Dialect, DIALECTS};
use crate::events::timestamp::Unit;
use crate::events::EventsConfig;
use crate::input::problem::{InputError, Problem};
use crate::input::raw::RawValue;
use crate::input::suggest::did_you_mean;
use serde::Serialize;

/// Options for `eventsSql` (and `analyzeEventAggregates`, which reads the same object).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct EventsSqlOptions {
    /// The events table: `"analytics.events"` (split on dots, each part quoted), or its parts
    /// (`["my-project", "analytics", "events"]`) when a part holds a dot. Required by `eventsSql`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "string | string[]"))]
    pub table: Option<()>,
    /// The table's columns: `user` and `time` required; `event` (event names) and `session`
    /// (session ids: empty, `null` and Amplitude's `-1` are none) optional.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "wasm",
        tsify(type = "{ user: string; time: string; event?: string; session?: string }")
    )]
    pub columns: Option<()>,
    /// The time column's kind: a timestamp type (default), or numbers since 1970 in
    /// `seconds`, `milliseconds`, `microseconds` (GA4's `event_timestamp`) or `nanoseconds`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "wasm",
        tsify(type = "\"seconds\" | \"milliseconds\" | \"microseconds\" | \"nanoseconds\"")
    )]
    pub time_unit: Option<String>,
    /// As in `analyzeEvents`: the day boundaries' offset from UTC, in minutes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub utc_offset_minutes: Option<f64>,
    /// As in `analyzeEvents`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "\"monday\" | \"sunday\""))]
    pub week_start: Option<String>,
    /// As in `analyzeEvents`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "\"calendar\" | \"24h\""))]
    pub window: Option<String>,
    /// As in `analyzeEvents`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "\"day\" | \"week\" | \"month\""))]
    pub cohort_period: Option<String>,
    /// As in `analyzeEvents`: the last day analysed, `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// As in `analyzeEvents` (applied when the aggregates are read).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub power_user_days: Option<f64>,
    /// As in `analyzeEvents`: event names that are not activity (with an `event` column).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ignore_events: Option<Vec<String>>,
    /// As in `analyzeEvents` (with an `event` column): named features and their events.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "Record<string, string | string[]>"))]
    pub features: Option<std::collections::BTreeMap<String, Vec<String>>>,
    /// As in `analyzeEvents` (with an `event` column): the event or named feature that marks a
    /// user as activated. May also be named only when the results are read: the statements
    /// count the activation window for every event and feature.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activation_event: Option<String>,
    /// As in `analyzeEvents`: days from a user's start within which activating counts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activation_window_days: Option<f64>,
    /// As in `analyzeEvents` (applied when the aggregates are read).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "\"on\" | \"on-or-after\""))]
    pub retention: Option<String>,
    /// As in `analyzeEvents`: minutes without an event that end a session, when there is no
    /// `session` column (sessions are counted with an `event` or a `session` column, as
    /// `analyzeEvents` counts them with event names or session ids).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_gap_minutes: Option<f64>,
}

/// Most (feature, event) pairs written into the statements as literals.
pub(crate) const MAX_FEATURE_EVENTS: usize = 10_000;

/// How the time column is read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum TimeColumn {
    /// A timestamp type: its instant.
    Timestamp,
    /// Numbers since 1970 in a unit.
    Number(Unit),
}

/// The options, read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SqlOptions {
    pub dialect: Dialect,
    /// The table's name, by part.
    pub table: Vec<String>,
    pub user: String,
    pub time: String,
    pub event: Option<String>,
    pub session: Option<String>,
    pub time_column: TimeColumn,
    /// The analysis options, as `analyzeEvents` reads them.
    pub config: EventsConfig,
}

/// `analyzeEvents` options the statements do not compute (yet): each is
/// refused by name when given.
pub(super) const NOT_IN_SQL: [(&str, &str); 4] = [
    ("delimiter", "a file option"),
    (
        "aliases",
        "identities are the user column's values; join an alias table in a view and name the view",
    ),
    (
        "startEvent",
        "cohorts by a start event are not computed by the statements yet",
    ),
    (
        "returnEvent",
        "cohorts by a return event are not computed by the statements yet",
    ),
];

/// Reads the dialect and the options; every problem at once.
pub(crate) fn read(dialect: &RawValue, raw: &RawValue) -> Result<SqlOptions, InputError> {
    let mut problems = Vec::new();
    let dialect = read_dialect(dialect, &mut problems);
    let entries = match raw {
        RawValue::Object(entries) => entries,
        other => {
            problems.push(Problem::new(
                "options",
                other.describe(),
                "an object: { table, columns: { user, time, event? }, ... }",
            ));
            return Err(InputError::new("events SQL options", problems));
        }
    };
    let table = read_table(raw.get("table"), &mut problems);
    let (config, time_column) = read_analysis(entries, &mut problems);
    let columns = raw.get("columns");
    let mut column = |role: &str, required: bool| -> Option<String> {
        let path = format!("options.columns.{role}");
        match columns.get(role) {
            RawValue::String(s) if !s.trim().is_empty() => {
                checked_name(s.trim(), &path, &mut problems)
            }
            missing @ (RawValue::Undefined | RawValue::Null) if required => {
                problems.push(Problem::new(
                    &path,
                    missing.describe(),
                    format!("the {role} column's name (text)"),
                ));
                None
            }
            // Anything else given is reported by analyzeEvents' reader, as for analyzeEventsCsv.
            _ => None,
        }
    };
    let (user, time, event) = (
        column("user", true),
        column("time", true),
        column("event", false),
    );
    let session = column("session", false);
    check_names(raw, config.as_ref(), event.is_some(), &mut problems);
    if !matches!(columns.get("signup"), RawValue::Undefined | RawValue::Null) {
        problems.push(Problem::new(
            "options.columns.signup",
            columns.get("signup").describe(),
            "no signup column: the statements do not read one yet",
        ));
    }
    match (dialect, table, user, time, config, time_column) {
        (Some(dialect), Some(table), Some(user), Some(time), Some(config), Some(time_column))
            if problems.is_empty() =>
        {
            Ok(SqlOptions {
                dialect,
                table,
                user,
                time,
                event,
                session,
                time_column,
                config,
            })
        }
        _ => Err(InputError::new("events SQL options", problems)),
    }
}

/// The options naming events need the event column, and their names go
/// into the statements and the summary row: no control characters (tabs and
/// line breaks separate them there), and a bounded number of literals.
fn check_names(
    raw: &RawValue,
    config: Option<&EventsConfig>,
    has_event: bool,
    problems: &mut Vec<Problem>,
) {
    if !has_event {
        for option in ["features", "activationEvent"] {
            let value = raw.get(option);
            if !matches!(value, RawValue::Undefined | RawValue::Null) {
                problems.push(Problem::new(
                    format!("options.{option}"),
                    value.describe(),
                    "options.columns.event too: the statements find features and activation by event name",
                ));
            }
        }
        return;
    }
    let Some(config) = config else {
        return;
    };
    let mut pairs = 0;
    for (feature, events) in &config.features {
        pairs += events.len();
        let path = format!("options.features.{feature}");
        for name in std::iter::once(feature).chain(events) {
            if name.chars().any(char::is_control) {
                problems.push(Problem::new(
                    &path,
                    format!("{name:?}"),
                    "names without control characters (tabs, line breaks)",
                ));
            }
        }
    }
    if pairs > MAX_FEATURE_EVENTS {
        problems.push(Problem::new(
            "options.features",
            format!("{pairs} events over the features"),
            format!(
                "at most {} events over all features in the statements",
                MAX_FEATURE_EVENTS
            ),
        ));
    }
    if let Some(event) = &config.activation_event {
        if event.chars().any(char::is_control) {
            problems.push(Problem::new(
                "options.activationEvent",
                format!("{event:?}"),
                "a name without control characters",
            ));
        }
    }
}

fn read_dialect(raw: &RawValue, problems: &mut Vec<Problem>) -> Option<Dialect> {
    let ids = DIALECTS.map(Dialect::as_str);
    let expected = format!("one of {}", ids.join(", "));
    match raw {
        RawValue::String(s) => match Dialect::from_id(s.trim()) {
            Some(d) => Some(d),
            None => {
                let hint =
                    did_you_mean(s, ids.iter().copied()).map(|d| format!("did you mean {d}?"));
                problems.push(Problem::new("dialect", raw.describe(), expected).with_hint(hint));
                None
            }
        },
        other => {
            problems.push(Problem::new("dialect", other.describe(), expected));
            None
        }
    }
}

/// A name the statements quote: any text but control characters (which
/// no engine takes in a name, and a quote could not hold safely).
fn checked_name(name: &str, path: &str, problems: &mut Vec<Problem>) -> Option<String> {
    if name.chars().any(char::is_control) || name.len() > 1024 {
        problems.push(Problem::new(
            path,
            format!("{name:?}"),
            "a name of at most 1024 bytes, without control characters",
        ));
        return None;
    }
    Some(name.to_string())
}

fn read_table(raw: &RawValue, problems: &mut Vec<Problem>) -> Option<Vec<String>> {
    let path = "options.table";
    let expected = "the events table's name (\"analytics.events\"), or its parts ([\"my-project\", \"analytics\", \"events\"])";
    let parts: Vec<(String, String)> = match raw {
        RawValue::String(s) if !s.trim().is_empty() => s
            .trim()
            .split('.')
            .map(|p| (p.trim().to_string(), path.to_string()))
            .collect(),
        RawValue::Array(items) if !items.is_empty() => items
            .iter()
            .enumerate()
            .map(|(i, v)| match v {
                RawValue::String(s) => (s.trim().to_string(), format!("{path}[{i}]")),
                _ => (String::new(), format!("{path}[{i}]")),
            })
            .collect(),
        other => {
            problems.push(Problem::new(path, other.describe(), expected));
            return None;
        }
    };
    if parts.len() > 3 {
        problems.push(Problem::new(
            path,
            raw.describe(),
            "at most 3 parts: database or project, schema or dataset, table",
        ));
        return None;
    }
    let before = problems.len();
    let names: Vec<String> = parts
        .iter()
        .filter_map(|(part, at)| {
            if part.is_empty() {
                problems.push(Problem::new(at, raw.describe(), expected));
                None
            } else {
                checked_name(part, at, problems)
            }
        })
        .collect();
    (problems.len() == before).then_some(names)
}

/// The analysis options, read by `analyzeEvents`' own reader (without
/// `table`), with those the statements do not compute refused.
fn read_analysis(
    entries: &[(String, RawValue)],
    problems: &mut Vec<Problem>,
) -> (Option<EventsConfig>, Option<TimeColumn>) {
    let rest: Vec<(String, RawValue)> = entries
        .iter()
        .filter(|(k, _)| k != "table")
        .cloned()
        .collect();
    let raw = RawValue::Object(rest);
    for (name, why) in NOT_IN_SQL {
        let value = raw.get(name);
        if !matches!(value, RawValue::Undefined | RawValue::Null) {
            problems.push(Problem::new(
                format!("options.{name}"),
                value.describe(),
                format!("no {name}: {why}"),
            ));
        }
    }
    if let RawValue::String(s) = raw.get("identity") {
        if s != "as-is" {
            problems.push(Problem::new(
                "options.identity",
                raw.get("identity").describe(),
                "\"as-is\": the statements count the user column's values as users",
            ));
        }
    }
    let config = match EventsConfig::from_raw(&raw) {
        Ok(c) => Some(c),
        Err(e) => {
            problems.extend(e.problems);
            None
        }
    };
    let time_column = match config.as_ref().map(|c| c.time_unit) {
        Some(None) => Some(TimeColumn::Timestamp),
        Some(Some(Unit::Yyyymmdd)) => {
            problems.push(Problem::new(
                "options.timeUnit",
                "\"yyyymmdd\"",
                "a timestamp column (GA4: event_timestamp with timeUnit \"microseconds\"), or seconds, milliseconds, microseconds, nanoseconds",
            ));
            None
        }
        Some(Some(unit)) => Some(TimeColumn::Number(unit)),
        None => None,
    };
    (config, time_column)
}
