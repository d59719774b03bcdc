//! Encodes a display list for `host.js` to paint on the canvas, and the browser's
//! [`Labeler`]: axis labels from `Intl.DateTimeFormat` in the chosen locale, widths from
//! `measureText` (through `host.js`).

use super::Host;
use crate::draw::{Align, Color, Font, Shape};
use crate::scale::{english_label, Civil, Labeler, Unit};

/// Axis labels in a locale (`Intl.DateTimeFormat`, through `host.js`, which also measures
/// them on the canvas).
pub struct IntlLabels {
    host: Host,
    /// Widths measured before, by a 64-bit hash of font and text (so no strings are kept; two
    /// texts that share one are as likely as guessing a 64-bit key): a frame measures the
    /// same counts and labels as the one before (~300 `measureText` calls in a dense year
    /// view).
    widths: Vec<(u64, f64)>,
}

/// How many widths [`IntlLabels`] keeps (a direct-mapped cache; a clash replaces).
const WIDTHS: usize = 1024;

impl IntlLabels {
    /// Labels formatted and measured by `host` (in the locale it was given).
    pub fn new(host: Host) -> IntlLabels {
        IntlLabels {
            host,
            widths: Vec::new(),
        }
    }
}

impl Labeler for IntlLabels {
    fn label(&mut self, at: Civil, unit: Unit, major: bool) -> String {
        // Intl's Gregorian calendar has no year 0 and counts BCE differently; those years
        // and the cosmological ones keep the core's labels.
        if !(1..=9999).contains(&at.year) {
            return english_label(at, unit, major);
        }
        let kind = match (unit, major) {
            (Unit::Year, _) => 0,
            (Unit::Month, false) => 1,
            (Unit::Month, true) => 2,
            (Unit::Day, false) => 3,
            (Unit::Day, true) | (Unit::Hour | Unit::Second, true) => 4,
            (Unit::Hour | Unit::Minute, false) => 5,
            (Unit::Second, false) => 6,
            (Unit::Minute, true) => 7,
        };
        // Empty when Intl refused the locale.
        match self.host.date(kind, at.ms()) {
            s if s.is_empty() => english_label(at, unit, major),
            s => s,
        }
    }

    fn width(&mut self, text: &str, font: Font) -> f64 {
        let f = font as u8;
        // Never 0 (the empty slot): the font's bit is set.
        let h = crate::text::hash(text) << 8 | 0x80 | u64::from(f);
        let i = (h >> 8) as usize % WIDTHS;
        if let Some(&(k, w)) = self.widths.get(i) {
            if k == h {
                return w;
            }
        }
        let w = self.host.measure(text, f);
        if self.widths.is_empty() {
            self.widths = vec![(0, 0.0); WIDTHS];
        }
        if let Some(slot) = self.widths.get_mut(i) {
            *slot = (h, w);
        }
        w
    }
}

/// Encodes a display list for `host.js`'s `paint`, which replays it on the canvas in one
/// call (rather than a crossing into JavaScript per canvas call). Numbers, per shape:
/// `1 x y w h colour` (a plain filled rectangle), `2 x y w h r fill stroke line-width`
/// (rounded, either colour 0 for none; lines are plain rectangles too), and
/// `4 x y colour font align` (text; the strings follow in order, joined by U+0001).
/// Colours are `0xRRGGBBAA` numbers.
pub fn encode(shapes: &[Shape], dpr: f64, ops: &mut Vec<f64>, texts: &mut String) {
    ops.clear();
    texts.clear();
    for s in shapes {
        match s {
            Shape::Rect {
                x,
                y,
                w,
                h,
                r,
                fill,
                stroke,
            } => {
                let c = |c: Option<Color>| f64::from(c.map_or(0, |c| c.0));
                if *r <= 0.0 && stroke.is_none() {
                    ops.extend([1.0, *x, *y, *w, *h, c(*fill)]);
                } else {
                    let (sc, lw) = stroke.map_or((None, 0.0), |(c, w)| (Some(c), w));
                    ops.extend([2.0, *x, *y, *w, *h, *r, c(*fill), c(sc), lw]);
                }
            }
            Shape::Line {
                x0,
                y0,
                x1,
                y1,
                color,
                width,
            } => {
                // Level or upright (see `Shape::Line`): a filled rectangle, which software
                // raster draws several times faster than a stroked path, on whole device
                // pixels.
                let c = f64::from(color.0);
                let half = width / 2.0;
                ops.extend(if x0 == x1 {
                    [
                        1.0,
                        crate::draw::crisp(*x0, dpr) - half,
                        *y0,
                        *width,
                        y1 - y0,
                        c,
                    ]
                } else {
                    [
                        1.0,
                        *x0,
                        crate::draw::crisp(*y0, dpr) - half,
                        x1 - x0,
                        *width,
                        c,
                    ]
                });
            }
            Shape::Text {
                x,
                y,
                text,
                color,
                font,
                align,
            } => {
                ops.extend([
                    4.0,
                    *x,
                    *y,
                    f64::from(color.0),
                    f64::from(*font as u8),
                    f64::from(u8::from(*align == Align::Center)),
                ]);
                texts.push_str(text);
                texts.push('\u{1}');
            }
        }
    }
}
