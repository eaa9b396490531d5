//! The readiness rules: each turns what the checks found into findings,
//! with its level, its threshold and the threshold's source
//! (docs/methodology.md, "Launch readiness").

use super::dependencies::{DependencyReport, LaunchDependencyStatus};
use super::findings::{Finding, LaunchFindingLevel};
use super::messaging::{LaunchMessagingStatus, MessagingReport};
use super::plan::Plan;
use super::success::LaunchSuccessMetric;
use super::timeline::{LaunchMilestoneState, LaunchTimelineEntry};
use super::{days, quoted};
use crate::calendar::iso_date;
use crate::input::problem::join_path;

/// Days before the launch from which every critical milestone still open is
/// flagged: four weeks, the original design's rule (our rationale: the last
/// point at which a slipping critical milestone can still move the launch by
/// a week or two rather than cancel it; the default timeline's critical
/// milestones all fall within it).
pub const CRITICAL_WINDOW_DAYS: i64 = 30;

use LaunchFindingLevel::{Advice, Attention, Blocker};

/// What the rules look at.
pub(crate) struct RuleInputs<'a> {
    pub plan: &'a Plan,
    pub as_of: Option<i64>,
    pub timeline: &'a [LaunchTimelineEntry],
    pub dependencies: &'a DependencyReport,
    pub messaging: &'a MessagingReport,
    pub channels: usize,
    pub audiences: usize,
    pub success: &'a [LaunchSuccessMetric],
}

/// Every finding, in a fixed order: dependencies, loops, schedule,
/// messaging, channels and audience, success metrics.
pub(crate) fn findings(r: &RuleInputs) -> Vec<Finding> {
    let mut out = Vec::new();
    dependency_findings(r, &mut out);
    schedule_findings(r, &mut out);
    messaging_findings(r, &mut out);
    if r.channels < super::score::MIN_CHANNELS {
        out.push(
            Finding::new(
                "few_channels",
                Attention,
                Some("marketingChannels".into()),
                format!(
                    "{} distinct marketing channel{}, fewer than {}",
                    r.channels,
                    if r.channels == 1 { "" } else { "s" },
                    super::score::MIN_CHANNELS
                ),
                format!(
                    "Plan at least {} channels: the Bullseye framework tests the three most promising in parallel to find the one that works",
                    super::score::MIN_CHANNELS
                ),
            )
            .cited(super::score::MIN_CHANNELS_SOURCE),
        );
    }
    if r.audiences == 0 {
        out.push(Finding::new(
            "no_target_audience",
            Attention,
            Some("targetAudience".into()),
            "no target audience named".into(),
            "Name who the launch is for, so messaging and channels can be chosen for them".into(),
        ));
    }
    if r.plan.features.is_empty() {
        out.push(Finding::new(
            "no_features",
            Advice,
            Some("newFeatures".into()),
            "no new features listed, so no messaging was checked".into(),
            "List the launched features in newFeatures, with their messaging in featureMessaging"
                .into(),
        ));
    }
    for metric in r.success.iter().filter(|m| m.target.is_none()) {
        out.push(Finding::new(
            "no_target",
            Advice,
            Some(join_path("successMetrics", &metric.metric)),
            format!("no target for {} ({})", metric.metric, metric.description),
            format!(
                "Set successMetrics.{}: it has no default, and the launch review on {} needs a number to judge against",
                metric.metric, metric.measure_on
            ),
        ));
    }
    out
}

fn dependency_findings(r: &RuleInputs, out: &mut Vec<Finding>) {
    let level = |critical: bool| if critical { Blocker } else { Attention };
    for check in &r.dependencies.checks {
        match check.status {
            LaunchDependencyStatus::UnknownMilestone => {
                let names: Vec<String> = check.unknown.iter().map(|n| quoted(n)).collect();
                let hint = check
                    .hint
                    .as_ref()
                    .map(|h| format!(" ({h})"))
                    .unwrap_or_default();
                out.push(Finding::new(
                    "unknown_dependency",
                    level(check.critical),
                    check.path.clone(),
                    check.message.clone(),
                    format!(
                        "Add {} to the milestones, with a date and an owner, or correct the name{hint}; else remove the dependency",
                        names.join(" and ")
                    ),
                ));
            }
            LaunchDependencyStatus::Misordered => out.push(Finding::new(
                "misordered_dependency",
                level(check.critical),
                check.path.clone(),
                check.message.clone(),
                format!(
                    "Schedule {} on or before {}, or move {} later",
                    quoted(&check.depends_on),
                    quoted(&check.milestone),
                    quoted(&check.milestone)
                ),
            )),
            // An approval is a gate: missing on its day, it blocks whatever is critical.
            LaunchDependencyStatus::AwaitingApproval => out.push(Finding::new(
                "awaiting_approval",
                Blocker,
                check.path.clone(),
                check.message.clone(),
                format!(
                    "Get {} done (mark it done, with doneOn), or move {} until it is",
                    quoted(&check.depends_on),
                    quoted(&check.milestone)
                ),
            )),
            LaunchDependencyStatus::Cycle | LaunchDependencyStatus::Ok => {}
        }
    }
    for cycle in &r.dependencies.cycles {
        out.push(Finding::new(
            "dependency_cycle",
            level(cycle.critical),
            None,
            format!(
                "a loop of dependencies: {} (read \"depends on\"); none of {} can be done first",
                cycle.path.join(" → "),
                cycle
                    .members
                    .iter()
                    .map(|m| quoted(m))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "Decide which milestone comes first and remove the dependency pointing the other way"
                .into(),
        ));
    }
}

fn schedule_findings(r: &RuleInputs, out: &mut Vec<Finding>) {
    let launch = r.plan.launch_day;
    let Some(today) = r.as_of else {
        out.push(Finding::new(
            "no_as_of",
            Attention,
            Some("options.asOf".into()),
            "no asOf date, so overdue milestones, the days to launch and a launch date already past were not checked".into(),
            "Pass options.asOf, the day the plan is checked on (YYYY-MM-DD)".into(),
        ));
        return;
    };
    let days_to_launch = launch - today;
    if days_to_launch < 0 {
        out.push(Finding::new(
            "launch_date_passed",
            Attention,
            Some("launchDate".into()),
            format!(
                "the launch date {} is {} before asOf {}",
                iso_date(launch),
                days(-days_to_launch),
                iso_date(today)
            ),
            "Update launchDate if the launch moved; if it happened, mark its milestones done"
                .into(),
        ));
    }
    for m in r.timeline {
        if m.state == LaunchMilestoneState::Overdue {
            out.push(Finding::new(
                "overdue_milestone",
                Attention,
                m.path.clone(),
                format!(
                    "{} was due {} ({} before asOf) and is not done",
                    quoted(&m.name),
                    m.date,
                    days(-m.days_from_as_of.unwrap_or_default())
                ),
                format!(
                    "Mark {} done if it is; else give it a new date and check what depends on it",
                    quoted(&m.name)
                ),
            ));
        }
    }
    if (0..CRITICAL_WINDOW_DAYS).contains(&days_to_launch) {
        let open: Vec<String> = r
            .timeline
            .iter()
            .filter(|m| m.critical && !m.done && m.offset_days <= 0)
            .map(|m| format!("{} ({})", quoted(&m.name), m.date))
            .collect();
        if !open.is_empty() {
            out.push(Finding::new(
                "critical_open_near_launch",
                Attention,
                None,
                format!(
                    "{} to launch with {} critical milestone{} still open: {}",
                    days(days_to_launch),
                    open.len(),
                    if open.len() == 1 { "" } else { "s" },
                    open.join(", ")
                ),
                format!(
                    "Under {CRITICAL_WINDOW_DAYS} days to launch: confirm each open critical milestone's owner and date, or move the launch"
                ),
            ));
        }
    }
}

fn messaging_findings(r: &RuleInputs, out: &mut Vec<Finding>) {
    for check in &r.messaging.checks {
        let (code, what) = match check.status {
            LaunchMessagingStatus::Aligned => continue,
            LaunchMessagingStatus::NeedsReview => ("messaging_needs_review", "needs review"),
            LaunchMessagingStatus::Misaligned => ("messaging_misaligned", "is misaligned"),
        };
        let reasons: Vec<&str> = check.reasons.iter().map(|r| r.message.as_str()).collect();
        out.push(Finding::new(
            code,
            Attention,
            Some(check.path.clone()),
            format!(
                "the messaging of {} {what}: {}",
                check.feature_id,
                reasons.join("; ")
            ),
            if check.reasons.iter().any(|r| r.code.starts_with("placeholder_")) {
                format!(
                    "Replace the placeholder text in {}'s messaging with real copy: its own message, positioning and key benefits",
                    check.feature_id
                )
            } else {
                format!(
                    "Give {} its own messaging, a positioning and at least one key benefit",
                    check.feature_id
                )
            },
        ));
    }
    for orphan in &r.messaging.orphans {
        let hint = orphan
            .hint
            .as_ref()
            .map(|h| format!(" ({h})"))
            .unwrap_or_default();
        out.push(Finding::new(
            "unknown_feature",
            Advice,
            Some(orphan.path.clone()),
            format!(
                "messaging for {}, which is not among newFeatures",
                quoted(&orphan.feature_id)
            ),
            format!("Correct the featureId{hint}, or add the feature to newFeatures"),
        ));
    }
}
