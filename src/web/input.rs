//! Input: every browser listener the widget adds, each a [`Listener`] that keeps its closure
//! with its target and event name and removes itself when dropped (by `destroy`). A
//! listener turns the browser's event into a call on the pure widget and applies the
//! [`Effect`] it returns; a handled input has its default action prevented.

use super::state::{with, Inner};
use crate::api::{player_answer, Value};
use crate::card::CardMedia;
use crate::widget::{Effect, Key};
use std::cell::RefCell;
use std::rc::Weak;
use wasm_bindgen::prelude::*;
use web_sys::{
    AddEventListenerOptions, CustomEvent, Element, Event, EventTarget, HtmlElement, KeyboardEvent,
    MouseEvent, PointerEvent, ResizeObserver, WheelEvent,
};

/// One listener, removed from its target when dropped.
pub struct Listener {
    target: EventTarget,
    name: &'static str,
    f: Closure<dyn FnMut(Event)>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.name, self.f.as_ref().unchecked_ref());
    }
}

/// The state the listeners reach.
type State = Weak<RefCell<Inner>>;

/// Listens to `name` on `target`: `f` gets the state and the event as `E`, the type the
/// event's name says (`pointerdown` gives a `PointerEvent`).
fn listen<E: JsCast + 'static>(
    target: &EventTarget,
    name: &'static str,
    state: &State,
    mut f: impl FnMut(&mut Inner, &E) -> Effect + 'static,
) -> Result<Listener, JsValue> {
    listen_any(
        target,
        name,
        state,
        Box::new(move |i, e| f(i, e.unchecked_ref())),
    )
}

/// What a listener does with its event.
type Handler = Box<dyn FnMut(&mut Inner, &Event) -> Effect>;

/// [`listen`]'s one closure type, shared by every listener (one copy of this code, not one
/// per listener).
fn listen_any(
    target: &EventTarget,
    name: &'static str,
    state: &State,
    mut f: Handler,
) -> Result<Listener, JsValue> {
    let state = state.clone();
    let f = Closure::new(move |ev: Event| {
        with(&state, |inner| {
            let effect = f(inner, &ev);
            inner.apply(effect);
            if effect.has(Effect::HANDLED) && ev.cancelable() {
                ev.prevent_default();
            }
        });
    });
    let options = AddEventListenerOptions::new();
    options.set_passive(false);
    target.add_event_listener_with_callback_and_add_event_listener_options(
        name,
        f.as_ref().unchecked_ref(),
        &options,
    )?;
    Ok(Listener {
        target: target.clone(),
        name,
        f,
    })
}

/// Where a mouse or pointer event is on the canvas, in CSS pixels.
fn at(inner: &Inner, e: &MouseEvent) -> (f64, f64) {
    let r = inner.dom.canvas.get_bounding_client_rect();
    (
        f64::from(e.client_x()) - r.left(),
        f64::from(e.client_y()) - r.top(),
    )
}

/// The index among its siblings of the `selector` element an event's target is inside.
fn closest(e: &Event, selector: &str) -> Option<Element> {
    e.target()?
        .dyn_into::<Element>()
        .ok()?
        .closest(selector)
        .ok()?
}

/// Keeps focus on the canvas area after a control that had it went away.
fn refocus(inner: &Inner) {
    let _ = inner.dom.stage.focus();
}

/// Adds every listener of the widget; dropping the result removes them.
pub fn install(inner: &Inner, state: &State) -> Result<Vec<Listener>, JsValue> {
    let d = &inner.dom;
    let stage: &EventTarget = d.stage.as_ref();
    let mut all = vec![
        // Searching needs an index of the folded text: made when the reader comes to the
        // box, before the first keystroke, rather than slowing every load.
        listen(d.q.as_ref(), "focus", state, |i, _: &Event| {
            i.build_index(false)
        })?,
        listen(d.q.as_ref(), "input", state, |i, _: &Event| i.query())?,
        listen(d.q.as_ref(), "keydown", state, |i, e: &KeyboardEvent| {
            if e.key() != "Enter" {
                return Effect::NONE;
            }
            let back = e.shift_key();
            let step = i
                .widget
                .as_mut()
                .map_or(Effect::NONE, |w| w.step(back, true));
            step | Effect::HANDLED
        })?,
        listen(d.chips.as_ref(), "click", state, |i, e: &Event| {
            let Some(b) = closest(e, "button") else {
                return Effect::NONE;
            };
            let kids = i.dom.chips.children();
            let k = (0..kids.length()).find(|&k| kids.item(k).as_ref() == Some(&b));
            k.map_or(Effect::NONE, |k| i.chip(k as usize))
        })?,
        listen(d.list.as_ref(), "click", state, |i, e: &Event| {
            let Some(b) = closest(e, "button[data-i]") else {
                return Effect::NONE;
            };
            let k = b.unchecked_ref::<HtmlElement>().dataset().get("i");
            let Some(k) = k.and_then(|k| k.parse::<usize>().ok()) else {
                return Effect::NONE;
            };
            i.widget
                .as_mut()
                .map_or(Effect::NONE, |w| w.select(Some(k), true) | w.set_card(true))
        })?,
        listen(d.card.close.as_ref(), "click", state, |i, _: &Event| {
            let e = i.widget.as_mut().map_or(Effect::NONE, |w| {
                w.focused = true;
                w.set_card(false)
            });
            refocus(i);
            e
        })?,
        // A file's play button, or a player's placeholder: the reader asks for the media.
        listen(d.card.media.as_ref(), "click", state, |i, e: &Event| {
            if let Some(b) = closest(e, "button.ts-play") {
                let _ = i.dom.play(b.unchecked_ref());
            } else if closest(e, "button.ts-load").is_none() {
                return Effect::NONE;
            } else if let Some(CardMedia::Frame(f)) = &i.media {
                let _ = i.dom.load_frame(f);
            }
            Effect::HANDLED
        })?,
        // The players' module's answer (see `card.rs`): a player for the card's media.
        listen(
            d.card.media.as_ref(),
            "ts-player",
            state,
            |i, e: &CustomEvent| {
                let v = super::api::read_value(e.detail()).unwrap_or(Value::Null);
                match player_answer(&v) {
                    Some((url, found)) => i.player_found(url, found),
                    None => Effect::NONE,
                }
            },
        )?,
        listen(d.card.prev.as_ref(), "click", state, |i, _: &Event| {
            key(i, Key::Prev)
        })?,
        listen(d.card.next.as_ref(), "click", state, |i, _: &Event| {
            key(i, Key::Next)
        })?,
        // In the card only Escape is ours (in a story, ←, →, Home and End go from slide to
        // slide, but not inside a player); its buttons keep Enter and Space.
        listen(
            d.card.root.as_ref(),
            "keydown",
            state,
            |i, e: &KeyboardEvent| {
                let story = i.widget.as_ref().is_some_and(|w| w.story());
                match Key::from_key(&e.key()).filter(|_| !modified(e)) {
                    Some(k @ (Key::Prev | Key::Next | Key::First | Key::Last))
                        if story && closest(e, "audio,video,iframe").is_none() =>
                    {
                        key(i, k)
                    }
                    Some(Key::Close) if !story => {
                        if let Some(w) = i.widget.as_mut() {
                            w.focused = true;
                        }
                        let effect = key(i, Key::Close);
                        refocus(i);
                        effect
                    }
                    _ => Effect::NONE,
                }
            },
        )?,
        // A swipe on a story's slide (touch and pen; a mouse selects text there).
        listen(
            d.card.root.as_ref(),
            "pointerdown",
            state,
            |i, e: &PointerEvent| {
                i.swipe = (e.pointer_type() != "mouse" && e.is_primary())
                    .then(|| (f64::from(e.client_x()), f64::from(e.client_y())));
                Effect::NONE
            },
        )?,
        listen(
            d.card.root.as_ref(),
            "pointerup",
            state,
            |i, e: &PointerEvent| {
                let Some((x, y)) = i.swipe.take() else {
                    return Effect::NONE;
                };
                let (dx, dy) = (f64::from(e.client_x()) - x, f64::from(e.client_y()) - y);
                match crate::widget::swipe(dx, dy) {
                    Some(k) if i.widget.as_ref().is_some_and(|w| w.story()) => key(i, k),
                    _ => Effect::NONE,
                }
            },
        )?,
        listen(
            stage,
            "keydown",
            state,
            |i, e: &KeyboardEvent| match Key::from_key(&e.key()) {
                Some(k) if !modified(e) => key(i, k),
                _ => Effect::NONE,
            },
        )?,
        listen(stage, "focus", state, |i, _: &Event| focus(i, true))?,
        listen(stage, "blur", state, |i, _: &Event| focus(i, false))?,
        listen(stage, "pointerdown", state, |i, e: &PointerEvent| {
            if e.pointer_type() == "mouse" && e.button() != 0 {
                return Effect::NONE;
            }
            let _ = i.dom.stage.set_pointer_capture(e.pointer_id());
            let (x, y) = at(i, e);
            let now = e.time_stamp();
            let touch = e.pointer_type() != "mouse";
            i.widget
                .as_mut()
                .map_or(Effect::NONE, |w| w.down(e.pointer_id(), x, y, touch, now))
        })?,
        listen(stage, "pointermove", state, |i, e: &PointerEvent| {
            let (x, y) = at(i, e);
            let now = e.time_stamp();
            i.widget
                .as_mut()
                .map_or(Effect::NONE, |w| w.moved(e.pointer_id(), x, y, now))
        })?,
        listen(stage, "pointerup", state, |i, e: &PointerEvent| {
            let (x, y) = at(i, e);
            let (now, reduced) = (e.time_stamp(), i.reduced());
            i.widget
                .as_mut()
                .map_or(Effect::NONE, |w| w.up(e.pointer_id(), x, y, now, reduced))
        })?,
        listen(stage, "pointercancel", state, |i, e: &PointerEvent| {
            i.widget
                .as_mut()
                .map_or(Effect::NONE, |w| w.cancel(e.pointer_id()))
        })?,
        listen(stage, "pointerleave", state, |i, _: &PointerEvent| {
            i.widget.as_mut().map_or(Effect::NONE, |w| w.leave())
        })?,
        listen(stage, "wheel", state, |i, e: &WheelEvent| {
            let unit = match e.delta_mode() {
                WheelEvent::DOM_DELTA_LINE => 16.0,
                WheelEvent::DOM_DELTA_PAGE => f64::from(i.dom.canvas.client_width()),
                _ => 1.0,
            };
            let (mut dx, mut dy) = (e.delta_x() * unit, e.delta_y() * unit);
            if e.shift_key() && dx == 0.0 {
                (dx, dy) = (dy, 0.0);
            }
            let (x, _) = at(i, e);
            i.widget
                .as_mut()
                .map_or(Effect::NONE, |w| w.wheel(x, dx, dy))
        })?,
        listen(stage, "dblclick", state, |i, e: &MouseEvent| {
            let (x, y) = at(i, e);
            i.widget.as_mut().map_or(Effect::NONE, |w| w.double(x, y))
        })?,
    ];
    for (k, b) in d.matches.iter().enumerate() {
        all.push(listen(b.as_ref(), "click", state, move |i, _: &Event| {
            i.widget
                .as_mut()
                .map_or(Effect::NONE, |w| w.step(k == 0, true))
        })?);
    }
    for q in [
        &inner.prefs.dark,
        &inner.prefs.contrast,
        &inner.prefs.reduce,
    ] {
        all.push(listen(q.as_ref(), "change", state, |i, _: &Event| {
            i.choose_theme();
            i.refilter() | Effect::REDRAW
        })?);
    }
    Ok(all)
}

/// A key the widget acts on.
fn key(i: &mut Inner, k: Key) -> Effect {
    i.widget.as_mut().map_or(Effect::NONE, |w| w.key(k))
}

/// The canvas area gained or lost the focus.
fn focus(i: &mut Inner, on: bool) -> Effect {
    i.widget.as_mut().map_or(Effect::NONE, |w| {
        w.focused = on;
        Effect::REDRAW
    })
}

/// Keys with Alt, Control or Meta are the browser's.
fn modified(e: &KeyboardEvent) -> bool {
    e.alt_key() || e.ctrl_key() || e.meta_key()
}

/// Watches the canvas area's size; a change draws a frame at the new width.
pub struct Resize {
    observer: ResizeObserver,
    _f: Closure<dyn FnMut()>,
}

impl Resize {
    /// Observes `inner`'s canvas area.
    pub fn new(inner: &Inner, state: &State) -> Result<Resize, JsValue> {
        let state = state.clone();
        let f: Closure<dyn FnMut()> = Closure::new(move || {
            with(&state, |i| i.apply(Effect::REDRAW));
        });
        let observer = ResizeObserver::new(f.as_ref().unchecked_ref())?;
        observer.observe(&inner.dom.stage);
        Ok(Resize { observer, _f: f })
    }
}

impl Drop for Resize {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
