//! The interactive widget as plain data: the view, the selection, pointer gestures (drag,
//! inertia, pinch, tap), wheel and keys. The web layer feeds it events with their times and
//! positions and acts on the [`Effect`] it returns; everything here is tested natively.

use crate::draw::{Color, Theme};
use crate::layout::{Frame, Layout, Scene, State, Target};
use crate::model::Dataset;
use crate::num::within;
use crate::overview::{Grab, Strip, STRIP_H};
use crate::scale::Labeler;
use crate::scale::{Bounds, View};

/// What the web layer must do after an input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Effect(u8);

impl Effect {
    /// Nothing changed.
    pub const NONE: Effect = Effect(0);
    /// The canvas must be drawn again.
    pub const REDRAW: Effect = Effect(1);
    /// The selection changed (update the card, the list and the announcement).
    pub const SELECT: Effect = Effect(2);
    /// The detail card opened or closed.
    pub const CARD: Effect = Effect(4);
    /// An animation runs: keep requesting frames.
    pub const ANIMATE: Effect = Effect(8);
    /// The input was used (the browser's default action should be prevented).
    pub const HANDLED: Effect = Effect(16);

    /// True if every flag of `other` is set.
    pub fn has(self, other: Effect) -> bool {
        self.0 & other.0 == other.0 && other.0 != 0
    }
}

impl std::ops::BitOr for Effect {
    type Output = Effect;
    fn bitor(self, rhs: Effect) -> Effect {
        Effect(self.0 | rhs.0)
    }
}

impl std::ops::BitOrAssign for Effect {
    fn bitor_assign(&mut self, rhs: Effect) {
        self.0 |= rhs.0;
    }
}

/// Keyboard commands (the widget only hears keys while it has focus).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// ← : previous event.
    Prev,
    /// → : next event.
    Next,
    /// Home: first event.
    First,
    /// End: last event.
    Last,
    /// + : zoom in.
    ZoomIn,
    /// − : zoom out.
    ZoomOut,
    /// 0 : show everything.
    Fit,
    /// Enter: open the detail card.
    Open,
    /// Esc: close it.
    Close,
}

impl Key {
    /// The command for a `KeyboardEvent.key`, if any (modifier combinations are left to the
    /// browser by the caller).
    pub fn from_key(key: &str) -> Option<Key> {
        Some(match key {
            "ArrowLeft" => Key::Prev,
            "ArrowRight" => Key::Next,
            "Home" => Key::First,
            "End" => Key::Last,
            "+" | "=" => Key::ZoomIn,
            "-" | "_" => Key::ZoomOut,
            "0" => Key::Fit,
            "Enter" | " " => Key::Open,
            "Escape" | "Esc" => Key::Close,
            _ => return None,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Pointer {
    id: i32,
    x: f64,
    y: f64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Press {
    x: f64,
    y: f64,
    moved: bool,
    touch: bool,
}

/// Euclidean length (`hypot` without libm's extra code).
fn dist(dx: f64, dy: f64) -> f64 {
    (dx * dx + dy * dy).sqrt()
}

/// A swipe on the story's slide, from press to release (`dx`, `dy` in CSS px): to the left
/// is the next slide, to the right the previous; short or mostly vertical moves (the reader
/// scrolling the page) are not swipes.
pub fn swipe(dx: f64, dy: f64) -> Option<Key> {
    if dx.abs() < SWIPE_PX || dx.abs() < 2.0 * dy.abs() {
        return None;
    }
    Some(if dx < 0.0 { Key::Next } else { Key::Prev })
}

/// How far a swipe goes at least, in CSS px.
const SWIPE_PX: f64 = 40.0;

/// Pixels a press may wander and still count as a tap.
const TAP_SLOP: f64 = 6.0;
/// Inertia decays by e every this many milliseconds.
const INERTIA_MS: f64 = 325.0;

/// The widget's state.
#[derive(Debug)]
pub struct Widget {
    /// The data.
    pub ds: Dataset,
    /// Bands and lanes.
    pub layout: Layout,
    /// Limits of the view.
    pub bounds: Bounds,
    /// The visible window.
    pub view: View,
    /// Selected event.
    pub selected: Option<usize>,
    /// What the pointer is over.
    pub hover: Option<Target>,
    /// Whether the detail card is open.
    pub card_open: bool,
    /// Whether the widget tells a story (see [`Widget::set_story`]): the card is the slide,
    /// always open, and no selection is the title slide.
    story: bool,
    /// Whether the widget has keyboard focus.
    pub focused: bool,
    /// The last frame laid out (for hit-testing).
    pub frame: Frame,
    /// The events the filter lets through, in time order (`None`: all of them).
    pub shown: Option<Vec<u32>>,
    /// Pixels on the right of the canvas that the open detail card covers (0 when the card
    /// sits beside or below it).
    pub cover: f64,
    /// Whether every event is drawn on its own, never clustered.
    pub separate: bool,
    /// Whether the overview strip is shown under the bands.
    pub overview: bool,
    /// Whether the events a filter leaves out stay in place, dimmed (set with
    /// [`Widget::set_dim`]); otherwise they are hidden and the rest close up.
    dim: bool,
    /// Whether the pointer is over the overview strip (it can be dragged there).
    pub over_strip: bool,
    /// The layout of every event, kept while a filter is on.
    full: Option<Layout>,
    /// The pointer holding the overview's window, and what it holds.
    grab: Option<(i32, Grab)>,
    pointers: Vec<Pointer>,
    press: Option<Press>,
    /// Pan velocity in px/ms.
    velocity: f64,
    last_move: f64,
    last_tick: Option<f64>,
}

impl Widget {
    /// A widget showing `ds` at `width` CSS pixels: all of it, or where most of its events are
    /// when all would crowd them (see [`Bounds::first`]).
    pub fn new(ds: Dataset, width: f64) -> Widget {
        let (lo, hi) = ds.span().unwrap_or((0.0, 0.0));
        let bounds = Bounds::new(lo, hi);
        let layout = Layout::new(&ds);
        Widget {
            view: bounds.first(ds.starts(), ds.ends(), width),
            ds,
            layout,
            bounds,
            selected: None,
            hover: None,
            card_open: false,
            story: false,
            focused: false,
            frame: Frame::default(),
            shown: None,
            cover: 0.0,
            separate: false,
            overview: true,
            dim: false,
            over_strip: false,
            full: None,
            grab: None,
            pointers: Vec::new(),
            press: None,
            velocity: 0.0,
            last_move: 0.0,
            last_tick: None,
        }
    }

    /// Narrows a first view in which fewer than half of the events in sight would have their
    /// whole headline (a phone's width over decades of events: mostly dots and cut words).
    /// It halves the span until some window of that span, starting at one of the events,
    /// shows at least three events of which half read whole; of those windows it takes the
    /// one where most read, the earliest on a tie (else the most readable window it tried).
    /// Measured with `text`, as frames are; timelines of up to 300 events only (it lays out
    /// up to forty frames, a few milliseconds).
    pub fn readable_first_view(&mut self, theme: &Theme, colors: &[Color], text: &mut dyn Labeler) {
        let n = self.ds.len();
        if n > 300 {
            return;
        }
        let mut score = |w: &Widget, view: &View| {
            let f = w.layout.frame(
                &Scene {
                    ds: &w.ds,
                    view,
                    theme,
                    colors,
                    state: &w.state(),
                },
                text,
            );
            (f.readable, f.visible)
        };
        let (readable, visible) = score(self, &self.view);
        if 2 * readable >= visible {
            return;
        }
        let enough = visible.min(3);
        let starts = self.ds.starts();
        let stride = n.div_ceil(8).max(1);
        let mut best = (readable, self.view);
        let mut span = self.view.end - self.view.start;
        for _ in 0..5 {
            span /= 2.0;
            let mut found: Option<(usize, View)> = None;
            for &t in starts.iter().step_by(stride) {
                let mut v = self.view;
                let from = t - span * 0.05;
                v.set(from, from + span, &self.bounds);
                let (readable, visible) = score(self, &v);
                if visible >= enough && 2 * readable >= visible {
                    if found.as_ref().is_none_or(|(r, _)| readable > *r) {
                        found = Some((readable, v));
                    }
                } else if readable > best.0 {
                    best = (readable, v);
                }
            }
            if let Some((_, v)) = found {
                self.view = v;
                return;
            }
        }
        self.view = best.1;
    }

    /// The state a frame is laid out with.
    pub fn state(&self) -> State {
        State {
            selected: self.selected,
            hover: self.hover,
            focused: self.focused,
            separate: self.separate,
        }
    }

    /// The overview strip, under the bands (`None` when it is turned off).
    pub fn strip(&self) -> Option<Strip> {
        self.overview
            .then(|| Strip::new(&self.bounds, self.layout.height(), self.view.width))
    }

    /// Height of the canvas in CSS pixels: bands and axis, and the strip.
    pub fn height(&self) -> f64 {
        self.layout.height() + if self.overview { STRIP_H } else { 0.0 }
    }

    /// The container changed width. A widget that started hidden (no width) fits the data
    /// once it has one; otherwise the same span stretches to the new width.
    pub fn resize(&mut self, width: f64) -> Effect {
        if !(width.is_finite() && width > 0.0) || width == self.view.width {
            return Effect::NONE;
        }
        if self.view.width <= 1.0 {
            self.view = self.bounds.first(self.ds.starts(), self.ds.ends(), width);
        } else {
            self.view.width = width;
        }
        Effect::REDRAW
    }

    /// Shows everything.
    pub fn fit(&mut self) -> Effect {
        self.velocity = 0.0;
        self.view = self.bounds.fit(self.view.width);
        Effect::REDRAW
    }

    /// Shows `start..end` (milliseconds), within the limits.
    pub fn set_range(&mut self, start: f64, end: f64) -> Effect {
        self.velocity = 0.0;
        self.view.set(start, end, &self.bounds);
        Effect::REDRAW
    }

    /// Selects event `i` (or nothing) and, if asked, moves the view so it is in sight.
    pub fn select(&mut self, i: Option<usize>, reveal: bool) -> Effect {
        let i = i.filter(|&i| self.position(i).is_some());
        let mut e = Effect::REDRAW;
        if i != self.selected {
            e |= Effect::SELECT;
        }
        self.selected = i;
        if i.is_none() && self.card_open && !self.story {
            self.card_open = false;
            e |= Effect::CARD;
        }
        if reveal {
            self.velocity = 0.0;
            self.reveal_selected();
        }
        e
    }

    /// Moves the view so the selection is in sight and, with the card open, not under it.
    pub fn reveal_selected(&mut self) -> Effect {
        let Some(t) = self.selected.and_then(|i| self.ds.starts().get(i).copied()) else {
            return Effect::NONE;
        };
        let cover = if self.card_open { self.cover } else { 0.0 };
        if self.view.reveal(t, 48.0, cover, &self.bounds) {
            // What was under the pointer has moved away.
            self.hover = None;
            Effect::REDRAW
        } else {
            Effect::NONE
        }
    }

    /// Shows only the events flagged in `keep` (`None`: all), or with [`Widget::set_dim`]
    /// all of them with the rest dimmed. A selection that is filtered out is cleared; the
    /// view stays where it is.
    /// Returns `Effect::NONE` when the same events were shown already (a keystroke that
    /// does not change the matches costs no layout).
    pub fn set_shown(&mut self, keep: Option<&[bool]>) -> Effect {
        let shown: Option<Vec<u32>> = keep.map(|k| {
            (0..k.len() as u32)
                .filter(|&i| k.get(i as usize).copied().unwrap_or(false))
                .collect()
        });
        if shown == self.shown {
            return Effect::NONE;
        }
        // The unfiltered layout is kept aside while events are hidden, so clearing the
        // filter (an emptied search box) costs no layout; dimming only marks it.
        match keep.filter(|_| !self.dim) {
            Some(k) => {
                let old = std::mem::replace(&mut self.layout, Layout::of(&self.ds, Some(k)));
                self.full.get_or_insert(old);
            }
            None => {
                if let Some(full) = self.full.take() {
                    self.layout = full;
                }
                self.layout.mark(keep.filter(|_| self.dim));
            }
        }
        self.shown = shown;
        self.hover = None;
        // The card's "k of n" changes with what is shown.
        let mut e = if self.card_open {
            Effect::REDRAW | Effect::CARD
        } else {
            Effect::REDRAW
        };
        if let Some(i) = self.selected {
            if self.position(i).is_none() {
                let next = self
                    .shown_at(0)
                    .filter(|_| self.story && !self.title_slide());
                e |= self.select(next, self.story);
            }
        }
        e
    }

    /// Tells a story (`true`): the card becomes the slide and stays open; with a title (the
    /// data's), no selection is the title slide, which comes before the first event; without
    /// one, the first event is selected. `false` goes back to exploring, card closed.
    pub fn set_story(&mut self, on: bool) -> Effect {
        self.story = on;
        self.card_open = on;
        let mut e = Effect::CARD | Effect::REDRAW;
        if on && self.selected.is_none() && !self.title_slide() {
            e |= self.select(self.shown_at(0), true);
        }
        e
    }

    /// Whether the widget tells a story.
    pub fn story(&self) -> bool {
        self.story
    }

    /// Whether the story begins with a title slide.
    pub fn title_slide(&self) -> bool {
        self.story && self.ds.title().is_some()
    }

    /// Dims the events the filter leaves out instead of hiding them (`true`), or hides
    /// them again: from the next [`Widget::set_shown`], which then lays out anew.
    pub fn set_dim(&mut self, dim: bool) {
        self.dim = dim;
        self.shown = None;
    }

    /// The events walked by the arrow keys, the card and the list, in time order: the
    /// matches when the rest are hidden, all of them when the rest are dimmed (`None`).
    fn nav(&self) -> Option<&[u32]> {
        self.shown.as_deref().filter(|_| !self.dim)
    }

    /// How many events the filter lets through.
    pub fn matched_len(&self) -> usize {
        self.shown.as_ref().map_or(self.ds.len(), Vec::len)
    }

    /// How many events are shown (and walked).
    pub fn shown_len(&self) -> usize {
        self.nav().map_or(self.ds.len(), <[u32]>::len)
    }

    /// The `k`-th shown event in time order.
    pub fn shown_at(&self, k: usize) -> Option<usize> {
        match self.nav() {
            Some(s) => s.get(k).map(|&i| i as usize),
            None => (k < self.ds.len()).then_some(k),
        }
    }

    /// Where event `i` is among the shown ones (`None` if filtered out).
    pub fn position(&self, i: usize) -> Option<usize> {
        match self.nav() {
            Some(s) => s.binary_search(&(i as u32)).ok(),
            None => (i < self.ds.len()).then_some(i),
        }
    }

    /// Selects the next (or with `back` the previous) shown event, or with `matches` the
    /// next match (they differ while the rest are dimmed). Without a selection the walk
    /// starts from the edge of the view, where the reader looks.
    pub fn step(&mut self, back: bool, matches: bool) -> Effect {
        if self.story && !matches {
            // Slide by slide: the title slide, then the shown events in order.
            let k = self.selected.and_then(|i| self.position(i));
            let to = match (k, back) {
                (None, false) => self.shown_at(0),
                (None, true) => return Effect::NONE,
                (Some(0), true) if self.title_slide() => return self.select(None, false),
                (Some(k), false) => self.shown_at(k + 1),
                (Some(k), true) => k.checked_sub(1).and_then(|k| self.shown_at(k)),
            };
            return to.map_or(Effect::NONE, |i| self.select(Some(i), true));
        }
        let list = if matches {
            self.shown.as_deref()
        } else {
            self.nav()
        };
        let n = list.map_or(self.ds.len(), <[u32]>::len);
        // Positions among the walked events, not event indices.
        let from = |i: usize| list.map_or(i, |s| s.partition_point(|&j| (j as usize) < i));
        let starts = self.ds.starts();
        let k = match (self.selected, back) {
            (Some(i), false) => from(i + 1),
            (Some(i), true) => from(i).saturating_sub(1),
            (None, false) => from(starts.partition_point(|&s| s < self.view.start)),
            (None, true) => from(starts.partition_point(|&s| s <= self.view.end)).saturating_sub(1),
        }
        .min(n.saturating_sub(1));
        let i = match list {
            Some(s) => s.get(k).map(|&i| i as usize),
            None => (k < n).then_some(k),
        };
        if i.is_none() {
            return Effect::NONE;
        }
        self.select(i, true)
    }

    /// Opens or closes the detail card for the selection (it only opens with one).
    pub fn set_card(&mut self, open: bool) -> Effect {
        let open = self.story || open && self.selected.is_some();
        if open == self.card_open {
            return Effect::NONE;
        }
        self.card_open = open;
        Effect::CARD | Effect::REDRAW
    }

    /// A keyboard command.
    pub fn key(&mut self, key: Key) -> Effect {
        let n = self.shown_len();
        if n == 0 {
            return Effect::NONE;
        }
        let starts = self.ds.starts();
        let centre = self.view.width / 2.0;
        let at = |k: usize| self.shown_at(k.min(n - 1));
        let e = match key {
            Key::Next => self.step(false, false),
            Key::Prev => self.step(true, false),
            // A story starts at its title slide.
            Key::First if self.title_slide() => self.select(None, false),
            Key::First => self.select(at(0), true),
            Key::Last => self.select(at(n - 1), true),
            Key::ZoomIn | Key::ZoomOut => {
                // Around the selection when it is in sight, else around the centre.
                let x = self
                    .selected
                    .and_then(|i| starts.get(i))
                    .map(|&t| self.view.x(t))
                    .filter(|x| *x >= 0.0 && *x <= self.view.width)
                    .unwrap_or(centre);
                let f = if key == Key::ZoomIn { 2.0 } else { 0.5 };
                self.velocity = 0.0;
                if self.view.zoom_at(x, f, &self.bounds) {
                    Effect::REDRAW
                } else {
                    Effect::NONE
                }
            }
            Key::Fit => self.fit(),
            Key::Open => {
                if self.selected.is_none() {
                    let e = self.key(Key::Next);
                    e | self.set_card(true)
                } else {
                    self.set_card(true)
                }
            }
            // A story's slide stays; Escape is the page's.
            Key::Close if self.story => return Effect::NONE,
            Key::Close => self.set_card(false),
        };
        e | Effect::HANDLED
    }

    /// A wheel or trackpad step at `x`: vertical deltas zoom around the pointer, horizontal
    /// ones pan. Deltas in pixels. Unhandled (so the page scrolls) when the view cannot
    /// change any more.
    pub fn wheel(&mut self, x: f64, dx: f64, dy: f64) -> Effect {
        self.velocity = 0.0;
        let mut changed = false;
        if dx.abs() > dy.abs() {
            changed |= self.view.pan_px(-dx, &self.bounds);
        } else if dy != 0.0 {
            // 100 px of wheel is a factor of about 1.2 either way.
            let step = within(dy, -600.0, 600.0) / 500.0;
            let factor = if step < 0.0 {
                1.0 - step
            } else {
                1.0 / (1.0 + step)
            };
            changed |= self.view.zoom_at(x, factor, &self.bounds);
        }
        if changed {
            Effect::REDRAW | Effect::HANDLED
        } else {
            Effect::NONE
        }
    }

    /// A pointer went down.
    pub fn down(&mut self, id: i32, x: f64, y: f64, touch: bool, now: f64) -> Effect {
        self.velocity = 0.0;
        if let Some(s) = self
            .strip()
            .filter(|s| s.contains(y) && self.pointers.is_empty())
        {
            // The overview: take hold of its window (which first jumps here if the press
            // is beside it).
            let (g, jump) = s.grab(&self.view, x);
            if jump {
                s.drag(g, x, &mut self.view, &self.bounds);
            }
            self.grab = Some((id, g));
            self.hover = None;
            return Effect::REDRAW | Effect::HANDLED;
        }
        self.pointers.retain(|p| p.id != id);
        if self.pointers.len() >= 2 {
            return Effect::NONE;
        }
        self.pointers.push(Pointer { id, x, y });
        self.press = (self.pointers.len() == 1).then_some(Press {
            x,
            y,
            moved: false,
            touch,
        });
        self.last_move = now;
        Effect::HANDLED
    }

    /// A pointer moved (pressed or not).
    pub fn moved(&mut self, id: i32, x: f64, y: f64, now: f64) -> Effect {
        if let Some((gid, g)) = self.grab {
            if gid == id {
                let moved = self
                    .strip()
                    .is_some_and(|s| s.drag(g, x, &mut self.view, &self.bounds));
                return if moved {
                    Effect::REDRAW | Effect::HANDLED
                } else {
                    Effect::HANDLED
                };
            }
        }
        let Some(k) = self.pointers.iter().position(|p| p.id == id) else {
            return self.hover_at(x, y);
        };
        let Some(old) = self.pointers.get(k).copied() else {
            return Effect::NONE;
        };
        if let Some(p) = self.pointers.get_mut(k) {
            p.x = x;
            p.y = y;
        }
        let mut e = Effect::HANDLED;
        if let [a, b] = self.pointers[..] {
            // Pinch: zoom by the change in finger distance around their midpoint, and pan
            // by the midpoint's move.
            let (oa, ob) = if a.id == id { (old, b) } else { (a, old) };
            let d_old = dist(oa.x - ob.x, oa.y - ob.y);
            let d_new = dist(a.x - b.x, a.y - b.y);
            let (m_old, m_new) = ((oa.x + ob.x) / 2.0, (a.x + b.x) / 2.0);
            // Pan first so the content under the old midpoint follows the fingers, then
            // zoom around where they are now.
            self.view.pan_px(m_new - m_old, &self.bounds);
            if d_old > 10.0 && d_new > 10.0 {
                self.view.zoom_at(m_new, d_new / d_old, &self.bounds);
            }
            if let Some(p) = &mut self.press {
                p.moved = true;
            }
            return e | Effect::REDRAW;
        }
        let Some(press) = &mut self.press else {
            return e;
        };
        if !press.moved && dist(x - press.x, y - press.y) < TAP_SLOP {
            return e;
        }
        press.moved = true;
        let dx = x - old.x;
        let dt = (now - self.last_move).max(1.0);
        // Smoothed velocity of the last moves, for the fling.
        self.velocity = 0.8 * (dx / dt) + 0.2 * self.velocity;
        self.last_move = now;
        if self.view.pan_px(dx, &self.bounds) {
            e |= Effect::REDRAW;
        }
        if self.hover.take().is_some() {
            e |= Effect::REDRAW;
        }
        e
    }

    /// A pointer went up: a tap selects or zooms into a cluster; a fling starts inertia
    /// (unless the reader prefers reduced motion).
    pub fn up(&mut self, id: i32, x: f64, y: f64, now: f64, reduced_motion: bool) -> Effect {
        if self.grab.is_some_and(|(g, _)| g == id) {
            self.grab = None;
            return Effect::HANDLED;
        }
        let was_pinch = self.pointers.len() == 2;
        self.pointers.retain(|p| p.id != id);
        if was_pinch || !self.pointers.is_empty() {
            // End of a pinch: no tap, no fling.
            self.press = None;
            return Effect::HANDLED;
        }
        let Some(press) = self.press.take() else {
            return Effect::NONE;
        };
        if press.moved {
            let recent = now - self.last_move < 80.0;
            if !reduced_motion && recent && self.velocity.abs() > 0.05 {
                self.last_tick = None;
                return Effect::ANIMATE | Effect::HANDLED;
            }
            self.velocity = 0.0;
            return Effect::HANDLED;
        }
        self.tap(x, y, press.touch) | Effect::HANDLED
    }

    /// A pointer was cancelled (the browser took over the gesture).
    pub fn cancel(&mut self, id: i32) -> Effect {
        if self.grab.is_some_and(|(g, _)| g == id) {
            self.grab = None;
        }
        self.pointers.retain(|p| p.id != id);
        self.press = None;
        Effect::NONE
    }

    /// A tap or click at (x, y).
    pub fn tap(&mut self, x: f64, y: f64, touch: bool) -> Effect {
        let slop = if touch { 14.0 } else { 3.0 };
        match self.frame.hit(x, y, slop) {
            Some(Target::Event(i)) => self.select(Some(i), false) | self.set_card(true),
            Some(Target::Cluster { first, t0, t1, .. }) => self.zoom_into(first, t0, t1),
            None => self.set_card(false),
        }
    }

    /// Zooms to show a cluster's span; a cluster that cannot split (its events share one
    /// instant) selects its first event instead.
    pub fn zoom_into(&mut self, first: usize, t0: f64, t1: f64) -> Effect {
        self.velocity = 0.0;
        let span = t1 - t0;
        if span < self.bounds.min_span {
            return self.select(Some(first), false) | self.set_card(true);
        }
        let pad = span * 0.15 + 1.0;
        self.view.set(t0 - pad, t1 + pad, &self.bounds);
        self.hover = None;
        Effect::REDRAW
    }

    /// Double-click: zoom into a cluster, or 2× around the pointer.
    pub fn double(&mut self, x: f64, y: f64) -> Effect {
        match self.frame.hit(x, y, 3.0) {
            Some(Target::Cluster { first, t0, t1, .. }) => self.zoom_into(first, t0, t1),
            Some(Target::Event(_)) => Effect::NONE,
            None => {
                self.view.zoom_at(x, 2.0, &self.bounds);
                Effect::REDRAW | Effect::HANDLED
            }
        }
    }

    /// The pointer hovers at (x, y) (no button pressed).
    pub fn hover_at(&mut self, x: f64, y: f64) -> Effect {
        self.over_strip = self.strip().is_some_and(|s| s.contains(y));
        let h = self.frame.hit(x, y, 0.0);
        if h == self.hover {
            return Effect::NONE;
        }
        self.hover = h;
        Effect::REDRAW
    }

    /// The pointer left the widget.
    pub fn leave(&mut self) -> Effect {
        self.over_strip = false;
        if self.hover.take().is_some() {
            Effect::REDRAW
        } else {
            Effect::NONE
        }
    }

    /// Advances inertia to time `now` (ms); returns `ANIMATE` while it should continue.
    pub fn tick(&mut self, now: f64) -> Effect {
        if self.velocity == 0.0 {
            self.last_tick = None;
            return Effect::NONE;
        }
        let dt = match self.last_tick {
            Some(t) => within(now - t, 0.0, 100.0),
            None => 16.0,
        };
        self.last_tick = Some(now);
        let moved = self.view.pan_px(self.velocity * dt, &self.bounds);
        // Exponential decay, e^(-dt/τ), by its first terms (dt ≤ 100 ms, so dt/τ < 0.31).
        let k = dt / INERTIA_MS;
        self.velocity *= (1.0 - k + k * k / 2.0 - k * k * k / 6.0).max(0.0);
        if !moved || self.velocity.abs() < 0.01 {
            self.velocity = 0.0;
            self.last_tick = None;
            return Effect::REDRAW;
        }
        Effect::REDRAW | Effect::ANIMATE
    }

    /// Whether inertia is running.
    pub fn animating(&self) -> bool {
        self.velocity != 0.0 && self.pointers.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draw::{Color, Theme, ThemeName};
    use crate::parse::{parse, Limits};
    use crate::scale::English;

    fn widget(width: f64) -> Widget {
        let ds = parse(
            include_str!("../www/data/idlib-2018.json"),
            &Limits::default(),
        )
        .unwrap()
        .dataset;
        let mut w = Widget::new(ds, width);
        // The tests below start from the whole span (the first view is tested on its own).
        w.fit();
        draw(&mut w);
        w
    }

    #[test]
    fn a_story_goes_slide_by_slide_from_its_title() {
        let mut w = widget(1280.0);
        assert!(w.ds.title().is_some(), "the Idlib data has a title");
        let e = w.set_story(true);
        assert!(e.has(Effect::CARD) && w.card_open && w.story());
        assert_eq!(w.selected, None, "the title slide comes first");
        assert!(w.title_slide());
        // Back from the title slide goes nowhere; Escape is left to the page.
        assert!(!w.key(Key::Prev).has(Effect::SELECT));
        assert_eq!(w.key(Key::Close), Effect::NONE);
        assert!(w.card_open);
        for k in 0..w.ds.len() {
            assert!(w.key(Key::Next).has(Effect::SELECT));
            assert_eq!(w.selected, Some(k), "slide {k}");
            assert!(w.card_open, "the slide stays open");
        }
        assert!(
            !w.key(Key::Next).has(Effect::SELECT),
            "no slide after the last"
        );
        w.key(Key::First);
        assert_eq!(w.selected, None, "Home is the story's start");
        w.key(Key::Next);
        assert_eq!(w.selected, Some(0));
        assert!(w.key(Key::Prev).has(Effect::SELECT));
        assert_eq!(w.selected, None, "back to the title slide");
        // A filter narrows the slides: a slide it leaves out gives way to the first it keeps.
        w.key(Key::Next);
        w.key(Key::Next);
        let keep: Vec<bool> = (0..w.ds.len()).map(|i| i >= 5).collect();
        w.set_shown(Some(&keep));
        assert_eq!(
            w.selected, None,
            "with a title, the story starts again from it"
        );
        w.key(Key::Next);
        assert_eq!(w.selected, Some(5));
        w.key(Key::Next);
        assert_eq!(w.selected, Some(6));
        // Clicking an event in the navigator shows its slide.
        w.select(Some(9), true);
        assert!(w.card_open);
        // Without a title the first event is the first slide.
        let mut ds = parse(
            r#"[{"start": "2001", "headline": "a"}, {"start": "2002", "headline": "b"}]"#,
            &Limits::default(),
        )
        .unwrap()
        .dataset;
        assert!(ds.title().is_none());
        let mut w = Widget::new(std::mem::take(&mut ds), 800.0);
        w.set_story(true);
        assert_eq!(w.selected, Some(0));
        assert!(
            !w.key(Key::Prev).has(Effect::SELECT),
            "nothing before the first slide"
        );
        assert_eq!(w.selected, Some(0));
        let keep = [false, true];
        w.set_shown(Some(&keep));
        assert_eq!(w.selected, Some(1), "the first slide the filter keeps");
        // Exploring again closes the card.
        w.set_story(false);
        assert!(!w.story() && !w.card_open);
    }

    #[test]
    fn a_swipe_is_a_long_mostly_sideways_move() {
        assert_eq!(swipe(-80.0, 10.0), Some(Key::Next));
        assert_eq!(swipe(80.0, -20.0), Some(Key::Prev));
        assert_eq!(swipe(-30.0, 0.0), None, "too short");
        assert_eq!(swipe(-80.0, 60.0), None, "the reader scrolls the page");
    }

    #[test]
    fn a_phone_first_view_narrows_until_headlines_read() {
        let th = Theme::new(ThemeName::Light);
        let colors: Vec<Color> = (0..5).map(|g| th.group_color(g, None)).collect();
        let score = |w: &mut Widget| {
            draw(w);
            (w.frame.readable, w.frame.visible)
        };
        for (file, json) in [
            (
                "houston",
                include_str!("../tests/fixtures/timelinejs3/houston.json"),
            ),
            (
                "twain",
                include_str!("../tests/fixtures/timelinejs3/twain-marktwain.json"),
            ),
        ] {
            let ds = parse(json, &Limits::default()).unwrap().dataset;
            let mut w = Widget::new(ds, 375.0);
            let (r0, v0) = score(&mut w);
            assert!(
                2 * r0 < v0,
                "{file}: the whole span is mostly cut at 375 px ({r0} of {v0})"
            );
            let before = w.view.end - w.view.start;
            w.readable_first_view(&th, &colors, &mut English);
            let (r, v) = score(&mut w);
            assert!(v >= 3 && 2 * r >= v, "{file}: {r} of {v} read whole");
            assert!(w.view.end - w.view.start < before);
            // At a desktop's width the same data already reads: the view stays.
            let ds = parse(json, &Limits::default()).unwrap().dataset;
            let mut w = Widget::new(ds, 1280.0);
            let view = w.view;
            let (r, v) = score(&mut w);
            w.readable_first_view(&th, &colors, &mut English);
            if 2 * r >= v {
                assert_eq!(w.view, view, "{file} at 1280 px");
            }
        }
    }

    #[test]
    fn the_idlib_timeline_opens_on_september_2018() {
        let ds = parse(
            include_str!("../www/data/idlib-2018.json"),
            &Limits::default(),
        )
        .unwrap()
        .dataset;
        let sep = crate::model::parse_iso("2018-09-01").unwrap().ms();
        let oct = crate::model::parse_iso("2018-10-01").unwrap().ms();
        for width in [375.0, 1280.0] {
            let mut w = Widget::new(ds.clone(), width);
            draw(&mut w);
            let v = w.view;
            let inside = ds
                .starts()
                .iter()
                .filter(|&&t| v.start <= t && t <= v.end)
                .count();
            assert!(inside >= 11, "{width}: {inside} of 12 in view");
            assert!(
                v.start > sep - 30.0 * crate::model::time::MS_PER_DAY
                    && v.end < oct + 30.0 * crate::model::time::MS_PER_DAY,
                "{width}: {v:?}"
            );
            // The fit key still shows everything.
            w.fit();
            assert!(ds
                .starts()
                .iter()
                .all(|&t| w.view.start <= t && t <= w.view.end));
        }
    }

    fn draw(w: &mut Widget) {
        let th = Theme::new(ThemeName::Light);
        let colors: Vec<Color> = (0..5).map(|g| th.group_color(g, None)).collect();
        w.frame = w.layout.frame(
            &crate::layout::Scene {
                ds: &w.ds,
                view: &w.view,
                theme: &th,
                colors: &colors,
                state: &w.state(),
            },
            &mut English,
        );
    }

    #[test]
    fn keys_map_and_walk_events_in_time_order() {
        assert_eq!(Key::from_key("ArrowRight"), Some(Key::Next));
        assert_eq!(Key::from_key("Escape"), Some(Key::Close));
        assert_eq!(Key::from_key("a"), None);
        let mut w = widget(1280.0);
        let mut seen = Vec::new();
        w.key(Key::First);
        seen.push(w.selected.unwrap());
        for _ in 0..20 {
            w.key(Key::Next);
            seen.push(w.selected.unwrap());
            let t = w.ds.starts()[w.selected.unwrap()];
            let x = w.view.x(t);
            assert!(
                x >= 0.0 && x <= w.view.width,
                "the view follows the selection"
            );
        }
        assert_eq!(seen[..12], (0..12).collect::<Vec<_>>()[..]);
        assert_eq!(*seen.last().unwrap(), 11, "stops at the last event");
        let starts = w.ds.starts();
        assert!(seen.windows(2).all(|p| starts[p[0]] <= starts[p[1]]));
        w.key(Key::Prev);
        assert_eq!(w.selected, Some(10));
        w.key(Key::from_key("Home").unwrap());
        assert_eq!(w.selected, Some(0));
        w.key(Key::Last);
        assert_eq!(w.selected, Some(11));
    }

    #[test]
    fn enter_opens_and_escape_closes_the_card() {
        let mut w = widget(1280.0);
        let e = w.key(Key::Open);
        assert!(e.has(Effect::CARD) && e.has(Effect::SELECT));
        assert!(w.card_open);
        assert!(
            w.selected.is_some(),
            "Enter with nothing selected picks the first in view"
        );
        assert!(w.key(Key::Close).has(Effect::CARD));
        assert!(!w.card_open);
        assert!(
            !w.key(Key::Close).has(Effect::CARD),
            "closing twice changes nothing"
        );
    }

    #[test]
    fn the_selection_stays_clear_of_a_card_over_the_canvas() {
        let mut w = widget(1000.0);
        w.key(Key::Last);
        w.key(Key::Open);
        // The card floats over the right 400 px; the last event sits at the right edge.
        w.cover = 400.0;
        let t = w.ds.starts()[w.ds.len() - 1];
        assert!(w.view.x(t) > 600.0);
        assert!(w.reveal_selected().has(Effect::REDRAW));
        let x = w.view.x(t);
        assert!((48.0..=552.0).contains(&x), "at {x}, left of the card");
        assert!(!w.reveal_selected().has(Effect::REDRAW), "already clear");
        // Closed, the cover does not count; a cover of most of the width is ignored.
        w.key(Key::Close);
        let b = w.bounds;
        w.view.pan_px(450.0, &b);
        let x = w.view.x(t);
        assert!(x > 600.0 && x < 952.0, "{x}");
        assert!(!w.reveal_selected().has(Effect::REDRAW));
        w.key(Key::Open);
        w.cover = 900.0;
        assert!(!w.reveal_selected().has(Effect::REDRAW));
    }

    #[test]
    fn a_filter_hides_events_from_the_canvas_and_the_keys() {
        let mut w = widget(1280.0);
        let n = w.ds.len();
        // Keep every third event.
        let keep: Vec<bool> = (0..n).map(|i| i % 3 == 0).collect();
        w.select(Some(1), false);
        let e = w.set_shown(Some(&keep));
        assert!(e.has(Effect::SELECT) && e.has(Effect::REDRAW));
        assert_eq!(w.selected, None, "a hidden selection is cleared");
        assert_eq!(w.shown_len(), n.div_ceil(3));
        assert_eq!(w.layout.place(1), None);
        assert!(w.layout.place(3).is_some());
        let mut seen = Vec::new();
        w.key(Key::First);
        seen.push(w.selected.unwrap());
        for _ in 0..n {
            w.key(Key::Next);
            seen.push(w.selected.unwrap());
        }
        seen.dedup();
        assert_eq!(seen, (0..n).step_by(3).collect::<Vec<_>>());
        w.key(Key::Prev);
        assert_eq!(w.selected, seen.iter().rev().nth(1).copied());
        assert_eq!(w.position(6), Some(2));
        assert_eq!(w.shown_at(2), Some(6));
        // Hidden events cannot be selected; drawn frames hold only shown ones.
        w.select(Some(4), false);
        assert_eq!(w.selected, None);
        draw(&mut w);
        assert!(w.frame.hits.iter().all(|h| match h.target {
            crate::layout::Target::Event(i) => i % 3 == 0,
            _ => true,
        }));
        // Nothing shown: keys do nothing; clearing the filter shows all again.
        w.set_shown(Some(&vec![false; n]));
        assert_eq!(w.key(Key::Next), Effect::NONE);
        let e = w.set_shown(None);
        assert!(e.has(Effect::REDRAW));
        assert_eq!(w.shown_len(), n);
        assert!(w.layout.place(1).is_some());
        // The same events again: nothing to lay out or redraw.
        assert_eq!(w.set_shown(None), Effect::NONE);
        w.set_shown(Some(&keep));
        assert_eq!(w.set_shown(Some(&keep)), Effect::NONE);
    }

    #[test]
    fn a_dimming_filter_keeps_every_event_in_place_and_the_buttons_walk_the_matches() {
        let mut w = widget(1280.0);
        let n = w.ds.len();
        let keep: Vec<bool> = (0..n).map(|i| i % 3 == 0).collect();
        let (bands, y1) = (w.layout.bands(), w.layout.y_of(1));
        w.set_dim(true);
        w.select(Some(1), false);
        let e = w.set_shown(Some(&keep));
        assert!(e.has(Effect::REDRAW) && !e.has(Effect::SELECT));
        assert_eq!(w.selected, Some(1), "a dimmed selection stays");
        assert_eq!(
            (w.layout.bands(), w.layout.y_of(1)),
            (bands, y1),
            "nothing moves"
        );
        assert_eq!((w.shown_len(), w.matched_len()), (n, n.div_ceil(3)));
        // The arrow keys go through every event, the search's buttons through the matches.
        w.key(Key::Next);
        assert_eq!(w.selected, Some(2));
        w.step(false, true);
        assert_eq!(w.selected, Some(3));
        w.step(false, true);
        assert_eq!(w.selected, Some(6));
        w.step(true, true);
        assert_eq!(w.selected, Some(3));
        w.key(Key::Prev);
        assert_eq!(w.selected, Some(2), "dimmed events can be selected");
        // Every event is drawn and can be hit, matched or not.
        draw(&mut w);
        let drawn = |w: &Widget, i: usize| {
            w.frame.hits.iter().any(|h| match h.target {
                Target::Event(e) => e == i,
                Target::Cluster { first, count, .. } => (first..first + count).contains(&i),
            })
        };
        assert!(drawn(&w, 1) && drawn(&w, 2));
        // Hiding instead lays out only the matches and drops the non-matching selection.
        w.set_dim(false);
        let e = w.set_shown(Some(&keep));
        assert!(e.has(Effect::SELECT));
        assert_eq!(w.selected, None);
        assert_eq!(w.layout.place(1), None);
        assert_eq!(w.shown_len(), n.div_ceil(3));
        draw(&mut w);
        assert!(!drawn(&w, 1));
        // And back: every event in its place again.
        w.set_dim(true);
        w.set_shown(Some(&keep));
        assert_eq!(w.layout.y_of(1), y1);
        w.set_shown(None);
        assert_eq!((w.shown_len(), w.matched_len()), (n, n));
    }

    #[test]
    fn zoom_keys_and_fit() {
        let mut w = widget(800.0);
        let span = w.view.span();
        assert!(w.key(Key::ZoomIn).has(Effect::REDRAW));
        assert!((w.view.span() - span / 2.0).abs() < 1.0);
        w.key(Key::ZoomOut);
        w.key(Key::ZoomOut);
        assert!(w.view.span() > span);
        w.key(Key::Fit);
        assert!((w.view.span() - span).abs() < 1.0);
    }

    #[test]
    fn drag_pans_and_fling_coasts_unless_reduced_motion() {
        for reduced in [false, true] {
            let mut w = widget(1000.0);
            let start = w.view.start;
            w.down(1, 500.0, 100.0, false, 0.0);
            for k in 1..=10 {
                w.moved(1, 500.0 - 20.0 * k as f64, 100.0, 10.0 * k as f64);
            }
            assert!(w.view.start > start, "dragging left moves later in time");
            let after_drag = w.view.start;
            let e = w.up(1, 300.0, 100.0, 105.0, reduced);
            assert_eq!(e.has(Effect::ANIMATE), !reduced);
            let mut frames = 0;
            while w.tick(105.0 + 16.0 * frames as f64).has(Effect::ANIMATE) {
                frames += 1;
                assert!(frames < 1000, "inertia must stop");
            }
            if reduced {
                assert_eq!(w.view.start, after_drag, "no coasting under reduced motion");
            } else {
                assert!(w.view.start > after_drag, "coasts on");
                assert!(frames > 5);
            }
        }
    }

    #[test]
    fn a_tap_selects_and_opens_a_slow_release_does_not_fling() {
        let mut w = widget(1280.0);
        let hit = *w
            .frame
            .hits
            .iter()
            .find(|h| matches!(h.target, Target::Event(_)))
            .unwrap();
        let Target::Event(i) = hit.target else {
            unreachable!()
        };
        let (x, y) = (hit.x0 + 4.0, (hit.y0 + hit.y1) / 2.0);
        w.down(1, x, y, false, 0.0);
        w.moved(1, x + 2.0, y, 10.0);
        let e = w.up(1, x + 2.0, y, 20.0, false);
        assert!(e.has(Effect::SELECT) && e.has(Effect::CARD));
        assert_eq!(w.selected, Some(i));
        assert!(w.card_open);
        // A tap on empty space closes the card.
        w.down(1, 5.0, w.layout.height() - 2.0, false, 30.0);
        w.up(1, 5.0, w.layout.height() - 2.0, 40.0, false);
        assert!(!w.card_open);
        // Drag, pause, release: no fling.
        w.down(1, 500.0, 100.0, false, 100.0);
        w.moved(1, 400.0, 100.0, 110.0);
        let e = w.up(1, 400.0, 100.0, 600.0, false);
        assert!(!e.has(Effect::ANIMATE));
    }

    #[test]
    fn tapping_a_cluster_zooms_into_it() {
        // Forty daily events and one years earlier: the overview crowds the forty.
        let mut json = String::from(r#"{"events":[{"start":"2010","headline":"Early"}"#);
        for d in 1..=28 {
            json.push_str(&format!(
                r#",{{"start":"2018-02-{d:02}","headline":"Day {d}"}}"#
            ));
        }
        json.push_str("]}");
        let ds = parse(&json, &Limits::default()).unwrap().dataset;
        let mut w = Widget::new(ds, 375.0);
        w.fit(); // all of it, as after the 0 key (the first view frames the forty)
        draw(&mut w);
        let Some(c) = w
            .frame
            .hits
            .iter()
            .find(|h| matches!(h.target, Target::Cluster { .. }))
            .copied()
        else {
            panic!("the overview has clusters: {:?}", w.frame.hits);
        };
        let span = w.view.span();
        let e = w.tap(c.x0 + 2.0, (c.y0 + c.y1) / 2.0, true);
        assert!(e.has(Effect::REDRAW));
        assert!(w.view.span() < span / 2.0, "zoomed in");
    }

    #[test]
    fn pinch_zooms_around_the_fingers() {
        let mut w = widget(400.0);
        let span = w.view.span();
        w.down(1, 150.0, 100.0, true, 0.0);
        w.down(2, 250.0, 100.0, true, 0.0);
        let anchor = w.view.t(200.0);
        w.moved(1, 100.0, 100.0, 10.0);
        w.moved(2, 300.0, 100.0, 20.0);
        assert!(w.view.span() < span * 0.6, "fingers apart zoom in");
        assert!(
            (w.view.t(200.0) - anchor).abs() < span * 0.01,
            "around the midpoint"
        );
        let e = w.up(1, 100.0, 100.0, 30.0, false);
        assert!(!e.has(Effect::SELECT) && !e.has(Effect::ANIMATE));
        w.up(2, 300.0, 100.0, 40.0, false);
        assert!(!w.card_open);
    }

    #[test]
    fn wheel_zooms_at_the_pointer_and_lets_the_page_scroll_at_limits() {
        let mut w = widget(1000.0);
        let anchor = w.view.t(250.0);
        assert!(w.wheel(250.0, 0.0, -100.0).has(Effect::HANDLED));
        assert!((w.view.t(250.0) - anchor).abs() < w.view.span() * 1e-6);
        let start = w.view.start;
        w.wheel(250.0, 50.0, 0.0);
        assert!(w.view.start > start, "horizontal wheel pans");
        for _ in 0..100 {
            w.wheel(250.0, 0.0, 500.0);
        }
        assert!(!w.wheel(250.0, 0.0, 500.0).has(Effect::HANDLED));
    }

    #[test]
    fn a_hidden_start_fits_once_visible() {
        let mut w = widget(0.0);
        assert!(w.resize(800.0).has(Effect::REDRAW));
        let first = w.bounds.first(w.ds.starts(), w.ds.ends(), 800.0);
        assert_eq!(w.view, first);
        // Later resizes keep the span.
        let span = w.view.span();
        w.resize(400.0);
        assert_eq!(w.view.span(), span);
        assert_eq!(w.resize(f64::NAN), Effect::NONE);
    }

    #[test]
    fn dragging_on_the_overview_strip_moves_the_view_and_never_selects() {
        let mut w = widget(1000.0);
        w.key(Key::ZoomIn);
        w.key(Key::ZoomIn);
        let s = w.strip().unwrap();
        assert_eq!(s.top, w.layout.height());
        assert_eq!(w.height(), w.layout.height() + STRIP_H);
        let (a, b) = s.window(&w.view);
        let (y, span) = (s.top + STRIP_H / 2.0, w.view.span());
        // Hovering the strip makes it hot; leaving clears that.
        w.moved(9, (a + b) / 2.0, y, 0.0);
        assert!(w.over_strip);
        let e = w.down(1, (a + b) / 2.0, y, false, 0.0);
        assert!(e.has(Effect::HANDLED));
        let start = w.view.start;
        assert!(w
            .moved(1, (a + b) / 2.0 - 100.0, y, 16.0)
            .has(Effect::REDRAW));
        assert!(
            w.view.start < start,
            "dragged left, the window moves back in time"
        );
        assert!((w.view.span() - span).abs() < 1.0, "moving keeps the span");
        assert!(w
            .up(1, (a + b) / 2.0 - 100.0, y, 32.0, false)
            .has(Effect::HANDLED));
        assert_eq!(w.selected, None);
        assert!(!w.card_open);
        // Moves after the release are hovers again.
        let start = w.view.start;
        w.moved(1, 10.0, y, 48.0);
        assert_eq!(w.view.start, start);
        w.leave();
        assert!(!w.over_strip);
        // Without the strip, the same press is an ordinary one on the canvas.
        w.overview = false;
        assert!(w.strip().is_none());
        assert_eq!(w.height(), w.layout.height());
        w.down(2, 500.0, y, false, 64.0);
        assert!(w.grab.is_none());
    }
}
