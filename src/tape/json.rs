//! JSON text from a tape: what `serde_json::to_string` writes for the
//! value (the tests check it), from one loop rather than code per type.

use super::*;

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
        let tape = write(value, names, 0, Lengths::Bytes)?;
        // Names are only ever added, so ids, and keys by id, stay valid.
        keys.extend(
            tape.names
                .list
                .iter()
                .skip(keys.len())
                .map(|name| Key::new(name)),
        );
        Ok(json_text(&tape, keys))
    })
}

/// The JSON text of a tape: what `serde_json::to_string` writes for the
/// value (a test checks it), from one loop rather than code per type.
/// `keys`: the tape's names as JSON keys, by id.
fn json_text(tape: &Tape<'_>, keys: &[Key]) -> Vec<u8> {
    let mut writer = JsonWriter {
        ops: &tape.ops,
        at: 0,
        text: &tape.text,
        cursor: 0,
        names: &tape.names.list,
        keys,
        out: Vec::with_capacity(tape.text.len() + tape.ops.len() * 4),
        numbers: zmij::Buffer::new(),
    };
    writer.value();
    writer.out
}

struct JsonWriter<'a> {
    ops: &'a [f64],
    at: usize,
    text: &'a str,
    cursor: usize,
    names: &'a [&'static str],
    keys: &'a [Key],
    out: Vec<u8>,
    numbers: zmij::Buffer,
}

impl<'a> JsonWriter<'a> {
    fn next(&mut self) -> f64 {
        let x = self.ops.get(self.at).copied().unwrap_or(UNDEFINED);
        self.at += 1;
        x
    }

    /// The next `bytes` bytes of the text (the tape measures in bytes).
    fn take(&mut self, bytes: f64) -> &'a str {
        let text: &'a str = self.text;
        let end = (self.cursor + bytes as usize).min(text.len());
        let taken = text.get(self.cursor..end).unwrap_or_default();
        self.cursor = end;
        taken
    }

    fn value(&mut self) {
        let op = self.next();
        if op == NUMBER {
            let v = self.next();
            if v.fract() == 0.0 && v.abs() < 1e15 && (v != 0.0 || v.is_sign_positive()) {
                // What zmij prints for a whole number of this size ("60.0"),
                // without its general algorithm (a third of the writer in wasm).
                itoa(v as i64, &mut self.out);
                push_small(&mut self.out, b".0");
            } else if short_decimal(v, &mut self.out) {
                // Printed as zmij prints it, without its 128-bit arithmetic
                // (a library call in wasm).
            } else if v.is_finite() {
                let text = self.numbers.format_finite(v);
                push_small(&mut self.out, text.as_bytes());
            } else {
                push_small(&mut self.out, b"null");
            }
        } else if op == INTEGER {
            let v = self.next();
            // Exact: the tape holds integers of at most 2^53.
            itoa(v as i64, &mut self.out);
        } else if op == STRING {
            let units = self.next();
            let s = self.take(units);
            escape(s, &mut self.out);
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
                    let name = self.take(-key - 1.0);
                    escape(name, &mut self.out);
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
                    itoa(byte, &mut self.out);
                } else {
                    self.value();
                }
            }
            self.out.push(b']');
        } else if op == NAME {
            let id = self.next() as usize;
            let name = self.names.get(id).copied().unwrap_or_default();
            escape(name, &mut self.out);
        } else if op == BIGINT {
            let units = self.next();
            let digits = self.take(units).as_bytes();
            self.out.extend_from_slice(digits);
        } else if op == TRUE {
            push_small(&mut self.out, b"true");
        } else if op == FALSE {
            push_small(&mut self.out, b"false");
        } else {
            push_small(&mut self.out, b"null");
        }
    }
}

/// Appends `v` when it is a decimal of at most six places between 1e-5 and
/// 1e9 (`0.25`, `41.7`; most of a result's fractions), as zmij prints it,
/// and says whether it did. A six-place decimal `m`/10^6 reads back as `v`
/// exactly when that quotient (of an integer under 2^53 and a power of ten,
/// both exact) rounds to `v`, as parsing rounds it. It is then the only
/// one: its spacing, 1e-6, is wider than `v`'s rounding interval (under
/// 1.2e-7 below 1e9). So the shortest decimal is it without its trailing
/// zeros, and none has six places or fewer when it does not read back.
fn short_decimal(v: f64, out: &mut Vec<u8>) -> bool {
    const PLACES: usize = 6;
    const SCALE: f64 = 1e6;
    let a = v.abs();
    // zmij's fixed notation starts at 1e-5.
    if !(1e-5..1e9).contains(&a) {
        return false;
    }
    let m = (a * SCALE).round();
    if m / SCALE != a {
        return false;
    }
    let m = m as u64;
    let (whole, mut fraction) = (m / 1_000_000, m % 1_000_000);
    if fraction == 0 {
        return false; // a whole number: not this function's
    }
    let mut places = PLACES;
    while fraction % 10 == 0 {
        fraction /= 10;
        places -= 1;
    }
    let mut digits = [b'0'; PLACES];
    for d in digits[..places].iter_mut().rev() {
        *d = b'0' + (fraction % 10) as u8;
        fraction /= 10;
    }
    if v < 0.0 {
        out.push(b'-');
    }
    itoa(whole as i64, out);
    out.push(b'.');
    push_small(out, &digits[..places]);
    true
}

/// An integer's decimal digits, appended to `out`.
fn itoa(n: i64, out: &mut Vec<u8>) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut m = n.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + (m % 10) as u8;
        m /= 10;
        if m == 0 {
            break;
        }
    }
    if n < 0 {
        out.push(b'-');
    }
    push_small(out, &digits[at..]);
}

/// Appends `bytes`, a byte at a time when there are at most four: a slice
/// copy is a `memory.copy` in wasm, which V8 runs as a call, slower than a
/// few stores (measured: a threshold of 4 beats 0 and 16 in Node 20).
fn push_small(out: &mut Vec<u8>, bytes: &[u8]) {
    if bytes.len() <= 4 {
        out.reserve(bytes.len());
        for &b in bytes {
            out.push(b);
        }
    } else {
        out.extend_from_slice(bytes);
    }
}

/// Whether any of the eight bytes of `word` is a control character, a quote
/// or a backslash (the bytes [`escape`] escapes). A byte of 0x80 or more
/// (UTF-8 past ASCII) never counts.
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // A byte below n (n <= 0x80) sets its high bit in (x - n) & !x.
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGHS;
    below(word, 0x20) | below(word ^ (ONES * 0x22), 1) | below(word ^ (ONES * 0x5C), 1) != 0
}

/// `s` as a JSON string, escaped as serde_json escapes: quotes, backslashes
/// and control characters only.
fn escape(s: &str, out: &mut Vec<u8>) {
    // What follows the backslash, by byte: 0 for none (copied as it is), `u`
    // for \u00XX.
    const ESCAPES: [u8; 256] = {
        let mut table = [0u8; 256];
        let mut b = 0;
        while b < 0x20 {
            table[b] = b'u';
            b += 1;
        }
        table[0x08] = b'b';
        table[0x09] = b't';
        table[0x0A] = b'n';
        table[0x0C] = b'f';
        table[0x0D] = b'r';
        table[b'"' as usize] = b'"';
        table[b'\\' as usize] = b'\\';
        table
    };
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes at a time while none needs escaping: most text
        // needs none, and a byte at a time was most of the writer's time.
        if let Some(word) = bytes
            .get(i..i + 8)
            .and_then(|w| <[u8; 8]>::try_from(w).ok())
        {
            if !needs_escape(u64::from_le_bytes(word)) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        let escape = ESCAPES[usize::from(b)];
        if escape == 0 {
            i += 1;
            continue;
        }
        push_small(out, &bytes[start..i]);
        out.push(b'\\');
        out.push(escape);
        if escape == b'u' {
            push_small(
                out,
                &[
                    b'0',
                    b'0',
                    HEX[usize::from(b >> 4)],
                    HEX[usize::from(b & 0xF)],
                ],
            );
        }
        i += 1;
        start = i;
    }
    push_small(out, &bytes[start..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_checks_eight_bytes_as_one_at_a_time_would() {
        // Every byte value at every position of a word, among plain and
        // multi-byte text: the same escaping as serde_json's.
        let fillers = ["abcdefghijklmno", "é😀ab€cdé", ""];
        for b in 0u8..=0x7F {
            for filler in fillers {
                for at in 0..=filler.len() {
                    if !filler.is_char_boundary(at) {
                        continue;
                    }
                    let text = format!("{}{}{}", &filler[..at], b as char, &filler[at..]);
                    let mut out = Vec::new();
                    escape(&text, &mut out);
                    assert_eq!(
                        String::from_utf8(out).unwrap(),
                        serde_json::to_string(&text).unwrap(),
                        "{text:?}"
                    );
                }
            }
        }
        // And the word test against the byte test on 200,000 words of
        // bytes near the edges (0x1F/0x20, the quote, the backslash, 0x7F/0x80).
        let edges = [
            0x00, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xFF, b'a',
        ];
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut words = vec![0u64, u64::MAX, 0x2020_2020_2020_2020, 0x8080_8080_8080_8080];
        for _ in 0..200_000 {
            let mut word = 0u64;
            for k in 0..8 {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                word |= u64::from(edges[(state >> 33) as usize % edges.len()]) << (8 * k);
            }
            words.push(word);
        }
        for word in words {
            let bytes = word.to_le_bytes();
            let slow = bytes.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\');
            assert_eq!(needs_escape(word), slow, "{word:#x}");
        }
    }
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
    fn whole_numbers_print_as_zmij_prints_them() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut values = vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            60.0,
            1e14,
            999_999_999_999_999.0,
            1e15,
            1e16,
            // Where the digits leave 32 bits, and a billion's boundaries.
            4_294_967_295.0,
            4_294_967_296.0,
            999_999_999.0,
            1e9,
            1_000_000_001.0,
            100_000_000_000_007.0,
        ];
        for _ in 0..10_000 {
            let digits = (next(&mut seed) % 16) as i32;
            let v = (next(&mut seed) % 10u64.pow(digits as u32).max(1)) as f64;
            values.push(if next(&mut seed).is_multiple_of(2) {
                v
            } else {
                -v
            });
        }
        let mut buffer = zmij::Buffer::new();
        for v in values {
            assert_eq!(to_json(&v).unwrap(), buffer.format_finite(v), "{v}");
        }
    }

    #[test]
    fn integers_print_as_rust_prints_them() {
        let mut seed = 0x5851_F42D_4C95_7F2Du64;
        let limit = (1i64 << 53) - 1;
        let mut values = vec![
            0,
            9,
            10,
            -1,
            i64::from(u32::MAX),
            1 << 32,
            1_000_000_000,
            limit,
            -limit,
        ];
        for _ in 0..10_000 {
            let v = (next(&mut seed) % (2 * limit as u64 + 1)) as i64 - limit;
            values.push(v >> (next(&mut seed) % 54));
        }
        for v in values {
            assert_eq!(to_json(&v).unwrap(), v.to_string());
        }
    }

    #[test]
    fn short_decimals_print_as_zmij_prints_them() {
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut values = vec![
            0.5,
            -0.5,
            0.1,
            0.2,
            0.3,
            1e-5,
            1.5e-5,
            9.99999e-6,
            1e-6,
            0.000123,
            0.1 + 0.2,
            999_999_999.5,
            999_999_999.999999,
            1e9 - 0.25,
            1e9 + 0.5,
            123_456_789.123456,
            41.7,
            2.675,
            1.0 / 3.0,
            2.0f64.sqrt(),
            5e-324,
            1e-300,
            f64::MIN_POSITIVE,
        ];
        for _ in 0..200_000 {
            // A decimal of 1 to 8 places and up to 15 digits, or any double.
            let places = 1 + (next(&mut seed) % 8) as i32;
            let digits = 1 + (next(&mut seed) % 15) as u32;
            let m = next(&mut seed) % 10u64.pow(digits);
            let v = if next(&mut seed).is_multiple_of(8) {
                f64::from_bits(next(&mut seed))
            } else {
                m as f64 / 10f64.powi(places)
            };
            values.push(if next(&mut seed).is_multiple_of(2) {
                v
            } else {
                -v
            });
        }
        let mut buffer = zmij::Buffer::new();
        let mut short = 0;
        for v in values.into_iter().filter(|v| v.is_finite()) {
            let mut out = Vec::new();
            if short_decimal(v, &mut out) {
                short += 1;
                assert_eq!(
                    std::str::from_utf8(&out).unwrap(),
                    buffer.format_finite(v),
                    "{v:e}"
                );
            }
            assert_eq!(to_json(&v).unwrap(), buffer.format_finite(v), "{v:e}");
        }
        // Most of the decimals took the short path.
        assert!(short > 80_000, "{short}");
    }

    #[test]
    fn out_of_range_integers_and_non_text_keys_are_errors() {
        assert!(to_json(&(1i64 << 53)).is_err());
        assert!(to_json(&u64::MAX).is_err());
        assert!(to_json(&BTreeMap::from([(1, 2)])).is_err());
    }

    fn next(seed: &mut u64) -> u64 {
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
