//! Numbers as messages show them: the way JavaScript prints them, or
//! rounded for prose; and a file's texts, shortened for a report.

/// The most characters of a file's value a report quotes (a row not used,
/// a segment's name in a warning).
#[cfg(any(feature = "survey", feature = "events"))]
pub(crate) const QUOTED_CHARS: usize = 40;

/// `text`'s first `chars` characters, with `…` when it had more.
pub(crate) fn shorten(text: &str, chars: usize) -> String {
    let mut out: String = text.chars().take(chars).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

/// Formats a number the way JavaScript prints it (`45`, `0.45`, `NaN`,
/// `Infinity`, `1e+21`, `1.5e-7`), so messages quote the caller's own value.
pub fn format_number(n: f64) -> String {
    if n.is_nan() {
        return "NaN".into();
    }
    if n.is_infinite() {
        return if n > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    if n == 0.0 {
        return "0".into();
    }
    // Number::toString's layout (ECMA-262, Number::toString) of the
    // shortest digits.
    let d = Shortest::of(n);
    let (digits, p) = (d.digits(), d.point);
    let mut out = String::with_capacity(24);
    if d.negative {
        out.push('-');
    }
    if -6 < p && p <= 21 {
        plain(&mut out, digits, p);
    } else if let Some((&first, rest)) = digits.split_first() {
        out.push(char::from(first));
        if !rest.is_empty() {
            out.push('.');
            push_ascii(&mut out, rest);
        }
        out.push_str(if p - 1 < 0 { "e-" } else { "e+" });
        push_ascii(&mut out, (p - 1).unsigned_abs().to_string().as_bytes());
    }
    out
}

/// Formats a suggested value to at most 6 significant digits (`0.45`, not
/// `0.44999999999999996`).
pub fn format_suggestion(n: f64) -> String {
    format_significant(n, 6)
}

/// Formats a number for prose, to 3 significant digits (`9.12`, `0.429`;
/// whole numbers from 100 up are rounded: `4513`): messages, not data.
pub fn format_short(n: f64) -> String {
    if n.is_finite() && n.abs() >= 100.0 {
        return format_number(libm::round(n));
    }
    format_significant(n, 3)
}

/// Fixed-point text with `digits` significant digits and no trailing zeros:
/// what `format!("{n:.decimals$}")` writes (the exact value rounded, ties to
/// even), trimmed. Written out from the shortest digits (serde_json's float
/// printer gives them) rather than with Rust's float formatting, whose code
/// was a tenth of the score part's wasm.
fn format_significant(n: f64, digits: i32) -> String {
    if !n.is_finite() || n == 0.0 {
        return format_number(n);
    }
    let magnitude = libm::floor(libm::log10(n.abs())) as i32;
    let decimals = (digits - 1 - magnitude).clamp(0, 12);
    let d = Shortest::of(n);
    let mut out = String::with_capacity(24);
    if d.negative {
        out.push('-');
    }
    if n.abs() >= TWO_POW_53 {
        // A whole number whose shortest digits may differ from its value:
        // its exact digits (no decimals are asked of numbers this large).
        out.push_str(&exact_whole(n.abs()));
        return out;
    }
    if d.len as i32 - d.point <= decimals {
        // The shortest text is within half an ulp of `n`, less than half a
        // step of the last decimal asked: it is the rounding too.
        plain(&mut out, d.digits(), d.point);
        return out;
    }
    // Rounded at `decimals`. The shortest digits round as the exact value
    // does, except when they are exactly the midpoint (a nearer decimal that
    // short would have been chosen otherwise): there the exact value decides.
    let keep = d.point + decimals;
    let cut = keep.max(0) as usize;
    let rest = d.digits().get(cut..).unwrap_or_default();
    let mut kept = d;
    kept.len = cut.min(d.len);
    let up = keep >= 0
        && match rest.first().map(|first| first.cmp(&b'5')) {
            None | Some(Ordering::Less) => false,
            Some(Ordering::Greater) => true,
            Some(Ordering::Equal) if rest.len() > 1 => true,
            Some(Ordering::Equal) => match exact_against_shortest(n.abs(), &d) {
                Ordering::Greater => true,
                Ordering::Less => false,
                Ordering::Equal => kept
                    .digits()
                    .last()
                    .is_some_and(|last| (last - b'0') % 2 == 1),
            },
        };
    if up {
        if kept.len == 0 {
            // One unit of the last place asked.
            kept.push(b'1');
            kept.point = -decimals + 1;
        } else {
            // Nines carried to zeros; all of them: 1 and those zeros,
            // which are trailing and dropped below.
            let mut carried = true;
            for digit in kept.digits_mut().iter_mut().rev() {
                if *digit == b'9' {
                    *digit = b'0';
                } else {
                    *digit += 1;
                    carried = false;
                    break;
                }
            }
            if carried {
                kept.len = 0;
                kept.push(b'1');
                kept.point += 1;
            }
        }
    }
    kept.drop_trailing_zeros();
    if kept.len == 0 {
        out.push('0');
        return out;
    }
    plain(&mut out, kept.digits(), kept.point);
    out
}

use std::cmp::Ordering;

const TWO_POW_53: f64 = 9_007_199_254_740_992.0;

/// A finite, nonzero number's shortest decimal digits (ASCII, without
/// leading or trailing zeros) and where its point goes: the value is
/// 0.DIGITS x 10^point. Held in place, not allocated: at most 17 digits.
#[derive(Clone, Copy)]
struct Shortest {
    negative: bool,
    digits: [u8; Shortest::MOST],
    len: usize,
    point: i32,
}

impl Shortest {
    /// Room for the 17 significant digits a double has at most.
    const MOST: usize = 24;

    fn of(n: f64) -> Shortest {
        crate::tape::with_shortest(n, Shortest::read)
    }

    /// From the shortest text as zmij prints it: `-`, whole digits, `.`
    /// and fraction digits, `e` and an exponent, the first and the last
    /// two optional.
    fn read(text: &[u8]) -> Shortest {
        let (negative, text) = match text.split_first() {
            Some((b'-', rest)) => (true, rest),
            _ => (false, text),
        };
        let (mantissa, exponent) = match text.iter().position(|&b| b == b'e') {
            Some(at) => {
                let exponent = text.get(at + 1..).unwrap_or_default();
                let (minus, exponent) = match exponent.split_first() {
                    Some((b'-', rest)) => (true, rest),
                    Some((b'+', rest)) => (false, rest),
                    _ => (false, exponent),
                };
                let value = exponent
                    .iter()
                    .fold(0i32, |a, &b| a * 10 + i32::from(b.wrapping_sub(b'0')));
                (
                    text.get(..at).unwrap_or_default(),
                    if minus { -value } else { value },
                )
            }
            None => (text, 0),
        };
        let mut d = Shortest {
            negative,
            digits: [0; Shortest::MOST],
            len: 0,
            point: exponent,
        };
        let mut in_fraction = false;
        for &b in mantissa {
            if b == b'.' {
                in_fraction = true;
                continue;
            }
            if !in_fraction {
                d.point += 1;
            }
            if d.len == 0 && b == b'0' {
                // A leading zero: dropped, and the point moves with it.
                d.point -= 1;
            } else {
                d.push(b);
            }
        }
        d.drop_trailing_zeros();
        d
    }

    fn digits(&self) -> &[u8] {
        self.digits.get(..self.len).unwrap_or_default()
    }

    fn digits_mut(&mut self) -> &mut [u8] {
        self.digits.get_mut(..self.len).unwrap_or_default()
    }

    fn push(&mut self, digit: u8) {
        if let Some(slot) = self.digits.get_mut(self.len) {
            *slot = digit;
            self.len += 1;
        }
    }

    fn drop_trailing_zeros(&mut self) {
        while self.len > 0 && self.digits.get(self.len - 1) == Some(&b'0') {
            self.len -= 1;
        }
    }
}

/// Appends ASCII `bytes` (digits) a character at a time: no UTF-8 check,
/// and no slice copy (a `memory.copy` call in wasm) for a few bytes.
fn push_ascii(out: &mut String, bytes: &[u8]) {
    out.reserve(bytes.len());
    for &b in bytes {
        out.push(char::from(b));
    }
}

/// Appends 0.DIGITS x 10^point in plain decimal notation: `450`, `0.25`,
/// `0.0025`.
fn plain(out: &mut String, digits: &[u8], point: i32) {
    let k = digits.len() as i32;
    out.reserve(digits.len() + point.unsigned_abs() as usize + 2);
    if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', point.unsigned_abs() as usize));
        push_ascii(out, digits);
    } else if point >= k {
        push_ascii(out, digits);
        out.extend(std::iter::repeat_n('0', (point - k) as usize));
    } else {
        let (whole, fraction) = digits.split_at(point as usize);
        push_ascii(out, whole);
        out.push('.');
        push_ascii(out, fraction);
    }
}

/// `x` (positive, finite, below 2^53, not whole) against the decimal its
/// shortest digits spell, exactly: x = m 2^-s against N 10^-q, compared as
/// m 10^q against N 2^s in integers (q is at most 13 where this is asked).
fn exact_against_shortest(x: f64, d: &Shortest) -> Ordering {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7FF) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    let (m, e) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), biased - 1075)
    };
    let q = (d.len as i32 - d.point).clamp(0, 20) as u32;
    let n = d
        .digits()
        .iter()
        .fold(0u128, |a, &b| a * 10 + u128::from(b - b'0'));
    let a = u128::from(m) * 10u128.pow(q);
    let s = e.unsigned_abs();
    if e >= 0 || s >= 128 {
        // Not reached for the numbers formatted here; ordered the safe way.
        return if s >= 128 {
            Ordering::Less
        } else {
            Ordering::Greater
        };
    }
    match (a >> s).cmp(&n) {
        Ordering::Equal if a & ((1u128 << s) - 1) != 0 => Ordering::Greater,
        other => other,
    }
}

/// The exact digits of a whole number of 2^53 or more (m 2^e, doubled e
/// times in decimal).
fn exact_whole(x: f64) -> String {
    let bits = x.to_bits();
    let e = ((bits >> 52) & 0x7FF) as i32 - 1075;
    let m = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
    // Little-endian decimal digits.
    let mut digits: Vec<u8> = m.to_string().bytes().rev().map(|b| b - b'0').collect();
    for _ in 0..e.max(0) {
        let mut carry = 0;
        for digit in digits.iter_mut() {
            let v = *digit * 2 + carry;
            *digit = v % 10;
            carry = v / 10;
        }
        if carry > 0 {
            digits.push(carry);
        }
    }
    digits.iter().rev().map(|d| char::from(b'0' + d)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_like_javascript() {
        assert_eq!(format_number(45.0), "45");
        assert_eq!(format_number(0.45), "0.45");
        assert_eq!(format_number(f64::NAN), "NaN");
        assert_eq!(format_number(f64::NEG_INFINITY), "-Infinity");
        assert_eq!(format_number(1e30), "1e+30");
        assert_eq!(format_number(1.5e-7), "1.5e-7");
        assert_eq!(format_suggestion(45.0 / 100.0), "0.45");
        assert_eq!(format_suggestion(0.1 + 0.2), "0.3");
        assert_eq!(format_suggestion(4.5), "4.5");
        assert_eq!(format_short(9.116_81), "9.12");
        assert_eq!(format_short(0.428_571), "0.429");
        assert_eq!(format_short(4_512.7), "4513");
    }

    /// The former implementation, by Rust's own float formatting: the reference.
    fn reference_number(n: f64) -> String {
        if n.is_nan() {
            "NaN".into()
        } else if n.is_infinite() {
            if n > 0.0 { "Infinity" } else { "-Infinity" }.into()
        } else if n == 0.0 {
            "0".into()
        } else if n.abs() >= 1e21 || n.abs() < 1e-6 {
            let text = format!("{n:e}");
            match text.split_once('e') {
                Some((mantissa, exp)) if !exp.starts_with('-') => format!("{mantissa}e+{exp}"),
                _ => text,
            }
        } else {
            format!("{n}")
        }
    }

    fn reference_significant(n: f64, digits: i32) -> String {
        if !n.is_finite() || n == 0.0 {
            return reference_number(n);
        }
        let magnitude = libm::floor(libm::log10(n.abs())) as i32;
        let decimals = (digits - 1 - magnitude).clamp(0, 12) as usize;
        let text = format!("{n:.decimals$}");
        if text.contains('.') {
            text.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            text
        }
    }

    #[test]
    fn formatting_agrees_with_rusts_float_formatting() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut values = vec![
            0.125,
            0.375,
            2.5,
            3.5,
            0.25,
            0.0625,
            1.5,
            9.995,
            9.9995,
            0.05,
            0.15,
            0.35,
            2.675,
            1.005,
            99.95,
            0.000_001,
            9.9e-7,
            1e21,
            9.99e20,
            1e-7,
            1.5e-7,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
            TWO_POW_53,
            TWO_POW_53 - 1.0,
            TWO_POW_53 + 2.0,
            1e25,
            1e300,
            123_456.5,
            0.000_123_456_75,
            0.1 + 0.2,
            4_512.7,
            0.000_000_000_000_5,
        ];
        for i in 0..60_000 {
            let r = next();
            if i < 3_000 {
                // Any double (the huge ones take the slow exact path).
                values.push(f64::from_bits(r));
            }
            // Decimals at or near a rounding midpoint, at every scale.
            let scale = 10f64.powi((r % 30) as i32 - 15);
            values.push(((next() % 2_000_000) as f64 + 0.5) / 1000.0 * scale);
            values.push((next() % 100_000) as f64 / 64.0 * scale);
        }
        for v in values
            .into_iter()
            .filter(|v| v.is_finite())
            .flat_map(|v| [v, -v])
        {
            let (ours, reference) = (format_number(v), reference_number(v));
            if ours != reference {
                // Two shortest texts equally near: JavaScript takes the even
                // one (Number::toString), as zmij does; Rust's took the odd.
                let last = |t: &str| t.split('e').next().and_then(|m| m.bytes().last());
                assert_eq!(ours.len(), reference.len(), "{v:e}: {ours} vs {reference}");
                assert_eq!(ours.parse::<f64>().ok(), Some(v), "{v:e}: {ours}");
                assert!(
                    last(&ours).is_some_and(|b| (b - b'0').is_multiple_of(2)),
                    "{v:e}: {ours} vs {reference}"
                );
            }
            for digits in [3, 6] {
                assert_eq!(
                    format_significant(v, digits),
                    reference_significant(v, digits),
                    "{v:e} at {digits}"
                );
            }
        }
    }
}
