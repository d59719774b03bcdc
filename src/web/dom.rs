//! Mounting: the widget's elements, made once in the container and removed by `destroy`.
//! Text from data only ever reaches them through `textContent` (see [`super::card`] for rich
//! text).

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    Document, Element, HtmlButtonElement, HtmlCanvasElement, HtmlElement, HtmlInputElement,
    HtmlOListElement,
};

/// The help text the canvas is described by.
const HELP: &str = "Left and right arrow keys move between events, plus and minus zoom, 0 shows \
everything, Enter opens the details and Escape closes them.";

/// Every element the widget made, by its job.
pub struct Dom {
    /// The document the container belongs to.
    pub doc: Document,
    /// `.ts`: everything else is inside.
    pub root: HtmlElement,
    /// The timeline's title.
    pub title: HtmlElement,
    /// The search bar (`role=search`).
    pub bar: HtmlElement,
    /// The search box.
    pub q: HtmlInputElement,
    /// The count beside it (`role=status`).
    pub found: HtmlElement,
    /// The previous and next match buttons.
    pub matches: [HtmlButtonElement; 2],
    /// The group and tag chips.
    pub chips: HtmlElement,
    /// The focusable area around the canvas (`role=application`).
    pub stage: HtmlElement,
    /// The canvas.
    pub canvas: HtmlCanvasElement,
    /// The detail card and its parts.
    pub card: CardDom,
    /// The list of events for screen readers.
    pub list: HtmlOListElement,
    /// The note under it when it shows a window of a long timeline.
    pub note: HtmlElement,
    /// The live region for announcements.
    pub live: HtmlElement,
    /// The message shown when the timeline stopped (a bug), hidden until then.
    pub stopped: HtmlElement,
    /// Whether the card is a story's slide (see [`Dom::mount`]).
    pub story: bool,
}

/// The detail card's elements.
pub struct CardDom {
    /// The card (`section`).
    pub root: HtmlElement,
    /// The close button.
    pub close: HtmlButtonElement,
    /// The date.
    pub date: HtmlElement,
    /// The headline (`h2`).
    pub head: HtmlElement,
    /// The rich text.
    pub body: HtmlElement,
    /// The media.
    pub media: HtmlElement,
    /// Group, tags and source.
    pub meta: HtmlElement,
    /// Previous and next event.
    pub prev: HtmlButtonElement,
    /// "6 of 12".
    pub count: HtmlElement,
    /// Next event.
    pub next: HtmlButtonElement,
}

/// Makes an element of `tag` with class `class` (none when empty) at the end of `parent`.
pub fn el<T: JsCast>(
    doc: &Document,
    tag: &str,
    class: &str,
    parent: &Element,
) -> Result<T, JsValue> {
    let e = doc.create_element(tag)?;
    if !class.is_empty() {
        e.set_class_name(class);
    }
    parent.append_child(&e)?;
    e.dyn_into::<T>()
        .map_err(|_| JsValue::from_str("unexpected element type"))
}

/// A button with visible `text` and an accessible `label` (none when empty).
pub fn button(
    doc: &Document,
    parent: &Element,
    text: &str,
    label: &str,
) -> Result<HtmlButtonElement, JsValue> {
    let b: HtmlButtonElement = el(doc, "button", "", parent)?;
    b.set_type("button");
    b.set_text_content(Some(text));
    if !label.is_empty() {
        b.set_attribute("aria-label", label)?;
    }
    Ok(b)
}

/// A unique id for the help text on a page with several timelines.
fn next_id() -> u32 {
    thread_local!(static IDS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) });
    IDS.with(|c| {
        c.set(c.get() + 1);
        c.get()
    })
}

impl Dom {
    /// Builds the widget at the end of `container`. `controls`: show the search bar;
    /// `height`: the canvas area's most height in CSS px (0: as tall as the bands); `story`:
    /// the card is the slide, above the canvas, labelled by its headline, never closed.
    pub fn mount(
        container: &HtmlElement,
        controls: bool,
        height: u32,
        story: bool,
    ) -> Result<Dom, JsValue> {
        let doc = container
            .owner_document()
            .ok_or_else(|| JsValue::from_str("the container is not in a document"))?;
        let root: HtmlElement = el(
            &doc,
            "div",
            if story { "ts ts-story" } else { "ts" },
            container,
        )?;
        let title: HtmlElement = el(&doc, "p", "ts-title", &root)?;
        // Text from data takes its direction from its own first strong letter, isolated from
        // what is around it.
        title.set_dir("auto");
        let bar: HtmlElement = el(&doc, "div", "ts-bar", &root)?;
        bar.set_hidden(!controls);
        bar.set_attribute("role", "search")?;
        let q: HtmlInputElement = el(&doc, "input", "ts-q", &bar)?;
        q.set_type("search");
        q.set_placeholder("Search");
        q.set_autocomplete("off");
        q.set_attribute("aria-label", "Search events")?;
        let found: HtmlElement = el(&doc, "span", "ts-n", &bar)?;
        found.set_attribute("role", "status")?;
        let matches = [
            button(&doc, &bar, "‹", "Previous match")?,
            button(&doc, &bar, "›", "Next match")?,
        ];
        let chips: HtmlElement = el(&doc, "div", "ts-chips", &root)?;
        chips.set_attribute("role", "group")?;
        chips.set_attribute("aria-label", "Show only these groups and tags")?;
        chips.set_hidden(true);
        // A story's slide comes first, in reading order as on screen.
        let slide = if story {
            Some(CardDom::mount(&doc, &root)?)
        } else {
            None
        };
        let stage: HtmlElement = el(&doc, "div", "ts-stage", &root)?;
        stage.set_tab_index(0);
        stage.set_attribute("role", "application")?;
        if height > 0 {
            stage
                .style()
                .set_property("max-height", &format!("{height}px"))?;
            stage.class_list().add_1("ts-fixed")?;
        }
        let canvas: HtmlCanvasElement = el(&doc, "canvas", "ts-canvas", &stage)?;
        canvas.set_attribute("role", "img")?;
        let card = match slide {
            Some(c) => c,
            None => CardDom::mount(&doc, &root)?,
        };
        let id = next_id();
        if story {
            card.close.set_hidden(true);
            let head = format!("ts-slide-{id}");
            card.head.set_id(&head);
            card.root.remove_attribute("aria-label")?;
            card.root.set_attribute("aria-labelledby", &head)?;
            card.root.set_attribute("aria-roledescription", "slide")?;
            card.root.set_tab_index(-1);
        }
        let sr: HtmlElement = el(&doc, "div", "ts-sr", &root)?;
        let help: HtmlElement = el(&doc, "p", "", &sr)?;
        help.set_text_content(Some(HELP));
        let id = format!("ts-help-{id}");
        help.set_id(&id);
        stage.set_attribute("aria-describedby", &id)?;
        let note = el(&doc, "p", "", &sr)?;
        let list: HtmlOListElement = el(&doc, "ol", "ts-list", &sr)?;
        list.set_attribute("aria-label", "Events in time order")?;
        let live: HtmlElement = el(&doc, "div", "ts-live", &sr)?;
        live.set_attribute("aria-live", "polite")?;
        let stopped: HtmlElement = el(&doc, "p", "ts-error", &root)?;
        stopped.set_attribute("role", "alert")?;
        stopped.set_hidden(true);
        Ok(Dom {
            doc,
            root,
            title,
            bar,
            q,
            found,
            matches,
            chips,
            stage,
            canvas,
            card,
            list,
            note,
            live,
            stopped,
            story,
        })
    }
}

impl CardDom {
    fn mount(doc: &Document, root: &Element) -> Result<CardDom, JsValue> {
        let card: HtmlElement = el(doc, "section", "ts-card", root)?;
        card.set_hidden(true);
        card.set_attribute("aria-label", "Event details")?;
        let close = button(doc, &card, "×", "Close details")?;
        close.set_class_name("ts-close");
        let date: HtmlElement = el(doc, "p", "ts-card-date", &card)?;
        let head: HtmlElement = el(doc, "h2", "ts-card-title", &card)?;
        let body: HtmlElement = el(doc, "div", "ts-card-text", &card)?;
        for e in [&date, &head, &body] {
            e.set_dir("auto");
        }
        let media = el(doc, "div", "ts-card-media", &card)?;
        let meta = el(doc, "p", "ts-card-meta", &card)?;
        let nav: HtmlElement = el(doc, "div", "ts-card-nav", &card)?;
        let prev = button(doc, &nav, "← Previous", "Previous event")?;
        let count = el(doc, "span", "ts-card-count", &nav)?;
        let next = button(doc, &nav, "Next →", "Next event")?;
        Ok(CardDom {
            root: card,
            close,
            date,
            head,
            body,
            media,
            meta,
            prev,
            count,
            next,
        })
    }
}
