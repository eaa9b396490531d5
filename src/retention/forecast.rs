//! Both models fitted to one survivor curve, with forecasts and intervals by
//! a seeded parametric bootstrap, and which fits better by AIC.
//!
//! The interval method: a **parametric bootstrap** (Efron & Tibshirani 1993,
//! "An Introduction to the Bootstrap", ch. 6). Each replicate redraws the
//! curve from the fitted model (per period, the survivors of those at risk
//! as a Binomial draw at the model's retention, keeping the data's share
//! observed in each period), refits the model, and records its forecasts;
//! the interval is the replicates' percentile interval, widened to hold the
//! estimate when the percentiles fall on one side of it (a sign of a biased
//! small sample). Draws come from a seeded generator ([`super::random`]), so
//! the same input and seed give the same interval natively and in wasm.
//!
//! ```
//! use market_validation::retention::{forecast::{fit_steps, FitSettings}, steps::Steps};
//! let s = Steps::from_survivors(&[1000.0, 869.0, 743.0, 653.0, 593.0, 551.0, 517.0, 491.0]);
//! let fit = fit_steps(&s, &FitSettings { replicates: 50, ..FitSettings::default() });
//! let sbg = fit.sbg.unwrap();
//! assert_eq!(format!("{:.3} {:.3}", sbg.alpha, sbg.beta), "0.668 3.806");
//! let year_12 = &sbg.forecast[0];
//! assert!(year_12.interval[0] <= year_12.survival && year_12.survival <= year_12.interval[1]);
//! ```

use super::power_law::{self, PowerLaw};
use super::random::{quantile, Random};
use super::sbg::{self, Sbg};
use super::steps::Steps;
use serde::Serialize;

/// How a curve is fitted.
#[derive(Debug, Clone, PartialEq)]
pub struct FitSettings {
    /// Bootstrap replicates of the sBG fit (0: no intervals).
    pub replicates: u32,
    /// Bootstrap replicates of the power law's fit, whose refits cost about
    /// ten times the sBG's (0: no intervals).
    pub power_law_replicates: u32,
    /// The generator's seed.
    pub seed: u64,
    /// Confidence level of the intervals.
    pub confidence: f64,
    /// Periods after the start to forecast survival at.
    pub horizons: Vec<u32>,
}

/// The default seed: the year of Fader & Hardie's paper.
pub const DEFAULT_SEED: u64 = 2007;
/// The default number of bootstrap replicates.
pub const DEFAULT_REPLICATES: u32 = 200;
/// The default forecast horizons, in periods.
pub const DEFAULT_HORIZONS: [u32; 3] = [12, 24, 36];

impl Default for FitSettings {
    fn default() -> Self {
        FitSettings {
            replicates: DEFAULT_REPLICATES,
            power_law_replicates: DEFAULT_REPLICATES,
            seed: DEFAULT_SEED,
            confidence: 0.95,
            horizons: DEFAULT_HORIZONS.to_vec(),
        }
    }
}

/// The share still active after some periods, with its interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SurvivalPoint {
    /// Periods after the start.
    pub period: u32,
    /// The model's share still active.
    pub survival: f64,
    /// Its bootstrap interval (the estimate twice without replicates).
    pub interval: [f64; 2],
}

/// The shifted-beta-geometric fit (Fader & Hardie 2007).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SbgFit {
    /// α of the Beta distribution of each user's churn probability.
    pub alpha: f64,
    /// β of that distribution.
    pub beta: f64,
    /// The mean churn probability, α / (α + β).
    pub mean_churn: f64,
    /// The maximised log-likelihood.
    pub log_likelihood: f64,
    /// Akaike's information criterion, 2 × 2 parameters − 2 ln L.
    pub aic: f64,
    /// True when α or β sits on its search bound (e^-10 to e^12): the data fit a limit of the
    /// model (one churn probability for everyone, or churn that stops).
    pub at_bound: bool,
    /// Survival at the forecast horizons.
    pub forecast: Vec<SurvivalPoint>,
    /// Periods until at most half are left; absent beyond a billion periods.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub half_life: Option<f64>,
    /// Its bootstrap interval; absent when more than the upper tail of replicates has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub half_life_interval: Option<[f64; 2]>,
    /// The fitted survival for every period from 0 to the last forecast horizon (or the last
    /// observed period, if later), with its band.
    pub curve: Vec<SurvivalPoint>,
    /// Bootstrap replicates that could be refitted.
    pub replicates_used: u32,
}

/// The power law with a floor, S(t) = floor + scale × t^(−exponent).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PowerLawFit {
    /// The long-run share that never leaves.
    pub floor: f64,
    /// Its bootstrap interval.
    pub floor_interval: [f64; 2],
    /// The share above the floor after period 1.
    pub scale: f64,
    /// How fast the share above the floor decays.
    pub exponent: f64,
    /// The maximised log-likelihood.
    pub log_likelihood: f64,
    /// Akaike's information criterion, 2 × 3 parameters − 2 ln L.
    pub aic: f64,
    /// Survival at the forecast horizons.
    pub forecast: Vec<SurvivalPoint>,
    /// The fitted survival per period, as for the sBG model.
    pub curve: Vec<SurvivalPoint>,
    /// Bootstrap replicates that could be refitted.
    pub replicates_used: u32,
}

/// How the intervals were made.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct BootstrapSettings {
    /// `parametric`: curves redrawn from each fitted model and refitted.
    pub method: String,
    /// Replicates drawn for the sBG fit.
    pub replicates: u32,
    /// Replicates drawn for the power law's fit.
    pub power_law_replicates: u32,
    /// The seed of the generator.
    pub seed: f64,
    /// The confidence level of every interval.
    pub confidence: f64,
}

/// Both models fitted to one survivor curve.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RetentionFit {
    /// Periods observed after the start.
    pub periods: u32,
    /// Users at the start.
    pub start: f64,
    /// The observed share still active, from period 0.
    pub observed: Vec<f64>,
    /// The sBG fit; absent when the curve has no finite maximum (see `notes`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sbg: Option<SbgFit>,
    /// The power-law fit; absent when it cannot be made (see `notes`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub power_law: Option<PowerLawFit>,
    /// The model with the lower AIC, when both were fitted.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "\"sbg\" | \"power_law\""))]
    pub better_fit: Option<String>,
    /// How much lower its AIC is (above 2: some support, above 10: strong; Burnham & Anderson).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aic_difference: Option<f64>,
    /// How the intervals were made.
    pub bootstrap: BootstrapSettings,
    /// What could not be fitted, and why; what to read with care.
    pub notes: Vec<String>,
}

/// Both models fitted to `steps`, with forecasts and bootstrap intervals.
pub fn fit_steps(steps: &Steps, settings: &FitSettings) -> RetentionFit {
    let mut notes = Vec::new();
    let last = settings
        .horizons
        .iter()
        .copied()
        .max()
        .unwrap_or(0)
        .max(steps.len() as u32);
    let sbg_estimate = sbg::fit(steps);
    let power_estimate = power_law::fit(steps);
    if let Some(why) = sbg::unfittable(steps) {
        notes.push(format!("sBG not fitted: {why}"));
    }
    if let Some(why) = power_law::unfittable(steps) {
        notes.push(format!("power law not fitted: {why}"));
    } else if power_estimate.is_none() {
        notes.push("power law not fitted: its likelihood has no finite maximum here".into());
    }
    let draws = bootstrap(
        steps,
        sbg_estimate.map(|e| e.model),
        power_estimate.map(|e| e.model),
        settings,
        last,
    );
    let sbg = sbg_estimate.map(|e| {
        let m = e.model;
        let curve = banded_curve(&|t| m.survival(t), &draws.sbg_curves, last, settings.confidence);
        if e.at_bound {
            notes.push("sBG: a parameter reached its search bound; the data fit a limit of the model (one churn probability for everyone, or churn that stops)".into());
        }
        let half_life = m.half_life().map(|h| h as f64);
        SbgFit {
            alpha: m.alpha,
            beta: m.beta,
            mean_churn: m.alpha / (m.alpha + m.beta),
            log_likelihood: e.log_likelihood,
            aic: 4.0 - 2.0 * e.log_likelihood,
            at_bound: e.at_bound,
            forecast: at_horizons(&curve, &settings.horizons),
            half_life_interval: half_life.and_then(|h| {
                half_life_interval(&draws.half_lives, h, settings.confidence)
            }),
            half_life,
            curve,
            replicates_used: draws.sbg_curves.len() as u32,
        }
    });
    let power_law = power_estimate.map(|e| {
        let m = e.model;
        let curve = banded_curve(
            &|t| m.survival(t),
            &draws.power_curves,
            last,
            settings.confidence,
        );
        PowerLawFit {
            floor: m.floor,
            floor_interval: interval(draws.floors.clone(), m.floor, settings.confidence),
            scale: m.scale,
            exponent: m.exponent,
            log_likelihood: e.log_likelihood,
            aic: 6.0 - 2.0 * e.log_likelihood,
            forecast: at_horizons(&curve, &settings.horizons),
            curve,
            replicates_used: draws.power_curves.len() as u32,
        }
    });
    let (better_fit, aic_difference) = match (&sbg, &power_law) {
        (Some(s), Some(p)) => {
            let (name, diff) = if s.aic <= p.aic {
                ("sbg", p.aic - s.aic)
            } else {
                ("power_law", s.aic - p.aic)
            };
            (Some(name.to_string()), Some(diff))
        }
        _ => (None, None),
    };
    RetentionFit {
        periods: steps.len() as u32,
        start: steps.start(),
        observed: steps.observed_survival(),
        sbg,
        power_law,
        better_fit,
        aic_difference,
        bootstrap: BootstrapSettings {
            method: "parametric".into(),
            replicates: settings.replicates,
            power_law_replicates: settings.power_law_replicates,
            seed: settings.seed as f64,
            confidence: settings.confidence,
        },
        notes,
    }
}

/// A model's survival for periods 0 to `last`, each with the percentile
/// interval of the replicates' survival there.
fn banded_curve(
    survival: &dyn Fn(u64) -> f64,
    replicates: &[Vec<f64>],
    last: u32,
    confidence: f64,
) -> Vec<SurvivalPoint> {
    (0..=last)
        .map(|t| {
            let s = survival(u64::from(t));
            let at_t = replicates.iter().map(|v| v[t as usize]).collect();
            SurvivalPoint {
                period: t,
                survival: s,
                interval: interval(at_t, s, confidence),
            }
        })
        .collect()
}

fn at_horizons(curve: &[SurvivalPoint], horizons: &[u32]) -> Vec<SurvivalPoint> {
    horizons
        .iter()
        .filter_map(|h| curve.get(*h as usize).cloned())
        .collect()
}

/// The replicates' refitted curves and figures.
struct Draws {
    sbg_curves: Vec<Vec<f64>>,
    half_lives: Vec<Option<f64>>,
    power_curves: Vec<Vec<f64>>,
    floors: Vec<f64>,
}

/// Each model's replicates: curves redrawn from it, refitted from its
/// estimate. The sBG replicates come first from the seed, then the power
/// law's, so each model's draws do not depend on whether the other fitted.
fn bootstrap(
    steps: &Steps,
    sbg_model: Option<Sbg>,
    power_model: Option<PowerLaw>,
    settings: &FitSettings,
    last: u32,
) -> Draws {
    let mut draws = Draws {
        sbg_curves: Vec::new(),
        half_lives: Vec::new(),
        power_curves: Vec::new(),
        floors: Vec::new(),
    };
    if let Some(model) = sbg_model {
        let mut rng = Random::new(settings.seed);
        for _ in 0..settings.replicates {
            let sample = redraw(steps, &|k| model.retention(k), &mut rng);
            if let Some(e) = sbg::refit(&sample, model) {
                draws
                    .sbg_curves
                    .push((0..=last).map(|t| e.model.survival(u64::from(t))).collect());
                draws.half_lives.push(e.model.half_life().map(|h| h as f64));
            }
        }
    }
    if let Some(model) = power_model {
        let mut rng = Random::new(settings.seed ^ 0x005E_ED0F_F100_u64);
        for _ in 0..settings.power_law_replicates {
            let sample = redraw(steps, &|k| model.retention(k), &mut rng);
            if let Some(e) = power_law::refit(&sample, model) {
                draws
                    .power_curves
                    .push((0..=last).map(|t| e.model.survival(u64::from(t))).collect());
                draws.floors.push(e.model.floor);
            }
        }
    }
    draws
}

/// One curve redrawn from a model: the start as observed, then per period
/// the survivors of those at risk as a Binomial draw at the model's
/// retention; those at risk in the next period are the survivors times the
/// data's share of survivors still observed then (1 for one cohort).
pub fn redraw(steps: &Steps, retention: &dyn Fn(usize) -> f64, rng: &mut Random) -> Steps {
    let n = steps.len();
    let mut out = Steps {
        at_risk: Vec::with_capacity(n),
        survived: Vec::with_capacity(n),
    };
    let mut previous = libm::round(steps.start());
    for k in 0..n {
        let observed = if k == 0 {
            1.0
        } else if steps.survived[k - 1] > 0.0 {
            (steps.at_risk[k] / steps.survived[k - 1]).min(1.0)
        } else {
            1.0
        };
        let m = libm::round(previous * observed);
        let y = rng.binomial(m, retention(k + 1));
        out.at_risk.push(m);
        out.survived.push(y);
        previous = y;
    }
    out
}

/// The percentile interval of `values` at `confidence`, widened to hold
/// `estimate`; the estimate twice without values.
fn interval(mut values: Vec<f64>, estimate: f64, confidence: f64) -> [f64; 2] {
    values.retain(|v| v.is_finite());
    values.sort_by(f64::total_cmp);
    let tail = (1.0 - confidence) / 2.0;
    match (quantile(&values, tail), quantile(&values, 1.0 - tail)) {
        (Some(lo), Some(hi)) => [lo.min(estimate), hi.max(estimate)],
        _ => [estimate, estimate],
    }
}

/// The half-life's interval: replicates without one (beyond a billion
/// periods) count as longer than any; no interval when the upper
/// percentile falls among them.
fn half_life_interval(values: &[Option<f64>], estimate: f64, confidence: f64) -> Option<[f64; 2]> {
    if values.is_empty() {
        return None;
    }
    let mut sorted: Vec<f64> = values.iter().map(|v| v.unwrap_or(f64::INFINITY)).collect();
    sorted.sort_by(f64::total_cmp);
    let tail = (1.0 - confidence) / 2.0;
    let hi_index = libm::ceil((sorted.len() - 1) as f64 * (1.0 - tail)) as usize;
    if !sorted[hi_index.min(sorted.len() - 1)].is_finite() {
        return None;
    }
    let (lo, hi) = (quantile(&sorted, tail)?, quantile(&sorted, 1.0 - tail)?);
    Some([lo.min(estimate), hi.max(estimate)])
}
