//! Importing what users' tools export: the file's encoding and container
//! (delimited text, JSON lines, a JSON array), its header over as many rows
//! as its tool writes, and the tool itself, before any analysis reads a row.
//! The survey and events readers read through it. Gzip-compressed files are
//! decompressed first (within limits); zip archives and workbooks are not
//! read yet.
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

mod encoding;
#[cfg(feature = "readers")]
mod gzip;
mod header;
#[cfg(feature = "readers")]
mod json;
mod source;

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
use std::borrow::Cow;

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
}

/// A file's rows as delimited UTF-8 text, and what they came in.
#[derive(Debug, Clone)]
pub struct Decoded<'a> {
    /// Whether the file was gzip-compressed (then decompressed first).
    pub gzip: bool,
    /// The text (borrowed unless it had to be transcoded or built from JSON).
    pub text: Cow<'a, [u8]>,
    /// The encoding it was read from.
    pub encoding: Encoding,
    /// The container the rows came in.
    pub container: Container,
    /// For JSON: each record's offset in `text` and the file line it came from.
    lines: Option<Vec<(u64, u64)>>,
    /// For JSON: lines that hold no object, by line, with the reason.
    pub skipped: Vec<(u64, String)>,
}

/// The rows of a file as delimited UTF-8 text (see [`Encoding`]; JSON lines
/// and JSON arrays become a table of their objects' dot paths). `subject`
/// words the errors ("survey").
pub fn decode<'a>(bytes: &'a [u8], subject: &str) -> Result<Decoded<'a>, InputError> {
    decode_with(bytes, subject, None)
}

/// How much of a file [`decode_head`] reads: far more than the header and
/// the 200 rows the column finders sample.
pub const HEAD_BYTES: usize = 4 * 1024 * 1024;

/// Like [`decode`], for the first [`HEAD_BYTES`] of text only (cut after its
/// last whole line): what `readExport` needs to tell what a file is, without
/// decompressing, transcoding or converting all of a big one.
pub fn decode_head<'a>(bytes: &'a [u8], subject: &str) -> Result<Decoded<'a>, InputError> {
    decode_with(bytes, subject, Some(HEAD_BYTES))
}

fn decode_with<'a>(
    bytes: &'a [u8],
    subject: &str,
    head: Option<usize>,
) -> Result<Decoded<'a>, InputError> {
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(InputError::new(
            subject,
            vec![Problem::new(
                "input",
                "a zip archive (an Excel workbook is one too)",
                "delimited text, JSON lines or a JSON array, gzip-compressed or not: unzip it, or save the sheet as CSV",
            )],
        ));
    }
    #[cfg(feature = "readers")]
    if gzip::is_gzip(bytes) {
        let mut inner = gzip::decompress(bytes, subject, head)?;
        if gzip::is_gzip(&inner) {
            return Err(InputError::new(
                subject,
                vec![Problem::new(
                    "input",
                    "a gzip file inside a gzip file",
                    "a file compressed once",
                )],
            ));
        }
        // A head of it stopped mid-line: cut again, after its last whole line.
        let inner_head = head.map(|h| h.saturating_sub(2));
        let Decoded {
            text,
            encoding,
            container,
            lines,
            skipped,
            ..
        } = decode_with(&inner, subject, inner_head)?;
        let text = match text {
            Cow::Owned(text) => text,
            // Text that is the decompressed bytes themselves (past a BOM):
            // kept in place rather than copied.
            Cow::Borrowed(slice) => {
                let (start, len) = (
                    slice.as_ptr() as usize - inner.as_ptr() as usize,
                    slice.len(),
                );
                inner.drain(..start);
                inner.truncate(len);
                inner
            }
        };
        return Ok(Decoded {
            gzip: true,
            text: Cow::Owned(text),
            encoding,
            container,
            lines,
            skipped,
        });
    }
    #[cfg(not(feature = "readers"))]
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return Err(without_readers(subject, "a gzip-compressed file"));
    }
    // A head: the first bytes (an even count, for UTF-16), cut after the last whole line.
    let (raw, cut) = match head {
        Some(h) if bytes.len() > h => (&bytes[..h & !1], true),
        _ => (bytes, false),
    };
    let (mut text, encoding) = encoding::to_utf8(raw);
    if cut {
        let end = text
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(text.len(), |i| i + 1);
        match &mut text {
            Cow::Borrowed(t) => *t = &t[..end],
            Cow::Owned(t) => t.truncate(end),
        }
    }
    if !looks_like_json(&text) {
        return Ok(Decoded {
            gzip: false,
            text,
            encoding,
            container: Container::Csv,
            lines: None,
            skipped: Vec::new(),
        });
    }
    #[cfg(not(feature = "readers"))]
    return Err(without_readers(subject, "JSON"));
    #[cfg(feature = "readers")]
    {
        let array = text.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[');
        let table = json::to_table(&text, subject)?;
        Ok(Decoded {
            gzip: false,
            text: Cow::Owned(table.csv),
            encoding,
            container: if array {
                Container::JsonArray
            } else {
                Container::JsonLines
            },
            lines: Some(table.lines),
            skipped: table.skipped,
        })
    }
}

/// Whether text is JSON rather than delimited text: its first non-space
/// character opens an object or an array (no CSV header starts so).
fn looks_like_json(text: &[u8]) -> bool {
    matches!(
        text.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'{' | b'[')
    )
}

/// The error for a container this build does not read (the `analyses`
/// part of the package leaves the readers out; the `all` part has them).
#[cfg(not(feature = "readers"))]
fn without_readers(subject: &str, what: &str) -> InputError {
    InputError::new(
        subject,
        vec![Problem::new(
            "input",
            what,
            "delimited text (CSV, TSV): JSON and gzip-compressed exports are read by the package's `all` part \
             (init() with no parts), not by the `analyses` part alone",
        )],
    )
}

impl Decoded<'_> {
    /// The file's 1-based line of each sorted offset into `text`: for
    /// delimited text its own lines, for JSON the line of the object the
    /// offset falls in.
    pub fn line_numbers(&self, offsets: &[u64]) -> Vec<u64> {
        match &self.lines {
            None => crate::input::csv::line_numbers(&self.text, offsets),
            Some(lines) => offsets
                .iter()
                .map(|o| match lines.binary_search_by(|(at, _)| at.cmp(o)) {
                    Ok(i) => lines[i].1,
                    Err(0) => 1,
                    Err(i) => lines[i - 1].1,
                })
                .collect(),
        }
    }
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
        // Written by json::to_table.
        Container::JsonLines | Container::JsonArray => b',',
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
