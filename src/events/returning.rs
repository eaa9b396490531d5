//! Retention by events ("did X, then came back and did Y", as PostHog,
//! Amplitude and Mixpanel offer it): a user's cohort is the period of their
//! first start event, and a period counts when they did the return event in
//! it at or after that start, so a same-day return counts when the two
//! events differ (PostHog #14239). Calendar periods, or 24 h windows from
//! the start event, as the options say; `on` or `on-or-after` as for the
//! activity cohorts.

use crate::calendar::{local_day, MS_PER_DAY};
use crate::events::cohort_cells::count_returns;
use crate::events::config::{period_of, EventsConfig, Period, Window};
use crate::events::elapsed::ElapsedCohorts;
use crate::events::report::{cohorts, Triangle};
use crate::events::result::Cohorts;
use crate::events::user_events::{Event, UserView};

/// The retention triangle counted from each user's start and return events.
pub(crate) struct ReturnTally<'c> {
    config: &'c EventsConfig,
    first_day: i64,
    first_period: i64,
    last_period: i64,
    size: Vec<u64>,
    calendar: Vec<Vec<u64>>,
    elapsed: Option<ElapsedCohorts>,
    offsets: Vec<usize>,
}

impl<'c> ReturnTally<'c> {
    pub(crate) fn new(config: &'c EventsConfig, first_day: i64, as_of: i64) -> ReturnTally<'c> {
        let first_period = period_of(first_day, config);
        let last_period = period_of(as_of, config);
        let p = (last_period - first_period + 1).max(1) as usize;
        let elapsed = (config.window == Window::Elapsed).then(|| ElapsedCohorts {
            active: vec![vec![0; p + 1]; p],
            eligible: vec![vec![0; p + 1]; p],
        });
        ReturnTally {
            config,
            first_day,
            first_period,
            last_period,
            size: vec![0; p],
            calendar: if elapsed.is_some() {
                Vec::new()
            } else {
                (0..p).map(|c| vec![0; p - c]).collect()
            },
            elapsed,
            offsets: Vec::new(),
        }
    }

    /// A user: in the cohort of their start event's period (none before the
    /// first day), returning in the periods of their return events at or
    /// after it.
    pub(crate) fn add_user(&mut self, user: &UserView, events: &[Event]) {
        let Some(start) = user.cohort_start_ms.filter(|t| *t < user.end_ms) else {
            return;
        };
        let c = self.config;
        let start_day = local_day(start, c.utc_offset_minutes);
        if start_day < self.first_day {
            return;
        }
        let cohort = (period_of(start_day, c) - self.first_period) as usize;
        self.size[cohort] += 1;
        // In time order (as runs are), each return's period is at or after
        // the one before.
        let returns = events.iter().filter(|e| e.returns && e.time_ms >= start);
        self.offsets.clear();
        match &mut self.elapsed {
            None => {
                let base = self.first_period + cohort as i64;
                self.offsets.extend(returns.map(|e| {
                    (period_of(local_day(e.time_ms, c.utc_offset_minutes), c) - base) as usize
                }));
                self.offsets.dedup();
                count_returns(
                    &mut self.calendar[cohort],
                    &self.offsets,
                    c.unbounded_retention,
                );
            }
            Some(e) => {
                let len = MS_PER_DAY
                    * match c.period {
                        Period::Day => 1.0,
                        Period::Week => 7.0,
                        Period::Month => 30.0,
                    };
                let width = e.eligible[cohort].len();
                let mature =
                    (libm::floor((user.end_ms - start) / len).max(0.0) as usize).min(width);
                e.eligible[cohort][..mature]
                    .iter_mut()
                    .for_each(|x| *x += 1);
                self.offsets.extend(
                    returns.map(|ev| {
                        (libm::floor((ev.time_ms - start) / len) as usize).min(width - 1)
                    }),
                );
                self.offsets.dedup();
                count_returns(
                    &mut e.active[cohort][..mature],
                    &self.offsets,
                    c.unbounded_retention,
                );
            }
        }
    }

    /// The cohorts, as the activity cohorts are reported.
    pub(crate) fn finish(&self) -> Cohorts {
        let triangle = Triangle {
            size: &self.size,
            calendar: &self.calendar,
            elapsed: self.elapsed.as_ref(),
        };
        cohorts(&triangle, self.first_period, self.last_period, self.config)
    }
}
