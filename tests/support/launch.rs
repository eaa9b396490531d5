//! Shared by the launch test suites: checking a plan, collecting its
//! errors, the built-in sample and a plan with no problem at all.
#![allow(dead_code)] // each suite uses some of these

use market_validation::launch::{check_launch, sample_plan_json, LaunchReport};
use market_validation::{InputError, RawValue};
use serde_json::{json, Value};

pub fn check(plan: &Value, as_of: Option<&str>) -> LaunchReport {
    let options = as_of.map_or(RawValue::Null, |d| {
        RawValue::from_json(&json!({ "asOf": d }))
    });
    check_launch(&RawValue::from_json(plan), &options).expect("valid plan")
}

pub fn errors(plan: &Value, options: &Value) -> InputError {
    check_launch(&RawValue::from_json(plan), &RawValue::from_json(options))
        .expect_err("invalid input")
}

pub fn sample() -> Value {
    serde_json::from_str(sample_plan_json()).expect("sample is JSON")
}

/// A plan with no problem at all: three channels, an audience, one feature
/// fully messaged, the default timeline.
pub fn sound_plan(launch: &str) -> Value {
    json!({
        "productName": "Acme", "launchDate": launch,
        "newFeatures": ["search"], "targetAudience": ["developers"],
        "marketingChannels": ["blog", "newsletter", "webinar"],
        "featureMessaging": [{ "featureId": "search", "messaging": "Find anything fast.",
                               "positioning": "Search for developers", "keyBenefits": ["Speed"] }],
        "successMetrics": { "revenueImpact": 50000 }
    })
}

pub fn codes(report: &LaunchReport) -> Vec<&str> {
    report
        .recommendations
        .iter()
        .map(|r| r.code.as_str())
        .collect()
}

pub fn dates(report: &LaunchReport) -> Vec<(&str, &str)> {
    report
        .timeline
        .iter()
        .map(|m| (m.name.as_str(), m.date.as_str()))
        .collect()
}
