//! The source tree keeps the shape CONTRIBUTING.md describes: modules import
//! each other in one direction (no cycle between sibling modules), no source
//! file grows past 800 lines, and `src/` itself holds at most five files
//! (the crate root and the helpers every part shares).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Every file below `dir` with one of the `extensions`.
fn files(dir: &Path, extensions: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            if name != "node_modules" && name != "target" {
                files(&path, extensions, out);
            }
        } else if extensions
            .iter()
            .any(|e| path.extension().and_then(|x| x.to_str()) == Some(e))
        {
            out.push(path);
        }
    }
}

/// The module path of a source file: `src/events/mod.rs` is
/// `crate::events`, `src/input/raw.rs` is `crate::input::raw`.
fn module_of(file: &Path) -> String {
    let relative = file
        .strip_prefix(format!("{ROOT}/src"))
        .expect("a file under src/");
    let mut parts: Vec<String> = relative
        .with_extension("")
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    std::iter::once("crate".to_string())
        .chain(parts)
        .collect::<Vec<_>>()
        .join("::")
}

/// The modules a file's code (not its comments or unit tests) names through
/// `crate::` or `super::` paths.
fn imports(text: &str, module: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let code: String = text
        .split("#[cfg(test)]\nmod tests")
        .next()
        .unwrap_or("")
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let parent = module.rsplit_once("::").map_or("crate", |(p, _)| p);
    let mut named = BTreeSet::new();
    for (prefix, base) in [("crate::", "crate"), ("super::", parent)] {
        for (i, _) in code.match_indices(prefix) {
            let before = code[..i].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let rest = &code[i + prefix.len()..];
            let path: Vec<&str> = rest
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .next()
                .unwrap_or("")
                .split("::")
                .filter(|s| !s.is_empty())
                .collect();
            // The longest prefix of the path that is a module.
            for k in (1..=path.len()).rev() {
                let candidate = format!("{base}::{}", path[..k].join("::"));
                if modules.contains(&candidate) {
                    named.insert(candidate);
                    break;
                }
            }
        }
    }
    named
}

#[test]
fn modules_import_each_other_in_one_direction() {
    let mut sources = Vec::new();
    files(Path::new(&format!("{ROOT}/src")), &["rs"], &mut sources);
    let texts: BTreeMap<String, String> = sources
        .iter()
        .map(|f| (module_of(f), std::fs::read_to_string(f).expect("readable")))
        .collect();
    let modules: BTreeSet<String> = texts.keys().cloned().collect();
    // A module may use its ancestors (a part's shared items); a cycle is
    // between modules neither of which contains the other.
    let edges: BTreeMap<&str, BTreeSet<String>> = texts
        .iter()
        .map(|(m, text)| {
            let targets = imports(text, m, &modules)
                .into_iter()
                .filter(|t| t != m && !m.starts_with(&format!("{t}::")))
                .collect();
            (m.as_str(), targets)
        })
        .collect();
    // Depth-first search for a path back to the start.
    for start in edges.keys() {
        let mut stack: Vec<(String, Vec<String>)> =
            vec![(start.to_string(), vec![start.to_string()])];
        let mut seen = BTreeSet::new();
        while let Some((node, path)) = stack.pop() {
            for next in edges.get(node.as_str()).into_iter().flatten() {
                if next == start {
                    panic!("module cycle: {} -> {start}", path.join(" -> "));
                }
                if seen.insert(next.clone()) {
                    let mut longer = path.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    // The check sees imports at all: the analyzer uses the input layer.
    assert!(edges["crate::analyzer::pipeline"].contains("crate::analyzer::validate"));
}

#[test]
fn no_source_file_is_over_800_lines() {
    let mut sources = Vec::new();
    for dir in ["src", "tests", "examples", "bench", "www", "scripts"] {
        files(
            Path::new(&format!("{ROOT}/{dir}")),
            &["rs", "js", "mjs", "py"],
            &mut sources,
        );
    }
    assert!(sources.len() > 50, "found only {} files", sources.len());
    let long: Vec<String> = sources
        .iter()
        .filter_map(|f| {
            let lines = std::fs::read_to_string(f).ok()?.lines().count();
            (lines > 800).then(|| format!("{} ({lines} lines)", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "files over 800 lines: {long:?}");
}

#[test]
fn src_holds_at_most_five_files_of_its_own() {
    let mut own: Vec<String> = std::fs::read_dir(format!("{ROOT}/src"))
        .expect("src/ readable")
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    own.sort();
    assert!(own.len() <= 5, "src/ holds {own:?}");
    assert!(own.contains(&"lib.rs".to_string()));
}
