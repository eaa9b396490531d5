//! Event exports laid out as their tools write them (tests/fixtures/events/,
//! built by make_fixtures.py, which also computes the expected figures
//! independently of the library): the server's clock over the device's,
//! a complete id over a sparse user_id, the person over pre-login ids,
//! microsecond timestamps, and a row out of range reported by its line.
#![cfg(all(feature = "events", not(target_arch = "wasm32")))]

use market_validation::events::{analyze_events_csv, EventsConfig, EventsCsvAnalysis};
use market_validation::read_export::{read_export, ExportOptions};
use market_validation::RawValue;
use proptest::prelude::*;
use serde_json::Value;

#[path = "support/fixtures.rs"]
mod fixtures;

fn fixture(name: &str) -> Vec<u8> {
    fixtures::fixture("events", name)
}

fn expected(which: &str) -> Value {
    fixtures::expected("events", which)
}

fn analyse(bytes: &[u8], options: &str) -> EventsCsvAnalysis {
    let config = EventsConfig::from_raw(&RawValue::from_json_str(options).unwrap()).unwrap();
    analyze_events_csv(bytes, &config).unwrap_or_else(|e| panic!("{e}"))
}

fn assert_figures(r: &EventsCsvAnalysis, e: &Value) {
    let a = &r.analysis;
    assert_eq!(
        (a.events, a.users, a.first_date.as_str(), a.as_of.as_str()),
        (
            e["events"].as_u64().unwrap(),
            e["users"].as_u64().unwrap(),
            e["firstDate"].as_str().unwrap(),
            e["asOf"].as_str().unwrap()
        )
    );
}

#[test]
fn ga4_microseconds_and_a_row_out_of_range() {
    let e = expected("ga4");
    let r = analyse(&fixture("ga4-flattened.csv"), "{}");
    assert_figures(&r, &e);
    assert_eq!(
        (
            r.read.user_column.header.as_str(),
            r.read.time_column.header.as_str()
        ),
        ("user_pseudo_id", "event_timestamp")
    );
    assert_eq!(r.read.time_format, "epoch-microseconds");
    assert!(
        r.read
            .warnings
            .iter()
            .any(|w| w.code == "time_unit" && w.message.contains("microseconds")),
        "{:?}",
        r.read.warnings
    );
    // The corrupted row is skipped and named by its line; the call does not fail.
    assert_eq!(r.read.skipped.count, 1);
    assert_eq!(r.read.skipped.first[0].line, e["badLine"].as_u64());
    assert!(r.read.skipped.first[0].reason.contains("1970 to 2099"));
    // Its date column alone: YYYYMMDD dates, not seconds.
    let r = analyse(
        &fixture("ga4-flattened.csv"),
        r#"{"columns": {"time": "event_date"}}"#,
    );
    assert_eq!(r.read.time_format, "yyyymmdd");
    assert_eq!(r.analysis.first_date, e["firstDate"].as_str().unwrap());
    // Named, the unit is not guessed.
    let r = analyse(
        &fixture("ga4-flattened.csv"),
        r#"{"timeUnit": "microseconds"}"#,
    );
    assert!(r.read.warnings.iter().all(|w| w.code != "time_unit"));
}

#[test]
fn segment_links_anonymous_ids_to_the_known_ids_seen_with_them() {
    let e = expected("segment");
    let r = analyse(&fixture("segment-tracks.csv"), "{}");
    assert_figures(&r, &e);
    assert_eq!(r.read.time_column.header, "timestamp");
    assert_eq!(r.read.user_column.header, "anonymous_id");
    let id = &r.read.identity;
    assert_eq!(
        (id.method.as_str(), id.known_column.as_deref()),
        ("linked", Some("user_id"))
    );
    assert_eq!(
        (id.ids, id.users, id.ids_merged, id.conflicts),
        (
            e["anonymousIds"].as_u64().unwrap(),
            e["users"].as_u64().unwrap(),
            e["idsMerged"].as_u64().unwrap(),
            e["conflicts"].as_u64().unwrap()
        )
    );
    assert!(r
        .read
        .warnings
        .iter()
        .all(|w| w.code != "user_column_sparse"));

    // As they are: every anonymous id a user, and the sparse user_id said.
    let r = analyse(&fixture("segment-tracks.csv"), r#"{"identity": "as-is"}"#);
    assert_eq!(r.analysis.users, e["anonymousIds"].as_u64().unwrap());
    assert_eq!(r.read.identity.method, "as-is");
    assert_eq!(r.read.user_column.runner_up.as_deref(), Some("user_id"));
    let warning = r
        .read
        .warnings
        .iter()
        .find(|w| w.code == "user_column_sparse")
        .expect("a sparse user_id is said");
    let empty = e["userIdEmptyPercentFirst200"].as_u64().unwrap();
    assert!(
        warning.message.contains(&format!(
            "\"user_id\" is empty in {empty}% of the rows sampled"
        )),
        "{}",
        warning.message
    );

    // A server-side call carries user_id alone: it is that user's event, not dropped.
    let mut text = String::from_utf8(fixture("segment-tracks.csv")).unwrap();
    text.push_str(",,user-3,Invoice Paid,,,,2026-10-20T10:00:00.000Z,analytics-node\n");
    let more = analyse(text.as_bytes(), "{}");
    assert_eq!(more.analysis.events, e["events"].as_u64().unwrap() + 1);
    assert_eq!(more.analysis.users, e["users"].as_u64().unwrap());
    assert_eq!(more.read.skipped.count, 0);

    // An alias joins two people: one fewer user.
    let r = analyse(
        &fixture("segment-tracks.csv"),
        r#"{"aliases": [{"from": "user-3", "to": "user-4"}]}"#,
    );
    assert_eq!(r.analysis.users, e["users"].as_u64().unwrap() - 1);
    assert_eq!(r.read.identity.aliases, 1);
}

#[test]
#[cfg(feature = "readers")]
fn mixpanel_links_device_ids_to_user_ids() {
    let e = expected("mixpanel");
    let r = analyse(&fixture("mixpanel-export.jsonl"), "{}");
    assert_figures(&r, &e);
    assert_eq!(
        (
            r.read.user_column.header.as_str(),
            r.read.time_column.header.as_str()
        ),
        ("properties.distinct_id", "properties.time")
    );
    assert_eq!(r.read.time_format, "epoch-seconds");
    assert_eq!(
        (
            r.read.identity.method.as_str(),
            r.read.identity.known_column.as_deref()
        ),
        ("linked", Some("properties.$user_id"))
    );
    assert_eq!(r.read.identity.ids, e["distinctIds"].as_u64().unwrap());
    assert_eq!(
        r.read.identity.anonymous_column.as_deref(),
        Some("properties.$device_id")
    );
    let r = analyse(
        &fixture("mixpanel-export.jsonl"),
        r#"{"identity": "as-is"}"#,
    );
    assert_eq!(r.analysis.users, e["distinctIds"].as_u64().unwrap());
}

#[test]
#[cfg(feature = "readers")]
fn ga4_nested_json_lines_with_its_event_params() {
    let e = expected("ga4Nested");
    let bytes = fixture("ga4-export.jsonl");
    let r = analyse(&bytes, "{}");
    assert_figures(&r, &e);
    assert_eq!(
        (
            r.read.user_column.header.as_str(),
            r.read.time_column.header.as_str(),
            r.read.time_format.as_str()
        ),
        ("user_pseudo_id", "event_timestamp", "epoch-microseconds")
    );
    // event_params' records are columns: the session id is there to be read.
    let info = read_export(&bytes, &ExportOptions::default()).unwrap();
    assert_eq!(info.source, market_validation::import::ExportSource::Ga4);
    assert!(info
        .columns
        .iter()
        .any(|c| c.header == "event_params.ga_session_id"));
    // ... and sessions are read from it: one per user and id.
    assert_eq!(
        r.read.session_column.as_ref().unwrap().header,
        "event_params.ga_session_id"
    );
    let sessions = r.analysis.sessions.as_ref().unwrap();
    assert_eq!(sessions.defined_by, "column");
    assert_eq!(sessions.count, e["sessions"].as_u64().unwrap());
}

#[test]
fn options_that_read_event_names_need_an_event_column() {
    let config = EventsConfig::from_raw(
        &RawValue::from_json_str(r#"{"activationEvent": "project_created"}"#).unwrap(),
    )
    .unwrap();
    let csv = "user_id,timestamp\nu1,2026-11-02T09:00:00Z\n";
    let text = analyze_events_csv(csv.as_bytes(), &config)
        .unwrap_err()
        .to_string();
    assert!(text.contains("options.columns.event"), "{text}");
}

#[test]
fn amplitude_sessions_activation_and_features() {
    let e = expected("amplitudeSessions");
    let r = analyse(
        &fixture("amplitude-sessions.csv"),
        r#"{"activationEvent": "project_created", "activationWindowDays": 7}"#,
    );
    assert_figures(&r, &e);
    assert_eq!(
        (
            r.read.event_column.as_ref().unwrap().header.as_str(),
            r.read.session_column.as_ref().unwrap().header.as_str()
        ),
        ("event_type", "session_id")
    );
    let a = &r.analysis;
    for (name, users) in e["featureUsers"].as_object().unwrap() {
        let f = a.features.iter().find(|f| &f.name == name).unwrap();
        assert_eq!(f.users, users.as_u64().unwrap(), "{name}");
    }
    assert_eq!(
        a.features.len(),
        e["featureUsers"].as_object().unwrap().len()
    );
    let (ea, activation) = (&e["activation"], a.activation.as_ref().unwrap());
    assert_eq!(
        (activation.eligible, activation.activated),
        (
            ea["eligible"].as_u64().unwrap(),
            ea["activated"].as_u64().unwrap()
        )
    );
    assert_eq!(
        activation.time_to_activation.median_days,
        ea["medianDays"].as_f64()
    );
    assert_eq!(a.adoption_data.time_to_adoption, ea["medianDays"].as_f64());
    // Sessions by Amplitude's session_id; -1 is no session.
    let (es, sessions) = (&e["sessions"], a.sessions.as_ref().unwrap());
    assert_eq!(sessions.count, es["count"].as_u64().unwrap());
    assert_eq!(
        sessions.events_without_session,
        es["eventsWithoutSession"].as_u64().unwrap()
    );
    for (ours, theirs) in [
        (sessions.mean_minutes, &es["meanMinutes"]),
        (sessions.median_minutes, &es["medianMinutes"]),
    ] {
        assert!(
            (ours - theirs.as_f64().unwrap()).abs() < 1e-9,
            "{ours} vs {theirs}"
        );
    }
    assert_eq!(
        a.usage_metrics.session_duration,
        Some(sessions.mean_minutes)
    );
}

#[test]
fn heap_all_events() {
    let e = expected("heap");
    let r = analyse(&fixture("heap-all-events.csv"), "{}");
    assert_figures(&r, &e);
    assert_eq!(
        (
            r.read.user_column.header.as_str(),
            r.read.user_column.detected_by.as_str(),
            r.read.time_column.header.as_str()
        ),
        ("user_id", "source", "time")
    );
    assert_eq!(r.read.session_column.as_ref().unwrap().header, "session_id");
}

#[test]
fn amplitude_reads_event_time_and_its_own_id() {
    let e = expected("amplitude");
    let r = analyse(&fixture("amplitude-events.csv"), "{}");
    assert_figures(&r, &e);
    assert_eq!(
        (
            r.read.user_column.header.as_str(),
            r.read.user_column.detected_by.as_str()
        ),
        ("amplitude_id", "source")
    );
    assert_eq!(r.read.time_column.header, "event_time");
    let info = read_export(&fixture("amplitude-events.csv"), &ExportOptions::default()).unwrap();
    let time = info
        .columns
        .iter()
        .find(|c| c.role.as_deref() == Some("time"))
        .unwrap();
    assert_eq!(time.header, "event_time");
}

#[test]
fn posthog_counts_people_not_distinct_ids() {
    let e = expected("posthog");
    let r = analyse(&fixture("posthog-events.csv"), "{}");
    assert_figures(&r, &e);
    assert_eq!(r.read.user_column.header, "person_id");
    assert_eq!(r.read.user_column.runner_up.as_deref(), Some("distinct_id"));
    // Its own bookkeeping events are not activity: counted by name, never a user.
    assert_eq!(r.read.event_column.as_ref().unwrap().header, "event");
    let ignored: std::collections::BTreeMap<String, u64> =
        serde_json::from_value(e["ignored"].clone()).unwrap();
    assert_eq!(r.analysis.ignored_events.as_ref().unwrap().by_name, ignored);
    assert_eq!(
        r.analysis.ignored_events.as_ref().unwrap().count,
        ignored.values().sum::<u64>()
    );
    // Counted as events when asked.
    let all = analyse(&fixture("posthog-events.csv"), r#"{"ignoreEvents": []}"#);
    assert_eq!(
        all.analysis.events,
        e["events"].as_u64().unwrap() + r.analysis.ignored_events.as_ref().unwrap().count
    );
    // Named, distinct_id counts every pre-login id apart.
    let r = analyse(
        &fixture("posthog-events.csv"),
        r#"{"columns": {"user": "distinct_id"}}"#,
    );
    assert_eq!(r.analysis.users, e["distinctIds"].as_u64().unwrap());
}

#[test]
fn the_new_options_are_checked_all_at_once() {
    let raw = r#"{"timeUnit": "micros", "identity": "merge", "aliases": [{"from": "a"}, {"from": "b", "to": 1.5}, 3], "ignoreEvents": ["$set", 3]}"#;
    let err = EventsConfig::from_raw(&RawValue::from_json_str(raw).unwrap())
        .unwrap_err()
        .to_string();
    for path in [
        "options.timeUnit",
        "options.identity",
        "options.aliases[0].to",
        "options.aliases[1].to",
        "options.aliases[2]",
        "options.ignoreEvents[1]",
    ] {
        assert!(err.contains(path), "{path}: {err}");
    }
    assert!(err.contains("microseconds"), "{err}");
}

/// A CSV's columns in another order, with unrelated columns added.
fn reshaped(bytes: &[u8], order: &[usize], extra: usize) -> Vec<u8> {
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    let mut out = String::new();
    for (n, line) in text.lines().enumerate() {
        let cells: Vec<&str> = line.split(',').collect();
        let mut row: Vec<String> = order.iter().map(|&i| cells[i].to_string()).collect();
        for k in 0..extra {
            row.push(if n == 0 {
                format!("extra_{k}")
            } else {
                format!("x{k}")
            });
        }
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out.into_bytes()
}

/// The file's data rows in another order (the header first).
fn rows_reordered(bytes: &[u8], seed: u64) -> Vec<u8> {
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let header = lines.remove(0);
    // A fixed permutation from the seed (an LCG): no randomness source needed.
    let mut state = seed | 1;
    for i in (1..lines.len()).rev() {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        lines.swap(i, (state >> 33) as usize % (i + 1));
    }
    let mut out = format!("{header}\n");
    for l in lines {
        out.push_str(l);
        out.push('\n');
    }
    out.into_bytes()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    // Linking gives the same users in any row order.
    #[test]
    fn linking_does_not_depend_on_row_order(seed in any::<u64>()) {
        let base = fixture("segment-tracks.csv");
        let want = analyse(&base, "{}");
        let got = analyse(&rows_reordered(&base, seed), "{}");
        prop_assert_eq!(got.analysis.users, want.analysis.users);
        prop_assert_eq!(&got.read.identity, &want.read.identity);
        prop_assert_eq!(&got.analysis.daily, &want.analysis.daily);
    }

    // Shuffled columns and unrelated ones added change nothing.
    #[test]
    fn column_order_and_extra_columns_change_nothing(
        order in Just((0..9usize).collect::<Vec<_>>()).prop_shuffle(),
        extra in 0..3usize,
    ) {
        let base = fixture("segment-tracks.csv");
        let want = analyse(&base, "{}");
        let got = analyse(&reshaped(&base, &order, extra), "{}");
        prop_assert_eq!(&got.analysis, &want.analysis);
        prop_assert_eq!(&got.read.identity, &want.read.identity);
        prop_assert_eq!(&got.read.user_column.header, &want.read.user_column.header);
        prop_assert_eq!(&got.read.time_column.header, &want.read.time_column.header);
    }
}
