//! The one place internal URLs are built.
//!
//! Every link in every page goes through [`Urls`], which knows the site's
//! [`BaseUrl`]. Links are root-relative (`/repo/articles/x/`), so the same
//! output works on any host as long as the sub-path is right; feeds,
//! sitemaps and canonical links use [`Urls::absolute`]. Directory URLs always
//! end in `/`.

use crate::config::BaseUrl;
use crate::ids::{ParagraphId, Slug, SourceName, TermId};

/// Builds internal links for one base URL.
#[derive(Debug, Clone)]
pub struct Urls {
    base: BaseUrl,
}

impl Urls {
    /// Links for a site published at `base`.
    pub fn new(base: BaseUrl) -> Self {
        Urls { base }
    }

    /// The base URL the links are built for.
    pub fn base(&self) -> &BaseUrl {
        &self.base
    }

    /// A root-relative link to `path`, a path inside the site such as
    /// `articles/x/` or `/static/site.css`.
    pub fn path(&self, path: &str) -> String {
        format!("{}{}", self.base.path(), path.trim_start_matches('/'))
    }

    /// The absolute URL of `path` (for feeds, sitemaps, canonical links).
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{}", self.base.origin(), self.path(path))
    }

    /// The absolute form of a root-relative link built by this `Urls`.
    pub fn to_absolute(&self, root_relative: &str) -> String {
        format!("{}{}", self.base.origin(), root_relative)
    }

    /// The home page.
    pub fn home(&self) -> String {
        self.path("")
    }

    /// Page `n` of the article listing: the home page for 1, else
    /// `/page/<n>/`.
    pub fn listing(&self, n: usize) -> String {
        if n <= 1 {
            self.home()
        } else {
            self.path(&format!("page/{n}/"))
        }
    }

    /// An article page.
    pub fn article(&self, slug: &Slug) -> String {
        self.path(&format!("articles/{slug}/"))
    }

    /// A paragraph of an article.
    pub fn paragraph(&self, slug: &Slug, p: ParagraphId) -> String {
        format!("{}#{p}", self.article(slug))
    }

    /// The glossary index.
    pub fn glossary(&self) -> String {
        self.path("glossary/")
    }

    /// A term page.
    pub fn term(&self, id: &TermId) -> String {
        self.path(&format!("glossary/{id}/"))
    }

    /// The people index: officials the texts name, and authors.
    pub fn people(&self) -> String {
        self.path("people/")
    }

    /// A raw source's page.
    pub fn source(&self, name: &SourceName) -> String {
        self.path(&format!("sources/{name}/"))
    }

    /// A line of a raw source.
    pub fn source_line(&self, name: &SourceName, line: usize) -> String {
        format!("{}#L{line}", self.source(name))
    }

    /// A free page (`content/pages/<slug>.md`).
    pub fn page(&self, slug: &Slug) -> String {
        self.path(&format!("{slug}/"))
    }

    /// A file under `static/`.
    pub fn static_file(&self, name: &str) -> String {
        self.path(&format!("static/{}", name.trim_start_matches('/')))
    }

    /// Page `n` of a term's occurrences: the term page for 1, else
    /// `/glossary/<id>/page/<n>/`.
    pub fn term_page(&self, id: &TermId, n: usize) -> String {
        let term = self.term(id);
        if n <= 1 {
            term
        } else {
            format!("{term}page/{n}/")
        }
    }

    /// The page served when nothing else is found.
    pub fn not_found(&self) -> String {
        self.path("404.html")
    }

    /// The Atom feed.
    pub fn feed(&self) -> String {
        self.path("atom.xml")
    }

    /// The sitemap.
    pub fn sitemap(&self) -> String {
        self.path("sitemap.xml")
    }

    /// `robots.txt`.
    pub fn robots(&self) -> String {
        self.path("robots.txt")
    }

    /// `.nojekyll`, which tells GitHub Pages not to run Jekyll.
    pub fn nojekyll(&self) -> String {
        self.path(".nojekyll")
    }

    /// The stylesheet of code highlighting.
    pub fn highlight_css(&self) -> String {
        self.static_file("highlight.css")
    }

    /// The search page.
    pub fn search(&self) -> String {
        self.path("search/")
    }

    /// The search index's head, `meta.json`.
    pub fn search_meta(&self) -> String {
        self.path("search/meta.json")
    }

    /// The search index's article table.
    pub fn search_articles(&self) -> String {
        self.path("search/articles.json")
    }

    /// Postings shard `n` of the search index.
    pub fn search_postings(&self, n: usize) -> String {
        self.path(&format!("search/p/{n}.json"))
    }

    /// Text chunk `n` of the search index.
    pub fn search_text(&self, n: usize) -> String {
        self.path(&format!("search/t/{n}.json"))
    }

    /// The output file, relative to `public/`, that serves `url`, a
    /// root-relative link built by this `Urls`: a directory URL is its
    /// `index.html`. `None` for a link outside the site's sub-path or one
    /// with a `#` fragment (it names a place in a file, not a file).
    pub fn file_of(&self, url: &str) -> Option<String> {
        let rel = url.strip_prefix(self.base.path())?;
        if rel.contains('#') {
            return None;
        }
        Some(match rel.is_empty() || rel.ends_with('/') {
            true => format!("{rel}index.html"),
            false => rel.to_string(),
        })
    }

    /// Links for a site at the root of a host: output paths are derived
    /// from these, the sub-path being no part of a file's place in
    /// `public/`.
    pub fn site_root() -> &'static Urls {
        static ROOT: std::sync::OnceLock<Urls> = std::sync::OnceLock::new();
        ROOT.get_or_init(|| {
            let base = BaseUrl::parse("http://localhost/").expect("a constant base URL parses");
            Urls::new(base)
        })
    }
}

/// Top-level URL segments the generator uses itself; a free page may not
/// take one of these slugs.
pub const RESERVED_SEGMENTS: &[&str] = &[
    "articles", "glossary", "sources", "search", "static", "people", "columns", "404",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(base: &str) -> Urls {
        Urls::new(BaseUrl::parse(base).unwrap())
    }

    #[test]
    fn links_carry_the_sub_path() {
        let u = urls("https://user.github.io/repo/");
        let slug = Slug::new("qing-lian").unwrap();
        assert_eq!(u.home(), "/repo/");
        assert_eq!(u.article(&slug), "/repo/articles/qing-lian/");
        assert_eq!(
            u.paragraph(&slug, ParagraphId(3)),
            "/repo/articles/qing-lian/#p3"
        );
        assert_eq!(u.static_file("/site.css"), "/repo/static/site.css");
        assert_eq!(
            u.absolute("atom.xml"),
            "https://user.github.io/repo/atom.xml"
        );
    }

    #[test]
    fn files_are_the_links_without_the_sub_path() {
        let u = urls("https://user.github.io/repo/");
        let slug = Slug::new("qing-lian").unwrap();
        let file = |url: String| u.file_of(&url);
        assert_eq!(file(u.home()).as_deref(), Some("index.html"));
        assert_eq!(
            file(u.article(&slug)).as_deref(),
            Some("articles/qing-lian/index.html")
        );
        assert_eq!(file(u.feed()).as_deref(), Some("atom.xml"));
        assert_eq!(file(u.paragraph(&slug, ParagraphId(1))), None);
        assert_eq!(u.file_of("/elsewhere/x/"), None);
        let id = TermId::new("885").unwrap();
        assert_eq!(u.term_page(&id, 1), u.term(&id));
        assert_eq!(u.term_page(&id, 3), "/repo/glossary/885/page/3/");
    }

    #[test]
    fn links_at_a_root() {
        let u = urls("https://example.org");
        assert_eq!(u.glossary(), "/glossary/");
        assert_eq!(u.term(&TermId::new("885").unwrap()), "/glossary/885/");
    }
}
