//! Native timing of the survey analysis on a CSV file (the ceiling the wasm
//! build is compared with in bench/survey.mjs):
//! `cargo run --release --example bench_survey_native -- bench/out/survey-1000000.csv`
use market_validation::survey::{analyze_survey_csv, SurveyConfig};
use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: bench_survey_native <file.csv>");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(2);
        }
    };
    let config = SurveyConfig::default();
    let mut times = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let result = analyze_survey_csv(&bytes, &config);
        times.push(start.elapsed().as_secs_f64());
        if let Err(e) = result {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!(
        "native analyze_survey_csv: median {:.3} s over {} runs, {:.0} MB/s ({} bytes)",
        median,
        times.len(),
        bytes.len() as f64 / median / 1e6,
        bytes.len()
    );
}
