//! The join itself: the behaviour checked and its names resolved, each
//! placed respondent's active days and feature use read, and the groups'
//! metrics; with what was not matched, or may be undercounted, said.

use super::respondents::Respondents;
use super::usage::UserDays;
use super::{AdoptionSplit, Matching, RespondentGroup, SurveyBehaviour, TIERS, WINDOW_DAYS};
use crate::events::{names, EventColumns, EventsConfig};
use crate::input::csv::DetectedColumn;
use crate::input::problem::{InputError, Problem};
use crate::input::warning::Warning;
use crate::survey::metrics::{changes, nps_summary, pmf_summary};
use crate::survey::options::SurveyConfig;
use crate::survey::tally::GroupTally;

/// Share of respondents not matched above which the result warns.
const UNMATCHED_WARNING_SHARE: f64 = 0.05;

/// The usage events to join the respondents to.
#[derive(Debug, Clone, Copy)]
pub struct Behaviour<'a> {
    /// The events: user ids, times (ms since the epoch, UTC) and, to split by features, names.
    pub events: &'a EventColumns,
    /// The text of each user id when the ids were given as text (id `i` is `id_texts[i]`);
    /// `None` when the ids are the numbers themselves, matched to the survey's ids read as
    /// whole numbers.
    pub id_texts: Option<&'a [String]>,
}

/// The join of the placed respondents with the behaviour; an error when the
/// behaviour is invalid or no respondent is matched. Warnings say what was
/// not matched or may be undercounted.
pub(crate) fn build(
    respondents: Respondents,
    behaviour: &Behaviour,
    user_column: DetectedColumn,
    config: &SurveyConfig,
) -> Result<(SurveyBehaviour, Vec<Warning>), InputError> {
    let events = behaviour.events;
    let resolved = resolve(events, config)?;
    if respondents.placed.is_empty() {
        return Err(none_matched(&respondents, behaviour, &user_column));
    }
    let days = UserDays::read(
        events,
        resolved.as_ref(),
        respondents.placed.iter().map(|r| r.user).collect(),
    );
    let mut warnings = resolved
        .as_ref()
        .map(|r| r.warnings.clone())
        .unwrap_or_default();
    warnings.extend(matching_warnings(&respondents, &user_column));
    let mut tiers = vec![GroupTally::default(); TIERS.len()];
    let features = resolved.as_ref().map_or(0, |r| r.features.len());
    let mut adoption = vec![(GroupTally::default(), GroupTally::default()); features];
    let mut users: Vec<u32> = Vec::with_capacity(respondents.placed.len());
    for r in &respondents.placed {
        let active = days.active_days(r.user, r.day.saturating_sub(WINDOW_DAYS - 1), r.day);
        let tier = TIERS
            .iter()
            .position(|(_, to)| active <= *to)
            .unwrap_or(TIERS.len() - 1);
        tiers[tier].count_answers(r.answers);
        for (f, (adopters, others)) in adoption.iter_mut().enumerate() {
            let group = if days.used_by(r.user, f as u32, r.day) {
                adopters
            } else {
                others
            };
            group.count_answers(r.answers);
        }
        users.push(r.user);
    }
    warnings.extend(coverage_warning(events, &respondents));
    users.sort_unstable();
    users.dedup();
    let group = |label: &str, active_days: Option<[u32; 2]>, g: &GroupTally| RespondentGroup {
        label: label.to_string(),
        active_days,
        respondents: g.responses,
        nps: nps_summary(g, config),
        pmf: pmf_summary(g, config),
    };
    let by_engagement = TIERS
        .iter()
        .zip(&tiers)
        .map(|(&(from, to), g)| {
            let label = if from == to {
                from.to_string()
            } else {
                format!("{from}-{to}")
            };
            group(&label, Some([from, to]), g)
        })
        .collect();
    let by_adoption = resolved
        .map(|r| r.features)
        .unwrap_or_default()
        .into_iter()
        .zip(&adoption)
        .map(|((feature, events), (adopters, others))| {
            let (adopters, others) = (
                group("adopters", None, adopters),
                group("others", None, others),
            );
            let (nps_difference, pmf_difference, _) = changes(
                (others.nps.as_ref(), others.pmf.as_ref(), None),
                (adopters.nps.as_ref(), adopters.pmf.as_ref(), None),
                config,
            );
            AdoptionSplit {
                feature,
                events,
                adopters,
                others,
                nps_difference,
                pmf_difference,
            }
        })
        .collect();
    let matching = Matching {
        respondents: respondents.rows,
        matched: respondents.placed.len() as u64,
        users: users.len() as u64,
        without_user: respondents.without_user,
        unmatched: respondents.unmatched,
        without_date: respondents.without_date,
        unmatched_examples: respondents.unmatched_examples,
    };
    Ok((
        SurveyBehaviour {
            user_column,
            matching,
            window_days: WINDOW_DAYS as u32,
            by_engagement,
            by_adoption,
        },
        warnings,
    ))
}

/// The behaviour checked (its problems under `options.behaviour`) and its
/// names resolved against the features; `None` without names.
fn resolve(
    events: &EventColumns,
    config: &SurveyConfig,
) -> Result<Option<names::ResolvedNames>, InputError> {
    let under = |e: InputError| e.under("survey behaviour", "options.behaviour");
    crate::events::check_event_columns(events).map_err(under)?;
    let Some(given) = &events.names else {
        if let Some((feature, _)) = config.behaviour_features.first() {
            return Err(InputError::new(
                "survey behaviour",
                vec![Problem::new(
                    "options.behaviour.eventNames",
                    "nothing",
                    format!("the events' names: options.features (\"{feature}\"...) says which events mean each feature was used"),
                )],
            ));
        }
        return Ok(None);
    };
    let mut per_code = vec![0u64; given.dictionary.len()];
    for &code in &given.codes {
        if let Some(n) = per_code.get_mut(code as usize) {
            *n += 1;
        }
    }
    let events_config = EventsConfig {
        features: config.behaviour_features.clone(),
        ..EventsConfig::default()
    };
    names::resolve(&given.dictionary, &per_code, &events_config)
        .map(Some)
        .map_err(under)
}

/// The error when no respondent could be matched: why, with examples of
/// both sides' ids.
fn none_matched(r: &Respondents, behaviour: &Behaviour, column: &DetectedColumn) -> InputError {
    let quoted = |ids: &mut dyn Iterator<Item = String>| {
        ids.take(3)
            .map(|t| format!("\"{t}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let theirs = match behaviour.id_texts {
        Some(texts) => quoted(&mut texts.iter().cloned()),
        None => quoted(&mut behaviour.events.user_ids.iter().map(|n| n.to_string())),
    };
    let (path, value, hint) = if r.unmatched > 0 && r.unmatched >= r.without_date {
        let hint = if r.unmatched_by_case > 0 {
            format!("{} of them match when case is ignored: the survey and the events write the ids differently", r.unmatched_by_case)
        } else {
            format!(
                "the survey's ids ({}) look unlike the events' ({theirs}): is \"{}\" the column of the ids the events carry? name the right one in options.columns.user",
                quoted(&mut r.unmatched_examples.iter().cloned()),
                column.header
            )
        };
        (
            "options.columns.user",
            format!(
                "\"{}\", none of whose {} ids is among behaviour.userIds",
                column.header, r.unmatched
            ),
            hint,
        )
    } else if r.without_date > 0 {
        (
            "options.columns.date",
            format!("{} matched respondents, none with a readable answer date", r.without_date),
            "name the completion date column in options.columns.date (and options.dateOrder if its day and month are ambiguous)".to_string(),
        )
    } else {
        (
            "options.columns.user",
            format!(
                "\"{}\", empty in all {} respondents' rows",
                column.header, r.rows
            ),
            "name the column of user ids in options.columns.user".to_string(),
        )
    };
    InputError::new(
        "survey behaviour",
        vec![Problem::new(
            path,
            value,
            "respondents matched to the users of options.behaviour",
        )
        .with_hint(Some(hint))],
    )
}

/// Warnings when many respondents were not matched, or had no date.
fn matching_warnings(r: &Respondents, column: &DetectedColumn) -> Vec<Warning> {
    let mut out = Vec::new();
    let not_placed = r.unmatched + r.without_user;
    if not_placed as f64 > UNMATCHED_WARNING_SHARE * r.rows as f64 {
        let examples: Vec<String> = r
            .unmatched_examples
            .iter()
            .map(|t| format!("\"{t}\""))
            .collect();
        let case = if r.unmatched_by_case > 0 {
            format!("; {} match when case is ignored", r.unmatched_by_case)
        } else {
            String::new()
        };
        out.push(Warning::new(
            "respondents_unmatched",
            "behaviour.matching",
            format!(
                "{not_placed} of {} respondents were not matched to a user ({} with no id in \"{}\", {} with an id not among behaviour.userIds{}{case}): they are left out of byEngagement and byAdoption; if the column is the wrong one, name it in options.columns.user",
                r.rows,
                r.without_user,
                column.header,
                r.unmatched,
                if examples.is_empty() { String::new() } else { format!(", such as {}", examples.join(", ")) },
            ),
        ));
    }
    if r.without_date > 0 {
        out.push(Warning::new(
            "respondents_undated",
            "behaviour.matching",
            format!(
                "{} matched respondents have no readable answer date: they are left out of byEngagement and byAdoption",
                r.without_date
            ),
        ));
    }
    out
}

/// A warning when answers' windows reach beyond the days the events cover:
/// their users' active days may be undercounted there.
fn coverage_warning(events: &EventColumns, r: &Respondents) -> Option<Warning> {
    let (mut first, mut last) = (f64::INFINITY, f64::NEG_INFINITY);
    for &t in &events.timestamps_ms {
        first = first.min(t);
        last = last.max(t);
    }
    let day = |ms: f64| (ms / crate::calendar::MS_PER_DAY).floor() as i64;
    let (first, last) = (day(first), day(last));
    let beyond = r
        .placed
        .iter()
        .filter(|p| p.day.saturating_sub(WINDOW_DAYS - 1) < first || p.day > last)
        .count();
    (beyond > 0).then(|| {
        Warning::new(
            "answers_beyond_events",
            "behaviour.byEngagement",
            format!(
                "{beyond} of {} answers have 28 days before them reaching outside the days the events cover ({} to {}): their users' active days there are not known, so they may sit in too low a tier",
                r.placed.len(),
                crate::calendar::iso_date(first),
                crate::calendar::iso_date(last),
            ),
        )
    })
}
