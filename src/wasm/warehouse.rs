//! The warehouse exports: eventsSql and analyzeEventAggregates.

use super::error::JsInputError;
use super::intrinsics;
use super::js_reader::{array_length, read_arg, read_options, wrong_value};
use super::typed;
use super::typed_arrays::MAX_FILE_CHARS;
use crate::events::EventsAnalysis;
use crate::input::problem::InputError;
use crate::input::raw::RawValue;
use crate::warehouse::{self, CellBudget, EventsSql, EventsSqlOptions, MAX_ROWS};
use js_sys::JsString;
use tsify::Ts;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(typescript_custom_section)]
const AGGREGATE_TABLES_TS: &'static str = r#"
/** A result table of one of eventsSql's statements: its rows as objects (column names in any
 * case; whole numbers as numbers, BigInts or text), the table saved as CSV text, or saved as a
 * Parquet file (its bytes; read by the `parquet` part). */
export type AggregateRows = Array<Record<string, number | bigint | string | null>> | string | Uint8Array | ArrayBuffer;
/** The results of eventsSql's statements, each under its statement's name. */
export interface EventAggregateTables {
  summary: AggregateRows;
  daily: AggregateRows;
  active_days: AggregateRows;
  growth: AggregateRows;
  cohorts: AggregateRows;
  cohort_last: AggregateRows;
  /** With an event or a session column. */
  sessions?: AggregateRows;
  /** With an event column: per-event and per-feature usage, and the activation window. */
  features?: AggregateRows;
  /** With an event column: the days to first use and the follow-ups (time to first use, to activation). */
  feature_days?: AggregateRows;
  /** With an event column: the early adopters' retention by period offset. */
  feature_retention?: AggregateRows;
  /** With an event column and ignored events. */
  ignored_events?: AggregateRows;
}
"#;

/// The table names analyzeEventAggregates reads.
const TABLES: [&str; 11] = [
    "summary",
    "daily",
    "active_days",
    "growth",
    "cohorts",
    "cohort_last",
    "sessions",
    "features",
    "feature_days",
    "feature_retention",
    "ignored_events",
];

/// Writes the events analysis as SQL statements for `dialect` (`duckdb`, `clickhouse`, `spark`,
/// `bigquery`, `snowflake`, `postgres`) over `options.table` and `options.columns`, with
/// `analyzeEvents`' options. Run each statement and keep its rows under its `name` for
/// `analyzeEventAggregates`. Table and column names are quoted: a name can never inject SQL.
/// Throws a `MarketValidationError` listing every problem.
#[wasm_bindgen(js_name = eventsSql)]
pub fn events_sql(
    #[wasm_bindgen(
        unchecked_param_type = "\"duckdb\" | \"clickhouse\" | \"spark\" | \"bigquery\" | \"snowflake\" | \"postgres\""
    )]
    dialect: JsValue,
    options: Ts<EventsSqlOptions>,
) -> Result<Ts<EventsSql>, JsValue> {
    let dialect = read_arg(&dialect, "events SQL options", "dialect")?;
    let raw = read_arg(&options.js_value(), "events SQL options", "options")?;
    typed(&warehouse::events_sql(&dialect, &raw)?)
}

/// Reads the results of `eventsSql`'s statements (each under its statement's name, as row objects
/// or CSV text) into what `analyzeEvents` gives on the raw events. `options` may repeat
/// `eventsSql`'s: one that disagrees with what the statements were written with is an error.
#[wasm_bindgen(js_name = analyzeEventAggregates)]
pub fn analyze_event_aggregates(
    #[wasm_bindgen(unchecked_param_type = "EventAggregateTables")] tables: JsValue,
    options: Option<Ts<EventsSqlOptions>>,
) -> Result<Ts<EventsAnalysis>, JsValue> {
    let raw = read_tables(&tables)?;
    let opts = read_options(options, "event aggregates")?;
    typed(&warehouse::analyze_event_aggregates(&raw, &opts)?)
}

/// The tables, each read row by row (a table holds more values than one
/// argument may), sizes checked before anything is copied.
/// A table given as the bytes of a Parquet file (a `Uint8Array` or an
/// `ArrayBuffer`), as the CSV text the tables are read from; `None` for any
/// other value. Read only by the parts with the Parquet reader.
fn parquet_bytes(
    value: &JsValue,
    subject: &str,
    path: &str,
    name: &str,
) -> Result<Option<RawValue>, JsInputError> {
    if value.is_string() {
        return Ok(None);
    }
    let Some(bytes) = super::typed_arrays::file_bytes_at(value, subject, path)? else {
        return Ok(None);
    };
    #[cfg(feature = "parquet")]
    return Ok(Some(warehouse::parquet_table(&bytes, name)?));
    #[cfg(not(feature = "parquet"))]
    {
        let _ = (bytes, name);
        Err(JsInputError::problem(
            subject,
            path,
            "the bytes of a file".to_string(),
            "the statement's result as row objects or CSV text; a Parquet file is read by the \
             package's `parquet` part (init({ parts: ['parquet'] }))"
                .to_string(),
        ))
    }
}

fn read_tables(tables: &JsValue) -> Result<RawValue, JsInputError> {
    let subject = "event aggregates";
    if !tables.is_object() || tables.is_function() {
        return Err(wrong_value(
            subject,
            "tables",
            tables,
            "an object: each statement's result under its name",
        ));
    }
    let mut entries = Vec::new();
    for name in TABLES {
        let path = format!("tables.{name}");
        let value = intrinsics::get_str(tables, name)
            .map_err(|thrown| JsInputError::thrown(subject, &path, thrown))?;
        if value.is_undefined() || value.is_null() {
            continue;
        }
        if let Some(text) = value.dyn_ref::<JsString>() {
            if text.length() as usize > MAX_FILE_CHARS {
                return Err(JsInputError::problem(
                    subject,
                    &path,
                    format!("a text of {} characters", text.length()),
                    format!("at most {MAX_FILE_CHARS} characters"),
                ));
            }
            entries.push((name.to_string(), RawValue::String(String::from(text))));
            continue;
        }
        if let Some(table) = parquet_bytes(&value, subject, &path, name)? {
            entries.push((name.to_string(), table));
            continue;
        }
        let is_array = intrinsics::is_array(&value)
            .map_err(|thrown| JsInputError::thrown(subject, &path, thrown))?;
        let len = if is_array {
            array_length(&value).map_err(|thrown| JsInputError::thrown(subject, &path, thrown))?
        } else {
            None
        };
        let Some(len) = len else {
            // Read as it is: the core names what it expected.
            entries.push((name.to_string(), read_arg(&value, subject, &path)?));
            continue;
        };
        if len > MAX_ROWS {
            return Err(JsInputError::problem(
                subject,
                &path,
                format!("{len} rows"),
                format!(
                    "at most {MAX_ROWS} rows (the statements' results are small: check the table)"
                ),
            ));
        }
        // Counted as they are read: a table cannot take more memory than its budget.
        let mut budget = CellBudget::default();
        let mut rows = Vec::with_capacity(len);
        for i in 0..len {
            let row_path = format!("{path}[{i}]");
            let row = intrinsics::get_index(&value, i as u32)
                .map_err(|thrown| JsInputError::thrown(subject, &row_path, thrown))?;
            let row = read_arg(&row, subject, &row_path)?;
            budget
                .take(&row_path, &row)
                .map_err(|problem| InputError::new(subject, vec![problem]))?;
            rows.push(row);
        }
        entries.push((name.to_string(), RawValue::Array(rows)));
    }
    Ok(RawValue::Object(entries))
}
