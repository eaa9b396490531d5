//! The new features' use, from usage events with names: among the users
//! active in the 30 days from the launch day, those who did one of a new
//! feature's events in them (the original's "customer adoption within 30
//! days"); and among the users active in the 28 days ending on the review
//! day, those who did one in those days (feature usage, as `analyzeEvents`
//! reads usage). Days are UTC. Identity and bookkeeping events
//! (`$identify`, ..., as `analyzeEvents` leaves out by default) are not
//! activity.

use super::options::{ReviewOptions, MAX_REVIEWED_FEATURES};
use crate::calendar::MS_PER_DAY;
use crate::events::activity::radix_sort;
use crate::events::{check_event_columns, EventColumns, EventsExportRead, BOOKKEEPING_EVENTS};
use crate::input::problem::{InputError, Problem};
use crate::input::suggest::did_you_mean;

/// The days from the launch day adoption is counted over (the original's
/// "within 30 days").
pub const ADOPTION_WINDOW_DAYS: i64 = 30;
/// Days the usage is read over, ending on the review day (as `usage` in `analyzeEvents`).
const RECENT_DAYS: i64 = 28;

/// What the events say of the new features.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Usage {
    /// Users active in the 30 days from the launch day, and those of them who used a new feature.
    pub window_active: u64,
    pub window_adopters: u64,
    /// Per feature (in `featureEvents` order): its users in those 30 days.
    pub per_feature: Vec<(String, u64)>,
    /// Users active in the 28 days ending on the review day, and those who used a new feature in them.
    pub recent_active: u64,
    pub recent_users: u64,
    /// The last day with an event (UTC), when there are events.
    pub last_day: Option<i64>,
    /// Named events that never occur, each with the closest name that does.
    pub absent: Vec<(String, Option<String>)>,
}

/// The error for an events file without an event name column: the
/// features' use is read from the names.
pub(crate) fn no_event_column(read: &EventsExportRead) -> InputError {
    InputError::new(
        "launch review events",
        vec![Problem::new(
            "options.eventsOptions.columns.event",
            format!(
                "nothing (the export's columns read: user \"{}\", time \"{}\"; none found holding event names)",
                read.user_column.header, read.time_column.header
            ),
            "the column of event names: which events are a new feature's is read from them",
        )],
    )
}

/// Counts the users; an error when the events have no names, no feature's
/// events are named, or none of the named events occurs at all.
pub(crate) fn measure(
    events: &EventColumns,
    options: &ReviewOptions,
    launched: i64,
) -> Result<Usage, InputError> {
    check_event_columns(events)?;
    let problem = |path: &str, value: &str, expected: &str| {
        InputError::new(
            "launch review events",
            vec![Problem::new(path, value, expected)],
        )
    };
    let Some(names) = &events.names else {
        return Err(problem(
            "options.events.eventNames",
            "nothing",
            "event names: which events are a new feature's is read from them",
        ));
    };
    if options.feature_events.is_empty() {
        return Err(problem(
            "options.featureEvents",
            "nothing",
            "each new feature's event names ({ feature_1: [\"report_exported\"] }), to tell its use",
        ));
    }
    // Per dictionary code: activity or not, and the features it is (a bit each, up to 64).
    let bookkeeping: Vec<bool> = names
        .dictionary
        .iter()
        .map(|n| BOOKKEEPING_EVENTS.contains(&n.as_str()))
        .collect();
    let mut feature_bits = vec![0u64; names.dictionary.len()];
    let mut absent = Vec::new();
    let mut any_found = false;
    // The reader allows at most 64 features: one bit each.
    for (f, (_, wanted)) in options
        .feature_events
        .iter()
        .enumerate()
        .take(MAX_REVIEWED_FEATURES)
    {
        for name in wanted {
            let mut found = false;
            for (code, n) in names.dictionary.iter().enumerate() {
                if n == name {
                    feature_bits[code] |= 1 << f;
                    found = true;
                }
            }
            if !found {
                let closest = did_you_mean(name, names.dictionary.iter().map(String::as_str));
                absent.push((name.clone(), closest.map(str::to_string)));
            }
            any_found |= found;
        }
    }
    if !any_found {
        let (name, closest) = absent.first().cloned().unwrap_or_default();
        let hint = closest.map(|c| format!("did you mean \"{c}\"?"));
        return Err(InputError::new(
            "launch review events",
            vec![Problem::new(
                "options.featureEvents",
                format!("\"{name}\" and the other named events, none of which occurs"),
                "names of events in the data (options.events)",
            )
            .with_hint(hint)],
        ));
    }
    let features = options.feature_events.len().min(MAX_REVIEWED_FEATURES);
    let window = (
        launched as f64 * MS_PER_DAY,
        (launched + ADOPTION_WINDOW_DAYS) as f64 * MS_PER_DAY,
    );
    let recent = (
        (options.as_of - RECENT_DAYS + 1) as f64 * MS_PER_DAY,
        (options.as_of + 1) as f64 * MS_PER_DAY,
    );
    let (mut window_active, mut window_adopters, mut recent_active, mut recent_users) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut per_feature: Vec<Vec<u32>> = vec![Vec::new(); features];
    let mut last_ms = f64::NEG_INFINITY;
    for ((&user, &t), &code) in events
        .user_ids
        .iter()
        .zip(&events.timestamps_ms)
        .zip(&names.codes)
    {
        let code = code as usize;
        if bookkeeping.get(code).copied().unwrap_or(true) {
            continue;
        }
        last_ms = last_ms.max(t);
        let bits = feature_bits.get(code).copied().unwrap_or(0);
        if (window.0..window.1).contains(&t) {
            window_active.push(user);
            if bits != 0 {
                window_adopters.push(user);
                for (f, users) in per_feature.iter_mut().enumerate() {
                    if bits & (1 << f) != 0 {
                        users.push(user);
                    }
                }
            }
        }
        if (recent.0..recent.1).contains(&t) {
            recent_active.push(user);
            if bits != 0 {
                recent_users.push(user);
            }
        }
    }
    Ok(Usage {
        window_active: distinct(window_active),
        window_adopters: distinct(window_adopters),
        per_feature: options
            .feature_events
            .iter()
            .zip(per_feature)
            .map(|((f, _), users)| (f.clone(), distinct(users)))
            .collect(),
        recent_active: distinct(recent_active),
        recent_users: distinct(recent_users),
        last_day: last_ms
            .is_finite()
            .then(|| (last_ms / MS_PER_DAY).floor() as i64),
        absent,
    })
}

/// How many distinct ids.
fn distinct(ids: Vec<u32>) -> u64 {
    let mut ids = radix_sort(ids, 0, 32);
    ids.dedup();
    ids.len() as u64
}
