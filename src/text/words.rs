//! An answer as the words phrases are made of: normalised (lowercase,
//! apostrophes dropped, digits and punctuation out), split into runs at
//! punctuation (a phrase never spans a comma or a full stop), stop words
//! out, each word stemmed ([`super::stem`]) and mapped through a small
//! table of product-feedback synonyms and lemmas. English only.

use super::stem::stem;

/// One content word: its canonical form (the stem, or the synonym table's
/// concept) and the word as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Canonical form, compared between answers (`save`, `time`).
    pub term: String,
    /// The word as the answer wrote it, lowercased (`saves`, `hours`).
    pub surface: String,
}

/// Longest word kept, in characters: anything longer is not a word (a URL,
/// a pasted hash).
const MAX_WORD_CHARS: usize = 30;

/// The runs of content words of an answer: split at punctuation, stop words
/// and numbers out. A hyphenated word is two words of one run
/// ("time-saving" is `time`, `save`).
pub fn runs(text: &str) -> Vec<Vec<Token>> {
    let mut out: Vec<Vec<Token>> = Vec::new();
    let mut run: Vec<Token> = Vec::new();
    let mut word = String::new();
    let flush_word = |word: &mut String, run: &mut Vec<Token>| {
        if !word.is_empty() {
            push_word(word, run);
            word.clear();
        }
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '’' | '‘') {
            // "don't" is `dont`, "Superhuman's" is `superhumans` (then its stem).
        } else if matches!(c, ' ' | '-' | '/' | '\t' | '"' | '“' | '”' | '&' | '+') {
            flush_word(&mut word, &mut run);
        } else {
            flush_word(&mut word, &mut run);
            if !run.is_empty() {
                out.push(std::mem::take(&mut run));
            }
        }
    }
    flush_word(&mut word, &mut run);
    if !run.is_empty() {
        out.push(run);
    }
    out
}

fn push_word(word: &str, run: &mut Vec<Token>) {
    if word.chars().count() > MAX_WORD_CHARS
        || !word.chars().any(char::is_alphabetic)
        || STOP_WORDS.binary_search(&word).is_ok()
    {
        return;
    }
    let stemmed = stem(word);
    match SYNONYMS.binary_search_by(|(from, _)| from.cmp(&stemmed.as_str())) {
        Ok(i) => {
            for term in SYNONYMS[i].1.split(' ') {
                run.push(Token {
                    term: term.to_string(),
                    surface: word.to_string(),
                });
            }
        }
        Err(_) => run.push(Token {
            term: stemmed,
            surface: word.to_string(),
        }),
    }
}

/// English stop words (sorted, for binary search): function words, the
/// survey's own words ("product", "use", "app"), fillers and sentiment
/// that carry no theme ("really", "lot", "love", "amazing"), and the
/// answers that say there is nothing to say ("nothing", "none", "nope",
/// "idk"), which are no request and no theme. Apostrophes are dropped before the lookup.
pub const STOP_WORDS: &[&str] = &[
    "a",
    "able",
    "about",
    "above",
    "absolutely",
    "actually",
    "after",
    "again",
    "all",
    "also",
    "always",
    "am",
    "amazing",
    "an",
    "and",
    "any",
    "app",
    "application",
    "are",
    "as",
    "at",
    "awesome",
    "basically",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "cant",
    "could",
    "couldnt",
    "definitely",
    "did",
    "didnt",
    "do",
    "does",
    "doesnt",
    "doing",
    "dont",
    "down",
    "each",
    "enjoy",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "get",
    "gets",
    "getting",
    "give",
    "gives",
    "go",
    "got",
    "great",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "honestly",
    "how",
    "i",
    "id",
    "idk",
    "if",
    "im",
    "in",
    "into",
    "is",
    "isnt",
    "it",
    "its",
    "itself",
    "ive",
    "just",
    "lets",
    "like",
    "literally",
    "lot",
    "lots",
    "love",
    "loves",
    "loving",
    "main",
    "make",
    "makes",
    "many",
    "me",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "nah",
    "need",
    "no",
    "none",
    "nope",
    "nor",
    "not",
    "nothing",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "platform",
    "pretty",
    "probably",
    "product",
    "quite",
    "really",
    "same",
    "she",
    "should",
    "so",
    "some",
    "something",
    "such",
    "than",
    "that",
    "thats",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "thing",
    "things",
    "this",
    "those",
    "through",
    "to",
    "too",
    "tool",
    "totally",
    "under",
    "until",
    "up",
    "us",
    "use",
    "used",
    "using",
    "very",
    "want",
    "was",
    "we",
    "well",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "youre",
    "yours",
];

/// Synonyms and lemmas of product-feedback vocabulary, by stem (sorted, for
/// binary search): what stemming does not join. Covers time (hours,
/// minutes, "time-saver"), speed (fast, quick, snappy), ease (easy, simple,
/// intuitive), price (cost, cheap, expensive), reliability (bugs, crashes,
/// glitches), slowness (lag, sluggish), sync, mobile, keyboard shortcuts,
/// and British `-ise` spellings of the stems the list names.
pub const SYNONYMS: &[(&str, &str)] = &[
    ("afford", "price"),
    ("android", "mobil"),
    ("buggi", "bug"),
    ("cheap", "price"),
    ("cheaper", "price"),
    ("cost", "price"),
    ("crash", "bug"),
    ("customis", "custom"),
    ("easier", "easi"),
    ("easili", "easi"),
    ("expens", "price"),
    ("fast", "speed"),
    ("faster", "speed"),
    ("fastest", "speed"),
    ("focu", "focus"),
    ("glitch", "bug"),
    ("glitchi", "bug"),
    ("hotkei", "shortcut"),
    ("hour", "time"),
    ("intuit", "easi"),
    ("iphon", "mobil"),
    ("lag", "slow"),
    ("laggi", "slow"),
    ("minut", "time"),
    ("optimis", "optim"),
    ("organis", "organ"),
    ("personalis", "person"),
    ("phone", "mobil"),
    ("prioritis", "priorit"),
    ("quick", "speed"),
    ("quicker", "speed"),
    ("quickest", "speed"),
    ("quickli", "speed"),
    ("rapid", "speed"),
    ("rapidli", "speed"),
    ("saver", "save"),
    ("simpl", "easi"),
    ("simplic", "easi"),
    ("sluggish", "slow"),
    ("snappi", "speed"),
    ("speedi", "speed"),
    ("straightforward", "easi"),
    ("synchron", "sync"),
    ("synchronis", "sync"),
    ("timesav", "time save"),
    ("timesaver", "time save"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<Vec<String>> {
        runs(text)
            .into_iter()
            .map(|r| r.into_iter().map(|t| t.term).collect())
            .collect()
    }

    #[test]
    fn tables_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(SYNONYMS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn inflections_and_synonyms_meet() {
        assert_eq!(terms("It saves me hours!"), vec![vec!["save", "time"]]);
        assert_eq!(terms("Saved time."), vec![vec!["save", "time"]]);
        assert_eq!(terms("time-saving"), vec![vec!["time", "save"]]);
        assert_eq!(
            terms("A real timesaver"),
            vec![vec!["real", "time", "save"]]
        );
        assert_eq!(
            terms("FAST, quick and snappy"),
            vec![vec!["speed"], vec!["speed", "speed"]]
        );
    }

    #[test]
    fn punctuation_splits_runs_and_numbers_are_dropped() {
        assert_eq!(
            terms("Search works; 2 keyboard shortcuts (great)"),
            vec![vec!["search", "work"], vec!["keyboard", "shortcut"]]
        );
        assert_eq!(terms("Don't know"), vec![vec!["know"]]);
        assert!(terms("").is_empty());
        assert!(terms("... 123 !!").is_empty());
        assert_eq!(terms("Müller’s café"), vec![vec!["müllers", "café"]]);
    }
}
