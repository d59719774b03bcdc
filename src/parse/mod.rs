//! Loading timelines from text: TimelineJS3 JSON (and TimelineJS2's) as-is, the TimelineJS / Google Sheets CSV
//! layout, and Timescope's native JSON, detected automatically.
//!
//! Loading is forgiving where it can be and exact about what it skipped: a bad event or era is
//! left out with a [`Warning`] naming its path (`events[12].start_date.month`, or
//! `row 14, column "Month"` for CSV) and the good ones load. Only "nothing usable" is a
//! [`ParseError`]. No input makes it panic or hang.

mod csv;
pub mod json;
pub mod native;
mod rules;
mod timeline_json;

use crate::model::{Builder, Dataset};
use core::fmt;
use serde::Serialize;

/// Which format a text was read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// TimelineJS3 JSON (`start_date: {year, …}`, `text: {headline, text}`).
    #[serde(rename = "timelinejs3")]
    TimelineJs3,
    /// TimelineJS2 JSON (`{"timeline": {"date": [{"startDate": "2011,12,10", …}]}}`).
    #[serde(rename = "timelinejs2")]
    TimelineJs2,
    /// TimelineJS / Google Sheets CSV columns.
    Csv,
    /// Timescope's native JSON (ISO dates, tags).
    Native,
}

impl Format {
    /// The short name used in reports: `timelinejs3`, `csv`, `native`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::TimelineJs3 => "timelinejs3",
            Format::TimelineJs2 => "timelinejs2",
            Format::Csv => "csv",
            Format::Native => "native",
        }
    }
    /// A name for people.
    pub fn describe(self) -> &'static str {
        match self {
            Format::TimelineJs3 => "TimelineJS3 JSON",
            Format::TimelineJs2 => "TimelineJS2 JSON",
            Format::Csv => "TimelineJS CSV",
            Format::Native => "Timescope JSON",
        }
    }
}

/// Something that was skipped or adjusted while loading; the rest loaded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// Where: `events[12].start_date.month`, `row 14, column "Month"`, `line 3, column 7`.
    pub path: String,
    /// What and why, and what was done about it.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format!("{}: {}", self.path, self.message))
    }
}

/// Limits that keep a hostile or mistaken input from exhausting memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest input accepted, in bytes of UTF-8 (default 256 MiB; at most 4 GiB - 1).
    pub max_bytes: usize,
    /// Most events accepted (default 2,000,000).
    pub max_events: usize,
    /// Most warnings kept in detail; the rest are counted in one summary warning.
    pub max_warnings: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_bytes: 256 * 1024 * 1024,
            max_events: 2_000_000,
            max_warnings: 1000,
        }
    }
}

/// Why nothing usable could be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseError {
    /// The text is not well-formed JSON, or not a CSV with a TimelineJS header.
    Syntax {
        /// What the text looked like (`None` when it was neither).
        format: Option<Format>,
        /// What is wrong.
        message: String,
        /// 1-based line.
        line: u32,
        /// 1-based column, in characters.
        column: u32,
    },
    /// Well-formed, but not shaped like a timeline.
    Shape {
        /// The format it was read as.
        format: Format,
        /// What is wrong.
        message: String,
    },
    /// Every event was unusable (or there were none).
    NoEvents {
        /// The format it was read as.
        format: Format,
        /// Why each event was skipped.
        warnings: Vec<Warning>,
    },
    /// The input is over a limit.
    TooLarge {
        /// What was counted ("bytes", "events").
        what: &'static str,
        /// The limit.
        limit: usize,
    },
    /// The bytes are not UTF-8 text.
    NotUtf8 {
        /// What was found (a UTF-16 byte-order mark, or an invalid byte).
        message: String,
        /// 1-based line.
        line: u32,
        /// 1-based column.
        column: u32,
    },
}

impl ParseError {
    /// The format the text was recognised as, if any.
    pub fn format(&self) -> Option<Format> {
        match self {
            ParseError::Syntax { format, .. } => *format,
            ParseError::Shape { format, .. } | ParseError::NoEvents { format, .. } => Some(*format),
            _ => None,
        }
    }
    /// Line and column, when the error has a place in the text.
    pub fn position(&self) -> Option<(u32, u32)> {
        match self {
            ParseError::Syntax { line, column, .. } | ParseError::NotUtf8 { line, column, .. } => {
                Some((*line, *column))
            }
            _ => None,
        }
    }
}

impl ParseError {
    /// What is wrong and where, in words (the `Display` text).
    pub fn message(&self) -> String {
        match self {
            ParseError::Syntax {
                format,
                message,
                line,
                column,
            } => {
                let what = match format {
                    Some(Format::Csv) => "CSV",
                    Some(_) => "JSON",
                    None => return format!("{message} (line {line}, column {column})"),
                };
                format!("not valid {what} at line {line}, column {column}: {message}")
            }
            ParseError::Shape { message, .. } => message.clone(),
            ParseError::NoEvents { warnings, .. } => match warnings.first() {
                None => "the timeline has no events".into(),
                Some(w) => format!(
                    "none of the events could be loaded ({} problems; the first: {}: {})",
                    warnings.len(),
                    w.path,
                    w.message
                ),
            },
            ParseError::TooLarge { what, limit } => {
                format!("the input has more than {limit} {what}, the limit")
            }
            ParseError::NotUtf8 {
                message,
                line,
                column,
            } => format!("not UTF-8 text at line {line}, column {column}: {message}"),
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ParseError {}

/// A loaded timeline with what was skipped on the way.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The events, eras, groups and title.
    pub dataset: Dataset,
    /// Everything skipped or adjusted, in input order.
    pub warnings: Vec<Warning>,
    /// The format detected.
    pub format: Format,
    /// Where the text stopped being valid, when it did after some events had loaded (a file
    /// cut off in the middle, say): those events are kept, and a warning says so too. A
    /// publishing check must fail on it (see `timescope check`).
    pub broken: Option<Broken>,
}

/// A syntax error after which nothing more could be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Broken {
    /// What was wrong.
    pub message: String,
    /// Where, 1-based.
    pub line: u32,
    /// Where, 1-based, in characters.
    pub column: u32,
}

/// Collects warnings, keeping the first `max` in detail.
#[derive(Debug)]
pub(crate) struct Diagnostics {
    list: Vec<Warning>,
    dropped: usize,
    max: usize,
}

impl Diagnostics {
    pub(crate) fn new(max: usize) -> Diagnostics {
        Diagnostics {
            list: Vec::new(),
            dropped: 0,
            max,
        }
    }
    pub(crate) fn warn(&mut self, path: String, message: String) {
        if self.list.len() < self.max {
            self.list.push(Warning { path, message });
        } else {
            self.dropped += 1;
        }
    }
    pub(crate) fn into_vec(mut self) -> Vec<Warning> {
        if self.dropped > 0 {
            self.list.push(Warning {
                path: "(all)".into(),
                message: format!("{} more warnings not listed", self.dropped),
            });
        }
        self.list
    }
}

/// What the format-specific loaders hand back.
pub(crate) struct Partial {
    pub(crate) builder: Builder,
    pub(crate) format: Format,
    /// For each event added, its index in `events` (JSON) or its row number (CSV).
    pub(crate) origins: Vec<u32>,
    /// A syntax error after the events that loaded.
    pub(crate) broken: Option<Broken>,
}

/// Loads a timeline from text, detecting the format (a copy of the text is kept: see
/// [`parse_owned`]).
pub fn parse(text: &str, limits: &Limits) -> Result<Loaded, ParseError> {
    too_large(text.len(), limits)?;
    parse_owned(text.to_string(), limits)
}

/// The size limit: `limits.max_bytes`, and never over `i32::MAX` (a span's offset has 31
/// bits).
fn too_large(len: usize, limits: &Limits) -> Result<(), ParseError> {
    let max_bytes = limits.max_bytes.min(i32::MAX as usize);
    if len > max_bytes {
        return Err(ParseError::TooLarge {
            what: "bytes",
            limit: max_bytes,
        });
    }
    Ok(())
}

/// [`parse`], keeping `text` in the dataset: strings that need no unescaping are spans of
/// it rather than copies (the text of a million events is not held twice).
pub fn parse_owned(text: String, limits: &Limits) -> Result<Loaded, ParseError> {
    too_large(text.len(), limits)?;
    let builder = Builder::on(&text);
    let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let first = body.trim_start().chars().next();
    let mut diags = Diagnostics::new(limits.max_warnings);
    let partial = match first {
        Some('{') | Some('[') => timeline_json::load(&text, limits, &mut diags, builder)?,
        None => {
            return Err(ParseError::Syntax {
                format: None,
                message: "the input is empty".into(),
                line: 1,
                column: 1,
            })
        }
        _ => csv::load(body, limits, &mut diags, builder)?,
    };
    let Partial {
        builder,
        format,
        origins,
        broken,
    } = partial;
    if builder.is_empty() {
        return Err(ParseError::NoEvents {
            format,
            warnings: diags.into_vec(),
        });
    }
    let (dataset, renamed) = builder.finish_on(text);
    for r in renamed {
        let origin = origins.get(r.source_index).copied().unwrap_or(0);
        let path = if format == Format::Csv {
            format!("row {origin}, column \"ID\"")
        } else {
            format!("events[{origin}]")
        };
        diags.warn(
            path,
            format!(
                "the id \"{}\" is used by an earlier event; this one is now \"{}\"",
                r.from, r.to
            ),
        );
    }
    Ok(Loaded {
        dataset,
        warnings: diags.into_vec(),
        format,
        broken,
    })
}

/// Loads a timeline from bytes: checks they are UTF-8 (a UTF-16 file gets a message that says
/// so), then [`parse`]s.
pub fn parse_bytes(bytes: &[u8], limits: &Limits) -> Result<Loaded, ParseError> {
    too_large(bytes.len(), limits)?;
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(ParseError::NotUtf8 {
            message: "the file is UTF-16; save it as UTF-8".into(),
            line: 1,
            column: 1,
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text, limits),
        Err(e) => {
            let good = bytes.get(..e.valid_up_to()).unwrap_or(&[]);
            let text = std::str::from_utf8(good).unwrap_or("");
            let (line, column) = json::line_col(text, text.len());
            let byte = bytes.get(e.valid_up_to()).copied().unwrap_or(0);
            Err(ParseError::NotUtf8 {
                message: format!("byte 0x{byte:02X} is not valid UTF-8 (is the file Latin-1 or Windows-1252? save it as UTF-8)"),
                line,
                column,
            })
        }
    }
}

/// Reads a whole number the way TimelineJS does: from a JSON number or a numeric string
/// (`1815`, `"1815"`, `"05"`, `"-13800000000"`, `"1815.0"`). `Ok(None)` means not given.
pub(crate) fn whole_number(text: &str) -> Result<Option<i64>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let quoted = || format!("\"{}\"", crate::model::time::truncate_for_message(t, 30));
    let (neg, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, t.get(1..).unwrap_or("")),
        Some(b'+') => (false, t.get(1..).unwrap_or("")),
        _ => (false, t),
    };
    // "1815.0" and "1815.00" are whole; "3.5" is not.
    let digits = match digits.split_once('.') {
        Some((w, f)) if !w.is_empty() && !f.is_empty() && f.bytes().all(|b| b == b'0') => w,
        Some(_) => return Err(format!("{} is not a whole number", quoted())),
        None => digits,
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        if t == "NaN" || t.ends_with("Infinity") {
            return Err(format!("{t} is not a number"));
        }
        return Err(format!("{} is not a whole number", quoted()));
    }
    let v = crate::text::radix(digits, 10)
        .and_then(|v| i64::try_from(v).ok())
        .ok_or_else(|| format!("{} is too large", quoted()))?;
    Ok(Some(if neg { -v } else { v }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_follow_timelinejs_leniency() {
        assert_eq!(whole_number("1815"), Ok(Some(1815)));
        assert_eq!(whole_number(" 05 "), Ok(Some(5)));
        assert_eq!(whole_number("-13800000000"), Ok(Some(-13_800_000_000)));
        assert_eq!(whole_number("1815.0"), Ok(Some(1815)));
        assert_eq!(whole_number(""), Ok(None));
        assert_eq!(
            whole_number("3rd"),
            Err("\"3rd\" is not a whole number".into())
        );
        assert_eq!(
            whole_number("1999x"),
            Err("\"1999x\" is not a whole number".into())
        );
        assert!(whole_number("3.5").is_err());
        assert!(whole_number("NaN").is_err());
        assert!(whole_number("99999999999999999999999").is_err());
        assert!(whole_number("-").is_err());
    }

    #[test]
    fn utf16_and_latin1_get_a_message_that_says_so() {
        let e = parse_bytes(&[0xff, 0xfe, b'{', 0], &Limits::default()).unwrap_err();
        assert!(e.to_string().contains("UTF-16"), "{e}");
        let e = parse_bytes(b"Year,Headline\n1999,Caf\xe9", &Limits::default()).unwrap_err();
        assert_eq!(e.position(), Some((2, 9)));
        assert!(e.to_string().contains("0xE9"), "{e}");
    }

    #[test]
    fn size_limits_are_fatal_and_say_so() {
        let limits = Limits {
            max_bytes: 10,
            ..Limits::default()
        };
        let e = parse("{\"events\": []}", &limits).unwrap_err();
        assert_eq!(e.to_string(), "the input has more than 10 bytes, the limit");
    }

    #[test]
    fn empty_input_is_fatal() {
        assert!(parse("   \n", &Limits::default()).is_err());
    }
}
