//! Scores product data given as JSON on stdin (or the built-in sample when
//! stdin is empty) and prints the result as JSON.
//!
//! ```sh
//! echo '{"surveyData": {"npsScore": 41, "feedbackVolume": 120}}' | cargo run --example analyze_json
//! cargo run --example analyze_json -- --preset consumer-social < product.json
//! ```
use market_validation::{analyze, sample_product_json, RawValue};
use std::io::Read;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let preset = args
        .iter()
        .position(|a| a == "--preset")
        .and_then(|i| args.get(i + 1));
    let mut text = String::new();
    if std::io::stdin().read_to_string(&mut text).is_err() || text.trim().is_empty() {
        text = sample_product_json().to_string();
    }
    let product = match RawValue::from_json_str(&text) {
        Ok(raw) => raw,
        Err(e) => {
            eprintln!("input is not JSON: {e}");
            std::process::exit(2);
        }
    };
    let options = match preset {
        Some(p) => RawValue::Object(vec![("preset".into(), RawValue::String(p.clone()))]),
        None => RawValue::Null,
    };
    match analyze(&product, &options) {
        Ok(result) => match serde_json::to_string_pretty(&result) {
            Ok(json) => println!("{json}"),
            Err(e) => eprintln!("cannot print the result: {e}"),
        },
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
