//! A small pull reader for JSON text.
//!
//! The loaders walk the document with it and never build a tree: a million events are read
//! straight into the [`crate::model::Builder`]. Walking by hand is what lets a loader know the
//! path of every value (`events[12].start_date.month`), accept TimelineJS's numbers-as-strings,
//! skip one malformed event and keep the rest, and stop at a syntax error with the line and
//! column while keeping the events read before it.
//!
//! It follows RFC 8259 with two leniencies found in real exports: a leading byte-order mark,
//! and the bare tokens `NaN`, `Infinity` and `-Infinity` (Python's `json` writes them), which
//! read as numbers the loaders then reject with a warning. Containers are skipped without
//! recursion, so nesting depth cannot overflow the stack.

use std::borrow::Cow;

/// A syntax error at a byte offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// Byte offset in the text.
    pub pos: usize,
    /// What was expected or found.
    pub message: &'static str,
}

/// The kind of the next value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `{`
    Object,
    /// `[`
    Array,
    /// `"…"`
    String,
    /// A number (or NaN/Infinity).
    Number,
    /// `true`/`false`
    Bool,
    /// `null`
    Null,
}

impl Kind {
    /// How a message names this kind ("an object", "a number").
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Object => "an object",
            Kind::Array => "an array",
            Kind::String => "a string",
            Kind::Number => "a number",
            Kind::Bool => "true/false",
            Kind::Null => "null",
        }
    }
}

/// A scalar value; containers in its place are skipped and reported by kind.
#[derive(Clone, Debug, PartialEq)]
pub enum Scalar<'a> {
    /// A string, borrowed when it had no escapes.
    Str(Cow<'a, str>),
    /// A number's exact text (`-13800000000`, `1.5e3`, `NaN`).
    Num(&'a str),
    /// A boolean.
    Bool(bool),
    /// `null`.
    Null,
    /// An object or array that was skipped.
    Compound(Kind),
}

type R<T> = Result<T, SyntaxError>;

/// The state of an open object or array (see [`Reader::begin_object`]).
#[derive(Debug)]
pub struct Seq {
    first: bool,
    close: u8,
    /// Where the current value starts; if the reader is still there, it was not read.
    value_at: usize,
    index: usize,
}

impl Seq {
    fn new(close: u8) -> Seq {
        Seq {
            first: true,
            close,
            value_at: usize::MAX,
            index: 0,
        }
    }
    /// The index of the current array item.
    pub fn index(&self) -> usize {
        self.index.saturating_sub(1)
    }
}

/// The reader: a cursor over the text.
#[derive(Debug)]
pub struct Reader<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `src` (a leading byte-order mark is skipped).
    pub fn new(src: &'a str) -> Reader<'a> {
        let pos = if src.starts_with('\u{feff}') { 3 } else { 0 };
        Reader { src, pos }
    }

    /// The current byte offset.
    pub fn pos(&self) -> usize {
        self.pos
    }

    #[inline(always)]
    fn b(&self) -> &'a [u8] {
        self.src.as_bytes()
    }

    // Inlined: a call per byte read is most of a parse at opt-level "z" otherwise.
    #[inline(always)]
    fn peek_byte(&self) -> Option<u8> {
        self.b().get(self.pos).copied()
    }

    fn err<T>(&self, message: &'static str) -> R<T> {
        Err(SyntaxError {
            pos: self.pos,
            message,
        })
    }

    fn ws(&mut self) {
        let (b, mut p) = (self.b(), self.pos);
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = b.get(p) {
            p += 1;
        }
        self.pos = p;
    }

    fn expect(&mut self, byte: u8, message: &'static str) -> R<()> {
        self.ws();
        if self.peek_byte() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            self.err(message)
        }
    }

    /// The kind of the next value, without consuming it.
    pub fn kind(&mut self) -> R<Kind> {
        self.ws();
        match self.peek_byte() {
            Some(b'{') => Ok(Kind::Object),
            Some(b'[') => Ok(Kind::Array),
            Some(b'"') => Ok(Kind::String),
            Some(b't' | b'f') => Ok(Kind::Bool),
            Some(b'n') => Ok(Kind::Null),
            Some(b'-' | b'0'..=b'9' | b'N' | b'I') => Ok(Kind::Number),
            None => self.err("unexpected end of text, expected a value"),
            Some(_) => {
                self.err("expected a value (object, array, string, number, true, false or null)")
            }
        }
    }

    /// Opens an object; then call [`Reader::next_key`] until it returns `None`.
    pub fn begin_object(&mut self) -> R<Seq> {
        self.expect(b'{', "expected '{'")?;
        Ok(Seq::new(b'}'))
    }

    /// Opens an array; then call [`Reader::next_item`] until it returns `false`.
    pub fn begin_array(&mut self) -> R<Seq> {
        self.expect(b'[', "expected '['")?;
        Ok(Seq::new(b']'))
    }

    /// The next key of an open object (its value is next), or `None` after the closing `}`.
    /// A value the caller left unread is skipped.
    pub fn next_key(&mut self, seq: &mut Seq) -> R<Option<Cow<'a, str>>> {
        if !self.advance(seq)? {
            return Ok(None);
        }
        if self.peek_byte() != Some(b'"') {
            return self.err("expected a quoted key");
        }
        let key = self.string()?;
        self.expect(b':', "expected ':' after the key")?;
        self.kind()?;
        seq.value_at = self.pos;
        Ok(Some(key))
    }

    /// Moves to the next item of an open array; `false` after the closing `]`.
    /// An item the caller left unread is skipped.
    pub fn next_item(&mut self, seq: &mut Seq) -> R<bool> {
        if !self.advance(seq)? {
            return Ok(false);
        }
        self.kind()?;
        seq.value_at = self.pos;
        seq.index += 1;
        Ok(true)
    }

    fn advance(&mut self, seq: &mut Seq) -> R<bool> {
        if seq.value_at == self.pos {
            self.skip()?;
        }
        self.ws();
        let in_object = seq.close == b'}';
        if seq.first {
            seq.first = false;
            if self.peek_byte() == Some(seq.close) {
                self.pos += 1;
                return Ok(false);
            }
            return Ok(true);
        }
        match self.peek_byte() {
            Some(b',') => {
                self.pos += 1;
                self.ws();
                Ok(true)
            }
            Some(c) if c == seq.close => {
                self.pos += 1;
                Ok(false)
            }
            None if in_object => self.err("unexpected end of text inside an object, expected '}'"),
            None => self.err("unexpected end of text inside an array, expected ']'"),
            _ if in_object => self.err("expected ',' or '}' after a value in an object"),
            _ => self.err("expected ',' or ']' after an item in an array"),
        }
    }

    /// Reads a scalar; an object or array is skipped and reported as [`Scalar::Compound`].
    pub fn scalar(&mut self) -> R<Scalar<'a>> {
        match self.kind()? {
            Kind::String => Ok(Scalar::Str(self.string()?)),
            Kind::Number => Ok(Scalar::Num(self.number()?)),
            Kind::Bool | Kind::Null => self.literal(),
            k @ (Kind::Object | Kind::Array) => {
                self.skip()?;
                Ok(Scalar::Compound(k))
            }
        }
    }

    fn literal(&mut self) -> R<Scalar<'a>> {
        let rest = self.b().get(self.pos..).unwrap_or(&[]);
        for (word, value) in [
            (&b"true"[..], Scalar::Bool(true)),
            (b"false", Scalar::Bool(false)),
            (b"null", Scalar::Null),
        ] {
            if rest.starts_with(word) {
                self.pos += word.len();
                return Ok(value);
            }
        }
        self.err("expected true, false or null")
    }

    fn number(&mut self) -> R<&'a str> {
        let start = self.pos;
        let rest = self.b().get(start..).unwrap_or(&[]);
        for word in ["NaN", "Infinity", "-Infinity"] {
            if rest.starts_with(word.as_bytes()) {
                self.pos += word.len();
                return Ok(word);
            }
        }
        if self.peek_byte() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek_byte() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return self.err("expected a digit in a number"),
        }
        if self.peek_byte() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek_byte(), Some(b'0'..=b'9')) {
                return self.err("expected a digit after the decimal point");
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek_byte() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek_byte() {
                self.pos += 1;
            }
            if !matches!(self.peek_byte(), Some(b'0'..=b'9')) {
                return self.err("expected a digit in the exponent");
            }
            self.digits();
        }
        Ok(self.src.get(start..self.pos).unwrap_or(""))
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek_byte() {
            self.pos += 1;
        }
    }

    /// Reads a string value, decoding escapes.
    pub fn string(&mut self) -> R<Cow<'a, str>> {
        self.expect(b'"', "expected '\"'")?;
        let start = self.pos;
        // Fast path: scan for the closing quote; only escapes need a copy.
        let rest = self.b().get(start..).unwrap_or(&[]);
        self.pos += rest
            .iter()
            .position(|&c| c == b'"' || c == b'\\' || c < 0x20)
            .unwrap_or(rest.len());
        match self.peek_byte() {
            Some(b'"') => {
                let s = self.src.get(start..self.pos).unwrap_or("");
                self.pos += 1;
                return Ok(Cow::Borrowed(s));
            }
            Some(b'\\') => {}
            Some(_) => {
                return self
                    .err("control character inside a string (write it as \\n, \\t or \\u00XX)")
            }
            None => return self.err("unexpected end of text inside a string"),
        }
        let mut out = String::from(self.src.get(start..self.pos).unwrap_or(""));
        loop {
            let run_start = self.pos;
            while let Some(c) = self.peek_byte() {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(self.src.get(run_start..self.pos).unwrap_or(""));
            match self.peek_byte() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let c = match self.peek_byte() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            out.push(self.unicode_escape()?);
                            continue;
                        }
                        _ => return self.err("unknown escape in a string"),
                    };
                    self.pos += 1;
                    out.push(c);
                }
                Some(_) => {
                    return self
                        .err("control character inside a string (write it as \\n, \\t or \\u00XX)")
                }
                None => return self.err("unexpected end of text inside a string"),
            }
        }
    }

    fn hex4(&mut self) -> R<u32> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = match self.peek_byte() {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                _ => return self.err("expected four hex digits after \\u"),
            };
            v = v * 16 + u32::from(d);
            self.pos += 1;
        }
        Ok(v)
    }

    /// After `\u`: one code point, joining surrogate pairs. A lone surrogate (which JSON.parse
    /// accepts) becomes U+FFFD rather than an error.
    fn unicode_escape(&mut self) -> R<char> {
        let hi = self.hex4()?;
        if (0xd800..0xdc00).contains(&hi) {
            let rest = self.b().get(self.pos..).unwrap_or(&[]);
            if rest.starts_with(b"\\u") {
                let save = self.pos;
                self.pos += 2;
                let lo = self.hex4()?;
                if (0xdc00..0xe000).contains(&lo) {
                    let c = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
                    return Ok(char::from_u32(c).unwrap_or('\u{fffd}'));
                }
                self.pos = save;
            }
            return Ok('\u{fffd}');
        }
        Ok(char::from_u32(hi).unwrap_or('\u{fffd}'))
    }

    /// Skips one value of any depth, checking its syntax, without recursion.
    pub fn skip(&mut self) -> R<()> {
        let mut stack: Vec<u8> = Vec::new();
        loop {
            // A value starts here.
            match self.kind()? {
                Kind::Object => {
                    self.pos += 1;
                    self.ws();
                    if self.peek_byte() == Some(b'}') {
                        self.pos += 1;
                    } else {
                        stack.push(b'{');
                        self.key_colon()?;
                        continue;
                    }
                }
                Kind::Array => {
                    self.pos += 1;
                    self.ws();
                    if self.peek_byte() == Some(b']') {
                        self.pos += 1;
                    } else {
                        stack.push(b'[');
                        continue;
                    }
                }
                _ => {
                    self.scalar()?;
                }
            }
            // A value ended: close what it completes, or move on to the next item.
            loop {
                let Some(&top) = stack.last() else {
                    return Ok(());
                };
                self.ws();
                match (self.peek_byte(), top) {
                    (Some(b','), _) => {
                        self.pos += 1;
                        if top == b'{' {
                            self.key_colon()?;
                        }
                        break;
                    }
                    (Some(b'}'), b'{') | (Some(b']'), b'[') => {
                        self.pos += 1;
                        stack.pop();
                    }
                    (None, _) => return self.err("unexpected end of text inside a nested value"),
                    (_, b'{') => return self.err("expected ',' or '}' after a value in an object"),
                    _ => return self.err("expected ',' or ']' after an item in an array"),
                }
            }
        }
    }

    fn key_colon(&mut self) -> R<()> {
        self.ws();
        if self.peek_byte() != Some(b'"') {
            return self.err("expected a quoted key");
        }
        self.string()?;
        self.expect(b':', "expected ':' after the key")
    }

    /// Checks that only whitespace follows the top-level value.
    pub fn end(&mut self) -> R<()> {
        self.ws();
        if self.pos < self.src.len() {
            self.err("unexpected text after the end of the JSON value")
        } else {
            Ok(())
        }
    }
}

/// Checks a whole document's syntax (used by tests to compare with other JSON parsers).
pub fn validate(src: &str) -> Result<(), SyntaxError> {
    let mut r = Reader::new(src);
    r.skip()?;
    r.end()
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(src: &str, pos: usize) -> (u32, u32) {
    let mut pos = pos.min(src.len());
    while !src.is_char_boundary(pos) {
        pos -= 1;
    }
    let before = src.get(..pos).unwrap_or("");
    let line = before.bytes().filter(|b| *b == b'\n').count() + 1;
    let line_start = before
        .bytes()
        .rposition(|b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, crate::text::char_count) + 1;
    (line as u32, column as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_objects_and_arrays_with_keys_and_indices() {
        let src = r#" {"a": [1, "x\ny", {"deep": [[]]}], "b": {"c": null}, "d": true} "#;
        let mut r = Reader::new(src);
        let mut seen = Vec::new();
        let mut obj = r.begin_object().unwrap();
        while let Some(key) = r.next_key(&mut obj).unwrap() {
            if key == "a" {
                let mut arr = r.begin_array().unwrap();
                while r.next_item(&mut arr).unwrap() {
                    seen.push(format!("a[{}]={:?}", arr.index(), r.scalar().unwrap()));
                }
            } else {
                seen.push(key.to_string());
            }
        }
        r.end().unwrap();
        assert_eq!(
            seen,
            [
                "a[0]=Num(\"1\")",
                "a[1]=Str(\"x\\ny\")",
                "a[2]=Compound(Object)",
                "b",
                "d"
            ]
        );
    }

    #[test]
    fn decodes_escapes_and_surrogate_pairs() {
        let mut r = Reader::new(r#""\u0130dlib \ud83d\ude00 \ud800 \/\"""#);
        assert_eq!(r.string().unwrap(), "İdlib 😀 \u{fffd} /\"");
    }

    #[test]
    fn reports_where_syntax_breaks() {
        let src = "{\n  \"events\": [\n    {\"a\": 1,}\n  ]\n}";
        let e = validate(src).unwrap_err();
        assert_eq!(e.message, "expected a quoted key");
        assert_eq!(line_col(src, e.pos), (3, 13));
        assert!(validate("[1, 2").is_err());
        assert!(validate("{} x").is_err());
        assert!(validate("\"a\tb\"").is_err());
        assert!(validate("01").is_err());
        assert!(validate("").is_err());
    }

    #[test]
    fn lenient_tokens_and_bom() {
        assert!(validate("\u{feff}[NaN, Infinity, -Infinity, 1e5, -0.5]").is_ok());
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let deep = "[".repeat(1_000_000) + &"]".repeat(1_000_000);
        assert!(validate(&deep).is_ok());
        let unclosed = "[".repeat(1_000_000);
        assert!(validate(&unclosed).is_err());
        let objs = "{\"a\":".repeat(100_000) + "1" + &"}".repeat(100_000);
        assert!(validate(&objs).is_ok());
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        assert_eq!(line_col("é\nàb", 5), (2, 2));
        assert_eq!(line_col("abc", 99), (1, 4));
    }
}
