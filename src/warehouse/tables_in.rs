//! The result tables as the caller gives them back: per table, an array of
//! row objects (as a driver returns them) or the table's CSV text (as a
//! warehouse console saves it). Column names match ignoring case
//! (Snowflake upper-cases them); whole numbers may come as text (BigQuery's
//! JSON gives INT64 as strings).

use crate::input::problem::Problem;
use crate::input::raw::RawValue;
use std::cell::Cell;

/// Most rows in one result table (`analyzeEventAggregates`): far more than any of them holds (a row
/// per day, per cohort cell), so more means the wrong table.
pub const MAX_ROWS: usize = 2_000_000;
/// Most values in one result table's rows, all columns counted: the largest
/// (a cohort triangle of 400,000 cells, 3 columns) holds 1.2 million. It
/// bounds the memory a table can take while it is read.
pub const MAX_TABLE_CELLS: usize = 4_000_000;
/// Most columns in one row (the statements' widest result has 17).
pub const MAX_COLUMNS: usize = 64;

/// One result table: its rows, each a list of (lower-case column, value).
pub(crate) struct Table {
    pub name: &'static str,
    pub rows: Vec<Vec<(String, RawValue)>>,
    /// Cells found wrong once [`MAX_LISTED`] problems were listed: counted,
    /// not listed (a table of wrong cells would otherwise list millions).
    pub unlisted: Cell<u64>,
}

/// Most problems listed one by one; the rest are counted.
pub(crate) const MAX_LISTED: usize = 100;

impl Table {
    /// Reads `tables[name]`; `None` (with a problem when `required`) when
    /// it is missing or unreadable.
    pub(crate) fn read(
        tables: &RawValue,
        name: &'static str,
        required: bool,
        problems: &mut Vec<Problem>,
    ) -> Option<Table> {
        let path = format!("tables.{name}");
        let expected = "the statement's result: an array of row objects, or its CSV text";
        let rows = match tables.get(name) {
            RawValue::Undefined | RawValue::Null if !required => return None,
            RawValue::Array(items) => {
                if items.len() > MAX_ROWS {
                    problems.push(too_many(&path, items.len()));
                    return None;
                }
                let mut rows = Vec::with_capacity(items.len());
                let mut budget = CellBudget::default();
                for (i, item) in items.iter().enumerate() {
                    if let Err(problem) = budget.take(&format!("{path}[{i}]"), item) {
                        problems.push(problem);
                        return None;
                    }
                    if let RawValue::Object(entries) = item {
                        rows.push(
                            entries
                                .iter()
                                .map(|(k, v)| (k.to_ascii_lowercase(), v.clone()))
                                .collect(),
                        );
                    }
                }
                rows
            }
            RawValue::String(text) => match csv_rows(text, &path) {
                Ok(rows) => rows,
                Err(problem) => {
                    problems.push(problem);
                    return None;
                }
            },
            other => {
                let hint = required.then(|| {
                    format!("run the statement named \"{name}\" from eventsSql and pass its rows")
                });
                problems.push(Problem::new(&path, other.describe(), expected).with_hint(hint));
                return None;
            }
        };
        Some(Table {
            name,
            rows,
            unlisted: Cell::new(0),
        })
    }

    /// A whole number in `range` from row `i`'s `column`; a problem naming
    /// the table, the row and the column otherwise.
    pub(crate) fn int(
        &self,
        i: usize,
        column: &str,
        range: (i64, i64),
        problems: &mut Vec<Problem>,
    ) -> Option<i64> {
        self.value(i, column, (range.0 as f64, range.1 as f64), true, problems)
            .map(|n| n as i64)
    }

    /// A number (not only whole) in `range` from row `i`'s `column`.
    pub(crate) fn number(
        &self,
        i: usize,
        column: &str,
        range: (f64, f64),
        problems: &mut Vec<Problem>,
    ) -> Option<f64> {
        self.value(i, column, range, false, problems)
    }

    fn value(
        &self,
        i: usize,
        column: &str,
        range: (f64, f64),
        whole: bool,
        problems: &mut Vec<Problem>,
    ) -> Option<f64> {
        let value = self.rows[i]
            .iter()
            .find(|(k, _)| k == column)
            .map_or(&RawValue::Undefined, |(_, v)| v);
        let n = match value {
            RawValue::Number(n) => Some(*n),
            RawValue::String(s) => s.trim().parse::<f64>().ok(),
            _ => None,
        };
        match n {
            Some(n) if (!whole || n.fract() == 0.0) && (range.0..=range.1).contains(&n) => Some(n),
            _ if problems.len() >= MAX_LISTED => {
                self.unlisted.set(self.unlisted.get() + 1);
                None
            }
            _ => {
                let path = format!("tables.{}[{i}].{column}", self.name);
                let hint = matches!(value, RawValue::Undefined).then(|| {
                    let columns: Vec<&str> = self.rows[i].iter().map(|(k, _)| k.as_str()).collect();
                    format!("the row's columns are: {}", columns.join(", "))
                });
                problems.push(
                    Problem::new(
                        path,
                        value.describe(),
                        format!(
                            "{} from {} to {}",
                            if whole { "a whole number" } else { "a number" },
                            crate::format::format_number(range.0),
                            crate::format::format_number(range.1)
                        ),
                    )
                    .with_hint(hint),
                );
                None
            }
        }
    }

    /// Text (or nothing: NULL) from row `i`'s `column`.
    pub(crate) fn text(&self, i: usize, column: &str) -> Option<String> {
        self.rows[i]
            .iter()
            .find(|(k, _)| k == column)
            .and_then(|(_, v)| match v {
                RawValue::String(s) if !s.is_empty() => Some(s.clone()),
                RawValue::Number(n) => Some(crate::format::format_number(*n)),
                _ => None,
            })
    }
}

fn too_many(path: &str, n: usize) -> Problem {
    Problem::new(
        path,
        format!("{n} rows"),
        format!("at most {MAX_ROWS} rows (the statements' results are small: check the table)"),
    )
}

/// What a table's rows may hold, counted row by row as they are read (so
/// that a reader can stop before a table takes more memory than it should):
/// flat row objects of at most [`MAX_COLUMNS`] values, [`MAX_ROWS`] rows,
/// [`MAX_TABLE_CELLS`] values in all.
#[derive(Default)]
pub(crate) struct CellBudget {
    rows: usize,
    cells: usize,
}

impl CellBudget {
    /// Counts one row (at `path`); the problem when it is not a flat row
    /// object or the table is over its budget.
    pub(crate) fn take(&mut self, path: &str, row: &RawValue) -> Result<(), Problem> {
        let RawValue::Object(entries) = row else {
            return Err(Problem::new(
                path,
                row.describe(),
                "a row object ({ column: value, ... })",
            ));
        };
        if let Some((key, value)) = entries
            .iter()
            .find(|(_, v)| matches!(v, RawValue::Array(_) | RawValue::Object(_)))
        {
            return Err(Problem::new(
                format!("{path}.{key}"),
                value.describe(),
                "a number, a text or null (a result table's cell)",
            ));
        }
        self.count(path, entries.len())
    }

    /// Counts a row of `columns` values.
    fn count(&mut self, path: &str, columns: usize) -> Result<(), Problem> {
        self.rows += 1;
        self.cells += columns;
        if columns > MAX_COLUMNS {
            return Err(Problem::new(
                path,
                format!("a row of {columns} columns"),
                format!("at most {MAX_COLUMNS} columns (the statements' results have at most 17)"),
            ));
        }
        if self.rows > MAX_ROWS || self.cells > MAX_TABLE_CELLS {
            let table = path.split('[').next().unwrap_or(path);
            return Err(Problem::new(
                table,
                format!("more than {} rows or {} values", self.rows - 1, self.cells - columns),
                format!(
                    "at most {MAX_ROWS} rows and {MAX_TABLE_CELLS} values (the statements' results are small: check the table)"
                ),
            ));
        }
        Ok(())
    }
}

/// A result table saved as a Parquet file, as the CSV text the tables are
/// read from (`tables.<name>` as text): its declared rows and values checked
/// against [`MAX_ROWS`] and [`MAX_TABLE_CELLS`] (and its columns against
/// [`MAX_COLUMNS`]) before anything is read. `name` is the statement's.
#[cfg(feature = "parquet")]
pub fn parquet_table(
    bytes: &[u8],
    name: &str,
) -> Result<RawValue, crate::input::problem::InputError> {
    let subject = "event aggregates";
    let path = format!("tables.{name}");
    let limits = crate::import::ParquetLimits {
        text_bytes: MAX_TABLE_CELLS as u64 * 64,
        rows: MAX_ROWS as u64,
        cells: MAX_TABLE_CELLS as u64,
    };
    // The reader's problems are the file's: at the table's path.
    let table = crate::import::parquet_table(bytes, subject, None, limits).map_err(|mut e| {
        for p in &mut e.problems {
            p.path = path.clone();
        }
        e
    })?;
    if table.columns.len() > MAX_COLUMNS {
        return Err(crate::input::problem::InputError::new(
            subject,
            vec![Problem::new(
                &path,
                format!("a table of {} columns", table.columns.len()),
                format!("at most {MAX_COLUMNS} columns (the statements' results have at most 17)"),
            )],
        ));
    }
    // Written by the Parquet reader: UTF-8 unless a text cell was not.
    String::from_utf8(table.csv)
        .map(RawValue::String)
        .map_err(|_| {
            crate::input::problem::InputError::new(
                subject,
                vec![Problem::new(
                    &path,
                    "a Parquet table with text that is not UTF-8",
                    "the statement's result as its engine saved it",
                )],
            )
        })
}

/// A CSV table's rows, the header's names lower-cased; cells as text (an
/// empty cell is NULL).
fn csv_rows(text: &str, path: &str) -> Result<Vec<Vec<(String, RawValue)>>, Problem> {
    let unreadable = |why: String| {
        Problem::new(
            path,
            why,
            "the statement's result: an array of row objects, or its CSV text",
        )
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| unreadable(format!("CSV that cannot be read ({e})")))?
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
        .collect();
    let mut budget = CellBudget::default();
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record
            .map_err(|e| unreadable(format!("CSV that cannot be read at row {} ({e})", i + 1)))?;
        budget.count(&format!("{path}[{i}]"), record.len())?;
        rows.push(
            header
                .iter()
                .zip(record.iter())
                .map(|(h, cell)| {
                    let value = if cell.is_empty() {
                        RawValue::Null
                    } else {
                        RawValue::String(cell.to_string())
                    };
                    (h.clone(), value)
                })
                .collect(),
        );
    }
    Ok(rows)
}
