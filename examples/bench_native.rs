//! Native timing of `analyze` on the built-in sample: the ceiling the wasm
//! build is compared with (see bench/analyze.mjs, which runs this beside the
//! wasm build and prints the ratios). Two figures: `analyze` of the parsed
//! sample, and the JSON path, text in and text out (parse, analyze,
//! serialize: `analyze_json`, what the package's `analyzeJson` does), with
//! `--json` (without it the workload is 5,200 calls of `analyze`, as
//! bench/compare-builds.sh counts its instructions for old and new builds).
//! `cargo run --release --example bench_native [-- --json]`
//!
//! With `--calls N`, it times nothing: it makes N calls of the JSON path
//! (with `--json`) or of `analyze`, and exits, for instruction counts under
//! callgrind (bench/instructions.mjs).
use market_validation::{analyze, analyze_json, sample_product_json, RawValue};
use std::time::Instant;

/// Median and 95th percentile, in µs, of `calls` timed calls after 200 untimed.
fn time(calls: usize, mut f: impl FnMut()) -> (f64, f64) {
    let mut times = Vec::with_capacity(calls);
    for i in 0..calls + 200 {
        let start = Instant::now();
        f();
        if i >= 200 {
            times.push(start.elapsed().as_secs_f64() * 1e6);
        }
    }
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], times[times.len() * 95 / 100])
}

fn main() {
    let text = sample_product_json();
    let product = RawValue::from_json_str(text).unwrap_or(RawValue::Null);
    let options = RawValue::Null;
    let args: Vec<String> = std::env::args().collect();
    let json = args.iter().any(|a| a == "--json");
    if let Some(calls) = args
        .iter()
        .position(|a| a == "--calls")
        .and_then(|i| args.get(i + 1)?.parse::<usize>().ok())
    {
        for _ in 0..calls {
            if json {
                std::hint::black_box(analyze_json(text, None).ok());
            } else {
                std::hint::black_box(analyze(&product, &options).ok());
            }
        }
        return;
    }
    let json_bytes = analyze_json(text, None).map_or(0, |s| s.len());
    let (median, p95) = time(5_000, || {
        std::hint::black_box(analyze(&product, &options).ok());
    });
    println!(
        "native analyze(sample): median {median:.1} µs, p95 {p95:.1} µs over 5000 calls; result JSON {json_bytes} bytes"
    );
    if json {
        let (median, p95) = time(5_000, || {
            std::hint::black_box(analyze_json(text, None).ok());
        });
        println!("native JSON path (parse, analyze, serialize): median {median:.1} µs, p95 {p95:.1} µs over 5000 calls");
    }
}
