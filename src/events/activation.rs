//! Activation: the share of users who did the activation event (or used
//! the activation feature) within `activationWindowDays` of their start,
//! among those who started at least that long before the end of the as-of
//! day; and the Kaplan–Meier time to activation, users not yet activated
//! censored at the end of the as-of day. Users who signed up and never
//! came back count: they started, and did not activate.

use crate::events::features::{sort_u32, time_to_event, RetainedShare, SortedTimes, TimeToEvent};
use crate::events::names::ResolvedNames;
use crate::events::user_events::{Event, UserView};
use crate::retention::kaplan_meier::KaplanMeier;
use serde::Serialize;

/// What the activation was.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Activation {
    /// The activation event, or feature (`options.activationEvent`).
    pub event: String,
    /// Days from a user's start within which activating counts (`options.activationWindowDays`).
    pub window_days: u32,
    /// Users followed: every user who started (signed up, or first came) by the as-of day.
    pub users: u64,
    /// Users who started at least `windowDays` before the end of the as-of day.
    pub eligible: u64,
    /// Of them, those who activated within `windowDays` of their start.
    pub activated: u64,
    /// activated / eligible: `adoptionData.adoptionRate` (0 when none is eligible).
    pub rate: f64,
    /// Wilson 95% interval of the rate.
    pub interval: [f64; 2],
    /// Time from start to activation (Kaplan–Meier): its median is `adoptionData.timeToAdoption`.
    pub time_to_activation: TimeToEvent,
    /// The estimated share activated within each whole number of days, from 0 to the longest
    /// follow-up (at most 90).
    pub curve: Vec<ActivationPoint>,
}

/// One day of the time-to-activation curve.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ActivationPoint {
    /// Days since start.
    pub day: u32,
    /// Estimated share activated within `day` days (1 - the Kaplan–Meier survival).
    pub activated: f64,
    /// Its 95% pointwise interval (log-log).
    pub interval: [f64; 2],
}

/// Longest curve returned, in days.
const MAX_CURVE_DAYS: u32 = 90;

/// Activation counted over the users.
pub(crate) struct ActivationTally {
    slot: u32,
    /// Per event slot, whether it is the activation.
    activates: Vec<bool>,
    window_ms: f64,
    window_days: u32,
    follow_up: Vec<u32>,
    first_use: Vec<u32>,
    activator_follow_up: Vec<u32>,
    eligible: u64,
    activated: u64,
}

impl ActivationTally {
    pub(crate) fn new(slot: u32, window_days: u32, names: &ResolvedNames) -> ActivationTally {
        ActivationTally {
            slot,
            activates: names.counts_as(slot),
            window_ms: f64::from(window_days) * 86_400_000.0,
            window_days,
            follow_up: Vec::new(),
            first_use: Vec::new(),
            activator_follow_up: Vec::new(),
            eligible: 0,
            activated: 0,
        }
    }

    /// A user who started (with or without events).
    pub(crate) fn add_user(&mut self, user: &UserView, events: &[Event]) {
        let follow_up = user.follow_up_seconds();
        // The events are in time order: the first activation is the earliest.
        let first_ms = events
            .iter()
            .find(|e| self.activates.get(e.slot as usize) == Some(&true))
            .map(|e| e.time_ms);
        self.follow_up.push(follow_up);
        if let Some(t) = first_ms {
            self.first_use.push(user.seconds_since_start(t));
            self.activator_follow_up.push(follow_up);
        }
        // The window in milliseconds, exactly (the curve is in whole seconds).
        if user.end_ms - user.start_ms >= self.window_ms {
            self.eligible += 1;
            self.activated +=
                u64::from(first_ms.is_some_and(|t| t - user.start_ms <= self.window_ms));
        }
    }

    pub(crate) fn finish(mut self, names: &ResolvedNames) -> Activation {
        sort_u32(&mut self.follow_up);
        sort_u32(&mut self.first_use);
        sort_u32(&mut self.activator_follow_up);
        report(
            activation_name(names, self.slot),
            self.window_days,
            &SortedTimes::Each(self.follow_up),
            &SortedTimes::Each(self.first_use),
            &SortedTimes::Each(self.activator_follow_up),
            (self.eligible, self.activated),
        )
    }
}

/// The activation's event, or feature, name.
pub(crate) fn activation_name(names: &ResolvedNames, slot: u32) -> String {
    let slot = slot as usize;
    match slot.checked_sub(names.events.len()) {
        None => names.events.get(slot).cloned().unwrap_or_default(),
        Some(j) => names
            .features
            .get(j)
            .map(|f| f.0.clone())
            .unwrap_or_default(),
    }
}

/// The activation from everyone's follow-up, the activators' first
/// activation and follow-up (whole seconds from their start), and the
/// (eligible, activated) counts of the window.
pub(crate) fn report(
    event: String,
    window_days: u32,
    follow_up: &SortedTimes,
    first_use: &SortedTimes,
    activator_follow_up: &SortedTimes,
    (eligible, activated): (u64, u64),
) -> Activation {
    let km: KaplanMeier = time_to_event(follow_up, first_use, activator_follow_up);
    let longest = follow_up.max().map_or(0, |s| s / 86_400);
    let curve = (0..=longest.min(MAX_CURVE_DAYS))
        .map(|day| {
            let (s, [lo, hi]) = km.survival_at(f64::from(day), 0.95);
            ActivationPoint {
                day,
                activated: 1.0 - s,
                interval: [1.0 - hi, 1.0 - lo],
            }
        })
        .collect();
    // The rate and its Wilson interval, as a retained share is given.
    let share = RetainedShare::of(activated, eligible);
    let users = follow_up.total();
    Activation {
        event,
        window_days,
        users,
        eligible,
        activated,
        rate: share.rate,
        interval: share.interval,
        time_to_activation: TimeToEvent::of(&km, first_use.total(), users),
        curve,
    }
}
