//! Determinism: the golden inputs give exactly the recorded outputs. The wasm
//! suites check the same file, so native and wasm agree to the last bit.
//! Regenerate after an intended change with `UPDATE_GOLDEN=1 cargo test --test golden`.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/golden.rs"]
mod golden;

#[test]
fn outputs_match_the_recorded_ones() {
    let computed = golden::compute();
    let text: String = computed
        .iter()
        .map(|(_, json)| format!("{json}\n"))
        .collect();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/golden_outputs.jsonl"
        );
        std::fs::write(path, &text).expect("write golden outputs");
        return;
    }
    let expected: Vec<&str> = golden::OUTPUTS.lines().collect();
    assert_eq!(expected.len(), computed.len(), "golden output count");
    for ((name, json), want) in computed.iter().zip(expected) {
        if json != want {
            let at = json
                .bytes()
                .zip(want.bytes())
                .take_while(|(a, b)| a == b)
                .count();
            let context = |s: &str| {
                s.get(at.saturating_sub(80)..(at + 80).min(s.len()))
                    .unwrap_or("")
                    .to_string()
            };
            panic!(
                "golden case {name:?} changed at byte {at}:\n  now: …{}…\n  was: …{}…\n(UPDATE_GOLDEN=1 cargo test --test golden after an intended change)",
                context(json),
                context(want)
            );
        }
    }
}

#[test]
fn same_input_twice_gives_the_same_output() {
    assert_eq!(golden::compute(), golden::compute());
}
