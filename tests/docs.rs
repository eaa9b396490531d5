//! The tables in README.md and docs/methodology.md are generated from the
//! code's own tables, and so are the values the bindings hold as JSON text
//! (src/wasm/static_values/); this test fails when they drift. Regenerate
//! with `UPDATE_DOCS=1 cargo test --test docs`.
#![cfg(not(target_arch = "wasm32"))]

use market_validation::analyzer::catalog;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn check(file: &str, marker: &str, generated: &str) {
    let path = format!("{ROOT}/{file}");
    let text = std::fs::read_to_string(&path).expect("doc file readable");
    let (begin, end) = (
        format!("<!-- generated:{marker} -->\n"),
        format!("<!-- /generated:{marker} -->"),
    );
    let start = text
        .find(&begin)
        .unwrap_or_else(|| panic!("{file} lacks the {marker} marker"))
        + begin.len();
    let stop = text[start..]
        .find(&end)
        .unwrap_or_else(|| panic!("{file} lacks the end of {marker}"))
        + start;
    if std::env::var_os("UPDATE_DOCS").is_some() {
        let updated = format!("{}{generated}{}", &text[..start], &text[stop..]);
        std::fs::write(&path, updated).expect("doc file writable");
        return;
    }
    assert_eq!(
        &text[start..stop],
        generated,
        "{file}: the {marker} table is stale; run UPDATE_DOCS=1 cargo test --test docs"
    );
}

#[test]
fn readme_units_table_is_current() {
    check("README.md", "units", &catalog::units_table_markdown());
}

#[test]
fn methodology_tables_are_current() {
    check(
        "docs/methodology.md",
        "benchmarks",
        &catalog::benchmark_table_markdown(),
    );
    check(
        "docs/methodology.md",
        "weights",
        &catalog::weights_table_markdown(),
    );
    check(
        "docs/methodology.md",
        "sources",
        &catalog::sources_table_markdown(),
    );
}

/// The string unions in the bindings' hand-written TypeScript declarations must
/// list exactly what the code accepts.
#[test]
fn typescript_unions_match_the_code() {
    use market_validation::analyzer::benchmarks::Preset;
    use market_validation::analyzer::metric_id::MetricId;
    let bindings = std::fs::read_to_string(format!("{ROOT}/src/wasm/types.d.ts"))
        .expect("src/wasm/types.d.ts readable");
    let union = |name: &str| -> String {
        let prefix = format!("export type {name} = ");
        let line = bindings
            .lines()
            .find(|l| l.starts_with(&prefix))
            .unwrap_or_else(|| panic!("no {name} in src/wasm/types.d.ts"));
        line[prefix.len()..].trim_end_matches(';').to_string()
    };
    let quoted = |items: Vec<&str>| {
        items
            .iter()
            .map(|i| format!("\"{i}\""))
            .collect::<Vec<_>>()
            .join(" | ")
    };
    assert_eq!(
        union("MetricName"),
        quoted(MetricId::ALL.iter().map(|m| m.as_str()).collect())
    );
    assert_eq!(
        union("PresetId"),
        quoted(Preset::ALL.iter().map(|p| p.as_str()).collect())
    );
    let mut bands: Vec<&str> = Preset::ALL
        .iter()
        .flat_map(|p| MetricId::ALL.iter().map(move |m| p.curve(*m)))
        .flat_map(|c| {
            c.anchors
                .into_iter()
                .filter(|a| a.is_benchmark())
                .map(|a| a.label)
        })
        .collect();
    bands.sort_by_key(|b| {
        ["average", "good", "great"]
            .iter()
            .position(|x| x == b)
            .unwrap_or(9)
    });
    bands.dedup();
    assert_eq!(union("BenchmarkBandName"), quoted(bands));
}

/// A whole generated file: `generated` and a final newline.
fn check_file(file: &str, generated: &str) {
    let path = format!("{ROOT}/{file}");
    let generated = format!("{generated}\n");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).expect("generated file writable");
        return;
    }
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        text == generated,
        "{file} is stale; run UPDATE_DOCS=1 cargo test --test docs"
    );
}

/// The schema and the sample product as the bindings hold them (src/wasm/static_values.rs):
/// the core's values as serde_json writes them.
#[test]
fn static_values_are_current() {
    let schema = market_validation::analyzer::schema::product_schema();
    check_file(
        "src/wasm/static_values/schema.json",
        &serde_json::to_string(&schema).expect("the schema serializes"),
    );
    let sample = market_validation::analyzer::sample_product();
    check_file(
        "src/wasm/static_values/sample_product.json",
        &serde_json::to_string(&sample).expect("the sample serializes"),
    );
}
