//! Reading one survey answer as real exports write it: any case, stray
//! whitespace, "9 - Very likely", the common wordings of the Sean Ellis
//! answers, satisfaction labels. Works on bytes without allocating, so a
//! million-row export reads fast.

/// One answer cell, from a CSV field or a JS array item.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    /// Text as it came (UTF-8 bytes).
    Text(&'a [u8]),
    /// A number (from a JS array).
    Number(f64),
    /// Nothing: an empty field, `null`, `undefined`.
    Blank,
    /// A value of a type no answer can be (a JS object, a boolean).
    Other(&'static str),
}

/// A Sean Ellis answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ellis {
    /// "Very disappointed".
    VeryDisappointed,
    /// "Somewhat disappointed".
    SomewhatDisappointed,
    /// "Not disappointed (it isn't really that useful)".
    NotDisappointed,
    /// "N/A, I no longer use it": not a user; left out of the share.
    NoLongerUse,
}

impl Ellis {
    /// The answer's place in the question's order: very (0), somewhat (1),
    /// not disappointed (2), no longer use (3).
    pub fn index(self) -> usize {
        match self {
            Ellis::VeryDisappointed => 0,
            Ellis::SomewhatDisappointed => 1,
            Ellis::NotDisappointed => 2,
            Ellis::NoLongerUse => 3,
        }
    }
}

/// Why an answer could not be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    /// An NPS answer that is not a whole number.
    NpsNotANumber,
    /// An NPS answer outside 0..10.
    NpsOutOfScale,
    /// A Sean Ellis answer that matches none of the four options.
    EllisNoMatch,
    /// A rating that is not a number or a known label.
    RatingNotANumber,
    /// A rating outside 1..5.
    RatingOutOfScale,
    /// A value of a type no answer can be.
    WrongType,
}

impl Reason {
    /// The reason in words, as reports list it.
    pub fn text(self) -> &'static str {
        match self {
            Reason::NpsNotANumber => "NPS answer is not a number from 0 to 10",
            Reason::NpsOutOfScale => "NPS answer outside 0 to 10",
            Reason::EllisNoMatch => {
                "answer matches none of very / somewhat / not disappointed / no longer use"
            }
            Reason::RatingNotANumber => {
                "rating is not a number from 1 to 5 or a satisfaction label"
            }
            Reason::RatingOutOfScale => "rating outside 1 to 5",
            Reason::WrongType => "answer of a type no answer can be",
        }
    }
}

/// Longest normalised text kept for matching: answers are short; the rest of
/// a long cell does not change what it matches.
const MATCH_CHARS: usize = 96;

/// Lower-cased ASCII, whitespace trimmed and collapsed, at most
/// [`MATCH_CHARS`] bytes, written into a stack buffer.
pub(crate) struct Normalized {
    buf: [u8; MATCH_CHARS],
    len: usize,
}

impl Normalized {
    pub(crate) fn new(text: &[u8]) -> Normalized {
        let mut buf = [0u8; MATCH_CHARS];
        let mut len = 0;
        let mut pending_space = false;
        let mut i = 0;
        while i < text.len() {
            let b = text[i];
            // A non-breaking space (U+00A0, bytes C2 A0 in UTF-8) is a space.
            let nbsp = b == 0xC2 && text.get(i + 1) == Some(&0xA0);
            i += if nbsp { 2 } else { 1 };
            if b.is_ascii_whitespace() || nbsp {
                pending_space = len > 0;
                continue;
            }
            if pending_space && len < MATCH_CHARS {
                buf[len] = b' ';
                len += 1;
            }
            pending_space = false;
            if len < MATCH_CHARS {
                buf[len] = b.to_ascii_lowercase();
                len += 1;
            }
        }
        Normalized { buf, len }
    }

    pub(crate) fn text(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    pub(crate) fn contains(&self, needle: &[u8]) -> bool {
        self.text().windows(needle.len()).any(|w| w == needle)
    }

    fn is(&self, words: &[&[u8]]) -> bool {
        words.contains(&self.text())
    }
}

/// Trims ASCII whitespace and non-breaking spaces (U+00A0) from both ends.
pub fn trim_space(mut t: &[u8]) -> &[u8] {
    loop {
        let before = t.len();
        t = t.trim_ascii();
        if let Some(rest) = t.strip_prefix(b"\xC2\xA0") {
            t = rest;
        }
        if let Some(rest) = t.strip_suffix(b"\xC2\xA0") {
            t = rest;
        }
        if t.len() == before {
            return t;
        }
    }
}

/// Reads a whole number at the start of a text answer: "9", " 10 ", "9 -
/// Very likely", "7.0". `None` when the text does not start with one, or
/// when the number runs into more letters or digits ("9a", "1e3").
pub(crate) fn leading_integer(text: &[u8]) -> Option<f64> {
    let t = trim_space(text);
    let digits = t.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 6 {
        return None;
    }
    let mut value = 0.0;
    for &b in &t[..digits] {
        value = value * 10.0 + f64::from(b - b'0');
    }
    let mut rest = &t[digits..];
    // "7.0" and "7,0" are whole numbers; "7.5" is not.
    if let [b'.' | b',', tail @ ..] = rest {
        let zeros = tail.iter().take_while(|b| **b == b'0').count();
        if zeros == 0 || tail.get(zeros).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        rest = &tail[zeros..];
    }
    match rest.first() {
        None => Some(value),
        Some(b) if b.is_ascii_alphanumeric() => None,
        Some(_) => Some(value),
    }
}

/// A whole-number answer: a number, text starting with one ("9 - Very
/// likely"), or a label the `label` function knows. `Ok(None)` for a blank.
fn whole_number(
    cell: Cell,
    label: impl Fn(&[u8]) -> Option<u8>,
    not_a_number: Reason,
) -> Result<Option<f64>, Reason> {
    let value = match cell {
        Cell::Blank => return Ok(None),
        Cell::Other(_) => return Err(Reason::WrongType),
        Cell::Number(v) if v.fract() != 0.0 || !v.is_finite() => return Err(not_a_number),
        Cell::Number(v) => v,
        Cell::Text(t) if trim_space(t).is_empty() => return Ok(None),
        Cell::Text(t) => match leading_integer(t) {
            Some(v) => v,
            None => return label(t).map(|v| Some(f64::from(v))).ok_or(not_a_number),
        },
    };
    Ok(Some(value))
}

/// An NPS answer (0..10). `Ok(None)` for a blank.
pub fn nps(cell: Cell) -> Result<Option<u8>, Reason> {
    // The scale's end labels, as some tools export them.
    let labels = |t: &[u8]| {
        let n = Normalized::new(t);
        if n.is(&[b"extremely likely"]) {
            Some(10)
        } else if n.is(&[b"not at all likely", b"not likely at all"]) {
            Some(0)
        } else {
            None
        }
    };
    match whole_number(cell, labels, Reason::NpsNotANumber)? {
        None => Ok(None),
        Some(v) if (0.0..=10.0).contains(&v) => Ok(Some(v as u8)),
        Some(_) => Err(Reason::NpsOutOfScale),
    }
}

/// The Sean Ellis options as survey tools write them.
const CANONICAL_ELLIS: &[(&[u8], Ellis)] = &[
    (b"very disappointed", Ellis::VeryDisappointed),
    (b"somewhat disappointed", Ellis::SomewhatDisappointed),
    (b"not disappointed", Ellis::NotDisappointed),
    (
        b"not disappointed (it isn't really that useful)",
        Ellis::NotDisappointed,
    ),
    (
        b"not disappointed (it isn\xe2\x80\x99t really that useful)",
        Ellis::NotDisappointed,
    ),
];

/// A Sean Ellis answer. `Ok(None)` for a blank.
pub fn ellis(cell: Cell) -> Result<Option<Ellis>, Reason> {
    let text = match cell {
        Cell::Blank => return Ok(None),
        Cell::Other(_) | Cell::Number(_) => return Err(Reason::EllisNoMatch),
        Cell::Text(t) if trim_space(t).is_empty() => return Ok(None),
        Cell::Text(t) => t,
    };
    // Most exports write the options exactly: a length check and a
    // case-insensitive compare settle those without normalising.
    let trimmed = trim_space(text);
    for (canonical, answer) in CANONICAL_ELLIS {
        if trimmed.len() == canonical.len() && trimmed.eq_ignore_ascii_case(canonical) {
            return Ok(Some(*answer));
        }
    }
    let n = Normalized::new(text);
    let words: Vec<&[u8]> = n
        .text()
        .split(|b| !b.is_ascii_alphanumeric() && *b != b'\'')
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &[u8]| words.contains(&w);
    // "No longer use" answers first: they mention no disappointment; then
    // "somewhat"; then a negation ("not very disappointed" is not very); then "very".
    let answer = if n.contains(b"no longer use")
        || n.contains(b"don't use")
        || n.contains(b"do not use")
        || n.contains(b"not applicable")
        || n.text().starts_with(b"n/a")
        || n.is(&[b"na", b"n.a."])
    {
        Ellis::NoLongerUse
    } else if has(b"somewhat") {
        Ellis::SomewhatDisappointed
    } else if has(b"not") || has(b"wouldn't") || has(b"isn't") || has(b"never") {
        if n.contains(b"disappointed") || n.is(&[b"not", b"not at all"]) {
            Ellis::NotDisappointed
        } else {
            return Err(Reason::EllisNoMatch);
        }
    } else if has(b"very") && (n.contains(b"disappointed") || n.is(&[b"very"])) {
        Ellis::VeryDisappointed
    } else {
        return Err(Reason::EllisNoMatch);
    };
    Ok(Some(answer))
}

/// A rating on a 1..5 scale: a number, "4 - Satisfied", or a satisfaction
/// label ("Very satisfied" = 5 ... "Very dissatisfied" = 1). `Ok(None)` for
/// a blank.
pub fn rating(cell: Cell) -> Result<Option<u8>, Reason> {
    match whole_number(cell, satisfaction_label, Reason::RatingNotANumber)? {
        None => Ok(None),
        Some(v) if (1.0..=5.0).contains(&v) => Ok(Some(v as u8)),
        Some(_) => Err(Reason::RatingOutOfScale),
    }
}

/// Satisfaction labels of the usual bipolar 5-point scale, matched whole:
/// anything else (a negation, an unknown qualifier, a unipolar scale's
/// "Slightly satisfied") is reported as unmatched rather than guessed.
const SATISFACTION_LABELS: &[(&[u8], u8)] = &[
    (b"very dissatisfied", 1),
    (b"extremely dissatisfied", 1),
    (b"completely dissatisfied", 1),
    (b"very unsatisfied", 1),
    (b"dissatisfied", 2),
    (b"somewhat dissatisfied", 2),
    (b"unsatisfied", 2),
    (b"neutral", 3),
    (b"neither satisfied nor dissatisfied", 3),
    (b"neither satisfied or dissatisfied", 3),
    (b"satisfied", 4),
    (b"somewhat satisfied", 4),
    (b"very satisfied", 5),
    (b"extremely satisfied", 5),
    (b"completely satisfied", 5),
];

fn satisfaction_label(text: &[u8]) -> Option<u8> {
    let n = Normalized::new(text);
    SATISFACTION_LABELS
        .iter()
        .find(|(label, _)| n.text() == *label)
        .map(|(_, v)| *v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell<'_> {
        Cell::Text(s.as_bytes())
    }

    #[test]
    fn nps_answers_as_exports_write_them() {
        assert_eq!(nps(t("9")), Ok(Some(9)));
        assert_eq!(nps(t(" 10 ")), Ok(Some(10)));
        assert_eq!(nps(t("9 - Very likely")), Ok(Some(9)));
        assert_eq!(nps(t("0 (Not at all likely)")), Ok(Some(0)));
        assert_eq!(nps(t("7.0")), Ok(Some(7)));
        assert_eq!(nps(t("Extremely likely")), Ok(Some(10)));
        assert_eq!(nps(t("")), Ok(None));
        assert_eq!(nps(Cell::Number(8.0)), Ok(Some(8)));
        assert_eq!(nps(t("11")), Err(Reason::NpsOutOfScale));
        assert_eq!(nps(t("7.5")), Err(Reason::NpsNotANumber));
        assert_eq!(nps(t("nine")), Err(Reason::NpsNotANumber));
        assert_eq!(nps(t("9a")), Err(Reason::NpsNotANumber));
        assert_eq!(nps(t("-1")), Err(Reason::NpsNotANumber));
    }

    #[test]
    fn ellis_answers_in_their_common_wordings() {
        use Ellis::*;
        for (text, want) in [
            ("Very disappointed", VeryDisappointed),
            ("  VERY DISAPPOINTED ", VeryDisappointed),
            ("very", VeryDisappointed),
            ("Somewhat disappointed", SomewhatDisappointed),
            (
                "Not disappointed (it isn't really that useful)",
                NotDisappointed,
            ),
            ("Not at all disappointed", NotDisappointed),
            ("N/A - I no longer use Acme", NoLongerUse),
            ("I no longer use it", NoLongerUse),
            ("n/a", NoLongerUse),
        ] {
            assert_eq!(ellis(t(text)), Ok(Some(want)), "{text}");
        }
        assert_eq!(ellis(t("Delighted")), Err(Reason::EllisNoMatch));
        assert_eq!(ellis(t("Not very disappointed")), Ok(Some(NotDisappointed)));
        assert_eq!(
            ellis(t("I would be very disappointed")),
            Ok(Some(VeryDisappointed))
        );
        assert_eq!(
            ellis(t("Very\u{a0}disappointed")),
            Ok(Some(VeryDisappointed))
        );
        assert_eq!(ellis(t("I don't use it anymore")), Ok(Some(NoLongerUse)));
        assert_eq!(ellis(t("   ")), Ok(None));
    }

    #[test]
    fn ratings_and_labels() {
        assert_eq!(rating(t("4")), Ok(Some(4)));
        assert_eq!(rating(t("5 - Very satisfied")), Ok(Some(5)));
        assert_eq!(rating(t("Very satisfied")), Ok(Some(5)));
        assert_eq!(rating(t("Satisfied")), Ok(Some(4)));
        assert_eq!(rating(t("Neither satisfied nor dissatisfied")), Ok(Some(3)));
        assert_eq!(rating(t("Neutral")), Ok(Some(3)));
        assert_eq!(rating(t("Dissatisfied")), Ok(Some(2)));
        assert_eq!(rating(t("Very dissatisfied")), Ok(Some(1)));
        assert_eq!(rating(t("6")), Err(Reason::RatingOutOfScale));
        assert_eq!(rating(t("0")), Err(Reason::RatingOutOfScale));
        assert_eq!(rating(t("great")), Err(Reason::RatingNotANumber));
        // Negated or unipolar labels are not guessed.
        assert_eq!(
            rating(t("Not at all satisfied")),
            Err(Reason::RatingNotANumber)
        );
        assert_eq!(
            rating(t("Not very satisfied")),
            Err(Reason::RatingNotANumber)
        );
        assert_eq!(
            rating(t("Slightly satisfied")),
            Err(Reason::RatingNotANumber)
        );
        assert_eq!(nps(t("\u{a0}9")), Ok(Some(9)));
    }
}
