//! Feature adoption and usage from event names: per event name and per
//! named feature, the users who ever used it, those of the trailing 28 days'
//! actives who used it in those days, the time from a user's start to their
//! first use (Kaplan–Meier, users who never used it censored at the as-of
//! day), and the retention of its early adopters beside everyone else's.
//!
//! Times are counted in whole seconds from the user's start. Those at risk
//! at a time `t` are the users whose first use, or (for users who never used
//! it) whose end of follow-up, is at `t` or later: counted from three sorted
//! lists (every user's follow-up, the adopters' follow-ups, the adopters'
//! first uses), so the work per feature is in its adopters, not all users.

use crate::events::names::ResolvedNames;
use crate::events::user_events::{Event, UserView};
use crate::retention::kaplan_meier::KaplanMeier;
use crate::stats;
use serde::Serialize;

/// One event name's, or one named feature's, adoption and usage.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FeatureUse {
    /// The event name, or the feature's name.
    pub name: String,
    /// `event` (an event name as the data has it) or `feature` (named in `options.features`).
    #[cfg_attr(feature = "wasm", tsify(type = "\"event\" | \"feature\""))]
    pub kind: String,
    /// A named feature's events that occur in the data.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<String>,
    /// Users who ever used it (up to the as-of day).
    pub users: u64,
    /// `users` / all users (the result's `users`): its adoption rate.
    pub adoption: f64,
    /// Users active in the 28 days ending on the as-of day who used it in those days.
    pub recent_users: u64,
    /// `recentUsers` / the users active in those 28 days: its usage rate.
    pub usage: f64,
    /// Time from a user's start (signup, else first event) to their first use.
    pub time_to_first_use: TimeToEvent,
    /// Retention of the users who used it in their first period beside the others', at the
    /// horizon of `usageMetrics.retentionRate`; absent when no cohort has reached it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retention: Option<AdopterRetention>,
}

/// The Kaplan–Meier median time to an event, in days, with its 95%
/// Brookmeyer–Crowley interval.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TimeToEvent {
    /// The median, in fractional days; absent when fewer than half of the users are estimated
    /// ever to get there within the data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub median_days: Option<f64>,
    /// The interval's lower limit, in days; absent when none can be given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub median_low: Option<f64>,
    /// The interval's upper limit, in days; absent when the data does not bound it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub median_high: Option<f64>,
    /// Users who had the event (the others are censored at the end of the as-of day).
    pub events: u64,
    /// Users followed.
    pub users: u64,
}

impl TimeToEvent {
    pub(crate) fn of(km: &KaplanMeier, events: u64, users: u64) -> TimeToEvent {
        let (low, high) = km.quantile_interval(0.5, 0.95);
        TimeToEvent {
            median_days: km.median(),
            median_low: low,
            median_high: high,
            events,
            users,
        }
    }
}

/// Retention of a feature's early adopters beside everyone else's.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AdopterRetention {
    /// Periods after the cohort's at which retention is read (that of `usageMetrics.retentionRate`).
    pub offset: u32,
    /// Users who used it in their cohort's first period (24 h windows: their first window).
    pub adopters: RetainedShare,
    /// Everyone else in the cohorts measured at that offset.
    pub others: RetainedShare,
}

/// A share retained, with its 95% Wilson interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RetainedShare {
    /// Users whose period at the offset is over.
    pub users: u64,
    /// Of them, active in that period.
    pub retained: u64,
    /// retained / users (0 when no user).
    pub rate: f64,
    /// Wilson interval of the rate.
    pub interval: [f64; 2],
}

impl RetainedShare {
    pub(crate) fn of(retained: u64, users: u64) -> RetainedShare {
        let (lo, hi) = stats::wilson(retained as f64, users as f64, stats::z_for_confidence(0.95));
        RetainedShare {
            users,
            retained,
            rate: if users > 0 {
                retained as f64 / users as f64
            } else {
                0.0
            },
            interval: [lo, hi],
        }
    }
}

/// The counts of one pass over the users, per slot (event name or named
/// feature).
pub(crate) struct FeatureTally {
    // Per slot, for the user at hand: their first and last use (ms; the
    // first is infinite until used).
    first_ms: Vec<f64>,
    last_ms: Vec<f64>,
    touched: Vec<u32>,
    // Per slot, over the users.
    pub(crate) users: Vec<u64>,
    pub(crate) recent_users: Vec<u64>,
    pub(crate) first_use: Vec<Vec<u32>>,
    pub(crate) adopter_follow_up: Vec<Vec<u32>>,
    adopters_eligible: Vec<u64>,
    adopters_retained: Vec<u64>,
    // Over the users with events.
    pub(crate) follow_up: Vec<u32>,
    pub(crate) recent_actives: u64,
    eligible: u64,
    retained: u64,
}

impl FeatureTally {
    pub(crate) fn new(slots: usize) -> FeatureTally {
        FeatureTally {
            first_ms: vec![f64::INFINITY; slots],
            last_ms: vec![0.0; slots],
            touched: Vec::new(),
            users: vec![0; slots],
            recent_users: vec![0; slots],
            first_use: vec![Vec::new(); slots],
            adopter_follow_up: vec![Vec::new(); slots],
            adopters_eligible: vec![0; slots],
            adopters_retained: vec![0; slots],
            follow_up: Vec::new(),
            recent_actives: 0,
            eligible: 0,
            retained: 0,
        }
    }

    /// The first and last use of each slot a user's events (in time order)
    /// touch, then their counts: what is per slot is worked out once per
    /// user, not per event.
    pub(crate) fn add_user(&mut self, user: &UserView, events: &[Event], names: &ResolvedNames) {
        let eligible = user.windows.is_some_and(|w| w.eligible);
        let Some(last) = events.last() else {
            // Signed up, never came: in the cohort, not retained.
            self.eligible += u64::from(eligible);
            return;
        };
        // Retention counts only for users whose horizon period is over.
        let retained = eligible
            && user.windows.is_some_and(|w| {
                let horizon = w.horizon_start_ms..w.horizon_end_ms;
                events
                    .iter()
                    .any(|e| e.returns && horizon.contains(&e.time_ms))
            });
        for e in events {
            let slot = e.slot as usize;
            self.mark(slot, e.time_ms);
            for &f in &names.features_of_event[slot] {
                self.mark(f as usize, e.time_ms);
            }
        }
        let follow_up = user.follow_up_seconds();
        self.follow_up.push(follow_up);
        self.recent_actives += u64::from(last.time_ms >= user.recent_from_ms);
        self.eligible += u64::from(eligible);
        self.retained += u64::from(retained);
        for &s in &self.touched {
            let s = s as usize;
            let first = self.first_ms[s];
            self.users[s] += 1;
            self.recent_users[s] += u64::from(self.last_ms[s] >= user.recent_from_ms);
            self.first_use[s].push(user.seconds_since_start(first));
            self.adopter_follow_up[s].push(follow_up);
            if eligible && user.windows.is_some_and(|w| first < w.first_end_ms) {
                self.adopters_eligible[s] += 1;
                self.adopters_retained[s] += u64::from(retained);
            }
            self.first_ms[s] = f64::INFINITY;
        }
        self.touched.clear();
    }

    /// A use at `time_ms`, not before the user's earlier ones.
    #[inline]
    fn mark(&mut self, slot: usize, time_ms: f64) {
        if self.first_ms[slot] == f64::INFINITY {
            self.touched.push(slot as u32);
            self.first_ms[slot] = time_ms;
        }
        self.last_ms[slot] = time_ms;
    }

    /// The report per slot, named features first, then events by users
    /// (most first, then by name); events no user did are left out.
    pub(crate) fn finish(
        mut self,
        names: &ResolvedNames,
        users: u64,
        retention_offset: Option<u32>,
    ) -> Vec<FeatureUse> {
        sort_u32(&mut self.follow_up);
        let mut out = Vec::with_capacity(names.slots());
        for s in 0..names.slots() {
            // A dictionary name no event up to the as-of day has.
            if s < names.events.len() && self.users[s] == 0 {
                continue;
            }
            // Each slot's lists go once its curve is made.
            let km = time_to_event(
                &self.follow_up,
                &mut std::mem::take(&mut self.first_use[s]),
                &mut std::mem::take(&mut self.adopter_follow_up[s]),
            );
            let (name, kind, events) = match s.checked_sub(names.events.len()) {
                None => (names.events[s].clone(), "event", Vec::new()),
                Some(j) => (
                    names.features[j].0.clone(),
                    "feature",
                    names.features[j].1.clone(),
                ),
            };
            let share = |n: u64, of: u64| if of > 0 { n as f64 / of as f64 } else { 0.0 };
            out.push(FeatureUse {
                name,
                kind: kind.to_string(),
                events,
                users: self.users[s],
                adoption: share(self.users[s], users),
                recent_users: self.recent_users[s],
                usage: share(self.recent_users[s], self.recent_actives),
                time_to_first_use: TimeToEvent::of(&km, self.users[s], self.follow_up.len() as u64),
                retention: retention_offset
                    .filter(|_| self.eligible > 0)
                    .map(|offset| {
                        let (a, r) = (self.adopters_eligible[s], self.adopters_retained[s]);
                        AdopterRetention {
                            offset,
                            adopters: RetainedShare::of(r, a),
                            others: RetainedShare::of(self.retained - r, self.eligible - a),
                        }
                    }),
            });
        }
        let order = |f: &FeatureUse| (f.kind == "event", std::cmp::Reverse(f.users));
        // Names are distinct within a kind: a total order, so an unstable sort.
        out.sort_unstable_by(|a, b| order(a).cmp(&order(b)).then_with(|| a.name.cmp(&b.name)));
        out
    }
}

/// The Kaplan–Meier curve of the time to first use, in days: everyone
/// followed (`all_follow_up`, sorted) is at risk until their first use
/// (`first_use`, the adopters') or the end of their follow-up.
pub(crate) fn time_to_event(
    all_follow_up: &[u32],
    first_use: &mut Vec<u32>,
    adopter_follow_up: &mut Vec<u32>,
) -> KaplanMeier {
    sort_u32(first_use);
    sort_u32(adopter_follow_up);
    let n = all_follow_up.len() as u64;
    let (mut gone_all, mut gone_adopters) = (0usize, 0usize);
    let mut steps = Vec::with_capacity(first_use.len());
    let mut i = 0;
    while i < first_use.len() {
        let t = first_use[i];
        // The first uses are sorted: those before t are the first i.
        let used = i as u64;
        let mut d = 0u64;
        while i < first_use.len() && first_use[i] == t {
            d += 1;
            i += 1;
        }
        // Followed until before t: everyone's follow-up, less the adopters'
        // (they leave at their first use instead), plus the adopters gone
        // before t.
        gone_all = count_below(all_follow_up, gone_all, t);
        while gone_adopters < adopter_follow_up.len() && adopter_follow_up[gone_adopters] < t {
            gone_adopters += 1;
        }
        let censored_before = gone_all as u64 - gone_adopters as u64;
        let at_risk = n - censored_before - used;
        steps.push((f64::from(t) / 86_400.0, at_risk, d));
    }
    KaplanMeier::from_steps(steps)
}

/// The number of `sorted` values below `t`, given that the first `from`
/// are: a galloping search from `from`, so a rare event's few steps cost a
/// few probes each, not a walk through every user's follow-up.
fn count_below(sorted: &[u32], from: usize, t: u32) -> usize {
    let mut step = 1;
    let mut low = from;
    // Widen until a value at or past t is in reach (or the end is).
    while low + step <= sorted.len() && sorted[low + step - 1] < t {
        low += step;
        step *= 2;
    }
    let high = (low + step).min(sorted.len());
    low + sorted[low..high].partition_point(|&v| v < t)
}

/// Sorts whole seconds with a radix sort (11 bits a pass): the lists run to
/// millions for a common event.
pub(crate) fn sort_u32(values: &mut Vec<u32>) {
    let max = values.iter().copied().max().unwrap_or(0);
    let taken = std::mem::take(values);
    *values = crate::events::activity::radix_sort(taken, 0, 32 - max.leading_zeros());
}

#[cfg(test)]
mod tests {
    use super::count_below;

    #[test]
    fn count_below_matches_a_walk_from_any_start() {
        let sorted = [1u32, 3, 3, 3, 7, 8, 8, 20, 21, 40];
        for t in 0..45 {
            let expected = sorted.iter().filter(|&&v| v < t).count();
            for from in 0..=expected {
                assert_eq!(count_below(&sorted, from, t), expected, "t {t} from {from}");
            }
        }
        assert_eq!(count_below(&[], 0, 5), 0);
    }
}
