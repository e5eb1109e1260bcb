//! Content: loading an edition from disk into a plain [`Site`].
//!
//! `load` is the only part that touches the disk; everything else here
//! parses text (front-matter, dates, ids) into typed values.

pub mod annotation;
pub mod article;
pub mod date;
pub mod frontmatter;
pub mod load;
pub mod model;
pub mod page;
pub mod source;
pub mod term;
pub mod translation;

pub use annotation::AnnotationFile;
pub use article::{Article, ArticleKind, ArticleMeta, SourceRef};
pub use date::PartialDate;
pub use load::load;
pub use model::Site;
pub use page::Page;
pub use source::Source;
pub use term::{Term, TermKind};
pub use translation::{Translation, TranslationStatus};
