//! Cohorts in 24-hour windows: period N of a user is the Nth block of 24 h
//! (7 x 24 h, 30 x 24 h) after their start, counted only once it is over.

use crate::calendar::{local_day, MS_PER_DAY};
use crate::events::activity;
use crate::events::cohort_cells::count_returns;
use crate::events::config::{period_of, EventsConfig, Period};
use crate::events::signups::SignupTimes;
use crate::events::user_events::earlier;
use std::collections::HashMap;

/// Cohorts counted in 24 h windows from each user's first event.
pub(crate) struct ElapsedCohorts {
    /// cohort x window -> users active in it (among those old enough).
    pub(crate) active: Vec<Vec<u64>>,
    /// cohort x window -> users old enough for the window to be over.
    pub(crate) eligible: Vec<Vec<u64>>,
}

/// Counts cohorts in 24 h windows: window k of a user is [t0 + k len,
/// t0 + (k + 1) len) from their start t0 (first event, or signup when
/// earlier); a user counts (as eligible, and as active) only in windows that
/// ended by the end of the as-of day. Users who started before the first
/// event day are in no cohort.
pub(crate) fn elapsed_cohorts(
    user_ids: &[u32],
    timestamps_ms: &[f64],
    c: &EventsConfig,
    as_of: i64,
    first_day: i64,
    periods: usize,
    signups: Option<&SignupTimes>,
) -> ElapsedCohorts {
    let offset_ms = f64::from(c.utc_offset_minutes) * 60_000.0;
    let end_ms = (as_of + 1) as f64 * MS_PER_DAY - offset_ms;
    let len = MS_PER_DAY
        * match c.period {
            Period::Day => 1.0,
            Period::Week => 7.0,
            Period::Month => 30.0,
        };
    let mut start: HashMap<u32, f64> = HashMap::new();
    let mut note_start = |u: u32, t: f64| {
        if t < end_ms {
            start
                .entry(u)
                .and_modify(|f| *f = earlier(*f, t))
                .or_insert(t);
        }
    };
    for (&u, &t) in user_ids.iter().zip(timestamps_ms) {
        note_start(u, t);
    }
    for &(u, t) in signups.map_or(&[][..], |s| &s.by_user) {
        note_start(u, t);
    }
    let first_period = period_of(first_day, c);
    let width = periods + 1;
    // A user's cohort (None before the data) and complete windows by the
    // end of the as-of day.
    let place = |t0: f64| -> Option<(usize, u64)> {
        let day = local_day(t0, c.utc_offset_minutes);
        let cohort = period_of(day, c) - first_period;
        let mature = (libm::floor((end_ms - t0) / len).max(0.0) as u64).min(width as u64);
        // A start before the first day is before the data, even in the
        // first day's week or month (as with calendar windows).
        (day >= first_day && (0..periods as i64).contains(&cohort))
            .then_some((cohort as usize, mature))
    };
    let mut active = vec![vec![0u64; width]; periods];
    let mut eligible = vec![vec![0u64; width]; periods];
    for &t0 in start.values() {
        if let Some((cohort, mature)) = place(t0) {
            for e in eligible[cohort].iter_mut().take(mature as usize) {
                *e += 1;
            }
        }
    }
    let window_bits = 64 - (width as u64).leading_zeros();
    let mut keys = Vec::with_capacity(user_ids.len());
    for (&u, &t) in user_ids.iter().zip(timestamps_ms) {
        if let Some(&t0) = start.get(&u).filter(|_| t < end_ms) {
            let k = (libm::floor((t - t0) / len).max(0.0) as u64).min(width as u64 - 1);
            keys.push((u64::from(u) << window_bits) | k);
        }
    }
    let user_bits = 32 - user_ids.iter().copied().max().unwrap_or(0).leading_zeros();
    let pairs = activity::sort_unique(keys, window_bits + user_bits.max(1));
    // Each user's windows, counted when the next user begins.
    let mut previous_user = None;
    let mut placed = None;
    let mut windows: Vec<usize> = Vec::new();
    let mut count = |placed: Option<(usize, u64)>, windows: &[usize]| {
        if let Some((cohort, mature)) = placed {
            count_returns(
                &mut active[cohort][..mature as usize],
                windows,
                c.unbounded_retention,
            );
        }
    };
    for key in pairs {
        let user = (key >> window_bits) as u32;
        let k = key & ((1 << window_bits) - 1);
        if previous_user != Some(user) {
            count(placed, &windows);
            windows.clear();
            previous_user = Some(user);
            placed = start.get(&user).and_then(|&t0| place(t0));
        }
        windows.push(k as usize);
    }
    count(placed, &windows);
    ElapsedCohorts { active, eligible }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::config::Window;

    #[test]
    fn windows_run_from_the_first_event_and_count_once_over() {
        let c = EventsConfig {
            period: Period::Day,
            window: Window::Elapsed,
            ..EventsConfig::default()
        };
        let t0 = 23.0 * 3_600_000.0 + 45.0 * 60_000.0; // day 0, 23:45 UTC
                                                       // User 1: at t0, 16 minutes later (day 1, 00:01: still window 0), and
                                                       // 25 h after t0 (window 1). User 2 starts on day 2 at noon.
        let users = [1, 1, 1, 2];
        let times = [t0, t0 + 960_000.0, t0 + 90_000_000.0, 2.5 * MS_PER_DAY];
        let e = elapsed_cohorts(&users, &times, &c, 2, 0, 3, None);
        // As of the end of day 2 (72 h): user 1's windows 0 (to 47:45) and 1
        // (to 71:45) are over; window 2 is not. User 2's first window ends
        // on day 3: not over, so user 2 counts nowhere yet.
        assert_eq!(e.eligible[0], vec![1, 1, 0, 0]);
        assert_eq!(e.active[0], vec![1, 1, 0, 0]);
        assert_eq!(e.eligible[2], vec![0, 0, 0, 0]);
        assert_eq!(e.active[2], vec![0, 0, 0, 0]);
    }
}
