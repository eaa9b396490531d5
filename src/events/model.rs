//! `cohorts.model`: the retention models of [`crate::retention`] read from
//! the cohort triangle. With "on or after" retention (the curve never
//! rises) the shifted-beta-geometric model and the power law with a floor
//! are fitted to the weighted mean curve and to each cohort of at least
//! `modelMinUsers` users (the mean curve too needs that many users in all);
//! with "on" retention (the default) the curve can
//! rise again, which the sBG model cannot describe (it assumes nobody comes
//! back), so only the smile is read, on the same curves.
//!
//! The mean curve's steps pool the cohorts: in period k, those at risk are
//! each cohort's survivors of period k - 1 among its users measured in
//! period k (with calendar windows, the cohorts whose period k is over), and
//! those surviving are the cohorts' actives in period k. That is Fader &
//! Hardie's multi-cohort likelihood ("Fitting the sBG model to multi-cohort
//! data", 2007 note) with right censoring.

use super::result::{CohortCell, CohortModel, CohortModelRow, CohortRow, MeanCurvePoint};
use crate::retention::forecast::{fit_steps, FitSettings};
use crate::retention::smile::{smile, CurvePoint};
use crate::retention::steps::Steps;

/// Bootstrap replicates of the mean curve's sBG fit: 200, fewer for
/// curves over 100 periods (20,000 periods redrawn in all, at least 40).
pub fn mean_replicates(periods: usize) -> u32 {
    (20_000 / periods.max(1)).clamp(40, 200) as u32
}
/// Bootstrap replicates of the mean curve's power-law fit, whose refits
/// cost about ten times the sBG's: 40, fewer for curves over 100 periods
/// (4,000 periods in all, at least 20).
pub fn mean_power_law_replicates(periods: usize) -> u32 {
    (4_000 / periods.max(1)).clamp(20, 40) as u32
}
/// Cohorts fitted one by one: the most recent this many of at least
/// `modelMinUsers` users (a page can have hundreds of daily cohorts).
pub const MAX_COHORT_FITS: usize = 52;

/// The models of the triangle's rows and mean curve.
pub(crate) fn cohort_model(
    rows: &[CohortRow],
    mean: &[MeanCurvePoint],
    calendar: bool,
    unbounded: bool,
    min_users: u64,
) -> CohortModel {
    let usable = |c: &&CohortCell| !(calendar && c.provisional);
    let settings = |replicates, power_law_replicates| FitSettings {
        replicates,
        power_law_replicates,
        ..FitSettings::default()
    };
    let mut notes = Vec::new();
    let all_big: Vec<&CohortRow> = rows
        .iter()
        .filter(|r| r.size >= min_users && r.size > 0)
        .collect();
    let big = all_big[all_big.len().saturating_sub(MAX_COHORT_FITS)..].iter();
    if all_big.len() > MAX_COHORT_FITS {
        notes.push(format!(
            "{} cohorts have at least {min_users} users: the most recent {MAX_COHORT_FITS} are read one by one",
            all_big.len()
        ));
    }
    if unbounded {
        let pooled: Vec<&CohortRow> = rows.iter().filter(|r| r.size > 0).collect();
        let users: u64 = pooled.iter().map(|r| r.size).sum();
        let mean_steps = steps(&pooled, &usable);
        if users < min_users {
            notes.push(format!(
                "the cohorts hold {users} users, fewer than {min_users} (options.modelMinUsers): no model of the mean curve"
            ));
        }
        let replicates = mean_replicates(mean_steps.len());
        let power_law_replicates = mean_power_law_replicates(mean_steps.len());
        notes.push(format!(
            "sBG and power law fitted to \"on or after\" retention; the mean curve's intervals from {replicates} bootstrap replicates (sBG) and {power_law_replicates} (power law); each cohort's fit without intervals"
        ));
        let cohorts = big
            .map(|r| CohortModelRow {
                start: r.start.clone(),
                size: r.size,
                fit: Some(steps(&[r], &usable))
                    .filter(|s| !s.is_empty())
                    .map(|s| fit_steps(&s, &settings(0, 0))),
                smile: None,
            })
            .collect();
        CohortModel {
            curve: "on-or-after".into(),
            min_users,
            mean: (!mean_steps.is_empty() && users >= min_users)
                .then(|| fit_steps(&mean_steps, &settings(replicates, power_law_replicates))),
            smile: None,
            cohorts,
            notes,
        }
    } else {
        notes.push("\"on\" retention can rise again: the sBG model assumes nobody comes back, so the models are fitted only to \"on or after\" retention (options.retention: \"on-or-after\"); the smile is read here".into());
        let mean_points: Vec<CurvePoint> = mean
            .iter()
            .map(|p| CurvePoint {
                offset: p.offset,
                active: p.weighted * p.eligible as f64,
                eligible: p.eligible as f64,
            })
            .collect();
        let cohorts = big
            .map(|r| {
                let points: Vec<CurvePoint> = r
                    .cells
                    .iter()
                    .filter(usable)
                    .map(|c| CurvePoint {
                        offset: c.offset,
                        active: c.active as f64,
                        eligible: c.eligible as f64,
                    })
                    .collect();
                CohortModelRow {
                    start: r.start.clone(),
                    size: r.size,
                    fit: None,
                    smile: smile(&points, 0.95),
                }
            })
            .collect();
        CohortModel {
            curve: "on".into(),
            min_users,
            mean: None,
            smile: smile(&mean_points, 0.95),
            cohorts,
            notes,
        }
    }
}

/// The pooled steps of `rows`' usable cells: in period k, at risk the
/// cohorts' survival share of period k - 1 (1 at the start) times their
/// users measured in period k, surviving their actives in it.
fn steps(rows: &[&CohortRow], usable: &dyn Fn(&&CohortCell) -> bool) -> Steps {
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let mut out = Steps {
        at_risk: Vec::new(),
        survived: Vec::new(),
    };
    for k in 1..width {
        let (mut m, mut y) = (0.0, 0.0);
        for r in rows {
            let (Some(cell), Some(before)) = (r.cells.get(k), r.cells.get(k - 1)) else {
                continue;
            };
            if !usable(&cell) {
                continue;
            }
            let share = if k == 1 {
                1.0
            } else {
                before.active as f64 / before.eligible.max(1) as f64
            };
            m += share * cell.eligible as f64;
            y += cell.active as f64;
        }
        if m <= 0.0 {
            break;
        }
        out.at_risk.push(m.max(y));
        out.survived.push(y);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::events::report::{cohorts, Triangle};
    use crate::events::EventsConfig;

    /// The rows the report makes of calendar counts: `last` periods after
    /// the first cohort's is the as-of period (its cells are provisional).
    fn rows(size: &[u64], actives: &[Vec<u64>], last: i64) -> Vec<CohortRow> {
        let triangle = Triangle {
            size,
            calendar: actives,
            elapsed: None,
        };
        cohorts(&triangle, 2_900, 2_900 + last, &EventsConfig::default()).rows
    }

    #[test]
    fn pooled_steps_by_hand() {
        // Cohort A (100): 100, 60, 50, 45 (last provisional); cohort B (200):
        // 200, 100, 90 (last provisional). Period 1: at risk 100 + 200, 60 +
        // 100 stay. Period 2: A only (B's is not over): 60, 50 stay.
        let rows = rows(&[100, 200], &[vec![100, 60, 50, 45], vec![200, 100, 90]], 3);
        let refs: Vec<&CohortRow> = rows.iter().collect();
        let usable = |c: &&CohortCell| !c.provisional;
        let s = steps(&refs, &usable);
        assert_eq!(s.at_risk, [300.0, 60.0]);
        assert_eq!(s.survived, [160.0, 50.0]);
        let m = cohort_model(&rows, &[], true, true, 150);
        assert_eq!(m.cohorts.len(), 1);
        assert_eq!(m.cohorts[0].size, 200);
        assert!(m.mean.is_some() && m.smile.is_none());
    }

    #[test]
    fn the_on_curve_gets_the_smile_only() {
        let rows = rows(&[1000], &[vec![1000, 400, 200, 300, 310]], 5);
        let m = cohort_model(&rows, &[], true, false, 100);
        assert_eq!(m.curve, "on");
        assert!(m.mean.is_none());
        let s = m.cohorts[0].smile.as_ref().unwrap();
        assert!(s.smiling && s.minimum.offset == 2 && s.peak.as_ref().unwrap().offset == 4);
    }
}
