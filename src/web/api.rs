//! The JavaScript API: [`Timeline`], the one opaque handle a page holds. Its options, its
//! report and its events' details are the serde types of [`crate::api`], with TypeScript
//! interfaces generated from them.

use super::dom::Dom;
use super::events::to_js;
use super::input::{install, Listener, Resize};
use super::paint::{IntlLabels, Painter};
use super::state::{Fixed, Inner, Prefs, Start};
use crate::api::{
    EventName, FilterSpec, LayoutChoice, Options, Report, StartOption, ThemeChoice, Value,
};
use crate::draw::ThemeName;
use crate::parse::{parse_owned, Limits};
use crate::widget::{Effect, Widget};
use std::cell::{RefCell, RefMut};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

/// What a method says after `destroy()`.
const DESTROYED: &str = "this Timescope timeline was destroyed";

/// A text longer than this many UTF-16 units is passed in pieces (see [`read_text`]): small
/// enough that a piece's buffer (up to three bytes a unit) adds little to the memory peak.
const PIECE: u32 = 1 << 16;

/// A timeline shown inside a container element.
#[wasm_bindgen]
pub struct Timeline {
    /// Everything the timeline holds; `None` once destroyed, which lets the DOM it made and
    /// its memory go at once rather than when the garbage collector finalizes the handle.
    inner: Option<Rc<RefCell<Inner>>>,
    /// The browser listeners, removed when dropped.
    listeners: Vec<Listener>,
    resize: Option<Resize>,
    limits: Limits,
}

/// Reads the options object, or says which option is wrong.
fn read_options(options: JsValue) -> Result<Options, JsValue> {
    let v = read_value(options)
        .map_err(|_| js_sys::TypeError::new("Timescope options must be an object"))?;
    Options::read(&v).map_err(|e| js_sys::TypeError::new(&e).into())
}

fn media(query: &str) -> Result<web_sys::MediaQueryList, JsValue> {
    web_sys::window()
        .ok_or_else(|| JsValue::from_str("no window"))?
        .match_media(query)?
        .ok_or_else(|| JsValue::from_str("no media queries"))
}

#[wasm_bindgen]
impl Timeline {
    /// Creates a timeline inside `container`, with `options` (see [`Options`]; all may be
    /// left out). Throws a `TypeError` naming an option that is wrong.
    #[wasm_bindgen(constructor)]
    pub fn new(
        container: &HtmlElement,
        #[wasm_bindgen(unchecked_param_type = "Options")] options: Option<JsValue>,
    ) -> Result<Timeline, JsValue> {
        super::catch_panics();
        let o = read_options(options.unwrap_or(JsValue::UNDEFINED))?;
        let mut limits = Limits::default();
        if let Some(n) = o.max_events {
            limits.max_events = n as usize;
        }
        if let Some(n) = o.max_bytes {
            limits.max_bytes = n as usize;
        }
        let fixed = Fixed {
            controls: o.controls != Some(false),
            theme: match o.theme {
                ThemeChoice::Auto => None,
                ThemeChoice::Light => Some(ThemeName::Light),
                ThemeChoice::Dark => Some(ThemeName::Dark),
                ThemeChoice::Contrast => Some(ThemeName::Contrast),
            },
            overview: o.overview != Some(false),
            story: o.layout == LayoutChoice::Story,
            separate: o.clustering == Some(false),
            reduced: o.reduced_motion,
            groups: o.groups.iter().map(|g| g.parts()).collect(),
            start: match &o.start {
                None => Start::Fit,
                Some(StartOption::At(s)) if s.is_empty() => Start::Fit,
                Some(StartOption::At(s)) => Start::At(s.clone()),
                Some(StartOption::Range([a, b])) => Start::Range(*a, *b),
            },
            embeds: o.embeds,
        };
        let dom = Dom::mount(
            container,
            fixed.controls,
            o.height.unwrap_or(0),
            fixed.story,
        )?;
        super::watch(&dom.stopped);
        let painter = Painter::new(&dom.doc, &dom.canvas)?;
        let prefs = Prefs {
            dark: media("(prefers-color-scheme: dark)")?,
            contrast: media("(prefers-contrast: more)")?,
            reduce: media("(prefers-reduced-motion: reduce)")?,
        };
        let labels = IntlLabels::new(o.locale.clone());
        let dim = o.dim == Some(true);
        let inner = Rc::new_cyclic(|weak| {
            RefCell::new(Inner::new(
                dom,
                painter,
                labels,
                prefs,
                fixed,
                dim,
                weak.clone(),
            ))
        });
        let state = Rc::downgrade(&inner);
        let (listeners, resize) = {
            let i = inner.borrow();
            (install(&i, &state)?, Resize::new(&i, &state)?)
        };
        Ok(Timeline {
            inner: Some(inner),
            listeners,
            resize: Some(resize),
            limits,
        })
    }

    /// Loads TimelineJS3 JSON, TimelineJS CSV or native JSON text and shows it. Returns the
    /// [`Report`]; throws an `Error` whose message says what is wrong and where when nothing
    /// could be loaded (the timeline then keeps what it showed before).
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn load(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<JsValue, JsError> {
        let text: js_sys::JsString = text.dyn_into().map_err(|_| {
            JsError::new("load() expects text: TimelineJS3 JSON, CSV or native JSON")
        })?;
        self.busy()?;
        let whole = read_text(&text);
        // The text is kept by the dataset (its strings are spans of it, not copies).
        let loaded = parse_owned(whole, &self.limits).map_err(|e| JsError::new(&e.message()))?;
        let report = Report::new(&loaded);
        let mut inner = self.busy()?;
        let mut ds = loaded.dataset;
        ds.arrange_groups(&inner.fixed.groups);
        let w = Widget::new(ds, inner.width().max(1.0));
        inner.show(w);
        let report = to_js(&report);
        inner.events.fire_js(EventName::Load, &report);
        Ok(report)
    }

    /// Shows only the events that match `filter` (see [`FilterSpec`]; `null` or `{}` shows
    /// everything). The rest are hidden, or dimmed in place after `setDim(true)`. Returns
    /// how many events match.
    #[wasm_bindgen(js_name = setFilter)]
    pub fn set_filter(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "FilterSpec")] filter: Option<JsValue>,
    ) -> Result<usize, JsError> {
        let v = filter
            .map_or(Ok(Value::Null), read_value)
            .unwrap_or(Value::Null);
        let spec = FilterSpec::read(&v).map_err(|e| JsError::new(&e))?;
        Ok(self.busy()?.set_filter(spec))
    }

    /// Calls `callback(detail)` after each `event`: `"select"` ([`crate::api::SelectDetail`]),
    /// `"rangechange"` ([`crate::api::RangeDetail`], at most once per frame),
    /// `"filterchange"` ([`crate::api::FilterDetail`]) or `"load"` ([`Report`]).
    /// Listeners run after the change, outside the timeline's own code, so they may call its
    /// methods; one that throws is reported and the others still run.
    pub fn on(
        &self,
        #[wasm_bindgen(unchecked_param_type = "EventName")] event: JsValue,
        #[wasm_bindgen(
            unchecked_param_type = "(detail: SelectDetail | RangeDetail | FilterDetail | Report) => void"
        )]
        callback: js_sys::Function,
    ) -> Result<(), JsError> {
        self.subscribe(event, callback, true)
    }

    /// Removes a listener added with `on`.
    pub fn off(
        &self,
        #[wasm_bindgen(unchecked_param_type = "EventName")] event: JsValue,
        #[wasm_bindgen(
            unchecked_param_type = "(detail: SelectDetail | RangeDetail | FilterDetail | Report) => void"
        )]
        callback: js_sys::Function,
    ) -> Result<(), JsError> {
        self.subscribe(event, callback, false)
    }

    /// A PNG of the timeline as drawn now (the canvas at the screen's pixel density).
    #[wasm_bindgen(js_name = exportPng, unchecked_return_type = "Promise<Blob>")]
    pub fn export_png(&self) -> Result<js_sys::Promise, JsError> {
        let canvas = self.busy()?.dom.canvas.clone();
        Ok(js_sys::Promise::new(
            &mut |ok: js_sys::Function, fail: js_sys::Function| {
                let refused = fail.clone();
                // Called once by the browser (with null when it could not), then freed.
                let done = Closure::once_into_js(move |blob: JsValue| {
                    let _ = if blob.is_null() {
                        fail.call1(
                            &JsValue::UNDEFINED,
                            &js_sys::Error::new("Timescope could not make a PNG"),
                        )
                    } else {
                        ok.call1(&JsValue::UNDEFINED, &blob)
                    };
                });
                if let Err(e) = canvas.to_blob_with_type(done.unchecked_ref(), "image/png") {
                    let _ = refused.call1(&JsValue::UNDEFINED, &e);
                }
            },
        ))
    }

    /// Number of events loaded.
    #[wasm_bindgen(js_name = eventCount)]
    pub fn event_count(&self) -> usize {
        self.with(|w| w.ds.len()).unwrap_or(0)
    }

    /// The visible window as `[start, end]` in milliseconds since 1970 UTC (empty before a
    /// load).
    pub fn range(&self) -> Vec<f64> {
        self.with(|w| vec![w.view.start, w.view.end])
            .unwrap_or_default()
    }

    /// Shows `start..end` (milliseconds since 1970 UTC), kept within the zoom limits.
    #[wasm_bindgen(js_name = setRange)]
    pub fn set_range(&mut self, start: f64, end: f64) {
        self.update(|w| w.set_range(start, end));
    }

    /// Whether the events the filter leaves out stay in place, dimmed (`true`), or are
    /// hidden (`false`, the default; see also the `dim` option). While they are dimmed the
    /// arrow keys, the card and the hidden list go through every event, and the search's
    /// ‹ › buttons through the matches.
    #[wasm_bindgen(js_name = setDim)]
    pub fn set_dim(&mut self, dim: bool) {
        if let Ok(mut inner) = self.busy() {
            inner.dim = dim;
            if let Some(w) = inner.widget.as_mut() {
                w.set_dim(dim);
                let e = inner.refilter();
                inner.apply(e);
            }
        }
    }

    /// Shows every event.
    pub fn fit(&mut self) {
        self.update(Widget::fit);
    }

    /// Selects the event with this id and brings it into view (`null` clears the
    /// selection). Returns whether such an event exists.
    pub fn select(&mut self, id: Option<String>) -> bool {
        let mut found = id.is_none();
        self.update(|w| {
            let i = id.as_deref().and_then(|id| w.ds.find(id));
            found |= i.is_some();
            w.select(i, true)
        });
        found
    }

    /// The id of the selected event, if any.
    pub fn selected(&self) -> Option<String> {
        self.with(|w| Some(w.ds.event(w.selected?)?.id().into_owned()))
            .flatten()
    }

    /// Removes every listener, stops any animation frame, removes everything the timeline
    /// added to the page and frees its memory. Calling it twice is harmless; afterwards
    /// `load` and `setFilter` throw, and the other methods do nothing.
    pub fn destroy(&mut self) {
        self.listeners.clear();
        self.resize = None;
        if let Some(rc) = self.inner.take() {
            if let Ok(mut i) = rc.try_borrow_mut() {
                i.stop();
                i.events.clear();
                super::unwatch(&i.dom.stopped);
                i.dom.canvas.set_width(0);
                i.dom.canvas.set_height(0);
                i.dom.root.remove();
            }
        }
    }
}

impl Drop for Timeline {
    fn drop(&mut self) {
        self.destroy();
    }
}

/// The event a name given to `on` or `off` stands for.
fn event_name(event: JsValue) -> Result<EventName, JsError> {
    EventName::read(&read_value(event).unwrap_or(Value::Null)).map_err(|e| JsError::new(&e))
}

/// A value from the page as a [`Value`], read with js-sys. (serde-wasm-bindgen's
/// deserializer would read it too, but it costs 15 KB gzipped of wasm, a tenth of the size
/// budget, for three small objects: its error messages link float and `Debug` formatting.
/// What comes out is checked by the pure [`Options::read`] and friends either way.)
pub(crate) fn read_value(v: JsValue) -> Result<Value, JsValue> {
    Ok(if v.is_null() || v.is_undefined() {
        Value::Null
    } else if let Some(b) = v.as_bool() {
        Value::Bool(b)
    } else if let Some(n) = v.as_f64() {
        Value::Number(n)
    } else if let Some(s) = v.as_string() {
        Value::Text(s)
    } else if js_sys::Array::is_array(&v) {
        let a: js_sys::Array = v.unchecked_into();
        Value::List(a.iter().map(read_value).collect::<Result<_, _>>()?)
    } else if v.is_object() && !v.is_function() {
        let entries = js_sys::Object::entries(v.unchecked_ref());
        let mut map = Vec::new();
        for e in entries.iter() {
            let kv: js_sys::Array = e.unchecked_into();
            if let Some(k) = kv.get(0).as_string() {
                map.push((k, read_value(kv.get(1))?));
            }
        }
        Value::Map(map)
    } else {
        return Err(v);
    })
}

/// The text as one Rust string of exactly its size. A long text comes in pieces of 65,536
/// characters, each converted twice (once to learn its UTF-8 length, once to copy
/// it): a string passed whole is given room for three bytes per character when it has any
/// non-ASCII one, and wasm memory never shrinks (560 MB for 187 MB of text).
fn read_text(text: &js_sys::JsString) -> String {
    let n = text.length();
    if n <= PIECE {
        return String::from(text);
    }
    let pieces = || {
        let mut a = 0;
        std::iter::from_fn(move || {
            if a >= n {
                return None;
            }
            let mut b = n.min(a + PIECE);
            // Never between the two halves of a surrogate pair.
            if b < n && text.char_code_at(b - 1) as u32 & 0xfc00 == 0xd800 {
                b -= 1;
            }
            let piece = String::from(text.slice(a, b));
            a = b;
            Some(piece)
        })
    };
    let mut whole = String::with_capacity(pieces().map(|p| p.len()).sum());
    for p in pieces() {
        whole.push_str(&p);
    }
    whole
}

impl Timeline {
    /// Adds (`on`) or removes a listener of the event named `event`.
    fn subscribe(&self, event: JsValue, f: js_sys::Function, on: bool) -> Result<(), JsError> {
        let name = event_name(event)?;
        if let Ok(mut i) = self.busy() {
            if on {
                i.events.on(name, f);
            } else {
                i.events.off(name, &f);
            }
        }
        Ok(())
    }

    fn cell(&self) -> Option<&RefCell<Inner>> {
        self.inner.as_deref()
    }

    /// The state for a method that throws: an `Error` when destroyed or busy.
    fn busy(&self) -> Result<RefMut<'_, Inner>, JsError> {
        self.cell()
            .ok_or_else(|| JsError::new(DESTROYED))?
            .try_borrow_mut()
            .map_err(|_| JsError::new("Timescope is busy (called from its own event)"))
    }

    fn with<T>(&self, f: impl FnOnce(&Widget) -> T) -> Option<T> {
        let inner = self.cell()?.try_borrow().ok()?;
        inner.widget.as_ref().map(f)
    }

    fn update(&mut self, f: impl FnOnce(&mut Widget) -> Effect) {
        if let Ok(mut inner) = self.busy() {
            inner.update(f);
        }
    }
}
