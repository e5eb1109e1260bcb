//! Ingest: raw page dumps → one clean, described Markdown article per file.
//!
//! ```text
//! bytes ─decode─▶ text ─split─▶ Drafts ─meta + clean─▶ Ingested ─write─▶ content/articles/*.md
//!                    │                                     │
//!                    └────────── account (nothing lost) ◀──┘
//! ```
//!
//! - [`decode`]: UTF-8 (with or without BOM) or GB18030/GBK, else an error.
//! - [`lines`]: the page's line discipline (one paragraph per line, or
//!   hard-wrapped), learned before anything is joined.
//! - [`headline`]: the headline block (section line, kicker, headline
//!   with its column, subtitle).
//! - [`split`]: the page into articles: heads, briefs, captions,
//!   continuations, fragments; broken paragraphs rejoined.
//! - [`meta`]: title, kind, authors, date → front-matter; [`byline`]:
//!   who is credited, and as what.
//! - [`clean`]: paragraphs → Markdown without changing a word.
//! - [`account`]: every source character is in an article or reported.
//! - [`slug`], [`write`]: file names, and writing without ever losing an
//!   editor's work.
//! - [`report`]: what happened, as a table or JSON; [`review`]: each
//!   article's front-matter beside its first lines, for a quick check.
//!
//! Everything up to `write` is pure: [`ingest_text`] takes a string and
//! never fails; only [`run`] touches the disk.
//!
//! ```
//! let page = "# 标题\n\n□本报记者 周尤\n\n正文第一段。\n";
//! let src = jiedu::ingest::ingest_text("a.txt", "00", page);
//! assert_eq!(src.articles[0].meta.title, "标题");
//! assert_eq!(src.articles[0].meta.authors, ["周尤"]);
//! assert!(jiedu::ingest::account::accounting(page, &src.articles, &src.removed).is_ok());
//! ```

pub mod account;
pub mod byline;
pub mod clean;
pub mod decode;
pub mod headline;
pub mod lines;
pub mod meta;
pub mod report;
pub mod review;
pub mod signals;
pub mod slug;
pub mod split;
pub mod write;

pub use report::{Action, ArticleReport, IngestReport, Removed, SourceReport};

use crate::content::source::sha256_hex;
use crate::content::ArticleMeta;
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

/// A source file, ingested.
#[derive(Debug, Clone)]
pub struct IngestedSource {
    /// Its file name.
    pub file: String,
    /// sha256 of its bytes.
    pub sha256: String,
    /// The decoded text.
    pub text: String,
    /// Its articles, in page order.
    pub articles: Vec<Ingested>,
    /// Site chrome taken out.
    pub removed: Vec<Removed>,
}

/// Decodes and ingests a source file's bytes.
pub fn ingest_bytes(file: &str, bytes: &[u8]) -> Result<IngestedSource> {
    let decoded = decode::decode(bytes, Path::new(file))?;
    Ok(ingest_text(file, &sha256_hex(bytes), &decoded.text))
}

/// Ingests decoded text: split, describe, clean. Pure; never fails.
pub fn ingest_text(file: &str, sha256: &str, text: &str) -> IngestedSource {
    let page = split::split(text);
    let origin = meta::Origin { file, sha256 };
    let articles = page
        .drafts
        .iter()
        .map(|d| Ingested {
            meta: meta::describe(d, origin),
            body: clean::body(&d.paras),
            lines: d.lines().into_iter().collect(),
            counted: d.counted_fields().into_iter().map(str::to_string).collect(),
        })
        .collect();
    let removed = page
        .removed
        .into_iter()
        .map(|(line, text)| Removed {
            file: file.to_string(),
            line,
            text,
        })
        .collect();
    IngestedSource {
        file: file.to_string(),
        sha256: sha256.to_string(),
        text: text.to_string(),
        articles,
        removed,
    }
}

/// Ingests the sources of the edition at `root` into its articles (see
/// [`write`] for how existing files are treated).
pub fn run(root: &Path, opts: &IngestOptions) -> Result<IngestReport> {
    write::run(root, opts)
}

/// `jiedu ingest --review`: ingests the sources of the edition at `root`
/// (all, or those named) and returns the review of each; writes nothing.
pub fn review_sources(root: &Path, files: &[PathBuf]) -> Result<(String, Vec<String>)> {
    let dir = root.join("content/sources");
    let mut errors = Vec::new();
    let mut out = String::new();
    for path in write::source_files(&dir, files, &mut errors)? {
        let file = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        match std::fs::read(&path)
            .map_err(|e| crate::error::Error::io(&path, e))
            .and_then(|b| ingest_bytes(&file, &b))
        {
            Ok(src) => out.push_str(&review::review(&src)),
            Err(e) => errors.push(e.to_string()),
        }
    }
    Ok((out, errors))
}
