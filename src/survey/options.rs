//! Options of `analyzeSurvey`, read loosely and validated like the
//! analyzer's: every problem at once, with its path and the expected range.

use crate::format::format_suggestion;
use crate::input::problem::{join_path, unknown_keys, InputError, Problem};
use crate::input::raw::RawValue;
use crate::stats::z_for_confidence;
use serde::Serialize;

/// The Sean Ellis bar: 40% "very disappointed" (docs/methodology.md).
pub const DEFAULT_PMF_BAR: f64 = 0.40;
/// NPS margin of error the sample-size figure is computed for, in points.
pub const DEFAULT_NPS_MARGIN: f64 = 5.0;
/// Segments with fewer answers than this are flagged, not ranked: 40 per
/// segment, the practitioners' minimum for the Sean Ellis survey.
pub const DEFAULT_MIN_SEGMENT: f64 = 40.0;
/// Most feature rating columns read.
pub const MAX_FEATURE_COLUMNS: usize = 64;

/// Options for `analyzeSurvey` and `compareSurveys`. All optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SurveyOptions {
    /// Which CSV columns hold which question, by header text (case and surrounding spaces
    /// ignored). Columns not named are detected from their headers, then from their values; the
    /// result's `columns` says how each was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub columns: Option<SurveyColumns>,
    /// Confidence level of every interval, 0.5..0.999. Default 0.95.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence_level: Option<f64>,
    /// NPS interval method: `adjusted-wald` (default; Rocks 2016) or `wald`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "\"adjusted-wald\" | \"wald\""))]
    pub nps_method: Option<String>,
    /// The Sean Ellis bar to test the "very disappointed" share against, 0..1 exclusive.
    /// Default 0.4.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pmf_bar: Option<f64>,
    /// NPS margin of error, in points (0..100], that the sample-size figure is computed for.
    /// Default 5.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nps_margin: Option<f64>,
    /// Segments with fewer answers than this are flagged as small rather than ranked, 1..1e6.
    /// Default 40.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_segment_size: Option<f64>,
    /// CSV field delimiter: `,`, `;`, a tab or `|`. Default: detected from the header line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<String>,
}

/// Column names for the survey questions.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SurveyColumns {
    /// The 0..10 "how likely are you to recommend" question.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nps: Option<String>,
    /// The Sean Ellis "how would you feel if you could no longer use" question.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pmf: Option<String>,
    /// The 1..5 satisfaction question.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub csat: Option<String>,
    /// A segment column (role, plan, company size...) to break every metric down by.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segment: Option<String>,
    /// 1..5 feature rating columns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub features: Option<Vec<String>>,
}

/// NPS interval method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NpsMethod {
    /// Rocks (2016) adjusted Wald.
    AdjustedWald,
    /// Plain Wald.
    Wald,
}

impl NpsMethod {
    /// The id used in options and results.
    pub fn as_str(self) -> &'static str {
        match self {
            NpsMethod::AdjustedWald => "adjusted-wald",
            NpsMethod::Wald => "wald",
        }
    }
}

/// Resolved survey options.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyConfig {
    /// Columns named by the caller.
    pub columns: SurveyColumns,
    /// Confidence level.
    pub confidence_level: f64,
    /// Its two-sided normal quantile.
    pub z: f64,
    /// NPS interval method.
    pub nps_method: NpsMethod,
    /// Sean Ellis bar.
    pub pmf_bar: f64,
    /// NPS margin for the sample-size figure.
    pub nps_margin: f64,
    /// Smallest segment ranked.
    pub min_segment_size: f64,
    /// CSV delimiter, if given.
    pub delimiter: Option<u8>,
}

impl Default for SurveyConfig {
    fn default() -> Self {
        SurveyConfig {
            columns: SurveyColumns::default(),
            confidence_level: 0.95,
            z: z_for_confidence(0.95),
            nps_method: NpsMethod::AdjustedWald,
            pmf_bar: DEFAULT_PMF_BAR,
            nps_margin: DEFAULT_NPS_MARGIN,
            min_segment_size: DEFAULT_MIN_SEGMENT,
            delimiter: None,
        }
    }
}

const OPTION_NAMES: [&str; 7] = [
    "columns",
    "confidenceLevel",
    "npsMethod",
    "pmfBar",
    "npsMargin",
    "minSegmentSize",
    "delimiter",
];
const COLUMN_NAMES: [&str; 5] = ["nps", "pmf", "csat", "segment", "features"];

impl SurveyConfig {
    /// Reads options given as a loose value (`undefined`/`null` mean none).
    pub fn from_raw(raw: &RawValue) -> Result<SurveyConfig, InputError> {
        let mut c = SurveyConfig::default();
        let mut problems = Vec::new();
        match raw {
            RawValue::Undefined | RawValue::Null => return Ok(c),
            RawValue::Object(entries) => {
                unknown_keys(entries, "options", &OPTION_NAMES, &mut problems)
            }
            other => {
                problems.push(Problem::new(
                    "options",
                    other.describe(),
                    "an object of options, or nothing",
                ));
                return Err(InputError::new("survey options", problems));
            }
        }
        c.columns = read_columns(raw.get("columns"), &mut problems);
        if let Some(level) = number(
            raw.get("confidenceLevel"),
            "options.confidenceLevel",
            0.5,
            0.999,
            "a level between 0.5 and 0.999 (0.95 = 95%)",
            &mut problems,
        ) {
            c.confidence_level = level;
            c.z = z_for_confidence(level);
        }
        match raw.get("npsMethod") {
            RawValue::Undefined | RawValue::Null => {}
            RawValue::String(m) if m == "adjusted-wald" => c.nps_method = NpsMethod::AdjustedWald,
            RawValue::String(m) if m == "wald" => c.nps_method = NpsMethod::Wald,
            other => problems.push(Problem::new(
                "options.npsMethod",
                other.describe(),
                "\"adjusted-wald\" or \"wald\"",
            )),
        }
        if let Some(bar) = number(
            raw.get("pmfBar"),
            "options.pmfBar",
            0.001,
            0.999,
            "a share between 0 and 1 (0.4 = 40%)",
            &mut problems,
        ) {
            c.pmf_bar = bar;
        }
        if let Some(m) = number(
            raw.get("npsMargin"),
            "options.npsMargin",
            0.1,
            100.0,
            "a margin of error in NPS points, 0.1 to 100",
            &mut problems,
        ) {
            c.nps_margin = m;
        }
        if let Some(m) = number(
            raw.get("minSegmentSize"),
            "options.minSegmentSize",
            1.0,
            1e6,
            "a number of answers from 1 to 1000000",
            &mut problems,
        ) {
            c.min_segment_size = m;
        }
        match raw.get("delimiter") {
            RawValue::Undefined | RawValue::Null => {}
            RawValue::String(d) if matches!(d.as_str(), "," | ";" | "\t" | "|") => {
                c.delimiter = d.bytes().next()
            }
            other => problems.push(Problem::new(
                "options.delimiter",
                other.describe(),
                "one of \",\", \";\", \"\\t\" or \"|\"",
            )),
        }
        if problems.is_empty() {
            Ok(c)
        } else {
            Err(InputError::new("survey options", problems))
        }
    }
}

fn number(
    raw: &RawValue,
    path: &str,
    min: f64,
    max: f64,
    expected: &str,
    problems: &mut Vec<Problem>,
) -> Option<f64> {
    match raw {
        RawValue::Undefined | RawValue::Null => None,
        RawValue::Number(v) if (min..=max).contains(v) => Some(*v),
        other => {
            // A percentage given where a share belongs: 95 for 0.95, 40 for 0.4.
            let hint = match other {
                RawValue::Number(v)
                    if max < 1.0
                        && *v > 1.0
                        && *v <= 100.0
                        && (min..=max).contains(&(v / 100.0)) =>
                {
                    Some(format!("did you mean {}?", format_suggestion(v / 100.0)))
                }
                _ => None,
            };
            problems.push(Problem::new(path, other.describe(), expected).with_hint(hint));
            None
        }
    }
}

fn read_columns(raw: &RawValue, problems: &mut Vec<Problem>) -> SurveyColumns {
    let mut cols = SurveyColumns::default();
    let path = "options.columns";
    match raw {
        RawValue::Undefined | RawValue::Null => return cols,
        RawValue::Object(entries) => unknown_keys(entries, path, &COLUMN_NAMES, problems),
        other => {
            problems.push(Problem::new(
                path,
                other.describe(),
                "an object naming columns, e.g. { nps: \"How likely...\" }",
            ));
            return cols;
        }
    }
    let mut name = |key: &str| match raw.get(key) {
        RawValue::Undefined | RawValue::Null => None,
        RawValue::String(s) if !s.trim().is_empty() => Some(s.clone()),
        other => {
            problems.push(Problem::new(
                join_path(path, key),
                other.describe(),
                "a column header (text)",
            ));
            None
        }
    };
    cols.nps = name("nps");
    cols.pmf = name("pmf");
    cols.csat = name("csat");
    cols.segment = name("segment");
    match raw.get("features") {
        RawValue::Undefined | RawValue::Null => {}
        RawValue::Array(items) => {
            let mut names = Vec::new();
            for (i, item) in items.iter().enumerate() {
                match item {
                    RawValue::String(s) if !s.trim().is_empty() => names.push(s.clone()),
                    other => problems.push(Problem::new(
                        crate::input::problem::index_path("options.columns.features", i),
                        other.describe(),
                        "a column header (text)",
                    )),
                }
            }
            if names.len() > MAX_FEATURE_COLUMNS {
                problems.push(Problem::new(
                    "options.columns.features",
                    format!("{} columns", names.len()),
                    format!("at most {MAX_FEATURE_COLUMNS} feature columns"),
                ));
                names.truncate(MAX_FEATURE_COLUMNS);
            }
            cols.features = Some(names);
        }
        other => problems.push(Problem::new(
            "options.columns.features",
            other.describe(),
            "an array of column headers",
        )),
    }
    cols
}
