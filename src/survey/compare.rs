//! Two waves of a survey compared: the change in NPS (an interval from the
//! two samples' variances, Rocks 2016), in the Sean Ellis share and in CSAT
//! (Newcombe's hybrid score interval for a difference of proportions), for
//! `compareSurveys` and for the waves of one file.

use super::metrics::changes;
pub use super::metrics::Change;
use super::options::SurveyConfig;
use super::report::SurveyAnalysis;
use serde::Serialize;

/// Two survey waves compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SurveyComparison {
    /// The change in NPS, when both waves asked it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nps: Option<Change>,
    /// The change in the Sean Ellis "very disappointed" share, when both waves asked it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pmf: Option<Change>,
    /// The change in CSAT share, when both waves asked it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub csat: Option<Change>,
    /// The first wave's analysis.
    pub before: SurveyAnalysis,
    /// The second wave's analysis.
    pub after: SurveyAnalysis,
}

/// Compares two waves: the change in NPS (interval from the two samples'
/// variances, Rocks 2016), in the Sean Ellis share and in CSAT (Newcombe's
/// hybrid score interval for a difference of proportions).
pub fn compare(
    before: SurveyAnalysis,
    after: SurveyAnalysis,
    config: &SurveyConfig,
) -> SurveyComparison {
    let (nps, pmf, csat) = changes(
        (
            before.nps.as_ref(),
            before.pmf.as_ref(),
            before.csat.as_ref(),
        ),
        (after.nps.as_ref(), after.pmf.as_ref(), after.csat.as_ref()),
        config,
    );
    SurveyComparison {
        nps,
        pmf,
        csat,
        before,
        after,
    }
}
