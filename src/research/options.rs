//! Options of `analyzeUsability`, read loosely and validated like the other
//! analyses' options: every problem at once, with its path and the
//! expected range.

use super::cells::TimeUnit;
use super::sus::SusVersion;
use crate::input::problem::{index_path, join_path, InputError, Problem};
use crate::input::raw::RawValue;
use crate::input::read::{self, Shape};
use serde::Serialize;

/// Options for `analyzeUsability`. All optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct UsabilityOptions {
    /// Which columns hold which question, by header text (case and spacing ignored); columns
    /// not named are found by their headers (and a Qualtrics export's question row). The
    /// result's `columns` says how each was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub columns: Option<UsabilityColumns>,
    /// Confidence level of every interval, 0.5..0.999. Default 0.95.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence_level: Option<f64>,
    /// The unit of task times written as plain numbers: `seconds`, `milliseconds` or
    /// `minutes`. Default: from the time column's header ("time (ms)", "duration_ms"), else
    /// seconds, with a warning. Clock times (`1:35`, `0:01:35`) are read as such.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "wasm",
        tsify(type = "\"seconds\" | \"milliseconds\" | \"minutes\"")
    )]
    pub time_unit: Option<String>,
    /// Which attempts a task's time is the geometric mean of: `successes` (the default, as
    /// Sauro & Lewis advise) or `all`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "\"successes\" | \"all\""))]
    pub times: Option<String>,
    /// How a partial success counts: `failure` (the default) or `success`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "\"failure\" | \"success\""))]
    pub partial: Option<String>,
    /// Which SUS was asked: `standard` (Brooke's alternating statements) or `all-positive`
    /// (Sauro & Lewis 2011). Default: from the statements' wording, else standard, with a
    /// warning.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "\"standard\" | \"all-positive\""))]
    pub sus_version: Option<String>,
    /// How the SUS answers are coded when they are numbers: `1-5` (1 = strongly disagree; the
    /// default) or `0-4` (some tools count from 0). Default: `0-4` when the answers hold a 0
    /// and no 5, with a warning.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "\"1-5\" | \"0-4\""))]
    pub sus_coding: Option<String>,
    /// CSV field delimiter: `,`, `;`, a tab or `|`. Default: detected from the header line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<String>,
    /// Keep responses the export marks as unfinished (Qualtrics `Finished` = 0 or False,
    /// Typeform's partial responses), as `analyzeSurvey` does. Default false: they are left
    /// out and listed in `skipped`, like Qualtrics' survey previews.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_partial: Option<bool>,
}

/// The columns `options.columns` names.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct UsabilityColumns {
    /// The participant's id (a task table's rows of one person share it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub participant: Option<String>,
    /// The task's name or id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task: Option<String>,
    /// The task's outcome (success / failure, 1 / 0, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub success: Option<String>,
    /// The time on task.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// The Single Ease Question's rating, 1..7.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seq: Option<String>,
    /// The ten SUS statements' columns, in the questionnaire's order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sus: Option<Vec<String>>,
    /// UMUX-Lite's two columns: capabilities, then ease.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub umux_lite: Option<Vec<String>>,
}

/// How SUS answers given as numbers are coded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SusCoding {
    /// 1 (strongly disagree) to 5 (strongly agree).
    OneToFive,
    /// 0 to 4.
    ZeroToFour,
}

impl SusCoding {
    /// The coding's name in options and results.
    pub fn as_str(self) -> &'static str {
        match self {
            SusCoding::OneToFive => "1-5",
            SusCoding::ZeroToFour => "0-4",
        }
    }
}

/// The options, checked and with their defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct UsabilityConfig {
    /// Columns named by the caller.
    pub columns: UsabilityColumns,
    /// Confidence level of every interval.
    pub confidence_level: f64,
    /// The unit of plain-number times, when the caller gave it.
    pub time_unit: Option<TimeUnit>,
    /// Times of all attempts, not only the successes.
    pub all_times: bool,
    /// Partial successes count as successes.
    pub partial_success: bool,
    /// The SUS version, when the caller gave it.
    pub sus_version: Option<SusVersion>,
    /// The SUS answers' coding, when the caller gave it.
    pub sus_coding: Option<SusCoding>,
    /// The CSV delimiter, when the caller gave it.
    pub delimiter: Option<u8>,
    /// Responses the export marks as unfinished are read.
    pub include_partial: bool,
}

impl Default for UsabilityConfig {
    fn default() -> Self {
        UsabilityConfig {
            columns: UsabilityColumns::default(),
            confidence_level: 0.95,
            time_unit: None,
            all_times: false,
            partial_success: false,
            sus_version: None,
            sus_coding: None,
            delimiter: None,
            include_partial: false,
        }
    }
}

const OPTION_NAMES: [&str; 9] = [
    "columns",
    "confidenceLevel",
    "timeUnit",
    "times",
    "partial",
    "susVersion",
    "susCoding",
    "delimiter",
    "includePartial",
];
const OPTIONS: Shape = Shape::options(&OPTION_NAMES, read::OPTIONS_EXPECTED);
const COLUMN_NAMES: [&str; 7] = [
    "participant",
    "task",
    "success",
    "time",
    "seq",
    "sus",
    "umuxLite",
];

impl UsabilityConfig {
    /// Reads options given as a loose value (`undefined`/`null` mean none).
    pub fn from_raw(raw: &RawValue) -> Result<UsabilityConfig, InputError> {
        read::options(raw, OPTIONS, "usability options", read_fields)
    }
}

fn read_fields(raw: &RawValue, c: &mut UsabilityConfig, problems: &mut Vec<Problem>) {
    c.columns = read_columns(raw.get("columns"), problems);
    if let Some(level) = read::confidence_level(
        raw.get("confidenceLevel"),
        "options.confidenceLevel",
        problems,
    ) {
        c.confidence_level = level;
    }
    let units =
        [TimeUnit::Seconds, TimeUnit::Milliseconds, TimeUnit::Minutes].map(|u| (u.as_str(), u));
    c.time_unit = read::choice_of(raw.get("timeUnit"), "options.timeUnit", &units, problems);
    let times = [("successes", false), ("all", true)];
    c.all_times =
        read::choice_of(raw.get("times"), "options.times", &times, problems).unwrap_or(false);
    let partial = [("failure", false), ("success", true)];
    c.partial_success =
        read::choice_of(raw.get("partial"), "options.partial", &partial, problems).unwrap_or(false);
    let versions = [
        ("standard", SusVersion::Standard),
        ("all-positive", SusVersion::AllPositive),
    ];
    c.sus_version = read::choice_of(
        raw.get("susVersion"),
        "options.susVersion",
        &versions,
        problems,
    );
    let codings = [SusCoding::OneToFive, SusCoding::ZeroToFour].map(|k| (k.as_str(), k));
    c.sus_coding = read::choice_of(
        raw.get("susCoding"),
        "options.susCoding",
        &codings,
        problems,
    );
    c.delimiter = read::delimiter(raw.get("delimiter"), "options.delimiter", problems);
    c.include_partial = read::flag(
        raw.get("includePartial"),
        "options.includePartial",
        false,
        problems,
    );
}

fn read_columns(raw: &RawValue, problems: &mut Vec<Problem>) -> UsabilityColumns {
    let mut cols = UsabilityColumns::default();
    let path = "options.columns";
    let expected = "an object naming columns, e.g. { task: \"Task name\", time: \"Seconds\" }";
    if read::object(raw, path, Shape::options(&COLUMN_NAMES, expected), problems).is_none() {
        return cols;
    }
    let mut header = |key: &str| read::column_header(raw.get(key), &join_path(path, key), problems);
    cols.participant = header("participant");
    cols.task = header("task");
    cols.success = header("success");
    cols.time = header("time");
    cols.seq = header("seq");
    cols.sus = header_list(
        raw.get("sus"),
        "options.columns.sus",
        10,
        "the ten SUS statements' columns, in order",
        problems,
    );
    cols.umux_lite = header_list(
        raw.get("umuxLite"),
        "options.columns.umuxLite",
        2,
        "UMUX-Lite's two columns: capabilities, then ease",
        problems,
    );
    cols
}

/// Exactly `count` column headers.
fn header_list(
    raw: &RawValue,
    path: &str,
    count: usize,
    what: &str,
    problems: &mut Vec<Problem>,
) -> Option<Vec<String>> {
    let expected = format!("an array of {count} column headers: {what}");
    let items = read::array(raw, path, &expected, problems)?;
    if items.len() != count {
        problems.push(Problem::new(
            path,
            format!("{} headers", items.len()),
            expected,
        ));
        return None;
    }
    let names: Vec<String> = items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| read::required_column_header(item, &index_path(path, i), problems))
        .collect();
    (names.len() == count).then_some(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_at_once() {
        let raw = RawValue::from_json_str(
            r#"{"timeUnit": "secs", "times": "every", "susVersion": "positive",
                "columns": {"sus": ["a", "b"], "tasks": "x"}, "confidenceLevel": 95}"#,
        )
        .unwrap();
        let err = UsabilityConfig::from_raw(&raw).unwrap_err().to_string();
        for path in [
            "options.timeUnit",
            "options.times",
            "options.susVersion",
            "options.columns.sus",
            "options.columns",
            "options.confidenceLevel",
        ] {
            assert!(err.contains(path), "{path} not in {err}");
        }
    }

    #[test]
    fn defaults_and_choices() {
        assert_eq!(
            UsabilityConfig::from_raw(&RawValue::Undefined).unwrap(),
            UsabilityConfig::default()
        );
        let raw = RawValue::from_json_str(r#"{"timeUnit": "milliseconds", "times": "all", "partial": "success", "susVersion": "all-positive", "susCoding": "0-4", "includePartial": true}"#).unwrap();
        let c = UsabilityConfig::from_raw(&raw).unwrap();
        assert_eq!(c.time_unit, Some(TimeUnit::Milliseconds));
        assert!(c.all_times && c.partial_success && c.include_partial);
        assert_eq!(
            (c.sus_version, c.sus_coding),
            (Some(SusVersion::AllPositive), Some(SusCoding::ZeroToFour))
        );
    }
}
