//! Native timing of `analyze` on the built-in sample: the ceiling the wasm
//! build is compared with (see bench/analyze.mjs). `cargo run --release --example bench_native`
use market_validation::{analyze, sample_product_json, RawValue};
use std::time::Instant;

fn main() {
    let product = RawValue::from_json_str(sample_product_json()).unwrap_or(RawValue::Null);
    let options = RawValue::Null;
    let mut times = Vec::with_capacity(5_000);
    let mut json_bytes = 0;
    for i in 0..5_200 {
        let start = Instant::now();
        let result = analyze(&product, &options);
        let elapsed = start.elapsed().as_secs_f64() * 1e6;
        if i >= 200 {
            times.push(elapsed);
        }
        if i == 0 {
            json_bytes = result
                .ok()
                .and_then(|r| serde_json::to_string(&r).ok())
                .map_or(0, |s| s.len());
        }
    }
    times.sort_by(f64::total_cmp);
    println!(
        "native analyze(sample): median {:.1} µs, p95 {:.1} µs over {} calls; result JSON {} bytes",
        times[times.len() / 2],
        times[times.len() * 95 / 100],
        times.len(),
        json_bytes
    );
}
