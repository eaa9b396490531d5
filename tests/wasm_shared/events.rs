//! analyzeEvents and analyzeEventsCsv through the bindings.

use super::*;

fn analyze_events(
    users: JsValue,
    times: JsValue,
    options: Option<&str>,
) -> Result<JsValue, JsValue> {
    wasm::analyze_events(
        users,
        times,
        options.map_or(JsValue::UNDEFINED, js),
        JsValue::UNDEFINED,
    )
    .map(JsValue::from)
}

const DAY_MS: f64 = 86_400_000.0;

/// Noon UTC of a day number.
fn noon(day: i64) -> f64 {
    day as f64 * DAY_MS + 43_200_000.0
}

#[wasm_bindgen_test]
fn events_from_typed_arrays_match_the_hand_count() {
    // The native hand-computed case: weeks from Monday Oct 26, 2026 (day 20752).
    // User 1: W0, W1, W3; user 2: W0; user 3: W1, W2; user 4: W3.
    let w0 = 20_752;
    let events = [
        (1u32, w0 + 1),
        (1, w0 + 8),
        (1, w0 + 22),
        (2, w0 + 2),
        (3, w0 + 9),
        (3, w0 + 15),
        (4, w0 + 23),
    ];
    let users =
        js_sys::Uint32Array::from(events.iter().map(|e| e.0).collect::<Vec<_>>().as_slice());
    let times = js_sys::Float64Array::from(
        events
            .iter()
            .map(|e| noon(e.1))
            .collect::<Vec<_>>()
            .as_slice(),
    );
    let r = analyze_events(
        users.into(),
        times.into(),
        Some(r#"{"cohortPeriod": "week", "weekStart": "monday"}"#),
    )
    .expect("events");
    let growth: Array = get(&r, "growth").dyn_into().expect("growth");
    let row = |i: u32| {
        let g = growth.get(i);
        (
            number(&g, "active"),
            number(&g, "newUsers"),
            number(&g, "retained"),
            number(&g, "resurrected"),
            number(&g, "churned"),
        )
    };
    assert_eq!(row(0), (2.0, 2.0, 0.0, 0.0, 0.0));
    assert_eq!(row(1), (2.0, 1.0, 1.0, 0.0, 1.0));
    assert_eq!(row(3), (2.0, 1.0, 0.0, 1.0, 1.0));
    assert_eq!(number(&growth.get(3), "quickRatio"), 2.0);
    assert_eq!(
        get(&growth.get(0), "start").as_string().as_deref(),
        Some("2026-10-26")
    );
    // usageMetrics feeds analyze.
    let product = Object::new();
    Reflect::set(
        &product,
        &JsValue::from_str("usageMetrics"),
        &get(&r, "usageMetrics"),
    )
    .expect("set");
    assert!(analyze(product.into()).is_ok());
}

#[wasm_bindgen_test]
fn events_with_string_ids_and_bad_input() {
    let users = js(r#"["ana", "bo", "ana"]"#);
    let times = js_sys::Float64Array::from([noon(20_760), noon(20_760), noon(20_761)].as_slice());
    let r = analyze_events(users, times.into(), None).expect("string ids");
    assert_eq!(number(&r, "users"), 2.0);
    let daily: Array = get(&r, "daily").dyn_into().expect("daily");
    assert_eq!(number(&daily.get(0), "active"), 2.0);
    for (users, times, options, needle) in [
        (js("[1, 2]"), js("[1]"), None, "1 timestamps for 2 user ids"),
        (
            js("[1, 2]"),
            js("[1700000000, 1762000000]"),
            None,
            "these look like seconds",
        ),
        (
            js("[1]"),
            js("[\"2026-11-01\"]"),
            None,
            "timestamps[0] is NaN",
        ),
        (js("[]"), js("[]"), None, "no events"),
        (js("[1.5]"), js("[0]"), None, "userIds[0] is 1.5"),
        (
            JsValue::from_str("users"),
            js("[0]"),
            None,
            "a Uint32Array, or an array",
        ),
        (
            js("[1]"),
            js("[1762000000000]"),
            Some(r#"{"utcOffsetMinutes": 2, "asOf": "2026-02-30"}"#),
            "did you mean 120",
        ),
    ] {
        let (message, _) = expect_input_error(analyze_events(users, times, options));
        assert!(message.contains(needle), "{needle:?} not in {message}");
    }
    assert!(analyze(sample()).is_ok(), "the module still answers");
}

#[wasm_bindgen_test]
fn events_with_signups_share_the_id_space() {
    // Events by string id; signups mix strings and numbers: 7 and "7" are one user.
    // Day 20_760 is Wednesday 2026-11-04.
    let users = js(r#"["ana", "7", "ana"]"#);
    let times = js_sys::Float64Array::from([noon(20_760), noon(20_761), noon(20_762)].as_slice());
    let signups = Object::new();
    Reflect::set(
        &signups,
        &JsValue::from_str("userIds"),
        &js(r#"["bo", 7, "ana"]"#),
    )
    .expect("set");
    let signup_times =
        js_sys::Float64Array::from([noon(20_760), noon(20_759), noon(20_760)].as_slice());
    Reflect::set(&signups, &JsValue::from_str("timestamps"), &signup_times).expect("set");
    let r: JsValue = wasm::analyze_events(
        users,
        times.into(),
        js(r#"{"cohortPeriod": "day"}"#),
        signups.into(),
    )
    .expect("signups")
    .into();
    assert_eq!(
        get(&r, "newUsersDefinedBy").as_string().as_deref(),
        Some("signup")
    );
    let summary = get(&r, "signups");
    // "7" signed up on day 20_759, before the first event: in no cohort.
    assert_eq!(
        (
            number(&summary, "users"),
            number(&summary, "beforeData"),
            number(&summary, "withoutEvents")
        ),
        (3.0, 1.0, 1.0)
    );
    let daily: Array = get(&r, "daily").dyn_into().expect("daily");
    let new: Vec<f64> = daily.iter().map(|d| number(&d, "newUsers")).collect();
    assert_eq!(new, vec![2.0, 0.0, 0.0], "ana and bo on the first day");
    // A bad signups argument names its path.
    let bad = Object::new();
    Reflect::set(&bad, &JsValue::from_str("userIds"), &js("[1]")).expect("set");
    let (message, _) = expect_input_error(
        wasm::analyze_events(
            js("[1]"),
            js("[1762000000000]"),
            JsValue::UNDEFINED,
            bad.into(),
        )
        .map(JsValue::from),
    );
    assert!(message.contains("signups.timestamps"), "{message}");
}

#[wasm_bindgen_test]
fn events_from_csv_with_rows_reported() {
    let text = "user_id,timestamp\r\nana,2026-11-02T09:00:00Z\r\nbo,1762070400000\r\n,2026-11-03T09:00:00Z\r\nana,soon\r\n";
    let r: JsValue = wasm::analyze_events_csv(JsValue::from_str(text), None)
        .expect("csv")
        .into();
    assert_eq!(number(&get(&r, "analysis"), "events"), 2.0);
    assert_eq!(
        get(&r, "timeFormat").as_string().as_deref(),
        Some("epoch-milliseconds")
    );
    let skipped: Array = get(&get(&r, "skipped"), "first").dyn_into().expect("first");
    assert_eq!(number(&skipped.get(0), "line"), 4.0);
    assert_eq!(number(&skipped.get(1), "line"), 5.0);
    let (message, _) = expect_input_error(
        wasm::analyze_events_csv(JsValue::from_str(""), None).map(JsValue::from),
    );
    assert!(message.contains("an empty file"), "{message}");
}

/// The object form: `{ userIds, timestamps, eventNames, sessionIds }`.
fn analyze_arrays(arrays: &str, options: &str) -> Result<JsValue, JsValue> {
    wasm::analyze_events(
        js(arrays),
        js(options),
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
    )
    .map(JsValue::from)
}

#[wasm_bindgen_test]
fn events_with_names_and_sessions_as_strings_or_codes() {
    // The native hand-computed case (tests/event_behaviour.rs): user 1 at
    // 00:00, 00:10, 00:50 and day 3; user 2 on day 1 (and a $identify) and
    // day 9; user 3 late on day 9. Day 0 is 2026-10-05 (day 20366).
    let t = |day: f64, h: f64, m: f64| (20_366.0 + day) * DAY_MS + h * 3_600_000.0 + m * 60_000.0;
    let times = [
        t(0.0, 0.0, 0.0),
        t(0.0, 0.0, 10.0),
        t(0.0, 0.0, 50.0),
        t(3.0, 12.0, 0.0),
        t(1.0, 6.0, 0.0),
        t(1.0, 6.0, 20.0),
        t(9.0, 10.0, 0.0),
        t(9.0, 23.0, 0.0),
    ];
    let times = format!("[{}]", times.map(|x| x.to_string()).join(","));
    let names =
        r#"["signup","project_created","view","view","view","$identify","project_created","view"]"#;
    let coded = r#"{"codes":[0,1,2,2,2,3,1,2],"dictionary":["signup","project_created","view","$identify"]}"#;
    let options = r#"{"activationEvent":"project_created","activationWindowDays":7}"#;
    for names in [names, coded] {
        let arrays = format!(
            r#"{{"userIds":[1,1,1,1,2,2,2,3],"timestamps":{times},"eventNames":{names},"sessionIds":["a","a","a","b","a","a","c","d"]}}"#
        );
        let r = analyze_arrays(&arrays, options).expect("named events");
        let activation = get(&r, "activation");
        assert_eq!(
            (
                number(&activation, "eligible"),
                number(&activation, "activated")
            ),
            (2.0, 1.0)
        );
        let sessions = get(&r, "sessions");
        assert_eq!(
            (number(&sessions, "count"), number(&sessions, "sharedIds")),
            (5.0, 1.0)
        );
        assert_eq!(number(&get(&r, "ignoredEvents"), "count"), 1.0);
        let features: Array = get(&r, "features").dyn_into().expect("features");
        assert_eq!(features.length(), 3);
        assert_eq!(
            get(&features.get(0), "name").as_string().as_deref(),
            Some("view")
        );
        assert_eq!(number(&get(&r, "adoptionData"), "adoptionRate"), 0.5);
    }
}

#[wasm_bindgen_test]
fn events_object_form_bad_input() {
    let (message, problems) = expect_input_error(analyze_arrays(
        r#"{"userIds":[1,2],"timestamps":[1762000000000,1762000000000],"eventName":["a","b"],"sessionIds":[1]}"#,
        "{}",
    ));
    assert!(message.contains("did you mean eventNames?"), "{message}");
    assert!(!problems.is_empty(), "{message}");
    let (message, _) = expect_input_error(analyze_arrays(
        r#"{"userIds":[1,2],"timestamps":[1762000000000,1762000000000],"eventNames":["a"],"sessionIds":[1]}"#,
        "{}",
    ));
    assert!(
        message.contains("eventNames") && message.contains("sessionIds"),
        "{message}"
    );
    let (message, _) = expect_input_error(analyze_arrays(
        r#"{"userIds":[1,2],"timestamps":[1762000000000,1762000000000],"eventNames":{"codes":[0,5],"dictionary":["a"]}}"#,
        r#"{"activationEvent":"b"}"#,
    ));
    assert!(message.contains("eventNames.codes[1]"), "{message}");
    let (message, _) = expect_input_error(analyze_arrays(
        r#"{"userIds":[1,2],"timestamps":[1762000000000,1762000000000],"eventNames":["project_created","view"]}"#,
        r#"{"activationEvent":"project_create"}"#,
    ));
    assert!(
        message.contains("did you mean \"project_created\"?"),
        "{message}"
    );
}

#[wasm_bindgen_test]
fn retention_fits_are_bit_identical_to_native_and_bad_curves_list_every_problem() {
    // The file the native suite checks: the seeded bootstrap gives the same bits in wasm.
    let recorded: Vec<&str> = retention_golden::OUTPUTS.lines().collect();
    assert_eq!(recorded, retention_golden::compute());
    // Through the binding: Fader & Hardie's regular segment gives the paper's estimates.
    let fit = wasm::fit_retention(
        js("[1000, 631, 468, 382, 326, 289, 262, 241]"),
        Some(Ts::new_unchecked(js(r#"{"replicates": 0}"#))),
    )
    .map(JsValue::from)
    .expect("fits");
    let sbg = get(&fit, "sbg");
    assert_eq!(format!("{:.3}", number(&sbg, "alpha")), "0.704");
    assert_eq!(format!("{:.3}", number(&sbg, "beta")), "1.182");
    let (message, problems) = expect_input_error(
        wasm::fit_retention(
            js("[1000, 1200, -1]"),
            Some(Ts::new_unchecked(js(r#"{"seed": 0.5}"#))),
        )
        .map(JsValue::from),
    );
    assert_eq!(problems.len(), 3, "{message}");
    assert!(message.contains("survivors[1] is 1200"), "{message}");
    assert!(message.contains("options.seed is 0.5"), "{message}");
    assert!(analyze(sample()).is_ok(), "the module still answers");
}
