//! Watching the edition: file-system events in, batches of changed paths
//! out; [`Layout::classify`](crate::layout::Layout::classify) sorts each
//! path into what it feeds.
//!
//! The watcher is notify's, behind notify-debouncer-full, which folds the
//! bursts an editor makes on save (write, rename-over, chmod) into one
//! event per path. It watches `site.yaml` (through a non-recursive watch
//! of the root, because editors replace files by renaming and a watch on
//! the file itself would be lost) and, recursively, `content/` and
//! `templates/` — never the whole root, where `target/` or `node_modules/`
//! could exhaust the inotify watch limit and where the server's own output
//! lives.

use crate::layout::Layout;
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

/// Whether an event kind can mean new content. Reads are not: the
/// rebuild itself reads files, and reacting to that would loop forever.
fn changes_content(kind: &EventKind) -> bool {
    !matches!(kind, EventKind::Access(_))
}

/// What the watcher hands the rebuild loop.
#[derive(Debug)]
pub enum Batch {
    /// These paths changed.
    Changed(Vec<PathBuf>),
    /// Events were lost (queue overflow, watcher error): rebuild everything.
    Rescan,
}

type Inner = Debouncer<notify::RecommendedWatcher, RecommendedCache>;

/// The running watcher; dropping it stops watching.
pub struct Watcher {
    inner: Arc<Mutex<Option<Inner>>>,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        // Taken out first: the debouncer's thread may be waiting for the
        // lock to add a watch, and must not find it held while it stops.
        let inner = self.inner.lock().ok().and_then(|mut i| i.take());
        drop(inner);
    }
}

/// Starts watching `root`'s inputs, sending a [`Batch`] per debounced burst.
///
/// A missing `content/` or `templates/` is watched from the moment it is
/// created (the root's own watch sees it appear): an edition that relies
/// on the built-in templates and ejects one while the server runs has its
/// edits to it picked up.
pub fn start(
    root: &Path,
    debounce: Duration,
    on_batch: impl Fn(Batch) + Send + 'static,
) -> notify::Result<Watcher> {
    let cell: Arc<Mutex<Option<Inner>>> = Arc::new(Mutex::new(None));
    let weak = Arc::downgrade(&cell);
    let dirs: Vec<PathBuf> = Layout::new(root).watched_dirs().to_vec();
    let handler = move |result: DebounceEventResult| {
        let batch = match result {
            Ok(events) if events.iter().any(|e| e.need_rescan()) => Batch::Rescan,
            Ok(events) => Batch::Changed(
                events
                    .into_iter()
                    .filter(|e| changes_content(&e.event.kind))
                    .flat_map(|e| e.event.paths)
                    .collect(),
            ),
            Err(_) => Batch::Rescan,
        };
        if let Batch::Changed(paths) = &batch {
            watch_new_dirs(&weak, &dirs, paths);
        }
        if !matches!(&batch, Batch::Changed(paths) if paths.is_empty()) {
            on_batch(batch);
        }
    };
    let mut debouncer = new_debouncer(debounce, None, handler)?;
    debouncer.watch(root, RecursiveMode::NonRecursive)?;
    for dir in Layout::new(root).watched_dirs() {
        if dir.is_dir() {
            debouncer.watch(&dir, RecursiveMode::Recursive)?;
        }
    }
    if let Ok(mut slot) = cell.lock() {
        *slot = Some(debouncer);
    }
    Ok(Watcher { inner: cell })
}

/// Adds a recursive watch on each of `dirs` that `paths` says appeared.
fn watch_new_dirs(cell: &Weak<Mutex<Option<Inner>>>, dirs: &[PathBuf], paths: &[PathBuf]) {
    let Some(cell) = cell.upgrade() else { return };
    let Ok(mut slot) = cell.lock() else { return };
    let Some(debouncer) = slot.as_mut() else {
        return;
    };
    for dir in dirs {
        if paths.contains(dir) && dir.is_dir() {
            // Watching a directory twice is harmless; failing to is
            // reported by the next rebuild missing edits, as before.
            let _ = debouncer.watch(dir, RecursiveMode::Recursive);
        }
    }
}
