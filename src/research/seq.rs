//! The Single Ease Question (J. Sauro & J. S. Dumas, "Comparison of three
//! one-question, post-task usability questionnaires", CHI 2009): "Overall,
//! how difficult or easy was the task to complete?", answered from 1 (very
//! difficult) to 7 (very easy) after each task; a task's score is its mean
//! rating, with its t interval.

use crate::stats;

/// A rating that is not a whole number from 1 to 7.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeqRatingError {
    /// Its place among the ratings given, from 0.
    pub index: usize,
    /// What was given.
    pub value: f64,
}

impl std::fmt::Display for SeqRatingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "SEQ rating {} is {}; expected a whole number from 1 (very difficult) to 7 (very easy)",
            self.index + 1,
            crate::format::format_number(self.value)
        )
    }
}

impl std::error::Error for SeqRatingError {}

/// A task's ratings summed up.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SeqSummary {
    /// How many ratings.
    pub responses: usize,
    /// Their mean, 1 to 7.
    pub mean: f64,
    /// Their standard deviation (n − 1); `None` for one rating.
    pub sd: Option<f64>,
    /// The mean's t interval at the confidence level asked for, within
    /// 1..7; `None` for one rating.
    pub interval: Option<[f64; 2]>,
}

/// The mean of a task's ratings with its t interval; `Ok(None)` without
/// ratings, and every rating that is not a whole number from 1 to 7 is an
/// error.
///
/// ```
/// use market_validation::research::seq::summarize;
/// let s = summarize(&[7.0, 6.0, 5.0, 6.0, 4.0, 7.0, 6.0, 5.0, 3.0, 6.0], 0.95).unwrap().unwrap();
/// assert_eq!(s.mean, 5.5);
/// ```
pub fn summarize(
    ratings: &[f64],
    confidence: f64,
) -> Result<Option<SeqSummary>, Vec<SeqRatingError>> {
    let errors: Vec<SeqRatingError> = ratings
        .iter()
        .enumerate()
        .filter(|(_, v)| !((1.0..=7.0).contains(*v) && v.fract() == 0.0))
        .map(|(index, &value)| SeqRatingError { index, value })
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(
        stats::mean_t_interval(ratings, confidence).map(|e| SeqSummary {
            responses: e.n,
            mean: e.mean,
            sd: e.sd(),
            interval: e.interval_within(1.0, 7.0),
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_rating_with_its_interval() {
        // No published worked example; computed independently (Python,
        // the issue's research): mean 5.5, sd 1.269296, t(0.975, 9)
        // 2.262157, interval [4.592001, 6.407999].
        let ratings = [7.0, 6.0, 5.0, 6.0, 4.0, 7.0, 6.0, 5.0, 3.0, 6.0];
        let s = summarize(&ratings, 0.95).unwrap().unwrap();
        assert_eq!((s.responses, s.mean), (10, 5.5));
        assert!((s.sd.unwrap() - 1.269296).abs() < 1e-6);
        let [low, high] = s.interval.unwrap();
        assert!((low - 4.592001).abs() < 1e-6 && (high - 6.407999).abs() < 1e-6);
        // Clipped to the scale; one rating has no interval; none, nothing.
        assert_eq!(
            summarize(&[7.0, 6.0], 0.95)
                .unwrap()
                .unwrap()
                .interval
                .unwrap()[1],
            7.0
        );
        assert_eq!(summarize(&[4.0], 0.95).unwrap().unwrap().interval, None);
        assert_eq!(summarize(&[], 0.95), Ok(None));
        // Every bad rating at once: 0, 8, 2.5, NaN.
        let errors = summarize(&[0.0, 5.0, 8.0, 2.5, f64::NAN], 0.95).unwrap_err();
        assert_eq!(
            errors.iter().map(|e| e.index).collect::<Vec<_>>(),
            [0, 2, 3, 4]
        );
    }
}
