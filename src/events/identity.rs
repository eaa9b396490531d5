//! Who a user is, as the analytics tools count them. An export carries a
//! device's or browser's anonymous id on every event and the known (signed
//! in) id once the user identifies; the tools link the two and count one
//! person. When an export has a person column (PostHog's `person_id`), the
//! column chooser reads it. Otherwise the pairs (anonymous id, known id)
//! seen in the same rows link ids (Segment `anonymous_id`/`user_id`,
//! Mixpanel `$device_id`/`$user_id`, GA4 `user_pseudo_id`/`user_id`): each
//! anonymous id is attached to the known id it is first seen with (by time,
//! then by the known id: the same result in any row order); an anonymous id
//! seen with several known ids stays with the first, and is counted as a
//! conflict. `options.aliases` adds links; `identity: 'as-is'` turns it off.

use crate::import::ExportSource;
use crate::input::csv::DetectedColumn;
use serde::Serialize;
use std::collections::HashMap;

/// No known id in a row.
pub(crate) const NONE: u32 = u32::MAX;

/// The anonymous and known id columns each tool writes.
fn pair_columns(source: ExportSource) -> &'static [(&'static str, &'static str)] {
    match source {
        ExportSource::Segment => &[("anonymous_id", "user_id")],
        ExportSource::Mixpanel => &[
            ("properties.$device_id", "properties.$user_id"),
            ("$device_id", "$user_id"),
        ],
        ExportSource::Ga4 => &[("user_pseudo_id", "user_id")],
        // PostHog and Amplitude write the merged person themselves
        // (`person_id`, `amplitude_id`); Heap its `user_id`.
        ExportSource::Posthog | ExportSource::Amplitude | ExportSource::Heap => &[],
        _ => &[("anonymous_id", "user_id")],
    }
}

/// The columns linking reads, when the export has a pair of them.
#[derive(Debug, Clone)]
pub(crate) struct PairColumns {
    /// The anonymous ids' column.
    pub anonymous: usize,
    /// The known ids' column.
    pub known: usize,
}

/// The pair of id columns of an export, by its tool (or, unrecognised, the
/// `anonymous_id`/`user_id` pair), found in its normalized headers.
pub(crate) fn find_pair(normalized: &[String], source: ExportSource) -> Option<PairColumns> {
    let at = |name: &str| normalized.iter().position(|h| h == name);
    pair_columns(source).iter().find_map(|(a, k)| {
        Some(PairColumns {
            anonymous: at(a)?,
            known: at(k)?,
        })
    })
}

/// How users were identified.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct IdentityReport {
    /// `linked`: anonymous ids attached to the known ids seen with them (and `aliases`);
    /// `person`: the export's person column, as its tool merged them; `as-is`: each id a user.
    #[cfg_attr(feature = "wasm", tsify(type = "\"linked\" | \"person\" | \"as-is\""))]
    pub method: String,
    /// The anonymous (device or browser) ids' column, when linked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anonymous_column: Option<String>,
    /// The known (signed-in) ids' column, when linked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub known_column: Option<String>,
    /// Distinct ids in the events before linking.
    pub ids: u64,
    /// Users after linking.
    pub users: u64,
    /// Anonymous ids attached to a known id (each then counts as that user).
    pub ids_merged: u64,
    /// Anonymous ids seen with more than one known id: kept with the first (by time).
    pub conflicts: u64,
    /// Links given in `options.aliases`.
    pub aliases: u64,
}

/// The links found while reading rows.
#[derive(Debug, Default)]
pub(crate) struct Linker {
    /// Per anonymous id: the known id it was first seen with (at the
    /// earliest time; ties broken by the known id's text, so that row order
    /// never decides), and whether it was seen with another.
    first: HashMap<u32, Link>,
}

#[derive(Debug)]
struct Link {
    time: f64,
    known: u32,
    text: Box<[u8]>,
    conflict: bool,
}

impl Linker {
    /// Records an anonymous id seen with a known id (`known_text` its text)
    /// at a time.
    pub fn pair(&mut self, anonymous: u32, known: u32, known_text: &[u8], time: f64) {
        if anonymous == known {
            return;
        }
        match self.first.get_mut(&anonymous) {
            Some(link) => {
                link.conflict |= link.known != known;
                if time < link.time || (time == link.time && known_text < &link.text[..]) {
                    link.time = time;
                    link.known = known;
                    link.text = known_text.into();
                }
            }
            None => {
                self.first.insert(
                    anonymous,
                    Link {
                        time,
                        known,
                        text: known_text.into(),
                        conflict: false,
                    },
                );
            }
        }
    }

    /// The user an event is: its known id, else the known id its anonymous
    /// id is linked to (Mixpanel's anonymous events carry `$device:<id>` as
    /// their distinct_id and the device id apart), else its id; then an
    /// alias, if one is given for it.
    pub fn resolve(&self, id: u32, anonymous: u32, known: u32, aliases: &HashMap<u32, u32>) -> u32 {
        let user = if known != NONE {
            known
        } else {
            self.first.get(&anonymous).map_or(id, |link| link.known)
        };
        aliases.get(&user).copied().unwrap_or(user)
    }

    /// Anonymous ids linked, and those seen with more than one known id.
    pub fn counts(&self) -> (u64, u64) {
        let merged = self.first.len() as u64;
        let conflicts = self.first.values().filter(|link| link.conflict).count() as u64;
        (merged, conflicts)
    }
}

/// Whether a user column is a tool's person column (PostHog's `person_id`,
/// Amplitude's `amplitude_id`): ids its tool has already merged.
pub(crate) fn is_person_column(user: &DetectedColumn) -> bool {
    user.detected_by == "source"
        && matches!(
            user.header.to_lowercase().as_str(),
            "person_id" | "person.id" | "person" | "amplitude_id"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_known_id_wins_in_any_order_and_conflicts_are_counted() {
        // (anonymous, known, time); known ids' texts are "k<id>". Anonymous 4
        // meets 13 and 12 at the same time: "k12" < "k13" decides, in any order.
        let rows = [
            (1, 10, 5.0),
            (1, 11, 3.0),
            (2, 10, 9.0),
            (2, 10, 4.0),
            (2, 12, 6.0),
            (4, 13, 1.0),
            (4, 12, 1.0),
        ];
        let mut forward = Linker::default();
        let mut backward = Linker::default();
        for (a, k, t) in rows {
            forward.pair(a, k, format!("k{k}").as_bytes(), t);
        }
        for (a, k, t) in rows.iter().rev() {
            backward.pair(*a, *k, format!("k{k}").as_bytes(), *t);
        }
        let none = HashMap::new();
        for l in [&forward, &backward] {
            assert_eq!(l.resolve(1, 1, NONE, &none), 11, "earliest pair");
            assert_eq!(
                l.resolve(2, 2, NONE, &none),
                10,
                "10 at 4 is before 12 at 6"
            );
            assert_eq!(l.resolve(3, 3, NONE, &none), 3, "never identified");
            assert_eq!(l.resolve(1, 1, 12, &none), 12, "a row's own known id");
            assert_eq!(
                l.resolve(7, 1, NONE, &none),
                11,
                "by the row's anonymous id"
            );
            assert_eq!(l.resolve(4, 4, NONE, &none), 12, "a tie in time, by text");
            assert_eq!(l.counts(), (3, 3));
        }
        let aliases = HashMap::from([(11, 10)]);
        assert_eq!(forward.resolve(1, 1, NONE, &aliases), 10);
    }
}
