//! The presets as data, for `presets()`: weights, benchmark points and
//! sources, so a UI can show what a score is held against.

use crate::analyzer::benchmarks::{source, Preset, Source};
use crate::analyzer::metric_id::{Dimension, MetricId};
use crate::analyzer::result::BenchmarkPoint;
use serde::Serialize;

/// One preset: its weights and benchmark curves.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PresetInfo {
    /// Preset id, as given in options.
    #[cfg_attr(feature = "wasm", tsify(type = "PresetId"))]
    pub id: String,
    /// Human name.
    pub name: String,
    /// Dimension weights, summing to 1.
    pub dimension_weights: Vec<DimensionWeight>,
    /// Every scored metric with its weight and curve.
    pub metrics: Vec<PresetMetric>,
}

/// A dimension's weight in a preset.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct DimensionWeight {
    /// The dimension.
    pub dimension: Dimension,
    /// Its weight, 0..1.
    pub weight: f64,
}

/// A metric in a preset.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PresetMetric {
    /// Metric id.
    #[cfg_attr(feature = "wasm", tsify(type = "MetricName"))]
    pub id: String,
    /// Human label.
    pub label: String,
    /// Its dimension.
    pub dimension: Dimension,
    /// Unit of its value.
    pub unit: String,
    /// Weight within its dimension.
    pub weight: f64,
    /// True for a metric that counts only when given (the System Usability
    /// Scale): absent, it is not missing; given, its weight joins those of
    /// the dimension's other metrics, which sum to 1 without it.
    pub optional: bool,
    /// Whether a higher value is better.
    pub higher_is_better: bool,
    /// Curve points by increasing value.
    pub points: Vec<BenchmarkPoint>,
    /// Sources of the benchmark points.
    pub sources: Vec<Source>,
}

/// Every preset, in a fixed order.
pub fn presets() -> Vec<PresetInfo> {
    Preset::ALL
        .into_iter()
        .map(|p| PresetInfo {
            id: p.as_str().into(),
            name: p.name().into(),
            dimension_weights: Dimension::ALL
                .into_iter()
                .zip(p.dimension_weights())
                .map(|(dimension, weight)| DimensionWeight { dimension, weight })
                .collect(),
            metrics: MetricId::ALL
                .into_iter()
                .map(|m| {
                    let curve = p.curve(m);
                    let mut sources: Vec<Source> = Vec::new();
                    for s in curve
                        .anchors
                        .iter()
                        .filter_map(|a| a.source.and_then(source))
                    {
                        if !sources.iter().any(|x| x.id == s.id) {
                            sources.push(s.clone());
                        }
                    }
                    PresetMetric {
                        id: m.as_str().into(),
                        label: m.label().into(),
                        dimension: m.dimension(),
                        unit: m.unit().into(),
                        weight: p.metric_weight(m),
                        optional: m.optional(),
                        higher_is_better: curve.higher_is_better(),
                        points: curve
                            .anchors
                            .iter()
                            .map(BenchmarkPoint::of)
                            .collect(),
                        sources,
                    }
                })
                .collect(),
        })
        .collect()
}

/// The units table of the README, generated from the field table.
pub fn units_table_markdown() -> String {
    let mut out = String::from("| field | unit | range | meaning |\n|---|---|---|---|\n");
    for (path, spec) in crate::analyzer::model::all_fields() {
        let (unit, range) = match spec.ty {
            crate::analyzer::fields::FieldType::Number(kind)
            | crate::analyzer::fields::FieldType::NumberMap(kind) => {
                let (lo, hi) = kind.range();
                let hi = if hi >= crate::input::units::MAX_AMOUNT {
                    "1e15".to_string()
                } else {
                    crate::format::format_number(hi)
                };
                (
                    kind.unit().to_string(),
                    format!("{}..{hi}", crate::format::format_number(lo)),
                )
            }
            crate::analyzer::fields::FieldType::MetricMap => {
                ("the named metric's unit".into(), "per metric".into())
            }
            crate::analyzer::fields::FieldType::TextList => {
                ("text".into(), "up to 1000 labels".into())
            }
            crate::analyzer::fields::FieldType::Group(_) => continue,
        };
        let meaning = spec.doc.split_whitespace().collect::<Vec<_>>().join(" ");
        out.push_str(&format!("| `{path}` | {unit} | {range} | {meaning} |\n"));
    }
    out
}

/// The benchmark tables of docs/methodology.md, generated from the presets.
pub fn benchmark_table_markdown() -> String {
    let mut out = String::from(
        "| metric | dimension | weight in dimension | b2b-saas | enterprise-saas | consumer-subscription | consumer-social | sources |\n|---|---|---|---|---|---|---|---|\n",
    );
    for m in MetricId::ALL {
        let mut cells = Vec::new();
        let mut sources: Vec<&str> = Vec::new();
        for p in Preset::ALL {
            let curve = p.curve(m);
            let points: Vec<String> = curve
                .anchors
                .iter()
                .map(|a| {
                    let value = crate::format::format_number(a.value);
                    if a.is_benchmark() {
                        format!("**{} {value}** → {}", a.label, a.score)
                    } else {
                        format!("{value} → {}", a.score)
                    }
                })
                .collect();
            cells.push(points.join("; "));
            for s in curve.anchors.iter().filter_map(|a| a.source) {
                if !sources.contains(&s) {
                    sources.push(s);
                }
            }
        }
        let mut weight = crate::format::format_number(Preset::B2bSaas.metric_weight(m));
        if m.optional() {
            weight.push_str(" (optional: added when given)");
        }
        out.push_str(&format!(
            "| `{}` {} | {} | {weight} | {} | {} |\n",
            m.as_str(),
            m.label(),
            m.dimension().as_str(),
            cells.join(" | "),
            if sources.is_empty() {
                "scale only".to_string()
            } else {
                sources.join(", ")
            }
        ));
    }
    out
}

/// The dimension weights table of docs/methodology.md.
pub fn weights_table_markdown() -> String {
    let mut out = String::from("| preset | usage | adoption | survey | market | competitive |\n|---|---|---|---|---|---|\n");
    for p in Preset::ALL {
        let w: Vec<String> = p
            .dimension_weights()
            .iter()
            .map(|w| crate::format::format_number(*w))
            .collect();
        out.push_str(&format!(
            "| `{}` ({}) | {} |\n",
            p.as_str(),
            p.name(),
            w.join(" | ")
        ));
    }
    out
}

/// The sources table of docs/methodology.md.
pub fn sources_table_markdown() -> String {
    let mut out = String::from("| id | source | address |\n|---|---|---|\n");
    for s in crate::analyzer::benchmarks::SOURCES {
        let url = if s.url.is_empty() {
            "no stable public address; cited by title".to_string()
        } else {
            format!("<{}>", s.url)
        };
        out.push_str(&format!("| `{}` | {} | {url} |\n", s.id, s.citation));
    }
    out
}
