//! Articles: the loaded [`Article`], its front-matter checked beyond what
//! the schema's types check (a non-empty title, `source.date` and
//! `source.url`).
//!
//! The front-matter schema itself ([`ArticleMeta`]) is
//! [`crate::schema::article`]'s, because ingest writes what this module
//! reads.

use crate::error::{Error, Location, Result};
use crate::ids::Slug;
pub use crate::schema::article::{ArticleKind, ArticleMeta, IngestStamp, SourceRef};
use crate::schema::frontmatter::{self, Split};
use crate::schema::PartialDate;
use std::path::{Path, PathBuf};

/// A loaded article.
#[derive(Debug, Clone)]
pub struct Article {
    /// The slug: the file stem.
    pub slug: Slug,
    /// The front-matter.
    pub meta: ArticleMeta,
    /// The Markdown body.
    pub body: String,
    /// The file it was loaded from.
    pub path: PathBuf,
    /// 0-based line of the file where the body starts.
    pub body_line: usize,
}

impl Article {
    /// Parses an article file's text; `path` gives the slug and errors.
    pub fn parse(text: &str, path: &Path) -> Result<Self> {
        let slug = slug_of(path)?;
        let split = frontmatter::split(text, path)?;
        let meta: ArticleMeta = frontmatter::parse(&split, path)?;
        if meta.title.trim().is_empty() {
            return Err(Error::invalid(Location::at(path, 2, 1), "title is empty"));
        }
        if let Some(date) = meta.source.as_ref().and_then(|s| s.date.as_deref()) {
            if let Err(msg) = PartialDate::parse(date) {
                let at = text.find(date).unwrap_or(0);
                return Err(Error::invalid(Location::of_offset(path, text, at), msg)
                    .with_hint("source.date is the edition date: YYYY, YYYY-MM or YYYY-MM-DD"));
            }
        }
        check_source_fields(&meta, &split, path)?;
        Ok(Article {
            slug,
            meta,
            body: split.body.to_string(),
            path: path.to_path_buf(),
            body_line: split.body_line,
        })
    }
}

/// The Markdown body of the article file at `path`, as [`Article::parse`]
/// takes it (without parsing the front-matter again).
pub fn read_body(path: &Path) -> Result<String> {
    let text = crate::files::read_text(path)?;
    Ok(frontmatter::split(&text, path)?.body.to_string())
}

/// The `source:` map's `date` must be a date like an article's, and its
/// `url` an `http(s)` address (it becomes a link on several pages).
fn check_source_fields(meta: &ArticleMeta, split: &Split<'_>, path: &Path) -> Result<()> {
    let Some(source) = meta.source.as_ref() else {
        return Ok(());
    };
    // Point at the key inside `source:` (indented).
    let line_of = |key: &str| {
        split
            .yaml
            .lines()
            .position(|l| l.starts_with(' ') && l.trim_start().starts_with(key))
            .map_or(0, |i| split.yaml_line + i + 1)
    };
    if let Some(Err(msg)) = source.date.as_deref().map(PartialDate::parse) {
        let at = Location::at(path, line_of("date:"), 0);
        return Err(Error::invalid(at, format!("source.date: {msg}")));
    }
    if let Some(url) = source.url.as_deref() {
        let lower = url.trim().to_ascii_lowercase();
        if !(lower.starts_with("https://") || lower.starts_with("http://")) {
            let at = Location::at(path, line_of("url:"), 0);
            return Err(Error::invalid(
                at,
                format!("source.url `{url}` must start with http:// or https://"),
            ));
        }
    }
    Ok(())
}

/// The slug a content file's name gives, or an error naming the file.
pub fn slug_of(path: &Path) -> Result<Slug> {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    Slug::new(stem).map_err(|e| {
        Error::invalid(Location::file(path), e.to_string())
            .with_hint("rename the file; its name is the page's URL")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_title_is_required() {
        let a = Article::parse("---\ntitle: 标题\n---\n正文\n", Path::new("x/ab-c.md")).unwrap();
        assert_eq!(a.slug.as_str(), "ab-c");
        assert_eq!(a.meta.title, "标题");
        assert_eq!(a.body, "正文\n");
    }

    #[test]
    fn where_it_was_printed_is_read_and_checked() {
        let text = "---\ntitle: t\nsource:\n  file: a.txt\n  first_line: 1\n  last_line: 2\n  sha256: ab\n  publication: 重庆日报\n  date: 2025-02\n  page: 第3版\n---\n正文\n";
        let a = Article::parse(text, Path::new("x/a.md")).unwrap();
        let s = a.meta.source.unwrap();
        assert_eq!(s.publication.as_deref(), Some("重庆日报"));
        assert_eq!(s.page.as_deref(), Some("第3版"));
        let bad = text.replace("2025-02", "2025-13");
        let e = Article::parse(&bad, Path::new("x/a.md")).unwrap_err();
        assert_eq!(e.location().unwrap().line, 9, "{e}");
        let bad = text.replace("  page: 第3版\n", "  url: javascript:alert(1)\n");
        let e = Article::parse(&bad, Path::new("x/a.md")).unwrap_err();
        assert_eq!(e.location().unwrap().line, 10, "{e}");
        assert!(e.to_string().contains("http://"), "{e}");
    }

    #[test]
    fn where_the_source_was_printed() {
        let text = "---\ntitle: t\nsource: {file: a.html, first_line: 1, last_line: 2, sha256: ab, publication: 人民日报, date: 2019-10-22, page: 第2版, url: 'http://x/'}\n---\n";
        let a = Article::parse(text, Path::new("a.md")).unwrap();
        let s = a.meta.source.unwrap();
        assert_eq!(s.publication.as_deref(), Some("人民日报"));
        assert_eq!(s.page.as_deref(), Some("第2版"));
        let bad = text.replace("2019-10-22", "2019-13-01");
        let e = Article::parse(&bad, Path::new("a.md")).unwrap_err();
        assert!(e.to_string().starts_with("a.md:3:"), "{e}");
    }

    #[test]
    fn bad_slug_and_missing_title() {
        let e = Article::parse("---\ntitle: t\n---\n", Path::new("Bad Name.md")).unwrap_err();
        assert!(e.to_string().contains("not a valid slug"), "{e}");
        let e = Article::parse("---\nsubtitle: t\n---\n", Path::new("a.md")).unwrap_err();
        assert!(e.to_string().contains("missing field `title`"), "{e}");
    }
}
