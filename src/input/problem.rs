//! What can be wrong with an input, and how it is told.
//!
//! Every problem carries the field path, the value given, what was expected
//! and, where the mistake is guessable, a hint. [`InputError`] holds all the
//! problems of one input: callers fix everything in one round trip.

use serde::Serialize;
use std::fmt;

/// One problem with one input value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// Where the value is, as JS would write it: `usageMetrics.retentionRate`;
    /// map keys that are plain identifiers join with a dot
    /// (`surveyData.featureRatings.search`), others in brackets
    /// (`surveyData.featureRatings["AI search"]`); `input` for the whole input.
    pub path: String,
    /// The value given, as text: `45`, `"high"`, `NaN`, `null`.
    pub value: String,
    /// What was expected there, in words, with its range.
    pub expected: String,
    /// A guess at what was meant, when the mistake is a common one
    /// (`did you mean 0.45?` for a percentage given as a fraction).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Problem {
    /// A problem without a hint.
    pub fn new(
        path: impl Into<String>,
        value: impl Into<String>,
        expected: impl Into<String>,
    ) -> Self {
        Problem {
            path: path.into(),
            value: value.into(),
            expected: expected.into(),
            hint: None,
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} is {}; expected {}",
            self.path, self.value, self.expected
        )?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

/// Every problem found in one input. Its message lists them, one a line.
#[derive(Debug, Clone, PartialEq)]
pub struct InputError {
    /// What was being read: "product data", "options", "launch plan".
    pub subject: String,
    /// All problems found, in input order.
    pub problems: Vec<Problem>,
}

impl InputError {
    /// An error for `subject` with the given problems.
    pub fn new(subject: impl Into<String>, problems: Vec<Problem>) -> Self {
        InputError {
            subject: subject.into(),
            problems,
        }
    }

    /// The same problems as a part of a bigger input, the subject `subject`
    /// and each path put under `root` (`input` becomes `root`): the event
    /// arrays of another function's options (`options.behaviour.userIds`).
    pub fn under(self, subject: &str, root: &str) -> Self {
        let problems = self
            .problems
            .into_iter()
            .map(|mut p| {
                p.path = if p.path == "input" {
                    root.to_string()
                } else {
                    format!("{root}.{}", p.path)
                };
                p
            })
            .collect();
        InputError::new(subject, problems)
    }

    /// The same problems, each said to be in `place` ("file a.csv of the
    /// zip archive"): for an error found in one part of a bigger input.
    pub fn within(mut self, place: &str) -> Self {
        for p in &mut self.problems {
            p.value = format!("{} (in {place})", p.value);
        }
        self
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problems.as_slice() {
            [] => write!(f, "invalid {}", self.subject),
            [only] => write!(f, "invalid {}: {only}", self.subject),
            all => {
                write!(f, "invalid {}: {} problems", self.subject, all.len())?;
                for problem in all {
                    write!(f, "\n  - {problem}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for InputError {}

/// Builds a field path the way JS code would write it: `a.b` for plain
/// names, `a["two words"]` otherwise.
pub fn join_path(parent: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$')
        && !key.starts_with(|c: char| c.is_ascii_digit());
    if !plain {
        return format!("{parent}[{}]", serde_json::Value::String(key.to_string()));
    }
    // Built by hand, not with format!: validation joins a path for every
    // field given, and the formatting machinery was most of its cost.
    let mut path = String::with_capacity(parent.len() + 1 + key.len());
    path.push_str(parent);
    if !parent.is_empty() {
        path.push('.');
    }
    path.push_str(key);
    path
}

/// A field path whose text is built only when shown. Reading checks every
/// field given, and joining each path's text (a string per field, most of
/// them never shown) was a tenth of reading's time.
#[derive(Debug, Clone, Copy)]
pub enum FieldPath<'a> {
    /// The path of the value read: `""` for the input itself.
    Root(&'a str),
    /// A key of an object at the parent path.
    Key(&'a FieldPath<'a>, &'a str),
    /// An item of an array at the parent path.
    Index(&'a FieldPath<'a>, usize),
}

impl<'a> FieldPath<'a> {
    /// The path of `key` under this one.
    pub fn key(&'a self, key: &'a str) -> FieldPath<'a> {
        FieldPath::Key(self, key)
    }

    /// The path of item `index` under this one.
    pub fn index(&'a self, index: usize) -> FieldPath<'a> {
        FieldPath::Index(self, index)
    }

    /// The path as JS code would write it, as [`join_path`] and
    /// [`index_path`] build it.
    pub fn text(&self) -> String {
        match self {
            FieldPath::Root(root) => (*root).to_string(),
            FieldPath::Key(parent, key) => join_path(&parent.text(), key),
            FieldPath::Index(parent, index) => index_path(&parent.text(), *index),
        }
    }
}

impl std::fmt::Display for FieldPath<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text())
    }
}

/// Path of an array item: `products[3]`.
pub fn index_path(parent: &str, index: usize) -> String {
    format!("{parent}[{index}]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_lists_every_problem() {
        let err = InputError::new(
            "product data",
            vec![
                Problem::new(
                    "usageMetrics.retentionRate",
                    "45",
                    "a fraction between 0 and 1",
                )
                .with_hint(Some("did you mean 0.45?".into())),
                Problem::new(
                    "surveyData.npsScore",
                    "140",
                    "a number between -100 and 100",
                ),
            ],
        );
        let text = err.to_string();
        assert!(text.starts_with("invalid product data: 2 problems"));
        assert!(text.contains(
            "usageMetrics.retentionRate is 45; expected a fraction between 0 and 1 (did you mean 0.45?)"
        ));
        assert!(text.contains("surveyData.npsScore is 140"));
    }

    #[test]
    fn paths_quote_awkward_keys() {
        assert_eq!(join_path("a", "b"), "a.b");
        assert_eq!(join_path("a", "AI search"), "a[\"AI search\"]");
        assert_eq!(join_path("", "usageMetrics"), "usageMetrics");
        let root = FieldPath::Root("");
        let group = root.key("surveyData");
        let item = group.key("AI search");
        assert_eq!(item.text(), "surveyData[\"AI search\"]");
        assert_eq!(group.key("trends").index(3).text(), "surveyData.trends[3]");
        assert_eq!(FieldPath::Root("options").key("x").text(), "options.x");
        assert_eq!(index_path("products", 3), "products[3]");
    }
}
