//! Fixture files and their expected figures (tests/fixtures/<folder>/, each
//! folder with the expected.json its make_fixtures.py computed apart from
//! the library), shared by the export test suites.

use serde_json::Value;

/// A fixture file's bytes.
pub fn fixture(folder: &str, name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/{folder}/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The expected figures of one fixture of the folder.
pub fn expected(folder: &str, which: &str) -> Value {
    let all: Value = serde_json::from_slice(&fixture(folder, "expected.json")).unwrap();
    all[which].clone()
}

/// A computed figure equals the expected one (within float rounding).
#[allow(dead_code)] // not every suite compares floats
pub fn close(actual: f64, expected: &Value, what: &str) {
    let expected = expected.as_f64().unwrap();
    assert!(
        (actual - expected).abs() < 1e-9,
        "{what}: {actual} against {expected}"
    );
}
