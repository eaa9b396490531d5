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
//! Answers are read once into [`Phrases`] (words, stems, windows: the
//! costly part); a [`Corpus`] puts them in classes, and several corpora
//! (the same answers grouped several ways) share one reading.
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
use std::sync::Arc;

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

/// Answers as the phrases they hold, read once (the costly part: words,
/// stems, windows), to be put in classes one or more ways
/// ([`Corpus::classed`]): per answer, each phrase it holds with its first
/// wording in it, in the order they first appear.
#[derive(Debug, Clone, Default)]
pub struct Phrases {
    /// Phrase -> its number, in order of first use.
    ids: HashMap<String, u32>,
    /// Each phrase's key, by number.
    keys: Vec<String>,
    /// Wording -> its number.
    wording_ids: HashMap<String, u32>,
    /// Each wording, by number.
    wordings: Vec<String>,
    /// Each answer's (phrase, wording) numbers.
    docs: Vec<Vec<(u32, u32)>>,
}

impl Phrases {
    /// The phrases of each text, in order (an answer's index is its place).
    pub fn new<'t>(texts: impl IntoIterator<Item = &'t str>) -> Phrases {
        let mut phrases = Phrases::default();
        // Per phrase, the last answer that held it, plus one (0: none yet).
        let mut last: Vec<u32> = Vec::new();
        let mut key = String::new();
        for text in texts {
            let doc = phrases.docs.len() as u32 + 1;
            let mut held: Vec<(u32, u32)> = Vec::new();
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
                        let id = intern(&mut phrases.ids, &mut phrases.keys, &key);
                        if last.len() <= id as usize {
                            last.resize(id as usize + 1, 0);
                        }
                        if last[id as usize] != doc {
                            last[id as usize] = doc;
                            let surface: Vec<&str> =
                                window.iter().map(|t| t.surface.as_str()).collect();
                            let wording = intern(
                                &mut phrases.wording_ids,
                                &mut phrases.wordings,
                                &surface.join(" "),
                            );
                            held.push((id, wording));
                        }
                    }
                }
            }
            phrases.docs.push(held);
        }
        phrases
    }

    /// How many answers were read.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether no answer was read.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
}

/// A text's number in a table, given one on first use.
fn intern(ids: &mut HashMap<String, u32>, texts: &mut Vec<String>, text: &str) -> u32 {
    if let Some(id) = ids.get(text) {
        return *id;
    }
    let id = texts.len() as u32;
    ids.insert(text.to_string(), id);
    texts.push(text.to_string());
    id
}

/// Answers, each in a class, as the phrases they hold.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// The answers' phrases, as read (shared by the corpora of one set of answers).
    phrases: Arc<Phrases>,
    class_of: Vec<usize>,
    /// Each phrase's answers in a class (ascending), by its number in `phrases`.
    postings: Vec<Vec<u32>>,
    /// Each phrase's wordings (numbers in `phrases`) with the answers in a
    /// class that write it so, by its number.
    wordings: Vec<Vec<(u32, u32)>>,
    /// Per class, the phrases its answers hold (an answer counts a phrase once).
    class_phrases: Vec<f64>,
}

impl Corpus {
    /// The phrases of answers given as (class, text); classes at or above
    /// `classes` are ignored.
    pub fn new(answers: &[(usize, &str)], classes: usize) -> Corpus {
        // Answers in no class are not read.
        let phrases = Phrases::new(
            answers
                .iter()
                .map(|&(class, text)| if class < classes { text } else { "" }),
        );
        let class_of: Vec<usize> = answers.iter().map(|(class, _)| *class).collect();
        Corpus::classed(&Arc::new(phrases), &class_of, classes)
    }

    /// The answers read in `phrases`, answer i in class `class_of[i]`;
    /// classes at or above `classes`, and answers past `class_of`'s end, are
    /// ignored. The same corpus as [`Corpus::new`] of the same answers in
    /// the same classes, without reading them again.
    pub fn classed(phrases: &Arc<Phrases>, class_of: &[usize], classes: usize) -> Corpus {
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); phrases.keys.len()];
        let mut wordings: Vec<Vec<(u32, u32)>> = vec![Vec::new(); phrases.keys.len()];
        let mut class_phrases: Vec<f64> = Vec::new();
        let mut classes_of: Vec<usize> = Vec::with_capacity(phrases.docs.len());
        for (doc, held) in phrases.docs.iter().enumerate() {
            let class = class_of.get(doc).copied().unwrap_or(usize::MAX);
            classes_of.push(class);
            if class >= classes {
                continue;
            }
            if class_phrases.len() <= class {
                class_phrases.resize(class + 1, 0.0);
            }
            class_phrases[class] += held.len() as f64;
            for &(phrase, wording) in held {
                let i = phrase as usize;
                postings[i].push(doc as u32);
                match wordings[i].iter_mut().find(|(w, _)| *w == wording) {
                    Some((_, n)) => *n += 1,
                    None => wordings[i].push((wording, 1)),
                }
            }
        }
        Corpus {
            phrases: Arc::clone(phrases),
            class_of: classes_of,
            postings,
            wordings,
            class_phrases,
        }
    }

    /// The answers (of every class) that hold a phrase.
    pub fn docs_with(&self, terms: &str) -> &[u32] {
        self.phrases
            .ids
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
        let in_class = |d: &u32| self.class_of(*d) == Some(target);
        // Per class, the phrases its answers hold (each answer counts a phrase once).
        let class_terms = &self.class_phrases;
        let filled: Vec<f64> = class_terms.iter().copied().filter(|n| *n > 0.0).collect();
        let Some(&target_terms) = class_terms.get(target).filter(|n| **n > 0.0) else {
            return Vec::new();
        };
        // A: the average number of phrases per class.
        let average = filled.iter().sum::<f64>() / filled.len() as f64;
        let mut candidates: BTreeMap<&str, (Vec<u32>, f64)> = BTreeMap::new();
        for (key, docs) in self.phrases.keys.iter().zip(&self.postings) {
            // Counted first: most phrases are too rare to keep.
            if (docs.iter().filter(|d| in_class(d)).count() as u32) < min_answers.max(1) {
                continue;
            }
            let mine: Vec<u32> = docs.iter().copied().filter(|d| in_class(d)).collect();
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
        let text = |w: u32| {
            self.phrases
                .wordings
                .get(w as usize)
                .map_or("", String::as_str)
        };
        self.phrases
            .ids
            .get(key)
            .and_then(|i| self.wordings.get(*i as usize))
            .and_then(|w| {
                w.iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then_with(|| text(b.0).cmp(text(a.0))))
            })
            .map_or_else(|| key.to_string(), |(w, _)| text(*w).to_string())
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
