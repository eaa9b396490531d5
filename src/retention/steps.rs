//! A survivor curve as the models read it: per period k = 1, 2, ..., those
//! at risk (still active after period k - 1 and observed in period k) and
//! those of them still active in period k. For one cohort followed to the
//! end, at risk in period k is simply the survivors of period k - 1; pooled
//! cohorts of different ages, or 24-hour windows that not every user has
//! reached, observe fewer at risk than survived (right censoring).
//!
//! Both models' log-likelihoods are sums over these steps of
//! `y_k ln r_k + (m_k - y_k) ln(1 - r_k)`, with `r_k` the model's retention
//! from period k - 1 to k. For one cohort this is exactly Fader & Hardie's
//! (2007) likelihood `sum (s_{t-1} - s_t) ln P(T = t) + s_n ln S(n)`, since
//! `P(T = t) = S(t - 1) (1 - r_t)` and `S(t) = r_1 ... r_t`.
//!
//! ```
//! use market_validation::retention::steps::Steps;
//! let s = Steps::from_survivors(&[1000.0, 631.0, 468.0]);
//! assert_eq!(s.at_risk, [1000.0, 631.0]);
//! assert_eq!(s.survived, [631.0, 468.0]);
//! assert!((s.observed_survival()[2] - 0.468).abs() < 1e-12);
//! ```

/// Those at risk and those surviving, per period after the start.
#[derive(Debug, Clone, PartialEq)]
pub struct Steps {
    /// `at_risk[k - 1]`: active after period k - 1 and observed in period k.
    pub at_risk: Vec<f64>,
    /// `survived[k - 1]`: of those, still active in period k.
    pub survived: Vec<f64>,
}

impl Steps {
    /// The steps of one cohort's survivor counts (`survivors[0]` the cohort
    /// at the start, then those still active after each period).
    pub fn from_survivors(survivors: &[f64]) -> Steps {
        Steps {
            at_risk: survivors.iter().rev().skip(1).rev().copied().collect(),
            survived: survivors.iter().skip(1).copied().collect(),
        }
    }

    /// Periods observed after the start.
    pub fn len(&self) -> usize {
        self.survived.len()
    }

    /// True when no period after the start is observed.
    pub fn is_empty(&self) -> bool {
        self.survived.is_empty()
    }

    /// Those at the start.
    pub fn start(&self) -> f64 {
        self.at_risk.first().copied().unwrap_or(0.0)
    }

    /// Those who churned over all steps, and those who survived a step.
    pub fn churned_and_survived(&self) -> (f64, f64) {
        let churned = self
            .at_risk
            .iter()
            .zip(&self.survived)
            .map(|(m, y)| m - y)
            .sum();
        (churned, self.survived.iter().sum())
    }

    /// Why a model of `parameters` parameters has no finite maximum on
    /// these steps: fewer periods than parameters, nobody churned (the
    /// likelihood grows as churn goes to 0), or nobody stayed.
    pub fn unfittable(&self, parameters: usize) -> Option<String> {
        let (churned, survived) = self.churned_and_survived();
        if self.len() < parameters {
            Some(format!(
                "at least {parameters} periods after the start are needed for its {parameters} parameters"
            ))
        } else if churned <= 0.0 {
            Some("nobody churned: the likelihood grows without end as churn goes to 0".into())
        } else if survived <= 0.0 {
            Some("nobody stayed past the first period".into())
        } else {
            None
        }
    }

    /// The log-likelihood of the retention `r(k)` from period k - 1 to k;
    /// terms with no weight are left out (0 ln 0 = 0), and a retention of 0
    /// or 1 where it has weight gives minus infinity.
    pub fn log_likelihood(&self, r: &dyn Fn(usize) -> f64) -> f64 {
        let mut total = 0.0;
        for (i, (m, y)) in self.at_risk.iter().zip(&self.survived).enumerate() {
            let rk = r(i + 1);
            if *y > 0.0 {
                total += y * libm::log(rk);
            }
            if m - y > 0.0 {
                total += (m - y) * libm::log(1.0 - rk);
            }
        }
        if total.is_nan() {
            f64::NEG_INFINITY
        } else {
            total
        }
    }

    /// The observed survival at the start and after each period: the
    /// product of the steps' survival shares (Kaplan–Meier's estimate, which
    /// for one cohort is survivors / starting size).
    pub fn observed_survival(&self) -> Vec<f64> {
        let mut curve = Vec::with_capacity(self.len() + 1);
        let mut s = 1.0;
        curve.push(s);
        for (m, y) in self.at_risk.iter().zip(&self.survived) {
            s *= if *m > 0.0 { y / m } else { 1.0 };
            curve.push(s);
        }
        curve
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_likelihood_of_a_hand_computed_case() {
        // 10 -> 5 -> 4 with r = 0.5, 0.8: 5 ln .5 + 5 ln .5 + 4 ln .8 + 1 ln .2.
        let s = Steps::from_survivors(&[10.0, 5.0, 4.0]);
        let rates = [0.5, 0.8];
        let ll = s.log_likelihood(&|k| rates[k - 1]);
        let expected = 10.0 * 0.5f64.ln() + 4.0 * 0.8f64.ln() + 0.2f64.ln();
        assert!((ll - expected).abs() < 1e-12);
        // A certain survival where someone churned is impossible.
        assert_eq!(s.log_likelihood(&|_| 1.0), f64::NEG_INFINITY);
        assert_eq!(s.churned_and_survived(), (6.0, 9.0));
    }
}
