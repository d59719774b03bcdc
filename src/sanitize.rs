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

/// A URL as the browser will read it: ASCII tabs and newlines removed anywhere, leading and
/// trailing spaces and control characters trimmed (so `java\tscript:` is caught).
fn normalise(url: &str) -> String {
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

/// A link target from data, if it is `http:`, `https:` or `mailto:`.
pub fn href(url: &str) -> Option<String> {
    let u = normalise(url);
    match scheme(&u)?.as_str() {
        "http" | "https" | "mailto" => Some(u),
        _ => None,
    }
}

/// An image source from data: `http:`/`https:`, a relative path, or a `data:` PNG, JPEG,
/// GIF or WebP.
pub fn image_src(url: &str) -> Option<String> {
    let u = normalise(url);
    if u.is_empty() {
        return None;
    }
    match scheme(&u).as_deref() {
        None => Some(u),
        Some("http" | "https") => Some(u),
        Some("data") => {
            let lower = u.get(..16).unwrap_or(&u).to_ascii_lowercase();
            [
                "data:image/png",
                "data:image/jpeg",
                "data:image/gif",
                "data:image/webp",
            ]
            .iter()
            .any(|p| lower.starts_with(p))
            .then_some(u)
        }
        Some(_) => None,
    }
}

/// True if the media URL names an image file (shown inline); other media become a link.
pub fn is_image(url: &str) -> bool {
    let u = normalise(url);
    if u.get(..11)
        .is_some_and(|p| p.eq_ignore_ascii_case("data:image/"))
    {
        return true;
    }
    let path = u.split(['?', '#']).next().unwrap_or("");
    let dot = path.bytes().rposition(|b| b == b'.').map_or(0, |i| i + 1);
    let ext = path.get(dot..).unwrap_or("");
    ["jpg", "jpeg", "png", "gif", "webp", "avif", "svg"]
        .iter()
        .any(|e| e.eq_ignore_ascii_case(ext))
}

/// The host of an absolute URL, for a link's visible text ("en.wikipedia.org").
pub fn host(url: &str) -> Option<&str> {
    // Byte search rather than str patterns: it keeps the pattern-matching and panic
    // formatting code out of the wasm build.
    let b = url.as_bytes();
    let start = b.windows(3).position(|w| w == b"://")? + 3;
    let mut h0 = start;
    let mut end = b.len();
    for (k, c) in b.iter().enumerate().skip(start) {
        match c {
            b'/' | b'?' | b'#' => {
                end = k;
                break;
            }
            b'@' => h0 = k + 1,
            _ => {}
        }
    }
    url.get(h0..end).filter(|h| !h.is_empty())
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
        assert_eq!(image_src("javascript:alert(1)"), None);
        assert_eq!(image_src(" "), None);
    }

    #[test]
    fn media_kinds_and_hosts() {
        assert!(is_image("https://x.org/a/photo.JPG?w=300"));
        assert!(is_image("data:image/gif;base64,R0lGOD"));
        assert!(!is_image("https://www.youtube.com/watch?v=abc"));
        assert!(!is_image("https://x.org/jpg"));
        assert_eq!(
            host("https://user@en.wikipedia.org/wiki/X"),
            Some("en.wikipedia.org")
        );
        assert_eq!(host("no-scheme"), None);
    }
}
