//! The `timescope` command-line tool, run as a newsroom would run it.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn fixture_in(dir: &str, name: &str) -> String {
    format!("{}/tests/fixtures/{dir}/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> String {
    fixture_in("timelinejs3", name)
}

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_timescope"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(s) = stdin {
        child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn check_summarises_each_file_and_exits_0() {
    let o = run(
        &[
            "check",
            &fixture("houston.json"),
            &fixture("women_in_computing.csv"),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("houston.json: TimelineJS3 JSON, 18 events, 0 eras, 9 Aug 1963 – 11 Feb 2012, no warnings"), "{out}");
    assert!(
        out.contains("women_in_computing.csv: TimelineJS CSV, 10 events"),
        "{out}"
    );
}

#[test]
fn check_json_prints_one_object_per_file_and_lists_warnings() {
    let bad =
        r#"{"events": [{"start_date": {"year": "2018", "month": "13"}}, {"start": "2018-09-08"}]}"#;
    let o = run(&["check", "--json", "-", &fixture("eras.json")], Some(bad));
    assert_eq!(o.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["file"], "-");
    assert_eq!(lines[0]["format"], "timelinejs3");
    assert_eq!(lines[0]["events"], 1);
    assert_eq!(
        lines[0]["warnings"][0]["path"],
        "events[0].start_date.month"
    );
    assert!(lines[0]["error"].is_null());
    assert_eq!(lines[1]["eras"], 3);
}

#[test]
fn a_file_that_cannot_load_exits_1_with_line_and_column() {
    let o = run(
        &["check", "--json", "-"],
        Some("{\"events\": [\n  {\"start\": 2018,,}\n]}"),
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["error"]["line"], 2);
    assert_eq!(v["error"]["column"], 18);
    assert_eq!(v["events"], 0);
    let o = run(&["check", "-"], Some("{\"events\": [{\"start\": \"x\"}]}"));
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.starts_with("-: error: none of the events could be loaded"),
        "{out}"
    );
    assert!(
        out.contains("\n  events[0].start: \"x\" is not an ISO 8601 date"),
        "{out}"
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&[], None).status.code(), Some(2));
    assert_eq!(run(&["check"], None).status.code(), Some(2));
    assert_eq!(run(&["check", "--yaml", "x"], None).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"], None).status.code(), Some(2));
    assert_eq!(run(&["convert", "a", "b"], None).status.code(), Some(2));
    assert_eq!(run(&["--help"], None).status.code(), Some(0));
}

#[test]
fn convert_writes_native_json_that_loads_back_identically() {
    for name in [
        "women_in_computing.csv",
        "twain-marktwain.json",
        "eras.json",
        "cosmo-mixed.json",
        "all-media-types.json",
    ] {
        let o = run(&["convert", &fixture(name)], None);
        assert_eq!(o.status.code(), Some(0), "{name}");
        let native = stdout(&o);
        let back = timescope::parse::parse(&native, &Default::default()).unwrap();
        assert_eq!(back.format, timescope::parse::Format::Native, "{name}");
        assert!(back.warnings.is_empty(), "{name}: {:?}", back.warnings);
        let again =
            serde_json::to_string_pretty(&timescope::parse::native::document(&back.dataset))
                .unwrap();
        assert!(
            again.trim() == native.trim(),
            "{name}: the round trip changed the data"
        );
        let original = std::fs::read_to_string(fixture(name)).unwrap();
        let orig = timescope::parse::parse(&original, &Default::default()).unwrap();
        assert_eq!(orig.dataset.len(), back.dataset.len(), "{name}");
    }
}

#[test]
fn a_file_cut_off_mid_event_fails_the_check_but_counts_what_loads() {
    let whole = std::fs::read_to_string(fixture("houston.json")).unwrap();
    // Cut in the middle of the fifth event's headline.
    let at = whole.match_indices("\"headline\"").nth(5).unwrap().0 + 15;
    let cut = &whole[..at];
    let o = run(&["check", "-"], Some(cut));
    assert_eq!(o.status.code(), Some(1), "a cut-off file must not pass");
    let out = stdout(&o);
    assert!(
        out.contains("-: error: not valid JSON: unexpected end of text"),
        "{out}"
    );
    assert!(out.contains("events before it load"), "{out}");
    let o = run(&["check", "--json", "-"], Some(cut));
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    let events = v["events"].as_u64().unwrap();
    assert!(
        (3..=5).contains(&events),
        "the events before the cut load: {v}"
    );
    let error = &v["error"];
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .starts_with("not valid JSON"),
        "{v}"
    );
    let line = error["line"].as_u64().unwrap();
    assert_eq!(
        line as usize,
        cut.lines().count(),
        "the error is where the text ends: {v}"
    );
    assert!(error["column"].as_u64().unwrap() > 0);
    // A CSV cut off inside a quoted cell is the same.
    let csv = std::fs::read_to_string(fixture("women_in_computing.csv")).unwrap();
    let broken = format!("{}\n2020,1,1,,,,,,\"A headline, cut", csv.trim_end());
    let o = run(&["check", "--json", "-"], Some(&broken));
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert!(v["events"].as_u64().unwrap() >= 2, "{v}");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("never closed"),
        "{v}"
    );
}

#[test]
fn check_reads_timelinejs2_and_names_its_bad_dates() {
    let bad = r#"{"timeline": {"headline": "T", "date": [
        {"startDate": "2018,2,30", "headline": "a"},
        {"startDate": "2018,9,8", "headline": "b"}]}}"#;
    let apollo = fixture_in("timelinejs2", "apollo11.json");
    let o = run(&["check", "--json", &apollo, "-"], Some(bad));
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["format"], "timelinejs2");
    assert_eq!(lines[0]["events"], 8);
    assert_eq!(lines[0]["eras"], 2);
    assert_eq!(lines[0]["warnings"].as_array().unwrap().len(), 0);
    assert_eq!(lines[1]["format"], "timelinejs2");
    assert_eq!(lines[1]["events"], 1);
    assert_eq!(
        lines[1]["warnings"][0]["path"],
        "timeline.date[0].startDate"
    );
    let human = run(&["check", &apollo], None);
    assert!(
        stdout(&human).contains("TimelineJS2 JSON"),
        "{}",
        stdout(&human)
    );
}
