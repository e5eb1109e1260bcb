//! Ingest: raw page dumps → one clean, described Markdown article per file.
//!
//! ```text
//! bytes ─decode─▶ text ─shape─▶ lines ─split─▶ Drafts ─meta + clean─▶ Ingested ─printed─▶ write
//!                                 │                                      │
//!                                 └────────── account (nothing lost) ◀───┘
//! ```
//!
//! - [`crate::decode`] (a stage before ingest, shared with `content`):
//!   UTF-8 (with or without BOM), GB18030/GBK, or the charset an HTML
//!   page declares, else an error.
//! - [`pipeline`]: the pure path from bytes to an [`IngestedSource`],
//!   calling the steps below; [`ingested`]: the [`Ingested`] article they
//!   fill in.
//! - [`shape`]: plain text, Markdown or HTML, from extension and content.
//! - [`html`], [`markdown_input`]: those shapes turned into the lines the
//!   text pipeline reads (or, for a Markdown article with front-matter,
//!   into the article directly).
//! - [`sidecar`], [`printed`]: where the source was printed (sidecar,
//!   page, `site.yaml` defaults) and article dates the page states.
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
//! - [`slug`], [`write`](mod@write): file names, and writing without ever losing an
//!   editor's work.
//! - [`report`]: what happened, as a table or JSON; [`review`]: each
//!   article's front-matter beside its first lines, for a quick check.
//!
//! The front-matter written ([`crate::schema::ArticleMeta`]) and the
//! sidecar's keys are [`crate::schema`]'s, a stage before both ingest and
//! `content`, so ingest never imports the loader that reads its output.
//! Character classes and sentence rules are [`crate::text`]'s.
//!
//! Everything up to `write` is pure: [`ingest_text`] takes a string and
//! never fails; only [`run`], [`review_sources`] and [`sidecar`]'s
//! `read`/`write` touch the disk. This file only declares, re-exports and
//! orchestrates; no step imports it.
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
pub mod headline;
pub mod html;
pub mod ingested;
pub mod lines;
pub mod markdown_input;
pub mod meta;
pub mod pipeline;
pub mod printed;
pub mod report;
pub mod review;
pub mod shape;
pub mod sidecar;
pub mod signals;
pub mod slug;
pub mod split;
pub mod write;

pub use ingested::Ingested;
pub use pipeline::{ingest_bytes, ingest_source, ingest_text, IngestedSource};
pub use report::{Action, ArticleReport, IngestReport, Removed, SourceReport};
pub use write::IngestOptions;

use crate::error::Result;
use std::path::{Path, PathBuf};

/// Ingests the sources of the edition at `root` into its articles (see
/// [`write`](mod@write) for how existing files are treated).
pub fn run(root: &Path, opts: &IngestOptions) -> Result<IngestReport> {
    write::run(root, opts)
}

/// `jiedu ingest --review`: ingests the sources of the edition at `root`
/// (all, or those named) and returns the review of each; writes nothing.
pub fn review_sources(root: &Path, files: &[PathBuf]) -> Result<(String, Vec<String>)> {
    let dir = crate::layout::Layout::new(root).sources();
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
