//! Refreshing the search index: it covers the whole edition and takes
//! longer to rebuild than the page being edited (about 1.8 s at 10,000
//! articles), so content edits only mark it stale, and the index is
//! rebuilt later, off the rebuild thread, from a [`SearchSnapshot`].
//!
//! A snapshot owns everything [`SearchIndex::build`] reads (the articles'
//! titles, dates and slugs, the glossary, the translations, the analysed
//! paragraph text, the occurrence counts), copied out of the edition in
//! memory at one instant. The edition can then move on under the next
//! edit while the index of the snapshot is built elsewhere; whether that
//! index is still worth publishing is decided by its *generation* (see
//! [`super::publish`]).

use crate::content::{Article, Site};
use crate::render::Rendered;
use crate::site::analysis::Analysis;
use crate::site::search::SearchIndex;
use crate::url::Urls;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Whether the index lags behind the site, and the counter that says
/// which state of the site an index was built from.
#[derive(Debug)]
pub struct SearchIndexState {
    stale: bool,
    /// Bumped each time the site changes under the index; shared with the
    /// publisher, which refuses an index of an older generation.
    generation: Arc<AtomicU64>,
}

impl SearchIndexState {
    /// The state after a full build wrote the index of the site as it is.
    pub fn written(generation: Arc<AtomicU64>) -> Self {
        SearchIndexState {
            stale: false,
            generation,
        }
    }

    /// Whether the index lags behind the site and no refresh has been
    /// started since.
    pub fn is_stale(&self) -> bool {
        self.stale
    }

    /// Records that the site changed under the index: any refresh under
    /// way is of an older state now.
    pub fn mark_stale(&mut self) {
        self.stale = true;
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// The generation of the site as it is now.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// Copies what the index needs out of the site as it is now, and
    /// marks the index fresh: a refresh is under way (a failing refresh
    /// is reported once, not retried at every pause; the next content edit
    /// marks the index stale again).
    pub fn snapshot(&mut self, site: &Site, analysis: &Analysis, urls: &Urls) -> SearchSnapshot {
        self.stale = false;
        SearchSnapshot::take(site, analysis, urls, self.generation())
    }
}

/// What the search index of one state of the site is built from, owned,
/// so it can be built on another thread while the site changes.
pub struct SearchSnapshot {
    site: Site,
    analysis: Analysis,
    urls: Urls,
    generation: u64,
}

/// The files of one built index, (output path, bytes), of a generation.
#[derive(Debug, Default)]
pub struct IndexFiles {
    /// Every file of the index.
    pub files: Vec<(String, Vec<u8>)>,
    /// The generation of the site it indexes.
    pub generation: u64,
}

impl SearchSnapshot {
    /// Copies from `site` and `analysis` what [`SearchIndex::build`]
    /// reads, and nothing else: no article bodies, rendered HTML, pages,
    /// sources or annotations.
    pub fn take(site: &Site, analysis: &Analysis, urls: &Urls, generation: u64) -> Self {
        let articles = site.articles.iter().map(without_body).collect();
        let site = Site {
            root: site.root.clone(),
            config: site.config.clone(),
            articles,
            terms: site.terms.clone(),
            pages: Vec::new(),
            sources: Vec::new(),
            annotations: Vec::new(),
            translations: site.translations.clone(),
        };
        let mut copy = Analysis::default();
        copy.corpus = analysis.corpus.clone();
        copy.occurrences = analysis.occurrences.clone();
        copy.bodies = analysis.bodies.iter().map(search_texts_only).collect();
        SearchSnapshot {
            site,
            analysis: copy,
            urls: urls.clone(),
            generation,
        }
    }

    /// The generation of the site this snapshot was taken from.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Builds the index: every file, with its output path.
    pub fn build(&self) -> IndexFiles {
        let index = SearchIndex::build(&self.site, &self.analysis, &self.urls);
        IndexFiles {
            files: index_files(&index),
            generation: self.generation,
        }
    }
}

/// Every file of `index`, (output path, bytes), as a build writes them.
pub fn index_files(index: &SearchIndex) -> Vec<(String, Vec<u8>)> {
    index
        .files()
        .into_iter()
        .filter_map(|f| Some((f.path(), index.get(f)?.as_bytes().to_vec())))
        .collect()
}

fn without_body(a: &Article) -> Article {
    Article {
        slug: a.slug.clone(),
        meta: a.meta.clone(),
        body: String::new(),
        path: a.path.clone(),
        body_line: a.body_line,
    }
}

/// A rendered body reduced to what search reads of it: the emended
/// paragraphs' printed readings.
fn search_texts_only(body: &Rendered) -> Rendered {
    Rendered {
        search_texts: body.search_texts.clone(),
        ..Rendered::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::incremental::test_site::site;

    #[test]
    fn a_snapshot_builds_the_index_a_build_writes() {
        let mut site = site(
            &[("a", "两个确立，清廉重庆。"), ("b", "清廉重庆建设。")],
            &[("q", "清廉重庆")],
        );
        site.sort();
        let urls = Urls::new(site.config.base_url.clone());
        let hl = crate::render::Highlighter::new();
        let markdown = crate::render::Markdown::new(&urls, &hl);
        let analysis = crate::site::analysis::analyze(&site, &urls, &markdown);
        let built = index_files(&SearchIndex::build(&site, &analysis, &urls));
        let snapshot = SearchSnapshot::take(&site, &analysis, &urls, 7);
        // The edition moves on; the snapshot does not.
        site.articles.remove(0);
        let files = snapshot.build();
        assert_eq!(files.generation, 7);
        assert!(files.files == built, "the same files, byte for byte");
        assert!(files.files.iter().any(|(p, _)| p == "search/meta.json"));
    }

    #[test]
    fn marking_stale_moves_the_generation_and_a_snapshot_clears_it() {
        let generation = Arc::new(AtomicU64::new(0));
        let mut state = SearchIndexState::written(generation.clone());
        assert!(!state.is_stale());
        state.mark_stale();
        assert!(state.is_stale());
        assert_eq!(generation.load(Ordering::SeqCst), 1);
        let site = site(&[("a", "正文。")], &[]);
        let urls = Urls::new(site.config.base_url.clone());
        let snapshot = state.snapshot(&site, &Analysis::default(), &urls);
        assert!(!state.is_stale());
        assert_eq!(snapshot.generation(), 1);
    }
}
