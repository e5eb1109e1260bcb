//! The pure pipeline: a source's bytes, decoded and read in its shape,
//! split, described and cleaned into articles, with where it was printed.
//!
//! Nothing here touches the disk: [`ingest_source`] takes bytes and what
//! the sidecar and `site.yaml` say, and returns an [`IngestedSource`];
//! `write` reads the files and writes the articles.

use super::ingested::Ingested;
use super::printed::{self, Given, PageFacts, Printed, Sourced};
use super::report::Removed;
use super::shape::{self, Detected, Shape};
use super::{clean, html, markdown_input, meta, split};
use crate::error::{Error, Location, Result};
use crate::schema::{sha256_hex, ArticleKind, ArticleMeta, PartialDate, SourceRef};
use std::path::Path;

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
    let decoded = crate::decode::decode_source(bytes, path)?;
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
