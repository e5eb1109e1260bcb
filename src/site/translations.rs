//! Translations across the edition (issue 19): what the search index
//! reads of them, what `jiedu check` reports about them, and the
//! `jiedu translations stamp` command that records paragraph hashes.
//!
//! All three need the Chinese paragraphs' plain text, which the analysis
//! holds ([`Analysis::corpus`]); none of them changes the analysis.
//!
//! - [`searchable_corpus`]: the corpus with each translated article's
//!   English paragraphs after its Chinese ones, under the same anchors,
//!   so a search for English words lands on `#pN`.
//! - [`audit`]: unknown anchors (errors), stale blocks whose recorded hash
//!   is not the Chinese paragraph's any more (problems), unstamped blocks
//!   (counted), and glossed terms whose glossary English the English
//!   paragraph does not use (warnings).
//! - [`stamp_files`]: writes the missing hashes into translation files.

use super::analysis::{Analysis, Analyzer};
use crate::content::translation::{paragraph_hash, stamp};
use crate::content::{Site, Translation};
use crate::error::{Error, Location, Result};
use crate::glossary::{ArticleText, ParagraphText};
use crate::ids::{ParagraphId, Slug};
use crate::render::{Highlighter, Markdown};
use crate::url::Urls;
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// The plain text of a block of Markdown: its words, markup dropped, line
/// breaks as spaces.
pub fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            // Inline markup ends inside a word's run; blocks and breaks
            // separate words.
            Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image,
            ) => {}
            Event::SoftBreak | Event::HardBreak | Event::End(_)
                if !out.ends_with(' ') && !out.is_empty() =>
            {
                out.push(' ');
            }
            _ => {}
        }
    }
    out.trim_end().to_string()
}

/// The corpus the search index reads: the analysis's, where a paragraph
/// holding emendations also carries its printed readings (so either is
/// found), with every English block after its article's Chinese
/// paragraphs, under the Chinese paragraph's anchor. Only emended or
/// translated articles are copied; the others are borrowed, so an
/// edition's text is not held twice.
pub fn searchable_corpus<'a>(site: &Site, analysis: &'a Analysis) -> Vec<Cow<'a, ArticleText>> {
    let by_slug: HashMap<&Slug, &Translation> = site
        .translations
        .iter()
        .filter(|t| t.lang == "en")
        .map(|t| (&t.slug, t))
        .collect();
    analysis
        .corpus
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let emended = !analysis.bodies[i].search_texts.is_empty();
            let translation = by_slug.get(&a.slug);
            if !emended && translation.is_none() {
                return Cow::Borrowed(a);
            }
            let mut a = a.clone();
            for (p, (_, text)) in a.paragraphs.iter_mut().zip(analysis.search_paragraphs(i)) {
                if p.text != text {
                    p.text = text.to_string();
                }
            }
            if let Some(t) = translation {
                a.paragraphs.extend(t.blocks.iter().map(|b| ParagraphText {
                    id: b.anchor,
                    text: plain_text(&b.markdown),
                }));
            }
            Cow::Owned(a)
        })
        .collect()
}

/// What [`audit`] found.
#[derive(Debug, Default)]
pub struct Audit {
    /// Blocks whose Chinese paragraph changed since they were stamped.
    pub stale: Vec<Finding>,
    /// Blocks naming a paragraph the article does not have.
    pub unknown: Vec<Finding>,
    /// Glossed terms rendered otherwise than the glossary's English.
    pub renderings: Vec<Finding>,
    /// Blocks without a hash yet.
    pub unstamped: usize,
    /// Translations looked at.
    pub translations: usize,
}

impl Audit {
    /// Whether anything must be fixed (stale or unknown blocks);
    /// renderings are advice.
    pub fn has_problems(&self) -> bool {
        !self.stale.is_empty() || !self.unknown.is_empty()
    }
}

/// One thing [`audit`] reports, at a marker of a translation file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The marker's place.
    pub at: Location,
    /// What is wrong.
    pub msg: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.msg)
    }
}

/// Loads and analyses the edition at `root` for the translation checks.
fn analysed(root: &Path) -> Result<(Site, Analysis)> {
    let site = crate::content::load(root)?;
    let urls = Urls::new(site.config.base_url.clone());
    let highlighter = Highlighter::new();
    let markdown = Markdown::new(&urls, &highlighter);
    let analysis = Analyzer::new(&site.terms, &urls).analyze(&site, &markdown);
    Ok((site, analysis))
}

/// `jiedu check`'s look at the translations of the edition at `root`.
pub fn audit(root: &Path) -> Result<Audit> {
    let (site, analysis) = analysed(root)?;
    Ok(audit_site(&site, &analysis))
}

/// [`audit`] of a loaded and analysed site.
pub fn audit_site(site: &Site, analysis: &Analysis) -> Audit {
    let index = site.article_index();
    let mut audit = Audit::default();
    for t in &site.translations {
        let Some(&i) = index.get(&t.slug) else {
            continue;
        };
        audit.translations += 1;
        let chinese = &analysis.corpus[i].paragraphs;
        let terms = terms_by_paragraph(analysis, i);
        // Each term once per translation: where first missed, and where.
        let mut misses: HashMap<usize, (Location, Vec<ParagraphId>)> = HashMap::new();
        for b in &t.blocks {
            let at = Location::at(&t.path, b.line, 1);
            let Some(p) = chinese.get(b.anchor.0 as usize - 1) else {
                let msg = format!("the article has no paragraph {}", b.anchor);
                audit.unknown.push(Finding { at, msg });
                continue;
            };
            match &b.hash {
                None => audit.unstamped += 1,
                Some(h) if *h != paragraph_hash(&p.text) => audit.stale.push(Finding {
                    at: at.clone(),
                    msg: format!(
                        "stale: the Chinese of {} changed after it was translated; revise the English, then run `jiedu translations stamp --restamp {}`",
                        b.anchor, t.slug
                    ),
                }),
                Some(_) => {}
            }
            let english = normalize(&plain_text(&b.markdown));
            for &term in terms.get(&(b.anchor.0 as usize - 1)).into_iter().flatten() {
                if !renders(&site.terms[term], &english) {
                    let entry = misses
                        .entry(term)
                        .or_insert_with(|| (at.clone(), Vec::new()));
                    entry.1.push(b.anchor);
                }
            }
        }
        audit
            .renderings
            .extend(misses.into_iter().map(|(term, (at, places))| {
                let t = &site.terms[term].meta;
                let places: Vec<String> = places.iter().map(ToString::to_string).collect();
                let msg = format!(
                    "{}: {} is glossed “{}”, which the English does not use (nor an alternative)",
                    places.join(", "),
                    t.term,
                    t.english.as_deref().unwrap_or_default()
                );
                Finding { at, msg }
            }));
    }
    audit
        .renderings
        .sort_by(|a, b| (&a.at.path, a.at.line, &a.msg).cmp(&(&b.at.path, b.at.line, &b.msg)));
    audit
}

/// The glossary terms occurring in each paragraph of article `i`.
fn terms_by_paragraph(analysis: &Analysis, i: usize) -> HashMap<usize, Vec<usize>> {
    let mut map: HashMap<usize, Vec<usize>> = HashMap::new();
    for o in analysis.occurrences.all() {
        if o.place.article() == i {
            let terms = map.entry(o.place.paragraph()).or_default();
            if !terms.contains(&o.term()) {
                terms.push(o.term());
            }
        }
    }
    map
}

/// Whether `english` (already [`normalize`]d) renders `term` as the
/// glossary does: uses its preferred `english`, one of the renderings that
/// lists, or one of its `english_alternatives`. A term without `english`
/// is never reported.
fn renders(term: &crate::content::Term, english: &str) -> bool {
    let Some(preferred) = term.meta.english.as_deref() else {
        return true;
    };
    let alternatives = term
        .meta
        .english_alternatives
        .iter()
        .map(|a| a.english.as_str());
    std::iter::once(preferred)
        .chain(alternatives)
        .flat_map(renderings)
        .any(|r| r.is_empty() || english.contains(r.as_str()))
}

/// The renderings a glossary `english` value allows, normalised: the value
/// without its explanatory parentheses and, where it lists several
/// (`A; B` or `A / B`), each of them.
fn renderings(english: &str) -> Vec<String> {
    let core = without_parentheses(english);
    let mut all = vec![normalize(&core)];
    if core.contains([';', '/', '；']) {
        all.extend(
            core.split([';', '/', '；'])
                .map(normalize)
                .filter(|s| !s.is_empty()),
        );
    }
    all
}

/// `text` with every `( … )` left out: in a glossary's English they
/// explain (`top leader (of a unit)`), a translation need not repeat them.
fn without_parentheses(text: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Lowercase, without quotation marks, one space between words and no
/// leading "the", so “the “Three Services”” matches "three services".
pub fn normalize(text: &str) -> String {
    let quotes = ['“', '”', '"', '‘', '’', '\'', '「', '」'];
    let words: String = text
        .chars()
        .filter(|c| !quotes.contains(c))
        .flat_map(char::to_lowercase)
        .collect();
    let words: Vec<&str> = words.split_whitespace().collect();
    let words = match words.first() {
        Some(&"the") => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

/// What `jiedu translations stamp` did to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamped {
    /// The translation file.
    pub path: PathBuf,
    /// Markers given a (new) hash.
    pub markers: usize,
}

/// Stamps the translations of the edition at `root` (of the articles
/// `slugs`, or all when empty): every marker without a hash gets the
/// current hash of its Chinese paragraph; with `restamp`, stale hashes
/// are replaced too. Files are rewritten only where a marker changed,
/// and nothing else in them changes.
pub fn stamp_files(root: &Path, slugs: &[String], restamp: bool) -> Result<Vec<Stamped>> {
    let (site, analysis) = analysed(root)?;
    let index = site.article_index();
    let mut errors = Vec::new();
    for s in slugs {
        if !site.translations.iter().any(|t| t.slug.as_str() == s) {
            let at = Location::file(format!("content/translations/en/{s}.md"));
            errors.push(Error::invalid(at, "no such translation"));
        }
    }
    Error::collect(errors)?;
    let mut done = Vec::new();
    for t in &site.translations {
        if !slugs.is_empty() && !slugs.iter().any(|s| s == t.slug.as_str()) {
            continue;
        }
        let Some(&i) = index.get(&t.slug) else {
            continue;
        };
        let chinese = &analysis.corpus[i].paragraphs;
        let hash_of = |p: ParagraphId| {
            let para = chinese.get((p.0 as usize).checked_sub(1)?)?;
            Some(paragraph_hash(&para.text))
        };
        let text = crate::content::load::read_text(&t.path)?;
        let (new, markers) = stamp(&text, restamp, hash_of);
        if markers > 0 {
            write_atomically(&t.path, &new)?;
        }
        done.push(Stamped {
            path: t.path.clone(),
            markers,
        });
    }
    Ok(done)
}

/// Writes `text` to a temporary file beside `path`, then renames it over
/// `path`, so a failed write never leaves a half-written translation.
fn write_atomically(path: &Path, text: &str) -> Result<()> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("x");
    let tmp = path.with_file_name(format!(".{name}.stamping"));
    std::fs::write(&tmp, text).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(
            plain_text("The **Two Establishments**,\nand `885`.\n\nNext."),
            "The Two Establishments, and 885. Next."
        );
    }

    #[test]
    fn an_alternative_rendering_counts_as_the_glossary_s() {
        let text = "---\nterm: 两个确立\nenglish: Two Establishments\nkind: slogan\n\
                    english_alternatives:\n  - {english: the Two Affirmations, users: some, reason: older}\n---\n定义。\n";
        let term = crate::content::Term::parse(text, Path::new("g/liang-ge-que-li.md")).unwrap();
        let says = |e: &str| renders(&term, &normalize(e));
        assert!(says("upholding the “Two Establishments” firmly"));
        assert!(says("the Two Affirmations"));
        assert!(!says("the two certainties"));
    }

    #[test]
    fn glossary_english_may_list_several_renderings() {
        assert_eq!(renderings("A; B / C"), vec!["a; b / c", "a", "b", "c"]);
        // Explanations in parentheses, quotes and a leading "the" are not
        // part of what the English must say.
        assert_eq!(
            renderings("the “3238” cluster layout (Science City / High-tech Zone)"),
            vec!["3238 cluster layout"]
        );
        assert_eq!(normalize("The  “Three Services”"), "three services");
    }
}
