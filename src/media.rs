//! What a media address is, and how to show it: an image, audio or video file shown inline,
//! a third-party player, map, document or post shown in a sandboxed frame (only once the
//! reader asks, unless the host page says its readers have consented), a quotation, or a
//! safe link. Pure: the web layer builds elements from a [`Recognised`], and the frame
//! addresses are built here from checked ids only, never from the data's own text.
//!
//! Providers are recognised by their host and path, as TimelineJS recognises them, and their
//! privacy-enhanced hosts are used where they exist (`youtube-nocookie.com`, Vimeo's `dnt`).

use crate::sanitize::{address, href, normalise, Address};

/// What the media is, for the placeholder's wording ("Load video from YouTube").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A photo or picture.
    Image,
    /// Sound: a file or a player such as SoundCloud's.
    Audio,
    /// A video file or a video player.
    Video,
    /// A map.
    Map,
    /// A document: a PDF, a Google Doc, a DocumentCloud file.
    Document,
    /// A social media post or an encyclopedia article.
    Post,
    /// A web page given as an `<iframe>`.
    Page,
    /// Quoted text given as `<blockquote>` HTML.
    Quote,
    /// Anything else: a link.
    Link,
}

/// How the media is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Show {
    /// An `<img>`, `<audio controls>` or `<video controls>` of this address.
    Inline(String),
    /// A third-party frame of this address, loaded when the reader asks.
    Frame(String),
    /// A link to this address.
    Link(String),
    /// The media text itself, as sanitised rich text (a `<blockquote>`).
    Quote,
    /// Nothing: the address is not one a page may use (`javascript:`, say).
    Nothing,
}

/// A media address recognised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recognised {
    /// What it is.
    pub kind: Kind,
    /// Who provides it, for people ("YouTube"); empty for a plain file or link.
    pub provider: &'static str,
    /// How to show it.
    pub show: Show,
    /// The frame's width to height, as CSS's `aspect-ratio` writes it (`"16 / 9"`).
    pub aspect: &'static str,
}

/// The `sandbox` of every third-party frame: scripts and its own origin (the players need
/// them to play), presentation (casting) and pop-ups that leave the sandbox (a "watch on
/// YouTube" link opens a normal tab). No top navigation, no forms, no downloads.
pub const SANDBOX: &str =
    "allow-scripts allow-same-origin allow-presentation allow-popups allow-popups-to-escape-sandbox";

/// The `allow` of every third-party frame.
pub const ALLOW: &str = "fullscreen; picture-in-picture; encrypted-media";

/// Each provider's frame origins: what a host page's Content-Security-Policy must list in
/// `frame-src` for its players to load (the README lists the same, and [`SANDBOX`], checked
/// by a test).
pub const FRAME_SRC: [(&str, &str); 15] = [
    ("YouTube", "https://www.youtube-nocookie.com"),
    ("Vimeo", "https://player.vimeo.com"),
    ("Dailymotion", "https://www.dailymotion.com"),
    ("TikTok", "https://www.tiktok.com"),
    ("SoundCloud", "https://w.soundcloud.com"),
    ("Spotify", "https://open.spotify.com"),
    ("Wistia", "https://fast.wistia.net"),
    ("Google Maps", "https://maps.google.com"),
    ("Google Docs", "https://docs.google.com"),
    ("Google Drive", "https://drive.google.com"),
    ("DocumentCloud", "https://embed.documentcloud.org"),
    ("X", "https://platform.twitter.com"),
    ("Instagram", "https://www.instagram.com"),
    ("Bluesky", "https://embed.bsky.app"),
    ("Flickr", "https://www.flickr.com"),
];

/// Whether `src` is a frame address on one of the providers' own origins ([`FRAME_SRC`]):
/// the players' module hands the widget a player's frame only then.
pub fn frame_allowed(src: &str) -> bool {
    FRAME_SRC.iter().any(|(_, origin)| {
        src.strip_prefix(origin)
            .is_some_and(|rest| rest.starts_with(['/', '?']))
    })
}

const IMAGE: [&str; 7] = ["jpg", "jpeg", "png", "gif", "webp", "avif", "svg"];
const AUDIO: [&str; 8] = ["mp3", "ogg", "oga", "wav", "m4a", "aac", "flac", "opus"];
const VIDEO: [&str; 5] = ["mp4", "webm", "m4v", "mov", "ogv"];

/// An `http:`/`https:` address taken apart: host in lowercase without `www.` or `m.`, the
/// path's segments, the query.
struct Url<'a> {
    host: String,
    segments: Vec<&'a str>,
    query: &'a str,
}

impl<'a> Url<'a> {
    fn read(u: &'a str) -> Option<Url<'a>> {
        if !matches!(address(u), Address::Absolute(s) if s == "http" || s == "https") {
            return None;
        }
        let host = crate::sanitize::host(u)?;
        let mut host = host.split(':').next()?.to_ascii_lowercase();
        for p in ["www.", "m.", "mobile."] {
            if let Some(h) = host.strip_prefix(p) {
                host = h.to_string();
            }
        }
        let rest = u.get(u.find("://")? + 3..)?;
        let tail = rest.get(rest.find(['/', '?', '#']).unwrap_or(rest.len())..)?;
        let tail = tail.split('#').next().unwrap_or("");
        let (path, query) = tail.split_once('?').unwrap_or((tail, ""));
        Some(Url {
            host,
            segments: path.split('/').filter(|s| !s.is_empty()).collect(),
            query,
        })
    }
    fn seg(&self, i: usize) -> &'a str {
        self.segments.get(i).copied().unwrap_or("")
    }
    /// The segment after `name`.
    fn after(&self, name: &str) -> Option<&'a str> {
        let i = self.segments.iter().position(|s| *s == name)?;
        self.segments.get(i + 1).copied()
    }
    fn param(&self, name: &str) -> Option<&'a str> {
        self.query
            .split('&')
            .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
    }
    /// The host is `host` or one of its subdomains.
    fn is(&self, host: &str) -> bool {
        self.host
            .strip_suffix(host)
            .is_some_and(|sub| sub.is_empty() || sub.ends_with('.'))
    }
}

/// The parts one after the other (a plain loop: `[&str]::concat` costs the wasm 1.6 KB more).
fn cat(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

/// `id` if it is a plain id (letters, digits, `-`, `_`) of a sensible length.
fn id(id: &str) -> Option<&str> {
    let ok = (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    ok.then_some(id)
}

/// A query value kept as written where it is already encoded, with anything else
/// percent-encoded, so it cannot end the value or add parameters.
fn component(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for b in v.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~%+,!".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            for d in [b >> 4, b & 15] {
                out.extend(char::from_digit(u32::from(d), 16).map(|c| c.to_ascii_uppercase()));
            }
        }
    }
    out
}

/// A start time as YouTube writes it (`321`, `321s`, `5m21s`, `1h2m3s`), in seconds.
fn seconds(t: &str) -> Option<u32> {
    if let Ok(s) = t.trim_end_matches('s').parse::<u32>() {
        return Some(s);
    }
    let (mut total, mut n) = (0u32, 0u32);
    for c in t.chars() {
        match c {
            '0'..='9' => n = n.checked_mul(10)?.checked_add(c.to_digit(10)?)?,
            'h' => (total, n) = (total.checked_add(n.checked_mul(3600)?)?, 0),
            'm' => (total, n) = (total.checked_add(n.checked_mul(60)?)?, 0),
            's' => (total, n) = (total.checked_add(n)?, 0),
            _ => return None,
        }
    }
    total.checked_add(n)
}

fn extension(path_end: &str) -> String {
    path_end
        .rsplit_once('.')
        .map_or(String::new(), |(_, e)| e.to_ascii_lowercase())
}

fn frame(kind: Kind, provider: &'static str, src: String, aspect: &'static str) -> Recognised {
    Recognised {
        kind,
        provider,
        show: Show::Frame(src),
        aspect,
    }
}

fn plain(kind: Kind, show: Show) -> Recognised {
    Recognised {
        kind,
        provider: "",
        show,
        aspect: "16 / 9",
    }
}

/// What the media address (or HTML) `url` is and how to show it.
pub fn recognise(url: &str) -> Recognised {
    let u = normalise(url);
    if u.starts_with('<') {
        return html(&u);
    }
    if crate::sanitize::is_data_image(&u) {
        return plain(Kind::Image, Show::Inline(u));
    }
    let Some(p) = Url::read(&u) else {
        // A path on the page's own site, or another host without a scheme: a file by its
        // extension, never a frame.
        let file = u.split(['?', '#']).next().unwrap_or("");
        let ext = extension(file);
        return match address(&u) {
            Address::SameSite | Address::OtherHost if !u.is_empty() => by_extension(&ext, u),
            _ => plain(Kind::Link, Show::Nothing),
        };
    };
    if let Some(r) = provider(&p, &u) {
        return r;
    }
    let ext = extension(p.segments.last().copied().unwrap_or(""));
    by_extension(&ext, u.clone())
}

/// What a file is by the extension that ends its path: an image, audio or video file.
fn file_of(ext: &str) -> Option<Kind> {
    let ext = ext.to_ascii_lowercase();
    [
        (&IMAGE[..], Kind::Image),
        (&AUDIO, Kind::Audio),
        (&VIDEO, Kind::Video),
    ]
    .into_iter()
    .find_map(|(list, kind)| list.contains(&ext.as_str()).then_some(kind))
}

/// An image, audio or video file by its address alone (a `data:` image of an allowed type,
/// or a path ending in one of their extensions), as [`recognise`] shows it inline. The card
/// shows these inline and links the rest while the providers' players wait for room in the
/// size budget (issue 15).
pub fn file_kind(url: &str) -> Option<Kind> {
    let u = normalise(url);
    if crate::sanitize::is_data_image(&u) {
        return Some(Kind::Image);
    }
    let path = u.split(['?', '#']).next().unwrap_or("");
    // A wiki's `File:` page is a page about the file, not the file (the players' module
    // shows Wikimedia Commons' as their image).
    if path.contains("/wiki/File:") || path.contains("/wiki/Image:") {
        return None;
    }
    file_of(&extension(path))
}

fn by_extension(ext: &str, u: String) -> Recognised {
    if let Some(kind) = file_of(ext) {
        plain(kind, Show::Inline(u))
    } else {
        let kind = if ext.eq_ignore_ascii_case("pdf") {
            Kind::Document
        } else {
            Kind::Link
        };
        match href(&u) {
            Some(h) => plain(kind, Show::Link(h)),
            None => plain(kind, Show::Nothing),
        }
    }
}

/// A provider whose player takes one id from the address: its hosts, where the id is, and
/// the player's address around it.
struct Player {
    name: &'static str,
    kind: Kind,
    hosts: &'static [&'static str],
    /// The id is the segment after the first of these found ("" is the first segment)...
    after: &'static [&'static str],
    /// ...or else this query parameter ("" for none).
    param: &'static str,
    /// Where the id ends, if the address adds to it: DocumentCloud's `.html`, Dailymotion's
    /// `_title`.
    cut: char,
    /// The player's address: before and after the id.
    embed: [&'static str; 2],
    aspect: &'static str,
}

const VIDEO_PLAYER: &str = "16 / 9";

/// The players found by one id (the others, below, need more of the address).
const PLAYERS: [Player; 9] = [
    Player {
        name: "YouTube",
        kind: Kind::Video,
        hosts: &["youtube.com", "youtube-nocookie.com"],
        after: &["embed", "shorts", "live", "v"],
        param: "v",
        cut: '.',
        embed: ["https://www.youtube-nocookie.com/embed/", ""],
        aspect: VIDEO_PLAYER,
    },
    Player {
        name: "YouTube",
        kind: Kind::Video,
        hosts: &["youtu.be"],
        after: &[""],
        param: "",
        cut: '.',
        embed: ["https://www.youtube-nocookie.com/embed/", ""],
        aspect: VIDEO_PLAYER,
    },
    Player {
        name: "Dailymotion",
        kind: Kind::Video,
        hosts: &["dailymotion.com"],
        after: &["video"],
        param: "",
        cut: '_',
        embed: ["https://www.dailymotion.com/embed/video/", ""],
        aspect: VIDEO_PLAYER,
    },
    Player {
        name: "Dailymotion",
        kind: Kind::Video,
        hosts: &["dai.ly"],
        after: &[""],
        param: "",
        cut: '_',
        embed: ["https://www.dailymotion.com/embed/video/", ""],
        aspect: VIDEO_PLAYER,
    },
    Player {
        name: "TikTok",
        kind: Kind::Post,
        hosts: &["tiktok.com"],
        after: &["video"],
        param: "",
        cut: '.',
        embed: ["https://www.tiktok.com/embed/v2/", ""],
        aspect: "9 / 16",
    },
    Player {
        name: "Wistia",
        kind: Kind::Video,
        hosts: &["wistia.com", "wistia.net", "wi.st"],
        after: &["medias", "iframe"],
        param: "",
        cut: '.',
        embed: ["https://fast.wistia.net/embed/iframe/", ""],
        aspect: VIDEO_PLAYER,
    },
    Player {
        name: "Google Drive",
        kind: Kind::Document,
        hosts: &["drive.google.com"],
        after: &["d"],
        param: "id",
        cut: '.',
        embed: ["https://drive.google.com/file/d/", "/preview"],
        aspect: "4 / 3",
    },
    Player {
        name: "DocumentCloud",
        kind: Kind::Document,
        hosts: &["documentcloud.org"],
        after: &["documents"],
        param: "",
        cut: '.',
        embed: ["https://embed.documentcloud.org/documents/", "/?embed=1"],
        aspect: "4 / 5",
    },
    Player {
        name: "Instagram",
        kind: Kind::Post,
        hosts: &["instagram.com"],
        after: &["p", "reel", "tv"],
        param: "",
        cut: '.',
        embed: ["https://www.instagram.com/p/", "/embed/"],
        aspect: "4 / 5",
    },
];

/// The providers, by host.
fn provider(p: &Url<'_>, u: &str) -> Option<Recognised> {
    let link = || Show::Link(href(u).unwrap_or_default());
    if let Some(pl) = PLAYERS.iter().find(|pl| pl.hosts.iter().any(|h| p.is(h))) {
        let found = pl
            .after
            .iter()
            .find_map(|a| {
                if a.is_empty() {
                    p.segments.first().copied()
                } else {
                    p.after(a)
                }
            })
            .or_else(|| p.param(pl.param).filter(|_| !pl.param.is_empty()))
            .and_then(|v| v.split(pl.cut).next())
            .and_then(id);
        let Some(v) = found else {
            // An Instagram profile, say: the site, by its name.
            return (pl.kind == Kind::Post).then(|| provided(pl.kind, pl.name, link()));
        };
        let mut src = cat(&[pl.embed[0], v, pl.embed[1]]);
        if pl.name == "YouTube" {
            let start = p.param("t").or_else(|| p.param("start")).and_then(seconds);
            if let Some(s) = start.filter(|s| *s > 0) {
                src.push_str("?start=");
                src.push_str(&s.to_string());
            }
        }
        return Some(frame(pl.kind, pl.name, src, pl.aspect));
    }
    if p.is("vimeo.com") {
        let v = p
            .segments
            .iter()
            .rev()
            .find(|s| s.bytes().all(|b| b.is_ascii_digit()))?;
        let src = cat(&["https://player.vimeo.com/video/", id(v)?, "?dnt=1"]);
        return Some(frame(Kind::Video, "Vimeo", src, VIDEO_PLAYER));
    }
    if p.is("soundcloud.com") {
        if p.segments.is_empty() {
            return None;
        }
        // SoundCloud's player takes the track's own address (its parts checked as ids).
        let mut src =
            String::from("https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com");
        for part in &p.segments {
            src.push_str("%2F");
            src.push_str(id(part)?);
        }
        src.push_str("&visual=false");
        return Some(frame(Kind::Audio, "SoundCloud", src, "4 / 1"));
    }
    if p.is("spotify.com") {
        let (kind, v) = ["track", "album", "artist", "playlist", "episode", "show"]
            .iter()
            .find_map(|k| Some((*k, id(p.after(k)?)?)))?;
        let src = cat(&["https://open.spotify.com/embed/", kind, "/", v]);
        let aspect = if matches!(kind, "track" | "episode") {
            "4 / 1"
        } else {
            "4 / 3"
        };
        return Some(frame(Kind::Audio, "Spotify", src, aspect));
    }
    let google = p.host.starts_with("google.") || p.host.contains(".google.");
    if google && (p.seg(0) == "maps" || p.host.starts_with("maps.")) {
        return Some(frame(Kind::Map, "Google Maps", map(p), "4 / 3"));
    }
    if p.is("docs.google.com") {
        let kind = p.seg(0);
        if matches!(kind, "document" | "spreadsheets" | "presentation" | "forms") && p.seg(1) == "d"
        {
            let src = cat(&[
                "https://docs.google.com/",
                kind,
                "/d/",
                id(p.seg(2))?,
                "/preview",
            ]);
            return Some(frame(Kind::Document, "Google Docs", src, "4 / 3"));
        }
        return None;
    }
    if p.is("twitter.com") || p.is("x.com") {
        return Some(match p.after("status").and_then(status) {
            Some(v) => tweet(v),
            None => provided(Kind::Post, "X", link()),
        });
    }
    if p.is("bsky.app") {
        let who = p.after("profile")?;
        let ok = !who.is_empty()
            && who.len() <= 253
            && who
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-.:".contains(&b));
        let post = id(p.after("post")?)?;
        if !ok {
            return None;
        }
        let src = cat(&[
            "https://embed.bsky.app/embed/",
            who,
            "/app.bsky.feed.post/",
            post,
        ]);
        return Some(frame(Kind::Post, "Bluesky", src, "4 / 5"));
    }
    if p.host.ends_with("wikipedia.org") {
        return Some(provided(Kind::Post, "Wikipedia", link()));
    }
    if p.is("flickr.com") {
        let (user, photo) = (p.after("photos")?, p.segments.get(2).copied()?);
        let ok = id(user).is_some() || user.contains('@') && user.len() <= 32;
        let photo = photo.bytes().all(|b| b.is_ascii_digit()).then_some(photo)?;
        if !ok
            || user
                .bytes()
                .any(|b| !(b.is_ascii_alphanumeric() || b"-_@".contains(&b)))
        {
            return None;
        }
        let src = cat(&[
            "https://www.flickr.com/photos/",
            user,
            "/",
            photo,
            "/player/",
        ]);
        return Some(frame(Kind::Image, "Flickr", src, "4 / 3"));
    }
    if p.is("flic.kr") {
        return Some(provided(Kind::Image, "Flickr", link()));
    }
    if p.is("imgur.com") && extension(p.segments.last().copied().unwrap_or("")).is_empty() {
        // A gallery or album is a page of images; a bare id is one image.
        return Some(match p.seg(0) {
            "gallery" | "a" | "t" => provided(Kind::Image, "Imgur", link()),
            v => plain(
                Kind::Image,
                Show::Inline(cat(&["https://i.imgur.com/", id(v)?, ".jpg"])),
            ),
        });
    }
    if p.is("commons.wikimedia.org") {
        let file = p.after("wiki")?.strip_prefix("File:")?;
        if file.is_empty() || file.contains(['?', '#', '"', '<', '>', '\\']) {
            return None;
        }
        let src = cat(&[
            "https://commons.wikimedia.org/wiki/Special:FilePath/",
            file,
            "?width=1280",
        ]);
        return Some(Recognised {
            provider: "Wikimedia Commons",
            ..plain(Kind::Image, Show::Inline(src))
        });
    }
    None
}

fn provided(kind: Kind, provider: &'static str, show: Show) -> Recognised {
    Recognised {
        provider,
        ..plain(kind, show)
    }
}

/// A post's number: digits only.
fn status(v: &str) -> Option<&str> {
    (!v.is_empty() && v.len() <= 24 && v.bytes().all(|b| b.is_ascii_digit())).then_some(v)
}

fn tweet(v: &str) -> Recognised {
    let src = cat(&[
        "https://platform.twitter.com/embed/Tweet.html?id=",
        v,
        "&dnt=true",
    ]);
    frame(Kind::Post, "X", src, "5 / 6")
}

/// Google Maps' legacy embed address, which needs no API key: a centre and zoom
/// (`@42.03,-87.66,15z`), a place or search, or directions.
fn map(p: &Url<'_>) -> String {
    const BASE: &str = "https://maps.google.com/maps?";
    let mut q = String::from(BASE);
    fn add(q: &mut String, k: &str, v: &str) {
        q.push_str(k);
        q.push('=');
        q.push_str(v);
        q.push('&');
    }
    if let Some(at) = p.segments.iter().find_map(|s| s.strip_prefix('@')) {
        let mut parts = at.split(',');
        // Numbers checked by their characters (a float parser would cost the wasm 10 KB).
        fn num(s: Option<&str>) -> Option<&str> {
            s.filter(|s| {
                let digits = s.strip_prefix('-').unwrap_or(s);
                !digits.is_empty()
                    && digits.len() <= 20
                    && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                    && digits.bytes().filter(|b| *b == b'.').count() <= 1
            })
        }
        if let (Some(lat), Some(lng)) = (num(parts.next()), num(parts.next())) {
            add(&mut q, "ll", &cat(&[lat, ",", lng]));
            let z = parts.next().and_then(|z| z.strip_suffix('z'));
            let z = z.and_then(|z| z.split('.').next()?.parse::<u32>().ok());
            if let Some(z) = z {
                add(&mut q, "z", &z.clamp(1, 21).to_string());
            }
        }
    }
    match (
        p.after("place").or_else(|| p.after("search")),
        p.after("dir"),
    ) {
        (Some(name), _) if !name.starts_with('@') => {
            add(&mut q, "q", &component(name));
        }
        (_, Some(from)) if !from.starts_with('@') => {
            add(&mut q, "saddr", &component(from));
            if let Some(to) = p.segments.iter().skip_while(|s| **s != from).nth(1) {
                if !to.starts_with('@') {
                    add(&mut q, "daddr", &component(to));
                }
            }
        }
        _ => {}
    }
    if let Some(query) = p.param("q").filter(|_| q.len() == BASE.len()) {
        add(&mut q, "q", &component(query));
    }
    q.push_str("output=embed");
    q
}

/// True if the media is HTML other than an `<iframe>`: a `<blockquote>`, shown as sanitised
/// rich text (a tweet's too, until the card shows posts in frames).
pub fn is_quote(url: &str) -> bool {
    let u = normalise(url);
    u.starts_with('<') && !frames_a_page(&u.to_ascii_lowercase())
}

fn frames_a_page(lower: &str) -> bool {
    lower.starts_with("<iframe")
}

/// Media given as HTML: an `<iframe>`'s address, a tweet's `<blockquote>`, or a quotation.
fn html(h: &str) -> Recognised {
    let lower = h.to_ascii_lowercase();
    if frames_a_page(&lower) {
        let src = attribute(h, &lower, "src").unwrap_or_default();
        let r = recognise(&src);
        if matches!(r.show, Show::Frame(_)) {
            return r;
        }
        return match href(&src) {
            Some(h) if h.starts_with("https://") => Recognised {
                kind: Kind::Page,
                provider: "",
                show: Show::Link(h),
                aspect: "16 / 9",
            },
            _ => plain(Kind::Page, Show::Nothing),
        };
    }
    if lower.contains("twitter-tweet") {
        let id = lower
            .match_indices("/status/")
            .filter_map(|(i, m)| {
                let rest = h.get(i + m.len()..)?;
                let end = rest
                    .find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(rest.len());
                status(rest.get(..end)?)
            })
            .last();
        if let Some(v) = id {
            return tweet(v);
        }
    }
    plain(Kind::Quote, Show::Quote)
}

/// An attribute's value in a tag, quoted with `'` or `"`.
fn attribute(h: &str, lower: &str, name: &str) -> Option<String> {
    let end = lower.find('>').unwrap_or(lower.len());
    let tag = lower.get(..end)?;
    let at = tag.match_indices(name).find_map(|(i, _)| {
        let before = tag.get(..i)?.chars().last()?;
        let rest = tag.get(i + name.len()..)?.trim_start();
        (before.is_whitespace() && rest.starts_with('=')).then_some(i + name.len())
    })?;
    let rest = h.get(at..)?.trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = rest.get(1..)?;
    Some(value.get(..value.find(quote)?)?.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame_of(url: &str) -> String {
        match recognise(url).show {
            Show::Frame(s) => s,
            other => panic!("{url}: {other:?}"),
        }
    }

    #[test]
    fn youtube_in_each_form_plays_from_the_privacy_enhanced_host() {
        let want = "https://www.youtube-nocookie.com/embed/pi2v1m6gmD8";
        for u in [
            "https://www.youtube.com/watch?v=pi2v1m6gmD8",
            "https://youtu.be/pi2v1m6gmD8",
            "https://www.youtube.com/embed/pi2v1m6gmD8",
            "https://youtube.com/shorts/pi2v1m6gmD8",
        ] {
            assert_eq!(frame_of(u), want, "{u}");
        }
        assert_eq!(
            frame_of("https://m.youtube.com/watch?v=pi2v1m6gmD8&t=5m21s"),
            format!("{want}?start=321")
        );
        assert_eq!(
            frame_of("https://youtu.be/pi2v1m6gmD8?t=90"),
            format!("{want}?start=90")
        );
        let r = recognise("https://youtu.be/pi2v1m6gmD8");
        assert_eq!(
            (r.kind, r.provider, r.aspect),
            (Kind::Video, "YouTube", "16 / 9")
        );
    }

    #[test]
    fn hostile_ids_never_reach_a_frame_address() {
        for u in [
            "https://www.youtube.com/watch?v=x\"onload=alert(1)",
            "https://youtu.be/a%22b",
            "https://vimeo.com/12<script>",
            "https://www.tiktok.com/@a/video/1'2",
            "https://bsky.app/profile/a\"b/post/c",
        ] {
            assert!(!matches!(recognise(u).show, Show::Frame(_)), "{u}");
        }
        assert_eq!(recognise("javascript:alert(1)").show, Show::Nothing);
        for src in [
            "https://www.youtube-nocookie.com.evil.example/embed/x",
            "https://evil.example/?https://www.youtube-nocookie.com/",
            "http://www.youtube-nocookie.com/embed/x",
        ] {
            assert!(!frame_allowed(src), "{src}");
        }
        // A map query is encoded, so it cannot add parameters or leave the value.
        let m = frame_of("https://www.google.com/maps/place/a\"&b=<c>/@1,2,3z");
        assert!(!m.contains(['"', '<', '>']) && !m.contains("&b="), "{m}");
    }

    #[test]
    fn files_by_their_extension() {
        let kind = |u: &str| recognise(u).kind;
        assert_eq!(kind("https://x.org/a.JPG"), Kind::Image);
        assert_eq!(kind("img/a.webp"), Kind::Image);
        assert_eq!(kind("https://x.org/a.svg?x=1"), Kind::Image);
        assert_eq!(kind("https://x.org/a.mp3"), Kind::Audio);
        assert_eq!(file_kind("https://x.org/a.jpg"), Some(Kind::Image));
        assert_eq!(
            file_kind("https://commons.wikimedia.org/wiki/File:Lake.jpg"),
            None,
            "a File: page is a page"
        );
        assert_eq!(kind("https://x.org/a.m4a"), Kind::Audio);
        assert_eq!(kind("https://x.org/a.webm"), Kind::Video);
        assert_eq!(kind("https://x.org/a.pdf"), Kind::Document);
        assert_eq!(kind("https://x.org/page"), Kind::Link);
        assert_eq!(
            recognise("https://x.org/a.mp4").show,
            Show::Inline("https://x.org/a.mp4".into())
        );
        assert_eq!(recognise("data:image/png;base64,AA").kind, Kind::Image);
        assert_eq!(recognise("data:text/html,<b>").show, Show::Nothing);
        assert_eq!(recognise("data:image/pngx;svg+xml,x").show, Show::Nothing);
        assert_eq!(kind("https://x.org/jpg"), Kind::Link);
        assert_eq!(kind("https://x.org/a/photo.JPG?w=300"), Kind::Image);
        assert_eq!(
            file_kind("https://x.org/a/photo.JPG?w=300"),
            Some(Kind::Image)
        );
        assert_eq!(file_kind("data:image/gif;base64,R0lGOD"), Some(Kind::Image));
        assert_eq!(file_kind("clips/a.MP3#t=5"), Some(Kind::Audio));
        assert_eq!(file_kind("https://x.org/b.webm?x=1"), Some(Kind::Video));
        assert_eq!(file_kind("data:image/pngx;svg+xml,x"), None);
        assert_eq!(file_kind("data:audio/mp3;base64,x"), None);
        assert_eq!(file_kind("https://www.youtube.com/watch?v=abc"), None);
        assert_eq!(file_kind("https://x.org/jpg"), None);
    }

    /// Every entry of TimelineJS's own all-media-types.json, by its headline.
    #[test]
    fn every_media_type_timelinejs_shows() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/timelinejs3/all-media-types.json"
        );
        let text = std::fs::read_to_string(path).unwrap();
        let l = crate::parse::parse(&text, &crate::parse::Limits::default()).unwrap();
        let want: &[(&str, Kind, &str, Option<&str>)] = &[
            ("YouTube Videos", Kind::Video, "YouTube", Some("https://www.youtube-nocookie.com/embed/pi2v1m6gmD8?start=321")),
            ("Vimeo", Kind::Video, "Vimeo", Some("https://player.vimeo.com/video/20839673?dnt=1")),
            ("DailyMotion", Kind::Video, "Dailymotion", Some("https://www.dailymotion.com/embed/video/x2fo0e8")),
            ("TikTok", Kind::Post, "TikTok", Some("https://www.tiktok.com/embed/v2/7611014647642098958")),
            ("Bluesky", Kind::Post, "Bluesky", None),
            ("SoundCloud", Kind::Audio, "SoundCloud", None),
            ("Twitter", Kind::Post, "X", Some("https://platform.twitter.com/embed/Tweet.html?id=1265638281783447552&dnt=true")),
            ("Twitter Embed", Kind::Post, "X", Some("https://platform.twitter.com/embed/Tweet.html?id=947659340864876544&dnt=true")),
            ("Google Maps, Coordinates", Kind::Map, "Google Maps", Some("https://maps.google.com/maps?ll=42.032147,-87.6689625&z=15&output=embed")),
            ("Google Maps, Search", Kind::Map, "Google Maps", None),
            ("Google Maps, Place Marker", Kind::Map, "Google Maps", None),
            ("Google Maps, Directions", Kind::Map, "Google Maps", None),
            ("Google Plus", Kind::Image, "", None),
            ("Instagram", Kind::Post, "Instagram", Some("https://www.instagram.com/p/ymwL5JAsw5/embed/")),
            ("Instagram, Profile", Kind::Post, "Instagram", None),
            ("Flickr", Kind::Image, "Flickr", Some("https://www.flickr.com/photos/joegermuska/9348943377/player/")),
            ("Flickr (alt)", Kind::Image, "Flickr", None),
            ("Document Cloud", Kind::Document, "DocumentCloud", Some("https://embed.documentcloud.org/documents/1377371-folketinget/?embed=1")),
            ("Image, JPG", Kind::Image, "", None),
            ("Image, GIF", Kind::Image, "", None),
            ("Image, PNG", Kind::Image, "", None),
            ("Image, JPEG", Kind::Image, "", None),
            ("Google Doc, text document", Kind::Document, "Google Docs", Some("https://docs.google.com/document/d/1WxDrrS0Sx1D4p-TEwz3T8HUfQalBUvBV8C_1DHCOVUQ/preview")),
            ("PNG image on Google Drive", Kind::Document, "Google Drive", Some("https://drive.google.com/file/d/10YmjqDEEThebdRQ1Ws2J5PRpDXbFDjTL/preview")),
            ("Wikipedia", Kind::Post, "Wikipedia", None),
            ("Spotify, Artist", Kind::Audio, "Spotify", Some("https://open.spotify.com/embed/artist/2iE18Oxc8YSumAU232n4rW")),
            ("Spotify, Playlist", Kind::Audio, "Spotify", Some("https://open.spotify.com/embed/playlist/4xFSdiuP4gpR4wq2OghlOs")),
            ("Spotify, Track", Kind::Audio, "Spotify", Some("https://open.spotify.com/embed/track/5SdB3onMcO9ZBoKrdvCqhR")),
            ("iFrame", Kind::Page, "", None),
            ("Blockquote", Kind::Quote, "", None),
            ("Imgur", Kind::Image, "Imgur", None),
            ("PDF", Kind::Document, "", None),
            ("Audio", Kind::Audio, "", None),
            ("Video (mp4)", Kind::Video, "", None),
            ("Video (webm)", Kind::Video, "", None),
            ("Wistia", Kind::Video, "Wistia", Some("https://fast.wistia.net/embed/iframe/g2h5ddrucc")),
            ("Wikimedia Images", Kind::Image, "Wikimedia Commons", None),
            ("Wikimedia Commons Image links", Kind::Image, "Wikimedia Commons", None),
        ];
        let mut seen = 0;
        for e in l.dataset.events() {
            let Some(m) = e.media() else { continue };
            let h = crate::text::plain_text(e.headline());
            let r = recognise(m.url());
            let frame = match &r.show {
                Show::Frame(s) => Some(s.as_str()),
                _ => None,
            };
            // Every frame is on its provider's listed origin.
            if let Some(f) = frame {
                let origin = FRAME_SRC
                    .iter()
                    .find(|(p, _)| *p == r.provider)
                    .map(|x| x.1);
                assert!(
                    origin.is_some_and(|o| f.starts_with(&format!("{o}/"))),
                    "{h}: {f}"
                );
                assert!(frame_allowed(f), "{h}: {f}");
            }
            assert_ne!(r.show, Show::Nothing, "{h}");
            if let Some((_, kind, provider, src)) = want
                .iter()
                .find(|w| h.starts_with(w.0) && (h == w.0 || !want.iter().any(|x| x.0 == h)))
            {
                assert_eq!((r.kind, r.provider), (*kind, *provider), "{h}");
                if let Some(src) = src {
                    assert_eq!(frame, Some(*src), "{h}");
                }
                seen += 1;
            } else if !h.starts_with("Wikimedia Commons Image (") {
                panic!("no expectation for {h:?}: {r:?}");
            }
        }
        assert!(seen >= 38, "{seen}");
    }

    #[test]
    fn the_readme_lists_every_frame_origin_and_the_sandbox() {
        let readme = include_str!("../README.md");
        assert!(readme.contains(&format!("`{SANDBOX}`")));
        for (provider, origin) in FRAME_SRC {
            assert!(
                readme.contains(&format!("| {provider} | `{origin}` |")),
                "{provider}"
            );
        }
    }
}
