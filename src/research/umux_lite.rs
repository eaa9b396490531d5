//! UMUX-Lite (J. R. Lewis, B. S. Utesch & D. E. Maher, "UMUX-LITE: when
//! there's no time for the SUS", CHI 2013): two statements on a 7-point
//! agreement scale, "[This system's] capabilities meet my requirements" and
//! "[This system] is easy to use", scored 0–100, and the same paper's
//! regression of it onto the SUS scale.

/// An answer that is not a whole number from 1 to 7.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UmuxAnswerError {
    /// `"capabilities"` or `"ease"`.
    pub item: &'static str,
    /// What was given.
    pub value: f64,
}

impl std::fmt::Display for UmuxAnswerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "UMUX-Lite {} answer is {}; expected a whole number from 1 (strongly disagree) to 7 (strongly agree)",
            self.item,
            crate::format::format_number(self.value)
        )
    }
}

impl std::error::Error for UmuxAnswerError {}

/// The UMUX-Lite score, (capabilities + ease − 2) · 100 / 12, from 0 to
/// 100; every answer out of 1..7 is an error.
///
/// ```
/// use market_validation::research::umux_lite::{score, sus_estimate};
/// assert_eq!(score(4.0, 4.0), Ok(50.0));
/// assert!((sus_estimate(50.0) - 55.4).abs() < 1e-12);
/// ```
pub fn score(capabilities: f64, ease: f64) -> Result<f64, Vec<UmuxAnswerError>> {
    let errors: Vec<UmuxAnswerError> = [("capabilities", capabilities), ("ease", ease)]
        .into_iter()
        .filter(|(_, v)| !((1.0..=7.0).contains(v) && v.fract() == 0.0))
        .map(|(item, value)| UmuxAnswerError { item, value })
        .collect();
    if errors.is_empty() {
        Ok((capabilities + ease - 2.0) * 100.0 / 12.0)
    } else {
        Err(errors)
    }
}

/// The SUS score a UMUX-Lite score predicts, 0.65 · UMUX-Lite + 22.9 (Lewis,
/// Utesch & Maher 2013). It spans 22.9 to 87.9 only, and its authors later
/// found that it underestimates high scores (U. Lah, J. R. Lewis & B. Šumak,
/// "Perceived usability and the modified Technology Acceptance Model",
/// IJHCI 36(13), 2020): shown beside the UMUX-Lite score, never instead.
pub fn sus_estimate(umux_lite: f64) -> f64 {
    0.65 * umux_lite + 22.9
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_and_their_sus_estimates() {
        // No published worked example; computed from the published formulas
        // (the issue's research): (answers, UMUX-Lite, its SUS estimate).
        let cases = [
            (1.0, 1.0, 0.0, 22.9),
            (4.0, 4.0, 50.0, 55.4),
            (5.0, 6.0, 75.0, 71.65),
            (6.0, 6.0, 83.333333, 77.066667),
            (7.0, 7.0, 100.0, 87.9),
        ];
        for (capabilities, ease, umux, sus) in cases {
            let got = score(capabilities, ease).unwrap();
            assert!((got - umux).abs() < 1e-6, "{capabilities}, {ease}");
            assert!(
                (sus_estimate(got) - sus).abs() < 1e-6,
                "{capabilities}, {ease}"
            );
        }
        let errors = score(0.0, 7.5).unwrap_err();
        assert_eq!(
            errors.iter().map(|e| e.item).collect::<Vec<_>>(),
            ["capabilities", "ease"]
        );
        assert_eq!(
            score(3.0, 8.0).unwrap_err()[0].to_string(),
            "UMUX-Lite ease answer is 8; expected a whole number from 1 (strongly disagree) to 7 (strongly agree)"
        );
    }
}
