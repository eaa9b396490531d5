//! Native timing of the events analysis, as a command of its own (the
//! side-by-side benchmark, bench/events.mjs, runs the native build in its Node
//! process instead, as the addon examples/node_addon.rs).
//!
//! Two modes:
//!
//! - `bench_events_native --input FILE [--runs R]`: reads events from a
//!   binary file (a little-endian u64 count N, then N u32 user ids, then N
//!   f64 timestamps in ms since the epoch, UTC), runs
//!   `analyze_events` once to warm up and then R times (default 5), and prints
//!   one JSON line:
//!   `{"events":N,"users":U,"medianMs":M,"runsMs":[...],"rssBeforeKiB":B,"maxRssKiB":P}`
//!   where rssBeforeKiB is VmRSS after reading the file (before the first
//!   call) and maxRssKiB is the process's peak RSS (VmHWM) after the runs,
//!   both from /proc/self/status (null where that is not available).
//! - no `--input`: generates its own random data (default 10M events, 1M
//!   users, 180 days) and prints the median of 3 runs, as before:
//!   `cargo run --release --example bench_events_native -- [events] [users]`
//!
//! Build: `cargo build --release --example bench_events_native`.
use market_validation::calendar::{days_from_civil, MS_PER_DAY};
use market_validation::events::{analyze_events, EventsConfig};
use std::fs::File;
use std::io::{BufReader, Read};
use std::process::exit;
use std::time::Instant;

const USAGE: &str = "usage: bench_events_native --input FILE [--runs R]\n       bench_events_native [EVENTS] [USERS]";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return;
    }
    if args.iter().any(|a| a.starts_with("--")) {
        input_mode(&args);
    } else {
        generated_mode(&args);
    }
}

/// Prints the message to stderr and exits with the code.
fn fail(code: i32, message: &str) -> ! {
    eprintln!("bench_events_native: {message}");
    exit(code)
}

fn input_mode(args: &[String]) {
    let mut input: Option<&str> = None;
    let mut runs = 5usize;
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).map(String::as_str);
        match (args[i].as_str(), value) {
            ("--input", Some(v)) => input = Some(v),
            ("--runs", Some(v)) => match v.parse::<usize>() {
                Ok(n) if n >= 1 => runs = n,
                _ => fail(
                    2,
                    &format!("--runs needs a whole number >= 1, not {v}\n{USAGE}"),
                ),
            },
            (flag @ ("--input" | "--runs"), None) => {
                fail(2, &format!("{flag} needs a value\n{USAGE}"))
            }
            (other, _) => fail(2, &format!("unexpected argument {other}\n{USAGE}")),
        }
        i += 2;
    }
    let Some(path) = input else {
        fail(
            2,
            &format!("--input FILE is required with options\n{USAGE}"),
        );
    };
    let (ids, times) = match read_events(path) {
        Ok(v) => v,
        Err(e) => fail(2, &format!("cannot read {path}: {e}")),
    };
    let rss_before = proc_status_kib("VmRSS");
    let config = EventsConfig::default();
    let mut runs_ms = Vec::with_capacity(runs);
    let mut users = 0u64;
    for run in 0..=runs {
        let t = Instant::now();
        let result = analyze_events(&ids, &times, &config);
        let ms = t.elapsed().as_secs_f64() * 1e3;
        match result {
            Ok(r) => users = r.users,
            Err(e) => fail(1, &format!("analyze_events failed: {e}")),
        }
        if run > 0 {
            runs_ms.push(ms);
        }
    }
    let mut sorted = runs_ms.clone();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    let median = if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    };
    let list: Vec<String> = runs_ms.iter().map(|m| format!("{m:.3}")).collect();
    let kib = |v: Option<u64>| v.map_or_else(|| "null".to_string(), |k| k.to_string());
    println!(
        "{{\"events\":{},\"users\":{users},\"medianMs\":{median:.3},\"runsMs\":[{}],\"rssBeforeKiB\":{},\"maxRssKiB\":{}}}",
        ids.len(),
        list.join(","),
        kib(rss_before),
        kib(proc_status_kib("VmHWM")),
    );
}

/// Reads the benchmark's binary events file: u64 LE count N, N u32 LE user
/// ids, N f64 LE timestamps. Streams into the two arrays (no copy of the
/// whole file), so the process holds the arrays and nothing else.
fn read_events(path: &str) -> Result<(Vec<u32>, Vec<f64>), String> {
    let file = File::open(path).map_err(|e| e.to_string())?;
    let size = file.metadata().map_err(|e| e.to_string())?.len();
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut head = [0u8; 8];
    reader
        .read_exact(&mut head)
        .map_err(|e| format!("no 8-byte count: {e}"))?;
    let n = u64::from_le_bytes(head);
    let expected = n
        .checked_mul(12)
        .and_then(|b| b.checked_add(8))
        .ok_or_else(|| format!("count {n} is too large"))?;
    if size != expected {
        return Err(format!(
            "{size} bytes, but a count of {n} events needs 8 + 12 x {n} = {expected}"
        ));
    }
    let n = usize::try_from(n).map_err(|_| format!("count {n} does not fit in memory"))?;
    let mut ids = Vec::with_capacity(n);
    let mut times = Vec::with_capacity(n);
    let mut chunk = vec![0u8; 1 << 20];
    let mut left = n;
    while left > 0 {
        let take = left.min(chunk.len() / 4);
        let buf = &mut chunk[..take * 4];
        reader
            .read_exact(buf)
            .map_err(|e| format!("user ids: {e}"))?;
        ids.extend(
            buf.chunks_exact(4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])),
        );
        left -= take;
    }
    left = n;
    while left > 0 {
        let take = left.min(chunk.len() / 8);
        let buf = &mut chunk[..take * 8];
        reader
            .read_exact(buf)
            .map_err(|e| format!("timestamps: {e}"))?;
        times.extend(
            buf.chunks_exact(8)
                .map(|b| f64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])),
        );
        left -= take;
    }
    Ok((ids, times))
}

/// A `kB` line of /proc/self/status (VmRSS, VmHWM), in KiB; None off Linux.
fn proc_status_kib(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find_map(|line| {
        let rest = line.strip_prefix(key)?.strip_prefix(':')?;
        rest.trim().trim_end_matches("kB").trim().parse().ok()
    })
}

/// The original mode: random events (users arrive over 180 days and fade).
fn generated_mode(args: &[String]) {
    let mut nums = Vec::new();
    for a in args {
        match a.parse::<u64>() {
            Ok(n) => nums.push(n),
            Err(_) => fail(2, &format!("not a number: {a}\n{USAGE}")),
        }
    }
    let events = usize::try_from(nums.first().copied().unwrap_or(10_000_000))
        .unwrap_or_else(|_| fail(2, "too many events"));
    let users = nums.get(1).copied().unwrap_or(1_000_000).max(1);
    let start = days_from_civil(2026, 5, 5) as f64 * MS_PER_DAY;
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut ids = Vec::with_capacity(events);
    let mut times = Vec::with_capacity(events);
    for _ in 0..events {
        let r = next();
        let user = (r % users) as u32;
        // Users arrive over the period and fade: a user's days cluster after its arrival.
        let arrival = (u64::from(user) * 180 / users) as f64;
        let span = (next() % 1000) as f64 / 1000.0;
        let day = (arrival + span * span * (180.0 - arrival)).min(179.0);
        times.push(start + day.floor() * MS_PER_DAY + (next() % 86_400_000) as f64);
        ids.push(user);
    }
    let config = EventsConfig::default();
    let mut runs = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let r = analyze_events(&ids, &times, &config);
        runs.push(t.elapsed().as_secs_f64());
        if let Err(e) = r {
            fail(1, &format!("{e}"));
        }
    }
    runs.sort_by(f64::total_cmp);
    println!(
        "native analyze_events: {events} events, {users} users: median {:.3} s",
        runs[1]
    );
}
