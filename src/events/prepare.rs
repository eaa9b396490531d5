//! The first stage: the arrays are checked, then each event becomes a
//! packed (user, day) key, so the caller's arrays can be let go before the
//! keys are sorted.

use crate::calendar::{iso_date, local_day};
use crate::events::activity;
use crate::events::config::{period_of, period_start_day, EventsConfig, Window};
use crate::events::elapsed::{elapsed_cohorts, ElapsedCohorts};
use crate::events::signups::SignupTimes;
use crate::events::user_events::{earlier, later};
use crate::events::{Period, Signups, MAX_COHORT_CELLS, MAX_EVENTS, MAX_TIMESTAMP_MS};
use crate::format::format_number;
use crate::input::problem::{InputError, Problem};

/// Everything taken from the events before they can be let go.
pub(crate) struct Prepared {
    pub(crate) keys: Vec<u64>,
    pub(crate) layout: activity::KeyLayout,
    pub(crate) key_bits: u32,
    pub(crate) first_day: i64,
    pub(crate) as_of: i64,
    pub(crate) events: u64,
    pub(crate) after: u64,
    pub(crate) elapsed: Option<ElapsedCohorts>,
    pub(crate) signups: Option<SignupTimes>,
}

/// The analysed days of events [`validate`] has checked, and, when
/// `with_keys`, their (user, day) keys (the events analysis grouped by user
/// needs none).
pub(crate) fn prepare(
    user_ids: &[u32],
    timestamps_ms: &[f64],
    signups: Option<&Signups>,
    config: &EventsConfig,
    with_keys: bool,
) -> Result<Prepared, InputError> {
    let signups = signups.map(SignupTimes::new);
    let offset = config.utc_offset_minutes;
    // The day is monotonic in the time: the first and last days are those
    // of the earliest and latest times.
    let (mut earliest, mut latest) = (f64::INFINITY, f64::NEG_INFINITY);
    for &t in timestamps_ms {
        earliest = earlier(earliest, t);
        latest = later(latest, t);
    }
    let (first_day, last_day) = (local_day(earliest, offset), local_day(latest, offset));
    if let Some(asked) = config.as_of.filter(|&d| d < first_day) {
        return Err(as_of_before_events(asked, first_day, last_day));
    }
    let as_of = config.as_of.unwrap_or(last_day);
    let span = (as_of - first_day) as u64;
    let layout = activity::KeyLayout::for_span(span);
    let user_bits = 32 - user_ids.iter().copied().max().unwrap_or(0).leading_zeros();
    // Checked before anything is built: a triangle too big is an error.
    let periods = periods_between(first_day, as_of, config);
    if cohort_cells(periods) > MAX_COHORT_CELLS {
        return Err(too_many_cells(config, first_day, as_of, periods));
    }
    let elapsed = (config.window == Window::Elapsed).then(|| {
        elapsed_cohorts(
            user_ids,
            timestamps_ms,
            config,
            as_of,
            first_day,
            periods as usize,
            signups.as_ref(),
        )
    });
    let mut keys = Vec::with_capacity(if with_keys { user_ids.len() } else { 0 });
    let mut after = 0u64;
    // Without keys to build, the events after the as-of day need counting
    // only when asOf was given (else it is the last event's day).
    if with_keys || config.as_of.is_some() {
        for (&u, &t) in user_ids.iter().zip(timestamps_ms) {
            let d = local_day(t, offset);
            if d > as_of {
                after += 1;
            } else if with_keys {
                keys.push(layout.key(u, (d - first_day) as u64));
            }
        }
    }
    Ok(Prepared {
        keys,
        layout,
        key_bits: layout.day_bits + user_bits.max(1),
        first_day,
        as_of,
        events: timestamps_ms.len() as u64,
        after,
        elapsed,
        signups,
    })
}

/// The error for an `asOf` before the first event: nothing would be left to
/// analyse, and moving the day silently would analyse days not asked for.
fn as_of_before_events(asked: i64, first_day: i64, last_day: i64) -> InputError {
    InputError::new(
        "events",
        vec![Problem::new(
            "options.asOf",
            format!("\"{}\"", iso_date(asked)),
            format!(
                "a day on or after the first event, {} (the events run from {} to {})",
                iso_date(first_day),
                iso_date(first_day),
                iso_date(last_day)
            ),
        )
        .with_hint(Some(
            "leave asOf out to analyse up to the last event, or check the year".into(),
        ))],
    )
}

/// Periods from the one of `first_day` to the one of `as_of`, both included.
fn periods_between(first_day: i64, as_of: i64, config: &EventsConfig) -> i64 {
    (period_of(as_of, config) - period_of(first_day, config) + 1).max(1)
}

/// Cells of the cohort triangle of `periods` periods.
fn cohort_cells(periods: i64) -> u64 {
    let p = periods.max(0) as u64;
    p * (p + 1) / 2
}

/// Most periods whose triangle fits [`MAX_COHORT_CELLS`].
fn max_periods() -> i64 {
    let mut p = 1;
    while cohort_cells(p + 1) <= MAX_COHORT_CELLS {
        p += 1;
    }
    p
}

/// The error for a cohort triangle over the cap, with what would fit: a
/// coarser period, and the first day from which the chosen one fits.
fn too_many_cells(config: &EventsConfig, first_day: i64, as_of: i64, periods: i64) -> InputError {
    let most = max_periods();
    let coarser = [Period::Week, Period::Month]
        .into_iter()
        .filter(|p| *p > config.period)
        .map(|period| {
            let c = EventsConfig {
                period,
                ..config.clone()
            };
            (period, periods_between(first_day, as_of, &c))
        })
        .find(|(_, n)| cohort_cells(*n) <= MAX_COHORT_CELLS);
    // The first period that still fits, counted back from as_of's.
    let first_fitting = period_start_day(period_of(as_of, config) - most + 1, config);
    let mut hint = match coarser {
        Some((period, n)) => format!(
            "cohortPeriod \"{}\" fits ({n} periods); or ",
            period.as_str()
        ),
        None => String::new(),
    };
    hint.push_str(&format!(
        "leave out the events before {} (the analysis starts at the first event, {}, and ends {})",
        iso_date(first_fitting),
        iso_date(first_day),
        if config.as_of.is_some() {
            format!("at asOf, {}", iso_date(as_of))
        } else {
            format!("at the last event, {}", iso_date(as_of))
        }
    ));
    InputError::new(
        "events",
        vec![Problem::new(
            "options.cohortPeriod",
            format!(
                "\"{}\" over {periods} periods ({} cohort cells)",
                config.period.as_str(),
                format_number(cohort_cells(periods) as f64)
            ),
            format!(
                "at most {} cohort cells ({most} {}s)",
                format_number(MAX_COHORT_CELLS as f64),
                config.period.as_str()
            ),
        )
        .with_hint(Some(hint))],
    )
}

/// Checks the arrays: lengths, limits, every timestamp a real date in
/// milliseconds (seconds are recognised and named).
pub(crate) fn validate(
    user_ids: &[u32],
    timestamps_ms: &[f64],
    signups: Option<&Signups>,
) -> Result<(), InputError> {
    let fail = |problems: Vec<Problem>| Err(InputError::new("events", problems));
    let mut problems = Vec::new();
    check_lengths("", user_ids.len(), timestamps_ms.len(), &mut problems);
    if let Some(s) = signups {
        check_lengths(
            "signups.",
            s.user_ids.len(),
            s.timestamps_ms.len(),
            &mut problems,
        );
    }
    if !problems.is_empty() {
        return fail(problems);
    }
    if timestamps_ms.is_empty() {
        return fail(vec![Problem::new(
            "input",
            "no events",
            "at least one event",
        )]);
    }
    check_timestamps("timestamps", timestamps_ms, &mut problems);
    if let Some(s) = signups {
        check_timestamps("signups.timestamps", s.timestamps_ms, &mut problems);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        fail(problems)
    }
}

/// One timestamp per user id, and not more than [`MAX_EVENTS`].
pub(crate) fn check_lengths(prefix: &str, ids: usize, times: usize, problems: &mut Vec<Problem>) {
    if ids != times {
        problems.push(Problem::new(
            format!("{prefix}timestamps"),
            format!("{times} timestamps for {ids} user ids"),
            "one timestamp per user id (arrays of the same length)",
        ));
    } else if times > MAX_EVENTS {
        problems.push(Problem::new(
            if prefix.is_empty() {
                "input".to_string()
            } else {
                format!("{prefix}userIds")
            },
            format!("{times} entries"),
            format!("at most {MAX_EVENTS} in one call (aggregate or sample larger data)"),
        ));
    }
}

/// Every timestamp a real date in milliseconds; the first 20 bad ones are
/// named, the rest counted; seconds given for milliseconds are detected.
fn check_timestamps(path: &str, timestamps_ms: &[f64], problems: &mut Vec<Problem>) {
    let before = problems.len();
    let mut bad = 0usize;
    let (mut min, mut max) = (f64::INFINITY, f64::NEG_INFINITY);
    for (i, &t) in timestamps_ms.iter().enumerate() {
        if !t.is_finite() || !(0.0..MAX_TIMESTAMP_MS).contains(&t) {
            bad += 1;
            if bad <= 20 {
                problems.push(Problem::new(
                    format!("{path}[{i}]"),
                    format_number(t),
                    "milliseconds since 1970-01-01T00:00:00Z, a date from 1970 to 2099",
                ));
            }
        } else {
            min = earlier(min, t);
            max = later(max, t);
        }
    }
    if bad > 20 {
        problems.push(Problem::new(
            path,
            format!("{} more invalid timestamps", bad - 20),
            "valid timestamps",
        ));
    }
    // Seconds where milliseconds belong: 1.7e9 is 2023 in seconds but 20 days
    // after the epoch in milliseconds. Every real timestamp below 1e11 ms is
    // before March 1973, which no usage export holds.
    if problems.len() == before && min <= max && max < 1e11 && min >= 1e8 {
        problems.push(
            Problem::new(
                path,
                format!(
                    "values from {} to {}",
                    format_number(min),
                    format_number(max)
                ),
                "milliseconds since the epoch",
            )
            .with_hint(Some(format!(
                "these look like seconds: {} s is {}; multiply by 1000",
                format_number(max),
                iso_date((max / 86_400.0) as i64)
            ))),
        );
    }
}
