//! The high-expectation segment (Vohra 2018): over every segment column's
//! values with enough Sean Ellis answers, the one with the highest "very
//! disappointed" share, reported only when its Wilson interval, Holm-adjusted
//! for the number of values compared (Holm 1979), excludes the pooled share
//! of the column's other values.

use super::super::options::SurveyConfig;
use super::super::tally::Tally;
use crate::format::format_number;
use crate::stats;
use serde::Serialize;

/// One segment value tested against the rest of its column.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SegmentTest {
    /// The segment column.
    pub column: String,
    /// The value (`Founder`, `Enterprise`).
    pub value: String,
    /// Its "very disappointed" answers.
    pub very_disappointed: u64,
    /// Its Sean Ellis answers (very, somewhat, not disappointed).
    pub n: u64,
    /// Its "very disappointed" share.
    pub share: f64,
    /// The pooled share of the column's other values.
    pub rest_share: f64,
    /// The Sean Ellis answers of the column's other values.
    pub rest_n: u64,
    /// Two-sided p-value of the score test of `share` against `restShare` (taken as fixed).
    pub p_value: f64,
    /// The p-value Holm-adjusted for every value compared.
    pub adjusted_p_value: f64,
    /// Wilson interval on `share` at `intervalLevel`.
    pub interval: [f64; 2],
    /// The interval's confidence: 1 − α / (m − k + 1) for the value whose p-value ranks k of m
    /// (Holm's step for it).
    pub interval_level: f64,
}

/// The segment that would miss the product most, if one is told apart.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct HighExpectationSegment {
    /// The segment value reported; absent when none is told apart (see `reason`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segment: Option<SegmentTest>,
    /// Why it is reported, or why none is.
    pub reason: String,
    /// Every value compared, highest share first.
    pub compared: Vec<SegmentTest>,
    /// Values left out for fewer Sean Ellis answers than `minSegmentSize`.
    pub too_small: u64,
}

fn pct(x: f64) -> String {
    format!("{}%", format_number((x * 1000.0).round() / 10.0))
}

/// Tests every segment value and picks the high-expectation segment.
pub fn high_expectation_segment(tally: &Tally, c: &SurveyConfig) -> HighExpectationSegment {
    let mut tests: Vec<SegmentTest> = Vec::new();
    let mut too_small = 0u64;
    for (column, groups) in tally.layout.segments.iter().zip(&tally.segments) {
        let counts = |g: &super::super::tally::GroupTally| {
            (g.ellis[0], g.ellis[0] + g.ellis[1] + g.ellis[2])
        };
        let (all_vd, all_n) = groups
            .groups
            .values()
            .map(counts)
            .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
        for (value, g) in &groups.groups {
            let (vd, n) = counts(g);
            if n == 0 {
                continue;
            }
            if (n as f64) < c.min_segment_size {
                too_small += 1;
                continue;
            }
            let (rest_vd, rest_n) = (all_vd - vd, all_n - n);
            if rest_n == 0 {
                continue;
            }
            let rest_share = rest_vd as f64 / rest_n as f64;
            let (_, p_value) = stats::score_test(vd as f64, n as f64, rest_share);
            tests.push(SegmentTest {
                column: column.clone(),
                value: value.clone(),
                very_disappointed: vd,
                n,
                share: vd as f64 / n as f64,
                rest_share,
                rest_n,
                p_value,
                adjusted_p_value: 1.0,
                interval: [0.0, 1.0],
                interval_level: c.confidence_level,
            });
        }
    }
    let alpha = 1.0 - c.confidence_level;
    let adjusted = stats::holm(&tests.iter().map(|t| t.p_value).collect::<Vec<_>>());
    // Each value's rank among the p-values (ties in input order, as `holm` sorts).
    let mut order: Vec<usize> = (0..tests.len()).collect();
    order.sort_by(|a, b| tests[*a].p_value.total_cmp(&tests[*b].p_value));
    let m = tests.len();
    for (rank, &i) in order.iter().enumerate() {
        let t = &mut tests[i];
        t.adjusted_p_value = adjusted[i];
        let level = 1.0 - alpha / (m - rank) as f64;
        let (lo, hi) = stats::wilson(
            t.very_disappointed as f64,
            t.n as f64,
            stats::z_for_confidence(level),
        );
        t.interval = [lo, hi];
        t.interval_level = level;
    }
    tests.sort_by(|a, b| {
        b.share
            .total_cmp(&a.share)
            .then_with(|| b.n.cmp(&a.n))
            .then_with(|| (&a.column, &a.value).cmp(&(&b.column, &b.value)))
    });
    let min = format_number(c.min_segment_size);
    let (segment, reason) = match tests.first() {
        None if tally.layout.segments.is_empty() => (
            None,
            "no segment column (role, plan, company size...): name one in options.columns.segment or .segments".to_string(),
        ),
        None => (
            None,
            format!(
                "no segment value has {min} Sean Ellis answers and others in its column to compare with ({too_small} smaller left out; options.minSegmentSize)"
            ),
        ),
        Some(top) => {
            let said = format!(
                "{} = {}: {} very disappointed ({} of {}) against {} for the rest of its column; its {} interval (Holm-adjusted for {m} values compared) is {} to {}",
                top.column,
                top.value,
                pct(top.share),
                top.very_disappointed,
                top.n,
                pct(top.rest_share),
                pct(top.interval_level),
                pct(top.interval[0]),
                pct(top.interval[1]),
            );
            if top.adjusted_p_value < alpha && top.share > top.rest_share {
                (
                    Some(top.clone()),
                    format!("{said}, above the rest: the high-expectation segment; build for them first"),
                )
            } else if top.interval[0] > top.rest_share {
                // Holm's steps stop before it: a value with a smaller p-value was not told apart.
                (
                    None,
                    format!("{said}, which excludes the rest's share, but Holm's procedure stops at a value with a smaller p-value (adjusted p = {}): not told apart", format_number((top.adjusted_p_value * 1e4).round() / 1e4)),
                )
            } else {
                (
                    None,
                    format!("{said}, which does not exclude the rest's share: its lead may be chance"),
                )
            }
        }
    };
    HighExpectationSegment {
        segment,
        reason,
        compared: tests,
        too_small,
    }
}
