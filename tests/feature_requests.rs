//! Feature requests (`featureRequests`): exports laid out as their tools
//! write them (tests/fixtures/requests/, built by its make_fixtures.py,
//! which plants each request from a theme's wordings and counts the answers
//! holding its keywords apart from the library), overall, by Sean Ellis
//! group and by segment; the request column found by its words, named, or
//! the engine's improvement question; shaky guesses warned about; and no
//! `featureRequests` without a column.
#![cfg(all(feature = "survey", not(target_arch = "wasm32")))]

use market_validation::survey::requests::{FeatureRequests, RequestGroup};
use market_validation::survey::{
    analyze_survey_answers, analyze_survey_csv, AnswerValue, SurveyAnalysis, SurveyAnswers,
    SurveyConfig,
};
use market_validation::text::groups::ThemeCount;
use market_validation::RawValue;
use serde_json::Value;

#[path = "support/fixtures.rs"]
mod fixtures;

fn config(json: &str) -> SurveyConfig {
    SurveyConfig::from_raw(&RawValue::from_json_str(json).unwrap()).expect("valid options")
}

fn analyse(csv: &[u8], options: &str) -> SurveyAnalysis {
    analyze_survey_csv(csv, &config(options)).expect("a usable survey")
}

fn expected(which: &str) -> Value {
    fixtures::expected("requests", which)
}

/// The theme whose examples all hold one of a planted theme's keywords
/// (whole words, any case), when exactly one does.
fn planted<'a>(themes: &'a [ThemeCount], keywords: &Value) -> Vec<&'a ThemeCount> {
    let keywords: Vec<&str> = keywords
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    let holds = |text: &str| {
        let lower = text.to_lowercase();
        lower
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| keywords.contains(&w))
    };
    themes
        .iter()
        .filter(|t| !t.examples.is_empty() && t.examples.iter().all(|e| holds(e)))
        .collect()
}

/// A group's answers and themes against the planted counts: each theme
/// listed with its count and share, those held too few times absent.
fn assert_group(what: &str, answers: u64, themes: &[ThemeCount], e: &Value, keywords: &Value) {
    assert_eq!(answers, e["answers"].as_u64().unwrap(), "{what}: answers");
    for (theme, count) in e["themes"].as_object().unwrap() {
        let found = planted(themes, &keywords[theme]);
        assert_eq!(found.len(), 1, "{what}: {theme} in {themes:#?}");
        let count = count.as_u64().unwrap();
        assert_eq!(found[0].count, count, "{what}: {theme}");
        assert_eq!(
            found[0].share,
            count as f64 / answers as f64,
            "{what}: {theme}"
        );
        assert!(found[0].examples.len() <= 3);
    }
    for theme in e["notListed"].as_array().unwrap() {
        let theme = theme.as_str().unwrap();
        assert!(
            planted(themes, &keywords[theme]).is_empty(),
            "{what}: {theme} listed"
        );
    }
}

fn assert_ellis_group(what: &str, g: &RequestGroup, e: &Value, keywords: &Value) {
    assert_group(what, g.answers, &g.themes, e, keywords);
}

/// The segments against the planted ones; `min_size` is `minSegmentSize`
/// (a segment with fewer answers is small, and not themed).
fn assert_segments(r: &FeatureRequests, e: &Value, keywords: &Value, min_size: u64) {
    let breakdown = &r.by_segment[0];
    assert_eq!(breakdown.column, e["column"].as_str().unwrap());
    assert_eq!(breakdown.min_segment_size, min_size as f64);
    let want = e["segments"].as_array().unwrap();
    let names: Vec<&str> = breakdown.segments.iter().map(|s| s.name.as_str()).collect();
    let want_names: Vec<&str> = want.iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, want_names, "segments, most answers first");
    for (s, w) in breakdown.segments.iter().zip(want) {
        assert_eq!(s.answers, w["answers"].as_u64().unwrap(), "{}", s.name);
        assert_eq!(s.small, s.answers < min_size, "{}: small", s.name);
        if min_size == 40 {
            assert_eq!(s.small, w["small"].as_bool().unwrap(), "{}: small", s.name);
        }
        if s.small {
            assert!(s.themes.is_empty());
            assert!(s.reason.as_ref().unwrap().contains("minSegmentSize"));
        } else {
            assert_group(&s.name, s.answers, &s.themes, w, keywords);
        }
    }
    if let Some(n) = e.get("answersWithoutSegment") {
        assert_eq!(breakdown.answers_without_segment, n.as_u64().unwrap());
    }
    assert_eq!(breakdown.answers_beyond_segment_limit, 0);
}

/// A Qualtrics export with "What should we build next?" beside the engine's
/// "How can we improve Acme for you?": the request column is its own, and
/// every figure is the planted one.
#[test]
fn qualtrics_requests_overall_by_ellis_group_and_by_role() {
    let keywords = &expected("keywords");
    let e = &expected("qualtrics-requests.csv");
    let a = analyse(
        &fixtures::fixture("requests", "qualtrics-requests.csv"),
        "{}",
    );
    let r = a.feature_requests.as_ref().expect("featureRequests");
    assert_eq!(r.column.header, e["column"]["header"].as_str().unwrap());
    assert_eq!(
        r.column.question.as_deref(),
        e["column"]["question"].as_str()
    );
    assert_eq!(r.column.detected_by, "header");
    assert!(!r.from_improve);
    assert!(r.reason.is_none());
    assert_group("all", r.answers, &r.themes, &e["all"], keywords);
    // The engine still reads its own improvement question.
    let engine = a.engine.as_ref().expect("the engine");
    assert_eq!(engine.columns.improve.as_ref().unwrap().header, "Q5");
    let by_ellis = r.by_ellis.as_ref().expect("by Sean Ellis group");
    let groups = [
        ("veryDisappointed", &by_ellis.very_disappointed),
        ("somewhatDisappointed", &by_ellis.somewhat_disappointed),
        ("notDisappointed", &by_ellis.not_disappointed),
    ];
    for (key, g) in groups {
        assert_ellis_group(key, g, &e["byEllis"][key], keywords);
    }
    assert_eq!(
        by_ellis.ungrouped,
        e["byEllis"]["ungrouped"].as_u64().unwrap()
    );
    assert_segments(r, &e["bySegment"], keywords, 40);
    assert!(
        !a.warnings.iter().any(|w| w.path == "columns.requests"),
        "{:?}",
        a.warnings
    );
    // A smaller minSegmentSize themes the smaller segments too.
    let a = analyse(
        &fixtures::fixture("requests", "qualtrics-requests.csv"),
        r#"{"minSegmentSize": 10}"#,
    );
    let r = a.feature_requests.as_ref().unwrap();
    assert!(r.by_segment[0].segments.iter().all(|s| !s.small));
    assert_segments(r, &e["bySegment"], keywords, 10);
}

/// A SurveyMonkey export whose only free-text question is "How can we
/// improve Acme for you?": it is the request column; no Sean Ellis question,
/// so no Sean Ellis groups; the plan (a split multiple choice) as segments.
#[test]
fn surveymonkey_improvement_question_is_the_request_column() {
    let keywords = &expected("keywords");
    let e = &expected("surveymonkey-improve.csv");
    let a = analyse(
        &fixtures::fixture("requests", "surveymonkey-improve.csv"),
        "{}",
    );
    assert!(a.engine.is_none());
    let r = a.feature_requests.as_ref().expect("featureRequests");
    assert_eq!(r.column.header, e["column"]["header"].as_str().unwrap());
    assert_eq!(r.column.detected_by, "header");
    assert!(r.from_improve);
    assert!(r.by_ellis.is_none());
    assert_group("all", r.answers, &r.themes, &e["all"], keywords);
    assert_segments(r, &e["bySegment"], keywords, 40);
    let json = serde_json::to_value(r).unwrap();
    assert_eq!(json["fromImprove"], true);
    assert!(json.get("byEllis").is_none());
}

const ELLIS: &str = "How would you feel if you could no longer use Acme?";

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// A CSV of a Sean Ellis column and the given free-text columns, each row
/// "Very disappointed" with the row's answers.
fn csv(headers: &[&str], rows: &[&[&str]]) -> Vec<u8> {
    let mut out = quote(ELLIS);
    for h in headers {
        out.push(',');
        out.push_str(&quote(h));
    }
    out.push('\n');
    for row in rows {
        out.push_str("Very disappointed");
        for cell in *row {
            out.push(',');
            out.push_str(&quote(cell));
        }
        out.push('\n');
    }
    out.into_bytes()
}

fn warnings_at<'a>(a: &'a SurveyAnalysis, path: &str) -> Vec<&'a str> {
    a.warnings
        .iter()
        .filter(|w| w.path == path)
        .map(|w| w.code.as_str())
        .collect()
}

#[test]
fn the_request_column_is_found_named_or_warned_about() {
    let rows: Vec<[&str; 2]> = (0..6)
        .map(|i| {
            [
                ["dark mode", "offline", "mobile app"][i % 3],
                ["faster", "dark mode!", "export"][i % 3],
            ]
        })
        .collect();
    let rows: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    // Two columns ask for requests: the first, with a warning.
    let two = csv(&["Feature requests", "What's missing?"], &rows);
    let a = analyse(&two, "{}");
    let r = a.feature_requests.as_ref().unwrap();
    assert_eq!(
        (r.column.header.as_str(), r.column.detected_by.as_str()),
        ("Feature requests", "header")
    );
    assert_eq!(warnings_at(&a, "columns.requests"), vec!["two_columns"]);
    // Named: that one, and no warning.
    let a = analyse(&two, r#"{"columns":{"requests":"what's missing?"}}"#);
    let r = a.feature_requests.as_ref().unwrap();
    assert_eq!(
        (r.column.header.as_str(), r.column.detected_by.as_str()),
        ("What's missing?", "option")
    );
    assert!(warnings_at(&a, "columns.requests").is_empty());
    assert_eq!(r.answers, 6);
    // A misspelt name: an error with its path and the header it meant.
    let err = analyze_survey_csv(
        &two,
        &config(r#"{"columns":{"requests":"Feature request"}}"#),
    )
    .unwrap_err();
    let problem = &err.problems[0];
    assert_eq!(problem.path, "options.columns.requests");
    assert!(
        problem
            .hint
            .as_deref()
            .unwrap_or("")
            .contains("Feature requests"),
        "{problem:?}"
    );
    // Not text, and a mistyped option name: problems, with a suggestion.
    let raw = RawValue::from_json_str(r#"{"columns":{"requests":3}}"#).unwrap();
    let err = SurveyConfig::from_raw(&raw).unwrap_err();
    assert_eq!(err.problems[0].path, "options.columns.requests");
    let raw = RawValue::from_json_str(r#"{"columns":{"request":"Feature requests"}}"#).unwrap();
    let err = SurveyConfig::from_raw(&raw).unwrap_err();
    let problem = &err.problems[0];
    assert_eq!(problem.path, "options.columns.request");
    assert!(
        problem.hint.as_deref().unwrap_or("").contains("requests"),
        "{problem:?}"
    );
    // A column of numbers: a warning.
    let numbers: Vec<[&str; 1]> = (0..6).map(|_| ["4"]).collect();
    let numbers: Vec<&[&str]> = numbers.iter().map(|r| r.as_slice()).collect();
    let a = analyse(
        &csv(&["What features would you add (1-5)?"], &numbers),
        "{}",
    );
    assert!(a.feature_requests.is_some());
    assert_eq!(warnings_at(&a, "columns.requests"), vec!["not_free_text"]);
    // A column of a few repeated answers (20 sampled, 3 distinct): a warning.
    let choices: Vec<[&str; 1]> = (0..24)
        .map(|i| [["Reports", "Mobile", "API"][i % 3]])
        .collect();
    let choices: Vec<&[&str]> = choices.iter().map(|r| r.as_slice()).collect();
    let a = analyse(&csv(&["What should we build next?"], &choices), "{}");
    assert_eq!(warnings_at(&a, "columns.requests"), vec!["not_free_text"]);
}

#[test]
fn the_improvement_question_serves_when_no_column_asks_for_requests() {
    let rows: Vec<[&str; 1]> = (0..6)
        .map(|i| [["dark mode", "a dark mode", "offline", ""][i % 4]])
        .collect();
    let rows: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let improve = csv(&["How can we improve Acme for you?"], &rows);
    let a = analyse(&improve, "{}");
    let r = a.feature_requests.as_ref().unwrap();
    assert!(r.from_improve);
    assert_eq!(r.column.header, "How can we improve Acme for you?");
    // Rows 0..5 answer "dark mode", "a dark mode", "offline", "" (not an
    // answer), "dark mode", "a dark mode": 5 answers, 4 for dark mode, and
    // "offline" once (a theme needs 2).
    assert_eq!(r.answers, 5);
    assert_eq!(
        r.themes
            .iter()
            .map(|t| (t.terms.as_str(), t.count))
            .collect::<Vec<_>>(),
        vec![("dark mode", 4)]
    );
    // The engine reads the same column for what holds back.
    let engine = a.engine.as_ref().unwrap();
    assert_eq!(
        engine.holding_back.improve.column.as_deref(),
        Some("How can we improve Acme for you?")
    );
    // Named as the request column, it is still the engine's improvement question.
    let a = analyse(
        &improve,
        r#"{"columns":{"requests":"How can we improve Acme for you?"}}"#,
    );
    let r = a.feature_requests.as_ref().unwrap();
    assert!(!r.from_improve);
    assert_eq!(r.column.detected_by, "option");
    assert!(a.engine.unwrap().columns.improve.is_some());
    // No request column and no improvement question: no featureRequests at all.
    let none = csv(&["What is your role?"], &rows);
    let a = analyse(&none, "{}");
    assert!(a.feature_requests.is_none());
    let json = serde_json::to_value(&a).unwrap();
    assert!(json.get("featureRequests").is_none());
    // Answers given as arrays have no free text.
    let a = analyze_survey_answers(
        &SurveyAnswers {
            pmf: Some(vec![AnswerValue::Text("Very disappointed".into())]),
            ..SurveyAnswers::default()
        },
        &SurveyConfig::default(),
    )
    .unwrap();
    assert!(a.feature_requests.is_none());
}

/// Without the Sean Ellis question the requests are still read (no groups);
/// a request in a row with no scored answer is not (the row is skipped).
#[test]
fn requests_without_the_sean_ellis_question() {
    let text = "How likely are you to recommend Acme?,What should we build next?\n\
                9,dark mode\n10,Dark mode please\n3,offline\n,dark mode\n";
    let a = analyse(text.as_bytes(), "{}");
    assert!(a.pmf.is_none() && a.engine.is_none());
    let r = a.feature_requests.as_ref().unwrap();
    assert!(r.by_ellis.is_none() && r.by_segment.is_empty());
    assert_eq!(r.answers, 3);
    assert_eq!(r.themes[0].count, 2);
    assert_eq!(a.skipped.count, 1);
}

/// Of 25 segments large enough, the 20 with most answers are themed (ties
/// by name); the others are counted with the reason.
#[test]
fn the_largest_segments_are_themed() {
    let mut text =
        String::from("How likely are you to recommend Acme?,Role,What should we build next?\n");
    for k in 0..25 {
        // Segment s00 has 2 + 24 answers, s01 2 + 23, ..., s24 2.
        for _ in 0..(2 + 24 - k) {
            text.push_str(&format!("9,s{k:02},dark mode\n"));
        }
    }
    let a = analyse(text.as_bytes(), r#"{"minSegmentSize": 1}"#);
    let segments = &a.feature_requests.as_ref().unwrap().by_segment[0].segments;
    assert_eq!(segments.len(), 25);
    for (k, s) in segments.iter().enumerate() {
        assert_eq!(s.name, format!("s{k:02}"));
        assert_eq!(s.answers, 26 - k as u64);
        assert!(!s.small);
        if k < 20 {
            assert_eq!(s.themes.len(), 1, "{}", s.name);
            assert_eq!(s.themes[0].count, s.answers);
        } else {
            assert!(s.themes.is_empty());
            assert!(s.reason.as_ref().unwrap().contains("20 largest"));
        }
    }
}
