//! TimelineJS2's dates, which many newsroom servers still serve and TimelineJS3 no longer
//! reads: `"2011,12,10"` (year, month, day, hour, minute, second; any tail may be left off),
//! `"12/10/2011"` or a bare year. The rest of a TimelineJS2 file
//! (`{"timeline": {"headline", "text", "asset", "date": [...], "era": [...]}}`) is read by
//! the walker in [`super`], by its own keys.

use crate::model::time::truncate_for_message;
use crate::model::{parse_iso, DateParts, TimePoint};
use crate::parse::whole_number;

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
    fn a_timeline_that_is_no_object_is_named_and_skipped() {
        let l = parse(
            r#"{"timeline": 5, "events": [{"start": "2018", "headline": "A"}]}"#,
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(l.dataset.len(), 1);
        assert_eq!(l.warnings.len(), 1, "{:?}", l.warnings);
        assert_eq!(l.warnings[0].path, "timeline");
        assert!(
            l.warnings[0].message.contains("a number"),
            "{:?}",
            l.warnings
        );
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
