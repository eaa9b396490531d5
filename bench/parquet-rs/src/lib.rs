//! The Rust candidate: reads a Parquet file's user, time and event columns
//! as analyzeEvents needs them (user ids and event names as bytes, times as
//! i64), and returns a checksum so that nothing is optimised away.
use parquet::basic::Type as Physical;
use parquet::column::reader::ColumnReader;
use parquet::data_type::ByteArray;
use parquet::file::reader::{FileReader, SerializedFileReader};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub fn read_columns(bytes: Vec<u8>, names: Vec<String>) -> Result<Vec<f64>, JsError> {
    let reader = SerializedFileReader::new(bytes::Bytes::from(bytes)).map_err(|e| JsError::new(&e.to_string()))?;
    let meta = reader.metadata();
    let schema = meta.file_metadata().schema_descr();
    let mut out = Vec::new();
    for name in &names {
        let index = (0..schema.num_columns())
            .find(|&i| schema.column(i).name() == name)
            .ok_or_else(|| JsError::new(&format!("no column {name}")))?;
        let mut rows = 0f64;
        let mut sum = 0f64;
        for g in 0..reader.num_row_groups() {
            let group = reader.get_row_group(g).map_err(|e| JsError::new(&e.to_string()))?;
            let n = group.metadata().num_rows() as usize;
            let mut defs = Vec::with_capacity(n);
            match group.get_column_reader(index).map_err(|e| JsError::new(&e.to_string()))? {
                ColumnReader::Int64ColumnReader(mut r) => {
                    let mut values: Vec<i64> = Vec::with_capacity(n);
                    let (recs, _, _) = r.read_records(n, Some(&mut defs), None, &mut values).map_err(|e| JsError::new(&e.to_string()))?;
                    rows += recs as f64;
                    sum += values.iter().fold(0i64, |a, v| a.wrapping_add(*v)) as f64;
                }
                ColumnReader::Int32ColumnReader(mut r) => {
                    let mut values: Vec<i32> = Vec::with_capacity(n);
                    let (recs, _, _) = r.read_records(n, Some(&mut defs), None, &mut values).map_err(|e| JsError::new(&e.to_string()))?;
                    rows += recs as f64;
                    sum += values.iter().map(|v| *v as f64).sum::<f64>();
                }
                ColumnReader::ByteArrayColumnReader(mut r) => {
                    let mut values: Vec<ByteArray> = Vec::with_capacity(n);
                    let (recs, _, _) = r.read_records(n, Some(&mut defs), None, &mut values).map_err(|e| JsError::new(&e.to_string()))?;
                    rows += recs as f64;
                    sum += values.iter().map(|v| v.len() as f64).sum::<f64>();
                }
                _ => return Err(JsError::new(&format!("column {name}: type {:?} not read by the bench", schema.column(index).physical_type()))),
            }
        }
        let _ = Physical::INT64;
        out.push(rows);
        out.push(sum);
    }
    Ok(out)
}
