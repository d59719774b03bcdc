//! Replays a display list on a 2D canvas, and the browser's [`Labeler`]: axis labels from
//! `Intl.DateTimeFormat` in the chosen locale, widths from `measureText`.

use crate::draw::{Align, Color, Font, Shape};
use crate::scale::{english_label, Civil, Labeler, Unit};
use wasm_bindgen::prelude::*;
use web_sys::CanvasRenderingContext2d;

#[wasm_bindgen]
extern "C" {
    /// `Intl.DateTimeFormat`, bound here with `catch` so a bad locale is an error value.
    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    type Dtf;
    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "DateTimeFormat", catch)]
    fn new(locales: &JsValue, options: &js_sys::Object) -> Result<Dtf, JsValue>;
    #[wasm_bindgen(method, js_class = "DateTimeFormat", js_name = format)]
    fn format(this: &Dtf, ms: f64) -> String;
}

const FAMILY: &str = "system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif";

fn css_font(f: Font) -> String {
    let mut s = String::new();
    if f.bold() {
        s.push_str("600 ");
    }
    s.push_str(match f.size() as u32 {
        11 => "11px ",
        12 => "12px ",
        _ => "13px ",
    });
    s.push_str(FAMILY);
    s
}

/// Axis labels in a locale, measured on a canvas.
pub struct IntlLabels {
    ctx: CanvasRenderingContext2d,
    locale: JsValue,
    /// Formatters by kind, made on first use.
    formats: Vec<(u8, Option<Dtf>)>,
    font: Option<Font>,
}

impl IntlLabels {
    /// Labels for `locale` (`undefined` for the reader's own), measured with `ctx`.
    pub fn new(ctx: CanvasRenderingContext2d, locale: JsValue) -> IntlLabels {
        IntlLabels {
            ctx,
            locale,
            formats: Vec::new(),
            font: None,
        }
    }

    /// Forgets the canvas state (resizing the canvas resets it).
    pub fn reset(&mut self) {
        self.font = None;
    }

    fn set_font(&mut self, f: Font) {
        if self.font != Some(f) {
            self.ctx.set_font(&css_font(f));
            self.font = Some(f);
        }
    }

    /// The formatter for a tick kind; `None` if `Intl` refused the locale or options.
    fn formatter(&mut self, kind: u8) -> Option<&Dtf> {
        if !self.formats.iter().any(|(k, _)| *k == kind) {
            let o = js_sys::Object::new();
            let set = |k: &str, v: &str| {
                let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v));
            };
            set("timeZone", "UTC");
            let fields: &[(&str, &str)] = match kind {
                0 => &[("year", "numeric")],
                1 => &[("month", "short")],
                2 => &[("month", "long"), ("year", "numeric")],
                3 => &[("day", "numeric")],
                4 => &[("day", "numeric"), ("month", "short"), ("year", "numeric")],
                5 => &[("hour", "2-digit"), ("minute", "2-digit")],
                6 => &[
                    ("hour", "2-digit"),
                    ("minute", "2-digit"),
                    ("second", "2-digit"),
                ],
                _ => &[
                    ("day", "numeric"),
                    ("month", "short"),
                    ("year", "numeric"),
                    ("hour", "2-digit"),
                    ("minute", "2-digit"),
                ],
            };
            for (k, v) in fields {
                set(k, v);
            }
            self.formats.push((kind, Dtf::new(&self.locale, &o).ok()));
        }
        self.formats
            .iter()
            .find(|(k, _)| *k == kind)
            .and_then(|(_, f)| f.as_ref())
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
        match self.formatter(kind) {
            Some(f) => f.format(at.ms()),
            None => english_label(at, unit, major),
        }
    }

    fn width(&mut self, text: &str, font: Font) -> f64 {
        self.set_font(font);
        self.ctx.measure_text(text).map_or(0.0, |m| m.width())
    }
}

/// Replays shapes, setting canvas state only when it changes.
pub struct Painter<'a> {
    ctx: &'a CanvasRenderingContext2d,
    fill: Option<Color>,
    stroke: Option<Color>,
    line_width: f64,
    font: Option<Font>,
    align: Option<Align>,
}

impl<'a> Painter<'a> {
    /// A painter for `ctx`, whose transform already scales CSS pixels to device pixels.
    pub fn new(ctx: &'a CanvasRenderingContext2d) -> Painter<'a> {
        ctx.set_text_baseline("middle");
        Painter {
            ctx,
            fill: None,
            stroke: None,
            line_width: -1.0,
            font: None,
            align: None,
        }
    }

    fn fill(&mut self, c: Color) {
        if self.fill != Some(c) {
            self.ctx.set_fill_style_str(&c.css());
            self.fill = Some(c);
        }
    }

    fn stroke(&mut self, c: Color, w: f64) {
        if self.stroke != Some(c) {
            self.ctx.set_stroke_style_str(&c.css());
            self.stroke = Some(c);
        }
        if self.line_width != w {
            self.ctx.set_line_width(w);
            self.line_width = w;
        }
    }

    /// Paints every shape in order.
    pub fn paint(&mut self, shapes: &[Shape], dpr: f64) {
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
                    if *r <= 0.0 && stroke.is_none() {
                        if let Some(c) = fill {
                            self.fill(*c);
                            self.ctx.fill_rect(*x, *y, *w, *h);
                        }
                        continue;
                    }
                    self.ctx.begin_path();
                    rounded(self.ctx, *x, *y, *w, *h, *r);
                    if let Some(c) = fill {
                        self.fill(*c);
                        self.ctx.fill();
                    }
                    if let Some((c, lw)) = stroke {
                        self.stroke(*c, *lw);
                        self.ctx.stroke();
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
                    self.stroke(*color, *width);
                    // Hairlines on whole device pixels stay crisp.
                    let snap = |v: f64, other: f64| {
                        if v == other {
                            crate::draw::crisp(v, dpr)
                        } else {
                            v
                        }
                    };
                    self.ctx.begin_path();
                    self.ctx.move_to(snap(*x0, *x1), snap(*y0, *y1));
                    self.ctx.line_to(snap(*x1, *x0), snap(*y1, *y0));
                    self.ctx.stroke();
                }
                Shape::Text {
                    x,
                    y,
                    text,
                    color,
                    font,
                    align,
                } => {
                    if self.font != Some(*font) {
                        self.ctx.set_font(&css_font(*font));
                        self.font = Some(*font);
                    }
                    if self.align != Some(*align) {
                        self.ctx.set_text_align(match align {
                            Align::Left => "left",
                            Align::Center => "center",
                        });
                        self.align = Some(*align);
                    }
                    self.fill(*color);
                    let _ = self.ctx.fill_text(text, *x, *y);
                }
            }
        }
    }
}

/// A rounded-rectangle path (arcs, so it works where `roundRect` is missing).
fn rounded(ctx: &CanvasRenderingContext2d, x: f64, y: f64, w: f64, h: f64, r: f64) {
    let r = r.min(w / 2.0).min(h / 2.0).max(0.0);
    ctx.move_to(x + r, y);
    let _ = ctx.arc_to(x + w, y, x + w, y + h, r);
    let _ = ctx.arc_to(x + w, y + h, x, y + h, r);
    let _ = ctx.arc_to(x, y + h, x, y, r);
    let _ = ctx.arc_to(x, y, x + w, y, r);
    ctx.close_path();
}
