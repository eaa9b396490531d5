//! Arbitrary loose input values for the no-panic property tests: JSON-like
//! trees whose keys mix a domain's field names with random ones, with wrong
//! types, special numbers and the readers' size-limit markers everywhere.

use market_validation::RawValue;
use proptest::prelude::*;

/// Trees up to 4 levels deep; `keys` are the field names to use often,
/// `numbers` and `texts` the leaf values worth trying beside random ones.
pub fn arbitrary_raw(
    keys: &'static [&'static str],
    numbers: &'static [f64],
    texts: &'static [&'static str],
) -> impl Strategy<Value = RawValue> {
    let leaf = prop_oneof![
        Just(RawValue::Null),
        Just(RawValue::Undefined),
        any::<bool>().prop_map(RawValue::Bool),
        any::<f64>().prop_map(RawValue::Number),
        prop::sample::select(numbers).prop_map(RawValue::Number),
        prop::sample::select(texts).prop_map(|t| RawValue::String(t.to_string())),
        "[a-zA-Z0-9 -]{0,12}".prop_map(RawValue::String),
        Just(RawValue::Unsupported("a function".into())),
        Just(RawValue::TooDeep),
        Just(RawValue::TooLarge {
            kind: "object",
            len: 5_000
        }),
    ];
    let key = prop_oneof![
        prop::sample::select(keys).prop_map(str::to_string),
        "[a-zA-Z]{1,8}",
    ];
    leaf.prop_recursive(4, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(RawValue::Array),
            prop::collection::vec((key.clone(), inner), 0..8).prop_map(RawValue::Object),
        ]
    })
}
