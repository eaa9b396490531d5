//! The "smile": a retention curve counted "on" each period (users active
//! in that period) that rises again after its lowest point, as users who
//! had lapsed come back (a16z, Andrew Chen and others on "smiling" cohort
//! curves; Sequoia's "Measuring product health": flattening, declining or
//! smiling). Only an "on" curve can smile: "on or after" never rises.
//!
//! It is reported when the rise from the lowest point (after period 0) to
//! the highest later point has a 95% Newcombe hybrid score interval
//! (Newcombe 1998, method 10: [`crate::stats::proportion_difference`])
//! that excludes 0. The interval treats the two periods' shares as
//! independent samples; both points are chosen after looking at the curve,
//! so read a rise just past the bar with care.
//!
//! ```
//! use market_validation::retention::smile::{smile, CurvePoint};
//! let p = |offset, active, eligible| CurvePoint { offset, active, eligible };
//! // 40% at period 1, down to 20% at period 3, back up to 30% at period 5.
//! let s = smile(&[p(1, 400.0, 1000.0), p(3, 200.0, 1000.0), p(5, 300.0, 1000.0)], 0.95).unwrap();
//! assert!(s.smiling);
//! assert_eq!((s.minimum.offset, s.peak.as_ref().unwrap().offset), (3, 5));
//! ```

use crate::format::format_number;
use crate::stats;
use serde::Serialize;

/// One point of an "on" retention curve.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CurvePoint {
    /// Periods after the cohort's.
    pub offset: u32,
    /// Users active in that period.
    pub active: f64,
    /// Users measured in it.
    pub eligible: f64,
}

/// A point of the curve, as the smile reports it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SmilePoint {
    /// Periods after the cohort's.
    pub offset: u32,
    /// The share active.
    pub retention: f64,
    /// Users measured.
    pub eligible: f64,
}

/// Whether an "on" retention curve rises after its minimum.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Smile {
    /// True when the rise from the minimum to the later peak has an interval above 0.
    pub smiling: bool,
    /// The lowest point after period 0 (the first, if tied).
    pub minimum: SmilePoint,
    /// The highest point after the minimum; absent when the minimum is the last point.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peak: Option<SmilePoint>,
    /// peak − minimum, as a share.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rise: Option<f64>,
    /// Newcombe's hybrid score interval of the rise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rise_interval: Option<[f64; 2]>,
    /// In words.
    pub reading: String,
}

/// The smile of an "on" curve's points (those after period 0 with users
/// measured are read); `None` without two such points.
pub fn smile(points: &[CurvePoint], confidence: f64) -> Option<Smile> {
    let points: Vec<&CurvePoint> = points
        .iter()
        .filter(|p| p.offset >= 1 && p.eligible > 0.0)
        .collect();
    if points.len() < 2 {
        return None;
    }
    let share = |p: &CurvePoint| p.active / p.eligible;
    let lowest = (0..points.len()).fold(0, |best, i| {
        if share(points[i]) < share(points[best]) {
            i
        } else {
            best
        }
    });
    let point = |p: &CurvePoint| SmilePoint {
        offset: p.offset,
        retention: share(p),
        eligible: p.eligible,
    };
    let minimum = point(points[lowest]);
    let pct = |x: f64| format!("{}%", format_number((x * 1000.0).round() / 10.0));
    let Some(peak) =
        points[lowest + 1..]
            .iter()
            .copied()
            .reduce(|best, p| if share(p) > share(best) { p } else { best })
    else {
        return Some(Smile {
            smiling: false,
            reading: format!(
                "no smile: the curve is at its lowest ({}) at its last period, {}",
                pct(minimum.retention),
                minimum.offset
            ),
            minimum,
            peak: None,
            rise: None,
            rise_interval: None,
        });
    };
    let low = points[lowest];
    let z = stats::z_for_confidence(confidence);
    let (rise, lo, hi) =
        stats::proportion_difference(low.active, low.eligible, peak.active, peak.eligible, z);
    let smiling = lo > 0.0;
    let reading = format!(
        "{}: from {} at period {} to {} at period {}, a rise of {} points ({}% interval {} to {})",
        if smiling {
            "smiling"
        } else {
            "no smile that the data can tell from noise"
        },
        pct(minimum.retention),
        minimum.offset,
        pct(share(peak)),
        peak.offset,
        format_number((rise * 1000.0).round() / 10.0),
        format_number((confidence * 1000.0).round() / 10.0),
        pct(lo),
        pct(hi)
    );
    Some(Smile {
        smiling,
        minimum,
        peak: Some(point(peak)),
        rise: Some(rise),
        rise_interval: Some([lo, hi]),
        reading,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(offset: u32, active: f64, eligible: f64) -> CurvePoint {
        CurvePoint {
            offset,
            active,
            eligible,
        }
    }

    #[test]
    fn a_small_rise_is_not_a_smile() {
        // 20 of 100 to 22 of 100: Newcombe's interval spans 0.
        let s = smile(
            &[p(1, 40.0, 100.0), p(2, 20.0, 100.0), p(3, 22.0, 100.0)],
            0.95,
        )
        .unwrap();
        assert!(!s.smiling);
        assert!(s.rise_interval.unwrap()[0] < 0.0);
        assert!((s.rise.unwrap() - 0.02).abs() < 1e-12);
    }

    #[test]
    fn a_falling_curve_has_no_peak_and_short_curves_none() {
        let s = smile(
            &[p(0, 100.0, 100.0), p(1, 40.0, 100.0), p(2, 30.0, 100.0)],
            0.95,
        )
        .unwrap();
        assert!(!s.smiling && s.peak.is_none());
        assert_eq!(s.minimum.offset, 2);
        assert!(smile(&[p(0, 100.0, 100.0), p(1, 40.0, 100.0)], 0.95).is_none());
    }

    #[test]
    fn the_rise_interval_is_newcombes() {
        // Newcombe (1998b), Table II (a): 56/70 vs 48/80 gives -0.0524 to 0.3339
        // for 56/70 - 48/80; here the minimum is 48/80 and the peak 56/70.
        let s = smile(&[p(1, 48.0, 80.0), p(2, 56.0, 70.0)], 0.95).unwrap();
        let [lo, hi] = s.rise_interval.unwrap();
        assert!((lo - 0.0524).abs() < 5e-5 && (hi - 0.3339).abs() < 5e-5);
        assert!(s.smiling);
    }
}
