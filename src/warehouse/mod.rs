//! The usage metrics as warehouse SQL, and the small result tables read
//! back into the same analysis.
//!
//! Where events outgrow a browser, [`events_sql`] writes the events
//! analysis's definitions (local days at a fixed UTC offset, calendar or
//! 24-hour windows, eligible denominators, provisional periods, growth
//! accounting, L28) as SQL statements for DuckDB, ClickHouse, Spark,
//! BigQuery, Snowflake or PostgreSQL; each definition is written once
//! (`statements.rs`) and only the fragments that differ per dialect
//! (`dialect.rs`) are looked up. [`analyze_event_aggregates`] reads the
//! statements' results into the [`EventsAnalysis`] that `analyzeEvents`
//! gives on the raw events, by the same code.
//!
//! ```
//! use market_validation::warehouse::{events_sql, analyze_event_aggregates};
//! use market_validation::RawValue;
//!
//! let options = RawValue::from_json_str(r#"{ "table": "analytics.events",
//!     "columns": { "user": "user_id", "time": "event_ts" }, "cohortPeriod": "week" }"#).unwrap();
//! let sql = events_sql(&RawValue::String("bigquery".into()), &options).unwrap();
//! assert_eq!(sql.statements[0].name, "summary");
//! assert!(sql.statements[0].sql.contains("FROM `analytics`.`events`"));
//! // A name can never break out of its quotes.
//! let hostile = RawValue::from_json_str(r#"{ "table": "t", "columns": { "user": "u` ; DROP TABLE x; --", "time": "ts" } }"#).unwrap();
//! let sql = events_sql(&RawValue::String("spark".into()), &hostile).unwrap();
//! assert!(sql.statements[0].sql.contains("`u`` ; DROP TABLE x; --`"));
//! ```

mod aggregates;
mod dialect;
mod options;
mod query;
mod statements;
mod tables_in;
mod usage_in;
mod usage_sql;

pub use dialect::{Dialect, DIALECTS};
pub use options::EventsSqlOptions;
pub use statements::SqlStatement;
#[cfg(feature = "parquet")]
pub use tables_in::parquet_table;
#[cfg(feature = "wasm")]
pub(crate) use tables_in::CellBudget;
pub use tables_in::{MAX_COLUMNS, MAX_ROWS, MAX_TABLE_CELLS};

use crate::events::EventsAnalysis;
use crate::input::problem::InputError;
use crate::input::raw::RawValue;
use serde::Serialize;

/// The version of the result tables' layout, written in the `summary` row:
/// tables from other versions are refused rather than misread.
pub const FORMAT_VERSION: i64 = 2;

/// What `eventsSql` gives: the statements to run, in order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct EventsSql {
    /// The dialect written in.
    #[cfg_attr(
        feature = "wasm",
        tsify(
            type = "\"duckdb\" | \"clickhouse\" | \"spark\" | \"bigquery\" | \"snowflake\" | \"postgres\""
        )
    )]
    pub dialect: Dialect,
    /// Each statement; run each and keep its result under its `name`.
    pub statements: Vec<SqlStatement>,
}

/// Writes the events analysis as SQL statements in `dialect` over the table
/// and columns `options` name, with `analyzeEvents`' options (offset, week
/// start, cohort period, window, as-of day, ignored events). Options the
/// statements do not compute yet (features, activation, a signup column,
/// identity links) are refused by name.
pub fn events_sql(dialect: &RawValue, options: &RawValue) -> Result<EventsSql, InputError> {
    let o = options::read(dialect, options)?;
    Ok(EventsSql {
        dialect: o.dialect,
        statements: statements::statements(&o),
    })
}

/// Reads the statements' results (`tables`: each statement's rows under its
/// name, as row objects or CSV text) into the analysis `analyzeEvents` gives
/// on the raw events, users counted as the user column's values. `options`
/// may repeat `eventsSql`'s: any that disagrees with what the statements
/// were written with (the `summary` row) is an error; `powerUserDays` and
/// `retention` apply here.
pub fn analyze_event_aggregates(
    tables: &RawValue,
    options: &RawValue,
) -> Result<EventsAnalysis, InputError> {
    aggregates::analyze(tables, options)
}
