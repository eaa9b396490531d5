//! Success metrics: the targets a launch is measured by at its review, as
//! given or, when absent, the published benchmark the analyzer holds the
//! same metric against (so the review can be scored with `analyze`).

use super::defaults::LAUNCH_REVIEW_DAYS;
use super::plan::Targets;
use crate::analyzer::benchmarks::Preset;
use crate::analyzer::metric_id::MetricId;
use crate::calendar::iso_date;
use crate::input::units::NumberKind;
use serde::Serialize;

/// The benchmark preset default targets are read from: the analyzer's
/// default.
pub const TARGET_PRESET: Preset = Preset::B2bSaas;

/// One success metric and its target.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchSuccessMetric {
    /// Which metric.
    #[cfg_attr(
        feature = "wasm",
        tsify(type = "\"adoption\" | \"revenueImpact\" | \"satisfaction\" | \"featureUsage\"")
    )]
    pub metric: String,
    /// What it measures.
    pub description: String,
    /// The target, in `unit`; absent when neither given nor defaulted (revenue has no default).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// The target's unit.
    pub unit: String,
    /// True when the target is the default, not the plan's.
    pub is_default: bool,
    /// The source of the default, by id in `sources`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The product-data field that measures it, for `analyze` at the review.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measured_by: Option<String>,
    /// When to measure it: the launch review, 30 days after the launch, `YYYY-MM-DD`.
    pub measure_on: String,
}

struct MetricSpec {
    key: &'static str,
    description: &'static str,
    kind: NumberKind,
    benchmark: Option<MetricId>,
    measured_by: Option<&'static str>,
}

const SPECS: [MetricSpec; 4] = [
    MetricSpec {
        key: "adoption",
        description: "share of new accounts that activate (reach the first value moment)",
        kind: NumberKind::Fraction,
        benchmark: Some(MetricId::AdoptionRate),
        measured_by: Some("adoptionData.adoptionRate"),
    },
    MetricSpec {
        key: "revenueImpact",
        description: "new revenue attributed to the launch",
        kind: NumberKind::Currency,
        benchmark: None,
        measured_by: None,
    },
    MetricSpec {
        key: "satisfaction",
        description: "CSAT: share of satisfied answers (4 or 5 on a 1-5 scale)",
        kind: NumberKind::Fraction,
        benchmark: Some(MetricId::CsatShare),
        measured_by: Some("surveyData.csatShare"),
    },
    MetricSpec {
        key: "featureUsage",
        description: "share of users who use the launched features",
        kind: NumberKind::Fraction,
        benchmark: Some(MetricId::FeatureAdoption),
        measured_by: Some("adoptionData.featureAdoptionRates"),
    },
];

/// A metric's default target: the preset's "good" mark where one is
/// published, else its "average" mark, with the mark's source.
pub fn default_target(metric: MetricId) -> Option<(f64, &'static str)> {
    let anchors = TARGET_PRESET.curve(metric).anchors;
    ["good", "average"].iter().find_map(|label| {
        anchors
            .iter()
            .find(|a| a.label == *label)
            .and_then(|a| a.source.map(|source| (a.value, source)))
    })
}

/// The success metrics, targets as given or defaulted.
pub(crate) fn success_metrics(targets: &Targets, launch_day: i64) -> Vec<LaunchSuccessMetric> {
    let given = [
        targets.adoption,
        targets.revenue_impact,
        targets.satisfaction,
        targets.feature_usage,
    ];
    SPECS
        .iter()
        .zip(given)
        .map(|(spec, given)| {
            let default = spec.benchmark.and_then(default_target);
            let (target, source) = match given {
                Some(value) => (Some(value), None),
                None => (default.map(|d| d.0), default.map(|d| d.1.to_string())),
            };
            LaunchSuccessMetric {
                metric: spec.key.to_string(),
                description: spec.description.to_string(),
                target,
                unit: spec.kind.unit().to_string(),
                is_default: given.is_none() && target.is_some(),
                source,
                measured_by: spec.measured_by.map(str::to_string),
                measure_on: iso_date(launch_day + LAUNCH_REVIEW_DAYS),
            }
        })
        .collect()
}
