#!/usr/bin/env python3
"""Native DuckDB for bench/warehouse.mjs: generates the Parquet file, or times
eventsSql's statements over it. Run with tools/engines-venv/bin/python (the
DuckDB the warehouse tests pin, tests/warehouse/requirements.txt).

    python bench/warehouse_duckdb.py job.json out.json

job.json, one of:
  { "generate": { "sql": "COPY (...) TO '...parquet'", "file": "..." }, "threads": 2 }
  { "parquet": "...", "view": "events", "threads": 2, "warmup": 1, "rounds": 3,
    "statements": [ { "name": "summary", "sql": "..." }, ... ] }

out.json: the DuckDB version and threads, the seconds taken (generation; or
per round, per statement), each round's CPU stall (the share of its time in
which some task on the machine waited for a CPU, from /proc/pressure/cpu:
other work on a shared machine), the file's size, the process's peak RSS, and the
statements' results (the last round's) as tests/warehouse/run_engines.py
writes them: { name: { "columns": [...], "rows": [[...], ...] } }, values
through its to_json. Statements run one after the other on one connection,
each read from the Parquet file through the view (nothing is cached between
them but what DuckDB caches itself).
"""
import json
import os
import resource
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "warehouse"))
from run_engines import to_json  # noqa: E402  (also sets TZ=UTC, as the tests run)


def cpu_stalled_us():
    """Microseconds in which a runnable task waited for a CPU, since boot
    (/proc/pressure/cpu, "some"); None where the kernel does not say."""
    try:
        with open("/proc/pressure/cpu", encoding="ascii") as f:
            return int(f.readline().rsplit("total=", 1)[1])
    except (OSError, IndexError, ValueError):
        return None


def peak_rss_bytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def connect(job):
    import duckdb

    con = duckdb.connect(config={"threads": int(job["threads"])})
    con.execute("SET TimeZone = 'UTC'")
    if job.get("temp_directory"):
        con.execute("SET temp_directory = '" + job["temp_directory"].replace("'", "''") + "'")
    version = con.execute("SELECT version()").fetchone()[0]
    return con, version


def generate(con, spec):
    start = time.perf_counter()
    con.execute(spec["sql"])
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "bytes": os.path.getsize(spec["file"])}


def statements(con, job):
    path = job["parquet"].replace("'", "''")
    view = '"' + job["view"].replace('"', '""') + '"'
    con.execute(f"CREATE OR REPLACE VIEW {view} AS SELECT * FROM read_parquet('{path}')")
    rounds, stalls, results = [], [], {}
    total = int(job["warmup"]) + int(job["rounds"])
    for r in range(total):
        seconds = {}
        stalled, wall = cpu_stalled_us(), time.perf_counter()
        for stmt in job["statements"]:
            start = time.perf_counter()
            cur = con.execute(stmt["sql"])
            rows = cur.fetchall()
            seconds[stmt["name"]] = time.perf_counter() - start
            if r == total - 1:
                results[stmt["name"]] = {
                    "columns": [d[0].lower() for d in cur.description],
                    "rows": [[to_json(v) for v in row] for row in rows],
                }
        after = cpu_stalled_us()
        stall = None if stalled is None or after is None else (after - stalled) / 1e6 / (time.perf_counter() - wall)
        label = "warm-up" if r < int(job["warmup"]) else f"round {r - int(job['warmup']) + 1}"
        print(f"  duckdb {label}: " + ", ".join(f"{k} {v:.2f} s" for k, v in seconds.items())
              + f"; all {sum(seconds.values()):.2f} s"
              + ("" if stall is None else f"; CPU stall {stall:.0%}"), file=sys.stderr, flush=True)
        rounds.append(seconds)
        stalls.append(stall)
    w = int(job["warmup"])
    return {"warmup": rounds[:w], "rounds": rounds[w:], "stalls": stalls[w:], "results": results}


def main(argv):
    if len(argv) != 3:
        raise SystemExit("usage: warehouse_duckdb.py job.json out.json")
    with open(argv[1], encoding="utf-8") as f:
        job = json.load(f)
    con, version = connect(job)
    out = {"version": version, "threads": int(job["threads"])}
    if "generate" in job:
        out.update(generate(con, job["generate"]))
    else:
        out.update(statements(con, job))
        out["parquet_bytes"] = os.path.getsize(job["parquet"])
    con.close()
    out["peak_rss_bytes"] = peak_rss_bytes()
    with open(argv[2], "w", encoding="utf-8") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main(sys.argv)
