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
use crate::glossary::{ArticleText, Occurrences};
use crate::ids::Slug;
use crate::render::Rendered;
use crate::site::analysis::Analysis;
use crate::site::search::SearchIndex;
use crate::url::Urls;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Whether the index lags behind the site, the counter that says which
/// state of the site an index was built from, and the articles of the
/// last snapshot.
#[derive(Debug)]
pub struct SearchIndexState {
    stale: bool,
    /// Bumped each time the site changes under the index; shared with the
    /// publisher, which refuses an index of an older generation.
    generation: Arc<AtomicU64>,
    /// The last snapshot's articles, shared with the next one where they
    /// did not change.
    mirror: Mirror,
}

impl SearchIndexState {
    /// The state after a full build wrote the index of the site as it is.
    pub fn written(generation: Arc<AtomicU64>) -> Self {
        SearchIndexState {
            stale: false,
            generation,
            mirror: Mirror::default(),
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

    /// Forgets the mirrored copies of the articles at `paths` (edited,
    /// added or deleted), so the next snapshot copies them again.
    pub fn forget<'p>(&mut self, paths: impl Iterator<Item = &'p PathBuf>) {
        for path in paths {
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            match Slug::new(stem) {
                Ok(slug) => drop(self.mirror.0.remove(&slug)),
                Err(_) => self.forget_all(),
            }
        }
    }

    /// Forgets every mirrored article (the glossary changed, and with it
    /// what the analysis says of every article).
    pub fn forget_all(&mut self) {
        self.mirror.0.clear();
    }

    /// The generation of the site as it is now.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// Copies what the index needs out of the site as it is now, and
    /// marks the index fresh: a refresh is under way (a failing refresh
    /// is reported once, not retried at every pause; the next content edit
    /// marks the index stale again).
    ///
    /// This runs on the rebuild thread, so it copies only the articles
    /// that changed since the last snapshot ([`Self::forget`]); the others
    /// are shared with it, unread (comparing them cost 25 ms at 10,000
    /// articles; debug builds, and so the tests, still check each).
    pub fn snapshot(&mut self, site: &Site, analysis: &Analysis, urls: &Urls) -> SearchSnapshot {
        self.stale = false;
        let articles = self.mirror.update(site, analysis);
        SearchSnapshot::of(articles, site, analysis, urls, self.generation())
    }
}

/// One article as the index reads it: its slug and front-matter (not its
/// body), its analysed paragraphs, and the printed readings of its
/// emended paragraphs.
#[derive(Debug)]
struct IndexedArticle {
    article: Article,
    text: ArticleText,
    search_texts: Vec<(u32, String)>,
}

impl IndexedArticle {
    fn of(a: &Article, text: &ArticleText, body: &Rendered) -> Self {
        IndexedArticle {
            article: without_body(a),
            text: text.clone(),
            search_texts: body.search_texts.clone(),
        }
    }

    /// Whether this is what the index reads of `a` now.
    fn is(&self, a: &Article, text: &ArticleText, body: &Rendered) -> bool {
        let mine = &self.article;
        mine.slug == a.slug
            && mine.body_line == a.body_line
            && mine.path == a.path
            && mine.meta == a.meta
            && self.text == *text
            && self.search_texts == body.search_texts
    }
}

/// The articles of the last snapshot, by slug.
#[derive(Debug, Default)]
struct Mirror(HashMap<Slug, Arc<IndexedArticle>>);

impl Mirror {
    /// The site's articles as the index reads them, in the site's order:
    /// those mirrored (not forgotten since the last snapshot) shared, the
    /// others copied.
    fn update(&mut self, site: &Site, analysis: &Analysis) -> Vec<Arc<IndexedArticle>> {
        let mut next = HashMap::with_capacity(site.articles.len());
        let articles = site.articles.iter().enumerate().map(|(i, a)| {
            let (text, body) = (&analysis.corpus[i], &analysis.bodies[i]);
            let mirrored = match self.0.get(&a.slug) {
                Some(m) => {
                    debug_assert!(m.is(a, text, body), "{} changed unforgotten", a.slug);
                    m.clone()
                }
                None => Arc::new(IndexedArticle::of(a, text, body)),
            };
            next.insert(a.slug.clone(), mirrored.clone());
            mirrored
        });
        let articles = articles.collect();
        self.0 = next;
        articles
    }
}

/// What the search index of one state of the site is built from, owned,
/// so it can be built on another thread while the site changes.
pub struct SearchSnapshot {
    articles: Vec<Arc<IndexedArticle>>,
    /// The site without its articles, pages, sources or annotations.
    site: Site,
    occurrences: Occurrences,
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
        let articles = Mirror::default().update(site, analysis);
        Self::of(articles, site, analysis, urls, generation)
    }

    fn of(
        articles: Vec<Arc<IndexedArticle>>,
        site: &Site,
        analysis: &Analysis,
        urls: &Urls,
        generation: u64,
    ) -> Self {
        let site = Site {
            root: site.root.clone(),
            config: site.config.clone(),
            articles: Vec::new(),
            terms: site.terms.clone(),
            pages: Vec::new(),
            sources: Vec::new(),
            annotations: Vec::new(),
            translations: site.translations.clone(),
        };
        SearchSnapshot {
            articles,
            site,
            occurrences: analysis.occurrences.clone(),
            urls: urls.clone(),
            generation,
        }
    }

    /// The generation of the site this snapshot was taken from.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Builds the index: every file, with its output path. The site and
    /// analysis it reads are put together here, on the caller's thread.
    pub fn build(self) -> IndexFiles {
        let SearchSnapshot {
            articles,
            mut site,
            occurrences,
            urls,
            generation,
        } = self;
        site.articles = articles.iter().map(|a| a.article.clone()).collect();
        let mut analysis = Analysis::default();
        analysis.corpus = articles.iter().map(|a| a.text.clone()).collect();
        analysis.bodies = articles.iter().map(|a| search_texts_only(a)).collect();
        analysis.occurrences = occurrences;
        drop(articles);
        let index = SearchIndex::build(&site, &analysis, &urls);
        IndexFiles {
            files: index_files(&index),
            generation,
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
fn search_texts_only(a: &IndexedArticle) -> Rendered {
    Rendered {
        search_texts: a.search_texts.clone(),
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
    fn a_second_snapshot_shares_the_articles_that_did_not_change() {
        let mut site = site(&[("a", "两个确立。"), ("b", "清廉重庆。")], &[]);
        site.sort();
        let urls = Urls::new(site.config.base_url.clone());
        let hl = crate::render::Highlighter::new();
        let markdown = crate::render::Markdown::new(&urls, &hl);
        let analysis = crate::site::analysis::analyze(&site, &urls, &markdown);
        let mut state = SearchIndexState::written(Arc::new(AtomicU64::new(0)));
        let first = state.snapshot(&site, &analysis, &urls);
        site.articles[1].meta.title = "改了".into();
        state.forget([site.articles[1].path.clone()].iter());
        let second = state.snapshot(&site, &analysis, &urls);
        assert!(Arc::ptr_eq(&first.articles[0], &second.articles[0]));
        assert!(!Arc::ptr_eq(&first.articles[1], &second.articles[1]));
        assert_eq!(second.articles[1].article.meta.title, "改了");
    }

    #[test]
    fn marking_stale_moves_the_generation_and_a_snapshot_clears_it() {
        let generation = Arc::new(AtomicU64::new(0));
        let mut state = SearchIndexState::written(generation.clone());
        assert!(!state.is_stale());
        state.mark_stale();
        assert!(state.is_stale());
        assert_eq!(generation.load(Ordering::SeqCst), 1);
        let site = site(&[], &[]);
        let urls = Urls::new(site.config.base_url.clone());
        let snapshot = state.snapshot(&site, &Analysis::default(), &urls);
        assert!(!state.is_stale());
        assert_eq!(snapshot.generation(), 1);
    }
}
