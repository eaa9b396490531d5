//! The coordination score: how well the plan's parts fit together, 0..100,
//! with its derivation. Each component is a value from 0 to 1; the score is
//! the sum of the components' contributions, 100 x effective weight x value,
//! the effective weights being the nominal ones renormalised over the
//! components that could be assessed (as the analyzer does with dimensions).

use super::dependencies::{LaunchDependencyCheck, LaunchDependencyStatus};
use super::messaging::{LaunchMessagingCheck, LaunchMessagingStatus};
use super::timeline::{LaunchMilestoneState, LaunchTimelineEntry};
use serde::Serialize;

/// Marketing channels for full marks: three, the number the Bullseye
/// framework tests in parallel (Weinberg & Mares, Traction).
pub const MIN_CHANNELS: usize = 3;
/// Source of [`MIN_CHANNELS`], by id in `crate::analyzer::benchmarks::SOURCES`.
pub const MIN_CHANNELS_SOURCE: &str = "traction-bullseye";

/// Nominal weight of sound dependencies.
pub const WEIGHT_DEPENDENCIES: f64 = 0.30;
/// Nominal weight of milestones on schedule.
pub const WEIGHT_SCHEDULE: f64 = 0.20;
/// Nominal weight of aligned messaging.
pub const WEIGHT_MESSAGING: f64 = 0.30;
/// Nominal weight of marketing channels.
pub const WEIGHT_CHANNELS: f64 = 0.10;
/// Nominal weight of a named target audience.
pub const WEIGHT_AUDIENCE: f64 = 0.10;

/// A coordination score of at least this reads as coordinated: the original
/// launch coordinator's line (it asks to align messaging under 90 and gave 95
/// to a fully aligned plan; `launch-original.md`).
pub const READY_SCORE: f64 = 90.0;
/// Highest score of a blocked plan: below [`READY_SCORE`], so a plan that
/// cannot launch as planned never reads as coordinated, however well its
/// other parts fit.
pub const BLOCKED_SCORE_CAP: f64 = READY_SCORE - 1.0;

/// One component of the coordination score.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchScoreComponent {
    /// Which component.
    #[cfg_attr(
        feature = "wasm",
        tsify(
            type = "\"dependencies\" | \"schedule\" | \"messaging\" | \"channels\" | \"audience\""
        )
    )]
    pub component: String,
    /// Its value, 0..1.
    pub value: f64,
    /// Its nominal weight (the five sum to 1).
    pub nominal_weight: f64,
    /// Its weight in the score: the nominal weights renormalised over the assessed components;
    /// 0 when not assessed.
    pub effective_weight: f64,
    /// Points it adds to the score: `100 * effectiveWeight * value`.
    pub contribution: f64,
    /// False when it could not be assessed (schedule without `asOf`, messaging without features).
    pub assessed: bool,
    /// How the value was reached, in words.
    pub detail: String,
}

/// The coordination score and its derivation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchScore {
    /// 0..100: the sum of the components' contributions, capped when the status caps it.
    pub score: f64,
    /// The sum of the components' contributions, before any cap.
    pub uncapped: f64,
    /// The cap applied, when the status caps the score (a blocked plan: below the
    /// ready line, 90).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cap: Option<LaunchScoreCap>,
    /// The components, in a fixed order: dependencies, schedule, messaging, channels, audience.
    pub components: Vec<LaunchScoreComponent>,
}

/// A cap on the coordination score, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchScoreCap {
    /// The highest score allowed.
    pub value: f64,
    /// Why, in words.
    pub reason: String,
}

/// What the score is computed from.
pub(crate) struct ScoreInputs<'a> {
    pub dependencies: &'a [LaunchDependencyCheck],
    pub timeline: &'a [LaunchTimelineEntry],
    pub as_of_given: bool,
    pub messaging: &'a [LaunchMessagingCheck],
    pub channels: usize,
    pub audiences: usize,
}

/// A share as a fraction, 1 when there is nothing to count.
fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

/// Scores the plan.
pub(crate) fn score(inputs: &ScoreInputs) -> LaunchScore {
    let sound = inputs
        .dependencies
        .iter()
        .filter(|d| d.status == LaunchDependencyStatus::Ok)
        .count();
    let total = inputs.dependencies.len();
    let overdue = inputs
        .timeline
        .iter()
        .filter(|m| m.state == LaunchMilestoneState::Overdue)
        .count();
    let milestones = inputs.timeline.len();
    let count = |status| {
        inputs
            .messaging
            .iter()
            .filter(|m| m.status == status)
            .count()
    };
    let (aligned, review) = (
        count(LaunchMessagingStatus::Aligned),
        count(LaunchMessagingStatus::NeedsReview),
    );
    let features = inputs.messaging.len();
    // (component, nominal weight, value if assessed, detail)
    let parts: [(&str, f64, Option<f64>, String); 5] = [
        (
            "dependencies",
            WEIGHT_DEPENDENCIES,
            Some(share(sound, total)),
            if total == 0 {
                "no dependencies declared: nothing broken".into()
            } else {
                format!("{sound} of {total} dependencies sound")
            },
        ),
        (
            "schedule",
            WEIGHT_SCHEDULE,
            inputs
                .as_of_given
                .then(|| share(milestones - overdue, milestones)),
            if inputs.as_of_given {
                format!("{overdue} of {milestones} milestones overdue")
            } else {
                "not assessed: no asOf date".into()
            },
        ),
        (
            "messaging",
            WEIGHT_MESSAGING,
            (features > 0).then(|| (aligned as f64 + 0.5 * review as f64) / features as f64),
            if features > 0 {
                format!(
                    "{aligned} of {features} features aligned (1 each), {review} needing review (0.5 each)"
                )
            } else {
                "not assessed: no new features".into()
            },
        ),
        (
            "channels",
            WEIGHT_CHANNELS,
            Some(share(inputs.channels.min(MIN_CHANNELS), MIN_CHANNELS)),
            format!(
                "{} distinct marketing channels ({MIN_CHANNELS} or more for full marks)",
                inputs.channels
            ),
        ),
        (
            "audience",
            WEIGHT_AUDIENCE,
            Some(if inputs.audiences > 0 { 1.0 } else { 0.0 }),
            format!("{} target audiences named", inputs.audiences),
        ),
    ];
    let assessed_weight: f64 = parts
        .iter()
        .filter(|(_, _, value, _)| value.is_some())
        .map(|(_, weight, _, _)| weight)
        .sum();
    let components: Vec<LaunchScoreComponent> = parts
        .into_iter()
        .map(|(component, weight, value, detail)| {
            let effective_weight = match value {
                Some(_) if assessed_weight > 0.0 => weight / assessed_weight,
                _ => 0.0,
            };
            let v = value.unwrap_or(0.0);
            LaunchScoreComponent {
                component: component.to_string(),
                value: v,
                nominal_weight: weight,
                effective_weight,
                contribution: 100.0 * effective_weight * v,
                assessed: value.is_some(),
                detail,
            }
        })
        .collect();
    // Clamped only against rounding in the last bit: the weights sum to 1.
    let total = components
        .iter()
        .map(|c| c.contribution)
        .sum::<f64>()
        .clamp(0.0, 100.0);
    LaunchScore {
        score: total,
        uncapped: total,
        cap: None,
        components,
    }
}

/// Caps a blocked plan's score below the ready line, and says so in its
/// derivation; other statuses leave it as it is.
pub(crate) fn cap_for_status(
    mut score: LaunchScore,
    blocked: bool,
    blockers: usize,
) -> LaunchScore {
    if blocked {
        score.score = score.uncapped.min(BLOCKED_SCORE_CAP);
        score.cap = Some(LaunchScoreCap {
            value: BLOCKED_SCORE_CAP,
            reason: format!(
                "blocked ({blockers} {}): a plan that cannot launch as planned scores below the ready line ({})",
                if blockers == 1 { "blocker" } else { "blockers" },
                crate::format::format_number(READY_SCORE)
            ),
        });
    }
    score
}
