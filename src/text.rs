//! Plain text from the rich text authors write: tags dropped, common entities decoded,
//! whitespace collapsed. Used where markup cannot be shown (canvas labels, list items,
//! announcements); nothing here makes HTML safe to insert, because nothing inserts HTML.

/// `s` without leading and trailing white space; text that starts and ends with a visible
/// ASCII character, as nearly all does, is returned without a Unicode search.
pub fn trim(s: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(|b| (0x21..0x7f).contains(b));
    if visible(s.as_bytes().first()) && visible(s.as_bytes().last()) {
        s
    } else {
        s.trim()
    }
}

/// The value of `s` if it is nothing but digits in `base` (2 to 16) and fits: what
/// `parse` and `from_str_radix` give, without signs and in less code.
pub fn radix(s: &str, base: u32) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    s.chars().try_fold(0u64, |v, c| {
        v.checked_mul(u64::from(base))?
            .checked_add(u64::from(c.to_digit(base)?))
    })
}

/// Number of characters (what `chars().count()` gives, in less code).
pub fn char_count(s: &str) -> usize {
    s.bytes().filter(|b| b & 0xc0 != 0x80).count()
}

/// The readable text of a fragment of HTML.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut chars = html.char_indices().peekable();
    let mut space = false;
    let push = |out: &mut String, c: char, space: &mut bool| {
        if c.is_whitespace() {
            *space = !out.is_empty();
        } else {
            if *space {
                out.push(' ');
                *space = false;
            }
            out.push(c);
        }
    };
    while let Some((i, c)) = chars.next() {
        match c {
            '<' => {
                // A tag: skip to '>', treating block-level breaks as spaces.
                let rest = html.get(i..).unwrap_or("");
                match rest.find('>') {
                    Some(end) => {
                        let tag = rest.get(1..end).unwrap_or("").trim_start_matches('/');
                        let name: String = tag
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric())
                            .collect::<String>()
                            .to_ascii_lowercase();
                        if matches!(
                            name.as_str(),
                            "br" | "p"
                                | "div"
                                | "li"
                                | "blockquote"
                                | "h1"
                                | "h2"
                                | "h3"
                                | "tr"
                                | "td"
                                | "cite"
                        ) {
                            space = !out.is_empty();
                        }
                        while chars.next_if(|(j, _)| *j <= i + end).is_some() {}
                    }
                    None => push(&mut out, c, &mut space),
                }
            }
            '&' => {
                let rest = html.get(i..).unwrap_or("");
                let decoded = rest.find(';').filter(|e| *e <= 10).and_then(|end| {
                    let ent = rest.get(1..end)?;
                    let ch = match ent {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" | "#39" => '\'',
                        "nbsp" => ' ',
                        "mdash" => '—',
                        "ndash" => '–',
                        "hellip" => '…',
                        _ => {
                            let num = ent.strip_prefix('#')?;
                            let v = match num.strip_prefix(['x', 'X']) {
                                Some(h) => radix(h, 16)?,
                                None => radix(num, 10)?,
                            };
                            char::from_u32(u32::try_from(v).ok()?).filter(|c| *c != '\0')?
                        }
                    };
                    Some((ch, end))
                });
                match decoded {
                    Some((ch, end)) => {
                        push(&mut out, ch, &mut space);
                        while chars.next_if(|(j, _)| *j <= i + end).is_some() {}
                    }
                    None => push(&mut out, c, &mut space),
                }
            }
            '\0' => {}
            c => push(&mut out, c, &mut space),
        }
    }
    if is_blank(&out) {
        out.clear();
    }
    out
}

/// True for characters that show nothing on their own: spaces, zero-width characters,
/// direction marks and controls, variation selectors, the word joiner and the BOM.
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c,
            '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}'
            | '\u{180b}'..='\u{180f}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}' | '\u{3164}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}'
            | '\u{ffa0}' | '\u{e0000}'..='\u{e007f}')
}

/// True when `s` has nothing a reader could see (empty, or only [`is_invisible`] characters):
/// such a headline counts as no headline.
pub fn is_blank(s: &str) -> bool {
    s.chars().all(is_invisible)
}

/// True for a character that sets or changes the direction of the text around it: right to
/// left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko and the like) and the explicit marks,
/// embeddings, overrides and isolates.
fn sways_direction(c: char) -> bool {
    matches!(c,
        '\u{590}'..='\u{8ff}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' | '\u{fb1d}'..='\u{fdff}' | '\u{fe70}'..='\u{feff}'
        | '\u{10800}'..='\u{10fff}' | '\u{1e800}'..='\u{1efff}')
}

/// A field from data, isolated for direction: wrapped in FIRST STRONG ISOLATE … POP
/// DIRECTIONAL ISOLATE when it holds right-to-left letters or direction controls, so that
/// nothing in it (an unclosed U+202E, an Arabic name) reorders the text around it. Other text
/// is returned as it is.
pub fn isolate(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(sways_direction) {
        std::borrow::Cow::Owned(format!("\u{2068}{s}\u{2069}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// A 64-bit hash of a string: FNV-1a with a multiply-xorshift finish. FNV's low bits (the
/// ones a table's mask keeps) barely see the last bytes, where ids that share a headline
/// differ ("…-41", "…-42"); the finish spreads them. No SipHash or hashbrown (~5 KB of wasm).
pub fn hash(key: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    let h = (h ^ h >> 32).wrapping_mul(0xd6e8_feb8_6659_fd93);
    h ^ h >> 32
}

#[cfg(test)]
mod tests {
    #[test]
    fn trim_agrees_with_std() {
        for s in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\u{a0}a\u{3000}",
            "ab",
            "é",
            " é ",
            "\ta\n",
            "a\u{2028}",
        ] {
            assert_eq!(super::trim(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn radix_and_char_count_agree_with_std() {
        use super::{char_count, radix};
        for s in [
            "0",
            "7",
            "0042",
            "18446744073709551615",
            "ff",
            "FF",
            "1f77b4",
            "abc",
        ] {
            assert_eq!(radix(s, 16), u64::from_str_radix(s, 16).ok(), "{s}");
            assert_eq!(radix(s, 10), s.parse::<u64>().ok(), "{s}");
        }
        // No sign, no space, no empty string, no overflow.
        for s in [
            "",
            "+1",
            "-1",
            " 1",
            "1 ",
            "1.5",
            "18446744073709551616",
            "#fff",
        ] {
            assert_eq!(radix(s, 10), None, "{s:?}");
        }
        for s in ["", "abc", "Péter", "İdlib", "🙂 ok", "日本語"] {
            assert_eq!(char_count(s), s.chars().count(), "{s}");
        }
    }

    use super::*;

    #[test]
    fn strips_tags_and_decodes_entities() {
        assert_eq!(
            plain_text("<b>Ada</b> &amp; <i>Babbage</i>"),
            "Ada & Babbage"
        );
        assert_eq!(plain_text("<p>one</p><p>two</p>"), "one two");
        assert_eq!(plain_text("a<br>b"), "a b");
        assert_eq!(plain_text("  x \n\t y  "), "x y");
        assert_eq!(
            plain_text("&#8220;q&#x201D; &bogus; 3 < 4"),
            "“q” &bogus; 3 < 4"
        );
        assert_eq!(plain_text("<script>alert(1)</script>hi"), "alert(1)hi");
        assert_eq!(plain_text("a\0b &#0;"), "ab &#0;");
        assert_eq!(plain_text("x <unclosed"), "x <unclosed");
    }
}
