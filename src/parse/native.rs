//! Timescope's native JSON format, as written by `timescope convert`.
//!
//! A view that borrows a [`Dataset`] and serializes as the format [`crate::parse::parse`]
//! reads back: ISO 8601 dates at the authored precision, plain `headline`/`text`, `tags`,
//! groups with colours, eras. The README documents the format.

use crate::model::{Dataset, MediaRef, Scale};
use serde::Serialize;

fn is_empty(s: &&str) -> bool {
    s.is_empty()
}

/// The whole document.
#[derive(Serialize, Debug)]
pub struct Document<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<TitleOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scale: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    groups: Vec<GroupOut<'a>>,
    events: Vec<EventOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    eras: Vec<EraOut<'a>>,
}

#[derive(Serialize, Debug)]
struct TitleOut<'a> {
    #[serde(skip_serializing_if = "is_empty")]
    headline: &'a str,
    #[serde(skip_serializing_if = "is_empty")]
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    media: Option<MediaOut<'a>>,
}

#[derive(Serialize, Debug)]
struct GroupOut<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    color: Option<&'a str>,
}

#[derive(Serialize, Debug, Default)]
struct MediaOut<'a> {
    #[serde(skip_serializing_if = "is_empty")]
    url: &'a str,
    #[serde(skip_serializing_if = "is_empty")]
    caption: &'a str,
    #[serde(skip_serializing_if = "is_empty")]
    credit: &'a str,
    #[serde(skip_serializing_if = "is_empty")]
    thumbnail: &'a str,
    #[serde(skip_serializing_if = "is_empty")]
    alt: &'a str,
    #[serde(skip_serializing_if = "is_empty")]
    title: &'a str,
    #[serde(skip_serializing_if = "is_empty")]
    link: &'a str,
}

impl<'a> From<MediaRef<'a>> for MediaOut<'a> {
    fn from(m: MediaRef<'a>) -> MediaOut<'a> {
        MediaOut {
            url: m.url(),
            caption: m.caption(),
            credit: m.credit(),
            thumbnail: m.thumbnail(),
            alt: m.alt(),
            title: m.title(),
            link: m.link(),
        }
    }
}

#[derive(Serialize, Debug)]
struct EventOut<'a> {
    id: std::borrow::Cow<'a, str>,
    start: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_date: Option<&'a str>,
    #[serde(skip_serializing_if = "is_empty")]
    headline: &'a str,
    #[serde(skip_serializing_if = "is_empty")]
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    media: Option<MediaOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    background: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
}

#[derive(Serialize, Debug)]
struct EraOut<'a> {
    start: String,
    end: String,
    headline: &'a str,
    #[serde(skip_serializing_if = "is_empty")]
    text: &'a str,
}

/// The native document for a dataset, ready to serialize.
pub fn document(ds: &Dataset) -> Document<'_> {
    Document {
        title: ds.title().map(|t| TitleOut {
            headline: &t.headline,
            text: &t.text,
            media: t.media.as_ref().map(|m| MediaOut {
                url: &m.url,
                caption: &m.caption,
                credit: &m.credit,
                thumbnail: &m.thumbnail,
                alt: &m.alt,
                title: &m.title,
                link: &m.link,
            }),
        }),
        scale: (ds.scale() == Scale::Cosmological).then_some("cosmological"),
        groups: ds
            .groups()
            .iter()
            .map(|g| GroupOut {
                name: &g.name,
                color: g.color.as_deref(),
            })
            .collect(),
        events: ds
            .events()
            .map(|e| EventOut {
                id: e.id(),
                start: e.start().iso(),
                end: e.end().map(|p| p.iso()),
                display_date: e.display_date(),
                headline: e.headline(),
                text: e.text(),
                group: e.group(),
                tags: e.tags().collect(),
                media: e.media().map(MediaOut::from),
                background: e.background(),
                source: e.source(),
            })
            .collect(),
        eras: ds
            .eras()
            .iter()
            .map(|e| EraOut {
                start: e.start.iso(),
                end: e.end.iso(),
                headline: &e.headline,
                text: &e.text,
            })
            .collect(),
    }
}
