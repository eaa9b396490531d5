//! Responses an export marks as not a respondent's full answers: a preview
//! taken by the survey's author (Qualtrics `Status`), and an unfinished
//! response (Qualtrics `Finished`, Typeform's `Response Type`). The survey
//! and usability readers leave both out, each with its reason in the rows
//! not used; `options.includePartial` keeps unfinished ones.

use super::answers::trim_space;
use crate::import::ExportSource;

/// The reason an unfinished response is left out.
pub(crate) const UNFINISHED: &str =
    "an unfinished response (the export marks it not finished): left out; options.includePartial keeps it";

/// The reason a preview is left out.
pub(crate) const PREVIEW: &str =
    "a survey preview (Qualtrics Status = Survey Preview), taken by the survey's author: not a respondent";

/// The columns where an export marks previews and finished responses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ResponseMarks {
    /// Qualtrics' `Status`.
    pub preview: Option<usize>,
    /// Qualtrics' `Finished` (1 or 0, True or False), Typeform's `Response
    /// Type` (`completed`, or `partial` / `started`, the Responses API's).
    pub finished: Option<usize>,
}

impl ResponseMarks {
    /// The marks among the headers (normalized, as `normalize_header`
    /// gives them) of an export by `source`.
    pub(crate) fn find(normalized: &[String], source: ExportSource) -> Self {
        let column = |name: &str| normalized.iter().position(|h| h == name);
        let finished = match source {
            ExportSource::Qualtrics => column("finished"),
            ExportSource::Typeform => column("response type"),
            _ => None,
        };
        let preview = (source == ExportSource::Qualtrics)
            .then(|| column("status"))
            .flatten();
        ResponseMarks { preview, finished }
    }

    /// The columns, to keep other readers off them.
    pub(crate) fn columns(&self) -> impl Iterator<Item = usize> {
        [self.preview, self.finished].into_iter().flatten()
    }

    /// Why the row is left out, when it is: a preview always, an unfinished
    /// response unless `include_partial`.
    pub(crate) fn left_out(
        &self,
        record: &csv::ByteRecord,
        include_partial: bool,
    ) -> Option<&'static str> {
        let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).map(trim_space);
        if cell(self.preview).is_some_and(is_preview) {
            return Some(PREVIEW);
        }
        if !include_partial && cell(self.finished).is_some_and(is_unfinished) {
            return Some(UNFINISHED);
        }
        None
    }
}

/// Qualtrics' `Status` of a preview: `Survey Preview` in choice-text exports,
/// `1` in numeric ones.
fn is_preview(status: &[u8]) -> bool {
    status == b"1" || status.eq_ignore_ascii_case(b"survey preview")
}

/// A finished-response mark that says no: `0`, `False` (Qualtrics writes
/// either, by export settings), `partial`, `started` (Typeform).
fn is_unfinished(mark: &[u8]) -> bool {
    [&b"0"[..], b"false", b"partial", b"started"]
        .iter()
        .any(|no| mark.eq_ignore_ascii_case(no))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(cells: &[&str]) -> csv::ByteRecord {
        csv::ByteRecord::from(cells.to_vec())
    }

    #[test]
    fn previews_and_unfinished_responses_are_left_out() {
        let headers: Vec<String> = ["responseid", "status", "finished", "q1"]
            .map(String::from)
            .to_vec();
        let marks = ResponseMarks::find(&headers, ExportSource::Qualtrics);
        assert_eq!((marks.preview, marks.finished), (Some(1), Some(2)));
        assert_eq!(marks.columns().collect::<Vec<_>>(), [1, 2]);
        let left_out = |cells: &[&str], partial| marks.left_out(&record(cells), partial);
        assert_eq!(left_out(&["R_1", "IP Address", "True", "9"], false), None);
        assert_eq!(
            left_out(&["R_1", "Survey Preview", "True", "9"], false),
            Some(PREVIEW)
        );
        assert_eq!(left_out(&["R_1", " 1 ", "1", "9"], true), Some(PREVIEW));
        assert_eq!(
            left_out(&["R_1", "0", " False", "9"], false),
            Some(UNFINISHED)
        );
        assert_eq!(left_out(&["R_1", "0", "0", "9"], true), None);
        // Typeform marks partial responses; other tools mark nothing.
        let typeform = ResponseMarks::find(&["response type".into()], ExportSource::Typeform);
        assert_eq!(
            typeform.left_out(&record(&["partial"]), false),
            Some(UNFINISHED)
        );
        assert_eq!(typeform.left_out(&record(&["completed"]), false), None);
        assert_eq!(
            ResponseMarks::find(&headers, ExportSource::Surveymonkey),
            ResponseMarks::default()
        );
    }
}
