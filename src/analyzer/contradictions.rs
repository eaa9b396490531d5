//! Figures that contradict each other. A metric computed from them would
//! be impossible (a DAU/MAU above 1), so it is scored as missing, which
//! widens the interval like any missing metric, and the contradiction is
//! warned about at the field that is too large. Scoring never gains from
//! impossible data: the property test `contradictions_never_raise_the_score`
//! holds it.

use crate::analyzer::model::UsageMetrics;
use crate::format::format_number;
use crate::input::warning::{Warning, WarningSink};

/// Active-user counts that contradict each other (every daily user is also a
/// weekly and a monthly user): a warning at the field that is too large.
/// While any is found, both stickiness ratios are scored as missing, since
/// an impossible ratio must not raise the score.
pub(crate) fn stickiness_contradictions(u: &UsageMetrics, out: &mut dyn WarningSink) {
    const MISSING: &str = "; DAU/MAU and DAU/WAU are scored as missing until the counts fit";
    let (dau, wau, mau) = (
        u.daily_active_users,
        u.weekly_active_users,
        u.monthly_active_users,
    );
    // (smaller count, larger count, code, path, their names): each pair that must not invert.
    let pairs = [
        (dau, wau, "dau_above_wau", "usageMetrics.dailyActiveUsers", "daily", "weekly"),
        (wau, mau, "wau_above_mau", "usageMetrics.weeklyActiveUsers", "weekly", "monthly"),
        (dau, mau, "dau_above_mau", "usageMetrics.dailyActiveUsers", "daily", "monthly"),
    ];
    for (small, large, code, path, small_name, large_name) in pairs {
        let (Some(s), Some(l)) = (small, large) else {
            continue;
        };
        if s > l {
            out.warn(&|| {
                Warning::new(
                    code,
                    path,
                    format!(
                        "{small_name} active users ({}) exceed {large_name} active users ({}); \
                         every {small_name} user is also a {large_name} user{MISSING}",
                        format_number(s),
                        format_number(l)
                    ),
                )
            });
        }
    }
}
