//! Values that never change, held as JSON text and built by `JSON.parse`:
//! the schema and the sample product. Generating them in wasm took code
//! (serde_json's `Value` built field by field, the product read and
//! serialized) that gzips to ~6 KB more than their text, in the score part
//! the page loads first.
//!
//! The texts are the core's own values serialized by serde_json
//! (`tests/docs.rs` fails when they are stale; `UPDATE_DOCS=1 cargo test
//! --test docs` rewrites them), and `JSON.parse` builds from them exactly
//! what `to_js` builds from the values (checked in
//! `tests/wasm_shared/crossing.rs`).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/wasm/results.js")]
extern "C" {
    /// `JSON.parse`: the texts here are JSON (the tests parse them), so it does not throw.
    #[wasm_bindgen(js_name = parseJson)]
    fn from_json(text: &str) -> JsValue;
}

/// [`crate::analyzer::schema::product_schema`] as a JS value.
pub(crate) fn schema() -> JsValue {
    from_json(include_str!("static_values/schema.json"))
}

/// [`crate::analyzer::sample_product`] as a JS value.
pub(crate) fn sample_product() -> JsValue {
    from_json(include_str!("static_values/sample_product.json"))
}
