//! Usability tests read from exports laid out as their tools write them
//! (tests/fixtures/usability/make_fixtures.py), against figures that script
//! computes independently of the library (expected.json); and the task
//! intervals against statsmodels and scipy (independent_intervals.py).

#![cfg(feature = "survey")]

use market_validation::research::tasks::{completion_rate, task_time};
use market_validation::research::{analyze_usability, UsabilityConfig, UsabilityReport};
use market_validation::RawValue;
use serde_json::Value;

#[path = "support/fixtures.rs"]
mod fixtures;

fn fixture(name: &str) -> Vec<u8> {
    fixtures::fixture("usability", name)
}

fn expected(name: &str) -> Value {
    fixtures::expected("usability", name)
}

fn read(name: &str, options: &str) -> UsabilityReport {
    let config = UsabilityConfig::from_raw(&RawValue::from_json_str(options).unwrap()).unwrap();
    analyze_usability(&fixture(name), &config).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn close(got: f64, want: &Value, what: &str) {
    let want = want.as_f64().unwrap_or_else(|| panic!("{what}: no figure"));
    assert!((got - want).abs() < 1e-9, "{what}: {got} against {want}");
}

fn pair(got: Option<[f64; 2]>, want: &Value, what: &str) {
    let got = got.unwrap_or_else(|| panic!("{what}: no interval"));
    close(got[0], &want[0], what);
    close(got[1], &want[1], what);
}

#[test]
fn a_task_table_with_the_sus_on_every_row() {
    let r = read("task-table.csv", "{}");
    let e = expected("task-table");
    assert_eq!(r.participants as u64, e["participants"].as_u64().unwrap());
    let sus = r.sus.as_ref().unwrap();
    let s = sus.summary.as_ref().unwrap();
    assert_eq!(
        s.respondents as u64,
        e["sus"]["n"].as_u64().unwrap(),
        "each participant once"
    );
    close(s.mean, &e["sus"]["mean"], "SUS mean");
    pair(s.interval, &e["sus"]["interval"], "SUS interval");
    assert_eq!((sus.version, sus.version_by), ("standard", "assumed"));
    let scores: usize = sus.scores.iter().map(|c| c.count).sum();
    assert_eq!(scores, 12);
    assert_eq!(sus.grades.iter().map(|g| g.count).sum::<usize>(), 12);
    assert_eq!(r.tasks.len(), 3);
    for (task, want) in r.tasks.iter().zip(e["tasks"].as_array().unwrap()) {
        let name = want["task"].as_str().unwrap();
        assert_eq!(task.task, name);
        let c = task.completion.as_ref().unwrap();
        assert_eq!(
            c.successes as u64,
            want["completion"]["successes"].as_u64().unwrap(),
            "{name}"
        );
        assert_eq!(
            c.attempts as u64,
            want["completion"]["attempts"].as_u64().unwrap(),
            "{name}"
        );
        assert_eq!(c.method, "agresti-coull");
        pair(Some(c.interval), &want["completion"]["interval"], name);
        assert_eq!(
            task.partial as u64,
            want["partial"].as_u64().unwrap(),
            "{name}"
        );
        assert_eq!(
            task.not_attempted as u64,
            want["notAttempted"].as_u64().unwrap(),
            "{name}"
        );
        let t = task.time.as_ref().unwrap();
        assert_eq!(
            t.times as u64,
            want["time"]["times"].as_u64().unwrap(),
            "{name} times"
        );
        close(t.geometric_mean, &want["time"]["geometricMean"], name);
        pair(t.interval, &want["time"]["interval"], name);
        let q = task.seq.as_ref().unwrap();
        close(q.mean, &want["seq"]["mean"], name);
        pair(q.interval, &want["seq"]["interval"], name);
        assert_eq!(task.time_of, "successes");
    }
    assert_eq!(
        r.skipped.count,
        e["skipped"].as_u64().unwrap(),
        "{:?}",
        r.skipped
    );
    assert!(
        r.skipped.first.iter().all(|i| i.line.is_some()),
        "lines given"
    );
    assert_eq!(
        (r.time_unit.unit, r.time_unit.chosen_by),
        ("seconds", "header")
    );
    assert!(r.warnings.iter().any(|w| w.code == "sus_version_assumed"));
    assert_eq!(r.columns["task"].header, "Task");
    // The averages the page draws the SUS mean and the SEQ means against.
    assert_eq!((r.sus_average, r.seq_average), (68.0, 5.5));
}

#[test]
fn qualtrics_matrix_sus_and_umux_lite() {
    let r = read("qualtrics-sus.csv", "{}");
    let e = expected("qualtrics-sus");
    let sus = r.sus.as_ref().unwrap();
    let s = sus.summary.as_ref().unwrap();
    assert_eq!(s.respondents as u64, e["sus"]["n"].as_u64().unwrap());
    close(s.mean, &e["sus"]["mean"], "SUS mean");
    pair(s.interval, &e["sus"]["interval"], "SUS interval");
    assert_eq!(
        sus.incomplete as u64,
        e["sus"]["incomplete"].as_u64().unwrap()
    );
    assert_eq!((sus.version, sus.version_by), ("standard", "wording"));
    let u = r.umux_lite.as_ref().unwrap();
    close(u.mean.unwrap(), &e["umuxLite"]["mean"], "UMUX-Lite mean");
    pair(u.interval, &e["umuxLite"]["interval"], "UMUX-Lite interval");
    close(
        u.sus_estimate.unwrap(),
        &e["umuxLite"]["susEstimate"],
        "SUS estimate",
    );
    assert_eq!(r.file.header_rows, 3);
    assert!(r.tasks.is_empty());
    // Without a task column, Qualtrics' Status and Duration are not read as a task's
    // outcome and time, nor is their unit guessed.
    assert!(
        !r.columns.contains_key("success") && !r.columns.contains_key("time"),
        "{:?}",
        r.columns.keys()
    );
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    // The author's preview and the unfinished response are left out, each with its reason and
    // line (24 and 25: three header rows, then twenty responses), as analyzeSurvey
    // leaves them out; options.includePartial reads the unfinished one, an incomplete SUS.
    assert_eq!(r.participants as u64, e["participants"].as_u64().unwrap());
    let left_out = |r: &UsabilityReport, word: &str| {
        r.skipped
            .by_reason
            .iter()
            .find(|(reason, _)| reason.contains(word))
            .map_or(0, |(_, n)| *n)
    };
    assert_eq!(
        left_out(&r, "preview"),
        e["leftOut"]["preview"].as_u64().unwrap()
    );
    assert_eq!(
        left_out(&r, "unfinished"),
        e["leftOut"]["unfinished"].as_u64().unwrap()
    );
    let line_of = |word: &str| {
        r.skipped
            .first
            .iter()
            .find(|i| i.reason.contains(word))
            .and_then(|i| i.line)
    };
    assert_eq!(
        (line_of("preview"), line_of("unfinished")),
        (Some(24), Some(25))
    );
    let partial = read("qualtrics-sus.csv", r#"{"includePartial": true}"#);
    let with = &e["withPartial"];
    assert_eq!(
        partial.participants as u64,
        with["participants"].as_u64().unwrap()
    );
    let sus = partial.sus.as_ref().unwrap();
    assert_eq!(sus.incomplete as u64, with["incomplete"].as_u64().unwrap());
    close(
        sus.summary.as_ref().unwrap().mean,
        &e["sus"]["mean"],
        "SUS mean",
    );
    assert_eq!(left_out(&partial, "unfinished"), 0);
    assert_eq!(left_out(&partial, "preview"), 1);
}

#[test]
fn surveymonkey_sus_grid_with_labels_and_numbers() {
    let r = read("surveymonkey-sus.csv", "{}");
    let e = expected("surveymonkey-sus");
    let s = r.sus.as_ref().unwrap().summary.clone().unwrap();
    assert_eq!(s.respondents as u64, e["sus"]["n"].as_u64().unwrap());
    close(s.mean, &e["sus"]["mean"], "SUS mean");
    pair(s.interval, &e["sus"]["interval"], "SUS interval");
    assert_eq!(r.file.header_rows, 2);
}

#[test]
fn answers_coded_from_zero() {
    let r = read("sus-zero-to-four.csv", "{}");
    let e = expected("sus-zero-to-four");
    let sus = r.sus.as_ref().unwrap();
    assert_eq!((sus.coding, sus.coding_by), ("0-4", "values"));
    assert!(r
        .warnings
        .iter()
        .any(|w| w.code == "sus_coding_zero_to_four"));
    close(
        sus.summary.as_ref().unwrap().mean,
        &e["sus"]["mean"],
        "SUS mean",
    );
    // Told otherwise, a 0 is an answer off the scale: its respondent is not
    // scored, and each 0 is reported.
    let told = read("sus-zero-to-four.csv", r#"{"susCoding": "1-5"}"#);
    let scored = told
        .sus
        .as_ref()
        .unwrap()
        .summary
        .as_ref()
        .map_or(0, |s| s.respondents);
    let zeros = std::str::from_utf8(&fixture("sus-zero-to-four.csv"))
        .unwrap()
        .lines()
        .skip(1)
        .filter(|l| l.split(',').skip(1).any(|a| a == "0"))
        .count();
    assert_eq!(scored, 10 - zeros);
    assert!(told.skipped.count as usize >= zeros);
    assert_eq!(told.sus.as_ref().unwrap().coding_by, "option");
}

#[test]
fn files_without_usability_questions_and_bad_options() {
    let err =
        analyze_usability(b"name,email\nAda,a@b.c\n", &UsabilityConfig::default()).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("name | email") && text.contains("SUS"),
        "{text}"
    );
    let raw = RawValue::from_json_str(r#"{"columns": {"task": "Tsk"}}"#).unwrap();
    let config = UsabilityConfig::from_raw(&raw).unwrap();
    let err = analyze_usability(&fixture("task-table.csv"), &config)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("options.columns.task") && err.contains("did you mean \"Task\""),
        "{err}"
    );
}

#[test]
fn times_of_all_attempts_and_partial_successes_when_asked() {
    let r = read(
        "task-table.csv",
        r#"{"times": "all", "partial": "success"}"#,
    );
    let base = read("task-table.csv", "{}");
    for (all, default) in r.tasks.iter().zip(&base.tasks) {
        let (a, d) = (
            all.completion.as_ref().unwrap(),
            default.completion.as_ref().unwrap(),
        );
        assert_eq!(a.attempts, d.attempts);
        assert_eq!(a.successes, d.successes + all.partial, "{}", all.task);
        assert!(all.time.as_ref().unwrap().times >= default.time.as_ref().unwrap().times);
        assert_eq!(all.time_of, "all");
    }
}

/// The adjusted-Wald interval of every count of successes of 1 to 30
/// attempts at 90, 95 and 99%, and 200 task-time intervals, against
/// statsmodels' `proportion_confint(method="agresti_coull")` and numpy /
/// scipy's t quantile (independent_intervals.json).
#[test]
fn task_intervals_agree_with_statsmodels_and_scipy() {
    let all: Value = serde_json::from_slice(&fixture("independent_intervals.json")).expect("JSON");
    let near = |got: f64, want: &Value, what: &str| {
        let want = want.as_f64().expect("a figure");
        assert!(
            (got - want).abs() <= 1e-12 * want.abs().max(1.0),
            "{what}: {got} against {want}"
        );
    };
    let completion = all["completion"].as_array().expect("completion cases");
    assert_eq!(completion.len(), 3 * (2..=31).sum::<usize>());
    for case in completion {
        let (x, n) = (
            case["successes"].as_u64().unwrap(),
            case["attempts"].as_u64().unwrap(),
        );
        let level = case["confidence"].as_f64().unwrap();
        let what = format!("{x} of {n} at {level}");
        let r = completion_rate(x as usize, n as usize, level).expect("an interval");
        near(r.interval[0], &case["interval"][0], &what);
        near(r.interval[1], &case["interval"][1], &what);
    }
    let times = all["taskTimes"].as_array().expect("task-time cases");
    assert_eq!(times.len(), 200);
    for (i, case) in times.iter().enumerate() {
        let sample: Vec<f64> = case["times"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_f64().unwrap())
            .collect();
        let level = case["confidence"].as_f64().unwrap();
        let t = task_time(&sample, level).expect("a time");
        let what = format!("times case {i}");
        near(t.geometric_mean, &case["geometricMean"], &what);
        let [low, high] = t.interval.expect("an interval");
        near(low, &case["interval"][0], &what);
        near(high, &case["interval"][1], &what);
    }
}
