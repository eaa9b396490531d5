#!/usr/bin/env python3
"""Checks run_engines.py on every engine with a tiny CSV: the numbers each
engine returns must be exactly those computed here from the CSV itself
(counts, distinct users, the last timestamp, epoch milliseconds, days in
UTC), engine errors must be reported and not stop the run, and sqlglot must
accept a valid and reject an invalid BigQuery and Snowflake statement.
Ends with "N passed, M failed".

    tools/engines-venv/bin/python tests/warehouse/runner_selftest.py
"""
import collections
import csv
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time

RUNNER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "run_engines.py")

# A NULL user, a NULL name, NULL numbers, and the last millisecond of a UTC day.
CSV = """user_id,event_ts,event_name,event_ms,value
u1,2026-03-01T12:34:56.789Z,open,5,1.5
,2026-03-01T23:59:59.999Z,open,,2.25
u2,2026-03-02T00:00:00.000Z,,7,
u1,2026-02-28T08:00:00.001Z,close,3,
"""
COLUMNS = [
    {"name": "user_id", "type": "string"},
    {"name": "event_ts", "type": "timestamp"},
    {"name": "event_name", "type": "string"},
    {"name": "event_ms", "type": "bigint"},
    {"name": "value", "type": "double"},
]
# Each engine's spelling of epoch milliseconds and of a timestamp's UTC day.
DIALECT = {
    "duckdb": ("epoch_ms(event_ts)", "CAST(event_ts AS DATE)"),
    "clickhouse": ("toUnixTimestamp64Milli(event_ts)", "toDate(event_ts)"),
    "spark": ("unix_millis(event_ts)", "CAST(event_ts AS DATE)"),
}
PARSE = {
    "bigquery": (
        "SELECT DATE_TRUNC(DATE(event_ts), WEEK(MONDAY)) AS week, COUNT(DISTINCT user_id) AS users "
        "FROM `analytics.events` GROUP BY week",
        "SELECT (1",
    ),
    "snowflake": (
        "SELECT DATE_TRUNC('week', event_ts) AS week, COUNT(DISTINCT user_id) AS users FROM analytics.events GROUP BY 1",
        "SELECT * FROM analytics.events WHERE",
    ),
}


def expected_from(path):
    """What every engine must answer, computed from the CSV with Python."""
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
    stamps = [datetime.datetime.strptime(r["event_ts"], "%Y-%m-%dT%H:%M:%S.%f%z") for r in rows]
    millis = [(t - epoch) // datetime.timedelta(milliseconds=1) for t in stamps]
    last = max(stamps)
    days = collections.Counter(t.date().isoformat() for t in stamps)
    totals = [
        len(rows),
        len({r["user_id"] for r in rows if r["user_id"]}),
        sum(1 for r in rows if r["user_id"]),
        last.strftime("%Y-%m-%dT%H:%M:%S.") + f"{last.microsecond // 1000:03d}Z",
        sum(int(r["event_ms"]) for r in rows if r["event_ms"]),
        sum(float(r["value"]) for r in rows if r["value"]),
    ]
    return {
        "totals": {"columns": ["n", "users", "with_user", "last_ts", "ms_sum", "value_sum"], "rows": [totals]},
        "epoch": {
            "columns": ["user_id", "ms"],
            "rows": sorted(([r["user_id"] or None, m] for r, m in zip(rows, millis)), key=lambda p: p[1]),
        },
        "daily": {"columns": ["day", "n"], "rows": [[d, n] for d, n in sorted(days.items())]},
    }


def engine_job(engine, csv_path):
    epoch_ms, day = DIALECT[engine]
    # Upper-case N: the runner reports column names in lower case.
    sql = {
        "totals": "SELECT count(*) AS N, count(DISTINCT user_id) AS users, count(user_id) AS with_user, "
        "max(event_ts) AS last_ts, sum(event_ms) AS ms_sum, sum(value) AS value_sum FROM analytics.events",
        "epoch": f"SELECT user_id, {epoch_ms} AS ms FROM analytics.events ORDER BY ms",
        "daily": f"SELECT {day} AS day, count(*) AS n FROM analytics.events GROUP BY {day} ORDER BY day",
        "broken": "SELECT nosuch_column FROM analytics.events",
    }
    return {
        "id": engine,
        "engine": engine,
        "tables": [{"name": "analytics.events", "csv": csv_path, "columns": COLUMNS}],
        "statements": [{"name": k, "sql": v} for k, v in sql.items()],
    }


def main():
    passed = failed = 0

    def check(name, ok, detail=""):
        nonlocal passed, failed
        print(("ok   " if ok else "FAIL ") + name + ("" if ok else f": {detail}"))
        ok = bool(ok)
        passed, failed = passed + ok, failed + (not ok)

    with tempfile.TemporaryDirectory() as tmp:
        csv_path = os.path.join(tmp, "events.csv")
        with open(csv_path, "w") as f:
            f.write(CSV)
        expected = expected_from(csv_path)
        jobs = [engine_job(e, csv_path) for e in DIALECT]
        # The header is not the declared columns: a load error, reported.
        jobs.append(dict(engine_job("duckdb", csv_path), id="bad-header", statements=[]))
        jobs[-1]["tables"] = [dict(jobs[-1]["tables"][0], columns=COLUMNS[::-1])]
        # The clickhouse job dropped its tables when it ended: this one cannot see them.
        jobs.append({"id": "isolated", "engine": "clickhouse",
                     "statements": [{"name": "gone", "sql": "SELECT count(*) FROM analytics.events"}]})
        for dialect, (good, bad) in PARSE.items():
            jobs.append({"id": f"parse-{dialect}", "engine": f"parse:{dialect}",
                         "statements": [{"name": "good", "sql": good}, {"name": "bad", "sql": bad}]})
        jobs_path, out_path = os.path.join(tmp, "jobs.json"), os.path.join(tmp, "out.json")
        with open(jobs_path, "w") as f:
            json.dump({"jobs": jobs}, f)

        start = time.perf_counter()
        run = subprocess.run([sys.executable, RUNNER, jobs_path, out_path])
        print(f"run_engines.py took {time.perf_counter() - start:.1f} s (every engine started once)")
        check("the runner exits 0 although statements fail", run.returncode == 0, f"exit {run.returncode}")
        if run.returncode != 0:
            print(f"{passed} passed, {failed} failed")
            return 1
        with open(out_path) as f:
            out = json.load(f)

    for engine in DIALECT:
        job = out[engine]
        for name, want in expected.items():
            got = job["results"].get(name)
            # Compared as JSON text, so 3 and 3.0 differ.
            check(f"{engine} {name}", json.dumps(got) == json.dumps(want), f"expected {want}, got {got}")
        seconds = job["seconds"]
        check(
            f"{engine} reports the failing statement and the time of the others",
            job["ok"] is False and job["statement"] == "broken" and "nosuch_column" in job["error"]
            and set(seconds["statements"]) == set(expected) and isinstance(seconds["load"], float),
            json.dumps({k: job.get(k) for k in ("ok", "statement", "error", "seconds")})[:600],
        )
    bad = out["bad-header"]
    check("a CSV header unlike the columns is a load error",
          not bad["ok"] and bad["statement"] == "load analytics.events" and "header" in bad["error"], bad)
    gone = out["isolated"]
    check("a job does not see the tables of the one before", not gone["ok"] and gone["statement"] == "gone", gone)
    for dialect in PARSE:
        results = out[f"parse-{dialect}"]["results"]
        check(f"sqlglot {dialect} accepts a valid statement", results["good"] == {"ok": True}, results["good"])
        check(f"sqlglot {dialect} rejects an invalid one", results["bad"]["ok"] is False and results["bad"]["error"],
              results["bad"])
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
