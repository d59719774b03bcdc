//! The DOM the reader reads: the detail card, the hidden list, the chips and the live region.
//! What they say is decided in [`crate::card`]; rich text goes through [`rich`], which lets
//! the browser parse it inertly and rebuilds only what [`crate::sanitize`] allows.

use super::dom::{button, el, Dom};
use crate::card::{Ask, Card, CardMedia, Frame};
use crate::media;
use crate::sanitize::{self, Rule, MAX_DEPTH};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlButtonElement, HtmlElement, HtmlImageElement, Node};

// The players' module (`players.rs` built on its own, beside this package) is imported the
// first time a card shows media that may be a provider's player; its answer comes back as a
// `ts-player` event on the card's media (see `input.rs`), with the media's address.
#[wasm_bindgen::prelude::wasm_bindgen(inline_js = r#"
let players;
export function ask_player(url, thumbnail, caption, auto, target) {
  players ??= import(new URL("../../timescope_media.js", import.meta.url))
    .then(async (m) => { await m.default(); return m; });
  players.then((m) => {
    const found = m.player(url, thumbnail, caption, auto);
    if (found) target.dispatchEvent(new CustomEvent("ts-player", { detail: { url, found } }));
  }, (e) => console.warn("Timescope: the players' module did not load:", e));
}
"#)]
extern "C" {
    fn ask_player(url: &str, thumbnail: &str, caption: &str, auto: bool, target: &Element);
}

/// A chip as the bar shows it.
pub struct Chip {
    /// Whether it is pressed (its filter is on).
    pub pressed: bool,
    /// "Syria" or "#air".
    pub name: String,
    /// How many events it would show.
    pub count: u32,
    /// Its group's colour (CSS), if it is a group.
    pub colour: Option<String>,
}

/// Rebuilds rich text from data into `to`: the text is first made quiet
/// ([`sanitize::quiet`]), then parsed by `DOMParser` into an inert document, and only the
/// elements [`sanitize::rule`] keeps are made again, with `createElement`, no attributes but
/// a checked `href`, to [`MAX_DEPTH`] levels (deeper content is kept as text).
pub fn rich(doc: &Document, html: &str, to: &Element) -> Result<(), JsValue> {
    to.set_text_content(None);
    if !html.contains(['<', '&']) {
        to.set_text_content(Some(html));
        return Ok(());
    }
    let parser = web_sys::DomParser::new()?;
    let parsed =
        parser.parse_from_string(&sanitize::quiet(html), web_sys::SupportedType::TextHtml)?;
    if let Some(body) = parsed.body() {
        copy(doc, &body, to, 0)?;
    }
    Ok(())
}

fn copy(doc: &Document, from: &Node, to: &Element, depth: usize) -> Result<(), JsValue> {
    let kids = from.child_nodes();
    for k in 0..kids.length() {
        let Some(n) = kids.get(k) else { continue };
        if n.node_type() == Node::TEXT_NODE {
            to.append_child(&doc.create_text_node(&n.text_content().unwrap_or_default()))?;
            continue;
        }
        let Some(e) = n.dyn_ref::<Element>() else {
            continue;
        };
        let rule = sanitize::rule(&e.tag_name());
        if rule == Rule::Drop {
            continue;
        }
        if depth >= MAX_DEPTH {
            to.append_child(&doc.create_text_node(&e.text_content().unwrap_or_default()))?;
            continue;
        }
        let Rule::Keep(tag) = rule else {
            copy(doc, e, to, depth + 1)?;
            continue;
        };
        let out = doc.create_element(tag)?;
        if tag == "a" {
            if let Some(h) = e.get_attribute("href") {
                set_link(&out, &h)?;
            }
        }
        copy(doc, e, &out, depth + 1)?;
        to.append_child(&out)?;
    }
    Ok(())
}

/// The page's base address, which relative addresses from data are read against.
fn base() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default()
}

/// A link from data as the browser's `URL` reads it, if [`sanitize::href`] allows it before
/// and [`sanitize::link_scheme`] after.
pub fn link(url: &str) -> Option<String> {
    let u = web_sys::Url::new(&sanitize::href(url)?).ok()?;
    let scheme = u.protocol();
    sanitize::link_scheme(scheme.trim_end_matches(':')).then(|| u.href())
}

/// Makes `a` a link to `href` from data, opened in a new tab without the page as its
/// opener or referrer, if [`link`] allows it (else it stays text).
fn set_link(a: &Element, href: &str) -> Result<(), JsValue> {
    if let Some(h) = link(href) {
        a.set_attribute("href", &h)?;
        a.set_attribute("rel", "noopener noreferrer")?;
        a.set_attribute("target", "_blank")?;
    }
    Ok(())
}

/// An image, audio or video source from data as the browser's `URL` reads it against the
/// page (a path, a `//host` or `\\host` address, or an absolute one), if
/// [`sanitize::image_src`] allows it before and after.
pub fn image(url: &str) -> Option<String> {
    let u = web_sys::Url::new_with_base(&sanitize::image_src(url)?, &base()).ok()?;
    let href = u.href();
    sanitize::image_src(&href)
        .filter(|_| matches!(u.protocol().as_str(), "http:" | "https:" | "data:"))
}

impl Dom {
    /// Fills and shows the card, or hides it (`None`); returns the pixels of the canvas's
    /// right side it covers (wide layouts float it over the canvas). The media part is made
    /// again only when `fresh`: a filter that keeps the event changes the card's count, and
    /// must not stop the file the reader is playing or load its image again.
    pub fn show_card(&self, card: Option<&Card>, fresh: bool) -> Result<f64, JsValue> {
        let c = &self.card;
        let Some(card) = card else {
            let active = self.doc.active_element();
            if active.is_some_and(|a| c.root.contains(Some(&a))) {
                self.stage.focus()?;
            }
            c.root.set_hidden(true);
            c.media.set_text_content(None); // a file the reader started stops with its card
            return Ok(0.0);
        };
        // Focus inside the media (a play button) would drop to the page when it is made anew.
        let active = self.doc.active_element();
        let lost = fresh && active.as_ref().is_some_and(|a| c.media.contains(Some(a)));
        c.date.set_text_content(Some(&card.date));
        c.date.set_hidden(card.date.is_empty());
        c.head.set_text_content(Some(&card.headline));
        rich(&self.doc, &card.text, &c.body)?;
        if fresh {
            self.media(&card.media)?;
        }
        c.meta.set_text_content(Some(&card.meta));
        c.meta.set_hidden(card.meta.is_empty());
        c.count.set_text_content(Some(&card.count));
        c.prev.set_disabled(card.first);
        c.next.set_disabled(card.last);
        // A story's slide in the event's colour, its text in black or white to read on it.
        let (bg, fg) = card
            .colors
            .map_or_else(Default::default, |(bg, fg)| (bg.css(), fg.css()));
        let backdrop = card
            .image
            .as_deref()
            .and_then(image)
            .and_then(|src| crate::card::backdrop(&src));
        let style = c.root.style();
        // A story's slide image, behind its scrim (the text is white on it).
        style.set_property("background-image", backdrop.as_deref().unwrap_or(""))?;
        for (name, v) in [
            ("--ts-bg", &bg),
            ("--ts-fg", &fg),
            ("--ts-muted", &fg),
            ("--ts-accent", &fg),
        ] {
            style.set_property(name, v)?; // "" removes it
        }
        // A button that just became disabled would drop the focus to the page: to the other
        // one (a story's slide has no close button), else to the close button.
        let on = |b: &HtmlButtonElement| {
            active
                .as_ref()
                .is_some_and(|a| a == b.unchecked_ref::<Element>())
        };
        if (on(&c.prev) && card.first) || (on(&c.next) && card.last) || lost {
            match (card.first, card.last) {
                _ if !self.story => c.close.focus()?,
                (true, false) => c.next.focus()?,
                (false, true) => c.prev.focus()?,
                _ => c.root.focus()?,
            }
        }
        c.root.set_hidden(false);
        let s = self.stage.get_bounding_client_rect();
        let r = c.root.get_bounding_client_rect();
        let covers = r.left() < s.right() && r.top() < s.bottom() && r.bottom() > s.top();
        Ok(if covers { s.right() - r.left() } else { 0.0 })
    }

    /// Makes the card's media part.
    pub fn media(&self, media: &CardMedia) -> Result<(), JsValue> {
        self.card.media.set_text_content(None);
        match media {
            CardMedia::Image { src, alt, caption } => {
                if let Some(src) = image(src) {
                    let fig: Element = el(&self.doc, "figure", "", &self.card.media)?;
                    self.picture(&fig, &src, alt)?;
                    self.caption(&fig, caption)?;
                }
            }
            CardMedia::File {
                video,
                src,
                button: button_text,
                caption,
            } => {
                if let Some(src) = image(src) {
                    let fig: Element = el(&self.doc, "figure", "", &self.card.media)?;
                    let b = button(&self.doc, &fig, button_text, "")?;
                    b.set_class_name("ts-play");
                    b.dataset().set("src", &src)?;
                    b.dataset()
                        .set("kind", if *video { "video" } else { "audio" })?;
                    self.caption(&fig, caption)?;
                }
            }
            CardMedia::Frame(f) => {
                let fig: Element = el(&self.doc, "figure", "ts-player", &self.card.media)?;
                let frame: HtmlElement = el(&self.doc, "div", "ts-frame", &fig)?;
                frame.style().set_property("aspect-ratio", &f.aspect)?;
                if f.now {
                    self.load_frame(f)?;
                } else {
                    if let Some(src) = f.thumbnail.as_deref().and_then(image) {
                        self.picture(&frame, &src, "")?;
                    }
                    button(&self.doc, &frame, &f.button, "")?.set_class_name("ts-load");
                    let note: Element = el(&self.doc, "p", "ts-embed-note", &frame)?;
                    note.set_text_content(Some(&f.note));
                }
                self.caption(&fig, &f.caption)?;
            }
            CardMedia::Quote { html, caption } => {
                let fig: Element = el(&self.doc, "figure", "", &self.card.media)?;
                let q: Element = el(&self.doc, "div", "ts-quote", &fig)?;
                rich(&self.doc, html, &q)?;
                self.caption(&fig, caption)?;
            }
            CardMedia::Link { href, text } => {
                let p: Element = el(&self.doc, "p", "", &self.card.media)?;
                let a: Element = el(&self.doc, "a", "", &p)?;
                a.set_text_content(Some(text));
                set_link(&a, href)?;
            }
            CardMedia::None => {}
        }
        Ok(())
    }

    /// The reader pressed a file's play button: the browser's own player takes its place,
    /// playing, with the focus.
    pub fn play(&self, button: &HtmlElement) -> Result<(), JsValue> {
        let data = button.dataset();
        let (Some(src), Some(kind)) = (data.get("src"), data.get("kind")) else {
            return Ok(());
        };
        let tag = if kind == "video" { "video" } else { "audio" };
        let player: HtmlElement = self.doc.create_element(tag)?.unchecked_into();
        player.set_attribute("controls", "")?;
        player.set_attribute("autoplay", "")?;
        player.set_attribute("src", &src)?;
        button.replace_with_with_node_1(&player)?;
        player.focus()
    }

    /// An image from data: lazily loaded, with no referrer.
    fn picture(&self, parent: &Element, src: &str, alt: &str) -> Result<(), JsValue> {
        let img: HtmlImageElement = el(&self.doc, "img", "", parent)?;
        img.set_alt(alt);
        img.set_attribute("loading", "lazy")?;
        img.set_referrer_policy("no-referrer");
        img.set_src(src);
        Ok(())
    }

    /// A figure's caption, unless it is empty.
    fn caption(&self, fig: &Element, text: &str) -> Result<(), JsValue> {
        if !text.is_empty() {
            let f: Element = el(&self.doc, "figcaption", "", fig)?;
            f.set_text_content(Some(text));
        }
        Ok(())
    }

    /// Asks the players' module whether the card's media is a provider's player.
    pub fn ask_player(&self, ask: &Ask) {
        ask_player(
            &ask.url,
            &ask.thumbnail,
            &ask.caption,
            ask.auto,
            &self.card.media,
        );
    }

    /// Puts the provider's frame where the placeholder was (the reader asked for it, or the
    /// page has their consent), and gives it the focus the button had.
    pub fn load_frame(&self, f: &Frame) -> Result<(), JsValue> {
        let Some(frame) = self.card.media.query_selector(".ts-frame")? else {
            return Ok(());
        };
        let had_focus = self
            .doc
            .active_element()
            .is_some_and(|a| frame.contains(Some(&a)));
        frame.set_text_content(None);
        let i: HtmlElement = el(&self.doc, "iframe", "", &frame)?;
        i.set_attribute("title", &f.title)?;
        i.set_attribute("sandbox", media::SANDBOX)?;
        i.set_attribute("allow", media::ALLOW)?;
        i.set_attribute("referrerpolicy", "no-referrer")?;
        i.set_attribute("src", &f.src)?;
        if had_focus {
            i.focus()?;
        }
        Ok(())
    }

    /// Sets the hidden list to `items` (event index and text), the `start`-th to the
    /// `start + len`-th of `total`. Items are reused (a search changes the list at every
    /// keystroke: new nodes would each need styling again); one that now says something
    /// else is rewritten.
    pub fn list(&self, items: &[(usize, String)], start: usize, note: &str) -> Result<(), JsValue> {
        self.list
            .set_start(i32::try_from(start + 1).unwrap_or(i32::MAX));
        let kids = self.list.children();
        for (k, (i, text)) in items.iter().enumerate() {
            let k = k as u32;
            let li = match kids.item(k) {
                Some(li) => li,
                None => {
                    let li: Element = el(&self.doc, "li", "", &self.list)?;
                    let b: HtmlButtonElement = el(&self.doc, "button", "", &li)?;
                    b.set_type("button");
                    b.set_tab_index(-1);
                    li
                }
            };
            let Some(b) = li.first_element_child() else {
                continue;
            };
            let b: HtmlElement = b.unchecked_into();
            let i = i.to_string();
            if b.dataset().get("i").as_deref() != Some(i.as_str())
                || b.text_content().as_deref() != Some(text.as_str())
            {
                b.dataset().set("i", &i)?;
                b.set_text_content(Some(text));
                b.remove_attribute("aria-current")?;
            }
        }
        while kids.length() > items.len() as u32 {
            if let Some(last) = self.list.last_element_child() {
                last.remove();
            }
        }
        self.note.set_text_content(Some(note));
        Ok(())
    }

    /// Marks event `i` as current in the list and says `say`.
    pub fn select(&self, i: Option<usize>, say: &str) -> Result<(), JsValue> {
        let old = self.list.query_selector_all("[aria-current]")?;
        for k in 0..old.length() {
            if let Some(e) = old.get(k).and_then(|n| n.dyn_into::<Element>().ok()) {
                e.remove_attribute("aria-current")?;
            }
        }
        if let Some(i) = i {
            if let Some(b) = self.list.query_selector(&format!("[data-i=\"{i}\"]"))? {
                b.set_attribute("aria-current", "true")?;
            }
        }
        self.live.set_text_content(Some(say));
        Ok(())
    }

    /// The count and the chips. Chips are updated in place while there are as many, so a
    /// focused chip keeps its focus.
    pub fn bar(&self, count: &str, chips: &[Chip], controls: bool) -> Result<(), JsValue> {
        self.found.set_text_content(Some(count));
        self.chips.set_hidden(!controls || chips.is_empty());
        if self.chips.child_element_count() as usize != chips.len() {
            self.chips.set_text_content(None);
            for _ in chips {
                let b: HtmlButtonElement = el(&self.doc, "button", "ts-chip", &self.chips)?;
                b.set_type("button");
                let _: Element = el(&self.doc, "span", "ts-dot", &b)?;
                b.append_child(&self.doc.create_text_node(""))?;
                let _: Element = el(&self.doc, "span", "ts-chip-n", &b)?;
            }
        }
        let kids = self.chips.children();
        for (k, chip) in chips.iter().enumerate() {
            let Some(b) = kids.item(k as u32) else {
                continue;
            };
            b.set_attribute("aria-pressed", if chip.pressed { "true" } else { "false" })?;
            let nodes = b.child_nodes();
            if let Some(name) = nodes.get(1) {
                name.set_text_content(Some(&chip.name));
            }
            if let Some(n) = b.last_element_child() {
                n.set_text_content(Some(&chip.count.to_string()));
            }
            if let Some(dot) = b
                .first_element_child()
                .and_then(|d| d.dyn_into::<HtmlElement>().ok())
            {
                dot.set_hidden(chip.colour.is_none());
                dot.style()
                    .set_property("background", chip.colour.as_deref().unwrap_or(""))?;
            }
        }
        Ok(())
    }
}
