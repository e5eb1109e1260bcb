//! jiedu (解读) turns raw Chinese political news texts into an annotated
//! reading edition: clean articles whose slogans and abbreviations link to
//! a glossary that explains them, published as a static site.
//!
//! Data moves one way through the modules:
//!
//! ```text
//! text, error, layout, ids          shared leaves, imported from anywhere
//! files ─▶ decode ─▶ schema ─▶ config ─▶ url
//!                                          │
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
//!                  incremental ──▶ an edit's pages, rewritten in place
//!                                          │
//!                      serve   ──▶ HTTP, watch, live reload
//! ```
//!
//! No module imports a later one (`scripts/architecture --check` holds
//! the code to it): ingest and content share what ingest writes and
//! content reads through [`schema`], which comes before both, and both
//! decode sources through [`decode`]. The modules that touch the disk are
//! [`files`], [`config`], `ingest`'s `write`, `sidecar` and
//! `review_sources`, [`content::load()`], the glossary's ignore list
//! ([`glossary::load_ignore`]), [`render::templates`], `site` (output,
//! `check`, `init`, `theme`, translations, term drafts), [`incremental`]
//! (an edit's files in, its pages out), [`serve`] and
//! [`synth`]; the README's "Architecture" says why each does.
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
pub mod decode;
pub mod error;
pub mod files;
pub mod glossary;
pub mod ids;
pub mod incremental;
pub mod ingest;
pub mod layout;
pub mod render;
pub mod schema;
pub mod serve;
pub mod site;
pub mod synth;
pub mod text;
pub mod url;

pub use error::{Error, Location, Result};
