//! Rendering the site's pages, one kind of page per file.
//!
//! Each output file is named by a [`PageKey`]; its [`PageKind`] says which
//! renderer makes it. A renderer is a function of a shared, read-only
//! [`Frame`] (links, templates, Markdown, site-wide variables) and of what
//! that kind of page reads of the edition, passed explicitly (a `Reads`
//! struct or plain arguments): [`PageRenderer::render_page`] is the one
//! place where the site and its analysis are cut into those inputs, so it
//! reads as the list of what each kind depends on. The search index is
//! not built here: [`crate::site::search`] builds it, as a step of its own,
//! and [`PageRenderer::with_search`] hands its files to the writer.
//!
//! Output paths follow the URL scheme of DESIGN.md, derived from
//! [`crate::url::Urls`]: `articles/<slug>/index.html` is served as
//! `/articles/<slug>/`.

mod article;
mod feed;
mod frame;
mod free_page;
mod glossary;
mod groups;
mod home;
mod key;
mod listing;
mod not_found;
mod pagination;
mod people;
mod plain;
mod qa;
mod search_page;
mod sitemap;
mod source;
mod surnames;
mod term;
mod terms;
mod timeline;
mod toc;
mod translation;

pub use feed::{Feed, FeedEntry, FeedTranslation};
pub use frame::Frame;
pub use key::{PageKey, PageKind};
pub use listing::{listing_pages, ARTICLES_PER_LISTING};
pub use pagination::PAGE_WINDOW;
pub use sitemap::Sitemap;
pub use term::{landing_url, LINES_PER_ARTICLE};
pub use terms::{pinyin_key, short_definition, ARTICLES_PER_PAGE};

use super::analysis::Analysis;
use super::bodies::Bodies;
use super::profile::Profile;
use super::search::SearchIndex;
use super::write::Output;
use crate::content::Site;
use crate::error::{Error, Location, Result};
use crate::ids::{Slug, TermId};
use crate::render::{Highlighter, Templates};
use crate::url::Urls;
use rayon::prelude::*;
use std::collections::HashMap;
use terms::TermCounts;

/// Renders the pages of one site: cuts the site and its analysis into
/// what each kind of page reads, and hands it to that kind's renderer.
/// Holds nothing it changes.
pub struct PageRenderer<'a> {
    site: &'a Site,
    analysis: &'a Analysis,
    frame: Frame<'a>,
    article_index: HashMap<Slug, usize>,
    term_index: HashMap<TermId, usize>,
    groups: groups::Groups,
    bodies: Bodies<'a>,
    search: Option<&'a SearchIndex>,
}

impl<'a> PageRenderer<'a> {
    /// A renderer for `site`, without the search index's files.
    pub fn new(
        site: &'a Site,
        urls: &'a Urls,
        templates: &'a Templates,
        highlighter: &'a Highlighter,
        analysis: &'a Analysis,
    ) -> Self {
        PageRenderer {
            site,
            analysis,
            frame: Frame::new(site, urls, templates, highlighter),
            term_index: (site.terms.iter().enumerate())
                .map(|(i, t)| (t.id.clone(), i))
                .collect(),
            article_index: (site.articles.iter().enumerate())
                .map(|(i, a)| (a.slug.clone(), i))
                .collect(),
            groups: groups::Groups::of(&site.articles),
            bodies: Bodies::Held(&analysis.bodies),
            search: None,
        }
    }

    /// The same renderer, taking article bodies from `bodies` rather
    /// than from the analysis (a build's analysis keeps no HTML).
    pub fn with_bodies(self, bodies: Bodies<'a>) -> Self {
        PageRenderer { bodies, ..self }
    }

    /// The same renderer, also writing the files of `index`.
    pub fn with_search(self, index: &'a SearchIndex) -> Self {
        PageRenderer {
            search: Some(index),
            ..self
        }
    }

    /// Every page of the site, in a stable order: [`Self::page_keys`],
    /// then the search index's files if the renderer has the index.
    pub fn keys(&self) -> Vec<PageKey> {
        let mut keys = self.page_keys();
        keys.extend(self.search_keys());
        keys
    }

    /// The files of the search index, if the renderer has it.
    pub fn search_keys(&self) -> Vec<PageKey> {
        let files = self.search.map(SearchIndex::files).unwrap_or_default();
        files.into_iter().map(PageKey::SearchIndex).collect()
    }

    /// The pages of one kind, in the order of [`Self::keys`].
    pub fn keys_of(&self, kind: PageKind) -> Vec<PageKey> {
        let keys = match kind {
            PageKind::SearchIndex => self.search_keys(),
            _ => self.page_keys(),
        };
        keys.into_iter().filter(|k| k.kind() == kind).collect()
    }

    /// Every page but the search index files, which need the index built
    /// (the dev server refreshes those apart, when the editor pauses).
    pub fn page_keys(&self) -> Vec<PageKey> {
        let site = self.site;
        let mut keys = vec![PageKey::Home];
        keys.extend((2..=self.listing_pages()).map(PageKey::Listing));
        keys.extend(
            site.articles
                .iter()
                .map(|a| PageKey::Article(a.slug.clone())),
        );
        keys.extend(site.pages.iter().map(|p| PageKey::Page(p.slug.clone())));
        keys.extend(site.sources.iter().map(|s| PageKey::Source(s.name.clone())));
        keys.push(PageKey::Glossary);
        let terms = self.term_counts();
        for (i, t) in site.terms.iter().enumerate() {
            keys.push(PageKey::Term(t.id.clone()));
            let pages = terms.occurrence_pages(i);
            keys.extend((2..=pages).map(|n| PageKey::TermPage(t.id.clone(), n)));
        }
        keys.extend([
            PageKey::NotFound,
            PageKey::Feed,
            PageKey::Sitemap,
            PageKey::Robots,
            PageKey::NoJekyll,
            PageKey::HighlightCss,
            PageKey::Search,
            PageKey::People,
        ]);
        keys
    }

    /// How many pages the article listing takes (at least 1).
    pub fn listing_pages(&self) -> usize {
        listing_pages(self.site.articles.len())
    }

    /// Renders one page: its output path and bytes. A key whose article,
    /// term, page, source or index file no longer exists is an error
    /// naming it.
    pub fn render_page(&self, key: &PageKey) -> Result<(String, Vec<u8>)> {
        let missing = || Error::invalid(Location::file(key.path()), "no such page in the edition");
        let (f, site, analysis) = (&self.frame, self.site, self.analysis);
        let text = match key {
            PageKey::Home => listing::render(f, &self.listing(), 1)?,
            PageKey::Listing(n) if (2..=self.listing_pages()).contains(n) => {
                listing::render(f, &self.listing(), *n)?
            }
            PageKey::Listing(_) => return Err(missing()),
            PageKey::Article(slug) => {
                let i = *self.article_index.get(slug).ok_or_else(missing)?;
                let notes = super::annotations::placed(site, analysis, i, &f.markdown);
                article::render(f, &self.article(), i, &notes)?
            }
            PageKey::Page(slug) => {
                let page = site.pages.iter().find(|p| &p.slug == slug);
                free_page::render(f, page.ok_or_else(missing)?)?
            }
            PageKey::Source(name) => {
                let source = site.source(name).ok_or_else(missing)?;
                let cut = self.groups.cut_from(&source.file);
                source::render(f, source, cut.iter().map(|&i| &site.articles[i]))?
            }
            PageKey::Glossary => glossary::render(f, &self.term_counts())?,
            PageKey::Term(id) => self.term(key, id, 1)?,
            PageKey::TermPage(id, n) => self.term(key, id, *n)?,
            PageKey::NotFound => not_found::render(f)?,
            PageKey::Feed => {
                let limit = site.config.options.feed_limit;
                feed::render(f, &site.articles, &site.translations, limit)?
            }
            PageKey::Sitemap => sitemap::render(f, &self.sitemap())?,
            PageKey::Robots => plain::robots(f.urls),
            PageKey::NoJekyll => plain::nojekyll(),
            PageKey::HighlightCss => plain::highlight_css(&site.config.options)?,
            PageKey::Search => search_page::render(f)?,
            PageKey::SearchIndex(file) => {
                let index = self.search.and_then(|index| index.get(*file));
                index.ok_or_else(missing)?.to_string()
            }
            PageKey::People => people::render(f, &self.people())?,
        };
        Ok((key.path(), text.into_bytes()))
    }

    /// Renders and writes `keys`, in parallel, counting each in `profile`.
    pub fn write(&self, out: &Output, keys: Vec<PageKey>, profile: &Profile) -> Result<()> {
        keys.into_par_iter().try_for_each(|key| {
            let t = std::time::Instant::now();
            let (path, bytes) = self.render_page(&key)?;
            let rendered = t.elapsed();
            out.write(&path, &bytes)?;
            let kind = key.template().unwrap_or(match key.kind() {
                PageKind::SearchIndex => "search index file",
                _ => "other",
            });
            profile.add(kind, rendered, t.elapsed() - rendered, bytes.len());
            Ok(())
        })
    }

    fn term(&self, key: &PageKey, id: &TermId, page: usize) -> Result<String> {
        let missing = || Error::invalid(Location::file(key.path()), "no such page in the edition");
        let ix = *self.term_index.get(id).ok_or_else(missing)?;
        let reads = term::Reads {
            terms: self.term_counts(),
            index: &self.term_index,
            articles: &self.site.articles,
            corpus: &self.analysis.corpus,
            definitions: &self.analysis.definitions,
        };
        term::render(&self.frame, &reads, ix, page)
    }

    fn term_counts(&self) -> TermCounts<'_> {
        TermCounts {
            terms: &self.site.terms,
            occurrences: &self.analysis.occurrences,
            urls: self.frame.urls,
        }
    }

    fn listing(&self) -> listing::Reads<'_> {
        listing::Reads {
            title: &self.site.config.title,
            articles: &self.site.articles,
            translations: &self.site.translations,
            corpus: &self.analysis.corpus,
            terms: self.term_counts(),
            urls: self.frame.urls,
        }
    }

    fn article(&self) -> article::Reads<'_> {
        article::Reads {
            articles: &self.site.articles,
            index: &self.article_index,
            groups: &self.groups,
            sources: &self.site.sources,
            translations: &self.site.translations,
            terms: self.term_counts(),
            bodies: &self.analysis.bodies,
            html: &self.bodies,
            corpus: &self.analysis.corpus,
            language: &self.site.config.language,
            site_title: &self.site.config.title,
            urls: self.frame.urls,
        }
    }

    fn sitemap(&self) -> sitemap::Reads<'_> {
        sitemap::Reads {
            listing_pages: self.listing_pages(),
            articles: &self.site.articles,
            pages: &self.site.pages,
            sources: &self.site.sources,
        }
    }

    fn people(&self) -> people::Reads<'_> {
        people::Reads {
            terms: self.term_counts(),
            articles: &self.site.articles,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every HTML page of the bundled edition names itself, in its
    /// canonical link, by the URL its key makes; and that URL reaches the
    /// file the page is written to. So the renderers' links and the
    /// written paths agree, page kind by page kind.
    #[test]
    fn every_page_is_written_where_its_own_url_points() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let site = crate::content::load(root).unwrap();
        let base = crate::config::BaseUrl::parse("https://user.github.io/repo/").unwrap();
        let urls = Urls::new(base);
        let templates =
            Templates::load(&crate::layout::Layout::new(root).templates(), &urls).unwrap();
        let highlighter = Highlighter::new();
        let markdown = crate::render::Markdown::new(&urls, &highlighter);
        let analysis = crate::site::analysis::analyze(&site, &urls, &markdown);
        let renderer = PageRenderer::new(&site, &urls, &templates, &highlighter, &analysis);
        let mut kinds = std::collections::BTreeSet::new();
        for key in renderer.page_keys() {
            let url = key.url(&urls);
            assert_eq!(urls.file_of(&url), Some(key.path()), "{key:?}");
            let (path, bytes) = renderer.render_page(&key).unwrap();
            assert_eq!(path, key.path());
            if !path.ends_with(".html") {
                continue;
            }
            let html = String::from_utf8(bytes).unwrap();
            let canonical = format!(
                "<link rel=\"canonical\" href=\"{}\">",
                urls.to_absolute(&url)
            );
            assert!(html.contains(&canonical), "{key:?} lacks {canonical}");
            kinds.insert(key.kind());
        }
        let html_kinds = [
            PageKind::Listing,
            PageKind::Article,
            PageKind::FreePage,
            PageKind::Source,
            PageKind::Glossary,
            PageKind::Term,
            PageKind::NotFound,
            PageKind::Search,
            PageKind::People,
        ];
        assert_eq!(kinds, html_kinds.into_iter().collect());
    }
}
