//! Ingest: raw page dumps → one clean, described Markdown article per file.
//!
//! ```text
//! bytes ─decode─▶ text ─shape─▶ lines ─split─▶ Drafts ─meta + clean─▶ Ingested ─printed─▶ write
//!                                 │                                      │
//!                                 └────────── account (nothing lost) ◀───┘
//! ```
//!
//! - [`decode`]: UTF-8 (with or without BOM), GB18030/GBK, or the charset
//!   an HTML page declares, else an error.
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
pub mod html;
pub mod lines;
pub mod markdown_input;
pub mod meta;
pub mod printed;
pub mod report;
pub mod review;
pub mod shape;
pub mod sidecar;
pub mod signals;
pub mod slug;
pub mod split;
pub mod write;

pub use report::{Action, ArticleReport, IngestReport, Removed, SourceReport};

use crate::content::article::SourceRef;
use crate::content::source::sha256_hex;
use crate::content::{ArticleKind, ArticleMeta, PartialDate};
use crate::error::{Error, Location, Result};
use printed::{Given, PageFacts, Printed, Sourced};
use shape::{Detected, Shape};
use std::path::{Path, PathBuf};

/// What `jiedu ingest` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// Source files to ingest; empty means every source in
    /// `content/sources/` (`.txt`, `.md`, `.html`, `.htm`).
    pub files: Vec<PathBuf>,
    /// Show the plan, write nothing.
    pub dry_run: bool,
    /// Regenerate edited files too, keeping a backup of each.
    pub force: bool,
    /// Where the one named source was printed (`--date`, `--publication`,
    /// `--page`, `--url`): merged into its sidecar, which is written.
    pub set: sidecar::SourceMeta,
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
    /// The text the articles were split from and are accounted against:
    /// the decoded file for plain text; for HTML the lines derived from
    /// it; for Markdown the file with its front-matter lines blank.
    pub text: String,
    /// Its articles, in page order.
    pub articles: Vec<Ingested>,
    /// Site chrome taken out of `text` (lines of `text`).
    pub removed: Vec<Removed>,
    /// Its shape and why.
    pub shape: Detected,
    /// The encoding it was decoded from.
    pub encoding: &'static str,
    /// For each line of `text` (0-based), the file's line (1-based);
    /// empty when they are the same.
    pub line_map: Vec<usize>,
    /// Markup and chrome left out before splitting (HTML), or front-matter
    /// read into the articles (Markdown), with the file's lines.
    pub dropped: Vec<Removed>,
    /// Where it was printed, each value with its origin.
    pub printed: Printed,
    /// Other facts for the report (front-matter keys not used…).
    pub notes: Vec<String>,
}

impl IngestedSource {
    /// The file's line for line `n` of [`IngestedSource::text`].
    pub fn file_line(&self, n: usize) -> usize {
        self.line_map.get(n.wrapping_sub(1)).copied().unwrap_or(n)
    }

    /// Everything taken out, with the file's line numbers: the chrome the
    /// splitter removed and what was dropped before it.
    pub fn reported_removed(&self) -> Vec<Removed> {
        let mut out: Vec<Removed> = self
            .removed
            .iter()
            .map(|r| Removed {
                line: self.file_line(r.line),
                ..r.clone()
            })
            .chain(self.dropped.iter().cloned())
            .collect();
        out.sort_by_key(|r| r.line);
        out
    }
}

/// Decodes and ingests a source file's bytes, with nothing known about it
/// but what it says itself.
pub fn ingest_bytes(file: &str, bytes: &[u8]) -> Result<IngestedSource> {
    ingest_source(file, bytes, &Given::default())
}

/// Decodes a source, reads it in its shape, ingests it, and records where
/// it was printed (see [`printed`]). Pure: `given` is what the sidecar and
/// `site.yaml` say. Fails on undecodable bytes, malformed front-matter and
/// HTML that is not an article page.
pub fn ingest_source(file: &str, bytes: &[u8], given: &Given) -> Result<IngestedSource> {
    let path = Path::new(file);
    let decoded = decode::decode_source(bytes, path)?;
    let sha = sha256_hex(bytes);
    let detected = shape::detect(file, &decoded.text);
    let (mut src, facts) = match detected.shape {
        Shape::Text => (ingest_text(file, &sha, &decoded.text), PageFacts::default()),
        Shape::Html => html_source(file, &sha, &decoded.text)?,
        Shape::Markdown => markdown_source(file, &sha, &decoded.text)?,
    };
    src.shape = detected;
    src.encoding = decoded.encoding.name();
    src.printed = printed::resolve(given, &facts);
    let map = src.line_map.clone();
    let orig = |n: usize| map.get(n.wrapping_sub(1)).copied().unwrap_or(n);
    printed::apply(&mut src.articles, &src.printed, &src.text, &orig);
    if !src.line_map.is_empty() {
        for a in &mut src.articles {
            to_file_lines(a, &orig);
        }
    }
    Ok(src)
}

/// Rewrites an article's line range (and the line numbers its notes cite)
/// from derived lines to the file's.
fn to_file_lines(a: &mut Ingested, orig: &dyn Fn(usize) -> usize) {
    let mapped: Vec<usize> = a.lines.iter().map(|&n| orig(n)).collect();
    if let Some(s) = a.meta.source.as_mut() {
        s.first_line = mapped.iter().copied().min().unwrap_or(s.first_line);
        s.last_line = mapped.iter().copied().max().unwrap_or(s.last_line);
    }
    static LINE: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"line (\d+)").expect("valid regex"));
    let fix = |t: &str| {
        LINE.replace_all(t, |c: &regex::Captures<'_>| {
            let n: usize = c[1].parse().unwrap_or(0);
            format!("line {}", orig(n))
        })
        .into_owned()
    };
    a.meta.date_note = a.meta.date_note.as_deref().map(fix);
    a.meta.warnings = a.meta.warnings.iter().map(|w| fix(w)).collect();
}

/// An HTML page: derived lines through the text pipeline.
fn html_source(file: &str, sha: &str, text: &str) -> Result<(IngestedSource, PageFacts)> {
    let derived = html::derive(text).map_err(|e| {
        Error::invalid(
            Location::file(file),
            format!("not an article page: {}", e.reason),
        )
        .with_hint(
            "ingest takes saved article pages; an index or login page has no article to take",
        )
    })?;
    let mut src = ingest_text(file, sha, &derived.text);
    promote_headline(&mut src);
    src.line_map = derived.line_map;
    src.dropped = derived
        .dropped
        .into_iter()
        .map(|d| Removed {
            file: file.to_string(),
            line: d.line,
            text: format!("[{}] {}", d.what, d.text),
        })
        .collect();
    let head = derived.head;
    let sourced = |x: Option<(String, String)>| x.map(|(value, from)| Sourced { value, from });
    let facts = PageFacts {
        publication: sourced(head.publication),
        date: sourced(
            head.date
                .and_then(|(v, from)| markdown_input::normal_date(&v).map(|d| (d, from))),
        ),
        page: None,
        url: sourced(head.url),
    };
    Ok((src, facts))
}

/// An HTML page's `<h1>` (the derived text's first line, `# …`) is its
/// headline even when the text grammar, seeing no byline or dateline
/// under it, read the page as untitled: the first article then takes it
/// as its title instead of a made-up one, and the heading leaves the body.
fn promote_headline(src: &mut IngestedSource) {
    let Some(h1) = src.text.lines().next().and_then(|l| l.strip_prefix("# ")) else {
        return;
    };
    let Some(a) = src.articles.first_mut() else {
        return;
    };
    let untitled = matches!(a.meta.kind, Some(ArticleKind::Fragment))
        || a.meta.title.starts_with("（残篇）")
        || a.meta.title.starts_with("（无标题）");
    let heading = format!(
        "\n## {}\n",
        clean::escape(&clean::fullwidth(h1.trim()), false)
    );
    if !untitled || !a.body.starts_with(&heading) {
        return;
    }
    a.body = format!("\n{}", a.body[heading.len()..].trim_start_matches('\n'));
    if a.body.trim().is_empty() {
        a.body = "\n".to_string();
    }
    a.meta.title = clean::fullwidth(h1.trim());
    a.meta.kind = Some(ArticleKind::News);
    a.meta
        .warnings
        .retain(|w| !w.starts_with("fragment:") && !w.starts_with("no headline"));
    a.counted.push(h1.trim().to_string());
}

/// A Markdown source: one article from its front-matter, or the text
/// pipeline on its lines.
fn markdown_source(file: &str, sha: &str, text: &str) -> Result<(IngestedSource, PageFacts)> {
    let path = Path::new(file);
    match markdown_input::plan(text, path)? {
        markdown_input::Plan::Lines {
            fm,
            text: lines,
            dropped,
        } => {
            let mut src = ingest_text(file, sha, &lines);
            src.dropped = dropped
                .into_iter()
                .map(|(line, what, text)| Removed {
                    file: file.to_string(),
                    line,
                    text: format!("[{what}] {text}"),
                })
                .collect();
            let fm = fm.unwrap_or_default();
            src.notes = fm_notes(&fm);
            let mut facts = fm_facts(&fm);
            if facts.date.is_none() {
                facts.date = heading_date(text);
            }
            Ok((src, facts))
        }
        markdown_input::Plan::One {
            fm,
            body,
            lines,
            title_line,
            text,
        } => {
            let a = front_matter_article(file, sha, &fm, body, lines, title_line);
            let mut src = ingest_text(file, sha, "");
            src.text = text;
            src.articles = vec![a];
            src.notes = fm_notes(&fm);
            Ok((src, fm_facts(&fm)))
        }
    }
}

/// The edition date a Markdown page's first heading states in full
/// (`# 新闻联播 2007-01-01`): the date of every article under it.
fn heading_date(text: &str) -> Option<Sourced> {
    let first = text.lines().find(|l| !l.trim().is_empty())?;
    if !first.starts_with("# ") {
        return None;
    }
    let (date, _) = printed::stated_date(first)?;
    Some(Sourced {
        value: date.to_string(),
        from: "the page's first heading".to_string(),
    })
}

fn fm_facts(fm: &markdown_input::FrontMatter) -> PageFacts {
    let s = |v: &Option<String>| {
        v.clone().map(|value| Sourced {
            value,
            from: "front-matter".to_string(),
        })
    };
    PageFacts {
        publication: s(&fm.publication),
        date: s(&fm.date),
        page: s(&fm.page),
        url: s(&fm.url),
    }
}

fn fm_notes(fm: &markdown_input::FrontMatter) -> Vec<String> {
    let mut notes: Vec<String> = fm
        .used
        .iter()
        .map(|(k, f)| format!("front-matter `{k}` → {f}"))
        .collect();
    if !fm.unused.is_empty() {
        notes.push(format!(
            "front-matter keys not used: {}",
            fm.unused.join(", ")
        ));
    }
    if !fm.keywords.is_empty() {
        notes.push(format!("keywords: {}", fm.keywords.join("、")));
    }
    notes
}

/// The one article a Markdown file with a titled front-matter holds.
fn front_matter_article(
    file: &str,
    sha: &str,
    fm: &markdown_input::FrontMatter,
    body: String,
    mut lines: Vec<usize>,
    title_line: Option<(usize, String)>,
) -> Ingested {
    let mut counted = Vec::new();
    if let Some((n, t)) = &title_line {
        lines.push(*n);
        counted.push(t.clone());
    }
    lines.sort_unstable();
    let mut warnings = Vec::new();
    if let Some(bad) = &fm.bad_date {
        warnings.push(format!(
            "date: front-matter date `{bad}` is not a date (YYYY-MM-DD): set `date` by hand"
        ));
    }
    let date = fm.date.as_deref().and_then(|d| PartialDate::parse(d).ok());
    let column = fm.column.clone();
    let kind = if column.as_deref().is_some_and(|c| c.contains("评论")) {
        ArticleKind::Commentary
    } else {
        ArticleKind::News
    };
    let meta = ArticleMeta {
        title: fm.title.clone().unwrap_or_default(),
        column,
        kind: Some(kind),
        authors: fm.authors.clone(),
        date,
        date_note: date.map(|_| "front-matter `date`".to_string()),
        source: Some(SourceRef {
            file: file.to_string(),
            first_line: lines.first().copied().unwrap_or(1),
            last_line: lines.last().copied().unwrap_or(1),
            sha256: sha.to_string(),
            ..SourceRef::default()
        }),
        warnings,
        ..ArticleMeta::default()
    };
    Ingested {
        meta,
        body,
        lines,
        counted,
    }
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
        shape: Detected {
            shape: Shape::Text,
            reason: "given as text".to_string(),
        },
        encoding: "UTF-8",
        line_map: Vec::new(),
        dropped: Vec::new(),
        printed: Printed::default(),
        notes: Vec::new(),
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
