//! The names of the site's output files: [`PageKey`] names one file,
//! [`PageKind`] the kind of page it is (one renderer each). Where a file is
//! linked and where it is written both come from [`Urls`]: [`PageKey::url`]
//! is the one place a key meets the URL scheme, and [`PageKey::path`] is
//! derived from it.

use crate::ids::{Slug, SourceName, TermId};
use crate::site::search::SearchFile;
use crate::url::Urls;

/// One output file of the site.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageKey {
    /// `index.html`: the first page of the article listing.
    Home,
    /// `page/<n>/index.html`: page `n` ≥ 2 of the article listing.
    Listing(usize),
    /// `articles/<slug>/index.html`.
    Article(Slug),
    /// `<slug>/index.html` (a free page).
    Page(Slug),
    /// `sources/<name>/index.html`.
    Source(SourceName),
    /// `glossary/index.html`.
    Glossary,
    /// `glossary/<id>/index.html`.
    Term(TermId),
    /// `glossary/<id>/page/<n>/index.html`: page `n` ≥ 2 of a term's
    /// occurrences.
    TermPage(TermId, usize),
    /// `404.html`.
    NotFound,
    /// `atom.xml`.
    Feed,
    /// `sitemap.xml`.
    Sitemap,
    /// `robots.txt`.
    Robots,
    /// `.nojekyll`.
    NoJekyll,
    /// `static/highlight.css`.
    HighlightCss,
    /// `search/index.html`.
    Search,
    /// A file of the search index under `search/`.
    SearchIndex(SearchFile),
    /// `people/index.html`: officials and authors (issue 8).
    People,
}

/// The kinds of page, one renderer each (a file under `site/pages/`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageKind {
    /// The article listing, home page included (`listing.rs`).
    Listing,
    /// An article (`article.rs`).
    Article,
    /// A free page (`free_page.rs`).
    FreePage,
    /// A raw source (`source.rs`).
    Source,
    /// The glossary index (`glossary.rs`).
    Glossary,
    /// A term's pages (`term.rs`).
    Term,
    /// The 404 page (`not_found.rs`).
    NotFound,
    /// The Atom feed (`feed.rs`).
    Feed,
    /// The sitemap (`sitemap.rs`).
    Sitemap,
    /// `robots.txt`, `.nojekyll` and the highlighting stylesheet
    /// (`plain.rs`).
    Plain,
    /// The search page (`search_page.rs`).
    Search,
    /// A file of the search index, built by [`crate::site::search`].
    SearchIndex,
    /// The people index (`people.rs`).
    People,
}

impl PageKind {
    /// Every kind, in the order pages are listed.
    pub const ALL: [PageKind; 13] = [
        PageKind::Listing,
        PageKind::Article,
        PageKind::FreePage,
        PageKind::Source,
        PageKind::Glossary,
        PageKind::Term,
        PageKind::NotFound,
        PageKind::Feed,
        PageKind::Sitemap,
        PageKind::Plain,
        PageKind::Search,
        PageKind::SearchIndex,
        PageKind::People,
    ];
}

impl PageKey {
    /// The kind of page this is: which renderer makes it.
    pub fn kind(&self) -> PageKind {
        match self {
            PageKey::Home | PageKey::Listing(_) => PageKind::Listing,
            PageKey::Article(_) => PageKind::Article,
            PageKey::Page(_) => PageKind::FreePage,
            PageKey::Source(_) => PageKind::Source,
            PageKey::Glossary => PageKind::Glossary,
            PageKey::Term(_) | PageKey::TermPage(..) => PageKind::Term,
            PageKey::NotFound => PageKind::NotFound,
            PageKey::Feed => PageKind::Feed,
            PageKey::Sitemap => PageKind::Sitemap,
            PageKey::Robots | PageKey::NoJekyll | PageKey::HighlightCss => PageKind::Plain,
            PageKey::Search => PageKind::Search,
            PageKey::SearchIndex(_) => PageKind::SearchIndex,
            PageKey::People => PageKind::People,
        }
    }

    /// The page's root-relative URL, made by `urls`: the one definition
    /// of where the page is, for links and for the file alike.
    pub fn url(&self, urls: &Urls) -> String {
        match self {
            PageKey::Home => urls.home(),
            PageKey::Listing(n) => urls.listing(*n),
            PageKey::Article(s) => urls.article(s),
            PageKey::Page(s) => urls.page(s),
            PageKey::Source(n) => urls.source(n),
            PageKey::Glossary => urls.glossary(),
            PageKey::Term(t) => urls.term(t),
            PageKey::TermPage(t, n) => urls.term_page(t, *n),
            PageKey::NotFound => urls.not_found(),
            PageKey::Feed => urls.feed(),
            PageKey::Sitemap => urls.sitemap(),
            PageKey::Robots => urls.robots(),
            PageKey::NoJekyll => urls.nojekyll(),
            PageKey::HighlightCss => urls.highlight_css(),
            PageKey::Search => urls.search(),
            PageKey::SearchIndex(f) => f.url(urls),
            PageKey::People => urls.people(),
        }
    }

    /// The output path, relative to `public/`: the file that serves
    /// [`Self::url`].
    pub fn path(&self) -> String {
        let root = Urls::site_root();
        root.file_of(&self.url(root)).unwrap_or_default()
    }

    /// The template the page is rendered with, if any.
    pub fn template(&self) -> Option<&'static str> {
        match self {
            PageKey::Home | PageKey::Listing(_) => Some("index.html"),
            PageKey::Article(_) => Some("article.html"),
            PageKey::Page(_) => Some("page.html"),
            PageKey::Source(_) => Some("source.html"),
            PageKey::Glossary => Some("glossary.html"),
            PageKey::Term(_) | PageKey::TermPage(..) => Some("term.html"),
            PageKey::NotFound => Some("404.html"),
            PageKey::Feed => Some("atom.xml"),
            PageKey::Sitemap => Some("sitemap.xml"),
            PageKey::Search => Some("search.html"),
            PageKey::People => Some("people.html"),
            PageKey::Robots
            | PageKey::NoJekyll
            | PageKey::HighlightCss
            | PageKey::SearchIndex(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::BaseUrl;

    /// A key of every variant, so a new one must be added here (the match
    /// in `every_variant_is_listed` fails to compile otherwise).
    fn one_of_each() -> Vec<PageKey> {
        let slug = Slug::new("qing-lian").unwrap();
        let term = TermId::new("885").unwrap();
        vec![
            PageKey::Home,
            PageKey::Listing(2),
            PageKey::Article(slug.clone()),
            PageKey::Page(Slug::new("about").unwrap()),
            PageKey::Source(SourceName::new("cqrb-2025-01-02").unwrap()),
            PageKey::Glossary,
            PageKey::Term(term.clone()),
            PageKey::TermPage(term, 3),
            PageKey::NotFound,
            PageKey::Feed,
            PageKey::Sitemap,
            PageKey::Robots,
            PageKey::NoJekyll,
            PageKey::HighlightCss,
            PageKey::Search,
            PageKey::SearchIndex(SearchFile::Meta),
            PageKey::SearchIndex(SearchFile::Articles),
            PageKey::SearchIndex(SearchFile::Postings(7)),
            PageKey::SearchIndex(SearchFile::Text(2)),
            PageKey::People,
        ]
    }

    #[test]
    fn every_variant_is_listed() {
        let kinds: std::collections::BTreeSet<PageKind> =
            one_of_each().iter().map(PageKey::kind).collect();
        assert_eq!(kinds.len(), PageKind::ALL.len());
        for key in one_of_each() {
            match key {
                PageKey::Home
                | PageKey::Listing(_)
                | PageKey::Article(_)
                | PageKey::Page(_)
                | PageKey::Source(_)
                | PageKey::Glossary
                | PageKey::Term(_)
                | PageKey::TermPage(..)
                | PageKey::NotFound
                | PageKey::Feed
                | PageKey::Sitemap
                | PageKey::Robots
                | PageKey::NoJekyll
                | PageKey::HighlightCss
                | PageKey::Search
                | PageKey::SearchIndex(_)
                | PageKey::People => {}
            }
        }
    }

    /// For every kind of page, the file written is the file a link to the
    /// page reaches, at a root and under a sub-path.
    #[test]
    fn written_paths_are_the_linked_urls() {
        for base in ["https://example.org", "https://user.github.io/repo/"] {
            let urls = Urls::new(BaseUrl::parse(base).unwrap());
            for key in one_of_each() {
                let url = key.url(&urls);
                assert_eq!(urls.file_of(&url), Some(key.path()), "{key:?} at {base}");
            }
        }
    }

    #[test]
    fn paths_follow_the_url_scheme() {
        let paths: Vec<String> = one_of_each().iter().map(PageKey::path).collect();
        assert_eq!(
            paths,
            [
                "index.html",
                "page/2/index.html",
                "articles/qing-lian/index.html",
                "about/index.html",
                "sources/cqrb-2025-01-02/index.html",
                "glossary/index.html",
                "glossary/885/index.html",
                "glossary/885/page/3/index.html",
                "404.html",
                "atom.xml",
                "sitemap.xml",
                "robots.txt",
                ".nojekyll",
                "static/highlight.css",
                "search/index.html",
                "search/meta.json",
                "search/articles.json",
                "search/p/7.json",
                "search/t/2.json",
                "people/index.html",
            ]
        );
    }
}
