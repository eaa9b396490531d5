//! Usage events from a CSV export (a user id and a timestamp per row): rows
//! that cannot be read are counted and reported by line number and reason;
//! the rest go through [`analyze_events`](super::analyze_events).

use super::timestamp::{self, Parsed, UNREADABLE};
use super::{analyze_events, analyze_events_with_signups, EventsAnalysis, EventsConfig, Signups};
use crate::input::csv::DetectedColumn;
use crate::input::csv::{
    closest_header, line_numbers, normalize_header, open_csv, record_start, unbalanced_quote,
    UNBALANCED_QUOTE,
};
use crate::input::ids::Interner;
use crate::input::problem::{InputError, Problem};
use crate::input::row_issues::RowReport;
use crate::input::row_issues::{Issue, IssueLog, RowId};
use serde::Serialize;
use std::collections::HashMap;

/// Header words that mark the user id column, most specific first.
const USER_WORDS: [&str; 9] = [
    "user_id",
    "userid",
    "user id",
    "distinct_id",
    "uid",
    "user",
    "account",
    "customer",
    "visitor",
];
/// Header words that mark the timestamp column, most specific first.
const TIME_WORDS: [&str; 8] = [
    "timestamp",
    "event_time",
    "time",
    "occurred",
    "created_at",
    "date",
    "ts",
    "when",
];

/// What `analyzeEventsCsv` found: the events analysis, plus how the file was read.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct EventsCsvAnalysis {
    /// The analysis of the rows that could be read.
    pub analysis: EventsAnalysis,
    /// The user id column used, and how it was found.
    pub user_column: DetectedColumn,
    /// The timestamp column used, and how it was found.
    pub time_column: DetectedColumn,
    /// The signup time column, when `options.columns.signup` named one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signup_column: Option<DetectedColumn>,
    /// How bare numbers were read: `epoch-milliseconds` or `epoch-seconds` (decided from their
    /// magnitude: every millisecond timestamp after March 1973 is above 1e11); `iso-8601` when
    /// there were none.
    #[cfg_attr(
        feature = "wasm",
        tsify(type = "\"iso-8601\" | \"epoch-seconds\" | \"epoch-milliseconds\"")
    )]
    pub time_format: String,
    /// Rows not used, by line number and reason.
    pub skipped: RowReport,
}

/// Analyses a CSV export of events.
pub fn analyze_events_csv(
    bytes: &[u8],
    config: &EventsConfig,
) -> Result<EventsCsvAnalysis, InputError> {
    let fail = |path: &str, value: String, expected: String| {
        InputError::new("events", vec![Problem::new(path, value, expected)])
    };
    let (mut reader, headers) = open_csv(bytes, config.delimiter, "events", "event")?;
    let mut record = csv::ByteRecord::new();
    let normalized: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
    let mut problems = Vec::new();
    let mut find = |role: &str,
                    named: &Option<String>,
                    words: &[&str],
                    taken: Option<usize>|
     -> Option<DetectedColumn> {
        if let Some(name) = named {
            let wanted = normalize_header(name);
            return match normalized.iter().position(|h| *h == wanted) {
                Some(i) => Some(DetectedColumn::new(&headers[i], i, "option")),
                None => {
                    let hint = closest_header(&wanted, &normalized)
                        .map(|i| format!("did you mean \"{}\"?", headers[i]));
                    problems.push(
                        Problem::new(
                            format!("options.columns.{role}"),
                            format!("\"{name}\""),
                            format!(
                                "a column of the file (its headers: {})",
                                headers.join(" | ")
                            ),
                        )
                        .with_hint(hint),
                    );
                    None
                }
            };
        }
        // The most specific word wins: "user_id" over a later "user" column.
        words.iter().find_map(|w| {
            (0..headers.len())
                .find(|i| Some(*i) != taken && normalized[*i].contains(w))
                .map(|i| DetectedColumn::new(&headers[i], i, "header"))
        })
    };
    let user = find("user", &config.user_column, &USER_WORDS, None);
    let time = find(
        "time",
        &config.time_column,
        &TIME_WORDS,
        user.as_ref().map(|u| u.index as usize),
    );
    let signup = find("signup", &config.signup_column, &[], None);
    if !problems.is_empty() {
        return Err(InputError::new("events", problems));
    }
    let (Some(user), Some(time)) = (user, time) else {
        return Err(fail(
            "input",
            format!("a file whose columns are {}", headers.join(" | ")),
            "a user id column (user, user_id, distinct_id...) and a timestamp column (timestamp, time, date...); name them with options.columns".into(),
        ));
    };
    let (ui, ti) = (user.index as usize, time.index as usize);
    let si = signup.as_ref().map(|s| s.index as usize);
    let mut interned = Interner::default();
    let mut ids: Vec<u32> = Vec::new();
    let mut times: Vec<Parsed> = Vec::new();
    // Each row repeats its user's signup time: one kept per user, and the
    // differing ones beside it (SignupTimes keeps the earliest).
    let mut signup_of: HashMap<u32, Parsed> = HashMap::new();
    let mut other_signups: Vec<(u32, Parsed)> = Vec::new();
    let mut skipped = IssueLog::default();
    let skip = |log: &mut IssueLog, at: usize, reason: &str, value: Option<&[u8]>| {
        log.push_with(reason, || Issue {
            row: RowId::Offset(at as u64),
            column: None,
            reason: reason.to_string(),
            value: value.map(|v| String::from_utf8_lossy(v).chars().take(40).collect()),
        });
    };
    let mut last_end = reader.position().byte() as usize;
    let mut last_start = 0usize;
    let end = loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {
                last_end = reader.position().byte() as usize;
                last_start = record.position().map_or(last_start, |p| p.byte() as usize);
            }
            Ok(false) => break last_end,
            Err(e) => {
                let at = e.position().map_or(reader.position().byte(), |p| p.byte()) as usize;
                skip(
                    &mut skipped,
                    at,
                    &format!("the file could not be read past here: {e}"),
                    None,
                );
                break bytes.len();
            }
        }
        let (blank_lines, start) =
            record_start(bytes, record.position().map_or(0, |p| p.byte() as usize));
        for blank in blank_lines {
            skip(&mut skipped, blank, "blank row", None);
        }
        if record.iter().all(|f| f.trim_ascii().is_empty()) {
            skip(&mut skipped, start, "blank row", None);
            continue;
        }
        if record.len() != headers.len() {
            let reason = format!(
                "ragged row: {} fields where the header has {}",
                record.len(),
                headers.len()
            );
            skip(&mut skipped, start, &reason, None);
            continue;
        }
        let (Some(u), Some(t)) = (record.get(ui), record.get(ti)) else {
            continue;
        };
        let u = u.trim_ascii();
        if u.is_empty() {
            skip(&mut skipped, start, "no user id", None);
            continue;
        }
        let Some(parsed) = timestamp::parse(t) else {
            skip(&mut skipped, start, UNREADABLE, Some(t));
            continue;
        };
        let signed_up = match si.and_then(|i| record.get(i)) {
            Some(cell) if !cell.trim_ascii().is_empty() => match timestamp::parse(cell) {
                Some(p) => Some(p),
                None => {
                    skip(&mut skipped, start, UNREADABLE_SIGNUP, Some(cell));
                    continue;
                }
            },
            _ => None,
        };
        let id = interned.id(u);
        ids.push(id);
        times.push(parsed);
        if let Some(p) = signed_up {
            match signup_of.get(&id) {
                None => {
                    signup_of.insert(id, p);
                }
                Some(known) if *known != p => other_signups.push((id, p)),
                Some(_) => {}
            }
        }
    };
    for blank in record_start(bytes, end).0 {
        skip(&mut skipped, blank, "blank row", None);
    }
    if unbalanced_quote(bytes) {
        skip(
            &mut skipped,
            record_start(bytes, last_start).1,
            UNBALANCED_QUOTE,
            None,
        );
    }
    let (ms, time_format) = to_milliseconds(&times);
    drop(times);
    let (signup_users, signup_times): (Vec<u32>, Vec<Parsed>) =
        signup_of.into_iter().chain(other_signups).unzip();
    let (signup_ms, _) = to_milliseconds(&signup_times);
    // Lines only for the issues listed.
    let mut log = skipped;
    log.resolve_rows(|offsets| line_numbers(bytes, offsets));
    if ids.is_empty() {
        return Err(fail(
            "input",
            format!("no readable event ({})", log.summary()),
            "at least one row with a user id and a timestamp".into(),
        ));
    }
    let analysis = if signup.is_some() {
        let signups = Signups {
            user_ids: &signup_users,
            timestamps_ms: &signup_ms,
        };
        analyze_events_with_signups(&ids, &ms, &signups, config)?
    } else {
        analyze_events(&ids, &ms, config)?
    };
    Ok(EventsCsvAnalysis {
        analysis,
        user_column: user,
        time_column: time,
        signup_column: signup,
        time_format: time_format.to_string(),
        skipped: RowReport::from_log(&log),
    })
}

/// Why a signup cell could not be read.
const UNREADABLE_SIGNUP: &str =
    "signup time is neither ISO-8601 (2026-11-01T09:30:00Z) nor a number of seconds or milliseconds";

/// Milliseconds from timestamps as read, and the format found. Bare numbers
/// are seconds or milliseconds, decided once for the column: every
/// millisecond timestamp after March 1973 is above 1e11.
fn to_milliseconds(times: &[Parsed]) -> (Vec<f64>, &'static str) {
    let mut numbers = times.iter().filter_map(|t| match t {
        Parsed::Number(n) => Some(*n),
        Parsed::Ms(_) => None,
    });
    let any_number = numbers.clone().next().is_some();
    let seconds = any_number && numbers.all(|n| n.abs() < 1e11);
    let format = match (any_number, seconds) {
        (false, _) => "iso-8601",
        (true, true) => "epoch-seconds",
        (true, false) => "epoch-milliseconds",
    };
    let ms = times
        .iter()
        .map(|t| match t {
            Parsed::Ms(v) => *v,
            Parsed::Number(n) if seconds => n * 1000.0,
            Parsed::Number(n) => *n,
        })
        .collect();
    (ms, format)
}
