//! Parquet files written by DuckDB and pyarrow (tests/fixtures/parquet/,
//! built by make_fixtures.py): the same events as a CSV written by DuckDB
//! give the same analysis whichever way the file stores the time column
//! and whichever codec it uses; the result says how the time column was
//! stored; files the reader cannot read are refused naming the column, the
//! codec or the row group; the aggregate tables as Parquet give the analysis
//! of the same tables as CSV text.
#![cfg(all(
    feature = "parquet",
    feature = "warehouse",
    not(target_arch = "wasm32")
))]

use market_validation::events::{analyze_events_csv, EventsConfig, EventsCsvAnalysis};
use market_validation::read_export::{read_export, ExportOptions};
use market_validation::warehouse::{analyze_event_aggregates, parquet_table};
use market_validation::RawValue;

#[allow(dead_code)] // the expected figures are the CSV's analysis here
#[path = "support/fixtures.rs"]
mod fixtures;

fn fixture(name: &str) -> Vec<u8> {
    fixtures::fixture("parquet", name)
}

fn analyse(bytes: &[u8], options: &str) -> Result<EventsCsvAnalysis, String> {
    let config = EventsConfig::from_raw(&RawValue::from_json_str(options).unwrap()).unwrap();
    analyze_events_csv(bytes, &config).map_err(|e| e.to_string())
}

const OPTIONS: &str = r#"{ "cohortPeriod": "week", "activationEvent": "export" }"#;

#[test]
fn every_way_of_storing_the_time_gives_the_analysis_of_the_csv() {
    let csv = analyse(&fixture("events.csv"), OPTIONS).unwrap();
    assert_eq!(csv.read.time_type, None);
    // 2,000 rows, every 97th from row 50 without a user id: 21 skipped.
    assert_eq!(csv.read.skipped.count, 21);
    assert_eq!(csv.analysis.events, 2000 - 21);
    for (file, time_type, time_format) in [
        (
            "duckdb-snappy.parquet",
            "timestamp-micros-local",
            "iso-8601",
        ),
        ("duckdb-gzip.parquet", "timestamp-micros-local", "iso-8601"),
        (
            "duckdb-timestamptz.parquet",
            "timestamp-micros-utc",
            "iso-8601",
        ),
        (
            "arrow-ms-utc-lz4.parquet",
            "timestamp-millis-utc",
            "iso-8601",
        ),
        ("arrow-ns.parquet", "timestamp-nanos-local", "iso-8601"),
        ("arrow-int96.parquet", "int96-timestamp", "iso-8601"),
        ("arrow-epoch-ms.parquet", "int64", "epoch-milliseconds"),
    ] {
        let p = analyse(&fixture(file), OPTIONS).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(p.analysis, csv.analysis, "{file}");
        assert_eq!(p.read.time_type.as_deref(), Some(time_type), "{file}");
        assert_eq!(p.read.time_format, time_format, "{file}");
        assert_eq!(p.read.time_column.header, "event_ts", "{file}");
        assert_eq!(p.read.user_column.header, "user_id", "{file}");
        assert_eq!(
            p.read.event_column.as_ref().map(|c| c.header.as_str()),
            Some("event_name")
        );
        // The rows without a user id, by the same numbers as the CSV's lines.
        assert_eq!(p.read.skipped, csv.read.skipped, "{file}");
    }
}

#[test]
fn dates_read_as_the_csv_of_the_same_dates() {
    // A column named event_day is not guessed as the time: named.
    let options = r#"{ "cohortPeriod": "week", "columns": { "time": "event_day" } }"#;
    let csv = analyse(&fixture("dates.csv"), options).unwrap();
    let p = analyse(&fixture("dates.parquet"), options).unwrap();
    assert_eq!(p.analysis, csv.analysis);
    assert_eq!(p.read.time_type.as_deref(), Some("date"));
    assert_eq!(p.read.time_column.header, "event_day");
}

#[test]
fn unreadable_files_are_refused_naming_what_is_wrong() {
    let zstd = analyse(&fixture("duckdb-zstd.parquet"), OPTIONS).unwrap_err();
    assert!(
        zstd.contains("column \"user_id\" cannot be read in row group 0"),
        "{zstd}"
    );
    assert!(zstd.contains("zstd"), "{zstd}");
    let v2 = analyse(&fixture("duckdb-v2.parquet"), OPTIONS).unwrap_err();
    assert!(
        v2.contains("row group 0") && v2.contains("values encoded DELTA"),
        "{v2}"
    );
    let nested = analyse(&fixture("nested.parquet"), OPTIONS).unwrap_err();
    assert!(
        nested.contains("column \"tags\" is nested (tags.list.element"),
        "{nested}"
    );
    let time = analyse(&fixture("time-of-day.parquet"), OPTIONS).unwrap_err();
    assert!(
        time.contains("column \"event_time\" is of type INT64 (Time"),
        "{time}"
    );
    let cut = analyse(&fixture("cut-short.parquet"), OPTIONS).unwrap_err();
    assert!(cut.contains("does not end as one does"), "{cut}");
    // Cut anywhere, or with bytes changed anywhere: an error, never a panic.
    let whole = fixture("duckdb-snappy.parquet");
    for end in (0..whole.len()).step_by(97) {
        let mut bytes = whole[..end].to_vec();
        bytes.extend_from_slice(b"PAR1");
        assert!(analyse(&bytes, OPTIONS).is_err() || end > whole.len() - 200);
    }
    for at in (4..whole.len() - 8).step_by(53) {
        let mut bytes = whole.clone();
        bytes[at] ^= 0x5a;
        let _ = analyse(&bytes, OPTIONS);
    }
}

#[test]
fn read_export_names_the_container_and_reads_only_a_head() {
    let r = read_export(&fixture("duckdb-snappy.parquet"), &ExportOptions::default()).unwrap();
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["container"], "parquet", "{json}");
    assert_eq!(json["kind"], "events", "{json}");
}

fn tables(parquet: bool) -> RawValue {
    let mut entries = Vec::new();
    // Every table make_fixtures.py wrote: aggregate-<name>.parquet beside its CSV.
    let dir = format!("{}/tests/fixtures/parquet", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|f| {
            Some(
                f.strip_prefix("aggregate-")?
                    .strip_suffix(".parquet")?
                    .to_string(),
            )
        })
        .collect();
    names.sort();
    assert_eq!(names.len(), 6, "{names:?}");
    for name in &names {
        let name = name.as_str();
        let value = if parquet {
            parquet_table(&fixture(&format!("aggregate-{name}.parquet")), name).unwrap()
        } else {
            RawValue::String(String::from_utf8(fixture(&format!("aggregate-{name}.csv"))).unwrap())
        };
        entries.push((name.to_string(), value));
    }
    RawValue::Object(entries)
}

#[test]
fn aggregate_tables_in_parquet_give_the_analysis_of_their_csv() {
    let from_csv = analyze_event_aggregates(&tables(false), &RawValue::Null).unwrap();
    let from_parquet = analyze_event_aggregates(&tables(true), &RawValue::Null).unwrap();
    assert_eq!(from_parquet, from_csv);
    // The hand-made tables' figures (tests/warehouse.rs): 3 users, 7 events.
    assert_eq!((from_parquet.users, from_parquet.events), (3, 7));
    let actives: Vec<u64> = from_parquet.daily.iter().map(|d| d.active).collect();
    assert_eq!(actives, [2, 1, 3]);
    // Too big for a result table: refused from what the file declares.
    let events = parquet_table(&fixture("duckdb-snappy.parquet"), "daily");
    assert!(
        events.is_ok(),
        "2,000 rows of 3 columns are within the budget"
    );
    let err = parquet_table(&fixture("cut-short.parquet"), "daily")
        .unwrap_err()
        .to_string();
    assert!(err.contains("tables.daily"), "{err}");
}
