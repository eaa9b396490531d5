//! The one pass over the users: each user's active days (and signup time)
//! are added to every table at once, so the work is linear in the distinct
//! (user, day) pairs.

use crate::calendar::local_day;
use crate::events::cohort_cells::count_returns;
use crate::events::config::{period_of, EventsConfig};
use crate::events::elapsed::ElapsedCohorts;
use crate::events::result::SignupSummary;

/// The tables one pass over the users fills.
pub(crate) struct Tables<'c> {
    pub(crate) config: &'c EventsConfig,
    pub(crate) first_day: i64,
    pub(crate) as_of: i64,
    pub(crate) users: u64,
    pub(crate) dau: Vec<u64>,
    pub(crate) new_users: Vec<u64>,
    /// Difference arrays of the trailing-window counts.
    pub(crate) wau_diff: Vec<i64>,
    pub(crate) mau_diff: Vec<i64>,
    pub(crate) l28: Vec<u64>,
    pub(crate) first_period: i64,
    pub(crate) last_period: i64,
    /// cohort (from first_period) x offset -> users active.
    pub(crate) cohort_active: Vec<Vec<u64>>,
    pub(crate) cohort_size: Vec<u64>,
    pub(crate) growth_new: Vec<u64>,
    pub(crate) growth_retained: Vec<u64>,
    pub(crate) growth_resurrected: Vec<u64>,
    pub(crate) growth_churned: Vec<u64>,
    /// Cohort counts with 24 h windows, when asked for.
    pub(crate) elapsed: Option<ElapsedCohorts>,
    /// Counts of how signups matched, when signup times were given.
    pub(crate) signups: Option<SignupSummary>,
    /// The periods (after the cohort's) the user at hand was active in.
    offsets: Vec<usize>,
    /// Each day's period, counted from the first period (a lookup for
    /// every active day, where months would take a date conversion).
    period_of_day: Vec<i64>,
}

impl<'c> Tables<'c> {
    /// Empty tables for first_day..=as_of; `prepare` has checked the number
    /// of periods against [`MAX_COHORT_CELLS`].
    pub(crate) fn new(first_day: i64, as_of: i64, config: &'c EventsConfig) -> Tables<'c> {
        let days = (as_of - first_day + 1) as usize;
        let first_period = period_of(first_day, config);
        let last_period = period_of(as_of, config);
        let p = (last_period - first_period + 1).max(1) as usize;
        Tables {
            config,
            first_day,
            as_of,
            users: 0,
            dau: vec![0; days],
            new_users: vec![0; days],
            wau_diff: vec![0; days + 1],
            mau_diff: vec![0; days + 1],
            l28: vec![0; 28],
            first_period,
            last_period,
            cohort_active: (0..p).map(|c| vec![0; p - c]).collect(),
            cohort_size: vec![0; p],
            growth_new: vec![0; p],
            growth_retained: vec![0; p],
            growth_resurrected: vec![0; p],
            growth_churned: vec![0; p],
            elapsed: None,
            signups: None,
            offsets: Vec::new(),
            period_of_day: (first_day..=as_of)
                .map(|d| period_of(d, config) - first_period)
                .collect(),
        }
    }

    /// The period of a day in first_day..=as_of, from the first period.
    fn period(&self, day: i64) -> i64 {
        self.period_of_day[(day - self.first_day) as usize]
    }

    /// Adds one user: their active days (sorted, distinct, within
    /// first..=as_of; possibly none) and their signup time, if known.
    pub(crate) fn add_user(&mut self, days: &[i64], signup_ms: Option<f64>) {
        let first_active = days.first().copied();
        let signup_day = signup_ms.map(|t| local_day(t, self.config.utc_offset_minutes));
        // A user starts on their signup day, or on their first event when
        // that is earlier (events before signing up) or no signup is known.
        let start = match (signup_day, first_active) {
            (Some(s), Some(f)) => {
                if f < s {
                    self.count_signup(|c| c.active_before_signup += 1);
                }
                s.min(f)
            }
            (Some(s), None) => s,
            (None, Some(f)) => {
                self.count_signup(|c| c.without_signup += 1);
                f
            }
            (None, None) => return,
        };
        if start > self.as_of {
            self.count_signup(|c| c.after_as_of += 1);
            return;
        }
        // The cohort, counted from the first period; none when the user
        // started before the data.
        let cohort = if start >= self.first_day {
            self.new_users[(start - self.first_day) as usize] += 1;
            let c = self.period(start);
            self.cohort_size[c as usize] += 1;
            Some(c)
        } else {
            self.count_signup(|c| c.before_data += 1);
            None
        };
        if days.is_empty() {
            self.count_signup(|c| c.without_events += 1);
            return;
        }
        self.users += 1;
        let n = self.dau.len() as i64;
        let mut in_l28 = 0usize;
        for (i, &d) in days.iter().enumerate() {
            let idx = d - self.first_day;
            self.dau[idx as usize] += 1;
            let next = days.get(i + 1).map_or(i64::MAX, |x| x - self.first_day);
            // The user is in the trailing window of every day from d to the
            // window's end, until their next active day takes over.
            for (diff, width) in [(&mut self.wau_diff, 7), (&mut self.mau_diff, 28)] {
                let end = (idx + width).min(next).min(n);
                diff[idx as usize] += 1;
                diff[end as usize] -= 1;
            }
            if d > self.as_of - 28 {
                in_l28 += 1;
            }
        }
        if in_l28 > 0 {
            self.l28[in_l28.min(28) - 1] += 1;
        }
        // Periods: distinct, ascending. New in the cohort's own period;
        // retained after an active period; otherwise resurrected (which
        // includes a first activity in a period after the signup's).
        let mut previous: Option<i64> = None;
        self.offsets.clear();
        for &d in days {
            let p = self.period(d);
            if previous == Some(p) {
                continue;
            }
            if let Some(c) = cohort {
                self.offsets.push((p - c) as usize);
            }
            match previous {
                Some(q) if q == p - 1 => self.growth_retained[p as usize] += 1,
                None if cohort == Some(p) => self.growth_new[p as usize] += 1,
                None => self.growth_resurrected[p as usize] += 1,
                Some(q) => {
                    self.growth_resurrected[p as usize] += 1;
                    self.growth_churned[(q + 1) as usize] += 1;
                }
            }
            previous = Some(p);
        }
        if let Some(c) = cohort {
            count_returns(
                &mut self.cohort_active[c as usize],
                &self.offsets,
                self.config.unbounded_retention,
            );
        }
        // Churned after the last active period, if a later period exists.
        if let Some(q) = previous {
            if q + 1 < self.growth_churned.len() as i64 {
                self.growth_churned[(q + 1) as usize] += 1;
            }
        }
    }

    /// Counts a signup outcome, when signup times were given.
    fn count_signup(&mut self, count: impl FnOnce(&mut SignupSummary)) {
        if let Some(summary) = &mut self.signups {
            count(summary);
        }
    }
}
