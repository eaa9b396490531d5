//! How a column's sampled values look: answers to a question (NPS 0..10,
//! Sean Ellis options, 1..5 ratings), or an id or counter that is no answer.
//! The column finder ([`super::columns`]) asks these to recognise a question
//! by its values.

use super::answers::{self, Cell};

pub(super) fn is_nps(c: Cell) -> bool {
    matches!(answers::nps(c), Ok(Some(_)))
}

pub(super) fn is_ellis(c: Cell) -> bool {
    matches!(answers::ellis(c), Ok(Some(_)))
}

pub(super) fn is_rating(c: Cell) -> bool {
    matches!(answers::rating(c), Ok(Some(_)))
}

/// Four in five sampled values are Sean Ellis answers, not all of them
/// "no longer use".
pub(super) fn looks_like_ellis(values: &[&[u8]]) -> bool {
    let parsed: Vec<answers::Ellis> = values
        .iter()
        .filter_map(|v| answers::ellis(Cell::Text(v)).ok().flatten())
        .collect();
    parsed.len() * 5 >= values.len() * 4 && parsed.iter().any(|e| *e != answers::Ellis::NoLongerUse)
}

/// Applies `test` to a column's non-blank sampled values.
pub(super) fn sniff_column(
    sample: &[csv::ByteRecord],
    i: usize,
    test: impl Fn(&[&[u8]]) -> bool,
) -> bool {
    let values: Vec<&[u8]> = sample
        .iter()
        .filter_map(|r| r.get(i))
        .filter(|v| !answers::trim_space(v).is_empty())
        .collect();
    values.len() >= 3 && test(&values)
}

/// True when the sampled values are whole numbers rising row after row: an
/// id or a counter, not answers.
pub(super) fn increasing(sample: &[csv::ByteRecord], i: usize) -> bool {
    let numbers: Vec<f64> = sample
        .iter()
        .filter_map(|r| r.get(i))
        .filter_map(|v| std::str::from_utf8(v).ok()?.trim().parse::<f64>().ok())
        .collect();
    numbers.len() >= 3 && numbers.windows(2).all(|w| w[1] > w[0])
}

/// 0..10 whole numbers, with some above 5 (so not a 1..5 rating) and at least
/// three distinct values.
pub(super) fn looks_like_nps(values: &[&[u8]]) -> bool {
    let parsed: Vec<u8> = values
        .iter()
        .filter_map(|v| answers::nps(Cell::Text(v)).ok().flatten())
        .collect();
    let mut seen = [false; 11];
    for v in &parsed {
        seen[usize::from(*v)] = true;
    }
    parsed.len() as f64 >= 0.9 * values.len() as f64
        && parsed.iter().any(|v| *v > 5)
        && seen.iter().filter(|s| **s).count() >= 3
}
