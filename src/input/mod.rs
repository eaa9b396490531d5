//! The input layer: what every part reads before it analyses anything.
//!
//! Callers (JavaScript above all) can pass anything, so inputs are first read
//! into a loose [`RawValue`](raw::RawValue) with size limits applied; every
//! problem is then reported at once, as a [`Problem`](problem::Problem) with
//! its field path (or file line), the value, what was expected and a hint.
//! Files are read by the CSV helpers here, and every row or answer that is
//! not used is logged with its reason ([`RowReport`]).

pub mod problem;
pub mod raw;
mod raw_json;
pub(crate) mod read;
pub mod suggest;
pub mod units;
pub mod warning;

#[cfg(any(feature = "survey", feature = "events"))]
pub(crate) mod csv;
#[cfg(feature = "events")]
pub(crate) mod ids;
#[cfg(any(feature = "survey", feature = "events"))]
pub(crate) mod row_issues;

#[cfg(any(feature = "survey", feature = "events"))]
pub use csv::DetectedColumn;
#[cfg(any(feature = "survey", feature = "events"))]
pub use row_issues::{RowIssue, RowReport};
