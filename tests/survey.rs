//! Survey analysis from raw answers: hand-checked counts and statistics,
//! real-export CSV quirks, every unused row reported by line, segments, two
//! waves, and property tests of the intervals.
#![cfg(not(target_arch = "wasm32"))]

use market_validation::survey::report::PmfVerdict;
use market_validation::survey::{
    analyze_survey_answers, analyze_survey_csv, compare, AnswerValue, SurveyAnswers, SurveyConfig,
};
use market_validation::{analyze, RawValue};
use proptest::prelude::*;

fn csv(text: &str) -> market_validation::survey::SurveyAnalysis {
    analyze_survey_csv(text.as_bytes(), &SurveyConfig::default()).expect("usable survey")
}

fn config(json: &str) -> SurveyConfig {
    SurveyConfig::from_raw(&RawValue::from_json_str(json).unwrap()).expect("valid options")
}

const HEADER: &str = "Response ID,How likely are you to recommend Acme to a friend?,How would you feel if you could no longer use Acme?,How satisfied are you with Acme?,Role\r\n";

#[test]
fn hand_checked_counts_and_scores() {
    let text = format!(
        "{HEADER}1,10,Very disappointed,5,Dev\r\n2,9,very disappointed ,4,Dev\r\n3,8,Somewhat disappointed,4,PM\r\n4,6,Not disappointed (it isn't really that useful),2,PM\r\n5,0,N/A - I no longer use Acme,1,Dev\r\n"
    );
    let r = csv(&text);
    assert_eq!(r.responses, 5);
    let nps = r.nps.expect("nps");
    // 2 promoters (10, 9), 1 passive (8), 2 detractors (6, 0): NPS = 100 (2 - 2) / 5 = 0.
    assert_eq!(
        (nps.promoters, nps.passives, nps.detractors, nps.n),
        (2, 1, 2, 5)
    );
    assert_eq!(nps.score, 0.0);
    // Adjusted Wald by hand: n' = 8, p' = 2.75/8, d' = 2.75/8; Var' = 0.6875; SE' = sqrt(0.6875/8).
    let se = (0.6875f64 / 8.0).sqrt();
    assert!((nps.standard_error - 100.0 * se).abs() < 1e-9);
    assert!((nps.interval[1] - 100.0 * 1.959_963_984_540_054 * se).abs() < 1e-6);
    let pmf = r.pmf.expect("pmf");
    // 2 very, 1 somewhat, 1 not; the "no longer use" answer is left out of n.
    assert_eq!(
        (
            pmf.very_disappointed,
            pmf.somewhat_disappointed,
            pmf.not_disappointed,
            pmf.no_longer_use,
            pmf.n
        ),
        (2, 1, 1, 1, 4)
    );
    assert_eq!(pmf.very_disappointed_share, 0.5);
    assert_eq!(pmf.verdict, PmfVerdict::TooFewAnswers);
    assert!(pmf.reading.contains("about 61 more"), "{}", pmf.reading);
    let csat = r.csat.expect("csat");
    assert_eq!((csat.satisfied, csat.n), (3, 5)); // 5, 4, 4
    assert!((csat.mean - 16.0 / 5.0).abs() < 1e-12);
    assert_eq!(
        r.columns.nps.as_ref().map(|c| c.detected_by.as_str()),
        Some("header")
    );
    assert_eq!(
        r.columns.segment.as_ref().map(|c| c.header.as_str()),
        Some("Role")
    );
}

#[test]
fn real_export_quirks_are_read() {
    // BOM, semicolons, quoted fields with the delimiter, quotes and a newline, CRLF.
    let text = "\u{feff}id;NPS;Comment\r\n1;9;\"Great; really \"\"great\"\"\r\nthanks\"\r\n2;\" 7 \";ok\r\n3;10 - Extremely likely;\r\n";
    let r = csv(text);
    let nps = r.nps.expect("nps");
    assert_eq!((nps.promoters, nps.passives, nps.n), (2, 1, 3));
    assert_eq!(r.skipped.count, 0);
    assert_eq!(
        r.columns.nps.as_ref().map(|c| c.header.as_str()),
        Some("NPS")
    );
}

#[test]
fn every_unused_row_is_reported_with_its_line() {
    let text = format!(
        "{HEADER}1,9,Very disappointed,5,Dev\r\n\r\n2,11,Very disappointed,5,Dev\r\n3,nine,Delighted,7,Dev\r\n4,8\r\n,,,,\r\n5,\"7\",\"Somewhat\r\ndisappointed\",4,PM\r\n6,10,Very disappointed,5,Dev\r\n"
    );
    let r = csv(&text);
    // Line 2: used. Line 3: blank. Line 4: NPS 11 invalid but the rest used.
    // Line 5: nothing usable (nine, Delighted, 7): skipped. Line 6: ragged.
    // Line 7: blank (all fields empty). Lines 8-9: a quoted newline, used. Line 10: used.
    let lines: Vec<(u64, &str)> = r
        .skipped
        .first
        .iter()
        .map(|i| (i.line.unwrap_or(0), i.reason.as_str()))
        .collect();
    assert_eq!(
        lines,
        vec![
            (3, "blank row"),
            (5, "NPS answer is not a number from 0 to 10"),
            (6, "ragged row: 2 fields where the header has 5"),
            (7, "blank row"),
        ]
    );
    assert_eq!(r.skipped.count, 4);
    assert_eq!(r.skipped.by_reason.get("blank row"), Some(&2));
    let invalid: Vec<(u64, Option<&str>)> = r
        .invalid_answers
        .first
        .iter()
        .map(|i| (i.line.unwrap_or(0), i.value.as_deref()))
        .collect();
    assert_eq!(invalid, vec![(4, Some("11"))]);
    assert_eq!(r.responses, 4);
    assert_eq!(r.pmf.expect("pmf").n, 4);
}

#[test]
fn only_the_first_twenty_issues_are_listed_but_all_are_counted() {
    let mut text = String::from(HEADER);
    for i in 0..50 {
        text.push_str(&format!("{i},x,nope,9,Dev\r\n"));
    }
    text.push_str("99,9,Very disappointed,5,Dev\r\n");
    let r = csv(&text);
    assert_eq!(r.skipped.count, 50);
    assert_eq!(r.skipped.first.len(), 20);
    assert_eq!(r.skipped.first[0].line, Some(2));
}

#[test]
fn invalid_utf8_is_reported_not_dropped() {
    let mut bytes = HEADER.as_bytes().to_vec();
    bytes.extend_from_slice(
        b"1,9,Very disappointed,5,Dev\r\n2,10,Very disappointed,5,D\xFF\xFEv\r\n",
    );
    let r = analyze_survey_csv(&bytes, &SurveyConfig::default()).expect("one good row");
    assert_eq!(r.skipped.first[0].line, Some(3));
    assert_eq!(r.skipped.first[0].reason, "invalid UTF-8 in an answer");
}

#[test]
fn files_with_nothing_usable_say_why() {
    let err = analyze_survey_csv(b"", &SurveyConfig::default()).unwrap_err();
    assert!(err.to_string().contains("an empty file"), "{err}");
    let err = analyze_survey_csv(b"Name,Email\nAda,a@b.c\n", &SurveyConfig::default()).unwrap_err();
    assert!(
        err.to_string()
            .contains("a column for at least one question"),
        "{err}"
    );
    let err = analyze_survey_csv(
        format!("{HEADER}1,x,nope,9,Dev\r\n").as_bytes(),
        &SurveyConfig::default(),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("no usable answer (1 × NPS answer is not a number from 0 to 10)"),
        "{err}"
    );
    let err = analyze_survey_csv(
        HEADER.as_bytes(),
        &config(r#"{"columns": {"nps": "How likely to recommend"}}"#),
    )
    .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("options.columns.nps is \"How likely to recommend\""),
        "{text}"
    );
    assert!(
        text.contains("did you mean \"How likely are you to recommend Acme to a friend?\""),
        "{text}"
    );
}

#[test]
fn columns_can_be_named_or_found_by_their_values() {
    let text = "q1,q2,q3\n9,Very disappointed,a\n10,Somewhat disappointed,b\n3,Very disappointed,c\n7,not disappointed,d\n";
    let r = csv(text);
    assert_eq!(
        r.columns
            .nps
            .as_ref()
            .map(|c| (c.header.as_str(), c.detected_by.as_str())),
        Some(("q1", "values"))
    );
    assert_eq!(
        r.columns
            .pmf
            .as_ref()
            .map(|c| (c.header.as_str(), c.detected_by.as_str())),
        Some(("q2", "values"))
    );
    let named = analyze_survey_csv(
        text.as_bytes(),
        &config(r#"{"columns": {"nps": " Q1 ", "segment": "q3"}}"#),
    )
    .unwrap();
    assert_eq!(
        named.columns.nps.as_ref().map(|c| c.detected_by.as_str()),
        Some("option")
    );
    assert_eq!(named.segments.expect("segments").segments.len(), 4);
}

#[test]
fn the_sean_ellis_test_reads_in_plain_words() {
    let answers = |vd: usize, sd: usize, nd: usize| SurveyAnswers {
        pmf: Some(
            std::iter::repeat_n("Very disappointed", vd)
                .chain(std::iter::repeat_n("Somewhat disappointed", sd))
                .chain(std::iter::repeat_n("Not disappointed", nd))
                .map(|s| AnswerValue::Text(s.into()))
                .collect(),
        ),
        ..SurveyAnswers::default()
    };
    let c = SurveyConfig::default();
    // Slack's published figure: 51% of 731 (373 very disappointed) - well above the bar.
    let slack = analyze_survey_answers(&answers(373, 250, 108), &c)
        .unwrap()
        .pmf
        .unwrap();
    assert_eq!(slack.verdict, PmfVerdict::AboveBar);
    assert!(
        slack
            .reading
            .starts_with("above the 40% bar with over 99.9% confidence"),
        "{}",
        slack.reading
    );
    // 171 of 390 (43.8%): z = 1.55, p = 0.061: not distinguishable at 95%.
    let close = analyze_survey_answers(&answers(171, 148, 71), &c)
        .unwrap()
        .pmf
        .unwrap();
    assert_eq!(close.verdict, PmfVerdict::NotDistinguishable);
    assert!((close.z - 1.5504).abs() < 1e-3);
    // Its one-sided 95% Wilson lower bound (z = 1.6449, Python: 0.397697) is below the bar,
    // as the test found, though the share is above it.
    assert!(
        (close.one_sided_bound - 0.397_697_360_325_63).abs() < 1e-9,
        "{}",
        close.one_sided_bound
    );
    // Needs n >= 0.24 (1.6449 / 0.038462)^2 = 438.9, i.e. 439 answers: 49 more.
    assert_eq!(close.more_answers_needed, Some(49.0));
    assert!(
        close.reading.contains("about 49 more answers"),
        "{}",
        close.reading
    );
    // 4 of 10 (40%): equal to the bar, so no count of answers would tell them apart; the
    // count is absent even though 10 is under the practical minimum.
    let equal = analyze_survey_answers(&answers(4, 3, 3), &c)
        .unwrap()
        .pmf
        .unwrap();
    assert_eq!(equal.verdict, PmfVerdict::TooFewAnswers);
    assert_eq!(equal.more_answers_needed, None);
    assert!(
        equal.reading.contains("equals the 40% bar"),
        "{}",
        equal.reading
    );
    let low = analyze_survey_answers(&answers(20, 60, 40), &c)
        .unwrap()
        .pmf
        .unwrap();
    assert_eq!(low.verdict, PmfVerdict::BelowBar);
    let custom = analyze_survey_answers(&answers(171, 148, 71), &config(r#"{"pmfBar": 0.3}"#))
        .unwrap()
        .pmf
        .unwrap();
    assert_eq!(custom.verdict, PmfVerdict::AboveBar);
}

#[test]
fn segments_name_who_loves_the_product_and_flag_small_ones() {
    let mut text = String::from("Role,How would you feel if you could no longer use it?\n");
    for (role, vd, other) in [
        ("AI developers", 35, 25),
        ("Enterprise teams", 15, 45),
        ("Students", 9, 1),
    ] {
        for _ in 0..vd {
            text.push_str(&format!("{role},Very disappointed\n"));
        }
        for _ in 0..other {
            text.push_str(&format!("{role},Somewhat disappointed\n"));
        }
    }
    let r = csv(&text);
    let seg = r.segments.expect("segments");
    assert_eq!(seg.column, "Role");
    let students = seg.segments.iter().find(|s| s.name == "Students").unwrap();
    assert!(students.small, "10 answers is below the 40 needed");
    let loves = seg.loves_most.expect("a segment large enough");
    assert_eq!(
        loves.name, "AI developers",
        "Students have 90% but only 10 answers"
    );
    assert!(
        loves
            .reading
            .starts_with("AI developers: 58.3% very disappointed (35 of 60)"),
        "{}",
        loves.reading
    );
    // 25 of 60 against 22 of 60: the leader's interval (95% Wilson lower bound 0.298) does
    // not clear the other's 36.7%, so no segment is called out.
    let mut close = String::from("Role,How would you feel if you could no longer use it?\n");
    for (role, vd, other) in [("A", 25, 35), ("B", 22, 38)] {
        close.push_str(&format!("{role},Very disappointed\n").repeat(vd));
        close.push_str(&format!("{role},Somewhat disappointed\n").repeat(other));
    }
    assert_eq!(csv(&close).segments.expect("segments").loves_most, None);
}

#[test]
fn two_waves_compared_with_intervals_on_the_difference() {
    let wave = |vd: usize, sd: usize, promoters: usize, detractors: usize| {
        let mut text = String::from("How likely are you to recommend us?,How would you feel if you could no longer use us?\n");
        for i in 0..(vd + sd).max(promoters + detractors) {
            let nps = if i < promoters {
                "10"
            } else if i < promoters + detractors {
                "3"
            } else {
                ""
            };
            let pmf = if i < vd {
                "Very disappointed"
            } else if i < vd + sd {
                "Somewhat disappointed"
            } else {
                ""
            };
            text.push_str(&format!("{nps},{pmf}\n"));
        }
        csv(&text)
    };
    let c = SurveyConfig::default();
    // Superhuman's published move: 22% -> 58% very disappointed.
    let cmp = compare(wave(22, 78, 50, 50), wave(58, 42, 80, 20), &c);
    let pmf = cmp.pmf.expect("pmf change");
    assert!((pmf.change - 0.36).abs() < 1e-12);
    assert!(
        pmf.distinguishable && pmf.interval[0] > 0.0,
        "{:?}",
        pmf.interval
    );
    let nps = cmp.nps.expect("nps change");
    assert_eq!(nps.change, 60.0);
    assert!(nps.distinguishable);
    let same = compare(wave(40, 60, 50, 50), wave(42, 58, 51, 49), &c);
    assert!(!same.pmf.unwrap().distinguishable);
    assert!(same
        .nps
        .unwrap()
        .reading
        .contains("not distinguishable from no change"));
}

#[test]
fn survey_data_feeds_the_analyzer_with_its_counts() {
    let mut text = String::from(HEADER);
    for i in 0..200 {
        let (nps, pmf, sat) = match i % 4 {
            0 => ("10", "Very disappointed", "5"),
            1 => ("9", "Very disappointed", "4"),
            2 => ("7", "Somewhat disappointed", "4"),
            _ => ("3", "Not disappointed", "2"),
        };
        text.push_str(&format!("{i},{nps},{pmf},{sat},Dev\r\n"));
    }
    let r = csv(&text);
    let product = serde_json::json!({ "surveyData": serde_json::to_value(&r.survey_data).unwrap(), "usageMetrics": { "retentionRate": 0.6, "monthlyActiveUsers": 5000 } });
    let result = analyze(&RawValue::from_json(&product), &RawValue::Null).expect("analyzable");
    let survey = &result.dimensions.survey;
    let nps = survey.metrics.iter().find(|m| m.id == "npsScore").unwrap();
    assert_eq!(nps.value, 25.0);
    // The analyzer's NPS interval is the survey's adjusted-Wald interval.
    assert_eq!(nps.value_interval, Some(r.nps.as_ref().unwrap().interval));
    let ellis = survey
        .metrics
        .iter()
        .find(|m| m.id == "seanEllisShare")
        .unwrap();
    assert_eq!(ellis.value, 0.5);
    assert!(result.warnings.is_empty(), "{:?}", result.warnings);
}

#[test]
fn array_input_reports_items_by_index() {
    let answers = SurveyAnswers {
        nps: Some(vec![
            AnswerValue::Number(9.0),
            AnswerValue::Text("11".into()),
            AnswerValue::Blank,
            AnswerValue::Number(4.0),
        ]),
        segment: Some(vec![AnswerValue::Text("a".into()); 4]),
        ..SurveyAnswers::default()
    };
    let r = analyze_survey_answers(&answers, &SurveyConfig::default()).unwrap();
    assert_eq!(r.nps.as_ref().unwrap().n, 2);
    let skipped: Vec<(Option<u64>, &str)> = r
        .skipped
        .first
        .iter()
        .map(|i| (i.index, i.reason.as_str()))
        .collect();
    assert_eq!(
        skipped,
        vec![
            (Some(1), "NPS answer outside 0 to 10"),
            (Some(2), "no answer to any question read")
        ]
    );
    let uneven = SurveyAnswers {
        nps: Some(vec![AnswerValue::Number(9.0)]),
        pmf: Some(vec![]),
        ..SurveyAnswers::default()
    };
    let err = analyze_survey_answers(&uneven, &SurveyConfig::default()).unwrap_err();
    assert!(
        err.to_string()
            .contains("pmf is an array of 0 answers; expected 1 answers, as many as nps"),
        "{err}"
    );
}

#[test]
fn wald_on_request_and_sample_size_for_a_margin() {
    let answers = SurveyAnswers {
        nps: Some(
            (0..100)
                .map(|i| {
                    AnswerValue::Number(if i < 50 {
                        10.0
                    } else if i < 80 {
                        8.0
                    } else {
                        2.0
                    })
                })
                .collect(),
        ),
        ..SurveyAnswers::default()
    };
    let wald = analyze_survey_answers(
        &answers,
        &config(r#"{"npsMethod": "wald", "npsMargin": 5}"#),
    )
    .unwrap()
    .nps
    .unwrap();
    // p = 0.5, d = 0.2: Var = 0.7 - 0.09 = 0.61, SE = sqrt(0.61 / 100) = 0.0781 (7.81 points).
    assert!((wald.standard_error - 100.0 * (0.61f64 / 100.0).sqrt()).abs() < 1e-9);
    assert_eq!(wald.method, "wald");
    // n = 1.96^2 * 0.61 / 0.05^2 = 937.4 -> 938.
    assert_eq!(wald.sample_size.needed, 938.0);
    assert_eq!(wald.sample_size.more, 838.0);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Every interval contains its estimate and stays inside its scale.
    #[test]
    fn intervals_contain_the_estimate_and_stay_in_scale(counts in prop::collection::vec(0u32..50, 11), ellis in prop::collection::vec(0u32..80, 4), level in 0.5..0.999f64) {
        let mut nps = Vec::new();
        for (value, n) in counts.iter().enumerate() {
            nps.extend(std::iter::repeat_n(AnswerValue::Number(value as f64), *n as usize));
        }
        let labels = ["Very disappointed", "Somewhat disappointed", "Not disappointed", "I no longer use it"];
        let mut pmf: Vec<AnswerValue> = Vec::new();
        for (label, n) in labels.iter().zip(&ellis) {
            pmf.extend(std::iter::repeat_n(AnswerValue::Text((*label).into()), *n as usize));
        }
        let len = nps.len().max(pmf.len());
        nps.resize(len, AnswerValue::Blank);
        pmf.resize(len, AnswerValue::Blank);
        prop_assume!(len > 0);
        let c = SurveyConfig::from_raw(&RawValue::from_json(&serde_json::json!({ "confidenceLevel": level }))).unwrap();
        let r = analyze_survey_answers(&SurveyAnswers { nps: Some(nps), pmf: Some(pmf), ..SurveyAnswers::default() }, &c);
        let Ok(r) = r else { return Ok(()) };
        if let Some(s) = r.nps {
            prop_assert!(s.interval[0] <= s.score && s.score <= s.interval[1]);
            prop_assert!(s.interval[0] >= -100.0 && s.interval[1] <= 100.0);
        }
        if let Some(p) = r.pmf {
            if p.n > 0 {
                prop_assert!(p.interval[0] <= p.very_disappointed_share && p.very_disappointed_share <= p.interval[1]);
                prop_assert!(p.interval[0] >= 0.0 && p.interval[1] <= 1.0);
            }
        }
    }

    /// At a fixed share, more answers give a narrower interval.
    #[test]
    fn intervals_narrow_as_answers_grow(promoters in 0u32..10, detractors in 0u32..10, scale in 2u32..20) {
        prop_assume!(promoters + detractors > 0 && promoters + detractors <= 10);
        let make = |k: u32| SurveyAnswers {
            nps: Some((0..10 * k).map(|i| AnswerValue::Number(if i % 10 < promoters { 10.0 } else if i % 10 < promoters + detractors { 0.0 } else { 8.0 })).collect()),
            pmf: Some((0..10 * k).map(|i| AnswerValue::Text(if i % 10 < promoters { "Very disappointed" } else { "Not disappointed" }.into())).collect()),
            ..SurveyAnswers::default()
        };
        let c = SurveyConfig::default();
        let small = analyze_survey_answers(&make(1), &c).unwrap();
        let large = analyze_survey_answers(&make(scale), &c).unwrap();
        let width = |i: [f64; 2]| i[1] - i[0];
        prop_assert!(width(large.nps.unwrap().interval) < width(small.nps.unwrap().interval));
        prop_assert!(width(large.pmf.unwrap().interval) < width(small.pmf.unwrap().interval));
    }
}

/// Known values from public worked examples, with their sources.
mod published_examples {
    use market_validation::stats::{
        nps_variance, one_sided_z_test, proportion_difference, wilson, z_for_confidence,
    };

    fn z95() -> f64 {
        z_for_confidence(0.95)
    }

    /// Newcombe (1998b), "Interval estimation for the difference between
    /// independent proportions: comparison of eleven methods", Statistics in
    /// Medicine 17:873-890, Table II, method 10 (hybrid score), p1 - p2.
    #[test]
    fn newcombe_1998b_table_ii_method_10() {
        let cases = [
            ((56.0, 70.0, 48.0, 80.0), (0.0524, 0.3339)),
            ((9.0, 10.0, 3.0, 10.0), (0.1705, 0.8090)),
            ((6.0, 7.0, 2.0, 7.0), (0.0582, 0.8062)),
            ((5.0, 56.0, 0.0, 29.0), (-0.0381, 0.1926)),
            ((0.0, 10.0, 0.0, 20.0), (-0.1611, 0.2775)),
            ((0.0, 10.0, 0.0, 10.0), (-0.2775, 0.2775)),
            ((10.0, 10.0, 0.0, 20.0), (0.6791, 1.0)),
            ((10.0, 10.0, 0.0, 10.0), (0.6075, 1.0)),
        ];
        for ((x1, n1, x2, n2), (lo, hi)) in cases {
            // Our function gives (second - first): pass the paper's p2 first.
            let (_, l, h) = proportion_difference(x2, n2, x1, n1, z95());
            assert!(
                (l - lo).abs() < 5e-5 && (h - hi).abs() < 5e-5,
                "{x1}/{n1} - {x2}/{n2}: [{l}, {h}] vs [{lo}, {hi}]"
            );
        }
    }

    /// Newcombe (1998a), "Two-sided confidence intervals for the single
    /// proportion", Statistics in Medicine 17:857-872, Table I, method 3.
    #[test]
    fn newcombe_1998a_wilson() {
        for ((x, n), (lo, hi)) in [
            ((81.0, 263.0), (0.2553, 0.3662)),
            ((0.0, 10.0), (0.0, 0.2775)),
            ((10.0, 10.0), (0.7225, 1.0)),
        ] {
            let (l, h) = wilson(x, n, z95());
            assert!(
                (l - lo).abs() < 5e-5 && (h - hi).abs() < 5e-5,
                "{x}/{n}: [{l}, {h}]"
            );
        }
    }

    /// whuber's worked example (Cross Validated, answer 18609): promoters 1/2,
    /// passives 1/3, detractors 1/6 give NPS 1/3 and variance 5/9. And CYBAEA's
    /// rule of thumb: at p = d = 1/3 a 95% interval is about 320 / sqrt(n) wide.
    #[test]
    fn nps_variance_worked_examples() {
        assert!((nps_variance(0.5, 1.0 / 6.0) - 5.0 / 9.0).abs() < 1e-12);
        let width = 2.0 * 1.96 * 100.0 * nps_variance(1.0 / 3.0, 1.0 / 3.0).sqrt();
        assert!((width - 320.0).abs() < 0.1, "{width}");
    }

    /// One-sided one-proportion z test, statisticsandmath.com worked example:
    /// 623 of 1000 against p0 = 0.60, H1: p > p0, z = 1.48.
    #[test]
    fn one_sided_proportion_test() {
        let (z, p) = one_sided_z_test(623.0, 1000.0, 0.60);
        assert!((z - 1.4846).abs() < 1e-4, "{z}");
        assert!((p - 0.0688).abs() < 1e-4, "{p}");
    }
}

/// Regressions from the review of the survey reader.
mod review_regressions {
    use market_validation::survey::{analyze_survey_csv, SurveyConfig};

    fn csv(
        text: &str,
    ) -> Result<market_validation::survey::SurveyAnalysis, market_validation::InputError> {
        analyze_survey_csv(text.as_bytes(), &SurveyConfig::default())
    }

    #[test]
    fn ids_and_team_sizes_are_not_taken_for_nps() {
        let mut text = String::from(
            "Respondent,Team size,How would you feel if you could no longer use it?\n",
        );
        for i in 1..=12 {
            text.push_str(&format!("{i},{},Very disappointed\n", i % 9 + 1));
        }
        let r = csv(&text).unwrap();
        assert!(
            r.nps.is_none(),
            "no NPS question in this survey: {:?}",
            r.columns.nps
        );
        assert!(r.pmf.is_some());
    }

    #[test]
    fn header_words_match_whole_words() {
        let text = "Explanation,Personal email,How satisfied are you?,Plan\nbecause,a@b.c,4,Pro\nso,c@d.e,5,Free\n";
        let r = csv(text).unwrap();
        assert_eq!(
            r.columns.segment.as_ref().map(|c| c.header.as_str()),
            Some("Plan")
        );
        // A free-text "recommend" column loses to the real one.
        let text = "Would you recommend us? (comments),How likely are you to recommend us?\nyes because it is fast,9\nmaybe,10\nno,3\n";
        let r = csv(text).unwrap();
        assert_eq!(r.columns.nps.as_ref().map(|c| c.index), Some(1));
    }

    #[test]
    fn lone_cr_lines_trailing_blanks_and_unbalanced_quotes_are_reported() {
        let r = csv("NPS\r9\rnine\r10\r").unwrap();
        assert_eq!(
            r.skipped.first[0].line,
            Some(3),
            "lone CR line endings count as lines"
        );
        let r = csv("NPS\n9\n10\n\n\n").unwrap();
        let lines: Vec<Option<u64>> = r.skipped.first.iter().map(|i| i.line).collect();
        assert_eq!(
            lines,
            vec![Some(4), Some(5)],
            "blank lines at the end are reported"
        );
        let r = csv("NPS,Comment\n9,fine\n10,\"oops\n8,never read\n7,nor this\n").unwrap();
        let quote = r
            .skipped
            .first
            .iter()
            .find(|i| i.reason.contains("never closed"))
            .expect("reported");
        assert_eq!(quote.line, Some(3));
    }
}

/// The one-sided bound shown beside the verdict agrees with the test on every tally: the
/// share is told above the bar exactly when the bound is above it, below exactly when the
/// bound is below it.
#[test]
fn the_one_sided_bound_agrees_with_the_verdict() {
    let answers = |vd: usize, sd: usize| SurveyAnswers {
        pmf: Some(
            std::iter::repeat_n("Very disappointed", vd)
                .chain(std::iter::repeat_n("Somewhat disappointed", sd))
                .map(|s| AnswerValue::Text(s.into()))
                .collect(),
        ),
        ..SurveyAnswers::default()
    };
    let c = SurveyConfig::default();
    for n in [30usize, 47, 100, 390, 1000] {
        for vd in 0..=n {
            let pmf = analyze_survey_answers(&answers(vd, n - vd), &c)
                .unwrap()
                .pmf
                .unwrap();
            let bound = pmf.one_sided_bound;
            match pmf.verdict {
                PmfVerdict::AboveBar => assert!(bound > pmf.bar, "{vd}/{n}: above, bound {bound}"),
                PmfVerdict::BelowBar => assert!(bound < pmf.bar, "{vd}/{n}: below, bound {bound}"),
                PmfVerdict::NotDistinguishable => assert!(
                    (pmf.very_disappointed_share >= pmf.bar) == (bound <= pmf.bar + 1e-12),
                    "{vd}/{n}: not distinguishable, bound {bound}"
                ),
                other => panic!("{vd}/{n}: {other:?}"),
            }
        }
    }
}
