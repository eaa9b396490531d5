//! Two waves of a survey compared: the change in NPS (an interval from the
//! two samples' variances, Rocks 2016), in the Sean Ellis share and in CSAT
//! (Newcombe's hybrid score interval for a difference of proportions), for
//! `compareSurveys` and for the waves of one file.

use super::options::{NpsMethod, SurveyConfig};
use super::report::{CsatSummary, NpsSummary, PmfSummary, SurveyAnalysis};
use serde::Serialize;

/// Two survey waves compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SurveyComparison {
    /// The change in NPS, when both waves asked it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nps: Option<Change>,
    /// The change in the Sean Ellis "very disappointed" share, when both waves asked it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pmf: Option<Change>,
    /// The change in CSAT share, when both waves asked it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub csat: Option<Change>,
    /// The first wave's analysis.
    pub before: SurveyAnalysis,
    /// The second wave's analysis.
    pub after: SurveyAnalysis,
}

/// One metric's change between waves.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Change {
    /// Value in the first wave.
    pub before: f64,
    /// Value in the second wave.
    pub after: f64,
    /// after - before (NPS in points; shares as fractions).
    pub change: f64,
    /// Interval on the change at the confidence level.
    pub interval: [f64; 2],
    /// True when the interval excludes 0: the change is distinguishable from no change.
    pub distinguishable: bool,
    /// How the interval was computed.
    pub method: String,
    /// In words.
    pub reading: String,
}

/// Compares two waves: the change in NPS (interval from the two samples'
/// variances, Rocks 2016), in the Sean Ellis share and in CSAT (Newcombe's
/// hybrid score interval for a difference of proportions).
pub fn compare(
    before: SurveyAnalysis,
    after: SurveyAnalysis,
    config: &SurveyConfig,
) -> SurveyComparison {
    let (nps, pmf, csat) = changes(
        (
            before.nps.as_ref(),
            before.pmf.as_ref(),
            before.csat.as_ref(),
        ),
        (after.nps.as_ref(), after.pmf.as_ref(), after.csat.as_ref()),
        config,
    );
    SurveyComparison {
        nps,
        pmf,
        csat,
        before,
        after,
    }
}

/// One wave's NPS, Sean Ellis and CSAT summaries, each absent when not asked.
pub(crate) type Summaries<'a> = (
    Option<&'a NpsSummary>,
    Option<&'a PmfSummary>,
    Option<&'a CsatSummary>,
);

/// The change in each metric both waves have.
pub(crate) fn changes(
    before: Summaries,
    after: Summaries,
    config: &SurveyConfig,
) -> (Option<Change>, Option<Change>, Option<Change>) {
    let z = config.z;
    let pct = |x: f64| {
        format!(
            "{}%",
            crate::format::format_number((x * 1000.0).round() / 10.0)
        )
    };
    let nps = match (before.0, after.0) {
        (Some(b), Some(a)) => {
            let var = |s: &NpsSummary| {
                let (p, d, n) = (s.promoters as f64, s.detractors as f64, s.n as f64);
                match config.nps_method {
                    NpsMethod::AdjustedWald => {
                        let n3 = n + 3.0;
                        (
                            crate::stats::nps_variance((p + 0.75) / n3, (d + 0.75) / n3),
                            n3,
                        )
                    }
                    NpsMethod::Wald => (crate::stats::nps_variance(p / n, d / n), n),
                }
            };
            let ((vb, nb), (va, na)) = (var(b), var(a));
            let se = 100.0 * libm::sqrt(vb / nb + va / na);
            let change = a.score - b.score;
            let interval = [(change - z * se).max(-200.0), (change + z * se).min(200.0)];
            Some(change_of(
                b.score,
                a.score,
                change,
                interval,
                format!("{} two-sample", config.nps_method.as_str()),
                crate::format::format_short,
                " points",
            ))
        }
        _ => None,
    };
    let proportion = |b: Option<(f64, f64)>, a: Option<(f64, f64)>| -> Option<Change> {
        let ((sb, nb), (sa, na)) = (b?, a?);
        if nb <= 0.0 || na <= 0.0 {
            return None;
        }
        let (d, lo, hi) = crate::stats::proportion_difference(sb, nb, sa, na, z);
        Some(change_of(
            sb / nb,
            sa / na,
            d,
            [lo, hi],
            "newcombe-hybrid-score".into(),
            pct,
            "",
        ))
    };
    let pmf = proportion(
        before.1.map(|p| (p.very_disappointed as f64, p.n as f64)),
        after.1.map(|p| (p.very_disappointed as f64, p.n as f64)),
    );
    let csat = proportion(
        before.2.map(|c| (c.satisfied as f64, c.n as f64)),
        after.2.map(|c| (c.satisfied as f64, c.n as f64)),
    );
    (nps, pmf, csat)
}

fn change_of(
    before: f64,
    after: f64,
    change: f64,
    interval: [f64; 2],
    method: String,
    fmt: impl Fn(f64) -> String,
    unit: &str,
) -> Change {
    let distinguishable = interval[0] > 0.0 || interval[1] < 0.0;
    let direction = if change > 0.0 {
        "up"
    } else if change < 0.0 {
        "down"
    } else {
        "unchanged"
    };
    let reading = if distinguishable {
        format!(
            "{direction} from {} to {} ({}{unit}); the interval [{}, {}] excludes no change",
            fmt(before),
            fmt(after),
            signed(&fmt, change),
            fmt(interval[0]),
            fmt(interval[1])
        )
    } else {
        format!("{} to {} ({}{unit}) is not distinguishable from no change: the interval [{}, {}] includes 0", fmt(before), fmt(after), signed(&fmt, change), fmt(interval[0]), fmt(interval[1]))
    };
    Change {
        before,
        after,
        change,
        interval,
        distinguishable,
        method,
        reading,
    }
}

fn signed(fmt: &impl Fn(f64) -> String, x: f64) -> String {
    if x > 0.0 {
        format!("+{}", fmt(x))
    } else {
        fmt(x)
    }
}
