//! Numbers as messages show them: the way JavaScript prints them, or
//! rounded for prose.

use std::fmt::Write as _;

/// Formats a number the way JavaScript prints it (`45`, `0.45`, `NaN`,
/// `Infinity`), so messages quote the caller's own value.
pub fn format_number(n: f64) -> String {
    if n.is_nan() {
        "NaN".into()
    } else if n.is_infinite() {
        if n > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else if n == 0.0 {
        "0".into()
    } else if n.abs() >= 1e21 || n.abs() < 1e-6 {
        // Rust writes 1e21 and 1e-7; JavaScript writes 1e+21 and 1e-7.
        let text = format!("{n:e}");
        match text.split_once('e') {
            Some((mantissa, exp)) if !exp.starts_with('-') => format!("{mantissa}e+{exp}"),
            _ => text,
        }
    } else {
        let mut s = String::new();
        let _ = write!(s, "{n}");
        s
    }
}

/// Formats a suggested value to at most 6 significant digits (`0.45`, not
/// `0.44999999999999996`).
pub fn format_suggestion(n: f64) -> String {
    format_significant(n, 6)
}

/// Formats a number for prose, to 3 significant digits (`9.12`, `0.429`;
/// whole numbers from 100 up are rounded: `4513`): messages, not data.
pub fn format_short(n: f64) -> String {
    if n.is_finite() && n.abs() >= 100.0 {
        return format_number(libm::round(n));
    }
    format_significant(n, 3)
}

/// Fixed-point text with `digits` significant digits and no trailing zeros.
fn format_significant(n: f64, digits: i32) -> String {
    if !n.is_finite() || n == 0.0 {
        return format_number(n);
    }
    let magnitude = libm::floor(libm::log10(n.abs())) as i32;
    let decimals = (digits - 1 - magnitude).clamp(0, 12) as usize;
    // The shortest text that reads back as `n` is the answer when it has no
    // more decimals than asked: it is within half an ulp of `n`, far less
    // than half a step of the last decimal asked, so it is also the nearest
    // number with that many decimals. Most figures are round (60, 0.25), and
    // this skips the exact formatting, which falls back to big-number
    // arithmetic for them.
    let shortest = n.to_string();
    if shortest.split_once('.').map_or(0, |(_, f)| f.len()) <= decimals {
        return shortest;
    }
    let text = format!("{n:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_like_javascript() {
        assert_eq!(format_number(45.0), "45");
        assert_eq!(format_number(0.45), "0.45");
        assert_eq!(format_number(f64::NAN), "NaN");
        assert_eq!(format_number(f64::NEG_INFINITY), "-Infinity");
        assert_eq!(format_number(1e30), "1e+30");
        assert_eq!(format_number(1.5e-7), "1.5e-7");
        assert_eq!(format_suggestion(45.0 / 100.0), "0.45");
        assert_eq!(format_suggestion(0.1 + 0.2), "0.3");
        assert_eq!(format_suggestion(4.5), "4.5");
        assert_eq!(format_short(9.116_81), "9.12");
        assert_eq!(format_short(0.428_571), "0.429");
        assert_eq!(format_short(4_512.7), "4513");
    }

    #[test]
    fn significant_digits_agree_with_exact_formatting() {
        // The shortest-text shortcut against the exact formatting alone,
        // over round, awkward and extreme values.
        fn exact(n: f64, digits: i32) -> String {
            let magnitude = libm::floor(libm::log10(n.abs())) as i32;
            let decimals = (digits - 1 - magnitude).clamp(0, 12) as usize;
            let text = format!("{n:.decimals$}");
            if text.contains('.') {
                text.trim_end_matches('0').trim_end_matches('.').to_string()
            } else {
                text
            }
        }
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut values = vec![
            60.0,
            0.25,
            45.0,
            0.1 + 0.2,
            4_512.7,
            1e-9,
            123_456_789.0,
            0.5,
            2.675,
            1.005,
        ];
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mantissa = (x >> 11) as f64 / (1u64 << 53) as f64;
            let scale = 10f64.powi((x % 24) as i32 - 12);
            values.push(mantissa * scale);
            values.push(((mantissa * 1000.0).round() / 100.0) * scale);
        }
        for n in values.into_iter().flat_map(|v| [v, -v]) {
            for digits in [3, 6] {
                if n != 0.0 {
                    assert_eq!(
                        format_significant(n, digits),
                        exact(n, digits),
                        "{n:e} at {digits}"
                    );
                }
            }
        }
    }
}
