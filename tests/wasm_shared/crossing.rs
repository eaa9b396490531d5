//! The one-call crossings against the ways they replace: every result built
//! from the tape must be the value serde-wasm-bindgen builds (same keys, same
//! `undefined`s, same numbers to the bit), and every plain value read in one
//! call must be the value the careful reader reads.

use super::*;
use market_validation::wasm::crossing_checks as checks;
use market_validation::RawValue;
use serde::Serialize;
use std::collections::BTreeMap;

/// Deep equality of two JS values: same types, same own keys in the same
/// order, numbers equal by `Object.is`, arrays item by item; `Uint8Array`s
/// by their bytes. Panics naming the path of the first difference.
pub(super) fn assert_same(a: &JsValue, b: &JsValue, path: &str) {
    assert_eq!(
        a.js_typeof(),
        b.js_typeof(),
        "type at {path}: {a:?} vs {b:?}"
    );
    if a.is_object() && !a.is_null() {
        if let (Some(x), Some(y)) = (
            a.dyn_ref::<js_sys::Uint8Array>(),
            b.dyn_ref::<js_sys::Uint8Array>(),
        ) {
            assert_eq!(x.to_vec(), y.to_vec(), "bytes at {path}");
            return;
        }
        assert_eq!(
            Array::is_array(a),
            Array::is_array(b),
            "array or object at {path}"
        );
        assert!(
            Object::get_prototype_of(a) == Object::get_prototype_of(b),
            "prototype at {path}"
        );
        let (ka, kb) = (Reflect::own_keys(a).unwrap(), Reflect::own_keys(b).unwrap());
        let names = |k: &Array| {
            k.iter()
                .map(|k| k.as_string().unwrap_or_default())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&ka), names(&kb), "keys at {path}");
        for key in ka.iter() {
            let name = key.as_string().unwrap_or_default();
            assert_same(
                &Reflect::get(a, &key).unwrap(),
                &Reflect::get(b, &key).unwrap(),
                &format!("{path}.{name}"),
            );
        }
    } else {
        assert!(Object::is(a, b), "value at {path}: {a:?} vs {b:?}");
    }
}

fn both_builders<T: Serialize + ?Sized>(value: &T, what: &str) {
    let tape = checks::tape(value);
    let reference = checks::serde_wasm_bindgen(value);
    match (tape, reference) {
        (Ok(t), Ok(r)) => assert_same(&t, &r, what),
        (Err(_), Err(_)) => {}
        (t, r) => panic!(
            "{what}: one builder failed: tape {:?}, serde-wasm-bindgen {:?}",
            t.err(),
            r.err()
        ),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
enum Kind {
    Unit,
    Newtype(f64),
    Tuple(u8, String),
    Struct {
        inner: Option<i32>,
        text: &'static str,
    },
}

struct Bytes(Vec<u8>);

impl Serialize for Bytes {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Everything {
    absent: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    skipped: Option<f64>,
    present: Option<f64>,
    negative_zero: f64,
    not_a_number: f64,
    infinite: f32,
    big: i64,
    small: i64,
    unsigned: u64,
    huge: u128,
    letter: char,
    texts: Vec<String>,
    map: BTreeMap<String, Vec<Option<bool>>>,
    kinds: Vec<Kind>,
    pair: (u32, &'static str),
    unit: (),
    bytes: Bytes,
    nested: Vec<Vec<BTreeMap<&'static str, f64>>>,
}

#[wasm_bindgen_test]
fn the_tape_builds_what_serde_wasm_bindgen_builds() {
    let mut map = BTreeMap::new();
    map.insert(
        "__keys with spaces é 😀".to_string(),
        vec![Some(true), None, Some(false)],
    );
    map.insert(String::new(), vec![]);
    let value = Everything {
        absent: None,
        skipped: None,
        present: Some(0.1 + 0.2),
        negative_zero: -0.0,
        not_a_number: f64::NAN,
        infinite: f32::NEG_INFINITY,
        big: (1 << 53) - 1,
        small: -(1 << 53) + 1,
        unsigned: 1 << 52,
        huge: u128::MAX,
        letter: '😀',
        texts: vec![
            "".into(),
            "plain".into(),
            "ünïcödé ✓ 😀 \u{0}\n\"".into(),
            "x".repeat(5000),
        ],
        map,
        kinds: vec![
            Kind::Unit,
            Kind::Newtype(5e-324),
            Kind::Tuple(7, "t".into()),
            Kind::Struct {
                inner: None,
                text: "s",
            },
            Kind::Struct {
                inner: Some(-1),
                text: "",
            },
        ],
        pair: (u32::MAX, "two"),
        unit: (),
        bytes: Bytes(vec![0, 1, 255]),
        nested: vec![vec![], vec![BTreeMap::from([("a", 1.5), ("b", f64::MAX)])]],
    };
    // Twice: the second time every field name is known to the instance.
    both_builders(&value, "everything");
    both_builders(&value, "everything again");
    // Out of range: both refuse.
    both_builders(&(1i64 << 53), "2^53");
    both_builders(&u64::MAX, "u64::MAX");
    let numeric_keys: BTreeMap<u32, u32> = BTreeMap::from([(1, 2)]);
    both_builders(&numeric_keys, "a map with numeric keys");
}

#[wasm_bindgen_test]
fn the_tape_builds_every_result_kind_as_before() {
    let sample = market_validation::analyzer::sample_product();
    let raw = RawValue::from_json_str(market_validation::sample_product_json()).unwrap();
    let result = market_validation::analyze(&raw, &RawValue::Null).unwrap();
    both_builders(&result, "analyze(sample)");
    both_builders(&sample, "the sample");
    both_builders(&market_validation::analyzer::catalog::presets(), "presets");
    both_builders(
        &market_validation::analyzer::schema::product_schema(),
        "schema",
    );
    both_builders(
        &market_validation::validate(&js_raw(r#"{"usageMetrics": {"retentionRate": 45}}"#)),
        "validate",
    );
    // A random JSON tree each time, through serde_json's own Serialize.
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    for i in 0..300 {
        both_builders(&random_json(&mut seed, 0), &format!("random tree {i}"));
    }
}

/// schema() and sampleProduct() come from JSON text held in the module
/// (src/wasm/static_values.rs): the same values the tape builds from the core's.
#[wasm_bindgen_test]
fn the_values_held_as_json_are_the_values_built() {
    let schema = checks::tape(&market_validation::analyzer::schema::product_schema());
    assert_same(&wasm::schema().unwrap(), &schema.unwrap(), "schema");
    let sample = checks::tape(&market_validation::analyzer::sample_product());
    assert_same(&super::sample(), &sample.unwrap(), "sampleProduct");
}

fn js_raw(json: &str) -> RawValue {
    RawValue::from_json_str(json).unwrap()
}

fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

fn random_json(seed: &mut u64, depth: usize) -> serde_json::Value {
    use serde_json::Value;
    let pick = next(seed) % if depth > 4 { 5 } else { 7 };
    match pick {
        0 => Value::Null,
        1 => Value::Bool(next(seed).is_multiple_of(2)),
        2 => serde_json::Number::from_f64(f64::from_bits(next(seed)))
            .map(Value::Number)
            .unwrap_or(Value::Null),
        3 => Value::from((next(seed) % 2000) as i64 - 1000),
        4 => Value::String(random_text(seed)),
        5 => Value::Array(
            (0..next(seed) % 5)
                .map(|_| random_json(seed, depth + 1))
                .collect(),
        ),
        _ => Value::Object(
            (0..next(seed) % 5)
                .map(|_| (random_text(seed), random_json(seed, depth + 1)))
                .collect(),
        ),
    }
}

fn random_text(seed: &mut u64) -> String {
    const PIECES: [&str; 8] = ["a", "key", "é", "😀", " ", "\"", "__proto__x", "0"];
    (0..next(seed) % 4)
        .map(|_| PIECES[(next(seed) % 8) as usize])
        .collect()
}

/// Both readers on one value: the same reading when the one-call reader
/// takes it; the one-call reader must take plain data.
fn both_readers(json_or_js: &JsValue, plain: bool, what: &str) {
    let fast = checks::read_plain(json_or_js);
    let careful = checks::read_careful(json_or_js);
    assert_eq!(
        fast.is_some(),
        plain,
        "{what}: taken by the one-call reader"
    );
    if let Some(fast) = fast {
        let careful = careful.unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(format!("{fast:?}"), format!("{careful:?}"), "{what}");
    }
}

#[wasm_bindgen_test]
fn plain_values_read_in_one_call_as_the_careful_reader_reads_them() {
    let sample = js(market_validation::sample_product_json());
    // Twice and interleaved with other shapes: keys are sent once.
    both_readers(&sample, true, "the sample");
    both_readers(
        &js(r#"{"a": [1, "b", null, true, {"a": {}}], "é 😀": -0.0}"#),
        true,
        "unicode keys",
    );
    both_readers(&sample, true, "the sample again");
    let odd = js(r#"{"n": 1}"#);
    set(&odd, &["nan"], JsValue::from_f64(f64::NAN));
    set(&odd, &["minusZero"], JsValue::from_f64(-0.0));
    set(&odd, &["infinite"], JsValue::from_f64(f64::INFINITY));
    set(&odd, &["undefined"], JsValue::UNDEFINED);
    let holes = Array::new_with_length(3);
    holes.set(1, JsValue::from_f64(2.0));
    set(&odd, &["holes"], holes.into());
    both_readers(&odd, true, "NaN, -0, Infinity, undefined and holes");
    let null_prototype: Object = Object::create(&JsValue::NULL.unchecked_into::<Object>());
    Reflect::set(&null_prototype, &"k".into(), &"v".into()).unwrap();
    both_readers(&null_prototype, true, "an object without a prototype");

    // Not plain: read the careful way only.
    let lone = js(r#"{"a": 1}"#);
    set(&lone, &["text"], JsValue::from_str("x\u{FFFD}"));
    Reflect::set(
        &lone,
        &js_sys::JsString::from_char_code1(0xD800).into(),
        &JsValue::TRUE,
    )
    .unwrap();
    both_readers(&lone, false, "a key that is a lone surrogate");
    both_readers(
        &js(&format!(r#"{{"{}": 1}}"#, "k".repeat(201))),
        false,
        "a key over 200 characters",
    );
    let deep = (0..12).fold("1".to_string(), |inner, _| format!("[{inner}]"));
    both_readers(&js(&deep), false, "arrays nested 12 deep");
    let date = js(r#"{"d": 1}"#);
    set(&date, &["d"], js_sys::Date::new_0().into());
    both_readers(&date, false, "a Date");
    let map = js_sys::Map::new();
    map.set(&"k".into(), &JsValue::from_f64(1.0));
    both_readers(&map, false, "a Map");
    let symbol_key = js(r#"{"a": 1}"#);
    Reflect::set(&symbol_key, &js_sys::Symbol::for_("s"), &JsValue::TRUE).unwrap();
    both_readers(
        &symbol_key,
        true,
        "an object with a symbol key (skipped by both)",
    );
    // Own enumerable string keys only, as JSON.stringify reads them.
    let hidden = js(r#"{"a": 1}"#);
    let descriptor = js(r#"{"value": 2, "enumerable": false}"#);
    Reflect::define_property(
        hidden.unchecked_ref::<Object>(),
        &"b".into(),
        descriptor.unchecked_ref::<Object>(),
    )
    .unwrap();
    both_readers(&hidden, true, "an object with a non-enumerable key");
    let read = checks::read_careful(&hidden).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        format!("{read:?}"),
        format!(
            "{:?}",
            checks::read_careful(&js(r#"{"a": 1}"#)).unwrap_or_else(|e| panic!("{e}"))
        ),
        "a non-enumerable key is not read"
    );
    let wide = Array::new();
    for i in 0..1001 {
        wide.push(&JsValue::from_f64(f64::from(i)));
    }
    both_readers(&wide, false, "an array over 1,000 items");
    // After refusals, plain values still read alike (the key tables agree).
    both_readers(&sample, true, "the sample after refusals");
}
