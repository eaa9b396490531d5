//! Survivor curves: the Kaplan–Meier estimate with Greenwood variances and
//! a quantile's Brookmeyer–Crowley interval ([`kaplan_meier`]), for times to
//! an event under censoring (time to adoption).
//!
//! Models fitted to a survivor curve will live here too: the shifted-beta-
//! geometric model (Fader & Hardie 2007) with its forecasts and intervals,
//! a power law with a floor, and the "smile" test, read from the cohort
//! curves of the events analysis.

pub mod kaplan_meier;
