//! Survey exports laid out as their tools write them (tests/fixtures/exports/,
//! built by make_fixtures.py, which also computes the expected figures
//! independently of the library): multi-row headers, derived and Yes/No
//! columns that only look like questions, unfinished responses, coded
//! answers and UTF-16 text.
#![cfg(all(feature = "survey", not(target_arch = "wasm32")))]

use market_validation::import::{Encoding, ExportSource};
use market_validation::survey::{analyze_survey_csv, SurveyAnalysis, SurveyConfig};
use market_validation::RawValue;
use proptest::prelude::*;
use serde_json::Value;

#[path = "support/fixtures.rs"]
mod fixtures;

fn fixture(name: &str) -> Vec<u8> {
    fixtures::fixture("exports", name)
}

fn expected(which: &str) -> Value {
    fixtures::expected("exports", which)
}

use fixtures::close;

fn config(json: &str) -> SurveyConfig {
    SurveyConfig::from_raw(&RawValue::from_json_str(json).unwrap()).unwrap()
}

fn analyse(name: &str, options: &str) -> SurveyAnalysis {
    analyze_survey_csv(&fixture(name), &config(options)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// How many rows were skipped for a reason that starts so.
fn skipped_for(r: &SurveyAnalysis, reason: &str) -> Option<u64> {
    r.skipped
        .by_reason
        .iter()
        .find(|(k, _)| k.starts_with(reason))
        .map(|(_, n)| *n)
}

/// The NPS, Sean Ellis and CSAT figures against those computed from the answers.
fn assert_figures(r: &SurveyAnalysis, e: &Value) {
    assert_eq!(r.responses, e["responses"].as_u64().unwrap(), "responses");
    let nps = r.nps.as_ref().expect("an NPS");
    assert_eq!(
        (nps.promoters, nps.passives, nps.detractors),
        (
            e["promoters"].as_u64().unwrap(),
            e["passives"].as_u64().unwrap(),
            e["detractors"].as_u64().unwrap()
        )
    );
    close(nps.score, &e["npsScore"], "NPS");
    let pmf = r.pmf.as_ref().expect("a Sean Ellis share");
    assert_eq!(
        (
            pmf.very_disappointed,
            pmf.somewhat_disappointed,
            pmf.not_disappointed,
            pmf.no_longer_use
        ),
        (
            e["veryDisappointed"].as_u64().unwrap(),
            e["somewhatDisappointed"].as_u64().unwrap(),
            e["notDisappointed"].as_u64().unwrap(),
            e["noLongerUse"].as_u64().unwrap()
        )
    );
    close(
        pmf.very_disappointed_share,
        &e["veryDisappointedShare"],
        "Sean Ellis share",
    );
    close(
        r.csat.as_ref().expect("a CSAT").share,
        &e["csatShare"],
        "CSAT share",
    );
}

#[test]
fn qualtrics_choice_text_three_header_rows() {
    let r = analyse("qualtrics-choice-text.csv", "{}");
    let e = expected("qualtrics");
    assert_figures(&r, &e);
    let file = r.file.as_ref().unwrap();
    assert_eq!(
        (file.source, file.header_rows),
        (ExportSource::Qualtrics, 3)
    );
    // The question text row is no respondent; Q1_NPS_GROUP and the Yes/No question are no NPS.
    assert_eq!(r.columns.nps.as_ref().unwrap().header, "Q1");
    assert_eq!(r.columns.pmf.as_ref().unwrap().header, "Q2");
    assert_eq!(r.columns.csat.as_ref().unwrap().header, "Q3");
    // Unfinished responses are left out and said so, by file line.
    let unfinished = e["unfinished"].as_u64().unwrap();
    assert_eq!(
        skipped_for(&r, "an unfinished response"),
        Some(unfinished),
        "{:?}",
        r.skipped.by_reason
    );
    assert!(
        r.skipped
            .first
            .iter()
            .all(|i| i.line.is_some_and(|l| l > 3)),
        "lines count the header rows"
    );
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    // The author's previews are no respondents.
    assert_eq!(
        skipped_for(&r, "a survey preview"),
        e["previews"].as_u64(),
        "{:?}",
        r.skipped.by_reason
    );
    // includePartial keeps them.
    let kept = analyse("qualtrics-choice-text.csv", r#"{"includePartial": true}"#);
    assert_eq!(kept.responses, r.responses + unfinished);
}

#[test]
fn qualtrics_numeric_codes_read_with_their_direction() {
    let e = expected("qualtrics");
    // Satisfaction codes 1..5 with "Extremely satisfied" first: told by the option.
    let r = analyse(
        "qualtrics-numeric.csv",
        r#"{"scales": {"csat": "descending"}}"#,
    );
    assert_figures(&r, &e);
    assert!(
        r.warnings
            .iter()
            .any(|w| w.code == "coded_answers" && w.message.contains("\"Q2\"")),
        "{:?}",
        r.warnings
    );
    assert!(!r.warnings.iter().any(|w| w.code == "coded_scale"));
    // Without it, the guess is said, with how to choose otherwise.
    let guessed = analyse("qualtrics-numeric.csv", "{}");
    let w = guessed
        .warnings
        .iter()
        .find(|w| w.code == "coded_scale")
        .expect("a coded_scale warning");
    assert!(
        w.message.contains("options.scales.csat = \"descending\""),
        "{}",
        w.message
    );
    assert_eq!(
        guessed.nps.unwrap().score,
        r.nps.unwrap().score,
        "the NPS does not depend on it"
    );
}

#[test]
fn surveymonkey_two_header_rows() {
    let r = analyse("surveymonkey.csv", "{}");
    assert_figures(&r, &expected("surveymonkey"));
    let file = r.file.as_ref().unwrap();
    assert_eq!(
        (file.source, file.header_rows),
        (ExportSource::Surveymonkey, 2)
    );
    assert_eq!(
        r.invalid_answers.count, 0,
        "{:?}",
        r.invalid_answers.by_reason
    );
    assert_eq!(r.skipped.count, 0, "{:?}", r.skipped.by_reason);
}

#[test]
fn the_recommended_yes_no_question_is_no_nps() {
    for name in ["ellis-question-set.csv", "ellis-question-set-utf16.txt"] {
        let r = analyse(name, "{}");
        let e = expected("ellis-question-set");
        assert!(
            r.nps.is_none(),
            "{name}: the Yes/No question was read as an NPS"
        );
        assert_eq!(
            r.invalid_answers.count, 0,
            "{name}: {:?}",
            r.invalid_answers.by_reason
        );
        let pmf = r.pmf.as_ref().unwrap();
        assert_eq!(r.responses, e["responses"].as_u64().unwrap());
        assert_eq!(
            pmf.very_disappointed,
            e["veryDisappointed"].as_u64().unwrap()
        );
        close(
            pmf.very_disappointed_share,
            &e["veryDisappointedShare"],
            name,
        );
    }
    let utf16 = analyse("ellis-question-set-utf16.txt", "{}");
    let file = utf16.file.unwrap();
    assert_eq!(
        (file.encoding, file.delimiter.as_str()),
        (Encoding::Utf16le, "\t")
    );
}

/// The Qualtrics file's columns in another order, with unrelated columns
/// added (a team size of small numbers, comments, a Yes/No question).
fn reshaped(order: &[usize], extra: usize) -> Vec<u8> {
    let text = String::from_utf8(fixture("qualtrics-choice-text.csv")).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut out = csv::Writer::from_writer(Vec::new());
    for (line, record) in reader.records().enumerate() {
        let record = record.unwrap();
        let mut fields: Vec<String> = order.iter().map(|i| record[*i].to_string()).collect();
        for k in 0..extra {
            fields.push(match (line, k % 3) {
                (0, 0) => format!("Q{}", 90 + k),
                (1, 0) => "How many people are on your team?".into(),
                (1, 1) => "Any comments?".into(),
                (1, 2) => "Would you recommend Acme to a friend? (Yes/No)".into(),
                (0 | 1, _) => format!("Extra{k}"),
                (2, _) => format!("{{\"ImportId\":\"QID{}\"}}", 90 + k),
                (_, 0) => ((line * 7 + k) % 50 + 1).to_string(),
                (_, 1) => "Great, but slow on Mondays, 9 of 10".into(),
                _ => {
                    if line % 2 == 0 {
                        "Yes".into()
                    } else {
                        "No".into()
                    }
                }
            });
        }
        out.write_record(&fields).unwrap();
    }
    out.into_inner().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn column_order_and_unrelated_columns_change_nothing(
        order in proptest::sample::subsequence((0..23).collect::<Vec<usize>>(), 23).prop_shuffle(),
        extra in 0usize..4,
    ) {
        let r = analyze_survey_csv(&reshaped(&order, extra), &SurveyConfig::default()).unwrap();
        assert_figures(&r, &expected("qualtrics"));
    }
}

fn analyse_text(text: &str) -> SurveyAnalysis {
    analyze_survey_csv(text.as_bytes(), &SurveyConfig::default()).unwrap()
}

#[test]
fn uncertain_choices_are_warned_about() {
    // Two NPS-like questions: the first is used, the other named as the runner-up.
    let mut text = String::from(
        "How likely are you to recommend Acme?,How likely are you to recommend our support team?\n",
    );
    for i in 0..20 {
        text.push_str(&format!("{},{}\n", i % 11, 10 - i % 11));
    }
    let r = analyse_text(&text);
    let nps = r.columns.nps.as_ref().unwrap();
    assert_eq!(nps.header, "How likely are you to recommend Acme?");
    assert_eq!(
        nps.runner_up.as_deref(),
        Some("How likely are you to recommend our support team?")
    );
    let w = r
        .warnings
        .iter()
        .find(|w| w.code == "two_columns")
        .expect("a two_columns warning");
    assert!(w.message.contains("options.columns.nps"), "{}", w.message);

    // Satisfaction on a 1..7 scale: most answers out of scale.
    let mut text = String::from("How satisfied are you with Acme?\n");
    for i in 0..20 {
        text.push_str(&format!("{}\n", 1 + i % 7));
    }
    let r = analyse_text(&text);
    let w = r
        .warnings
        .iter()
        .find(|w| w.code == "rows_unused")
        .expect("a rows_unused warning");
    assert!(w.message.contains("rating outside 1 to 5"), "{}", w.message);

    // One ragged row in 40 is no reason to warn; four are.
    let mut text = String::from("How likely are you to recommend Acme?,Role\n");
    for i in 0..40 {
        text.push_str(if i < 4 { "9,Dev,extra\n" } else { "9,Dev\n" });
    }
    let warned = analyse_text(&text);
    assert!(
        warned
            .warnings
            .iter()
            .any(|w| w.code == "rows_unused" && w.message.starts_with("4 of 40 rows (10%)")),
        "{:?}",
        warned.warnings
    );
    let one = text.replacen("9,Dev,extra\n", "9,Dev\n", 3);
    assert!(analyse_text(&one).warnings.is_empty());
}

/// Segment sizes by name.
fn sizes(b: &market_validation::survey::report::SegmentBreakdown) -> Vec<(String, u64)> {
    let mut out: Vec<(String, u64)> = b
        .segments
        .iter()
        .map(|s| (s.name.clone(), s.responses))
        .collect();
    out.sort();
    out
}

fn expected_sizes(e: &Value) -> Vec<(String, u64)> {
    e.as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().unwrap()))
        .collect()
}

#[test]
fn segments_from_ids_split_choices_and_several_columns() {
    // Qualtrics: the segment's column id, with the question it asks.
    let r = analyse("qualtrics-choice-text.csv", "{}");
    let column = r.columns.segment.as_ref().unwrap();
    assert_eq!(
        (column.header.as_str(), column.question.as_deref()),
        ("Q5", Some("What is your role?"))
    );
    assert_eq!(
        sizes(r.segments.as_ref().unwrap()),
        expected_sizes(&expected("qualtrics")["roles"])
    );
    // SurveyMonkey: a multiple choice split into a column per option is one segment.
    let r = analyse("surveymonkey.csv", "{}");
    let b = r.segments.as_ref().unwrap();
    assert_eq!(b.column, "Which plan are you on?");
    assert_eq!(sizes(b), expected_sizes(&expected("surveymonkey")["plans"]));
    assert_eq!(r.columns.segments.len(), 1);
    assert!(r.segments_by_column.is_empty());
    // Several segment columns: each broken down; the first stays in `segments`.
    let mut text = String::from("How likely are you to recommend Acme?,Role,Company size\n");
    for i in 0..30 {
        text.push_str(&format!(
            "{},{},{}\n",
            i % 11,
            ["Dev", "PM"][i % 2],
            ["1-10", "11-50", "51+"][i % 3]
        ));
    }
    let r = analyse_text(&text);
    assert_eq!(
        r.columns
            .segments
            .iter()
            .map(|c| c.header.as_str())
            .collect::<Vec<_>>(),
        ["Role", "Company size"]
    );
    assert_eq!(r.segments.as_ref().unwrap().column, "Role");
    assert_eq!(
        r.segments_by_column.keys().collect::<Vec<_>>(),
        ["Company size", "Role"]
    );
    assert_eq!(
        sizes(&r.segments_by_column["Company size"]),
        [
            ("1-10".into(), 10),
            ("11-50".into(), 10),
            ("51+".into(), 10)
        ]
    );
    // Named: only those, in that order.
    let named = analyze_survey_csv(
        text.as_bytes(),
        &config(r#"{"columns": {"segments": ["Company size"]}}"#),
    )
    .unwrap();
    assert_eq!(
        named
            .columns
            .segments
            .iter()
            .map(|c| (c.header.as_str(), c.detected_by.as_str()))
            .collect::<Vec<_>>(),
        [("Company size", "option")]
    );
    let only = analyze_survey_csv(
        text.as_bytes(),
        &config(r#"{"columns": {"segment": "Company size"}}"#),
    )
    .unwrap();
    assert_eq!(
        only.columns
            .segments
            .iter()
            .map(|c| c.header.as_str())
            .collect::<Vec<_>>(),
        ["Company size"]
    );
    let err = SurveyConfig::from_raw(
        &RawValue::from_json_str(r#"{"columns": {"segments": ["Role", 3]}}"#).unwrap(),
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("options.columns.segments[1]"),
        "{err}"
    );
}

#[test]
fn waves_by_completion_month() {
    let r = analyse("qualtrics-choice-text.csv", r#"{"waves": "month"}"#);
    let waves = r.waves.as_ref().expect("waves");
    assert_eq!(
        (
            waves.period.as_str(),
            waves.column.as_str(),
            waves.rows_without_date
        ),
        ("month", "RecordedDate", 0)
    );
    let months = expected("qualtrics")["months"].clone();
    let labels: Vec<&str> = waves.waves.iter().map(|w| w.wave.as_str()).collect();
    assert_eq!(labels, ["2026-10", "2026-11", "2026-12"]);
    for w in &waves.waves {
        let e = &months[&w.wave];
        assert_eq!(w.responses, e["responses"].as_u64().unwrap(), "{}", w.wave);
        close(w.nps.as_ref().unwrap().score, &e["npsScore"], &w.wave);
        close(
            w.pmf.as_ref().unwrap().very_disappointed_share,
            &e["veryDisappointedShare"],
            &w.wave,
        );
    }
    // Each wave against the one before, by compareSurveys' statistics.
    let second = waves.waves[1].change_from_previous.as_ref().unwrap();
    assert_eq!(second.from, "2026-10");
    let nps = second.nps.as_ref().unwrap();
    let (before, after) = (
        months["2026-10"]["npsScore"].as_f64().unwrap(),
        months["2026-11"]["npsScore"].as_f64().unwrap(),
    );
    assert!((nps.change - (after - before)).abs() < 1e-9);
    assert!(nps.interval[0] < nps.change && nps.change < nps.interval[1]);
    assert!(waves.waves[0].change_from_previous.is_none());
    // Quarters: one wave here.
    let q = analyse("qualtrics-choice-text.csv", r#"{"waves": "quarter"}"#);
    assert_eq!(
        q.waves
            .unwrap()
            .waves
            .iter()
            .map(|w| w.wave.as_str())
            .collect::<Vec<_>>(),
        ["2026-Q4"]
    );
    // Without waves, none.
    assert!(analyse("qualtrics-choice-text.csv", "{}").waves.is_none());
}

#[test]
fn waves_need_a_readable_date_and_say_how_dates_were_read() {
    // SurveyMonkey's End Date: no day above 12, so month-first (its default) is a guess.
    let r = analyse("surveymonkey.csv", r#"{"waves": "month"}"#);
    assert_eq!(r.waves.as_ref().unwrap().column, "End Date");
    let w = r
        .warnings
        .iter()
        .find(|w| w.code == "date_order")
        .expect("a date_order warning");
    assert!(
        w.message.contains("options.dateOrder = \"day-month\""),
        "{}",
        w.message
    );
    let told = analyse(
        "surveymonkey.csv",
        r#"{"waves": "month", "dateOrder": "month-day"}"#,
    );
    assert!(!told.warnings.iter().any(|w| w.code == "date_order"));
    assert_eq!(told.waves.unwrap().waves[0].wave, "2026-11");
    let day_first = analyse(
        "surveymonkey.csv",
        r#"{"waves": "month", "dateOrder": "day-month"}"#,
    );
    assert_eq!(
        day_first.waves.unwrap().waves[0].wave,
        "2026-03",
        "11/03/2026 read as 11 March"
    );
    // A row whose date cannot be read counts in no wave, and the result says so.
    let text = "Timestamp,How likely are you to recommend Acme?\n2026/11/03 9:00:00 AM GMT,9\nyesterday,10\n";
    let r = analyze_survey_csv(text.as_bytes(), &config(r#"{"waves": "month"}"#)).unwrap();
    assert_eq!(
        (r.responses, r.waves.as_ref().unwrap().rows_without_date),
        (2, 1)
    );
    assert!(
        r.warnings
            .iter()
            .any(|w| w.code == "dates_unread" && w.message.starts_with("1 of 2 rows")),
        "{:?}",
        r.warnings
    );
    // No date column: the error says how to name one.
    let err = analyze_survey_csv(
        b"How likely are you to recommend Acme?\n9\n",
        &config(r#"{"waves": "month"}"#),
    )
    .unwrap_err();
    assert!(err.to_string().contains("options.columns.date"), "{err}");
    let err = SurveyConfig::from_raw(&RawValue::from_json_str(r#"{"waves": "week"}"#).unwrap())
        .unwrap_err();
    assert!(err.to_string().contains("options.waves"), "{err}");
}

#[test]
fn typeform_partial_responses_are_left_out() {
    let r = analyse("typeform.csv", "{}");
    let e = expected("typeform");
    assert_figures(&r, &e);
    assert_eq!(r.file.as_ref().unwrap().source, ExportSource::Typeform);
    assert_eq!(
        skipped_for(&r, "an unfinished response"),
        e["unfinished"].as_u64(),
        "{:?}",
        r.skipped.by_reason
    );
    let kept = analyse("typeform.csv", r#"{"includePartial": true}"#);
    assert_eq!(
        kept.responses,
        r.responses + e["unfinished"].as_u64().unwrap()
    );
}

#[test]
fn google_forms_and_a_microsoft_forms_file_resaved_by_excel() {
    let r = analyse("google-forms.csv", r#"{"waves": "month"}"#);
    let e = expected("google-forms");
    assert_figures(&r, &e);
    assert_eq!(r.file.as_ref().unwrap().source, ExportSource::GoogleForms);
    let waves = r.waves.unwrap();
    assert_eq!(waves.column, "Timestamp");
    for w in &waves.waves {
        assert_eq!(
            w.responses,
            e["months"][&w.wave]["responses"].as_u64().unwrap(),
            "{}",
            w.wave
        );
        close(
            w.nps.as_ref().unwrap().score,
            &e["months"][&w.wave]["npsScore"],
            &w.wave,
        );
    }
    // A day above 12 tells month-first: no guess to warn about.
    assert!(
        !r.warnings.iter().any(|w| w.code == "date_order"),
        "{:?}",
        r.warnings
    );

    // Excel in a German locale: a byte-order mark, `;`, dates as DD.MM.YY.
    let r = analyse("ms-forms-excel-de.csv", r#"{"waves": "month"}"#);
    let e = expected("ms-forms");
    let file = r.file.as_ref().unwrap();
    assert_eq!(
        (file.source, file.encoding, file.delimiter.as_str()),
        (ExportSource::MsForms, Encoding::Utf8Bom, ";")
    );
    assert_eq!(r.responses, e["responses"].as_u64().unwrap());
    close(r.nps.as_ref().unwrap().score, &e["npsScore"], "NPS");
    close(
        r.pmf.as_ref().unwrap().very_disappointed_share,
        &e["veryDisappointedShare"],
        "Sean Ellis",
    );
    let waves = r.waves.unwrap();
    assert_eq!(waves.column, "Completion time");
    let labels: Vec<&str> = waves.waves.iter().map(|w| w.wave.as_str()).collect();
    assert_eq!(
        labels,
        e["months"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect::<Vec<_>>()
    );
    for w in &waves.waves {
        assert_eq!(
            w.responses,
            e["months"][&w.wave]["responses"].as_u64().unwrap(),
            "{}",
            w.wave
        );
    }
}

#[test]
fn the_new_options_say_what_is_wrong_all_at_once() {
    let raw = r#"{"includePartial": "yes", "scales": {"csat": "up", "nps": "down"}, "waves": "week",
                  "dateOrder": "ymd", "columns": {"segments": "Role", "date": 7}}"#;
    let err = SurveyConfig::from_raw(&RawValue::from_json_str(raw).unwrap()).unwrap_err();
    let text = err.to_string();
    for path in [
        "options.includePartial",
        "options.scales.csat",
        "options.scales.nps",
        "options.waves",
        "options.dateOrder",
        "options.columns.segments",
        "options.columns.date",
    ] {
        assert!(text.contains(path), "{path} missing from: {text}");
    }
    assert!(
        text.contains("did you mean \"descending\"")
            || text.contains("expected one of \"ascending\" or \"descending\""),
        "{text}"
    );
    // Empty and non-text files end in an error, never a panic.
    for bytes in [
        &b""[..],
        b"   \n",
        b"\x1f\x8b\x08garbage",
        b"PK\x03\x04",
        b"{\"a\": 1",
        b"[1, 2]",
    ] {
        assert!(
            analyze_survey_csv(bytes, &SurveyConfig::default()).is_err(),
            "{bytes:?}"
        );
    }
}

#[test]
fn delighted_api_responses_as_a_json_array() {
    // Its documented API shape: `score` 0..10, `person_properties` flattened to dot paths.
    let e = expected("delighted");
    let r = analyse("delighted-api.json", "{}");
    let file = r.file.as_ref().unwrap();
    assert_eq!(
        (file.source, file.container),
        (
            ExportSource::Delighted,
            market_validation::import::Container::JsonArray
        )
    );
    assert_eq!(r.responses, e["responses"].as_u64().unwrap());
    let nps = r.nps.as_ref().unwrap();
    assert_eq!(
        (nps.promoters, nps.passives, nps.detractors),
        (
            e["promoters"].as_u64().unwrap(),
            e["passives"].as_u64().unwrap(),
            e["detractors"].as_u64().unwrap()
        )
    );
    close(nps.score, &e["npsScore"], "NPS");
    assert_eq!(r.columns.nps.as_ref().unwrap().header, "score");
    // Its CSAT survey's responses, 1-5 in the same `score` column, are no NPS answers.
    assert_eq!(
        skipped_for(&r, "a Delighted response of another survey type"),
        e["otherSurveyTypes"].as_u64()
    );
    assert_eq!(
        r.columns.segment.as_ref().map(|c| c.header.as_str()),
        Some("person_properties.Plan")
    );
}
