//! The article listing: the home page (`index.html`) and its later pages
//! (`page/<n>/`), [`ARTICLES_PER_LISTING`] articles each, arranged into
//! leads and briefs ([`super::home`]); the first page also shows the
//! fragments, the most used terms and the articles by column.

use super::frame::Frame;
use super::pagination::pagination;
use super::terms::TermCounts;
use super::{home, translation};
use crate::content::{Article, Translation};
use crate::error::Result;
use crate::glossary::ArticleText;
use crate::render::context::{ArticleSummary, ColumnGroup, IndexPage, COLUMN_PREVIEW};
use crate::url::Urls;
use std::collections::BTreeMap;

/// Articles per page of the article listing (the home page and
/// `/page/<n>/`): no listing grows with the edition.
pub const ARTICLES_PER_LISTING: usize = 50;

/// How many pages the article listing of `articles` articles takes.
pub fn listing_pages(articles: usize) -> usize {
    articles.div_ceil(ARTICLES_PER_LISTING).max(1)
}

/// How many fragments the home page lists.
const FRAGMENT_PREVIEW: usize = 20;

/// What the article listing reads.
pub struct Reads<'a> {
    /// `title` from site.yaml.
    pub title: &'a str,
    /// Every article, newest first.
    pub articles: &'a [Article],
    /// The translations (the listing's badges).
    pub translations: &'a [Translation],
    /// The articles' plain text (summaries from the opening sentence).
    pub corpus: &'a [ArticleText],
    /// The glossary and its counts (the most used terms).
    pub terms: TermCounts<'a>,
    /// Every link.
    pub urls: &'a Urls,
}

/// Page `n` (from 1) of the article listing; the first is the home page.
pub fn render(f: &Frame, r: &Reads, n: usize) -> Result<String> {
    r.page(f, n)
}

/// True for a fragment (残篇): listed on its own, not among the articles.
/// A box with a host is its host's, not a fragment.
fn is_fragment(a: &Article) -> bool {
    a.meta.kind == Some(crate::content::ArticleKind::Fragment) && a.meta.host.is_none()
}

impl Reads<'_> {
    /// How many pages the listing takes (at least 1).
    pub fn pages(&self) -> usize {
        listing_pages(self.articles.len())
    }

    /// Page `n` (from 1) of the article listing; the first is the home
    /// page and also shows the top terms and the columns.
    fn page(&self, f: &Frame, n: usize) -> Result<String> {
        let first = n == 1;
        let mut title = self.title.to_string();
        if !first {
            title = format!("{title}（第 {n} 页）");
        }
        let range =
            (n - 1) * ARTICLES_PER_LISTING..self.articles.len().min(n * ARTICLES_PER_LISTING);
        // Fragments and hosted boxes are listed apart (issue 17).
        let shown: Vec<usize> = range
            .filter(|&i| {
                let a = &self.articles[i];
                !is_fragment(a) && a.meta.host.is_none()
            })
            .collect();
        let articles: Vec<ArticleSummary> = (shown.iter())
            .map(|&i| ArticleSummary {
                translation: translation::english(self.translations, &self.articles[i].slug)
                    .map(translation::badge),
                ..self.summary_with_lead(i)
            })
            .collect();
        let (lead_groups, briefs) =
            home::arrange(shown.iter().map(|&i| &self.articles[i]).zip(&articles));
        let ctx = IndexPage {
            site: &f.view,
            page: f.meta(&title, String::new(), &self.urls.listing(n), "index"),
            lead_groups,
            briefs,
            articles,
            fragments: if first { self.fragments() } else { Vec::new() },
            fragments_total: self.articles.iter().filter(|a| is_fragment(a)).count(),
            top_terms: if first {
                self.terms.top(24)
            } else {
                Vec::new()
            },
            columns: if first { self.columns() } else { Vec::new() },
            pagination: pagination(|k| self.urls.listing(k), n, self.pages()),
        };
        f.render("index.html", &ctx)
    }

    /// Article `i`'s listing entry, with a one-line summary: the editor's,
    /// or the body's opening sentence.
    fn summary_with_lead(&self, i: usize) -> ArticleSummary {
        let mut s = ArticleSummary::new(&self.articles[i], self.urls);
        if s.summary.is_none() {
            let paragraphs = self.corpus[i].paragraphs.iter().map(|p| p.text.as_str());
            s.summary = home::lead_summary(paragraphs, &s.title);
        }
        s
    }

    /// The newest fragments, for the home page's own section.
    fn fragments(&self) -> Vec<ArticleSummary> {
        self.articles
            .iter()
            .filter(|a| is_fragment(a))
            .take(FRAGMENT_PREVIEW)
            .map(|a| ArticleSummary::new(a, self.urls))
            .collect()
    }

    /// Articles grouped by column, columns sorted by name.
    fn columns(&self) -> Vec<ColumnGroup> {
        let mut map: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, a) in self.articles.iter().enumerate() {
            if let Some(c) = &a.meta.column {
                map.entry(c.as_str()).or_default().push(i);
            }
        }
        map.into_iter()
            .enumerate()
            .map(|(n, (name, articles))| ColumnGroup {
                name: name.to_string(),
                anchor: format!("column-{}", n + 1),
                count: articles.len(),
                more: articles.len().saturating_sub(COLUMN_PREVIEW),
                articles: translation::summaries(
                    articles[..articles.len().min(COLUMN_PREVIEW)]
                        .iter()
                        .map(|&i| &self.articles[i]),
                    self.translations,
                    self.urls,
                ),
            })
            .collect()
    }
}
