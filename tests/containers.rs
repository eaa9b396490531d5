//! Exports in archives and workbooks (tests/fixtures/exports/, built by
//! make_fixtures.py, which computes the expected figures independently of
//! the library): Microsoft Forms' .xlsx, Qualtrics' zip of its CSV,
//! Amplitude's zip of hourly gzipped JSON lines; and the limits that keep a
//! hostile archive from exhausting memory or trapping the module.
#![cfg(all(
    feature = "archives",
    feature = "survey",
    feature = "events",
    not(target_arch = "wasm32")
))]

use market_validation::events::{analyze_events_csv, EventsConfig};
use market_validation::import::{Container, ExportSource};
use market_validation::read_export::{read_export, ExportOptions};
use market_validation::survey::{analyze_survey_csv, SurveyConfig};
use market_validation::RawValue;
use proptest::prelude::*;
use serde_json::Value;
use std::io::{Cursor, Write};

#[path = "support/fixtures.rs"]
mod fixtures;

fn fixture(name: &str) -> Vec<u8> {
    fixtures::fixture("exports", name)
}

fn expected(which: &str) -> Value {
    fixtures::expected("exports", which)
}

use fixtures::close;

fn survey_config(json: &str) -> SurveyConfig {
    SurveyConfig::from_raw(&RawValue::from_json_str(json).unwrap()).unwrap()
}

/// A zip of the given files (deflated), as a zip tool writes one.
fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        w.start_file(*name, options).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

#[test]
fn microsoft_forms_workbook() {
    let e = expected("ms-forms-xlsx");
    let bytes = fixture("ms-forms.xlsx");
    let r = analyze_survey_csv(&bytes, &survey_config(r#"{"waves": "month"}"#)).unwrap();
    let file = r.file.as_ref().unwrap();
    assert_eq!(
        (file.source, file.container, file.sheet.as_deref()),
        (ExportSource::MsForms, Container::Xlsx, Some("Sheet1"))
    );
    assert_eq!(r.responses, e["responses"].as_u64().unwrap());
    let nps = r.nps.as_ref().unwrap();
    assert_eq!(
        (nps.n, nps.promoters, nps.passives, nps.detractors),
        (
            e["npsResponses"].as_u64().unwrap(),
            e["promoters"].as_u64().unwrap(),
            e["passives"].as_u64().unwrap(),
            e["detractors"].as_u64().unwrap()
        )
    );
    close(nps.score, &e["npsScore"], "NPS");
    close(
        r.pmf.as_ref().unwrap().very_disappointed_share,
        &e["veryDisappointedShare"],
        "Sean Ellis",
    );
    // Date cells read as dates: the waves are the completion months.
    let waves = r.waves.as_ref().unwrap();
    assert_eq!(waves.column, "Completion time");
    let got: Vec<(String, u64)> = waves
        .waves
        .iter()
        .map(|w| (w.wave.clone(), w.responses))
        .collect();
    let want: Vec<(String, u64)> = e["months"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(m, n)| (m.clone(), n.as_u64().unwrap()))
        .collect();
    assert_eq!(got, want);
    // The second sheet is said to be left unread.
    assert!(
        r.warnings
            .iter()
            .any(|w| w.code == "other_sheets" && w.message.contains("Notes")),
        "{:?}",
        r.warnings
    );
    let info = read_export(&bytes, &ExportOptions::default()).unwrap();
    assert_eq!(
        (info.source, info.container, info.sheet.as_deref()),
        (ExportSource::MsForms, Container::Xlsx, Some("Sheet1"))
    );
    assert_eq!(
        info.columns[6].role.as_deref(),
        Some("nps"),
        "{:?}",
        info.columns
    );
}

#[test]
fn a_qualtrics_zip_reads_as_its_csv() {
    let zipped = analyze_survey_csv(
        &fixture("qualtrics-choice-text.zip"),
        &SurveyConfig::default(),
    )
    .unwrap();
    let plain = analyze_survey_csv(
        &fixture("qualtrics-choice-text.csv"),
        &SurveyConfig::default(),
    )
    .unwrap();
    assert_eq!(zipped.nps, plain.nps);
    assert_eq!(zipped.pmf, plain.pmf);
    assert_eq!(zipped.responses, plain.responses);
    let file = zipped.file.as_ref().unwrap();
    // macOS' resource fork is not an export file.
    assert_eq!(
        file.files,
        ["Acme PMF survey_November 30, 2026_12.00.csv"],
        "{file:?}"
    );
    let info = read_export(
        &fixture("qualtrics-choice-text.zip"),
        &ExportOptions::default(),
    )
    .unwrap();
    assert_eq!(
        (info.source, info.archive.as_deref(), info.header_rows),
        (ExportSource::Qualtrics, Some("zip"), 3)
    );
}

#[test]
fn an_amplitude_zip_of_gzipped_json_lines() {
    let e = expected("amplitude");
    let bytes = fixture("amplitude-events.zip");
    let info = read_export(&bytes, &ExportOptions::default()).unwrap();
    assert_eq!(
        (
            info.container,
            info.compression.as_deref(),
            info.archive.as_deref()
        ),
        (Container::JsonLines, Some("gzip"), Some("zip"))
    );
    assert_eq!(info.files.len(), 6);
    assert_eq!(info.source, ExportSource::Amplitude, "{info:?}");
    let config = EventsConfig::from_raw(
        &RawValue::from_json_str(r#"{"columns": {"user": "user_id", "time": "event_time"}}"#)
            .unwrap(),
    )
    .unwrap();
    let r = analyze_events_csv(&bytes, &config).unwrap();
    assert_eq!(r.analysis.events, e["events"].as_u64().unwrap());
    assert_eq!(r.analysis.users, e["users"].as_u64().unwrap());
    // The line cut short is reported in its own file, at its own line.
    assert_eq!(r.read.skipped.count, 1, "{:?}", r.read.skipped);
    let issue = &r.read.skipped.first[0];
    assert_eq!(
        (issue.file.as_deref(), issue.line),
        (e["cutLine"]["file"].as_str(), e["cutLine"]["line"].as_u64())
    );
}

#[test]
fn csv_files_of_one_export_join_and_keep_their_lines() {
    let a = b"user_id,timestamp\nu1,2026-11-02\nu2,2026-11-02\n";
    let b = b"user_id,timestamp\nu3,2026-11-03\nnobody,not a time\n";
    let bytes = zip_of(&[("part-2.csv", b), ("part-1.csv", a)]);
    let r = analyze_events_csv(&bytes, &EventsConfig::default()).unwrap();
    assert_eq!((r.analysis.events, r.analysis.users), (3, 3));
    let issue = &r.read.skipped.first[0];
    assert_eq!(
        (issue.file.as_deref(), issue.line),
        (Some("part-2.csv"), Some(3))
    );

    // Bare carriage returns (Excel's "CSV (Macintosh)") end lines too.
    let cr = zip_of(&[
        ("a.csv", b"user_id,timestamp\ru1,2026-11-02\r"),
        ("b.csv", b"user_id,timestamp\ru3,2026-11-03\r"),
    ]);
    let r = analyze_events_csv(&cr, &EventsConfig::default()).unwrap();
    assert_eq!((r.analysis.events, r.analysis.users), (2, 2));

    // readExport reads a head: a file it ends inside (mid-header) is not
    // taken for a file with another header.
    let mut big = b"user_id,timestamp\n".to_vec();
    // Varied rows: an export compresses far less than 100 times.
    let mut i = 0u64;
    while big.len() < market_validation::import::HEAD_BYTES - 10 {
        i += 1;
        big.extend_from_slice(
            format!(
                "u{},2026-11-{:02}T{:02}:{:02}:00Z\n",
                i.wrapping_mul(2654435761) % 1_000_003,
                1 + i % 28,
                i % 24,
                i % 60
            )
            .as_bytes(),
        );
    }
    let info = read_export(
        &zip_of(&[("a.csv", &big), ("b.csv", a)]),
        &ExportOptions::default(),
    )
    .unwrap();
    assert_eq!(info.files, ["a.csv"]);

    // Files of different exports are not joined.
    let c = b"distinct_id,time\nu4,2026-11-03\n";
    let err = analyze_events_csv(
        &zip_of(&[("a.csv", a), ("b.csv", c)]),
        &EventsConfig::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("different headers") && err.contains("b.csv"),
        "{err}"
    );
    let err = analyze_events_csv(
        &zip_of(&[("a.csv", a), ("b.json", b"{\"user\":\"u\"}\n")]),
        &EventsConfig::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("JSON and delimited"), "{err}");
}

#[test]
fn hostile_archives_are_clear_errors() {
    let survey = |bytes: &[u8]| {
        analyze_survey_csv(bytes, &SurveyConfig::default())
            .unwrap_err()
            .to_string()
    };
    // A zip bomb: far more than 100 times its size once decompressed.
    let bomb = zip_of(&[("big.csv", &vec![b'9'; 5_000_000])]);
    assert!(bomb.len() * 100 < 5_000_000);
    let err = survey(&bomb);
    assert!(err.contains("at most 100 times"), "{err}");
    // A zip inside a zip: more containers than an export has.
    let inner = zip_of(&[("a.csv", b"nps\n9\n")]);
    let err = survey(&zip_of(&[("inner.zip", &inner)]));
    assert!(err.contains("zip archive inside a zip archive"), "{err}");
    // A gzip file inside a gzip file inside a zip.
    let err = survey(&zip_of(&[("a.csv.gz", &gzip(&gzip(b"nps\n9\n")))]));
    assert!(
        err.contains("gzip file inside a gzip file") && err.contains("a.csv.gz"),
        "{err}"
    );
    // Cut short, empty, or folders only.
    let whole = fixture("ms-forms.xlsx");
    let err = survey(&whole[..whole.len() / 2]);
    assert!(err.contains("cannot be read"), "{err}");
    let err = survey(&zip_of(&[]));
    assert!(err.contains("without a file"), "{err}");
    let err = survey(&zip_of(&[("__MACOSX/._a.csv", b"x"), (".DS_Store", b"x")]));
    assert!(err.contains("without a file"), "{err}");
}

/// A workbook of one sheet, its cells as `(reference, inline text or number)`,
/// written from the ECMA-376 parts (no styles, no shared strings).
fn workbook(cells: &[(&str, &str)]) -> Vec<u8> {
    let rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let mut rows: Vec<(u32, String)> = Vec::new();
    for (at, value) in cells {
        let row: u32 = at
            .trim_start_matches(|c: char| c.is_ascii_alphabetic())
            .parse()
            .unwrap();
        let cell = if value.parse::<f64>().is_ok() {
            format!(r#"<c r="{at}"><v>{value}</v></c>"#)
        } else {
            format!(r#"<c r="{at}" t="inlineStr"><is><t>{value}</t></is></c>"#)
        };
        match rows.iter_mut().find(|(r, _)| *r == row) {
            Some((_, xml)) => xml.push_str(&cell),
            None => rows.push((row, cell)),
        }
    }
    let data: String = rows
        .iter()
        .map(|(r, xml)| format!(r#"<row r="{r}">{xml}</row>"#))
        .collect();
    zip_of(&[
        ("[Content_Types].xml", r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.as_bytes()),
        ("_rels/.rels", format!(r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rels}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#).as_bytes()),
        ("xl/workbook.xml", format!(r#"<?xml version="1.0"?><workbook xmlns="{main}" xmlns:r="{rels}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#).as_bytes()),
        ("xl/_rels/workbook.xml.rels", format!(r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rels}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#).as_bytes()),
        ("xl/worksheets/sheet1.xml", format!(r#"<?xml version="1.0"?><worksheet xmlns="{main}"><sheetData>{data}</sheetData></worksheet>"#).as_bytes()),
    ])
}

#[test]
fn far_cells_make_no_huge_grid() {
    // A cell in the last row: read by its row, no grid of a million rows.
    let r = analyze_survey_csv(
        &workbook(&[
            ("A1", "How likely are you to recommend Acme?"),
            ("A2", "9"),
            ("A1048576", "3"),
        ]),
        &SurveyConfig::default(),
    )
    .unwrap();
    assert_eq!(r.nps.as_ref().unwrap().n, 2);
    // And one in the last column (2^34 cells of a grid): a clear error, no trap.
    let err = analyze_survey_csv(
        &workbook(&[
            ("A1", "How likely are you to recommend Acme?"),
            ("A2", "9"),
            ("XFD1048576", "1"),
        ]),
        &SurveyConfig::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("column 16384") && err.contains("at most 2000 columns"),
        "{err}"
    );
}

/// Bytes of a valid workbook or archive with a few bytes changed or cut.
fn mangled(base: &'static [u8]) -> impl Strategy<Value = Vec<u8>> {
    (
        proptest::collection::vec((0..base.len(), any::<u8>()), 1..12),
        0..=base.len(),
    )
        .prop_map(move |(edits, len)| {
            let mut bytes = base.to_vec();
            for (at, b) in edits {
                bytes[at] = b;
            }
            bytes.truncate(len.max(4));
            bytes
        })
}

fn leaked(name: &str) -> &'static [u8] {
    Box::leak(fixture(name).into_boxed_slice())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    // Damaged workbooks and archives give a result or an error, never a
    // panic (which would trap the wasm module).
    #[test]
    fn damaged_workbooks_never_panic(bytes in mangled(leaked("ms-forms.xlsx"))) {
        let _ = analyze_survey_csv(&bytes, &SurveyConfig::default());
        let _ = read_export(&bytes, &ExportOptions::default());
    }

    #[test]
    fn damaged_archives_never_panic(bytes in mangled(leaked("amplitude-events.zip"))) {
        let _ = analyze_events_csv(&bytes, &EventsConfig::default());
        let _ = read_export(&bytes, &ExportOptions::default());
    }
}
