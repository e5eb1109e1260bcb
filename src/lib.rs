//! jiedu (解读) turns raw Chinese political news texts into an annotated
//! reading edition: clean articles whose slogans and abbreviations link to
//! a glossary that explains them, published as a static site.
//!
//! Data moves one way through the modules:
//!
//! ```text
//! content/sources/*.txt ──ingest──▶ content/articles/*.md
//!                                          │
//! site.yaml, content/** ──content::load──▶ Site (plain data)
//!                                          │
//!                      glossary ──▶ term matches, occurrences
//!                                          │
//!                      render  ──▶ HTML strings (Markdown, Tera)
//!                                          │
//!                      site    ──▶ public/ (atomic swap), feeds, check
//!                                          │
//!                      serve   ──▶ HTTP, watch, live reload
//! ```
//!
//! No module calls a later one. Only `ingest`'s writer, `content::load`,
//! `site::write` and `serve` touch the disk.
//!
//! ```no_run
//! let report = jiedu::site::build(std::path::Path::new("."), &jiedu::site::BuildOptions::default())?;
//! println!("{} files", report.files);
//! # Ok::<(), jiedu::Error>(())
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod config;
pub mod content;
pub mod error;
pub mod glossary;
pub mod ids;
pub mod incremental;
pub mod ingest;
pub mod layout;
pub mod render;
pub mod serve;
pub mod site;
pub mod synth;
pub mod url;

pub use error::{Error, Location, Result};
