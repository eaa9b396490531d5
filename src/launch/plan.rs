//! Reading a launch plan and its options: the loose input is validated into
//! a [`Plan`], and every problem is reported at once with its field path.
//!
//! The `Launch*` input structs below are the plan's shape as TypeScript sees
//! it (the reader works on [`RawValue`], so it can report everything wrong in
//! one pass); [`Plan`] is what the checks work on.

use super::Positions;
use crate::calendar::{days_from_civil, parse_iso_date};
use crate::input::problem::{index_path, join_path, unknown_fields, unknown_keys, Problem};
use crate::input::raw::{RawValue, MAX_ENTRIES};
use crate::input::units::NumberKind;
use serde::Serialize;

/// Furthest a milestone's `offsetDays` may be from the launch: ten years.
pub const MAX_OFFSET_DAYS: i64 = 3650;
/// Most dependency pairs (one per name in a `dependsOn`) in one plan: the
/// dependency checks are linear in them, and "did you mean" is not.
pub const MAX_DEPENDENCY_PAIRS: usize = MAX_ENTRIES;

/// A product launch plan, as `checkLaunch` takes it. Only `productName` and `launchDate` are
/// required.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchPlan {
    /// The product's name.
    pub product_name: String,
    /// The launch day, a calendar date `YYYY-MM-DD`.
    pub launch_date: String,
    /// The features launched: ids as text (`"vectorSearch"`), or `{ id, name?, description? }`.
    /// Ids are unique, ignoring case.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "(string | LaunchFeature)[]"))]
    pub new_features: Option<Vec<LaunchFeature>>,
    /// Who the launch is for (segments, personas).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_audience: Option<Vec<String>>,
    /// Channels the launch is announced through; each counted once, ignoring case.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marketing_channels: Option<Vec<String>>,
    /// Each feature's messaging, at most one entry per feature.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feature_messaging: Option<Vec<LaunchFeatureMessaging>>,
    /// The milestones. Absent or empty: the default timeline (feature freeze 14 days before the
    /// launch, marketing campaign 7 days before, launch, launch review 30 days after; all critical
    /// but the review).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub milestones: Option<Vec<LaunchMilestone>>,
    /// Which milestone depends on which. Absent together with `milestones`: the default timeline's
    /// chain (each default milestone depends on the one before).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dependencies: Option<Vec<LaunchDependency>>,
    /// Targets to measure the launch by; each absent one takes its documented default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub success_metrics: Option<LaunchSuccessTargets>,
}

/// A launched feature given as an object.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchFeature {
    /// Its id, as `featureMessaging[].featureId` names it.
    pub id: String,
    /// A display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// How one feature is presented.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchFeatureMessaging {
    /// The feature's id in `newFeatures`.
    pub feature_id: String,
    /// The message itself. Absent or blank: the feature is `misaligned`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub messaging: Option<String>,
    /// Its positioning. Absent or blank: the feature `needs_review`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub positioning: Option<String>,
    /// Its key benefits. None: the feature `needs_review`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_benefits: Option<Vec<String>>,
}

/// One milestone: a name and either a date or an offset from the launch day.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchMilestone {
    /// Its name, unique in the plan ignoring case; dependencies refer to it by it.
    pub name: String,
    /// Its date, `YYYY-MM-DD`. Give this or `offsetDays`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Whole days from the launch day, -3650..3650 (-14 = two weeks before). Give this or `date`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset_days: Option<f64>,
    /// Whether the launch cannot happen without it. Default true: a milestone counts as critical
    /// unless marked otherwise, so a broken dependency is never overlooked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub critical: Option<bool>,
    /// Who is responsible for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Whether it is done. Default false.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub done: Option<bool>,
}

/// A milestone and the milestones it depends on (which must come first).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchDependency {
    /// The dependent milestone's name.
    pub milestone: String,
    /// The name, or names, of the milestones it depends on.
    #[cfg_attr(feature = "wasm", tsify(type = "string | string[]"))]
    pub depends_on: Vec<String>,
}

/// Success-metric targets, measured at the launch review (30 days after the launch).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchSuccessTargets {
    /// Share of new accounts that activate, 0..1 (`adoptionData.adoptionRate`). Default: the
    /// b2b-saas benchmark average, 0.36.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adoption: Option<f64>,
    /// New revenue attributed to the launch, in currency units, 0..1e15. No default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revenue_impact: Option<f64>,
    /// CSAT: share of satisfied answers (4 or 5 of 5), 0..1 (`surveyData.csatShare`). Default:
    /// the "good" benchmark, 0.7.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub satisfaction: Option<f64>,
    /// Share of users who use the launched features, 0..1 (`adoptionData.featureAdoptionRates`).
    /// Default: the benchmark average core feature adoption, 0.245.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feature_usage: Option<f64>,
}

/// Options for `checkLaunch`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchOptions {
    /// The day the plan is checked on, `YYYY-MM-DD` ("today"; the library never reads a clock).
    /// Absent: the checks that need it (overdue milestones, days to launch, a launch date already
    /// past) are skipped, and the report says so: the status is then at best `needs_attention`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
}

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
    /// Where it is in the input; `None` for the default timeline's.
    pub path: Option<String>,
}

/// One "milestone depends on dependsOn" pair.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DependencyPair {
    pub milestone: String,
    pub depends_on: String,
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
    pub targets: Targets,
}

const PLAN_FIELDS: [&str; 9] = [
    "productName",
    "launchDate",
    "newFeatures",
    "targetAudience",
    "marketingChannels",
    "featureMessaging",
    "milestones",
    "dependencies",
    "successMetrics",
];
const FEATURE_FIELDS: [&str; 3] = ["id", "name", "description"];
const MESSAGING_FIELDS: [&str; 4] = ["featureId", "messaging", "positioning", "keyBenefits"];
const MILESTONE_FIELDS: [&str; 6] = ["name", "date", "offsetDays", "critical", "owner", "done"];
const DEPENDENCY_FIELDS: [&str; 2] = ["milestone", "dependsOn"];
const TARGET_FIELDS: [&str; 4] = ["adoption", "revenueImpact", "satisfaction", "featureUsage"];
const OPTION_NAMES: [&str; 1] = ["asOf"];

/// The key two names are compared by for uniqueness: trimmed, ignoring case.
pub(crate) fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Reads the options: the as-of day, if given.
pub(crate) fn read_options(raw: &RawValue) -> Result<Option<i64>, Vec<Problem>> {
    let mut problems = Vec::new();
    match raw {
        RawValue::Undefined | RawValue::Null => return Ok(None),
        RawValue::Object(entries) => unknown_keys(entries, "options", &OPTION_NAMES, &mut problems),
        other => {
            return Err(vec![Problem::new(
                "options",
                other.describe(),
                "an object of options such as { asOf: \"2027-01-10\" }, or nothing",
            )])
        }
    }
    let as_of = match raw.get("asOf") {
        RawValue::Undefined | RawValue::Null => None,
        value => date(value, "options.asOf", &mut problems),
    };
    if problems.is_empty() {
        Ok(as_of)
    } else {
        Err(problems)
    }
}

/// Reads and validates a plan, collecting every problem.
pub(crate) fn read_plan(raw: &RawValue) -> Result<Plan, Vec<Problem>> {
    let mut problems = Vec::new();
    match raw {
        RawValue::Object(entries) => unknown_fields(entries, "", &PLAN_FIELDS, &mut problems),
        other => {
            return Err(vec![Problem::new(
            "input",
            other.describe(),
            "a launch plan: an object with productName, launchDate, newFeatures, milestones, ...",
        )])
        }
    }
    let product_name = name(
        raw.get("productName"),
        "productName",
        "the product's name",
        &mut problems,
    );
    let launch_day = date(raw.get("launchDate"), "launchDate", &mut problems);
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
    let targets = read_targets(raw.get("successMetrics"), &mut problems);
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
                        path: Some(m.path),
                    })
                    .collect()
            }),
            dependencies,
            targets,
        }),
        _ => Err(problems),
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
    path: String,
}

/// The entries of an object, or a problem saying what was expected.
fn object<'a>(
    raw: &'a RawValue,
    path: &str,
    expected: &str,
    problems: &mut Vec<Problem>,
) -> Option<&'a [(String, RawValue)]> {
    match raw {
        RawValue::Object(entries) => Some(entries),
        other => {
            problems.push(Problem::new(path, other.describe(), expected));
            None
        }
    }
}

/// The items of an optional array (`None` when absent or null).
fn array<'a>(
    raw: &'a RawValue,
    path: &str,
    expected: &str,
    problems: &mut Vec<Problem>,
) -> Option<&'a [RawValue]> {
    match raw {
        RawValue::Undefined | RawValue::Null => None,
        RawValue::Array(items) => Some(items),
        other => {
            problems.push(Problem::new(path, other.describe(), expected));
            None
        }
    }
}

/// A required name: non-blank text, trimmed.
fn name(raw: &RawValue, path: &str, what: &str, problems: &mut Vec<Problem>) -> Option<String> {
    match raw {
        RawValue::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        other => {
            problems.push(Problem::new(
                path,
                other.describe(),
                format!("{what} (a non-empty text)"),
            ));
            None
        }
    }
}

/// Optional free text: `None` when absent or blank.
fn optional_text(raw: &RawValue, path: &str, problems: &mut Vec<Problem>) -> Option<String> {
    match raw {
        RawValue::Undefined | RawValue::Null => None,
        RawValue::String(s) if s.trim().is_empty() => None,
        RawValue::String(s) => Some(s.trim().to_string()),
        other => {
            problems.push(Problem::new(path, other.describe(), "text"));
            None
        }
    }
}

/// An optional list of non-blank texts.
fn text_list(raw: &RawValue, path: &str, item: &str, problems: &mut Vec<Problem>) -> Vec<String> {
    let Some(items) = array(
        raw,
        path,
        &format!("an array of texts (each {item})"),
        problems,
    ) else {
        return Vec::new();
    };
    items
        .iter()
        .enumerate()
        .filter_map(|(i, value)| name(value, &index_path(path, i), item, problems))
        .collect()
}

/// An optional flag with its default.
fn flag(raw: &RawValue, path: &str, default: bool, problems: &mut Vec<Problem>) -> bool {
    match raw {
        RawValue::Undefined | RawValue::Null => default,
        RawValue::Bool(b) => *b,
        other => {
            problems.push(Problem::new(path, other.describe(), "true or false"));
            default
        }
    }
}

const DATE_EXPECTED: &str = "a calendar date as YYYY-MM-DD, e.g. \"2027-02-15\"";

/// A calendar date `YYYY-MM-DD` as a day number.
fn date(raw: &RawValue, path: &str, problems: &mut Vec<Problem>) -> Option<i64> {
    if let RawValue::String(text) = raw {
        if let Some(day) = parse_iso_date(text) {
            return Some(day);
        }
    }
    problems.push(Problem::new(path, raw.describe(), DATE_EXPECTED).with_hint(date_hint(raw)));
    None
}

/// Why a value is not a date, when the mistake is a common one.
fn date_hint(raw: &RawValue) -> Option<String> {
    let text = match raw {
        RawValue::String(text) => text.trim(),
        RawValue::Unsupported(what) if what == "a Date" => {
            return Some("pass the day as text, e.g. date.toISOString().slice(0, 10)".into())
        }
        RawValue::Number(_) => return Some("write the date as text, e.g. \"2027-02-15\"".into()),
        _ => return None,
    };
    // A timestamp: the date part alone is meant.
    if let (Some(day), Some(rest)) = (text.get(..10), text.get(10..)) {
        if parse_iso_date(day).is_some() && rest.starts_with(['T', ' ']) {
            return Some(format!("a date without a time: did you mean \"{day}\"?"));
        }
    }
    let parts: Vec<&str> = text.split('-').collect();
    if let [y, m, d] = parts.as_slice() {
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if y.len() == 4 && [y, m, d].iter().all(|p| digits(p)) {
            if m.len() != 2 || d.len() != 2 {
                return Some("write the month and the day with two digits each".into());
            }
            // Four-digit years only, so the day arithmetic cannot overflow.
            if let (Ok(year), Ok(month), Ok(day)) =
                (y.parse::<i64>(), m.parse::<u32>(), d.parse::<u32>())
            {
                if !(1..=12).contains(&month) {
                    return Some("the month is 01 to 12".into());
                }
                let next = if month == 12 {
                    days_from_civil(year + 1, 1, 1)
                } else {
                    days_from_civil(year, month + 1, 1)
                };
                let length = next - days_from_civil(year, month, 1);
                if i64::from(day) > length || day == 0 {
                    return Some(format!("{y}-{m} has {length} days"));
                }
            }
        }
    }
    if text.contains('/') || text.contains('.') {
        return Some("write dates as YYYY-MM-DD (year first)".into());
    }
    None
}

/// Names used so far ([`name_key`]), each with the path it was first used at.
#[derive(Default)]
struct Seen {
    keys: Positions,
    /// By position in `keys`.
    paths: Vec<String>,
}

/// Notes `key` under `path`, or reports it as a duplicate of an earlier one.
fn unique(
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
                unknown_fields(entries, &item_path, &FEATURE_FIELDS, problems);
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
        let Some(fields) = object(
            item,
            &item_path,
            "{ featureId, messaging, positioning, keyBenefits }",
            problems,
        ) else {
            continue;
        };
        unknown_fields(fields, &item_path, &MESSAGING_FIELDS, problems);
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
        "an array of { name, date or offsetDays, critical?, owner?, done? }",
        problems,
    )?;
    let mut seen = Seen::default();
    let mut milestones = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let item_path = index_path(path, i);
        let Some(fields) = object(
            item,
            &item_path,
            "{ name, date or offsetDays, critical?, owner?, done? }",
            problems,
        ) else {
            continue;
        };
        unknown_fields(fields, &item_path, &MILESTONE_FIELDS, problems);
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
                date(date_value, &join_path(&item_path, "date"), problems).map(When::Date)
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
        let done = flag(
            item.get("done"),
            &join_path(&item_path, "done"),
            false,
            problems,
        );
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

fn read_dependencies(raw: &RawValue, problems: &mut Vec<Problem>) -> Option<Vec<DependencyPair>> {
    let path = "dependencies";
    let items = array(raw, path, "an array of { milestone, dependsOn }", problems)?;
    let mut pairs = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let item_path = index_path(path, i);
        let Some(fields) = object(
            item,
            &item_path,
            "{ milestone, dependsOn } (dependsOn: a milestone name or an array of them)",
            problems,
        ) else {
            continue;
        };
        unknown_fields(fields, &item_path, &DEPENDENCY_FIELDS, problems);
        let milestone = name(
            item.get("milestone"),
            &join_path(&item_path, "milestone"),
            "the dependent milestone's name",
            problems,
        );
        let on_path = join_path(&item_path, "dependsOn");
        let depends_on: Vec<(String, String)> = match item.get("dependsOn") {
            RawValue::Array(names) => names
                .iter()
                .enumerate()
                .filter_map(|(j, value)| {
                    let p = index_path(&on_path, j);
                    name(value, &p, "a milestone name", problems).map(|n| (n, p))
                })
                .collect(),
            value => name(
                value,
                &on_path,
                "a milestone name, or an array of them",
                problems,
            )
            .map(|n| vec![(n, on_path.clone())])
            .unwrap_or_default(),
        };
        if let Some(milestone) = milestone {
            pairs.extend(depends_on.into_iter().map(|(name, p)| DependencyPair {
                milestone: milestone.clone(),
                depends_on: name,
                path: Some(p),
            }));
        }
    }
    if pairs.len() > MAX_DEPENDENCY_PAIRS {
        problems.push(Problem::new(
            path,
            format!("{} dependency pairs", pairs.len()),
            format!("at most {MAX_DEPENDENCY_PAIRS} pairs of milestone and depended-on milestone in all"),
        ));
    }
    Some(pairs)
}

fn read_targets(raw: &RawValue, problems: &mut Vec<Problem>) -> Targets {
    let path = "successMetrics";
    match raw {
        RawValue::Undefined | RawValue::Null => return Targets::default(),
        RawValue::Object(entries) => unknown_fields(entries, path, &TARGET_FIELDS, problems),
        other => {
            problems.push(Problem::new(
                path,
                other.describe(),
                "an object of targets: { adoption?, revenueImpact?, satisfaction?, featureUsage? }",
            ));
            return Targets::default();
        }
    }
    let mut number = |key: &str, kind: NumberKind| match raw.get(key) {
        RawValue::Undefined | RawValue::Null => None,
        RawValue::Number(n) => match kind.check(*n) {
            Ok(()) => Some(*n),
            Err(hint) => {
                problems.push(
                    Problem::new(
                        join_path(path, key),
                        raw.get(key).describe(),
                        kind.expected(),
                    )
                    .with_hint(hint),
                );
                None
            }
        },
        other => {
            problems.push(Problem::new(
                join_path(path, key),
                other.describe(),
                kind.expected(),
            ));
            None
        }
    };
    Targets {
        adoption: number("adoption", NumberKind::Fraction),
        revenue_impact: number("revenueImpact", NumberKind::Currency),
        satisfaction: number("satisfaction", NumberKind::Fraction),
        feature_usage: number("featureUsage", NumberKind::Fraction),
    }
}
