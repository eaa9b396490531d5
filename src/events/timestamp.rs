//! Reading one timestamp as event exports write it: ISO-8601
//! (`2026-11-01`, `2026-11-01T09:30:00Z`, `2026-11-01 09:30:00.123+01:00`)
//! or a number of seconds or milliseconds since the epoch (the unit is
//! decided once per file, from the magnitudes).

use crate::calendar::{days_from_civil, MS_PER_DAY};

/// A timestamp as read, before the unit of bare numbers is known.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Parsed {
    /// Milliseconds since the epoch, UTC (from ISO-8601 text).
    Ms(f64),
    /// A bare number: seconds or milliseconds, decided per file.
    Number(f64),
}

/// Why a timestamp could not be read.
pub const UNREADABLE: &str =
    "timestamp is neither ISO-8601 (2026-11-01T09:30:00Z) nor a number of seconds or milliseconds";

/// Reads a timestamp. Text without a zone is taken as UTC.
pub fn parse(field: &[u8]) -> Option<Parsed> {
    let t = field.trim_ascii();
    if t.is_empty() {
        return None;
    }
    if t.len() >= 10 && t.get(4) == Some(&b'-') && t.get(7) == Some(&b'-') {
        return iso(t).map(Parsed::Ms);
    }
    let text = std::str::from_utf8(t).ok()?;
    let n: f64 = text.parse().ok()?;
    n.is_finite().then_some(Parsed::Number(n))
}

fn digits(t: &[u8], at: usize, len: usize) -> Option<i64> {
    let s = t.get(at..at + len)?;
    if !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(s.iter().fold(0i64, |acc, b| acc * 10 + i64::from(b - b'0')))
}

fn iso(t: &[u8]) -> Option<f64> {
    let (y, m, d) = (digits(t, 0, 4)?, digits(t, 5, 2)?, digits(t, 8, 2)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let day = days_from_civil(y, m as u32, d as u32);
    // The date must round-trip (no February 30th).
    if crate::calendar::civil(day) != (y, m as u32, d as u32) {
        return None;
    }
    let mut ms = day as f64 * MS_PER_DAY;
    let mut at = 10;
    if matches!(t.get(at), Some(b'T' | b't' | b' ')) && t.len() > at + 1 {
        let (hh, mm) = (digits(t, at + 1, 2)?, digits(t, at + 4, 2)?);
        if t.get(at + 3) != Some(&b':') || hh > 23 || mm > 59 {
            return None;
        }
        ms += (hh * 3_600_000 + mm * 60_000) as f64;
        at += 6;
        if t.get(at) == Some(&b':') {
            let ss = digits(t, at + 1, 2)?;
            if ss > 60 {
                return None;
            }
            ms += (ss * 1000) as f64;
            at += 3;
            if matches!(t.get(at), Some(b'.' | b',')) {
                let frac = t
                    .get(at + 1..)?
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
                if frac == 0 {
                    return None;
                }
                let take = frac.min(3);
                let mut value = digits(t, at + 1, take)? as f64;
                for _ in take..3 {
                    value *= 10.0;
                }
                ms += value;
                at += 1 + frac;
            }
        }
    }
    // Zone: none (UTC), Z, " UTC", +HH, +HHMM, +HH:MM.
    let zone = t.get(at..)?;
    let offset_minutes = match zone {
        [] | [b'Z' | b'z'] => 0,
        _ if zone.eq_ignore_ascii_case(b" utc") || zone.eq_ignore_ascii_case(b"utc") => 0,
        [sign @ (b'+' | b'-'), rest @ ..] => {
            let (h, m) = match rest.len() {
                2 => (digits(rest, 0, 2)?, 0),
                4 => (digits(rest, 0, 2)?, digits(rest, 2, 2)?),
                5 if rest.get(2) == Some(&b':') => (digits(rest, 0, 2)?, digits(rest, 3, 2)?),
                _ => return None,
            };
            if h > 14 || m > 59 {
                return None;
            }
            let minutes = h * 60 + m;
            if *sign == b'-' {
                -minutes
            } else {
                minutes
            }
        }
        _ => return None,
    };
    Some(ms - (offset_minutes * 60_000) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(s: &str) -> Option<f64> {
        match parse(s.as_bytes()) {
            Some(Parsed::Ms(v)) => Some(v),
            _ => None,
        }
    }

    #[test]
    fn iso_forms() {
        let day = days_from_civil(2026, 11, 1) as f64 * MS_PER_DAY;
        assert_eq!(ms("2026-11-01"), Some(day));
        assert_eq!(ms("2026-11-01T09:30:00Z"), Some(day + 9.5 * 3_600_000.0));
        assert_eq!(ms("2026-11-01 09:30"), Some(day + 9.5 * 3_600_000.0));
        assert_eq!(
            ms("2026-11-01T09:30:00.5+01:00"),
            Some(day + 8.5 * 3_600_000.0 + 500.0)
        );
        assert_eq!(
            ms("2026-11-01T09:30:00.123456-0130"),
            Some(day + 11.0 * 3_600_000.0 + 123.0)
        );
        assert_eq!(ms("2026-11-01 09:30:00 UTC"), Some(day + 9.5 * 3_600_000.0));
        assert_eq!(ms("2026-02-30"), None);
        assert_eq!(ms("2026-11-01T25:00"), None);
        assert_eq!(ms("2026-11-01T09:30:00+99:00"), None);
        assert_eq!(ms("2026-11-01Tnope"), None);
    }

    #[test]
    fn numbers_and_junk() {
        assert_eq!(parse(b"1762000000"), Some(Parsed::Number(1_762_000_000.0)));
        assert_eq!(
            parse(b" 1762000000123 "),
            Some(Parsed::Number(1_762_000_000_123.0))
        );
        assert_eq!(parse(b""), None);
        assert_eq!(parse(b"yesterday"), None);
        assert_eq!(parse(b"NaN"), None);
    }
}
