//! The TimelineJS / Google Sheets CSV layout.
//!
//! Columns are found by their header names (case and spacing do not matter, order does not
//! matter, unknown columns are ignored): Year, Month, Day, Time, End Year, End Month, End Day,
//! End Time, Display Date, Headline, Text, Media, Media Credit, Media Caption, Media Thumbnail,
//! Type, Group, Background. Timescope also reads Tags, ID, Source, Media Alt, and Start/End
//! columns holding ISO dates. A row whose Type is `title` is the title, `era` an era.
//!
//! Rows are numbered as a spreadsheet shows them (the header is row 1), so a warning's
//! `row 14, column "Month"` points at the cell an editor has to fix, even when cells hold line
//! breaks. The delimiter is detected from the header: comma, semicolon (European Excel) or tab.

use super::json::line_col;
use super::rules::{self, DateRead, Keyed};
use super::timeline_json::valid_colour;
use super::{whole_number, Broken, Diagnostics, Format, Limits, ParseError, Partial};
use crate::model::time::truncate_for_message;
use crate::model::{parse_iso, Builder, DateParts, Era, Media, NewEvent, Title};
use std::borrow::Cow;

/// A record splitter over CSV text (RFC 4180, lenient about stray quotes).
struct Records<'a> {
    src: &'a str,
    pos: usize,
    delim: u8,
}

/// A problem that stops reading: an unterminated quote.
struct Unterminated {
    pos: usize,
}

impl<'a> Records<'a> {
    /// The next record's cells, or `None` at the end.
    fn next_record(&mut self, cells: &mut Vec<Cow<'a, str>>) -> Result<bool, Unterminated> {
        cells.clear();
        let b = self.src.as_bytes();
        if self.pos >= b.len() {
            return Ok(false);
        }
        loop {
            // One cell.
            if b.get(self.pos) == Some(&b'"') {
                let open = self.pos;
                self.pos += 1;
                let mut owned: Option<String> = None;
                let mut run = self.pos;
                loop {
                    match b.get(self.pos) {
                        None => return Err(Unterminated { pos: open }),
                        Some(b'"') if b.get(self.pos + 1) == Some(&b'"') => {
                            let o = owned.get_or_insert_with(String::new);
                            o.push_str(self.src.get(run..=self.pos).unwrap_or(""));
                            self.pos += 2;
                            run = self.pos;
                        }
                        Some(b'"') => break,
                        Some(_) => self.pos += 1,
                    }
                }
                let tail = self.src.get(run..self.pos).unwrap_or("");
                self.pos += 1;
                // Text between the closing quote and the delimiter is kept, leniently.
                let extra_start = self.pos;
                while let Some(&c) = b.get(self.pos) {
                    if c == self.delim || c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
                let extra = self.src.get(extra_start..self.pos).unwrap_or("");
                cells.push(match owned {
                    None if extra.is_empty() => Cow::Borrowed(tail),
                    o => {
                        let mut o = o.unwrap_or_default();
                        o.push_str(tail);
                        o.push_str(extra);
                        Cow::Owned(o)
                    }
                });
            } else {
                let start = self.pos;
                while let Some(&c) = b.get(self.pos) {
                    if c == self.delim || c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
                cells.push(Cow::Borrowed(self.src.get(start..self.pos).unwrap_or("")));
            }
            match b.get(self.pos) {
                Some(&c) if c == self.delim => self.pos += 1,
                Some(b'\r') => {
                    self.pos += 1;
                    if b.get(self.pos) == Some(&b'\n') {
                        self.pos += 1;
                    }
                    return Ok(true);
                }
                Some(b'\n') => {
                    self.pos += 1;
                    return Ok(true);
                }
                _ => return Ok(true),
            }
        }
    }
}

/// The columns Timescope understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    Year,
    Month,
    Day,
    Time,
    EndYear,
    EndMonth,
    EndDay,
    EndTime,
    DisplayDate,
    Headline,
    Text,
    Media,
    MediaCredit,
    MediaCaption,
    MediaThumbnail,
    MediaAlt,
    Type,
    Group,
    Background,
    Tags,
    Id,
    Source,
    Start,
    End,
}

const COL_COUNT: usize = Col::End as usize + 1;

const COLUMNS: [(&str, Col); 27] = [
    ("year", Col::Year),
    ("month", Col::Month),
    ("day", Col::Day),
    ("time", Col::Time),
    ("end year", Col::EndYear),
    ("end month", Col::EndMonth),
    ("end day", Col::EndDay),
    ("end time", Col::EndTime),
    ("display date", Col::DisplayDate),
    ("headline", Col::Headline),
    ("text", Col::Text),
    ("media", Col::Media),
    ("media credit", Col::MediaCredit),
    ("media caption", Col::MediaCaption),
    ("media thumbnail", Col::MediaThumbnail),
    ("media alt", Col::MediaAlt),
    ("media alt text", Col::MediaAlt),
    ("type", Col::Type),
    ("group", Col::Group),
    ("background", Col::Background),
    ("tags", Col::Tags),
    ("id", Col::Id),
    ("unique id", Col::Id),
    ("source", Col::Source),
    ("start", Col::Start),
    ("start date", Col::Start),
    ("end", Col::End),
];

fn detect_delimiter(first_line: &str) -> u8 {
    let mut best = (b',', 0);
    for d in [b',', b';', b'\t'] {
        let n = first_line.bytes().filter(|b| *b == d).count();
        if n > best.1 {
            best = (d, n);
        }
    }
    best.0
}

/// A header cell lowercased, its words (split at spaces and `_`) joined by one space.
fn normalise_header(h: &str) -> String {
    let (mut out, mut gap) = (String::new(), false);
    for c in h.trim().chars() {
        if c.is_ascii_whitespace() || c == '_' {
            gap = !out.is_empty();
            continue;
        }
        if gap {
            out.push(' ');
            gap = false;
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

pub(crate) fn load(
    src: &str,
    limits: &Limits,
    diags: &mut Diagnostics,
    builder: Builder,
) -> Result<Partial, ParseError> {
    let first_line = src.lines().next().unwrap_or("");
    let delim = detect_delimiter(first_line);
    let mut rec = Records { src, pos: 0, delim };
    let mut cells = Vec::new();
    let not_csv = |message: String| ParseError::Syntax {
        format: None,
        message,
        line: 1,
        column: 1,
    };
    match rec.next_record(&mut cells) {
        Ok(true) => {}
        _ => return Err(not_csv("the input is neither JSON nor CSV".into())),
    }
    // Column index for each known column, looked up once (a row asks for ~20 cells).
    let mut map: [Option<usize>; COL_COUNT] = [None; COL_COUNT];
    for (i, h) in cells.iter().enumerate() {
        let n = normalise_header(h);
        if let Some((_, c)) = COLUMNS.iter().find(|(name, _)| *name == n) {
            if let Some(slot) = map.get_mut(*c as usize) {
                slot.get_or_insert(i);
            }
        }
    }
    let has = |c: Col| map.get(c as usize).is_some_and(Option::is_some);
    if !has(Col::Year) && !has(Col::Start) {
        return Err(not_csv(format!("not a timeline: neither JSON (which starts with '{{' or '[') nor CSV with a TimelineJS header row (a Year or Start column, as in the Google Sheets template); the first line is \"{}\"", truncate_for_message(first_line, 60))));
    }
    let mut b = builder;
    let mut origins = Vec::new();
    let mut broken = None;
    let mut row: u32 = 1;
    loop {
        match rec.next_record(&mut cells) {
            Ok(true) => {}
            Ok(false) => break,
            Err(Unterminated { pos }) => {
                let (line, column) = line_col(src, pos);
                if b.is_empty() {
                    return Err(ParseError::Syntax {
                        format: Some(Format::Csv),
                        message: format!("row {}: a quoted cell is never closed", row + 1),
                        line,
                        column,
                    });
                }
                broken = Some(Broken {
                    message: format!("row {}: a quoted cell is never closed", row + 1),
                    line,
                    column,
                });
                diags.warn(
                    format!("row {}", row + 1),
                    format!("a quoted cell opened at line {line}, column {column} is never closed; the rows after it did not load"),
                );
                break;
            }
        }
        row += 1;
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let r = Row {
            cells: &cells,
            map: &map,
            row,
        };
        match r.get(Col::Type).trim().to_ascii_lowercase().as_str() {
            "title" => {
                let media = r.media();
                b.set_title(Title {
                    headline: r.get(Col::Headline).into(),
                    text: r.get(Col::Text).into(),
                    media: (!media.url.trim().is_empty()).then_some(media),
                });
            }
            "era" => {
                if let Some(era) = r.era(diags) {
                    b.push_era(era);
                }
            }
            _ => {
                if b.len() >= limits.max_events {
                    return Err(ParseError::TooLarge {
                        what: "events",
                        limit: limits.max_events,
                    });
                }
                if let Some(e) = r.event(diags) {
                    if b.push(e) {
                        origins.push(row);
                    }
                }
            }
        }
    }
    Ok(Partial {
        builder: b,
        format: Format::Csv,
        origins,
        broken,
    })
}

struct Row<'r, 'a> {
    cells: &'r [Cow<'a, str>],
    map: &'r [Option<usize>; COL_COUNT],
    row: u32,
}

/// Which set of date columns.
#[derive(Clone, Copy)]
enum Which {
    Start,
    End,
}

impl<'r> Row<'r, '_> {
    fn get(&self, col: Col) -> &'r str {
        self.map
            .get(col as usize)
            .copied()
            .flatten()
            .and_then(|i| self.cells.get(i))
            .map_or("", |c| c.as_ref())
    }

    /// A warning's path, from one relative to the entry in the JSON walker's terms
    /// (`.start_date.month`, see `rules`): the row, and the column to fix.
    fn at(&self, rel: &str) -> String {
        if rel.is_empty() {
            return format!("row {}", self.row);
        }
        let (end, field) = match rel.split_once("_date") {
            Some((".start", f)) => ("", f),
            Some((".end", f)) => ("End ", f),
            _ => ("", rel),
        };
        let name = match field {
            // The date as a whole (`.start_date`): its year is where it starts.
            "" | ".year" => "Year",
            ".month" => "Month",
            ".day" => "Day",
            ".hour" | ".minute" | ".second" | ".millisecond" => "Time",
            ".start" => "Start",
            ".end" => "End",
            ".unique_id" => "ID",
            _ => return format!("row {}", self.row),
        };
        format!("row {}, column \"{end}{name}\"", self.row)
    }

    fn media(&self) -> Media {
        Media {
            url: self.get(Col::Media).into(),
            caption: self.get(Col::MediaCaption).into(),
            credit: self.get(Col::MediaCredit).into(),
            thumbnail: self.get(Col::MediaThumbnail).into(),
            alt: self.get(Col::MediaAlt).into(),
            ..Media::default()
        }
    }

    /// One date as read from the Year/Month/Day/Time columns (or Start/End, ISO), under the
    /// JSON walker's key for it; `None` when none of its columns is filled in.
    fn date(&self, which: Which) -> Option<Keyed> {
        let (iso, y, m, d, t, iso_key, key) = match which {
            Which::Start => (
                Col::Start,
                Col::Year,
                Col::Month,
                Col::Day,
                Col::Time,
                "start",
                "start_date",
            ),
            Which::End => (
                Col::End,
                Col::EndYear,
                Col::EndMonth,
                Col::EndDay,
                Col::EndTime,
                "end",
                "end_date",
            ),
        };
        let iso_text = self.get(iso).trim();
        if !iso_text.is_empty() && self.get(y).trim().is_empty() {
            let parsed = parse_iso(iso_text).map_err(|e| e.message());
            return Some((DateRead::of(parsed, iso_key), iso_key));
        }
        if [y, m, d, t].iter().all(|c| self.get(*c).trim().is_empty()) {
            return None;
        }
        let mut problem = None;
        let mut field = |v: Result<Option<i64>, String>, name: &str| {
            v.unwrap_or_else(|e| {
                problem.get_or_insert_with(|| (format!(".{key}.{name}"), e));
                None
            })
        };
        let year = field(whole_number(self.get(y)), "year");
        let month = field(month_value(self.get(m)), "month");
        let day = field(whole_number(self.get(d)), "day");
        let (hour, minute, second, millisecond) = time_of_day(self.get(t)).unwrap_or_else(|e| {
            problem.get_or_insert_with(|| (format!(".{key}.hour"), e));
            (None, None, None, None)
        });
        if problem.is_some() {
            return Some((
                DateRead {
                    problem,
                    ..DateRead::default()
                },
                key,
            ));
        }
        let parts = DateParts {
            month,
            day,
            hour,
            minute,
            second,
            millisecond,
            ..DateParts::default()
        };
        Some((rules::date_of(parts, year, key), key))
    }

    fn event(&self, diags: &mut Diagnostics) -> Option<NewEvent<'r>> {
        let background = self.get(Col::Background).trim();
        // The Background column holds a colour or an image's address.
        let (background, background_image) = if valid_colour(background) {
            (background, "")
        } else {
            ("", background)
        };
        let e = NewEvent {
            id: rules::id(diags, self.at(".unique_id"), self.get(Col::Id).into()),
            start: None,
            end: None,
            headline: self.get(Col::Headline).into(),
            text: self.get(Col::Text).into(),
            display_date: self.get(Col::DisplayDate).into(),
            media: self.media(),
            group: self.get(Col::Group).into(),
            tags: self
                .get(Col::Tags)
                .split(',')
                .map(|t| t.trim().into())
                .collect(),
            background: background.into(),
            background_image: background_image.into(),
            source: self.get(Col::Source).into(),
        };
        let (start, end) = (self.date(Which::Start), self.date(Which::End));
        rules::event(
            diags,
            &|rel| self.at(rel),
            e,
            start,
            end,
            "a Year or Start column",
        )
    }

    fn era(&self, diags: &mut Diagnostics) -> Option<Era> {
        let (start, end) = (self.date(Which::Start), self.date(Which::End));
        let (headline, text) = (self.get(Col::Headline), self.get(Col::Text));
        rules::era(
            diags,
            &|rel| self.at(rel),
            start,
            end,
            headline.into(),
            text.into(),
        )
    }
}

/// A month as a number (`7`, `"07"`) or an English name (`July`, `Jul`).
fn month_value(s: &str) -> Result<Option<i64>, String> {
    let t = s.trim();
    if t.len() >= 3 && t.bytes().all(|b| b.is_ascii_alphabetic()) {
        let lower = t.to_ascii_lowercase();
        return (1..=12u32)
            .find(|m| {
                let name = crate::model::time::month_name(*m).to_ascii_lowercase();
                name == lower || name.get(..3) == Some(lower.as_str())
            })
            .map(|m| Some(i64::from(m)))
            .ok_or_else(|| format!("\"{}\" is not a month", truncate_for_message(t, 20)));
    }
    whole_number(t)
}

type Hms = (Option<i64>, Option<i64>, Option<i64>, Option<i64>);

/// TimelineJS's Time column: `14:05`, `14:05:30`, `14:05:30.250`, `2:05 PM`, `2 pm`.
fn time_of_day(s: &str) -> Result<Hms, String> {
    let t = s.trim();
    if t.is_empty() {
        return Ok((None, None, None, None));
    }
    let bad = || {
        format!(
            "\"{}\" is not a time of day (e.g. 14:05, 14:05:30 or 2:05 PM)",
            truncate_for_message(t, 20)
        )
    };
    let lower = t.to_ascii_lowercase();
    let (clock, pm) = if let Some(c) = lower.strip_suffix("pm") {
        (c.trim_end().trim_end_matches('.'), Some(true))
    } else if let Some(c) = lower.strip_suffix("am") {
        (c.trim_end().trim_end_matches('.'), Some(false))
    } else {
        (lower.as_str(), None)
    };
    let mut parts = clock.split(':');
    let num = |p: Option<&str>| -> Result<Option<i64>, String> {
        match p {
            None => Ok(None),
            Some(p) if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) || p.len() > 2 => {
                Err(bad())
            }
            Some(p) => crate::text::radix(p, 10)
                .map(|v| Some(v as i64))
                .ok_or_else(bad),
        }
    };
    let hour = num(parts.next())?.ok_or_else(bad)?;
    let minute = num(parts.next())?;
    let (second, millisecond) = match parts.next() {
        None => (None, None),
        Some(sec) => match sec.split_once('.') {
            Some((s, ms))
                if !ms.is_empty() && ms.len() <= 3 && ms.bytes().all(|b| b.is_ascii_digit()) =>
            {
                let v = crate::text::radix(ms, 10).ok_or_else(bad)? as i64;
                (num(Some(s))?, Some(v * 10i64.pow(3 - ms.len() as u32)))
            }
            Some(_) => return Err(bad()),
            None => (num(Some(sec))?, None),
        },
    };
    if parts.next().is_some() {
        return Err(bad());
    }
    let hour = match pm {
        Some(_) if !(1..=12).contains(&hour) => return Err(bad()),
        Some(true) if hour < 12 => hour + 12,
        Some(false) if hour == 12 => 0,
        _ => hour,
    };
    Ok((Some(hour), Some(minute.unwrap_or(0)), second, millisecond))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{parse, Limits};

    #[test]
    fn header_cells_are_matched_by_their_words() {
        for (cell, want) in [
            ("  End_Year ", "end year"),
            ("Media \t Credit", "media credit"),
            ("_a__b_", "a b"),
            ("DISPLAY DATE", "display date"),
            ("Média\u{a0}Alt", "média\u{a0}alt"),
            ("", ""),
        ] {
            assert_eq!(normalise_header(cell), want, "{cell:?}");
        }
    }

    const HEADER: &str = "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n";

    #[test]
    fn quoted_cells_hold_commas_quotes_and_newlines() {
        let mut r = Records {
            src: "a,\"b,\"\"c\"\"\nd\",e\r\n\"\"\n",
            pos: 0,
            delim: b',',
        };
        let mut cells = Vec::new();
        assert!(r.next_record(&mut cells).ok().unwrap());
        assert_eq!(cells, ["a", "b,\"c\"\nd", "e"]);
        assert!(r.next_record(&mut cells).ok().unwrap());
        assert_eq!(cells, [""]);
        assert!(!r.next_record(&mut cells).ok().unwrap());
    }

    #[test]
    fn reads_title_era_and_event_rows() {
        let src = format!(
            "{HEADER},,,,,,,,,My Title,Intro,,,,,title,,\n\
             1939,9,1,,1945,9,2,,,War,,,,,,era,,\n\
             1943,7,,,1946,,,,,\"ENIAC, women\",\"<p>a \"\"b\"\"\nc</p>\",https://x/y.jpg,Credit,Cap,,,People,#ffcc00\n\
             2018,9,8,2:05 PM,,,,,Saturday,Strikes,,,,,,,,https://img/bg.jpg\n"
        );
        let l = parse(&src, &Limits::default()).unwrap();
        assert_eq!(l.format, Format::Csv);
        assert!(l.warnings.is_empty(), "{:?}", l.warnings);
        let ds = &l.dataset;
        assert_eq!(ds.title().unwrap().headline, "My Title");
        assert_eq!(ds.eras()[0].headline, "War");
        assert_eq!(ds.len(), 2);
        let e = ds.event(0).unwrap();
        assert_eq!(e.headline(), "ENIAC, women");
        assert_eq!(e.text(), "<p>a \"b\"\nc</p>");
        assert_eq!(e.start().iso(), "1943-07");
        assert_eq!(e.end().unwrap().iso(), "1946");
        assert_eq!(e.group(), Some("People"));
        assert_eq!(e.background(), Some("#ffcc00"));
        assert_eq!(e.media().unwrap().credit(), "Credit");
        let s = ds.event(1).unwrap();
        assert_eq!(s.start().iso(), "2018-09-08T14:05");
        assert_eq!(s.background(), None, "an image URL is not a colour");
        assert!(
            s.background_image().is_some_and(|u| u.starts_with("http")),
            "it is the slide's image"
        );
        assert_eq!(e.background_image(), None);
    }

    #[test]
    fn bad_rows_name_row_and_column_and_the_rest_load() {
        let long_id = "x".repeat(201);
        let header = HEADER.replace('\n', ",ID\n");
        let src = format!(
            "{header}2018,13,1,,,,,,,a,,,,,,,,\n\
             2018,2,30,,,,,,,b,,,,,,,,\n\
             ,,,,,,,,,no year,,,,,,,,\n\
             1999x,,,,,,,,,c,,,,,,,,\n\
             2018,1,3rd,,,,,,,d,,,,,,,,\n\
             2018,1,1,25:00,,,,,,e,,,,,,,,\n\
             2018,,,,2017,,,,,f,,,,,,,,\n\
             ,5,,,,,,,,g,,,,,,,,\n\
             1939,,,,,,,,,War,,,,,,era,,\n\
             1945,,,,1939,,,,,Peace,,,,,,era,,\n\
             2018,9,8,,,,,,,good,,,,,,,,,{long_id}\n"
        );
        let l = parse(&src, &Limits::default()).unwrap();
        let w: Vec<_> = l.warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(
            w,
            [
                "row 2, column \"Month\": 13 is not a valid month (expected 1–12); event skipped",
                "row 3, column \"Day\": 30 is not a valid day (expected 1–28 in February 2018); event skipped",
                "row 4: no start date (a Year or Start column); event skipped",
                "row 5, column \"Year\": \"1999x\" is not a whole number; event skipped",
                "row 6, column \"Day\": \"3rd\" is not a whole number; event skipped",
                "row 7, column \"Time\": 25 is not a valid hour (expected 0–23); event skipped",
                "row 8, column \"End Year\": the end (2017) is before the start (2018); end ignored",
                "row 9, column \"Year\": missing (a date needs a year); event skipped",
                "row 10: an era needs an end date; skipped",
                "row 11: the end (1939) is before the start (1945); era skipped",
                "row 12, column \"ID\": longer than 200 characters; an id is derived from the headline instead",
            ]
        );
        assert_eq!(l.dataset.len(), 2);
        assert_eq!(l.dataset.event(1).unwrap().id(), "good");
    }

    #[test]
    fn iso_columns_name_their_column() {
        let l = parse(
            "Start,End,Headline\n2018-01-02,2017-05-01,a\n2018-02-30,,b\n2018-03-01,,c\n",
            &Limits::default(),
        )
        .unwrap();
        let w: Vec<_> = l.warnings.iter().map(|w| w.path.as_str()).collect();
        assert_eq!(w, ["row 2, column \"End\"", "row 3, column \"Start\""]);
        assert_eq!(l.dataset.len(), 2);
    }

    #[test]
    fn semicolons_tags_and_iso_columns() {
        let src =
            "Start;End;Headline;Tags;ID;Source\n2018-09-08;;Strikes;\"Idlib, Hama\";s1;SOHR\n";
        let l = parse(src, &Limits::default()).unwrap();
        let e = l.dataset.event(0).unwrap();
        assert_eq!(e.id(), "s1");
        assert_eq!(e.tags().collect::<Vec<_>>(), ["Idlib", "Hama"]);
        assert_eq!(e.source(), Some("SOHR"));
    }

    #[test]
    fn not_a_timeline_csv_is_fatal_with_a_reason() {
        let e = parse("hello world\n", &Limits::default()).unwrap_err();
        assert!(e.to_string().contains("a Year or Start column"), "{e}");
        let e = parse(&format!("{HEADER}2018,\"oops\n"), &Limits::default()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "not valid CSV at line 2, column 6: row 2: a quoted cell is never closed"
        );
    }

    #[test]
    fn times_of_day() {
        assert_eq!(time_of_day("14:05"), Ok((Some(14), Some(5), None, None)));
        assert_eq!(time_of_day("2:05 PM"), Ok((Some(14), Some(5), None, None)));
        assert_eq!(time_of_day("12 am"), Ok((Some(0), Some(0), None, None)));
        assert_eq!(
            time_of_day("14:05:30.25"),
            Ok((Some(14), Some(5), Some(30), Some(250)))
        );
        assert!(time_of_day("13 pm").is_err());
        assert!(time_of_day("noon").is_err());
        assert!(time_of_day("1:2:3:4").is_err());
    }

    #[test]
    fn month_names() {
        assert_eq!(month_value("July"), Ok(Some(7)));
        assert_eq!(month_value("sep"), Ok(Some(9)));
        assert!(month_value("Smarch").is_err());
    }
}
