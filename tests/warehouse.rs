//! The warehouse SQL's options and the result tables' reader: what is
//! refused and how it is said, and the analysis from hand-made tables. (The
//! statements are run on DuckDB, ClickHouse and Spark by
//! tests/warehouse/engines.mjs, which compares with analyzeEvents.)
#![cfg(feature = "warehouse")]

use market_validation::warehouse::{analyze_event_aggregates, events_sql, DIALECTS};
use market_validation::RawValue;
use serde_json::{json, Value};

fn sql(
    dialect: &str,
    options: Value,
) -> Result<Vec<(String, String)>, market_validation::InputError> {
    events_sql(
        &RawValue::String(dialect.into()),
        &RawValue::from_json(&options),
    )
    .map(|s| s.statements.into_iter().map(|s| (s.name, s.sql)).collect())
}

fn base() -> Value {
    json!({ "table": "analytics.events", "columns": { "user": "user_id", "time": "event_ts" } })
}

#[test]
fn every_dialect_writes_the_six_statements() {
    for d in DIALECTS {
        let statements = sql(d.as_str(), base()).unwrap();
        let names: Vec<&str> = statements.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "summary",
                "daily",
                "active_days",
                "growth",
                "cohorts",
                "cohort_last"
            ]
        );
    }
    // With event names, the ignored events' count too.
    let mut o = base();
    o["columns"]["event"] = json!("event_name");
    let statements = sql("duckdb", o).unwrap();
    let names: Vec<&str> = statements.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names[6..],
        [
            "sessions",
            "features",
            "feature_days",
            "feature_retention",
            "ignored_events"
        ]
    );
    assert!(statements[0].1.contains("NOT IN ('$identify'"));
}

#[test]
fn names_and_texts_cannot_break_out_of_their_quotes() {
    let o = json!({ "table": ["my-project", "ana\"lytics", "ev`ents"],
        "columns": { "user": "u'; DROP TABLE t; --", "time": "ts", "event": "e" },
        "ignoreEvents": ["it's", "back\\slash"] });
    let duck = sql("duckdb", o.clone()).unwrap();
    assert!(duck[0]
        .1
        .contains("FROM \"my-project\".\"ana\"\"lytics\".\"ev`ents\""));
    assert!(duck[0]
        .1
        .contains("CAST(\"u'; DROP TABLE t; --\" AS VARCHAR)"));
    assert!(duck[0].1.contains("'it''s', 'back\\slash'"));
    let bq = sql("bigquery", o.clone()).unwrap();
    assert!(bq[0].1.contains("`my-project`.`ana\"lytics`.`ev\\`ents`"));
    assert!(bq[0].1.contains("'it\\'s', 'back\\\\slash'"));
    let spark = sql("spark", o).unwrap();
    assert!(spark[0].1.contains("`ev``ents`"));
    // Control characters are refused, not quoted.
    let err = sql(
        "duckdb",
        json!({ "table": "t\n; x", "columns": { "user": "u", "time": "t" } }),
    )
    .unwrap_err();
    assert_eq!(err.problems[0].path, "options.table");
}

#[test]
fn bad_options_are_named_all_at_once() {
    let err = sql(
        "bigqeury",
        json!({ "columns": { "user": "" , "signup": "signed_up" }, "features": { "x": ["y"] },
                "activationEvent": "signup", "startEvent": "signup", "timeUnit": "yyyymmdd", "cohortPeriod": "fortnight" }),
    )
    .unwrap_err();
    let paths: Vec<(&str, Option<&str>)> = err
        .problems
        .iter()
        .map(|p| (p.path.as_str(), p.hint.as_deref()))
        .collect();
    for expected in [
        ("dialect", Some("did you mean bigquery?")),
        ("options.table", None),
        ("options.features", None),
        ("options.activationEvent", None),
        ("options.startEvent", None),
        ("options.cohortPeriod", None),
        ("options.columns.user", None),
        ("options.columns.time", None),
        ("options.columns.signup", None),
    ] {
        assert!(
            paths
                .iter()
                .any(|p| p.0 == expected.0 && (expected.1.is_none() || p.1 == expected.1)),
            "{expected:?} in {paths:?}"
        );
    }
    // Said once, by analyzeEvents' own reader of the columns.
    assert_eq!(
        paths
            .iter()
            .filter(|p| p.0 == "options.columns.user")
            .count(),
        1
    );
    let err = sql(
        "duckdb",
        json!({ "table": "t", "columns": { "user": "u", "time": "d" }, "timeUnit": "yyyymmdd" }),
    )
    .unwrap_err();
    assert_eq!(err.problems[0].path, "options.timeUnit");
    let err = sql(
        "duckdb",
        json!({ "table": "a.b.c.d", "columns": { "user": "u", "time": "d" } }),
    )
    .unwrap_err();
    assert!(err.problems[0].expected.contains("at most 3 parts"));
}

#[test]
fn numeric_time_columns_are_converted_as_the_file_reader_converts_them() {
    let mut o = base();
    o["timeUnit"] = json!("microseconds");
    let s = sql("spark", o).unwrap();
    assert!(
        s[0].1.contains("(CAST(`event_ts` AS DOUBLE) / 1000)"),
        "{}",
        s[0].1
    );
    let mut o = base();
    o["utcOffsetMinutes"] = json!(-300);
    let s = sql("duckdb", o).unwrap();
    assert!(s[0]
        .1
        .contains("CAST(FLOOR(CAST(t + -18000000 AS DOUBLE) / 86400000) AS BIGINT)"));
}

/// Tables made by hand for 3 users over 2026-01-05 (day 20458, a Monday)
/// to 2026-01-07, daily cohorts: user a active on all three days, b on the
/// first and the third, c only on the third.
fn hand_tables() -> Value {
    let d0 = 20458;
    json!({
        "summary": [{ "format": 2, "dialect": "duckdb", "utc_offset_minutes": 0, "cohort_period": "day",
            "week_start": "monday", "window_kind": "calendar", "as_of_option": null, "ignore_events": "", "session_gap_minutes": 30, "session_ids": 0,
            "features": "", "activation_event": null, "activation_window_days": 7,
            "event_names": 0, "first_day": d0, "as_of_day": d0 + 2, "events": 7, "events_after_as_of": 0,
            "users": 3, "table_rows": 8 }],
        "daily": [
            { "day": d0, "active": 2, "new_users": 2, "weekly_active": 2, "monthly_active": 2 },
            { "day": d0 + 1, "active": 1, "new_users": 0, "weekly_active": 2, "monthly_active": 2 },
            { "day": d0 + 2, "active": 3, "new_users": 1, "weekly_active": 3, "monthly_active": 3 }],
        "active_days": [{ "days": 1, "users": 1 }, { "days": 2, "users": 1 }, { "days": 3, "users": 1 }],
        "growth": [
            { "period": d0, "new_users": 2, "retained": 0, "resurrected": 0, "churned": 0 },
            { "period": d0 + 1, "new_users": 0, "retained": 1, "resurrected": 0, "churned": 1 },
            { "period": d0 + 2, "new_users": 1, "retained": 1, "resurrected": 1, "churned": 0 }],
        "cohorts": [
            { "cohort": d0, "period_offset": 0, "users": 2 }, { "cohort": d0, "period_offset": 1, "users": 1 },
            { "cohort": d0, "period_offset": 2, "users": 2 }, { "cohort": d0 + 2, "period_offset": 0, "users": 1 }],
        "cohort_last": [{ "cohort": d0, "mature": null, "last_offset": 2, "users": 2 },
            { "cohort": d0 + 2, "mature": null, "last_offset": 0, "users": 1 }]
    })
}

#[test]
fn hand_made_tables_give_the_analysis() {
    let a =
        analyze_event_aggregates(&RawValue::from_json(&hand_tables()), &RawValue::Null).unwrap();
    assert_eq!((a.users, a.events), (3, 7));
    assert_eq!(a.first_date, "2026-01-05");
    assert_eq!(a.as_of, "2026-01-07");
    let actives: Vec<u64> = a.daily.iter().map(|d| d.active).collect();
    assert_eq!(actives, [2, 1, 3]);
    assert_eq!(a.power_user_curve.users[..3], [1, 1, 1]);
    // The first cohort: 2 users, 1 back the next day (50%), both on the third.
    let row = &a.cohorts.rows[0];
    assert_eq!(row.size, 2);
    let retention: Vec<f64> = row.cells.iter().map(|c| c.retention).collect();
    assert_eq!(retention, [1.0, 0.5, 1.0]);
    assert_eq!(a.growth[2].resurrected, 1);
    // Stickiness: mean DAU 2 over mean MAU 7/3.
    assert!((a.stickiness.dau_mau - 2.0 / (7.0 / 3.0)).abs() < 1e-12);
    // The same tables as CSV text, column names in upper case (as Snowflake gives them).
    let mut csv_tables = hand_tables();
    let daily = "DAY,ACTIVE,NEW_USERS,WEEKLY_ACTIVE,MONTHLY_ACTIVE\n20458,2,2,2,2\n20460,3,1,3,3\n";
    csv_tables["daily"] = json!(daily);
    let b = analyze_event_aggregates(&RawValue::from_json(&csv_tables), &RawValue::Null).unwrap();
    // The day without a row (20459) has no activity and the week's actives of the day before.
    assert_eq!(b.daily[1].active, 0);
    assert_eq!(b.daily[1].weekly_active, 2);
    // Unbounded retention from the users' last periods: both users count on day 1.
    let c = analyze_event_aggregates(
        &RawValue::from_json(&hand_tables()),
        &RawValue::from_json(&json!({ "retention": "on-or-after" })),
    )
    .unwrap();
    assert_eq!(c.cohorts.rows[0].cells[1].active, 2);
}

#[test]
fn tables_that_disagree_or_cannot_be_read_are_errors_naming_the_cell() {
    // Options that disagree with the statements' are refused.
    let err = analyze_event_aggregates(
        &RawValue::from_json(&hand_tables()),
        &RawValue::from_json(&json!({ "cohortPeriod": "week", "utcOffsetMinutes": 60 })),
    )
    .unwrap_err();
    let paths: Vec<&str> = err.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["options.cohortPeriod", "options.utcOffsetMinutes"]);
    assert!(
        err.problems[0].expected.contains("\"day\""),
        "{}",
        err.problems[0].expected
    );
    // A missing table, a day out of range, a count that is not a whole number.
    let mut t = hand_tables();
    t.as_object_mut().unwrap().remove("growth");
    t["daily"][1]["day"] = json!(30000);
    t["cohorts"][0]["users"] = json!("two");
    let err = analyze_event_aggregates(&RawValue::from_json(&t), &RawValue::Null).unwrap_err();
    let paths: Vec<&str> = err.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["tables.growth"]);
    let mut t = hand_tables();
    t["daily"][1]["day"] = json!(30000);
    t["cohorts"][0]["users"] = json!("two");
    t["active_days"][0].as_object_mut().unwrap().remove("days");
    let err = analyze_event_aggregates(&RawValue::from_json(&t), &RawValue::Null).unwrap_err();
    let paths: Vec<&str> = err.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "tables.daily[1].day",
            "tables.active_days[0].days",
            "tables.cohorts[0].users"
        ]
    );
    assert!(err.problems[1].hint.as_deref().unwrap().contains("users"));
    // Tables of another layout version.
    let mut t = hand_tables();
    t["summary"][0]["format"] = json!(1);
    let err = analyze_event_aggregates(&RawValue::from_json(&t), &RawValue::Null).unwrap_err();
    assert_eq!(err.problems[0].path, "tables.summary[0].format");
}

#[test]
fn tables_bigger_than_any_result_are_refused_as_they_are_read() {
    use market_validation::warehouse::{MAX_COLUMNS, MAX_TABLE_CELLS};
    // A cell that is not a value.
    let mut t = hand_tables();
    t["growth"][0]["period"] = json!([20458]);
    let err = analyze_event_aggregates(&RawValue::from_json(&t), &RawValue::Null).unwrap_err();
    assert_eq!(err.problems[0].path, "tables.growth[0].period");
    // A row wider than any statement's result.
    let header: Vec<String> = (0..=MAX_COLUMNS).map(|i| format!("c{i}")).collect();
    let mut t = hand_tables();
    t["daily"] = json!(format!("{}\n", header.join(",")) + &"1,".repeat(MAX_COLUMNS) + "1\n");
    let err = analyze_event_aggregates(&RawValue::from_json(&t), &RawValue::Null).unwrap_err();
    assert_eq!(err.problems[0].path, "tables.daily[0]");
    // More values than the largest result holds: refused at the row that passes the budget.
    let rows = MAX_TABLE_CELLS / 4 + 1;
    // (Made as a RawValue: JSON's reader keeps texts short, the bindings read a table's text whole.)
    let RawValue::Object(mut entries) = RawValue::from_json(&hand_tables()) else {
        unreachable!()
    };
    for (name, value) in entries.iter_mut() {
        if name == "cohorts" {
            let text = format!("cohort,period_offset,users,x\n{}", "1,2,3,4\n".repeat(rows));
            *value = RawValue::String(text);
        }
    }
    let err = analyze_event_aggregates(&RawValue::Object(entries), &RawValue::Null).unwrap_err();
    assert_eq!(err.problems[0].path, "tables.cohorts");
    assert!(
        err.problems[0].expected.contains("4000000 values"),
        "{}",
        err.problems[0].expected
    );
}

#[test]
fn sessions_come_from_their_histogram_of_minutes() {
    let mut t = hand_tables();
    t["summary"][0]["event_names"] = json!(1);
    t["summary"][0]["ignore_events"] = json!("$identify");
    add_usage_tables(&mut t);
    // Four sessions: two of 0 minutes, one of 10.5 (10 in whole minutes), one of 33 hours.
    t["sessions"] = json!([
        { "minutes": 0, "sessions": 2, "total_ms": 0, "longer_than_a_day": 0 },
        { "minutes": 2000, "sessions": 1, "total_ms": 120_000_000, "longer_than_a_day": 1 },
        { "minutes": 10, "sessions": 1, "total_ms": 630_000, "longer_than_a_day": 0 }
    ]);
    let a = analyze_event_aggregates(&RawValue::from_json(&t), &RawValue::Null).unwrap();
    let s = a.sessions.as_ref().expect("sessions");
    assert_eq!((s.count, s.longer_than_a_day), (4, 1));
    // The median of 0, 0, 10, 2000 minutes; the mean from the exact total.
    assert_eq!(s.median_minutes, 5.0);
    assert_eq!(s.mean_minutes, (630_000.0 + 120_000_000.0) / 4.0 / 60_000.0);
    assert_eq!(a.usage_metrics.session_duration, Some(s.mean_minutes));
    // 4 sessions over 2 + 1 + 3 active user-days.
    assert_eq!(s.per_active_user_day, 4.0 / 6.0);
    assert!(a.warnings.iter().any(|w| w.code == "long_sessions"));
    assert_eq!(a.ignored_events.as_ref().unwrap().count, 0);
    // With event names, the sessions table is needed.
    t.as_object_mut().unwrap().remove("sessions");
    let err = analyze_event_aggregates(&RawValue::from_json(&t), &RawValue::Null).unwrap_err();
    assert_eq!(err.problems[0].path, "tables.sessions");
}

#[test]
fn a_table_of_wrong_cells_lists_the_first_hundred_and_counts_the_rest() {
    let mut t = hand_tables();
    let rows: Vec<Value> = (0..500)
        .map(|_| json!({ "day": "x", "active": 1, "new_users": 1, "weekly_active": 1, "monthly_active": 1 }))
        .collect();
    t["daily"] = json!(rows);
    let err = analyze_event_aggregates(&RawValue::from_json(&t), &RawValue::Null).unwrap_err();
    assert_eq!(err.problems.len(), 101);
    assert_eq!(err.problems[0].path, "tables.daily[0].day");
    assert_eq!(err.problems[100].value, "400 more cells like those above");
}

/// The usage tables for the hand-made tables' users, computed by hand from
/// the statements' definitions for the events of [`hand_events`]: a starts
/// on day 0 at 10:00 (followed 62 h: 2 whole days), b on day 0 at 12:00
/// (60 h: 2 days), c on day 2 at 08:00 (16 h: 0 days).
fn add_usage_tables(t: &mut Value) {
    // Within 1 day of the start, among those followed a day: a and b;
    // search by both at once, export by a at exactly 24 h.
    t["features"] = json!([
        { "kind": "event", "name": "export", "users": 2, "recent_users": 2, "within_window": 1 },
        { "kind": "event", "name": "search", "users": 3, "recent_users": 3, "within_window": 2 },
        { "kind": "feature", "name": "Exports", "users": 2, "recent_users": 2, "within_window": 1 },
        { "kind": "feature", "name": "Search", "users": 3, "recent_users": 3, "within_window": 2 },
        { "kind": "users", "name": "", "users": 3, "recent_users": 3, "within_window": 2 }
    ]);
    // First uses: search on day 0 for all; export 24 h after a's start, 48 h after b's.
    let mut days = vec![
        json!({ "kind": "users", "name": "", "day": 0, "first_uses": 0, "follow_ups": 1 }),
        json!({ "kind": "users", "name": "", "day": 2, "first_uses": 0, "follow_ups": 2 }),
    ];
    for (kind, name) in [("event", "search"), ("feature", "Search")] {
        days.push(
            json!({ "kind": kind, "name": name, "day": 0, "first_uses": 3, "follow_ups": 1 }),
        );
        days.push(
            json!({ "kind": kind, "name": name, "day": 2, "first_uses": 0, "follow_ups": 2 }),
        );
    }
    for (kind, name) in [("event", "export"), ("feature", "Exports")] {
        days.push(
            json!({ "kind": kind, "name": name, "day": 1, "first_uses": 1, "follow_ups": 0 }),
        );
        days.push(
            json!({ "kind": kind, "name": name, "day": 2, "first_uses": 1, "follow_ups": 2 }),
        );
    }
    t["feature_days"] = json!(days);
    // a and b (cohort day 0) have 2 periods over, c none; a is active at
    // offset 1, b is not. Everyone used search on their first day; no one
    // used export in their first day.
    let mut retention = Vec::new();
    for (kind, name) in [("users", ""), ("event", "search"), ("feature", "Search")] {
        retention.push(json!({ "kind": kind, "name": name, "period_offset": 0, "last_eligible": 0, "last_retained": 0, "active": 2 }));
        retention.push(json!({ "kind": kind, "name": name, "period_offset": 1, "last_eligible": 2, "last_retained": 2, "active": 1 }));
    }
    t["feature_retention"] = json!(retention);
    t["summary"][0]["features"] = json!("Search\tsearch\nExports\texport\tmissing_event");
    t["summary"][0]["activation_event"] = json!("Exports");
    t["summary"][0]["activation_window_days"] = json!(1);
}

/// The raw events of the hand-made tables, with names.
fn hand_events() -> market_validation::events::EventColumns {
    use market_validation::events::{EventColumns, EventNames};
    let d0 = 20458.0 * 86_400_000.0;
    let at = |day: f64, hour: f64| d0 + day * 86_400_000.0 + hour * 3_600_000.0;
    // (user, time, name: 0 search, 1 export)
    let events = [
        (0, at(0.0, 10.0), 0),
        (0, at(1.0, 10.0), 1),
        (0, at(2.0, 9.0), 0),
        (1, at(0.0, 12.0), 0),
        (1, at(2.0, 12.0), 1),
        (2, at(2.0, 8.0), 0),
        (2, at(2.0, 9.0), 0),
    ];
    EventColumns {
        user_ids: events.iter().map(|e| e.0).collect(),
        timestamps_ms: events.iter().map(|e| e.1).collect(),
        names: Some(EventNames {
            codes: events.iter().map(|e| e.2).collect(),
            dictionary: vec!["search".into(), "export".into()],
        }),
        session_ids: None,
    }
}

#[test]
fn usage_tables_made_by_hand_give_what_analyze_events_gives() {
    use market_validation::events::{analyze_event_columns, EventsConfig};
    let mut t = hand_tables();
    t["summary"][0]["event_names"] = json!(1);
    add_usage_tables(&mut t);
    // The sessions as analyzeEvents cuts them (after 30 minutes without an event): each event alone.
    t["sessions"] = json!([{ "minutes": 0, "sessions": 7, "total_ms": 0, "longer_than_a_day": 0 }]);
    let options = json!({ "features": { "Search": "search", "Exports": ["export", "missing_event"] },
        "activationEvent": "Exports", "activationWindowDays": 1, "cohortPeriod": "day" });
    let from_tables =
        analyze_event_aggregates(&RawValue::from_json(&t), &RawValue::from_json(&options)).unwrap();
    let config = EventsConfig::from_raw(&RawValue::from_json(&options)).unwrap();
    let raw = analyze_event_columns(hand_events(), None, &config).unwrap();
    let (a, b) = (
        serde_json::to_value(&from_tables).unwrap(),
        serde_json::to_value(&raw).unwrap(),
    );
    for field in [
        "features",
        "activation",
        "adoptionData",
        "usageMetrics",
        "cohorts",
        "daily",
        "growth",
        "warnings",
    ] {
        assert_eq!(a[field], b[field], "{field}");
    }
    // By hand: Exports' time to first use, 1 day for a, 2 for b, c followed 0 days: at
    // day 1, 2 at risk and 1 uses it (S = 0.5), so the median is 1 day; 1 of the 2
    // followed a day activated within it.
    let exports = from_tables
        .features
        .iter()
        .find(|f| f.name == "Exports")
        .unwrap();
    assert_eq!(exports.time_to_first_use.median_days, Some(1.0));
    let activation = from_tables.activation.as_ref().unwrap();
    assert_eq!((activation.eligible, activation.activated), (2, 1));
    // Search's early adopters at day 1: a and b were followed, a came back.
    let search = from_tables
        .features
        .iter()
        .find(|f| f.name == "Search")
        .unwrap();
    let retention = search.retention.as_ref().unwrap();
    assert_eq!(
        (
            retention.offset,
            retention.adopters.users,
            retention.adopters.retained
        ),
        (1, 2, 1)
    );
    assert!(from_tables
        .warnings
        .iter()
        .any(|w| w.code == "feature_event_absent"));
    // Features the statements were written without cannot be read from their results.
    let mut without = hand_tables();
    without["summary"][0]["event_names"] = json!(1);
    add_usage_tables(&mut without);
    without["summary"][0]["features"] = json!(null);
    without["sessions"] = t["sessions"].clone();
    let err = analyze_event_aggregates(
        &RawValue::from_json(&without),
        &RawValue::from_json(&options),
    )
    .unwrap_err();
    assert!(
        err.problems.iter().any(|p| p.path == "options.features"),
        "{err}"
    );
    // Tables that disagree with each other are refused, naming the event.
    let mut wrong = t.clone();
    wrong["feature_days"][2]["first_uses"] = json!(2);
    let err =
        analyze_event_aggregates(&RawValue::from_json(&wrong), &RawValue::from_json(&options))
            .unwrap_err();
    assert!(err.problems[0].path.contains("\"search\""), "{err}");
}
