//! Property tests over random products: the score stays in range and inside
//! its interval, contributions add up, improving any metric never lowers the
//! score, more answers never widen the interval, and no input panics.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/arbitrary.rs"]
mod arbitrary;

use market_validation::{analyze, RawValue};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// An optional field: absent a third of the time.
fn maybe(strategy: impl Strategy<Value = f64> + 'static) -> BoxedStrategy<Option<f64>> {
    prop_oneof![1 => Just(None), 2 => strategy.prop_map(Some)].boxed()
}

/// A value in lo..=hi that is often exactly an edge: where limits and
/// special cases live.
fn edgy(lo: f64, hi: f64) -> BoxedStrategy<f64> {
    prop_oneof![1 => Just(lo), 1 => Just(hi), 4 => lo..=hi].boxed()
}

fn put(map: &mut Map<String, Value>, key: &str, value: Option<f64>) {
    if let Some(v) = value {
        map.insert(key.into(), json!(v));
    }
}

prop_compose! {
    fn usage()(dau in maybe(edgy(0.0, 5_000.0)), wau in maybe(edgy(0.0, 10_000.0)), mau in maybe(edgy(0.0, 20_000.0)),
               retention in maybe(edgy(0.0, 1.0)), session in maybe(0.0..120.0)) -> Value {
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
    fn adoption()(total in maybe(edgy(0.0, 50_000.0)), rate in maybe(edgy(0.0, 1.0)), ttv in maybe(edgy(0.0, 60.0)),
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
    fn survey()(nps in maybe(edgy(-100.0, 100.0)), sat in maybe(edgy(1.0, 5.0)), n in maybe(edgy(1.0, 2_000.0)),
                csat in maybe(edgy(0.0, 1.0)), vd in 0u32..300, sd in 0u32..300, nd in 0u32..300,
                ratings in prop::collection::vec(1.0..=5.0f64, 0..3),
                counts in prop::option::of((0u32..200, 0u32..200, 0u32..200)),
                sus in maybe(edgy(0.0, 100.0)), sus_n in maybe((1u32..300).prop_map(f64::from))) -> Value {
        let mut m = Map::new();
        put(&mut m, "npsScore", nps);
        put(&mut m, "satisfactionScore", sat);
        put(&mut m, "feedbackVolume", n);
        put(&mut m, "csatShare", csat);
        put(&mut m, "susScore", sus);
        put(&mut m, "susResponses", sus_n);
        if vd + sd + nd > 0 {
            m.insert("seanEllis".into(), json!({ "veryDisappointed": vd, "somewhatDisappointed": sd, "notDisappointed": nd }));
        }
        if !ratings.is_empty() {
            let f: Map<String, Value> = ratings.iter().enumerate().map(|(i, v)| (format!("f{i}"), json!(v))).collect();
            m.insert("featureRatings".into(), Value::Object(f));
        }
        if let Some((p, a, d)) = counts.filter(|(p, a, d)| p + a + d > 0) {
            m.insert("npsResponses".into(), json!({ "promoters": p, "passives": a, "detractors": d }));
        }
        Value::Object(m)
    }
}

prop_compose! {
    fn market()(size in maybe(edgy(0.0, 1e12)), growth in maybe(edgy(-1.0, 2.0))) -> Value {
        let mut m = Map::new();
        put(&mut m, "targetMarketSize", size);
        put(&mut m, "growthRate", growth);
        Value::Object(m)
    }
}

prop_compose! {
    fn competitive()(rank in maybe((1u32..15).prop_map(f64::from)), adv in maybe(edgy(0.0, 10.0)), diff in maybe(edgy(0.0, 10.0)),
                     win in maybe(edgy(0.0, 1.0)), their_retention in maybe(edgy(0.0, 1.0)), their_nps in maybe(edgy(-100.0, 100.0)),
                     their_stickiness in maybe(edgy(0.0, 1.0)), their_payback in maybe(edgy(0.0, 120.0))) -> Value {
        let mut m = Map::new();
        put(&mut m, "marketPosition", rank);
        put(&mut m, "competitiveAdvantage", adv);
        put(&mut m, "differentiationScore", diff);
        put(&mut m, "winRate", win);
        let mut b = Map::new();
        put(&mut b, "retentionRate", their_retention);
        put(&mut b, "npsScore", their_nps);
        put(&mut b, "dauMauRatio", their_stickiness);
        put(&mut b, "cacPaybackMonths", their_payback);
        if !b.is_empty() {
            m.insert("competitiveBenchmarks".into(), Value::Object(b));
        }
        Value::Object(m)
    }
}

prop_compose! {
    fn economics()(arpa in maybe(edgy(0.0, 5_000.0)), margin in maybe(edgy(0.0, 1.0)), churn in maybe(edgy(0.0, 1.0)), cac in maybe(edgy(0.0, 20_000.0))) -> Value {
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

/// Scores a generated product. Every generated product is valid, so the only
/// acceptable error is having nothing to score; any other is a failure (and
/// the properties cannot pass by every call failing).
fn score(
    product: &Value,
    options: &Value,
) -> Result<Option<market_validation::ValidationResult>, TestCaseError> {
    match analyze(&RawValue::from_json(product), &RawValue::from_json(options)) {
        Ok(r) => Ok(Some(r)),
        Err(e)
            if e.problems
                .iter()
                .all(|p| p.value == "data with no scorable field") =>
        {
            Ok(None)
        }
        Err(e) => Err(TestCaseError::fail(format!(
            "a valid product was rejected: {e}\n{product}"
        ))),
    }
}

/// An improvement of one metric: the field's path, and which direction is better.
const IMPROVEMENTS: &[(&[&str], f64)] = &[
    (&["usageMetrics", "retentionRate"], 1.0),
    (&["usageMetrics", "dailyActiveUsers"], 1.0),
    (&["adoptionData", "adoptionRate"], 1.0),
    (&["adoptionData", "timeToAdoption"], -1.0),
    (&["surveyData", "npsScore"], 1.0),
    (&["surveyData", "satisfactionScore"], 1.0),
    (&["surveyData", "csatShare"], 1.0),
    (&["surveyData", "npsResponses", "promoters"], 1.0),
    (&["surveyData", "npsResponses", "detractors"], -1.0),
    (&["surveyData", "seanEllis", "veryDisappointed"], 1.0),
    (&["surveyData", "susScore"], 1.0),
    (&["marketResearch", "targetMarketSize"], 1.0),
    (&["marketResearch", "growthRate"], 1.0),
    (&["competitiveData", "marketPosition"], -1.0),
    (&["competitiveData", "competitiveAdvantage"], 1.0),
    (&["competitiveData", "differentiationScore"], 1.0),
    (&["competitiveData", "winRate"], 1.0),
    (&["unitEconomics", "averageRevenuePerAccount"], 1.0),
    (&["unitEconomics", "grossMargin"], 1.0),
    (&["unitEconomics", "monthlyChurn"], -1.0),
    (&["unitEconomics", "customerAcquisitionCost"], -1.0),
];

/// Moves a field in its better direction by `step` (a fraction of its room;
/// 1 lands on the bound), staying in range. Returns false when it is absent.
fn improve(product: &mut Value, path: &[&str], better: f64, step: f64) -> bool {
    let field = path[path.len() - 1];
    // Daily users can rise only up to the weekly and monthly counts: beyond them the
    // counts contradict each other, which is no improvement (and is scored as missing).
    let daily_cap = ["weeklyActiveUsers", "monthlyActiveUsers"]
        .iter()
        .filter_map(|k| product["usageMetrics"][*k].as_f64())
        .fold(1e13, f64::min);
    let mut node = &mut *product;
    for key in path {
        node = &mut node[*key];
    }
    let Some(v) = node.as_f64() else { return false };
    let (lo, hi) = match field {
        "retentionRate" | "adoptionRate" | "csatShare" | "winRate" | "grossMargin"
        | "monthlyChurn" => (0.0, 1.0),
        "npsScore" => (-100.0, 100.0),
        "satisfactionScore" => (1.0, 5.0),
        "competitiveAdvantage" | "differentiationScore" => (0.0, 10.0),
        "susScore" => (0.0, 100.0),
        "marketPosition" => (1.0, 1e6),
        "growthRate" => (-1.0, 10.0),
        "dailyActiveUsers" => (0.0, daily_cap),
        "timeToAdoption" => (0.0, 3650.0),
        _ => (0.0, 1e13),
    };
    if v > hi {
        return false; // already contradicting the other counts: no better value exists
    }
    let moved = if field == "marketPosition" {
        (v - 1.0).max(lo)
    } else if better > 0.0 {
        (v + step * (hi - v).min(v.abs().max(1.0))).min(hi)
    } else {
        (v - step * (v - lo)).max(lo)
    };
    *node = json!(moved);
    true
}

fn step() -> impl Strategy<Value = f64> {
    prop_oneof![1 => Just(1.0), 3 => 0.01..1.0f64]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn score_is_in_range_and_inside_its_interval(p in product(), o in preset()) {
        if let Some(r) = score(&p, &o)? {
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
    fn improving_any_metric_never_lowers_the_score(p in product(), o in preset(), which in 0..IMPROVEMENTS.len(), step in step()) {
        let (path, better) = IMPROVEMENTS[which];
        let mut improved = p.clone();
        prop_assume!(improve(&mut improved, path, better, step));
        if let (Some(before), Some(after)) = (score(&p, &o)?, score(&improved, &o)?) {
            prop_assert!(after.score >= before.score - 1e-9,
                "{}: lowered the score {} -> {}\nbefore: {p}\nafter: {improved}", path.join("."), before.score, after.score);
        }
    }

    #[test]
    fn a_lower_competitor_figure_never_lowers_our_score(p in product(), o in preset(), cut in 0.0..1.0f64) {
        let Some(theirs) = p["competitiveData"]["competitiveBenchmarks"]["retentionRate"].as_f64() else { return Ok(()) };
        let mut weaker = p.clone();
        weaker["competitiveData"]["competitiveBenchmarks"]["retentionRate"] = json!(theirs * cut);
        if let (Some(before), Some(after)) = (score(&p, &o)?, score(&weaker, &o)?) {
            prop_assert!(after.score >= before.score - 1e-9);
        }
    }

    #[test]
    fn more_answers_never_widen_the_interval(p in product(), extra in 1.0..5_000.0f64) {
        let Some(n) = p["surveyData"]["feedbackVolume"].as_f64() else { return Ok(()) };
        let mut larger = p.clone();
        larger["surveyData"]["feedbackVolume"] = json!(n + extra);
        if let (Some(small), Some(large)) = (score(&p, &Value::Null)?, score(&larger, &Value::Null)?) {
            prop_assert_eq!(small.score, large.score);
            prop_assert!(large.uncertainty.sampling_sd <= small.uncertainty.sampling_sd + 1e-12);
        }
    }

    /// The SUS score is optional: a product without it scores as if the
    /// metric did not exist, and adding it (with its respondents) changes
    /// the survey dimension only. The other dimensions keep their scores,
    /// intervals and metrics; the survey's other metrics keep their values
    /// and sub-scores, their weights scaled by W / (W + 0.15) (W the sum of
    /// their nominal weights); the survey's score becomes
    /// (W * before + 0.15 * SUS's sub-score) / (W + 0.15); no metric becomes
    /// missing, coverage never falls and the missing-data error never grows.
    #[test]
    fn adding_sus_changes_only_the_survey_dimension(p in product(), o in preset(), sus in edgy(0.0, 100.0), n in 1u32..500) {
        let mut without = p.clone();
        if let Some(survey) = without["surveyData"].as_object_mut() {
            survey.remove("susScore");
            survey.remove("susResponses");
        }
        let mut with = without.clone();
        with["surveyData"]["susScore"] = json!(sus);
        with["surveyData"]["susResponses"] = json!(n);
        let after = score(&with, &o)?.expect("a SUS score is scorable");
        let sus_metric = after.dimensions.survey.metrics.iter().find(|m| m.id == "susScore").expect("scored");
        let Some(before) = score(&without, &o)? else {
            prop_assert_eq!(after.dimensions.survey.metrics.len(), 1);
            prop_assert!((after.score - sus_metric.sub_score).abs() < 1e-9);
            return Ok(());
        };
        let survey_was_scored = before.dimensions.survey.score.is_some();
        for (b, a) in before.dimensions.iter().zip(after.dimensions.iter()) {
            if b.dimension.as_str() == "survey" {
                continue;
            }
            if survey_was_scored {
                prop_assert_eq!(b, a);
            } else {
                prop_assert_eq!((b.score, b.interval, &b.summary), (a.score, a.interval, &a.summary));
                for (mb, ma) in b.metrics.iter().zip(&a.metrics) {
                    prop_assert_eq!((mb.id, mb.value, mb.sub_score, mb.weight), (ma.id, ma.value, ma.sub_score, ma.weight));
                }
            }
        }
        let (b, a) = (&before.dimensions.survey, &after.dimensions.survey);
        let w: f64 = b.metrics.iter().map(|m| m.nominal_weight).sum();
        let others: Vec<_> = a.metrics.iter().filter(|m| m.id != "susScore").collect();
        prop_assert_eq!(others.len(), b.metrics.len());
        for (mb, ma) in b.metrics.iter().zip(others) {
            prop_assert_eq!(
                (mb.id, mb.value, mb.value_interval, mb.sub_score, mb.sub_score_interval),
                (ma.id, ma.value, ma.value_interval, ma.sub_score, ma.sub_score_interval)
            );
            prop_assert!((ma.weight - mb.weight * w / (w + 0.15)).abs() < 1e-9);
        }
        let expected = (w * b.score.unwrap_or(0.0) + 0.15 * sus_metric.sub_score) / (w + 0.15);
        prop_assert!((a.score.unwrap() - expected).abs() < 1e-9, "{:?} vs {}", a.score, expected);
        let ids = |r: &market_validation::ValidationResult| r.missing.iter().map(|m| m.metric).collect::<Vec<_>>();
        prop_assert_eq!(ids(&before), ids(&after));
        prop_assert!(after.coverage >= before.coverage - 1e-12);
        prop_assert!(after.uncertainty.missing_data_sd <= before.uncertainty.missing_data_sd + 1e-12);
        let not_sus = |r: &market_validation::ValidationResult| {
            r.warnings.iter().filter(|w| !w.code.starts_with("sus_")).cloned().collect::<Vec<_>>()
        };
        prop_assert_eq!(not_sus(&before), not_sus(&after));
    }

    /// Making active-user counts contradict each other (a smaller count made larger than a
    /// larger one by `factor`) never raises the score above that of the product without the
    /// two contradicting fields: impossible figures are scored as missing, never capped into
    /// a perfect ratio.
    #[test]
    fn contradictions_never_raise_the_score(
        p in product(),
        o in preset(),
        pair in 0..3usize,
        factor in 1.0001..20.0f64,
        base in 1.0..20_000.0f64,
    ) {
        let [small, large] = [
            ["dailyActiveUsers", "monthlyActiveUsers"],
            ["dailyActiveUsers", "weeklyActiveUsers"],
            ["weeklyActiveUsers", "monthlyActiveUsers"],
        ][pair];
        let mut contradicted = p.clone();
        if !contradicted["usageMetrics"].is_object() {
            contradicted["usageMetrics"] = json!({});
        }
        let large_value = contradicted["usageMetrics"][large].as_f64().filter(|v| *v > 0.0).unwrap_or(base);
        contradicted["usageMetrics"][large] = json!(large_value);
        contradicted["usageMetrics"][small] = json!(large_value * factor);
        let mut removed = contradicted.clone();
        if let Some(usage) = removed["usageMetrics"].as_object_mut() {
            usage.remove(small);
            usage.remove(large);
        }
        if let (Some(with), Some(without)) = (score(&contradicted, &o)?, score(&removed, &o)?) {
            prop_assert!(with.score <= without.score + 1e-9, "{} > {}", with.score, without.score);
            let warned = with.warnings.iter().any(|w| w.message.contains("scored as missing"));
            prop_assert!(warned, "the contradiction is named: {:?}", with.warnings);
        }
    }

    #[test]
    fn the_same_input_gives_the_same_output(p in product(), o in preset()) {
        let a = score(&p, &o)?.map(|r| serde_json::to_string(&r).ok());
        let b = score(&p, &o)?.map(|r| serde_json::to_string(&r).ok());
        prop_assert_eq!(a, b);
    }
}

/// Arbitrary product-like values: the data model's field names, wrong types everywhere.
fn arbitrary_raw() -> impl Strategy<Value = RawValue> {
    arbitrary::arbitrary_raw(
        &[
            "usageMetrics",
            "surveyData",
            "retentionRate",
            "npsScore",
            "featureUsage",
            "seanEllis",
            "competitiveBenchmarks",
            "marketTrends",
        ],
        &[f64::NAN, f64::INFINITY, -1.0, 45.0, 0.5],
        &["", "b2b-saas", "high"],
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn no_input_panics(raw in arbitrary_raw(), opts in arbitrary_raw()) {
        let _ = analyze(&raw, &opts);
        let _ = analyze(&raw, &RawValue::Null);
    }
}
