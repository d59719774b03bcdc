//! The display list the layout produces and the canvas painter replays, and the colours it
//! is drawn in: themes, group colours adjusted for contrast, and the pixel-alignment helper.

/// An sRGB colour with alpha, `0xRRGGBBAA`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Color(pub u32);

impl Color {
    /// An opaque colour from `0xRRGGBB`.
    pub const fn rgb(rgb: u32) -> Color {
        Color(rgb << 8 | 0xff)
    }

    /// Parses `#rgb` or `#rrggbb` (what the parsers accept as a colour).
    pub fn parse(s: &str) -> Option<Color> {
        let hex = s.trim().strip_prefix('#')?;
        let v = crate::text::radix(hex, 16)? as u32;
        match hex.len() {
            3 => {
                let (r, g, b) = (v >> 8 & 15, v >> 4 & 15, v & 15);
                Some(Color::rgb(r * 0x110000 + g * 0x1100 + b * 0x11))
            }
            6 => Some(Color::rgb(v)),
            _ => None,
        }
    }

    fn channels(self) -> [u32; 3] {
        [self.0 >> 24 & 255, self.0 >> 16 & 255, self.0 >> 8 & 255]
    }

    /// The same colour with alpha `a` (0–255).
    pub fn alpha(self, a: u8) -> Color {
        Color(self.0 & !0xff | u32::from(a))
    }

    /// `#rrggbb` or `#rrggbbaa`, for CSS.
    pub fn css(self) -> String {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let digits = if self.0 & 0xff == 0xff { 6 } else { 8 };
        let mut s = String::with_capacity(9);
        s.push('#');
        for i in 0..digits {
            let nibble = (self.0 >> (28 - 4 * i)) & 15;
            s.push(char::from(
                HEX.get(nibble as usize).copied().unwrap_or(b'0'),
            ));
        }
        s
    }

    /// WCAG relative luminance. The sRGB curve's x^2.4 is taken as x^2.375 = x² · ⁸√(x³)
    /// (square roots are single wasm instructions; `powf` would link libm): within 0.004
    /// of the exact value, and [`Color::with_contrast`] aims a little high to cover it.
    pub fn luminance(self) -> f64 {
        let [r, g, b] = self.channels().map(|c| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                let x = (c + 0.055) / 1.055;
                x * x * (x * x * x).sqrt().sqrt().sqrt()
            }
        });
        0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    /// WCAG contrast ratio between two colours (1–21).
    pub fn contrast(self, other: Color) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// Mixes `t` (0–1) of `other` into this colour.
    pub fn mix(self, other: Color, t: f64) -> Color {
        let (a, b) = (self.channels(), other.channels());
        let mut v = 0u32;
        for (x, y) in a.into_iter().zip(b) {
            let (x, y) = (f64::from(x), f64::from(y));
            v = v << 8 | crate::num::within((x + (y - x) * t).round(), 0.0, 255.0) as u32;
        }
        Color::rgb(v)
    }

    /// This colour moved toward black or white (whichever the background is not) until it
    /// has at least `ratio` contrast against `bg`; unchanged when it already has.
    pub fn with_contrast(self, bg: Color, ratio: f64) -> Color {
        let target = if bg.luminance() > 0.18 {
            Color::rgb(0)
        } else {
            Color::rgb(0xffffff)
        };
        let mut c = self;
        let mut t = 0.0f64;
        while c.contrast(bg) < ratio + 0.1 && t < 1.0 {
            t += 0.05;
            c = self.mix(target, t.min(1.0));
        }
        c
    }
}

/// Fonts of the display list; the painter maps them to CSS fonts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Font {
    /// Axis minor labels, 12 px.
    Axis,
    /// Axis major labels, bold 12 px.
    AxisBold,
    /// Headlines beside markers, 13 px.
    Label,
    /// Group names and tooltip headlines, bold 13 px.
    Strong,
    /// Cluster counts, bold 11 px.
    Count,
}

impl Font {
    /// Size in CSS pixels.
    pub fn size(self) -> f64 {
        match self {
            Font::Axis | Font::AxisBold => 12.0,
            Font::Label | Font::Strong => 13.0,
            Font::Count => 11.0,
        }
    }

    /// True for the bold faces.
    pub fn bold(self) -> bool {
        matches!(self, Font::AxisBold | Font::Strong | Font::Count)
    }
}

/// Horizontal alignment of text at its x.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Text starts at x.
    Left,
    /// Text is centred on x.
    Center,
}

/// One drawing instruction, in CSS pixels.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// A filled rectangle with corner radius `r`, optionally outlined.
    Rect {
        /// Left.
        x: f64,
        /// Top.
        y: f64,
        /// Width.
        w: f64,
        /// Height.
        h: f64,
        /// Corner radius (half the height makes a pill, half a square a circle).
        r: f64,
        /// Fill, if any.
        fill: Option<Color>,
        /// Outline colour and width, if any.
        stroke: Option<(Color, f64)>,
    },
    /// A level or upright line, drawn from `(x0, y0)` rightwards or downwards (a timeline
    /// draws no other; the painter fills it as a rectangle).
    Line {
        /// Start x.
        x0: f64,
        /// Start y.
        y0: f64,
        /// End x.
        x1: f64,
        /// End y.
        y1: f64,
        /// Colour.
        color: Color,
        /// Line width.
        width: f64,
    },
    /// One line of text, vertically centred on y.
    Text {
        /// Anchor x.
        x: f64,
        /// Middle y.
        y: f64,
        /// The text (already fitted).
        text: String,
        /// Colour.
        color: Color,
        /// Font.
        font: Font,
        /// Alignment at x.
        align: Align,
    },
}

/// Snaps a coordinate so a line of odd device-pixel width lands on whole device pixels:
/// the painter multiplies by `dpr`, so the crisp position is (k + 0.5) / dpr.
pub fn crisp(v: f64, dpr: f64) -> f64 {
    let dpr = if dpr.is_finite() && dpr > 0.0 {
        dpr
    } else {
        1.0
    };
    ((v * dpr).floor() + 0.5) / dpr
}

/// Which palette to draw with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThemeName {
    /// Dark text on a light background.
    Light,
    /// Light text on a dark background.
    Dark,
    /// White on black, strong colours, thicker lines.
    Contrast,
}

impl ThemeName {
    /// `light`, `dark` or `contrast`.
    pub fn parse(s: &str) -> Option<ThemeName> {
        match s {
            "light" => Some(ThemeName::Light),
            "dark" => Some(ThemeName::Dark),
            "contrast" => Some(ThemeName::Contrast),
            _ => None,
        }
    }
}

/// The colours of one theme.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    /// Which theme.
    pub name: ThemeName,
    /// Background.
    pub bg: Color,
    /// Text.
    pub fg: Color,
    /// Secondary text (axis labels, era names).
    pub muted: Color,
    /// Grid lines and band separators.
    pub grid: Color,
    /// Alternating era bands.
    pub era: [Color; 2],
    /// Selection and focus.
    pub accent: Color,
    /// Tooltip background.
    pub tip_bg: Color,
    /// Colours for groups without an authored colour.
    pub defaults: [Color; 8],
}

impl Theme {
    /// The theme called `name`.
    pub fn new(name: ThemeName) -> Theme {
        let defaults = [
            0x1f77b4, 0xd62728, 0x2ca02c, 0x9467bd, 0xff7f0e, 0x8c564b, 0xe377c2, 0x17becf,
        ]
        .map(Color::rgb);
        match name {
            ThemeName::Light => Theme {
                name,
                bg: Color::rgb(0xffffff),
                fg: Color::rgb(0x1d1d1f),
                muted: Color::rgb(0x5b5b60),
                grid: Color::rgb(0xe6e3dd),
                era: [Color::rgb(0xf4f1ea), Color::rgb(0xeaf0f6)],
                accent: Color::rgb(0x0b57d0),
                tip_bg: Color::rgb(0x1d1d1f),
                defaults,
            },
            ThemeName::Dark => Theme {
                name,
                bg: Color::rgb(0x18181b),
                fg: Color::rgb(0xececef),
                muted: Color::rgb(0xa4a4ab),
                grid: Color::rgb(0x303036),
                era: [Color::rgb(0x222228), Color::rgb(0x1d2530)],
                accent: Color::rgb(0x8ab4f8),
                tip_bg: Color::rgb(0xf4f4f6),
                defaults,
            },
            ThemeName::Contrast => Theme {
                name,
                bg: Color::rgb(0x000000),
                fg: Color::rgb(0xffffff),
                muted: Color::rgb(0xffffff),
                grid: Color::rgb(0x767676),
                era: [Color::rgb(0x1c1c1c), Color::rgb(0x2e2e2e)],
                accent: Color::rgb(0xffff00),
                tip_bg: Color::rgb(0xffffff),
                defaults,
            },
        }
    }

    /// Contrast every group colour must reach against the background: markers are
    /// graphics and group names are text, so the text level (AA 4.5, AAA 7 in the
    /// high-contrast theme) is used for both.
    pub fn min_contrast(&self) -> f64 {
        if self.name == ThemeName::Contrast {
            7.0
        } else {
            4.5
        }
    }

    /// Tooltip text colour.
    pub fn tip_fg(&self) -> Color {
        self.bg
    }

    /// Colour of group `i` given the author's colour: theirs (or a default) adjusted until
    /// it reads against the background.
    pub fn group_color(&self, i: usize, authored: Option<&str>) -> Color {
        let base = authored.and_then(Color::parse).unwrap_or_else(|| {
            self.defaults
                .get(i % self.defaults.len())
                .copied()
                .unwrap_or(self.accent)
        });
        base.with_contrast(self.bg, self.min_contrast())
    }

    /// Black or white, whichever reads better on `c` (cluster counts).
    pub fn on(c: Color) -> Color {
        let (black, white) = (Color::rgb(0), Color::rgb(0xffffff));
        if c.contrast(black) >= c.contrast(white) {
            black
        } else {
            white
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_and_print() {
        assert_eq!(Color::parse("#c0392b"), Some(Color::rgb(0xc0392b)));
        assert_eq!(Color::parse("#abc"), Some(Color::rgb(0xaabbcc)));
        assert_eq!(Color::parse("red"), None);
        assert_eq!(Color::parse("#12345"), None);
        assert_eq!(Color::rgb(0x0b57d0).css(), "#0b57d0");
        assert_eq!(Color::rgb(0x0b57d0).alpha(0x80).css(), "#0b57d080");
    }

    /// The exact WCAG formula, to check the approximation against.
    fn exact_contrast(a: Color, b: Color) -> f64 {
        let lum = |c: Color| {
            let [r, g, b] = c.channels().map(|v| {
                let v = f64::from(v) / 255.0;
                if v <= 0.04045 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            });
            0.2126 * r + 0.7152 * g + 0.0722 * b
        };
        let (x, y) = (lum(a), lum(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn luminance_approximation_is_close() {
        for v in (0..=255u32).step_by(5) {
            let c = Color::rgb(v * 0x010101);
            let exact = exact_contrast(c, Color::rgb(0));
            assert!((c.contrast(Color::rgb(0)) - exact).abs() < 0.08, "{v}");
        }
    }

    #[test]
    fn contrast_matches_wcag_reference_values() {
        let (black, white) = (Color::rgb(0), Color::rgb(0xffffff));
        assert!((black.contrast(white) - 21.0).abs() < 1e-9);
        // #767676 on white is the well-known 4.54:1.
        assert!((exact_contrast(Color::rgb(0x767676), white) - 4.54).abs() < 0.01);
        assert!((Color::rgb(0x767676).contrast(white) - 4.54).abs() < 0.08);
    }

    #[test]
    fn every_group_colour_reaches_its_theme_contrast() {
        let authored = [
            "#c0392b", "#b9770e", "#1f618d", "#1e8449", "#6c3483", "#ffff00",
        ];
        for name in [ThemeName::Light, ThemeName::Dark, ThemeName::Contrast] {
            let th = Theme::new(name);
            for i in 0..12 {
                let c = th.group_color(i, authored.get(i).copied());
                assert!(
                    exact_contrast(c, th.bg) >= th.min_contrast(),
                    "{name:?} group {i}: {} is {:.2}:1",
                    c.css(),
                    exact_contrast(c, th.bg)
                );
                let on = Theme::on(c);
                assert!(exact_contrast(on, c) >= 4.5, "count text on {}", c.css());
            }
            assert!(exact_contrast(th.fg, th.bg) >= 7.0);
            assert!(exact_contrast(th.muted, th.bg) >= 4.5);
            assert!(exact_contrast(th.tip_fg(), th.tip_bg) >= 7.0);
            assert!(exact_contrast(th.accent, th.bg) >= 3.0);
        }
        // A colour that already reads is left alone.
        let th = Theme::new(ThemeName::Light);
        assert_eq!(th.group_color(0, Some("#1f618d")), Color::rgb(0x1f618d));
    }

    #[test]
    fn crisp_lines_land_on_device_pixels() {
        assert_eq!(crisp(10.2, 1.0), 10.5);
        assert_eq!(crisp(10.2, 2.0), 10.25);
        assert_eq!(crisp(3.0, f64::NAN), 3.5);
    }
}
