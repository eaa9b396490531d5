//! The feature-request answers kept during the one pass over the rows: per
//! used row with a request answer, the text (cut to
//! [`MAX_ANSWER_CHARS`](crate::survey::engine::answers::MAX_ANSWER_CHARS)),
//! the respondent's Sean Ellis answer and their segment in each segment
//! column, up to [`MAX_TEXT_ROWS`] rows, as the engine keeps its answers.

use super::super::answers::{Cell, Ellis};
use super::super::engine::answers::{answer_text, read_warnings, MAX_TEXT_ROWS};
use super::super::tally::segment_name;
use crate::input::warning::Warning;

/// One respondent's request.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestRow {
    /// The answer, trimmed.
    pub text: String,
    /// Their Sean Ellis answer, when they gave one that reads.
    pub ellis: Option<Ellis>,
    /// Their segment in each segment column (in the order of `columns.segments`); `None` when
    /// blank.
    pub segments: Vec<Option<String>>,
}

/// Every respondent's request.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RequestAnswers {
    /// The rows kept, in file order.
    pub rows: Vec<RequestRow>,
    /// Rows with a request beyond [`MAX_TEXT_ROWS`], not read.
    pub beyond_limit: u64,
    /// Answers longer than the longest read, read cut.
    pub cut: u64,
}

impl RequestAnswers {
    /// Keeps a used row's request, when it is not blank, with its Sean
    /// Ellis answer and its `segments` segments (`segment(i)`, the i-th).
    pub fn push<'a>(
        &mut self,
        text: Cell<'a>,
        ellis: Option<Ellis>,
        segments: usize,
        segment: &dyn Fn(usize) -> Cell<'a>,
    ) {
        let Some(text) = answer_text(text, &mut self.cut) else {
            return;
        };
        if self.rows.len() >= MAX_TEXT_ROWS {
            self.beyond_limit += 1;
            return;
        }
        let segments = (0..segments)
            .map(|i| segment_name(segment(i)).map(|s| s.into_owned()))
            .collect();
        self.rows.push(RequestRow {
            text,
            ellis,
            segments,
        });
    }

    /// Warnings about requests not read whole.
    pub fn warnings(&self) -> Vec<Warning> {
        read_warnings(
            self.beyond_limit,
            self.cut,
            "featureRequests",
            "the feature-request report",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_requests_with_their_group_and_segments() {
        let mut r = RequestAnswers::default();
        let segment = |i: usize| match i {
            0 => Cell::Text(b" Founder "),
            _ => Cell::Blank,
        };
        r.push(Cell::Text(b"  dark mode "), None, 2, &segment);
        r.push(
            Cell::Text(b"   "),
            Some(Ellis::VeryDisappointed),
            2,
            &segment,
        );
        r.push(Cell::Blank, Some(Ellis::VeryDisappointed), 2, &segment);
        r.push(
            Cell::Text(b"offline"),
            Some(Ellis::SomewhatDisappointed),
            0,
            &segment,
        );
        assert_eq!(
            r.rows,
            vec![
                RequestRow {
                    text: "dark mode".to_string(),
                    ellis: None,
                    segments: vec![Some("Founder".to_string()), None],
                },
                RequestRow {
                    text: "offline".to_string(),
                    ellis: Some(Ellis::SomewhatDisappointed),
                    segments: Vec::new(),
                },
            ]
        );
        assert!(r.warnings().is_empty());
        let long = "a".repeat(5_000);
        r.push(Cell::Text(long.as_bytes()), None, 0, &segment);
        assert_eq!(r.cut, 1);
        assert_eq!(r.warnings()[0].code, "texts_cut");
        assert_eq!(r.warnings()[0].path, "featureRequests");
    }
}
