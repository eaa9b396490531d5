//! Survey answers from an export: opened by the import layer (encoding,
//! delimiter, header rows, tool), its columns found ([`super::columns`]),
//! then one streaming pass over the rows with the `csv` crate (quoted fields
//! with commas and newlines, CRLF). Every row that is not used is reported
//! with its line number; unfinished responses are left out unless asked.

use super::answers::{self, Cell};
use super::coding;
use super::columns::{resolve_columns, Positions};
use super::dates;
use super::engine::answers::TextAnswers;
use super::engine::columns::{self as text_columns, RequestColumn, TextColumns};
use super::engine::EngineColumns;
use super::joined::columns::user_column;
use super::joined::respondents::{Matcher, Respondents};
use super::options::SurveyConfig;
use super::requests::answers::RequestAnswers;
use super::tally::{Layout, RowCells, Tally};
use super::DetectedColumns;
use super::SurveyFile;
use crate::import;
use crate::input::csv::{DetectedColumn, Rows};
use crate::input::problem::InputError;
use crate::input::row_issues::{Issue, RowId};
use crate::input::warning::Warning;

/// Data rows sampled to detect a column from its values.
const SNIFF_ROWS: usize = 200;

/// What the start of a survey export tells: its columns and how it was
/// read, with the rows read ahead to tell them.
struct Opened<'t> {
    rows: Rows<'t>,
    sample: Vec<csv::ByteRecord>,
    headers: Vec<String>,
    positions: Positions,
    detected: DetectedColumns,
    text: TextColumns,
    read: FileRead,
}

/// Opens a survey export and finds its question columns from the header and
/// a sample of rows.
fn open_survey<'t>(
    decoded: &'t import::Decoded<'_>,
    config: &SurveyConfig,
    joined: bool,
) -> Result<Opened<'t>, InputError> {
    let export = import::open(decoded, config.delimiter, "survey", "answer")?;
    let headers = export.header.names.clone();
    let questions = export.header.questions.clone();
    let file = SurveyFile::of(decoded, &export);
    let mut rows = Rows::with_pending(export.reader, &decoded.text, headers.len(), export.pending);
    // Read ahead a sample for value-based detection, then stream the rest.
    let sample = rows.read_ahead(SNIFF_ROWS);
    let mut warnings: Vec<Warning> = decoded.sheet_warning().into_iter().collect();
    let (positions, detected) = resolve_columns(
        &headers,
        &questions,
        export.source,
        config,
        &sample,
        joined,
        &mut warnings,
    )?;
    let text = text_columns::find(
        &headers,
        &questions,
        &config.columns,
        &positions,
        &sample,
        &mut warnings,
    )?;
    Ok(Opened {
        rows,
        sample,
        headers,
        positions,
        detected: detected.asking(&questions),
        text,
        read: FileRead { file, warnings },
    })
}

/// The columns a survey export's questions would be read from, and how the
/// file would be read, from its decoded text (or its head,
/// [`import::decode_head`]) without reading past the sampled rows.
pub fn detect_columns(
    decoded: &import::Decoded<'_>,
    config: &SurveyConfig,
) -> Result<(DetectedColumns, FileRead), InputError> {
    let opened = open_survey(decoded, config, false)?;
    Ok((opened.detected, opened.read))
}

/// What one pass over an export read: the tally, the question columns, how
/// the file was read, and the engine's free-text answers and columns.
pub struct Read {
    pub tally: Tally,
    pub columns: DetectedColumns,
    pub read: FileRead,
    pub texts: TextAnswers,
    pub text_columns: EngineColumns,
    /// With a request column, its answers.
    pub requests: Option<(RequestAnswers, RequestColumn)>,
    /// With a join, the respondents placed and the user column read.
    pub respondents: Option<(Respondents, DetectedColumn)>,
}

/// Reads a CSV export into a tally; with a matcher, the respondents placed
/// for the join with behaviour. Errors are about the file as a whole:
/// empty, no header, a named column missing, no question found.
pub fn read_csv(
    bytes: &[u8],
    config: &SurveyConfig,
    join: Option<&Matcher>,
) -> Result<Read, InputError> {
    let decoded = import::decode(bytes, "survey")?;
    let Opened {
        rows,
        sample,
        headers,
        positions,
        detected,
        text,
        read,
    } = open_survey(&decoded, config, join.is_some())?;
    let user = match join {
        Some(_) => Some(user_column(&headers, config.columns.user.as_deref())?),
        None => None,
    };
    let name = |i: Option<usize>| i.and_then(|i| headers.get(i).cloned());
    let tally = Tally::new(Layout {
        nps: name(positions.nps),
        pmf: name(positions.pmf),
        csat: name(positions.csat),
        segments: positions.segments.iter().map(|g| g.name.clone()).collect(),
        waves: positions.date.is_some(),
        features: positions
            .features
            .iter()
            .filter_map(|i| headers.get(*i).cloned())
            .collect(),
    });
    // Every column whose answers are read, checked for UTF-8 row by row.
    let read_columns: Vec<usize> = [positions.nps, positions.pmf, positions.csat]
        .into_iter()
        .flatten()
        .chain(positions.features.iter().copied())
        .chain(
            positions
                .segments
                .iter()
                .flat_map(|g| g.columns.iter().copied()),
        )
        .collect();
    type State = (Tally, TextAnswers, Respondents, RequestAnswers);
    let answers = |(tally, texts, placed, requests): &mut State,
                   record: &csv::ByteRecord,
                   start: usize| {
        // Line numbers are worked out at the end, for the issues listed only.
        let row = RowId::Offset(start as u64);
        let invalid_utf8 = read_columns.iter().any(|i| {
            record
                .get(*i)
                .is_some_and(|f| std::str::from_utf8(f).is_err())
        });
        if invalid_utf8 {
            return tally.skip_row(row, "invalid UTF-8 in an answer");
        }
        if let Some(reason) = positions.marks.left_out(record, config.include_partial) {
            return tally.skip_row(row, reason);
        }
        if let Some(kind) = positions.survey_type.and_then(|i| record.get(i)) {
            let kind = answers::trim_space(kind);
            if !(kind.eq_ignore_ascii_case(b"nps") || kind.eq_ignore_ascii_case(b"enps")) {
                return tally.skip_row(row, OTHER_SURVEY_TYPE);
            }
        }
        let cell = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .map_or(Cell::Blank, Cell::Text)
        };
        let feature = |i: usize| {
            positions
                .features
                .get(i)
                .and_then(|c| record.get(*c))
                .map_or(Cell::Blank, Cell::Text)
        };
        let segment = |i: usize| match positions.segments.get(i).map(|g| g.columns.as_slice()) {
            Some([c]) => record.get(*c).map_or(Cell::Blank, Cell::Text),
            // A split multiple choice names the segment in its one filled column.
            Some(columns) => {
                let mut filled = columns
                    .iter()
                    .filter_map(|c| record.get(*c).filter(|v| !v.trim_ascii().is_empty()));
                match (filled.next(), filled.next()) {
                    (Some(v), None) => Cell::Text(v),
                    _ => Cell::Blank,
                }
            }
            None => Cell::Blank,
        };
        let date = positions
            .date
            .and_then(|(i, order)| dates::parse(std::str::from_utf8(record.get(i)?).ok()?, order));
        let wave = date
            .zip(config.waves)
            .map(|(day, period)| period.label(day));
        let pmf = cell(positions.pmf);
        let csat = cell(positions.csat);
        let cells = RowCells {
            nps: cell(positions.nps),
            pmf: if positions.pmf_coded {
                coding::ellis_code(pmf)
            } else {
                pmf
            },
            csat: if positions.csat_descending {
                coding::reversed(csat)
            } else {
                csat
            },
            segment: &segment,
            feature: &feature,
            wave: wave.as_deref(),
        };
        let Some(row_answers) = tally.push_row(row, cells) else {
            return;
        };
        if text.positions.iter().any(Option::is_some) {
            texts.push(cells.pmf, text.positions.map(cell));
        }
        if let Some(request) = &text.request {
            let segments = positions.segments.len();
            requests.push(
                cell(Some(request.index)),
                row_answers.ellis,
                segments,
                &segment,
            );
        }
        if let (Some(matcher), Some(user)) = (join, &user) {
            let day = date.map(|(y, m, d)| crate::calendar::days_from_civil(i64::from(y), m, d));
            placed.push(matcher, cell(Some(user.index as usize)), day, row_answers);
        }
    };
    let skip = |(tally, ..): &mut State, at: usize, reason: &str| {
        tally.skip_row(RowId::Offset(at as u64), reason)
    };
    let mut state: State = (
        tally,
        TextAnswers::default(),
        Respondents::default(),
        RequestAnswers::default(),
    );
    rows.each(&sample, &mut state, answers, skip);
    let (mut tally, texts, placed, requests) = state;
    // Lines only for the issues listed; then the lines a JSON export held
    // no answers on, listed among them in file order.
    tally.resolve_rows(|offsets| decoded.locations(offsets));
    tally
        .skipped
        .merge_lines(decoded.skipped.iter().map(|s| Issue {
            row: RowId::Line(s.line),
            file: s.file.clone(),
            column: None,
            reason: s.reason.clone(),
            value: None,
        }));
    Ok(Read {
        tally,
        columns: detected,
        read,
        texts,
        text_columns: text.detected,
        requests: text.request.map(|c| (requests, c)),
        respondents: user.map(|u| (placed, u)),
    })
}

/// How a file was read, and what was guessed on the way.
pub struct FileRead {
    /// The file's tool, encoding, header rows and delimiter.
    pub file: SurveyFile,
    /// Guesses the result should carry (coded answers read in an assumed order...).
    pub warnings: Vec<Warning>,
}

/// The reason a Delighted response of another survey type is left out.
pub(crate) const OTHER_SURVEY_TYPE: &str =
    "a Delighted response of another survey type (survey_type is not nps): its score is not a 0-10 NPS answer";
