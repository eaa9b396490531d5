//! The System Usability Scale (J. Brooke, "SUS: A 'quick and dirty'
//! usability scale", in Usability Evaluation in Industry, Taylor & Francis,
//! 1996, pp. 189–194): ten statements answered 1 (strongly disagree) to 5
//! (strongly agree), scored 0–100 per respondent; the mean over respondents
//! with its t interval, graded on Sauro and Lewis's curved scale.

use crate::stats;
use std::fmt;

/// Which questionnaire was asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SusVersion {
    /// Brooke's: the odd statements positive, the even ones negative.
    Standard,
    /// Every statement positive (J. Sauro & J. R. Lewis, "When designing
    /// usability questionnaires, does it hurt to be positive?", CHI 2011).
    AllPositive,
}

/// One respondent's ten answers, each a whole number from 1 to 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SusAnswers([u8; 10]);

/// An answer that is not a whole number from 1 to 5.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SusAnswerError {
    /// The statement's number, 1 to 10.
    pub item: usize,
    /// What was given.
    pub value: f64,
}

impl fmt::Display for SusAnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "SUS item {} is {}; expected a whole number from 1 (strongly disagree) to 5 (strongly agree)",
            self.item,
            crate::format::format_number(self.value)
        )
    }
}

impl std::error::Error for SusAnswerError {}

impl SusAnswers {
    /// The answers in the questionnaire's order; every answer that is not a
    /// whole number from 1 to 5 is an error (all of them, in order).
    pub fn new(answers: [f64; 10]) -> Result<SusAnswers, Vec<SusAnswerError>> {
        let mut out = [0u8; 10];
        let mut errors = Vec::new();
        for (i, &value) in answers.iter().enumerate() {
            if (1.0..=5.0).contains(&value) && value.fract() == 0.0 {
                out[i] = value as u8;
            } else {
                errors.push(SusAnswerError { item: i + 1, value });
            }
        }
        if errors.is_empty() {
            Ok(SusAnswers(out))
        } else {
            Err(errors)
        }
    }

    /// The score, 0 to 100 in steps of 2.5: each positive statement
    /// contributes its answer − 1, each negative one 5 − its answer, and the
    /// sum of the ten (0 to 40) is multiplied by 2.5.
    ///
    /// ```
    /// use market_validation::research::sus::{SusAnswers, SusVersion};
    /// // Brooke's scoring example, as Tullis & Albert reproduce it: 55.
    /// let answers = SusAnswers::new([5.0, 4.0, 2.0, 1.0, 2.0, 3.0, 2.0, 4.0, 5.0, 2.0]).unwrap();
    /// assert_eq!(answers.score(SusVersion::Standard), 55.0);
    /// ```
    pub fn score(&self, version: SusVersion) -> f64 {
        let sum: u32 = self
            .0
            .iter()
            .enumerate()
            .map(|(i, &a)| {
                let positive = version == SusVersion::AllPositive || i % 2 == 0;
                u32::from(if positive { a - 1 } else { 5 - a })
            })
            .sum();
        f64::from(sum) * 2.5
    }
}

/// The grades of Sauro and Lewis's curved grading scale (J. Sauro & J. R.
/// Lewis, Quantifying the User Experience, 2nd ed., Morgan Kaufmann, 2016,
/// Table 8.5), best first, each with the lowest mean SUS score that earns it.
pub const SUS_GRADES: [(&str, f64); 11] = [
    ("A+", 84.1),
    ("A", 80.8),
    ("A-", 78.9),
    ("B+", 77.2),
    ("B", 74.1),
    ("B-", 72.6),
    ("C+", 71.1),
    ("C", 65.0),
    ("C-", 62.7),
    ("D", 51.7),
    ("F", 0.0),
];

/// The curved-scale grade of a mean SUS score: the best grade whose lowest
/// score is at most the mean, unrounded (the published ranges are given to
/// one decimal, so 84.05 falls between A's 84.0 and A+'s 84.1; it is an A).
pub fn sus_grade(mean: f64) -> &'static str {
    SUS_GRADES
        .iter()
        .find(|(_, lowest)| mean >= *lowest)
        .map_or("F", |(grade, _)| grade)
}

/// The SUS database's mean and standard deviation of study means (J. Sauro,
/// A Practical Guide to the System Usability Scale, Measuring Usability,
/// 2011: 68 over 500 studies; the spread as the project's reference,
/// metrics.md, gives it).
pub const SUS_DATABASE_MEAN: f64 = 68.0;
/// See [`SUS_DATABASE_MEAN`].
pub const SUS_DATABASE_SD: f64 = 12.5;

/// The percentile rank of a mean SUS score among the database's studies,
/// 0 to 100, from a normal distribution of study means (mean 68, sd 12.5):
/// 68 is the 50th percentile. The published ranks it approximates are
/// skewed: MeasuringU puts 75 at the 73rd percentile (this gives 71) and
/// 52 at the 15th (this gives 10); see the methodology.
///
/// ```
/// use market_validation::research::sus::sus_percentile;
/// assert_eq!(sus_percentile(68.0), 50.0);
/// ```
pub fn sus_percentile(mean: f64) -> f64 {
    100.0 * stats::normal_cdf((mean - SUS_DATABASE_MEAN) / SUS_DATABASE_SD)
}

/// Bangor, Kortum and Miller's adjectives with the mean SUS score of the
/// respondents who chose each (A. Bangor, P. Kortum & J. Miller,
/// "Determining what individual SUS scores mean: adding an adjective rating
/// scale", Journal of Usability Studies 4(3), 2009, Table 3), worst first.
pub const SUS_ADJECTIVES: [(&str, f64); 7] = [
    ("worst imaginable", 12.5),
    ("awful", 20.3),
    ("poor", 35.7),
    ("OK", 50.9),
    ("good", 71.4),
    ("excellent", 85.5),
    ("best imaginable", 90.9),
];

/// The adjective whose respondents' mean SUS score is nearest `score` (the
/// paper gives means, not ranges; a tie goes to the better adjective): 68
/// is "good", 50 "OK".
pub fn sus_adjective(score: f64) -> &'static str {
    let mut best = SUS_ADJECTIVES[0];
    for adjective in SUS_ADJECTIVES {
        if (score - adjective.1).abs() <= (score - best.1).abs() {
            best = adjective;
        }
    }
    best.0
}

/// The respondents' scores summed up.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SusSummary {
    /// How many respondents were scored.
    pub respondents: usize,
    /// Their mean score, 0 to 100.
    pub mean: f64,
    /// The scores' standard deviation (n − 1); `None` for one respondent.
    pub sd: Option<f64>,
    /// The mean's t interval at the confidence level asked for, clipped to
    /// 0–100; `None` for one respondent (no spread to measure).
    pub interval: Option<[f64; 2]>,
    /// The mean's grade on the curved scale ([`sus_grade`]).
    pub grade: &'static str,
    /// The mean's percentile rank among the database's studies
    /// ([`sus_percentile`]).
    pub percentile: f64,
    /// The adjective nearest the mean ([`sus_adjective`]).
    pub adjective: &'static str,
}

/// The mean of the scores with its t interval (mean ± t(n − 1) · sd / √n)
/// and grade; `None` without scores. Identical scores give an interval of
/// no width: the spread seen is none.
///
/// ```
/// use market_validation::research::sus::summarize;
/// let s = summarize(&[75.0, 100.0, 50.0, 85.0, 55.0], 0.95).unwrap();
/// assert_eq!((s.mean, s.grade), (73.0, "B-"));
/// ```
pub fn summarize(scores: &[f64], confidence: f64) -> Option<SusSummary> {
    let e = stats::mean_t_interval(scores, confidence)?;
    Some(SusSummary {
        respondents: e.n,
        mean: e.mean,
        sd: e.sd(),
        interval: e.interval_within(0.0, 100.0),
        grade: sus_grade(e.mean),
        percentile: sus_percentile(e.mean),
        adjective: sus_adjective(e.mean),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(answers: [f64; 10]) -> f64 {
        SusAnswers::new(answers)
            .unwrap()
            .score(SusVersion::Standard)
    }

    #[test]
    fn published_and_hand_computed_scores() {
        let cases = [
            // Brooke's scoring figure (Tullis & Albert, Fig. 6.8):
            // contributions 4, 1, 1, 4, 1, 2, 1, 1, 4, 3, total 22.
            ([5, 4, 2, 1, 2, 3, 2, 4, 5, 2], 55.0),
            // silleknarf/SUS's example: answers 4152514231 score 85.
            ([4, 1, 5, 2, 5, 1, 4, 2, 3, 1], 85.0),
            ([3; 10], 50.0),
            ([5, 1, 5, 1, 5, 1, 5, 1, 5, 1], 100.0),
            ([1, 5, 1, 5, 1, 5, 1, 5, 1, 5], 0.0),
        ];
        for (answers, expected) in cases {
            assert_eq!(score(answers.map(f64::from)), expected, "{answers:?}");
        }
        // Ticking one column scores 50 whichever column: the directions alternate.
        for a in 1..=5 {
            assert_eq!(score([f64::from(a); 10]), 50.0);
        }
        let positive = SusAnswers::new([5.0; 10]).unwrap();
        assert_eq!(positive.score(SusVersion::AllPositive), 100.0);
    }

    #[test]
    fn item_directions() {
        // From any answers, raising an odd (positive) statement's answer by
        // one adds 2.5 and an even (negative) one's takes 2.5 away; in the
        // all-positive version every one adds 2.5. On 100,000 random answer
        // sets, each statement raised in turn where it can be.
        let mut state = 0x853C_49E6_748F_EA9Bu64;
        for _ in 0..100_000 {
            let mut answers = [0.0; 10];
            for a in &mut answers {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                *a = f64::from(1 + (state >> 33) as u32 % 5);
            }
            let read = |a: [f64; 10], v| SusAnswers::new(a).unwrap().score(v);
            for item in (0..10).filter(|&i| answers[i] < 5.0) {
                let mut raised = answers;
                raised[item] += 1.0;
                let standard =
                    read(raised, SusVersion::Standard) - read(answers, SusVersion::Standard);
                assert_eq!(standard, if item % 2 == 0 { 2.5 } else { -2.5 });
                let positive =
                    read(raised, SusVersion::AllPositive) - read(answers, SusVersion::AllPositive);
                assert_eq!(positive, 2.5);
            }
        }
    }

    #[test]
    fn bad_answers_are_all_reported() {
        let errors =
            SusAnswers::new([0.0, 3.0, 2.5, 3.0, 6.0, 3.0, f64::NAN, 3.0, 3.0, 3.0]).unwrap_err();
        let items: Vec<usize> = errors.iter().map(|e| e.item).collect();
        assert_eq!(items, [1, 3, 5, 7]);
        assert_eq!(
            errors[2].to_string(),
            "SUS item 5 is 6; expected a whole number from 1 (strongly disagree) to 5 (strongly agree)"
        );
    }

    #[test]
    fn grades_follow_the_curved_scale() {
        let cases = [
            (100.0, "A+"),
            (84.1, "A+"),
            (84.05, "A"),
            (80.8, "A"),
            (80.7, "A-"),
            (74.1, "B"),
            (68.0, "C"),
            (51.7, "D"),
            (51.6, "F"),
            (0.0, "F"),
        ];
        for (mean, grade) in cases {
            assert_eq!(sus_grade(mean), grade, "{mean}");
        }
    }

    #[test]
    fn percentiles_from_the_database_mean_and_spread() {
        // Python's math.erf: 50 (1 + erf((x − 68) / (12.5 √2))).
        let cases = [
            (68.0, 50.0),
            (75.0, 71.2260281150973),
            (52.0, 10.027256795444211),
            (80.8, 84.70823625458536),
            (100.0, 99.47663918364442),
        ];
        for (mean, percentile) in cases {
            let got = sus_percentile(mean);
            assert!((got - percentile).abs() < 1e-9, "{mean}: {got}");
        }
    }

    #[test]
    fn adjectives_by_the_nearest_mean() {
        // Midpoints between Table 3's means: 16.4, 28, 43.3, 61.15, 78.45, 88.2.
        let cases = [
            (0.0, "worst imaginable"),
            (16.3, "worst imaginable"),
            (16.5, "awful"),
            (43.2, "poor"),
            (50.0, "OK"),
            (61.1, "OK"),
            (61.2, "good"),
            (68.0, "good"),
            (78.4, "good"),
            (80.0, "excellent"),
            (88.2, "best imaginable"),
            (100.0, "best imaginable"),
        ];
        for (score, adjective) in cases {
            assert_eq!(sus_adjective(score), adjective, "{score}");
        }
    }

    #[test]
    fn summaries_with_t_intervals() {
        // Twelve scores from a public study (nus-mtp/movie-pigeon's wiki,
        // "the average score for all 12 users is 80.21"); the interval
        // computed independently (Python): sd 8.820066, t 2.200985.
        let scores = [
            87.5, 87.5, 90.0, 82.5, 75.0, 77.5, 60.0, 90.0, 85.0, 75.0, 80.0, 72.5,
        ];
        let s = summarize(&scores, 0.95).unwrap();
        assert!((s.mean - 80.208333).abs() < 1e-6);
        assert!((s.sd.unwrap() - 8.820066).abs() < 1e-6);
        let [low, high] = s.interval.unwrap();
        assert!((low - 74.604331).abs() < 1e-5 && (high - 85.812336).abs() < 1e-5);
        assert_eq!(s.grade, "A-");
        // Five hand-sized respondents: 73.0, sd 20.796634, [47.177568, 98.822432].
        let s = summarize(&[75.0, 100.0, 50.0, 85.0, 55.0], 0.95).unwrap();
        let [low, high] = s.interval.unwrap();
        assert!((low - 47.177568).abs() < 1e-5 && (high - 98.822432).abs() < 1e-5);
        // Two far apart: [11.47, 138.53] (t 12.706), clipped to the scale.
        let [low, high] = summarize(&[70.0, 80.0], 0.95).unwrap().interval.unwrap();
        assert!((low - 11.47).abs() < 0.01 && high == 100.0);
        // One respondent: a mean, no spread, no interval; none: nothing.
        let s = summarize(&[62.5], 0.95).unwrap();
        assert_eq!((s.sd, s.interval, s.grade), (None, None, "D"));
        assert_eq!(summarize(&[], 0.95), None);
    }
}
