//! The launch review: each criterion on hand-worked cases, and adoption on
//! generated events where exactly 25% of the active users adopt a new
//! feature within 30 days, checked against a count made here with sets.
#![cfg(not(target_arch = "wasm32"))]

use market_validation::events::{EventColumns, EventNames};
use market_validation::launch::{review_launch, LaunchCriterionStatus, LaunchEvents, LaunchReview};
use market_validation::RawValue;
use serde_json::{json, Value};
use std::collections::HashSet;

const DAY: f64 = 86_400_000.0;

/// Day number of a date (days since 1970-01-01), for the generated events.
fn day(date: &str) -> i64 {
    let (y, m, d) = (
        date[0..4].parse::<i64>().unwrap(),
        date[5..7].parse::<i64>().unwrap(),
        date[8..10].parse::<i64>().unwrap(),
    );
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn plan() -> Value {
    json!({
        "productName": "Acme", "launchDate": "2027-03-01",
        "newFeatures": ["feature_1", "feature_2"],
        "milestones": [
            { "name": "Freeze", "date": "2027-01-30", "doneOn": "2027-01-30" },
            { "name": "Docs", "date": "2027-02-20", "done": true },
            { "name": "Campaign", "date": "2027-02-22", "doneOn": "2027-03-04" },
            { "name": "Training", "date": "2027-02-25" },
            { "name": "Launch", "date": "2027-03-01", "doneOn": "2027-03-03" },
            { "name": "Review", "date": "2027-03-31", "critical": false }
        ],
        "successMetrics": { "featureUsage": 0.3, "revenueImpact": 100000 }
    })
}

fn review(plan: &Value, options: Value, events: Option<&EventColumns>) -> LaunchReview {
    review_launch(
        &RawValue::from_json(plan),
        &RawValue::from_json(&options),
        events.map(LaunchEvents::Columns),
    )
    .expect("valid review")
}

fn criterion<'a>(r: &'a LaunchReview, id: &str) -> &'a market_validation::launch::LaunchCriterion {
    r.criteria.iter().find(|c| c.id == id).unwrap()
}

/// 400 users active in the 30 days from 2027-03-03; users 0..100 use a new
/// feature in them (feature_1's event for 0..60, feature_2's for 40..100),
/// some only after the window or before the launch (not counted), and
/// users who only have bookkeeping events (not active).
fn generated() -> EventColumns {
    let launched = day("2027-03-03") as f64 * DAY;
    let dictionary: Vec<String> = [
        "page_view",
        "report_exported",
        "dashboard_shared",
        "$identify",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let (mut ids, mut times, mut codes) = (Vec::new(), Vec::new(), Vec::new());
    let mut push = |u: u32, t: f64, code: u32| {
        ids.push(u);
        times.push(t);
        codes.push(code);
    };
    let mut state = 7u64;
    let mut next = |n: u64| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % n
    };
    for u in 0..400u32 {
        // Every one active inside the window (a page view on a day 0..29, any time of day).
        let d = next(30) as f64;
        push(u, launched + d * DAY + next(86_400_000) as f64, 0);
        if u < 60 {
            push(u, launched + next(30) as f64 * DAY + 1000.0, 1);
        }
        if (40..100).contains(&u) {
            push(u, launched + (29.0 * DAY) + DAY - 1.0, 2); // the window's last millisecond
        }
        // Users 100..150 use a feature only after the window, or before the launch.
        if (100..125).contains(&u) {
            push(u, launched + 30.0 * DAY, 1);
        }
        if (125..150).contains(&u) {
            push(u, launched - 1.0, 2);
        }
    }
    // Users with only bookkeeping events, and activity after the window.
    for u in 1000..1050u32 {
        push(u, launched + 3.0 * DAY, 3);
        push(u + 100, launched + 40.0 * DAY, 0);
    }
    EventColumns {
        user_ids: ids,
        timestamps_ms: times,
        names: Some(EventNames { codes, dictionary }),
        session_ids: None,
    }
}

/// The count made independently: distinct users in the window with any
/// non-bookkeeping event, and with a feature event.
fn count(events: &EventColumns, from_ms: f64, to_ms: f64, feature_codes: &[u32]) -> (usize, usize) {
    let names = events.names.as_ref().unwrap();
    let (mut active, mut adopters) = (HashSet::new(), HashSet::new());
    for i in 0..events.user_ids.len() {
        let (t, code) = (events.timestamps_ms[i], names.codes[i]);
        if t < from_ms || t >= to_ms || names.dictionary[code as usize].starts_with('$') {
            continue;
        }
        active.insert(events.user_ids[i]);
        if feature_codes.contains(&code) {
            adopters.insert(events.user_ids[i]);
        }
    }
    (active.len(), adopters.len())
}

#[test]
fn adoption_is_a_quarter_of_the_active_users_as_counted_independently() {
    let events = generated();
    let from = day("2027-03-03") as f64 * DAY;
    let (active, adopters) = count(&events, from, from + 30.0 * DAY, &[1, 2]);
    assert_eq!((active, adopters), (400, 100), "the generator's own design");
    let options = json!({
        "asOf": "2027-04-05", "launchedOn": "2027-03-03",
        "featureEvents": { "feature_1": "report_exported", "feature_2": ["dashboard_shared"] }
    });
    let r = review(&plan(), options, Some(&events));
    let c = criterion(&r, "customer_adoption");
    assert_eq!(c.value, Some(0.25));
    assert_eq!(
        c.status,
        LaunchCriterionStatus::Met,
        "25% meets a 25% target"
    );
    // Wilson 95% for 100 of 400, by its formula: (p + z²/2n ± z sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n).
    let (p, n, z) = (0.25f64, 400f64, 1.959963984540054f64);
    let centre = (p + z * z / (2.0 * n)) / (1.0 + z * z / n);
    let half = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt() / (1.0 + z * z / n);
    let [lo, hi] = c.interval.unwrap();
    assert!((lo - (centre - half)).abs() < 1e-12 && (hi - (centre + half)).abs() < 1e-12);
    assert!(
        c.basis.contains("feature_1: 60, feature_2: 60"),
        "{}",
        c.basis
    );
    assert_eq!(r.window_end, "2027-04-01");
    // The 28 days to 2027-04-05 (03-09..04-05): counted the same way.
    let usage = criterion(&r, "feature_usage");
    let (active, users) = count(
        &events,
        day("2027-03-09") as f64 * DAY,
        day("2027-04-06") as f64 * DAY,
        &[1, 2],
    );
    assert_eq!(usage.value, Some(users as f64 / active as f64));
    assert_eq!(usage.target, Some(0.3));
}

#[test]
fn adoption_is_not_measurable_until_the_window_is_over() {
    let events = generated();
    let options = json!({
        "asOf": "2027-03-20", "launchedOn": "2027-03-03",
        "featureEvents": { "feature_1": ["report_exported"] }
    });
    let r = review(&plan(), options, Some(&events));
    let c = criterion(&r, "customer_adoption");
    assert_eq!(c.status, LaunchCriterionStatus::NotYetMeasurable);
    assert_eq!(c.measurable_on.as_deref(), Some("2027-04-02"));
    assert!(c.value.is_some(), "the figure so far is given");
    assert!(c.basis.contains("so far"));
    // The feature usage window (28 days to asOf) starts before the launch.
    let u = criterion(&r, "feature_usage");
    assert_eq!(u.status, LaunchCriterionStatus::NotYetMeasurable);
    assert_eq!(u.measurable_on.as_deref(), Some("2027-03-30"));
}

#[test]
fn on_time_and_completion_from_the_plan() {
    // Planned 2027-03-01, first milestone 2027-01-30: 30 days, 5% = 1.5 days.
    let r = review(
        &plan(),
        json!({ "asOf": "2027-04-05", "launchedOn": "2027-03-03" }),
        None,
    );
    let on_time = criterion(&r, "on_time");
    assert_eq!((on_time.value, on_time.target), (Some(2.0), Some(1.5)));
    assert_eq!(on_time.status, LaunchCriterionStatus::NotMet);
    // Due by the launch: Freeze, Docs, Campaign, Training, Launch (5). Done by 2027-03-03:
    // Freeze (01-30), Docs (done, no date: counted), Launch (03-03) = 3; Campaign done 03-04
    // (late), Training not done.
    let done = criterion(&r, "feature_completion");
    assert_eq!(done.value, Some(0.6));
    assert_eq!(done.status, LaunchCriterionStatus::NotMet);
    assert!(
        done.basis.contains("done after it: \"Campaign\""),
        "{}",
        done.basis
    );
    assert!(done.basis.contains("not done: \"Training\""));
    assert!(done.basis.contains("1 marked done without doneOn"));
    // One day late is within 1.5 days.
    let r = review(
        &plan(),
        json!({ "asOf": "2027-04-05", "launchedOn": "2027-03-02" }),
        None,
    );
    assert_eq!(criterion(&r, "on_time").status, LaunchCriterionStatus::Met);
    assert!(criterion(&r, "on_time")
        .basis
        .contains("5% of that is 1.5 days"));
    // No launchedOn: the planned day, said so; before it, not measurable.
    let r = review(&plan(), json!({ "asOf": "2027-04-05" }), None);
    assert!(r.launched_on_assumed);
    assert_eq!(criterion(&r, "on_time").status, LaunchCriterionStatus::Met);
    assert!(criterion(&r, "on_time")
        .basis
        .contains("options.launchedOn not given"));
    let r = review(&plan(), json!({ "asOf": "2027-02-10" }), None);
    assert_eq!(
        criterion(&r, "on_time").measurable_on.as_deref(),
        Some("2027-03-01")
    );
    assert_eq!(
        criterion(&r, "feature_completion").status,
        LaunchCriterionStatus::NotYetMeasurable
    );
    // Without events, survey or revenue: those are not measurable, and say what is missing.
    assert!(criterion(&r, "customer_adoption")
        .basis
        .contains("no events given"));
    assert_eq!(r.not_yet_measurable, 6);
}

#[test]
fn satisfaction_and_revenue() {
    let survey = json!({ "csat": { "satisfied": 90, "n": 120, "blank": 0, "share": 0.75,
        "interval": [0.666, 0.818], "mean": 4.1, "sd": 0.9, "meanInterval": [3.9, 4.3],
        "distribution": [5, 10, 15, 40, 50] }, "responses": 120 });
    let options =
        json!({ "asOf": "2027-04-05", "survey": survey, "revenue": { "actual": 120000 } });
    let r = review(&plan(), options, None);
    let s = criterion(&r, "customer_satisfaction");
    // The plan gives no satisfaction target: the default CSAT target 0.7, cited.
    assert_eq!((s.value, s.target), (Some(0.75), Some(0.7)));
    assert_eq!(s.interval, Some([0.666, 0.818]));
    assert_eq!(s.status, LaunchCriterionStatus::Met);
    assert!(s.source.is_some());
    let rev = criterion(&r, "revenue_impact");
    assert_eq!((rev.value, rev.target), (Some(120000.0), Some(100000.0)));
    assert_eq!(rev.status, LaunchCriterionStatus::Met);
    let options = json!({ "asOf": "2027-04-05", "survey": { "csat": null },
        "revenue": { "actual": 80000, "target": 90000 } });
    let r = review(&plan(), options, None);
    assert!(criterion(&r, "customer_satisfaction")
        .basis
        .contains("no CSAT question"));
    assert_eq!(
        criterion(&r, "revenue_impact").status,
        LaunchCriterionStatus::NotMet
    );
}

#[test]
fn bad_options_are_named_all_at_once() {
    let options = json!({
        "launchedOn": "2027-03-03",
        "featureEvents": { "feature_3": "x", "feature_1": 5 },
        "survey": { "csat": { "share": 75, "n": 10, "mean": 4, "interval": [0.9, 0.1] } },
        "revenue": { "target": 5 },
        "asof": "2027-04-01"
    });
    let err = review_launch(
        &RawValue::from_json(&plan()),
        &RawValue::from_json(&options),
        None,
    )
    .unwrap_err();
    let paths: Vec<(&str, Option<&str>)> = err
        .problems
        .iter()
        .map(|p| (p.path.as_str(), p.hint.as_deref()))
        .collect();
    assert_eq!(
        paths,
        [
            ("options.asof", Some("did you mean asOf?")),
            ("options.asOf", None),
            (
                "options.featureEvents.feature_3",
                Some("did you mean feature_1?")
            ),
            ("options.featureEvents.feature_1", None),
            ("options.survey.csat.share", Some("did you mean 0.75?")),
            ("options.survey.csat.interval", None),
            ("options.revenue.actual", None),
        ]
    );
    // A launch day after the review day; events whose named feature events never occur.
    let err = review_launch(
        &RawValue::from_json(&plan()),
        &RawValue::from_json(&json!({ "asOf": "2027-03-01", "launchedOn": "2027-03-02" })),
        None,
    )
    .unwrap_err();
    assert_eq!(err.problems[0].path, "options.launchedOn");
    assert_eq!(
        err.problems[0].expected,
        "the day it launched, on or before options.asOf (2027-03-01)"
    );
    // More features than the review counts at once.
    let many: serde_json::Map<String, Value> =
        (0..65).map(|i| (format!("f{i}"), json!("x"))).collect();
    let err = review_launch(
        &RawValue::from_json(&json!({ "productName": "A", "launchDate": "2027-03-01" })),
        &RawValue::from_json(&json!({ "asOf": "2027-04-05", "featureEvents": many })),
        None,
    )
    .unwrap_err();
    assert_eq!(err.problems[0].path, "options.featureEvents");
    assert_eq!(err.problems[0].value, "65 features");
    let events = generated();
    let err = review_launch(
        &RawValue::from_json(&plan()),
        &RawValue::from_json(&json!({ "asOf": "2027-04-05",
            "featureEvents": { "feature_1": "report_exportd" } })),
        Some(LaunchEvents::Columns(&events)),
    )
    .unwrap_err();
    assert_eq!(err.problems[0].path, "options.featureEvents");
    assert_eq!(
        err.problems[0].expected,
        "names of events in the data (options.events)"
    );
    assert_eq!(
        err.problems[0].hint.as_deref(),
        Some("did you mean \"report_exported\"?")
    );
}

/// The generated events written as an export file (PostHog's column names,
/// times as epoch milliseconds, ids as text).
fn generated_csv(events: &EventColumns) -> String {
    let names = events.names.as_ref().unwrap();
    let mut out = String::from("distinct_id,timestamp,event\n");
    for i in 0..events.user_ids.len() {
        out.push_str(&format!(
            "user-{},{},{}\n",
            events.user_ids[i], events.timestamps_ms[i], names.dictionary[names.codes[i] as usize]
        ));
    }
    out
}

#[test]
fn events_can_be_an_export_file_read_as_analyze_events_csv_reads_it() {
    let events = generated();
    let file = generated_csv(&events);
    let options = json!({
        "asOf": "2027-04-05", "launchedOn": "2027-03-03",
        "featureEvents": { "feature_1": "report_exported", "feature_2": ["dashboard_shared"] }
    });
    let from_file = review_launch(
        &RawValue::from_json(&plan()),
        &RawValue::from_json(&options),
        Some(LaunchEvents::Export(file.as_bytes())),
    )
    .unwrap();
    // The same 100 of 400 as counted independently from the generator.
    let c = criterion(&from_file, "customer_adoption");
    assert_eq!(c.value, Some(0.25));
    let read = from_file
        .events_read
        .as_ref()
        .expect("how the file was read");
    assert_eq!(read.user_column.header, "distinct_id");
    assert_eq!(read.event_column.as_ref().unwrap().header, "event");
    assert_eq!(read.time_format, "epoch-milliseconds");
    assert!(
        read.warnings.iter().any(|w| w.code == "time_unit"),
        "the unit guessed is said"
    );
    // Every criterion as from the arrays.
    let from_columns = review(&plan(), options, Some(&events));
    assert_eq!(from_file.criteria, from_columns.criteria);
    assert!(from_columns.events_read.is_none());
}

#[test]
fn an_export_file_without_event_names_or_with_bad_read_options_is_an_error() {
    let options =
        json!({ "asOf": "2027-04-05", "featureEvents": { "feature_1": "report_exported" } });
    let file = "user_id,timestamp\nu1,2027-03-04T10:00:00Z\n";
    let err = review_launch(
        &RawValue::from_json(&plan()),
        &RawValue::from_json(&options),
        Some(LaunchEvents::Export(file.as_bytes())),
    )
    .unwrap_err();
    assert_eq!(err.problems[0].path, "options.eventsOptions.columns.event");
    assert!(
        err.problems[0].value.contains("user \"user_id\""),
        "{}",
        err.problems[0].value
    );
    // The reader's own problems, under options.eventsOptions.
    let options = json!({ "asOf": "2027-04-05",
        "eventsOptions": { "timeUnit": "fortnights", "colums": {} } });
    let err = review_launch(
        &RawValue::from_json(&plan()),
        &RawValue::from_json(&options),
        Some(LaunchEvents::Export(file.as_bytes())),
    )
    .unwrap_err();
    let paths: Vec<&str> = err.problems.iter().map(|p| p.path.as_str()).collect();
    assert!(
        paths.contains(&"options.eventsOptions.timeUnit"),
        "{paths:?}"
    );
    assert!(paths.contains(&"options.eventsOptions.colums"), "{paths:?}");
    // A file with no readable row: the reader's error, for the review's events.
    let err = review_launch(
        &RawValue::from_json(&plan()),
        &RawValue::from_json(&json!({ "asOf": "2027-04-05" })),
        Some(LaunchEvents::Export(b"user_id,timestamp,event\n,,\n")),
    )
    .unwrap_err();
    assert_eq!(err.subject, "launch review events");
}
