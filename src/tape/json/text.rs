//! Bytes and escaped strings appended to JSON text, eight bytes at a time
//! in a build for speed.

/// Whether text is appended eight bytes at a time ([`append_words`],
/// [`escape_text`]): in a build for speed, where an 8-byte append is a
/// load and a store, and a slice copy a `memory.copy`, which V8 runs as a
/// call. Not in a build for size (`opt_size`, set by build.rs), where the
/// append is itself a call that copies: slices then (measured at "z": 11%
/// more instructions per analyzeJson with words).
pub(super) const WORDS: bool = !cfg!(opt_size);

/// Eight bytes after the tape's text, read and cut off again.
pub(super) const PADDING: &str = "        ";

/// Appends `buffer[start..end]`, with `WORDS` a word at a time: each
/// 8-byte word read is written whole and what passes `end` is cut off
/// again. The words past `end` are read, so `buffer` has 7 bytes after it;
/// where it does not, the rest is copied as a slice.
pub(super) fn append_words<const WORDS: bool>(
    out: &mut Vec<u8>,
    buffer: &[u8],
    start: usize,
    end: usize,
) {
    if !WORDS {
        out.extend_from_slice(buffer.get(start..end).unwrap_or_default());
        return;
    }
    let len = out.len() + end.saturating_sub(start);
    let mut at = start;
    while at < end {
        match buffer
            .get(at..at + 8)
            .and_then(|w| <[u8; 8]>::try_from(w).ok())
        {
            Some(word) => out.extend_from_slice(&word),
            None => {
                out.extend_from_slice(buffer.get(at..end).unwrap_or_default());
                break;
            }
        }
        at += 8;
    }
    out.truncate(len);
}

/// Appends `bytes`, a byte at a time when there are at most four: a slice
/// copy is a `memory.copy` in wasm, which V8 runs as a call, slower than a
/// few stores (measured: a threshold of 4 beats 0 and 16 in Node 20).
pub(super) fn push_small(out: &mut Vec<u8>, bytes: &[u8]) {
    if bytes.len() <= 4 {
        out.reserve(bytes.len());
        for &b in bytes {
            out.push(b);
        }
    } else {
        out.extend_from_slice(bytes);
    }
}

/// The bytes of `word` that [`escape_text`] escapes (control characters, a
/// quote or a backslash), each marked by its high bit. The lowest marked
/// byte is always one of them; bytes after it may be marked without being
/// one (a borrow carries on). A byte of 0x80 or more (UTF-8 past ASCII) is
/// never one.
fn escape_marks(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // A byte below n (n <= 0x80) sets its high bit in (x - n) & !x.
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGHS;
    below(word, 0x20) | below(word ^ (ONES * 0x22), 1) | below(word ^ (ONES * 0x5C), 1)
}

/// Appends the escape of byte `b` (one [`escape_marks`] marks).
fn push_escape(b: u8, out: &mut Vec<u8>) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let escape = match b {
        0x08 => b'b',
        0x09 => b't',
        0x0A => b'n',
        0x0C => b'f',
        0x0D => b'r',
        b'"' | b'\\' => b,
        _ => b'u',
    };
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
}

/// `text[start..end]` as a JSON string, escaped as serde_json escapes:
/// quotes, backslashes and control characters only. Eight bytes are
/// checked at a time (most text needs no escape); with `WORDS`, each word
/// is appended whole too, what passes `end` cut off again, and otherwise
/// each run that needs no escape is copied as a slice. Words past `end` are
/// read, so `text` has 7 bytes after it (the tape's text has `PADDING`);
/// where it does not, the rest goes a byte at a time.
pub(super) fn escape_text<const WORDS: bool>(
    text: &[u8],
    start: usize,
    end: usize,
    out: &mut Vec<u8>,
) {
    out.push(b'"');
    let mut i = start;
    // Where the bytes not yet copied start (without `WORDS`).
    let mut run = start;
    while i < end {
        let Some(word) = text.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) else {
            break;
        };
        let word = u64::from_le_bytes(word);
        let mut marks = escape_marks(word);
        let left = end - i;
        if left < 8 {
            // Only the bytes before `end` count.
            marks &= (1u64 << (8 * left)) - 1;
        }
        let written = out.len();
        if WORDS {
            out.extend_from_slice(&word.to_le_bytes());
        }
        if marks == 0 {
            i += 8;
            continue;
        }
        let first = (marks.trailing_zeros() / 8) as usize;
        if WORDS {
            out.truncate(written + first);
        } else {
            out.extend_from_slice(text.get(run..i + first).unwrap_or_default());
        }
        push_escape(text.get(i + first).copied().unwrap_or_default(), out);
        i += first + 1;
        run = i;
    }
    if WORDS {
        if i > end {
            // The last word's bytes past `end`.
            out.truncate(out.len() - (i - end));
        }
    } else {
        i = i.min(end);
        out.extend_from_slice(text.get(run..i).unwrap_or_default());
    }
    // Without a word's room after it, the rest a byte at a time.
    while i < end {
        let b = text.get(i).copied().unwrap_or_default();
        if escape_marks(u64::from(b)) & 0x80 != 0 {
            push_escape(b, out);
        } else {
            out.push(b);
        }
        i += 1;
    }
    out.push(b'"');
}

/// `s` as a JSON string (see [`escape_text`]).
pub(super) fn escape(s: &str, out: &mut Vec<u8>) {
    let mut padded = Vec::with_capacity(s.len() + PADDING.len());
    padded.extend_from_slice(s.as_bytes());
    padded.extend_from_slice(PADDING.as_bytes());
    escape_text::<WORDS>(&padded, 0, s.len(), out);
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
                    let expected = serde_json::to_string(&text).unwrap();
                    let mut out = Vec::new();
                    escape(&text, &mut out);
                    assert_eq!(String::from_utf8(out).unwrap(), expected, "{text:?}");
                    // Read in words past its end: without room after it, and
                    // followed by bytes that would need escaping.
                    let followed = format!("{text}\"\u{1}\\\n{}", &filler[..at]);
                    for source in [text.as_bytes(), followed.as_bytes()] {
                        let mut words = Vec::new();
                        escape_text::<true>(source, 0, text.len(), &mut words);
                        assert_eq!(String::from_utf8(words).unwrap(), expected, "{text:?}");
                        let mut slices = Vec::new();
                        escape_text::<false>(source, 0, text.len(), &mut slices);
                        assert_eq!(String::from_utf8(slices).unwrap(), expected, "{text:?}");
                    }
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
            let first = bytes
                .iter()
                .position(|&b| b < 0x20 || b == b'"' || b == b'\\');
            let marks = escape_marks(word);
            let marked = (marks != 0).then(|| (marks.trailing_zeros() / 8) as usize);
            assert_eq!(marked, first, "{word:#x}");
        }
    }
}
