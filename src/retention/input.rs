//! `fitRetention(survivors, options)`: a survivor curve as the caller gives
//! it (counts still active after each period, or shares with the cohort's
//! size), checked with every problem at once, then both models fitted
//! ([`super::forecast::fit_steps`]).

use super::forecast::{fit_steps, FitSettings, RetentionFit, DEFAULT_SEED};
use super::steps::Steps;
use crate::format::format_number;
use crate::input::problem::{index_path, InputError, Problem};
use crate::input::raw::RawValue;
use crate::input::read::{self, Shape};
use serde::Serialize;

/// Most points of a survivor curve: ten thousand periods (27 years of days).
pub const MAX_SURVIVOR_POINTS: usize = 10_000;
/// Most bootstrap replicates.
pub const MAX_REPLICATES: f64 = 2_000.0;
/// Largest cohort, and largest count.
const MAX_COUNT: f64 = 1e12;
/// Largest seed: a whole number JavaScript holds exactly (2^53 - 1).
const MAX_SEED: f64 = 9_007_199_254_740_991.0;

/// Options for `fitRetention`. All optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FitRetentionOptions {
    /// The cohort's size when `survivors` are shares (from 1 at the start down); without it they
    /// are counts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cohort_size: Option<f64>,
    /// Periods to forecast survival at: whole numbers from 1 to 10,000. Default [12, 24, 36].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub horizons: Option<Vec<f64>>,
    /// Parametric bootstrap replicates, 0 to 2,000 (0: no intervals). Default 200.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replicates: Option<f64>,
    /// The bootstrap's seed, a whole number from 0 to 2^53 - 1. Default 2007.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seed: Option<f64>,
    /// Confidence level of the intervals, 0.5 to 0.999. Default 0.95.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
}

const OPTION_NAMES: [&str; 5] = ["cohortSize", "horizons", "replicates", "seed", "confidence"];
const OPTIONS: Shape = Shape::options(&OPTION_NAMES, read::OPTIONS_EXPECTED);

/// Fits the shifted-beta-geometric model and the power law with a floor to
/// a survivor curve, "on or after" retention (the curve never rises):
/// `survivors[0]` users at the start, `survivors[t]` still active after t
/// periods; shares (1 first) with `options.cohortSize`. Every problem with
/// the curve or the options at once, each with its path.
///
/// ```
/// use market_validation::{retention::fit_retention, RawValue};
/// let curve = RawValue::from_json_str("[1000, 631, 468, 382, 326, 289, 262, 241]").unwrap();
/// let fit = fit_retention(&curve, &RawValue::Null).unwrap();
/// assert_eq!(format!("{:.3}", fit.sbg.unwrap().alpha), "0.704");
/// let bad = RawValue::from_json_str("[1000, 1200, -5]").unwrap();
/// let err = fit_retention(&bad, &RawValue::Null).unwrap_err();
/// assert_eq!(err.problems.len(), 2);
/// assert_eq!(err.problems[0].path, "survivors[1]");
/// ```
pub fn fit_retention(survivors: &RawValue, options: &RawValue) -> Result<RetentionFit, InputError> {
    let mut problems = Vec::new();
    let mut settings = FitSettings::default();
    let mut cohort_size = None;
    if read::object(options, "options", OPTIONS, &mut problems).is_some() {
        cohort_size = read::whole_number(
            options.get("cohortSize"),
            "options.cohortSize",
            (1.0, MAX_COUNT),
            "a whole number of users from 1 to 10^12",
            &mut problems,
        );
        if let Some(h) = horizons(options.get("horizons"), &mut problems) {
            settings.horizons = h;
        }
        let replicates = read::whole_number(
            options.get("replicates"),
            "options.replicates",
            (0.0, MAX_REPLICATES),
            "a whole number from 0 to 2000",
            &mut problems,
        );
        if let Some(r) = replicates {
            settings.replicates = r as u32;
            settings.power_law_replicates = r as u32;
        }
        let seed = read::whole_number(
            options.get("seed"),
            "options.seed",
            (0.0, MAX_SEED),
            "a whole number from 0 to 2^53 - 1",
            &mut problems,
        );
        settings.seed = seed.map_or(DEFAULT_SEED, |s| s as u64);
        if let Some(level) = read::confidence_level(
            options.get("confidence"),
            "options.confidence",
            &mut problems,
        ) {
            settings.confidence = level;
        }
    }
    let curve = survivor_curve(survivors, cohort_size, &mut problems);
    match curve {
        Some(counts) if problems.is_empty() => {
            Ok(fit_steps(&Steps::from_survivors(&counts), &settings))
        }
        _ => Err(InputError::new("survivor curve", problems)),
    }
}

/// The forecast horizons: whole numbers of periods from 1 to 10,000.
fn horizons(raw: &RawValue, problems: &mut Vec<Problem>) -> Option<Vec<u32>> {
    let expected = "an array of 1 to 20 whole numbers of periods from 1 to 10000";
    let items = read::array(raw, "options.horizons", expected, problems)?;
    if items.is_empty() || items.len() > 20 {
        problems.push(Problem::new("options.horizons", raw.describe(), expected));
        return None;
    }
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = index_path("options.horizons", i);
        match item {
            RawValue::Number(v) if v.fract() == 0.0 && (1.0..=10_000.0).contains(v) => {
                out.push(*v as u32)
            }
            other => problems.push(Problem::new(
                path,
                other.describe(),
                "a whole number of periods from 1 to 10000",
            )),
        }
    }
    (out.len() == items.len()).then_some(out)
}

/// The curve as counts: each value checked (a count, or a share with the
/// cohort size), then the whole (at least 3 points, starting above 0,
/// never rising).
fn survivor_curve(
    raw: &RawValue,
    cohort_size: Option<f64>,
    problems: &mut Vec<Problem>,
) -> Option<Vec<f64>> {
    let shares = cohort_size.is_some();
    let expected_curve = format!(
        "an array of 3 to {MAX_SURVIVOR_POINTS} {}, the first at the start, never rising (\"on or after\" retention)",
        if shares { "shares from 1 down to 0" } else { "counts of users still active" }
    );
    let items = match raw {
        RawValue::Array(items) if (3..=MAX_SURVIVOR_POINTS).contains(&items.len()) => items,
        other => {
            problems.push(Problem::new("survivors", other.describe(), expected_curve));
            return None;
        }
    };
    let size = cohort_size.unwrap_or(1.0);
    let mut counts = Vec::with_capacity(items.len());
    let mut previous: Option<(usize, f64)> = None;
    let mut all_good = true;
    let looks_like_shares = !shares
        && items
            .iter()
            .all(|v| matches!(v, RawValue::Number(x) if (0.0..=1.0).contains(x)));
    for (i, item) in items.iter().enumerate() {
        let path = index_path("survivors", i);
        let value = match item {
            RawValue::Number(v) if shares && (0.0..=1.0).contains(v) => Some(v * size),
            RawValue::Number(v) if !shares && v.fract() == 0.0 && (0.0..=MAX_COUNT).contains(v) => {
                Some(*v)
            }
            _ => None,
        };
        let Some(value) = value else {
            let expected = if shares {
                "a share from 0 to 1 (the cohort size is given)".to_string()
            } else {
                "a whole number of users from 0 to 10^12".to_string()
            };
            let hint = match item {
                RawValue::Number(v) if shares && *v > 1.0 && *v <= size => Some(format!(
                    "counts and options.cohortSize do not go together: leave cohortSize out, or give {}",
                    format_number(v / size)
                )),
                RawValue::Number(_) if looks_like_shares => {
                    Some("these look like shares: give options.cohortSize".into())
                }
                _ => None,
            };
            problems.push(Problem::new(path, item.describe(), expected).with_hint(hint));
            all_good = false;
            continue;
        };
        if i == 0 && (value <= 0.0 || (shares && value != size)) {
            let expected = if shares {
                "1: everyone is active at the start"
            } else {
                "a count above 0: the users at the start"
            };
            problems.push(Problem::new(path.clone(), item.describe(), expected));
            all_good = false;
        }
        if let Some((j, before)) = previous {
            if value > before {
                problems.push(
                    Problem::new(
                        path,
                        item.describe(),
                        format!("at most survivors[{j}] ({}): a survivor curve never rises", format_number(before / if shares { size } else { 1.0 })),
                    )
                    .with_hint(Some("fit the \"on or after\" curve (analyzeEvents with retention: \"on-or-after\"), not the \"on\" curve".into())),
                );
                all_good = false;
            }
        }
        previous = Some((i, value));
        counts.push(value);
    }
    all_good.then_some(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fit(curve: &str, options: &str) -> Result<RetentionFit, InputError> {
        fit_retention(
            &RawValue::from_json_str(curve).unwrap(),
            &RawValue::from_json_str(options).unwrap(),
        )
    }

    #[test]
    fn every_problem_at_once_with_its_path() {
        let err = fit(
            "[1000, 1200, \"x\", 3.5]",
            r#"{"seed": -1, "replicates": 1e9, "horizon": 3, "confidence": 95}"#,
        )
        .unwrap_err();
        let paths: Vec<&str> = err.problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "options.horizon",
                "options.replicates",
                "options.seed",
                "options.confidence",
                "survivors[1]",
                "survivors[2]",
                "survivors[3]"
            ]
        );
        assert!(err.problems[4]
            .expected
            .contains("at most survivors[0] (1000)"));
        assert_eq!(err.problems[3].hint.as_deref(), Some("did you mean 0.95?"));
    }

    #[test]
    fn shares_need_the_cohort_size() {
        let err = fit("[1, 0.6, 0.5]", "null").unwrap_err();
        assert_eq!(err.problems[0].path, "survivors[1]");
        assert_eq!(
            err.problems[0].hint.as_deref(),
            Some("these look like shares: give options.cohortSize")
        );
        let ok = fit(
            "[1, 0.631, 0.468, 0.382]",
            r#"{"cohortSize": 1000, "replicates": 0}"#,
        )
        .unwrap();
        let counts = fit("[1000, 631, 468, 382]", r#"{"replicates": 0}"#).unwrap();
        assert_eq!(ok.sbg, counts.sbg);
        assert!(fit("[0.9, 0.6, 0.5]", r#"{"cohortSize": 10}"#).is_err());
        assert!(fit("[1, 2]", "null").is_err());
        assert!(fit("{}", "null").is_err());
        assert!(fit("[10, 5, 4]", "[]").is_err());
    }
}
