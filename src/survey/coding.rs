//! Answers exported as codes rather than words: Qualtrics' "numeric values"
//! export writes each option's recode value (1, 2, 3...) instead of its
//! text. A code means nothing without the option order, so each is read
//! from the best evidence there is, and the result says which:
//!
//! - a satisfaction scale's direction from its question text ("where 1 is
//!   very dissatisfied"), else from `options.scales.csat`, else 1 = least
//!   satisfied with a warning when the export is known to write codes;
//! - Sean Ellis codes 1..4 in the question's standard order (very,
//!   somewhat, not disappointed, no longer use), with a warning.

use super::answers::{trim_space, Cell};

/// Which end of a 1..5 scale is the good one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// 1 = least satisfied, 5 = most (the usual coding).
    Ascending,
    /// 1 = most satisfied, 5 = least.
    Descending,
}

impl Direction {
    /// The id used in options and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ascending => "ascending",
            Direction::Descending => "descending",
        }
    }
}

/// The direction a question's text gives its scale, from what it says the
/// lowest or the highest code means: "1 = Very dissatisfied", "where 5 is
/// extremely satisfied", "1 (Extremely satisfied) to 5 (...)".
pub fn direction_from_question(question: &str) -> Option<Direction> {
    let text = question.to_lowercase();
    let meaning = |code: char| -> Option<bool> {
        // The words right after the code: "1 = very dissatisfied", "1 is...", "1 (...".
        let mut search = text.as_str();
        while let Some(at) = search.find(code) {
            let before = search[..at].chars().next_back();
            let after = &search[at + code.len_utf8()..];
            search = after;
            if before.is_some_and(|c| c.is_ascii_digit())
                || after.starts_with(|c: char| c.is_ascii_digit())
            {
                continue; // part of another number (10, 15)
            }
            // The code's meaning follows it at once: "1 = ...", "1 (...", "1 is ...".
            let rest = after.trim_start();
            let Some(rest) = ["=", ":", "(", "-", "–", "is ", "means ", "being "]
                .iter()
                .find_map(|c| rest.strip_prefix(c))
            else {
                continue;
            };
            // Up to the next code's meaning: "1 = very satisfied, 5 = very dissatisfied".
            let end = rest
                .find([',', ';', ')', '/'])
                .into_iter()
                .chain(rest.find(" and "))
                .chain(rest.find(" to "))
                .min()
                .unwrap_or(rest.len());
            let words = &rest[..end];
            let negative = ["dissatisf", "unsatisf", "not satisf", "not at all satisf"]
                .iter()
                .any(|w| words.contains(w));
            if negative {
                return Some(false);
            }
            if words.contains("satisf") {
                return Some(true);
            }
        }
        None
    };
    match (meaning('1'), meaning('5')) {
        (Some(false), _) | (_, Some(true)) => Some(Direction::Ascending),
        (Some(true), _) | (_, Some(false)) => Some(Direction::Descending),
        _ => None,
    }
}

/// A 1..5 rating code read the other way round (5 for 1); anything but a
/// single digit 1..5 (a label, a blank) as it is.
pub fn reversed(cell: Cell<'_>) -> Cell<'_> {
    const FLIPPED: [&[u8]; 6] = [b"", b"5", b"4", b"3", b"2", b"1"];
    match cell {
        Cell::Text(t) => match trim_space(t) {
            [d @ b'1'..=b'5'] => Cell::Text(FLIPPED[usize::from(d - b'0')]),
            _ => cell,
        },
        other => other,
    }
}

/// The Sean Ellis options in the order the question lists them, by code.
const ELLIS_CODES: [&[u8]; 5] = [
    b"",
    b"very disappointed",
    b"somewhat disappointed",
    b"not disappointed",
    b"n/a - i no longer use it",
];

/// A Sean Ellis code (1..4) as its option's text; anything else as it is
/// (then reported as an answer that is no option).
pub fn ellis_code(cell: Cell<'_>) -> Cell<'_> {
    match cell {
        Cell::Text(t) => match trim_space(t) {
            [d @ b'1'..=b'4'] => Cell::Text(ELLIS_CODES[usize::from(d - b'0')]),
            _ => cell,
        },
        other => other,
    }
}

/// True when every sampled value of a column is a whole number from 1 to
/// `max` (blanks aside), and there are some: the column holds codes.
pub fn all_codes(values: &[&[u8]], max: u8) -> bool {
    let mut any = false;
    for v in values {
        match trim_space(v) {
            [] => {}
            [d] if (b'1'..=b'0' + max).contains(d) => any = true,
            _ => return false,
        }
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directions_from_question_text() {
        let cases = [
            ("How satisfied are you with Acme? (1 = Very dissatisfied, 5 = Very satisfied)", Some(Direction::Ascending)),
            ("On a scale of 1 to 5, where 1 is extremely satisfied and 5 is extremely dissatisfied", Some(Direction::Descending)),
            ("Rate your satisfaction from 1 (not at all satisfied) to 5", Some(Direction::Ascending)),
            ("Overall, how satisfied are you with Acme?", None),
            ("How satisfied are you, 1-5? 10 = best", None),
        ];
        for (question, expected) in cases {
            assert_eq!(direction_from_question(question), expected, "{question}");
        }
    }

    #[test]
    fn codes_read() {
        assert_eq!(reversed(Cell::Text(b" 2 ")), Cell::Text(b"4"));
        assert_eq!(
            reversed(Cell::Text(b"Very satisfied")),
            Cell::Text(b"Very satisfied")
        );
        assert_eq!(
            ellis_code(Cell::Text(b"1")),
            Cell::Text(b"very disappointed")
        );
        assert_eq!(ellis_code(Cell::Text(b"5")), Cell::Text(b"5"));
        assert!(all_codes(&[b"1", b"", b"4"], 4));
        assert!(!all_codes(&[b"1", b"5"], 4));
        assert!(!all_codes(&[b"", b" "], 4));
    }
}
