//! Survey answers from a CSV export: delimiter and column detection, then
//! one streaming pass over the rows with the `csv` crate (quoted fields with
//! commas and newlines, CRLF, a UTF-8 BOM). Every row that is not used is
//! reported with its line number.

use super::answers::{self, Cell};
use super::options::{SurveyColumns, SurveyConfig, MAX_FEATURE_COLUMNS};
use super::tally::{Layout, RowCells, RowId, Tally};
use super::{DetectedColumn, DetectedColumns};
use crate::csv_rows::{
    closest_header, detect_delimiter, line_numbers, normalize_header, record_start,
};
use crate::problem::{InputError, Problem};

/// Data rows sampled to detect a column from its values.
const SNIFF_ROWS: usize = 200;

/// Column positions in the file.
#[derive(Debug, Clone, Default)]
struct Positions {
    nps: Option<usize>,
    pmf: Option<usize>,
    csat: Option<usize>,
    segment: Option<usize>,
    features: Vec<usize>,
}

/// Reads a CSV export into a tally. Errors are about the file as a whole:
/// empty, no header, a named column missing, no question found.
pub fn read_csv(
    bytes: &[u8],
    config: &SurveyConfig,
) -> Result<(Tally, DetectedColumns), InputError> {
    let fail = |path: &str, value: String, expected: &str| {
        InputError::new("survey", vec![Problem::new(path, value, expected)])
    };
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if body.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(fail(
            "input",
            "an empty file".into(),
            "a CSV export with a header line and at least one answer",
        ));
    }
    let delimiter = config.delimiter.unwrap_or_else(|| detect_delimiter(body));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let header_ok = reader.read_byte_record(&mut record).unwrap_or(false);
    if !header_ok {
        return Err(fail(
            "input",
            "a file without a header line".into(),
            "a CSV export whose first line names the columns",
        ));
    }
    let headers: Vec<String> = record
        .iter()
        .map(|h| String::from_utf8_lossy(h).trim().to_string())
        .collect();

    // Read ahead a sample for value-based detection, then stream the rest.
    let mut sample: Vec<csv::ByteRecord> = Vec::new();
    while sample.len() < SNIFF_ROWS {
        let mut r = csv::ByteRecord::new();
        match reader.read_byte_record(&mut r) {
            Ok(true) => sample.push(r),
            _ => break,
        }
    }
    let (positions, detected) = resolve_columns(&headers, &config.columns, &sample)?;
    let name = |i: Option<usize>| i.and_then(|i| headers.get(i).cloned());
    let layout = Layout {
        nps: name(positions.nps),
        pmf: name(positions.pmf),
        csat: name(positions.csat),
        segment: name(positions.segment),
        features: positions
            .features
            .iter()
            .filter_map(|i| headers.get(*i).cloned())
            .collect(),
    };
    let mut tally = Tally::new(layout);
    let process = |rec: &csv::ByteRecord, tally: &mut Tally| {
        let start = rec.position().map_or(0, |p| p.byte() as usize);
        let (blank_lines, row_start) = record_start(bytes, start);
        for blank in blank_lines {
            tally.skip_row(RowId::Offset(blank as u64), "blank row");
        }
        // Line numbers are worked out at the end, for the issues listed only.
        let line = RowId::Offset(row_start as u64);
        if rec.iter().all(|f| f.trim_ascii().is_empty()) {
            tally.skip_row(line, "blank row");
            return;
        }
        if rec.len() != headers.len() {
            let reason = format!(
                "ragged row: {} fields where the header has {}",
                rec.len(),
                headers.len()
            );
            tally.skip_row(line, &reason);
            return;
        }
        let cell = |i: Option<usize>| i.and_then(|i| rec.get(i)).map_or(Cell::Blank, Cell::Text);
        let used = [
            positions.nps,
            positions.pmf,
            positions.csat,
            positions.segment,
        ];
        let invalid_utf8 = used
            .iter()
            .flatten()
            .chain(&positions.features)
            .any(|i| rec.get(*i).is_some_and(|f| std::str::from_utf8(f).is_err()));
        if invalid_utf8 {
            tally.skip_row(line, "invalid UTF-8 in an answer");
            return;
        }
        let feature = |i: usize| {
            positions
                .features
                .get(i)
                .and_then(|c| rec.get(*c))
                .map_or(Cell::Blank, Cell::Text)
        };
        let cells = RowCells {
            nps: cell(positions.nps),
            pmf: cell(positions.pmf),
            csat: cell(positions.csat),
            segment: cell(positions.segment),
            feature: &feature,
        };
        tally.push_row(line, cells);
    };
    for rec in &sample {
        process(rec, &mut tally);
    }
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => process(&record, &mut tally),
            Ok(false) => break,
            Err(e) => {
                // The csv crate stops at what it cannot read; report it and
                // keep what was read.
                let at = e.position().map_or(reader.position().byte(), |p| p.byte());
                tally.skip_row(
                    RowId::Offset(at),
                    &format!("the file could not be read past here: {e}"),
                );
                break;
            }
        }
    }
    // Blank lines after the last record (its own line end is part of it).
    let end = reader.position().byte() as usize;
    for blank in record_start(bytes, end).0 {
        tally.skip_row(RowId::Offset(blank as u64), "blank row");
    }
    tally.resolve_rows(|offsets| line_numbers(bytes, offsets));
    Ok((tally, detected))
}

/// Finds each question's column: named in the options, else by its header's
/// words, else (NPS and Sean Ellis) by its values in the sample.
fn resolve_columns(
    headers: &[String],
    named: &SurveyColumns,
    sample: &[csv::ByteRecord],
) -> Result<(Positions, DetectedColumns), InputError> {
    let normalized: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
    let mut problems = Vec::new();
    let mut taken: Vec<usize> = Vec::new();
    let mut detected = DetectedColumns::default();
    let mut find_named =
        |key: &str, name: &Option<String>, taken: &mut Vec<usize>| -> Option<usize> {
            let wanted = normalize_header(name.as_deref()?);
            match normalized.iter().position(|h| *h == wanted) {
                Some(i) => {
                    taken.push(i);
                    Some(i)
                }
                None => {
                    let hint = closest_header(&wanted, &normalized)
                        .map(|i| format!("did you mean \"{}\"?", headers[i]));
                    let listed: Vec<&str> = headers.iter().take(12).map(String::as_str).collect();
                    problems.push(
                        Problem::new(
                            format!("options.columns.{key}"),
                            format!("\"{}\"", name.as_deref().unwrap_or_default()),
                            format!("a column of the file (its headers: {})", listed.join(" | ")),
                        )
                        .with_hint(hint),
                    );
                    None
                }
            }
        };
    let mut p = Positions {
        nps: find_named("nps", &named.nps, &mut taken),
        pmf: find_named("pmf", &named.pmf, &mut taken),
        csat: find_named("csat", &named.csat, &mut taken),
        segment: find_named("segment", &named.segment, &mut taken),
        features: Vec::new(),
    };
    for name in named.features.iter().flatten() {
        if let Some(i) = find_named("features", &Some(name.clone()), &mut taken) {
            p.features.push(i);
        }
    }
    if !problems.is_empty() {
        return Err(InputError::new("survey", problems));
    }
    let by_option = |i: Option<usize>| i.map(|i| DetectedColumn::new(&headers[i], i, "option"));
    detected.nps = by_option(p.nps);
    detected.pmf = by_option(p.pmf);
    detected.csat = by_option(p.csat);
    detected.segment = by_option(p.segment);
    detected.features = p
        .features
        .iter()
        .map(|i| DetectedColumn::new(&headers[*i], *i, "option"))
        .collect();

    let by_words = |words: &[&str], taken: &[usize]| -> Option<usize> {
        (0..headers.len())
            .find(|i| !taken.contains(i) && words.iter().any(|w| normalized[*i].contains(w)))
    };
    let auto = |slot: &mut Option<usize>,
                found: &mut Option<DetectedColumn>,
                words: &[&str],
                taken: &mut Vec<usize>| {
        if slot.is_none() {
            if let Some(i) = by_words(words, taken) {
                *slot = Some(i);
                *found = Some(DetectedColumn::new(&headers[i], i, "header"));
                taken.push(i);
            }
        }
    };
    auto(
        &mut p.nps,
        &mut detected.nps,
        &["recommend", "net promoter", "nps"],
        &mut taken,
    );
    auto(
        &mut p.pmf,
        &mut detected.pmf,
        &["disappointed", "no longer use", "how would you feel"],
        &mut taken,
    );
    auto(
        &mut p.csat,
        &mut detected.csat,
        &["satisf", "csat"],
        &mut taken,
    );
    auto(
        &mut p.segment,
        &mut detected.segment,
        &[
            "segment",
            "persona",
            "role",
            "job title",
            "company size",
            "plan",
            "industry",
        ],
        &mut taken,
    );
    if named.features.is_none() {
        for i in 0..headers.len() {
            let h = &normalized[i];
            let looks_like_rating =
                h.starts_with("rate") || h.starts_with("rating") || h.contains("rating");
            if !taken.contains(&i) && looks_like_rating && p.features.len() < MAX_FEATURE_COLUMNS {
                p.features.push(i);
                detected
                    .features
                    .push(DetectedColumn::new(&headers[i], i, "header"));
                taken.push(i);
            }
        }
    }
    // Value sniffing for the two questions whose answers are unmistakable.
    if p.nps.is_none() {
        if let Some(i) = sniff(headers.len(), &taken, sample, looks_like_nps) {
            p.nps = Some(i);
            detected.nps = Some(DetectedColumn::new(&headers[i], i, "values"));
            taken.push(i);
        }
    }
    if p.pmf.is_none() {
        if let Some(i) = sniff(headers.len(), &taken, sample, |vals| {
            share_matching(vals, |c| matches!(answers::ellis(c), Ok(Some(_)))) >= 0.8
        }) {
            p.pmf = Some(i);
            detected.pmf = Some(DetectedColumn::new(&headers[i], i, "values"));
        }
    }
    if p.nps.is_none() && p.pmf.is_none() && p.csat.is_none() && p.features.is_empty() {
        let listed: Vec<&str> = headers.iter().take(12).map(String::as_str).collect();
        return Err(InputError::new(
            "survey",
            vec![Problem::new(
                "input",
                format!("a file whose columns are {}", listed.join(" | ")),
                "a column for at least one question: NPS (\"recommend\"), Sean Ellis (\"disappointed\"), \
                 satisfaction (\"satisfied\") or feature ratings (\"Rate ...\"); name them with options.columns",
            )],
        ));
    }
    Ok((p, detected))
}

fn sniff(
    columns: usize,
    taken: &[usize],
    sample: &[csv::ByteRecord],
    test: impl Fn(&[&[u8]]) -> bool,
) -> Option<usize> {
    (0..columns).filter(|i| !taken.contains(i)).find(|i| {
        let values: Vec<&[u8]> = sample
            .iter()
            .filter_map(|r| r.get(*i))
            .filter(|v| !v.trim_ascii().is_empty())
            .collect();
        !values.is_empty() && test(&values)
    })
}

fn share_matching(values: &[&[u8]], matches: impl Fn(Cell) -> bool) -> f64 {
    values.iter().filter(|v| matches(Cell::Text(v))).count() as f64 / values.len() as f64
}

/// 0..10 whole numbers, with some above 5 (so not a 1..5 rating) and at least
/// three distinct values.
fn looks_like_nps(values: &[&[u8]]) -> bool {
    let parsed: Vec<u8> = values
        .iter()
        .filter_map(|v| answers::nps(Cell::Text(v)).ok().flatten())
        .collect();
    let mut seen = [false; 11];
    for v in &parsed {
        seen[usize::from(*v)] = true;
    }
    parsed.len() as f64 >= 0.9 * values.len() as f64
        && parsed.iter().any(|v| *v > 5)
        && seen.iter().filter(|s| **s).count() >= 3
}
