//! Launch readiness: checks a product launch plan's timeline, dependencies
//! and messaging, scores how well they fit together, and says whether the
//! launch is ready, with the reasons and what to do.
//!
//! Deterministic: no clock is read. The day the plan is checked on is the
//! `asOf` option; without it the checks that need a "today" are skipped and
//! the report says so. Dates are calendar dates, handled as day numbers
//! ([`crate::calendar`]), so month ends, leap days and year ends need no
//! special care. The rules, thresholds and their sources are in
//! docs/methodology.md, "Launch readiness".
//!
//! ```
//! use market_validation::launch::{check_launch, sample_plan_json, LaunchStatus, SAMPLE_AS_OF};
//! use market_validation::RawValue;
//!
//! let plan = RawValue::from_json_str(sample_plan_json()).unwrap();
//! let options = RawValue::from_json_str(&format!(r#"{{"asOf": "{SAMPLE_AS_OF}"}}"#)).unwrap();
//! let report = check_launch(&plan, &options).unwrap();
//! assert_eq!(report.days_to_launch, Some(45));
//! // "Launch" depends on "Sales team training", which the plan does not have.
//! assert_eq!(report.status, LaunchStatus::Blocked);
//! assert_eq!(report.status_reasons[0].code, "unknown_dependency");
//! ```

mod campaigns;
mod defaults;
mod dependencies;
mod findings;
mod messaging;
mod placeholder;
mod plan;
#[cfg(feature = "events")]
mod review;
mod rules;
mod score;
mod shapes;
mod success;
mod timeline;

pub use campaigns::{LaunchCampaignCheck, DRAFT_WARNING_DAYS};
pub use defaults::{DefaultMilestone, DEFAULT_DEPENDENCIES, DEFAULT_TIMELINE, LAUNCH_REVIEW_DAYS};
pub use dependencies::{
    LaunchCriticalPath, LaunchCycle, LaunchDependencyCheck, LaunchDependencyStatus,
    MAX_HINTED_NAMES,
};
pub use findings::{LaunchFindingLevel, LaunchReason, LaunchRecommendation, LaunchStatus};
pub use messaging::{
    LaunchMessagingCheck, LaunchMessagingStatus, MAX_COMPARED_WORDS, SIMILAR_SHARE_PERCENT,
};
pub use plan::{MAX_DEPENDENCY_PAIRS, MAX_OFFSET_DAYS};
#[cfg(feature = "events")]
pub use review::{
    review_launch, LaunchCriterion, LaunchCriterionStatus, LaunchEvents, LaunchRevenue,
    LaunchReview, LaunchReviewOptions, ADOPTION_TARGET, COMPLETION_TARGET,
    ON_TIME_SHARE_OF_DURATION,
};
pub use rules::CRITICAL_WINDOW_DAYS;
pub use score::{
    LaunchScore, LaunchScoreCap, LaunchScoreComponent, BLOCKED_SCORE_CAP, MIN_CHANNELS,
    MIN_CHANNELS_SOURCE, READY_SCORE, WEIGHT_AUDIENCE, WEIGHT_CHANNELS, WEIGHT_DEPENDENCIES,
    WEIGHT_MESSAGING, WEIGHT_SCHEDULE,
};
pub use shapes::{
    LaunchCampaign, LaunchDependency, LaunchDependencyType, LaunchFeature, LaunchFeatureMessaging,
    LaunchMilestone, LaunchOptions, LaunchPlan, LaunchPrerequisite, LaunchSuccessTargets,
};
pub use success::{default_target, LaunchSuccessMetric, TARGET_PRESET};
pub use timeline::{LaunchMilestoneState, LaunchTimelineEntry};

use crate::analyzer::benchmarks::{Source, SOURCES};
use crate::calendar::iso_date;
use crate::input::problem::InputError;
use crate::input::raw::RawValue;
use serde::Serialize;
use std::collections::BTreeMap;

/// The as-of day the sample plan is meant to be checked on: 45 days before
/// its launch.
pub const SAMPLE_AS_OF: &str = "2027-01-01";

/// The built-in sample plan, as JSON: the original design's own example (a
/// launch 45 days after [`SAMPLE_AS_OF`], four marketing channels, three
/// features with messaging), including its dependency on "Sales team
/// training", a milestone the plan does not have.
pub fn sample_plan_json() -> &'static str {
    include_str!("sample_plan.json")
}

/// What `checkLaunch` found.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchReport {
    /// The product's name.
    pub product_name: String,
    /// The launch day, `YYYY-MM-DD`.
    pub launch_date: String,
    /// The day the plan was checked on, as given; absent without `options.asOf`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// Days from `asOf` to the launch (negative once past); absent without `asOf`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_to_launch: Option<i64>,
    /// `blocked` when any blocker was found (a broken critical dependency), else
    /// `needs_attention` when anything needs attention, else `ready`.
    pub status: LaunchStatus,
    /// The findings that decided the status: all those at its level. Empty when ready.
    pub status_reasons: Vec<LaunchReason>,
    /// The milestones by date (ties in plan order).
    pub timeline: Vec<LaunchTimelineEntry>,
    /// True when the plan gave no milestones and the default timeline was used.
    pub default_timeline: bool,
    /// Every "milestone depends on milestone" pair, checked, in plan order.
    pub dependencies: Vec<LaunchDependencyCheck>,
    /// The loops of dependencies, by their first milestone in plan order.
    pub cycles: Vec<LaunchCycle>,
    /// The longest chain of critical milestones along sound dependencies.
    pub critical_path: LaunchCriticalPath,
    /// Each feature's messaging, checked, in `newFeatures` order.
    pub messaging: Vec<LaunchMessagingCheck>,
    /// Each marketing campaign, checked, in plan order (empty when the plan gives none).
    pub campaigns: Vec<LaunchCampaignCheck>,
    /// The coordination score, 0..100, with its derivation.
    pub score: LaunchScore,
    /// The targets the launch is measured by at its review.
    pub success_metrics: Vec<LaunchSuccessMetric>,
    /// Everything to do, blockers first, each with what was found and why.
    pub recommendations: Vec<LaunchRecommendation>,
    /// The sources cited by `recommendations` and `successMetrics`, by id.
    pub sources: Vec<Source>,
}

/// Checks a launch plan (see [`LaunchPlan`] for its shape) as of the day in
/// `options.asOf` ([`LaunchOptions`]). Problems in the plan and in the
/// options are reported together, every one with its field path.
///
/// ```
/// use market_validation::launch::{check_launch, LaunchStatus};
/// use market_validation::RawValue;
///
/// let plan = RawValue::from_json_str(r#"{
///     "productName": "Acme Search", "launchDate": "2028-03-10",
///     "newFeatures": ["search"], "targetAudience": ["developers"],
///     "marketingChannels": ["blog", "newsletter", "webinar"],
///     "featureMessaging": [{ "featureId": "search", "messaging": "Find anything in milliseconds.",
///                            "positioning": "Search for developers", "keyBenefits": ["Speed"] }]
/// }"#).unwrap();
/// let options = RawValue::from_json_str(r#"{ "asOf": "2028-01-15" }"#).unwrap();
/// let report = check_launch(&plan, &options).unwrap();
/// // No milestones given: the default timeline, feature freeze 14 days before the launch
/// // (across the leap day of 2028).
/// assert_eq!(report.timeline[0].name, "Feature freeze");
/// assert_eq!(report.timeline[0].date, "2028-02-25");
/// assert_eq!(report.status, LaunchStatus::Ready);
/// assert_eq!(report.score.score, 100.0);
///
/// // Bad input: every problem at once, each with its path.
/// let bad = RawValue::from_json_str(r#"{ "productName": "", "launchDate": "2027-02-30",
///     "milestones": [{ "name": "Beta", "dat": "2027-01-01" }] }"#).unwrap();
/// let err = check_launch(&bad, &RawValue::Null).unwrap_err();
/// let paths: Vec<&str> = err.problems.iter().map(|p| p.path.as_str()).collect();
/// assert_eq!(paths, ["productName", "launchDate", "milestones[0].dat", "milestones[0]"]);
/// assert_eq!(err.problems[1].hint.as_deref(), Some("2027-02 has 28 days"));
/// assert_eq!(err.problems[2].hint.as_deref(), Some("did you mean date?"));
/// ```
pub fn check_launch(plan: &RawValue, options: &RawValue) -> Result<LaunchReport, InputError> {
    match (plan::read_plan(plan), plan::read_options(options)) {
        (Ok(plan), Ok(as_of)) => Ok(report(&plan, as_of)),
        (Err(mut problems), Err(more)) => {
            problems.extend(more);
            Err(InputError::new("launch plan and options", problems))
        }
        (Err(problems), Ok(_)) => Err(InputError::new("launch plan", problems)),
        (Ok(_), Err(problems)) => Err(InputError::new("launch options", problems)),
    }
}

/// Most other features named in one messaging reason (the rest are
/// counted): shared by the copy, similarity and placeholder checks.
const MAX_NAMED: usize = 5;

/// A name in double quotes (JSON-escaped), for messages.
fn quoted(name: &str) -> String {
    serde_json::Value::String(name.to_string()).to_string()
}

/// "1 day", "5 days".
fn days(n: i64) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

/// Distinct names, ignoring case and surrounding spaces.
fn distinct(names: &[String]) -> usize {
    let mut keys = Positions::default();
    for name in names {
        keys.add(&plan::name_key(name));
    }
    keys.len()
}

/// Names and their positions: the one map of the launch checks.
///
/// Wasm size: a B-tree map's code is generated for every key and value type
/// it is used with (2 to 3 KB each in the optimised build, and a sort for
/// each `collect` into one), so every lookup by name here goes through this
/// one `BTreeMap<String, u64>`, the type the survey tally already uses, and
/// lookups by position use vectors.
#[derive(Debug, Default)]
pub(crate) struct Positions {
    map: BTreeMap<String, u64>,
}

impl Positions {
    /// Each name at its position in `names` (a name listed twice, at its
    /// last position, as `collect` into a map would have it).
    pub(crate) fn of<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut positions = Positions::default();
        for (i, name) in names.into_iter().enumerate() {
            positions.map.insert(name.to_string(), i as u64);
        }
        positions
    }

    /// The position of `name`, if it has one.
    pub(crate) fn get(&self, name: &str) -> Option<usize> {
        self.map.get(name).map(|&i| i as usize)
    }

    /// The position of `name`; a name not seen before takes the next one
    /// (the number of names so far).
    pub(crate) fn add(&mut self, name: &str) -> usize {
        if let Some(i) = self.get(name) {
            return i;
        }
        let next = self.map.len();
        self.map.insert(name.to_string(), next as u64);
        next
    }

    /// How many names there are.
    pub(crate) fn len(&self) -> usize {
        self.map.len()
    }
}

/// Positions `0..keys.len()` ordered by their keys, ties in position order:
/// a stable sort by key. Wasm size: the launch checks' one sort, on
/// (key, position) pairs, which are distinct, so an unstable sort of them
/// is stable in the key.
fn key_order(keys: impl IntoIterator<Item = i64>) -> Vec<usize> {
    let mut pairs: Vec<(i64, usize)> = keys.into_iter().zip(0..).collect();
    pairs.sort_unstable();
    pairs.into_iter().map(|(_, i)| i).collect()
}

fn report(plan: &plan::Plan, as_of: Option<i64>) -> LaunchReport {
    let schedule = timeline::schedule(plan);
    let timeline = timeline::timeline(&schedule.milestones, plan.launch_day, as_of);
    let dependencies = dependencies::check(&schedule.milestones, &schedule.dependencies, as_of);
    let messaging = messaging::check(&plan.features, &plan.messaging);
    let success_metrics = success::success_metrics(&plan.targets, plan.launch_day);
    let channels = distinct(&plan.marketing_channels);
    let audiences = distinct(&plan.target_audience);
    let mut found = rules::findings(&rules::RuleInputs {
        plan,
        as_of,
        timeline: &timeline,
        dependencies: &dependencies,
        messaging: &messaging,
        channels,
        audiences,
        success: &success_metrics,
    });
    // The campaigns' findings after the rules' (their order is the report's).
    let (campaigns, campaign_findings) = campaigns::check(plan, as_of);
    found.extend(campaign_findings);
    let score = score::score(&score::ScoreInputs {
        dependencies: &dependencies.checks,
        timeline: &timeline,
        as_of_given: as_of.is_some(),
        messaging: &messaging.checks,
        channels,
        audiences,
    });
    let (status, status_reasons) = findings::status(&found);
    let score = score::cap_for_status(score, status == LaunchStatus::Blocked, status_reasons.len());
    let recommendations = findings::recommendations(&found);
    let cited: Vec<&str> = recommendations
        .iter()
        .filter_map(|r| r.source.as_deref())
        .chain(success_metrics.iter().filter_map(|m| m.source.as_deref()))
        .collect();
    let sources = SOURCES
        .iter()
        .filter(|s| cited.contains(&s.id))
        .cloned()
        .collect();
    LaunchReport {
        product_name: plan.product_name.clone(),
        launch_date: iso_date(plan.launch_day),
        as_of: as_of.map(iso_date),
        days_to_launch: as_of.map(|today| plan.launch_day - today),
        status,
        status_reasons,
        timeline,
        default_timeline: schedule.default_timeline,
        dependencies: dependencies.checks,
        cycles: dependencies.cycles,
        critical_path: dependencies.critical_path,
        messaging: messaging.checks,
        campaigns,
        score,
        success_metrics,
        recommendations,
        sources,
    }
}
