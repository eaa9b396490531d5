//! Shared by the CSV readers (survey answers, usage events): opening an
//! export (its delimiter and header line), its rows (blank, ragged and
//! unreadable ones logged the same way for every kind of file), where a
//! record really starts and its line number (the `csv` crate's own count
//! leaves out blank lines), the columns a caller names, and how each column
//! was found.

// Shared by the survey and events readers; a build with one of them
// leaves what only the other uses unused.
#![cfg_attr(not(all(feature = "survey", feature = "events")), allow(dead_code))]

use crate::input::problem::Problem;
use crate::input::suggest::did_you_mean;
use serde::Serialize;

/// Where a question's answers were read from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct DetectedColumn {
    /// The column's header (or the array's name).
    pub header: String,
    /// 0-based column position.
    pub index: u32,
    /// How it was found: named in `options.columns`, as the export's tool names it (`source`:
    /// PostHog's `person_id`, GA4's `event_timestamp`), by its header's words, by its values,
    /// or given as an array.
    #[cfg_attr(
        feature = "wasm",
        tsify(type = "\"option\" | \"source\" | \"header\" | \"values\" | \"array\"")
    )]
    pub detected_by: String,
    /// The question the column asks, where the export writes it apart from the header
    /// (Qualtrics: `Q5` asks "What is your role?").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// The header of the next column that could have been chosen (found the same way), when
    /// there was one: name it in `options.columns` to use it instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub runner_up: Option<String>,
}

impl DetectedColumn {
    pub(crate) fn new(header: &str, index: usize, how: &str) -> DetectedColumn {
        DetectedColumn {
            header: header.to_string(),
            index: u32::try_from(index).unwrap_or(u32::MAX),
            detected_by: how.to_string(),
            question: None,
            runner_up: None,
        }
    }

    /// The column with the question its export writes for it, if any (and not the header again).
    pub(crate) fn asking(mut self, questions: &[String]) -> DetectedColumn {
        self.question = questions
            .get(self.index as usize)
            .filter(|q| !q.is_empty() && **q != self.header)
            .cloned();
        self
    }
}

/// Where a record really starts: the csv crate's record span begins where the
/// previous record ended, which (with CRLF, whose \n it leaves to the next
/// record) may be the end of the previous line, then any blank lines.
/// Returns the offsets of those blank lines and of the record's first byte.
pub fn record_start(bytes: &[u8], start: usize) -> (Vec<usize>, usize) {
    let mut at = start.min(bytes.len());
    if at > 0 && bytes[at - 1] == b'\r' && bytes.get(at) == Some(&b'\n') {
        at += 1;
    }
    let mut blanks = Vec::new();
    let mut line_start = at;
    while let Some(&b) = bytes.get(at) {
        match b {
            b'\r' if bytes.get(at + 1) == Some(&b'\n') => at += 1,
            // \n, or a lone \r (old Mac line ends), ends a blank line.
            b'\n' | b'\r' => {
                blanks.push(line_start);
                at += 1;
                line_start = at;
            }
            _ => break,
        }
    }
    (blanks, line_start)
}

/// 1-based line numbers of sorted byte offsets: one pass over the bytes up to
/// the last offset (the csv crate's own count leaves out blank lines).
pub fn line_numbers(bytes: &[u8], offsets: &[u64]) -> Vec<u64> {
    let mut line = 1u64;
    let mut scanned = 0usize;
    offsets
        .iter()
        .map(|&o| {
            let o = (o as usize).min(bytes.len());
            if o > scanned {
                // A line ends at \n, or at a \r not followed by \n.
                line += bytes[scanned..o]
                    .iter()
                    .enumerate()
                    .filter(|(i, b)| {
                        **b == b'\n' || (**b == b'\r' && bytes.get(scanned + i + 1) != Some(&b'\n'))
                    })
                    .count() as u64;
                scanned = o;
            }
            line
        })
        .collect()
}

/// True when the file has an odd number of `"`: a quote opened and never
/// closed, which makes the csv reader take the rest of the file as one field.
pub fn unbalanced_quote(bytes: &[u8]) -> bool {
    bytes.iter().filter(|b| **b == b'"').count() % 2 == 1
}

/// The reason reported for the row where an unbalanced quote starts.
pub const UNBALANCED_QUOTE: &str =
    "a quote opened here is never closed: the rest of the file was read as one field";

/// The delimiter that splits the header line most: `,` `;` tab or `|`,
/// ignoring quoted text.
pub fn detect_delimiter(body: &[u8]) -> u8 {
    let mut counts = [0usize; 4];
    let candidates = [b',', b';', b'\t', b'|'];
    let mut quoted = false;
    for &b in body.iter().take(64 * 1024) {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = candidates.iter().position(|c| *c == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let best = (0..4).max_by_key(|i| (counts[*i], 3 - i)).unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        candidates[best]
    }
}

/// The rows of an export after its header line. Every record is checked
/// the same way for every kind of file: blank lines, blank rows and rows
/// with another number of fields than the header are logged with their
/// offset, as are an unreadable tail and an unbalanced quote; the other
/// rows go to the caller.
pub struct Rows<'b> {
    reader: csv::Reader<&'b [u8]>,
    bytes: &'b [u8],
    fields: usize,
    /// Records already read past the header (while looking for more header
    /// rows): they come first.
    pending: Vec<csv::ByteRecord>,
    /// Where the last record read ends.
    last_end: usize,
    /// Where the last record read starts.
    last_start: usize,
}

impl<'b> Rows<'b> {
    /// The rows of `bytes`, the text `reader` reads (positioned after the
    /// header, as [`crate::import::open`] leaves it): `pending`, records it
    /// has already read after the header, then the reader's.
    pub fn with_pending(
        reader: csv::Reader<&'b [u8]>,
        bytes: &'b [u8],
        fields: usize,
        pending: Vec<csv::ByteRecord>,
    ) -> Rows<'b> {
        let last_end = reader.position().byte() as usize;
        let mut pending = pending;
        pending.reverse(); // popped from the end, first record first
        Rows {
            reader,
            bytes,
            fields,
            pending,
            last_end,
            last_start: 0,
        }
    }

    /// Reads up to `n` records ahead (a sample to detect columns from);
    /// they are handed back to [`Rows::each`] as `ahead`.
    pub fn read_ahead(&mut self, n: usize) -> Vec<csv::ByteRecord> {
        let mut sample = Vec::new();
        while sample.len() < n {
            if let Some(record) = self.pending.pop() {
                sample.push(record);
                continue;
            }
            let mut record = csv::ByteRecord::new();
            match self.reader.read_byte_record(&mut record) {
                Ok(true) => {
                    self.last_end = self.reader.position().byte() as usize;
                    sample.push(record);
                }
                _ => break,
            }
        }
        sample
    }

    /// Hands every usable row, those read ahead first, to `row` with the
    /// offset where it starts; `skip` gets the offset and the reason of
    /// everything else. Both work on the reader's `state`.
    pub fn each<T>(
        mut self,
        ahead: &[csv::ByteRecord],
        state: &mut T,
        row: impl Fn(&mut T, &csv::ByteRecord, usize),
        skip: impl Fn(&mut T, usize, &str),
    ) {
        let check = |state: &mut T, record: &csv::ByteRecord, last_start: &mut usize| {
            let position = record.position().map(|p| p.byte() as usize);
            *last_start = position.unwrap_or(*last_start);
            let (blank_lines, start) = record_start(self.bytes, position.unwrap_or(0));
            for blank in blank_lines {
                skip(state, blank, "blank row");
            }
            if record.iter().all(|f| f.trim_ascii().is_empty()) {
                skip(state, start, "blank row");
            } else if record.len() != self.fields {
                let reason = format!(
                    "ragged row: {} fields where the header has {}",
                    record.len(),
                    self.fields
                );
                skip(state, start, &reason);
            } else {
                row(state, record, start);
            }
        };
        for record in ahead {
            check(state, record, &mut self.last_start);
        }
        while let Some(record) = self.pending.pop() {
            check(state, &record, &mut self.last_start);
        }
        let mut record = csv::ByteRecord::new();
        loop {
            match self.reader.read_byte_record(&mut record) {
                Ok(true) => {
                    self.last_end = self.reader.position().byte() as usize;
                    check(state, &record, &mut self.last_start);
                }
                Ok(false) => break,
                Err(e) => {
                    // The csv crate stops at what it cannot read: report it
                    // and keep what was read.
                    let at = e
                        .position()
                        .map_or(self.reader.position().byte(), |p| p.byte());
                    let reason = format!("the file could not be read past here: {e}");
                    skip(state, at as usize, &reason);
                    break;
                }
            }
        }
        // Blank lines after the last record (its own line end is part of it).
        for blank in record_start(self.bytes, self.last_end).0 {
            skip(state, blank, "blank row");
        }
        if unbalanced_quote(self.bytes) {
            skip(
                state,
                record_start(self.bytes, self.last_start).1,
                UNBALANCED_QUOTE,
            );
        }
    }
}

/// The headers of a file, for messages: the first 12, separated by `|`.
pub fn header_list(headers: &[String]) -> String {
    let listed: Vec<&str> = headers.iter().take(12).map(String::as_str).collect();
    listed.join(" | ")
}

/// The column the caller named for `role` (`options.columns.{role}`),
/// matched ignoring case and spacing; when there is none, a problem whose
/// hint is the header most likely meant.
pub fn named_column(
    headers: &[String],
    normalized: &[String],
    role: &str,
    name: &str,
    problems: &mut Vec<Problem>,
) -> Option<usize> {
    let wanted = normalize_header(name);
    let found = normalized.iter().position(|h| *h == wanted);
    if found.is_none() {
        let hint = closest_header(&wanted, normalized)
            .map(|i| format!("did you mean \"{}\"?", headers[i]));
        problems.push(
            Problem::new(
                format!("options.columns.{role}"),
                format!("\"{name}\""),
                format!(
                    "a column of the file (its headers: {})",
                    header_list(headers)
                ),
            )
            .with_hint(hint),
        );
    }
    found
}

/// A header as compared: lower case, whitespace collapsed.
pub fn normalize_header(h: &str) -> String {
    h.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The header a mistyped or shortened column name most likely meant: a near
/// miss by spelling, else the header sharing most of its words (at least
/// half of them).
pub fn closest_header(wanted: &str, normalized: &[String]) -> Option<usize> {
    if let Some(h) = did_you_mean(wanted, normalized.iter().map(String::as_str)) {
        return normalized.iter().position(|x| x == h);
    }
    let words: Vec<&str> = wanted.split_whitespace().collect();
    let shared = |h: &String| {
        words
            .iter()
            .filter(|w| {
                h.split_whitespace()
                    .any(|x| x.trim_matches(|c: char| !c.is_alphanumeric()) == **w)
            })
            .count()
    };
    let (best, count) = normalized
        .iter()
        .enumerate()
        .map(|(i, h)| (i, shared(h)))
        .max_by_key(|(i, n)| (*n, usize::MAX - i))?;
    (count * 2 >= words.len() && count > 0).then_some(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters() {
        assert_eq!(detect_delimiter(b"a;b;\"c,d\"\n1;2;3"), b';');
        assert_eq!(detect_delimiter(b"a,b,c\n"), b',');
        assert_eq!(detect_delimiter(b"a\tb\n"), b'\t');
        assert_eq!(detect_delimiter(b"single\n"), b',');
    }

    #[test]
    fn record_starts_and_line_numbers() {
        // Offsets as the csv crate reports them: with CRLF a record's span
        // starts at the \n ending the line before.
        let data = b"h\r\n1\r\n\r\n\r\n2\r\n";
        assert_eq!(record_start(data, 2), (vec![], 3));
        assert_eq!(record_start(data, 5), (vec![6, 8], 10));
        assert_eq!(line_numbers(data, &[0, 3, 6, 8, 10]), vec![1, 2, 3, 4, 5]);
        let lf = b"h\n1\n\n2\n";
        assert_eq!(record_start(lf, 2), (vec![], 2));
        assert_eq!(record_start(lf, 4), (vec![4], 5));
        assert_eq!(line_numbers(lf, &[4, 5]), vec![3, 4]);
        let cr = b"h\r1\r\r2\r";
        assert_eq!(record_start(cr, 4), (vec![4], 5));
        assert_eq!(line_numbers(cr, &[2, 4, 5]), vec![2, 3, 4]);
        assert!(unbalanced_quote(b"a,\"b\nc,d\n"));
        assert!(!unbalanced_quote(b"a,\"b\"\"c\"\n"));
    }
}
