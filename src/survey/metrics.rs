//! One group's metrics, NPS, the Sean Ellis test and CSAT with their
//! intervals, from its tally; and the difference between two groups (two
//! waves, adopters against the rest): NPS from the two samples' variances
//! (Rocks 2016), shares by Newcombe's hybrid score interval.

use super::options::{NpsMethod, SurveyConfig};
use super::tally::GroupTally;
use crate::format::format_number;
use crate::stats;
use serde::Serialize;

/// Fewest Sean Ellis answers to read the test at all: ~30, the practitioners'
/// minimum (docs/methodology.md).
pub const MIN_PMF_ANSWERS: f64 = crate::analyzer::benchmarks::MIN_SURVEY_RESPONSES;

/// NPS with its interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct NpsSummary {
    /// NPS, -100..100: % promoters minus % detractors.
    pub score: f64,
    /// Answers of 9 or 10.
    pub promoters: u64,
    /// Answers of 7 or 8.
    pub passives: u64,
    /// Answers of 0 to 6.
    pub detractors: u64,
    /// Answers counted.
    pub n: u64,
    /// Blank answers (not counted).
    pub blank: u64,
    /// Standard error of the score, in points, by `method`.
    pub standard_error: f64,
    /// Interval on the score at the confidence level, within -100..100.
    pub interval: [f64; 2],
    /// Half the interval's width, in points.
    pub margin_of_error: f64,
    /// Interval method: `adjusted-wald` (Rocks 2016) or `wald`.
    #[cfg_attr(feature = "wasm", tsify(type = "\"adjusted-wald\" | \"wald\""))]
    pub method: String,
    /// Answers needed for the margin of error asked for (`npsMargin`, default 5 points).
    pub sample_size: SampleSize,
    /// Answers by value, 0..10.
    pub distribution: Vec<u64>,
}

/// Answers needed for a margin of error.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SampleSize {
    /// The margin of error aimed for, in points.
    pub margin: f64,
    /// Answers needed at the observed spread: z^2 Var / (margin / 100)^2.
    pub needed: f64,
    /// How many more than now (0 when there are enough).
    pub more: f64,
}

/// The Sean Ellis test's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum PmfVerdict {
    /// Significantly above the bar (one-sided test at the confidence level).
    AboveBar,
    /// Significantly below the bar.
    BelowBar,
    /// Not distinguishable from the bar at the confidence level.
    NotDistinguishable,
    /// Fewer than 30 answers from users: too few to read.
    TooFewAnswers,
}

/// The Sean Ellis 40% test as a statistical test.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PmfSummary {
    /// "Very disappointed" answers.
    pub very_disappointed: u64,
    /// "Somewhat disappointed" answers.
    pub somewhat_disappointed: u64,
    /// "Not disappointed" answers.
    pub not_disappointed: u64,
    /// "N/A, I no longer use it" answers: counted, left out of the share.
    pub no_longer_use: u64,
    /// Answers from users: very + somewhat + not disappointed.
    pub n: u64,
    /// Blank answers.
    pub blank: u64,
    /// Very disappointed / n, 0..1.
    pub very_disappointed_share: f64,
    /// Wilson interval on the share at the confidence level (two-sided).
    pub interval: [f64; 2],
    /// The one-sided Wilson bound at the confidence level that the test reads: the lower bound
    /// when the share is at or above the bar, the upper bound when below. The one-sided test
    /// tells the share from the bar exactly when the bar is beyond this bound, so show this
    /// beside the verdict (the two-sided interval can contain the bar while the one-sided test
    /// tells them apart).
    pub one_sided_bound: f64,
    /// The bar tested against (0.4 unless `pmfBar` says otherwise).
    pub bar: f64,
    /// One-sided test statistic: (share - bar) / sqrt(bar (1 - bar) / n).
    pub z: f64,
    /// One-sided p-value of "the share is at most the bar": P(Z >= z).
    pub p_value: f64,
    /// 1 - pValue: the test's confidence that the true share exceeds the bar.
    pub above_bar: f64,
    /// The test's verdict at the confidence level.
    pub verdict: PmfVerdict,
    /// The verdict in plain words.
    pub reading: String,
    /// Answers from users still needed to tell the share from the bar, if the share held (absent
    /// when the test already tells, or the share equals the bar).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub more_answers_needed: Option<f64>,
}

/// CSAT with its interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CsatSummary {
    /// Answers of 4 or 5.
    pub satisfied: u64,
    /// Answers counted.
    pub n: u64,
    /// Blank answers.
    pub blank: u64,
    /// Satisfied / n, 0..1.
    pub share: f64,
    /// Wilson interval on the share.
    pub interval: [f64; 2],
    /// Mean rating, 1..5.
    pub mean: f64,
    /// Standard deviation of the ratings.
    pub sd: f64,
    /// Normal-approximation interval on the mean.
    pub mean_interval: [f64; 2],
    /// Answers by value, 1..5.
    pub distribution: Vec<u64>,
}

/// NPS summary of a tally, by the configured method.
pub fn nps_summary(g: &GroupTally, c: &SurveyConfig) -> Option<NpsSummary> {
    let detractors: u64 = g.nps[..7].iter().sum();
    let passives = g.nps[7] + g.nps[8];
    let promoters = g.nps[9] + g.nps[10];
    let n = promoters + passives + detractors;
    if n == 0 {
        return None;
    }
    let (p, a, d) = (promoters as f64, passives as f64, detractors as f64);
    let e = match c.nps_method {
        NpsMethod::AdjustedWald => stats::nps_adjusted_wald(p, a, d, c.z),
        NpsMethod::Wald => stats::nps_wald(p, a, d, c.z),
    };
    // The sample size uses the same variance the interval does.
    let variance = match c.nps_method {
        NpsMethod::AdjustedWald => {
            let n3 = n as f64 + 3.0;
            stats::nps_variance((p + 0.75) / n3, (d + 0.75) / n3)
        }
        NpsMethod::Wald => stats::nps_variance(p / n as f64, d / n as f64),
    };
    let needed = stats::nps_sample_size(variance, c.nps_margin, c.z);
    Some(NpsSummary {
        score: e.score,
        promoters,
        passives,
        detractors,
        n,
        blank: g.nps_blank,
        standard_error: e.standard_error,
        interval: [e.low, e.high],
        margin_of_error: (e.high - e.low) / 2.0,
        method: c.nps_method.as_str().to_string(),
        sample_size: SampleSize {
            margin: c.nps_margin,
            needed,
            more: (needed - n as f64).max(0.0),
        },
        distribution: g.nps.to_vec(),
    })
}

/// The Sean Ellis test of a tally.
pub fn pmf_summary(g: &GroupTally, c: &SurveyConfig) -> Option<PmfSummary> {
    let [vd, sd, nd, na] = g.ellis;
    let n = vd + sd + nd;
    if n == 0 && na == 0 {
        return None;
    }
    let nf = n as f64;
    let share = if n > 0 { vd as f64 / nf } else { 0.0 };
    let (lo, hi) = stats::wilson(vd as f64, nf, c.z);
    let (z, p_value) = stats::one_sided_z_test(vd as f64, nf, c.pmf_bar);
    let alpha = 1.0 - c.confidence_level;
    // The Wilson bound inverts the same score test at the one-sided level.
    let (one_lo, one_hi) = stats::wilson(vd as f64, nf, stats::normal_quantile(1.0 - alpha));
    let one_sided_bound = if share >= c.pmf_bar { one_lo } else { one_hi };
    let bar_pct = format!("{}%", format_number((c.pmf_bar * 1000.0).round() / 10.0));
    let share_pct = format!("{}%", format_number((share * 1000.0).round() / 10.0));
    // Never "100%": a confidence above 99.9% is written as such.
    let conf_pct = |x: f64| {
        if x > 0.999 {
            "over 99.9%".to_string()
        } else {
            format!("{}%", format_number((x * 1000.0).floor() / 10.0))
        }
    };
    // Answers needed for the one-sided test to tell the share from the bar,
    // were the share to hold: n >= bar (1 - bar) (z_alpha / (share - bar))^2.
    let z_alpha = stats::normal_quantile(1.0 - alpha);
    let needed = |n: f64| -> Option<f64> {
        let gap = share - c.pmf_bar;
        (gap != 0.0).then(|| {
            libm::ceil(c.pmf_bar * (1.0 - c.pmf_bar) * (z_alpha / gap) * (z_alpha / gap) - n)
                .max(1.0)
        })
    };
    let (verdict, reading, more) = if nf < MIN_PMF_ANSWERS {
        // At least the practical minimum; more if that would still not tell
        // the share from the bar.
        // A share equal to the bar cannot be told from it by any number of
        // answers: then no count is given.
        let minimum = MIN_PMF_ANSWERS - nf;
        let more = needed(nf).map(|m| m.max(minimum));
        let tail = match more {
            Some(m) => format!(
                "about {} more would tell the share from the bar if it held",
                format_number(m)
            ),
            None => format!(
                "the share equals the {bar_pct} bar, which no number of answers tells apart"
            ),
        };
        (
            PmfVerdict::TooFewAnswers,
            format!(
                "too few answers from users ({n}): the practical minimum is {}; {tail}",
                format_number(MIN_PMF_ANSWERS)
            ),
            more,
        )
    } else if p_value < alpha {
        (
            PmfVerdict::AboveBar,
            format!(
                "above the {bar_pct} bar with {} confidence ({share_pct} of {n} very disappointed)",
                conf_pct(1.0 - p_value)
            ),
            None,
        )
    } else if 1.0 - p_value < alpha {
        (
            PmfVerdict::BelowBar,
            format!(
                "below the {bar_pct} bar with {} confidence ({share_pct} of {n} very disappointed)",
                conf_pct(p_value)
            ),
            None,
        )
    } else {
        let more = needed(nf);
        let tail = match more {
            Some(m) => format!(
                "; if the share held, about {} more answers would tell",
                format_number(m)
            ),
            None => String::new(),
        };
        (
            PmfVerdict::NotDistinguishable,
            format!("not distinguishable from {bar_pct} at {} confidence ({share_pct} of {n} very disappointed){tail}", conf_pct(c.confidence_level)),
            more,
        )
    };
    Some(PmfSummary {
        very_disappointed: vd,
        somewhat_disappointed: sd,
        not_disappointed: nd,
        no_longer_use: na,
        n,
        blank: g.ellis_blank,
        very_disappointed_share: share,
        interval: [lo, hi],
        one_sided_bound,
        bar: c.pmf_bar,
        z,
        p_value,
        above_bar: 1.0 - p_value,
        verdict,
        reading,
        more_answers_needed: more,
    })
}

/// CSAT of a tally.
pub fn csat_summary(g: &GroupTally, c: &SurveyConfig) -> Option<CsatSummary> {
    let n: u64 = g.csat.iter().sum();
    let (mean, sd, lo, hi) = stats::rating_moments(&g.csat, 1.0, c.z)?;
    let satisfied = g.csat[3] + g.csat[4];
    let (slo, shi) = stats::wilson(satisfied as f64, n as f64, c.z);
    Some(CsatSummary {
        satisfied,
        n,
        blank: g.csat_blank,
        share: satisfied as f64 / n as f64,
        interval: [slo, shi],
        mean,
        sd,
        mean_interval: [lo.max(1.0), hi.min(5.0)],
        distribution: g.csat.to_vec(),
    })
}

/// One metric's change between two groups: two waves, or (`byAdoption`) the others and the adopters.
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
            let se = 100.0 * f64::sqrt(vb / nb + va / na);
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
