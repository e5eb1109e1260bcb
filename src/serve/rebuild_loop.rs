//! The rebuild loop: batches of changed paths in, merged while a rebuild
//! runs, handed to the incremental [`Session`]; each outcome published to
//! open pages ([`Event`]) and to the terminal ([`Report`]). A panic in a
//! rebuild is caught and reported, and the next change rebuilds
//! everything.
//!
//! The search index is refreshed on a thread of its own once the editor
//! pauses ([`crate::incremental::refresher`]); the loop only hands it a
//! snapshot and hears back, as a message in its own queue, when the index
//! was published (open search pages then reload) or overtaken by an edit.

use super::events::{ErrorInfo, Event, Shared};
use super::report::Report;
use super::watch;
use crate::error::{Error, Location, Result};
use crate::incremental::refresher::Refreshed;
use crate::incremental::{Outcome, Session};
use crate::site::search::SearchFile;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The longest a stream of changes delays a rebuild: past it, the rebuild
/// runs and later changes go into the next one.
const MAX_SETTLE: Duration = Duration::from_millis(500);

/// How long the editor must pause before deferred work (the search index)
/// is started: starting it costs the rebuild thread a copy of what the
/// index reads, so not after every edit of a burst.
const CATCH_UP_AFTER: Duration = Duration::from_millis(250);

/// The longest pause a search refresh waits for. Each edit that overtakes
/// a refresh under way doubles the pause the next one waits for, up to
/// this: an editor saving every second then never pays for refreshes
/// that could not finish (their CPU slows the rebuild on a small
/// machine); a refresh that is published brings it back to
/// [`CATCH_UP_AFTER`].
const MAX_CATCH_UP_AFTER: Duration = Duration::from_secs(2);

/// What the rebuild loop is sent.
pub enum Msg {
    /// Paths changed (or events were lost).
    Batch(watch::Batch),
    /// A search index refresh ended (on its own thread).
    Refreshed(Refreshed),
    /// The server is stopping.
    Stop,
}

/// How deferred work went.
pub enum CatchUp {
    /// It was done here; this changed.
    Done(Outcome),
    /// It runs on another thread, which reports with [`Msg::Refreshed`].
    Started,
}

/// What the rebuild loop drives: the real [`Session`], or in tests one
/// that fails on purpose.
pub trait Rebuild: Send {
    /// Brings the output up to date with `changed` paths.
    fn rebuild(&mut self, changed: Vec<PathBuf>, rescan: bool) -> Result<Outcome>;
    /// Forgets everything in memory after a panic.
    fn poison(&mut self);
    /// Whether work was left for a quiet moment (the search index).
    fn deferred(&self) -> bool {
        false
    }
    /// Does the deferred work, or starts it elsewhere; work done
    /// elsewhere reports through `me`, the loop's own queue.
    fn catch_up(&mut self, me: &mpsc::Sender<Msg>) -> Result<CatchUp> {
        let _ = me;
        Ok(CatchUp::Done(Outcome::default()))
    }
}

impl Rebuild for Session {
    fn rebuild(&mut self, changed: Vec<PathBuf>, rescan: bool) -> Result<Outcome> {
        self.apply(changed, rescan)
    }

    fn poison(&mut self) {
        Session::poison(self);
    }

    fn deferred(&self) -> bool {
        self.search_stale()
    }

    /// Hands a snapshot to the search index's thread, started on first
    /// use with `me` to report to.
    fn catch_up(&mut self, me: &mpsc::Sender<Msg>) -> Result<CatchUp> {
        if !self.start_search_refresh() {
            let me = me.clone();
            let done = move |r| drop(me.send(Msg::Refreshed(r)));
            self.refresh_search_in_background(Box::new(done))?;
            self.start_search_refresh();
        }
        Ok(CatchUp::Started)
    }
}

/// The rebuild loop: the builder, and where its results go.
pub struct RebuildLoop<B> {
    builder: B,
    /// How long without a batch ends a burst.
    quiet: Duration,
    shared: Arc<Shared>,
    root: PathBuf,
    report: Box<dyn FnMut(&Report) + Send>,
    /// How long the editor must pause before deferred work starts.
    catch_up_after: Duration,
    /// Refreshes started elsewhere that have not reported yet.
    in_flight: usize,
}

impl<B: Rebuild> RebuildLoop<B> {
    /// A loop driving `builder`; a burst of batches ends after `quiet`
    /// without one; errors are shown with paths relative to `root`.
    pub fn new(
        builder: B,
        quiet: Duration,
        shared: Arc<Shared>,
        root: PathBuf,
        report: Box<dyn FnMut(&Report) + Send>,
    ) -> Self {
        RebuildLoop {
            builder,
            quiet,
            shared,
            root,
            report,
            catch_up_after: CATCH_UP_AFTER,
            in_flight: 0,
        }
    }

    /// Waits for batches, merging those that queued up meanwhile, until
    /// told to stop or every sender is gone.
    ///
    /// The debouncer waits until each *path* is quiet; a `git checkout`
    /// writing hundreds of files still arrives as a stream of small
    /// batches, one per tick. So after the first batch the loop also waits
    /// until no batch has come for `quiet` (at most [`MAX_SETTLE`]), and
    /// whatever arrives while a rebuild runs is merged into the next one.
    ///
    /// Work a rebuild deferred (the search index, whose rebuild at 10,000
    /// articles takes longer than the edited page) is started once no
    /// batch has come for [`CATCH_UP_AFTER`]; it runs elsewhere and
    /// reports through `me`, a sender of `rx`'s queue.
    pub fn serve_forever(mut self, rx: mpsc::Receiver<Msg>, me: mpsc::Sender<Msg>) {
        loop {
            let first = match self.builder.deferred() {
                false => rx.recv().map_err(|_| ()),
                true => match rx.recv_timeout(self.catch_up_after) {
                    Err(mpsc::RecvTimeoutError::Timeout) => {
                        self.catch_up(&me);
                        continue;
                    }
                    other => other.map_err(|_| ()),
                },
            };
            let first = match first {
                Ok(Msg::Batch(first)) => first,
                Ok(Msg::Refreshed(r)) => {
                    self.refreshed(r);
                    continue;
                }
                Ok(Msg::Stop) | Err(()) => return,
            };
            let mut paths = Vec::new();
            let mut rescan = add(first, &mut paths);
            let deadline = Instant::now() + MAX_SETTLE;
            loop {
                let left = deadline.saturating_duration_since(Instant::now());
                match rx.recv_timeout(self.quiet.min(left)) {
                    Ok(Msg::Batch(b)) => rescan |= add(b, &mut paths),
                    Ok(Msg::Refreshed(r)) => self.refreshed(r),
                    Ok(Msg::Stop) | Err(mpsc::RecvTimeoutError::Disconnected) => return,
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                }
            }
            self.run(paths, rescan);
        }
    }

    /// Does deferred work, or starts it on its own thread; changes done
    /// here go to the terminal (and, as for any rebuild, a failure to the
    /// open pages), but no page reloads for them: the page being read did
    /// not change.
    fn catch_up(&mut self, me: &mpsc::Sender<Msg>) {
        let start = Instant::now();
        let builder = &mut self.builder;
        let outcome = catch_unwind(AssertUnwindSafe(|| builder.catch_up(me)));
        let outcome = outcome.unwrap_or_else(|panic| {
            self.builder.poison();
            Err(panicked(panic.as_ref()))
        });
        let report = match outcome {
            Ok(CatchUp::Started) => {
                self.in_flight += 1;
                return;
            }
            Ok(CatchUp::Done(changes)) => Report::Rebuilt {
                changes,
                elapsed: start.elapsed(),
            },
            Err(e) => self.publish(Err(e), start.elapsed()),
        };
        (self.report)(&report);
    }

    /// A refresh of the search index ended elsewhere. Published, it goes
    /// to the terminal, and open pages that loaded the index reload (they
    /// hold its `meta.json`, and must not fetch shards of the next one);
    /// overtaken by an edit, it is forgotten; failed, it is shown as a
    /// failed rebuild is.
    pub fn refreshed(&mut self, r: Refreshed) {
        self.in_flight = self.in_flight.saturating_sub(1);
        if !matches!(r, Refreshed::Overtaken { .. }) {
            self.catch_up_after = CATCH_UP_AFTER;
        }
        let report = match r {
            Refreshed::Overtaken { .. } => return,
            Refreshed::Failed(e) => self.publish(Err(e), Duration::ZERO),
            Refreshed::Published { outcome, elapsed } => {
                if !outcome.is_empty() {
                    let dir = index_dir_url();
                    self.shared.send(Event::Search { dir });
                }
                Report::Rebuilt {
                    changes: outcome,
                    elapsed,
                }
            }
        };
        (self.report)(&report);
    }

    /// Rebuilds for `paths` (everything when `rescan`) and publishes the
    /// outcome.
    pub fn run(&mut self, paths: Vec<PathBuf>, rescan: bool) {
        let start = Instant::now();
        let builder = &mut self.builder;
        let outcome = catch_unwind(AssertUnwindSafe(|| builder.rebuild(paths, rescan)));
        let outcome = outcome.unwrap_or_else(|panic| {
            self.builder.poison();
            Err(panicked(panic.as_ref()))
        });
        let report = self.publish(outcome, start.elapsed());
        (self.report)(&report);
        if self.in_flight > 0 && self.builder.deferred() {
            // This edit overtook the refreshes under way: wait longer
            // before the next.
            self.catch_up_after = (self.catch_up_after * 2).min(MAX_CATCH_UP_AFTER);
        }
    }

    /// Updates the status and tells open pages; returns what to tell the
    /// terminal.
    fn publish(&self, outcome: Result<Outcome>, elapsed: Duration) -> Report {
        let mut status = self.shared.status();
        let changes = match outcome {
            Ok(changes) => changes,
            Err(e) => {
                let error = ErrorInfo::new(&e, &self.root);
                status.error = Some(error.clone());
                self.shared.send(Event::Error(error.clone()));
                return Report::Failed { error, elapsed };
            }
        };
        let recovered = status.error.take().is_some() || !status.has_site;
        status.has_site = true;
        if changes.is_empty() && !recovered {
            // A stray event (an editor's backup file, a touch): pages
            // stay as they are, but the caller still hears of it.
        } else if changes.css_only() && !recovered {
            let paths = changes.written.iter().map(|p| format!("/{p}")).collect();
            self.shared.send(Event::Css { paths });
        } else {
            status.build = build_id();
            let build = status.build.clone();
            self.shared.send(Event::Reload { build });
        }
        Report::Rebuilt { changes, elapsed }
    }
}

/// Adds a batch's paths to `paths`; says whether it asks for a rescan.
fn add(batch: watch::Batch, paths: &mut Vec<PathBuf>) -> bool {
    match batch {
        watch::Batch::Changed(p) => {
            paths.extend(p);
            false
        }
        watch::Batch::Rescan => true,
    }
}

/// The URL path of the search index's directory in the served site
/// (`/search/`): the dev server serves at the root of its host.
fn index_dir_url() -> String {
    let meta = SearchFile::Meta.path();
    let dir = meta.rsplit_once('/').map_or("", |(d, _)| d);
    format!("/{dir}/")
}

/// A build id unique across server restarts, so a page left open while
/// the server restarted reloads too.
fn build_id() -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    format!("{:x}", now.as_nanos())
}

fn panicked(panic: &(dyn std::any::Any + Send)) -> Error {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    Error::invalid(
        Location::file("jiedu serve"),
        format!("internal error: the rebuild panicked: {what}"),
    )
    .with_hint("this is a bug in jiedu; the next change rebuilds everything")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::events::Status;

    /// Panics on its first rebuild, then succeeds.
    struct Flaky {
        calls: usize,
        poisoned: bool,
    }

    impl Rebuild for Flaky {
        fn rebuild(&mut self, _: Vec<PathBuf>, _: bool) -> Result<Outcome> {
            self.calls += 1;
            if self.calls == 1 {
                panic!("boom");
            }
            Ok(Outcome {
                written: vec!["index.html".into()],
                ..Outcome::default()
            })
        }

        fn poison(&mut self) {
            self.poisoned = true;
        }
    }

    /// A loop over a [`Flaky`] builder that has made `calls` calls, with
    /// what it reports and the events open pages get.
    struct Rig {
        _dir: tempfile::TempDir,
        shared: Arc<Shared>,
        events: tokio::sync::broadcast::Receiver<Event>,
        reports: mpsc::Receiver<Report>,
        loop_: RebuildLoop<Flaky>,
    }

    fn flaky_rig(calls: usize) -> Rig {
        let dir = tempfile::tempdir().unwrap();
        let shared = Arc::new(Shared::new(dir.path(), Status::default()));
        let events = shared.subscribe();
        let (tx, reports) = mpsc::channel();
        let builder = Flaky {
            calls,
            poisoned: false,
        };
        let report = Box::new(move |r: &Report| drop(tx.send(r.clone())));
        let root = dir.path().to_path_buf();
        let loop_ = RebuildLoop::new(builder, Duration::ZERO, shared.clone(), root, report);
        Rig {
            _dir: dir,
            shared,
            events,
            reports,
            loop_,
        }
    }

    #[test]
    fn a_panicking_rebuild_is_reported_and_the_loop_goes_on() {
        let Rig {
            _dir,
            shared,
            mut events,
            reports,
            mut loop_,
        } = flaky_rig(0);
        loop_.run(Vec::new(), false);
        assert!(
            loop_.builder.poisoned,
            "the next rebuild starts from scratch"
        );
        let Ok(Report::Failed { error, .. }) = reports.try_recv() else {
            panic!("a failure report");
        };
        assert!(
            error.message.contains("panicked: boom"),
            "{}",
            error.message
        );
        assert!(matches!(events.try_recv(), Ok(Event::Error(_))));

        loop_.run(Vec::new(), false);
        assert!(matches!(reports.try_recv(), Ok(Report::Rebuilt { .. })));
        assert!(matches!(events.try_recv(), Ok(Event::Reload { .. })));
        assert!(shared.status().error.is_none());
    }

    /// Always leaves deferred work after a rebuild, and starts it elsewhere.
    struct Deferring;

    impl Rebuild for Deferring {
        fn rebuild(&mut self, _: Vec<PathBuf>, _: bool) -> Result<Outcome> {
            Ok(Outcome::default())
        }
        fn poison(&mut self) {}
        fn deferred(&self) -> bool {
            true
        }
        fn catch_up(&mut self, _: &mpsc::Sender<Msg>) -> Result<CatchUp> {
            Ok(CatchUp::Started)
        }
    }

    #[test]
    fn edits_that_overtake_refreshes_lengthen_the_pause_until_one_is_published() {
        let dir = tempfile::tempdir().unwrap();
        let shared = Arc::new(Shared::new(dir.path(), Status::default()));
        let report = Box::new(|_: &Report| {});
        let mut loop_ =
            RebuildLoop::new(Deferring, Duration::ZERO, shared, dir.path().into(), report);
        let (me, _rx) = mpsc::channel();
        // An edit with no refresh under way changes nothing.
        loop_.run(Vec::new(), false);
        assert_eq!(loop_.catch_up_after, CATCH_UP_AFTER);
        let mut pauses = Vec::new();
        for _ in 0..5 {
            loop_.catch_up(&me);
            loop_.run(Vec::new(), false);
            loop_.refreshed(Refreshed::Overtaken { generation: 0 });
            pauses.push(loop_.catch_up_after.as_millis());
        }
        assert_eq!(pauses, [500, 1000, 2000, 2000, 2000]);
        loop_.catch_up(&me);
        let outcome = Outcome::default();
        let elapsed = Duration::ZERO;
        loop_.refreshed(Refreshed::Published { outcome, elapsed });
        assert_eq!(loop_.catch_up_after, CATCH_UP_AFTER);
        assert_eq!(loop_.in_flight, 0);
    }

    #[test]
    fn a_published_index_reloads_the_pages_that_loaded_one_and_an_overtaken_one_is_silent() {
        let Rig {
            _dir,
            mut events,
            reports,
            mut loop_,
            ..
        } = flaky_rig(1);
        loop_.refreshed(Refreshed::Overtaken { generation: 3 });
        assert!(reports.try_recv().is_err() && events.try_recv().is_err());

        let outcome = Outcome {
            written: vec!["search/meta.json".into()],
            ..Outcome::default()
        };
        let elapsed = Duration::ZERO;
        loop_.refreshed(Refreshed::Published { outcome, elapsed });
        assert!(matches!(reports.try_recv(), Ok(Report::Rebuilt { .. })));
        let dir = "/search/".to_string();
        assert_eq!(events.try_recv().unwrap(), Event::Search { dir });
        assert!(
            events.try_recv().is_err(),
            "no page reloads for it but those"
        );
    }

    fn write(root: &std::path::Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// The place a failed rebuild of `loop_` reported, and the one its
    /// event told open pages.
    fn failure<B: Rebuild>(
        loop_: &mut RebuildLoop<B>,
        paths: Vec<PathBuf>,
        full: bool,
        reports: &mpsc::Receiver<Report>,
        events: &mut tokio::sync::broadcast::Receiver<Event>,
    ) -> (String, String) {
        loop_.run(paths, full);
        let Ok(Report::Failed { error, .. }) = reports.try_recv() else {
            panic!("a failure report");
        };
        let shown = std::iter::from_fn(|| events.try_recv().ok())
            .find_map(|e| match e {
                Event::Error(shown) => Some(shown),
                _ => None,
            })
            .expect("an error event");
        (error.place(), shown.place())
    }

    #[test]
    fn a_bad_glossary_entry_is_reported_at_its_line_and_column() {
        use crate::config::BaseUrl;
        use crate::incremental::OutputDir;
        use crate::layout::Layout;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        write(&root, "site.yaml", "title: t\nbase_url: https://x.org/\n");
        write(
            &root,
            "content/articles/a.md",
            "---\ntitle: 甲\n---\n两个确立。\n",
        );
        let bad = "---\nterm: 两个确立\npinyin: x\nkind: slogan\nparent: nope\n---\n定义。\n";
        write(&root, "content/glossary/que-li.md", bad);
        let out = OutputDir::open(&root.join(".out")).unwrap();
        let base = BaseUrl::parse("http://127.0.0.1:1/").unwrap();
        let session = Session::open(Layout::new(&root), out, base);
        let shared = Arc::new(Shared::new(&root.join(".out"), Status::default()));
        let mut events = shared.subscribe();
        let (tx, reports) = mpsc::channel();
        let report = Box::new(move |r: &Report| drop(tx.send(r.clone())));
        let mut loop_ = RebuildLoop::new(session, Duration::ZERO, shared, root.clone(), report);
        // At start-up (a full build), as `jiedu build` reports it.
        let at = "content/glossary/que-li.md:5:9";
        let places = failure(&mut loop_, Vec::new(), true, &reports, &mut events);
        assert_eq!(places, (at.to_string(), at.to_string()));

        // Fixed, it builds; broken again by an edit, the same place.
        let term = root.join("content/glossary/que-li.md");
        write(
            &root,
            "content/glossary/que-li.md",
            &bad.replace("parent: nope\n", ""),
        );
        loop_.run(vec![term.clone()], false);
        assert!(matches!(reports.try_recv(), Ok(Report::Rebuilt { .. })));
        write(&root, "content/glossary/que-li.md", bad);
        let places = failure(&mut loop_, vec![term], false, &reports, &mut events);
        assert_eq!(places, (at.to_string(), at.to_string()));
    }
}
