//! What makes an event and an era, whatever the format: the JSON walker and the CSV reader
//! read their fields each in their own way, then hand them here, so that a date, an end
//! before its start, an era without an end or an overlong id is judged (and worded) once.
//!
//! Warning paths are relative to the entry and in the JSON walker's terms
//! (`.start_date.month`, `.end`, `.unique_id`); each reader's `at` turns them into its own
//! (`events[3].start_date.month`, or `row 4, column "Month"`).

use super::Diagnostics;
use crate::model::{DateError, DateParts, Era, NewEvent, TimePoint};
use std::borrow::Cow;

/// Where a warning is, from a path relative to the entry (`""` is the entry itself).
pub(super) type At<'a> = &'a dyn Fn(&str) -> String;

/// A date as read: the point, a display date given inside a TimelineJS date object, or the
/// problem (relative path and reason).
#[derive(Default)]
pub(super) struct DateRead {
    pub point: Option<TimePoint>,
    pub display: String,
    pub problem: Option<(String, String)>,
}

impl DateRead {
    /// A date read from one value given under `key` (an ISO string, a year): the point, or
    /// the problem with it.
    pub fn of(parsed: Result<TimePoint, String>, key: &str) -> DateRead {
        match parsed {
            Ok(p) => DateRead {
                point: Some(p),
                ..DateRead::default()
            },
            Err(m) => DateRead {
                problem: Some((format!(".{key}"), m)),
                ..DateRead::default()
            },
        }
    }
}

/// A date with the key it was given under (`start_date` or `start`), for warning paths.
pub(super) type Keyed = (DateRead, &'static str);

/// A date from its calendar fields (read under `key`), or the problem with the field that
/// is wrong.
pub(super) fn date_of(mut parts: DateParts, year: Option<i64>, key: &str) -> DateRead {
    let mut out = DateRead::default();
    let Some(y) = year else {
        out.problem = Some((
            format!(".{key}.year"),
            "missing (a date needs a year)".into(),
        ));
        return out;
    };
    parts.year = y;
    match TimePoint::new(parts) {
        Ok(p) => out.point = Some(p),
        Err(e) => out.problem = Some((format!(".{key}{}", field_of(&e)), e.message())),
    }
    out
}

fn field_of(e: &DateError) -> String {
    match e {
        DateError::OutOfRange { field, .. } if !field.contains(' ') => format!(".{field}"),
        DateError::Gap { field, .. } => format!(".{field}"),
        _ => String::new(),
    }
}

/// An id as given, unless it is too long to be one (a warning; the id is then derived from
/// the headline).
pub(super) fn id<'a>(diags: &mut Diagnostics, path: String, id: Cow<'a, str>) -> Cow<'a, str> {
    if crate::text::char_count(&id) > 200 {
        diags.warn(
            path,
            "longer than 200 characters; an id is derived from the headline instead".into(),
        );
        return Cow::Borrowed("");
    }
    id
}

/// The event, with its dates checked: it needs a start (else a warning names
/// `start_keys`, where it should be, and it is skipped); an end that is wrong or before the
/// start is dropped with a warning. A display date given inside the start's date object
/// stands in for a missing `display_date`.
pub(super) fn event<'a>(
    diags: &mut Diagnostics,
    at: At<'_>,
    mut e: NewEvent<'a>,
    start: Option<Keyed>,
    end: Option<Keyed>,
    start_keys: &str,
) -> Option<NewEvent<'a>> {
    let Some((start, start_key)) = start else {
        diags.warn(
            at(""),
            format!("no start date ({start_keys}); event skipped"),
        );
        return None;
    };
    let (s, display) = checked(diags, start, at, start_key, "event skipped")?;
    e.start = Some(s);
    if e.display_date.trim().is_empty() {
        e.display_date = display.into();
    }
    e.end = end.and_then(|end| end_of(diags, at, s, end));
    Some(e)
}

/// An event's end, if it was read and is not before `start` (else a warning: end ignored).
fn end_of(
    diags: &mut Diagnostics,
    at: At<'_>,
    start: TimePoint,
    (end, key): Keyed,
) -> Option<TimePoint> {
    let (p, _) = checked(diags, end, at, key, "end ignored")?;
    if p.ms() < start.ms() {
        diags.warn(
            at(&format!(".{key}")),
            format!(
                "the end ({}) is before the start ({}); end ignored",
                p.label(),
                start.label()
            ),
        );
        return None;
    }
    Some(p)
}

/// The point of a date that was read, or a warning (with `consequence`) and `None`.
fn checked(
    diags: &mut Diagnostics,
    d: DateRead,
    at: At<'_>,
    key: &str,
    consequence: &str,
) -> Option<(TimePoint, String)> {
    match (d.point, d.problem) {
        (_, Some((field, msg))) => {
            diags.warn(at(&field), format!("{msg}; {consequence}"));
            None
        }
        (None, None) => {
            diags.warn(at(&format!(".{key}")), format!("empty; {consequence}"));
            None
        }
        (Some(p), None) => Some((p, d.display)),
    }
}

/// An era from its dates as read, if both are there and in order (else a warning: era
/// skipped).
pub(super) fn era(
    diags: &mut Diagnostics,
    at: At<'_>,
    start: Option<Keyed>,
    end: Option<Keyed>,
    headline: String,
    text: String,
) -> Option<Era> {
    let mut point = |d: Option<Keyed>, name: &str| match d {
        None => {
            diags.warn(at(""), format!("an era needs {name} date; skipped"));
            None
        }
        Some((d, key)) => checked(diags, d, at, key, "era skipped").map(|p| p.0),
    };
    let (Some(s), Some(e)) = (point(start, "a start"), point(end, "an end")) else {
        return None;
    };
    if e.ms() < s.ms() {
        diags.warn(
            at(""),
            format!(
                "the end ({}) is before the start ({}); era skipped",
                e.label(),
                s.label()
            ),
        );
        return None;
    }
    Some(Era {
        start: s,
        end: e,
        headline,
        text,
    })
}
