//! Answers in groups, and each group's themes with their counts, shares and
//! example answers: the one grouping the product-market-fit engine (what
//! the very disappointed love, what holds back the somewhat disappointed)
//! and the feature-request report (requests overall, by Sean Ellis group, by
//! segment) both read. The groups are the classes of one [`Corpus`], so a
//! group's themes are the phrases that tell its answers from the other
//! groups' (c-TF-IDF, [`super::themes`]); they are listed by how many of the
//! group's answers hold them.
//!
//! ```
//! use market_validation::text::groups::Grouped;
//! let answers = [
//!     (0, "A mobile app"), (0, "mobile app please"), (0, "dark mode"),
//!     (1, "cheaper pricing"), (1, "It is too expensive"), (1, ""),
//! ];
//! let grouped = Grouped::new(&answers, 2);
//! assert_eq!((grouped.answers(0), grouped.answers(1)), (3, 2)); // a blank answer is in no group
//! let mobile = &grouped.themes(0).themes[0];
//! assert_eq!((mobile.label.as_str(), mobile.count, mobile.share), ("mobile", 2, 2.0 / 3.0));
//! assert_eq!(mobile.examples, vec!["A mobile app", "mobile app please"]);
//! assert_eq!(grouped.themes(1).themes[0].terms, "price"); // "cheaper", "expensive": one concept
//! ```

use super::themes::{Corpus, Phrases, Theme};
use serde::Serialize;
use std::sync::Arc;

/// Most themes listed per group.
pub const MAX_THEMES: usize = 8;
/// Example answers per theme.
pub const EXAMPLES: usize = 3;
/// Longest example shown, in characters.
pub const EXAMPLE_CHARS: usize = 200;

/// One theme with its answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ThemeCount {
    /// Its most frequent wording (`saves time`).
    pub label: String,
    /// Its canonical words: stems and synonym-table concepts, sorted (`save time`).
    pub terms: String,
    /// The group's answers that hold it.
    pub count: u64,
    /// `count` over the group's answers.
    pub share: f64,
    /// Its c-TF-IDF weight.
    pub weight: f64,
    /// Up to three answers that hold it, in file order (each at most 200 characters).
    pub examples: Vec<String>,
    /// Longer phrases that hold it, with their answer counts.
    pub phrases: Vec<PhraseCount>,
}

/// A longer phrase within a theme.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PhraseCount {
    /// Its most frequent wording.
    pub label: String,
    /// The group's answers that hold it.
    pub count: u64,
}

/// One group's themes.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupThemes {
    /// The group's (non-blank) answers.
    pub answers: u64,
    /// The fewest of the group's answers a theme had to hold: 2, or 2% of
    /// its answers when that is more.
    pub min_answers: u32,
    /// At most [`MAX_THEMES`], most answers first (then by weight).
    pub themes: Vec<ThemeCount>,
}

impl GroupThemes {
    /// Why there is no theme, when there is none; `whose` names the
    /// group's answers ("the very disappointed's").
    pub fn reason(&self, whose: &str) -> Option<String> {
        self.themes.is_empty().then(|| {
            format!(
                "no phrase is said by {} or more of {whose} {} answers",
                self.min_answers, self.answers
            )
        })
    }
}

/// Answers, each in a group or in none, as one corpus whose classes are
/// the groups.
#[derive(Debug, Clone)]
pub struct Grouped<'a> {
    /// Each answer's text, by its index in the corpus (file order).
    texts: Vec<&'a str>,
    corpus: Corpus,
    /// Each group's answers.
    sizes: Vec<u64>,
}

impl<'a> Grouped<'a> {
    /// Answers given as (group, text), in file order. A blank text, or a
    /// group at or above `groups`, is in no group: it keeps its place (an
    /// answer's index is its place in `answers`) but no phrase of it counts.
    pub fn new(answers: &[(usize, &'a str)], groups: usize) -> Grouped<'a> {
        let phrases = Phrases::new(
            answers
                .iter()
                .map(|&(g, text)| if g < groups { text } else { "" }),
        );
        Grouped::with_phrases(&Arc::new(phrases), answers, groups)
    }

    /// [`Grouped::new`] of the same answers from their phrases read once
    /// (`phrases` of the answers' texts, in the same order), for answers
    /// grouped in several ways: the same groups and themes, without reading
    /// the words again.
    pub fn with_phrases(
        phrases: &Arc<Phrases>,
        answers: &[(usize, &'a str)],
        groups: usize,
    ) -> Grouped<'a> {
        let class_of: Vec<usize> = answers
            .iter()
            .map(|&(g, text)| if text.is_empty() { usize::MAX } else { g })
            .collect();
        let corpus = Corpus::classed(phrases, &class_of, groups);
        let mut sizes = vec![0u64; groups];
        for g in &class_of {
            if let Some(n) = sizes.get_mut(*g) {
                *n += 1;
            }
        }
        Grouped {
            texts: answers.iter().map(|(_, t)| *t).collect(),
            corpus,
            sizes,
        }
    }

    /// The corpus, to ask which answers hold a phrase.
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// A group's answers (0 for a group out of range).
    pub fn answers(&self, group: usize) -> u64 {
        self.sizes.get(group).copied().unwrap_or(0)
    }

    /// A group's themes: at most [`MAX_THEMES`], chosen by c-TF-IDF against
    /// the other groups' answers, each held by at least 2 of the group's
    /// answers and 2% of them; listed by how many of the group's answers
    /// hold them (then by weight), each with its share of the group's
    /// answers and up to [`EXAMPLES`] of them.
    pub fn themes(&self, group: usize) -> GroupThemes {
        let answers = self.answers(group);
        let min_answers = u32::try_from((answers / 50).max(2)).unwrap_or(u32::MAX);
        let mut themes: Vec<ThemeCount> = self
            .corpus
            .themes(group, MAX_THEMES, min_answers)
            .into_iter()
            .map(|t| self.theme_count(t, answers))
            .collect();
        themes.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| b.weight.total_cmp(&a.weight))
        });
        GroupThemes {
            answers,
            min_answers,
            themes,
        }
    }

    fn theme_count(&self, t: Theme, answers: u64) -> ThemeCount {
        let mut examples: Vec<String> = Vec::new();
        for d in &t.docs {
            let Some(text) = self.texts.get(*d as usize) else {
                continue;
            };
            let shown = crate::format::shorten(text, EXAMPLE_CHARS);
            if !examples.contains(&shown) {
                examples.push(shown);
            }
            if examples.len() >= EXAMPLES {
                break;
            }
        }
        let count = t.docs.len() as u64;
        ThemeCount {
            label: t.label,
            terms: t.terms,
            count,
            share: if answers > 0 {
                count as f64 / answers as f64
            } else {
                0.0
            },
            weight: t.weight,
            examples,
            phrases: t
                .phrases
                .into_iter()
                .map(|(label, count)| PhraseCount {
                    label,
                    count: u64::from(count),
                })
                .collect(),
        }
    }
}

/// Every group's themes, `0..groups` (see [`Grouped::themes`]).
pub fn group_themes(answers: &[(usize, &str)], groups: usize) -> Vec<GroupThemes> {
    let grouped = Grouped::new(answers, groups);
    (0..groups).map(|g| grouped.themes(g)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(g: &GroupThemes) -> Vec<(&str, u64)> {
        g.themes
            .iter()
            .map(|t| (t.terms.as_str(), t.count))
            .collect()
    }

    /// Group 0: 4 ask for a mobile app (one says iPhone, which the synonym
    /// table makes `mobil`), 3 for better search, 2 for dark mode (the same
    /// text), 1 for nothing; group 1: 3 for dark mode, 2 for a lower price
    /// ("cheaper", "price"); a blank answer and one of a group out of range
    /// are in none. No answer holds two of the themes, each theme's longer
    /// phrase holds all of its words' answers, and a theme needs 2 answers:
    /// so each group's themes are its phrases said twice or more, counted
    /// by hand, with shares over the group's answers (9 and 5).
    #[test]
    fn counts_shares_and_examples() {
        let answers = [
            (0, "A mobile app"),
            (1, "dark mode"),
            (0, "better search"),
            (0, "The mobile app!"),
            (0, "Mobile app please"),
            (1, "Dark mode please"),
            (0, "Better search, for tags"),
            (0, "dark mode"),
            (0, "An iPhone app"),
            (0, "dark mode"),
            (1, "a dark mode"),
            (1, "cheaper"),
            (1, "lower the price"),
            (0, "a better search"),
            (0, "nothing"),
            (0, ""),
            (7, "mobile app"),
        ];
        let all = group_themes(&answers, 2);
        assert_eq!((all[0].answers, all[1].answers), (10, 5));
        assert_eq!(all[0].min_answers, 2);
        assert_eq!(
            counts(&all[0]),
            vec![("mobil", 4), ("better search", 3), ("dark mode", 2)]
        );
        let mobile = &all[0].themes[0];
        assert_eq!(mobile.share, 0.4);
        // The first three answers holding it, in file order.
        assert_eq!(
            mobile.examples,
            vec!["A mobile app", "The mobile app!", "Mobile app please"]
        );
        assert_eq!(all[0].themes[1].share, 0.3);
        // Group 0's two "dark mode" answers are the same text: one example.
        assert_eq!(all[0].themes[2].examples, vec!["dark mode"]);
        assert_eq!(counts(&all[1]), vec![("dark mode", 3), ("price", 2)]);
        assert_eq!(all[1].themes[1].share, 0.4);
        assert_eq!(
            all[1].themes[1].examples,
            vec!["cheaper", "lower the price"]
        );
        assert_eq!(all[1].reason("the others'"), None);
    }

    /// A long answer is shown cut to 200 characters and an ellipsis.
    #[test]
    fn answers_saying_there_is_nothing_are_no_theme() {
        // "Nothing", "none", "nope" are counted as answers but are no request.
        let answers = [
            (0, "Nothing"),
            (0, "nothing!"),
            (0, "None"),
            (0, "nope"),
            (0, "Nothing really"),
            (0, "mobile app"),
            (0, "A mobile app"),
        ];
        let all = group_themes(&answers, 1);
        assert_eq!(all[0].answers, 7);
        assert_eq!(counts(&all[0]), vec![("mobil", 2)]);
    }

    #[test]
    fn long_examples_are_cut() {
        let long = format!("offline mode {}", "é".repeat(300));
        let answers = [(0, long.as_str()), (0, "offline mode")];
        let g = Grouped::new(&answers, 1).themes(0);
        let shown = &g.themes[0].examples[0];
        assert_eq!(shown.chars().count(), EXAMPLE_CHARS + 1);
        assert!(shown.ends_with('…'));
    }

    /// A theme needs 2 answers, and 2% of a large group's: 150 answers need 3.
    #[test]
    fn the_fewest_answers_a_theme_needs() {
        let mut answers: Vec<(usize, &str)> = vec![(0, "offline mode"); 2];
        // Answers of stop words only: answers that hold no phrase.
        answers.extend(std::iter::repeat_n((0, "the"), 148));
        let g = Grouped::new(&answers, 1).themes(0);
        assert_eq!((g.answers, g.min_answers), (150, 3));
        assert!(g.themes.is_empty());
        assert_eq!(
            g.reason("the respondents'").as_deref(),
            Some("no phrase is said by 3 or more of the respondents' 150 answers")
        );
        let none = Grouped::new(&[], 3);
        assert_eq!((none.answers(2), none.answers(9)), (0, 0));
        assert!(none.themes(1).themes.is_empty());
    }

    /// The same answers give the same themes every time, and a group's
    /// themes do not depend on the numbers the groups are given.
    #[test]
    fn deterministic_and_independent_of_group_numbers() {
        let texts = [
            "mobile app",
            "dark mode",
            "a mobile app",
            "calendar integration",
            "integrate my calendar",
            "dark mode please",
            "mobile",
            "offline mode",
            "offline",
            "cheaper",
            "calendar sync",
            "sync with google calendar",
        ];
        let answers: Vec<(usize, &str)> =
            texts.iter().enumerate().map(|(i, t)| (i % 3, *t)).collect();
        let first = group_themes(&answers, 3);
        assert_eq!(first, group_themes(&answers, 3));
        let renumbered: Vec<(usize, &str)> = answers.iter().map(|(g, t)| (2 - g, *t)).collect();
        let second = group_themes(&renumbered, 3);
        for g in 0..3 {
            assert_eq!(first[g], second[2 - g]);
        }
    }

    /// Phrases read once and grouped several ways give what reading them
    /// for each grouping gives.
    #[test]
    fn phrases_read_once_group_as_read_each_time() {
        let texts = [
            "mobile app",
            "Dark mode",
            "",
            "a mobile app, and dark mode",
            "calendar integration",
            "integrate my calendar",
            "dark-mode please",
            "iPhone app",
            "offline",
            "offline mode",
        ];
        let phrases = Arc::new(Phrases::new(texts.iter().copied()));
        for (groups, group_of) in [
            (1, [0usize; 10]),
            (2, [0, 1, 0, 1, 0, 1, 0, 1, 0, 1]),
            (3, [0, 0, 1, 1, 2, 2, 0, 9, 1, 2]),
            (4, [3, 3, 3, 0, 0, 1, 1, 2, 2, 2]),
        ] {
            let answers: Vec<(usize, &str)> = group_of.iter().copied().zip(texts).collect();
            let once = Grouped::with_phrases(&phrases, &answers, groups);
            let each = Grouped::new(&answers, groups);
            for g in 0..groups {
                assert_eq!(once.themes(g), each.themes(g), "{groups} groups, group {g}");
                assert_eq!(
                    once.corpus().docs_with("dark mode"),
                    each.corpus().docs_with("dark mode")
                );
            }
        }
    }
}
