//! A usability test from its export, in one pass: the file opened by the
//! import layer (encoding, delimiter, header rows, tool), its columns found
//! ([`super::columns`]), every row's answers read ([`super::cells`]) into
//! each respondent's SUS and UMUX-Lite answers and each task's attempts,
//! then summed up ([`super::sus`], [`super::tasks`], [`super::seq`],
//! [`super::umux_lite`]). Every row and answer not used is reported with
//! its line and reason.

use super::cells::{self, CellError, Outcome};
use super::columns::{self, Found};
use super::options::{SusCoding, UsabilityConfig};
use super::report::{SusReport, TaskReport, TimeUnitChoice, UmuxLiteReport, UsabilityReport};
use super::sus::{self, SusAnswers, SusVersion};
use super::{seq, tasks, umux_lite};
use crate::format::{shorten, QUOTED_CHARS};
use crate::import::{self, ExportSource};
use crate::input::csv::{normalize_header, Rows};
use crate::input::problem::InputError;
use crate::input::row_issues::{Issue, IssueLog, RowId, RowReport};
use crate::input::warning::Warning;
use crate::stats;
use crate::survey::responses::ResponseMarks;
use crate::survey::SurveyFile;
use std::collections::{HashMap, HashSet};

/// The published average SEQ rating (J. Sauro, "10 things to know about the
/// Single Ease Question (SEQ)", MeasuringU, 2012).
pub const SEQ_AVERAGE: f64 = 5.5;

/// One task attempt as read.
struct Attempt {
    outcome: Option<Outcome>,
    seconds: Option<f64>,
    seq: Option<u8>,
}

/// One respondent's answers to a questionnaire, as read (blank = `None`).
struct Answers<const N: usize> {
    values: [Option<u8>; N],
    at: usize,
}

/// Everything one pass reads.
#[derive(Default)]
struct State {
    /// Participant ids met.
    people: HashSet<String>,
    rows: usize,
    sus: Vec<Answers<10>>,
    /// Where each participant's SUS answers are in `sus`.
    sus_of: HashMap<String, usize>,
    umux: Vec<Answers<2>>,
    umux_of: HashMap<String, usize>,
    /// Tasks in the order first met, with their attempts.
    tasks: Vec<(String, Vec<Attempt>)>,
    task_index: HashMap<String, usize>,
    skipped: IssueLog,
    /// Participants whose questionnaire answers differ between their rows.
    differing: usize,
}

impl State {
    fn answer_issue(&mut self, at: usize, header: &str, error: CellError, value: &[u8]) {
        let reason = match error {
            CellError::NotOnScale => "answer is not a number of its scale or a label of it",
            CellError::OutOfScale => "answer outside its scale",
            CellError::UnknownOutcome => {
                "outcome is none of success / failure / partial / not attempted (1/0, true/false, completed, gave up, skipped...)"
            }
            CellError::NotATime => "time is not a number, m:ss or h:mm:ss",
            CellError::TimeNotPositive => "time is not above 0 (it has no logarithm)",
        };
        let shown = shorten(&String::from_utf8_lossy(value), QUOTED_CHARS);
        log_issue(
            &mut self.skipped,
            at,
            Some(header.to_string()),
            reason,
            Some(shown),
        );
    }

    fn row_issue(&mut self, at: usize, reason: &str) {
        log_issue(&mut self.skipped, at, None, reason, None);
    }
}

/// Reads a usability test's export (a task table, a survey with the SUS, or
/// both in one file) into its results.
///
/// ```
/// use market_validation::research::{analyze_usability, UsabilityConfig};
/// let csv = "Participant,Task,Success,Seconds\np1,Checkout,1,34\np2,Checkout,0,120\np3,Checkout,1,48\n";
/// let report = analyze_usability(csv.as_bytes(), &UsabilityConfig::default()).unwrap();
/// assert_eq!(report.tasks[0].completion.as_ref().unwrap().successes, 2);
/// ```
pub fn analyze_usability(
    bytes: &[u8],
    config: &UsabilityConfig,
) -> Result<UsabilityReport, InputError> {
    let decoded = import::decode(bytes, "usability test")?;
    let export = import::open(&decoded, config.delimiter, "usability test", "row")?;
    let headers = export.header.names.clone();
    let questions = export.header.questions.clone();
    let (found, mut warnings) = columns::find_usable(&headers, &questions, config)?;
    warnings.extend(decoded.sheet_warning());
    let marks = response_marks(&headers, export.source, &found);
    let file = SurveyFile::of(&decoded, &export);
    let rows = Rows::with_pending(export.reader, &decoded.text, headers.len(), export.pending);
    let mut state = State::default();
    let read_row = |state: &mut State, record: &csv::ByteRecord, at: usize| match marks
        .left_out(record, config.include_partial)
    {
        Some(reason) => state.row_issue(at, reason),
        None => read_row(state, record, at, &found, &headers),
    };
    let skip = |state: &mut State, at: usize, reason: &str| state.row_issue(at, reason);
    rows.each(&[], &mut state, read_row, skip);
    let State {
        people,
        rows,
        sus,
        umux,
        tasks,
        skipped: mut log,
        differing,
        ..
    } = state;
    let report_sus = found
        .positions
        .sus
        .map(|_| sus_report(&sus, &found, config, &mut log, &mut warnings, &headers));
    let report_umux = found
        .positions
        .umux_lite
        .map(|_| umux_report(&umux, config, &mut log));
    if differing > 0 {
        warnings.push(Warning::new(
            "questionnaire_differs",
            "options.columns.participant",
            format!("{differing} participants answer the questionnaire differently on different rows: each one's first full answers are used"),
        ));
    }
    let task_reports = tasks
        .iter()
        .map(|(name, attempts)| task_report(name, attempts, config))
        .collect();
    log.resolve_rows(|offsets| decoded.locations(offsets));
    log.merge_lines(decoded.skipped.iter().map(|s| Issue {
        row: RowId::Line(s.line),
        file: s.file.clone(),
        column: None,
        reason: s.reason.clone(),
        value: None,
    }));
    let Found {
        detected,
        time_unit,
        ..
    } = found;
    Ok(UsabilityReport {
        confidence_level: config.confidence_level,
        participants: if people.is_empty() {
            rows
        } else {
            people.len()
        },
        sus: report_sus,
        umux_lite: report_umux,
        tasks: task_reports,
        seq_average: SEQ_AVERAGE,
        sus_average: sus::SUS_DATABASE_MEAN,
        columns: detected.into_iter().collect(),
        time_unit: TimeUnitChoice {
            unit: time_unit.0.as_str(),
            chosen_by: time_unit.1,
        },
        file,
        skipped: RowReport::from_log(&log),
        warnings,
    })
}

/// Where the export marks previews and unfinished responses, unless a
/// column the test is read from is one of them.
fn response_marks(headers: &[String], source: ExportSource, found: &Found) -> ResponseMarks {
    let normalized: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
    let mut marks = ResponseMarks::find(&normalized, source);
    let read = |i: &usize| found.detected.iter().any(|(_, c)| c.index as usize == *i);
    marks.preview = marks.preview.filter(|i| !read(i));
    marks.finished = marks.finished.filter(|i| !read(i));
    marks
}

fn read_row(
    state: &mut State,
    record: &csv::ByteRecord,
    at: usize,
    found: &Found,
    headers: &[String],
) {
    let p = &found.positions;
    let field = |i: usize| record.get(i).unwrap_or_default();
    state.rows += 1;
    // A task table repeats a participant's questionnaire on each of their rows: read it once.
    let person = p
        .participant
        .map(|i| String::from_utf8_lossy(cells_trim(field(i))).into_owned())
        .filter(|id| !id.is_empty());
    if let Some(id) = &person {
        state.people.insert(id.clone());
    }
    let answering = Answering {
        record,
        at,
        headers,
        person: person.as_deref(),
    };
    if let Some(items) = &p.sus {
        answering.read(
            state,
            items,
            |t| cells::agreement(t, 5),
            |s| (&mut s.sus, &mut s.sus_of),
        );
    }
    if let Some(items) = &p.umux_lite {
        answering.read(state, items, cells::seven_point, |s| {
            (&mut s.umux, &mut s.umux_of)
        });
    }
    let Some(task_column) = p.task else {
        return;
    };
    let task = String::from_utf8_lossy(cells_trim(field(task_column))).into_owned();
    if task.is_empty() {
        if p.outcome.is_some_and(|i| !cells_trim(field(i)).is_empty())
            || p.time.is_some_and(|i| !cells_trim(field(i)).is_empty())
        {
            state.row_issue(at, "no task named on a row with a task's outcome or time");
        }
        return;
    }
    let unit = found.time_unit.0;
    let row = Row {
        record,
        at,
        headers,
    };
    let seq = row.cell(state, p.seq, cells::seven_point);
    if seq == Some(0) {
        state.row_issue(
            at,
            "SEQ rating of 0: the scale runs from 1 (very difficult) to 7 (very easy)",
        );
    }
    let attempt = Attempt {
        outcome: row.cell(state, p.outcome, cells::outcome),
        seconds: row.cell(state, p.time, |t| cells::seconds(t, unit)),
        seq: seq.filter(|&v| v >= 1),
    };
    let index = match state.task_index.get(&task) {
        Some(&i) => i,
        None => {
            state.task_index.insert(task.clone(), state.tasks.len());
            state.tasks.push((task, Vec::new()));
            state.tasks.len() - 1
        }
    };
    if let Some((_, attempts)) = state.tasks.get_mut(index) {
        attempts.push(attempt);
    }
}

/// One row of the file, for reading its cells.
struct Row<'r> {
    record: &'r csv::ByteRecord,
    at: usize,
    headers: &'r [String],
}

impl Row<'_> {
    /// The cell of `column` read by `read`; what cannot be read is reported.
    fn cell<T>(
        &self,
        state: &mut State,
        column: Option<usize>,
        read: impl Fn(&[u8]) -> Result<Option<T>, CellError>,
    ) -> Option<T> {
        let i = column?;
        let text = self.record.get(i).unwrap_or_default();
        read(text).unwrap_or_else(|e| {
            state.answer_issue(self.at, &self.headers[i], e, text);
            None
        })
    }
}

fn cells_trim(t: &[u8]) -> &[u8] {
    crate::survey::answers::trim_space(t)
}

/// One row's answers to the questionnaires.
struct Answering<'r> {
    record: &'r csv::ByteRecord,
    at: usize,
    headers: &'r [String],
    /// The row's participant, when the file has their ids.
    person: Option<&'r str>,
}

/// A questionnaire's answers, and where each participant's are.
type Kept<'s, const N: usize> = (&'s mut Vec<Answers<N>>, &'s mut HashMap<String, usize>);

impl Answering<'_> {
    /// One respondent's answers to the questionnaire in columns `items`:
    /// kept from a participant's first row that has any (its unreadable
    /// answers reported), compared on later ones.
    fn read<const N: usize>(
        &self,
        state: &mut State,
        items: &[usize; N],
        read: impl Fn(&[u8]) -> Result<Option<u8>, CellError>,
        kept: impl Fn(&mut State) -> Kept<'_, N>,
    ) {
        let earlier = self.person.and_then(|id| kept(state).1.get(id).copied());
        let mut values = [None; N];
        for (k, &i) in items.iter().enumerate() {
            let text = self.record.get(i).unwrap_or_default();
            match read(text) {
                Ok(v) => values[k] = v,
                Err(e) if earlier.is_none() => {
                    state.answer_issue(self.at, &self.headers[i], e, text)
                }
                Err(_) => {}
            }
        }
        if values.iter().all(Option::is_none) {
            return;
        }
        let (list, of) = kept(state);
        match earlier {
            Some(i) => {
                if list.get(i).is_some_and(|a| a.values != values) {
                    state.differing += 1;
                }
            }
            None => {
                if let Some(id) = self.person {
                    of.insert(id.to_string(), list.len());
                }
                list.push(Answers {
                    values,
                    at: self.at,
                });
            }
        }
    }
}

/// The SUS over the respondents with all ten answers; the coding chosen.
fn sus_report(
    answers: &[Answers<10>],
    found: &Found,
    config: &UsabilityConfig,
    log: &mut IssueLog,
    warnings: &mut Vec<Warning>,
    headers: &[String],
) -> SusReport {
    let all = || answers.iter().flat_map(|a| a.values.iter().flatten());
    let (coding, coding_by) = match config.sus_coding {
        Some(c) => (c, "option"),
        None if all().any(|&v| v == 0) && !all().any(|&v| v == 5) => {
            warnings.push(Warning::new(
                "sus_coding_zero_to_four",
                "options.susCoding",
                "the SUS answers run from 0 with no 5: read as coded 0 to 4 (0 = strongly disagree); give options.susCoding \"1-5\" if a 0 is a mistake",
            ));
            (SusCoding::ZeroToFour, "values")
        }
        None => (SusCoding::OneToFive, "assumed"),
    };
    let shift = u8::from(coding == SusCoding::ZeroToFour);
    let (version, version_by) = found.sus_version;
    let mut scores = Vec::new();
    let mut incomplete = 0;
    for a in answers {
        let given = a.values.iter().flatten().count();
        if given < 10 {
            incomplete += 1;
            let reason = "an incomplete SUS (not every statement answered): reported, not scored";
            log_issue(
                log,
                a.at,
                None,
                reason,
                Some(format!("{given} of 10 answered")),
            );
            continue;
        }
        let values = a.values.map(|v| f64::from(v.unwrap_or_default() + shift));
        match SusAnswers::new(values) {
            Ok(answers) => scores.push(answers.score(version)),
            Err(errors) => {
                let reason = "a SUS answer outside 1 to 5: the respondent is not scored";
                for e in errors {
                    let column = found
                        .positions
                        .sus
                        .and_then(|s| headers.get(s[e.item - 1]).cloned());
                    let value = crate::format::format_number(e.value - f64::from(shift));
                    log_issue(log, a.at, column, reason, Some(value));
                }
            }
        }
    }
    let summary = sus::summarize(&scores, config.confidence_level);
    let (spread, grades, adjectives) = SusReport::spread(&scores);
    SusReport {
        version: match version {
            SusVersion::Standard => "standard",
            SusVersion::AllPositive => "all-positive",
        },
        version_by,
        coding: coding.as_str(),
        coding_by,
        summary,
        incomplete,
        scores: spread,
        grades,
        adjectives,
    }
}

fn umux_report(
    answers: &[Answers<2>],
    config: &UsabilityConfig,
    log: &mut IssueLog,
) -> UmuxLiteReport {
    let mut scores = Vec::new();
    let mut incomplete = 0;
    for a in answers {
        match a.values {
            [Some(capabilities), Some(ease)] => {
                match umux_lite::score(f64::from(capabilities), f64::from(ease)) {
                    Ok(s) => scores.push(s),
                    Err(_) => {
                        let reason =
                            "a UMUX-Lite answer outside 1 to 7: the respondent is not scored";
                        log_issue(log, a.at, None, reason, None);
                    }
                }
            }
            _ => {
                incomplete += 1;
                let reason = "UMUX-Lite with one statement of two answered: reported, not scored";
                log_issue(log, a.at, None, reason, None);
            }
        }
    }
    let e = stats::mean_t_interval(&scores, config.confidence_level);
    UmuxLiteReport {
        respondents: scores.len(),
        mean: e.as_ref().map(|e| e.mean),
        interval: e.as_ref().and_then(|e| e.interval_within(0.0, 100.0)),
        sus_estimate: e.as_ref().map(|e| umux_lite::sus_estimate(e.mean)),
        incomplete,
    }
}

fn task_report(name: &str, attempts: &[Attempt], config: &UsabilityConfig) -> TaskReport {
    let counted = |o: Outcome| match o {
        Outcome::Success => Some(true),
        Outcome::Partial => Some(config.partial_success),
        Outcome::Failure => Some(false),
        Outcome::NotAttempted => None,
    };
    let tried: Vec<&Attempt> = attempts
        .iter()
        .filter(|a| a.outcome.is_none_or(|o| o != Outcome::NotAttempted))
        .collect();
    let with_outcome: Vec<bool> = tried
        .iter()
        .filter_map(|a| a.outcome.and_then(counted))
        .collect();
    let successes = with_outcome.iter().filter(|s| **s).count();
    let completion = tasks::completion_rate(successes, with_outcome.len(), config.confidence_level);
    let times: Vec<f64> = tried
        .iter()
        .filter(|a| config.all_times || a.outcome.and_then(counted) == Some(true))
        .filter_map(|a| a.seconds)
        .collect();
    let ratings: Vec<f64> = tried.iter().filter_map(|a| a.seq.map(f64::from)).collect();
    TaskReport {
        task: name.to_string(),
        completion,
        partial: attempts
            .iter()
            .filter(|a| a.outcome == Some(Outcome::Partial))
            .count(),
        not_attempted: attempts.len() - tried.len(),
        time: tasks::task_time(&times, config.confidence_level),
        time_of: if config.all_times { "all" } else { "successes" },
        // Every rating was checked to be 1..7 when read.
        seq: seq::summarize(&ratings, config.confidence_level)
            .ok()
            .flatten(),
    }
}

/// Logs an issue of the row at byte offset `at`: what was not used there
/// and why (the value shortened, where there is one).
fn log_issue(
    log: &mut IssueLog,
    at: usize,
    column: Option<String>,
    reason: &str,
    value: Option<String>,
) {
    log.push_with(reason, || Issue {
        row: RowId::Offset(at as u64),
        file: None,
        column,
        reason: reason.to_string(),
        value,
    });
}
