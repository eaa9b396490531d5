//! What differs between the SQL dialects, in one table of fragments: how a
//! name is quoted, how text is written, the type of a double, a timestamp
//! in epoch milliseconds, a day number as a date. The metric definitions
//! (`statements.rs`) are written once against these.

use serde::Serialize;

/// A SQL dialect the statements are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    /// DuckDB (tested on DuckDB itself).
    Duckdb,
    /// ClickHouse (tested on chdb, ClickHouse in process).
    Clickhouse,
    /// Spark SQL (tested on Spark in local mode).
    Spark,
    /// BigQuery GoogleSQL (parsed with sqlglot; no local engine).
    Bigquery,
    /// Snowflake (parsed with sqlglot; no local engine).
    Snowflake,
    /// PostgreSQL (parsed with sqlglot).
    Postgres,
}

/// Every dialect, in the order the documentation lists them.
pub const DIALECTS: [Dialect; 6] = [
    Dialect::Duckdb,
    Dialect::Clickhouse,
    Dialect::Spark,
    Dialect::Bigquery,
    Dialect::Snowflake,
    Dialect::Postgres,
];

/// How a dialect quotes an identifier.
#[derive(Clone, Copy)]
enum Quote {
    /// `"name"`, a `"` doubled inside.
    Double,
    /// `` `name` ``, a `` ` `` doubled inside (Spark, ClickHouse).
    BacktickDoubled,
    /// `` `name` ``, a `` ` `` escaped with a backslash (BigQuery).
    BacktickEscaped,
}

/// How a dialect reads a backslash in a string literal.
#[derive(Clone, Copy, PartialEq)]
enum Strings {
    /// Only `'` is special (doubled): DuckDB, PostgreSQL.
    Standard,
    /// A backslash escapes too: ClickHouse, Spark, BigQuery, Snowflake.
    BackslashEscapes,
}

impl Dialect {
    /// The dialect's id, as options name it.
    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::Duckdb => "duckdb",
            Dialect::Clickhouse => "clickhouse",
            Dialect::Spark => "spark",
            Dialect::Bigquery => "bigquery",
            Dialect::Snowflake => "snowflake",
            Dialect::Postgres => "postgres",
        }
    }

    /// The dialect of an id (`"duckdb"`, ...), case-insensitive.
    pub fn from_id(id: &str) -> Option<Dialect> {
        DIALECTS
            .into_iter()
            .find(|d| d.as_str().eq_ignore_ascii_case(id))
    }

    fn quote(self) -> Quote {
        match self {
            Dialect::Duckdb | Dialect::Snowflake | Dialect::Postgres => Quote::Double,
            Dialect::Clickhouse | Dialect::Spark => Quote::BacktickDoubled,
            Dialect::Bigquery => Quote::BacktickEscaped,
        }
    }

    fn strings(self) -> Strings {
        match self {
            Dialect::Duckdb | Dialect::Postgres => Strings::Standard,
            _ => Strings::BackslashEscapes,
        }
    }

    /// An identifier, quoted: whatever it holds stays a name. (The option
    /// reader has refused control characters, which no engine takes.)
    pub fn ident(self, name: &str) -> String {
        match self.quote() {
            Quote::Double => format!("\"{}\"", name.replace('"', "\"\"")),
            Quote::BacktickDoubled => format!("`{}`", name.replace('`', "``")),
            Quote::BacktickEscaped => {
                format!("`{}`", name.replace('\\', "\\\\").replace('`', "\\`"))
            }
        }
    }

    /// A qualified name (`analytics.events`), each part quoted.
    pub fn qualified(self, parts: &[String]) -> String {
        parts
            .iter()
            .map(|p| self.ident(p))
            .collect::<Vec<_>>()
            .join(".")
    }

    /// A string literal.
    pub fn text(self, value: &str) -> String {
        let escaped = match self.strings() {
            Strings::Standard => value.replace('\'', "''"),
            Strings::BackslashEscapes => value.replace('\\', "\\\\").replace('\'', "\\'"),
        };
        format!("'{escaped}'")
    }

    /// The type of a 64-bit float.
    pub fn double(self) -> &'static str {
        match self {
            Dialect::Bigquery => "FLOAT64",
            Dialect::Postgres => "DOUBLE PRECISION",
            Dialect::Clickhouse => "Float64",
            _ => "DOUBLE",
        }
    }

    /// The type of a 64-bit integer.
    pub fn bigint(self) -> &'static str {
        match self {
            Dialect::Bigquery => "INT64",
            Dialect::Clickhouse => "Int64",
            _ => "BIGINT",
        }
    }

    /// The type of text.
    pub fn string(self) -> &'static str {
        match self {
            Dialect::Bigquery | Dialect::Spark => "STRING",
            // ClickHouse's type names are case-sensitive.
            Dialect::Clickhouse => "String",
            _ => "VARCHAR",
        }
    }

    /// A value as text, NULL staying NULL (ClickHouse's `String` holds none).
    pub fn nullable_text(self, expr: &str) -> String {
        match self {
            Dialect::Clickhouse => format!("CAST({expr} AS Nullable(String))"),
            _ => format!("CAST({expr} AS {})", self.string()),
        }
    }

    /// A NULL of a type (`string()` or `bigint()`): ClickHouse's types hold
    /// no NULL unless made `Nullable`.
    pub fn null_of(self, type_name: &str) -> String {
        match self {
            Dialect::Clickhouse => format!("CAST(NULL AS Nullable({type_name}))"),
            _ => format!("CAST(NULL AS {type_name})"),
        }
    }

    /// The value of `column` in the row before (`LAG`) or after (`LEAD`) in
    /// `window`, NULL where there is none (ClickHouse gives its type's
    /// default, 0, unless the value is made `Nullable`).
    pub fn shifted(self, function: &str, column: &str, window: &str) -> String {
        match self {
            Dialect::Clickhouse => format!("{function}(toNullable({column})) OVER ({window})"),
            _ => format!("{function}({column}) OVER ({window})"),
        }
    }

    /// `floor(a / b)` as a 64-bit integer, divided as doubles: the same
    /// rounding as the library's own `floor(ms / 86_400_000)` (an integer
    /// division would truncate negatives, and Snowflake's decimal division
    /// would round k - 1e-8 up to k).
    pub fn floor_div(self, a: &str, b: &str) -> String {
        format!(
            "CAST(FLOOR(CAST({a} AS {double}) / {b}) AS {bigint})",
            double = self.double(),
            bigint = self.bigint()
        )
    }

    /// A timestamp column's instant in milliseconds since the epoch (UTC).
    pub fn epoch_ms(self, column: &str) -> String {
        match self {
            Dialect::Duckdb => format!("epoch_ms({column})"),
            Dialect::Clickhouse => format!("toUnixTimestamp64Milli(toDateTime64({column}, 3))"),
            Dialect::Spark => format!("unix_millis({column})"),
            Dialect::Bigquery => format!("UNIX_MILLIS({column})"),
            Dialect::Snowflake => format!("DATE_PART(EPOCH_MILLISECOND, {column})"),
            Dialect::Postgres => {
                format!("CAST(FLOOR(EXTRACT(EPOCH FROM {column}) * 1000) AS BIGINT)")
            }
        }
    }

    /// The date of a day number (days since 1970-01-01).
    pub fn date_of_day(self, day: &str) -> String {
        match self {
            Dialect::Duckdb => format!("(DATE '1970-01-01' + CAST({day} AS INTEGER))"),
            Dialect::Clickhouse => format!("addDays(toDate('1970-01-01'), {day})"),
            Dialect::Spark => format!("date_add(DATE '1970-01-01', CAST({day} AS INT))"),
            Dialect::Bigquery => format!("DATE_ADD(DATE '1970-01-01', INTERVAL {day} DAY)"),
            Dialect::Snowflake => format!("DATEADD(DAY, {day}, DATE '1970-01-01')"),
            Dialect::Postgres => format!("(DATE '1970-01-01' + CAST({day} AS INTEGER))"),
        }
    }

    /// A day number's month, as year * 12 + (month - 1) (the library's `month_of`).
    pub fn month_of_day(self, day: &str) -> String {
        let date = self.date_of_day(day);
        format!("(EXTRACT(YEAR FROM {date}) * 12 + EXTRACT(MONTH FROM {date}) - 1)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_names_in_every_dialect() {
        let name = "ev\"il`na\\me'";
        assert_eq!(Dialect::Duckdb.ident(name), "\"ev\"\"il`na\\me'\"");
        assert_eq!(Dialect::Spark.ident(name), "`ev\"il``na\\me'`");
        assert_eq!(Dialect::Clickhouse.ident(name), "`ev\"il``na\\me'`");
        assert_eq!(Dialect::Bigquery.ident(name), "`ev\"il\\`na\\\\me'`");
        assert_eq!(Dialect::Snowflake.ident("a"), "\"a\"");
        assert_eq!(
            Dialect::Bigquery.qualified(&[
                "my-project".into(),
                "analytics".into(),
                "events".into()
            ]),
            "`my-project`.`analytics`.`events`"
        );
    }

    #[test]
    fn text_literals_escape_what_each_dialect_reads() {
        assert_eq!(Dialect::Duckdb.text("it's \\"), "'it''s \\'");
        assert_eq!(Dialect::Postgres.text("it's"), "'it''s'");
        assert_eq!(Dialect::Clickhouse.text("it's \\"), "'it\\'s \\\\'");
        assert_eq!(Dialect::Bigquery.text("$identify"), "'$identify'");
    }

    #[test]
    fn fragments_per_dialect() {
        assert_eq!(
            Dialect::Duckdb.floor_div("t", "86400000"),
            "CAST(FLOOR(CAST(t AS DOUBLE) / 86400000) AS BIGINT)"
        );
        assert_eq!(
            Dialect::Bigquery.floor_div("t", "7"),
            "CAST(FLOOR(CAST(t AS FLOAT64) / 7) AS INT64)"
        );
        assert_eq!(Dialect::Spark.epoch_ms("`ts`"), "unix_millis(`ts`)");
        assert_eq!(
            Dialect::Snowflake.month_of_day("d"),
            "(EXTRACT(YEAR FROM DATEADD(DAY, d, DATE '1970-01-01')) * 12 + EXTRACT(MONTH FROM DATEADD(DAY, d, DATE '1970-01-01')) - 1)"
        );
        assert_eq!(
            Dialect::Clickhouse.null_of("String"),
            "CAST(NULL AS Nullable(String))"
        );
        assert_eq!(Dialect::Spark.null_of("STRING"), "CAST(NULL AS STRING)");
        assert_eq!(
            Dialect::Clickhouse.shifted("LAG", "p", "ORDER BY p"),
            "LAG(toNullable(p)) OVER (ORDER BY p)"
        );
        assert_eq!(Dialect::from_id("BigQuery"), Some(Dialect::Bigquery));
        assert_eq!(Dialect::from_id("mysql"), None);
    }
}
