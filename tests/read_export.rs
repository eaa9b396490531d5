//! `read_export`: what a file is, before any analysis. The survey exports of
//! tests/fixtures/exports/ and events laid out like PostHog's and a plain
//! tool's are told apart by their tools and columns.
#![cfg(all(feature = "survey", feature = "events", not(target_arch = "wasm32")))]

use market_validation::import::{Encoding, ExportKind, ExportSource};
use market_validation::read_export::{read_export, ExportInfo, ExportOptions};
use market_validation::RawValue;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/exports/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn roles(info: &ExportInfo) -> Vec<(String, String, String)> {
    info.columns
        .iter()
        .filter_map(|c| Some((c.role.clone()?, c.header.clone(), c.detected_by.clone()?)))
        .collect()
}

fn options(json: &str) -> ExportOptions {
    ExportOptions::from_raw(&RawValue::from_json_str(json).unwrap()).unwrap()
}

#[test]
fn survey_exports_by_their_tools() {
    let info = read_export(
        &fixture("qualtrics-choice-text.csv"),
        &ExportOptions::default(),
    )
    .unwrap();
    assert_eq!(
        (info.kind, info.source, info.header_rows),
        (ExportKind::Survey, ExportSource::Qualtrics, 3)
    );
    let found = roles(&info);
    assert!(
        found.contains(&("nps".into(), "Q1".into(), "header".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&("pmf".into(), "Q2".into(), "header".into())),
        "{found:?}"
    );
    assert!(
        !found
            .iter()
            .any(|(_, h, _)| h == "Q1_NPS_GROUP" || h == "Q4"),
        "{found:?}"
    );
    assert_eq!(
        info.columns[17].question.as_deref(),
        Some("How likely are you to recommend Acme to a friend or colleague?")
    );

    // Two NPS-like questions: the runner-up is named.
    let two = "How likely are you to recommend Acme?,How likely are you to recommend our support?\n9,3\n7,10\n";
    let info = read_export(two.as_bytes(), &ExportOptions::default()).unwrap();
    assert_eq!(
        info.columns[0].runner_up.as_deref(),
        Some("How likely are you to recommend our support?")
    );

    let info = read_export(&fixture("surveymonkey.csv"), &ExportOptions::default()).unwrap();
    assert_eq!(
        (info.kind, info.source, info.header_rows),
        (ExportKind::Survey, ExportSource::Surveymonkey, 2)
    );

    let info = read_export(
        &fixture("ellis-question-set-utf16.txt"),
        &ExportOptions::default(),
    )
    .unwrap();
    assert_eq!(
        (
            info.kind,
            info.source,
            info.encoding,
            info.delimiter.as_str()
        ),
        (
            ExportKind::Survey,
            ExportSource::GoogleForms,
            Encoding::Utf16le,
            "\t"
        )
    );
}

#[test]
fn events_by_their_columns() {
    let posthog = "uuid,event,distinct_id,person_id,timestamp\n\
                   0190-a,$pageview,anon-1,p-1,2026-11-03T09:00:00Z\n\
                   0190-b,project_created,ana@example.com,p-1,2026-11-03T09:05:00Z\n";
    let info = read_export(posthog.as_bytes(), &ExportOptions::default()).unwrap();
    assert_eq!(
        (info.kind, info.source),
        (ExportKind::Events, ExportSource::Posthog)
    );
    let plain = "user_id,timestamp,plan\nu1,2026-11-03,Team\nu2,2026-11-04,Free\n";
    let info = read_export(plain.as_bytes(), &ExportOptions::default()).unwrap();
    assert_eq!(
        (info.kind, info.source),
        (ExportKind::Events, ExportSource::Unknown)
    );
    let found = roles(&info);
    assert_eq!(
        found,
        [
            ("user".into(), "user_id".into(), "header".into()),
            ("time".into(), "timestamp".into(), "header".into())
        ]
    );
}

#[test]
fn unknown_files_and_bad_options() {
    let info = read_export(
        b"Name,Email\nAda,ada@example.com\n",
        &ExportOptions::default(),
    )
    .unwrap();
    assert_eq!(info.kind, ExportKind::Unknown);
    assert!(info.columns.iter().all(|c| c.role.is_none()));
    // Asked for a survey, a file without questions says why.
    let err = read_export(
        b"Name,Email\nAda,ada@example.com\n",
        &options(r#"{"kind": "survey"}"#),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("a column for at least one question"),
        "{err}"
    );
    let err = ExportOptions::from_raw(
        &RawValue::from_json_str(r#"{"kind": "surveys", "delim": ","}"#).unwrap(),
    )
    .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("options.kind")
            && text.contains("did you mean survey?")
            && text.contains("delim"),
        "{text}"
    );
    assert!(read_export(b"", &ExportOptions::default())
        .unwrap_err()
        .to_string()
        .contains("an empty file"));
}

#[test]
#[cfg(feature = "readers")]
fn json_lines_and_arrays_are_tables_with_their_own_lines() {
    use market_validation::events::{analyze_events_csv, EventsConfig};
    use market_validation::import::Container;
    // Mixpanel's export: one event per line, its fields under "properties".
    let mixpanel = "{\"event\":\"Signed up\",\"properties\":{\"time\":1767225600,\"distinct_id\":\"u1\",\"$insert_id\":\"a1\",\"mp_processing_time_ms\":1767225601000}}\n\
                    {\"event\":\"Viewed\",\"properties\":{\"time\":1767312000,\"distinct_id\":\"u2\",\"$insert_id\":\"a2\",\"mp_processing_time_ms\":1767312001000}}\n\
                    {\"event\":\"Viewed\",\"properties\":{\"time\":1767398400,\"distinct_id\":\"u1\"\n\
                    {\"event\":\"Viewed\",\"properties\":{\"time\":1767398400,\"distinct_id\":\"u1\",\"$insert_id\":\"a3\"}}\n";
    let info = read_export(mixpanel.as_bytes(), &ExportOptions::default()).unwrap();
    assert_eq!(
        (info.kind, info.source, info.container),
        (
            ExportKind::Events,
            ExportSource::Mixpanel,
            Container::JsonLines
        )
    );
    assert!(
        roles(&info).contains(&(
            "user".into(),
            "properties.distinct_id".into(),
            // Mixpanel's own column, from its profile.
            "source".into()
        )),
        "{:?}",
        roles(&info)
    );
    let r = analyze_events_csv(mixpanel.as_bytes(), &EventsConfig::default()).unwrap();
    assert_eq!((r.analysis.events, r.analysis.users), (3, 2));
    // The broken third line is reported by its line in the file.
    assert_eq!(r.read.skipped.count, 1);
    assert_eq!(
        r.read.skipped.first[0].line,
        Some(3),
        "{:?}",
        r.read.skipped.first
    );
    assert!(r.read.skipped.first[0].reason.starts_with("not valid JSON"));
    // A survey as a JSON array.
    let survey = b"[\n {\"How likely are you to recommend Acme?\": 10, \"role\": \"Dev\"},\n {\"How likely are you to recommend Acme?\": 3, \"role\": \"PM\"}\n]";
    let r = market_validation::survey::analyze_survey_csv(
        survey,
        &market_validation::survey::SurveyConfig::default(),
    )
    .unwrap();
    assert_eq!(r.nps.unwrap().score, 0.0);
    let info = read_export(survey, &ExportOptions::default()).unwrap();
    assert_eq!(
        (info.kind, info.container),
        (ExportKind::Survey, Container::JsonArray)
    );
}

#[test]
#[cfg(feature = "readers")]
fn gzip_compressed_exports_and_zip_archives() {
    use flate2::write::GzEncoder;
    use std::io::Write;
    let csv = std::fs::read(format!(
        "{}/tests/fixtures/exports/qualtrics-choice-text.csv",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let mut e = GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(&csv).unwrap();
    let gz = e.finish().unwrap();
    let info = read_export(&gz, &ExportOptions::default()).unwrap();
    assert_eq!(
        (info.source, info.compression.as_deref(), info.header_rows),
        (ExportSource::Qualtrics, Some("gzip"), 3)
    );
    let plain = market_validation::survey::analyze_survey_csv(&csv, &Default::default()).unwrap();
    let packed = market_validation::survey::analyze_survey_csv(&gz, &Default::default()).unwrap();
    assert_eq!(plain.nps, packed.nps);
    assert_eq!(plain.skipped, packed.skipped, "the same lines reported");
    let err = read_export(b"PK\x03\x04rest of a zip", &ExportOptions::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("a zip archive"), "{err}");
}

#[test]
#[cfg(feature = "readers")]
fn a_big_file_is_told_from_its_head() {
    use flate2::write::GzEncoder;
    use market_validation::import::{decode_head, HEAD_BYTES};
    use std::io::Write;
    let mut csv = String::from("user_id,timestamp,plan\n");
    let mut i = 0;
    while csv.len() <= HEAD_BYTES + 1000 {
        csv.push_str(&format!(
            "user-{i},2026-11-{:02}T09:00:00Z,\"Team, annual\"\n",
            1 + i % 28
        ));
        i += 1;
    }
    let small: String = csv.lines().take(50).map(|l| format!("{l}\n")).collect();
    let expected = read_export(small.as_bytes(), &ExportOptions::default()).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(csv.encode_utf16().flat_map(u16::to_le_bytes));
    let mut e = GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(csv.as_bytes()).unwrap();
    let gz = e.finish().unwrap();
    for (name, bytes) in [
        ("utf-8", csv.as_bytes()),
        ("utf-16", &utf16[..]),
        ("gzip", &gz[..]),
    ] {
        let head = decode_head(bytes, "export").unwrap();
        assert!(
            head.text.len() <= HEAD_BYTES && head.text.ends_with(b"Z,\"Team, annual\"\n"),
            "{name}: cut after a whole line"
        );
        let info = read_export(bytes, &ExportOptions::default()).unwrap();
        assert_eq!(
            (info.kind, &info.columns),
            (expected.kind, &expected.columns),
            "{name}"
        );
    }
}

fn usability_fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/usability/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The standard SUS statements, as a survey tool's headers.
const SUS: [&str; 10] = [
    "I think that I would like to use this product frequently",
    "I found the product unnecessarily complex",
    "I thought the product was easy to use",
    "I think that I would need the support of a technical person to be able to use this product",
    "I found the various functions in this product were well integrated",
    "I thought there was too much inconsistency in this product",
    "I would imagine that most people would learn to use this product very quickly",
    "I found the product very cumbersome to use",
    "I felt very confident using the product",
    "I needed to learn a lot of things before I could get going with this product",
];

#[test]
fn usability_tests_by_their_columns() {
    // A usability tool's task table with the SUS on every row: no tool, told by its columns.
    let info = read_export(
        &usability_fixture("task-table.csv"),
        &ExportOptions::default(),
    )
    .unwrap();
    assert_eq!(
        (info.kind, info.source),
        (ExportKind::Usability, ExportSource::Unknown)
    );
    assert!(info.also_holds.is_empty());
    let found = roles(&info);
    for (role, header) in [
        ("participant", "Participant ID"),
        ("task", "Task"),
        ("success", "Task success"),
        ("time", "Time on task (s)"),
        ("seq", "SEQ"),
        ("sus1", "SUS1"),
        ("sus10", "SUS10"),
    ] {
        assert!(
            found.contains(&(role.into(), header.into(), "header".into())),
            "{role}: {found:?}"
        );
    }
    assert_eq!(found.len(), 15, "{found:?}");
    // Numbered statements: the version is assumed, and said.
    assert!(
        info.warnings
            .iter()
            .any(|w| w.code == "sus_version_assumed"),
        "{:?}",
        info.warnings
    );

    // Survey tools' exports whose only questions are usability ones.
    let info = read_export(
        &usability_fixture("qualtrics-sus.csv"),
        &ExportOptions::default(),
    )
    .unwrap();
    assert_eq!(
        (info.kind, info.source, info.header_rows),
        (ExportKind::Usability, ExportSource::Qualtrics, 3)
    );
    let found = roles(&info);
    assert!(found.contains(&("sus1".into(), "Q2_1".into(), "header".into())));
    assert!(found.contains(&("umuxLiteEase".into(), "Q3_2".into(), "header".into())));
    // Qualtrics' Status and Duration are no task's outcome and time: there is no task.
    assert_eq!(found.len(), 12, "{found:?}");
    assert!(info.warnings.is_empty(), "{:?}", info.warnings);
    let info = read_export(
        &usability_fixture("surveymonkey-sus.csv"),
        &ExportOptions::default(),
    )
    .unwrap();
    assert_eq!(
        (info.kind, info.source),
        (ExportKind::Usability, ExportSource::Surveymonkey)
    );
    let info = read_export(
        &usability_fixture("sus-zero-to-four.csv"),
        &ExportOptions::default(),
    )
    .unwrap();
    assert_eq!(info.kind, ExportKind::Usability);
}

#[test]
fn a_survey_that_also_asks_the_sus_stays_a_survey() {
    let header = std::iter::once("How likely are you to recommend Acme?")
        .chain(SUS)
        .collect::<Vec<_>>()
        .join(",");
    let csv = format!("{header}\n9,4,2,4,1,4,2,5,2,4,1\n6,3,3,3,2,3,3,3,3,3,3\n");
    let info = read_export(csv.as_bytes(), &ExportOptions::default()).unwrap();
    assert_eq!(info.kind, ExportKind::Survey);
    assert_eq!(info.also_holds, [ExportKind::Usability]);
    // The columns carry the survey's roles; asked for the usability test, its own.
    assert_eq!(
        roles(&info),
        [(
            "nps".into(),
            "How likely are you to recommend Acme?".into(),
            "header".into()
        )]
    );
    let info = read_export(csv.as_bytes(), &options(r#"{"kind": "usability"}"#)).unwrap();
    assert_eq!(info.kind, ExportKind::Usability);
    assert!(info.also_holds.is_empty());
    assert_eq!(roles(&info).len(), 10);
    assert_eq!(info.columns[0].role, None);

    // The survey fixtures of tools' exports hold no usability test.
    for name in [
        "qualtrics-choice-text.csv",
        "qualtrics-numeric.csv",
        "surveymonkey.csv",
        "typeform.csv",
        "google-forms.csv",
        "ellis-question-set.csv",
        "ms-forms-excel-de.csv",
    ] {
        let info = read_export(&fixture(name), &ExportOptions::default()).unwrap();
        assert_eq!(
            (info.kind, info.also_holds.len()),
            (ExportKind::Survey, 0),
            "{name}"
        );
    }
}

#[test]
fn usability_columns_against_events_and_missing_ones() {
    // An events table with a task property and its time: events (a task with only a time
    // is no usability test's mark); with an outcome column, a task table.
    let events = "user_id,time,task\nu1,2026-11-03T09:00:00Z,Write\nu2,2026-11-04T09:00:00Z,Read\n";
    let info = read_export(events.as_bytes(), &ExportOptions::default()).unwrap();
    assert_eq!(info.kind, ExportKind::Events);
    let tasks = "user,task,success,time\nu1,Checkout,1,34\nu2,Checkout,0,120\n";
    let info = read_export(tasks.as_bytes(), &ExportOptions::default()).unwrap();
    assert_eq!(info.kind, ExportKind::Usability);
    assert!(
        info.warnings.iter().any(|w| w.code == "time_unit_assumed"),
        "{:?}",
        info.warnings
    );
    // Asked for a usability test, a file without one says what it lacks.
    let err = read_export(
        b"How likely are you to recommend Acme?\n9\n",
        &options(r#"{"kind": "usability"}"#),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("a task table (participant, task, success, seconds; SEQ optional) or the ten SUS statements"),
        "{err}"
    );
}
