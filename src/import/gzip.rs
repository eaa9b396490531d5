//! Gzip-compressed exports (`.csv.gz`, `.json.gz`; Amplitude's hourly
//! files): decompressed whole before the rows are read, within limits that
//! a small file cannot exceed by decompressing into a huge one.

use crate::input::problem::{InputError, Problem};
use std::io::Read;

/// Most bytes a compressed file may decompress to.
pub const MAX_DECOMPRESSED_BYTES: u64 = 2 * 1024 * 1024 * 1024;
/// Most a compressed file may grow by: text compresses 5 to 20 times; far
/// more is a decompression bomb, not an export.
pub const MAX_EXPANSION: u64 = 100;

/// Whether bytes start as gzip does (RFC 1952: 1f 8b, deflate).
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b, 0x08])
}

/// The decompressed bytes of a gzip file (every member, as `gunzip` reads
/// them), or an error naming the limit passed or what is wrong. With
/// `head`, only its first `head` bytes (no limit to pass).
pub fn decompress(bytes: &[u8], subject: &str, head: Option<usize>) -> Result<Vec<u8>, InputError> {
    let fail = |value: String, expected: String| {
        InputError::new(subject, vec![Problem::new("input", value, expected)])
    };
    let limit = MAX_DECOMPRESSED_BYTES.min((bytes.len() as u64).saturating_mul(MAX_EXPANSION));
    let mut out = Vec::new();
    let wanted = head.map_or(limit + 1, |h| h as u64);
    let read = flate2::read::MultiGzDecoder::new(bytes)
        .take(wanted)
        .read_to_end(&mut out);
    if head.is_some() && read.is_ok() {
        return Ok(out);
    }
    match read {
        Err(e) => Err(fail(
            format!("a gzip file that cannot be decompressed ({e})"),
            "a complete gzip file (was it cut short in the download?)".into(),
        )),
        Ok(_) if out.len() as u64 > limit => Err(fail(
            format!("a gzip file of {} bytes that decompresses to more than {limit} bytes", bytes.len()),
            format!(
                "at most {MAX_EXPANSION} times its compressed size, and at most {MAX_DECOMPRESSED_BYTES} bytes (2 GiB); split the export"
            ),
        )),
        Ok(_) => Ok(out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use std::io::Write;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn round_trips_and_members() {
        let text = b"user_id,timestamp\nu1,2026-11-03\n";
        let packed = gzip(text);
        assert!(is_gzip(&packed) && !is_gzip(text));
        assert_eq!(decompress(&packed, "events", None).unwrap(), text);
        // Two members one after the other (concatenated .gz files) read as one.
        let mut two = gzip(b"user_id,timestamp\n");
        two.extend(gzip(b"u1,2026-11-03\n"));
        assert_eq!(decompress(&two, "events", None).unwrap(), text);
    }

    #[test]
    fn bombs_and_broken_files_are_errors() {
        let bomb = gzip(&vec![b'a'; 1_000_000]);
        assert!(bomb.len() * 100 < 1_000_000);
        let err = decompress(&bomb, "events", None).unwrap_err().to_string();
        assert!(
            err.contains("at most 100 times its compressed size"),
            "{err}"
        );
        let cut = &gzip(b"user_id,timestamp\nu1,2026-11-03\n")[..20];
        let err = decompress(cut, "events", None).unwrap_err().to_string();
        assert!(err.contains("cannot be decompressed"), "{err}");
    }
}
