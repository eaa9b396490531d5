//! From a file's bytes to delimited UTF-8 text, whatever it came in: a zip
//! archive or Excel workbook, gzip, UTF-16, JSON lines or a JSON array. Each
//! container is opened at most two deep (a zip of gzipped files), within
//! size limits, and every row keeps where it came from (the file in the
//! archive, its line or sheet row) so that problems are reported there.

use super::encoding::{self, Encoding};
use super::Container;
use crate::input::problem::{InputError, Problem};
use std::borrow::Cow;

/// The archive a file's rows came out of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Archive {
    /// A zip archive: the files read from it, in the order read.
    Zip {
        /// Their paths in the archive.
        files: Vec<String>,
    },
    /// An Excel workbook: its first sheet is read.
    Workbook {
        /// The sheet read.
        sheet: String,
        /// Every sheet, in the workbook's order.
        sheets: Vec<String>,
    },
}

/// A line of a file that holds no row, and why (JSON that is not an object).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedLine {
    /// Its 1-based line.
    pub line: u64,
    /// The file in the archive it is in.
    pub file: Option<String>,
    /// Why it holds no row.
    pub reason: String,
}

/// A file's rows as delimited UTF-8 text, and what they came in.
#[derive(Debug, Clone)]
pub struct Decoded<'a> {
    /// Whether the file (or the files in its archive) was gzip-compressed.
    pub gzip: bool,
    /// The archive it came out of.
    pub archive: Option<Archive>,
    /// The text (borrowed unless it had to be transcoded or built).
    pub text: Cow<'a, [u8]>,
    /// The encoding it was read from (an archive's: its first file's).
    pub encoding: Encoding,
    /// The container the rows came in.
    pub container: Container,
    /// For text built from records (JSON objects, a sheet's rows): each
    /// record's offset in `text` and the line (or sheet row) it came from.
    records: Option<Vec<(u64, u64)>>,
    /// For an archive's files: where each starts in `text`, its name, and
    /// what to add to a line of `text` to make it a line of that file.
    files: Vec<(u64, String, i64)>,
    /// Lines that hold no row, with the reason.
    pub skipped: Vec<SkippedLine>,
    /// For a typed file (Parquet): each column's name and how it is stored
    /// (`timestamp-micros-utc`, `date`, `int64`, `string`, ...).
    pub stored: Vec<(String, String)>,
}

/// The rows of a file as delimited UTF-8 text (see [`Encoding`]; JSON lines
/// and JSON arrays become a table of their objects' dot paths; a workbook's
/// first sheet a table of its cells; an archive's files one table). `subject`
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

fn error(subject: &str, value: impl Into<String>, expected: impl Into<String>) -> InputError {
    InputError::new(subject, vec![Problem::new("input", value, expected)])
}

fn decode_with<'a>(
    bytes: &'a [u8],
    subject: &str,
    head: Option<usize>,
) -> Result<Decoded<'a>, InputError> {
    if is_zip(bytes) {
        return unzip(bytes, subject, head);
    }
    if bytes.starts_with(b"PAR1") {
        return parquet(bytes, subject, head);
    }
    let text = to_text(bytes, subject, head)?;
    if !looks_like_json(&text.text) {
        return Ok(Decoded {
            gzip: text.gzip,
            archive: None,
            text: text.text,
            encoding: text.encoding,
            container: Container::Csv,
            records: None,
            files: Vec::new(),
            skipped: Vec::new(),
            stored: Vec::new(),
        });
    }
    #[cfg(not(feature = "readers"))]
    return Err(without_readers(subject, "JSON"));
    #[cfg(feature = "readers")]
    {
        let container = json_container(&text.text);
        let table = super::json::to_table(&[&text.text], subject)?;
        Ok(from_json_table(
            table,
            text.gzip,
            text.encoding,
            container,
            None,
        ))
    }
}

/// A Parquet file's flat columns as a table (`import::parquet`), within the
/// limit of a decompressed file.
#[cfg(feature = "parquet")]
fn parquet<'a>(
    bytes: &[u8],
    subject: &str,
    head: Option<usize>,
) -> Result<Decoded<'a>, InputError> {
    let limits = super::parquet::Limits {
        text_bytes: MAX_TEXT_BYTES,
        rows: u64::MAX,
        cells: u64::MAX,
    };
    let table = super::parquet::to_table(bytes, subject, head, limits)?;
    Ok(Decoded {
        gzip: false,
        archive: None,
        text: Cow::Owned(table.csv),
        encoding: Encoding::Utf8,
        container: Container::Parquet,
        records: table.rows,
        files: Vec::new(),
        skipped: Vec::new(),
        stored: table.columns,
    })
}

#[cfg(not(feature = "parquet"))]
fn parquet<'a>(_: &[u8], subject: &str, _: Option<usize>) -> Result<Decoded<'a>, InputError> {
    Err(error(
        subject,
        "a Parquet file",
        "delimited text, JSON or a workbook: Parquet files are read by the package's `parquet` part \
         (init({ parts: ['parquet'] }); Node's loader reads them always); or save the table as CSV",
    ))
}

/// Most bytes of text a file may become: a decompressed file's limit (2 GiB).
#[cfg(feature = "parquet")]
const MAX_TEXT_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// Whether bytes start as a zip archive does (Excel's `.xlsx` is one).
fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Whether text is JSON rather than delimited text: its first non-space
/// character opens an object or an array (no CSV header starts so).
fn looks_like_json(text: &[u8]) -> bool {
    matches!(
        text.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'{' | b'[')
    )
}

#[cfg(feature = "readers")]
fn json_container(text: &[u8]) -> Container {
    if text.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') {
        Container::JsonArray
    } else {
        Container::JsonLines
    }
}

/// A file's text: decompressed if gzipped, transcoded to UTF-8.
struct Text<'a> {
    gzip: bool,
    text: Cow<'a, [u8]>,
    encoding: Encoding,
}

/// Decompresses (gzip) and transcodes a file; with `head`, its first `head`
/// bytes only, cut after the last whole line.
fn to_text<'a>(
    bytes: &'a [u8],
    subject: &str,
    head: Option<usize>,
) -> Result<Text<'a>, InputError> {
    #[cfg(feature = "readers")]
    if super::gzip::is_gzip(bytes) {
        let mut inner = super::gzip::decompress(bytes, subject, head)?;
        if super::gzip::is_gzip(&inner) {
            return Err(error(
                subject,
                "a gzip file inside a gzip file",
                "a file compressed once",
            ));
        }
        if is_zip(&inner) {
            return Err(error(
                subject,
                "a zip archive inside a gzip file",
                "a zip archive, or a gzip-compressed CSV or JSON file",
            ));
        }
        // A head of it stopped mid-line: cut again, after its last whole line.
        let inner_head = head.map(|h| h.saturating_sub(2));
        let Text { text, encoding, .. } = to_text(&inner, subject, inner_head)?;
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
        return Ok(Text {
            gzip: true,
            text: Cow::Owned(text),
            encoding,
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
    Ok(Text {
        gzip: false,
        text,
        encoding,
    })
}

#[cfg(feature = "readers")]
fn from_json_table<'a>(
    table: super::json::JsonTable,
    gzip: bool,
    encoding: Encoding,
    container: Container,
    names: Option<&[String]>,
) -> Decoded<'a> {
    let name = |i: usize| names.and_then(|n| n.get(i).cloned());
    Decoded {
        gzip,
        archive: None,
        text: Cow::Owned(table.csv),
        encoding,
        container,
        records: Some(table.lines),
        files: names.map_or_else(Vec::new, |names| {
            table
                .starts
                .iter()
                .zip(names)
                .map(|(start, name)| (*start, name.clone(), 0))
                .collect()
        }),
        skipped: table
            .skipped
            .into_iter()
            .map(|(file, line, reason)| SkippedLine {
                line,
                file: name(file),
                reason,
            })
            .collect(),
        stored: Vec::new(),
    }
}

#[cfg(not(feature = "archives"))]
fn unzip<'a>(_: &'a [u8], subject: &str, _: Option<usize>) -> Result<Decoded<'a>, InputError> {
    Err(error(
        subject,
        "a zip archive (an Excel workbook is one too)",
        "delimited text, JSON lines or a JSON array, gzip-compressed or not: zip archives and Excel \
         workbooks are read by the package's `readers` part (init({ parts: ['readers'] })); or unzip it, \
         or save the sheet as CSV",
    ))
}

/// A zip: a workbook's first sheet, or the archive's files as one export
/// (all delimited text with one header, or all JSON).
#[cfg(feature = "archives")]
fn unzip<'a>(
    bytes: &'a [u8],
    subject: &str,
    head: Option<usize>,
) -> Result<Decoded<'a>, InputError> {
    use super::archive::{self, Unpacked};
    let members = match archive::unpack(bytes, subject, head)? {
        Unpacked::Workbook(sheet) => {
            return Ok(Decoded {
                gzip: false,
                archive: Some(Archive::Workbook {
                    sheet: sheet.name,
                    sheets: sheet.sheets,
                }),
                text: Cow::Owned(sheet.csv),
                encoding: Encoding::Utf8,
                container: Container::Xlsx,
                records: Some(sheet.rows),
                files: Vec::new(),
                skipped: Vec::new(),
                stored: Vec::new(),
            })
        }
        Unpacked::Files(members) => members,
    };
    let in_file = |name: &str, e: InputError| e.within(&format!("file {name} of the zip archive"));
    let mut texts = Vec::with_capacity(members.len());
    let mut names: Vec<String> = Vec::with_capacity(members.len());
    // Text decoded so far: within the 2 GiB limit across every file (each
    // gzipped file has its own 100x limit), and, for a head, its size.
    let mut total = 0usize;
    for m in &members {
        if is_zip(&m.bytes) {
            return Err(error(
                subject,
                format!("a zip archive inside a zip archive ({})", m.name),
                "an archive of the export's CSV or JSON files, gzip-compressed or not (at most two containers deep)",
            ));
        }
        let member_head = match head {
            Some(h) if total >= h => break,
            // A file read only in part is cut after its last whole line.
            Some(_) if m.cut => Some(m.bytes.len().saturating_sub(1)),
            // Else what the head still has room for (a gzipped file is
            // decompressed that far only).
            Some(h) => Some(h - total),
            None => None,
        };
        let text = to_text(&m.bytes, subject, member_head).map_err(|e| in_file(&m.name, e))?;
        total = total.saturating_add(text.text.len());
        if total as u64 > super::gzip::MAX_DECOMPRESSED_BYTES {
            return Err(error(
                subject,
                format!(
                    "a zip archive whose files decompress to more than {} bytes",
                    super::gzip::MAX_DECOMPRESSED_BYTES
                ),
                "at most 2 GiB of text across its files; split the export",
            ));
        }
        // An empty file adds nothing; nor does a later one a head cut
        // before the end of its first line (its header would look different).
        let partial = head.is_some() && !texts.is_empty() && !text.text.contains(&b'\n');
        if partial || text.text.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        texts.push(text);
        names.push(m.name.clone());
    }
    if texts.is_empty() {
        return Err(error(
            subject,
            "a zip archive whose files are empty",
            "an archive of the export's CSV or JSON files",
        ));
    }
    let gzip = texts.iter().any(|t| t.gzip);
    let encoding = texts.first().map_or(Encoding::Utf8, |t| t.encoding);
    let json: Vec<bool> = texts.iter().map(|t| looks_like_json(&t.text)).collect();
    if let Some(mixed) = json.iter().position(|j| *j != json[0]) {
        return Err(error(
            subject,
            format!(
                "a zip archive of JSON and delimited files ({} and {})",
                names[0], names[mixed]
            ),
            "files of one export, all CSV or all JSON",
        ));
    }
    let mut decoded = if json[0] {
        let container = json_container(&texts[0].text);
        let all: Vec<&[u8]> = texts.iter().map(|t| &t.text[..]).collect();
        let table = super::json::to_table(&all, subject)?;
        from_json_table(table, gzip, encoding, container, Some(&names))
    } else {
        join_delimited(&texts, &names, subject, gzip, encoding)?
    };
    decoded.archive = Some(Archive::Zip { files: names });
    Ok(decoded)
}

/// An archive's delimited files as one text: the first whole, the others
/// without their header line, which must be the first's.
#[cfg(feature = "archives")]
fn join_delimited<'a>(
    texts: &[Text<'_>],
    names: &[String],
    subject: &str,
    gzip: bool,
    encoding: Encoding,
) -> Result<Decoded<'a>, InputError> {
    // A line ends at \n, \r\n or a bare \r (Excel's "CSV (Macintosh)").
    let line_end = |t: &[u8]| {
        t.iter()
            .position(|b| *b == b'\n' || *b == b'\r')
            .unwrap_or(t.len())
    };
    let first_line = |t: &[u8]| -> Vec<u8> { t[..line_end(t)].to_vec() };
    let after_first_line = |t: &[u8]| -> usize {
        let end = line_end(t);
        match (t.get(end), t.get(end + 1)) {
            (Some(b'\r'), Some(b'\n')) => end + 2,
            (Some(_), _) => end + 1,
            (None, _) => end,
        }
    };
    let header = first_line(&texts[0].text);
    let mut joined: Vec<u8> = Vec::with_capacity(texts.iter().map(|t| t.text.len()).sum());
    let mut starts = Vec::with_capacity(texts.len());
    for (i, t) in texts.iter().enumerate() {
        let body: &[u8] = if i == 0 {
            &t.text
        } else {
            if first_line(&t.text) != header {
                let show = |h: &[u8]| String::from_utf8_lossy(&h[..h.len().min(80)]).into_owned();
                return Err(error(
                    subject,
                    format!(
                        "a zip archive whose files have different headers: {} starts \"{}\", {} starts \"{}\"",
                        names[0],
                        show(&header),
                        names[i],
                        show(&first_line(&t.text))
                    ),
                    "files of one export, each with the same header line",
                ));
            }
            &t.text[after_first_line(&t.text)..]
        };
        if !joined.is_empty() && !joined.ends_with(b"\n") && !joined.ends_with(b"\r") {
            joined.push(b'\n');
        }
        starts.push(joined.len() as u64);
        joined.extend_from_slice(body);
    }
    let first_lines = crate::input::csv::line_numbers(&joined, &starts);
    let files = starts
        .iter()
        .zip(first_lines)
        .zip(names)
        .enumerate()
        .map(|(i, ((start, line), name))| {
            // Each file's text starts at its line 1, or 2 past its header.
            let own = if i == 0 { 1 } else { 2 };
            (*start, name.clone(), own - line as i64)
        })
        .collect();
    Ok(Decoded {
        gzip,
        archive: None,
        text: Cow::Owned(joined),
        encoding,
        container: Container::Csv,
        records: None,
        files,
        skipped: Vec::new(),
        stored: Vec::new(),
    })
}

/// The error for a container this build does not read (the `analyses`
/// part of the package leaves the readers out).
#[cfg(not(feature = "readers"))]
fn without_readers(subject: &str, what: &str) -> InputError {
    error(
        subject,
        what,
        "delimited text (CSV, TSV): JSON and gzip-compressed exports are read by the package's `all` and \
         `readers` parts (init() with no parts, or init({ parts: ['readers'] })), not by the `analyses` part alone",
    )
}

impl Decoded<'_> {
    /// The 1-based line of each sorted offset into `text`, in the file it
    /// came from: for delimited text its own lines, for JSON the line of
    /// the object the offset falls in, for a workbook the sheet's row.
    pub fn line_numbers(&self, offsets: &[u64]) -> Vec<u64> {
        match &self.records {
            None => {
                let lines = crate::input::csv::line_numbers(&self.text, offsets);
                if self.files.is_empty() {
                    return lines;
                }
                offsets
                    .iter()
                    .zip(lines)
                    .map(|(o, line)| {
                        let shift = self.file_at(*o).map_or(0, |f| f.2);
                        u64::try_from(line as i64 + shift).unwrap_or(line)
                    })
                    .collect()
            }
            Some(records) => offsets
                .iter()
                .map(|o| match records.binary_search_by(|(at, _)| at.cmp(o)) {
                    Ok(i) => records[i].1,
                    Err(0) => 1,
                    Err(i) => records[i - 1].1,
                })
                .collect(),
        }
    }

    /// Each sorted offset's line ([`Decoded::line_numbers`]) and, for an
    /// archive of several files, the file it is in.
    pub fn locations(&self, offsets: &[u64]) -> Vec<(u64, Option<String>)> {
        let several = self.files.len() > 1;
        self.line_numbers(offsets)
            .into_iter()
            .zip(offsets)
            .map(|(line, o)| {
                (
                    line,
                    several
                        .then(|| self.file_name(*o))
                        .flatten()
                        .map(str::to_string),
                )
            })
            .collect()
    }

    /// The files read from a zip archive.
    pub fn files_read(&self) -> Vec<String> {
        match &self.archive {
            Some(Archive::Zip { files }) => files.clone(),
            _ => Vec::new(),
        }
    }

    /// The sheet read from a workbook.
    pub fn sheet(&self) -> Option<&str> {
        match &self.archive {
            Some(Archive::Workbook { sheet, .. }) => Some(sheet),
            _ => None,
        }
    }

    /// A warning when a workbook has sheets other than the one read.
    pub fn sheet_warning(&self) -> Option<crate::input::warning::Warning> {
        let Some(Archive::Workbook { sheet, sheets }) = &self.archive else {
            return None;
        };
        (sheets.len() > 1).then(|| {
            crate::input::warning::Warning::new(
                "other_sheets",
                "input",
                format!(
                    "The workbook has {} sheets ({}); only the first, \"{sheet}\", was read. To read another, \
                     save it as CSV, or move it first in the workbook.",
                    sheets.len(),
                    sheets.join(", ")
                ),
            )
        })
    }

    /// The file of an archive an offset into `text` falls in.
    pub fn file_name(&self, offset: u64) -> Option<&str> {
        self.file_at(offset).map(|f| f.1.as_str())
    }

    fn file_at(&self, offset: u64) -> Option<&(u64, String, i64)> {
        let i = self.files.partition_point(|f| f.0 <= offset);
        self.files.get(i.checked_sub(1)?)
    }
}
