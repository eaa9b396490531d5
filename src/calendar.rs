//! Calendar arithmetic on day numbers (days since 1970-01-01 in the local
//! time of a fixed UTC offset): weeks with a chosen first day, months, and
//! ISO dates. Integer arithmetic only, so results are exact everywhere.

/// Milliseconds in a day.
pub const MS_PER_DAY: f64 = 86_400_000.0;

/// First day of a week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeekStart {
    /// Monday (ISO 8601).
    Monday,
    /// Sunday (US convention).
    Sunday,
}

/// The local day of a timestamp in milliseconds since the epoch, for a fixed
/// UTC offset in minutes.
pub fn local_day(ms: f64, utc_offset_minutes: i32) -> i64 {
    // floor is exact in IEEE 754, so the standard one (a single instruction
    // in wasm) gives the same day natively and in wasm.
    ((ms + f64::from(utc_offset_minutes) * 60_000.0) / MS_PER_DAY).floor() as i64
}

/// The week a day falls in, numbered from the week holding 1970-01-01 (a
/// Thursday) with weeks starting on `start`.
pub fn week_of(day: i64, start: WeekStart) -> i64 {
    // Shift so that the chosen first day maps to a multiple of 7.
    let shift = match start {
        WeekStart::Monday => 3, // 1970-01-01 is 3 days after a Monday
        WeekStart::Sunday => 4, // and 4 days after a Sunday
    };
    (day + shift).div_euclid(7)
}

/// The first day of a week number.
pub fn week_start_day(week: i64, start: WeekStart) -> i64 {
    let shift = match start {
        WeekStart::Monday => 3,
        WeekStart::Sunday => 4,
    };
    week * 7 - shift
}

/// Year, month (1..12), day (1..31) of a day number (proleptic Gregorian;
/// Howard Hinnant's civil_from_days).
pub fn civil(day: i64) -> (i64, u32, u32) {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// The day number of a civil date (days_from_civil).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The month a day falls in, as year * 12 + (month - 1).
pub fn month_of(day: i64) -> i64 {
    let (y, m, _) = civil(day);
    y * 12 + i64::from(m) - 1
}

/// The first day of a month number.
pub fn month_start_day(month: i64) -> i64 {
    days_from_civil(month.div_euclid(12), (month.rem_euclid(12) + 1) as u32, 1)
}

/// The first day a date may be: 0001-01-01 (days before it have no
/// four-digit year to be written with).
pub const FIRST_DAY: i64 = -719_162;
/// The last day a date may be: 9999-12-31.
pub const LAST_DAY: i64 = 2_932_896;

/// A day as "YYYY-MM-DD".
pub fn iso_date(day: i64) -> String {
    let (y, m, d) = civil(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Parses "YYYY-MM-DD" into a day number; `None` unless it is a real date.
pub fn parse_iso_date(text: &str) -> Option<i64> {
    let t = text.trim();
    let b = t.as_bytes();
    // Digits only where digits belong: Rust's integer parsing would take "+202".
    let digits = [0, 1, 2, 3, 5, 6, 8, 9];
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !digits.iter().all(|&i| b[i].is_ascii_digit())
    {
        return None;
    }
    let y: i64 = t.get(0..4)?.parse().ok()?;
    let m: u32 = t.get(5..7)?.parse().ok()?;
    let d: u32 = t.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

/// Days in a month of a year (proleptic Gregorian).
pub fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trips_and_known_dates() {
        assert_eq!(civil(0), (1970, 1, 1));
        assert_eq!(days_from_civil(2026, 11, 1), 20_758);
        assert_eq!(iso_date(20_758), "2026-11-01");
        assert_eq!(
            parse_iso_date("2024-02-29"),
            Some(days_from_civil(2024, 2, 29))
        );
        assert_eq!(parse_iso_date("2023-02-29"), None);
        assert_eq!(parse_iso_date("2026-13-01"), None);
        // Signs are not digits, though integer parsing would take them.
        assert_eq!(parse_iso_date("+202-01-01"), None);
        assert_eq!(parse_iso_date("2026-+1-01"), None);
        assert_eq!(parse_iso_date("2026-01-+1"), None);
        // The range of four-digit years (Python: date(1970, 1, 1).toordinal() - 1 = 719162;
        // date(9999, 12, 31).toordinal() - 719163 = 2932896).
        assert_eq!((FIRST_DAY, LAST_DAY), (-719_162, 2_932_896));
        assert_eq!(days_from_civil(1, 1, 1), FIRST_DAY);
        assert_eq!(iso_date(LAST_DAY), "9999-12-31");
        for day in -1000..30_000 {
            let (y, m, d) = civil(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
    }

    #[test]
    fn weeks_start_on_the_chosen_day() {
        // 2026-11-01 is a Sunday; 2026-11-02 a Monday.
        let sunday = days_from_civil(2026, 11, 1);
        assert_eq!(
            week_of(sunday, WeekStart::Sunday),
            week_of(sunday + 6, WeekStart::Sunday)
        );
        assert_ne!(
            week_of(sunday, WeekStart::Monday),
            week_of(sunday + 1, WeekStart::Monday)
        );
        assert_eq!(
            week_start_day(week_of(sunday + 3, WeekStart::Monday), WeekStart::Monday),
            sunday + 1
        );
        assert_eq!(
            week_start_day(week_of(sunday + 3, WeekStart::Sunday), WeekStart::Sunday),
            sunday
        );
    }

    #[test]
    fn utc_offsets_move_day_boundaries() {
        // 2026-11-01T23:30Z is 2026-11-02 in UTC+1 but 2026-11-01 in UTC.
        let ms = (days_from_civil(2026, 11, 1) as f64) * MS_PER_DAY + 23.5 * 3_600_000.0;
        assert_eq!(local_day(ms, 0), days_from_civil(2026, 11, 1));
        assert_eq!(local_day(ms, 60), days_from_civil(2026, 11, 2));
        assert_eq!(month_of(days_from_civil(2026, 11, 30)), 2026 * 12 + 10);
        assert_eq!(
            month_start_day(2026 * 12 + 10),
            days_from_civil(2026, 11, 1)
        );
    }
}
