//! The Atom feed, `atom.xml`: the newest dated articles, each with its
//! English translation if it has one. Reads the articles, the
//! translations and `feed_limit` from site.yaml.

use super::frame::Frame;
use super::translation;
use crate::content::{Article, Translation};
use crate::error::Result;
use crate::render::context::{Printed, SiteView};
use serde::Serialize;

/// `atom.xml`, of the newest `limit` dated `articles`.
pub fn render(
    f: &Frame,
    articles: &[Article],
    translations: &[Translation],
    limit: usize,
) -> Result<String> {
    f.render("atom.xml", &feed(f, articles, translations, limit))
}

fn feed<'f>(
    f: &'f Frame,
    articles: &[Article],
    translations: &[Translation],
    limit: usize,
) -> Feed<'f> {
    let entries: Vec<FeedEntry> = articles
        .iter()
        .filter(|a| a.meta.date.is_some())
        .take(limit)
        .map(|a| FeedEntry {
            title: a.meta.title.clone(),
            url: f.urls.to_absolute(&f.urls.article(&a.slug)),
            updated: a.meta.date.map(|d| d.rfc3339()).unwrap_or_default(),
            authors: a.meta.authors.clone(),
            printed: a.meta.source.as_ref().and_then(Printed::of),
            summary: a
                .meta
                .summary
                .clone()
                .unwrap_or_else(|| a.meta.subtitle.clone().unwrap_or_default()),
            translation: translation::english(translations, &a.slug).map(|t| FeedTranslation {
                title: t.meta.title.clone(),
                url: translation::url(f.urls, a),
                status: t.meta.status.key(),
            }),
        })
        .collect();
    let updated = entries
        .iter()
        .map(|e| e.updated.clone())
        .max()
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    Feed {
        site: &f.view,
        feed_url: f.urls.to_absolute(&f.urls.feed()),
        updated,
        entries,
    }
}

/// `atom.xml`.
#[derive(Debug, Serialize)]
pub struct Feed<'a> {
    /// Site-wide variables.
    pub site: &'a SiteView,
    /// The feed's own absolute URL.
    pub feed_url: String,
    /// Newest entry date (RFC 3339).
    pub updated: String,
    /// Newest dated articles.
    pub entries: Vec<FeedEntry>,
}

/// One feed entry.
#[derive(Debug, Serialize)]
pub struct FeedEntry {
    /// Headline.
    pub title: String,
    /// Absolute URL.
    pub url: String,
    /// RFC 3339 date.
    pub updated: String,
    /// Author names.
    pub authors: Vec<String>,
    /// Summary or subtitle.
    pub summary: String,
    /// Where it was printed.
    pub printed: Option<Printed>,
    /// The English translation, if there is one (issue 19).
    pub translation: Option<FeedTranslation>,
}

/// A feed entry's English translation.
#[derive(Debug, Serialize)]
pub struct FeedTranslation {
    /// The English title.
    pub title: String,
    /// Absolute URL opening the article in English.
    pub url: String,
    /// `draft` or `reviewed`.
    pub status: &'static str,
}
