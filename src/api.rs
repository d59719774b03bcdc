//! The typed boundary: every value that crosses between the widget and the page's
//! JavaScript, as plain types. What goes out (the report, event details) is serialized by
//! serde-wasm-bindgen; what comes in (options, `setFilter`'s object, an event's name) arrives
//! as a [`Value`] and is checked here. The TypeScript interfaces in `timescope.d.ts` are
//! generated from these same types (tsify), so each is defined once, here, and tested
//! natively.

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;
#[cfg(target_arch = "wasm32")]
use tsify::Tsify;

/// The colour theme a page asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum ThemeChoice {
    /// Follow the reader's colour-scheme and contrast preferences.
    #[default]
    Auto,
    /// Light.
    Light,
    /// Dark.
    Dark,
    /// High contrast.
    Contrast,
}

impl ThemeChoice {
    /// Every theme.
    pub const ALL: [ThemeChoice; 4] = [
        ThemeChoice::Auto,
        ThemeChoice::Light,
        ThemeChoice::Dark,
        ThemeChoice::Contrast,
    ];

    /// Its name, as a page writes it (and as the TypeScript type, from serde, spells it).
    pub fn as_str(self) -> &'static str {
        match self {
            ThemeChoice::Auto => "auto",
            ThemeChoice::Light => "light",
            ThemeChoice::Dark => "dark",
            ThemeChoice::Contrast => "contrast",
        }
    }
}

/// How the widget shows a timeline (the `layout` option).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum LayoutChoice {
    /// The timeline to explore, with the detail card on demand.
    #[default]
    Explore,
    /// A story told slide by slide, with the timeline below as its navigator.
    Story,
}

impl LayoutChoice {
    /// Every layout.
    pub const ALL: [LayoutChoice; 2] = [LayoutChoice::Explore, LayoutChoice::Story];
    /// Its name, as a page writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            LayoutChoice::Explore => "explore",
            LayoutChoice::Story => "story",
        }
    }
}

/// When third-party players, maps, documents and posts load (the `embeds` option).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Embeds {
    /// When the reader asks: a placeholder names the site and a button loads it.
    #[default]
    Click,
    /// As soon as their card opens (for sites that have their readers' consent).
    Auto,
    /// Never: a link to the media instead.
    Off,
}

impl Embeds {
    /// Every choice.
    pub const ALL: [Embeds; 3] = [Embeds::Click, Embeds::Auto, Embeds::Off];

    /// Its name, as a page writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Embeds::Click => "click",
            Embeds::Auto => "auto",
            Embeds::Off => "off",
        }
    }
}

/// What to show after each load: an event, or a range.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(untagged))]
pub enum StartOption {
    /// `"first"`, `"last"` or an event id: that event is selected with its card open.
    At(String),
    /// `[from, to]` in milliseconds since 1970 UTC: that range is shown.
    Range([f64; 2]),
}

/// A group to list first, with its colour.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(untagged))]
pub enum GroupOption {
    /// Just the group's name.
    Name(String),
    /// The name and a CSS colour.
    Styled {
        /// The group's name as in the data.
        name: String,
        /// A CSS colour (`#rrggbb`); `colour` is read too.
        #[cfg_attr(target_arch = "wasm32", tsify(optional))]
        color: Option<String>,
    },
}

impl GroupOption {
    /// The group's name and colour, whichever way they were given.
    pub fn parts(&self) -> (String, Option<String>) {
        match self {
            GroupOption::Name(n) => (n.clone(), None),
            GroupOption::Styled { name, color } => (name.clone(), color.clone()),
        }
    }
}

/// The options of `new Timeline(container, options)`: every one may be left out.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub struct Options {
    /// `"auto"` (the default) follows the reader's preferences.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub theme: ThemeChoice,
    /// `"explore"` (the default) or `"story"`: a slide per event above the timeline.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub layout: LayoutChoice,
    /// A BCP 47 tag for dates; the reader's language when left out.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub locale: Option<String>,
    /// The canvas area's height in CSS px; taller timelines scroll inside it.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub height: Option<u32>,
    /// What to show after each load.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub start: Option<StartOption>,
    /// Groups listed first, in this order, with their colours.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub groups: Vec<GroupOption>,
    /// `false` hides the search box and the chips.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub controls: Option<bool>,
    /// `false` hides the overview strip.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub overview: Option<bool>,
    /// `false` draws every event on its own instead of clustering crowded ones.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub clustering: Option<bool>,
    /// `true` greys what a filter leaves out in place instead of hiding it.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub dim: Option<bool>,
    /// `true` or `false` instead of the reader's reduced-motion setting.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub reduced_motion: Option<bool>,
    /// When third-party players load: `"click"` (the default), `"auto"` or `"off"`.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub embeds: Embeds,
    /// The most events a load keeps (default 2,000,000).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub max_events: Option<u32>,
    /// The longest text a load reads, in bytes (default 256 MiB).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub max_bytes: Option<u32>,
}

impl Options {
    /// What option `key` must be, for the `TypeError` that names it.
    pub fn expected(key: &str) -> &'static str {
        match key {
            "theme" => "auto, light, dark or contrast",
            "layout" => "explore or story",
            "locale" => "a language tag such as \"fr\" or \"pt-BR\"",
            "height" | "maxEvents" | "maxBytes" => "a whole number",
            "start" => "\"first\", \"last\", an event id or [from, to]",
            "groups" => "an array of names or {name, color}",
            "embeds" => "click, auto or off",
            _ => "true or false",
        }
    }
}

/// A value as it arrives from JavaScript, before it is checked: what the options object,
/// `setFilter`'s object and an event's name are read into (with js-sys in the browser, through
/// its `Deserialize` from JSON in tests), and then interpreted by [`Options::read`],
/// [`FilterSpec::read`] and [`EventName::read`], whose messages name what is wrong.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `undefined` or `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A string.
    Text(String),
    /// An array.
    List(Vec<Value>),
    /// An object's own keys and values, in order.
    Map(Vec<(String, Value)>),
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Value;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON-like value")
            }
            fn visit_unit<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_none<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
                Value::deserialize(d)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
                Ok(Value::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
                Ok(Value::Number(v as f64))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
                Ok(Value::Number(v as f64))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
                Ok(Value::Number(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Value, E> {
                Ok(Value::Text(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Value, E> {
                Ok(Value::Text(v))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
                let mut items = Vec::new();
                while let Some(v) = seq.next_element()? {
                    items.push(v);
                }
                Ok(Value::List(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
                let mut items = Vec::new();
                while let Some(kv) = map.next_entry()? {
                    items.push(kv);
                }
                Ok(Value::Map(items))
            }
        }
        d.deserialize_any(V)
    }
}

impl Value {
    /// The value of `key`, if this is an object that has it (and it is not `null`).
    fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Map(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
        .filter(|v| **v != Value::Null)
    }

    fn text(&self) -> Option<String> {
        match self {
            Value::Text(s) => Some(s.clone()),
            _ => None,
        }
    }

    fn whole(&self) -> Option<u32> {
        match *self {
            Value::Number(n) if n >= 0.0 && n <= f64::from(u32::MAX) && n.fract() == 0.0 => {
                Some(n as u32)
            }
            _ => None,
        }
    }

    fn texts(&self) -> Option<Vec<String>> {
        match self {
            Value::List(l) => l.iter().map(Value::text).collect(),
            _ => None,
        }
    }
}

impl Options {
    /// Reads the options object; the error names the option that is wrong.
    pub fn read(v: &Value) -> Result<Options, String> {
        match v {
            Value::Null => return Ok(Options::default()),
            Value::Map(_) => {}
            _ => return Err("Timescope options must be an object".into()),
        }
        let wrong = |key: &str| {
            format!(
                "invalid Timescope options: {key} must be {}",
                Options::expected(key)
            )
        };
        let flag = |key: &str| -> Result<Option<bool>, String> {
            v.get(key)
                .map(|x| match x {
                    Value::Bool(b) => Ok(*b),
                    _ => Err(wrong(key)),
                })
                .transpose()
        };
        let whole = |key: &str| {
            v.get(key)
                .map(|x| x.whole().ok_or_else(|| wrong(key)))
                .transpose()
        };
        // One of a few names, as `name` spells them.
        fn choice<T: Copy + Default>(
            v: Option<&Value>,
            all: &[T],
            name: fn(T) -> &'static str,
        ) -> Option<T> {
            match v {
                None => Some(T::default()),
                Some(Value::Text(t)) => all.iter().copied().find(|c| name(*c) == t),
                Some(_) => None,
            }
        }
        let theme = choice(v.get("theme"), &ThemeChoice::ALL, ThemeChoice::as_str)
            .ok_or_else(|| wrong("theme"))?;
        let layout = choice(v.get("layout"), &LayoutChoice::ALL, LayoutChoice::as_str)
            .ok_or_else(|| wrong("layout"))?;
        let embeds =
            choice(v.get("embeds"), &Embeds::ALL, Embeds::as_str).ok_or_else(|| wrong("embeds"))?;
        let start = match v.get("start") {
            None => None,
            Some(Value::Text(s)) => Some(StartOption::At(s.clone())),
            Some(Value::List(l)) => match l.as_slice() {
                [Value::Number(a), Value::Number(b)] if a.is_finite() && b.is_finite() => {
                    Some(StartOption::Range([*a, *b]))
                }
                _ => return Err(wrong("start")),
            },
            Some(_) => return Err(wrong("start")),
        };
        let groups = match v.get("groups") {
            None => Vec::new(),
            Some(Value::List(l)) => l
                .iter()
                .map(|g| match g {
                    Value::Text(n) => Some(GroupOption::Name(n.clone())),
                    Value::Map(_) => Some(GroupOption::Styled {
                        name: g.get("name")?.text()?,
                        color: g
                            .get("color")
                            .or_else(|| g.get("colour"))
                            .and_then(Value::text),
                    }),
                    _ => None,
                })
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| wrong("groups"))?,
            Some(_) => return Err(wrong("groups")),
        };
        Ok(Options {
            theme,
            layout,
            locale: v
                .get("locale")
                .map(|l| l.text().ok_or_else(|| wrong("locale")))
                .transpose()?,
            height: whole("height")?,
            start,
            groups,
            controls: flag("controls")?,
            overview: flag("overview")?,
            clustering: flag("clustering")?,
            dim: flag("dim")?,
            reduced_motion: flag("reducedMotion")?,
            embeds,
            max_events: whole("maxEvents")?,
            max_bytes: whole("maxBytes")?,
        })
    }
}

/// The players' module's answer for a card's media (`{url, found}`, see `players.rs`),
/// read back: the media's address and what it is. The module makes frames only on a provider's
/// own origin ([`crate::card::player`]); here a frame must at least be `https:`.
pub fn player_answer(v: &Value) -> Option<(String, crate::card::Found)> {
    let url = v.get("url").and_then(Value::text)?;
    let found = v.get("found")?;
    if let Some(src) = found.get("image").and_then(Value::text) {
        return Some((url, crate::card::Found::Image(src)));
    }
    let v = found.get("frame")?;
    let text = |k: &str| v.get(k).and_then(Value::text);
    let src = text("src").filter(|s| s.starts_with("https://"))?;
    let frame = crate::card::Frame {
        title: text("title")?,
        aspect: text("aspect")?,
        now: matches!(v.get("now"), Some(Value::Bool(true))),
        button: text("button")?,
        note: text("note")?,
        thumbnail: text("thumbnail"),
        caption: text("caption").unwrap_or_default(),
        src,
    };
    Some((url, crate::card::Found::Frame(frame)))
}

/// One warning of a load: where, and what was wrong there.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct WarningDetail {
    /// Where in the data, such as `events[12].start_date.month`.
    pub path: String,
    /// What was wrong and what was done about it.
    pub message: String,
}

/// What `load` returns and the `load` event tells.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct Report {
    /// The format the text was read as.
    pub format: crate::parse::Format,
    /// How many events loaded.
    pub events: usize,
    /// How many eras loaded.
    pub eras: usize,
    /// The timeline's title as plain text, if it has one.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub title: Option<String>,
    /// Everything that was skipped or changed, with where.
    pub warnings: Vec<WarningDetail>,
}

impl Report {
    /// The report of a load.
    pub fn new(loaded: &crate::parse::Loaded) -> Report {
        let ds = &loaded.dataset;
        Report {
            format: loaded.format,
            events: ds.len(),
            eras: ds.eras().len(),
            title: ds
                .title()
                .map(|t| crate::text::plain_text(&t.headline))
                .filter(|t| !t.is_empty()),
            warnings: loaded
                .warnings
                .iter()
                .map(|w| WarningDetail {
                    path: w.path.clone(),
                    message: w.message.clone(),
                })
                .collect(),
        }
    }
}

/// What `setFilter` takes: every field may be left out, and they combine with AND.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct FilterSpec {
    /// Found in headlines, texts, groups and tags whatever the case and accents.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub text: String,
    /// Group names: an event needs one of them.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub groups: Vec<String>,
    /// Tags: an event needs one of them.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub tags: Vec<String>,
    /// Keep events that end at or after this time (ms since 1970 UTC).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub from: Option<f64>,
    /// Keep events that start at or before this time (ms since 1970 UTC).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub to: Option<f64>,
}

impl FilterSpec {
    /// Reads `setFilter`'s object (`null` is everything); the error says which field is
    /// wrong.
    pub fn read(v: &Value) -> Result<FilterSpec, String> {
        match v {
            Value::Null => return Ok(FilterSpec::default()),
            Value::Map(_) => {}
            _ => return Err("setFilter expects an object: {text, groups, tags, from, to}".into()),
        }
        let wrong = |key: &str, what: &str| format!("setFilter: {key} must be {what}");
        let names = |key: &str| {
            v.get(key)
                .map(|x| x.texts().ok_or_else(|| wrong(key, "an array of names")))
                .transpose()
                .map(Option::unwrap_or_default)
        };
        let time = |key: &str| match v.get(key) {
            None => Ok(None),
            Some(Value::Number(n)) => Ok(Some(*n).filter(|n| n.is_finite())),
            Some(_) => Err(wrong(key, "a time in ms since 1970 UTC")),
        };
        Ok(FilterSpec {
            text: v
                .get("text")
                .map(|t| t.text().ok_or_else(|| wrong("text", "a string")))
                .transpose()?
                .unwrap_or_default(),
            groups: names("groups")?,
            tags: names("tags")?,
            from: time("from")?,
            to: time("to")?,
        })
    }
}

/// The detail of a `select` event.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct SelectDetail {
    /// The selected event's id; `null` when the selection was cleared.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub id: Option<String>,
}

/// The detail of a `rangechange` event.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct RangeDetail {
    /// The visible window's start, ms since 1970 UTC.
    pub start: f64,
    /// Its end.
    pub end: f64,
}

/// The detail of a `filterchange` event.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct FilterDetail {
    /// Events that match.
    pub shown: usize,
    /// Events loaded.
    pub total: usize,
    /// The filter now in force (text, and group and tag names).
    pub filter: FilterSpec,
}

/// The events a page can listen to with `on`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum EventName {
    /// The selection changed: [`SelectDetail`].
    Select,
    /// The visible range changed (at most once per frame): [`RangeDetail`].
    Rangechange,
    /// The filter changed: [`FilterDetail`].
    Filterchange,
    /// A load finished: [`Report`].
    Load,
}

impl EventName {
    /// Every event.
    pub const ALL: [EventName; 4] = [
        EventName::Select,
        EventName::Rangechange,
        EventName::Filterchange,
        EventName::Load,
    ];

    /// The event a name given to `on` or `off` stands for.
    pub fn read(v: &Value) -> Result<EventName, String> {
        let name = v.text().unwrap_or_default();
        EventName::ALL
            .into_iter()
            .find(|e| e.as_str() == name)
            .ok_or_else(|| "Timescope events are select, rangechange, filterchange and load".into())
    }

    /// Its name.
    pub fn as_str(self) -> &'static str {
        match self {
            EventName::Select => "select",
            EventName::Rangechange => "rangechange",
            EventName::Filterchange => "filterchange",
            EventName::Load => "load",
        }
    }
}

// serde_json, the tests' reader, is a native dependency only.
#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;

    fn value(json: &str) -> Value {
        serde_json::from_str(json).unwrap()
    }

    fn options(json: &str) -> Result<Options, String> {
        Options::read(&value(json))
    }

    #[test]
    fn a_players_answer_is_read_back_with_an_https_frame() {
        // What the players' module sends (serde, as serde-wasm-bindgen writes it), read back.
        let f = crate::card::player(
            "https://youtu.be/pi2v1m6gmD8",
            "https://i.ytimg.com/a.jpg",
            "Cap",
            true,
        )
        .unwrap();
        let json = format!(
            r#"{{"url": "u", "found": {}}}"#,
            serde_json::to_string(&f).unwrap()
        );
        assert_eq!(
            player_answer(&value(&json)),
            Some(("u".to_string(), f.clone()))
        );
        let crate::card::Found::Frame(f) = f else {
            panic!("not a frame")
        };
        let img = crate::card::player("https://imgur.com/abc123", "", "", false).unwrap();
        let json = format!(
            r#"{{"url": "i", "found": {}}}"#,
            serde_json::to_string(&img).unwrap()
        );
        assert_eq!(
            player_answer(&value(&json)),
            Some((
                "i".into(),
                crate::card::Found::Image("https://i.imgur.com/abc123.jpg".into())
            ))
        );
        // A frame that is not https is refused (the module makes frames only on the
        // providers' origins: `media::frame_allowed`, tested with `recognise`).
        for src in [
            "http://www.youtube-nocookie.com/embed/x",
            "javascript:alert(1)",
            "data:text/html,x",
        ] {
            let mut g = f.clone();
            g.src = src.into();
            let json = format!(
                r#"{{"url": "u", "found": {{"frame": {}}}}}"#,
                serde_json::to_string(&g).unwrap()
            );
            assert_eq!(player_answer(&value(&json)), None, "{src}");
        }
        assert_eq!(player_answer(&value(r#"{"url": "u"}"#)), None);
    }

    #[test]
    fn options_read_every_key_and_name_the_wrong_one() {
        let o = options(
            r##"{"theme": "dark", "height": 300, "start": [1, 2], "dim": true,
                 "groups": ["a", {"name": "b", "colour": "#f00"}], "locale": null, "reducedMotion": false,
                 "layout": "story", "embeds": "off", "unknown": 1}"##,
        )
        .unwrap();
        assert_eq!(o.theme, ThemeChoice::Dark);
        assert_eq!(o.layout, LayoutChoice::Story);
        assert_eq!(options("{}").unwrap().layout, LayoutChoice::Explore);
        assert_eq!(o.height, Some(300));
        assert_eq!(o.start, Some(StartOption::Range([1.0, 2.0])));
        assert_eq!(o.groups[1].parts(), ("b".into(), Some("#f00".into())));
        assert_eq!(o.reduced_motion, Some(false));
        assert_eq!(o.embeds, Embeds::Off);
        assert_eq!(options("{}").unwrap(), Options::default());
        assert_eq!(options("{}").unwrap().embeds, Embeds::Click);
        for (json, says) in [
            (
                r#"{"theme": "blue"}"#,
                "theme must be auto, light, dark or contrast",
            ),
            (r#"{"layout": "slides"}"#, "layout must be explore or story"),
            (r#"{"layout": true}"#, "layout must be explore or story"),
            (r#"{"height": -1}"#, "height must be a whole number"),
            (r#"{"height": 2.5}"#, "height must be a whole number"),
            (
                r#"{"maxEvents": "lots"}"#,
                "maxEvents must be a whole number",
            ),
            (r#"{"start": {}}"#, "start must be"),
            (r#"{"groups": "a"}"#, "groups must be an array"),
            (r#"{"dim": "yes"}"#, "dim must be true or false"),
            (
                r#"{"embeds": "always"}"#,
                "embeds must be click, auto or off",
            ),
            (r#"{"embeds": false}"#, "embeds must be click, auto or off"),
            (r#"{"start": [1]}"#, "start must be"),
            (
                r#"{"groups": [{"color": "red"}]}"#,
                "groups must be an array",
            ),
        ] {
            let e = options(json).unwrap_err();
            assert!(e.contains(says), "{json}: {e}");
            assert!(e.starts_with("invalid Timescope options: "), "{e}");
        }
        assert_eq!(
            options("5").unwrap_err(),
            "Timescope options must be an object"
        );
    }

    #[test]
    fn a_report_carries_warnings_with_their_paths() {
        let loaded = crate::parse::parse(
            r#"{"title": {"text": {"headline": "<b>T</b>"}}, "events": [
                {"start_date": {"year": "2018", "month": "13"}},
                {"start_date": {"year": 2018}, "text": {"headline": "ok"}}]}"#,
            &crate::parse::Limits::default(),
        )
        .unwrap();
        let r = Report::new(&loaded);
        assert_eq!(r.events, 1);
        assert_eq!(r.title.as_deref(), Some("T"));
        assert_eq!(r.warnings.len(), 1);
        assert_eq!(r.warnings[0].path, "events[0].start_date.month");
        let json = serde_json::to_string(&r).unwrap();
        assert!(
            json.starts_with(r#"{"format":"timelinejs3","events":1"#),
            "{json}"
        );
    }

    #[test]
    fn event_names_and_filters_cross_as_plain_values() {
        assert_eq!(
            EventName::read(&value(r#""filterchange""#)),
            Ok(EventName::Filterchange)
        );
        assert!(EventName::read(&value(r#""click""#)).is_err());
        for t in ThemeChoice::ALL {
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(
                json,
                format!("{:?}", t.as_str()),
                "as_str agrees with serde"
            );
        }
        for e in EventName::ALL {
            let json = serde_json::to_string(&e).unwrap();
            assert_eq!(
                EventName::read(&value(&json)),
                Ok(e),
                "as_str agrees with serde"
            );
        }
        assert_eq!(FilterSpec::read(&value("null")), Ok(FilterSpec::default()));
        let f = FilterSpec::read(&value(r#"{"text": "raid", "from": 5, "to": null}"#)).unwrap();
        assert_eq!((f.text.as_str(), f.from, f.to), ("raid", Some(5.0), None));
        assert_eq!(
            FilterSpec::read(&value(r#"{"groups": "a"}"#)).unwrap_err(),
            "setFilter: groups must be an array of names"
        );
        let f = FilterSpec::read(&value(r#"{"groups": ["a\u0002b"]}"#)).unwrap();
        assert_eq!(
            f.groups,
            ["a\u{2}b"],
            "a name is one string, whatever it holds"
        );
        let d = FilterDetail {
            shown: 1,
            total: 2,
            filter: f,
        };
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            r#"{"shown":1,"total":2,"filter":{"text":"","groups":["a\u0002b"],"tags":[]}}"#
        );
    }
}
