//! Integration tests of `analyze`: hand-computed scores, the interval, the
//! verdict, warnings, recommendations and errors.
#![cfg(not(target_arch = "wasm32"))]

use market_validation::analyzer::result::{ValidationResult, Verdict};
use market_validation::{analyze, analyze_many, RawValue};
use serde_json::{json, Value};

#[path = "support/scoring.rs"]
mod scoring;
use scoring::{run, run_err, sample};

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

/// Two dimensions, each with one metric at a chosen sub-score: retention
/// (b2b-saas: 0.6 -> 60, 0.8 -> 80, linear from 0) and NPS (10 -> 40, 75 -> 80).
fn two_dimensions(retention: f64, nps: f64) -> ValidationResult {
    run(
        json!({
            "usageMetrics": { "retentionRate": retention, "monthlyActiveUsers": 1e7 },
            "surveyData": { "npsScore": nps, "feedbackVolume": 1e7 }
        }),
        Value::Null,
    )
}

#[test]
fn verdict_bands_and_their_thresholds() {
    // The NPS curve's three segments: -100 -> 0, 10 -> 40, 75 -> 80, 100 -> 100.
    let nps_for = |sub: f64| {
        if sub <= 40.0 {
            -100.0 + sub * 110.0 / 40.0
        } else if sub <= 80.0 {
            10.0 + (sub - 40.0) * 65.0 / 40.0
        } else {
            75.0 + (sub - 80.0) * 25.0 / 20.0
        }
    };
    for (sub, verdict) in [
        (80.5, Verdict::Strong),
        (79.5, Verdict::Promising),
        (60.5, Verdict::Promising),
        (59.5, Verdict::Weak),
        (40.5, Verdict::Weak),
        (39.5, Verdict::NotValidated),
    ] {
        let r = two_dimensions(sub / 100.0, nps_for(sub));
        assert!((r.score - sub).abs() < 1e-6, "{} for {sub}", r.score);
        assert_eq!(r.verdict, verdict, "{sub}: {}", r.verdict_reason);
    }
    let strong = two_dimensions(0.805, nps_for(80.5));
    assert!(
        strong.verdict_reason.contains("strong (>= 80)"),
        "{}",
        strong.verdict_reason
    );
}

#[test]
fn one_dimension_is_never_enough_for_a_verdict() {
    let usage_only = json!({ "usageMetrics": { "retentionRate": 0.9, "dailyActiveUsers": 600, "weeklyActiveUsers": 900, "monthlyActiveUsers": 1000 },
                             "adoptionData": { "totalUsers": 100000 } });
    for preset in ["b2b-saas", "consumer-social"] {
        let r = run(usage_only.clone(), json!({ "preset": preset }));
        assert_eq!(
            r.verdict,
            Verdict::NotEnoughData,
            "{preset}: {}",
            r.verdict_reason
        );
        assert!(
            r.verdict_reason.contains("only 1 of 5 dimensions"),
            "{}",
            r.verdict_reason
        );
    }
}

#[test]
fn unit_economics_edges_are_limits_not_gaps() {
    let econ = |arpa: f64, margin: f64, churn: f64, cac: f64| {
        run(
            json!({ "unitEconomics": { "averageRevenuePerAccount": arpa, "grossMargin": margin, "monthlyChurn": churn, "customerAcquisitionCost": cac },
                    "marketResearch": { "targetMarketSize": 1e9 } }),
            Value::Null,
        )
    };
    let metric = |r: &ValidationResult, id: &str| {
        r.dimensions
            .market
            .metrics
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.value)
    };
    // No profit: LTV 0, payback never (the cap), whatever the churn.
    let no_profit = econ(100.0, 0.0, 0.0, 1000.0);
    assert_eq!(metric(&no_profit, "ltvToCac"), Some(0.0));
    assert_eq!(metric(&no_profit, "cacPaybackMonths"), Some(120.0));
    // A free customer: unbounded LTV:CAC, paid back at once.
    let free = econ(100.0, 0.8, 0.05, 0.0);
    assert_eq!(metric(&free, "ltvToCac"), Some(100.0));
    assert_eq!(metric(&free, "cacPaybackMonths"), Some(0.0));
    // Monotone across the edges.
    assert!(econ(100.0, 0.8, 0.05, 0.0).score >= econ(100.0, 0.8, 0.05, 1e-9).score);
    assert!(econ(100.0, 0.01, 0.05, 1000.0).score >= econ(100.0, 0.0, 0.05, 1000.0).score);
    assert!(econ(1.0, 0.8, 0.05, 1000.0).score >= econ(0.0, 0.8, 0.05, 1000.0).score);
}

#[test]
fn extreme_values_keep_a_wide_interval_on_small_samples() {
    let nps = run(
        json!({ "surveyData": { "npsScore": 100, "feedbackVolume": 5 } }),
        Value::Null,
    );
    let m = &nps.dimensions.survey.metrics[0];
    let [lo, hi] = m.value_interval.expect("an interval");
    assert!(hi == 100.0 && lo < 80.0, "[{lo}, {hi}]");
    let rating = run(
        json!({ "surveyData": { "satisfactionScore": 5, "feedbackVolume": 2 } }),
        Value::Null,
    );
    let [lo, _] = rating.dimensions.survey.metrics[0]
        .value_interval
        .expect("an interval");
    assert!(lo < 0.6, "a mean of 5 from 2 answers proves little: {lo}");
}

#[test]
fn unknown_samples_are_assumed_small_and_said_so() {
    let r = run(
        json!({ "usageMetrics": { "retentionRate": 0.5 }, "adoptionData": { "adoptionRate": 0.4 } }),
        Value::Null,
    );
    assert!(
        r.uncertainty.sampling_sd > 1.0,
        "{}",
        r.uncertainty.sampling_sd
    );
    assert!(
        r.warnings.iter().any(|w| w.code == "user_count_unknown"),
        "{:?}",
        r.warnings
    );
    let known = run(
        json!({ "usageMetrics": { "retentionRate": 0.5 }, "adoptionData": { "adoptionRate": 0.4, "totalUsers": 100000 } }),
        Value::Null,
    );
    assert!(known.uncertainty.sampling_sd < r.uncertainty.sampling_sd);
}

#[test]
fn values_that_cannot_be_used_together_are_problems() {
    let err = run_err(
        json!({ "surveyData": { "npsScore": 30, "feedbackVolume": 0 } }),
        Value::Null,
    );
    assert!(
        err.to_string().contains(
            "surveyData.feedbackVolume is 0; expected at least 1 when survey scores are given"
        ),
        "{err}"
    );
    let err = run_err(
        json!({ "surveyData": { "npsResponses": { "promoters": 50, "passives": 10 } } }),
        Value::Null,
    );
    assert!(err.to_string().contains("surveyData.npsResponses"), "{err}");
    assert!(
        err.to_string().contains("promoters and detractors"),
        "{err}"
    );
}

#[test]
fn messages_state_the_whole_range_and_the_right_limit() {
    let err = run_err(
        json!({ "usageMetrics": { "dailyActiveUsers": 1e30 }, "competitiveData": { "marketPosition": 2e6 } }),
        Value::Null,
    );
    let text = err.to_string();
    assert!(
        text.contains(
            "usageMetrics.dailyActiveUsers is 1e+30; expected a count between 0 and 1e15"
        ),
        "{text}"
    );
    assert!(
        text.contains("rank from 1 (the leader) to 1000000"),
        "{text}"
    );
    let long = "x".repeat(20_000);
    let err = run_err(
        json!({ "marketResearch": { "marketTrends": [long] } }),
        Value::Null,
    );
    assert!(err.to_string().contains("marketResearch.marketTrends[0] is a string of 20000 characters; expected at most 10000 characters"), "{err}");
    let key = "k".repeat(5_000);
    let r = run(
        json!({ "surveyData": { "npsScore": 30 }, "usageMetrics": { "retentionRate": 0.5 }, key: 1 }),
        Value::Null,
    );
    let warning = r
        .warnings
        .iter()
        .find(|w| w.code == "unknown_field")
        .expect("unknown key warned");
    assert!(
        warning.message.len() < 400,
        "the key is cut, not echoed whole: {} bytes",
        warning.message.len()
    );
}

#[test]
fn only_head_to_head_has_comparisons() {
    let r = run(sample(), Value::Null);
    for m in r.dimensions.iter().flat_map(|d| &d.metrics) {
        assert_eq!(m.comparisons.is_some(), m.id == "headToHead", "{}", m.id);
    }
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

#[test]
fn the_score_never_exceeds_100_and_stays_inside_its_interval() {
    // Every dimension at 100 with weights 0.1, 0.1, 0.1, 0.1, 0.3: in floating point the
    // shares w / 0.7 times 100 add to 100.00000000000001 (checked in Python with the same
    // order of operations); the score is clamped, and its interval still contains it.
    let product = json!({
        "usageMetrics": { "retentionRate": 1.0 },
        "adoptionData": { "adoptionRate": 1.0, "totalUsers": 100000 },
        "surveyData": { "npsScore": 100, "feedbackVolume": 5000 },
        "marketResearch": { "growthRate": 10.0 },
        "competitiveData": { "marketPosition": 1 }
    });
    let weights = json!({ "weights": { "usage": 0.1, "adoption": 0.1, "survey": 0.1, "market": 0.1, "competitive": 0.3 } });
    let r = run(product, weights);
    for d in [
        &r.dimensions.usage,
        &r.dimensions.adoption,
        &r.dimensions.survey,
        &r.dimensions.market,
        &r.dimensions.competitive,
    ] {
        assert_eq!(d.score, Some(100.0), "{:?}", d.summary);
    }
    assert_eq!(r.score, 100.0);
    assert!(
        r.interval[0] <= r.score && r.score <= r.interval[1],
        "{:?} {}",
        r.interval,
        r.score
    );
}

/// The JSON path gives `analyze`'s result as JSON text; text that is not
/// JSON is a problem at `input` (or `options`) naming where it breaks.
#[test]
fn analyze_json_is_analyze_as_text() {
    let text = market_validation::sample_product_json();
    let product = RawValue::from_json_str(text).unwrap();
    let expected = serde_json::to_string(&analyze(&product, &RawValue::Null).unwrap()).unwrap();
    assert_eq!(
        market_validation::analyze_json(text, None).unwrap(),
        expected
    );
    let options = r#"{"preset": "consumer-social"}"#;
    let with = analyze(&product, &RawValue::from_json_str(options).unwrap()).unwrap();
    assert_eq!(
        market_validation::analyze_json(text, Some(options)).unwrap(),
        serde_json::to_string(&with).unwrap()
    );
    let err = market_validation::analyze_json("{\"usageMetrics\": ", None).unwrap_err();
    assert_eq!(err.problems[0].path, "input");
    assert!(
        err.problems[0].value.contains("line 1"),
        "{}",
        err.problems[0].value
    );
    let err = market_validation::analyze_json(text, Some("{preset: 1}")).unwrap_err();
    assert_eq!(err.problems[0].path, "options");
    // Bad data is reported as analyze reports it.
    let err = market_validation::analyze_json(r#"{"usageMetrics": {"retentionRate": 45}}"#, None)
        .unwrap_err();
    assert_eq!(err.problems[0].path, "usageMetrics.retentionRate");
}
