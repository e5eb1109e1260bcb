//! Refreshing the search index: it covers the whole edition and takes
//! longer to rebuild than the page being edited, so content edits only
//! mark it stale, and the dev server refreshes it once the editor pauses.

use super::pages::{render, search_paths, PageSources};
use crate::error::Result;
use crate::site::pages::PageKey;
use std::collections::BTreeSet;

/// The search index files last written, and whether they lag behind.
#[derive(Debug, Default)]
pub struct SearchIndexState {
    files: BTreeSet<String>,
    stale: bool,
}

/// A refreshed index: files to write, and old files to delete.
#[derive(Debug, Default)]
pub struct RefreshedIndex {
    /// Every file of the index, (output path, bytes).
    pub pages: Vec<(String, Vec<u8>)>,
    /// Files the index had and no longer has.
    pub gone: Vec<String>,
}

impl SearchIndexState {
    /// The index of a full build, whose pages were `keys`.
    pub fn written(keys: &[PageKey]) -> Self {
        SearchIndexState {
            files: search_paths(keys),
            stale: false,
        }
    }

    /// Whether the index lags behind the site.
    pub fn is_stale(&self) -> bool {
        self.stale
    }

    /// Records that the site changed under the index.
    pub fn mark_stale(&mut self) {
        self.stale = true;
    }

    /// Renders the index of `pages` and names the files it dropped.
    ///
    /// The index is marked fresh first: a failing refresh is reported
    /// once, not retried at every pause; the next content edit marks it
    /// stale again.
    pub fn refresh(&mut self, pages: PageSources) -> Result<RefreshedIndex> {
        self.stale = false;
        let index = pages.search_index();
        let renderer = pages.renderer().with_search(&index);
        let keys = renderer.search_keys();
        let rendered = render(&renderer, keys.iter())?;
        Ok(RefreshedIndex {
            pages: rendered,
            gone: self.replace(search_paths(&keys)),
        })
    }

    /// Takes `files` as the index's files; returns those no longer in it.
    fn replace(&mut self, files: BTreeSet<String>) -> Vec<String> {
        let old = std::mem::replace(&mut self.files, files);
        old.difference(&self.files).cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refresh_names_the_files_the_index_dropped() {
        let mut state = SearchIndexState::default();
        let set = |names: &[&str]| names.iter().map(|n| n.to_string()).collect();
        assert!(state
            .replace(set(&["search/a.json", "search/b.json"]))
            .is_empty());
        assert_eq!(
            state.replace(set(&["search/a.json", "search/c.json"])),
            ["search/b.json"]
        );
        assert!(!state.is_stale());
        state.mark_stale();
        assert!(state.is_stale());
    }
}
