//! An article's page, `articles/<slug>/`: its body with paragraph
//! anchors, standing annotations and any English translation interleaved;
//! its header (where it was printed, its source lines, its bundle), the
//! boxes it hosts, glosses of the terms it uses, related articles, and
//! schema.org `NewsArticle` data.

use super::frame::Frame;
use super::groups::Groups;
use super::terms::TermCounts;
use super::{qa, toc, translation};
use crate::content::{Article, Source, Translation};
use crate::error::Result;
use crate::glossary::ArticleText;
use crate::ids::Slug;
use crate::render::annotate::PlacedNote;
use crate::render::context::{
    json_ld, ArticlePage, ArticleView, BoxView, BundleView, Gloss, PageMeta, PrintedView, Related,
    SourceLink,
};
use crate::render::Rendered;
use crate::site::bodies::Bodies;
use crate::text::{summary_sentence, DESCRIPTION_CHARS};
use crate::url::Urls;
use std::collections::HashMap;

/// What an article's page reads. Its standing annotations come placed,
/// as an argument of [`render`].
pub struct Reads<'a> {
    /// Every article: the page's own, its neighbours, boxes and bundle.
    pub articles: &'a [Article],
    /// Slugs to their place in `articles` (a box's host).
    pub index: &'a HashMap<Slug, usize>,
    /// Boxes by host and bundles, in article order.
    pub groups: &'a Groups,
    /// The raw sources (whether the page links its source lines).
    pub sources: &'a [Source],
    /// The translations.
    pub translations: &'a [Translation],
    /// The glossary and its counts (glosses, related articles).
    pub terms: TermCounts<'a>,
    /// The rendered bodies: paragraphs, emendations (a build's analysis
    /// keeps no HTML or linked terms in them: see `html`).
    pub bodies: &'a [Rendered],
    /// The bodies' HTML and linked terms.
    pub html: &'a Bodies<'a>,
    /// The articles' plain text (the description's first sentence).
    pub corpus: &'a [ArticleText],
    /// `language` from site.yaml.
    pub language: &'a str,
    /// `title` from site.yaml.
    pub site_title: &'a str,
    /// Every link.
    pub urls: &'a Urls,
}

/// The page of article `i`, with its placed annotations `notes`.
pub fn render(f: &Frame, r: &Reads, i: usize, notes: &[PlacedNote]) -> Result<String> {
    r.page(f, i, notes)
}

impl Reads<'_> {
    fn page(&self, f: &Frame, i: usize, notes: &[PlacedNote]) -> Result<String> {
        f.page("article.html", || self.context(f, i, notes))
    }

    /// The template context of article `i`'s page.
    fn context<'f>(&self, f: &'f Frame, i: usize, notes: &[PlacedNote]) -> Result<ArticlePage<'f>> {
        let articles = self.articles;
        let a = &articles[i];
        let rendered = &self.bodies[i];
        let description = a.meta.summary.clone().unwrap_or_else(|| {
            let first = self.corpus[i].paragraphs.first();
            summary_sentence(first.map_or("", |p| p.text.as_str()), DESCRIPTION_CHARS)
        });
        let url = self.urls.article(&a.slug);
        let mut page = f.meta(&a.meta.title, description, &url, "article");
        page.draft = a.meta.draft;
        page.json_ld = self.json_ld(a, &page);
        let shown = self.html.get(i)?;
        let paragraphs = self.corpus[i].paragraphs.len();
        let body = crate::render::annotate::insert(&qa::mark_qa_labels(&shown.html), notes);
        let english = translation::english(self.translations, &a.slug);
        let (body_html, translation) = translation::bilingual(f, english, a, paragraphs, body)?;
        let summary = |j: usize| f.article_summary(j, &articles[j]);
        let ctx = ArticlePage {
            site: &f.view,
            page,
            article: ArticleView {
                summary: summary(i),
                kicker: a.meta.kicker.clone(),
                byline: a.meta.byline.clone(),
                dateline: a.meta.dateline.clone(),
                date_note: a.meta.date_note.clone(),
                editor_note: a.meta.editor_note.clone(),
                source: self.source_link(a),
                printed: a.meta.source.as_ref().and_then(PrintedView::of),
                host: a
                    .meta
                    .host
                    .as_ref()
                    .and_then(|h| self.index.get(h))
                    .map(|&h| summary(h)),
                boxes: self.boxes_of(f, a)?,
                bundle: self.bundle_of(f, a),
                emendations: rendered.emendations,
                body_html,
                toc: Vec::new(),
                paragraphs,
                terms: self.glosses(f, i, &shown.terms),
                related: self.related(f, i),
                translation,
            },
            prev: i.checked_sub(1).map(summary),
            next: (i + 1 < articles.len()).then(|| summary(i + 1)),
        };
        let mut ctx = ctx;
        ctx.article.toc = toc::contents(&ctx.article.body_html);
        Ok(ctx)
    }

    /// schema.org `NewsArticle` for an article page.
    fn json_ld(&self, a: &Article, page: &PageMeta) -> String {
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
            "inLanguage": self.language,
            "description": page.description,
            "author": authors,
            "isPartOf": {"@type": "WebSite", "name": self.site_title, "url": self.urls.base().to_string()},
        });
        if let Some(d) = a.meta.date {
            v["datePublished"] = d.to_string().into();
        }
        if let Some(c) = &a.meta.column {
            v["articleSection"] = c.as_str().into();
        }
        if let Some(p) = a.meta.source.as_ref().and_then(PrintedView::of) {
            add_printed(&mut v, &p);
        }
        if let Some(t) = translation::english(self.translations, &a.slug) {
            v["workTranslation"] = translation::json_ld(self.urls, t, a, &page.canonical);
        }
        json_ld(&v)
    }

    fn source_link(&self, a: &Article) -> Option<SourceLink> {
        let src = a.meta.source.as_ref()?;
        let name = src.name()?;
        self.sources.iter().find(|s| s.name == name)?;
        Some(SourceLink {
            file: src.file.clone(),
            url: self.urls.source_line(&name, src.first_line),
            first_line: src.first_line,
            last_line: src.last_line,
        })
    }

    /// The boxes and sidebars hosted by `host`, with their anchors renamed
    /// so they cannot clash with the host's.
    fn boxes_of<'f>(&self, f: &'f Frame, host: &Article) -> Result<Vec<BoxView<'f>>> {
        (self.groups.boxes(&host.slug).iter())
            .map(|&j| {
                let a = &self.articles[j];
                Ok(BoxView {
                    article: f.article_summary(j, a),
                    body_html: own_anchors(&self.html.get(j)?.html, a.slug.as_str()),
                })
            })
            .collect()
    }

    /// The bundle `a` was printed in: its umbrella title and the other
    /// articles of the same source file carrying the same title, in
    /// page order.
    fn bundle_of<'f>(&self, f: &'f Frame, a: &Article) -> Option<BundleView<'f>> {
        let title = a.meta.bundle.as_ref()?;
        let mut others: Vec<usize> = (self.groups.bundle(a).iter())
            .copied()
            .filter(|&j| self.articles[j].slug != a.slug)
            .collect();
        let first_line =
            |j: &usize| (self.articles[*j].meta.source.as_ref()).map_or(0, |s| s.first_line);
        others.sort_by_key(first_line);
        Some(BundleView {
            title: title.clone(),
            others: (others.into_iter())
                .map(|j| f.article_summary(j, &self.articles[j]))
                .collect(),
        })
    }

    /// The in-text glosses of article `article`: each term it uses, once.
    fn glosses<'f>(&self, f: &'f Frame, article: usize, used: &[usize]) -> Vec<Gloss<'f>> {
        let counts = self.terms.occurrences.terms_in(article);
        used.iter()
            .map(|&ix| {
                let count = counts
                    .iter()
                    .find(|c| c.of() == ix)
                    .map_or(0, |c| c.count());
                let term = f.term_summary(ix, &self.terms);
                Gloss::new(term, count, f.short_definition(ix, &self.terms))
            })
            .collect()
    }

    /// Articles related to `article` by shared terms.
    fn related<'f>(&self, f: &'f Frame, article: usize) -> Vec<Related<'f>> {
        self.terms
            .occurrences
            .related_articles(article, 5)
            .into_iter()
            .map(|r| Related {
                article: f.article_summary(r.article, &self.articles[r.article]),
                shared_terms: r.shared_terms,
            })
            .collect()
    }
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

/// Adds where an article was printed to its `NewsArticle`: schema.org's
/// `printPage`, and what it is based on (the issue of the publication).
fn add_printed(v: &mut serde_json::Value, p: &PrintedView) {
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
