//! The text encodings exports come in. Everything after this module reads
//! UTF-8: a UTF-8 byte-order mark is dropped, and UTF-16 (Excel's "Unicode
//! text", some Windows tools' CSV), with a byte-order mark or recognised by
//! the NUL bytes of its ASCII characters, is transcoded.

use serde::Serialize;
use std::borrow::Cow;

/// How a file's text was encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    /// UTF-8 without a byte-order mark (ASCII included).
    #[serde(rename = "utf-8")]
    Utf8,
    /// UTF-8 with a byte-order mark (Excel's "CSV UTF-8").
    #[serde(rename = "utf-8-bom")]
    Utf8Bom,
    /// UTF-16, little-endian (Windows' "Unicode").
    #[serde(rename = "utf-16le")]
    Utf16le,
    /// UTF-16, big-endian.
    #[serde(rename = "utf-16be")]
    Utf16be,
}

/// Bytes sampled to recognise UTF-16 without a byte-order mark.
const SNIFF_BYTES: usize = 1024;

/// The text of `bytes` as UTF-8, and the encoding it was read from. A UTF-8
/// byte-order mark is removed; UTF-16 is transcoded, each unpaired surrogate
/// becoming U+FFFD (reported downstream like any other unreadable answer).
pub fn to_utf8(bytes: &[u8]) -> (Cow<'_, [u8]>, Encoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (Cow::Borrowed(rest), Encoding::Utf8Bom);
    }
    let utf16 = if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        Some((rest, Encoding::Utf16le))
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        Some((rest, Encoding::Utf16be))
    } else {
        sniff_utf16(bytes).map(|e| (bytes, e))
    };
    match utf16 {
        Some((body, encoding)) => (Cow::Owned(decode_utf16(body, encoding)), encoding),
        None => (Cow::Borrowed(bytes), Encoding::Utf8),
    }
}

/// UTF-16 without a byte-order mark: in text that is mostly ASCII, every
/// other byte is NUL, on the odd positions (little-endian) or the even ones.
/// Text in UTF-8 has no NUL at all.
fn sniff_utf16(bytes: &[u8]) -> Option<Encoding> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let even = head.iter().step_by(2).filter(|b| **b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    if odd * 10 >= pairs * 7 && even == 0 {
        Some(Encoding::Utf16le)
    } else if even * 10 >= pairs * 7 && odd == 0 {
        Some(Encoding::Utf16be)
    } else {
        None
    }
}

fn decode_utf16(body: &[u8], encoding: Encoding) -> Vec<u8> {
    let units = body.chunks_exact(2).map(|pair| match encoding {
        Encoding::Utf16be => u16::from_be_bytes([pair[0], pair[1]]),
        _ => u16::from_le_bytes([pair[0], pair[1]]),
    });
    // ASCII stays one byte: the text is at most 1.5 times the input.
    let mut out = String::with_capacity(body.len() / 2);
    out.extend(char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)));
    if body.len() % 2 == 1 {
        out.push(char::REPLACEMENT_CHARACTER);
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend(if big_endian {
                [0xFE, 0xFF]
            } else {
                [0xFF, 0xFE]
            });
        }
        for unit in text.encode_utf16() {
            out.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        out
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(to_utf8(b"a,b\n").1, Encoding::Utf8);
        let (text, enc) = to_utf8(b"\xEF\xBB\xBFa,b\n");
        assert_eq!((text.as_ref(), enc), (&b"a,b\n"[..], Encoding::Utf8Bom));
    }

    #[test]
    fn utf16_in_every_form() {
        let text = "Score,Rôle\n10,Développeuse 🚀\n";
        for (big_endian, bom, expected) in [
            (false, true, Encoding::Utf16le),
            (true, true, Encoding::Utf16be),
            (false, false, Encoding::Utf16le),
            (true, false, Encoding::Utf16be),
        ] {
            let bytes = utf16(text, big_endian, bom);
            let (decoded, enc) = to_utf8(&bytes);
            assert_eq!(enc, expected);
            assert_eq!(std::str::from_utf8(&decoded).unwrap(), text);
        }
    }

    #[test]
    fn broken_utf16_becomes_replacement_characters() {
        let mut bytes = utf16("ab,cd\n1,2\n", false, true);
        bytes.extend([0x00, 0xD8]); // an unpaired high surrogate
        bytes.push(0x41); // an odd byte out
        let (decoded, _) = to_utf8(&bytes);
        assert_eq!(
            std::str::from_utf8(&decoded).unwrap(),
            "ab,cd\n1,2\n\u{FFFD}\u{FFFD}"
        );
    }
}
