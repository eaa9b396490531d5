//! Feature requests (`featureRequests`): the answers to a free-text request
//! question ("What should we build next?"; without one, "How can we improve
//! … for you?") grouped into themes with their counts, shares and example
//! answers: overall, by Sean Ellis group and by segment. The grouping is
//! the engine's, from one place ([`crate::text::groups`]); the column is
//! found with the engine's free-text columns
//! (`survey::engine::columns`); the answers are kept during the one pass
//! over the rows ([`answers`]).

pub mod answers;

use super::engine::columns::RequestColumn;
use super::options::SurveyConfig;
use super::tally::{SegmentTally, Tally};
use crate::format::format_number;
use crate::input::csv::DetectedColumn;
use crate::text::groups::{GroupThemes, Grouped, ThemeCount};
use crate::text::themes::Phrases;
use answers::RequestAnswers;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Most segments of one column whose themes are listed: the largest of
/// those with `minSegmentSize` answers or more.
pub const MAX_THEMED_SEGMENTS: usize = 20;

/// Feature requests, as themes: `featureRequests`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FeatureRequests {
    /// The column read, and how it was found.
    pub column: DetectedColumn,
    /// True when it is the engine's improvement question ("How can we improve … for you?"),
    /// read for requests because no column asks for them (name one in
    /// `options.columns.requests`).
    pub from_improve: bool,
    /// The answers read (blank ones aside) in the rows used.
    pub answers: u64,
    /// The themes of every answer (at most 8), most answers first.
    pub themes: Vec<ThemeCount>,
    /// Why there is no theme, when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// With the Sean Ellis question, each group's themes against the other groups' answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_ellis: Option<RequestsByEllis>,
    /// With segment columns, one breakdown per column (in the order of `columns.segments`):
    /// each segment's themes against the other segments' answers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub by_segment: Vec<SegmentRequests>,
}

/// The requests by Sean Ellis answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RequestsByEllis {
    /// The very disappointed's requests.
    pub very_disappointed: RequestGroup,
    /// The somewhat disappointed's requests.
    pub somewhat_disappointed: RequestGroup,
    /// The not disappointed's requests.
    pub not_disappointed: RequestGroup,
    /// Answers of respondents who no longer use the product (contrasted with, not listed) or
    /// gave no Sean Ellis answer: in the overall themes only.
    pub ungrouped: u64,
}

/// One group's requests.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RequestGroup {
    /// The group's answers.
    pub answers: u64,
    /// Its themes (at most 8), most answers first; `share` is over the group's answers.
    pub themes: Vec<ThemeCount>,
    /// Why there is no theme, when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The requests by the segments of one column.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SegmentRequests {
    /// The segment column (its header, or a split question's text).
    pub column: String,
    /// Segments with fewer answers than this are flagged `small` and get no themes.
    pub min_segment_size: f64,
    /// Each segment with an answer, most answers first (ties by name).
    pub segments: Vec<SegmentRequestGroup>,
    /// Answers of respondents with no segment in this column.
    pub answers_without_segment: u64,
    /// Answers of respondents whose segment was beyond the 1,000 distinct segments tallied.
    pub answers_beyond_segment_limit: u64,
}

/// One segment's requests.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SegmentRequestGroup {
    /// The segment, as written in the file (trimmed).
    pub name: String,
    /// Its answers.
    pub answers: u64,
    /// True when its answers are fewer than `minSegmentSize`: counted, not themed.
    pub small: bool,
    /// Its themes (at most 8; none when small or beyond the 20 largest), most answers first.
    pub themes: Vec<ThemeCount>,
    /// Why there is no theme, when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The requests' themes from the answers kept, overall, by Sean Ellis group
/// (`ellis`: the survey has the question) and by each segment column of
/// the tally.
pub(super) fn build(
    answers: &RequestAnswers,
    column: RequestColumn,
    tally: &Tally,
    ellis: bool,
    c: &SurveyConfig,
) -> FeatureRequests {
    // The answers' phrases are read once, then grouped each way.
    let phrases = Arc::new(Phrases::new(answers.rows.iter().map(|r| r.text.as_str())));
    let all: Vec<(usize, &str)> = answers.rows.iter().map(|r| (0, r.text.as_str())).collect();
    let overall = Grouped::with_phrases(&phrases, &all, 1).themes(0);
    FeatureRequests {
        column: column.detected,
        from_improve: column.from_improve,
        answers: overall.answers,
        reason: overall.reason("the"),
        themes: overall.themes,
        by_ellis: ellis.then(|| by_ellis(answers, &phrases)),
        by_segment: tally
            .layout
            .segments
            .iter()
            .zip(&tally.segments)
            .enumerate()
            .map(|(k, (name, segments))| by_segment(answers, &phrases, k, name, segments, c))
            .collect(),
    }
}

fn group(themes: GroupThemes, whose: &str) -> RequestGroup {
    RequestGroup {
        answers: themes.answers,
        reason: themes.reason(whose),
        themes: themes.themes,
    }
}

/// Each answer in the group of its Sean Ellis answer: very, somewhat, not
/// disappointed, and "no longer use" (contrasted with, not listed), as the
/// engine groups the main benefits.
fn by_ellis(answers: &RequestAnswers, phrases: &Arc<Phrases>) -> RequestsByEllis {
    let texts: Vec<(usize, &str)> = answers
        .rows
        .iter()
        .map(|r| (r.ellis.map_or(usize::MAX, |e| e.index()), r.text.as_str()))
        .collect();
    let grouped = Grouped::with_phrases(phrases, &texts, 4);
    let listed: u64 = (0..3).map(|g| grouped.answers(g)).sum();
    RequestsByEllis {
        very_disappointed: group(grouped.themes(0), "the very disappointed's"),
        somewhat_disappointed: group(grouped.themes(1), "the somewhat disappointed's"),
        not_disappointed: group(grouped.themes(2), "the not disappointed's"),
        ungrouped: answers.rows.len() as u64 - listed,
    }
}

/// Each answer in the group of its segment in segment column `k`: every
/// segment the tally counted is a group; segments with fewer than
/// `minSegmentSize` answers are flagged, not themed, as are those beyond
/// the [`MAX_THEMED_SEGMENTS`] largest.
fn by_segment(
    answers: &RequestAnswers,
    phrases: &Arc<Phrases>,
    k: usize,
    column: &str,
    tally: &SegmentTally,
    c: &SurveyConfig,
) -> SegmentRequests {
    let index: BTreeMap<&str, usize> = tally
        .groups
        .keys()
        .enumerate()
        .map(|(g, name)| (name.as_str(), g))
        .collect();
    let (mut without, mut beyond) = (0u64, 0u64);
    let mut texts: Vec<(usize, &str)> = Vec::with_capacity(answers.rows.len());
    for r in &answers.rows {
        let g = match r.segments.get(k).and_then(Option::as_deref) {
            None => {
                without += 1;
                usize::MAX
            }
            Some(name) => index.get(name).copied().unwrap_or_else(|| {
                beyond += 1;
                usize::MAX
            }),
        };
        texts.push((g, r.text.as_str()));
    }
    let grouped = Grouped::with_phrases(phrases, &texts, index.len());
    let mut order: Vec<(&str, usize)> = index
        .iter()
        .map(|(name, g)| (*name, *g))
        .filter(|(_, g)| grouped.answers(*g) > 0)
        .collect();
    order.sort_by(|a, b| {
        grouped
            .answers(b.1)
            .cmp(&grouped.answers(a.1))
            .then_with(|| a.0.cmp(b.0))
    });
    let mut themed = 0;
    let segments = order
        .into_iter()
        .map(|(name, g)| {
            let n = grouped.answers(g);
            let small = (n as f64) < c.min_segment_size;
            let not_themed = |why: String| RequestGroup {
                answers: n,
                themes: Vec::new(),
                reason: Some(format!("{why}: counted, not themed")),
            };
            let found = if small {
                not_themed(format!(
                    "fewer than minSegmentSize ({}) answers",
                    format_number(c.min_segment_size)
                ))
            } else if themed >= MAX_THEMED_SEGMENTS {
                not_themed(format!(
                    "not among the {MAX_THEMED_SEGMENTS} largest segments"
                ))
            } else {
                themed += 1;
                group(grouped.themes(g), &format!("the {name} segment's"))
            };
            SegmentRequestGroup {
                name: name.to_string(),
                answers: n,
                small,
                themes: found.themes,
                reason: found.reason,
            }
        })
        .collect();
    SegmentRequests {
        column: column.to_string(),
        min_segment_size: c.min_segment_size,
        segments,
        answers_without_segment: without,
        answers_beyond_segment_limit: beyond,
    }
}
