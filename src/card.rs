//! What the widget says in words: the detail card's contents, the hidden list's items, the
//! announcements, the canvas's summary and the search's count. Pure, so the wording and every
//! decision about media from data are tested natively; the web layer only puts these strings
//! into elements (as text) and these addresses into attributes.

use crate::api::Embeds;
use crate::draw::{Color, Theme};
use crate::media::{self, Kind, Show};
use crate::model::{Dataset, EventRef, Media, Title};
use crate::sanitize;
use crate::text::{isolate, plain_text};
use crate::widget::Widget;

/// The media part of a card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CardMedia {
    /// No media, or none that may be shown.
    None,
    /// An image shown inline.
    Image {
        /// The checked source (see [`sanitize::image_src`]); the web layer resolves it.
        src: String,
        /// Its alternative text (the alt, else the caption, else the headline).
        alt: String,
        /// Caption and credit, joined.
        caption: String,
    },
    /// An audio or video file, behind a button: the browser's own player takes its place
    /// when the reader presses it, so that nothing is asked of the file's host (or of the
    /// page's `media-src`) before then.
    File {
        /// A video (else sound).
        video: bool,
        /// The checked source (see [`sanitize::image_src`]), resolved as an image's is.
        src: String,
        /// "Play the audio from soundcite.knightlab.com".
        button: String,
        /// Caption and credit, joined.
        caption: String,
    },
    /// A third-party player, map, document or post.
    Frame(Frame),
    /// Quoted text given as the media (a `<blockquote>`), shown as sanitised rich text.
    Quote {
        /// The HTML from data, still to be sanitised like the card's text.
        html: String,
        /// Caption and credit, joined.
        caption: String,
    },
    /// Other media, as a link that opens it.
    Link {
        /// The checked address (see [`sanitize::href`]).
        href: String,
        /// "Open the media on example.org: caption" (or the provider's name: "on X").
        text: String,
    },
}

/// A third-party player, map, document or post: a sandboxed frame of the provider's embed
/// address, which loads only when the reader presses the placeholder's button (or when its
/// card opens, with `embeds: "auto"`). Until then nothing is asked of the provider.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Frame {
    /// The frame's address, built by [`media::recognise`] from checked ids only.
    pub src: String,
    /// The frame's title for assistive technology: "YouTube video".
    pub title: String,
    /// Its width to height, as CSS's `aspect-ratio` writes it (`"16 / 9"`).
    pub aspect: String,
    /// Load it when the card opens, without asking (`embeds: "auto"`).
    pub now: bool,
    /// The placeholder's button: "Load video from YouTube".
    pub button: String,
    /// The line under it: "This loads content from www.youtube-nocookie.com."
    pub note: String,
    /// A thumbnail named by the data, checked as an image is.
    pub thumbnail: Option<String>,
    /// Caption and credit, joined.
    pub caption: String,
}

/// The detail card of one event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Card {
    /// The date as the author wrote it, or as the data gives it.
    pub date: String,
    /// The headline as plain text.
    pub headline: String,
    /// The rich text from data, still to be sanitised (see [`sanitize::quiet`]).
    pub text: String,
    /// Media.
    pub media: CardMedia,
    /// "Group · #tag · Source: …".
    pub meta: String,
    /// "6 of 12".
    pub count: String,
    /// Whether it is the first shown event (no previous).
    pub first: bool,
    /// Whether it is the last shown event (no next).
    pub last: bool,
    /// The slide's colour (`background.color`, a `#rgb` or `#rrggbb` the parser checked)
    /// and the text colour that reads on it; only a story's slides are coloured.
    pub colors: Option<(Color, Color)>,
    /// A story's slide image (`background.url`, checked as an image is), shown behind a
    /// scrim ([`backdrop`]) with white text.
    pub image: Option<String>,
    /// What to ask the players' module, when the media may be a provider's player (a link
    /// or HTML, not an image or a file) and the page allows players.
    pub ask: Option<Ask>,
}

/// How dark the scrim over a slide's image is (alpha of black, of 255): enough for white
/// text to keep 4.5:1 even where the image is white.
const SCRIM: u8 = 0x99;

/// The CSS `background-image` of a slide with image `src` (already resolved to a full
/// address, so percent-encoded): the scrim, then the image; none for an address that could
/// leave its quotes.
pub fn backdrop(src: &str) -> Option<String> {
    let scrim = Color::rgb(0).alpha(SCRIM).css();
    (!src.contains(['"', '\\', '\n']))
        .then(|| format!("linear-gradient({scrim},{scrim}),url(\"{src}\")"))
}

/// The media a card asks the players' module about ([`player`]'s arguments).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ask {
    /// The media address (or HTML) as the data gives it.
    pub url: String,
    /// The data's thumbnail address, unchecked.
    pub thumbnail: String,
    /// Caption and credit, joined, as plain text.
    pub caption: String,
    /// The alternative text, should it be an image (as [`CardMedia::Image`]'s).
    pub alt: String,
    /// Load the player when the card opens (`embeds: "auto"`).
    pub auto: bool,
}

/// The media's caption as plain text, alone and joined with its credit ("Smoke — AP").
fn captions(m: &Media) -> (String, String) {
    let alone = plain_text(&m.caption);
    let credit = plain_text(&m.credit);
    let mut caption = alone.clone();
    if !credit.is_empty() {
        if !caption.is_empty() {
            caption.push_str(" — ");
        }
        caption.push_str(&credit);
    }
    (alone, caption)
}

/// An image's alternative text: the data's, else its caption, else the headline.
fn alt_of(m: &Media, caption: String, headline: &str) -> String {
    let alt = plain_text(&m.alt);
    match (alt.is_empty(), caption.is_empty()) {
        (false, _) => alt,
        (true, false) => caption,
        (true, true) => headline.to_string(),
    }
}

impl Ask {
    /// What the card shows once the players' module found `found` for this media: the
    /// player's placeholder, or the provider's image with this media's alt and caption.
    pub fn shown(&self, found: Found) -> CardMedia {
        match found {
            Found::Frame(f) => CardMedia::Frame(f),
            Found::Image(src) => CardMedia::Image {
                src,
                alt: self.alt.clone(),
                caption: self.caption.clone(),
            },
        }
    }
}

/// What a card shows of `m`, and what it asks the players' module.
fn media_and_ask(m: Option<Media>, headline: &str, embeds: Embeds) -> (CardMedia, Option<Ask>) {
    let ask = m.as_ref().map(|m| {
        let (alone, caption) = captions(m);
        Ask {
            url: m.url.clone(),
            thumbnail: m.thumbnail.clone(),
            alt: alt_of(m, alone, headline),
            caption,
            auto: embeds == Embeds::Auto,
        }
    });
    let shown = media(m, headline);
    // Anything but an image or a file may be a player: a link, a quote, an `<iframe>`.
    let may_play = !matches!(shown, CardMedia::Image { .. } | CardMedia::File { .. });
    let ask = ask.filter(|a| may_play && embeds != Embeds::Off && !a.url.trim().is_empty());
    (shown, ask)
}

impl Card {
    /// The card for event `e` as the widget shows it now, with players as `embeds` says.
    pub fn new(w: &Widget, e: &EventRef<'_>, embeds: Embeds) -> Card {
        let k = w.position(e.index()).unwrap_or(0);
        let headline = plain_text(e.headline());
        let (media, ask) = media_and_ask(e.media().map(|m| m.to_media()), &headline, embeds);
        let image = e
            .background_image()
            .and_then(sanitize::image_src)
            .filter(|_| w.story());
        Card {
            date: e.date_label(),
            text: e.text().to_string(),
            media,
            ask,
            headline,
            meta: meta(e),
            count: of_shown(w, e.index()),
            first: k == 0 && !w.title_slide(),
            last: k + 1 >= w.shown_len(),
            colors: if image.is_some() {
                Some((Color::rgb(0), Color::rgb(0xffffff)))
            } else {
                e.background()
                    .and_then(Color::parse)
                    .filter(|_| w.story())
                    .map(|bg| (bg, Theme::on(bg)))
            },
            image,
        }
    }

    /// A story's title slide: the timeline's title, text and media, before the first event.
    pub fn title(w: &Widget, t: &Title, embeds: Embeds) -> Card {
        let headline = plain_text(&t.headline);
        let (media, ask) = media_and_ask(t.media.clone(), &headline, embeds);
        Card {
            date: String::new(),
            text: t.text.clone(),
            media,
            ask,
            headline,
            meta: String::new(),
            count: events(w.shown_len()),
            first: true,
            last: w.shown_len() == 0,
            colors: None,
            image: None,
        }
    }
}

/// What a frame of this kind is called in its button: "Load video from YouTube".
fn noun(kind: Kind) -> &'static str {
    match kind {
        Kind::Image => "photo",
        Kind::Audio => "audio",
        Kind::Video => "video",
        Kind::Map => "map",
        Kind::Document => "document",
        Kind::Post => "post",
        Kind::Page => "page",
        Kind::Quote | Kind::Link => "media",
    }
}

/// What the card shows of an event's media: image files inline, audio and video files behind
/// a play button, quoted text as rich text, anything else as a safe link (which the players'
/// module may turn into a provider's player: see [`Card::ask`]).
fn media(m: Option<Media>, headline: &str) -> CardMedia {
    let Some(m) = m else {
        return CardMedia::None;
    };
    let (alone, caption) = captions(&m);
    let kind = media::file_kind(&m.url);
    match (kind, sanitize::image_src(&m.url)) {
        (Some(Kind::Image), Some(src)) => {
            let alt = alt_of(&m, alone, headline);
            return CardMedia::Image { src, alt, caption };
        }
        (Some(k @ (Kind::Audio | Kind::Video)), Some(src)) => {
            let video = k == Kind::Video;
            let mut button = String::from(if video {
                "Play the video"
            } else {
                "Play the audio"
            });
            if let Some(site) = sanitize::host(&src) {
                button.push_str(" from ");
                button.push_str(site);
            }
            return CardMedia::File {
                video,
                src,
                button,
                caption,
            };
        }
        _ => {}
    }
    if media::is_quote(&m.url) {
        return CardMedia::Quote {
            html: m.url,
            caption,
        };
    }
    let Some(href) = sanitize::href(&m.url) else {
        return CardMedia::None;
    };
    let mut text = String::from("Open the media");
    if let Some(site) = sanitize::host(&href) {
        text.push_str(" on ");
        text.push_str(site);
    }
    if !alone.is_empty() {
        text.push_str(": ");
        text.push_str(&isolate(&alone));
    }
    CardMedia::Link { href, text }
}

/// What the players' module finds for a card's media: a provider's player, or a provider's
/// image shown inline (a Wikimedia Commons `File:` page, a bare Imgur id).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Found {
    /// A player, map, document or post in a frame.
    Frame(Frame),
    /// The checked address of the image itself.
    Image(String),
}

/// What media at `url` is, if it is a provider's: the frame the players' module hands the
/// card (see `players.rs`), with the placeholder's words, only ever on one of the
/// providers' own origins ([`media::frame_allowed`]); or the provider's image.
pub fn player(url: &str, thumbnail: &str, caption: &str, auto: bool) -> Option<Found> {
    let r = media::recognise(url);
    let src = match r.show {
        Show::Frame(src) if media::frame_allowed(&src) => src,
        Show::Inline(src) if r.kind == Kind::Image => return Some(Found::Image(src)),
        _ => return None,
    };
    let host = sanitize::host(&src).unwrap_or_default();
    let (noun, provider) = (noun(r.kind), r.provider);
    Some(Found::Frame(Frame {
        title: format!("{provider} {noun}"),
        aspect: r.aspect.into(),
        now: auto,
        button: format!("Load {noun} from {provider}"),
        note: format!("This loads content from {host}."),
        thumbnail: sanitize::image_src(thumbnail),
        caption: caption.to_string(),
        src,
    }))
}

/// "Group · #tag · Source: …", each field isolated for direction.
fn meta(e: &EventRef<'_>) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(g) = e.group() {
        parts.push(isolate(g).into_owned());
    }
    for t in e.tags() {
        parts.push(format!("#{}", isolate(t)));
    }
    if let Some(s) = e.source() {
        parts.push(format!("Source: {}", isolate(&plain_text(s))));
    }
    parts.join(" · ")
}

/// "6 of 12": event `i`'s place among the events shown.
pub fn of_shown(w: &Widget, i: usize) -> String {
    format!("{} of {}", w.position(i).unwrap_or(0) + 1, w.shown_len())
}

/// "Headline, date (group)" as read in the hidden list and the announcements; the headline
/// and the group are isolated for direction, and a headline with nothing visible reads as
/// "Untitled event".
pub fn describe(e: &EventRef<'_>) -> String {
    let headline = plain_text(e.headline());
    let mut s = if headline.is_empty() {
        "Untitled event".to_string()
    } else {
        isolate(&headline).into_owned()
    };
    s.push_str(", ");
    s.push_str(&e.date_label());
    if let Some(g) = e.group() {
        s.push_str(&format!(" ({})", isolate(g)));
    }
    s
}

/// What the live region says when an event is selected: "Headline, date. Event 3 of 12".
pub fn announce(w: &Widget, e: &EventRef<'_>) -> String {
    format!("{}. Event {}", describe(e), of_shown(w, e.index()))
}

/// What a story says when its slide changes: "Slide 3 of 12: headline" (isolated for
/// direction), or "Title slide: headline" for the timeline's own.
pub fn slide(w: &Widget, e: Option<&EventRef<'_>>) -> String {
    match e {
        Some(e) => format!("Slide {}: {}", of_shown(w, e.index()), describe(e)),
        None => {
            let t =
                w.ds.title()
                    .map(|t| plain_text(&t.headline))
                    .unwrap_or_default();
            format!("Title slide: {}", isolate(&t))
        }
    }
}

/// "Title: timeline of 12 events from 2017 to 8 Sep 2018", for the canvas's label.
pub fn summary(ds: &Dataset, title: &str) -> String {
    let mut s = if title.is_empty() {
        "Timeline".to_string()
    } else {
        format!("{}: timeline", isolate(title))
    };
    s.push_str(&format!(" of {}", events(ds.len())));
    if let (Some(a), Some(b)) = (ds.event(0), ds.event(ds.len().saturating_sub(1))) {
        let (a, b) = (a.start().label(), b.start().label());
        s.push_str(&format!(" from {a}"));
        if a != b {
            s.push_str(&format!(" to {b}"));
        }
    }
    s
}

/// "1 event", "12 events".
pub fn events(n: usize) -> String {
    format!("{n} event{}", if n == 1 { "" } else { "s" })
}

/// The search's count: "12 events", or "3 of 12 events" while filtering.
pub fn count(matched: usize, total: usize) -> String {
    if matched < total {
        format!("{matched} of {}", events(total))
    } else {
        events(total)
    }
}

/// The hidden list's note when it holds a window of a long timeline.
pub fn list_note(start: usize, len: usize, total: usize) -> String {
    if len < total {
        format!(
            "Events {} to {} of {total}; the arrow keys reach the others.",
            start + 1,
            start + len
        )
    } else {
        String::new()
    }
}

/// What the search's count says while the index is still being built.
pub const SEARCHING: &str = "Searching…";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{parse, Limits};

    fn widget(json: &str) -> Widget {
        let ds = parse(json, &Limits::default()).unwrap().dataset;
        Widget::new(ds, 800.0)
    }

    #[test]
    fn a_story_has_a_title_slide_and_coloured_slides() {
        let mut w = widget(
            r##"{"title": {"text": {"headline": "<b>Idlib</b>", "text": "<p>Intro</p>"},
                           "media": {"url": "https://x.org/map.png", "caption": "Map"}},
                 "events": [
                   {"start_date": {"year": 2018}, "text": {"headline": "Raids"},
                    "background": {"color": "#F45B69"}},
                   {"start_date": {"year": 2019}, "text": {"headline": "Talks"}}]}"##,
        );
        // Exploring, a colour is the canvas's business, not the card's.
        let e = w.ds.event(0).unwrap();
        assert_eq!(Card::new(&w, &e, Embeds::Click).colors, None);
        assert!(Card::new(&w, &e, Embeds::Click).first);
        w.set_story(true);
        let t = Card::title(&w, w.ds.title().unwrap(), Embeds::Click);
        assert_eq!(
            (t.headline.as_str(), t.text.as_str()),
            ("Idlib", "<p>Intro</p>")
        );
        assert_eq!(t.count, "2 events");
        assert!(t.first && !t.last && t.date.is_empty());
        assert!(matches!(&t.media, CardMedia::Image { alt, .. } if alt == "Map"));
        assert_eq!(slide(&w, None), "Title slide: Idlib");
        let e = w.ds.event(0).unwrap();
        let c = Card::new(&w, &e, Embeds::Click);
        assert!(!c.first, "the title slide is before the first event");
        let (bg, fg) = c.colors.unwrap();
        assert_eq!(bg.css(), "#f45b69");
        assert!(
            bg.contrast(fg) >= 4.5,
            "the slide's text reads on its colour"
        );
        assert!(slide(&w, Some(&e)).starts_with("Slide 1 of 2: "));
        assert_eq!(
            Card::new(&w, &w.ds.event(1).unwrap(), Embeds::Click).colors,
            None
        );
    }

    #[test]
    fn a_slide_image_lies_behind_a_scrim_white_text_reads_on() {
        let mut w = widget(
            r##"[{"start": "2018", "headline": "a",
                  "background": {"url": "https://x.org/sky.jpg", "color": "#ffcc00"}},
                 {"start": "2019", "headline": "b", "background": {"url": "javascript:alert(1)"}}]"##,
        );
        let e = w.ds.event(0).unwrap();
        assert_eq!(e.background_image(), Some("https://x.org/sky.jpg"));
        assert_eq!(
            Card::new(&w, &e, Embeds::Click).image,
            None,
            "exploring: no slide"
        );
        w.set_story(true);
        let c = Card::new(&w, &w.ds.event(0).unwrap(), Embeds::Click);
        assert_eq!(c.image.as_deref(), Some("https://x.org/sky.jpg"));
        let (_, fg) = c.colors.unwrap();
        assert_eq!(fg, Color::rgb(0xffffff), "white text on the image");
        // The worst case, a white image under the scrim, still reads at 4.5:1.
        let under = Color::rgb(0xffffff).mix(Color::rgb(0), f64::from(SCRIM) / 255.0);
        assert!(under.contrast(fg) >= 4.5, "{}", under.contrast(fg));
        assert_eq!(
            backdrop("https://x.org/a%22b.jpg").as_deref(),
            Some("linear-gradient(#00000099,#00000099),url(\"https://x.org/a%22b.jpg\")")
        );
        assert_eq!(backdrop("https://x.org/a\"b.jpg);x:y"), None);
        assert_eq!(
            Card::new(&w, &w.ds.event(1).unwrap(), Embeds::Click).image,
            None
        );
    }

    #[test]
    fn the_card_says_what_the_event_holds() {
        let w = widget(
            r#"[{"start": "2018-09-08", "headline": "<b>Raids</b>", "text": "<p>x</p>",
                 "group": "Syria", "tags": ["air"], "source": "AP",
                 "media": {"url": "https://x.org/a.jpg", "caption": "Smoke", "credit": "AP"}},
                {"start": "2018-09-09", "headline": "Talks",
                 "media": {"url": "https://www.youtube.com/watch?v=1", "caption": "Video"}}]"#,
        );
        let e = w.ds.event(0).unwrap();
        let c = Card::new(&w, &e, Embeds::Click);
        assert_eq!(c.headline, "Raids");
        assert_eq!(c.date, "8 Sep 2018");
        assert_eq!(c.meta, "Syria · #air · Source: AP");
        assert_eq!(c.count, "1 of 2");
        assert!(c.first && !c.last);
        assert_eq!(
            c.media,
            CardMedia::Image {
                src: "https://x.org/a.jpg".into(),
                alt: "Smoke".into(),
                caption: "Smoke — AP".into()
            }
        );
        assert_eq!(c.ask, None, "an image is no player");
        let c = Card::new(&w, &w.ds.event(1).unwrap(), Embeds::Off);
        let link = CardMedia::Link {
            href: "https://www.youtube.com/watch?v=1".into(),
            text: "Open the media on www.youtube.com: Video".into(),
        };
        assert_eq!(c.media, link);
        assert_eq!(c.ask, None, "embeds off asks nothing");
        assert!(c.last && !c.first);
        // With players, the link shows until the players' module answers.
        let c = Card::new(&w, &w.ds.event(1).unwrap(), Embeds::Auto);
        assert_eq!(c.media, link);
        let ask = c.ask.unwrap();
        assert_eq!(
            (ask.url.as_str(), ask.caption.as_str(), ask.auto),
            ("https://www.youtube.com/watch?v=1", "Video", true)
        );
    }

    fn media_of(url: &str, thumbnail: &str, embeds: Embeds) -> CardMedia {
        let w = widget(&format!(
            r#"[{{"start": "2018", "headline": "h",
                  "media": {{"url": {url:?}, "thumbnail": {thumbnail:?}, "caption": "<i>Cap</i>", "credit": "AP"}}}}]"#
        ));
        Card::new(&w, &w.ds.event(0).unwrap(), embeds).media
    }

    #[test]
    fn a_player_waits_for_the_reader_unless_the_page_says_otherwise() {
        let url = "https://youtu.be/pi2v1m6gmD8?t=90";
        let f = frame(url, "https://i.ytimg.com/vi/x/0.jpg", "Cap — AP", false);
        assert_eq!(
            f.src,
            "https://www.youtube-nocookie.com/embed/pi2v1m6gmD8?start=90"
        );
        assert_eq!(f.button, "Load video from YouTube");
        assert_eq!(f.note, "This loads content from www.youtube-nocookie.com.");
        assert_eq!(f.title, "YouTube video");
        assert_eq!(f.caption, "Cap — AP");
        assert_eq!(
            f.thumbnail.as_deref(),
            Some("https://i.ytimg.com/vi/x/0.jpg")
        );
        assert_eq!(f.aspect, "16 / 9");
        assert!(!f.now, "the default waits for a click");
        let f = frame(url, "", "", true);
        assert!(f.now && f.thumbnail.is_none());
        // Each kind names itself in the button.
        for (url, button) in [
            ("https://soundcloud.com/a/b", "Load audio from SoundCloud"),
            (
                "https://www.google.com/maps/place/Idlib",
                "Load map from Google Maps",
            ),
            (
                "https://docs.google.com/document/d/abc/edit",
                "Load document from Google Docs",
            ),
            ("https://x.com/user/status/123", "Load post from X"),
            (
                "https://www.flickr.com/photos/u/123/",
                "Load photo from Flickr",
            ),
            (
                "<iframe src='https://player.vimeo.com/video/1'></iframe>",
                "Load video from Vimeo",
            ),
        ] {
            assert_eq!(frame(url, "", "", false).button, button, "{url}");
        }
        // A thumbnail that is not an image address is left out; a page is no player.
        assert_eq!(frame(url, "javascript:alert(1)", "", false).thumbnail, None);
        assert_eq!(player("https://example.org/page", "", "", false), None);
        assert_eq!(player("javascript:alert(1)", "", "", false), None);
        // An iframe's card asks the module about it (it shows nothing until then).
        assert_eq!(
            media_of("<iframe src='https://x.org/p'></iframe>", "", Embeds::Click),
            CardMedia::None
        );
        let w = widget(
            r#"[{"start": "2018", "headline": "h", "media": {"url": "<iframe src='https://player.vimeo.com/video/1'></iframe>"}}]"#,
        );
        assert!(Card::new(&w, &w.ds.event(0).unwrap(), Embeds::Click)
            .ask
            .is_some());
    }

    fn frame(url: &str, thumbnail: &str, caption: &str, auto: bool) -> Frame {
        match player(url, thumbnail, caption, auto) {
            Some(Found::Frame(f)) => f,
            other => panic!("{url}: {other:?}"),
        }
    }

    #[test]
    fn a_providers_image_shows_inline_with_the_medias_words() {
        let w = widget(
            r#"[{"start": "2018", "headline": "Lake",
                  "media": {"url": "https://imgur.com/abc123", "caption": "<b>Morskie</b> Oko", "credit": "AP"}}]"#,
        );
        let c = Card::new(&w, &w.ds.event(0).unwrap(), Embeds::Click);
        assert!(
            matches!(c.media, CardMedia::Link { .. }),
            "a link until the module answers"
        );
        let ask = c.ask.unwrap();
        let found = player(&ask.url, &ask.thumbnail, &ask.caption, ask.auto).unwrap();
        assert_eq!(
            ask.shown(found),
            CardMedia::Image {
                src: "https://i.imgur.com/abc123.jpg".into(),
                alt: "Morskie Oko".into(),
                caption: "Morskie Oko — AP".into()
            }
        );
        let commons = "https://commons.wikimedia.org/wiki/File:Morskie_Oko.jpg";
        assert!(
            matches!(player(commons, "", "", false), Some(Found::Image(src)) if src.contains("Special:FilePath"))
        );
    }

    #[test]
    fn files_play_in_the_browser_and_quotes_are_rich_text() {
        assert_eq!(
            media_of("https://x.org/a.mp3", "", Embeds::Click),
            CardMedia::File {
                video: false,
                src: "https://x.org/a.mp3".into(),
                button: "Play the audio from x.org".into(),
                caption: "Cap — AP".into()
            }
        );
        assert!(matches!(
            media_of("clips/b.WEBM?v=2", "", Embeds::Off),
            CardMedia::File { video: true, button, .. } if button == "Play the video"
        ));
        let q = "<blockquote>Words</blockquote>";
        assert_eq!(
            media_of(q, "", Embeds::Click),
            CardMedia::Quote {
                html: q.into(),
                caption: "Cap — AP".into()
            }
        );
        // An iframe is neither a quote nor framed: its address, if any, is not a link either.
        assert_eq!(
            media_of("<iframe src='https://x.org/p'></iframe>", "", Embeds::Click),
            CardMedia::None
        );
        assert_eq!(
            media_of("https://en.wikipedia.org/wiki/Idlib", "", Embeds::Click),
            CardMedia::Link {
                href: "https://en.wikipedia.org/wiki/Idlib".into(),
                text: "Open the media on en.wikipedia.org: Cap".into()
            }
        );
        assert_eq!(
            media_of("https://example.org/page", "", Embeds::Click),
            CardMedia::Link {
                href: "https://example.org/page".into(),
                text: "Open the media on example.org: Cap".into()
            }
        );
        assert_eq!(
            media_of("javascript:alert(1)//.mp3", "", Embeds::Click),
            CardMedia::None
        );
    }

    #[test]
    fn hostile_media_is_neither_shown_nor_linked() {
        for url in [
            "javascript:alert(1)",
            "data:image/pngx;svg+xml,<svg onload=alert(1)>",
            "data:text/html,<script>alert(1)</script>",
            "//evil.example/page",
        ] {
            let w = widget(&format!(
                r#"[{{"start": "2018", "headline": "h", "media": {{"url": {url:?}}}}}]"#
            ));
            let c = Card::new(&w, &w.ds.event(0).unwrap(), Embeds::Click);
            assert_eq!(c.media, CardMedia::None, "{url}");
        }
    }

    #[test]
    fn words_for_the_list_the_announcement_and_the_summary() {
        let w = widget(
            r#"{"title": "Idlib", "events": [
                {"start": "2017-05-04", "headline": "Deal", "group": "Talks"},
                {"start": "2018-09-08", "headline": "\u200b\u200b"},
                {"start": "2018-09-09", "headline": "invoice\u202Efdp.exe", "group": "\u202Eg"}]}"#,
        );
        let e = |i| w.ds.event(i).unwrap();
        assert_eq!(describe(&e(0)), "Deal, 4 May 2017 (Talks)");
        assert_eq!(describe(&e(1)), "Untitled event, 8 Sep 2018");
        assert_eq!(
            describe(&e(2)),
            "\u{2068}invoice\u{202e}fdp.exe\u{2069}, 9 Sep 2018 (\u{2068}\u{202e}g\u{2069})",
            "a direction override ends with its own field"
        );
        assert_eq!(
            announce(&w, &e(0)),
            "Deal, 4 May 2017 (Talks). Event 1 of 3"
        );
        assert_eq!(
            summary(&w.ds, "Idlib"),
            "Idlib: timeline of 3 events from 4 May 2017 to 9 Sep 2018"
        );
        assert_eq!(count(1, 3), "1 of 3 events");
        assert_eq!(count(1, 1), "1 event");
        assert_eq!(list_note(0, 3, 3), "");
        assert_eq!(
            list_note(100, 200, 5000),
            "Events 101 to 300 of 5000; the arrow keys reach the others."
        );
    }
}
