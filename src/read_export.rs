//! `readExport`: what a file is, before it is analysed. The page and the
//! command line call it on whatever a user drops: it says which tool wrote
//! the file, how its text and header were read, whether it holds survey
//! answers, usage events or a usability test, and which column each
//! analysis would read (and how each was chosen), so that a wrong guess can
//! be seen and corrected before any figure is computed. The usability
//! columns are found by the research module's own finder (what
//! `analyzeUsability` reads); a survey that also asks the SUS or UMUX-Lite
//! stays a survey, with `usability` in `alsoHolds`.
//!
//! ```
//! use market_validation::read_export::{read_export, ExportOptions};
//! use market_validation::import::{ExportKind, ExportSource};
//! let file = "StartDate,Finished,ResponseId,Q1\n\
//!             Start Date,Finished,Response ID,How likely are you to recommend Acme?\n\
//!             {\"ImportId\":\"startDate\"},{\"ImportId\":\"finished\"},{\"ImportId\":\"_recordId\"},{\"ImportId\":\"QID1\"}\n\
//!             2026-11-03 09:00:00,True,R_1,9\n";
//! let info = read_export(file.as_bytes(), &ExportOptions::default()).unwrap();
//! assert_eq!((info.kind, info.source, info.header_rows), (ExportKind::Survey, ExportSource::Qualtrics, 3));
//! assert_eq!(info.columns[3].role.as_deref(), Some("nps"));
//! ```

use crate::events::{self, EventsConfig};
use crate::import::{self, Container, Encoding, ExportKind, ExportSource};
use crate::input::csv::DetectedColumn;
use crate::input::problem::InputError;
use crate::input::raw::RawValue;
use crate::input::read::{self, Shape};
use crate::input::warning::Warning;
use crate::research::{self, UsabilityConfig};
use crate::survey::{self, SurveyConfig};
use serde::Serialize;

/// Options of `readExport`. All optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ExportOptions {
    /// What the file holds, when known: then its columns are found for that analysis only.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "wasm",
        tsify(type = "\"survey\" | \"events\" | \"usability\"")
    )]
    pub kind: Option<String>,
    /// Field delimiter: `,`, `;`, a tab or `|`. Default: detected from the header line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<String>,
}

/// What `readExport` found.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ExportInfo {
    /// What the file holds: survey answers, usage events, a usability test, or `unknown`
    /// when no analysis finds its columns.
    pub kind: ExportKind,
    /// The other analyses the file's columns serve, besides `kind`'s: `["usability"]` for a
    /// survey that also asks the System Usability Scale or UMUX-Lite (or holds a task
    /// table). Empty (absent) for most files.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also_holds: Vec<ExportKind>,
    /// The tool that wrote it, from its header; `unknown` when none is recognised.
    pub source: ExportSource,
    /// The container read: `csv` (any delimiter), `json-lines`, `json-array`, or `xlsx`
    /// (the first sheet of an Excel workbook).
    pub container: Container,
    /// `gzip` when the file (or the files in its archive) was compressed (it is read
    /// decompressed).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "\"gzip\""))]
    pub compression: Option<String>,
    /// `zip` when the file was a zip archive: its `files` are read as one export.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "\"zip\""))]
    pub archive: Option<String>,
    /// The files read from a zip archive, in order (by name). `readExport` reads the
    /// first 4 MiB only, so a big archive's later files may be missing here.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<String>,
    /// For a workbook, the sheet read (its first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The text's encoding.
    pub encoding: Encoding,
    /// The field delimiter.
    pub delimiter: String,
    /// Rows of header: 1, 2 (SurveyMonkey) or 3 (Qualtrics).
    pub header_rows: u32,
    /// Every column, with the role the analysis of `kind` gives it.
    pub columns: Vec<ExportColumn>,
    /// What was guessed (coded answers read in an assumed order...), with how to choose
    /// otherwise.
    pub warnings: Vec<Warning>,
}

/// One column of an export.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ExportColumn {
    /// 0-based position.
    pub index: u32,
    /// Its name (Qualtrics: the column id; SurveyMonkey: the question with its option).
    pub header: String,
    /// The question it asks, where the export writes it apart from the name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// What the analysis reads from it: `nps`, `pmf`, `csat`, `segment` or `feature` (surveys);
    /// `user`, `time`, `signup`, `event`, and for linked identities `known` and `anonymous`
    /// (events); `participant`, `task`, `success`, `time`, `seq`, `sus1`..`sus10`,
    /// `umuxLiteCapabilities` and `umuxLiteEase` (usability tests).
    /// Absent for columns not read.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "wasm",
        tsify(
            type = "\"nps\" | \"pmf\" | \"csat\" | \"segment\" | \"feature\" | \"user\" | \"time\" | \"signup\" | \"known\" | \"anonymous\" | \"event\" | \"participant\" | \"task\" | \"success\" | \"seq\" | `sus${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10}` | \"umuxLiteCapabilities\" | \"umuxLiteEase\""
        )
    )]
    pub role: Option<String>,
    /// How its role was chosen: named in the options, as the export's tool names it, by its
    /// header's words, or by its values.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "wasm",
        tsify(type = "\"option\" | \"source\" | \"header\" | \"values\"")
    )]
    pub detected_by: Option<String>,
    /// The next column that could have had this role (found the same way), when there was
    /// one: name it in the analysis' `options.columns` to use it instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub runner_up: Option<String>,
}

const OPTION_NAMES: [&str; 2] = ["kind", "delimiter"];

impl ExportOptions {
    /// Reads options given as a loose value (`undefined`/`null` mean none).
    pub fn from_raw(raw: &RawValue) -> Result<ExportOptions, InputError> {
        let shape = Shape::options(&OPTION_NAMES, read::OPTIONS_EXPECTED);
        read::options(
            raw,
            shape,
            "export options",
            |raw, o: &mut ExportOptions, problems| {
                const KINDS: [&str; 3] = ["survey", "events", "usability"];
                o.kind = read::choice(raw.get("kind"), "options.kind", &KINDS, problems)
                    .map(|i| KINDS[i].to_string());
                o.delimiter = read::delimiter(raw.get("delimiter"), "options.delimiter", problems)
                    .map(|d| char::from(d).to_string());
            },
        )
    }
}

/// Reads what a file is (see the module's documentation), from its first
/// [`import::HEAD_BYTES`] of text (decompressed, transcoded): a JSON export's
/// columns are those its objects there have. Fails only when
/// the file cannot be read at all (empty, no header line) or, with
/// `options.kind`, when that analysis finds none of its columns.
///
/// Without `options.kind`, the tool tells survey answers from usage events;
/// a survey tool's export whose only questions are usability ones (the SUS,
/// UMUX-Lite: the survey analysis finds nothing else) is a usability test.
/// A file of no recognised tool is a survey when a question is found by its
/// header outside the usability columns; else a usability test when it has
/// a questionnaire or a task with its outcome; else usage events when a user
/// and a time column are found; else a usability test when a task has a
/// time or SEQ; else a survey whose questions are recognised by their
/// answers.
pub fn read_export(bytes: &[u8], options: &ExportOptions) -> Result<ExportInfo, InputError> {
    let delimiter = options.delimiter.as_ref().and_then(|d| d.bytes().next());
    // Decoded once, and its head only: enough to tell what a big file is.
    let decoded = import::decode_head(bytes, "export")?;
    let export = import::open(&decoded, delimiter, "export", "row")?;
    let mut info = ExportInfo {
        kind: ExportKind::Unknown,
        also_holds: Vec::new(),
        source: export.source,
        container: decoded.container,
        compression: decoded.gzip.then(|| "gzip".to_string()),
        archive: matches!(decoded.archive, Some(import::Archive::Zip { .. }))
            .then(|| "zip".to_string()),
        files: decoded.files_read(),
        sheet: decoded.sheet().map(str::to_string),
        encoding: export.encoding,
        delimiter: char::from(export.delimiter).to_string(),
        header_rows: u32::try_from(export.header.rows).unwrap_or(u32::MAX),
        columns: export
            .header
            .names
            .iter()
            .zip(&export.header.questions)
            .enumerate()
            .map(|(i, (name, question))| ExportColumn {
                index: u32::try_from(i).unwrap_or(u32::MAX),
                header: name.clone(),
                question: (!question.is_empty() && question != name).then(|| question.clone()),
                role: None,
                detected_by: None,
                runner_up: None,
            })
            .collect(),
        warnings: Vec::new(),
    };
    let wanted = match options.kind.as_deref() {
        Some("survey") => ExportKind::Survey,
        Some("events") => ExportKind::Events,
        Some("usability") => ExportKind::Usability,
        _ => export.source.kind(),
    };
    let asked = options.kind.is_some();
    let survey_config = SurveyConfig {
        delimiter,
        ..SurveyConfig::default()
    };
    let events_config = EventsConfig {
        delimiter,
        ..EventsConfig::default()
    };
    let usability_config = UsabilityConfig {
        delimiter,
        ..UsabilityConfig::default()
    };
    let survey = || survey::detect_columns(&decoded, &survey_config);
    let events = || events::detect_columns(&decoded, &events_config).map(|(columns, _)| columns);
    let usability = research::detect::detect_columns(
        &export.header.names,
        &export.header.questions,
        &usability_config,
    );
    // The survey's questions found on columns the usability test does not read.
    let usability_columns: Vec<u32> = usability
        .as_ref()
        .map(|u| u.roles.iter().map(|(_, c)| c.index).collect())
        .unwrap_or_default();
    let question_elsewhere = |roles: &[(&str, DetectedColumn)], by_header: bool| {
        roles.iter().any(|(role, c)| {
            !usability_columns.contains(&c.index)
                && (!by_header || c.detected_by == "header")
                && (by_header || *role != "segment")
        })
    };
    let mut roles: Vec<(&str, DetectedColumn)> = Vec::new();
    let mut use_usability = false;
    match wanted {
        ExportKind::Survey if asked => {
            let (columns, read) = survey()?;
            roles = columns.roles();
            info.warnings.extend(read.warnings);
            info.kind = ExportKind::Survey;
        }
        // A survey tool's export: a usability test when its only questions are usability ones.
        ExportKind::Survey => match survey() {
            Ok((columns, read))
                if usability.is_err() || question_elsewhere(&columns.roles(), false) =>
            {
                roles = columns.roles();
                info.warnings.extend(read.warnings);
                info.kind = ExportKind::Survey;
            }
            Err(e) if usability.is_err() => return Err(e),
            _ => use_usability = true,
        },
        ExportKind::Events => {
            roles = events()?.roles();
            info.kind = ExportKind::Events;
        }
        ExportKind::Usability => use_usability = true,
        // No tool recognised: see the function's documentation for the order.
        ExportKind::Unknown => {
            let found = survey().ok();
            let by_header = found
                .as_ref()
                .is_some_and(|(columns, _)| question_elsewhere(&columns.roles(), true));
            let distinctive = usability.as_ref().is_ok_and(|u| u.distinctive);
            if by_header {
                if let Some((columns, read)) = found {
                    roles = columns.roles();
                    info.warnings.extend(read.warnings);
                    info.kind = ExportKind::Survey;
                }
            } else if distinctive {
                use_usability = true;
            } else if let Ok(columns) = events() {
                roles = columns.roles();
                info.kind = ExportKind::Events;
            } else if usability.is_ok() {
                use_usability = true;
            } else if let Some((columns, read)) = found {
                roles = columns.roles();
                info.warnings.extend(read.warnings);
                info.kind = ExportKind::Survey;
            }
        }
    }
    let mut usability_roles = Vec::new();
    if use_usability {
        let found = usability?;
        info.kind = ExportKind::Usability;
        info.warnings.extend(found.warnings);
        usability_roles = found.roles;
    } else if info.kind == ExportKind::Survey && usability.is_ok() {
        info.also_holds.push(ExportKind::Usability);
    }
    let roles = roles
        .into_iter()
        .chain(usability_roles.iter().map(|(r, c)| (r.as_str(), c.clone())));
    if let Some(w) = decoded.sheet_warning() {
        if !info.warnings.iter().any(|x| x.code == w.code) {
            info.warnings.insert(0, w);
        }
    }
    for (role, column) in roles {
        if let Some(c) = info.columns.get_mut(column.index as usize) {
            c.role = Some(role.to_string());
            c.detected_by = Some(column.detected_by);
            c.runner_up = column.runner_up;
        }
    }
    Ok(info)
}
