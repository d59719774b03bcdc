//! Any bytes: the loader returns a dataset or an error, never panics, and what it returns is
//! sorted with unique ids. Run: `cargo +nightly fuzz run parse -- -max_total_time=600`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use timescope::parse::{json, parse_bytes, Limits};

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    if let Ok(l) = parse_bytes(data, &limits) {
        let ds = &l.dataset;
        assert!(!ds.is_empty());
        assert!(ds.starts().windows(2).all(|w| w[0] <= w[1]));
        let mut ids: Vec<&str> = ds.events().map(|e| e.id()).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(n, ids.len());
        for e in ds.events() {
            let _ = (e.date_label(), e.start().iso());
        }
    }
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = json::validate(s);
    }
});
