//! The statement being written: the options, their dialect, and the
//! chain every statement starts from, mirroring `analyzeEvents`:
//! - `src`: the rows with a user and a time (and an event name), the
//!   ignored events left out;
//! - `ev`: each event's time in ms (UTC) and its local day (days since
//!   1970-01-01 at the UTC offset), only times from 1970 to 2099;
//! - `bounds`: the first day (of any event) and the as-of day (`asOf`, else
//!   the last event's day);
//! - `ud`: each user's distinct active days up to the as-of day.

use super::dialect::Dialect;
use super::options::{SqlOptions, TimeColumn};
use crate::calendar::WeekStart;
use crate::events::{Period, MAX_TIMESTAMP_MS};

pub(super) const MS_PER_DAY: &str = "86400000";

/// A statement being written: the options and their dialect.
pub(super) struct Query<'o> {
    pub(super) o: &'o SqlOptions,
    pub(super) d: Dialect,
}

impl Query<'_> {
    pub(super) fn int(&self, n: i64) -> String {
        format!("CAST({n} AS {})", self.d.bigint())
    }

    pub(super) fn table(&self) -> String {
        self.d.qualified(&self.o.table)
    }

    /// The time column's instant in ms since the epoch.
    pub(super) fn time_ms(&self) -> String {
        let column = self.d.ident(&self.o.time);
        match self.o.time_column {
            TimeColumn::Timestamp => self.d.epoch_ms(&column),
            // As the file reader converts a unit (timestamp::Unit::to_ms).
            TimeColumn::Number(unit) => {
                let n = format!("CAST({column} AS {})", self.d.double());
                match unit {
                    crate::events::timestamp::Unit::Seconds => format!("({n} * 1000)"),
                    crate::events::timestamp::Unit::Microseconds => format!("({n} / 1000)"),
                    crate::events::timestamp::Unit::Nanoseconds => format!("({n} / 1000000)"),
                    _ => n,
                }
            }
        }
    }

    /// An event name column's value as the file reader reads it: trimmed,
    /// and empty when there is none.
    pub(super) fn event_name(&self, column: &str) -> String {
        format!("COALESCE(TRIM({}), '')", self.d.nullable_text(column))
    }

    /// A day number's period, numbered as `config::period_of` numbers it.
    pub(super) fn period(&self, day: &str) -> String {
        match self.o.config.period {
            Period::Day => day.to_string(),
            Period::Week => {
                // 1970-01-01, day 0, is a Thursday: 3 days after a Monday, 4 after a Sunday.
                let shift = match self.o.config.week_start {
                    WeekStart::Monday => 3,
                    WeekStart::Sunday => 4,
                };
                self.d.floor_div(&format!("{day} + {shift}"), "7")
            }
            Period::Month => self.d.month_of_day(day),
        }
    }

    /// The chain every statement starts from (see the module's doc).
    pub(super) fn base(&self) -> String {
        let d = self.d;
        let user = d.ident(&self.o.user);
        let time = d.ident(&self.o.time);
        let keep = format!("{user} IS NOT NULL AND {time} IS NOT NULL");
        // The event name as the file reader reads it (trimmed, none: empty),
        // and the ignored names left out.
        let (name, mut ignore) = match &self.o.event {
            Some(event) => (
                format!(", {} AS e", self.event_name(&d.ident(event))),
                String::new(),
            ),
            None => (String::new(), String::new()),
        };
        let names = &self.o.config.ignore_events;
        if self.o.event.is_some() && !names.is_empty() {
            let list: Vec<String> = names.iter().map(|n| d.text(n)).collect();
            ignore = format!(" AND e NOT IN ({})", list.join(", "));
        }
        let offset_ms = i64::from(self.o.config.utc_offset_minutes) * 60_000;
        let as_of = match self.o.config.as_of {
            Some(day) => self.int(day),
            None => "MAX(d)".to_string(),
        };
        // A session id, or NULL for none: empty, `null`, or Amplitude's `-1`
        // (as the file reader reads a session column).
        let session = match &self.o.session {
            Some(column) => {
                let text = format!("TRIM({})", d.nullable_text(&d.ident(column)));
                format!(
                    ", CASE WHEN {text} IN ('', 'null', 'undefined', '-1') THEN {null} ELSE {text} END AS s",
                    null = d.null_of(d.string())
                )
            }
            None => String::new(),
        };
        let carried = format!(
            "{}{}",
            if self.o.session.is_some() { ", s" } else { "" },
            if self.o.event.is_some() { ", e" } else { "" }
        );
        format!(
            "WITH\nsrc AS (\n  SELECT CAST({user} AS {string}) AS u, {t} AS t{session}{name}\n  FROM {table}\n  WHERE {keep}\n),\n\
             ev AS (\n  SELECT u, t, {day} AS d{carried}\n  FROM src\n  WHERE u <> '' AND t >= 0 AND t < {max}{ignore}\n),\n\
             bounds AS (\n  SELECT MIN(d) AS first_day, {as_of} AS as_of FROM ev\n),\n\
             ud AS (\n  SELECT DISTINCT ev.u AS u, ev.d AS d\n  FROM ev CROSS JOIN bounds\n  WHERE ev.d <= bounds.as_of\n)",
            string = d.string(),
            t = self.time_ms(),
            table = self.table(),
            day = d.floor_div(&format!("t + {offset_ms}"), MS_PER_DAY),
            max = MAX_TIMESTAMP_MS as i64,
        )
    }
}
