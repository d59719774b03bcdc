//! The browser layer: the only code that touches wasm-bindgen, js-sys and web-sys. It is
//! thin: the pure core decides (what is laid out, selected, said and allowed) and this
//! layer replays it, split by job:
//!
//! - [`api`]: [`Timeline`], the one opaque handle a page holds, and the typed boundary;
//! - [`dom`]: the widget's elements, made once;
//! - [`state`]: what a change does, in at most one animation frame;
//! - [`input`]: every listener, each kept with its closure and removed by `destroy`;
//! - [`paint`]: the canvas painter and the `Intl` axis labels;
//! - [`card`]: the card, the hidden list, the chips, and rich text through the allow-list;
//! - [`events`]: the page's `on`/`off` listeners.
//!
//! A panic (a bug: nothing here panics on data) shows "The timeline stopped: …" in every
//! timeline on the page and in the console, instead of leaving a dead canvas.

pub mod api;
pub mod card;
pub mod dom;
pub mod events;
pub mod input;
pub mod paint;
pub mod state;

pub use api::Timeline;

use std::cell::RefCell;
use web_sys::HtmlElement;

thread_local! {
    /// Each live timeline's "stopped" message, for the panic hook.
    static STOPPED: RefCell<Vec<HtmlElement>> = const { RefCell::new(Vec::new()) };
}

/// Remembers a timeline's message element until [`unwatch`].
pub(crate) fn watch(e: &HtmlElement) {
    STOPPED.with(|s| {
        if let Ok(mut s) = s.try_borrow_mut() {
            s.push(e.clone());
        }
    });
}

/// Forgets a destroyed timeline's message element.
pub(crate) fn unwatch(e: &HtmlElement) {
    STOPPED.with(|s| {
        if let Ok(mut s) = s.try_borrow_mut() {
            s.retain(|x| x != e);
        }
    });
}

/// Installs, once, the panic hook that tells the reader and the console.
pub(crate) fn catch_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| stopped(&info.to_string())));
    });
}

/// What the panic hook does with a panic's message (`what`): "The timeline stopped: what"
/// in the console and, in place of the canvas, in every live timeline on the page (a panic
/// ends the module, so every one of them has stopped).
pub fn stopped(what: &str) {
    let message = format!("The timeline stopped: {what}");
    web_sys::console::error_1(&message.as_str().into());
    STOPPED.with(|s| {
        let Ok(s) = s.try_borrow() else { return };
        for e in s.iter() {
            e.set_text_content(Some(&message));
            e.set_hidden(false);
            if let Some(root) = e.parent_element() {
                let _ = root.class_list().add_1("ts-stopped");
            }
        }
    });
}
