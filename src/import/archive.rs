//! Zip archives and Excel workbooks. Amplitude exports a zip of hourly
//! gzipped JSON-lines files, Qualtrics a zip holding its CSV, Microsoft
//! Forms an `.xlsx` workbook (itself a zip of XML). A workbook's first sheet
//! becomes a table (by calamine); an archive's files are read in name order
//! (Amplitude's hourly names sort by time), for the caller to join into one
//! export. Only stored and deflated entries are read, none encrypted, and
//! every size the archive declares is checked before anything is
//! decompressed (the zip crate stops an entry at its declared size).

use super::gzip::{MAX_DECOMPRESSED_BYTES, MAX_EXPANSION};
use crate::input::problem::{InputError, Problem};
use std::io::{Cursor, Read};
use zip::CompressionMethod;

/// Most files an archive may hold.
pub const MAX_ARCHIVE_FILES: usize = 10_000;
/// Most bytes a workbook's shared strings (every distinct text of its cells,
/// which the reader keeps in memory) may take, as XML.
pub const MAX_SHARED_STRINGS_BYTES: u64 = 256 * 1024 * 1024;

/// One file of an archive.
#[derive(Debug, Clone)]
pub struct Member {
    /// Its path in the archive.
    pub name: String,
    /// Its bytes (still gzip-compressed if it was).
    pub bytes: Vec<u8>,
    /// Whether only its first bytes were read (a head).
    pub cut: bool,
}

/// A workbook's first sheet as CSV text.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The sheet's name.
    pub name: String,
    /// Every sheet's name, in the workbook's order.
    pub sheets: Vec<String>,
    /// The sheet's rows as CSV (empty rows left out).
    pub csv: Vec<u8>,
    /// Each record's offset in `csv` and its row number in the sheet (1-based).
    pub rows: Vec<(u64, u64)>,
}

/// What a zip held.
#[derive(Debug, Clone)]
pub enum Unpacked {
    /// An Excel workbook.
    Workbook(Sheet),
    /// An archive's files, in name order (folders, macOS metadata and hidden
    /// files left out).
    Files(Vec<Member>),
}

fn error(subject: &str, value: impl Into<String>, expected: impl Into<String>) -> InputError {
    InputError::new(subject, vec![Problem::new("input", value, expected)])
}

/// Reads a zip: a workbook's first sheet, or the archive's files. With
/// `head`, files stop once about `head` bytes are read (a gzipped file is
/// read whole, to be decompressed).
pub fn unpack(bytes: &[u8], subject: &str, head: Option<usize>) -> Result<Unpacked, InputError> {
    let unreadable = |e: zip::result::ZipError| {
        error(
            subject,
            format!("a zip archive that cannot be read ({e})"),
            "a complete zip archive or Excel workbook (was it cut short in the download?)",
        )
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(unreadable)?;
    if archive.len() > MAX_ARCHIVE_FILES {
        return Err(error(
            subject,
            format!("a zip archive of {} files", archive.len()),
            format!("at most {MAX_ARCHIVE_FILES} files; split the export"),
        ));
    }
    let limit = MAX_DECOMPRESSED_BYTES.min((bytes.len() as u64).saturating_mul(MAX_EXPANSION));
    let (mut total, mut workbook) = (0u64, false);
    let mut files = Vec::new();
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(unreadable)?;
        let name = entry.name().map_or_else(
            |_| String::from_utf8_lossy(entry.name_raw()).into_owned(),
            |n| n.into_owned(),
        );
        if entry.is_dir() {
            continue;
        }
        if entry.encrypted() {
            return Err(error(
                subject,
                format!("a zip archive whose file {name} is encrypted"),
                "an archive without a password: extract it, then give the file",
            ));
        }
        if !matches!(
            entry.compression(),
            CompressionMethod::Stored | CompressionMethod::Deflated
        ) {
            return Err(error(
                subject,
                format!(
                    "a zip archive whose file {name} is compressed by {}",
                    entry.compression()
                ),
                "files stored or deflated (what zip tools write by default): extract it, then give the file",
            ));
        }
        if name == "xl/sharedStrings.xml" && entry.size() > MAX_SHARED_STRINGS_BYTES {
            return Err(error(
                subject,
                format!("a workbook whose shared strings take {} bytes", entry.size()),
                format!(
                    "at most {MAX_SHARED_STRINGS_BYTES} bytes (256 MiB) of distinct cell text; save the sheet as CSV"
                ),
            ));
        }
        total = total.saturating_add(entry.size());
        workbook |= name == "xl/workbook.xml";
        if is_export_file(&name) {
            files.push((i, name));
        }
    }
    if total > limit {
        return Err(error(
            subject,
            format!(
                "a zip archive of {} bytes whose files decompress to {total} bytes",
                bytes.len()
            ),
            format!(
                "at most {MAX_EXPANSION} times its compressed size, and at most {MAX_DECOMPRESSED_BYTES} bytes (2 GiB); split the export"
            ),
        ));
    }
    if workbook {
        return first_sheet(bytes, subject).map(Unpacked::Workbook);
    }
    if files.is_empty() {
        return Err(error(
            subject,
            "a zip archive without a file",
            "an archive of the export's CSV or JSON files",
        ));
    }
    files.sort_by(|a, b| a.1.cmp(&b.1));
    let mut members = Vec::with_capacity(files.len());
    let mut read = 0usize;
    for (i, name) in files {
        if head.is_some_and(|h| read >= h) {
            break;
        }
        let mut entry = archive.by_index(i).map_err(unreadable)?;
        let mut out = Vec::new();
        let wanted = head.map_or(u64::MAX, |h| (h - read) as u64);
        let mut result = (&mut entry).take(wanted).read_to_end(&mut out);
        if result.is_ok() && super::gzip::is_gzip(&out) {
            // A gzipped file is read whole (it is compressed): only its head
            // is decompressed, by the caller.
            result = entry.read_to_end(&mut out);
        }
        if let Err(e) = result {
            return Err(error(
                subject,
                format!("a zip archive whose file {name} cannot be decompressed ({e})"),
                "a complete zip archive (was it cut short in the download?)",
            ));
        }
        read = read.saturating_add(out.len());
        let cut = (out.len() as u64) < entry.size();
        members.push(Member {
            name,
            bytes: out,
            cut,
        });
    }
    Ok(Unpacked::Files(members))
}

/// Whether an archive's file is part of the export: not a folder, nor
/// macOS' resource forks (`__MACOSX/`), nor a hidden file (`.DS_Store`).
fn is_export_file(name: &str) -> bool {
    !name.ends_with('/')
        && !name.starts_with("__MACOSX/")
        && !name.rsplit('/').next().is_some_and(|f| f.starts_with('.'))
}

/// Most columns a sheet may have (a cell further right is an error): a
/// sheet is read cell by cell, so a far cell cannot make a huge grid.
pub const MAX_SHEET_COLUMNS: u32 = 2_000;

/// A workbook's first sheet, as CSV: its cells streamed in order (never a
/// grid over the used rectangle, which one far cell would make enormous),
/// each row written as it ends, within the sheet column and size limits.
fn first_sheet(bytes: &[u8], subject: &str) -> Result<Sheet, InputError> {
    use calamine::Reader;
    let unreadable = |e: calamine::XlsxError| {
        error(
            subject,
            format!("an Excel workbook that cannot be read ({e})"),
            "an .xlsx workbook as Excel saves it (or its sheet saved as CSV)",
        )
    };
    let mut book = calamine::Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let sheets = book.sheet_names();
    let Some(name) = sheets.first().cloned() else {
        return Err(error(
            subject,
            "an Excel workbook without a sheet",
            "a workbook whose first sheet holds the export",
        ));
    };
    let limit = MAX_DECOMPRESSED_BYTES.min((bytes.len() as u64).saturating_mul(MAX_EXPANSION));
    let mut cells = book.worksheet_cells_reader(&name).map_err(unreadable)?;
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .flexible(true)
        .from_writer(Vec::new());
    let mut rows = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut row_number: Option<u32> = None;
    let flush = |fields: &mut Vec<String>,
                 row: u32,
                 rows: &mut Vec<(u64, u64)>,
                 writer: &mut csv::Writer<Vec<u8>>| {
        if fields.iter().any(|f| !f.is_empty()) {
            let _ = writer.flush();
            rows.push((writer.get_ref().len() as u64, u64::from(row) + 1));
            let _ = writer.write_record(fields.iter());
        }
        fields.clear();
    };
    while let Some(cell) = cells.next_cell().map_err(unreadable)? {
        let (row, column) = cell.get_position();
        if column >= MAX_SHEET_COLUMNS {
            return Err(error(
                subject,
                format!("an Excel workbook whose sheet {name} has a cell in column {}", column + 1),
                format!("a sheet at most {MAX_SHEET_COLUMNS} columns wide; save the export's columns as CSV"),
            ));
        }
        if row_number != Some(row) {
            if let Some(previous) = row_number {
                flush(&mut fields, previous, &mut rows, &mut writer);
            }
            row_number = Some(row);
            if writer.get_ref().len() as u64 > limit {
                return Err(error(
                    subject,
                    format!("an Excel workbook of {} bytes whose sheet makes more than {limit} bytes of rows", bytes.len()),
                    format!(
                        "at most {MAX_EXPANSION} times the workbook's size, and at most {MAX_DECOMPRESSED_BYTES} bytes (2 GiB)"
                    ),
                ));
            }
        }
        let column = column as usize;
        if fields.len() <= column {
            fields.resize(column + 1, String::new());
        }
        fields[column] = cell_text(cell.get_value());
    }
    if let Some(last) = row_number {
        flush(&mut fields, last, &mut rows, &mut writer);
    }
    drop(cells);
    let csv = writer.into_inner().unwrap_or_default();
    if rows.is_empty() {
        return Err(error(
            subject,
            format!("an Excel workbook whose first sheet ({name}) is empty"),
            "the export's rows on the workbook's first sheet",
        ));
    }
    Ok(Sheet {
        name,
        sheets,
        csv,
        rows,
    })
}

/// A cell as the text a CSV export of it would hold: numbers in their
/// shortest form, dates and times as ISO 8601 (`2026-11-03 09:00:00`; a
/// workbook has no time zone), errors as Excel shows them (`#N/A`).
fn cell_text(cell: &calamine::DataRef<'_>) -> String {
    use calamine::DataRef as Data;
    match cell {
        Data::Empty => String::new(),
        Data::SharedString(s) => s.to_string(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::Error(e) => e.to_string(),
        Data::DateTime(d) if d.is_duration() => d.as_f64().to_string(),
        Data::DateTime(d) => {
            let (y, mo, day, h, mi, s, _) = d.to_ymd_hms_milli();
            if d.as_f64() < 1.0 {
                format!("{h:02}:{mi:02}:{s:02}")
            } else if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{mo:02}-{day:02}")
            } else {
                format!("{y:04}-{mo:02}-{day:02} {h:02}:{mi:02}:{s:02}")
            }
        }
    }
}
