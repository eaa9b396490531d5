//! The statements' result tables back into the events analysis: the
//! options come from the `summary` row (options given that disagree with it
//! are refused), the tables fill the same counts the events analysis fills
//! from raw events, and the same code turns them into the result.

use super::tables_in::Table;
use super::usage_in::UsageTables;
use crate::calendar::iso_date;
use crate::events::{
    build_report, period_of, set_sessions, ElapsedCohorts, EventsAnalysis, EventsConfig,
    IgnoredEvents, SessionFigures, Tables, Window, MAX_COHORT_CELLS,
};
use crate::input::problem::{InputError, Problem};
use crate::input::raw::RawValue;

/// Largest count read (users, events): more than any warehouse holds.
const MAX_COUNT: i64 = 1_000_000_000_000_000;
/// Days since 1970 up to 2099.
const DAYS: (i64, i64) = (-1, 47_482);

/// What the `summary` row says.
struct Summary {
    config: EventsConfig,
    event_names: bool,
    /// With a session column: events without an id, ids shared by users.
    session_ids: Option<(u64, u64)>,
    first_day: i64,
    as_of: i64,
    events: u64,
    after: u64,
    users: u64,
}

/// Reads the result tables (see [`super::analyze_event_aggregates`]).
pub(crate) fn analyze(tables: &RawValue, options: &RawValue) -> Result<EventsAnalysis, InputError> {
    let fail = |problems| Err(InputError::new("event aggregates", problems));
    let mut problems = Vec::new();
    if !matches!(tables, RawValue::Object(_)) {
        problems.push(Problem::new(
            "tables",
            tables.describe(),
            "an object of the statements' results: { summary, daily, active_days, growth, cohorts, cohort_last }",
        ));
        return fail(problems);
    }
    let read =
        |name, required, problems: &mut Vec<Problem>| Table::read(tables, name, required, problems);
    let summary = read("summary", true, &mut problems);
    let daily = read("daily", true, &mut problems);
    let active_days = read("active_days", true, &mut problems);
    let growth = read("growth", true, &mut problems);
    let cohorts = read("cohorts", true, &mut problems);
    let cohort_last = read("cohort_last", true, &mut problems);
    let ignored = read("ignored_events", false, &mut problems);
    let sessions = read("sessions", false, &mut problems);
    let usage = ["features", "feature_days", "feature_retention"]
        .map(|name| read(name, false, &mut problems));
    let summary = summary.and_then(|s| read_summary(&s, options, &mut problems));
    let (Some(s), Some(daily), Some(active_days), Some(growth), Some(cohorts), Some(cohort_last)) =
        (summary, daily, active_days, growth, cohorts, cohort_last)
    else {
        return fail(problems);
    };
    if !problems.is_empty() {
        return fail(problems);
    }
    let mut t = Tables::new(s.first_day, s.as_of, &s.config);
    t.users = s.users;
    fill_daily(&mut t, &daily, &mut problems);
    fill_active_days(&mut t, &active_days, &mut problems);
    fill_growth(&mut t, &growth, &mut problems);
    fill_cohorts(&mut t, &cohorts, &cohort_last, &mut problems);
    let ignored_events = s
        .event_names
        .then(|| read_ignored(ignored.as_ref(), &s.config, &mut problems));
    // Sessions are counted with event names or session ids, as analyzeEvents counts them.
    let session_figures = match (s.event_names || s.session_ids.is_some(), &sessions) {
        (false, _) => None,
        (true, Some(table)) => read_sessions(table, &s, &mut problems),
        (true, None) => {
            problems.push(Problem::new(
                "tables.sessions",
                "nothing",
                "the result of the statement named \"sessions\" (the statements were written with an event or a session column)",
            ));
            None
        }
    };
    let unlisted: u64 = [&daily, &active_days, &growth, &cohorts, &cohort_last]
        .into_iter()
        .chain(&ignored)
        .chain(&sessions)
        .chain(usage.iter().flatten())
        .map(|t| t.unlisted.get())
        .sum();
    if unlisted > 0 {
        problems.push(Problem::new(
            "tables",
            format!("{unlisted} more cells like those above"),
            "every cell as the statements write it",
        ));
    }
    // Features and activation are counted with event names.
    let usage = match (s.event_names, usage) {
        (true, [Some(features), Some(days), Some(retention)]) => Some((features, days, retention)),
        (true, tables) => {
            for (name, table) in ["features", "feature_days", "feature_retention"]
                .iter()
                .zip(&tables)
            {
                if table.is_none() {
                    problems.push(Problem::new(
                        format!("tables.{name}"),
                        "nothing",
                        format!("the result of the statement named \"{name}\" (the statements were written with an event column)"),
                    ));
                }
            }
            None
        }
        (false, _) => None,
    };
    if !problems.is_empty() {
        return fail(problems);
    }
    let mut analysis = build_report(t, s.events, s.after);
    analysis.ignored_events = ignored_events;
    if let Some((features, days, retention)) = &usage {
        let tables = UsageTables {
            features,
            days,
            retention,
        };
        super::usage_in::add(&mut analysis, tables, &s.config, &mut problems);
        if !problems.is_empty() {
            return fail(problems);
        }
    }
    if let Some(figures) = session_figures {
        let active_user_days = analysis.daily.iter().map(|d| d.active).sum();
        let report = figures.report(active_user_days, &mut analysis.warnings);
        set_sessions(&mut analysis, report);
    }
    Ok(analysis)
}

/// The `summary` row: the options the statements were written with (the
/// options given must agree), the days and the counts.
fn read_summary(table: &Table, options: &RawValue, problems: &mut Vec<Problem>) -> Option<Summary> {
    if table.rows.len() != 1 {
        problems.push(Problem::new(
            "tables.summary",
            format!("{} rows", table.rows.len()),
            "exactly one row",
        ));
        return None;
    }
    let before = problems.len();
    let format = table.int(0, "format", (0, 1_000), problems);
    if format.is_some_and(|f| f != super::FORMAT_VERSION) {
        problems.push(Problem::new(
            "tables.summary[0].format",
            format!("{}", format.unwrap_or(0)),
            format!(
                "{}: the statements of this version of the library (write them again with eventsSql)",
                super::FORMAT_VERSION
            ),
        ));
    }
    // The options the statements were written with, as analyzeEvents' reader reads them.
    let text = |column: &str| table.text(0, column);
    let mut written: Vec<(String, RawValue)> = vec![
        (
            "cohortPeriod".into(),
            RawValue::String(text("cohort_period").unwrap_or_default()),
        ),
        (
            "weekStart".into(),
            RawValue::String(text("week_start").unwrap_or_default()),
        ),
        (
            "window".into(),
            RawValue::String(text("window_kind").unwrap_or_default()),
        ),
    ];
    if let Some(offset) = table.int(0, "utc_offset_minutes", (-840, 840), problems) {
        written.push(("utcOffsetMinutes".into(), RawValue::Number(offset as f64)));
    }
    if let Some(gap) = table.int(0, "session_gap_minutes", (1, 1_440), problems) {
        written.push(("sessionGapMinutes".into(), RawValue::Number(gap as f64)));
    }
    if let Some(day) = text("as_of_option") {
        written.push(("asOf".into(), RawValue::String(day)));
    }
    let ignore: Vec<RawValue> = text("ignore_events")
        .map(|s| {
            s.split('\n')
                .map(|n| RawValue::String(n.to_string()))
                .collect()
        })
        .unwrap_or_default();
    written.push(("ignoreEvents".into(), RawValue::Array(ignore)));
    if let Some(features) = text("features") {
        written.push(("features".into(), features_value(&features)));
    }
    if let Some(event) = text("activation_event") {
        written.push(("activationEvent".into(), RawValue::String(event)));
    }
    if let Some(days) = table.int(0, "activation_window_days", (1, 365), problems) {
        written.push(("activationWindowDays".into(), RawValue::Number(days as f64)));
    }
    let mut config = match EventsConfig::from_raw(&RawValue::Object(written.clone())) {
        Ok(c) => c,
        Err(e) => {
            problems.extend(e.problems.into_iter().map(|mut p| {
                p.path = format!("tables.summary[0] ({})", p.path);
                p
            }));
            return None;
        }
    };
    let given = given_options(options, problems)?;
    for (key, value) in &written {
        let asked = given.get(key);
        if !matches!(asked, RawValue::Undefined | RawValue::Null) && !same(asked, value) {
            problems.push(
                Problem::new(
                    format!("options.{key}"),
                    asked.describe(),
                    format!(
                        "{} (the statements were written with it: tables.summary)",
                        value.describe()
                    ),
                )
                .with_hint(Some(
                    "write the statements again with these options, or leave the option out".into(),
                )),
            );
        }
    }
    // Applied to the tables (and the retention models): read here. The activation may be named only
    // now: the statements count the window for every event and feature.
    let own_keys = [
        "powerUserDays",
        "retention",
        "activationEvent",
        "modelMinUsers",
    ];
    if let Ok(own) = EventsConfig::from_raw(&keep(&given, &own_keys)) {
        config.power_user_days = own.power_user_days;
        config.unbounded_retention = own.unbounded_retention;
        config.model_min_users = own.model_min_users;
        if config.activation_event.is_none() {
            config.activation_event = own.activation_event;
        }
    }
    // What the statements did not count cannot be read from their results.
    let features_given = !matches!(given.get("features"), RawValue::Undefined | RawValue::Null);
    if features_given && !written.iter().any(|(k, _)| k == "features") {
        problems.push(
            Problem::new(
                "options.features",
                given.get("features").describe(),
                "no features: the statements were written without them (tables.summary)",
            )
            .with_hint(Some(
                "write the statements again with eventsSql and these features".into(),
            )),
        );
    }
    for (name, why) in super::options::NOT_IN_SQL {
        let value = given.get(name);
        if !matches!(value, RawValue::Undefined | RawValue::Null) {
            problems.push(Problem::new(
                format!("options.{name}"),
                value.describe(),
                format!("no {name}: {why}"),
            ));
        }
    }
    let event_names = table.int(0, "event_names", (0, 1), problems) == Some(1);
    let session_ids = (table.int(0, "session_ids", (0, 1), problems) == Some(1))
        .then(|| {
            let without = table.int(0, "events_without_session", (0, MAX_COUNT), problems);
            let shared = table.int(0, "shared_session_ids", (0, MAX_COUNT), problems);
            Some((without? as u64, shared? as u64))
        })
        .flatten();
    if !event_names {
        config.ignore_events.clear();
    }
    let first_day = table.int(0, "first_day", DAYS, problems);
    let as_of = table.int(0, "as_of_day", DAYS, problems);
    let events = table.int(0, "events", (1, MAX_COUNT), problems);
    let after = table.int(0, "events_after_as_of", (0, MAX_COUNT), problems);
    let users = table.int(0, "users", (0, MAX_COUNT), problems);
    if problems.len() > before {
        return None;
    }
    let (first_day, as_of) = (first_day?, as_of?);
    if as_of < first_day {
        problems.push(Problem::new(
            "tables.summary[0].as_of_day",
            iso_date(as_of),
            format!(
                "a day on or after the first event's, {}",
                iso_date(first_day)
            ),
        ));
        return None;
    }
    let periods = (period_of(as_of, &config) - period_of(first_day, &config) + 1) as u64;
    if periods * (periods + 1) / 2 > MAX_COHORT_CELLS {
        problems.push(Problem::new(
            "tables.summary[0]",
            format!("{periods} {}s", config.period.as_str()),
            format!("at most {MAX_COHORT_CELLS} cohort cells: a coarser cohortPeriod, or a later first day"),
        ));
        return None;
    }
    Some(Summary {
        config,
        event_names,
        session_ids,
        first_day,
        as_of,
        events: events? as u64,
        after: after? as u64,
        users: users? as u64,
    })
}

/// `options.features` from the summary row's text: a line per feature, its
/// name then its events, separated by tabs.
fn features_value(text: &str) -> RawValue {
    RawValue::Object(
        text.split('\n')
            .filter(|line| !line.is_empty())
            .map(|line| {
                let mut parts = line.split('\t');
                let name = parts.next().unwrap_or_default().to_string();
                let events = parts.map(|e| RawValue::String(e.to_string())).collect();
                (name, RawValue::Array(events))
            })
            .collect(),
    )
}

/// The options given to the reader (nothing: none), checked by
/// analyzeEvents' reader; `table` and `columns` are eventsSql's.
fn given_options(options: &RawValue, problems: &mut Vec<Problem>) -> Option<RawValue> {
    let entries = match options {
        RawValue::Undefined | RawValue::Null => return Some(RawValue::Object(Vec::new())),
        RawValue::Object(entries) => entries,
        other => {
            problems.push(Problem::new(
                "options",
                other.describe(),
                "an object of options, or nothing",
            ));
            return None;
        }
    };
    let rest: Vec<(String, RawValue)> = entries
        .iter()
        .filter(|(k, _)| k != "table" && k != "columns" && k != "timeUnit")
        .cloned()
        .collect();
    let raw = RawValue::Object(rest);
    match EventsConfig::from_raw(&raw) {
        Ok(_) => Some(raw),
        Err(e) => {
            problems.extend(e.problems);
            None
        }
    }
}

fn keep(raw: &RawValue, keys: &[&str]) -> RawValue {
    match raw {
        RawValue::Object(entries) => RawValue::Object(
            entries
                .iter()
                .filter(|(k, _)| keys.contains(&k.as_str()))
                .cloned()
                .collect(),
        ),
        _ => RawValue::Undefined,
    }
}

/// Two option values the same (case-insensitive text, numbers, lists).
fn same(a: &RawValue, b: &RawValue) -> bool {
    match (a, b) {
        (RawValue::String(x), RawValue::String(y)) => x.trim().eq_ignore_ascii_case(y.trim()),
        (RawValue::Number(x), RawValue::Number(y)) => x == y,
        (RawValue::Array(x), RawValue::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        // A feature's events may be one name or a list.
        (RawValue::String(_), RawValue::Array(y)) => y.len() == 1 && same(a, &y[0]),
        // Features: the same names with the same events, in any order.
        (RawValue::Object(x), RawValue::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.iter().any(|(l, w)| k == l && same(v, w)))
        }
        _ => false,
    }
}

fn fill_daily(t: &mut Tables, table: &Table, problems: &mut Vec<Problem>) {
    let days = t.dau.len();
    let (mut wau, mut mau) = (vec![None; days], vec![None; days]);
    let count = (0, MAX_COUNT);
    for i in 0..table.rows.len() {
        let day = table.int(i, "day", (t.first_day, t.as_of), problems);
        let values = [
            table.int(i, "active", count, problems),
            table.int(i, "new_users", count, problems),
            table.int(i, "weekly_active", count, problems),
            table.int(i, "monthly_active", count, problems),
        ];
        if let (Some(day), [Some(a), Some(n), Some(w), Some(m)]) = (day, values) {
            let d = (day - t.first_day) as usize;
            t.dau[d] = a as u64;
            t.new_users[d] = n as u64;
            wau[d] = Some(w);
            mau[d] = Some(m);
        }
    }
    // A day without a row changed nothing: its trailing counts are the day before's.
    for (values, diff) in [(wau, &mut t.wau_diff), (mau, &mut t.mau_diff)] {
        let mut previous = 0;
        for (d, value) in values.into_iter().enumerate() {
            let now = value.unwrap_or(previous);
            diff[d] = now - previous;
            previous = now;
        }
    }
}

fn fill_active_days(t: &mut Tables, table: &Table, problems: &mut Vec<Problem>) {
    for i in 0..table.rows.len() {
        let days = table.int(i, "days", (1, 28), problems);
        let users = table.int(i, "users", (0, MAX_COUNT), problems);
        if let (Some(d), Some(u)) = (days, users) {
            t.l28[(d - 1) as usize] += u as u64;
        }
    }
}

fn fill_growth(t: &mut Tables, table: &Table, problems: &mut Vec<Problem>) {
    let range = (t.first_period, t.last_period);
    for i in 0..table.rows.len() {
        let period = table.int(i, "period", range, problems);
        let counts = ["new_users", "retained", "resurrected", "churned"]
            .map(|c| table.int(i, c, (0, MAX_COUNT), problems));
        if let (Some(p), [Some(n), Some(r), Some(s), Some(c)]) = (period, counts) {
            let p = (p - t.first_period) as usize;
            t.growth_new[p] += n as u64;
            t.growth_retained[p] += r as u64;
            t.growth_resurrected[p] += s as u64;
            t.growth_churned[p] += c as u64;
        }
    }
}

/// The cohort sizes and cells: users active per cell (retention "on"), or
/// from the users' last active periods (retention "on or after"); for 24 h
/// windows, the users whose window is over, from their windows over.
fn fill_cohorts(t: &mut Tables, cohorts: &Table, last: &Table, problems: &mut Vec<Problem>) {
    let periods = t.cohort_size.len();
    let elapsed = t.config.window == Window::Elapsed;
    // Rows of the triangle: calendar periods after the cohort's; 24 h
    // windows up to one past the last period.
    let width = |c: usize| if elapsed { periods + 1 } else { periods - c };
    let cohort_range = (t.first_period, t.last_period);
    let mut active: Vec<Vec<u64>> = (0..periods).map(|c| vec![0; width(c)]).collect();
    let mut eligible: Vec<Vec<u64>> = (0..periods).map(|c| vec![0; width(c)]).collect();
    let unbounded = t.config.unbounded_retention;
    for i in 0..last.rows.len() {
        let cohort = last.int(i, "cohort", cohort_range, problems);
        let Some(c) = cohort.map(|c| (c - t.first_period) as usize) else {
            continue;
        };
        let offset = last.int(i, "last_offset", (0, width(c) as i64 - 1), problems);
        let users = last.int(i, "users", (0, MAX_COUNT), problems);
        let mature = if elapsed {
            last.int(i, "mature", (0, width(c) as i64), problems)
        } else {
            Some(width(c) as i64)
        };
        let (Some(k), Some(n), Some(m)) = (offset, users, mature) else {
            continue;
        };
        let (k, n, m) = (k as usize, n as u64, m as usize);
        t.cohort_size[c] += n;
        eligible[c][..m].iter_mut().for_each(|e| *e += n);
        if unbounded {
            active[c][..(k + 1).min(m)].iter_mut().for_each(|a| *a += n);
        }
    }
    if !unbounded {
        for i in 0..cohorts.rows.len() {
            let cohort = cohorts.int(i, "cohort", cohort_range, problems);
            let Some(c) = cohort.map(|c| (c - t.first_period) as usize) else {
                continue;
            };
            let offset = cohorts.int(i, "period_offset", (0, width(c) as i64 - 1), problems);
            let users = cohorts.int(i, "users", (0, MAX_COUNT), problems);
            if let (Some(k), Some(n)) = (offset, users) {
                active[c][k as usize] += n as u64;
            }
        }
    }
    if elapsed {
        t.elapsed = Some(ElapsedCohorts { active, eligible });
    } else {
        t.cohort_active = active;
    }
}

/// The ignored events, per name (none given: none left out).
fn read_ignored(
    table: Option<&Table>,
    config: &EventsConfig,
    problems: &mut Vec<Problem>,
) -> IgnoredEvents {
    let mut by_name = std::collections::BTreeMap::new();
    if let Some(table) = table {
        for i in 0..table.rows.len() {
            let name = table.text(i, "event_name").unwrap_or_default();
            if let Some(n) = table.int(i, "events", (0, MAX_COUNT), problems) {
                if n > 0 {
                    *by_name.entry(name).or_insert(0) += n as u64;
                }
            }
        }
    }
    IgnoredEvents {
        count: by_name.values().sum(),
        by_name,
        names: config.ignore_events.clone(),
    }
}

/// The sessions from their histogram of whole minutes: the count, the
/// exact total (the mean) and those longer than a day as they are; the
/// median to the whole minute (the median of the lengths floored to minutes).
fn read_sessions(
    table: &Table,
    s: &Summary,
    problems: &mut Vec<Problem>,
) -> Option<SessionFigures> {
    let before = problems.len();
    let mut buckets: Vec<(i64, u64)> = Vec::with_capacity(table.rows.len());
    let (mut count, mut total_ms, mut longer) = (0u64, 0.0f64, 0u64);
    for i in 0..table.rows.len() {
        let minutes = table.int(i, "minutes", (0, 100_000_000), problems);
        let sessions = table.int(i, "sessions", (1, MAX_COUNT), problems);
        // Fractional ms when the time column is in microseconds or nanoseconds.
        let total = table.number(i, "total_ms", (0.0, 1e18), problems);
        let long = table.int(i, "longer_than_a_day", (0, MAX_COUNT), problems);
        if let (Some(m), Some(n), Some(ms), Some(l)) = (minutes, sessions, total, long) {
            buckets.push((m, n as u64));
            count += n as u64;
            total_ms += ms;
            longer += l as u64;
        }
    }
    if problems.len() > before {
        return None;
    }
    buckets.sort_unstable();
    let (without_session, shared_ids) = s.session_ids.unwrap_or((0, 0));
    Some(SessionFigures {
        by_column: s.session_ids.is_some(),
        gap_minutes: s.config.session_gap_minutes,
        count,
        total_ms,
        median_ms: histogram_median(&buckets, count).map(|m| m * 60_000.0),
        longer_than_a_day: longer,
        shared_ids,
        without_session,
    })
}

/// The median of values given as sorted (value, count) buckets: the middle
/// one, or the mean of the two middle ones for an even count.
fn histogram_median(buckets: &[(i64, u64)], count: u64) -> Option<f64> {
    if count == 0 {
        return None;
    }
    // The value at a 0-based rank.
    let at = |rank: u64| {
        let mut seen = 0;
        for &(value, n) in buckets {
            seen += n;
            if rank < seen {
                return value as f64;
            }
        }
        buckets.last().map_or(0.0, |b| b.0 as f64)
    };
    Some(if count % 2 == 1 {
        at(count / 2)
    } else {
        (at(count / 2 - 1) + at(count / 2)) / 2.0
    })
}
