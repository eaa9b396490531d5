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

    /// The report per slot (see [`report`]).
    pub(crate) fn finish(
        mut self,
        names: &ResolvedNames,
        users: u64,
        retention_offset: Option<u32>,
    ) -> Vec<FeatureUse> {
        sort_u32(&mut self.follow_up);
        let everyone = Everyone {
            follow_up: SortedTimes::Each(std::mem::take(&mut self.follow_up)),
            recent_actives: self.recent_actives,
            eligible: self.eligible,
            retained: self.retained,
        };
        report(names, users, retention_offset, &everyone, |s| {
            let (mut first_use, mut follow_up) = (
                std::mem::take(&mut self.first_use[s]),
                std::mem::take(&mut self.adopter_follow_up[s]),
            );
            sort_u32(&mut first_use);
            sort_u32(&mut follow_up);
            SlotFigures {
                users: self.users[s],
                recent_users: self.recent_users[s],
                first_use: SortedTimes::Each(first_use),
                adopter_follow_up: SortedTimes::Each(follow_up),
                adopters_eligible: self.adopters_eligible[s],
                adopters_retained: self.adopters_retained[s],
            }
        })
    }
}

/// What is counted over every user followed, for the features' report.
pub(crate) struct Everyone {
    /// Each user's follow-up, in whole seconds.
    pub(crate) follow_up: SortedTimes,
    /// Users active in the 28 days ending on the as-of day.
    pub(crate) recent_actives: u64,
    /// Users whose retention horizon period is over, and of them the retained.
    pub(crate) eligible: u64,
    pub(crate) retained: u64,
}

/// One slot's counts, for the features' report.
pub(crate) struct SlotFigures {
    pub(crate) users: u64,
    pub(crate) recent_users: u64,
    /// The adopters' first uses and follow-ups, in whole seconds from their start.
    pub(crate) first_use: SortedTimes,
    pub(crate) adopter_follow_up: SortedTimes,
    /// Adopters in their first period whose horizon period is over, and of them the retained.
    pub(crate) adopters_eligible: u64,
    pub(crate) adopters_retained: u64,
}

/// The report per slot, named features first, then events by users (most
/// first, then by name); events no user did are left out. `slot` gives each
/// slot's counts once, so its lists can go once its curve is made.
pub(crate) fn report(
    names: &ResolvedNames,
    users: u64,
    retention_offset: Option<u32>,
    everyone: &Everyone,
    mut slot: impl FnMut(usize) -> SlotFigures,
) -> Vec<FeatureUse> {
    let followed = everyone.follow_up.total();
    let mut out = Vec::with_capacity(names.slots());
    for s in 0..names.slots() {
        let f = slot(s);
        // A dictionary name no event up to the as-of day has.
        if s < names.events.len() && f.users == 0 {
            continue;
        }
        let km = time_to_event(&everyone.follow_up, &f.first_use, &f.adopter_follow_up);
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
            users: f.users,
            adoption: share(f.users, users),
            recent_users: f.recent_users,
            usage: share(f.recent_users, everyone.recent_actives),
            time_to_first_use: TimeToEvent::of(&km, f.users, followed),
            retention: retention_offset
                .filter(|_| everyone.eligible > 0)
                .map(|offset| {
                    let (a, r) = (f.adopters_eligible, f.adopters_retained);
                    AdopterRetention {
                        offset,
                        adopters: RetainedShare::of(r, a),
                        others: RetainedShare::of(
                            everyone.retained.saturating_sub(r),
                            everyone.eligible.saturating_sub(a),
                        ),
                    }
                }),
        });
    }
    let order = |f: &FeatureUse| (f.kind == "event", std::cmp::Reverse(f.users));
    // Names are distinct within a kind: a total order, so an unstable sort.
    out.sort_unstable_by(|a, b| order(a).cmp(&order(b)).then_with(|| a.name.cmp(&b.name)));
    out
}

/// Whole seconds in ascending order: one value per user, as the pass over
/// the events collects them, or counts of distinct values, as the
/// warehouse's tables give them (whole days).
#[cfg_attr(not(feature = "warehouse"), allow(dead_code))]
pub(crate) enum SortedTimes {
    Each(Vec<u32>),
    /// Distinct values, ascending; `before[i]`: how many come before
    /// `values[i]` (one more entry than values: the total last).
    Counted {
        values: Vec<u32>,
        before: Vec<u64>,
    },
}

impl SortedTimes {
    /// From (value, count) pairs in any order, equal values merged.
    #[cfg_attr(not(feature = "warehouse"), allow(dead_code))]
    pub(crate) fn counted(mut pairs: Vec<(u32, u64)>) -> SortedTimes {
        pairs.sort_unstable();
        let mut values: Vec<u32> = Vec::with_capacity(pairs.len());
        let mut before = vec![0u64];
        for (v, n) in pairs {
            let total = before.last().copied().unwrap_or(0).saturating_add(n);
            if values.last() == Some(&v) {
                if let Some(last) = before.last_mut() {
                    *last = total;
                }
            } else {
                values.push(v);
                before.push(total);
            }
        }
        SortedTimes::Counted { values, before }
    }

    fn values(&self) -> &[u32] {
        match self {
            SortedTimes::Each(v) => v,
            SortedTimes::Counted { values, .. } => values,
        }
    }

    /// How many times come before the `i`th value.
    fn before(&self, i: usize) -> u64 {
        match self {
            SortedTimes::Each(_) => i as u64,
            SortedTimes::Counted { before, .. } => before.get(i).copied().unwrap_or(0),
        }
    }

    /// How many times there are.
    pub(crate) fn total(&self) -> u64 {
        self.before(self.values().len())
    }

    /// The largest time.
    pub(crate) fn max(&self) -> Option<u32> {
        self.values().last().copied()
    }

    /// Each distinct time with its count, ascending.
    fn each_distinct(&self, mut visit: impl FnMut(u32, u64)) {
        let values = self.values();
        let mut i = 0;
        while i < values.len() {
            let start = i;
            while i < values.len() && values[i] == values[start] {
                i += 1;
            }
            visit(values[start], self.before(i) - self.before(start));
        }
    }
}

/// The Kaplan–Meier curve of the time to first use, in days: everyone
/// followed (`all_follow_up`) is at risk until their first use
/// (`first_use`, the adopters') or the end of their follow-up.
pub(crate) fn time_to_event(
    all_follow_up: &SortedTimes,
    first_use: &SortedTimes,
    adopter_follow_up: &SortedTimes,
) -> KaplanMeier {
    let n = all_follow_up.total();
    let (mut gone_all, mut gone_adopters, mut used) = (0usize, 0usize, 0u64);
    let mut steps = Vec::new();
    first_use.each_distinct(|t, d| {
        // Followed until before t: everyone's follow-up, less the adopters'
        // (they leave at their first use instead), plus the adopters gone
        // before t; and those who used it before t.
        gone_all = count_below(all_follow_up.values(), gone_all, t);
        gone_adopters = count_below(adopter_follow_up.values(), gone_adopters, t);
        let censored_before = all_follow_up
            .before(gone_all)
            .saturating_sub(adopter_follow_up.before(gone_adopters));
        let at_risk = n.saturating_sub(censored_before).saturating_sub(used);
        steps.push((f64::from(t) / 86_400.0, at_risk, d));
        used = used.saturating_add(d);
    });
    KaplanMeier::from_steps(steps)
}

/// The number of `sorted` values below `t`, given that the first `from`
/// are: a galloping search from `from`, so a rare event's few steps cost a
/// few probes each, not a walk through every user's follow-up.
fn count_below(sorted: &[u32], from: usize, t: u32) -> usize {
    let mut step = 1;
    let mut low = from.min(sorted.len());
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
    fn counted_times_give_the_curve_of_each_time() {
        use super::{time_to_event, SortedTimes};
        let all = [0u32, 86_400, 86_400, 172_800, 259_200, 259_200, 345_600];
        let first = [0u32, 86_400, 86_400, 259_200];
        let adopters = [86_400u32, 172_800, 259_200, 345_600];
        let count = |v: &[u32]| SortedTimes::counted(v.iter().rev().map(|&t| (t, 1)).collect());
        let each = time_to_event(
            &SortedTimes::Each(all.to_vec()),
            &SortedTimes::Each(first.to_vec()),
            &SortedTimes::Each(adopters.to_vec()),
        );
        let counted = time_to_event(&count(&all), &count(&first), &count(&adopters));
        assert_eq!(each, counted);
        // By hand: the non-adopters are followed 0, 1 and 3 days. At day 0
        // all 7 are at risk and 1 uses it; at day 1, 7 - 1 (followed 0 days)
        // - 1 used = 5, and 2 use it; at day 3, 7 - 2 (followed 0 and 1
        // days) - 3 used = 2, and 1 uses it.
        assert_eq!(each.at_risk, [7, 5, 2]);
        assert_eq!(each.events, [1, 2, 1]);
    }

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
