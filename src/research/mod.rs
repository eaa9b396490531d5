//! User research from raw answers: usability tests.
//!
//! The statistics: the System Usability Scale (Brooke 1996) per respondent
//! and over respondents with its t interval, curved grade, percentile and
//! adjective ([`sus`]); task success with its Agresti–Coull interval and
//! time on task as a geometric mean with its log-scale interval
//! ([`tasks`]); the Single Ease Question's mean rating ([`seq`]); UMUX-Lite
//! and its regression to the SUS scale ([`umux_lite`]). With the `survey`
//! feature, [`analyze_usability`] reads them from a usability tool's task
//! table or a survey tool's export.

#[cfg(feature = "survey")]
mod cells;
#[cfg(feature = "survey")]
mod columns;
#[cfg(feature = "survey")]
mod options;
#[cfg(feature = "survey")]
mod read;
#[cfg(feature = "survey")]
mod report;
pub mod seq;
pub mod sus;
pub mod tasks;
pub mod umux_lite;

#[cfg(feature = "survey")]
pub use options::{SusCoding, UsabilityColumns, UsabilityConfig, UsabilityOptions};
#[cfg(feature = "survey")]
pub use read::{analyze_usability, SEQ_AVERAGE};
#[cfg(feature = "survey")]
pub use report::{
    LabelCount, ScoreCount, SusReport, TaskReport, TimeUnitChoice, UmuxLiteReport, UsabilityReport,
};

/// The usability columns of an export's header, found exactly as
/// [`analyze_usability`] finds them (for `readExport`, which tells what a
/// file is before it is analysed).
#[cfg(all(feature = "survey", feature = "events"))]
pub(crate) mod detect {
    use super::columns;
    use super::options::UsabilityConfig;
    use crate::input::csv::DetectedColumn;
    use crate::input::problem::InputError;
    use crate::input::warning::Warning;

    /// What a header holds for a usability test.
    #[derive(Debug, Clone)]
    pub(crate) struct UsabilityColumns {
        /// Each role (`participant`, `task`, `success`, `time`, `seq`, `sus1`..`sus10`,
        /// `umuxLiteCapabilities`, `umuxLiteEase`) with its column and how it was found.
        pub roles: Vec<(String, DetectedColumn)>,
        /// A questionnaire, or a task with its outcome: columns hardly anything else has.
        pub distinctive: bool,
        /// What was guessed (the SUS version, the time unit), with the option that changes it.
        pub warnings: Vec<Warning>,
    }

    /// The columns, or `analyzeUsability`'s error when the header has no
    /// usability questions.
    pub(crate) fn detect_columns(
        headers: &[String],
        questions: &[String],
        config: &UsabilityConfig,
    ) -> Result<UsabilityColumns, InputError> {
        let (found, warnings) = columns::find_usable(headers, questions, config)?;
        let p = &found.positions;
        Ok(UsabilityColumns {
            // A task with only a time may be an events table's property.
            distinctive: p.sus.is_some()
                || p.umux_lite.is_some()
                || (p.task.is_some() && p.outcome.is_some()),
            roles: found.detected,
            warnings,
        })
    }
}
