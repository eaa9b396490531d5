//! Parquet files through the bindings (tests/fixtures/parquet/, written by
//! DuckDB and pyarrow): an events file as bytes gives the analysis of the
//! same events as CSV, with how the file stored its times; a result table
//! as a Parquet file's bytes gives the analysis of its CSV text; a file the
//! reader cannot read is an InputError, and the module keeps working.

use super::*;

fn bytes(file: &[u8]) -> JsValue {
    js_sys::Uint8Array::from(file).into()
}

fn events_csv(input: JsValue) -> Result<JsValue, JsValue> {
    wasm::analyze_events_csv(input, None).map(JsValue::from)
}

#[wasm_bindgen_test]
fn parquet_events_read_as_their_csv() {
    let csv = events_csv(bytes(include_bytes!("../fixtures/parquet/events.csv"))).expect("csv");
    let parquet = events_csv(bytes(include_bytes!(
        "../fixtures/parquet/arrow-ms-utc-lz4.parquet"
    )))
    .expect("parquet");
    assert_eq!(
        JSON::stringify(&get(&parquet, "analysis")).unwrap(),
        JSON::stringify(&get(&csv, "analysis")).unwrap()
    );
    assert_eq!(number(&get(&parquet, "analysis"), "events"), 1979.0);
    assert_eq!(
        text(&parquet, "timeType").as_deref(),
        Some("timestamp-millis-utc")
    );
    assert_eq!(get(&csv, "timeType"), JsValue::UNDEFINED);
    // As an ArrayBuffer too.
    let buffer =
        js_sys::Uint8Array::from(&include_bytes!("../fixtures/parquet/arrow-int96.parquet")[..])
            .buffer();
    let int96 = events_csv(buffer.into()).expect("an ArrayBuffer");
    assert_eq!(text(&int96, "timeType").as_deref(), Some("int96-timestamp"));
    // zstd: refused, the column, row group and codec named; then a good call still works.
    let (message, problems) = expect_input_error(events_csv(bytes(include_bytes!(
        "../fixtures/parquet/duckdb-zstd.parquet"
    ))));
    assert!(
        message.contains("row group 0") && message.contains("zstd"),
        "{message}"
    );
    assert_eq!(text(&problems[0], "path").as_deref(), Some("input"));
    assert!(events_csv(bytes(include_bytes!(
        "../fixtures/parquet/duckdb-snappy.parquet"
    )))
    .is_ok());
}

#[wasm_bindgen_test]
fn parquet_result_tables_read_as_their_csv() {
    let tables = |parquet: bool| {
        let object = Object::new();
        for (name, csv, pq) in [
            (
                "summary",
                &include_bytes!("../fixtures/parquet/aggregate-summary.csv")[..],
                &include_bytes!("../fixtures/parquet/aggregate-summary.parquet")[..],
            ),
            (
                "daily",
                include_bytes!("../fixtures/parquet/aggregate-daily.csv"),
                include_bytes!("../fixtures/parquet/aggregate-daily.parquet"),
            ),
            (
                "active_days",
                include_bytes!("../fixtures/parquet/aggregate-active_days.csv"),
                include_bytes!("../fixtures/parquet/aggregate-active_days.parquet"),
            ),
            (
                "growth",
                include_bytes!("../fixtures/parquet/aggregate-growth.csv"),
                include_bytes!("../fixtures/parquet/aggregate-growth.parquet"),
            ),
            (
                "cohorts",
                include_bytes!("../fixtures/parquet/aggregate-cohorts.csv"),
                include_bytes!("../fixtures/parquet/aggregate-cohorts.parquet"),
            ),
            (
                "cohort_last",
                include_bytes!("../fixtures/parquet/aggregate-cohort_last.csv"),
                include_bytes!("../fixtures/parquet/aggregate-cohort_last.parquet"),
            ),
        ] {
            let value = if parquet {
                bytes(pq)
            } else {
                JsValue::from_str(std::str::from_utf8(csv).unwrap())
            };
            Reflect::set(&object, &name.into(), &value).unwrap();
        }
        JsValue::from(object)
    };
    let from_csv = wasm::analyze_event_aggregates(tables(false), None)
        .map(JsValue::from)
        .expect("csv");
    let from_parquet = wasm::analyze_event_aggregates(tables(true), None)
        .map(JsValue::from)
        .expect("parquet");
    assert_eq!(
        JSON::stringify(&from_parquet).unwrap(),
        JSON::stringify(&from_csv).unwrap()
    );
    assert_eq!(
        (
            number(&from_parquet, "users"),
            number(&from_parquet, "events")
        ),
        (3.0, 7.0)
    );
    // A table cut short: named at its path.
    let broken = tables(true);
    Reflect::set(
        &broken,
        &"daily".into(),
        &bytes(include_bytes!("../fixtures/parquet/cut-short.parquet")),
    )
    .unwrap();
    let (_, problems) =
        expect_input_error(wasm::analyze_event_aggregates(broken, None).map(JsValue::from));
    assert_eq!(text(&problems[0], "path").as_deref(), Some("tables.daily"));
}
