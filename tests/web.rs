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
let texts = null;
export function recordTexts() {
  if (texts) { texts.length = 0; return; }
  texts = [];
  const fill = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (t, x, y) { texts.push([String(t), x, y]); return fill.call(this, t, x, y); };
}
export function drawnTexts() { const t = texts.slice(); texts.length = 0; return t; }
let reports = null;
/** Puts the page under the parts of the house CSP that data could offend (inline style and
 * style attributes, inline handlers, media and images from elsewhere) and counts reports. */
export function violations() {
  if (reports === null) {
    reports = [];
    addEventListener("securitypolicyviolation", (e) => reports.push(e.violatedDirective));
    const m = document.createElement("meta");
    m.httpEquiv = "Content-Security-Policy";
    m.content = "style-src 'self'; script-src-attr 'none'; media-src 'none'; img-src 'self' data:; frame-src 'none'";
    document.head.append(m);
  }
  return reports.length;
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
    #[wasm_bindgen(js_name = recordTexts)]
    fn record_texts();
    #[wasm_bindgen(js_name = drawnTexts)]
    fn drawn_texts() -> js_sys::Array;
    fn violations() -> u32;
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
    let mut tl = Timeline::new(&c, None).unwrap();
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
    let mut tl = Timeline::new(&c, None).unwrap();
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
    let mut tl = Timeline::new(&c, None).unwrap();
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
    let mut tl = Timeline::new(&c, None).unwrap();
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
    let mut tl = Timeline::new(&c, None).unwrap();
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
    let mut tl = Timeline::new(&c, None).unwrap();
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
    assert!(Timeline::new(&c, Some(opts.into())).is_err());
}

/// The texts drawn on the canvas since the last call, as (text, x).
fn texts_drawn() -> Vec<(String, f64)> {
    drawn_texts()
        .iter()
        .map(|t| {
            let t: js_sys::Array = t.dyn_into().unwrap();
            (t.get(0).as_string().unwrap(), t.get(1).as_f64().unwrap())
        })
        .collect()
}

#[wasm_bindgen_test]
async fn control_characters_in_data_stay_with_their_own_event_on_the_canvas_and_in_the_list() {
    record_texts();
    let c = container();
    c.style().set_property("width", "1200px").unwrap();
    let mut tl = Timeline::new(&c, None).unwrap();
    // Each headline (and group) carries a character the old boundary used as a separator.
    let data = r#"[
        {"start": "2018-01-01", "headline": "Alpha\u0001Beta", "group": "G\u0002y"},
        {"start": "2018-06-01", "headline": "Gamma\u0002Delta", "group": "G\u0002y"},
        {"start": "2018-12-01", "headline": "Eps\u0003ilon", "group": "Plain"},
        {"start": "2018-12-20", "headline": "invoice\u202Efdp.exe", "group": "Plain"}]"#;
    tl.load(data.into()).unwrap();
    tl.set_range(
        js_sys::Date::utc(2017.0, 10.0),
        js_sys::Date::utc(2019.0, 1.0),
    );
    frame().await;
    frame().await;
    let drawn = texts_drawn();
    let drawn: Vec<&str> = drawn.iter().map(|(t, _)| t.as_str()).collect();
    for h in ["Alpha\u{1}Beta", "Gamma\u{2}Delta", "Eps\u{3}ilon"] {
        assert!(
            drawn
                .iter()
                .any(|t| t.starts_with(h.get(..4).unwrap()) && (*t == h || t.ends_with('…'))),
            "{h:?} is drawn whole (or cut), not split: {drawn:?}"
        );
    }
    assert!(
        drawn.contains(&"G\u{2}y"),
        "the group name is one label: {drawn:?}"
    );
    assert!(
        !drawn
            .iter()
            .any(|t| *t == "Beta" || *t == "Delta" || *t == "y"),
        "{drawn:?}"
    );
    // The hidden list: each item names its own event, by index.
    let items = c.query_selector_all("ol.ts-list button").unwrap();
    assert_eq!(items.length(), 4);
    for (k, h) in ["Alpha\u{1}Beta", "Gamma\u{2}Delta", "Eps\u{3}ilon"]
        .iter()
        .enumerate()
    {
        let b: web_sys::HtmlElement = items.get(k as u32).unwrap().dyn_into().unwrap();
        assert_eq!(
            b.dataset().get("i").as_deref(),
            Some(k.to_string().as_str())
        );
        assert!(
            b.text_content().unwrap().starts_with(h),
            "{:?}",
            b.text_content()
        );
    }
    // Selecting through the list selects that event.
    items
        .get(1)
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap()
        .click();
    let card = find(&c, ".ts-card-title").text_content().unwrap();
    assert_eq!(card, "Gamma\u{2}Delta");
    // A filter on the group name with the separator in it keeps both of its events.
    let f = js_sys::JSON::parse(r#"{"groups": ["G\u0002y"]}"#).unwrap();
    assert_eq!(tl.set_filter(Some(f)).unwrap(), 2);
    tl.destroy();
}

#[wasm_bindgen_test]
fn the_card_shows_the_event_its_media_and_its_place() {
    let c = container();
    let mut tl = Timeline::new(&c, None).unwrap();
    tl.load(
        r#"[{"id": "a", "start": "2018-09-08", "headline": "Raids", "text": "<p>Smoke <b>over</b> Idlib</p>",
             "group": "Syria", "media": {"url": "img/smoke.jpg", "caption": "Smoke", "credit": "AP"}},
            {"id": "b", "start": "2018-09-09", "headline": "Talks",
             "media": {"url": "https://www.youtube.com/watch?v=x", "caption": "Video"}}]"#
            .into(),
    )
    .unwrap();
    assert!(tl.select(Some("a".into())));
    let stage = find(&c, ".ts-stage");
    key(&stage, "Enter");
    let card = find(&c, ".ts-card");
    assert!(!card.has_attribute("hidden"));
    assert_eq!(find(&c, ".ts-card-title").text_content().unwrap(), "Raids");
    assert_eq!(
        find(&c, ".ts-card-date").text_content().unwrap(),
        "8 Sep 2018"
    );
    assert_eq!(
        find(&c, ".ts-card-text").inner_html(),
        "<p>Smoke <b>over</b> Idlib</p>"
    );
    let img: web_sys::HtmlImageElement = find(&c, ".ts-card-media img").dyn_into().unwrap();
    let base = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .base_uri()
        .unwrap()
        .unwrap();
    let want = web_sys::Url::new_with_base("img/smoke.jpg", &base)
        .unwrap()
        .href();
    assert_eq!(img.src(), want, "a relative image is read against the page");
    assert_eq!(img.alt(), "Smoke");
    assert_eq!(
        img.get_attribute("referrerpolicy").as_deref(),
        Some("no-referrer")
    );
    assert_eq!(find(&c, "figcaption").text_content().unwrap(), "Smoke — AP");
    assert_eq!(find(&c, ".ts-card-meta").text_content().unwrap(), "Syria");
    assert_eq!(find(&c, ".ts-card-count").text_content().unwrap(), "1 of 2");
    key(&card, "Escape");
    assert!(card.has_attribute("hidden"));
    tl.select(Some("b".into()));
    key(&stage, "Enter");
    let a = find(&c, ".ts-card-media a");
    assert_eq!(
        a.get_attribute("href").as_deref(),
        Some("https://www.youtube.com/watch?v=x")
    );
    assert_eq!(
        a.get_attribute("rel").as_deref(),
        Some("noopener noreferrer")
    );
    assert_eq!(
        a.text_content().unwrap(),
        "Open the media on www.youtube.com: Video"
    );
    tl.destroy();
}

/// The card's rich text for an event whose text is `html`.
fn card_text(c: &HtmlElement, tl: &mut Timeline, html: &str) -> web_sys::Element {
    let data = js_sys::JSON::stringify(
        &js_sys::JSON::parse(&format!(
            r#"[{{"id": "x", "start": "2020", "headline": "h", "text": {}}}]"#,
            js_sys::JSON::stringify(&html.into()).unwrap()
        ))
        .unwrap(),
    )
    .unwrap();
    tl.load(JsValue::from(data)).unwrap();
    tl.select(Some("x".into()));
    key(&find(c, ".ts-stage"), "Enter");
    find(c, ".ts-card-text")
}

#[wasm_bindgen_test]
async fn hostile_rich_text_is_rebuilt_through_the_one_allow_list() {
    let c = container();
    let mut tl = Timeline::new(&c, None).unwrap();
    let payloads = [
        "<script>window.pwned = 1</script>ok",
        "<img src=x onerror=\"window.pwned = 2\">",
        "<p onclick=\"window.pwned = 3\" style=\"color:red\">p</p>",
        "<span onclick>bare handler</span>",
        "<a href=\"javascript:window.pwned=4\">js</a>",
        "<a href=\"JaVa\tScRiPt:window.pwned=5\">js</a>",
        "<a href=\"data:text/html,<script>window.pwned=6</script>\">data</a>",
        "<style>body{display:none}</style>styled",
        "<svg><script>window.pwned=7</script><style>*{}</style></svg>",
        "<svg><foreignObject><img src=x onerror=\"window.pwned=8\"></foreignObject></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=\"window.pwned=9\"></style></mglyph></table></mtext></math>",
        "<form><math><mtext></form><form><mglyph><style></math><img src onerror=\"window.pwned=10\">",
        "<noscript><p title=\"</noscript><img src=x onerror=window.pwned=11>\">",
        "<iframe srcdoc=\"<script>parent.pwned=12</script>\"></iframe>",
        "<track src=\"https://evil.example/t.vtt\"><video><source src=x onerror=\"window.pwned=13\"></video>",
        "<!--<img src=x onerror=\"window.pwned=14\">-->",
        "<a href=\"https://example.org/a?b=1&amp;c=2\" onmouseover=\"window.pwned=15\">fine</a>",
    ];
    let before = violations();
    for p in payloads {
        let out = card_text(&c, &mut tl, p);
        let all = out.query_selector_all("*").unwrap();
        for k in 0..all.length() {
            let e: web_sys::Element = all.get(k).unwrap().dyn_into().unwrap();
            let tag = e.tag_name().to_ascii_lowercase();
            // Kept by the one allow-list, and never one of the elements that can run or load
            // anything.
            assert!(
                matches!(
                    timescope::sanitize::rule(&tag),
                    timescope::sanitize::Rule::Keep(_)
                ),
                "{p}: <{tag}> kept"
            );
            assert!(
                ![
                    "script", "style", "img", "svg", "math", "iframe", "track", "video", "form",
                    "noscript"
                ]
                .contains(&tag.as_str()),
                "{p}: <{tag}> kept"
            );
            let names = e.get_attribute_names();
            for n in names.iter() {
                let n = n.as_string().unwrap();
                assert!(
                    tag == "a" && ["href", "rel", "target"].contains(&n.as_str()),
                    "{p}: {n} on <{tag}>"
                );
            }
            if let Some(h) = e.get_attribute("href") {
                assert!(
                    h.starts_with("https://")
                        || h.starts_with("http://")
                        || h.starts_with("mailto:"),
                    "{p}: {h}"
                );
            }
        }
    }
    frame().await;
    let pwned = js_sys::Reflect::get(&js_sys::global(), &"pwned".into()).unwrap();
    assert!(pwned.is_undefined(), "no payload ran: {pwned:?}");
    assert_eq!(violations(), before, "no security policy report");
    // What is allowed survives, and text that looks like markup stays text.
    let out = card_text(
        &c,
        &mut tl,
        "<p>1 < 2 &amp; <b>bold</b> <a href=\"https://example.org/a?b=1&amp;c=2\">fine</a></p>",
    );
    assert_eq!(
        out.inner_html(),
        "<p>1 &lt; 2 &amp; <b>bold</b> <a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"noopener noreferrer\" target=\"_blank\">fine</a></p>"
    );
    // Nesting 10,000 deep is rebuilt to the allow-list's depth; the rest is text.
    let deep = format!("{}deep{}", "<b>".repeat(10_000), "</b>".repeat(10_000));
    let out = card_text(&c, &mut tl, &deep);
    assert_eq!(out.text_content().unwrap(), "deep");
    let depth = (0..)
        .take_while(|d| {
            out.query_selector(&vec!["b"; d + 1].join(" > "))
                .unwrap()
                .is_some()
        })
        .count();
    assert!(depth <= timescope::sanitize::MAX_DEPTH, "{depth}");
    tl.destroy();
}

#[wasm_bindgen_test]
fn addresses_are_read_as_the_browser_reads_them() {
    use timescope::web::card::{image, link};
    assert_eq!(
        link("https://example.org").as_deref(),
        Some("https://example.org/")
    );
    assert_eq!(
        link("mailto:desk@example.org").as_deref(),
        Some("mailto:desk@example.org")
    );
    for bad in [
        "//evil.example/x",
        "\\\\evil.example\\x",
        "javascript:alert(1)",
        "/relative",
        " java\tscript:x",
    ] {
        assert_eq!(link(bad), None, "{bad}");
    }
    // Another host without a scheme is that host, as the browser fetches it.
    for other in [
        "//evil.example/x.png",
        "\\\\evil.example\\x.png",
        "/\\evil.example/x.png",
    ] {
        let src = image(other).unwrap();
        let u = web_sys::Url::new(&src).unwrap();
        assert_eq!(u.hostname(), "evil.example", "{other} -> {src}");
    }
    assert!(image("data:image/png;base64,iVBORw0KGgo=").is_some());
    assert_eq!(image("data:image/pngx;svg+xml,<svg onload=alert(1)>"), None);
    assert_eq!(image("data:image/svg+xml,<svg onload=alert(1)>"), None);
    assert_eq!(image("javascript:alert(1)"), None);
}

#[wasm_bindgen_test]
fn a_stopped_timeline_says_so_instead_of_showing_a_dead_canvas() {
    let c = container();
    let mut tl = Timeline::new(&c, None).unwrap();
    tl.load(IDLIB.into()).unwrap();
    let message = find(&c, ".ts-error");
    assert!(message.has_attribute("hidden"));
    timescope::web::stopped("panicked at src/x.rs:1:1:\nboom");
    assert!(!message.has_attribute("hidden"));
    assert_eq!(
        message.text_content().unwrap(),
        "The timeline stopped: panicked at src/x.rs:1:1:\nboom"
    );
    assert_eq!(message.get_attribute("role").as_deref(), Some("alert"));
    // The style sheet hides the canvas, the bar and the card of a stopped timeline.
    assert!(find(&c, ".ts").class_list().contains("ts-stopped"));
    tl.destroy();
}
