//! Interval estimates for the statistics the scoring reads: proportions
//! (Wilson), Net Promoter Scores (adjusted Wald, Rocks 2016) and mean ratings.
//!
//! All transcendental functions come from `libm`, so native and wasm builds
//! give bit-identical results. Square roots are `f64::sqrt`: IEEE 754 rounds
//! them exactly everywhere, and wasm has an instruction for them.

/// Two-sided standard normal quantile for a confidence level: 1.959964 for
/// 0.95. `level` must lie in (0, 1).
///
/// ```
/// let z = market_validation::stats::z_for_confidence(0.95);
/// assert!((z - 1.959964).abs() < 1e-6);
/// ```
pub fn z_for_confidence(level: f64) -> f64 {
    normal_quantile(0.5 + level / 2.0)
}

/// Inverse of the standard normal CDF (Acklam's rational approximation,
/// refined by one Halley step against `erfc`; error below 1e-12).
pub fn normal_quantile(p: f64) -> f64 {
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    const A: [f64; 6] = [
        -3.969683028665376e1,
        2.209460984245205e2,
        -2.759285104469687e2,
        1.383_577_518_672_69e2,
        -3.066479806614716e1,
        2.506628277459239,
    ];
    const B: [f64; 5] = [
        -5.447609879822406e1,
        1.615858368580409e2,
        -1.556989798598866e2,
        6.680131188771972e1,
        -1.328068155288572e1,
    ];
    const C: [f64; 6] = [
        -7.784894002430293e-3,
        -3.223964580411365e-1,
        -2.400758277161838,
        -2.549732539343734,
        4.374664141464968,
        2.938163982698783,
    ];
    const D: [f64; 4] = [
        7.784695709041462e-3,
        3.224671290700398e-1,
        2.445134137142996,
        3.754408661907416,
    ];
    let p_low = 0.02425;
    let x = if p < p_low {
        let q = f64::sqrt(-2.0 * libm::log(p));
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else if p <= 1.0 - p_low {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        let q = f64::sqrt(-2.0 * libm::log(1.0 - p));
        -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    // One Halley step: e is the CDF error at x.
    let e = 0.5 * libm::erfc(-x / std::f64::consts::SQRT_2) - p;
    let u = e * f64::sqrt(2.0 * std::f64::consts::PI) * libm::exp(x * x / 2.0);
    x - u / (1.0 + x * u / 2.0)
}

/// Standard normal CDF.
pub fn normal_cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x / std::f64::consts::SQRT_2)
}

/// Wilson score interval (1927) for `successes` out of `n` at quantile `z`.
/// Returns `(low, high)` inside [0, 1]; `(0, 1)` when `n` is 0.
///
/// ```
/// use market_validation::stats::wilson;
/// let (lo, hi) = wilson(40.0, 100.0, 1.959964);
/// assert!((lo - 0.3094).abs() < 1e-4 && (hi - 0.4980).abs() < 1e-4);
/// ```
pub fn wilson(successes: f64, n: f64, z: f64) -> (f64, f64) {
    // Fewer than one observation says nothing (and underflows below).
    if n < 1.0 || !n.is_finite() {
        return (0.0, 1.0);
    }
    let p = (successes / n).clamp(0.0, 1.0);
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = p + z2 / (2.0 * n);
    let half = z * f64::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
    let lo = ((centre - half) / denom).clamp(0.0, 1.0);
    let hi = ((centre + half) / denom).clamp(0.0, 1.0);
    (lo.min(p), hi.max(p))
}

/// An NPS estimate with its interval, on the -100..100 scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NpsEstimate {
    /// The NPS, 100 * (promoters - detractors) / n.
    pub score: f64,
    /// Standard error of the score (on -100..100), by the method used.
    pub standard_error: f64,
    /// Lower end of the interval, at least -100.
    pub low: f64,
    /// Upper end of the interval, at most 100.
    pub high: f64,
}

/// x squared, by multiplication: `powi` is not guaranteed to give the same
/// bits on every platform, and results must be bit-identical in wasm.
pub fn square(x: f64) -> f64 {
    x * x
}

/// NPS interval by the adjusted Wald method (Rocks 2016): add 3/4 of a
/// promoter and 3/4 of a detractor (3 answers in all) before the Wald
/// formula. Well behaved at small n and at the extremes, where plain Wald
/// collapses (10 promoters of 10 give [100, 100]).
///
/// ```
/// use market_validation::stats::nps_adjusted_wald;
/// let e = nps_adjusted_wald(10.0, 0.0, 0.0, 1.959964);
/// assert_eq!(e.score, 100.0);
/// assert!(e.low < 90.0 && e.high == 100.0);
/// ```
pub fn nps_adjusted_wald(promoters: f64, passives: f64, detractors: f64, z: f64) -> NpsEstimate {
    let n = promoters + passives + detractors;
    let score = nps_of_counts(promoters, passives, detractors);
    let n_adj = n + 3.0;
    let p = (promoters + 0.75) / n_adj;
    let d = (detractors + 0.75) / n_adj;
    let centre = p - d;
    let var = (p + d) - centre * centre;
    let se = f64::sqrt(var.max(0.0) / n_adj);
    NpsEstimate {
        score,
        standard_error: 100.0 * se,
        low: (100.0 * (centre - z * se)).clamp(-100.0, 100.0).min(score),
        high: (100.0 * (centre + z * se)).clamp(-100.0, 100.0).max(score),
    }
}

/// The NPS of answer counts, 100 * (promoters - detractors) / n on the
/// -100..100 scale; 0 when there are no answers.
pub fn nps_of_counts(promoters: f64, passives: f64, detractors: f64) -> f64 {
    let n = promoters + passives + detractors;
    if n > 0.0 {
        100.0 * (promoters - detractors) / n
    } else {
        0.0
    }
}

/// NPS interval when only the score and the number of answers are known.
/// The variance (p + d) - (p - d)^2 is largest when there are no passives,
/// so the answers are taken as promoters and detractors only (p + d = 1), the
/// most spread-out split that gives this score, and put through
/// [`nps_adjusted_wald`]: conservative, and well behaved at +-100.
pub fn nps_from_score(nps: f64, n: f64, z: f64) -> NpsEstimate {
    let promoter_share = ((1.0 + nps / 100.0) / 2.0).clamp(0.0, 1.0);
    let mut e = nps_adjusted_wald(promoter_share * n, 0.0, (1.0 - promoter_share) * n, z);
    e.score = nps;
    e.low = e.low.min(nps);
    e.high = e.high.max(nps);
    e
}

/// NPS interval by the plain Wald method: Var = (p + d) - (p - d)^2 on the
/// -1..1 scale, SE = sqrt(Var / n), score +- z SE clipped to -100..100.
/// Collapses at the extremes (10 promoters of 10 give [100, 100]): use
/// [`nps_adjusted_wald`] unless Wald is asked for.
pub fn nps_wald(promoters: f64, passives: f64, detractors: f64, z: f64) -> NpsEstimate {
    let n = promoters + passives + detractors;
    if n <= 0.0 {
        return NpsEstimate {
            score: 0.0,
            standard_error: 100.0,
            low: -100.0,
            high: 100.0,
        };
    }
    let (p, d) = (promoters / n, detractors / n);
    let var = nps_variance(p, d);
    let se = f64::sqrt(var / n);
    let score = 100.0 * (p - d);
    NpsEstimate {
        score,
        standard_error: 100.0 * se,
        low: (score - 100.0 * z * se).clamp(-100.0, 100.0),
        high: (score + 100.0 * z * se).clamp(-100.0, 100.0),
    }
}

/// Variance of one answer's NPS contribution (+1, 0, -1) on the -1..1 scale,
/// for promoter share `p` and detractor share `d`: (p + d) - (p - d)^2.
pub fn nps_variance(p: f64, d: f64) -> f64 {
    ((p + d) - (p - d) * (p - d)).max(0.0)
}

/// Answers needed for an NPS margin of error of `margin` points at quantile
/// `z`, for answers spread with `variance` (on the -1..1 scale):
/// n = z^2 Var / (margin / 100)^2, rounded up.
pub fn nps_sample_size(variance: f64, margin: f64, z: f64) -> f64 {
    if margin <= 0.0 {
        return f64::INFINITY;
    }
    let e = margin / 100.0;
    libm::ceil(z * z * variance / (e * e))
}

/// One-sided z test of H0: share <= `bar` for `successes` of `n`:
/// z = (p - bar) / sqrt(bar (1 - bar) / n). Returns (z, the one-sided
/// p-value P(Z >= z)).
pub fn one_sided_z_test(successes: f64, n: f64, bar: f64) -> (f64, f64) {
    if n <= 0.0 || bar <= 0.0 || bar >= 1.0 {
        return (0.0, 0.5);
    }
    let p = successes / n;
    let z = (p - bar) / f64::sqrt(bar * (1.0 - bar) / n);
    // P(Z >= z) straight from erfc: 1 - cdf(z) would round to 0 for large z.
    (z, 0.5 * libm::erfc(z / std::f64::consts::SQRT_2))
}

/// Interval for the difference of two independent proportions p2 - p1 by
/// Newcombe's hybrid score method (1998, method 10), built from each
/// proportion's Wilson interval. Returns (difference, low, high).
pub fn proportion_difference(s1: f64, n1: f64, s2: f64, n2: f64, z: f64) -> (f64, f64, f64) {
    let p1 = if n1 > 0.0 { s1 / n1 } else { 0.0 };
    let p2 = if n2 > 0.0 { s2 / n2 } else { 0.0 };
    let (l1, u1) = wilson(s1, n1, z);
    let (l2, u2) = wilson(s2, n2, z);
    let d = p2 - p1;
    let low = d - f64::sqrt((p2 - l2) * (p2 - l2) + (u1 - p1) * (u1 - p1));
    let high = d + f64::sqrt((u2 - p2) * (u2 - p2) + (p1 - l1) * (p1 - l1));
    (d, low.max(-1.0), high.min(1.0))
}

/// Mean, sample standard deviation and a normal-approximation interval
/// (mean +- z sd / sqrt(n)) of ratings given as counts per value
/// (`counts[i]` answers of `first + i`).
pub fn rating_moments(counts: &[u64], first: f64, z: f64) -> Option<(f64, f64, f64, f64)> {
    let n: f64 = counts.iter().map(|c| *c as f64).sum();
    if n <= 0.0 {
        return None;
    }
    let mean = counts
        .iter()
        .enumerate()
        .map(|(i, c)| (first + i as f64) * *c as f64)
        .sum::<f64>()
        / n;
    let ss: f64 = counts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let dev = first + i as f64 - mean;
            dev * dev * *c as f64
        })
        .sum();
    let sd = if n > 1.0 {
        f64::sqrt(ss / (n - 1.0))
    } else {
        0.0
    };
    let half = z * sd / f64::sqrt(n);
    Some((mean, sd, mean - half, mean + half))
}

/// Interval for a mean rating on a bounded scale from `n` answers when the
/// spread is unknown. The Bhatia-Davis inequality bounds the variance of any
/// distribution on [min, max] with mean m by (max - m)(m - min), so the
/// interval is conservative: as wide as the data could justify.
pub fn mean_rating_interval(mean: f64, n: f64, min: f64, max: f64, z: f64) -> (f64, f64) {
    if n <= 0.0 {
        return (min, max);
    }
    // One pseudo-answer at each end of the scale, as the adjusted Wald and
    // Agresti-Coull intervals add pseudo-observations: without them the bound
    // is 0 at the ends of the scale (a mean of 5 from 2 answers).
    let n_adj = n + 2.0;
    let centre = (mean * n + min + max) / n_adj;
    let var = ((max - centre) * (centre - min)).max(0.0);
    let half = z * f64::sqrt(var / n_adj);
    // `f64::clamp` without its check that min <= max (which the caller's
    // scale ensures), whose panic message would format floats in every part.
    let within = |x: f64| {
        if x < min {
            min
        } else if x > max {
            max
        } else {
            x
        }
    };
    (
        within(centre - half).min(mean),
        within(centre + half).max(mean),
    )
}

/// Holm's step-down adjustment of `p_values` for testing them all at once
/// (S. Holm, "A simple sequentially rejective multiple test procedure",
/// Scandinavian Journal of Statistics 6(2), 1979, pp. 65–70): with the m
/// p-values sorted ascending, the k-th (from 1) becomes the largest of
/// min(1, (m − j + 1) p_(j)) over j ≤ k. Rejecting where the adjusted value
/// is below α keeps the family-wise error at α. Returned in the input's
/// order; ties keep their input order; a NaN is treated as 1.
///
/// ```
/// use market_validation::stats::holm;
/// // m = 3: sorted 0.01, 0.02, 0.04 -> 0.03, max(0.03, 0.04) = 0.04, max(0.04, 0.04).
/// assert_eq!(holm(&[0.04, 0.01, 0.02]), vec![0.04, 0.03, 0.04]);
/// ```
pub fn holm(p_values: &[f64]) -> Vec<f64> {
    let m = p_values.len();
    let clean: Vec<f64> = p_values
        .iter()
        .map(|p| if p.is_nan() { 1.0 } else { p.clamp(0.0, 1.0) })
        .collect();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|a, b| clean[*a].total_cmp(&clean[*b]));
    let mut adjusted = vec![1.0; m];
    let mut running: f64 = 0.0;
    for (rank, &i) in order.iter().enumerate() {
        running = running.max(((m - rank) as f64 * clean[i]).min(1.0));
        adjusted[i] = running;
    }
    adjusted
}

/// The two-sided score test of a share against a fixed value `p0`
/// (`successes` of `n`): z = (p − p0) / sqrt(p0 (1 − p0) / n), the test the
/// Wilson interval inverts (the interval at quantile z excludes `p0` exactly
/// when the test's p-value is below its level). Returns (z, p-value); a `p0`
/// of 0 or 1 gives a p-value of 1 when the share equals it, else 0.
pub fn score_test(successes: f64, n: f64, p0: f64) -> (f64, f64) {
    if n <= 0.0 || !n.is_finite() {
        return (0.0, 1.0);
    }
    let p = (successes / n).clamp(0.0, 1.0);
    let var = p0 * (1.0 - p0) / n;
    if var <= 0.0 || !var.is_finite() {
        return if p == p0 {
            (0.0, 1.0)
        } else {
            (f64::INFINITY.copysign(p - p0), 0.0)
        };
    }
    let z = (p - p0) / f64::sqrt(var);
    (z, libm::erfc(z.abs() / std::f64::consts::SQRT_2))
}

/// Agresti–Coull ("adjusted Wald") interval for a proportion, `successes`
/// of `n` at normal quantile `z` (A. Agresti & B. A. Coull, "Approximate is
/// better than 'exact' for interval estimation of binomial proportions",
/// The American Statistician 52(2), 1998, pp. 119–126): z²/2 successes and
/// z²/2 failures added, p̃ = (x + z²/2) / (n + z²), p̃ ± z √(p̃(1 − p̃) / (n + z²)),
/// clipped to [0, 1]. Sauro & Lewis (2005) recommend it for task completion
/// rates at the sample sizes usability tests use. Returns (p̃, low, high);
/// fewer than one trial gives (0.5, 0, 1).
///
/// ```
/// use market_validation::stats::agresti_coull;
/// // Tullis & Albert (2008), p. 69: 4 of 5 gives 0.3596 to 0.9796.
/// let (_, low, high) = agresti_coull(4.0, 5.0, 1.959964);
/// assert!((low - 0.3596).abs() < 1e-4 && (high - 0.9796).abs() < 1e-4);
/// ```
pub fn agresti_coull(successes: f64, n: f64, z: f64) -> (f64, f64, f64) {
    if n < 1.0 || !n.is_finite() {
        return (0.5, 0.0, 1.0);
    }
    let z2 = z * z;
    let n_adj = n + z2;
    let centre = (successes + z2 / 2.0) / n_adj;
    let half = z * f64::sqrt(centre * (1.0 - centre) / n_adj);
    (centre, (centre - half).max(0.0), (centre + half).min(1.0))
}

/// A sample mean with its standard deviation and the half-width of its t
/// interval, mean ± t(1 − α/2, n − 1) · sd / √n.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MeanEstimate {
    /// The sample's size.
    pub n: usize,
    /// Its mean.
    pub mean: f64,
    /// Its standard deviation (n − 1) and the interval's half-width; `None`
    /// for one value, which has no spread to measure.
    pub spread: Option<(f64, f64)>,
}

impl MeanEstimate {
    /// The standard deviation, if measured.
    pub fn sd(&self) -> Option<f64> {
        self.spread.map(|(sd, _)| sd)
    }

    /// The t interval clipped to a scale's ends `[low, high]`, if measured.
    pub fn interval_within(&self, low: f64, high: f64) -> Option<[f64; 2]> {
        self.spread
            .map(|(_, half)| [(self.mean - half).max(low), (self.mean + half).min(high)])
    }
}

/// The mean of `values` with its t interval at `confidence`; `None` for no
/// values.
///
/// ```
/// use market_validation::stats::mean_t_interval;
/// let e = mean_t_interval(&[70.0, 80.0], 0.95).unwrap();
/// let (sd, half) = e.spread.unwrap();
/// assert_eq!(e.mean, 75.0);
/// assert!((half - 12.706205 * sd / 2f64.sqrt()).abs() < 1e-4);
/// ```
pub fn mean_t_interval(values: &[f64], confidence: f64) -> Option<MeanEstimate> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let count = n as f64;
    let mean = values.iter().sum::<f64>() / count;
    let spread = (n >= 2).then(|| {
        let ss: f64 = values.iter().map(|v| square(v - mean)).sum();
        let sd = f64::sqrt(ss / (count - 1.0));
        let half = t_for_confidence(confidence, count - 1.0) * sd / f64::sqrt(count);
        (sd, half)
    });
    Some(MeanEstimate { n, mean, spread })
}

/// Two-sided Student's t quantile for a confidence level with `df` degrees
/// of freedom: 2.570582 for 0.95 and 5. `level` must lie in (0, 1) and `df`
/// be positive; anything else gives NaN.
///
/// ```
/// let t = market_validation::stats::t_for_confidence(0.95, 5.0);
/// assert!((t - 2.570582).abs() < 1e-6);
/// ```
pub fn t_for_confidence(level: f64, df: f64) -> f64 {
    if !(level > 0.0 && level < 1.0) {
        return f64::NAN;
    }
    t_quantile(0.5 + level / 2.0, df)
}

/// Inverse of Student's t CDF with `df` degrees of freedom (`df` > 0, not
/// necessarily whole). Newton's method on [`t_cdf`] from the normal
/// quantile, kept within a bracket that halves when a step would leave it;
/// to about 1e-12 relative. NaN for `p` outside (0, 1) or `df` ≤ 0.
pub fn t_quantile(p: f64, df: f64) -> f64 {
    if !(p > 0.0 && p < 1.0 && df > 0.0) {
        return f64::NAN;
    }
    if p < 0.5 {
        return -t_quantile(1.0 - p, df);
    }
    if p == 0.5 {
        return 0.0;
    }
    // F(t) - p is increasing; [0, hi] brackets the root once F(hi) >= p.
    let (mut lo, mut hi) = (0.0, normal_quantile(p).max(1.0));
    while t_cdf(hi, df) < p {
        lo = hi;
        hi *= 2.0;
        if !hi.is_finite() {
            return f64::INFINITY;
        }
    }
    let mut t = normal_quantile(p).clamp(lo, hi);
    for _ in 0..200 {
        let f = t_cdf(t, df) - p;
        if f < 0.0 {
            lo = t;
        } else {
            hi = t;
        }
        let step = f / t_density(t, df);
        let mut next = t - step;
        if !(next > lo && next < hi) {
            next = 0.5 * (lo + hi);
        }
        if (next - t).abs() <= 1e-13 * next.abs().max(1.0) || hi - lo <= 1e-15 * hi {
            return next;
        }
        t = next;
    }
    t
}

/// Student's t CDF with `df` degrees of freedom, from the regularized
/// incomplete beta function (Abramowitz & Stegun 26.7.1 with 26.5.27):
/// P(T ≤ t) = 1 − I_x(df/2, 1/2) / 2 for t ≥ 0, with x = df / (df + t²).
pub fn t_cdf(t: f64, df: f64) -> f64 {
    if t.is_nan() || df.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    let x = df / (df + t * t);
    let tail = 0.5 * incomplete_beta(x, 0.5 * df, 0.5);
    if t >= 0.0 {
        1.0 - tail
    } else {
        tail
    }
}

/// Student's t density with `df` degrees of freedom.
fn t_density(t: f64, df: f64) -> f64 {
    let log_norm = libm::lgamma(0.5 * (df + 1.0))
        - libm::lgamma(0.5 * df)
        - 0.5 * libm::log(df * std::f64::consts::PI);
    libm::exp(log_norm - 0.5 * (df + 1.0) * libm::log1p(t * t / df))
}

/// The regularized incomplete beta function I_x(a, b), by its continued
/// fraction (Abramowitz & Stegun 26.5.8) evaluated with the modified Lentz
/// method, on the side of x where it converges fast (26.5.2:
/// I_x(a, b) = 1 − I_{1−x}(b, a)).
fn incomplete_beta(x: f64, a: f64, b: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    if x > (a + 1.0) / (a + b + 2.0) {
        return 1.0 - incomplete_beta(1.0 - x, b, a);
    }
    let log_front = libm::lgamma(a + b) - libm::lgamma(a) - libm::lgamma(b)
        + a * libm::log(x)
        + b * libm::log1p(-x);
    let front = libm::exp(log_front) / a;
    // Lentz: f = 1 + d1/(1 + d2/(1 + ...)), the d's of 26.5.8.
    const TINY: f64 = 1e-300;
    let (mut c, mut d) = (1.0, 1.0 - (a + b) * x / (a + 1.0));
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut f = d;
    for m in 1..=300 {
        let m = f64::from(m);
        let even = m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m));
        let odd = -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0));
        for coefficient in [even, odd] {
            d = 1.0 + coefficient * d;
            if d.abs() < TINY {
                d = TINY;
            }
            c = 1.0 + coefficient / c;
            if c.abs() < TINY {
                c = TINY;
            }
            d = 1.0 / d;
            f *= c * d;
        }
        if (c * d - 1.0).abs() < 1e-16 {
            break;
        }
    }
    front * f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agresti_coull_matches_published_examples_and_contains_wilson() {
        let z = z_for_confidence(0.95);
        // Tullis & Albert (2008), p. 69: p_adj 0.6696, 0.3596 to 0.9796
        // (four decimals, cut rather than rounded: 0.669655, 0.979679).
        let (centre, low, high) = agresti_coull(4.0, 5.0, z);
        assert!((centre - 0.6696).abs() < 1e-4);
        assert!((low - 0.3596).abs() < 1e-4 && (high - 0.9796).abs() < 1e-4);
        // Sauro & Lewis (2012): 7 of 10 "about 39% to 90%", 3 of 10 "about 10% to 61%".
        let (_, low, high) = agresti_coull(7.0, 10.0, z);
        assert!((low - 0.39).abs() < 0.005 && (high - 0.90).abs() < 0.005);
        let (_, low, high) = agresti_coull(3.0, 10.0, z);
        assert!((low - 0.10).abs() < 0.005 && (high - 0.61).abs() < 0.005);
        // All successes: clipped at 1 (the raw upper end is 1.043).
        let (_, low, high) = agresti_coull(10.0, 10.0, z);
        assert!((low - 0.679113).abs() < 1e-6 && high == 1.0);
        assert_eq!(agresti_coull(0.0, 0.0, z), (0.5, 0.0, 1.0));
        // It holds the observed share and Wilson's interval (whose centre it
        // shares), for every x of n up to 60 at several levels.
        for level in [0.5, 0.8, 0.9, 0.95, 0.99] {
            let z = z_for_confidence(level);
            for n in 1..=60 {
                for x in 0..=n {
                    let (x, n) = (f64::from(x), f64::from(n));
                    let (_, low, high) = agresti_coull(x, n, z);
                    let (wl, wh) = wilson(x, n, z);
                    assert!(low <= x / n && x / n <= high, "{x}/{n} at {level}");
                    assert!(
                        low <= wl + 1e-12 && wh <= high + 1e-12,
                        "{x}/{n} at {level}"
                    );
                }
            }
        }
    }

    #[test]
    fn t_quantiles_match_closed_forms_and_tables() {
        // df 1 (Cauchy) and 2 have closed forms.
        for i in 1..200 {
            let p = f64::from(i) / 200.0;
            let cauchy = libm::tan(std::f64::consts::PI * (p - 0.5));
            assert!(
                (t_quantile(p, 1.0) - cauchy).abs() <= 1e-9 * cauchy.abs().max(1.0),
                "{p}"
            );
            let two = (2.0 * p - 1.0) / f64::sqrt(2.0 * p * (1.0 - p));
            assert!(
                (t_quantile(p, 2.0) - two).abs() <= 1e-9 * two.abs().max(1.0),
                "{p}"
            );
        }
        // NIST/SEMATECH e-Handbook of Statistical Methods, 1.3.6.7.2 (critical
        // values of Student's t, three decimals): (df, upper tail, t).
        let table = [
            (1.0, 0.025, 12.706),
            (2.0, 0.025, 4.303),
            (4.0, 0.025, 2.776),
            (5.0, 0.025, 2.571),
            (5.0, 0.05, 2.015),
            (10.0, 0.025, 2.228),
            (10.0, 0.05, 1.812),
            (11.0, 0.025, 2.201),
            (30.0, 0.025, 2.042),
            (100.0, 0.025, 1.984),
            (100.0, 0.005, 2.626),
        ];
        for (df, tail, t) in table {
            assert!((t_quantile(1.0 - tail, df) - t).abs() < 5e-4, "{df} {tail}");
        }
        // Seven digits, computed independently (Python, by the issue's research).
        assert!((t_for_confidence(0.95, 5.0) - 2.5705818).abs() < 1e-6);
        assert!((t_for_confidence(0.95, 4.0) - 2.776445).abs() < 1e-6);
        assert!((t_for_confidence(0.95, 11.0) - 2.200985).abs() < 1e-6);
        assert!((t_for_confidence(0.95, 110.0) - 1.981765).abs() < 1e-6);
        // Many degrees of freedom: the normal quantile.
        assert!((t_for_confidence(0.95, 1e9) - z_for_confidence(0.95)).abs() < 1e-6);
        // The CDF inverts it; symmetric; bad arguments give NaN.
        for df in [0.5, 1.0, 3.0, 7.5, 29.0, 1000.0] {
            for i in 1..100 {
                let p = f64::from(i) / 100.0;
                let t = t_quantile(p, df);
                assert!((t_cdf(t, df) - p).abs() < 1e-12, "{df} {p}");
                assert_eq!(t_quantile(1.0 - p, df), -t_quantile(p, df));
            }
        }
        assert!(t_quantile(0.0, 5.0).is_nan() && t_quantile(0.5, 0.0).is_nan());
        assert!(t_for_confidence(1.0, 5.0).is_nan() && t_cdf(f64::NAN, 5.0).is_nan());
    }

    #[test]
    fn quantiles_match_tables() {
        assert!((z_for_confidence(0.95) - 1.959_963_984_540_054).abs() < 1e-12);
        assert!((z_for_confidence(0.90) - 1.644_853_626_951_472_2).abs() < 1e-12);
        assert!((z_for_confidence(0.99) - 2.575_829_303_548_900_4).abs() < 1e-12);
        assert!((normal_quantile(0.001) + 3.090_232_306_167_813_5).abs() < 1e-10);
        assert!((normal_cdf(1.959_963_984_540_054) - 0.975).abs() < 1e-12);
    }

    #[test]
    fn wilson_matches_published_example() {
        // Newcombe (1998), example: 81 of 263 -> 0.2553 to 0.3662 (Wilson).
        let (lo, hi) = wilson(81.0, 263.0, z_for_confidence(0.95));
        assert!((lo - 0.2553).abs() < 1e-4, "{lo}");
        assert!((hi - 0.3662).abs() < 1e-4, "{hi}");
        // 0 of 10 -> 0 to 0.2775 (Newcombe's table).
        let (lo, hi) = wilson(0.0, 10.0, z_for_confidence(0.95));
        assert_eq!(lo, 0.0);
        assert!((hi - 0.2775).abs() < 1e-4, "{hi}");
    }

    #[test]
    fn newcombe_method_10_matches_the_paper() {
        // Newcombe (1998b), Table II, example (a): 56/70 vs 48/80, method 10:
        // difference 0.2000, interval 0.0524 to 0.3339 (for p1 - p2).
        let (d, lo, hi) = proportion_difference(48.0, 80.0, 56.0, 70.0, z_for_confidence(0.95));
        assert!((d - 0.2).abs() < 1e-12);
        assert!((lo - 0.0524).abs() < 1e-4, "{lo}");
        assert!((hi - 0.3339).abs() < 1e-4, "{hi}");
    }

    #[test]
    fn one_sided_test_and_sample_size() {
        // 171 of 390 (43.8%) against 40%: z = (0.43846 - 0.4) / sqrt(0.24 / 390) = 1.550.
        let (z, p) = one_sided_z_test(171.0, 390.0, 0.4);
        assert!((z - 1.5504).abs() < 1e-3, "{z}");
        assert!((p - (1.0 - normal_cdf(z))).abs() < 1e-15);
        // metrics.md: about 850 answers for +-5 points at a typical spread (Var ~ 0.55).
        assert_eq!(nps_sample_size(0.5536, 5.0, z_for_confidence(0.95)), 851.0);
        let e = nps_wald(10.0, 0.0, 0.0, 1.96);
        assert_eq!(
            (e.low, e.high),
            (100.0, 100.0),
            "plain Wald collapses, as documented"
        );
    }

    #[test]
    fn rating_moments_by_hand() {
        // Ratings 1, 5, 5: mean 11/3, sd sqrt(((1-11/3)^2 + 2 (5-11/3)^2) / 2) = 2.3094.
        let (mean, sd, _, _) = rating_moments(&[1, 0, 0, 0, 2], 1.0, 1.96).unwrap();
        assert!((mean - 11.0 / 3.0).abs() < 1e-12);
        assert!((sd - 2.309_401_076_758_503).abs() < 1e-12);
    }

    #[test]
    fn extremes_keep_a_width() {
        let z = z_for_confidence(0.95);
        let e = nps_from_score(100.0, 5.0, z);
        assert_eq!(e.high, 100.0);
        assert!(e.low < 80.0, "{e:?}");
        let e = nps_from_score(-100.0, 5.0, z);
        assert!(e.high > -80.0 && e.low == -100.0, "{e:?}");
        let (lo, hi) = mean_rating_interval(5.0, 2.0, 1.0, 5.0, z);
        assert!(lo < 4.0 && hi == 5.0, "{lo} {hi}");
        assert_eq!(wilson(0.0, 5e-324, z), (0.0, 1.0));
        // More answers, a narrower interval.
        let (a, b) = (
            mean_rating_interval(4.2, 10.0, 1.0, 5.0, z),
            mean_rating_interval(4.2, 1000.0, 1.0, 5.0, z),
        );
        assert!(b.1 - b.0 < a.1 - a.0);
    }

    #[test]
    fn adjusted_wald_never_collapses() {
        let z = z_for_confidence(0.95);
        let e = nps_adjusted_wald(10.0, 0.0, 0.0, z);
        assert!(e.high - e.low > 10.0);
        // Hand computation: P=50, A=30, D=20; n'=103, p'=50.75/103, d'=20.75/103.
        let e = nps_adjusted_wald(50.0, 30.0, 20.0, z);
        let (p, d) = (50.75 / 103.0, 20.75 / 103.0);
        let se = (((p + d) - (p - d) * (p - d)) / 103.0_f64).sqrt();
        assert!((e.score - 30.0).abs() < 1e-12);
        assert!((e.low - 100.0 * ((p - d) - z * se)).abs() < 1e-9);
        assert!((e.standard_error - 100.0 * se).abs() < 1e-9);
    }

    #[test]
    fn holm_by_hand() {
        // Holm (1979)'s procedure on four p-values: sorted 0.005, 0.01, 0.03, 0.04
        // -> 4 x 0.005 = 0.02, 3 x 0.01 = 0.03, 2 x 0.03 = 0.06, max(0.06, 0.04) = 0.06.
        let adjusted = holm(&[0.03, 0.005, 0.04, 0.01]);
        let expected = [0.06, 0.02, 0.06, 0.03];
        for (a, e) in adjusted.iter().zip(expected) {
            assert!((a - e).abs() < 1e-15, "{adjusted:?}");
        }
        assert_eq!(holm(&[0.9, 0.6]), vec![1.0, 1.0]);
        assert_eq!(holm(&[f64::NAN, 0.01]), vec![1.0, 0.02]);
        assert!(holm(&[]).is_empty());
    }

    #[test]
    fn score_test_matches_wilson() {
        // 30 of 50 against 0.4: z = 0.2 / sqrt(0.24 / 50) = 2.8868; p = 0.00389.
        let (z, p) = score_test(30.0, 50.0, 0.4);
        assert!((z - 2.886_751_345_948_129).abs() < 1e-12);
        assert!((p - 0.003_892_417_122_778_637).abs() < 1e-9, "{p}");
        // The Wilson interval at the quantile of z's own level touches 0.4.
        let (lo, _) = wilson(30.0, 50.0, z);
        assert!((lo - 0.4).abs() < 1e-12, "{lo}");
        assert_eq!(score_test(0.0, 10.0, 0.0), (0.0, 1.0));
        assert_eq!(score_test(1.0, 10.0, 0.0).1, 0.0);
        assert_eq!(score_test(1.0, 0.0, 0.5), (0.0, 1.0));
    }
}
