//! Options of `analyzeSurvey`, read loosely and validated like the
//! analyzer's: every problem at once, with its path and the expected range.

use super::coding::Direction;
use super::dates::DateOrder;
use crate::input::problem::{index_path, join_path, InputError, Problem};
use crate::input::raw::RawValue;
use crate::input::read::{self, Shape};
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
/// Most segment columns broken down (each is a full breakdown).
pub const MAX_SEGMENT_COLUMNS: usize = 8;

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
    /// Keep responses the export marks as unfinished (Qualtrics `Finished` = 0 or False,
    /// Typeform's partial responses). Default false: they are left out and listed in
    /// `skipped`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_partial: Option<bool>,
    /// Which way coded scales run, where the export writes codes rather than labels and the
    /// question's text does not say: `csat` `ascending` (1 = least satisfied, the default) or
    /// `descending` (1 = most satisfied, as some exports code "Extremely satisfied" first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scales: Option<SurveyScales>,
    /// Split the answers into waves by their completion date (`month` or `quarter`; off by
    /// default) and report NPS, the Sean Ellis share and CSAT per wave with the change from the
    /// wave before. The date column is the tool's (Qualtrics `RecordedDate`, SurveyMonkey `End
    /// Date`, Typeform `Submit Date (UTC)`, Google Forms `Timestamp`, Microsoft Forms
    /// `Completion time`), else one a date word names, or `columns.date`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "\"month\" | \"quarter\""))]
    pub waves: Option<String>,
    /// How `NN/NN/YYYY` dates are written when no date in the file tells (none with a part above
    /// 12): `month-day` or `day-month`. Default: the tool's (month-day for SurveyMonkey and
    /// Microsoft Forms), day-month for dotted dates.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "\"month-day\" | \"day-month\""))]
    pub date_order: Option<String>,
    /// The respondents' product usage, to read the answers by engagement and by feature
    /// adoption (`behaviour` in the result): usage events as `analyzeEvents` takes them, one user
    /// id, time (ms since the epoch, UTC) and, for `features`, event name per event. Respondents
    /// are matched by the survey's user column (`columns.user`, else found by its header) and
    /// their answer's day by its completion date column (`columns.date`, else the tool's).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "wasm",
        tsify(type = "Pick<EventArrays, \"userIds\" | \"timestamps\" | \"eventNames\">")
    )]
    pub behaviour: Option<()>,
    /// With `behaviour`, the features to split the respondents by (adopters against the rest):
    /// each a name and the events that mean it was used, as `analyzeEvents`' `features`:
    /// `{ "Projects": ["project_created", "project_shared"] }`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "Record<string, string | string[]>"))]
    pub features: Option<Vec<(String, Vec<String>)>>,
}

/// The period survey waves are split by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WavePeriod {
    /// Calendar months: `2026-11`.
    Month,
    /// Calendar quarters: `2026-Q4`.
    Quarter,
}

impl WavePeriod {
    /// The id used in options and results.
    pub fn as_str(self) -> &'static str {
        match self {
            WavePeriod::Month => "month",
            WavePeriod::Quarter => "quarter",
        }
    }

    /// The wave a day falls in.
    pub fn label(self, (year, month, _day): (i32, u32, u32)) -> String {
        match self {
            WavePeriod::Month => format!("{year:04}-{month:02}"),
            WavePeriod::Quarter => format!("{year:04}-Q{}", month.div_ceil(3)),
        }
    }
}

/// Directions of coded scales.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SurveyScales {
    /// The satisfaction question's codes: `ascending` (1 = least satisfied) or `descending`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "\"ascending\" | \"descending\""))]
    pub csat: Option<String>,
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
    /// More segment columns, each broken down on its own (`segmentsByColumn`); naming any
    /// segment turns off finding the others by their headers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segments: Option<Vec<String>>,
    /// 1..5 feature rating columns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub features: Option<Vec<String>>,
    /// The completion date column that `waves` splits by.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The free-text "What is the main benefit you receive from ...?" question (`engine`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub main_benefit: Option<String>,
    /// The free-text "What type of people do you think would most benefit from ...?" question.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub who_benefits: Option<String>,
    /// The free-text "How can we improve ... for you?" question.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub improve: Option<String>,
    /// The free-text feature-request question ("What should we build next?"), read by
    /// `featureRequests`; without one, the `improve` question.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requests: Option<String>,
    /// With `behaviour`, the column of each respondent's user id, as `behaviour.userIds` holds
    /// it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
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
    /// Keep responses marked unfinished.
    pub include_partial: bool,
    /// The satisfaction codes' direction, when the caller gave it.
    pub csat_direction: Option<Direction>,
    /// Waves by completion date, when asked.
    pub waves: Option<WavePeriod>,
    /// The order of day and month in dates, when the caller gave it.
    pub date_order: Option<DateOrder>,
    /// With behaviour, the features to split respondents by: names and their events.
    pub behaviour_features: Vec<(String, Vec<String>)>,
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
            include_partial: false,
            csat_direction: None,
            waves: None,
            date_order: None,
            behaviour_features: Vec::new(),
        }
    }
}

const OPTION_NAMES: [&str; 13] = [
    "columns",
    "confidenceLevel",
    "npsMethod",
    "pmfBar",
    "npsMargin",
    "minSegmentSize",
    "delimiter",
    "includePartial",
    "scales",
    "waves",
    "dateOrder",
    "behaviour",
    "features",
];
const OPTIONS: Shape = Shape::options(&OPTION_NAMES, read::OPTIONS_EXPECTED);
const COLUMN_NAMES: [&str; 12] = [
    "nps",
    "pmf",
    "csat",
    "segment",
    "segments",
    "features",
    "date",
    "mainBenefit",
    "whoBenefits",
    "improve",
    "requests",
    "user",
];

impl SurveyConfig {
    /// Reads options given as a loose value (`undefined`/`null` mean none).
    pub fn from_raw(raw: &RawValue) -> Result<SurveyConfig, InputError> {
        read::options(raw, OPTIONS, "survey options", read_fields)
    }
}

fn read_fields(raw: &RawValue, c: &mut SurveyConfig, problems: &mut Vec<Problem>) {
    c.columns = read_columns(raw.get("columns"), problems);
    if let Some(level) = read::confidence_level(
        raw.get("confidenceLevel"),
        "options.confidenceLevel",
        problems,
    ) {
        c.confidence_level = level;
        c.z = z_for_confidence(level);
    }
    let methods = [NpsMethod::AdjustedWald, NpsMethod::Wald].map(|m| (m.as_str(), m));
    let path = "options.npsMethod";
    c.nps_method =
        read::choice_of(raw.get("npsMethod"), path, &methods, problems).unwrap_or(c.nps_method);
    for (key, range, expected, target) in [
        (
            "pmfBar",
            (0.001, 0.999),
            "a share between 0 and 1 (0.4 = 40%)",
            &mut c.pmf_bar,
        ),
        (
            "npsMargin",
            (0.1, 100.0),
            "a margin of error in NPS points, 0.1 to 100",
            &mut c.nps_margin,
        ),
        (
            "minSegmentSize",
            (1.0, 1e6),
            "a number of answers from 1 to 1000000",
            &mut c.min_segment_size,
        ),
    ] {
        let path = join_path("options", key);
        if let Some(v) = read::number_in(raw.get(key), &path, range, expected, problems) {
            *target = v;
        }
    }
    c.delimiter = read::delimiter(raw.get("delimiter"), "options.delimiter", problems);
    c.include_partial = read::flag(
        raw.get("includePartial"),
        "options.includePartial",
        false,
        problems,
    );
    c.csat_direction = read_scales(raw.get("scales"), problems);
    let periods = [WavePeriod::Month, WavePeriod::Quarter].map(|p| (p.as_str(), p));
    c.waves = read::choice_of(raw.get("waves"), "options.waves", &periods, problems);
    let orders = [DateOrder::MonthDay, DateOrder::DayMonth].map(|o| (o.as_str(), o));
    c.date_order = read::choice_of(raw.get("dateOrder"), "options.dateOrder", &orders, problems);
    c.behaviour_features = read::event_features(raw.get("features"), problems);
    if !matches!(raw.get("behaviour"), RawValue::Undefined | RawValue::Null) {
        // analyzeSurvey takes the events out of the options before they are read here.
        problems.push(Problem::new(
            "options.behaviour",
            raw.get("behaviour").describe(),
            "usage events only where analyzeSurvey reads them (in Rust, analyze_survey_csv_with_behaviour); compareSurveys does not join behaviour",
        ));
    }
}

fn read_scales(raw: &RawValue, problems: &mut Vec<Problem>) -> Option<Direction> {
    let path = "options.scales";
    let expected = "an object giving each coded scale's direction, e.g. { csat: \"descending\" }";
    read::object(raw, path, Shape::options(&["csat"], expected), problems)?;
    let directions = [Direction::Ascending, Direction::Descending].map(|d| (d.as_str(), d));
    read::choice_of(
        raw.get("csat"),
        "options.scales.csat",
        &directions,
        problems,
    )
}

fn read_columns(raw: &RawValue, problems: &mut Vec<Problem>) -> SurveyColumns {
    let mut cols = SurveyColumns::default();
    let path = "options.columns";
    let expected = "an object naming columns, e.g. { nps: \"How likely...\" }";
    if read::object(raw, path, Shape::options(&COLUMN_NAMES, expected), problems).is_none() {
        return cols;
    }
    let mut header = |key: &str| read::column_header(raw.get(key), &join_path(path, key), problems);
    cols.nps = header("nps");
    cols.pmf = header("pmf");
    cols.csat = header("csat");
    cols.segment = header("segment");
    cols.date = header("date");
    cols.main_benefit = header("mainBenefit");
    cols.who_benefits = header("whoBenefits");
    cols.improve = header("improve");
    cols.requests = header("requests");
    cols.user = header("user");
    let segments_path = "options.columns.segments";
    if let Some(items) = read::array(
        raw.get("segments"),
        segments_path,
        "an array of column headers",
        problems,
    ) {
        let names: Vec<String> = items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                read::required_column_header(item, &index_path(segments_path, i), problems)
            })
            .collect();
        if names.len() > MAX_SEGMENT_COLUMNS {
            problems.push(Problem::new(
                segments_path,
                format!("{} columns", names.len()),
                format!("at most {MAX_SEGMENT_COLUMNS} segment columns"),
            ));
        }
        cols.segments = Some(names.into_iter().take(MAX_SEGMENT_COLUMNS).collect());
    }
    let features_path = "options.columns.features";
    let expected = "an array of column headers";
    if let Some(items) = read::array(raw.get("features"), features_path, expected, problems) {
        let mut names: Vec<String> = items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                read::required_column_header(item, &index_path(features_path, i), problems)
            })
            .collect();
        if names.len() > MAX_FEATURE_COLUMNS {
            problems.push(Problem::new(
                features_path,
                format!("{} columns", names.len()),
                format!("at most {MAX_FEATURE_COLUMNS} feature columns"),
            ));
            names.truncate(MAX_FEATURE_COLUMNS);
        }
        cols.features = Some(names);
    }
    cols
}
