//! Usage analysis from raw events: hand-computed cases, bad input, and a
//! property test against a deliberately naive reference (sets of user-days).
#![cfg(not(target_arch = "wasm32"))]

use market_validation::calendar::{days_from_civil, WeekStart, MS_PER_DAY};
use market_validation::events::{
    analyze_events, analyze_events_with_signups, EventsConfig, Period, Signups,
};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Noon UTC of a date, in ms.
fn noon(y: i64, m: u32, d: u32) -> f64 {
    days_from_civil(y, m, d) as f64 * MS_PER_DAY + 12.0 * 3_600_000.0
}

fn week_config(start: WeekStart) -> EventsConfig {
    EventsConfig {
        week_start: start,
        period: Period::Week,
        ..EventsConfig::default()
    }
}

#[test]
fn week_start_decides_which_week_a_sunday_is_in() {
    // 2026-11-01 is a Sunday, 2026-11-02 a Monday.
    let users = [1, 1];
    let times = [noon(2026, 11, 1), noon(2026, 11, 2)];
    let monday = analyze_events(&users, &times, &week_config(WeekStart::Monday)).unwrap();
    // Monday weeks: Sunday closes week A, Monday opens week B: two periods, retained in B.
    assert_eq!(monday.growth.len(), 2);
    assert_eq!(monday.growth[0].start, "2026-10-26");
    assert_eq!(
        (monday.growth[1].retained, monday.growth[1].new_users),
        (1, 0)
    );
    let sunday = analyze_events(&users, &times, &week_config(WeekStart::Sunday)).unwrap();
    // Sunday weeks: both days are in the week starting 2026-11-01.
    assert_eq!(sunday.growth.len(), 1);
    assert_eq!(sunday.growth[0].start, "2026-11-01");
    assert_eq!(sunday.growth[0].active, 1);
}

#[test]
fn utc_offset_moves_events_across_midnight() {
    // 23:30 UTC on Nov 1 and 00:30 UTC on Nov 2: two days in UTC, one day in UTC-2.
    let t1 = days_from_civil(2026, 11, 1) as f64 * MS_PER_DAY + 23.5 * 3_600_000.0;
    let t2 = t1 + 3_600_000.0;
    let utc = analyze_events(&[7, 7], &[t1, t2], &EventsConfig::default()).unwrap();
    assert_eq!(utc.daily.len(), 2);
    let minus_two = EventsConfig {
        utc_offset_minutes: -120,
        ..EventsConfig::default()
    };
    let local = analyze_events(&[7, 7], &[t1, t2], &minus_two).unwrap();
    assert_eq!(local.daily.len(), 1);
    assert_eq!(local.daily[0].date, "2026-11-01");
    assert_eq!(local.daily[0].active, 1);
}

#[test]
fn growth_accounting_by_hand_with_a_resurrected_user() {
    // Weeks (Monday start) W0 = Oct 26, W1 = Nov 2, W2 = Nov 9, W3 = Nov 16.
    // User 1: W0, W1, W3 (resurrected in W3). User 2: W0 only (churns in W1).
    // User 3: W1, W2. User 4: W3 only (active once).
    let events = [
        (1, noon(2026, 10, 27)),
        (1, noon(2026, 11, 3)),
        (1, noon(2026, 11, 17)),
        (2, noon(2026, 10, 28)),
        (3, noon(2026, 11, 4)),
        (3, noon(2026, 11, 10)),
        (4, noon(2026, 11, 18)),
        (4, noon(2026, 11, 18) + 60_000.0),
    ];
    let (users, times): (Vec<u32>, Vec<f64>) = events.iter().copied().unzip();
    let r = analyze_events(&users, &times, &week_config(WeekStart::Monday)).unwrap();
    let g: Vec<(u64, u64, u64, u64, u64)> = r
        .growth
        .iter()
        .map(|p| (p.active, p.new_users, p.retained, p.resurrected, p.churned))
        .collect();
    assert_eq!(
        g,
        vec![
            (2, 2, 0, 0, 0), // W0: users 1, 2 new
            (2, 1, 1, 0, 1), // W1: 3 new, 1 retained, 2 churned
            (1, 0, 1, 0, 1), // W2: 3 retained, 1 churned
            (2, 1, 0, 1, 1), // W3: 4 new, 1 resurrected, 3 churned
        ]
    );
    assert_eq!(r.growth[3].quick_ratio, Some(2.0));
    assert!(r.growth[3].provisional && !r.growth[2].provisional);
    // Cohorts: W0 = {1, 2}: W1 has 1 of 2; W3 has 1 of 2 (provisional).
    let w0 = &r.cohorts.rows[0];
    assert_eq!(w0.size, 2);
    let active: Vec<u64> = w0.cells.iter().map(|c| c.active).collect();
    assert_eq!(active, vec![2, 1, 0, 1]);
    assert!(w0.cells[3].provisional);
    // The newest cohort (W3, user 4) has only its provisional week-0 cell.
    assert_eq!(r.cohorts.rows[3].cells.len(), 1);
    // Mean curve at offset 1 over complete cells: W0 1/2, W1 (user 3) 1/1, W2 empty.
    let m1 = r.cohorts.mean.iter().find(|m| m.offset == 1).unwrap();
    assert_eq!((m1.cohorts, m1.eligible), (2, 3));
    assert!((m1.weighted - 2.0 / 3.0).abs() < 1e-12);
    assert!((m1.simple - 0.75).abs() < 1e-12);
}

#[test]
fn daily_and_trailing_windows_by_hand() {
    // User 1 on days 0 and 10; user 2 on day 3.
    let base = days_from_civil(2026, 1, 1) as f64 * MS_PER_DAY;
    let r = analyze_events(
        &[1, 1, 2],
        &[base, base + 10.0 * MS_PER_DAY, base + 3.0 * MS_PER_DAY],
        &EventsConfig::default(),
    )
    .unwrap();
    let wau: Vec<u64> = r.daily.iter().map(|d| d.weekly_active).collect();
    // Day 0..6: user 1; days 3..9: user 2; days 10..: user 1 again.
    assert_eq!(wau, vec![1, 1, 1, 2, 2, 2, 2, 1, 1, 1, 1]);
    let mau: Vec<u64> = r.daily.iter().map(|d| d.monthly_active).collect();
    assert_eq!(mau, vec![1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2]);
    // L28 ending on day 10: user 1 has 2 days, user 2 has 1.
    assert_eq!(&r.power_user_curve.users[..3], &[1, 1, 0]);
    assert_eq!(r.power_user_curve.power_users, 0);
}

#[test]
fn bad_input_is_a_clear_error() {
    let err = analyze_events(&[1, 2], &[1.0], &EventsConfig::default()).unwrap_err();
    assert!(
        err.to_string().contains("1 timestamps for 2 user ids"),
        "{err}"
    );
    let err = analyze_events(&[], &[], &EventsConfig::default()).unwrap_err();
    assert!(err.to_string().contains("no events"), "{err}");
    let err = analyze_events(
        &[1, 1, 1],
        &[f64::NAN, -5.0, 5e12],
        &EventsConfig::default(),
    )
    .unwrap_err();
    assert_eq!(err.problems.len(), 3, "{err}");
    assert!(err.to_string().contains("timestamps[0] is NaN"), "{err}");
    // Seconds, not milliseconds.
    let err = analyze_events(
        &[1, 2],
        &[1_700_000_000.0, 1_762_000_000.0],
        &EventsConfig::default(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("these look like seconds"), "{err}");
    assert!(err.to_string().contains("multiply by 1000"), "{err}");
    // Day cohorts over six years: 2,193 periods, 2,405,721 cells (2193 * 2194 / 2), over the
    // cap of 400,000 (893 periods: 893 * 894 / 2 = 399,171); weekly (314 weeks) fits, and
    // so do the last 893 days: from 2023-07-24 (2026-01-01 is day 20454 since the epoch,
    // 20454 - 892 = 19562, which is 2023-07-24).
    let long = EventsConfig {
        period: Period::Day,
        ..EventsConfig::default()
    };
    let err = analyze_events(&[1, 1], &[noon(2020, 1, 1), noon(2026, 1, 1)], &long).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains(r#"options.cohortPeriod is "day" over 2193 periods (2405721 cohort cells); expected at most 400000 cohort cells (893 days)"#),
        "{text}"
    );
    assert!(
        text.contains(r#"cohortPeriod "week" fits (314 periods)"#),
        "{text}"
    );
    assert!(
        text.contains("leave out the events before 2023-07-24"),
        "{text}"
    );
    // 2 years and 5 months of days (2024-01-01..2026-06-01: 883 days) fit.
    analyze_events(&[1, 1], &[noon(2024, 1, 1), noon(2026, 6, 1)], &long).expect("883 days fit");
    // Three events and asOf in 2099, monthly: 896 months from 2025-05 is over the cap, and
    // no period is coarser than a month.
    let far = EventsConfig {
        period: Period::Month,
        as_of: Some(days_from_civil(2099, 12, 31)),
        ..EventsConfig::default()
    };
    let err = analyze_events(&[1, 2, 3], &[noon(2025, 5, 1); 3], &far).unwrap_err();
    let text = err.to_string();
    assert!(text.contains(r#""month" over 896 periods"#), "{text}");
    assert!(!text.contains("fits ("), "{text}");
    assert!(
        text.contains("leave out the events before 2025-08-01"),
        "{text}"
    );
    assert!(text.contains("ends at asOf, 2099-12-31"), "{text}");
    // asOf before the first event: an error naming both days, not a silent move.
    let early = EventsConfig {
        as_of: Some(days_from_civil(2026, 1, 1)),
        ..EventsConfig::default()
    };
    let err = analyze_events(&[1, 2], &[noon(2026, 1, 5), noon(2026, 1, 20)], &early).unwrap_err();
    assert!(
        err.to_string().contains(r#"options.asOf is "2026-01-01"; expected a day on or after the first event, 2026-01-05 (the events run from 2026-01-05 to 2026-01-20)"#),
        "{err}"
    );
    // A single event is a valid, documented result.
    let one = analyze_events(&[9], &[noon(2026, 11, 1)], &EventsConfig::default()).unwrap();
    assert_eq!((one.users, one.daily.len(), one.growth.len()), (1, 1, 1));
}

/// Output of the naive reference: per day (active, new, WAU, MAU); per
/// period (active, new, retained, resurrected, churned); (cohort, offset) ->
/// active users; cohort -> size.
type Reference = (
    Vec<(u64, u64, u64, u64)>,
    Vec<(u64, u64, u64, u64, u64)>,
    BTreeMap<(i64, i64), u64>,
    BTreeMap<i64, u64>,
);

/// The deliberately naive reference: sets of (user, day), everything
/// recomputed from scratch by set operations. `period` must number
/// consecutive periods with consecutive integers. With signup days, a user
/// starts on the earlier of signup and first event, and is new (and in a
/// cohort) only when that start is within the events' days.
fn reference(
    events: &[(u32, i64)],
    signups: Option<&[(u32, i64)]>,
    period: &dyn Fn(i64) -> i64,
) -> Reference {
    let pairs: BTreeSet<(u32, i64)> = events.iter().copied().collect();
    let first_day = pairs.iter().map(|p| p.1).min().unwrap_or(0);
    let last_day = pairs.iter().map(|p| p.1).max().unwrap_or(0);
    let mut start_of: BTreeMap<u32, i64> = BTreeMap::new();
    for (u, d) in pairs.iter().chain(signups.unwrap_or(&[])) {
        let e = start_of.entry(*u).or_insert(*d);
        *e = (*e).min(*d);
    }
    // Users who start within the analysed days.
    let first_of: BTreeMap<u32, i64> = start_of
        .into_iter()
        .filter(|(_, d)| (first_day..=last_day).contains(d))
        .collect();
    let active_in = |lo: i64, hi: i64| {
        pairs
            .iter()
            .filter(|(_, d)| *d >= lo && *d <= hi)
            .map(|p| p.0)
            .collect::<BTreeSet<_>>()
            .len() as u64
    };
    let daily = (first_day..=last_day)
        .map(|t| {
            (
                active_in(t, t),
                first_of.values().filter(|d| **d == t).count() as u64,
                active_in(t - 6, t),
                active_in(t - 27, t),
            )
        })
        .collect();
    let active_set = |p: i64| {
        pairs
            .iter()
            .filter(|(_, d)| period(*d) == p)
            .map(|x| x.0)
            .collect::<BTreeSet<u32>>()
    };
    let periods: Vec<i64> = (period(first_day)..=period(last_day)).collect();
    let mut growth = Vec::new();
    for &p in &periods {
        let now = active_set(p);
        let before = active_set(p - 1);
        let is_new = |u: &u32| first_of.get(u).is_some_and(|d| period(*d) == p);
        growth.push((
            now.len() as u64,
            now.iter().filter(|u| is_new(u)).count() as u64,
            now.intersection(&before).count() as u64,
            now.iter()
                .filter(|u| !before.contains(u) && !is_new(u))
                .count() as u64,
            before.difference(&now).count() as u64,
        ));
    }
    let mut cohorts = BTreeMap::new();
    let mut sizes = BTreeMap::new();
    for (u, first) in &first_of {
        let c = period(*first);
        *sizes.entry(c).or_insert(0) += 1;
        for &p in &periods {
            if active_set(p).contains(u) {
                *cohorts.entry((c, p - c)).or_insert(0) += 1;
            }
        }
    }
    (daily, growth, cohorts, sizes)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn matches_the_naive_reference(
        events in prop::collection::vec((0u32..8, 0i64..60, 0u32..86_400), 1..80),
        // Users 8 and 9 only sign up; days before and after the events' too.
        signups in prop::option::of(prop::collection::vec((0u32..10, -10i64..70, 0u32..86_400), 0..14)),
        sunday in any::<bool>(),
        period_kind in 0u8..3,
    ) {
        let base = days_from_civil(2026, 9, 1);
        let start = if sunday { WeekStart::Sunday } else { WeekStart::Monday };
        let period = match period_kind { 0 => Period::Day, 1 => Period::Week, _ => Period::Month };
        let config = EventsConfig { week_start: start, period, ..EventsConfig::default() };
        // Events in random order, several per day, at any second of the day.
        let users: Vec<u32> = events.iter().map(|e| e.0).collect();
        let times: Vec<f64> = events.iter().map(|e| (base + e.1) as f64 * MS_PER_DAY + f64::from(e.2) * 1000.0).collect();
        let naive_events: Vec<(u32, i64)> = events.iter().map(|e| (e.0, base + e.1)).collect();
        let as_ms = |d: i64, s: u32| (base + d) as f64 * MS_PER_DAY + f64::from(s) * 1000.0;
        let signup_users: Vec<u32> = signups.iter().flatten().map(|s| s.0).collect();
        let signup_times: Vec<f64> = signups.iter().flatten().map(|s| as_ms(s.1, s.2)).collect();
        let naive_signups: Option<Vec<(u32, i64)>> = signups.as_ref().map(|s| s.iter().map(|s| (s.0, base + s.1)).collect());
        let r = match &signups {
            None => analyze_events(&users, &times, &config).unwrap(),
            Some(_) => {
                let given = Signups { user_ids: &signup_users, timestamps_ms: &signup_times };
                analyze_events_with_signups(&users, &times, &given, &config).unwrap()
            }
        };
        let period_fn = |d: i64| match period {
            Period::Day => d,
            // Naive week: step back day by day to the week's first day
            // (weekday index with Monday = 0; 1970-01-01 was a Thursday).
            Period::Week => {
                let first = if sunday { 6 } else { 0 };
                let mut x = d;
                while (x + 3).rem_euclid(7) != first {
                    x -= 1;
                }
                x.div_euclid(7)
            }
            Period::Month => {
                let (y, m, _) = market_validation::calendar::civil(d);
                y * 12 + i64::from(m)
            }
        };
        let (daily, growth, cohorts, sizes) = reference(&naive_events, naive_signups.as_deref(), &period_fn);
        let ours_daily: Vec<(u64, u64, u64, u64)> = r.daily.iter().map(|d| (d.active, d.new_users, d.weekly_active, d.monthly_active)).collect();
        prop_assert_eq!(ours_daily, daily);
        let ours_growth: Vec<(u64, u64, u64, u64, u64)> = r.growth.iter().map(|g| (g.active, g.new_users, g.retained, g.resurrected, g.churned)).collect();
        prop_assert_eq!(&ours_growth, &growth);
        // The identities hold exactly: active(t) = new + retained + resurrected,
        // active(t-1) = retained(t) + churned(t).
        for (a, n, re, rs, _) in &ours_growth {
            prop_assert_eq!(*a, n + re + rs);
        }
        for w in ours_growth.windows(2) {
            prop_assert_eq!(w[0].0, w[1].2 + w[1].4);
        }
        let mut ours_cohorts = BTreeMap::new();
        let first_period = period_fn(naive_events.iter().map(|e| e.1).min().unwrap_or(base));
        for (c, row) in r.cohorts.rows.iter().enumerate() {
            for cell in row.cells.iter().filter(|cell| cell.active > 0) {
                ours_cohorts.insert((first_period + c as i64, i64::from(cell.offset)), cell.active);
            }
        }
        prop_assert_eq!(ours_cohorts, cohorts);
        let ours_sizes: BTreeMap<i64, u64> = r.cohorts.rows.iter().enumerate()
            .filter(|(_, row)| row.size > 0)
            .map(|(c, row)| (first_period + c as i64, row.size))
            .collect();
        prop_assert_eq!(ours_sizes, sizes);
        prop_assert_eq!(r.new_users_defined_by.as_str(), if signups.is_some() { "signup" } else { "first_event" });
    }
}

/// Noon UTC of a November 2026 day, and a time of day on it.
fn nov(d: u32) -> f64 {
    noon(2026, 11, d)
}

#[test]
fn signup_times_define_new_users_cohorts_and_growth_by_hand() {
    // Monday weeks: A = Nov 2-8, B = Nov 9-15, C = Nov 16-22 (holds the as-of day, Nov 18).
    let events = [
        (1, nov(3)),
        (1, nov(10)),
        (2, nov(17)), // signed up in A, first active in C
        (4, nov(2)),  // signed up before the data
        (5, nov(4)),  // no signup time: starts at its first event
        (5, nov(16)),
        (6, nov(10)), // active before its signup on Nov 12
        (8, nov(18)),
    ];
    let signups = [
        (1, nov(2)),
        (2, nov(2)),
        (3, nov(9)), // never active
        (4, noon(2026, 10, 1)),
        (6, nov(12)),
        (7, noon(2026, 12, 1)), // after the as-of day
        (8, nov(17)),
        (8, nov(16)), // two different times: the earliest counts
    ];
    let users: Vec<u32> = events.iter().map(|e| e.0).collect();
    let times: Vec<f64> = events.iter().map(|e| e.1).collect();
    let (signup_users, signup_times): (Vec<u32>, Vec<f64>) = signups.iter().copied().unzip();
    let given = Signups {
        user_ids: &signup_users,
        timestamps_ms: &signup_times,
    };
    let r = analyze_events_with_signups(&users, &times, &given, &week_config(WeekStart::Monday))
        .unwrap();
    assert_eq!(r.new_users_defined_by, "signup");
    assert_eq!(
        (r.first_date.as_str(), r.as_of.as_str()),
        ("2026-11-02", "2026-11-18")
    );
    // New users by day: u1 and u2 on Nov 2, u5 on Nov 4, u3 on Nov 9, u6 on Nov 10, u8 on Nov 16.
    let new: Vec<u64> = r.daily.iter().map(|d| d.new_users).collect();
    assert_eq!(new, vec![2, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0]);
    assert_eq!(r.users, 6, "users with events");
    // Active: A = {1, 4, 5}, B = {1, 6}, C = {2, 5, 8}.
    let growth: Vec<(u64, u64, u64, u64, u64)> = r
        .growth
        .iter()
        .map(|g| (g.active, g.new_users, g.retained, g.resurrected, g.churned))
        .collect();
    assert_eq!(
        growth,
        vec![
            (3, 2, 0, 1, 0), // u4 signed up before the data: resurrected, not new
            (2, 1, 1, 0, 2), // u6 new, u1 retained; u4, u5 churned
            (3, 1, 0, 2, 2), // u8 new; u2 (first activity after its signup week) and u5 resurrected
        ]
    );
    let rows: Vec<(u64, Vec<u64>)> = r
        .cohorts
        .rows
        .iter()
        .map(|row| (row.size, row.cells.iter().map(|c| c.active).collect()))
        .collect();
    assert_eq!(
        rows,
        vec![(3, vec![2, 1, 2]), (2, vec![1, 0]), (1, vec![1])],
        "A = {{1, 2, 5}}, B = {{3, 6}}, C = {{8}}"
    );
    let summary = r.signups.unwrap();
    assert_eq!(
        (
            summary.users,
            summary.conflicting,
            summary.without_events,
            summary.before_data,
            summary.after_as_of,
            summary.active_before_signup,
            summary.without_signup
        ),
        (7, 1, 1, 1, 1, 1, 1)
    );
    // Without signup times the same events give first-event semantics.
    let plain = analyze_events(&users, &times, &week_config(WeekStart::Monday)).unwrap();
    assert_eq!(plain.new_users_defined_by, "first_event");
    assert!(plain.signups.is_none());
    assert_eq!(plain.growth[2].new_users, 2, "u2 and u8 first seen in C");
}

#[test]
fn signup_times_start_24h_windows() {
    let h = 3_600_000.0;
    let day = |d: u32| days_from_civil(2026, 11, d) as f64 * MS_PER_DAY;
    // u1 signs up at 23:00 on Nov 2 and is active 11 h and 37 h later; u3
    // (no signup) is active at 08:00 on Nov 2; u2 signs up at noon on Nov 3
    // and never comes. As of Nov 4.
    let users = [1, 1, 3];
    let times = [day(3) + 10.0 * h, day(4) + 12.0 * h, day(2) + 8.0 * h];
    let signups = Signups {
        user_ids: &[1, 2],
        timestamps_ms: &[day(2) + 23.0 * h, day(3) + 12.0 * h],
    };
    let config = EventsConfig {
        period: Period::Day,
        window: market_validation::events::Window::Elapsed,
        ..EventsConfig::default()
    };
    let r = analyze_events_with_signups(&users, &times, &signups, &config).unwrap();
    let cells = |row: usize| -> Vec<(u64, u64)> {
        r.cohorts.rows[row]
            .cells
            .iter()
            .map(|c| (c.active, c.eligible))
            .collect()
    };
    // Nov 2 cohort {u1, u3}: both in window 0, u1 in window 1; u1's window 2
    // (from 23:00 Nov 4) is not over.
    assert_eq!(cells(0), vec![(2, 2), (1, 2)]);
    // Nov 3 cohort {u2}: eligible for window 0 only, never active.
    assert_eq!(cells(1), vec![(0, 1)]);
    // Calendar days instead: u1 is not active on its signup day.
    let calendar = EventsConfig {
        period: Period::Day,
        ..EventsConfig::default()
    };
    let r = analyze_events_with_signups(&users, &times, &signups, &calendar).unwrap();
    let actives: Vec<u64> = r.cohorts.rows[0].cells.iter().map(|c| c.active).collect();
    assert_eq!(actives, vec![1, 1, 1], "Nov 2: u3; Nov 3: u1; Nov 4: u1");
}

#[test]
fn bad_signups_are_reported_with_the_events_problems() {
    let bad = Signups {
        user_ids: &[1, 2],
        timestamps_ms: &[1.0],
    };
    let err = analyze_events_with_signups(&[1, 2], &[nov(2)], &bad, &EventsConfig::default())
        .unwrap_err();
    let paths: Vec<&str> = err.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, vec!["timestamps", "signups.timestamps"]);
    let seconds = Signups {
        user_ids: &[1, 2],
        timestamps_ms: &[1.762e9, f64::NAN],
    };
    let err =
        analyze_events_with_signups(&[1], &[f64::INFINITY], &seconds, &EventsConfig::default())
            .unwrap_err();
    let paths: Vec<&str> = err.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, vec!["timestamps[0]", "signups.timestamps[1]"]);
    let only_seconds = Signups {
        user_ids: &[1],
        timestamps_ms: &[1.762e9],
    };
    let err = analyze_events_with_signups(&[1], &[nov(2)], &only_seconds, &EventsConfig::default())
        .unwrap_err();
    assert!(err.to_string().contains("these look like seconds"), "{err}");
}

#[test]
fn calendar_and_24h_windows_differ_across_midnight() {
    use market_validation::events::Window;
    // First event at 23:45 on Nov 2, then 00:01 on Nov 3 (UTC).
    let t0 = days_from_civil(2026, 11, 2) as f64 * MS_PER_DAY + (23.0 * 60.0 + 45.0) * 60_000.0;
    let t1 = t0 + 16.0 * 60_000.0;
    let day = |window| EventsConfig {
        period: Period::Day,
        window,
        as_of: Some(days_from_civil(2026, 11, 5)),
        ..EventsConfig::default()
    };
    let calendar = analyze_events(&[1, 1], &[t0, t1], &day(Window::Calendar)).unwrap();
    // Calendar: the second event is on day 1.
    assert_eq!(calendar.cohorts.rows[0].cells[1].active, 1);
    assert_eq!(calendar.cohorts.window, "calendar");
    let elapsed = analyze_events(&[1, 1], &[t0, t1], &day(Window::Elapsed)).unwrap();
    // 24 h: both events are within the first 24 hours: day 0 only.
    let cells = &elapsed.cohorts.rows[0].cells;
    assert_eq!(cells[0].active, 1);
    assert_eq!(cells[1].active, 0);
    assert_eq!(elapsed.cohorts.window, "24h");
}

#[test]
fn immature_users_are_not_counted_as_lost_in_24h_windows() {
    use market_validation::events::Window;
    // Two users in the same weekly cohort: one joined on Monday Nov 2 at noon,
    // one on Saturday Nov 7 at noon. As of Saturday Nov 14 (ending at midnight),
    // both first 7 x 24 h windows are over (Nov 9 noon, Nov 14 noon); user 1's
    // second window runs to Nov 16 noon, so it is not over for anyone.
    let monday = days_from_civil(2026, 11, 2);
    let noon = |d: i64| d as f64 * MS_PER_DAY + 43_200_000.0;
    let config = EventsConfig {
        window: Window::Elapsed,
        as_of: Some(monday + 12),
        ..EventsConfig::default()
    };
    let r = analyze_events(
        &[1, 2, 1],
        &[noon(monday), noon(monday + 5), noon(monday + 8)],
        &config,
    )
    .unwrap();
    let row = &r.cohorts.rows[0];
    assert_eq!(row.size, 2);
    assert_eq!((row.cells[0].eligible, row.cells[0].active), (2, 2));
    assert_eq!(row.cells.len(), 1, "a window not yet over is absent, not 0");
    // One day earlier, user 2's first window is not over either: only user 1 counts.
    let earlier = EventsConfig {
        as_of: Some(monday + 11),
        ..config
    };
    let r = analyze_events(
        &[1, 2, 1],
        &[noon(monday), noon(monday + 5), noon(monday + 8)],
        &earlier,
    )
    .unwrap();
    let first = &r.cohorts.rows[0].cells[0];
    assert_eq!(
        (first.eligible, first.active, first.provisional),
        (1, 1, true)
    );
}

#[test]
fn flattening_is_told_from_decline() {
    use market_validation::events::Window;
    // Weekly cohorts of 100 users over 12 weeks: a curve that keeps 30% for good,
    // and one that decays toward zero.
    let monday = days_from_civil(2026, 6, 1);
    let build = |keep: &dyn Fn(u32, u32) -> bool| {
        let mut users = Vec::new();
        let mut times = Vec::new();
        for cohort in 0..4u32 {
            for i in 0..100u32 {
                let user = cohort * 1000 + i;
                for week in 0..12u32 {
                    if cohort + week < 12 && (week == 0 || keep(i, week)) {
                        users.push(user);
                        times.push(
                            (monday + i64::from((cohort + week) * 7)) as f64 * MS_PER_DAY
                                + 3_600_000.0,
                        );
                    }
                }
            }
        }
        let config = EventsConfig {
            window: Window::Calendar,
            as_of: Some(monday + 12 * 7 - 1),
            ..EventsConfig::default()
        };
        analyze_events(&users, &times, &config).unwrap()
    };
    let flat = build(&|i, week| i < if week == 1 { 50 } else { 30 });
    assert_eq!(
        flat.cohorts.flattening.verdict, "flattening",
        "{}",
        flat.cohorts.flattening.reading
    );
    let plateau = flat.cohorts.flattening.plateau.unwrap();
    assert!((plateau - 0.30).abs() < 1e-9, "{plateau}");
    let decaying = build(&|i, week| i < 60 / week);
    assert_eq!(
        decaying.cohorts.flattening.verdict, "declining",
        "{}",
        decaying.cohorts.flattening.reading
    );
}

#[test]
fn outputs_feed_the_analyzer() {
    let monday = days_from_civil(2026, 5, 4);
    let mut users = Vec::new();
    let mut times = Vec::new();
    for user in 0..300u32 {
        for day in 0..200i64 {
            if (i64::from(user) + day) % (1 + i64::from(user % 7)) == 0
                && day >= i64::from(user % 30)
            {
                users.push(user);
                times.push((monday + day) as f64 * MS_PER_DAY + 1.0);
            }
        }
    }
    let r = analyze_events(&users, &times, &EventsConfig::default()).unwrap();
    let product = serde_json::json!({ "usageMetrics": serde_json::to_value(&r.usage_metrics).unwrap(), "adoptionData": serde_json::to_value(&r.adoption_data).unwrap() });
    let result = market_validation::analyze(
        &market_validation::RawValue::from_json(&product),
        &market_validation::RawValue::Null,
    )
    .expect("analyzable");
    let usage = &result.dimensions.usage;
    assert!(usage.metrics.iter().any(|m| m.id == "retentionRate"));
    assert!(usage.metrics.iter().any(|m| m.id == "dauMauRatio"));
    assert_eq!(
        r.usage_metrics.retention_horizon_months, None,
        "26 weeks of data give the six-month horizon"
    );
    assert!(result.warnings.is_empty(), "{:?}", result.warnings);
}

mod csv_input {
    use market_validation::events::{analyze_events_csv, EventsConfig};
    use market_validation::RawValue;

    fn config(json: &str) -> EventsConfig {
        EventsConfig::from_raw(&RawValue::from_json_str(json).unwrap()).unwrap()
    }

    #[test]
    fn reads_iso_and_reports_rows_by_line() {
        let text = "event,user_id,timestamp\r\nopen,ana,2026-11-02T09:00:00Z\r\nopen,bo,2026-11-02 23:30:00+01:00\r\n\r\nopen,,2026-11-03T09:00:00Z\r\nopen,ana,yesterday\r\nopen,ana\r\nopen,ana,2026-11-03T10:00:00.250Z\r\n";
        let r = analyze_events_csv(text.as_bytes(), &EventsConfig::default()).unwrap();
        assert_eq!(
            (
                r.read.user_column.header.as_str(),
                r.read.time_column.header.as_str()
            ),
            ("user_id", "timestamp")
        );
        assert_eq!(r.read.time_format, "iso-8601");
        assert_eq!(r.analysis.events, 3);
        assert_eq!(r.analysis.users, 2);
        // bo's 23:30+01:00 is 22:30 UTC on Nov 2.
        assert_eq!(r.analysis.daily[0].active, 2);
        let lines: Vec<(Option<u64>, &str)> = r
            .read
            .skipped
            .first
            .iter()
            .map(|i| (i.line, i.reason.as_str()))
            .collect();
        assert_eq!(
            lines,
            vec![
                (Some(4), "blank row"),
                (Some(5), "no user id"),
                (Some(6), market_validation::events::timestamp::UNREADABLE),
                (Some(7), "ragged row: 2 fields where the header has 3"),
            ]
        );
    }

    #[test]
    fn a_signup_column_defines_new_users() {
        let text = "user,time,signed_up\nana,2026-11-03T10:00:00Z,2026-11-02T09:00:00Z\nana,2026-11-05T10:00:00Z,2026-11-02T09:00:00Z\nbo,2026-11-02T10:00:00Z,\ncy,2026-11-04T10:00:00Z,soon\n";
        let r = analyze_events_csv(
            text.as_bytes(),
            &config(r#"{"columns": {"signup": "signed_up"}}"#),
        )
        .unwrap();
        assert_eq!(r.read.signup_column.as_ref().map(|c| c.index), Some(2));
        assert_eq!(r.analysis.new_users_defined_by, "signup");
        // ana signed up on Nov 2 (new then, not at her first event on Nov 3); bo has no signup time.
        let new: Vec<u64> = r.analysis.daily.iter().map(|d| d.new_users).collect();
        assert_eq!(new, vec![2, 0, 0, 0]);
        let summary = r.analysis.signups.as_ref().unwrap();
        assert_eq!((summary.users, summary.without_signup), (1, 1));
        // cy's unreadable signup time skips the row, reported by line.
        assert_eq!(r.read.skipped.first.len(), 1);
        assert_eq!(r.read.skipped.first[0].line, Some(5));
        assert!(r.read.skipped.first[0].reason.contains("signup time"));
        // Never detected: without the option the column is ignored.
        let plain = analyze_events_csv(text.as_bytes(), &EventsConfig::default()).unwrap();
        assert_eq!(plain.analysis.new_users_defined_by, "first_event");
        assert_eq!(plain.analysis.events, 4);
        let err = analyze_events_csv(
            text.as_bytes(),
            &config(r#"{"columns": {"signup": "signed_upp"}}"#),
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("did you mean \"signed_up\"?"),
            "{err}"
        );
    }

    #[test]
    fn epoch_seconds_are_detected_and_columns_can_be_named() {
        let auto = "user;when\n1;1762000000\n2;1762086400\n1;1762172800\n";
        let r = analyze_events_csv(auto.as_bytes(), &EventsConfig::default()).unwrap();
        assert_eq!(r.read.time_format, "epoch-seconds");
        assert_eq!(r.analysis.first_date, "2025-11-01");
        let text = "who;when\n1;1762000000\n2;1762086400\n1;1762172800\n";
        assert!(
            analyze_events_csv(text.as_bytes(), &EventsConfig::default()).is_err(),
            "\"who\" is not a known user header"
        );
        let named = analyze_events_csv(
            text.as_bytes(),
            &config(r#"{"columns": {"user": "WHO", "time": "when"}}"#),
        )
        .unwrap();
        assert_eq!(named.read.user_column.detected_by, "option");
        let err = analyze_events_csv(text.as_bytes(), &config(r#"{"columns": {"user": "whom"}}"#))
            .unwrap_err();
        assert!(err.to_string().contains("did you mean \"who\"?"), "{err}");
        let err = analyze_events_csv(b"a,b\n1,2\n", &EventsConfig::default()).unwrap_err();
        assert!(err.to_string().contains("a user id column"), "{err}");
        let err =
            analyze_events_csv(b"user,time\nana,soon\n", &EventsConfig::default()).unwrap_err();
        assert!(err.to_string().contains("no readable event (1 ×"), "{err}");
    }
}
