//! Task success and time on task in a usability test: the completion rate
//! with the Agresti–Coull interval, which holds at the 5 to 20 participants
//! such tests have (J. Sauro & J. R. Lewis, "Estimating completion rates
//! from small samples using binomial confidence intervals: comparisons and
//! recommendations", Proceedings of the Human Factors and Ergonomics Society
//! 49th Annual Meeting, 2005, pp. 2100–2104), and the geometric mean of the
//! times with its interval on the log scale (J. Sauro & J. R. Lewis, "Average
//! task times in usability tests: what to report?", CHI 2010).

use crate::stats;

/// A task's completion rate.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CompletionRate {
    /// Participants who attempted the task.
    pub attempts: usize,
    /// Those who completed it.
    pub successes: usize,
    /// successes / attempts.
    pub rate: f64,
    /// The interval's centre, (x + z²/2) / (n + z²): above the rate below
    /// one half, below it above.
    pub centre: f64,
    /// The interval at the confidence level asked for, within 0..1.
    pub interval: [f64; 2],
    /// `"agresti-coull"` ("adjusted Wald" names the NPS interval here).
    pub method: &'static str,
}

/// The completion rate of `successes` of `attempts` with its Agresti–Coull
/// interval; `None` when nobody attempted the task.
///
/// ```
/// use market_validation::research::tasks::completion_rate;
/// let r = completion_rate(4, 5, 0.95).unwrap();
/// assert_eq!(r.rate, 0.8);
/// assert!((r.interval[0] - 0.3596).abs() < 1e-4);
/// ```
pub fn completion_rate(
    successes: usize,
    attempts: usize,
    confidence: f64,
) -> Option<CompletionRate> {
    if attempts == 0 || successes > attempts {
        return None;
    }
    let (x, n) = (successes as f64, attempts as f64);
    let (centre, low, high) = stats::agresti_coull(x, n, stats::z_for_confidence(confidence));
    Some(CompletionRate {
        attempts,
        successes,
        rate: x / n,
        centre,
        interval: [low, high],
        method: "agresti-coull",
    })
}

/// A task's time, from the times of the attempts it is computed over.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TaskTime {
    /// Times it is computed over.
    pub times: usize,
    /// Their geometric mean, in their unit: exp(mean of ln t).
    pub geometric_mean: f64,
    /// exp(mean ± t(n − 1) · sd / √n) of the log times, at the confidence
    /// level asked for: an interval for the population's geometric mean
    /// (its median when times are log-normal); `None` for one time.
    pub interval: Option<[f64; 2]>,
}

/// The geometric mean of `times` with its interval; `None` without times.
/// Every time must be a positive finite number: the caller leaves out the
/// others (a zero or a missing time has no logarithm) and says so.
///
/// ```
/// use market_validation::research::tasks::task_time;
/// // Sauro's task-time calculator: 68 s, 95% CI 46 to 101 s.
/// let t = task_time(&[55.0, 65.0, 75.0, 62.0, 45.0, 135.0], 0.95).unwrap();
/// assert_eq!(t.geometric_mean.round(), 68.0);
/// ```
pub fn task_time(times: &[f64], confidence: f64) -> Option<TaskTime> {
    if times.is_empty() || times.iter().any(|t| !(t.is_finite() && *t > 0.0)) {
        return None;
    }
    let logs: Vec<f64> = times.iter().map(|&t| libm::log(t)).collect();
    let e = stats::mean_t_interval(&logs, confidence)?;
    Some(TaskTime {
        times: e.n,
        geometric_mean: libm::exp(e.mean),
        interval: e
            .spread
            .map(|(_, half)| [libm::exp(e.mean - half), libm::exp(e.mean + half)]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completion_rates_as_published() {
        // Tullis & Albert (2008), p. 69: 4 of 5, 0.3596 to 0.9796 (cut to four decimals).
        let r = completion_rate(4, 5, 0.95).unwrap();
        assert!((r.interval[0] - 0.3596).abs() < 1e-4 && (r.interval[1] - 0.9796).abs() < 1e-4);
        assert_eq!((r.method, r.rate), ("agresti-coull", 0.8));
        // Computed independently (the issue's research, Python): 6 of 8.
        let r = completion_rate(6, 8, 0.95).unwrap();
        assert!((r.centre - 0.668898).abs() < 1e-6);
        assert!((r.interval[0] - 0.400854).abs() < 1e-6 && (r.interval[1] - 0.936942).abs() < 1e-6);
        // All and none: clipped, never past the scale.
        assert_eq!(completion_rate(10, 10, 0.95).unwrap().interval[1], 1.0);
        assert_eq!(completion_rate(0, 10, 0.95).unwrap().interval[0], 0.0);
        assert_eq!(completion_rate(0, 0, 0.95), None);
        assert_eq!(completion_rate(3, 2, 0.95), None);
    }

    #[test]
    fn task_times_as_published() {
        // Sauro, "Graph and calculator for confidence intervals for task
        // times" (MeasuringU, 2006): 55, 65, 75, 62, 45, 135 s give 68 s,
        // 95% CI (46, 101); full digits computed independently (Python):
        // 68.241078 [46.005099, 101.224534].
        let t = task_time(&[55.0, 65.0, 75.0, 62.0, 45.0, 135.0], 0.95).unwrap();
        assert!((t.geometric_mean - 68.241078).abs() < 1e-6);
        let [low, high] = t.interval.unwrap();
        assert!((low - 46.005099).abs() < 1e-6 && (high - 101.224534).abs() < 1e-6);
        assert_eq!((low.round(), high.round()), (46.0, 101.0));
        // The research's task table, successes only: 48.213548 [32.828293, 70.809232].
        let t = task_time(&[34.0, 48.0, 41.0, 95.0, 52.0, 38.0], 0.95).unwrap();
        assert!((t.geometric_mean - 48.213548).abs() < 1e-6);
        let [low, high] = t.interval.unwrap();
        assert!((low - 32.828293).abs() < 1e-6 && (high - 70.809232).abs() < 1e-6);
        // One time: no interval; no time, or one with no logarithm: nothing.
        assert_eq!(task_time(&[40.0], 0.95).unwrap().interval, None);
        assert_eq!(task_time(&[], 0.95), None);
        assert_eq!(task_time(&[40.0, 0.0], 0.95), None);
        assert_eq!(task_time(&[40.0, f64::NAN], 0.95), None);
    }
}
