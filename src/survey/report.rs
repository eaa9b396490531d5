//! The survey analysis result, computed from a tally: NPS, the Sean
//! Ellis test and CSAT with their intervals, feature ratings, the segment
//! view, the `surveyData` for `analyze`, and what was not used.

pub use super::metrics::{
    csat_summary, nps_summary, pmf_summary, CsatSummary, NpsSummary, PmfSummary, PmfVerdict,
    SampleSize, MIN_PMF_ANSWERS,
};
use super::options::SurveyConfig;
use super::tally::{GroupTally, SegmentTally, Tally};
use super::DetectedColumns;
use crate::analyzer::model::{NpsResponses, SeanEllisAnswers, SurveyData};
use crate::format::format_number;
use crate::input::row_issues::RowReport;
use crate::stats;
use serde::Serialize;
use std::collections::BTreeMap;

/// What `analyzeSurvey` found.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(rename_all = "camelCase")]
pub struct SurveyAnalysis {
    /// Rows with at least one usable answer.
    pub responses: u64,
    /// Net Promoter Score from the 0..10 answers; absent without that question.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nps: Option<NpsSummary>,
    /// The Sean Ellis test; absent without that question.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pmf: Option<PmfSummary>,
    /// CSAT from the 1..5 satisfaction answers; absent without that question.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub csat: Option<CsatSummary>,
    /// Mean rating and spread of each 1..5 feature rating column.
    pub features: Vec<FeatureSummary>,
    /// Every metric by segment; absent without a segment column. With several segment columns,
    /// the first's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segments: Option<SegmentBreakdown>,
    /// With several segment columns, every metric by segment of each, keyed by the column (its
    /// header, or a split question's text); empty with one or none.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub segments_by_column: BTreeMap<String, SegmentBreakdown>,
    /// With `options.waves`, NPS, the Sean Ellis share and CSAT per completion month or
    /// quarter, each with the change from the wave before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waves: Option<SurveyWaves>,
    /// With the Sean Ellis question, Vohra's product-market-fit engine: the high-expectation
    /// segment, the main benefits of the very disappointed, what holds back the somewhat
    /// disappointed, and the roadmap.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub engine: Option<super::engine::PmfEngine>,
    /// With a feature-request column ("What should we build next?", "Feature requests", ...;
    /// without one, the engine's "How can we improve … for you?"), the requests as themes
    /// with counts and examples: overall, by Sean Ellis group and by segment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feature_requests: Option<super::requests::FeatureRequests>,
    /// With `options.behaviour`, the respondents matched to their users and their answers read
    /// by engagement (L28 tier) and by feature adoption.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub behaviour: Option<super::joined::SurveyBehaviour>,
    /// The survey side of the product data, ready for `analyze({ surveyData })`: counts, so that
    /// the sampling error carries into the analyzer's interval.
    pub survey_data: SurveyData,
    /// Which column each question was read from, and how it was found.
    pub columns: DetectedColumns,
    /// Rows not used at all, by line number and reason.
    pub skipped: RowReport,
    /// Answers not used in rows that were otherwise used, by line number and reason.
    pub invalid_answers: RowReport,
    /// Confidence level of every interval.
    pub confidence_level: f64,
    /// How the file was read (its tool, encoding, header rows, delimiter); absent for answers
    /// given as arrays.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<super::SurveyFile>,
    /// What was guessed in reading the file (answers given as codes read in an assumed order,
    /// a scale's direction), each with how to choose otherwise.
    pub warnings: Vec<crate::input::warning::Warning>,
}

/// One feature's ratings.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FeatureSummary {
    /// The feature (its column header).
    pub name: String,
    /// Ratings counted.
    pub n: u64,
    /// Mean rating, 1..5 (0 with no ratings).
    pub mean: f64,
    /// Standard deviation of the ratings.
    pub sd: f64,
    /// Normal-approximation interval on the mean.
    pub interval: [f64; 2],
    /// Ratings by value, 1..5.
    pub distribution: Vec<u64>,
}

/// Every metric by segment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SegmentBreakdown {
    /// The segment column.
    pub column: String,
    /// Segments with fewer answers than this are flagged `small` and not ranked.
    pub min_segment_size: f64,
    /// Each segment, largest first.
    pub segments: Vec<SegmentSummary>,
    /// The segment with the highest "very disappointed" share among those large enough: who
    /// loves the product most (the Superhuman reading). Absent unless its interval lies above
    /// the other segments' pooled share, so a lead that may be chance is not called out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub loves_most: Option<SegmentHighlight>,
    /// Rows whose segment was beyond the 1,000 distinct segments tallied.
    pub rows_beyond_segment_limit: u64,
}

/// One segment's metrics.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SegmentSummary {
    /// Segment name as written in the file (trimmed).
    pub name: String,
    /// Rows from this segment.
    pub responses: u64,
    /// True when its Sean Ellis (or, without that question, its NPS) answers are fewer than
    /// `minSegmentSize`: shown, not ranked.
    pub small: bool,
    /// Its NPS.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nps: Option<NpsSummary>,
    /// Its Sean Ellis test.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pmf: Option<PmfSummary>,
    /// Its CSAT.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub csat: Option<CsatSummary>,
}

/// The segment that loves the product most.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SegmentHighlight {
    /// Segment name.
    pub name: String,
    /// Its "very disappointed" share.
    pub very_disappointed_share: f64,
    /// Wilson interval on it.
    pub interval: [f64; 2],
    /// Its answers from users.
    pub n: u64,
    /// In words.
    pub reading: String,
}

/// Builds the whole analysis from a finished tally.
pub fn build(tally: &Tally, columns: DetectedColumns, c: &SurveyConfig) -> SurveyAnalysis {
    let all = &tally.all;
    let nps = nps_summary(all, c);
    let pmf = pmf_summary(all, c);
    let csat = csat_summary(all, c);
    let features: Vec<FeatureSummary> = tally
        .layout
        .features
        .iter()
        .zip(&all.features)
        .map(|(name, counts)| {
            let n: u64 = counts.iter().sum();
            let (mean, sd, lo, hi) =
                stats::rating_moments(counts, 1.0, c.z).unwrap_or((0.0, 0.0, 1.0, 5.0));
            FeatureSummary {
                name: name.clone(),
                n,
                mean,
                sd,
                interval: [lo.max(1.0), hi.min(5.0)],
                distribution: counts.to_vec(),
            }
        })
        .collect();
    let by_column: Vec<SegmentBreakdown> = tally
        .layout
        .segments
        .iter()
        .zip(&tally.segments)
        .map(|(column, groups)| segment_breakdown(groups, column, c))
        .collect();
    let segments = by_column.first().cloned();
    let segments_by_column = if by_column.len() > 1 {
        by_column
            .into_iter()
            .map(|b| (b.column.clone(), b))
            .collect()
    } else {
        BTreeMap::new()
    };
    let survey_data = survey_data(all, nps.as_ref(), pmf.as_ref(), csat.as_ref(), &features);
    SurveyAnalysis {
        responses: all.responses,
        nps,
        pmf,
        csat,
        features,
        segments,
        segments_by_column,
        waves: None,
        engine: None,
        feature_requests: None,
        behaviour: None,
        survey_data,
        columns,
        skipped: RowReport::from_log(&tally.skipped),
        invalid_answers: RowReport::from_log(&tally.invalid_answers),
        confidence_level: c.confidence_level,
        file: None,
        warnings: Vec::new(),
    }
}

fn segment_breakdown(tally: &SegmentTally, column: &str, c: &SurveyConfig) -> SegmentBreakdown {
    let mut segments: Vec<SegmentSummary> = tally
        .groups
        .iter()
        .map(|(name, g)| {
            let pmf = pmf_summary(g, c);
            let nps = nps_summary(g, c);
            let csat = csat_summary(g, c);
            // Sized by its Sean Ellis answers, else its NPS, else its CSAT answers.
            let size = pmf
                .as_ref()
                .map(|p| p.n)
                .or(nps.as_ref().map(|n| n.n))
                .or(csat.as_ref().map(|s| s.n))
                .unwrap_or(0);
            SegmentSummary {
                name: name.clone(),
                responses: g.responses,
                small: (size as f64) < c.min_segment_size,
                nps,
                pmf,
                csat,
            }
        })
        .collect();
    // Largest first; ties by name, for deterministic output.
    segments.sort_by(|a, b| {
        b.responses
            .cmp(&a.responses)
            .then_with(|| a.name.cmp(&b.name))
    });
    let loves_most = segments
        .iter()
        .filter(|s| !s.small)
        .filter_map(|s| s.pmf.as_ref().map(|p| (s, p)))
        .max_by(|(sa, a), (sb, b)| a.very_disappointed_share.total_cmp(&b.very_disappointed_share).then_with(|| sb.name.cmp(&sa.name)))
        // Only a segment told apart from the rest: its interval lies above the
        // other segments' pooled share (else the lead may be chance).
        .filter(|(s, p)| {
            let (vd, n) = segments
                .iter()
                .filter(|o| o.name != s.name)
                .filter_map(|o| o.pmf.as_ref())
                .fold((0u64, 0u64), |(vd, n), o| (vd + o.very_disappointed, n + o.n));
            n > 0 && p.interval[0] > vd as f64 / n as f64
        })
        .map(|(s, p)| SegmentHighlight {
            name: s.name.clone(),
            very_disappointed_share: p.very_disappointed_share,
            interval: p.interval,
            n: p.n,
            reading: format!(
                "{}: {}% very disappointed ({} of {}), the segment that would miss the product most; build for them first",
                s.name,
                format_number((p.very_disappointed_share * 1000.0).round() / 10.0),
                p.very_disappointed,
                p.n
            ),
        });
    SegmentBreakdown {
        column: column.to_string(),
        min_segment_size: c.min_segment_size,
        segments,
        loves_most,
        rows_beyond_segment_limit: tally.beyond_limit,
    }
}

/// The survey side of the product data: counts where they exist, so that
/// `analyze` computes the same intervals from them.
fn survey_data(
    g: &GroupTally,
    nps: Option<&NpsSummary>,
    pmf: Option<&PmfSummary>,
    csat: Option<&CsatSummary>,
    features: &[FeatureSummary],
) -> SurveyData {
    // Names cut to what analyze accepts; a repeated name gets " (2)", " (3)".
    let mut ratings: BTreeMap<String, f64> = BTreeMap::new();
    for f in features.iter().filter(|f| f.n > 0) {
        let base: String = f
            .name
            .chars()
            .take(crate::input::raw::MAX_KEY_CHARS - 5)
            .collect();
        let base = if base.trim().is_empty() {
            "feature".to_string()
        } else {
            base
        };
        let mut name = base.clone();
        let mut k = 2;
        while ratings.contains_key(&name) {
            name = format!("{base} ({k})");
            k += 1;
        }
        ratings.insert(name, f.mean);
    }
    SurveyData {
        nps_score: nps.map(|s| s.score),
        nps_responses: nps.map(|s| NpsResponses {
            promoters: Some(s.promoters as f64),
            passives: Some(s.passives as f64),
            detractors: Some(s.detractors as f64),
        }),
        satisfaction_score: csat.map(|s| s.mean),
        csat_share: csat.map(|s| s.share),
        likelihood_to_recommend: nps.map(|s| {
            s.distribution
                .iter()
                .enumerate()
                .map(|(v, c)| v as f64 * *c as f64)
                .sum::<f64>()
                / s.n as f64
        }),
        feature_ratings: (!ratings.is_empty()).then_some(ratings),
        // The answers behind the CSAT and feature figures, which analyze
        // sizes by feedbackVolume; else all responding rows.
        feedback_volume: Some(csat.map_or(g.responses, |s| s.n) as f64).filter(|n| *n > 0.0),
        sean_ellis: pmf.map(|s| SeanEllisAnswers {
            very_disappointed: Some(s.very_disappointed as f64),
            somewhat_disappointed: Some(s.somewhat_disappointed as f64),
            not_disappointed: Some(s.not_disappointed as f64),
            no_longer_use: Some(s.no_longer_use as f64),
        }),
        // No SUS questionnaire is read from survey exports.
        sus_score: None,
        sus_responses: None,
    }
}

/// The answers by wave.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SurveyWaves {
    /// `month` or `quarter`.
    #[cfg_attr(feature = "wasm", tsify(type = "\"month\" | \"quarter\""))]
    pub period: String,
    /// The completion date column split by.
    pub column: String,
    /// Each wave, oldest first.
    pub waves: Vec<WaveSummary>,
    /// Rows used whose completion date could not be read: in the totals, in no wave.
    pub rows_without_date: u64,
}

/// One wave's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct WaveSummary {
    /// The wave: `2026-11` (a month) or `2026-Q4` (a quarter).
    pub wave: String,
    /// Rows with at least one usable answer.
    pub responses: u64,
    /// NPS with its interval.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nps: Option<NpsSummary>,
    /// The Sean Ellis test.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pmf: Option<PmfSummary>,
    /// CSAT.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub csat: Option<CsatSummary>,
    /// The change from the wave before (absent for the first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change_from_previous: Option<WaveChange>,
}

/// The change of each metric from one wave to the next.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct WaveChange {
    /// The wave compared with.
    pub from: String,
    /// NPS, when both waves have it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nps: Option<super::Change>,
    /// The Sean Ellis share, when both waves have it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pmf: Option<super::Change>,
    /// The CSAT share, when both waves have it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub csat: Option<super::Change>,
}
