//! One reader for the fields of loose objects: every options object, the
//! launch plan and the column names read their fields with these functions,
//! so a field of one kind (a choice, a date, a share, a column header) is
//! checked and explained the same way everywhere.
//!
//! Each function takes the value, its path and the list of problems found
//! so far. `undefined` and `null` both mean "not given": optional fields
//! read as `None` (or their default) without a problem; anything else that
//! is not what the field holds adds one problem, with a hint where the
//! mistake is guessable, and reads as `None`. Reading never stops at the
//! first problem, so callers report every problem at once.

// Each part uses only some of these readers: a build of some parts leaves
// the others unused.
#![cfg_attr(
    not(all(
        feature = "score",
        feature = "survey",
        feature = "events",
        feature = "launch"
    )),
    allow(dead_code)
)]

use crate::calendar::{days_from_civil, iso_date, parse_iso_date, FIRST_DAY, LAST_DAY};
use crate::format::format_suggestion;
use crate::input::problem::{index_path, join_path, InputError, Problem};
use crate::input::raw::RawValue;
use crate::input::suggest::did_you_mean;
use crate::input::units::NumberKind;

/// Whether two field names (or any texts) are equal, compared eight bytes
/// at a time. `==` on strings of one length calls `memcmp`, which in wasm
/// is a loop over bytes (about 110 instructions for a field name, and a
/// product's fields are checked against their group's list: a twentieth
/// of `analyzeMany`'s summaries); natively it stays about as quick.
pub(crate) fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let word = |bytes: &[u8], at: usize| -> Option<u64> {
        let word: [u8; 8] = bytes.get(at..at + 8)?.try_into().ok()?;
        Some(u64::from_le_bytes(word))
    };
    let mut at = 0;
    while let (Some(x), Some(y)) = (word(a, at), word(b, at)) {
        if x != y {
            return false;
        }
        at += 8;
    }
    let (a, b) = (
        a.get(at..).unwrap_or_default(),
        b.get(at..).unwrap_or_default(),
    );
    a.iter().zip(b).all(|(x, y)| x == y)
}

/// What an object may hold: its known keys, what an unknown key is called
/// ("an unknown option" or "an unknown field"), and what the object is, for
/// the problem raised when the value is not one.
#[derive(Debug, Clone, Copy)]
pub struct Shape<'a> {
    known: &'a [&'a str],
    unknown: &'static str,
    expected: &'a str,
}

impl<'a> Shape<'a> {
    /// An options object: its unknown keys are "an unknown option".
    pub const fn options(known: &'a [&'a str], expected: &'a str) -> Shape<'a> {
        Shape {
            known,
            unknown: "an unknown option",
            expected,
        }
    }

    /// An input object: its unknown keys are "an unknown field".
    pub const fn fields(known: &'a [&'a str], expected: &'a str) -> Shape<'a> {
        Shape {
            known,
            unknown: "an unknown field",
            expected,
        }
    }

    /// Reports every key of `entries` not among the known ones.
    pub fn unknown_keys(
        &self,
        entries: &[(String, RawValue)],
        path: &str,
        problems: &mut Vec<Problem>,
    ) {
        self.unknown_names(entries.iter().map(|(key, _)| key.as_str()), path, problems);
    }

    /// Reports every name not among the known ones, with "did you mean
    /// ...?" for near misses: [`Shape::unknown_keys`] for names read
    /// elsewhere (the keys of a JavaScript object).
    pub fn unknown_names<'k>(
        &self,
        names: impl IntoIterator<Item = &'k str>,
        path: &str,
        problems: &mut Vec<Problem>,
    ) {
        for key in names {
            if !self.known.contains(&key) {
                let hint = did_you_mean(key, self.known.iter().copied())
                    .map(|k| format!("did you mean {k}?"));
                problems.push(
                    Problem::new(
                        join_path(path, key),
                        self.unknown,
                        format!("one of {}", self.known.join(", ")),
                    )
                    .with_hint(hint),
                );
            }
        }
    }
}

/// The entries of an optional object of `shape` (`None` when it is absent
/// or not an object), with every unknown key reported.
pub fn object<'r>(
    raw: &'r RawValue,
    path: &str,
    shape: Shape,
    problems: &mut Vec<Problem>,
) -> Option<&'r [(String, RawValue)]> {
    match raw {
        RawValue::Undefined | RawValue::Null => None,
        value => required_object(value, path, shape, problems),
    }
}

/// [`object`] for an object that must be given.
pub fn required_object<'r>(
    raw: &'r RawValue,
    path: &str,
    shape: Shape,
    problems: &mut Vec<Problem>,
) -> Option<&'r [(String, RawValue)]> {
    if let RawValue::Object(entries) = raw {
        shape.unknown_keys(entries, path, problems);
        return Some(entries);
    }
    problems.push(Problem::new(
        display_path(path),
        raw.describe(),
        shape.expected,
    ));
    None
}

/// Reads an options object into `T`, starting from its default: `undefined`
/// and `null` mean no options; unknown option names are problems;
/// `read_fields` reads the known ones. Every problem at once, as an
/// [`InputError`] about `subject` ("survey options").
pub fn options<T: Default>(
    raw: &RawValue,
    shape: Shape,
    subject: &str,
    read_fields: impl FnOnce(&RawValue, &mut T, &mut Vec<Problem>),
) -> Result<T, InputError> {
    let mut options = T::default();
    let mut problems = Vec::new();
    if object(raw, "options", shape, &mut problems).is_some() {
        read_fields(raw, &mut options, &mut problems);
    }
    if problems.is_empty() {
        Ok(options)
    } else {
        Err(InputError::new(subject, problems))
    }
}

/// The expected value of an options argument that is not an object.
pub const OPTIONS_EXPECTED: &str = "an object of options, or nothing";

/// The path of a whole input is `input`, not the empty string.
fn display_path(path: &str) -> &str {
    if path.is_empty() {
        "input"
    } else {
        path
    }
}

/// The items of an optional array (`None` when absent, or not an array).
pub fn array<'a>(
    raw: &'a RawValue,
    path: &str,
    expected: &str,
    problems: &mut Vec<Problem>,
) -> Option<&'a [RawValue]> {
    match raw {
        RawValue::Undefined | RawValue::Null => None,
        RawValue::Array(items) => Some(items),
        other => {
            problems.push(Problem::new(path, other.describe(), expected));
            None
        }
    }
}

/// One of `allowed`, in any case: its position in `allowed`. The problem
/// lists the choices and suggests the nearest one.
pub fn choice(
    raw: &RawValue,
    path: &str,
    allowed: &[&str],
    problems: &mut Vec<Problem>,
) -> Option<usize> {
    let hint = match raw {
        RawValue::Undefined | RawValue::Null => return None,
        RawValue::String(s) => {
            if let Some(i) = allowed.iter().position(|a| a.eq_ignore_ascii_case(s)) {
                return Some(i);
            }
            did_you_mean(s, allowed.iter().copied()).map(|k| format!("did you mean {k}?"))
        }
        _ => None,
    };
    problems.push(
        Problem::new(
            path,
            raw.describe(),
            format!("one of {}", quoted_list(allowed)),
        )
        .with_hint(hint),
    );
    None
}

/// [`choice`] among named values: the value of the name given.
pub fn choice_of<T: Copy>(
    raw: &RawValue,
    path: &str,
    named: &[(&str, T)],
    problems: &mut Vec<Problem>,
) -> Option<T> {
    let names: Vec<&str> = named.iter().map(|(name, _)| *name).collect();
    choice(raw, path, &names, problems).map(|i| named[i].1)
}

/// `"a", "b" or "c"`, each item as a JSON string.
fn quoted_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items
        .iter()
        .map(|i| serde_json::Value::String(i.to_string()).to_string())
        .collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

/// A number from `min` to `max`. A percentage given where a share belongs
/// (95 for 0.95) gets "did you mean 0.95?".
pub fn number_in(
    raw: &RawValue,
    path: &str,
    (min, max): (f64, f64),
    expected: &str,
    problems: &mut Vec<Problem>,
) -> Option<f64> {
    match raw {
        RawValue::Undefined | RawValue::Null => None,
        RawValue::Number(v) if (min..=max).contains(v) => Some(*v),
        other => {
            let hint = match other {
                RawValue::Number(v)
                    if max < 1.0
                        && *v > 1.0
                        && *v <= 100.0
                        && (min..=max).contains(&(v / 100.0)) =>
                {
                    Some(format!("did you mean {}?", format_suggestion(v / 100.0)))
                }
                _ => None,
            };
            problems.push(Problem::new(path, other.describe(), expected).with_hint(hint));
            None
        }
    }
}

/// A confidence level, 0.5 to 0.999 (0.95 = 95%).
pub fn confidence_level(raw: &RawValue, path: &str, problems: &mut Vec<Problem>) -> Option<f64> {
    let expected = "a level between 0.5 and 0.999 (0.95 = 95%)";
    number_in(raw, path, (0.5, 0.999), expected, problems)
}

/// A whole number from `min` to `max`.
pub fn whole_number(
    raw: &RawValue,
    path: &str,
    range: (f64, f64),
    expected: &str,
    problems: &mut Vec<Problem>,
) -> Option<f64> {
    match raw {
        RawValue::Number(v) if v.fract() != 0.0 => {
            problems.push(Problem::new(path, raw.describe(), expected));
            None
        }
        _ => number_in(raw, path, range, expected, problems),
    }
}

/// A number of a field kind (its range, unit and hints: [`NumberKind`]).
///
/// `path` is written out only for a problem: readers check every field
/// given, and most paths are never shown ([`FieldPath`](crate::input::problem::FieldPath)).
pub fn number_of_kind(
    raw: &RawValue,
    path: &(impl std::fmt::Display + ?Sized),
    kind: NumberKind,
    problems: &mut Vec<Problem>,
) -> Option<f64> {
    let hint = match raw {
        RawValue::Undefined | RawValue::Null => return None,
        RawValue::Number(v) => match kind.check(*v) {
            Ok(()) => return Some(*v),
            Err(hint) => hint,
        },
        other => string_number_hint(other),
    };
    problems.push(Problem::new(path.to_string(), raw.describe(), kind.expected()).with_hint(hint));
    None
}

/// The hint for a number given as text ("45", "45%").
pub fn string_number_hint(raw: &RawValue) -> Option<String> {
    match raw {
        RawValue::String(s) if reads_as_number(s.trim().trim_end_matches('%').trim()) => {
            Some("numbers must be given as numbers, not strings".to_string())
        }
        _ => None,
    }
}

/// True for text that Rust's `f64` parsing accepts: an optional sign, then
/// digits with an optional fraction and exponent (`12`, `.5`, `3.`, `1e-3`),
/// or `inf`, `infinity` or `nan` in any case. Written out because the
/// parser itself adds ~14 KB to the wasm for this one check.
fn reads_as_number(text: &str) -> bool {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    if ["inf", "infinity", "nan"]
        .iter()
        .any(|word| unsigned.eq_ignore_ascii_case(word))
    {
        return true;
    }
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let whole = digits(unsigned);
    let rest = &unsigned[whole..];
    let (fraction, rest) = match rest.strip_prefix('.') {
        Some(after) => {
            let n = digits(after);
            (n, &after[n..])
        }
        None => (0, rest),
    };
    if whole + fraction == 0 {
        return false;
    }
    match rest.strip_prefix(['e', 'E']) {
        None => rest.is_empty(),
        Some(exponent) => {
            let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
            !exponent.is_empty() && digits(exponent) == exponent.len()
        }
    }
}

/// A required name: non-blank text, trimmed. `what` says what it names.
pub fn name(raw: &RawValue, path: &str, what: &str, problems: &mut Vec<Problem>) -> Option<String> {
    match raw {
        RawValue::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        other => {
            problems.push(Problem::new(
                path,
                other.describe(),
                format!("{what} (a non-empty text)"),
            ));
            None
        }
    }
}

/// Optional free text, trimmed: `None` when absent or blank.
pub fn optional_text(raw: &RawValue, path: &str, problems: &mut Vec<Problem>) -> Option<String> {
    match raw {
        RawValue::Undefined | RawValue::Null => None,
        RawValue::String(s) if s.trim().is_empty() => None,
        RawValue::String(s) => Some(s.trim().to_string()),
        other => {
            problems.push(Problem::new(path, other.describe(), "text"));
            None
        }
    }
}

/// An optional list of non-blank texts.
pub fn text_list(
    raw: &RawValue,
    path: &str,
    item: &str,
    problems: &mut Vec<Problem>,
) -> Vec<String> {
    let Some(items) = array(
        raw,
        path,
        &format!("an array of texts (each {item})"),
        problems,
    ) else {
        return Vec::new();
    };
    items
        .iter()
        .enumerate()
        .filter_map(|(i, value)| name(value, &index_path(path, i), item, problems))
        .collect()
}

/// An optional column header, as given (headers are matched ignoring case
/// and surrounding spaces later).
pub fn column_header(raw: &RawValue, path: &str, problems: &mut Vec<Problem>) -> Option<String> {
    match raw {
        RawValue::Undefined | RawValue::Null => None,
        value => required_column_header(value, path, problems),
    }
}

/// A column header that must be given.
pub fn required_column_header(
    raw: &RawValue,
    path: &str,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    match raw {
        RawValue::String(s) if !s.trim().is_empty() => Some(s.clone()),
        other => {
            problems.push(Problem::new(
                path,
                other.describe(),
                "a column header (text)",
            ));
            None
        }
    }
}

/// An optional CSV field delimiter: `,`, `;`, a tab or `|`.
pub fn delimiter(raw: &RawValue, path: &str, problems: &mut Vec<Problem>) -> Option<u8> {
    const DELIMITERS: [&str; 4] = [",", ";", "\t", "|"];
    choice(raw, path, &DELIMITERS, problems).map(|i| DELIMITERS[i].as_bytes()[0])
}

/// An optional flag with its default.
pub fn flag(raw: &RawValue, path: &str, default: bool, problems: &mut Vec<Problem>) -> bool {
    match raw {
        RawValue::Undefined | RawValue::Null => default,
        RawValue::Bool(b) => *b,
        other => {
            problems.push(Problem::new(path, other.describe(), "true or false"));
            default
        }
    }
}

const DATE_EXPECTED: &str = "a calendar date as YYYY-MM-DD, e.g. \"2027-02-15\"";

/// A required calendar date `YYYY-MM-DD`, as a day number
/// ([`crate::calendar`]).
pub fn date(raw: &RawValue, path: &str, problems: &mut Vec<Problem>) -> Option<i64> {
    if let RawValue::String(text) = raw {
        if let Some(day) = parse_iso_date(text) {
            if (FIRST_DAY..=LAST_DAY).contains(&day) {
                return Some(day);
            }
            problems.push(Problem::new(
                path,
                raw.describe(),
                format!(
                    "a date from {} to {}",
                    iso_date(FIRST_DAY),
                    iso_date(LAST_DAY)
                ),
            ));
            return None;
        }
    }
    problems.push(Problem::new(path, raw.describe(), DATE_EXPECTED).with_hint(date_hint(raw)));
    None
}

/// An optional calendar date: `None` when absent.
pub fn optional_date(raw: &RawValue, path: &str, problems: &mut Vec<Problem>) -> Option<i64> {
    match raw {
        RawValue::Undefined | RawValue::Null => None,
        value => date(value, path, problems),
    }
}

/// Why a value is not a date, when the mistake is a common one.
fn date_hint(raw: &RawValue) -> Option<String> {
    let text = match raw {
        RawValue::String(text) => text.trim(),
        RawValue::Unsupported(what) if what == "a Date" => {
            return Some("pass the day as text, e.g. date.toISOString().slice(0, 10)".into())
        }
        RawValue::Number(_) => return Some("write the date as text, e.g. \"2027-02-15\"".into()),
        _ => return None,
    };
    // A timestamp: the date part alone is meant.
    if let (Some(day), Some(rest)) = (text.get(..10), text.get(10..)) {
        if parse_iso_date(day).is_some() && rest.starts_with(['T', ' ']) {
            return Some(format!("a date without a time: did you mean \"{day}\"?"));
        }
    }
    let parts: Vec<&str> = text.split('-').collect();
    if let [y, m, d] = parts.as_slice() {
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if y.len() == 4 && [y, m, d].iter().all(|p| digits(p)) {
            if m.len() != 2 || d.len() != 2 {
                return Some("write the month and the day with two digits each".into());
            }
            // Four-digit years only, so the day arithmetic cannot overflow.
            if let (Ok(year), Ok(month), Ok(day)) =
                (y.parse::<i64>(), m.parse::<u32>(), d.parse::<u32>())
            {
                if !(1..=12).contains(&month) {
                    return Some("the month is 01 to 12".into());
                }
                let next = if month == 12 {
                    days_from_civil(year + 1, 1, 1)
                } else {
                    days_from_civil(year, month + 1, 1)
                };
                let length = next - days_from_civil(year, month, 1);
                if i64::from(day) > length || day == 0 {
                    return Some(format!("{y}-{m} has {length} days"));
                }
            }
        }
    }
    if text.contains('/') || text.contains('.') {
        return Some("write dates as YYYY-MM-DD (year first)".into());
    }
    None
}

/// Most features `options.features` names, and events per feature.
pub const MAX_FEATURES: usize = 1_000;

/// `options.features` (of `analyzeEvents` and of `analyzeSurvey` with behaviour): an object, each key a feature's name and its value
/// an event name or an array of them.
pub fn event_features(raw: &RawValue, problems: &mut Vec<Problem>) -> Vec<(String, Vec<String>)> {
    let expected = "an object such as { \"Projects\": [\"project_created\", \"project_shared\"] }";
    let entries = match raw {
        RawValue::Undefined | RawValue::Null => return Vec::new(),
        RawValue::Object(entries) if entries.len() <= MAX_FEATURES => entries,
        RawValue::Object(entries) => {
            problems.push(Problem::new(
                "options.features",
                format!("{} features", entries.len()),
                format!("at most {MAX_FEATURES} features"),
            ));
            return Vec::new();
        }
        other => {
            problems.push(Problem::new("options.features", other.describe(), expected));
            return Vec::new();
        }
    };
    let mut out = Vec::with_capacity(entries.len());
    for (name, value) in entries {
        let path = join_path("options.features", name);
        let event = |item: &RawValue, path: String, problems: &mut Vec<Problem>| match item {
            RawValue::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            other => {
                problems.push(Problem::new(path, other.describe(), "an event name (text)"));
                None
            }
        };
        let events: Vec<String> = match value {
            RawValue::Array(items) if !items.is_empty() && items.len() <= MAX_FEATURES => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| event(item, format!("{path}[{i}]"), problems))
                .collect(),
            RawValue::String(_) => event(value, path.clone(), problems).into_iter().collect(),
            other => {
                problems.push(Problem::new(
                    path.clone(),
                    other.describe(),
                    format!("an event name, or an array of 1 to {MAX_FEATURES} of them"),
                ));
                continue;
            }
        };
        if name.trim().is_empty() {
            problems.push(Problem::new(path, "an empty name", "a feature name"));
            continue;
        }
        out.push((name.trim().to_string(), events));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_text_is_string_equality() {
        let texts = [
            "",
            "a",
            "b",
            "ab",
            "usage",
            "usagE",
            "dauMauRatio",
            "dauWauRatio",
            "retentionRate",
            "retentionRatf",
            "xetentionRate",
            "12345678",
            "12345679",
            "123456789abcdefg",
            "123456789abcdefh",
            "é",
            "e\u{301}",
            "naïve text",
            "naive text",
            "naïve texu",
        ];
        for a in texts {
            for b in texts {
                assert_eq!(same_text(a, b), a == b, "{a:?} against {b:?}");
            }
        }
        // Every length up to 40, differing at every position.
        for len in 0..40 {
            let a: String = (0..len)
                .map(|i| char::from(b'a' + (i % 26) as u8))
                .collect();
            assert!(same_text(&a, &a.clone()));
            for at in 0..len {
                let mut b = a.clone().into_bytes();
                b[at] = b'Z';
                let b = String::from_utf8(b).unwrap();
                assert!(!same_text(&a, &b), "{a} against {b}");
            }
        }
    }

    #[test]
    fn reads_as_number_agrees_with_the_f64_parser() {
        let mut texts: Vec<String> = [
            "12",
            "-3",
            "+4",
            ".5",
            "3.",
            ".",
            "",
            "-",
            "1e5",
            "1E-5",
            "1e",
            "1e+",
            "e5",
            "1.2.3",
            "inf",
            "-Infinity",
            "NaN",
            "nan ",
            "infinit",
            "0x10",
            "1_000",
            "١٢",
            "１２",
            "12 ",
            " 12",
            "1e5.5",
            "--1",
            "+-1",
            "00012.500",
            "1,5",
            "4.5e+300",
            "1e99999",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let alphabet = ['1', '0', '.', 'e', 'E', '+', '-', 'i', 'n', 'f', 'a', ' '];
        let mut seed = 0x9E37_79B9u32;
        for _ in 0..20_000 {
            let mut t = String::new();
            for _ in 0..seed % 7 {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                t.push(alphabet[(seed % alphabet.len() as u32) as usize]);
            }
            texts.push(t);
        }
        for t in texts {
            assert_eq!(reads_as_number(&t), t.parse::<f64>().is_ok(), "{t:?}");
        }
    }

    fn raw(json: &str) -> RawValue {
        RawValue::from_json_str(json).unwrap()
    }

    #[test]
    fn choices_ignore_case_and_suggest() {
        let mut problems = Vec::new();
        let allowed = ["day", "week", "month"];
        assert_eq!(
            choice(&raw("\"Week\""), "p", &allowed, &mut problems),
            Some(1)
        );
        assert_eq!(choice(&RawValue::Null, "p", &allowed, &mut problems), None);
        assert!(problems.is_empty());
        assert_eq!(choice(&raw("\"mnth\""), "p", &allowed, &mut problems), None);
        assert_eq!(problems[0].expected, r#"one of "day", "week" or "month""#);
        assert_eq!(problems[0].hint.as_deref(), Some("did you mean month?"));
        assert_eq!(delimiter(&raw(r#""\t""#), "d", &mut problems), Some(b'\t'));
        delimiter(&raw("\":\""), "d", &mut problems);
        assert_eq!(problems[1].expected, r#"one of ",", ";", "\t" or "|""#);
    }

    #[test]
    fn numbers_and_dates_explain_the_mistake() {
        let mut problems = Vec::new();
        assert_eq!(
            number_in(&raw("95"), "c", (0.5, 0.999), "a level", &mut problems),
            None
        );
        assert_eq!(problems[0].hint.as_deref(), Some("did you mean 0.95?"));
        // 30 is no percentage of a level between 0.5 and 0.999: no hint.
        number_in(&raw("30"), "c", (0.5, 0.999), "a level", &mut problems);
        assert_eq!(problems[1].hint, None);
        assert_eq!(
            number_of_kind(&raw("\"45%\""), "r", NumberKind::Fraction, &mut problems),
            None
        );
        assert_eq!(
            problems[2].hint.as_deref(),
            Some("numbers must be given as numbers, not strings")
        );
        assert_eq!(date(&raw("\"2027-02-30\""), "d", &mut problems), None);
        assert_eq!(problems[3].hint.as_deref(), Some("2027-02 has 28 days"));
        assert_eq!(
            optional_date(&RawValue::Undefined, "d", &mut problems),
            None
        );
        assert_eq!(problems.len(), 4);
    }

    #[test]
    fn objects_report_unknown_keys() {
        let mut problems = Vec::new();
        let value = raw(r#"{"asOf": "2027-01-01", "asof": 1}"#);
        let entries = object(
            &value,
            "options",
            Shape::options(&["asOf"], "options"),
            &mut problems,
        );
        assert_eq!(entries.map(<[_]>::len), Some(2));
        assert_eq!(problems[0].path, "options.asof");
        assert_eq!(problems[0].value, "an unknown option");
        assert_eq!(problems[0].hint.as_deref(), Some("did you mean asOf?"));
        object(&raw("3"), "", Shape::fields(&[], "a plan"), &mut problems);
        assert_eq!(problems[1].path, "input");
    }
}
