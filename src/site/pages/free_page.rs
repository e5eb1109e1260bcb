//! A free page, `<slug>/`: an about page and the like, from
//! `content/pages/<slug>.md`. Reads only the page itself.

use super::frame::Frame;
use crate::content::Page;
use crate::error::Result;
use crate::render::context::FreePage;
use crate::render::Anchors;

/// The page of `page`.
pub fn render(f: &Frame, page: &Page) -> Result<String> {
    let body_html = f.markdown.render(&page.body, Anchors::None).html;
    let description = page.meta.description.clone().unwrap_or_default();
    let mut meta = f.meta(
        &page.meta.title,
        description,
        &f.urls.page(&page.slug),
        "page",
    );
    meta.draft = page.meta.draft;
    f.render(
        "page.html",
        &FreePage {
            site: &f.view,
            page: meta,
            body_html,
        },
    )
}
