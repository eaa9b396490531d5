//! readExport: what a dropped file is (its tool, encoding, header rows,
//! kind and columns), before it is analysed.

use super::error::JsInputError;
use super::js_reader::{read_options, wrong_value};
use super::typed;
use super::typed_arrays::file_bytes;
use crate::read_export::{self, ExportInfo, ExportOptions};
use tsify::Ts;
use wasm_bindgen::prelude::*;

/// Reads what an export is, before any analysis: the tool that wrote it (`qualtrics`,
/// `surveymonkey`, `posthog`... or `unknown`), its encoding, delimiter and header rows, whether
/// it holds survey answers or usage events, and which column each analysis would read and how
/// it was chosen. Takes the file as `analyzeSurvey` and `analyzeEventsCsv` do (text or bytes).
/// Throws only when the file cannot be read at all, or when `options.kind` names an analysis
/// whose columns the file lacks.
#[wasm_bindgen(js_name = readExport)]
pub fn read_export(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer")] input: JsValue,
    options: Option<Ts<ExportOptions>>,
) -> Result<Ts<ExportInfo>, JsValue> {
    let info = (|| -> Result<ExportInfo, JsInputError> {
        let raw = read_options(options, "export options")?;
        let options = ExportOptions::from_raw(&raw)?;
        let Some(bytes) = file_bytes(&input, "export")? else {
            return Err(wrong_value(
                "export",
                "input",
                &input,
                "the file's text or bytes (a Uint8Array, or the ArrayBuffer of File.arrayBuffer())",
            ));
        };
        Ok(read_export::read_export(&bytes, &options)?)
    })()?;
    typed(&info)
}
