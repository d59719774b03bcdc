//! The allow-list for rich text and media from data. The browser parses the HTML inertly
//! (`DOMParser`) and the web layer rebuilds only what these functions allow, with
//! `createElement` and `textContent`; no markup string from data is ever assigned to
//! `innerHTML`.

/// Deepest nesting rebuilt; deeper content is kept as text.
pub const MAX_DEPTH: usize = 24;

/// What happens to an element from data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// Rebuilt as this element (no attributes, except a checked `href` on `a`).
    Keep(&'static str),
    /// Dropped, its children kept (unknown formatting such as `div`, `font`, `h1`).
    Unwrap,
    /// Dropped with everything inside (scripts, styles, embedded content, forms).
    Drop,
}

/// The rule for an element by tag name (any case).
pub fn rule(tag: &str) -> Rule {
    const KEEP: [&str; 12] = [
        "p",
        "a",
        "b",
        "strong",
        "i",
        "em",
        "br",
        "ul",
        "ol",
        "li",
        "blockquote",
        "span",
    ];
    const DROP: [&str; 22] = [
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "template",
        "noscript", "svg", "math", "head", "title", "meta", "link", "base", "textarea", "select",
        "button", "input", "form",
    ];
    if let Some(k) = KEEP.iter().find(|k| k.eq_ignore_ascii_case(tag)) {
        return Rule::Keep(k);
    }
    if DROP.iter().any(|d| d.eq_ignore_ascii_case(tag)) {
        return Rule::Drop;
    }
    Rule::Unwrap
}

/// Elements whose content the HTML parser reads as raw text: the pre-pass drops them with
/// all they hold, so their content never reaches a parser.
const RAW_TEXT: [&str; 10] = [
    "script",
    "style",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "textarea",
    "title",
    "plaintext",
];

/// Rich text from data made quiet before any browser parser sees it: comments, processing
/// instructions, and `script`, `style` and the other raw-text elements are removed with their
/// content; every tag keeps its name and loses its attributes, but for a checked `href` on
/// `a`; a `<` that starts no tag becomes `&lt;`. The browser then parses this with
/// `DOMParser` and [`rule`] decides what is rebuilt, so this pass is not what keeps the page
/// safe: it is what keeps handler attributes, `style` and `src` from ever being parsed under
/// the page's Content-Security-Policy (each would be reported as a violation).
pub fn quiet(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(rest.get(..lt).unwrap_or_default());
        let after = rest.get(lt + 1..).unwrap_or_default();
        match tag(after) {
            Some(t) => {
                rest = after.get(t.len..).unwrap_or_default();
                let lower = t.name.to_ascii_lowercase();
                if t.name.is_empty() {
                    continue; // a comment, a doctype or a processing instruction
                }
                let raw = RAW_TEXT.contains(&lower.as_str());
                if raw && !t.closing {
                    rest = skip_raw(rest, &lower);
                    continue;
                }
                // A name no element has (`scr<script`) or a stray end of raw text: the tag
                // goes, what follows stays as text or elements.
                if raw
                    || !lower
                        .bytes()
                        .all(|c| c.is_ascii_alphanumeric() || c == b'-')
                {
                    continue;
                }
                out.push('<');
                if t.closing {
                    out.push('/');
                }
                out.push_str(&lower);
                if let Some(h) = t.href.filter(|_| lower == "a" && !t.closing) {
                    out.push_str(" href=\"");
                    for c in h.chars() {
                        match c {
                            '"' => out.push_str("&quot;"),
                            '<' => out.push_str("&lt;"),
                            c => out.push(c),
                        }
                    }
                    out.push('"');
                }
                out.push('>');
            }
            None => {
                out.push_str("&lt;");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A tag read by [`quiet`].
struct Tag<'a> {
    /// The element's name as written; empty for comments and declarations.
    name: &'a str,
    closing: bool,
    /// The `href` attribute, if the link may keep it (see [`href`]).
    href: Option<String>,
    /// Bytes after the `<` up to and including the closing `>`.
    len: usize,
}

/// Reads the tag that starts right after a `<` as the HTML tokenizer would: a name begins
/// with a letter, attribute values may be quoted, and `>` ends it. `None` when no tag starts
/// here (the `<` is text).
fn tag(s: &str) -> Option<Tag<'_>> {
    let b = s.as_bytes();
    if s.starts_with("!--") {
        let len = s
            .get(2..)
            .and_then(|r| r.find("-->"))
            .map_or(s.len(), |e| e + 5);
        return Some(Tag {
            name: "",
            closing: false,
            href: None,
            len: len.min(s.len()),
        });
    }
    if matches!(b.first(), Some(b'!' | b'?'))
        || (b.first() == Some(&b'/') && b.get(1) == Some(&b'>'))
    {
        let len = s.find('>').map_or(s.len(), |e| e + 1);
        return Some(Tag {
            name: "",
            closing: false,
            href: None,
            len,
        });
    }
    let closing = b.first() == Some(&b'/');
    let from = usize::from(closing);
    if !b.get(from).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let end = b
        .iter()
        .skip(from)
        .position(|c| c.is_ascii_whitespace() || matches!(c, b'/' | b'>'))
        .map_or(b.len(), |p| p + from);
    let name = s.get(from..end)?;
    // Attributes: name, optional `= value`, where a value may be quoted.
    let mut i = end;
    let mut href = None;
    loop {
        while b
            .get(i)
            .is_some_and(|c| c.is_ascii_whitespace() || *c == b'/')
        {
            i += 1;
        }
        match b.get(i) {
            None => {
                return Some(Tag {
                    name,
                    closing,
                    href,
                    len: b.len(),
                })
            }
            Some(b'>') => {
                return Some(Tag {
                    name,
                    closing,
                    href,
                    len: i + 1,
                })
            }
            _ => {}
        }
        let a0 = i;
        i += 1; // an attribute name may start with `=`
        while b
            .get(i)
            .is_some_and(|c| !(c.is_ascii_whitespace() || matches!(c, b'/' | b'>' | b'=')))
        {
            i += 1;
        }
        let attr = s.get(a0..i).unwrap_or_default();
        while b.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let (v0, v1);
        match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                v0 = i + 1;
                v1 = b
                    .iter()
                    .skip(v0)
                    .position(|&c| c == q)
                    .map_or(b.len(), |p| p + v0);
                i = (v1 + 1).min(b.len());
            }
            _ => {
                v0 = i;
                while b
                    .get(i)
                    .is_some_and(|c| !(c.is_ascii_whitespace() || *c == b'>'))
                {
                    i += 1;
                }
                v1 = i;
            }
        }
        if attr.eq_ignore_ascii_case("href") && href.is_none() {
            href = s
                .get(v0..v1)
                .map(crate::text::plain_text)
                .and_then(|v| self::href(&v));
        }
    }
}

/// The text after a raw-text element's start tag, past its end tag (`</name` in any case,
/// then to `>`), or nothing when it is never closed.
fn skip_raw<'a>(s: &'a str, name: &str) -> &'a str {
    let mut from = 0;
    while let Some(p) = s.get(from..).and_then(|r| r.find("</")) {
        let at = from + p + 2;
        let close = s
            .get(at..at + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name));
        if close {
            let end = s
                .get(at..)
                .and_then(|r| r.find('>'))
                .map_or(s.len(), |e| at + e + 1);
            return s.get(end..).unwrap_or_default();
        }
        from = at;
    }
    ""
}

/// A URL as the browser will read it: ASCII tabs and newlines removed anywhere, leading and
/// trailing spaces and control characters trimmed (so `java\tscript:` is caught).
pub fn normalise(url: &str) -> String {
    url.trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// The URL's scheme in lowercase, if it has one.
fn scheme(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let s = url.get(..colon)?;
    let mut chars = s.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (first_ok && rest_ok).then(|| s.to_ascii_lowercase())
}

/// What an address from data is, read as the browser's URL parser reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Address {
    /// Absolute, with this scheme (lowercase): `https://…`, `data:…`, `javascript:…`.
    Absolute(String),
    /// Another host named without a scheme: `//host/x` or `\\host\x` (in web addresses a
    /// backslash is a slash), fetched from that host with the page's scheme.
    OtherHost,
    /// A path on the page's own site: `img/a.png`, `/a.png`, `?q`.
    SameSite,
}

/// Classifies an address from data (after [`normalise`]).
pub fn address(url: &str) -> Address {
    let u = normalise(url);
    if let Some(s) = scheme(&u) {
        return Address::Absolute(s);
    }
    let mut lead = u.chars().take_while(|c| matches!(c, '/' | '\\'));
    match (lead.next(), lead.next()) {
        (Some(_), Some(_)) => Address::OtherHost,
        _ => Address::SameSite,
    }
}

/// A link target from data, if it is an absolute `http:`, `https:` or `mailto:` address.
pub fn href(url: &str) -> Option<String> {
    match address(url) {
        Address::Absolute(s) if link_scheme(&s) => Some(normalise(url)),
        _ => None,
    }
}

/// The schemes a link from data may have.
pub fn link_scheme(scheme: &str) -> bool {
    matches!(scheme, "http" | "https" | "mailto")
}

/// The image types a `data:` address may carry, exactly (SVG is not among them: it can hold
/// script and style).
pub const DATA_IMAGES: [&str; 5] = [
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "image/avif",
];

/// The media type of a `data:` address, lowercase, without parameters: `image/png` for
/// `data:image/png;base64,…`.
fn data_type(u: &str) -> Option<String> {
    let body = u.get(5..)?;
    let end = body.find([';', ',']).unwrap_or(body.len());
    Some(body.get(..end)?.trim().to_ascii_lowercase())
}

/// True if `url` is a `data:` address of one of [`DATA_IMAGES`].
pub fn is_data_image(url: &str) -> bool {
    let u = normalise(url);
    address(&u) == Address::Absolute("data".into())
        && data_type(&u).is_some_and(|t| DATA_IMAGES.contains(&t.as_str()))
}

/// An image source from data: an `http:`/`https:` address, one on another host without a
/// scheme (the browser fetches it from there, which `img-src` allows), a path on the page's
/// site, or a `data:` image of an exact type in [`DATA_IMAGES`]. The web layer resolves it
/// with the browser's `URL` and checks the result again here.
pub fn image_src(url: &str) -> Option<String> {
    let u = normalise(url);
    if u.is_empty() {
        return None;
    }
    match address(&u) {
        Address::SameSite | Address::OtherHost => Some(u),
        Address::Absolute(s) if s == "http" || s == "https" => Some(u),
        Address::Absolute(s) if s == "data" => is_data_image(&u).then_some(u),
        Address::Absolute(_) => None,
    }
}

/// The host of an absolute URL, for a link's visible text ("en.wikipedia.org").
pub fn host(url: &str) -> Option<&str> {
    let start = url.find("://")? + 3;
    let rest = url.get(start..)?;
    let end = rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len());
    let authority = rest.get(..end)?;
    let h = authority.rsplit('@').next()?;
    Some(h).filter(|h| !h.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_allow_list() {
        assert_eq!(rule("P"), Rule::Keep("p"));
        assert_eq!(rule("a"), Rule::Keep("a"));
        assert_eq!(rule("BLOCKQUOTE"), Rule::Keep("blockquote"));
        for t in [
            "script", "SCRIPT", "style", "iframe", "object", "embed", "svg", "template",
        ] {
            assert_eq!(rule(t), Rule::Drop, "{t}");
        }
        for t in ["div", "h1", "font", "u", "img", "table", "video"] {
            assert_eq!(rule(t), Rule::Unwrap, "{t}");
        }
    }

    #[test]
    fn only_web_and_mail_links() {
        assert_eq!(
            href("https://example.org/a?b#c").unwrap(),
            "https://example.org/a?b#c"
        );
        assert_eq!(href("  HTTP://x.org ").unwrap(), "HTTP://x.org");
        assert!(href("mailto:desk@example.org").is_some());
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "vbscript:x",
            "data:text/html,<script>alert(1)</script>",
            "/relative",
            "//evil.example",
            "\\\\evil.example\\x",
            "",
        ] {
            assert_eq!(href(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn image_sources() {
        assert!(image_src("https://upload.wikimedia.org/x.jpg").is_some());
        assert!(image_src("img/local.png").is_some());
        assert!(image_src("data:image/png;base64,iVBOR").is_some());
        assert_eq!(image_src("data:image/svg+xml,<svg onload=alert(1)>"), None);
        assert_eq!(
            image_src("data:image/pngx;svg+xml,<svg onload=alert(1)>"),
            None
        );
        assert_eq!(
            image_src("DATA:Image/PNG;base64,x").as_deref(),
            Some("DATA:Image/PNG;base64,x")
        );
        assert_eq!(image_src("javascript:alert(1)"), None);
        assert_eq!(image_src(" "), None);
    }

    #[test]
    fn hosts() {
        assert_eq!(
            host("https://user@en.wikipedia.org/wiki/X"),
            Some("en.wikipedia.org")
        );
        assert_eq!(host("no-scheme"), None);
    }

    #[test]
    fn addresses_without_a_scheme_are_taken_for_what_the_browser_makes_of_them() {
        assert_eq!(address("//evil.example/x.png"), Address::OtherHost);
        assert_eq!(address("\\\\evil.example\\x.png"), Address::OtherHost);
        assert_eq!(address("/\\evil.example/x.png"), Address::OtherHost);
        assert_eq!(address(" \t//evil.example"), Address::OtherHost);
        assert_eq!(address("/img/x.png"), Address::SameSite);
        assert_eq!(address("img/x.png"), Address::SameSite);
        assert_eq!(address("HTTPS://x.org"), Address::Absolute("https".into()));
        assert_eq!(host("https://a@b@evil.example\\x"), Some("evil.example"));
    }

    #[test]
    fn quiet_markup_has_no_attributes_styles_or_scripts_left() {
        let cases = [
            ("<p style=\"color:red\" onclick>Hi</p>", "<p>Hi</p>"),
            ("a<style>p{color:red}</style>b", "ab"),
            ("a<STYLE>x</stYle >b", "ab"),
            ("<script>alert(1)</script>ok", "ok"),
            ("<scr<script>ipt>alert(1)</script>", "ipt>alert(1)"),
            ("<span onclick>x</span>", "<span>x</span>"),
            ("<img src=x onerror=alert(1)>", "<img>"),
            ("<track src=\"https://evil.example/t.vtt\">", "<track>"),
            ("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>"),
            (
                "<a title=\"x>y\" href='https://x.org/?a=1&amp;b=\"2'>x</a>",
                "<a href=\"https://x.org/?a=1&b=&quot;2\">x</a>",
            ),
            ("1 < 2 and <3", "1 &lt; 2 and &lt;3"),
            ("<!-- <script>alert(1)</script> -->x", "x"),
            (
                "<svg><style><img src=x onerror=alert(1)></style></svg>",
                "<svg></svg>",
            ),
            (
                "<math><mi><style><img src onerror=x></style></mi></math>",
                "<math><mi></mi></math>",
            ),
            ("<p>unclosed<style>", "<p>unclosed"),
            ("<b =onclick=x>b</b>", "<b>b</b>"),
        ];
        for (html, want) in cases {
            assert_eq!(quiet(html), want, "{html}");
        }
        // Whatever it is given, no attribute but href, and no raw text element, comes out.
        let mut rng = 0x2545_f491_4f6c_dd1d_u64;
        let parts = [
            "<", ">", "/", "=", "\"", "'", " ", "style", "script", "on", "href", "a", "!--", "-->",
            "x",
        ];
        for _ in 0..20_000 {
            let mut s = String::new();
            for _ in 0..12 {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                s.push_str(parts[(rng % parts.len() as u64) as usize]);
            }
            let q = quiet(&s);
            for t in q.split('<').skip(1) {
                let t = t.split('>').next().unwrap_or_default();
                let name = t.trim_start_matches('/');
                assert!(
                    !name.contains(' ') || name.starts_with("a href=\""),
                    "{s:?} -> {q:?}"
                );
                assert!(
                    !RAW_TEXT.iter().any(|r| name.eq_ignore_ascii_case(r)),
                    "{s:?} -> {q:?}"
                );
            }
        }
    }
}
