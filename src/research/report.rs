//! What `analyzeUsability` returns: the SUS with its interval, grade,
//! percentile and adjective and the scores' spread over the grade scale;
//! UMUX-Lite; each task's completion rate, time and SEQ; the columns read,
//! the rows not used, and what was guessed.

use super::seq::SeqSummary;
use super::sus::{sus_adjective, sus_grade, SusSummary, SUS_ADJECTIVES, SUS_GRADES};
use super::tasks::{CompletionRate, TaskTime};
use crate::input::csv::DetectedColumn;
use crate::input::row_issues::RowReport;
use crate::input::warning::Warning;
use crate::survey::SurveyFile;
use serde::Serialize;
use std::collections::BTreeMap;

/// A usability test's results.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(rename_all = "camelCase")]
pub struct UsabilityReport {
    /// Confidence level of every interval.
    pub confidence_level: f64,
    /// People in the file: distinct participant ids, or rows without a participant column.
    pub participants: usize,
    /// The System Usability Scale, when its ten statements were found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sus: Option<SusReport>,
    /// UMUX-Lite, when its two statements were found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub umux_lite: Option<UmuxLiteReport>,
    /// Each task, in the order the file first names it.
    pub tasks: Vec<TaskReport>,
    /// The published average SEQ rating the tasks' means compare with: 5.5 (Sauro 2012).
    pub seq_average: f64,
    /// The SUS database's average score the SUS mean compares with: 68 (Sauro 2011), the
    /// 50th percentile.
    pub sus_average: f64,
    /// The columns read, by role (`participant`, `task`, `success`, `time`, `seq`, `sus1`..`sus10`,
    /// `umuxLiteCapabilities`, `umuxLiteEase`), and how each was found.
    pub columns: BTreeMap<String, DetectedColumn>,
    /// The unit plain-number times were read in, and how it was chosen (`option`, `header`,
    /// `assumed`).
    pub time_unit: TimeUnitChoice,
    /// How the file was read.
    pub file: SurveyFile,
    /// Rows and answers not used, with their lines and reasons.
    pub skipped: RowReport,
    /// What was guessed or looks wrong, and how to choose otherwise.
    pub warnings: Vec<Warning>,
}

/// A choice the reader made, and how.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TimeUnitChoice {
    /// `seconds`, `milliseconds` or `minutes`.
    pub unit: &'static str,
    /// `option`, `header` or `assumed`.
    pub chosen_by: &'static str,
}

/// The SUS over the respondents who answered all ten statements.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SusReport {
    /// `standard` or `all-positive`.
    pub version: &'static str,
    /// How the version was chosen: `option`, `wording` or `assumed`.
    pub version_by: &'static str,
    /// How numeric answers were read: `1-5` or `0-4`.
    pub coding: &'static str,
    /// How the coding was chosen: `option`, `values` or `assumed`.
    pub coding_by: &'static str,
    /// The mean score with its t interval, grade, percentile and adjective; `None` when no
    /// respondent answered all ten statements.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<SusSummary>,
    /// Respondents who answered some statements but not all ten: reported, not scored.
    pub incomplete: usize,
    /// Respondents by score, lowest first (scores come in steps of 2.5).
    pub scores: Vec<ScoreCount>,
    /// Respondents by the grade of their own score on the curved scale, best first (every
    /// grade listed).
    pub grades: Vec<LabelCount>,
    /// Respondents by the adjective nearest their own score, worst first (every adjective
    /// listed).
    pub adjectives: Vec<LabelCount>,
}

/// How many respondents had a score.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ScoreCount {
    /// A SUS score, 0 to 100.
    pub score: f64,
    /// Respondents with it.
    pub count: usize,
}

/// How many respondents had a grade or an adjective, with the lowest score that earns the
/// grade, or the adjective's mean score (Bangor, Kortum & Miller 2009, Table 3).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LabelCount {
    /// The grade (`A+` .. `F`) or adjective (`worst imaginable` .. `best imaginable`).
    pub label: &'static str,
    /// The grade's lowest score, or the adjective's mean score.
    pub score: f64,
    /// Respondents with it.
    pub count: usize,
}

impl SusReport {
    /// The scores' counts by score, grade and adjective.
    pub(crate) fn spread(scores: &[f64]) -> (Vec<ScoreCount>, Vec<LabelCount>, Vec<LabelCount>) {
        let mut by_score: BTreeMap<u32, usize> = BTreeMap::new();
        for s in scores {
            // Scores are multiples of 2.5 from 0 to 100: counted by their number of steps.
            *by_score.entry((s / 2.5).round() as u32).or_default() += 1;
        }
        let counts = by_score
            .into_iter()
            .map(|(steps, count)| ScoreCount {
                score: f64::from(steps) * 2.5,
                count,
            })
            .collect();
        let count = |label: &str, of: fn(f64) -> &'static str| {
            scores.iter().filter(|s| of(**s) == label).count()
        };
        let grades = SUS_GRADES
            .iter()
            .map(|&(label, score)| LabelCount {
                label,
                score,
                count: count(label, sus_grade),
            })
            .collect();
        let adjectives = SUS_ADJECTIVES
            .iter()
            .map(|&(label, score)| LabelCount {
                label,
                score,
                count: count(label, sus_adjective),
            })
            .collect();
        (counts, grades, adjectives)
    }
}

/// UMUX-Lite over the respondents who answered both statements.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct UmuxLiteReport {
    /// Respondents who answered both statements.
    pub respondents: usize,
    /// The mean UMUX-Lite score, 0 to 100; `None` without respondents.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean: Option<f64>,
    /// Its t interval within 0..100; `None` for one respondent.
    pub interval: Option<[f64; 2]>,
    /// The mean on the SUS's scale by Lewis, Utesch & Maher's (2013) regression,
    /// 0.65 × UMUX-Lite + 22.9 (later work finds it low at the top of the scale).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sus_estimate: Option<f64>,
    /// Respondents who answered one statement of the two: reported, not scored.
    pub incomplete: usize,
}

/// One task's results.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TaskReport {
    /// The task's name as the file writes it.
    pub task: String,
    /// Completion over the attempts with an outcome; `None` when none has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completion: Option<CompletionRate>,
    /// Attempts marked partial (counted as `options.partial` says: failures by default).
    pub partial: usize,
    /// Rows marked not attempted (skipped, not reached): left out of the attempts.
    pub not_attempted: usize,
    /// The time on task: the geometric mean with its interval, in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<TaskTime>,
    /// Which attempts the time is over: `successes` or `all`.
    pub time_of: &'static str,
    /// The Single Ease Question's mean rating with its interval.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seq: Option<SeqSummary>,
}
