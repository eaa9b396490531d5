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
