//! Browser tests (headless Chrome via `wasm-pack test --headless --chrome`).
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use timescope::web::Timeline;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

const IDLIB: &str = include_str!("../www/data/idlib-2018.json");

fn container() -> HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let div: HtmlElement = doc.create_element("div").unwrap().dyn_into().unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div
}

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

#[wasm_bindgen_test]
fn loads_the_idlib_timeline_into_a_list() {
    let c = container();
    let mut tl = Timeline::new(&c, JsValue::UNDEFINED).unwrap();
    let report = tl.load(IDLIB).unwrap();
    assert_eq!(get(&report, "format").as_string().unwrap(), "native");
    assert_eq!(get(&report, "events").as_f64().unwrap(), 12.0);
    assert_eq!(tl.event_count(), 12);
    let items = c.query_selector_all("ol.ts-events > li").unwrap();
    assert_eq!(items.length(), 12);
    let first = items.get(0).unwrap().text_content().unwrap();
    assert!(first.contains("Turkey, Russia and Iran agree"), "{first}");
    let title = c
        .query_selector("h2")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert_eq!(title, "Calm before the storm in Idlib");
    tl.destroy();
    assert_eq!(
        c.child_element_count(),
        0,
        "destroy removes what the timeline added"
    );
}

#[wasm_bindgen_test]
fn warnings_reach_javascript_with_paths() {
    let c = container();
    let mut tl = Timeline::new(&c, JsValue::UNDEFINED).unwrap();
    let report = tl
        .load(r#"{"events": [{"start_date": {"year": "2018", "month": "13"}}, {"start": "2018-09-08", "headline": "ok"}]}"#)
        .unwrap();
    let warnings: js_sys::Array = get(&report, "warnings").dyn_into().unwrap();
    assert_eq!(warnings.length(), 1);
    let w = warnings.get(0);
    assert_eq!(
        get(&w, "path").as_string().unwrap(),
        "events[0].start_date.month"
    );
    assert!(get(&w, "message")
        .as_string()
        .unwrap()
        .contains("13 is not a valid month"));
    assert_eq!(tl.event_count(), 1);
    tl.destroy();
}

#[wasm_bindgen_test]
fn fatal_input_throws_an_error_with_a_message_and_keeps_the_old_view() {
    let c = container();
    let mut tl = Timeline::new(&c, JsValue::UNDEFINED).unwrap();
    tl.load(IDLIB).unwrap();
    let err = tl
        .load("{\"events\": [\n  {\"start\": 2018,,}]}")
        .unwrap_err();
    let err: js_sys::Error = JsValue::from(err).dyn_into().unwrap();
    let msg = String::from(err.message());
    assert_eq!(
        msg,
        "not valid JSON at line 2, column 18: expected a quoted key"
    );
    assert_eq!(tl.event_count(), 12);
    assert_eq!(c.query_selector_all("li").unwrap().length(), 12);
    tl.destroy();
}

#[wasm_bindgen_test]
fn markup_in_data_is_shown_as_text_never_parsed() {
    let c = container();
    let mut tl = Timeline::new(&c, JsValue::UNDEFINED).unwrap();
    tl.load(
        r#"[{"start": "2020", "headline": "<img src=x onerror=alert(1)>Hi", "group": "<b>g</b>"}]"#,
    )
    .unwrap();
    assert!(c.query_selector("img").unwrap().is_none());
    assert!(c.query_selector("b").unwrap().is_none());
    let li = c
        .query_selector("li")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(li.contains("Hi") && li.contains("<b>g</b>"), "{li}");
    tl.destroy();
}

#[wasm_bindgen_test]
fn bad_options_are_an_error() {
    let c = container();
    let opts = js_sys::Object::new();
    js_sys::Reflect::set(&opts, &"maxEvents".into(), &"lots".into()).unwrap();
    assert!(Timeline::new(&c, opts.into()).is_err());
}
