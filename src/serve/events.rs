//! The reload channel: what open pages are told after each rebuild
//! ([`Event`]), and the state the rebuild loop shares with the HTTP side
//! ([`Shared`]: the served directory, the current build id, the last error).

use crate::error::{Error, Location};
use crate::incremental::publish::SearchPublisher;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::broadcast;

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
    /// A new search index was published: pages that loaded files under
    /// `dir` (`/search/`) reload, so none mixes two indexes.
    Search {
        /// The URL path of the index's directory.
        dir: String,
    },
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

/// What the HTTP side shares with the rebuild loop.
#[derive(Debug)]
pub struct Shared {
    out: PathBuf,
    status: Mutex<Status>,
    events: broadcast::Sender<Event>,
    /// Whose lock the search index's files are read under.
    search: Option<Arc<SearchPublisher>>,
}

/// The state of the served site.
#[derive(Debug, Clone, Default)]
pub struct Status {
    /// Changes with every rebuild that changed the pages.
    pub build: String,
    /// The last rebuild's error, until a rebuild succeeds.
    pub error: Option<ErrorInfo>,
    /// Whether any build ever succeeded (else there is nothing to serve).
    pub has_site: bool,
}

impl Shared {
    /// State for serving `out`.
    pub fn new(out: &Path, status: Status) -> Self {
        let (events, _) = broadcast::channel(64);
        Shared {
            out: out.to_path_buf(),
            status: Mutex::new(status),
            events,
            search: None,
        }
    }

    /// The same, reading the search index's files under `publisher`'s
    /// lock, so a request never sees half of a publication.
    pub fn with_search(mut self, publisher: Arc<SearchPublisher>) -> Self {
        self.search = Some(publisher);
        self
    }

    /// The search index's publisher, if the index is published apart.
    pub fn search(&self) -> Option<&SearchPublisher> {
        self.search.as_deref()
    }

    /// The status, locked. A poisoned lock still holds a usable status:
    /// every write to it is a single assignment.
    pub fn status(&self) -> MutexGuard<'_, Status> {
        self.status.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Sends `event` to every open page (no page open is not an error).
    pub fn send(&self, event: Event) {
        let _ = self.events.send(event);
    }

    /// The directory served.
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// A new receiver of every event sent from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.events.subscribe()
    }

    /// How many event streams are open (pages, tests).
    pub fn listeners(&self) -> usize {
        self.events.receiver_count()
    }
}
