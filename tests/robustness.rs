//! No input makes the loader panic or hang, and what it accepts is sane.
//!
//! A seeded mutation fuzzer runs over the fixtures inside the ordinary test suite (set
//! `TIMESCOPE_FUZZ_ITERS` to run longer), and the JSON reader's verdict on each mutated text
//! is compared with serde_json's. `fuzz/` holds the same harness for cargo-fuzz.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::time::{Duration, Instant};
use timescope::parse::{json, parse, Limits, Loaded, ParseError};

fn fixtures() -> Vec<String> {
    let dir = format!("{}/tests/fixtures/timelinejs3", env!("CARGO_MANIFEST_DIR"));
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    out.push(include_str!("../www/data/idlib-2018.json").to_string());
    out
}

/// Checks the invariants every successful load must have.
fn check_loaded(l: &Loaded, limits: &Limits) {
    let ds = &l.dataset;
    assert!(!ds.is_empty() && ds.len() <= limits.max_events);
    assert!(ds.starts().windows(2).all(|w| w[0] <= w[1]));
    assert!(ds
        .starts()
        .iter()
        .zip(ds.ends())
        .all(|(s, e)| s <= e && s.is_finite() && e.is_finite()));
    let mut ids: Vec<_> = ds.events().map(|e| e.id()).collect();
    assert!(ids.iter().all(|i| !i.is_empty()));
    ids.sort_unstable();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "ids are unique");
    for e in ds.events() {
        let _ = (
            e.date_label(),
            e.start().iso(),
            e.tags().count(),
            e.media().map(|m| m.url()),
        );
    }
    assert!(l.warnings.len() <= limits.max_warnings + 1);
}

fn load(text: &str) -> Result<Loaded, ParseError> {
    let limits = Limits::default();
    let r = parse(text, &limits);
    if let Ok(l) = &r {
        check_loaded(l, &limits);
    }
    r
}

#[test]
fn hostile_inputs_get_clear_answers() {
    let deep = "[".repeat(200_000);
    let deep_obj = format!(
        "{{\"events\": [{{\"start\": \"2020\", \"x\": {}1{}}}]}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let huge_string = format!(
        "{{\"events\": [{{\"start\": \"2020\", \"headline\": \"{}\"}}]}}",
        "x".repeat(5 << 20)
    );
    let many_dupes = format!(
        "[{}{{\"id\": \"a\", \"start\": \"1\"}}]",
        "{\"id\": \"a\", \"start\": \"1\"},".repeat(5000)
    );
    let cases: Vec<(&str, String, Result<usize, &str>)> = vec![
        ("empty", String::new(), Err("the input is empty")),
        ("bom only", "\u{feff}".into(), Err("the input is empty")),
        ("bom json", "\u{feff}[{\"start\": \"2020\"}]".into(), Ok(1)),
        (
            "deep array",
            deep,
            Err("not valid JSON at line 1, column 200001: unexpected end of text"),
        ),
        ("deep value in event", deep_obj, Ok(1)),
        ("5 MB headline", huge_string, Ok(1)),
        (
            "NaN year",
            "[{\"start_date\": {\"year\": NaN}}]".into(),
            Err("none of the events could be loaded"),
        ),
        (
            "NUL escapes",
            "[{\"start\": \"2020\", \"headline\": \"a\\u0000b\"}]".into(),
            Ok(1),
        ),
        (
            "raw NUL after the document",
            "[{\"start\": \"2020\"}]\0".into(),
            Ok(1),
        ),
        ("duplicate ids", many_dupes, Ok(5001)),
        (
            "end before start",
            "[{\"start\": \"2020\", \"end\": \"2019\"}]".into(),
            Ok(1),
        ),
        (
            "only a title",
            "{\"title\": {\"text\": {\"headline\": \"x\"}}, \"events\": []}".into(),
            Err("the timeline has no events"),
        ),
        ("string top", "\"hello\"".into(), Err("not a timeline")),
        (
            "csv header only",
            "Year,Headline\n".into(),
            Err("the timeline has no events"),
        ),
        (
            "year too big",
            "[{\"start\": 999999999999999}]".into(),
            Err("none of the events"),
        ),
        (
            "binary-ish",
            "\u{1}\u{2}\u{3},\u{4}".into(),
            Err("not a timeline"),
        ),
    ];
    for (name, text, expect) in cases {
        let t = Instant::now();
        let r = load(&text);
        assert!(
            t.elapsed() < Duration::from_secs(5),
            "{name} took {:?}",
            t.elapsed()
        );
        match (r, expect) {
            (Ok(l), Ok(n)) => assert_eq!(l.dataset.len(), n, "{name}"),
            (Err(e), Err(prefix)) => assert!(e.to_string().starts_with(prefix), "{name}: {e}"),
            (Ok(l), Err(p)) => panic!(
                "{name}: loaded {} events, expected error {p}",
                l.dataset.len()
            ),
            (Err(e), Ok(_)) => panic!("{name}: {e}"),
        }
    }
}

/// xorshift64*: deterministic, dependency-free randomness for the fuzzer.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "\\u",
    "\\ud800",
    "null",
    "true",
    "NaN",
    "-",
    "0",
    "1e999",
    "\"year\":",
    "\"month\": \"13\"",
    "\"start_date\":",
    "{\"year\": \"-13800000000\"}",
    "\n",
    "\r\n",
    "\u{0}",
    "é",
    "\u{feff}",
    "\"\"",
    ",,,",
    "\"x\"\"y\"",
    "Type",
    "era",
    "title",
    "Year,Month",
    "2018-02-30",
];

fn mutate(rng: &mut Rng, src: &str) -> String {
    let mut b: Vec<u8> = src.as_bytes().to_vec();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(b.len() + 1);
        match rng.below(6) {
            0 => {
                let end = (at + rng.below(64)).min(b.len());
                b.drain(at..end);
            }
            1 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                b.splice(at..at, t.bytes());
            }
            2 if !b.is_empty() => {
                let i = rng.below(b.len());
                b[i] = (rng.next() & 0xff) as u8;
            }
            3 => b.truncate(at),
            4 => {
                let (s, e) = (at, (at + rng.below(200)).min(b.len()));
                let copy: Vec<u8> = b[s..e].to_vec();
                let to = rng.below(b.len() + 1);
                b.splice(to..to, copy);
            }
            _ => {
                if let Some(i) = (at..b.len()).find(|i| b[*i].is_ascii_digit()) {
                    b[i] = b'0' + rng.below(10) as u8;
                }
            }
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

#[test]
fn mutation_fuzzing_never_panics_and_agrees_with_serde_json() {
    let iters: usize = std::env::var("TIMESCOPE_FUZZ_ITERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3000);
    let seeds = fixtures();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut loaded, mut failed, mut compared) = (0, 0, 0);
    for _ in 0..iters {
        let seed = &seeds[rng.below(seeds.len())];
        let text = mutate(&mut rng, seed);
        match load(&text) {
            Ok(_) => loaded += 1,
            Err(e) => {
                failed += 1;
                assert!(!e.to_string().is_empty());
            }
        }
        // Differential: strict JSON validity must match serde_json, except for the documented
        // leniencies (NaN/Infinity tokens, lone surrogates, BOM).
        let lenient = text.contains("NaN")
            || text.contains("Infinity")
            || text.contains("\\u")
            || text.starts_with('\u{feff}');
        if !lenient {
            let ours = json::validate(&text).is_ok();
            let theirs = serde_json::from_str::<serde::de::IgnoredAny>(&text).is_ok();
            assert_eq!(
                ours,
                theirs,
                "verdicts differ on: {:?}",
                &text[..text.len().min(300)]
            );
            compared += 1;
        }
    }
    // Both outcomes must be exercised, or the fuzzer is not testing anything.
    assert!(
        loaded > iters / 10 && failed > iters / 20,
        "loaded {loaded}, failed {failed}"
    );
    assert!(compared > iters / 2);
}
