//! One article as ingest produced it, before it is written: the value
//! every step after the split fills in and `printed`, `account`, `review`
//! and `write` read.

use crate::schema::ArticleMeta;

/// One article as ingest produced it, before it is written.
#[derive(Debug, Clone)]
pub struct Ingested {
    /// Its front-matter (without the ingest stamp).
    pub meta: ArticleMeta,
    /// Its Markdown body, as written after the front-matter.
    pub body: String,
    /// The source lines it holds.
    pub lines: Vec<usize>,
    /// Front-matter values whose text was moved out of the source (title,
    /// byline…), for the accounting.
    pub counted: Vec<String>,
}
