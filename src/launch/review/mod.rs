//! The launch review: after the launch, each of the original design's
//! success criteria measured from data the project already reads (the
//! plan's milestones, usage events with names, a survey's CSAT, revenue),
//! where the original left every figure at `current: 0`. Each criterion is
//! met, not met, or not yet measurable (with the day it will be), with its
//! figure, its interval where it is a share, and the data behind it.
//!
//! ```
//! use market_validation::launch::{review_launch, LaunchCriterionStatus};
//! use market_validation::RawValue;
//!
//! let plan = RawValue::from_json_str(r#"{ "productName": "Acme", "launchDate": "2027-03-01",
//!     "milestones": [{ "name": "Freeze", "date": "2027-02-01", "doneOn": "2027-02-01" },
//!                    { "name": "Launch", "date": "2027-03-01", "doneOn": "2027-03-02" }] }"#).unwrap();
//! let options = RawValue::from_json_str(r#"{ "asOf": "2027-04-15", "launchedOn": "2027-03-02" }"#).unwrap();
//! let review = review_launch(&plan, &options, None).unwrap();
//! // Planned over 28 days (2027-02-01 to the launch): 5% is 1.4 days, and it launched 1 day late.
//! assert_eq!(review.criteria[0].id, "on_time");
//! assert_eq!(review.criteria[0].status, LaunchCriterionStatus::Met);
//! assert!(review.criteria[0].basis.contains("5% of that is 1.4 days"));
//! ```

mod criteria;
mod options;
mod usage;

pub use criteria::{
    LaunchCriterion, LaunchCriterionStatus, ADOPTION_TARGET, COMPLETION_TARGET,
    ON_TIME_SHARE_OF_DURATION,
};
pub use options::{LaunchRevenue, LaunchReviewOptions};

use super::plan;
use super::timeline;
use crate::calendar::iso_date;
use crate::events::{read_events_export, EventColumns, EventsExportRead};
use crate::input::problem::InputError;
use crate::input::raw::RawValue;
use serde::Serialize;

/// What `reviewLaunch` measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchReview {
    /// The product's name.
    pub product_name: String,
    /// The planned launch day, `YYYY-MM-DD`.
    pub planned_launch: String,
    /// The day it launched, `YYYY-MM-DD`: `options.launchedOn`, else the planned day.
    pub launched_on: String,
    /// True when `launchedOn` was not given and the planned day was taken.
    pub launched_on_assumed: bool,
    /// The day of the review, `YYYY-MM-DD` (`options.asOf`).
    pub as_of: String,
    /// The end of the 30 days after the launch the adoption is counted in, `YYYY-MM-DD`.
    pub window_end: String,
    /// Each criterion, in a fixed order: `on_time`, `feature_completion`, `customer_adoption`,
    /// `feature_usage`, `customer_satisfaction`, `revenue_impact`.
    pub criteria: Vec<LaunchCriterion>,
    /// How many criteria are met.
    pub met: u32,
    /// How many are not met.
    pub not_met: u32,
    /// How many cannot be measured yet (or from the data given).
    pub not_yet_measurable: u32,
    /// How `options.events` was read, when it was an events export file: the columns chosen,
    /// the time format, the rows passed over, how users were identified and what was guessed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events_read: Option<EventsExportRead>,
}

/// The usage events a review reads.
#[derive(Debug, Clone, Copy)]
pub enum LaunchEvents<'a> {
    /// Columns, as `analyzeEvents` takes them.
    Columns(&'a EventColumns),
    /// An events export file (CSV, JSON lines, ...), as `analyzeEventsCsv` takes it, read with
    /// `options.eventsOptions`.
    Export(&'a [u8]),
}

/// Reviews a launch: `plan` as `checkLaunch` takes it, `options` as
/// [`LaunchReviewOptions`] (the survey result and revenue inside them),
/// `events` the usage events (with names) when there are any. Problems in
/// the plan and the options are reported together, before the events are read.
pub fn review_launch(
    plan: &RawValue,
    options: &RawValue,
    events: Option<LaunchEvents<'_>>,
) -> Result<LaunchReview, InputError> {
    let plan = plan::read_plan(plan);
    let feature_ids: Vec<String> = match &plan {
        Ok(p) => p.features.iter().map(|f| f.id.clone()).collect(),
        Err(_) => Vec::new(),
    };
    let read = options::read(options, &feature_ids, plan.is_ok());
    let (plan, read) = match (plan, read) {
        (Ok(plan), Ok(read)) => (plan, read),
        (Err(mut problems), Err(more)) => {
            problems.extend(more);
            return Err(InputError::new("launch plan and review options", problems));
        }
        (Err(problems), Ok(_)) => return Err(InputError::new("launch plan", problems)),
        (Ok(_), Err(problems)) => return Err(InputError::new("launch review options", problems)),
    };
    let launched = read.launched_on.unwrap_or(plan.launch_day);
    let (usage, events_read) = match events {
        None => (None, None),
        Some(LaunchEvents::Columns(columns)) => {
            (Some(usage::measure(columns, &read, launched)?), None)
        }
        Some(LaunchEvents::Export(bytes)) => {
            let export = read_events_export(bytes, &read.events_config)
                .map_err(|e| InputError::new("launch review events", e.problems))?;
            if export.read.event_column.is_none() {
                return Err(usage::no_event_column(&export.read));
            }
            let usage = usage::measure(&export.events, &read, launched)?;
            (Some(usage), Some(export.read))
        }
    };
    let schedule = timeline::schedule(&plan);
    let criteria = criteria::all(&criteria::Inputs {
        plan: &plan,
        milestones: &schedule.milestones,
        options: &read,
        launched,
        usage: usage.as_ref(),
    });
    let count = |s: LaunchCriterionStatus| criteria.iter().filter(|c| c.status == s).count() as u32;
    Ok(LaunchReview {
        product_name: plan.product_name.clone(),
        planned_launch: iso_date(plan.launch_day),
        launched_on: iso_date(launched),
        launched_on_assumed: read.launched_on.is_none(),
        as_of: iso_date(read.as_of),
        window_end: iso_date(launched + usage::ADOPTION_WINDOW_DAYS - 1),
        met: count(LaunchCriterionStatus::Met),
        not_met: count(LaunchCriterionStatus::NotMet),
        not_yet_measurable: count(LaunchCriterionStatus::NotYetMeasurable),
        criteria,
        events_read,
    })
}
