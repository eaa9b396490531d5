//! Launch messaging: placeholder and templated text (the `placeholder_*`
//! reasons). The original launch coordinator's own mock messaging must need
//! review; real copy, numbers and all, must not. Every expected reason and
//! message is written by hand from the rules in docs/methodology.md
//! ("Placeholder text"). The other messaging checks: tests/launch.rs.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/launch.rs"]
mod launch_support;

use launch_support::{check, sample, sound_plan};
use market_validation::launch::{
    LaunchMessagingCheck, LaunchMessagingStatus, LaunchReport, SAMPLE_AS_OF,
};
use proptest::prelude::*;
use serde_json::{json, Value};

const AS_OF: &str = "2027-01-01";

fn codes(m: &LaunchMessagingCheck) -> Vec<&str> {
    m.reasons.iter().map(|r| r.code.as_str()).collect()
}

/// The sound plan with these features and messaging entries.
fn plan_with(features: Value, messaging: Value) -> Value {
    let mut plan = sound_plan("2027-06-30");
    plan["newFeatures"] = features;
    plan["featureMessaging"] = messaging;
    plan
}

/// One feature, `search`, with this messaging, positioning and benefits.
fn one(messaging: &str, positioning: &str, benefits: &[&str]) -> LaunchReport {
    let plan = plan_with(
        json!(["search"]),
        json!([{ "featureId": "search", "messaging": messaging, "positioning": positioning,
                 "keyBenefits": benefits }]),
    );
    check(&plan, Some(AS_OF))
}

/// The original coordinator's mock product API: for each feature id X,
/// messaging "Feature X messaging", positioning "Positioning for X", key
/// benefits "Benefit 1 for X" and "Benefit 2 for X".
fn original_mock() -> Value {
    let ids = ["feature_1", "feature_2", "feature_3"];
    let messaging: Vec<Value> = ids
        .iter()
        .map(|x| {
            json!({ "featureId": x, "messaging": format!("Feature {x} messaging"),
                    "positioning": format!("Positioning for {x}"),
                    "keyBenefits": [format!("Benefit 1 for {x}"), format!("Benefit 2 for {x}")] })
        })
        .collect();
    plan_with(json!(ids), json!(messaging))
}

#[test]
fn the_original_mock_messaging_needs_review() {
    let r = check(&original_mock(), Some(AS_OF));
    assert_eq!(r.messaging.len(), 3);
    let others = [
        "feature_2, feature_3",
        "feature_1, feature_3",
        "feature_1, feature_2",
    ];
    for (i, m) in r.messaging.iter().enumerate() {
        let x = format!("feature_{}", i + 1);
        assert_eq!(m.status, LaunchMessagingStatus::NeedsReview, "{x}");
        // Not copies ("1" vs "2" differ) nor similar ({feature, 1, messaging} and
        // {feature, 2, messaging} share 2 of 4 words: 50% < 80%): only placeholders.
        assert_eq!(
            codes(m),
            [
                "placeholder_messaging",
                "placeholder_positioning",
                "placeholder_key_benefit",
                "placeholder_key_benefit"
            ],
            "{x}"
        );
        let o = others[i];
        // "Feature <id> messaging": "feature" and "messaging" are generic words (rule 1), and
        // the other two features' messaging is the same but for the id.
        assert_eq!(
            m.reasons[0].message,
            format!(
                "{x}'s messaging \"Feature {x} messaging\" looks like a placeholder: it is nothing but \
                 the feature's id and generic words, and it is the same text as the messaging of {o} \
                 with only the feature id changed"
            )
        );
        assert_eq!(
            m.reasons[0].path.as_deref(),
            Some(format!("featureMessaging[{i}].messaging").as_str())
        );
        assert_eq!(
            m.reasons[1].message,
            format!(
                "{x}'s positioning \"Positioning for {x}\" looks like a placeholder: it is nothing but \
                 the feature's id and generic words, and it is the same text as the positioning of \
                 {o} with only the feature id changed"
            )
        );
        // "Benefit 1 for <id>": a numbered noun and a number (rule 2); "1" is no generic word,
        // so not bare; and templated across the three features (rule 1).
        for n in [1, 2] {
            let reason = &m.reasons[1 + n];
            assert_eq!(
                reason.message,
                format!(
                    "{x}'s key benefit \"Benefit {n} for {x}\" looks like a placeholder: it reads as \
                     a numbered placeholder, and it is the same text as a key benefit of {o} with \
                     only the feature id changed"
                )
            );
            assert_eq!(
                reason.path.as_deref(),
                Some(format!("featureMessaging[{i}].keyBenefits[{}]", n - 1).as_str())
            );
        }
    }
    // Each feature needs review: a finding each, and half credit in the messaging score.
    let needs_review = r
        .recommendations
        .iter()
        .filter(|x| x.code == "messaging_needs_review")
        .count();
    assert_eq!(needs_review, 3);
    assert!((r.score.components[2].value - 0.5).abs() < 1e-12);
}

#[test]
fn a_lone_feature_with_templated_text_is_still_flagged() {
    // No other feature to compare with: rule 1's "id and generic words" and rule 2 remain.
    let plan = plan_with(
        json!(["feature_1"]),
        json!([{ "featureId": "feature_1", "messaging": "Feature feature_1 messaging",
                 "positioning": "Positioning for feature_1", "keyBenefits": ["Benefit 1 for feature_1"] }]),
    );
    let r = check(&plan, Some(AS_OF));
    let m = &r.messaging[0];
    assert_eq!(m.status, LaunchMessagingStatus::NeedsReview);
    assert_eq!(
        codes(m),
        [
            "placeholder_messaging",
            "placeholder_positioning",
            "placeholder_key_benefit"
        ]
    );
    assert_eq!(
        m.reasons[0].message,
        "feature_1's messaging \"Feature feature_1 messaging\" looks like a placeholder: it is \
         nothing but the feature's id and generic words"
    );
    assert_eq!(
        m.reasons[2].message,
        "feature_1's key benefit \"Benefit 1 for feature_1\" looks like a placeholder: it reads as a \
         numbered placeholder"
    );
    // The id in another case is the same id.
    let r = one("Messaging for SEARCH", "Search for developers", &["Speed"]);
    assert_eq!(codes(&r.messaging[0]), ["placeholder_messaging"]);
}

#[test]
fn a_text_that_is_only_the_feature_name_is_flagged() {
    let plan = plan_with(
        json!([{ "id": "sso", "name": "Single sign-on" }]),
        json!([{ "featureId": "sso", "messaging": "Single sign-on",
                 "positioning": "Key benefit of SSO", "keyBenefits": ["One login for every tool"] }]),
    );
    let m = &check(&plan, Some(AS_OF)).messaging[0];
    assert_eq!(
        codes(m),
        ["placeholder_messaging", "placeholder_positioning"]
    );
    assert_eq!(
        m.reasons[0].message,
        "sso's messaging \"Single sign-on\" looks like a placeholder: it is only the feature's name"
    );
    assert!(
        m.reasons[1]
            .message
            .ends_with("it is nothing but the feature's id and generic words"),
        "{}",
        m.reasons[1].message
    );
}

#[test]
fn templated_by_display_name() {
    let plan = plan_with(
        json!([{ "id": "v1", "name": "Vector search" }, { "id": "h1", "name": "Hybrid queries" }]),
        json!([
            { "featureId": "v1", "messaging": "Vector search: answers in milliseconds, at any scale.",
              "positioning": "Built for AI teams", "keyBenefits": ["No tuning"] },
            { "featureId": "h1", "messaging": "Hybrid Queries - answers in milliseconds at any scale",
              "positioning": "Built for AI teams", "keyBenefits": ["One query language"] }
        ]),
    );
    let r = check(&plan, Some(AS_OF));
    // The messaging differs only in the feature's name (punctuation and case aside); the
    // positioning is shared but names no feature, so it is no template (and the copy check
    // looks at messaging only).
    for (m, other) in r.messaging.iter().zip(["h1", "v1"]) {
        assert_eq!(m.status, LaunchMessagingStatus::NeedsReview);
        assert_eq!(codes(m), ["placeholder_messaging"]);
        assert!(
            m.reasons[0].message.ends_with(&format!(
                "looks like a placeholder: it is the same text as the messaging of {other} with \
                 only the feature name changed"
            )),
            "{}",
            m.reasons[0].message
        );
    }
}

#[test]
fn templates_name_at_most_five_other_features() {
    let ids: Vec<String> = (1..=7).map(|i| format!("f{i}")).collect();
    let messaging: Vec<Value> = ids
        .iter()
        .enumerate()
        .map(|(i, x)| {
            json!({ "featureId": x, "messaging": format!("Meet {x}, the fastest way to ship"),
                    "positioning": format!("Positioning number {i}"), "keyBenefits": [format!("Perk {i}")] })
        })
        .collect();
    let r = check(&plan_with(json!(ids), json!(messaging)), Some(AS_OF));
    // "Meet <id>, the fastest way to ship" for all seven: each the same as six others.
    // The positioning and benefits differ by a number, not by the id: not templated;
    // "positioning" is a numbered noun but "number 0" is not "positioning 0" and "number" is
    // no generic word; "perk" is no numbered noun.
    let m = &r.messaging[0];
    assert_eq!(codes(m), ["placeholder_messaging"]);
    assert_eq!(
        m.reasons[0].message,
        "f1's messaging \"Meet f1, the fastest way to ship\" looks like a placeholder: it is the same \
         text as the messaging of f2, f3, f4, f5, f6, 1 more with only the feature id changed"
    );
    assert!(r
        .messaging
        .iter()
        .all(|m| m.status == LaunchMessagingStatus::NeedsReview));
}

#[test]
fn every_marker_is_flagged() {
    // (messaging, the clause naming what it contains)
    let cases = [
        ("TODO: write the pitch", "it contains TODO"),
        ("todo: write the pitch", "it contains TODO"),
        ("Todo", "it contains TODO"),
        ("Answers in milliseconds (TODO)", "it contains TODO"),
        ("Answers in milliseconds, tbd", "it contains TBD"),
        ("Available in every region: TBA", "it contains TBA"),
        ("FixMe: better words", "it contains FIXME"),
        ("XXX times faster than before", "it contains XXX"),
        ("Lorem ipsum dolor sit amet", "it contains \"lorem ipsum\""),
        (
            "Placeholder until marketing writes it",
            "it contains the word \"placeholder\"",
        ),
        (
            "Find [Insert benefit] in seconds",
            "it contains the template slot \"[Insert benefit]\"",
        ),
        (
            "Meet <product name>, the fastest way to ship",
            "it contains the template slot \"<product name>\"",
        ),
        (
            "{{feature_name}} makes everything faster",
            "it contains the template slot \"{{feature_name}}\"",
        ),
        ("Coming soon!", "it says only \"coming soon\""),
        (
            "TBD - see [insert link]",
            "it contains TBD, the template slot \"[insert link]\"",
        ),
    ];
    for (text, clause) in cases {
        let r = one(text, "Search for developers", &["Speed"]);
        let m = &r.messaging[0];
        assert_eq!(m.status, LaunchMessagingStatus::NeedsReview, "{text}");
        assert_eq!(codes(m), ["placeholder_messaging"], "{text}");
        let expected = format!(
            "search's messaging {} looks like a placeholder: {clause}",
            serde_json::to_string(text).unwrap()
        );
        assert_eq!(m.reasons[0].message, expected);
    }
    // In the positioning and a key benefit too, each with its own code and path.
    let r = one("Find anything fast.", "TBD", &["Speed", "lorem ipsum"]);
    let m = &r.messaging[0];
    assert_eq!(
        codes(m),
        ["placeholder_positioning", "placeholder_key_benefit"]
    );
    assert_eq!(
        m.reasons[0].path.as_deref(),
        Some("featureMessaging[0].positioning")
    );
    assert_eq!(
        m.reasons[1].path.as_deref(),
        Some("featureMessaging[0].keyBenefits[1]")
    );
}

#[test]
fn every_numbered_form_is_flagged() {
    let cases = [
        "Benefit 1",
        "Benefit 2 for search",
        "Feature 3",
        "Message 1",
        "Item 2",
        "Key benefit #4",
        "Feature 1 of 3",
        "Messaging 2 goes here",
    ];
    for text in cases {
        let r = one(text, "Search for developers", &["Speed"]);
        let m = &r.messaging[0];
        assert_eq!(m.status, LaunchMessagingStatus::NeedsReview, "{text}");
        assert_eq!(codes(m), ["placeholder_messaging"], "{text}");
        assert_eq!(
            m.reasons[0].message,
            format!(
                "search's messaging {} looks like a placeholder: it reads as a numbered placeholder",
                serde_json::to_string(text).unwrap()
            )
        );
    }
    let r = one(
        "Find anything fast.",
        "Positioning 1",
        &["Item 1", "Speed", "Item 2"],
    );
    let m = &r.messaging[0];
    assert_eq!(
        codes(m),
        [
            "placeholder_positioning",
            "placeholder_key_benefit",
            "placeholder_key_benefit"
        ]
    );
    let paths: Vec<Option<&str>> = m.reasons.iter().map(|x| x.path.as_deref()).collect();
    assert_eq!(
        paths,
        [
            Some("featureMessaging[0].positioning"),
            Some("featureMessaging[0].keyBenefits[0]"),
            Some("featureMessaging[0].keyBenefits[2]")
        ]
    );
}

#[test]
fn at_most_five_benefit_reasons_then_a_count() {
    let benefits = [
        "TBD 1",
        "TBD 2",
        "TBD 3",
        "Real speed",
        "TBD 4",
        "TBD 5",
        "TBD 6",
        "TBD 7",
    ];
    let r = one("Find anything fast.", "Search for developers", &benefits);
    let m = &r.messaging[0];
    // Seven placeholders among eight benefits: five named, two counted.
    assert_eq!(m.reasons.len(), 6);
    assert!(m
        .reasons
        .iter()
        .all(|x| x.code == "placeholder_key_benefit"));
    assert_eq!(
        m.reasons[4].path.as_deref(),
        Some("featureMessaging[0].keyBenefits[5]")
    );
    assert_eq!(
        m.reasons[5].message,
        "search has 2 more key benefits that look like placeholders"
    );
    assert_eq!(
        m.reasons[5].path.as_deref(),
        Some("featureMessaging[0].keyBenefits")
    );
}

#[test]
fn placeholders_keep_the_reason_order_and_the_worse_status() {
    // A copy is misaligned whatever else is found; the placeholder reasons come last.
    let plan = plan_with(
        json!(["a1", "b1"]),
        json!([
            { "featureId": "a1", "messaging": "TODO", "positioning": "For teams", "keyBenefits": ["Speed"] },
            { "featureId": "b1", "messaging": "todo", "keyBenefits": [] }
        ]),
    );
    let r = check(&plan, Some(AS_OF));
    assert_eq!(r.messaging[0].status, LaunchMessagingStatus::Misaligned);
    assert_eq!(
        codes(&r.messaging[0]),
        ["copied_messaging", "placeholder_messaging"]
    );
    assert_eq!(r.messaging[1].status, LaunchMessagingStatus::Misaligned);
    assert_eq!(
        codes(&r.messaging[1]),
        [
            "copied_messaging",
            "missing_positioning",
            "missing_key_benefits",
            "placeholder_messaging"
        ]
    );
}

#[test]
fn the_sample_plan_stays_aligned() {
    let r = check(&sample(), Some(SAMPLE_AS_OF));
    assert_eq!(r.messaging.len(), 3);
    for m in &r.messaging {
        assert_eq!(m.status, LaunchMessagingStatus::Aligned, "{}", m.feature_id);
        assert!(m.reasons.is_empty(), "{:?}", m.reasons);
    }
}

#[test]
fn real_copy_with_numbers_is_not_flagged() {
    let messaging = [
        "3x faster queries",
        "Top 10 integrations",
        "Version 2 of the API",
        "Save 5 hours a week on reporting",
        "99.9% uptime, 24/7 support",
        "Step 1: connect your warehouse. Step 2: ask questions.",
        "Feature flags for 200+ teams",
        "2 features in 1 plan",
        "Shared todo lists for every team",
        "Latency < 10 ms at p99, <3 our users",
        "<b>Fast</b> search for everyone",
        "Search is here",
        "One search for all your data",
        "Coming soon to every plan: search in 40 languages",
        "Insert rows 10x faster [beta]",
    ];
    for text in messaging {
        let r = one(
            text,
            "The #1 search for developers",
            &["2 clicks to deploy", "Over 100 connectors", "GPT-4 support"],
        );
        let m = &r.messaging[0];
        assert_eq!(
            m.status,
            LaunchMessagingStatus::Aligned,
            "{text}: {:?}",
            m.reasons
        );
    }
    // A feature named in real copy: "is" and "with" make a sentence of the name.
    let plan = plan_with(
        json!([{ "id": "dark", "name": "Dark mode" }]),
        json!([{ "featureId": "dark", "messaging": "Dark mode is here",
                 "positioning": "Dark mode with your own colours", "keyBenefits": ["Easier on the eyes at night"] }]),
    );
    let m = &check(&plan, Some(AS_OF)).messaging[0];
    assert_eq!(m.status, LaunchMessagingStatus::Aligned, "{:?}", m.reasons);
}

#[test]
fn shared_text_without_the_id_is_not_a_template() {
    // The same benefit for two features, naming neither: not "only the id changed".
    let plan = plan_with(
        json!(["alpha", "beta"]),
        json!([
            { "featureId": "alpha", "messaging": "Alpha answers questions in milliseconds",
              "positioning": "Built for data teams", "keyBenefits": ["No tuning"] },
            { "featureId": "beta", "messaging": "Beta keeps every dashboard current",
              "positioning": "Built for data teams", "keyBenefits": ["No tuning"] }
        ]),
    );
    let r = check(&plan, Some(AS_OF));
    assert!(r
        .messaging
        .iter()
        .all(|m| m.status == LaunchMessagingStatus::Aligned));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Any texts and ids: no panic, the same report twice, and every placeholder reason needs
    /// review at most.
    #[test]
    fn any_text_is_checked_without_panic(
        ids in prop::collection::vec("[a-zA-Z_ 0-9<>{}\\[\\]]{1,12}", 1..4),
        texts in prop::collection::vec("\\PC{0,40}", 3..12),
    ) {
        let mut ids = ids;
        ids.sort_by_key(|s| s.trim().to_lowercase());
        ids.dedup_by_key(|s| s.trim().to_lowercase());
        ids.retain(|s| !s.trim().is_empty());
        let text = |k: usize| texts[k % texts.len()].clone();
        let messaging: Vec<Value> = ids.iter().enumerate().map(|(i, id)| json!({
            "featureId": id.trim(), "messaging": format!("{} {}", text(i), id),
            "positioning": format!("{} {}", id, text(i + 1)), "keyBenefits": [format!("x{}", text(i + 2))]
        })).collect();
        let plan = plan_with(json!(ids.iter().map(|s| s.trim()).collect::<Vec<_>>()), json!(messaging));
        let a = check(&plan, Some(AS_OF));
        let b = check(&plan, Some(AS_OF));
        prop_assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
        for m in &a.messaging {
            if m.reasons.iter().all(|r| r.code.starts_with("placeholder_")) && !m.reasons.is_empty() {
                prop_assert_eq!(m.status, LaunchMessagingStatus::NeedsReview);
            }
        }
    }
}
