//! Integration tests of `jiedu ingest`: page dumps in, articles out. One
//! test binary (each `tests/*/main.rs` is linked once, not one binary per
//! file); the modules keep the files they were written in.
//!
//! - `golden`: every seed page against its golden files.
//! - `seeds`: the seed pages split into exactly the expected articles.
//! - `grammar`: the page grammar, rule by rule, on small pages.
//! - `pages`: hand-labelled real pages, scored.
//! - `shapes`: the input shapes (text, HTML, Markdown), golden and scored.
//! - `robust`: encodings, empty and binary input, property tests.
//! - `run`: `ingest::run` and the CLI on an edition (dry run, re-ingest).
//! - `listing`: the golden files of one source, shared by `golden` and
//!   `shapes`.

#[path = "../support/mod.rs"]
mod support;

mod golden;
mod grammar;
mod listing;
mod pages;
mod robust;
mod run;
mod seeds;
mod shapes;
