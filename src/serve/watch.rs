//! Watching the edition: file-system events in, batches of changed paths
//! out, each path sorted into a [`ChangeKind`].
//!
//! The watcher is notify's, behind notify-debouncer-full, which folds the
//! bursts an editor makes on save (write, rename-over, chmod) into one
//! event per path. It watches `site.yaml` (through a non-recursive watch
//! of the root, because editors replace files by renaming and a watch on
//! the file itself would be lost) and, recursively, `content/` and
//! `templates/` — never the whole root, where `target/` or `node_modules/`
//! could exhaust the inotify watch limit and where the server's own output
//! lives.
//!
//! [`classify`] is pure, so it is tested without a file system.

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

/// What a changed path is to the build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    /// `site.yaml`.
    Config,
    /// Something under `content/articles/` (a file or a directory).
    Article,
    /// Something under `content/glossary/`.
    Term,
    /// Something under `content/pages/`.
    Page,
    /// Something under `content/sources/`.
    Source,
    /// A template (anything under `templates/` but `static/`).
    Template,
    /// A static file, by its path relative to `templates/static/`.
    Static(String),
    /// `content/`, `templates/` or a content section itself: reload all.
    Everything,
    /// Not an input of the build (the output, editor droppings elsewhere…).
    Ignored,
}

/// Sorts `path`, an absolute path under the edition `root`.
pub fn classify(root: &Path, path: &Path) -> ChangeKind {
    let Ok(rel) = path.strip_prefix(root) else {
        return ChangeKind::Ignored;
    };
    let parts: Vec<&str> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .collect();
    match parts.as_slice() {
        ["site.yaml"] => ChangeKind::Config,
        ["content"] | ["templates"] | ["templates", "static"] => ChangeKind::Everything,
        ["content", section] if is_section(section) => ChangeKind::Everything,
        ["content", "articles", _, ..] => ChangeKind::Article,
        ["content", "glossary", _, ..] => ChangeKind::Term,
        ["content", "pages", _, ..] => ChangeKind::Page,
        ["content", "sources", _, ..] => ChangeKind::Source,
        ["templates", "static", rest @ ..] => ChangeKind::Static(rest.join("/")),
        ["templates", _, ..] => ChangeKind::Template,
        _ => ChangeKind::Ignored,
    }
}

fn is_section(name: &str) -> bool {
    matches!(name, "articles" | "glossary" | "pages" | "sources")
}

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

/// The directories watched recursively.
const WATCHED: [&str; 2] = ["content", "templates"];

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
    let dirs: Vec<PathBuf> = WATCHED.iter().map(|d| root.join(d)).collect();
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
    for dir in WATCHED {
        let dir = root.join(dir);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(rel: &str) -> ChangeKind {
        let root = Path::new("/ed");
        classify(root, &root.join(rel))
    }

    #[test]
    fn paths_are_sorted_by_what_they_feed() {
        assert_eq!(kind("site.yaml"), ChangeKind::Config);
        assert_eq!(kind("content/articles/x.md"), ChangeKind::Article);
        assert_eq!(kind("content/articles/sub/.x.md.swp"), ChangeKind::Article);
        assert_eq!(kind("content/glossary/885.md"), ChangeKind::Term);
        assert_eq!(kind("content/pages/about.md"), ChangeKind::Page);
        assert_eq!(kind("content/sources/000.txt"), ChangeKind::Source);
        assert_eq!(kind("templates/base.html"), ChangeKind::Template);
        assert_eq!(kind("templates/partials/nav.html"), ChangeKind::Template);
        assert_eq!(
            kind("templates/static/css/site.css"),
            ChangeKind::Static("css/site.css".into())
        );
        assert_eq!(kind("content/articles"), ChangeKind::Everything);
        assert_eq!(kind("templates"), ChangeKind::Everything);
    }

    #[test]
    fn outputs_and_strangers_are_ignored() {
        for rel in [
            ".jiedu-serve/index.html",
            "public/a",
            "site.yaml~",
            "content/x.md",
            "README.md",
        ] {
            assert_eq!(kind(rel), ChangeKind::Ignored, "{rel}");
        }
        assert_eq!(
            classify(Path::new("/ed"), Path::new("/other/site.yaml")),
            ChangeKind::Ignored
        );
    }
}
