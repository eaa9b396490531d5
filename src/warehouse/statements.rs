//! The events analysis's definitions as SQL, written once and rendered per
//! dialect through [`Dialect`]'s fragments. Each statement stands alone
//! (its own `WITH` chain), so it can be run and saved by itself; each
//! returns a small table whose size grows with days, periods and users'
//! activity levels, never with the number of events.
//!
//! Each starts from the chain of [`Query::base`] (`query.rs`).
//!
//! Days and periods are integers (days since 1970-01-01; weeks and months
//! numbered as the library numbers them); the reader turns them into dates.

use super::options::SqlOptions;
use super::query::{Query, MS_PER_DAY};
use crate::calendar::WeekStart;
use crate::events::{Period, Window};

/// One statement: its name (the table it makes) and its text.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct SqlStatement {
    /// The result table's name: `summary`, `daily`, `active_days`, `growth`, `cohorts`,
    /// `cohort_last`, `sessions`, `features`, `feature_days`, `feature_retention`,
    /// `ignored_events`; `analyzeEventAggregates` takes each under it.
    pub name: String,
    /// What the table holds, one line.
    pub description: String,
    /// The statement.
    pub sql: String,
}

/// The statements, in the order they are listed to the user.
pub(crate) fn statements(o: &SqlOptions) -> Vec<SqlStatement> {
    let q = Query { o, d: o.dialect };
    let mut out = vec![
        ("summary", "one row: the options the statements were written with, the first and as-of days, events, users and rows", q.summary()),
        ("daily", "per day with activity: active users, new users, and the users active in the 7 and 28 days ending on it", q.daily()),
        ("active_days", "the L28 histogram: users by their number of active days in the 28 days ending on the as-of day", q.active_days()),
        ("growth", "per period: new, retained, resurrected and churned users", q.growth()),
        ("cohorts", "per cohort and period (or 24 h window) after it: the users active in it", q.cohorts()),
        ("cohort_last", "per cohort: users by their last active period (and, for 24 h windows, by how many of their windows are over)", q.cohort_last()),
    ];
    if o.event.is_some() || o.session.is_some() {
        out.push((
            "sessions",
            "per whole minute of length: the sessions (by session id, else a new one after sessionGapMinutes without an event), their total length in ms and those longer than a day",
            q.sessions(),
        ));
    }
    if o.event.is_some() {
        out.extend(super::usage_sql::statements(&q));
    }
    if o.event.is_some() && !o.config.ignore_events.is_empty() {
        out.push((
            "ignored_events",
            "per ignored event name: the events left out",
            q.ignored_events(),
        ));
    }
    out.into_iter()
        .map(|(name, description, sql)| SqlStatement {
            name: name.to_string(),
            description: description.to_string(),
            sql,
        })
        .collect()
}

impl Query<'_> {
    /// The options the statements depend on, as literals, for the reader
    /// to compare with its own.
    fn parameters(&self) -> String {
        let d = self.d;
        let c = &self.o.config;
        let text = |s: &str| d.text(s);
        let as_of = match c.as_of {
            Some(day) => text(&crate::calendar::iso_date(day)),
            None => d.null_of(d.string()),
        };
        let ignored = match &self.o.event {
            Some(_) => c.ignore_events.join("\n"),
            None => String::new(),
        };
        [
            format!("{} AS format", self.int(super::FORMAT_VERSION)),
            format!("{} AS dialect", text(d.as_str())),
            format!(
                "{} AS utc_offset_minutes",
                self.int(i64::from(c.utc_offset_minutes))
            ),
            format!("{} AS cohort_period", text(c.period.as_str())),
            format!(
                "{} AS week_start",
                text(match c.week_start {
                    WeekStart::Monday => "monday",
                    WeekStart::Sunday => "sunday",
                })
            ),
            format!(
                "{} AS window_kind",
                text(match c.window {
                    Window::Calendar => "calendar",
                    Window::Elapsed => "24h",
                })
            ),
            format!("{as_of} AS as_of_option"),
            format!(
                "{} AS session_gap_minutes",
                self.int(i64::from(c.session_gap_minutes))
            ),
            format!(
                "{} AS event_names",
                self.int(i64::from(self.o.event.is_some()))
            ),
            format!(
                "{} AS session_ids",
                self.int(i64::from(self.o.session.is_some()))
            ),
            format!("{} AS ignore_events", text(&ignored)),
            format!("{} AS features", text(&super::usage_sql::features_text(c))),
            format!(
                "{} AS activation_event",
                match &c.activation_event {
                    Some(event) => text(event),
                    None => d.null_of(d.string()),
                }
            ),
            format!(
                "{} AS activation_window_days",
                self.int(i64::from(c.activation_window_days))
            ),
        ]
        .join(",\n  ")
    }

    fn summary(&self) -> String {
        format!(
            "{base},\ncounts AS (\n  SELECT COUNT(*) AS events, SUM(CASE WHEN ev.d > bounds.as_of THEN 1 ELSE 0 END) AS events_after_as_of\n  FROM ev CROSS JOIN bounds\n),\n\
             people AS (\n  SELECT COUNT(*) AS users FROM (SELECT DISTINCT u FROM ud) x\n),\n\
             all_rows AS (\n  SELECT COUNT(*) AS table_rows FROM {table}\n),\n\
             {session_counts}\n\
             SELECT\n  {parameters},\n  bounds.first_day AS first_day,\n  bounds.as_of AS as_of_day,\n  counts.events AS events,\n  counts.events_after_as_of AS events_after_as_of,\n  people.users AS users,\n  all_rows.table_rows AS table_rows,\n  \
             session_counts.events_without_session AS events_without_session,\n  session_counts.shared_session_ids AS shared_session_ids\n\
             FROM bounds CROSS JOIN counts CROSS JOIN people CROSS JOIN all_rows CROSS JOIN session_counts",
            base = self.base(),
            table = self.table(),
            parameters = self.parameters(),
            session_counts = self.session_counts(),
        )
    }

    /// With a session column, the events up to the as-of day without a
    /// session id and the ids seen with more than one user; zeros without.
    fn session_counts(&self) -> String {
        let zero = self.int(0);
        if self.o.session.is_none() {
            return format!(
                "session_counts AS (\n  SELECT {zero} AS events_without_session, {zero} AS shared_session_ids\n)"
            );
        }
        let one = self.int(1);
        format!(
            "without_session AS (\n  SELECT COALESCE(SUM(CASE WHEN ev.s IS NULL THEN {one} ELSE {zero} END), {zero}) AS events_without_session\n  FROM ev CROSS JOIN bounds\n  WHERE ev.d <= bounds.as_of\n),\n\
             shared_ids AS (\n  SELECT COUNT(*) AS shared_session_ids FROM (\n    SELECT ev.s AS s FROM ev CROSS JOIN bounds\n    WHERE ev.d <= bounds.as_of AND ev.s IS NOT NULL\n    GROUP BY ev.s HAVING COUNT(DISTINCT ev.u) > 1\n  ) x\n),\n\
             session_counts AS (\n  SELECT without_session.events_without_session AS events_without_session, shared_ids.shared_session_ids AS shared_session_ids\n  FROM without_session CROSS JOIN shared_ids\n)"
        )
    }

    /// Each day's actives and new users, and the trailing 7- and 28-day
    /// actives: a user counts in the window of every day from an active day
    /// until 7 (28) days later or their next active day, whichever is first
    /// (the library's difference arrays), summed up in day order.
    fn daily(&self) -> String {
        let one = self.int(1);
        let zero = self.int(0);
        let minus = self.int(-1);
        format!(
            "{base},\nfirsts AS (\n  SELECT u, MIN(d) AS d FROM ud GROUP BY u\n),\n\
             nexts AS (\n  SELECT d, COALESCE({next}, d + 28) AS next_d FROM ud\n),\n\
             marks AS (\n\
             \x20 SELECT d AS day, {one} AS active, {zero} AS new_users, {one} AS wau_change, {one} AS mau_change FROM ud\n\
             \x20 UNION ALL SELECT d, {zero}, {one}, {zero}, {zero} FROM firsts\n\
             \x20 UNION ALL SELECT LEAST(d + 7, next_d), {zero}, {zero}, {minus}, {zero} FROM nexts\n\
             \x20 UNION ALL SELECT LEAST(d + 28, next_d), {zero}, {zero}, {zero}, {minus} FROM nexts\n\
             ),\n\
             per_day AS (\n  SELECT day, SUM(active) AS active, SUM(new_users) AS new_users, SUM(wau_change) AS wau_change, SUM(mau_change) AS mau_change\n  FROM marks GROUP BY day\n),\n\
             running AS (\n  SELECT day, active, new_users,\n    SUM(wau_change) OVER (ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS weekly_active,\n    SUM(mau_change) OVER (ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS monthly_active\n  FROM per_day\n)\n\
             SELECT running.day AS day, running.active AS active, running.new_users AS new_users, running.weekly_active AS weekly_active, running.monthly_active AS monthly_active\n\
             FROM running CROSS JOIN bounds\nWHERE running.day <= bounds.as_of\nORDER BY day",
            base = self.base(),
            next = self.d.shifted("LEAD", "d", "PARTITION BY u ORDER BY d"),
        )
    }

    /// Users by active days in the 28 days ending on the as-of day.
    fn active_days(&self) -> String {
        format!(
            "{base},\nper_user AS (\n  SELECT ud.u AS u, COUNT(*) AS days\n  FROM ud CROSS JOIN bounds\n  WHERE ud.d > bounds.as_of - 28\n  GROUP BY ud.u\n)\n\
             SELECT days, COUNT(*) AS users FROM per_user GROUP BY days ORDER BY days",
            base = self.base(),
        )
    }

    /// Each user's active periods with the one before and after.
    fn periods(&self) -> String {
        format!(
            "up AS (\n  SELECT DISTINCT u, {p} AS p FROM ud\n),\n\
             seq AS (\n  SELECT u, p, {prev} AS prev_p, {next} AS next_p FROM up\n),\n\
             last_period AS (\n  SELECT {last} AS p FROM bounds\n)",
            p = self.period("d"),
            last = self.period("as_of"),
            prev = self.d.shifted("LAG", "p", "PARTITION BY u ORDER BY p"),
            next = self.d.shifted("LEAD", "p", "PARTITION BY u ORDER BY p"),
        )
    }

    /// Growth accounting: a user's first active period is new; one right
    /// after an active period is retained; one after a gap resurrected, with
    /// the user churned in the period after the last active one (and after
    /// their last active period, when a later one exists).
    fn growth(&self) -> String {
        let (one, zero) = (self.int(1), self.int(0));
        format!(
            "{base},\n{periods},\n\
             marks AS (\n\
             \x20 SELECT p AS period,\n\
             \x20   CASE WHEN prev_p IS NULL THEN {one} ELSE {zero} END AS new_users,\n\
             \x20   CASE WHEN prev_p = p - 1 THEN {one} ELSE {zero} END AS retained,\n\
             \x20   CASE WHEN prev_p < p - 1 THEN {one} ELSE {zero} END AS resurrected,\n\
             \x20   {zero} AS churned\n\
             \x20 FROM seq\n\
             \x20 UNION ALL SELECT prev_p + 1, {zero}, {zero}, {zero}, {one} FROM seq WHERE prev_p < p - 1\n\
             \x20 UNION ALL SELECT seq.p + 1, {zero}, {zero}, {zero}, {one} FROM seq CROSS JOIN last_period WHERE seq.next_p IS NULL AND seq.p + 1 <= last_period.p\n\
             )\n\
             SELECT period, SUM(new_users) AS new_users, SUM(retained) AS retained, SUM(resurrected) AS resurrected, SUM(churned) AS churned\n\
             FROM marks GROUP BY period ORDER BY period",
            base = self.base(),
            periods = self.periods(),
        )
    }

    /// The 24 h windows: each user's start (first event up to the end of the
    /// as-of day), the window of each event (capped at one past the last
    /// period), and how many of the user's windows are over by then.
    fn windows(&self) -> String {
        let d = self.d;
        let len = match self.o.config.period {
            Period::Day => 86_400_000i64,
            Period::Week => 7 * 86_400_000,
            Period::Month => 30 * 86_400_000,
        };
        let offset_ms = i64::from(self.o.config.utc_offset_minutes) * 60_000;
        format!(
            "ends AS (\n  SELECT (as_of + 1) * {MS_PER_DAY} - {offset_ms} AS end_ms,\n    {last} - {first} + 2 AS width\n  FROM bounds\n),\n\
             starts AS (\n  SELECT ev.u AS u, MIN(ev.t) AS t0\n  FROM ev CROSS JOIN ends\n  WHERE ev.t < ends.end_ms\n  GROUP BY ev.u\n),\n\
             placed AS (\n  SELECT starts.u AS u, starts.t0 AS t0, {cohort} AS cohort,\n    LEAST(GREATEST({mature}, 0), ends.width) AS mature\n  FROM starts CROSS JOIN ends\n),\n\
             uw AS (\n  SELECT DISTINCT placed.u AS u, placed.cohort AS cohort, placed.mature AS mature,\n    LEAST({k}, ends.width - 1) AS k\n  FROM ev JOIN placed ON ev.u = placed.u CROSS JOIN ends\n  WHERE ev.t < ends.end_ms\n)",
            last = self.period("as_of"),
            first = self.period("first_day"),
            cohort = self.period(&d.floor_div(&format!("starts.t0 + {offset_ms}"), MS_PER_DAY)),
            mature = d.floor_div("ends.end_ms - starts.t0", &len.to_string()),
            k = d.floor_div("ev.t - placed.t0", &len.to_string()),
        )
    }

    /// Per cohort and period after it, the users active in it: calendar
    /// periods, or 24 h windows that are over.
    fn cohorts(&self) -> String {
        match self.o.config.window {
            Window::Calendar => format!(
                "{base},\n{periods},\nfirst_period AS (\n  SELECT u, MIN(p) AS cohort FROM up GROUP BY u\n)\n\
                 SELECT first_period.cohort AS cohort, up.p - first_period.cohort AS period_offset, COUNT(*) AS users\n\
                 FROM up JOIN first_period ON up.u = first_period.u\n\
                 GROUP BY first_period.cohort, up.p - first_period.cohort\nORDER BY cohort, period_offset",
                base = self.base(),
                periods = self.periods(),
            ),
            Window::Elapsed => format!(
                "{base},\n{windows}\n\
                 SELECT cohort, k AS period_offset, COUNT(*) AS users\nFROM uw\nWHERE k < mature\n\
                 GROUP BY cohort, k\nORDER BY cohort, period_offset",
                base = self.base(),
                windows = self.windows(),
            ),
        }
    }

    /// Per cohort, users by their last active period after it (and, for 24 h
    /// windows, by their windows over): the cohort sizes, unbounded
    /// ("on or after") retention and the windows' eligible users follow.
    fn cohort_last(&self) -> String {
        match self.o.config.window {
            Window::Calendar => format!(
                "{base},\n{periods},\nper_user AS (\n  SELECT u, MIN(p) AS cohort, MAX(p) - MIN(p) AS last_offset FROM up GROUP BY u\n)\n\
                 SELECT cohort, {null} AS mature, last_offset, COUNT(*) AS users\n\
                 FROM per_user GROUP BY cohort, last_offset\nORDER BY cohort, last_offset",
                base = self.base(),
                periods = self.periods(),
                null = self.d.null_of(self.d.bigint()),
            ),
            Window::Elapsed => format!(
                "{base},\n{windows},\nper_user AS (\n  SELECT u, MIN(cohort) AS cohort, MIN(mature) AS mature, MAX(k) AS last_offset FROM uw GROUP BY u\n)\n\
                 SELECT cohort, mature, last_offset, COUNT(*) AS users\n\
                 FROM per_user GROUP BY cohort, mature, last_offset\nORDER BY cohort, mature, last_offset",
                base = self.base(),
                windows = self.windows(),
            ),
        }
    }

    /// Sessions as `analyzeEvents` counts them without a session column: a
    /// user's events up to the as-of day in time order, a new session after
    /// more than the gap without an event; a session's length from its first
    /// event to its last. Counted per whole minute of length, with the exact
    /// total (the mean) and those longer than a day.
    fn sessions(&self) -> String {
        let d = self.d;
        let (one, zero) = (self.int(1), self.int(0));
        let spans = if self.o.session.is_some() {
            // By id: a user's events under one id (ids shared between users are each user's own).
            "spans AS (\n  SELECT ev.u AS u, ev.s AS s, MAX(ev.t) - MIN(ev.t) AS length_ms\n  FROM ev CROSS JOIN bounds\n  WHERE ev.d <= bounds.as_of AND ev.s IS NOT NULL\n  GROUP BY ev.u, ev.s\n)".to_string()
        } else {
            // By gaps. `numbered` sums with the default frame (RANGE): events
            // at the same time share their session whatever order the engine
            // puts them in.
            let gap_ms = i64::from(self.o.config.session_gap_minutes) * 60_000;
            format!(
                "ordered AS (\n  SELECT ev.u AS u, ev.t AS t, {previous} AS prev_t\n  FROM ev CROSS JOIN bounds\n  WHERE ev.d <= bounds.as_of\n),\n\
                 marked AS (\n  SELECT u, t, CASE WHEN prev_t IS NULL OR t - prev_t > {gap_ms} THEN {one} ELSE {zero} END AS starts FROM ordered\n),\n\
                 numbered AS (\n  SELECT u, t, SUM(starts) OVER (PARTITION BY u ORDER BY t) AS session FROM marked\n),\n\
                 spans AS (\n  SELECT u, session, MAX(t) - MIN(t) AS length_ms FROM numbered GROUP BY u, session\n)",
                previous = d.shifted("LAG", "ev.t", "PARTITION BY ev.u ORDER BY ev.t"),
            )
        };
        format!(
            "{base},\n{spans}\n\
             SELECT {minutes} AS minutes, COUNT(*) AS sessions, SUM(length_ms) AS total_ms,\n  SUM(CASE WHEN length_ms > 86400000 THEN {one} ELSE {zero} END) AS longer_than_a_day\n\
             FROM spans\nGROUP BY {minutes}\nORDER BY minutes",
            base = self.base(),
            minutes = d.floor_div("length_ms", "60000"),
        )
    }

    /// The ignored events left out, per name.
    fn ignored_events(&self) -> String {
        let d = self.d;
        let (user, time) = (d.ident(&self.o.user), d.ident(&self.o.time));
        let event = d.ident(self.o.event.as_deref().unwrap_or_default());
        let list: Vec<String> = self
            .o
            .config
            .ignore_events
            .iter()
            .map(|n| d.text(n))
            .collect();
        format!(
            "SELECT e AS event_name, COUNT(*) AS events\nFROM (\n  SELECT {name} AS e FROM {table}\n  WHERE {user} IS NOT NULL AND {time} IS NOT NULL\n) named\n\
             WHERE e IN ({list})\nGROUP BY e\nORDER BY event_name",
            name = self.event_name(&event),
            table = self.table(),
            list = list.join(", "),
        )
    }
}
