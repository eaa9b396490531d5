//! Rows and answers that were not used, and why: every reader of a file
//! or of answer arrays logs them here, the first few with their line, all
//! counted by reason, so nothing is dropped silently.

// Shared by the survey and events readers; a build with one of them
// leaves what only the other uses unused.
#![cfg_attr(not(all(feature = "survey", feature = "events")), allow(dead_code))]

use serde::Serialize;
use std::collections::BTreeMap;

/// Most issues listed with their line; the rest are counted.
pub const LISTED_ISSUES: usize = 20;

/// Where a row came from: a line of a file, or an index into arrays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowId {
    /// Byte offset in the CSV file where the row starts; turned into a
    /// [`RowId::Line`] once reading is done (lines are counted only for the
    /// issues listed).
    Offset(u64),
    /// 1-based line of the CSV file where the row starts.
    Line(u64),
    /// 0-based index into the answer arrays.
    Index(u64),
}

/// One row or answer that was not used.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    /// Where it is.
    pub row: RowId,
    /// The file of an archive it is in.
    pub file: Option<String>,
    /// The question's column, for an answer.
    pub column: Option<String>,
    /// Why it was not used.
    pub reason: String,
    /// The value, shortened, for an answer.
    pub value: Option<String>,
}

/// Issues of one kind: the first [`LISTED_ISSUES`] listed, all counted by reason.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IssueLog {
    /// How many in all.
    pub count: u64,
    /// How many for each reason.
    pub by_reason: BTreeMap<String, u64>,
    /// The first ones, in input order.
    pub listed: Vec<Issue>,
}

impl IssueLog {
    /// The counts by reason in words, for an error that says why nothing
    /// could be used: "2 × blank row; 1 × ragged row: ...".
    pub fn summary(&self) -> String {
        let reasons: Vec<String> = self
            .by_reason
            .iter()
            .map(|(reason, n)| format!("{n} × {reason}"))
            .collect();
        reasons.join("; ")
    }

    /// Turns the listed issues' byte offsets into line numbers (and files),
    /// with `locate` mapping sorted offsets to their lines and files (counted once, for the listed
    /// issues only).
    pub fn resolve_rows(&mut self, locate: impl Fn(&[u64]) -> Vec<(u64, Option<String>)>) {
        let mut offsets: Vec<u64> = self
            .listed
            .iter()
            .filter_map(|i| {
                if let RowId::Offset(o) = i.row {
                    Some(o)
                } else {
                    None
                }
            })
            .collect();
        offsets.sort_unstable();
        offsets.dedup();
        let places = locate(&offsets);
        for issue in &mut self.listed {
            if let RowId::Offset(o) = issue.row {
                if let Ok(i) = offsets.binary_search(&o) {
                    let (line, file) = places.get(i).cloned().unwrap_or((0, None));
                    issue.row = RowId::Line(line);
                    issue.file = file;
                }
            }
        }
    }

    /// Adds issues found apart from the row loop, already at their lines
    /// (JSON lines that hold no object): each counted, and the listed ones
    /// kept the first [`LISTED_ISSUES`] in file order (files by name, the
    /// order an archive's are read in; then lines). Call after
    /// [`IssueLog::resolve_rows`].
    pub fn merge_lines(&mut self, extra: impl IntoIterator<Item = Issue>) {
        let mut added = false;
        for issue in extra {
            self.count += 1;
            *self.by_reason.entry(issue.reason.clone()).or_insert(0) += 1;
            if self.listed.len() < 2 * LISTED_ISSUES {
                self.listed.push(issue);
                added = true;
            }
        }
        if added {
            let line = |i: &Issue| match i.row {
                RowId::Line(l) => l,
                _ => u64::MAX,
            };
            self.listed
                .sort_by(|a, b| (&a.file, line(a)).cmp(&(&b.file, line(b))));
            self.listed.truncate(LISTED_ISSUES);
        }
    }

    /// Records one issue whose reason is known text, building the issue only
    /// when it will be listed (the common case for big files is counting).
    pub fn push_with(&mut self, reason: &str, build: impl FnOnce() -> Issue) {
        self.count += 1;
        match self.by_reason.get_mut(reason) {
            Some(n) => *n += 1,
            None => {
                self.by_reason.insert(reason.to_string(), 1);
            }
        }
        if self.listed.len() < LISTED_ISSUES {
            self.listed.push(build());
        }
    }
}

/// Rows or answers that were not used.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(rename_all = "camelCase")]
pub struct RowReport {
    /// How many in all.
    pub count: u64,
    /// How many for each reason.
    pub by_reason: BTreeMap<String, u64>,
    /// The first 20, in file order.
    pub first: Vec<RowIssue>,
}

/// One row or answer not used.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RowIssue {
    /// Line of the file where the row starts (1 = the header line); for an
    /// Excel workbook, the row of its sheet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// For a zip archive of several files, the file the line is in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Index into the answer arrays, for array input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<u64>,
    /// The question's column, for an answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// Why it was not used.
    pub reason: String,
    /// The value (shortened), for an answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

impl RowReport {
    pub(crate) fn from_log(log: &IssueLog) -> RowReport {
        RowReport {
            count: log.count,
            by_reason: log.by_reason.clone(),
            first: log.listed.iter().map(RowIssue::from_issue).collect(),
        }
    }
}

impl RowIssue {
    fn from_issue(i: &Issue) -> RowIssue {
        let (line, index) = match i.row {
            RowId::Line(l) => (Some(l), None),
            RowId::Index(x) => (None, Some(x)),
            // Resolved to lines before reporting; kept as a fallback.
            RowId::Offset(_) => (None, None),
        };
        RowIssue {
            line,
            file: i.file.clone(),
            index,
            column: i.column.clone(),
            reason: i.reason.clone(),
            value: i.value.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u64, file: Option<&str>) -> Issue {
        Issue {
            row: RowId::Line(line),
            file: file.map(str::to_string),
            column: None,
            reason: "r".into(),
            value: None,
        }
    }

    #[test]
    fn lines_found_apart_are_listed_in_file_order() {
        let mut log = IssueLog::default();
        for l in 1..=LISTED_ISSUES as u64 {
            log.push_with("r", || at(l * 10, Some("b.json")));
        }
        log.merge_lines([at(5, Some("b.json")), at(7, Some("a.json"))]);
        assert_eq!(log.count, LISTED_ISSUES as u64 + 2);
        assert_eq!(log.by_reason["r"], LISTED_ISSUES as u64 + 2);
        assert_eq!(log.listed.len(), LISTED_ISSUES);
        assert_eq!(
            (log.listed[0].file.as_deref(), log.listed[0].row),
            (Some("a.json"), RowId::Line(7))
        );
        assert_eq!(log.listed[1].row, RowId::Line(5));
    }
}
