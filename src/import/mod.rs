//! Importing what users' tools export: the file's encoding and container
//! (delimited text, JSON lines, a JSON array, a workbook's sheet; gzip and
//! zip opened first, within limits), its header over as many rows as its
//! tool writes, and the tool itself, before any analysis reads a row. The
//! survey and events readers read through it.
//!
//! ```
//! use market_validation::import::{decode, open, ExportSource};
//! let file = "Respondent ID,Collector ID,How likely is it that you would recommend Acme?\n\
//!             ,,Response\n\
//!             1001,42,9\n";
//! let text = decode(file.as_bytes(), "survey").unwrap();
//! let export = open(&text, None, "survey", "answer").unwrap();
//! assert_eq!(export.source, ExportSource::Surveymonkey);
//! assert_eq!(export.header.rows, 2);
//! ```

#[cfg(feature = "archives")]
mod archive;
mod decode;
mod encoding;
#[cfg(feature = "readers")]
mod gzip;
mod header;
#[cfg(feature = "readers")]
mod json;
#[cfg(feature = "parquet")]
mod parquet;
#[cfg(feature = "parquet")]
mod parquet_pages;
mod source;

#[cfg(feature = "parquet")]
pub use self::parquet::{to_table as parquet_table, Limits as ParquetLimits, MAX_PARQUET_COLUMNS};
#[cfg(feature = "archives")]
pub use archive::{MAX_ARCHIVE_FILES, MAX_SHARED_STRINGS_BYTES};
pub use decode::{decode, decode_head, Archive, Decoded, SkippedLine, HEAD_BYTES};
pub use encoding::Encoding;
#[cfg(feature = "readers")]
pub use gzip::{MAX_DECOMPRESSED_BYTES, MAX_EXPANSION};
pub use header::Header;
#[cfg(feature = "readers")]
pub use json::MAX_JSON_COLUMNS;
pub use source::{ExportKind, ExportSource};

use crate::input::csv::detect_delimiter;
use crate::input::problem::{InputError, Problem};
use serde::Serialize;

/// The container a file's rows came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum Container {
    /// Delimited text: CSV, TSV, `;` or `|` separated.
    Csv,
    /// One JSON object per line.
    JsonLines,
    /// A JSON array of objects.
    JsonArray,
    /// The first sheet of an Excel workbook (`.xlsx`).
    Xlsx,
    /// A Parquet file's flat columns.
    Parquet,
}

/// A delimited export, opened: its header read, its tool recognised, and a
/// reader positioned at its first data row.
pub struct Export<'t> {
    /// The reader, after the header rows.
    pub reader: csv::Reader<&'t [u8]>,
    /// Data records read while looking for more header rows; they come
    /// before the reader's.
    pub pending: Vec<csv::ByteRecord>,
    /// The header.
    pub header: Header,
    /// The field delimiter.
    pub delimiter: u8,
    /// The tool that wrote the file.
    pub source: ExportSource,
    /// The text's encoding.
    pub encoding: Encoding,
}

/// Header rows a tool may write (Qualtrics: 3).
const MAX_HEADER_ROWS: usize = 3;

/// Opens a delimited export: rejects an empty file, detects the delimiter
/// unless given (`,` `;` tab or `|`), reads the header over its rows and
/// recognises the tool. `subject` and `rows` word the messages ("survey",
/// "answer").
pub fn open<'t>(
    decoded: &'t Decoded<'_>,
    delimiter: Option<u8>,
    subject: &str,
    rows: &str,
) -> Result<Export<'t>, InputError> {
    let fail = |value: &str, expected: String| {
        InputError::new(subject, vec![Problem::new("input", value, expected)])
    };
    let text: &[u8] = &decoded.text;
    if text.iter().all(u8::is_ascii_whitespace) {
        return Err(fail(
            "an empty file",
            format!("a CSV export with a header line and a row per {rows}"),
        ));
    }
    let delimiter = match decoded.container {
        Container::Csv => delimiter.unwrap_or_else(|| detect_delimiter(text)),
        // Written by json::to_table, archive::first_sheet and parquet::to_table.
        Container::JsonLines | Container::JsonArray | Container::Xlsx | Container::Parquet => b',',
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text);
    let mut first = Vec::new();
    while first.len() < MAX_HEADER_ROWS {
        let mut record = csv::ByteRecord::new();
        match reader.read_byte_record(&mut record) {
            Ok(true) => first.push(record),
            _ => break,
        }
    }
    if first.is_empty() {
        return Err(fail(
            "a file without a header line",
            "a CSV export whose first line names the columns".into(),
        ));
    }
    let as_text: Vec<Vec<String>> = first
        .iter()
        .map(|r| {
            r.iter()
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect()
        })
        .collect();
    let header = header::read_header(&as_text);
    let pending = first.split_off(header.rows.min(first.len()));
    let source = source::detect(&header.names);
    Ok(Export {
        reader,
        pending,
        header,
        delimiter,
        source,
        encoding: decoded.encoding,
    })
}
