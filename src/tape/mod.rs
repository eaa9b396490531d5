//! Values as a flat tape: a serde serializer that writes operations and
//! numbers into one `f64` array and every string into one text. The wasm
//! bindings build JS values from it in one call (`src/wasm/results.js`,
//! several times faster than a call per property), and `to_json_utf8`
//! writes JSON from it, so a result has one serializer for both.
//!
//! The value is the one serde-wasm-bindgen builds with maps as objects, and
//! its JSON the text `serde_json::to_string` writes (a test checks both):
//! `None` and `()` are `undefined` (`null` in JSON), unit variants are
//! strings, the other variants `{ "Variant": payload }`, 64-bit integers
//! numbers when exact and an error beyond, 128-bit integers BigInts, bytes
//! a `Uint8Array` (an array of numbers in JSON), a map key that is not text
//! an error. `f32`s are widened to `f64` first.

// The JSON writer serves the scorer (`analyze_json`); the rest serves the
// bindings: a build with only some parts leaves some of it unused.
#![cfg_attr(not(all(feature = "score", feature = "wasm")), allow(dead_code))]

mod json;
mod static_text;

#[cfg(feature = "score")]
pub(crate) use json::to_json_utf8;
/// Also the messages' numbers' (`format`), in every build.
pub(crate) use json::with_shortest;
use serde::ser::{self, Serialize};
// The lists and optional texts are the scorer's results' only.
#[cfg_attr(not(feature = "score"), allow(unused_imports))]
pub(crate) use static_text::{optional_static_text, static_text, static_texts};
use std::fmt;

// The operations (src/wasm/results.js has the same numbers).
pub(crate) const UNDEFINED: f64 = 0.0;
pub(crate) const FALSE: f64 = 2.0;
pub(crate) const TRUE: f64 = 3.0;
pub(crate) const NUMBER: f64 = 4.0;
pub(crate) const STRING: f64 = 5.0;
pub(crate) const ARRAY: f64 = 6.0;
pub(crate) const OBJECT: f64 = 7.0;
pub(crate) const NAME: f64 = 8.0;
pub(crate) const BYTES: f64 = 9.0;
pub(crate) const BIGINT: f64 = 10.0;
/// A number that was an integer in Rust (JSON writes it without a fraction).
pub(crate) const INTEGER: f64 = 11.0;

/// The static names a tape refers to by id (struct fields, variants), in
/// the order they were first met: kept across tapes by the bindings, so
/// that JS receives each name once.
#[derive(Default)]
pub(crate) struct Names {
    ids: NameIds,
    pub(crate) list: Vec<&'static str>,
}

/// Ids by a name's address and length, in an open-addressing table a power
/// of two long, kept at most a quarter full, so that a lookup is mostly one
/// multiply and one compare (a result looks up a thousand names; hashbrown
/// took a tenth of writing one in wasm, where it probes four bytes at a
/// time). Slots are (address, length, id + 1); 0 marks an empty one.
#[derive(Default)]
struct NameIds {
    slots: Vec<(usize, usize, u32)>,
}

impl NameIds {
    /// The slot of `key`: its own, or the empty one where it goes.
    fn slot(&self, address: usize, len: usize) -> usize {
        let mask = self.slots.len() - 1;
        // Fibonacci hashing of the address, with the length mixed in.
        let hash = (address as u64 ^ ((len as u64) << 40)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let mut i = (hash >> 32) as usize & mask;
        loop {
            let (a, l, id) = self.slots[i];
            if id == 0 || (a == address && l == len) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /// The id of `(address, len)`, or `next` put in for it.
    fn get_or_insert(&mut self, address: usize, len: usize, next: u32) -> u32 {
        if self.slots.is_empty() {
            self.slots = vec![(0, 0, 0); 512];
        }
        let i = self.slot(address, len);
        let (_, _, id) = self.slots[i];
        if id != 0 {
            return id - 1;
        }
        self.slots[i] = (address, len, next + 1);
        if (next as usize + 1) * 4 > self.slots.len() {
            // Over a quarter full: twice as long, every key placed again.
            let longer = vec![(0, 0, 0); self.slots.len() * 2];
            let old = std::mem::replace(&mut self.slots, longer);
            for (a, l, id) in old.into_iter().filter(|s| s.2 != 0) {
                let j = self.slot(a, l);
                self.slots[j] = (a, l, id);
            }
        }
        next
    }
}

impl Names {
    fn id(&mut self, name: &'static str) -> f64 {
        let next = self.list.len() as u32;
        let id = self
            .ids
            .get_or_insert(name.as_ptr() as usize, name.len(), next);
        if id == next {
            self.list.push(name);
        }
        f64::from(id)
    }
}

/// A value written as a tape: `ops` (each operation followed by its
/// operands) and `text` (every string, in order; lengths as `lengths`).
pub(crate) struct Tape<'n> {
    names: &'n mut Names,
    pub(crate) ops: Vec<f64>,
    pub(crate) text: String,
    lengths: Lengths,
}

/// What a tape measures its strings in: UTF-16 units, as JS slices its
/// text; or bytes, for the JSON writer, which then neither counts units
/// nor finds them again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lengths {
    Utf16,
    Bytes,
}

/// `value` as a tape, its names in `names`; `header` slots of `ops` are
/// left (as 0) before the value for the caller.
pub(crate) fn write<'n, T: Serialize + ?Sized>(
    value: &T,
    names: &'n mut Names,
    header: usize,
    lengths: Lengths,
) -> Result<Tape<'n>, TapeError> {
    // Sized for a scorer's result (about 2,500 operands, 9,000 characters
    // of text), so that growing rarely copies.
    let mut ops = Vec::with_capacity(4096);
    ops.resize(header, 0.0);
    let mut tape = Tape {
        names,
        ops,
        text: String::with_capacity(16 * 1024),
        lengths,
    };
    value.serialize(&mut tape)?;
    Ok(tape)
}

impl Tape<'_> {
    /// The operations and the text.
    pub(crate) fn into_parts(self) -> (Vec<f64>, String) {
        (self.ops, self.text)
    }
}

/// Why a value could not be written.
#[derive(Debug)]
pub(crate) struct TapeError(String);

impl fmt::Display for TapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TapeError {}

impl ser::Error for TapeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        TapeError(msg.to_string())
    }
}

/// The length of `s` in UTF-16 units, as JS counts it.
pub(crate) fn utf16_len(s: &str) -> usize {
    if is_ascii(s.as_bytes()) {
        s.len()
    } else {
        s.encode_utf16().count()
    }
}

/// Whether every byte is ASCII, eight at a time: `<[u8]>::is_ascii` goes
/// by `usize`, four bytes in wasm32, where 64-bit arithmetic is native.
fn is_ascii(bytes: &[u8]) -> bool {
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut words = bytes.chunks_exact(8);
    let mut high = 0;
    for word in &mut words {
        let mut eight = [0; 8];
        eight.copy_from_slice(word);
        high |= u64::from_le_bytes(eight);
    }
    high & HIGHS == 0 && words.remainder().is_ascii()
}

/// The first `units` UTF-16 units of `text` as a byte length; `None` when
/// `text` is shorter or a character would be cut.
pub(crate) fn utf16_prefix(text: &str, units: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.len() >= units && is_ascii(&bytes[..units]) {
        return Some(units);
    }
    let (mut counted, mut end) = (0, 0);
    for c in text.chars() {
        if counted >= units {
            break;
        }
        counted += c.len_utf16();
        end += c.len_utf8();
    }
    (counted == units).then_some(end)
}

impl<'n> Tape<'n> {
    fn string(&mut self, s: &str) {
        self.ops.push(STRING);
        self.ops.push(match self.lengths {
            Lengths::Utf16 => utf16_len(s),
            Lengths::Bytes => s.len(),
        } as f64);
        self.text.push_str(s);
    }

    /// Opens an object or array whose count is filled in at its end.
    fn open<'t>(&'t mut self, op: f64) -> Compound<'t, 'n> {
        self.ops.push(op);
        self.ops.push(0.0);
        let count_at = self.ops.len() - 1;
        Compound {
            count_at,
            count: 0,
            tape: self,
        }
    }

    /// `{ variant: ... }` around what follows.
    fn variant(&mut self, variant: &'static str) {
        let id = self.names.id(variant);
        self.ops.extend_from_slice(&[OBJECT, 1.0, id]);
    }

    fn integer(&mut self, v: f64, exact: bool, text: impl fmt::Display) -> Result<(), TapeError> {
        if exact {
            self.ops.extend_from_slice(&[INTEGER, v]);
            Ok(())
        } else {
            Err(TapeError(format!(
                "{text} can't be represented as a JavaScript number"
            )))
        }
    }

    fn bigint(&mut self, digits: String) {
        self.ops.push(BIGINT);
        self.ops.push(digits.len() as f64);
        self.text.push_str(&digits);
    }
}

/// An object or array being written: its count, filled in at the end.
pub(crate) struct Compound<'t, 'n> {
    tape: &'t mut Tape<'n>,
    count_at: usize,
    count: u32,
}

impl Compound<'_, '_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TapeError> {
        self.count += 1;
        value.serialize(&mut *self.tape)
    }

    fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), TapeError> {
        let id = self.tape.names.id(key);
        self.tape.ops.push(id);
        self.element(value)
    }

    /// A map's key: written as a value, then made a key (a name's id, or
    /// -(length + 1) of text); it must be text.
    fn key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), TapeError> {
        let start = self.tape.ops.len();
        key.serialize(&mut *self.tape)?;
        let token = match &self.tape.ops[start..] {
            [op, len] if *op == STRING => -len - 1.0,
            [op, id] if *op == NAME => *id,
            _ => {
                return Err(TapeError(
                    "Map key is not a string and cannot be an object key".into(),
                ))
            }
        };
        self.tape.ops.truncate(start);
        self.tape.ops.push(token);
        Ok(())
    }

    fn end(self) -> Result<(), TapeError> {
        self.tape.ops[self.count_at] = f64::from(self.count);
        Ok(())
    }
}

impl<'t, 'n> ser::Serializer for &'t mut Tape<'n> {
    type Ok = ();
    type Error = TapeError;
    type SerializeSeq = Compound<'t, 'n>;
    type SerializeTuple = Compound<'t, 'n>;
    type SerializeTupleStruct = Compound<'t, 'n>;
    type SerializeTupleVariant = Compound<'t, 'n>;
    type SerializeMap = Compound<'t, 'n>;
    type SerializeStruct = Compound<'t, 'n>;
    type SerializeStructVariant = Compound<'t, 'n>;

    fn serialize_bool(self, v: bool) -> Result<(), TapeError> {
        self.ops.push(if v { TRUE } else { FALSE });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), TapeError> {
        self.integer(f64::from(v), true, v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), TapeError> {
        self.integer(f64::from(v), true, v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), TapeError> {
        self.integer(f64::from(v), true, v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), TapeError> {
        const SAFE: i64 = (1 << 53) - 1;
        self.integer(v as f64, (-SAFE..=SAFE).contains(&v), v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), TapeError> {
        self.integer(f64::from(v), true, v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), TapeError> {
        self.integer(f64::from(v), true, v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), TapeError> {
        self.integer(f64::from(v), true, v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), TapeError> {
        self.integer(v as f64, v < 1 << 53, v)
    }
    fn serialize_i128(self, v: i128) -> Result<(), TapeError> {
        self.bigint(v.to_string());
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<(), TapeError> {
        self.bigint(v.to_string());
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), TapeError> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), TapeError> {
        self.ops.push(NUMBER);
        self.ops.push(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), TapeError> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), TapeError> {
        match static_text::announced(v) {
            Some(text) => {
                let id = self.names.id(text);
                self.ops.extend_from_slice(&[NAME, id]);
            }
            None => self.string(v),
        }
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), TapeError> {
        self.ops.push(BYTES);
        self.ops.push(v.len() as f64);
        self.ops.extend(v.iter().map(|&b| f64::from(b)));
        Ok(())
    }
    fn serialize_none(self) -> Result<(), TapeError> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), TapeError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), TapeError> {
        self.ops.push(UNDEFINED);
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), TapeError> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), TapeError> {
        let id = self.names.id(variant);
        self.ops.push(NAME);
        self.ops.push(id);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), TapeError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), TapeError> {
        self.variant(variant);
        value.serialize(self)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'t, 'n>, TapeError> {
        Ok(self.open(ARRAY))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Compound<'t, 'n>, TapeError> {
        Ok(self.open(ARRAY))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'t, 'n>, TapeError> {
        Ok(self.open(ARRAY))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'t, 'n>, TapeError> {
        self.variant(variant);
        Ok(self.open(ARRAY))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'t, 'n>, TapeError> {
        Ok(self.open(OBJECT))
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'t, 'n>, TapeError> {
        Ok(self.open(OBJECT))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'t, 'n>, TapeError> {
        self.variant(variant);
        Ok(self.open(OBJECT))
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TapeError> {
        self.element(value)
    }
    fn end(self) -> Result<(), TapeError> {
        Compound::end(self)
    }
}

impl ser::SerializeTuple for Compound<'_, '_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TapeError> {
        self.element(value)
    }
    fn end(self) -> Result<(), TapeError> {
        Compound::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TapeError> {
        self.element(value)
    }
    fn end(self) -> Result<(), TapeError> {
        Compound::end(self)
    }
}

impl ser::SerializeTupleVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TapeError> {
        self.element(value)
    }
    fn end(self) -> Result<(), TapeError> {
        Compound::end(self)
    }
}

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), TapeError> {
        self.key(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TapeError> {
        self.element(value)
    }
    fn end(self) -> Result<(), TapeError> {
        Compound::end(self)
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), TapeError> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), TapeError> {
        Compound::end(self)
    }
}

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), TapeError> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), TapeError> {
        Compound::end(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_their_ids_as_the_table_grows() {
        // Three thousand names (the table grows from 512 slots four times),
        // each met twice, and names sharing an address but not a length.
        let text: &'static str = Box::leak("abcdefgh".repeat(3000).into_boxed_str());
        let mut names = Names::default();
        for round in 0..2 {
            for k in 0..3000 {
                let name = &text[k * 8..k * 8 + 1 + k % 7];
                assert_eq!(names.id(name), k as f64, "round {round}, name {k}");
            }
        }
        let whole = &text[..8];
        assert_eq!(names.id(whole), 3000.0);
        assert_eq!(names.list.len(), 3001);
        assert_eq!(names.list[0], "a");
        assert_eq!(names.list[3000], "abcdefgh");
    }

    #[test]
    fn utf16_prefixes_never_cut_a_character() {
        assert_eq!(utf16_prefix("ab😀c", 2), Some(2));
        assert_eq!(utf16_prefix("ab😀c", 4), Some(6));
        assert_eq!(utf16_prefix("ab😀c", 3), None);
        assert_eq!(utf16_prefix("ab", 3), None);
        assert_eq!(utf16_len("é😀"), 3);
    }

    #[test]
    fn ascii_is_checked_at_every_position() {
        for len in 0..20 {
            let plain = vec![b'a'; len];
            assert!(is_ascii(&plain), "{len} ASCII bytes");
            for at in 0..len {
                let mut one_high = plain.clone();
                one_high[at] = 0x80;
                assert!(!is_ascii(&one_high), "a high byte at {at} of {len}");
            }
        }
    }
}
