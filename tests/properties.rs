//! Property tests over random products: the score stays in range and inside
//! its interval, contributions add up, improving any metric never lowers the
//! score, more answers never widen the interval, and no input panics.
#![cfg(not(target_arch = "wasm32"))]

use market_validation::{analyze, RawValue};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// An optional field: absent a third of the time.
fn maybe(strategy: impl Strategy<Value = f64> + 'static) -> BoxedStrategy<Option<f64>> {
    prop_oneof![1 => Just(None), 2 => strategy.prop_map(Some)].boxed()
}

fn put(map: &mut Map<String, Value>, key: &str, value: Option<f64>) {
    if let Some(v) = value {
        map.insert(key.into(), json!(v));
    }
}

prop_compose! {
    fn usage()(dau in maybe(0.0..5_000.0), wau in maybe(0.0..10_000.0), mau in maybe(1.0..20_000.0),
               retention in maybe(0.0..=1.0), session in maybe(0.0..120.0)) -> Value {
        let mut m = Map::new();
        put(&mut m, "dailyActiveUsers", dau);
        put(&mut m, "weeklyActiveUsers", wau);
        put(&mut m, "monthlyActiveUsers", mau);
        put(&mut m, "retentionRate", retention);
        put(&mut m, "sessionDuration", session);
        Value::Object(m)
    }
}

prop_compose! {
    fn adoption()(total in maybe(1.0..50_000.0), rate in maybe(0.0..=1.0), ttv in maybe(0.0..60.0),
                  features in prop::collection::vec(0.0..=1.0f64, 0..4)) -> Value {
        let mut m = Map::new();
        put(&mut m, "totalUsers", total);
        put(&mut m, "adoptionRate", rate);
        put(&mut m, "timeToAdoption", ttv);
        if !features.is_empty() {
            let f: Map<String, Value> = features.iter().enumerate().map(|(i, v)| (format!("f{i}"), json!(v))).collect();
            m.insert("featureAdoptionRates".into(), Value::Object(f));
        }
        Value::Object(m)
    }
}

prop_compose! {
    fn survey()(nps in maybe(-100.0..=100.0), sat in maybe(1.0..=5.0), n in maybe(1.0..2_000.0),
                csat in maybe(0.0..=1.0), vd in 0u32..300, sd in 0u32..300, nd in 0u32..300,
                ratings in prop::collection::vec(1.0..=5.0f64, 0..3)) -> Value {
        let mut m = Map::new();
        put(&mut m, "npsScore", nps);
        put(&mut m, "satisfactionScore", sat);
        put(&mut m, "feedbackVolume", n);
        put(&mut m, "csatShare", csat);
        if vd + sd + nd > 0 {
            m.insert("seanEllis".into(), json!({ "veryDisappointed": vd, "somewhatDisappointed": sd, "notDisappointed": nd }));
        }
        if !ratings.is_empty() {
            let f: Map<String, Value> = ratings.iter().enumerate().map(|(i, v)| (format!("f{i}"), json!(v))).collect();
            m.insert("featureRatings".into(), Value::Object(f));
        }
        Value::Object(m)
    }
}

prop_compose! {
    fn market()(size in maybe(1e6..1e12), growth in maybe(-0.5..2.0)) -> Value {
        let mut m = Map::new();
        put(&mut m, "targetMarketSize", size);
        put(&mut m, "growthRate", growth);
        Value::Object(m)
    }
}

prop_compose! {
    fn competitive()(rank in maybe((1u32..15).prop_map(f64::from)), adv in maybe(0.0..=10.0), diff in maybe(0.0..=10.0),
                     win in maybe(0.0..=1.0), their_retention in maybe(0.0..=1.0), their_nps in maybe(-100.0..=100.0)) -> Value {
        let mut m = Map::new();
        put(&mut m, "marketPosition", rank);
        put(&mut m, "competitiveAdvantage", adv);
        put(&mut m, "differentiationScore", diff);
        put(&mut m, "winRate", win);
        let mut b = Map::new();
        put(&mut b, "retentionRate", their_retention);
        put(&mut b, "npsScore", their_nps);
        if !b.is_empty() {
            m.insert("competitiveBenchmarks".into(), Value::Object(b));
        }
        Value::Object(m)
    }
}

prop_compose! {
    fn economics()(arpa in maybe(1.0..5_000.0), margin in maybe(0.05..=1.0), churn in maybe(0.0..0.3), cac in maybe(1.0..20_000.0)) -> Value {
        let mut m = Map::new();
        put(&mut m, "averageRevenuePerAccount", arpa);
        put(&mut m, "grossMargin", margin);
        put(&mut m, "monthlyChurn", churn);
        put(&mut m, "customerAcquisitionCost", cac);
        Value::Object(m)
    }
}

prop_compose! {
    fn product()(u in usage(), a in adoption(), s in survey(), m in market(), c in competitive(), e in economics()) -> Value {
        json!({ "usageMetrics": u, "adoptionData": a, "surveyData": s, "marketResearch": m, "competitiveData": c, "unitEconomics": e })
    }
}

fn preset() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        Just(json!({ "preset": "enterprise-saas" })),
        Just(json!({ "preset": "consumer-subscription" })),
        Just(json!({ "preset": "consumer-social", "confidenceLevel": 0.9 })),
    ]
}

fn score(product: &Value, options: &Value) -> Option<market_validation::ValidationResult> {
    analyze(&RawValue::from_json(product), &RawValue::from_json(options)).ok()
}

/// An improvement of one metric: which field, and in which direction is better.
const IMPROVEMENTS: &[(&str, &str, f64)] = &[
    ("usageMetrics", "retentionRate", 1.0),
    ("usageMetrics", "dailyActiveUsers", 1.0),
    ("adoptionData", "adoptionRate", 1.0),
    ("adoptionData", "timeToAdoption", -1.0),
    ("surveyData", "npsScore", 1.0),
    ("surveyData", "satisfactionScore", 1.0),
    ("surveyData", "csatShare", 1.0),
    ("marketResearch", "targetMarketSize", 1.0),
    ("marketResearch", "growthRate", 1.0),
    ("competitiveData", "marketPosition", -1.0),
    ("competitiveData", "competitiveAdvantage", 1.0),
    ("competitiveData", "differentiationScore", 1.0),
    ("competitiveData", "winRate", 1.0),
    ("unitEconomics", "averageRevenuePerAccount", 1.0),
    ("unitEconomics", "grossMargin", 1.0),
    ("unitEconomics", "monthlyChurn", -1.0),
    ("unitEconomics", "customerAcquisitionCost", -1.0),
];

/// Moves a field in its better direction by `step` (a fraction of its room),
/// staying in range. Returns false when the field is absent.
fn improve(product: &mut Value, group: &str, field: &str, better: f64, step: f64) -> bool {
    let Some(v) = product[group][field].as_f64() else {
        return false;
    };
    let (lo, hi) = match field {
        "retentionRate" | "adoptionRate" | "csatShare" | "winRate" | "grossMargin"
        | "monthlyChurn" => (0.0, 1.0),
        "npsScore" => (-100.0, 100.0),
        "satisfactionScore" => (1.0, 5.0),
        "competitiveAdvantage" | "differentiationScore" => (0.0, 10.0),
        "marketPosition" => (1.0, 1e6),
        "growthRate" => (-1.0, 10.0),
        _ => (0.0, 1e13),
    };
    let moved = if field == "marketPosition" {
        (v - 1.0).max(lo)
    } else if better > 0.0 {
        (v + step * (hi - v).min(v.abs().max(1.0))).min(hi)
    } else {
        (v - step * (v - lo)).max(lo)
    };
    product[group][field] = json!(moved);
    true
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn score_is_in_range_and_inside_its_interval(p in product(), o in preset()) {
        if let Some(r) = score(&p, &o) {
            prop_assert!((0.0..=100.0).contains(&r.score));
            prop_assert!(r.interval[0] <= r.score + 1e-9 && r.score <= r.interval[1] + 1e-9);
            prop_assert!(r.interval[0] >= 0.0 && r.interval[1] <= 100.0);
            let sum: f64 = r.dimensions.iter().map(|d| d.contribution).sum();
            prop_assert!((sum - r.score).abs() < 1e-9);
            let metrics: f64 = r.dimensions.iter().flat_map(|d| &d.metrics).map(|m| m.contribution).sum();
            prop_assert!((metrics - r.score).abs() < 1e-9);
            for m in r.dimensions.iter().flat_map(|d| &d.metrics) {
                prop_assert!(m.sub_score_interval[0] <= m.sub_score && m.sub_score <= m.sub_score_interval[1]);
            }
            prop_assert!(r.recommendations.iter().all(|x| x.gain > 0.0));
        }
    }

    #[test]
    fn improving_any_metric_never_lowers_the_score(p in product(), o in preset(), which in 0..IMPROVEMENTS.len(), step in 0.01..1.0f64) {
        let (group, field, better) = IMPROVEMENTS[which];
        let mut improved = p.clone();
        prop_assume!(improve(&mut improved, group, field, better, step));
        if let (Some(before), Some(after)) = (score(&p, &o), score(&improved, &o)) {
            prop_assert!(after.score >= before.score - 1e-9,
                "{group}.{field}: {} -> {} lowered the score {} -> {}", p[group][field], improved[group][field], before.score, after.score);
        }
    }

    #[test]
    fn a_lower_competitor_figure_never_lowers_our_score(p in product(), o in preset(), cut in 0.0..1.0f64) {
        let Some(theirs) = p["competitiveData"]["competitiveBenchmarks"]["retentionRate"].as_f64() else { return Ok(()) };
        let mut weaker = p.clone();
        weaker["competitiveData"]["competitiveBenchmarks"]["retentionRate"] = json!(theirs * cut);
        if let (Some(before), Some(after)) = (score(&p, &o), score(&weaker, &o)) {
            prop_assert!(after.score >= before.score - 1e-9);
        }
    }

    #[test]
    fn more_answers_never_widen_the_interval(p in product(), extra in 1.0..5_000.0f64) {
        let Some(n) = p["surveyData"]["feedbackVolume"].as_f64() else { return Ok(()) };
        let mut larger = p.clone();
        larger["surveyData"]["feedbackVolume"] = json!(n + extra);
        if let (Some(small), Some(large)) = (score(&p, &Value::Null), score(&larger, &Value::Null)) {
            prop_assert_eq!(small.score, large.score);
            prop_assert!(large.uncertainty.sampling_sd <= small.uncertainty.sampling_sd + 1e-12);
        }
    }

    #[test]
    fn the_same_input_gives_the_same_output(p in product(), o in preset()) {
        let a = score(&p, &o).map(|r| serde_json::to_string(&r).ok());
        let b = score(&p, &o).map(|r| serde_json::to_string(&r).ok());
        prop_assert_eq!(a, b);
    }
}

/// Arbitrary JSON-like values, including NaN and wrong types everywhere.
fn arbitrary_raw() -> impl Strategy<Value = RawValue> {
    let leaf = prop_oneof![
        Just(RawValue::Null),
        Just(RawValue::Undefined),
        any::<bool>().prop_map(RawValue::Bool),
        any::<f64>().prop_map(RawValue::Number),
        prop_oneof![
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(-1.0),
            Just(45.0),
            Just(0.5)
        ]
        .prop_map(RawValue::Number),
        "[a-z]{0,6}".prop_map(RawValue::String),
        Just(RawValue::Unsupported("a function".into())),
        Just(RawValue::TooDeep),
        Just(RawValue::TooLarge {
            kind: "object",
            len: 5_000
        }),
    ];
    let keys = prop_oneof![
        Just("usageMetrics".to_string()),
        Just("surveyData".to_string()),
        Just("retentionRate".to_string()),
        Just("npsScore".to_string()),
        Just("featureUsage".to_string()),
        Just("seanEllis".to_string()),
        Just("competitiveBenchmarks".to_string()),
        Just("marketTrends".to_string()),
        "[a-zA-Z]{1,8}",
    ];
    leaf.prop_recursive(4, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(RawValue::Array),
            prop::collection::vec((keys.clone(), inner), 0..8).prop_map(RawValue::Object),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn no_input_panics(raw in arbitrary_raw(), opts in arbitrary_raw()) {
        let _ = analyze(&raw, &opts);
        let _ = analyze(&raw, &RawValue::Null);
    }
}
