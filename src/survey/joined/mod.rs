//! The survey joined to behaviour: each respondent matched to their user in
//! the usage events by the survey's user column, and their answer read
//! against what they did before it. `byEngagement` gives NPS and the Sean
//! Ellis share per L28 tier, the days the user was active in the 28 days
//! ending on the answer's day (Facebook's L28 as the a16z power-user curve
//! reads it); `byAdoption` gives them for the adopters of each named feature
//! (its events used on or before the answer's day) against the rest, with
//! the difference. Days are UTC for the events and as written for the
//! answers (the survey tool's time zone); a day's offset is the resolution.

#[cfg(feature = "events")]
mod build;
pub(crate) mod columns;
pub(crate) mod respondents;
#[cfg(feature = "events")]
mod usage;

use super::metrics::{Change, NpsSummary, PmfSummary};
use crate::input::csv::DetectedColumn;
#[cfg(feature = "events")]
pub(crate) use build::build;
#[cfg(feature = "events")]
pub use build::Behaviour;
use serde::Serialize;

/// The days before each answer (its own day included) engagement is counted over.
pub const WINDOW_DAYS: i64 = 28;

/// The L28 tiers: active days in the window, from..to. The four
/// tiers of a week each, and the respondents not active in the window.
pub const TIERS: [(u32, u32); 5] = [(0, 0), (1, 7), (8, 14), (15, 21), (22, 28)];

/// The survey read against behaviour: `behaviour` in `analyzeSurvey`'s result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SurveyBehaviour {
    /// The survey column the respondents' user ids were read from, and how it was found.
    pub user_column: DetectedColumn,
    /// How many respondents were matched to a user, and why the others were not.
    pub matching: Matching,
    /// The days engagement is counted over, ending on each answer's day: 28.
    pub window_days: u32,
    /// NPS and the Sean Ellis share per tier of active days in the 28 days ending on each
    /// answer's day: 0, 1-7, 8-14, 15-21, 22-28.
    pub by_engagement: Vec<RespondentGroup>,
    /// Per feature in `options.features`: its adopters (who did one of its events on or before
    /// their answer's day) against the other matched respondents.
    pub by_adoption: Vec<AdoptionSplit>,
}

/// Respondents matched to users.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Matching {
    /// Respondents (used rows) read.
    pub respondents: u64,
    /// Of those, matched to a user with a readable answer date: the ones counted below.
    pub matched: u64,
    /// The distinct users they are.
    pub users: u64,
    /// Respondents with no user id.
    pub without_user: u64,
    /// Respondents whose user id is not among `behaviour.userIds`.
    pub unmatched: u64,
    /// Matched respondents whose answer date could not be read.
    pub without_date: u64,
    /// Up to five of the unmatched ids, as the survey writes them.
    pub unmatched_examples: Vec<String>,
}

/// A group of matched respondents: an engagement tier, a feature's adopters or the rest.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RespondentGroup {
    /// What the group is: `0`, `1-7`... active days for a tier; `adopters` or `others`.
    pub label: String,
    /// For a tier, its fewest and most active days.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active_days: Option<[u32; 2]>,
    /// Matched respondents in the group.
    pub respondents: u64,
    /// Their NPS, with its interval; absent without the question or an answer to it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nps: Option<NpsSummary>,
    /// Their Sean Ellis test, with its interval.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pmf: Option<PmfSummary>,
}

/// One feature's adopters against the rest.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AdoptionSplit {
    /// The feature's name in `options.features`.
    pub feature: String,
    /// Its events found in the behaviour (those never seen are warned about).
    pub events: Vec<String>,
    /// The matched respondents who used it on or before their answer's day.
    pub adopters: RespondentGroup,
    /// The other matched respondents.
    pub others: RespondentGroup,
    /// Adopters' NPS minus the others' (`before` the others', `after` the adopters'), with the
    /// two-sample interval, when both groups answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nps_difference: Option<Change>,
    /// Adopters' very disappointed share minus the others', Newcombe's interval.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pmf_difference: Option<Change>,
}
