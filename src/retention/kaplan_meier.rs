//! The Kaplan–Meier estimate of a survivor function from right-censored
//! times (Kaplan & Meier 1958, "Nonparametric estimation from incomplete
//! observations", JASA 53:457–481), its pointwise variance by Greenwood's
//! formula (Greenwood 1926), and a quantile with its confidence interval by
//! Brookmeyer & Crowley (1982, "A confidence interval for the median
//! survival time", Biometrics 38:29–41), inverting the z-test on the
//! log(-log) scale as SAS PROC LIFETEST and statsmodels do. Time to
//! adoption uses it: users not yet activated are censored at the as-of day.
//!
//! ```
//! use market_validation::retention::kaplan_meier::kaplan_meier;
//! // Days to activation; `false`: not activated yet, followed that long.
//! let km = kaplan_meier(&[1.0, 2.0, 2.0, 3.0, 5.0], &[true, true, false, true, false]);
//! assert_eq!(km.times, [1.0, 2.0, 3.0]);
//! assert!((km.survival[2] - 0.3).abs() < 1e-12); // 0.8 x 3/4 x 1/2
//! assert_eq!(km.median(), Some(3.0));
//! ```

/// A Kaplan–Meier survivor curve: one step per distinct event time.
#[derive(Debug, Clone, PartialEq)]
pub struct KaplanMeier {
    /// The distinct times at which an event happened, ascending.
    pub times: Vec<f64>,
    /// Those at risk just before each time (not yet an event, not censored earlier).
    pub at_risk: Vec<u64>,
    /// Events at each time.
    pub events: Vec<u64>,
    /// The estimated share still without the event just after each time.
    pub survival: Vec<f64>,
    /// Greenwood's variance of each `survival`.
    pub variance: Vec<f64>,
}

/// The Kaplan–Meier curve of `durations`, each an event time when
/// `observed` is true, else a censoring time (followed that long, no event
/// yet). A censored time equal to an event time counts as at risk at it.
/// Pairs with a non-finite or negative duration are left out; the caller
/// checks its input. Lengths must match (extra items are ignored).
pub fn kaplan_meier(durations: &[f64], observed: &[bool]) -> KaplanMeier {
    let mut items: Vec<(f64, bool)> = durations
        .iter()
        .zip(observed)
        .filter(|(d, _)| d.is_finite() && **d >= 0.0)
        .map(|(d, o)| (*d, *o))
        .collect();
    items.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut steps = Vec::new();
    let mut at_risk = items.len() as u64;
    let mut i = 0;
    while i < items.len() {
        let t = items[i].0;
        let (mut events, mut leaving) = (0u64, 0u64);
        while i < items.len() && items[i].0 == t {
            events += u64::from(items[i].1);
            leaving += 1;
            i += 1;
        }
        steps.push((t, at_risk, events));
        at_risk -= leaving;
    }
    KaplanMeier::from_steps(steps)
}

impl KaplanMeier {
    /// The curve from its life table: for each distinct time, ascending,
    /// those at risk just before it and the events at it (times without an
    /// event are passed over). Callers who can count those at risk without
    /// sorting every subject (the events analysis, over millions of users)
    /// build the table themselves.
    pub fn from_steps(steps: impl IntoIterator<Item = (f64, u64, u64)>) -> KaplanMeier {
        let steps = steps.into_iter();
        // Room for every step at once: a curve can have a million.
        let n = steps.size_hint().0;
        let mut curve = KaplanMeier {
            times: Vec::with_capacity(n),
            at_risk: Vec::with_capacity(n),
            events: Vec::with_capacity(n),
            survival: Vec::with_capacity(n),
            variance: Vec::with_capacity(n),
        };
        let (mut s, mut greenwood) = (1.0f64, 0.0f64);
        for (t, at_risk, events) in steps {
            if events == 0 || at_risk == 0 {
                continue;
            }
            let (n, d) = (at_risk as f64, events.min(at_risk) as f64);
            s *= 1.0 - d / n;
            // Greenwood: Var S(t) = S(t)^2 * sum d / (n (n - d)); the sum is
            // infinite once everyone at risk has had the event (S = 0).
            greenwood += if n > d {
                d / (n * (n - d))
            } else {
                f64::INFINITY
            };
            curve.times.push(t);
            curve.at_risk.push(at_risk);
            curve.events.push(events);
            curve.survival.push(s);
            curve
                .variance
                .push(if s > 0.0 { s * s * greenwood } else { 0.0 });
        }
        curve
    }

    /// The `p` quantile of the time to the event (0.5: the median): the
    /// first event time at which the estimated survival is at most 1 - p (as
    /// lifelines reads it; SAS and statsmodels ask for strictly below);
    /// `None` when the curve never gets that low.
    pub fn quantile(&self, p: f64) -> Option<f64> {
        let target = 1.0 - p;
        self.survival
            .iter()
            .position(|s| *s <= target + 1e-12)
            .map(|i| self.times[i])
    }

    /// The estimated survival at time `t` (just after it), with its 95%
    /// pointwise interval on the log(-log) scale (as lifelines and
    /// statsmodels give it): 1 before the first event.
    pub fn survival_at(&self, t: f64, level: f64) -> (f64, [f64; 2]) {
        let steps = self.times.partition_point(|x| *x <= t);
        if steps == 0 {
            return (1.0, [1.0, 1.0]);
        }
        let (s, v) = (self.survival[steps - 1], self.variance[steps - 1]);
        if !(s > 0.0 && s < 1.0 && v.is_finite()) {
            return (s, [s, s]);
        }
        let z = crate::stats::z_for_confidence(level);
        let se_g = f64::sqrt(v) / (s * libm::fabs(libm::log(s)));
        let g = libm::log(-libm::log(s));
        let back = |x: f64| libm::exp(-libm::exp(x));
        (s, [back(g + z * se_g), back(g - z * se_g)])
    }

    /// The median time to the event ([`KaplanMeier::quantile`] at 0.5).
    pub fn median(&self) -> Option<f64> {
        self.quantile(0.5)
    }

    /// The confidence interval of the `p` quantile at `level` (0.95),
    /// Brookmeyer–Crowley on the log(-log) scale: the event times whose
    /// survival does not differ from 1 - p by the z-test, with
    /// se(log(-log S)) = sqrt(Var S) / (S |log S|) (delta method). The lower
    /// limit is the first such time; the upper one the event time after the
    /// last such time, or `None` (unbounded) when that is the last. `None,
    /// None` when no time qualifies.
    ///
    /// Only the steps that can qualify are tested, so a curve of a million
    /// steps costs a few hundred: writing L = -log S (non-decreasing) and W
    /// for Greenwood's sum Var S / S^2 (non-decreasing), a step qualifies
    /// when |log(L / Lt)| <= z sqrt(W) / L. After the quantile's step L >= Lt
    /// and the left side grows, while the right is at most z sqrt(Wmax) / Lt:
    /// once past that bound no later step qualifies. Before it, L <= Lt and
    /// a qualifying step has L log(Lt / L) <= z sqrt(W) at that step, a
    /// function of L that rises from 0 to Lt / e then falls back to 0: only
    /// the steps with L below its first crossing of the bound, or above its
    /// second, are tested.
    pub fn quantile_interval(&self, p: f64, level: f64) -> (Option<f64>, Option<f64>) {
        let z = crate::stats::z_for_confidence(level);
        let target = 1.0 - p;
        let lt = -libm::log(target);
        let n = self.times.len();
        let qualifies = |i: usize| self.qualifies(i, lt, z);
        // Greenwood's sum where it is finite (S > 0), non-decreasing.
        let sum = |i: usize| self.variance[i] / (self.survival[i] * self.survival[i]);
        let finite = self.survival.partition_point(|s| *s > 0.0);
        if !(lt > 0.0 && lt.is_finite()) || finite == 0 {
            return (None, None);
        }
        let m = self.survival.partition_point(|s| *s > target + 1e-12);
        // Before the quantile's step: the two ranges of L that can qualify.
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        if m > 0 {
            let bound = z * f64::sqrt(sum(m.min(finite) - 1));
            let f = |l: f64| l * libm::log(lt / l);
            let peak = lt / std::f64::consts::E;
            if bound >= f(peak) {
                ranges.push((0, m));
            } else {
                // f rises on (0, peak] and falls on [peak, lt): bisect each side.
                let cross = |mut lo: f64, mut hi: f64, rising: bool| {
                    for _ in 0..200 {
                        let mid = 0.5 * (lo + hi);
                        if (f(mid) <= bound) == rising {
                            lo = mid;
                        } else {
                            hi = mid;
                        }
                    }
                    if rising {
                        hi
                    } else {
                        lo
                    }
                };
                // Widened a little, so that rounding never leaves a step out.
                let l1 = cross(0.0, peak, true) * (1.0 + 1e-9);
                let l2 = cross(peak, lt, false) * (1.0 - 1e-9);
                let below = self.survival[..m].partition_point(|s| -libm::log(*s) <= l1);
                let above = self.survival[..m].partition_point(|s| -libm::log(*s) < l2);
                ranges.push((0, below));
                ranges.push((above.max(below), m));
            }
        }
        // From the quantile's step: until log(L / Lt) passes the bound.
        if m < n {
            let limit = z * f64::sqrt(sum(finite - 1)) / lt;
            let stop = m + self.survival[m..].partition_point(|s| {
                *s > 0.0 && libm::log(-libm::log(*s) / lt) <= limit * (1.0 + 1e-9)
            });
            ranges.push((m, stop));
        }
        let mut first = None;
        let mut last = None;
        for &(from, to) in &ranges {
            for i in from..to {
                if qualifies(i) {
                    first.get_or_insert(i);
                    last = Some(i);
                }
            }
        }
        let (Some(first), Some(last)) = (first, last) else {
            return (None, None);
        };
        (Some(self.times[first]), self.times.get(last + 1).copied())
    }

    /// Whether step `i`'s survival does not differ from the target's (whose
    /// -log is `lt`) by the z-test on the log(-log) scale.
    fn qualifies(&self, i: usize, lt: f64, z: f64) -> bool {
        let s = self.survival[i];
        let se = f64::sqrt(self.variance[i]);
        if !(s > 0.0 && s < 1.0 && se > 0.0 && se.is_finite()) {
            return false;
        }
        let l = -libm::log(s);
        let se_g = se / (s * l);
        libm::fabs(libm::log(l) - libm::log(lt)) <= z * se_g
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Freireich et al. (1963), the 6-MP group of the leukaemia remission
    /// trial, weeks in remission (`false`: still in remission, censored):
    /// the data of Gehan (1965) and of Kaplan–Meier's textbook examples
    /// (Kleinbaum & Klein, Survival Analysis, 3rd ed., table 2.2).
    fn six_mp() -> (Vec<f64>, Vec<bool>) {
        let data: [(f64, bool); 21] = [
            (6.0, true),
            (6.0, true),
            (6.0, true),
            (6.0, false),
            (7.0, true),
            (9.0, false),
            (10.0, true),
            (10.0, false),
            (11.0, false),
            (13.0, true),
            (16.0, true),
            (17.0, false),
            (19.0, false),
            (20.0, false),
            (22.0, true),
            (23.0, true),
            (25.0, false),
            (32.0, false),
            (32.0, false),
            (34.0, false),
            (35.0, false),
        ];
        data.iter().copied().unzip()
    }

    #[test]
    fn the_textbook_six_mp_curve() {
        let (t, e) = six_mp();
        let km = kaplan_meier(&t, &e);
        assert_eq!(km.times, [6.0, 7.0, 10.0, 13.0, 16.0, 22.0, 23.0]);
        assert_eq!(km.at_risk, [21, 17, 15, 12, 11, 7, 6]);
        assert_eq!(km.events, [3, 1, 1, 1, 1, 1, 1]);
        // The textbook's S(t), to its three decimals.
        let published = [0.857, 0.807, 0.753, 0.690, 0.627, 0.538, 0.448];
        for (s, p) in km.survival.iter().zip(published) {
            assert!((s - p).abs() < 5e-4, "{s} vs {p}");
        }
        assert_eq!(km.median(), Some(23.0));
    }

    #[test]
    fn against_statsmodels() {
        // statsmodels 0.15 SurvfuncRight on the same data (the script in
        // tests/fixtures/survival/statsmodels_six_mp.py): surv_prob_se, and
        // quantile_ci(0.5, alpha=0.05, method="cloglog").
        let (t, e) = six_mp();
        let km = kaplan_meier(&t, &e);
        let se: Vec<f64> = km.variance.iter().map(|v| v.sqrt()).collect();
        for (a, b) in se.iter().zip(STATSMODELS_SE) {
            assert!((a - b).abs() < 1e-12, "{a} vs {b}");
        }
        for (a, b) in km.survival.iter().zip(STATSMODELS_SURVIVAL) {
            assert!((a - b).abs() < 1e-15, "{a} vs {b}");
        }
        assert_eq!(km.quantile_interval(0.5, 0.95), STATSMODELS_MEDIAN_CI);
    }

    /// statsmodels' figures (see `against_statsmodels`); its interval
    /// (13, inf): no upper limit.
    const STATSMODELS_SURVIVAL: [f64; 7] = [
        0.8571428571428572,
        0.8067226890756303,
        0.7529411764705883,
        0.6901960784313725,
        0.6274509803921569,
        0.5378151260504203,
        0.44817927170868355,
    ];
    const STATSMODELS_SE: [f64; 7] = [
        0.07636035483212125,
        0.0869352851800572,
        0.09634965299432052,
        0.10681470777500983,
        0.11405386525675254,
        0.12823375169303403,
        0.13459145675576048,
    ];
    const STATSMODELS_MEDIAN_CI: (Option<f64>, Option<f64>) = (Some(13.0), None);

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        // The product-limit definition, by brute force at each distinct
        // event time: those at risk counted afresh, not carried along.
        #[test]
        fn matches_the_definition(items in proptest::collection::vec((0u8..20, proptest::bool::ANY), 0..60)) {
            let t: Vec<f64> = items.iter().map(|(d, _)| f64::from(*d)).collect();
            let e: Vec<bool> = items.iter().map(|(_, o)| *o).collect();
            let km = kaplan_meier(&t, &e);
            let mut event_times: Vec<f64> = t.iter().zip(&e).filter(|(_, o)| **o).map(|(d, _)| *d).collect();
            event_times.sort_by(f64::total_cmp);
            event_times.dedup();
            proptest::prop_assert_eq!(&km.times, &event_times);
            let mut s = 1.0;
            for (i, time) in event_times.iter().enumerate() {
                let n = t.iter().filter(|d| **d >= *time).count() as f64;
                let d = t.iter().zip(&e).filter(|(x, o)| **o && **x == *time).count() as f64;
                s *= 1.0 - d / n;
                proptest::prop_assert!((km.survival[i] - s).abs() < 1e-12);
            }
            let median = event_times.iter().zip(&km.survival).find(|(_, s)| **s <= 0.5 + 1e-12).map(|(t, _)| *t);
            proptest::prop_assert_eq!(km.median(), median);
        }
    }

    /// The interval by testing every step, as statsmodels does.
    fn interval_by_every_step(km: &KaplanMeier, p: f64) -> (Option<f64>, Option<f64>) {
        let z = crate::stats::z_for_confidence(0.95);
        let g = |x: f64| (-x.ln()).ln();
        let inside: Vec<usize> = (0..km.times.len())
            .filter(|&i| {
                let (s, se) = (km.survival[i], km.variance[i].sqrt());
                s > 0.0
                    && s < 1.0
                    && se > 0.0
                    && se.is_finite()
                    && ((g(s) - g(1.0 - p)) / (se / (s * s.ln().abs()))).abs() <= z
            })
            .collect();
        match (inside.first(), inside.last()) {
            (Some(&a), Some(&b)) => (Some(km.times[a]), km.times.get(b + 1).copied()),
            _ => (None, None),
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        // Testing only the steps that can qualify gives what testing every
        // step gives: small and large curves, heavy ties and censoring.
        #[test]
        fn the_interval_skips_only_steps_that_cannot_qualify(
            items in proptest::collection::vec((0u16..400, 0u8..4), 1..3000),
            p in proptest::sample::select(vec![0.1, 0.25, 0.5, 0.75, 0.9]),
        ) {
            let t: Vec<f64> = items.iter().map(|(d, _)| f64::from(*d)).collect();
            let e: Vec<bool> = items.iter().map(|(_, o)| *o > 0).collect();
            let km = kaplan_meier(&t, &e);
            proptest::prop_assert_eq!(km.quantile_interval(p, 0.95), interval_by_every_step(&km, p));
        }
    }

    #[test]
    fn the_interval_of_a_long_curve() {
        // 200,000 subjects with distinct times: a curve of 150,000 steps.
        let mut state = 7u64;
        let mut t = Vec::new();
        let mut e = Vec::new();
        for i in 0..200_000u32 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            t.push(f64::from(i) + (state >> 40) as f64 / 1e8);
            e.push(!state.is_multiple_of(4));
        }
        let km = kaplan_meier(&t, &e);
        for p in [0.25, 0.5, 0.75] {
            assert_eq!(
                km.quantile_interval(p, 0.95),
                interval_by_every_step(&km, p)
            );
        }
    }

    #[test]
    fn edge_cases() {
        let empty = kaplan_meier(&[], &[]);
        assert!(empty.times.is_empty() && empty.median().is_none());
        assert_eq!(empty.quantile_interval(0.5, 0.95), (None, None));
        // Everyone censored: no step, no median.
        assert!(kaplan_meier(&[1.0, 2.0], &[false, false])
            .median()
            .is_none());
        // Everyone has the event: the curve reaches 0, the variance stays finite.
        let all = kaplan_meier(&[1.0, 2.0], &[true, true]);
        assert_eq!(all.survival, [0.5, 0.0]);
        assert!(all.variance.iter().all(|v| v.is_finite()));
        assert_eq!(all.median(), Some(1.0));
        // Bad durations are left out.
        let bad = kaplan_meier(&[f64::NAN, -1.0, 3.0], &[true, true, true]);
        assert_eq!(bad.times, [3.0]);
    }
}
