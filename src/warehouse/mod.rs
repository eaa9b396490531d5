//! The usage metrics as warehouse SQL (a home, empty of logic for now).
//!
//! Where data outgrows a browser, the definitions of the events analysis
//! (local days, calendar or 24-hour windows, eligible denominators,
//! provisional periods, growth accounting, L28) will be rendered here as SQL
//! per dialect (DuckDB, ClickHouse, Spark, BigQuery, Snowflake) from one
//! description of each metric, and the small result tables read back into
//! the same analysis.
