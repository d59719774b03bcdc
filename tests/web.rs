//! Browser tests (headless Chrome via `wasm-pack test --headless --chrome`).
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use timescope::web::Timeline;
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

// Test-only helpers: synthetic input, frame waiting, pixel reads and a listener census.
#[wasm_bindgen(inline_js = r#"
let live = null;
export function track() {
  if (live) return;
  live = new Set();
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.addEventListener = function (type, fn, opts) {
    const key = { t: this, type, fn };
    live.add(key);
    if (opts && opts.signal) add.call(opts.signal, "abort", () => live.delete(key));
    return add.call(this, type, fn, opts);
  };
  EventTarget.prototype.removeEventListener = function (type, fn, opts) {
    for (const k of live) if (k.t === this && k.type === type && k.fn === fn) live.delete(k);
    return remove.call(this, type, fn, opts);
  };
  const observe = ResizeObserver.prototype.observe, disconnect = ResizeObserver.prototype.disconnect;
  ResizeObserver.prototype.observe = function (el) { this.__k = { ro: this }; live.add(this.__k); return observe.call(this, el); };
  ResizeObserver.prototype.disconnect = function () { live.delete(this.__k); return disconnect.call(this); };
}
export function liveCount(root) {
  let n = 0;
  for (const k of live) if (k.ro || (k.t.nodeType && root.contains(k.t)) || k.t instanceof MediaQueryList) n++;
  return n;
}
export function nextFrame() { return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))); }
export function key(el, k) { return el.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true })); }
export function wheel(el, dy) {
  const r = el.getBoundingClientRect();
  return el.dispatchEvent(new WheelEvent("wheel", { deltaY: dy, clientX: r.left + r.width / 2, clientY: r.top + 60, bubbles: true, cancelable: true }));
}
export function colours(canvas) {
  const d = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  const seen = new Set();
  for (let i = 0; i < d.length; i += 16) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
  return seen.size;
}
"#)]
extern "C" {
    fn track();
    #[wasm_bindgen(js_name = liveCount)]
    fn live_count(root: &web_sys::Element) -> u32;
    #[wasm_bindgen(js_name = nextFrame)]
    fn next_frame() -> js_sys::Promise;
    fn key(el: &web_sys::Element, k: &str) -> bool;
    fn wheel(el: &web_sys::Element, dy: f64) -> bool;
    fn colours(canvas: &web_sys::Element) -> u32;
}

async fn frame() {
    wasm_bindgen_futures::JsFuture::from(next_frame())
        .await
        .unwrap();
}

fn find(c: &HtmlElement, sel: &str) -> web_sys::Element {
    c.query_selector(sel).unwrap().unwrap()
}

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
fn loads_the_idlib_timeline_with_an_ordered_list_for_screen_readers() {
    let c = container();
    let mut tl = Timeline::new(c.unchecked_ref(), JsValue::UNDEFINED).unwrap();
    let report = tl.load(IDLIB.into()).unwrap();
    assert_eq!(get(&report, "format").as_string().unwrap(), "native");
    assert_eq!(get(&report, "events").as_f64().unwrap(), 12.0);
    assert_eq!(tl.event_count(), 12);
    let items = c.query_selector_all("ol.ts-list > li").unwrap();
    assert_eq!(items.length(), 12);
    let first = items.get(0).unwrap().text_content().unwrap();
    assert!(first.contains("Turkey, Russia and Iran agree"), "{first}");
    let title = find(&c, ".ts-title").text_content().unwrap();
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
    let mut tl = Timeline::new(c.unchecked_ref(), JsValue::UNDEFINED).unwrap();
    let report = tl
        .load(r#"{"events": [{"start_date": {"year": "2018", "month": "13"}}, {"start": "2018-09-08", "headline": "ok"}]}"#.into())
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
    let mut tl = Timeline::new(c.unchecked_ref(), JsValue::UNDEFINED).unwrap();
    tl.load(IDLIB.into()).unwrap();
    let err = tl
        .load("{\"events\": [\n  {\"start\": 2018,,}]}".into())
        .unwrap_err();
    let err: js_sys::Error = JsValue::from(err).dyn_into().unwrap();
    let msg = String::from(err.message());
    assert_eq!(
        msg,
        "not valid JSON at line 2, column 18: expected a quoted key"
    );
    assert_eq!(tl.event_count(), 12);
    assert_eq!(c.query_selector_all(".ts-list li").unwrap().length(), 12);
    // Not text at all: a message, and the view stays too.
    let err: js_sys::Error = JsValue::from(tl.load(JsValue::from(42)).unwrap_err())
        .dyn_into()
        .unwrap();
    assert_eq!(
        String::from(err.message()),
        "load() expects text: TimelineJS3 JSON, CSV or native JSON"
    );
    assert_eq!(tl.event_count(), 12);
    tl.destroy();
}

#[wasm_bindgen_test]
fn markup_in_headlines_is_shown_as_text_never_parsed() {
    let c = container();
    let mut tl = Timeline::new(c.unchecked_ref(), JsValue::UNDEFINED).unwrap();
    tl.load(
        r#"[{"start": "2020", "headline": "<img src=x onerror=alert(1)>Hi", "group": "<b>g</b>"}]"#
            .into(),
    )
    .unwrap();
    assert!(c.query_selector("img").unwrap().is_none());
    assert!(c.query_selector("b").unwrap().is_none());
    let li = find(&c, ".ts-list li").text_content().unwrap();
    assert!(li.contains("Hi") && li.contains("<b>g</b>"), "{li}");
    tl.destroy();
}

#[wasm_bindgen_test]
async fn the_canvas_is_drawn_and_input_changes_view_and_selection() {
    let c = container();
    c.style().set_property("width", "800px").unwrap();
    let mut tl = Timeline::new(c.unchecked_ref(), JsValue::UNDEFINED).unwrap();
    tl.load(IDLIB.into()).unwrap();
    frame().await;
    let canvas = find(&c, "canvas");
    assert!(colours(&canvas) > 10, "markers, labels and grid are drawn");
    let stage = find(&c, ".ts-stage");
    let before = tl.range();
    assert!(
        !wheel(&stage, -300.0),
        "the wheel is used (default prevented)"
    );
    let after = tl.range();
    assert!(
        after[1] - after[0] < before[1] - before[0],
        "wheel zooms in"
    );
    assert!(!key(&stage, "Home"));
    assert_eq!(tl.selected().as_deref(), Some("de-escalation-agreement"));
    key(&stage, "ArrowRight");
    assert_eq!(tl.selected().as_deref(), Some("air-raids-intensify"));
    key(&stage, "Enter");
    let card = find(&c, ".ts-card");
    assert!(!card.has_attribute("hidden"), "Enter opens the card");
    assert!(card.text_content().unwrap().contains("air raids"));
    key(&stage, "Escape");
    assert!(card.has_attribute("hidden"));
    // Keys elsewhere on the page are not the widget's.
    key(&c, "ArrowRight");
    assert_eq!(tl.selected().as_deref(), Some("air-raids-intensify"));
    assert!(key(&stage, "a"), "other keys keep their default");
    tl.destroy();
}

#[wasm_bindgen_test]
async fn destroy_removes_every_listener_and_element() {
    track();
    let c = container();
    let mut tl = Timeline::new(c.unchecked_ref(), JsValue::UNDEFINED).unwrap();
    tl.load(IDLIB.into()).unwrap();
    frame().await;
    let root = find(&c, ".ts");
    assert!(live_count(&root) >= 10, "listeners are registered");
    tl.destroy();
    assert_eq!(live_count(&root), 0, "none remain after destroy");
    assert_eq!(c.child_element_count(), 0);
    // Events after destroy reach nothing (a dropped closure would throw here).
    key(&find_detached(&root), "ArrowRight");
    frame().await;
}

fn find_detached(root: &web_sys::Element) -> web_sys::Element {
    root.query_selector(".ts-stage").unwrap().unwrap()
}

#[wasm_bindgen_test]
fn bad_options_are_an_error() {
    let c = container();
    let opts = js_sys::Object::new();
    js_sys::Reflect::set(&opts, &"maxEvents".into(), &"lots".into()).unwrap();
    assert!(Timeline::new(c.unchecked_ref(), opts.into()).is_err());
}
