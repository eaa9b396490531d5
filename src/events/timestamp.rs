//! Reading one timestamp as event exports write it: ISO-8601
//! (`2026-11-01`, `2026-11-01T09:30:00Z`, `2026-11-01 09:30:00.123+01:00`)
//! or a number: seconds, milliseconds, microseconds (GA4's
//! `event_timestamp`) or nanoseconds since the epoch, or a date written as
//! `YYYYMMDD` (GA4's `event_date`). The unit is decided once per column,
//! from a sample of its values, unless the caller names it.

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
    "timestamp is neither ISO-8601 (2026-11-01T09:30:00Z) nor a number since 1970 (seconds, milliseconds, microseconds or nanoseconds) nor a YYYYMMDD date";

/// Why a timestamp was read but left out.
pub const OUT_OF_RANGE: &str = "timestamp is not a date from 1970 to 2099 in the column's unit";

/// What a column's bare numbers count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Seconds since 1970-01-01T00:00:00Z.
    Seconds,
    /// Milliseconds since the epoch.
    Milliseconds,
    /// Microseconds since the epoch (GA4's `event_timestamp`).
    Microseconds,
    /// Nanoseconds since the epoch.
    Nanoseconds,
    /// A date written as digits, `20261103` (GA4's `event_date`), UTC midnight.
    Yyyymmdd,
}

/// The units' names, as options and results write them.
pub const UNIT_NAMES: [(&str, Unit); 5] = [
    ("seconds", Unit::Seconds),
    ("milliseconds", Unit::Milliseconds),
    ("microseconds", Unit::Microseconds),
    ("nanoseconds", Unit::Nanoseconds),
    ("yyyymmdd", Unit::Yyyymmdd),
];

impl Unit {
    /// The format name results give (`epoch-microseconds`, `yyyymmdd`).
    pub fn format(self) -> &'static str {
        match self {
            Unit::Seconds => "epoch-seconds",
            Unit::Milliseconds => "epoch-milliseconds",
            Unit::Microseconds => "epoch-microseconds",
            Unit::Nanoseconds => "epoch-nanoseconds",
            Unit::Yyyymmdd => "yyyymmdd",
        }
    }

    /// The unit of one number, by its size. Every date from 1970 to 2099 is
    /// at most 4.11e9 seconds, 4.11e12 ms, 4.11e15 us or 4.11e18 ns, so a
    /// number above 5e9 cannot be such a date in seconds, above 5e12 in ms,
    /// above 5e15 in us. Below each cut-off the smaller unit is taken: only
    /// the first weeks of 1970 are ambiguous, which no export holds.
    pub fn by_magnitude(n: f64) -> Unit {
        let a = n.abs();
        if a < 5e9 {
            Unit::Seconds
        } else if a < 5e12 {
            Unit::Milliseconds
        } else if a < 5e15 {
            Unit::Microseconds
        } else {
            Unit::Nanoseconds
        }
    }

    /// The unit of a column's sampled numbers: `YYYYMMDD` when every one is
    /// such a date (no export holds events of August 1970, which those
    /// numbers would be in seconds); else by the median's size.
    pub fn of(numbers: &[f64]) -> Option<Unit> {
        if numbers.is_empty() {
            return None;
        }
        if numbers.iter().all(|n| yyyymmdd(*n).is_some()) {
            return Some(Unit::Yyyymmdd);
        }
        let mut sorted: Vec<f64> = numbers.iter().map(|n| n.abs()).collect();
        sorted.sort_by(f64::total_cmp);
        Some(Unit::by_magnitude(sorted[sorted.len() / 2]))
    }

    /// Milliseconds since the epoch of a number in this unit; `None` for a
    /// `YYYYMMDD` that is no date.
    pub fn to_ms(self, n: f64) -> Option<f64> {
        match self {
            Unit::Seconds => Some(n * 1000.0),
            Unit::Milliseconds => Some(n),
            Unit::Microseconds => Some(n / 1000.0),
            Unit::Nanoseconds => Some(n / 1e6),
            Unit::Yyyymmdd => yyyymmdd(n),
        }
    }
}

/// Milliseconds of a `YYYYMMDD` date from 1900 to 2100, UTC midnight.
fn yyyymmdd(n: f64) -> Option<f64> {
    if n.fract() != 0.0 || !(19_000_101.0..=21_001_231.0).contains(&n) {
        return None;
    }
    let n = n as i64;
    let (y, m, d) = (n / 10_000, (n / 100 % 100) as u32, (n % 100) as u32);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let day = days_from_civil(y, m, d);
    (crate::calendar::civil(day) == (y, m, d)).then_some(day as f64 * MS_PER_DAY)
}

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
    fn units_by_size_and_dates_by_digits() {
        // 2026-11-03T00:00:00Z in each unit.
        let s = days_from_civil(2026, 11, 3) as f64 * 86_400.0;
        for (n, unit) in [
            (s, Unit::Seconds),
            (s * 1e3, Unit::Milliseconds),
            (s * 1e6, Unit::Microseconds),
            (s * 1e9, Unit::Nanoseconds),
        ] {
            assert_eq!(Unit::of(&[n, n + 1.0, n + 2.0]), Some(unit));
            assert_eq!(unit.to_ms(n), Some(s * 1000.0));
        }
        assert_eq!(
            Unit::of(&[20_261_103.0, 20_261_104.0]),
            Some(Unit::Yyyymmdd)
        );
        assert_eq!(Unit::Yyyymmdd.to_ms(20_261_103.0), Some(s * 1000.0));
        assert_eq!(Unit::Yyyymmdd.to_ms(20_261_131.0), None);
        // One number that is no date: seconds, by size.
        assert_eq!(Unit::of(&[20_261_103.0, 20_261_199.0]), Some(Unit::Seconds));
        assert_eq!(Unit::of(&[]), None);
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
