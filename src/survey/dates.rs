//! Completion dates as survey tools write them, for splitting answers into
//! waves: ISO-like `2026-11-03 09:00:42` (Qualtrics, Typeform), `2026/11/03
//! 9:14:02 AM GMT` (Google Forms), or day and month in either order,
//! `11/03/2026 09:14:02 AM` (SurveyMonkey, Microsoft Forms in the US) or
//! `03.11.2026` (German exports), also with two-digit years (`7/2/24`, as
//! Excel's short dates write them: read as 20YY). Which order a file uses is decided from all
//! its sampled dates: a first part above 12 makes it day/month, a second
//! above 12 month/day; when no date tells, the tool's default is used and the
//! result says so.

/// The order of day and month in `NN/NN/YYYY` dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// Month first: 11/03/2026 is November 3.
    MonthDay,
    /// Day first: 11/03/2026 is 11 March.
    DayMonth,
}

impl DateOrder {
    /// The id used in options and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            DateOrder::MonthDay => "month-day",
            DateOrder::DayMonth => "day-month",
        }
    }
}

/// A date's parts as written, before the order of `a` and `b` is known
/// (`year_first`: written year, month, day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Parts {
    year: i32,
    a: u32,
    b: u32,
    year_first: bool,
    dots: bool,
}

fn parts(text: &str) -> Option<Parts> {
    let text = text.trim();
    let head: String = text
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.'))
        .collect();
    let sep = head.chars().find(|c| !c.is_ascii_digit())?;
    let fields: Vec<&str> = head.split(sep).collect();
    if fields.len() < 3 || fields[..3].iter().any(|f| f.is_empty()) {
        return None;
    }
    let number = |f: &str| f.parse::<u32>().ok();
    let (f0, f1, f2) = (fields[0], fields[1], &fields[2][..fields[2].len().min(4)]);
    if f0.len() == 4 {
        Some(Parts {
            year: number(f0)? as i32,
            a: number(f1)?,
            b: number(f2)?,
            year_first: true,
            dots: sep == '.',
        })
    } else if (f2.len() == 4 || f2.len() == 2) && f0.len() <= 2 && f1.len() <= 2 {
        // Two-digit years (Excel's short dates, 7/2/24): this century.
        let year = number(f2)? as i32 + if f2.len() == 2 { 2000 } else { 0 };
        Some(Parts {
            year,
            a: number(f0)?,
            b: number(f1)?,
            year_first: false,
            dots: sep == '.',
        })
    } else {
        None
    }
}

/// A date's year, month and day; `None` when it is no date this module reads
/// or no real day.
pub fn parse(text: &str, order: DateOrder) -> Option<(i32, u32, u32)> {
    let p = parts(text)?;
    let (month, day) = if p.year_first || order == DateOrder::MonthDay {
        (p.a, p.b)
    } else {
        (p.b, p.a)
    };
    let valid = (1..=12).contains(&month)
        && day >= 1
        && day <= crate::calendar::days_in_month(i64::from(p.year), month);
    valid.then_some((p.year, month, day))
}

/// The order a column's dates are written in, from its sampled values, and
/// whether that was a guess (no date told): then `default` (the tool's) is
/// used, or day/month for dotted dates (`03.11.2026`, as German exports
/// write them).
pub fn order_of(values: &[&str], default: DateOrder) -> (DateOrder, bool) {
    let mut dotted = false;
    for p in values
        .iter()
        .filter_map(|v| parts(v))
        .filter(|p| !p.year_first)
    {
        dotted |= p.dots;
        if p.a > 12 {
            return (DateOrder::DayMonth, false);
        }
        if p.b > 12 {
            return (DateOrder::MonthDay, false);
        }
    }
    let written_either_way = values
        .iter()
        .filter_map(|v| parts(v))
        .any(|p| !p.year_first);
    let guess = if dotted { DateOrder::DayMonth } else { default };
    (guess, written_either_way)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_tools_write_them() {
        let md = DateOrder::MonthDay;
        assert_eq!(parse("2026-11-03 09:00:42", md), Some((2026, 11, 3)));
        assert_eq!(parse("2026/11/03 9:14:02 AM GMT", md), Some((2026, 11, 3)));
        assert_eq!(parse("2026-11-03T09:00:42Z", md), Some((2026, 11, 3)));
        assert_eq!(parse("11/03/2026 09:14:02 AM", md), Some((2026, 11, 3)));
        assert_eq!(
            parse("11/03/2026 09:14:02 AM", DateOrder::DayMonth),
            Some((2026, 3, 11))
        );
        assert_eq!(
            parse("03.11.2026 14:02", DateOrder::DayMonth),
            Some((2026, 11, 3))
        );
        assert_eq!(parse("7/2/24 11:00:22", md), Some((2024, 7, 2)));
        assert_eq!(
            parse("02.11.26 11:00", DateOrder::DayMonth),
            Some((2026, 11, 2))
        );
        for bad in [
            "",
            "soon",
            "2026-02-30",
            "13/13/2026",
            "2026-11",
            "11/03/262",
        ] {
            assert_eq!(parse(bad, md), None, "{bad}");
        }
    }

    #[test]
    fn the_order_is_told_by_any_date_that_can_only_be_one() {
        assert_eq!(
            order_of(&["11/03/2026", "11/28/2026"], DateOrder::DayMonth),
            (DateOrder::MonthDay, false)
        );
        assert_eq!(
            order_of(&["11/03/2026", "28/11/2026"], DateOrder::MonthDay),
            (DateOrder::DayMonth, false)
        );
        assert_eq!(
            order_of(&["11/03/2026"], DateOrder::MonthDay),
            (DateOrder::MonthDay, true)
        );
        assert_eq!(
            order_of(&["03.11.2026"], DateOrder::MonthDay),
            (DateOrder::DayMonth, true)
        );
        assert_eq!(
            order_of(&["2026-11-03"], DateOrder::MonthDay),
            (DateOrder::MonthDay, false)
        );
    }
}
