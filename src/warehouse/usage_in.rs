//! The `features`, `feature_days` and `feature_retention` tables back into
//! the analysis's `features` and `activation`: the names are resolved
//! against the options as `analyzeEvents` resolves them (the same errors
//! and warnings), the counts fill the same figures, and the same code makes
//! the report. Times to first use and to activation are at the tables'
//! resolution, whole days from each user's start.

use super::tables_in::Table;
use crate::events::{
    activation_name, activation_report, add_usage, features_report, resolve_names, retention_point,
    EventsAnalysis, EventsConfig, Everyone, SlotFigures, SortedTimes,
};
use crate::input::problem::Problem;
use std::collections::HashMap;

/// Largest count read (users).
const MAX_COUNT: i64 = 1_000_000_000_000_000;
/// Days from a user's start: up to 2099 from 1970.
const MAX_DAY: i64 = 47_482;
const SECONDS_PER_DAY: u32 = 86_400;

/// A row's key: its kind (`event`, `feature`, `users`) and name.
type Key = (Kind, String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Kind {
    Event,
    Feature,
    Users,
}

/// One key's counts over the three tables.
#[derive(Default)]
struct Counts {
    users: u64,
    recent_users: u64,
    within_window: u64,
    /// (day, count): first uses, follow-ups.
    first_uses: Vec<(u32, u64)>,
    follow_ups: Vec<(u32, u64)>,
    /// Per period offset: (last eligible, last retained, active).
    offsets: Vec<(i64, [u64; 3])>,
}

impl Counts {
    /// (eligible, retained) at the horizon `k`.
    fn retained_at(&self, k: i64, unbounded: bool) -> (u64, u64) {
        let (mut eligible, mut after, mut on) = (0u64, 0u64, 0u64);
        for &(offset, [e, r, a]) in &self.offsets {
            if offset >= k {
                eligible += e;
                after += r;
            }
            if offset == k {
                on += a;
            }
        }
        (eligible, if unbounded { after } else { on })
    }

    fn times(pairs: &[(u32, u64)]) -> SortedTimes {
        SortedTimes::counted(
            pairs
                .iter()
                .map(|&(day, n)| (day * SECONDS_PER_DAY, n))
                .collect(),
        )
    }
}

/// The three tables, read.
pub(crate) struct UsageTables<'t> {
    pub(crate) features: &'t Table,
    pub(crate) days: &'t Table,
    pub(crate) retention: &'t Table,
}

/// Fills `analysis.features` and `activation` (and the adoption figures
/// they give) from the tables, or says what is wrong with them.
pub(crate) fn add(
    analysis: &mut EventsAnalysis,
    tables: UsageTables,
    config: &EventsConfig,
    problems: &mut Vec<Problem>,
) {
    let before = problems.len();
    let mut counts: HashMap<Key, Counts> = HashMap::new();
    read_features(tables.features, &mut counts, problems);
    read_days(tables.days, &mut counts, problems);
    read_retention(tables.retention, &mut counts, problems);
    if problems.len() > before {
        return;
    }
    let everyone_key = (Kind::Users, String::new());
    let Some(everyone) = counts.get(&everyone_key) else {
        problems.push(Problem::new(
            "tables.features",
            "no row of kind \"users\"",
            "the rows the features statement writes, the row of every user included",
        ));
        return;
    };
    check_totals(&counts, everyone, analysis.users, problems);
    if problems.len() > before {
        return;
    }
    // The names as analyzeEvents resolves them: every event name in the
    // data has a slot (the statement lists those only seen after the as-of
    // day with zeros).
    let mut dictionary: Vec<String> = counts
        .keys()
        .filter(|(kind, _)| *kind == Kind::Event)
        .map(|(_, name)| name.clone())
        .collect();
    dictionary.sort_unstable();
    let present = vec![1u64; dictionary.len()];
    let names = match resolve_names(&dictionary, &present, config) {
        Ok(names) => names,
        Err(e) => {
            problems.extend(e.problems);
            return;
        }
    };
    let horizon = retention_point(&analysis.cohorts.mean, config.period).map(|p| p.offset);
    let unbounded = config.unbounded_retention;
    let (eligible, retained) =
        horizon.map_or((0, 0), |k| everyone.retained_at(k.into(), unbounded));
    let all = Everyone {
        follow_up: Counts::times(&everyone.follow_ups),
        recent_actives: everyone.recent_users,
        eligible,
        retained,
    };
    let empty = Counts::default();
    let slot_counts = |s: usize| -> &Counts {
        let key = match s.checked_sub(names.events.len()) {
            None => (Kind::Event, names.events[s].clone()),
            Some(j) => (Kind::Feature, names.features[j].0.clone()),
        };
        counts.get(&key).unwrap_or(&empty)
    };
    let activation = names.activation.map(|slot| {
        let c = slot_counts(slot as usize);
        activation_report(
            activation_name(&names, slot),
            config.activation_window_days,
            &all.follow_up,
            &Counts::times(&c.first_uses),
            &Counts::times(&c.follow_ups),
            (everyone.within_window, c.within_window),
        )
    });
    let features = features_report(&names, analysis.users, horizon, &all, |s| {
        let c = slot_counts(s);
        let (adopters_eligible, adopters_retained) =
            horizon.map_or((0, 0), |k| c.retained_at(k.into(), unbounded));
        SlotFigures {
            users: c.users,
            recent_users: c.recent_users,
            first_use: Counts::times(&c.first_uses),
            adopter_follow_up: Counts::times(&c.follow_ups),
            adopters_eligible,
            adopters_retained,
        }
    });
    add_usage(features, activation, analysis, &names, config);
}

/// A row's kind and name, or a problem.
fn key(table: &Table, i: usize, problems: &mut Vec<Problem>) -> Option<Key> {
    let kind = match table.text(i, "kind").as_deref() {
        Some("event") => Kind::Event,
        Some("feature") => Kind::Feature,
        Some("users") => Kind::Users,
        other => {
            problems.push(Problem::new(
                format!("tables.{}[{i}].kind", table.name),
                other.map_or("nothing".to_string(), |k| format!("\"{k}\"")),
                "event, feature or users",
            ));
            return None;
        }
    };
    let name = table.text(i, "name").unwrap_or_default();
    Some((kind, name))
}

fn read_features(table: &Table, counts: &mut HashMap<Key, Counts>, problems: &mut Vec<Problem>) {
    for i in 0..table.rows.len() {
        let key = key(table, i, problems);
        let values = ["users", "recent_users", "within_window"]
            .map(|c| table.int(i, c, (0, MAX_COUNT), problems));
        if let (Some(key), [Some(u), Some(r), Some(w)]) = (key, values) {
            let c = counts.entry(key).or_default();
            c.users += u as u64;
            c.recent_users += r as u64;
            c.within_window += w as u64;
        }
    }
}

fn read_days(table: &Table, counts: &mut HashMap<Key, Counts>, problems: &mut Vec<Problem>) {
    for i in 0..table.rows.len() {
        let key = key(table, i, problems);
        let day = table.int(i, "day", (0, MAX_DAY), problems);
        let first = table.int(i, "first_uses", (0, MAX_COUNT), problems);
        let follow = table.int(i, "follow_ups", (0, MAX_COUNT), problems);
        if let (Some(key), Some(day), Some(f), Some(u)) = (key, day, first, follow) {
            let c = counts.entry(key).or_default();
            c.first_uses.push((day as u32, f as u64));
            c.follow_ups.push((day as u32, u as u64));
        }
    }
}

fn read_retention(table: &Table, counts: &mut HashMap<Key, Counts>, problems: &mut Vec<Problem>) {
    for i in 0..table.rows.len() {
        let key = key(table, i, problems);
        let offset = table.int(i, "period_offset", (0, MAX_DAY), problems);
        let values = ["last_eligible", "last_retained", "active"]
            .map(|c| table.int(i, c, (0, MAX_COUNT), problems));
        if let (Some(key), Some(k), [Some(e), Some(r), Some(a)]) = (key, offset, values) {
            let c = counts.entry(key).or_default();
            c.offsets.push((k, [e as u64, r as u64, a as u64]));
        }
    }
}

/// The tables agree with each other and with the summary: every user is
/// followed once, each event's or feature's users have one first use and
/// one follow-up each, and none has more users than there are.
fn check_totals(
    counts: &HashMap<Key, Counts>,
    everyone: &Counts,
    users: u64,
    problems: &mut Vec<Problem>,
) {
    let sum = |pairs: &[(u32, u64)]| pairs.iter().map(|p| p.1).sum::<u64>();
    if everyone.users != users || sum(&everyone.follow_ups) != users {
        problems.push(Problem::new(
            "tables.features",
            format!(
                "{} users in the row of kind \"users\", {} followed in feature_days",
                everyone.users,
                sum(&everyone.follow_ups)
            ),
            format!("{users}, the users of tables.summary (run every statement on the same data)"),
        ));
    }
    let mut keys: Vec<&Key> = counts.keys().filter(|k| k.0 != Kind::Users).collect();
    keys.sort_unstable();
    let mut wrong = 0;
    for key in keys {
        let c = &counts[key];
        let (first, follow) = (sum(&c.first_uses), sum(&c.follow_ups));
        if first != c.users || follow != c.users || c.users > users {
            wrong += 1;
            if wrong > 20 {
                continue;
            }
            problems.push(Problem::new(
                format!("tables.feature_days ({} \"{}\")", kind_name(key.0), key.1),
                format!("{first} first uses and {follow} follow-ups of {} users", c.users),
                format!(
                    "one of each per user who used it, at most {users} users (run every statement on the same data)"
                ),
            ));
        }
    }
    if wrong > 20 {
        problems.push(Problem::new(
            "tables.feature_days",
            format!("{} more events or features like those above", wrong - 20),
            "one first use and one follow-up per user who used it",
        ));
    }
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Event => "event",
        Kind::Feature => "feature",
        Kind::Users => "users",
    }
}
