//! Which tool wrote an export, from its header: each tool writes columns of
//! its own (Qualtrics `ResponseId` and `Finished`, SurveyMonkey `Respondent
//! ID` and `Collector ID`, GA4 `event_timestamp` and `user_pseudo_id`...).
//! The source decides the header rows, what marks an unfinished response,
//! and which columns are metadata rather than answers.

use serde::Serialize;

/// A tool whose exports the library knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum ExportSource {
    /// Qualtrics (CSV or TSV export, three header rows).
    Qualtrics,
    /// SurveyMonkey (two header rows).
    Surveymonkey,
    /// Typeform.
    Typeform,
    /// Google Forms (its Sheets download).
    GoogleForms,
    /// Microsoft Forms (its Excel export).
    MsForms,
    /// Delighted.
    Delighted,
    /// Hotjar surveys.
    Hotjar,
    /// PostHog events.
    Posthog,
    /// Mixpanel events.
    Mixpanel,
    /// Amplitude events.
    Amplitude,
    /// Segment or RudderStack warehouse tables.
    Segment,
    /// Google Analytics 4's BigQuery export.
    Ga4,
    /// Heap.
    Heap,
    /// None recognised: columns are found by their names and values.
    Unknown,
}

/// What a file holds, as far as its header tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum ExportKind {
    /// Survey answers: a row per respondent.
    Survey,
    /// Usage events: a row per event.
    Events,
    /// A usability test: a task table (a row per attempt) and/or the System Usability
    /// Scale or UMUX-Lite (a row per respondent). Told by its columns, never by its tool.
    Usability,
    /// Not told by the header.
    Unknown,
}

impl ExportSource {
    /// What the tool exports.
    pub fn kind(self) -> ExportKind {
        match self {
            ExportSource::Qualtrics
            | ExportSource::Surveymonkey
            | ExportSource::Typeform
            | ExportSource::GoogleForms
            | ExportSource::MsForms
            | ExportSource::Delighted
            | ExportSource::Hotjar => ExportKind::Survey,
            ExportSource::Posthog
            | ExportSource::Mixpanel
            | ExportSource::Amplitude
            | ExportSource::Segment
            | ExportSource::Ga4
            | ExportSource::Heap => ExportKind::Events,
            ExportSource::Unknown => ExportKind::Unknown,
        }
    }

    /// The name results and messages use (`qualtrics`, `google-forms`).
    pub fn id(self) -> &'static str {
        match self {
            ExportSource::Qualtrics => "qualtrics",
            ExportSource::Surveymonkey => "surveymonkey",
            ExportSource::Typeform => "typeform",
            ExportSource::GoogleForms => "google-forms",
            ExportSource::MsForms => "ms-forms",
            ExportSource::Delighted => "delighted",
            ExportSource::Hotjar => "hotjar",
            ExportSource::Posthog => "posthog",
            ExportSource::Mixpanel => "mixpanel",
            ExportSource::Amplitude => "amplitude",
            ExportSource::Segment => "segment",
            ExportSource::Ga4 => "ga4",
            ExportSource::Heap => "heap",
            ExportSource::Unknown => "unknown",
        }
    }
}

/// Each tool's signature: columns that together only its exports have
/// (names compared without case; every group needs one of its names).
const SIGNATURES: &[(ExportSource, &[&[&str]])] = &[
    (
        ExportSource::Qualtrics,
        &[&["responseid", "_recordid"], &["finished", "recordeddate"]],
    ),
    (
        ExportSource::Surveymonkey,
        &[&["respondent id"], &["collector id"]],
    ),
    (
        ExportSource::Typeform,
        &[
            &["submit date (utc)", "submitted at"],
            &["network id", "start date (utc)", "response type"],
        ],
    ),
    (
        ExportSource::MsForms,
        &[&["id"], &["start time"], &["completion time"]],
    ),
    (
        ExportSource::Ga4,
        &[&["event_timestamp"], &["user_pseudo_id"]],
    ),
    (
        ExportSource::Amplitude,
        &[&["amplitude_id"], &["event_type"]],
    ),
    (
        ExportSource::Segment,
        &[
            &["anonymous_id"],
            &["original_timestamp", "received_at", "sent_at"],
        ],
    ),
    (
        ExportSource::Mixpanel,
        &[
            &["distinct_id", "properties.distinct_id"],
            &[
                "$insert_id",
                "properties.$insert_id",
                "mp_processing_time_ms",
                "properties.mp_processing_time_ms",
            ],
        ],
    ),
    (
        ExportSource::Posthog,
        &[
            &["distinct_id", "person_id"],
            &[
                "uuid",
                "$session_id",
                "properties.$session_id",
                "elements_chain",
            ],
        ],
    ),
    (
        ExportSource::Heap,
        &[&["event_id"], &["session_id"], &["user_id"], &["time"]],
    ),
    (
        ExportSource::Delighted,
        &[
            &["score"],
            &["comment"],
            // Its dashboard's CSV (unverified), or its API's JSON.
            &["created at", "response timestamp", "permalink"],
        ],
    ),
    (
        ExportSource::Hotjar,
        &[&["number"], &["user"], &["date submitted"]],
    ),
];

/// The tool whose signature the header's names carry; `Unknown` when none
/// does. Google Forms writes nothing of its own but a first column
/// `Timestamp`, so it is recognised last, by that.
pub fn detect(names: &[String]) -> ExportSource {
    let lower: Vec<String> = names.iter().map(|n| n.trim().to_lowercase()).collect();
    let has = |name: &str| lower.iter().any(|n| n == name);
    for (source, groups) in SIGNATURES {
        if groups
            .iter()
            .all(|group| group.iter().any(|name| has(name)))
        {
            return *source;
        }
    }
    if lower.first().is_some_and(|n| n == "timestamp") && lower.len() > 1 {
        return ExportSource::GoogleForms;
    }
    ExportSource::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn survey_tools() {
        let cases: [(&[&str], ExportSource); 6] = [
            (
                &[
                    "StartDate",
                    "EndDate",
                    "Status",
                    "Progress",
                    "Finished",
                    "RecordedDate",
                    "ResponseId",
                    "Q1",
                ],
                ExportSource::Qualtrics,
            ),
            (
                &[
                    "Respondent ID",
                    "Collector ID",
                    "Start Date",
                    "End Date",
                    "How likely...",
                ],
                ExportSource::Surveymonkey,
            ),
            (
                &[
                    "#",
                    "How likely...",
                    "Start Date (UTC)",
                    "Submit Date (UTC)",
                    "Network ID",
                ],
                ExportSource::Typeform,
            ),
            (
                &[
                    "ID",
                    "Start time",
                    "Completion time",
                    "Email",
                    "Name",
                    "How likely...",
                ],
                ExportSource::MsForms,
            ),
            (
                &["Timestamp", "How likely are you to recommend us?"],
                ExportSource::GoogleForms,
            ),
            (&["user_id", "timestamp", "score"], ExportSource::Unknown),
        ];
        for (header, expected) in cases {
            assert_eq!(detect(&names(header)), expected, "{header:?}");
        }
    }

    #[test]
    fn event_tools() {
        let cases: [(&[&str], ExportSource); 4] = [
            (
                &[
                    "event_date",
                    "event_timestamp",
                    "event_name",
                    "user_pseudo_id",
                    "user_id",
                ],
                ExportSource::Ga4,
            ),
            (
                &[
                    "amplitude_id",
                    "user_id",
                    "event_type",
                    "event_time",
                    "client_event_time",
                ],
                ExportSource::Amplitude,
            ),
            (
                &[
                    "id",
                    "anonymous_id",
                    "user_id",
                    "event",
                    "timestamp",
                    "original_timestamp",
                    "received_at",
                ],
                ExportSource::Segment,
            ),
            (
                &[
                    "uuid",
                    "event",
                    "distinct_id",
                    "person_id",
                    "timestamp",
                    "properties.$session_id",
                ],
                ExportSource::Posthog,
            ),
        ];
        for (header, expected) in cases {
            assert_eq!(detect(&names(header)), expected, "{header:?}");
            assert_eq!(expected.kind(), ExportKind::Events);
        }
    }
}
