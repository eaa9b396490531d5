//! The free-text columns: the engine's (`mainBenefit`, `whoBenefits`,
//! `improve`) and the feature requests' (`requests`), each named in
//! `options.columns`, else found by the words of its header or question
//! text, among the columns no other question took. Without a column of its
//! own, the engine's improvement question ("How can we improve … for you?")
//! is the request column too. A guess that may be wrong is a warning: two
//! columns fit, or the one found holds numbers or a handful of repeated
//! choices rather than free text.

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
/// and what the result says of them; the feature-request column.
#[derive(Debug, Clone, Default)]
pub(in crate::survey) struct TextColumns {
    pub(in crate::survey) positions: [Option<usize>; 3],
    pub(in crate::survey) detected: EngineColumns,
    pub(in crate::survey) request: Option<RequestColumn>,
}

/// The column feature requests are read from.
#[derive(Debug, Clone, PartialEq)]
pub(in crate::survey) struct RequestColumn {
    pub(in crate::survey) index: usize,
    /// How it was found (as the improvement column was, when it is that one).
    pub(in crate::survey) detected: DetectedColumn,
    /// It is the engine's improvement column, read for requests because no
    /// other column asks for them.
    pub(in crate::survey) from_improve: bool,
}

/// The option that names the request column.
const REQUESTS: &str = "requests";

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
        .chain(p.marks.columns())
        .chain(p.survey_type)
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
    let named_request = named
        .requests
        .as_ref()
        .and_then(|name| named_column(headers, &normalized, REQUESTS, name, &mut problems));
    if !problems.is_empty() {
        return Err(InputError::new("survey", problems));
    }
    let words = header_words(&normalized, questions);
    let found = Found {
        headers,
        sample,
        words: &words,
    };
    for k in 0..QUESTIONS.len() {
        let how = if out.positions[k].is_some() {
            "option"
        } else {
            // A named request column may be the improvement question too,
            // never another's.
            let free = |i: usize| !taken.contains(&i) && (named_request != Some(i) || k == 2);
            let Some(first) =
                found.by_words(&free, &|w| asks(w, k), QUESTIONS[k], WHAT[k], warnings)
            else {
                continue;
            };
            out.positions[k] = Some(first);
            taken.push(first);
            "header"
        };
        let Some(i) = out.positions[k] else { continue };
        found.check_free_text(i, QUESTIONS[k], WHAT[k], warnings);
        let column = DetectedColumn::new(&headers[i], i, how).asking(questions);
        match k {
            0 => out.detected.main_benefit = Some(column),
            1 => out.detected.who_benefits = Some(column),
            _ => out.detected.improve = Some(column),
        }
    }
    out.request = match named_request {
        Some(i) => Some((i, "option")),
        None => found
            .by_words(
                &|i| !taken.contains(&i),
                &asks_for_requests,
                REQUESTS,
                WHAT[3],
                warnings,
            )
            .map(|i| (i, "header")),
    }
    .map(|(i, how)| {
        found.check_free_text(i, REQUESTS, WHAT[3], warnings);
        RequestColumn {
            index: i,
            detected: DetectedColumn::new(&headers[i], i, how).asking(questions),
            from_improve: false,
        }
    })
    .or_else(|| {
        // No column of its own: "How can we improve … for you?" is asked for
        // what to build too (its warnings are given already).
        Some(RequestColumn {
            index: out.positions[2]?,
            detected: out.detected.improve.clone()?,
            from_improve: true,
        })
    });
    Ok(out)
}

/// What the free-text columns are looked for in.
struct Found<'a> {
    headers: &'a [String],
    sample: &'a [csv::ByteRecord],
    words: &'a [Vec<String>],
}

impl Found<'_> {
    /// The first free column whose words ask the question, with a warning
    /// when another fits too.
    fn by_words(
        &self,
        free: &dyn Fn(usize) -> bool,
        asks: &dyn Fn(&[String]) -> bool,
        key: &str,
        what: &str,
        warnings: &mut Vec<Warning>,
    ) -> Option<usize> {
        let mut fits = (0..self.headers.len()).filter(|i| free(*i) && asks(&self.words[*i]));
        let first = fits.next()?;
        if let Some(other) = fits.next() {
            warnings.push(Warning::new(
                "two_columns",
                format!("columns.{key}"),
                format!(
                    "two columns could be the {what} question: used \"{}\", the first; to use \"{}\" instead, name it in options.columns.{key}",
                    self.headers[first], self.headers[other]
                ),
            ));
        }
        Some(first)
    }

    /// A warning when column `i`'s sampled answers do not look like free text.
    fn check_free_text(&self, i: usize, key: &str, what: &str, warnings: &mut Vec<Warning>) {
        if let Some(why) = not_free_text(self.sample, i) {
            warnings.push(Warning::new(
                "not_free_text",
                format!("columns.{key}"),
                format!(
                    "the {what} column \"{}\" {why}: its themes may mean little; name the free-text column in options.columns.{key}",
                    self.headers[i]
                ),
            ));
        }
    }
}

/// Each question in words, for messages (the engine's three, then requests).
const WHAT: [&str; 4] = [
    "main-benefit",
    "who-benefits",
    "improvement",
    "feature-request",
];

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

/// Whether a column's words ask for feature requests: "What should we
/// build next?", "Feature requests", "What features would you like to
/// see?", "What would you add?", "What's missing?", "I wish … could …".
/// "How can we improve …?" is the engine's improvement question, the
/// request column only when no column asks for requests.
fn asks_for_requests(words: &[String]) -> bool {
    let has = |w: &str| words.iter().any(|x| x == w);
    let begins = |stem: &str| words.iter().any(|x| x.starts_with(stem));
    let follows = |a: &str, b: &str| words.windows(2).any(|p| p[0] == a && p[1] == b);
    let feature = begins("feature");
    let what_features = words
        .windows(2)
        .any(|p| p[0] == "what" && p[1].starts_with("feature"));
    let wanting = [
        "would", "want", "like", "add", "see", "need", "next", "missing",
    ]
    .iter()
    .any(|w| has(w));
    has("build") && (has("next") || has("should") || has("us"))
        || feature && (begins("request") || begins("idea"))
        || what_features && wanting
        || follows("you", "add")
        || follows("add", "next")
        || has("missing")
        || begins("wish")
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

    #[test]
    fn request_questions_are_found_by_their_words() {
        for header in [
            "What should we build next?",
            "What would you like us to build?",
            "Feature requests",
            "Any feature request?",
            "Feature ideas",
            "What features would you like to see in Acme?",
            "What features are we missing?",
            "What would you add to Acme?",
            "What's missing?",
            "Wishlist",
            "I wish Acme could ...",
        ] {
            assert!(asks_for_requests(&words(header)), "{header}");
        }
        for header in [
            "How can we improve Acme for you?",
            "What features do you use most?",
            "What is the main benefit you receive from Acme?",
            "Role",
            "Which plan are you on?",
            "Address",
            "How long did the build take?",
        ] {
            assert!(!asks_for_requests(&words(header)), "{header}");
        }
    }
}
