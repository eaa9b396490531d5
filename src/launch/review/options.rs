//! Reading `reviewLaunch`'s options: the review day, the actual launch
//! day, which events mean "used a new feature", a survey's CSAT and the
//! revenue. Every problem at once, with its path.

use crate::calendar::iso_date;
use crate::events::EventsConfig;
use crate::input::problem::{join_path, Problem};
use crate::input::raw::RawValue;
use crate::input::read::{self, name, Shape};
use crate::input::suggest::did_you_mean;
use crate::input::units::NumberKind;
use serde::Serialize;

/// Options for `reviewLaunch`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchReviewOptions {
    /// The day of the review, `YYYY-MM-DD` (the library reads no clock). Required.
    pub as_of: String,
    /// The day it actually launched, `YYYY-MM-DD`, not after `asOf`. Default: the planned day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub launched_on: Option<String>,
    /// Each new feature's id (from `newFeatures`) and the event names that mean "used it":
    /// `{ feature_1: ["report_exported"] }`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "Record<string, string | string[]>"))]
    pub feature_events: Option<Vec<(String, Vec<String>)>>,
    /// The usage events: as `analyzeEvents` takes them (`{ userIds, timestamps, eventNames }`),
    /// or an events export file as `analyzeEventsCsv` takes it (text or bytes), read as
    /// `eventsOptions` says.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "wasm",
        tsify(type = "EventArrays | string | Uint8Array | ArrayBuffer")
    )]
    pub events: Option<()>,
    /// How to read `events` when it is a file: `analyzeEventsCsv`'s options (`columns`,
    /// `timeUnit`, `delimiter`, `aliases`, `ignoreEvents`); those of the analysis (weeks,
    /// cohorts, the time zone) have no bearing on the review, whose days are UTC.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "EventsOptions"))]
    pub events_options: Option<()>,
    /// A survey's analysis (`analyzeSurvey`'s result): its `csat` is the satisfaction measured.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "wasm",
        tsify(
            type = "{ csat?: { share: number; interval: [number, number]; mean: number; n: number } | null }"
        )
    )]
    pub survey: Option<()>,
    /// Revenue attributed to the launch, in currency units.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revenue: Option<LaunchRevenue>,
}

/// Revenue attributed to the launch.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchRevenue {
    /// What it brought, in currency units, 0..1e15.
    pub actual: f64,
    /// The target; default the plan's `successMetrics.revenueImpact`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
}

/// A survey's CSAT, as `analyzeSurvey` reports it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Csat {
    pub share: f64,
    pub interval: [f64; 2],
    pub mean: f64,
    pub n: f64,
}

/// The options, read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ReviewOptions {
    pub as_of: i64,
    pub launched_on: Option<i64>,
    /// (feature id, its event names), in the order given.
    pub feature_events: Vec<(String, Vec<String>)>,
    /// `None`: no survey; `Some(None)`: a survey without CSAT.
    pub survey: Option<Option<Csat>>,
    pub revenue: Option<(f64, Option<f64>)>,
    /// How an events file is read (`eventsOptions`; default options when absent).
    pub events_config: EventsConfig,
}

const OPTION_NAMES: [&str; 7] = [
    "asOf",
    "launchedOn",
    "featureEvents",
    "events",
    "eventsOptions",
    "survey",
    "revenue",
];
const REVENUE_FIELDS: [&str; 2] = ["actual", "target"];
/// Most features in `featureEvents`: each is a bit of one word per event
/// name while the events are counted.
pub const MAX_REVIEWED_FEATURES: usize = 64;

/// Reads the options. `features`: the plan's feature ids, which the keys
/// of `featureEvents` must be (unchecked when the plan itself could not be
/// read, `plan_read` false).
pub(crate) fn read(
    raw: &RawValue,
    features: &[String],
    plan_read: bool,
) -> Result<ReviewOptions, Vec<Problem>> {
    let mut problems = Vec::new();
    let expected =
        "an object: { asOf, launchedOn?, featureEvents?, events?, eventsOptions?, survey?, revenue? }";
    if read::required_object(
        raw,
        "options",
        Shape::options(&OPTION_NAMES, expected),
        &mut problems,
    )
    .is_none()
    {
        return Err(problems);
    }
    let as_of = read::date(raw.get("asOf"), "options.asOf", &mut problems);
    let launched_on =
        read::optional_date(raw.get("launchedOn"), "options.launchedOn", &mut problems);
    if let (Some(today), Some(day)) = (as_of, launched_on) {
        if day > today {
            problems.push(Problem::new(
                "options.launchedOn",
                format!("\"{}\"", iso_date(day)),
                format!(
                    "the day it launched, on or before options.asOf ({})",
                    iso_date(today)
                ),
            ));
        }
    }
    let feature_events =
        read_feature_events(raw.get("featureEvents"), features, plan_read, &mut problems);
    let survey = read_survey(raw.get("survey"), &mut problems);
    let revenue = read_revenue(raw.get("revenue"), &mut problems);
    let events_config = read_events_options(raw.get("eventsOptions"), &mut problems);
    match as_of {
        Some(as_of) if problems.is_empty() => Ok(ReviewOptions {
            as_of,
            launched_on,
            feature_events,
            survey,
            revenue,
            events_config,
        }),
        _ => Err(problems),
    }
}

fn read_feature_events(
    raw: &RawValue,
    features: &[String],
    plan_read: bool,
    problems: &mut Vec<Problem>,
) -> Vec<(String, Vec<String>)> {
    let path = "options.featureEvents";
    let expected = "an object: each new feature's id and the event names that mean it was used";
    let entries = match raw {
        RawValue::Undefined | RawValue::Null => return Vec::new(),
        RawValue::Object(entries) => entries,
        other => {
            problems.push(Problem::new(path, other.describe(), expected));
            return Vec::new();
        }
    };
    if entries.len() > MAX_REVIEWED_FEATURES {
        problems.push(Problem::new(
            path,
            format!("{} features", entries.len()),
            format!("at most {MAX_REVIEWED_FEATURES} new features"),
        ));
        return Vec::new();
    }
    let mut out = Vec::new();
    for (feature, value) in entries {
        let feature_path = join_path(path, feature);
        if plan_read && !features.iter().any(|f| f == feature) {
            let hint = did_you_mean(feature, features.iter().map(String::as_str))
                .map(|f| format!("did you mean {f}?"));
            problems.push(
                Problem::new(
                    &feature_path,
                    "a feature that is not in newFeatures",
                    if features.is_empty() {
                        "a feature id from the plan's newFeatures (it lists none)".to_string()
                    } else {
                        format!("one of {}", features.join(", "))
                    },
                )
                .with_hint(hint),
            );
            continue;
        }
        let names = match value {
            RawValue::Array(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, v)| {
                    name(
                        v,
                        &format!("{feature_path}[{i}]"),
                        "an event name",
                        problems,
                    )
                })
                .collect(),
            v => name(
                v,
                &feature_path,
                "an event name, or an array of them",
                problems,
            )
            .into_iter()
            .collect(),
        };
        out.push((feature.clone(), names));
    }
    out
}

fn read_survey(raw: &RawValue, problems: &mut Vec<Problem>) -> Option<Option<Csat>> {
    let path = "options.survey";
    let csat = match raw {
        RawValue::Undefined | RawValue::Null => return None,
        RawValue::Object(_) => raw.get("csat"),
        other => {
            problems.push(Problem::new(
                path,
                other.describe(),
                "analyzeSurvey's result (its csat is read)",
            ));
            return None;
        }
    };
    if matches!(csat, RawValue::Undefined | RawValue::Null) {
        return Some(None);
    }
    let csat_path = join_path(path, "csat");
    let mut number = |key: &str, range: Option<(f64, f64)>, expected: &str| {
        let value = csat.get(key);
        let field = join_path(&csat_path, key);
        if matches!(value, RawValue::Undefined | RawValue::Null) {
            problems.push(Problem::new(&field, "nothing", expected));
            return None;
        }
        match range {
            Some(range) => read::number_in(value, &field, range, expected, problems),
            // A share: a percentage gets "did you mean 0.75?".
            None => read::number_of_kind(value, &field, NumberKind::Fraction, problems),
        }
    };
    let share = number("share", None, "the share of satisfied answers, 0..1");
    let mean = number("mean", Some((1.0, 5.0)), "the mean rating, 1..5");
    let n = number("n", Some((0.0, 1e15)), "the number of answers counted");
    let interval_path = join_path(&csat_path, "interval");
    let interval = match csat.get("interval") {
        RawValue::Array(v) => match v.as_slice() {
            [RawValue::Number(lo), RawValue::Number(hi)]
                if (0.0..=1.0).contains(lo) && (0.0..=1.0).contains(hi) && lo <= hi =>
            {
                Some([*lo, *hi])
            }
            _ => None,
        },
        _ => None,
    };
    if interval.is_none() {
        problems.push(Problem::new(
            &interval_path,
            csat.get("interval").describe(),
            "[low, high], two shares 0..1, low first (as analyzeSurvey gives it)",
        ));
    }
    match (share, mean, n, interval) {
        (Some(share), Some(mean), Some(n), Some(interval)) => Some(Some(Csat {
            share,
            interval,
            mean,
            n,
        })),
        _ => None,
    }
}

fn read_revenue(raw: &RawValue, problems: &mut Vec<Problem>) -> Option<(f64, Option<f64>)> {
    let path = "options.revenue";
    let expected = "{ actual, target? } in currency units";
    read::object(
        raw,
        path,
        Shape::fields(&REVENUE_FIELDS, expected),
        problems,
    )?;
    let actual = read::number_of_kind(
        raw.get("actual"),
        &join_path(path, "actual"),
        NumberKind::Currency,
        problems,
    );
    let target = read::number_of_kind(
        raw.get("target"),
        &join_path(path, "target"),
        NumberKind::Currency,
        problems,
    );
    if actual.is_none() && matches!(raw.get("actual"), RawValue::Undefined | RawValue::Null) {
        problems.push(Problem::new(
            join_path(path, "actual"),
            "nothing",
            "the revenue the launch brought, in currency units",
        ));
    }
    actual.map(|a| (a, target))
}

/// `eventsOptions`, read by the events reader itself; its problems' paths
/// (`options.columns`, ...) put under `options.eventsOptions`.
fn read_events_options(raw: &RawValue, problems: &mut Vec<Problem>) -> EventsConfig {
    if matches!(raw, RawValue::Undefined | RawValue::Null) {
        return EventsConfig::default();
    }
    match EventsConfig::from_raw(raw) {
        Ok(config) => config,
        Err(error) => {
            problems.extend(error.problems.into_iter().map(|mut p| {
                p.path = match p.path.strip_prefix("options") {
                    Some(rest) => format!("options.eventsOptions{rest}"),
                    None => format!("options.eventsOptions.{}", p.path),
                };
                p
            }));
            EventsConfig::default()
        }
    }
}
