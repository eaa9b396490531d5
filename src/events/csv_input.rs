//! Usage events from a CSV export (a user id and a timestamp per row): rows
//! that cannot be read are counted and reported by line number and reason;
//! the rest go through [`analyze_events`](super::analyze_events).

use super::columns;
use super::identity::{self, IdentityReport, Linker, PairColumns, NONE};
use super::timestamp::{self, Parsed, Unit, OUT_OF_RANGE, UNREADABLE};
use super::user_events::NO_SESSION;
use super::{
    analyze_event_columns, EventColumns, EventNames, EventsAnalysis, EventsConfig, IgnoredEvents,
    Signups, MAX_TIMESTAMP_MS,
};
use crate::format::{shorten, QUOTED_CHARS};
use crate::import;
use crate::input::csv::{DetectedColumn, Rows};
use crate::input::ids::Interner;
use crate::input::problem::{InputError, Problem};
use crate::input::row_issues::RowReport;
use crate::input::row_issues::{Issue, IssueLog, RowId};
use crate::input::warning::Warning;
use serde::Serialize;
use std::collections::HashMap;

/// Rows sampled to choose the columns and the time unit.
const SAMPLE_ROWS: usize = 200;

/// What `analyzeEventsCsv` found: the events analysis, plus how the file was read.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct EventsCsvAnalysis {
    /// The analysis of the rows that could be read.
    pub analysis: EventsAnalysis,
    /// How the file was read (its fields beside `analysis`).
    #[serde(flatten)]
    pub read: EventsExportRead,
}

/// An events export read into columns, with how it was read: what
/// [`analyze_events_csv`] analyses, and what other readers of events (the
/// launch review) take from a file.
#[derive(Debug, Clone, PartialEq)]
pub struct EventsExport {
    /// The events, one user per person after linking.
    pub events: EventColumns,
    /// Each user's signup time (the first; differing ones beside it), when
    /// `options.columns.signup` named a column.
    pub signups: Option<(Vec<u32>, Vec<f64>)>,
    /// How the file was read.
    pub read: EventsExportRead,
    /// The events left out as they were read (`options.ignoreEvents`), when
    /// the export has event names.
    pub ignored: Option<IgnoredEvents>,
}

/// How an events export was read: the columns chosen, the time format, the
/// rows passed over, how users were identified and what was guessed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct EventsExportRead {
    /// The user id column used, and how it was found.
    pub user_column: DetectedColumn,
    /// The timestamp column used, and how it was found.
    pub time_column: DetectedColumn,
    /// The signup time column, when `options.columns.signup` named one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signup_column: Option<DetectedColumn>,
    /// How the time column was read: `iso-8601` text, or numbers since 1970 in
    /// `epoch-seconds`, `epoch-milliseconds`, `epoch-microseconds` (GA4's `event_timestamp`)
    /// or `epoch-nanoseconds`, or `yyyymmdd` dates (GA4's `event_date`). The unit is
    /// `options.timeUnit`, or decided from the sampled values' size (dates from 1970 to 2099
    /// are at most 4.11e9 s, 4.11e12 ms, 4.11e15 us: cut-offs 5e9, 5e12, 5e15), and said in
    /// `warnings`.
    #[cfg_attr(
        feature = "wasm",
        tsify(
            type = "\"iso-8601\" | \"epoch-seconds\" | \"epoch-milliseconds\" | \"epoch-microseconds\" | \"epoch-nanoseconds\" | \"yyyymmdd\""
        )
    )]
    pub time_format: String,
    /// How a typed file (Parquet) stores the time column: `timestamp-millis`,
    /// `timestamp-micros` or `timestamp-nanos` ending in `-utc` (adjusted to UTC) or
    /// `-local` (wall-clock time, read as UTC like ISO text without an offset);
    /// `int96-timestamp` (Spark's); `date`; `int64` or `int32` (numbers since 1970, their
    /// unit as in `timeFormat`), `string`, ... Absent for text files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_type: Option<String>,
    /// Rows not used, by line number (and file, for an archive) and reason: no user id, a
    /// timestamp that cannot be read or is not a date from 1970 to 2099.
    pub skipped: RowReport,
    /// The event name column, when the export has one (or `options.columns.event` named it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_column: Option<DetectedColumn>,
    /// The session id column, when the export has one (or `options.columns.session` named it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_column: Option<DetectedColumn>,
    /// How users were identified: the export's person column, anonymous ids linked to the
    /// known ids seen with them (and `options.aliases`), or every id as it is.
    pub identity: IdentityReport,
    /// What was guessed (a sparse user column passed over, the time unit), with how to
    /// choose otherwise.
    pub warnings: Vec<Warning>,
}

/// Analyses an export of events (any container the import layer reads).
pub fn analyze_events_csv(
    bytes: &[u8],
    config: &EventsConfig,
) -> Result<EventsCsvAnalysis, InputError> {
    let EventsExport {
        events,
        signups,
        read,
        ignored,
    } = read_events_export(bytes, config)?;
    let signups = signups.as_ref().map(|(users, ms)| Signups {
        user_ids: users,
        timestamps_ms: ms,
    });
    let mut analysis = analyze_event_columns(events, signups.as_ref(), config)?;
    analysis.ignored_events = ignored;
    Ok(EventsCsvAnalysis { analysis, read })
}

/// Reads an export of events (any container the import layer reads) into
/// columns: the columns chosen from the header (or `config.columns`), the
/// time unit from the sample (or `config.timeUnit`), users linked, rows that
/// cannot be read counted by line; an error when no row can be read.
pub fn read_events_export(bytes: &[u8], config: &EventsConfig) -> Result<EventsExport, InputError> {
    let decoded = import::decode(bytes, "events")?;
    let OpenedEvents {
        rows,
        sample,
        columns,
        pair,
        mut warnings,
        ..
    } = open_events(&decoded, config)?;
    needs_event_column(&columns, config)?;
    let time_unit = column_unit(&sample, &columns.time, config.time_unit, &mut warnings);
    let signup_unit = columns
        .signup
        .as_ref()
        .map(|c| column_unit(&sample, c, config.time_unit, &mut warnings));
    let units = (time_unit, signup_unit.flatten());
    // Sorted, for a binary search per row (the list is short; no hashing).
    let mut ignore: Vec<&[u8]> = match columns.event {
        Some(_) => config.ignore_events.iter().map(|n| n.as_bytes()).collect(),
        None => Vec::new(),
    };
    ignore.sort_unstable();
    ignore.dedup();
    let read = read_rows(rows, &sample, &columns, pair.as_ref(), units, &ignore);
    let EventRows {
        mut interned,
        ids,
        anonymous,
        known,
        times: ms,
        event_names,
        codes,
        sessions,
        session_ids,
        signup_rows,
        linker,
        ignored,
        mut skipped,
    } = read;
    let aliases: HashMap<u32, u32> = config
        .aliases
        .iter()
        .map(|(from, to)| (interned.id(from.as_bytes()), interned.id(to.as_bytes())))
        .collect();
    let others = Others {
        anonymous: &anonymous,
        known: &known,
    };
    let (ids, identity) = identify(ids, &others, &linker, &aliases, &columns, interned.len());
    // Each user's signup time, one kept per user (the first), the differing ones beside it.
    let mut signup_of: HashMap<u32, f64> = HashMap::new();
    let mut other_signups = Vec::new();
    for (id, a, k, t) in signup_rows {
        let user = linker.resolve(id, a, k, &aliases);
        match signup_of.get(&user) {
            None => {
                signup_of.insert(user, t);
            }
            Some(known) if *known != t => other_signups.push((user, t)),
            Some(_) => {}
        }
    }
    let (signup_users, signup_ms): (Vec<u32>, Vec<f64>) =
        signup_of.into_iter().chain(other_signups).unzip();
    // Lines only for the issues listed; then the lines a JSON export held
    // no event on, listed among them in file order.
    skipped.resolve_rows(|offsets| decoded.locations(offsets));
    skipped.merge_lines(decoded.skipped.iter().map(|s| Issue {
        row: RowId::Line(s.line),
        file: s.file.clone(),
        column: None,
        reason: s.reason.clone(),
        value: None,
    }));
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
    let names = columns.event.as_ref().map(|_| EventNames {
        codes,
        dictionary: event_names.into_texts(),
    });
    drop(sessions);
    let events = EventColumns {
        user_ids: ids,
        timestamps_ms: ms,
        names,
        session_ids: columns.session.as_ref().map(|_| session_ids),
    };
    // Left out as they were read (their ids still linked).
    let ignored = columns.event.as_ref().map(|_| IgnoredEvents {
        count: ignored.iter().sum(),
        by_name: ignore
            .iter()
            .zip(&ignored)
            .filter(|(_, n)| **n > 0)
            .map(|(name, n)| (String::from_utf8_lossy(name).into_owned(), *n))
            .collect(),
        names: config.ignore_events.clone(),
    });
    let time_type = decoded
        .stored
        .get(columns.time.index as usize)
        .map(|(_, stored)| stored.clone());
    Ok(EventsExport {
        events,
        signups: columns.signup.as_ref().map(|_| (signup_users, signup_ms)),
        read: EventsExportRead {
            user_column: columns.user,
            time_column: columns.time,
            signup_column: columns.signup,
            time_format: time_unit.map_or("iso-8601", Unit::format).to_string(),
            time_type,
            skipped: RowReport::from_log(&skipped),
            event_column: columns.event,
            session_column: columns.session,
            identity,
            warnings,
        },
        ignored,
    })
}

/// Options that read event names, with no event name column: said before
/// any row is read, with the way to name the column.
fn needs_event_column(columns: &Columns, config: &EventsConfig) -> Result<(), InputError> {
    if columns.event.is_some() {
        return Ok(());
    }
    let asked = [
        ("options.activationEvent", config.activation_event.is_some()),
        ("options.features", !config.features.is_empty()),
        ("options.startEvent", config.start_event.is_some()),
        ("options.returnEvent", config.return_event.is_some()),
    ];
    let problems: Vec<Problem> = asked
        .iter()
        .filter(|(_, given)| *given)
        .map(|(path, _)| {
            Problem::new(*path, "given for an export with no event name column", "an export with event names")
                .with_hint(Some(
                    "name the event column with options.columns.event (no header is event, event_name or event_type)"
                        .into(),
                ))
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(InputError::new("events", problems))
    }
}

/// Each event's anonymous id (when its column is not the user column) and
/// known id, when linking; empty otherwise.
struct Others<'a> {
    anonymous: &'a [u32],
    known: &'a [u32],
}

/// Each event's user after linking (see [`identity`]), and the report.
fn identify(
    ids: Vec<u32>,
    others: &Others<'_>,
    linker: &Linker,
    aliases: &HashMap<u32, u32>,
    columns: &Columns,
    id_count: usize,
) -> (Vec<u32>, IdentityReport) {
    let distinct = |ids: &[u32]| {
        let mut seen = vec![false; id_count];
        ids.iter().for_each(|&i| seen[i as usize] = true);
        seen.iter().filter(|s| **s).count() as u64
    };
    let before = distinct(&ids);
    let person = identity::is_person_column(&columns.user);
    let linked = columns.known.is_some() || !aliases.is_empty();
    let ids: Vec<u32> = if linked {
        ids.iter()
            .enumerate()
            .map(|(e, &id)| {
                let anonymous = others.anonymous.get(e).copied().filter(|a| *a != NONE);
                let known = others.known.get(e).copied().unwrap_or(NONE);
                linker.resolve(id, anonymous.unwrap_or(id), known, aliases)
            })
            .collect()
    } else {
        ids
    };
    let (merged, conflicts) = linker.counts();
    let report = IdentityReport {
        method: if linked {
            "linked"
        } else if person {
            "person"
        } else {
            "as-is"
        }
        .to_string(),
        anonymous_column: columns.anonymous.as_ref().map(|a| a.header.clone()),
        known_column: columns.known.as_ref().map(|k| k.header.clone()),
        ids: before,
        users: distinct(&ids),
        ids_merged: merged,
        conflicts,
        aliases: aliases.len() as u64,
    };
    (ids, report)
}

/// An events export opened: its rows, a sample of them read ahead, the
/// columns chosen from the header, the tool and the sample, and what was
/// guessed.
struct OpenedEvents<'t> {
    rows: Rows<'t>,
    sample: Vec<csv::ByteRecord>,
    columns: Columns,
    pair: Option<PairColumns>,
    warnings: Vec<Warning>,
    source: import::ExportSource,
}

fn open_events<'t>(
    decoded: &'t import::Decoded<'_>,
    config: &EventsConfig,
) -> Result<OpenedEvents<'t>, InputError> {
    let export = import::open(decoded, config.delimiter, "events", "event")?;
    let headers = export.header.names.clone();
    let mut rows = Rows::with_pending(export.reader, &decoded.text, headers.len(), export.pending);
    let sample = rows.read_ahead(SAMPLE_ROWS);
    let chosen = columns::choose(&headers, &sample, export.source, config)?;
    Ok(OpenedEvents {
        rows,
        sample,
        columns: Columns {
            user: chosen.user,
            time: chosen.time,
            signup: chosen.signup,
            known: chosen.known,
            anonymous: chosen.anonymous,
            event: chosen.event,
            session: chosen.session,
        },
        pair: chosen.pair,
        warnings: chosen.warnings,
        source: export.source,
    })
}

/// The unit of a column's numbers: named, or decided from the sample (and
/// said in a warning); `None` when the sample holds no number (ISO text).
fn column_unit(
    sample: &[csv::ByteRecord],
    column: &DetectedColumn,
    named: Option<Unit>,
    warnings: &mut Vec<Warning>,
) -> Option<Unit> {
    let numbers: Vec<f64> = sample
        .iter()
        .filter_map(|r| r.get(column.index as usize))
        .filter_map(|c| match timestamp::parse(c) {
            Some(Parsed::Number(n)) => Some(n),
            _ => None,
        })
        .collect();
    if named.is_some() {
        return named;
    }
    let unit = Unit::of(&numbers)?;
    let example = numbers[0];
    let when = unit
        .to_ms(example)
        .filter(|ms| (0.0..MAX_TIMESTAMP_MS).contains(ms))
        .map(|ms| crate::calendar::iso_date(crate::calendar::local_day(ms, 0)))
        .unwrap_or_else(|| "no date from 1970 to 2099".to_string());
    let read_as = match unit {
        Unit::Yyyymmdd => "dates written YYYYMMDD, from their digits".to_string(),
        _ => format!(
            "{} since 1970, from their size",
            timestamp::UNIT_NAMES
                .iter()
                .find(|(_, u)| *u == unit)
                .map_or("", |(n, _)| *n)
        ),
    };
    warnings.push(Warning::new(
        "time_unit",
        "options.timeUnit",
        format!(
            "\"{}\" holds numbers, read as {read_as} ({} is {when}); set options.timeUnit to read them otherwise.",
            column.header,
            crate::format::format_number(example),
        ),
    ));
    Some(unit)
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
    /// The known (signed-in) ids' column the anonymous ids are linked to.
    pub known: Option<DetectedColumn>,
    /// The anonymous (device) ids' column, when linking: the user column itself
    /// (Segment's `anonymous_id`), or beside it (Mixpanel's `$device_id`).
    pub anonymous: Option<DetectedColumn>,
    /// The event name column.
    pub event: Option<DetectedColumn>,
    /// The session id column.
    pub session: Option<DetectedColumn>,
}

impl Columns {
    /// Each column read, with what is read from it (`user`, `time`, `signup`, `known`,
    /// `anonymous`).
    pub fn roles(&self) -> Vec<(&'static str, DetectedColumn)> {
        let mut out = vec![("user", self.user.clone()), ("time", self.time.clone())];
        out.extend(self.signup.clone().map(|c| ("signup", c)));
        out.extend(self.known.clone().map(|c| ("known", c)));
        out.extend(
            self.anonymous
                .clone()
                .filter(|a| a.index != self.user.index)
                .map(|c| ("anonymous", c)),
        );
        out.extend(self.event.clone().map(|c| ("event", c)));
        out.extend(self.session.clone().map(|c| ("session", c)));
        out
    }
}

/// The columns an events export would be read from, and the tool that wrote
/// it, from its header, its tool and a sample of its rows (as `analyzeEventsCsv` would).
pub fn detect_columns(
    decoded: &import::Decoded<'_>,
    config: &EventsConfig,
) -> Result<(Columns, import::ExportSource), InputError> {
    let opened = open_events(decoded, config)?;
    Ok((opened.columns, opened.source))
}

/// What the rows gave: a dense user id and a time (ms) per event, the
/// known id beside it when linking (else nothing), the links seen, the
/// signup rows, and the rows not used.
struct EventRows {
    interned: Interner,
    ids: Vec<u32>,
    anonymous: Vec<u32>,
    known: Vec<u32>,
    times: Vec<f64>,
    /// Event names, numbered, and each event's number.
    event_names: Interner,
    codes: Vec<u32>,
    /// Session ids, numbered, and each event's number (or [`NO_SESSION`]).
    sessions: Interner,
    session_ids: Vec<u32>,
    signup_rows: Vec<(u32, u32, u32, f64)>,
    linker: Linker,
    /// Rows of events that are not activity, for each name of the ignore list.
    ignored: Vec<u64>,
    skipped: IssueLog,
}

/// An id cell's text, unless it holds none (empty, `null`, `undefined`).
fn id_text(cell: &[u8]) -> Option<&[u8]> {
    let c = cell.trim_ascii();
    (!c.is_empty() && c != b"null" && c != b"undefined").then_some(c)
}

/// A session id cell's text, unless it holds none: empty, or Amplitude's
/// `-1` for an event outside any session.
fn session_text(cell: &[u8]) -> Option<&[u8]> {
    id_text(cell).filter(|c| *c != b"-1")
}

/// A cell as milliseconds: ISO text, or a number in the column's unit (or,
/// when the sample held no number, in the unit its own size says); `Err`
/// with the reason when it cannot be read or is no date from 1970 to 2099.
fn milliseconds(
    cell: &[u8],
    unit: Option<Unit>,
    unreadable: &'static str,
) -> Result<f64, &'static str> {
    let ms = match timestamp::parse(cell).ok_or(unreadable)? {
        Parsed::Ms(v) => Some(v),
        Parsed::Number(n) => unit.unwrap_or_else(|| Unit::by_magnitude(n)).to_ms(n),
    };
    ms.filter(|v| (0.0..MAX_TIMESTAMP_MS).contains(v))
        .ok_or(OUT_OF_RANGE)
}

/// Reads every row (the sample read ahead first): a user id (interned), a
/// time, and the signup time when there is a signup column; a row missing
/// one, or whose time is unreadable or out of range, is logged, not used.
fn read_rows(
    rows: Rows,
    sample: &[csv::ByteRecord],
    columns: &Columns,
    pair: Option<&PairColumns>,
    (time_unit, signup_unit): (Option<Unit>, Option<Unit>),
    ignore: &[&[u8]],
) -> EventRows {
    let ei = columns.event.as_ref().map(|e| e.index as usize);
    let (ui, ti) = (columns.user.index as usize, columns.time.index as usize);
    let si = columns.signup.as_ref().map(|s| s.index as usize);
    let session_index = columns.session.as_ref().map(|s| s.index as usize);
    let mut read = EventRows {
        interned: Interner::default(),
        ids: Vec::new(),
        anonymous: Vec::new(),
        known: Vec::new(),
        times: Vec::new(),
        event_names: Interner::default(),
        codes: Vec::new(),
        sessions: Interner::default(),
        session_ids: Vec::new(),
        signup_rows: Vec::new(),
        linker: Linker::default(),
        ignored: vec![0; ignore.len()],
        skipped: IssueLog::default(),
    };
    let row = |read: &mut EventRows, record: &csv::ByteRecord, start: usize| {
        let (Some(u), Some(t)) = (record.get(ui), record.get(ti)) else {
            return;
        };
        // Not activity: its ids still link, then it is counted by name and left out.
        let name = ei.and_then(|i| record.get(i)).map(<[u8]>::trim_ascii);
        if let Some(name) = name {
            if let Ok(slot) = ignore.binary_search(&name) {
                if let (Some(p), Some(u), Ok(ms)) =
                    (pair, id_text(u), milliseconds(t, time_unit, UNREADABLE))
                {
                    let known = record.get(p.known).and_then(id_text);
                    let anonymous = if p.anonymous == ui {
                        Some(u)
                    } else {
                        record.get(p.anonymous).and_then(id_text)
                    };
                    if let (Some(a), Some(k)) = (anonymous, known) {
                        let (a, k_id) = (read.interned.id(a), read.interned.id(k));
                        read.linker.pair(a, k_id, k, ms);
                    }
                }
                read.ignored[slot] += 1;
                return;
            }
        }
        // A row with no anonymous id but a known one (a server-side call):
        // the known id is its user.
        let server_side = || {
            pair.filter(|p| p.anonymous == ui)
                .and_then(|p| record.get(p.known))
                .and_then(id_text)
        };
        let Some(u) = id_text(u).or_else(server_side) else {
            return read.skip(start, "no user id", None);
        };
        let ms = match milliseconds(t, time_unit, UNREADABLE) {
            Ok(ms) => ms,
            Err(reason) => return read.skip(start, reason, Some(t)),
        };
        let signed_up = match si.and_then(|i| record.get(i)) {
            Some(cell) if !cell.trim_ascii().is_empty() => {
                match milliseconds(cell, signup_unit, UNREADABLE_SIGNUP) {
                    Ok(p) => Some(p),
                    Err(reason) => {
                        let reason = if reason == OUT_OF_RANGE {
                            SIGNUP_OUT_OF_RANGE
                        } else {
                            reason
                        };
                        return read.skip(start, reason, Some(cell));
                    }
                }
            }
            _ => None,
        };
        let id = read.interned.id(u);
        let (mut anonymous, mut known) = (id, NONE);
        if let Some(p) = pair {
            if p.anonymous != ui {
                anonymous = record
                    .get(p.anonymous)
                    .and_then(id_text)
                    .map_or(NONE, |a| read.interned.id(a));
                read.anonymous.push(anonymous);
            }
            if let Some(k) = record.get(p.known).and_then(id_text) {
                known = read.interned.id(k);
                if anonymous != NONE {
                    read.linker.pair(anonymous, known, k, ms);
                }
            }
            read.known.push(known);
        }
        read.ids.push(id);
        read.times.push(ms);
        if ei.is_some() {
            let code = read.event_names.id(name.unwrap_or_default());
            read.codes.push(code);
        }
        if let Some(i) = session_index {
            let session = match record.get(i).and_then(session_text) {
                Some(s) => read.sessions.id(s),
                None => NO_SESSION,
            };
            read.session_ids.push(session);
        }
        if let Some(p) = signed_up {
            let a = if anonymous == NONE { id } else { anonymous };
            read.signup_rows.push((id, a, known, p));
        }
    };
    rows.each(sample, &mut read, row, |read, at, reason| {
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
            value: value.map(|v| shorten(&String::from_utf8_lossy(v), QUOTED_CHARS)),
        });
    }
}

/// Why a signup cell could not be read.
const UNREADABLE_SIGNUP: &str =
    "signup time is neither ISO-8601 (2026-11-01T09:30:00Z) nor a number since 1970 nor a YYYYMMDD date";

/// Why a signup time was read but left out.
const SIGNUP_OUT_OF_RANGE: &str =
    "signup time is not a date from 1970 to 2099 in the column's unit";
