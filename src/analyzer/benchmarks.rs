//! Published benchmarks, their sources, and the presets that combine them.
//!
//! Every benchmark anchor names a source in [`SOURCES`]; the methodology
//! document (docs/methodology.md) quotes each one. Weights are our modelling
//! choices, argued there.

use crate::analyzer::curve::{
    Anchor, Curve, SCORE_AVERAGE as AVG, SCORE_GOOD as GOOD, SCORE_GREAT as GREAT,
};
use crate::analyzer::metric_id::MetricId;
use serde::Serialize;

/// Fewest survey answers worth reading: ~30, the practitioners' minimum for
/// the Sean Ellis survey (see docs/methodology.md, "Survey").
pub const MIN_SURVEY_RESPONSES: f64 = 30.0;

/// A public source of benchmark numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Source {
    /// Short id used by benchmark anchors.
    #[serde(serialize_with = "crate::tape::static_text")]
    pub id: &'static str,
    /// Author or publisher, title and year.
    #[serde(serialize_with = "crate::tape::static_text")]
    pub citation: &'static str,
    /// Where to read it (empty when no stable public address is known).
    #[serde(serialize_with = "crate::tape::static_text")]
    pub url: &'static str,
}

/// Every source a benchmark or a launch-readiness rule ([`crate::launch`]) cites.
pub const SOURCES: &[Source] = &[
    Source {
        id: "june-stickiness",
        citation: "June, \"Stickiness benchmark\" (DAU/MAU and DAU/WAU bands; the DAU/WAU table credited to Sequoia)",
        url: "https://help.june.so/en/articles/4752354-stickiness-benchmark",
    },
    Source {
        id: "rachitsky-retention",
        citation: "Lenny Rachitsky & Casey Winters, \"What is good retention\", Lenny's Newsletter, June 2020 (six-month user retention, good / great)",
        url: "https://www.lennysnewsletter.com/p/what-is-good-retention-issue-29",
    },
    Source {
        id: "rachitsky-activation",
        citation: "Lenny Rachitsky & Yuriy Timen, \"What is a good activation rate\", Lenny's Newsletter, 2022 (average 34%, SaaS average 36%)",
        url: "https://www.lennysnewsletter.com/p/what-is-a-good-activation-rate",
    },
    Source {
        id: "userpilot-feature-adoption",
        citation: "Userpilot, Product Metrics Benchmark Report 2024, 547 SaaS companies (average core feature adoption 24.5%)",
        url: "https://userpilot.com/blog/feature-fatigue/",
    },
    Source {
        id: "userpilot-time-to-value",
        citation: "Userpilot, Product Metrics Benchmark Report 2024 (time to value: 1 day, 12 hours, 23 minutes)",
        url: "https://userpilot.com/blog/ltv-optimization/",
    },
    Source {
        id: "ellis-40",
        citation: "First Round Review, \"How Superhuman built an engine to find product/market fit\" (Sean Ellis's 40% very-disappointed bar)",
        url: "https://review.firstround.com/how-superhuman-built-an-engine-to-find-product-market-fit/",
    },
    Source {
        id: "bain-nps-average",
        citation: "Frederick Reichheld (Bain & Company), The Ultimate Question: \"the average firm sputters along at an NPS efficiency of only 5-10%\"",
        url: "http://www.theultimatequestion.com/theultimatequestion/measuring_netpromoter.asp",
    },
    Source {
        id: "bain-nps-leaders",
        citation: "Bain & Company, \"The Benefits of a Competitive Benchmark Net Promoter Score\": loyalty leaders such as Apple or USAA achieve 75% to 85%",
        url: "https://www.bain.com/insights/the-benefits-of-a-competitive-benchmark-net-promoter-score/",
    },
    Source {
        id: "surveymonkey-csat",
        citation: "SurveyMonkey, \"What is a good CSAT score?\": a good CSAT generally falls between 70% and 85%",
        url: "https://www.surveymonkey.com/mp/what-is-good-csat-score/",
    },
    Source {
        id: "sauro-sus-average",
        citation: "J. Sauro, A Practical Guide to the System Usability Scale (Measuring Usability LLC, 2011), as MeasuringU, \"Measuring Usability with the System Usability Scale (SUS)\", summarises it: \"The average SUS score from all 500 studies is a 68\"",
        url: "https://measuringu.com/sus/",
    },
    Source {
        id: "sauro-lewis-sus-grades",
        citation: "J. Sauro & J. R. Lewis, Quantifying the User Experience, 2nd ed. (Morgan Kaufmann, 2016), Table 8.5, the curved grading scale: B from 74.1 (the 70th percentile), A from 80.8 (the 90th)",
        url: "",
    },
    Source {
        id: "sequoia-1b",
        citation: "Sequoia Capital, \"Elements of Sustainable Companies\": \"a market on the path to a $1B potential\" (as reproduced by TechCrunch, 20 March 2008)",
        url: "https://techcrunch.com/2008/03/20/sequoias-gospel-of-startups-more-true-than-ever/",
    },
    Source {
        id: "bcg-growth-share",
        citation: "BCG growth-share matrix: market growth of 10% a year is the usual high/low cut-off (Wikipedia, \"Growth-share matrix\")",
        url: "https://en.wikipedia.org/wiki/Growth%E2%80%93share_matrix",
    },
    Source {
        id: "skok-saas-metrics",
        citation: "David Skok, \"SaaS Metrics 2.0\", forEntrepreneurs: LTV > 3x CAC; recover CAC in under 12 months",
        url: "https://www.forentrepreneurs.com/saas-metrics-2/",
    },
    Source {
        id: "bessemer-payback",
        citation: "Bessemer Venture Partners, \"10 Laws of Cloud\", law 6: CAC payback 6-18 months for SMB, 24-36 tolerated for enterprise",
        url: "",
    },
    Source {
        id: "welch-number-one-two",
        citation: "Jack Welch, GE strategy of 1981: be No. 1 or No. 2 in every market (Jack: Straight from the Gut, 2001)",
        url: "",
    },
    Source {
        id: "b2b-win-rate",
        citation: "HubSpot sales survey (about 21%) and Ebsta x Pavilion B2B Sales Benchmarks 2025 (19% to 29%), as reported: average B2B win rate about 20%",
        url: "",
    },
    Source {
        id: "traction-bullseye",
        citation: "Gabriel Weinberg & Justin Mares, Traction: How Any Startup Can Achieve Explosive Customer Growth (2015), the Bullseye framework: test the three most promising traction channels in parallel",
        url: "https://traction.usefedora.com/courses/traction-a-startup-guide-to-getting-customers/lectures/26513",
    },
];

/// A set of [`SOURCES`], one bit each by position: what a curve's benchmark
/// points cite, kept with the curve ([`crate::analyzer::options::Config`])
/// so that a result's sources are a union of bits rather than a search by
/// name for every point of every curve.
// Read by the scorer only: other parts cite SOURCES by id.
#[cfg_attr(not(feature = "score"), allow(dead_code))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct SourceSet(u64);

// One bit a source.
const _: () = assert!(SOURCES.len() <= 64);

#[cfg_attr(not(feature = "score"), allow(dead_code))]
impl SourceSet {
    /// The sources the benchmark points of `curve` cite (ids not in
    /// [`SOURCES`] cite nothing).
    pub(crate) fn of(curve: &Curve) -> SourceSet {
        let mut bits = 0;
        for id in curve.anchors.iter().filter_map(|a| a.source) {
            if let Some(i) = SOURCES.iter().position(|s| s.id == id) {
                bits |= 1 << i;
            }
        }
        SourceSet(bits)
    }

    /// The sources in either set.
    pub(crate) fn union(self, other: SourceSet) -> SourceSet {
        SourceSet(self.0 | other.0)
    }

    /// The sources in the set, in the order of [`SOURCES`].
    pub(crate) fn sources(self) -> impl Iterator<Item = &'static Source> {
        SOURCES
            .iter()
            .enumerate()
            .filter(move |(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, s)| s)
    }
}

/// A named set of benchmarks and weights for one kind of product.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Preset {
    /// B2B SaaS selling to small and mid-market companies (the default).
    B2bSaas,
    /// SaaS sold to enterprises.
    EnterpriseSaas,
    /// Consumer subscription apps.
    ConsumerSubscription,
    /// Consumer social apps.
    ConsumerSocial,
}

impl Preset {
    /// All presets.
    pub const ALL: [Preset; 4] = [
        Preset::B2bSaas,
        Preset::EnterpriseSaas,
        Preset::ConsumerSubscription,
        Preset::ConsumerSocial,
    ];

    /// The id used in options.
    pub fn as_str(self) -> &'static str {
        match self {
            Preset::B2bSaas => "b2b-saas",
            Preset::EnterpriseSaas => "enterprise-saas",
            Preset::ConsumerSubscription => "consumer-subscription",
            Preset::ConsumerSocial => "consumer-social",
        }
    }

    /// Looks a preset up by id.
    pub fn parse(id: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.as_str() == id)
    }

    /// A human name.
    pub fn name(self) -> &'static str {
        match self {
            Preset::B2bSaas => "B2B SaaS (SMB and mid-market)",
            Preset::EnterpriseSaas => "Enterprise SaaS",
            Preset::ConsumerSubscription => "Consumer subscription",
            Preset::ConsumerSocial => "Consumer social",
        }
    }

    /// A short human name, for sentences: "great for B2B SaaS".
    pub fn short_name(self) -> &'static str {
        match self {
            Preset::B2bSaas => "B2B SaaS",
            Preset::EnterpriseSaas => "enterprise SaaS",
            Preset::ConsumerSubscription => "consumer subscriptions",
            Preset::ConsumerSocial => "consumer social apps",
        }
    }

    fn consumer(self) -> bool {
        matches!(self, Preset::ConsumerSubscription | Preset::ConsumerSocial)
    }

    /// Dimension weights, in [`crate::analyzer::metric_id::Dimension::ALL`] order, summing to 1.
    /// Behaviour outweighs opinion: retention curves and stickiness are the
    /// strongest evidence of fit (docs/methodology.md, "Weights").
    pub fn dimension_weights(self) -> [f64; 5] {
        match self {
            Preset::B2bSaas => [0.30, 0.15, 0.25, 0.15, 0.15],
            Preset::EnterpriseSaas => [0.30, 0.15, 0.20, 0.20, 0.15],
            Preset::ConsumerSubscription => [0.35, 0.15, 0.25, 0.10, 0.15],
            Preset::ConsumerSocial => [0.45, 0.15, 0.20, 0.10, 0.10],
        }
    }

    /// A metric's weight within its dimension: the weights of a
    /// dimension's metrics that are not optional sum to 1; an optional
    /// metric's ([`MetricId::optional`]) is relative to them, and joins their
    /// sum only when the metric has data (weights are normalised over the
    /// metrics with data: docs/methodology.md, "Weights").
    pub fn metric_weight(self, metric: MetricId) -> f64 {
        use MetricId::*;
        match metric {
            RetentionRate => 0.50,
            DauMauRatio => 0.35,
            DauWauRatio => 0.15,
            AdoptionRate => 0.50,
            FeatureAdoption => 0.25,
            TimeToAdoption => 0.25,
            SeanEllisShare => 0.40,
            NpsScore => 0.30,
            CsatShare => 0.20,
            FeatureSatisfaction => 0.10,
            // Optional (MetricId::optional): added to the four above only
            // when given, so it is not part of their sum of 1.
            SusScore => 0.15,
            TargetMarketSize => 0.30,
            GrowthRate => 0.20,
            LtvToCac => 0.30,
            CacPaybackMonths => 0.20,
            HeadToHead => 0.30,
            MarketPosition => 0.25,
            WinRate => 0.15,
            CompetitiveAdvantage => 0.15,
            DifferentiationScore => 0.15,
        }
    }

    /// The benchmark curve of a metric under this preset.
    pub fn curve(self, metric: MetricId) -> Curve {
        use MetricId::*;
        let b = Anchor::benchmark;
        let end = Anchor::scale_end;
        match metric {
            // June's stickiness tables: (average, good, great) per category.
            DauMauRatio if self.consumer() => stickiness_curve(0.30, 0.40, 0.50),
            DauMauRatio => stickiness_curve(0.15, 0.20, 0.30),
            DauWauRatio if self.consumer() => stickiness_curve(0.45, 0.60, 0.75),
            DauWauRatio => stickiness_curve(0.22, 0.30, 0.45),
            RetentionRate => {
                let (good, great) = match self {
                    Preset::B2bSaas => (0.60, 0.80),
                    Preset::EnterpriseSaas => (0.70, 0.90),
                    Preset::ConsumerSubscription => (0.40, 0.70),
                    Preset::ConsumerSocial => (0.25, 0.45),
                };
                Curve::linear(vec![
                    end(0.0, 0.0),
                    b(good, GOOD, "good", "rachitsky-retention"),
                    b(great, GREAT, "great", "rachitsky-retention"),
                    end(1.0, 100.0),
                ])
            }
            AdoptionRate => {
                let avg = if self.consumer() { 0.34 } else { 0.36 };
                Curve::linear(vec![
                    end(0.0, 0.0),
                    b(avg, AVG, "average", "rachitsky-activation"),
                    end(1.0, 100.0),
                ])
            }
            FeatureAdoption => Curve::linear(vec![
                end(0.0, 0.0),
                b(0.245, AVG, "average", "userpilot-feature-adoption"),
                end(1.0, 100.0),
            ]),
            // 1 day, 12 hours, 23 minutes = 1.516 days.
            TimeToAdoption => Curve::linear(vec![
                end(0.0, 100.0),
                b(
                    1.0 + 12.0 / 24.0 + 23.0 / 1440.0,
                    AVG,
                    "average",
                    "userpilot-time-to-value",
                ),
                end(30.0, 0.0),
            ]),
            SeanEllisShare => Curve::linear(vec![
                end(0.0, 0.0),
                b(0.40, GOOD, "good", "ellis-40"),
                end(1.0, 100.0),
            ]),
            NpsScore => Curve::linear(vec![
                end(-100.0, 0.0),
                b(10.0, AVG, "average", "bain-nps-average"),
                b(75.0, GREAT, "great", "bain-nps-leaders"),
                end(100.0, 100.0),
            ]),
            CsatShare | FeatureSatisfaction => Curve::linear(vec![
                end(0.0, 0.0),
                b(0.70, GOOD, "good", "surveymonkey-csat"),
                b(0.85, GREAT, "great", "surveymonkey-csat"),
                end(1.0, 100.0),
            ]),
            // The SUS database's mean, then the lower bounds of grades B
            // and A on Sauro and Lewis's curved scale (research::sus::SUS_GRADES).
            SusScore => Curve::linear(vec![
                end(0.0, 0.0),
                b(68.0, AVG, "average", "sauro-sus-average"),
                b(74.1, GOOD, "good", "sauro-lewis-sus-grades"),
                b(80.8, GREAT, "great", "sauro-lewis-sus-grades"),
                end(100.0, 100.0),
            ]),
            TargetMarketSize => Curve::log10(vec![
                end(1e7, 0.0),
                b(1e9, GOOD, "good", "sequoia-1b"),
                end(1e11, 100.0),
            ]),
            GrowthRate => Curve::linear(vec![
                end(-0.10, 0.0),
                b(0.10, GOOD, "good", "bcg-growth-share"),
                end(0.50, 100.0),
            ]),
            LtvToCac => Curve::linear(vec![
                end(0.0, 0.0),
                b(3.0, GOOD, "good", "skok-saas-metrics"),
                end(10.0, 100.0),
            ]),
            CacPaybackMonths => {
                let mut anchors = vec![end(0.0, 100.0)];
                if self == Preset::EnterpriseSaas {
                    anchors.push(b(24.0, GOOD, "good", "bessemer-payback"));
                    anchors.push(b(36.0, AVG, "average", "bessemer-payback"));
                    anchors.push(end(72.0, 0.0));
                } else {
                    anchors.push(b(6.0, GREAT, "great", "bessemer-payback"));
                    anchors.push(b(12.0, GOOD, "good", "skok-saas-metrics"));
                    anchors.push(b(18.0, AVG, "average", "bessemer-payback"));
                    anchors.push(end(36.0, 0.0));
                }
                Curve::linear(anchors)
            }
            MarketPosition => Curve::linear(vec![
                end(1.0, 100.0),
                b(2.0, GREAT, "great", "welch-number-one-two"),
                end(10.0, 0.0),
            ]),
            CompetitiveAdvantage | DifferentiationScore => {
                Curve::linear(vec![end(0.0, 0.0), end(10.0, 100.0)])
            }
            WinRate => Curve::linear(vec![
                end(0.0, 0.0),
                b(0.20, AVG, "average", "b2b-win-rate"),
                end(1.0, 100.0),
            ]),
            // Points ahead of the best competitor, on the sub-score scale:
            // parity is "good"; each point ahead adds a point.
            HeadToHead => Curve::linear(vec![
                end(-GOOD, 0.0),
                Anchor {
                    value: 0.0,
                    score: GOOD,
                    label: "parity",
                    source: None,
                },
                end(100.0 - GOOD, 100.0),
            ]),
        }
    }
}

/// A stickiness ratio's curve through June's average / good / great marks.
fn stickiness_curve(average: f64, good: f64, great: f64) -> Curve {
    Curve::linear(vec![
        Anchor::scale_end(0.0, 0.0),
        Anchor::benchmark(average, AVG, "average", "june-stickiness"),
        Anchor::benchmark(good, GOOD, "good", "june-stickiness"),
        Anchor::benchmark(great, GREAT, "great", "june-stickiness"),
        Anchor::scale_end(1.0, 100.0),
    ])
}

/// Looks a source up by id.
pub fn source(id: &str) -> Option<&'static Source> {
    SOURCES.iter().find(|s| s.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_curve_is_valid_and_every_source_exists() {
        for preset in Preset::ALL {
            let w: f64 = preset.dimension_weights().iter().sum();
            assert!((w - 1.0).abs() < 1e-9, "{preset:?} weights sum to {w}");
            for dim in crate::analyzer::metric_id::Dimension::ALL {
                let sum: f64 = MetricId::ALL
                    .iter()
                    .filter(|m| m.dimension() == dim && !m.optional())
                    .map(|m| preset.metric_weight(*m))
                    .sum();
                assert!(
                    (sum - 1.0).abs() < 1e-9,
                    "{preset:?} {dim:?} metric weights sum to {sum}"
                );
            }
            for m in MetricId::ALL.into_iter().filter(|m| m.optional()) {
                let w = preset.metric_weight(m);
                assert!(w > 0.0 && w < 1.0, "{preset:?} {m:?} weighs {w}");
            }
            for metric in MetricId::ALL {
                let curve = preset.curve(metric);
                assert!(curve.is_valid(), "{preset:?} {metric:?}");
                for a in &curve.anchors {
                    if let Some(id) = a.source {
                        assert!(source(id).is_some(), "unknown source {id}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_sus_curve_by_hand() {
        use crate::research::sus::{sus_grade, SUS_GRADES};
        for preset in Preset::ALL {
            let curve = preset.curve(MetricId::SusScore);
            // The anchors, and 71.1 between average and good:
            // 40 + (71.1 - 68) / (74.1 - 68) * 20 = 40 + 3.1 / 6.1 * 20 = 50.163934...
            for (value, score) in [
                (0.0, 0.0),
                (68.0, 40.0),
                (74.1, 60.0),
                (80.8, 80.0),
                (100.0, 100.0),
            ] {
                assert_eq!(curve.score(value), score, "{preset:?} {value}");
            }
            assert!((curve.score(71.1) - 50.163_934_426_229_51).abs() < 1e-9);
            // 34 is half of 68: 20; 90.4 is halfway from 80.8 to 100: 90.
            assert!((curve.score(34.0) - 20.0).abs() < 1e-9);
            assert!((curve.score(90.4) - 90.0).abs() < 1e-9);
            assert!(curve.higher_is_better());
            assert_eq!(curve.band(74.0), "at or above average");
            assert_eq!(curve.next_benchmark(75.0).map(|a| a.value), Some(80.8));
        }
        // "good" and "great" are the lower bounds of grades B and A.
        let lowest = |g: &str| {
            SUS_GRADES
                .iter()
                .find(|(grade, _)| *grade == g)
                .map(|x| x.1)
        };
        assert_eq!(lowest("B"), Some(74.1));
        assert_eq!(lowest("A"), Some(80.8));
        assert_eq!((sus_grade(74.1), sus_grade(80.8)), ("B", "A"));
    }
}
