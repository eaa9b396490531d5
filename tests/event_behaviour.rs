//! What users did, from event names and sessions: a hand-computed case,
//! bad input, and a property test of every new figure against a naive
//! reference (per-user maps, the textbook Kaplan–Meier on every user).
#![cfg(not(target_arch = "wasm32"))]

use market_validation::calendar::MS_PER_DAY;
use market_validation::events::{
    analyze_event_columns, EventColumns, EventNames, EventsConfig, Period, Signups, Window,
};
use market_validation::retention::kaplan_meier::kaplan_meier;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

const HOUR: f64 = 3_600_000.0;
const MINUTE: f64 = 60_000.0;
/// 2026-10-05, a Monday, in days since the epoch.
const D0: f64 = 20_366.0;

fn at(day: f64, hours: f64, minutes: f64) -> f64 {
    (D0 + day) * MS_PER_DAY + hours * HOUR + minutes * MINUTE
}

fn dictionary(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

/// Three users over ten days (see the comments for each figure).
fn small_case(sessions: Option<Vec<u32>>) -> EventColumns {
    // Codes: 0 signup, 1 project_created, 2 view, 3 $identify.
    EventColumns {
        user_ids: vec![1, 1, 1, 1, 2, 2, 2, 3],
        timestamps_ms: vec![
            at(0.0, 0.0, 0.0),
            at(0.0, 0.0, 10.0),
            at(0.0, 0.0, 50.0),
            at(3.0, 12.0, 0.0),
            at(1.0, 6.0, 0.0),
            at(1.0, 6.0, 20.0),
            at(9.0, 10.0, 0.0),
            at(9.0, 23.0, 0.0),
        ],
        names: Some(EventNames {
            codes: vec![0, 1, 2, 2, 2, 3, 1, 2],
            dictionary: dictionary(&["signup", "project_created", "view", "$identify"]),
        }),
        session_ids: sessions,
    }
}

fn activation_config() -> EventsConfig {
    EventsConfig {
        activation_event: Some("project_created".into()),
        activation_window_days: 7,
        ..EventsConfig::default()
    }
}

#[test]
fn a_hand_computed_case() {
    let r = analyze_event_columns(small_case(None), None, &activation_config()).unwrap();
    assert_eq!(r.users, 3);
    let ignored = r.ignored_events.as_ref().unwrap();
    assert_eq!((ignored.count, ignored.by_name["$identify"]), (1, 1));
    let feature = |name: &str| r.features.iter().find(|f| f.name == name).unwrap();
    // view: all three users, all in the last 28 days.
    assert_eq!((feature("view").users, feature("view").adoption), (3, 1.0));
    assert_eq!(
        (feature("view").recent_users, feature("view").usage),
        (3, 1.0)
    );
    // project_created: user 1 after 10 minutes; user 2 8 d 4 h after their
    // start (day 1, 06:00); user 3, followed 1 h, censored. The KM curve
    // falls to 2/3 at 600 s and to 0 at 8.1667 days: that is its median.
    let created = feature("project_created");
    assert_eq!(created.users, 2);
    assert!((created.adoption - 2.0 / 3.0).abs() < 1e-15);
    assert_eq!(
        created.time_to_first_use.median_days,
        Some(705_600.0 / 86_400.0)
    );
    assert_eq!(created.time_to_first_use.events, 2);
    // Events first by users, then by name.
    let order: Vec<&str> = r.features.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(order, ["view", "project_created", "signup"]);
    // Activation within 7 days: users 1 (10 days followed) and 2 (8.75) are
    // eligible, user 3 (1 h) is not; only user 1 activated in time.
    let a = r.activation.as_ref().unwrap();
    assert_eq!((a.users, a.eligible, a.activated, a.rate), (3, 2, 1, 0.5));
    assert_eq!(r.adoption_data.adoption_rate, Some(0.5));
    assert_eq!(r.adoption_data.time_to_adoption, Some(705_600.0 / 86_400.0));
    // Within 0 days: none; within 1 day: 1 of 3 (the KM curve at 2/3); day 9: all.
    assert_eq!(a.curve[0].activated, 0.0);
    assert!((a.curve[1].activated - 1.0 / 3.0).abs() < 1e-12);
    assert_eq!(a.curve[9].activated, 1.0);
    // Sessions by a 30-minute gap: user 1's 00:00 and 00:10 (10 min), 00:50
    // (a 40-minute gap), day 3; user 2's day 1 (the $identify is not
    // activity) and day 9; user 3's. 6 sessions over 5 active user-days.
    let s = r.sessions.as_ref().unwrap();
    assert_eq!((s.defined_by.as_str(), s.count), ("gap", 6));
    assert!((s.mean_minutes - 10.0 / 6.0).abs() < 1e-12);
    assert_eq!(s.median_minutes, 0.0);
    assert!((s.per_active_user_day - 1.2).abs() < 1e-12);
    assert_eq!(r.usage_metrics.session_duration, Some(s.mean_minutes));
    // No features named: the scored fields stay empty, and a warning says so.
    assert!(r.usage_metrics.feature_usage.is_none());
    assert!(r.warnings.iter().any(|w| w.code == "features_not_named"));
}

#[test]
fn sessions_without_names() {
    let mut columns = small_case(Some(vec![0, 0, 0, 1, 0, 0, 2, 3]));
    columns.names = None;
    let r = analyze_event_columns(columns, None, &EventsConfig::default()).unwrap();
    // Every event counts (no names: none is known to be bookkeeping).
    assert_eq!(r.sessions.unwrap().count, 5);
    assert!(r.features.is_empty() && r.activation.is_none());
}

#[test]
fn the_activation_window_is_exact_to_the_millisecond() {
    // Both users start at 00:00; user 1 activates 7 days and 500 ms later
    // (outside a 7-day window), user 2 exactly 7 days later (inside).
    let columns = EventColumns {
        user_ids: vec![1, 1, 2, 2, 3],
        timestamps_ms: vec![
            at(0.0, 0.0, 0.0),
            at(7.0, 0.0, 0.0) + 500.0,
            at(0.0, 0.0, 0.0),
            at(7.0, 0.0, 0.0),
            at(20.0, 0.0, 0.0),
        ],
        names: Some(EventNames {
            codes: vec![0, 1, 0, 1, 0],
            dictionary: dictionary(&["visit", "project_created"]),
        }),
        session_ids: None,
    };
    let a = analyze_event_columns(columns, None, &activation_config())
        .unwrap()
        .activation
        .unwrap();
    assert_eq!((a.eligible, a.activated), (2, 1));
}

#[test]
fn sessions_from_ids_split_a_shared_id() {
    // User 1: "a" for the first three events (00:00 to 00:50), "b" on day 3;
    // user 2 reuses "a" (split: their own session) and has "c"; user 3 "d".
    let ids = vec![0, 0, 0, 1, 0, 0, 2, 3];
    let r = analyze_event_columns(small_case(Some(ids)), None, &EventsConfig::default()).unwrap();
    let s = r.sessions.unwrap();
    assert_eq!(
        (s.defined_by.as_str(), s.count, s.shared_ids),
        ("column", 5, 1)
    );
    assert!((s.mean_minutes - 10.0).abs() < 1e-12);
    assert!(r.warnings.iter().any(|w| w.code == "session_id_shared"));
}

#[test]
fn named_features_fill_the_scored_fields() {
    let config = EventsConfig {
        features: vec![
            ("Projects".into(), vec!["project_created".into()]),
            ("Browsing".into(), vec!["view".into(), "viewed".into()]),
        ],
        ..EventsConfig::default()
    };
    let r = analyze_event_columns(small_case(None), None, &config).unwrap();
    let usage = r.usage_metrics.feature_usage.unwrap();
    assert_eq!(usage.len(), 2);
    assert!(
        (r.adoption_data.feature_adoption_rates.unwrap()["Projects"] - 2.0 / 3.0).abs() < 1e-15
    );
    assert_eq!(r.features[0].kind, "feature");
    // "viewed" never occurs: said, with the closest name.
    let w = r
        .warnings
        .iter()
        .find(|w| w.code == "feature_event_absent")
        .unwrap();
    assert!(
        w.message.contains("did you mean \"view\"?"),
        "{}",
        w.message
    );
}

#[test]
fn bad_input_names_every_problem() {
    let mut columns = small_case(Some(vec![0; 3]));
    columns.names.as_mut().unwrap().codes[2] = 9;
    columns.names.as_mut().unwrap().codes.pop();
    let text = analyze_event_columns(columns, None, &activation_config())
        .unwrap_err()
        .to_string();
    assert!(
        text.contains("eventNames is 7 event names for 8 events"),
        "{text}"
    );
    assert!(text.contains("eventNames.codes[2]"), "{text}");
    assert!(
        text.contains("sessionIds is 3 session ids for 8 events"),
        "{text}"
    );
    // An activation event that never occurs: the closest name.
    let config = EventsConfig {
        activation_event: Some("project_creatd".into()),
        ..EventsConfig::default()
    };
    let text = analyze_event_columns(small_case(None), None, &config)
        .unwrap_err()
        .to_string();
    assert!(text.contains("did you mean \"project_created\"?"), "{text}");
    // Options that need names, without names.
    let mut columns = small_case(None);
    columns.names = None;
    let text = analyze_event_columns(columns, None, &activation_config())
        .unwrap_err()
        .to_string();
    assert!(text.contains("options.activationEvent"), "{text}");
    // Only bookkeeping events.
    let columns = EventColumns {
        user_ids: vec![1],
        timestamps_ms: vec![at(0.0, 1.0, 0.0)],
        names: Some(EventNames {
            codes: vec![0],
            dictionary: dictionary(&["$identify"]),
        }),
        session_ids: None,
    };
    let text = analyze_event_columns(columns, None, &EventsConfig::default())
        .unwrap_err()
        .to_string();
    assert!(text.contains("not activity"), "{text}");
}

// The naive reference.

#[derive(Debug, Clone)]
struct Case {
    events: Vec<(u32, f64, u32, u32)>,
    signups: Vec<(u32, f64)>,
    with_sessions: bool,
    period: Period,
    /// 24 h windows rather than calendar periods.
    elapsed: bool,
    unbounded: bool,
    /// Retention by events: cohorts by "a", returns by "c".
    start_event: bool,
    return_event: bool,
    /// User ids spread over the u32 range (grouped by a radix sort, not counted).
    sparse_ids: bool,
}

const NAMES: [&str; 4] = ["a", "b", "c", "$identify"];

fn case() -> impl Strategy<Value = Case> {
    let event = (0u32..8, 0.0f64..40.0, 0u32..4, 0u32..6);
    (
        proptest::collection::vec(event, 1..60),
        proptest::collection::vec((0u32..10, 0.0f64..40.0), 0..6),
        proptest::bool::ANY,
        prop_oneof![Just(Period::Day), Just(Period::Week)],
        proptest::collection::vec(proptest::bool::ANY, 5),
    )
        .prop_map(|(events, signups, with_sessions, period, flags)| Case {
            events: events
                .into_iter()
                .map(|(u, d, c, s)| (u, (D0 + d) * MS_PER_DAY, c, s))
                .collect(),
            signups: signups
                .into_iter()
                .map(|(u, d)| (u, (D0 + d) * MS_PER_DAY))
                .collect(),
            with_sessions,
            period,
            elapsed: flags[0],
            unbounded: flags[1],
            start_event: flags[2],
            return_event: flags[3],
            sparse_ids: flags[4],
        })
}

fn day_of(ms: f64) -> i64 {
    (ms / MS_PER_DAY).floor() as i64
}

fn secs(ms: f64) -> f64 {
    (ms / 1000.0).floor()
}

/// Monday-start weeks or days, as numbers.
fn period(day: i64, p: Period) -> i64 {
    match p {
        Period::Week => (day + 3).div_euclid(7),
        _ => day,
    }
}

/// The naive reference's cohorts: each user's cohort, cells and first
/// period's end, from the definitions written out.
struct Reference<'a> {
    case: &'a Case,
    by_user: &'a BTreeMap<u32, Vec<(f64, u32, u32)>>,
    start: &'a dyn Fn(u32) -> f64,
    first_day: i64,
    as_of: i64,
}

/// A user's cohort index, per period after it (eligible: the period is
/// over or counted; active), and the end of their first period in ms.
type CohortOf = (usize, Vec<(bool, bool)>, f64);

impl Reference<'_> {
    fn cohort_of(&self, u: u32) -> Option<CohortOf> {
        let case = self.case;
        let events = self.by_user.get(&u).cloned().unwrap_or_default();
        let end = (self.as_of + 1) as f64 * MS_PER_DAY;
        let cs = if case.start_event {
            events
                .iter()
                .filter(|e| e.1 == 0)
                .map(|e| e.0)
                .reduce(f64::min)?
        } else {
            (self.start)(u)
        };
        if cs >= end || day_of(cs) < self.first_day {
            return None;
        }
        let first = period(self.first_day, case.period);
        let c = period(day_of(cs), case.period) - first;
        let last = period(self.as_of, case.period) - first;
        let periods = (last + 1) as usize;
        let returns: Vec<f64> = events
            .iter()
            .filter(|e| (!case.return_event || e.1 == 2) && e.0 >= cs)
            .map(|e| e.0)
            .collect();
        let len = if case.period == Period::Day {
            MS_PER_DAY
        } else {
            7.0 * MS_PER_DAY
        };
        let (offsets, width, counted, first_end): (BTreeSet<usize>, usize, usize, f64) =
            if case.elapsed {
                let width = periods + 1;
                let mature = (((end - cs) / len).floor().max(0.0) as usize).min(width);
                let offsets = returns
                    .iter()
                    .map(|t| (((t - cs) / len).floor() as usize).min(width - 1))
                    .collect();
                (offsets, width, mature, cs + len)
            } else {
                let width = periods - c as usize;
                let offsets = returns
                    .iter()
                    .map(|t| (period(day_of(*t), case.period) - first - c) as usize)
                    .collect();
                let next = c + first + 1;
                let next_day = if case.period == Period::Day {
                    next
                } else {
                    next * 7 - 3
                };
                (offsets, width, width, next_day as f64 * MS_PER_DAY)
            };
        let max = offsets.iter().next_back().copied();
        let row = (0..width)
            .map(|k| {
                let eligible = if case.elapsed {
                    k < counted
                } else {
                    (c as usize + k) < last as usize
                };
                let active = k < counted
                    && if case.unbounded {
                        max.is_some_and(|m| k <= m)
                    } else {
                        offsets.contains(&k)
                    };
                (eligible, active)
            })
            .collect();
        Some((c as usize, row, first_end))
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]
    #[test]
    fn every_figure_matches_a_naive_reference(case in case()) {
        let config = EventsConfig {
            activation_event: Some("b".into()),
            activation_window_days: 3,
            period: case.period,
            window: if case.elapsed { Window::Elapsed } else { Window::Calendar },
            unbounded_retention: case.unbounded,
            start_event: case.start_event.then(|| "a".to_string()),
            return_event: case.return_event.then(|| "c".to_string()),
            ..EventsConfig::default()
        };
        let id = |u: u32| if case.sparse_ids { u * 400_000_001 } else { u };
        let columns = EventColumns {
            user_ids: case.events.iter().map(|e| id(e.0)).collect(),
            timestamps_ms: case.events.iter().map(|e| e.1).collect(),
            names: Some(EventNames { codes: case.events.iter().map(|e| e.2).collect(), dictionary: dictionary(&NAMES) }),
            session_ids: case.with_sessions.then(|| case.events.iter().map(|e| id(e.3)).collect()),
        };
        let (su, st): (Vec<u32>, Vec<f64>) = case.signups.iter().map(|&(u, t)| (id(u), t)).unzip();
        let signups = Signups { user_ids: &su, timestamps_ms: &st };
        let result = analyze_event_columns(columns, (!su.is_empty()).then_some(&signups), &config);
        let kept: Vec<&(u32, f64, u32, u32)> = case.events.iter().filter(|e| e.2 != 3).collect();
        let absent = |code: u32, asked: bool| asked && !kept.iter().any(|e| e.2 == code);
        if kept.is_empty() || absent(1, true) || absent(0, case.start_event) || absent(2, case.return_event) {
            prop_assert!(result.is_err());
            return Ok(());
        }
        let r = result.unwrap();
        let as_of = kept.iter().map(|e| day_of(e.1)).max().unwrap();
        let first_day = kept.iter().map(|e| day_of(e.1)).min().unwrap();
        let end = (as_of + 1) as f64 * MS_PER_DAY;
        // Each user's events, and start (signup, earliest kept, or first event).
        let mut by_user: BTreeMap<u32, Vec<(f64, u32, u32)>> = BTreeMap::new();
        for e in &kept {
            by_user.entry(e.0).or_default().push((e.1, e.2, e.3));
        }
        let mut signup: BTreeMap<u32, f64> = BTreeMap::new();
        for &(u, t) in &case.signups {
            let s = signup.entry(u).or_insert(t);
            *s = s.min(t);
        }
        let users: BTreeSet<u32> = by_user.keys().chain(signup.keys()).copied().collect();
        let start = |u: u32| {
            let first = by_user.get(&u).map_or(f64::INFINITY, |v| v.iter().map(|e| e.0).fold(f64::INFINITY, f64::min));
            signup.get(&u).map_or(first, |s| s.min(first))
        };
        let started: Vec<u32> = users.iter().copied().filter(|&u| start(u) < end).collect();
        let reference = Reference { case: &case, by_user: &by_user, start: &start, first_day, as_of };
        // The cohort triangle, cell by cell.
        let mut size: BTreeMap<usize, u64> = BTreeMap::new();
        let mut cells: BTreeMap<(usize, usize), (u64, u64)> = BTreeMap::new();
        for &u in &started {
            if let Some((c, row, _)) = reference.cohort_of(u) {
                *size.entry(c).or_default() += 1;
                for (k, (eligible, active)) in row.into_iter().enumerate() {
                    let cell = cells.entry((c, k)).or_default();
                    cell.0 += u64::from(eligible);
                    cell.1 += u64::from(active);
                }
            }
        }
        for (c, row) in r.cohorts.rows.iter().enumerate() {
            prop_assert_eq!(row.size, size.get(&c).copied().unwrap_or(0), "cohort {}", c);
            for cell in &row.cells {
                let (eligible, active) = cells.get(&(c, cell.offset as usize)).copied().unwrap_or((0, 0));
                prop_assert_eq!((cell.active, cell.eligible), (active, if case.elapsed { eligible } else { row.size }), "cohort {} cell {}", c, cell.offset);
            }
        }
        // Features per event name.
        for (code, name) in NAMES.iter().enumerate().take(3) {
            let adopters: Vec<u32> = by_user.iter().filter(|(_, v)| v.iter().any(|e| e.1 == code as u32)).map(|(u, _)| *u).collect();
            let f = r.features.iter().find(|f| f.name == *name);
            if adopters.is_empty() {
                prop_assert!(f.is_none());
                continue;
            }
            let f = f.unwrap();
            prop_assert_eq!(f.users, adopters.len() as u64);
            let recent = |u: &u32, only: Option<u32>| by_user[u].iter().any(|e| day_of(e.0) > as_of - 28 && only.is_none_or(|c| e.1 == c));
            let recent_users = by_user.keys().filter(|u| recent(u, Some(code as u32))).count() as f64;
            let recent_actives = by_user.keys().filter(|u| recent(u, None)).count() as f64;
            prop_assert_eq!(f.recent_users, recent_users as u64);
            prop_assert!((f.usage - recent_users / recent_actives).abs() < 1e-12);
            prop_assert!((f.adoption - adopters.len() as f64 / r.users as f64).abs() < 1e-12);
            // KM over the users with events: first use, else censored.
            let (mut d, mut o) = (Vec::new(), Vec::new());
            for (u, v) in &by_user {
                let s = start(*u);
                match v.iter().filter(|e| e.1 == code as u32).map(|e| e.0).reduce(f64::min) {
                    Some(t) => { d.push(secs(t - s) / 86_400.0); o.push(true); }
                    None => { d.push(secs(end - s) / 86_400.0); o.push(false); }
                }
            }
            let km = kaplan_meier(&d, &o);
            prop_assert_eq!(f.time_to_first_use.median_days, km.median());
            let (lo, hi) = km.quantile_interval(0.5, 0.95);
            prop_assert_eq!((f.time_to_first_use.median_low, f.time_to_first_use.median_high), (lo, hi));
            // Adopters (by the end of their first period) against the others, at the horizon.
            if let Some(ret) = &f.retention {
                let k = ret.offset as usize;
                let (mut ae, mut ar, mut oe, mut or) = (0u64, 0u64, 0u64, 0u64);
                for &u in &started {
                    let Some((_, cells, first_end)) = reference.cohort_of(u) else { continue };
                    let Some(&(eligible, active)) = cells.get(k) else { continue };
                    if !eligible { continue; }
                    let early = by_user.get(&u).is_some_and(|v| v.iter().any(|e| e.1 == code as u32 && e.0 < first_end));
                    if early { ae += 1; ar += u64::from(active); } else { oe += 1; or += u64::from(active); }
                }
                prop_assert_eq!((ret.adopters.users, ret.adopters.retained, ret.others.users, ret.others.retained), (ae, ar, oe, or));
            }
        }
        // Activation: every user who started by the as-of day.
        let a = r.activation.as_ref();
        let window = 3.0 * MS_PER_DAY;
        let (mut eligible, mut activated, mut d, mut o) = (0u64, 0u64, Vec::new(), Vec::new());
        for &u in &started {
            let s = start(u);
            let first = by_user.get(&u).and_then(|v| v.iter().filter(|e| e.1 == 1).map(|e| e.0).reduce(f64::min));
            if end - s >= window {
                eligible += 1;
                activated += u64::from(first.is_some_and(|t| t - s <= window));
            }
            match first {
                Some(t) => { d.push(secs(t - s) / 86_400.0); o.push(true); }
                None => { d.push(secs(end - s) / 86_400.0); o.push(false); }
            }
        }
        match a {
            None => prop_assert!(!kept.iter().any(|e| e.2 == 1)),
            Some(a) => {
                prop_assert_eq!((a.users, a.eligible, a.activated), (started.len() as u64, eligible, activated));
                prop_assert_eq!(a.time_to_activation.median_days, kaplan_meier(&d, &o).median());
            }
        }
        // Sessions.
        let (mut lengths, mut shared) = (Vec::new(), 0u64);
        let mut owners: BTreeMap<u32, BTreeSet<u32>> = BTreeMap::new();
        for (u, v) in &by_user {
            let mut v = v.clone();
            if case.with_sessions {
                let mut by_id: BTreeMap<u32, (f64, f64)> = BTreeMap::new();
                for e in &v {
                    owners.entry(e.2).or_default().insert(*u);
                    let s = by_id.entry(e.2).or_insert((e.0, e.0));
                    s.0 = s.0.min(e.0);
                    s.1 = s.1.max(e.0);
                }
                lengths.extend(by_id.values().map(|(a, b)| (b - a) / MINUTE));
            } else {
                v.sort_by(|a, b| a.0.total_cmp(&b.0));
                let (mut first, mut last) = (v[0].0, v[0].0);
                for e in &v[1..] {
                    if e.0 - last > 30.0 * MINUTE { lengths.push((last - first) / MINUTE); first = e.0; }
                    last = e.0;
                }
                lengths.push((last - first) / MINUTE);
            }
        }
        shared += owners.values().filter(|o| o.len() > 1).count() as u64;
        let s = r.sessions.as_ref().unwrap();
        prop_assert_eq!(s.count, lengths.len() as u64);
        prop_assert_eq!(s.shared_ids, shared);
        let mean = lengths.iter().sum::<f64>() / lengths.len() as f64;
        prop_assert!((s.mean_minutes - mean).abs() < 1e-9);
        lengths.sort_by(f64::total_cmp);
        let n = lengths.len();
        let median = if n % 2 == 1 { lengths[n / 2] } else { (lengths[n / 2 - 1] + lengths[n / 2]) / 2.0 };
        prop_assert!((s.median_minutes - median).abs() < 1e-9);
        let user_days: u64 = by_user.values().map(|v| v.iter().map(|e| day_of(e.0)).collect::<BTreeSet<_>>().len() as u64).sum();
        prop_assert!((s.per_active_user_day - lengths.len() as f64 / user_days as f64).abs() < 1e-12);
    }
}
