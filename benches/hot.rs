//! Native micro-benchmarks of the hot paths: parsing (TimelineJS3 JSON, Timescope JSON, CSV),
//! the search index and a keystroke's filter, the layout at load, and one frame of a year
//! view. `cargo bench` runs them (divan); the browser figures are in bench/run.mjs.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use divan::{black_box, Bencher};
use timescope::draw::{Theme, ThemeName};
use timescope::filter::{apply, Filter, Index};
use timescope::layout::{Layout, Scene, State};
use timescope::parse::{parse, Limits};
use timescope::scale::{Bounds, English};

fn main() {
    divan::main();
}

const GROUPS: [&str; 8] = [
    "Diplomacy",
    "Air strikes",
    "Humanitarian",
    "Military build-up",
    "US–Russia",
    "Economy",
    "Elections",
    "Courts",
];
const WHERE: [&str; 8] = [
    "Geneva", "İdlib", "Aleppo", "Ankara", "Sochi", "Hama", "Latakia", "Damascus",
];

/// A 64-bit LCG: the same events every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

/// `n` events over 2020 (a fifth of them ranges), 8 groups, as TimelineJS3 JSON, Timescope
/// JSON or TimelineJS CSV text (the shape of bench/gen.mjs).
fn text(n: usize, format: &str) -> String {
    let mut r = Rng(1);
    let mut out = String::new();
    match format {
        "timelinejs" => out.push_str("{\"events\":["),
        "native" => out.push('['),
        _ => out.push_str("Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n"),
    }
    for i in 0..n {
        let (m, d, h, min) = (
            1 + r.next() % 12,
            1 + r.next() % 28,
            r.next() % 24,
            r.next() % 60,
        );
        let ranged = r.next() % 5 == 0;
        let (em, ed) = ((m % 12) + 1, d);
        let place = WHERE[(r.next() % 8) as usize];
        let group = GROUPS[i % 8];
        let headline = format!("Envoys meet in {place} ({i})");
        let body = format!("Report {i}: observers in {place} say the situation is calm.");
        let sep = if i + 1 < n { "," } else { "" };
        match format {
            "timelinejs" => {
                out.push_str(&format!("{{\"start_date\":{{\"year\":2020,\"month\":{m},\"day\":{d},\"hour\":{h},\"minute\":{min}}},"));
                if ranged {
                    out.push_str(&format!(
                        "\"end_date\":{{\"year\":2020,\"month\":{em},\"day\":{ed}}},"
                    ));
                }
                out.push_str(&format!("\"text\":{{\"headline\":\"{headline}\",\"text\":\"<p>{body}</p>\"}},\"group\":\"{group}\"}}{sep}"));
            }
            "native" => {
                out.push_str(&format!(
                    "{{\"start\":\"2020-{m:02}-{d:02}T{h:02}:{min:02}\","
                ));
                if ranged {
                    out.push_str(&format!("\"end\":\"2020-{em:02}-{ed:02}\","));
                }
                out.push_str(&format!("\"headline\":\"{headline}\",\"text\":\"{body}\",\"group\":\"{group}\",\"tags\":[\"{place}\"]}}{sep}"));
            }
            _ => {
                let end = if ranged {
                    format!("2020,{em},{ed},")
                } else {
                    ",,,".into()
                };
                out.push_str(&format!(
                    "2020,{m},{d},{h:02}:{min:02},{end},{headline},{body},,,,,,{group},\n"
                ));
            }
        }
    }
    match format {
        "timelinejs" => out.push_str("]}"),
        "native" => out.push(']'),
        _ => {}
    }
    out
}

/// Parses `n` generated events in `format`, once per sample.
fn bench_parse(b: Bencher, n: usize, format: &str) {
    let t = text(n, format);
    b.bench(|| {
        parse(black_box(&t), &Limits::default())
            .unwrap()
            .dataset
            .len()
    });
}

/// `n` generated events, loaded.
fn dataset(n: usize) -> timescope::model::Dataset {
    parse(&text(n, "native"), &Limits::default())
        .unwrap()
        .dataset
}

#[divan::bench(args = [5_000, 100_000])]
fn parse_timelinejs_json(b: Bencher, n: usize) {
    bench_parse(b, n, "timelinejs");
}

#[divan::bench(args = [100_000, 1_000_000], sample_count = 5)]
fn parse_native_json(b: Bencher, n: usize) {
    bench_parse(b, n, "native");
}

#[divan::bench(args = [100_000], sample_count = 5)]
fn parse_csv(b: Bencher, n: usize) {
    bench_parse(b, n, "csv");
}

#[divan::bench(args = [100_000, 1_000_000], sample_count = 5)]
fn layout_at_load(b: Bencher, n: usize) {
    let ds = dataset(n);
    b.bench(|| Layout::new(black_box(&ds)).height());
}

#[divan::bench(args = [100_000], sample_count = 10)]
fn search_index(b: Bencher, n: usize) {
    let ds = dataset(n);
    b.bench(|| Index::new(black_box(&ds)));
}

/// One keystroke's work: "alep" after "ale" (search, filter, the layout of the matches).
#[divan::bench(args = [100_000])]
fn keystroke(b: Bencher, n: usize) {
    let ds = dataset(n);
    let mut index = Index::new(&ds);
    let f = Filter {
        text: "alep".into(),
        ..Filter::default()
    };
    b.bench_local(|| {
        let o = apply(&ds, &mut index, &f);
        Layout::of(&ds, Some(&o.keep)).height()
    });
}

/// One frame of a year view: every event of 2020 in 1,280 px.
#[divan::bench(args = [100_000, 1_000_000])]
fn frame_year_view(b: Bencher, n: usize) {
    let ds = dataset(n);
    let layout = Layout::new(&ds);
    let (lo, hi) = ds.span().unwrap();
    let view = Bounds::new(lo, hi).fit(1280.0);
    let th = Theme::new(ThemeName::Light);
    let colors: Vec<_> = (0..8).map(|g| th.group_color(g, None)).collect();
    b.bench_local(|| {
        layout
            .frame(
                &Scene {
                    ds: &ds,
                    view: &view,
                    theme: &th,
                    colors: &colors,
                    state: &State::default(),
                },
                &mut English,
            )
            .shapes
            .len()
    });
}

/// Filtering 100,000 events by a search (an index already built): a rare word, then a
/// letter that matches nearly everything.
#[divan::bench(args = ["event 4", "e"])]
fn filter_100k(b: Bencher, text: &str) {
    let ds = dataset(100_000);
    let mut index = Index::new(&ds);
    let f = Filter {
        text: text.into(),
        ..Filter::default()
    };
    b.bench_local(|| apply(&ds, &mut index, &f).count);
}

/// Putting a million start times in order (the radix sort every load runs).
#[divan::bench(sample_count = 10)]
fn time_order_1m(b: Bencher) {
    let mut x = 7u64;
    let keys: Vec<f64> = (0..1_000_000)
        .map(|_| {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
            9.46e11 + (x >> 11) as f64 / 2f64.powi(53) * 3.15e11
        })
        .collect();
    b.bench(|| timescope::model::time_order(black_box(&keys)));
}

/// One frame while panning a zoomed-in view.
#[divan::bench(args = [100_000, 1_000_000])]
fn frame_zoomed_pan(b: Bencher, n: usize) {
    let ds = dataset(n);
    let layout = Layout::new(&ds);
    let (lo, hi) = ds.span().unwrap();
    let bounds = Bounds::new(lo, hi);
    let mut zoomed = bounds.fit(1280.0);
    zoomed.zoom_at(640.0, 200.0, &bounds);
    let th = Theme::new(ThemeName::Light);
    let colors: Vec<_> = (0..8).map(|g| th.group_color(g, None)).collect();
    let mut step = 0.0;
    b.bench_local(|| {
        // Back and forth over 700 px, so every frame shows events.
        step = (step + 7.0) % 700.0;
        let mut view = zoomed;
        view.pan_px(step - 350.0, &bounds);
        let scene = Scene {
            ds: &ds,
            view: &view,
            theme: &th,
            colors: &colors,
            state: &State::default(),
        };
        layout.frame(&scene, &mut English).shapes.len()
    });
}
