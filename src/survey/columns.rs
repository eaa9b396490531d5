//! Which column holds which question: named in the options, else found by
//! the words of its header or question text, else (NPS and Sean Ellis) by
//! its sampled values; never a column that only looks like a question; the
//! segments (several, a split multiple choice as one); and how coded
//! answers are read. Every guess that may be wrong is a warning.

use super::answers::{self, Cell};
use super::coding;
use super::dates::{self, DateOrder};
use super::options::{SurveyColumns, SurveyConfig, MAX_FEATURE_COLUMNS, MAX_SEGMENT_COLUMNS};
use super::responses::ResponseMarks;
use super::sniff::{
    increasing, is_ellis, is_nps, is_rating, looks_like_ellis, looks_like_nps, sniff_column,
};
use super::DetectedColumns;
use crate::import::ExportSource;
use crate::input::csv::{header_list, named_column, normalize_header, DetectedColumn};
use crate::input::problem::{InputError, Problem};
use crate::input::warning::Warning;

/// Column positions in the file.
#[derive(Debug, Clone, Default)]
pub(super) struct Positions {
    pub(super) nps: Option<usize>,
    pub(super) pmf: Option<usize>,
    pub(super) csat: Option<usize>,
    pub(super) segment: Option<usize>,
    pub(super) features: Vec<usize>,
    /// Every segment to break results down by, the first being `segment`'s.
    pub(super) segments: Vec<Segment>,
    /// The completion date column, when waves or the join with behaviour
    /// are asked for, and how its dates are written.
    pub(super) date: Option<(usize, DateOrder)>,
    /// Where the export marks previews and finished responses.
    pub(super) marks: ResponseMarks,
    /// Delighted's `survey_type`: a response of another type (`csat`, `ces`)
    /// scores on another scale in the same `score` column.
    pub(super) survey_type: Option<usize>,
    /// The Sean Ellis column holds codes 1..4, not the options' text.
    pub(super) pmf_coded: bool,
    /// The satisfaction codes run 1 = most satisfied.
    pub(super) csat_descending: bool,
}

/// A segment: one column, or the columns an export splits a multiple
/// choice into (SurveyMonkey: "Which plan? - Free", "- Team", "- Enterprise",
/// each holding its option's label or nothing).
#[derive(Debug, Clone, Default)]
pub(super) struct Segment {
    /// What results call it: the column's header, or the split question.
    pub(super) name: String,
    pub(super) columns: Vec<usize>,
}

/// Each question in words, for messages.
const QUESTION_NAMES: [(&str, &str); 3] = [
    ("nps", "NPS"),
    ("pmf", "Sean Ellis"),
    ("csat", "satisfaction"),
];

/// Finds each question's column: named in the options, else by its header's
/// (or its question text's) words, else (NPS and Sean Ellis) by its values.
/// Columns that only look like a question are never taken for it: a
/// Qualtrics `Q1_NPS_GROUP` (promoter, passive or detractor codes), a Yes/No
/// "Have you recommended Acme?"; a header match whose answers do not parse
/// leaves the question to its values first.
pub(super) fn resolve_columns(
    headers: &[String],
    questions: &[String],
    source: ExportSource,
    config: &SurveyConfig,
    sample: &[csv::ByteRecord],
    joined: bool,
    warnings: &mut Vec<Warning>,
) -> Result<(Positions, DetectedColumns), InputError> {
    let named = &config.columns;
    let mut finder = ColumnFinder::new(headers, questions, sample);
    let (mut p, mut detected) = finder.named(named)?;
    let rejected = finder.by_headers(&mut p, &mut detected);
    if named.features.is_none() {
        finder.feature_ratings(&mut p, &mut detected);
    }
    // Value sniffing when no question was found by name or header, or for a
    // question whose header matched a column of other answers: an NPS or
    // Sean Ellis column is recognisable by its answers, but a column of
    // small numbers may be anything (an id, a team size).
    if p.is_empty() || rejected.nps.is_some() || rejected.pmf.is_some() {
        finder.by_values(&mut p, &mut detected);
    }
    // Still nothing better: the header's column after all, its bad answers
    // reported row by row.
    for (slot, found, candidate) in [
        (&mut p.nps, &mut detected.nps, rejected.nps),
        (&mut p.pmf, &mut detected.pmf, rejected.pmf),
        (&mut p.csat, &mut detected.csat, rejected.csat),
    ] {
        if let (None, Some(i)) = (*slot, candidate) {
            if !finder.taken.contains(&i) {
                *slot = Some(i);
                *found = Some(DetectedColumn::new(&headers[i], i, "header"));
                finder.taken.push(i);
            }
        }
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
    p.marks = ResponseMarks::find(&finder.normalized, source);
    p.survey_type = (source == ExportSource::Delighted)
        .then(|| finder.normalized.iter().position(|h| h == "survey_type"))
        .flatten();
    read_codes(&mut p, &finder, questions, source, config, warnings);
    p.segments = finder.segments(p.segment, named, &mut detected)?;
    if config.waves.is_some() || joined {
        let (i, order) = finder.date_column(source, config, warnings)?;
        detected.date = Some(
            DetectedColumn::new(
                &headers[i],
                i,
                if named.date.is_some() {
                    "option"
                } else {
                    "header"
                },
            )
            .asking(questions),
        );
        p.date = Some((i, order));
    }
    for (role, column) in detected.roles() {
        if let (Some(other), "nps" | "pmf" | "csat") = (&column.runner_up, role) {
            warnings.push(Warning::new(
                "two_columns",
                format!("columns.{role}"),
                format!(
                    "two columns could be the {} question: used \"{}\", the first; to use \"{other}\" \
                     instead, name it in options.columns.{role}",
                    QUESTION_NAMES.iter().find(|(r, _)| *r == role).map_or(role, |(_, n)| n),
                    column.header
                ),
            ));
        }
    }
    Ok((p, detected))
}

/// Decides how coded answers are read, with a warning wherever that is a
/// guess (see [`coding`]).
fn read_codes(
    p: &mut Positions,
    finder: &ColumnFinder,
    questions: &[String],
    source: ExportSource,
    config: &SurveyConfig,
    warnings: &mut Vec<Warning>,
) {
    let header = |i: usize| finder.headers[i].as_str();
    if let Some(i) = p.pmf {
        if !finder.answers_parse(i, &is_ellis) && coding::all_codes(&finder.values(i), 4) {
            p.pmf_coded = true;
            warnings.push(Warning::new(
                "coded_answers",
                "columns.pmf",
                format!(
                    "the Sean Ellis column \"{}\" holds codes 1 to 4, not the options' text: read in the \
                     question's usual order, 1 = very disappointed, 2 = somewhat, 3 = not disappointed, \
                     4 = no longer use it; if your survey listed the options in another order, export the \
                     choice text instead",
                    header(i)
                ),
            ));
        }
    }
    if let Some(i) = p.csat {
        let question = questions
            .get(i)
            .filter(|q| !q.is_empty())
            .map_or(header(i), String::as_str);
        let coded = coding::all_codes(&finder.values(i), 5);
        let direction = coding::direction_from_question(question)
            .or(config.csat_direction)
            .unwrap_or(coding::Direction::Ascending);
        p.csat_descending = coded && direction == coding::Direction::Descending;
        let guessed =
            coding::direction_from_question(question).is_none() && config.csat_direction.is_none();
        if coded && guessed && source == ExportSource::Qualtrics {
            warnings.push(Warning::new(
                "coded_scale",
                "columns.csat",
                format!(
                    "the satisfaction column \"{}\" holds codes 1 to 5 and neither its question nor the \
                     options say which end is satisfied: read as 1 = least satisfied; if 1 was the most \
                     satisfied option, pass options.scales.csat = \"descending\"",
                    header(i)
                ),
            ));
        }
    }
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
    questions: &'a [String],
    normalized: Vec<String>,
    words: Vec<Vec<String>>,
    sample: &'a [csv::ByteRecord],
    taken: Vec<usize>,
}

impl<'a> ColumnFinder<'a> {
    fn new(headers: &'a [String], questions: &'a [String], sample: &'a [csv::ByteRecord]) -> Self {
        let normalized: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
        // A question's words are its header's and, where the export writes
        // it apart (Qualtrics: `Q1` over "How likely are you to recommend"),
        // its text's.
        let words = header_words(&normalized, questions);
        ColumnFinder {
            headers,
            questions,
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
            ..Positions::default()
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
            segments: Vec::new(),
            features: p
                .features
                .iter()
                .filter_map(|i| by_option(Some(*i)))
                .collect(),
            date: None,
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

    /// Among the free columns a question's words name (never one that only
    /// looks like it, see [`ColumnFinder::lookalike`]), the first whose
    /// answers parse, with the next such (`Ok`); failing that the first
    /// named (`Err`), left for when the question's values are found nowhere
    /// else.
    fn by_keywords(
        &self,
        keywords: &[Keyword],
        parse: Option<&dyn Fn(Cell) -> bool>,
        nps: bool,
    ) -> Option<Result<(usize, Option<usize>), usize>> {
        let named: Vec<usize> = (0..self.headers.len())
            .filter(|i| !self.taken.contains(i) && keywords.iter().any(|k| self.matches(*i, k)))
            .filter(|i| parse.is_none() || !self.lookalike(*i, nps))
            .collect();
        let mut parsing = named
            .iter()
            .copied()
            .filter(|i| parse.is_none_or(|p| self.answers_parse(*i, p)));
        match parsing.next() {
            Some(i) => Some(Ok((i, parsing.next()))),
            None => named.first().copied().map(Err),
        }
    }

    /// A column that mentions a question without asking it: Yes/No answers
    /// ("Have you recommended Acme to anyone?"), and for the NPS a derived
    /// group (Qualtrics' `Q1_NPS_GROUP`: promoter, passive or detractor, or
    /// their codes 1..3).
    fn lookalike(&self, i: usize, nps: bool) -> bool {
        let values = self.values(i);
        let yes_no = !values.is_empty()
            && values.iter().all(|v| {
                let v = answers::trim_space(v);
                [&b"yes"[..], b"no", b"y", b"n", b"true", b"false"]
                    .iter()
                    .any(|w| v.eq_ignore_ascii_case(w))
            });
        let words = &self.words[i];
        let group_word = words
            .iter()
            .any(|w| w == "group" || w == "category" || w == "segment");
        let derived = group_word
            && words
                .iter()
                .any(|w| w == "nps" || w.starts_with("promoter"));
        let categories = !values.is_empty()
            && values.iter().all(|v| {
                let v = answers::trim_space(v).to_ascii_lowercase();
                v.starts_with(b"promoter")
                    || v.starts_with(b"passive")
                    || v.starts_with(b"detractor")
            });
        yes_no || (nps && (derived || categories))
    }

    /// A column's non-blank sampled values.
    fn values(&self, i: usize) -> Vec<&[u8]> {
        self.sample
            .iter()
            .filter_map(|r| r.get(i))
            .filter(|v| !answers::trim_space(v).is_empty())
            .collect()
    }

    /// Each question not named, by the words of its header; returns, per
    /// question, a column its words named whose answers did not parse.
    fn by_headers(&mut self, p: &mut Positions, detected: &mut DetectedColumns) -> Rejected {
        let mut rejected = Rejected::default();
        // Sean Ellis codes (1..4) parse as no option; they are read as codes later.
        let ellis_or_codes = |c: Cell| {
            is_ellis(c)
                || matches!(c, Cell::Text(t) if matches!(answers::trim_space(t), [b'1'..=b'4']))
        };
        let questions: [Question; 4] = [
            (
                &mut p.nps,
                &mut detected.nps,
                &mut rejected.nps,
                NPS_WORDS,
                Some(&is_nps),
            ),
            (
                &mut p.pmf,
                &mut detected.pmf,
                &mut rejected.pmf,
                PMF_WORDS,
                Some(&ellis_or_codes),
            ),
            (
                &mut p.csat,
                &mut detected.csat,
                &mut rejected.csat,
                CSAT_WORDS,
                Some(&is_rating),
            ),
            (
                &mut p.segment,
                &mut detected.segment,
                &mut rejected.segment,
                SEGMENT_WORDS,
                None,
            ),
        ];
        for (i, (slot, found, not_parsed, keywords, parse)) in questions.into_iter().enumerate() {
            if slot.is_none() {
                match self.by_keywords(keywords, parse, i == 0) {
                    Some(Ok((i, next))) => {
                        *slot = Some(i);
                        let mut column = DetectedColumn::new(&self.headers[i], i, "header");
                        column.runner_up = next.map(|n| self.headers[n].clone());
                        *found = Some(column);
                        self.taken.push(i);
                    }
                    Some(Err(i)) => *not_parsed = Some(i),
                    None => {}
                }
            }
        }
        rejected
    }

    /// Every segment: those named (`options.columns.segment`, then
    /// `segments`), else the one found by its header and the other free
    /// columns a segment word names (at most [`MAX_SEGMENT_COLUMNS`]); each
    /// with the columns its export split it into.
    fn segments(
        &mut self,
        first: Option<usize>,
        named: &SurveyColumns,
        detected: &mut DetectedColumns,
    ) -> Result<Vec<Segment>, InputError> {
        // Named segments replace the one found by its header.
        let first = first.filter(|_| named.segments.is_none() || named.segment.is_some());
        let mut starts: Vec<(usize, &str)> = first.map(|i| (i, "header")).into_iter().collect();
        if let Some(names) = &named.segments {
            let mut problems = Vec::new();
            for (k, name) in names.iter().enumerate() {
                let role = format!("segments[{k}]");
                if let Some(i) =
                    named_column(self.headers, &self.normalized, &role, name, &mut problems)
                {
                    if !starts.iter().any(|(s, _)| *s == i) {
                        starts.push((i, "option"));
                    }
                }
            }
            if !problems.is_empty() {
                return Err(InputError::new("survey", problems));
            }
        } else if named.segment.is_none() {
            for i in 0..self.headers.len() {
                if starts.len() >= MAX_SEGMENT_COLUMNS {
                    break;
                }
                let free = !self.taken.contains(&i) && !starts.iter().any(|(s, _)| *s == i);
                if free
                    && SEGMENT_WORDS.iter().any(|k| self.matches(i, k))
                    && !self.in_split_of(&starts, i)
                {
                    starts.push((i, "header"));
                }
            }
        }
        let mut segments = Vec::new();
        detected.segments.clear();
        for (i, how) in starts {
            let columns = self.split_columns(i);
            let name = if columns.len() > 1 {
                self.questions[i].clone()
            } else {
                self.headers[i].clone()
            };
            let how = if detected
                .segment
                .as_ref()
                .is_some_and(|c| c.index as usize == i)
            {
                detected
                    .segment
                    .as_ref()
                    .map_or(how, |c| c.detected_by.as_str())
                    .to_string()
            } else {
                how.to_string()
            };
            let mut column = DetectedColumn::new(&name, i, &how);
            column.question = (self.questions[i] != name && !self.questions[i].is_empty())
                .then(|| self.questions[i].clone());
            self.taken.extend(&columns);
            detected.segments.push(column);
            segments.push(Segment { name, columns });
        }
        detected.segment = detected.segments.first().cloned();
        Ok(segments)
    }

    /// The completion date column for waves: named in `columns.date`, else
    /// the tool's own, else the first a date word names whose sampled values
    /// are mostly dates; with the order its day and month are written in (a
    /// guess, warned about, when no date tells).
    fn date_column(
        &self,
        source: ExportSource,
        config: &SurveyConfig,
        warnings: &mut Vec<Warning>,
    ) -> Result<(usize, DateOrder), InputError> {
        let mut problems = Vec::new();
        let named = match &config.columns.date {
            Some(name) => named_column(self.headers, &self.normalized, "date", name, &mut problems),
            None => None,
        };
        if !problems.is_empty() {
            return Err(InputError::new("survey", problems));
        }
        let tool_columns: &[&str] = match source {
            ExportSource::Qualtrics => &["recordeddate", "enddate"],
            ExportSource::Surveymonkey => &["end date"],
            ExportSource::Typeform => &["submit date (utc)", "submitted at"],
            ExportSource::GoogleForms => &["timestamp"],
            ExportSource::MsForms => &["completion time"],
            _ => &[],
        };
        let texts = |i: usize| -> Vec<&str> {
            self.values(i)
                .into_iter()
                .filter_map(|v| std::str::from_utf8(v).ok())
                .collect()
        };
        let mostly_dates = |i: usize| {
            let values = texts(i);
            let read = values
                .iter()
                .filter(|v| {
                    dates::parse(v, DateOrder::MonthDay)
                        .or(dates::parse(v, DateOrder::DayMonth))
                        .is_some()
                })
                .count();
            !values.is_empty() && read * 2 >= values.len()
        };
        let found = named
            .or_else(|| {
                tool_columns
                    .iter()
                    .find_map(|name| self.normalized.iter().position(|h| h == name))
            })
            .or_else(|| {
                (0..self.headers.len())
                    .find(|i| DATE_WORDS.iter().any(|k| self.matches(*i, k)) && mostly_dates(*i))
            });
        let Some(i) = found else {
            let (path, value, purpose) = config.waves.map_or(
                (
                    "options.behaviour",
                    "answers joined to behaviour".into(),
                    "to place each answer among its user's days",
                ),
                |w| {
                    (
                        "options.waves",
                        format!("waves by {}", w.as_str()),
                        "to split the answers by",
                    )
                },
            );
            let list = header_list(self.headers);
            let expected = format!("a completion date column {purpose} (none found among {list}); name it in options.columns.date");
            return Err(InputError::new(
                "survey",
                vec![Problem::new(path, value, expected)],
            ));
        };
        let default = match source {
            ExportSource::Surveymonkey | ExportSource::MsForms => DateOrder::MonthDay,
            _ => config.date_order.unwrap_or(DateOrder::MonthDay),
        };
        let (order, guessed) = dates::order_of(&texts(i), config.date_order.unwrap_or(default));
        if guessed && config.date_order.is_none() {
            warnings.push(Warning::new(
                "date_order",
                "columns.date",
                format!(
                    "no date in \"{}\" tells whether its day or its month comes first (none above 12): read as {}; \
                     if that is wrong, pass options.dateOrder = \"{}\"",
                    self.headers[i],
                    order.as_str(),
                    match order {
                        DateOrder::MonthDay => DateOrder::DayMonth.as_str(),
                        DateOrder::DayMonth => DateOrder::MonthDay.as_str(),
                    }
                ),
            ));
        }
        Ok((i, config.date_order.unwrap_or(order)))
    }

    /// The columns an export split column `i`'s question into (SurveyMonkey
    /// names each "question - option" under the question): `i` alone
    /// when it is not split.
    fn split_columns(&self, i: usize) -> Vec<usize> {
        let question = &self.questions[i];
        let split = |j: usize| {
            !question.is_empty()
                && self.questions[j] == *question
                && self.headers[j]
                    .strip_prefix(question.as_str())
                    .is_some_and(|rest| rest.starts_with(" - "))
        };
        if !split(i) {
            return vec![i];
        }
        (0..self.headers.len()).filter(|j| split(*j)).collect()
    }

    /// Whether column `i` is one of the split columns of a segment already found.
    fn in_split_of(&self, starts: &[(usize, &str)], i: usize) -> bool {
        starts
            .iter()
            .any(|(s, _)| self.split_columns(*s).contains(&i))
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
        let nps = if p.nps.is_some() {
            None
        } else {
            candidates.iter().find(|i| {
                sniff_column(self.sample, **i, looks_like_nps) && !self.lookalike(**i, true)
            })
        };
        if let Some(&i) = nps {
            p.nps = Some(i);
            detected.nps = Some(DetectedColumn::new(&self.headers[i], i, "values"));
            self.taken.push(i);
        }
        let pmf = if p.pmf.is_some() {
            None
        } else {
            candidates.iter().find(|i| {
                !self.taken.contains(i) && sniff_column(self.sample, **i, looks_like_ellis)
            })
        };
        if let Some(&i) = pmf {
            p.pmf = Some(i);
            detected.pmf = Some(DetectedColumn::new(&self.headers[i], i, "values"));
        }
    }
}

/// Each column's words: its normalised header's and its question text's.
pub(super) fn header_words(normalized: &[String], questions: &[String]) -> Vec<Vec<String>> {
    normalized
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let question = questions
                .get(i)
                .map(|q| normalize_header(q))
                .unwrap_or_default();
            [h.as_str(), question.as_str()]
                .iter()
                .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// A question to find: its column slot, its detection record, where a
/// header match whose answers did not parse goes, its header keywords and
/// the check its sampled answers should pass.
type Question<'a> = (
    &'a mut Option<usize>,
    &'a mut Option<DetectedColumn>,
    &'a mut Option<usize>,
    &'static [Keyword],
    Option<&'a dyn Fn(Cell) -> bool>,
);

/// Per question, a column its header words named whose answers did not
/// parse.
#[derive(Default)]
struct Rejected {
    nps: Option<usize>,
    pmf: Option<usize>,
    csat: Option<usize>,
    segment: Option<usize>,
}

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
const DATE_WORDS: &[Keyword] = &[
    word("date"),
    word("timestamp"),
    stem("submit"),
    stem("complet"),
    word("recorded"),
];
const SEGMENT_WORDS: &[Keyword] = &[
    word("segment"),
    word("persona"),
    word("role"),
    word("job title"),
    word("company size"),
    word("plan"),
    word("industry"),
];
