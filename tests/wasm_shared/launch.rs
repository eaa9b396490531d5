//! checkLaunch through the bindings.

use super::*;

fn check_launch(plan: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    wasm::check_launch(Ts::new_unchecked(plan), options.map(Ts::new_unchecked)).map(JsValue::from)
}

#[wasm_bindgen_test]
fn checks_the_sample_launch_plan() {
    let sample = wasm::sample_launch_plan().expect("sample loads");
    assert_eq!(
        text(&get(&sample, "options"), "asOf").as_deref(),
        Some("2027-01-01")
    );
    let report = check_launch(get(&sample, "plan"), Some(get(&sample, "options")))
        .expect("the sample checks");
    assert_eq!(text(&report, "status").as_deref(), Some("blocked"));
    // 2027-01-01 to 2027-02-15.
    assert_eq!(number(&report, "daysToLaunch"), 45.0);
    let reasons: Array = get(&report, "statusReasons").dyn_into().expect("reasons");
    assert_eq!(reasons.length(), 1);
    let reason = reasons.get(0);
    assert_eq!(text(&reason, "code").as_deref(), Some("unknown_dependency"));
    assert_eq!(
        text(&reason, "path").as_deref(),
        Some("dependencies[2].dependsOn[2]")
    );
    assert!(text(&reason, "message")
        .unwrap_or_default()
        .contains("\"Sales team training\", which is not a milestone of the plan"));
    // 100 * (0.3 * 5/6 + 0.2 + 0.3 + 0.1 + 0.1) = 95, capped at 89 as the plan is blocked, as
    // natively.
    assert!((number(&get(&report, "score"), "uncapped") - 95.0).abs() < 1e-9);
    assert_eq!(number(&get(&report, "score"), "score"), 89.0);
    assert_eq!(number(&get(&get(&report, "score"), "cap"), "value"), 89.0);
    let timeline: Array = get(&report, "timeline").dyn_into().expect("timeline array");
    assert_eq!(timeline.length(), 5);
    assert_eq!(
        text(&timeline.get(0), "date").as_deref(),
        Some("2027-02-01")
    );
    assert_eq!(
        text(&timeline.get(4), "date").as_deref(),
        Some("2027-03-17")
    );
    let path: Array = get(&get(&report, "criticalPath"), "milestones")
        .dyn_into()
        .expect("critical path");
    assert_eq!(path.length(), 3);
}

#[wasm_bindgen_test]
fn bad_launch_plans_throw_every_problem() {
    let plan = js(r#"{"productName": "", "launchDate": "2027-02-29",
                      "milestones": [{"name": "A", "date": "2027-01-01"}, {"name": "a", "offsetDays": -3}],
                      "dependencies": [{"milestone": "A", "dependson": "B"}]}"#);
    let (message, problems) =
        expect_input_error(check_launch(plan, Some(js(r#"{"asOf": "2027-13-01"}"#))));
    assert!(
        message.starts_with("invalid launch plan and options: 6 problems"),
        "{message}"
    );
    let paths: Vec<String> = problems.iter().filter_map(|p| text(p, "path")).collect();
    assert_eq!(
        paths,
        [
            "productName",
            "launchDate",
            "milestones[1].name",
            "dependencies[0].dependson",
            "dependencies[0].dependsOn",
            "options.asOf"
        ]
    );
    assert_eq!(
        text(&problems[1], "hint").as_deref(),
        Some("2027-02 has 28 days")
    );
    assert_eq!(
        text(&problems[3], "hint").as_deref(),
        Some("did you mean dependsOn?")
    );
    // A JS Date where a date string belongs, and a plan that is not an object.
    let plan = js(r#"{"productName": "Acme"}"#);
    set(
        &plan,
        &["launchDate"],
        js_sys::Date::new(&JsValue::from_f64(1.8e12)).into(),
    );
    let (message, _) = expect_input_error(check_launch(plan, None));
    assert!(
        message.contains("launchDate is a Date; expected a calendar date as YYYY-MM-DD"),
        "{message}"
    );
    assert!(
        message.contains("date.toISOString().slice(0, 10)"),
        "{message}"
    );
    let (message, _) = expect_input_error(check_launch(JsValue::from_str("plan"), None));
    assert!(message.contains("input is \"plan\""), "{message}");
}

#[wasm_bindgen_test]
fn the_same_launch_plan_gives_the_same_report() {
    let sample = wasm::sample_launch_plan().expect("sample loads");
    let run = || {
        let report = check_launch(get(&sample, "plan"), Some(get(&sample, "options")))
            .expect("the sample checks");
        String::from(JSON::stringify(&report).expect("report serializes"))
    };
    let first = run();
    assert_eq!(run(), first);
    // Without asOf nothing is read from a clock: the schedule checks are skipped and said so.
    let report = check_launch(get(&sample, "plan"), None).expect("checks without asOf");
    assert!(get(&report, "daysToLaunch").is_undefined());
    let recommendations: Array = get(&report, "recommendations").dyn_into().expect("array");
    assert!(recommendations
        .iter()
        .any(|r| text(&r, "code").as_deref() == Some("no_as_of")));
    assert_eq!(text(&report, "status").as_deref(), Some("blocked"));
}

/// reviewLaunch with the events as typed arrays: 4 users active in the 30 days from the launch
/// (2027-03-01), one of whom exported a report (the new feature's event): 25%, met; the same
/// figures as the native build's (`tests/launch_review.rs` covers the counting).
#[wasm_bindgen_test]
fn reviews_a_launch_from_typed_arrays() {
    let plan =
        js(r#"{"productName": "Acme", "launchDate": "2027-03-01", "newFeatures": ["reports"]}"#);
    let launch_ms = 20_878.0 * 86_400_000.0; // 2027-03-01
    let day = 86_400_000.0;
    let options =
        js(r#"{"asOf": "2027-04-05", "featureEvents": {"reports": ["report_exported"]}}"#);
    let events = Object::new();
    let ids = js_sys::Uint32Array::from([1u32, 2, 3, 4, 4, 5, 1].as_slice());
    let times = js_sys::Float64Array::from(
        [
            launch_ms + day,
            launch_ms + 2.0 * day,
            launch_ms + 3.0 * day,
            launch_ms + 4.0 * day,
            launch_ms + 5.0 * day,
            launch_ms - day,        // before the launch: not counted
            launch_ms + 29.5 * day, // the window's last day: the events cover it
        ]
        .as_slice(),
    );
    let names = js(
        r#"["page_view", "page_view", "page_view", "page_view", "report_exported", "report_exported", "page_view"]"#,
    );
    Reflect::set(&events, &"userIds".into(), &ids).unwrap();
    Reflect::set(&events, &"timestamps".into(), &times).unwrap();
    Reflect::set(&events, &"eventNames".into(), &names).unwrap();
    Reflect::set(&options, &"events".into(), &events).unwrap();
    let review = wasm::review_launch(Ts::new_unchecked(plan), Ts::new_unchecked(options))
        .map(JsValue::from)
        .expect("reviews");
    let criteria: Array = get(&review, "criteria").dyn_into().expect("criteria");
    let adoption = criteria.get(2);
    assert_eq!(text(&adoption, "id").as_deref(), Some("customer_adoption"));
    assert_eq!(number(&adoption, "value"), 0.25);
    assert_eq!(text(&adoption, "status").as_deref(), Some("met"));
    // A misspelt feature event: an error naming it, with the event meant.
    let options = js(r#"{"asOf": "2027-04-05", "featureEvents": {"reports": "report_exportd"}}"#);
    let events = Object::new();
    Reflect::set(
        &events,
        &"userIds".into(),
        &js_sys::Uint32Array::from([1u32].as_slice()),
    )
    .unwrap();
    Reflect::set(
        &events,
        &"timestamps".into(),
        &js_sys::Float64Array::from([launch_ms].as_slice()),
    )
    .unwrap();
    Reflect::set(&events, &"eventNames".into(), &js(r#"["report_exported"]"#)).unwrap();
    Reflect::set(&options, &"events".into(), &events).unwrap();
    let plan =
        js(r#"{"productName": "Acme", "launchDate": "2027-03-01", "newFeatures": ["reports"]}"#);
    let (message, _) = expect_input_error(
        wasm::review_launch(Ts::new_unchecked(plan), Ts::new_unchecked(options)).map(JsValue::from),
    );
    assert!(message.contains("report_exported"), "{message}");
}

/// reviewLaunch with the events as an export file, text and bytes: the same 4 users and 25% as
/// from the arrays above, and how the file was read (`eventsRead`).
#[wasm_bindgen_test]
fn reviews_a_launch_from_an_events_file() {
    let csv = "distinct_id,timestamp,event\n\
        u1,2027-03-02T00:00:00Z,page_view\n\
        u2,2027-03-03T00:00:00Z,page_view\n\
        u3,2027-03-04T00:00:00Z,page_view\n\
        u4,2027-03-05T00:00:00Z,page_view\n\
        u4,2027-03-06T00:00:00Z,report_exported\n\
        u5,2027-02-28T00:00:00Z,report_exported\n\
        u1,2027-03-30T12:00:00Z,page_view\n";
    let bytes = js_sys::Uint8Array::from(csv.as_bytes());
    for file in [JsValue::from_str(csv), JsValue::from(bytes)] {
        let plan = js(
            r#"{"productName": "Acme", "launchDate": "2027-03-01", "newFeatures": ["reports"]}"#,
        );
        let options =
            js(r#"{"asOf": "2027-04-05", "featureEvents": {"reports": ["report_exported"]}}"#);
        Reflect::set(&options, &"events".into(), &file).unwrap();
        let review = wasm::review_launch(Ts::new_unchecked(plan), Ts::new_unchecked(options))
            .map(JsValue::from)
            .expect("reviews");
        let criteria: Array = get(&review, "criteria").dyn_into().expect("criteria");
        let adoption = criteria.get(2);
        assert_eq!(number(&adoption, "value"), 0.25);
        let read = get(&review, "eventsRead");
        assert_eq!(
            text(&get(&read, "eventColumn"), "header").as_deref(),
            Some("event")
        );
        assert_eq!(text(&read, "timeFormat").as_deref(), Some("iso-8601"));
    }
    // A file without event names: the column to name, under eventsOptions.
    let plan =
        js(r#"{"productName": "Acme", "launchDate": "2027-03-01", "newFeatures": ["reports"]}"#);
    let options = js(
        r#"{"asOf": "2027-04-05", "featureEvents": {"reports": "x"}, "events": "user_id,timestamp\nu1,2027-03-02T00:00:00Z\n"}"#,
    );
    let (message, _) = expect_input_error(
        wasm::review_launch(Ts::new_unchecked(plan), Ts::new_unchecked(options)).map(JsValue::from),
    );
    assert!(
        message.contains("options.eventsOptions.columns.event"),
        "{message}"
    );
}
