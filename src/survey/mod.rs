//! Survey analysis from raw answers: NPS, the Sean Ellis 40% test and CSAT,
//! each with a confidence interval, from a CSV export or from arrays, with
//! every unused row reported; two waves compared.
//!
//! ```
//! use market_validation::survey::{analyze_survey_csv, SurveyConfig};
//! let csv = "Role,How likely are you to recommend us?,How would you feel if you could no longer use it?\n\
//!            Dev,10,Very disappointed\nDev,9,Somewhat disappointed\nPM,6,Not disappointed\n";
//! let report = analyze_survey_csv(csv.as_bytes(), &SurveyConfig::default()).unwrap();
//! let nps = report.nps.unwrap();
//! assert_eq!((nps.promoters, nps.passives, nps.detractors), (2, 0, 1));
//! assert!((nps.score - 33.333333333333336).abs() < 1e-9);
//! ```

pub(crate) mod answers;
mod csv_input;
mod options;
pub mod report;
pub(crate) mod tally;

pub use options::{NpsMethod, SurveyColumns, SurveyConfig, SurveyOptions, MAX_FEATURE_COLUMNS};
pub use report::SurveyAnalysis;

use crate::input::csv::DetectedColumn;
use crate::input::problem::{InputError, Problem};
use crate::input::row_issues::RowId;
use answers::Cell;
use serde::Serialize;
use tally::{Layout, RowCells, Tally};

/// The column of each question, as found.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct DetectedColumns {
    /// The NPS question.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nps: Option<DetectedColumn>,
    /// The Sean Ellis question.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pmf: Option<DetectedColumn>,
    /// The satisfaction question.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub csat: Option<DetectedColumn>,
    /// The segment column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segment: Option<DetectedColumn>,
    /// Feature rating columns.
    pub features: Vec<DetectedColumn>,
}

/// One answer given as a value rather than CSV text.
#[derive(Debug, Clone, PartialEq)]
pub enum AnswerValue {
    /// A number.
    Number(f64),
    /// Text.
    Text(String),
    /// `null`, `undefined` or missing.
    Blank,
    /// A value no answer can be, described.
    Other(&'static str),
}

impl AnswerValue {
    fn cell(&self) -> Cell<'_> {
        match self {
            AnswerValue::Number(n) => Cell::Number(*n),
            AnswerValue::Text(t) => Cell::Text(t.as_bytes()),
            AnswerValue::Blank => Cell::Blank,
            AnswerValue::Other(what) => Cell::Other(what),
        }
    }
}

/// Answers given as arrays, one item per respondent; every array given must
/// have the same length.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SurveyAnswers {
    /// 0..10 answers.
    pub nps: Option<Vec<AnswerValue>>,
    /// Sean Ellis answers.
    pub pmf: Option<Vec<AnswerValue>>,
    /// 1..5 satisfaction answers.
    pub csat: Option<Vec<AnswerValue>>,
    /// Segment names.
    pub segment: Option<Vec<AnswerValue>>,
    /// Feature name -> 1..5 ratings.
    pub features: Vec<(String, Vec<AnswerValue>)>,
}

/// Analyses a CSV export (UTF-8, with a header line; `,` `;` tab or `|`).
pub fn analyze_survey_csv(
    bytes: &[u8],
    config: &SurveyConfig,
) -> Result<SurveyAnalysis, InputError> {
    let (tally, columns) = csv_input::read_csv(bytes, config)?;
    finish(tally, columns, config)
}

/// Analyses answers given as arrays.
pub fn analyze_survey_answers(
    answers: &SurveyAnswers,
    config: &SurveyConfig,
) -> Result<SurveyAnalysis, InputError> {
    let (tally, columns) = tally_answers(answers)?;
    finish(tally, columns, config)
}

fn finish(
    tally: Tally,
    columns: DetectedColumns,
    config: &SurveyConfig,
) -> Result<SurveyAnalysis, InputError> {
    if tally.all.responses == 0 {
        let value = if tally.skipped.count == 0 {
            "no answer rows".to_string()
        } else {
            format!("no usable answer ({})", tally.skipped.summary())
        };
        return Err(InputError::new(
            "survey",
            vec![Problem::new(
                "input",
                value,
                "at least one row with a usable answer to a question read",
            )],
        ));
    }
    Ok(report::build(&tally, columns, config))
}

fn tally_answers(a: &SurveyAnswers) -> Result<(Tally, DetectedColumns), InputError> {
    let mut named: Vec<(String, &Vec<AnswerValue>)> = Vec::new();
    for (key, column) in [
        ("nps", &a.nps),
        ("pmf", &a.pmf),
        ("csat", &a.csat),
        ("segment", &a.segment),
    ] {
        if let Some(c) = column {
            named.push((key.to_string(), c));
        }
    }
    for (name, c) in &a.features {
        named.push((
            format!("features[{}]", serde_json::Value::String(name.clone())),
            c,
        ));
    }
    let Some(len) = named.first().map(|(_, c)| c.len()) else {
        return Err(InputError::new(
            "survey",
            vec![Problem::new(
                "input",
                "an object with no answer arrays",
                "arrays of answers: nps, pmf, csat, segment or features",
            )],
        ));
    };
    let problems: Vec<Problem> = named
        .iter()
        .filter(|(_, c)| c.len() != len)
        .map(|(key, c)| {
            Problem::new(
                key.clone(),
                format!("an array of {} answers", c.len()),
                format!("{len} answers, as many as {}", named[0].0),
            )
        })
        .collect();
    if !problems.is_empty() {
        return Err(InputError::new("survey", problems));
    }
    let layout = Layout {
        nps: a.nps.as_ref().map(|_| "nps".to_string()),
        pmf: a.pmf.as_ref().map(|_| "pmf".to_string()),
        csat: a.csat.as_ref().map(|_| "csat".to_string()),
        segment: a.segment.as_ref().map(|_| "segment".to_string()),
        features: a.features.iter().map(|(n, _)| n.clone()).collect(),
    };
    let detected = DetectedColumns {
        nps: layout
            .nps
            .as_ref()
            .map(|h| DetectedColumn::new(h, 0, "array")),
        pmf: layout
            .pmf
            .as_ref()
            .map(|h| DetectedColumn::new(h, 1, "array")),
        csat: layout
            .csat
            .as_ref()
            .map(|h| DetectedColumn::new(h, 2, "array")),
        segment: layout
            .segment
            .as_ref()
            .map(|h| DetectedColumn::new(h, 3, "array")),
        features: layout
            .features
            .iter()
            .enumerate()
            .map(|(i, h)| DetectedColumn::new(h, 4 + i, "array"))
            .collect(),
    };
    let mut tally = Tally::new(layout);
    for i in 0..len {
        let feature = |f: usize| {
            a.features
                .get(f)
                .and_then(|(_, values)| values.get(i))
                .map_or(Cell::Blank, AnswerValue::cell)
        };
        let cells = RowCells {
            nps: cell_at(&a.nps, i),
            pmf: cell_at(&a.pmf, i),
            csat: cell_at(&a.csat, i),
            segment: cell_at(&a.segment, i),
            feature: &feature,
        };
        tally.push_row(RowId::Index(i as u64), cells);
    }
    Ok((tally, detected))
}

fn cell_at(column: &Option<Vec<AnswerValue>>, i: usize) -> Cell<'_> {
    column
        .as_ref()
        .and_then(|v| v.get(i))
        .map_or(Cell::Blank, AnswerValue::cell)
}

/// Two survey waves compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SurveyComparison {
    /// The change in NPS, when both waves asked it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nps: Option<Change>,
    /// The change in the Sean Ellis "very disappointed" share, when both waves asked it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pmf: Option<Change>,
    /// The change in CSAT share, when both waves asked it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub csat: Option<Change>,
    /// The first wave's analysis.
    pub before: SurveyAnalysis,
    /// The second wave's analysis.
    pub after: SurveyAnalysis,
}

/// One metric's change between waves.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Change {
    /// Value in the first wave.
    pub before: f64,
    /// Value in the second wave.
    pub after: f64,
    /// after - before (NPS in points; shares as fractions).
    pub change: f64,
    /// Interval on the change at the confidence level.
    pub interval: [f64; 2],
    /// True when the interval excludes 0: the change is distinguishable from no change.
    pub distinguishable: bool,
    /// How the interval was computed.
    pub method: String,
    /// In words.
    pub reading: String,
}

/// Compares two waves: the change in NPS (interval from the two samples'
/// variances, Rocks 2016), in the Sean Ellis share and in CSAT (Newcombe's
/// hybrid score interval for a difference of proportions).
pub fn compare(
    before: SurveyAnalysis,
    after: SurveyAnalysis,
    config: &SurveyConfig,
) -> SurveyComparison {
    let z = config.z;
    let pct = |x: f64| {
        format!(
            "{}%",
            crate::format::format_number((x * 1000.0).round() / 10.0)
        )
    };
    let nps = match (&before.nps, &after.nps) {
        (Some(b), Some(a)) => {
            let var = |s: &report::NpsSummary| {
                let (p, d, n) = (s.promoters as f64, s.detractors as f64, s.n as f64);
                match config.nps_method {
                    NpsMethod::AdjustedWald => {
                        let n3 = n + 3.0;
                        (
                            crate::stats::nps_variance((p + 0.75) / n3, (d + 0.75) / n3),
                            n3,
                        )
                    }
                    NpsMethod::Wald => (crate::stats::nps_variance(p / n, d / n), n),
                }
            };
            let ((vb, nb), (va, na)) = (var(b), var(a));
            let se = 100.0 * libm::sqrt(vb / nb + va / na);
            let change = a.score - b.score;
            let interval = [(change - z * se).max(-200.0), (change + z * se).min(200.0)];
            Some(change_of(
                b.score,
                a.score,
                change,
                interval,
                format!("{} two-sample", config.nps_method.as_str()),
                crate::format::format_short,
                " points",
            ))
        }
        _ => None,
    };
    let proportion = |b: Option<(f64, f64)>, a: Option<(f64, f64)>| -> Option<Change> {
        let ((sb, nb), (sa, na)) = (b?, a?);
        if nb <= 0.0 || na <= 0.0 {
            return None;
        }
        let (d, lo, hi) = crate::stats::proportion_difference(sb, nb, sa, na, z);
        Some(change_of(
            sb / nb,
            sa / na,
            d,
            [lo, hi],
            "newcombe-hybrid-score".into(),
            pct,
            "",
        ))
    };
    let pmf = proportion(
        before
            .pmf
            .as_ref()
            .map(|p| (p.very_disappointed as f64, p.n as f64)),
        after
            .pmf
            .as_ref()
            .map(|p| (p.very_disappointed as f64, p.n as f64)),
    );
    let csat = proportion(
        before
            .csat
            .as_ref()
            .map(|c| (c.satisfied as f64, c.n as f64)),
        after
            .csat
            .as_ref()
            .map(|c| (c.satisfied as f64, c.n as f64)),
    );
    SurveyComparison {
        nps,
        pmf,
        csat,
        before,
        after,
    }
}

fn change_of(
    before: f64,
    after: f64,
    change: f64,
    interval: [f64; 2],
    method: String,
    fmt: impl Fn(f64) -> String,
    unit: &str,
) -> Change {
    let distinguishable = interval[0] > 0.0 || interval[1] < 0.0;
    let direction = if change > 0.0 {
        "up"
    } else if change < 0.0 {
        "down"
    } else {
        "unchanged"
    };
    let reading = if distinguishable {
        format!(
            "{direction} from {} to {} ({}{unit}); the interval [{}, {}] excludes no change",
            fmt(before),
            fmt(after),
            signed(&fmt, change),
            fmt(interval[0]),
            fmt(interval[1])
        )
    } else {
        format!("{} to {} ({}{unit}) is not distinguishable from no change: the interval [{}, {}] includes 0", fmt(before), fmt(after), signed(&fmt, change), fmt(interval[0]), fmt(interval[1]))
    };
    Change {
        before,
        after,
        change,
        interval,
        distinguishable,
        method,
        reading,
    }
}

fn signed(fmt: &impl Fn(f64) -> String, x: f64) -> String {
    if x > 0.0 {
        format!("+{}", fmt(x))
    } else {
        fmt(x)
    }
}
