//! The timeline's live state in the page and what it does with each change: the pure
//! [`Widget`] decides, this applies its [`Effect`]s to the DOM ([`Dom`]), the canvas
//! ([`Painter`]) and the page's listeners, in at most one animation frame per change.

use super::card::Chip;
use super::dom::Dom;
use super::events::Events;
use super::paint::{IntlLabels, Measured, Painter};
use crate::api::{Embeds, EventName, FilterDetail, FilterSpec, RangeDetail, SelectDetail};
use crate::card::{self, Ask, Card, CardMedia, Found};
use crate::draw::{Color, Theme, ThemeName};
use crate::filter::{apply, Filter, Index};
use crate::layout::Scene;
use crate::text::isolate;
use crate::widget::{Effect, Widget};
use std::cell::RefCell;
use std::rc::Weak;
use wasm_bindgen::prelude::*;
use web_sys::MediaQueryList;

/// The most items the hidden list holds at once; longer timelines show a window of them
/// around the selection.
const LIST_WINDOW: usize = 200;

/// What to show after each load (option `start`).
#[derive(Clone, Debug, Default)]
pub enum Start {
    /// Nothing in particular: everything.
    #[default]
    Fit,
    /// `"first"`, `"last"` or an id: selected with its card open.
    At(String),
    /// A range in ms.
    Range(f64, f64),
}

/// The reader's preferences, from media queries.
pub struct Prefs {
    /// `prefers-color-scheme: dark`.
    pub dark: MediaQueryList,
    /// `prefers-contrast: more`.
    pub contrast: MediaQueryList,
    /// `prefers-reduced-motion: reduce`.
    pub reduce: MediaQueryList,
}

/// The options that stay fixed for the timeline's life.
pub struct Fixed {
    /// Show the search bar and chips.
    pub controls: bool,
    /// A theme forced by the page; `None` follows the reader.
    pub theme: Option<ThemeName>,
    /// Show the overview strip.
    pub overview: bool,
    /// Tell a story: a slide per event above the timeline (the card, always open).
    pub story: bool,
    /// Draw every event on its own.
    pub separate: bool,
    /// Reduced motion forced on or off; `None` follows the reader.
    pub reduced: Option<bool>,
    /// Groups to put first, with colours.
    pub groups: Vec<(String, Option<String>)>,
    /// What to show after each load.
    pub start: Start,
    /// When third-party players load.
    pub embeds: Embeds,
}

/// Everything a timeline holds in the page while it lives.
pub struct Inner {
    /// Its elements.
    pub dom: Dom,
    /// The canvas painter.
    pub painter: Painter,
    /// Axis labels.
    pub labels: IntlLabels,
    /// The reader's preferences.
    pub prefs: Prefs,
    /// The options.
    pub fixed: Fixed,
    /// The page's listeners.
    pub events: Events,
    /// The loaded timeline, once there is one.
    pub widget: Option<Widget>,
    /// The theme in use.
    pub theme: Theme,
    /// Each group's colour in that theme.
    pub colors: Vec<Color>,
    /// Dim what the filter leaves out instead of hiding it.
    pub dim: bool,
    /// Backing-store size last set: (width, height).
    backing: (u32, u32),
    /// First index of the hidden list's window, and its length.
    window: (usize, usize),
    /// Whether the pointer is over something it can click (the cursor says so).
    hot: bool,
    /// Folded text for search: built in slices once the reader comes to the search box (or
    /// all at once by the first search).
    pub index: Option<Index>,
    /// What the reader (or the page, through `setFilter`) asked to see.
    pub filter: Filter,
    /// A search typed while the index was being built, shown when it is.
    waiting: bool,
    /// The range last told to `rangechange` listeners.
    told: (f64, f64),
    /// The media the open card shows (made again only when it changes).
    pub media: Option<CardMedia>,
    /// What the open card asked the players' module about, until it answers.
    pub asked: Option<Ask>,
    /// What the card showed from the module's last answer, by the media's address (a card
    /// shown again, or after a filter, takes it from here instead of asking again).
    pub player: Option<(String, CardMedia)>,
    /// Where a touch on a story's slide began (client px), until it ends.
    pub swipe: Option<(f64, f64)>,
    /// The animation frame asked for, if any (at most one in flight).
    raf: Option<i32>,
    /// The task due to build the next slice of the index, if any (its timeout's id).
    later: Option<i32>,
    /// Called by the animation frame.
    on_frame: Closure<dyn FnMut(f64)>,
    /// Called by the next task (`setTimeout`).
    on_later: Closure<dyn FnMut()>,
}

/// Runs `f` on the state behind `weak`, unless it is gone or busy: a re-entrant call (such
/// as the focus event `focus()` fires at once) finds it busy, and the outer call already did
/// what it would.
pub fn with<T>(weak: &Weak<RefCell<Inner>>, f: impl FnOnce(&mut Inner) -> T) -> Option<T> {
    let rc = weak.upgrade()?;
    let mut inner = rc.try_borrow_mut().ok()?;
    Some(f(&mut inner))
}

impl Inner {
    /// The state of a new timeline; `weak` is where it will live (for its callbacks).
    pub fn new(
        dom: Dom,
        painter: Painter,
        labels: IntlLabels,
        prefs: Prefs,
        fixed: Fixed,
        dim: bool,
        weak: Weak<RefCell<Inner>>,
    ) -> Inner {
        let w = weak.clone();
        let on_frame = Closure::new(move |t: f64| {
            with(&w, |i| {
                i.raf = None;
                i.draw(t);
            });
        });
        let on_later = Closure::new(move || {
            with(&weak, |i| {
                i.later = None;
                let e = i.build_index(true);
                i.apply(e);
            });
        });
        let mut inner = Inner {
            dom,
            painter,
            labels,
            prefs,
            fixed,
            events: Events::default(),
            widget: None,
            theme: Theme::new(ThemeName::Light),
            colors: Vec::new(),
            dim,
            backing: (0, 0),
            window: (0, 0),
            hot: false,
            index: None,
            filter: Filter::default(),
            waiting: false,
            told: (0.0, 0.0),
            media: None,
            swipe: None,
            asked: None,
            player: None,
            raf: None,
            later: None,
            on_frame,
            on_later,
        };
        inner.choose_theme();
        inner
    }

    /// Whether motion is reduced (the option, else the reader's setting).
    pub fn reduced(&self) -> bool {
        self.fixed
            .reduced
            .unwrap_or_else(|| self.prefs.reduce.matches())
    }

    /// Asks for one animation frame, unless one is already asked for.
    pub fn frame(&mut self) {
        if self.raf.is_some() {
            return;
        }
        let Some(win) = web_sys::window() else { return };
        self.raf = win
            .request_animation_frame(self.on_frame.as_ref().unchecked_ref())
            .ok();
    }

    /// Runs the next slice of the index build in a new task, after the browser has had its
    /// turn.
    fn later(&mut self) {
        if self.later.is_some() {
            return;
        }
        let Some(win) = web_sys::window() else { return };
        self.later = win
            .set_timeout_with_callback(self.on_later.as_ref().unchecked_ref())
            .ok();
    }

    /// Stops the animation frame and the task in flight (on destroy: their closures go with
    /// the state).
    pub fn stop(&mut self) {
        let Some(win) = web_sys::window() else { return };
        if let Some(id) = self.raf.take() {
            let _ = win.cancel_animation_frame(id);
        }
        if let Some(id) = self.later.take() {
            win.clear_timeout_with_handle(id);
        }
    }

    /// Follows the theme option or the reader's preferences.
    pub fn choose_theme(&mut self) {
        let name = self
            .fixed
            .theme
            .unwrap_or(if self.prefs.contrast.matches() {
                ThemeName::Contrast
            } else if self.prefs.dark.matches() {
                ThemeName::Dark
            } else {
                ThemeName::Light
            });
        self.theme = Theme::new(name);
        let class = match name {
            ThemeName::Light => "ts ts-light",
            ThemeName::Dark => "ts ts-dark",
            ThemeName::Contrast => "ts ts-contrast",
        };
        self.dom.root.set_class_name(class);
        if self.fixed.story {
            let _ = self.dom.root.class_list().add_1("ts-story");
        }
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

    /// Shows a freshly loaded widget: title, summary, filter reset, the `start` option.
    pub fn show(&mut self, mut w: Widget) {
        w.overview = self.fixed.overview;
        w.set_story(self.fixed.story);
        w.separate = self.fixed.separate;
        w.set_dim(self.dim);
        match &self.fixed.start {
            Start::Fit => {}
            Start::Range(a, b) => {
                w.set_range(*a, *b);
            }
            Start::At(at) => {
                let i = match at.as_str() {
                    "first" => Some(0),
                    "last" => w.ds.len().checked_sub(1),
                    id => w.ds.find(id),
                };
                if i.is_some() {
                    w.select(i, true);
                    w.set_card(true);
                }
            }
        }
        let title =
            w.ds.title()
                .map(|t| crate::text::plain_text(&t.headline))
                .unwrap_or_default();
        let summary = card::summary(&w.ds, &title);
        self.dom.title.set_text_content(Some(&title));
        self.dom.title.set_hidden(title.is_empty());
        let _ = self.dom.stage.set_attribute("aria-label", &summary);
        let _ = self.dom.canvas.set_attribute("aria-label", &summary);
        self.dom.card.root.set_hidden(true);
        self.dom.live.set_text_content(Some(""));
        let selected = w.selected.is_some() || w.story();
        self.widget = Some(w);
        self.index = None;
        self.waiting = false;
        self.filter = Filter::default();
        self.dom.q.set_value("");
        self.choose_theme();
        // A phone's first view, narrowed until headlines read (the start option overrides).
        if matches!(self.fixed.start, Start::Fit) {
            if let Some(w) = self.widget.as_mut().filter(|w| w.view.width > 0.0) {
                let mut measured = Measured {
                    labels: &mut self.labels,
                    painter: &mut self.painter,
                };
                w.readable_first_view(&self.theme, &self.colors, &mut measured);
            }
        }
        self.refilter();
        self.list_window(true);
        if selected {
            self.apply(Effect::SELECT | Effect::CARD);
        }
        self.frame();
    }

    /// The players' module found a player for media at `url`: the open card shows its
    /// placeholder (or, with `embeds: "auto"`, the player), if it still shows that media.
    pub fn player_found(&mut self, url: String, found: Found) -> Effect {
        let Some(ask) = self.asked.take_if(|a| a.url == url) else {
            return Effect::NONE;
        };
        let media = ask.shown(found);
        let _ = self.dom.media(&media);
        self.media = Some(media.clone());
        self.player = Some((url, media));
        Effect::NONE
    }

    /// Rebuilds the hidden list's window around the selection when it falls outside it (or
    /// always, with `force`).
    fn list_window(&mut self, force: bool) {
        let Some(w) = &self.widget else { return };
        let n = w.shown_len();
        let sel = w.selected.and_then(|i| w.position(i)).unwrap_or(0);
        let (a, len) = self.window;
        if !force && sel >= a && sel < a + len {
            return;
        }
        let a = sel
            .saturating_sub(LIST_WINDOW / 2)
            .min(n.saturating_sub(LIST_WINDOW));
        let end = n.min(a + LIST_WINDOW);
        let items: Vec<(usize, String)> = (a..end)
            .filter_map(|k| w.ds.event(w.shown_at(k)?))
            .map(|e| (e.index(), card::describe(&e)))
            .collect();
        self.window = (a, end - a);
        let _ = self
            .dom
            .list(&items, a, &card::list_note(a, items.len(), n));
    }

    /// Applies `self.filter`: the canvas, the hidden list, the count and the chips follow,
    /// and `filterchange` listeners are told.
    pub fn refilter(&mut self) -> Effect {
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
        let mut chips = Vec::new();
        let mut told = FilterSpec {
            text: f.text.clone(),
            from: f.from,
            to: f.to,
            ..FilterSpec::default()
        };
        for (i, g) in w.ds.groups().iter().enumerate() {
            let on = f.groups.contains(&i);
            if on {
                told.groups.push(g.name.clone());
            }
            chips.push(Chip {
                pressed: on,
                name: isolate(&g.name).into_owned(),
                count: o.groups.get(i).copied().unwrap_or(0),
                colour: self.colors.get(i).map(|c| c.css()),
            });
        }
        for (i, t) in w.ds.tags().iter().enumerate() {
            let on = f.tags.contains(&i);
            if on {
                told.tags.push(t.clone());
            }
            chips.push(Chip {
                pressed: on,
                name: format!("#{}", isolate(t)),
                count: o.tags.get(i).copied().unwrap_or(0),
                colour: None,
            });
        }
        let _ = self
            .dom
            .bar(&card::count(n, total), &chips, self.fixed.controls);
        let detail = FilterDetail {
            shown: n,
            total,
            filter: told,
        };
        self.events.fire(EventName::Filterchange, &detail);
        if e != Effect::NONE {
            self.list_window(true);
        }
        e
    }

    /// Acts on what the widget says changed.
    pub fn apply(&mut self, mut e: Effect) {
        if e.has(Effect::SELECT) {
            self.list_window(false);
        }
        let Some(w) = &self.widget else { return };
        if self.hot != (w.hover.is_some() || w.over_strip) {
            self.hot = !self.hot;
            let _ = self
                .dom
                .stage
                .class_list()
                .toggle_with_force("ts-hot", self.hot);
        }
        if e.has(Effect::SELECT) {
            let event = w.selected.and_then(|i| w.ds.event(i));
            let say = if w.story() {
                card::slide(w, event.as_ref())
            } else {
                event
                    .as_ref()
                    .map(|e| card::announce(w, e))
                    .unwrap_or_default()
            };
            let _ = self.dom.select(w.selected, &say);
            let id = event.map(|e| e.id().into_owned());
            self.events.fire(EventName::Select, &SelectDetail { id });
        }
        if e.has(Effect::SELECT) || e.has(Effect::CARD) {
            let mut card = match w.selected.and_then(|i| w.ds.event(i)) {
                Some(e) if w.card_open => Some(Card::new(w, &e, self.fixed.embeds)),
                None if w.title_slide() => {
                    w.ds.title().map(|t| Card::title(w, t, self.fixed.embeds))
                }
                _ => None,
            };
            // What the module found for this media already.
            let mut known = false;
            if let Some(c) = card.as_mut() {
                if let (Some(ask), Some((url, m))) = (&c.ask, &self.player) {
                    if ask.url == *url {
                        c.media = m.clone();
                        known = true;
                    }
                }
            }
            let fresh = card.as_ref().map(|c| &c.media) != self.media.as_ref();
            let cover = self.dom.show_card(card.as_ref(), fresh).unwrap_or(0.0);
            if fresh {
                self.asked = None;
                if let Some(ask) = card
                    .as_ref()
                    .and_then(|c| c.ask.as_ref())
                    .filter(|_| !known)
                {
                    self.dom.ask_player(ask);
                    self.asked = Some(ask.clone());
                }
            }
            self.media = card.map(|c| c.media);
            if let Some(w) = self.widget.as_mut() {
                w.cover = cover;
                // Keep the selection clear of the card that just opened over the canvas.
                e |= w.reveal_selected();
            }
        }
        if e.has(Effect::REDRAW) || e.has(Effect::ANIMATE) {
            self.frame();
        }
    }

    /// The width of the canvas area in CSS pixels.
    pub fn width(&self) -> f64 {
        f64::from(self.dom.stage.client_width())
    }

    /// Lays out and paints one frame.
    fn draw(&mut self, now: f64) {
        let width = self.width();
        let Some(w) = self.widget.as_mut() else {
            return;
        };
        if width <= 0.0 {
            return; // hidden: the resize observer asks again when it shows
        }
        let mut more = false;
        if w.animating() {
            more = w.tick(now).has(Effect::ANIMATE);
        }
        w.resize(width);
        let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
        let dpr = if dpr.is_finite() && dpr > 0.0 {
            dpr
        } else {
            1.0
        };
        let h = w.height();
        let (bw, bh) = ((width * dpr).round() as u32, (h * dpr).round() as u32);
        if self.backing != (bw, bh) {
            let c = &self.dom.canvas;
            if c.width() != bw {
                c.set_width(bw);
            }
            if c.height() != bh {
                c.set_height(bh);
            }
            let _ = c
                .style()
                .set_property("height", &format!("{}px", h.round() as i64));
            self.painter.reset();
            self.backing = (bw, bh);
        }
        let mut measured = Measured {
            labels: &mut self.labels,
            painter: &mut self.painter,
        };
        let scene = Scene {
            ds: &w.ds,
            view: &w.view,
            theme: &self.theme,
            colors: &self.colors,
            state: &w.state(),
        };
        let mut frame = w.layout.frame(&scene, &mut measured);
        if let Some(s) = w.strip() {
            s.shapes(
                w.ds.starts(),
                w.shown.as_deref(),
                &w.view,
                &self.theme,
                &mut frame.shapes,
            );
        }
        self.painter.paint(&frame.shapes, dpr);
        w.frame = frame;
        let range = (w.view.start, w.view.end);
        if range != self.told {
            self.told = range;
            self.events.fire(
                EventName::Rangechange,
                &RangeDetail {
                    start: range.0,
                    end: range.1,
                },
            );
        }
        if more {
            self.frame();
        }
    }

    /// Builds the search index in slices of about 8 ms, so the page keeps answering: when the
    /// reader comes to the search box (`next` false) or as the next slice (`next` true).
    pub fn build_index(&mut self, next: bool) -> Effect {
        let Some(w) = &self.widget else {
            return Effect::NONE;
        };
        if !next && self.index.is_some() {
            return Effect::NONE; // built, or being built
        }
        let clock = web_sys::window().and_then(|w| w.performance());
        let now = || clock.as_ref().map_or(0.0, |p| p.now());
        let index = self.index.get_or_insert_with(Index::default);
        let (t0, fresh) = (now(), !index.complete(w.ds.len()));
        while !index.extend(&w.ds, 1024) {
            if now() - t0 > 8.0 {
                self.later();
                return Effect::NONE;
            }
        }
        if !self.waiting {
            return Effect::NONE;
        }
        // A search typed meanwhile: the last slice, the search and what it shows each get a
        // task of their own (at a million events, each of the last two takes about a tenth
        // of a second).
        if fresh {
            self.later();
            return Effect::NONE;
        }
        if !index.searched(&self.filter.text) {
            index.search(&self.filter.text);
            self.later();
            return Effect::NONE;
        }
        self.refilter()
    }

    /// The reader typed in the search box.
    pub fn query(&mut self) -> Effect {
        self.filter.text = self.dom.q.value();
        // While the index is still being built (a million events take a second or two), the
        // search waits for it rather than holding the page: the count says so, and the last
        // slice shows the result.
        let n = self.widget.as_ref().map_or(0, |w| w.ds.len());
        if self.index.as_ref().is_some_and(|i| !i.complete(n))
            && !self.filter.text.trim().is_empty()
        {
            self.waiting = true;
            self.dom.found.set_text_content(Some(card::SEARCHING));
            return Effect::NONE;
        }
        self.refilter()
    }

    /// The reader pressed chip `k` (the groups', then the tags').
    pub fn chip(&mut self, k: usize) -> Effect {
        let ng = self.widget.as_ref().map_or(0, |w| w.ds.groups().len());
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
        self.refilter()
    }

    /// Sets the filter from `setFilter`'s object.
    pub fn set_filter(&mut self, spec: FilterSpec) -> usize {
        let Some(w) = self.widget.as_ref() else {
            return 0;
        };
        let names = |all: &mut dyn Iterator<Item = &str>, wanted: &[String]| -> Vec<usize> {
            all.enumerate()
                .filter(|(_, n)| wanted.iter().any(|x| x == n))
                .map(|(i, _)| i)
                .collect()
        };
        let f = Filter {
            groups: names(
                &mut w.ds.groups().iter().map(|g| g.name.as_str()),
                &spec.groups,
            ),
            tags: names(&mut w.ds.tags().iter().map(String::as_str), &spec.tags),
            from: spec.from.filter(|v| v.is_finite()),
            to: spec.to.filter(|v| v.is_finite()),
            text: spec.text,
        };
        self.dom.q.set_value(&f.text);
        self.filter = f;
        let e = self.refilter();
        self.apply(e);
        self.widget.as_ref().map_or(0, Widget::matched_len)
    }

    /// Runs `f` on the widget, if one is loaded, and acts on its effect.
    pub fn update(&mut self, f: impl FnOnce(&mut Widget) -> Effect) {
        if let Some(w) = self.widget.as_mut() {
            let e = f(w);
            self.apply(e);
        }
    }
}
