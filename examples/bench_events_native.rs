//! Native timing of the events analysis on generated data (10M events, 1M
//! users, 180 days, random order): the ceiling the wasm build is compared
//! with. `cargo run --release --example bench_events_native -- [events] [users]`
use market_validation::events::calendar::{days_from_civil, MS_PER_DAY};
use market_validation::events::{analyze_events, EventsConfig};
use std::time::Instant;

fn main() {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let events = args.first().copied().unwrap_or(10_000_000) as usize;
    let users = args.get(1).copied().unwrap_or(1_000_000);
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
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
    runs.sort_by(f64::total_cmp);
    println!(
        "native analyze_events: {events} events, {users} users: median {:.3} s",
        runs[1]
    );
}
