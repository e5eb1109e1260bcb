//! Integration tests of `jiedu build` and what it makes: one test binary
//! for the content, glossary, render and site stages (each
//! `tests/*/main.rs` is linked once, not one binary per file). Tests that
//! read the bundled edition share one build of it per process
//! (`support::bundled`).
//!
//! - `build`, `bad_input`, `atomic_build`: building, `check`, errors with
//!   file:line:col, a failed or killed build keeping `public/`.
//! - `escaping`: hostile text stays text in every page and file.
//! - `reading`, `reader`: the built bundled edition's pages.
//! - `search`, `apparatus`, `translations`: those page kinds and inputs.
//! - `glossary`, `glossary_bundled`, `glossary_record`, `glossary_terms`,
//!   `glossary_throughput`, `analysis`: the glossary and the analysis.
//! - `render_props`: property tests of Markdown rendering.

#[path = "../support/mod.rs"]
mod support;

mod analysis;
mod apparatus;
mod atomic_build;
mod bad_input;
mod build;
mod escaping;
mod glossary;
mod glossary_bundled;
mod glossary_record;
mod glossary_terms;
mod glossary_throughput;
mod reader;
mod reading;
mod render_props;
mod search;
mod translations;
