//! Analysis options: the preset, weight and benchmark overrides, and the
//! confidence level; read loosely and validated like the input.

use crate::analyzer::benchmarks::{Preset, SourceSet};
use crate::analyzer::curve::Curve;
use crate::analyzer::metric_id::{Dimension, MetricId};
use crate::format::format_number;
use crate::input::problem::{join_path, Problem};
use crate::input::raw::RawValue;
use crate::input::read::{self, Shape};
use crate::input::suggest::did_you_mean;
use crate::stats::z_for_confidence;
use serde::Serialize;
use std::collections::BTreeMap;

/// Confidence level of the intervals unless options say otherwise.
pub const DEFAULT_CONFIDENCE: f64 = 0.95;

/// Options for `analyze` and `analyzeMany`. All optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(rename_all = "camelCase")]
pub struct AnalyzeOptions {
    /// Benchmark preset: `b2b-saas` (default; SMB and mid-market), `enterprise-saas`,
    /// `consumer-subscription` or `consumer-social`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "PresetId"))]
    pub preset: Option<String>,
    /// Dimension weights, replacing the preset's for the dimensions named. Any non-negative
    /// numbers; they are normalised to sum to 1. E.g. `{ survey: 0.4 }`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "Partial<Record<Dimension, number>>"))]
    pub weights: Option<BTreeMap<String, f64>>,
    /// Metric weights within their dimension, replacing the preset's for the metrics named.
    /// Non-negative; normalised within each dimension. E.g. `{ npsScore: 0 }` to ignore NPS.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "Partial<Record<MetricName, number>>"))]
    pub metric_weights: Option<BTreeMap<String, f64>>,
    /// Benchmark overrides: metric -> band (`average`, `good`, `great`) -> value in the metric's
    /// unit. E.g. `{ dauMauRatio: { good: 0.25 } }`. Bands must stay in order.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "wasm",
        tsify(type = "Partial<Record<MetricName, Partial<Record<BenchmarkBandName, number>>>>")
    )]
    pub benchmarks: Option<BTreeMap<String, BTreeMap<String, f64>>>,
    /// Confidence level of every interval, 0.5..0.999. Default 0.95.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence_level: Option<f64>,
}

/// The options resolved against a preset: everything scoring needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The preset the rest starts from.
    pub preset: Preset,
    /// Dimension weights, normalised to sum to 1, in [`Dimension::ALL`] order.
    pub dimension_weights: [f64; 5],
    /// Metric weights, normalised within each dimension, by metric (read
    /// with [`Config::metric_weight`]). Arrays, not maps: scoring looks
    /// them up a few hundred times a product.
    metric_weights: [f64; MetricId::COUNT],
    /// Benchmark curves, by metric (read with [`Config::curve`]).
    curves: [Curve; MetricId::COUNT],
    /// The sources each curve cites, by metric (read with [`Config::cited`]).
    cited: [SourceSet; MetricId::COUNT],
    /// Confidence level of the intervals.
    pub confidence_level: f64,
    /// The matching two-sided normal quantile.
    pub z: f64,
}

impl Config {
    /// The configuration of a preset with no overrides.
    pub fn preset(preset: Preset) -> Config {
        Config {
            preset,
            dimension_weights: preset.dimension_weights(),
            metric_weights: MetricId::DECLARED.map(|m| preset.metric_weight(m)),
            curves: MetricId::DECLARED.map(|m| preset.curve(m)),
            cited: MetricId::DECLARED.map(|m| SourceSet::of(&preset.curve(m))),
            confidence_level: DEFAULT_CONFIDENCE,
            z: z_for_confidence(DEFAULT_CONFIDENCE),
        }
    }

    /// Reads options given as a loose value (`undefined`/`null` mean none).
    pub fn from_raw(raw: &RawValue) -> Result<Config, crate::InputError> {
        read::options(raw, OPTIONS, "options", read_fields)
    }

    /// Resolves typed options; see [`Config::from_raw`].
    pub fn from_options(options: &AnalyzeOptions) -> Result<Config, crate::InputError> {
        match serde_json::to_value(options) {
            Ok(v) => Config::from_raw(&RawValue::from_json(&v)),
            Err(_) => Ok(Config::preset(Preset::B2bSaas)),
        }
    }

    /// The curve of a metric.
    pub fn curve(&self, metric: MetricId) -> &Curve {
        &self.curves[metric as usize]
    }

    /// The sources the curve of a metric cites.
    pub(crate) fn cited(&self, metric: MetricId) -> SourceSet {
        self.cited[metric as usize]
    }

    /// Weight of a metric within its dimension.
    pub fn metric_weight(&self, metric: MetricId) -> f64 {
        self.metric_weights[metric as usize]
    }
}

/// The options [`AnalyzeOptions`] accepts.
const OPTION_NAMES: [&str; 5] = [
    "preset",
    "weights",
    "metricWeights",
    "benchmarks",
    "confidenceLevel",
];
const OPTIONS: Shape = Shape::options(&OPTION_NAMES, read::OPTIONS_EXPECTED);

impl Default for Config {
    /// The default preset's configuration.
    fn default() -> Self {
        Config::preset(Preset::B2bSaas)
    }
}

fn read_fields(raw: &RawValue, config: &mut Config, problems: &mut Vec<Problem>) {
    let presets = Preset::ALL.map(Preset::as_str);
    if let Some(i) = read::choice(raw.get("preset"), "options.preset", &presets, problems) {
        *config = Config::preset(Preset::ALL[i]);
    }

    let dims = Dimension::ALL.map(Dimension::as_str);
    for (key, weight) in read_weight_map(raw.get("weights"), "options.weights", &dims, problems) {
        if let Some(i) = dims.iter().position(|d| *d == key) {
            config.dimension_weights[i] = weight;
        }
    }
    let metric_names: Vec<&str> = MetricId::ALL.iter().map(|m| m.as_str()).collect();
    // The dimensions whose metric weights the options set: only those are
    // normalised again, so that options without metric weights give the
    // preset's weights to the bit (and the same result as no options).
    let mut weighted = [false; 5];
    for (key, weight) in read_weight_map(
        raw.get("metricWeights"),
        "options.metricWeights",
        &metric_names,
        problems,
    ) {
        if let Some(m) = MetricId::parse(&key) {
            config.metric_weights[m as usize] = weight;
            weighted[m.dimension().index()] = true;
        }
    }
    let total: f64 = config.dimension_weights.iter().sum();
    if total > 0.0 {
        for w in &mut config.dimension_weights {
            *w /= total;
        }
    } else {
        problems.push(Problem::new(
            "options.weights",
            "weights summing to 0",
            "at least one dimension weight above 0",
        ));
    }
    // The weights of the metrics that are not optional are normalised to
    // sum to 1, as the preset's do; an optional metric's is scaled with
    // them, and joins their sum only when it has data (compose::nominal_total).
    for dim in Dimension::ALL.into_iter().filter(|d| weighted[d.index()]) {
        let sum: f64 = MetricId::ALL
            .iter()
            .filter(|m| m.dimension() == dim && !m.optional())
            .map(|m| config.metric_weight(*m))
            .sum();
        if sum > 0.0 {
            for m in MetricId::ALL.iter().filter(|m| m.dimension() == dim) {
                let w = config.metric_weight(*m) / sum;
                config.metric_weights[*m as usize] = w;
            }
        }
    }

    read_benchmarks(raw.get("benchmarks"), config, problems);

    if let Some(level) = read::confidence_level(
        raw.get("confidenceLevel"),
        "options.confidenceLevel",
        problems,
    ) {
        config.confidence_level = level;
        config.z = z_for_confidence(level);
    }
}

fn read_weight_map(
    raw: &RawValue,
    path: &str,
    known: &[&str],
    problems: &mut Vec<Problem>,
) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    let entries = match raw {
        RawValue::Undefined | RawValue::Null => return out,
        RawValue::Object(entries) => entries,
        other => {
            problems.push(Problem::new(
                path,
                other.describe(),
                "an object of name -> weight",
            ));
            return out;
        }
    };
    for (key, value) in entries {
        let item = join_path(path, key);
        if !known.contains(&key.as_str()) {
            let hint =
                did_you_mean(key, known.iter().copied()).map(|k| format!("did you mean {k}?"));
            problems.push(
                Problem::new(
                    item,
                    "an unknown name",
                    format!("one of {}", known.join(", ")),
                )
                .with_hint(hint),
            );
            continue;
        }
        match value {
            RawValue::Number(w) if w.is_finite() && *w >= 0.0 && *w <= 1e6 => {
                out.push((key.clone(), *w))
            }
            other => problems.push(Problem::new(
                item,
                other.describe(),
                "a weight between 0 and 1000000",
            )),
        }
    }
    out
}

fn read_benchmarks(raw: &RawValue, config: &mut Config, problems: &mut Vec<Problem>) {
    let root = "options.benchmarks";
    let entries = match raw {
        RawValue::Undefined | RawValue::Null => return,
        RawValue::Object(entries) => entries,
        other => {
            problems.push(Problem::new(
                root,
                other.describe(),
                "an object of metric -> { band: value }",
            ));
            return;
        }
    };
    for (metric_key, bands) in entries {
        let metric_path = join_path(root, metric_key);
        let Some(metric) = MetricId::parse(metric_key) else {
            let names = MetricId::ALL.map(MetricId::as_str);
            let hint =
                did_you_mean(metric_key, names.into_iter()).map(|k| format!("did you mean {k}?"));
            problems.push(
                Problem::new(
                    metric_path,
                    "an unknown metric",
                    "a metric name such as dauMauRatio",
                )
                .with_hint(hint),
            );
            continue;
        };
        let RawValue::Object(band_entries) = bands else {
            problems.push(Problem::new(
                metric_path,
                bands.describe(),
                "an object of band -> value, e.g. { good: 0.25 }",
            ));
            continue;
        };
        let mut curve = config.curve(metric).clone();
        let labels: Vec<&'static str> = curve.benchmarks().iter().map(|a| a.label).collect();
        let kind = metric.value_kind();
        for (band, value) in band_entries {
            let path = join_path(&metric_path, band);
            let Some(anchor) = curve
                .anchors
                .iter_mut()
                .find(|a| a.is_benchmark() && a.label == band)
            else {
                let expected = if labels.is_empty() {
                    "nothing: this metric has no benchmark bands".to_string()
                } else {
                    format!("one of the bands {}", labels.join(", "))
                };
                problems.push(Problem::new(path, "an unknown band", expected));
                continue;
            };
            if let Some(v) = read::number_of_kind(value, &path, kind, problems) {
                anchor.value = v;
            }
        }
        if curve.is_valid() {
            config.cited[metric as usize] = SourceSet::of(&curve);
            config.curves[metric as usize] = curve;
        } else {
            let order: Vec<String> = curve
                .anchors
                .iter()
                .map(|a| format!("{} {}", a.label, format_number(a.value)))
                .collect();
            problems.push(Problem::new(
                metric_path,
                format!("bands out of order ({})", order.join(", ")),
                "band values in increasing order of value, between the scale ends",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<Config, crate::InputError> {
        Config::from_raw(&RawValue::from_json_str(json).unwrap())
    }

    #[test]
    fn options_without_metric_weights_give_the_presets_weights_to_the_bit() {
        // They were normalised again before, which moved a dimension's
        // score by an ulp against no options at all.
        assert_eq!(parse("{}").unwrap(), Config::preset(Preset::B2bSaas));
        for p in Preset::ALL {
            let json = format!(r#"{{"preset": "{}", "weights": {{"usage": 2}}}}"#, p.as_str());
            let given = parse(&json).unwrap();
            let preset = Config::preset(p);
            assert_eq!(given.metric_weights, preset.metric_weights, "{}", p.as_str());
        }
        let c = parse(r#"{"metricWeights": {"npsScore": 2}}"#).unwrap();
        let survey: f64 = MetricId::ALL
            .iter()
            .filter(|m| m.dimension() == Dimension::Survey && !m.optional())
            .map(|m| c.metric_weight(*m))
            .sum();
        assert!((survey - 1.0).abs() < 1e-12);
        // The optional SUS weight is scaled with the others: 0.15 / 2.7.
        let sus = c.metric_weight(MetricId::SusScore);
        assert!((sus - 0.15 / 2.7).abs() < 1e-15, "{sus}");
    }

    #[test]
    fn defaults_and_presets() {
        let c = parse("null").unwrap();
        assert_eq!(c.preset, Preset::B2bSaas);
        let c = parse(r#"{"preset": "consumer-social", "confidenceLevel": 0.9}"#).unwrap();
        assert_eq!(c.preset, Preset::ConsumerSocial);
        assert!((c.z - 1.6448536).abs() < 1e-6);
    }

    #[test]
    fn every_bad_option_is_reported() {
        let err = parse(r#"{"preset": "b2b-sass", "weights": {"usage": -1, "usag": 1}, "confidenceLevel": 95, "colour": 1}"#)
            .unwrap_err();
        let text = err.to_string();
        assert_eq!(err.problems.len(), 5, "{text}");
        assert!(text.contains("did you mean b2b-saas?"));
        assert!(text.contains("did you mean 0.95?"));
        assert!(text.contains("options.weights.usag"));
    }

    #[test]
    fn weight_overrides_are_normalised() {
        let c = parse(r#"{"weights": {"usage": 1, "adoption": 0, "survey": 0, "market": 0, "competitive": 0}}"#).unwrap();
        assert_eq!(c.dimension_weights, [1.0, 0.0, 0.0, 0.0, 0.0]);
    }

    #[test]
    fn benchmark_overrides_must_stay_in_order() {
        let c = parse(r#"{"benchmarks": {"dauMauRatio": {"good": 0.25}}}"#).unwrap();
        assert_eq!(c.curve(MetricId::DauMauRatio).score(0.25), 60.0);
        let err = parse(r#"{"benchmarks": {"dauMauRatio": {"good": 0.5}}}"#).unwrap_err();
        assert!(err.to_string().contains("out of order"));
        let err = parse(r#"{"benchmarks": {"dauMauRatio": {"superb": 0.5}}}"#).unwrap_err();
        assert!(err.to_string().contains("average, good, great"));
    }
}
