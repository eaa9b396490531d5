//! The header of an export, over as many rows as its tool writes:
//!
//! - Qualtrics: three rows. Column ids (`StartDate`, `Q1`, `Q1_NPS_GROUP`),
//!   then the question text, then `{"ImportId":"QID1"}` cells.
//! - SurveyMonkey: two rows. The question (once, over all the columns of a
//!   grid or a multiple choice), then `Response`, `Open-Ended Response` or
//!   the option's label under each column; the metadata columns
//!   (`Respondent ID`, `Start Date`, ...) have nothing in the second row.
//! - Every other tool: one row of names.
//!
//! Rows after the header are data, whatever they hold: the question text of
//! a Qualtrics export is never read as a respondent.

/// The header of an export: one name per column and, where the tool writes
/// it apart from the name, the question's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// One name per column, trimmed: the id (Qualtrics), the question with
    /// its option (SurveyMonkey: `Which plan? - Team`), or the first row.
    pub names: Vec<String>,
    /// The question each column asks, where the export writes it apart
    /// (Qualtrics' second row, SurveyMonkey's first); else empty.
    pub questions: Vec<String>,
    /// Rows the header takes: 1, 2 (SurveyMonkey) or 3 (Qualtrics).
    pub rows: usize,
}

/// What the second row of a SurveyMonkey export writes under a question
/// with a single answer column.
const SURVEYMONKEY_SINGLE: [&str; 2] = ["response", "open-ended response"];

/// Reads the header from the first rows of a file (up to three; fewer when
/// the file has fewer). `rows[0]` is the first line.
pub fn read_header(rows: &[Vec<String>]) -> Header {
    let first: Vec<String> = rows.first().map_or_else(Vec::new, |r| trimmed(r));
    if let (Some(text), Some(ids)) = (rows.get(1), rows.get(2)) {
        if is_qualtrics_import_ids(ids) {
            let mut questions = trimmed(text);
            questions.resize(first.len(), String::new());
            return Header {
                names: first,
                questions,
                rows: 3,
            };
        }
    }
    if let Some(second) = rows.get(1) {
        if is_surveymonkey_second_row(&first, second) {
            return surveymonkey(&first, &trimmed(second));
        }
    }
    Header {
        questions: vec![String::new(); first.len()],
        names: first,
        rows: 1,
    }
}

fn trimmed(row: &[String]) -> Vec<String> {
    row.iter().map(|c| c.trim().to_string()).collect()
}

/// Qualtrics' third header row: `{"ImportId":"QID1"}` in most cells.
fn is_qualtrics_import_ids(row: &[String]) -> bool {
    let ids = row
        .iter()
        .filter(|c| {
            let c = c.trim();
            c.starts_with('{') && c.contains("\"ImportId\"")
        })
        .count();
    ids > 0 && ids * 2 >= row.len()
}

/// SurveyMonkey's second header row: `Respondent ID` in the first, and under
/// it nothing, while the question columns say `Response` or an option.
fn is_surveymonkey_second_row(first: &[String], second: &[String]) -> bool {
    let Some(respondent) = first
        .iter()
        .position(|h| h.trim().eq_ignore_ascii_case("respondent id"))
    else {
        return false;
    };
    let blank_under_metadata = second.get(respondent).is_none_or(|c| c.trim().is_empty());
    let says_response = second
        .iter()
        .any(|c| SURVEYMONKEY_SINGLE.contains(&c.trim().to_ascii_lowercase().as_str()));
    // A grid (or multiple choice) alone: its options under a question
    // written once, over cells left empty.
    let spans = second.iter().enumerate().any(|(i, c)| {
        !c.trim().is_empty() && first.get(i).is_some_and(|top| top.trim().is_empty())
    });
    blank_under_metadata && (says_response || spans)
}

/// SurveyMonkey's two rows as one name per column: the question (carried
/// over the columns its cell spans), with the option after " - " when the
/// column is one of several.
fn surveymonkey(first: &[String], second: &[String]) -> Header {
    let width = first.len().max(second.len());
    let mut names = Vec::with_capacity(width);
    let mut questions = Vec::with_capacity(width);
    let mut question = String::new();
    for i in 0..width {
        let top = first.get(i).map_or("", String::as_str);
        if !top.is_empty() {
            question = top.to_string();
        }
        let sub = second.get(i).map_or("", String::as_str);
        let single =
            sub.is_empty() || SURVEYMONKEY_SINGLE.contains(&sub.to_ascii_lowercase().as_str());
        names.push(if single {
            question.clone()
        } else {
            format!("{question} - {sub}")
        });
        questions.push(question.clone());
    }
    Header {
        names,
        questions,
        rows: 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[&[&str]]) -> Vec<Vec<String>> {
        lines
            .iter()
            .map(|l| l.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn qualtrics_three_rows() {
        let h = read_header(&rows(&[
            &["StartDate", "Finished", "Q1", "Q1_NPS_GROUP"],
            &[
                "Start Date",
                "Finished",
                "How likely are you to recommend Acme?",
                "How likely are you to recommend Acme? - Group",
            ],
            &[
                "{\"ImportId\":\"startDate\",\"timeZone\":\"America/Denver\"}",
                "{\"ImportId\":\"finished\"}",
                "{\"ImportId\":\"QID1\"}",
                "{\"ImportId\":\"QID1_NPS_GROUP\"}",
            ],
        ]));
        assert_eq!(h.rows, 3);
        assert_eq!(h.names, ["StartDate", "Finished", "Q1", "Q1_NPS_GROUP"]);
        assert_eq!(h.questions[2], "How likely are you to recommend Acme?");
    }

    #[test]
    fn surveymonkey_two_rows() {
        let h = read_header(&rows(&[
            &[
                "Respondent ID",
                "Start Date",
                "How likely is it that you would recommend Acme to a friend or colleague?",
                "Which plan are you on?",
                "",
                "How would you feel if you could no longer use Acme?",
            ],
            &["", "", "Response", "Free", "Team", "Response"],
            &[
                "114",
                "03/05/2024 09:14:02 AM",
                "9",
                "Free",
                "",
                "Very disappointed",
            ],
        ]));
        assert_eq!(h.rows, 2);
        assert_eq!(
            h.names[2],
            "How likely is it that you would recommend Acme to a friend or colleague?"
        );
        assert_eq!(h.names[3], "Which plan are you on? - Free");
        assert_eq!(h.names[4], "Which plan are you on? - Team");
        assert_eq!(h.questions[4], "Which plan are you on?");
    }

    #[test]
    fn one_row_otherwise() {
        let h = read_header(&rows(&[
            &["Timestamp", "How likely are you to recommend us?"],
            &["2024/03/05 9:14:02 AM GMT", "9"],
            &["2024/03/05 9:15:40 AM GMT", "Response"],
        ]));
        assert_eq!((h.rows, h.names.len()), (1, 2));
        // "Respondent ID" with a respondent under it is data, not a header.
        let h = read_header(&rows(&[&["Respondent ID", "Score"], &["1", "Response"]]));
        assert_eq!(h.rows, 1);
    }
}
