//! Waves of one survey file: the answers split by their completion month or
//! quarter, with NPS, the Sean Ellis share and CSAT per wave and the change
//! from the wave before, by `compareSurveys`' statistics ([`super::compare`]).

use super::metrics::changes;
use super::options::SurveyConfig;
use super::report::{csat_summary, nps_summary, pmf_summary, SurveyWaves, WaveChange, WaveSummary};
use super::tally::Tally;

/// The waves of a tally split by completion date; `None` when it was not.
pub fn build(tally: &Tally, column: &str, c: &SurveyConfig) -> Option<SurveyWaves> {
    let period = c.waves.filter(|_| tally.layout.waves)?;
    let mut waves: Vec<WaveSummary> = Vec::with_capacity(tally.waves.groups.len());
    // Labels sort as their periods do: 2026-09 < 2026-10, 2026-Q3 < 2026-Q4.
    for (wave, g) in &tally.waves.groups {
        let summary = WaveSummary {
            wave: wave.clone(),
            responses: g.responses,
            nps: nps_summary(g, c),
            pmf: pmf_summary(g, c),
            csat: csat_summary(g, c),
            change_from_previous: None,
        };
        let change = waves.last().map(|before| {
            let (nps, pmf, csat) = changes(
                (
                    before.nps.as_ref(),
                    before.pmf.as_ref(),
                    before.csat.as_ref(),
                ),
                (
                    summary.nps.as_ref(),
                    summary.pmf.as_ref(),
                    summary.csat.as_ref(),
                ),
                c,
            );
            WaveChange {
                from: before.wave.clone(),
                nps,
                pmf,
                csat,
            }
        });
        waves.push(WaveSummary {
            change_from_previous: change,
            ..summary
        });
    }
    Some(SurveyWaves {
        period: period.as_str().to_string(),
        column: column.to_string(),
        waves,
        rows_without_date: tally.rows_without_date,
    })
}
