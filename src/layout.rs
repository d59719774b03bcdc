//! Lanes, clustering and label fitting: the data, a view and the widget's state in; a
//! display list and hit regions out.
//!
//! At load every event gets a band (its group) and a lane inside it (first fit in time, so
//! events of a lane do not overlap, with room for a headline at the overview zoom). A lane
//! keeps its events' starts and the running maximum of their ends as sorted columns, so a
//! frame finds the visible part with two binary searches and walks it by jumping: every
//! item it emits (a marker, a bar or a cluster) costs one more binary search. The work of a
//! frame follows the number of pixels, not the number of events.

use crate::draw::{Align, Color, Font, Shape, Theme};
use crate::model::Dataset;
use crate::num::within;
use crate::scale::{axis, Labeler, View};
use crate::text::{isolate, plain_text};

/// Height of the axis at the top.
pub const AXIS_H: f64 = 48.0;
/// Height of a group's name row.
pub const HEAD_H: f64 = 22.0;
/// Height of one lane.
pub const LANE_H: f64 = 30.0;
/// Most lanes in one band; further overlapping events share lanes and cluster.
pub const MAX_LANES: usize = 4;
/// Radius of an event marker.
pub const MARKER_R: f64 = 6.0;
/// Events starting within this many pixels of an item's start join it as a cluster.
pub const CLUSTER_PX: f64 = 30.0;
/// Narrowest room a headline is drawn in.
pub const MIN_LABEL_PX: f64 = 40.0;

/// The events of one lane, in time order, as sorted columns.
#[derive(Clone, Debug, Default)]
struct Lane {
    idx: Vec<u32>,
    start: Vec<f64>,
    /// Running maximum of the ends (sorted, so it can be binary-searched).
    max_end: Vec<f64>,
    /// While the filter dims the rest: how many of the lane's first `k` events match, for
    /// every `k` (so an item of any size knows its matches from two lookups); else empty.
    marks: Vec<u32>,
}

impl Lane {
    /// Whether lane positions `first..end` hold no match of a dimming filter.
    fn dimmed(&self, first: usize, end: usize) -> bool {
        match (self.marks.get(first), self.marks.get(end)) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        }
    }
}

#[derive(Clone, Debug)]
struct Band {
    /// Group index, or `None` for events without a group.
    group: Option<usize>,
    lanes: Vec<Lane>,
    top: f64,
}

impl Band {
    fn head(&self) -> f64 {
        if self.group.is_some() {
            HEAD_H
        } else {
            6.0
        }
    }
    fn lane_y(&self, lane: usize) -> f64 {
        self.top + self.head() + (lane as f64 + 0.5) * LANE_H
    }
    fn height(&self) -> f64 {
        self.head() + self.lanes.len() as f64 * LANE_H
    }
}

/// What is under a point of the canvas.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Target {
    /// One event (its index in time order).
    Event(usize),
    /// Several events drawn as one: `count` events from `first` (time order within their
    /// lane), spanning `t0..t1`.
    Cluster {
        /// Index of the earliest event in it.
        first: usize,
        /// How many events.
        count: usize,
        /// Earliest start.
        t0: f64,
        /// Latest end.
        t1: f64,
    },
}

/// A clickable region of the last frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    /// Left.
    pub x0: f64,
    /// Top.
    pub y0: f64,
    /// Right.
    pub x1: f64,
    /// Bottom.
    pub y1: f64,
    /// What it is.
    pub target: Target,
}

/// Widget state the frame depends on.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct State {
    /// The selected event.
    pub selected: Option<usize>,
    /// What the pointer is over.
    pub hover: Option<Target>,
    /// Whether the widget has keyboard focus (the selection ring is drawn stronger).
    pub focused: bool,
    /// Draw every event on its own, never as a cluster (the `clustering: false` option).
    pub separate: bool,
}

/// What a frame is laid out from: the data, the view, the colours and the interaction state.
#[derive(Clone, Copy)]
pub struct Scene<'a> {
    /// The data.
    pub ds: &'a Dataset,
    /// The visible window.
    pub view: &'a View,
    /// The colours.
    pub theme: &'a Theme,
    /// Each group's colour.
    pub colors: &'a [Color],
    /// Selection, hover, focus.
    pub state: &'a State,
}

/// One drawn frame: shapes to paint and regions to hit-test.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Frame {
    /// The display list, in painting order.
    pub shapes: Vec<Shape>,
    /// Clickable regions, in painting order.
    pub hits: Vec<Hit>,
    /// Number of events in view (clusters counted in full).
    pub visible: usize,
    /// How many of them have their whole headline drawn (none cut, none left out).
    pub readable: usize,
}

impl Frame {
    /// The topmost target within `slop` pixels of (x, y): the exact hit first, then the
    /// nearest one within reach (for fingers).
    pub fn hit(&self, x: f64, y: f64, slop: f64) -> Option<Target> {
        let mut best: Option<(f64, Target)> = None;
        for h in self.hits.iter().rev() {
            let dx = (h.x0 - x).max(x - h.x1).max(0.0);
            let dy = (h.y0 - y).max(y - h.y1).max(0.0);
            let d = dx.max(dy);
            if d == 0.0 {
                return Some(h.target);
            }
            if d <= slop && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, h.target));
            }
        }
        best.map(|(_, t)| t)
    }
}

/// Bands and lanes of a dataset, computed once at load.
#[derive(Clone, Debug, Default)]
pub struct Layout {
    bands: Vec<Band>,
    /// Band and lane of every event (time order).
    place: Vec<(u32, u8)>,
    height: f64,
}

/// An item a lane walk emits: lane positions `first..end`, drawn from `x0` to `x1`.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Item {
    first: usize,
    end: usize,
    x0: f64,
    x1: f64,
}

impl Layout {
    /// Assigns bands and lanes. Linear in the number of events (times [`MAX_LANES`]).
    pub fn new(ds: &Dataset) -> Layout {
        Layout::of(ds, None)
    }

    /// Lays out only the events whose flag in `keep` is set (all of them with `None`);
    /// groups without such events get no band.
    pub fn of(ds: &Dataset, keep: Option<&[bool]>) -> Layout {
        let kept = |i: usize| keep.is_none_or(|k| k.get(i).copied().unwrap_or(false));
        let starts = ds.starts();
        let ends = ds.ends();
        let ngroups = ds.groups().len();
        // Band per group that has events, in the author's group order, then the ungrouped.
        let mut used = vec![false; ngroups + 1];
        for e in ds.events().filter(|e| kept(e.index())) {
            if let Some(u) = used.get_mut(e.group_index().unwrap_or(ngroups)) {
                *u = true;
            }
        }
        let mut band_of = vec![u32::MAX; ngroups + 1];
        let mut bands = Vec::new();
        for (g, u) in used.iter().enumerate() {
            if *u {
                if let Some(b) = band_of.get_mut(g) {
                    *b = bands.len() as u32;
                }
                bands.push(Band {
                    group: (g < ngroups).then_some(g),
                    lanes: Vec::new(),
                    top: 0.0,
                });
            }
        }
        let (lo, hi) = ds.span().unwrap_or((0.0, 0.0));
        // Room for a headline at the overview zoom: lanes are assigned as if every event
        // lasted at least this long.
        let label_ms = (hi - lo) * 0.15;
        let mut last_end: Vec<Vec<f64>> = vec![Vec::new(); bands.len()];
        let mut place = Vec::with_capacity(ds.len());
        for (i, e) in ds.events().enumerate() {
            if !kept(i) {
                place.push((u32::MAX, 0));
                continue;
            }
            let g = e.group_index().unwrap_or(ngroups);
            let b = band_of.get(g).copied().unwrap_or(0) as usize;
            let (Some(band), Some(ends_of)) = (bands.get_mut(b), last_end.get_mut(b)) else {
                continue;
            };
            let s = starts.get(i).copied().unwrap_or(0.0);
            let end = ends.get(i).copied().unwrap_or(s);
            let reach = end.max(s + label_ms);
            let lane = match ends_of.iter().position(|&le| le < s) {
                Some(l) => l,
                None if ends_of.len() < MAX_LANES => {
                    ends_of.push(f64::NEG_INFINITY);
                    band.lanes.push(Lane::default());
                    ends_of.len() - 1
                }
                // Full: share the lane that frees up first; the walk clusters overlaps.
                None => ends_of
                    .iter()
                    .enumerate()
                    .min_by(|a, b| a.1.total_cmp(b.1))
                    .map_or(0, |(l, _)| l),
            };
            if let (Some(le), Some(l)) = (ends_of.get_mut(lane), band.lanes.get_mut(lane)) {
                *le = le.max(reach);
                let prev = l.max_end.last().copied().unwrap_or(f64::NEG_INFINITY);
                l.idx.push(i as u32);
                l.start.push(s);
                l.max_end.push(prev.max(end));
            }
            place.push((b as u32, lane as u8));
        }
        let mut top = AXIS_H;
        for band in &mut bands {
            band.top = top;
            top += band.height();
        }
        let bottom = if ds.eras().is_empty() { 10.0 } else { 24.0 };
        Layout {
            bands,
            place,
            height: top + bottom,
        }
    }

    /// Marks the events flagged in `keep` as matches and the rest as dimmed (`None`: no
    /// marks). Linear in the number of events; the frame then costs no more than before.
    pub fn mark(&mut self, keep: Option<&[bool]>) {
        for lane in self.bands.iter_mut().flat_map(|b| b.lanes.iter_mut()) {
            lane.marks.clear();
            if let Some(k) = keep {
                let mut n = 0;
                lane.marks.push(0);
                for &i in &lane.idx {
                    n += u32::from(k.get(i as usize).copied().unwrap_or(false));
                    lane.marks.push(n);
                }
            }
        }
    }

    /// Height the canvas needs in CSS pixels.
    pub fn height(&self) -> f64 {
        self.height
    }

    /// Number of bands (groups with events, plus one for ungrouped events).
    pub fn bands(&self) -> usize {
        self.bands.len()
    }

    /// Band and lane of event `i` (`None` when it is filtered out).
    pub fn place(&self, i: usize) -> Option<(usize, usize)> {
        self.place
            .get(i)
            .filter(|p| p.0 != u32::MAX)
            .map(|&(b, l)| (b as usize, usize::from(l)))
    }

    /// Vertical centre of event `i`'s lane.
    pub fn y_of(&self, i: usize) -> Option<f64> {
        let (b, l) = self.place(i)?;
        Some(self.bands.get(b)?.lane_y(l))
    }

    /// The items of one lane in the view: single events and clusters.
    fn walk(lane: &Lane, view: &View, separate: bool) -> Vec<Item> {
        let mut out = Vec::new();
        let px = view.scale();
        // Start the walk on a fixed grid of cluster widths, so clusters do not reshuffle at
        // every pixel of a pan.
        let bin = CLUSTER_PX / px;
        let from = (view.start / bin).floor() * bin - bin;
        let mut i = lane.max_end.partition_point(|&e| e < from);
        let stop = lane.start.partition_point(|&s| s <= view.end);
        let end_gap = 10.0;
        while i < stop {
            let (Some(&s), Some(&me)) = (lane.start.get(i), lane.max_end.get(i)) else {
                break;
            };
            let x0 = view.x(s);
            let mut right = (x0 + CLUSTER_PX).max(view.x(me) + end_gap);
            let mut j = i + 1;
            while j < stop && !separate {
                let limit = view.t(right);
                let k = j + lane
                    .start
                    .get(j..stop)
                    .map_or(0, |r| r.partition_point(|&s| s < limit));
                if k == j {
                    break;
                }
                let me = lane.max_end.get(k - 1).copied().unwrap_or(s);
                right = right.max(view.x(me) + end_gap);
                j = k;
            }
            let x1 = view.x(lane.max_end.get(j - 1).copied().unwrap_or(s));
            out.push(Item {
                first: i,
                end: j,
                x0,
                x1: x1.max(x0),
            });
            i = j;
        }
        out
    }

    /// Lays out one frame of `scene`, measuring and labelling through `text`.
    pub fn frame(&self, scene: &Scene<'_>, text: &mut dyn Labeler) -> Frame {
        let Scene {
            ds,
            view,
            theme,
            colors,
            state,
        } = *scene;
        let mut f = Frame::default();
        let w = view.width;
        let h = self.height;
        let s = &mut f.shapes;
        s.push(rect(0.0, 0.0, w, h, theme.bg));
        // Eras: alternating background bands with their names along the bottom.
        for (k, era) in ds.eras().iter().enumerate() {
            let (x0, x1) = (view.x(era.start.ms()), view.x(era.end.ms()));
            if x1 < 0.0 || x0 > w {
                continue;
            }
            let (a, b) = (x0.max(0.0), x1.min(w));
            let tint = theme.era.get(k % 2).copied().unwrap_or(theme.bg);
            s.push(rect(a, AXIS_H, b - a, h - AXIS_H, tint));
            if let Some(t) = fit(
                &isolate(&plain_text(&era.headline)),
                b - a - 12.0,
                Font::Axis,
                text,
            ) {
                s.push(label(a + 6.0, h - 12.0, t, theme.muted, Font::Axis));
            }
        }
        // Axis: grid lines, then labels.
        let ax = axis(view, text);
        for t in &ax.minor {
            s.push(vline(t.x, AXIS_H - 6.0, h, theme.grid, 1.0));
        }
        for t in &ax.major {
            if t.x > 0.0 {
                s.push(vline(t.x, 0.0, h, theme.muted.alpha(0x60), 1.0));
            }
        }
        s.push(Shape::Line {
            x0: 0.0,
            y0: AXIS_H,
            x1: w,
            y1: AXIS_H,
            color: theme.grid,
            width: 1.0,
        });
        for t in ax.minor.iter().filter(|t| !t.label.is_empty()) {
            s.push(Shape::Text {
                x: t.x,
                y: 33.0,
                text: t.label.clone(),
                color: theme.muted,
                font: Font::Axis,
                align: Align::Center,
            });
        }
        for t in ax.major.iter().filter(|t| !t.label.is_empty()) {
            s.push(label(
                t.x + 4.0,
                13.0,
                t.label.clone(),
                theme.fg,
                Font::AxisBold,
            ));
        }
        // Bands: separator, group name, then each lane's items.
        let mut tip = None;
        for band in &self.bands {
            if band.top > AXIS_H {
                f.shapes.push(Shape::Line {
                    x0: 0.0,
                    y0: band.top,
                    x1: w,
                    y1: band.top,
                    color: theme.grid,
                    width: 1.0,
                });
            }
            let color = band
                .group
                .and_then(|g| colors.get(g).copied())
                .unwrap_or(theme.accent);
            if let Some(g) = band.group.and_then(|g| ds.groups().get(g)) {
                if let Some(t) = fit(&isolate(&g.name), w - 16.0, Font::Strong, text) {
                    let tw = text.width(&t, Font::Strong);
                    f.shapes.push(rect(
                        4.0,
                        band.top + 3.0,
                        tw + 8.0,
                        17.0,
                        theme.bg.alpha(0xd8),
                    ));
                    // A group without a match of a dimming filter has its name muted too.
                    let dim = band.lanes.iter().all(|l| l.dimmed(0, l.idx.len()));
                    let ink = if dim { theme.muted } else { color };
                    f.shapes
                        .push(label(8.0, band.top + 12.0, t, ink, Font::Strong));
                }
            }
            for (l, lane) in band.lanes.iter().enumerate() {
                let y = band.lane_y(l);
                let items = Self::walk(lane, view, state.separate);
                for (n, it) in items.iter().enumerate() {
                    let next_x = items.get(n + 1).map_or(w, |nx| nx.x0 - MARKER_R - 4.0);
                    let ctx = ItemCtx {
                        lane,
                        y,
                        color,
                        next_x: next_x.min(w),
                    };
                    if let Some(t) = self.item(scene, &ctx, it, &mut f, text) {
                        tip = Some(t);
                    }
                }
            }
        }
        if let Some((target, x, y)) = tip {
            tooltip(scene, target, (x, y), &mut f, text);
        }
        f
    }

    /// Draws one item and records its hit region; returns where a tooltip goes if it is the
    /// hovered one.
    fn item(
        &self,
        scene: &Scene<'_>,
        ctx: &ItemCtx<'_>,
        it: &Item,
        f: &mut Frame,
        text: &mut dyn Labeler,
    ) -> Option<(Target, f64, f64)> {
        let Scene {
            ds,
            view,
            theme,
            state,
            ..
        } = *scene;
        let lane = ctx.lane;
        let y = ctx.y;
        // Items without a match of a dimming filter: grey and faint, their text muted.
        let dim = lane.dimmed(it.first, it.end);
        let (color, ink, on) = if dim {
            (theme.muted.alpha(0x50), theme.muted, theme.fg)
        } else {
            (ctx.color, theme.fg, Theme::on(ctx.color))
        };
        let count = it.end - it.first;
        let first = lane.idx.get(it.first).copied().unwrap_or(0) as usize;
        let last = lane.idx.get(it.end - 1).copied().unwrap_or(0) as usize;
        let w = view.width;
        if it.x1 < -CLUSTER_PX || it.x0 > w + CLUSTER_PX {
            return None;
        }
        f.visible += count;
        let contains = |i: Option<usize>| {
            i.is_some_and(|i| {
                i >= first
                    && i <= last
                    && lane
                        .idx
                        .get(it.first..it.end)
                        .is_some_and(|r| r.binary_search(&(i as u32)).is_ok())
            })
        };
        let target = if count == 1 {
            Target::Event(first)
        } else {
            Target::Cluster {
                first,
                count,
                t0: lane.start.get(it.first).copied().unwrap_or(0.0),
                t1: lane.max_end.get(it.end - 1).copied().unwrap_or(0.0),
            }
        };
        let hovered = state.hover == Some(target);
        let selected = contains(state.selected);
        let s = &mut f.shapes;
        let (hx0, hx1);
        let ring = |x: f64, w: f64, r: f64| Shape::Rect {
            x: x - 3.0,
            y: y - r - 3.0,
            w: w + 6.0,
            h: 2.0 * r + 6.0,
            r: r + 3.0,
            fill: None,
            stroke: Some((theme.accent, if state.focused { 3.0 } else { 2.0 })),
        };
        if count == 1 && it.x1 - it.x0 < 2.0 * MARKER_R {
            // A point (or a range too short to show as a bar): a marker and its headline.
            let r = if hovered { MARKER_R + 1.5 } else { MARKER_R };
            s.push(Shape::Rect {
                x: it.x0 - r,
                y: y - r,
                w: 2.0 * r,
                h: 2.0 * r,
                r,
                fill: Some(color),
                stroke: Some((theme.bg, 1.5)),
            });
            if selected {
                s.push(ring(it.x0 - r, 2.0 * r, r));
            }
            hx0 = it.x0 - r;
            hx1 = it.x0 + r;
            let lx = it.x0 + MARKER_R + 5.0;
            let at = Place {
                x: lx,
                limit: ctx.next_x,
                y,
                color: ink,
            };
            let end = headline(ds, first, at, f, text);
            f.hits.push(Hit {
                x0: hx0,
                y0: y - LANE_H / 2.0,
                x1: end.max(hx1),
                y1: y + LANE_H / 2.0,
                target,
            });
        } else if count == 1 {
            // A range: a bar, its headline inside when it fits, else after it.
            let (a, b) = (it.x0.max(-4.0), it.x1.min(w + 4.0));
            let bh = 16.0;
            s.push(Shape::Rect {
                x: a,
                y: y - bh / 2.0,
                w: b - a,
                h: bh,
                r: 4.0,
                fill: Some(if hovered || dim {
                    color
                } else {
                    color.alpha(0xe0)
                }),
                stroke: None,
            });
            if selected {
                s.push(ring(a, b - a, bh / 2.0));
            }
            let inside_x = a.max(0.0) + 6.0;
            let plain =
                isolate(&plain_text(ds.event(first).map_or("", |e| e.headline()))).into_owned();
            let tw = text.width(&plain, Font::Label);
            let end = if inside_x + tw <= b - 6.0 || b - inside_x > 160.0 {
                if let Some(t) = fit(&plain, b - 6.0 - inside_x, Font::Label, text) {
                    f.readable += usize::from(t.len() == plain.trim().len());
                    f.shapes.push(label(inside_x, y, t, on, Font::Label));
                }
                b
            } else {
                let at = Place {
                    x: b + 6.0,
                    limit: ctx.next_x,
                    y,
                    color: ink,
                };
                headline(ds, first, at, f, text)
            };
            hx0 = a;
            hx1 = b;
            f.hits.push(Hit {
                x0: a,
                y0: y - LANE_H / 2.0,
                x1: end.max(b),
                y1: y + LANE_H / 2.0,
                target,
            });
        } else {
            // A cluster: a pill with the count; clusters of ranges keep their extent as a
            // faint bar behind it.
            if it.x1 - it.x0 > CLUSTER_PX {
                let (a, b) = (it.x0.max(-4.0), it.x1.min(w + 4.0));
                s.push(Shape::Rect {
                    x: a,
                    y: y - 5.0,
                    w: b - a,
                    h: 10.0,
                    r: 5.0,
                    fill: Some(color.alpha(0x55)),
                    stroke: None,
                });
            }
            let n = count_label(count);
            let tw = text.width(&n, Font::Count);
            let pw = within(tw + 12.0, 22.0, CLUSTER_PX - 4.0).max(tw + 6.0);
            let px = it.x0 - MARKER_R - 1.0;
            let ph = if hovered { 22.0 } else { 20.0 };
            s.push(Shape::Rect {
                x: px,
                y: y - ph / 2.0,
                w: pw,
                h: ph,
                r: ph / 2.0,
                fill: Some(color),
                stroke: Some((theme.bg, 1.5)),
            });
            s.push(Shape::Text {
                x: px + pw / 2.0,
                y,
                text: n,
                color: on,
                font: Font::Count,
                align: Align::Center,
            });
            if selected {
                s.push(ring(px, pw, ph / 2.0));
            }
            hx0 = px;
            hx1 = px + pw;
            f.hits.push(Hit {
                x0: px,
                y0: y - LANE_H / 2.0,
                x1: (px + pw).max(it.x1.min(w)),
                y1: y + LANE_H / 2.0,
                target,
            });
        }
        hovered.then_some((target, (hx0 + hx1) / 2.0, y))
    }
}

/// Per-lane context of an item.
struct ItemCtx<'a> {
    lane: &'a Lane,
    y: f64,
    color: Color,
    /// Where the next item's drawing begins (labels stop before it).
    next_x: f64,
}

/// Where a headline goes: from `x` up to `limit`, centred on `y`, in `color`.
struct Place {
    x: f64,
    limit: f64,
    y: f64,
    color: Color,
}

/// Draws event `i`'s headline at `at`; returns where it ends.
fn headline(ds: &Dataset, i: usize, at: Place, f: &mut Frame, text: &mut dyn Labeler) -> f64 {
    let Place { x, limit, y, color } = at;
    let x = x.max(4.0);
    let room = limit - x - 4.0;
    if room < MIN_LABEL_PX {
        return x;
    }
    let plain = isolate(&plain_text(ds.event(i).map_or("", |e| e.headline()))).into_owned();
    match fit(&plain, room, Font::Label, text) {
        Some(t) => {
            let end = x + text.width(&t, Font::Label);
            f.readable += usize::from(t.len() == plain.trim().len());
            f.shapes.push(label(x, y, t, color, Font::Label));
            end
        }
        None => x,
    }
}

/// "7", "999", "1.2k", "35k", "1.2M": counts that fit a small pill.
pub fn count_label(n: usize) -> String {
    let short = |v: usize, unit: char| {
        let mut s = (v / 10).to_string();
        if v < 100 && v % 10 != 0 {
            s.push('.');
            s.push(char::from(b'0' + (v % 10) as u8));
        }
        s.push(unit);
        s
    };
    match n {
        0..=999 => n.to_string(),
        1000..=999_999 => short(n / 100, 'k'),
        _ => short(n / 100_000, 'M'),
    }
}

/// `text` fitted into `max` pixels: whole, or cut at a character boundary with "…";
/// `None` when not even one character and the ellipsis fit. Binary search, so a long
/// headline costs a handful of measurements.
pub fn fit(text: &str, max: f64, font: Font, m: &mut dyn Labeler) -> Option<String> {
    let text = text.trim();
    if text.is_empty() || max <= 0.0 {
        return None;
    }
    let full = m.width(text, font);
    if full <= max {
        return Some(text.to_string());
    }
    let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).skip(1).collect();
    let (mut lo, mut hi) = (0usize, bounds.len());
    let cut = |k: usize| {
        let end = bounds.get(k.wrapping_sub(1)).copied().unwrap_or(0);
        let mut s = text.get(..end).unwrap_or("").trim_end().to_string();
        s.push('…');
        s
    };
    let mut fits = |k: usize| m.width(&cut(k), font) <= max;
    // Largest k whose cut fits (widths grow with k). The width in proportion, less a
    // character for the ellipsis, is usually it or next to it: about three measurements
    // where a binary search alone takes five, and each new one is a `measureText` (a zoom
    // step refits every headline that is cut).
    let g = ((hi as f64 * max / full) as usize).clamp(1, hi.max(1)) - 1;
    if g > 0 {
        if !fits(g) {
            hi = g - 1;
            if g > 1 && fits(g - 1) {
                lo = g - 1;
            }
        } else if g < hi && fits(g + 1) {
            lo = g + 1;
        } else {
            (lo, hi) = (g, g);
        }
    }
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if fits(mid) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    (lo > 0).then(|| cut(lo))
}

fn rect(x: f64, y: f64, w: f64, h: f64, fill: Color) -> Shape {
    Shape::Rect {
        x,
        y,
        w,
        h,
        r: 0.0,
        fill: Some(fill),
        stroke: None,
    }
}

fn vline(x: f64, y0: f64, y1: f64, color: Color, width: f64) -> Shape {
    Shape::Line {
        x0: x,
        y0,
        x1: x,
        y1,
        color,
        width,
    }
}

fn label(x: f64, y: f64, text: String, color: Color, font: Font) -> Shape {
    Shape::Text {
        x,
        y,
        text,
        color,
        font,
        align: Align::Left,
    }
}

/// The hover tooltip at `(x, y)`: headline and date of an event, or the size of a cluster.
fn tooltip(
    scene: &Scene<'_>,
    target: Target,
    (x, y): (f64, f64),
    f: &mut Frame,
    m: &mut dyn Labeler,
) {
    let Scene {
        ds, view, theme, ..
    } = *scene;
    let (title, sub) = match target {
        Target::Event(i) => match ds.event(i) {
            Some(e) => (
                isolate(&plain_text(e.headline())).into_owned(),
                e.date_label(),
            ),
            None => return,
        },
        Target::Cluster { count, .. } => {
            let mut t = count.to_string();
            t.push_str(" events");
            (t, "Click to zoom in".to_string())
        }
    };
    let max = (view.width - 16.0).min(320.0);
    let title = fit(&title, max - 16.0, Font::Strong, m).unwrap_or_default();
    let sub = fit(&sub, max - 16.0, Font::Axis, m).unwrap_or_default();
    let tw = m.width(&title, Font::Strong).max(m.width(&sub, Font::Axis)) + 16.0;
    let th = 42.0;
    let bx = within(x - tw / 2.0, 4.0, view.width - tw - 4.0);
    let by = if y - 16.0 - th > AXIS_H {
        y - 16.0 - th
    } else {
        y + 16.0
    };
    f.shapes.push(Shape::Rect {
        x: bx,
        y: by,
        w: tw,
        h: th,
        r: 6.0,
        fill: Some(theme.tip_bg),
        stroke: None,
    });
    f.shapes.push(label(
        bx + 8.0,
        by + 13.0,
        title,
        theme.tip_fg(),
        Font::Strong,
    ));
    f.shapes
        .push(label(bx + 8.0, by + 30.0, sub, theme.tip_fg(), Font::Axis));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draw::ThemeName;
    use crate::parse::{parse, Limits};
    use crate::scale::{Bounds, English};

    fn load(json: &str) -> Dataset {
        parse(json, &Limits::default()).unwrap().dataset
    }

    /// `n` point events, one per hour, in `groups` groups.
    pub(super) fn generated(n: usize, groups: usize) -> Dataset {
        use crate::model::{Builder, NewEvent, TimePoint};
        let mut b = Builder::new();
        for g in 0..groups {
            b.declare_group(&format!("G{g}"), None);
        }
        for i in 0..n {
            let start = TimePoint::from_ms(i as f64 * 3_600_000.0, crate::model::Precision::Hour);
            b.push(NewEvent {
                headline: format!("Event {i}").into(),
                start: Some(start),
                group: format!("G{}", i % groups.max(1)).into(),
                ..NewEvent::default()
            });
        }
        b.finish().0
    }

    fn frame_of(ds: &Dataset, layout: &Layout, view: &View, state: &State) -> Frame {
        let th = Theme::new(ThemeName::Light);
        let colors: Vec<Color> = (0..ds.groups().len())
            .map(|g| th.group_color(g, None))
            .collect();
        let scene = Scene {
            ds,
            view,
            theme: &th,
            colors: &colors,
            state,
        };
        let f = layout.frame(&scene, &mut English);
        // The painter fills lines as rectangles: every one must be level or upright, and
        // drawn rightwards or downwards.
        for s in &f.shapes {
            if let Shape::Line { x0, y0, x1, y1, .. } = s {
                assert!(x0 == x1 && y0 <= y1 || y0 == y1 && x0 <= x1, "{s:?}");
            }
        }
        f
    }

    fn idlib() -> Dataset {
        load(include_str!("../www/data/idlib-2018.json"))
    }

    #[test]
    fn overlapping_ranges_stack_into_lanes() {
        let ds = load(
            r#"{"events":[
            {"start":"2018-01-01","end":"2018-06-01","headline":"A"},
            {"start":"2018-03-01","end":"2018-09-01","headline":"B"},
            {"start":"2018-05-01","end":"2018-05-02","headline":"C"},
            {"start":"2019-06-01","headline":"D"}]}"#,
        );
        let l = Layout::new(&ds);
        let lanes: Vec<usize> = (0..4).map(|i| l.place(i).unwrap().1).collect();
        assert_eq!(
            lanes,
            [0, 1, 2, 0],
            "overlaps get their own lanes, D reuses lane 0"
        );
        assert_eq!(l.bands(), 1);
        // Nothing overlaps within a lane.
        for lane in &l.bands[0].lanes {
            for w in lane.idx.windows(2) {
                let (a, b) = (w[0] as usize, w[1] as usize);
                assert!(ds.ends()[a] < ds.starts()[b]);
            }
        }
    }

    #[test]
    fn groups_get_bands_in_author_order_and_lanes_are_capped() {
        let ds = idlib();
        let l = Layout::new(&ds);
        assert_eq!(l.bands(), 5);
        let order: Vec<Option<usize>> = l.bands.iter().map(|b| b.group).collect();
        assert_eq!(order, [Some(0), Some(1), Some(2), Some(3), Some(4)]);
        assert!(l.bands.windows(2).all(|w| w[0].top < w[1].top));
        let many = generated(10_000, 2);
        let l = Layout::new(&many);
        assert!(l.bands.iter().all(|b| b.lanes.len() <= MAX_LANES));
        assert_eq!(
            l.bands
                .iter()
                .flat_map(|b| &b.lanes)
                .map(|l| l.idx.len())
                .sum::<usize>(),
            10_000
        );
    }

    #[test]
    fn markers_never_overlap_within_a_lane_and_crowds_become_clusters() {
        let ds = generated(100_000, 3);
        let l = Layout::new(&ds);
        let b = Bounds::new(ds.starts()[0], *ds.starts().last().unwrap());
        for width in [320.0, 1280.0] {
            let mut v = b.fit(width);
            for _ in 0..12 {
                let f = frame_of(&ds, &l, &v, &State::default());
                assert!(!f.hits.is_empty());
                // Hit regions of one lane (same y) keep apart: no pile of markers.
                let mut rows: Vec<&Hit> = f.hits.iter().collect();
                rows.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
                for w in rows.windows(2) {
                    if w[0].y0 == w[1].y0 {
                        let (a, b) = (w[0], w[1]);
                        let a_marker = match a.target {
                            Target::Event(_) => a.x0 + 2.0 * MARKER_R,
                            Target::Cluster { .. } => a.x0 + CLUSTER_PX - 4.0,
                        };
                        assert!(a_marker <= b.x0 + 1e-9, "{a:?} overlaps {b:?}");
                    }
                }
                // Cost follows pixels: never more items than a lane has room for.
                let lanes = l.bands.iter().map(|b| b.lanes.len()).sum::<usize>();
                assert!(
                    f.hits.len() <= lanes * (width / CLUSTER_PX + 3.0) as usize,
                    "{} items",
                    f.hits.len()
                );
                v.zoom_at(width / 2.0, 3.0, &b);
            }
            // Fully zoomed out, clusters carry every visible event.
            let f = frame_of(&ds, &l, &b.fit(width), &State::default());
            assert_eq!(f.visible, 100_000);
            assert!(f
                .hits
                .iter()
                .any(|h| matches!(h.target, Target::Cluster { .. })));
        }
    }

    #[test]
    fn zooming_into_a_cluster_splits_it() {
        let ds = generated(50, 1);
        let l = Layout::new(&ds);
        let b = Bounds::new(ds.starts()[0], *ds.starts().last().unwrap());
        let mut v = b.fit(320.0);
        v.set(v.start, v.start + 400.0 * 86_400_000.0, &b);
        let f = frame_of(&ds, &l, &v, &State::default());
        let Some(Target::Cluster { t0, t1, count, .. }) = f
            .hits
            .iter()
            .map(|h| h.target)
            .find(|t| matches!(t, Target::Cluster { .. }))
        else {
            panic!("no cluster at this zoom: {:?}", f.hits);
        };
        v.set(t0 - (t1 - t0) * 0.1, t1 + (t1 - t0) * 0.1, &b);
        let f = frame_of(&ds, &l, &v, &State::default());
        let singles = f
            .hits
            .iter()
            .filter(|h| matches!(h.target, Target::Event(_)))
            .count();
        assert!(singles > 1, "zoomed into {count} events, got {:?}", f.hits);
    }

    #[test]
    fn hit_testing_finds_events_and_clusters() {
        let ds = idlib();
        let l = Layout::new(&ds);
        let b = Bounds::new(ds.span().unwrap().0, ds.span().unwrap().1);
        let mut v = b.fit(1280.0);
        // Zoom into September 2018, where most events are.
        let sep = crate::model::parse_iso("2018-08-30").unwrap().ms();
        v.set(sep, sep + 12.0 * 86_400_000.0, &b);
        let f = frame_of(&ds, &l, &v, &State::default());
        let first = f
            .hits
            .iter()
            .find(|h| matches!(h.target, Target::Event(_)))
            .unwrap();
        let (cx, cy) = (first.x0 + 3.0, (first.y0 + first.y1) / 2.0);
        assert_eq!(f.hit(cx, cy, 0.0), Some(first.target));
        // Below every band there is nothing; a finger's slop reaches the nearest target.
        assert_eq!(f.hit(cx, l.height() + 50.0, 0.0), None);
        assert!(f.hit(cx, first.y1 + 5.0, 8.0).is_some());
        // Every event of the dataset has a lane and a y inside the canvas.
        for i in 0..ds.len() {
            let y = l.y_of(i).unwrap();
            assert!(y > AXIS_H && y < l.height());
        }
    }

    #[test]
    fn headlines_fit_their_room_or_are_left_out() {
        let ds = idlib();
        let l = Layout::new(&ds);
        let b = Bounds::new(ds.span().unwrap().0, ds.span().unwrap().1);
        for width in [320.0, 375.0, 1280.0, 2560.0] {
            let v = b.fit(width);
            let f = frame_of(&ds, &l, &v, &State::default());
            let texts: Vec<(&f64, &f64, &String)> = f
                .shapes
                .iter()
                .filter_map(|s| match s {
                    Shape::Text {
                        x,
                        y,
                        text,
                        font: Font::Label,
                        ..
                    } => Some((x, y, text)),
                    _ => None,
                })
                .collect();
            for (x, _, t) in &texts {
                let end = **x + English.width(t, Font::Label);
                assert!(end <= width + 0.5, "{t:?} runs off the canvas at {width}");
            }
            // Labels in one lane do not overlap each other.
            for a in &texts {
                for b in &texts {
                    if a != b && a.1 == b.1 && a.0 < b.0 {
                        let end = *a.0 + English.width(a.2, Font::Label);
                        assert!(end <= *b.0, "{:?} runs into {:?}", a.2, b.2);
                    }
                }
            }
            if width >= 1280.0 {
                assert!(texts.len() >= 5, "{width}: {texts:?}");
            }
        }
    }

    #[test]
    fn fit_truncates_with_an_ellipsis() {
        let mut m = English;
        let w = |s: &str| English.width(s, Font::Label);
        assert_eq!(fit("Short", 100.0, Font::Label, &mut m).unwrap(), "Short");
        let t = fit(
            "Turkish tanks enter Idlib",
            w("Turkish ta…") + 0.1,
            Font::Label,
            &mut m,
        );
        assert_eq!(t.unwrap(), "Turkish ta…");
        assert_eq!(fit("Idlib", 3.0, Font::Label, &mut m), None);
        assert_eq!(fit("   ", 300.0, Font::Label, &mut m), None);
        // Multi-byte characters are cut on boundaries.
        let t = fit("İdlib ağır silahlar", w("İdlib a…"), Font::Label, &mut m).unwrap();
        assert_eq!(t, "İdlib a…");
    }

    /// Widths that vary by character, counting how often it is asked.
    struct Counted(usize);
    impl Labeler for Counted {
        fn label(
            &mut self,
            at: crate::scale::Civil,
            unit: crate::scale::Unit,
            major: bool,
        ) -> String {
            English.label(at, unit, major)
        }
        fn width(&mut self, text: &str, _: Font) -> f64 {
            self.0 += 1;
            text.chars()
                .map(|c| {
                    if c.is_ascii_uppercase() || c == 'w' {
                        9.5
                    } else if c == 'i' || c == 'l' {
                        3.0
                    } else {
                        6.5
                    }
                })
                .sum()
        }
    }

    #[test]
    fn fit_finds_the_longest_cut_that_fits_in_few_measurements() {
        let texts = [
            "Turkish tanks enter Idlib",
            "WWWWWWW iiiiiii WWW",
            "illicit illusions",
            "İdlib ağır silahlar çekiyor",
            "A",
            "AB",
        ];
        let (mut calls, mut fits) = (0, 0);
        for text in texts {
            for max in (0..200).map(|m| f64::from(m) * 0.9) {
                let mut m = Counted(0);
                let got = fit(text, max, Font::Label, &mut m);
                calls += m.0;
                fits += 1;
                // The longest prefix whose cut fits, by trying every one.
                let mut o = Counted(0);
                let want = if o.width(text, Font::Label) <= max {
                    Some(text.to_string())
                } else {
                    let ends: Vec<usize> = text.char_indices().map(|(i, _)| i).skip(1).collect();
                    ends.iter()
                        .map(|&e| format!("{}…", text[..e].trim_end()))
                        .filter(|c| o.width(c, Font::Label) <= max)
                        .last()
                };
                assert_eq!(got, want, "{text:?} in {max}");
            }
        }
        assert!(calls <= fits * 3, "{calls} measurements for {fits} fits");
        // A cut headline: the whole width, then about three cuts (a binary search alone
        // takes five here: 627 measurements).
        let mut m = Counted(0);
        for max in 40..150 {
            fit(texts[0], f64::from(max), Font::Label, &mut m);
        }
        assert!(m.0 <= 110 * 5, "{} measurements for 110 cut headlines", m.0);
    }

    #[test]
    fn counts_are_short() {
        let c: Vec<String> = [7, 999, 1000, 1250, 35_000, 999_999, 1_200_000, 20_000_000]
            .map(count_label)
            .to_vec();
        assert_eq!(c, ["7", "999", "1k", "1.2k", "35k", "999k", "1.2M", "20M"]);
    }

    #[test]
    fn selection_and_hover_are_drawn() {
        let ds = idlib();
        let l = Layout::new(&ds);
        let b = Bounds::new(ds.span().unwrap().0, ds.span().unwrap().1);
        let v = b.fit(1280.0);
        let plain = frame_of(&ds, &l, &v, &State::default());
        let target = plain.hits[0].target;
        let state = State {
            selected: Some(0),
            hover: Some(target),
            focused: true,
            ..State::default()
        };
        let f = frame_of(&ds, &l, &v, &state);
        let ring = |s: &&Shape| {
            matches!(
                s,
                Shape::Rect {
                    fill: None,
                    stroke: Some(_),
                    ..
                }
            )
        };
        assert_eq!(plain.shapes.iter().filter(ring).count(), 0);
        assert!(f.shapes.iter().filter(ring).count() >= 1, "selection ring");
        assert!(
            f.shapes.len() >= plain.shapes.len() + 3,
            "tooltip box and text"
        );
    }

    /// Frame cost while panning 100,000 and 1,000,000 events (layout only, no painting).
    /// Best time of a few frames panning one step at a time from `v`.
    fn best_frame_ms(ds: &Dataset, l: &Layout, mut v: View, b: &Bounds) -> f64 {
        let mut best = f64::INFINITY;
        for _ in 0..15 {
            v.pan_px(3.0, b);
            let t = std::time::Instant::now();
            let f = frame_of(ds, l, &v, &State::default());
            best = best.min(t.elapsed().as_secs_f64() * 1000.0);
            assert!(f.visible > 0);
        }
        best
    }

    #[test]
    fn frame_cost_follows_what_is_in_view_not_what_is_off_screen() {
        // The same 600 hourly events in view: alone, and amid 400,000 off screen.
        let (small, big) = (generated(600, 5), generated(400_000, 5));
        let (ls, lb) = (Layout::new(&small), Layout::new(&big));
        let hour = 3_600_000.0;
        let bs = Bounds::new(0.0, 599.0 * hour);
        let bb = Bounds::new(0.0, 399_999.0 * hour);
        let mut vs = bs.fit(1280.0);
        vs.set(0.0, 600.0 * hour, &bs);
        let mut vb = vs;
        vb.set(200_000.0 * hour, 200_600.0 * hour, &bb);
        let (fs, fb) = (
            frame_of(&small, &ls, &vs, &State::default()),
            frame_of(&big, &lb, &vb, &State::default()),
        );
        // Clusters straddling the edges count in full, so the figures differ a little.
        assert!(
            fs.visible.abs_diff(fb.visible) <= 30,
            "{} vs {}",
            fs.visible,
            fb.visible
        );
        assert!(fb.shapes.len() <= fs.shapes.len() + 30);
        // Even the cheapest linear pass (a scan of one column per lane for the first item in
        // view, instead of a binary search) makes the frame ~6 times slower here; best-of-15
        // timing with this margin leaves room for a busy machine.
        let (ts, tb) = (
            best_frame_ms(&small, &ls, vs, &bs),
            best_frame_ms(&big, &lb, vb, &bb),
        );
        assert!(
            tb <= ts * 3.0 + 0.25,
            "{tb:.3} ms with 400,000 events vs {ts:.3} ms with 600"
        );
    }

    #[test]
    fn a_dimming_filter_greys_the_items_without_a_match() {
        let ds = generated(2_000, 1);
        let mut l = Layout::new(&ds);
        let (lo, hi) = ds.span().unwrap();
        let bounds = Bounds::new(lo, hi);
        let mut view = bounds.fit(800.0);
        // Hours 900 to 1200: clusters of a few events each.
        view.set(lo + 900.0 * 3.6e6, lo + 1_200.0 * 3.6e6, &bounds);
        let th = Theme::new(ThemeName::Light);
        let grey = th.muted.alpha(0x50);
        let colour = th.group_color(0, None);
        // Fills of the markers and pills (rounded), grey and coloured.
        let fills = |f: &Frame| {
            let rounded = f.shapes.iter().filter_map(|s| match s {
                Shape::Rect {
                    fill: Some(c), r, ..
                } if *r > 0.0 => Some(*c),
                _ => None,
            });
            let (g, c): (Vec<Color>, Vec<Color>) = rounded.partition(|c| *c == grey);
            (g.len(), c.iter().filter(|c| **c == colour).count())
        };
        let plain = frame_of(&ds, &l, &view, &State::default());
        let items = plain.hits.len();
        assert!(items > 10, "{items}");
        assert_eq!(fills(&plain), (0, items));
        // One match: the cluster that holds it keeps its colour, every other item is grey,
        // and nothing moves or disappears.
        let mut keep = vec![false; 2_000];
        keep[1_000] = true;
        l.mark(Some(&keep));
        let f = frame_of(&ds, &l, &view, &State::default());
        assert_eq!(f.hits, plain.hits);
        assert_eq!(fills(&f), (items - 1, 1));
        let lit = f
            .shapes
            .iter()
            .find_map(|s| match s {
                Shape::Rect {
                    x,
                    w,
                    fill: Some(c),
                    ..
                } if *c == colour => Some((*x, *x + *w)),
                _ => None,
            })
            .unwrap();
        let hit = f
            .hits
            .iter()
            .find(|h| h.x0 <= lit.0 + 1.0 && h.x1 >= lit.1 - 1.0)
            .unwrap();
        match hit.target {
            Target::Cluster { first, count, .. } => {
                assert!((first..first + count).contains(&1_000))
            }
            t => panic!("{t:?}"),
        }
        // Every event a match: nothing grey. No marks: as before.
        l.mark(Some(&[true; 2_000]));
        assert_eq!(
            fills(&frame_of(&ds, &l, &view, &State::default())),
            (0, items)
        );
        l.mark(None);
        assert_eq!(frame_of(&ds, &l, &view, &State::default()), plain);
    }

    #[test]
    fn without_clustering_every_visible_event_is_drawn_on_its_own() {
        let ds = generated(2000, 2);
        let l = Layout::new(&ds);
        let b = Bounds::new(ds.span().unwrap().0, ds.span().unwrap().1);
        let v = b.fit(800.0);
        let clustered = frame_of(&ds, &l, &v, &State::default());
        let is_cluster = |h: &Hit| matches!(h.target, Target::Cluster { .. });
        assert!(clustered.hits.iter().any(is_cluster));
        let separate = State {
            separate: true,
            ..State::default()
        };
        let f = frame_of(&ds, &l, &v, &separate);
        assert!(!f.hits.iter().any(is_cluster));
        let events = f
            .hits
            .iter()
            .filter(|h| matches!(h.target, Target::Event(_)))
            .count();
        assert_eq!(
            events, 2000,
            "all 2,000 events are in view and each is its own marker"
        );
    }
}
