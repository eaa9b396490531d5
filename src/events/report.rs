//! The last stage: the filled tables become the result. Trailing WAU and
//! MAU from their difference arrays, stickiness over the last 28 days, the
//! L28 curve, the cohort triangle with its mean curves and whether they
//! flatten, growth accounting, and the product data for `analyze`.

use crate::analyzer::model::{AdoptionData, UsageMetrics};
use crate::calendar::iso_date;
use crate::events::config::{period_start_day, EventsConfig, Period};
use crate::events::elapsed::ElapsedCohorts;
use crate::events::model::cohort_model;
use crate::events::result::*;
use crate::events::tables::Tables;
use crate::format::format_number;
use crate::stats;

/// The result of the filled tables.
pub(crate) fn build(mut tables: Tables, events: u64, after: u64) -> EventsAnalysis {
    let daily = daily(&tables);
    let stickiness = stickiness(&daily);
    let threshold = tables.config.power_user_days.clamp(1, 28);
    let power: u64 = tables.l28[(threshold - 1) as usize..].iter().sum();
    let power_user_curve = PowerUserCurve {
        power_users: power,
        casual_users: tables.l28.iter().sum::<u64>() - power,
        users: std::mem::take(&mut tables.l28),
        power_user_days: threshold,
    };
    let triangle = Triangle {
        size: &tables.cohort_size,
        calendar: &tables.cohort_active,
        elapsed: tables.elapsed.as_ref(),
    };
    let cohorts = cohorts(
        &triangle,
        tables.first_period,
        tables.last_period,
        tables.config,
    );
    let growth = growth(&tables);
    let mut usage_metrics = UsageMetrics {
        daily_active_users: Some(stickiness.dau),
        weekly_active_users: Some(stickiness.wau),
        monthly_active_users: Some(stickiness.mau),
        ..UsageMetrics::default()
    };
    set_retention(&mut usage_metrics, &cohorts.mean, tables.config.period);
    let adoption_data = AdoptionData {
        total_users: Some(tables.users as f64),
        power_users: Some(power_user_curve.power_users as f64),
        casual_users: Some(power_user_curve.casual_users as f64),
        ..AdoptionData::default()
    };
    EventsAnalysis {
        events,
        users: tables.users,
        first_date: iso_date(tables.first_day),
        as_of: iso_date(tables.as_of),
        events_after_as_of: after,
        daily,
        stickiness,
        power_user_curve,
        usage_metrics,
        adoption_data,
        cohorts,
        growth,
        new_users_defined_by: if tables.signups.is_some() {
            "signup"
        } else {
            "first_event"
        }
        .to_string(),
        signups: tables.signups,
        features: Vec::new(),
        activation: None,
        sessions: None,
        ignored_events: None,
        warnings: Vec::new(),
    }
}

/// Each day's actives and new users, and the trailing 7- and 28-day actives
/// summed up from their difference arrays.
fn daily(t: &Tables) -> Vec<DailyActivity> {
    let days = t.dau.len();
    let mut daily = Vec::with_capacity(days);
    let (mut wau, mut mau) = (0i64, 0i64);
    for i in 0..days {
        wau += t.wau_diff[i];
        mau += t.mau_diff[i];
        daily.push(DailyActivity {
            date: iso_date(t.first_day + i as i64),
            active: t.dau[i],
            new_users: t.new_users[i],
            weekly_active: wau.max(0) as u64,
            monthly_active: mau.max(0) as u64,
        });
    }
    daily
}

/// Mean DAU, WAU and MAU over the last 28 days (fewer when the data is
/// shorter), and their ratios.
fn stickiness(daily: &[DailyActivity]) -> Stickiness {
    let last = &daily[daily.len().saturating_sub(28)..];
    let mean = |f: &dyn Fn(&DailyActivity) -> u64| {
        last.iter().map(|d| f(d) as f64).sum::<f64>() / last.len().max(1) as f64
    };
    let (dau, wau, mau) = (
        mean(&|d| d.active),
        mean(&|d| d.weekly_active),
        mean(&|d| d.monthly_active),
    );
    let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
    Stickiness {
        dau,
        wau,
        mau,
        dau_mau: ratio(dau, mau),
        dau_wau: ratio(dau, wau),
        wau_mau: ratio(wau, mau),
        days: last.len() as u32,
    }
}

/// The counts of a retention triangle: cohort sizes and, per cohort and
/// period after it, the users active (calendar windows), or those active
/// and those whose window is over (24 h windows).
pub(crate) struct Triangle<'a> {
    pub(crate) size: &'a [u64],
    pub(crate) calendar: &'a [Vec<u64>],
    pub(crate) elapsed: Option<&'a ElapsedCohorts>,
}

/// Cohort retention from a triangle's counts: the rows, the mean curves and
/// whether they flatten.
pub(crate) fn cohorts(
    t: &Triangle,
    first_period: i64,
    last_period: i64,
    config: &EventsConfig,
) -> Cohorts {
    let start = |p: usize| iso_date(period_start_day(first_period + p as i64, config));
    let rows = cohort_rows(t, &start, (last_period - first_period) as usize);
    let calendar = t.elapsed.is_none();
    let mean = mean_curve(&rows, calendar);
    let model = cohort_model(
        &rows,
        &mean,
        calendar,
        config.unbounded_retention,
        config.model_min_users,
    );
    Cohorts {
        period: config.period.as_str().to_string(),
        window: if calendar { "calendar" } else { "24h" }.to_string(),
        flattening: flattening(&mean),
        model,
        rows,
        mean,
    }
}

/// One row per cohort: calendar windows count every cohort user in every
/// period up to the as-of one (which is partial); 24 h windows count only
/// the users whose window is over.
fn cohort_rows(t: &Triangle, start: &dyn Fn(usize) -> String, last_index: usize) -> Vec<CohortRow> {
    let periods = t.size.len();
    let mut rows = Vec::with_capacity(periods);
    for c in 0..periods {
        let size = t.size[c];
        let cells = match t.elapsed {
            None => t.calendar[c]
                .iter()
                .enumerate()
                .map(|(k, &active)| CohortCell {
                    offset: k as u32,
                    active,
                    eligible: size,
                    retention: if size > 0 {
                        active as f64 / size as f64
                    } else {
                        0.0
                    },
                    interval: wilson(active, size),
                    provisional: c + k == last_index,
                })
                .collect(),
            Some(e) => e.eligible[c]
                .iter()
                .zip(&e.active[c])
                .enumerate()
                .take_while(|(_, (eligible, _))| **eligible > 0)
                .map(|(k, (&eligible, &active))| CohortCell {
                    offset: k as u32,
                    active,
                    eligible,
                    retention: active as f64 / eligible as f64,
                    interval: wilson(active, eligible),
                    provisional: eligible < size,
                })
                .collect(),
        };
        rows.push(CohortRow {
            start: start(c),
            size,
            cells,
        });
    }
    rows
}

/// The 95% Wilson interval of `active` out of `n` ([0, 1] for none).
fn wilson(active: u64, n: u64) -> [f64; 2] {
    let (lo, hi) = stats::wilson(active as f64, n as f64, stats::z_for_confidence(0.95));
    [lo, hi]
}

/// The mean retention curve over the cohorts, size-weighted and simple;
/// with calendar windows, over complete (not provisional) cells only.
fn mean_curve(rows: &[CohortRow], calendar: bool) -> Vec<MeanCurvePoint> {
    let mut mean_curve = Vec::new();
    for k in 0..=rows.len() {
        let cells: Vec<&CohortCell> = rows
            .iter()
            .filter(|r| r.size > 0)
            .filter_map(|r| r.cells.get(k))
            .filter(|c| !(calendar && c.provisional))
            .collect();
        if cells.is_empty() {
            continue;
        }
        let active: u64 = cells.iter().map(|c| c.active).sum();
        let eligible: u64 = cells.iter().map(|c| c.eligible).sum();
        mean_curve.push(MeanCurvePoint {
            offset: k as u32,
            weighted: active as f64 / eligible as f64,
            simple: cells.iter().map(|c| c.retention).sum::<f64>() / cells.len() as f64,
            cohorts: cells.len() as u32,
            eligible,
            interval: wilson(active, eligible),
        });
    }
    mean_curve
}

/// Growth accounting per period: active = new + retained + resurrected.
fn growth(t: &Tables) -> Vec<GrowthPeriod> {
    let last_index = (t.last_period - t.first_period) as usize;
    (0..t.cohort_size.len())
        .map(|p| {
            let (new, retained, resurrected, churned) = (
                t.growth_new[p],
                t.growth_retained[p],
                t.growth_resurrected[p],
                t.growth_churned[p],
            );
            GrowthPeriod {
                start: iso_date(period_start_day(t.first_period + p as i64, t.config)),
                active: new + retained + resurrected,
                new_users: new,
                retained,
                resurrected,
                churned,
                quick_ratio: (churned > 0).then(|| (new + resurrected) as f64 / churned as f64),
                provisional: p == last_index,
            }
        })
        .collect()
}

/// Whether the weighted mean curve levels off: the last half of its points
/// after period 0 (at least 3 of at least 4) give a plateau (their weighted
/// retention, with a Wilson interval) and a least-squares slope; the curve is
/// flattening when the plateau is above zero and the slope loses less than
/// 5% of the plateau a period (docs/methodology.md, section 11).
fn flattening(mean: &[MeanCurvePoint]) -> Flattening {
    let points: Vec<&MeanCurvePoint> = mean
        .iter()
        .filter(|p| p.offset >= 1 && p.eligible > 0)
        .collect();
    if points.len() < 4 {
        return Flattening {
            verdict: "not_enough_data".into(),
            plateau: None,
            plateau_interval: None,
            relative_slope: None,
            stabilises_at: None,
            reading: format!("{} complete periods after the first; at least 4 are needed to see the curve's shape", points.len()),
        };
    }
    let tail = &points[points.len() / 2..];
    let active: f64 = tail.iter().map(|p| p.weighted * p.eligible as f64).sum();
    let eligible: f64 = tail.iter().map(|p| p.eligible as f64).sum();
    let plateau = active / eligible;
    let (lo, hi) = stats::wilson(active, eligible, stats::z_for_confidence(0.95));
    let n = tail.len() as f64;
    let mean_x = tail.iter().map(|p| f64::from(p.offset)).sum::<f64>() / n;
    let mean_y = tail.iter().map(|p| p.weighted).sum::<f64>() / n;
    let sxx: f64 = tail
        .iter()
        .map(|p| (f64::from(p.offset) - mean_x) * (f64::from(p.offset) - mean_x))
        .sum();
    let sxy: f64 = tail
        .iter()
        .map(|p| (f64::from(p.offset) - mean_x) * (p.weighted - mean_y))
        .sum();
    let slope = if sxx > 0.0 { sxy / sxx } else { 0.0 };
    let relative = if plateau > 0.0 { slope / plateau } else { 0.0 };
    let pct = |x: f64| format!("{}%", format_number((x * 1000.0).round() / 10.0));
    let flat = lo > 0.0 && relative > -FLAT_DECLINE;
    // From the last point back: the earliest from which every point's
    // interval holds the plateau.
    let stabilises_at = flat
        .then(|| {
            let steady = points
                .iter()
                .rev()
                .take_while(|p| p.interval[0] <= plateau && plateau <= p.interval[1])
                .last()?;
            Some(Stabilisation {
                offset: steady.offset,
                retention: steady.weighted,
                interval: steady.interval,
            })
        })
        .flatten();
    Flattening {
        stabilises_at,
        verdict: if flat { "flattening" } else { "declining" }.into(),
        plateau: Some(plateau),
        plateau_interval: Some([lo, hi]),
        relative_slope: Some(relative),
        reading: if flat {
            format!(
                "levels off at about {} (95% interval {} to {}), changing {} of that a period",
                pct(plateau),
                pct(lo),
                pct(hi),
                pct(relative)
            )
        } else {
            format!(
                "still declining: {} of the retained share lost a period (at about {} now)",
                pct(-relative),
                pct(plateau)
            )
        },
    }
}

/// A curve losing less than this share of its plateau per period counts as
/// flat: our threshold, documented in the methodology.
pub const FLAT_DECLINE: f64 = 0.05;

/// The point of the mean curve retention is read at: six months (the
/// benchmarks' horizon) or, when the data is shorter, the longest measured.
pub(crate) fn retention_point(mean: &[MeanCurvePoint], period: Period) -> Option<&MeanCurvePoint> {
    let six_months = six_months(period);
    mean.iter().find(|p| p.offset == six_months).or_else(|| {
        mean.iter()
            .filter(|p| p.offset >= 1 && p.offset < six_months)
            .max_by_key(|p| p.offset)
    })
}

/// Six months in periods.
fn six_months(period: Period) -> u32 {
    match period {
        Period::Day => 182,
        Period::Week => 26,
        Period::Month => 6,
    }
}

/// The retention for `analyze`: the weighted retention at six months (the
/// benchmarks' horizon) or, when the data is shorter, at the longest horizon
/// measured, with that horizon stated.
pub(crate) fn set_retention(u: &mut UsageMetrics, mean: &[MeanCurvePoint], period: Period) {
    let months = |offset: u32| match period {
        Period::Day => f64::from(offset) / 30.436_875,
        Period::Week => f64::from(offset) * 7.0 / 30.436_875,
        Period::Month => f64::from(offset),
    };
    let point = retention_point(mean, period);
    u.retention_rate = point.map(|p| p.weighted);
    u.retention_horizon_months = point
        .map(|p| (months(p.offset) * 10.0).round() / 10.0)
        .filter(|m| *m != 6.0);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::days_from_civil;
    use crate::events::EventsConfig;

    #[test]
    fn growth_accounting_and_cohorts_of_a_small_case() {
        // Two weeks from Monday 2026-11-02. A: days 0 and 8; B: day 1 only;
        // C: day 9. Week 0: A and B new. Week 1: A retained, C new, B churned.
        let monday = days_from_civil(2026, 11, 2);
        let config = EventsConfig::default();
        let mut tables = Tables::new(monday, monday + 13, &config);
        tables.add_user(&[monday, monday + 8], None);
        tables.add_user(&[monday + 1], None);
        tables.add_user(&[monday + 9], None);
        let r = build(tables, 4, 0);
        let week = |g: &GrowthPeriod| (g.active, g.new_users, g.retained, g.resurrected, g.churned);
        assert_eq!(week(&r.growth[0]), (2, 2, 0, 0, 0));
        assert_eq!(week(&r.growth[1]), (2, 1, 1, 0, 1));
        assert_eq!(r.growth[1].quick_ratio, Some(1.0));
        assert!(r.growth[1].provisional && !r.growth[0].provisional);
        assert_eq!(r.cohorts.rows[0].size, 2);
        let actives: Vec<u64> = r.cohorts.rows[0].cells.iter().map(|c| c.active).collect();
        assert_eq!(actives, [2, 1]);
        assert_eq!(r.cohorts.rows[1].cells[0].active, 1);
        // Only complete cells enter the calendar mean: week 1 is provisional.
        assert_eq!(r.cohorts.mean.len(), 1);
        assert_eq!(r.cohorts.mean[0].weighted, 1.0);
        // Day 8 (A) and day 9 (C): one active each; WAU on day 9 counts A, C
        // (B's day 1 is more than 7 days before).
        assert_eq!((r.daily[8].active, r.daily[9].active), (1, 1));
        assert_eq!(r.daily[9].weekly_active, 2);
        assert_eq!(r.daily[9].monthly_active, 3);
        assert_eq!(r.users, 3);
    }

    fn point(offset: u32, weighted: f64) -> MeanCurvePoint {
        MeanCurvePoint {
            interval: wilson((weighted * 1_000.0).round() as u64, 1_000),
            offset,
            weighted,
            simple: weighted,
            cohorts: 4,
            eligible: 1_000,
        }
    }

    #[test]
    fn flat_and_declining_curves() {
        let flat: Vec<_> = (1..=8).map(|k| point(k, 0.3)).collect();
        let f = flattening(&flat);
        assert_eq!(f.verdict, "flattening");
        assert_eq!(f.plateau, Some(0.3));
        assert_eq!(f.relative_slope, Some(0.0));
        // Losing 0.02 a period at about 0.1 is 20% of the plateau a period.
        let falling: Vec<_> = (1..=8)
            .map(|k| point(k, 0.2 - 0.02 * f64::from(k)))
            .collect();
        assert_eq!(flattening(&falling).verdict, "declining");
        let short: Vec<_> = (1..=3).map(|k| point(k, 0.3)).collect();
        assert_eq!(flattening(&short).verdict, "not_enough_data");
    }

    #[test]
    fn where_the_curve_stabilises() {
        // Plateau over the last half: (300 + 310 + 300 + 300) / 4000 = 0.3025.
        // Period 3's 360 of 1,000 (Wilson 0.331 to 0.390) leaves it out;
        // from period 4 on, every interval holds it.
        let curve = [0.6, 0.45, 0.36, 0.30, 0.30, 0.31, 0.30, 0.30];
        let points: Vec<_> = (1..=8).map(|k| point(k, curve[k as usize - 1])).collect();
        let f = flattening(&points);
        assert_eq!(f.verdict, "flattening");
        let s = f.stabilises_at.unwrap();
        assert_eq!((s.offset, s.retention), (4, 0.30));
        assert!(s.interval[0] < 0.3025 && 0.3025 < s.interval[1]);
        assert!(flattening(
            &[0.2, 0.1, 0.05, 0.02]
                .iter()
                .enumerate()
                .map(|(k, r)| point(k as u32 + 1, *r))
                .collect::<Vec<_>>()
        )
        .stabilises_at
        .is_none());
    }

    #[test]
    fn retention_for_analyze_is_at_six_months_or_the_longest_horizon() {
        let weekly: Vec<_> = (0..=10).map(|k| point(k, 1.0 / f64::from(k + 1))).collect();
        let mut u = UsageMetrics::default();
        set_retention(&mut u, &weekly, Period::Week);
        // Week 10 = 70 days = 2.3 months (70 / 30.436875).
        assert_eq!(u.retention_rate, Some(1.0 / 11.0));
        assert_eq!(u.retention_horizon_months, Some(2.3));
        let monthly: Vec<_> = (0..=8).map(|k| point(k, 0.5)).collect();
        set_retention(&mut u, &monthly, Period::Month);
        assert_eq!(
            (u.retention_rate, u.retention_horizon_months),
            (Some(0.5), None)
        );
    }
}
