//! The shifted-beta-geometric (sBG) model of Fader & Hardie (2007, "How to
//! project customer retention", Journal of Interactive Marketing 21(1):76–90).
//!
//! Each customer churns at the end of each period with their own constant
//! probability θ (a geometric lifetime, shifted to start at period 1), and
//! θ varies across customers as Beta(α, β). The cohort's retention then rises
//! with tenure, because the churn-prone leave first:
//!
//! - `r(t) = (β + t - 1) / (α + β + t - 1)`, the share of period t - 1's
//!   survivors still active in period t;
//! - `S(t) = B(α, β + t) / B(α, β) = r(1) ... r(t)`, the share still active
//!   after t periods;
//! - `P(T = t) = B(α + 1, β + t - 1) / B(α, β)`.
//!
//! Its survival always tends to 0: it has no floor, and it assumes nobody
//! comes back (fit it to "on or after" retention, never to "on").
//!
//! The maximum-likelihood fit works on (ln α, ln β): a Nelder–Mead search
//! ([`super::optimise`]) then Newton steps with the analytic gradient and
//! Hessian of `ln L = sum_k y_k ln(β + k - 1) + (m_k - y_k) ln α - m_k ln(α + β + k - 1)`
//! (the likelihood of [`Steps`]).
//!
//! ```
//! use market_validation::retention::{sbg, steps::Steps};
//! // Fader & Hardie's "regular" customers, years 0 to 7.
//! let s = Steps::from_survivors(&[1000.0, 631.0, 468.0, 382.0, 326.0, 289.0, 262.0, 241.0]);
//! let fit = sbg::fit(&s).unwrap();
//! assert_eq!(format!("{:.3} {:.3}", fit.model.alpha, fit.model.beta), "0.704 1.182");
//! ```

use super::optimise::minimise;
use super::steps::Steps;

/// Search bounds of ln α and ln β: e^-10 to e^12 (4.5e-5 to 1.6e5). Beyond
/// them the likelihood is flat to within rounding: both large is a cohort
/// of one churn probability (no heterogeneity), α tiny is churn that stops.
pub const LOG_BOUND: (f64, f64) = (-10.0, 12.0);

/// The model's two parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sbg {
    /// α of the Beta distribution of churn probabilities.
    pub alpha: f64,
    /// β of the Beta distribution of churn probabilities.
    pub beta: f64,
}

impl Sbg {
    /// The retention from period t - 1 to t (t >= 1).
    pub fn retention(&self, t: usize) -> f64 {
        let k = t as f64 - 1.0;
        (self.beta + k) / (self.alpha + self.beta + k)
    }

    /// The share still active after t periods (1 at t = 0): the product of
    /// the retentions up to 10,000 periods, the ratio of beta functions by
    /// ln Γ beyond.
    pub fn survival(&self, t: u64) -> f64 {
        if t <= 10_000 {
            (1..=t as usize).map(|k| self.retention(k)).product()
        } else {
            let (a, b, t) = (self.alpha, self.beta, t as f64);
            libm::exp(
                libm::lgamma(b + t) - libm::lgamma(b) + libm::lgamma(a + b)
                    - libm::lgamma(a + b + t),
            )
        }
    }

    /// The half-life: the first whole period after which at most half the
    /// cohort is left, if within a billion periods.
    pub fn half_life(&self) -> Option<u64> {
        const LIMIT: u64 = 1_000_000_000;
        let mut high = 1u64;
        while self.survival(high) > 0.5 {
            if high >= LIMIT {
                return None;
            }
            high = (high * 2).min(LIMIT);
        }
        let mut low = high / 2; // survival(low) > 0.5, or low = 0
        while high - low > 1 {
            let mid = low + (high - low) / 2;
            if self.survival(mid) > 0.5 {
                low = mid;
            } else {
                high = mid;
            }
        }
        Some(high)
    }

    /// The log-likelihood of the steps.
    pub fn log_likelihood(&self, steps: &Steps) -> f64 {
        steps.log_likelihood(&|k| self.retention(k))
    }
}

/// A maximum-likelihood fit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SbgEstimate {
    /// The estimates.
    pub model: Sbg,
    /// The log-likelihood there.
    pub log_likelihood: f64,
    /// True when a parameter sits on its search bound ([`LOG_BOUND`]): the
    /// data fit a limit of the model (one churn probability for everyone,
    /// or churn that stops).
    pub at_bound: bool,
}

/// Why a curve cannot be fitted ([`Steps::unfittable`] for 2 parameters).
pub fn unfittable(steps: &Steps) -> Option<String> {
    steps.unfittable(2)
}

/// The maximum-likelihood sBG fit to `steps`, or `None` when it has no
/// finite maximum ([`unfittable`]).
pub fn fit(steps: &Steps) -> Option<SbgEstimate> {
    if unfittable(steps).is_some() {
        return None;
    }
    // Start at α = 1 and β matching the first period's retention.
    let r1 = (steps.survived[0] / steps.at_risk[0]).clamp(0.01, 0.99);
    let start = [0.0, libm::log(r1 / (1.0 - r1))];
    Some(search(steps, &start, 1.0, 1000))
}

/// Nelder–Mead from `start` (its first simplex `step` wide, at most
/// `budget` evaluations), then Newton.
fn search(steps: &Steps, start: &[f64], step: f64, budget: usize) -> SbgEstimate {
    let objective = |p: &[f64]| -> f64 {
        if p.iter().any(|x| *x < LOG_BOUND.0 || *x > LOG_BOUND.1) {
            return f64::INFINITY;
        }
        -log_likelihood_at(steps, p[0], p[1])
    };
    let coarse = minimise(&objective, start, step, budget);
    estimate(steps, newton(steps, (coarse.point[0], coarse.point[1])))
}

/// The fit from a starting point near the maximum (a bootstrap replicate,
/// started at the original estimate): Newton steps, with the Nelder–Mead
/// search as the fallback when they do not improve on the start.
pub fn refit(steps: &Steps, near: Sbg) -> Option<SbgEstimate> {
    if unfittable(steps).is_some() {
        return None;
    }
    let start = (libm::log(near.alpha), libm::log(near.beta));
    let found = estimate(steps, newton(steps, start));
    let (u, v) = (libm::log(found.model.alpha), libm::log(found.model.beta));
    let grad = gradient(steps, u, v).0;
    if found.at_bound || grad.0.abs() + grad.1.abs() < 1e-4 * (1.0 + steps.start()) {
        return Some(found);
    }
    // Newton stalled away from the maximum: the simplex from the same start.
    Some(search(steps, &[start.0, start.1], 0.5, 300))
}

fn estimate(steps: &Steps, (u, v): (f64, f64)) -> SbgEstimate {
    let near = |x: f64| x - LOG_BOUND.0 < 1e-3 || LOG_BOUND.1 - x < 1e-3;
    let model = Sbg {
        alpha: libm::exp(u),
        beta: libm::exp(v),
    };
    SbgEstimate {
        log_likelihood: model.log_likelihood(steps),
        model,
        at_bound: near(u) || near(v),
    }
}

fn log_likelihood_at(steps: &Steps, u: f64, v: f64) -> f64 {
    Sbg {
        alpha: libm::exp(u),
        beta: libm::exp(v),
    }
    .log_likelihood(steps)
}

/// The gradient and Hessian of ln L in (ln α, ln β).
#[allow(clippy::type_complexity)]
fn gradient(steps: &Steps, u: f64, v: f64) -> ((f64, f64), (f64, f64, f64)) {
    let (a, b) = (libm::exp(u), libm::exp(v));
    let (mut ga, mut gb, mut haa, mut hbb, mut hab) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for (i, (m, y)) in steps.at_risk.iter().zip(&steps.survived).enumerate() {
        let k = i as f64;
        let (bk, d) = (b + k, a + b + k);
        let churn = m - y;
        ga += churn / a - m / d;
        gb += y / bk - m / d;
        let md2 = m / (d * d);
        haa += -churn / (a * a) + md2;
        hbb += -y / (bk * bk) + md2;
        hab += md2;
    }
    // Chain rule to log-parameters: d/du = a d/da, d2/du2 = a^2 d2/da2 + a d/da.
    (
        (a * ga, b * gb),
        (a * a * haa + a * ga, b * b * hbb + b * gb, a * b * hab),
    )
}

/// Newton's method on (ln α, ln β) with step halving; a gradient step where
/// the Hessian is not negative definite. Stays within [`LOG_BOUND`].
fn newton(steps: &Steps, start: (f64, f64)) -> (f64, f64) {
    let (mut u, mut v) = start;
    let mut ll = log_likelihood_at(steps, u, v);
    for _ in 0..100 {
        let ((gu, gv), (huu, hvv, huv)) = gradient(steps, u, v);
        let det = huu * hvv - huv * huv;
        let (mut du, mut dv) = if huu < 0.0 && det > 0.0 {
            (-(hvv * gu - huv * gv) / det, -(huu * gv - huv * gu) / det)
        } else {
            let norm = f64::sqrt(gu * gu + gv * gv).max(1e-300);
            (gu / norm, gv / norm)
        };
        let mut improved = false;
        for _ in 0..60 {
            let (nu, nv) = (
                (u + du).clamp(LOG_BOUND.0, LOG_BOUND.1),
                (v + dv).clamp(LOG_BOUND.0, LOG_BOUND.1),
            );
            let nll = log_likelihood_at(steps, nu, nv);
            if nll >= ll {
                let moved = (nu - u).abs() + (nv - v).abs();
                // Crawling along a flat ridge (both parameters large: one
                // churn probability for all) gains nothing: stop there.
                let gain = nll - ll;
                (u, v, ll) = (nu, nv, nll);
                if moved < 1e-13 || gain <= 1e-13 * (1.0 + ll.abs()) {
                    return (u, v);
                }
                improved = true;
                break;
            }
            du *= 0.5;
            dv *= 0.5;
        }
        if !improved {
            break;
        }
    }
    (u, v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retention_and_survival_by_hand() {
        // α = 1, β = 2: r(1) = 2/3, r(2) = 3/4, S(2) = 1/2 -> half-life 2.
        let m = Sbg {
            alpha: 1.0,
            beta: 2.0,
        };
        assert!((m.retention(1) - 2.0 / 3.0).abs() < 1e-15);
        assert!((m.survival(2) - 0.5).abs() < 1e-15);
        assert_eq!(m.half_life(), Some(2));
        // S(t) = B(1, 2 + t) / B(1, 2) = 2 / (2 + t) for α = 1, β = 2; by ln Γ far out.
        assert!((m.survival(20_000) - 2.0 / 20_002.0).abs() < 1e-12);
        assert!((m.survival(9_998) - 2.0 / 10_000.0).abs() < 1e-12);
    }

    #[test]
    fn gradient_matches_finite_differences() {
        let s = Steps::from_survivors(&[1000.0, 631.0, 468.0, 382.0, 326.0]);
        let (u, v) = (-0.3, 0.4);
        let ((gu, gv), (huu, hvv, huv)) = gradient(&s, u, v);
        let h = 1e-5;
        let f = |u: f64, v: f64| log_likelihood_at(&s, u, v);
        assert!((gu - (f(u + h, v) - f(u - h, v)) / (2.0 * h)).abs() < 1e-4);
        assert!((gv - (f(u, v + h) - f(u, v - h)) / (2.0 * h)).abs() < 1e-4);
        let g = |u: f64, v: f64| gradient(&s, u, v).0;
        assert!((huu - (g(u + h, v).0 - g(u - h, v).0) / (2.0 * h)).abs() < 1e-3);
        assert!((hvv - (g(u, v + h).1 - g(u, v - h).1) / (2.0 * h)).abs() < 1e-3);
        assert!((huv - (g(u, v + h).0 - g(u, v - h).0) / (2.0 * h)).abs() < 1e-3);
    }

    #[test]
    fn curves_without_a_finite_maximum_are_refused() {
        assert!(fit(&Steps::from_survivors(&[100.0, 100.0, 100.0])).is_none());
        assert!(fit(&Steps::from_survivors(&[100.0, 0.0, 0.0])).is_none());
        assert!(fit(&Steps::from_survivors(&[100.0, 50.0])).is_none());
    }
}
