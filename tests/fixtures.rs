//! Every real TimelineJS3 timeline in tests/fixtures loads with the event count TimelineJS
//! shows, without warnings, and in a sensible order.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use timescope::parse::{parse, Format, Limits, Loaded};

fn load(name: &str) -> Loaded {
    let dir = if name.starts_with("apollo") {
        "timelinejs2"
    } else {
        "timelinejs3"
    };
    let path = format!("{}/tests/fixtures/{dir}/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    parse(&text, &Limits::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn every_fixture_loads_with_the_published_event_count() {
    let expected = [
        ("women_in_computing.json", 10, 0, Format::TimelineJs3),
        ("women_in_computing.csv", 10, 0, Format::Csv),
        ("my-own-timeline.csv", 10, 0, Format::Csv),
        ("all-media-types.json", 41, 0, Format::TimelineJs3),
        ("cosmo.json", 7, 0, Format::TimelineJs3),
        ("cosmo-mixed.json", 11, 0, Format::TimelineJs3),
        ("eras.json", 20, 3, Format::TimelineJs3),
        ("houston.json", 18, 0, Format::TimelineJs3),
        ("republican.json", 13, 0, Format::TimelineJs3),
        ("user-interface.json", 22, 0, Format::TimelineJs3),
        ("twain-marktwain.json", 17, 0, Format::TimelineJs3),
        ("apollo11.json", 8, 2, Format::TimelineJs2),
    ];
    for (name, events, eras, format) in expected {
        let l = load(name);
        assert_eq!(l.dataset.len(), events, "{name}");
        assert_eq!(l.dataset.eras().len(), eras, "{name}");
        assert_eq!(l.format, format, "{name}");
        assert!(l.warnings.is_empty(), "{name}: {:?}", l.warnings);
        assert!(
            l.dataset.starts().windows(2).all(|w| w[0] <= w[1]),
            "{name}"
        );
        let mut ids: Vec<_> = l.dataset.events().map(|e| e.id().to_string()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), events, "{name}: ids are unique");
    }
}

#[test]
fn the_csv_and_json_of_women_in_computing_agree() {
    let j = load("women_in_computing.json");
    let c = load("women_in_computing.csv");
    let key = |l: &Loaded| -> Vec<(String, String, Option<String>)> {
        l.dataset
            .events()
            .map(|e| {
                (
                    e.start().iso(),
                    e.headline().to_string(),
                    e.end().map(|d| d.iso()),
                )
            })
            .collect()
    };
    assert_eq!(key(&j), key(&c));
    assert_eq!(
        j.dataset.title().unwrap().headline,
        c.dataset.title().unwrap().headline
    );
    assert_eq!(c.dataset.event(0).unwrap().headline(), "Ada Lovelace");
    assert_eq!(
        c.dataset.event(0).unwrap().end().unwrap().label(),
        "27 Nov 1852"
    );
}

#[test]
fn cosmological_and_human_dates_share_one_axis() {
    let l = load("cosmo-mixed.json");
    let first = l.dataset.event(0).unwrap();
    assert_eq!(first.headline(), "The Big Bang");
    assert_eq!(first.start().label(), "13.8 billion years ago");
    let last = l.dataset.event(l.dataset.len() - 1).unwrap();
    assert!(last.start().year_value() > 1900, "{}", last.start().label());
}

#[test]
fn twain_keeps_ids_and_times() {
    let l = load("twain-marktwain.json");
    let with_time = l
        .dataset
        .events()
        .filter(|e| e.start().precision() >= timescope::model::Precision::Hour)
        .count();
    assert_eq!(with_time, 15);
    let livy = l
        .dataset
        .event(l.dataset.find("livy-dies").unwrap())
        .unwrap();
    assert_eq!(livy.start().label(), "10 Jan 1900 06:45:56");
    // Events without a headline get ids from their text, never an empty id.
    assert!(l.dataset.events().all(|e| !e.id().is_empty()));
    assert!(l
        .dataset
        .find("samuel-langhorne-clemens-november-30")
        .is_some());
}

#[test]
fn eras_keep_their_labels() {
    let l = load("eras.json");
    let labels: Vec<_> = l
        .dataset
        .eras()
        .iter()
        .map(|e| e.headline.as_str())
        .collect();
    assert_eq!(
        labels,
        ["Era Test 600-650", "Era Test 650-700", "Era Test 700-720"]
    );
}

#[test]
fn the_timelinejs2_file_keeps_its_times_tags_and_media() {
    let l = load("apollo11.json");
    let ds = &l.dataset;
    let by = |h: &str| ds.events().find(|e| e.headline() == h).unwrap();
    assert_eq!(by("Kennedy sets the goal").start().iso(), "1961-05-25");
    assert_eq!(by("Launch").start().iso(), "1969-07-16T13:32");
    assert!(by("Launch").end().is_none());
    assert_eq!(by("The Eagle has landed").start().iso(), "1969-07-20");
    assert_eq!(by("First step").start().iso(), "1969-07-21T02:56");
    assert_eq!(by("First step").group(), Some("Mission"));
    let m = by("First step").media().unwrap();
    assert!(m.url().ends_with("Aldrin_Apollo_11_original.jpg"));
    assert_eq!((m.credit(), m.caption()), ("NASA", "Aldrin on the surface"));
    assert_eq!(
        ds.title().unwrap().headline,
        "Apollo 11: eight days in July"
    );
    assert_eq!(ds.eras()[1].headline, "Quarantine");
}

#[test]
fn background_images_are_kept_for_the_story_slides() {
    let l = load("cosmo.json");
    let with_image: Vec<_> = l
        .dataset
        .events()
        .filter_map(|e| e.background_image().map(str::to_string))
        .collect();
    assert!(with_image.len() >= 2, "{with_image:?}");
    assert!(with_image
        .iter()
        .all(|u| u.starts_with("https://upload.wikimedia.org/")));
    let big_bang = l.dataset.event(0).unwrap();
    assert_eq!(big_bang.background(), Some("#F45B69"));
    assert_eq!(big_bang.background_image(), None);
}
