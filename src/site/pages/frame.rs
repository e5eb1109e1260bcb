//! What every page kind renders with, read-only and shared: the links
//! ([`Urls`]), the templates, the Markdown renderer, the site-wide
//! template variables ([`SiteView`]) and the site's own description
//! (what a page without one of its own describes itself with).

use crate::content::Site;
use crate::error::Result;
use crate::render::context::{PageMeta, SiteView};
use crate::render::{Highlighter, Markdown, Templates};
use crate::site::profile;
use crate::url::Urls;
use serde::Serialize;

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
        }
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
