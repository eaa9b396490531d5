//! User research from raw answers: usability tests.
//!
//! The statistics so far: the System Usability Scale (Brooke 1996) per
//! respondent and over respondents with its t interval and curved grade
//! ([`sus`]); task success with its Agresti–Coull interval and time on task
//! as a geometric mean with its log-scale interval ([`tasks`]); the Single
//! Ease Question's mean rating ([`seq`]); UMUX-Lite and its regression to
//! the SUS scale ([`umux_lite`]). The usability-tool and survey-tool
//! exports, the analyzer's SUS metric and the feature-request themes come
//! next (issue 22).

pub mod seq;
pub mod sus;
pub mod tasks;
pub mod umux_lite;
