//! Counting one user into their cohort's row of the retention triangle:
//! once in each period they returned in (`on`, the default), or in every
//! period up to the last one they returned in (`on-or-after`: unbounded
//! retention, as PostHog and Amplitude offer it; the curve never rises).

/// Adds a user to `row`: `offsets` are the periods after the cohort's in
/// which they returned, ascending; offsets past the row's end (periods not
/// counted yet) count only towards unbounded retention's earlier cells.
pub(crate) fn count_returns(row: &mut [u64], offsets: &[usize], unbounded: bool) {
    if unbounded {
        if let Some(&last) = offsets.last() {
            let end = (last + 1).min(row.len());
            row[..end].iter_mut().for_each(|c| *c += 1);
        }
    } else {
        for &k in offsets {
            if let Some(c) = row.get_mut(k) {
                *c += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn on_and_on_or_after() {
        let mut on = vec![0; 5];
        count_returns(&mut on, &[0, 2, 6], false);
        assert_eq!(on, [1, 0, 1, 0, 0]);
        let mut after = vec![0; 5];
        count_returns(&mut after, &[0, 2], true);
        assert_eq!(after, [1, 1, 1, 0, 0]);
        // A return in a period not counted yet still counts for the earlier ones.
        count_returns(&mut after, &[0, 6], true);
        assert_eq!(after, [2, 2, 2, 1, 1]);
    }
}
