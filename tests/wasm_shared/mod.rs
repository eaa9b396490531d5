//! The wasm test suite, run under Node (tests/wasm_node.rs) and headless
//! Chromium (tests/wasm_browser.rs). It calls the exported bindings exactly
//! as JavaScript would: with JS values, checking JS errors.

use js_sys::{Array, Object, Reflect, JSON};
use market_validation::wasm;
use tsify::Ts;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

#[path = "../support/golden.rs"]
mod golden;

// scripts/test.sh counts the `#[wasm_bindgen_test]` functions here and checks
// that each runner reports exactly that many passed: runners can skip a suite
// silently with exit 0.

fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("test JSON parses")
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).expect("property readable")
}

fn set(target: &JsValue, path: &[&str], value: JsValue) {
    let mut node = target.clone();
    for key in &path[..path.len() - 1] {
        node = get(&node, key);
    }
    Reflect::set(&node, &JsValue::from_str(path[path.len() - 1]), &value)
        .expect("property settable");
}

fn analyze(data: JsValue) -> Result<JsValue, JsValue> {
    wasm::analyze(Ts::new_unchecked(data), None).map(JsValue::from)
}

fn analyze_with(data: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    wasm::analyze(Ts::new_unchecked(data), Some(Ts::new_unchecked(options))).map(JsValue::from)
}

fn sample() -> JsValue {
    wasm::sample_product().expect("sample loads").into()
}

fn number(value: &JsValue, key: &str) -> f64 {
    get(value, key).as_f64().unwrap_or(f64::NAN)
}

/// The error thrown for bad input: a real JS Error with name, message and problems.
fn expect_input_error(result: Result<JsValue, JsValue>) -> (String, Vec<JsValue>) {
    let err = result.expect_err("bad input must be rejected");
    let error: js_sys::Error = err.dyn_into().expect("a JS Error, not a trap or a string");
    assert_eq!(String::from(error.name()), "InputError");
    let problems: Array = get(&error, "problems")
        .dyn_into()
        .expect("problems is an array");
    (String::from(error.message()), problems.iter().collect())
}

fn memory_bytes() -> f64 {
    let memory: js_sys::WebAssembly::Memory =
        wasm_bindgen::memory().dyn_into().expect("wasm memory");
    number(&memory.buffer(), "byteLength")
}

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
    let (message, _) = expect_input_error(analyze(data));
    assert!(
        message.contains("surveyData is an object whose keys could not be read"),
        "{message}"
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

fn analyze_survey(input: JsValue, options: Option<&str>) -> Result<JsValue, JsValue> {
    wasm::analyze_survey(input, options.map(|o| Ts::new_unchecked(js(o)))).map(JsValue::from)
}

const SURVEY_CSV: &str = "Response ID,How likely are you to recommend Acme?,How would you feel if you could no longer use Acme?,How satisfied are you?,Role\r\n\
1,10,Very disappointed,5,Dev\r\n2,9,very disappointed ,4,Dev\r\n3,8,Somewhat disappointed,4,PM\r\n\
4,6,Not disappointed (it isn't really that useful),2,PM\r\n5,0,N/A - I no longer use Acme,1,Dev\r\n\r\n6,x,nope,9,Dev\r\n";

#[wasm_bindgen_test]
fn survey_from_csv_text_matches_the_hand_count() {
    let r = analyze_survey(JsValue::from_str(SURVEY_CSV), None).expect("survey");
    let nps = get(&r, "nps");
    assert_eq!(number(&nps, "promoters"), 2.0);
    assert_eq!(number(&nps, "detractors"), 2.0);
    assert_eq!(number(&nps, "score"), 0.0);
    assert_eq!(
        get(&nps, "method").as_string().as_deref(),
        Some("adjusted-wald")
    );
    let pmf = get(&r, "pmf");
    assert_eq!(number(&pmf, "n"), 4.0);
    assert_eq!(number(&pmf, "noLongerUse"), 1.0);
    assert_eq!(
        get(&pmf, "verdict").as_string().as_deref(),
        Some("too_few_answers")
    );
    let skipped = get(&r, "skipped");
    assert_eq!(number(&skipped, "count"), 2.0);
    let first: Array = get(&skipped, "first").dyn_into().expect("first");
    assert_eq!(number(&first.get(0), "line"), 7.0);
    assert_eq!(
        get(&first.get(0), "reason").as_string().as_deref(),
        Some("blank row")
    );
    assert_eq!(number(&first.get(1), "line"), 8.0);
    // surveyData goes straight into analyze.
    let product = Object::new();
    Reflect::set(
        &product,
        &JsValue::from_str("surveyData"),
        &get(&r, "surveyData"),
    )
    .expect("set");
    let scored = analyze(product.into()).expect("surveyData is valid product data");
    assert!(number(&scored, "score") > 0.0);
}

#[wasm_bindgen_test]
fn survey_from_bytes_reports_invalid_utf8_and_from_arrays_by_index() {
    let mut bytes = SURVEY_CSV.as_bytes().to_vec();
    bytes.extend_from_slice(b"7,9,Very disappointed,5,D\xFFv\r\n");
    let r =
        analyze_survey(js_sys::Uint8Array::from(bytes.as_slice()).into(), None).expect("survey");
    let by_reason = get(&get(&r, "skipped"), "byReason");
    assert_eq!(number(&by_reason, "invalid UTF-8 in an answer"), 1.0);
    let arrays = js(
        r#"{"nps": [9, "10", null, 3, "11"], "pmf": ["Very disappointed", "somewhat disappointed", null, "n/a", "Not disappointed"]}"#,
    );
    let r = analyze_survey(arrays, Some(r#"{"npsMethod": "wald"}"#)).expect("arrays");
    assert_eq!(number(&get(&r, "nps"), "n"), 3.0);
    assert_eq!(
        get(&get(&r, "nps"), "method").as_string().as_deref(),
        Some("wald")
    );
    let invalid: Array = get(&get(&r, "invalidAnswers"), "first")
        .dyn_into()
        .expect("first");
    assert_eq!(number(&invalid.get(0), "index"), 4.0);
}

#[wasm_bindgen_test]
fn unusable_surveys_are_errors_and_the_module_keeps_working() {
    for (input, needle) in [
        (JsValue::from_str(""), "an empty file"),
        (
            JsValue::from_str("Name,Email\nAda,a@b.c\n"),
            "a column for at least one question",
        ),
        (
            JsValue::from_str("How likely are you to recommend us?\nnope\n"),
            "no usable answer",
        ),
        (
            js(r#"{"nps": [1, 2], "pmf": ["Very disappointed"]}"#),
            "pmf is an array of 1 answers",
        ),
        (js(r#"{"npz": [1]}"#), "input.npz is an unknown field"),
        (
            JsValue::from_f64(3.0),
            "CSV text, a Uint8Array of CSV bytes",
        ),
    ] {
        let (message, problems) = expect_input_error(analyze_survey(input, None));
        assert!(message.contains(needle), "{needle:?} not in {message}");
        assert!(!problems.is_empty());
    }
    let (message, _) = expect_input_error(analyze_survey(
        JsValue::from_str(SURVEY_CSV),
        Some(r#"{"pmfBar": 40, "columns": {"nps": "NPS?"}}"#),
    ));
    assert!(message.contains("did you mean 0.4?"), "{message}");
    assert!(analyze_survey(JsValue::from_str(SURVEY_CSV), None).is_ok());
}

#[wasm_bindgen_test]
fn survey_waves_are_compared() {
    let wave = |vd: usize, other: usize| {
        let mut text = String::from("How would you feel if you could no longer use it?\n");
        text.push_str(&"Very disappointed\n".repeat(vd));
        text.push_str(&"Somewhat disappointed\n".repeat(other));
        JsValue::from_str(&text)
    };
    let cmp: JsValue = wasm::compare_surveys(wave(22, 78), wave(58, 42), None)
        .expect("compare")
        .into();
    let pmf = get(&cmp, "pmf");
    assert!((number(&pmf, "change") - 0.36).abs() < 1e-12);
    assert_eq!(get(&pmf, "distinguishable").as_bool(), Some(true));
    assert_eq!(
        get(&pmf, "method").as_string().as_deref(),
        Some("newcombe-hybrid-score")
    );
    // A bad wave or bad options: a clear error naming what was wrong, not a trap.
    let (message, _) = expect_input_error(
        wasm::compare_surveys(wave(1, 1), JsValue::NULL, None).map(JsValue::from),
    );
    assert!(
        message.contains("CSV text, a Uint8Array of CSV bytes"),
        "{message}"
    );
    let options = Some(Ts::new_unchecked(js(r#"{"npsMethod": "exact"}"#)));
    let (message, _) = expect_input_error(
        wasm::compare_surveys(wave(1, 1), wave(1, 1), options).map(JsValue::from),
    );
    assert!(message.contains("options.npsMethod"), "{message}");
}

fn analyze_events(
    users: JsValue,
    times: JsValue,
    options: Option<&str>,
) -> Result<JsValue, JsValue> {
    wasm::analyze_events(
        users,
        times,
        options.map(|o| Ts::new_unchecked(js(o))),
        None,
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
        Some(Ts::new_unchecked(js(r#"{"cohortPeriod": "day"}"#))),
        Some(signups),
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
        wasm::analyze_events(js("[1]"), js("[1762000000000]"), None, Some(bad)).map(JsValue::from),
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

fn check_launch(plan: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    wasm::check_launch(Ts::new_unchecked(plan), options.map(Ts::new_unchecked)).map(JsValue::from)
}

fn text(value: &JsValue, key: &str) -> Option<String> {
    get(value, key).as_string()
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
    // 100 * (0.3 * 5/6 + 0.2 + 0.3 + 0.1 + 0.1) = 95, as natively.
    assert!((number(&get(&report, "score"), "score") - 95.0).abs() < 1e-9);
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
