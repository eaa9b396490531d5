//! What users did, from the event names and sessions. The events are
//! grouped by user once (a counting sort for dense ids, a radix sort for
//! sparse ones, so the work is linear); the daily tables are filled from the
//! groups, then one pass over each user's events fills the feature,
//! activation and session tallies together, at the horizon of the tables'
//! cohorts. With `startEvent` or `returnEvent`, a pass before it counts the
//! retention cohorts by those events, whose horizon is used instead.

use crate::calendar::{local_day, MS_PER_DAY};
use crate::events::activation::{Activation, ActivationTally};
use crate::events::activity;
use crate::events::config::{period_of, period_start_day, EventsConfig, Period, Window};
use crate::events::features::{FeatureTally, FeatureUse};
use crate::events::names::ResolvedNames;
use crate::events::report::{retention_point, set_retention};
use crate::events::result::{Cohorts, EventsAnalysis};
use crate::events::returning::ReturnTally;
use crate::events::sessions::{SessionIds, SessionTally, SessionsReport};
use crate::events::signups::{SignupTimes, SignupWalk};
use crate::events::tables::Tables;
use crate::events::user_events::{earlier, Event, UserView, Windows, NO_SESSION};
use crate::input::warning::Warning;

/// The events' columns the pass reads, taken by value so each can be let
/// go once grouped: slots (names resolved, activity only) and sessions are
/// optional.
pub(crate) struct Columns {
    pub(crate) user_ids: Vec<u32>,
    pub(crate) timestamps_ms: Vec<f64>,
    pub(crate) slots: Option<Vec<u32>>,
    pub(crate) sessions: Option<Vec<u32>>,
}

/// The events up to the as-of day grouped by user: each column reordered so
/// that a user's events are one run, in time order.
pub(crate) struct Grouped {
    /// Each user with events, in id order, and where their run ends.
    runs: Vec<(u32, u32)>,
    times: Vec<f64>,
    tags: Tags,
}

/// Where the analysed days, cohorts and horizon are.
pub(crate) struct Frame<'c> {
    pub(crate) config: &'c EventsConfig,
    pub(crate) first_day: i64,
    pub(crate) as_of: i64,
    /// Periods after the cohort's at which the activity cohorts' retention is read.
    pub(crate) horizon: Option<u32>,
    /// The sum of the daily actives.
    pub(crate) active_user_days: u64,
    /// Users with events (the adoption rates' denominator).
    pub(crate) users: u64,
}

/// What the pass found.
pub(crate) struct Behaviour {
    pub(crate) features: Vec<FeatureUse>,
    pub(crate) activation: Option<Activation>,
    pub(crate) sessions: SessionsReport,
    /// The cohorts by start and return events, when asked for.
    pub(crate) cohorts: Option<Cohorts>,
    pub(crate) warnings: Vec<Warning>,
}

/// The passes over each user's events, up to the as-of day.
pub(crate) fn analyse(
    grouped: Grouped,
    names: &ResolvedNames,
    signups: Option<&SignupTimes>,
    frame: &Frame,
) -> Behaviour {
    let c = frame.config;
    let has_names = grouped.tags.has_slots();
    let by_column = grouped.tags.has_sessions();
    let by_events = names.start.is_some() || names.returning.is_some();
    let users = Users {
        grouped: &grouped,
        names,
        signups,
        frame,
    };
    // Retention by events first: its horizon is where the features' is read.
    let (cohorts, horizon) = if by_events {
        let mut tally = ReturnTally::new(c, frame.first_day, frame.as_of);
        users.each(None, |view, events| tally.add_user(view, events));
        let cohorts = tally.finish();
        let horizon = retention_point(&cohorts.mean, c.period).map(|p| p.offset);
        (Some(cohorts), horizon)
    } else {
        (None, frame.horizon)
    };
    let mut features = FeatureTally::new(names.slots());
    let mut activation = names
        .activation
        .map(|slot| ActivationTally::new(slot, c.activation_window_days, names));
    let ids = by_column.then(|| grouped.session_ids());
    let mut sessions = SessionTally::new(by_column, c.session_gap_minutes, ids);
    users.each(horizon, |view, events| {
        // Without names there is nothing to adopt or activate: sessions only.
        if has_names {
            features.add_user(view, events, names);
            if let Some(a) = &mut activation {
                a.add_user(view, events);
            }
        }
        if !events.is_empty() {
            sessions.add_user(view.user, events);
        }
    });
    drop(grouped);
    let mut warnings = Vec::new();
    let features = features.finish(names, frame.users, horizon);
    let activation = activation.map(|a| a.finish(names));
    let sessions = sessions.finish(frame.active_user_days, &mut warnings);
    Behaviour {
        features,
        activation,
        sessions,
        cohorts,
        warnings,
    }
}

impl Columns {
    /// Keeps the events `keep(time, slot)` accepts, in place and in order.
    pub(crate) fn retain(&mut self, keep: impl Fn(f64, u32) -> bool) {
        let mut kept = 0;
        for i in 0..self.timestamps_ms.len() {
            let slot = self.slots.as_ref().map_or(0, |s| s[i]);
            if !keep(self.timestamps_ms[i], slot) {
                continue;
            }
            self.user_ids[kept] = self.user_ids[i];
            self.timestamps_ms[kept] = self.timestamps_ms[i];
            for column in [&mut self.slots, &mut self.sessions].into_iter().flatten() {
                column[kept] = column[i];
            }
            kept += 1;
        }
        self.user_ids.truncate(kept);
        self.timestamps_ms.truncate(kept);
        for column in [&mut self.slots, &mut self.sessions].into_iter().flatten() {
            column.truncate(kept);
        }
    }
}

/// Groups the events by user. When the ids are dense (below the number of
/// events, as interned ids are) a counting sort places each column's values
/// straight into their user's run, one column at a time, each original let
/// go once placed: the peak stays near the columns' size and the writes go
/// where they belong without an index in between. Sparse ids are sorted as
/// (user, index) keys by a radix sort, then each column gathered. Slots and
/// sessions move as one column when both are given (each event's move is a
/// random access, the grouping's main cost). Each run is then put in time
/// order (equal times as the grouping left them), whatever order the events
/// came in.
pub(crate) fn group_by_user(columns: Columns) -> Grouped {
    let Columns {
        user_ids,
        timestamps_ms,
        slots,
        sessions,
    } = columns;
    let tags = Tags::of(slots, sessions);
    let max_id = user_ids.iter().copied().max().unwrap_or(0) as usize;
    let mut runs: Vec<(u32, u32)> = Vec::new();
    if max_id < user_ids.len() + 1024 {
        let mut starts = vec![0u32; max_id + 1];
        for &u in &user_ids {
            starts[u as usize] += 1;
        }
        // Each user's first position, and their run's end.
        let mut end = 0u32;
        for (u, c) in starts.iter_mut().enumerate() {
            if *c > 0 {
                let start = end;
                end += *c;
                runs.push((u as u32, end));
                *c = start;
            }
        }
        let mut tags = tags.map(
            |c| place(&user_ids, &starts, c),
            |c| place(&user_ids, &starts, c),
        );
        let mut times = place(&user_ids, &starts, timestamps_ms);
        tags.order_runs(&runs, &mut times);
        return Grouped { runs, times, tags };
    }
    let keys: Vec<u64> = user_ids
        .iter()
        .enumerate()
        .map(|(i, &u)| (u64::from(u) << 32) | i as u64)
        .collect();
    drop(user_ids);
    let user_bits = 32 - (max_id as u32).leading_zeros();
    let keys = activity::radix_sort(keys, 32, 32 + user_bits.max(1));
    for (i, k) in keys.iter().enumerate() {
        let user = (k >> 32) as u32;
        match runs.last_mut() {
            Some((u, end)) if *u == user => *end = i as u32 + 1,
            _ => runs.push((user, i as u32 + 1)),
        }
    }
    // The tags gathered by the keys' indices; then the times written over
    // the keys themselves, whose memory they take.
    let index = |k: &u64| (*k as u32) as usize;
    let mut tags = tags.map(
        |c| keys.iter().map(|k| c[index(k)]).collect(),
        |c| keys.iter().map(|k| c[index(k)]).collect(),
    );
    let mut times: Vec<f64> = keys.into_iter().map(|k| timestamps_ms[index(&k)]).collect();
    tags.order_runs(&runs, &mut times);
    Grouped { runs, times, tags }
}

/// Puts each run in time order, `companion` (a column beside the times,
/// or nothing) moved with it; equal times stay as the grouping left them
/// or swap (the tallies do not tell them apart). Most exports come in time
/// order, and their runs are left as they are.
fn order_runs<T: Copy + Default>(runs: &[(u32, u32)], times: &mut [f64], companion: &mut [T]) {
    let with = !companion.is_empty();
    let mut pairs: Vec<(f64, T)> = Vec::new();
    let mut start = 0;
    for &(_, end) in runs {
        let end = end as usize;
        if !times[start..end].windows(2).all(|w| w[0] <= w[1]) {
            pairs.clear();
            let beside = |i: usize| if with { companion[i] } else { T::default() };
            pairs.extend((start..end).map(|i| (times[i], beside(i))));
            pairs.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
            for (k, &(t, c)) in pairs.iter().enumerate() {
                times[start + k] = t;
                if with {
                    companion[start + k] = c;
                }
            }
        }
        start = end;
    }
}

/// The slot and session columns as they are grouped and read: both packed
/// in one (slot in the high half; unpacking would take a third column's
/// memory at the peak), or the one given.
enum Tags {
    None,
    Slots(Vec<u32>),
    Sessions(Vec<u32>),
    Both(Vec<u64>),
}

impl Tags {
    fn of(slots: Option<Vec<u32>>, sessions: Option<Vec<u32>>) -> Tags {
        match (slots, sessions) {
            (None, None) => Tags::None,
            (Some(s), None) => Tags::Slots(s),
            (None, Some(s)) => Tags::Sessions(s),
            (Some(slots), Some(sessions)) => Tags::Both(
                slots
                    .iter()
                    .zip(&sessions)
                    .map(|(&a, &b)| (u64::from(a) << 32) | u64::from(b))
                    .collect(),
            ),
        }
    }

    /// Each column moved by `one` (a single column) or `both` (the packed one).
    fn map(self, one: impl Fn(Vec<u32>) -> Vec<u32>, both: impl Fn(Vec<u64>) -> Vec<u64>) -> Tags {
        match self {
            Tags::None => Tags::None,
            Tags::Slots(s) => Tags::Slots(one(s)),
            Tags::Sessions(s) => Tags::Sessions(one(s)),
            Tags::Both(p) => Tags::Both(both(p)),
        }
    }

    /// Each run put in time order, the tags moved with the times.
    fn order_runs(&mut self, runs: &[(u32, u32)], times: &mut [f64]) {
        match self {
            Tags::None => order_runs::<u32>(runs, times, &mut []),
            Tags::Slots(c) | Tags::Sessions(c) => order_runs(runs, times, c),
            Tags::Both(c) => order_runs(runs, times, c),
        }
    }

    fn has_slots(&self) -> bool {
        matches!(self, Tags::Slots(_) | Tags::Both(_))
    }

    fn has_sessions(&self) -> bool {
        matches!(self, Tags::Sessions(_) | Tags::Both(_))
    }

    /// Event `i`'s slot (0 without names).
    #[inline]
    fn slot(&self, i: usize) -> u32 {
        match self {
            Tags::Slots(s) => s[i],
            Tags::Both(p) => (p[i] >> 32) as u32,
            Tags::None | Tags::Sessions(_) => 0,
        }
    }

    /// Event `i`'s session id ([`NO_SESSION`] without a session column).
    #[inline]
    fn session(&self, i: usize) -> u32 {
        match self {
            Tags::Sessions(s) => s[i],
            Tags::Both(p) => p[i] as u32,
            Tags::None | Tags::Slots(_) => NO_SESSION,
        }
    }
}

/// A column's values placed in their users' runs (`starts`: each user's
/// first position), in input order within each run.
fn place<T: Copy + Default>(user_ids: &[u32], starts: &[u32], column: Vec<T>) -> Vec<T> {
    let mut at = starts.to_vec();
    let mut out = vec![T::default(); column.len()];
    for (&u, &v) in user_ids.iter().zip(&column) {
        let slot = &mut at[u as usize];
        out[*slot as usize] = v;
        *slot += 1;
    }
    out
}

impl Grouped {
    /// The session column measured: its largest id and its runs of one id
    /// within a user's events.
    fn session_ids(&self) -> SessionIds {
        let mut max = 0;
        let mut runs = 0;
        let mut start = 0;
        for &(_, end) in &self.runs {
            let mut previous = NO_SESSION;
            for i in start..end as usize {
                let s = self.tags.session(i);
                if s != NO_SESSION {
                    max = max.max(s);
                    runs += usize::from(s != previous);
                }
                previous = s;
            }
            start = end as usize;
        }
        SessionIds {
            max,
            events: self.times.len(),
            sessions: runs,
        }
    }

    /// Adds each user's distinct days (and signup time), in id order, to
    /// the daily tables; `walk` adds the users with only a signup before
    /// each (the caller adds those after the last).
    pub(crate) fn fill_tables(&self, tables: &mut Tables, walk: &mut SignupWalk, offset: i32) {
        let mut days: Vec<i64> = Vec::new();
        let mut start = 0;
        for &(user, end) in &self.runs {
            days.clear();
            // The run is in time order, so its days are too.
            days.extend(
                self.times[start..end as usize]
                    .iter()
                    .map(|&t| local_day(t, offset)),
            );
            days.dedup();
            let signup = walk.until(user, |_, t| tables.add_user(&[], Some(t)));
            tables.add_user(&days, signup);
            start = end as usize;
        }
    }
}

/// The users in id order, each with their events and signup time.
struct Users<'a> {
    grouped: &'a Grouped,
    names: &'a ResolvedNames,
    signups: Option<&'a SignupTimes>,
    frame: &'a Frame<'a>,
}

impl Users<'_> {
    /// Calls `visit` for every user who started by the end of the as-of day
    /// (those with a signup and no event included), with the cohort windows
    /// at `horizon`.
    fn each(&self, horizon: Option<u32>, mut visit: impl FnMut(&UserView, &mut Vec<Event>)) {
        let c = self.frame.config;
        let offset = c.utc_offset_minutes;
        let day_ms = |d: i64| d as f64 * MS_PER_DAY - f64::from(offset) * 60_000.0;
        let end_ms = day_ms(self.frame.as_of + 1);
        let recent_from_ms = day_ms(self.frame.as_of - 27);
        let windows = WindowRule::new(self.frame, horizon);
        // Per event slot, whether it is the start or return event (None: any is).
        let starts = self.names.start.map(|s| self.names.counts_as(s));
        let returns = self.names.returning.map(|s| self.names.counts_as(s));
        let is = |slot: u32, wanted: &Option<Vec<bool>>| {
            wanted
                .as_ref()
                .is_none_or(|w| w.get(slot as usize) == Some(&true))
        };
        let g = self.grouped;
        let has_names = g.tags.has_slots();
        let mut add = |user: u32, signup: Option<f64>, events: &mut Vec<Event>| {
            // Runs are in time order: the first event is the earliest.
            let first = events.first().map_or(f64::INFINITY, |e| e.time_ms);
            let start_ms = signup.map_or(first, |s| earlier(s, first));
            if !start_ms.is_finite() || start_ms >= end_ms {
                return;
            }
            let cohort_start_ms = match starts.as_ref().filter(|_| has_names) {
                None => Some(start_ms),
                // In time order: the first start event is the earliest.
                Some(_) => events
                    .iter()
                    .find(|e| is(e.slot, &starts))
                    .map(|e| e.time_ms),
            };
            let view = UserView {
                user,
                start_ms,
                end_ms,
                recent_from_ms,
                cohort_start_ms,
                windows: cohort_start_ms.and_then(|t| windows.of(t)),
            };
            visit(&view, events);
        };
        let mut walk = SignupWalk::new(self.signups);
        let mut events: Vec<Event> = Vec::new();
        let mut start = 0;
        for &(user, end) in &g.runs {
            let end = end as usize;
            events.clear();
            for i in start..end {
                let t = g.times[i];
                let slot = g.tags.slot(i);
                events.push(Event {
                    time_ms: t,
                    slot,
                    session: g.tags.session(i),
                    returns: !has_names || is(slot, &returns),
                });
            }
            let signup = walk.until(user, |u, t| add(u, Some(t), &mut Vec::new()));
            add(user, signup, &mut events);
            start = end;
        }
        walk.finish(|u, t| add(u, Some(t), &mut Vec::new()));
    }
}

/// How a user's first period and horizon period fall, as the cohort table
/// counts them: calendar periods, or 24 h windows from the cohort's start.
struct WindowRule<'c> {
    config: &'c EventsConfig,
    first_day: i64,
    end_ms: f64,
    offset_ms: f64,
    last_period: i64,
    horizon: Option<u32>,
}

impl<'c> WindowRule<'c> {
    fn new(frame: &Frame<'c>, horizon: Option<u32>) -> WindowRule<'c> {
        let c = frame.config;
        let offset_ms = f64::from(c.utc_offset_minutes) * 60_000.0;
        WindowRule {
            config: c,
            first_day: frame.first_day,
            end_ms: (frame.as_of + 1) as f64 * MS_PER_DAY - offset_ms,
            offset_ms,
            last_period: period_of(frame.as_of, c),
            horizon,
        }
    }

    fn of(&self, start_ms: f64) -> Option<Windows> {
        let k = i64::from(self.horizon?);
        let c = self.config;
        let start_day = local_day(start_ms, c.utc_offset_minutes);
        if start_day < self.first_day || start_ms >= self.end_ms {
            return None;
        }
        let day_ms = |d: i64| d as f64 * MS_PER_DAY - self.offset_ms;
        // "On or after": a return in the horizon's period or any later one.
        let open_ended = |end: f64| {
            if c.unbounded_retention {
                f64::INFINITY
            } else {
                end
            }
        };
        Some(match c.window {
            Window::Calendar => {
                let cohort = period_of(start_day, c);
                let p = cohort + k;
                Windows {
                    first_end_ms: day_ms(period_start_day(cohort + 1, c)),
                    horizon_start_ms: day_ms(period_start_day(p, c)),
                    horizon_end_ms: open_ended(day_ms(period_start_day(p + 1, c))),
                    eligible: p < self.last_period,
                }
            }
            Window::Elapsed => {
                let len = MS_PER_DAY
                    * match c.period {
                        Period::Day => 1.0,
                        Period::Week => 7.0,
                        Period::Month => 30.0,
                    };
                let horizon_start_ms = start_ms + k as f64 * len;
                Windows {
                    first_end_ms: start_ms + len,
                    horizon_start_ms,
                    horizon_end_ms: open_ended(horizon_start_ms + len),
                    eligible: horizon_start_ms + len <= self.end_ms,
                }
            }
        })
    }
}

/// Adds what the event names and sessions told (see [`add_usage`]), the
/// cohorts by start and return events, and the mean session length.
pub(crate) fn add_to(
    found: Behaviour,
    analysis: &mut EventsAnalysis,
    names: &ResolvedNames,
    config: &EventsConfig,
) {
    add_usage(found.features, found.activation, analysis, names, config);
    if let Some(cohorts) = found.cohorts {
        analysis.cohorts = cohorts;
        set_retention(
            &mut analysis.usage_metrics,
            &analysis.cohorts.mean,
            config.period,
        );
    }
    super::sessions::set_sessions(analysis, found.sessions);
    analysis.warnings.extend(found.warnings);
}

/// Adds the features and activation, and the product data they give:
/// feature usage and adoption for the features named in the options only (a
/// raw event taxonomy, `$pageview` and admin events included, must not
/// become the scored feature adoption), the activation rate and median time
/// to activation; and what resolving the names warned of.
pub(crate) fn add_usage(
    features: Vec<FeatureUse>,
    activation: Option<Activation>,
    analysis: &mut EventsAnalysis,
    names: &ResolvedNames,
    config: &EventsConfig,
) {
    let named: Vec<&FeatureUse> = features.iter().filter(|f| f.kind == "feature").collect();
    if !named.is_empty() {
        analysis.usage_metrics.feature_usage =
            Some(named.iter().map(|f| (f.name.clone(), f.usage)).collect());
        analysis.adoption_data.feature_adoption_rates =
            Some(named.iter().map(|f| (f.name.clone(), f.adoption)).collect());
    } else if !names.events.is_empty() {
        analysis.warnings.push(Warning::new(
            "features_not_named",
            "options.features",
            format!(
                "featureUsage and featureAdoptionRates are left empty: {} event names were found, but which of them are features is yours to say \
                 (options.features: {{ \"Projects\": [\"project_created\", \"project_shared\"] }}); every event's figures are in features.",
                names.events.len()
            ),
        ));
    }
    if let Some(a) = &activation {
        if a.eligible > 0 {
            analysis.adoption_data.adoption_rate = Some(a.rate);
        } else {
            analysis.warnings.push(Warning::new(
                "activation_window_open",
                "options.activationWindowDays",
                format!(
                    "no user started {} days before the end of the as-of day, so the activation rate is not measured yet; a shorter options.activationWindowDays or a later asOf measures it.",
                    config.activation_window_days
                ),
            ));
        }
        analysis.adoption_data.time_to_adoption = a.time_to_activation.median_days;
    }
    analysis.features = features;
    analysis.activation = activation;
    analysis.warnings.extend(names.warnings.iter().cloned());
}
