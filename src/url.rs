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
    fn links_at_a_root() {
        let u = urls("https://example.org");
        assert_eq!(u.glossary(), "/glossary/");
        assert_eq!(u.term(&TermId::new("885").unwrap()), "/glossary/885/");
    }
}
