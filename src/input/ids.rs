//! Dense user ids: ids given as text (a CSV column, JavaScript strings) are
//! numbered in order of first appearance, so the analyses work on small
//! integers and the same text is always the same user.

use std::collections::HashMap;

/// Numbers distinct texts 0, 1, 2, ... in order of first appearance.
#[derive(Debug, Default)]
pub struct Interner {
    ids: HashMap<Vec<u8>, u32>,
}

impl Interner {
    /// The id of `text`, numbering it if it is new. Callers hold far fewer
    /// than 2^32 distinct texts (an analysis reads at most 50 million events).
    pub fn id(&mut self, text: &[u8]) -> u32 {
        // Look up first: most texts repeat, and a lookup copies nothing.
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        let next = self.ids.len() as u32;
        self.ids.insert(text.to_vec(), next);
        next
    }

    /// The id of `text`, if it was numbered.
    pub fn get(&self, text: &[u8]) -> Option<u32> {
        self.ids.get(text).copied()
    }

    /// How many distinct texts were numbered (ids are below it).
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// The texts in id order (text `i` has id `i`); invalid UTF-8 replaced.
    pub fn into_texts(self) -> Vec<String> {
        let mut texts = vec![String::new(); self.ids.len()];
        for (text, id) in self.ids {
            texts[id as usize] = String::from_utf8_lossy(&text).into_owned();
        }
        texts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_numbered_in_order_of_first_appearance() {
        let mut ids = Interner::default();
        assert_eq!(ids.id(b"alice"), 0);
        assert_eq!(ids.id(b"bob"), 1);
        assert_eq!(ids.id(b"alice"), 0);
        assert_eq!(ids.id(b"7"), 2);
        assert_eq!(ids.id(b"bob"), 1);
    }
}
