//! `jiedu serve`: a local preview that rebuilds what an edit changes and
//! reloads the open pages.
//!
//! Three parts, each on its own thread, meet in [`Server`]:
//!
//! ```text
//! watch (notify + debouncer) ──batches──▶ rebuild loop ──events──▶ http (axum)
//!   content/, templates/,       std mpsc    incremental::Session    /__jiedu/events (SSE)
//!   site.yaml                               (site in memory, deps,  files, 404, reload.js
//!                                           writes .jiedu-serve/)
//! ```
//!
//! - [`watch`] turns file-system events into batches of changed paths.
//! - [`rebuild_loop`] merges the batches that arrive while a rebuild runs
//!   (a `git checkout` touching hundreds of files is one rebuild) and hands
//!   them to [`crate::incremental::Session`], which keeps the output equal
//!   to a fresh `jiedu build`, re-rendering only what depends on the
//!   change; its outcome goes to the terminal ([`report`]) and to open
//!   pages ([`events`], the reload channel).
//! - [`http`] serves the output (never a byte outside it), injects the
//!   reload script into HTML responses, and pushes events to open pages.
//!
//! The search index is refreshed apart, on a thread of its own, once the
//! editor pauses; a rebuild never waits for it, an index overtaken by an
//! edit is dropped, and a published one is written whole, its files read
//! under one lock (see [`crate::incremental::publish`]).
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

pub mod events;
pub mod http;
pub mod rebuild_loop;
pub mod report;
pub mod watch;

pub use events::{ErrorInfo, Event};
pub use report::Report;

use crate::config::BaseUrl;
use crate::error::{Error, Location, Result};
use crate::incremental::{OutputDir, Session};
use crate::layout::Layout;
use events::{Shared, Status};
use rebuild_loop::{Msg, RebuildLoop};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

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
        let layout = Layout::new(&root);
        let out = opts.out.clone().unwrap_or_else(|| layout.serve_output());
        let session = Session::open(layout, OutputDir::open(&out)?, base);
        let shared = Shared::new(&out, Status::default()).with_search(session.search_publisher());
        let shared = Arc::new(shared);
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
        let mut rebuilds =
            RebuildLoop::new(session, opts.debounce / 2, shared, root, Box::new(report));
        // The first build runs before the first request can arrive.
        rebuilds.run(Vec::new(), true);
        let me = server.tx.clone();
        let thread = std::thread::Builder::new()
            .name("jiedu-rebuild".into())
            .spawn(move || rebuilds.serve_forever(rx, me))
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
