//! Translations (`content/translations/<lang>/<slug>.md`): an editor's
//! English beside an article's Chinese, aligned paragraph by paragraph.
//!
//! A translation file is YAML front-matter (`title`, `translator`, `date`,
//! `status`, optional `notes`) and then blocks. Each block opens with a
//! marker line alone on its line, `{#pN}` or `{#pN hash=<16 hex digits>}`,
//! where `pN` is the Chinese paragraph's anchor; the block's Markdown runs
//! to the next marker. A translation may skip paragraphs; it may not name
//! one twice.
//!
//! The `hash` records which Chinese text the block translates: the first
//! 16 hex digits of the SHA-256 of the paragraph's plain text (see
//! [`paragraph_hash`]). When the Chinese changes, the hash no longer
//! matches and `jiedu check` calls the block stale. A marker without a hash
//! is not yet stamped; `jiedu translations stamp` writes the hashes
//! ([`stamp`] is the pure rewrite it uses).
//!
//! Parsing here needs only the file; whether each anchor exists in the
//! article is known after the article is rendered, and checked there
//! ([`Translation::unknown_anchors`]).

use crate::error::{Error, Location, Result};
use crate::ids::{ParagraphId, Slug};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Hex digits of the SHA-256 a marker records.
pub const HASH_LEN: usize = 16;

/// How far a translation has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TranslationStatus {
    /// Written, not yet reviewed by a second reader.
    Draft,
    /// Checked against the Chinese by a reviewer.
    Reviewed,
}

impl TranslationStatus {
    /// The key (`draft`, `reviewed`).
    pub fn key(self) -> &'static str {
        match self {
            TranslationStatus::Draft => "draft",
            TranslationStatus::Reviewed => "reviewed",
        }
    }

    /// The label shown in listings, in Chinese.
    pub fn label(self) -> &'static str {
        match self {
            TranslationStatus::Draft => "英译（草稿）",
            TranslationStatus::Reviewed => "英译（已审校）",
        }
    }
}

/// A translation's front-matter.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TranslationMeta {
    /// The article's title in English. Required.
    pub title: String,
    /// Who translated it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translator: Option<String>,
    /// When, `YYYY-MM-DD` (or `YYYY`, `YYYY-MM`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<crate::schema::PartialDate>,
    /// `draft` (default) or `reviewed`.
    #[serde(default = "draft")]
    pub status: TranslationStatus,
    /// The translator's notes (conventions, doubts), shown under the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

fn draft() -> TranslationStatus {
    TranslationStatus::Draft
}

/// One block: the English of one Chinese paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslationBlock {
    /// The Chinese paragraph it translates.
    pub anchor: ParagraphId,
    /// The recorded hash of that paragraph, if stamped.
    pub hash: Option<String>,
    /// The English, as Markdown.
    pub markdown: String,
    /// 1-based line of the marker in the file.
    pub line: usize,
}

/// A loaded translation.
#[derive(Debug, Clone)]
pub struct Translation {
    /// The translated article's slug: the file stem.
    pub slug: Slug,
    /// The language tag: the folder name (`en`).
    pub lang: String,
    /// The front-matter.
    pub meta: TranslationMeta,
    /// The blocks, in file order.
    pub blocks: Vec<TranslationBlock>,
    /// The file it was loaded from.
    pub path: PathBuf,
}

/// The hash a marker records for a Chinese paragraph: the first
/// [`HASH_LEN`] hex digits of the SHA-256 of its plain text, the text
/// search and the glossary see (what [`crate::render::BlockText`] holds:
/// no markup, footnote references left out).
pub fn paragraph_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut hex = String::with_capacity(HASH_LEN);
    for b in digest.iter().take(HASH_LEN / 2) {
        hex.push_str(&format!("{b:02x}"));
    }
    hex
}

/// A parsed marker line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Marker {
    anchor: ParagraphId,
    hash: Option<String>,
}

/// Parses a marker line; `None` if the line is no marker at all, `Err`
/// (a message and the 0-based character column) if it starts like one
/// but is malformed.
fn marker(line: &str) -> Option<std::result::Result<Marker, (String, usize)>> {
    let t = line.trim_end();
    if !t.starts_with("{#") {
        return None;
    }
    let bad = |msg: &str, col: usize| Some(Err((msg.to_string(), col)));
    let Some(inner) = t.strip_prefix("{#").and_then(|r| r.strip_suffix('}')) else {
        return bad("a marker line must end with `}`", t.chars().count());
    };
    let mut parts = inner.split(' ').filter(|p| !p.is_empty());
    let anchor = parts.next().unwrap_or("");
    let n = anchor
        .strip_prefix('p')
        .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|d| d.parse::<u32>().ok())
        .filter(|&n| n > 0);
    let Some(n) = n else {
        return bad("a marker names a paragraph as `{#pN}`, N from 1", 2);
    };
    let hash = match parts.next() {
        None => None,
        Some(h) => {
            let col = line.find(h).map_or(2, |i| line[..i].chars().count());
            let Some(hex) = h.strip_prefix("hash=") else {
                return bad("after the anchor a marker takes only `hash=<hex>`", col);
            };
            let ok = hex.len() == HASH_LEN
                && hex
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
            if !ok {
                return bad("a hash is 16 lowercase hex digits", col);
            }
            Some(hex.to_string())
        }
    };
    if parts.next().is_some() {
        return bad("a marker holds an anchor and at most one hash", 2);
    }
    Some(Ok(Marker {
        anchor: ParagraphId(n),
        hash,
    }))
}

impl Translation {
    /// Parses a translation file's text; `path` gives the slug, the
    /// language (its folder) and the locations of errors.
    pub fn parse(text: &str, path: &Path) -> Result<Self> {
        let slug = super::article::slug_of(path)?;
        let lang = path
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .unwrap_or("en")
            .to_string();
        let split = crate::schema::frontmatter::split(text, path)?;
        let meta: TranslationMeta = crate::schema::frontmatter::parse(&split, path)?;
        if meta.title.trim().is_empty() {
            return Err(Error::invalid(Location::at(path, 2, 1), "title is empty"));
        }
        let blocks = parse_blocks(split.body, split.body_line, path)?;
        Ok(Translation {
            slug,
            lang,
            meta,
            blocks,
            path: path.to_path_buf(),
        })
    }

    /// The block translating paragraph `anchor`, if any.
    pub fn block(&self, anchor: ParagraphId) -> Option<&TranslationBlock> {
        self.blocks.iter().find(|b| b.anchor == anchor)
    }

    /// An error for every block whose anchor the article, of
    /// `paragraphs` paragraphs, does not have.
    pub fn unknown_anchors(&self, paragraphs: usize) -> Vec<Error> {
        self.blocks
            .iter()
            .filter(|b| b.anchor.0 as usize > paragraphs)
            .map(|b| {
                Error::invalid(
                    Location::at(&self.path, b.line, 3),
                    format!(
                        "the article `{}` has no paragraph {} (it has {paragraphs})",
                        self.slug, b.anchor
                    ),
                )
                .with_hint("a marker names the ¶ number shown beside the Chinese paragraph")
            })
            .collect()
    }
}

/// The blocks of a translation body starting at 0-based file line
/// `first_line`; every malformed or repeated marker is reported.
fn parse_blocks(body: &str, first_line: usize, path: &Path) -> Result<Vec<TranslationBlock>> {
    let mut blocks: Vec<TranslationBlock> = Vec::new();
    let mut seen: HashMap<ParagraphId, usize> = HashMap::new();
    let mut errors = Vec::new();
    for (i, line) in body.lines().enumerate() {
        let n = first_line + i + 1;
        match marker(line) {
            Some(Ok(m)) => {
                if let Some(first) = seen.insert(m.anchor, n) {
                    errors.push(
                        Error::invalid(
                            Location::at(path, n, 3),
                            format!(
                                "paragraph {} is translated twice (first at line {first})",
                                m.anchor
                            ),
                        )
                        .with_hint("merge the two blocks, or correct the ¶ number of one"),
                    );
                }
                blocks.push(TranslationBlock {
                    anchor: m.anchor,
                    hash: m.hash,
                    markdown: String::new(),
                    line: n,
                });
            }
            Some(Err((msg, col))) => {
                errors.push(Error::invalid(Location::at(path, n, col + 1), msg));
            }
            None => match blocks.last_mut() {
                Some(b) => {
                    b.markdown.push_str(line);
                    b.markdown.push('\n');
                }
                None if line.trim().is_empty() => {}
                None => errors.push(
                    Error::invalid(
                        Location::at(path, n, 1),
                        "text before the first paragraph marker",
                    )
                    .with_hint("open each paragraph's English with a line `{#pN}`"),
                ),
            },
        }
    }
    Error::collect(errors)?;
    for b in &mut blocks {
        let trimmed = b.markdown.trim().to_string();
        b.markdown = trimmed;
    }
    Ok(blocks)
}

/// A translation file's text with its markers stamped: each marker gets
/// the hash `hash_of` gives for its anchor. Markers with a hash keep it
/// unless `restamp`; anchors `hash_of` knows nothing of are left as they
/// are. Everything but marker lines is kept byte for byte. Returns the new
/// text and how many markers changed.
pub fn stamp(
    text: &str,
    restamp: bool,
    hash_of: impl Fn(ParagraphId) -> Option<String>,
) -> (String, usize) {
    let mut out = String::with_capacity(text.len() + 64);
    let mut changed = 0;
    let mut in_body = false;
    let mut fences = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let ending = &line[content.len()..];
        if !in_body {
            if content.trim_end() == "---" || content.trim_start_matches('\u{feff}') == "---" {
                fences += 1;
                in_body = fences == 2;
            }
            out.push_str(line);
            continue;
        }
        let new = match marker(content) {
            Some(Ok(m)) if m.hash.is_none() || restamp => hash_of(m.anchor)
                .filter(|h| m.hash.as_deref() != Some(h.as_str()))
                .map(|h| format!("{{#{} hash={h}}}", m.anchor)),
            _ => None,
        };
        match new {
            Some(marker) => {
                changed += 1;
                out.push_str(&marker);
                out.push_str(ending);
            }
            None => out.push_str(line),
        }
    }
    (out, changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "---\ntitle: The Title\ntranslator: A. Reader\ndate: 2026-11-30\n\
                        status: reviewed\nnotes: Terms as in the glossary.\n---\n\n\
                        {#p1}\nFirst *paragraph*.\n\n{#p3 hash=0123456789abcdef}\nThird.\n\
                        Still third.\n";

    #[test]
    fn parses_front_matter_and_blocks_with_lines() {
        let t = Translation::parse(GOOD, Path::new("content/translations/en/ab-c.md")).unwrap();
        assert_eq!(t.slug.as_str(), "ab-c");
        assert_eq!(t.lang, "en");
        assert_eq!(t.meta.status, TranslationStatus::Reviewed);
        assert_eq!(t.meta.translator.as_deref(), Some("A. Reader"));
        assert_eq!(t.blocks.len(), 2);
        assert_eq!(t.blocks[0].anchor, ParagraphId(1));
        assert_eq!(t.blocks[0].markdown, "First *paragraph*.");
        assert_eq!(t.blocks[0].line, 9);
        assert_eq!(t.blocks[1].hash.as_deref(), Some("0123456789abcdef"));
        assert_eq!(t.blocks[1].markdown, "Third.\nStill third.");
        assert_eq!(t.blocks[1].line, 12);
        assert_eq!(t.unknown_anchors(3).len(), 0);
        let e = t.unknown_anchors(2);
        assert_eq!(e.len(), 1);
        assert!(
            e[0].to_string().starts_with(
                "content/translations/en/ab-c.md:12:3: the article `ab-c` has no paragraph p3"
            ),
            "{}",
            e[0]
        );
    }

    #[test]
    fn duplicate_and_malformed_markers_name_line_and_column() {
        let text = "---\ntitle: T\n---\n{#p1}\nA\n{#p1}\nB\n{#px}\n{#p2 hash=XYZ}\n";
        let e = Translation::parse(text, Path::new("en/a.md"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("en/a.md:6:3: paragraph p1 is translated twice (first at line 4)"),
            "{e}"
        );
        assert!(e.contains("en/a.md:8:3: a marker names a paragraph"), "{e}");
        assert!(
            e.contains("en/a.md:9:6: a hash is 16 lowercase hex digits"),
            "{e}"
        );
    }

    #[test]
    fn text_before_the_first_marker_and_bad_front_matter() {
        let e = Translation::parse("---\ntitle: T\n---\nStray.\n{#p1}\nA\n", Path::new("a.md"))
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("a.md:4:1: text before the first paragraph marker"),
            "{e}"
        );
        let e = Translation::parse("---\ntitle: T\nstatus: done\n---\n", Path::new("a.md"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("a.md:3:"), "{e}");
        let e = Translation::parse("---\ntitle: T\ntranslater: X\n---\n", Path::new("a.md"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("a.md:3:1: unknown field `translater`"), "{e}");
    }

    #[test]
    fn hash_is_sha256_prefix_of_the_plain_text() {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223…
        assert_eq!(paragraph_hash("abc"), "ba7816bf8f01cfea");
        assert_eq!(paragraph_hash("两个确立").len(), HASH_LEN);
    }

    #[test]
    fn stamp_fills_missing_hashes_and_keeps_everything_else() {
        let text = "---\ntitle: T\n---\n{#p1}\r\nA {#p1}\n{#p2 hash=0000000000000000}\nB\n{#p9}\n";
        let hash = |p: ParagraphId| (p.0 < 3).then(|| format!("{:016x}", p.0));
        let (out, n) = stamp(text, false, hash);
        assert_eq!(n, 1);
        assert_eq!(
            out,
            "---\ntitle: T\n---\n{#p1 hash=0000000000000001}\r\nA {#p1}\n{#p2 hash=0000000000000000}\nB\n{#p9}\n"
        );
        let (out, n) = stamp(&out, true, hash);
        assert_eq!(n, 1);
        assert!(out.contains("{#p2 hash=0000000000000002}\nB"), "{out}");
    }
}
