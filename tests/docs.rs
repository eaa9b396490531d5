//! The tables in README.md and docs/methodology.md are generated from the
//! code's own tables; this test fails when they drift. Regenerate with
//! `UPDATE_DOCS=1 cargo test --test docs`.
#![cfg(not(target_arch = "wasm32"))]

use market_validation::catalog;

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
