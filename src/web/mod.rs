//! The browser layer: the only code that touches wasm-bindgen and web-sys.
//!
//! [`Timeline`] is the one opaque handle JavaScript holds. It feeds browser events to the
//! pure [`Widget`](crate::widget::Widget), hands the layout's display list (and the overview
//! strip's) to `host.js` to paint, encoded by [`paint`], in at most one animation frame per
//! change, and tells the DOM
//! half (`host.js`: elements, listeners, detail card, hidden list, live region) what to
//! show. The one closure JavaScript calls is kept on the handle and dropped by
//! [`Timeline::destroy`], which also removes every listener. Text from the data reaches
//! the page through `textContent`; rich text only through the allow-list.

mod paint;

use crate::draw::{Color, Theme, ThemeName};
use crate::filter::{apply, Filter, Index};
use crate::model::{Dataset, EventRef};
use crate::parse::{parse_owned, Format, Limits, Warning};
use crate::sanitize;
use crate::text::{num, plain_text, Piece};
use crate::widget::{Effect, Key, Widget};
use paint::IntlLabels;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;

/// What `load` returns, as one string `host.report` turns into the object:
/// `format \u1 events \u1 eras \u1 title (\u3: none)`, then `\u1 path \u2 message` per
/// warning. (Built by hand: serde-wasm-bindgen would add ~5 KB gzipped.)
fn report(format: Format, ds: &crate::model::Dataset, warnings: &[Warning]) -> String {
    let clean = |s: &str| s.replace(['\u{1}', '\u{2}'], " ");
    let mut s = String::from(format.as_str());
    for n in [ds.len(), ds.eras().len()] {
        s.push('\u{1}');
        n.put(&mut s);
    }
    s.push('\u{1}');
    match ds.title() {
        Some(t) => s.push_str(&clean(&plain_text(&t.headline))),
        None => s.push('\u{3}'),
    }
    for w in warnings {
        s.push('\u{1}');
        s.push_str(&clean(&w.path));
        s.push('\u{2}');
        s.push_str(&clean(&w.message));
    }
    s
}

#[wasm_bindgen]
extern "C" {
    /// The element a timeline is made in (any `HTMLElement`).
    #[wasm_bindgen(typescript_type = "HTMLElement")]
    pub type HtmlElement;
    /// A JavaScript function (an event listener).
    #[wasm_bindgen(typescript_type = "Function")]
    pub type Function;
}

#[wasm_bindgen(module = "/src/web/host.js")]
extern "C" {
    /// The DOM half of the widget (see `host.js`).
    #[derive(Clone)]
    type Host;
    #[wasm_bindgen(catch)]
    fn mount(container: &HtmlElement, send: &Function, options: &JsValue) -> Result<Host, JsValue>;
    /// Option `k` as a number (see `options` in host.js).
    #[wasm_bindgen(method)]
    fn opt(this: &Host, k: u32) -> f64;
    /// Option `k` as a string.
    #[wasm_bindgen(method, js_name = optS)]
    fn opt_s(this: &Host, k: u32) -> String;
    /// `ms` formatted by `Intl.DateTimeFormat` in the chosen locale, in the style of tick
    /// kind `kind` (see `DATES` in host.js); empty when `Intl` refused the locale.
    #[wasm_bindgen(method)]
    fn date(this: &Host, kind: u8, ms: f64) -> String;
    /// Reads a `setFilter` object (see `filter` in host.js).
    #[wasm_bindgen(method)]
    fn filter(this: &Host, f: &JsValue) -> String;
    /// The object `load` returns, from [`report`]'s string.
    #[wasm_bindgen(method)]
    fn report(this: &Host, s: &str) -> JsValue;
    /// Paints an encoded display list (see [`paint::encode`]).
    #[wasm_bindgen(method)]
    fn paint(this: &Host, ops: &[f64], texts: &str, dpr: f64);
    /// The width of `text` in font number `font` (the order of [`crate::draw::Font`]).
    #[wasm_bindgen(method)]
    fn measure(this: &Host, text: &str, font: u8) -> f64;
    #[wasm_bindgen(method)]
    fn width(this: &Host) -> f64;
    #[wasm_bindgen(method)]
    fn dpr(this: &Host) -> f64;
    #[wasm_bindgen(method)]
    fn prefs(this: &Host) -> u32;
    #[wasm_bindgen(method)]
    fn frame(this: &Host);
    /// Sends `READY` (with `a` = 1) from a new task, after the browser has had its turn.
    #[wasm_bindgen(method)]
    fn later(this: &Host);
    /// `performance.now()`.
    #[wasm_bindgen(method)]
    fn now(this: &Host) -> f64;
    /// Cuts the string `text` into pieces for [`Host::piece`]; returns its length in UTF-8.
    #[wasm_bindgen(method)]
    fn split(this: &Host, text: &JsValue) -> f64;
    /// Piece `k` of the last text split, or "" after the last (which forgets them).
    #[wasm_bindgen(method)]
    fn piece(this: &Host, k: u32) -> String;
    /// Sets the search's count (a status line) to `text`.
    #[wasm_bindgen(method)]
    fn status(this: &Host, text: &str);
    #[wasm_bindgen(method)]
    fn size(this: &Host, w: u32, h: u32, css_h: f64);
    #[wasm_bindgen(method)]
    fn theme(this: &Host, name: &str);
    #[wasm_bindgen(method)]
    fn focus(this: &Host);
    #[wasm_bindgen(method)]
    fn hot(this: &Host, on: bool);
    #[wasm_bindgen(method)]
    fn load(this: &Host, title: &str, summary: &str, items: &str, start: usize, total: usize);
    #[wasm_bindgen(method)]
    fn list(this: &Host, items: &str, start: usize, total: usize);
    #[wasm_bindgen(method)]
    fn select(this: &Host, i: usize, say: &str);
    /// Shows or hides the card; returns how many pixels of the canvas's right side it
    /// covers.
    #[wasm_bindgen(method)]
    #[allow(clippy::too_many_arguments)]
    fn card(
        this: &Host,
        open: bool,
        date: &str,
        title: &str,
        text: &str,
        image: &str,
        alt: &str,
        caption: &str,
        link: &str,
        link_text: &str,
        meta: &str,
        count: &str,
        first: bool,
        last: bool,
    ) -> f64;
    /// The search box's text.
    #[wasm_bindgen(method)]
    fn q(this: &Host) -> String;
    #[wasm_bindgen(method, js_name = setQ)]
    fn set_q(this: &Host, text: &str);
    /// The match count and the chips (see `host.js`).
    #[wasm_bindgen(method)]
    fn bar(this: &Host, count: &str, chips: &str);
    #[wasm_bindgen(method)]
    fn on(this: &Host, kind: usize, f: &Function);
    #[wasm_bindgen(method)]
    fn off(this: &Host, kind: usize, f: &Function);
    /// Tells the page's listeners of event `kind` (an index into [`EVENTS`]).
    #[wasm_bindgen(method)]
    fn fire(this: &Host, kind: usize, a: f64, b: f64, s: &str, v: &JsValue);
    #[wasm_bindgen(method)]
    fn png(this: &Host) -> JsValue;
    #[wasm_bindgen(method)]
    fn destroy(this: &Host);
}

/// The events a page can listen to with `on`, by the number `host.js` knows them by.
const EVENTS: [&str; 4] = ["select", "rangechange", "filterchange", "load"];
const SELECT_EVENT: usize = 0;
const RANGE_EVENT: usize = 1;
const FILTER_EVENT: usize = 2;
const LOAD_EVENT: usize = 3;

/// Event kinds `host.js` sends (same numbers there).
mod kind {
    pub const DOWN: u32 = 0;
    pub const MOVE: u32 = 1;
    pub const UP: u32 = 2;
    pub const CANCEL: u32 = 3;
    pub const LEAVE: u32 = 4;
    pub const WHEEL: u32 = 5;
    pub const DOUBLE: u32 = 6;
    pub const KEY: u32 = 7;
    pub const FOCUS: u32 = 8;
    pub const BLUR: u32 = 9;
    pub const CARD_KEY: u32 = 10;
    pub const PREV: u32 = 11;
    pub const NEXT: u32 = 12;
    pub const CLOSE: u32 = 13;
    pub const PICK: u32 = 14;
    pub const RESIZE: u32 = 15;
    pub const FRAME: u32 = 16;
    pub const PREFS: u32 = 17;
    pub const QUERY: u32 = 18;
    pub const MATCH: u32 = 19;
    pub const CHIP: u32 = 20;
    pub const READY: u32 = 21;
}

/// The keys `host.js` forwards, by the index it sends.
const KEYS: [&str; 13] = [
    "ArrowLeft",
    "ArrowRight",
    "Home",
    "End",
    "+",
    "=",
    "-",
    "_",
    "0",
    "Enter",
    " ",
    "Escape",
    "Esc",
];

/// What a method says after `destroy()`.
const DESTROYED: &str = "this Timescope timeline was destroyed";

/// The most items the hidden list holds at once; longer timelines show a window of them
/// around the selection.
const LIST_WINDOW: usize = 200;

/// Everything the event callback shares with the handle.
struct Inner {
    host: Host,
    /// The display list encoded for `host.paint`, kept to reuse its memory.
    ops: Vec<f64>,
    texts: String,
    widget: Option<Widget>,
    theme_choice: Option<ThemeName>,
    theme: Theme,
    colors: Vec<Color>,
    labels: IntlLabels,
    /// Backing-store size last set: (width, height).
    backing: (u32, u32),
    /// First index of the hidden list's window, and its length.
    window: (usize, usize),
    /// Whether the pointer is over something it can click (the cursor says so).
    hot: bool,
    /// Folded text for search: built in slices once the reader comes to the search box (or
    /// all at once by the first search).
    index: Option<Index>,
    /// What the reader (or the page, through `setFilter`) asked to see.
    filter: Filter,
    /// A search typed while the index was being built, shown when it is.
    waiting: bool,
    /// The range last told to `rangechange` listeners.
    told: (f64, f64),
    /// Whether to show the overview strip (option `overview`).
    overview: bool,
    /// Draw every event on its own (option `clustering: false`).
    separate: bool,
    /// Dim what the filter leaves out instead of hiding it (option `dim`, `setDim`).
    dim: bool,
    /// Reduced motion forced on or off (option `reducedMotion`); `None` follows the reader.
    reduced: Option<bool>,
    /// Groups to put first, with colours (option `groups`).
    groups: Vec<(String, Option<String>)>,
    /// What to show after each load (option `start`).
    start: Start,
}

impl Inner {
    fn choose_theme(&mut self) {
        let prefs = self.host.prefs();
        let name = self.theme_choice.unwrap_or(if prefs & 2 != 0 {
            ThemeName::Contrast
        } else if prefs & 1 != 0 {
            ThemeName::Dark
        } else {
            ThemeName::Light
        });
        self.theme = Theme::new(name);
        self.host.theme(match name {
            ThemeName::Light => "light",
            ThemeName::Dark => "dark",
            ThemeName::Contrast => "contrast",
        });
        self.colors = match &self.widget {
            Some(w) => {
                w.ds.groups()
                    .iter()
                    .enumerate()
                    .map(|(i, g)| self.theme.group_color(i, g.color.as_deref()))
                    .collect()
            }
            None => Vec::new(),
        };
    }

    /// Rebuilds the hidden list's window around the selection when it falls outside; on
    /// `load`, always, together with the title and summary.
    fn list_window(&mut self, load: bool) {
        let Some(w) = &self.widget else { return };
        let n = w.shown_len();
        let sel = w.selected.and_then(|i| w.position(i)).unwrap_or(0);
        let (a, len) = self.window;
        if !load && sel >= a && sel < a + len {
            return;
        }
        let a = sel
            .saturating_sub(LIST_WINDOW / 2)
            .min(n.saturating_sub(LIST_WINDOW));
        // One string, items separated by U+0001 (never in text a reader sees), each led by
        // its event index and U+0002: one crossing instead of an array of strings.
        let mut items = String::new();
        let end = n.min(a + LIST_WINDOW);
        for e in (a..end).filter_map(|k| w.ds.event(w.shown_at(k)?)) {
            if !items.is_empty() {
                items.push('\u{1}');
            }
            e.index().put(&mut items);
            items.push('\u{2}');
            items.push_str(&describe(&e).replace(['\u{1}', '\u{2}'], " "));
        }
        self.window = (a, end - a);
        if !load {
            self.host.list(&items, a, n);
            return;
        }
        let title =
            w.ds.title()
                .map(|t| plain_text(&t.headline))
                .unwrap_or_default();
        self.host
            .load(&title, &summary(&w.ds, &title), &items, a, n);
    }

    /// Applies `self.filter`: the canvas, the hidden list, the count and the chips follow,
    /// and `filterchange` listeners are told.
    fn refilter(&mut self) -> Effect {
        self.waiting = false; // whatever was typed is applied now
        let Some(w) = self.widget.as_mut() else {
            return Effect::NONE;
        };
        let f = &self.filter;
        let mut none = Index::default();
        let index = if f.text.trim().is_empty() {
            &mut none
        } else {
            let index = self.index.get_or_insert_with(Index::default);
            index.extend(&w.ds, usize::MAX); // the rest of it, if it was still being built
            index
        };
        let o = apply(&w.ds, index, f);
        let e = w.set_shown((!f.is_empty()).then_some(&o.keep[..]));
        let (n, total) = (w.matched_len(), w.ds.len());
        let mut count = String::new();
        if n < total {
            n.put(&mut count);
            count.push_str(" of ");
        }
        total.put(&mut count);
        count.push_str(if total == 1 { " event" } else { " events" });
        // Chips: every group, then every tag, as `pressed \u2 name \u2 count \u2 colour`;
        // what `filterchange` is told: `text \u1 groups \u1 tags`, names joined by \u2.
        let mut chips = String::new();
        let mut told = f.text.clone();
        let mut chip =
            |told: &mut String, on: bool, prefix: &str, name: &str, n: u32, colour: &str| {
                if !chips.is_empty() {
                    chips.push('\u{1}');
                }
                chips.push(if on { '1' } else { '0' });
                chips.push('\u{2}');
                chips.push_str(prefix);
                chips.push_str(&name.replace(['\u{1}', '\u{2}'], " "));
                chips.push('\u{2}');
                n.put(&mut chips);
                chips.push('\u{2}');
                chips.push_str(colour);
                if on {
                    if !told.ends_with('\u{1}') {
                        told.push('\u{2}');
                    }
                    told.push_str(name);
                }
            };
        told.push('\u{1}');
        for (i, g) in w.ds.groups().iter().enumerate() {
            let colour = self.colors.get(i).map(|c| c.css()).unwrap_or_default();
            let n = o.groups.get(i).copied().unwrap_or(0);
            chip(&mut told, f.groups.contains(&i), "", &g.name, n, &colour);
        }
        told.push('\u{1}');
        for (i, t) in w.ds.tags().iter().enumerate() {
            let n = o.tags.get(i).copied().unwrap_or(0);
            chip(&mut told, f.tags.contains(&i), "#", t, n, "");
        }
        self.host.bar(&count, &chips);
        self.host.fire(
            FILTER_EVENT,
            n as f64,
            total as f64,
            &told,
            &JsValue::UNDEFINED,
        );
        if e != Effect::NONE {
            self.list_window(true);
        }
        e
    }

    /// Acts on what the widget says changed.
    fn apply(&mut self, mut e: Effect) {
        if e.has(Effect::SELECT) {
            self.list_window(false);
        }
        let Some(w) = &self.widget else { return };
        if self.hot != (w.hover.is_some() || w.over_strip) {
            self.hot = !self.hot;
            self.host.hot(self.hot);
        }
        if e.has(Effect::SELECT) {
            let i = w.selected.unwrap_or(usize::MAX);
            let say = w.selected.and_then(|i| w.ds.event(i)).map(|e| {
                let mut s = describe(&e);
                s.push_str(". Event ");
                s.push_str(&of_shown(w, e.index()));
                s
            });
            self.host.select(i, say.as_deref().unwrap_or(""));
            let id = w.selected.and_then(|i| w.ds.event(i)).map(|e| e.id());
            self.host.fire(
                SELECT_EVENT,
                0.0,
                0.0,
                id.as_deref().unwrap_or(""),
                &JsValue::UNDEFINED,
            );
        }
        if e.has(Effect::SELECT) || e.has(Effect::CARD) {
            let cover = show_card(&self.host, w, w.selected.filter(|_| w.card_open));
            if let Some(w) = self.widget.as_mut() {
                w.cover = cover;
                // Keep the selection clear of the card that just opened over the canvas.
                e |= w.reveal_selected();
            }
        }
        if e.has(Effect::REDRAW) || e.has(Effect::ANIMATE) {
            self.host.frame();
        }
    }

    /// Lays out and paints one frame.
    fn draw(&mut self, now: f64) {
        let Some(w) = self.widget.as_mut() else {
            return;
        };
        let width = self.host.width();
        if width <= 0.0 {
            return; // hidden: the resize observer asks again when it shows
        }
        let mut more = false;
        if w.animating() {
            more = w.tick(now).has(Effect::ANIMATE);
        }
        w.resize(width);
        let dpr = self.host.dpr();
        let dpr = if dpr.is_finite() && dpr > 0.0 {
            dpr
        } else {
            1.0
        };
        let h = w.height();
        let (bw, bh) = ((width * dpr).round() as u32, (h * dpr).round() as u32);
        if self.backing != (bw, bh) {
            self.host.size(bw, bh, h.round());
            self.backing = (bw, bh);
        }
        let mut frame = w.layout.frame(
            &w.ds,
            &w.view,
            &self.theme,
            &self.colors,
            &w.state(),
            &mut self.labels,
        );
        if let Some(s) = w.strip() {
            let shown = w.shown.as_deref();
            s.shapes(
                w.ds.starts(),
                shown,
                &w.view,
                &self.theme,
                &mut frame.shapes,
            );
        }
        paint::encode(&frame.shapes, dpr, &mut self.ops, &mut self.texts);
        self.host.paint(&self.ops, &self.texts, dpr);
        w.frame = frame;
        let range = (w.view.start, w.view.end);
        if range != self.told {
            self.told = range;
            let u = JsValue::UNDEFINED;
            self.host.fire(RANGE_EVENT, range.0, range.1, "", &u);
        }
        if more {
            self.host.frame();
        }
    }

    /// One event from `host.js` (`now`: its time stamp, on the animation frames' clock);
    /// returns the effect bits it acts on.
    fn on(&mut self, kind: u32, a: f64, b: f64, c: f64, d: f64, now: f64) -> Effect {
        match kind {
            kind::FRAME => {
                self.draw(a);
                return Effect::NONE;
            }
            kind::PREFS => {
                self.choose_theme();
                return self.refilter() | Effect::REDRAW;
            }
            // The reader came to the search box (a = 0), or the next slice is due (a = 1):
            // the index is built in slices of about 8 ms, so the page keeps answering.
            kind::READY => {
                let Some(w) = &self.widget else {
                    return Effect::NONE;
                };
                if a == 0.0 && self.index.is_some() {
                    return Effect::NONE; // built, or being built
                }
                let index = self.index.get_or_insert_with(Index::default);
                let (t0, fresh) = (self.host.now(), !index.complete(w.ds.len()));
                while !index.extend(&w.ds, 1024) {
                    if self.host.now() - t0 > 8.0 {
                        self.host.later();
                        return Effect::NONE;
                    }
                }
                if !self.waiting {
                    return Effect::NONE;
                }
                // A search typed meanwhile: the last slice, the search and what it shows
                // each get a task of their own (at a million events, each of the last two
                // takes about a tenth of a second).
                if fresh {
                    self.host.later();
                    return Effect::NONE;
                }
                if !index.searched(&self.filter.text) {
                    index.search(&self.filter.text);
                    self.host.later();
                    return Effect::NONE;
                }
                return self.refilter();
            }
            kind::QUERY => {
                self.filter.text = self.host.q();
                // While the index is still being built (a million events take a second or
                // two), the search waits for it rather than holding the page: the count
                // says so, and the last slice shows the result.
                let n = self.widget.as_ref().map_or(0, |w| w.ds.len());
                if self.index.as_ref().is_some_and(|i| !i.complete(n))
                    && !self.filter.text.trim().is_empty()
                {
                    self.waiting = true;
                    self.host.status("Searching…");
                    return Effect::NONE;
                }
                return self.refilter();
            }
            kind::CHIP => {
                let (k, ng) = (
                    a as usize,
                    self.widget.as_ref().map_or(0, |w| w.ds.groups().len()),
                );
                let (list, i) = if k < ng {
                    (&mut self.filter.groups, k)
                } else {
                    (&mut self.filter.tags, k - ng)
                };
                match list.iter().position(|&x| x == i) {
                    Some(p) => {
                        list.remove(p);
                    }
                    None => list.push(i),
                }
                return self.refilter();
            }
            kind::RESIZE => return Effect::REDRAW,
            _ => {}
        }
        let reduced = self.reduced.unwrap_or(self.host.prefs() & 4 != 0);
        let Some(w) = self.widget.as_mut() else {
            return Effect::NONE;
        };
        let id = c as i32;
        match kind {
            kind::DOWN => w.down(id, a, b, d != 0.0, now),
            kind::MOVE => w.moved(id, a, b, now),
            kind::UP => w.up(id, a, b, now, reduced),
            kind::CANCEL => w.cancel(id),
            kind::LEAVE => w.leave(),
            kind::WHEEL => w.wheel(a, b, c),
            kind::DOUBLE => w.double(a, b),
            kind::KEY | kind::CARD_KEY => {
                match KEYS.get(a as usize).and_then(|k| Key::from_key(k)) {
                    // In the card only Escape is ours; its buttons keep Enter and Space.
                    Some(Key::Close) if kind == kind::CARD_KEY => {
                        w.focused = true;
                        let e = w.key(Key::Close);
                        self.host.focus();
                        e
                    }
                    Some(key) if kind == kind::KEY => w.key(key),
                    _ => Effect::NONE,
                }
            }
            kind::FOCUS => {
                w.focused = true;
                Effect::REDRAW
            }
            kind::BLUR => {
                w.focused = false;
                Effect::REDRAW
            }
            kind::PREV => w.key(Key::Prev),
            kind::MATCH => w.step(a < 0.0, true),
            kind::NEXT => w.key(Key::Next),
            kind::CLOSE => {
                w.focused = true;
                let e = w.set_card(false);
                self.host.focus();
                e
            }
            kind::PICK => w.select(Some(a as usize), true) | w.set_card(true),
            _ => Effect::NONE,
        }
    }
}

/// Fills and shows the detail card for event `i`, or hides it; returns the pixels of the
/// canvas it covers.
fn show_card(host: &Host, w: &Widget, i: Option<usize>) -> f64 {
    let Some(e) = i.and_then(|i| w.ds.event(i)) else {
        return host.card(false, "", "", "", "", "", "", "", "", "", "", true, true);
    };
    let (mut image, mut alt, mut caption) = (String::new(), String::new(), String::new());
    let (mut link, mut link_text) = (String::new(), String::new());
    if let Some(m) = e.media() {
        caption = plain_text(m.caption());
        let credit = plain_text(m.credit());
        match sanitize::image_src(m.url()).filter(|_| sanitize::is_image(m.url())) {
            Some(src) => {
                image = src;
                alt = plain_text(m.alt());
                if alt.is_empty() {
                    alt = if caption.is_empty() {
                        plain_text(e.headline())
                    } else {
                        caption.clone()
                    };
                }
                if !credit.is_empty() {
                    if !caption.is_empty() {
                        caption.push_str(" — ");
                    }
                    caption.push_str(&credit);
                }
            }
            None => {
                if let Some(h) = sanitize::href(m.url()) {
                    link_text.push_str("Open the media");
                    if let Some(site) = sanitize::host(&h) {
                        link_text.push_str(" on ");
                        link_text.push_str(site);
                    }
                    if !caption.is_empty() {
                        link_text.push_str(": ");
                        link_text.push_str(&caption);
                    }
                    link = h;
                }
            }
        }
    }
    let mut meta = String::new();
    let sep = |m: &mut String| {
        if !m.is_empty() {
            m.push_str(" · ");
        }
    };
    if let Some(g) = e.group() {
        meta.push_str(g);
    }
    for t in e.tags() {
        sep(&mut meta);
        meta.push('#');
        meta.push_str(t);
    }
    if let Some(s) = e.source() {
        sep(&mut meta);
        meta.push_str("Source: ");
        meta.push_str(&plain_text(s));
    }
    let k = w.position(e.index()).unwrap_or(0);
    host.card(
        true,
        &e.date_label(),
        &plain_text(e.headline()),
        e.text(),
        &image,
        &alt,
        &caption,
        &link,
        &link_text,
        &meta,
        &of_shown(w, e.index()),
        k == 0,
        k + 1 >= w.shown_len(),
    )
}

/// The `start` option: an event (`"first"`, `"last"` or an id) or a range.
struct Start {
    at: String,
    range: (f64, f64),
}

/// Applies the `start` option after a load: an event is selected and its card opened; a
/// range (ms) is shown.
fn start_at(w: &mut Widget, start: &Start) {
    if start.range.0.is_finite() {
        w.set_range(start.range.0, start.range.1);
        return;
    }
    let i = match start.at.as_str() {
        "" => return,
        "first" => 0,
        "last" => w.ds.len().wrapping_sub(1),
        id => match w.ds.find(id) {
            Some(i) => i,
            None => return,
        },
    };
    w.select(Some(i), true);
    w.set_card(true);
}

/// "6 of 12": event `i`'s place among the events shown.
fn of_shown(w: &Widget, i: usize) -> String {
    let mut s = num(w.position(i).unwrap_or(0) + 1);
    s.push_str(" of ");
    w.shown_len().put(&mut s);
    s
}

/// "Headline, date (group)" as read in the list and announcements.
fn describe(e: &EventRef<'_>) -> String {
    let mut s = plain_text(e.headline());
    if s.is_empty() {
        s.push_str("Untitled event");
    }
    s.push_str(", ");
    s.push_str(&e.date_label());
    if let Some(g) = e.group() {
        s.push_str(" (");
        s.push_str(g);
        s.push(')');
    }
    s
}

/// The callback `host.js` calls with every browser event.
type Send = Closure<dyn FnMut(u32, f64, f64, f64, f64, f64) -> u32>;

/// A timeline shown inside a container element.
#[wasm_bindgen]
pub struct Timeline {
    /// Everything the timeline holds; `None` once destroyed, which lets the DOM it made and
    /// its memory go at once rather than when the garbage collector finalizes the handle.
    inner: Option<Rc<RefCell<Inner>>>,
    /// The DOM half, kept here too so `destroy` reaches it even from the timeline's own
    /// event listener (when `inner` is busy).
    host: Option<Host>,
    send: Option<Send>,
    limits: Limits,
}

#[wasm_bindgen]
impl Timeline {
    /// Creates a timeline inside `container`. `options` may be `undefined` or an object:
    /// `theme` (`"auto"` follows the reader's colour-scheme and contrast preferences, or
    /// `"light"`, `"dark"`, `"contrast"`), `locale` (a BCP 47 tag for axis labels, default
    /// the reader's), `height` (CSS px; taller timelines scroll inside it), `start`
    /// (`"first"`, `"last"` or an event id: selected with its card open; or `[from, to]` in
    /// ms), `groups` (names, or `{name, color}`, listed first in that order), `controls`,
    /// `overview`, `clustering` (each `false` to turn off), `dim` (`true`: what a filter
    /// leaves out is greyed in place, not hidden), `reducedMotion` (`true`/`false`
    /// instead of the reader's setting), `maxEvents` (default 2,000,000) and `maxBytes`
    /// (default 256 MiB). Throws a `TypeError` naming an option that is wrong.
    #[wasm_bindgen(constructor)]
    pub fn new(container: &HtmlElement, options: JsValue) -> Result<Timeline, JsValue> {
        let slot: Rc<RefCell<Weak<RefCell<Inner>>>> = Rc::new(RefCell::new(Weak::new()));
        let target = slot.clone();
        let send: Send = Closure::new(move |k: u32, a: f64, b: f64, c: f64, d: f64, t: f64| {
            let Some(rc) = target.borrow().upgrade() else {
                return 0;
            };
            // Re-entrant calls (focus() fires focus synchronously) find the state busy;
            // the outer call already did what they would.
            let Ok(mut inner) = rc.try_borrow_mut() else {
                return 0;
            };
            let e = inner.on(k, a, b, c, d, t);
            inner.apply(e);
            u32::from(e.has(Effect::HANDLED)) * 16
        });
        // host.js checks the options (a TypeError naming the wrong one) and hands them over
        // as numbers and strings: see `options` there.
        let host = mount(container, send.as_ref().unchecked_ref(), &options)?;
        let n = |k: u32| host.opt(k);
        let mut limits = Limits::default();
        if n(3) >= 0.0 {
            limits.max_events = n(3) as usize;
        }
        if n(4) >= 0.0 {
            limits.max_bytes = n(4) as usize;
        }
        let flags = n(1) as u32;
        let reduced = match flags & 24 {
            8 => Some(true),
            16 => Some(false),
            _ => None,
        };
        let groups = host
            .opt_s(0)
            .split('\u{1}')
            .filter_map(|g| {
                let (name, colour) = g.split_once('\u{2}')?;
                Some((
                    name.to_string(),
                    Some(colour.to_string()).filter(|c| !c.is_empty()),
                ))
            })
            .collect();
        let start = Start {
            at: host.opt_s(1),
            range: (n(5), n(6)),
        };
        let theme_choice = [ThemeName::Light, ThemeName::Dark, ThemeName::Contrast]
            .get((n(0) as usize).wrapping_sub(1))
            .copied();
        let labels = IntlLabels::new(host.clone());
        let inner = Rc::new(RefCell::new(Inner {
            host,
            ops: Vec::new(),
            texts: String::new(),
            widget: None,
            theme_choice,
            theme: Theme::new(ThemeName::Light),
            colors: Vec::new(),
            labels,
            backing: (0, 0),
            window: (0, 0),
            hot: false,
            index: None,
            waiting: false,
            filter: Filter::default(),
            told: (0.0, 0.0),
            overview: flags & 2 == 0,
            separate: flags & 4 != 0,
            dim: flags & 32 != 0,
            reduced,
            groups,
            start,
        }));
        *slot.borrow_mut() = Rc::downgrade(&inner);
        if let Ok(mut i) = inner.try_borrow_mut() {
            i.choose_theme();
        }
        let host = inner.try_borrow().ok().map(|i| i.host.clone());
        Ok(Timeline {
            inner: Some(inner),
            host,
            send: Some(send),
            limits,
        })
    }

    /// Loads TimelineJS3 JSON, TimelineJS CSV or native JSON text and shows it. Returns
    /// `{format, events, eras, title, warnings: [{path, message}]}`; throws an `Error` whose
    /// message says what is wrong and where when nothing could be loaded (the timeline then
    /// keeps what it showed before).
    pub fn load(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<JsValue, JsError> {
        // The text comes in pieces of up to a million characters, into a string of exactly
        // the size it needs: a `String` parameter is passed with room for three bytes per
        // character when it has any non-ASCII one, and wasm memory never shrinks (560 MB
        // for 187 MB of text).
        let host = self.host.as_ref().ok_or_else(|| JsError::new(DESTROYED))?;
        if !text.is_string() {
            return Err(JsError::new(
                "load() expects text: TimelineJS3 JSON, CSV or native JSON",
            ));
        }
        let mut whole = String::with_capacity(host.split(&text) as usize);
        for k in 0.. {
            let piece = host.piece(k);
            if piece.is_empty() {
                break;
            }
            whole.push_str(&piece);
        }
        // The text is kept by the dataset (its strings are spans of it, not copies).
        let loaded = parse_owned(whole, &self.limits).map_err(|e| JsError::new(&e.message()))?;
        let text = report(loaded.format, &loaded.dataset, &loaded.warnings);
        let mut inner = self.busy()?;
        let value = inner.host.report(&text);
        let width = inner.host.width();
        let mut ds = loaded.dataset;
        ds.arrange_groups(&inner.groups);
        let mut w = Widget::new(ds, width.max(1.0));
        w.overview = inner.overview;
        w.separate = inner.separate;
        w.set_dim(inner.dim);
        start_at(&mut w, &inner.start);
        inner.widget = Some(w);
        inner.index = None;
        inner.waiting = false;
        inner.filter = Filter::default();
        inner.host.set_q("");
        inner.choose_theme();
        inner.refilter();
        inner.list_window(true);
        if inner.widget.as_ref().is_some_and(|w| w.selected.is_some()) {
            inner.apply(Effect::SELECT | Effect::CARD);
        }
        inner.host.frame();
        inner.host.fire(LOAD_EVENT, 0.0, 0.0, "", &value);
        Ok(value)
    }

    /// Shows only the events that match `filter`: `{text, groups, tags, from, to}`, all
    /// optional. `text` is found in headlines, texts, groups and tags whatever the case and
    /// accents; `groups` and `tags` are arrays of names (an event needs one of them); `from`
    /// and `to` (ms since 1970 UTC) keep events that overlap the window. Kinds combine with
    /// AND. `null`, `{}` or empty values show everything. The rest are hidden, or dimmed in
    /// place after `setDim(true)`. Returns how many events match.
    #[wasm_bindgen(js_name = setFilter)]
    pub fn set_filter(&mut self, filter: JsValue) -> Result<usize, JsError> {
        let mut inner = self.busy()?;
        let inner = &mut *inner;
        let Some(w) = inner.widget.as_ref() else {
            return Ok(0);
        };
        // host.js reads the object: `text \u1 groups \u1 tags` (names joined by \u2);
        // `from` and `to` as options 7 and 8.
        let given = inner.host.filter(&filter);
        let mut parts = given.split('\u{1}');
        let mut f = Filter {
            text: parts.next().unwrap_or_default().to_string(),
            ..Filter::default()
        };
        let mut names = |all: &mut dyn Iterator<Item = &str>| -> Vec<usize> {
            let wanted: Vec<&str> = parts.next().unwrap_or_default().split('\u{2}').collect();
            all.enumerate()
                .filter(|(_, n)| wanted.contains(n))
                .map(|(i, _)| i)
                .collect()
        };
        f.groups = names(&mut w.ds.groups().iter().map(|g| g.name.as_str()));
        f.tags = names(&mut w.ds.tags().iter().map(String::as_str));
        let (from, to) = (inner.host.opt(7), inner.host.opt(8));
        f.from = from.is_finite().then_some(from);
        f.to = to.is_finite().then_some(to);
        inner.host.set_q(&f.text);
        inner.filter = f;
        let e = inner.refilter();
        inner.apply(e);
        Ok(inner.widget.as_ref().map_or(0, Widget::matched_len))
    }

    /// Calls `callback(detail)` after each `event`: `"select"` (`{id}`, `null` when cleared),
    /// `"rangechange"` (`{start, end}` in ms, at most once per frame), `"filterchange"`
    /// (`{shown, total, filter: {text, groups, tags}}`) or `"load"` (the report `load`
    /// returns). Listeners run after the change, outside the timeline's own code, so they
    /// may call its methods; one that throws is reported and the others still run.
    pub fn on(&self, event: &str, callback: &Function) -> Result<(), JsError> {
        self.listen(event, callback, true)
    }

    /// Removes a listener added with `on`.
    pub fn off(&self, event: &str, callback: &Function) -> Result<(), JsError> {
        self.listen(event, callback, false)
    }

    /// A PNG of the timeline as drawn now (the canvas at the screen's pixel density): a
    /// `Promise` of a `Blob`.
    #[wasm_bindgen(js_name = exportPng)]
    pub fn export_png(&self) -> JsValue {
        self.host.as_ref().map_or(JsValue::UNDEFINED, |h| h.png())
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
        if let Some(mut inner) = self.cell().and_then(|c| c.try_borrow_mut().ok()) {
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
        if let Some(h) = self.host.take() {
            h.destroy();
        }
        self.inner = None;
        self.send = None;
    }
}

impl Drop for Timeline {
    fn drop(&mut self) {
        self.destroy();
    }
}

impl Timeline {
    /// Adds (or removes) a listener of the event named `event`.
    #[inline(never)]
    fn listen(&self, event: &str, f: &Function, add: bool) -> Result<(), JsError> {
        let k = EVENTS.iter().position(|&e| e == event).ok_or_else(|| {
            JsError::new("Timescope events are select, rangechange, filterchange and load")
        })?;
        if let Some(i) = self.cell().and_then(|c| c.try_borrow().ok()) {
            if add {
                i.host.on(k, f);
            } else {
                i.host.off(k, f);
            }
        }
        Ok(())
    }

    fn cell(&self) -> Option<&RefCell<Inner>> {
        self.inner.as_deref()
    }

    /// The state for a method that throws: an `Error` when destroyed or busy.
    fn busy(&self) -> Result<std::cell::RefMut<'_, Inner>, JsError> {
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
        if let Some(mut inner) = self.cell().and_then(|c| c.try_borrow_mut().ok()) {
            if let Some(w) = inner.widget.as_mut() {
                let e = f(w);
                inner.apply(e);
            }
        }
    }
}

/// "Title: timeline of 12 events from 2017 to 8 Sep 2018", for the canvas's label.
fn summary(ds: &Dataset, title: &str) -> String {
    let mut s = title.to_string();
    if s.is_empty() {
        s.push_str("Timeline");
    } else {
        s.push_str(": timeline");
    }
    s.push_str(" of ");
    ds.len().put(&mut s);
    s.push_str(if ds.len() == 1 { " event" } else { " events" });
    if let (Some(a), Some(b)) = (ds.event(0), ds.event(ds.len().saturating_sub(1))) {
        let (a, b) = (a.start().label(), b.start().label());
        s.push_str(" from ");
        s.push_str(&a);
        if a != b {
            s.push_str(" to ");
            s.push_str(&b);
        }
    }
    s
}
