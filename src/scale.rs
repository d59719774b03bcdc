//! Time ↔ pixel mapping, zoom and pan with limits, and the axis: two tiers of ticks at "nice"
//! calendar steps, from seconds to billions of years, whose labels never overlap.
//!
//! Positions are CSS pixels; time is milliseconds since 1970 UTC on the same f64 axis the
//! model uses (cosmological years included). Label text comes from a [`Labeler`], so the
//! browser can localise it with `Intl.DateTimeFormat` while native tests use [`English`].

use crate::draw::Font;
use crate::model::time::{days_from_civil, days_in_month, month_name, year_label};
use crate::model::time::{MS_PER_DAY, MS_PER_YEAR};
use crate::model::{Precision, TimePoint};
use crate::num::within;

/// The smallest window, in milliseconds, near 1970.
pub const MIN_SPAN_MS: f64 = 10_000.0;

/// The visible window: `start..end` in milliseconds mapped onto `0..width` CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    /// Time at the left edge.
    pub start: f64,
    /// Time at the right edge.
    pub end: f64,
    /// Width in CSS pixels.
    pub width: f64,
}

/// How far the view may go: the data's extent and the smallest and largest spans.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    /// Earliest time shown by [`Bounds::fit`].
    pub lo: f64,
    /// Latest time shown by [`Bounds::fit`].
    pub hi: f64,
    /// Narrowest window (f64 still resolves it into distinct pixels).
    pub min_span: f64,
    /// Widest window.
    pub max_span: f64,
}

impl Bounds {
    /// Bounds for data spanning `lo..=hi` (equal for a single event).
    pub fn new(lo: f64, hi: f64) -> Bounds {
        let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
        // f64 has 53 bits: far from 1970 (cosmological times) one millisecond is not
        // representable, so the narrowest window grows with the distance.
        let far = lo.abs().max(hi.abs());
        let min_span = MIN_SPAN_MS.max(far * 1e-11);
        let span = (hi - lo).max(30.0 * MS_PER_DAY);
        Bounds {
            lo,
            hi,
            min_span,
            max_span: (span * 4.0).max(min_span * 10.0),
        }
    }

    /// The view that shows all the data with a margin (more on the right, where headlines
    /// run), or a month around a single instant.
    pub fn fit(&self, width: f64) -> View {
        let span = (self.hi - self.lo)
            .max(30.0 * MS_PER_DAY)
            .max(self.min_span);
        let mid = (self.lo + self.hi) / 2.0;
        let (lo, hi) = if self.hi - self.lo < span {
            (mid - span / 2.0, mid + span / 2.0)
        } else {
            (self.lo, self.hi)
        };
        let w = width.max(1.0);
        // Leave ~24 px on the left and ~25% (at most 220 px) on the right for a headline.
        let left = 24.0 / w;
        let right = (220.0 / w).min(0.25);
        let total = (hi - lo) / (1.0 - left - right).max(0.2);
        let mut v = View {
            start: lo - total * left,
            end: lo - total * left + total,
            width: w,
        };
        v.clamp(self);
        v
    }
}

impl Bounds {
    /// The first view of events starting at `starts` (sorted) and ending at `ends`: all of
    /// them ([`Bounds::fit`]), unless that would crowd most of them into a sliver, as when
    /// one event is a year before eleven that happen in a week. Then the shortest span that
    /// holds four fifths of the events is framed instead, and again within it while it is
    /// itself crowded (a cosmology's millennia after its billions of years), as long as half
    /// of the events stay in view; the overview strip and the keys reach the rest.
    pub fn first(&self, starts: &[f64], ends: &[f64], width: f64) -> View {
        let all = self.fit(width);
        let n = starts.len();
        if n < 5 || ends.len() != n {
            return all;
        }
        // The events framed: starts[at..at + k], over `span`.
        let (mut at, mut k, mut span) = (0, n, self.hi - self.lo);
        while span >= FIRST_MIN {
            let inner = (k * 4).div_ceil(5);
            if inner < n.div_ceil(2) {
                break;
            }
            // The first of the shortest, as the strict `<` of a loop would pick it.
            let best = starts
                .get(at..at + k)
                .unwrap_or_default()
                .windows(inner)
                .enumerate()
                .filter_map(|(i, w)| Some((w.last()? - w.first()?, i)))
                .min_by(|a, b| a.0.total_cmp(&b.0));
            // Crowded: those events fill under a quarter of the span.
            match best {
                Some((s, i)) if s < span * 0.25 => (at, k, span) = (at + i, inner, s),
                _ => break,
            }
        }
        if k == n {
            return all;
        }
        let lo = starts.get(at).copied().unwrap_or(self.lo);
        let hi = ends
            .get(at..at + k)
            .and_then(|e| e.iter().copied().reduce(f64::max))
            .unwrap_or(lo);
        // A few days' crowd opens at its start rather than centred in a month: headlines
        // run to the right.
        let hi = hi.max(lo + FIRST_MIN);
        let mut v = Bounds { lo, hi, ..*self }.fit(width);
        v.clamp(self);
        v
    }
}

/// The shortest span a first view frames, and below which a crowd is not narrowed further:
/// three weeks.
const FIRST_MIN: f64 = 21.0 * MS_PER_DAY;

impl View {
    /// Width of the window in milliseconds.
    pub fn span(&self) -> f64 {
        self.end - self.start
    }

    /// Pixels per millisecond.
    pub fn scale(&self) -> f64 {
        self.width / self.span()
    }

    /// The x position of time `t`.
    pub fn x(&self, t: f64) -> f64 {
        (t - self.start) * self.scale()
    }

    /// The time at x position `x`.
    pub fn t(&self, x: f64) -> f64 {
        self.start + x / self.scale()
    }

    /// Zooms by `factor` (> 1 zooms in) keeping the time under `x` where it is. Returns
    /// false when the limits allow no change.
    pub fn zoom_at(&mut self, x: f64, factor: f64, b: &Bounds) -> bool {
        if !factor.is_finite() || factor <= 0.0 {
            return false;
        }
        let before = *self;
        let anchor = self.t(x);
        let span = within(self.span() / factor, b.min_span, b.max_span);
        let frac = within(x / self.width, 0.0, 1.0);
        self.start = anchor - span * frac;
        self.end = self.start + span;
        self.clamp(b);
        *self != before
    }

    /// Moves the window by `dx` pixels (positive moves the content right, i.e. back in time).
    pub fn pan_px(&mut self, dx: f64, b: &Bounds) -> bool {
        let before = *self;
        let dt = dx / self.scale();
        self.start -= dt;
        self.end -= dt;
        self.clamp(b);
        *self != before
    }

    /// Shows `start..end`, within the limits.
    pub fn set(&mut self, start: f64, end: f64, b: &Bounds) {
        if start.is_finite() && end.is_finite() && end > start {
            self.start = start;
            self.end = end;
        }
        let mid = (self.start + self.end) / 2.0;
        let span = within(self.span(), b.min_span, b.max_span);
        self.start = mid - span / 2.0;
        self.end = mid + span / 2.0;
        self.clamp(b);
    }

    /// Moves the view so `t` is at least `margin` pixels inside the part of it not covered
    /// by `cover` pixels on the right (a detail card over the canvas); true if it moved.
    pub fn reveal(&mut self, t: f64, margin: f64, cover: f64, b: &Bounds) -> bool {
        let x = self.x(t);
        // A cover that leaves less than a third of the width is ignored.
        let usable = if cover > 0.0 && cover < self.width * 2.0 / 3.0 {
            self.width - cover
        } else {
            self.width
        };
        let margin = margin.min(usable / 3.0);
        if x >= margin && x <= usable - margin {
            return false;
        }
        let span = self.span();
        self.start = t - span * (usable / 2.0) / self.width;
        self.end = self.start + span;
        self.clamp(b);
        true
    }

    /// Keeps the span within limits and part of the data in sight, so the view never goes
    /// empty or degenerate.
    pub fn clamp(&mut self, b: &Bounds) {
        let mut span = self.span();
        if !span.is_finite() || span <= 0.0 {
            span = b.min_span;
            self.start = b.lo;
        }
        let span = within(span, b.min_span, b.max_span);
        if !self.start.is_finite() {
            self.start = b.lo;
        }
        // At least a fifth of the window stays over the data's extent.
        let keep = span * 0.2;
        let start = within(self.start, b.lo - span + keep, b.hi - keep);
        self.start = start;
        self.end = start + span;
        if !(self.width.is_finite() && self.width > 0.0) {
            self.width = 1.0;
        }
    }
}

/// The calendar unit of a tick step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    /// Seconds.
    Second,
    /// Minutes.
    Minute,
    /// Hours.
    Hour,
    /// Days.
    Day,
    /// Months.
    Month,
    /// Years (also cosmological multiples).
    Year,
}

/// A tick step: `n` of a unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    /// Unit.
    pub unit: Unit,
    /// How many units between ticks.
    pub n: i64,
}

const SMALL_STEPS: [(Unit, i64); 22] = [
    (Unit::Second, 1),
    (Unit::Second, 2),
    (Unit::Second, 5),
    (Unit::Second, 10),
    (Unit::Second, 15),
    (Unit::Second, 30),
    (Unit::Minute, 1),
    (Unit::Minute, 2),
    (Unit::Minute, 5),
    (Unit::Minute, 10),
    (Unit::Minute, 15),
    (Unit::Minute, 30),
    (Unit::Hour, 1),
    (Unit::Hour, 3),
    (Unit::Hour, 6),
    (Unit::Hour, 12),
    (Unit::Day, 1),
    (Unit::Day, 2),
    (Unit::Day, 7),
    (Unit::Month, 1),
    (Unit::Month, 3),
    (Unit::Month, 6),
];

impl Step {
    /// The steps from one second to 100 billion years, in increasing length (1, 2, 5 × 10^k
    /// for years).
    pub fn all() -> impl Iterator<Item = Step> {
        let small = SMALL_STEPS.into_iter().map(|(unit, n)| Step { unit, n });
        let years = (0..12u32).flat_map(|k| {
            let p = 10i64.pow(k);
            [1, 2, 5].into_iter().map(move |m| Step {
                unit: Unit::Year,
                n: m * p,
            })
        });
        small.chain(years)
    }

    /// Nominal length in milliseconds.
    pub fn ms(&self) -> f64 {
        let unit = match self.unit {
            Unit::Second => 1000.0,
            Unit::Minute => 60_000.0,
            Unit::Hour => 3_600_000.0,
            Unit::Day => MS_PER_DAY,
            Unit::Month => MS_PER_YEAR / 12.0,
            Unit::Year => MS_PER_YEAR,
        };
        unit * self.n as f64
    }

    /// The shortest gap between two ticks (day steps restart each month, so some gaps are
    /// longer but none is shorter; months are at least 28 days).
    fn min_ms(&self) -> f64 {
        match self.unit {
            Unit::Month => self.n as f64 * 28.0 * MS_PER_DAY,
            Unit::Year => self.n as f64 * 365.0 * MS_PER_DAY,
            _ => self.ms(),
        }
    }

    /// The tier above: what the major ticks mark.
    pub fn major(&self) -> Option<Step> {
        let (unit, n) = match self.unit {
            Unit::Second => (Unit::Minute, 1),
            Unit::Minute | Unit::Hour => (Unit::Day, 1),
            Unit::Day => (Unit::Month, 1),
            Unit::Month => (Unit::Year, 1),
            Unit::Year => return None,
        };
        Some(Step { unit, n })
    }
}

/// A calendar instant broken into fields (UTC), as ticks are labelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Civil {
    /// Year (astronomical: 0 is 1 BCE).
    pub year: i64,
    /// Month 1–12.
    pub month: u32,
    /// Day 1–31.
    pub day: u32,
    /// Seconds into the day.
    pub secs: u32,
}

impl Civil {
    fn at(t: f64) -> Civil {
        let p = TimePoint::from_ms(t, Precision::Second);
        Civil {
            year: p.year_value(),
            month: p.month(),
            day: p.day(),
            secs: p.hour() * 3600 + p.minute() * 60 + p.second(),
        }
    }

    /// Position on the time axis (milliseconds since 1970 UTC).
    pub fn ms(&self) -> f64 {
        days_from_civil(self.year, self.month, self.day) as f64 * MS_PER_DAY
            + f64::from(self.secs) * 1000.0
    }
}

/// Makes tick labels and measures text. The browser implementation uses `Intl` and the
/// canvas; [`English`] is the fallback and the one native tests use.
pub trait Labeler {
    /// The label of a tick at `at` for a step of `unit`; `major` ticks carry the context
    /// (the day, month or year) that minor ones leave out.
    fn label(&mut self, at: Civil, unit: Unit, major: bool) -> String;
    /// Width of `text` in CSS pixels in `font`.
    fn width(&mut self, text: &str, font: Font) -> f64;
}

/// English labels ("Sep", "8", "14:00", "8 Sep 2018", "September 2018", "500 BCE",
/// "13.8 billion years ago") and a width estimate of 7 px per character.
#[derive(Clone, Copy, Debug, Default)]
pub struct English;

/// Two-digit zero-padded number without the formatting machinery.
fn two(n: u32, out: &mut String) {
    out.push(char::from(b'0' + (n / 10 % 10) as u8));
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// The English label that [`English`] gives; browsers fall back to it for years the `Intl`
/// calendar cannot show (before year 1 or after 9999).
pub fn english_label(at: Civil, unit: Unit, major: bool) -> String {
    let month = month_name(at.month);
    let mut s = String::new();
    match (unit, major) {
        (Unit::Year, _) => return year_label(at.year),
        // Major ticks name their period the way event dates are labelled.
        (Unit::Month, true) => return TimePoint::from_ms(at.ms(), Precision::Month).label(),
        (Unit::Day, true) => return TimePoint::from_ms(at.ms(), Precision::Day).label(),
        (_, true) => return TimePoint::from_ms(at.ms(), Precision::Minute).label(),
        (Unit::Month, false) => s.push_str(month.get(..3).unwrap_or(month)),
        (Unit::Day, false) => s += &at.day.to_string(),
        (Unit::Hour | Unit::Minute | Unit::Second, false) => {
            two(at.secs / 3600, &mut s);
            s.push(':');
            two(at.secs / 60 % 60, &mut s);
            if unit == Unit::Second {
                s.push(':');
                two(at.secs % 60, &mut s);
            }
        }
    }
    s
}

impl Labeler for English {
    fn label(&mut self, at: Civil, unit: Unit, major: bool) -> String {
        english_label(at, unit, major)
    }
    fn width(&mut self, text: &str, font: Font) -> f64 {
        font.size() * 0.55 * crate::text::char_count(text) as f64
    }
}

/// One tick of the axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Time.
    pub t: f64,
    /// X position.
    pub x: f64,
    /// Label ("" when it did not fit).
    pub label: String,
    /// Label width in CSS pixels.
    pub width: f64,
}

/// The axis for one view.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    /// The minor step chosen.
    pub step: Step,
    /// Minor ticks; labels centred on them.
    pub minor: Vec<Tick>,
    /// Major ticks; labels start just right of them. The first may be a context label
    /// pinned to the left edge (x = 0) naming the period the view starts in.
    pub major: Vec<Tick>,
}

/// Gap between neighbouring labels.
pub const LABEL_GAP: f64 = 10.0;

/// Ticks of `step` from before `start` to after `end` (at most `limit`).
fn ticks_of(step: Step, start: f64, end: f64, limit: usize) -> Vec<(f64, Civil)> {
    let mut out = Vec::new();
    let n = step.n.max(1);
    let c = Civil::at(start);
    match step.unit {
        Unit::Second | Unit::Minute | Unit::Hour => {
            let ms = step.ms();
            // Steps divide the day, so flooring milliseconds since midnight keeps ticks on
            // round times.
            let day0 = days_from_civil(c.year, c.month, c.day) as f64 * MS_PER_DAY;
            let mut t = day0 + ((start - day0) / ms).floor() * ms;
            while t <= end && out.len() < limit {
                out.push((t, Civil::at(t)));
                t += ms;
            }
        }
        Unit::Day => {
            let (mut y, mut m) = (c.year, c.month);
            let mut d = 1 + (c.day - 1) / n as u32 * n as u32;
            loop {
                let dim = days_in_month(y, m);
                if d + n as u32 - 1 > dim && d > 1 {
                    d = 1;
                    m += 1;
                    if m > 12 {
                        m = 1;
                        y += 1;
                    }
                    continue;
                }
                let civ = Civil {
                    year: y,
                    month: m,
                    day: d,
                    secs: 0,
                };
                let t = civ.ms();
                if t > end || out.len() >= limit {
                    break;
                }
                out.push((t, civ));
                d += n as u32;
            }
        }
        Unit::Month | Unit::Year => {
            // Both count months from year 0: a year step is 12n months from a multiple of n.
            let (mut k, step) = if step.unit == Unit::Month {
                ((c.year * 12 + i64::from(c.month) - 1).div_euclid(n) * n, n)
            } else {
                (c.year.div_euclid(n) * n * 12, n * 12)
            };
            loop {
                let civ = Civil {
                    year: k.div_euclid(12),
                    month: (k.rem_euclid(12) + 1) as u32,
                    day: 1,
                    secs: 0,
                };
                let t = civ.ms();
                if t > end || out.len() >= limit {
                    break;
                }
                out.push((t, civ));
                k = match k.checked_add(step) {
                    Some(v) => v,
                    None => break,
                };
            }
        }
    }
    out
}

/// The axis for `view`: the finest step whose labels all fit without overlapping, and the
/// major tier above it with a context label pinned at the left edge.
pub fn axis(view: &View, labels: &mut dyn Labeler) -> Axis {
    let px = view.scale();
    let mut chosen = None;
    for step in Step::all() {
        let gap_px = step.min_ms() * px;
        if gap_px < 24.0 {
            continue;
        }
        let ticks = ticks_of(step, view.start, view.end, 400);
        let mut minor = Vec::with_capacity(ticks.len());
        let mut fits = true;
        let mut prev_right = f64::NEG_INFINITY;
        for (t, civ) in ticks {
            if t < view.start {
                continue;
            }
            let mut label = labels.label(civ, step.unit, false);
            let mut width = labels.width(&label, Font::Axis);
            let x = view.x(t);
            if x - width / 2.0 < 0.0 || x + width / 2.0 > view.width {
                // Half a label at the edge reads as a different word: leave it out.
                label.clear();
                width = 0.0;
            } else if x - width / 2.0 < prev_right + LABEL_GAP {
                // Labels are centred on ticks; neighbours must keep a gap.
                fits = false;
                break;
            } else {
                prev_right = x + width / 2.0;
            }
            minor.push(Tick { t, x, label, width });
        }
        if fits {
            chosen = Some((step, minor));
            break;
        }
    }
    let (step, minor) = chosen.unwrap_or((
        Step {
            unit: Unit::Year,
            n: 100_000_000_000,
        },
        Vec::new(),
    ));
    let major = match step.major() {
        Some(m) => major_ticks(view, m, labels),
        None => Vec::new(),
    };
    Axis { step, minor, major }
}

fn major_ticks(view: &View, m: Step, labels: &mut dyn Labeler) -> Vec<Tick> {
    let mut out: Vec<Tick> = Vec::new();
    let ticks = ticks_of(m, view.start, view.end, 400);
    let mut prev_right = f64::NEG_INFINITY;
    for (i, (t, civ)) in ticks.into_iter().enumerate() {
        let label = labels.label(civ, m.unit, true);
        let width = labels.width(&label, Font::AxisBold);
        // The first tick starts before the view: its label is pinned at the left edge
        // so the reader always knows which day, month or year they are looking at.
        let x = if i == 0 {
            0.0f64.max(view.x(t))
        } else {
            view.x(t)
        };
        let label_x = x + 4.0;
        if label_x < prev_right + LABEL_GAP {
            // The pinned label gives way to the real boundary coming in from the right.
            if let Some(last) = out.last_mut() {
                if last.x == 0.0 && last.t < view.start {
                    *last = Tick { t, x, label, width };
                    prev_right = label_x + width;
                    continue;
                }
            }
            out.push(Tick {
                t,
                x,
                label: String::new(),
                width: 0.0,
            });
            continue;
        }
        prev_right = label_x + width;
        out.push(Tick { t, x, label, width });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_iso;

    fn ms(s: &str) -> f64 {
        parse_iso(s).unwrap().ms()
    }

    fn view(a: &str, b: &str, w: f64) -> View {
        View {
            start: ms(a),
            end: ms(b),
            width: w,
        }
    }

    fn assert_no_overlap(axis: &Axis, ctx: &str) {
        let mut right = f64::NEG_INFINITY;
        for t in axis.minor.iter().filter(|t| !t.label.is_empty()) {
            assert!(
                t.x - t.width / 2.0 >= right + LABEL_GAP - 1e-9,
                "{ctx}: minor label {:?} overlaps",
                t.label
            );
            right = t.x + t.width / 2.0;
        }
        let mut right = f64::NEG_INFINITY;
        for t in axis.major.iter().filter(|t| !t.label.is_empty()) {
            assert!(
                t.x + 4.0 >= right + LABEL_GAP - 1e-9,
                "{ctx}: major label {:?} overlaps",
                t.label
            );
            right = t.x + 4.0 + t.width;
        }
    }

    #[test]
    fn x_and_t_are_inverse() {
        let v = view("2018-01-01", "2019-01-01", 1000.0);
        let t = ms("2018-07-02T12:00");
        assert!((v.t(v.x(t)) - t).abs() < 1.0);
        assert_eq!(v.x(v.start), 0.0);
        assert!((v.x(v.end) - 1000.0).abs() < 1e-9);
    }

    #[test]
    fn zoom_keeps_the_point_under_the_cursor() {
        let b = Bounds::new(ms("2000"), ms("2020"));
        let mut v = view("2005", "2015", 800.0);
        let anchor = v.t(200.0);
        assert!(v.zoom_at(200.0, 2.0, &b));
        assert!((v.t(200.0) - anchor).abs() < 1000.0);
        assert!((v.span() - (ms("2015") - ms("2005")) / 2.0).abs() < 1.0);
    }

    #[test]
    fn zoom_and_pan_respect_limits() {
        let b = Bounds::new(ms("2018-09-01"), ms("2018-09-08"));
        let mut v = b.fit(600.0);
        for _ in 0..200 {
            v.zoom_at(300.0, 3.0, &b);
        }
        assert!((v.span() - b.min_span).abs() < 1e-6, "{}", v.span());
        assert!(!v.zoom_at(300.0, 3.0, &b), "no change at the limit");
        for _ in 0..200 {
            v.zoom_at(300.0, 0.3, &b);
        }
        assert!(v.span() <= b.max_span * (1.0 + 1e-12));
        // Panning forever still leaves data in sight.
        for _ in 0..1000 {
            v.pan_px(-500.0, &b);
        }
        assert!(v.start <= b.hi, "view went past the data");
        for _ in 0..1000 {
            v.pan_px(500.0, &b);
        }
        assert!(v.end >= b.lo);
        // Nonsense input does not corrupt the view.
        assert!(!v.zoom_at(10.0, f64::NAN, &b));
        v.set(f64::NAN, 3.0, &b);
        assert!(v.span().is_finite() && v.span() > 0.0);
    }

    #[test]
    fn cosmological_views_never_go_degenerate() {
        let lo = -13_800_000_000.0 * MS_PER_YEAR;
        let b = Bounds::new(lo, ms("1990-04-25"));
        let mut v = b.fit(1000.0);
        for _ in 0..500 {
            v.zoom_at(0.0, 4.0, &b);
        }
        assert!(v.span() >= b.min_span);
        // Distinct pixels still map to distinct times.
        assert!(v.t(1.0) > v.t(0.0));
    }

    #[test]
    fn a_first_view_frames_where_most_events_are() {
        let day = MS_PER_DAY;
        // One event a year and a half before eleven in the first week of September 2018.
        let sep = 1_535_760_000_000.0; // 2018-09-01
        let mut starts = vec![sep - 600.0 * day];
        starts.extend((0..11).map(|i| sep + (i % 8) as f64 * day));
        starts.sort_by(f64::total_cmp);
        let ends = starts.clone();
        let b = Bounds::new(starts[0], starts[11]);
        for width in [375.0, 1280.0] {
            let v = b.first(&starts, &ends, width);
            assert!(v.start > starts[0], "{width}: the lone event is left out");
            assert!(
                starts[1..].iter().all(|&t| v.start <= t && t <= v.end),
                "{width}"
            );
            assert!(v.span() < 60.0 * day, "{width}: {} days", v.span() / day);
        }
        // Deep time: billions of years, then millennia. The view narrows until the crowd
        // reads (seven of eleven events, from glass-making to the Hubble telescope).
        let year = 365.25 * day;
        let deep: Vec<f64> = [
            -13.8e9, -4.6e9, -5.4e8, -3e5, -3500.0, -300.0, 1021.0, 1609.7, 1826.0, 1969.5, 1990.3,
        ]
        .iter()
        .map(|y| (y - 1970.0) * year)
        .collect();
        let b = Bounds::new(deep[0], deep[10]);
        let v = b.first(&deep, &deep, 928.0);
        let shown = deep.iter().filter(|&&t| v.start <= t && t <= v.end).count();
        assert_eq!(shown, 7, "{} to {} years", v.start / year, v.end / year);
        assert!(v.start <= deep[4] && v.start > deep[3]);
        // Evenly spread events, or too few to judge: everything.
        let even: Vec<f64> = (0..12).map(|i| sep + f64::from(i) * 30.0 * day).collect();
        let b = Bounds::new(even[0], even[11]);
        assert_eq!(b.first(&even, &even, 800.0), b.fit(800.0));
        let few = [sep - 600.0 * day, sep, sep + day];
        let b = Bounds::new(few[0], few[2]);
        assert_eq!(b.first(&few, &few, 800.0), b.fit(800.0));
    }

    #[test]
    fn fit_shows_all_data_with_room_for_headlines() {
        let b = Bounds::new(ms("2017"), ms("2018-09-08"));
        let v = b.fit(1280.0);
        assert!(v.start < ms("2017") && v.end > ms("2018-09-08"));
        assert!(v.x(ms("2018-09-08")) < 1280.0 - 200.0);
        // A single instant gets a month around it.
        let one = Bounds::new(ms("2018-09-08"), ms("2018-09-08")).fit(375.0);
        assert!(one.span() >= 30.0 * MS_PER_DAY);
        assert!(one.x(ms("2018-09-08")) > 0.0 && one.x(ms("2018-09-08")) < 375.0);
    }

    #[test]
    fn steps_grow_and_ticks_land_on_calendar_boundaries() {
        let steps: Vec<Step> = Step::all().collect();
        assert!(steps.windows(2).all(|w| w[0].ms() < w[1].ms()));
        let v = view("2018-08-20", "2018-10-10", 800.0);
        let days = ticks_of(
            Step {
                unit: Unit::Day,
                n: 7,
            },
            v.start,
            v.end,
            100,
        );
        let d: Vec<(u32, u32)> = days.iter().map(|(_, c)| (c.month, c.day)).collect();
        assert_eq!(
            d,
            [
                (8, 15),
                (8, 22),
                (9, 1),
                (9, 8),
                (9, 15),
                (9, 22),
                (10, 1),
                (10, 8)
            ]
        );
        let months = ticks_of(
            Step {
                unit: Unit::Month,
                n: 3,
            },
            ms("2017-02-10"),
            ms("2018-01-01"),
            100,
        );
        let m: Vec<(i64, u32)> = months.iter().map(|(_, c)| (c.year, c.month)).collect();
        assert_eq!(m, [(2017, 1), (2017, 4), (2017, 7), (2017, 10), (2018, 1)]);
        let hours = ticks_of(
            Step {
                unit: Unit::Hour,
                n: 6,
            },
            ms("2018-09-08T05:00"),
            ms("2018-09-09T01:00"),
            100,
        );
        let h: Vec<u32> = hours.iter().map(|(_, c)| c.secs / 3600).collect();
        assert_eq!(h, [0, 6, 12, 18, 0]);
        let bce = ticks_of(
            Step {
                unit: Unit::Year,
                n: 100,
            },
            ms("-0450"),
            ms("-0100"),
            100,
        );
        let y: Vec<i64> = bce.iter().map(|(_, c)| c.year).collect();
        assert_eq!(y, [-500, -400, -300, -200, -100]);
    }

    #[test]
    fn chooses_the_step_that_reads_well_at_each_scale() {
        let cases = [
            ("2018-09-08T14:00", "2018-09-08T14:01", Unit::Second),
            ("2018-09-08T14:00", "2018-09-08T15:00", Unit::Minute),
            ("2018-09-08", "2018-09-09", Unit::Hour),
            ("2018-09-01", "2018-09-20", Unit::Day),
            ("2018-01-01", "2019-01-01", Unit::Month),
            ("1900", "2000", Unit::Year),
        ];
        for (a, b, unit) in cases {
            let ax = axis(&view(a, b, 1000.0), &mut English);
            assert_eq!(ax.step.unit, unit, "{a}..{b}");
            assert!(ax.minor.len() >= 4, "{a}..{b}: {:?}", ax.minor);
        }
        let ax = axis(&view("2018-09-01", "2018-09-20", 1000.0), &mut English);
        assert_eq!(ax.major.first().unwrap().label, "September 2018");
        assert_eq!(
            ax.major.first().unwrap().x,
            0.0,
            "context label pinned left"
        );
    }

    #[test]
    fn english_labels_for_each_tier() {
        let at = Civil::at(ms("2018-09-08T14:05:30"));
        let l = |unit, major| english_label(at, unit, major);
        assert_eq!(l(Unit::Year, false), "2018");
        assert_eq!(l(Unit::Month, false), "Sep");
        assert_eq!(l(Unit::Month, true), "September 2018");
        assert_eq!(l(Unit::Day, false), "8");
        assert_eq!(l(Unit::Day, true), "8 Sep 2018");
        assert_eq!(l(Unit::Hour, false), "14:05");
        assert_eq!(l(Unit::Second, false), "14:05:30");
        assert_eq!(l(Unit::Minute, true), "8 Sep 2018 14:05");
    }

    #[test]
    fn cosmological_and_bce_labels() {
        let lo = -13_800_000_000.0 * MS_PER_YEAR;
        let v = View {
            start: lo,
            end: 0.0,
            width: 1000.0,
        };
        let ax = axis(&v, &mut English);
        assert_eq!(ax.step.unit, Unit::Year);
        assert!(
            ax.minor
                .iter()
                .any(|t| t.label.ends_with("billion years ago")),
            "{:?}",
            ax.minor
        );
        let ax = axis(&view("-0800", "0100", 1000.0), &mut English);
        assert!(
            ax.minor.iter().any(|t| t.label == "500 BCE"),
            "{:?}",
            ax.minor
        );
    }

    #[test]
    fn labels_never_overlap_from_320_to_2560_px_at_any_scale() {
        let spans_ms = [
            30_000.0,
            600_000.0,
            3.0 * 3_600_000.0,
            2.0 * MS_PER_DAY,
            10.0 * MS_PER_DAY,
            45.0 * MS_PER_DAY,
            200.0 * MS_PER_DAY,
            3.0 * MS_PER_YEAR,
            40.0 * MS_PER_YEAR,
            900.0 * MS_PER_YEAR,
            30_000.0 * MS_PER_YEAR,
            5e6 * MS_PER_YEAR,
            2e9 * MS_PER_YEAR,
            1.4e10 * MS_PER_YEAR,
        ];
        let starts = [
            ms("2018-09-08T13:59:47"),
            ms("1969-12-25"),
            ms("-0500-03-01"),
            -13.8e9 * MS_PER_YEAR,
        ];
        // A wide labeler too: long localised month names must not overlap either.
        struct Wide;
        impl Labeler for Wide {
            fn label(&mut self, at: Civil, unit: Unit, major: bool) -> String {
                let mut s = english_label(at, unit, major);
                if unit == Unit::Month && !major {
                    s.push_str("tembre");
                }
                s
            }
            fn width(&mut self, text: &str, font: Font) -> f64 {
                font.size() * 0.7 * text.chars().count() as f64
            }
        }
        let mut checked = 0;
        for w in [320.0, 375.0, 768.0, 1280.0, 1920.0, 2560.0] {
            for span in spans_ms {
                for start in starts {
                    if span < Bounds::new(start, start).min_span {
                        continue; // the widget never zooms this far in so far from 1970
                    }
                    let v = View {
                        start,
                        end: start + span,
                        width: w,
                    };
                    let ctx = format!("width {w}, span {span}, start {start}");
                    let a = axis(&v, &mut English);
                    assert!(!a.minor.is_empty(), "{ctx}: no ticks");
                    assert_no_overlap(&a, &ctx);
                    assert_no_overlap(&axis(&v, &mut Wide), &ctx);
                    checked += 1;
                }
            }
        }
        assert!(checked > 6 * 14 * 3, "{checked}");
    }
}
