//! The original launch coordinator's shapes as written (milestones with a
//! description, dependencies as `{ from, to, type }`, marketing campaigns),
//! approval against timeline dependencies, and the campaign checks. The
//! expected findings are worked out by hand from the rules in
//! docs/methodology.md, "Launch readiness", in the comments.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/launch.rs"]
mod launch_support;

use launch_support::{check, codes, errors, sound_plan};
use market_validation::launch::{
    LaunchDependencyStatus, LaunchDependencyType, LaunchFindingLevel, LaunchMessagingStatus,
    LaunchStatus,
};
use serde_json::{json, Value};

fn original_example() -> Value {
    serde_json::from_str(include_str!("fixtures/launch/original-example.json")).unwrap()
}

#[test]
fn the_originals_own_example_goes_in_as_written() {
    // Its launch is 45 days after "now": as of 2027-01-01, launch 2027-02-15.
    let report = check(&original_example(), Some("2027-01-01"));
    assert_eq!(report.days_to_launch, Some(45));
    // The descriptions are kept with their milestones.
    assert_eq!(report.timeline[0].name, "Feature Freeze");
    assert_eq!(
        report.timeline[0].description.as_deref(),
        Some("No more feature changes allowed")
    );
    // from -> to: "to" depends on "from", with its type.
    let d = &report.dependencies;
    assert_eq!(d.len(), 3);
    assert_eq!(
        (d[0].milestone.as_str(), d[0].depends_on.as_str(), d[0].kind),
        (
            "Marketing Campaign Launch",
            "Feature Freeze",
            LaunchDependencyType::Timeline
        )
    );
    assert_eq!(d[0].status, LaunchDependencyStatus::Ok);
    assert_eq!(d[1].status, LaunchDependencyStatus::Ok);
    // The missing "Sales team training" is still reported, and blocks: Product Launch is critical.
    assert_eq!(
        (d[2].milestone.as_str(), d[2].depends_on.as_str(), d[2].kind),
        (
            "Product Launch",
            "Sales team training",
            LaunchDependencyType::Approval
        )
    );
    assert_eq!(d[2].status, LaunchDependencyStatus::UnknownMilestone);
    assert_eq!(d[2].path.as_deref(), Some("dependencies[2].from"));
    assert_eq!(report.status, LaunchStatus::Blocked);
    assert_eq!(report.status_reasons[0].code, "unknown_dependency");
    // The original's mock messaging ("Feature feature_1 messaging", ...) is placeholder text.
    for m in &report.messaging {
        assert_eq!(
            m.status,
            LaunchMessagingStatus::NeedsReview,
            "{}",
            m.feature_id
        );
        let codes: Vec<&str> = m.reasons.iter().map(|r| r.code.as_str()).collect();
        assert!(codes.contains(&"placeholder_messaging"), "{codes:?}");
        assert!(codes.contains(&"placeholder_positioning"), "{codes:?}");
        assert!(codes.contains(&"placeholder_key_benefit"), "{codes:?}");
    }
    let review = report
        .recommendations
        .iter()
        .find(|r| r.code == "messaging_needs_review")
        .unwrap();
    assert!(
        review.action.starts_with("Replace the placeholder text"),
        "{}",
        review.action
    );
    // The campaign runs 2027-01-01..2027-01-31: it ends 15 days before the launch. It is a
    // draft, but 45 days out (more than a week), so that is not flagged yet. Its name
    // ("Product Launch Campaign") holds none of the four channels' words.
    let c = &report.campaigns;
    assert_eq!(c.len(), 1);
    assert!(!c[0].covers_launch);
    assert!(c[0].channels.is_empty());
    assert_eq!(c[0].status, "draft");
    let found = codes(&report);
    assert!(found.contains(&"campaign_misses_launch"), "{found:?}");
    assert!(!found.contains(&"campaign_still_draft"), "{found:?}");
    let miss = report
        .recommendations
        .iter()
        .find(|r| r.code == "campaign_misses_launch")
        .unwrap();
    assert!(
        miss.finding.contains("ends 15 days before the launch"),
        "{}",
        miss.finding
    );
    let channels = report
        .recommendations
        .iter()
        .find(|r| r.code == "channel_without_campaign")
        .unwrap();
    assert!(
        channels.finding.contains("4 of the 4 marketing channels"),
        "{}",
        channels.finding
    );
}

/// A launch on 2027-03-01 whose "Launch" waits for "Legal review" (the
/// default timeline's milestones given explicitly, plus the review).
fn approval_plan(review: Value, kind: &str) -> Value {
    let mut plan = sound_plan("2027-03-01");
    plan["milestones"] = json!([
        review,
        { "name": "Launch", "date": "2027-03-01" }
    ]);
    plan["dependencies"] = json!([{ "from": "Legal review", "to": "Launch", "type": kind }]);
    plan
}

#[test]
fn an_approval_not_given_by_its_dependents_date_blocks() {
    let review = json!({ "name": "Legal review", "date": "2027-02-20", "critical": false });
    // On the launch day, without the approval: blocked, whether the review is critical or not.
    let report = check(
        &approval_plan(review.clone(), "approval"),
        Some("2027-03-01"),
    );
    let d = &report.dependencies[0];
    assert_eq!(d.status, LaunchDependencyStatus::AwaitingApproval);
    assert_eq!(report.status, LaunchStatus::Blocked);
    assert_eq!(report.status_reasons[0].code, "awaiting_approval");
    assert_eq!(
        report.status_reasons[0].path.as_deref(),
        Some("dependencies[0].from")
    );
    // Two days before the launch it is not late yet: sound (the overdue review needs attention).
    let report = check(
        &approval_plan(review.clone(), "approval"),
        Some("2027-02-27"),
    );
    assert_eq!(report.dependencies[0].status, LaunchDependencyStatus::Ok);
    assert!(report.dependencies[0]
        .message
        .contains("not given yet (2 days left)"));
    assert_ne!(report.status, LaunchStatus::Blocked);
    // The same pair as a timeline dependency only orders: the review is before the launch.
    let report = check(&approval_plan(review, "timeline"), Some("2027-03-01"));
    assert_eq!(report.dependencies[0].status, LaunchDependencyStatus::Ok);
    assert!(!codes(&report).contains(&"awaiting_approval"));
    // Given (done, on a day): sound, and the day is in the message; given late, said so.
    let done = json!({ "name": "Legal review", "date": "2027-02-20", "doneOn": "2027-02-21" });
    let report = check(&approval_plan(done, "approval"), Some("2027-03-01"));
    assert_eq!(report.dependencies[0].status, LaunchDependencyStatus::Ok);
    assert!(report.dependencies[0]
        .message
        .contains("given on 2027-02-21"));
    assert_eq!(report.timeline[0].done_on.as_deref(), Some("2027-02-21"));
    let late = json!({ "name": "Legal review", "date": "2027-02-20", "doneOn": "2027-03-03" });
    let report = check(&approval_plan(late, "approval"), Some("2027-03-05"));
    assert_eq!(report.dependencies[0].status, LaunchDependencyStatus::Ok);
    assert!(report.dependencies[0]
        .message
        .contains("given on 2027-03-03, 2 days after its date"));
}

#[test]
fn an_approval_scheduled_after_its_dependent_is_misordered_first() {
    let review = json!({ "name": "Legal review", "date": "2027-03-05" });
    let report = check(&approval_plan(review, "approval"), Some("2027-03-01"));
    assert_eq!(
        report.dependencies[0].status,
        LaunchDependencyStatus::Misordered
    );
}

#[test]
fn both_dependency_shapes_mix_in_one_plan() {
    let mut plan = sound_plan("2027-03-01");
    plan["milestones"] = json!([
        { "name": "Freeze", "offsetDays": -14 },
        { "name": "Sign-off", "offsetDays": -3, "done": true },
        { "name": "Launch", "offsetDays": 0 }
    ]);
    plan["dependencies"] = json!([
        { "milestone": "Launch", "dependsOn": ["Freeze"] },
        { "milestone": "Launch", "dependsOn": "Sign-off", "type": "Approval" },
        { "from": "Freeze", "to": "Sign-off", "type": "timeline" }
    ]);
    // 45 days out: nothing is due yet, and the approval is given.
    let report = check(&plan, Some("2027-01-15"));
    let kinds: Vec<LaunchDependencyType> = report.dependencies.iter().map(|d| d.kind).collect();
    assert_eq!(
        kinds,
        [
            LaunchDependencyType::Timeline,
            LaunchDependencyType::Approval,
            LaunchDependencyType::Timeline
        ]
    );
    assert!(report
        .dependencies
        .iter()
        .all(|d| d.status == LaunchDependencyStatus::Ok));
    assert_eq!(report.status, LaunchStatus::Ready);
}

#[test]
fn dependency_and_campaign_mistakes_are_named_all_at_once() {
    let mut plan = sound_plan("2027-03-01");
    plan["milestones"] = json!([
        { "name": "Launch", "offsetDays": 0, "descripton": "typo", "doneOn": "2027-02-01", "done": false }
    ]);
    plan["dependencies"] = json!([
        { "from": "A", "to": "Launch" },
        { "from": "A", "to": "Launch", "type": "aproval" },
        { "from": "A", "milestone": "Launch", "type": "timeline" }
    ]);
    plan["marketingCampaigns"] = json!([
        { "id": "c1", "name": "Blog series", "startDate": "2027-03-10", "endDate": "2027-03-01", "status": "Drafted" },
        { "id": "c1", "name": "Other", "startDate": "2027-02-10", "endDate": "2027-03-10" }
    ]);
    let err = errors(&plan, &Value::Null);
    let paths: Vec<(&str, Option<&str>)> = err
        .problems
        .iter()
        .map(|p| (p.path.as_str(), p.hint.as_deref()))
        .collect();
    assert_eq!(
        paths,
        [
            (
                "milestones[0].descripton",
                Some("did you mean description?")
            ),
            (
                "milestones[0].doneOn",
                Some("set done to true, or remove doneOn if it is not done yet")
            ),
            ("dependencies[0].type", None),
            ("dependencies[1].type", Some("did you mean approval?")),
            ("dependencies[2]", None),
            ("marketingCampaigns[0].endDate", None),
            ("marketingCampaigns[0].status", Some("did you mean draft?")),
            ("marketingCampaigns[1].id", None),
            ("marketingCampaigns[1].status", None),
        ]
    );
}

#[test]
fn campaigns_cover_channels_by_field_or_by_name() {
    let mut plan = sound_plan("2027-03-01");
    // Channels: blog, newsletter, webinar.
    plan["marketingCampaigns"] = json!([
        // By name: its words hold "blog". Runs over the launch: fine.
        { "id": "a", "name": "Launch blog series", "startDate": "2027-02-20", "endDate": "2027-03-05", "status": "scheduled" },
        // By field, whatever its name. Ends the day before the launch.
        { "id": "b", "name": "Spring push", "channel": "Newsletter", "startDate": "2027-02-01", "endDate": "2027-02-28", "status": "active" },
        // Cancelled: covers nothing, and is not held to the launch date.
        { "id": "c", "name": "Webinar week", "startDate": "2027-01-01", "endDate": "2027-01-05", "status": "cancelled" },
        // A channel that is not the plan's.
        { "id": "d", "name": "Podcast", "channel": "webinars", "startDate": "2027-02-25", "endDate": "2027-03-02", "status": "DRAFT" }
    ]);
    // As of 2027-02-24: 5 days to launch, so the draft is flagged.
    let report = check(&plan, Some("2027-02-24"));
    let channels: Vec<Vec<String>> = report
        .campaigns
        .iter()
        .map(|c| c.channels.clone())
        .collect();
    assert_eq!(
        channels,
        // The cancelled campaign's channel is named, but it covers nothing (below).
        [
            vec!["blog".to_string()],
            vec!["newsletter".to_string()],
            vec!["webinar".to_string()],
            vec![]
        ]
    );
    let covers: Vec<bool> = report.campaigns.iter().map(|c| c.covers_launch).collect();
    assert_eq!(covers, [true, false, false, true]);
    let found: Vec<(&str, LaunchFindingLevel)> = report
        .recommendations
        .iter()
        .filter(|r| r.code.starts_with("campaign") || r.code.starts_with("channel"))
        .map(|r| (r.code.as_str(), r.level))
        .collect();
    assert!(found.contains(&("campaign_misses_launch", LaunchFindingLevel::Attention)));
    assert!(found.contains(&("campaign_still_draft", LaunchFindingLevel::Attention)));
    assert!(found.contains(&("campaign_unknown_channel", LaunchFindingLevel::Advice)));
    let unknown = report
        .recommendations
        .iter()
        .find(|r| r.code == "campaign_unknown_channel")
        .unwrap();
    assert!(
        unknown.action.contains("did you mean \"webinar\"?"),
        "{}",
        unknown.action
    );
    let uncovered = report
        .recommendations
        .iter()
        .find(|r| r.code == "channel_without_campaign")
        .unwrap();
    assert!(uncovered
        .finding
        .contains("1 of the 3 marketing channels: \"webinar\""));
    assert_eq!(report.status, LaunchStatus::NeedsAttention);
    // No campaigns given: nothing about campaigns or channels.
    let report = check(&sound_plan("2027-03-01"), Some("2027-02-24"));
    assert!(report.campaigns.is_empty());
    assert!(!codes(&report).iter().any(|c| c.contains("campaign")));
}
