//! JSON exports as a table, for the row readers: JSON lines (one object per
//! line, as Mixpanel and Amplitude export events) or a JSON array of
//! objects. Nested objects are flattened with dot paths (`properties.time`);
//! so are arrays of key/value records, as GA4's BigQuery export writes its
//! `event_params` (`[{"key": "ga_session_id", "value": {"int_value": "7"}}]`
//! gives `event_params.ga_session_id` = `7`); other arrays and values
//! inside are kept as their JSON text. The table is
//! written as CSV (the readers' one format), each record remembering the
//! line of the file it came from, so every problem is still reported by the
//! file's own line.

use crate::input::problem::{InputError, Problem};
use serde_json::{Map, Value};

/// Most columns a JSON export may spread into.
pub const MAX_JSON_COLUMNS: usize = 2_000;
/// Deepest nesting flattened; deeper objects are kept as JSON text.
const MAX_FLATTEN_DEPTH: usize = 8;

/// A JSON export as CSV text.
#[derive(Debug, Clone, Default)]
pub struct JsonTable {
    /// The table as CSV: a header line of the dot paths, then a record per object.
    pub csv: Vec<u8>,
    /// Each record's offset in `csv` and the file line it came from, in order.
    pub lines: Vec<(u64, u64)>,
    /// Where each file's records start in `csv` (files read together).
    pub starts: Vec<u64>,
    /// Lines that hold no object: the file (its index), its 1-based line, the reason.
    pub skipped: Vec<(usize, u64, String)>,
}

/// Reads JSON lines or a JSON array of objects into a table; several files
/// (an archive's) into one table of every field any of them has.
pub fn to_table(files: &[&[u8]], subject: &str) -> Result<JsonTable, InputError> {
    let records: Vec<(usize, u64, &[u8])> = files
        .iter()
        .enumerate()
        .flat_map(|(file, text)| {
            records(text)
                .into_iter()
                .map(move |(line, record)| (file, line, record))
        })
        .collect();
    // First pass: the columns, in the order they first appear.
    let mut columns: Vec<String> = Vec::new();
    let mut known = std::collections::HashSet::new();
    for (_, _, record) in &records {
        if let Ok(Value::Object(object)) = serde_json::from_slice::<Value>(record) {
            let mut keys = Vec::new();
            flatten_keys(&object, "", 0, &mut keys);
            for key in keys {
                if known.insert(key.clone()) {
                    columns.push(key);
                }
            }
            if columns.len() > MAX_JSON_COLUMNS {
                return Err(InputError::new(
                    subject,
                    vec![Problem::new(
                        "input",
                        format!("JSON objects with more than {MAX_JSON_COLUMNS} different fields"),
                        format!("at most {MAX_JSON_COLUMNS} fields (nested ones counted by their dot paths)"),
                    )],
                ));
            }
        }
    }
    if columns.is_empty() {
        return Err(InputError::new(
            subject,
            vec![Problem::new(
                "input",
                "JSON without a single object",
                "JSON lines or an array of objects, one per row",
            )],
        ));
    }
    let index: std::collections::HashMap<&str, usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    // Second pass: a record per object.
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let mut table = JsonTable::default();
    let _ = writer.write_record(&columns);
    let mut row = vec![String::new(); columns.len()];
    for (file, line, record) in &records {
        let _ = writer.flush();
        let at = writer.get_ref().len() as u64;
        while table.starts.len() <= *file {
            table.starts.push(at);
        }
        match serde_json::from_slice::<Value>(record) {
            Ok(Value::Object(object)) => {
                row.iter_mut().for_each(String::clear);
                flatten_values(&object, "", 0, &mut |key, value| {
                    if let Some(&i) = index.get(key) {
                        row[i] = value;
                    }
                });
                let _ = writer.write_record(&row);
                table.lines.push((at, *line));
            }
            Ok(other) => table.skipped.push((
                *file,
                *line,
                format!("a JSON {} where an object was expected", kind(&other)),
            )),
            Err(e) => table
                .skipped
                .push((*file, *line, format!("not valid JSON: {e}"))),
        }
    }
    table.csv = writer.into_inner().unwrap_or_default();
    let end = table.csv.len() as u64;
    table.starts.resize(files.len(), end);
    Ok(table)
}

/// Each record's text with its 1-based line: the lines of JSON lines, or
/// the elements of a top-level array.
fn records(text: &[u8]) -> Vec<(u64, &[u8])> {
    let start = text
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    if text.get(start) == Some(&b'[') {
        return array_elements(text, start);
    }
    let mut out = Vec::new();
    for (i, line) in text.split(|b| *b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if !line.iter().all(u8::is_ascii_whitespace) {
            out.push((i as u64 + 1, line));
        }
    }
    out
}

/// The elements of a top-level JSON array, each with the line it starts on,
/// found by a scan that follows strings and nesting (no parse).
fn array_elements(text: &[u8], open: usize) -> Vec<(u64, &[u8])> {
    let mut out = Vec::new();
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let mut line = 1 + text[..open].iter().filter(|b| **b == b'\n').count() as u64;
    let mut element: Option<(usize, u64)> = None;
    for (i, &b) in text.iter().enumerate().skip(open + 1) {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            if b == b'\n' {
                line += 1;
            }
            continue;
        }
        match b {
            b'\n' => line += 1,
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' if depth > 0 => depth -= 1,
            b']' => {
                if let Some((s, l)) = element.take() {
                    out.push((l, &text[s..i]));
                }
                break;
            }
            b',' if depth == 0 => {
                if let Some((s, l)) = element.take() {
                    out.push((l, &text[s..i]));
                }
                continue;
            }
            _ => {}
        }
        if element.is_none() && !b.is_ascii_whitespace() {
            element = Some((i, line));
        }
    }
    out
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn path(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

/// The records of an array of `{ "key": text, "value": ... }` objects
/// (GA4's `event_params`, `user_properties`), each key with its value: the
/// value itself, or the first non-null member of a typed value object
/// (`string_value`, `int_value`, `float_value`, `double_value`).
fn key_values(array: &[Value]) -> Option<Vec<(&str, &Value)>> {
    if array.is_empty() {
        return None;
    }
    array
        .iter()
        .map(|item| {
            let object = item.as_object()?;
            let key = object.get("key")?.as_str()?;
            let value = object.get("value")?;
            let value = match value {
                Value::Object(typed) => typed
                    .values()
                    .find(|v| !v.is_null())
                    .unwrap_or(&Value::Null),
                other => other,
            };
            Some((key, value))
        })
        .collect()
}

fn flatten_keys(object: &Map<String, Value>, prefix: &str, depth: usize, out: &mut Vec<String>) {
    for (key, value) in object {
        match value {
            Value::Object(inner) if depth < MAX_FLATTEN_DEPTH && !inner.is_empty() => {
                flatten_keys(inner, &path(prefix, key), depth + 1, out)
            }
            Value::Array(items) if key_values(items).is_some() => {
                let base = path(prefix, key);
                for (k, _) in key_values(items).unwrap_or_default() {
                    out.push(path(&base, k));
                }
            }
            _ => out.push(path(prefix, key)),
        }
    }
}

fn flatten_values(
    object: &Map<String, Value>,
    prefix: &str,
    depth: usize,
    out: &mut dyn FnMut(&str, String),
) {
    for (key, value) in object {
        let key = path(prefix, key);
        match value {
            Value::Object(inner) if depth < MAX_FLATTEN_DEPTH && !inner.is_empty() => {
                flatten_values(inner, &key, depth + 1, out)
            }
            Value::Array(items) if key_values(items).is_some() => {
                for (k, v) in key_values(items).unwrap_or_default() {
                    let text = match v {
                        Value::Null => String::new(),
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    out(&path(&key, k), text);
                }
            }
            Value::Null => out(&key, String::new()),
            Value::String(s) => out(&key, s.clone()),
            Value::Bool(b) => out(&key, b.to_string()),
            Value::Number(n) => out(&key, n.to_string()),
            other => out(&key, other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_flattened_with_their_lines() {
        let text = b"{\"event\":\"signup\",\"properties\":{\"distinct_id\":\"u1\",\"time\":1767225600}}\n\n\
                     not json\n\
                     {\"event\":\"login\",\"properties\":{\"distinct_id\":\"u2\",\"time\":1767312000,\"$os\":\"Mac\"}}\n\
                     [1,2]\n";
        let t = to_table(&[text], "events").unwrap();
        let csv = String::from_utf8(t.csv.clone()).unwrap();
        assert_eq!(
            csv,
            "event,properties.distinct_id,properties.time,properties.$os\nsignup,u1,1767225600,\nlogin,u2,1767312000,Mac\n"
        );
        assert_eq!(t.lines.iter().map(|(_, l)| *l).collect::<Vec<_>>(), [1, 4]);
        assert_eq!(t.skipped.len(), 2);
        assert!(
            t.skipped[0].2.starts_with("not valid JSON"),
            "{:?}",
            t.skipped
        );
        assert_eq!(t.skipped[1].2, "a JSON array where an object was expected");
    }

    #[test]
    fn a_json_array_keeps_each_element_s_line() {
        let text = b"[\n  {\"user\": \"a\", \"note\": \"a, b]\"},\n  {\"user\": \"b\",\n   \"note\": \"x\"},\n  {\"user\": \"c\"}\n]\n";
        let t = to_table(&[text], "events").unwrap();
        assert_eq!(
            String::from_utf8(t.csv).unwrap(),
            "user,note\na,\"a, b]\"\nb,x\nc,\n"
        );
        assert_eq!(
            t.lines.iter().map(|(_, l)| *l).collect::<Vec<_>>(),
            [2, 3, 5]
        );
        assert!(to_table(&[b"[1, 2]"], "events").is_err());
    }

    #[test]
    fn ga4_key_value_records_become_columns() {
        let line = br#"{"event_name":"page_view","event_params":[{"key":"ga_session_id","value":{"string_value":null,"int_value":"1793","float_value":null}},{"key":"page_title","value":{"string_value":"Home"}}],"items":[1,2]}"#;
        let t = to_table(&[line], "events").unwrap();
        assert_eq!(
            String::from_utf8(t.csv).unwrap(),
            "event_name,event_params.ga_session_id,event_params.page_title,items\npage_view,1793,Home,\"[1,2]\"\n"
        );
    }

    #[test]
    fn several_files_make_one_table_of_every_field() {
        let a = b"{\"user\":\"a\",\"t\":1}\n{\"user\":\"b\",\"t\":2}\n";
        let b = b"\n{\"user\":\"c\",\"t\":3,\"os\":\"Mac\"}\nnope\n";
        let t = to_table(&[a, b], "events").unwrap();
        assert_eq!(
            String::from_utf8(t.csv.clone()).unwrap(),
            "user,t,os\na,1,\nb,2,\nc,3,Mac\n"
        );
        assert_eq!(
            t.lines.iter().map(|(_, l)| *l).collect::<Vec<_>>(),
            [1, 2, 2]
        );
        assert_eq!(t.starts, [10, 20]);
        assert_eq!((t.skipped[0].0, t.skipped[0].1), (1, 3));
    }
}
