//! What every page kind renders with, read-only and shared: the links
//! ([`Urls`]), the templates, the Markdown renderer, the site-wide
//! template variables ([`SiteView`]), the site's own description (what a
//! page without one of its own describes itself with), and the summaries
//! of articles and terms that many pages list, each made once.

use super::terms::{short_definition, TermCounts};
use crate::content::{Article, Site};
use crate::error::Result;
use crate::render::context::{ArticleSummary, PageMeta, SiteView, TermSummary};
use crate::render::{Highlighter, Markdown, Templates};
use crate::site::profile;
use crate::url::Urls;
use serde::Serialize;
use std::sync::OnceLock;

/// The shared, read-only context of page rendering.
pub struct Frame<'a> {
    /// Every link.
    pub urls: &'a Urls,
    /// The templates pages are rendered with.
    pub templates: &'a Templates,
    /// Renders the Markdown of definitions, free pages and notes.
    pub markdown: Markdown<'a>,
    /// Site-wide template variables.
    pub view: SiteView,
    /// `description` from site.yaml.
    pub description: &'a str,
    /// The summaries pages list, made on first use.
    summaries: Summaries,
}

/// Article and term summaries, made once per build on first use and
/// borrowed by the pages that list them: a term page lists fifty
/// articles, an article page its neighbours, related articles and the
/// glosses of its terms, and the same ones recur from page to page.
/// Slots are filled lazily, so a rebuild of a few pages makes only the
/// summaries those pages show.
struct Summaries {
    articles: Vec<OnceLock<Box<ArticleSummary>>>,
    terms: Vec<OnceLock<Box<(TermSummary, String)>>>,
}

impl Summaries {
    fn new(site: &Site) -> Self {
        Summaries {
            articles: site.articles.iter().map(|_| OnceLock::new()).collect(),
            terms: site.terms.iter().map(|_| OnceLock::new()).collect(),
        }
    }
}

impl<'a> Frame<'a> {
    /// The frame of `site`'s pages.
    pub fn new(
        site: &'a Site,
        urls: &'a Urls,
        templates: &'a Templates,
        highlighter: &'a Highlighter,
    ) -> Self {
        Frame {
            urls,
            templates,
            markdown: Markdown::new(urls, highlighter),
            view: SiteView::new(site, urls),
            description: &site.config.description,
            summaries: Summaries::new(site),
        }
    }

    /// The summary of article `a`, the `i`th of the frame's site's
    /// articles (as `&site.articles[i]`, the index is the caller's to get
    /// right).
    pub fn article_summary(&self, i: usize, a: &Article) -> &ArticleSummary {
        self.summaries.articles[i].get_or_init(|| Box::new(ArticleSummary::new(a, self.urls)))
    }

    /// The summary of term `ix` of `terms`, with its total count.
    pub fn term_summary(&self, ix: usize, terms: &TermCounts) -> &TermSummary {
        &self.term_entry(ix, terms).0
    }

    /// The one-line gloss of term `ix` of `terms` ([`short_definition`]).
    pub fn short_definition(&self, ix: usize, terms: &TermCounts) -> &str {
        &self.term_entry(ix, terms).1
    }

    fn term_entry(&self, ix: usize, terms: &TermCounts) -> &(TermSummary, String) {
        let make = || Box::new((terms.summary(ix), short_definition(&terms.terms[ix])));
        self.summaries.terms[ix].get_or_init(make)
    }

    /// `template` rendered with `ctx`.
    pub fn render<C: Serialize>(&self, template: &str, ctx: &C) -> Result<String> {
        self.page(template, || Ok(ctx))
    }

    /// `template` rendered with the context `build` makes. When profiling,
    /// the CPU time of each half is counted per template: building the
    /// context, turning it into Tera's (and dropping both), and Tera.
    pub fn page<C: Serialize>(
        &self,
        template: &str,
        build: impl FnOnce() -> Result<C>,
    ) -> Result<String> {
        if !profile::profiling() {
            return self.templates.render(template, &build()?);
        }
        let t0 = profile::thread_time();
        let ctx = build()?;
        let t1 = profile::thread_time();
        let context = self.templates.context(template, &ctx)?;
        let t2 = profile::thread_time();
        let html = self.templates.render_context(template, &context)?;
        let t3 = profile::thread_time();
        drop((ctx, context));
        let t4 = profile::thread_time();
        let times = profile::TemplateTimes {
            build: t1 - t0,
            serialise: (t2 - t1) + (t4 - t3),
            tera: t3 - t2,
        };
        profile::template_time(template, times);
        Ok(html)
    }

    /// The head of a page at `url` (root-relative): its title, its
    /// description (the site's when empty) and its canonical link.
    pub fn meta(
        &self,
        title: &str,
        description: String,
        url: &str,
        kind: &'static str,
    ) -> PageMeta {
        let description = if description.is_empty() {
            self.description.to_string()
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
}
