//! Plain text from the rich text authors write: tags dropped, common entities decoded,
//! whitespace collapsed. Used where markup cannot be shown (canvas labels, list items,
//! announcements); nothing here makes HTML safe to insert, because nothing inserts HTML.

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
                                Some(h) => u32::from_str_radix(h, 16).ok()?,
                                None => num.parse().ok()?,
                            };
                            char::from_u32(v).filter(|c| *c != '\0')?
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
    out
}

#[cfg(test)]
mod tests {
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
