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
