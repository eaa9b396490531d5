//! Findings: everything the checks found that needs doing, each with its
//! level. The status and the recommendations are both read from this one
//! list, so they cannot disagree.

use serde::Serialize;

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum LaunchFindingLevel {
    /// The launch cannot go ahead as planned: the status is `blocked`.
    Blocker,
    /// To fix or confirm before the launch: the status is at best `needs_attention`.
    Attention,
    /// Worth doing; does not change the status.
    Advice,
}

impl LaunchFindingLevel {
    /// Every level, most severe first.
    pub(crate) const ALL: [LaunchFindingLevel; 3] = [
        LaunchFindingLevel::Blocker,
        LaunchFindingLevel::Attention,
        LaunchFindingLevel::Advice,
    ];
}

/// Whether the launch is ready.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum LaunchStatus {
    /// Every check passed (advice aside).
    Ready,
    /// Something needs fixing or confirming; nothing blocks the launch.
    NeedsAttention,
    /// A critical dependency is broken (unknown, in a loop, or scheduled after what depends on it),
    /// or an approval is missing on the day the milestone waiting for it is due.
    Blocked,
}

/// A reason: a finding in words, with the input field it concerns.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchReason {
    /// A stable machine-readable code, e.g. `unknown_dependency`, `missing_positioning`.
    pub code: String,
    /// The input field it concerns (`dependencies[2].dependsOn`); absent when it concerns no one
    /// field (the default timeline, the plan as a whole).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The reason in words.
    pub message: String,
}

/// One thing to do, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchRecommendation {
    /// The finding's code, as in `statusReasons`.
    pub code: String,
    /// How much it matters.
    pub level: LaunchFindingLevel,
    /// The input field it concerns, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// What was found.
    pub finding: String,
    /// What to do about it.
    pub action: String,
    /// The id of the source behind the rule's threshold, in `sources`; absent for rules that
    /// need none (a name not in the plan) or whose threshold is our own (docs/methodology.md).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// One finding of the checks.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Finding {
    pub code: &'static str,
    pub level: LaunchFindingLevel,
    pub path: Option<String>,
    pub finding: String,
    pub action: String,
    pub source: Option<&'static str>,
}

impl Finding {
    pub(crate) fn new(
        code: &'static str,
        level: LaunchFindingLevel,
        path: Option<String>,
        finding: String,
        action: String,
    ) -> Self {
        Finding {
            code,
            level,
            path,
            finding,
            action,
            source: None,
        }
    }

    pub(crate) fn cited(mut self, source: &'static str) -> Self {
        self.source = Some(source);
        self
    }
}

/// The status and the reasons that decided it: the findings at the most
/// severe level present (none when ready).
pub(crate) fn status(findings: &[Finding]) -> (LaunchStatus, Vec<LaunchReason>) {
    let worst = findings
        .iter()
        .map(|f| f.level)
        .filter(|l| *l != LaunchFindingLevel::Advice)
        .min();
    let status = match worst {
        Some(LaunchFindingLevel::Blocker) => LaunchStatus::Blocked,
        Some(_) => LaunchStatus::NeedsAttention,
        None => LaunchStatus::Ready,
    };
    let reasons = findings
        .iter()
        .filter(|f| Some(f.level) == worst)
        .map(|f| LaunchReason {
            code: f.code.to_string(),
            path: f.path.clone(),
            message: f.finding.clone(),
        })
        .collect();
    (status, reasons)
}

/// Every finding as a recommendation, most severe first, in the order found
/// within a level.
pub(crate) fn recommendations(findings: &[Finding]) -> Vec<LaunchRecommendation> {
    // Level by level: a stable sort by level, without a sort's code in wasm.
    LaunchFindingLevel::ALL
        .iter()
        .flat_map(|&level| findings.iter().filter(move |f| f.level == level))
        .map(|f| LaunchRecommendation {
            code: f.code.to_string(),
            level: f.level,
            path: f.path.clone(),
            finding: f.finding.clone(),
            action: f.action.clone(),
            source: f.source.map(str::to_string),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::LaunchFindingLevel::{self, Advice, Attention, Blocker};

    #[test]
    fn all_levels_are_listed_most_severe_first() {
        // Exhaustive: a new level fails to compile here until it is placed in ALL.
        let rank = |level: LaunchFindingLevel| match level {
            Blocker => 0,
            Attention => 1,
            Advice => 2,
        };
        let ranks: Vec<i32> = LaunchFindingLevel::ALL.iter().map(|&l| rank(l)).collect();
        assert_eq!(ranks, [0, 1, 2]);
        assert!(LaunchFindingLevel::ALL.windows(2).all(|w| w[0] < w[1]));
    }
}
