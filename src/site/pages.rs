//! Rendering every page of the site and writing it to the output.
//!
//! Each page is named by a [`PageKey`] and rendered on its own from its
//! typed context (see [`crate::render::context`]); `write_all` hands the
//! bytes of every page to [`Output`]. The output paths follow the URL scheme of DESIGN.md:
//! `articles/<slug>/index.html` is served as `/articles/<slug>/`.

mod home;
mod people;
mod qa;
mod surnames;
mod toc;
mod translation;

use super::analysis::Analysis;
use super::write::Output;
use crate::content::{Article, Site, Source};
use crate::error::{Error, Location, Result};
use crate::ids::{Slug, SourceName, TermId};
use crate::render::context::{
    json_ld, ArticlePage, ArticleSummary, ArticleView, BoxView, BundleView, FreePage, IndexPage,
    NotFoundPage, PageMeta, Printed, SiteView, SourceLine, SourceLink, SourcePage, SourceRange,
};
use crate::render::{highlight, Anchors, Highlighter, Markdown, Templates};
use crate::url::Urls;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;

/// Articles per page of the article listing (the home page and
/// `/page/<n>/`): no listing grows with the edition.
pub const ARTICLES_PER_LISTING: usize = 50;

/// How many pages the article listing of `articles` articles takes.
pub fn listing_pages(articles: usize) -> usize {
    articles.div_ceil(ARTICLES_PER_LISTING).max(1)
}

/// Renders the pages of one site.
pub struct PageRenderer<'a> {
    pub(super) site: &'a Site,
    pub(super) urls: &'a Urls,
    templates: &'a Templates,
    pub(super) markdown: Markdown<'a>,
    pub(super) view: SiteView,
    pub(super) analysis: &'a Analysis,
    article_index: HashMap<Slug, usize>,
    pub(super) term_index: HashMap<TermId, usize>,
    /// Built on first use: only the index files need it.
    pub(super) search: std::sync::OnceLock<super::search::SearchIndex>,
}

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
    SearchIndex(super::search::SearchFile),
    /// `people/index.html`: officials and authors (issue 8).
    People,
}

impl PageKey {
    /// The output path, relative to `public/`.
    pub fn path(&self) -> String {
        match self {
            PageKey::Home => "index.html".into(),
            PageKey::Listing(n) => format!("page/{n}/index.html"),
            PageKey::Article(s) => format!("articles/{s}/index.html"),
            PageKey::Page(s) => format!("{s}/index.html"),
            PageKey::Source(n) => format!("sources/{n}/index.html"),
            PageKey::Glossary => "glossary/index.html".into(),
            PageKey::Term(t) => format!("glossary/{t}/index.html"),
            PageKey::TermPage(t, n) => format!("glossary/{t}/page/{n}/index.html"),
            PageKey::NotFound => "404.html".into(),
            PageKey::Feed => "atom.xml".into(),
            PageKey::Sitemap => "sitemap.xml".into(),
            PageKey::Robots => "robots.txt".into(),
            PageKey::NoJekyll => ".nojekyll".into(),
            PageKey::HighlightCss => "static/highlight.css".into(),
            PageKey::Search => "search/index.html".into(),
            PageKey::SearchIndex(f) => f.path(),
            PageKey::People => "people/index.html".into(),
        }
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

impl<'a> PageRenderer<'a> {
    /// A renderer for `site`.
    pub fn new(
        site: &'a Site,
        urls: &'a Urls,
        templates: &'a Templates,
        highlighter: &'a Highlighter,
        analysis: &'a Analysis,
    ) -> Self {
        PageRenderer {
            site,
            urls,
            templates,
            markdown: Markdown::new(urls, highlighter),
            view: SiteView::new(site, urls),
            analysis,
            term_index: site
                .terms
                .iter()
                .enumerate()
                .map(|(i, t)| (t.id.clone(), i))
                .collect(),
            article_index: site
                .articles
                .iter()
                .enumerate()
                .map(|(i, a)| (a.slug.clone(), i))
                .collect(),
            search: std::sync::OnceLock::new(),
        }
    }

    /// Every page of the site, in a stable order.
    pub fn keys(&self) -> Vec<PageKey> {
        let mut keys = self.page_keys();
        keys.extend(self.search_keys());
        keys
    }

    /// The files of the search index (which builds it).
    fn search_keys(&self) -> impl Iterator<Item = PageKey> {
        let files = self.search_index().files();
        files.into_iter().map(PageKey::SearchIndex)
    }

    /// Every page but the search index files, which need the index built
    /// (the dev server refreshes those apart, when the editor pauses).
    pub fn page_keys(&self) -> Vec<PageKey> {
        let mut keys = vec![PageKey::Home];
        keys.extend((2..=self.listing_pages()).map(PageKey::Listing));
        keys.extend(
            self.site
                .articles
                .iter()
                .map(|a| PageKey::Article(a.slug.clone())),
        );
        keys.extend(
            self.site
                .pages
                .iter()
                .map(|p| PageKey::Page(p.slug.clone())),
        );
        keys.extend(
            self.site
                .sources
                .iter()
                .map(|s| PageKey::Source(s.name.clone())),
        );
        keys.push(PageKey::Glossary);
        for (i, t) in self.site.terms.iter().enumerate() {
            keys.push(PageKey::Term(t.id.clone()));
            let pages = self.occurrence_pages(i);
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

    /// Renders one page: its output path and bytes. A key whose article,
    /// term, page or source no longer exists is an error naming it.
    pub fn render_page(&self, key: &PageKey) -> Result<(String, Vec<u8>)> {
        let missing = || Error::invalid(Location::file(key.path()), "no such page in the edition");
        let text = match key {
            PageKey::Home => self.index_page(1)?,
            PageKey::Listing(n) if (2..=self.listing_pages()).contains(n) => self.index_page(*n)?,
            PageKey::Listing(_) => return Err(missing()),
            PageKey::Article(slug) => {
                self.article_page(*self.article_index.get(slug).ok_or_else(missing)?)?
            }
            PageKey::Page(slug) => self.free_page(
                self.site
                    .pages
                    .iter()
                    .find(|p| &p.slug == slug)
                    .ok_or_else(missing)?,
            )?,
            PageKey::Source(name) => {
                self.source_page(self.site.source(name).ok_or_else(missing)?)?
            }
            PageKey::Glossary => self.glossary_page()?,
            PageKey::Term(id) => {
                self.term_page(*self.term_index.get(id).ok_or_else(missing)?, 1)?
            }
            PageKey::TermPage(id, n) => {
                self.term_page(*self.term_index.get(id).ok_or_else(missing)?, *n)?
            }
            PageKey::NotFound => self.not_found_page()?,
            PageKey::Feed => self.render("atom.xml", &self.feed())?,
            PageKey::Sitemap => self.render("sitemap.xml", &self.sitemap())?,
            PageKey::Robots => format!(
                "User-agent: *\nAllow: /\nSitemap: {}\n",
                self.urls.absolute("sitemap.xml")
            ),
            // GitHub Pages would otherwise run Jekyll, which drops files
            // and directories starting with `_`.
            PageKey::NoJekyll => String::new(),
            PageKey::HighlightCss => {
                let opts = &self.site.config.options;
                highlight::stylesheet(&opts.highlight_light, &opts.highlight_dark)?
            }
            PageKey::Search => self.search_page()?,
            PageKey::SearchIndex(f) => self.search_index().get(*f).ok_or_else(missing)?.into(),
            PageKey::People => self.people_page()?,
        };
        Ok((key.path(), text.into_bytes()))
    }

    /// How many files the search index has, once it is built.
    pub fn search_files(&self) -> Option<usize> {
        self.search.get().map(|index| index.files().len())
    }

    /// Renders and writes every page, in parallel. The search index is
    /// built alongside the pages rather than before them: it needs only
    /// the analysis, and building it first left all but one core idle.
    pub fn write_all(&self, out: &Output) -> Result<()> {
        let profile = Profile::default();
        let write = |key: PageKey| {
            let t = std::time::Instant::now();
            let (path, bytes) = self.render_page(&key)?;
            let rendered = t.elapsed();
            out.write(&path, &bytes)?;
            profile.add(&key, rendered, t.elapsed() - rendered, bytes.len());
            Ok(())
        };
        let (pages, index) = rayon::join(
            || self.page_keys().into_par_iter().try_for_each(write),
            || {
                let keys: Vec<PageKey> = self.search_keys().collect();
                keys.into_par_iter().try_for_each(write)
            },
        );
        profile.report();
        pages.and(index)
    }

    fn free_page(&self, page: &crate::content::Page) -> Result<String> {
        let body_html = self.markdown.render(&page.body, Anchors::None).html;
        let description = page.meta.description.clone().unwrap_or_default();
        let mut meta = self.meta(
            &page.meta.title,
            description,
            &self.urls.page(&page.slug),
            "page",
        );
        meta.draft = page.meta.draft;
        self.render(
            "page.html",
            &FreePage {
                site: &self.view,
                page: meta,
                body_html,
            },
        )
    }

    fn not_found_page(&self) -> Result<String> {
        let page = self.meta(
            "页面不存在",
            String::new(),
            &self.urls.path("404.html"),
            "404",
        );
        self.render(
            "404.html",
            &NotFoundPage {
                site: &self.view,
                page,
            },
        )
    }

    pub(super) fn render<C: Serialize>(&self, template: &str, ctx: &C) -> Result<String> {
        self.templates.render(template, ctx)
    }

    pub(super) fn meta(
        &self,
        title: &str,
        description: String,
        url: &str,
        kind: &'static str,
    ) -> PageMeta {
        let description = if description.is_empty() {
            self.site.config.description.clone()
        } else {
            description
        };
        PageMeta {
            title: title.to_string(),
            description,
            canonical: self.urls.to_absolute(url),
            kind,
            json_ld: String::new(),
            draft: false,
        }
    }

    /// How many pages the article listing takes (at least 1).
    pub fn listing_pages(&self) -> usize {
        listing_pages(self.site.articles.len())
    }

    /// Page `n` (from 1) of the article listing; the first is the home
    /// page and also shows the top terms and the columns.
    fn index_page(&self, n: usize) -> Result<String> {
        let first = n == 1;
        let mut title = self.site.config.title.clone();
        if !first {
            title = format!("{title}（第 {n} 页）");
        }
        let range =
            (n - 1) * ARTICLES_PER_LISTING..self.site.articles.len().min(n * ARTICLES_PER_LISTING);
        // Fragments and hosted boxes are listed apart (issue 17).
        let shown: Vec<usize> = range
            .filter(|&i| {
                let a = &self.site.articles[i];
                !is_fragment(a) && a.meta.host.is_none()
            })
            .collect();
        let articles: Vec<ArticleSummary> = (shown.iter())
            .map(|&i| ArticleSummary {
                translation: self.translation_badge(&self.site.articles[i]),
                ..self.summary_with_lead(i)
            })
            .collect();
        let (lead_groups, briefs) =
            home::arrange(shown.iter().map(|&i| &self.site.articles[i]).zip(&articles));
        let ctx = IndexPage {
            site: &self.view,
            page: self.meta(&title, String::new(), &self.urls.listing(n), "index"),
            lead_groups,
            briefs,
            articles,
            fragments: if first { self.fragments() } else { Vec::new() },
            fragments_total: self.site.articles.iter().filter(|a| is_fragment(a)).count(),
            top_terms: if first {
                self.top_terms(24)
            } else {
                Vec::new()
            },
            columns: if first { self.columns() } else { Vec::new() },
            pagination: super::term_pages::pagination(
                |k| self.urls.listing(k),
                n,
                self.listing_pages(),
            ),
        };
        self.render("index.html", &ctx)
    }

    /// Article `i`'s listing entry, with a one-line summary: the editor's,
    /// or the body's opening sentence.
    fn summary_with_lead(&self, i: usize) -> ArticleSummary {
        let mut s = ArticleSummary::new(&self.site.articles[i], self.urls);
        if s.summary.is_none() {
            let paragraphs = self.analysis.corpus[i]
                .paragraphs
                .iter()
                .map(|p| p.text.as_str());
            s.summary = home::lead_summary(paragraphs, &s.title);
        }
        s
    }

    fn article_page(&self, i: usize) -> Result<String> {
        let articles = &self.site.articles;
        let a = &articles[i];
        let rendered = &self.analysis.bodies[i];
        let description = a.meta.summary.clone().unwrap_or_else(|| {
            let first = self.analysis.corpus[i].paragraphs.first();
            first_sentence(first.map_or("", |p| p.text.as_str()))
        });
        let url = self.urls.article(&a.slug);
        let mut page = self.meta(&a.meta.title, description, &url, "article");
        page.draft = a.meta.draft;
        page.json_ld = self.article_json_ld(a, &page);
        let body = crate::render::annotate::insert(
            &qa::mark_qa_labels(&rendered.html),
            &super::annotations::placed(self.site, self.analysis, i, &self.markdown),
        );
        let (body_html, translation) = self.bilingual(a, rendered.blocks.len(), body)?;
        let ctx = ArticlePage {
            site: &self.view,
            page,
            article: ArticleView {
                summary: ArticleSummary::new(a, self.urls),
                kicker: a.meta.kicker.clone(),
                byline: a.meta.byline.clone(),
                dateline: a.meta.dateline.clone(),
                date_note: a.meta.date_note.clone(),
                editor_note: a.meta.editor_note.clone(),
                source: self.source_link(a),
                printed: a.meta.source.as_ref().and_then(Printed::of),
                host: a
                    .meta
                    .host
                    .as_ref()
                    .and_then(|h| self.article_index.get(h))
                    .map(|&h| ArticleSummary::new(&articles[h], self.urls)),
                boxes: self.boxes_of(a),
                bundle: self.bundle_of(a),
                emendations: rendered.emendations,
                body_html,
                toc: Vec::new(),
                paragraphs: rendered.blocks.len(),
                terms: self.glosses(i, &rendered.terms),
                related: self.related(i),
                translation,
            },
            prev: i
                .checked_sub(1)
                .map(|j| ArticleSummary::new(&articles[j], self.urls)),
            next: articles
                .get(i + 1)
                .map(|n| ArticleSummary::new(n, self.urls)),
        };
        let mut ctx = ctx;
        ctx.article.toc = toc::contents(&ctx.article.body_html);
        self.render("article.html", &ctx)
    }

    /// schema.org `NewsArticle` for an article page.
    fn article_json_ld(&self, a: &Article, page: &PageMeta) -> String {
        let authors: Vec<_> = a
            .meta
            .authors
            .iter()
            .map(|n| serde_json::json!({"@type": "Person", "name": n}))
            .collect();
        let mut v = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": a.meta.title,
            "url": page.canonical,
            "inLanguage": self.site.config.language,
            "description": page.description,
            "author": authors,
            "isPartOf": {"@type": "WebSite", "name": self.site.config.title, "url": self.urls.base().to_string()},
        });
        if let Some(d) = a.meta.date {
            v["datePublished"] = d.to_string().into();
        }
        if let Some(c) = &a.meta.column {
            v["articleSection"] = c.as_str().into();
        }
        if let Some(p) = a.meta.source.as_ref().and_then(Printed::of) {
            add_printed(&mut v, &p);
        }
        if let Some(t) = self.translation_json_ld(a, &page.canonical) {
            v["workTranslation"] = t;
        }
        json_ld(&v)
    }

    fn source_link(&self, a: &Article) -> Option<SourceLink> {
        let src = a.meta.source.as_ref()?;
        let name = src.name()?;
        self.site.source(&name)?;
        Some(SourceLink {
            file: src.file.clone(),
            url: self.urls.source_line(&name, src.first_line),
            first_line: src.first_line,
            last_line: src.last_line,
        })
    }

    fn source_page(&self, source: &Source) -> Result<String> {
        let mut ranges: Vec<SourceRange> = self
            .site
            .articles
            .iter()
            .filter_map(|a| {
                let s = a.meta.source.as_ref().filter(|s| s.file == source.file)?;
                Some(SourceRange {
                    article: ArticleSummary::new(a, self.urls),
                    first_line: s.first_line,
                    last_line: s.last_line,
                })
            })
            .collect();
        ranges.sort_by_key(|r| r.first_line);
        let printed = self
            .site
            .articles
            .iter()
            .filter_map(|a| a.meta.source.as_ref().filter(|s| s.file == source.file))
            .find_map(Printed::of);
        let fragments: Vec<SourceRange> = ranges
            .iter()
            .filter(|r| r.article.kind.as_deref() == Some("fragment"))
            .filter(|r| {
                let slug = r.article.slug.as_str();
                !self
                    .site
                    .articles
                    .iter()
                    .any(|a| a.slug.as_str() == slug && a.meta.host.is_some())
            })
            .cloned()
            .collect();
        let lines = source
            .lines()
            .enumerate()
            .map(|(i, text)| {
                let n = i + 1;
                let article = ranges
                    .iter()
                    .position(|r| (r.first_line..=r.last_line).contains(&n));
                SourceLine {
                    n,
                    text: text.to_string(),
                    article,
                    range_start: article.is_some_and(|r| ranges[r].first_line == n),
                }
            })
            .collect();
        let url = self.urls.source(&source.name);
        let title = match printed.as_ref().filter(|p| p.publication.is_some()) {
            Some(p) => format!("原文：{}", p.line),
            None => format!("原文 {}", source.file),
        };
        let ctx = SourcePage {
            site: &self.view,
            page: self.meta(&title, String::new(), &url, "source"),
            file: source.file.clone(),
            sha256: source.sha256.clone(),
            printed,
            lines,
            articles: ranges,
            fragments,
        };
        self.render("source.html", &ctx)
    }

    fn feed(&self) -> Feed<'_> {
        let entries: Vec<FeedEntry> = self
            .site
            .articles
            .iter()
            .filter(|a| a.meta.date.is_some())
            .take(self.site.config.options.feed_limit)
            .map(|a| FeedEntry {
                title: a.meta.title.clone(),
                url: self.urls.to_absolute(&self.urls.article(&a.slug)),
                updated: a.meta.date.map(|d| d.rfc3339()).unwrap_or_default(),
                authors: a.meta.authors.clone(),
                printed: a.meta.source.as_ref().and_then(Printed::of),
                summary: a
                    .meta
                    .summary
                    .clone()
                    .unwrap_or_else(|| a.meta.subtitle.clone().unwrap_or_default()),
                translation: self.site.translation(&a.slug).map(|t| FeedTranslation {
                    title: t.meta.title.clone(),
                    url: self.translation_url(a),
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
            site: &self.view,
            feed_url: self.urls.absolute("atom.xml"),
            updated,
            entries,
        }
    }

    fn sitemap(&self) -> Sitemap {
        let abs = |rel: String| self.urls.to_absolute(&rel);
        let mut urls: Vec<String> = (1..=self.listing_pages())
            .map(|n| abs(self.urls.listing(n)))
            .collect();
        urls.extend(
            self.site
                .articles
                .iter()
                .map(|a| abs(self.urls.article(&a.slug))),
        );
        urls.extend(self.site.pages.iter().map(|p| abs(self.urls.page(&p.slug))));
        urls.extend(
            self.site
                .sources
                .iter()
                .map(|s| abs(self.urls.source(&s.name))),
        );
        urls.push(abs(self.urls.people()));
        Sitemap { urls }
    }
}

/// The first sentence of a paragraph, for meta descriptions.
pub(super) fn first_sentence(text: &str) -> String {
    let end = text.find('。').map_or(text.len(), |i| i + '。'.len_utf8());
    text[..end].chars().take(120).collect()
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

/// `html` with every `id` and `#` link prefixed by `box-<slug>-`, and
/// without `aria-describedby` or `data-term` (the glosses they name are
/// on the box's own page; its terms stay plain links to their pages).
fn own_anchors(html: &str, slug: &str) -> String {
    let renamed = html
        .replace(" id=\"", &format!(" id=\"box-{slug}-"))
        .replace(" href=\"#", &format!(" href=\"#box-{slug}-"));
    let renamed = drop_attribute(&renamed, "aria-describedby");
    drop_attribute(&renamed, "data-term")
}

/// `html` without any ` name="…"` attribute.
fn drop_attribute(html: &str, name: &str) -> String {
    let marker = format!(" {name}=\"");
    let mut parts = html.split(marker.as_str());
    let mut out = parts.next().unwrap_or_default().to_string();
    for part in parts {
        out.push_str(part.split_once('"').map_or(part, |(_, rest)| rest));
    }
    out
}

/// How many fragments the home page lists.
const FRAGMENT_PREVIEW: usize = 20;

/// True for a fragment (残篇): listed on its own, not among the articles.
/// A box with a host is its host's, not a fragment.
fn is_fragment(a: &Article) -> bool {
    a.meta.kind == Some(crate::content::ArticleKind::Fragment) && a.meta.host.is_none()
}

impl PageRenderer<'_> {
    /// The boxes and sidebars hosted by `host`, with their anchors renamed
    /// so they cannot clash with the host's.
    fn boxes_of(&self, host: &Article) -> Vec<BoxView> {
        self.site
            .articles
            .iter()
            .enumerate()
            .filter(|(_, a)| a.meta.host.as_ref() == Some(&host.slug))
            .map(|(j, a)| BoxView {
                article: ArticleSummary::new(a, self.urls),
                body_html: own_anchors(&self.analysis.bodies[j].html, a.slug.as_str()),
            })
            .collect()
    }

    /// The bundle `a` was printed in: its umbrella title and the other
    /// articles of the same source file carrying the same title, in
    /// page order.
    fn bundle_of(&self, a: &Article) -> Option<BundleView> {
        let title = a.meta.bundle.as_ref()?;
        let file = |x: &Article| x.meta.source.as_ref().map(|s| s.file.clone());
        let mut others: Vec<&Article> = (self.site.articles.iter())
            .filter(|b| b.slug != a.slug && b.meta.bundle.as_ref() == Some(title))
            .filter(|b| file(b) == file(a))
            .collect();
        others.sort_by_key(|b| b.meta.source.as_ref().map_or(0, |s| s.first_line));
        Some(BundleView {
            title: title.clone(),
            others: (others.into_iter())
                .map(|b| ArticleSummary::new(b, self.urls))
                .collect(),
        })
    }

    /// The newest fragments, for the home page's own section.
    fn fragments(&self) -> Vec<ArticleSummary> {
        self.site
            .articles
            .iter()
            .filter(|a| is_fragment(a))
            .take(FRAGMENT_PREVIEW)
            .map(|a| ArticleSummary::new(a, self.urls))
            .collect()
    }
}

/// Adds where an article was printed to its `NewsArticle`: schema.org's
/// `printPage`, and what it is based on (the issue of the publication).
fn add_printed(v: &mut serde_json::Value, p: &Printed) {
    if let Some(page) = &p.page {
        v["printPage"] = page.as_str().into();
    }
    let mut based = serde_json::json!({"@type": "PublicationIssue"});
    if let Some(name) = &p.publication {
        based["isPartOf"] = serde_json::json!({"@type": "Periodical", "name": name});
    }
    if let Some(d) = &p.date {
        based["datePublished"] = d.as_str().into();
    }
    if let Some(u) = &p.url {
        based["url"] = u.as_str().into();
    }
    v["isBasedOn"] = based;
}

/// `sitemap.xml`.
#[derive(Debug, Serialize)]
pub struct Sitemap {
    /// Absolute URLs of every page.
    pub urls: Vec<String>,
}

/// Time and bytes per kind of page, told on stderr when profiling.
#[derive(Default)]
struct Profile(std::sync::Mutex<std::collections::BTreeMap<&'static str, [u128; 4]>>);

impl Profile {
    fn add(
        &self,
        key: &PageKey,
        render: std::time::Duration,
        write: std::time::Duration,
        bytes: usize,
    ) {
        if !super::profiling() {
            return;
        }
        let kind = match key {
            PageKey::SearchIndex(_) => "search index file",
            other => other.template().unwrap_or("other"),
        };
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let e = map.entry(kind).or_default();
        e[0] += 1;
        e[1] += render.as_micros();
        e[2] += write.as_micros();
        e[3] += bytes as u128;
    }

    fn report(&self) {
        let map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        for (kind, [n, render, write, bytes]) in map.iter() {
            eprintln!(
                "profile: {kind}: {n} files, render {} ms, write {} ms, {} KB",
                render / 1000,
                write / 1000,
                bytes / 1024
            );
        }
    }
}
