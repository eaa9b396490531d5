//! Survey analysis from raw answers: NPS, the Sean Ellis 40% test and CSAT,
//! each with a confidence interval, from a CSV export or from arrays, with
//! every unused row reported; two waves compared.
//!
//! ```
//! use market_validation::survey::{analyze_survey_csv, SurveyConfig};
//! let csv = "Role,How likely are you to recommend us?,How would you feel if you could no longer use it?\n\
//!            Dev,10,Very disappointed\nDev,9,Somewhat disappointed\nPM,6,Not disappointed\n";
//! let report = analyze_survey_csv(csv.as_bytes(), &SurveyConfig::default()).unwrap();
//! let nps = report.nps.unwrap();
//! assert_eq!((nps.promoters, nps.passives, nps.detractors), (2, 0, 1));
//! assert!((nps.score - 33.333333333333336).abs() < 1e-9);
//! ```

pub(crate) mod answers;
mod coding;
mod columns;
mod compare;
mod csv_input;
mod dates;
pub mod engine;
pub mod joined;
pub mod metrics;
mod options;
pub mod report;
pub mod requests;
pub(crate) mod responses;
mod sniff;
pub(crate) mod tally;
pub mod waves;

pub use dates::DateOrder;
#[cfg(feature = "events")]
pub use joined::Behaviour;
pub use joined::SurveyBehaviour;
pub use options::{
    NpsMethod, SurveyColumns, SurveyConfig, SurveyOptions, SurveyScales, WavePeriod,
    MAX_FEATURE_COLUMNS,
};
pub use report::SurveyAnalysis;

use crate::input::csv::DetectedColumn;
use crate::input::problem::{InputError, Problem};
use crate::input::row_issues::RowId;
use answers::Cell;
use joined::respondents::{Matcher, Respondents};
use serde::Serialize;
use tally::{Layout, RowCells, Tally};

/// The column of each question, as found.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct DetectedColumns {
    /// The NPS question.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nps: Option<DetectedColumn>,
    /// The Sean Ellis question.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pmf: Option<DetectedColumn>,
    /// The satisfaction question.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub csat: Option<DetectedColumn>,
    /// The segment column (the first of `segments`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segment: Option<DetectedColumn>,
    /// Every segment column: the first found by its header, or named, and the others a segment
    /// word names (role, plan, company size...). A multiple choice an export splits into a column
    /// per option is one segment, named by its question.
    pub segments: Vec<DetectedColumn>,
    /// Feature rating columns.
    pub features: Vec<DetectedColumn>,
    /// The completion date column, when `waves` or `behaviour` was asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<DetectedColumn>,
}

impl DetectedColumns {
    /// Each column with the question its export writes for it (see [`DetectedColumn::question`]).
    pub(crate) fn asking(self, questions: &[String]) -> DetectedColumns {
        let ask = |c: Option<DetectedColumn>| c.map(|c| c.asking(questions));
        DetectedColumns {
            nps: ask(self.nps),
            pmf: ask(self.pmf),
            csat: ask(self.csat),
            segment: ask(self.segment),
            segments: self
                .segments
                .into_iter()
                .map(|c| c.asking(questions))
                .collect(),
            features: self
                .features
                .into_iter()
                .map(|c| c.asking(questions))
                .collect(),
            date: self.date,
        }
    }

    /// Each column found, with the question it holds (`nps`, `pmf`, `csat`, `segment`,
    /// `feature`).
    pub fn roles(&self) -> Vec<(&'static str, DetectedColumn)> {
        let single = [("nps", &self.nps), ("pmf", &self.pmf), ("csat", &self.csat)];
        single
            .into_iter()
            .filter_map(|(role, c)| c.clone().map(|c| (role, c)))
            .chain(self.segments.iter().map(|c| ("segment", c.clone())))
            .chain(self.features.iter().map(|c| ("feature", c.clone())))
            .collect()
    }
}

/// How an export was read: the tool that wrote it, its container, encoding,
/// header rows and delimiter.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SurveyFile {
    /// The tool recognised from the header (`qualtrics`, `surveymonkey`...), or `unknown`.
    pub source: crate::import::ExportSource,
    /// The container read: `csv` (any delimiter), `json-lines`, `json-array` or `xlsx`.
    pub container: crate::import::Container,
    /// The files read from a zip archive, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<String>,
    /// For a workbook, the sheet read (its first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The text's encoding.
    pub encoding: crate::import::Encoding,
    /// Rows of header: 1, 2 (SurveyMonkey) or 3 (Qualtrics).
    pub header_rows: u32,
    /// The field delimiter.
    pub delimiter: String,
}

impl SurveyFile {
    /// How `export`, opened from `decoded`, was read.
    pub(crate) fn of(
        decoded: &crate::import::Decoded<'_>,
        export: &crate::import::Export<'_>,
    ) -> SurveyFile {
        SurveyFile {
            source: export.source,
            container: decoded.container,
            files: decoded.files_read(),
            sheet: decoded.sheet().map(str::to_string),
            encoding: export.encoding,
            header_rows: u32::try_from(export.header.rows).unwrap_or(u32::MAX),
            delimiter: char::from(export.delimiter).to_string(),
        }
    }
}

/// One answer given as a value rather than CSV text.
#[derive(Debug, Clone, PartialEq)]
pub enum AnswerValue {
    /// A number.
    Number(f64),
    /// Text.
    Text(String),
    /// `null`, `undefined` or missing.
    Blank,
    /// A value no answer can be, described.
    Other(&'static str),
}

impl AnswerValue {
    fn cell(&self) -> Cell<'_> {
        match self {
            AnswerValue::Number(n) => Cell::Number(*n),
            AnswerValue::Text(t) => Cell::Text(t.as_bytes()),
            AnswerValue::Blank => Cell::Blank,
            AnswerValue::Other(what) => Cell::Other(what),
        }
    }
}

/// Answers given as arrays, one item per respondent; every array given must
/// have the same length.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SurveyAnswers {
    /// 0..10 answers.
    pub nps: Option<Vec<AnswerValue>>,
    /// Sean Ellis answers.
    pub pmf: Option<Vec<AnswerValue>>,
    /// 1..5 satisfaction answers.
    pub csat: Option<Vec<AnswerValue>>,
    /// Segment names.
    pub segment: Option<Vec<AnswerValue>>,
    /// Feature name -> 1..5 ratings.
    pub features: Vec<(String, Vec<AnswerValue>)>,
    /// Each respondent's user id, for the join with behaviour.
    pub user: Option<Vec<AnswerValue>>,
    /// Each answer's date, for the join with behaviour: ms since the epoch, or a date as survey
    /// tools write it (`2026-11-03`; `11/03/2026` read by `options.dateOrder`, month first by
    /// default).
    pub date: Option<Vec<AnswerValue>>,
}

pub use compare::{compare, Change, SurveyComparison};
pub use csv_input::{detect_columns, FileRead};

/// Analyses a CSV export (UTF-8, with a header line; `,` `;` tab or `|`).
pub fn analyze_survey_csv(
    bytes: &[u8],
    config: &SurveyConfig,
) -> Result<SurveyAnalysis, InputError> {
    no_features_without_behaviour(config)?;
    Ok(analyze_csv(bytes, config, None)?.0)
}

/// [`analyze_survey_csv`] with each respondent joined to their usage by the survey's user column
/// and the answer's date: `behaviour` in the result, NPS and the Sean Ellis share by
/// engagement and by feature adoption ([`joined`]).
#[cfg(feature = "events")]
pub fn analyze_survey_csv_with_behaviour(
    bytes: &[u8],
    config: &SurveyConfig,
    behaviour: &Behaviour,
) -> Result<SurveyAnalysis, InputError> {
    let matcher = Matcher::new(behaviour.id_texts, &behaviour.events.user_ids);
    let (analysis, placed) = analyze_csv(bytes, config, Some(&matcher))?;
    join(analysis, placed, behaviour, config)
}

/// The analysis of an export, with the respondents placed when joining.
fn analyze_csv(
    bytes: &[u8],
    config: &SurveyConfig,
    join: Option<&Matcher>,
) -> Result<(SurveyAnalysis, Option<(Respondents, DetectedColumn)>), InputError> {
    let csv_input::Read {
        tally,
        columns,
        read,
        texts,
        text_columns,
        requests,
        respondents,
    } = csv_input::read_csv(bytes, config, join)?;
    let free_text = FreeText {
        engine: (&texts, text_columns),
        requests: requests.as_ref().map(|(a, c)| (a, c.clone())),
    };
    let mut analysis = finish(tally, columns, Some(free_text), config)?;
    analysis.file = Some(read.file);
    analysis.warnings = read.warnings;
    analysis.warnings.extend(unused_share_warnings(&analysis));
    analysis.warnings.extend(engine::answers::warnings(&texts));
    if let Some((answers, _)) = &requests {
        analysis.warnings.extend(answers.warnings());
    }
    Ok((analysis, respondents))
}

/// The analysis with the respondents joined to the behaviour.
#[cfg(feature = "events")]
fn join(
    mut analysis: SurveyAnalysis,
    placed: Option<(Respondents, DetectedColumn)>,
    behaviour: &Behaviour,
    config: &SurveyConfig,
) -> Result<SurveyAnalysis, InputError> {
    if let Some((respondents, user_column)) = placed {
        let (joined, warnings) = joined::build(respondents, behaviour, user_column, config)?;
        analysis.behaviour = Some(joined);
        analysis.warnings.extend(warnings);
    }
    Ok(analysis)
}

/// `options.features` says which events mean a feature was used: it needs behaviour.
fn no_features_without_behaviour(config: &SurveyConfig) -> Result<(), InputError> {
    match config.behaviour_features.first() {
        None => Ok(()),
        Some((feature, _)) => Err(InputError::new(
            "survey options",
            vec![Problem::new(
                "options.features",
                format!("features (\"{feature}\"...) without behaviour"),
                "features only with options.behaviour: the usage events their adoption is read from",
            )],
        )),
    }
}

/// Share of rows or answers left unused above which the result says so:
/// beyond a few stray rows, a column may be the wrong one or on another scale.
const UNUSED_WARNING_SHARE: f64 = 0.05;

/// Warnings when more than 5% of the rows (blank rows and unfinished
/// responses aside, which are expected), or of the answers in used rows,
/// could not be used.
fn unused_share_warnings(a: &SurveyAnalysis) -> Vec<crate::input::warning::Warning> {
    use crate::input::warning::Warning;
    let mut out = Vec::new();
    let expected = |reason: &str| {
        reason == "blank row" || reason == responses::UNFINISHED || reason == responses::PREVIEW
    };
    let unused: u64 = a
        .skipped
        .by_reason
        .iter()
        .filter(|(reason, _)| !expected(reason))
        .map(|(_, n)| n)
        .sum();
    let rows = a.responses + unused;
    let top = |by_reason: &std::collections::BTreeMap<String, u64>| {
        let mut reasons: Vec<(&String, &u64)> =
            by_reason.iter().filter(|(r, _)| !expected(r)).collect();
        reasons.sort_by(|x, y| y.1.cmp(x.1));
        let listed: Vec<String> = reasons
            .iter()
            .take(3)
            .map(|(r, n)| format!("{n} × {r}"))
            .collect();
        listed.join("; ")
    };
    if rows > 0 && unused as f64 > UNUSED_WARNING_SHARE * rows as f64 {
        out.push(Warning::new(
            "rows_unused",
            "skipped",
            format!(
                "{unused} of {rows} rows ({}%) were not used ({}): check the columns read, or name them in options.columns",
                crate::format::format_short(100.0 * unused as f64 / rows as f64),
                top(&a.skipped.by_reason)
            ),
        ));
    }
    if let Some(waves) = a.waves.as_ref().filter(|w| w.rows_without_date > 0) {
        out.push(Warning::new(
            "dates_unread",
            "waves",
            format!(
                "{} of {} rows have no readable date in \"{}\": they count in the totals and in no wave",
                waves.rows_without_date, a.responses, waves.column
            ),
        ));
    }
    let answers = a.invalid_answers.count;
    if a.responses > 0 && answers as f64 > UNUSED_WARNING_SHARE * a.responses as f64 {
        out.push(Warning::new(
            "answers_unused",
            "invalidAnswers",
            format!(
                "{answers} answers in {} used rows could not be read ({}): a question on another scale, or the wrong column?",
                a.responses,
                top(&a.invalid_answers.by_reason)
            ),
        ));
    }
    out
}

/// Analyses answers given as arrays.
pub fn analyze_survey_answers(
    answers: &SurveyAnswers,
    config: &SurveyConfig,
) -> Result<SurveyAnalysis, InputError> {
    no_features_without_behaviour(config)?;
    let (tally, columns, _) = tally_answers(answers, config, None)?;
    finish(tally, columns, None, config)
}

/// [`analyze_survey_answers`] joined to behaviour by the `user` and `date` arrays.
#[cfg(feature = "events")]
pub fn analyze_survey_answers_with_behaviour(
    answers: &SurveyAnswers,
    config: &SurveyConfig,
    behaviour: &Behaviour,
) -> Result<SurveyAnalysis, InputError> {
    let mut problems = Vec::new();
    for (key, column, expected) in [
        (
            "user",
            &answers.user,
            "each respondent's user id, as options.behaviour.userIds holds them",
        ),
        (
            "date",
            &answers.date,
            "each answer's date (ms since the epoch, or a date such as 2026-11-03)",
        ),
    ] {
        if column.is_none() {
            problems.push(Problem::new(key, "missing", expected));
        }
    }
    if !problems.is_empty() {
        return Err(InputError::new("survey", problems));
    }
    let matcher = Matcher::new(behaviour.id_texts, &behaviour.events.user_ids);
    let (tally, columns, placed) = tally_answers(answers, config, Some(&matcher))?;
    let user_column = DetectedColumn::new("user", 0, "array");
    let analysis = finish(tally, columns, None, config)?;
    join(
        analysis,
        placed.map(|p| (p, user_column)),
        behaviour,
        config,
    )
}

/// The free-text answers an export gave, with their columns: the engine's,
/// and the feature requests' when their column was found.
struct FreeText<'a> {
    engine: (&'a engine::answers::TextAnswers, engine::EngineColumns),
    requests: Option<(
        &'a requests::answers::RequestAnswers,
        engine::columns::RequestColumn,
    )>,
}

/// The analysis of a tally; with the Sean Ellis question, the engine, from
/// the free-text answers and their columns when an export gave them; with
/// a request column, the feature requests.
fn finish(
    tally: Tally,
    columns: DetectedColumns,
    texts: Option<FreeText>,
    config: &SurveyConfig,
) -> Result<SurveyAnalysis, InputError> {
    if tally.all.responses == 0 {
        let value = if tally.skipped.count == 0 {
            "no answer rows".to_string()
        } else {
            format!("no usable answer ({})", tally.skipped.summary())
        };
        return Err(InputError::new(
            "survey",
            vec![Problem::new(
                "input",
                value,
                "at least one row with a usable answer to a question read",
            )],
        ));
    }
    let date_column = columns
        .date
        .as_ref()
        .map(|d| d.header.clone())
        .unwrap_or_default();
    let mut analysis = report::build(&tally, columns, config);
    analysis.waves = waves::build(&tally, &date_column, config);
    let (engine_texts, request_texts) = match texts {
        Some(FreeText { engine, requests }) => (Some(engine), requests),
        None => (None, None),
    };
    let ellis = analysis.pmf.is_some();
    if ellis {
        let (texts, text_columns) =
            engine_texts.map_or((None, Default::default()), |(t, c)| (Some(t), c));
        analysis.engine = Some(engine::build(&tally, texts, text_columns, config));
    }
    analysis.feature_requests = request_texts
        .map(|(answers, column)| requests::build(answers, column, &tally, ellis, config));
    Ok(analysis)
}

fn tally_answers(
    a: &SurveyAnswers,
    config: &SurveyConfig,
    join: Option<&Matcher>,
) -> Result<(Tally, DetectedColumns, Option<Respondents>), InputError> {
    let mut named: Vec<(String, &Vec<AnswerValue>)> = Vec::new();
    for (key, column) in [
        ("nps", &a.nps),
        ("pmf", &a.pmf),
        ("csat", &a.csat),
        ("segment", &a.segment),
    ] {
        if let Some(c) = column {
            named.push((key.to_string(), c));
        }
    }
    for (name, c) in &a.features {
        named.push((
            format!("features[{}]", serde_json::Value::String(name.clone())),
            c,
        ));
    }
    let questions = named.len();
    for (key, column) in [("user", &a.user), ("date", &a.date)] {
        if let Some(c) = column {
            named.push((key.to_string(), c));
        }
    }
    let Some(len) = named[..questions].first().map(|(_, c)| c.len()) else {
        return Err(InputError::new(
            "survey",
            vec![Problem::new(
                "input",
                "an object with no answer arrays",
                "arrays of answers: nps, pmf, csat, segment or features",
            )],
        ));
    };
    let problems: Vec<Problem> = named
        .iter()
        .filter(|(_, c)| c.len() != len)
        .map(|(key, c)| {
            Problem::new(
                key.clone(),
                format!("an array of {} answers", c.len()),
                format!("{len} answers, as many as {}", named[0].0),
            )
        })
        .collect();
    if !problems.is_empty() {
        return Err(InputError::new("survey", problems));
    }
    let layout = Layout {
        nps: a.nps.as_ref().map(|_| "nps".to_string()),
        pmf: a.pmf.as_ref().map(|_| "pmf".to_string()),
        csat: a.csat.as_ref().map(|_| "csat".to_string()),
        segments: a.segment.iter().map(|_| "segment".to_string()).collect(),
        features: a.features.iter().map(|(n, _)| n.clone()).collect(),
        waves: false,
    };
    let detected = DetectedColumns {
        nps: layout
            .nps
            .as_ref()
            .map(|h| DetectedColumn::new(h, 0, "array")),
        pmf: layout
            .pmf
            .as_ref()
            .map(|h| DetectedColumn::new(h, 1, "array")),
        csat: layout
            .csat
            .as_ref()
            .map(|h| DetectedColumn::new(h, 2, "array")),
        segment: layout
            .segments
            .first()
            .map(|h| DetectedColumn::new(h, 3, "array")),
        segments: layout
            .segments
            .iter()
            .map(|h| DetectedColumn::new(h, 3, "array"))
            .collect(),
        features: layout
            .features
            .iter()
            .enumerate()
            .map(|(i, h)| DetectedColumn::new(h, 4 + i, "array"))
            .collect(),
        date: None,
    };
    let mut tally = Tally::new(layout);
    let mut placed = Respondents::default();
    for i in 0..len {
        let feature = |f: usize| {
            a.features
                .get(f)
                .and_then(|(_, values)| values.get(i))
                .map_or(Cell::Blank, AnswerValue::cell)
        };
        let segment = |_: usize| cell_at(&a.segment, i);
        let cells = RowCells {
            nps: cell_at(&a.nps, i),
            pmf: cell_at(&a.pmf, i),
            csat: cell_at(&a.csat, i),
            segment: &segment,
            feature: &feature,
            wave: None,
        };
        let row_answers = tally.push_row(RowId::Index(i as u64), cells);
        if let (Some(matcher), Some(row_answers)) = (join, row_answers) {
            let day = match cell_at(&a.date, i) {
                Cell::Number(ms) if ms.is_finite() => {
                    Some(libm::floor(ms / crate::calendar::MS_PER_DAY) as i64)
                }
                Cell::Text(t) => std::str::from_utf8(t).ok().and_then(|t| {
                    let order = config.date_order.unwrap_or(dates::DateOrder::MonthDay);
                    let (y, m, d) = dates::parse(t, order)?;
                    Some(crate::calendar::days_from_civil(i64::from(y), m, d))
                }),
                _ => None,
            };
            placed.push(matcher, cell_at(&a.user, i), day, row_answers);
        }
    }
    Ok((tally, detected, join.map(|_| placed)))
}

fn cell_at(column: &Option<Vec<AnswerValue>>, i: usize) -> Cell<'_> {
    column
        .as_ref()
        .and_then(|v| v.get(i))
        .map_or(Cell::Blank, AnswerValue::cell)
}
