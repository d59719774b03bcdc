//! The overview strip under the timeline: the whole span of the data, a density sparkline
//! of its events (the shown ones stand out while a filter is on) and a window ("brush")
//! over the visible range that can be dragged to move it or resized by its edges.
//!
//! Pure geometry: [`Strip`] maps time to the strip's pixels, [`Strip::shapes`] lays out
//! its display list and [`Strip::grab`] says what a press at some x takes hold of. The
//! cost is a binary search per pixel column, whatever the number of events.

use crate::draw::{Color, Shape, Theme};
use crate::num::within;
use crate::scale::{Bounds, View};

/// Height of the strip in CSS pixels.
pub const STRIP_H: f64 = 36.0;
/// Side margin of the strip's track.
const PAD: f64 = 8.0;
/// Width of one density bar.
const BIN_PX: f64 = 3.0;
/// How near an edge of the window (in pixels) a press takes hold of that edge.
const EDGE_PX: f64 = 8.0;

/// What a press on the strip holds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Grab {
    /// The whole window, this far (ms) behind the pointer's time.
    Window(f64),
    /// The window's start edge.
    Start,
    /// The window's end edge.
    End,
}

/// The strip at `top`, `width` wide, over the data's span.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Strip {
    /// Top of the strip in the canvas.
    pub top: f64,
    /// Width of the canvas.
    pub width: f64,
    /// Time at the track's left end.
    pub lo: f64,
    /// Time at the track's right end.
    pub hi: f64,
}

impl Strip {
    /// The strip for data within `b`, the track spanning the data with a small margin
    /// (at least a month, centred on a single instant).
    pub fn new(b: &Bounds, top: f64, width: f64) -> Strip {
        let span = (b.hi - b.lo).max(30.0 * 86_400_000.0).max(b.min_span);
        let mid = (b.lo + b.hi) / 2.0;
        let pad = span * 0.03;
        Strip {
            top,
            width,
            lo: mid - span / 2.0 - pad,
            hi: mid + span / 2.0 + pad,
        }
    }

    fn track(&self) -> f64 {
        (self.width - 2.0 * PAD).max(1.0)
    }

    /// The x of time `t` (may fall outside the track).
    pub fn x(&self, t: f64) -> f64 {
        PAD + (t - self.lo) / (self.hi - self.lo) * self.track()
    }

    /// The time at `x`.
    pub fn t(&self, x: f64) -> f64 {
        self.lo + (x - PAD) / self.track() * (self.hi - self.lo)
    }

    /// Whether `y` is on the strip.
    pub fn contains(&self, y: f64) -> bool {
        y >= self.top && y < self.top + STRIP_H
    }

    /// The window's left and right x, kept on the track and at least a few pixels wide so
    /// it can always be seen and grabbed.
    pub fn window(&self, view: &View) -> (f64, f64) {
        let end = self.width - PAD;
        let a = within(self.x(view.start), PAD, end);
        let b = within(self.x(view.end), PAD, end);
        let min = 6.0;
        if b - a >= min {
            return (a, b);
        }
        let mid = within((a + b) / 2.0, PAD + min / 2.0, end - min / 2.0);
        (mid - min / 2.0, mid + min / 2.0)
    }

    /// What a press at `x` takes hold of. Off the window, the window first jumps to centre
    /// on `x` (the caller moves the view) and is then held by its middle.
    pub fn grab(&self, view: &View, x: f64) -> (Grab, bool) {
        let (a, b) = self.window(view);
        // Wide enough windows keep their middle for moving; edges win on narrow ones only
        // from outside.
        let inner = if b - a > 3.0 * EDGE_PX { EDGE_PX } else { 0.0 };
        if (x - a).abs() <= EDGE_PX && x < a + inner.max(1.0) {
            (Grab::Start, false)
        } else if (x - b).abs() <= EDGE_PX && x > b - inner.max(1.0) {
            (Grab::End, false)
        } else if x > a && x < b {
            (Grab::Window(self.t(x) - view.start), false)
        } else {
            (Grab::Window(view.span() / 2.0), true)
        }
    }

    /// Moves `view` for a drag of `g` to `x`.
    pub fn drag(&self, g: Grab, x: f64, view: &mut View, b: &Bounds) -> bool {
        let before = *view;
        let t = self.t(x);
        match g {
            Grab::Window(off) => {
                let span = view.span();
                view.set(t - off, t - off + span, b);
            }
            Grab::Start => {
                let t = t.min(view.end - b.min_span);
                view.set(t, view.end, b);
            }
            Grab::End => {
                let t = t.max(view.start + b.min_span);
                view.set(view.start, t, b);
            }
        }
        *view != before
    }

    /// Event counts per bar across the track: `starts` in time order, and when a filter
    /// is on, `shown` (indices into `starts`, ascending). Two binary searches per bar.
    pub fn density(&self, starts: &[f64], shown: Option<&[u32]>) -> Vec<u32> {
        let bars = (self.track() / BIN_PX).floor().max(1.0) as usize;
        let mut out = Vec::with_capacity(bars);
        let at = |t: f64| -> usize {
            let k = starts.partition_point(|&s| s < t);
            match shown {
                Some(s) => s.partition_point(|&i| (i as usize) < k),
                None => k,
            }
        };
        let mut prev = at(self.t(PAD));
        for i in 1..=bars {
            // The last bar takes everything left (the track ends past the data).
            let end = if i == bars {
                f64::INFINITY
            } else {
                self.t(PAD + i as f64 * BIN_PX)
            };
            let k = at(end);
            out.push(k.saturating_sub(prev) as u32);
            prev = k;
        }
        out
    }

    /// The strip's shapes: background, bars (all events faint; with a filter on, the shown
    /// ones over them in the accent colour) and the window.
    pub fn shapes(
        &self,
        starts: &[f64],
        shown: Option<&[u32]>,
        view: &View,
        theme: &Theme,
        out: &mut Vec<Shape>,
    ) {
        let (top, h) = (self.top, STRIP_H);
        out.push(rect(0.0, top, self.width, h, theme.era[0], None, 0.0));
        out.push(Shape::Line {
            x0: 0.0,
            y0: top + 0.5,
            x1: self.width,
            y1: top + 0.5,
            color: theme.grid,
            width: 1.0,
        });
        let room = h - 10.0;
        let all = self.density(starts, None);
        let part = shown.map(|s| self.density(starts, Some(s)));
        let max = f64::from(all.iter().copied().max().unwrap_or(0).max(1));
        let base = top + h - 4.0;
        let bars = |counts: &[u32], color: Color, out: &mut Vec<Shape>| {
            for (i, &c) in counts.iter().enumerate() {
                if c > 0 {
                    // Square root: one lone event still shows beside a dense month.
                    let bh = (room * (f64::from(c) / max).sqrt()).max(2.0);
                    let x = PAD + i as f64 * BIN_PX;
                    out.push(rect(x, base - bh, BIN_PX - 1.0, bh, color, None, 0.0));
                }
            }
        };
        let faint = theme.muted.alpha(if part.is_some() { 0x40 } else { 0x90 });
        bars(&all, faint, out);
        if let Some(p) = &part {
            bars(p, theme.accent, out);
        }
        let (a, b) = self.window(view);
        out.push(rect(
            a,
            top + 3.0,
            b - a,
            h - 5.0,
            theme.accent.alpha(0x22),
            Some((theme.accent, 1.5)),
            3.0,
        ));
        // Grips on both edges.
        for x in [a, b] {
            out.push(rect(
                x - 2.0,
                top + h / 2.0 - 7.0,
                4.0,
                14.0,
                theme.accent,
                None,
                2.0,
            ));
        }
    }
}

fn rect(
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    fill: Color,
    stroke: Option<(Color, f64)>,
    r: f64,
) -> Shape {
    Shape::Rect {
        x,
        y,
        w,
        h,
        r,
        fill: Some(fill),
        stroke,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::draw::ThemeName;

    const DAY: f64 = 86_400_000.0;

    fn strip() -> (Strip, Bounds) {
        let b = Bounds::new(0.0, 1000.0 * DAY);
        (Strip::new(&b, 200.0, 616.0), b)
    }

    #[test]
    fn time_and_pixels_round_trip_and_the_data_sits_inside_the_track() {
        let (s, _) = strip();
        for t in [0.0, 1.0, 500.0 * DAY, 1000.0 * DAY] {
            assert!((s.t(s.x(t)) - t).abs() < 1e-3);
            assert!(s.x(t) > PAD && s.x(t) < 616.0 - PAD);
        }
        assert!(s.contains(200.0) && s.contains(235.0));
        assert!(!s.contains(199.0) && !s.contains(236.0));
        // A single instant gets a month-wide track around it.
        let one = Strip::new(&Bounds::new(5.0 * DAY, 5.0 * DAY), 0.0, 300.0);
        assert!(one.lo < 5.0 * DAY && one.hi > 5.0 * DAY && one.hi - one.lo >= 30.0 * DAY);
    }

    #[test]
    fn density_counts_every_event_once_and_follows_the_filter() {
        let (s, _) = strip();
        // 300 events on day 10, one a day for days 500..600, one on the last day.
        let mut starts = vec![10.0 * DAY; 300];
        starts.extend((500..600).map(|d| f64::from(d) * DAY));
        starts.push(1000.0 * DAY);
        let all = s.density(&starts, None);
        assert_eq!(all.len(), 200);
        assert_eq!(all.iter().sum::<u32>(), 401);
        let bar = |t: f64| ((s.x(t) - PAD) / BIN_PX) as usize;
        assert_eq!(all[bar(10.0 * DAY)], 300);
        assert_eq!(all[bar(1000.0 * DAY)], 1, "the last day is counted");
        // Only the daily ones shown.
        let shown: Vec<u32> = (300..400).collect();
        let part = s.density(&starts, Some(&shown));
        assert_eq!(part.iter().sum::<u32>(), 100);
        assert_eq!(part[bar(10.0 * DAY)], 0);
        assert!(part.iter().zip(&all).all(|(p, a)| p <= a));
    }

    #[test]
    fn the_window_follows_the_view_and_stays_grabbable() {
        let (s, b) = strip();
        let v = View {
            start: 100.0 * DAY,
            end: 300.0 * DAY,
            width: 616.0,
        };
        let (a, e) = s.window(&v);
        assert!((a - s.x(100.0 * DAY)).abs() < 1e-9 && (e - s.x(300.0 * DAY)).abs() < 1e-9);
        // A window narrower than a pixel is still 6 px wide.
        let tiny = View {
            start: 500.0 * DAY,
            end: 500.0 * DAY + 20_000.0,
            width: 616.0,
        };
        let (a, e) = s.window(&tiny);
        assert!((e - a - 6.0).abs() < 1e-9);
        // A view wider than the data is clipped to the track.
        let wide = View {
            start: -2000.0 * DAY,
            end: 3000.0 * DAY,
            width: 616.0,
        };
        assert_eq!(s.window(&wide), (PAD, 616.0 - PAD));
        let _ = b;
    }

    #[test]
    fn dragging_the_window_moves_the_view_and_its_edges_resize_it() {
        let (s, b) = strip();
        let mut v = View {
            start: 100.0 * DAY,
            end: 300.0 * DAY,
            width: 616.0,
        };
        let (a, e) = s.window(&v);
        // Middle: moves, span unchanged.
        let mid = (a + e) / 2.0;
        let (g, jump) = s.grab(&v, mid);
        assert!(!jump && matches!(g, Grab::Window(_)));
        assert!(s.drag(g, mid + 60.0, &mut v, &b));
        assert!((v.span() - 200.0 * DAY).abs() < 1.0);
        assert!((v.start - (100.0 * DAY + 60.0 / s.track() * (s.hi - s.lo))).abs() < 1.0);
        // Left edge: the start follows, the end stays.
        let (a, _) = s.window(&v);
        let end = v.end;
        let (g, _) = s.grab(&v, a - 3.0);
        assert_eq!(g, Grab::Start);
        s.drag(g, a - 50.0, &mut v, &b);
        assert!((v.end - end).abs() < 1.0 && v.span() > 200.0 * DAY);
        // Right edge dragged past the start: the window keeps the minimum span.
        let (_, e) = s.window(&v);
        let (g, _) = s.grab(&v, e + 3.0);
        assert_eq!(g, Grab::End);
        s.drag(g, 0.0, &mut v, &b);
        assert!(v.end > v.start && v.span() >= b.min_span - 1e-6);
        // Off the window: it jumps to centre on the press.
        let (g, jump) = s.grab(&v, 400.0);
        assert!(jump);
        s.drag(g, 400.0, &mut v, &b);
        assert!(((v.start + v.end) / 2.0 - s.t(400.0)).abs() < 1.0);
    }

    #[test]
    fn shapes_draw_bars_only_where_events_are_and_the_filtered_ones_stand_out() {
        let (s, _) = strip();
        let starts: Vec<f64> = (0..50).map(|d| f64::from(d) * 20.0 * DAY).collect();
        let v = View {
            start: 0.0,
            end: 1000.0 * DAY,
            width: 616.0,
        };
        let theme = Theme::new(ThemeName::Light);
        let count = |shown: Option<&[u32]>, color: Color| {
            let mut out = Vec::new();
            s.shapes(&starts, shown, &v, &theme, &mut out);
            out.iter()
                .filter(|sh| matches!(sh, Shape::Rect { fill: Some(c), stroke: None, h, .. } if *c == color && *h < 30.0))
                .count()
        };
        assert_eq!(count(None, theme.muted.alpha(0x90)), 50);
        let shown: Vec<u32> = (0..10).collect();
        assert_eq!(count(Some(&shown), theme.muted.alpha(0x40)), 50);
        // Ten accent bars plus the two grips.
        assert_eq!(count(Some(&shown), theme.accent), 12);
    }
}
