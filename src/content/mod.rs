//! Content: loading an edition from disk into a plain [`Site`].
//!
//! `load` is the only part that touches the disk (through
//! [`crate::files`] and [`crate::decode`]); everything else here parses
//! text into typed values. The file formats it reads (front-matter, dates,
//! the article schema) are [`crate::schema`]'s. `mod.rs` only declares and
//! re-exports: the files import one another directly, never through it.

pub mod annotation;
pub mod article;
pub mod load;
pub mod model;
pub mod page;
pub mod source;
pub mod term;
pub mod translation;

/// The front-matter parser and dates are the schema's (ingest writes what
/// content reads); re-exported here where content's callers look for them.
pub use crate::schema::{date, frontmatter, PartialDate};

pub use annotation::AnnotationFile;
pub use article::{Article, ArticleKind, ArticleMeta, SourceRef};
pub use load::{load, load_with, ArticleBodies};
pub use model::Site;
pub use page::Page;
pub use source::Source;
pub use term::{Term, TermKind};
pub use translation::{Translation, TranslationStatus};
