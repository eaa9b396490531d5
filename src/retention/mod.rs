//! Survivor curves: the Kaplan–Meier estimate with Greenwood variances and
//! a quantile's Brookmeyer–Crowley interval ([`kaplan_meier`]), for times to
//! an event under censoring (time to adoption); and models fitted to a
//! retention curve to forecast it: the shifted-beta-geometric model
//! (Fader & Hardie 2007, [`sbg`]) and a power law with a floor
//! ([`power_law`]), both by maximum likelihood on the curve's [`steps`],
//! with forecasts and seeded parametric-bootstrap intervals ([`forecast`]),
//! read from a survivor curve by [`fit_retention`]; and the "smile" of an
//! "on" retention curve ([`smile`]).

pub mod forecast;
mod input;
pub mod kaplan_meier;
pub mod optimise;
pub mod power_law;
pub mod random;
pub mod sbg;
pub mod smile;
pub mod steps;

pub use forecast::{
    BootstrapSettings, FitSettings, PowerLawFit, RetentionFit, SbgFit, SurvivalPoint,
};
pub use input::{fit_retention, FitRetentionOptions, MAX_SURVIVOR_POINTS};
pub use smile::Smile;
