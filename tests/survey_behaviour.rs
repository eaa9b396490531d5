//! The survey joined to behaviour (`options.behaviour`): hand-placed users
//! in each L28 tier, the window's edges, feature adoption before and after
//! the answer, matching by text and by number, what is not matched said,
//! and a property test against a brute-force count of each respondent's
//! active days.
#![cfg(not(target_arch = "wasm32"))]

use market_validation::events::{EventColumns, EventNames};
use market_validation::survey::{
    analyze_survey_answers_with_behaviour, analyze_survey_csv, analyze_survey_csv_with_behaviour,
    AnswerValue, Behaviour, SurveyAnalysis, SurveyAnswers, SurveyConfig,
};
use market_validation::RawValue;
use proptest::prelude::*;
use std::collections::{BTreeSet, HashMap};

const DAY: f64 = 86_400_000.0;
/// 2026-11-30 as a day number (days since 1970-01-01): the answers' day.
const ANSWER_DAY: i64 = 20_787;

fn config(json: &str) -> SurveyConfig {
    SurveyConfig::from_raw(&RawValue::from_json_str(json).unwrap()).expect("valid options")
}

/// Events: (user text, day number, name).
fn events(rows: &[(&str, i64, &str)]) -> (EventColumns, Vec<String>) {
    let mut texts: Vec<String> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut columns = EventColumns {
        user_ids: Vec::new(),
        timestamps_ms: Vec::new(),
        names: None,
        session_ids: None,
    };
    let mut codes = Vec::new();
    for (user, day, name) in rows {
        let id = texts.iter().position(|t| t == user).unwrap_or_else(|| {
            texts.push(user.to_string());
            texts.len() - 1
        });
        let code = names.iter().position(|n| n == name).unwrap_or_else(|| {
            names.push(name.to_string());
            names.len() - 1
        });
        columns.user_ids.push(id as u32);
        // Mid-day: the day is the same in any reading.
        columns.timestamps_ms.push((*day as f64 + 0.5) * DAY);
        codes.push(code as u32);
    }
    columns.names = Some(EventNames {
        codes,
        dictionary: names,
    });
    (columns, texts)
}

fn joined(csv: &str, options: &str, rows: &[(&str, i64, &str)]) -> SurveyAnalysis {
    let (columns, texts) = events(rows);
    let behaviour = Behaviour {
        events: &columns,
        id_texts: Some(&texts),
    };
    analyze_survey_csv_with_behaviour(csv.as_bytes(), &config(options), &behaviour).expect("joins")
}

/// Days on which `user` is active: `count` days ending `end` days before the answer.
fn active(user: &'static str, count: i64, end: i64) -> Vec<(&'static str, i64, &'static str)> {
    (0..count)
        .map(|i| (user, ANSWER_DAY - end - i, "page_view"))
        .collect()
}

const HEADER: &str = "user_id,Submit Date (UTC),How likely are you to recommend Acme?,How would you feel if you could no longer use Acme?\n";

#[test]
fn each_tier_holds_its_respondents_with_their_nps_and_ellis_share() {
    // a: 28 active days (tier 22-28); b: 22 (22-28); c: 15 (15-21); d: 7 (1-7);
    // e: 1 day, the answer's own (1-7); f: active only 28 days before (0).
    let mut rows = Vec::new();
    rows.extend(active("a", 28, 0));
    rows.extend(active("b", 22, 3));
    rows.extend(active("c", 15, 0));
    rows.extend(active("d", 7, 10));
    rows.extend(active("e", 1, 0));
    rows.extend(active("f", 1, 28));
    let csv = format!(
        "{HEADER}a,2026-11-30 09:00:00,10,Very disappointed\n\
         b,2026-11-30 10:00:00,9,Very disappointed\n\
         c,2026-11-30 11:00:00,8,Somewhat disappointed\n\
         d,2026-11-30 12:00:00,6,Not disappointed\n\
         e,2026-11-30 13:00:00,3,Somewhat disappointed\n\
         f,2026-11-30 14:00:00,9,Not disappointed\n"
    );
    let r = joined(&csv, "{}", &rows);
    let b = r.behaviour.expect("behaviour");
    assert_eq!(b.user_column.header, "user_id");
    assert_eq!(b.user_column.detected_by, "header");
    assert_eq!(
        (b.matching.respondents, b.matching.matched, b.matching.users),
        (6, 6, 6)
    );
    let labels: Vec<&str> = b.by_engagement.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels, ["0", "1-7", "8-14", "15-21", "22-28"]);
    let counts: Vec<u64> = b.by_engagement.iter().map(|t| t.respondents).collect();
    assert_eq!(counts, [1, 2, 0, 1, 2]);
    // 22-28: two promoters, NPS 100; both very disappointed, share 1.
    let top = &b.by_engagement[4];
    assert_eq!(top.nps.as_ref().unwrap().score, 100.0);
    let pmf = top.pmf.as_ref().unwrap();
    assert_eq!((pmf.very_disappointed, pmf.n), (2, 2));
    // Wilson at 95% for 2 of 2, by hand: centre (2 + z²/2) / (2 + z²), half-width
    // z sqrt(z²/4) / (2 + z²); the low end 2 / (2 + z²).
    let z = 1.959_963_984_540_054_f64;
    assert!((pmf.interval[0] - 2.0 / (2.0 + z * z)).abs() < 1e-12);
    // 1-7: a detractor (6) and a detractor (3): NPS -100; no very disappointed.
    let low = &b.by_engagement[1];
    assert_eq!(low.nps.as_ref().unwrap().score, -100.0);
    assert_eq!(low.pmf.as_ref().unwrap().very_disappointed, 0);
    assert_eq!(low.active_days, Some([1, 7]));
    // The empty tier has no metric.
    assert!(b.by_engagement[2].nps.is_none() && b.by_engagement[2].pmf.is_none());
    // The survey's own figures are unchanged by the join.
    let plain = analyze_survey_csv(csv.as_bytes(), &SurveyConfig::default()).unwrap();
    assert_eq!(plain.nps, r.nps);
    assert_eq!(plain.pmf, r.pmf);
    assert!(plain.behaviour.is_none());
}

#[test]
fn the_window_is_the_28_days_ending_on_the_answers_day() {
    // Active 27 days before the answer (in), 28 before (out) and the day after (out).
    let rows = [
        ("a", ANSWER_DAY - 27, "x"),
        ("a", ANSWER_DAY - 28, "x"),
        ("a", ANSWER_DAY + 1, "x"),
        ("b", ANSWER_DAY - 28, "x"),
        ("b", ANSWER_DAY + 1, "x"),
    ];
    let csv =
        format!("{HEADER}a,2026-11-30,10,Very disappointed\nb,2026-11-30,10,Very disappointed\n");
    let b = joined(&csv, "{}", &rows).behaviour.unwrap();
    let counts: Vec<u64> = b.by_engagement.iter().map(|t| t.respondents).collect();
    assert_eq!(counts, [1, 1, 0, 0, 0]);
}

#[test]
fn adopters_used_the_feature_on_or_before_their_answer() {
    let rows = [
        ("a", ANSWER_DAY - 40, "report_exported"),
        ("b", ANSWER_DAY, "report_shared"),
        ("c", ANSWER_DAY + 1, "report_exported"),
        ("c", ANSWER_DAY - 2, "page_view"),
        ("d", ANSWER_DAY - 2, "page_view"),
    ];
    let csv = format!(
        "{HEADER}a,2026-11-30,10,Very disappointed\nb,2026-11-30,9,Very disappointed\n\
         c,2026-11-30,5,Not disappointed\nd,2026-11-30,7,Somewhat disappointed\n"
    );
    let options =
        r#"{"features": {"Reports": ["report_exported", "report_shared", "report_printed"]}}"#;
    let r = joined(&csv, options, &rows);
    let b = r.behaviour.as_ref().unwrap();
    assert_eq!(b.by_adoption.len(), 1);
    let split = &b.by_adoption[0];
    assert_eq!(split.feature, "Reports");
    assert_eq!(split.events, ["report_exported", "report_shared"]);
    // a and b used it by their answer; c only after.
    assert_eq!(
        (split.adopters.respondents, split.others.respondents),
        (2, 2)
    );
    assert_eq!(split.adopters.nps.as_ref().unwrap().score, 100.0);
    // Others: a detractor and a passive: NPS -50.
    assert_eq!(split.others.nps.as_ref().unwrap().score, -50.0);
    let d = split.pmf_difference.as_ref().unwrap();
    assert_eq!((d.before, d.after, d.change), (0.0, 1.0, 1.0));
    assert_eq!(d.method, "newcombe-hybrid-score");
    let nps = split.nps_difference.as_ref().unwrap();
    assert_eq!(nps.change, 150.0);
    // The event that never occurs is warned about, with the feature's path.
    let absent = r
        .warnings
        .iter()
        .find(|w| w.code == "feature_event_absent")
        .expect("warned");
    assert!(
        absent.message.contains("report_printed"),
        "{}",
        absent.message
    );
}

#[test]
fn unmatched_respondents_are_counted_and_warned_about() {
    let mut rows = active("u-1", 3, 0);
    rows.extend(active("u-2", 3, 0));
    let csv = format!(
        "{HEADER}u-1,2026-11-30,10,Very disappointed\nU-2,2026-11-30,9,Very disappointed\n\
         ,2026-11-30,8,Somewhat disappointed\nzz,2026-11-30,8,Somewhat disappointed\nu-2,,8,Somewhat disappointed\n"
    );
    let r = joined(&csv, "{}", &rows);
    let m = &r.behaviour.as_ref().unwrap().matching;
    assert_eq!(
        (
            m.respondents,
            m.matched,
            m.without_user,
            m.unmatched,
            m.without_date
        ),
        (5, 1, 1, 2, 1)
    );
    assert_eq!(m.unmatched_examples, ["U-2", "zz"]);
    let w = r
        .warnings
        .iter()
        .find(|w| w.code == "respondents_unmatched")
        .expect("warned");
    assert!(
        w.message.contains("1 match when case is ignored"),
        "{}",
        w.message
    );
    assert!(r.warnings.iter().any(|w| w.code == "respondents_undated"));
}

#[test]
fn no_match_at_all_is_an_error_naming_the_column_with_both_sides_ids() {
    let rows = active("u-1", 3, 0);
    let csv = format!("{HEADER}alice@x.io,2026-11-30,10,Very disappointed\n");
    let (columns, texts) = events(&rows);
    let behaviour = Behaviour {
        events: &columns,
        id_texts: Some(&texts),
    };
    let err =
        analyze_survey_csv_with_behaviour(csv.as_bytes(), &SurveyConfig::default(), &behaviour)
            .unwrap_err();
    let p = &err.problems[0];
    assert_eq!(p.path, "options.columns.user");
    let hint = p.hint.as_deref().unwrap();
    assert!(
        hint.contains("\"alice@x.io\"") && hint.contains("\"u-1\""),
        "{hint}"
    );
}

#[test]
fn the_user_and_date_columns_are_named_or_refused_with_the_header_meant() {
    let header = "Email Address,End Date,Customer,How likely are you to recommend Acme?\n";
    let csv = format!("{header}x@y.z,11/30/2026 9:00 AM,u-1,10\n");
    let rows = active("u-1", 2, 0);
    let r = joined(
        &csv,
        r#"{"columns": {"user": "customer", "date": "End Date"}}"#,
        &rows,
    );
    let b = r.behaviour.unwrap();
    assert_eq!(
        (
            b.user_column.header.as_str(),
            b.user_column.detected_by.as_str()
        ),
        ("Customer", "option")
    );
    assert_eq!(b.by_engagement[1].respondents, 1);
    let (columns, texts) = events(&rows);
    let behaviour = Behaviour {
        events: &columns,
        id_texts: Some(&texts),
    };
    let err = analyze_survey_csv_with_behaviour(
        csv.as_bytes(),
        &config(r#"{"columns": {"user": "Custmer"}}"#),
        &behaviour,
    )
    .unwrap_err();
    assert_eq!(err.problems[0].path, "options.columns.user");
    assert_eq!(
        err.problems[0].hint.as_deref(),
        Some("did you mean \"Customer\"?")
    );
    // No date column at all: the error says what it is for.
    let csv = "user_id,How likely are you to recommend Acme?\nu-1,10\n";
    let err =
        analyze_survey_csv_with_behaviour(csv.as_bytes(), &SurveyConfig::default(), &behaviour)
            .unwrap_err();
    assert_eq!(err.problems[0].path, "options.behaviour");
    assert!(err.problems[0].expected.contains("options.columns.date"));
}

#[test]
fn features_need_behaviour_and_event_names() {
    let csv = format!("{HEADER}a,2026-11-30,10,Very disappointed\n");
    let options = config(r#"{"features": {"Reports": "report_exported"}}"#);
    let err = analyze_survey_csv(csv.as_bytes(), &options).unwrap_err();
    assert_eq!(err.problems[0].path, "options.features");
    let columns = EventColumns {
        user_ids: vec![0],
        timestamps_ms: vec![ANSWER_DAY as f64 * DAY],
        names: None,
        session_ids: None,
    };
    let texts = vec!["a".to_string()];
    let behaviour = Behaviour {
        events: &columns,
        id_texts: Some(&texts),
    };
    let err = analyze_survey_csv_with_behaviour(csv.as_bytes(), &options, &behaviour).unwrap_err();
    assert_eq!(err.problems[0].path, "options.behaviour.eventNames");
    // Bad events are named under options.behaviour.
    let bad = EventColumns {
        timestamps_ms: vec![f64::NAN],
        ..columns.clone()
    };
    let behaviour = Behaviour {
        events: &bad,
        id_texts: Some(&texts),
    };
    let err =
        analyze_survey_csv_with_behaviour(csv.as_bytes(), &SurveyConfig::default(), &behaviour)
            .unwrap_err();
    assert!(
        err.problems[0]
            .path
            .starts_with("options.behaviour.timestamps"),
        "{:?}",
        err.problems
    );
}

#[test]
fn answers_as_arrays_join_by_numeric_ids_and_dates() {
    let columns = EventColumns {
        user_ids: vec![7, 7, 9],
        timestamps_ms: vec![
            (ANSWER_DAY as f64 - 1.5) * DAY,
            (ANSWER_DAY as f64 - 0.5) * DAY,
            (ANSWER_DAY as f64 - 0.5) * DAY,
        ],
        names: None,
        session_ids: None,
    };
    let answers = SurveyAnswers {
        nps: Some(vec![AnswerValue::Number(10.0), AnswerValue::Number(2.0)]),
        user: Some(vec![
            AnswerValue::Number(7.0),
            AnswerValue::Text("9".into()),
        ]),
        date: Some(vec![
            AnswerValue::Number(ANSWER_DAY as f64 * DAY + 3_600_000.0),
            AnswerValue::Text("2026-11-30".into()),
        ]),
        ..SurveyAnswers::default()
    };
    let behaviour = Behaviour {
        events: &columns,
        id_texts: None,
    };
    let r = analyze_survey_answers_with_behaviour(&answers, &SurveyConfig::default(), &behaviour)
        .expect("joins");
    let b = r.behaviour.unwrap();
    assert_eq!(b.user_column.detected_by, "array");
    assert_eq!(b.by_engagement[1].respondents, 2);
    assert_eq!(b.by_engagement[1].nps.as_ref().unwrap().score, 0.0);
    let missing = SurveyAnswers {
        date: None,
        ..answers
    };
    let err = analyze_survey_answers_with_behaviour(&missing, &SurveyConfig::default(), &behaviour)
        .unwrap_err();
    assert_eq!(err.problems[0].path, "date");
    // A date beyond any calendar day is no readable date, never a wrong tier.
    let far = SurveyAnswers {
        date: Some(vec![
            AnswerValue::Number(-1e300),
            AnswerValue::Number(1e300),
        ]),
        ..missing
    };
    let err = analyze_survey_answers_with_behaviour(&far, &SurveyConfig::default(), &behaviour)
        .unwrap_err();
    assert_eq!(err.problems[0].path, "options.columns.date");
}

#[test]
fn answers_whose_window_reaches_past_the_events_are_warned_about() {
    let rows = [("a", ANSWER_DAY - 5, "x"), ("a", ANSWER_DAY, "x")];
    let csv = format!("{HEADER}a,2026-11-30,10,Very disappointed\n");
    let r = joined(&csv, "{}", &rows);
    let w = r
        .warnings
        .iter()
        .find(|w| w.code == "answers_beyond_events")
        .expect("warned");
    assert!(
        w.message.contains("2026-11-25 to 2026-11-30"),
        "{}",
        w.message
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Every respondent lands in the tier of their distinct active days in
    /// the 28 days ending on their answer's day, counted by brute force; and
    /// the adopters are those with a feature event on or before that day.
    #[test]
    fn tiers_and_adoption_agree_with_a_brute_force_count(
        events in prop::collection::vec((0u32..12, 0i64..90, 0u8..3), 0..300),
        answers in prop::collection::vec((0u32..14, 30i64..90, 0u8..11), 1..40),
    ) {
        let base = ANSWER_DAY - 90;
        let names = ["view", "export", "share"];
        let columns = EventColumns {
            user_ids: events.iter().map(|e| e.0).collect(),
            timestamps_ms: events.iter().map(|e| ((base + e.1) as f64 + 0.25) * DAY).collect(),
            names: Some(EventNames {
                codes: events.iter().map(|e| u32::from(e.2)).collect(),
                dictionary: names.iter().map(|n| n.to_string()).collect(),
            }),
            session_ids: None,
        };
        let answer_values = SurveyAnswers {
            nps: Some(answers.iter().map(|a| AnswerValue::Number(f64::from(a.2))).collect()),
            user: Some(answers.iter().map(|a| AnswerValue::Number(f64::from(a.0))).collect()),
            date: Some(answers.iter().map(|a| AnswerValue::Number(((base + a.1) as f64 + 0.9) * DAY)).collect()),
            ..SurveyAnswers::default()
        };
        let options = config(r#"{"features": {"Exports": "export"}}"#);
        let behaviour = Behaviour { events: &columns, id_texts: None };
        let mut days: HashMap<u32, BTreeSet<i64>> = HashMap::new();
        let mut exports: HashMap<u32, i64> = HashMap::new();
        for e in &events {
            days.entry(e.0).or_default().insert(base + e.1);
            if e.2 == 1 {
                let first = exports.entry(e.0).or_insert(i64::MAX);
                *first = (*first).min(base + e.1);
            }
        }
        let matched: Vec<&(u32, i64, u8)> = answers.iter().filter(|a| days.contains_key(&a.0)).collect();
        let result = analyze_survey_answers_with_behaviour(&answer_values, &options, &behaviour);
        if matched.is_empty() {
            prop_assert!(result.is_err());
            return Ok(());
        }
        let b = result.unwrap().behaviour.unwrap();
        let mut expected = [0u64; 5];
        let mut adopters = 0u64;
        for a in &matched {
            let day = base + a.1;
            let n = days[&a.0].range(day - 27..=day).count();
            expected[[0, 7, 14, 21, 28].iter().position(|to| n <= *to).unwrap()] += 1;
            adopters += u64::from(exports.get(&a.0).is_some_and(|first| *first <= day));
        }
        let got: Vec<u64> = b.by_engagement.iter().map(|t| t.respondents).collect();
        prop_assert_eq!(got, expected.to_vec());
        prop_assert_eq!(b.matching.matched, matched.len() as u64);
        prop_assert_eq!(b.by_adoption[0].adopters.respondents, adopters);
        prop_assert_eq!(b.by_adoption[0].others.respondents, matched.len() as u64 - adopters);
    }
}
