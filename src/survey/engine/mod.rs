//! The product-market-fit engine of Rahul Vohra, "How Superhuman Built an
//! Engine to Find Product/Market Fit" (First Round Review, 2018), from a
//! survey with the Sean Ellis question and its free-text questions: the
//! high-expectation segment ([`segment`]); what the very disappointed love
//! (the themes of their main benefit, [`crate::text::themes`]); what holds
//! back the somewhat disappointed who love the same thing (their
//! improvement themes); and the roadmap in those terms. English only.

pub mod answers;
pub(crate) mod columns;
pub mod segment;

use super::answers::Ellis;
use super::options::SurveyConfig;
use super::tally::Tally;
use crate::format::format_number;
use crate::text::groups::Grouped;
pub use crate::text::groups::{PhraseCount, ThemeCount, MAX_THEMES};
use answers::{TextAnswers, TextRow};
pub use columns::EngineColumns;
pub use segment::{HighExpectationSegment, SegmentTest};
use serde::Serialize;

/// Main-benefit themes whose fans among the somewhat disappointed are asked what holds them back.
pub const TOP_BENEFITS: usize = 3;

/// The engine's result: `survey.engine`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PmfEngine {
    /// The free-text columns read, and how each was found.
    pub columns: EngineColumns,
    /// The segment that would miss the product most, if one is told apart.
    pub high_expectation_segment: HighExpectationSegment,
    /// What the very disappointed love: the themes of their main-benefit answers.
    pub main_benefits: ThemeSummary,
    /// Whom the very disappointed think it is for: the themes of their who-benefits answers.
    pub who_benefits: ThemeSummary,
    /// What holds back the somewhat disappointed whose main benefit is one of the top themes.
    pub holding_back: HoldingBack,
    /// The roadmap in the engine's terms.
    pub roadmap: Roadmap,
}

/// The themes of one free-text question in one group of respondents.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ThemeSummary {
    /// The column read; absent when the question was not found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// The group's answers to it.
    pub answers: u64,
    /// The themes c-TF-IDF chooses against the other groups' answers (at most 8), most answers
    /// first.
    pub themes: Vec<ThemeCount>,
    /// Why there is no theme, when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// What holds back the somewhat disappointed who love what the very disappointed love.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct HoldingBack {
    /// The main-benefit themes matched (the top ones of `mainBenefits`).
    pub benefits: Vec<String>,
    /// Somewhat disappointed respondents with a main-benefit answer.
    pub somewhat_disappointed: u64,
    /// Of those, the ones whose main benefit holds one of `benefits`.
    pub matched: u64,
    /// Their improvement themes (against every other improvement answer), with `answers` the
    /// matched respondents who answered the improvement question.
    pub improve: ThemeSummary,
}

/// The roadmap in the engine's terms.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Roadmap {
    /// Each step: build for the segment, double down on a benefit, address what holds back.
    pub steps: Vec<RoadmapStep>,
    /// The steps in one paragraph.
    pub summary: String,
}

/// One roadmap step.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RoadmapStep {
    /// `focus` (the high-expectation segment), `double-down` (a main benefit of the very
    /// disappointed) or `address` (what holds back the somewhat disappointed).
    #[cfg_attr(
        feature = "wasm",
        tsify(type = "\"focus\" | \"double-down\" | \"address\"")
    )]
    pub action: String,
    /// The segment or theme.
    pub subject: String,
    /// The step in words, with its figures.
    pub reading: String,
}

/// Builds the engine from the tally and the free-text answers (none for
/// answers given as arrays).
pub fn build(
    tally: &Tally,
    texts: Option<&TextAnswers>,
    columns: EngineColumns,
    c: &SurveyConfig,
) -> PmfEngine {
    let segment = segment::high_expectation_segment(tally, c);
    let empty = TextAnswers::default();
    let rows = &texts.unwrap_or(&empty).rows;
    let header =
        |col: &Option<crate::input::csv::DetectedColumn>| col.as_ref().map(|d| d.header.clone());
    // The very disappointed's answers against the somewhat and not
    // disappointed's, and those who no longer use it (contrasted with, never
    // reported): each answer in the class of its Sean Ellis answer.
    let very = |q: usize, column: &Option<crate::input::csv::DetectedColumn>| {
        let grouped = grouped(rows, q, &|_, r| r.ellis.index());
        let summary = summary(&grouped, q, 0, header(column), "the very disappointed");
        (grouped, summary)
    };
    let (benefits, main_benefits) = very(0, &columns.main_benefit);
    let who_benefits = very(1, &columns.who_benefits).1;
    let holding_back = holding_back(&benefits, &main_benefits, rows, header(&columns.improve));
    let roadmap = roadmap(&segment, &main_benefits, &holding_back);
    PmfEngine {
        columns,
        high_expectation_segment: segment,
        main_benefits,
        who_benefits,
        holding_back,
        roadmap,
    }
}

/// Question `q`'s answers, one per row in file order (blank answers in no
/// group), each in the group `class` gives it, as [`Grouped`] answers.
fn grouped<'r>(
    rows: &'r [TextRow],
    q: usize,
    class: &dyn Fn(usize, &TextRow) -> usize,
) -> Grouped<'r> {
    let answers: Vec<(usize, &str)> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (class(i, r), r.texts[q].as_deref().unwrap_or("")))
        .collect();
    Grouped::new(&answers, 4)
}

/// The class of an answer left out of every class.
const NO_CLASS: usize = usize::MAX;

/// The themes of question `q` in class `target` (see [`Grouped::themes`]:
/// c-TF-IDF chooses the phrases that tell this group from the others, none
/// repeating another; they are listed by how many of the group's answers
/// hold them, as Vohra counted them).
fn summary(
    grouped: &Grouped,
    q: usize,
    target: usize,
    column: Option<String>,
    group: &str,
) -> ThemeSummary {
    let Some(column) = column else {
        return ThemeSummary {
            column: None,
            answers: 0,
            themes: Vec::new(),
            reason: Some(format!(
                "no {} column found: name it in options.columns.{}",
                ["main-benefit", "who-benefits", "improvement"][q.min(2)],
                answers::QUESTIONS[q.min(2)]
            )),
        };
    };
    let found = grouped.themes(target);
    ThemeSummary {
        column: Some(column),
        answers: found.answers,
        reason: found.reason(&format!("{group}'s")),
        themes: found.themes,
    }
}

/// The somewhat disappointed whose main benefit holds a top theme, and their
/// improvement themes against every other improvement answer.
fn holding_back(
    benefits: &Grouped,
    main: &ThemeSummary,
    rows: &[TextRow],
    improve_column: Option<String>,
) -> HoldingBack {
    let top: Vec<&ThemeCount> = main.themes.iter().take(TOP_BENEFITS).collect();
    let benefits = benefits.corpus();
    let mut fan = vec![false; rows.len()];
    for t in &top {
        for d in benefits.docs_with(&t.terms) {
            if benefits.class_of(*d) == Some(1) {
                if let Some(f) = fan.get_mut(*d as usize) {
                    *f = true;
                }
            }
        }
    }
    let somewhat = (0..rows.len() as u32)
        .filter(|d| benefits.class_of(*d) == Some(1))
        .count() as u64;
    let matched = fan.iter().filter(|f| **f).count() as u64;
    // Classes: matched somewhat (0), other somewhat (1), very (2), not (3).
    let improve = grouped(
        rows,
        2,
        &|i, r| match (r.ellis, fan.get(i).copied().unwrap_or(false)) {
            (Ellis::SomewhatDisappointed, true) => 0,
            (Ellis::SomewhatDisappointed, false) => 1,
            (Ellis::VeryDisappointed, _) => 2,
            (Ellis::NotDisappointed, _) => 3,
            (Ellis::NoLongerUse, _) => NO_CLASS,
        },
    );
    let mut summary = summary(
        &improve,
        2,
        0,
        improve_column,
        "the somewhat disappointed who love the top benefits",
    );
    if top.is_empty() && summary.column.is_some() {
        summary.themes.clear();
        summary.reason =
            Some("no main-benefit theme to match the somewhat disappointed on".to_string());
    }
    HoldingBack {
        benefits: top.iter().map(|t| t.label.clone()).collect(),
        somewhat_disappointed: somewhat,
        matched,
        improve: summary,
    }
}

fn pct(x: f64) -> String {
    format!("{}%", format_number((x * 1000.0).round() / 10.0))
}

/// The roadmap: build for the segment; double down on the top benefits;
/// address what holds back their fans among the somewhat disappointed.
fn roadmap(segment: &HighExpectationSegment, main: &ThemeSummary, back: &HoldingBack) -> Roadmap {
    let mut steps = Vec::new();
    if let Some(s) = &segment.segment {
        steps.push(RoadmapStep {
            action: "focus".to_string(),
            subject: format!("{} = {}", s.column, s.value),
            reading: format!(
                "Build for {} ({}): {} of them would be very disappointed without the product, against {} of the rest",
                s.value,
                s.column,
                pct(s.share),
                pct(s.rest_share)
            ),
        });
    }
    for t in main.themes.iter().take(TOP_BENEFITS) {
        steps.push(RoadmapStep {
            action: "double-down".to_string(),
            subject: t.label.clone(),
            reading: format!(
                "Double down on \"{}\": the main benefit of {} of {} very disappointed ({})",
                t.label,
                t.count,
                main.answers,
                pct(t.share)
            ),
        });
    }
    for t in back.improve.themes.iter().take(TOP_BENEFITS) {
        steps.push(RoadmapStep {
            action: "address".to_string(),
            subject: t.label.clone(),
            reading: format!(
                "Address \"{}\": what {} of {} somewhat disappointed who love the same benefits ask to improve ({})",
                t.label,
                t.count,
                back.improve.answers,
                pct(t.share)
            ),
        });
    }
    let summary = if steps.is_empty() {
        "No roadmap yet: no segment is told apart and no main-benefit theme was found (the free-text questions may be missing: see the columns)".to_string()
    } else {
        let mut parts: Vec<String> = steps.iter().map(|s| s.reading.clone()).collect();
        if back.improve.themes.is_empty() && !main.themes.is_empty() {
            parts.push(back.improve.reason.clone().unwrap_or_else(|| {
                "nothing yet says what holds back the somewhat disappointed".to_string()
            }));
        }
        format!("{}.", parts.join(". "))
    };
    Roadmap { steps, summary }
}
