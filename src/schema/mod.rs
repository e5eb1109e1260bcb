//! The edition's file formats: what one stage writes and a later one
//! reads, defined once before both.
//!
//! Ingest writes article front-matter that `content` reads; `site.yaml`'s
//! `source_defaults:` (read by `config`) and the source sidecars (read and
//! written by ingest) take the same keys. Putting these shapes here, after
//! decoding and before `config`, `ingest` and `content`, lets each of
//! those import the schema without importing one another:
//!
//! - [`frontmatter`]: splitting `---` YAML front-matter from a body and
//!   parsing YAML with errors that name the file's line and column;
//! - [`date`]: [`PartialDate`] (`2024`, `2024-12`, `2024-12-27`);
//! - [`article`]: [`ArticleMeta`] and its parts, the article front-matter;
//! - [`sidecar`]: [`SourceMeta`], where a source was printed.
//!
//! Everything here is pure: text in, typed values or located errors out.

pub mod article;
pub mod date;
pub mod frontmatter;
pub mod sidecar;

pub use article::{sha256_hex, ArticleKind, ArticleMeta, IngestStamp, SourceRef};
pub use date::PartialDate;
pub use sidecar::SourceMeta;
