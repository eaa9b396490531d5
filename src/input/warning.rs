//! Warnings: what was noticed about an input that does not stop the
//! analysis (an ignored field, values that do not fit together, a sample
//! too small to trust), each with the field path a form shows it next to.

use serde::Serialize;

/// A warning about the data, with the field path it concerns.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Warning {
    /// A stable machine-readable code, e.g. `dau_above_wau`, `unknown_field`.
    pub code: String,
    /// The field path the warning concerns, e.g. `usageMetrics.dailyActiveUsers`.
    pub path: String,
    /// The warning in words.
    pub message: String,
}

impl Warning {
    /// A warning with its code, path and message.
    pub fn new(code: &str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Warning {
            code: code.to_string(),
            path: path.into(),
            message: message.into(),
        }
    }
}

/// Where checks put their warnings: a list of them worded, for a result,
/// or only their count, for a summary, which reports how many there are and
/// not what they say (wording them is most of what checking costs).
// The scorer's checks only, so far.
#[cfg_attr(not(feature = "score"), allow(dead_code))]
/// Taken as `&mut dyn WarningSink`, so the checks are built once, not once
/// per kind of sink (the score part's size counts).
pub(crate) trait WarningSink {
    /// A warning, built only when it is kept.
    fn warn(&mut self, warning: &dyn Fn() -> Warning);
}

impl WarningSink for Vec<Warning> {
    fn warn(&mut self, warning: &dyn Fn() -> Warning) {
        self.push(warning());
    }
}

/// Warnings counted, not worded.
#[cfg_attr(not(feature = "score"), allow(dead_code))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct WarningCount(pub(crate) usize);

impl WarningSink for WarningCount {
    fn warn(&mut self, _: &dyn Fn() -> Warning) {
        self.0 += 1;
    }
}
