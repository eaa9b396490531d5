//! Event names, dictionary-encoded: a code per event and a name per code
//! (as an Arrow dictionary column holds them), so 10 million named events
//! cost a `u32` each. Here the names are resolved once against the options:
//! which are not activity, which event (or named feature) is the
//! activation, and which events make up each named feature.

use crate::events::EventsConfig;
use crate::input::ids::Interner;
use crate::input::problem::{InputError, Problem};
use crate::input::suggest::did_you_mean;
use crate::input::warning::Warning;

/// Event names as codes into a dictionary.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventNames {
    /// One code per event: an index into `dictionary`.
    pub codes: Vec<u32>,
    /// The names. A name listed twice is one event.
    pub dictionary: Vec<String>,
}

/// Most distinct names in a dictionary: a product's event taxonomy is
/// hundreds of names; a million means ids or URLs were sent as names.
pub const MAX_EVENT_NAMES: usize = 1_000_000;

/// A code that is no slot: the event is not activity.
pub(crate) const IGNORED: u32 = u32::MAX;

/// The names resolved against the options. Each distinct name that is
/// activity has a slot, `0..events.len()`; each named feature has one after
/// them, `events.len()..`.
#[derive(Debug, Clone, Default)]
pub(crate) struct ResolvedNames {
    /// Dictionary code -> slot, or [`IGNORED`].
    pub(crate) slot_of_code: Vec<u32>,
    /// Slot -> event name, for the event slots.
    pub(crate) events: Vec<String>,
    /// The named features: their names and their events' slots (events that
    /// never occur are left out and warned about).
    pub(crate) features: Vec<(String, Vec<String>)>,
    /// Event slot -> the feature slots it belongs to.
    pub(crate) features_of_event: Vec<Vec<u32>>,
    /// The activation's slot: a named feature of that name, else the event.
    pub(crate) activation: Option<u32>,
    /// The retention start and return events' slots, found the same way.
    pub(crate) start: Option<u32>,
    pub(crate) returning: Option<u32>,
    /// Dictionary code -> the index of its name in the ignore list.
    pub(crate) ignored_name_of_code: Vec<Option<u32>>,
    /// What could be resolved only with a guess, or not at all.
    pub(crate) warnings: Vec<Warning>,
}

impl ResolvedNames {
    /// Every slot: events, then named features.
    pub(crate) fn slots(&self) -> usize {
        self.events.len() + self.features.len()
    }

    /// Per event slot, whether its events count as `wanted` (that event, or
    /// one of that named feature's): one lookup per event in the passes.
    pub(crate) fn counts_as(&self, wanted: u32) -> Vec<bool> {
        (0..self.events.len() as u32)
            .map(|slot| slot == wanted || self.features_of_event[slot as usize].contains(&wanted))
            .collect()
    }
}

/// Resolves the dictionary against the options, given how many events
/// each code has (a name no event has gets no slot): an activation, start
/// or return event that never occurs, or is not activity, is an error (with
/// the closest name).
pub(crate) fn resolve(
    dictionary: &[String],
    events_per_code: &[u64],
    config: &EventsConfig,
) -> Result<ResolvedNames, InputError> {
    let mut ignore: Vec<&str> = config.ignore_events.iter().map(String::as_str).collect();
    ignore.sort_unstable();
    ignore.dedup();
    let mut r = ResolvedNames {
        slot_of_code: Vec::with_capacity(dictionary.len()),
        ignored_name_of_code: Vec::with_capacity(dictionary.len()),
        ..ResolvedNames::default()
    };
    // A name's slot is its number in order of first appearance.
    let mut slot_of_name = Interner::default();
    for (code, name) in dictionary.iter().enumerate() {
        let name = name.trim();
        if events_per_code.get(code).is_none_or(|n| *n == 0) {
            r.slot_of_code.push(IGNORED);
            r.ignored_name_of_code.push(None);
            continue;
        }
        if let Ok(i) = ignore.binary_search(&name) {
            r.slot_of_code.push(IGNORED);
            r.ignored_name_of_code.push(Some(i as u32));
            continue;
        }
        let slot = slot_of_name.id(name.as_bytes());
        if slot as usize == r.events.len() {
            r.events.push(name.to_string());
        }
        r.slot_of_code.push(slot);
        r.ignored_name_of_code.push(None);
    }
    r.features_of_event = vec![Vec::new(); r.events.len()];
    let first_feature = r.events.len() as u32;
    for (j, (feature, members)) in config.features.iter().enumerate() {
        let mut found = Vec::new();
        for event in members {
            match slot_of_name.get(event.as_bytes()) {
                Some(slot) => {
                    if !r.features_of_event[slot as usize].contains(&(first_feature + j as u32)) {
                        r.features_of_event[slot as usize].push(first_feature + j as u32);
                        found.push(event.clone());
                    }
                }
                None => r.warnings.push(Warning::new(
                    "feature_event_absent",
                    format!("options.features.{feature}"),
                    format!(
                        "\"{event}\" never occurs in these events, so it adds nothing to the feature \"{feature}\"{}.",
                        closest(event, &r.events)
                            .map(|c| format!(" (did you mean \"{c}\"?)"))
                            .unwrap_or_default()
                    ),
                )),
            }
        }
        r.features.push((feature.clone(), found));
    }
    let mut problems = Vec::new();
    let mut slot_for = |path: &str, wanted: &Option<String>| {
        let wanted = wanted.as_ref()?;
        if let Some(j) = config.features.iter().position(|(f, _)| f == wanted) {
            return Some(first_feature + j as u32);
        }
        match slot_of_name.get(wanted.as_bytes()) {
            Some(slot) => Some(slot),
            None => {
                problems.push(absent_event(path, wanted, &r.events, &ignore, config));
                None
            }
        }
    };
    let activation = slot_for("options.activationEvent", &config.activation_event);
    let start = slot_for("options.startEvent", &config.start_event);
    let returning = slot_for("options.returnEvent", &config.return_event);
    if !problems.is_empty() {
        return Err(InputError::new("events", problems));
    }
    (r.activation, r.start, r.returning) = (activation, start, returning);
    Ok(r)
}

/// The closest event name to a mistyped one.
fn closest<'a>(wanted: &str, names: &'a [String]) -> Option<&'a str> {
    did_you_mean(wanted, names.iter().map(String::as_str))
}

/// The problem for an event option naming an event that never occurs (or
/// is not activity): the closest name, else some names are listed.
fn absent_event(
    path: &str,
    wanted: &str,
    events: &[String],
    ignore: &[&str],
    config: &EventsConfig,
) -> Problem {
    let (value, hint) = if ignore.binary_search(&wanted).is_ok() {
        (
            format!("\"{wanted}\", an event that is not activity"),
            "it is in options.ignoreEvents (or the default list of identity and bookkeeping events); choose an event users do".to_string(),
        )
    } else {
        let hint = match closest(wanted, events) {
            Some(c) => format!("did you mean \"{c}\"?"),
            None => {
                let some: Vec<String> = events.iter().take(8).map(|e| format!("\"{e}\"")).collect();
                format!("the events include {}", some.join(", "))
            }
        };
        (format!("\"{wanted}\", which never occurs"), hint)
    };
    let named: Vec<&str> = config.features.iter().map(|(f, _)| f.as_str()).collect();
    let expected = if named.is_empty() {
        "the name of an event in the data".to_string()
    } else {
        "the name of an event in the data, or of a feature in options.features".to_string()
    };
    Problem::new(path, value, expected).with_hint(Some(hint))
}

/// Checks the codes against the dictionary: each below its length; the
/// first 20 bad ones named, the rest counted.
pub(crate) fn check_codes(path: &str, names: &EventNames, problems: &mut Vec<Problem>) {
    if names.dictionary.len() > MAX_EVENT_NAMES {
        problems.push(Problem::new(
            format!("{path}.dictionary"),
            format!("{} names", names.dictionary.len()),
            format!(
                "at most {MAX_EVENT_NAMES} distinct event names (are ids or URLs sent as names?)"
            ),
        ));
        return;
    }
    let n = names.dictionary.len() as u32;
    let mut bad = 0usize;
    for (i, &c) in names.codes.iter().enumerate() {
        if c >= n {
            bad += 1;
            if bad <= 20 {
                problems.push(Problem::new(
                    format!("{path}.codes[{i}]"),
                    c.to_string(),
                    format!(
                        "an index into the dictionary of {n} names (0 to {})",
                        n.saturating_sub(1)
                    ),
                ));
            }
        }
    }
    if bad > 20 {
        problems.push(Problem::new(
            format!("{path}.codes"),
            format!("{} more codes outside the dictionary", bad - 20),
            "indices into the dictionary",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dictionary(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn names_get_slots_once_and_bookkeeping_none() {
        let config = EventsConfig {
            features: vec![(
                "projects".into(),
                vec![
                    "project created".into(),
                    "project shared".into(),
                    "nope".into(),
                ],
            )],
            activation_event: Some("projects".into()),
            ..EventsConfig::default()
        };
        let d = dictionary(&[
            "$pageview",
            "$identify",
            "project created",
            "$pageview",
            "project shared",
            "never",
        ]);
        let r = resolve(&d, &[1, 1, 1, 1, 1, 0], &config).unwrap();
        assert_eq!(r.slot_of_code, [0, IGNORED, 1, 0, 2, IGNORED]);
        assert_eq!(r.events, ["$pageview", "project created", "project shared"]);
        assert_eq!(r.features_of_event, [vec![], vec![3], vec![3]]);
        assert_eq!(r.activation, Some(3));
        assert_eq!(r.warnings.len(), 1);
        assert!(r.ignored_name_of_code[1].is_some());
    }

    #[test]
    fn an_absent_activation_event_is_an_error_with_the_closest_name() {
        let d = dictionary(&["project_created", "$identify"]);
        let config = EventsConfig {
            activation_event: Some("project_create".into()),
            ..EventsConfig::default()
        };
        let text = resolve(&d, &[1, 1], &config).unwrap_err().to_string();
        assert!(text.contains("did you mean \"project_created\"?"), "{text}");
        let config = EventsConfig {
            activation_event: Some("$identify".into()),
            ..EventsConfig::default()
        };
        let text = resolve(&d, &[1, 1], &config).unwrap_err().to_string();
        assert!(text.contains("not activity"), "{text}");
        // In the dictionary, but no event has it: it never occurs.
        let config = EventsConfig {
            activation_event: Some("project_created".into()),
            ..EventsConfig::default()
        };
        let text = resolve(&d, &[0, 1], &config).unwrap_err().to_string();
        assert!(text.contains("never occurs"), "{text}");
    }

    #[test]
    fn codes_outside_the_dictionary_are_named() {
        let names = EventNames {
            codes: vec![0, 1, 2, 7],
            dictionary: dictionary(&["a", "b"]),
        };
        let mut problems = Vec::new();
        check_codes("eventNames", &names, &mut problems);
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].path, "eventNames.codes[2]");
    }
}
