//! Themes of a group of answers against the others: candidate phrases (runs
//! of one to three content words, [`super::words`]), weighed by class-based
//! TF-IDF (c-TF-IDF: M. Grootendorst, "BERTopic: Neural topic modeling with
//! a class-based TF-IDF procedure", arXiv:2203.05794, 2022, eq. 1), then
//! chosen greedily so that two themes do not tell the same answers.
//!
//! A phrase is its set of canonical words, so "saves time" and
//! "time-saving" are one phrase (`save time`). A term's frequency in a class
//! is the number of the class's answers that hold it (an answer counts a
//! phrase once), so that one long answer does not make a theme.
//!
//! ```
//! use market_validation::text::themes::Corpus;
//! let answers = [
//!     (0, "Saves me hours every week"), (0, "It saved time"), (0, "time-saving"),
//!     (0, "keyboard shortcuts"), (0, "the keyboard shortcuts"),
//!     (1, "nice design"), (1, "design is nice"),
//! ];
//! let corpus = Corpus::new(&answers, 2);
//! let themes = corpus.themes(0, 5, 2);
//! assert_eq!(themes[0].terms, "save time");
//! assert_eq!(themes[0].docs, vec![0, 1, 2]);
//! assert_eq!(themes[1].terms, "keyboard shortcut");
//! ```

use super::words::runs;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Longest phrase, in content words.
pub const MAX_PHRASE_WORDS: usize = 3;
/// A phrase said in at least this share of the answers that hold a shorter
/// phrase within it replaces the shorter one ("save time" over "time").
const SUBSUMES: f64 = 0.8;
/// A phrase half of whose answers already hold a chosen theme is not a new theme.
const OVERLAP: f64 = 0.5;

/// One theme of a class's answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// Its canonical words, sorted, space-separated (`save time`).
    pub terms: String,
    /// Its most frequent wording in the class's answers (`saves time`).
    pub label: String,
    /// The class's answers that hold it, as indices into the corpus, ascending.
    pub docs: Vec<u32>,
    /// Its c-TF-IDF weight in the class.
    pub weight: f64,
    /// Longer phrases that hold it, with their answer counts in the class (at most 3).
    pub phrases: Vec<(String, u32)>,
}

/// Answers, each in a class, as the phrases they hold.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    class_of: Vec<usize>,
    classes: usize,
    /// Phrase -> its number, in order of first use.
    ids: HashMap<String, u32>,
    /// Each phrase's key, by number.
    keys: Vec<String>,
    /// Each phrase's answers (ascending), by number.
    postings: Vec<Vec<u32>>,
    /// Each phrase's wordings with the answers that write it so, by number.
    wordings: Vec<Vec<(String, u32)>>,
}

impl Corpus {
    /// The phrases of answers given as (class, text); classes at or above
    /// `classes` are ignored.
    pub fn new(answers: &[(usize, &str)], classes: usize) -> Corpus {
        let mut corpus = Corpus {
            classes,
            ..Corpus::default()
        };
        let mut seen: Vec<(u32, String)> = Vec::new();
        let mut key = String::new();
        for &(class, text) in answers {
            let doc = corpus.class_of.len() as u32;
            corpus.class_of.push(class);
            if class >= classes {
                continue;
            }
            seen.clear();
            for run in runs(text) {
                for n in 1..=MAX_PHRASE_WORDS.min(run.len()) {
                    for window in run.windows(n) {
                        let mut terms: Vec<&str> = window.iter().map(|t| t.term.as_str()).collect();
                        terms.sort_unstable();
                        terms.dedup();
                        if terms.len() < n {
                            continue;
                        }
                        key.clear();
                        for (i, t) in terms.iter().enumerate() {
                            if i > 0 {
                                key.push(' ');
                            }
                            key.push_str(t);
                        }
                        let id = corpus.id(&key);
                        if !seen.iter().any(|(s, _)| *s == id) {
                            let surface: Vec<&str> =
                                window.iter().map(|t| t.surface.as_str()).collect();
                            seen.push((id, surface.join(" ")));
                        }
                    }
                }
            }
            for (id, surface) in seen.drain(..) {
                let i = id as usize;
                corpus.postings[i].push(doc);
                match corpus.wordings[i].iter_mut().find(|(w, _)| *w == surface) {
                    Some((_, n)) => *n += 1,
                    None => corpus.wordings[i].push((surface, 1)),
                }
            }
        }
        corpus
    }

    /// A phrase's number, given one on first use.
    fn id(&mut self, key: &str) -> u32 {
        if let Some(id) = self.ids.get(key) {
            return *id;
        }
        let id = self.keys.len() as u32;
        self.ids.insert(key.to_string(), id);
        self.keys.push(key.to_string());
        self.postings.push(Vec::new());
        self.wordings.push(Vec::new());
        id
    }

    /// The answers (of every class) that hold a phrase.
    pub fn docs_with(&self, terms: &str) -> &[u32] {
        self.ids
            .get(terms)
            .and_then(|i| self.postings.get(*i as usize))
            .map_or(&[], Vec::as_slice)
    }

    /// The class of an answer.
    pub fn class_of(&self, doc: u32) -> Option<usize> {
        self.class_of.get(doc as usize).copied()
    }

    /// Up to `limit` themes of class `target`, by c-TF-IDF weight, each held
    /// by at least `min_answers` of its answers.
    pub fn themes(&self, target: usize, limit: usize, min_answers: u32) -> Vec<Theme> {
        let in_class = |docs: &[u32]| -> Vec<u32> {
            docs.iter()
                .copied()
                .filter(|d| self.class_of(*d) == Some(target))
                .collect()
        };
        // Per class, the phrases its answers hold (each answer counts a phrase once).
        let mut class_terms = vec![0.0f64; self.classes];
        for docs in &self.postings {
            for d in docs {
                if let Some(c) = self.class_of(*d) {
                    class_terms[c] += 1.0;
                }
            }
        }
        let filled: Vec<f64> = class_terms.iter().copied().filter(|n| *n > 0.0).collect();
        let Some(&target_terms) = class_terms.get(target).filter(|n| **n > 0.0) else {
            return Vec::new();
        };
        // A: the average number of phrases per class.
        let average = filled.iter().sum::<f64>() / filled.len() as f64;
        let mut candidates: BTreeMap<&str, (Vec<u32>, f64)> = BTreeMap::new();
        for (key, docs) in self.keys.iter().zip(&self.postings) {
            let mine = in_class(docs);
            if (mine.len() as u32) < min_answers.max(1) {
                continue;
            }
            let tf = mine.len() as f64 / target_terms;
            let weight = tf * libm::log(1.0 + average / docs.len() as f64);
            candidates.insert(key.as_str(), (mine, weight));
        }
        // A shorter phrase most of whose answers hold a longer one gives way
        // to it: each phrase's shorter ones are its word subsets (a key's
        // words are sorted, so a subset's key is its words joined).
        let mut subsumed: BTreeSet<String> = BTreeSet::new();
        for (longer, (ldocs, _)) in &candidates {
            let words: Vec<&str> = longer.split(' ').collect();
            for sub in proper_subsets(&words) {
                if let Some((docs, _)) = candidates.get(sub.as_str()) {
                    if overlap(docs, ldocs) as f64 >= SUBSUMES * docs.len() as f64 {
                        subsumed.insert(sub);
                    }
                }
            }
        }
        let mut ranked: Vec<(&str, &(Vec<u32>, f64))> = candidates
            .iter()
            .filter(|(k, _)| !subsumed.contains(**k))
            .map(|(k, v)| (*k, v))
            .collect();
        ranked.sort_by(|a, b| {
            b.1 .1
                .total_cmp(&a.1 .1)
                .then_with(|| b.1 .0.len().cmp(&a.1 .0.len()))
                .then_with(|| a.0.cmp(b.0))
        });
        let mut chosen: Vec<Theme> = Vec::new();
        for (key, (docs, weight)) in ranked {
            if chosen.len() >= limit {
                break;
            }
            let repeats = chosen
                .iter()
                .any(|t| overlap(docs, &t.docs) as f64 >= OVERLAP * docs.len() as f64);
            if repeats {
                continue;
            }
            let mut phrases: Vec<(String, u32)> = candidates
                .iter()
                .filter(|(longer, _)| longer.len() > key.len() && contains_terms(longer, key))
                .map(|(longer, (ldocs, _))| (self.label(longer), ldocs.len() as u32))
                .collect();
            phrases.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            phrases.truncate(3);
            chosen.push(Theme {
                terms: key.to_string(),
                label: self.label(key),
                docs: docs.clone(),
                weight: *weight,
                phrases,
            });
        }
        chosen
    }

    /// A phrase's most frequent wording (the first alphabetically among equals).
    fn label(&self, key: &str) -> String {
        self.ids
            .get(key)
            .and_then(|i| self.wordings.get(*i as usize))
            .and_then(|w| {
                w.iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
            })
            .map_or_else(|| key.to_string(), |(w, _)| w.clone())
    }
}

/// Whether every word of `key` is a word of `longer`.
fn contains_terms(longer: &str, key: &str) -> bool {
    key.split(' ').all(|w| longer.split(' ').any(|l| l == w))
}

/// The keys of a phrase's proper, non-empty word subsets (at most 6 for
/// three words), its words' order kept.
fn proper_subsets(words: &[&str]) -> Vec<String> {
    let n = words.len().min(MAX_PHRASE_WORDS);
    (1..(1u32 << n) - 1)
        .map(|mask| {
            let picked: Vec<&str> = (0..n)
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| words[i])
                .collect();
            picked.join(" ")
        })
        .collect()
}

/// How many answers two ascending lists share.
pub fn overlap(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    /// c-TF-IDF by hand. Class 0: "alpha" and "alpha beta" hold alpha (2
    /// answers), beta (1) and "alpha beta" (1): 4 phrases. Class 1: "beta"
    /// and "beta gamma": beta (2), gamma (1), "beta gamma" (1): 4. A = 4.
    /// W(alpha, 0) = 2/4 ln(1 + 4/2); W(alpha beta, 0) = 1/4 ln(1 + 4/1).
    #[test]
    fn weights_by_hand() {
        let answers = [
            (0, "alpha"),
            (0, "alpha beta"),
            (1, "beta"),
            (1, "beta gamma"),
        ];
        let corpus = Corpus::new(&answers, 2);
        let themes = corpus.themes(0, 5, 1);
        assert_eq!(themes.len(), 1);
        assert_eq!(themes[0].terms, "alpha");
        assert!((themes[0].weight - 0.5 * 3.0f64.ln()).abs() < 1e-12);
        // "alpha beta" (weight 0.25 ln 5, below alpha's) shares its one answer
        // with alpha: no new theme; beta's one answer in class 0 says "alpha
        // beta", which subsumes it.
        assert_eq!(themes[0].phrases, vec![("alpha beta".to_string(), 1)]);
        let themes1 = corpus.themes(1, 5, 1);
        assert_eq!(themes1[0].terms, "beta");
        assert!((themes1[0].weight - 0.5 * (1.0f64 + 4.0 / 3.0).ln()).abs() < 1e-12);
    }

    /// Class 0: 5 "email", 5 "offline mode" (email 5, offline 5, mode 5,
    /// "mode offline" 5: 20 phrases); class 1: 5 "email" (5). A = 12.5.
    /// W(email, 0) = 5/20 ln(1 + 12.5/10); W(mode offline, 0) = 5/20 ln(1 + 12.5/5),
    /// which subsumes "offline" and "mode".
    #[test]
    fn shared_words_weigh_less_than_distinctive_ones() {
        let mut answers: Vec<(usize, &str)> = Vec::new();
        for _ in 0..5 {
            answers.push((0, "email"));
            answers.push((0, "Offline mode"));
            answers.push((1, "email"));
        }
        let corpus = Corpus::new(&answers, 2);
        let themes = corpus.themes(0, 5, 2);
        let found: Vec<(&str, f64)> = themes
            .iter()
            .map(|t| (t.label.as_str(), t.weight))
            .collect();
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].0, found[1].0), ("offline mode", "email"));
        assert!((found[0].1 - 0.25 * 3.5f64.ln()).abs() < 1e-12);
        assert!((found[1].1 - 0.25 * 2.25f64.ln()).abs() < 1e-12);
    }

    #[test]
    fn empty_and_odd_inputs_give_no_theme() {
        let corpus = Corpus::new(&[], 3);
        assert!(corpus.themes(0, 5, 2).is_empty());
        let corpus = Corpus::new(&[(7, "ignored class"), (0, "!!!")], 3);
        assert!(corpus.themes(0, 5, 1).is_empty());
        assert!(corpus.themes(9, 5, 1).is_empty());
        assert!(corpus.docs_with("ignored").is_empty());
    }

    #[test]
    fn overlap_counts_shared_items() {
        assert_eq!(overlap(&[1, 3, 5, 7], &[2, 3, 4, 7, 9]), 2);
        assert_eq!(overlap(&[], &[1]), 0);
    }
}
