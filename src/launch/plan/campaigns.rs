//! Reading the marketing campaigns (the original design's marketing API
//! shape): ids unique, the run's end not before its start, the status one
//! of those the original's API uses.

use super::{unique, Campaign, CampaignStatus, Seen};
use crate::calendar::iso_date;
use crate::input::problem::{index_path, join_path, Problem};
use crate::input::raw::RawValue;
use crate::input::read::{self, array, name, optional_text, Shape};

const CAMPAIGN_FIELDS: [&str; 7] = [
    "id",
    "name",
    "type",
    "startDate",
    "endDate",
    "status",
    "channel",
];
const CAMPAIGN_STATUSES: [(&str, CampaignStatus); 5] = [
    ("draft", CampaignStatus::Draft),
    ("scheduled", CampaignStatus::Scheduled),
    ("active", CampaignStatus::Active),
    ("completed", CampaignStatus::Completed),
    ("cancelled", CampaignStatus::Cancelled),
];

/// The campaigns that could be read (empty when absent); problems with
/// the rest, each with its path.
pub(super) fn read_campaigns(raw: &RawValue, problems: &mut Vec<Problem>) -> Vec<Campaign> {
    let path = "marketingCampaigns";
    let expected = "{ id, name, type?, startDate, endDate, status, channel? }";
    let Some(items) = array(
        raw,
        path,
        "an array of { id, name, type?, startDate, endDate, status, channel? }",
        problems,
    ) else {
        return Vec::new();
    };
    let mut seen = Seen::default();
    let mut campaigns = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let item_path = index_path(path, i);
        if read::required_object(
            item,
            &item_path,
            Shape::fields(&CAMPAIGN_FIELDS, expected),
            problems,
        )
        .is_none()
        {
            continue;
        }
        let field = |key: &str| join_path(&item_path, key);
        let id = name(item.get("id"), &field("id"), "the campaign's id", problems);
        if let Some(id) = &id {
            unique(&mut seen, id, &field("id"), id, "a campaign id", problems);
        }
        let campaign_name = name(
            item.get("name"),
            &field("name"),
            "the campaign's name",
            problems,
        );
        optional_text(item.get("type"), &field("type"), problems);
        let start = read::date(item.get("startDate"), &field("startDate"), problems);
        let end = read::date(item.get("endDate"), &field("endDate"), problems);
        if let (Some(s), Some(e)) = (start, end) {
            if e < s {
                problems.push(Problem::new(
                    field("endDate"),
                    format!("\"{}\"", iso_date(e)),
                    format!("a date on or after startDate ({})", iso_date(s)),
                ));
            }
        }
        let status = match item.get("status") {
            RawValue::Undefined | RawValue::Null => {
                problems.push(Problem::new(
                    field("status"),
                    "nothing",
                    "\"draft\", \"scheduled\", \"active\", \"completed\" or \"cancelled\"",
                ));
                None
            }
            value => read::choice_of(value, &field("status"), &CAMPAIGN_STATUSES, problems),
        };
        let channel = optional_text(item.get("channel"), &field("channel"), problems);
        if let (Some(id), Some(name), Some(start_day), Some(end_day), Some(status)) =
            (id, campaign_name, start, end, status)
        {
            campaigns.push(Campaign {
                id,
                name,
                start_day,
                end_day,
                status,
                channel,
                path: item_path,
            });
        }
    }
    campaigns
}
