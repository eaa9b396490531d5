//! Usage analysis from raw events (a user id and a timestamp per event):
//! daily actives and new users, trailing WAU and MAU, stickiness, the L28
//! power-user curve, cohort retention and growth accounting; and, when the
//! events have names or session ids ([`analyze_event_columns`]), feature
//! adoption and usage, activation, sessions and retention by events.
//!
//! Events may come in any order. They are reduced to the distinct
//! (user, local day) pairs by a radix sort, then one pass over each user's
//! days fills every table, so work is linear in the events.
//!
//! ```
//! use market_validation::events::{analyze_events, EventsConfig};
//! let day = 86_400_000.0;
//! // User 1 on days 0 and 1, user 2 on day 1 (UTC).
//! let users = [1, 1, 2];
//! let times = [0.5 * day, 1.5 * day, 1.2 * day];
//! let r = analyze_events(&users, &times, &EventsConfig::default()).unwrap();
//! assert_eq!(r.daily.iter().map(|d| d.active).collect::<Vec<_>>(), vec![1, 2]);
//! assert_eq!(r.daily.iter().map(|d| d.new_users).collect::<Vec<_>>(), vec![1, 1]);
//! ```

mod activation;
pub(crate) mod activity;
mod behaviour;
mod cohort_cells;
mod columns;
mod config;
mod csv_input;
mod elapsed;
mod features;
mod identity;
mod model;
pub(crate) mod names;
mod options;
mod prepare;
mod report;
mod result;
mod returning;
mod sessions;
mod signups;
mod tables;
pub mod timestamp;
mod user_events;

pub use activation::{Activation, ActivationPoint};
pub use config::{
    EventsConfig, Period, Window, BOOKKEEPING_EVENTS, DEFAULT_ACTIVATION_WINDOW_DAYS,
    DEFAULT_SESSION_GAP_MINUTES,
};
pub use csv_input::{
    analyze_events_csv, detect_columns, read_events_export, Columns, EventsCsvAnalysis,
    EventsExport, EventsExportRead,
};
pub use features::{AdopterRetention, FeatureUse, RetainedShare, TimeToEvent};
pub use identity::IdentityReport;
pub use names::{EventNames, MAX_EVENT_NAMES};
pub use options::{EventAlias, EventColumnNames, EventsOptions};
pub use report::FLAT_DECLINE;
pub use result::*;
pub use sessions::SessionsReport;

use crate::input::problem::{InputError, Problem};
#[cfg(feature = "warehouse")]
pub(crate) use config::period_of;
#[cfg(feature = "warehouse")]
pub(crate) use elapsed::ElapsedCohorts;
#[cfg(feature = "wasm")]
pub(crate) use prepare::check_lengths;
use prepare::{prepare, Prepared};
// The warehouse fills the same tables from SQL results and builds the same result.
#[cfg(feature = "warehouse")]
pub(crate) use report::build as build_report;
#[cfg(feature = "warehouse")]
pub(crate) use sessions::{set_sessions, SessionFigures};
// And the features and activation from their counts, by the same code.
use signups::SignupTimes;
pub(crate) use tables::Tables;
#[cfg(feature = "warehouse")]
pub(crate) use {
    activation::{activation_name, report as activation_report},
    behaviour::add_usage,
    features::{report as features_report, Everyone, SlotFigures, SortedTimes},
    names::resolve as resolve_names,
    report::retention_point,
};

/// Most events analysed in one call: 10 million events take a few hundred
/// megabytes while they are sorted; more would risk a browser tab's memory.
pub const MAX_EVENTS: usize = 50_000_000;
/// Latest timestamp accepted: 2100-01-01T00:00:00Z, in ms.
pub const MAX_TIMESTAMP_MS: f64 = 4_102_444_800_000.0;
/// Most cells in the cohort triangle (a cohort per period, a cell per
/// period since): `p (p + 1) / 2` for `p` periods, so at most 893 periods,
/// about two and a half years of daily cohorts. The result, and the work
/// done per cell and per cohort, grow with it.
pub const MAX_COHORT_CELLS: u64 = 400_000;
/// Days of activity in the L28 window for a user to count as a power user,
/// unless options say otherwise: at least every other day.
pub const DEFAULT_POWER_USER_DAYS: u32 = 14;

/// Signup times, one per user: when given, a user is new on the day they
/// signed up (not on their first event), cohorts are signup cohorts, and
/// users who signed up but never came back count in their cohort.
#[derive(Debug, Clone, Copy)]
pub struct Signups<'a> {
    /// User ids, from the same id space as the events'.
    pub user_ids: &'a [u32],
    /// Signup times, milliseconds since the epoch (UTC), one per user id.
    pub timestamps_ms: &'a [f64],
}

/// Analyses events given as parallel arrays of user ids and timestamps
/// (milliseconds since the epoch, UTC). A user is new on the day of their
/// first event; see [`analyze_events_with_signups`] for signup times.
pub fn analyze_events(
    user_ids: &[u32],
    timestamps_ms: &[f64],
    config: &EventsConfig,
) -> Result<EventsAnalysis, InputError> {
    prepare::validate(user_ids, timestamps_ms, None)?;
    let prepared = prepare(user_ids, timestamps_ms, None, config, true)?;
    Ok(finish(prepared, None, config).0)
}

/// [`analyze_events`] with a signup time per user defining who is new.
///
/// ```
/// use market_validation::events::{analyze_events_with_signups, EventsConfig, Signups};
/// let day = 86_400_000.0;
/// // User 1 signed up on day 0 and came back on day 2; user 2 signed up on
/// // day 1 and never used the product; user 3 (no signup time) was active on day 0.
/// let signups = Signups { user_ids: &[1, 2], timestamps_ms: &[0.1 * day, 1.1 * day] };
/// let r = analyze_events_with_signups(&[1, 3], &[2.5 * day, 0.5 * day], &signups, &EventsConfig::default()).unwrap();
/// assert_eq!(r.daily.iter().map(|d| d.new_users).collect::<Vec<_>>(), vec![2, 1, 0]);
/// assert_eq!(r.new_users_defined_by, "signup");
/// ```
///
/// The analysed days still start at the first event: users who signed up
/// before it are counted (`signups.beforeData`) but are in no cohort and are
/// never new.
pub fn analyze_events_with_signups(
    user_ids: &[u32],
    timestamps_ms: &[f64],
    signups: &Signups,
    config: &EventsConfig,
) -> Result<EventsAnalysis, InputError> {
    prepare::validate(user_ids, timestamps_ms, Some(signups))?;
    let prepared = prepare(user_ids, timestamps_ms, Some(signups), config, true)?;
    Ok(finish(prepared, None, config).0)
}

/// [`analyze_events`] taking the arrays by value: they are freed as soon as
/// the per-event keys are built, so the sort can reuse their memory (in wasm,
/// whose memory never shrinks, this keeps the peak near the size of the
/// input arrays plus the keys).
pub fn analyze_events_owned(
    user_ids: Vec<u32>,
    timestamps_ms: Vec<f64>,
    signups: Option<&Signups>,
    config: &EventsConfig,
) -> Result<EventsAnalysis, InputError> {
    let columns = EventColumns {
        user_ids,
        timestamps_ms,
        names: None,
        session_ids: None,
    };
    analyze_event_columns(columns, signups, config)
}

/// The events as columns: a user id and a time per event, and optionally
/// the event's name (dictionary-encoded) and its session id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventColumns {
    /// User ids.
    pub user_ids: Vec<u32>,
    /// Times, milliseconds since the epoch (UTC).
    pub timestamps_ms: Vec<f64>,
    /// Event names, one code per event.
    pub names: Option<EventNames>,
    /// Session ids, one per event (`u32::MAX`: none); a session is one user's events under
    /// one id.
    pub session_ids: Option<Vec<u32>>,
}

/// [`analyze_events`] with what event names and sessions tell: events that
/// are not activity left out (`config.ignore_events`), feature adoption and
/// usage, activation (`config.activation_event`) and sessions.
///
/// ```
/// use market_validation::events::{analyze_event_columns, EventColumns, EventNames, EventsConfig};
/// let day = 86_400_000.0;
/// let columns = EventColumns {
///     user_ids: vec![1, 1, 2, 2],
///     timestamps_ms: vec![0.1 * day, 1.5 * day, 0.2 * day, 0.2 * day + 60_000.0],
///     names: Some(EventNames {
///         codes: vec![0, 1, 0, 2],
///         dictionary: vec!["signed_up".into(), "project_created".into(), "$identify".into()],
///     }),
///     session_ids: None,
/// };
/// let config = EventsConfig {
///     activation_event: Some("project_created".into()),
///     activation_window_days: 1,
///     ..EventsConfig::default()
/// };
/// let r = analyze_event_columns(columns, None, &config).unwrap();
/// let activation = r.activation.unwrap();
/// // User 1 created a project 1.4 days after starting: not within 1 day.
/// assert_eq!((activation.eligible, activation.activated), (2, 0));
/// assert_eq!(r.ignored_events.unwrap().count, 1);
/// assert_eq!(r.sessions.unwrap().count, 3);
/// ```
pub fn analyze_event_columns(
    columns: EventColumns,
    signups: Option<&Signups>,
    config: &EventsConfig,
) -> Result<EventsAnalysis, InputError> {
    let EventColumns {
        user_ids,
        timestamps_ms,
        names,
        session_ids,
    } = columns;
    // Checked before events are left out, so problems name the caller's indices.
    prepare::validate(&user_ids, &timestamps_ms, signups)?;
    check_columns(
        &user_ids,
        &timestamps_ms,
        names.as_ref(),
        session_ids.as_deref(),
        config,
    )?;
    let mut columns = behaviour::Columns {
        user_ids,
        timestamps_ms,
        slots: None,
        sessions: session_ids,
    };
    let (resolved, ignored) = match names {
        Some(names) => {
            let (resolved, ignored) = with_slots(names, &mut columns, config)?;
            (Some(resolved), Some(ignored))
        }
        None => (None, None),
    };
    if columns.timestamps_ms.is_empty() && ignored.as_ref().is_some_and(|i| i.count > 0) {
        return Err(InputError::new(
            "events",
            vec![Problem::new(
                "eventNames",
                "only events that are not activity",
                "at least one event a user did (not only identity and bookkeeping events)",
            )
            .with_hint(Some("set options.ignoreEvents to [] to count them".into()))],
        ));
    }
    let by_user = resolved.is_some() || columns.sessions.is_some();
    let prepared = prepare(
        &columns.user_ids,
        &columns.timestamps_ms,
        signups,
        config,
        !by_user,
    )?;
    if !by_user {
        // Only the daily tables: the arrays go before the keys are sorted.
        drop(columns);
        return Ok(finish(prepared, None, config).0);
    }
    if prepared.after > 0 {
        let (offset, as_of) = (config.utc_offset_minutes, prepared.as_of);
        columns.retain(|t, _| crate::calendar::local_day(t, offset) <= as_of);
    }
    // The events grouped by user once: the daily tables and the pass over
    // names and sessions both read them.
    let grouped = behaviour::group_by_user(columns);
    let (first_day, as_of) = (prepared.first_day, prepared.as_of);
    let (mut analysis, signup_times) = finish(prepared, Some(&grouped), config);
    analysis.ignored_events = ignored;
    let resolved = resolved.unwrap_or_default();
    let frame = behaviour::Frame {
        config,
        first_day,
        as_of,
        horizon: report::retention_point(&analysis.cohorts.mean, config.period).map(|p| p.offset),
        active_user_days: analysis.daily.iter().map(|d| d.active).sum(),
        users: analysis.users,
    };
    let found = behaviour::analyse(grouped, &resolved, signup_times.as_ref(), &frame);
    behaviour::add_to(found, &mut analysis, &resolved, config);
    Ok(analysis)
}

/// Resolves the names against the options, turns each event's code into its
/// name's slot and leaves out the events that are not activity, counted.
fn with_slots(
    names: EventNames,
    columns: &mut behaviour::Columns,
    config: &EventsConfig,
) -> Result<(names::ResolvedNames, IgnoredEvents), InputError> {
    let EventNames { codes, dictionary } = names;
    let mut per_code = vec![0u64; dictionary.len()];
    codes.iter().for_each(|&c| per_code[c as usize] += 1);
    let resolved = names::resolve(&dictionary, &per_code, config)?;
    let ignored: Vec<u64> = per_code
        .iter()
        .zip(&resolved.slot_of_code)
        .map(|(&n, &slot)| if slot == names::IGNORED { n } else { 0 })
        .collect();
    // In place: in wasm a new array beside the old one would leave a hole
    // that later arrays do not fit.
    let mut slots = codes;
    slots
        .iter_mut()
        .for_each(|c| *c = resolved.slot_of_code[*c as usize]);
    columns.slots = Some(slots);
    if ignored.iter().any(|&n| n > 0) {
        columns.retain(|_, slot| slot != names::IGNORED);
    }
    let report = ignored_report(&ignored, &dictionary, &resolved, config);
    Ok((resolved, report))
}

/// The columns checked as `analyze_event_columns` checks them (ids and
/// times, then names and sessions against them), for other readers of the
/// same events (the launch review).
#[cfg(feature = "launch")]
pub(crate) fn check_event_columns(columns: &EventColumns) -> Result<(), InputError> {
    prepare::validate(&columns.user_ids, &columns.timestamps_ms, None)?;
    check_columns(
        &columns.user_ids,
        &columns.timestamps_ms,
        columns.names.as_ref(),
        columns.session_ids.as_deref(),
        &EventsConfig::default(),
    )
}

/// The name and session columns against the ids, and options that need
/// names; every problem at once.
fn check_columns(
    user_ids: &[u32],
    timestamps_ms: &[f64],
    names: Option<&EventNames>,
    session_ids: Option<&[u32]>,
    config: &EventsConfig,
) -> Result<(), InputError> {
    let mut problems = Vec::new();
    let n = user_ids.len().min(timestamps_ms.len());
    if let Some(names) = names {
        if names.codes.len() != n {
            problems.push(Problem::new(
                "eventNames",
                format!("{} event names for {n} events", names.codes.len()),
                "one event name per user id (arrays of the same length)",
            ));
        }
        names::check_codes("eventNames", names, &mut problems);
    } else {
        let needs = [
            ("options.activationEvent", config.activation_event.is_some()),
            ("options.features", !config.features.is_empty()),
            ("options.startEvent", config.start_event.is_some()),
            ("options.returnEvent", config.return_event.is_some()),
        ];
        for (path, given) in needs {
            if given {
                problems.push(
                    Problem::new(path, "given without event names", "event names beside the events")
                        .with_hint(Some("pass eventNames: analyzeEvents({ userIds, timestamps, eventNames }, options)".into())),
                );
            }
        }
    }
    if let Some(s) = session_ids {
        if s.len() != n {
            problems.push(Problem::new(
                "sessionIds",
                format!("{} session ids for {n} events", s.len()),
                "one session id per user id (arrays of the same length)",
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(InputError::new("events", problems))
    }
}

/// The events left out, by name.
fn ignored_report(
    per_code: &[u64],
    dictionary: &[String],
    names: &names::ResolvedNames,
    config: &EventsConfig,
) -> IgnoredEvents {
    let mut by_name = std::collections::BTreeMap::new();
    for (code, &n) in per_code.iter().enumerate() {
        if n > 0 && names.ignored_name_of_code[code].is_some() {
            *by_name
                .entry(dictionary[code].trim().to_string())
                .or_insert(0) += n;
        }
    }
    IgnoredEvents {
        count: per_code.iter().sum(),
        by_name,
        names: config.ignore_events.clone(),
    }
}

/// The second stage: each user's days (with their signup time, merged in
/// user order) added to the tables. The days come from the events grouped
/// by user when they are (`grouped`), else from the keys, sorted and made
/// distinct. The signup times are handed back for the pass over event names.
fn finish(
    prepared: Prepared,
    grouped: Option<&behaviour::Grouped>,
    config: &EventsConfig,
) -> (EventsAnalysis, Option<SignupTimes>) {
    let Prepared {
        keys,
        layout,
        key_bits,
        first_day,
        as_of,
        events,
        after,
        elapsed,
        signups,
    } = prepared;
    let mut report = Tables::new(first_day, as_of, config);
    report.elapsed = elapsed;
    report.signups = signups.as_ref().map(|s| SignupSummary {
        users: s.by_user.len() as u64,
        conflicting: s.conflicting,
        ..SignupSummary::default()
    });
    let mut walk = signups::SignupWalk::new(signups.as_ref());
    match grouped {
        Some(g) => g.fill_tables(&mut report, &mut walk, config.utc_offset_minutes),
        None => {
            let pairs = activity::sort_unique(keys, key_bits);
            // One buffer for every user's days: no allocation per user.
            let mut days: Vec<i64> = Vec::new();
            let mut start = 0;
            while start < pairs.len() {
                let user = layout.user(pairs[start]);
                let mut end = start;
                while end < pairs.len() && layout.user(pairs[end]) == user {
                    end += 1;
                }
                days.clear();
                days.extend(
                    pairs[start..end]
                        .iter()
                        .map(|k| first_day + layout.day(*k) as i64),
                );
                let signup = walk.until(user, |_, t| report.add_user(&[], Some(t)));
                report.add_user(&days, signup);
                start = end;
            }
        }
    }
    walk.finish(|_, t| report.add_user(&[], Some(t)));
    (report::build(report, events, after), signups)
}
