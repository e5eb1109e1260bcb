//! Ingest: raw page dumps → one Markdown article per file.
//!
//! (Being built: see issue 3. The public entry point is [`run`].)

pub mod decode;

use crate::error::Result;
use std::path::{Path, PathBuf};

/// What `jiedu ingest` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// Source files to ingest; empty means every `content/sources/*.txt`.
    pub files: Vec<PathBuf>,
    /// Show the plan, write nothing.
    pub dry_run: bool,
    /// Regenerate edited files too, keeping a backup of each.
    pub force: bool,
}

/// What ingest did (or, with `dry_run`, would do).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct IngestReport {}

impl IngestReport {
    /// A terminal table: file → articles with kind, title, lines, warnings.
    pub fn table(&self) -> String {
        String::new()
    }
}

/// Ingests the sources of the edition at `root`.
pub fn run(_root: &Path, _opts: &IngestOptions) -> Result<IngestReport> {
    Ok(IngestReport {})
}
