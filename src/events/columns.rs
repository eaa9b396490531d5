//! Which columns of an events export hold the user and the event's time.
//! The export's tool decides first when it is known (each tool's own
//! columns: PostHog's person before its `distinct_id`, Amplitude's
//! `event_time` rather than the device's `client_event_time`, GA4's
//! `user_pseudo_id` and `event_timestamp`); then a header that is exactly
//! a known name beats one that only contains it, and a device's or
//! sender's clock (`client_`, `original_`, `sent_at`) comes last. The user
//! column must be filled in: a mostly-empty `user_id` gives way to a
//! complete id column, and the result says so.

use super::identity::{self, PairColumns};
use super::timestamp;
use crate::import::ExportSource;
use crate::input::csv::{header_list, named_column, normalize_header, DetectedColumn};
use crate::input::problem::{InputError, Problem};
use crate::input::warning::Warning;

/// Header words that mark the user id column, most specific first.
const USER_WORDS: [&str; 9] = [
    "user_id",
    "userid",
    "user id",
    "distinct_id",
    "uid",
    "user",
    "customer",
    "account",
    "visitor",
];

/// Header words that mark the timestamp column, most specific first.
const TIME_WORDS: [&str; 9] = [
    "timestamp",
    "event_time",
    "time",
    "occurred",
    "created_at",
    "date",
    "ts",
    "when",
    "event_date",
];

/// Headers of a clock other than the event's own (the device's, the
/// sender's, the receiver's): chosen only when nothing else is.
const OTHER_CLOCKS: [&str; 7] = [
    "client",
    "original",
    "device",
    "sent_at",
    "received",
    "upload",
    "processing",
];

/// Headers of an event name column, taken only when exact: `event_time`
/// and `event_id` contain "event" too.
const EVENT_NAMES: [&str; 5] = [
    "event",
    "event_name",
    "event_type",
    "eventname",
    "event name",
];

/// Headers of a session id column, taken only when exact: PostHog's
/// `$session_id` (a property, flattened), Amplitude's and Heap's
/// `session_id`, GA4's `ga_session_id` (an event parameter, flattened).
const SESSION_NAMES: [&str; 6] = [
    "$session_id",
    "properties.$session_id",
    "session_id",
    "ga_session_id",
    "event_params.ga_session_id",
    "sessionid",
];

/// Each tool's event name column.
fn event_column_of(source: ExportSource) -> &'static [&'static str] {
    match source {
        ExportSource::Amplitude => &["event_type"],
        ExportSource::Ga4 => &["event_name"],
        ExportSource::Heap => &["event_table_name"],
        _ => &[],
    }
}

/// Share of sampled rows a user column must fill not to give way to a
/// fuller one.
const FILLED_ENOUGH: f64 = 0.95;

/// Each tool's own columns, best first: the user (its person before a
/// device's id) and the event's time (the server-corrected one).
fn profile(source: ExportSource) -> (&'static [&'static str], &'static [&'static str]) {
    match source {
        // The person a distinct_id resolves to; distinct_id counts anonymous ids apart.
        ExportSource::Posthog => (
            &["person_id", "person.id", "person", "distinct_id"],
            &["timestamp"],
        ),
        ExportSource::Mixpanel => (
            &["properties.distinct_id", "distinct_id", "$distinct_id"],
            &["properties.time", "time"],
        ),
        // amplitude_id: Amplitude's own id for a person (device and user merged).
        ExportSource::Amplitude => (&["amplitude_id", "user_id"], &["event_time"]),
        // `timestamp` is Segment's corrected time; `original_timestamp` the device's.
        ExportSource::Segment => (&["user_id", "anonymous_id"], &["timestamp"]),
        ExportSource::Ga4 => (
            &["user_pseudo_id", "user_id"],
            &["event_timestamp", "event_date"],
        ),
        ExportSource::Heap => (&["user_id"], &["time"]),
        _ => (&[], &[]),
    }
}

/// The columns an events export is read from, and what was guessed.
pub(crate) struct Chosen {
    pub user: DetectedColumn,
    pub time: DetectedColumn,
    pub signup: Option<DetectedColumn>,
    /// The anonymous and known id columns linked (`identity: 'link'`).
    pub pair: Option<PairColumns>,
    /// The known ids' column, when linked.
    pub known: Option<DetectedColumn>,
    /// The anonymous ids' column, when linked.
    pub anonymous: Option<DetectedColumn>,
    /// The event name column, when there is one.
    pub event: Option<DetectedColumn>,
    /// The session id column, when there is one.
    pub session: Option<DetectedColumn>,
    pub warnings: Vec<Warning>,
}

/// Candidates for a role, best first: the tool's columns, then exact names,
/// then headers containing a word; other clocks last.
fn candidates(
    normalized: &[String],
    own: &[&str],
    words: &[&str],
    clocks_last: bool,
) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    let push = |i: usize, out: &mut Vec<usize>| {
        if !out.contains(&i) {
            out.push(i);
        }
    };
    for name in own {
        if let Some(i) = normalized.iter().position(|h| h == name) {
            push(i, &mut out);
        }
    }
    for w in words {
        if let Some(i) = normalized.iter().position(|h| h == w) {
            push(i, &mut out);
        }
    }
    for w in words {
        for (i, h) in normalized.iter().enumerate() {
            if h.contains(w) {
                push(i, &mut out);
            }
        }
    }
    if clocks_last {
        let other = |i: &usize| OTHER_CLOCKS.iter().any(|c| normalized[*i].contains(c));
        let (mine, others): (Vec<usize>, Vec<usize>) = out.into_iter().partition(|i| !other(i));
        out = mine.into_iter().chain(others).collect();
    }
    out
}

/// Share of the sampled rows whose cell in column `i` passes `ok`.
fn share(sample: &[csv::ByteRecord], i: usize, ok: impl Fn(&[u8]) -> bool) -> f64 {
    if sample.is_empty() {
        return 1.0;
    }
    let n = sample.iter().filter(|r| r.get(i).is_some_and(&ok)).count();
    n as f64 / sample.len() as f64
}

fn filled(cell: &[u8]) -> bool {
    let c = cell.trim_ascii();
    !c.is_empty() && !c.eq_ignore_ascii_case(b"null") && !c.eq_ignore_ascii_case(b"undefined")
}

/// Chooses the user, time and signup columns (see the module's documentation).
pub(crate) fn choose(
    headers: &[String],
    sample: &[csv::ByteRecord],
    source: ExportSource,
    config: &super::EventsConfig,
) -> Result<Chosen, InputError> {
    let normalized: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
    let mut problems = Vec::new();
    let mut named = |role: &str, name: &Option<String>| {
        name.as_ref()
            .map(|n| named_column(headers, &normalized, role, n, &mut problems))
    };
    let named_user = named("user", &config.user_column);
    let named_time = named("time", &config.time_column);
    let named_signup = named("signup", &config.signup_column);
    let named_event = named("event", &config.event_column);
    let named_session = named("session", &config.session_column);
    if !problems.is_empty() {
        return Err(InputError::new("events", problems));
    }
    let (own_users, own_times) = profile(source);
    let how = |i: usize| {
        if own_users.contains(&normalized[i].as_str())
            || own_times.contains(&normalized[i].as_str())
        {
            "source"
        } else {
            "header"
        }
    };
    let mut warnings = Vec::new();

    let user = match named_user {
        Some(i) => i.map(|i| DetectedColumn::new(&headers[i], i, "option")),
        None => {
            let found = candidates(&normalized, own_users, &USER_WORDS, false);
            let fill: Vec<f64> = found.iter().map(|&i| share(sample, i, filled)).collect();
            // The first filled in enough; else the fullest (the first of equals).
            let pick = (0..found.len())
                .find(|&k| fill[k] >= FILLED_ENOUGH)
                .or_else(|| (0..found.len()).reduce(|a, b| if fill[b] > fill[a] { b } else { a }));
            pick.map(|k| {
                let i = found[k];
                let mut column = DetectedColumn::new(&headers[i], i, how(i));
                if k > 0 {
                    let first = found[0];
                    column.runner_up = Some(headers[first].clone());
                    warnings.push(Warning::new(
                        "user_column_sparse",
                        "columns.user",
                        format!(
                            "\"{}\" is empty in {:.0}% of the rows sampled, so \"{}\" (filled in {:.0}%) is read as the user; \
                             name the column in options.columns.user to choose otherwise.",
                            headers[first],
                            100.0 * (1.0 - fill[0]),
                            headers[i],
                            100.0 * fill[k]
                        ),
                    ));
                } else {
                    column.runner_up = found.get(1).map(|&j| headers[j].clone());
                }
                if fill[k] < FILLED_ENOUGH {
                    warnings.push(Warning::new(
                        "user_column_sparse",
                        "columns.user",
                        format!(
                            "\"{}\" is empty in {:.0}% of the rows sampled: those events have no user and are not counted; \
                             name a fuller id column in options.columns.user if the export has one.",
                            headers[i],
                            100.0 * (1.0 - fill[k])
                        ),
                    ));
                }
                column
            })
        }
    };
    // Linking: the anonymous ids' column is read as the user (each of its ids
    // then counts as the known id it is linked to), unless another was named.
    let pair = config
        .link_identities
        .then(|| identity::find_pair(&normalized, source))
        .flatten();
    let user = match (user, &pair) {
        (Some(u), Some(p)) if u.index as usize == p.known && u.detected_by != "option" => {
            let mut anonymous = DetectedColumn::new(&headers[p.anonymous], p.anonymous, "source");
            anonymous.runner_up = Some(u.header.clone());
            Some(anonymous)
        }
        (user, _) => user,
    };
    // A sparse known id column is no loss when linked: its ids are read
    // where they are, and the identity report counts the links.
    if let (Some(u), Some(p)) = (&user, &pair) {
        if u.index as usize == p.anonymous {
            warnings.retain(|w| w.code != "user_column_sparse");
        }
    }
    let known = pair
        .as_ref()
        .map(|p| DetectedColumn::new(&headers[p.known], p.known, "source"));
    let anonymous = pair
        .as_ref()
        .map(|p| DetectedColumn::new(&headers[p.anonymous], p.anonymous, "source"));
    let taken = user.as_ref().map(|u| u.index as usize);

    let time = match named_time {
        Some(i) => i.map(|i| DetectedColumn::new(&headers[i], i, "option")),
        None => {
            let found: Vec<usize> = candidates(&normalized, own_times, &TIME_WORDS, true)
                .into_iter()
                .filter(|i| Some(*i) != taken)
                .collect();
            let reads = |i: usize| share(sample, i, |c| timestamp::parse(c).is_some());
            // The first whose values read as times; else the first.
            let pick = found
                .iter()
                .position(|&i| reads(i) >= 0.9)
                .or((!found.is_empty()).then_some(0));
            pick.map(|k| {
                let i = found[k];
                let mut column = DetectedColumn::new(&headers[i], i, how(i));
                column.runner_up = found
                    .iter()
                    .enumerate()
                    .find(|(j, _)| *j != k)
                    .map(|(_, &j)| headers[j].clone());
                column
            })
        }
    };
    let signup = named_signup
        .flatten()
        .map(|i| DetectedColumn::new(&headers[i], i, "option"));
    let event = match named_event {
        Some(i) => i.map(|i| DetectedColumn::new(&headers[i], i, "option")),
        None => {
            let own = event_column_of(source);
            own.iter()
                .find_map(|n| {
                    normalized
                        .iter()
                        .position(|h| h == n)
                        .map(|i| (i, "source"))
                })
                .or_else(|| {
                    EVENT_NAMES.iter().find_map(|n| {
                        normalized
                            .iter()
                            .position(|h| h == n)
                            .map(|i| (i, "header"))
                    })
                })
                .map(|(i, how)| DetectedColumn::new(&headers[i], i, how))
        }
    };
    let session = match named_session {
        Some(i) => i.map(|i| DetectedColumn::new(&headers[i], i, "option")),
        None => SESSION_NAMES
            .iter()
            .find_map(|n| normalized.iter().position(|h| h == n))
            .map(|i| DetectedColumn::new(&headers[i], i, "header")),
    };
    match (user, time) {
        (Some(user), Some(time)) => Ok(Chosen {
            user,
            time,
            signup,
            pair,
            known,
            anonymous,
            event,
            session,
            warnings,
        }),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn records(rows: &[&[&str]]) -> Vec<csv::ByteRecord> {
        rows.iter()
            .map(|r| csv::ByteRecord::from(r.to_vec()))
            .collect()
    }

    fn headers(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn exact_names_and_server_clocks_win() {
        let h = headers(&["original_timestamp", "user_id", "timestamp"]);
        let rows = records(&[&["2026-11-03", "u1", "2026-11-03"]]);
        let c = choose(&h, &rows, ExportSource::Unknown, &Default::default()).unwrap();
        assert_eq!(c.time.header, "timestamp");
        assert_eq!(c.time.runner_up.as_deref(), Some("original_timestamp"));
        let h = headers(&["client_event_time", "event_time", "user_id"]);
        let rows = records(&[&["2026-11-03", "2026-11-03", "u1"]]);
        let c = choose(&h, &rows, ExportSource::Unknown, &Default::default()).unwrap();
        assert_eq!(c.time.header, "event_time");
    }

    #[test]
    fn a_sparse_user_id_gives_way_to_a_full_one_with_a_warning() {
        let h = headers(&["user_id", "anonymous_id", "timestamp"]);
        let mut rows = vec![["", "a1", "2026-11-03"]; 3];
        rows.extend(vec![["u1", "a2", "2026-11-03"]; 7]);
        let rows: Vec<csv::ByteRecord> = rows
            .iter()
            .map(|r| csv::ByteRecord::from(r.to_vec()))
            .collect();
        let as_is = crate::events::EventsConfig {
            link_identities: false,
            ..Default::default()
        };
        let c = choose(&h, &rows, ExportSource::Segment, &as_is).unwrap();
        assert_eq!(c.user.header, "anonymous_id");
        assert_eq!(c.user.runner_up.as_deref(), Some("user_id"));
        assert!(
            c.warnings[0].message.contains("empty in 30%"),
            "{:?}",
            c.warnings
        );
        // Linked (the default), the sparse user_id is the known ids' column: no loss to warn of.
        let c = choose(&h, &rows, ExportSource::Segment, &Default::default()).unwrap();
        assert_eq!(
            (
                c.user.header.as_str(),
                c.known.as_ref().unwrap().header.as_str()
            ),
            ("anonymous_id", "user_id")
        );
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    }

    #[test]
    fn event_columns_only_by_exact_names() {
        let h = headers(&["event_time", "event_id", "user_id", "event_type"]);
        let rows = records(&[&["2026-11-03", "e1", "u1", "Viewed"]]);
        let c = choose(&h, &rows, ExportSource::Unknown, &Default::default()).unwrap();
        assert_eq!(c.event.unwrap().header, "event_type");
        let h = headers(&["event_time", "event_id", "user_id"]);
        let c = choose(&h, &rows, ExportSource::Unknown, &Default::default()).unwrap();
        assert!(c.event.is_none());
    }

    #[test]
    fn tools_name_their_own_columns() {
        let h = headers(&["distinct_id", "person_id", "timestamp"]);
        let rows = records(&[&["anon-1", "p1", "2026-11-03"]]);
        let c = choose(&h, &rows, ExportSource::Posthog, &Default::default()).unwrap();
        assert_eq!(
            (c.user.header.as_str(), c.user.detected_by.as_str()),
            ("person_id", "source")
        );
        let h = headers(&["event_date", "event_timestamp", "user_pseudo_id", "user_id"]);
        let rows = records(&[&["20261103", "1793700000000000", "p1", ""]]);
        let c = choose(&h, &rows, ExportSource::Ga4, &Default::default()).unwrap();
        assert_eq!(
            (c.user.header.as_str(), c.time.header.as_str()),
            ("user_pseudo_id", "event_timestamp")
        );
    }
}
