//! Publishing the search index into the served output, whole or not at
//! all.
//!
//! The browser reads the index as several files (`meta.json`, then
//! `articles.json`, then the shards its query needs) whose numbers refer
//! to each other: a `meta.json` of one state and shards of another give
//! wrong results. So the index's files change only under the write side of
//! one lock ([`SearchPublisher`]), and the dev server reads each of them
//! under its read side: a request sees the files of one published index,
//! never some of the next.
//!
//! An index is built from a snapshot of the site ([`super::search`]), and
//! by the time it is built the site may have moved on. Each change under
//! the index bumps a *generation*; an index of an older generation than
//! the site's is *overtaken* and is dropped unwritten, so the output never
//! holds an index of a state older than one it already showed, and a
//! refresh never has to be waited for: a newer one simply replaces it.

use super::outcome::Outcome;
use super::output::OutputDir;
use super::search::IndexFiles;
use crate::error::Result;
use crate::site::search::SearchFile;
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use tokio::sync::{RwLock, RwLockReadGuard};

/// Writes whole search indexes into one output directory.
#[derive(Debug)]
pub struct SearchPublisher {
    out: OutputDir,
    generation: Arc<AtomicU64>,
    /// The index's files in the output; locked for writing while they
    /// change, for reading while one is served.
    files: RwLock<BTreeSet<String>>,
    /// Set when the server stops: nothing is published after.
    closed: AtomicBool,
    /// Set when a publication failed half-way: only a full rebuild can
    /// be sure of the output again.
    broken: AtomicBool,
}

/// What became of an index handed to [`SearchPublisher::publish`].
#[derive(Debug)]
pub enum Published {
    /// It was written; these files changed.
    Written(Outcome),
    /// The site changed since its snapshot: dropped, nothing written.
    Overtaken,
}

impl SearchPublisher {
    /// A publisher into `out`, at generation 0, with no index written.
    pub fn new(out: OutputDir) -> Self {
        SearchPublisher {
            out,
            generation: Arc::new(AtomicU64::new(0)),
            files: RwLock::new(BTreeSet::new()),
            closed: AtomicBool::new(false),
            broken: AtomicBool::new(false),
        }
    }

    /// The generation counter the edition bumps when its site changes
    /// under the index.
    pub fn generation(&self) -> Arc<AtomicU64> {
        self.generation.clone()
    }

    /// Marks every index built so far as overtaken (a full rebuild is
    /// about to write its own).
    pub fn overtake(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// Writes `index` if it is of the site's current generation: its files
    /// whose bytes changed, and deletes the files the last index had and
    /// this one has not. Requests for the index's files wait meanwhile.
    ///
    /// Must not be called from inside an async runtime.
    pub fn publish(&self, index: &IndexFiles) -> Result<Published> {
        let mut files = self.files.blocking_write();
        let current = self.generation.load(Ordering::SeqCst);
        if self.closed.load(Ordering::SeqCst) || index.generation != current {
            return Ok(Published::Overtaken);
        }
        let new: BTreeSet<String> = index.files.iter().map(|(p, _)| p.clone()).collect();
        let mut outcome = Outcome::default();
        let written = self.write(index, &files, &new, &mut outcome);
        // Whatever happened, the output may now hold any of both sets.
        let all: BTreeSet<String> = files.union(&new).cloned().collect();
        *files = match written {
            Ok(()) => new,
            Err(_) => all,
        };
        if let Err(e) = written {
            self.broken.store(true, Ordering::SeqCst);
            return Err(e);
        }
        Ok(Published::Written(outcome))
    }

    fn write(
        &self,
        index: &IndexFiles,
        old: &BTreeSet<String>,
        new: &BTreeSet<String>,
        outcome: &mut Outcome,
    ) -> Result<()> {
        for (rel, bytes) in &index.files {
            if self.out.put(rel, bytes)? {
                outcome.written.push(rel.clone());
            }
        }
        for rel in old.difference(new) {
            if self.out.remove(rel)? {
                outcome.removed.push(rel.clone());
            }
        }
        Ok(())
    }

    /// Runs `write` (a full rebuild writing every page, the index's files
    /// among them) with the index locked, and records `index` as the
    /// index's files once it succeeded. Indexes built before are
    /// overtaken.
    pub fn rewrite_all<T>(
        &self,
        index: BTreeSet<String>,
        write: impl FnOnce() -> Result<T>,
    ) -> Result<T> {
        self.overtake();
        let mut files = self.files.blocking_write();
        let result = write();
        if result.is_ok() {
            *files = index;
            self.broken.store(false, Ordering::SeqCst);
        }
        result
    }

    /// Whether a publication failed half-way since the last full rebuild.
    pub fn is_broken(&self) -> bool {
        self.broken.load(Ordering::SeqCst)
    }

    /// Stops publishing: every index handed over after this is dropped.
    pub fn close(&self) {
        self.closed.store(true, Ordering::SeqCst);
    }

    /// Holds the index as it is while a file of it is read.
    pub async fn reading(&self) -> RwLockReadGuard<'_, BTreeSet<String>> {
        self.files.read().await
    }

    /// Whether the output path `rel` lies where the index's files are
    /// (`search/`), so that reading it must hold [`Self::reading`].
    pub fn is_index_path(rel: &str) -> bool {
        let meta = SearchFile::Meta.path();
        let dir = meta.rsplit_once('/').map_or("", |(d, _)| d);
        !dir.is_empty() && rel.starts_with(dir) && rel[dir.len()..].starts_with('/')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(generation: u64, files: &[(&str, &str)]) -> IndexFiles {
        IndexFiles {
            files: files
                .iter()
                .map(|(p, b)| (p.to_string(), b.as_bytes().to_vec()))
                .collect(),
            generation,
        }
    }

    #[test]
    fn an_index_of_an_older_generation_is_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let out = OutputDir::open(dir.path()).unwrap();
        let publisher = SearchPublisher::new(out);
        let first = index(0, &[("search/meta.json", "0"), ("search/p/1.json", "a")]);
        let Published::Written(outcome) = publisher.publish(&first).unwrap() else {
            panic!("the current generation is written");
        };
        assert_eq!(outcome.written.len(), 2);

        publisher.generation().fetch_add(1, Ordering::SeqCst);
        let late = index(0, &[("search/meta.json", "late")]);
        assert!(matches!(publisher.publish(&late), Ok(Published::Overtaken)));
        let meta = dir.path().join("search/meta.json");
        assert_eq!(std::fs::read_to_string(&meta).unwrap(), "0");

        // The current one replaces the last index whole: p/1 goes.
        let next = index(1, &[("search/meta.json", "1"), ("search/p/2.json", "b")]);
        let Published::Written(outcome) = publisher.publish(&next).unwrap() else {
            panic!("the current generation is written");
        };
        assert_eq!(outcome.removed, ["search/p/1.json"]);
        assert_eq!(std::fs::read_to_string(&meta).unwrap(), "1");

        publisher.close();
        let after = index(1, &[("search/meta.json", "closed")]);
        assert!(matches!(
            publisher.publish(&after),
            Ok(Published::Overtaken)
        ));
    }

    #[test]
    fn the_index_files_lie_under_search() {
        assert!(SearchPublisher::is_index_path("search/meta.json"));
        assert!(SearchPublisher::is_index_path("search/p/3.json"));
        assert!(!SearchPublisher::is_index_path("searching/x.json"));
        assert!(!SearchPublisher::is_index_path("articles/a/index.html"));
    }
}
