//! Figures that contradict each other. A metric computed from them would
//! be impossible (a DAU/MAU above 1), so it is scored as missing, which
//! widens the interval like any missing metric, and the contradiction is
//! warned about at the field that is too large. Scoring never gains from
//! impossible data: the property test `contradictions_never_raise_the_score`
//! holds it.

use crate::analyzer::model::UsageMetrics;
use crate::format::format_number;
use crate::input::warning::Warning;

/// Active-user counts that contradict each other (every daily user is also a
/// weekly and a monthly user): a warning at the field that is too large.
/// While any is found, both stickiness ratios are scored as missing, since
/// an impossible ratio must not raise the score.
pub(crate) fn stickiness_contradictions(u: &UsageMetrics) -> Vec<Warning> {
    const MISSING: &str = "; DAU/MAU and DAU/WAU are scored as missing until the counts fit";
    let mut out = Vec::new();
    let (dau, wau, mau) = (
        u.daily_active_users,
        u.weekly_active_users,
        u.monthly_active_users,
    );
    if let (Some(d), Some(w)) = (dau, wau) {
        if d > w {
            out.push(Warning::new(
                "dau_above_wau",
                "usageMetrics.dailyActiveUsers",
                format!("daily active users ({}) exceed weekly active users ({}); every daily user is also a weekly user{MISSING}", format_number(d), format_number(w)),
            ));
        }
    }
    if let (Some(w), Some(m)) = (wau, mau) {
        if w > m {
            out.push(Warning::new(
                "wau_above_mau",
                "usageMetrics.weeklyActiveUsers",
                format!("weekly active users ({}) exceed monthly active users ({}); every weekly user is also a monthly user{MISSING}", format_number(w), format_number(m)),
            ));
        }
    }
    if let (Some(d), Some(m)) = (dau, mau) {
        if d > m {
            out.push(Warning::new(
                "dau_above_mau",
                "usageMetrics.dailyActiveUsers",
                format!(
                    "daily active users ({}) exceed monthly active users ({}); every daily user is also a monthly user{MISSING}",
                    format_number(d),
                    format_number(m)
                ),
            ));
        }
    }
    out
}
