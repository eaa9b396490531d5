//! Benchmark curves: how a metric's value maps to a 0..100 sub-score.
//!
//! A curve is piecewise linear through anchors. Benchmark anchors carry a
//! published number and its source; the others are the ends of the scale.
//! Scores are placed on a common ladder so that sub-scores mean the same
//! thing across metrics: 40 = a published average, 60 = good, 80 = great
//! (docs/methodology.md, "Scoring ladder").

/// Sub-score at a published average or typical value.
pub const SCORE_AVERAGE: f64 = 40.0;
/// Sub-score at a published "good" value or pass mark.
pub const SCORE_GOOD: f64 = 60.0;
/// Sub-score at a published "great" value.
pub const SCORE_GREAT: f64 = 80.0;

/// One point of a curve.
#[derive(Debug, Clone, PartialEq)]
pub struct Anchor {
    /// The metric's value, in its own unit.
    pub value: f64,
    /// The sub-score at that value.
    pub score: f64,
    /// Name of the point: `good`, `great`, `average`, or `scale end`.
    pub label: &'static str,
    /// Source id (see [`crate::analyzer::benchmarks::SOURCES`]) for a benchmark; `None`
    /// for a scale end.
    pub source: Option<&'static str>,
}

impl Anchor {
    /// A published benchmark point.
    pub const fn benchmark(
        value: f64,
        score: f64,
        label: &'static str,
        source: &'static str,
    ) -> Self {
        Anchor {
            value,
            score,
            label,
            source: Some(source),
        }
    }

    /// An end of the scale.
    pub const fn scale_end(value: f64, score: f64) -> Self {
        Anchor {
            value,
            score,
            label: "scale end",
            source: None,
        }
    }

    /// True for a published benchmark point.
    pub fn is_benchmark(&self) -> bool {
        self.source.is_some()
    }
}

/// How values are spaced between anchors.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Spacing {
    /// Interpolate on the value itself.
    Linear,
    /// Interpolate on log10 of the value (market sizes span decades).
    Log10,
}

/// A monotone piecewise-linear curve. Anchors are sorted by value and their
/// scores either never fall or never rise.
#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    /// The anchors, by increasing value.
    pub anchors: Vec<Anchor>,
    /// Interpolation spacing.
    pub spacing: Spacing,
}

impl Curve {
    /// A linear curve through `anchors` (given by increasing value).
    pub fn linear(anchors: Vec<Anchor>) -> Self {
        Curve {
            anchors,
            spacing: Spacing::Linear,
        }
    }

    /// A curve interpolated on log10 of the value.
    pub fn log10(anchors: Vec<Anchor>) -> Self {
        Curve {
            anchors,
            spacing: Spacing::Log10,
        }
    }

    /// True when a larger value scores higher.
    pub fn higher_is_better(&self) -> bool {
        match (self.anchors.first(), self.anchors.last()) {
            (Some(first), Some(last)) => last.score >= first.score,
            _ => true,
        }
    }

    /// True when anchors are sorted by value and scores are monotone in one
    /// direction, within 0..100.
    pub fn is_valid(&self) -> bool {
        let up = self.higher_is_better();
        self.anchors.len() >= 2
            && self
                .anchors
                .iter()
                .all(|a| a.value.is_finite() && (0.0..=100.0).contains(&a.score))
            && self.anchors.windows(2).all(|w| {
                w[0].value < w[1].value
                    && if up {
                        w[0].score <= w[1].score
                    } else {
                        w[0].score >= w[1].score
                    }
            })
            && (self.spacing == Spacing::Linear || self.anchors[0].value > 0.0)
    }

    fn position(&self, value: f64) -> f64 {
        match self.spacing {
            Spacing::Linear => value,
            Spacing::Log10 => libm::log10(value),
        }
    }

    /// The sub-score for a value: linear between anchors, flat beyond the
    /// first and last.
    pub fn score(&self, value: f64) -> f64 {
        let (Some(first), Some(last)) = (self.anchors.first(), self.anchors.last()) else {
            return 0.0;
        };
        if value.is_nan() {
            return first.score.min(last.score);
        }
        if value <= first.value {
            return first.score;
        }
        if value >= last.value {
            return last.score;
        }
        for w in self.anchors.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            if value <= b.value {
                let (pa, pb, pv) = (
                    self.position(a.value),
                    self.position(b.value),
                    self.position(value),
                );
                let t = if pb > pa { (pv - pa) / (pb - pa) } else { 1.0 };
                return a.score + t * (b.score - a.score);
            }
        }
        last.score
    }

    /// The benchmark points, in increasing score.
    pub fn benchmarks(&self) -> Vec<&Anchor> {
        let mut out: Vec<&Anchor> = self.anchors.iter().filter(|a| a.is_benchmark()).collect();
        crate::analyzer::sort_short(&mut out, |a, b| a.score.total_cmp(&b.score));
        out
    }

    /// The next benchmark that scores higher than `value` does: the target
    /// of a recommendation.
    pub fn next_benchmark(&self, value: f64) -> Option<&Anchor> {
        let current = self.score(value);
        self.benchmarks().into_iter().find(|a| a.score > current)
    }

    /// Words for where a value stands: "at or above good", "below average".
    pub fn band(&self, value: f64) -> String {
        let current = self.score(value);
        let marks = self.benchmarks();
        match marks.iter().rev().find(|a| a.score <= current) {
            Some(reached) => format!("at or above {}", reached.label),
            None => match marks.first() {
                Some(lowest) => format!("below {}", lowest.label),
                None => "no benchmark".to_string(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stickiness() -> Curve {
        Curve::linear(vec![
            Anchor::scale_end(0.0, 0.0),
            Anchor::benchmark(0.15, 40.0, "average", "s"),
            Anchor::benchmark(0.20, 60.0, "good", "s"),
            Anchor::benchmark(0.30, 80.0, "great", "s"),
            Anchor::scale_end(1.0, 100.0),
        ])
    }

    #[test]
    fn interpolates_between_anchors() {
        let c = stickiness();
        assert!(c.is_valid());
        assert_eq!(c.score(0.15), 40.0);
        assert!((c.score(0.175) - 50.0).abs() < 1e-9);
        assert_eq!(c.score(-1.0), 0.0);
        assert_eq!(c.score(2.0), 100.0);
        assert_eq!(c.band(0.22), "at or above good");
        assert_eq!(c.band(0.1), "below average");
        assert_eq!(c.next_benchmark(0.22).map(|a| a.label), Some("great"));
        assert_eq!(c.next_benchmark(0.5), None);
    }

    #[test]
    fn lower_is_better_curves() {
        let c = Curve::linear(vec![
            Anchor::scale_end(0.0, 100.0),
            Anchor::benchmark(12.0, 60.0, "good", "s"),
            Anchor::scale_end(36.0, 0.0),
        ]);
        assert!(c.is_valid());
        assert!(!c.higher_is_better());
        assert_eq!(c.score(12.0), 60.0);
        assert_eq!(c.next_benchmark(20.0).map(|a| a.value), Some(12.0));
    }

    #[test]
    fn log_spacing() {
        let c = Curve::log10(vec![
            Anchor::scale_end(1e7, 0.0),
            Anchor::benchmark(1e9, 60.0, "good", "s"),
            Anchor::scale_end(1e11, 100.0),
        ]);
        assert!(c.is_valid());
        assert!((c.score(1e8) - 30.0).abs() < 1e-9);
        assert!((c.score(1e10) - 80.0).abs() < 1e-9);
    }
}
