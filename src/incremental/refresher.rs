//! The search index's own thread: snapshots of the site in, whole indexes
//! out to the [`SearchPublisher`], and a word to the caller about each.
//!
//! The rebuild thread never waits for it. It hands over a snapshot and
//! goes back to the next edit; if edits come faster than an index can be
//! built, snapshots queue up and only the newest is built, and an index
//! whose site changed while it was built is dropped by the publisher
//! ([`Published::Overtaken`]).
//!
//! The thread and its own rayon pool run at the lowest scheduling
//! priority (nice 19): on a machine with few cores, the index of an old
//! state must not slow down the rebuild of the new one, and it never
//! takes a thread of the global pool the rebuild renders pages with.

use super::outcome::Outcome;
use super::publish::{Published, SearchPublisher};
use super::search::SearchSnapshot;
use crate::error::{Error, Location};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How one refresh ended, as the caller hears it.
#[derive(Debug)]
pub enum Refreshed {
    /// The index was written; these files changed.
    Published {
        /// What changed in the output.
        outcome: Outcome,
        /// From the snapshot's arrival to the last file written.
        elapsed: Duration,
    },
    /// The site changed before the index was done: nothing was written.
    Overtaken {
        /// The generation of the snapshot it was built from.
        generation: u64,
    },
    /// The index could not be built or written.
    Failed(Error),
}

/// Called with each refresh's end, on the refresher's thread.
pub type OnRefreshed = Box<dyn Fn(Refreshed) + Send>;

/// Called with a built index's generation just before it is handed to
/// the publisher (tests hold a refresh there to overtake it).
pub type BeforePublish = Box<dyn Fn(u64) + Send>;

/// A background thread building search indexes.
pub struct SearchRefresher {
    jobs: mpsc::Sender<SearchSnapshot>,
    publisher: Arc<SearchPublisher>,
}

impl SearchRefresher {
    /// Starts the thread; `done` hears how each refresh ended.
    pub fn start(publisher: Arc<SearchPublisher>, done: OnRefreshed) -> std::io::Result<Self> {
        Self::start_with(publisher, done, Box::new(|_| {}))
    }

    /// [`Self::start`], calling `before_publish` between building an
    /// index and publishing it.
    pub fn start_with(
        publisher: Arc<SearchPublisher>,
        done: OnRefreshed,
        before_publish: BeforePublish,
    ) -> std::io::Result<Self> {
        let (jobs, rx) = mpsc::channel();
        let worker = Worker {
            publisher: publisher.clone(),
            done,
            before_publish,
        };
        std::thread::Builder::new()
            .name("jiedu-search".into())
            .spawn(move || worker.run(rx))?;
        Ok(SearchRefresher { jobs, publisher })
    }

    /// Queues `snapshot`; returns at once.
    pub fn submit(&self, snapshot: SearchSnapshot) {
        // The thread ends only when this sender is dropped.
        let _ = self.jobs.send(snapshot);
    }
}

impl Drop for SearchRefresher {
    /// The thread may be in the middle of an index: it finishes on its
    /// own, and publishes nothing.
    fn drop(&mut self) {
        self.publisher.close();
    }
}

struct Worker {
    publisher: Arc<SearchPublisher>,
    done: OnRefreshed,
    before_publish: BeforePublish,
}

impl Worker {
    fn run(self, rx: mpsc::Receiver<SearchSnapshot>) {
        lower_priority();
        let pool = rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("jiedu-search-{i}"))
            .start_handler(|_| lower_priority())
            .build();
        let Ok(pool) = pool else {
            let e = std::io::Error::other("cannot start the search index's threads");
            (self.done)(Refreshed::Failed(Error::io("jiedu serve", e)));
            return;
        };
        while let Ok(mut job) = rx.recv() {
            // Only the newest snapshot is worth building.
            while let Ok(newer) = rx.try_recv() {
                let generation = job.generation();
                (self.done)(Refreshed::Overtaken { generation });
                job = newer;
            }
            let ended = self.refresh(&pool, job);
            (self.done)(ended);
        }
    }

    fn refresh(&self, pool: &rayon::ThreadPool, job: SearchSnapshot) -> Refreshed {
        let start = Instant::now();
        let generation = job.generation();
        let built = catch_unwind(AssertUnwindSafe(|| pool.install(|| job.build())));
        let index = match built {
            Ok(index) => index,
            Err(_) => return Refreshed::Failed(panicked()),
        };
        (self.before_publish)(generation);
        match self.publisher.publish(&index) {
            Ok(Published::Written(outcome)) => Refreshed::Published {
                outcome,
                elapsed: start.elapsed(),
            },
            Ok(Published::Overtaken) => Refreshed::Overtaken { generation },
            Err(e) => Refreshed::Failed(e),
        }
    }
}

fn panicked() -> Error {
    Error::invalid(
        Location::file("jiedu serve"),
        "internal error: building the search index panicked",
    )
    .with_hint("this is a bug in jiedu; the next edit refreshes the index again")
}

/// Gives the calling thread the lowest scheduling priority. On Linux the
/// nice value is a per-thread attribute (setpriority(2), "Bugs"), so this
/// leaves the rebuild and HTTP threads as they are. Elsewhere, and if the
/// call fails, the thread keeps the default priority.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    let _ = rustix::process::setpriority_process(None, 19);
}
