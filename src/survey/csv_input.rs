//! Survey answers from a CSV export: delimiter and column detection, then
//! one streaming pass over the rows with the `csv` crate (quoted fields with
//! commas and newlines, CRLF, a UTF-8 BOM). Every row that is not used is
//! reported with its line number.

use super::answers::{self, Cell};
use super::options::{SurveyColumns, SurveyConfig, MAX_FEATURE_COLUMNS};
use super::tally::{Layout, RowCells, Tally};
use super::DetectedColumns;
use crate::input::csv::DetectedColumn;
use crate::input::csv::{
    closest_header, line_numbers, normalize_header, open_csv, record_start, unbalanced_quote,
    UNBALANCED_QUOTE,
};
use crate::input::problem::{InputError, Problem};
use crate::input::row_issues::RowId;

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
    let (mut reader, headers) = open_csv(bytes, config.delimiter, "survey", "answer")?;
    let mut record = csv::ByteRecord::new();

    // Read ahead a sample for value-based detection, then stream the rest.
    let mut sample: Vec<csv::ByteRecord> = Vec::new();
    // Where the last record read ends, and where it starts.
    let mut last_end = reader.position().byte() as usize;
    while sample.len() < SNIFF_ROWS {
        let mut r = csv::ByteRecord::new();
        match reader.read_byte_record(&mut r) {
            Ok(true) => {
                last_end = reader.position().byte() as usize;
                sample.push(r);
            }
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
    let mut last_start = sample
        .last()
        .and_then(|r| r.position())
        .map_or(0, |p| p.byte() as usize);
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {
                last_end = reader.position().byte() as usize;
                last_start = record.position().map_or(last_start, |p| p.byte() as usize);
                process(&record, &mut tally);
            }
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
    for blank in record_start(bytes, last_end).0 {
        tally.skip_row(RowId::Offset(blank as u64), "blank row");
    }
    if unbalanced_quote(bytes) {
        tally.skip_row(
            RowId::Offset(record_start(bytes, last_start).1 as u64),
            UNBALANCED_QUOTE,
        );
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

    let words: Vec<Vec<String>> = normalized
        .iter()
        .map(|h| {
            h.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect()
        })
        .collect();
    // A keyword matches whole header words; a stem ("satisf") also matches
    // words it begins ("satisfied", "satisfaction"). "Explanation" is not "plan".
    let matches = |i: usize, keyword: &Keyword| -> bool {
        let w = &words[i];
        let hit = |k: &str, word: &str| {
            if keyword.stem {
                word.starts_with(k)
            } else {
                word == k
            }
        };
        let parts: Vec<&str> = keyword.text.split(' ').collect();
        w.windows(parts.len())
            .any(|win| win.iter().zip(&parts).all(|(word, k)| hit(k, word)))
    };
    // A candidate whose sampled answers mostly fail to parse is free text
    // about the question ("Would you recommend us? (comments)"), not it.
    let answers_parse = |i: usize, parse: &dyn Fn(Cell) -> bool| -> bool {
        let values: Vec<&[u8]> = sample
            .iter()
            .filter_map(|r| r.get(i))
            .filter(|v| !answers::trim_space(v).is_empty())
            .collect();
        values.is_empty()
            || values.iter().filter(|v| parse(Cell::Text(v))).count() * 2 >= values.len()
    };
    // Among the columns a question's words name, the first whose answers
    // parse; failing that the first named (its bad answers are then reported
    // row by row).
    let find = |keywords: &[Keyword],
                parse: Option<&dyn Fn(Cell) -> bool>,
                taken: &[usize]|
     -> Option<usize> {
        let named: Vec<usize> = (0..headers.len())
            .filter(|i| !taken.contains(i) && keywords.iter().any(|k| matches(*i, k)))
            .collect();
        named
            .iter()
            .copied()
            .find(|i| parse.is_none_or(|p| answers_parse(*i, p)))
            .or(named.first().copied())
    };
    let is_nps = |c: Cell| matches!(answers::nps(c), Ok(Some(_)));
    let is_ellis = |c: Cell| matches!(answers::ellis(c), Ok(Some(_)));
    let is_rating = |c: Cell| matches!(answers::rating(c), Ok(Some(_)));
    let questions: [Question; 4] = [
        (&mut p.nps, &mut detected.nps, NPS_WORDS, Some(&is_nps)),
        (&mut p.pmf, &mut detected.pmf, PMF_WORDS, Some(&is_ellis)),
        (
            &mut p.csat,
            &mut detected.csat,
            CSAT_WORDS,
            Some(&is_rating),
        ),
        (&mut p.segment, &mut detected.segment, SEGMENT_WORDS, None),
    ];
    for (slot, found, keywords, parse) in questions {
        if slot.is_none() {
            if let Some(i) = find(keywords, parse, &taken) {
                *slot = Some(i);
                *found = Some(DetectedColumn::new(&headers[i], i, "header"));
                taken.push(i);
            }
        }
    }
    if named.features.is_none() {
        const RATE: Keyword = word("rate");
        const RATING: Keyword = stem("rating");
        for (i, header) in headers.iter().enumerate() {
            let rating_header = matches(i, &RATE) || matches(i, &RATING);
            if !taken.contains(&i)
                && rating_header
                && answers_parse(i, &is_rating)
                && p.features.len() < MAX_FEATURE_COLUMNS
            {
                p.features.push(i);
                detected
                    .features
                    .push(DetectedColumn::new(header, i, "header"));
                taken.push(i);
            }
        }
    }
    // Value sniffing, only when no question was found by name or header: an
    // NPS or Sean Ellis column is recognisable by its answers, but a column of
    // small numbers may be anything (an id, a team size), so ids are skipped.
    let nothing_found =
        p.nps.is_none() && p.pmf.is_none() && p.csat.is_none() && p.features.is_empty();
    let id_like = |i: usize| {
        words[i]
            .iter()
            .any(|w| w == "id" || w.ends_with("id") && w.len() <= 6)
            || increasing(sample, i)
    };
    if nothing_found {
        let candidates: Vec<usize> = (0..headers.len())
            .filter(|i| !taken.contains(i) && !id_like(*i))
            .collect();
        if let Some(&i) = candidates
            .iter()
            .find(|i| sniff_column(sample, **i, looks_like_nps))
        {
            p.nps = Some(i);
            detected.nps = Some(DetectedColumn::new(&headers[i], i, "values"));
            taken.push(i);
        }
        let ellis_like = |vals: &[&[u8]]| {
            let parsed: Vec<answers::Ellis> = vals
                .iter()
                .filter_map(|v| answers::ellis(Cell::Text(v)).ok().flatten())
                .collect();
            parsed.len() * 5 >= vals.len() * 4
                && parsed.iter().any(|e| *e != answers::Ellis::NoLongerUse)
        };
        if let Some(&i) = candidates
            .iter()
            .find(|i| !taken.contains(i) && sniff_column(sample, **i, ellis_like))
        {
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

/// A question to find: its column slot, its detection record, its header
/// keywords and the check its sampled answers should pass.
type Question<'a> = (
    &'a mut Option<usize>,
    &'a mut Option<DetectedColumn>,
    &'static [Keyword],
    Option<&'a dyn Fn(Cell) -> bool>,
);

/// A header keyword: whole words, or a stem that may begin a word.
struct Keyword {
    text: &'static str,
    stem: bool,
}

const fn word(text: &'static str) -> Keyword {
    Keyword { text, stem: false }
}

const fn stem(text: &'static str) -> Keyword {
    Keyword { text, stem: true }
}

const NPS_WORDS: &[Keyword] = &[stem("recommend"), word("net promoter"), word("nps")];
const PMF_WORDS: &[Keyword] = &[
    stem("disappoint"),
    word("no longer use"),
    word("how would you feel"),
];
const CSAT_WORDS: &[Keyword] = &[stem("satisf"), word("csat")];
const SEGMENT_WORDS: &[Keyword] = &[
    word("segment"),
    word("persona"),
    word("role"),
    word("job title"),
    word("company size"),
    word("plan"),
    word("industry"),
];

/// Applies `test` to a column's non-blank sampled values.
fn sniff_column(sample: &[csv::ByteRecord], i: usize, test: impl Fn(&[&[u8]]) -> bool) -> bool {
    let values: Vec<&[u8]> = sample
        .iter()
        .filter_map(|r| r.get(i))
        .filter(|v| !answers::trim_space(v).is_empty())
        .collect();
    values.len() >= 3 && test(&values)
}

/// True when the sampled values are whole numbers rising row after row: an
/// id or a counter, not answers.
fn increasing(sample: &[csv::ByteRecord], i: usize) -> bool {
    let numbers: Vec<f64> = sample
        .iter()
        .filter_map(|r| r.get(i))
        .filter_map(|v| std::str::from_utf8(v).ok()?.trim().parse::<f64>().ok())
        .collect();
    numbers.len() >= 3 && numbers.windows(2).all(|w| w[1] > w[0])
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
