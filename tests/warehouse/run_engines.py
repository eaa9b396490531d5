#!/usr/bin/env python3
"""Runs SQL statements on real warehouse engines installed from PyPI.

    tools/engines-venv/bin/python tests/warehouse/run_engines.py jobs.json out.json

Engines: "duckdb", "clickhouse" (chdb, in process), "spark" (local mode), and
"parse:<dialect>" (sqlglot parses each statement; nothing runs). Each engine
starts once per process, only if a job needs it. Each job loads its tables
fresh from CSV, runs its statements in order and stops at the first error.
Everything is UTC: timestamps load as UTC instants and come back as ISO
strings ending in Z. The formats of jobs.json and out.json are in
tests/warehouse/README.md. Exits 0 whatever the engines say; non-zero only
for a bad jobs file or a broken runner.
"""
import csv
import datetime
import decimal
import json
import logging
import math
import os
import pathlib
import re
import shutil
import sys
import tempfile
import time
import warnings
import zoneinfo

# Before any engine starts: every engine, the JVM and Python's datetime
# conversions then agree that local time is UTC.
os.environ["TZ"] = "UTC"
time.tzset()

HERE = os.path.dirname(os.path.abspath(__file__))
TYPES = ("string", "timestamp", "bigint", "double")
UTC = datetime.timezone.utc


class Engine:
    """One engine: `types` maps the jobs' column types to its own,
    `schema_word` is its word for a schema, `quote` wraps one identifier,
    `create` makes and fills a table from a CSV file, and `execute` runs one
    statement and returns (column names, rows)."""

    def name(self, table):
        return ".".join(self.quote(part) for part in table.split("."))

    def load(self, table):
        name, columns = self.name(table["name"]), table["columns"]
        schema = table["name"].rpartition(".")[0]
        if schema:
            self.execute(f"CREATE {self.schema_word} IF NOT EXISTS {self.name(schema)}")
        self.execute(f"DROP TABLE IF EXISTS {name}")
        self.create(name, columns, table["csv"])

    def drop(self, table):
        self.execute(f"DROP TABLE IF EXISTS {self.name(table['name'])}")

    def column_list(self, columns):
        return ", ".join(f"{self.quote(c['name'])} {self.types[c['type']]}" for c in columns)

    def close(self):
        pass


class DuckDB(Engine):
    # TIMESTAMP (naive, read as UTC) rather than TIMESTAMPTZ: the CSV's
    # trailing Z is honoured when parsing, and results do not depend on the
    # session's time zone.
    types = {"string": "VARCHAR", "timestamp": "TIMESTAMP", "bigint": "BIGINT", "double": "DOUBLE"}
    schema_word = "SCHEMA"

    def __init__(self):
        import duckdb

        self.con = duckdb.connect()
        self.con.execute("SET TimeZone = 'UTC'")

    def quote(self, ident):
        return '"' + ident.replace('"', '""') + '"'

    def create(self, name, columns, path):
        types = {c["name"]: self.types[c["type"]] for c in columns}
        # Explicit types, no sniffing: empty cells are NULL, bad values fail.
        self.con.execute(
            f"CREATE TABLE {name} AS SELECT * FROM read_csv(?, header = true, auto_detect = false, columns = ?)",
            [path, types],
        )

    def execute(self, sql):
        cur = self.con.execute(sql)
        if cur.description is None:
            return [], []
        return [d[0] for d in cur.description], cur.fetchall()


class ClickHouse(Engine):
    # Nullable because empty cells are NULL; the Memory engine needs no ORDER BY.
    types = {
        "string": "Nullable(String)",
        "timestamp": "Nullable(DateTime64(3, 'UTC'))",
        "bigint": "Nullable(Int64)",
        "double": "Nullable(Float64)",
    }
    schema_word = "DATABASE"

    def __init__(self):
        import chdb

        self.con = chdb.connect(":memory:")  # kept: the cursor dies with it
        self.cur = self.con.cursor()
        self.cur.execute("SET session_timezone = 'UTC'")

    def quote(self, ident):
        return "`" + ident.replace("\\", "\\\\").replace("`", "\\`") + "`"

    def create(self, name, columns, path):
        structure = self.column_list(columns)
        self.execute(f"CREATE TABLE {name} ({structure}) ENGINE = Memory")
        # CSVWithNames matches the header to the columns by name; best_effort
        # reads ISO-8601 with its T and Z.
        self.execute(
            f"INSERT INTO {name} SELECT * FROM file({literal(path)}, 'CSVWithNames', {literal(structure)}) "
            "SETTINGS date_time_input_format = 'best_effort'"
        )

    def execute(self, sql):
        self.cur.execute(sql)
        if not self.cur.description:
            return [], []
        columns = [d[0] for d in self.cur.description]
        rows = self.cur.fetchall()
        # chdb gives naive wall-clock times in the column's own time zone
        # (DateTime64(3, 'Europe/Paris')): make them aware so they print as UTC.
        zones = [re.search(r"DateTime(?:64)?\((?:\d+, )?'([^']+)'\)", d[1]) for d in self.cur.description]
        if any(z and z[1] != "UTC" for z in zones):
            zones = [zoneinfo.ZoneInfo(z[1]) if z else None for z in zones]
            rows = [
                [v.replace(tzinfo=z) if z and isinstance(v, datetime.datetime) else v for v, z in zip(row, zones)]
                for row in rows
            ]
        return columns, rows


class Spark(Engine):
    types = {"string": "STRING", "timestamp": "TIMESTAMP", "bigint": "BIGINT", "double": "DOUBLE"}
    schema_word = "DATABASE"

    def __init__(self):
        # pyspark warns about pandas 3 (pulled in by chdb) on import; no
        # pandas interop is used here.
        warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")
        # Spark's Python side logs every failed statement with a Java stack
        # trace; the error goes to out.json instead.
        logging.disable(logging.CRITICAL)
        # Local mode talks to itself only (and Spark then does not warn that
        # the host name resolves to a loopback address).
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        from pyspark.sql import SparkSession

        self.warehouse = tempfile.mkdtemp(prefix="spark-warehouse-")
        log4j = pathlib.Path(HERE, "log4j2.properties").as_uri()  # no spaces, for the options
        # The JIT's first tier only: a short run on tiny tables is ~20% faster.
        java = f"-XX:TieredStopAtLevel=1 -Duser.timezone=UTC -Dlog4j2.configurationFile={log4j}"
        self.spark = (
            SparkSession.builder.master("local[2]")
            .appName("run_engines")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.sql.warehouse.dir", self.warehouse)
            .config("spark.driver.extraJavaOptions", java)
            .getOrCreate()
        )

    def quote(self, ident):
        return "`" + ident.replace("`", "``") + "`"

    def create(self, name, columns, path):
        # A table over the CSV file itself, then cached: CACHE TABLE is eager,
        # so a bad value fails here (FAILFAST) rather than in a statement.
        self.execute(
            f"CREATE TABLE {name} ({self.column_list(columns)}) USING csv "
            f"OPTIONS (path {literal(path)}, header 'true', mode 'FAILFAST')"
        )
        self.execute(f"CACHE TABLE {name}")

    def execute(self, sql):
        df = self.spark.sql(sql)
        return df.columns, [tuple(r) for r in df.collect()]

    def close(self):
        self.spark.stop()
        shutil.rmtree(self.warehouse, ignore_errors=True)


ENGINES = {"duckdb": DuckDB, "clickhouse": ClickHouse, "spark": Spark}


def literal(text):
    """A single-quoted string literal for ClickHouse and Spark, which both
    read backslash escapes in literals (DuckDB gets parameters instead)."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def to_json(value):
    """An engine's value as JSON: integral numbers as integers, timestamps
    as UTC ISO-8601 with milliseconds (microseconds when they are not zero)."""
    if isinstance(value, datetime.datetime):
        utc = value.astimezone(UTC) if value.tzinfo else value
        digits = f"{utc.microsecond // 1000:03d}" if utc.microsecond % 1000 == 0 else f"{utc.microsecond:06d}"
        return utc.strftime("%Y-%m-%dT%H:%M:%S.") + digits + "Z"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # JSON has no NaN or Infinity
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if hasattr(value, "item"):
        return to_json(value.item())  # numpy scalars
    return str(value)


def check_header(table):
    """Two of the engines match CSV columns by position: make sure the header
    is the declared column list, in order."""
    with open(table["csv"], newline="", encoding="utf-8") as f:
        header = next(csv.reader(f), [])
    names = [c["name"] for c in table["columns"]]
    if header != names:
        raise ValueError(f"{table['csv']}: header {header} is not the declared columns {names}")


def run_engine_job(job, engine):
    out = {"ok": True, "results": {}, "seconds": {"load": 0.0, "statements": {}}}
    tables = job.get("tables", [])
    step = None
    try:
        start = time.perf_counter()
        for table in tables:
            step = f"load {table['name']}"
            check_header(table)
            engine.load(table)
        out["seconds"]["load"] = round(time.perf_counter() - start, 3)
        for stmt in job["statements"]:
            step = stmt["name"]
            start = time.perf_counter()
            columns, rows = engine.execute(stmt["sql"])
            out["seconds"]["statements"][step] = round(time.perf_counter() - start, 3)
            out["results"][step] = {
                "columns": [c.lower() for c in columns],
                "rows": [[to_json(v) for v in row] for row in rows],
            }
    except Exception as e:  # the engine's own error, reported, not raised
        out.update(ok=False, error=str(e).strip(), statement=step)
    finally:
        for table in tables:
            try:
                engine.drop(table)  # so the next job cannot see this one's tables
            except Exception:
                pass
    return out


def run_parse_job(job, dialect):
    import sqlglot
    from sqlglot.errors import ErrorLevel

    out = {"ok": True, "results": {}}
    for stmt in job["statements"]:
        try:
            sqlglot.parse_one(stmt["sql"], read=dialect, error_level=ErrorLevel.RAISE)
            out["results"][stmt["name"]] = {"ok": True}
        except Exception as e:
            # sqlglot underlines the bad token with terminal escapes.
            error = re.sub(r"\x1b\[[0-9;]*m", "", str(e))
            out["results"][stmt["name"]] = {"ok": False, "error": error}
            if out["ok"]:
                out.update(ok=False, error=error, statement=stmt["name"])
    return out


def check_jobs(jobs):
    """A malformed jobs file is the caller's bug: fail before any engine starts."""
    ids = [job["id"] for job in jobs]
    if len(set(ids)) != len(ids):
        raise SystemExit(f"duplicate job ids in {ids}")
    for job in jobs:
        engine = job["engine"]
        if engine not in ENGINES and not engine.startswith("parse:"):
            raise SystemExit(f"job {job['id']}: unknown engine {engine!r}")
        for table in job.get("tables", []):
            for column in table["columns"]:
                if column["type"] not in TYPES:
                    raise SystemExit(f"job {job['id']}: column type {column['type']!r} is not one of {TYPES}")
        names = [s["name"] for s in job["statements"]]
        if len(set(names)) != len(names):
            raise SystemExit(f"job {job['id']}: duplicate statement names in {names}")


def main(argv):
    if len(argv) != 3:
        raise SystemExit("usage: run_engines.py jobs.json out.json")
    with open(argv[1], encoding="utf-8") as f:
        jobs = json.load(f)["jobs"]
    check_jobs(jobs)
    started, out = {}, {}
    try:
        for job in jobs:
            engine = job["engine"]
            if engine.startswith("parse:"):
                out[job["id"]] = run_parse_job(job, engine.split(":", 1)[1])
                continue
            if engine not in started:
                started[engine] = ENGINES[engine]()
            out[job["id"]] = run_engine_job(job, started[engine])
    finally:
        for engine in started.values():
            engine.close()
    with open(argv[2], "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv)
