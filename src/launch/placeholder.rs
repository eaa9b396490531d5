//! Placeholder text in launch messaging: a feature's messaging, positioning
//! or key benefit that is a template or a stand-in rather than copy. The
//! original launch coordinator's own mock messaging ("Feature feature_1
//! messaging", "Positioning for feature_1", "Benefit 1 for feature_1") read
//! as aligned; these three rules catch it and its kind.
//!
//! 1. **Templated.** Each mention of the feature's own id or display name
//!    (ignoring case, as whole words, with the same punctuation inside the
//!    id: `feature_1` matches "Feature_1" but not "feature 1") is replaced by
//!    a slot, and the texts of one field (messaging, positioning, key
//!    benefits) are compared across features by their words, as the copy
//!    check compares them. Two or more features with the same slotted text
//!    are templated: the same text with only the feature's id changed. So is
//!    a text that is nothing but the feature's id or name and
//!    [generic words](GENERIC_WORDS) ("Positioning for feature_1"), which
//!    needs no other feature to compare with.
//! 2. **Numbered.** A [generic noun](NUMBERED_NOUNS) followed by a number,
//!    the rest of the text being generic words, numbers or the feature's id
//!    or name: "Benefit 1", "Benefit 2 for feature_1", "Item 3".
//! 3. **Markers.** TBD, TBA, FIXME, XXX, "lorem" (as in "lorem ipsum") and
//!    "placeholder" as whole words anywhere, ignoring case; TODO too, but
//!    only written in capitals, followed by a colon, or as the whole text
//!    ("todo" is also an ordinary word: "shared todo lists"); template slots
//!    `[insert …]`, `<…>` (HTML tags such as `<b>` aside) and `{{…}}`; and
//!    "coming soon" as the whole text.
//!
//! Every rule is linear in the text: a name is looked for word by word in
//! one pass (Knuth-Morris-Pratt, so a long name costs no more than a short
//! one), and the cross-feature comparison goes through one [`Positions`]
//! map per field, never pair by pair.

use super::plan::{Feature, Messaging};
use super::{Positions, MAX_NAMED};
use std::borrow::Cow;
use std::ops::Range;

/// The word a mention of the feature's own id or name becomes (rule 1): not
/// a run of letters and digits, so no word of a text can equal it.
const SLOT: &str = "<feature>";

/// Nouns that, followed by a number, make a numbered placeholder (rule 2):
/// the names of the messaging fields and of list entries.
pub(crate) const NUMBERED_NOUNS: [&str; 27] = [
    "benefit",
    "benefits",
    "bullet",
    "copy",
    "description",
    "entry",
    "example",
    "feature",
    "features",
    "headline",
    "item",
    "items",
    "line",
    "message",
    "messages",
    "messaging",
    "option",
    "point",
    "points",
    "positioning",
    "product",
    "sample",
    "step",
    "tagline",
    "text",
    "title",
    "value",
];

/// Words that say nothing about a feature (rules 1 and 2), besides the
/// [`NUMBERED_NOUNS`]: the other words of a template ("Key benefit for …",
/// "Value proposition of …", "… goes here") and the small words between
/// them. Words that make a sentence of a feature's name ("is", "with",
/// "new", "our") are not among them: "Dark mode is here" is copy.
pub(crate) const GENERIC_WORDS: [&str; 15] = [
    "a",
    "about",
    "an",
    "and",
    "for",
    "goes",
    "here",
    "id",
    "key",
    "name",
    "of",
    "placeholder",
    "proposition",
    "statement",
    "the",
];

/// Marker words (rule 3) that make a text a placeholder wherever they stand,
/// ignoring case, with how a reason names them.
const MARKER_WORDS: [(&str, &str); 6] = [
    ("tbd", "TBD"),
    ("tba", "TBA"),
    ("fixme", "FIXME"),
    ("xxx", "XXX"),
    ("lorem", "\"lorem ipsum\""),
    ("placeholder", "the word \"placeholder\""),
];

/// HTML tags that are markup, not a `<…>` template slot.
const HTML_TAGS: [&str; 11] = [
    "b", "br", "em", "i", "p", "small", "span", "strong", "sub", "sup", "u",
];

/// Most characters of a template slot quoted in a reason (a display bound,
/// ours).
const MAX_SLOT_CHARS: usize = 40;

/// Which of a feature's id and display name a text mentions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Mentions {
    /// The id is mentioned.
    pub id: bool,
    /// The display name is mentioned.
    pub name: bool,
}

impl Mentions {
    /// True when the text mentions the id or the name.
    fn any(self) -> bool {
        self.id || self.name
    }

    /// "id", "name" or "id and name", for reasons.
    pub(crate) fn words(self) -> &'static str {
        match (self.id, self.name) {
            (true, true) => "id and name",
            (false, true) => "name",
            _ => "id",
        }
    }
}

/// Whether a text is nothing but the feature's id or name (rule 1).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Bare {
    /// It says something else too.
    #[default]
    No,
    /// It is the feature's id or name and nothing else.
    NameOnly,
    /// It is the feature's id or name and generic words.
    WithGenericWords,
}

/// Why one text reads as a placeholder.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Placeholder {
    /// The other features (by position, at most [`MAX_NAMED`], in feature
    /// order) whose text in the same field is the same but for their own id
    /// or name (rule 1).
    pub templated: Vec<usize>,
    /// How many other features that is in all.
    pub templated_count: usize,
    /// Which of the feature's id and name the text mentions.
    pub mentions: Mentions,
    /// Whether it is nothing but the feature's id or name (rule 1).
    pub bare: Bare,
    /// A generic noun and a number, and nothing more (rule 2).
    pub numbered: bool,
    /// The markers it contains (rule 3), as a reason names them: `TODO`,
    /// `"lorem ipsum"`, `the template slot "{{name}}"`.
    pub markers: Vec<String>,
    /// It is "coming soon" and nothing else (rule 3).
    pub coming_soon: bool,
}

impl Placeholder {
    /// True when any rule found it a placeholder.
    pub(crate) fn found(&self) -> bool {
        self.templated_count > 0
            || self.bare != Bare::No
            || self.numbered
            || !self.markers.is_empty()
            || self.coming_soon
    }
}

/// A text of a messaging entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    /// Its messaging.
    Messaging,
    /// Its positioning.
    Positioning,
    /// The key benefit at this position in `keyBenefits`.
    KeyBenefit(usize),
}

impl Field {
    /// The entry's text in this field, if there is one.
    pub(crate) fn text(self, entry: &Messaging) -> Option<&str> {
        match self {
            Field::Messaging => entry.messaging.as_deref(),
            Field::Positioning => entry.positioning.as_deref(),
            Field::KeyBenefit(k) => entry.key_benefits.get(k).map(String::as_str),
        }
    }

    /// What a template key of this field starts with: the fields' texts are
    /// compared each with its own kind only.
    fn tag(self) -> &'static str {
        match self {
            Field::Messaging => "messaging:",
            Field::Positioning => "positioning:",
            Field::KeyBenefit(_) => "benefit:",
        }
    }
}

/// A text cut into words as [`super::messaging::words`] cuts it (lower-cased
/// runs of letters and digits), with what stands between them.
struct Tokens<'t> {
    text: &'t str,
    /// The words, borrowed when already in lower case.
    words: Vec<Cow<'t, str>>,
    /// `gaps[k]` is where in the text what stands before `words[k]` is, and
    /// `gaps[words.len()]` what ends the text.
    gaps: Vec<Range<usize>>,
}

impl<'t> Tokens<'t> {
    /// The gap before word `k` (empty past the end).
    fn gap(&self, k: usize) -> &'t str {
        self.gaps
            .get(k)
            .and_then(|r| self.text.get(r.clone()))
            .unwrap_or_default()
    }

    /// Word `k` as the text has it, case and all.
    fn word_as_written(&self, k: usize) -> &'t str {
        match (self.gaps.get(k), self.gaps.get(k + 1)) {
            (Some(before), Some(after)) => self.text.get(before.end..after.start),
            _ => None,
        }
        .unwrap_or_default()
    }
}

/// Cuts a text into [`Tokens`].
fn tokens(text: &str) -> Tokens<'_> {
    let mut words = Vec::new();
    let mut gaps = Vec::new();
    let mut start = 0; // of the current gap, or of the current word
    let mut in_word = false;
    for (at, c) in text.char_indices() {
        if c.is_alphanumeric() != in_word {
            if in_word {
                words.push(lower(&text[start..at]));
            } else {
                gaps.push(start..at);
            }
            start = at;
            in_word = !in_word;
        }
    }
    if in_word {
        words.push(lower(&text[start..]));
        gaps.push(text.len()..text.len());
    } else {
        gaps.push(start..text.len());
    }
    Tokens { text, words, gaps }
}

/// A word in lower case, borrowed when it already is.
fn lower(word: &str) -> Cow<'_, str> {
    let unchanged = word.chars().all(|c| {
        let mut lower = c.to_lowercase();
        lower.next() == Some(c) && lower.next().is_none()
    });
    if unchanged {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// Whether two gaps between words are the same: the same punctuation,
/// white space around it aside, or both only white space ("vector search"
/// is "Vector  search" but not "vector-search").
fn same_gap(a: &str, b: &str) -> bool {
    a.trim() == b.trim()
}

/// A feature's id or name as it is looked for in a text: its words and the
/// punctuation between them, with the failure table of a Knuth-Morris-Pratt
/// search, so a text is searched in one pass whatever the name's length.
struct Pattern<'f> {
    tokens: Tokens<'f>,
    is_id: bool,
    /// `fail[j]`: the longest proper prefix of the first `j + 1` words that
    /// is also a suffix of them.
    fail: Vec<usize>,
}

impl<'f> Pattern<'f> {
    /// The pattern of a name; none for a name without words.
    fn of(name: &'f str, is_id: bool) -> Option<Self> {
        let tokens = tokens(name);
        if tokens.words.is_empty() {
            return None;
        }
        let mut pattern = Pattern {
            tokens,
            is_id,
            fail: Vec::new(),
        };
        let mut fail = vec![0; pattern.len()];
        let mut q = 0;
        for a in 1..pattern.len() {
            while q > 0 && !pattern.matches(&pattern.tokens, a, q) {
                q = fail[q - 1];
            }
            if pattern.matches(&pattern.tokens, a, q) {
                q += 1;
            }
            fail[a] = q;
        }
        pattern.fail = fail;
        Some(pattern)
    }

    /// How many words it has.
    fn len(&self) -> usize {
        self.tokens.words.len()
    }

    /// Whether word `k` of `text` is this name's word `j`, with the same
    /// gap before it (the gap before the name's first word is not part of
    /// it).
    fn matches(&self, text: &Tokens, k: usize, j: usize) -> bool {
        text.words.get(k) == self.tokens.words.get(j)
            && (j == 0 || same_gap(text.gap(k), self.tokens.gap(j)))
    }

    /// Where in `text` (by word) this name starts: `starts[k]` when it does
    /// at word `k`. One pass (Knuth-Morris-Pratt): linear in the words.
    fn starts(&self, text: &Tokens) -> Vec<bool> {
        let mut starts = vec![false; text.words.len()];
        let mut q = 0;
        for k in 0..text.words.len() {
            while q > 0 && !self.matches(text, k, q) {
                q = self.fail.get(q - 1).copied().unwrap_or(0);
            }
            if self.matches(text, k, q) {
                q += 1;
            }
            if q == self.len() {
                if let Some(s) = starts.get_mut(k + 1 - q) {
                    *s = true;
                }
                q = self.fail.get(q - 1).copied().unwrap_or(0);
            }
        }
        starts
    }

    /// Whether it is the same name as `other` (an id and a display name
    /// that differ only in case are looked for once).
    fn same_as(&self, other: &Pattern) -> bool {
        self.len() == other.len() && (0..self.len()).all(|j| other.matches(&self.tokens, j, j))
    }
}

/// A feature's id and display name as looked for in its texts, the one with
/// more words first (so the longer wins where both match).
fn patterns(feature: &Feature) -> Vec<Pattern<'_>> {
    let mut patterns: Vec<Pattern> = Pattern::of(&feature.id, true).into_iter().collect();
    if let Some(name) = feature.name.as_deref().and_then(|n| Pattern::of(n, false)) {
        if !patterns.iter().any(|p| p.same_as(&name)) {
            if patterns.first().is_some_and(|id| id.len() < name.len()) {
                patterns.insert(0, name);
            } else {
                patterns.push(name);
            }
        }
    }
    patterns
}

/// A text's words with each mention of the feature's id or name as
/// [`SLOT`], and which of the two it mentions. Mentions are taken from the
/// left, the longer name first where both start at a word.
fn slotted<'t>(text: &'t Tokens, patterns: &[Pattern]) -> (Vec<&'t str>, Mentions) {
    let starts: Vec<Vec<bool>> = patterns.iter().map(|p| p.starts(text)).collect();
    let mut out = Vec::with_capacity(text.words.len());
    let mut mentions = Mentions::default();
    let mut k = 0;
    while let Some(word) = text.words.get(k) {
        let found = patterns
            .iter()
            .zip(&starts)
            .find(|(_, s)| s.get(k).copied().unwrap_or(false));
        match found {
            Some((p, _)) => {
                out.push(SLOT);
                if p.is_id {
                    mentions.id = true;
                } else {
                    mentions.name = true;
                }
                k += p.len();
            }
            None => {
                out.push(word.as_ref());
                k += 1;
            }
        }
    }
    (out, mentions)
}

/// A word of digits only.
fn is_number(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_digit())
}

/// A word that says nothing about a feature: generic or a numbered noun.
fn is_generic(word: &str) -> bool {
    GENERIC_WORDS.contains(&word) || NUMBERED_NOUNS.contains(&word)
}

/// Rule 1's bare text: only slots and generic words, with at least one slot.
fn bare(words: &[&str]) -> Bare {
    let slots = words.iter().filter(|w| **w == SLOT).count();
    if slots == 0 || !words.iter().all(|w| *w == SLOT || is_generic(w)) {
        Bare::No
    } else if slots == words.len() {
        Bare::NameOnly
    } else {
        Bare::WithGenericWords
    }
}

/// Rule 2: a numbered noun followed by a number, every other word generic,
/// a number or a slot.
fn numbered(words: &[&str]) -> bool {
    let pair = words
        .windows(2)
        .any(|w| NUMBERED_NOUNS.contains(&w[0]) && is_number(w[1]));
    // Every word of the pair passes the test below too, so it needs no
    // exception.
    pair && words
        .iter()
        .all(|w| *w == SLOT || is_number(w) || is_generic(w))
}

/// The first `max` characters of a text, with "…" when it was longer.
pub(crate) fn excerpt(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// Rule 3's markers in a text (its words as [`tokens`] cuts them), as a
/// reason names them.
fn markers(text: &str, tokens: &Tokens) -> Vec<String> {
    let words = &tokens.words;
    let mut found: Vec<String> = Vec::new();
    let todo = words.iter().enumerate().any(|(k, w)| {
        w == "todo"
            && (words.len() == 1
                || tokens.word_as_written(k) == "TODO"
                || tokens.gap(k + 1).trim_start().starts_with(':'))
    });
    if todo {
        found.push("TODO".into());
    }
    for (word, shown) in MARKER_WORDS {
        if words.iter().any(|w| w == word) {
            found.push(shown.into());
        }
    }
    // The slots, in the order of the module's doc.
    let slots: [Slot; 3] = [
        ("[", "]", is_insert),
        ("<", ">", is_angle_slot),
        ("{{", "}}", |_| true),
    ];
    for (open, close, accept) in slots {
        if let Some(s) = slot(text, open, close, accept) {
            let shown = super::quoted(&excerpt(s, MAX_SLOT_CHARS));
            found.push(format!("the template slot {shown}"));
        }
    }
    found
}

/// A template slot's opening and closing marks, and the test of its
/// inside.
type Slot = (&'static str, &'static str, fn(&str) -> bool);

/// The first `open … close` in a text whose inside `accept`s, with no
/// other `open` inside: each part of the text between two `open`s is
/// searched once, so this is linear in the text.
fn slot<'t>(text: &'t str, open: &str, close: &str, accept: fn(&str) -> bool) -> Option<&'t str> {
    let mut parts = text.split(open);
    let mut start = parts.next()?.len();
    for part in parts {
        if let Some(end) = part.find(close).filter(|&end| accept(&part[..end])) {
            return text.get(start..start + open.len() + end + close.len());
        }
        start += open.len() + part.len();
    }
    None
}

/// The inside of `[insert …]`: "insert" in any case, as a word.
fn is_insert(inside: &str) -> bool {
    let inside = inside.trim_start();
    inside
        .get(..6)
        .is_some_and(|w| w.eq_ignore_ascii_case("insert"))
        && !inside
            .get(6..)
            .unwrap_or_default()
            .starts_with(char::is_alphanumeric)
}

/// The inside of `<…>`: a letter, then letters, digits, spaces, `_` or
/// `-`, as in `<feature name>`; HTML tags such as `<b>` are not slots.
fn is_angle_slot(inside: &str) -> bool {
    inside.starts_with(char::is_alphabetic)
        && inside
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '_' | '-'))
        && !HTML_TAGS
            .iter()
            .any(|tag| tag.eq_ignore_ascii_case(inside.trim()))
}

/// One text, checked by the rules that need no other feature; its slotted
/// words, joined, for rule 1's comparison when it mentions the feature.
fn scan(text: &str, patterns: &[Pattern]) -> (Placeholder, Option<String>) {
    let tokens = tokens(text);
    if tokens.words.is_empty() {
        return (Placeholder::default(), None);
    }
    let (words, mentions) = slotted(&tokens, patterns);
    let placeholder = Placeholder {
        mentions,
        bare: bare(&words),
        numbered: numbered(&words),
        markers: markers(text, &tokens),
        coming_soon: tokens.words == ["coming", "soon"],
        ..Placeholder::default()
    };
    (placeholder, mentions.any().then(|| words.join(" ")))
}

/// The texts that mention their feature, grouped by field and slotted
/// words (the key is the field's [tag](Field::tag) and the words): each
/// group's features, distinct and in order.
#[derive(Default)]
struct Templates {
    keys: Positions,
    groups: Vec<Vec<usize>>,
}

impl Templates {
    /// Adds feature `feature`'s text with slotted words `key`; its group.
    fn add(&mut self, key: &str, feature: usize) -> usize {
        let group = self.keys.add(key);
        if group == self.groups.len() {
            self.groups.push(Vec::new());
        }
        if let Some(members) = self.groups.get_mut(group) {
            // Features are added in order, so a repeat is the last one.
            if members.last() != Some(&feature) {
                members.push(feature);
            }
        }
        group
    }

    /// Records in `placeholder` the other features of `feature`'s group.
    fn mark(&self, group: usize, feature: usize, placeholder: &mut Placeholder) {
        let members = self
            .groups
            .get(group)
            .map(Vec::as_slice)
            .unwrap_or_default();
        if members.len() > 1 {
            placeholder.templated = members
                .iter()
                .copied()
                .filter(|&j| j != feature)
                .take(MAX_NAMED)
                .collect();
            placeholder.templated_count = members.len() - 1;
        }
    }
}

/// Every feature's texts that read as placeholders, by position in
/// `features` (`entry_of` gives each feature's messaging entry): for each,
/// its fields in order (messaging, positioning, key benefits).
pub(crate) fn find(
    features: &[Feature],
    entry_of: &[Option<&Messaging>],
) -> Vec<Vec<(Field, Placeholder)>> {
    // First pass: each text by itself, and into its field's groups.
    let mut templates = Templates::default();
    let mut scanned: Vec<(usize, Field, Placeholder, Option<usize>)> = Vec::new();
    for (i, (feature, entry)) in features.iter().zip(entry_of).enumerate() {
        let Some(entry) = entry else { continue };
        let patterns = patterns(feature);
        let benefits = (0..entry.key_benefits.len()).map(Field::KeyBenefit);
        for field in [Field::Messaging, Field::Positioning]
            .into_iter()
            .chain(benefits)
        {
            let Some(text) = field.text(entry) else {
                continue;
            };
            let (placeholder, key) = scan(text, &patterns);
            let group = key.map(|key| templates.add(&format!("{}{key}", field.tag()), i));
            scanned.push((i, field, placeholder, group));
        }
    }
    // Second pass: the other features of each text's group.
    let mut found = vec![Vec::new(); features.len()];
    for (i, field, mut placeholder, group) in scanned {
        if let Some(group) = group {
            templates.mark(group, i, &mut placeholder);
        }
        if let Some(texts) = found.get_mut(i).filter(|_| placeholder.found()) {
            texts.push((field, placeholder));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feature(id: &str, name: Option<&str>) -> Feature {
        Feature {
            id: id.into(),
            name: name.map(str::to_string),
            path: String::new(),
        }
    }

    fn slot_words(text: &str, f: &Feature) -> (String, Mentions) {
        let t = tokens(text);
        let (words, mentions) = slotted(&t, &patterns(f));
        (words.join(" "), mentions)
    }

    #[test]
    fn ids_are_matched_as_whole_tokens_with_their_punctuation() {
        let f = feature("feature_1", None);
        assert_eq!(
            slot_words("Feature FEATURE_1 messaging", &f).0,
            "feature <feature> messaging"
        );
        // "feature 1" is not "feature_1"; "feature_10" is another id.
        assert_eq!(
            slot_words("Feature 1 messaging", &f).0,
            "feature 1 messaging"
        );
        assert_eq!(slot_words("for feature_10", &f).0, "for feature 10");
        let (_, mentions) = slot_words("Try it", &f);
        assert!(!mentions.any());
    }

    #[test]
    fn the_longer_of_id_and_name_wins() {
        let f = feature("search", Some("Vector   search"));
        let (words, mentions) = slot_words("The fastest vector search; search now", &f);
        assert_eq!(words, "the fastest <feature> <feature> now");
        assert_eq!(
            mentions,
            Mentions {
                id: true,
                name: true
            }
        );
    }

    #[test]
    fn slots_and_markers() {
        let insert_slot = |t: &'static str| slot(t, "[", "]", is_insert);
        let angle_slot = |t: &'static str| slot(t, "<", ">", is_angle_slot);
        let brace_slot = |t: &'static str| slot(t, "{{", "}}", |_| true);
        assert_eq!(
            insert_slot("Hello [ Insert name ] x"),
            Some("[ Insert name ]")
        );
        assert_eq!(insert_slot("[inserts] here"), None);
        assert_eq!(
            angle_slot("Hi <b>there</b>, <feature name>!"),
            Some("<feature name>")
        );
        assert_eq!(angle_slot("latency < 10 ms, a<3"), None);
        assert_eq!(
            brace_slot("Meet {{ product }} today"),
            Some("{{ product }}")
        );
        assert_eq!(brace_slot("{{ open"), None);
        let t = "Shared todo lists";
        assert!(markers(t, &tokens(t)).is_empty());
        let t = "todo: write this";
        assert_eq!(markers(t, &tokens(t)), ["TODO"]);
    }

    #[test]
    fn excerpts_cut_at_characters() {
        assert_eq!(excerpt("héllo", 2), "hé…");
        assert_eq!(excerpt("hé", 2), "hé");
    }
}
