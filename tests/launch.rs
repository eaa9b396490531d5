//! Launch readiness: the original design's sample (its missing "Sales team
//! training" milestone reported), calendar edge cases, loops and the
//! critical path, messaging, determinism, and property tests. Expected
//! values are worked out by hand in comments. Bad input: tests/launch_input.rs.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/launch.rs"]
mod launch_support;

use launch_support::{check, codes, dates, sample, sound_plan};
use market_validation::launch::{
    LaunchDependencyStatus, LaunchFindingLevel, LaunchMessagingStatus, LaunchMilestoneState,
    LaunchStatus, SAMPLE_AS_OF,
};
use proptest::prelude::*;
use serde_json::{json, Value};

#[test]
fn the_sample_reports_its_missing_sales_training_milestone() {
    let r = check(&sample(), Some(SAMPLE_AS_OF));
    // 2027-01-01 to 2027-02-15: 31 days of January, then 14 more.
    assert_eq!(r.days_to_launch, Some(45));
    let missing: Vec<_> = r
        .dependencies
        .iter()
        .filter(|d| d.status != LaunchDependencyStatus::Ok)
        .collect();
    assert_eq!(missing.len(), 1);
    let d = missing[0];
    assert_eq!(
        (d.milestone.as_str(), d.depends_on.as_str()),
        ("Launch", "Sales team training")
    );
    assert_eq!(d.status, LaunchDependencyStatus::UnknownMilestone);
    assert_eq!(d.unknown, ["Sales team training"]);
    assert_eq!(d.path.as_deref(), Some("dependencies[2].dependsOn[2]"));
    // "Launch" is critical (milestones are unless marked), so the launch is blocked.
    assert!(d.critical);
    // No milestone name is within a few edits of "Sales team training".
    assert_eq!(d.hint, None);
    assert_eq!(r.status, LaunchStatus::Blocked);
    assert_eq!(r.status_reasons.len(), 1);
    assert_eq!(r.status_reasons[0].code, "unknown_dependency");
    assert!(r.status_reasons[0]
        .message
        .contains("\"Sales team training\", which is not a milestone of the plan"));
    assert_eq!(r.recommendations[0].level, LaunchFindingLevel::Blocker);
    // Four channels, three features, each fully messaged.
    assert_eq!(r.messaging.len(), 3);
    assert!(r
        .messaging
        .iter()
        .all(|m| m.status == LaunchMessagingStatus::Aligned));
    // Offsets from 2027-02-15: -14, -10, -7, 0, +30 (February 2027 has 28 days).
    assert_eq!(
        dates(&r),
        [
            ("Feature freeze", "2027-02-01"),
            ("Documentation complete", "2027-02-05"),
            ("Marketing campaign", "2027-02-08"),
            ("Launch", "2027-02-15"),
            ("Launch review", "2027-03-17")
        ]
    );
    // 5 of 6 dependency pairs sound; nothing overdue; all aligned; 4 >= 3 channels; an audience:
    // 100 * (0.3 * 5/6 + 0.2 + 0.3 + 0.1 + 0.1) = 95, capped at 89 as the plan is blocked:
    // below the ready line of 90, with the cap in the derivation.
    assert!(
        (r.score.uncapped - 95.0).abs() < 1e-9,
        "{}",
        r.score.uncapped
    );
    assert_eq!(r.score.score, 89.0);
    let cap = r
        .score
        .cap
        .as_ref()
        .expect("a blocked plan's score is capped");
    assert_eq!(cap.value, 89.0);
    assert!(
        cap.reason.starts_with("blocked (1 blocker)"),
        "{}",
        cap.reason
    );
    assert!((r.score.components[0].value - 5.0 / 6.0).abs() < 1e-12);
    // Two critical chains of 14 days and 3 milestones each end at "Launch"; the tie goes to the
    // one through the milestone listed first ("Documentation complete" before "Marketing campaign").
    assert_eq!(
        r.critical_path.milestones,
        ["Feature freeze", "Documentation complete", "Launch"]
    );
    assert_eq!(r.critical_path.days, 14);
    // Success metrics: adoption and satisfaction given; feature usage defaults to the benchmark
    // average (24.5%); revenue has no default and is flagged as advice.
    let usage = &r.success_metrics[3];
    assert_eq!(
        (usage.metric.as_str(), usage.target, usage.is_default),
        ("featureUsage", Some(0.245), true)
    );
    assert_eq!(usage.source.as_deref(), Some("userpilot-feature-adoption"));
    assert_eq!(r.success_metrics[0].target, Some(0.4));
    assert_eq!(r.success_metrics[0].measure_on, "2027-03-17");
    assert_eq!(codes(&r), ["unknown_dependency", "no_target"]);
    assert_eq!(r.sources.len(), 1);
}

#[test]
fn near_miss_names_get_did_you_mean() {
    let mut plan = sample();
    plan["dependencies"] = json!([
        { "milestone": "Launch", "dependsOn": ["feature freeze", "Marketing campain"] },
        { "milestone": "Lanch", "dependsOn": "Launch review" }
    ]);
    let r = check(&plan, Some(SAMPLE_AS_OF));
    let hints: Vec<Option<&str>> = r.dependencies.iter().map(|d| d.hint.as_deref()).collect();
    assert_eq!(
        hints,
        [
            Some("did you mean \"Feature freeze\"?"),
            Some("did you mean \"Marketing campaign\"?"),
            Some("did you mean \"Launch\"?")
        ]
    );
    // The last pair names an unknown milestone and "Launch review", which is not critical: a pair
    // with an unknown name is critical only when a milestone of the plan in it is, or when it
    // names none of them.
    assert!(!r.dependencies[2].critical);
    assert!(r.dependencies[2]
        .message
        .contains("\"Lanch\" is not a milestone of the plan"));
    assert!(r.recommendations[0]
        .action
        .contains("(did you mean \"Feature freeze\"?)"));
}

#[test]
fn default_timeline_across_a_month_end() {
    let r = check(&sound_plan("2027-03-31"), Some("2027-01-01"));
    assert!(r.default_timeline);
    // March 31 - 14 = March 17; - 7 = March 24; + 30 = April 30.
    assert_eq!(
        dates(&r),
        [
            ("Feature freeze", "2027-03-17"),
            ("Marketing campaign", "2027-03-24"),
            ("Launch", "2027-03-31"),
            ("Launch review", "2027-04-30")
        ]
    );
    let critical: Vec<bool> = r.timeline.iter().map(|m| m.critical).collect();
    assert_eq!(critical, [true, true, true, false]);
    // The default dependencies chain the default milestones.
    assert_eq!(r.dependencies.len(), 3);
    assert_eq!(
        r.critical_path.milestones,
        ["Feature freeze", "Marketing campaign", "Launch"]
    );
    assert_eq!(r.critical_path.days, 14);
    assert_eq!(r.status, LaunchStatus::Ready);
    assert!(r.status_reasons.is_empty());
    assert!((r.score.score - 100.0).abs() < 1e-9);
}

#[test]
fn default_timeline_across_a_leap_day() {
    // 2028 is a leap year: March 14 - 14 days = February 29.
    let r = check(&sound_plan("2028-03-14"), Some("2028-01-01"));
    assert_eq!(r.timeline[0].date, "2028-02-29");
    assert_eq!(r.timeline[1].date, "2028-03-07");
    assert_eq!(r.timeline[3].date, "2028-04-13");
    // 2027 is not: March 14 - 14 days = February 28.
    let r = check(&sound_plan("2027-03-14"), Some("2027-01-01"));
    assert_eq!(r.timeline[0].date, "2027-02-28");
    // Days to launch count the leap day: 2028-02-01 to 2028-03-01 is 29 days, 2027's 28.
    assert_eq!(
        check(&sound_plan("2028-03-01"), Some("2028-02-01")).days_to_launch,
        Some(29)
    );
    assert_eq!(
        check(&sound_plan("2027-03-01"), Some("2027-02-01")).days_to_launch,
        Some(28)
    );
}

#[test]
fn default_timeline_across_a_year_end() {
    // 2027-01-05 - 14 days = 2026-12-22; - 7 = 2026-12-29; + 30 = 2027-02-04.
    let r = check(&sound_plan("2027-01-05"), Some("2026-12-01"));
    assert_eq!(
        dates(&r),
        [
            ("Feature freeze", "2026-12-22"),
            ("Marketing campaign", "2026-12-29"),
            ("Launch", "2027-01-05"),
            ("Launch review", "2027-02-04")
        ]
    );
    assert_eq!(r.timeline[0].offset_days, -14);
    // As of 2026-12-01: 21 days to the freeze, 35 to the launch.
    assert_eq!(r.timeline[0].days_from_as_of, Some(21));
    assert_eq!(r.days_to_launch, Some(35));
}

#[test]
fn overdue_milestones_across_a_year_end() {
    let mut plan = sound_plan("2027-01-20");
    plan["milestones"] = json!([
        { "name": "Pricing approved", "date": "2026-12-31", "owner": "Finance" },
        { "name": "Beta closed", "date": "2026-12-30", "done": true },
        { "name": "Launch", "offsetDays": 0 }
    ]);
    let r = check(&plan, Some("2027-01-02"));
    let states: Vec<LaunchMilestoneState> = r.timeline.iter().map(|m| m.state).collect();
    assert_eq!(
        states,
        [
            LaunchMilestoneState::Done,
            LaunchMilestoneState::Overdue,
            LaunchMilestoneState::Open
        ]
    );
    let overdue = &r.recommendations[0];
    assert_eq!(overdue.code, "overdue_milestone");
    assert_eq!(overdue.path.as_deref(), Some("milestones[0]"));
    // 2026-12-31 to 2027-01-02: 2 days.
    assert!(
        overdue
            .finding
            .contains("was due 2026-12-31 (2 days before asOf)"),
        "{}",
        overdue.finding
    );
    // 18 days to launch with "Pricing approved" and "Launch" critical and open: under 30 days.
    assert!(codes(&r).contains(&"critical_open_near_launch"));
    assert_eq!(r.status, LaunchStatus::NeedsAttention);
    // Schedule: 1 of 3 milestones overdue, value 2/3, weight 0.2: 13.33 points of 20.
    assert!((r.score.components[1].contribution - 40.0 / 3.0).abs() < 1e-9);
}

#[test]
fn under_thirty_days_with_critical_milestones_open() {
    // 2027-12-31 to 2028-01-30 is 30 days: not under 30.
    let at_30 = check(&sound_plan("2028-01-30"), Some("2027-12-31"));
    assert_eq!(at_30.days_to_launch, Some(30));
    assert!(!codes(&at_30).contains(&"critical_open_near_launch"));
    assert_eq!(at_30.status, LaunchStatus::Ready);
    // One day later, 29 days: the three open critical default milestones are flagged.
    let at_29 = check(&sound_plan("2028-01-30"), Some("2028-01-01"));
    assert_eq!(at_29.status, LaunchStatus::NeedsAttention);
    let reason = &at_29.status_reasons[0];
    assert_eq!(reason.code, "critical_open_near_launch");
    assert_eq!(
        reason.message,
        "29 days to launch with 3 critical milestones still open: \"Feature freeze\" (2028-01-16), \"Marketing campaign\" (2028-01-23), \"Launch\" (2028-01-30)"
    );
    // Done milestones are not open.
    let mut plan = sound_plan("2028-01-30");
    plan["milestones"] = json!([
        { "name": "Freeze", "offsetDays": -14, "done": true },
        { "name": "Launch", "offsetDays": 0, "done": true },
        { "name": "Review", "offsetDays": 30, "critical": true }
    ]);
    let r = check(&plan, Some("2028-01-01"));
    assert_eq!(r.status, LaunchStatus::Ready, "{:?}", r.status_reasons);
}

#[test]
fn a_launch_date_already_past_is_a_warning() {
    let mut plan = sound_plan("2027-01-05");
    plan["milestones"] = json!([{ "name": "Launch", "offsetDays": 0, "done": true }]);
    let r = check(&plan, Some("2027-01-10"));
    assert_eq!(r.days_to_launch, Some(-5));
    assert_eq!(r.status, LaunchStatus::NeedsAttention);
    assert_eq!(r.status_reasons.len(), 1);
    assert_eq!(r.status_reasons[0].code, "launch_date_passed");
    assert_eq!(r.status_reasons[0].path.as_deref(), Some("launchDate"));
    assert_eq!(
        r.status_reasons[0].message,
        "the launch date 2027-01-05 is 5 days before asOf 2027-01-10"
    );
}

#[test]
fn without_as_of_the_schedule_is_not_assessed() {
    let mut plan = sound_plan("2027-06-01");
    plan["marketingChannels"] = json!(["blog", "Blog "]);
    let r = check(&plan, None);
    assert_eq!((r.as_of.as_deref(), r.days_to_launch), (None, None));
    assert!(r
        .timeline
        .iter()
        .all(|m| m.days_from_as_of.is_none() && m.state == LaunchMilestoneState::Open));
    assert_eq!(r.status, LaunchStatus::NeedsAttention);
    let reasons: Vec<&str> = r.status_reasons.iter().map(|s| s.code.as_str()).collect();
    // "blog" and "Blog " are one channel.
    assert_eq!(reasons, ["no_as_of", "few_channels"]);
    let schedule = &r.score.components[1];
    assert!(!schedule.assessed);
    assert_eq!(schedule.effective_weight, 0.0);
    // Weights renormalised over 0.8: (0.3 + 0.3 + 0.1 * 1/3 + 0.1) / 0.8 = 0.91666...
    assert!((r.score.score - 100.0 * (0.3 + 0.3 + 0.1 / 3.0 + 0.1) / 0.8).abs() < 1e-9);
    assert!((r.score.components[0].effective_weight - 0.375).abs() < 1e-12);
    assert_eq!(
        r.recommendations[1].source.as_deref(),
        Some("traction-bullseye")
    );
    assert!(r.sources.iter().any(|s| s.id == "traction-bullseye"));
}

/// Milestones A..E a day apart from 40 days before the launch (all critical).
fn lettered(deps: Value) -> Value {
    let mut plan = sound_plan("2027-06-30");
    plan["milestones"] = json!([
        { "name": "A", "offsetDays": -40 }, { "name": "B", "offsetDays": -39 },
        { "name": "C", "offsetDays": -38 }, { "name": "D", "offsetDays": -37 },
        { "name": "E", "offsetDays": -36 }
    ]);
    plan["dependencies"] = deps;
    plan
}

#[test]
fn a_loop_is_named_starting_from_its_first_milestone() {
    // A depends on C, C on B, B on A: the loop read "depends on" from A is A → C → B → A.
    let forwards = lettered(json!([
        { "milestone": "A", "dependsOn": "C" },
        { "milestone": "C", "dependsOn": "B" },
        { "milestone": "B", "dependsOn": "A" }
    ]));
    let r = check(&forwards, Some("2027-01-01"));
    assert_eq!(r.cycles.len(), 1);
    assert_eq!(r.cycles[0].path, ["A", "C", "B", "A"]);
    assert_eq!(r.cycles[0].members, ["A", "B", "C"]);
    assert!(r.cycles[0].critical);
    assert!(r
        .dependencies
        .iter()
        .all(|d| d.status == LaunchDependencyStatus::Cycle && d.cycle == Some(0)));
    assert_eq!(r.status, LaunchStatus::Blocked);
    assert_eq!(r.status_reasons[0].code, "dependency_cycle");
    assert!(r.status_reasons[0]
        .message
        .starts_with("a loop of dependencies: A → C → B → A"));
    // The same loop declared in another order is named the same way.
    let backwards = lettered(json!([
        { "milestone": "B", "dependsOn": "A" },
        { "milestone": "C", "dependsOn": ["B"] },
        { "milestone": "A", "dependsOn": "C" }
    ]));
    assert_eq!(check(&backwards, Some("2027-01-01")).cycles, r.cycles);
}

#[test]
fn several_loops_and_a_self_dependency() {
    let plan = lettered(json!([
        { "milestone": "E", "dependsOn": "D" },
        { "milestone": "D", "dependsOn": "E" },
        { "milestone": "B", "dependsOn": "B" },
        { "milestone": "C", "dependsOn": "A" }
    ]));
    let r = check(&plan, Some("2027-01-01"));
    // Ordered by their first milestone in the plan: B (index 1) before D (index 3).
    let paths: Vec<&Vec<String>> = r.cycles.iter().map(|c| &c.path).collect();
    assert_eq!(
        paths,
        [
            &vec!["B".to_string(), "B".into()],
            &vec!["D".to_string(), "E".into(), "D".into()]
        ]
    );
    assert_eq!(r.dependencies[2].cycle, Some(0));
    assert_eq!(r.dependencies[0].cycle, Some(1));
    assert!(r.dependencies[2]
        .message
        .starts_with("\"B\" depends on itself"));
    // C (-38) after A (-40): sound.
    assert_eq!(r.dependencies[3].status, LaunchDependencyStatus::Ok);
}

#[test]
fn a_loop_of_non_critical_milestones_needs_attention_but_does_not_block() {
    let mut plan = lettered(json!([
        { "milestone": "A", "dependsOn": "B" },
        { "milestone": "B", "dependsOn": "A" }
    ]));
    plan["milestones"] = json!([
        { "name": "A", "offsetDays": -40, "critical": false },
        { "name": "B", "offsetDays": -39, "critical": false }
    ]);
    let r = check(&plan, Some("2027-01-01"));
    assert!(!r.cycles[0].critical);
    assert_eq!(r.status, LaunchStatus::NeedsAttention);
    assert_eq!(r.recommendations[0].level, LaunchFindingLevel::Attention);
}

#[test]
fn a_dependency_scheduled_after_its_dependent_is_misordered() {
    // B (-39) depends on D (-37), two days later.
    let r = check(
        &lettered(json!([{ "milestone": "B", "dependsOn": "D" }])),
        Some("2027-01-01"),
    );
    let d = &r.dependencies[0];
    assert_eq!(d.status, LaunchDependencyStatus::Misordered);
    // 2027-06-30 - 39 days = 2027-05-22; - 37 = 2027-05-24.
    assert_eq!(
        d.message,
        "\"B\" (2027-05-22) depends on \"D\", which is scheduled 2 days after it (2027-05-24)"
    );
    assert_eq!(r.status, LaunchStatus::Blocked);
    // The same day is fine.
    let mut plan = lettered(json!([{ "milestone": "B", "dependsOn": "C" }]));
    plan["milestones"][2]["offsetDays"] = json!(-39);
    let r = check(&plan, Some("2027-01-01"));
    assert_eq!(r.dependencies[0].status, LaunchDependencyStatus::Ok);
    assert!(r.dependencies[0].message.contains("on the same day as"));
}

#[test]
fn the_critical_path_is_the_longest_chain_in_days() {
    let mut plan = sound_plan("2027-06-30");
    plan["milestones"] = json!([
        { "name": "Start", "offsetDays": -50 },
        { "name": "Spec", "offsetDays": -40 },
        { "name": "Build", "offsetDays": -30 },
        { "name": "Test", "offsetDays": -10 },
        { "name": "Launch", "offsetDays": 0 },
        { "name": "Optional", "offsetDays": -45, "critical": false },
        { "name": "Kickoff", "offsetDays": -60 }
    ]);
    plan["dependencies"] = json!([
        { "milestone": "Build", "dependsOn": "Spec" },
        { "milestone": "Test", "dependsOn": "Build" },
        { "milestone": "Launch", "dependsOn": ["Test", "Start", "Optional"] },
        { "milestone": "Optional", "dependsOn": "Kickoff" },
        { "milestone": "Spec", "dependsOn": "Kickoff" },
        { "milestone": "Start", "dependsOn": "Build" }
    ]);
    let r = check(&plan, Some("2027-01-01"));
    // Start (-50) depends on Build (-30): misordered, so no chain runs through that pair, and
    // Start → Launch is 50 days. Kickoff → Optional → Launch is 60 days, but Optional is not
    // critical. The longest critical chain: Kickoff (-60) → Spec → Build → Test → Launch, 60 days.
    assert_eq!(r.dependencies[7].status, LaunchDependencyStatus::Misordered);
    assert_eq!(
        r.critical_path.milestones,
        ["Kickoff", "Spec", "Build", "Test", "Launch"]
    );
    assert_eq!(r.critical_path.days, 60);
    assert_eq!(r.critical_path.start.as_deref(), Some("2027-05-01"));
    assert_eq!(r.critical_path.end.as_deref(), Some("2027-06-30"));
}

#[test]
fn the_critical_path_prefers_days_over_milestone_count() {
    let mut plan = sound_plan("2027-06-30");
    plan["milestones"] = json!([
        { "name": "A", "offsetDays": -20 }, { "name": "B", "offsetDays": -15 },
        { "name": "C", "offsetDays": -10 }, { "name": "D", "offsetDays": 0 },
        { "name": "F", "offsetDays": -30 }
    ]);
    plan["dependencies"] = json!([
        { "milestone": "B", "dependsOn": "A" }, { "milestone": "C", "dependsOn": "B" },
        { "milestone": "D", "dependsOn": ["C", "F"] }
    ]);
    let r = check(&plan, Some("2027-01-01"));
    // A → B → C → D spans 20 days with 4 milestones; F → D spans 30 with 2.
    assert_eq!(r.critical_path.milestones, ["F", "D"]);
    assert_eq!(r.critical_path.days, 30);
    // With no critical milestone there is no path.
    let mut none = plan.clone();
    for m in none["milestones"].as_array_mut().unwrap() {
        m["critical"] = json!(false);
    }
    let r = check(&none, Some("2027-01-01"));
    assert!(r.critical_path.milestones.is_empty());
    assert_eq!(
        (r.critical_path.days, r.critical_path.start.clone()),
        (0, None)
    );
}

#[test]
fn messaging_is_checked_feature_by_feature() {
    let mut plan = sound_plan("2027-06-30");
    plan["newFeatures"] = json!([
        "alpha", { "id": "beta", "name": "Beta" }, "gamma", "delta", "epsilon", "zeta", "eta", "theta"
    ]);
    let full = |id: &str, text: &str| json!({ "featureId": id, "messaging": text, "positioning": "p", "keyBenefits": ["b"] });
    plan["featureMessaging"] = json!([
        full("alpha", "Fast search, everywhere."),
        full("beta", "fast  SEARCH everywhere"),
        { "featureId": "gamma", "messaging": "Own words here", "positioning": " ", "keyBenefits": [] },
        { "featureId": "delta", "messaging": "   ", "positioning": "p", "keyBenefits": ["b"] },
        { "featureId": "epsilon", "messaging": "!!!", "positioning": "p", "keyBenefits": ["b"] },
        full("zeta", "Search billions of vectors in milliseconds with one simple query today"),
        full("eta", "Search billions of vectors in milliseconds with two simple query today"),
        full("gama", "Typo in the id")
    ]);
    let r = check(&plan, Some("2027-01-01"));
    let status: Vec<(&str, LaunchMessagingStatus)> = r
        .messaging
        .iter()
        .map(|m| (m.feature_id.as_str(), m.status))
        .collect();
    use LaunchMessagingStatus::*;
    assert_eq!(
        status,
        [
            ("alpha", Misaligned),
            ("beta", Misaligned),
            ("gamma", NeedsReview),
            ("delta", Misaligned),
            ("epsilon", Misaligned),
            ("zeta", NeedsReview),
            ("eta", NeedsReview),
            ("theta", Misaligned)
        ]
    );
    let reasons = |i: usize| -> Vec<&str> {
        r.messaging[i]
            .reasons
            .iter()
            .map(|x| x.code.as_str())
            .collect()
    };
    assert_eq!(reasons(0), ["copied_messaging"]);
    assert_eq!(
        r.messaging[1].reasons[0].message,
        "beta has the same messaging as alpha (compared ignoring case, punctuation and spacing)"
    );
    assert_eq!(reasons(2), ["missing_positioning", "missing_key_benefits"]);
    assert_eq!(
        r.messaging[2].reasons[0].path.as_deref(),
        Some("featureMessaging[2].positioning")
    );
    assert_eq!(reasons(3), ["missing_messaging"]);
    assert_eq!(reasons(4), ["missing_messaging"]);
    // 11 distinct words each, 10 shared ("one" vs "two"): 10 / 12 = 83% >= 80%.
    assert_eq!(reasons(5), ["similar_messaging"]);
    assert!(r.messaging[5].reasons[0]
        .message
        .contains("shares up to 83% of its words with that of eta"));
    assert_eq!(reasons(7), ["no_messaging"]);
    assert_eq!(r.messaging[7].path, "newFeatures[7]");
    assert_eq!(r.messaging[1].name.as_deref(), Some("Beta"));
    // The entry for "gama" is for no feature: advice, with the id probably meant.
    let orphan = r
        .recommendations
        .iter()
        .find(|x| x.code == "unknown_feature")
        .expect("orphan reported");
    assert_eq!(orphan.level, LaunchFindingLevel::Advice);
    assert_eq!(
        orphan.path.as_deref(),
        Some("featureMessaging[7].featureId")
    );
    assert!(
        orphan.action.contains("did you mean gamma?"),
        "{}",
        orphan.action
    );
    // Messaging score: 0 aligned, 3 needing review (0.5 each) of 8: 1.5 / 8.
    assert!((r.score.components[2].value - 1.5 / 8.0).abs() < 1e-12);
}

#[test]
fn messaging_below_the_similarity_bar_is_its_own() {
    let mut plan = sound_plan("2027-06-30");
    plan["newFeatures"] = json!(["a", "b"]);
    plan["featureMessaging"] = json!([
        // 9 and 10 distinct words, 8 shared: 8 / 11 = 73% < 80%.
        { "featureId": "a", "messaging": "Search billions of vectors in milliseconds with one query", "positioning": "p", "keyBenefits": ["x"] },
        { "featureId": "b", "messaging": "Search billions of vectors in milliseconds with a single query", "positioning": "p", "keyBenefits": ["x"] }
    ]);
    let r = check(&plan, Some("2027-01-01"));
    assert!(r
        .messaging
        .iter()
        .all(|m| m.status == LaunchMessagingStatus::Aligned));
}

#[test]
fn the_same_plan_gives_the_same_report() {
    let first = serde_json::to_string(&check(&sample(), Some(SAMPLE_AS_OF))).unwrap();
    for _ in 0..3 {
        assert_eq!(
            serde_json::to_string(&check(&sample(), Some(SAMPLE_AS_OF))).unwrap(),
            first
        );
    }
}

/// Milestone names the generated plans draw from; "Ghost" is never a milestone.
const NAMES: [&str; 6] = ["Freeze", "Docs", "Campaign", "Launch", "Review", "Ghost"];

prop_compose! {
    fn generated_plan()(
        milestones in prop::collection::vec((-60i64..60, any::<bool>(), any::<bool>()), 0..5),
        dependencies in prop::collection::vec((0usize..6, prop::collection::vec(0usize..6, 0..3)), 0..6),
        channels in 0usize..5,
        features in prop::collection::vec((0u8..4, any::<bool>(), any::<bool>(), any::<bool>()), 0..4),
        launch in 0i64..800,
        as_of in prop::option::of(-100i64..100),
    ) -> (Value, Option<String>) {
        // Launch between 2026-01-01 and early 2028 (leap day and year ends included).
        let launch_day = market_validation::calendar::days_from_civil(2026, 1, 1) + launch;
        let milestones: Vec<Value> = milestones.iter().enumerate().map(|(i, (offset, critical, done))| {
            json!({ "name": NAMES[i], "offsetDays": offset, "critical": critical, "done": done })
        }).collect();
        let dependencies: Vec<Value> = dependencies.iter().map(|(m, on)| {
            json!({ "milestone": NAMES[*m], "dependsOn": on.iter().map(|j| NAMES[*j]).collect::<Vec<_>>() })
        }).collect();
        let texts = ["Fast search for everyone", "fast SEARCH for everyone!", "Scale without tuning", ""];
        let messaging: Vec<Value> = features.iter().enumerate().map(|(i, (text, positioning, benefits, _))| {
            json!({ "featureId": format!("f{i}"), "messaging": texts[usize::from(*text)],
                    "positioning": if *positioning { "p" } else { "" }, "keyBenefits": if *benefits { vec!["b"] } else { vec![] } })
        }).collect();
        let feature_ids: Vec<String> = (0..features.len()).map(|i| format!("f{i}")).collect();
        let with_entry: Vec<Value> = messaging.into_iter().zip(&features).filter(|(_, f)| f.3).map(|(m, _)| m).collect();
        let plan = json!({
            "productName": "P",
            "launchDate": market_validation::calendar::iso_date(launch_day),
            "newFeatures": feature_ids,
            "targetAudience": if channels % 2 == 0 { vec!["devs"] } else { vec![] },
            "marketingChannels": (0..channels).map(|i| format!("c{i}")).collect::<Vec<_>>(),
            "featureMessaging": with_entry,
            "milestones": milestones,
            "dependencies": dependencies,
        });
        (plan, as_of.map(|d| market_validation::calendar::iso_date(launch_day + d)))
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn never_ready_while_a_critical_dependency_is_broken((plan, as_of) in generated_plan()) {
        let report = check(&plan, as_of.as_deref());
        let broken_critical = report.dependencies.iter()
            .any(|d| d.status != LaunchDependencyStatus::Ok && d.critical);
        if broken_critical {
            prop_assert_eq!(report.status, LaunchStatus::Blocked);
        }
        if report.status == LaunchStatus::Ready {
            prop_assert!(report.dependencies.iter().all(|d| d.status == LaunchDependencyStatus::Ok));
            prop_assert!(report.as_of.is_some());
            prop_assert!(report.status_reasons.is_empty());
        } else {
            prop_assert!(!report.status_reasons.is_empty());
        }
        if !report.cycles.is_empty() {
            prop_assert!(report.status != LaunchStatus::Ready);
        }
    }

    #[test]
    fn the_score_is_in_range_and_adds_up((plan, as_of) in generated_plan()) {
        let score = check(&plan, as_of.as_deref()).score;
        prop_assert!((0.0..=100.0).contains(&score.score), "{}", score.score);
        let sum: f64 = score.components.iter().map(|c| c.contribution).sum();
        prop_assert!((sum - score.score).abs() < 1e-9);
        let weights: f64 = score.components.iter().map(|c| c.effective_weight).sum();
        prop_assert!((weights - 1.0).abs() < 1e-12);
        for c in &score.components {
            prop_assert!((0.0..=1.0).contains(&c.value));
            prop_assert!((c.contribution - 100.0 * c.effective_weight * c.value).abs() < 1e-12);
        }
    }

    #[test]
    fn the_critical_path_is_a_chain_of_sound_critical_dependencies((plan, as_of) in generated_plan()) {
        let report = check(&plan, as_of.as_deref());
        let path = &report.critical_path.milestones;
        for pair in path.windows(2) {
            prop_assert!(report.dependencies.iter().any(|d| d.status == LaunchDependencyStatus::Ok
                && d.depends_on == pair[0] && d.milestone == pair[1]));
        }
        for name in path {
            prop_assert!(report.timeline.iter().any(|m| &m.name == name && m.critical));
        }
        prop_assert!(report.critical_path.days >= 0);
    }

    #[test]
    fn the_same_plan_gives_the_same_output((plan, as_of) in generated_plan()) {
        let a = serde_json::to_string(&check(&plan, as_of.as_deref())).unwrap();
        let b = serde_json::to_string(&check(&plan, as_of.as_deref())).unwrap();
        prop_assert_eq!(a, b);
    }
}
