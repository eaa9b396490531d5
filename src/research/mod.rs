//! User research from raw answers (a home, empty of logic for now).
//!
//! Usability tests will be read here like survey answers: the System
//! Usability Scale (Brooke 1996) with its interval and grades, task success
//! and time on task, and the feature-request loop, with the same care about
//! intervals and real export layouts as the survey analysis.
