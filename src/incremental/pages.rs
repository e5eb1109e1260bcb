//! The page renderers as the incremental layer uses them: the pages of
//! one state of the site, rendered by key, in parallel, in memory.
//!
//! This is the one file here that calls [`PageRenderer`]; when the
//! renderers change how pages are listed or rendered, it is adapted here.

use crate::content::Site;
use crate::error::Result;
use crate::render::context::SiteView;
use crate::render::{Highlighter, Templates};
use crate::site::analysis::Analysis;
use crate::site::pages::{PageKey, PageRenderer};
use crate::site::search::SearchIndex;
use crate::url::Urls;
use std::collections::BTreeSet;

/// What every page of one state of the site is rendered from.
#[derive(Clone, Copy)]
pub struct PageSources<'a> {
    /// The site.
    pub site: &'a Site,
    /// Its links.
    pub urls: &'a Urls,
    /// The templates.
    pub templates: &'a Templates,
    /// Code highlighting.
    pub highlighter: &'a Highlighter,
    /// The glossary analysis of the site.
    pub analysis: &'a Analysis,
}

impl<'a> PageSources<'a> {
    /// The search index of this state of the site (built whole: it
    /// covers every article).
    pub fn search_index(&self) -> SearchIndex {
        SearchIndex::build(self.site, self.analysis, self.urls)
    }

    /// The renderer of these pages, without the search index's files.
    pub fn renderer(&self) -> PageRenderer<'a> {
        PageRenderer::new(
            self.site,
            self.urls,
            self.templates,
            self.highlighter,
            self.analysis,
        )
    }
}

/// Renders `keys` in parallel: (output path, bytes) of each.
pub fn render<'k>(
    renderer: &PageRenderer,
    keys: impl Iterator<Item = &'k PageKey>,
) -> Result<Vec<(String, Vec<u8>)>> {
    use rayon::prelude::*;
    let keys: Vec<&PageKey> = keys.collect();
    keys.par_iter().map(|k| renderer.render_page(k)).collect()
}

/// The site-wide template variables, serialized: when they change (a page
/// joins the navigation), every page changes.
pub fn site_view(site: &Site, urls: &Urls) -> String {
    serde_json::to_string(&SiteView::new(site, urls)).unwrap_or_default()
}

/// The output paths of the search index files among `keys`.
pub fn search_paths(keys: &[PageKey]) -> BTreeSet<String> {
    keys.iter()
        .filter(|k| is_search_file(k))
        .map(PageKey::path)
        .collect()
}

/// Whether `key` is a file of the search index (refreshed apart).
pub fn is_search_file(key: &PageKey) -> bool {
    matches!(key, PageKey::SearchIndex(_))
}
