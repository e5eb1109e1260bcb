//! The article front-matter schema: what ingest writes and `content`
//! reads, field by field.
//!
//! Only `title` is required, so a hand-written article needs nothing more.
//! Ingest fills in the rest; editors may change any of it. Unknown keys are
//! errors, so a typo (`titel:`) is caught instead of silently ignored.

use super::date::PartialDate;
use crate::ids::{Slug, SourceName};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::Path;

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
    /// For a summary box or sidebar printed with another article: that
    /// article's slug. The box is shown at the end of its host's page and
    /// listed there, not among the articles or fragments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<Slug>,
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

/// sha256 of `bytes` as lowercase hex: the form of [`SourceRef::sha256`]
/// and of the hashes in [`IngestStamp`].
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
