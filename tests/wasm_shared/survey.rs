//! analyzeSurvey and compareSurveys through the bindings.

use super::*;

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
            "CSV text, its bytes (a Uint8Array or an ArrayBuffer)",
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
        message.contains("CSV text, its bytes (a Uint8Array or an ArrayBuffer)"),
        "{message}"
    );
    let options = Some(Ts::new_unchecked(js(r#"{"npsMethod": "exact"}"#)));
    let (message, _) = expect_input_error(
        wasm::compare_surveys(wave(1, 1), wave(1, 1), options).map(JsValue::from),
    );
    assert!(message.contains("options.npsMethod"), "{message}");
}

/// A Qualtrics export (three header rows), as text and as UTF-16 bytes.
const QUALTRICS: &str = "StartDate,Finished,ResponseId,Q1,Q1_NPS_GROUP,Q2\r\n\
Start Date,Finished,Response ID,How likely are you to recommend Acme?,How likely are you to recommend Acme? - Group,How would you feel if you could no longer use Acme?\r\n\
\"{\"\"ImportId\"\":\"\"startDate\"\"}\",\"{\"\"ImportId\"\":\"\"finished\"\"}\",\"{\"\"ImportId\"\":\"\"_recordId\"\"}\",\"{\"\"ImportId\"\":\"\"QID1\"\"}\",\"{\"\"ImportId\"\":\"\"QID1_NPS_GROUP\"\"}\",\"{\"\"ImportId\"\":\"\"QID2\"\"}\"\r\n\
2026-11-03 09:00:00,True,R_1,9,Promoter,Very disappointed\r\n\
2026-11-03 09:01:00,True,R_2,3,Detractor,Somewhat disappointed\r\n\
2026-11-03 09:02:00,False,R_3,10,Promoter,\r\n";

#[wasm_bindgen_test]
fn read_export_and_analyze_survey_read_a_qualtrics_export_alike() {
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(QUALTRICS.encode_utf16().flat_map(u16::to_le_bytes));
    for input in [
        JsValue::from_str(QUALTRICS),
        js_sys::Uint8Array::from(&utf16[..]).into(),
    ] {
        let info = wasm::read_export(input.clone(), None)
            .map(JsValue::from)
            .expect("readExport");
        assert_eq!(get(&info, "kind").as_string().as_deref(), Some("survey"));
        assert_eq!(
            get(&info, "source").as_string().as_deref(),
            Some("qualtrics")
        );
        assert_eq!(number(&info, "headerRows"), 3.0);
        let columns: Array = get(&info, "columns").dyn_into().expect("columns");
        assert_eq!(
            get(&columns.get(3), "role").as_string().as_deref(),
            Some("nps")
        );
        assert!(
            get(&columns.get(4), "role").is_undefined(),
            "Q1_NPS_GROUP is no NPS"
        );
        // The question text row is no respondent; the unfinished response is left out.
        let r = analyze_survey(input, None).expect("survey");
        assert_eq!(number(&r, "responses"), 2.0);
        assert_eq!(number(&get(&r, "nps"), "score"), 0.0);
        assert_eq!(
            get(&get(&r, "file"), "source").as_string().as_deref(),
            Some("qualtrics")
        );
    }
    let err = wasm::read_export(JsValue::from_f64(3.0), None)
        .map(JsValue::from)
        .unwrap_err();
    let message = js_sys::Reflect::get(&err, &JsValue::from_str("message"))
        .unwrap()
        .as_string()
        .unwrap();
    assert!(message.contains("input is 3"), "{message}");
}

/// Microsoft Forms' workbook, read in wasm as natively: the figures
/// make_fixtures.py computed (expected.json, "ms-forms-xlsx").
#[cfg(feature = "archives")]
#[wasm_bindgen_test]
fn an_excel_workbook_is_read_as_natively() {
    const XLSX: &[u8] = include_bytes!("../fixtures/exports/ms-forms.xlsx");
    let input: JsValue = js_sys::Uint8Array::from(XLSX).into();
    let r = analyze_survey(input.clone(), None).expect("survey");
    assert_eq!(number(&r, "responses"), 40.0);
    let nps = get(&r, "nps");
    assert_eq!(
        (
            number(&nps, "promoters"),
            number(&nps, "passives"),
            number(&nps, "detractors")
        ),
        (13.0, 13.0, 11.0)
    );
    assert_eq!(
        get(&get(&r, "file"), "container").as_string().as_deref(),
        Some("xlsx")
    );
    let info = wasm::read_export(input, None)
        .map(JsValue::from)
        .expect("readExport");
    assert_eq!(get(&info, "sheet").as_string().as_deref(), Some("Sheet1"));
}

/// analyzeSurvey with `options.behaviour`: string ids and a typed array of times, the same tiers
/// and adoption as natively (tests/survey_behaviour.rs), and bad behaviour named under
/// `options.behaviour`.
#[wasm_bindgen_test]
fn a_survey_joined_to_behaviour_reads_by_engagement_and_adoption() {
    let day = 86_400_000.0;
    // 2026-11-30, the answers' day.
    let answer = 20_787.0 * day;
    let csv = "user_id,Submit Date (UTC),How likely are you to recommend Acme?,How would you feel if you could no longer use Acme?\n\
               u1,2026-11-30 09:00:00,10,Very disappointed\n\
               u2,2026-11-30 10:00:00,6,Not disappointed\n\
               u3,2026-11-30 10:00:00,9,Somewhat disappointed\n";
    // u1: 22 active days and an export before the answer; u2: 2 days; u3: none in the window.
    let mut ids = Vec::new();
    let mut times = Vec::new();
    let mut names = Vec::new();
    for i in 0..22 {
        ids.push("u1");
        times.push(answer - f64::from(i) * day + 3_600_000.0);
        names.push(if i == 5 {
            "report_exported"
        } else {
            "page_view"
        });
    }
    for i in 0..2 {
        ids.push("u2");
        times.push(answer - f64::from(i) * day);
        names.push("page_view");
    }
    ids.push("u3");
    times.push(answer - 40.0 * day);
    names.push("page_view");
    let behaviour = Object::new();
    let strings = |items: &[&str]| -> JsValue {
        items
            .iter()
            .map(|s| JsValue::from_str(s))
            .collect::<Array>()
            .into()
    };
    Reflect::set(&behaviour, &"userIds".into(), &strings(&ids)).unwrap();
    Reflect::set(
        &behaviour,
        &"timestamps".into(),
        &js_sys::Float64Array::from(times.as_slice()),
    )
    .unwrap();
    Reflect::set(&behaviour, &"eventNames".into(), &strings(&names)).unwrap();
    let options = js(r#"{"features": {"Reports": "report_exported"}}"#);
    Reflect::set(&options, &"behaviour".into(), &behaviour).unwrap();
    let r = wasm::analyze_survey(JsValue::from_str(csv), Some(Ts::new_unchecked(options)))
        .map(JsValue::from)
        .expect("joins");
    let b = get(&r, "behaviour");
    assert_eq!(number(&get(&b, "matching"), "matched"), 3.0);
    let tiers: Array = get(&b, "byEngagement").dyn_into().expect("tiers");
    let counts: Vec<f64> = tiers.iter().map(|t| number(&t, "respondents")).collect();
    assert_eq!(counts, [1.0, 1.0, 0.0, 0.0, 1.0]);
    assert_eq!(number(&get(&tiers.get(4), "nps"), "score"), 100.0);
    let splits: Array = get(&b, "byAdoption").dyn_into().expect("splits");
    let reports = splits.get(0);
    assert_eq!(number(&get(&reports, "adopters"), "respondents"), 1.0);
    assert_eq!(number(&get(&reports, "others"), "respondents"), 2.0);
    // Bad behaviour: its problems under options.behaviour, all at once.
    let options = js(r#"{"behaviour": {"userIds": [1, 2], "timestamps": [1], "eventNamez": []}}"#);
    let (message, problems) = expect_input_error(
        wasm::analyze_survey(JsValue::from_str(csv), Some(Ts::new_unchecked(options)))
            .map(JsValue::from),
    );
    assert!(
        message.contains("options.behaviour.eventNamez"),
        "{message}"
    );
    assert!(!problems.is_empty());
    let options = js(r#"{"behaviour": 5}"#);
    let (message, _) = expect_input_error(
        wasm::analyze_survey(JsValue::from_str(csv), Some(Ts::new_unchecked(options)))
            .map(JsValue::from),
    );
    assert!(message.contains("options.behaviour"), "{message}");
}

/// analyzeUsability: a task table from text and from bytes, the same; what is not a file named.
#[wasm_bindgen_test]
fn usability_from_a_task_table() {
    let csv = "Participant,Task,Success,Seconds,SEQ\np1,Checkout,1,34,6\np2,Checkout,Gave up,120,2\np3,Checkout,1,0:48,7\n";
    let options = |o: &str| Some(Ts::new_unchecked(js(o)));
    let text = wasm::analyze_usability(JsValue::from_str(csv), None)
        .map(JsValue::from)
        .expect("text");
    let bytes = js_sys::Uint8Array::from(csv.as_bytes());
    let from_bytes = wasm::analyze_usability(bytes.into(), options("{}"))
        .map(JsValue::from)
        .expect("bytes");
    let task = Reflect::get_u32(&get(&text, "tasks"), 0).unwrap();
    let completion = get(&task, "completion");
    assert_eq!(
        (
            number(&completion, "successes"),
            number(&completion, "attempts")
        ),
        (2.0, 3.0)
    );
    // The successes' times, 34 and 48 s: their geometric mean, √(34 · 48).
    assert!((number(&get(&task, "time"), "geometricMean") - (34.0f64 * 48.0).sqrt()).abs() < 1e-9);
    assert_eq!(
        JSON::stringify(&text).unwrap().as_string(),
        JSON::stringify(&from_bytes).unwrap().as_string()
    );
    let (message, _) = expect_input_error(
        wasm::analyze_usability(JsValue::from_f64(5.0), None).map(JsValue::from),
    );
    assert!(message.contains("input is 5"), "{message}");
    let (message, _) = expect_input_error(
        wasm::analyze_usability(JsValue::from_str(csv), options(r#"{"times": "each"}"#))
            .map(JsValue::from),
    );
    assert!(message.contains("options.times"), "{message}");
}

/// featureRequests through the bindings: the Qualtrics request fixture's, the value the core's
/// result builds (every theme, count, share and example), with the planted figures
/// (tests/fixtures/requests/expected.json, computed by make_fixtures.py).
#[wasm_bindgen_test]
fn feature_requests_cross_as_the_core_gives_them() {
    const CSV: &[u8] = include_bytes!("../fixtures/requests/qualtrics-requests.csv");
    const EXPECTED: &str = include_str!("../fixtures/requests/expected.json");
    let r = analyze_survey(js_sys::Uint8Array::from(CSV).into(), None).expect("survey");
    let requests = get(&r, "featureRequests");
    let expected: serde_json::Value = serde_json::from_str(EXPECTED).unwrap();
    let e = &expected["qualtrics-requests.csv"];
    assert_eq!(
        number(&requests, "answers"),
        e["all"]["answers"].as_f64().unwrap()
    );
    assert_eq!(
        number(
            &get(&get(&requests, "byEllis"), "veryDisappointed"),
            "answers"
        ),
        e["byEllis"]["veryDisappointed"]["answers"]
            .as_f64()
            .unwrap()
    );
    let native = market_validation::survey::analyze_survey_csv(CSV, &Default::default())
        .expect("survey")
        .feature_requests
        .expect("featureRequests");
    let built = market_validation::wasm::crossing_checks::tape(&native).expect("built");
    super::crossing::assert_same(&requests, &built, "featureRequests");
}
