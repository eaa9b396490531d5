//! What the behaviour says of each respondent's user: their active days
//! and the first day they used each named feature, read in one pass over
//! the events, keeping only the respondents' users.

use crate::calendar::MS_PER_DAY;
use crate::events::names::{ResolvedNames, IGNORED};
use crate::events::EventColumns;
use std::collections::HashMap;

/// Added to a day before it is packed in 32 bits (days of 1970-2099 are 0..47,482).
const DAY_OFFSET: i64 = 1 << 31;

/// The respondents' users' days.
pub(crate) struct UserDays {
    /// The respondents' distinct users, sorted.
    users: Vec<u32>,
    /// Per user (in `users` order), their distinct active days, sorted:
    /// `days[starts[u]..starts[u + 1]]`.
    starts: Vec<usize>,
    days: Vec<i64>,
    /// (user index, feature, first day of use), sorted: one per pair used.
    first_use: Vec<(u32, u32, i64)>,
}

impl UserDays {
    /// Reads the events of `users` (any order, repeats allowed). Events that
    /// are not activity (`names` maps their code to no slot) are left out.
    pub(crate) fn read(
        events: &EventColumns,
        names: Option<&ResolvedNames>,
        mut users: Vec<u32>,
    ) -> UserDays {
        users.sort_unstable();
        users.dedup();
        let first_feature = names.map_or(0, |n| n.events.len() as u32);
        // (user index, day) packed in a u64, the day offset by 2^31 (event
        // times are checked to lie in 1970-2099): 8 bytes an event, a run of
        // the same user's day pushed once.
        let mut active: Vec<u64> = Vec::new();
        // The first day of each (user index, feature) used: one entry a pair,
        // however many features an event belongs to.
        let mut first_use: HashMap<(u32, u32), i64> = HashMap::new();
        for (i, (&user, &ms)) in events
            .user_ids
            .iter()
            .zip(&events.timestamps_ms)
            .enumerate()
        {
            let Ok(index) = users.binary_search(&user) else {
                continue;
            };
            let slot = match (names, &events.names) {
                (Some(resolved), Some(given)) => {
                    let code = given.codes.get(i).copied().unwrap_or(IGNORED) as usize;
                    match resolved.slot_of_code.get(code).copied() {
                        Some(slot) if slot != IGNORED => Some(slot),
                        _ => continue,
                    }
                }
                _ => None,
            };
            let day = (ms / MS_PER_DAY).floor() as i64;
            let key = (u64::from(index as u32) << 32) | u64::from((day + DAY_OFFSET) as u32);
            if active.last() != Some(&key) {
                active.push(key);
            }
            if let Some(features) = slot.and_then(|s| names?.features_of_event.get(s as usize)) {
                for &f in features {
                    let first = first_use
                        .entry((index as u32, f - first_feature))
                        .or_insert(day);
                    *first = (*first).min(day);
                }
            }
        }
        active.sort_unstable();
        active.dedup();
        let mut first_use: Vec<(u32, u32, i64)> =
            first_use.into_iter().map(|((u, f), d)| (u, f, d)).collect();
        first_use.sort_unstable();
        let active: Vec<(u32, i64)> = active
            .into_iter()
            .map(|k| ((k >> 32) as u32, i64::from(k as u32) - DAY_OFFSET))
            .collect();
        let mut starts = Vec::with_capacity(users.len() + 1);
        let mut at = 0;
        for u in 0..users.len() as u32 {
            starts.push(at);
            at += active[at..].partition_point(|(user, _)| *user == u);
        }
        starts.push(at);
        UserDays {
            users,
            starts,
            days: active.into_iter().map(|(_, day)| day).collect(),
            first_use,
        }
    }

    /// The days `user` was active from `first` to `last` (inclusive).
    pub(crate) fn active_days(&self, user: u32, first: i64, last: i64) -> u32 {
        let Ok(u) = self.users.binary_search(&user) else {
            return 0;
        };
        let days = &self.days[self.starts[u]..self.starts[u + 1]];
        let from = days.partition_point(|d| *d < first);
        let to = days.partition_point(|d| *d <= last);
        (to - from) as u32
    }

    /// Whether `user` used feature `feature` on or before `day`.
    pub(crate) fn used_by(&self, user: u32, feature: u32, day: i64) -> bool {
        let Ok(u) = self.users.binary_search(&user) else {
            return false;
        };
        let key = (u as u32, feature);
        match self
            .first_use
            .binary_search_by(|(a, b, _)| (*a, *b).cmp(&key))
        {
            Ok(i) => self.first_use[i].2 <= day,
            Err(_) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn active_days_count_distinct_days_in_the_window() {
        let d = MS_PER_DAY;
        let events = EventColumns {
            user_ids: vec![9, 9, 9, 9, 3, 5],
            timestamps_ms: vec![10.5 * d, 10.7 * d, 12.0 * d, 40.0 * d, 11.0 * d, 11.0 * d],
            names: None,
            session_ids: None,
        };
        let days = UserDays::read(&events, None, vec![9, 3, 9]);
        assert_eq!(days.active_days(9, 10, 12), 2);
        assert_eq!(days.active_days(9, 11, 39), 1);
        assert_eq!(days.active_days(9, 0, 100), 3);
        assert_eq!(days.active_days(3, 11, 11), 1);
        // Not a respondent's user: not read.
        assert_eq!(days.active_days(5, 0, 100), 0);
    }
}
