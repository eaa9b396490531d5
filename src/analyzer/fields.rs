//! The fields of the product data model: how each is declared
//! ([`FieldSpec`], the `input_group!` macro) and read from a loose
//! [`RawValue`] into typed data, every problem and warning collected by a
//! [`Reader`] on the way (types, ranges, unknown names with "did you mean").

use crate::analyzer::metric_id;
use crate::input::problem::{join_path, FieldPath, Problem};
use crate::input::raw::{RawValue, MAX_ENTRIES, MAX_KEY_CHARS, MAX_STRING_CHARS};
use crate::input::read;
use crate::input::suggest::did_you_mean;
use crate::input::units::NumberKind;
use crate::input::warning::Warning;
use std::collections::BTreeMap;

/// How a field's value is read.
#[derive(Debug, Clone, Copy)]
pub enum FieldType {
    /// One number of the given kind.
    Number(NumberKind),
    /// A map from a name (a feature, a segment) to a number of the given kind.
    NumberMap(NumberKind),
    /// A map from a metric name to a competitor's value of that metric.
    MetricMap,
    /// A list of free-text labels.
    TextList,
    /// A nested group of fields.
    Group(&'static [FieldSpec]),
}

/// One field of a group: its JSON name, type and documentation.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    /// The camelCase name on the wire.
    pub key: &'static str,
    /// How it is read and checked.
    pub ty: FieldType,
    /// Its documentation (unit and range included).
    pub doc: &'static str,
}

/// Collects problems (which make the input invalid) and warnings (which do
/// not) while reading.
#[derive(Debug, Default)]
pub struct Reader {
    /// Problems found so far.
    pub problems: Vec<Problem>,
    /// Warnings found so far.
    pub warnings: Vec<Warning>,
}

impl Reader {
    /// Checks that `raw` is an object (or absent) and warns about keys that
    /// are not among `fields`. Returns false when there is nothing to read.
    pub(crate) fn open_group(
        &mut self,
        raw: &RawValue,
        path: &FieldPath,
        fields: &[FieldSpec],
    ) -> bool {
        match raw {
            RawValue::Undefined | RawValue::Null => false,
            RawValue::Object(entries) => {
                for (key, _) in entries {
                    if !fields.iter().any(|f| read::same_text(f.key, key)) {
                        self.unknown_key(path, key, fields.iter().map(|f| f.key));
                    }
                }
                true
            }
            other => {
                let names: Vec<&str> = fields.iter().take(3).map(|f| f.key).collect();
                self.problems.push(Problem::new(
                    display_path(path),
                    other.describe(),
                    format!("an object with fields such as {}", names.join(", ")),
                ));
                false
            }
        }
    }

    pub(crate) fn unknown_key<'a>(
        &mut self,
        path: &FieldPath,
        key: &str,
        known: impl Iterator<Item = &'a str>,
    ) {
        let field = join_path(&path.text(), key);
        let message = match did_you_mean(key, known) {
            Some(name) => format!("unknown field {field} was ignored; did you mean {name}?"),
            None => format!("unknown field {field} was ignored"),
        };
        self.warnings
            .push(Warning::new("unknown_field", field, message));
    }

    /// A value of the wrong type ("numbers must be given as numbers" for a
    /// number written as text).
    pub(crate) fn type_problem(&mut self, raw: &RawValue, path: &FieldPath, expected: String) {
        let hint = read::string_number_hint(raw);
        self.problems
            .push(Problem::new(path.text(), raw.describe(), expected).with_hint(hint));
    }

    /// A number of the given kind; `None` when absent or invalid.
    pub(crate) fn number(
        &mut self,
        raw: &RawValue,
        path: &FieldPath,
        kind: NumberKind,
    ) -> Option<f64> {
        read::number_of_kind(raw, path, kind, &mut self.problems)
    }

    pub(crate) fn too_large(&mut self, raw: &RawValue, path: &FieldPath) -> bool {
        if let RawValue::TooLarge { kind, .. } = raw {
            let limit = match *kind {
                "string" => format!("at most {} characters", MAX_STRING_CHARS),
                "array" => format!("at most {} items", MAX_ENTRIES),
                _ => format!("at most {} entries", MAX_ENTRIES),
            };
            self.problems
                .push(Problem::new(path.text(), raw.describe(), limit));
            true
        } else {
            false
        }
    }
}

fn display_path(path: &FieldPath) -> String {
    match path.text() {
        text if text.is_empty() => "input".to_string(),
        text => text,
    }
}

/// Reads one field's value from a [`RawValue`], reporting problems to the
/// [`Reader`]. `None` means absent or invalid; an absent value (`undefined`
/// or `null`) must read as `None` with no problem, as groups skip it.
pub trait ReadField: Sized {
    /// Reads the value at `path`.
    fn read(raw: &RawValue, path: &FieldPath, ty: FieldType, reader: &mut Reader) -> Option<Self>;
}

impl ReadField for f64 {
    fn read(raw: &RawValue, path: &FieldPath, ty: FieldType, reader: &mut Reader) -> Option<Self> {
        match ty {
            FieldType::Number(kind) => reader.number(raw, path, kind),
            _ => None,
        }
    }
}

impl ReadField for BTreeMap<String, f64> {
    fn read(raw: &RawValue, path: &FieldPath, ty: FieldType, reader: &mut Reader) -> Option<Self> {
        let entries = match raw {
            RawValue::Undefined | RawValue::Null => return None,
            RawValue::Object(entries) => entries,
            other => {
                if !reader.too_large(other, path) {
                    reader.type_problem(other, path, "an object mapping names to numbers".into());
                }
                return None;
            }
        };
        let mut map = BTreeMap::new();
        for (key, value) in entries {
            let item_path = path.key(key);
            if key.trim().is_empty() {
                reader.problems.push(Problem::new(
                    item_path.text(),
                    "an empty name",
                    "a non-empty name",
                ));
                continue;
            }
            if key.chars().count() > MAX_KEY_CHARS {
                reader.problems.push(Problem::new(
                    item_path.text(),
                    "a name longer than 200 characters",
                    format!("a name of at most {} characters", MAX_KEY_CHARS),
                ));
                continue;
            }
            let kind = match ty {
                FieldType::NumberMap(kind) => kind,
                FieldType::MetricMap => match metric_id::comparable_kind(key) {
                    Some(kind) => kind,
                    None => {
                        reader.unknown_key(path, key, metric_id::comparable_ids());
                        continue;
                    }
                },
                _ => return None,
            };
            if let Some(v) = reader.number(value, &item_path, kind) {
                map.insert(key.clone(), v);
            } else if value.is_absent() {
                reader.type_problem(value, &item_path, kind.expected());
            }
        }
        Some(map)
    }
}

impl ReadField for Vec<String> {
    fn read(raw: &RawValue, path: &FieldPath, _ty: FieldType, reader: &mut Reader) -> Option<Self> {
        let items = match raw {
            RawValue::Undefined | RawValue::Null => return None,
            RawValue::Array(items) => items,
            other => {
                if !reader.too_large(other, path) {
                    reader.type_problem(other, path, "an array of text labels".into());
                }
                return None;
            }
        };
        let mut labels = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let item_path = path.index(i);
            match item {
                RawValue::String(s) => labels.push(s.clone()),
                other => {
                    if !reader.too_large(other, &item_path) {
                        reader.type_problem(other, &item_path, "a text label".into());
                    }
                }
            }
        }
        Some(labels)
    }
}

/// Declares one group of the data model; see the module documentation.
macro_rules! input_group {
    (
        $(#[doc = $sdoc:literal])*
        pub struct $name:ident {
            $(
                $(#[doc = $doc:literal])*
                $field:ident : $ty:ty = $key:literal as $fty:expr,
            )*
        }
    ) => {
        $(#[doc = $sdoc])*
        #[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
        #[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(hashmap_as_object))]
        pub struct $name {
            $(
                $(#[doc = $doc])*
                #[serde(rename = $key, skip_serializing_if = "Option::is_none")]
                pub $field: Option<$ty>,
            )*
        }

        impl $name {
            /// The fields of this group: names, ranges and docs.
            pub const FIELDS: &'static [$crate::analyzer::fields::FieldSpec] = &[
                $( $crate::analyzer::fields::FieldSpec { key: $key, ty: $fty, doc: concat!($($doc, "\n"),*) }, )*
            ];
        }

        impl $crate::analyzer::fields::ReadField for $name {
            fn read(
                raw: &$crate::input::raw::RawValue,
                path: &FieldPath,
                _ty: $crate::analyzer::fields::FieldType,
                reader: &mut $crate::analyzer::fields::Reader,
            ) -> Option<Self> {
                if !reader.open_group(raw, path, Self::FIELDS) {
                    return None;
                }
                // An absent field reads as None with no problem (every
                // ReadField agrees), so its path is not built.
                Some($name {
                    $( $field: match raw.get($key) {
                        value if value.is_absent() => None,
                        value => $crate::analyzer::fields::ReadField::read(
                            value,
                            &path.key($key),
                            $fty,
                            reader,
                        ),
                    }, )*
                })
            }
        }
    };
}

pub(crate) use input_group;
