//! Who was active on which day: the distinct (user, day) pairs of the
//! events, sorted by user then day. Built with a radix sort of packed u64
//! keys, so 10 million events in any order cost a few linear passes.

/// Packs (user, day offset) into one sortable key.
#[derive(Debug, Clone, Copy)]
pub struct KeyLayout {
    /// Bits for the day offset.
    pub day_bits: u32,
}

impl KeyLayout {
    /// A layout for day offsets up to `max_offset`.
    pub fn for_span(max_offset: u64) -> KeyLayout {
        KeyLayout {
            day_bits: bits_for(max_offset),
        }
    }

    /// The key of a user's day.
    pub fn key(self, user: u32, day_offset: u64) -> u64 {
        (u64::from(user) << self.day_bits) | day_offset
    }

    /// The user of a key.
    pub fn user(self, key: u64) -> u32 {
        (key >> self.day_bits) as u32
    }

    /// The day offset of a key.
    pub fn day(self, key: u64) -> u64 {
        key & ((1u64 << self.day_bits) - 1)
    }
}

/// Bits needed to hold values up to `max`.
fn bits_for(max: u64) -> u32 {
    (64 - max.leading_zeros()).max(1)
}

/// Sorts keys with an LSD radix sort over the bits actually used
/// (`key_bits`), then removes duplicates.
pub fn sort_unique(keys: Vec<u64>, key_bits: u32) -> Vec<u64> {
    let mut keys = radix_sort(keys, 0, key_bits);
    keys.dedup();
    keys
}

/// A key a radix sort can sort: an unsigned integer.
pub trait RadixKey: Copy + Default {
    /// The key's bits from `shift` on (the sort masks the digit).
    fn digit(self, shift: u32) -> usize;
}

impl RadixKey for u64 {
    fn digit(self, shift: u32) -> usize {
        (self >> shift) as usize
    }
}

impl RadixKey for u32 {
    fn digit(self, shift: u32) -> usize {
        (self >> shift) as usize
    }
}

/// Sorts keys by their bits `from..to`, at most 12 bits a pass (the bits
/// shared evenly over the fewest passes), least significant first. `to` is at most the key's width. Keys equal on those bits keep
/// their order for fewer than a million keys or at most 16 bits; beyond,
/// they are first split in place by their top 4 bits (no copy of the whole
/// array: the sort then needs a sixteenth of the keys' memory beside them,
/// not as much again) and their order within equal bits is not kept, so
/// callers that need it sort on the bits that hold it.
pub fn radix_sort<K: RadixKey>(mut keys: Vec<K>, from: u32, to: u32) -> Vec<K> {
    let to = to.min((std::mem::size_of::<K>() * 8) as u32);
    if keys.len() >= 1 << 20 && to > from + 16 {
        let top = to - SPLIT_BITS;
        let bounds = split_in_place(&mut keys, top);
        let largest = bounds.windows(2).map(|w| w[1] - w[0]).max().unwrap_or(0);
        let mut scratch = vec![K::default(); largest];
        for w in bounds.windows(2) {
            let part = &mut keys[w[0]..w[1]];
            let scratch = &mut scratch[..part.len()];
            if !lsd(part, scratch, from, top) {
                part.copy_from_slice(scratch);
            }
        }
        return keys;
    }
    let mut other = vec![K::default(); keys.len()];
    if lsd(&mut keys, &mut other, from, to) {
        keys
    } else {
        other
    }
}

/// The widest digit: its counts (32 KiB) stay in the fastest caches.
const RADIX_BITS: u32 = 12;
const BUCKETS: usize = 1 << RADIX_BITS;
/// Bits of the in-place split of many keys: 16 parts.
const SPLIT_BITS: u32 = 4;

/// Permutes `keys` in place by their 4 bits from `shift` (American flag
/// sort's step: each key swapped straight to its part); returns where each
/// part begins, and the end.
fn split_in_place<K: RadixKey>(keys: &mut [K], shift: u32) -> Vec<usize> {
    let parts = 1usize << SPLIT_BITS;
    let part_of = |k: &K| k.digit(shift) & (parts - 1);
    let mut bounds = vec![0usize; parts + 1];
    for k in keys.iter() {
        bounds[part_of(k) + 1] += 1;
    }
    for p in 0..parts {
        bounds[p + 1] += bounds[p];
    }
    let mut next = bounds[..parts].to_vec();
    for p in 0..parts {
        while next[p] < bounds[p + 1] {
            // Follow the cycle from the first unplaced key of part p.
            let mut k = keys[next[p]];
            let mut d = part_of(&k);
            while d != p {
                std::mem::swap(&mut k, &mut keys[next[d]]);
                next[d] += 1;
                d = part_of(&k);
            }
            keys[next[p]] = k;
            next[p] += 1;
        }
    }
    bounds
}

/// Least-significant-digit first over bits `from..to`, between `keys` and
/// `scratch` (of the same length), stably, every pass's counts taken in one
/// read; true when the result is in `keys`.
fn lsd<K: RadixKey>(keys: &mut [K], scratch: &mut [K], from: u32, to: u32) -> bool {
    // 24 bits in two passes of 12, not three of 11, 11 and 2.
    let bits = to.saturating_sub(from);
    let passes = bits.div_ceil(RADIX_BITS).max(1);
    let width = bits.div_ceil(passes);
    // Each pass's shift and mask (the last one's stops at `to`).
    let digits: Vec<(u32, usize)> = (from..to)
        .step_by(width.max(1) as usize)
        .map(|shift| (shift, (1usize << width.min(to - shift)) - 1))
        .collect();
    let mut counts = vec![[0usize; BUCKETS]; digits.len()];
    for k in keys.iter() {
        for (c, &(shift, mask)) in counts.iter_mut().zip(&digits) {
            c[k.digit(shift) & mask] += 1;
        }
    }
    let mut in_keys = true;
    for (c, &(shift, mask)) in counts.iter().zip(&digits) {
        // Skip passes where every key has the same digit.
        if c.contains(&keys.len()) {
            continue;
        }
        let mut offsets = [0usize; BUCKETS];
        let mut sum = 0;
        for (o, n) in offsets.iter_mut().zip(c) {
            *o = sum;
            sum += n;
        }
        let (src, dst): (&[K], &mut [K]) = if in_keys {
            (&*keys, &mut *scratch)
        } else {
            (&*scratch, &mut *keys)
        };
        for k in src {
            let b = k.digit(shift) & mask;
            dst[offsets[b]] = *k;
            offsets[b] += 1;
        }
        in_keys = !in_keys;
    }
    in_keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_and_dedups_like_the_standard_sort() {
        let mut state = 12345u64;
        let mut keys = Vec::new();
        for _ in 0..10_000 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            keys.push((state >> 30) & ((1 << 34) - 1));
        }
        keys.extend_from_slice(&keys.clone()[..500]);
        let mut expected = keys.clone();
        expected.sort_unstable();
        expected.dedup();
        assert_eq!(sort_unique(keys, 34), expected);
    }

    #[test]
    fn many_keys_sort_stably_by_their_high_bits() {
        // A user in bits 32..52, the index below: equal users keep index order.
        let mut state = 99u64;
        let keys: Vec<u64> = (0..200_000u64)
            .map(|i| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ((state >> 44) << 32) | i
            })
            .collect();
        let mut expected = keys.clone();
        expected.sort_by_key(|k| k >> 32);
        assert_eq!(radix_sort(keys.clone(), 32, 52), expected);
        let mut all = keys.clone();
        all.sort_unstable();
        assert_eq!(radix_sort(keys, 0, 52), all);
        // Over a million keys are split in place first: sorted by the bits
        // asked for, the order within them not kept.
        let many: Vec<u64> = (0..1_500_000u64)
            .map(|i| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ((state >> 32) << 32) | i
            })
            .collect();
        let sorted = radix_sort(many.clone(), 32, 64);
        assert!(sorted.windows(2).all(|w| w[0] >> 32 <= w[1] >> 32));
        let (mut a, mut b) = (sorted, many.clone());
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a, b, "the same keys");
        let mut all = many.clone();
        all.sort_unstable();
        assert_eq!(radix_sort(many, 0, 64), all);
        let small: Vec<u32> = (0..70_000u32).map(|i| i.wrapping_mul(2654435761)).collect();
        let mut expected = small.clone();
        expected.sort_unstable();
        assert_eq!(radix_sort(small, 0, 32), expected);
    }

    #[test]
    fn keys_round_trip() {
        let layout = KeyLayout::for_span(200);
        let k = layout.key(123_456, 199);
        assert_eq!((layout.user(k), layout.day(k)), (123_456, 199));
    }
}
