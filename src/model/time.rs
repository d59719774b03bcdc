//! Points in time as authors write them.
//!
//! A [`TimePoint`] keeps the calendar fields the author gave and how precise they were, so a label
//! can say "1952", "July 1943" or "8 Sep 2018 14:05" as authored. Years are plain `i64`s in
//! astronomical numbering (TimelineJS's negative years), wide enough for "13.8 billion years ago".
//! Every date chrono can hold (years ±262,143) is validated and converted through chrono's
//! types: [`NaiveDate`], [`NaiveTime`], [`NaiveDateTime`] and [`FixedOffset`]. Years beyond
//! it (cosmological timelines) are given to the year only and take a deep-time path: the
//! proleptic Gregorian day count of their first day, which the tests check against chrono
//! where the two ranges meet.
//!
//! Every point maps to one axis value, [`TimePoint::ms`]: milliseconds since 1970-01-01 UTC as
//! an `f64`, exact for human dates and within seconds at billions of years.

use chrono::{Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike};
use core::fmt;

/// How finely the author specified a time point: the finest field given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// Only the year (`1952`, `-13800000000`).
    Year,
    /// Year and month (`July 1943`).
    Month,
    /// A calendar day.
    Day,
    /// Down to the hour.
    Hour,
    /// Down to the minute.
    Minute,
    /// Down to the second.
    Second,
    /// Down to the millisecond.
    Millisecond,
}

/// Milliseconds in one day.
pub const MS_PER_DAY: f64 = 86_400_000.0;
/// Milliseconds in an average Gregorian year (365.2425 days).
pub const MS_PER_YEAR: f64 = 365.2425 * MS_PER_DAY;
/// The largest year magnitude accepted: seven times the age of the universe is plenty, and it
/// keeps every axis value finite and ordered.
pub const MAX_YEAR: i64 = 100_000_000_000;

/// Why a set of date fields does not name a real moment.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DateError {
    /// A field is outside its range, e.g. month 13 or 30 February.
    OutOfRange {
        /// The field's name (`"month"`).
        field: &'static str,
        /// The value given.
        value: i64,
        /// A human description of the valid range (`"1–12"`).
        range: String,
    },
    /// A finer field is given while a coarser one is missing (a day without a month).
    Gap {
        /// The field that was given.
        field: &'static str,
        /// The missing coarser field.
        missing: &'static str,
    },
    /// A month, day or time is given for a year beyond the calendar (deep time is given to
    /// the year).
    DeepTime {
        /// The field that was given.
        field: &'static str,
        /// The year.
        year: i64,
    },
    /// The text is not a date in a form Timescope reads.
    Syntax(String),
}

impl DateError {
    /// What is wrong, in words (the `Display` text).
    pub fn message(&self) -> String {
        match self {
            DateError::OutOfRange {
                field,
                value,
                range,
            } => format!("{value} is not a valid {field} (expected {range})"),
            DateError::Gap { field, missing } => {
                format!("{field} is given without a {missing}")
            }
            DateError::DeepTime { field, year } => format!("a {field} is given for the year {year}, beyond the calendar (years ±262143): such years are given to the year only"),
            DateError::Syntax(msg) => msg.clone(),
        }
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for DateError {}

/// The date fields an author wrote; `None` means "not given".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DateParts {
    /// Astronomical year: 0 is 1 BCE, -500 is shown as "500 BCE" (as TimelineJS does).
    pub year: i64,
    /// 1–12.
    pub month: Option<i64>,
    /// 1–31, checked against the month.
    pub day: Option<i64>,
    /// 0–23.
    pub hour: Option<i64>,
    /// 0–59.
    pub minute: Option<i64>,
    /// 0–59.
    pub second: Option<i64>,
    /// 0–999.
    pub millisecond: Option<i64>,
    /// Explicit UTC offset in minutes (`+03:00` is 180). `None`: a floating calendar time.
    pub offset_minutes: Option<i64>,
}

/// A moment or span start as authored: calendar fields plus their precision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TimePoint {
    year: i64,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
    precision: Precision,
    millisecond: u16,
    /// `i16::MIN` stands for "no offset" to keep the struct small (it is stored per event).
    offset: i16,
}

const NO_OFFSET: i16 = i16::MIN;

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Days from 0001-01-01 (day 1 in chrono's count) to 1970-01-01.
const EPOCH_FROM_CE: i64 = 719_163;

/// The date chrono holds for these fields, if it can hold the year and they name a real day.
fn date(year: i64, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// True if chrono's calendar reaches `year`; beyond it, a year is deep time.
pub fn in_calendar(year: i64) -> bool {
    (i64::from(NaiveDate::MIN.year())..=i64::from(NaiveDate::MAX.year())).contains(&year)
}

/// True for Gregorian leap years (proleptic, astronomical numbering).
pub fn is_leap_year(year: i64) -> bool {
    match date(year, 1, 1) {
        Some(d) => d.leap_year(),
        None => year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0),
    }
}

/// Number of days in `month` (1–12) of `year`; 0 for an invalid month.
pub fn days_in_month(year: i64, month: u32) -> u32 {
    if !(1..=12).contains(&month) {
        return 0;
    }
    if in_calendar(year) {
        return (28..=31)
            .rev()
            .find(|&d| date(year, month, d).is_some())
            .unwrap_or(0);
    }
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to the given proleptic Gregorian date: chrono's count where it holds
/// the date, the deep-time count ([`deep_days`]) beyond.
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    match date(year, month, day) {
        Some(d) => i64::from(d.num_days_from_ce()) - EPOCH_FROM_CE,
        None => deep_days(year, month, day),
    }
}

/// The deep-time day count (Howard Hinnant's `days_from_civil`), for years beyond chrono's
/// calendar, valid to [`MAX_YEAR`].
fn deep_days(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(month);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`]: (year, month, day) of a day number.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let ce = i32::try_from(days + EPOCH_FROM_CE).ok();
    if let Some(d) = ce.and_then(NaiveDate::from_num_days_from_ce_opt) {
        return (i64::from(d.year()), d.month(), d.day());
    }
    deep_civil(days)
}

/// The inverse of [`deep_days`].
fn deep_civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn check(field: &'static str, value: i64, lo: i64, hi: i64) -> Result<u32, DateError> {
    if (lo..=hi).contains(&value) {
        Ok(value as u32)
    } else {
        Err(DateError::OutOfRange {
            field,
            value,
            range: format!("{lo}–{hi}"),
        })
    }
}

impl TimePoint {
    /// Validates the parts and builds a point; the precision is the finest field given.
    /// Impossible dates are errors, never rolled over (30 February stays an error).
    pub fn new(p: DateParts) -> Result<TimePoint, DateError> {
        if p.year.abs() > MAX_YEAR {
            return Err(DateError::OutOfRange {
                field: "year",
                value: p.year,
                range: format!("-{}–{}", MAX_YEAR, MAX_YEAR),
            });
        }
        let chain: [(&'static str, Option<i64>); 6] = [
            ("month", p.month),
            ("day", p.day),
            ("hour", p.hour),
            ("minute", p.minute),
            ("second", p.second),
            ("millisecond", p.millisecond),
        ];
        // A finer field needs the coarser ones for the calendar fields (a day needs a month);
        // time-of-day fields may skip (hour and minute without seconds is ordinary).
        let mut precision = Precision::Year;
        let mut prev: (&'static str, bool) = ("year", true);
        for (i, (name, value)) in chain.iter().enumerate() {
            if value.is_some() {
                if !prev.1 && i <= 2 {
                    return Err(DateError::Gap {
                        field: name,
                        missing: prev.0,
                    });
                }
                precision = match i {
                    0 => Precision::Month,
                    1 => Precision::Day,
                    2 => Precision::Hour,
                    3 => Precision::Minute,
                    4 => Precision::Second,
                    _ => Precision::Millisecond,
                };
            }
            prev = (name, value.is_some());
        }
        if !in_calendar(p.year) && precision > Precision::Year {
            let field = chain
                .iter()
                .find(|(_, v)| v.is_some())
                .map_or("month", |(n, _)| n);
            return Err(DateError::DeepTime {
                field,
                year: p.year,
            });
        }
        let month = check("month", p.month.unwrap_or(1), 1, 12)?;
        let day = p.day.unwrap_or(1);
        // The day is checked by chrono's calendar (30 February is no date).
        let day = match u32::try_from(day)
            .ok()
            .filter(|&d| !in_calendar(p.year) || date(p.year, month, d).is_some())
        {
            Some(d) => d,
            None => {
                let dim = days_in_month(p.year, month);
                return Err(DateError::OutOfRange {
                    field: "day",
                    value: day,
                    range: format!("1–{dim} in {} {}", month_name(month), p.year),
                });
            }
        };
        let hour = check("hour", p.hour.unwrap_or(0), 0, 23)?;
        let minute = check("minute", p.minute.unwrap_or(0), 0, 59)?;
        let second = check("second", p.second.unwrap_or(0), 0, 59)?;
        let millisecond = check("millisecond", p.millisecond.unwrap_or(0), 0, 999)?;
        let offset = match p.offset_minutes {
            Some(o) => {
                check("UTC offset in minutes", o.abs(), 0, 18 * 60)?;
                o as i16
            }
            None => NO_OFFSET,
        };
        Ok(TimePoint {
            year: p.year,
            month: month as u8,
            day: day as u8,
            hour: hour as u8,
            minute: minute as u8,
            second: second as u8,
            precision,
            millisecond: millisecond as u16,
            offset,
        })
    }

    /// A point at year precision.
    pub fn year(year: i64) -> Result<TimePoint, DateError> {
        TimePoint::new(DateParts {
            year,
            ..DateParts::default()
        })
    }

    /// The point for an axis value, at the given precision, in UTC. Used to turn view ranges
    /// back into calendar dates; years beyond the calendar's reach use the average year.
    pub fn from_ms(ms: f64, precision: Precision) -> TimePoint {
        if let Some(t) = (ms.abs() < 8.0e18)
            .then(|| chrono::DateTime::from_timestamp_millis(ms.floor() as i64))
            .flatten()
        {
            let t = t.naive_utc();
            return TimePoint {
                year: i64::from(t.year()),
                month: t.month() as u8,
                day: t.day() as u8,
                hour: t.hour() as u8,
                minute: t.minute() as u8,
                second: t.second() as u8,
                precision,
                millisecond: (t.nanosecond() / 1_000_000).min(999) as u16,
                offset: NO_OFFSET,
            };
        }
        let days = (ms / MS_PER_DAY).floor();
        let (year, month, day, rem) = if days.abs() < 3.0e13 {
            let d = days as i64;
            let (y, m, dd) = civil_from_days(d);
            (y, m, dd, (ms - days * MS_PER_DAY).max(0.0))
        } else {
            ((ms / MS_PER_YEAR).floor() as i64 + 1970, 1, 1, 0.0)
        };
        let rem = rem as i64;
        TimePoint {
            year: year.clamp(-MAX_YEAR, MAX_YEAR),
            month: month as u8,
            day: day as u8,
            hour: (rem / 3_600_000) as u8,
            minute: (rem / 60_000 % 60) as u8,
            second: (rem / 1000 % 60) as u8,
            precision,
            millisecond: (rem % 1000) as u16,
            offset: NO_OFFSET,
        }
    }

    /// The position on the axis: milliseconds since 1970-01-01T00:00:00Z. A point without an
    /// explicit offset is a calendar time and is placed as if it were UTC, so it never shifts
    /// with the reader's time zone.
    pub fn ms(&self) -> f64 {
        // The day through chrono's calendar (or the deep-time count beyond it), then the time
        // of day: what `to_chrono()?.timestamp_millis()` gives, without building the
        // `DateTime` for every event of a load.
        let days = days_from_civil(self.year, u32::from(self.month), u32::from(self.day));
        let in_day = i64::from(self.hour) * 3_600_000
            + i64::from(self.minute) * 60_000
            + i64::from(self.second) * 1000
            + i64::from(self.millisecond)
            - self.offset_minutes().map_or(0, |o| o * 60_000);
        days as f64 * MS_PER_DAY + in_day as f64
    }

    /// The moment as chrono holds it, with its offset (UTC for a calendar time), when the
    /// year is within chrono's calendar.
    pub fn to_chrono(&self) -> Option<chrono::DateTime<FixedOffset>> {
        let d = date(self.year, self.month(), self.day())?;
        let t = NaiveTime::from_hms_milli_opt(
            self.hour(),
            self.minute(),
            self.second(),
            self.millisecond(),
        )?;
        let offset =
            FixedOffset::east_opt(i32::try_from(self.offset_minutes().unwrap_or(0) * 60).ok()?)?;
        offset
            .from_local_datetime(&NaiveDateTime::new(d, t))
            .single()
    }

    /// The precision the author gave.
    pub fn precision(&self) -> Precision {
        self.precision
    }
    /// Astronomical year.
    pub fn year_value(&self) -> i64 {
        self.year
    }
    /// Month 1–12 (1 when not given).
    pub fn month(&self) -> u32 {
        u32::from(self.month)
    }
    /// Day of month (1 when not given).
    pub fn day(&self) -> u32 {
        u32::from(self.day)
    }
    /// Hour 0–23.
    pub fn hour(&self) -> u32 {
        u32::from(self.hour)
    }
    /// Minute 0–59.
    pub fn minute(&self) -> u32 {
        u32::from(self.minute)
    }
    /// Second 0–59.
    pub fn second(&self) -> u32 {
        u32::from(self.second)
    }
    /// Millisecond 0–999.
    pub fn millisecond(&self) -> u32 {
        u32::from(self.millisecond)
    }
    /// The explicit UTC offset in minutes, if the author gave one.
    pub fn offset_minutes(&self) -> Option<i64> {
        (self.offset != NO_OFFSET).then_some(i64::from(self.offset))
    }

    /// The end of the period this point names: the last millisecond of its year for a year,
    /// of its day for a day, and so on. An era "1939–1945" reaches to the end of 1945.
    pub fn end_of_period_ms(&self) -> f64 {
        let start = self.ms();
        match self.precision {
            Precision::Year => {
                let next = days_from_civil(self.year + 1, 1, 1) as f64 * MS_PER_DAY;
                start + (next - days_from_civil(self.year, 1, 1) as f64 * MS_PER_DAY)
            }
            Precision::Month => {
                start + f64::from(days_in_month(self.year, self.month())) * MS_PER_DAY
            }
            Precision::Day => start + MS_PER_DAY,
            Precision::Hour => start + 3_600_000.0,
            Precision::Minute => start + 60_000.0,
            Precision::Second => start + 1000.0,
            Precision::Millisecond => start + 1.0,
        }
    }

    /// An English label at the authored precision: "1952", "500 BCE", "13.8 billion years ago",
    /// "July 1943", "8 Sep 2018", "8 Sep 2018 14:05". The browser localises labels through
    /// `Intl`; this one serves the command-line tool and is the fallback.
    pub fn label(&self) -> String {
        let year = year_label(self.year);
        let mon = month_name(self.month());
        let short = mon.get(..3).unwrap_or(mon);
        let p = self.precision;
        match p {
            Precision::Year => return year,
            Precision::Month => return format!("{mon} {year}"),
            _ => {}
        }
        let mut s = format!("{} {short} {year}", self.day);
        if p >= Precision::Hour {
            s += &format!(" {:02}:{:02}", self.hour, self.minute);
        }
        if p >= Precision::Second {
            s += &format!(":{:02}", self.second);
        }
        if p >= Precision::Millisecond {
            s += &format!(".{:03}", self.millisecond);
        }
        s
    }

    /// ISO 8601 at the authored precision (`2018-09`, `-0500`, `2018-09-08T14:05+03:00`),
    /// the form the native format uses and [`parse_iso`] reads back.
    pub fn iso(&self) -> String {
        let mut s = if (0..=9999).contains(&self.year) {
            format!("{:04}", self.year)
        } else if (-9999..0).contains(&self.year) {
            format!("-{:04}", -self.year)
        } else {
            self.year.to_string()
        };
        let p = self.precision;
        if p >= Precision::Month {
            s += &format!("-{:02}", i64::from(self.month));
        }
        if p >= Precision::Day {
            s += &format!("-{:02}", i64::from(self.day));
        }
        if p >= Precision::Hour {
            s += &format!("T{:02}:{:02}", i64::from(self.hour), i64::from(self.minute));
        }
        if p >= Precision::Second {
            s += &format!(":{:02}", i64::from(self.second));
        }
        if p >= Precision::Millisecond {
            s += &format!(".{:03}", i64::from(self.millisecond));
        }
        if let Some(o) = self.offset_minutes() {
            if o == 0 {
                s.push('Z');
            } else {
                let sign = if o < 0 { '-' } else { '+' };
                s += &format!("{sign}{:02}:{:02}", o.abs() / 60, o.abs() % 60);
            }
        }
        s
    }
}

/// English month name for 1–12 ("" otherwise).
pub fn month_name(month: u32) -> &'static str {
    month
        .checked_sub(1)
        .and_then(|i| MONTH_NAMES.get(i as usize))
        .copied()
        .unwrap_or("")
}

/// A year as a reader says it: "1952", "500 BCE", "540 million years ago".
pub fn year_label(year: i64) -> String {
    if year >= 0 {
        return year.to_string();
    }
    let ago = -year;
    if ago >= 1_000_000 {
        let (unit, div) = if ago >= 1_000_000_000 {
            ("billion", 1_000_000_000)
        } else {
            ("million", 1_000_000)
        };
        return format!("{} {unit} years ago", decimal_3(ago, div));
    }
    // Astronomical numbering would say year 0 is 1 BCE; TimelineJS shows -500 as "500 BCE",
    // and authors of its data expect that, so the label follows TimelineJS.
    if ago >= 10_000 {
        format!("{} BCE", group_thousands(ago))
    } else {
        format!("{ago} BCE")
    }
}

/// `value / div` with up to three significant digits and no float formatting machinery:
/// 13_800_000_000 / 1e9 = "13.8", 4_600_000_000 / 1e9 = "4.6", 540_000_000 / 1e6 = "540".
pub fn decimal_3(value: i64, div: i64) -> String {
    let whole = value / div;
    let digits_whole = whole.to_string().len();
    let decimals = 3usize.saturating_sub(digits_whole);
    let mut scale = 1i64;
    for _ in 0..decimals {
        scale *= 10;
    }
    // value < 1e12 and scale <= 100, so the product fits an i64 easily.
    let scaled = (value.saturating_mul(scale) + div / 2) / div;
    let (w, mut frac) = (scaled / scale, scaled % scale);
    let mut width = decimals;
    while width > 0 && frac % 10 == 0 {
        frac /= 10;
        width -= 1;
    }
    if width == 0 {
        w.to_string()
    } else {
        format!("{w}.{:0width$}", frac)
    }
}

/// "12000" -> "12,000".
pub fn group_thousands(n: i64) -> String {
    let s = (n.unsigned_abs()).to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Reads an ISO 8601 date as the native format writes it: `2018`, `-0500`, `-13800000000`,
/// `2018-09`, `2018-09-08`, `2018-09-08T14:05`, `…:30`, `…:30.250`, with an optional `Z` or
/// `±HH:MM` offset (a space may stand for the `T`).
pub fn parse_iso(text: &str) -> Result<TimePoint, DateError> {
    let t = text.trim();
    let bad = || {
        DateError::Syntax(format!("\"{}\" is not an ISO 8601 date (e.g. \"2018-09-08\", \"2018-09\", \"-0500\", \"2018-09-08T14:05+03:00\")", truncate_for_message(t, 40)))
    };
    let b = t.as_bytes();
    let mut i = 0;
    let neg = match b.first() {
        Some(b'-') => {
            i = 1;
            true
        }
        Some(b'+') => {
            i = 1;
            false
        }
        _ => false,
    };
    let digits = |i: &mut usize, max: usize| -> Option<i64> {
        let start = *i;
        let mut v: i64 = 0;
        while let Some(c) = b.get(*i).filter(|c| c.is_ascii_digit()) {
            if *i - start >= max {
                return None;
            }
            v = v.checked_mul(10)?.checked_add(i64::from(c - b'0'))?;
            *i += 1;
        }
        (*i > start).then_some(v)
    };
    let fixed = |i: &mut usize, n: usize| -> Option<i64> {
        let start = *i;
        let v = digits(i, n)?;
        (*i - start == n).then_some(v)
    };
    let year = digits(&mut i, 12).ok_or_else(bad)?;
    let mut p = DateParts {
        year: if neg { -year } else { year },
        ..DateParts::default()
    };
    if b.get(i) == Some(&b'-') {
        i += 1;
        p.month = Some(fixed(&mut i, 2).ok_or_else(bad)?);
        if b.get(i) == Some(&b'-') {
            i += 1;
            p.day = Some(fixed(&mut i, 2).ok_or_else(bad)?);
            if matches!(b.get(i), Some(b'T') | Some(b't') | Some(b' ')) {
                i += 1;
                p.hour = Some(fixed(&mut i, 2).ok_or_else(bad)?);
                if b.get(i) != Some(&b':') {
                    return Err(bad());
                }
                i += 1;
                p.minute = Some(fixed(&mut i, 2).ok_or_else(bad)?);
                if b.get(i) == Some(&b':') {
                    i += 1;
                    p.second = Some(fixed(&mut i, 2).ok_or_else(bad)?);
                    if matches!(b.get(i), Some(b'.') | Some(b',')) {
                        i += 1;
                        let start = i;
                        let v = digits(&mut i, 9).ok_or_else(bad)?;
                        // ".5" is 500 ms, ".250" is 250 ms, ".123456" keeps the milliseconds.
                        let n = i - start;
                        let ms = match n {
                            1 => v * 100,
                            2 => v * 10,
                            3 => v,
                            _ => v / 10i64.pow((n - 3) as u32),
                        };
                        p.millisecond = Some(ms);
                    }
                }
                match b.get(i) {
                    Some(b'Z') | Some(b'z') => {
                        i += 1;
                        p.offset_minutes = Some(0);
                    }
                    Some(&s @ (b'+' | b'-')) => {
                        i += 1;
                        let h = fixed(&mut i, 2).ok_or_else(bad)?;
                        if b.get(i) == Some(&b':') {
                            i += 1;
                        }
                        let m = if i < b.len() {
                            fixed(&mut i, 2).ok_or_else(bad)?
                        } else {
                            0
                        };
                        if m > 59 {
                            return Err(bad());
                        }
                        let o = h * 60 + m;
                        p.offset_minutes = Some(if s == b'-' { -o } else { o });
                    }
                    _ => {}
                }
            }
        }
    }
    if i != b.len() {
        return Err(bad());
    }
    TimePoint::new(p)
}

/// Shortens user text quoted in a message so a 5 MB field does not make a 5 MB warning.
pub fn truncate_for_message(s: &str, max_chars: usize) -> String {
    let mut out: String = s.chars().take(max_chars).collect();
    if s.chars().nth(max_chars).is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, NaiveDate};

    fn ymd(y: i64, m: i64, d: i64) -> DateParts {
        DateParts {
            year: y,
            month: Some(m),
            day: Some(d),
            ..DateParts::default()
        }
    }

    #[test]
    fn the_deep_time_path_agrees_with_chrono_where_the_two_ranges_meet() {
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        // Across all of chrono's range (every 997th day) and densely at both of its ends.
        let (lo, hi) = (NaiveDate::MIN, NaiveDate::MAX);
        let mut days: Vec<NaiveDate> = lo.iter_days().take(800).collect();
        days.extend(hi.iter_days().rev().take(800));
        days.extend(lo.iter_days().step_by(997));
        for d in days {
            let n = (d - epoch).num_days();
            let (y, m, dd) = (i64::from(d.year()), d.month(), d.day());
            assert_eq!(deep_days(y, m, dd), n, "{d}");
            assert_eq!(deep_civil(n), (y, m, dd), "{d}");
            assert_eq!(days_from_civil(y, m, dd), n, "{d}");
            assert_eq!(civil_from_days(n), (y, m, dd), "{d}");
        }
        // The first deep years continue the calendar: one year after the last chrono year
        // starts 365 or 366 days after it, on both sides.
        let last = i64::from(hi.year());
        let first = i64::from(lo.year());
        assert!(
            in_calendar(last)
                && !in_calendar(last + 1)
                && in_calendar(first)
                && !in_calendar(first - 1)
        );
        let len = |y: i64| days_from_civil(y + 1, 1, 1) - days_from_civil(y, 1, 1);
        assert_eq!(len(last), if is_leap_year(last) { 366 } else { 365 });
        assert_eq!(
            len(first - 1),
            if is_leap_year(first - 1) { 366 } else { 365 }
        );
        let ms = |y: i64| TimePoint::year(y).unwrap().ms();
        assert!(ms(last) < ms(last + 1) && ms(first - 1) < ms(first));
        assert_eq!(
            TimePoint::from_ms(ms(last + 1), Precision::Year).year_value(),
            last + 1
        );
        assert_eq!(
            TimePoint::from_ms(ms(last), Precision::Year).year_value(),
            last
        );
    }

    #[test]
    fn dates_convert_through_chrono_and_deep_time_is_given_to_the_year() {
        let p = DateParts {
            hour: Some(14),
            minute: Some(5),
            offset_minutes: Some(180),
            ..ymd(2018, 9, 8)
        };
        let t = TimePoint::new(p).unwrap().to_chrono().unwrap();
        assert_eq!(t.offset().local_minus_utc(), 3 * 3600);
        let utc = NaiveDate::from_ymd_opt(2018, 9, 8)
            .unwrap()
            .and_hms_opt(11, 5, 0)
            .unwrap();
        assert_eq!(t.naive_utc(), utc, "14:05 at +03:00 is 11:05 UTC");
        assert_eq!(TimePoint::new(p).unwrap().ms(), t.timestamp_millis() as f64);
        assert_eq!(TimePoint::year(-13_800_000_000).unwrap().to_chrono(), None);
        let deep = DateParts {
            year: -13_800_000_000,
            month: Some(3),
            ..DateParts::default()
        };
        assert_eq!(
            TimePoint::new(deep).unwrap_err().message(),
            "a month is given for the year -13800000000, beyond the calendar (years ±262143): \
             such years are given to the year only"
        );
    }

    #[test]
    fn leap_years_agree_with_chrono() {
        for y in -1000..3000 {
            assert_eq!(
                is_leap_year(i64::from(y)),
                NaiveDate::from_ymd_opt(y, 2, 29).is_some(),
                "{y}"
            );
        }
        // Beyond chrono, the same rule.
        assert!(is_leap_year(400_000) && !is_leap_year(300_100) && is_leap_year(-400_004));
    }

    #[test]
    fn precision_follows_the_finest_field() {
        assert_eq!(TimePoint::year(1952).unwrap().precision(), Precision::Year);
        let p = DateParts {
            year: 1943,
            month: Some(7),
            ..DateParts::default()
        };
        assert_eq!(TimePoint::new(p).unwrap().precision(), Precision::Month);
        let mut p = ymd(2018, 9, 8);
        p.hour = Some(14);
        p.minute = Some(5);
        assert_eq!(TimePoint::new(p).unwrap().precision(), Precision::Minute);
    }

    #[test]
    fn impossible_dates_are_rejected_not_rolled_over() {
        assert!(matches!(
            TimePoint::new(ymd(2018, 13, 1)),
            Err(DateError::OutOfRange { field: "month", .. })
        ));
        assert!(matches!(
            TimePoint::new(ymd(2018, 2, 30)),
            Err(DateError::OutOfRange { field: "day", .. })
        ));
        assert!(TimePoint::new(ymd(2016, 2, 29)).is_ok());
        assert!(TimePoint::new(ymd(1900, 2, 29)).is_err());
        assert!(TimePoint::new(ymd(2000, 2, 29)).is_ok());
        let mut p = ymd(2018, 1, 1);
        p.hour = Some(24);
        assert!(TimePoint::new(p).is_err());
        let gap = DateParts {
            year: 2018,
            day: Some(3),
            ..DateParts::default()
        };
        assert_eq!(
            TimePoint::new(gap).unwrap_err().to_string(),
            "day is given without a month"
        );
        let msg = TimePoint::new(ymd(2018, 2, 30)).unwrap_err().to_string();
        assert_eq!(
            msg,
            "30 is not a valid day (expected 1–28 in February 2018)"
        );
    }

    #[test]
    fn axis_values_match_unix_time() {
        let p = parse_iso("2018-09-08T14:05:00Z").unwrap();
        assert_eq!(p.ms(), 1_536_415_500_000.0);
        // An explicit offset is honoured: 14:05 in UTC+3 is 11:05 UTC.
        let q = parse_iso("2018-09-08T14:05:00+03:00").unwrap();
        assert_eq!(q.ms(), 1_536_415_500_000.0 - 3.0 * 3_600_000.0);
        // Without an offset the calendar time is placed as UTC, never the reader's zone.
        let r = parse_iso("2018-09-08T14:05").unwrap();
        assert_eq!(r.ms(), p.ms());
        assert_eq!(TimePoint::year(1970).unwrap().ms(), 0.0);
    }

    #[test]
    fn cosmological_and_human_years_share_one_ordered_axis() {
        let years = [
            -13_800_000_000i64,
            -4_600_000_000,
            -540_000_000,
            -500,
            0,
            1608,
            2021,
        ];
        let ms: Vec<f64> = years
            .iter()
            .map(|y| TimePoint::year(*y).unwrap().ms())
            .collect();
        assert!(ms.windows(2).all(|w| w[0] < w[1]), "{ms:?}");
        assert!(ms.iter().all(|v| v.is_finite()));
        assert!(TimePoint::year(MAX_YEAR + 1).is_err());
    }

    #[test]
    fn labels_keep_the_authored_precision() {
        assert_eq!(TimePoint::year(1952).unwrap().label(), "1952");
        assert_eq!(TimePoint::year(-500).unwrap().label(), "500 BCE");
        assert_eq!(TimePoint::year(-12000).unwrap().label(), "12,000 BCE");
        assert_eq!(
            TimePoint::year(-13_800_000_000).unwrap().label(),
            "13.8 billion years ago"
        );
        assert_eq!(
            TimePoint::year(-540_000_000).unwrap().label(),
            "540 million years ago"
        );
        assert_eq!(parse_iso("1943-07").unwrap().label(), "July 1943");
        assert_eq!(parse_iso("2018-09-08").unwrap().label(), "8 Sep 2018");
        assert_eq!(
            parse_iso("2018-09-08T14:05+03:00").unwrap().label(),
            "8 Sep 2018 14:05"
        );
        assert_eq!(
            parse_iso("2018-09-08T14:05:09.25").unwrap().label(),
            "8 Sep 2018 14:05:09.250"
        );
    }

    #[test]
    fn decimal_3_rounds_to_three_significant_digits() {
        assert_eq!(decimal_3(13_800_000_000, 1_000_000_000), "13.8");
        assert_eq!(decimal_3(13_799_630_000, 1_000_000_000), "13.8");
        assert_eq!(decimal_3(4_567_000_000, 1_000_000_000), "4.57");
        assert_eq!(decimal_3(1_000_000, 1_000_000), "1");
        assert_eq!(decimal_3(250_500_000, 1_000_000), "251");
    }

    #[test]
    fn iso_round_trips() {
        for s in [
            "2018",
            "-0500",
            "-13800000000",
            "2018-09",
            "2018-09-08",
            "2018-09-08T14:05",
            "2018-09-08T14:05:30",
            "2018-09-08T14:05:30.250",
            "2018-09-08T14:05Z",
            "2018-09-08T14:05-04:30",
            "10000-01",
        ] {
            assert_eq!(parse_iso(s).unwrap().iso(), s);
        }
    }

    #[test]
    fn iso_rejects_malformed_text() {
        for s in [
            "",
            "1999x",
            "2018-9-8",
            "2018-13",
            "2018-02-30",
            "2018-09-08T25:00",
            "2018-09-08T14",
            "3rd",
            "2018--09",
            "2018-09-08T14:05+3",
            "2018-09-08T14:05+03:99",
            "--5",
            "99999999999999999999",
        ] {
            assert!(parse_iso(s).is_err(), "{s:?} should be rejected");
        }
    }

    #[test]
    fn from_ms_inverts_ms_for_calendar_dates() {
        let p = parse_iso("2018-09-08T14:05:30.250").unwrap();
        let q = TimePoint::from_ms(p.ms(), Precision::Millisecond);
        assert_eq!(q.iso(), "2018-09-08T14:05:30.250");
        let old = TimePoint::from_ms(TimePoint::year(-500).unwrap().ms(), Precision::Year);
        assert_eq!(old.year_value(), -500);
    }

    #[test]
    fn end_of_period_covers_the_named_period() {
        let y = TimePoint::year(2016).unwrap();
        assert_eq!(y.end_of_period_ms() - y.ms(), 366.0 * MS_PER_DAY);
        let m = parse_iso("2018-02").unwrap();
        assert_eq!(m.end_of_period_ms() - m.ms(), 28.0 * MS_PER_DAY);
    }
}
