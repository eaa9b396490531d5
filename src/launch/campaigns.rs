//! Marketing campaigns against the plan (the original design reads them
//! from its marketing API): each campaign's window against the launch day,
//! drafts left too close to the launch, and the channels no campaign runs
//! in. A campaign is matched to a channel by its `channel` field, else by
//! its name holding the channel's words (`"Email launch series"` runs in
//! `email`), case and punctuation ignored. Cancelled campaigns cover
//! nothing.

use super::findings::{Finding, LaunchFindingLevel};
use super::messaging::words;
use super::plan::{name_key, Campaign, CampaignStatus, Plan};
use super::{days, quoted};
use crate::calendar::iso_date;
use crate::input::problem::join_path;
use crate::input::suggest::did_you_mean;
use serde::Serialize;

/// A campaign still in draft this many days or fewer before the launch is
/// flagged: the original design's timeline starts the marketing campaign a
/// week before the launch ("Marketing Campaign Launch" at launch - 7 days).
pub const DRAFT_WARNING_DAYS: i64 = 7;

/// One campaign, checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LaunchCampaignCheck {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its status, lower-case.
    #[cfg_attr(
        feature = "wasm",
        tsify(type = "\"draft\" | \"scheduled\" | \"active\" | \"completed\" | \"cancelled\"")
    )]
    pub status: String,
    /// First day it runs, `YYYY-MM-DD`.
    pub start_date: String,
    /// Last day it runs, `YYYY-MM-DD`.
    pub end_date: String,
    /// Whether the launch day is within its run (false for a cancelled campaign).
    pub covers_launch: bool,
    /// The plan's channels it runs in: its `channel`, else those whose words its name holds.
    pub channels: Vec<String>,
    /// Where it is in the input (`marketingCampaigns[0]`).
    pub path: String,
}

/// Each campaign checked, and the findings about them and the channels.
pub(crate) fn check(plan: &Plan, as_of: Option<i64>) -> (Vec<LaunchCampaignCheck>, Vec<Finding>) {
    let mut findings = Vec::new();
    let channel_words: Vec<Vec<String>> =
        plan.marketing_channels.iter().map(|c| words(c)).collect();
    let mut covered = vec![false; plan.marketing_channels.len()];
    let mut checks = Vec::with_capacity(plan.campaigns.len());
    for campaign in &plan.campaigns {
        let live = campaign.status != CampaignStatus::Cancelled;
        let matched = channels_of(campaign, plan, &channel_words, &mut findings);
        if live {
            for &i in &matched {
                covered[i] = true;
            }
        }
        let covers_launch =
            live && (campaign.start_day..=campaign.end_day).contains(&plan.launch_day);
        if live && !covers_launch {
            findings.push(misses_launch(campaign, plan.launch_day));
        }
        if let Some(today) = as_of {
            let to_launch = plan.launch_day - today;
            if campaign.status == CampaignStatus::Draft && to_launch <= DRAFT_WARNING_DAYS {
                findings.push(draft_near_launch(campaign, to_launch));
            }
        }
        checks.push(LaunchCampaignCheck {
            id: campaign.id.clone(),
            name: campaign.name.clone(),
            status: status_name(campaign.status).to_string(),
            start_date: iso_date(campaign.start_day),
            end_date: iso_date(campaign.end_day),
            covers_launch,
            channels: matched
                .iter()
                .filter_map(|&i| plan.marketing_channels.get(i).cloned())
                .collect(),
            path: campaign.path.clone(),
        });
    }
    // Without campaigns there is nothing to hold the channels against.
    let uncovered: Vec<String> = plan
        .marketing_channels
        .iter()
        .zip(&covered)
        .filter(|(_, &c)| !c)
        .map(|(name, _)| quoted(name))
        .collect();
    if !plan.campaigns.is_empty() && !uncovered.is_empty() {
        findings.push(Finding::new(
            "channel_without_campaign",
            LaunchFindingLevel::Attention,
            Some("marketingCampaigns".into()),
            format!(
                "no campaign runs in {} of the {} marketing channels: {}",
                uncovered.len(),
                plan.marketing_channels.len(),
                uncovered.join(", ")
            ),
            "Plan a campaign for each channel (give it a channel field), or drop the channels no campaign will run in".into(),
        ));
    }
    (checks, findings)
}

/// The plan's channels a campaign runs in, by position: its `channel`
/// (one not among the channels is a finding, with "did you mean"), else
/// every channel whose words its name holds.
fn channels_of(
    campaign: &Campaign,
    plan: &Plan,
    channel_words: &[Vec<String>],
    findings: &mut Vec<Finding>,
) -> Vec<usize> {
    if let Some(channel) = &campaign.channel {
        let key = name_key(channel);
        if let Some(i) = plan
            .marketing_channels
            .iter()
            .position(|c| name_key(c) == key)
        {
            return vec![i];
        }
        let hint = did_you_mean(channel, plan.marketing_channels.iter().map(String::as_str))
            .map(|c| format!(" (did you mean {}?)", quoted(c)))
            .unwrap_or_default();
        findings.push(Finding::new(
            "campaign_unknown_channel",
            LaunchFindingLevel::Advice,
            Some(join_path(&campaign.path, "channel")),
            format!(
                "the campaign {} runs in {}, which is not among marketingChannels",
                quoted(&campaign.name),
                quoted(channel)
            ),
            format!("Correct the channel{hint}, or add it to marketingChannels"),
        ));
        return Vec::new();
    }
    let name_words = words(&campaign.name);
    channel_words
        .iter()
        .enumerate()
        .filter(|(_, w)| !w.is_empty() && w.iter().all(|word| name_words.contains(word)))
        .map(|(i, _)| i)
        .collect()
}

fn misses_launch(campaign: &Campaign, launch_day: i64) -> Finding {
    let (start, end) = (campaign.start_day, campaign.end_day);
    let when = if end < launch_day {
        format!("ends {} before the launch", days(launch_day - end))
    } else {
        format!("starts {} after the launch", days(start - launch_day))
    };
    Finding::new(
        "campaign_misses_launch",
        LaunchFindingLevel::Attention,
        Some(campaign.path.clone()),
        format!(
            "the campaign {} runs {} to {}: it {when} ({})",
            quoted(&campaign.name),
            iso_date(start),
            iso_date(end),
            iso_date(launch_day)
        ),
        format!(
            "Move {}'s dates so that it runs on the launch day, or say why it should not",
            quoted(&campaign.name)
        ),
    )
}

fn draft_near_launch(campaign: &Campaign, to_launch: i64) -> Finding {
    let when = match to_launch {
        0 => "on the launch day".to_string(),
        n if n > 0 => format!("{} before the launch", days(n)),
        n => format!("{} after the launch", days(-n)),
    };
    Finding::new(
        "campaign_still_draft",
        LaunchFindingLevel::Attention,
        Some(join_path(&campaign.path, "status")),
        format!(
            "the campaign {} is still a draft {when}",
            quoted(&campaign.name)
        ),
        format!(
            "Schedule or start {}: the marketing campaign starts a week before the launch",
            quoted(&campaign.name)
        ),
    )
}

fn status_name(status: CampaignStatus) -> &'static str {
    match status {
        CampaignStatus::Draft => "draft",
        CampaignStatus::Scheduled => "scheduled",
        CampaignStatus::Active => "active",
        CampaignStatus::Completed => "completed",
        CampaignStatus::Cancelled => "cancelled",
    }
}
