//! The System Usability Scale as a scored metric (`surveyData.susScore`,
//! `susResponses`): its curve, its interval, the checks of its inputs, and
//! that it is optional: a product without it scores exactly as before, and
//! adding it changes the survey dimension only. Every figure is computed by
//! hand in the comments.
#![cfg(not(target_arch = "wasm32"))]

use market_validation::analyzer::result::{MetricResult, ValidationResult};
use market_validation::{analyze, validate, RawValue};
use serde_json::{json, Value};

#[path = "support/scoring.rs"]
mod scoring;
use scoring::{run, run_err, sample};

fn sus_metric(r: &ValidationResult) -> &MetricResult {
    r.dimensions
        .survey
        .metrics
        .iter()
        .find(|m| m.id == "susScore")
        .expect("the SUS metric is scored")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// The survey metrics' preset weights: Sean Ellis 0.4, NPS 0.3, CSAT 0.2,
/// feature satisfaction 0.1, added in that order (0.9999999999999999 in
/// floating point), and the SUS's 0.15.
const CORE_SURVEY: f64 = 0.4 + 0.3 + 0.2 + 0.1;
const SUS_WEIGHT: f64 = 0.15;

#[test]
fn sub_scores_on_the_curve() {
    // The ladder: 0 -> 0, 68 (the SUS database's average) -> 40, 74.1 (grade B)
    // -> 60, 80.8 (grade A) -> 80, 100 -> 100; 71.1 is 3.1 of the 6.1 points
    // from 68 to 74.1: 40 + 3.1 / 6.1 * 20 = 50.16393442622951.
    let cases = [
        (0.0, 0.0, "below average"),
        (68.0, 40.0, "at or above average"),
        (71.1, 40.0 + 3.1 / 6.1 * 20.0, "at or above average"),
        (74.1, 60.0, "at or above good"),
        (80.8, 80.0, "at or above great"),
        (100.0, 100.0, "at or above great"),
    ];
    for preset in [
        "b2b-saas",
        "enterprise-saas",
        "consumer-subscription",
        "consumer-social",
    ] {
        for (value, expected, band) in cases {
            let r = run(
                json!({ "surveyData": { "susScore": value, "susResponses": 20 } }),
                json!({ "preset": preset }),
            );
            let m = sus_metric(&r);
            assert!(
                close(m.sub_score, expected),
                "{preset} {value}: {}",
                m.sub_score
            );
            assert_eq!(m.benchmark.band, band, "{preset} {value}");
            // Alone in its dimension, alone in the product.
            assert_eq!((m.weight, m.nominal_weight), (1.0, SUS_WEIGHT));
            assert!(close(r.score, expected));
        }
    }
    let r = run(
        json!({ "surveyData": { "susScore": 71.1, "susResponses": 20 } }),
        Value::Null,
    );
    assert!(close(sus_metric(&r).sub_score, 50.163_934_426_229_51));
    let ids: Vec<&str> = r.sources.iter().map(|s| s.id).collect();
    assert_eq!(ids, ["sauro-sus-average", "sauro-lewis-sus-grades"]);
    assert_eq!(sus_metric(&r).label, "System Usability Scale (SUS)");
    assert_eq!(sus_metric(&r).unit, "SUS score 0..100");
}

#[test]
fn the_interval_of_75_from_20_respondents() {
    // stats::mean_rating_interval (Bhatia-Davis with one pseudo-answer at
    // each end of the 0..100 scale), z = 1.959964 for 95%:
    //   n' = 20 + 2 = 22, centre = (75 * 20 + 0 + 100) / 22 = 72.727273,
    //   var <= (100 - 72.727273) * (72.727273 - 0) = 1983.471074,
    //   half = 1.959964 * sqrt(1983.471074 / 22) = 18.610142,
    //   interval 54.117131 .. 91.337415.
    // On the curve: 54.117131 * 40 / 68 = 31.833606 and
    // 80 + (91.337415 - 80.8) / 19.2 * 20 = 90.976474; 75 itself is
    // 60 + 0.9 / 6.7 * 20 = 62.686567.
    let r = run(
        json!({ "surveyData": { "susScore": 75, "susResponses": 20 } }),
        Value::Null,
    );
    let m = sus_metric(&r);
    let [lo, hi] = m.value_interval.expect("a sampled value");
    assert!(
        (lo - 54.117_131).abs() < 1e-6 && (hi - 91.337_415).abs() < 1e-6,
        "{lo} {hi}"
    );
    let [slo, shi] = m.sub_score_interval;
    assert!(
        (slo - 31.833_606).abs() < 1e-6 && (shi - 90.976_474).abs() < 1e-6,
        "{slo} {shi}"
    );
    assert!((m.sub_score - 62.686_567).abs() < 1e-6);
    assert_eq!(
        m.note.as_deref(),
        Some("mean of 20 respondents; grade B on Sauro & Lewis's curved scale")
    );
    // Its standard error is the sub-score interval's half-width over z, and
    // it is the product's only metric: samplingSd = (90.976474 - 31.833606) / (2 * 1.959964)
    // = 15.087743.
    let sd = (shi - slo) / (2.0 * r.uncertainty.z);
    assert!((r.uncertainty.sampling_sd - sd).abs() < 1e-12);
    assert!((sd - 15.087_743).abs() < 1e-5, "{sd}");
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn without_its_respondents_the_survey_size_is_used_and_said() {
    let with_n = |n: f64| {
        let r = run(
            json!({ "surveyData": { "susScore": 80, "susResponses": n } }),
            Value::Null,
        );
        sus_metric(&r).value_interval
    };
    // Neither count: 30 assumed, as for every survey figure without its count.
    let r = run(json!({ "surveyData": { "susScore": 80 } }), Value::Null);
    assert_eq!(sus_metric(&r).value_interval, with_n(30.0));
    assert_eq!(
        sus_metric(&r).note.as_deref(),
        Some("30 respondents assumed (susResponses not given); grade A- on Sauro & Lewis's curved scale")
    );
    let codes: Vec<&str> = r.warnings.iter().map(|w| w.code.as_str()).collect();
    assert_eq!(codes, ["sus_responses_unknown"]);
    assert_eq!(r.warnings[0].path, "surveyData.susResponses");
    assert_eq!(
        r.warnings[0].message,
        "the number of respondents behind susScore is not given; the interval assumes 30 \
         (the practical minimum; feedbackVolume is not given either)"
    );
    // feedbackVolume: its responses.
    let r = run(
        json!({ "surveyData": { "susScore": 80, "feedbackVolume": 50 } }),
        Value::Null,
    );
    assert_eq!(sus_metric(&r).value_interval, with_n(50.0));
    let codes: Vec<&str> = r.warnings.iter().map(|w| w.code.as_str()).collect();
    assert_eq!(codes, ["sus_responses_unknown"]);
    assert!(r.warnings[0]
        .message
        .ends_with("the interval takes feedbackVolume's 50 survey responses as its respondents"));
    // Then feedbackVolume sizes a survey figure: 12 is a small survey, 0 an error.
    let r = run(
        json!({ "surveyData": { "susScore": 80, "feedbackVolume": 12 } }),
        Value::Null,
    );
    assert!(r.warnings.iter().any(|w| w.code == "small_survey"));
    let err = run_err(
        json!({ "surveyData": { "susScore": 80, "feedbackVolume": 0 } }),
        Value::Null,
    );
    assert_eq!(err.problems[0].path, "surveyData.feedbackVolume");
    // With its own count, feedbackVolume is not its size: no warning, no error.
    let r = run(
        json!({ "surveyData": { "susScore": 80, "susResponses": 30, "feedbackVolume": 0 } }),
        Value::Null,
    );
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    // More respondents, a narrower interval.
    let [a, b] = with_n(12.0).unwrap();
    let [c, d] = with_n(120.0).unwrap();
    assert!(a < c && d < b);
}

#[test]
fn respondents_without_a_score_are_ignored_with_a_warning() {
    let mut with = sample();
    with["surveyData"]["susResponses"] = json!(20);
    let (before, mut after) = (run(sample(), Value::Null), run(with, Value::Null));
    let warning = after.warnings.pop().expect("a warning");
    assert_eq!(warning.code, "sus_responses_without_score");
    assert_eq!(warning.path, "surveyData.susResponses");
    assert_eq!(
        warning.message,
        "susResponses is given without susScore, the score it counts the respondents of; it is ignored"
    );
    assert_eq!(before, after);
}

#[test]
fn absent_it_is_not_missing() {
    // Only an NPS: the survey has 1 of its 4 metrics, SUS is in no list.
    // NPS 30: 40 + (30 - 10) / (75 - 10) * 40 = 52.3077.
    let r = run(
        json!({ "surveyData": { "npsScore": 30, "feedbackVolume": 200 } }),
        Value::Null,
    );
    assert_eq!(r.dimensions.survey.summary, "52.3077 from 1 of 4 metrics");
    assert!(r.missing.iter().all(|m| m.metric != "susScore"));
    assert!(r.recommendations.iter().all(|m| m.metric != "susScore"));
    // Coverage: usage, adoption, market and competitive have nothing; the
    // survey has NPS's 0.3 of its 0.25: 0.075.
    assert!(close(r.coverage, 0.25 * 0.3));
    let survey_missing: f64 = r
        .missing
        .iter()
        .filter(|m| m.dimension.as_str() == "survey")
        .map(|m| m.nominal_weight)
        .sum();
    assert!(close(survey_missing, 0.25 * 0.7));
}

#[test]
fn present_it_joins_the_survey_and_changes_nothing_else() {
    // The sample has all four survey metrics; SUS 72.5 from 15 respondents.
    // Its sub-score: 40 + 4.5 / 6.1 * 20 = 54.754098.
    let mut with = sample();
    with["surveyData"]["susScore"] = json!(72.5);
    with["surveyData"]["susResponses"] = json!(15);
    for preset in ["b2b-saas", "consumer-social"] {
        let options = json!({ "preset": preset });
        let (before, after) = (run(sample(), options.clone()), run(with.clone(), options));
        for (b, a) in before.dimensions.iter().zip(after.dimensions.iter()) {
            if b.dimension.as_str() != "survey" {
                assert_eq!(b, a, "{preset}: {:?} changed", b.dimension);
            }
        }
        let (b, a) = (&before.dimensions.survey, &after.dimensions.survey);
        assert_eq!(a.metrics.len(), b.metrics.len() + 1);
        assert_eq!(a.summary.split(" from ").nth(1), Some("5 of 5 metrics"));
        let sus = sus_metric(&after);
        assert!((sus.sub_score - 54.754_098).abs() < 1e-6);
        let total = CORE_SURVEY + SUS_WEIGHT;
        assert!(close(sus.weight, SUS_WEIGHT / total));
        // The other survey metrics: the same values and sub-scores, their
        // weights scaled by 1 / (0.9999999999999999 + 0.15).
        for (mb, ma) in b.metrics.iter().zip(&a.metrics) {
            assert_eq!(mb.id, ma.id);
            assert_eq!(
                (
                    mb.value,
                    mb.value_interval,
                    mb.sub_score,
                    mb.sub_score_interval,
                    mb.nominal_weight
                ),
                (
                    ma.value,
                    ma.value_interval,
                    ma.sub_score,
                    ma.sub_score_interval,
                    ma.nominal_weight
                )
            );
            assert!(close(ma.weight, mb.weight * CORE_SURVEY / total));
        }
        let old = b.score.unwrap();
        let survey = (old * CORE_SURVEY + SUS_WEIGHT * sus.sub_score) / total;
        assert!(close(a.score.unwrap(), survey), "{preset}");
        // The survey's share of the score is unchanged, so the score moves by
        // that share of the survey's change.
        assert_eq!(a.effective_weight, b.effective_weight);
        assert!(close(
            after.score,
            before.score + b.effective_weight * (survey - old)
        ));
        // Nothing was missing in the survey, and nothing more is.
        assert_eq!(before.missing, after.missing);
        assert!(after.coverage >= before.coverage - 1e-12);
        assert!(after.uncertainty.missing_data_sd <= before.uncertainty.missing_data_sd + 1e-12);
        assert_eq!(before.warnings, after.warnings);
        assert_eq!(before.figures, after.figures);
        // Below "good" (74.1): a recommendation to reach it.
        let rec = after
            .recommendations
            .iter()
            .find(|x| x.metric == "susScore")
            .expect("a SUS recommendation");
        assert_eq!(
            (rec.target, rec.target_band, rec.path),
            (74.1, "good", "surveyData.susScore")
        );
        assert!(rec
            .message
            .starts_with("Raise System Usability Scale (SUS) from 72.5 to 74.1 (good for"));
        assert!(rec.message.contains("; J. Sauro & J. R. Lewis): +"));
    }
}

#[test]
fn with_a_survey_metric_missing_the_weights_share_out() {
    // NPS 10 (the Bain average: 40) and SUS 68 (the SUS average: 40).
    // Survey nominal total: the four core weights plus SUS's, 1.15; NPS's
    // share 0.3 / 0.45 and SUS's 0.15 / 0.45 of the dimension's score.
    let r = run(
        json!({ "surveyData": { "npsScore": 10, "feedbackVolume": 100, "susScore": 68, "susResponses": 100 } }),
        Value::Null,
    );
    let s = &r.dimensions.survey;
    assert!(close(s.score.unwrap(), 40.0));
    assert_eq!(s.summary, "40 from 2 of 5 metrics");
    assert!(close(s.metrics[0].weight, 0.3 / 0.45) && close(s.metrics[1].weight, 0.15 / 0.45));
    // Coverage: 0.25 * (0.3 + 0.15) / 1.15; the missing survey metrics
    // (Sean Ellis 0.4, CSAT 0.2, feature satisfaction 0.1) each 0.25 * w / 1.15.
    let total = CORE_SURVEY + SUS_WEIGHT;
    assert!(close(r.coverage, 0.25 * 0.45 / total));
    let survey_missing: Vec<(&str, f64)> = r
        .missing
        .iter()
        .filter(|m| m.dimension.as_str() == "survey")
        .map(|m| (m.metric, m.nominal_weight))
        .collect();
    let expected = [
        ("seanEllisShare", 0.4),
        ("csatShare", 0.2),
        ("featureSatisfaction", 0.1),
    ];
    assert_eq!(survey_missing.len(), expected.len());
    for ((metric, w), (id, core)) in survey_missing.into_iter().zip(expected) {
        assert_eq!(metric, id);
        assert!(close(w, 0.25 * core / total), "{metric} {w}");
    }
    // The dimension's interval: its metrics' sampling error and the missing
    // metrics' (each weight / 1.15 times 100 / sqrt(12)), in quadrature.
    let sd_missing = [0.4f64, 0.2, 0.1]
        .iter()
        .map(|w| (w / total * 100.0 / 12f64.sqrt()).powi(2))
        .sum::<f64>();
    let sd_sampling: f64 = s
        .metrics
        .iter()
        .map(|m| {
            (m.weight * (m.sub_score_interval[1] - m.sub_score_interval[0])
                / (2.0 * r.uncertainty.z))
                .powi(2)
        })
        .sum();
    let half = r.uncertainty.z * (sd_missing + sd_sampling).sqrt();
    let [lo, hi] = s.interval.unwrap();
    assert!(
        close(lo, 40.0 - half) && close(hi, 40.0 + half),
        "{lo} {hi} {half}"
    );
}

#[test]
fn options_weigh_and_move_it() {
    let product = json!({ "surveyData": { "npsScore": 75, "feedbackVolume": 500, "susScore": 68, "susResponses": 40 } });
    // Weight 0: the survey is NPS alone (80).
    let r = run(
        product.clone(),
        json!({ "metricWeights": { "susScore": 0 } }),
    );
    assert!(close(r.dimensions.survey.score.unwrap(), 80.0));
    // Weighed like NPS: (80 + 40) / 2.
    let r = run(
        product.clone(),
        json!({ "metricWeights": { "susScore": 0.3 } }),
    );
    assert!(close(r.dimensions.survey.score.unwrap(), 60.0));
    // A benchmark override: "average" at 60 puts 68 at 40 + 8 / 14.1 * 20.
    let r = run(
        product.clone(),
        json!({ "benchmarks": { "susScore": { "average": 60 } } }),
    );
    assert!(close(sus_metric(&r).sub_score, 40.0 + 8.0 / 14.1 * 20.0));
    let err = analyze(
        &RawValue::from_json(&product),
        &RawValue::from_json(&json!({ "benchmarks": { "susScore": { "good": 120 } } })),
    )
    .unwrap_err();
    assert_eq!(err.problems[0].path, "options.benchmarks.susScore.good");
    assert_eq!(err.problems[0].expected, "a SUS score between 0 and 100");
}

#[test]
fn a_competitors_sus_is_compared() {
    // Ours 80.8 (80) against theirs 68 (40): 40 points ahead.
    let r = run(
        json!({ "surveyData": { "susScore": 80.8, "susResponses": 25 },
                "competitiveData": { "competitiveBenchmarks": { "susScore": 68 } } }),
        Value::Null,
    );
    let h2h = &r.dimensions.competitive.metrics[0];
    assert_eq!(h2h.id, "headToHead");
    assert!(close(h2h.value, 40.0));
    let err = run_err(
        json!({ "competitiveData": { "competitiveBenchmarks": { "susScore": 101 } } }),
        Value::Null,
    );
    assert_eq!(
        err.problems[0].path,
        "competitiveData.competitiveBenchmarks.susScore"
    );
}

#[test]
fn bad_values_are_input_errors() {
    let problem = |sus: RawValue, responses: RawValue| {
        let raw = RawValue::Object(vec![(
            "surveyData".into(),
            RawValue::Object(vec![
                ("susScore".into(), sus),
                ("susResponses".into(), responses),
            ]),
        )]);
        let err = analyze(&raw, &RawValue::Null).expect_err("invalid input");
        let report = validate(&raw);
        assert!(!report.valid);
        assert_eq!(report.problems, err.problems);
        err
    };
    let n = RawValue::Number;
    let err = problem(n(120.0), n(20.0));
    assert_eq!(
        err.to_string(),
        "invalid product data: surveyData.susScore is 120; expected a SUS score between 0 and 100 \
         (SUS scores run from 0 to 100 (the ten items' contributions, 0 to 40, times 2.5))"
    );
    let err = problem(n(-5.0), n(20.0));
    assert_eq!(
        err.problems[0].hint.as_deref(),
        Some("a SUS score cannot be negative")
    );
    let err = problem(n(f64::NAN), n(20.0));
    assert_eq!(
        (
            err.problems[0].path.as_str(),
            err.problems[0].value.as_str()
        ),
        ("surveyData.susScore", "NaN")
    );
    assert_eq!(
        err.problems[0].hint.as_deref(),
        Some("the value must be a finite number")
    );
    let err = problem(n(f64::INFINITY), n(20.0));
    assert_eq!(err.problems[0].path, "surveyData.susScore");
    let err = problem(n(70.0), n(0.0));
    assert_eq!(
        err.to_string(),
        "invalid product data: surveyData.susResponses is 0; expected a whole number of respondents \
         from 1 to 1e15 (a mean needs at least 1 respondent; leave the field out when unknown)"
    );
    let err = problem(n(70.0), n(12.5));
    assert_eq!(err.problems[0].value, "12.5");
    assert_eq!(
        err.problems[0].hint.as_deref(),
        Some("respondents are counted in whole numbers")
    );
    let err = problem(n(70.0), n(-3.0));
    assert_eq!(
        err.problems[0].hint.as_deref(),
        Some("it cannot be negative")
    );
    let err = problem(RawValue::String("72".into()), RawValue::String("20".into()));
    let found: Vec<(&str, &str, Option<&str>)> = err
        .problems
        .iter()
        .map(|p| (p.path.as_str(), p.value.as_str(), p.hint.as_deref()))
        .collect();
    let hint = Some("numbers must be given as numbers, not strings");
    assert_eq!(
        found,
        [
            ("surveyData.susScore", "\"72\"", hint),
            ("surveyData.susResponses", "\"20\"", hint)
        ]
    );
    // Both at once: every problem is reported.
    assert_eq!(problem(n(101.0), n(1e16)).problems.len(), 2);
}

#[test]
fn a_fraction_is_warned_about() {
    let r = run(
        json!({ "surveyData": { "susScore": 0.72, "susResponses": 10 } }),
        Value::Null,
    );
    let w = r
        .warnings
        .iter()
        .find(|w| w.code == "sus_looks_like_fraction")
        .expect("a warning");
    assert_eq!(w.path, "surveyData.susScore");
    assert_eq!(
        w.message,
        "susScore is 0.72: SUS scores run from 0 to 100; did you mean 72?"
    );
    let r = run(
        json!({ "surveyData": { "susScore": 1, "susResponses": 10 } }),
        Value::Null,
    );
    assert!(r.warnings.is_empty());
}
