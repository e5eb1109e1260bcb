//! The incremental layer's entry point: a [`Session`] keeps one output
//! directory byte-for-byte equal to what `jiedu build` would write for an
//! edition, and brings it up to date after each batch of changed paths.

use super::edition::LiveEdition;
use super::edits::Edits;
use super::inputs::ChangedPaths;
use super::outcome::Outcome;
use super::output::OutputDir;
use super::publish::{Published, SearchPublisher};
use super::refresher::{OnRefreshed, SearchRefresher};
use super::rewrite::PendingWrites;
use super::templates::TemplateSet;
use super::writer::OutputWriter;
use crate::config::BaseUrl;
use crate::error::Result;
use crate::layout::Layout;
use crate::render::Highlighter;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

/// Keeps an output directory equal to a build of an edition.
///
/// ```no_run
/// use jiedu::incremental::{OutputDir, Session};
/// use jiedu::layout::Layout;
/// # fn main() -> jiedu::Result<()> {
/// let base = jiedu::config::BaseUrl::parse("http://127.0.0.1:1111/").unwrap();
/// let mut session = Session::open(Layout::new("."), OutputDir::open("out".as_ref())?, base);
/// session.apply(Vec::new(), true)?; // the first, full build
/// let outcome = session.apply(vec!["content/articles/a.md".into()], false)?;
/// println!("wrote {:?}", outcome.written);
/// # Ok(())
/// # }
/// ```
pub struct Session {
    layout: Layout,
    out: OutputDir,
    base_url: BaseUrl,
    highlighter: Highlighter,
    edition: Option<LiveEdition>,
    /// Changed paths not yet applied (their last rebuild failed).
    pending: BTreeSet<PathBuf>,
    /// The next rebuild must be a full one.
    full: bool,
    /// Writes the search index into `out`, whole, when it is current.
    publisher: Arc<SearchPublisher>,
    /// Builds the search index off the rebuild thread, once started.
    refresher: Option<SearchRefresher>,
}

impl Session {
    /// A session for the edition at `layout` (absolute) writing into
    /// `out`, with links for `base_url`. Nothing is built until
    /// [`Session::apply`].
    pub fn open(layout: Layout, out: OutputDir, base_url: BaseUrl) -> Self {
        Session {
            layout,
            publisher: Arc::new(SearchPublisher::new(out.clone())),
            out,
            base_url,
            highlighter: Highlighter::new(),
            edition: None,
            pending: BTreeSet::new(),
            full: true,
            refresher: None,
        }
    }

    /// The publisher of the search index: the dev server reads the
    /// index's files under its lock, so it never serves half of one.
    pub fn search_publisher(&self) -> Arc<SearchPublisher> {
        self.publisher.clone()
    }

    /// Whether a site has been built (the output is worth serving).
    pub fn has_site(&self) -> bool {
        self.edition.is_some()
    }

    /// Forgets the in-memory edition, so the next rebuild is a full one.
    /// Called after a rebuild panicked and may have left it half-changed.
    pub fn poison(&mut self) {
        self.edition = None;
        self.full = true;
    }

    /// Brings the output up to date with `changed` paths (plus any still
    /// pending from a failed rebuild); `rescan` forces a full rebuild, as
    /// do `site.yaml`, an annotation, or no edition in memory.
    ///
    /// An error leaves the edition in memory and the output as they were;
    /// the paths stay pending and are retried with the next call.
    pub fn apply(&mut self, changed: Vec<PathBuf>, rescan: bool) -> Result<Outcome> {
        self.pending.extend(changed);
        let sorted = ChangedPaths::sort(&self.layout, &self.pending);
        self.full |= rescan || sorted.everything || self.edition.is_none();
        // A search index half-written by a failed publication.
        self.full |= self.publisher.is_broken();
        let result = match self.full {
            true => self.full_build(),
            false => self.incremental(&sorted),
        };
        if result.is_ok() {
            self.pending.clear();
            self.full = false;
        }
        result
    }

    /// Whether the search index lags behind the site: content edits leave
    /// it for [`Session::refresh_search`], so that the page being edited
    /// reloads without waiting for an index of the whole edition.
    pub fn search_stale(&self) -> bool {
        self.edition.as_ref().is_some_and(LiveEdition::search_stale)
    }

    /// Rebuilds the search index here and now, writes the files that
    /// changed and deletes those it no longer has.
    pub fn refresh_search(&mut self) -> Result<Outcome> {
        let Some(edition) = self.edition.as_mut() else {
            return Ok(Outcome::default());
        };
        let index = edition.search_snapshot().build();
        match self.publisher.publish(&index)? {
            Published::Written(outcome) => Ok(outcome),
            Published::Overtaken => Ok(Outcome::default()),
        }
    }

    /// Builds and publishes the search index on a thread of its own from
    /// now on: [`Session::start_search_refresh`] returns at once, and
    /// `done` hears how each refresh ended.
    pub fn refresh_search_in_background(&mut self, done: OnRefreshed) -> Result<()> {
        self.refresher_with(|publisher| SearchRefresher::start(publisher, done))
    }

    /// [`Session::refresh_search_in_background`] with a refresher made by
    /// `start` (tests hold its refreshes at will).
    pub fn refresher_with(
        &mut self,
        start: impl FnOnce(Arc<SearchPublisher>) -> std::io::Result<SearchRefresher>,
    ) -> Result<()> {
        let refresher =
            start(self.publisher.clone()).map_err(|e| crate::error::Error::io("jiedu serve", e))?;
        self.refresher = Some(refresher);
        Ok(())
    }

    /// Hands a snapshot of the site to the background refresher and
    /// returns at once; says whether there was one to hand it to (else
    /// nothing happens: see [`Session::refresh_search`]).
    pub fn start_search_refresh(&mut self) -> bool {
        let (Some(edition), Some(refresher)) = (self.edition.as_mut(), &self.refresher) else {
            return false;
        };
        refresher.submit(edition.search_snapshot());
        true
    }

    /// Loads and renders everything, then writes what differs and deletes
    /// what a build would not have written.
    fn full_build(&mut self) -> Result<Outcome> {
        self.edition = None;
        let generation = self.publisher.generation();
        let (edition, pages, index) =
            LiveEdition::load(&self.layout, &self.base_url, &self.highlighter, generation)?;
        let mut outcome = Outcome {
            full: true,
            ..Outcome::default()
        };
        let writer = OutputWriter::new(&self.layout, &self.out);
        // The index's files are among the pages: written with the index
        // locked, as a publication is.
        self.publisher
            .rewrite_all(index, || writer.sync(pages, &mut outcome))?;
        self.edition = Some(edition);
        Ok(outcome)
    }

    /// Reads the changed files, applies them to the edition in memory,
    /// writes the pages they changed.
    fn incremental(&mut self, changed: &ChangedPaths) -> Result<Outcome> {
        let Some(edition) = self.edition.as_mut() else {
            return self.full_build();
        };
        let edits = Edits::read(edition.site(), changed)?;
        let reloaded = match changed.templates {
            true => Some(TemplateSet::load(&self.layout, edition.urls())?),
            false => None,
        };
        let pending = edition.apply(&edits, reloaded, &self.highlighter)?;
        let mut outcome = Outcome::default();
        let written = self.write(pending, changed, &mut outcome);
        if written.is_err() {
            // The edition in memory is ahead of the output now; start over.
            self.full = true;
        }
        written.map(|()| outcome)
    }

    fn write(
        &self,
        pending: PendingWrites,
        changed: &ChangedPaths,
        outcome: &mut Outcome,
    ) -> Result<()> {
        let writer = OutputWriter::new(&self.layout, &self.out);
        for (rel, bytes) in &pending.pages {
            outcome.rendered.push(rel.clone());
            writer.put_page(rel, bytes, outcome)?;
        }
        for key in &pending.removed {
            writer.remove(&key.path(), outcome)?;
        }
        let page_at = |rel: &str| match &self.edition {
            Some(edition) => edition.page_at(rel, &self.highlighter),
            None => Ok(None),
        };
        writer.update_statics(&changed.statics, page_at, outcome)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::incremental::refresher::Refreshed;
    use crate::incremental::test_site::{article, edition, files, fresh_build, term, write, BASE};
    use std::collections::BTreeMap;
    use std::sync::mpsc;
    use std::time::Duration;

    /// A bound on waits that only a hang reaches; never a measure of speed.
    const PATIENCE: Duration = Duration::from_secs(120);

    fn open(root: &std::path::Path) -> Session {
        let out = OutputDir::open(&root.join(".out")).unwrap();
        Session::open(Layout::new(root), out, BaseUrl::parse(BASE).unwrap())
    }

    #[test]
    fn a_failed_edit_changes_nothing_and_is_retried_until_fixed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        edition(&root);
        let mut session = open(&root);
        assert!(session.apply(Vec::new(), false).unwrap().full);
        let built = files(&root.join(".out"));

        // A parent that does not exist fails after the swap: undone.
        let entry = root.join("content/glossary/qing-lian.md");
        let bad = term("清廉重庆", "parent: nope\n", "改了。");
        write(&root, "content/glossary/qing-lian.md", &bad);
        assert!(session.apply(vec![entry.clone()], false).is_err());
        assert_eq!(files(&root.join(".out")), built, "the output is untouched");
        assert!(session.has_site());
        // The path stays pending: a later batch without it retries it.
        assert!(session.apply(Vec::new(), false).is_err());

        write(
            &root,
            "content/glossary/qing-lian.md",
            &term("清廉重庆", "", "改了。"),
        );
        let outcome = session.apply(Vec::new(), false).unwrap();
        assert!(!outcome.full && !outcome.written.is_empty());
        if session.search_stale() {
            session.refresh_search().unwrap();
        }
        assert!(files(&root.join(".out")) == fresh_build(&root));
    }

    #[test]
    fn a_poisoned_session_rebuilds_everything_and_deletes_strays() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        edition(&root);
        let mut session = open(&root);
        session.apply(Vec::new(), false).unwrap();
        std::fs::write(root.join(".out/stray.html"), "x").unwrap();
        session.poison();
        assert!(!session.has_site());
        let outcome = session.apply(Vec::new(), false).unwrap();
        assert!(outcome.full);
        assert_eq!(outcome.removed, ["stray.html"]);
        assert!(files(&root.join(".out")) == fresh_build(&root));
    }

    /// The search index's files among `files`.
    fn index_of(files: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
        let index = files.iter().filter(|(p, _)| p.ends_with(".json"));
        index
            .filter(|(p, _)| SearchPublisher::is_index_path(p))
            .map(|(p, b)| (p.clone(), b.clone()))
            .collect()
    }

    /// Edits the body of article `jia` to mention `text`, and applies it.
    fn edit(session: &mut Session, root: &std::path::Path, text: &str) -> Outcome {
        let body = format!("市委召开全会，{text}。");
        write(
            root,
            "content/articles/jia.md",
            &article("文章甲", 1, "", &body),
        );
        let path = root.join("content/articles/jia.md");
        session.apply(vec![path], false).unwrap()
    }

    /// A refresher that stops each built index before publishing it: it
    /// says which generation it holds on `held`, and goes on when `go`
    /// says so (or, should the test hang, after [`PATIENCE`], noting it).
    struct Held {
        held: mpsc::Receiver<u64>,
        go: mpsc::Sender<()>,
        ended: mpsc::Receiver<Refreshed>,
        timed_out: Arc<std::sync::atomic::AtomicBool>,
    }

    fn hold(session: &mut Session) -> Held {
        let (held_tx, held) = mpsc::channel();
        let (go, go_rx) = mpsc::channel::<()>();
        let (ended_tx, ended) = mpsc::channel();
        let timed_out = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = timed_out.clone();
        let go_rx = std::sync::Mutex::new(go_rx);
        let before = move |generation| {
            held_tx.send(generation).unwrap();
            let go = go_rx.lock().unwrap().recv_timeout(PATIENCE);
            flag.fetch_or(go.is_err(), std::sync::atomic::Ordering::SeqCst);
        };
        let done = move |r| drop(ended_tx.send(r));
        session
            .refresher_with(|p| SearchRefresher::start_with(p, Box::new(done), Box::new(before)))
            .unwrap();
        Held {
            held,
            go,
            ended,
            timed_out,
        }
    }

    #[test]
    fn a_rebuild_never_waits_for_a_search_refresh_and_an_overtaken_one_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        edition(&root);
        let mut session = open(&root);
        session.apply(Vec::new(), false).unwrap();
        let out = root.join(".out");
        let first_index = index_of(&files(&out));
        let refresh = hold(&mut session);

        edit(&mut session, &root, "强调两个确立");
        assert!(session.search_stale());
        assert!(session.start_search_refresh());
        assert!(!session.search_stale(), "a refresh is under way");
        let generation = refresh.held.recv_timeout(PATIENCE).unwrap();

        // The refresh is built and held on its thread; an edit now is
        // rebuilt and written all the same (were the rebuild to wait for
        // the refresh, it would wait until the refresher gave up).
        let outcome = edit(&mut session, &root, "推进清廉重庆建设");
        assert!(outcome
            .written
            .contains(&"articles/jia/index.html".to_string()));
        let page = std::fs::read_to_string(out.join("articles/jia/index.html")).unwrap();
        assert!(page.contains("推进"), "the second edit is served");
        refresh.go.send(()).unwrap();
        let ended = refresh.ended.recv_timeout(PATIENCE).unwrap();
        assert!(
            matches!(ended, Refreshed::Overtaken { generation: g } if g == generation),
            "the index of the first edit is dropped: {ended:?}"
        );
        assert!(!refresh.timed_out.load(std::sync::atomic::Ordering::SeqCst));
        assert!(
            index_of(&files(&out)) == first_index,
            "nothing of the overtaken index was written"
        );

        // The next pause builds the index of the last edit, and publishes it.
        assert!(session.search_stale());
        assert!(session.start_search_refresh());
        refresh.held.recv_timeout(PATIENCE).unwrap();
        refresh.go.send(()).unwrap();
        let ended = refresh.ended.recv_timeout(PATIENCE).unwrap();
        assert!(matches!(ended, Refreshed::Published { .. }), "{ended:?}");
        assert!(
            files(&out) == fresh_build(&root),
            "pages and index of the last edit"
        );
    }

    #[test]
    fn after_a_burst_of_edits_the_published_index_is_the_last_ones_whole() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        edition(&root);
        let mut session = open(&root);
        session.apply(Vec::new(), false).unwrap();
        let (ended_tx, ended) = mpsc::channel();
        let done = move |r| drop(ended_tx.send(r));
        session
            .refresh_search_in_background(Box::new(done))
            .unwrap();
        let texts = ["两个确立", "清廉重庆", "三清三减三增", "三清", "普通"];
        let mut started = 0;
        for (k, text) in texts.iter().cycle().take(12).enumerate() {
            edit(&mut session, &root, &format!("{text}第{k}次"));
            // A refresh started after some edits, and overtaken by the next.
            if k % 3 == 0 && session.start_search_refresh() {
                started += 1;
            }
        }
        assert!(session.start_search_refresh());
        started += 1;
        // Each refresh ends once; the last, of the site as it is, is
        // published (the others were published only if no edit came
        // before they were done).
        let mut last = None;
        for _ in 0..started {
            match ended.recv_timeout(PATIENCE).unwrap() {
                Refreshed::Failed(e) => panic!("{e}"),
                r => last = Some(r),
            }
        }
        assert!(
            matches!(last, Some(Refreshed::Published { .. })),
            "{last:?}"
        );
        let out = files(&root.join(".out"));
        let built = fresh_build(&root);
        assert!(
            index_of(&out) == index_of(&built),
            "meta, articles and every shard are the last edit's"
        );
        assert!(out == built);
    }
}
