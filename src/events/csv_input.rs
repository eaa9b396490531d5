//! Usage events from a CSV export (a user id and a timestamp per row): rows
//! that cannot be read are counted and reported by line number and reason;
//! the rest go through [`analyze_events`](super::analyze_events).

use super::timestamp::{self, Parsed, UNREADABLE};
use super::{analyze_events, analyze_events_with_signups, EventsAnalysis, EventsConfig, Signups};
use crate::import;
use crate::input::csv::DetectedColumn;
use crate::input::csv::{header_list, named_column, normalize_header, Rows};
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
    let decoded = import::decode(bytes, "events")?;
    let export = import::open(&decoded, config.delimiter, "events", "event")?;
    let bytes: &[u8] = &decoded.text;
    let headers = export.header.names;
    let columns = find_columns(&headers, config)?;
    let rows = Rows::with_pending(export.reader, bytes, headers.len(), export.pending);
    let read = read_rows(rows, &columns);
    let EventRows {
        interned: _,
        ids,
        times,
        signup_of,
        other_signups,
        mut skipped,
    } = read;
    let (ms, time_format) = to_milliseconds(&times);
    drop(times);
    let (signup_users, signup_times): (Vec<u32>, Vec<Parsed>) =
        signup_of.into_iter().chain(other_signups).unzip();
    let (signup_ms, _) = to_milliseconds(&signup_times);
    // Lines a JSON export held no event on.
    for s in &decoded.skipped {
        skipped.push_with(&s.reason, || Issue {
            row: RowId::Line(s.line),
            file: s.file.clone(),
            column: None,
            reason: s.reason.clone(),
            value: None,
        });
    }
    // Lines only for the issues listed.
    skipped.resolve_rows(|offsets| decoded.locations(offsets));
    if ids.is_empty() {
        return Err(InputError::new(
            "events",
            vec![Problem::new(
                "input",
                format!("no readable event ({})", skipped.summary()),
                "at least one row with a user id and a timestamp",
            )],
        ));
    }
    let analysis = if columns.signup.is_some() {
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
        user_column: columns.user,
        time_column: columns.time,
        signup_column: columns.signup,
        time_format: time_format.to_string(),
        skipped: RowReport::from_log(&skipped),
    })
}

/// The columns an events export is read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Columns {
    /// The user id column.
    pub user: DetectedColumn,
    /// The timestamp column.
    pub time: DetectedColumn,
    /// The signup time column, when named.
    pub signup: Option<DetectedColumn>,
}

impl Columns {
    /// Each column read, with what is read from it (`user`, `time`, `signup`).
    pub fn roles(&self) -> Vec<(&'static str, DetectedColumn)> {
        let mut out = vec![("user", self.user.clone()), ("time", self.time.clone())];
        out.extend(self.signup.clone().map(|c| ("signup", c)));
        out
    }
}

/// The columns an events export would be read from, and the tool that wrote
/// it, from its decoded text's header alone.
pub fn detect_columns(
    decoded: &import::Decoded<'_>,
    config: &EventsConfig,
) -> Result<(Columns, import::ExportSource), InputError> {
    let export = import::open(decoded, config.delimiter, "events", "event")?;
    Ok((find_columns(&export.header.names, config)?, export.source))
}

/// The user id and timestamp columns, named in the options or found by
/// their headers (the most specific word first: "user_id" over a later
/// "user"), and the signup column when named.
fn find_columns(headers: &[String], config: &EventsConfig) -> Result<Columns, InputError> {
    let normalized: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
    let mut problems = Vec::new();
    let mut find = |role: &str, named: &Option<String>, words: &[&str], taken: Option<usize>| {
        if let Some(name) = named {
            return named_column(headers, &normalized, role, name, &mut problems)
                .map(|i| DetectedColumn::new(&headers[i], i, "option"));
        }
        words.iter().find_map(|w| {
            (0..headers.len())
                .find(|i| Some(*i) != taken && normalized[*i].contains(w))
                .map(|i| DetectedColumn::new(&headers[i], i, "header"))
        })
    };
    let user = find("user", &config.user_column, &USER_WORDS, None);
    let taken = user.as_ref().map(|u| u.index as usize);
    let time = find("time", &config.time_column, &TIME_WORDS, taken);
    let signup = find("signup", &config.signup_column, &[], None);
    if !problems.is_empty() {
        return Err(InputError::new("events", problems));
    }
    match (user, time) {
        (Some(user), Some(time)) => Ok(Columns { user, time, signup }),
        _ => Err(InputError::new(
            "events",
            vec![Problem::new(
                "input",
                format!("a file whose columns are {}", header_list(headers)),
                "a user id column (user, user_id, distinct_id...) and a timestamp column \
                 (timestamp, time, date...); name them with options.columns",
            )],
        )),
    }
}

/// What the rows gave: a dense user id and a timestamp per event, each
/// user's signup time (one kept per user, the differing ones beside it:
/// [`Signups`] keeps the earliest), and the rows not used.
struct EventRows {
    interned: Interner,
    ids: Vec<u32>,
    times: Vec<Parsed>,
    signup_of: HashMap<u32, Parsed>,
    other_signups: Vec<(u32, Parsed)>,
    skipped: IssueLog,
}

/// Reads every row: a user id (interned), a timestamp, and the signup time
/// when there is a signup column; a row missing one is logged, not used.
fn read_rows(rows: Rows, columns: &Columns) -> EventRows {
    let (ui, ti) = (columns.user.index as usize, columns.time.index as usize);
    let si = columns.signup.as_ref().map(|s| s.index as usize);
    let mut read = EventRows {
        interned: Interner::default(),
        ids: Vec::new(),
        times: Vec::new(),
        signup_of: HashMap::new(),
        other_signups: Vec::new(),
        skipped: IssueLog::default(),
    };
    let row = |read: &mut EventRows, record: &csv::ByteRecord, start: usize| {
        let (Some(u), Some(t)) = (record.get(ui), record.get(ti)) else {
            return;
        };
        let u = u.trim_ascii();
        if u.is_empty() {
            return read.skip(start, "no user id", None);
        }
        let Some(parsed) = timestamp::parse(t) else {
            return read.skip(start, UNREADABLE, Some(t));
        };
        let signed_up = match si.and_then(|i| record.get(i)) {
            Some(cell) if !cell.trim_ascii().is_empty() => match timestamp::parse(cell) {
                Some(p) => Some(p),
                None => return read.skip(start, UNREADABLE_SIGNUP, Some(cell)),
            },
            _ => None,
        };
        let id = read.interned.id(u);
        read.ids.push(id);
        read.times.push(parsed);
        if let Some(p) = signed_up {
            match read.signup_of.get(&id) {
                None => {
                    read.signup_of.insert(id, p);
                }
                Some(known) if *known != p => read.other_signups.push((id, p)),
                Some(_) => {}
            }
        }
    };
    rows.each(&[], &mut read, row, |read, at, reason| {
        read.skip(at, reason, None)
    });
    read
}

impl EventRows {
    /// Logs a row not used, with the value that could not be read.
    fn skip(&mut self, at: usize, reason: &str, value: Option<&[u8]>) {
        self.skipped.push_with(reason, || Issue {
            row: RowId::Offset(at as u64),
            file: None,
            column: None,
            reason: reason.to_string(),
            value: value.map(|v| String::from_utf8_lossy(v).chars().take(40).collect()),
        });
    }
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
