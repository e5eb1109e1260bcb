//! Articles: the front-matter schema every article file follows, and the
//! loaded [`Article`].
//!
//! Only `title` is required, so a hand-written article needs nothing more.
//! Ingest fills in the rest; editors may change any of it. Unknown keys are
//! errors, so a typo (`titel:`) is caught instead of silently ignored.

use super::date::PartialDate;
use crate::error::{Error, Location, Result};
use crate::ids::{Slug, SourceName};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What kind of text an article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum ArticleKind {
    /// An official answering a reporter's questions (问/答).
    Interview,
    /// Several guests around a moderator (圆桌会).
    Roundtable,
    /// A press conference (新闻发布会).
    PressConference,
    /// An ordinary news report.
    News,
    /// An official report or announcement (e.g. 巡视整改进展情况).
    Report,
    /// A short news brief (● …).
    Brief,
    /// A photo caption.
    Caption,
    /// Commentary or editorial.
    Commentary,
    /// Text that could not be placed in an article; kept and flagged.
    Fragment,
}

impl ArticleKind {
    /// The label shown to readers, in Chinese.
    pub fn label(self) -> &'static str {
        match self {
            ArticleKind::Interview => "答记者问",
            ArticleKind::Roundtable => "圆桌访谈",
            ArticleKind::PressConference => "新闻发布会",
            ArticleKind::News => "消息",
            ArticleKind::Report => "通报",
            ArticleKind::Brief => "简讯",
            ArticleKind::Caption => "图片说明",
            ArticleKind::Commentary => "评论",
            ArticleKind::Fragment => "残篇",
        }
    }
}

/// Where an article came from: a raw source file and its line range, and
/// where that source was printed (from its sidecar, the edition's
/// `source_defaults:`, or the page itself).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    /// The source file's name under `content/sources/`, e.g. `000_x.txt`.
    pub file: String,
    /// First line of the article in the source (1-based).
    pub first_line: usize,
    /// Last line of the article in the source (1-based, inclusive).
    pub last_line: usize,
    /// sha256 of the whole source file, hex.
    pub sha256: String,
    /// The publication the source was printed in, e.g. `人民日报`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publication: Option<String>,
    /// The edition date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The page (版次) as printed, e.g. `第2版`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// The source page's original URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl SourceRef {
    /// The source's name (file stem), if it is a valid one.
    pub fn name(&self) -> Option<SourceName> {
        let stem = Path::new(&self.file).file_stem()?.to_str()?;
        SourceName::new(stem).ok()
    }
}

/// What ingest records about the file it wrote, so that re-ingest can tell
/// an editor's changes from its own output.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IngestStamp {
    /// sha256 (hex) of the body exactly as ingest wrote it.
    pub body_sha256: String,
    /// sha256 (hex) of the front-matter fields as ingest wrote them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta_sha256: Option<String>,
}

/// An article's front-matter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleMeta {
    /// The headline. Required.
    pub title: String,
    /// The kicker (引题) printed above the headline, e.g. `细化主攻方向 突出特色优势`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kicker: Option<String>,
    /// A sub-headline (often starting with ——).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// The newspaper column (权威发布, 重报圆桌会…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// The umbrella title printed over a bundle of articles this one
    /// belongs to (the articles of a bundle share it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bundle: Option<String>,
    /// What kind of text this is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ArticleKind>,
    /// Reporters and authors, names only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// The byline exactly as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// Publication date: `2024`, `2024-12` or `2024-12-27`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// How the date was found or inferred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_note: Option<String>,
    /// The dateline as printed (新华社北京12月27日电).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    /// One-sentence summary for listings and meta descriptions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The raw source this article was ingested from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceRef>,
    /// Things an editor should check.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// A note by the editor (what was fixed by hand and why).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub editor_note: Option<String>,
    /// Written by ingest; do not edit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ingest: Option<IngestStamp>,
    /// Work in progress: left out of `jiedu build` unless `--drafts`,
    /// shown by `jiedu serve` with a badge, listed by `jiedu check`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
}

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
        let split = super::frontmatter::split(text, path)?;
        let meta: ArticleMeta = super::frontmatter::parse(&split, path)?;
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
        Ok(Article {
            slug,
            meta,
            body: split.body.to_string(),
            path: path.to_path_buf(),
            body_line: split.body_line,
        })
    }
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
    fn full_front_matter_round_trips() {
        let yaml = "title: 标题\nkind: press-conference\ndate: 2025-02-13\nauthors: [张珺, 周尤]\n\
                    source: {file: a.txt, first_line: 3, last_line: 9, sha256: ab}\n";
        let meta: ArticleMeta = yaml_serde::from_str(yaml).unwrap();
        assert_eq!(meta.kind, Some(ArticleKind::PressConference));
        assert_eq!(meta.date.unwrap().to_string(), "2025-02-13");
        let back: ArticleMeta =
            yaml_serde::from_str(&yaml_serde::to_string(&meta).unwrap()).unwrap();
        assert_eq!(back, meta);
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
