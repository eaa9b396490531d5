//! Integration tests of `analyze`: hand-computed scores, the interval, the
//! verdict, warnings, recommendations and errors.
#![cfg(not(target_arch = "wasm32"))]

use market_validation::result::{ValidationResult, Verdict};
use market_validation::{analyze, analyze_many, sample_product_json, RawValue};
use serde_json::{json, Value};

fn run(product: Value, options: Value) -> ValidationResult {
    analyze(
        &RawValue::from_json(&product),
        &RawValue::from_json(&options),
    )
    .expect("valid input")
}

fn run_err(product: Value, options: Value) -> market_validation::InputError {
    analyze(
        &RawValue::from_json(&product),
        &RawValue::from_json(&options),
    )
    .expect_err("invalid input")
}

fn sample() -> Value {
    serde_json::from_str(sample_product_json()).expect("sample is JSON")
}

#[test]
fn hand_computed_composite() {
    // Usage: retention 0.6 (good, 60), DAU/MAU 0.2 (good, 60), DAU/WAU 0.3 (good, 60) -> 60.
    // Survey: NPS 75 (Bain loyalty leader, 80) -> 80.
    // b2b-saas weights usage 0.30, survey 0.25 -> (0.30*60 + 0.25*80) / 0.55 = 69.0909...
    let r = run(
        json!({
            "usageMetrics": { "dailyActiveUsers": 200, "weeklyActiveUsers": 666.666_666_666_666_6, "monthlyActiveUsers": 1000, "retentionRate": 0.6 },
            "surveyData": { "npsScore": 75, "feedbackVolume": 500 }
        }),
        Value::Null,
    );
    assert!((r.dimensions.usage.score.unwrap() - 60.0).abs() < 1e-9);
    assert!((r.dimensions.survey.score.unwrap() - 80.0).abs() < 1e-9);
    assert!(
        (r.score - (0.30 * 60.0 + 0.25 * 80.0) / 0.55).abs() < 1e-9,
        "{}",
        r.score
    );
    assert!((r.dimensions.usage.effective_weight - 0.30 / 0.55).abs() < 1e-12);
    assert_eq!(r.dimensions.market.score, None);
    assert_eq!(r.dimensions.market.effective_weight, 0.0);
}

#[test]
fn the_score_can_be_recomputed_from_the_result() {
    let r = run(sample(), json!({ "preset": "enterprise-saas" }));
    let mut by_hand = 0.0;
    for d in r.dimensions.iter() {
        let dim: f64 = d.metrics.iter().map(|m| m.weight * m.sub_score).sum();
        if let Some(score) = d.score {
            assert!((dim - score).abs() < 1e-9, "{:?}", d.dimension);
            by_hand += d.effective_weight * score;
        }
        for m in &d.metrics {
            assert!((m.contribution - m.effective_weight * m.sub_score).abs() < 1e-9);
            assert!((m.effective_weight - d.effective_weight * m.weight).abs() < 1e-12);
        }
    }
    assert!((by_hand - r.score).abs() < 1e-9);
}

#[test]
fn intervals_widen_with_small_samples_and_missing_dimensions() {
    let survey = |n: f64| {
        run(
            json!({ "surveyData": { "npsScore": 30, "feedbackVolume": n }, "usageMetrics": { "retentionRate": 0.6 } }),
            Value::Null,
        )
    };
    let (small, large) = (survey(20.0), survey(2000.0));
    assert_eq!(
        small.score, large.score,
        "the sample size moves the interval, not the score"
    );
    assert!(small.uncertainty.sampling_sd > large.uncertainty.sampling_sd);
    assert!(small.interval[1] - small.interval[0] > large.interval[1] - large.interval[0]);

    let full = run(sample(), Value::Null);
    let mut partial = sample();
    partial.as_object_mut().unwrap().remove("marketResearch");
    partial.as_object_mut().unwrap().remove("unitEconomics");
    let partial = run(partial, Value::Null);
    assert_eq!(full.uncertainty.missing_data_sd, 0.0);
    assert!(partial.uncertainty.missing_data_sd > 0.0);
    assert!(partial.interval[1] - partial.interval[0] > full.interval[1] - full.interval[0]);
    assert!(partial
        .missing
        .iter()
        .any(|m| m.metric == "targetMarketSize"));
}

#[test]
fn verdict_bands() {
    let one = |r: f64| {
        run(
            json!({ "usageMetrics": { "retentionRate": r } }),
            Value::Null,
        )
    };
    assert_eq!(
        one(0.8).verdict,
        Verdict::NotEnoughData,
        "one metric is not enough"
    );
    let with = |retention: f64, nps: f64| {
        run(
            json!({
                "usageMetrics": { "retentionRate": retention, "dailyActiveUsers": 500, "weeklyActiveUsers": 800, "monthlyActiveUsers": 1000 },
                "adoptionData": { "adoptionRate": 0.8, "totalUsers": 2000, "timeToAdoption": 0.2, "featureAdoptionRates": { "a": 0.7 } },
                "surveyData": { "npsScore": nps, "feedbackVolume": 800, "csatShare": 0.9, "seanEllis": { "veryDisappointed": 400, "somewhatDisappointed": 300, "notDisappointed": 100 } },
                "marketResearch": { "targetMarketSize": 5e9, "growthRate": 0.2 },
                "competitiveData": { "marketPosition": 2, "competitiveAdvantage": 8, "differentiationScore": 8, "winRate": 0.4 }
            }),
            Value::Null,
        )
    };
    let strong = with(0.95, 90.0);
    assert!(
        strong.score >= 80.0 && strong.verdict == Verdict::Strong,
        "{}",
        strong.verdict_reason
    );
    let weak = with(0.2, -40.0);
    assert!(
        weak.score < 80.0 && weak.verdict != Verdict::Strong,
        "{}",
        weak.verdict_reason
    );
    assert!(strong.verdict_reason.contains("strong (>= 80)"));
}

#[test]
fn warnings_name_their_field() {
    let r = run(
        json!({
            "usageMetrics": { "dailyActiveUsers": 500, "weeklyActiveUsers": 400, "monthlyActiveUsers": 300, "retentionRate": 0.5, "retentionRate_": 1 },
            "adoptionData": { "totalUsers": 100, "powerUsers": 80, "casualUsers": 40 },
            "surveyData": { "npsScore": 0.45, "feedbackVolume": 12 },
            "marketResearch": { "customerSegmentation": { "a": 0.5, "b": 0.2 }, "targetMarketSize": 1e10, "marketPenetration": 0.2 },
            "competitiveData": { "marketPosition": 9, "competitorCount": 3, "competitiveBenchmarks": { "winRate": 0.3, "retention": 0.5 } },
            "surveyDta": {}
        }),
        Value::Null,
    );
    let codes: Vec<(&str, &str)> = r
        .warnings
        .iter()
        .map(|w| (w.code.as_str(), w.path.as_str()))
        .collect();
    for expected in [
        ("dau_above_wau", "usageMetrics.dailyActiveUsers"),
        ("wau_above_mau", "usageMetrics.weeklyActiveUsers"),
        ("user_groups_exceed_total", "adoptionData.powerUsers"),
        ("small_survey", "surveyData.feedbackVolume"),
        ("nps_looks_like_fraction", "surveyData.npsScore"),
        ("segment_shares_sum", "marketResearch.customerSegmentation"),
        (
            "market_share_inconsistent",
            "marketResearch.marketPenetration",
        ),
        (
            "position_beyond_competitors",
            "competitiveData.marketPosition",
        ),
        ("unknown_field", "usageMetrics.retentionRate_"),
        ("unknown_field", "surveyDta"),
        (
            "unknown_field",
            "competitiveData.competitiveBenchmarks.retention",
        ),
        (
            "benchmark_without_own_value",
            "competitiveData.competitiveBenchmarks.winRate",
        ),
    ] {
        assert!(
            codes.contains(&expected),
            "missing {expected:?} in {codes:?}"
        );
    }
    let messages: Vec<&str> = r.warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("did you mean surveyData?")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("did you mean retentionRate?")),
        "{messages:?}"
    );
}

#[test]
fn trends_are_reported_not_scored() {
    let mut a = sample();
    a["marketResearch"]["marketTrends"] = json!(["<script>alert(1)</script>", "AI everywhere"]);
    let mut b = sample();
    b["marketResearch"]["marketTrends"] = json!([]);
    let (ra, rb) = (run(a, Value::Null), run(b, Value::Null));
    assert_eq!(ra.score, rb.score);
    assert_eq!(
        ra.market_trends,
        vec!["<script>alert(1)</script>", "AI everywhere"]
    );
}

#[test]
fn recommendation_gains_are_what_rescoring_gives() {
    let product = json!({
        "usageMetrics": { "retentionRate": 0.5, "dailyActiveUsers": 120, "weeklyActiveUsers": 500, "monthlyActiveUsers": 1000 },
        "surveyData": { "npsScore": 20, "feedbackVolume": 300 }
    });
    let r = run(product.clone(), Value::Null);
    let retention = r
        .recommendations
        .iter()
        .find(|x| x.metric == "retentionRate")
        .expect("retention recommendation");
    assert_eq!(retention.target, 0.6);
    assert_eq!(retention.target_band, "good");
    let mut moved = product;
    moved["usageMetrics"]["retentionRate"] = json!(0.6);
    let after = run(moved, Value::Null);
    assert!((after.score - r.score - retention.gain).abs() < 1e-9);
    assert!(r.recommendations.windows(2).all(|w| w[0].gain >= w[1].gain));
    assert!(
        retention
            .message
            .contains("Raise Retention from 0.5 to 0.6"),
        "{}",
        retention.message
    );
}

#[test]
fn options_override_weights_and_benchmarks() {
    let product = json!({ "usageMetrics": { "retentionRate": 0.7 }, "surveyData": { "npsScore": 10, "feedbackVolume": 400 } });
    let only_usage = run(product.clone(), json!({ "weights": { "survey": 0 } }));
    assert!((only_usage.score - 70.0).abs() < 1e-9);
    let stricter = run(
        product.clone(),
        json!({ "benchmarks": { "retentionRate": { "good": 0.7 } } }),
    );
    assert!((stricter.dimensions.usage.score.unwrap() - 60.0).abs() < 1e-9);
    let consumer = run(product, json!({ "preset": "consumer-social" }));
    assert!(
        consumer.dimensions.usage.score.unwrap() > 80.0,
        "0.7 is far above the consumer-social great mark (0.45)"
    );
}

#[test]
fn errors_list_every_problem_in_one_message() {
    let err = run_err(
        json!({ "usageMetrics": { "retentionRate": 45 }, "surveyData": { "npsScore": 140, "satisfactionScore": 0 } }),
        json!({ "preset": "enterprise" }),
    );
    assert_eq!(err.problems.len(), 4, "{err}");
    let text = err.to_string();
    assert!(
        text.starts_with("invalid product data and options: 4 problems"),
        "{text}"
    );
    assert!(text.contains("options.preset is \"enterprise\""), "{text}");
    assert!(text.contains("did you mean enterprise-saas?"), "{text}");
    assert!(text.contains("surveyData.satisfactionScore is 0; expected a mean rating between 1 and 5 (the lowest answer on a 1-5 scale is 1)"), "{text}");
}

#[test]
fn portfolio_keeps_going_past_bad_products() {
    let items = vec![
        RawValue::from_json(&sample()),
        RawValue::Null,
        RawValue::from_json(&json!({ "surveyData": { "npsScore": 30 } })),
    ];
    let results = analyze_many(&items, &RawValue::Null).expect("options are fine");
    assert!(results[0].is_ok() && results[1].is_err() && results[2].is_ok());
    assert!(analyze_many(&items, &RawValue::from_json(&json!({ "preset": 3 }))).is_err());
}

#[test]
fn sample_product_scores_below_its_claimed_90() {
    let r = run(sample(), Value::Null);
    assert!(r.score > 60.0 && r.score < 90.0, "{}", r.score);
    assert_eq!(r.verdict, Verdict::Promising);
    assert_eq!(r.coverage, 1.0);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}
