//! One user's events as the feature, activation and session tallies read
//! them, and the user's start, follow-up and cohort windows.

/// An event with no session id.
pub(crate) const NO_SESSION: u32 = u32::MAX;

/// One event of a user, as the tallies read it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Event {
    pub(crate) time_ms: f64,
    /// Its event name's slot (0 when there are no names).
    pub(crate) slot: u32,
    pub(crate) session: u32,
    /// Whether it counts as returning for retention (`returnEvent`, else any).
    pub(crate) returns: bool,
}

/// A user as the tallies see them: when they started, how long they are
/// followed, and their cohort windows.
#[derive(Debug, Clone, Copy)]
pub(crate) struct UserView {
    /// The user's id.
    pub(crate) user: u32,
    /// Signup, or the first event when earlier or no signup is known (ms).
    pub(crate) start_ms: f64,
    /// The end of the as-of day (ms).
    pub(crate) end_ms: f64,
    /// Where the trailing 28 days ending on the as-of day begin (ms).
    pub(crate) recent_from_ms: f64,
    /// When the user's retention cohort starts: their first `startEvent`, else their start;
    /// absent when they never did the start event.
    pub(crate) cohort_start_ms: Option<f64>,
    /// The user's first cohort period and the one retention is read at;
    /// absent when the user started before the data or no horizon exists.
    pub(crate) windows: Option<Windows>,
}

/// A user's first period and the period retention is read at, in ms.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Windows {
    pub(crate) first_end_ms: f64,
    pub(crate) horizon_start_ms: f64,
    pub(crate) horizon_end_ms: f64,
    /// Whether the horizon period is over (the cell is complete).
    pub(crate) eligible: bool,
}

impl UserView {
    /// Whole seconds from the start to `t` (never negative).
    pub(crate) fn seconds_since_start(&self, t: f64) -> u32 {
        seconds(t - self.start_ms)
    }

    /// Whole seconds the user is followed: from their start to the end of
    /// the as-of day.
    pub(crate) fn follow_up_seconds(&self) -> u32 {
        seconds(self.end_ms - self.start_ms)
    }
}

fn seconds(ms: f64) -> u32 {
    // The cast truncates, which is the floor once clamped to non-negative.
    (ms / 1000.0).clamp(0.0, f64::from(u32::MAX - 1)) as u32
}

/// The earlier of two times (or any two numbers), neither NaN: a
/// comparison, because `f64::min` is a call in wasm (for its NaN rule) and
/// the events' loops take it millions of times.
pub(crate) fn earlier(a: f64, b: f64) -> f64 {
    if b < a {
        b
    } else {
        a
    }
}

/// The later of two times, neither NaN (see [`earlier`]).
pub(crate) fn later(a: f64, b: f64) -> f64 {
    if b > a {
        b
    } else {
        a
    }
}
