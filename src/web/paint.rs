//! The painter: replays a display list on the canvas's 2D context, and the browser's
//! [`Labeler`]: axis labels from `Intl.DateTimeFormat` in the chosen locale, widths from
//! `measureText`.
//!
//! Replaying in Rust through web-sys costs one call into JavaScript per canvas call. The
//! previous design encoded the list and replayed it in a JavaScript loop; measured on the
//! benchmark's 1,000-event year view, the difference is within the run-to-run noise (see the
//! README's Performance section), so there is no JavaScript painter.

use crate::draw::{crisp, Align, Color, Font, Shape};
use crate::scale::{english_label, Civil, Labeler, Unit};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, Document, HtmlCanvasElement};

/// The CSS font of each display-list font.
fn css_font(f: Font) -> &'static str {
    match f {
        Font::Axis => "12px system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif",
        Font::AxisBold => "600 12px system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif",
        Font::Label => "13px system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif",
        Font::Strong => "600 13px system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif",
        Font::Count => "600 11px system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif",
    }
}

/// The canvas state last set, so unchanged state is not set again (resizing the canvas
/// resets it, and so does [`Painter::reset`]).
#[derive(Default)]
struct Set {
    font: Option<Font>,
    align: Option<Align>,
    fill: Option<Color>,
    stroke: Option<(Color, u64)>,
}

/// Paints display lists on one canvas.
pub struct Painter {
    doc: Document,
    ctx: CanvasRenderingContext2d,
    set: Set,
    /// Outlined markers and count pills (a few looks, many copies), drawn once per look into
    /// a small canvas and stamped at whole device pixels: without a GPU, their anti-aliased
    /// paths and outlines were most of a dense frame's raster.
    /// A direct-mapped cache by a hash of the look: a clash draws the stamp again.
    stamps: Vec<Option<([u64; 7], HtmlCanvasElement)>>,
}

/// How many stamps are kept.
const STAMPS: usize = 512;
/// How many slots a look may take.
const PROBES: usize = 4;

impl Painter {
    /// A painter for `canvas`.
    pub fn new(doc: &Document, canvas: &HtmlCanvasElement) -> Result<Painter, JsValue> {
        let ctx = canvas
            .get_context("2d")?
            .ok_or_else(|| JsValue::from_str("no 2D canvas"))?
            .dyn_into::<CanvasRenderingContext2d>()?;
        Ok(Painter {
            doc: doc.clone(),
            ctx,
            set: Set::default(),
            stamps: Vec::new(),
        })
    }

    /// Forgets the canvas state (after the canvas was resized, which resets it).
    pub fn reset(&mut self) {
        self.set = Set::default();
    }

    fn font(&mut self, f: Font) {
        if self.set.font != Some(f) {
            self.set.font = Some(f);
            self.ctx.set_font(css_font(f));
        }
    }

    fn fill(&mut self, c: Color) {
        if self.set.fill != Some(c) {
            self.set.fill = Some(c);
            self.ctx.set_fill_style_str(&c.css());
        }
    }

    fn stroke(&mut self, c: Color, w: f64) {
        if self.set.stroke != Some((c, w.to_bits())) {
            self.set.stroke = Some((c, w.to_bits()));
            self.ctx.set_stroke_style_str(&c.css());
            self.ctx.set_line_width(w);
        }
    }

    /// The width of `text` in `font`, in CSS pixels.
    pub fn measure(&mut self, text: &str, font: Font) -> f64 {
        self.font(font);
        self.ctx.measure_text(text).map_or(0.0, |m| m.width())
    }

    /// Paints `shapes` (CSS pixels) at `dpr` device pixels per CSS pixel.
    pub fn paint(&mut self, shapes: &[Shape], dpr: f64) {
        let _ = self.ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
        self.ctx.set_text_baseline("middle");
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
                } => self.rect([*x, *y, *w, *h, *r], *fill, *stroke, dpr),
                Shape::Line {
                    x0,
                    y0,
                    x1,
                    y1,
                    color,
                    width,
                } => {
                    // Level or upright (see `Shape::Line`): a filled rectangle on whole
                    // device pixels, which software raster draws several times faster than
                    // a stroked path.
                    self.fill(*color);
                    let half = width / 2.0;
                    if x0 == x1 {
                        self.ctx
                            .fill_rect(crisp(*x0, dpr) - half, *y0, *width, y1 - y0);
                    } else {
                        self.ctx
                            .fill_rect(*x0, crisp(*y0, dpr) - half, x1 - x0, *width);
                    }
                }
                Shape::Text {
                    x,
                    y,
                    text,
                    color,
                    font,
                    align,
                } => {
                    self.font(*font);
                    if self.set.align != Some(*align) {
                        self.set.align = Some(*align);
                        self.ctx.set_text_align(match align {
                            Align::Center => "center",
                            Align::Left => "left",
                        });
                    }
                    self.fill(*color);
                    let _ = self.ctx.fill_text(text, *x, *y);
                }
            }
        }
    }

    fn rect(
        &mut self,
        [x, y, w, h, r]: [f64; 5],
        fill: Option<Color>,
        stroke: Option<(Color, f64)>,
        dpr: f64,
    ) {
        let Some((sc, lw)) = stroke else {
            if let Some(f) = fill {
                self.fill(f);
                if r <= 0.0 {
                    self.ctx.fill_rect(x, y, w, h);
                } else {
                    self.ctx.begin_path();
                    let _ = self.ctx.round_rect_with_f64(
                        x,
                        y,
                        w,
                        h,
                        r.min(w / 2.0).min(h / 2.0).max(0.0),
                    );
                    self.ctx.fill();
                }
            }
            return;
        };
        let r = r.min(w / 2.0).min(h / 2.0).max(0.0);
        if w > 48.0 || h > 48.0 {
            self.ctx.begin_path();
            let _ = self.ctx.round_rect_with_f64(x, y, w, h, r);
            if let Some(f) = fill {
                self.fill(f);
                self.ctx.fill();
            }
            self.stroke(sc, lw);
            self.ctx.stroke();
            return;
        }
        let key = [
            w.to_bits(),
            h.to_bits(),
            r.to_bits(),
            fill.map_or(0, |c| u64::from(c.0) | 1 << 32),
            u64::from(sc.0),
            lw.to_bits(),
            dpr.to_bits(),
        ];
        if self.stamps.is_empty() {
            self.stamps.resize(STAMPS, None);
        }
        // The keys are f64 bits, whose low bits are mostly zero: each is folded in with a
        // multiply and a shift so that every bit reaches the slot's. A look is kept in one
        // of four slots from there (a few dozen looks then never push each other out).
        let home = key.iter().fold(0, |h: u64, k| {
            let h = (h ^ k).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            h ^ h >> 31
        }) as usize;
        let probe = (0..PROBES).map(|p| (home + p) % STAMPS);
        let found = probe
            .clone()
            .find(|&i| matches!(self.stamps.get(i), Some(Some((k, _))) if *k == key));
        let slot = match found {
            Some(i) => i,
            None => {
                let free = probe
                    .clone()
                    .find(|&i| matches!(self.stamps.get(i), Some(None)));
                let i = free.unwrap_or(home % STAMPS);
                let b = self.stamp([w, h, r], fill, (sc, lw), dpr);
                if let Some(s) = self.stamps.get_mut(i) {
                    *s = b.map(|b| (key, b));
                }
                i
            }
        };
        if let Some(Some((_, b))) = self.stamps.get(slot) {
            let px = |v: f64| ((v - lw) * dpr).round() / dpr;
            let side = f64::from(b.width()) / dpr;
            let _ = self.ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
                b,
                px(x),
                px(y),
                side,
                side,
            );
        }
    }

    /// A small canvas with one outlined shape drawn at `dpr`.
    fn stamp(
        &self,
        [w, h, r]: [f64; 3],
        fill: Option<Color>,
        (sc, lw): (Color, f64),
        dpr: f64,
    ) -> Option<HtmlCanvasElement> {
        let b: HtmlCanvasElement = self.doc.create_element("canvas").ok()?.dyn_into().ok()?;
        let side = ((w.max(h) + 2.0 * lw) * dpr).ceil() as u32 + 1;
        b.set_width(side);
        b.set_height(side);
        let g: CanvasRenderingContext2d = b.get_context("2d").ok()??.dyn_into().ok()?;
        g.scale(dpr, dpr).ok()?;
        g.begin_path();
        g.round_rect_with_f64(lw, lw, w, h, r).ok()?;
        if let Some(f) = fill {
            g.set_fill_style_str(&f.css());
            g.fill();
        }
        g.set_stroke_style_str(&sc.css());
        g.set_line_width(lw);
        g.stroke();
        Some(b)
    }
}

/// How many label styles [`date_style`] has.
const STYLES: usize = 8;

/// The axis label styles, as `Intl.DateTimeFormat` options, each with its index: by tick
/// unit and whether the tick is major.
fn date_style(unit: Unit, major: bool) -> (usize, &'static [(&'static str, &'static str)]) {
    const YEAR: &[(&str, &str)] = &[("year", "numeric")];
    const MONTH: &[(&str, &str)] = &[("month", "short")];
    const MONTH_YEAR: &[(&str, &str)] = &[("month", "long"), ("year", "numeric")];
    const DAY: &[(&str, &str)] = &[("day", "numeric")];
    const DATE: &[(&str, &str)] = &[("day", "numeric"), ("month", "short"), ("year", "numeric")];
    const CLOCK: &[(&str, &str)] = &[("hour", "2-digit"), ("minute", "2-digit")];
    const SECONDS: &[(&str, &str)] = &[
        ("hour", "2-digit"),
        ("minute", "2-digit"),
        ("second", "2-digit"),
    ];
    const DATE_CLOCK: &[(&str, &str)] = &[
        ("day", "numeric"),
        ("month", "short"),
        ("year", "numeric"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
    ];
    match (unit, major) {
        (Unit::Year, _) => (0, YEAR),
        (Unit::Month, false) => (1, MONTH),
        (Unit::Month, true) => (2, MONTH_YEAR),
        (Unit::Day, false) => (3, DAY),
        (Unit::Day, true) | (Unit::Hour | Unit::Second, true) => (4, DATE),
        (Unit::Hour | Unit::Minute, false) => (5, CLOCK),
        (Unit::Second, false) => (6, SECONDS),
        (Unit::Minute, true) => (7, DATE_CLOCK),
    }
}

/// Axis labels in a locale, measured on the canvas.
pub struct IntlLabels {
    locale: Option<String>,
    /// `Intl.DateTimeFormat`s made so far, by style (an index into [`STYLES`]); `None`
    /// where `Intl` refused the locale.
    formats: [Option<Option<js_sys::Intl::DateTimeFormat>>; STYLES],
    /// Widths measured before, by a 64-bit hash of font and text (so no strings are kept):
    /// a frame measures the same counts and labels as the one before (~300 `measureText`
    /// calls in a dense year view).
    widths: Vec<(u64, f64)>,
}

/// How many widths [`IntlLabels`] keeps (a direct-mapped cache; a clash replaces).
const WIDTHS: usize = 1024;

impl IntlLabels {
    /// Labels in `locale` (the reader's when `None`).
    pub fn new(locale: Option<String>) -> IntlLabels {
        IntlLabels {
            locale,
            formats: Default::default(),
            widths: Vec::new(),
        }
    }

    fn format(
        &mut self,
        (k, style): (usize, &'static [(&'static str, &'static str)]),
    ) -> Option<&js_sys::Intl::DateTimeFormat> {
        let locale = &self.locale;
        self.formats
            .get_mut(k)?
            .get_or_insert_with(|| {
                let options = js_sys::Object::new();
                let put = |k: &str, v: &str| js_sys::Reflect::set(&options, &k.into(), &v.into());
                put("timeZone", "UTC").ok()?;
                // The Gregorian calendar the ticks are placed in: `fa`, `th` or a tag that
                // asks for another calendar would otherwise name Persian, Buddhist or Hijri
                // months and years at Gregorian ticks.
                put("calendar", "gregory").ok()?;
                for (k, v) in style {
                    put(k, v).ok()?;
                }
                let locales = js_sys::Array::new();
                if let Some(l) = locale {
                    locales.push(&JsValue::from_str(l));
                }
                // A tag Intl refuses throws a RangeError: caught, and English labels are used.
                let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
                let make = js_sys::Reflect::get(&intl, &"DateTimeFormat".into()).ok()?;
                let args = js_sys::Array::of2(&locales, &options);
                js_sys::Reflect::construct(make.unchecked_ref::<js_sys::Function>(), &args)
                    .ok()
                    .map(JsCast::unchecked_into)
            })
            .as_ref()
    }

    /// Widths from `painter`, cached.
    pub fn width(&mut self, painter: &mut Painter, text: &str, font: Font) -> f64 {
        let f = font as u8;
        // Never 0 (the empty slot): the font's bit is set.
        let h = crate::text::hash(text) << 8 | 0x80 | u64::from(f);
        let i = (h >> 8) as usize % WIDTHS;
        if let Some(&(k, w)) = self.widths.get(i) {
            if k == h {
                return w;
            }
        }
        let w = painter.measure(text, font);
        if self.widths.is_empty() {
            self.widths = vec![(0, 0.0); WIDTHS];
        }
        if let Some(slot) = self.widths.get_mut(i) {
            *slot = (h, w);
        }
        w
    }

    /// The label of a tick (see [`Labeler::label`]).
    pub fn label(&mut self, at: Civil, unit: Unit, major: bool) -> String {
        // Intl's Gregorian calendar has no year 0 and counts BCE differently; those years
        // and the cosmological ones keep the core's labels.
        if !(1..=9999).contains(&at.year) {
            return english_label(at, unit, major);
        }
        let Some(f) = self.format(date_style(unit, major)) else {
            return english_label(at, unit, major);
        };
        // `format` takes the time as a number: no `Date` per tick.
        f.format()
            .call1(f, &JsValue::from_f64(at.ms()))
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_else(|| english_label(at, unit, major))
    }
}

/// The labels and the painter that measures them, as the layout asks for them.
pub struct Measured<'a> {
    /// Formats labels.
    pub labels: &'a mut IntlLabels,
    /// Measures them.
    pub painter: &'a mut Painter,
}

impl Labeler for Measured<'_> {
    fn label(&mut self, at: Civil, unit: Unit, major: bool) -> String {
        self.labels.label(at, unit, major)
    }

    fn width(&mut self, text: &str, font: Font) -> f64 {
        self.labels.width(self.painter, text, font)
    }
}
