//! The sitemap, `sitemap.xml`: every listing page, article, free page and
//! source, and the people index. Reads the number of articles, the
//! articles, pages and sources.

use super::frame::Frame;
use crate::content::{Article, Page, Source};
use crate::error::Result;
use serde::Serialize;

/// What the sitemap lists.
pub struct Reads<'a> {
    /// How many pages the article listing takes.
    pub listing_pages: usize,
    /// The articles.
    pub articles: &'a [Article],
    /// The free pages.
    pub pages: &'a [Page],
    /// The raw sources.
    pub sources: &'a [Source],
}

/// `sitemap.xml`.
pub fn render(f: &Frame, r: &Reads) -> Result<String> {
    f.render("sitemap.xml", &sitemap(f, r))
}

fn sitemap(f: &Frame, r: &Reads) -> Sitemap {
    let abs = |rel: String| f.urls.to_absolute(&rel);
    let mut urls: Vec<String> = (1..=r.listing_pages)
        .map(|n| abs(f.urls.listing(n)))
        .collect();
    urls.extend(r.articles.iter().map(|a| abs(f.urls.article(&a.slug))));
    urls.extend(r.pages.iter().map(|p| abs(f.urls.page(&p.slug))));
    urls.extend(r.sources.iter().map(|s| abs(f.urls.source(&s.name))));
    urls.push(abs(f.urls.people()));
    Sitemap { urls }
}

/// `sitemap.xml`.
#[derive(Debug, Serialize)]
pub struct Sitemap {
    /// Absolute URLs of every page.
    pub urls: Vec<String>,
}
