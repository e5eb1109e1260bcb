//! The glossary engine: checking terms, finding them in article text,
//! and learning from the corpus what it says about them.
//!
//! Everything here is pure: it takes loaded [`Term`]s (each with the text
//! it was parsed from) and plain paragraph text and returns values; only
//! [`load_ignore`] reads a file, the ignore list `jiedu terms` alone uses.
//! The pipeline, as the build and `jiedu terms` use it:
//!
//! ```text
//! &[Term] ──validate──▶ Ok / every problem, with file and line
//!    │
//!    └──Glossary::new──▶ Matcher (Aho-Corasick, leftmost-longest,
//!                         digit/Latin boundaries, only_in scopes)
//!                              │
//! &[ArticleText] ──────────────┼──Occurrences::compute──▶ occurrences, counts,
//!  (paragraph text,            │                          KWIC, co-occurring terms,
//!   from the renderer)         │                          related articles
//!                              ├──find_definitions──▶ “X”，即… / (以下简称X)
//!                              └──candidates──▶ phrases the glossary lacks
//! ```
//!
//! The renderer calls [`Glossary::find_in`] on each run of linkable text
//! (never inside links, code or headings' anchors, which it knows and the
//! glossary does not) and [`short_definition`] for the popover.
//!
//! ```
//! use jiedu::content::Term;
//! use jiedu::glossary::Glossary;
//! use jiedu::ids::Slug;
//! use std::path::Path;
//!
//! let terms = [
//!     Term::parse("---\nterm: 三清\nkind: slogan\nparent: sqsjsz\n---\n清理、清除、清收。\n", Path::new("sanqing.md"))?,
//!     Term::parse("---\nterm: 三清三减三增\nkind: numeric-formula\n---\n国企改革专项行动。\n", Path::new("sqsjsz.md"))?,
//!     Term::parse("---\nterm: \"885\"\nkind: numeric-formula\n---\n党建统领工作体系。\n", Path::new("e885.md"))?,
//! ];
//! jiedu::glossary::validate(&terms)?;
//! let glossary = Glossary::new(&terms);
//! let text = "以“三清三减三增”专项行动助力国企，完善“885”工作体系，共18850人。";
//! let found: Vec<&str> = glossary
//!     .find_in(text, &Slug::new("guoqi").unwrap())
//!     .iter()
//!     .map(|m| m.text(text))
//!     .collect();
//! assert_eq!(found, ["三清三减三增", "885"]);
//! assert_eq!(glossary.children(1), [0]);
//! assert_eq!(glossary.short_definition(0), "清理、清除、清收。");
//! # Ok::<(), jiedu::Error>(())
//! ```

pub mod candidates;
pub mod citations;
pub mod corpus;
pub mod definitions;
pub mod drafts;
pub mod matcher;
pub mod occurrences;
pub mod validate;

pub use candidates::{
    candidates, load_ignore, parse_ignore, table, Candidate, CandidateKind, CandidateOptions,
    Example, IgnoreEntry, IGNORE_FILE,
};
pub use corpus::{ArticleText, ParagraphText, Place};
pub use definitions::{find_definitions, Definition, DefinitionFinder, DefinitionKind, Found};
pub use matcher::{Match, Matcher};
pub use occurrences::{CoOccurrence, Count, Kwic, Occurrence, Occurrences, RelatedArticle};
pub use validate::{validate, validate_with_text};

use crate::content::Term;
use crate::ids::{Slug, TermId};
use std::collections::HashMap;

/// A glossary ready to use: the terms, their matcher and lookups by id
/// and by family (parent and children).
#[derive(Debug, Clone)]
pub struct Glossary<'t> {
    terms: &'t [Term],
    matcher: Matcher,
    by_id: HashMap<&'t TermId, usize>,
    children: Vec<Vec<usize>>,
}

impl<'t> Glossary<'t> {
    /// Builds the matcher and lookups over `terms`; term indices used
    /// everywhere in this module are indices into this slice. Run
    /// [`validate()`] first: unknown parents are ignored here.
    pub fn new(terms: &'t [Term]) -> Glossary<'t> {
        let by_id: HashMap<&TermId, usize> =
            terms.iter().enumerate().map(|(i, t)| (&t.id, i)).collect();
        let mut children = vec![Vec::new(); terms.len()];
        for (i, t) in terms.iter().enumerate() {
            if let Some(&p) = t.meta.parent.as_ref().and_then(|p| by_id.get(p)) {
                children[p].push(i);
            }
        }
        Glossary {
            terms,
            matcher: Matcher::new(terms),
            by_id,
            children,
        }
    }

    /// All terms, in the order they were given.
    pub fn terms(&self) -> &'t [Term] {
        self.terms
    }

    /// The term at `index`.
    ///
    /// # Panics
    /// If `index` is not below `terms().len()`; indices come from this
    /// glossary's own matches and lookups.
    pub fn term(&self, index: usize) -> &'t Term {
        &self.terms[index]
    }

    /// The index of the term with this id.
    pub fn index_of(&self, id: &TermId) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The term with this id.
    pub fn get(&self, id: &TermId) -> Option<&'t Term> {
        self.index_of(id).map(|i| &self.terms[i])
    }

    /// The matcher over every surface form.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The term matches in a piece of article `article`'s text.
    pub fn find_in(&self, text: &str, article: &Slug) -> Vec<Match> {
        self.matcher.find_in(text, article)
    }

    /// The index of the term's parent, if it has a known one.
    pub fn parent(&self, index: usize) -> Option<usize> {
        self.terms[index]
            .meta
            .parent
            .as_ref()
            .and_then(|p| self.index_of(p))
    }

    /// The indices of the terms whose parent is this one.
    pub fn children(&self, index: usize) -> &[usize] {
        &self.children[index]
    }

    /// Every (surface form, term index) pair: headwords, then aliases.
    pub fn surface_forms(&self) -> impl Iterator<Item = (&'t str, usize)> + '_ {
        self.terms
            .iter()
            .enumerate()
            .flat_map(|(i, t)| t.surface_forms().map(move |f| (f, i)))
    }

    /// Every occurrence of every term in `corpus`.
    pub fn occurrences(&self, corpus: &[ArticleText]) -> Occurrences {
        Occurrences::compute(&self.matcher, corpus)
    }

    /// The one-line gloss of the term at `index`; see [`short_definition`].
    pub fn short_definition(&self, index: usize) -> String {
        short_definition(&self.terms[index])
    }
}

/// How long a gloss may be before it is cut, in characters.
pub const SHORT_CHARS: usize = 80;

/// A term's one-line gloss for the in-text popover: its `short` if set,
/// otherwise the first sentence of the definition's first paragraph as
/// plain text (Markdown markup removed), ending at 。！？ or cut at
/// [`SHORT_CHARS`] characters with “…”.
pub fn short_definition(term: &Term) -> String {
    if let Some(short) = term
        .meta
        .short
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        return short.to_string();
    }
    crate::text::short_sentence(&first_paragraph_text(&term.definition), SHORT_CHARS)
}

/// The text of the first paragraph of a Markdown string, without markup.
fn first_paragraph_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut out = String::new();
    let mut inside = false;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Paragraph) => inside = true,
            Event::End(TagEnd::Paragraph) if !out.trim().is_empty() => break,
            Event::Text(t) | Event::Code(t) if inside => out.push_str(&t),
            // Chinese wraps without spaces; Latin text needs one.
            Event::SoftBreak | Event::HardBreak
                if inside && out.chars().next_back().is_some_and(|c| c.is_ascii()) =>
            {
                out.push(' ')
            }
            _ => {}
        }
    }
    out.trim().to_string()
}

/// Builders shared by the unit tests of this module.
#[cfg(test)]
pub(crate) mod testutil {
    use crate::content::term::{Term, TermKind, TermMeta};
    use crate::ids::TermId;
    use std::path::PathBuf;

    /// A term with id `id`, headword `form` and `aliases`.
    pub fn term(id: &str, form: &str, aliases: &[&str]) -> Term {
        Term {
            id: TermId::new(id).unwrap(),
            meta: TermMeta {
                term: form.to_string(),
                aliases: aliases.iter().map(|a| a.to_string()).collect(),
                pinyin: String::new(),
                english: None,
                kind: TermKind::Slogan,
                parent: None,
                see_also: Vec::new(),
                short: None,
                only_in: Vec::new(),
                draft: false,
                origin: None,
                record: Vec::new(),
                unknown: None,
                english_alternatives: Vec::new(),
            },
            definition: String::new(),
            path: PathBuf::from(format!("content/glossary/{id}.md")),
            text: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testutil::term;
    use super::*;

    #[test]
    fn short_definition_prefers_short() {
        let mut t = term("a", "两个确立", &[]);
        t.definition = "长的定义。第二句。".into();
        assert_eq!(short_definition(&t), "长的定义。");
        t.meta.short = Some("  确立习近平同志党中央的核心、全党的核心地位。 ".into());
        assert_eq!(
            short_definition(&t),
            "确立习近平同志党中央的核心、全党的核心地位。"
        );
    }

    #[test]
    fn short_definition_strips_markdown() {
        let mut t = term("a", "三清", &[]);
        t.definition = "## 释义\n\n**三清**指[清理](/articles/a/#p3)盘活存量资产、\n清除风险隐患、`清收`债权！后文。\n\n第二段。".into();
        assert_eq!(
            short_definition(&t),
            "三清指清理盘活存量资产、清除风险隐患、清收债权！"
        );
        t.definition = "GDP is the\nvalue of output".into();
        assert_eq!(short_definition(&t), "GDP is the value of output");
    }

    #[test]
    fn short_definition_cuts_long_text() {
        let mut t = term("a", "三清", &[]);
        t.definition = "长".repeat(200);
        let s = short_definition(&t);
        assert_eq!(s.chars().count(), SHORT_CHARS);
        assert!(s.ends_with('…'));
        t.definition = String::new();
        assert_eq!(short_definition(&t), "");
    }

    #[test]
    fn glossary_lookups() {
        let mut child = term("sanqing", "三清", &[]);
        child.meta.parent = Some(TermId::new("sqsjsz").unwrap());
        let terms = [child, term("sqsjsz", "三清三减三增", &["三清三减三增行动"])];
        let g = Glossary::new(&terms);
        assert_eq!(g.index_of(&TermId::new("sqsjsz").unwrap()), Some(1));
        assert_eq!(
            g.get(&TermId::new("nope").unwrap()).map(|t| t.id.as_str()),
            None
        );
        assert_eq!(g.parent(0), Some(1));
        assert_eq!(g.children(1), [0]);
        assert!(g.children(0).is_empty());
        assert_eq!(g.surface_forms().count(), 3);
        assert_eq!(g.matcher().len(), 3);
    }
}
