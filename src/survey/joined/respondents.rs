//! The respondents a join reads, kept during the one pass over the rows:
//! each used row's user (matched to the behaviour's ids), the day of its
//! answer and its NPS and Sean Ellis answers; and the rows that could not be
//! placed, counted by why.

use super::super::answers::{trim_space, Cell};
use super::super::tally::RowAnswers;
use crate::calendar::{FIRST_DAY, LAST_DAY};
use crate::format::{format_number, shorten, QUOTED_CHARS};
use std::collections::HashMap;

/// Unmatched user ids kept as examples for the warning.
const EXAMPLES: usize = 5;

/// How a survey's user ids are found among the behaviour's.
pub(crate) struct Matcher {
    /// Text id -> dense id, when the behaviour's ids were text; `None`: the
    /// ids are whole numbers, matched to the survey's read as numbers.
    by_text: Option<HashMap<String, u32>>,
    /// The behaviour's numeric ids, sorted, when they are numbers.
    numbers: Vec<u32>,
    /// The same, lowercased: an id that matches only this way is counted,
    /// so the warning can say the cases differ.
    by_folded: Option<HashMap<String, u32>>,
}

impl Matcher {
    /// A matcher over the behaviour's id texts, or (`None`) its numeric ids.
    #[cfg_attr(not(feature = "events"), allow(dead_code))]
    pub(crate) fn new(id_texts: Option<&[String]>, user_ids: &[u32]) -> Matcher {
        let numbers = match id_texts {
            Some(_) => Vec::new(),
            None => {
                let mut ids = user_ids.to_vec();
                ids.sort_unstable();
                ids.dedup();
                ids
            }
        };
        let by_text = id_texts.map(|texts| {
            texts
                .iter()
                .enumerate()
                .map(|(i, t)| (t.clone(), i as u32))
                .collect::<HashMap<_, _>>()
        });
        let by_folded = id_texts.map(|texts| {
            texts
                .iter()
                .enumerate()
                .map(|(i, t)| (t.to_lowercase(), i as u32))
                .collect::<HashMap<_, _>>()
        });
        Matcher {
            by_text,
            numbers,
            by_folded,
        }
    }

    /// The dense id of a survey cell's user, or why there is none.
    fn find(&self, cell: Cell) -> Found {
        let text = match cell {
            Cell::Text(t) => String::from_utf8_lossy(trim_space(t)).into_owned(),
            Cell::Number(n) => format_number(n),
            Cell::Blank | Cell::Other(_) => return Found::Blank,
        };
        if text.is_empty() {
            return Found::Blank;
        }
        match &self.by_text {
            Some(ids) => match ids.get(&text) {
                Some(&id) => Found::Id(id),
                None => {
                    let folded = self
                        .by_folded
                        .as_ref()
                        .is_some_and(|f| f.contains_key(&text.to_lowercase()));
                    Found::Unmatched { text, folded }
                }
            },
            None => match whole_number(&text) {
                Some(id) if self.numbers.binary_search(&id).is_ok() => Found::Id(id),
                _ => Found::Unmatched {
                    text,
                    folded: false,
                },
            },
        }
    }
}

/// A user id written as a whole number from 0 to 2^32 - 1 (`"42"`, `"42.0"`).
fn whole_number(text: &str) -> Option<u32> {
    let n: f64 = text.parse().ok()?;
    (n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n)).then_some(n as u32)
}

enum Found {
    Id(u32),
    Blank,
    Unmatched { text: String, folded: bool },
}

/// One respondent placed: their user, their answer's day (UTC day number)
/// and their answers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Respondent {
    pub(crate) user: u32,
    pub(crate) day: i64,
    pub(crate) answers: RowAnswers,
}

/// Every used row, placed or counted by why not.
#[derive(Default)]
pub(crate) struct Respondents {
    pub(crate) placed: Vec<Respondent>,
    /// Used rows read.
    pub(crate) rows: u64,
    /// Rows with no user id.
    pub(crate) without_user: u64,
    /// Rows whose user id is not among the behaviour's.
    pub(crate) unmatched: u64,
    /// Of those, ids that match one of the behaviour's when case is ignored.
    pub(crate) unmatched_by_case: u64,
    /// Matched rows with no readable date.
    pub(crate) without_date: u64,
    /// The first few unmatched ids.
    pub(crate) unmatched_examples: Vec<String>,
}

impl Respondents {
    /// Places one used row: its user cell, its answer's day when readable
    /// (a day outside the years 1 to 9999 is no readable date).
    pub(crate) fn push(
        &mut self,
        matcher: &Matcher,
        user: Cell,
        day: Option<i64>,
        answers: RowAnswers,
    ) {
        self.rows += 1;
        let day = day.filter(|d| (FIRST_DAY..=LAST_DAY).contains(d));
        match matcher.find(user) {
            Found::Blank => self.without_user += 1,
            Found::Unmatched { text, folded } => {
                self.unmatched += 1;
                self.unmatched_by_case += u64::from(folded);
                if self.unmatched_examples.len() < EXAMPLES {
                    self.unmatched_examples.push(shorten(&text, QUOTED_CHARS));
                }
            }
            Found::Id(user) => match day {
                Some(day) => self.placed.push(Respondent { user, day, answers }),
                None => self.without_date += 1,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_ids_match_exactly_and_case_differences_are_counted() {
        let texts = vec!["u-1".to_string(), "Alice@x.io".to_string()];
        // A survey cell is trimmed; the events' ids are taken as they are.
        let m = Matcher::new(Some(&texts), &[]);
        let mut r = Respondents::default();
        let a = RowAnswers::default();
        r.push(&m, Cell::Text(b" u-1 "), Some(5), a);
        r.push(&m, Cell::Text(b"alice@x.io"), Some(5), a);
        r.push(&m, Cell::Text(b"Alice@x.io"), None, a);
        r.push(&m, Cell::Blank, Some(5), a);
        assert_eq!(r.placed.len(), 1);
        assert_eq!(r.placed[0].user, 0);
        assert_eq!((r.rows, r.unmatched, r.unmatched_by_case), (4, 1, 1));
        assert_eq!((r.without_date, r.without_user), (1, 1));
        assert_eq!(r.unmatched_examples, vec!["alice@x.io".to_string()]);
    }

    #[test]
    fn numeric_ids_match_whole_numbers() {
        let m = Matcher::new(None, &[42, 7, 3]);
        let mut r = Respondents::default();
        let a = RowAnswers::default();
        r.push(&m, Cell::Text(b"42"), Some(1), a);
        r.push(&m, Cell::Number(7.0), Some(1), a);
        r.push(&m, Cell::Text(b"4.5"), Some(1), a);
        r.push(&m, Cell::Text(b"abc"), Some(1), a);
        r.push(&m, Cell::Text(b"8"), Some(1), a);
        let users: Vec<u32> = r.placed.iter().map(|p| p.user).collect();
        assert_eq!(users, vec![42, 7]);
        assert_eq!(r.unmatched, 3);
    }
}
