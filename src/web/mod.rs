//! The browser layer: the only code that touches wasm-bindgen and web-sys.
//!
//! [`Timeline`] is the one opaque handle JavaScript holds. It owns the element it creates
//! inside the caller's container and removes it in [`Timeline::destroy`]. All text from the
//! data reaches the page through `textContent`, never as HTML.

use crate::model::Dataset;
use crate::parse::{parse, Format, Limits, Warning};
use crate::text::plain_text;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlElement};

/// Reads a whole-number option; `Ok(None)` when absent. Read by hand rather than through
/// serde: a serde deserializer links the float formatter for its error messages (~20 KB).
fn count_option(options: &JsValue, name: &str) -> Result<Option<usize>, JsError> {
    let v = js_sys::Reflect::get(options, &JsValue::from_str(name))
        .map_err(|_| JsError::new("could not read the options"))?;
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    match v.as_f64() {
        Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= 4_294_967_295.0 => Ok(Some(n as usize)),
        _ => Err(JsError::new(&format!(
            "invalid Timescope options: {name} must be a whole number"
        ))),
    }
}

/// What `load` returns to JavaScript.
struct Report<'a> {
    format: Format,
    events: usize,
    eras: usize,
    title: Option<String>,
    warnings: &'a [Warning],
}

impl Report<'_> {
    /// Builds the plain object by hand: serde-wasm-bindgen would add ~5 KB gzipped to the
    /// bundle for these five fields.
    fn to_js(&self) -> Result<JsValue, JsError> {
        let set = |o: &js_sys::Object, k: &str, v: JsValue| {
            dom(
                js_sys::Reflect::set(o, &JsValue::from_str(k), &v),
                "build the report",
            )
        };
        let o = js_sys::Object::new();
        set(&o, "format", JsValue::from_str(self.format.as_str()))?;
        set(&o, "events", JsValue::from_f64(self.events as f64))?;
        set(&o, "eras", JsValue::from_f64(self.eras as f64))?;
        let title = self
            .title
            .as_deref()
            .map_or(JsValue::NULL, JsValue::from_str);
        set(&o, "title", title)?;
        let list = js_sys::Array::new();
        for w in self.warnings {
            let item = js_sys::Object::new();
            set(&item, "path", JsValue::from_str(&w.path))?;
            set(&item, "message", JsValue::from_str(&w.message))?;
            list.push(&item);
        }
        set(&o, "warnings", list.into())?;
        Ok(o.into())
    }
}

/// Turns a DOM failure into a JavaScript `Error` with a message.
fn dom<T>(r: Result<T, JsValue>, what: &str) -> Result<T, JsError> {
    r.map_err(|_| JsError::new(&format!("Timescope could not {what}")))
}

/// The most list items the interim list view creates; the canvas view replaces it.
const LIST_LIMIT: usize = 1000;

/// A timeline shown inside a container element.
#[wasm_bindgen]
pub struct Timeline {
    document: Document,
    root: Element,
    limits: Limits,
    data: Option<Dataset>,
}

#[wasm_bindgen]
impl Timeline {
    /// Creates a timeline inside `container`. `options` may be `undefined` or an object:
    /// `maxEvents` (default 2,000,000) and `maxBytes` (default 256 MiB) bound what `load`
    /// accepts.
    #[wasm_bindgen(constructor)]
    pub fn new(container: &HtmlElement, options: JsValue) -> Result<Timeline, JsError> {
        let mut limits = Limits::default();
        if options.is_object() {
            if let Some(n) = count_option(&options, "maxEvents")? {
                limits.max_events = n;
            }
            if let Some(n) = count_option(&options, "maxBytes")? {
                limits.max_bytes = n;
            }
        }
        let document = container
            .owner_document()
            .ok_or_else(|| JsError::new("the container is not in a document"))?;
        let root = dom(document.create_element("div"), "create its element")?;
        root.set_class_name("ts");
        dom(container.append_child(&root), "attach to the container")?;
        Ok(Timeline {
            document,
            root,
            limits,
            data: None,
        })
    }

    /// Loads TimelineJS3 JSON, TimelineJS CSV or native JSON text and shows it. Returns
    /// `{format, events, eras, title, warnings: [{path, message}]}`; throws an `Error` whose
    /// message says what is wrong and where when nothing could be loaded (the timeline then
    /// keeps what it showed before).
    pub fn load(&mut self, text: &str) -> Result<JsValue, JsError> {
        let loaded = parse(text, &self.limits).map_err(|e| JsError::new(&e.to_string()))?;
        self.render(&loaded.dataset)?;
        let ds = &loaded.dataset;
        let report = Report {
            format: loaded.format,
            events: ds.len(),
            eras: ds.eras().len(),
            title: ds.title().map(|t| plain_text(&t.headline)),
            warnings: &loaded.warnings,
        };
        let value = report.to_js()?;
        self.data = Some(loaded.dataset);
        Ok(value)
    }

    /// Number of events loaded.
    #[wasm_bindgen(js_name = eventCount)]
    pub fn event_count(&self) -> usize {
        self.data.as_ref().map_or(0, Dataset::len)
    }

    /// Removes everything the timeline added to the page and drops its data.
    pub fn destroy(&mut self) {
        self.root.remove();
        self.data = None;
    }
}

impl Timeline {
    fn el(&self, tag: &str, class: &str, text: Option<&str>) -> Result<Element, JsError> {
        let e = dom(self.document.create_element(tag), "create an element")?;
        if !class.is_empty() {
            e.set_class_name(class);
        }
        if let Some(t) = text {
            e.set_text_content(Some(t));
        }
        Ok(e)
    }

    /// The interim view: the title and an ordered list of events with their dates.
    fn render(&self, ds: &Dataset) -> Result<(), JsError> {
        self.root.set_text_content(None);
        if let Some(t) = ds.title() {
            let h = self.el("h2", "ts-title", Some(&plain_text(&t.headline)))?;
            dom(self.root.append_child(&h), "show the title")?;
        }
        let list = self.el("ol", "ts-events", None)?;
        for e in ds.events().take(LIST_LIMIT) {
            let li = self.el("li", "ts-event", None)?;
            let time = self.el("time", "ts-date", Some(&e.date_label()))?;
            let start = e.start();
            if (0..=9999).contains(&start.year_value()) {
                dom(time.set_attribute("datetime", &start.iso()), "set a date")?;
            }
            let headline = self.el("span", "ts-headline", Some(&plain_text(e.headline())))?;
            dom(li.append_child(&time), "show a date")?;
            dom(li.append_child(&headline), "show a headline")?;
            if let Some(g) = e.group() {
                let group = self.el("span", "ts-group", Some(g))?;
                dom(li.append_child(&group), "show a group")?;
            }
            dom(list.append_child(&li), "show an event")?;
        }
        if ds.len() > LIST_LIMIT {
            let more = format!("… and {} more events", ds.len() - LIST_LIMIT);
            let li = self.el("li", "ts-more", Some(&more))?;
            dom(list.append_child(&li), "show the count")?;
        }
        dom(self.root.append_child(&list), "show the events")?;
        Ok(())
    }
}
