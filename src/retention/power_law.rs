//! A power law with a floor: `S(t) = a + b t^(-c)` for t >= 1 (S(0) = 1),
//! the retention-curve shape that levels off at a long-run floor `a` (the
//! share who keep coming back for good). It is the usual empirical fit of
//! retention curves that flatten (Brian Balfour's "retention curves that
//! flatten"; the a16z and Sequoia writing on flattening and smiling cohort
//! curves); it has no behavioural story: it only describes the shape.
//!
//! Fitted by maximum likelihood on the same steps as the sBG model
//! ([`Steps`]: retention from period t - 1 to t is `S(t) / S(t - 1)`), so
//! the two log-likelihoods, and their AIC, compare. The parameters are
//! searched as `S(1) = a + b` (logit), `a / S(1)` (logit) and `ln c`, with
//! Nelder–Mead ([`super::optimise`]) from three starting exponents.
//!
//! ```
//! use market_validation::retention::{power_law, steps::Steps};
//! // A curve made by S(t) = 0.2 + 0.5 t^-1 (1000, 700, 450, 366.7, 325).
//! let s = Steps::from_survivors(&[1000.0, 700.0, 450.0, 366.0 + 2.0 / 3.0, 325.0]);
//! let fit = power_law::fit(&s).unwrap();
//! assert!((fit.model.floor - 0.2).abs() < 1e-4 && (fit.model.exponent - 1.0).abs() < 1e-3);
//! ```

use super::optimise::{minimise_to, Minimum};
use super::steps::Steps;
use crate::stats;

/// The three parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PowerLaw {
    /// a: the long-run floor, the share that never leaves.
    pub floor: f64,
    /// b: the share above the floor at period 1.
    pub scale: f64,
    /// c: how fast the share above the floor decays.
    pub exponent: f64,
}

impl PowerLaw {
    /// The share still active after t periods (1 at t = 0).
    pub fn survival(&self, t: u64) -> f64 {
        if t == 0 {
            1.0
        } else {
            self.floor + self.scale * libm::pow(t as f64, -self.exponent)
        }
    }

    /// The retention from period t - 1 to t (t >= 1).
    pub fn retention(&self, t: usize) -> f64 {
        self.survival(t as u64) / self.survival(t as u64 - 1)
    }

    /// The log-likelihood of the steps.
    pub fn log_likelihood(&self, steps: &Steps) -> f64 {
        self.log_likelihood_with(steps, &log_periods(steps.len()))
    }

    /// [`PowerLaw::log_likelihood`] given ln t for t = 1..=n (one
    /// exponential per period, where the search evaluates it thousands of times).
    fn log_likelihood_with(&self, steps: &Steps, ln_t: &[f64]) -> f64 {
        let mut survival = Vec::with_capacity(ln_t.len() + 1);
        survival.push(1.0);
        survival.extend(
            ln_t.iter()
                .map(|l| self.floor + self.scale * libm::exp(-self.exponent * l)),
        );
        steps.log_likelihood(&|k| survival[k] / survival[k - 1])
    }

    /// The model of the search's unconstrained point: S(1) by its logit,
    /// the floor's share of S(1) as sin² (which reaches 0, where the floor
    /// often is, with a flat approach the simplex settles on), c by its log.
    fn from_point(p: &[f64]) -> PowerLaw {
        let logistic = |x: f64| 1.0 / (1.0 + libm::exp(-x));
        let first = logistic(p[0]);
        let floor = first * stats::square(libm::sin(p[1]));
        PowerLaw {
            floor,
            scale: first - floor,
            exponent: libm::exp(p[2]),
        }
    }
}

/// ln t for t = 1..=n.
fn log_periods(n: usize) -> Vec<f64> {
    (1..=n).map(|t| libm::log(t as f64)).collect()
}

/// A maximum-likelihood fit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PowerLawEstimate {
    /// The estimates.
    pub model: PowerLaw,
    /// The log-likelihood there.
    pub log_likelihood: f64,
}

/// Why a curve cannot be fitted ([`Steps::unfittable`] for 3 parameters).
pub fn unfittable(steps: &Steps) -> Option<String> {
    steps.unfittable(3)
}

/// Bound of the unconstrained parameters: the logit of S(1) within ±30
/// (shares from 1e-13), the floor's angle within ±π/2 (one turn of sin²),
/// ln c from -6 to 4 (exponents from 0.0025 to 55).
const BOUNDS: [(f64, f64); 3] = [
    (-30.0, 30.0),
    (-std::f64::consts::FRAC_PI_2, std::f64::consts::FRAC_PI_2),
    (-6.0, 4.0),
];

/// The floor's angle for its share of S(1).
fn angle(share: f64) -> f64 {
    libm::asin(f64::sqrt(share.clamp(0.0, 1.0)))
}

/// The maximum-likelihood fit to `steps`, or `None` ([`unfittable`]).
pub fn fit(steps: &Steps) -> Option<PowerLawEstimate> {
    if unfittable(steps).is_some() {
        return None;
    }
    let observed = steps.observed_survival();
    let logit = |p: f64| {
        let p = p.clamp(1e-6, 1.0 - 1e-6);
        libm::log(p / (1.0 - p))
    };
    let first = observed[1];
    let last = observed[observed.len() - 1];
    let floor_share = if first > 0.0 { 0.5 * last / first } else { 0.5 };
    let starts = [-1.0, 0.0, 1.0].map(|ln_c| [logit(first), angle(floor_share), ln_c]);
    search(steps, &starts, 0.5, 1e-7, 1e-9)
}

/// The fit from a nearby starting model (a bootstrap replicate).
pub fn refit(steps: &Steps, near: PowerLaw) -> Option<PowerLawEstimate> {
    if unfittable(steps).is_some() {
        return None;
    }
    let logit = |p: f64| {
        let p = p.clamp(1e-12, 1.0 - 1e-12);
        libm::log(p / (1.0 - p))
    };
    let first = near.floor + near.scale;
    let start = [
        logit(first),
        angle(near.floor / first),
        libm::log(near.exponent),
    ];
    search(steps, &[start], 0.1, 1e-4, 0.0)
}

/// Nelder–Mead from each start (its first simplex `step` wide) to
/// `tolerance`, the best of them polished to `polish` (none when 0).
fn search(
    steps: &Steps,
    starts: &[[f64; 3]],
    step: f64,
    tolerance: f64,
    polish: f64,
) -> Option<PowerLawEstimate> {
    let ln_t = log_periods(steps.len());
    let objective = |p: &[f64]| -> f64 {
        if p.iter().zip(BOUNDS).any(|(x, (lo, hi))| *x < lo || *x > hi) {
            return f64::INFINITY;
        }
        -PowerLaw::from_point(p).log_likelihood_with(steps, &ln_t)
    };
    let mut best: Option<Minimum> = None;
    for start in starts {
        let m = minimise_to(&objective, start, step, 800, tolerance);
        if best.as_ref().is_none_or(|b| m.value < b.value) {
            best = Some(m);
        }
    }
    let mut best = best.filter(|b| b.value.is_finite())?;
    if polish > 0.0 {
        // Restarting from where it stopped shakes off a collapsed simplex.
        let again = minimise_to(&objective, &best.point, 0.05, 800, polish);
        if again.value <= best.value {
            best = again;
        }
    }
    let model = PowerLaw::from_point(&best.point);
    Some(PowerLawEstimate {
        model,
        log_likelihood: -best.value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn survival_and_retention_by_hand() {
        let m = PowerLaw {
            floor: 0.2,
            scale: 0.6,
            exponent: 1.0,
        };
        // S(1) = 0.8, S(2) = 0.5, S(4) = 0.35; r(2) = 0.5 / 0.8.
        assert_eq!(m.survival(0), 1.0);
        assert!((m.survival(2) - 0.5).abs() < 1e-15);
        assert!((m.survival(4) - 0.35).abs() < 1e-15);
        assert!((m.retention(2) - 0.625).abs() < 1e-15);
    }

    #[test]
    fn a_curve_made_by_the_model_is_recovered() {
        let truth = PowerLaw {
            floor: 0.3,
            scale: 0.4,
            exponent: 0.7,
        };
        let survivors: Vec<f64> = (0..12).map(|t| 10_000.0 * truth.survival(t)).collect();
        let found = fit(&Steps::from_survivors(&survivors)).unwrap();
        assert!((found.model.floor - 0.3).abs() < 1e-3, "{:?}", found.model);
        assert!((found.model.exponent - 0.7).abs() < 1e-2);
        assert!(fit(&Steps::from_survivors(&[100.0, 50.0, 40.0])).is_none());
    }
}
