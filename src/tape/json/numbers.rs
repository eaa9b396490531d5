//! Numbers as JSON text, as serde_json writes them (zmij's shortest
//! decimals for floats), from code that is quick in wasm as well.

use super::text::{append_words, WORDS};

/// A number's text, written from its end backwards into a buffer with a
/// word of room after it, so that it is appended a word at a time.
pub(super) struct Digits {
    buffer: [u8; Digits::END + 8],
    start: usize,
}

impl Digits {
    /// Where the text ends: room for a sign, 16 whole digits, a point and
    /// 24 places (digits are written eight at a time).
    const END: usize = 64;

    pub(super) fn new() -> Digits {
        Digits {
            buffer: [0; Digits::END + 8],
            start: Digits::END,
        }
    }

    /// Forgets what was written.
    pub(super) fn clear(&mut self) {
        self.start = Digits::END;
    }

    /// Writes `bytes` before what is written.
    pub(super) fn push_front(&mut self, bytes: &[u8]) {
        for &b in bytes.iter().rev() {
            self.start = self.start.saturating_sub(1);
            if let Some(slot) = self.buffer.get_mut(self.start) {
                *slot = b;
            }
        }
    }

    /// Writes `n`'s decimal digits (and its sign) before what is written.
    pub(super) fn integer(&mut self, n: i64) {
        self.digits(n.unsigned_abs(), 1);
        if n < 0 {
            self.push_front(b"-");
        }
    }

    /// Writes `n`'s decimal digits before what is written, zeros in front
    /// to make at least `least` digits (at most 24). Eight digits at a time
    /// ([`eight_digits`]): a digit at a time, each a 64-bit division, took
    /// a fifth of writing a result in wasm.
    fn digits(&mut self, mut n: u64, least: usize) {
        const ZEROS: u64 = 0x3030_3030_3030_3030;
        if n < 10 && least <= 1 {
            // Most whole parts ("0.25"), quicker alone.
            self.push_front(&[b'0' + n as u8]);
            return;
        }
        let end = self.start;
        let mut start = end;
        loop {
            let eight = eight_digits((n % 100_000_000) as u32);
            n /= 100_000_000;
            start = start.saturating_sub(8);
            if let Some(slot) = self.buffer.get_mut(start..start + 8) {
                slot.copy_from_slice(&eight.to_le_bytes());
            }
            let written = end - start;
            if (n == 0 && written >= least) || start == 0 {
                // The leading zeros of these eight (the first digit is the
                // low byte), up to what `least` keeps, one digit at least.
                let zeros = ((eight ^ ZEROS).trailing_zeros() / 8) as usize;
                self.start = end.saturating_sub((written - zeros.min(7)).max(least));
                return;
            }
        }
    }

    /// Writes `v` as zmij prints it when it can without zmij's general
    /// algorithm, and says whether it did: whole numbers below 10^15
    /// ("60.0"), decimals of at most six places ([`Digits::short_decimal`])
    /// and, with [`LONG_DECIMALS`], other fractions ([`Digits::long_decimal`]).
    pub(super) fn shortest(&mut self, v: f64) -> bool {
        if v.fract() == 0.0 && v.abs() < 1e15 && (v != 0.0 || v.is_sign_positive()) {
            self.push_front(b".0");
            self.integer(v as i64);
            true
        } else {
            self.short_decimal(v) || (LONG_DECIMALS && self.long_decimal(v))
        }
    }

    /// Writes `v` when it is a decimal of at most six places between 1e-5
    /// and 1e9 (`0.25`, `41.7`; most of a result's fractions), as zmij
    /// prints it, and says whether it did. A six-place decimal `m`/10^6
    /// reads back as `v` exactly when that quotient (of an integer under
    /// 2^53 and a power of ten, both exact) rounds to `v`, as parsing rounds
    /// it. It is then the only one: its spacing, 1e-6, is wider than `v`'s
    /// rounding interval (under 1.2e-7 below 1e9). So the shortest decimal
    /// is it without its trailing zeros, and none has six places or fewer
    /// when it does not read back.
    pub(super) fn short_decimal(&mut self, v: f64) -> bool {
        const PLACES: usize = 6;
        const SCALE: f64 = 1e6;
        let a = v.abs();
        // zmij's fixed notation starts at 1e-5.
        if !(1e-5..1e9).contains(&a) {
            return false;
        }
        // Ties to even, one instruction in wasm (`f64.nearest`; `round` is
        // a libm call there): a tie, v·10^6 = k + 1/2, reads back as
        // neither k nor k + 1 (they are 5e-7 from v, more than its spacing),
        // so which one it picks does not matter.
        let m = (a * SCALE).round_ties_even();
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
        self.decimal(v < 0.0, whole, fraction, places);
        true
    }

    /// Writes `v` when it is a fraction between 1e-5 and 1e9 whose bits
    /// are not all zero (not a power of two), as zmij prints it, and says
    /// whether it did: the shortest decimal that reads back as `v`, the
    /// one nearest `v` when several are as short (the even one on a tie),
    /// found as Giulietti's Schubfach finds it ("The Schubfach way to
    /// render doubles", 2020), with 64-bit integers only. zmij's 128-bit
    /// products are a library call each in wasm, where they made zmij half
    /// of printing a result's numbers.
    ///
    /// `v` = c·2^-k, with c of 53 bits and k between 23 and 70 here; the
    /// decimals that read back as `v` are those within half a step of c
    /// (ends included when c is even, as parsing rounds half to even). At
    /// p decimal places, the smallest where 10^p > 2^k, that interval is
    /// 10^p/2^k wide, between 1 and 10 units of 10^-p: it holds one or
    /// more integers, and at most one multiple of 10. A multiple of 10^j in
    /// it is then the shortest decimal (its zeros dropped); with none, the
    /// integer nearest `v`·10^p is.
    pub(super) fn long_decimal(&mut self, v: f64) -> bool {
        let a = v.abs();
        if !(1e-5..1e9).contains(&a) || a.fract() == 0.0 {
            return false;
        }
        let bits = a.to_bits();
        let fraction_bits = bits & ((1 << 52) - 1);
        if fraction_bits == 0 {
            // A power of two: its step below is half its step above.
            return false;
        }
        let c = fraction_bits | (1 << 52);
        let k = 1075 - (bits >> 52) as i64;
        if !(23..=70).contains(&k) {
            return false;
        }
        // ceil(k·log10 2): floor(k·log10 2) + 1, as 2^k is no power of 10
        // (315653/2^20 approximates log10 2 closely enough for |k| < 2,600).
        let places = ((k * 315_653) >> 20) + 1;
        let Some(&five) = POWERS_OF_FIVE.get(places as usize) else {
            return false;
        };
        // v·10^p, and the interval's ends, as numerators over 2^shift:
        // 4c·5^p, and that ± 2·5^p (half a step of c is 2 in 4c).
        let shift = (k + 2 - places) as u32;
        let centre = Wide::product(c << 2, five);
        let (lower, upper) = (centre.minus(five << 1), centre.plus(five << 1));
        let inclusive = c.is_multiple_of(2);
        let (lower_whole, lower_rest) = lower.split(shift);
        let (upper_whole, upper_rest) = upper.split(shift);
        let low = if lower_rest == 0 && inclusive {
            lower_whole
        } else {
            lower_whole + 1
        };
        let high = if upper_rest == 0 && !inclusive {
            upper_whole - 1
        } else {
            upper_whole
        };
        let mut digits = high / 10;
        let mut dropped = 0;
        if digits * 10 >= low {
            // A multiple of 10: the one, with all its trailing zeros dropped.
            dropped = 1;
            while digits % 10 == 0 {
                digits /= 10;
                dropped += 1;
            }
        } else {
            // The integer nearest v·10^p, the even one on a tie.
            let (whole, rest) = centre.split(shift);
            let half = 1u64 << (shift - 1);
            let up = rest > half || (rest == half && whole % 2 == 1);
            digits = whole + u64::from(up);
            if digits < low {
                digits += 1;
            } else if digits > high {
                digits -= 1;
            }
        }
        let places = places - dropped;
        if places <= 0 {
            return false; // a whole number, which cannot be here
        }
        let divisor = POWERS_OF_TEN
            .get(places as usize)
            .copied()
            .unwrap_or(u64::MAX);
        let (whole, fraction) = (digits / divisor, digits % divisor);
        self.decimal(v < 0.0, whole, fraction, places as usize);
        true
    }

    /// Writes `whole.fraction` before what is written, the fraction in
    /// `places` digits (zeros in front), and its sign.
    fn decimal(&mut self, negative: bool, whole: u64, fraction: u64, places: usize) {
        self.digits(fraction, places);
        self.push_front(b".");
        self.digits(whole, 1);
        if negative {
            self.push_front(b"-");
        }
    }

    /// The text written.
    fn text(&self) -> &[u8] {
        self.buffer.get(self.start..Digits::END).unwrap_or_default()
    }

    /// Appends the text written.
    pub(super) fn append_to(&self, out: &mut Vec<u8>) {
        append_words::<WORDS>(out, &self.buffer, self.start, Digits::END);
    }
}

/// Whether [`Digits::long_decimal`] prints the fractions short decimals do
/// not, rather than zmij: in wasm only, where zmij's 128-bit products are
/// a library call each. Natively zmij is quicker.
const LONG_DECIMALS: bool = cfg!(target_arch = "wasm32");

/// Calls `with` with finite `v`'s shortest decimal text as zmij (and so
/// serde_json) prints it (`60.0`, `0.25`, `1e-7`, `1.5e+21`): by
/// [`Digits::shortest`] where it can, by zmij otherwise. For the
/// messages' numbers (`format`), which then do not call zmij in wasm
/// either.
pub(crate) fn with_shortest<R>(v: f64, with: impl FnOnce(&[u8]) -> R) -> R {
    let mut digits = Digits::new();
    if digits.shortest(v) {
        with(digits.text())
    } else {
        with(zmij::Buffer::new().format_finite(v).as_bytes())
    }
}

/// The eight decimal digits of `n` (under 10^8, zeros in front) as ASCII
/// in a word, its first digit in the low byte: split into lanes of four
/// digits, then of two, then of one, each split a multiply and a shift for
/// all lanes at once (the quotients by 100 and 10 are exact in this range).
fn eight_digits(n: u32) -> u64 {
    let n = u64::from(n);
    // [abcd, efgh] in 32-bit lanes.
    let fours = (n / 10_000) | ((n % 10_000) << 32);
    // [ab, cd, ef, gh] in 16-bit lanes: x/100 is x·10486 >> 20 below 10^4.
    let hundreds = ((fours * 10_486) >> 20) & 0x0000_007F_0000_007F;
    let twos = hundreds | ((fours - hundreds * 100) << 16);
    // [a, b, c, ...] in bytes: x/10 is x·103 >> 10 below 100.
    let tens = ((twos * 103) >> 10) & 0x000F_000F_000F_000F;
    let ones = tens | ((twos - tens * 10) << 8);
    ones | 0x3030_3030_3030_3030
}

/// 5^p for p up to 22, the most [`Digits::long_decimal`] needs (under 2^52).
const POWERS_OF_FIVE: [u64; 23] = powers(5);

/// 10^p for p up to 19.
const POWERS_OF_TEN: [u64; 20] = powers(10);

/// `base`^p for p below N (each must fit 64 bits).
const fn powers<const N: usize>(base: u64) -> [u64; N] {
    let mut powers = [1u64; N];
    let mut p = 1;
    while p < N {
        powers[p] = powers[p - 1] * base;
        p += 1;
    }
    powers
}

/// A 128-bit number as two 64-bit halves, multiplied by 32-bit parts: a
/// `u128` product is a library call (`__multi3`) in wasm.
#[derive(Clone, Copy)]
struct Wide {
    high: u64,
    low: u64,
}

impl Wide {
    fn product(a: u64, b: u64) -> Wide {
        let (a1, a0) = (a >> 32, a & 0xFFFF_FFFF);
        let (b1, b0) = (b >> 32, b & 0xFFFF_FFFF);
        let low = a0 * b0;
        let (middle1, middle2) = (a1 * b0, a0 * b1);
        let high = a1 * b1;
        // Each part is under 2^64, and their sums with carries fit.
        let middle = (low >> 32) + (middle1 & 0xFFFF_FFFF) + (middle2 & 0xFFFF_FFFF);
        Wide {
            high: high + (middle1 >> 32) + (middle2 >> 32) + (middle >> 32),
            low: (middle << 32) | (low & 0xFFFF_FFFF),
        }
    }

    fn plus(self, n: u64) -> Wide {
        let (low, carry) = self.low.overflowing_add(n);
        Wide {
            high: self.high + u64::from(carry),
            low,
        }
    }

    fn minus(self, n: u64) -> Wide {
        let (low, borrow) = self.low.overflowing_sub(n);
        Wide {
            high: self.high - u64::from(borrow),
            low,
        }
    }

    /// The whole part and the remainder of this over 2^shift (0 < shift
    /// < 64; the whole part must fit 64 bits).
    fn split(self, shift: u32) -> (u64, u64) {
        (
            (self.high << (64 - shift)) | (self.low >> shift),
            self.low & ((1 << shift) - 1),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::next;
    use super::super::to_json;
    use super::*;

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
            let mut digits = Digits::new();
            if digits.short_decimal(v) {
                short += 1;
                assert_eq!(written(&digits), buffer.format_finite(v), "{v:e}");
            }
            assert_eq!(to_json(&v).unwrap(), buffer.format_finite(v), "{v:e}");
        }
        // Most of the decimals took the short path.
        assert!(short > 80_000, "{short}");
    }

    #[test]
    fn long_decimals_print_as_zmij_prints_them() {
        // Cases per binary exponent; MV_LONG_DECIMAL_CASES runs more.
        let per_exponent: u64 = std::env::var("MV_LONG_DECIMAL_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(4_000);
        let mut seed = 0x1234_5678_9ABC_DEF1u64;
        let mut values = vec![
            0.1 + 0.2,
            1.0 / 3.0,
            2.0 / 3.0,
            7.979_999_999_999_999,
            71.442_567_516_731_86,
            1e-5 + 1e-20,
            999_999_999.999_999,
            2.0f64.sqrt(),
            std::f64::consts::PI,
        ];
        for k in 23..=70u64 {
            let edges = [1, 2, 3, (1 << 52) - 1, (1 << 52) - 2, 1 << 51];
            let random = (0..per_exponent).map(|_| next(&mut seed) & ((1 << 52) - 1));
            for fraction in edges.into_iter().chain(random) {
                let bits = ((1075 - k) << 52) | fraction;
                values.push(f64::from_bits(bits));
            }
        }
        // Decimals of 7 to 17 digits, and the doubles next to them.
        for _ in 0..per_exponent * 20 {
            let digits = 7 + (next(&mut seed) % 11) as u32;
            let m = next(&mut seed) % 10u64.pow(digits);
            let places = (next(&mut seed) % 22) as i32;
            let v = m as f64 / 10f64.powi(places);
            for step in [-2i64, -1, 0, 1, 2] {
                values.push(f64::from_bits(v.to_bits().wrapping_add(step as u64)));
            }
        }
        let mut buffer = zmij::Buffer::new();
        let mut printed = 0;
        for v in values.into_iter().filter(|v| v.is_finite()) {
            for v in [v, -v] {
                let mut digits = Digits::new();
                if digits.long_decimal(v) {
                    printed += 1;
                    assert_eq!(
                        written(&digits),
                        buffer.format_finite(v),
                        "{v:e} ({:#x})",
                        v.to_bits()
                    );
                }
            }
        }
        // Most of them were in its range.
        assert!(printed as u64 > per_exponent * 150, "{printed}");
    }

    #[test]
    fn eight_digits_are_the_digits() {
        let mut seed = 0x0123_4567_89AB_CDEFu64;
        let edges = [0, 1, 9, 10, 99, 100, 9_999, 10_000, 10_001, 99_999_999];
        let stride = (0..100_000_000).step_by(9_973);
        let random = (0..100_000).map(|_| (next(&mut seed) % 100_000_000) as u32);
        for n in edges.into_iter().chain(stride).chain(random) {
            assert_eq!(
                eight_digits(n).to_le_bytes(),
                *format!("{n:08}").as_bytes(),
                "{n}"
            );
        }
        // Whole numbers of any length, with zeros in front to a least length.
        for (n, least, text) in [
            (0, 1, "0"),
            (0, 3, "000"),
            (7, 1, "7"),
            (12_345_678, 1, "12345678"),
            (123_456_789, 1, "123456789"),
            (u64::MAX, 1, "18446744073709551615"),
            (42, 22, "0000000000000000000042"),
            (100_000_000, 12, "000100000000"),
        ] {
            let mut digits = Digits::new();
            digits.digits(n, least);
            assert_eq!(written(&digits), text);
        }
    }

    /// What `digits` appends.
    fn written(digits: &Digits) -> String {
        let mut out = Vec::new();
        digits.append_to(&mut out);
        String::from_utf8(out).unwrap()
    }
}
