//! Reading a launch plan and its options: the loose input is validated into
//! a [`Plan`], and every problem is reported at once with its field path.
//!
//! The `Launch*` input structs below are the plan's shape as TypeScript sees
//! it (the reader works on [`RawValue`], so it can report everything wrong in
//! one pass); [`Plan`] is what the checks work on.

use super::defaults::{DEFAULT_TIMELINE, LAUNCH_REVIEW_DAYS};
use super::shapes::LaunchDependencyType;
use super::Positions;
use crate::calendar::{iso_date, parse_iso_date, FIRST_DAY, LAST_DAY};
use crate::format::format_number;
use crate::input::problem::{index_path, join_path, Problem};
use crate::input::raw::{RawValue, MAX_ENTRIES};
use crate::input::read::{self, array, flag, name, optional_text, text_list, Shape};
use crate::input::units::NumberKind;

mod campaigns;
mod dependencies;

use campaigns::read_campaigns;
use dependencies::read_dependencies;

/// Furthest a milestone's `offsetDays` may be from the launch: ten years.
pub const MAX_OFFSET_DAYS: i64 = 3650;
/// Most dependency pairs (one per name in a `dependsOn`) in one plan: the
/// dependency checks are linear in them, and "did you mean" is not.
pub const MAX_DEPENDENCY_PAIRS: usize = MAX_ENTRIES;

/// A launched feature, read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Feature {
    pub id: String,
    pub name: Option<String>,
    pub path: String,
}

/// One feature's messaging entry, read. Blank texts are `None`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Messaging {
    pub feature_id: String,
    pub messaging: Option<String>,
    pub positioning: Option<String>,
    pub key_benefits: Vec<String>,
    pub path: String,
}

/// A milestone with its day number.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Milestone {
    pub name: String,
    pub day: i64,
    pub critical: bool,
    pub owner: Option<String>,
    pub done: bool,
    /// The day it was done, when given.
    pub done_on: Option<i64>,
    pub description: Option<String>,
    /// Where it is in the input; `None` for the default timeline's.
    pub path: Option<String>,
}

/// One "milestone depends on dependsOn" pair (in the original design's
/// shape, `to` depends on `from`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DependencyPair {
    pub milestone: String,
    pub depends_on: String,
    pub kind: LaunchDependencyType,
    /// Where the depended-on name is in the input; `None` for the defaults.
    pub path: Option<String>,
}

/// Success-metric targets as given.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Targets {
    pub adoption: Option<f64>,
    pub revenue_impact: Option<f64>,
    pub satisfaction: Option<f64>,
    pub feature_usage: Option<f64>,
}

/// A launch plan, validated.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Plan {
    pub product_name: String,
    pub launch_day: i64,
    pub features: Vec<Feature>,
    pub target_audience: Vec<String>,
    pub marketing_channels: Vec<String>,
    pub messaging: Vec<Messaging>,
    /// `None` when absent or empty (the default timeline applies).
    pub milestones: Option<Vec<Milestone>>,
    /// `None` when absent.
    pub dependencies: Option<Vec<DependencyPair>>,
    pub campaigns: Vec<Campaign>,
    pub targets: Targets,
}

/// Where a campaign stands, as the original's marketing API says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CampaignStatus {
    Draft,
    Scheduled,
    Active,
    Completed,
    Cancelled,
}

/// A marketing campaign, read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Campaign {
    pub id: String,
    pub name: String,
    pub start_day: i64,
    pub end_day: i64,
    pub status: CampaignStatus,
    pub channel: Option<String>,
    pub path: String,
}

const PLAN_FIELDS: [&str; 10] = [
    "productName",
    "launchDate",
    "newFeatures",
    "targetAudience",
    "marketingChannels",
    "featureMessaging",
    "milestones",
    "dependencies",
    "marketingCampaigns",
    "successMetrics",
];
const FEATURE_FIELDS: [&str; 3] = ["id", "name", "description"];
const MESSAGING_FIELDS: [&str; 4] = ["featureId", "messaging", "positioning", "keyBenefits"];
const MILESTONE_FIELDS: [&str; 8] = [
    "name",
    "date",
    "offsetDays",
    "critical",
    "owner",
    "done",
    "doneOn",
    "description",
];
const TARGET_FIELDS: [&str; 4] = ["adoption", "revenueImpact", "satisfaction", "featureUsage"];
const OPTION_NAMES: [&str; 1] = ["asOf"];

/// The key two names are compared by for uniqueness: trimmed, ignoring case.
pub(crate) fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Reads the options: the as-of day, if given.
pub(crate) fn read_options(raw: &RawValue) -> Result<Option<i64>, Vec<Problem>> {
    let expected = "an object of options such as { asOf: \"2027-01-10\" }, or nothing";
    read::options(
        raw,
        Shape::options(&OPTION_NAMES, expected),
        "launch options",
        |raw, as_of, problems| {
            *as_of = read::optional_date(raw.get("asOf"), "options.asOf", problems);
        },
    )
    .map_err(|e| e.problems)
}

/// Reads and validates a plan, collecting every problem.
pub(crate) fn read_plan(raw: &RawValue) -> Result<Plan, Vec<Problem>> {
    let mut problems = Vec::new();
    let expected =
        "a launch plan: an object with productName, launchDate, newFeatures, milestones, ...";
    if read::required_object(
        raw,
        "",
        Shape::fields(&PLAN_FIELDS, expected),
        &mut problems,
    )
    .is_none()
    {
        return Err(problems);
    }
    let product_name = name(
        raw.get("productName"),
        "productName",
        "the product's name",
        &mut problems,
    );
    let launch_day = read::date(raw.get("launchDate"), "launchDate", &mut problems)
        .and_then(|day| launch_day_with_room(day, raw.get("launchDate"), &mut problems));
    let features = read_features(raw.get("newFeatures"), &mut problems);
    let target_audience = text_list(
        raw.get("targetAudience"),
        "targetAudience",
        "an audience",
        &mut problems,
    );
    let marketing_channels = text_list(
        raw.get("marketingChannels"),
        "marketingChannels",
        "a channel",
        &mut problems,
    );
    let messaging = read_messaging(raw.get("featureMessaging"), &mut problems);
    let milestones = read_milestones(raw.get("milestones"), &mut problems);
    let dependencies = read_dependencies(raw.get("dependencies"), &mut problems);
    let campaigns = read_campaigns(raw.get("marketingCampaigns"), &mut problems);
    let targets = read_targets(raw.get("successMetrics"), &mut problems);
    if let (Some(launch_day), Some(list)) = (launch_day, &milestones) {
        check_offset_dates(launch_day, list, &mut problems);
    }
    match (product_name, launch_day) {
        (Some(product_name), Some(launch_day)) if problems.is_empty() => Ok(Plan {
            product_name,
            launch_day,
            features,
            target_audience,
            marketing_channels,
            messaging,
            milestones: milestones.map(|list| {
                list.into_iter()
                    .map(|m| Milestone {
                        name: m.name,
                        day: match m.when {
                            When::Date(day) => day,
                            When::Offset(days) => launch_day + days,
                        },
                        critical: m.critical,
                        owner: m.owner,
                        done: m.done,
                        done_on: m.done_on,
                        description: m.description,
                        path: Some(m.path),
                    })
                    .collect()
            }),
            dependencies,
            campaigns,
            targets,
        }),
        _ => Err(problems),
    }
}

/// The launch day, when every date derived from it (the default timeline
/// from two weeks before, the review 30 days after) can be written: no
/// report has a date before 0001-01-01 or after 9999-12-31.
fn launch_day_with_room(day: i64, raw: &RawValue, problems: &mut Vec<Problem>) -> Option<i64> {
    let before = DEFAULT_TIMELINE
        .iter()
        .map(|m| m.offset_days)
        .min()
        .unwrap_or(0);
    let after = DEFAULT_TIMELINE
        .iter()
        .map(|m| m.offset_days)
        .max()
        .unwrap_or(0)
        .max(LAUNCH_REVIEW_DAYS);
    let (first, last) = (FIRST_DAY - before, LAST_DAY - after);
    if (first..=last).contains(&day) {
        return Some(day);
    }
    problems.push(
        Problem::new(
            "launchDate",
            raw.describe(),
            format!("a date from {} to {}", iso_date(first), iso_date(last)),
        )
        .with_hint(Some(format!(
            "the timeline runs from {} days before the launch to its review {} days after,              and every date is from {} to {}",
            -before,
            after,
            iso_date(FIRST_DAY),
            iso_date(LAST_DAY)
        ))),
    );
    None
}

/// Milestones given by `offsetDays` whose date would fall outside
/// 0001-01-01..9999-12-31: a problem naming each.
fn check_offset_dates(launch_day: i64, milestones: &[MilestoneRead], problems: &mut Vec<Problem>) {
    for m in milestones {
        let When::Offset(offset) = m.when else {
            continue;
        };
        let day = launch_day + offset;
        if (FIRST_DAY..=LAST_DAY).contains(&day) {
            continue;
        }
        let (lo, hi) = (
            (FIRST_DAY - launch_day).max(-MAX_OFFSET_DAYS),
            (LAST_DAY - launch_day).min(MAX_OFFSET_DAYS),
        );
        problems.push(
            Problem::new(
                join_path(&m.path, "offsetDays"),
                format_number(offset as f64),
                format!(
                    "whole days from the launch on {} to a date from {} to {}: {lo} to {hi}",
                    iso_date(launch_day),
                    iso_date(FIRST_DAY),
                    iso_date(LAST_DAY)
                ),
            )
            .with_hint(Some(format!(
                "\"{}\" would fall {} {}",
                m.name,
                if offset > 0 { "after" } else { "before" },
                iso_date(if offset > 0 { LAST_DAY } else { FIRST_DAY })
            ))),
        );
    }
}

/// When a milestone is, as given.
enum When {
    Date(i64),
    Offset(i64),
}

struct MilestoneRead {
    name: String,
    when: When,
    critical: bool,
    owner: Option<String>,
    done: bool,
    done_on: Option<i64>,
    description: Option<String>,
    path: String,
}

/// Names used so far ([`name_key`]), each with the path it was first used at.
#[derive(Default)]
pub(super) struct Seen {
    keys: Positions,
    /// By position in `keys`.
    paths: Vec<String>,
}

/// Notes `key` under `path`, or reports it as a duplicate of an earlier one.
pub(super) fn unique(
    seen: &mut Seen,
    key: &str,
    path: &str,
    value: &str,
    what: &str,
    problems: &mut Vec<Problem>,
) {
    let key = name_key(key);
    match seen.keys.get(&key).and_then(|i| seen.paths.get(i)) {
        Some(first) => problems.push(Problem::new(
            path,
            RawValue::String(value.to_string()).describe(),
            format!("{what} not used before (it is already at {first}; names are compared ignoring case)"),
        )),
        None => {
            seen.keys.add(&key);
            seen.paths.push(path.to_string());
        }
    }
}

fn read_features(raw: &RawValue, problems: &mut Vec<Problem>) -> Vec<Feature> {
    let path = "newFeatures";
    let Some(items) = array(
        raw,
        path,
        "an array of feature ids, or of { id, name?, description? }",
        problems,
    ) else {
        return Vec::new();
    };
    let mut seen = Seen::default();
    let mut features = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let item_path = index_path(path, i);
        let (feature, id_path) = match item {
            RawValue::Object(entries) => {
                Shape::fields(&FEATURE_FIELDS, "").unknown_keys(entries, &item_path, problems);
                let id_path = join_path(&item_path, "id");
                let id = name(item.get("id"), &id_path, "the feature's id", problems);
                let display =
                    optional_text(item.get("name"), &join_path(&item_path, "name"), problems);
                optional_text(
                    item.get("description"),
                    &join_path(&item_path, "description"),
                    problems,
                );
                (id.map(|id| (id, display)), id_path)
            }
            RawValue::String(_) => (
                name(item, &item_path, "a feature id", problems).map(|id| (id, None)),
                item_path.clone(),
            ),
            other => {
                problems.push(Problem::new(
                    &item_path,
                    other.describe(),
                    "a feature id (text) or { id, name?, description? }",
                ));
                continue;
            }
        };
        if let Some((id, display)) = feature {
            unique(&mut seen, &id, &id_path, &id, "a feature id", problems);
            features.push(Feature {
                id,
                name: display,
                path: item_path,
            });
        }
    }
    features
}

fn read_messaging(raw: &RawValue, problems: &mut Vec<Problem>) -> Vec<Messaging> {
    let path = "featureMessaging";
    let Some(items) = array(
        raw,
        path,
        "an array of { featureId, messaging, positioning, keyBenefits }",
        problems,
    ) else {
        return Vec::new();
    };
    let mut seen = Seen::default();
    let mut entries = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let item_path = index_path(path, i);
        let expected = "{ featureId, messaging, positioning, keyBenefits }";
        let fields = &MESSAGING_FIELDS;
        if read::required_object(item, &item_path, Shape::fields(fields, expected), problems)
            .is_none()
        {
            continue;
        }
        let id_path = join_path(&item_path, "featureId");
        let feature_id = name(
            item.get("featureId"),
            &id_path,
            "a feature id from newFeatures",
            problems,
        );
        let messaging = optional_text(
            item.get("messaging"),
            &join_path(&item_path, "messaging"),
            problems,
        );
        let positioning = optional_text(
            item.get("positioning"),
            &join_path(&item_path, "positioning"),
            problems,
        );
        let key_benefits = text_list(
            item.get("keyBenefits"),
            &join_path(&item_path, "keyBenefits"),
            "a benefit",
            problems,
        );
        if let Some(feature_id) = feature_id {
            unique(
                &mut seen,
                &feature_id,
                &id_path,
                &feature_id,
                "a feature's messaging",
                problems,
            );
            entries.push(Messaging {
                feature_id,
                messaging,
                positioning,
                key_benefits,
                path: item_path,
            });
        }
    }
    entries
}

fn read_milestones(raw: &RawValue, problems: &mut Vec<Problem>) -> Option<Vec<MilestoneRead>> {
    let path = "milestones";
    let items = array(
        raw,
        path,
        "an array of { name, date or offsetDays, critical?, owner?, done?, doneOn?, description? }",
        problems,
    )?;
    let mut seen = Seen::default();
    let mut milestones = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let item_path = index_path(path, i);
        let expected =
            "{ name, date or offsetDays, critical?, owner?, done?, doneOn?, description? }";
        let fields = &MILESTONE_FIELDS;
        if read::required_object(item, &item_path, Shape::fields(fields, expected), problems)
            .is_none()
        {
            continue;
        }
        let name_path = join_path(&item_path, "name");
        let milestone_name = name(
            item.get("name"),
            &name_path,
            "the milestone's name",
            problems,
        );
        let when = match (item.get("date"), item.get("offsetDays")) {
            (RawValue::Undefined | RawValue::Null, RawValue::Undefined | RawValue::Null) => {
                problems.push(Problem::new(
                    &item_path,
                    "a milestone with no date",
                    "a date (\"YYYY-MM-DD\") or offsetDays (whole days from the launch, e.g. -14)",
                ));
                None
            }
            (date_value, RawValue::Undefined | RawValue::Null) => {
                read::date(date_value, &join_path(&item_path, "date"), problems).map(When::Date)
            }
            (RawValue::Undefined | RawValue::Null, offset) => {
                offset_days(offset, &join_path(&item_path, "offsetDays"), problems)
                    .map(When::Offset)
            }
            (_, offset) => {
                problems.push(Problem::new(
                    join_path(&item_path, "offsetDays"),
                    offset.describe(),
                    "either date or offsetDays, not both",
                ));
                None
            }
        };
        let critical = flag(
            item.get("critical"),
            &join_path(&item_path, "critical"),
            true,
            problems,
        );
        let owner = optional_text(item.get("owner"), &join_path(&item_path, "owner"), problems);
        let description = optional_text(
            item.get("description"),
            &join_path(&item_path, "description"),
            problems,
        );
        let done_on_path = join_path(&item_path, "doneOn");
        let done_on = read::optional_date(item.get("doneOn"), &done_on_path, problems);
        // A day it was done says it is done, unless `done` says otherwise.
        let done = flag(
            item.get("done"),
            &join_path(&item_path, "done"),
            done_on.is_some(),
            problems,
        );
        if let (Some(day), false) = (done_on, done) {
            problems.push(
                Problem::new(
                    &done_on_path,
                    format!("\"{}\" with done: false", iso_date(day)),
                    "a doneOn date for a milestone that is done",
                )
                .with_hint(Some(
                    "set done to true, or remove doneOn if it is not done yet".into(),
                )),
            );
        }
        if let Some(milestone_name) = &milestone_name {
            unique(
                &mut seen,
                milestone_name,
                &name_path,
                milestone_name,
                "a milestone name",
                problems,
            );
        }
        if let (Some(name), Some(when)) = (milestone_name, when) {
            milestones.push(MilestoneRead {
                name,
                when,
                critical,
                owner,
                done,
                done_on,
                description,
                path: item_path,
            });
        }
    }
    // An empty list is no list: the default timeline applies.
    (!milestones.is_empty()).then_some(milestones)
}

fn offset_days(raw: &RawValue, path: &str, problems: &mut Vec<Problem>) -> Option<i64> {
    let max = MAX_OFFSET_DAYS as f64;
    match raw {
        RawValue::Number(n) if n.fract() == 0.0 && (-max..=max).contains(n) => Some(*n as i64),
        other => {
            let hint = match other {
                RawValue::Number(n) if n.is_finite() && n.fract() != 0.0 => {
                    Some("offsets are whole days".to_string())
                }
                RawValue::String(s) if parse_iso_date(s).is_some() => {
                    Some("a date goes in date, not offsetDays".to_string())
                }
                _ => None,
            };
            problems.push(
                Problem::new(
                    path,
                    other.describe(),
                    format!("whole days from the launch day, -{MAX_OFFSET_DAYS} to {MAX_OFFSET_DAYS} (-14 = two weeks before)"),
                )
                .with_hint(hint),
            );
            None
        }
    }
}

fn read_targets(raw: &RawValue, problems: &mut Vec<Problem>) -> Targets {
    let path = "successMetrics";
    let expected =
        "an object of targets: { adoption?, revenueImpact?, satisfaction?, featureUsage? }";
    if read::object(raw, path, Shape::fields(&TARGET_FIELDS, expected), problems).is_none() {
        return Targets::default();
    }
    let mut number =
        |key: &str, kind| read::number_of_kind(raw.get(key), &join_path(path, key), kind, problems);
    Targets {
        adoption: number("adoption", NumberKind::Fraction),
        revenue_impact: number("revenueImpact", NumberKind::Currency),
        satisfaction: number("satisfaction", NumberKind::Fraction),
        feature_usage: number("featureUsage", NumberKind::Fraction),
    }
}
