//! The 404 page, `404.html`. Reads nothing of the edition.

use super::frame::Frame;
use crate::error::Result;
use crate::render::context::NotFoundPage;

/// `404.html`.
pub fn render(f: &Frame) -> Result<String> {
    let page = f.meta("页面不存在", String::new(), &f.urls.not_found(), "404");
    f.render(
        "404.html",
        &NotFoundPage {
            site: &f.view,
            page,
        },
    )
}
