//! Sessions: a user's events under one session id (the export's session
//! column: PostHog's `$session_id`, Amplitude's `session_id`, GA4's
//! `ga_session_id`), or, without one, a run of events with no gap longer
//! than the timeout (30 minutes, as Google Analytics and PostHog end a
//! session). A session lasts from its first event to its last, so a
//! one-event session lasts 0 minutes (PostHog's `$session_duration`).

use crate::events::activity;
use crate::events::user_events::{earlier, later, Event, NO_SESSION};
use crate::events::EventsAnalysis;
use crate::input::warning::Warning;
use serde::Serialize;

/// What the sessions were.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SessionsReport {
    /// `column` (the session ids given) or `gap` (a new session after `gapMinutes` without an event).
    #[cfg_attr(feature = "wasm", tsify(type = "\"column\" | \"gap\""))]
    pub defined_by: String,
    /// The inactivity that ends a session, when `definedBy` is `gap`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gap_minutes: Option<u32>,
    /// Sessions (up to the as-of day).
    pub count: u64,
    /// Median length, minutes (first to last event).
    pub median_minutes: f64,
    /// Mean length, minutes: `usageMetrics.sessionDuration`.
    pub mean_minutes: f64,
    /// Sessions per active user-day (`count` / the sum of the daily actives).
    pub per_active_user_day: f64,
    /// Sessions lasting more than a day (a session id reused, or an automated client); kept
    /// in the figures, and reported.
    pub longer_than_a_day: u64,
    /// Session ids seen with more than one user: each user's events under it are their own
    /// session.
    pub shared_ids: u64,
    /// Events without a session id (with a session column): in no session.
    pub events_without_session: u64,
}

/// Sessions counted over the users.
pub(crate) struct SessionTally {
    by_column: bool,
    gap_ms: f64,
    gap_minutes: u32,
    lengths_ms: Vec<f64>,
    longer_than_a_day: u64,
    without_session: u64,
    /// Who has each session id, to find the ids more than one user has.
    owners: Owners,
    /// The user at hand's sessions: (id, first, last time).
    spans: Vec<(u32, f64, f64)>,
}

/// What the session column holds, measured before the pass.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SessionIds {
    /// The largest id.
    pub(crate) max: u32,
    /// Events.
    pub(crate) events: usize,
    /// Runs of one id within a user's events: the sessions, when each
    /// session's events are together (as in time order); more otherwise.
    pub(crate) sessions: usize,
}

/// The users of each session id: a table indexed by id when the ids are
/// dense (numbered, as interned ids are), else the ids, one per user's
/// session, sorted at the end (an id there twice is two users').
enum Owners {
    Table { first: Vec<u32>, shared: u64 },
    Ids(Vec<u32>),
}

/// Not seen yet, and seen with more than one user, in [`Owners::Table`].
const UNSEEN: u32 = u32::MAX;
const SHARED: u32 = u32::MAX - 1;

impl Owners {
    fn add(&mut self, session: u32, user: u32) {
        match self {
            Owners::Table { first, shared } => {
                let owner = &mut first[session as usize];
                if *owner == UNSEEN {
                    *owner = user;
                } else if *owner != user && *owner != SHARED {
                    *owner = SHARED;
                    *shared += 1;
                }
            }
            Owners::Ids(ids) => ids.push(session),
        }
    }

    /// Session ids seen with more than one user.
    fn shared(self) -> u64 {
        match self {
            Owners::Table { shared, .. } => shared,
            Owners::Ids(ids) => {
                let ids = activity::radix_sort(ids, 0, 32);
                let mut shared = 0;
                for (i, w) in ids.windows(2).enumerate() {
                    // A second user's session under the same id, counted once per id.
                    shared += u64::from(w[0] == w[1] && (i == 0 || ids[i - 1] != w[0]));
                }
                shared
            }
        }
    }
}

const DAY_MS: f64 = 86_400_000.0;

impl SessionTally {
    /// `ids`: with a session column, the largest session id (ids below the
    /// number of events are counted in a table) and about how many sessions
    /// there are (room is made for them at once: growing by doubling would
    /// hold twice the memory).
    pub(crate) fn new(by_column: bool, gap_minutes: u32, ids: Option<SessionIds>) -> SessionTally {
        SessionTally {
            by_column,
            gap_ms: f64::from(gap_minutes) * 60_000.0,
            gap_minutes,
            lengths_ms: Vec::with_capacity(ids.map_or(0, |i| i.sessions)),
            longer_than_a_day: 0,
            without_session: 0,
            spans: Vec::new(),
            owners: match ids {
                Some(i) if (i.max as usize) < i.events + 1024 => Owners::Table {
                    first: vec![UNSEEN; i.max as usize + 1],
                    shared: 0,
                },
                _ => Owners::Ids(Vec::with_capacity(ids.map_or(0, |i| i.sessions))),
            },
        }
    }

    /// A user's sessions, from their events in time order.
    pub(crate) fn add_user(&mut self, user: u32, events: &[Event]) {
        if self.by_column {
            self.add_by_id(user, events);
            return;
        }
        let mut i = 0;
        while i < events.len() {
            let first = events[i].time_ms;
            let mut last = first;
            let mut j = i + 1;
            while j < events.len() && events[j].time_ms - last <= self.gap_ms {
                last = events[j].time_ms;
                j += 1;
            }
            self.add_session(last - first);
            i = j;
        }
    }

    /// A user's sessions by id, from their events in time order: each id's
    /// first and last time, kept in a short list (a user has few sessions),
    /// so the events need no other order.
    fn add_by_id(&mut self, user: u32, events: &[Event]) {
        self.spans.clear();
        // A bit per id seen (hashed): an id whose bit is clear is new, so
        // the list is searched only on a likely repeat, not for every
        // session of a user with many.
        let mut seen = 0u64;
        for e in events {
            if e.session == NO_SESSION {
                self.without_session += 1;
                continue;
            }
            let bit = 1u64 << (e.session.wrapping_mul(0x9E37_79B1) >> 26);
            // Mostly the session of the event before.
            let span = match self.spans.last_mut() {
                Some(span) if span.0 == e.session => Some(span),
                _ if seen & bit == 0 => None,
                _ => self.spans.iter_mut().find(|s| s.0 == e.session),
            };
            seen |= bit;
            match span {
                Some(span) => {
                    span.1 = earlier(span.1, e.time_ms);
                    span.2 = later(span.2, e.time_ms);
                }
                None => self.spans.push((e.session, e.time_ms, e.time_ms)),
            }
        }
        for i in 0..self.spans.len() {
            let (session, first, last) = self.spans[i];
            self.owners.add(session, user);
            self.add_session(last - first);
        }
    }

    fn add_session(&mut self, length: f64) {
        self.longer_than_a_day += u64::from(length > DAY_MS);
        self.lengths_ms.push(length);
    }

    /// The figures; `active_user_days` is the sum of the daily actives.
    pub(crate) fn finish(
        self,
        active_user_days: u64,
        warnings: &mut Vec<Warning>,
    ) -> SessionsReport {
        SessionFigures {
            by_column: self.by_column,
            gap_minutes: self.gap_minutes,
            count: self.lengths_ms.len() as u64,
            total_ms: self.lengths_ms.iter().sum::<f64>(),
            median_ms: median(self.lengths_ms),
            longer_than_a_day: self.longer_than_a_day,
            shared_ids: self.owners.shared(),
            without_session: self.without_session,
        }
        .report(active_user_days, warnings)
    }
}

/// What the sessions come to, however they were counted (here, or by the
/// warehouse statements from a histogram of lengths).
pub(crate) struct SessionFigures {
    pub(crate) by_column: bool,
    pub(crate) gap_minutes: u32,
    pub(crate) count: u64,
    /// The lengths' sum, ms.
    pub(crate) total_ms: f64,
    /// The lengths' median, ms (none without sessions).
    pub(crate) median_ms: Option<f64>,
    pub(crate) longer_than_a_day: u64,
    pub(crate) shared_ids: u64,
    pub(crate) without_session: u64,
}

impl SessionFigures {
    /// The report and its warnings; `active_user_days` is the sum of the daily actives.
    pub(crate) fn report(
        self,
        active_user_days: u64,
        warnings: &mut Vec<Warning>,
    ) -> SessionsReport {
        let count = self.count;
        let minutes = |ms: f64| ms / 60_000.0;
        let mean = if count > 0 {
            minutes(self.total_ms / count as f64)
        } else {
            0.0
        };
        let shared = self.shared_ids;
        if shared > 0 {
            warnings.push(Warning::new(
                "session_id_shared",
                "sessionIds",
                format!(
                    "{} session ids were seen with more than one user; each user's events under such an id were counted as their own session (GA4's ga_session_id is only unique per user).",
                    shared
                ),
            ));
        }
        if self.longer_than_a_day > 0 {
            warnings.push(Warning::new(
                "long_sessions",
                if self.by_column { "sessionIds" } else { "options.sessionGapMinutes" },
                format!(
                    "{} sessions last more than a day (a reused session id, or an automated client); they are kept in the session figures.",
                    self.longer_than_a_day
                ),
            ));
        }
        SessionsReport {
            defined_by: if self.by_column { "column" } else { "gap" }.to_string(),
            gap_minutes: (!self.by_column).then_some(self.gap_minutes),
            count,
            median_minutes: self.median_ms.map_or(0.0, minutes),
            mean_minutes: mean,
            per_active_user_day: if active_user_days > 0 {
                count as f64 / active_user_days as f64
            } else {
                0.0
            },
            longer_than_a_day: self.longer_than_a_day,
            shared_ids: shared,
            events_without_session: self.without_session,
        }
    }
}

/// Puts the sessions in the analysis: the report, and its mean length as
/// `usageMetrics.sessionDuration` when there are any.
pub(crate) fn set_sessions(analysis: &mut EventsAnalysis, sessions: SessionsReport) {
    if sessions.count > 0 {
        analysis.usage_metrics.session_duration = Some(sessions.mean_minutes);
    }
    analysis.sessions = Some(sessions);
}

/// The median (the mean of the two middle values for an even count).
fn median(mut values: Vec<f64>) -> Option<f64> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let (lower, upper, _) = values.select_nth_unstable_by(n / 2, f64::total_cmp);
    let upper = *upper;
    if n % 2 == 1 {
        return Some(upper);
    }
    let below = lower.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Some((below + upper) / 2.0)
}
