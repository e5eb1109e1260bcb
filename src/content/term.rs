//! Glossary terms: the front-matter schema of `content/glossary/<id>.md`
//! and the loaded [`Term`]. Cross-term checks (unknown parents, duplicate
//! surface forms, cycles) live in [`crate::glossary`].

use crate::error::{Error, Location, Result};
use crate::ids::{Slug, TermId};
use crate::schema::PartialDate;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What sort of thing a term names; the glossary index groups by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TermKind {
    /// A political slogan (两个确立).
    Slogan,
    /// A numbered formula (三攻坚一盘活, 885, 33618).
    NumericFormula,
    /// A programme, campaign or project.
    Program,
    /// An institution or body (市纪委监委).
    Institution,
    /// A meeting or plenary session (市委六届四次全会).
    Meeting,
    /// A document (《意见》).
    Document,
    /// A person, usually an official.
    Person,
    /// A place or area (西部科学城).
    Place,
    /// A concept or term of art.
    Concept,
}

impl TermKind {
    /// All kinds, in the order the glossary index shows them.
    pub const ALL: [TermKind; 9] = [
        TermKind::Slogan,
        TermKind::NumericFormula,
        TermKind::Program,
        TermKind::Concept,
        TermKind::Meeting,
        TermKind::Document,
        TermKind::Institution,
        TermKind::Person,
        TermKind::Place,
    ];

    /// The Chinese heading for the kind.
    pub fn label(self) -> &'static str {
        match self {
            TermKind::Slogan => "口号与提法",
            TermKind::NumericFormula => "数字概括",
            TermKind::Program => "工程与行动",
            TermKind::Institution => "机构",
            TermKind::Meeting => "会议",
            TermKind::Document => "文件",
            TermKind::Person => "人物",
            TermKind::Place => "地名",
            TermKind::Concept => "概念",
        }
    }

    /// The kebab-case key used in front-matter and HTML anchors.
    pub fn key(self) -> &'static str {
        match self {
            TermKind::Slogan => "slogan",
            TermKind::NumericFormula => "numeric-formula",
            TermKind::Program => "program",
            TermKind::Institution => "institution",
            TermKind::Meeting => "meeting",
            TermKind::Document => "document",
            TermKind::Person => "person",
            TermKind::Place => "place",
            TermKind::Concept => "concept",
        }
    }
}

/// A term's front-matter.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TermMeta {
    /// The headword as it appears in the texts.
    pub term: String,
    /// Other surface forms that mean the same (abbreviations, variants).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Hanyu pinyin with tone marks; sorts the glossary.
    #[serde(default)]
    pub pinyin: String,
    /// Established English rendering, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub english: Option<String>,
    /// What sort of thing the term names.
    pub kind: TermKind,
    /// A broader term this one is part of (三清 → 三清三减三增).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<TermId>,
    /// Related terms.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub see_also: Vec<TermId>,
    /// One-line gloss shown in the in-text popover; defaults to the first
    /// sentence of the definition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
    /// Articles the term is linked in, for document-local abbreviations
    /// such as 《意见》; empty means everywhere.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub only_in: Vec<Slug>,
    /// Not yet for readers (a stub `jiedu terms --draft` wrote, or work in
    /// progress): left out of `jiedu build` unless `--drafts`, shown by
    /// `jiedu serve` with a badge, listed by `jiedu check`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    /// Where the formula was first set out, from the public record
    /// (never from the texts: the term page shows first use there itself).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
    /// What the public record says about the term, each fact with the
    /// publication it was verified in. Kept apart from the definition,
    /// which says only what the texts say.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub record: Vec<RecordFact>,
    /// What neither the texts nor the public record settle, said plainly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unknown: Option<String>,
    /// Other English renderings in use, beside the preferred `english`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub english_alternatives: Vec<EnglishAlternative>,
}

/// A publication a public-record fact was verified in.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PublicSource {
    /// The publication or site as it names itself: 人民日报, 新华社, 求是,
    /// 中国政府网, 中央纪委国家监委网站.
    pub publication: String,
    /// When it was published.
    pub date: PartialDate,
    /// The piece's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Where it can be read (`http` or `https` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One fact from the public record.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RecordFact {
    /// The fact, in one or two sentences.
    pub fact: String,
    /// Where it was verified.
    pub source: PublicSource,
}

/// Where a formula was first set out.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Origin {
    /// The meeting or document that first set it out, and when.
    pub fact: String,
    /// The national formula a local one derives from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Where that was verified.
    pub source: PublicSource,
}

/// An English rendering other than the preferred one.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EnglishAlternative {
    /// The rendering.
    pub english: String,
    /// Who uses it (a publication, a glossary, a translator).
    pub users: String,
    /// One line on why it is not preferred here, or when to use it.
    pub reason: String,
}

/// A loaded term.
#[derive(Debug, Clone)]
pub struct Term {
    /// The id: the file stem.
    pub id: TermId,
    /// The front-matter.
    pub meta: TermMeta,
    /// The Markdown definition.
    pub definition: String,
    /// The file it was loaded from.
    pub path: PathBuf,
    /// The file's whole text as loaded, so that checks made later across
    /// terms (`glossary::validate`) name the line of a problem without
    /// reading the file again.
    pub text: String,
}

impl Term {
    /// Parses a term file's text; `path` gives the id and errors.
    pub fn parse(text: &str, path: &Path) -> Result<Self> {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let id = TermId::new(stem).map_err(|e| {
            Error::invalid(Location::file(path), e.to_string())
                .with_hint("rename the file; its name is the term's URL")
        })?;
        let split = crate::schema::frontmatter::split(text, path)?;
        let meta: TermMeta = crate::schema::frontmatter::parse(&split, path)?;
        if meta.term.trim().is_empty() {
            return Err(Error::invalid(Location::at(path, 2, 1), "term is empty"));
        }
        check_urls(&meta, text, path)?;
        Ok(Term {
            id,
            meta,
            definition: split.body.to_string(),
            path: path.to_path_buf(),
            text: text.to_string(),
        })
    }

    /// Every surface form: the term, then its aliases.
    pub fn surface_forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.meta.term.as_str()).chain(self.meta.aliases.iter().map(String::as_str))
    }
}

impl TermMeta {
    /// Every public source the entry cites: its origin's, then its facts'.
    pub fn public_sources(&self) -> impl Iterator<Item = &PublicSource> {
        self.origin
            .iter()
            .map(|o| &o.source)
            .chain(self.record.iter().map(|r| &r.source))
    }
}

/// A public source's `url` must be `http` or `https`: it becomes a link.
fn check_urls(meta: &TermMeta, text: &str, path: &Path) -> Result<()> {
    let errors: Vec<Error> = meta
        .public_sources()
        .filter_map(|s| s.url.as_deref())
        .filter(|u| !(u.starts_with("https://") || u.starts_with("http://")))
        .map(|u| {
            let loc = text.find(u).map_or_else(
                || Location::file(path),
                |at| Location::of_offset(path, text, at),
            );
            Error::invalid(loc, format!("source url `{u}` is not http or https"))
                .with_hint("cite the page's web address, starting with https://")
        })
        .collect();
    Error::collect(errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_term() {
        let t = Term::parse(
            "---\nterm: 两个确立\npinyin: liǎng gè quèlì\nenglish: Two Establishes\nkind: slogan\n---\n定义。\n",
            Path::new("liang-ge-que-li.md"),
        )
        .unwrap();
        assert_eq!(t.id.as_str(), "liang-ge-que-li");
        assert_eq!(t.meta.kind, TermKind::Slogan);
        assert_eq!(t.surface_forms().collect::<Vec<_>>(), ["两个确立"]);
    }

    #[test]
    fn public_record_and_english_alternatives_parse() {
        let text = "---\nterm: 两个确立\nkind: slogan\nenglish: Two Establishes\n\
            origin:\n  fact: 十九届六中全会决议提出。\n  source: {publication: 新华社, date: 2021-11-16}\n\
            record:\n  - fact: 决定性意义。\n    source: {publication: 人民日报, date: 2021-11, title: 决议, url: 'https://example.org/a'}\n\
            unknown: 无。\n\
            english_alternatives:\n  - {english: the Two Affirmations, users: some, reason: older}\n\
            draft: true\n---\n定义。\n";
        let t = Term::parse(text, Path::new("x.md")).unwrap();
        assert!(t.meta.draft);
        assert_eq!(t.meta.public_sources().count(), 2);
        assert_eq!(t.meta.record[0].source.date.to_string(), "2021-11");
        assert_eq!(t.meta.english_alternatives[0].users, "some");
    }

    #[test]
    fn a_record_without_a_date_or_with_a_script_url_is_an_error_with_a_line() {
        let e = Term::parse(
            "---\nterm: x\nkind: slogan\nrecord:\n  - fact: y\n    source: {publication: z}\n---\n",
            Path::new("x.md"),
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("x.md:6:"), "{e}");
        let e = Term::parse(
            "---\nterm: x\nkind: slogan\nrecord:\n  - fact: y\n    source: {publication: z, date: 2024, url: 'javascript:alert(1)'}\n---\n",
            Path::new("x.md"),
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("x.md:6:"), "{e}");
    }

    #[test]
    fn unknown_kind_is_an_error_with_a_line() {
        let e = Term::parse("---\nterm: x\nkind: slgan\n---\n", Path::new("x.md")).unwrap_err();
        assert!(e.to_string().starts_with("x.md:3:"), "{e}");
    }
}
