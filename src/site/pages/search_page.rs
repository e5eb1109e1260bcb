//! The search page, `search/index.html`: the form, and where its script
//! finds the index ([`crate::site::search`] builds the index; this page
//! only links its head). Reads nothing of the edition.

use super::frame::Frame;
use crate::error::Result;
use crate::render::context::{SearchPage, SearchView};

/// `search/index.html`.
pub fn render(f: &Frame) -> Result<String> {
    let ctx = SearchPage {
        site: &f.view,
        page: f.meta("搜索", String::new(), &f.urls.search(), "search"),
        search: SearchView {
            index_url: f.urls.search_meta(),
        },
    };
    f.render("search.html", &ctx)
}
