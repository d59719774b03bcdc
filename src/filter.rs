//! Filtering and search: which events a reader wants to see.
//!
//! At load, [`Index::new`] folds each event's searchable text (headline, text without
//! markup, group, tags) to lowercase without diacritics ("İdlib" → "idlib", "Péter" →
//! "peter") into one buffer, so a keystroke is one substring scan over bytes, and a query
//! that extends the previous one only rescans the previous matches. [`Filter`] combines the
//! kinds with AND (text, groups, tags, dates) and the values within a kind with OR.
//!
//! Folding covers Latin (ASCII, Latin-1, Latin Extended-A), Greek and Cyrillic capitals, and
//! drops combining marks; other scripts match as written. No Unicode tables are linked (they
//! would cost kilobytes of the size budget).

use crate::model::Dataset;
use crate::text::plain_text;

/// Base letters for U+00C0..=U+017F (Latin-1 Supplement letters and Latin Extended-A), in
/// order (generated from the Unicode decompositions; letters without one, like "ø", "ł",
/// "đ", take their base letter); `*` marks those [`fold_char`] folds to two letters.
const LATIN: &[u8; 192] = b"aaaaaa*ceeeeiiiidnooooo*ouuuuyt*aaaaaa*ceeeeiiiidnooooo*ouuuuytyaaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooo**rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/// Appends the folded form of `c` to `out`.
pub fn fold_char(c: char, out: &mut String) {
    let u = c as u32;
    match u {
        0x41..=0x5A => out.push((u as u8 + 32) as char),
        0..=0x7F => out.push(c),
        0xC6 | 0xE6 => out.push_str("ae"),
        0xDF => out.push_str("ss"),
        0xD7 => out.push('×'),
        0xF7 => out.push('÷'),
        0x152 | 0x153 => out.push_str("oe"),
        0xC0..=0x17F => {
            if let Some(&b) = LATIN.get((u - 0xC0) as usize) {
                out.push(b as char);
            }
        }
        // Combining diacritical marks: dropped ("e" + U+0301 matches "é").
        0x300..=0x36F => {}
        // Greek and Cyrillic capitals to lowercase.
        0x391..=0x3A9 => out.push(char::from_u32(u + 32).unwrap_or(c)),
        0x410..=0x42F => out.push(char::from_u32(u + 32).unwrap_or(c)),
        0x400..=0x40F => out.push(char::from_u32(u + 80).unwrap_or(c)),
        // Typographic quotes and dashes match their ASCII forms.
        0x2018 | 0x2019 => out.push('\''),
        0x201C | 0x201D => out.push('"'),
        0x2010..=0x2015 => out.push('-'),
        _ => out.push(c),
    }
}

/// `text` folded for matching: lowercase, without diacritics, whitespace collapsed.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// [`fold`], appended to `out`; ASCII, nearly all of most text, takes a short path.
fn fold_into(text: &str, out: &mut String) {
    let at = out.len();
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = out.len() > at;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            fold_char(c, out);
        }
    }
}

/// The folded text of a rich-text field: its markup and entities are read first, when it
/// has any.
fn fold_rich(text: &str, out: &mut String) {
    if text.contains(['<', '&']) {
        fold_into(&plain_text(text), out);
    } else {
        fold_into(text, out);
    }
}

/// What a reader asked to see. Empty fields do not filter.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    /// Text to find (any case, any accents).
    pub text: String,
    /// Group indices (OR); empty: all groups.
    pub groups: Vec<usize>,
    /// Tag indices (OR); empty: all tags.
    pub tags: Vec<usize>,
    /// Only events that end at or after this time (ms).
    pub from: Option<f64>,
    /// Only events that start at or before this time (ms).
    pub to: Option<f64>,
}

impl Filter {
    /// Whether nothing is filtered.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
            && self.groups.is_empty()
            && self.tags.is_empty()
            && self.from.is_none()
            && self.to.is_none()
    }
}

/// Folded text of every event, and the result of the last search.
#[derive(Debug, Default)]
pub struct Index {
    /// All events' folded text, each followed by a 0 byte.
    text: String,
    /// Where each event's text starts in `text` (one more entry at the end).
    at: Vec<u32>,
    /// The last folded query and the events it matched, for narrowing as a reader types.
    last: Option<(String, Vec<u32>)>,
}

impl Index {
    /// Folds the searchable text of every event in `ds`.
    pub fn new(ds: &Dataset) -> Index {
        let mut index = Index::default();
        index.extend(ds, usize::MAX);
        index
    }

    /// Folds the next `n` events of `ds` (an index is built in slices, so a million events
    /// never hold the page for one long task); true once every event is in. Only a complete
    /// index may be searched.
    pub fn extend(&mut self, ds: &Dataset, n: usize) -> bool {
        if self.complete(ds.len()) {
            return true;
        }
        let (text, at) = (&mut self.text, &mut self.at);
        let from = at.len();
        for e in (from..from.saturating_add(n)).map_while(|i| ds.event(i)) {
            at.push(text.len() as u32);
            // Each field is followed by U+0001, so no match spans two of them.
            fold_rich(e.headline(), text);
            text.push('\u{1}');
            fold_rich(e.text(), text);
            text.push('\u{1}');
            for s in std::iter::once(e.group().unwrap_or("")).chain(e.tags()) {
                fold_into(s, text);
                text.push('\u{1}');
            }
            text.push('\0');
        }
        if at.len() < ds.len() {
            return false;
        }
        at.push(text.len() as u32);
        true
    }

    /// Whether every one of `n` events is in (see [`Index::extend`]).
    pub fn complete(&self, n: usize) -> bool {
        self.at.len() > n
    }

    /// The folded text of event `i`.
    pub fn text_of(&self, i: usize) -> &str {
        let (a, b) = (self.at.get(i), self.at.get(i + 1));
        match (a, b) {
            (Some(&a), Some(&b)) => self.text.get(a as usize..b as usize).unwrap_or(""),
            _ => "",
        }
    }

    /// Events whose text contains the folded `query`, in index order. A query that extends
    /// the previous one searches only its matches.
    pub fn search(&mut self, query: &str) -> &[u32] {
        let q = fold(query.trim());
        let hits = match self.last.take() {
            Some((prev, hits)) if prev == q => hits,
            Some((prev, hits)) if !prev.is_empty() && contains(&q, &prev) => hits
                .into_iter()
                .filter(|&i| contains(self.text_of(i as usize), &q))
                .collect(),
            _ => self.scan(&q),
        };
        self.last = Some((q, hits));
        self.last.as_ref().map_or(&[], |(_, h)| h.as_slice())
    }

    /// Whether the last search was for `query` (its matches are kept).
    pub fn searched(&self, query: &str) -> bool {
        self.last
            .as_ref()
            .is_some_and(|(q, _)| *q == fold(query.trim()))
    }

    /// Every event whose text contains `q`: one pass over the buffer, each hit jumping to
    /// the next event.
    fn scan(&self, q: &str) -> Vec<u32> {
        let mut hits = Vec::new();
        if q.is_empty() {
            return hits;
        }
        let bytes = self.text.as_bytes();
        let (mut from, mut i) = (0, 0);
        while let Some(k) = find(bytes.get(from..).unwrap_or(&[]), q.as_bytes()) {
            let pos = from + k;
            // Hits come in order: step to the event holding this one (usually the next).
            while self.at.get(i + 1).is_some_and(|&a| a as usize <= pos) {
                i += 1;
            }
            hits.push(i as u32);
            from = self.at.get(i + 1).map_or(bytes.len(), |&a| a as usize);
        }
        hits
    }
}

fn contains(hay: &str, needle: &str) -> bool {
    find(hay.as_bytes(), needle.as_bytes()).is_some()
}

/// First position of `needle` in `hay` (bytes; the needle is non-empty).
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        let k = hay.get(i..)?.iter().position(|&b| b == first)?;
        i += k;
        if hay.get(i + 1..i + needle.len())? == rest {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// What a filter lets through.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    /// One flag per event (time order).
    pub keep: Vec<bool>,
    /// How many flags are set.
    pub count: usize,
    /// Per group: the events of that group that the other kinds (text, tags, dates) let
    /// through, which is how many a reader would see by choosing only that group.
    pub groups: Vec<u32>,
    /// Per tag: the same with text, groups and dates.
    pub tags: Vec<u32>,
}

/// Which events pass `f`, and the counts a reader's group and tag choices would give. One
/// pass over the events after the text search.
pub fn apply(ds: &Dataset, index: &mut Index, f: &Filter) -> Outcome {
    let n = ds.len();
    let mut keep = vec![true; n];
    if f.text.trim().is_empty() {
        index.last = None;
    } else {
        keep.fill(false);
        for &i in index.search(&f.text) {
            if let Some(k) = keep.get_mut(i as usize) {
                *k = true;
            }
        }
    }
    let mut groups = vec![0u32; ds.groups().len()];
    let mut tags = vec![0u32; ds.tags().len()];
    let (starts, ends) = (ds.starts(), ds.ends());
    let mut count = 0;
    for (i, e) in ds.events().enumerate() {
        let Some(k) = keep.get_mut(i) else { break };
        let s = starts.get(i).copied().unwrap_or(0.0);
        let end = ends.get(i).copied().unwrap_or(s);
        // Text and dates bind every count; groups and tags bind each other's.
        if !*k || f.from.is_some_and(|from| end < from) || f.to.is_some_and(|to| s > to) {
            *k = false;
            continue;
        }
        let g = e.group_index();
        let in_group = f.groups.is_empty() || g.is_some_and(|g| f.groups.contains(&g));
        let t = e.tag_indices();
        let in_tags = f.tags.is_empty() || t.iter().any(|&t| f.tags.contains(&(t as usize)));
        if in_tags {
            if let Some(c) = g.and_then(|g| groups.get_mut(g)) {
                *c += 1;
            }
        }
        if in_group {
            for &t in t {
                if let Some(c) = tags.get_mut(t as usize) {
                    *c += 1;
                }
            }
        }
        *k = in_group && in_tags;
        count += usize::from(*k);
    }
    Outcome {
        keep,
        count,
        groups,
        tags,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{parse, Limits};

    #[test]
    fn an_index_knows_which_search_it_kept() {
        let d = ds(r#"[{"start":"2018","headline":"İdlib"},{"start":"2019","headline":"Hama"}]"#);
        let mut index = Index::new(&d);
        assert!(!index.searched("idlib"));
        assert_eq!(index.search(" IDLIB "), [0]);
        assert!(index.searched("İdlib") && !index.searched("hama"));
        apply(&d, &mut index, &Filter::default());
        assert!(
            !index.searched("idlib"),
            "an empty filter forgets the search"
        );
    }

    #[test]
    fn find_agrees_with_a_plain_search() {
        let hay = b"aleppo\x01al ep po\x01appleppo aleppoo\x00ppp aleppo 12 \xc3\xa9t\xc3\xa9";
        for needle in [
            &b"aleppo"[..],
            b"a",
            b"p",
            b"pp",
            b"ppo",
            b"o\x01",
            b"\xc3\xa9t",
            b"12 ",
            b"zzz",
            b"",
            b"aleppo 12 \xc3\xa9t\xc3\xa9",
            b"aleppo 12 \xc3\xa9t\xc3\xa9!",
        ] {
            for from in 0..hay.len() {
                let h = &hay[from..];
                let want = (!needle.is_empty())
                    .then(|| h.windows(needle.len()).position(|w| w == needle))
                    .flatten();
                assert_eq!(find(h, needle), want, "{needle:?} from {from}");
            }
        }
    }

    fn ds(json: &str) -> Dataset {
        parse(json, &Limits::default()).unwrap().dataset
    }

    #[test]
    fn folding_ignores_case_and_accents() {
        assert_eq!(fold("İdlib"), "idlib");
        assert_eq!(fold("Péter Ölçer"), "peter olcer");
        assert_eq!(fold("ÆSIR Straße œuvre"), "aesir strasse oeuvre");
        assert_eq!(fold("Łódź Đakovo Ħamrun"), "lodz dakovo hamrun");
        assert_eq!(fold("e\u{301}te\u{301}"), "ete", "combining marks");
        assert_eq!(fold("ΑΘΗΝΑ Москва"), "αθηνα москва");
        assert_eq!(
            fold("  “de-escalation”\u{2014}zone  "),
            "\"de-escalation\"-zone"
        );
        assert_eq!(fold("ÿ ı 中文"), "y i 中文");
        // Every Latin letter folds to ASCII.
        for u in 0xC0..=0x17Fu32 {
            let c = char::from_u32(u).unwrap();
            if c.is_alphabetic() {
                let f = fold(&c.to_string());
                assert!(f.is_ascii() && !f.is_empty(), "{c} → {f}");
                assert_eq!(f, fold(&c.to_lowercase().to_string()), "{c}");
            }
        }
    }

    const DATA: &str = r#"{"events": [
        {"start": "2018-09-01", "headline": "Air raids on <b>İdlib</b>", "group": "Air strikes", "tags": ["Idlib", "Russia"]},
        {"start": "2018-09-05", "headline": "Talks", "text": "<p>Péter meets envoys</p>", "group": "Diplomacy", "tags": ["Iran"]},
        {"start": "2018-09-07", "end": "2018-09-20", "headline": "Summit in Tehran", "group": "Diplomacy", "tags": ["Iran", "Russia"]},
        {"start": "2018-10-01", "headline": "Ceasefire", "tags": ["Idlib"]}
    ]}"#;

    fn names(ds: &Dataset, keep: &[bool]) -> Vec<String> {
        (0..ds.len())
            .filter(|&i| keep[i])
            .map(|i| ds.event(i).unwrap().headline().to_string())
            .collect()
    }

    #[test]
    fn text_search_covers_headline_text_group_and_tags() {
        let d = ds(DATA);
        let mut ix = Index::new(&d);
        let f = |t: &str| Filter {
            text: t.into(),
            ..Filter::default()
        };
        let Outcome { keep, count: n, .. } = apply(&d, &mut ix, &f("idlib"));
        assert_eq!(
            (n, names(&d, &keep)),
            (
                2,
                vec!["Air raids on <b>İdlib</b>".to_string(), "Ceasefire".into()]
            )
        );
        assert_eq!(
            apply(&d, &mut ix, &f("PETER")).count,
            1,
            "text without markup"
        );
        assert_eq!(apply(&d, &mut ix, &f("diplomacy")).count, 2, "group");
        assert_eq!(apply(&d, &mut ix, &f("russia")).count, 2, "tags");
        assert_eq!(apply(&d, &mut ix, &f("<b>")).count, 0, "markup is not text");
        assert_eq!(apply(&d, &mut ix, &f("  ")).count, 4, "blank matches all");
        assert_eq!(apply(&d, &mut ix, &f("zzz")).count, 0);
    }

    #[test]
    fn an_index_built_in_slices_is_the_index_built_at_once() {
        let d = ds(DATA);
        let whole = Index::new(&d);
        let mut sliced = Index::default();
        let mut steps = 0;
        while !sliced.extend(&d, 1) {
            steps += 1;
            assert!(steps < 10, "never completes");
        }
        assert_eq!(steps, d.len() - 1, "one event per slice");
        assert!(sliced.extend(&d, 1), "stays complete");
        assert_eq!((&sliced.text, &sliced.at), (&whole.text, &whole.at));
        // Field by field, as folding each field's plain text gives it.
        let mut expected = String::new();
        for e in d.events() {
            for f in [plain_text(e.headline()), plain_text(e.text())]
                .into_iter()
                .chain([e.group().unwrap_or("").to_string()])
                .chain(e.tags().map(String::from))
            {
                expected.push_str(&fold(&f));
                expected.push('\u{1}');
            }
            expected.push('\0');
        }
        assert_eq!(whole.text, expected);
        assert_eq!(sliced.search("idlib"), [0, 3]);
        let mut empty = Index::default();
        assert!(empty.extend(&Dataset::default(), 5));
        assert_eq!(empty.search("x"), [] as [u32; 0]);
    }

    #[test]
    fn typing_narrows_and_editing_widens_again() {
        let d = ds(DATA);
        let mut ix = Index::new(&d);
        assert_eq!(ix.search("t").len(), 3);
        assert_eq!(
            ix.search("ta").len(),
            1,
            "narrowed from the previous matches"
        );
        assert_eq!(ix.search("tal").len(), 1);
        assert_eq!(ix.search("te").len(), 2, "not an extension: a full search");
        assert_eq!(ix.search("Te").len(), 2);
    }

    #[test]
    fn kinds_combine_with_and_values_with_or() {
        let d = ds(DATA);
        let mut ix = Index::new(&d);
        let g = |name: &str| d.groups().iter().position(|g| g.name == name).unwrap();
        let t = |name: &str| d.tags().iter().position(|t| t == name).unwrap();
        let mut f = Filter {
            groups: vec![g("Diplomacy"), g("Air strikes")],
            ..Filter::default()
        };
        assert_eq!(apply(&d, &mut ix, &f).count, 3, "either group");
        f.tags = vec![t("Russia")];
        assert_eq!(apply(&d, &mut ix, &f).count, 2, "and the tag");
        f.tags.push(t("Iran"));
        assert_eq!(apply(&d, &mut ix, &f).count, 3, "either tag");
        f.text = "summit".into();
        assert_eq!(apply(&d, &mut ix, &f).count, 1, "and the text");
        // Dates: an event shows if any of it falls in the window.
        let day = |s: &str| crate::model::parse_iso(s).unwrap().ms();
        let f = Filter {
            from: Some(day("2018-09-10")),
            to: Some(day("2018-09-30")),
            ..Filter::default()
        };
        let Outcome { keep, count: n, .. } = apply(&d, &mut ix, &f);
        assert_eq!(
            (n, names(&d, &keep)),
            (1, vec!["Summit in Tehran".to_string()])
        );
        assert!(!f.is_empty() && Filter::default().is_empty());
    }

    #[test]
    fn chip_counts_say_what_choosing_each_would_show() {
        let d = ds(DATA);
        let mut ix = Index::new(&d);
        let g = |name: &str| d.groups().iter().position(|g| g.name == name).unwrap();
        let t = |name: &str| d.tags().iter().position(|t| t == name).unwrap();
        let by_name = |o: &Outcome| {
            let gs: Vec<_> = d.groups().iter().map(|x| o.groups[g(&x.name)]).collect();
            let ts: Vec<_> = d.tags().iter().map(|x| o.tags[t(x)]).collect();
            (gs, ts)
        };
        // Groups in author order [Air strikes, Diplomacy]; tags [Idlib, Russia, Iran].
        let all = apply(&d, &mut ix, &Filter::default());
        assert_eq!((all.count, by_name(&all)), (4, (vec![1, 2], vec![2, 2, 2])));
        // Choosing a group keeps the other groups' counts (they would add to it) and narrows
        // the tags' counts to that group.
        let f = Filter {
            groups: vec![g("Diplomacy")],
            ..Filter::default()
        };
        let o = apply(&d, &mut ix, &f);
        assert_eq!((o.count, by_name(&o)), (2, (vec![1, 2], vec![0, 1, 2])));
        // Text narrows every count.
        let f = Filter {
            text: "tehran".into(),
            ..Filter::default()
        };
        let o = apply(&d, &mut ix, &f);
        assert_eq!((o.count, by_name(&o)), (1, (vec![0, 1], vec![0, 1, 1])));
        // A tag narrows the groups' counts.
        let f = Filter {
            tags: vec![t("Idlib")],
            ..Filter::default()
        };
        let o = apply(&d, &mut ix, &f);
        assert_eq!((o.count, by_name(&o)), (2, (vec![1, 0], vec![2, 2, 2])));
    }

    #[test]
    fn search_over_many_events_finds_each_once() {
        let mut json = String::from(r#"{"events":["#);
        for i in 0..5000 {
            if i > 0 {
                json.push(',');
            }
            json.push_str(&format!(
                r#"{{"start":"2000-01-01","headline":"Event {i} Zürich zurich","tags":["t{}"]}}"#,
                i % 7
            ));
        }
        json.push_str("]}");
        let d = ds(&json);
        let mut ix = Index::new(&d);
        assert_eq!(
            ix.search("zurich").len(),
            5000,
            "two matches in one event count once"
        );
        assert_eq!(ix.search("event 4999 ").len(), 1);
        assert_eq!(
            ix.search("t3").len(),
            (0..5000).filter(|i| i % 7 == 3).count()
        );
    }
}
