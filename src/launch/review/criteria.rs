//! The review's criteria, each judged from its data: the original design's
//! four success criteria ("Launch completed within 5% of target date", "90%
//! feature completion by launch", "25% customer adoption within 30 days",
//! "4.5+ customer satisfaction score"), and the plan's success metrics
//! (feature usage, satisfaction as a CSAT share, revenue impact) against
//! their targets. Shares measured on users carry a 95% Wilson interval.

use super::options::ReviewOptions;
use super::usage::{Usage, ADOPTION_WINDOW_DAYS};
use crate::calendar::iso_date;
use crate::launch::days;
use crate::launch::plan::{Milestone, Plan};
use crate::launch::success::success_metrics;
use crate::stats;
use serde::Serialize;

/// A launch is on time when it is within this share of the planned
/// duration of its date (the original's "within 5% of target date").
pub const ON_TIME_SHARE_OF_DURATION: f64 = 0.05;
/// Share of the pre-launch milestones done by the launch (the original's
/// "90% feature completion by launch").
pub const COMPLETION_TARGET: f64 = 0.9;
/// Share of active users who use a new feature within 30 days of the
/// launch (the original's "25% customer adoption within 30 days").
pub const ADOPTION_TARGET: f64 = 0.25;
/// The usage window ending on the review day (as `analyzeEvents` reads usage).
const USAGE_DAYS: i64 = 28;
/// The original's satisfaction target: a mean of 4.5 on 1..5.
const ORIGINAL_SATISFACTION_MEAN: f64 = 4.5;

/// How a criterion came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum LaunchCriterionStatus {
    /// The figure reaches its target.
    Met,
    /// It does not.
    NotMet,
    /// Not measurable yet (the window is not over: see `measurableOn`), or not from the data
    /// given (see `basis`).
    NotYetMeasurable,
}

/// One criterion of the review.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchCriterion {
    /// `on_time`, `feature_completion`, `customer_adoption`, `feature_usage`,
    /// `customer_satisfaction` or `revenue_impact`.
    pub id: String,
    /// The criterion in words.
    pub criterion: String,
    /// How it came out.
    pub status: LaunchCriterionStatus,
    /// The figure, in `unit` (so far, when not yet measurable).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Its 95% interval, for shares of users (Wilson) and the survey's CSAT share.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<[f64; 2]>,
    /// The target, in `unit` (for `on_time`: the days of slip allowed either way).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// `days`, `fraction 0..1` or `currency units`.
    pub unit: String,
    /// When it becomes measurable, `YYYY-MM-DD`, when that is a matter of time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measurable_on: Option<String>,
    /// The data behind it, in words.
    pub basis: String,
    /// The source of the target, by id in the analyzer's sources; absent for the original
    /// design's criteria (docs/methodology.md) and targets the plan gives.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// What the criteria are judged from.
pub(crate) struct Inputs<'a> {
    pub plan: &'a Plan,
    /// The plan's milestones, or the default timeline's.
    pub milestones: &'a [Milestone],
    pub options: &'a ReviewOptions,
    /// The day it launched (given, or the planned one).
    pub launched: i64,
    pub usage: Option<&'a Usage>,
}

const FRACTION: &str = "fraction 0..1";

/// Every criterion, in the report's order.
pub(crate) fn all(i: &Inputs) -> Vec<LaunchCriterion> {
    let targets = success_metrics(&i.plan.targets, i.plan.launch_day);
    let target_of = |key: &str| {
        targets
            .iter()
            .find(|m| m.metric == key)
            .map(|m| (m.target, m.source.clone()))
            .unwrap_or((None, None))
    };
    vec![
        on_time(i),
        completion(i),
        adoption(i),
        feature_usage(i, target_of("featureUsage")),
        satisfaction(i, target_of("satisfaction")),
        revenue(i, target_of("revenueImpact").0),
    ]
}

fn criterion(id: &str, text: &str, unit: &str) -> LaunchCriterion {
    LaunchCriterion {
        id: id.to_string(),
        criterion: text.to_string(),
        status: LaunchCriterionStatus::NotYetMeasurable,
        value: None,
        interval: None,
        target: None,
        unit: unit.to_string(),
        measurable_on: None,
        basis: String::new(),
        source: None,
    }
}

fn judged(met: bool) -> LaunchCriterionStatus {
    if met {
        LaunchCriterionStatus::Met
    } else {
        LaunchCriterionStatus::NotMet
    }
}

fn percent(share: f64) -> String {
    crate::format::format_number((share * 1000.0).round() / 10.0) + "%"
}

fn on_time(i: &Inputs) -> LaunchCriterion {
    let mut c = criterion(
        "on_time",
        "launched within 5% of the planned duration of its date",
        "days",
    );
    let planned = i.plan.launch_day;
    let first = i
        .milestones
        .iter()
        .map(|m| m.day)
        .filter(|&d| d < planned)
        .min()
        .unwrap_or(planned);
    let duration = (planned - first).max(1);
    let allowed = ON_TIME_SHARE_OF_DURATION * duration as f64;
    c.target = Some(allowed);
    let plan_words = format!(
        "planned for {}, {} after its first milestone ({}): 5% of that is {} days either way",
        iso_date(planned),
        days(duration),
        iso_date(planned - duration),
        // Shown to the hundredth of a day (0.05 x 28 is 1.4000000000000001 in binary).
        crate::format::format_number((allowed * 100.0).round() / 100.0)
    );
    let given = i.options.launched_on.is_some();
    if !given && i.options.as_of < planned {
        c.measurable_on = Some(iso_date(planned));
        c.basis = format!("{plan_words}; the launch day has not come");
        return c;
    }
    let slip = i.launched - planned;
    c.value = Some(slip as f64);
    c.status = judged((slip.abs() as f64) <= allowed);
    let when = match slip {
        0 => "on the day".to_string(),
        s if s > 0 => format!("{} late", days(s)),
        s => format!("{} early", days(-s)),
    };
    c.basis = if given {
        format!("{plan_words}; launched on {}, {when}", iso_date(i.launched))
    } else {
        format!("{plan_words}; options.launchedOn not given, so the planned day is taken as the launch day (pass it if the launch moved)")
    };
    c
}

fn completion(i: &Inputs) -> LaunchCriterion {
    let mut c = criterion(
        "feature_completion",
        "90% of the milestones due by the launch done by it",
        FRACTION,
    );
    c.target = Some(COMPLETION_TARGET);
    let due: Vec<&Milestone> = i
        .milestones
        .iter()
        .filter(|m| m.day <= i.plan.launch_day)
        .collect();
    if due.is_empty() {
        c.basis = "no milestone is dated on or before the launch".into();
        return c;
    }
    if i.options.as_of < i.launched {
        c.measurable_on = Some(iso_date(i.launched));
        c.basis = format!(
            "{} milestones are due by the launch on {}, which has not come",
            due.len(),
            iso_date(i.launched)
        );
        return c;
    }
    let done_by = |m: &&&Milestone| m.done && m.done_on.is_none_or(|d| d <= i.launched);
    let done = due.iter().filter(done_by).count();
    let undated = due.iter().filter(|m| m.done && m.done_on.is_none()).count();
    let late: Vec<String> = due
        .iter()
        .filter(|m| m.done_on.is_some_and(|d| d > i.launched))
        .map(|m| format!("\"{}\"", m.name))
        .collect();
    let open: Vec<String> = due
        .iter()
        .filter(|m| !m.done)
        .map(|m| format!("\"{}\"", m.name))
        .collect();
    let share = done as f64 / due.len() as f64;
    c.value = Some(share);
    c.status = judged(share >= COMPLETION_TARGET);
    let mut basis = format!(
        "{done} of the {} milestones due by the launch were done by {}",
        due.len(),
        iso_date(i.launched)
    );
    if undated > 0 {
        basis += &format!(" ({undated} marked done without doneOn, counted as done by then)");
    }
    if !late.is_empty() {
        basis += &format!("; done after it: {}", late.join(", "));
    }
    if !open.is_empty() {
        basis += &format!("; not done: {}", open.join(", "));
    }
    c.basis = basis;
    c
}

/// A share of users, judged against `target` once measurable.
fn share_of_users(c: &mut LaunchCriterion, users: u64, of: u64, target: Option<f64>) {
    if of == 0 {
        return;
    }
    let share = users as f64 / of as f64;
    let (lo, hi) = stats::wilson(users as f64, of as f64, stats::z_for_confidence(0.95));
    c.value = Some(share);
    c.interval = Some([lo, hi]);
    if c.measurable_on.is_none() {
        if let Some(t) = target {
            c.status = judged(share >= t);
        }
    }
}

/// Whether the events reach `day`; the basis says when they do not.
fn covers(usage: &Usage, day: i64, c: &mut LaunchCriterion) -> bool {
    match usage.last_day {
        Some(last) if last >= day => true,
        last => {
            c.basis = format!(
                "the events end on {}, before {} (the end of the days counted): pass the events up to then",
                last.map_or("(no activity)".to_string(), iso_date),
                iso_date(day)
            );
            false
        }
    }
}

fn absent_note(usage: &Usage) -> String {
    if usage.absent.is_empty() {
        return String::new();
    }
    let names: Vec<String> = usage
        .absent
        .iter()
        .map(|(n, closest)| match closest {
            Some(c) => format!("\"{n}\" (did you mean \"{c}\"?)"),
            None => format!("\"{n}\""),
        })
        .collect();
    format!("; named but never in the data: {}", names.join(", "))
}

fn adoption(i: &Inputs) -> LaunchCriterion {
    let mut c = criterion(
        "customer_adoption",
        "25% of the users active in the 30 days from the launch used a new feature in them",
        FRACTION,
    );
    c.target = Some(ADOPTION_TARGET);
    let end = i.launched + ADOPTION_WINDOW_DAYS - 1;
    let Some(usage) = i.usage else {
        c.basis = "no events given (options.events, with event names)".into();
        return c;
    };
    if i.options.as_of < end + 1 {
        c.measurable_on = Some(iso_date(end + 1));
    } else if !covers(usage, end, &mut c) {
        return c;
    }
    share_of_users(
        &mut c,
        usage.window_adopters,
        usage.window_active,
        Some(ADOPTION_TARGET),
    );
    let per: Vec<String> = usage
        .per_feature
        .iter()
        .map(|(f, n)| format!("{f}: {n}"))
        .collect();
    c.basis = format!(
        "{} of {} users active from {} to {}{} used a new feature ({}){}",
        usage.window_adopters,
        usage.window_active,
        iso_date(i.launched),
        iso_date(end),
        if c.measurable_on.is_some() {
            " so far"
        } else {
            ""
        },
        per.join(", "),
        absent_note(usage)
    );
    c
}

fn feature_usage(i: &Inputs, (target, source): (Option<f64>, Option<String>)) -> LaunchCriterion {
    let mut c = criterion(
        "feature_usage",
        "share of the users active in the 28 days to the review who used a new feature in them",
        FRACTION,
    );
    c.target = target;
    c.source = source;
    let Some(usage) = i.usage else {
        c.basis = "no events given (options.events, with event names)".into();
        return c;
    };
    let from = i.options.as_of - USAGE_DAYS + 1;
    if from < i.launched {
        c.measurable_on = Some(iso_date(i.launched + USAGE_DAYS - 1));
        c.basis = format!(
            "the 28 days to {} start before the launch on {}",
            iso_date(i.options.as_of),
            iso_date(i.launched)
        );
        return c;
    }
    if !covers(usage, i.options.as_of, &mut c) {
        return c;
    }
    share_of_users(&mut c, usage.recent_users, usage.recent_active, target);
    c.basis = format!(
        "{} of {} users active from {} to {} used a new feature in those days{}",
        usage.recent_users,
        usage.recent_active,
        iso_date(from),
        iso_date(i.options.as_of),
        absent_note(usage)
    );
    c
}

fn satisfaction(i: &Inputs, (target, source): (Option<f64>, Option<String>)) -> LaunchCriterion {
    let mut c = criterion(
        "customer_satisfaction",
        "CSAT: the share of satisfied answers (4 or 5 of 5)",
        FRACTION,
    );
    c.target = target;
    c.source = source;
    match i.options.survey {
        None => c.basis = "no survey given (options.survey: analyzeSurvey's result)".into(),
        Some(None) => c.basis = "the survey has no CSAT question".into(),
        Some(Some(csat)) => {
            c.value = Some(csat.share);
            c.interval = Some(csat.interval);
            if let Some(t) = target {
                c.status = judged(csat.share >= t);
            }
            c.basis = format!(
                "{} satisfied of {} answers; mean rating {} of 5 (the original design's target: {} or more)",
                percent(csat.share),
                crate::format::format_number(csat.n),
                crate::format::format_number((csat.mean * 100.0).round() / 100.0),
                ORIGINAL_SATISFACTION_MEAN
            );
        }
    }
    c
}

fn revenue(i: &Inputs, plan_target: Option<f64>) -> LaunchCriterion {
    let mut c = criterion(
        "revenue_impact",
        "revenue attributed to the launch",
        "currency units",
    );
    let Some((actual, given_target)) = i.options.revenue else {
        c.target = plan_target;
        c.basis = "no revenue given (options.revenue: { actual, target? })".into();
        return c;
    };
    let target = given_target.or(plan_target);
    c.value = Some(actual);
    c.target = target;
    match target {
        Some(t) => {
            c.status = judged(actual >= t);
            c.basis = format!(
                "{} against a target of {}",
                crate::format::format_number(actual),
                crate::format::format_number(t)
            );
        }
        None => {
            c.basis =
                "no target: give options.revenue.target or the plan's successMetrics.revenueImpact"
                    .into();
        }
    }
    c
}
