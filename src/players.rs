//! The players' module: a second, small wasm build of this crate (feature
//! `players-module`) that a page loads only when a card shows media that may be a
//! provider's player. It holds what only those readers need: [`crate::media::recognise`]'s
//! table of providers and the placeholder's words ([`crate::card::player`]).

use wasm_bindgen::prelude::*;

/// What media at `url` is if it is a provider's ([`crate::card::Found`] as a plain object:
/// `{frame: {…}}` or `{image: "…"}`), or `undefined` when it is not.
#[wasm_bindgen]
pub fn player(url: &str, thumbnail: &str, caption: &str, auto: bool) -> JsValue {
    crate::card::player(url, thumbnail, caption, auto)
        .and_then(|f| serde_wasm_bindgen::to_value(&f).ok())
        .unwrap_or(JsValue::UNDEFINED)
}
