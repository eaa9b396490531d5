//! Seeded random draws for the parametric bootstrap: the same seed gives
//! the same draws natively and in wasm (integer arithmetic, and `libm` for
//! the few transcendental functions).
//!
//! - Uniforms from SplitMix64 (Steele, Lea & Flood 2014, "Fast splittable
//!   pseudorandom number generators", OOPSLA), 53 bits each.
//! - Normals by the Box–Muller transform (1958).
//! - Binomials exactly, by inversion of the distribution function, when the
//!   mean of the rarer outcome is under 30; else by the normal
//!   approximation with continuity (rounded, clipped to 0..n), whose error
//!   at such means is far below the bootstrap's own.
//!
//! ```
//! use market_validation::retention::random::Random;
//! let (mut a, mut b) = (Random::new(7), Random::new(7));
//! assert_eq!(a.binomial(1000.0, 0.3), b.binomial(1000.0, 0.3));
//! ```

/// A seeded generator.
#[derive(Debug, Clone)]
pub struct Random {
    state: u64,
}

impl Random {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> Random {
        Random { state: seed }
    }

    /// The next 64 random bits (SplitMix64).
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform draw in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A standard normal draw (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u = 1.0 - self.uniform(); // (0, 1]
        let v = self.uniform();
        f64::sqrt(-2.0 * libm::log(u)) * libm::cos(2.0 * std::f64::consts::PI * v)
    }

    /// A Binomial(n, p) draw; `n` a whole number (rounded down otherwise).
    pub fn binomial(&mut self, n: f64, p: f64) -> f64 {
        let n = libm::floor(n.max(0.0));
        if n == 0.0 || p <= 0.0 {
            return 0.0;
        }
        if p >= 1.0 {
            return n;
        }
        let (q, flipped) = if p > 0.5 { (1.0 - p, true) } else { (p, false) };
        let x = if n * q < 30.0 {
            // Inversion: walk up the distribution function.
            let u = self.uniform();
            let ratio = q / (1.0 - q);
            let mut pmf = libm::pow(1.0 - q, n);
            let (mut cdf, mut x) = (pmf, 0.0);
            while u > cdf && x < n {
                pmf *= (n - x) / (x + 1.0) * ratio;
                x += 1.0;
                cdf += pmf;
                if pmf == 0.0 && x > n * q {
                    break; // rounding left u above the total
                }
            }
            x
        } else {
            let sd = f64::sqrt(n * q * (1.0 - q));
            libm::round(n * q + sd * self.normal()).clamp(0.0, n)
        };
        if flipped {
            n - x
        } else {
            x
        }
    }
}

/// The `p` quantile (0..1) of sorted values, interpolating linearly between
/// order statistics (Hyndman & Fan's type 7, numpy's default).
pub fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let h = last as f64 * p.clamp(0.0, 1.0);
    let i = libm::floor(h) as usize;
    let j = (i + 1).min(last);
    Some(sorted[i] + (h - i as f64) * (sorted[j] - sorted[i]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_reference_values() {
        // SplitMix64 from seed 0: the reference implementation's first output.
        assert_eq!(Random::new(0).next_u64(), 0xE220_A839_7B1D_CDAF);
    }

    #[test]
    fn binomial_draws_have_the_right_mean_and_variance() {
        let mut r = Random::new(11);
        for (n, p) in [(20.0, 0.3), (1_000.0, 0.01), (100_000.0, 0.4), (50.0, 0.97)] {
            let draws: Vec<f64> = (0..20_000).map(|_| r.binomial(n, p)).collect();
            let mean = draws.iter().sum::<f64>() / draws.len() as f64;
            let var = draws.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / draws.len() as f64;
            let (m, v) = (n * p, n * p * (1.0 - p));
            // Within 5 standard errors of the mean; variance within 10%.
            assert!(
                (mean - m).abs() < 5.0 * (v / 20_000.0).sqrt(),
                "{n} {p}: {mean}"
            );
            assert!((var / v - 1.0).abs() < 0.1, "{n} {p}: {var} vs {v}");
            assert!(draws
                .iter()
                .all(|x| *x >= 0.0 && *x <= n && x.fract() == 0.0));
        }
    }

    #[test]
    fn quantiles_interpolate() {
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile(&v, 0.5), Some(2.5));
        assert_eq!(quantile(&v, 0.0), Some(1.0));
        assert_eq!(quantile(&[], 0.5), None);
    }
}
