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

/// Sorts keys by their bits `from..to` (11 bits a pass), stably: keys equal
/// there keep their order, so the low bits can carry a payload (an event's
/// index) that stays in input order within each group. `to` is at most the
/// key's width.
pub fn radix_sort<K: RadixKey>(mut keys: Vec<K>, from: u32, to: u32) -> Vec<K> {
    const RADIX_BITS: u32 = 11;
    const BUCKETS: usize = 1 << RADIX_BITS;
    let width = (std::mem::size_of::<K>() * 8) as u32;
    let shifts: Vec<u32> = (from..to.min(width)).step_by(RADIX_BITS as usize).collect();
    // Every pass's counts in one read of the keys.
    let mut counts = vec![[0usize; BUCKETS]; shifts.len()];
    for k in &keys {
        for (c, &shift) in counts.iter_mut().zip(&shifts) {
            c[k.digit(shift) & (BUCKETS - 1)] += 1;
        }
    }
    let mut other = vec![K::default(); keys.len()];
    for (c, &shift) in counts.iter().zip(&shifts) {
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
        for k in &keys {
            let b = k.digit(shift) & (BUCKETS - 1);
            other[offsets[b]] = *k;
            offsets[b] += 1;
        }
        std::mem::swap(&mut keys, &mut other);
    }
    keys
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
