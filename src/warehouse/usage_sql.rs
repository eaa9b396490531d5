//! Feature usage and activation as SQL (with an event column): per event
//! name and per named feature, the users who used it, the recent users, the
//! users who used it within the activation window, the days from each
//! user's start to their first use and their follow-up (Kaplan–Meier at
//! whole-day resolution), and the early adopters' retention at every
//! period offset (the reader picks the horizon, which depends on the
//! cohorts' mean curve).
//!
//! The chain after the base (see `query.rs`):
//! - `fe`: the events up to the as-of day, with their name `e`;
//! - `edges`: the end of the as-of day, the start of the trailing 28 days
//!   (ms) and the as-of day's period;
//! - `people`: each user's start `t0` (first event) and last event `t1`;
//! - `fm`: the named features' events (`options.features`), as literals;
//! - `uses`: per user and event name (`kind` = `event`) or named feature
//!   (`feature`), the first and last use.
//!
//! A row of kind `users` (name empty) holds what is counted over every user.

use super::query::{Query, MS_PER_DAY};
use crate::events::{EventsConfig, Period, Window};

/// The statements, after the activity ones.
pub(super) fn statements(q: &Query) -> [(&'static str, &'static str, String); 3] {
    [
        ("features", "per event name and named feature (kind, name): users who used it, those of them active in the 28 days ending on the as-of day who used it then, and those who used it within activationWindowDays of their start among users followed that long; the row of kind users counts every user", q.features()),
        ("feature_days", "per event name and named feature, and whole day since each user's start: the users whose first use, and whose follow-up (to the end of the as-of day), fall on it; the row of kind users, every user's follow-up", q.feature_days()),
        ("feature_retention", "per event name and named feature, and period offset: of the users who used it in their first period, those whose last period over, last retained period (the earlier of it and their last active one) falls on the offset, and those active at it; the kind users, every user", q.feature_retention()),
    ]
}

/// `options.features` as the summary row carries it: a line per feature,
/// its name then its events, separated by tabs (the option reader refuses
/// control characters in them).
pub(crate) fn features_text(c: &EventsConfig) -> String {
    c.features
        .iter()
        .map(|(name, events)| {
            std::iter::once(name.as_str())
                .chain(events.iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

impl Query<'_> {
    fn count(&self) -> String {
        format!("CAST(COUNT(*) AS {})", self.d.bigint())
    }

    /// A text literal.
    fn lit(&self, s: &str) -> String {
        self.d.text(s)
    }

    /// The chain after the base (see the module's doc).
    fn usage_base(&self) -> String {
        let offset_ms = i64::from(self.o.config.utc_offset_minutes) * 60_000;
        let features = &self.o.config.features;
        let pairs: Vec<(&str, &str)> = features
            .iter()
            .flat_map(|(f, events)| events.iter().map(move |e| (f.as_str(), e.as_str())))
            .collect();
        let (map, feature_uses) = if pairs.is_empty() {
            (String::new(), String::new())
        } else {
            let rows: Vec<String> = pairs
                .iter()
                .enumerate()
                .map(|(i, (f, e))| {
                    let (f, e) = (self.lit(f), self.lit(e));
                    if i == 0 {
                        format!("SELECT {f} AS feature, {e} AS event")
                    } else {
                        format!("  UNION ALL SELECT {f}, {e}")
                    }
                })
                .collect();
            (
                format!("fm AS (\n  {}\n),\n", rows.join("\n")),
                format!(
                    "\n  UNION ALL\n  SELECT fe.u, {feature}, fm.feature, MIN(fe.t), MAX(fe.t)\n  FROM fe JOIN fm ON fe.e = fm.event\n  GROUP BY fe.u, fm.feature",
                    feature = self.lit("feature")
                ),
            )
        };
        format!(
            "{base},\nfe AS (\n  SELECT ev.u AS u, ev.t AS t, ev.d AS d, ev.e AS e\n  FROM ev CROSS JOIN bounds\n  WHERE ev.d <= bounds.as_of\n),\n\
             edges AS (\n  SELECT (as_of + 1) * {MS_PER_DAY} - {offset_ms} AS end_ms,\n    (as_of - 27) * {MS_PER_DAY} - {offset_ms} AS recent_ms,\n    {last} AS last_p\n  FROM bounds\n),\n\
             people AS (\n  SELECT u, MIN(t) AS t0, MAX(t) AS t1 FROM fe GROUP BY u\n),\n\
             {map}uses AS (\n  SELECT u, {event} AS kind, e AS name, MIN(t) AS first_t, MAX(t) AS last_t\n  FROM fe\n  GROUP BY u, e{feature_uses}\n)",
            base = self.base(),
            last = self.period("as_of"),
            event = self.lit("event"),
            map = map,
            feature_uses = feature_uses,
        )
    }

    /// Per event name and named feature: users, recent users, and users
    /// who used it within the activation window (of those followed that
    /// long); the `users` row: every user, the recent actives, and the users
    /// followed that long. Names only seen after the as-of day are listed
    /// with zeros (they are in the data, as `analyzeEvents` sees them).
    fn features(&self) -> String {
        let (one, zero) = (self.int(1), self.int(0));
        let window = i64::from(self.o.config.activation_window_days) * 86_400_000;
        let count = self.count();
        format!(
            "{base},\n\
             per_name AS (\n  \
             SELECT uses.kind AS kind, uses.name AS name, {count} AS users,\n    \
             SUM(CASE WHEN uses.last_t >= edges.recent_ms THEN {one} ELSE {zero} END) AS recent_users,\n    \
             SUM(CASE WHEN edges.end_ms - people.t0 >= {window} AND uses.first_t - people.t0 <= {window} THEN {one} ELSE {zero} END) AS within_window\n  \
             FROM uses JOIN people ON uses.u = people.u CROSS JOIN edges\n  \
             GROUP BY uses.kind, uses.name\n  \
             UNION ALL\n  \
             SELECT {users}, '', {count},\n    \
             SUM(CASE WHEN people.t1 >= edges.recent_ms THEN {one} ELSE {zero} END),\n    \
             SUM(CASE WHEN edges.end_ms - people.t0 >= {window} THEN {one} ELSE {zero} END)\n  \
             FROM people CROSS JOIN edges\n  \
             UNION ALL\n  \
             SELECT {event}, later.e, {zero}, {zero}, {zero}\n  \
             FROM (SELECT DISTINCT ev.e AS e FROM ev CROSS JOIN bounds WHERE ev.d > bounds.as_of) later\n\
             )\n\
             SELECT kind, name, users, recent_users, within_window FROM per_name\nORDER BY kind, name",
            base = self.usage_base(),
            users = self.lit("users"),
            event = self.lit("event"),
        )
    }

    /// The Kaplan–Meier inputs at whole-day resolution: per event name and
    /// named feature and day since the user's start, the adopters' first
    /// uses and follow-ups on it; the `users` row, everyone's follow-ups.
    fn feature_days(&self) -> String {
        let d = self.d;
        let (one, zero) = (self.int(1), self.int(0));
        let day = |ms: &str| d.floor_div(ms, MS_PER_DAY);
        format!(
            "{base},\n\
             marks AS (\n  \
             SELECT uses.kind AS kind, uses.name AS name, {first} AS day, {one} AS first_uses, {zero} AS follow_ups\n  \
             FROM uses JOIN people ON uses.u = people.u\n  \
             UNION ALL\n  \
             SELECT uses.kind, uses.name, {follow}, {zero}, {one}\n  \
             FROM uses JOIN people ON uses.u = people.u CROSS JOIN edges\n  \
             UNION ALL\n  \
             SELECT {users}, '', {follow}, {zero}, {one}\n  \
             FROM people CROSS JOIN edges\n\
             )\n\
             SELECT kind, name, day, SUM(first_uses) AS first_uses, SUM(follow_ups) AS follow_ups\n\
             FROM marks\nGROUP BY kind, name, day\nORDER BY kind, name, day",
            base = self.usage_base(),
            first = day("uses.first_t - people.t0"),
            follow = day("edges.end_ms - people.t0"),
            users = self.lit("users"),
        )
    }

    /// Each user's cohort windows as the events analysis places them
    /// (`behaviour.rs`'s `WindowRule`): `uo`, their active period offsets;
    /// `um`, how many of their periods are over (`m`: offsets below it are
    /// eligible) and their last active offset; `adopters`, the users who
    /// used each event or feature in their first period.
    fn user_windows(&self) -> String {
        let d = self.d;
        let offset_ms = i64::from(self.o.config.utc_offset_minutes) * 60_000;
        match self.o.config.window {
            Window::Calendar => format!(
                "up AS (\n  SELECT DISTINCT u, {p} AS p FROM fe\n),\n\
                 um AS (\n  SELECT up.u AS u, MIN(up.p) AS c, MIN(edges.last_p) - MIN(up.p) AS m, MAX(up.p) - MIN(up.p) AS lk\n  FROM up CROSS JOIN edges\n  GROUP BY up.u\n),\n\
                 uo AS (\n  SELECT up.u AS u, up.p - um.c AS k FROM up JOIN um ON up.u = um.u\n),\n\
                 adopters AS (\n  SELECT uses.kind AS kind, uses.name AS name, uses.u AS u\n  FROM uses JOIN um ON uses.u = um.u\n  WHERE {first_period} = um.c\n)",
                p = self.period("d"),
                first_period = self.period(&d.floor_div(&format!("uses.first_t + {offset_ms}"), MS_PER_DAY)),
            ),
            Window::Elapsed => {
                let len = match self.o.config.period {
                    Period::Day => 86_400_000i64,
                    Period::Week => 7 * 86_400_000,
                    Period::Month => 30 * 86_400_000,
                };
                format!(
                    "uo AS (\n  SELECT DISTINCT fe.u AS u, {k} AS k FROM fe JOIN people ON fe.u = people.u\n),\n\
                     um AS (\n  SELECT uo.u AS u, MIN({m}) AS m, MAX(uo.k) AS lk\n  FROM uo JOIN people ON uo.u = people.u CROSS JOIN edges\n  GROUP BY uo.u\n),\n\
                     adopters AS (\n  SELECT uses.kind AS kind, uses.name AS name, uses.u AS u\n  FROM uses JOIN people ON uses.u = people.u\n  WHERE uses.first_t < people.t0 + {len}\n)",
                    k = d.floor_div("fe.t - people.t0", &len.to_string()),
                    m = d.floor_div("edges.end_ms - people.t0", &len.to_string()),
                )
            }
        }
    }

    /// Per event name and named feature and period offset, of its early
    /// adopters (the `users` row: of everyone): those whose last eligible
    /// offset is it, those whose last retained one ("on or after": the
    /// earlier of their last eligible and last active offsets) is it, and
    /// those active at it while eligible. Summed from the offset on, the
    /// first two give the eligible and the "on or after" retained at it.
    fn feature_retention(&self) -> String {
        let (one, zero) = (self.int(1), self.int(0));
        let users = self.lit("users");
        format!(
            "{base},\n{windows},\n\
             cells AS (\n  \
             SELECT {users} AS kind, '' AS name, um.m - 1 AS period_offset, {one} AS last_eligible, {zero} AS last_retained, {zero} AS active FROM um\n  \
             UNION ALL SELECT {users}, '', LEAST(um.m - 1, um.lk), {zero}, {one}, {zero} FROM um\n  \
             UNION ALL SELECT {users}, '', uo.k, {zero}, {zero}, {one} FROM uo JOIN um ON uo.u = um.u WHERE uo.k < um.m\n  \
             UNION ALL SELECT ad.kind, ad.name, um.m - 1, {one}, {zero}, {zero} FROM adopters ad JOIN um ON ad.u = um.u\n  \
             UNION ALL SELECT ad.kind, ad.name, LEAST(um.m - 1, um.lk), {zero}, {one}, {zero} FROM adopters ad JOIN um ON ad.u = um.u\n  \
             UNION ALL SELECT ad.kind, ad.name, uo.k, {zero}, {zero}, {one}\n  \
             FROM adopters ad JOIN um ON ad.u = um.u JOIN uo ON ad.u = uo.u WHERE uo.k < um.m\n\
             )\n\
             SELECT kind, name, period_offset, SUM(last_eligible) AS last_eligible, SUM(last_retained) AS last_retained, SUM(active) AS active\n\
             FROM cells\nWHERE period_offset >= 0\nGROUP BY kind, name, period_offset\nORDER BY kind, name, period_offset",
            base = self.usage_base(),
            windows = self.user_windows(),
        )
    }
}
