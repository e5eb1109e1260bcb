//! Standing annotations: an editor's commentary on a passage of an
//! article, kept in its own file so the article body stays as printed.
//!
//! `content/annotations/<article-slug>.yaml` is a list; each entry quotes
//! the passage it is about, as the edition reads it (emendations
//! applied), and may give its paragraph as a hint:
//!
//! ```yaml
//! - quote: 分层分类突击“止损治亏”
//!   p: 17
//!   note: 这里的“止损治亏”……
//!   by: 编者
//! ```
//!
//! The quote, not the paragraph number, is the anchor: a re-ingest that
//! renumbers paragraphs or an edit elsewhere in the paragraph keeps the
//! annotation in place. One whose quote no longer stands in the article is
//! an error of `jiedu build` and `jiedu check` (a warning in `jiedu
//! serve`), naming the file, line and the quote.

use crate::error::{Error, Location, Result};
use crate::ids::Slug;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// One entry as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    quote: String,
    #[serde(default)]
    p: Option<u32>,
    note: String,
    #[serde(default)]
    by: Option<String>,
}

/// One annotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    /// The passage, as the edition's text reads it.
    pub quote: String,
    /// The paragraph number it was written against (a hint only).
    pub paragraph: Option<u32>,
    /// The commentary, Markdown.
    pub note: String,
    /// Who wrote it (default 编者).
    pub by: Option<String>,
    /// Where the quote is written in its file.
    pub at: Location,
}

/// The annotations of one article.
#[derive(Debug, Clone)]
pub struct AnnotationFile {
    /// The article they annotate: the file's stem.
    pub article: Slug,
    /// The file.
    pub path: PathBuf,
    /// Its entries, in order.
    pub items: Vec<Annotation>,
}

impl AnnotationFile {
    /// Parses an annotation file's text.
    pub fn parse(text: &str, path: &Path) -> Result<AnnotationFile> {
        let article = super::article::slug_of(path)?;
        let entries: Vec<Entry> = if text.trim().is_empty() {
            Vec::new()
        } else {
            yaml_serde::from_str(text)
                .map_err(|e| crate::schema::frontmatter::yaml_error(path, text, 0, &e))?
        };
        let starts = quote_places(text, path);
        let mut items = Vec::with_capacity(entries.len());
        for (k, e) in entries.into_iter().enumerate() {
            let at = starts
                .get(k)
                .cloned()
                .unwrap_or_else(|| Location::file(path));
            if e.quote.trim().is_empty() {
                return Err(Error::invalid(at, "annotation quote is empty"));
            }
            if e.note.trim().is_empty() {
                return Err(Error::invalid(at, "annotation note is empty"));
            }
            items.push(Annotation {
                quote: e.quote.trim().to_string(),
                paragraph: e.p,
                note: e.note,
                by: e.by,
                at,
            });
        }
        Ok(AnnotationFile {
            article,
            path: path.to_path_buf(),
            items,
        })
    }
}

/// Where each entry's `quote:` value starts: the n-th `quote:` key is the
/// n-th entry's (the keys are checked by the parser first).
fn quote_places(text: &str, path: &Path) -> Vec<Location> {
    let mut places = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start_matches([' ', '-']);
        if let Some(rest) = trimmed.strip_prefix("quote:") {
            let before = line.len() - trimmed.len() + "quote:".len();
            let pad = rest.len() - rest.trim_start().len();
            let col = line[..before + pad].chars().count() + 1;
            places.push(Location::at(path, i + 1, col));
        }
    }
    places
}

/// Where an annotation's quote stands in an article: the index of the
/// paragraph, or `None` when it stands nowhere.
pub fn find(item: &Annotation, paragraphs: &[&str]) -> Option<usize> {
    let hinted = item
        .paragraph
        .and_then(|p| (p as usize).checked_sub(1))
        .filter(|&i| paragraphs.get(i).is_some_and(|t| t.contains(&item.quote)));
    hinted.or_else(|| paragraphs.iter().position(|t| t.contains(&item.quote)))
}

/// The error for an annotation whose quote is gone from `article`.
pub fn lost(item: &Annotation, article: &Slug) -> Error {
    Error::invalid(
        item.at.clone(),
        format!(
            "annotation's passage 「{}」 is not in article `{article}`",
            item.quote
        ),
    )
    .with_hint("quote the passage as the article now reads it, or remove the annotation")
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "- quote: 止损治亏\n  p: 2\n  note: 注一。\n- quote:   三清三减三增\n  note: 注二。\n  by: 张三\n";

    #[test]
    fn entries_carry_the_place_of_their_quote() {
        let f = AnnotationFile::parse(FILE, Path::new("c/annotations/ab.yaml")).unwrap();
        assert_eq!(f.article.as_str(), "ab");
        assert_eq!(f.items.len(), 2);
        assert_eq!((f.items[0].at.line, f.items[0].at.col), (1, 10));
        assert_eq!((f.items[1].at.line, f.items[1].at.col), (4, 12));
        assert_eq!(f.items[1].by.as_deref(), Some("张三"));
    }

    #[test]
    fn the_quote_is_the_anchor_and_the_paragraph_a_hint() {
        let f = AnnotationFile::parse(FILE, Path::new("ab.yaml")).unwrap();
        let paras = ["甲", "乙", "要止损治亏。", "三清三减三增"];
        assert_eq!(
            find(&f.items[0], &paras),
            Some(2),
            "found past a stale hint"
        );
        assert_eq!(find(&f.items[1], &paras), Some(3));
        assert_eq!(find(&f.items[0], &["无"]), None);
        let e = lost(&f.items[0], &f.article).to_string();
        assert!(e.contains("ab.yaml:1:10") && e.contains("止损治亏"), "{e}");
    }

    #[test]
    fn bad_files_are_errors_with_places() {
        let e = AnnotationFile::parse("- quote: x\n  note: y\n  colour: z\n", Path::new("a.yaml"))
            .unwrap_err();
        assert!(e.to_string().contains("a.yaml:3"), "{e}");
        let e =
            AnnotationFile::parse("- quote: x\n  note: ' '\n", Path::new("a.yaml")).unwrap_err();
        assert!(
            e.to_string().contains("a.yaml:1:10") && e.to_string().contains("note is empty"),
            "{e}"
        );
    }
}
