//! JSON text read straight into a [`RawValue`], with the limits applied on
//! the way: the same value as parsing into a `serde_json::Value` and
//! converting it ([`RawValue::from_json`]), which the tests check, without
//! building the `Value` first (its ordered maps hash every key, and the copy
//! was a fifth of `analyzeJson`'s reading).

use crate::input::raw::{limit_key, RawValue, MAX_DEPTH, MAX_ENTRIES, MAX_STRING_CHARS};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::collections::HashMap;
use std::fmt;

impl RawValue {
    /// Parses JSON text into a [`RawValue`], applying the size limits.
    ///
    /// ```
    /// use market_validation::RawValue;
    /// let raw = RawValue::from_json_str(r#"{"surveyData": {"npsScore": 41}}"#).unwrap();
    /// assert!(matches!(raw, RawValue::Object(_)));
    /// ```
    pub fn from_json_str(text: &str) -> Result<RawValue, serde_json::Error> {
        let mut de = serde_json::Deserializer::from_str(text);
        let value = At { depth: 0 }.deserialize(&mut de)?;
        de.end()?;
        Ok(value)
    }
}

/// The value at a nesting depth (the input itself is at 0).
#[derive(Clone, Copy)]
struct At {
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for At {
    type Value = RawValue;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<RawValue, D::Error> {
        if self.depth > MAX_DEPTH {
            // Read past, unkept, whatever it is (as `from_json` gives up on
            // any value this deep).
            Skip.deserialize(de)?;
            return Ok(RawValue::TooDeep);
        }
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for At {
    type Value = RawValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<RawValue, E> {
        Ok(RawValue::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<RawValue, E> {
        Ok(RawValue::Number(n as f64))
    }

    fn visit_u64<E>(self, n: u64) -> Result<RawValue, E> {
        Ok(RawValue::Number(n as f64))
    }

    fn visit_f64<E>(self, n: f64) -> Result<RawValue, E> {
        Ok(RawValue::Number(n))
    }

    fn visit_str<E>(self, s: &str) -> Result<RawValue, E> {
        let len = s.chars().count();
        Ok(if len > MAX_STRING_CHARS {
            RawValue::TooLarge {
                kind: "string",
                len,
            }
        } else {
            RawValue::String(s.to_string())
        })
    }

    fn visit_unit<E>(self) -> Result<RawValue, E> {
        Ok(RawValue::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawValue, A::Error> {
        let item = At {
            depth: self.depth + 1,
        };
        let mut items = Vec::new();
        while let Some(value) = seq.next_element_seed(item)? {
            items.push(value);
            if items.len() > MAX_ENTRIES {
                // Counted from here on, not kept.
                let mut len = items.len();
                drop(items);
                while seq.next_element_seed(item)?.is_some() {
                    len += 1;
                }
                return Ok(RawValue::TooLarge { kind: "array", len });
            }
        }
        Ok(RawValue::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
        let item = At {
            depth: self.depth + 1,
        };
        let mut entries = Entries::default();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(item)?;
            entries.insert(key, value);
        }
        Ok(if entries.list.len() > MAX_ENTRIES {
            RawValue::TooLarge {
                kind: "object",
                len: entries.list.len(),
            }
        } else {
            RawValue::Object(
                entries
                    .list
                    .into_iter()
                    .map(|(key, value)| (cut_key(key), value))
                    .collect(),
            )
        })
    }
}

/// A value read and dropped through `deserialize_any`, so that serde_json's
/// nesting limit applies as it does to a `Value` (its `IgnoredAny` has none).
#[derive(Clone, Copy)]
struct Skip;

impl<'de> DeserializeSeed<'de> for Skip {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Skip {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Skip)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_key::<IgnoredAny>()?.is_some() {
            map.next_value_seed(Skip)?;
        }
        Ok(())
    }
}

/// An object's entries as `JSON.parse` keeps them: a repeated key keeps
/// its first place and takes its last value.
#[derive(Default)]
struct Entries {
    list: Vec<(String, RawValue)>,
    /// Places by key, once there are too many entries to search.
    places: Option<HashMap<String, usize>>,
}

/// Entries searched one by one up to this many: most objects are small.
const SEARCHED: usize = 32;

impl Entries {
    fn insert(&mut self, key: String, value: RawValue) {
        let found = match &self.places {
            Some(places) => places.get(&key).copied(),
            None => self.list.iter().position(|(k, _)| *k == key),
        };
        if let Some(at) = found {
            if let Some(entry) = self.list.get_mut(at) {
                entry.1 = value;
            }
            return;
        }
        if let Some(places) = &mut self.places {
            places.insert(key.clone(), self.list.len());
        }
        self.list.push((key, value));
        if self.places.is_none() && self.list.len() > SEARCHED {
            let places = self.list.iter().enumerate();
            self.places = Some(places.map(|(i, (k, _))| (k.clone(), i)).collect());
        }
    }
}

/// [`limit_key`] without a copy when the key is short enough.
fn cut_key(key: String) -> String {
    if key.len() <= crate::input::raw::MAX_KEY_CHARS {
        key
    } else {
        limit_key(&key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference: a `serde_json::Value` converted.
    fn through_value(text: &str) -> Result<RawValue, String> {
        serde_json::from_str::<serde_json::Value>(text)
            .map(|v| RawValue::from_json(&v))
            .map_err(|e| e.to_string())
    }

    fn check(text: &str) {
        assert_eq!(
            RawValue::from_json_str(text).map_err(|e| e.to_string()),
            through_value(text),
            "{}",
            text.chars().take(200).collect::<String>()
        );
    }

    #[test]
    fn edge_cases_read_as_through_a_value() {
        let long_key = "k".repeat(300);
        let other_long_key = format!("{}x", "k".repeat(299));
        let cases = [
            r#"{"a":1,"b":2,"a":3}"#.to_string(),
            r#"{"a":{"x":1},"a":null}"#.to_string(),
            format!(r#"{{"{long_key}":1,"{other_long_key}":2,"{long_key}":3}}"#),
            format!("\"{}\"", "é".repeat(MAX_STRING_CHARS)),
            format!("\"{}\"", "é".repeat(MAX_STRING_CHARS + 1)),
            format!("[{}]", vec!["1"; MAX_ENTRIES].join(",")),
            format!("[{}]", vec!["[1,{\"a\":2}]"; MAX_ENTRIES + 5].join(",")),
            format!(
                "{{{}}}",
                (0..MAX_ENTRIES + 3)
                    .map(|i| format!("\"k{}\":{i}", i % (MAX_ENTRIES + 1)))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
            format!(
                "{{{}}}",
                (0..MAX_ENTRIES + 3)
                    .map(|i| format!("\"k{i}\":{i}"))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
            format!(
                "{}1{}",
                "[".repeat(MAX_DEPTH + 1),
                "]".repeat(MAX_DEPTH + 1)
            ),
            format!(
                "{}1{}",
                "[".repeat(MAX_DEPTH + 2),
                "]".repeat(MAX_DEPTH + 2)
            ),
            format!(
                "{}{}",
                "{\"a\":".repeat(MAX_DEPTH + 3),
                "1".to_string() + &"}".repeat(MAX_DEPTH + 3)
            ),
            format!("{}1{}", "[".repeat(127), "]".repeat(127)),
            format!("{}1{}", "[".repeat(200), "]".repeat(200)),
            "18446744073709551615".into(),
            "-9223372036854775808".into(),
            "1e400".into(),
            "1.5e-320".into(),
            "-0".into(),
            "[1,2".into(),
            "{\"a\":1} x".into(),
            "{\"a\":1}  ".into(),
            "\"\\ud83d\\ude00 \\u0000 \\\" \\\\\"".into(),
            "\"\\ud800\"".into(),
            "".into(),
            "nul".into(),
            "[true,false,null,{}]".into(),
        ];
        for text in &cases {
            check(text);
        }
    }

    #[test]
    fn random_texts_read_as_through_a_value() {
        // Random JSON with small key sets (so repeats are common), nesting
        // past the depth limit and strings with escapes.
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        fn value(next: &mut dyn FnMut(u64) -> u64, depth: usize, out: &mut String) {
            let pick = if depth > 11 { next(4) } else { next(7) };
            match pick {
                0 => out.push_str(["null", "true", "false"][next(3) as usize]),
                1 => out.push_str(&format!("{}", next(2000) as f64 / 7.0 - 100.0)),
                2 => out.push_str(&format!("{}", next(u64::MAX))),
                3 => out.push_str(["\"a\"", "\"é\\n\"", "\"\\u00e9\"", "\"\""][next(4) as usize]),
                4 | 5 => {
                    out.push('{');
                    for i in 0..next(6) {
                        if i > 0 {
                            out.push(',');
                        }
                        out.push_str(
                            ["\"a\":", "\"b\":", "\"c\\u0061\":", "\"ca\":"][next(4) as usize],
                        );
                        value(next, depth + 1, out);
                    }
                    out.push('}');
                }
                _ => {
                    out.push('[');
                    for i in 0..next(5) {
                        if i > 0 {
                            out.push(',');
                        }
                        value(next, depth + 1, out);
                    }
                    out.push(']');
                }
            }
        }
        for _ in 0..20_000 {
            let mut text = String::new();
            value(&mut next, 0, &mut text);
            check(&text);
        }
    }
}
