//! Finding every surface form of every term in a text, in one pass.
//!
//! A [`Matcher`] is built once from the glossary and then run over each
//! piece of article text. It is an Aho-Corasick automaton in
//! leftmost-longest mode, so nested terms resolve to the longest one
//! (“三清三减三增” wins over “三清”), plus three rules the automaton cannot
//! express, checked on each match:
//!
//! 1. **Digit boundaries.** A form that starts (ends) with an ASCII digit
//!    never matches right after (before) another digit, or after (before) a
//!    decimal point that touches a digit: “885” is not in “18850”, “8851” or
//!    “1.885”.
//! 2. **Latin boundaries.** A form that starts (ends) with an ASCII letter
//!    never matches right after (before) another ASCII letter: “AI” is not
//!    in “MAIN”.
//! 3. **Scope.** A term with `only_in` (a document-local abbreviation such
//!    as 《意见》) matches only in the listed articles; see
//!    [`Matcher::find_in`].
//!
//! When a rule rejects the longest match at a position, the shorter forms
//! starting at the same position are tried, longest first, before the
//! search moves on by one character. So with forms “885” and “88”, the
//! text “8850” matches neither, and the result is always what a naive scan
//! gives: at each position take the longest acceptable form and jump past
//! it. A property test in this file checks exactly that.
//!
//! Quotes around a term are not part of it: “两个确立” is found inside
//! `“两个确立”` because the quotes are just neighbouring characters.

use crate::content::Term;
use crate::ids::Slug;
use aho_corasick::{AhoCorasick, Input, MatchKind};
use serde::Serialize;
use std::collections::HashMap;

/// One occurrence of a term in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Match {
    /// Byte offset where the surface form starts.
    pub start: usize,
    /// Byte offset just past the surface form.
    pub end: usize,
    /// Index of the term in the slice the matcher was built from.
    pub term: usize,
}

impl Match {
    /// The matched surface form.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// What the first or last character of a surface form is, which decides
/// the boundary rule on that side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edge {
    Digit,
    Latin,
    Other,
}

impl Edge {
    fn of(c: Option<char>) -> Edge {
        match c {
            Some(c) if c.is_ascii_digit() => Edge::Digit,
            Some(c) if c.is_ascii_alphabetic() => Edge::Latin,
            _ => Edge::Other,
        }
    }
}

/// One distinct surface form: its boundary classes and the terms that
/// use it (several only when their `only_in` scopes differ).
#[derive(Debug, Clone)]
struct Form {
    first: Edge,
    last: Edge,
    owners: Vec<usize>,
}

/// Where a term may match.
#[derive(Debug, Clone)]
enum Scope {
    Everywhere,
    Only(Vec<Slug>),
}

impl Scope {
    fn allows(&self, article: Option<&Slug>) -> bool {
        match (self, article) {
            (Scope::Everywhere, _) => true,
            (Scope::Only(slugs), Some(a)) => slugs.contains(a),
            (Scope::Only(_), None) => false,
        }
    }
}

/// All surface forms of a glossary, ready to search texts.
#[derive(Debug, Clone)]
pub struct Matcher {
    automaton: AhoCorasick,
    forms: Vec<Form>,
    /// Form text → index into `forms`, to try shorter forms after a
    /// rejection without a second automaton.
    by_text: HashMap<String, usize>,
    /// Scope of each owner (term index).
    scopes: Vec<Scope>,
}

impl Matcher {
    /// Builds a matcher over every term and alias of `terms`; matches
    /// report indices into `terms`.
    ///
    /// Empty forms are skipped (they would match everywhere);
    /// [`validate`](super::validate()) reports them, and one-character forms.
    /// If two terms share a form, the first one that is in scope wins.
    ///
    /// # Panics
    /// Only if the forms overflow the automaton's 2³¹ states, which takes
    /// gigabytes of glossary.
    pub fn new(terms: &[Term]) -> Matcher {
        let pairs = terms
            .iter()
            .enumerate()
            .flat_map(|(ix, t)| t.surface_forms().map(move |f| (f.to_string(), ix)));
        let scopes = terms.iter().map(scope_of).collect();
        Matcher::build(pairs, scopes)
    }

    /// Builds a matcher over arbitrary strings, each its own "term": a
    /// match's `term` is the string's position in `forms`. Used to count
    /// candidate terms with the same boundary rules as real ones.
    pub fn from_forms<S: Into<String>>(forms: impl IntoIterator<Item = S>) -> Matcher {
        let pairs: Vec<(String, usize)> = forms
            .into_iter()
            .enumerate()
            .map(|(ix, f)| (f.into(), ix))
            .collect();
        let scopes = vec![Scope::Everywhere; pairs.len()];
        Matcher::build(pairs, scopes)
    }

    fn build(pairs: impl IntoIterator<Item = (String, usize)>, scopes: Vec<Scope>) -> Matcher {
        let mut forms: Vec<Form> = Vec::new();
        let mut by_text: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        for (text, owner) in pairs {
            if text.is_empty() {
                continue;
            }
            let next = forms.len();
            let fx = *by_text.entry(text.clone()).or_insert(next);
            if fx == next {
                forms.push(Form {
                    first: Edge::of(text.chars().next()),
                    last: Edge::of(text.chars().next_back()),
                    owners: Vec::new(),
                });
                patterns.push(text);
            }
            if !forms[fx].owners.contains(&owner) {
                forms[fx].owners.push(owner);
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("glossary too large for aho-corasick");
        Matcher {
            automaton,
            forms,
            by_text,
            scopes,
        }
    }

    /// The number of distinct surface forms.
    pub fn len(&self) -> usize {
        self.forms.len()
    }

    /// The number of terms the matcher was built from (match indices are
    /// below it).
    pub fn term_count(&self) -> usize {
        self.scopes.len()
    }

    /// True when there is nothing to match.
    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }

    /// Every match of a term that applies everywhere (no `only_in`), in
    /// order, non-overlapping.
    pub fn find(&self, text: &str) -> Vec<Match> {
        self.search(text, None)
    }

    /// Every match in the text of article `article`: terms that apply
    /// everywhere plus those whose `only_in` lists the article.
    pub fn find_in(&self, text: &str, article: &Slug) -> Vec<Match> {
        self.search(text, Some(article))
    }

    fn search(&self, text: &str, article: Option<&Slug>) -> Vec<Match> {
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < text.len() {
            let input = Input::new(text).span(pos..text.len());
            let Some(m) = self.automaton.find(input) else {
                break;
            };
            let best = self
                .accept(text, m.start(), m.end(), m.pattern().as_usize(), article)
                .or_else(|| self.shorter_at(text, m.start(), m.end(), article));
            match best {
                Some(found) => {
                    pos = found.end;
                    out.push(found);
                }
                None => pos = next_char(text, m.start()),
            }
        }
        out
    }

    /// The longest acceptable form starting at `start` and ending before
    /// `end`, tried longest first.
    fn shorter_at(&self, text: &str, start: usize, end: usize, at: Option<&Slug>) -> Option<Match> {
        let mut cut = end;
        loop {
            cut = prev_char(text, cut);
            if cut <= start {
                return None;
            }
            if let Some(&fx) = self.by_text.get(&text[start..cut]) {
                if let Some(m) = self.accept(text, start, cut, fx, at) {
                    return Some(m);
                }
            }
        }
    }

    /// The match of form `fx` at `start..end` if the boundary rules and
    /// some owner's scope allow it.
    fn accept(
        &self,
        text: &str,
        start: usize,
        end: usize,
        fx: usize,
        at: Option<&Slug>,
    ) -> Option<Match> {
        let form = &self.forms[fx];
        if !boundaries_ok(text, start, end, form.first, form.last) {
            return None;
        }
        let term = *form.owners.iter().find(|&&o| self.scopes[o].allows(at))?;
        Some(Match { start, end, term })
    }
}

fn scope_of(term: &Term) -> Scope {
    if term.meta.only_in.is_empty() {
        Scope::Everywhere
    } else {
        Scope::Only(term.meta.only_in.clone())
    }
}

/// Whether a form with edge classes `first`/`last` may match at
/// `start..end` of `text`.
fn boundaries_ok(text: &str, start: usize, end: usize, first: Edge, last: Edge) -> bool {
    let mut before = text[..start].chars().rev();
    let mut after = text[end..].chars();
    side_ok(first, before.next(), before.next()) && side_ok(last, after.next(), after.next())
}

/// `near` is the character touching the form, `far` the one beyond it.
fn side_ok(edge: Edge, near: Option<char>, far: Option<char>) -> bool {
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    match edge {
        Edge::Digit => !(digit(near) || (near == Some('.') && digit(far))),
        Edge::Latin => !near.is_some_and(|c| c.is_ascii_alphabetic()),
        Edge::Other => true,
    }
}

fn next_char(text: &str, at: usize) -> usize {
    at + text[at..].chars().next().map_or(1, char::len_utf8)
}

fn prev_char(text: &str, at: usize) -> usize {
    at - text[..at].chars().next_back().map_or(at, char::len_utf8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::testutil::term;
    use proptest::prelude::*;

    fn found(m: &Matcher, text: &str) -> Vec<String> {
        m.find(text)
            .iter()
            .map(|x| x.text(text).to_string())
            .collect()
    }

    #[test]
    fn nested_terms_resolve_to_the_longest() {
        let m = Matcher::new(&[
            term("sanqing", "三清", &[]),
            term("sqsjsz", "三清三减三增", &[]),
        ]);
        let text = "推进“三清三减三增”，其中“三清”是基础";
        let hits = m.find(text);
        assert_eq!(found(&m, text), ["三清三减三增", "三清"]);
        assert_eq!((hits[0].term, hits[1].term), (1, 0));
    }

    #[test]
    fn digit_terms_never_match_inside_numbers() {
        let m = Matcher::new(&[term("a", "885", &[]), term("b", "33618", &[])]);
        assert_eq!(found(&m, "党建统领“885”工作体系"), ["885"]);
        assert_eq!(found(&m, "885工作体系与33618集群"), ["885", "33618"]);
        for text in [
            "18850", "8851", "1885", "336180", "1.885", "885.5", "0.33618",
        ] {
            assert!(found(&m, text).is_empty(), "{text}");
        }
        assert_eq!(found(&m, "共885。"), ["885"]);
    }

    #[test]
    fn rejected_match_falls_back_to_shorter_forms() {
        let m = Matcher::new(&[term("a", "885", &[]), term("b", "88", &[])]);
        assert!(found(&m, "8850").is_empty());
        assert_eq!(found(&m, "88.5年"), Vec::<String>::new());
        let m = Matcher::new(&[
            term("a", "885", &[]),
            term("b", "88", &[]),
            term("c", "GDP885", &[]),
        ]);
        assert_eq!(found(&m, "885x88x8851"), ["885", "88"]);
        let m = Matcher::new(&[term("a", "二〇885", &[]), term("b", "二〇", &[])]);
        assert_eq!(found(&m, "二〇8851"), ["二〇"]);
    }

    #[test]
    fn latin_terms_never_match_inside_words() {
        let m = Matcher::new(&[
            term("ai", "AI", &[]),
            term("gdp", "GDP", &[]),
            term("cart", "CAR-T", &[]),
        ]);
        assert!(found(&m, "MAIN DOMAIN").is_empty());
        assert_eq!(found(&m, "发展AI产业，GDP增长"), ["AI", "GDP"]);
        assert_eq!(found(&m, "(AI)+CAR-T疗法"), ["AI", "CAR-T"]);
        assert!(found(&m, "CAR-TX").is_empty());
        assert_eq!(found(&m, "AI2"), ["AI"]);
    }

    #[test]
    fn only_in_terms_match_only_in_their_articles() {
        let mut yijian = term("yijian", "《意见》", &[]);
        yijian.meta.only_in = vec![Slug::new("qinglian").unwrap()];
        let mut other = term("yijian2", "《意见》", &[]);
        other.meta.only_in = vec![Slug::new("sangongjian").unwrap()];
        let m = Matcher::new(&[yijian, other, term("yi", "意见》", &[])]);
        let text = "出台了该《意见》";
        let ql = m.find_in(text, &Slug::new("qinglian").unwrap());
        assert_eq!((ql[0].text(text), ql[0].term), ("《意见》", 0));
        let sg = m.find_in(text, &Slug::new("sangongjian").unwrap());
        assert_eq!(sg[0].term, 1);
        // Out of scope, the next form that fits is found instead.
        let elsewhere = m.find_in(text, &Slug::new("other").unwrap());
        assert_eq!((elsewhere[0].text(text), elsewhere[0].term), ("意见》", 2));
        assert_eq!(m.find(text).len(), 1);
    }

    #[test]
    fn aliases_match_their_term() {
        let m = Matcher::new(&[term("jw", "市纪委监委", &["纪委监委"])]);
        let hits = m.find("市纪委监委和区纪委监委");
        assert_eq!(hits.len(), 2);
        assert!(hits.iter().all(|h| h.term == 0));
    }

    #[test]
    fn empty_forms_and_texts_are_harmless() {
        let m = Matcher::new(&[term("x", "", &[""])]);
        assert!(m.is_empty());
        assert!(m.find("任何文本").is_empty());
        let m = Matcher::new(&[term("a", "885", &[])]);
        assert!(m.find("").is_empty());
    }

    /// The reference: at each character, the longest acceptable form.
    fn naive(forms: &[String], text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < text.len() {
            let best = forms
                .iter()
                .filter(|f| !f.is_empty() && text[pos..].starts_with(f.as_str()))
                .filter(|f| {
                    let (first, last) =
                        (Edge::of(f.chars().next()), Edge::of(f.chars().next_back()));
                    boundaries_ok(text, pos, pos + f.len(), first, last)
                })
                .map(|f| f.len())
                .max();
            match best {
                Some(len) => {
                    out.push((pos, pos + len));
                    pos += len;
                }
                None => pos = next_char(text, pos),
            }
        }
        out
    }

    const PIECES: &[&str] = &[
        "三", "清", "减", "增", "8", "5", "1", "3", "6", ".", "A", "I", "M", "N", "“", "”", "，",
        "个", "两",
    ];

    fn piece_string(max: usize) -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 1..max).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn matches_the_naive_scan(forms in prop::collection::vec(piece_string(6), 1..8), text in piece_string(40)) {
            let m = Matcher::from_forms(forms.clone());
            let got: Vec<(usize, usize)> = m.find(&text).iter().map(|x| (x.start, x.end)).collect();
            prop_assert_eq!(got, naive(&forms, &text));
        }
    }
}
