//! The engine's free-text columns: named in `options.columns` (`mainBenefit`,
//! `whoBenefits`, `improve`), else found by the words of their header or
//! question text, among the columns no other question took. A guess that
//! may be wrong is a warning: two columns fit, or the one found holds
//! numbers or a handful of repeated choices rather than free text.

use super::super::answers::trim_space;
use super::super::columns::{header_words, Positions};
use super::super::options::SurveyColumns;
use super::answers::QUESTIONS;
use crate::input::csv::{named_column, normalize_header, DetectedColumn};
use crate::input::problem::InputError;
use crate::input::warning::Warning;
use serde::Serialize;

/// The free-text columns the engine read, and how each was found.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct EngineColumns {
    /// "What is the main benefit you receive from ...?"
    #[serde(skip_serializing_if = "Option::is_none")]
    pub main_benefit: Option<DetectedColumn>,
    /// "What type of people do you think would most benefit from ...?"
    #[serde(skip_serializing_if = "Option::is_none")]
    pub who_benefits: Option<DetectedColumn>,
    /// "How can we improve ... for you?"
    #[serde(skip_serializing_if = "Option::is_none")]
    pub improve: Option<DetectedColumn>,
}

/// The free-text columns' positions (main benefit, who benefits, improve)
/// and what the result says of them.
#[derive(Debug, Clone, Default)]
pub(in crate::survey) struct TextColumns {
    pub(in crate::survey) positions: [Option<usize>; 3],
    pub(in crate::survey) detected: EngineColumns,
}

/// Sampled answers of which at most this many distinct values, among at
/// least [`CHOICE_SAMPLE`], look like a choice question, not free text.
const CHOICE_DISTINCT: usize = 5;
const CHOICE_SAMPLE: usize = 20;

/// Finds the free-text columns (see the module doc).
pub(in crate::survey) fn find(
    headers: &[String],
    questions: &[String],
    named: &SurveyColumns,
    p: &Positions,
    sample: &[csv::ByteRecord],
    warnings: &mut Vec<Warning>,
) -> Result<TextColumns, InputError> {
    let normalized: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
    let mut taken: Vec<usize> = [p.nps, p.pmf, p.csat, p.date.map(|d| d.0)]
        .into_iter()
        .flatten()
        .chain(p.features.iter().copied())
        .chain(p.segments.iter().flat_map(|s| s.columns.iter().copied()))
        .chain([p.finished, p.preview, p.survey_type].into_iter().flatten())
        .collect();
    let mut problems = Vec::new();
    let names = [&named.main_benefit, &named.who_benefits, &named.improve];
    let mut out = TextColumns::default();
    for (k, name) in names.iter().enumerate() {
        if let Some(name) = name {
            if let Some(i) = named_column(headers, &normalized, QUESTIONS[k], name, &mut problems) {
                out.positions[k] = Some(i);
                taken.push(i);
            }
        }
    }
    if !problems.is_empty() {
        return Err(InputError::new("survey", problems));
    }
    let words = header_words(&normalized, questions);
    for k in 0..QUESTIONS.len() {
        let how = if out.positions[k].is_some() {
            "option"
        } else {
            let fits: Vec<usize> = (0..headers.len())
                .filter(|i| !taken.contains(i) && asks(&words[*i], k))
                .collect();
            let Some(&first) = fits.first() else { continue };
            out.positions[k] = Some(first);
            taken.push(first);
            if let Some(&other) = fits.get(1) {
                warnings.push(Warning::new(
                    "two_columns",
                    format!("columns.{}", QUESTIONS[k]),
                    format!(
                        "two columns could be the {} question: used \"{}\", the first; to use \"{}\" instead, name it in options.columns.{}",
                        WHAT[k], headers[first], headers[other], QUESTIONS[k]
                    ),
                ));
            }
            "header"
        };
        let Some(i) = out.positions[k] else { continue };
        if let Some(why) = not_free_text(sample, i) {
            warnings.push(Warning::new(
                "not_free_text",
                format!("columns.{}", QUESTIONS[k]),
                format!(
                    "the {} column \"{}\" {why}: its themes may mean little; name the free-text column in options.columns.{}",
                    WHAT[k], headers[i], QUESTIONS[k]
                ),
            ));
        }
        let column = DetectedColumn::new(&headers[i], i, how).asking(questions);
        match k {
            0 => out.detected.main_benefit = Some(column),
            1 => out.detected.who_benefits = Some(column),
            _ => out.detected.improve = Some(column),
        }
    }
    Ok(out)
}

/// Each question in words, for messages.
const WHAT: [&str; 3] = ["main-benefit", "who-benefits", "improvement"];

/// Whether a column's words ask free-text question `k`: "benefit" with a
/// word for people is who benefits; "benefit" without is the main benefit;
/// "improve" (or "improvement") is how to improve.
fn asks(words: &[String], k: usize) -> bool {
    let has = |w: &str| words.iter().any(|x| x == w);
    let benefit = words.iter().any(|w| w.starts_with("benefit"));
    let people = [
        "who", "people", "person", "persons", "users", "kind", "type",
    ]
    .iter()
    .any(|w| has(w));
    match k {
        0 => benefit && !people,
        1 => benefit && people,
        _ => words.iter().any(|w| w.starts_with("improv")),
    }
}

/// Why a column's sampled answers do not look like free text, if they do not.
fn not_free_text(sample: &[csv::ByteRecord], i: usize) -> Option<&'static str> {
    let values: Vec<&[u8]> = sample
        .iter()
        .filter_map(|r| r.get(i))
        .map(trim_space)
        .filter(|v| !v.is_empty())
        .collect();
    if values.is_empty() {
        return Some("has no answer in its first rows");
    }
    let numeric = values
        .iter()
        .filter(|v| {
            v.iter()
                .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b','))
        })
        .count();
    if numeric * 2 > values.len() {
        return Some("holds mostly numbers");
    }
    let mut distinct: Vec<&[u8]> = values.clone();
    distinct.sort_unstable();
    distinct.dedup();
    (values.len() >= CHOICE_SAMPLE && distinct.len() <= CHOICE_DISTINCT)
        .then_some("holds a few repeated answers, like a choice question")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn vohras_questions_are_told_apart() {
        let main = words("What is the main benefit you receive from Superhuman?");
        let who = words("What type of people do you think would most benefit from Superhuman?");
        let improve = words("How can we improve Superhuman for you?");
        assert_eq!(
            [asks(&main, 0), asks(&main, 1), asks(&main, 2)],
            [true, false, false]
        );
        assert_eq!(
            [asks(&who, 0), asks(&who, 1), asks(&who, 2)],
            [false, true, false]
        );
        assert_eq!(
            [asks(&improve, 0), asks(&improve, 1), asks(&improve, 2)],
            [false, false, true]
        );
        assert!(!asks(&words("Role"), 0));
    }
}
