//! Messaging checks, feature by feature: is there messaging, positioning
//! and at least one key benefit, is the messaging the feature's own rather
//! than another feature's copied, and is each text real copy rather than a
//! placeholder?
//!
//! Two messages are compared by their words: lower-cased runs of letters and
//! digits (punctuation, case and spacing ignored). The same words in the
//! same order is a copy; sharing at least [`SIMILAR_SHARE_PERCENT`]% of
//! their distinct words (Jaccard similarity of the word sets) is near
//! enough to need a look.
//!
//! Placeholder text (the `placeholder_*` reasons) is found by the rules of
//! [`super::placeholder`]: a text templated across features with only the
//! feature's id or name changed, or nothing but that id and generic words;
//! a numbered placeholder ("Benefit 1"); or a marker (TODO, TBD, "lorem
//! ipsum", `{{…}}`, ...). The original launch coordinator's own mock
//! messaging read as aligned; it now needs review.

use super::findings::LaunchReason;
use super::placeholder::{self, Bare, Field, Placeholder};
use super::plan::{Feature, Messaging};
use super::{quoted, Positions, MAX_NAMED};
use crate::input::suggest::did_you_mean;
use serde::Serialize;

/// Two messages sharing at least this share (in percent) of their distinct
/// words are "similar" (our threshold: at 80%, at most one distinct word in
/// five differs, so one message is a light edit of the other).
pub const SIMILAR_SHARE_PERCENT: usize = 80;
/// Distinct words of a message compared for similarity: the first 64, which
/// covers any tagline or paragraph and bounds the pairwise comparison.
pub const MAX_COMPARED_WORDS: usize = 64;
/// Most unknown feature ids looked up for "did you mean" (each lookup
/// compares against every feature id).
const MAX_HINTED_IDS: usize = 20;
/// Most characters of a text quoted in a placeholder reason (a display
/// bound, ours: a tagline fits whole).
const MAX_QUOTED_CHARS: usize = 80;
/// Most key benefits of one feature given a `placeholder_key_benefit`
/// reason each; any more are counted in one last reason (a display bound,
/// ours).
const MAX_FLAGGED_BENEFITS: usize = 5;

/// How well a feature's messaging is in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum LaunchMessagingStatus {
    /// Messaging, positioning and key benefits are all there, the messaging is its own, and no
    /// text reads as a placeholder.
    Aligned,
    /// Positioning or key benefits are missing, the messaging is close to another feature's, or a
    /// text reads as a placeholder (templated, numbered, or with a marker such as TODO).
    NeedsReview,
    /// No messaging, or the same messaging as another feature.
    Misaligned,
}

/// One feature's messaging, checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchMessagingCheck {
    /// The feature's id.
    pub feature_id: String,
    /// Its display name, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The worst of its reasons; `aligned` when there are none.
    pub status: LaunchMessagingStatus,
    /// Every reason it is not aligned, in a fixed order: `no_messaging`, `missing_messaging`,
    /// `copied_messaging`, `missing_positioning`, `missing_key_benefits`, `similar_messaging`,
    /// `placeholder_messaging`, `placeholder_positioning`, then `placeholder_key_benefit` for each
    /// key benefit that reads as a placeholder, in list order (at most five, then one reason
    /// counting the rest).
    pub reasons: Vec<LaunchReason>,
    /// Its messaging entry (`featureMessaging[1]`), or the feature (`newFeatures[0]`) when it has
    /// none.
    pub path: String,
}

/// A messaging entry for an id that is not among the features.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OrphanMessaging {
    pub feature_id: String,
    pub path: String,
    pub hint: Option<String>,
}

/// What the messaging checks found.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MessagingReport {
    /// One per feature, in `newFeatures` order.
    pub checks: Vec<LaunchMessagingCheck>,
    pub orphans: Vec<OrphanMessaging>,
}

/// The words of a text: lower-cased runs of letters and digits.
pub(crate) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Checks every feature's messaging.
pub(crate) fn check(features: &[Feature], entries: &[Messaging]) -> MessagingReport {
    let (entry_of, orphans) = match_entries(features, entries);
    let texts: Vec<Option<Vec<String>>> = entry_of
        .iter()
        .map(|e| e.and_then(|e| e.messaging.as_deref()).map(words))
        .collect();
    let (copies, similar) = overlaps(&texts);
    let placeholders = placeholder::find(features, &entry_of);
    let checks = features
        .iter()
        .enumerate()
        .map(|(i, feature)| {
            let found = Overlaps {
                copies: copies.get(i).map(Vec::as_slice),
                similar: similar.get(i).map(Vec::as_slice),
            };
            let text = texts.get(i).and_then(Option::as_ref);
            feature_check(
                features,
                feature,
                entry_of.get(i).copied().flatten(),
                text,
                found,
                placeholders.get(i).map(Vec::as_slice).unwrap_or_default(),
            )
        })
        .collect();
    MessagingReport { checks, orphans }
}

/// Each feature's messaging entry (by position in `features`), and the
/// entries whose id is not a feature's.
fn match_entries<'m>(
    features: &[Feature],
    entries: &'m [Messaging],
) -> (Vec<Option<&'m Messaging>>, Vec<OrphanMessaging>) {
    let by_id = Positions::of(features.iter().map(|f| f.id.as_str()));
    let mut entry_of: Vec<Option<&Messaging>> = vec![None; features.len()];
    let mut orphans = Vec::new();
    for entry in entries {
        match by_id.get(&entry.feature_id) {
            Some(i) => {
                if let Some(slot) = entry_of.get_mut(i) {
                    *slot = Some(entry);
                }
            }
            None => {
                let hint = (orphans.len() < MAX_HINTED_IDS)
                    .then(|| {
                        did_you_mean(&entry.feature_id, features.iter().map(|f| f.id.as_str()))
                    })
                    .flatten()
                    .map(|id| format!("did you mean {id}?"));
                orphans.push(OrphanMessaging {
                    feature_id: entry.feature_id.clone(),
                    path: format!("{}.featureId", entry.path),
                    hint,
                });
            }
        }
    }
    (entry_of, orphans)
}

/// The other features a feature's messaging is a copy of, and those it is
/// near (with the share of words in common, in percent).
struct Overlaps<'a> {
    copies: Option<&'a [usize]>,
    similar: Option<&'a [(usize, usize)]>,
}

/// One feature's check: every reason found, and the worst status among them.
fn feature_check(
    features: &[Feature],
    feature: &Feature,
    entry: Option<&Messaging>,
    text: Option<&Vec<String>>,
    Overlaps { copies, similar }: Overlaps,
    placeholders: &[(Field, Placeholder)],
) -> LaunchMessagingCheck {
    let mut reasons: Vec<(LaunchMessagingStatus, LaunchReason)> = Vec::new();
    let reason = |status, code: &str, path: String, message: String| {
        (
            status,
            LaunchReason {
                code: code.to_string(),
                path: Some(path),
                message,
            },
        )
    };
    let names = |others: &[usize]| named(features, others);
    match entry {
        None => reasons.push(reason(
            LaunchMessagingStatus::Misaligned,
            "no_messaging",
            feature.path.clone(),
            format!("{} has no entry in featureMessaging", feature.id),
        )),
        Some(e) => {
            // A part of the entry that is not there.
            let missing = |status, code, field: &str, what: &str| {
                let path = format!("{}.{field}", e.path);
                reason(status, code, path, format!("{} has no {what}", feature.id))
            };
            // Messaging without a single word ("...") is no messaging.
            if text.is_none_or(Vec::is_empty) {
                let code = "missing_messaging";
                reasons.push(missing(
                    LaunchMessagingStatus::Misaligned,
                    code,
                    "messaging",
                    "messaging",
                ));
            }
            if let Some(others) = copies.filter(|o| !o.is_empty()) {
                reasons.push(reason(
                    LaunchMessagingStatus::Misaligned,
                    "copied_messaging",
                    format!("{}.messaging", e.path),
                    format!(
                        "{} has the same messaging as {} (compared ignoring case, punctuation and spacing)",
                        feature.id,
                        names(others)
                    ),
                ));
            }
            let review = LaunchMessagingStatus::NeedsReview;
            if e.positioning.is_none() {
                reasons.push(missing(
                    review,
                    "missing_positioning",
                    "positioning",
                    "positioning",
                ));
            }
            if e.key_benefits.is_empty() {
                reasons.push(missing(
                    review,
                    "missing_key_benefits",
                    "keyBenefits",
                    "key benefits",
                ));
            }
            if let Some(others) = similar.filter(|o| !o.is_empty()) {
                let closest = others.iter().map(|(_, share)| *share).max().unwrap_or(0);
                let ids: Vec<usize> = others.iter().map(|(j, _)| *j).collect();
                reasons.push(reason(
                    LaunchMessagingStatus::NeedsReview,
                    "similar_messaging",
                    format!("{}.messaging", e.path),
                    format!(
                        "{}'s messaging shares up to {closest}% of its words with that of {}",
                        feature.id,
                        names(&ids)
                    ),
                ));
            }
            reasons.extend(
                placeholder_reasons(features, feature, e, placeholders)
                    .into_iter()
                    .map(|r| (LaunchMessagingStatus::NeedsReview, r)),
            );
        }
    }
    LaunchMessagingCheck {
        feature_id: feature.id.clone(),
        name: feature.name.clone(),
        status: reasons
            .iter()
            .map(|(s, _)| *s)
            .max()
            .unwrap_or(LaunchMessagingStatus::Aligned),
        reasons: reasons.into_iter().map(|(_, r)| r).collect(),
        path: entry.map_or_else(|| feature.path.clone(), |e| e.path.clone()),
    }
}

/// The `placeholder_*` reasons of one feature's messaging entry, in the
/// order of [`LaunchMessagingCheck::reasons`].
fn placeholder_reasons(
    features: &[Feature],
    feature: &Feature,
    entry: &Messaging,
    found: &[(Field, Placeholder)],
) -> Vec<LaunchReason> {
    let id = &feature.id;
    let mut out = Vec::new();
    let mut benefits = 0;
    for (field, p) in found {
        let (code, at, what, of) = match field {
            Field::Messaging => (
                "placeholder_messaging",
                "messaging".to_string(),
                "messaging",
                "the messaging of",
            ),
            Field::Positioning => (
                "placeholder_positioning",
                "positioning".to_string(),
                "positioning",
                "the positioning of",
            ),
            Field::KeyBenefit(k) => {
                benefits += 1;
                if benefits > MAX_FLAGGED_BENEFITS {
                    continue;
                }
                (
                    "placeholder_key_benefit",
                    format!("keyBenefits[{k}]"),
                    "key benefit",
                    "a key benefit of",
                )
            }
        };
        let text = field.text(entry).unwrap_or_default();
        out.push(LaunchReason {
            code: code.to_string(),
            path: Some(format!("{}.{at}", entry.path)),
            message: format!(
                "{id}'s {what} {} looks like a placeholder: {}",
                quoted(&placeholder::excerpt(text, MAX_QUOTED_CHARS)),
                why(features, p, of)
            ),
        });
    }
    let more = benefits.saturating_sub(MAX_FLAGGED_BENEFITS);
    if more > 0 {
        out.push(LaunchReason {
            code: "placeholder_key_benefit".into(),
            path: Some(format!("{}.keyBenefits", entry.path)),
            message: if more == 1 {
                format!("{id} has 1 more key benefit that looks like a placeholder")
            } else {
                format!("{id} has {more} more key benefits that look like placeholders")
            },
        });
    }
    out
}

/// Why a text reads as a placeholder, every rule that found it in a fixed
/// order (markers, "coming soon", numbered, bare, templated); `of` names the
/// same field of other features ("the messaging of").
fn why(features: &[Feature], p: &Placeholder, of: &str) -> String {
    let mut clauses: Vec<String> = Vec::new();
    if !p.markers.is_empty() {
        clauses.push(format!("it contains {}", p.markers.join(", ")));
    }
    if p.coming_soon {
        clauses.push("it says only \"coming soon\"".into());
    }
    if p.numbered {
        clauses.push("it reads as a numbered placeholder".into());
    }
    let which = p.mentions.words();
    match p.bare {
        Bare::No => {}
        Bare::NameOnly => clauses.push(format!("it is only the feature's {which}")),
        Bare::WithGenericWords => clauses.push(format!(
            "it is nothing but the feature's {which} and generic words"
        )),
    }
    if p.templated_count > 0 {
        clauses.push(format!(
            "it is the same text as {of} {} with only the feature {which} changed",
            named_of(features, &p.templated, p.templated_count)
        ));
    }
    clauses.join(", and ")
}

/// Feature ids for a message: at most [`MAX_NAMED`], then how many more.
fn named(features: &[Feature], others: &[usize]) -> String {
    named_of(features, others, others.len())
}

/// Feature ids for a message: at most [`MAX_NAMED`] of `others`, then how
/// many more of `total` there are.
fn named_of(features: &[Feature], others: &[usize], total: usize) -> String {
    let mut ids: Vec<&str> = others
        .iter()
        .take(MAX_NAMED)
        .filter_map(|&j| features.get(j).map(|f| f.id.as_str()))
        .collect();
    let more = total.saturating_sub(ids.len());
    let more_text = format!("{more} more");
    if more > 0 {
        ids.push(&more_text);
    }
    ids.join(", ")
}

/// Copied messaging (feature -> the others with the same words) and similar
/// messaging (feature -> (other, percent of words shared)), over features
/// with messaging; by feature index, empty for none.
#[allow(clippy::type_complexity)]
fn overlaps(texts: &[Option<Vec<String>>]) -> (Vec<Vec<usize>>, Vec<Vec<(usize, usize)>>) {
    // Features with the same words, by their words: words are runs of
    // letters and digits, never empty, so joined with spaces they tell
    // word lists apart.
    let mut wordings = Positions::default();
    let mut same_words: Vec<Vec<usize>> = Vec::new();
    let mut group_of: Vec<Option<usize>> = vec![None; texts.len()];
    for (i, words) in texts.iter().enumerate() {
        if let Some(words) = words.as_deref().filter(|w| !w.is_empty()) {
            let group = wordings.add(&words.join(" "));
            if group == same_words.len() {
                same_words.push(Vec::new());
            }
            if let Some(members) = same_words.get_mut(group) {
                members.push(i);
            }
            group_of[i] = Some(group);
        }
    }
    let mut copies: Vec<Vec<usize>> = vec![Vec::new(); texts.len()];
    for members in same_words.iter().filter(|m| m.len() > 1) {
        for &i in members {
            copies[i] = members.iter().copied().filter(|&j| j != i).collect();
        }
    }
    // Each message's distinct words (its first MAX_COMPARED_WORDS) as ids.
    let mut vocabulary = Positions::default();
    let sets: Vec<Option<Vec<usize>>> = texts
        .iter()
        .map(|words| {
            words.as_ref().filter(|w| !w.is_empty()).map(|words| {
                // At most MAX_COMPARED_WORDS, so a list needs no set; its
                // order does not matter below.
                let mut set: Vec<usize> = Vec::new();
                for word in words {
                    let id = vocabulary.add(word);
                    if !set.contains(&id) {
                        set.push(id);
                    }
                    if set.len() == MAX_COMPARED_WORDS {
                        break;
                    }
                }
                set
            })
        })
        .collect();
    // Words shared by each pair, counted through the features each word is
    // in: only pairs with a word in common are ever looked at.
    let mut features_with: Vec<Vec<usize>> = vec![Vec::new(); vocabulary.len()];
    for (i, set) in sets.iter().enumerate() {
        for &word in set.iter().flatten() {
            if let Some(list) = features_with.get_mut(word) {
                list.push(i);
            }
        }
    }
    let mut similar: Vec<Vec<(usize, usize)>> = vec![Vec::new(); sets.len()];
    let mut shared = vec![0usize; sets.len()];
    for (i, a) in sets.iter().enumerate() {
        let Some(a) = a else { continue };
        let mut later: Vec<usize> = Vec::new();
        for &word in a {
            for &j in features_with
                .get(word)
                .map(Vec::as_slice)
                .unwrap_or_default()
            {
                if j > i {
                    if shared[j] == 0 {
                        later.push(j);
                    }
                    shared[j] += 1;
                }
            }
        }
        // In index order, through the launch checks' one sort.
        let ascending = super::key_order(later.iter().map(|&j| j as i64));
        for j in ascending.into_iter().filter_map(|k| later.get(k).copied()) {
            let common = std::mem::take(&mut shared[j]);
            let b_len = sets.get(j).and_then(Option::as_ref).map_or(0, Vec::len);
            if group_of.get(i) == group_of.get(j) {
                continue; // a copy, reported as such
            }
            let union = a.len() + b_len - common;
            if common * 100 >= union * SIMILAR_SHARE_PERCENT {
                let percent = (common * 100 + union / 2) / union;
                similar[i].push((j, percent));
                similar[j].push((i, percent));
            }
        }
    }
    (copies, similar)
}
