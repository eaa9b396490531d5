//! The score part through the bindings: analyze, analyzeMany, validate,
//! presets and schema, hostile inputs, and the golden outputs bit for bit.

use super::*;

#[wasm_bindgen_test]
fn analyzes_the_sample_product() {
    let result = analyze(sample()).expect("sample scores");
    let score = number(&result, "score");
    assert!((0.0..=100.0).contains(&score), "{score}");
    let interval: Array = get(&result, "interval").dyn_into().expect("interval array");
    let (lo, hi) = (
        interval.get(0).as_f64().unwrap_or(f64::NAN),
        interval.get(1).as_f64().unwrap_or(f64::NAN),
    );
    assert!(lo <= score && score <= hi);
    let dims = get(&result, "dimensions");
    for d in ["usage", "adoption", "survey", "market", "competitive"] {
        assert!(number(&get(&dims, d), "score") > 0.0, "{d}");
    }
    let recs: Array = get(&result, "recommendations")
        .dyn_into()
        .expect("recommendations array");
    assert!(recs.length() > 0);
    assert_eq!(
        get(&result, "verdict").as_string().as_deref(),
        Some("promising")
    );
}

#[wasm_bindgen_test]
fn maps_arrive_as_plain_objects() {
    let product = sample();
    let usage = get(&get(&product, "usageMetrics"), "featureUsage");
    assert!(!usage.is_instance_of::<js_sys::Map>());
    assert_eq!(number(&usage, "vectorSearch"), 0.82);
    let schema = wasm::schema().expect("schema");
    let retention = get(
        &get(
            &get(&get(&schema, "properties"), "usageMetrics"),
            "properties",
        ),
        "retentionRate",
    );
    assert_eq!(number(&retention, "maximum"), 1.0);
    assert!(!schema.is_instance_of::<js_sys::Map>());
}

#[wasm_bindgen_test]
fn every_problem_is_reported_with_path_value_and_hint() {
    let data = js(
        r#"{"usageMetrics": {"retentionRate": 45, "dailyActiveUsers": -3},
                      "surveyData": {"npsScore": 140, "satisfactionScore": 8, "feedbackVolume": "many"},
                      "competitiveData": {"competitiveAdvantage": 75}}"#,
    );
    set(
        &data,
        &["usageMetrics", "monthlyActiveUsers"],
        JsValue::from_f64(f64::NAN),
    );
    set(
        &data,
        &["usageMetrics", "weeklyActiveUsers"],
        JsValue::from_f64(f64::INFINITY),
    );
    let (message, problems) = expect_input_error(analyze(data));
    assert_eq!(problems.len(), 8, "{message}");
    for needle in [
        "usageMetrics.retentionRate is 45; expected a fraction between 0 and 1 (did you mean 0.45?)",
        "usageMetrics.dailyActiveUsers is -3",
        "usageMetrics.monthlyActiveUsers is NaN",
        "usageMetrics.weeklyActiveUsers is Infinity",
        "surveyData.npsScore is 140",
        "surveyData.satisfactionScore is 8",
        "surveyData.feedbackVolume is \"many\"",
        "did you mean 7.5?",
    ] {
        assert!(message.contains(needle), "missing {needle:?} in {message}");
    }
    let first = &problems[0];
    for key in ["path", "value", "expected"] {
        assert!(get(first, key).is_string(), "problem.{key}");
    }
}

#[wasm_bindgen_test]
fn non_objects_and_odd_values_are_errors_not_traps() {
    let odd: Vec<JsValue> = vec![
        JsValue::NULL,
        JsValue::UNDEFINED,
        JsValue::from_f64(5.0),
        JsValue::from_str("product"),
        Array::new().into(),
        js_sys::Function::new_no_args("return 1").into(),
        js_sys::Symbol::for_("x").into(),
        js_sys::Date::new_0().into(),
        js_sys::Uint8Array::new_with_length(4).into(),
    ];
    for value in odd {
        let (message, problems) = expect_input_error(analyze(value));
        assert_eq!(problems.len(), 1, "{message}");
        assert!(
            message.contains("expected an object with product data"),
            "{message}"
        );
    }
    let data = js(r#"{"surveyData": {}}"#);
    set(
        &data,
        &["surveyData", "npsScore"],
        js_sys::Function::new_no_args("return 1").into(),
    );
    set(
        &data,
        &["surveyData", "feedbackVolume"],
        js_sys::Date::new_0().into(),
    );
    let (message, problems) = expect_input_error(analyze(data));
    assert_eq!(problems.len(), 2, "{message}");
    assert!(
        message.contains("surveyData.npsScore is a function"),
        "{message}"
    );
}

#[wasm_bindgen_test]
fn huge_and_deep_inputs_are_rejected_cheaply() {
    let features = Object::new();
    for i in 0..5_000 {
        Reflect::set(
            &features,
            &JsValue::from_str(&format!("f{i}")),
            &JsValue::from_f64(0.1),
        )
        .expect("set");
    }
    let data = js(r#"{"usageMetrics": {}}"#);
    set(&data, &["usageMetrics", "featureUsage"], features.into());
    let (message, _) = expect_input_error(analyze(data));
    assert!(
        message.contains(
            "usageMetrics.featureUsage is an object of 5000 entries; expected at most 1000 entries"
        ),
        "{message}"
    );

    let trends = Array::new();
    for _ in 0..2_000 {
        trends.push(&JsValue::from_str("AI"));
    }
    let data = js(r#"{"marketResearch": {}, "surveyData": {"npsScore": 10}}"#);
    set(&data, &["marketResearch", "marketTrends"], trends.into());
    let (message, _) = expect_input_error(analyze(data));
    assert!(
        message.contains(
            "marketResearch.marketTrends is an array of 2000 items; expected at most 1000 items"
        ),
        "{message}"
    );

    let deep = js(&format!("{}1{}", "{\"a\":".repeat(50), "}".repeat(50)));
    let data = js(r#"{"surveyData": {"npsScore": 10}}"#);
    set(&data, &["surveyData", "seanEllis"], deep);
    let result = analyze(data).expect("unknown deep fields are ignored with a warning");
    let warnings: Array = get(&result, "warnings").dyn_into().expect("warnings");
    assert!(warnings
        .iter()
        .any(|w| get(&w, "path").as_string().as_deref() == Some("surveyData.seanEllis.a")));
}

#[wasm_bindgen_test]
fn cycles_and_shared_references_cannot_run_away() {
    // An object that contains itself.
    let data = js(r#"{"usageMetrics": {"retentionRate": 0.5}, "surveyData": {"npsScore": 20}}"#);
    set(&data, &["self"], data.clone());
    let result = analyze(data).expect("a cycle under an unknown key is ignored");
    let warnings: Array = get(&result, "warnings").dyn_into().expect("warnings");
    assert!(warnings
        .iter()
        .any(|w| get(&w, "path").as_string().as_deref() == Some("self")));
    // One object referenced ten times at every level: 10^8 paths if followed.
    let wide = Object::new();
    for i in 0..10 {
        Reflect::set(&wide, &JsValue::from_str(&format!("k{i}")), &wide).expect("set");
    }
    let shared = Object::new();
    for i in 0..10 {
        Reflect::set(
            &shared,
            &JsValue::from_str(&format!("k{i}")),
            &Object::new(),
        )
        .expect("set");
    }
    let layer = |inner: &Object| {
        let o = Object::new();
        for i in 0..10 {
            Reflect::set(&o, &JsValue::from_str(&format!("k{i}")), inner).expect("set");
        }
        o
    };
    let mut dag = shared;
    for _ in 0..7 {
        dag = layer(&dag);
    }
    let data = js(r#"{"usageMetrics": {"retentionRate": 0.5}}"#);
    set(&data, &["extra"], dag.into());
    let (message, _) = expect_input_error(analyze(data));
    assert!(message.contains("more than 50000 values"), "{message}");
    let data = js(r#"{"usageMetrics": {"retentionRate": 0.5}}"#);
    set(&data, &["extra"], wide.into());
    assert!(
        analyze(data).is_ok(),
        "a self-referencing object is a cycle, cut at once"
    );
    // The module is still healthy.
    assert!(analyze(sample()).is_ok());
}

#[wasm_bindgen_test]
fn long_keys_and_hostile_objects_are_handled() {
    let data = js(r#"{"surveyData": {"npsScore": 20}, "usageMetrics": {"retentionRate": 0.5}}"#);
    let key = "k".repeat(5_000_000);
    Reflect::set(&data, &JsValue::from_str(&key), &JsValue::from_f64(1.0)).expect("set");
    let before = memory_bytes();
    let result = analyze(data).expect("an unknown long key is only a warning");
    let warnings: Array = get(&result, "warnings").dyn_into().expect("warnings");
    let message = get(&warnings.get(0), "message")
        .as_string()
        .unwrap_or_default();
    assert!(
        message.len() < 500,
        "the key was cut: {} bytes",
        message.len()
    );
    assert!(
        memory_bytes() - before < 1_000_000.0,
        "the 5 MB key was not copied into wasm memory"
    );
    // A Proxy whose ownKeys trap throws: a reported problem, not an exception through wasm.
    let proxy: JsValue = js_sys::Function::new_no_args(
        "return new Proxy({}, { ownKeys() { throw new Error('no keys for you'); } })",
    )
    .call0(&JsValue::NULL)
    .expect("proxy built");
    let data = js(r#"{"usageMetrics": {"retentionRate": 0.5}}"#);
    set(&data, &["surveyData"], proxy);
    let error = analyze(data).expect_err("a throwing Proxy is an input error");
    let message = get(&error, "message").as_string().unwrap_or_default();
    assert!(
        message.contains("surveyData is a value that threw when read (Error: no keys for you)"),
        "{message}"
    );
    let cause = get(&error, "cause");
    assert_eq!(
        get(&cause, "message").as_string().as_deref(),
        Some("no keys for you"),
        "the thrown value is the error's cause"
    );
}

#[wasm_bindgen_test]
fn bad_options_are_reported_with_hints() {
    let options = js(r#"{"preset": "b2b-sass", "confidenceLevel": 95, "weights": {"usag": 1}}"#);
    let (message, problems) = expect_input_error(analyze_with(sample(), options));
    assert_eq!(problems.len(), 3, "{message}");
    assert!(message.contains("did you mean b2b-saas?"), "{message}");
    assert!(message.contains("did you mean 0.95?"), "{message}");
    assert!(message.contains("did you mean usage?"), "{message}");
    let good =
        analyze_with(sample(), js(r#"{"preset": "consumer-social"}"#)).expect("preset applies");
    assert_eq!(
        get(&good, "preset").as_string().as_deref(),
        Some("consumer-social")
    );
}

#[wasm_bindgen_test]
fn ten_thousand_bad_calls_leave_the_module_healthy() {
    let good_before = number(&analyze(sample()).expect("good call"), "score");
    let bad = || {
        let data = js(
            r#"{"usageMetrics": {"retentionRate": 45, "featureUsage": {"a": "x"}}, "surveyData": {"npsScore": 500}}"#,
        );
        set(
            &data,
            &["usageMetrics", "dailyActiveUsers"],
            JsValue::from_f64(f64::NAN),
        );
        data
    };
    // Warm up so the allocator has reached its steady state.
    for _ in 0..200 {
        assert!(analyze(bad()).is_err());
    }
    let before = memory_bytes();
    for _ in 0..10_000 {
        assert!(analyze(bad()).is_err());
    }
    let after = memory_bytes();
    assert_eq!(
        before, after,
        "wasm memory grew from {before} to {after} bytes"
    );
    let good_after = number(
        &analyze(sample()).expect("good call after 10,000 bad ones"),
        "score",
    );
    assert_eq!(good_before, good_after);
}

#[wasm_bindgen_test]
fn portfolio_reports_errors_per_item() {
    let products = Array::new();
    products.push(&sample());
    products.push(&JsValue::NULL);
    products.push(&js(
        r#"{"surveyData": {"npsScore": 30, "feedbackVolume": 80}}"#,
    ));
    products.push(&js(r#"{"usageMetrics": {"retentionRate": 45}}"#));
    let entries: Array = wasm::analyze_many(products.into(), None)
        .expect("portfolio")
        .dyn_into()
        .expect("array");
    let ok: Vec<bool> = entries
        .iter()
        .map(|e| get(&e, "ok").as_bool().unwrap_or(false))
        .collect();
    assert_eq!(ok, vec![true, false, true, false]);
    let third = get(&entries.get(3), "error");
    assert!(get(&third, "message")
        .as_string()
        .unwrap_or_default()
        .contains("did you mean 0.45?"));
    assert_eq!(number(&entries.get(2), "index"), 2.0);
    let (message, _) = expect_input_error(wasm::analyze_many(JsValue::from_str("nope"), None));
    assert!(message.contains("an array of product data"), "{message}");
}

#[wasm_bindgen_test]
fn portfolio_summaries_and_their_option() {
    let products = Array::new();
    products.push(&sample());
    products.push(&JsValue::NULL);
    // A product whose reading throws: its entry's error carries what was
    // thrown as its cause, in both modes (summaries are built all at once).
    let throwing: JsValue = js_sys::Function::new_no_args(
        "return { surveyData: new Proxy({}, { ownKeys() { throw new Error('no keys for you'); } }) }",
    )
    .call0(&JsValue::NULL)
    .expect("proxy built");
    products.push(&throwing);
    let summary = wasm::analyze_many(
        products.clone().into(),
        Some(js(r#"{"detail": "summary"}"#)),
    )
    .expect("summaries");
    let results: Array = get(&summary, "results").dyn_into().expect("results array");
    let whole: Array = wasm::analyze_many(products.clone().into(), None)
        .expect("whole results")
        .dyn_into()
        .expect("an array");
    for entries in [&results, &whole] {
        assert_eq!(entries.length(), 3);
        let error = get(&entries.get(2), "error");
        assert_eq!(
            get(&get(&error, "cause"), "message").as_string().as_deref(),
            Some("no keys for you"),
            "the thrown value is the entry error's cause"
        );
        assert!(get(&get(&entries.get(1), "error"), "cause").is_undefined());
    }
    let first = get(&results.get(0), "result");
    let full = analyze(sample()).expect("sample scores");
    assert_eq!(number(&first, "score"), number(&full, "score"));
    assert_eq!(text(&first, "verdict"), text(&full, "verdict"));
    assert_eq!(get(&results.get(1), "ok").as_bool(), Some(false));
    let sources: Array = get(&summary, "sources").dyn_into().expect("sources array");
    assert_eq!(
        sources.length(),
        get(&full, "sources").unchecked_into::<Array>().length()
    );
    // No products: no results, no sources.
    let empty = wasm::analyze_many(Array::new().into(), Some(js(r#"{"detail": "summary"}"#)))
        .expect("an empty portfolio");
    assert_eq!(get(&empty, "results").unchecked_into::<Array>().length(), 0);
    assert_eq!(get(&empty, "sources").unchecked_into::<Array>().length(), 0);
    // null is no detail given, as everywhere: whole results.
    let full_entries = wasm::analyze_many(products.clone().into(), Some(js(r#"{"detail": null}"#)))
        .expect("null detail");
    assert!(Array::is_array(&full_entries));
    // A wrong detail, alone and with a wrong preset: every problem at once.
    for (options, paths) in [
        (r#"{"detail": "brief"}"#, vec!["options.detail"]),
        (r#"{"detail": 1}"#, vec!["options.detail"]),
        (
            r#"{"detail": "summary", "preset": "nope"}"#,
            vec!["options.preset"],
        ),
        (
            r#"{"detail": [], "preset": "nope"}"#,
            vec!["options.preset", "options.detail"],
        ),
    ] {
        let (message, problems) = expect_input_error(wasm::analyze_many(
            products.clone().into(),
            Some(js(options)),
        ));
        let got: Vec<String> = problems.iter().filter_map(|p| text(p, "path")).collect();
        assert_eq!(got, paths, "{options}: {message}");
    }
}

#[wasm_bindgen_test]
fn validate_reports_problems_and_warnings_without_throwing() {
    let validate = |json: &str| -> JsValue {
        wasm::validate(Ts::new_unchecked(js(json)))
            .expect("validate never throws on data")
            .into()
    };
    let report = validate(r#"{"usageMetrics": {"retentionRat": 0.5, "retentionRate": 2}}"#);
    assert_eq!(get(&report, "valid").as_bool(), Some(false));
    let problems: Array = get(&report, "problems").dyn_into().expect("problems");
    let warnings: Array = get(&report, "warnings").dyn_into().expect("warnings");
    assert_eq!(problems.length(), 1);
    assert!(get(&warnings.get(0), "message")
        .as_string()
        .unwrap_or_default()
        .contains("did you mean retentionRate?"));
    // Exactly what analyze would say: an empty object has nothing to score.
    let empty = validate("{}");
    assert_eq!(get(&empty, "valid").as_bool(), Some(false));
    let (message, _) = expect_input_error(analyze(js("{}")));
    let first: Array = get(&empty, "problems").dyn_into().expect("problems");
    assert!(message.contains(
        &get(&first.get(0), "expected")
            .as_string()
            .unwrap_or_default()
    ));
    assert_eq!(
        get(&validate(r#"{"surveyData": {"npsScore": 12}}"#), "valid").as_bool(),
        Some(true)
    );
}

#[wasm_bindgen_test]
fn presets_schema_and_version() {
    let presets: Array = wasm::presets().expect("presets").dyn_into().expect("array");
    let ids: Vec<String> = presets
        .iter()
        .filter_map(|p| get(&p, "id").as_string())
        .collect();
    assert_eq!(
        ids,
        [
            "b2b-saas",
            "enterprise-saas",
            "consumer-subscription",
            "consumer-social"
        ]
    );
    assert_eq!(wasm::version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn results_are_bit_identical_to_native() {
    // The same golden file the native suite checks: same bits in wasm.
    let expected: Vec<&str> = golden::OUTPUTS.lines().collect();
    let computed = golden::compute();
    assert_eq!(expected.len(), computed.len());
    for ((name, json), want) in computed.iter().zip(expected) {
        assert_eq!(json, want, "golden case {name:?} differs in wasm");
    }
}

#[wasm_bindgen_test]
fn binding_scores_match_the_core() {
    // Through the JS boundary the numbers are unchanged.
    let first = golden::OUTPUTS.lines().next().unwrap_or_default();
    let expected = get(&js(first), "score").as_f64();
    let via_js = analyze_with(sample(), js(r#"{"preset": "b2b-saas"}"#)).expect("scores");
    assert_eq!(get(&via_js, "score").as_f64(), expected);
}

/// analyzeJson: the same result as analyze, as JSON text; what is not JSON text named at its path.
#[wasm_bindgen_test]
fn analyze_json_is_analyze_as_text() {
    let object = analyze(sample()).expect("sample scores");
    let text = JSON::stringify(&sample())
        .expect("stringify")
        .as_string()
        .unwrap();
    let out = String::from(wasm::analyze_json(JsValue::from_str(&text), None).expect("scores"));
    // The same values: serde_json writes 1.0 where JSON.stringify writes 1.
    let reparsed = JSON::stringify(&JSON::parse(&out).expect("JSON"))
        .expect("stringify")
        .as_string()
        .unwrap();
    let expected = JSON::stringify(&object)
        .expect("stringify")
        .as_string()
        .unwrap();
    assert_eq!(reparsed, expected);
    let options = js_sys::JsString::from(r#"{"preset": "consumer-social"}"#);
    let with =
        String::from(wasm::analyze_json(JsValue::from_str(&text), Some(options)).expect("scores"));
    assert_ne!(with, out);
    // Text past ASCII arrives whole; a lone surrogate as U+FFFD.
    let lone = js_sys::JsString::from(r#"{"é😀": 1, "x"#)
        .concat(&js_sys::JsString::from_char_code1(0xD800).into())
        .concat(&JsValue::from_str(&format!(r#"": 2, {}"#, &text[1..])));
    let odd = String::from(wasm::analyze_json(lone.into(), None).expect("scores"));
    for path in ["[\\\"é😀\\\"]", "[\\\"x\u{FFFD}\\\"]"] {
        assert!(odd.contains(path), "{path} not in {odd}");
    }
    for (data, needle) in [
        (JsValue::from_f64(5.0), "input is 5; expected JSON text"),
        (
            JsValue::from_str("{\"usageMetrics\": "),
            "input is text that is not JSON",
        ),
    ] {
        let (message, _) = expect_input_error(wasm::analyze_json(data, None).map(JsValue::from));
        assert!(message.contains(needle), "{needle:?} not in {message}");
    }
}
