//! The launch timeline: the plan's milestones (or the default ones) in date
//! order, each placed relative to the launch day and to the as-of day.

use super::defaults::{DEFAULT_DEPENDENCIES, DEFAULT_TIMELINE};
use super::plan::{DependencyPair, Milestone, Plan};
use super::shapes::LaunchDependencyType;
use crate::calendar::iso_date;
use serde::Serialize;

/// Where a milestone stands on the as-of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum LaunchMilestoneState {
    /// Marked done.
    Done,
    /// Not done, and its date is before the as-of day.
    Overdue,
    /// Not done, and not known to be late: its date is on or after the as-of day, or no as-of
    /// day was given.
    Open,
}

/// One milestone of the timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchTimelineEntry {
    /// Its name.
    pub name: String,
    /// Its date, `YYYY-MM-DD`.
    pub date: String,
    /// Days from the launch day (negative before it).
    pub offset_days: i64,
    /// Days from the as-of day (negative when past); absent without `asOf`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_from_as_of: Option<i64>,
    /// Whether the launch cannot happen without it.
    pub critical: bool,
    /// Who is responsible for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Whether it is marked done.
    pub done: bool,
    /// The day it was done, `YYYY-MM-DD`, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub done_on: Option<String>,
    /// What it is, when given (the default timeline's carry the original design's words).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Where it stands on the as-of day.
    pub state: LaunchMilestoneState,
    /// Where it is in the input (`milestones[2]`); absent for the default timeline's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

/// The milestones and dependencies the checks work on.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Schedule {
    /// In plan order.
    pub milestones: Vec<Milestone>,
    /// In plan order.
    pub dependencies: Vec<DependencyPair>,
    /// True when the plan gave no milestones.
    pub default_timeline: bool,
}

/// The plan's milestones and dependencies, or the defaults where absent.
pub(crate) fn schedule(plan: &Plan) -> Schedule {
    let milestones = match &plan.milestones {
        Some(list) => list.clone(),
        None => DEFAULT_TIMELINE
            .iter()
            .map(|d| Milestone {
                name: d.name.to_string(),
                day: plan.launch_day + d.offset_days,
                critical: d.critical,
                owner: None,
                done: false,
                done_on: None,
                description: Some(d.description.to_string()),
                path: None,
            })
            .collect(),
    };
    let dependencies = match (&plan.dependencies, &plan.milestones) {
        (Some(pairs), _) => pairs.clone(),
        (None, Some(_)) => Vec::new(),
        (None, None) => DEFAULT_DEPENDENCIES
            .iter()
            .map(|(milestone, depends_on)| DependencyPair {
                milestone: milestone.to_string(),
                depends_on: depends_on.to_string(),
                kind: LaunchDependencyType::Timeline,
                path: None,
            })
            .collect(),
    };
    Schedule {
        milestones,
        dependencies,
        default_timeline: plan.milestones.is_none(),
    }
}

/// Where a milestone stands on the as-of day.
fn state(milestone: &Milestone, as_of: Option<i64>) -> LaunchMilestoneState {
    match as_of {
        _ if milestone.done => LaunchMilestoneState::Done,
        Some(today) if milestone.day < today => LaunchMilestoneState::Overdue,
        _ => LaunchMilestoneState::Open,
    }
}

/// The timeline: milestones by date, ties in plan order.
pub(crate) fn timeline(
    milestones: &[Milestone],
    launch_day: i64,
    as_of: Option<i64>,
) -> Vec<LaunchTimelineEntry> {
    // Plan order among milestones of the same day.
    super::key_order(milestones.iter().map(|m| m.day))
        .into_iter()
        .filter_map(|i| milestones.get(i))
        .map(|m| LaunchTimelineEntry {
            name: m.name.clone(),
            date: iso_date(m.day),
            offset_days: m.day - launch_day,
            days_from_as_of: as_of.map(|today| m.day - today),
            critical: m.critical,
            owner: m.owner.clone(),
            done: m.done,
            done_on: m.done_on.map(iso_date),
            description: m.description.clone(),
            state: state(m, as_of),
            path: m.path.clone(),
        })
        .collect()
}
