//! The free-text answers the engine reads, kept beside the tally during the
//! one pass over the rows: per respondent who answered the Sean Ellis
//! question and at least one free-text question, the Ellis answer and the
//! texts (each cut to [`MAX_ANSWER_CHARS`]), up to [`MAX_TEXT_ROWS`] rows.

use super::super::answers::{self as parse, Cell, Ellis};

/// Most respondents' texts kept; beyond, rows are counted, not read.
pub const MAX_TEXT_ROWS: usize = 20_000;
/// Longest answer read, in characters; the rest of a longer one is left out.
pub const MAX_ANSWER_CHARS: usize = 1_000;

/// The free-text questions, in the order of [`TextRow::texts`].
pub const QUESTIONS: [&str; 3] = ["mainBenefit", "whoBenefits", "improve"];

/// One respondent's free-text answers.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRow {
    /// Their Sean Ellis answer.
    pub ellis: Ellis,
    /// The main benefit, who benefits, how to improve; `None` when blank or not asked.
    pub texts: [Option<String>; 3],
}

/// Every respondent's free-text answers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextAnswers {
    /// The rows kept, in file order.
    pub rows: Vec<TextRow>,
    /// Rows with texts beyond [`MAX_TEXT_ROWS`], not read.
    pub beyond_limit: u64,
    /// Answers longer than [`MAX_ANSWER_CHARS`], read cut.
    pub cut: u64,
}

impl TextAnswers {
    /// Keeps a used row's texts when it has a Sean Ellis answer and a text.
    pub fn push(&mut self, ellis: Cell, texts: [Cell; 3]) {
        let Ok(Some(ellis)) = parse::ellis(ellis) else {
            return;
        };
        let texts = texts.map(|c| answer_text(c, &mut self.cut));
        if texts.iter().all(Option::is_none) {
            return;
        }
        if self.rows.len() >= MAX_TEXT_ROWS {
            self.beyond_limit += 1;
            return;
        }
        self.rows.push(TextRow { ellis, texts });
    }
}

/// A free-text answer as read: trimmed, invalid UTF-8 replaced, cut to
/// [`MAX_ANSWER_CHARS`] (counted in `cut`); `None` when blank.
pub fn answer_text(cell: Cell, cut: &mut u64) -> Option<String> {
    let Cell::Text(t) = cell else {
        return None;
    };
    let text = String::from_utf8_lossy(parse::trim_space(t));
    (!text.is_empty()).then(|| {
        if text.chars().count() > MAX_ANSWER_CHARS {
            *cut += 1;
            text.chars().take(MAX_ANSWER_CHARS).collect()
        } else {
            text.into_owned()
        }
    })
}

/// Warnings about free-text answers not read whole.
pub fn warnings(t: &TextAnswers) -> Vec<crate::input::warning::Warning> {
    read_warnings(t.beyond_limit, t.cut, "engine", "the engine")
}

/// Warnings about free-text answers not read whole by `reader` (the result
/// part at `path`): rows beyond [`MAX_TEXT_ROWS`], answers cut.
pub fn read_warnings(
    beyond_limit: u64,
    cut: u64,
    path: &str,
    reader: &str,
) -> Vec<crate::input::warning::Warning> {
    [
        (beyond_limit, "texts_beyond_limit", format!("respondents' free-text answers were not read: {reader} reads the first {MAX_TEXT_ROWS}")),
        (cut, "texts_cut", format!("free-text answers were longer than {MAX_ANSWER_CHARS} characters: read cut")),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, code, what)| crate::input::warning::Warning::new(code, path, format!("{n} {what}")))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_rows_with_an_ellis_answer_and_a_text() {
        let mut t = TextAnswers::default();
        t.push(
            Cell::Text(b"Very disappointed"),
            [Cell::Text(b" speed "), Cell::Blank, Cell::Blank],
        );
        t.push(
            Cell::Blank,
            [Cell::Text(b"speed"), Cell::Blank, Cell::Blank],
        );
        t.push(
            Cell::Text(b"Not disappointed"),
            [Cell::Text(b"  "), Cell::Blank, Cell::Blank],
        );
        t.push(
            Cell::Text(b"maybe"),
            [Cell::Text(b"speed"), Cell::Blank, Cell::Blank],
        );
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].texts[0].as_deref(), Some("speed"));
        let long = "é".repeat(MAX_ANSWER_CHARS + 5);
        t.push(
            Cell::Text(b"Somewhat disappointed"),
            [Cell::Blank, Cell::Blank, Cell::Text(long.as_bytes())],
        );
        assert_eq!(t.cut, 1);
        assert_eq!(
            t.rows[1].texts[2].as_ref().map(|s| s.chars().count()),
            Some(MAX_ANSWER_CHARS)
        );
    }
}
