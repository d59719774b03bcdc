//! TimelineJS3 JSON, Timescope's native JSON and TimelineJS2's, read by one walker.
//!
//! The formats share their shape (a title, events, eras), so each key is accepted in any of
//! the vocabularies: `start_date: {year, month, …}`, `start: "2018-09-08"` or TimelineJS2's
//! `startDate: "2018,9,8"` (read by [`tl2::read_date`]); `text: {headline, text}` or
//! `headline` + `text`; `media` or TimelineJS2's `asset`; `group` or `tag`; `unique_id` or
//! `id`. TimelineJS2 wraps its document in a `timeline` object whose title is its own
//! `headline`, `text` and `asset`, with `date` for the events and `era` for the eras; its
//! warnings say so (`timeline.date[3].startDate`). A document that uses TimelineJS's date
//! objects or `unique_id` is reported as TimelineJS3, a `timeline` object as TimelineJS2,
//! anything else as native.

use super::json::{line_col, Kind, Reader, Scalar, SyntaxError};
use super::rules::{self, DateRead, Keyed};
use super::{whole_number, Broken, Diagnostics, Format, Limits, ParseError, Partial};
use crate::model::time::truncate_for_message;
use crate::model::{parse_iso, Builder, DateParts, Era, Media, NewEvent, Scale, TimePoint, Title};
use std::borrow::Cow;

mod tl2;

type R<T> = Result<T, SyntaxError>;

/// A warning path, built only when a warning is issued (most fields never need one).
type Path<'p> = &'p dyn Fn() -> String;

/// State shared while walking one document.
struct Walk<'d> {
    diags: &'d mut Diagnostics,
    builder: Builder,
    origins: Vec<u32>,
    tl3: bool,
    /// A TimelineJS2 `timeline` object was read.
    tl2: bool,
    max_events: usize,
    too_many: bool,
    saw_events: bool,
}

/// Sentinel messages for conditions that are not syntax errors (checked by `load`).
const LIMIT: &str = "event limit";
const SHAPE_EVENTS: &str = "\"events\" is not an array";

pub(crate) fn load(
    src: &str,
    limits: &Limits,
    diags: &mut Diagnostics,
    builder: Builder,
) -> Result<Partial, ParseError> {
    let mut w = Walk {
        diags,
        builder,
        origins: Vec::new(),
        tl3: false,
        tl2: false,
        max_events: limits.max_events,
        too_many: false,
        saw_events: false,
    };
    let mut r = Reader::new(src);
    let result = document(&mut r, &mut w).and_then(|()| r.end());
    let mut broken = None;
    let format = if w.tl2 {
        Format::TimelineJs2
    } else if w.tl3 {
        Format::TimelineJs3
    } else {
        Format::Native
    };
    if w.too_many {
        return Err(ParseError::TooLarge {
            what: "events",
            limit: limits.max_events,
        });
    }
    if let Err(e) = result {
        if e.message == SHAPE_EVENTS {
            return Err(ParseError::Shape {
                format,
                message: "\"events\" must be an array of event objects".into(),
            });
        }
        let (line, column) = line_col(src, e.pos);
        if w.builder.is_empty() {
            return Err(ParseError::Syntax {
                format: Some(format),
                message: e.message.into(),
                line,
                column,
            });
        }
        // The events read before the break are good: keep them, and say loudly what was lost.
        broken = Some(Broken {
            message: format!("not valid JSON: {}", e.message),
            line,
            column,
        });
        w.diags.warn(
            format!("line {line}, column {column}"),
            format!("not valid JSON: {}; the {} events before this point loaded, anything after it did not", e.message, w.builder.len()),
        );
    }
    if !w.saw_events {
        return Err(ParseError::Shape {
            format,
            message: "no \"events\" array: a TimelineJS3 or Timescope timeline is an object with \
                      an \"events\" array (TimelineJS2: a \"timeline\" object with a \"date\" \
                      array)"
                .into(),
        });
    }
    Ok(Partial {
        builder: w.builder,
        format,
        origins: w.origins,
        broken,
    })
}

fn document(r: &mut Reader<'_>, w: &mut Walk<'_>) -> R<()> {
    if r.kind()? == Kind::Array {
        w.saw_events = true;
        return events(r, w);
    }
    // TimelineJS2's title: the `timeline` object's own headline, text and asset.
    let mut t = Title::default();
    let mut obj = r.begin_object()?;
    while let Some(key) = r.next_key(&mut obj)? {
        match &*key {
            "timeline"
                if !w.tl2
                    && object_or_skip(r, w, "a TimelineJS2 timeline", &|_| "timeline".into())? =>
            {
                w.tl2 = true;
                document(r, w)?;
            }
            "headline" if w.tl2 => {
                t.headline = string(r, w, &|| "timeline.headline".into())?.into_owned();
            }
            "text" if w.tl2 => t.text = string(r, w, &|| "timeline.text".into())?.into_owned(),
            "asset" if w.tl2 => {
                let m = media(r, w, &|| "timeline.asset".into())?;
                t.media = (!m.url.trim().is_empty()).then_some(m);
            }
            "events" | "date" => {
                if r.kind()? != Kind::Array {
                    return Err(SyntaxError {
                        pos: r.pos(),
                        message: SHAPE_EVENTS,
                    });
                }
                w.saw_events = true;
                events(r, w)?;
            }
            "eras" | "era" if is_array(r, w, eras_at(w))? => {
                let mut arr = r.begin_array()?;
                while r.next_item(&mut arr)? {
                    if let Some(era) = era(r, w, arr.index())? {
                        w.builder.push_era(era);
                    }
                }
            }
            "title" => {
                if let Some(t) = title(r, w)? {
                    w.builder.set_title(t);
                }
            }
            "scale" => {
                let s = string(r, w, &|| "scale".into())?;
                match s.trim() {
                    "cosmological" => w.builder.set_scale(Scale::Cosmological),
                    "human" | "" => {}
                    other => w.diags.warn(
                        "scale".into(),
                        format!(
                            "\"{}\" is not a scale (\"human\" or \"cosmological\"); using human",
                            truncate_for_message(other, 30)
                        ),
                    ),
                }
            }
            "groups" if is_array(r, w, "groups")? => {
                let mut arr = r.begin_array()?;
                while r.next_item(&mut arr)? {
                    group(r, w, arr.index())?;
                }
            }
            _ => {}
        }
    }
    if let Some(t) = unless_empty(t) {
        w.builder.set_title(t);
    }
    Ok(())
}

/// Where the events are, for warning paths (TimelineJS2's are in its `timeline` object).
fn events_at(w: &Walk<'_>) -> &'static str {
    if w.tl2 {
        "timeline.date"
    } else {
        "events"
    }
}
/// Where the eras are, for warning paths.
fn eras_at(w: &Walk<'_>) -> &'static str {
    if w.tl2 {
        "timeline.era"
    } else {
        "eras"
    }
}

fn group(r: &mut Reader<'_>, w: &mut Walk<'_>, i: usize) -> R<()> {
    let path = format!("groups[{i}]");
    if r.kind()? != Kind::Object {
        let name = string(r, w, &|| path.clone())?;
        if !name.trim().is_empty() {
            w.builder.declare_group(&name, None);
        }
        return Ok(());
    }
    let (mut name, mut color) = (String::new(), None);
    let mut obj = r.begin_object()?;
    while let Some(k) = r.next_key(&mut obj)? {
        match &*k {
            "name" => name = string(r, w, &|| format!("{path}.name"))?.into_owned(),
            "color" | "colour" => color = colour(r, w, &|| format!("{path}.color"))?,
            _ => {}
        }
    }
    if name.trim().is_empty() {
        w.diags
            .warn(path, "a group needs a \"name\"; ignored".into());
    } else {
        w.builder.declare_group(&name, color);
    }
    Ok(())
}

/// True when the next value is an object; otherwise warns that `what` ("an event") was
/// expected and is skipped (the caller's loop skips the value).
fn object_or_skip(
    r: &mut Reader<'_>,
    w: &mut Walk<'_>,
    what: &str,
    at: &dyn Fn(&str) -> String,
) -> R<bool> {
    let k = r.kind()?;
    if k != Kind::Object {
        w.diags.warn(
            at(""),
            format!("expected {what} object, found {}; skipped", k.noun()),
        );
    }
    Ok(k == Kind::Object)
}

/// True when the next value is an array; otherwise warns (the caller's loop skips it).
fn is_array(r: &mut Reader<'_>, w: &mut Walk<'_>, name: &str) -> R<bool> {
    let k = r.kind()?;
    if k != Kind::Array {
        w.diags.warn(
            name.into(),
            format!("expected an array, found {}; ignored", k.noun()),
        );
    }
    Ok(k == Kind::Array)
}

fn events(r: &mut Reader<'_>, w: &mut Walk<'_>) -> R<()> {
    let mut arr = r.begin_array()?;
    while r.next_item(&mut arr)? {
        if w.builder.len() >= w.max_events {
            w.too_many = true;
            return Err(SyntaxError {
                pos: r.pos(),
                message: LIMIT,
            });
        }
        let i = arr.index();
        if let Some(e) = event(r, w, i)? {
            if w.builder.push(e) {
                w.origins.push(i as u32);
            }
        }
    }
    Ok(())
}

/// Reads a text field (numbers read as their text); other kinds are a warning and read as
/// empty. Borrowed from the source unless it had escapes.
fn string<'a>(r: &mut Reader<'a>, w: &mut Walk<'_>, path: Path<'_>) -> R<Cow<'a, str>> {
    let found = match r.scalar()? {
        Scalar::Str(s) => return Ok(s),
        Scalar::Num(n) => return Ok(Cow::Borrowed(n)),
        Scalar::Null => return Ok(Cow::Borrowed("")),
        Scalar::Bool(_) => Kind::Bool,
        Scalar::Compound(k) => k,
    };
    w.diags.warn(
        path(),
        format!("expected text, found {}; ignored", found.noun()),
    );
    Ok(Cow::Borrowed(""))
}

/// A CSS colour as authors write them; anything else is dropped with a warning, so data never
/// smuggles other CSS into a style.
pub(crate) fn valid_colour(c: &str) -> bool {
    let c = c.trim();
    let hex = c.strip_prefix('#').is_some_and(|h| {
        matches!(h.len(), 3 | 4 | 6 | 8) && h.bytes().all(|b| b.is_ascii_hexdigit())
    });
    let named = !c.is_empty() && c.len() <= 30 && c.bytes().all(|b| b.is_ascii_alphabetic());
    let func = (c.starts_with("rgb") || c.starts_with("hsl"))
        && c.ends_with(')')
        && c.len() <= 60
        && c.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b" (),.%/-".contains(&b));
    hex || named || func
}

fn colour(r: &mut Reader<'_>, w: &mut Walk<'_>, path: Path<'_>) -> R<Option<String>> {
    let c = string(r, w, path)?;
    let c = c.trim();
    if c.is_empty() {
        return Ok(None);
    }
    if valid_colour(c) {
        return Ok(Some(c.to_string()));
    }
    w.diags.warn(
        path(),
        format!(
            "\"{}\" is not a colour (use #rrggbb, rgb(…) or a CSS colour name); ignored",
            truncate_for_message(c, 30)
        ),
    );
    Ok(None)
}

/// Reads a date in any of the accepted forms: a TimelineJS object, an ISO string, a year.
fn date(r: &mut Reader<'_>, w: &mut Walk<'_>, key: &str, owner: Path<'_>) -> R<DateRead> {
    let kind = r.kind()?;
    let text = match kind {
        Kind::Object => return date_object(r, w, key, owner),
        Kind::String | Kind::Number => match r.scalar()? {
            Scalar::Str(s) => s,
            Scalar::Num(n) => Cow::Borrowed(n),
            _ => Cow::Borrowed(""),
        },
        Kind::Null => return Ok(DateRead::default()),
        k => {
            let m = format!(
                "expected a date (an object, an ISO string or a year), found {}",
                k.noun()
            );
            return Ok(DateRead::of(Err(m), key));
        }
    };
    if text.trim().is_empty() {
        return Ok(DateRead::default());
    }
    // A number is a year; a string is ISO 8601 (which also reads a bare year).
    let parsed = if kind == Kind::Number {
        whole_number(&text)
            .map_err(|m| format!("{m} (a year)"))
            .and_then(|y| TimePoint::year(y.unwrap_or(0)).map_err(|e| e.message()))
    } else if matches!(key, "startDate" | "endDate") {
        // TimelineJS2's `startDate` and `endDate`: "2011,12,10", "12/10/2011", ISO.
        tl2::read_date(&text).map_err(|(field, m)| match field {
            "" => m,
            f => format!("{m} ({f})"),
        })
    } else {
        parse_iso(&text).map_err(|e| e.message())
    };
    Ok(DateRead::of(parsed, key))
}

fn date_object(r: &mut Reader<'_>, w: &mut Walk<'_>, key: &str, owner: Path<'_>) -> R<DateRead> {
    w.tl3 = true;
    let mut out = DateRead::default();
    let mut parts = DateParts::default();
    let mut year = None;
    let mut obj = r.begin_object()?;
    while let Some(k) = r.next_key(&mut obj)? {
        let slot = match &*k {
            "year" => &mut year,
            "month" => &mut parts.month,
            "day" => &mut parts.day,
            "hour" => &mut parts.hour,
            "minute" => &mut parts.minute,
            "second" => &mut parts.second,
            "millisecond" => &mut parts.millisecond,
            "display_date" => {
                out.display =
                    string(r, w, &|| format!("{}.{key}.display_date", owner()))?.into_owned();
                continue;
            }
            _ => continue,
        };
        let v = match r.scalar()? {
            Scalar::Str(s) => whole_number(&s),
            Scalar::Num(n) => whole_number(n),
            Scalar::Null => Ok(None),
            Scalar::Bool(_) => Err("expected a number, found true/false".into()),
            Scalar::Compound(kind) => Err(format!("expected a number, found {}", kind.noun())),
        };
        match v {
            Ok(v) => *slot = v,
            Err(m) => {
                if out.problem.is_none() {
                    out.problem = Some((format!(".{key}.{k}"), m));
                }
            }
        }
    }
    if out.problem.is_some() {
        return Ok(out);
    }
    Ok(DateRead {
        display: out.display,
        ..rules::date_of(parts, year, key)
    })
}

fn media(r: &mut Reader<'_>, w: &mut Walk<'_>, path: Path<'_>) -> R<Media> {
    let mut m = Media::default();
    if r.kind()? != Kind::Object {
        m.url = string(r, w, path)?.into_owned();
        return Ok(m);
    }
    let mut obj = r.begin_object()?;
    while let Some(k) = r.next_key(&mut obj)? {
        let slot = match &*k {
            // `media` is TimelineJS2's name for it (in its `asset`).
            "url" | "src" | "media" => &mut m.url,
            "caption" => &mut m.caption,
            "credit" => &mut m.credit,
            "thumbnail" => &mut m.thumbnail,
            "alt" => &mut m.alt,
            "title" => &mut m.title,
            "link" => &mut m.link,
            _ => continue,
        };
        *slot = string(r, w, &|| format!("{}.{k}", path()))?.into_owned();
    }
    Ok(m)
}

/// `{headline, text}` (TimelineJS) or a plain string (native: the body).
fn text_block<'a>(
    r: &mut Reader<'a>,
    w: &mut Walk<'_>,
    path: Path<'_>,
    headline: &mut Cow<'a, str>,
    text: &mut Cow<'a, str>,
) -> R<()> {
    if r.kind()? != Kind::Object {
        *text = string(r, w, path)?;
        return Ok(());
    }
    w.tl3 = true;
    let mut obj = r.begin_object()?;
    while let Some(k) = r.next_key(&mut obj)? {
        match &*k {
            "headline" => *headline = string(r, w, &|| format!("{}.headline", path()))?,
            "text" => *text = string(r, w, &|| format!("{}.text", path()))?,
            _ => {}
        }
    }
    Ok(())
}

// Kept out of `events`: inlined, the wasm is larger (measured).
#[inline(never)]
fn event<'a>(r: &mut Reader<'a>, w: &mut Walk<'_>, i: usize) -> R<Option<NewEvent<'a>>> {
    let list = events_at(w);
    let at = |rel: &str| format!("{list}[{i}]{rel}");
    if !object_or_skip(r, w, "an event", &at)? {
        return Ok(None);
    }
    let (e, start, end) = entry(r, w, &at)?;
    let keys = if w.tl2 {
        "startDate"
    } else {
        "start_date or start"
    };
    let mut e = rules::event(w.diags, &at, e, start, end, keys);
    // TimelineJS2 files often repeat the start as the end: that is a point, not a span.
    if let Some(e) = e.as_mut().filter(|e| w.tl2 && e.end == e.start) {
        e.end = None;
    }
    Ok(e)
}

/// An event's, an era's or the title's keys, in any vocabulary (an era and the title use
/// a few of them), with the dates as read.
type Entry<'a> = (NewEvent<'a>, Option<Keyed>, Option<Keyed>);

fn entry<'a>(r: &mut Reader<'a>, w: &mut Walk<'_>, at: &dyn Fn(&str) -> String) -> R<Entry<'a>> {
    let mut e = NewEvent::default();
    let (mut start, mut end): (Option<Keyed>, Option<Keyed>) = (None, None);
    let mut obj = r.begin_object()?;
    while let Some(key) = r.next_key(&mut obj)? {
        let key = &*key;
        let path = || at(&format!(".{key}"));
        match key {
            "start_date" => start = Some((date(r, w, key, &|| at(""))?, "start_date")),
            "start" => start = Some((date(r, w, key, &|| at(""))?, "start")),
            "end_date" => end = Some((date(r, w, key, &|| at(""))?, "end_date")),
            "end" => end = Some((date(r, w, key, &|| at(""))?, "end")),
            "startDate" => start = Some((date(r, w, key, &|| at(""))?, "startDate")),
            "endDate" => end = Some((date(r, w, key, &|| at(""))?, "endDate")),
            "display_date" => e.display_date = string(r, w, &path)?,
            "text" => text_block(r, w, &path, &mut e.headline, &mut e.text)?,
            "headline" => e.headline = string(r, w, &path)?,
            "media" | "asset" => e.media = media(r, w, &path)?,
            "group" | "tag" => e.group = string(r, w, &path)?,
            "tags" => e.tags = tags(r, w, &path)?,
            "unique_id" | "id" => {
                w.tl3 |= key == "unique_id";
                let id = string(r, w, &path)?;
                e.id = rules::id(w.diags, path(), id);
            }
            "background" => {
                if r.kind()? == Kind::Object {
                    let mut bg = r.begin_object()?;
                    while let Some(k) = r.next_key(&mut bg)? {
                        if k == "color" {
                            let c = colour(r, w, &|| at(".background.color"))?;
                            e.background = c.unwrap_or_default().into();
                        } else if k == "url" {
                            e.background_image = string(r, w, &|| at(".background.url"))?;
                        }
                    }
                } else {
                    e.background = colour(r, w, &path)?.unwrap_or_default().into();
                }
            }
            "source" => e.source = string(r, w, &path)?,
            _ => {}
        }
    }
    Ok((e, start, end))
}

fn tags<'a>(r: &mut Reader<'a>, w: &mut Walk<'_>, path: Path<'_>) -> R<Vec<Cow<'a, str>>> {
    if r.kind()? != Kind::Array {
        let s = string(r, w, path)?;
        return Ok(s.split(',').map(|t| t.trim().to_string().into()).collect());
    }
    let mut out = Vec::new();
    let mut arr = r.begin_array()?;
    while r.next_item(&mut arr)? {
        let i = arr.index();
        out.push(string(r, w, &|| format!("{}[{i}]", path()))?);
    }
    Ok(out)
}

fn era(r: &mut Reader<'_>, w: &mut Walk<'_>, i: usize) -> R<Option<Era>> {
    let list = eras_at(w);
    let at = |rel: &str| format!("{list}[{i}]{rel}");
    if !object_or_skip(r, w, "an era", &at)? {
        return Ok(None);
    }
    let (e, start, end) = entry(r, w, &at)?;
    Ok(rules::era(
        w.diags,
        &at,
        start,
        end,
        e.headline.into_owned(),
        e.text.into_owned(),
    ))
}

fn title(r: &mut Reader<'_>, w: &mut Walk<'_>) -> R<Option<Title>> {
    let mut t = Title::default();
    if r.kind()? == Kind::Object {
        let (e, _, _) = entry(r, w, &|rel| format!("title{rel}"))?;
        (t.headline, t.text) = (e.headline.into_owned(), e.text.into_owned());
        t.media = (!e.media.url.trim().is_empty()).then_some(e.media);
    } else {
        t.headline = string(r, w, &|| "title".into())?.into_owned();
    }
    Ok(unless_empty(t))
}

/// The title, unless it has no headline, text or media.
fn unless_empty(t: Title) -> Option<Title> {
    let empty = t.headline.trim().is_empty() && t.text.trim().is_empty() && t.media.is_none();
    (!empty).then_some(t)
}

#[cfg(test)]
mod tests {
    use crate::parse::{parse, Format, Limits, ParseError};

    fn load(s: &str) -> crate::parse::Loaded {
        parse(s, &Limits::default()).unwrap()
    }

    #[test]
    fn reads_timelinejs3_events_with_string_numbers() {
        let l = load(
            r##"{"title": {"text": {"headline": "T", "text": "intro"}},
                "scale": "human",
                "events": [
                  {"start_date": {"year": "1815", "month": "12", "day": "10"},
                   "end_date": {"year": 1852, "month": 11, "day": 27},
                   "text": {"headline": "Ada", "text": "<p>hi</p>"},
                   "media": {"url": "https://x/a.jpg", "credit": "C", "alt": "portrait"},
                   "group": "People", "unique_id": "ada", "background": {"color": "#F45B69"},
                   "location": {"lat": 1}, "autolink": true}
                ]}"##,
        );
        assert_eq!(l.format, Format::TimelineJs3);
        assert!(l.warnings.is_empty(), "{:?}", l.warnings);
        let e = l.dataset.event(0).unwrap();
        assert_eq!(e.id(), "ada");
        assert_eq!(e.start().iso(), "1815-12-10");
        assert_eq!(e.end().unwrap().iso(), "1852-11-27");
        assert_eq!(e.headline(), "Ada");
        assert_eq!(e.text(), "<p>hi</p>");
        assert_eq!(e.group(), Some("People"));
        assert_eq!(e.media().unwrap().alt(), "portrait");
        assert_eq!(e.background(), Some("#F45B69"));
        assert_eq!(e.background_image(), None);
        assert_eq!(l.dataset.title().unwrap().headline, "T");
    }

    #[test]
    fn bad_events_are_skipped_with_their_path_and_the_rest_load() {
        let l = load(
            r#"{"events": [
                {"start_date": {"year": "2018", "month": "13"}, "text": {"headline": "a"}},
                {"start_date": {"year": "2018", "month": "2", "day": "30"}},
                {"start_date": {"year": "2018", "day": "3rd", "month": "1"}},
                {"start_date": {"year": "1999x"}},
                {"text": {"headline": "no date"}},
                "not an event",
                {"start_date": {"year": "2018"}, "end_date": {"year": "2017"}},
                {"start_date": {"year": 2018, "month": 9, "day": 8}, "text": {"headline": "good"}}
            ]}"#,
        );
        let paths: Vec<_> = l.warnings.iter().map(|w| w.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "events[0].start_date.month",
                "events[1].start_date.day",
                "events[2].start_date.day",
                "events[3].start_date.year",
                "events[4]",
                "events[5]",
                "events[6].end_date"
            ]
        );
        assert_eq!(
            l.warnings[0].message,
            "13 is not a valid month (expected 1–12); event skipped"
        );
        assert_eq!(
            l.warnings[2].message,
            "\"3rd\" is not a whole number; event skipped"
        );
        assert_eq!(l.dataset.len(), 2);
        assert!(l.dataset.event(0).unwrap().end().is_none());
    }

    #[test]
    fn reads_native_iso_dates_tags_and_groups() {
        let l = load(
            r##"{"title": "Idlib", "groups": [{"name": "Diplomacy", "color": "#225"}, "Air strikes"],
                "events": [
                  {"id": "bb", "start": "2018-09-08", "headline": "Barrel bombs",
                   "text": "19 barrel bombs", "group": "Air strikes", "tags": ["Hama", "Idlib"],
                   "source": "SOHR", "display_date": "Saturday 8 September"},
                  {"start": "2018-09-08T14:05:00+03:00", "end": "2018-09-09", "headline": "x",
                   "tags": "a, b"},
                  {"start": -500, "headline": "old"}
                ],
                "eras": [{"start": "2017", "end": "2018", "headline": "De-escalation"}]}"##,
        );
        assert_eq!(l.format, Format::Native);
        assert!(l.warnings.is_empty(), "{:?}", l.warnings);
        let ds = &l.dataset;
        assert_eq!(ds.groups()[0].name, "Diplomacy");
        assert_eq!(ds.groups()[0].color.as_deref(), Some("#225"));
        assert_eq!(ds.event(0).unwrap().headline(), "old");
        let bb = ds.event(ds.find("bb").unwrap()).unwrap();
        assert_eq!(bb.tags().collect::<Vec<_>>(), ["Hama", "Idlib"]);
        assert_eq!(bb.source(), Some("SOHR"));
        assert_eq!(bb.date_label(), "Saturday 8 September");
        let x = ds.event(2).unwrap();
        assert_eq!(x.start().offset_minutes(), Some(180));
        assert_eq!(x.tags().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(ds.eras().len(), 1);
        assert_eq!(ds.title().unwrap().headline, "Idlib");
    }

    #[test]
    fn a_top_level_array_is_a_list_of_native_events() {
        let l = load(r#"[{"start": "2020", "headline": "a"}]"#);
        assert_eq!(l.dataset.len(), 1);
    }

    #[test]
    fn fatal_errors_say_what_and_where() {
        let e = parse(
            "{\"events\": [\n  {\"start\": \"2020\",}\n]}",
            &Limits::default(),
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "not valid JSON at line 2, column 20: expected a quoted key"
        );
        let e = parse("{\"title\": \"x\"}", &Limits::default()).unwrap_err();
        assert!(matches!(e, ParseError::Shape { .. }), "{e}");
        let e = parse("{\"events\": {}}", &Limits::default()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "\"events\" must be an array of event objects"
        );
        let e = parse("{\"events\": [{\"start\": \"x\"}]}", &Limits::default()).unwrap_err();
        assert!(
            e.to_string().starts_with(
                "none of the events could be loaded (1 problems; the first: events[0].start:"
            ),
            "{e}"
        );
        let e = parse("42", &Limits::default()).unwrap_err();
        assert!(
            e.to_string().starts_with("not a timeline: neither JSON"),
            "{e}"
        );
        let e = parse("[42]", &Limits::default()).unwrap_err();
        assert!(
            e.to_string()
                .contains("events[0]: expected an event object, found a number"),
            "{e}"
        );
    }

    #[test]
    fn a_syntax_error_after_good_events_keeps_them() {
        let l = load("{\"events\": [{\"start\": \"2020\"}, {\"start\": \"2021\"}, {\"start\": ");
        assert_eq!(l.dataset.len(), 2);
        assert_eq!(l.warnings.len(), 1);
        assert!(l.warnings[0].path.starts_with("line 1, column"));
        assert!(l.warnings[0]
            .message
            .contains("the 2 events before this point loaded"));
    }

    #[test]
    fn event_limit_is_fatal() {
        let limits = Limits {
            max_events: 2,
            ..Limits::default()
        };
        let e = parse(r#"[{"start":"1"},{"start":"2"},{"start":"3"}]"#, &limits).unwrap_err();
        assert_eq!(e.to_string(), "the input has more than 2 events, the limit");
    }

    #[test]
    fn nan_and_odd_types_are_warnings() {
        let l = load(
            r#"{"events": [{"start_date": {"year": NaN}}, {"start_date": {"year": 2000, "month": [1]}},
               {"start": "2001", "headline": {"x": 1}, "background": "red; x: url(evil)"},
               {"start": "2002"}]}"#,
        );
        assert_eq!(l.dataset.len(), 2);
        let msgs: Vec<_> = l.warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(
            msgs[0],
            "events[0].start_date.year: NaN is not a number; event skipped"
        );
        assert_eq!(
            msgs[1],
            "events[1].start_date.month: expected a number, found an array; event skipped"
        );
        assert_eq!(
            msgs[2],
            "events[2].headline: expected text, found an object; ignored"
        );
        assert!(msgs[3].starts_with("events[2].background: \"red; x: url(evil)\" is not a colour"));
        let l = load(r#"[{"start_date": {"year": 2000, "display_date": {"x": 1}}}]"#);
        assert_eq!(l.warnings[0].path, "events[0].start_date.display_date");
    }

    #[test]
    fn duplicate_ids_are_renamed_with_a_warning() {
        let l = load(r#"[{"id": "a", "start": "1"}, {"id": "a", "start": "2"}]"#);
        assert_eq!(l.warnings.len(), 1);
        assert_eq!(l.warnings[0].path, "events[1]");
        assert_eq!(l.dataset.event(1).unwrap().id(), "a-2");
    }
}
