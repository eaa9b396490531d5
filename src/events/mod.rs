//! Usage analysis from raw events (a user id and a timestamp per event):
//! daily actives and new users, trailing WAU and MAU, stickiness, the L28
//! power-user curve, cohort retention and growth accounting.
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

pub(crate) mod activity;
mod columns;
mod config;
mod csv_input;
mod elapsed;
mod identity;
mod options;
mod prepare;
mod report;
mod result;
mod signups;
mod tables;
pub mod timestamp;

pub use config::{EventsConfig, Period, Window, BOOKKEEPING_EVENTS};
pub use csv_input::{
    analyze_events_csv, detect_columns, Columns, EventsCsvAnalysis, IgnoredEvents,
};
pub use identity::IdentityReport;
pub use options::{EventAlias, EventColumnNames, EventsOptions};
pub use report::FLAT_DECLINE;
pub use result::*;

use crate::input::problem::InputError;
#[cfg(feature = "wasm")]
pub(crate) use prepare::check_lengths;
use prepare::{prepare, Prepared};
use tables::Tables;

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
    let prepared = prepare(user_ids, timestamps_ms, None, config)?;
    finish(prepared, config)
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
    let prepared = prepare(user_ids, timestamps_ms, Some(signups), config)?;
    finish(prepared, config)
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
    let prepared = prepare(&user_ids, &timestamps_ms, signups, config)?;
    drop(user_ids);
    drop(timestamps_ms);
    finish(prepared, config)
}

/// The second stage: the keys sorted and made distinct, then each user's
/// days (with their signup time, merged in user order) added to the tables.
fn finish(prepared: Prepared, config: &EventsConfig) -> Result<EventsAnalysis, InputError> {
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
    let pairs = activity::sort_unique(keys, key_bits);
    let mut report = Tables::new(first_day, as_of, config);
    report.elapsed = elapsed;
    // Signups are merged in user order: users with a signup but no event
    // are added between the users with events.
    let mut signup_list: &[(u32, f64)] = &[];
    if let Some(s) = &signups {
        report.signups = Some(SignupSummary {
            users: s.by_user.len() as u64,
            conflicting: s.conflicting,
            ..SignupSummary::default()
        });
        signup_list = &s.by_user;
    }
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
        while let Some((&(u, t), rest)) = signup_list.split_first() {
            if u >= user {
                break;
            }
            report.add_user(&[], Some(t));
            signup_list = rest;
        }
        let signup = match signup_list.split_first() {
            Some((&(u, t), rest)) if u == user => {
                signup_list = rest;
                Some(t)
            }
            _ => None,
        };
        report.add_user(&days, signup);
        start = end;
    }
    for &(_, t) in signup_list {
        report.add_user(&[], Some(t));
    }
    Ok(report::build(report, events, after))
}
