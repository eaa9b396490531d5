//! JSON text from a tape: what `serde_json::to_string` writes for the
//! value (the tests check it), from one loop rather than code per type.

use super::*;

mod numbers;
mod text;

pub(crate) use numbers::with_shortest;
use numbers::Digits;
use text::{escape, escape_text, push_small, PADDING, WORDS};

/// The names tapes refer to, and each as a JSON key (`"name":`), kept
/// across calls: a result has a thousand keys and some ninety names.
#[derive(Default)]
struct JsonNames {
    names: Names,
    keys: Vec<Key>,
}

/// A name as a JSON key (`"name":`), zero-padded to whole 8-byte words:
/// it is appended a word at a time, each an 8-byte load and store, where a
/// slice copy is a `memory.copy` in wasm, which V8 runs as a call (a
/// thousand keys a result).
struct Key {
    words: Box<[u8]>,
    len: usize,
}

impl Key {
    fn new(name: &str) -> Key {
        let mut key = Vec::with_capacity(name.len() + 10);
        escape(name, &mut key);
        key.push(b':');
        let len = key.len();
        key.resize(len.div_ceil(8) * 8, 0);
        Key {
            words: key.into_boxed_slice(),
            len,
        }
    }

    fn append_to(&self, out: &mut Vec<u8>) {
        if !WORDS {
            out.extend_from_slice(self.words.get(..self.len).unwrap_or_default());
            return;
        }
        let word = |at: usize| -> [u8; 8] {
            self.words
                .get(at..at + 8)
                .and_then(|w| w.try_into().ok())
                .unwrap_or_default()
        };
        // Most keys take one or two words: appended without a loop, which
        // V8 checks for interrupts at every turn (1.6% fewer instructions
        // for a result in wasm, 0.5% natively).
        out.extend_from_slice(&word(0));
        if self.words.len() > 8 {
            out.extend_from_slice(&word(8));
            let mut at = 16;
            while at < self.words.len() {
                out.extend_from_slice(&word(at));
                at += 8;
            }
        }
        out.truncate(out.len() - (self.words.len() - self.len));
    }
}

std::thread_local! {
    static JSON_NAMES: std::cell::RefCell<JsonNames> = std::cell::RefCell::new(JsonNames::default());
}

/// `value` as JSON text, as `serde_json::to_string` writes it.
#[cfg(test)]
pub(crate) fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String, TapeError> {
    to_json_utf8(value).map(|bytes| String::from_utf8(bytes).unwrap_or_default())
}

/// `value` as JSON text, as `serde_json::to_string` writes it, in UTF-8
/// bytes: every byte written is ASCII or copied whole from UTF-8 text, so
/// they are valid UTF-8 (the wasm bindings decode them in JS without
/// checking them in wasm first).
pub(crate) fn to_json_utf8<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, TapeError> {
    JSON_NAMES.with(|names| {
        let JsonNames { names, keys } = &mut *names.borrow_mut();
        let mut tape = write(value, names, 0, Lengths::Bytes)?;
        // Names are only ever added, so ids, and keys by id, stay valid.
        keys.extend(
            tape.names
                .list
                .iter()
                .skip(keys.len())
                .map(|name| Key::new(name)),
        );
        // Room to read a whole word past the last string (`escape_text`).
        let text_len = tape.text.len();
        tape.text.push_str(PADDING);
        Ok(json_text(&tape.ops, tape.text.as_bytes(), text_len, keys))
    })
}

/// The JSON text of a tape: what `serde_json::to_string` writes for the
/// value (a test checks it), from one loop rather than code per type.
/// `text`: the tape's text then [`PADDING`] (`text_len` bytes are the
/// tape's); `keys`: the tape's names as JSON keys, by id.
fn json_text(ops: &[f64], text: &[u8], text_len: usize, keys: &[Key]) -> Vec<u8> {
    let mut writer = JsonWriter {
        ops,
        at: 0,
        text,
        text_len,
        cursor: 0,
        keys,
        out: Vec::with_capacity(text_len + ops.len() * 4),
        numbers: zmij::Buffer::new(),
        digits: Digits::new(),
    };
    writer.value();
    writer.out
}

struct JsonWriter<'a> {
    ops: &'a [f64],
    at: usize,
    text: &'a [u8],
    text_len: usize,
    cursor: usize,
    keys: &'a [Key],
    out: Vec<u8>,
    numbers: zmij::Buffer,
    /// Kept across numbers: a new one's buffer is zeroed, a `memory.fill`
    /// call in wasm.
    digits: Digits,
}

impl<'a> JsonWriter<'a> {
    fn next(&mut self) -> f64 {
        let x = self.ops.get(self.at).copied().unwrap_or(UNDEFINED);
        self.at += 1;
        x
    }

    /// Where the next `bytes` bytes of the text start and end (the tape
    /// measures in bytes).
    fn take(&mut self, bytes: f64) -> (usize, usize) {
        let start = self.cursor;
        let end = (start + bytes as usize).min(self.text_len);
        self.cursor = end;
        (start, end)
    }

    fn integer(&mut self, n: i64) {
        self.digits.clear();
        self.digits.integer(n);
        self.digits.append_to(&mut self.out);
    }

    fn value(&mut self) {
        let op = self.next();
        if op == NUMBER {
            let v = self.next();
            let digits = &mut self.digits;
            digits.clear();
            if digits.shortest(v) {
                digits.append_to(&mut self.out);
            } else if v.is_finite() {
                let text = self.numbers.format_finite(v);
                push_small(&mut self.out, text.as_bytes());
            } else {
                push_small(&mut self.out, b"null");
            }
        } else if op == INTEGER {
            let v = self.next();
            // Exact: the tape holds integers of at most 2^53.
            self.integer(v as i64);
        } else if op == STRING {
            let bytes = self.next();
            let (start, end) = self.take(bytes);
            escape_text::<WORDS>(self.text, start, end, &mut self.out);
        } else if op == OBJECT {
            let n = self.next() as usize;
            self.out.push(b'{');
            for i in 0..n {
                if i > 0 {
                    self.out.push(b',');
                }
                let key = self.next();
                if key >= 0.0 {
                    if let Some(key) = self.keys.get(key as usize) {
                        key.append_to(&mut self.out);
                    }
                } else {
                    let (start, end) = self.take(-key - 1.0);
                    escape_text::<WORDS>(self.text, start, end, &mut self.out);
                    self.out.push(b':');
                }
                self.value();
            }
            self.out.push(b'}');
        } else if op == ARRAY || op == BYTES {
            let n = self.next() as usize;
            self.out.push(b'[');
            for i in 0..n {
                if i > 0 {
                    self.out.push(b',');
                }
                if op == BYTES {
                    let byte = self.next() as i64;
                    self.integer(byte);
                } else {
                    self.value();
                }
            }
            self.out.push(b']');
        } else if op == NAME {
            // The name's key without its colon.
            if let Some(key) = self.keys.get(self.next() as usize) {
                key.append_to(&mut self.out);
                self.out.pop();
            }
        } else if op == BIGINT {
            let bytes = self.next();
            let (start, end) = self.take(bytes);
            self.out
                .extend_from_slice(self.text.get(start..end).unwrap_or_default());
        } else if op == TRUE {
            push_small(&mut self.out, b"true");
        } else if op == FALSE {
            push_small(&mut self.out, b"false");
        } else {
            push_small(&mut self.out, b"null");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::collections::BTreeMap;

    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    enum Kind {
        Unit,
        Newtype(f64),
        Tuple(u8, String),
        Struct {
            inner: Option<i32>,
            text: &'static str,
        },
    }

    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Everything {
        absent: Option<f64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<f64>,
        present: Option<f64>,
        whole: f64,
        negative_zero: f64,
        not_a_number: f64,
        infinite: f64,
        tiny: f64,
        big: i64,
        small: i8,
        unsigned: u64,
        huge: i128,
        letter: char,
        texts: Vec<String>,
        map: BTreeMap<String, Vec<Option<bool>>>,
        kinds: Vec<Kind>,
        pair: (u32, &'static str),
        unit: (),
        nested: Vec<Vec<BTreeMap<&'static str, f64>>>,
        // Keys of one, two, three and four words.
        k: bool,
        key_of_two_words: bool,
        key_long_for_three: bool,
        a_key_long_enough_for_four_words_of_8: bool,
    }

    #[test]
    fn json_text_is_what_serde_json_writes() {
        let mut map = BTreeMap::new();
        map.insert(
            "keys with spaces é 😀 \"q\"".to_string(),
            vec![Some(true), None],
        );
        map.insert(String::new(), vec![]);
        let control: String = (0u8..0x20)
            .map(char::from)
            .chain("\\/\u{7f}".chars())
            .collect();
        let value = Everything {
            absent: None,
            skipped: None,
            present: Some(0.1 + 0.2),
            whole: 60.0,
            negative_zero: -0.0,
            not_a_number: f64::NAN,
            infinite: f64::INFINITY,
            tiny: 5e-324,
            big: -(1 << 53) + 1,
            small: -128,
            unsigned: 1 << 52,
            huge: -170_141_183_460_469_231_731_687_303_715_884_105_728,
            letter: '😀',
            texts: vec![
                String::new(),
                control,
                "ünïcödé ✓ 😀".into(),
                "x".repeat(300),
            ],
            map,
            kinds: vec![
                Kind::Unit,
                Kind::Newtype(1e300),
                Kind::Tuple(7, "t".into()),
                Kind::Struct {
                    inner: None,
                    text: "s",
                },
                Kind::Struct {
                    inner: Some(-1),
                    text: "",
                },
            ],
            pair: (u32::MAX, "two"),
            unit: (),
            nested: vec![vec![], vec![BTreeMap::from([("a", 1.5), ("b", f64::MAX)])]],
            k: true,
            key_of_two_words: false,
            key_long_for_three: true,
            a_key_long_enough_for_four_words_of_8: false,
        };
        assert_eq!(
            to_json(&value).unwrap(),
            serde_json::to_string(&value).unwrap()
        );
        // Random JSON trees through serde_json's own Serialize.
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..2_000 {
            let tree = random_json(&mut seed, 0);
            assert_eq!(
                to_json(&tree).unwrap(),
                serde_json::to_string(&tree).unwrap()
            );
        }
    }

    #[test]
    fn out_of_range_integers_and_non_text_keys_are_errors() {
        assert!(to_json(&(1i64 << 53)).is_err());
        assert!(to_json(&u64::MAX).is_err());
        assert!(to_json(&BTreeMap::from([(1, 2)])).is_err());
    }

    pub(super) fn next(seed: &mut u64) -> u64 {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed
    }

    fn random_json(seed: &mut u64, depth: usize) -> serde_json::Value {
        use serde_json::Value;
        const PIECES: [&str; 8] = ["a", "key", "é", "😀", "\n", "\"", "\u{1}", "0"];
        let text = |seed: &mut u64| -> String {
            (0..next(seed) % 4)
                .map(|_| PIECES[(next(seed) % 8) as usize])
                .collect()
        };
        match next(seed) % if depth > 4 { 5 } else { 7 } {
            0 => Value::Null,
            1 => Value::Bool(next(seed).is_multiple_of(2)),
            2 => serde_json::Number::from_f64(f64::from_bits(next(seed)))
                .map(Value::Number)
                .unwrap_or(Value::Null),
            3 => Value::from((next(seed) % 2000) as i64 - 1000),
            4 => Value::String(text(seed)),
            5 => Value::Array(
                (0..next(seed) % 5)
                    .map(|_| random_json(seed, depth + 1))
                    .collect(),
            ),
            _ => Value::Object(
                (0..next(seed) % 5)
                    .map(|_| (text(seed), random_json(seed, depth + 1)))
                    .collect(),
            ),
        }
    }
}
