//! Texts compiled into the library (ids, labels, units, sources) written
//! as a tape's names: interned by address, sent to JS once and kept, and
//! written as JSON from their escaped form, where a string is copied into
//! the tape's text, escaped, and sliced again in JS. A result has some 300
//! of them; each copy was a `memory.copy` in wasm, which V8 runs as a call.
//!
//! Every other serializer writes them as the strings they are: the fields
//! keep `serialize_str`, and only a tape, seeing the text it was told of
//! (by address), writes a name instead.

use serde::ser::{SerializeSeq, Serializer};
use std::cell::Cell;

std::thread_local! {
    /// The text `serialize_str` is about to be called with, when it is one
    /// compiled in.
    static ANNOUNCED: Cell<Option<&'static str>> = const { Cell::new(None) };
}

/// `text` as a string (`#[serde(serialize_with = ...)]` on a
/// `&'static str` field); a tape writes it as a name.
pub(crate) fn static_text<S: Serializer>(
    text: &&'static str,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    ANNOUNCED.with(|announced| announced.set(Some(*text)));
    let written = serializer.serialize_str(text);
    ANNOUNCED.with(|announced| announced.set(None));
    written
}

/// An optional `&'static str` field, as [`static_text`] writes the text.
pub(crate) fn optional_static_text<S: Serializer>(
    text: &Option<&'static str>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match text {
        Some(text) => serializer.serialize_some(&Static(text)),
        None => serializer.serialize_none(),
    }
}

/// A list of `&'static str`, each as [`static_text`] writes it.
pub(crate) fn static_texts<S: Serializer, L: AsRef<[&'static str]>>(
    texts: &L,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let texts = texts.as_ref();
    let mut seq = serializer.serialize_seq(Some(texts.len()))?;
    for text in texts {
        seq.serialize_element(&Static(text))?;
    }
    seq.end()
}

/// The text announced for the `serialize_str` call with `v`, if any: the
/// same text at the same address (a tape's check).
pub(super) fn announced(v: &str) -> Option<&'static str> {
    ANNOUNCED
        .with(Cell::take)
        .filter(|text| text.as_ptr() == v.as_ptr() && text.len() == v.len())
}

struct Static<'a>(&'a &'static str);

impl serde::Serialize for Static<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        static_text(self.0, serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::super::{json::to_json, write, Lengths, Names};
    use super::*;

    #[derive(serde::Serialize)]
    struct Texts {
        #[serde(serialize_with = "static_text")]
        id: &'static str,
        #[serde(serialize_with = "optional_static_text")]
        source: Option<&'static str>,
        #[serde(serialize_with = "optional_static_text")]
        absent: Option<&'static str>,
        #[serde(serialize_with = "static_texts")]
        inputs: &'static [&'static str],
        #[serde(serialize_with = "static_texts")]
        sources: Vec<&'static str>,
        owned: String,
        plain: &'static str,
    }

    fn texts() -> Texts {
        Texts {
            id: "retentionRate",
            source: Some("mixpanel-2022 \"quoted\" é"),
            absent: None,
            inputs: &["usageMetrics.retentionRate", "usageMetrics.d30"],
            sources: vec!["a", "retentionRate"],
            owned: "retentionRate".to_string(),
            plain: "plain",
        }
    }

    #[test]
    fn every_serializer_writes_strings_and_a_tape_names() {
        let value = texts();
        // serde_json, and the tape's JSON, write the same strings.
        let json = serde_json::to_string(&value).unwrap();
        assert_eq!(to_json(&value).unwrap(), json);
        assert!(
            json.contains(r#""source":"mixpanel-2022 \"quoted\" é""#),
            "{json}"
        );
        // The tape: a name for each announced text, and only the others'
        // text (the same text at another address is a string).
        let mut names = Names::default();
        let tape = write(&value, &mut names, 0, Lengths::Utf16).unwrap();
        assert_eq!(tape.text, "retentionRateplain");
        for text in [
            "retentionRate",
            "mixpanel-2022 \"quoted\" é",
            "usageMetrics.retentionRate",
            "usageMetrics.d30",
            "a",
        ] {
            assert!(names.list.contains(&text), "{text}");
        }
        // Nothing is left announced for the next string.
        assert_eq!(announced("plain"), None);
    }
}
