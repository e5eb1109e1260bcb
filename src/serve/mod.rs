//! `jiedu serve`: a local preview that rebuilds what an edit changes and
//! reloads the open pages.
//!
//! Three parts, each on its own thread, meet in [`Server`]:
//!
//! ```text
//! watch (notify + debouncer) ──batches──▶ rebuild loop ──events──▶ http (axum)
//!   content/, templates/,       std mpsc     Builder: Site in      /__jiedu/events (SSE)
//!   site.yaml                                memory, deps, writes  files, 404, reload.js
//!                                            .jiedu-serve/
//! ```
//!
//! - [`watch`] sorts file-system events into what they feed.
//! - [`rebuild`] keeps the output equal to a fresh `jiedu build`, re-reading
//!   and re-rendering only what [`crate::site::deps`] says depends on the
//!   change. Batches that arrive while a rebuild runs are merged into the
//!   next one, so a `git checkout` touching hundreds of files is one rebuild.
//! - [`http`] serves the output (never a byte outside it), injects the
//!   reload script into HTML responses, and pushes events to open pages.
//!
//! A failed rebuild keeps the last good site served and shows the error
//! in every open page; a panic in a rebuild is caught, reported the same
//! way, and the next change rebuilds everything. No content error stops
//! the server.
//!
//! ```no_run
//! use jiedu::serve::{Server, ServeOptions};
//! let server = Server::start(std::path::Path::new("."), &ServeOptions::default(), |r| println!("{r}"))?;
//! println!("serving at {}", server.url());
//! server.wait();
//! # Ok::<(), jiedu::Error>(())
//! ```

pub mod http;
pub mod output;
mod reanalyse;
pub mod rebuild;
pub mod watch;

use crate::config::BaseUrl;
use crate::error::{Error, Location, Result};
use http::{Shared, Status};
use output::ServedDir;
use rebuild::{Builder, Changes};
use serde::Serialize;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The longest a stream of changes delays a rebuild: past it, the rebuild
/// runs and later changes go into the next one.
const MAX_SETTLE: Duration = Duration::from_millis(500);

/// How long the editor must pause before deferred work (the search index)
/// is done.
const CATCH_UP_AFTER: Duration = Duration::from_millis(250);

/// How `jiedu serve` was asked to run.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Address to listen on; 127.0.0.1 unless asked otherwise.
    pub bind: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Whether to watch the edition and rebuild.
    pub watch: Watch,
    /// Output directory; default `<root>/.jiedu-serve`.
    pub out: Option<PathBuf>,
    /// How long the watcher waits for a burst of events to end.
    pub debounce: Duration,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 1111,
            watch: Watch::On,
            out: None,
            // Short enough to stay well inside the 100 ms edit→reload
            // target, long enough to fold an editor's save into one event.
            debounce: Duration::from_millis(20),
        }
    }
}

/// Whether the server watches the edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Watch {
    /// Rebuild on every change (the default).
    On,
    /// Serve the first build only.
    Off,
}

/// What open pages are told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Pages changed: reload. `build` is the new build id.
    Reload {
        /// The build id pages are now at.
        build: String,
    },
    /// Only these stylesheets (URL paths) changed: swap them in place.
    Css {
        /// `/static/site.css` and the like.
        paths: Vec<String>,
    },
    /// A rebuild failed; the last good site is still served.
    Error(ErrorInfo),
}

/// A build error as the browser overlay shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorInfo {
    /// The file, relative to the edition root when inside it.
    pub file: String,
    /// 1-based line, 0 when unknown.
    pub line: usize,
    /// 1-based column in characters, 0 when unknown.
    pub column: usize,
    /// The whole message, with hints.
    pub message: String,
}

impl ErrorInfo {
    /// The overlay's view of `e`.
    pub fn new(e: &Error, root: &Path) -> Self {
        let loc = e.location();
        let file = loc.map(|l| l.path.strip_prefix(root).unwrap_or(&l.path));
        ErrorInfo {
            file: file.map(|f| f.display().to_string()).unwrap_or_default(),
            line: loc.map_or(0, |l| l.line),
            column: loc.map_or(0, |l| l.col),
            message: e.to_string(),
        }
    }

    /// `file:line:column`, leaving out what is unknown.
    pub fn place(&self) -> String {
        Location::at(&self.file, self.line, self.column).to_string()
    }
}

/// What the terminal is told after each rebuild.
#[derive(Debug, Clone)]
pub enum Report {
    /// The output is up to date.
    Rebuilt {
        /// What changed in it.
        changes: Changes,
        /// How long the rebuild took.
        elapsed: Duration,
    },
    /// The rebuild failed; the previous output is still served.
    Failed {
        /// The error.
        error: ErrorInfo,
        /// How long until it failed.
        elapsed: Duration,
    },
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Report::Rebuilt { changes, elapsed } => {
                let ms = elapsed.as_millis();
                if changes.is_empty() {
                    return write!(f, "nothing changed ({ms} ms)");
                }
                let what = if changes.full { "built" } else { "rebuilt" };
                let n = changes.written.len();
                let files = if n == 1 { "file" } else { "files" };
                write!(f, "{what} {n} {files} ({}) ", names(&changes.written))?;
                if !changes.removed.is_empty() {
                    let m = changes.removed.len();
                    write!(f, "and removed {m} ({}) ", names(&changes.removed))?;
                }
                write!(f, "in {ms} ms")
            }
            Report::Failed { error, elapsed } => write!(
                f,
                "error after {} ms, still serving the last good site:\n{}",
                elapsed.as_millis(),
                error.message
            ),
        }
    }
}

/// `articles/x, index, …` — page names without `index.html`, at most four.
fn names(paths: &[String]) -> String {
    let short = |p: &String| {
        let p = p.strip_suffix("/index.html").unwrap_or(p);
        p.strip_suffix(".html").unwrap_or(p).to_string()
    };
    let mut list: Vec<String> = paths.iter().take(4).map(short).collect();
    if paths.len() > 4 {
        list.push("…".into());
    }
    list.join(", ")
}

/// A running dev server. Dropping it stops it.
pub struct Server {
    url: String,
    addr: SocketAddr,
    out: PathBuf,
    shared: Arc<Shared>,
    tx: mpsc::Sender<Msg>,
    watcher: Option<watch::Watcher>,
    builder: Option<JoinHandle<()>>,
    runtime: Option<tokio::runtime::Runtime>,
    http: Option<tokio::task::JoinHandle<()>>,
}

/// What the rebuild loop is sent.
enum Msg {
    Batch(watch::Batch),
    Stop,
}

impl Server {
    /// Builds the edition at `root`, starts serving it and (unless
    /// [`Watch::Off`]) watching it. `report` is told about every rebuild,
    /// the first one included, and those that changed nothing.
    ///
    /// Fails only when the server cannot run at all (the port is taken,
    /// the output cannot be created); a broken edition is served as an
    /// error page until it is fixed.
    pub fn start(
        root: &Path,
        opts: &ServeOptions,
        report: impl FnMut(&Report) + Send + 'static,
    ) -> Result<Server> {
        let root = root.canonicalize().map_err(|e| Error::io(root, e))?;
        let listener = bind(opts)?;
        let addr = listener
            .local_addr()
            .map_err(|e| Error::io(root.as_path(), e))?;
        let url = format!("http://{addr}/");
        let base = BaseUrl::parse(&url).map_err(|m| Error::invalid(Location::file("--bind"), m))?;
        let out = opts
            .out
            .clone()
            .unwrap_or_else(|| root.join(".jiedu-serve"));
        let builder = Builder::new(&root, ServedDir::open(&out)?, base);
        let shared = Arc::new(Shared::new(&out, Status::default()));
        let (tx, rx) = mpsc::channel();
        let mut server = Server {
            url,
            addr,
            out,
            shared: shared.clone(),
            tx: tx.clone(),
            watcher: None,
            builder: None,
            runtime: None,
            http: None,
        };
        if opts.watch == Watch::On {
            let on_batch = move |batch| drop(tx.send(Msg::Batch(batch)));
            let w = watch::start(&root, opts.debounce, on_batch).map_err(|e| {
                Error::invalid(
                    Location::file(&root),
                    format!("cannot watch the edition: {e}"),
                )
            })?;
            server.watcher = Some(w);
        }
        let mut rebuilds = Rebuilds {
            builder,
            quiet: opts.debounce / 2,
            shared,
            root,
            report: Box::new(report),
        };
        // The first build runs before the first request can arrive.
        rebuilds.run(Vec::new(), true);
        let thread = std::thread::Builder::new()
            .name("jiedu-rebuild".into())
            .spawn(move || rebuilds.serve_forever(rx))
            .map_err(|e| Error::io(&server.out, e))?;
        server.builder = Some(thread);
        server.start_http(listener)?;
        Ok(server)
    }

    fn start_http(&mut self, listener: std::net::TcpListener) -> Result<()> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            // File reads run on blocking threads; tokio's default of up to
            // 512 let a burst of requests start hundreds of threads, each
            // with its own stack and allocator heap (a thousand requests
            // took the server from 46 to 230 MB). Reads of small files
            // queue fine on a few.
            .max_blocking_threads(8)
            .thread_name("jiedu-http")
            .enable_all()
            .build()
            .map_err(|e| Error::io(&self.out, e))?;
        let listener = {
            let _in_runtime = runtime.enter();
            tokio::net::TcpListener::from_std(listener).map_err(|e| Error::io(&self.out, e))?
        };
        let app = http::router(self.shared.clone());
        let task = runtime.spawn(async move {
            // Errors here are per-connection and already handled by axum.
            let _ = axum::serve(listener, app).await;
        });
        self.http = Some(task);
        self.runtime = Some(runtime);
        Ok(())
    }

    /// The site's address, e.g. `http://127.0.0.1:1111/`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The directory being served.
    pub fn out_dir(&self) -> &Path {
        &self.out
    }

    /// Every event sent to open pages from now on, for tests and
    /// benchmarks in the same process.
    pub fn subscribe(&self) -> tokio::sync::broadcast::Receiver<Event> {
        self.shared.subscribe()
    }

    /// How many event streams are open.
    pub fn listeners(&self) -> usize {
        self.shared.listeners()
    }

    /// Rebuilds for `paths` as if the watcher had reported them (for
    /// `--no-watch` callers and tests).
    pub fn changed(&self, paths: Vec<PathBuf>) {
        let _ = self.tx.send(Msg::Batch(watch::Batch::Changed(paths)));
    }

    /// Serves until the process is ended.
    pub fn wait(mut self) {
        if let (Some(rt), Some(http)) = (&self.runtime, self.http.take()) {
            let _ = rt.block_on(http);
        }
    }

    /// Stops watching, rebuilding and serving.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        // Dropping the watcher stops its threads; then the loop is told.
        self.watcher = None;
        let _ = self.tx.send(Msg::Stop);
        if let Some(t) = self.builder.take() {
            let _ = t.join();
        }
        if let Some(rt) = self.runtime.take() {
            // Open event streams never end by themselves; drop them.
            rt.shutdown_background();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn bind(opts: &ServeOptions) -> Result<std::net::TcpListener> {
    let addr = SocketAddr::new(opts.bind, opts.port);
    let listener = listen(addr).map_err(|e| {
        Error::invalid(
            Location::file("--port"),
            format!("cannot listen on {addr}: {e}"),
        )
        .with_hint("choose another --port, or --port 0 for any free one")
    })?;
    listener
        .set_nonblocking(true)
        .map_err(|e| Error::io("--port", e))?;
    Ok(listener)
}

/// Connections the kernel queues before the server accepts them.
const BACKLOG: i32 = 1024;

/// `TcpListener::bind` with a deeper accept queue: std's 128 overflows
/// when many requests arrive at once (the load test's thousand), and the
/// kernel then resets connections instead of queueing them.
fn listen(addr: SocketAddr) -> std::io::Result<std::net::TcpListener> {
    use socket2::{Domain, Socket, Type};
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, None)?;
    // As std does on Unix: a restarted server can take its port back at
    // once. (On Windows the flag would let others share the port.)
    #[cfg(unix)]
    socket.set_reuse_address(true)?;
    socket.bind(&addr.into())?;
    socket.listen(BACKLOG)?;
    Ok(socket.into())
}

/// What the rebuild loop drives: the real [`Builder`], or in tests one
/// that fails on purpose.
trait Rebuild: Send {
    fn rebuild(&mut self, changed: Vec<PathBuf>, rescan: bool) -> Result<Changes>;
    fn poison(&mut self);
    /// Whether work was left for a quiet moment (the search index).
    fn deferred(&self) -> bool {
        false
    }
    /// Does the deferred work.
    fn catch_up(&mut self) -> Result<Changes> {
        Ok(Changes::default())
    }
}

impl Rebuild for Builder {
    fn rebuild(&mut self, changed: Vec<PathBuf>, rescan: bool) -> Result<Changes> {
        Builder::rebuild(self, changed, rescan)
    }

    fn poison(&mut self) {
        Builder::poison(self);
    }

    fn deferred(&self) -> bool {
        self.search_stale()
    }

    fn catch_up(&mut self) -> Result<Changes> {
        self.refresh_search()
    }
}

/// The rebuild loop: the builder, and where its results go.
struct Rebuilds<B> {
    builder: B,
    /// How long without a batch ends a burst.
    quiet: Duration,
    shared: Arc<Shared>,
    root: PathBuf,
    report: Box<dyn FnMut(&Report) + Send>,
}

impl<B: Rebuild> Rebuilds<B> {
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
    /// articles takes longer than the edited page) is done once no batch
    /// has come for [`CATCH_UP_AFTER`].
    fn serve_forever(mut self, rx: mpsc::Receiver<Msg>) {
        loop {
            let first = match self.builder.deferred() {
                false => rx.recv().map_err(|_| ()),
                true => match rx.recv_timeout(CATCH_UP_AFTER) {
                    Err(mpsc::RecvTimeoutError::Timeout) => {
                        self.catch_up();
                        continue;
                    }
                    other => other.map_err(|_| ()),
                },
            };
            let Ok(Msg::Batch(first)) = first else { return };
            let mut paths = Vec::new();
            let mut rescan = add(first, &mut paths);
            let deadline = Instant::now() + MAX_SETTLE;
            loop {
                let left = deadline.saturating_duration_since(Instant::now());
                match rx.recv_timeout(self.quiet.min(left)) {
                    Ok(Msg::Batch(b)) => rescan |= add(b, &mut paths),
                    Ok(Msg::Stop) | Err(mpsc::RecvTimeoutError::Disconnected) => return,
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                }
            }
            self.run(paths, rescan);
        }
    }

    /// Does deferred work; its changes go to the terminal (and, as for
    /// any rebuild, a failure to the open pages), but no page reloads for
    /// it: the page being read did not change.
    fn catch_up(&mut self) {
        let start = Instant::now();
        let builder = &mut self.builder;
        let outcome = catch_unwind(AssertUnwindSafe(|| builder.catch_up()));
        let outcome = outcome.unwrap_or_else(|panic| {
            self.builder.poison();
            Err(panicked(panic.as_ref()))
        });
        let report = match outcome {
            Ok(changes) => Report::Rebuilt {
                changes,
                elapsed: start.elapsed(),
            },
            Err(e) => self.publish(Err(e), start.elapsed()),
        };
        (self.report)(&report);
    }

    fn run(&mut self, paths: Vec<PathBuf>, rescan: bool) {
        let start = Instant::now();
        let builder = &mut self.builder;
        let outcome = catch_unwind(AssertUnwindSafe(|| builder.rebuild(paths, rescan)));
        let outcome = outcome.unwrap_or_else(|panic| {
            self.builder.poison();
            Err(panicked(panic.as_ref()))
        });
        let report = self.publish(outcome, start.elapsed());
        (self.report)(&report);
    }

    /// Updates the status and tells open pages; returns what to tell the
    /// terminal.
    fn publish(&self, outcome: Result<Changes>, elapsed: Duration) -> Report {
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

    /// Panics on its first rebuild, then succeeds.
    struct Flaky {
        calls: usize,
        poisoned: bool,
    }

    impl Rebuild for Flaky {
        fn rebuild(&mut self, _: Vec<PathBuf>, _: bool) -> Result<Changes> {
            self.calls += 1;
            if self.calls == 1 {
                panic!("boom");
            }
            Ok(Changes {
                written: vec!["index.html".into()],
                ..Changes::default()
            })
        }

        fn poison(&mut self) {
            self.poisoned = true;
        }
    }

    #[test]
    fn a_panicking_rebuild_is_reported_and_the_loop_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        let shared = Arc::new(Shared::new(dir.path(), Status::default()));
        let mut events = shared.subscribe();
        let (tx, reports) = mpsc::channel();
        let mut loop_ = Rebuilds {
            builder: Flaky {
                calls: 0,
                poisoned: false,
            },
            quiet: Duration::ZERO,
            shared: shared.clone(),
            root: dir.path().to_path_buf(),
            report: Box::new(move |r: &Report| drop(tx.send(r.clone()))),
        };
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
}
