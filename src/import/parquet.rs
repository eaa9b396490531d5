//! Parquet files (feature `parquet`): a warehouse's export of events or a
//! result table of `eventsSql`'s statements. The file's flat columns become
//! a table of CSV text, as a workbook's sheet does, so that the readers of
//! delimited exports read it unchanged (the same column guessing, the same
//! rows skipped by number); each column's stored type is kept beside it.
//!
//! Read by the `parquet` crate with the codecs that build for wasm here
//! without a C compiler: uncompressed, snappy, gzip, lz4 (zstd and brotli
//! are refused with the codec named). Values as they become text: strings
//! as they are; whole numbers and decimals exactly; dates `YYYY-MM-DD`;
//! timestamps (TIMESTAMP in ms, us or ns, and Spark's INT96) as ISO 8601 to
//! the millisecond, ending in `Z` when the file says they are adjusted to
//! UTC (as an export's text would be written without an offset otherwise).
//! Nested columns (lists, maps, structs) and types without a text form
//! (binary without a string annotation is written as its bytes) are refused
//! naming the column. Sizes are checked against the file before anything
//! is reserved, and the text is bounded like a decompressed file's. Every
//! page is checked before the crate decodes it (`parquet_pages`): PLAIN and
//! dictionary encodings are read (Parquet format version 1, what DuckDB,
//! pyarrow and Spark write by default), the DELTA ones refused.

use crate::calendar::{civil, MS_PER_DAY};
use crate::input::problem::{InputError, Problem};
use ::parquet::basic::{ConvertedType, LogicalType, TimeUnit, Type as Physical};
use ::parquet::column::reader::{ColumnReader, ColumnReaderImpl};
use ::parquet::data_type::{ByteArray, DataType, FixedLenByteArray, Int96};
use ::parquet::file::reader::{FileReader, SerializedFileReader};
use ::parquet::schema::types::ColumnDescriptor;
use std::io::Write;

/// How a Parquet file starts (and ends).
pub const MAGIC: &[u8; 4] = b"PAR1";
/// Most columns a Parquet file may have.
pub const MAX_PARQUET_COLUMNS: usize = 1_000;
/// Rows read from each column at a time: what is held in memory besides the text.
const BATCH: usize = 8_192;
/// The ISO 8601 range written as a date: years 0000 to 9999.
const MIN_ISO_MS: i64 = -62_167_219_200_000;
const MAX_ISO_MS: i64 = 253_402_300_799_999;

/// A Parquet file as a table of CSV text.
#[derive(Debug, Clone)]
pub struct ParquetTable {
    /// The header line and a line per row (a text cell with a line break is quoted).
    pub csv: Vec<u8>,
    /// Each record's offset in `csv` and its row number (the header is row 1),
    /// when a text cell held a line break (lines and rows differ then).
    pub rows: Option<Vec<(u64, u64)>>,
    /// Each column's name and how it is stored (see [`ParquetTable::columns`]).
    pub columns: Vec<(String, String)>,
}

/// How a column's values become text.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Render {
    Text,
    Bool,
    Int {
        unsigned: bool,
    },
    Decimal {
        scale: u32,
    },
    Float,
    Date,
    /// Units per millisecond (1 for MILLIS, 1,000 for MICROS, 1,000,000 for NANOS).
    Timestamp {
        per_ms: i64,
        utc: bool,
    },
    Int96,
    Uuid,
}

fn fail(subject: &str, value: impl Into<String>, expected: impl Into<String>) -> InputError {
    InputError::new(subject, vec![Problem::new("input", value, expected)])
}

/// How a column is stored, as the result names it (`timestamp-micros-utc`,
/// `date`, `int64`, `string`, ...), and how it is written; an error for a
/// column without a text form here.
fn render_of(column: &ColumnDescriptor, subject: &str) -> Result<(String, Render), InputError> {
    // A nested column's leaf is named by the column it is in.
    let name = column
        .path()
        .parts()
        .first()
        .map_or(column.name(), String::as_str);
    let unsupported = |what: String| {
        fail(
            subject,
            format!("a Parquet file whose column \"{name}\" is {what}"),
            "flat columns of text, numbers, dates or timestamps (select the user, time and event \
             columns, or cast the column to text, when exporting)",
        )
    };
    if column.max_rep_level() > 0 || column.path().parts().len() > 1 {
        return Err(unsupported(format!(
            "nested ({}: a list, map or struct)",
            column.path().string()
        )));
    }
    let physical = column.physical_type();
    let stamp = |unit: &TimeUnit, utc: bool| {
        let (per_ms, unit) = match unit {
            TimeUnit::MILLIS => (1, "millis"),
            TimeUnit::MICROS => (1_000, "micros"),
            _ => (1_000_000, "nanos"),
        };
        let zone = if utc { "utc" } else { "local" };
        (
            format!("timestamp-{unit}-{zone}"),
            Render::Timestamp { per_ms, utc },
        )
    };
    let logical = column.logical_type_ref();
    let kind = match (physical, logical, column.converted_type()) {
        (_, Some(LogicalType::Timestamp(t)), _) if physical == Physical::INT64 => {
            stamp(&t.unit, t.is_adjusted_to_u_t_c)
        }
        (Physical::INT64, None, ConvertedType::TIMESTAMP_MILLIS) => stamp(&TimeUnit::MILLIS, true),
        (Physical::INT64, None, ConvertedType::TIMESTAMP_MICROS) => stamp(&TimeUnit::MICROS, true),
        (Physical::INT32, Some(LogicalType::Date), _)
        | (Physical::INT32, None, ConvertedType::DATE) => ("date".into(), Render::Date),
        (Physical::INT32 | Physical::INT64, Some(LogicalType::Decimal(d)), _) => decimal(d.scale)?,
        (Physical::FIXED_LEN_BYTE_ARRAY, Some(LogicalType::Decimal(d)), _)
            if column.type_length() <= 16 =>
        {
            decimal(d.scale)?
        }
        (Physical::INT32 | Physical::INT64, Some(LogicalType::Integer(i)), _) => (
            format!("{}int{}", if i.is_signed { "" } else { "u" }, i.bit_width),
            Render::Int {
                unsigned: !i.is_signed,
            },
        ),
        (Physical::INT32 | Physical::INT64, None | Some(LogicalType::Unknown), _) => (
            if physical == Physical::INT32 {
                "int32"
            } else {
                "int64"
            }
            .into(),
            Render::Int { unsigned: false },
        ),
        (Physical::INT96, _, _) => ("int96-timestamp".into(), Render::Int96),
        (Physical::BOOLEAN, _, _) => ("boolean".into(), Render::Bool),
        (Physical::FLOAT, _, _) => ("float".into(), Render::Float),
        (Physical::DOUBLE, _, _) => ("double".into(), Render::Float),
        (
            Physical::BYTE_ARRAY,
            None
            | Some(
                LogicalType::String | LogicalType::Enum | LogicalType::Json | LogicalType::Unknown,
            ),
            _,
        ) => ("string".into(), Render::Text),
        (Physical::FIXED_LEN_BYTE_ARRAY, Some(LogicalType::Uuid), _)
            if column.type_length() == 16 =>
        {
            ("uuid".into(), Render::Uuid)
        }
        (_, logical, converted) => {
            return Err(unsupported(match logical {
                Some(l) => format!("of type {physical} ({l:?})"),
                None => format!("of type {physical} ({converted})"),
            }))
        }
    };
    return Ok(kind);

    fn decimal(scale: i32) -> Result<(String, Render), InputError> {
        let scale = u32::try_from(scale).unwrap_or(0).min(38);
        Ok((format!("decimal-scale-{scale}"), Render::Decimal { scale }))
    }
}

/// One column's reader and its current batch.
struct Column {
    name: String,
    reader: ColumnReader,
    render: Render,
    max_def: i16,
    defs: Vec<i16>,
    values: Values,
    next: usize,
}

enum Values {
    Bool(Vec<bool>),
    I32(Vec<i32>),
    I64(Vec<i64>),
    I96(Vec<Int96>),
    F32(Vec<f32>),
    F64(Vec<f64>),
    Bytes(Vec<ByteArray>),
    Fixed(Vec<FixedLenByteArray>),
}

fn read_batch<T: DataType>(
    reader: &mut ColumnReaderImpl<T>,
    n: usize,
    defs: Option<&mut Vec<i16>>,
    values: &mut Vec<T::T>,
) -> ::parquet::errors::Result<usize> {
    values.clear();
    reader
        .read_records(n, defs, None, values)
        .map(|(records, _, _)| records)
}

impl Column {
    /// Reads the next `n` rows of the column; how many it had.
    fn read(&mut self, n: usize) -> ::parquet::errors::Result<usize> {
        self.defs.clear();
        self.next = 0;
        let defs = (self.max_def > 0).then_some(&mut self.defs);
        match (&mut self.reader, &mut self.values) {
            (ColumnReader::BoolColumnReader(r), Values::Bool(v)) => read_batch(r, n, defs, v),
            (ColumnReader::Int32ColumnReader(r), Values::I32(v)) => read_batch(r, n, defs, v),
            (ColumnReader::Int64ColumnReader(r), Values::I64(v)) => read_batch(r, n, defs, v),
            (ColumnReader::Int96ColumnReader(r), Values::I96(v)) => read_batch(r, n, defs, v),
            (ColumnReader::FloatColumnReader(r), Values::F32(v)) => read_batch(r, n, defs, v),
            (ColumnReader::DoubleColumnReader(r), Values::F64(v)) => read_batch(r, n, defs, v),
            (ColumnReader::ByteArrayColumnReader(r), Values::Bytes(v)) => read_batch(r, n, defs, v),
            (ColumnReader::FixedLenByteArrayColumnReader(r), Values::Fixed(v)) => {
                read_batch(r, n, defs, v)
            }
            _ => Err(::parquet::errors::ParquetError::General(
                "a column whose pages do not match its type".into(),
            )),
        }
    }

    /// Writes row `row` of the batch's cell; false when the batch has no
    /// value left for it (a corrupt page). Sets `breaks` when a text cell
    /// holds a line break.
    fn write_cell(&mut self, row: usize, out: &mut Vec<u8>, breaks: &mut bool) -> bool {
        if self.max_def > 0 && self.defs.get(row).is_none_or(|d| *d < self.max_def) {
            return self.defs.get(row).is_some();
        }
        let i = self.next;
        self.next += 1;
        let written = match &self.values {
            Values::Bool(v) => v
                .get(i)
                .map(|b| out.extend_from_slice(if *b { b"true" } else { b"false" })),
            Values::I32(v) => v.get(i).map(|x| write_int(out, i64::from(*x), self.render)),
            Values::I64(v) => v.get(i).map(|x| write_int(out, *x, self.render)),
            Values::I96(v) => v.get(i).map(|x| write_ms(out, x.to_millis(), true)),
            Values::F32(v) => v.get(i).map(|x| write_float(out, f64::from(*x))),
            Values::F64(v) => v.get(i).map(|x| write_float(out, *x)),
            Values::Bytes(v) => v.get(i).map(|x| write_text(out, x.data(), breaks)),
            Values::Fixed(v) => v.get(i).map(|x| match self.render {
                Render::Uuid => write_uuid(out, x.data()),
                _ => write_decimal(out, big_endian(x.data()), self.render),
            }),
        };
        written.is_some()
    }
}

fn write_int(out: &mut Vec<u8>, v: i64, render: Render) {
    let _ = match render {
        Render::Date => {
            let (y, m, d) = civil(v);
            write!(out, "{y:04}-{m:02}-{d:02}")
        }
        Render::Timestamp { per_ms, utc } => {
            write_ms(out, v.div_euclid(per_ms), utc);
            Ok(())
        }
        Render::Decimal { .. } => {
            write_decimal(out, i128::from(v), render);
            Ok(())
        }
        // An unsigned 32-bit value is stored in an INT32's bits.
        Render::Int { unsigned: true } if (i64::from(i32::MIN)..0).contains(&v) => {
            write!(out, "{}", v as i32 as u32)
        }
        Render::Int { unsigned: true } => write!(out, "{}", v as u64),
        _ => write!(out, "{v}"),
    };
}

/// Milliseconds since the epoch as ISO 8601 (years 0000 to 9999), or the number.
fn write_ms(out: &mut Vec<u8>, ms: i64, utc: bool) {
    if !(MIN_ISO_MS..=MAX_ISO_MS).contains(&ms) {
        let _ = write!(out, "{ms}");
        return;
    }
    let day = ms.div_euclid(MS_PER_DAY as i64);
    let of_day = ms.rem_euclid(MS_PER_DAY as i64);
    let (y, m, d) = civil(day);
    let (h, min, s, milli) = (
        of_day / 3_600_000,
        of_day / 60_000 % 60,
        of_day / 1_000 % 60,
        of_day % 1_000,
    );
    let _ = write!(
        out,
        "{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}.{milli:03}{}",
        if utc { "Z" } else { "" }
    );
}

fn write_float(out: &mut Vec<u8>, v: f64) {
    let _ = write!(out, "{v}");
}

/// A big-endian two's complement integer of at most 16 bytes.
fn big_endian(bytes: &[u8]) -> i128 {
    let negative = bytes.first().is_some_and(|b| b & 0x80 != 0);
    let mut v: i128 = if negative { -1 } else { 0 };
    for b in bytes.iter().take(16) {
        v = (v << 8) | i128::from(*b);
    }
    v
}

/// A decimal's unscaled value, exactly.
fn write_decimal(out: &mut Vec<u8>, v: i128, render: Render) {
    let Render::Decimal { scale } = render else {
        let _ = write!(out, "{v}");
        return;
    };
    let digits = v.unsigned_abs().to_string();
    let scale = scale as usize;
    if v < 0 {
        out.push(b'-');
    }
    if scale == 0 {
        out.extend_from_slice(digits.as_bytes());
    } else if digits.len() > scale {
        let (int, frac) = digits.split_at(digits.len() - scale);
        let _ = write!(out, "{int}.{frac}");
    } else {
        let _ = write!(out, "0.{}{digits}", "0".repeat(scale - digits.len()));
    }
}

fn write_uuid(out: &mut Vec<u8>, b: &[u8]) {
    for (i, byte) in b.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push(b'-');
        }
        let _ = write!(out, "{byte:02x}");
    }
}

/// A cell of text, quoted when it holds the delimiter, a quote or a line break.
fn write_text(out: &mut Vec<u8>, text: &[u8], breaks: &mut bool) {
    let line_break = text.iter().any(|b| matches!(b, b'\n' | b'\r'));
    *breaks |= line_break;
    if !line_break && !text.iter().any(|b| matches!(b, b',' | b'"')) {
        out.extend_from_slice(text);
        return;
    }
    out.push(b'"');
    for b in text {
        if *b == b'"' {
            out.push(b'"');
        }
        out.push(*b);
    }
    out.push(b'"');
}

/// What a Parquet file may hold, checked against what it declares before
/// anything is read, and against the text as it is written.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Most bytes of text (and of values, as the file declares them).
    pub text_bytes: u64,
    /// Most rows.
    pub rows: u64,
    /// Most values, rows times columns.
    pub cells: u64,
}

/// A Parquet file's flat columns as CSV text, within `limits`; `head` stops
/// after the row that takes the text past that many bytes.
pub fn to_table(
    bytes: &[u8],
    subject: &str,
    head: Option<usize>,
    limits: Limits,
) -> Result<ParquetTable, InputError> {
    let limit = limits.text_bytes;
    if bytes.len() < 12 || !bytes.ends_with(MAGIC) {
        return Err(fail(
            subject,
            format!(
                "a Parquet file of {} bytes that does not end as one does (\"PAR1\")",
                bytes.len()
            ),
            "a complete Parquet file (was it cut short in the download?)",
        ));
    }
    let unreadable = |e: ::parquet::errors::ParquetError| {
        fail(
            subject,
            format!("a Parquet file that cannot be read ({e})"),
            "a complete, uncorrupted Parquet file",
        )
    };
    let reader =
        SerializedFileReader::new(bytes::Bytes::copy_from_slice(bytes)).map_err(unreadable)?;
    let meta = reader.metadata();
    let schema = meta.file_metadata().schema_descr();
    let count = schema.num_columns();
    if count == 0 || count > MAX_PARQUET_COLUMNS {
        return Err(fail(
            subject,
            format!("a Parquet file of {count} columns"),
            format!("from 1 to {MAX_PARQUET_COLUMNS} columns"),
        ));
    }
    let mut columns = Vec::with_capacity(count);
    let mut renders = Vec::with_capacity(count);
    for i in 0..count {
        let descriptor = schema.column(i);
        let (stored, render) = render_of(&descriptor, subject)?;
        columns.push((descriptor.name().to_string(), stored));
        renders.push(render);
    }
    // What the file declares, checked before anything is read: every row
    // group's rows and sizes within the file and the text's limit.
    let mut declared = 0u64;
    for g in 0..reader.num_row_groups() {
        let group = meta.row_group(g);
        let rows = u64::try_from(group.num_rows()).unwrap_or(u64::MAX);
        let size = group
            .columns()
            .iter()
            .map(|c| u64::try_from(c.uncompressed_size()).unwrap_or(u64::MAX))
            .fold(0u64, u64::saturating_add);
        declared = declared.saturating_add(size);
        // Where each column chunk is: within the file (the crate asserts
        // these are not negative).
        for (i, c) in group.columns().iter().enumerate() {
            let start = c.dictionary_page_offset().unwrap_or(c.data_page_offset());
            let inside = |n: i64| u64::try_from(n).is_ok_and(|n| n <= bytes.len() as u64);
            if !inside(start)
                || !inside(c.data_page_offset())
                || !inside(c.compressed_size())
                || !inside(start.saturating_add(c.compressed_size()))
            {
                return Err(fail(
                    subject,
                    format!(
                        "a Parquet file whose column {i} in row group {g} lies outside the file \
                         ({} bytes at {start} of {})",
                        c.compressed_size(),
                        bytes.len()
                    ),
                    "a complete, uncorrupted Parquet file",
                ));
            }
        }
        if rows > limit || (head.is_none() && declared > limit) {
            return Err(fail(
                subject,
                format!(
                    "a Parquet file whose row group {g} declares {rows} rows ({declared} bytes of values so far)"
                ),
                format!("at most {limit} bytes of values; split the file"),
            ));
        }
    }
    let rows = u64::try_from(meta.file_metadata().num_rows()).unwrap_or(u64::MAX);
    if head.is_none() && (rows > limits.rows || rows.saturating_mul(count as u64) > limits.cells) {
        return Err(fail(
            subject,
            format!("a Parquet file of {rows} rows and {count} columns"),
            format!("at most {} rows and {} values", limits.rows, limits.cells),
        ));
    }
    let mut csv: Vec<u8> = Vec::new();
    for (i, (name, _)) in columns.iter().enumerate() {
        if i > 0 {
            csv.push(b',');
        }
        write_text(&mut csv, name.as_bytes(), &mut false);
    }
    csv.push(b'\n');
    let mut breaks = false;
    'groups: for g in 0..reader.num_row_groups() {
        let group = reader.get_row_group(g).map_err(unreadable)?;
        let rows = usize::try_from(group.metadata().num_rows()).unwrap_or(0);
        let mut state = Vec::with_capacity(count);
        for (i, render) in renders.iter().enumerate() {
            let descriptor = schema.column(i);
            let in_group = |e: ::parquet::errors::ParquetError| {
                fail(
                    subject,
                    format!(
                        "a Parquet file whose column \"{}\" cannot be read in row group {g} ({e})",
                        descriptor.name()
                    ),
                    "a complete, uncorrupted Parquet file compressed with snappy, gzip or lz4 (or none): \
                     zstd and brotli are not read here; write it again with COMPRESSION snappy",
                )
            };
            // Each page checked before the crate decodes it (see `Checked`).
            let pages = group.get_column_page_reader(i).map_err(in_group)?;
            let checked = super::parquet_pages::Checked {
                inner: pages,
                dictionary: false,
                max_def: descriptor.max_def_level(),
                physical: descriptor.physical_type(),
                type_length: descriptor.type_length(),
            };
            let reader =
                ::parquet::column::reader::get_column_reader(descriptor.clone(), Box::new(checked));
            let values = match &reader {
                ColumnReader::BoolColumnReader(_) => Values::Bool(Vec::new()),
                ColumnReader::Int32ColumnReader(_) => Values::I32(Vec::new()),
                ColumnReader::Int64ColumnReader(_) => Values::I64(Vec::new()),
                ColumnReader::Int96ColumnReader(_) => Values::I96(Vec::new()),
                ColumnReader::FloatColumnReader(_) => Values::F32(Vec::new()),
                ColumnReader::DoubleColumnReader(_) => Values::F64(Vec::new()),
                ColumnReader::ByteArrayColumnReader(_) => Values::Bytes(Vec::new()),
                ColumnReader::FixedLenByteArrayColumnReader(_) => Values::Fixed(Vec::new()),
            };
            state.push(Column {
                name: descriptor.name().to_string(),
                reader,
                render: *render,
                max_def: descriptor.max_def_level(),
                defs: Vec::new(),
                values,
                next: 0,
            });
        }
        let mut done = 0usize;
        while done < rows {
            let n = BATCH.min(rows - done);
            for column in &mut state {
                let read = column.read(n).map_err(|e| {
                    fail(
                        subject,
                        format!(
                            "a Parquet file whose column \"{}\" cannot be read in row group {g} ({e})",
                            column.name
                        ),
                        "a complete, uncorrupted Parquet file compressed with snappy, gzip or lz4 (or none): \
                         zstd and brotli are not read here; write it again with COMPRESSION snappy",
                    )
                })?;
                if read != n {
                    return Err(fail(
                        subject,
                        format!(
                            "a Parquet file whose column \"{}\" has {} rows in row group {g}, which declares {rows}",
                            column.name,
                            done + read
                        ),
                        "a complete, uncorrupted Parquet file (was it cut short?)",
                    ));
                }
            }
            for row in 0..n {
                for (i, column) in state.iter_mut().enumerate() {
                    if i > 0 {
                        csv.push(b',');
                    }
                    if !column.write_cell(row, &mut csv, &mut breaks) {
                        return Err(fail(
                            subject,
                            format!(
                                "a Parquet file whose column \"{}\" has fewer values than rows in row group {g}",
                                column.name
                            ),
                            "a complete, uncorrupted Parquet file",
                        ));
                    }
                }
                csv.push(b'\n');
                if head.is_some_and(|h| csv.len() >= h) {
                    break 'groups;
                }
            }
            if csv.len() as u64 > limit {
                return Err(fail(
                    subject,
                    format!("a Parquet file whose values take more than {limit} bytes as text"),
                    format!("at most {limit} bytes; split the file"),
                ));
            }
            done += n;
        }
    }
    let rows = breaks.then(|| record_rows(&csv));
    Ok(ParquetTable { csv, rows, columns })
}

/// Each record's offset and row number (the header is row 1), for text
/// whose cells hold line breaks.
fn record_rows(csv: &[u8]) -> Vec<(u64, u64)> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv);
    let mut record = csv::ByteRecord::new();
    let mut rows = Vec::new();
    let mut row = 0u64;
    while let Ok(true) = reader.read_byte_record(&mut record) {
        row += 1;
        if let Some(position) = record.position() {
            rows.push((position.byte(), row));
        }
    }
    rows
}
