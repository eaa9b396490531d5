//! The input as the caller handed it over, before any validation.
//!
//! Callers (JavaScript above all) can pass anything: strings where numbers
//! belong, `NaN`, `null`, functions, maps with a million keys. Reading into a
//! loose [`RawValue`] first lets validation see the whole input and report
//! every problem at once, instead of stopping at the first one as a typed
//! deserializer would. Readers of JSON or JS objects apply the size limits
//! below while building it, so a huge input is rejected without being copied.

use crate::format::format_number;

/// Most entries read from one object or array; more is reported, not read.
pub const MAX_ENTRIES: usize = 1_000;
/// Longest string read, in UTF-16 code units (JS) or chars (JSON).
pub const MAX_STRING_CHARS: usize = 10_000;
/// Deepest nesting read; the product data model is four levels deep.
pub const MAX_DEPTH: usize = 8;
/// Most values read from one input in all: the largest valid product has
/// about 7,100 (six maps of 1,000 entries, 1,000 trends, the fields), so
/// this bounds the work an input can cause, shared references included.
pub const MAX_VALUES: usize = 50_000;
/// Longest object key kept, in characters; longer keys are cut and marked
/// with an ellipsis (and rejected where a name is required).
pub const MAX_KEY_CHARS: usize = 200;

/// A loosely typed input value.
#[derive(Debug, Clone, PartialEq)]
pub enum RawValue {
    /// JS `undefined`, or a key that is absent.
    Undefined,
    /// JSON / JS `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number, possibly `NaN` or infinite (JS allows both).
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<RawValue>),
    /// An object, its keys in the order given.
    Object(Vec<(String, RawValue)>),
    /// A value with no reading in the data model (a function, a symbol, ...),
    /// described in words.
    Unsupported(String),
    /// An object, array or string over the size limits, with its size.
    TooLarge {
        /// "object", "array" or "string".
        kind: &'static str,
        /// Number of entries, items or characters.
        len: usize,
    },
    /// Nested deeper than [`MAX_DEPTH`].
    TooDeep,
}

impl RawValue {
    // `from_json_str` is in raw_json.rs.

    /// Converts a parsed JSON value, applying the size limits.
    pub fn from_json(value: &serde_json::Value) -> RawValue {
        from_json_at(value, 0)
    }

    /// Looks up a key of an object (the last one wins, as in `JSON.parse`).
    pub fn get(&self, key: &str) -> &RawValue {
        match self {
            RawValue::Object(entries) => entries
                .iter()
                .rev()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v)
                .unwrap_or(&RawValue::Undefined),
            _ => &RawValue::Undefined,
        }
    }

    /// True for `undefined` and `null`: both mean "not given".
    pub fn is_absent(&self) -> bool {
        matches!(self, RawValue::Undefined | RawValue::Null)
    }

    /// The value as an error message shows it: `45`, `"45%"`, `NaN`, `an array`.
    pub fn describe(&self) -> String {
        match self {
            RawValue::Undefined => "undefined".into(),
            RawValue::Null => "null".into(),
            RawValue::Bool(b) => b.to_string(),
            RawValue::Number(n) => format_number(*n),
            RawValue::String(s) => {
                let mut out = String::from("\"");
                for (i, c) in s.chars().enumerate() {
                    if i == 40 {
                        out.push('…');
                        break;
                    }
                    out.push(c);
                }
                out.push('"');
                out
            }
            RawValue::Array(items) => format!("an array of {} items", items.len()),
            RawValue::Object(entries) => format!("an object with {} keys", entries.len()),
            RawValue::Unsupported(what) => what.clone(),
            RawValue::TooLarge {
                kind: "string",
                len,
            } => format!("a string of {len} characters"),
            RawValue::TooLarge { kind: "array", len } => format!("an array of {len} items"),
            RawValue::TooLarge { kind, len } => format!("an {kind} of {len} entries"),
            RawValue::TooDeep => format!("a value nested deeper than {MAX_DEPTH} levels"),
        }
    }
}

fn from_json_at(value: &serde_json::Value, depth: usize) -> RawValue {
    use serde_json::Value;
    if depth > MAX_DEPTH {
        return RawValue::TooDeep;
    }
    match value {
        Value::Null => RawValue::Null,
        Value::Bool(b) => RawValue::Bool(*b),
        Value::Number(n) => RawValue::Number(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => {
            let len = s.chars().count();
            if len > MAX_STRING_CHARS {
                RawValue::TooLarge {
                    kind: "string",
                    len,
                }
            } else {
                RawValue::String(s.clone())
            }
        }
        Value::Array(items) if items.len() > MAX_ENTRIES => RawValue::TooLarge {
            kind: "array",
            len: items.len(),
        },
        Value::Array(items) => {
            RawValue::Array(items.iter().map(|v| from_json_at(v, depth + 1)).collect())
        }
        Value::Object(map) if map.len() > MAX_ENTRIES => RawValue::TooLarge {
            kind: "object",
            len: map.len(),
        },
        Value::Object(map) => RawValue::Object(
            map.iter()
                .map(|(k, v)| (limit_key(k), from_json_at(v, depth + 1)))
                .collect(),
        ),
    }
}

/// A key cut to [`MAX_KEY_CHARS`] characters, with `…` when it was longer.
pub fn limit_key(key: &str) -> String {
    match key.char_indices().nth(MAX_KEY_CHARS) {
        Some((cut, _)) => format!("{}…", &key[..cut]),
        None => key.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_keys_are_cut() {
        assert_eq!(
            limit_key(&"k".repeat(500)).chars().count(),
            MAX_KEY_CHARS + 1
        );
    }

    #[test]
    fn json_limits_apply() {
        let big: String = format!(
            "{{{}}}",
            (0..MAX_ENTRIES + 1)
                .map(|i| format!("\"k{i}\":1"))
                .collect::<Vec<_>>()
                .join(",")
        );
        let raw = RawValue::from_json_str(&big).unwrap();
        assert_eq!(
            raw,
            RawValue::TooLarge {
                kind: "object",
                len: MAX_ENTRIES + 1
            }
        );
        let deep = format!("{}1{}", "[".repeat(20), "]".repeat(20));
        let raw = RawValue::from_json_str(&deep).unwrap();
        let mut v = &raw;
        let mut depth = 0;
        while let RawValue::Array(items) = v {
            v = &items[0];
            depth += 1;
        }
        assert_eq!(v, &RawValue::TooDeep);
        assert_eq!(depth, MAX_DEPTH + 1);
    }

    #[test]
    fn last_duplicate_key_wins() {
        let raw = RawValue::Object(vec![
            ("a".into(), RawValue::Number(1.0)),
            ("a".into(), RawValue::Number(2.0)),
        ]);
        assert_eq!(raw.get("a"), &RawValue::Number(2.0));
        assert_eq!(raw.get("b"), &RawValue::Undefined);
    }
}
