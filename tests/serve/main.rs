//! Integration tests of `jiedu serve` (and the CLI around it): one test
//! binary (each `tests/*/main.rs` is linked once, not one binary per
//! file), over a real HTTP server, its event stream and its watcher.
//!
//! - `server`: files, errors, the event stream, the watcher.
//! - `incremental`: after each kind of edit, the served site equals a
//!   fresh build.
//! - `load`, `stress`: many clients, many edits, bounded memory.
//! - `search`: the search index refreshed apart and published whole.
//! - `apparatus`, `translations`: those inputs' errors and edits live.
//! - `ecosystem`: `jiedu init`, drafts, completions, error colours, and a
//!   template override picked up by a running server.

#[path = "../support/mod.rs"]
mod support;

mod apparatus;
mod ecosystem;
mod incremental;
mod load;
mod search;
mod server;
mod stress;
mod translations;
