//! TimelineJS2's JSON, which many newsroom servers still serve and TimelineJS3 no longer
//! reads: `{"timeline": {"headline", "text", "asset", "date": [...], "era": [...]}}`, with
//! dates written `"2011,12,10"` (year, month, day, hour, minute, second; any tail may be
//! left off), `"12/10/2011"` or a bare year, and media in `asset.media` / `asset.credit` /
//! `asset.caption` / `asset.thumbnail`. Warning paths are the file's own:
//! `timeline.date[3].startDate`.

use super::{checked, end_of, era_of, events, string, DateRead, Keyed, Walk, R};
use crate::model::time::truncate_for_message;
use crate::model::{parse_iso, DateParts, Era, Media, NewEvent, TimePoint, Title};
use crate::parse::json::{Kind, Reader};
use crate::parse::whole_number;
use std::borrow::Cow;

/// The `timeline` object: its title fields, its `date` (events) and `era` arrays.
pub(super) fn timeline(r: &mut Reader<'_>, w: &mut Walk<'_>) -> R<()> {
    w.tl2 = true;
    let k = r.kind()?;
    if k != Kind::Object {
        w.diags.warn(
            "timeline".into(),
            format!("expected an object, found {}; ignored", k.noun()),
        );
        return Ok(());
    }
    let mut t = Title::default();
    let mut obj = r.begin_object()?;
    while let Some(key) = r.next_key(&mut obj)? {
        match &*key {
            "headline" => t.headline = string(r, w, &|| "timeline.headline".into())?.into_owned(),
            "text" => t.text = string(r, w, &|| "timeline.text".into())?.into_owned(),
            "asset" => {
                let m = super::media(r, w, &|| "timeline.asset".into())?;
                t.media = (!m.url.trim().is_empty()).then_some(m);
            }
            "date" => {
                if r.kind()? != Kind::Array {
                    return Err(super::SyntaxError {
                        pos: r.pos(),
                        message: super::SHAPE_EVENTS,
                    });
                }
                w.saw_events = true;
                events(r, w, event)?;
            }
            "era" if super::is_array(r, w, "timeline.era")? => {
                let mut arr = r.begin_array()?;
                while r.next_item(&mut arr)? {
                    if let Some(era) = era(r, w, arr.index())? {
                        w.builder.push_era(era);
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(t) = super::unless_empty(t) {
        w.builder.set_title(t);
    }
    Ok(())
}

/// The keys an event and an era share.
#[derive(Default)]
struct Entry<'a> {
    start: Option<Keyed>,
    end: Option<Keyed>,
    headline: Cow<'a, str>,
    text: Cow<'a, str>,
    tag: Cow<'a, str>,
    media: Media,
}

fn entry<'a>(r: &mut Reader<'a>, w: &mut Walk<'_>, at: &dyn Fn(&str) -> String) -> R<Entry<'a>> {
    let mut e = Entry::default();
    let mut obj = r.begin_object()?;
    while let Some(key) = r.next_key(&mut obj)? {
        let key = &*key;
        let path = || at(&format!(".{key}"));
        match key {
            "startDate" => e.start = Some((date(r, w, "startDate")?, "startDate")),
            "endDate" => e.end = Some((date(r, w, "endDate")?, "endDate")),
            "headline" => e.headline = string(r, w, &path)?,
            "text" => e.text = string(r, w, &path)?,
            "tag" => e.tag = string(r, w, &path)?,
            "asset" => e.media = super::media(r, w, &path)?,
            _ => {}
        }
    }
    Ok(e)
}

fn event<'a>(r: &mut Reader<'a>, w: &mut Walk<'_>, i: usize) -> R<Option<NewEvent<'a>>> {
    let at = |rel: &str| format!("timeline.date[{i}]{rel}");
    if !super::object_or_skip(r, w, "an event", &at)? {
        return Ok(None);
    }
    let e = entry(r, w, &at)?;
    let Some((start, key)) = e.start else {
        w.diags
            .warn(at(""), "no start date (startDate); event skipped".into());
        return Ok(None);
    };
    let Some((s, _)) = checked(w, start, &at, key, "event skipped") else {
        return Ok(None);
    };
    let mut out = NewEvent {
        start: Some(s),
        headline: e.headline,
        text: e.text,
        group: e.tag,
        media: e.media,
        ..NewEvent::default()
    };
    // TimelineJS2 files often repeat the start as the end: that is a point, not a span.
    out.end = e
        .end
        .and_then(|end| end_of(w, &at, s, end))
        .filter(|p| *p != s);
    Ok(Some(out))
}

fn era(r: &mut Reader<'_>, w: &mut Walk<'_>, i: usize) -> R<Option<Era>> {
    let at = |rel: &str| format!("timeline.era[{i}]{rel}");
    if !super::object_or_skip(r, w, "an era", &at)? {
        return Ok(None);
    }
    let e = entry(r, w, &at)?;
    let (headline, text) = (e.headline.into_owned(), e.text.into_owned());
    Ok(era_of(w, &at, e.start, e.end, headline, text))
}

/// A TimelineJS2 date (a string or a number), read as [`read_date`] does.
fn date(r: &mut Reader<'_>, w: &mut Walk<'_>, key: &str) -> R<DateRead> {
    let text = string(r, w, &|| key.into())?;
    let mut out = DateRead::default();
    if text.trim().is_empty() {
        return Ok(out);
    }
    match read_date(&text) {
        Ok(p) => out.point = Some(p),
        Err((field, m)) => {
            let field = if field.is_empty() {
                String::new()
            } else {
                format!(" ({field})")
            };
            out.problem = Some((format!(".{key}"), format!("{m}{field}")));
        }
    }
    Ok(out)
}

/// A date as TimelineJS2 wrote them: `"2011,12,10"` (year, month, day, hour, minute,
/// second), `"12/10/2011"` (month/day/year, as its US-made editor did), a bare year such as
/// `"-500"`, or ISO 8601. On failure: the part that was wrong (or "") and why.
pub(crate) fn read_date(text: &str) -> Result<TimePoint, (&'static str, String)> {
    let t = text.trim();
    let parts: Vec<&str> = if t.contains(',') {
        t.split(',').collect()
    } else if t.contains('/') {
        let mdy: Vec<&str> = t.split('/').collect();
        match mdy.as_slice() {
            [m, d, y] => vec![y, m, d],
            [m, y] => vec![y, m],
            _ => {
                return Err((
                    "",
                    format!(
                        "\"{}\" is not a date (use \"2011,12,10\")",
                        truncate_for_message(t, 30)
                    ),
                ))
            }
        }
    } else if t.contains('-') && !t.starts_with('-') || t.contains('T') {
        return parse_iso(t).map_err(|e| ("", e.message()));
    } else {
        vec![t]
    };
    if parts.len() > 6 {
        return Err((
            "",
            format!(
                "\"{}\" has more than six parts (year, month, day, hour, minute, second)",
                truncate_for_message(t, 30)
            ),
        ));
    }
    const NAMES: [&str; 6] = ["year", "month", "day", "hour", "minute", "second"];
    let mut n = [None; 6];
    for (k, p) in parts.iter().enumerate() {
        let name = NAMES.get(k).copied().unwrap_or("");
        let v = whole_number(p).map_err(|m| (name, m))?;
        if let Some(slot) = n.get_mut(k) {
            *slot = v;
        }
    }
    let [Some(year), month, day, hour, minute, second] = n else {
        return Err(("year", "missing (a date needs a year)".into()));
    };
    TimePoint::new(DateParts {
        year,
        month,
        day,
        hour,
        minute,
        second,
        ..DateParts::default()
    })
    .map_err(|e| ("", e.message()))
}

#[cfg(test)]
mod tests {
    use super::read_date;
    use crate::parse::{parse, Format, Limits};

    #[test]
    fn dates_read_in_each_form_timelinejs2_wrote() {
        let iso = |t: &str| read_date(t).map(|p| p.iso()).unwrap();
        assert_eq!(iso("2011,12,10"), "2011-12-10");
        assert_eq!(iso(" 2011, 12 ,10 "), "2011-12-10");
        assert_eq!(iso("1969,7,21,2,56"), "1969-07-21T02:56");
        assert_eq!(iso("2011,12"), "2011-12");
        assert_eq!(iso("2011"), "2011");
        assert_eq!(iso("-500"), read_date("-500,").map(|p| p.iso()).unwrap());
        assert_eq!(iso("12/10/2011"), "2011-12-10");
        assert_eq!(iso("2011-12-10"), "2011-12-10");
        assert!(read_date("2011,2,30").unwrap_err().1.contains("30"));
        assert_eq!(read_date("2011,x").unwrap_err().0, "month");
        assert!(read_date("1,2,3,4,5,6,7").is_err());
        assert!(read_date("10/2011/5/1").is_err());
    }

    #[test]
    fn a_timelinejs2_file_loads_with_warnings_at_its_own_paths() {
        let l = parse(
            r#"{"timeline": {"headline": "T", "text": "<p>intro</p>",
                "asset": {"media": "https://example.org/a.jpg", "credit": "C"},
                "date": [
                  {"startDate": "2018,9,8", "endDate": "2018,9,8", "headline": "point",
                   "tag": "G", "asset": {"media": "https://example.org/b.jpg", "caption": "cap"}},
                  {"startDate": "2018,2,30", "headline": "no such day"},
                  {"startDate": "2018,13", "headline": "no such month"},
                  {"headline": "no date"},
                  {"startDate": "2018,9,1", "endDate": "2018,9,10", "headline": "span"}
                ],
                "era": [{"startDate": "2018,9,1", "endDate": "2018,9,30", "headline": "Sept"},
                        {"startDate": "2018,9,1", "headline": "open"}]}}"#,
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(l.format, Format::TimelineJs2);
        let paths: Vec<_> = l.warnings.iter().map(|w| w.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "timeline.date[1].startDate",
                "timeline.date[2].startDate",
                "timeline.date[3]",
                "timeline.era[1]",
            ],
            "{:?}",
            l.warnings
        );
        assert!(l.warnings[0].message.contains("event skipped"));
        let ds = &l.dataset;
        assert_eq!(ds.len(), 2);
        let title = ds.title().unwrap();
        assert_eq!(title.headline, "T");
        assert_eq!(title.media.as_ref().unwrap().credit, "C");
        let point = (0..2)
            .filter_map(|i| ds.event(i))
            .find(|e| e.headline() == "point")
            .unwrap();
        assert!(
            point.end().is_none(),
            "an end equal to the start is a point"
        );
        assert_eq!(point.group(), Some("G"));
        assert_eq!(point.media().unwrap().caption(), "cap");
        let span = (0..2)
            .filter_map(|i| ds.event(i))
            .find(|e| e.headline() == "span")
            .unwrap();
        assert_eq!(span.end().unwrap().iso(), "2018-09-10");
        assert_eq!(ds.eras().len(), 1);
    }
}
