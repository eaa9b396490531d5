//! A JSON Schema (draft 2020-12) of the product data model, generated from
//! the same field table that validation uses, so the two cannot drift.
//! Form builders read it; `x-unit` carries each field's unit.

use crate::analyzer::fields::{FieldSpec, FieldType};
use crate::analyzer::metric_id::MetricId;
use crate::analyzer::model::ProductData;
use crate::input::raw::{MAX_ENTRIES, MAX_STRING_CHARS};
use crate::input::units::NumberKind;
use serde_json::{json, Map, Value};

/// The JSON Schema of [`ProductData`].
///
/// ```
/// let schema = market_validation::analyzer::schema::product_schema();
/// assert_eq!(schema["properties"]["usageMetrics"]["properties"]["retentionRate"]["maximum"], 1.0);
/// ```
pub fn product_schema() -> Value {
    let mut root = group_schema(
        ProductData::FIELDS,
        "The product data model analysed by market-validation.",
    );
    if let Value::Object(map) = &mut root {
        map.insert(
            "$schema".into(),
            json!("https://json-schema.org/draft/2020-12/schema"),
        );
        map.insert(
            "$id".into(),
            json!("https://market-validation.invalid/schema/product-data.json"),
        );
        map.insert("title".into(), json!("ProductData"));
        map.insert("minProperties".into(), json!(1));
    }
    root
}

fn number_schema(kind: NumberKind, doc: &str) -> Value {
    let (min, max) = kind.range();
    json!({
        "type": if kind.integer() { "integer" } else { "number" },
        "minimum": min,
        "maximum": max,
        "description": doc.trim(),
        "x-unit": kind.unit(),
    })
}

fn field_schema(spec: &FieldSpec) -> Value {
    let doc = spec.doc.split_whitespace().collect::<Vec<_>>().join(" ");
    match spec.ty {
        FieldType::Number(kind) => number_schema(kind, &doc),
        FieldType::NumberMap(kind) => json!({
            "type": "object",
            "description": doc,
            "maxProperties": MAX_ENTRIES,
            "propertyNames": { "minLength": 1, "maxLength": crate::input::raw::MAX_KEY_CHARS, "pattern": "\\S" },
            "additionalProperties": number_schema(kind, ""),
            "x-unit": kind.unit(),
        }),
        FieldType::MetricMap => {
            let mut props = Map::new();
            for m in MetricId::ALL {
                if let Some(kind) = m.comparable_kind() {
                    props.insert(m.as_str().into(), number_schema(kind, m.label()));
                }
            }
            json!({ "type": "object", "description": doc, "properties": props })
        }
        FieldType::TextList => json!({
            "type": "array",
            "description": doc,
            "maxItems": MAX_ENTRIES,
            "items": { "type": "string", "maxLength": MAX_STRING_CHARS },
        }),
        FieldType::Group(fields) => group_schema(fields, &doc),
    }
}

fn group_schema(fields: &[FieldSpec], doc: &str) -> Value {
    let mut props = Map::new();
    for f in fields {
        props.insert(f.key.to_string(), field_schema(f));
    }
    json!({ "type": "object", "description": doc.trim(), "properties": props })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_covers_every_field_with_its_range() {
        let s = product_schema();
        for (path, spec) in crate::analyzer::model::all_fields() {
            let mut node = &s;
            for part in path.split('.') {
                node = &node["properties"][part];
            }
            assert!(node.is_object(), "{path} missing from schema");
            if let FieldType::Number(kind) = spec.ty {
                assert_eq!(node["minimum"], json!(kind.range().0), "{path}");
            }
        }
    }
}
