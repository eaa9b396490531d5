//! Counting answers: one pass over the rows fills these tallies, from which
//! every statistic is computed. Counts only, so memory does not grow with
//! the number of rows.

use super::answers::{self, Cell, Ellis, Reason};
use crate::format::{shorten, QUOTED_CHARS};
use crate::input::row_issues::{Issue, IssueLog, RowId};
use std::collections::BTreeMap;

/// Most distinct segments tallied; answers from further segments are counted
/// in the totals and reported as beyond the limit.
pub const MAX_SEGMENTS: usize = 1_000;

/// Answer counts for one group of respondents (everyone, or one segment).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GroupTally {
    /// NPS answers by value 0..10.
    pub nps: [u64; 11],
    /// Blank NPS answers.
    pub nps_blank: u64,
    /// Sean Ellis answers: very, somewhat, not disappointed, no longer use.
    pub ellis: [u64; 4],
    /// Blank Sean Ellis answers.
    pub ellis_blank: u64,
    /// CSAT ratings by value 1..5.
    pub csat: [u64; 5],
    /// Blank CSAT answers.
    pub csat_blank: u64,
    /// Feature ratings by value 1..5, one per feature column.
    pub features: Vec<[u64; 5]>,
    /// Rows with at least one usable answer.
    pub responses: u64,
}

impl GroupTally {
    fn with_features(count: usize) -> GroupTally {
        GroupTally {
            features: vec![[0; 5]; count],
            ..GroupTally::default()
        }
    }

    /// Adds another tally (for combining).
    pub fn add(&mut self, other: &GroupTally) {
        for (a, b) in self.nps.iter_mut().zip(other.nps) {
            *a += b;
        }
        for (a, b) in self.ellis.iter_mut().zip(other.ellis) {
            *a += b;
        }
        for (a, b) in self.csat.iter_mut().zip(other.csat) {
            *a += b;
        }
        for (fa, fb) in self.features.iter_mut().zip(&other.features) {
            for (a, b) in fa.iter_mut().zip(fb) {
                *a += b;
            }
        }
        self.nps_blank += other.nps_blank;
        self.ellis_blank += other.ellis_blank;
        self.csat_blank += other.csat_blank;
        self.responses += other.responses;
    }
}

/// The columns a row's answers are read from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    /// NPS question's column name.
    pub nps: Option<String>,
    /// Sean Ellis question's column name.
    pub pmf: Option<String>,
    /// CSAT question's column name.
    pub csat: Option<String>,
    /// Segment columns' names (a segment may be several columns: a
    /// multiple choice an export splits into a column per option).
    pub segments: Vec<String>,
    /// Feature rating columns' names.
    pub features: Vec<String>,
    /// Whether rows are split into waves (by their completion date).
    pub waves: bool,
}

/// The answers of one row.
#[derive(Clone, Copy)]
pub struct RowCells<'a, 'f> {
    /// NPS answer.
    pub nps: Cell<'a>,
    /// Sean Ellis answer.
    pub pmf: Cell<'a>,
    /// CSAT answer.
    pub csat: Cell<'a>,
    /// The i-th segment's name, in `Layout::segments` order.
    pub segment: &'f dyn Fn(usize) -> Cell<'a>,
    /// The i-th feature rating, in `Layout::features` order (read on demand:
    /// no per-row array to fill).
    pub feature: &'f dyn Fn(usize) -> Cell<'a>,
    /// The wave the row falls in (`2026-11`), when rows are split into waves
    /// and its date could be read.
    pub wave: Option<&'f str>,
}

/// Respondents by the names one segment column gives them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SegmentTally {
    /// Respondents by segment name (trimmed); at most [`MAX_SEGMENTS`].
    pub groups: BTreeMap<String, GroupTally>,
    /// Rows whose segment was not tallied because of [`MAX_SEGMENTS`].
    pub beyond_limit: u64,
}

/// Everything one pass over the rows counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    /// Which columns were read.
    pub layout: Layout,
    /// All respondents.
    pub all: GroupTally,
    /// Respondents by segment, one tally per segment column.
    pub segments: Vec<SegmentTally>,
    /// Respondents by wave (their completion month or quarter).
    pub waves: SegmentTally,
    /// Rows used whose completion date could not be read (counted in no wave).
    pub rows_without_date: u64,
    /// Rows not used at all.
    pub skipped: IssueLog,
    /// Answers not used in rows that were otherwise used.
    pub invalid_answers: IssueLog,
    /// Scratch space for one row's feature ratings, reused across rows.
    scratch: Vec<Parsed<u8>>,
}

impl Tally {
    /// An empty tally for a layout.
    pub fn new(layout: Layout) -> Tally {
        let features = layout.features.len();
        let segments = layout.segments.len();
        Tally {
            layout,
            all: GroupTally::with_features(features),
            segments: vec![SegmentTally::default(); segments],
            waves: SegmentTally::default(),
            rows_without_date: 0,
            skipped: IssueLog::default(),
            invalid_answers: IssueLog::default(),
            scratch: Vec::with_capacity(features),
        }
    }

    /// Turns the listed issues' byte offsets into line numbers and files,
    /// with `locate` mapping sorted offsets to them.
    pub fn resolve_rows(&mut self, locate: impl Fn(&[u64]) -> Vec<(u64, Option<String>)>) {
        self.skipped.resolve_rows(&locate);
        self.invalid_answers.resolve_rows(&locate);
    }

    /// Marks a row as not used at all.
    pub fn skip_row(&mut self, row: RowId, reason: &str) {
        self.skipped.push_with(reason, || Issue {
            row,
            file: None,
            column: None,
            reason: reason.to_string(),
            value: None,
        });
    }

    /// Reads and counts one row's answers; a used row's NPS and Sean Ellis
    /// answers are returned (for the join with behaviour).
    pub fn push_row(&mut self, row: RowId, cells: RowCells) -> Option<RowAnswers> {
        // Parse first, count after: a row with no usable answer is skipped
        // whole, with the reason of its first bad answer.
        let nps = answers::nps(cells.nps);
        let pmf = answers::ellis(cells.pmf);
        let csat = answers::rating(cells.csat);
        let mut used =
            matches!(nps, Ok(Some(_))) || matches!(pmf, Ok(Some(_))) || matches!(csat, Ok(Some(_)));
        // The feature results go in a buffer reused across rows.
        let mut features = std::mem::take(&mut self.scratch);
        features.clear();
        for i in 0..self.layout.features.len() {
            let r = answers::rating((cells.feature)(i));
            used |= matches!(r, Ok(Some(_)));
            features.push(r);
        }
        let mut problems: Vec<(Option<&str>, Reason, Cell)> = Vec::new();
        if let Err(r) = nps {
            problems.push((self.layout.nps.as_deref(), r, cells.nps));
        }
        if let Err(r) = pmf {
            problems.push((self.layout.pmf.as_deref(), r, cells.pmf));
        }
        if let Err(r) = csat {
            problems.push((self.layout.csat.as_deref(), r, cells.csat));
        }
        for (i, r) in features.iter().enumerate() {
            if let Err(reason) = r {
                problems.push((
                    self.layout.features.get(i).map(String::as_str),
                    *reason,
                    (cells.feature)(i),
                ));
            }
        }
        if !used {
            let reason = problems
                .first()
                .map_or("no answer to any question read", |p| p.1.text());
            let first = problems
                .first()
                .map(|(col, _, cell)| (col.map(str::to_string), shown(*cell)));
            self.skipped.push_with(reason, || Issue {
                row,
                file: None,
                column: first.as_ref().and_then(|f| f.0.clone()),
                reason: reason.to_string(),
                value: first.and_then(|f| f.1),
            });
            self.scratch = features;
            return None;
        }
        for (column, reason, cell) in problems {
            self.invalid_answers.push_with(reason.text(), || Issue {
                row,
                file: None,
                column: column.map(str::to_string),
                reason: reason.text().to_string(),
                value: shown(cell),
            });
        }
        count(&mut self.all, nps, pmf, csat, &features);
        let features_len = self.layout.features.len();
        if self.layout.waves {
            match cells.wave {
                Some(wave) => group_in(&mut self.waves, wave, features_len, |g| {
                    count(g, nps, pmf, csat, &features)
                }),
                None => self.rows_without_date += 1,
            }
        }
        for (i, tally) in self.segments.iter_mut().enumerate() {
            let Some(name) = segment_name((cells.segment)(i)) else {
                continue;
            };
            group_in(tally, &name, features_len, |g| {
                count(g, nps, pmf, csat, &features)
            });
        }
        self.scratch = features;
        Some(RowAnswers {
            nps: nps.ok().flatten(),
            ellis: pmf.ok().flatten(),
        })
    }
}

/// A row's segment in one segment column: its text trimmed (invalid UTF-8
/// replaced), a number as JavaScript prints it; none when blank. Borrowed
/// when the name is valid UTF-8: no allocation per row.
pub fn segment_name(cell: Cell<'_>) -> Option<std::borrow::Cow<'_, str>> {
    match cell {
        Cell::Text(t) => {
            let t = t.trim_ascii();
            (!t.is_empty()).then(|| String::from_utf8_lossy(t))
        }
        Cell::Number(n) => Some(crate::format::format_number(n).into()),
        _ => None,
    }
}

/// A used row's NPS and Sean Ellis answers (`None`: blank or unreadable).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RowAnswers {
    /// The 0..10 answer.
    pub nps: Option<u8>,
    /// The Sean Ellis answer.
    pub ellis: Option<Ellis>,
}

impl GroupTally {
    /// Counts one respondent's NPS and Sean Ellis answers (a group with no
    /// other question).
    pub fn count_answers(&mut self, a: RowAnswers) {
        count(self, Ok(a.nps), Ok(a.ellis), Ok(None), &[]);
    }
}

/// Counts a row in its group of `tally` (made on first use, up to
/// [`MAX_SEGMENTS`] groups; beyond, the row is counted as beyond the limit).
fn group_in(
    tally: &mut SegmentTally,
    name: &str,
    features: usize,
    add: impl FnOnce(&mut GroupTally),
) {
    if let Some(group) = tally.groups.get_mut(name) {
        add(group);
    } else if tally.groups.len() < MAX_SEGMENTS {
        let mut group = GroupTally::with_features(features);
        add(&mut group);
        tally.groups.insert(name.to_string(), group);
    } else {
        tally.beyond_limit += 1;
    }
}

type Parsed<T> = Result<Option<T>, Reason>;

fn count(
    g: &mut GroupTally,
    nps: Parsed<u8>,
    pmf: Parsed<Ellis>,
    csat: Parsed<u8>,
    features: &[Parsed<u8>],
) {
    g.responses += 1;
    match nps {
        Ok(Some(v)) => g.nps[usize::from(v.min(10))] += 1,
        Ok(None) => g.nps_blank += 1,
        Err(_) => {}
    }
    match pmf {
        Ok(Some(e)) => g.ellis[e.index()] += 1,
        Ok(None) => g.ellis_blank += 1,
        Err(_) => {}
    }
    match csat {
        Ok(Some(v)) => g.csat[usize::from(v.clamp(1, 5) - 1)] += 1,
        Ok(None) => g.csat_blank += 1,
        Err(_) => {}
    }
    for (slot, r) in g.features.iter_mut().zip(features) {
        if let Ok(Some(v)) = r {
            slot[usize::from(v.clamp(&1, &5) - 1)] += 1;
        }
    }
}

/// A cell as a report shows it: at most [`QUOTED_CHARS`] characters.
fn shown(cell: Cell) -> Option<String> {
    match cell {
        Cell::Text(t) => Some(shorten(&String::from_utf8_lossy(t), QUOTED_CHARS)),
        Cell::Number(n) => Some(crate::format::format_number(n)),
        Cell::Blank => None,
        Cell::Other(what) => Some(what.to_string()),
    }
}
