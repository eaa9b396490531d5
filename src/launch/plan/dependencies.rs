//! Reading the dependencies, in either shape: ours, `{ milestone,
//! dependsOn, type? }` (a pair per depended-on name), or the original
//! design's, `{ from, to, type }` (`to` waits for `from`).

use super::{DependencyPair, MAX_DEPENDENCY_PAIRS};
use crate::input::problem::{index_path, join_path, Problem};
use crate::input::raw::RawValue;
use crate::input::read::{self, array, name, Shape};
use crate::launch::shapes::LaunchDependencyType;

const DEPENDENCY_FIELDS: [&str; 3] = ["milestone", "dependsOn", "type"];
/// The original design's dependency shape.
const PREREQUISITE_FIELDS: [&str; 3] = ["from", "to", "type"];
const DEPENDENCY_TYPES: [(&str, LaunchDependencyType); 2] = [
    ("timeline", LaunchDependencyType::Timeline),
    ("approval", LaunchDependencyType::Approval),
];

/// Every dependency pair, in plan order; an entry's shape is told by its
/// keys (`from`/`to` are the original's). `None` when absent.
pub(super) fn read_dependencies(
    raw: &RawValue,
    problems: &mut Vec<Problem>,
) -> Option<Vec<DependencyPair>> {
    let path = "dependencies";
    let items = array(
        raw,
        path,
        "an array of { milestone, dependsOn, type? } or of { from, to, type }",
        problems,
    )?;
    let mut pairs = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let item_path = index_path(path, i);
        let has = |keys: [&str; 2]| {
            matches!(item, RawValue::Object(entries)
                if entries.iter().any(|(k, _)| keys.contains(&k.as_str())))
        };
        let original = has(["from", "to"]);
        if original && has(["milestone", "dependsOn"]) {
            problems.push(Problem::new(
                &item_path,
                "an entry with both from/to and milestone/dependsOn",
                "one shape: { milestone, dependsOn, type? } or { from, to, type }",
            ));
        } else if original {
            pairs.extend(read_prerequisite(item, &item_path, problems));
        } else {
            pairs.extend(read_depends_on(item, &item_path, problems));
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

/// `type`: timeline (the default where it may be left out) or approval.
fn dependency_type(
    raw: &RawValue,
    path: &str,
    default: Option<LaunchDependencyType>,
    problems: &mut Vec<Problem>,
) -> Option<LaunchDependencyType> {
    match (raw, default) {
        (RawValue::Undefined | RawValue::Null, Some(kind)) => Some(kind),
        (RawValue::Undefined | RawValue::Null, None) => {
            problems.push(Problem::new(
                path,
                raw.describe(),
                "\"timeline\" (to comes after from) or \"approval\" (to waits for from to be done)",
            ));
            None
        }
        (value, _) => read::choice_of(value, path, &DEPENDENCY_TYPES, problems),
    }
}

/// Ours: `{ milestone, dependsOn, type? }`, a pair per depended-on name.
fn read_depends_on(
    item: &RawValue,
    item_path: &str,
    problems: &mut Vec<Problem>,
) -> Vec<DependencyPair> {
    let expected = "{ milestone, dependsOn, type? } (dependsOn: a milestone name or an array of them), or { from, to, type }";
    if read::required_object(
        item,
        item_path,
        Shape::fields(&DEPENDENCY_FIELDS, expected),
        problems,
    )
    .is_none()
    {
        return Vec::new();
    }
    let milestone = name(
        item.get("milestone"),
        &join_path(item_path, "milestone"),
        "the dependent milestone's name",
        problems,
    );
    let kind = dependency_type(
        item.get("type"),
        &join_path(item_path, "type"),
        Some(LaunchDependencyType::Timeline),
        problems,
    );
    let on_path = join_path(item_path, "dependsOn");
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
    let (Some(milestone), Some(kind)) = (milestone, kind) else {
        return Vec::new();
    };
    depends_on
        .into_iter()
        .map(|(name, p)| DependencyPair {
            milestone: milestone.clone(),
            depends_on: name,
            kind,
            path: Some(p),
        })
        .collect()
}

/// The original design's `{ from, to, type }`: `to` waits for `from`.
fn read_prerequisite(
    item: &RawValue,
    item_path: &str,
    problems: &mut Vec<Problem>,
) -> Option<DependencyPair> {
    let expected =
        "{ from, to, type } (from: the prerequisite; to: the milestone that waits for it)";
    read::required_object(
        item,
        item_path,
        Shape::fields(&PREREQUISITE_FIELDS, expected),
        problems,
    )?;
    let from_path = join_path(item_path, "from");
    let from = name(
        item.get("from"),
        &from_path,
        "the prerequisite milestone's name",
        problems,
    );
    let to = name(
        item.get("to"),
        &join_path(item_path, "to"),
        "the name of the milestone that waits for it",
        problems,
    );
    let kind = dependency_type(
        item.get("type"),
        &join_path(item_path, "type"),
        None,
        problems,
    );
    Some(DependencyPair {
        milestone: to?,
        depends_on: from?,
        kind: kind?,
        path: Some(from_path),
    })
}
