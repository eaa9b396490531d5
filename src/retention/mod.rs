//! Retention curve models (a home, empty of logic for now).
//!
//! Models fitted to a survivor curve will live here: the shifted-beta-
//! geometric model (Fader & Hardie 2007) with its forecasts and intervals,
//! a power law with a floor, and the "smile" test, read from the cohort
//! curves of the events analysis.
