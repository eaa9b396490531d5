//! The kinds of input field: their unit, range, and the hint given when a
//! value plainly uses another scale.
//!
//! This table is the single place where a field's range lives: validation,
//! the JSON Schema ([`crate::analyzer::schema`]) and the README's units table are all
//! read from it.

use crate::format::format_suggestion;

/// What a numeric field holds. Ranges are inclusive.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumberKind {
    /// A count of people or responses: 0 or more.
    Count,
    /// A share: 0 to 1 (0.45 = 45%).
    Fraction,
    /// Average minutes: 0 to 1,440 (a day).
    Minutes,
    /// Days: 0 to 3,650 (ten years).
    Days,
    /// Months: 0 to 120.
    Months,
    /// A multiple: 0 or more (3 = 3x).
    Multiple,
    /// Net Promoter Score: -100 to 100.
    Nps,
    /// A mean rating on a scale from `min` to `max`.
    Rating {
        /// Lowest answer on the scale.
        min: f64,
        /// Highest answer on the scale.
        max: f64,
    },
    /// A 0-to-10 self assessment.
    Scale10,
    /// An amount of money, in the caller's currency: 0 or more.
    Currency,
    /// A yearly rate of change: -1 to 10 (0.25 = 25% a year).
    YearlyRate,
    /// A rank: a whole number, 1 = first.
    Rank,
    /// A System Usability Scale score, or a mean of them: 0 to 100.
    Sus,
    /// How many people a mean is of: a whole number, 1 or more.
    Respondents,
}

/// Largest count or amount accepted: beyond any real product's figures, and
/// small enough that arithmetic on it stays exact to the unit.
pub const MAX_AMOUNT: f64 = 1e15;

impl NumberKind {
    /// Inclusive range, as `(min, max)`.
    pub fn range(self) -> (f64, f64) {
        match self {
            NumberKind::Count | NumberKind::Currency => (0.0, MAX_AMOUNT),
            NumberKind::Fraction => (0.0, 1.0),
            NumberKind::Minutes => (0.0, 1440.0),
            NumberKind::Days => (0.0, 3650.0),
            NumberKind::Months => (0.0, 120.0),
            NumberKind::Multiple => (0.0, 1e6),
            NumberKind::Nps => (-100.0, 100.0),
            NumberKind::Rating { min, max } => (min, max),
            NumberKind::Scale10 => (0.0, 10.0),
            NumberKind::YearlyRate => (-1.0, 10.0),
            NumberKind::Rank => (1.0, 1e6),
            NumberKind::Sus => (0.0, 100.0),
            NumberKind::Respondents => (1.0, MAX_AMOUNT),
        }
    }

    /// True when only whole numbers make sense.
    pub fn integer(self) -> bool {
        matches!(self, NumberKind::Rank | NumberKind::Respondents)
    }

    /// The unit, as the units table and TS docs write it.
    pub fn unit(self) -> &'static str {
        match self {
            NumberKind::Count => "count",
            NumberKind::Fraction => "fraction 0..1",
            NumberKind::Minutes => "minutes",
            NumberKind::Days => "days",
            NumberKind::Months => "months",
            NumberKind::Multiple => "multiple (3 = 3x)",
            NumberKind::Nps => "NPS points -100..100",
            NumberKind::Rating { max: 5.0, .. } => "mean rating 1..5",
            NumberKind::Rating { .. } => "mean rating 0..10",
            NumberKind::Scale10 => "score 0..10",
            NumberKind::Currency => "currency units",
            NumberKind::YearlyRate => "fraction per year",
            NumberKind::Rank => "rank (1 = leader)",
            NumberKind::Sus => "SUS score 0..100",
            NumberKind::Respondents => "respondents (whole number)",
        }
    }

    /// What was expected, for error messages.
    pub fn expected(self) -> String {
        match self {
            NumberKind::Count => "a count between 0 and 1e15".into(),
            NumberKind::Fraction => "a fraction between 0 and 1".into(),
            NumberKind::Minutes => "minutes between 0 and 1440".into(),
            NumberKind::Days => "days between 0 and 3650".into(),
            NumberKind::Months => "months between 0 and 120".into(),
            NumberKind::Multiple => "a multiple between 0 and 1000000 (3 = 3x)".into(),
            NumberKind::Nps => "an NPS between -100 and 100".into(),
            NumberKind::Rating { min, max } => format!(
                "a mean rating between {} and {}",
                crate::format::format_number(min),
                crate::format::format_number(max)
            ),
            NumberKind::Scale10 => "a score between 0 and 10".into(),
            NumberKind::Currency => "an amount between 0 and 1e15".into(),
            NumberKind::YearlyRate => "a yearly rate between -1 and 10 (0.25 = 25% a year)".into(),
            NumberKind::Rank => "a whole-number rank from 1 (the leader) to 1000000".into(),
            NumberKind::Sus => "a SUS score between 0 and 100".into(),
            NumberKind::Respondents => "a whole number of respondents from 1 to 1e15".into(),
        }
    }

    /// Checks a number; on failure returns the hint, if the mistake is
    /// guessable. `Ok(())` means the value is in range.
    pub fn check(self, value: f64) -> Result<(), Option<String>> {
        if !value.is_finite() {
            return Err(Some("the value must be a finite number".into()));
        }
        let (min, max) = self.range();
        if self.integer() && value.fract() != 0.0 {
            return Err(Some(match self {
                NumberKind::Respondents => "respondents are counted in whole numbers".into(),
                _ => "a rank is a whole number".into(),
            }));
        }
        if value >= min && value <= max {
            return Ok(());
        }
        Err(self.hint(value))
    }

    fn hint(self, value: f64) -> Option<String> {
        let did_you_mean = |v: f64| Some(format!("did you mean {}?", format_suggestion(v)));
        match self {
            NumberKind::Count | NumberKind::Currency | NumberKind::Multiple if value < 0.0 => {
                Some("it cannot be negative".into())
            }
            NumberKind::Fraction if value > 1.0 && value <= 100.0 => did_you_mean(value / 100.0),
            NumberKind::Fraction if value < 0.0 => Some("a share cannot be negative".into()),
            NumberKind::YearlyRate if value > 10.0 && value <= 1000.0 => {
                did_you_mean(value / 100.0)
            }
            NumberKind::Scale10 if value > 10.0 && value <= 100.0 => did_you_mean(value / 10.0),
            NumberKind::Rating { min, max } if max == 10.0 && value > 10.0 && value <= 100.0 => {
                let _ = min;
                did_you_mean(value / 10.0)
            }
            NumberKind::Rating { max, .. } if max == 5.0 && value > 5.0 && value <= 10.0 => {
                Some("this looks like a 0-10 rating; the scale is 1 to 5".into())
            }
            NumberKind::Rating { max, .. } if max == 5.0 && value > 10.0 && value <= 100.0 => {
                Some("this looks like a percentage; the scale is a mean rating from 1 to 5".into())
            }
            NumberKind::Rating { min, .. } if min == 1.0 && (0.0..1.0).contains(&value) => {
                Some("the lowest answer on a 1-5 scale is 1".into())
            }
            NumberKind::Nps if value.abs() > 100.0 => {
                Some("NPS is the % of promoters minus the % of detractors".into())
            }
            NumberKind::Minutes if value > 1440.0 => Some(format!(
                "is this in seconds? that would be {} minutes",
                format_suggestion(value / 60.0)
            )),
            NumberKind::Rank if value < 1.0 => Some("rank 1 is the market leader".into()),
            NumberKind::Sus if value < 0.0 => Some("a SUS score cannot be negative".into()),
            NumberKind::Sus if value > 100.0 => Some(
                "SUS scores run from 0 to 100 (the ten items' contributions, 0 to 40, times 2.5)"
                    .into(),
            ),
            NumberKind::Respondents if value < 0.0 => Some("it cannot be negative".into()),
            NumberKind::Respondents if value < 1.0 => {
                Some("a mean needs at least 1 respondent; leave the field out when unknown".into())
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_get_a_fraction_hint() {
        assert_eq!(
            NumberKind::Fraction.check(45.0),
            Err(Some("did you mean 0.45?".into()))
        );
        assert_eq!(NumberKind::Fraction.check(0.45), Ok(()));
        assert_eq!(NumberKind::Fraction.check(450.0), Err(None));
    }

    #[test]
    fn non_finite_numbers_are_rejected() {
        for kind in [NumberKind::Count, NumberKind::Nps, NumberKind::Fraction] {
            assert!(kind.check(f64::NAN).is_err());
            assert!(kind.check(f64::INFINITY).is_err());
        }
    }

    #[test]
    fn scales_hint_at_the_scale_used() {
        assert_eq!(
            NumberKind::Scale10.check(75.0),
            Err(Some("did you mean 7.5?".into()))
        );
        let rating5 = NumberKind::Rating { min: 1.0, max: 5.0 };
        assert!(rating5.check(8.0).unwrap_err().unwrap().contains("0-10"));
        assert_eq!(
            NumberKind::Rank.check(2.5),
            Err(Some("a rank is a whole number".into()))
        );
        assert!(NumberKind::Minutes
            .check(1800.0)
            .unwrap_err()
            .unwrap()
            .contains("30 minutes"));
    }

    #[test]
    fn sus_scores_and_respondents() {
        for ok in [0.0, 0.5, 68.0, 100.0] {
            assert_eq!(NumberKind::Sus.check(ok), Ok(()));
        }
        let over = NumberKind::Sus.check(100.5).unwrap_err().unwrap();
        assert!(over.starts_with("SUS scores run from 0 to 100"), "{over}");
        assert_eq!(
            NumberKind::Sus.check(-2.5),
            Err(Some("a SUS score cannot be negative".into()))
        );
        for ok in [1.0, 20.0, MAX_AMOUNT] {
            assert_eq!(NumberKind::Respondents.check(ok), Ok(()));
        }
        assert_eq!(
            NumberKind::Respondents.check(12.5),
            Err(Some("respondents are counted in whole numbers".into()))
        );
        assert!(NumberKind::Respondents
            .check(0.0)
            .unwrap_err()
            .unwrap()
            .contains("at least 1 respondent"));
        assert!(NumberKind::Respondents.check(f64::NAN).is_err());
        assert!(NumberKind::Respondents.integer() && !NumberKind::Sus.integer());
    }
}
