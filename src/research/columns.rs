//! Finding a usability export's columns: the ten SUS statements by their
//! wording (in the header or, for Qualtrics, the question row; "system" may
//! be "product", "website" or a name) or by number ("SUS1", "SUS_10"), the
//! two UMUX-Lite statements, and a task table's participant, task, outcome,
//! time and SEQ columns by their usual headers. Columns named in
//! `options.columns` come first; the result says how each was found.

use super::cells::TimeUnit;
use super::options::{UsabilityColumns, UsabilityConfig};
use super::sus::SusVersion;
use crate::input::csv::{header_list, named_column, normalize_header, DetectedColumn};
use crate::input::problem::{InputError, Problem};
use crate::input::warning::Warning;

/// Where each question is, by column position.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Positions {
    pub participant: Option<usize>,
    pub task: Option<usize>,
    pub outcome: Option<usize>,
    pub time: Option<usize>,
    pub seq: Option<usize>,
    /// The ten SUS statements, in the questionnaire's order.
    pub sus: Option<[usize; 10]>,
    /// UMUX-Lite's capabilities and ease statements.
    pub umux_lite: Option<[usize; 2]>,
}

impl Positions {
    /// Whether the columns make a usability test: a task table (a task with
    /// its outcome, time or SEQ), the SUS's ten statements or UMUX-Lite's two.
    pub fn any(&self) -> bool {
        self.task_table() || self.sus.is_some() || self.umux_lite.is_some()
    }

    /// Whether a task table is there: a task column with its outcome, time or SEQ.
    pub fn task_table(&self) -> bool {
        self.task.is_some() && (self.outcome.is_some() || self.time.is_some() || self.seq.is_some())
    }
}

/// The columns found and how; the SUS version and the time unit chosen.
#[derive(Debug, Clone)]
pub struct Found {
    pub positions: Positions,
    pub detected: Vec<(String, DetectedColumn)>,
    pub sus_version: (SusVersion, &'static str),
    pub time_unit: (TimeUnit, &'static str),
}

/// What each SUS statement says, as matched: its standard wording's mark,
/// and the all-positive version's for the even statements (Sauro & Lewis
/// 2011).
const SUS_MARKS: [(&[&str], &[&str]); 10] = [
    (&["would like to use"], &[]),
    (&["unnecessarily complex"], &["to be simple", "was simple"]),
    (&["was easy to use"], &[]),
    (
        &["support of a technical person", "technical support"],
        &["without the support", "without technical support"],
    ),
    (&["well integrated"], &[]),
    (
        &["too much inconsistency", "inconsistency"],
        &["a lot of consistency", "very consistent"],
    ),
    (&["learn to use", "very quickly"], &[]),
    (&["cumbersome", "awkward"], &["intuitive"]),
    (&["very confident", "confident using"], &[]),
    (
        &["learn a lot of things", "learn a lot"],
        &["learn anything new", "without having to learn"],
    ),
];

/// Marks of the UMUX-Lite statements (Lewis, Utesch & Maher 2013).
const UMUX_MARKS: [&str; 2] = ["capabilities meet my requirements", "is easy to use"];

/// Headers of a task table's columns, as compared (lower case, `_` as a space).
const PARTICIPANT: &[&str] = &[
    "participant",
    "participant id",
    "participant name",
    "respondent",
    "respondent id",
    "user",
    "user id",
    "tester",
    "session",
    "session id",
    "pid",
];
const TASK: &[&str] = &["task", "task name", "task id", "task title", "scenario"];
const OUTCOME: &[&str] = &[
    "success",
    "task success",
    "completed",
    "completion",
    "task completed",
    "task completion",
    "outcome",
    "result",
    "status",
    "pass",
    "succeeded",
];
const TIME: &[&str] = &[
    "time",
    "seconds",
    "secs",
    "duration",
    "time on task",
    "task time",
    "elapsed",
    "time taken",
    "ms",
    "milliseconds",
    "minutes",
];
const SEQ: &[&str] = &[
    "seq",
    "ease",
    "ease rating",
    "single ease question",
    "seq rating",
    "difficulty rating",
];

/// A header as compared: lower case, spacing collapsed, `_` and `-` as spaces.
fn compared(header: &str) -> String {
    normalize_header(&header.replace(['_', '-'], " "))
}

/// A header without a unit in brackets at its end: "time (s)" is "time".
fn without_unit(h: &str) -> (&str, Option<&str>) {
    match h.rsplit_once('(') {
        Some((head, unit)) if unit.ends_with(')') => {
            (head.trim_end(), Some(unit.trim_end_matches(')').trim()))
        }
        _ => match h.rsplit_once(' ') {
            Some((head, unit)) if ["s", "sec", "secs", "ms", "min", "mins"].contains(&unit) => {
                (head, Some(unit))
            }
            _ => (h, None),
        },
    }
}

/// Finds the columns; errors for named columns that are not in the file.
pub fn find(
    headers: &[String],
    questions: &[String],
    config: &UsabilityConfig,
) -> Result<(Found, Vec<Warning>), InputError> {
    let normalized: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
    let compared: Vec<String> = headers.iter().map(|h| compared(h)).collect();
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let mut detected = Vec::new();
    let note = |role: &str, i: usize, how: &str, detected: &mut Vec<(String, DetectedColumn)>| {
        detected.push((
            role.to_string(),
            DetectedColumn::new(&headers[i], i, how).asking(questions),
        ));
    };
    let named = &config.columns;
    let mut positions = Positions::default();
    let single = [
        (
            "participant",
            &named.participant,
            PARTICIPANT,
            &mut positions.participant,
        ),
        ("task", &named.task, TASK, &mut positions.task),
        ("success", &named.success, OUTCOME, &mut positions.outcome),
        ("time", &named.time, TIME, &mut positions.time),
        ("seq", &named.seq, SEQ, &mut positions.seq),
    ];
    for (role, name, words, slot) in single {
        if let Some(name) = name {
            *slot = named_column(headers, &normalized, role, name, &mut problems);
            if let Some(i) = *slot {
                note(role, i, "option", &mut detected);
            }
            continue;
        }
        let by_header = compared
            .iter()
            .position(|h| words.contains(&without_unit(h).0));
        let by_words = || {
            (role == "seq")
                .then(|| text_position(&compared, questions, "how difficult or easy"))
                .flatten()
        };
        *slot = by_header.or_else(by_words);
        if let Some(i) = *slot {
            note(role, i, "header", &mut detected);
        }
    }
    // A task table's outcome, time and SEQ are read only beside its task column: without
    // one, headers found by their words (Qualtrics' `Status`, `Duration (in seconds)`) are
    // not a task's, and are not reported as read.
    if positions.task.is_none() {
        let slots = [
            ("success", &mut positions.outcome),
            ("time", &mut positions.time),
            ("seq", &mut positions.seq),
        ];
        for (role, slot) in slots {
            let by_header =
                |(r, c): &(String, DetectedColumn)| r == role && c.detected_by == "header";
            if detected.iter().any(by_header) {
                *slot = None;
                detected.retain(|d| !by_header(d));
            }
        }
    }
    let (sus, sus_version) = find_sus(
        headers,
        questions,
        &compared,
        named,
        config.sus_version,
        &mut problems,
        &mut warnings,
    );
    positions.sus = sus;
    if let Some(items) = sus {
        for (k, &i) in items.iter().enumerate() {
            note(
                &format!("sus{}", k + 1),
                i,
                if named.sus.is_some() {
                    "option"
                } else {
                    "header"
                },
                &mut detected,
            );
        }
    }
    positions.umux_lite = find_umux(
        headers,
        &normalized,
        &compared,
        questions,
        named,
        &mut problems,
    );
    if let Some(items) = positions.umux_lite {
        for (k, &i) in items.iter().enumerate() {
            let how = if named.umux_lite.is_some() {
                "option"
            } else {
                "header"
            };
            note(
                ["umuxLiteCapabilities", "umuxLiteEase"][k],
                i,
                how,
                &mut detected,
            );
        }
    }
    if !problems.is_empty() {
        return Err(InputError::new("usability options", problems));
    }
    let time_unit = match (config.time_unit, positions.time) {
        (Some(unit), _) => (unit, "option"),
        (None, Some(i)) => match unit_of_header(&compared[i]) {
            Some(unit) => (unit, "header"),
            None => (TimeUnit::Seconds, "assumed"),
        },
        (None, None) => (TimeUnit::Seconds, "assumed"),
    };
    if time_unit.1 == "assumed" && positions.time.is_some() {
        warnings.push(Warning::new(
            "time_unit_assumed",
            "options.timeUnit",
            "task times without a unit in their header are read as seconds (clock times like 1:35 as minutes and seconds); give options.timeUnit (\"milliseconds\", \"minutes\") if they are not",
        ));
    }
    Ok((
        Found {
            positions,
            detected,
            sus_version,
            time_unit,
        },
        warnings,
    ))
}

/// Finds the columns as [`find`] does, and fails as `analyzeUsability` does
/// when they make no usability test ([`Positions::any`]).
pub fn find_usable(
    headers: &[String],
    questions: &[String],
    config: &UsabilityConfig,
) -> Result<(Found, Vec<Warning>), InputError> {
    let (found, warnings) = find(headers, questions, config)?;
    if !found.positions.any() {
        return Err(InputError::new(
            "usability test",
            vec![Problem::new(
                "input",
                format!("a file whose headers are {}", header_list(headers)),
                "a task table (participant, task, success, seconds; SEQ optional) or the ten SUS statements \
                 (by their wording or as SUS1..SUS10), or UMUX-Lite's two: name the columns in options.columns",
            )],
        ));
    }
    Ok((found, warnings))
}

/// The first column whose header or question contains `mark`.
fn text_position(compared: &[String], questions: &[String], mark: &str) -> Option<usize> {
    (0..compared.len()).find(|&i| {
        compared[i].contains(mark)
            || questions
                .get(i)
                .is_some_and(|q| compared_text(q).contains(mark))
    })
}

fn compared_text(text: &str) -> String {
    compared(text)
}

/// A time unit from its column's header: "time (ms)", "duration_ms", "minutes".
fn unit_of_header(h: &str) -> Option<TimeUnit> {
    let (head, unit) = without_unit(h);
    let word = unit.unwrap_or(head);
    match word {
        "ms" | "milliseconds" | "millis" => Some(TimeUnit::Milliseconds),
        "s" | "sec" | "secs" | "seconds" => Some(TimeUnit::Seconds),
        "min" | "mins" | "minutes" => Some(TimeUnit::Minutes),
        _ => None,
    }
}

/// The ten SUS columns: named, else by wording, else by number.
fn find_sus(
    headers: &[String],
    questions: &[String],
    compared: &[String],
    named: &UsabilityColumns,
    version_option: Option<SusVersion>,
    problems: &mut Vec<Problem>,
    warnings: &mut Vec<Warning>,
) -> (Option<[usize; 10]>, (SusVersion, &'static str)) {
    let chosen = |positive: bool| {
        if positive {
            SusVersion::AllPositive
        } else {
            SusVersion::Standard
        }
    };
    if let Some(names) = &named.sus {
        let normalized: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
        let found: Vec<Option<usize>> = names
            .iter()
            .map(|n| named_column(headers, &normalized, "sus", n, problems))
            .collect();
        let items: Option<Vec<usize>> = found.into_iter().collect();
        let items = items.and_then(|v| <[usize; 10]>::try_from(v).ok());
        return (
            items,
            (
                version_option.unwrap_or(SusVersion::Standard),
                if version_option.is_some() {
                    "option"
                } else {
                    "assumed"
                },
            ),
        );
    }
    let text = |i: usize| {
        let q = questions
            .get(i)
            .map(|q| compared_text(q))
            .unwrap_or_default();
        format!("{} | {q}", compared[i])
    };
    let texts: Vec<String> = (0..compared.len()).map(text).collect();
    let mut items = [None; 10];
    let mut positive = 0;
    let mut standard = 0;
    for (k, (marks, positive_marks)) in SUS_MARKS.iter().enumerate() {
        let taken = |i: &usize| items.contains(&Some(*i));
        let of = |marks: &[&str]| {
            (0..texts.len())
                .filter(|i| !taken(i))
                .find(|&i| marks.iter().any(|m| texts[i].contains(m)))
        };
        // The positive version's wording first: "without the support of a technical person" has the standard mark too.
        if let Some(i) = of(positive_marks) {
            items[k] = Some(i);
            positive += 1;
        } else if let Some(i) = of(marks) {
            items[k] = Some(i);
            standard += usize::from(k % 2 == 1);
        }
    }
    let by_wording = items.iter().filter(|i| i.is_some()).count();
    if by_wording == 10 {
        let version = version_option
            .map_or((chosen(positive > 0 && standard == 0), "wording"), |v| {
                (v, "option")
            });
        if positive > 0 && standard > 0 && version_option.is_none() {
            warnings.push(Warning::new("sus_version_mixed", "options.susVersion", format!("{positive} of the SUS's even statements are worded positively and {standard} negatively; scored as the standard SUS (give options.susVersion \"all-positive\" if it is not)")));
        }
        return (Some(items.map(Option::unwrap_or_default)), version);
    }
    // By number: "SUS1" .. "SUS10", "SUS_Q1", "SUS item 1".
    let mut numbered = [None; 10];
    for (i, h) in compared.iter().enumerate() {
        if let Some(n) = sus_number(h) {
            numbered[n - 1].get_or_insert(i);
        }
    }
    if numbered.iter().all(Option::is_some) {
        let version = version_option.map_or((SusVersion::Standard, "assumed"), |v| (v, "option"));
        if version.1 == "assumed" {
            warnings.push(Warning::new("sus_version_assumed", "options.susVersion", "the SUS statements are named by number only: scored as the standard SUS (odd statements positive, even ones negative); give options.susVersion \"all-positive\" if every statement was worded positively"));
        }
        return (Some(numbered.map(Option::unwrap_or_default)), version);
    }
    if by_wording >= 5 {
        let missing: Vec<String> = (0..10)
            .filter(|k| items[*k].is_none())
            .map(|k| (k + 1).to_string())
            .collect();
        warnings.push(Warning::new("sus_incomplete_columns", "options.columns.sus", format!("{by_wording} of the 10 SUS statements were found by their wording; statements {} were not, so no SUS is scored: name the ten columns in order in options.columns.sus", missing.join(", "))));
    }
    (None, (SusVersion::Standard, "assumed"))
}

/// The statement number of a header such as "sus1", "sus 10", "sus q3", "sus item 4".
fn sus_number(h: &str) -> Option<usize> {
    let rest = h.strip_prefix("sus")?.trim_start();
    let rest = ["item", "q"]
        .iter()
        .find_map(|p| rest.strip_prefix(p))
        .unwrap_or(rest)
        .trim_start();
    let n: usize = rest.parse().ok()?;
    (1..=10).contains(&n).then_some(n)
}

/// The two UMUX-Lite columns: named, else by wording, else "umux lite 1"/"umux1".
fn find_umux(
    headers: &[String],
    normalized: &[String],
    compared: &[String],
    questions: &[String],
    named: &UsabilityColumns,
    problems: &mut Vec<Problem>,
) -> Option<[usize; 2]> {
    if let Some(names) = &named.umux_lite {
        let a = named_column(headers, normalized, "umuxLite", &names[0], problems);
        let b = named_column(headers, normalized, "umuxLite", &names[1], problems);
        return Some([a?, b?]);
    }
    let by_words = UMUX_MARKS.map(|m| text_position(compared, questions, m));
    if let [Some(a), Some(b)] = by_words {
        return Some([a, b]);
    }
    let number = |h: &String| {
        let rest = h.strip_prefix("umux")?.trim_start();
        let rest = rest.strip_prefix("lite").unwrap_or(rest).trim_start();
        match rest {
            "1" => Some(0),
            "2" => Some(1),
            _ => None,
        }
    };
    let mut items = [None; 2];
    for (i, h) in compared.iter().enumerate() {
        if let Some(k) = number(h) {
            items[k].get_or_insert(i);
        }
    }
    Some([items[0]?, items[1]?])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    const STANDARD: [&str; 10] = [
        "I think that I would like to use this product frequently",
        "I found the product unnecessarily complex",
        "I thought the product was easy to use",
        "I think that I would need the support of a technical person to be able to use this product",
        "I found the various functions in this product were well integrated",
        "I thought there was too much inconsistency in this product",
        "I would imagine that most people would learn to use this product very quickly",
        "I found the product very awkward to use",
        "I felt very confident using the product",
        "I needed to learn a lot of things before I could get going with this product",
    ];

    #[test]
    fn a_task_table_and_the_sus_by_wording() {
        let mut list = vec!["Participant", "Task", "Success", "Time (s)", "SEQ"];
        list.extend(STANDARD);
        let h = headers(&list);
        let (found, warnings) = find(&h, &[], &UsabilityConfig::default()).unwrap();
        let p = &found.positions;
        assert_eq!(
            (p.participant, p.task, p.outcome, p.time, p.seq),
            (Some(0), Some(1), Some(2), Some(3), Some(4))
        );
        assert_eq!(p.sus, Some([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]));
        assert_eq!(found.sus_version, (SusVersion::Standard, "wording"));
        assert_eq!(found.time_unit, (TimeUnit::Seconds, "header"));
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn the_all_positive_version_by_its_wording() {
        let positive = [
            STANDARD[0],
            "I found the website to be simple",
            STANDARD[2],
            "I think I could use the website without the support of a technical person",
            STANDARD[4],
            "I found the website to have a lot of consistency",
            STANDARD[6],
            "I found the website very intuitive",
            STANDARD[8],
            "I could use the website without having to learn anything new",
        ];
        let (found, _) = find(&headers(&positive), &[], &UsabilityConfig::default()).unwrap();
        assert_eq!(found.positions.sus, Some([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
        assert_eq!(found.sus_version, (SusVersion::AllPositive, "wording"));
    }

    #[test]
    fn numbered_statements_and_units_from_headers() {
        let mut list = vec!["user_id", "task_name", "completed", "duration_ms"];
        let numbered: Vec<String> = (1..=10).map(|n| format!("SUS_{n}")).collect();
        list.extend(numbered.iter().map(String::as_str));
        let (found, warnings) = find(&headers(&list), &[], &UsabilityConfig::default()).unwrap();
        assert_eq!(
            found.positions.sus,
            Some([4, 5, 6, 7, 8, 9, 10, 11, 12, 13])
        );
        assert_eq!(found.sus_version, (SusVersion::Standard, "assumed"));
        assert_eq!(found.time_unit, (TimeUnit::Milliseconds, "header"));
        assert!(warnings.iter().any(|w| w.code == "sus_version_assumed"));
    }

    #[test]
    fn qualtrics_question_row_and_umux_lite() {
        let h = headers(&["ResponseId", "Q5_1", "Q5_2", "Q7", "Task"]);
        let q = headers(&[
            "Response ID",
            "This product's capabilities meet my requirements.",
            "This product is easy to use.",
            "Overall, how difficult or easy was the task to complete?",
            "Task",
        ]);
        let (found, _) = find(&h, &q, &UsabilityConfig::default()).unwrap();
        assert_eq!(found.positions.umux_lite, Some([1, 2]));
        assert_eq!(found.positions.seq, Some(3));
        assert_eq!(found.positions.sus, None);
        // Without a task column there is no task's SEQ to read (nor outcome, nor time:
        // Qualtrics' `Status` and `Duration (in seconds)` are none).
        let h = headers(&["Status", "Duration (in seconds)", "Q5_1", "Q5_2", "Q7"]);
        let q = headers(&[
            "Response Type",
            "Duration (in seconds)",
            &q[1],
            &q[2],
            &q[3],
        ]);
        let (found, warnings) = find(&h, &q, &UsabilityConfig::default()).unwrap();
        let p = &found.positions;
        assert_eq!((p.outcome, p.time, p.seq), (None, None, None));
        assert_eq!(p.umux_lite, Some([2, 3]));
        assert_eq!(found.detected.len(), 2, "{:?}", found.detected);
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn a_named_column_that_is_not_there() {
        let mut config = UsabilityConfig::default();
        config.columns.task = Some("Tsk".into());
        let err = find(&headers(&["Task", "Success"]), &[], &config).unwrap_err();
        assert!(err.to_string().contains("options.columns.task"), "{err}");
        assert!(err.to_string().contains("did you mean \"Task\""), "{err}");
    }
}
