//! eventsSql and analyzeEventAggregates through the bindings: the same
//! statements and the same analysis as natively (tests/warehouse.rs covers
//! the reading; tests/warehouse/engines.mjs runs the statements).

use super::*;

/// The statements for a dialect, and hand-made result tables (row objects with BigInt counts and
/// upper-case names, and CSV text) read into the analysis.
#[wasm_bindgen_test]
fn writes_statements_and_reads_results_back() {
    let options =
        js(r#"{"table": "analytics.events", "columns": {"user": "user_id", "time": "event_ts"}}"#);
    let sql = wasm::events_sql(JsValue::from_str("snowflake"), Ts::new_unchecked(options))
        .map(JsValue::from)
        .expect("statements");
    let statements: Array = get(&sql, "statements").dyn_into().expect("array");
    assert_eq!(statements.length(), 6);
    let daily = text(&statements.get(1), "sql").unwrap();
    assert!(
        daily.contains("DATE_PART(EPOCH_MILLISECOND, \"event_ts\")"),
        "{daily}"
    );
    // Two users on 2026-01-05 (day 20458), one back the next day.
    let tables = js(
        r#"{"summary": [{"FORMAT": 2, "UTC_OFFSET_MINUTES": 0, "COHORT_PERIOD": "day", "WEEK_START": "monday",
            "WINDOW_KIND": "calendar", "AS_OF_OPTION": null, "IGNORE_EVENTS": "", "SESSION_GAP_MINUTES": 30, "SESSION_IDS": 0, "EVENT_NAMES": 0,
            "FEATURES": "", "ACTIVATION_EVENT": null, "ACTIVATION_WINDOW_DAYS": 7,
            "FIRST_DAY": 20458, "AS_OF_DAY": 20459, "EVENTS": 3, "EVENTS_AFTER_AS_OF": 0, "USERS": 2}],
          "daily": "day,active,new_users,weekly_active,monthly_active\n20458,2,2,2,2\n20459,1,0,2,2\n",
          "active_days": [{"days": 1, "users": 1}, {"days": 2, "users": 1}],
          "growth": [{"period": 20458, "new_users": 2, "retained": 0, "resurrected": 0, "churned": 0},
                     {"period": 20459, "new_users": 0, "retained": 1, "resurrected": 0, "churned": 1}],
          "cohorts": [{"cohort": 20458, "period_offset": 0, "users": 2}, {"cohort": 20458, "period_offset": 1, "users": 1}],
          "cohort_last": [{"cohort": 20458, "mature": null, "last_offset": 0, "users": 1},
                          {"cohort": 20458, "mature": null, "last_offset": 1, "users": 1}]}"#,
    );
    // A driver's BigInt count.
    let summary: Array = get(&tables, "summary").dyn_into().unwrap();
    Reflect::set(
        &summary.get(0),
        &"EVENTS".into(),
        &js_sys::BigInt::from(3u32).into(),
    )
    .unwrap();
    let analysis = wasm::analyze_event_aggregates(tables, None)
        .map(JsValue::from)
        .expect("analysis");
    assert_eq!(number(&analysis, "users"), 2.0);
    assert_eq!(number(&analysis, "events"), 3.0);
    assert_eq!(text(&analysis, "asOf").as_deref(), Some("2026-01-06"));
    let cohorts = get(&analysis, "cohorts");
    let rows: Array = get(&cohorts, "rows").dyn_into().unwrap();
    let cells: Array = get(&rows.get(0), "cells").dyn_into().unwrap();
    assert_eq!(number(&cells.get(1), "retention"), 0.5);
    // Bad dialect: an InputError with the dialect meant.
    let (message, _) = expect_input_error(
        wasm::events_sql(
            JsValue::from_str("snowflak"),
            Ts::new_unchecked(js(
                r#"{"table": "t", "columns": {"user": "u", "time": "t"}}"#,
            )),
        )
        .map(JsValue::from),
    );
    assert!(message.contains("did you mean snowflake?"), "{message}");
}
