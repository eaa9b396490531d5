//! Survey answers from a CSV export: delimiter and column detection, then
//! one streaming pass over the rows with the `csv` crate (quoted fields with
//! commas and newlines, CRLF, a UTF-8 BOM). Every row that is not used is
//! reported with its line number.

use super::answers::{self, Cell};
use super::options::{SurveyColumns, SurveyConfig, MAX_FEATURE_COLUMNS};
use super::tally::{Layout, RowCells, Tally};
use super::DetectedColumns;
use crate::input::csv::{
    header_list, line_numbers, named_column, normalize_header, open_csv, DetectedColumn, Rows,
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
    let (reader, headers) = open_csv(bytes, config.delimiter, "survey", "answer")?;
    let mut rows = Rows::new(reader, bytes, headers.len());
    // Read ahead a sample for value-based detection, then stream the rest.
    let sample = rows.read_ahead(SNIFF_ROWS);
    let (positions, detected) = resolve_columns(&headers, &config.columns, &sample)?;
    let name = |i: Option<usize>| i.and_then(|i| headers.get(i).cloned());
    let mut tally = Tally::new(Layout {
        nps: name(positions.nps),
        pmf: name(positions.pmf),
        csat: name(positions.csat),
        segment: name(positions.segment),
        features: positions
            .features
            .iter()
            .filter_map(|i| headers.get(*i).cloned())
            .collect(),
    });
    let answers = |tally: &mut Tally, record: &csv::ByteRecord, start: usize| {
        // Line numbers are worked out at the end, for the issues listed only.
        let row = RowId::Offset(start as u64);
        let used = [
            positions.nps,
            positions.pmf,
            positions.csat,
            positions.segment,
        ];
        let invalid_utf8 = used.iter().flatten().chain(&positions.features).any(|i| {
            record
                .get(*i)
                .is_some_and(|f| std::str::from_utf8(f).is_err())
        });
        if invalid_utf8 {
            return tally.skip_row(row, "invalid UTF-8 in an answer");
        }
        let cell = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .map_or(Cell::Blank, Cell::Text)
        };
        let feature = |i: usize| {
            positions
                .features
                .get(i)
                .and_then(|c| record.get(*c))
                .map_or(Cell::Blank, Cell::Text)
        };
        let cells = RowCells {
            nps: cell(positions.nps),
            pmf: cell(positions.pmf),
            csat: cell(positions.csat),
            segment: cell(positions.segment),
            feature: &feature,
        };
        tally.push_row(row, cells);
    };
    let skip = |tally: &mut Tally, at: usize, reason: &str| {
        tally.skip_row(RowId::Offset(at as u64), reason)
    };
    rows.each(&sample, &mut tally, answers, skip);
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
    let mut finder = ColumnFinder::new(headers, sample);
    let (mut p, mut detected) = finder.named(named)?;
    finder.by_headers(&mut p, &mut detected);
    if named.features.is_none() {
        finder.feature_ratings(&mut p, &mut detected);
    }
    // Value sniffing, only when no question was found by name or header: an
    // NPS or Sean Ellis column is recognisable by its answers, but a column of
    // small numbers may be anything (an id, a team size).
    if p.is_empty() {
        finder.by_values(&mut p, &mut detected);
    }
    if p.is_empty() {
        return Err(InputError::new(
            "survey",
            vec![Problem::new(
                "input",
                format!("a file whose columns are {}", header_list(headers)),
                "a column for at least one question: NPS (\"recommend\"), Sean Ellis (\"disappointed\"), \
                 satisfaction (\"satisfied\") or feature ratings (\"Rate ...\"); name them with options.columns",
            )],
        ));
    }
    Ok((p, detected))
}

impl Positions {
    /// True when no question's column is known (a segment alone is no
    /// question).
    fn is_empty(&self) -> bool {
        self.nps.is_none() && self.pmf.is_none() && self.csat.is_none() && self.features.is_empty()
    }
}

/// The headers of a file, their words, the sampled rows, and the columns
/// already taken by a question.
struct ColumnFinder<'a> {
    headers: &'a [String],
    normalized: Vec<String>,
    words: Vec<Vec<String>>,
    sample: &'a [csv::ByteRecord],
    taken: Vec<usize>,
}

impl<'a> ColumnFinder<'a> {
    fn new(headers: &'a [String], sample: &'a [csv::ByteRecord]) -> Self {
        let normalized: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
        let words = normalized
            .iter()
            .map(|h| {
                h.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .collect();
        ColumnFinder {
            headers,
            normalized,
            words,
            sample,
            taken: Vec::new(),
        }
    }

    /// The columns named in `options.columns`; every name not found is a
    /// problem.
    fn named(&mut self, named: &SurveyColumns) -> Result<(Positions, DetectedColumns), InputError> {
        let mut problems = Vec::new();
        let mut find = |role: &str, name: &Option<String>| {
            let i = named_column(
                self.headers,
                &self.normalized,
                role,
                name.as_deref()?,
                &mut problems,
            )?;
            self.taken.push(i);
            Some(i)
        };
        let mut p = Positions {
            nps: find("nps", &named.nps),
            pmf: find("pmf", &named.pmf),
            csat: find("csat", &named.csat),
            segment: find("segment", &named.segment),
            features: Vec::new(),
        };
        for name in named.features.iter().flatten() {
            p.features.extend(find("features", &Some(name.clone())));
        }
        if !problems.is_empty() {
            return Err(InputError::new("survey", problems));
        }
        let by_option =
            |i: Option<usize>| i.map(|i| DetectedColumn::new(&self.headers[i], i, "option"));
        let detected = DetectedColumns {
            nps: by_option(p.nps),
            pmf: by_option(p.pmf),
            csat: by_option(p.csat),
            segment: by_option(p.segment),
            features: p
                .features
                .iter()
                .filter_map(|i| by_option(Some(*i)))
                .collect(),
        };
        Ok((p, detected))
    }

    /// A keyword matches whole header words; a stem ("satisf") also matches
    /// words it begins ("satisfied", "satisfaction"). "Explanation" is not
    /// "plan".
    fn matches(&self, i: usize, keyword: &Keyword) -> bool {
        let hit = |k: &str, word: &str| {
            if keyword.stem {
                word.starts_with(k)
            } else {
                word == k
            }
        };
        let parts: Vec<&str> = keyword.text.split(' ').collect();
        self.words[i]
            .windows(parts.len())
            .any(|win| win.iter().zip(&parts).all(|(word, k)| hit(k, word)))
    }

    /// A candidate whose sampled answers mostly fail to parse is free text
    /// about the question ("Would you recommend us? (comments)"), not it.
    fn answers_parse(&self, i: usize, parse: &dyn Fn(Cell) -> bool) -> bool {
        let values: Vec<&[u8]> = self
            .sample
            .iter()
            .filter_map(|r| r.get(i))
            .filter(|v| !answers::trim_space(v).is_empty())
            .collect();
        values.is_empty()
            || values.iter().filter(|v| parse(Cell::Text(v))).count() * 2 >= values.len()
    }

    /// Among the free columns a question's words name, the first whose
    /// answers parse; failing that the first named (its bad answers are then
    /// reported row by row).
    fn by_keywords(
        &self,
        keywords: &[Keyword],
        parse: Option<&dyn Fn(Cell) -> bool>,
    ) -> Option<usize> {
        let named: Vec<usize> = (0..self.headers.len())
            .filter(|i| !self.taken.contains(i) && keywords.iter().any(|k| self.matches(*i, k)))
            .collect();
        named
            .iter()
            .copied()
            .find(|i| parse.is_none_or(|p| self.answers_parse(*i, p)))
            .or(named.first().copied())
    }

    /// Each question not named, by the words of its header.
    fn by_headers(&mut self, p: &mut Positions, detected: &mut DetectedColumns) {
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
                if let Some(i) = self.by_keywords(keywords, parse) {
                    *slot = Some(i);
                    *found = Some(DetectedColumn::new(&self.headers[i], i, "header"));
                    self.taken.push(i);
                }
            }
        }
    }

    /// Feature rating columns: "Rate ..." or "... rating" headers whose
    /// answers are 1..5 ratings.
    fn feature_ratings(&mut self, p: &mut Positions, detected: &mut DetectedColumns) {
        const RATE: Keyword = word("rate");
        const RATING: Keyword = stem("rating");
        for (i, header) in self.headers.iter().enumerate() {
            let rating_header = self.matches(i, &RATE) || self.matches(i, &RATING);
            if !self.taken.contains(&i)
                && rating_header
                && self.answers_parse(i, &is_rating)
                && p.features.len() < MAX_FEATURE_COLUMNS
            {
                p.features.push(i);
                detected
                    .features
                    .push(DetectedColumn::new(header, i, "header"));
                self.taken.push(i);
            }
        }
    }

    /// The NPS and Sean Ellis columns by their sampled answers, among the
    /// free columns that do not look like ids.
    fn by_values(&mut self, p: &mut Positions, detected: &mut DetectedColumns) {
        let id_like = |i: usize| {
            self.words[i]
                .iter()
                .any(|w| w == "id" || w.ends_with("id") && w.len() <= 6)
                || increasing(self.sample, i)
        };
        let candidates: Vec<usize> = (0..self.headers.len())
            .filter(|i| !self.taken.contains(i) && !id_like(*i))
            .collect();
        if let Some(&i) = candidates
            .iter()
            .find(|i| sniff_column(self.sample, **i, looks_like_nps))
        {
            p.nps = Some(i);
            detected.nps = Some(DetectedColumn::new(&self.headers[i], i, "values"));
            self.taken.push(i);
        }
        if let Some(&i) = candidates
            .iter()
            .find(|i| !self.taken.contains(i) && sniff_column(self.sample, **i, looks_like_ellis))
        {
            p.pmf = Some(i);
            detected.pmf = Some(DetectedColumn::new(&self.headers[i], i, "values"));
        }
    }
}

fn is_nps(c: Cell) -> bool {
    matches!(answers::nps(c), Ok(Some(_)))
}

fn is_ellis(c: Cell) -> bool {
    matches!(answers::ellis(c), Ok(Some(_)))
}

fn is_rating(c: Cell) -> bool {
    matches!(answers::rating(c), Ok(Some(_)))
}

/// Four in five sampled values are Sean Ellis answers, not all of them
/// "no longer use".
fn looks_like_ellis(values: &[&[u8]]) -> bool {
    let parsed: Vec<answers::Ellis> = values
        .iter()
        .filter_map(|v| answers::ellis(Cell::Text(v)).ok().flatten())
        .collect();
    parsed.len() * 5 >= values.len() * 4 && parsed.iter().any(|e| *e != answers::Ellis::NoLongerUse)
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
