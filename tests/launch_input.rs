//! Launch plans that cannot be checked: every problem reported at once with
//! its path and hint, dates that are real calendar dates, wrong shapes and
//! sizes, and no input that makes the checks panic.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/arbitrary.rs"]
mod arbitrary;
#[path = "support/launch.rs"]
mod launch_support;

use launch_support::{check, errors, sound_plan};
use market_validation::launch::check_launch;
use market_validation::RawValue;
use proptest::prelude::*;
use serde_json::{json, Value};

#[test]
fn every_problem_is_reported_at_once() {
    let plan = json!({
        "productName": 5,
        "launchDate": "2027-02-30",
        "newFeatures": ["search", " Search "],
        "targetAudience": "developers",
        "marketingChannels": ["blog", ""],
        "featureMessaging": [{ "featureId": "search", "messaging": "Find it", "keyBenefit": ["Speed"] }],
        "milestones": [
            { "name": "Beta", "date": "2027-13-01" },
            { "name": "beta", "offsetDays": 1.5 },
            { "name": "GA", "date": "2027-03-01", "offsetDays": 3 },
            { "name": "Docs" }
        ],
        "dependencies": [{ "milestone": "GA", "dependsOn": ["Beta", 7] }],
        "successMetrics": { "adoption": 45 },
        "launchdate": "2027-03-01"
    });
    let err = errors(&plan, &json!({ "asOf": "2027/01/10", "asof": 1 }));
    assert_eq!(err.subject, "launch plan and options");
    let found: Vec<(&str, &str, Option<&str>)> = err
        .problems
        .iter()
        .map(|p| (p.path.as_str(), p.value.as_str(), p.hint.as_deref()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "launchdate",
                "an unknown field",
                Some("did you mean launchDate?")
            ),
            ("productName", "5", None),
            ("launchDate", "\"2027-02-30\"", Some("2027-02 has 28 days")),
            ("newFeatures[1]", "\"Search\"", None),
            ("targetAudience", "\"developers\"", None),
            ("marketingChannels[1]", "\"\"", None),
            (
                "featureMessaging[0].keyBenefit",
                "an unknown field",
                Some("did you mean keyBenefits?")
            ),
            (
                "milestones[0].date",
                "\"2027-13-01\"",
                Some("the month is 01 to 12")
            ),
            (
                "milestones[1].offsetDays",
                "1.5",
                Some("offsets are whole days")
            ),
            ("milestones[1].name", "\"beta\"", None),
            ("milestones[2].offsetDays", "3", None),
            ("milestones[3]", "a milestone with no date", None),
            ("dependencies[0].dependsOn[1]", "7", None),
            ("successMetrics.adoption", "45", Some("did you mean 0.45?")),
            (
                "options.asof",
                "an unknown option",
                Some("did you mean asOf?")
            ),
            (
                "options.asOf",
                "\"2027/01/10\"",
                Some("write dates as YYYY-MM-DD (year first)")
            ),
        ]
    );
    assert!(err.problems[3]
        .expected
        .contains("already at newFeatures[0]"));
    assert_eq!(
        err.problems[4].expected,
        "an array of texts (each an audience)"
    );
    assert_eq!(err.problems[5].expected, "a channel (a non-empty text)");
    assert!(err.problems[9]
        .expected
        .contains("already at milestones[0].name"));
    assert_eq!(
        err.problems[10].expected,
        "either date or offsetDays, not both"
    );
    let message = err.to_string();
    assert!(
        message.starts_with("invalid launch plan and options: 16 problems"),
        "{message}"
    );
}

#[test]
fn dates_are_real_calendar_dates() {
    let with_launch = |date: Value| {
        let mut plan = sound_plan("2027-01-01");
        plan["launchDate"] = date;
        plan
    };
    for valid in ["2028-02-29", "2000-02-29", "2027-12-31"] {
        check(&with_launch(json!(valid)), Some("2027-01-01"));
    }
    let hint = |date: Value| {
        errors(&with_launch(date), &Value::Null).problems[0]
            .hint
            .clone()
    };
    assert_eq!(
        hint(json!("2027-02-29")).as_deref(),
        Some("2027-02 has 28 days")
    );
    // 2100 is not a leap year (divisible by 100, not by 400).
    assert_eq!(
        hint(json!("2100-02-29")).as_deref(),
        Some("2100-02 has 28 days")
    );
    assert_eq!(
        hint(json!("2027-04-31")).as_deref(),
        Some("2027-04 has 30 days")
    );
    assert_eq!(
        hint(json!("2027-2-15")).as_deref(),
        Some("write the month and the day with two digits each")
    );
    assert_eq!(
        hint(json!("2027-02-15T09:00:00Z")).as_deref(),
        Some("a date without a time: did you mean \"2027-02-15\"?")
    );
    assert_eq!(
        hint(json!(20270215)).as_deref(),
        Some("write the date as text, e.g. \"2027-02-15\"")
    );
    assert_eq!(hint(json!("soon")), None);
    // A JS Date arrives as an unsupported value.
    let mut plan = RawValue::from_json(&with_launch(Value::Null));
    if let RawValue::Object(entries) = &mut plan {
        entries.push(("launchDate".into(), RawValue::Unsupported("a Date".into())));
    }
    let err = check_launch(&plan, &RawValue::Null).unwrap_err();
    assert_eq!(
        err.problems[0].hint.as_deref(),
        Some("pass the day as text, e.g. date.toISOString().slice(0, 10)")
    );
}

#[test]
fn every_date_of_the_report_has_a_four_digit_year() {
    let found = |plan: &Value, options: &Value| -> Vec<(String, String, String, Option<String>)> {
        errors(plan, options)
            .problems
            .into_iter()
            .map(|p| (p.path, p.value, p.expected, p.hint))
            .collect()
    };
    // Year 0 parses as a calendar date but is before 0001-01-01.
    let plan = sound_plan("0000-01-05");
    assert_eq!(
        found(&plan, &Value::Null),
        [(
            "launchDate".into(),
            "\"0000-01-05\"".into(),
            "a date from 0001-01-01 to 9999-12-31".into(),
            None
        )]
    );
    // The default timeline starts 14 days before the launch and reviews it 30 days after:
    // 0001-01-10 - 14 days and 9999-12-31 + 30 days have no four-digit year.
    for launch in ["0001-01-10", "9999-12-31"] {
        let problems = found(&sound_plan(launch), &Value::Null);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].0, "launchDate");
        assert_eq!(problems[0].2, "a date from 0001-01-15 to 9999-12-01");
        assert!(
            problems[0]
                .3
                .as_deref()
                .unwrap()
                .contains("from 14 days before"),
            "{problems:?}"
        );
    }
    check(&sound_plan("0001-01-15"), None);
    check(&sound_plan("9999-12-01"), None);
    // A milestone 3650 days after a launch on 9999-11-01 (61 days before the end of
    // 9999: 30 in November after the 1st, 31 in December) falls after 9999-12-31.
    let mut plan = sound_plan("9999-11-01");
    plan["milestones"] = json!([
        { "name": "Launch", "offsetDays": 0 },
        { "name": "Retrospective", "offsetDays": 3650 },
        { "name": "Kickoff", "date": "10000-01-01" }
    ]);
    let problems = found(&plan, &Value::Null);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert_eq!(problems[0].0, "milestones[2].date");
    assert_eq!(
        problems[1],
        (
            "milestones[1].offsetDays".into(),
            "3650".into(),
            "whole days from the launch on 9999-11-01 to a date from 0001-01-01 to 9999-12-31: -3650 to 60".into(),
            Some("\"Retrospective\" would fall after 9999-12-31".into())
        )
    );
    // asOf too.
    let problems = found(&sound_plan("2027-01-01"), &json!({ "asOf": "0000-12-31" }));
    assert_eq!(problems[0].0, "options.asOf");
    assert_eq!(problems[0].2, "a date from 0001-01-01 to 9999-12-31");
}

#[test]
fn wrong_shapes_and_sizes_are_problems() {
    let err = check_launch(&RawValue::Null, &RawValue::Null).unwrap_err();
    assert_eq!(
        (
            err.problems[0].path.as_str(),
            err.problems[0].value.as_str()
        ),
        ("input", "null")
    );
    let err = errors(&sound_plan("2027-01-01"), &json!("2027-01-01"));
    assert_eq!(err.subject, "launch options");
    assert_eq!(err.problems[0].path, "options");
    // More milestones than a reader keeps: one problem, nothing read.
    let mut plan = sound_plan("2027-01-01");
    plan["milestones"] = Value::Array(
        (0..1001)
            .map(|i| json!({ "name": format!("m{i}"), "offsetDays": 0 }))
            .collect(),
    );
    let err = errors(&plan, &Value::Null);
    assert_eq!(err.problems.len(), 1);
    assert_eq!(err.problems[0].value, "an array of 1001 items");
    // More than 1000 dependency pairs in all.
    let mut plan = sound_plan("2027-01-01");
    let many: Vec<String> = (0..600).map(|i| format!("m{i}")).collect();
    plan["dependencies"] =
        json!([{ "milestone": "a", "dependsOn": many }, { "milestone": "b", "dependsOn": many }]);
    let err = errors(&plan, &Value::Null);
    assert_eq!(err.problems[0].value, "1200 dependency pairs");
    // An empty milestone list is no list: the default timeline.
    let mut plan = sound_plan("2027-01-01");
    plan["milestones"] = json!([]);
    assert!(check(&plan, None).default_timeline);
}

/// Arbitrary JSON-like values with the plan's field names, wrong types everywhere.
fn arbitrary_raw() -> impl Strategy<Value = RawValue> {
    arbitrary::arbitrary_raw(
        &[
            "productName",
            "launchDate",
            "newFeatures",
            "featureMessaging",
            "milestones",
            "dependencies",
            "name",
            "date",
            "offsetDays",
            "milestone",
            "dependsOn",
            "featureId",
            "messaging",
            "successMetrics",
            "asOf",
        ],
        &[f64::NAN, -14.0, 0.5, 3650.0, 1e300],
        &[
            "2027-02-15",
            "2028-02-29",
            "2027-02-30",
            "Launch",
            "9999-12-31",
            "0000-01-01",
        ],
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn no_input_panics(plan in arbitrary_raw(), options in arbitrary_raw()) {
        let _ = check_launch(&plan, &options);
        let _ = check_launch(&plan, &RawValue::Null);
    }
}
