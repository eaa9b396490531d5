//! Usage events from a CSV export (a user id and a timestamp per row): rows
//! that cannot be read are counted and reported by line number and reason;
//! the rest go through [`analyze_events`](super::analyze_events).

use super::timestamp::{self, Parsed, UNREADABLE};
use super::{analyze_events, EventsAnalysis, EventsConfig};
use crate::csv_rows::{
    closest_header, line_numbers, normalize_header, open_csv, record_start, unbalanced_quote,
    UNBALANCED_QUOTE,
};
use crate::problem::{InputError, Problem};
use crate::survey::report::RowReport;
use crate::survey::tally::{Issue, IssueLog, RowId};
use crate::survey::DetectedColumn;
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
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct EventsCsvAnalysis {
    /// The analysis of the rows that could be read.
    pub analysis: EventsAnalysis,
    /// The user id column used, and how it was found.
    pub user_column: DetectedColumn,
    /// The timestamp column used, and how it was found.
    pub time_column: DetectedColumn,
    /// How bare numbers were read: `epoch-milliseconds` or `epoch-seconds` (decided from their
    /// magnitude: every millisecond timestamp after March 1973 is above 1e11); `iso-8601` when
    /// there were none.
    #[cfg_attr(
        target_arch = "wasm32",
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
    let mut interned: HashMap<Vec<u8>, u32> = HashMap::new();
    let mut ids: Vec<u32> = Vec::new();
    let mut times: Vec<Parsed> = Vec::new();
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
        let next = interned.len() as u32;
        let id = match interned.get(u) {
            Some(id) => *id,
            None => {
                interned.insert(u.to_vec(), next);
                next
            }
        };
        ids.push(id);
        times.push(parsed);
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
    // Bare numbers: seconds or milliseconds, decided once for the file.
    let numbers: Vec<f64> = times
        .iter()
        .filter_map(|t| {
            if let Parsed::Number(n) = t {
                Some(*n)
            } else {
                None
            }
        })
        .collect();
    let seconds = !numbers.is_empty() && numbers.iter().all(|n| n.abs() < 1e11);
    let time_format = match (numbers.is_empty(), seconds) {
        (true, _) => "iso-8601",
        (false, true) => "epoch-seconds",
        (false, false) => "epoch-milliseconds",
    };
    let ms: Vec<f64> = times
        .iter()
        .map(|t| match t {
            Parsed::Ms(v) => *v,
            Parsed::Number(n) if seconds => n * 1000.0,
            Parsed::Number(n) => *n,
        })
        .collect();
    drop(times);
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
    let analysis = analyze_events(&ids, &ms, config)?;
    Ok(EventsCsvAnalysis {
        analysis,
        user_column: user,
        time_column: time,
        time_format: time_format.to_string(),
        skipped: RowReport::from_log(&log),
    })
}
