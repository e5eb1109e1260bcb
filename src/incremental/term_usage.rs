//! Which article mentions which glossary term, kept up to date edit by
//! edit, so a glossary edit re-renders the articles that use the entry.

use crate::content::{Article, Site, Term};
use crate::ids::TermId;
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Which article mentions which glossary term (by any surface form).
///
/// This deliberately over-approximates the glossary's matcher: it counts a
/// form found anywhere in an article's title, subtitle, summary or body,
/// even inside a longer term or a link. A page re-rendered without need
/// costs a millisecond; a page missed would be stale.
///
/// Articles and terms are interned as small integers: a 10,000-article
/// edition has most of a million (article, term) pairs, and keying them by
/// `PathBuf` (compared component by component) took seconds.
#[derive(Debug, Clone)]
pub struct TermUsage {
    scanner: FormScanner,
    articles: Interner<PathBuf>,
    terms: Interner<TermId>,
    /// Article → terms it mentions.
    by_article: Vec<BTreeSet<u32>>,
    /// Term → articles mentioning it.
    by_term: Vec<BTreeSet<u32>>,
}

impl TermUsage {
    /// Scans every article of `site` for every term.
    pub fn new(site: &Site) -> Self {
        let mut terms = Interner::default();
        let scanner = FormScanner::new(&site.terms, &mut terms);
        let mut usage = TermUsage {
            scanner,
            articles: Interner::default(),
            terms,
            by_article: Vec::new(),
            by_term: Vec::new(),
        };
        for a in &site.articles {
            let found = usage.scanner.terms_in(a);
            usage.set_article(&a.path, found);
        }
        usage
    }

    /// The terms the article at `path` mentions.
    pub fn terms_of<'s>(&'s self, path: &Path) -> impl Iterator<Item = &'s TermId> + 's {
        let found = self
            .articles
            .get(path)
            .and_then(|a| self.by_article.get(a as usize));
        found.into_iter().flatten().map(|&t| self.terms.name(t))
    }

    /// The articles (by path) that mention `term`.
    pub fn articles_using<'s>(&'s self, term: &TermId) -> impl Iterator<Item = &'s Path> + 's {
        let found = self
            .terms
            .get(term)
            .and_then(|t| self.by_term.get(t as usize));
        found
            .into_iter()
            .flatten()
            .map(|&a| self.articles.name(a).as_path())
    }

    /// Re-scans the article at `path` as it is in `site` (forgets it if
    /// it is gone).
    pub fn update_article(&mut self, site: &Site, path: &Path) {
        let found = site
            .articles
            .iter()
            .find(|a| a.path == path)
            .map(|a| self.scanner.terms_in(a))
            .unwrap_or_default();
        self.set_article(path, found);
    }

    /// Re-scans every article for the terms `changed` (ids whose entry was
    /// added, edited or deleted), after `site.terms` changed.
    pub fn update_terms(&mut self, site: &Site, changed: &BTreeSet<TermId>) {
        self.scanner = FormScanner::new(&site.terms, &mut self.terms);
        let changed: BTreeSet<u32> = changed.iter().map(|id| self.terms.intern(id)).collect();
        for &t in &changed {
            for a in std::mem::take(self.term_slot(t)) {
                self.by_article[a as usize].remove(&t);
            }
        }
        let edited: Vec<Term> = site
            .terms
            .iter()
            .filter(|t| self.terms.get(&t.id).is_some_and(|i| changed.contains(&i)))
            .cloned()
            .collect();
        let only_edited = FormScanner::new(&edited, &mut self.terms);
        for a in &site.articles {
            let article = self.articles.intern(&a.path);
            for t in only_edited.terms_in(a) {
                self.link(article, t);
            }
        }
    }

    fn set_article(&mut self, path: &Path, found: BTreeSet<u32>) {
        let article = self.articles.intern(path);
        let slot = self.article_slot(article);
        for t in std::mem::take(slot) {
            self.term_slot(t).remove(&article);
        }
        for t in found {
            self.link(article, t);
        }
    }

    fn link(&mut self, article: u32, term: u32) {
        self.term_slot(term).insert(article);
        self.article_slot(article).insert(term);
    }

    fn article_slot(&mut self, a: u32) -> &mut BTreeSet<u32> {
        grow(&mut self.by_article, a)
    }

    fn term_slot(&mut self, t: u32) -> &mut BTreeSet<u32> {
        grow(&mut self.by_term, t)
    }
}

/// The set at `i`, growing the list as needed.
fn grow(list: &mut Vec<BTreeSet<u32>>, i: u32) -> &mut BTreeSet<u32> {
    let i = i as usize;
    if list.len() <= i {
        list.resize_with(i + 1, BTreeSet::new);
    }
    &mut list[i]
}

/// Names ↔ dense integers; a name keeps its number for good, so numbers
/// stored elsewhere never go stale.
#[derive(Debug, Clone)]
struct Interner<T> {
    names: Vec<T>,
    numbers: HashMap<T, u32>,
}

impl<T> Default for Interner<T> {
    fn default() -> Self {
        Interner {
            names: Vec::new(),
            numbers: HashMap::new(),
        }
    }
}

impl<T: Clone + Eq + std::hash::Hash> Interner<T> {
    fn intern<Q>(&mut self, name: &Q) -> u32
    where
        T: std::borrow::Borrow<Q>,
        Q: ?Sized + Eq + std::hash::Hash + ToOwned<Owned = T>,
    {
        if let Some(&n) = self.numbers.get(name) {
            return n;
        }
        // More than 4 billion articles or terms is not an edition.
        let n = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(name.to_owned());
        self.numbers.insert(name.to_owned(), n);
        n
    }

    fn get<Q>(&self, name: &Q) -> Option<u32>
    where
        T: std::borrow::Borrow<Q>,
        Q: ?Sized + Eq + std::hash::Hash,
    {
        self.numbers.get(name).copied()
    }

    fn name(&self, n: u32) -> &T {
        &self.names[n as usize]
    }
}

/// Every surface form of a set of terms, in one automaton that reports
/// overlapping hits.
///
/// Not the glossary's [`crate::glossary::Matcher`]: that one resolves
/// nested forms to the longest (“三清三减三增” hides “三清”), so whether an
/// article uses one term would depend on the other terms, and a glossary
/// edit could no longer rescan only the edited entries
/// ([`TermUsage::update_terms`]). Overlapping hits keep each term's usage
/// independent of the rest; reusing the glossary's matcher would change
/// which pages are re-rendered, so this scan stays.
#[derive(Debug, Clone)]
struct FormScanner {
    automaton: Option<AhoCorasick>,
    /// Pattern index → interned term.
    owners: Vec<u32>,
}

impl FormScanner {
    fn new(terms: &[Term], interner: &mut Interner<TermId>) -> Self {
        let mut forms = Vec::new();
        let mut owners = Vec::new();
        for t in terms {
            let id = interner.intern(&t.id);
            for form in t.surface_forms().filter(|f| !f.is_empty()) {
                forms.push(form.to_string());
                owners.push(id);
            }
        }
        // A DFA: Chinese text defeats the literal prefilters, and the DFA
        // scans it about half again as fast as the default NFA. A failure
        // to build (absurdly many patterns) degrades to "no term is used":
        // pages still render, term pages may go stale.
        let builder = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(&forms);
        let automaton = (!forms.is_empty()).then(|| builder.ok()).flatten();
        FormScanner { automaton, owners }
    }

    fn terms_in(&self, a: &Article) -> BTreeSet<u32> {
        let mut found = BTreeSet::new();
        let Some(ac) = &self.automaton else {
            return found;
        };
        let m = &a.meta;
        let texts = [
            Some(&m.title),
            m.subtitle.as_ref(),
            m.summary.as_ref(),
            Some(&a.body),
        ];
        for text in texts.into_iter().flatten() {
            for hit in ac.find_overlapping_iter(text.as_str()) {
                found.insert(self.owners[hit.pattern().as_usize()]);
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::incremental::test_site::site;

    fn ids<'a>(it: impl Iterator<Item = &'a TermId>) -> Vec<&'a str> {
        it.map(TermId::as_str).collect()
    }

    #[test]
    fn term_usage_counts_nested_forms_and_follows_edits() {
        let mut s = site(
            &[("x", "三清三减三增。"), ("y", "别的。")],
            &[("long", "三清三减三增"), ("short", "三清")],
        );
        let mut u = TermUsage::new(&s);
        assert_eq!(ids(u.terms_of(Path::new("a/x.md"))), ["long", "short"]);
        assert!(u.terms_of(Path::new("a/y.md")).next().is_none());

        s.articles[1].body = "也说三清，别的。".into();
        u.update_article(&s, Path::new("a/y.md"));
        let users: Vec<_> = u.articles_using(&TermId::new("short").unwrap()).collect();
        assert_eq!(users, [Path::new("a/x.md"), Path::new("a/y.md")]);

        s.terms[1].meta.term = "别的".into();
        u.update_terms(&s, &BTreeSet::from([TermId::new("short").unwrap()]));
        let users: Vec<_> = u.articles_using(&TermId::new("short").unwrap()).collect();
        assert_eq!(users, [Path::new("a/y.md")]);
        assert_eq!(ids(u.terms_of(Path::new("a/x.md"))), ["long"]);
    }
}
