//! `jiedu terms --draft`: stub glossary entries for phrases an editor
//! chose from the candidates, so an entry starts from what the texts give
//! rather than from a blank file.
//!
//! A stub holds the term, a guessed kind, pinyin with tone marks, the
//! texts' own definition when they give one (quoted and cited), and every
//! paragraph using the phrase as a citation with its sentence. It is
//! marked `draft: true`: nothing in it is a definition until an editor
//! writes one. Pure: [`draft`] returns the file's text; the caller writes
//! it (never over an existing file).

use super::candidates::{Candidate, CandidateKind};
use super::corpus::{paragraphs, ArticleText};
use super::definitions::{DefinitionFinder, DefinitionKind};
use crate::content::{Term, TermKind};
use crate::error::{Error, Location, Result};
use crate::ids::{Slug, TermId};
use crate::text::sentences;
use pinyin::ToPinyin;
use std::collections::HashSet;
use std::fmt::Write as _;

/// At most this many contexts are cited in a stub; the term page lists
/// every occurrence anyway.
pub const MAX_CONTEXTS: usize = 12;

/// Words whose first reading in the pinyin table is wrong here.
const READINGS: [(&str, &str); 4] = [
    ("重庆", "chóng qìng"),
    ("行长", "háng zhǎng"),
    ("长江", "cháng jiāng"),
    ("重报", "chóng bào"),
];

/// A stub ready to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The new term's id (its file stem), not among the existing ids.
    pub id: TermId,
    /// The file's text.
    pub text: String,
    /// Paragraphs cited.
    pub contexts: usize,
}

/// The stub for `phrase`, or `None` when the texts never use it. `found`
/// is what `jiedu terms` proposed, if anything (it gives the kind);
/// `taken` holds the existing term ids.
pub fn draft(
    phrase: &str,
    corpus: &[ArticleText],
    found: Option<&Candidate>,
    taken: &HashSet<String>,
) -> Option<Draft> {
    let finder = DefinitionFinder::new();
    let mut contexts = Vec::new();
    let mut own = Vec::new();
    for (place, para) in paragraphs(corpus) {
        if !para.text.contains(phrase) {
            continue;
        }
        let link = format!(
            "/articles/{}/#{}",
            place.slug(corpus),
            place.anchor(corpus).anchor()
        );
        let label = format!("{} ¶{}", place.slug(corpus), place.anchor(corpus).0);
        for d in finder
            .find(&para.text)
            .into_iter()
            .filter(|d| d.form == phrase)
        {
            let sentence = para.text[d.sentence.clone()].trim().to_string();
            let full = d.full.filter(|_| d.kind == DefinitionKind::Abbreviation);
            own.push((sentence, full, label.clone(), link.clone()));
        }
        let sentence = sentences(&para.text)
            .into_iter()
            .map(|r| para.text[r].trim())
            .find(|s| s.contains(phrase))
            .unwrap_or(&para.text)
            .to_string();
        contexts.push((sentence, label, link));
    }
    if contexts.is_empty() {
        return None;
    }
    let id = new_id(phrase, taken);
    let kind = guess_kind(phrase, found.map(|c| c.kind));
    let mut text = String::new();
    let _ = writeln!(text, "---\nterm: {}", yaml_string(phrase));
    let _ = writeln!(text, "pinyin: {}", yaml_string(&pinyin_of(phrase)));
    let _ = writeln!(text, "kind: {}", kind.key());
    let _ = writeln!(text, "draft: true\n---");
    text.push_str("草稿：释义待编辑撰写。以下是文本自己的说法和用到它的段落，供撰写时引用；核对后删去本段和 `draft: true`。\n\n");
    if own.is_empty() {
        text.push_str("文本中的界定：未见。\n");
    } else {
        for (sentence, full, label, link) in &own {
            let _ = write!(text, "文本中的界定：「{sentence}」（见[{label}]({link})）");
            if let Some(full) = full {
                let _ = write!(text, "，全称 {full}");
            }
            text.push_str("。\n");
        }
    }
    text.push_str("\n出现的段落：\n\n");
    let cited = contexts.len().min(MAX_CONTEXTS);
    for (sentence, label, link) in contexts.iter().take(MAX_CONTEXTS) {
        let _ = writeln!(text, "- [{label}]({link})：{sentence}");
    }
    if contexts.len() > cited {
        let _ = writeln!(text, "- 另有 {} 处，见术语页。", contexts.len() - cited);
    }
    Some(Draft {
        id,
        text,
        contexts: cited,
    })
}

/// Where [`plan`]'s errors point: the glossary folder (a phrase it already
/// has) and the articles folder (a phrase no article uses).
#[derive(Debug, Clone, Copy)]
pub struct Places<'p> {
    /// `content/glossary`.
    pub glossary: &'p std::path::Path,
    /// `content/articles`.
    pub articles: &'p std::path::Path,
}

/// The stubs for `phrases`, with ids distinct from the glossary's and from
/// each other; `found` is what `jiedu terms` proposes (it gives kinds).
/// Every phrase the glossary already has, or no article uses, is reported;
/// a phrase asked for twice gets one stub.
pub fn plan(
    phrases: &[String],
    corpus: &[ArticleText],
    terms: &[Term],
    found: &[Candidate],
    places: &Places,
) -> Result<Vec<Draft>> {
    let known: HashSet<&str> = terms.iter().flat_map(Term::surface_forms).collect();
    let mut taken: HashSet<String> = terms.iter().map(|t| t.id.as_str().to_string()).collect();
    let mut planned: Vec<Draft> = Vec::new();
    let mut errors = Vec::new();
    let mut asked = HashSet::new();
    for phrase in phrases.iter().map(|p| p.trim()) {
        if !asked.insert(phrase) {
            continue; // asked twice: one stub
        }
        if known.contains(phrase) {
            let msg = format!("the glossary already has `{phrase}`");
            errors.push(Error::invalid(Location::file(places.glossary), msg));
            continue;
        }
        let candidate = found.iter().find(|c| c.text == phrase);
        match draft(phrase, corpus, candidate, &taken) {
            Some(d) => {
                taken.insert(d.id.as_str().to_string());
                planned.push(d);
            }
            None => errors.push(
                Error::invalid(
                    Location::file(places.articles),
                    format!("no article uses `{phrase}`"),
                )
                .with_hint("copy the phrase exactly as `jiedu terms` lists it"),
            ),
        }
    }
    Error::collect(errors)?;
    Ok(planned)
}

/// A kind from the way the phrase was proposed, or its shape.
pub fn guess_kind(phrase: &str, proposed: Option<CandidateKind>) -> TermKind {
    match proposed {
        Some(CandidateKind::NumericFormula) => TermKind::NumericFormula,
        Some(CandidateKind::Official) => TermKind::Person,
        Some(CandidateKind::Abbreviation) if phrase.starts_with('《') => TermKind::Document,
        Some(CandidateKind::Abbreviation) => TermKind::Institution,
        Some(CandidateKind::Quoted) => TermKind::Slogan,
        _ if phrase.starts_with('《') => TermKind::Document,
        _ if phrase.ends_with("全会") || phrase.ends_with("会议") => TermKind::Meeting,
        _ if phrase.starts_with(|c: char| {
            c.is_ascii_digit() || "一二三四五六七八九十两双".contains(c)
        }) =>
        {
            TermKind::NumericFormula
        }
        _ => TermKind::Concept,
    }
}

/// Hanyu pinyin with tone marks, one syllable per character; digits and
/// Latin letters kept, other characters dropped.
pub fn pinyin_of(phrase: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut ascii = String::new();
    let mut rest = phrase;
    while let Some(c) = rest.chars().next() {
        if c.is_ascii_alphanumeric() || c == '+' {
            ascii.push(c);
            rest = &rest[1..];
            continue;
        }
        if !ascii.is_empty() {
            out.push(std::mem::take(&mut ascii));
        }
        if let Some((word, reading)) = READINGS.iter().find(|(w, _)| rest.starts_with(w)) {
            out.push(reading.to_string());
            rest = &rest[word.len()..];
            continue;
        }
        if let Some(p) = c.to_pinyin() {
            out.push(p.with_tone().to_string());
        }
        rest = &rest[c.len_utf8()..];
    }
    if !ascii.is_empty() {
        out.push(ascii);
    }
    out.join(" ")
}

/// An id from the phrase's pinyin, not in `taken`.
fn new_id(phrase: &str, taken: &HashSet<String>) -> TermId {
    let slug: Slug = crate::ingest::slug::slug_for(phrase, taken);
    TermId::new(slug.as_str()).expect("a slug is a valid term id")
}

/// `s` as a double-quoted YAML string (digits like 885 must stay text).
fn yaml_string(s: &str) -> String {
    let escaped = s.replace('\\', "\\\\").replace('"', "\\\"");
    format!("\"{escaped}\"")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Term;
    use std::path::Path;

    fn corpus() -> Vec<ArticleText> {
        vec![ArticleText::from_plain(
            Slug::new("a").unwrap(),
            "“三联四访”，即联系走访的一种做法。\n\n推行“三联四访”，再推行“三联四访”。\n\n无关段落。\n",
        )]
    }

    #[test]
    fn a_stub_cites_the_texts_own_definition_and_every_context() {
        let taken = HashSet::from(["san-lian-si-fang".to_string()]);
        let d = draft("三联四访", &corpus(), None, &taken).unwrap();
        assert_eq!(d.id.as_str(), "san-lian-si-fang-2");
        assert_eq!(d.contexts, 2);
        assert!(
            d.text.contains(
                "文本中的界定：「“三联四访”，即联系走访的一种做法。」（见[a ¶1](/articles/a/#p1)）"
            ),
            "{}",
            d.text
        );
        assert!(
            d.text
                .contains("- [a ¶2](/articles/a/#p2)：推行“三联四访”，再推行“三联四访”。"),
            "{}",
            d.text
        );
        assert!(!d.text.contains("无关"));
        let t = Term::parse(&d.text, Path::new("san-lian-si-fang-2.md")).unwrap();
        assert!(t.meta.draft);
        assert_eq!(t.meta.kind, TermKind::NumericFormula);
        assert_eq!(t.meta.pinyin, "sān lián sì fǎng");
    }

    #[test]
    fn a_plan_refuses_known_and_unused_phrases_and_drafts_each_phrase_once() {
        let places = Places {
            glossary: Path::new("g"),
            articles: Path::new("a"),
        };
        let phrases = ["三联四访".to_string(), "三联四访 ".to_string()];
        let one = plan(&phrases, &corpus(), &[], &[], &places).unwrap();
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].id.as_str(), "san-lian-si-fang");
        let known = Term::parse(
            "---\nterm: 三联四访\nkind: slogan\n---\n",
            Path::new("x.md"),
        )
        .unwrap();
        let e = plan(
            &["三联四访".into(), "五双工程".into()],
            &corpus(),
            &[known],
            &[],
            &places,
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("already has `三联四访`") && e.contains("no article uses `五双工程`"),
            "{e}"
        );
    }

    #[test]
    fn a_phrase_the_texts_never_use_has_no_stub() {
        assert!(draft("五双工程", &corpus(), None, &HashSet::new()).is_none());
    }

    #[test]
    fn kinds_are_guessed_from_the_proposal_or_the_shape() {
        assert_eq!(
            guess_kind("885", Some(CandidateKind::NumericFormula)),
            TermKind::NumericFormula
        );
        assert_eq!(
            guess_kind("向斌", Some(CandidateKind::Official)),
            TermKind::Person
        );
        assert_eq!(
            guess_kind("《意见》", Some(CandidateKind::Abbreviation)),
            TermKind::Document
        );
        assert_eq!(
            guess_kind("民呼我为", Some(CandidateKind::Quoted)),
            TermKind::Slogan
        );
        assert_eq!(guess_kind("六届三次全会", None), TermKind::Meeting);
        assert_eq!(pinyin_of("重庆885"), "chóng qìng 885");
    }
}
