//! The launch plan and its options as `checkLaunch` takes them: the shapes
//! TypeScript sees. The reader ([`super::plan`]) works on the loose input,
//! so it can report everything wrong in one pass.

use serde::Serialize;

/// A product launch plan, as `checkLaunch` takes it. Only `productName` and `launchDate` are
/// required.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchPlan {
    /// The product's name.
    pub product_name: String,
    /// The launch day, a calendar date `YYYY-MM-DD`.
    pub launch_date: String,
    /// The features launched: ids as text (`"vectorSearch"`), or `{ id, name?, description? }`.
    /// Ids are unique, ignoring case.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "(string | LaunchFeature)[]"))]
    pub new_features: Option<Vec<LaunchFeature>>,
    /// Who the launch is for (segments, personas).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_audience: Option<Vec<String>>,
    /// Channels the launch is announced through; each counted once, ignoring case.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marketing_channels: Option<Vec<String>>,
    /// Each feature's messaging, at most one entry per feature.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feature_messaging: Option<Vec<LaunchFeatureMessaging>>,
    /// The milestones. Absent or empty: the default timeline (feature freeze 14 days before the
    /// launch, marketing campaign 7 days before, launch, launch review 30 days after; all critical
    /// but the review).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub milestones: Option<Vec<LaunchMilestone>>,
    /// Which milestone depends on which, in either shape: ours, `{ milestone, dependsOn, type? }`,
    /// or the original design's, `{ from, to, type }` (`from` the prerequisite). Absent together
    /// with `milestones`: the default timeline's chain (each default milestone depends on the one
    /// before).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "wasm",
        tsify(type = "(LaunchDependency | LaunchPrerequisite)[]")
    )]
    pub dependencies: Option<Vec<LaunchDependency>>,
    /// The marketing campaigns planned for the launch (the original design's marketing API
    /// shape), checked against the launch date and the channels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marketing_campaigns: Option<Vec<LaunchCampaign>>,
    /// Targets to measure the launch by; each absent one takes its documented default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub success_metrics: Option<LaunchSuccessTargets>,
}

/// A launched feature given as an object.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchFeature {
    /// Its id, as `featureMessaging[].featureId` names it.
    pub id: String,
    /// A display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// How one feature is presented.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchFeatureMessaging {
    /// The feature's id in `newFeatures`.
    pub feature_id: String,
    /// The message itself. Absent or blank: the feature is `misaligned`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub messaging: Option<String>,
    /// Its positioning. Absent or blank: the feature `needs_review`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub positioning: Option<String>,
    /// Its key benefits. None: the feature `needs_review`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_benefits: Option<Vec<String>>,
}

/// One milestone: a name and either a date or an offset from the launch day.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchMilestone {
    /// Its name, unique in the plan ignoring case; dependencies refer to it by it.
    pub name: String,
    /// Its date, `YYYY-MM-DD`. Give this or `offsetDays`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Whole days from the launch day, -3650..3650 (-14 = two weeks before). Give this or `date`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset_days: Option<f64>,
    /// Whether the launch cannot happen without it. Default true: a milestone counts as critical
    /// unless marked otherwise, so a broken dependency is never overlooked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub critical: Option<bool>,
    /// Who is responsible for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Whether it is done. Default false; true when `doneOn` is given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub done: Option<bool>,
    /// The day it was done, `YYYY-MM-DD` (the launch review reads completion by launch from it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub done_on: Option<String>,
    /// What it is (the original design's field), shown with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A milestone and the milestones it depends on (which must come first).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchDependency {
    /// The dependent milestone's name.
    pub milestone: String,
    /// The name, or names, of the milestones it depends on.
    #[cfg_attr(feature = "wasm", tsify(type = "string | string[]"))]
    pub depends_on: Vec<String>,
    /// `timeline` (default: the prerequisite comes first) or `approval` (the milestone waits for
    /// the prerequisite to be done).
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<LaunchDependencyType>,
}

/// A dependency in the original design's shape: `to` waits for `from`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchPrerequisite {
    /// The prerequisite milestone's name.
    pub from: String,
    /// The name of the milestone that waits for it.
    pub to: String,
    /// `timeline`: `from` comes first. `approval`: `to` cannot go ahead until `from` is done; one
    /// not done by `to`'s date blocks the launch.
    #[serde(rename = "type")]
    pub kind: LaunchDependencyType,
}

/// How a milestone depends on another, case-insensitive.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum LaunchDependencyType {
    /// The prerequisite is scheduled first (on the same day at the latest).
    #[default]
    Timeline,
    /// The dependent milestone cannot go ahead until the prerequisite is done.
    Approval,
}

/// A marketing campaign, in the original design's marketing API shape.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchCampaign {
    /// Its id, unique in the plan.
    pub id: String,
    /// Its name; matched against the channels when no `channel` is given.
    pub name: String,
    /// Its kind (`product_launch`, ...), free text.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// First day it runs, `YYYY-MM-DD`.
    pub start_date: String,
    /// Last day it runs, `YYYY-MM-DD`, not before `startDate`.
    pub end_date: String,
    /// `draft`, `scheduled`, `active`, `completed` or `cancelled`, case-insensitive.
    #[cfg_attr(
        feature = "wasm",
        tsify(
            type = "\"draft\" | \"scheduled\" | \"active\" | \"completed\" | \"cancelled\" | string"
        )
    )]
    pub status: String,
    /// The marketing channel it runs in (one of `marketingChannels`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
}

/// Success-metric targets, measured at the launch review (30 days after the launch).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchSuccessTargets {
    /// Share of new accounts that activate, 0..1 (`adoptionData.adoptionRate`). Default: the
    /// b2b-saas benchmark average, 0.36.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adoption: Option<f64>,
    /// New revenue attributed to the launch, in currency units, 0..1e15. No default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revenue_impact: Option<f64>,
    /// CSAT: share of satisfied answers (4 or 5 of 5), 0..1 (`surveyData.csatShare`). Default:
    /// the "good" benchmark, 0.7.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub satisfaction: Option<f64>,
    /// Share of users who use the launched features, 0..1 (`adoptionData.featureAdoptionRates`).
    /// Default: the benchmark average core feature adoption, 0.245.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feature_usage: Option<f64>,
}

/// Options for `checkLaunch`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchOptions {
    /// The day the plan is checked on, `YYYY-MM-DD` ("today"; the library never reads a clock).
    /// Absent: the checks that need it (overdue milestones, days to launch, a launch date already
    /// past) are skipped, and the report says so: the status is then at best `needs_attention`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
}
