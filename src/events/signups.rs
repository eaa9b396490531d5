//! Signup times as the analysis uses them: sorted by user, one per user.

use crate::events::Signups;

/// Signup times sorted by user, one per user (the earliest when a user has
/// several), and how many users had differing ones.
pub(crate) struct SignupTimes {
    pub(crate) by_user: Vec<(u32, f64)>,
    pub(crate) conflicting: u64,
}

impl SignupTimes {
    pub(crate) fn new(signups: &Signups) -> SignupTimes {
        let mut pairs: Vec<(u32, f64)> = signups
            .user_ids
            .iter()
            .copied()
            .zip(signups.timestamps_ms.iter().copied())
            .collect();
        pairs.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let mut by_user: Vec<(u32, f64)> = Vec::with_capacity(pairs.len());
        let mut conflicting = 0;
        let mut counted = None;
        for (user, t) in pairs {
            match by_user.last() {
                Some(&(last, first_t)) if last == user => {
                    if t != first_t && counted != Some(user) {
                        conflicting += 1;
                        counted = Some(user);
                    }
                }
                _ => by_user.push((user, t)),
            }
        }
        SignupTimes {
            by_user,
            conflicting,
        }
    }
}

/// Signup times walked beside the users with events, in id order, so that
/// users with a signup and no event are met between them.
pub(crate) struct SignupWalk<'a> {
    rest: &'a [(u32, f64)],
}

impl<'a> SignupWalk<'a> {
    pub(crate) fn new(signups: Option<&'a SignupTimes>) -> SignupWalk<'a> {
        SignupWalk {
            rest: signups.map_or(&[], |s| &s.by_user),
        }
    }

    /// Up to `user` (the next user with events, ids ascending): calls
    /// `without_events` for each user before it with only a signup, then
    /// gives `user`'s own signup time.
    pub(crate) fn until(
        &mut self,
        user: u32,
        mut without_events: impl FnMut(u32, f64),
    ) -> Option<f64> {
        while let Some((&(u, t), rest)) = self.rest.split_first() {
            if u >= user {
                break;
            }
            without_events(u, t);
            self.rest = rest;
        }
        match self.rest.split_first() {
            Some((&(u, t), rest)) if u == user => {
                self.rest = rest;
                Some(t)
            }
            _ => None,
        }
    }

    /// The users with only a signup after the last user with events.
    pub(crate) fn finish(self, mut without_events: impl FnMut(u32, f64)) {
        for &(u, t) in self.rest {
            without_events(u, t);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_earliest_time_is_kept_and_conflicts_counted_once() {
        let signups = Signups {
            user_ids: &[7, 3, 7, 7, 3],
            timestamps_ms: &[50.0, 10.0, 20.0, 30.0, 10.0],
        };
        let times = SignupTimes::new(&signups);
        assert_eq!(times.by_user, vec![(3, 10.0), (7, 20.0)]);
        // User 7 had three different times: one conflicting user; user 3
        // gave the same time twice: no conflict.
        assert_eq!(times.conflicting, 1);
    }
}
