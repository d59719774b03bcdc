//! The event model: what a loaded timeline is, independent of the format it came from.
//!
//! A [`Dataset`] holds events sorted by start time. Each event is a small fixed-size record of
//! spans of text: of the text it was loaded from, kept whole, where a string is there as it
//! is (no copy), or of one string arena for the rest (unescaped strings, renamed ids). A
//! million events cost a million records and the text, not millions of allocations. Readers
//! get borrowed views ([`EventRef`], [`MediaRef`]) with plain `&str` accessors.
//!
//! Rich text is kept exactly as the author gave it; it is sanitized where it is shown.

use crate::text::hash as id_hash;
use std::borrow::Cow;
use std::fmt::Write as _;
pub mod time;

pub use time::{parse_iso, DateError, DateParts, Precision, TimePoint};

/// A span of the source text, or of the arena when `start` has [`IN_ARENA`]. Empty spans
/// stand for "not given".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
struct Span {
    start: u32,
    len: u32,
}

const NONE: u32 = u32::MAX;

/// The bit of [`Span::start`] that says the span is in [`Dataset::arena`], not the source
/// (which is at most `i32::MAX` bytes: see [`crate::parse::parse_owned`]).
const IN_ARENA: u32 = 1 << 31;

/// One event's fixed-size record.
#[derive(Clone, Debug, PartialEq)]
struct Record {
    id: Span,
    headline: Span,
    text: Span,
    start: TimePoint,
    end: Option<TimePoint>,
    group: u32,
    /// Range in `Dataset::tag_refs`.
    tags: Span,
    /// Index in `Dataset::extras`, or `NONE`.
    extra: u32,
}

/// Fields most events do not have, stored out of line.
#[derive(Clone, Debug, Default, PartialEq)]
struct Extra {
    display_date: Span,
    background: Span,
    background_image: Span,
    source: Span,
    media: Option<MediaSpans>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct MediaSpans {
    url: Span,
    caption: Span,
    credit: Span,
    thumbnail: Span,
    alt: Span,
    title: Span,
    link: Span,
}

/// Media attached to an event or the title: an image, video, audio or web page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Media {
    /// Where the media is (a URL; TimelineJS also allows embed HTML here).
    pub url: String,
    /// Caption (rich text).
    pub caption: String,
    /// Credit line (rich text).
    pub credit: String,
    /// Thumbnail image URL.
    pub thumbnail: String,
    /// Alternative text for images.
    pub alt: String,
    /// Title of the media.
    pub title: String,
    /// A link the media should lead to.
    pub link: String,
}

impl Media {
    fn is_empty(&self) -> bool {
        self.url.is_empty() && self.caption.is_empty() && self.thumbnail.is_empty()
    }
}

/// A borrowed view of an event's media.
#[derive(Clone, Copy, Debug)]
pub struct MediaRef<'a> {
    ds: &'a Dataset,
    m: MediaSpans,
}

impl<'a> MediaRef<'a> {
    /// Media URL (or TimelineJS embed HTML, shown only as a safe link).
    pub fn url(&self) -> &'a str {
        self.ds.s(self.m.url)
    }
    /// Caption (rich text).
    pub fn caption(&self) -> &'a str {
        self.ds.s(self.m.caption)
    }
    /// Credit (rich text).
    pub fn credit(&self) -> &'a str {
        self.ds.s(self.m.credit)
    }
    /// Thumbnail URL.
    pub fn thumbnail(&self) -> &'a str {
        self.ds.s(self.m.thumbnail)
    }
    /// Alternative text.
    pub fn alt(&self) -> &'a str {
        self.ds.s(self.m.alt)
    }
    /// Title.
    pub fn title(&self) -> &'a str {
        self.ds.s(self.m.title)
    }
    /// Link target.
    pub fn link(&self) -> &'a str {
        self.ds.s(self.m.link)
    }
    /// An owned copy.
    pub fn to_media(&self) -> Media {
        Media {
            url: self.url().into(),
            caption: self.caption().into(),
            credit: self.credit().into(),
            thumbnail: self.thumbnail().into(),
            alt: self.alt().into(),
            title: self.title().into(),
            link: self.link().into(),
        }
    }
}

/// Everything the parsers know about one event, before it is stored (text borrowed from the
/// source where it needed no unescaping).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewEvent<'a> {
    /// Explicit id (`unique_id` / `id`); derived from the headline when empty.
    pub id: Cow<'a, str>,
    /// Start; required.
    pub start: Option<TimePoint>,
    /// Optional end, not before the start.
    pub end: Option<TimePoint>,
    /// Headline (may contain inline markup, kept as given).
    pub headline: Cow<'a, str>,
    /// Rich text body, kept as given.
    pub text: Cow<'a, str>,
    /// How the date should be shown instead of the computed label.
    pub display_date: Cow<'a, str>,
    /// Media.
    pub media: Media,
    /// Group name; empty for none.
    pub group: Cow<'a, str>,
    /// Tags.
    pub tags: Vec<Cow<'a, str>>,
    /// Background colour.
    pub background: Cow<'a, str>,
    /// Background image address (`background.url`), unchecked.
    pub background_image: Cow<'a, str>,
    /// Source attribution.
    pub source: Cow<'a, str>,
}

/// A labelled span of time shown as a background band.
#[derive(Clone, Debug, PartialEq)]
pub struct Era {
    /// Start.
    pub start: TimePoint,
    /// End (not before start).
    pub end: TimePoint,
    /// Label.
    pub headline: String,
    /// Optional description (rich text).
    pub text: String,
}

/// The timeline's title slide.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Title {
    /// Headline.
    pub headline: String,
    /// Introductory rich text.
    pub text: String,
    /// Media.
    pub media: Option<Media>,
}

/// A group: events of one group share a row band and a colour.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// Name as authored.
    pub name: String,
    /// Colour the author chose, if any.
    pub color: Option<String>,
}

/// TimelineJS's `scale` setting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scale {
    /// Ordinary calendar dates.
    #[default]
    Human,
    /// Billions of years; labels count years ago.
    Cosmological,
}

/// A loaded timeline: events sorted by start (ties keep the author's order), eras, groups,
/// tags and the title. (No `PartialEq`: two datasets with the same content may lay out their
/// text differently; compare [`crate::parse::native::document`]s instead.)
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    /// The text the dataset was loaded from: most strings are spans of it.
    source: String,
    /// The strings that are not in the source as they are.
    arena: String,
    records: Vec<Record>,
    extras: Vec<Extra>,
    tag_refs: Vec<u32>,
    starts: Vec<f64>,
    ends: Vec<f64>,
    groups: Vec<Group>,
    tags: Vec<String>,
    eras: Vec<Era>,
    title: Option<Title>,
    scale: Scale,
}

/// A borrowed view of one event.
#[derive(Clone, Copy, Debug)]
pub struct EventRef<'a> {
    ds: &'a Dataset,
    r: &'a Record,
    index: usize,
}

impl<'a> EventRef<'a> {
    /// Position in time order.
    pub fn index(&self) -> usize {
        self.index
    }
    /// Unique id (as authored, or derived from the headline).
    pub fn id(&self) -> Cow<'a, str> {
        if self.r.id.start == DERIVED {
            let mut s = String::new();
            self.ds.full_id(self.r, &mut s);
            return s.into();
        }
        self.ds.s(self.r.id).into()
    }
    /// Headline as authored.
    pub fn headline(&self) -> &'a str {
        self.ds.s(self.r.headline)
    }
    /// Rich text as authored (unsanitized).
    pub fn text(&self) -> &'a str {
        self.ds.s(self.r.text)
    }
    /// Start.
    pub fn start(&self) -> TimePoint {
        self.r.start
    }
    /// End, for ranges.
    pub fn end(&self) -> Option<TimePoint> {
        self.r.end
    }
    /// The author's display date, if any.
    pub fn display_date(&self) -> Option<&'a str> {
        self.extra()
            .map(|x| self.ds.s(x.display_date))
            .filter(|s| !s.is_empty())
    }
    /// The date as it should be shown: the display date, else "start – end" labels.
    pub fn date_label(&self) -> String {
        if let Some(d) = self.display_date() {
            return d.to_string();
        }
        match self.r.end {
            Some(end) => format!("{} – {}", self.r.start.label(), end.label()),
            None => self.r.start.label(),
        }
    }
    /// Group name.
    pub fn group(&self) -> Option<&'a str> {
        self.group_index()
            .and_then(|g| self.ds.groups.get(g))
            .map(|g| g.name.as_str())
    }
    /// Index into [`Dataset::groups`].
    pub fn group_index(&self) -> Option<usize> {
        (self.r.group != NONE).then_some(self.r.group as usize)
    }
    /// Indices into [`Dataset::tags`].
    pub fn tag_indices(&self) -> &'a [u32] {
        let (a, n) = (self.r.tags.start as usize, self.r.tags.len as usize);
        self.ds.tag_refs.get(a..a + n).unwrap_or(&[])
    }
    /// Tag names.
    pub fn tags(&self) -> impl Iterator<Item = &'a str> + 'a {
        let ds = self.ds;
        self.tag_indices()
            .iter()
            .filter_map(move |t| ds.tags.get(*t as usize).map(String::as_str))
    }
    /// Media, if any.
    pub fn media(&self) -> Option<MediaRef<'a>> {
        let ds = self.ds;
        self.extra()
            .and_then(|x| x.media)
            .map(|m| MediaRef { ds, m })
    }
    /// Background colour.
    pub fn background(&self) -> Option<&'a str> {
        self.extra()
            .map(|x| self.ds.s(x.background))
            .filter(|s| !s.is_empty())
    }
    /// Background image address, as the data gives it (checked where it is shown).
    pub fn background_image(&self) -> Option<&'a str> {
        self.extra()
            .map(|x| self.ds.s(x.background_image))
            .filter(|s| !s.is_empty())
    }
    /// Source attribution.
    pub fn source(&self) -> Option<&'a str> {
        self.extra()
            .map(|x| self.ds.s(x.source))
            .filter(|s| !s.is_empty())
    }
    fn extra(&self) -> Option<&'a Extra> {
        self.ds.extras.get(self.r.extra as usize)
    }
}

impl Dataset {
    fn s(&self, span: Span) -> &str {
        let (text, a) = if span.start & IN_ARENA != 0 {
            (&self.arena, (span.start & !IN_ARENA) as usize)
        } else {
            (&self.source, span.start as usize)
        };
        text.get(a..a + span.len as usize).unwrap_or("")
    }
    /// Number of events.
    pub fn len(&self) -> usize {
        self.records.len()
    }
    /// True when there are no events.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
    /// The event at `index` in time order.
    pub fn event(&self, index: usize) -> Option<EventRef<'_>> {
        self.records
            .get(index)
            .map(|r| EventRef { ds: self, r, index })
    }
    /// All events in time order.
    pub fn events(&self) -> impl ExactSizeIterator<Item = EventRef<'_>> + '_ {
        self.records
            .iter()
            .enumerate()
            .map(move |(index, r)| EventRef { ds: self, r, index })
    }
    /// The index of the event with this id.
    pub fn find(&self, id: &str) -> Option<usize> {
        let mut scratch = String::new();
        (0..self.records.len()).position(|i| self.id_is(i as u32, id, &mut scratch))
    }
    /// `s`, copied to the arena.
    fn copy_to_arena(&mut self, s: &str) -> Span {
        let start = self.arena.len() as u32 | IN_ARENA;
        self.arena.push_str(s);
        Span {
            start,
            len: s.len() as u32,
        }
    }
    /// Whether record `j` (in the order records are now) has the id `id`.
    fn id_is(&self, j: u32, id: &str, scratch: &mut String) -> bool {
        let Some(r) = self.records.get(j as usize) else {
            return false;
        };
        if r.id.start != DERIVED {
            return self.s(r.id) == id;
        }
        scratch.clear();
        self.full_id(r, scratch);
        scratch == id
    }
    /// Appends a record's id, derived ones with their suffix.
    fn full_id(&self, r: &Record, out: &mut String) {
        if r.id.start != DERIVED {
            out.push_str(self.s(r.id));
            return;
        }
        self.derive_id(r, out);
        if r.id.len > 0 {
            let _ = write!(out, "-{}", r.id.len);
        }
    }
    /// Appends the id derived from a record's text: the slug of its headline, else whole
    /// words (at most ~40 characters) of its text's slug; nothing when both are empty.
    /// Returns whether it came from the headline.
    fn derive_id(&self, r: &Record, out: &mut String) -> bool {
        let at = out.len();
        slug_into(self.s(r.headline), out);
        if out.len() > at {
            return true;
        }
        slug_into(self.s(r.text), out);
        while out.len() - at > 40 {
            let cut = out.bytes().rposition(|b| b == b'-');
            out.truncate(cut.filter(|&c| c >= at).unwrap_or(at));
        }
        false
    }
    /// Start positions on the axis (ms since 1970 UTC), ascending; one per event.
    pub fn starts(&self) -> &[f64] {
        &self.starts
    }
    /// End positions on the axis; equal to the start for point events.
    pub fn ends(&self) -> &[f64] {
        &self.ends
    }
    /// Groups in order of first appearance (or as the author listed them).
    pub fn groups(&self) -> &[Group] {
        &self.groups
    }
    /// Puts the groups named in `order` first, in that order (the others follow as they
    /// were), and gives those with a colour in `order` that colour. Names that are not
    /// groups of this data are ignored. Returns how many names matched.
    pub fn arrange_groups(&mut self, order: &[(String, Option<String>)]) -> usize {
        let mut new: Vec<u32> = Vec::with_capacity(self.groups.len());
        for (name, _) in order {
            let name = name.trim();
            if let Some(i) = self.groups.iter().position(|g| g.name == name) {
                if !new.contains(&(i as u32)) {
                    new.push(i as u32);
                }
            }
        }
        let matched = new.len();
        for i in 0..self.groups.len() as u32 {
            if !new.contains(&i) {
                new.push(i);
            }
        }
        // `new[k]` is the old index of the k-th group; `old_to_new` the inverse.
        let mut old_to_new = vec![0u32; new.len()];
        for (k, &old) in new.iter().enumerate() {
            if let Some(x) = old_to_new.get_mut(old as usize) {
                *x = k as u32;
            }
        }
        let mut groups: Vec<Group> = new
            .iter()
            .filter_map(|&i| self.groups.get(i as usize).cloned())
            .collect();
        for (name, color) in order {
            if let (Some(g), Some(c)) = (
                groups.iter_mut().find(|g| g.name == name.trim()),
                color.as_ref(),
            ) {
                g.color = Some(c.clone());
            }
        }
        self.groups = groups;
        for r in &mut self.records {
            if let Some(&k) = old_to_new.get(r.group as usize) {
                r.group = k;
            }
        }
        matched
    }

    /// Tags in order of first appearance.
    pub fn tags(&self) -> &[String] {
        &self.tags
    }
    /// Eras in time order.
    pub fn eras(&self) -> &[Era] {
        &self.eras
    }
    /// The title slide.
    pub fn title(&self) -> Option<&Title> {
        self.title.as_ref()
    }
    /// TimelineJS `scale`.
    pub fn scale(&self) -> Scale {
        self.scale
    }
    /// The whole span covered by events and eras, `(min, max)` in axis ms; `None` if empty.
    pub fn span(&self) -> Option<(f64, f64)> {
        let lo = self.starts.first().copied();
        let hi = self
            .ends
            .iter()
            .copied()
            .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v))));
        let (mut lo, mut hi) = (lo?, hi?);
        for e in &self.eras {
            lo = lo.min(e.start.ms());
            hi = hi.max(e.end.ms());
        }
        Some((lo, hi))
    }
}

/// Assembles a [`Dataset`]; the parsers feed it and [`Builder::finish`] sorts, derives and
/// de-duplicates ids.
#[derive(Debug, Default)]
pub struct Builder {
    ds: Dataset,
    group_index: StrMap,
    tag_index: StrMap,
    /// Address and length of the text strings may be slices of ([`Builder::on`]).
    source: (usize, usize),
}

/// An id that had to be changed, reported as a warning by the parser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Renamed {
    /// Position of the event in the order it was added.
    pub source_index: usize,
    /// The id the author gave.
    pub from: String,
    /// The id it now has.
    pub to: String,
}

impl Builder {
    /// An empty builder.
    pub fn new() -> Builder {
        Builder::default()
    }

    /// A builder whose strings are kept as spans of `source` where they are slices of it
    /// (nothing is copied); [`Builder::finish_on`] must then be given that same text.
    pub(crate) fn on(source: &str) -> Builder {
        Builder {
            source: (source.as_ptr() as usize, source.len()),
            ..Builder::default()
        }
    }

    fn push_str(&mut self, s: &str) -> Span {
        let s = crate::text::trim(s);
        if s.is_empty() {
            return Span::default();
        }
        // Addresses only: whether `s` lies inside the source text.
        let ((base, n), at) = (self.source, s.as_ptr() as usize);
        if at >= base && at + s.len() <= base + n {
            return Span {
                start: (at - base) as u32,
                len: s.len() as u32,
            };
        }
        self.ds.copy_to_arena(s)
    }

    /// Number of events added so far.
    pub fn len(&self) -> usize {
        self.ds.records.len()
    }

    /// True when no event was added yet.
    pub fn is_empty(&self) -> bool {
        self.ds.records.is_empty()
    }

    /// Declares a group (order and colour) before events name it.
    pub fn declare_group(&mut self, name: &str, color: Option<String>) -> u32 {
        let i = self.group(name);
        if let (Some(g), Some(c)) = (self.ds.groups.get_mut(i as usize), color) {
            g.color = Some(c);
        }
        i
    }

    fn group(&mut self, name: &str) -> u32 {
        let name = crate::text::trim(name);
        if name.is_empty() {
            return NONE;
        }
        if let Some(i) = self.group_index.get(name) {
            return i;
        }
        let i = self.ds.groups.len() as u32;
        self.ds.groups.push(Group {
            name: name.to_string(),
            color: None,
        });
        self.group_index.insert(name.to_string(), i);
        i
    }

    fn tag(&mut self, name: &str) -> u32 {
        if let Some(i) = self.tag_index.get(name) {
            return i;
        }
        let i = self.ds.tags.len() as u32;
        self.ds.tags.push(name.to_string());
        self.tag_index.insert(name.to_string(), i);
        i
    }

    /// Adds an event. Returns `false` (and adds nothing) when it has no start.
    pub fn push(&mut self, e: NewEvent<'_>) -> bool {
        let Some(start) = e.start else {
            return false;
        };
        let id = self.push_str(&e.id);
        let headline = self.push_str(&e.headline);
        let text = self.push_str(&e.text);
        let group = self.group(&e.group);
        let tag_start = self.ds.tag_refs.len() as u32;
        for t in &e.tags {
            let t = crate::text::trim(t);
            if !t.is_empty() {
                let i = self.tag(t);
                let mine = self.ds.tag_refs.get(tag_start as usize..).unwrap_or(&[]);
                if !mine.contains(&i) {
                    self.ds.tag_refs.push(i);
                }
            }
        }
        let tags = Span {
            start: tag_start,
            len: self.ds.tag_refs.len() as u32 - tag_start,
        };
        let media = (!e.media.is_empty()).then(|| MediaSpans {
            url: self.push_str(&e.media.url),
            caption: self.push_str(&e.media.caption),
            credit: self.push_str(&e.media.credit),
            thumbnail: self.push_str(&e.media.thumbnail),
            alt: self.push_str(&e.media.alt),
            title: self.push_str(&e.media.title),
            link: self.push_str(&e.media.link),
        });
        let extra = Extra {
            display_date: self.push_str(&e.display_date),
            background: self.push_str(&e.background),
            background_image: self.push_str(&e.background_image),
            source: self.push_str(&e.source),
            media,
        };
        let extra = if extra == Extra::default() {
            NONE
        } else {
            self.ds.extras.push(extra);
            self.ds.extras.len() as u32 - 1
        };
        self.ds.records.push(Record {
            id,
            headline,
            text,
            start,
            end: e.end,
            group,
            tags,
            extra,
        });
        true
    }

    /// Adds an era.
    pub fn push_era(&mut self, era: Era) {
        self.ds.eras.push(era);
    }

    /// Sets the title.
    pub fn set_title(&mut self, title: Title) {
        self.ds.title = Some(title);
    }

    /// Sets the scale.
    pub fn set_scale(&mut self, scale: Scale) {
        self.ds.scale = scale;
    }

    /// Derives missing ids, makes every id unique, sorts by time and builds the axis columns.
    /// Returns the dataset and the explicit ids that had to change.
    pub fn finish(self) -> (Dataset, Vec<Renamed>) {
        self.finish_on(String::new())
    }

    /// [`Builder::finish`] for a builder made [`Builder::on`] `source`: the dataset keeps the
    /// text. (Given another text, the spans of the source would read as empty strings.)
    pub(crate) fn finish_on(mut self, source: String) -> (Dataset, Vec<Renamed>) {
        if self.source == (source.as_ptr() as usize, source.len()) {
            self.ds.source = source;
        }
        let renamed = self.unique_ids();
        let ds = &mut self.ds;
        let starts: Vec<f64> = ds.records.iter().map(|r| r.start.ms()).collect();
        let order = time_order(&starts);
        permute(&mut ds.records, &order);
        ds.starts = order
            .iter()
            .map(|i| starts.get(*i as usize).copied().unwrap_or(0.0))
            .collect();
        ds.ends = ds
            .records
            .iter()
            .zip(&ds.starts)
            .map(|(r, s)| r.end.map_or(*s, |e| e.ms().max(*s)))
            .collect();
        let era_starts: Vec<f64> = ds.eras.iter().map(|e| e.start.ms()).collect();
        let mut eras: Vec<Option<Era>> = ds.eras.drain(..).map(Some).collect();
        ds.eras = time_order(&era_starts)
            .iter()
            .filter_map(|i| eras.get_mut(*i as usize).and_then(Option::take))
            .collect();
        (self.ds, renamed)
    }

    /// Makes every id unique, in the authors' order: an explicit id is kept the first time it
    /// appears and renamed (`x-2`) after that; an event without one gets the slug of its
    /// headline (or of its text), renamed the same way when taken. Derived ids are not
    /// stored, nearly all of them: a record keeps [`DERIVED`] and the suffix it needed, and
    /// [`EventRef::id`] derives the id again when asked.
    fn unique_ids(&mut self) -> Vec<Renamed> {
        let ds = &mut self.ds;
        let n = ds.records.len();
        let mut set = IdSet::new(n);
        let mut scratch = String::new();
        // Every explicit id is reserved first (its first owner), so a derived id never takes
        // an author's id, even one that comes later.
        for i in 0..n {
            let id = ds.records.get(i).map_or("", |r| ds.s(r.id));
            if id.is_empty() {
                continue;
            }
            let h = id_hash(id);
            if let Err(slot) = set.find(h, |j| ds.id_is(j, id, &mut scratch)) {
                set.insert(slot, h, i as u32);
            }
        }
        // Per owner of a taken id, the next suffix to try, so a thousand copies of one id
        // stay linear.
        let mut next = vec![2u32; n];
        let mut renamed = Vec::new();
        let (mut base, mut candidate) = (String::new(), String::new());
        for i in 0..n {
            let Some(r) = ds.records.get(i) else { break };
            let explicit = ds.s(r.id);
            let authored = !explicit.is_empty();
            base.clear();
            let mut derived = false;
            if authored {
                base.push_str(explicit);
            } else {
                derived = ds.derive_id(r, &mut base);
                if base.is_empty() {
                    base = format!("event-{}", i + 1);
                    derived = false;
                }
            }
            // Two records with the same headline have the same derived id: most copies of a
            // taken id are confirmed without deriving the owner's again.
            let same = |j: u32, id: &str, scratch: &mut String| {
                let o = ds.records.get(j as usize);
                (derived
                    && o.is_some_and(|o| {
                        o.id == Span::derived(0) && ds.s(o.headline) == ds.s(r.headline)
                    }))
                    || ds.id_is(j, id, scratch)
            };
            let h = id_hash(&base);
            let (owner, k) = match set.find(h, |j| same(j, &base, &mut scratch)) {
                Ok(o) if o == i as u32 && !derived => continue,
                Err(slot) => {
                    set.insert(slot, h, i as u32);
                    (None, 0)
                }
                Ok(o) => {
                    // Taken: the first free `base-k`.
                    let mut k = next.get(o as usize).copied().unwrap_or(2);
                    loop {
                        candidate.clone_from(&base);
                        let _ = write!(candidate, "-{k}");
                        let h = id_hash(&candidate);
                        match set.find(h, |j| ds.id_is(j, &candidate, &mut scratch)) {
                            Err(slot) => {
                                set.insert(slot, h, i as u32);
                                break;
                            }
                            Ok(_) => k += 1,
                        }
                    }
                    (Some(o), k)
                }
            };
            if let Some(s) = owner.and_then(|o| next.get_mut(o as usize)) {
                *s = k + 1;
            }
            let span = if derived {
                Span::derived(k)
            } else {
                ds.copy_to_arena(if k > 0 { &candidate } else { &base })
            };
            // (An author's id gets here only renamed: its first owner took the `continue`.)
            if authored {
                renamed.push(Renamed {
                    source_index: i,
                    from: base.clone(),
                    to: candidate.clone(),
                });
            }
            if let Some(r) = ds.records.get_mut(i) {
                r.id = span;
            }
        }
        renamed
    }
}

/// The id span's start for a record whose id is derived from its headline or text when
/// asked for; its length is then the suffix (`-2`) the id needed, or 0.
const DERIVED: u32 = u32::MAX;

impl Span {
    fn derived(suffix: u32) -> Span {
        Span {
            start: DERIVED,
            len: suffix,
        }
    }
}

/// The ids taken so far, as their 64-bit hashes and the record that owns each: a hash that
/// matches is confirmed by comparing that record's id, so no id string is copied. A million
/// ids cost 20 bytes each, for the time of the load.
struct IdSet {
    /// Entry + 1 per slot, 0 when empty; a power of two at least twice the entries.
    slots: Vec<u32>,
    hashes: Vec<u64>,
    owners: Vec<u32>,
}

impl IdSet {
    /// Room for `n` ids (one per event at most).
    fn new(n: usize) -> IdSet {
        IdSet {
            slots: vec![0; (n * 2).next_power_of_two().max(16)],
            hashes: Vec::with_capacity(n),
            owners: Vec::with_capacity(n),
        }
    }

    /// The owner of an id with hash `h` for which `same(owner)` holds, or the free slot.
    fn find(&self, h: u64, mut same: impl FnMut(u32) -> bool) -> Result<u32, usize> {
        let mask = self.slots.len() - 1;
        let mut i = h as usize & mask;
        loop {
            match self.slots.get(i).copied() {
                Some(0) | None => return Err(i),
                Some(e) => {
                    let e = e as usize - 1;
                    if let (Some(&eh), Some(&o)) = (self.hashes.get(e), self.owners.get(e)) {
                        if eh == h && same(o) {
                            return Ok(o);
                        }
                    }
                }
            }
            i = (i + 1) & mask;
        }
    }

    fn insert(&mut self, slot: usize, h: u64, owner: u32) {
        self.hashes.push(h);
        self.owners.push(owner);
        if let Some(s) = self.slots.get_mut(slot) {
            *s = self.hashes.len() as u32;
        }
    }
}

/// A string → `u32` map: open addressing with FNV-1a. The standard `HashMap` brings
/// SipHash and hashbrown's generic machinery (~5 KB of wasm); ids, groups and tags only
/// need exact-string lookups.
#[derive(Clone, Debug, Default)]
struct StrMap {
    /// Entry index + 1 per slot, 0 for empty; the length is a power of two (or zero).
    slots: Vec<u32>,
    keys: Vec<String>,
    values: Vec<u32>,
}

impl StrMap {
    fn hash(key: &str) -> usize {
        crate::text::hash(key) as usize
    }

    /// The slot holding `key`, or the empty slot where it would go.
    fn slot(&self, key: &str) -> usize {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = Self::hash(key) & mask;
        loop {
            match self.slots.get(i).copied() {
                Some(0) | None => return i,
                Some(e) if self.keys.get(e as usize - 1).is_some_and(|k| k == key) => return i,
                _ => i = (i + 1) & mask,
            }
        }
    }

    fn get(&self, key: &str) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let e = *self.slots.get(self.slot(key))?;
        self.values.get(e.checked_sub(1)? as usize).copied()
    }

    /// Sets `key` to `value`; returns the previous value.
    fn insert(&mut self, key: String, value: u32) -> Option<u32> {
        if (self.keys.len() + 1) * 2 > self.slots.len() {
            // Grow to keep the table at most half full, and re-place every key.
            let n = (self.slots.len() * 2).max(16);
            self.slots = vec![0; n];
            for k in 0..self.keys.len() {
                let s = self.slot(self.keys.get(k).map_or("", String::as_str));
                if let Some(slot) = self.slots.get_mut(s) {
                    *slot = k as u32 + 1;
                }
            }
        }
        let s = self.slot(&key);
        let e = self.slots.get(s).copied().unwrap_or(0);
        if e > 0 {
            let v = self.values.get_mut(e as usize - 1)?;
            return Some(std::mem::replace(v, value));
        }
        self.keys.push(key);
        self.values.push(value);
        if let Some(slot) = self.slots.get_mut(s) {
            *slot = self.keys.len() as u32;
        }
        None
    }
}

/// Puts `items` in the order `order` gives (`items[k]` becomes the old `items[order[k]]`)
/// in place, one cycle of the permutation at a time: no second copy of a million records
/// (which would stay in the wasm memory's high-water mark).
fn permute<T>(items: &mut [T], order: &[u32]) {
    let mut done = vec![false; items.len()];
    for i in 0..items.len() {
        let mut j = i;
        // The item that belongs at `j` is swapped in; the one displaced moves along the
        // cycle until it reaches the slot that wants it.
        while done.get(j) == Some(&false) {
            if let Some(d) = done.get_mut(j) {
                *d = true;
            }
            let k = order.get(j).map_or(i, |&k| k as usize);
            if k == i {
                break;
            }
            items.swap(j, k);
            j = k;
        }
    }
}

/// Indices that put `keys` in ascending order (`f64::total_cmp`), ties in their original
/// order. A least-significant-digit radix sort on the keys' bits: linear in the number of
/// events, stable, and a few hundred bytes of wasm where the standard library's comparison
/// sort for this one call was 5 KB. Bytes that every key shares are skipped (times close
/// together share their high bytes).
pub fn time_order(keys: &[f64]) -> Vec<u32> {
    // The bits of an f64, mapped so that unsigned order is `total_cmp` order.
    let bits = |k: f64| {
        let b = k.to_bits();
        if b >> 63 == 1 {
            !b
        } else {
            b | 1 << 63
        }
    };
    let key = |i: u32| keys.get(i as usize).map_or(0, |&k| bits(k));
    let mut order: Vec<u32> = (0..keys.len() as u32).collect();
    let mut next = vec![0u32; order.len()];
    for shift in (0..64).step_by(8) {
        let mut count = [0usize; 257];
        for &i in &order {
            if let Some(c) = count.get_mut((key(i) >> shift & 0xff) as usize + 1) {
                *c += 1;
            }
        }
        if count.contains(&order.len()) {
            continue; // every key has the same byte here
        }
        for d in 1..257 {
            let before = count.get(d - 1).copied().unwrap_or(0);
            if let Some(c) = count.get_mut(d) {
                *c += before;
            }
        }
        for &i in &order {
            if let Some(c) = count.get_mut((key(i) >> shift & 0xff) as usize) {
                if let Some(slot) = next.get_mut(*c) {
                    *slot = i;
                }
                *c += 1;
            }
        }
        std::mem::swap(&mut order, &mut next);
    }
    order
}

/// A URL-friendly id from a headline, TimelineJS style: lowercase words joined by `-`,
/// markup and punctuation dropped, at most 60 characters.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    slug_into(text, &mut out);
    out
}

/// [`slug`], appended to `out`. Walks bytes: ASCII, nearly all of a headline, is handled
/// without decoding characters.
fn slug_into(text: &str, out: &mut String) {
    let at = out.len();
    let b = text.as_bytes();
    let (mut i, mut in_tag, mut dash) = (0, false, false);
    while let Some(&c) = b.get(i) {
        let n = match c {
            0..=0x7f => 1,
            0xf0.. => 4,
            0xe0.. => 3,
            _ => 2,
        };
        let word = || match c {
            0..=0x7f => c.is_ascii_alphanumeric(),
            _ => !text
                .get(i..)
                .and_then(|s| s.chars().next())
                .is_some_and(is_punctuation),
        };
        match c {
            b'<' => in_tag = true,
            b'>' if in_tag => in_tag = false,
            _ if in_tag => {}
            _ if word() => {
                if dash && out.len() > at {
                    out.push('-');
                }
                dash = false;
                if c < 0x80 {
                    out.push(char::from(c.to_ascii_lowercase()));
                } else {
                    out.push_str(text.get(i..i + n).unwrap_or(""));
                }
                if out.len() - at >= 60 {
                    break;
                }
            }
            _ => dash = true,
        }
        i += n;
    }
}

/// Non-ASCII punctuation and spaces that separate words in headlines.
fn is_punctuation(c: char) -> bool {
    matches!(c, '\u{a0}'..='\u{bf}' | '\u{d7}' | '\u{f7}' | '\u{2000}'..='\u{206f}' | '\u{3000}'..='\u{303f}' | '\u{feff}')
}

#[cfg(test)]
mod strmap_tests {
    use super::StrMap;

    #[test]
    fn maps_strings_like_a_hash_map() {
        let mut m = StrMap::default();
        let mut oracle = std::collections::HashMap::new();
        for i in 0..5000u32 {
            let k = format!("key-{}", i % 1700);
            assert_eq!(m.insert(k.clone(), i), oracle.insert(k, i));
        }
        for i in 0..2000u32 {
            let k = format!("key-{i}");
            assert_eq!(m.get(&k), oracle.get(&k).copied(), "{k}");
        }
        assert_eq!(m.get(""), None);
        assert_eq!(StrMap::default().get("x"), None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(id: &str, headline: &str, year: i64) -> NewEvent<'static> {
        NewEvent {
            id: id.to_string().into(),
            headline: headline.to_string().into(),
            start: Some(TimePoint::year(year).unwrap()),
            ..NewEvent::default()
        }
    }

    #[test]
    fn events_are_sorted_stably_and_columns_follow() {
        let mut b = Builder::new();
        b.push(ev("b", "B", 2000));
        b.push(ev("a", "A", 1990));
        b.push(ev("c", "C", 2000));
        let (ds, _) = b.finish();
        let ids: Vec<_> = ds.events().map(|e| e.id()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert!(ds.starts().windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(ds.starts(), ds.ends());
    }

    #[test]
    fn permute_puts_items_where_the_order_says() {
        let mut x = 99u64;
        for n in [0usize, 1, 2, 7, 500] {
            let keys: Vec<f64> = (0..n)
                .map(|_| {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
                    (x >> 50) as f64
                })
                .collect();
            let order = time_order(&keys);
            let mut items: Vec<(f64, usize)> = keys.iter().copied().zip(0..).collect();
            permute(&mut items, &order);
            let expected: Vec<(f64, usize)> = order
                .iter()
                .map(|&i| (keys[i as usize], i as usize))
                .collect();
            assert_eq!(items, expected, "n = {n}");
        }
    }

    #[test]
    fn time_order_matches_a_stable_comparison_sort() {
        // Negative and cosmological times, -0, ties, infinities and NaN, and a long run of
        // keys that share their high bytes (so some passes are skipped).
        let mut keys = vec![
            3.0,
            -1.0,
            0.0,
            -0.0,
            -4.35e20,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            3.0,
            -1.0,
            1e-300,
            -1e-300,
        ];
        let mut x = 12345u64;
        for _ in 0..3000 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            keys.push(1.5e12 + (x >> 40) as f64 * 1000.0);
            keys.push(((x >> 33) % 7) as f64 - 3.0);
        }
        let mut expected: Vec<u32> = (0..keys.len() as u32).collect();
        expected.sort_by(|&a, &b| keys[a as usize].total_cmp(&keys[b as usize]));
        assert_eq!(time_order(&keys), expected);
        assert_eq!(time_order(&[]), Vec::<u32>::new());
        assert_eq!(time_order(&[7.0, 7.0, 7.0]), [0, 1, 2]);
    }

    #[test]
    fn ids_are_derived_and_deduplicated() {
        let mut b = Builder::new();
        b.push(ev("", "Ada <b>Lovelace</b>!", 1815));
        b.push(ev("", "Ada Lovelace", 1816));
        b.push(ev("x", "", 1817));
        b.push(ev("x", "", 1818));
        b.push(ev("", "", 1819));
        let (ds, renamed) = b.finish();
        let ids: Vec<_> = ds.events().map(|e| e.id()).collect();
        assert_eq!(
            ids,
            ["ada-lovelace", "ada-lovelace-2", "x", "x-2", "event-5"]
        );
        assert_eq!(
            renamed,
            [Renamed {
                source_index: 3,
                from: "x".into(),
                to: "x-2".into()
            }]
        );
    }

    #[test]
    fn copies_of_a_headline_take_the_next_free_suffix() {
        let mut b = Builder::new();
        for (id, headline) in [
            ("", "X"),
            ("", "X"),
            ("", "X 2"), // its slug is the second X's id: it becomes x-2-2
            ("x-3", "Other"),
            ("", "X"), // x-3 is an author's id: x-4
            ("", "X"),
            ("", "x!"), // a different headline with the same slug
        ] {
            b.push(ev(id, headline, 1900));
        }
        let (ds, renamed) = b.finish();
        let ids: Vec<_> = ds.events().map(|e| e.id()).collect();
        assert_eq!(ids, ["x", "x-2", "x-2-2", "x-3", "x-4", "x-5", "x-6"]);
        assert!(renamed.is_empty());
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(ds.find(id), Some(i), "{id}");
        }
        // Many copies stay unique and in the authors' order.
        let mut b = Builder::new();
        for _ in 0..5000 {
            b.push(ev("", "Same headline", 2000));
        }
        let (ds, _) = b.finish();
        let ids: Vec<_> = ds.events().map(|e| e.id().into_owned()).collect();
        assert_eq!(ids.first().map(String::as_str), Some("same-headline"));
        assert_eq!(
            ids.get(4999).map(String::as_str),
            Some("same-headline-5000")
        );
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 5000);
    }

    #[test]
    fn derived_ids_yield_to_later_explicit_ids_and_are_not_stored() {
        let mut b = Builder::new();
        b.push(ev("", "Ada", 1815));
        b.push(ev("", "Ada", 1816));
        b.push(ev("ada", "Countess", 1817));
        b.push(ev("", "Babbage", 1818));
        let (ds, renamed) = b.finish();
        let ids: Vec<_> = ds.events().map(|e| e.id()).collect();
        assert_eq!(ids, ["ada-2", "ada-3", "ada", "babbage"]);
        assert!(renamed.is_empty());
        // No derived id was written to the arena, renamed or not: "ada-2" is the slug and
        // the suffix its record keeps, derived when asked.
        assert!(!ds.arena.contains("babbage") && !ds.arena.contains("ada-"));
        assert_eq!(ds.records.get(1).map(|r| r.id), Some(Span::derived(3)));
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(ds.find(id), Some(i), "{id}");
        }
        assert_eq!(ds.find("countess"), None);
    }

    #[test]
    fn strings_are_spans_of_the_loaded_text_unless_they_needed_unescaping() {
        use crate::parse::{parse_owned, Limits};
        let json = r#"{"events": [{"start": "2018", "headline": " Plain ",
            "text": "Tab\there", "group": "G\u00e9", "tags": ["t"]}]}"#;
        let csv = "Year,Headline,Text\n2018,Plain,\"She said \"\"no\"\"\"\n";
        for (text, unescaped) in [(json, "Tab\there"), (csv, "She said \"no\"")] {
            let ds = parse_owned(text.to_string(), &Limits::default())
                .unwrap()
                .dataset;
            assert_eq!(
                ds.source, text,
                "the dataset keeps the text it was loaded from"
            );
            let e = ds.event(0).unwrap();
            assert_eq!((e.headline(), e.text()), ("Plain", unescaped));
            // Only what needed unescaping (and nothing that was given as it is) was copied.
            assert!(ds.arena.contains(unescaped), "{:?}", ds.arena);
            assert!(!ds.arena.contains("Plain"), "{:?}", ds.arena);
        }
    }

    #[test]
    fn groups_and_tags_are_interned_in_order_of_appearance() {
        let mut b = Builder::new();
        let mut e = ev("", "one", 1);
        e.group = "Diplomacy".into();
        e.tags = vec!["UN".into(), "Idlib".into(), "UN".into()];
        b.push(e);
        let mut e = ev("", "two", 2);
        e.group = "Air strikes".into();
        e.tags = vec!["Idlib".into()];
        b.push(e);
        let (ds, _) = b.finish();
        assert_eq!(ds.groups().len(), 2);
        assert_eq!(ds.tags(), ["UN", "Idlib"]);
        let first = ds.event(0).unwrap();
        assert_eq!(first.group(), Some("Diplomacy"));
        assert_eq!(first.tags().collect::<Vec<_>>(), ["UN", "Idlib"]);
        assert_eq!(ds.event(1).unwrap().tag_indices(), [1]);
    }

    #[test]
    fn optional_fields_round_trip_through_the_arena() {
        let mut b = Builder::new();
        let mut e = ev("", "h", 2018);
        e.display_date = "Saturday".into();
        e.media.url = "https://example.org/a.jpg".into();
        e.media.alt = "a photo".into();
        e.source = "SOHR".into();
        b.push(e);
        b.push(ev("", "plain", 2019));
        let (ds, _) = b.finish();
        let e = ds.event(0).unwrap();
        assert_eq!(e.display_date(), Some("Saturday"));
        assert_eq!(e.media().unwrap().alt(), "a photo");
        assert_eq!(e.source(), Some("SOHR"));
        assert_eq!(e.date_label(), "Saturday");
        let p = ds.event(1).unwrap();
        assert!(p.media().is_none() && p.display_date().is_none() && p.source().is_none());
        assert_eq!(p.date_label(), "2019");
    }

    #[test]
    fn the_record_stays_small() {
        // Memory per event is a budget (issue 5): keep the per-event record compact.
        assert!(
            std::mem::size_of::<Record>() <= 96,
            "{}",
            std::mem::size_of::<Record>()
        );
        assert!(std::mem::size_of::<TimePoint>() <= 24);
    }

    #[test]
    fn slug_drops_markup_and_punctuation() {
        assert_eq!(
            slug("...And the <i>women</i> who made it work"),
            "and-the-women-who-made-it-work"
        );
        assert_eq!(slug("İdlib: 19 barrel bombs"), "İdlib-19-barrel-bombs");
        assert_eq!(slug("Rózsa Péter — “recursion”"), "rózsa-péter-recursion");
        assert_eq!(slug("!!!"), "");
    }

    /// The slug as first written, a character at a time: the byte walk must agree with it.
    fn slug_by_chars(text: &str) -> String {
        let (mut out, mut in_tag, mut dash) = (String::new(), false, false);
        for c in text.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                _ if in_tag => {}
                c if c.is_ascii_alphanumeric() || (!c.is_ascii() && !is_punctuation(c)) => {
                    if dash && !out.is_empty() {
                        out.push('-');
                    }
                    dash = false;
                    out.push(c.to_ascii_lowercase());
                    if out.len() >= 60 {
                        break;
                    }
                }
                _ => dash = true,
            }
        }
        out
    }

    #[test]
    fn slug_by_bytes_agrees_with_slug_by_characters() {
        let pieces = [
            "A", "z", "9", " ", "-", "<b>", "</i>", ">", "<", "é", "İ", "—", "\u{a0}", "😀",
            "日本", "\u{feff}", "Ω", "ß", ".", "\u{2009}", "x<y", "NaN",
        ];
        let mut r = 7u64;
        for _ in 0..20_000 {
            let mut t = String::new();
            r = r
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            for k in 0..(r >> 60) * 3 {
                let p = pieces[((r >> (k % 40)) as usize ^ k as usize) % pieces.len()];
                t.push_str(p);
            }
            assert_eq!(slug(&t), slug_by_chars(&t), "{t:?}");
        }
        let long = "Ünïcödé wörds ".repeat(20);
        assert_eq!(slug(&long), slug_by_chars(&long));
    }
}
#[cfg(test)]
mod sort_cost {
    #[test]
    fn the_radix_sort_puts_keys_in_the_standard_sort_s_order() {
        let mut x = 7u64;
        let mut keys: Vec<f64> = (0..200_000)
            .map(|_| {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
                9.46e11 + (x >> 11) as f64 / 2f64.powi(53) * 3.15e11
            })
            .collect();
        // Ties, negatives and deep time keep their order too.
        keys.extend([0.0, -0.0, 0.0, -4.35e20, 4.35e20, -1.0, -1.0]);
        keys.extend_from_within(..1000);
        let o = super::time_order(&keys);
        let mut p: Vec<u32> = (0..keys.len() as u32).collect();
        p.sort_by(|&a, &b| {
            keys[a as usize]
                .total_cmp(&keys[b as usize])
                .then(a.cmp(&b))
        });
        assert_eq!(o, p);
    }

    #[test]
    fn groups_can_be_reordered_and_recoloured_after_loading() {
        let mut ds = crate::parse::parse(
            r#"[{"start":"2001","headline":"a","group":"A"},{"start":"2002","headline":"b","group":"B"},
                {"start":"2003","headline":"c","group":"C"},{"start":"2004","headline":"d"}]"#,
            &crate::parse::Limits::default(),
        )
        .unwrap()
        .dataset;
        let n = ds.arrange_groups(&[
            ("C".into(), Some("#123456".into())),
            ("nope".into(), None),
            (" A ".into(), None),
            ("C".into(), None),
        ]);
        assert_eq!(n, 2);
        let names: Vec<&str> = ds.groups().iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["C", "A", "B"]);
        assert_eq!(ds.groups()[0].color.as_deref(), Some("#123456"));
        // Every event still names its own group.
        let of: Vec<Option<&str>> = (0..4).map(|i| ds.event(i).unwrap().group()).collect();
        assert_eq!(of, [Some("A"), Some("B"), Some("C"), None]);
        assert_eq!(ds.event(2).unwrap().group_index(), Some(0));
    }
}
