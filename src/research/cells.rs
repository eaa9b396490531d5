//! Reading one usability-test answer as exports write it: agreement labels
//! or numbers for the SUS ("4 - Agree", "Strongly disagree"), 7-point
//! ratings for the SEQ and UMUX-Lite, a task's outcome in the words tools
//! use ("Success", "gave up", 1/0, TRUE), and its time ("95", "1:35",
//! "00:01:35", "95 s", "1.5 min").

use crate::survey::answers::{leading_integer, trim_space, Normalized};

/// Why a cell could not be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellError {
    /// Not a whole number or a label of the scale.
    NotOnScale,
    /// A whole number outside the scale.
    OutOfScale,
    /// An outcome in none of the words read as success, failure or not attempted.
    UnknownOutcome,
    /// A time that is not a number of its unit, `m:ss` or `h:mm:ss`.
    NotATime,
    /// A time of 0 or less: it has no logarithm.
    TimeNotPositive,
}

/// What a task's outcome cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Completed.
    Success,
    /// Attempted and not completed (failed, gave up, timed out).
    Failure,
    /// Completed in part: a failure unless `options.partial` says otherwise.
    Partial,
    /// Not attempted (skipped, not reached): left out of the task's attempts.
    NotAttempted,
}

/// Agreement labels of the SUS's 5-point scale.
const AGREEMENT: &[(&[u8], u8)] = &[
    (b"strongly disagree", 1),
    (b"disagree", 2),
    (b"somewhat disagree", 2),
    (b"neither agree nor disagree", 3),
    (b"neither agree or disagree", 3),
    (b"neutral", 3),
    (b"agree", 4),
    (b"somewhat agree", 4),
    (b"strongly agree", 5),
];

/// A 1..5 agreement answer (or `0..=max` codes as given: the caller reads
/// the coding). `Ok(None)` for a blank.
pub fn agreement(text: &[u8], max: u8) -> Result<Option<u8>, CellError> {
    scale(text, max, |t| label_of(AGREEMENT, t))
}

/// A 1..7 rating (the SEQ's and UMUX-Lite's): a number, or the end labels
/// ("Very difficult" 1, "Very easy" 7; "Strongly disagree" 1, "Strongly
/// agree" 7). `Ok(None)` for a blank.
pub fn seven_point(text: &[u8]) -> Result<Option<u8>, CellError> {
    const ENDS: &[(&[u8], u8)] = &[
        (b"very difficult", 1),
        (b"very easy", 7),
        (b"strongly disagree", 1),
        (b"strongly agree", 7),
    ];
    scale(text, 7, |t| label_of(ENDS, t))
}

fn scale(
    text: &[u8],
    max: u8,
    label: impl Fn(&[u8]) -> Option<u8>,
) -> Result<Option<u8>, CellError> {
    let t = trim_space(text);
    if t.is_empty() {
        return Ok(None);
    }
    let value = match leading_integer(t) {
        Some(v) => v,
        None => return label(t).map(Some).ok_or(CellError::NotOnScale),
    };
    if value <= f64::from(max) {
        Ok(Some(value as u8))
    } else {
        Err(CellError::OutOfScale)
    }
}

fn label_of(labels: &[(&[u8], u8)], text: &[u8]) -> Option<u8> {
    let n = Normalized::new(text);
    labels.iter().find(|(l, _)| n.text() == *l).map(|(_, v)| *v)
}

/// Words read as each outcome, matched whole (case and spacing aside).
const OUTCOMES: &[(&[u8], Outcome)] = &[
    (b"1", Outcome::Success),
    (b"true", Outcome::Success),
    (b"yes", Outcome::Success),
    (b"y", Outcome::Success),
    (b"success", Outcome::Success),
    (b"successful", Outcome::Success),
    (b"succeeded", Outcome::Success),
    (b"pass", Outcome::Success),
    (b"passed", Outcome::Success),
    (b"complete", Outcome::Success),
    (b"completed", Outcome::Success),
    (b"completed successfully", Outcome::Success),
    (b"direct success", Outcome::Success),
    (b"indirect success", Outcome::Success),
    (b"0", Outcome::Failure),
    (b"false", Outcome::Failure),
    (b"no", Outcome::Failure),
    (b"n", Outcome::Failure),
    (b"fail", Outcome::Failure),
    (b"failed", Outcome::Failure),
    (b"failure", Outcome::Failure),
    (b"not completed", Outcome::Failure),
    (b"incomplete", Outcome::Failure),
    (b"abandoned", Outcome::Failure),
    (b"gave up", Outcome::Failure),
    (b"give up", Outcome::Failure),
    (b"timed out", Outcome::Failure),
    (b"timeout", Outcome::Failure),
    (b"time out", Outcome::Failure),
    (b"partial", Outcome::Partial),
    (b"partial success", Outcome::Partial),
    (b"partially completed", Outcome::Partial),
    (b"skipped", Outcome::NotAttempted),
    (b"skip", Outcome::NotAttempted),
    (b"not attempted", Outcome::NotAttempted),
    (b"not reached", Outcome::NotAttempted),
    (b"n/a", Outcome::NotAttempted),
];

/// A task's outcome. `Ok(None)` for a blank.
pub fn outcome(text: &[u8]) -> Result<Option<Outcome>, CellError> {
    let t = trim_space(text);
    if t.is_empty() {
        return Ok(None);
    }
    let n = Normalized::new(t);
    // "1.0" is a success as "1" is.
    let word = match leading_integer(t) {
        Some(1.0) => &b"1"[..],
        Some(0.0) => &b"0"[..],
        _ => n.text(),
    };
    OUTCOMES
        .iter()
        .find(|(w, _)| *w == word)
        .map(|(_, o)| Some(*o))
        .ok_or(CellError::UnknownOutcome)
}

/// A time's unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeUnit {
    /// Seconds.
    Seconds,
    /// Milliseconds.
    Milliseconds,
    /// Minutes.
    Minutes,
}

impl TimeUnit {
    /// The unit's name in options and results.
    pub fn as_str(self) -> &'static str {
        match self {
            TimeUnit::Seconds => "seconds",
            TimeUnit::Milliseconds => "milliseconds",
            TimeUnit::Minutes => "minutes",
        }
    }

    /// `v` of this unit in seconds (milliseconds divided, so that 950 ms is 0.95 exactly).
    fn to_seconds(self, v: f64) -> f64 {
        match self {
            TimeUnit::Seconds => v,
            TimeUnit::Milliseconds => v / 1000.0,
            TimeUnit::Minutes => v * 60.0,
        }
    }
}

/// A time in seconds: a number in `unit` (a suffix `s`, `sec`, `ms` or
/// `min` overrides it), or a clock `m:ss` / `h:mm:ss`. `Ok(None)` for a
/// blank.
pub fn seconds(text: &[u8], unit: TimeUnit) -> Result<Option<f64>, CellError> {
    let t = trim_space(text);
    if t.is_empty() {
        return Ok(None);
    }
    let text = std::str::from_utf8(t).map_err(|_| CellError::NotATime)?;
    let value = if text.contains(':') {
        clock(text).ok_or(CellError::NotATime)?
    } else {
        let lower = text.to_ascii_lowercase();
        let (number, unit) = [
            ("milliseconds", TimeUnit::Milliseconds),
            ("ms", TimeUnit::Milliseconds),
            ("seconds", TimeUnit::Seconds),
            ("secs", TimeUnit::Seconds),
            ("sec", TimeUnit::Seconds),
            ("s", TimeUnit::Seconds),
            ("minutes", TimeUnit::Minutes),
            ("mins", TimeUnit::Minutes),
            ("min", TimeUnit::Minutes),
        ]
        .iter()
        .find_map(|(suffix, u)| {
            lower
                .strip_suffix(suffix)
                .map(|n| (n.trim_end().to_string(), *u))
        })
        .unwrap_or((lower, unit));
        let v: f64 = number.trim().parse().map_err(|_| CellError::NotATime)?;
        if !v.is_finite() {
            return Err(CellError::NotATime);
        }
        unit.to_seconds(v)
    };
    if value > 0.0 {
        Ok(Some(value))
    } else {
        Err(CellError::TimeNotPositive)
    }
}

/// `m:ss`, `mm:ss(.f)` or `h:mm:ss(.f)` in seconds.
fn clock(text: &str) -> Option<f64> {
    let parts: Vec<&str> = text.split(':').collect();
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    let whole = |p: &str| -> Option<f64> {
        (!p.is_empty() && p.len() <= 6 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let last = parts.last()?;
    let secs: f64 = match last.split_once('.') {
        Some((w, f)) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => {
            whole(w)? + format!("0.{f}").parse::<f64>().ok()?
        }
        None => whole(last)?,
        Some(_) => return None,
    };
    if secs >= 60.0 || last.len() < 2 {
        return None;
    }
    let mut total = secs;
    let mut scale = 60.0;
    for part in parts[..parts.len() - 1].iter().rev() {
        let v = whole(part)?;
        if scale == 60.0 && parts.len() == 3 && v >= 60.0 {
            return None; // minutes of h:mm:ss
        }
        total += v * scale;
        scale *= 60.0;
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agreement_answers() {
        assert_eq!(agreement(b"4", 5), Ok(Some(4)));
        assert_eq!(agreement(b" 5 - Strongly agree ", 5), Ok(Some(5)));
        assert_eq!(agreement(b"Strongly Disagree", 5), Ok(Some(1)));
        assert_eq!(agreement(b"Neither agree nor disagree", 5), Ok(Some(3)));
        assert_eq!(agreement(b"", 5), Ok(None));
        assert_eq!(agreement(b"0", 5), Ok(Some(0)));
        assert_eq!(agreement(b"6", 5), Err(CellError::OutOfScale));
        assert_eq!(agreement(b"3.5", 5), Err(CellError::NotOnScale));
        assert_eq!(agreement(b"maybe", 5), Err(CellError::NotOnScale));
    }

    #[test]
    fn seven_point_answers() {
        assert_eq!(seven_point(b"7 - Very easy"), Ok(Some(7)));
        assert_eq!(seven_point(b"Very difficult"), Ok(Some(1)));
        assert_eq!(seven_point(b"8"), Err(CellError::OutOfScale));
    }

    #[test]
    fn outcomes_in_tools_words() {
        for (text, expected) in [
            ("1", Outcome::Success),
            ("1.0", Outcome::Success),
            ("TRUE", Outcome::Success),
            ("Success", Outcome::Success),
            ("Completed", Outcome::Success),
            ("0", Outcome::Failure),
            ("Gave up", Outcome::Failure),
            ("timed out", Outcome::Failure),
            ("Partial", Outcome::Partial),
            ("Skipped", Outcome::NotAttempted),
        ] {
            assert_eq!(outcome(text.as_bytes()), Ok(Some(expected)), "{text}");
        }
        assert_eq!(outcome(b" "), Ok(None));
        assert_eq!(outcome(b"2"), Err(CellError::UnknownOutcome));
        assert_eq!(outcome(b"sort of"), Err(CellError::UnknownOutcome));
    }

    #[test]
    fn times_in_their_units_and_clocks() {
        let s = |t: &str| seconds(t.as_bytes(), TimeUnit::Seconds);
        assert_eq!(s("95"), Ok(Some(95.0)));
        assert_eq!(s("95.5 s"), Ok(Some(95.5)));
        assert_eq!(s("1:35"), Ok(Some(95.0)));
        assert_eq!(s("01:35.5"), Ok(Some(95.5)));
        assert_eq!(s("1:01:35"), Ok(Some(3695.0)));
        assert_eq!(s("1.5 min"), Ok(Some(90.0)));
        assert_eq!(s("950ms"), Ok(Some(0.95)));
        assert_eq!(seconds(b"95000", TimeUnit::Milliseconds), Ok(Some(95.0)));
        assert_eq!(seconds(b"2", TimeUnit::Minutes), Ok(Some(120.0)));
        assert_eq!(s(""), Ok(None));
        assert_eq!(s("0"), Err(CellError::TimeNotPositive));
        assert_eq!(s("-3"), Err(CellError::TimeNotPositive));
        for bad in ["1:75", "1:5", "abc", "1:2:3:4", "NaN", "inf", "1:60:00"] {
            assert_eq!(s(bad), Err(CellError::NotATime), "{bad}");
        }
    }
}
