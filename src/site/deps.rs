//! The dependency graph of a site: which output pages a changed input
//! touches, so the dev server re-renders those and nothing else.
//!
//! The graph is not stored edge by edge; it is read off the [`Site`]
//! itself (article order, term references, source references) plus two
//! indexes that would be slow to recompute on every edit:
//!
//! - [`TemplateGraph`]: which template `{% extends %}`, `{% include %}` or
//!   `{% import %}`s which, parsed from the template text;
//! - [`TermUsage`]: which article mentions which glossary term.
//!
//! [`affected`] answers for one state of the site. A caller diffing two
//! states asks twice — once on the site before the edit, once after — and
//! re-renders the union, deleting the pages that only the old site had.
//! That is what makes deletions and renames work: the old neighbours of a
//! deleted article are found in the old site, the new ones in the new site.
//!
//! The edges, by input (every set is a superset of what really changed;
//! rendering a page too many is cheap, missing one is a bug):
//!
//! | input | pages |
//! | --- | --- |
//! | article, body only | the article, home, its page of the listing (summaries), the first page of each term it mentions, glossary index, people, search |
//! | article, listing data (front-matter, added, deleted) | the above, feed, sitemap, its prev/next neighbours, its source page |
//! | glossary entry | the term page, parent, children, see-also (both ways), glossary index, home, every article using the term |
//! | free page | the page, sitemap (navigation changes are caught by the caller comparing site views) |
//! | raw source | the source page, articles citing it, sitemap |
//! | translation | its article's page, home (column lists), that article's page of the listing, feed (the search index is refreshed apart) |
//! | template | pages rendered with it or with a template that extends, includes or imports it |
//! | `site.yaml` | everything |
//!
//! What an article edit changes through the corpus-wide analysis — other
//! articles' related lists, a term's later pages — is not read off the
//! site but found by comparing the analysis before and after the edit, in
//! [`super::delta`].
//!
//! When `pages.rs` makes a page depend on something new (say, the home
//! page listing the most frequent terms), the edge belongs here; the
//! `serve_incremental` test, which compares an edited site with a fresh
//! build byte for byte, is the net that catches a missing one.

use super::pages::{PageKey, ARTICLES_PER_LISTING};
use crate::content::{Article, Site, Term};
use crate::ids::TermId;
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// One changed input, as the dev server understood it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// `site.yaml`: every page depends on it.
    Config,
    /// An article file (`content/articles/**/*.md`).
    Article {
        /// The file.
        path: PathBuf,
        /// What of it changed.
        scope: Scope,
    },
    /// A glossary entry (`content/glossary/**/*.md`).
    Term(PathBuf),
    /// A free page (`content/pages/**/*.md`).
    Page(PathBuf),
    /// A raw source (`content/sources/**/*.txt`).
    Source(PathBuf),
    /// A template, by its name (`article.html`, `partials/x.html`).
    Template(String),
    /// A translation (`content/translations/<lang>/<slug>.md`, issue 19).
    Translation(PathBuf),
}

/// How much of an article changed: only pages showing its body, or also
/// every page listing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Only the Markdown body changed; titles, dates and order did not.
    Body,
    /// Front-matter changed, or the article was added or deleted.
    Listing,
}

/// Which pages depend on `inputs` in this state of the site.
///
/// `all` is every page of the site (from `PageRenderer::keys`), used for
/// `site.yaml` and for templates. Only pages of this state are returned: a
/// deleted article's page is in the answer for the old site, not the new.
pub fn affected(
    site: &Site,
    usage: &TermUsage,
    graph: &TemplateGraph,
    all: &[PageKey],
    inputs: &[Input],
) -> BTreeSet<PageKey> {
    let mut keys = BTreeSet::new();
    let mut articles = ArticleLookup::default();
    let mut content = false;
    // Pages of glossary entries: all pages of each show the entry.
    let mut entries = BTreeSet::new();
    for input in inputs {
        content |= matches!(input, Input::Article { .. } | Input::Term(_));
        match input {
            Input::Config => return all.iter().cloned().collect(),
            Input::Article { path, scope } => {
                article_pages(site, usage, path, *scope, &mut keys);
            }
            Input::Term(path) => term_pages(site, usage, &mut articles, path, &mut entries),
            Input::Page(path) => page_pages(site, path, &mut keys),
            Input::Source(path) => source_pages(site, path, &mut keys),
            Input::Translation(path) => translation_pages(site, path, &mut keys),
            Input::Template(name) => {
                let users = graph.dependents(name);
                let uses = |k: &&PageKey| k.template().is_some_and(|t| users.contains(t));
                keys.extend(all.iter().filter(uses).cloned());
            }
        }
    }
    glossary_and_search(all, content, &entries, &mut keys);
    keys.extend(entries);
    keys
}

/// An edited entry's later pages change with it, and the search index
/// (and its list of files) changes with any article or term.
fn glossary_and_search(
    all: &[PageKey],
    content: bool,
    entries: &BTreeSet<PageKey>,
    keys: &mut BTreeSet<PageKey>,
) {
    let terms: BTreeSet<TermId> = entries
        .iter()
        .filter_map(|k| match k {
            PageKey::Term(id) => Some(id.clone()),
            _ => None,
        })
        .collect();
    let extra = all.iter().filter(|k| match k {
        PageKey::TermPage(id, _) => terms.contains(id),
        // The people index lists authors and mentions of person terms.
        PageKey::SearchIndex(_) | PageKey::Search | PageKey::People => content,
        _ => false,
    });
    keys.extend(extra.cloned().collect::<Vec<_>>());
}

fn article_pages(
    site: &Site,
    usage: &TermUsage,
    path: &Path,
    scope: Scope,
    keys: &mut BTreeSet<PageKey>,
) {
    let Some(i) = site.articles.iter().position(|a| a.path == path) else {
        return;
    };
    let a = &site.articles[i];
    keys.insert(PageKey::Article(a.slug.clone()));
    // A box is shown on its host's page, and names its host.
    if let Some(host) = &a.meta.host {
        keys.insert(PageKey::Article(host.clone()));
    }
    for b in site
        .articles
        .iter()
        .filter(|b| b.meta.host.as_ref() == Some(&a.slug))
    {
        keys.insert(PageKey::Article(b.slug.clone()));
    }
    // The home page lists the most frequent terms.
    keys.insert(PageKey::Home);
    let mut terms = usage.terms_of(path).peekable();
    if terms.peek().is_some() {
        keys.insert(PageKey::Glossary);
    }
    // The first page of each term it mentions; the term's later pages and
    // the other articles whose related lists move are found by comparing
    // the analysis before and after ([`super::delta`]).
    keys.extend(terms.map(|t| PageKey::Term(t.clone())));
    // Its page of the listing (the first is the home page), which shows
    // the opening sentence of its body as its summary. The entries a new,
    // deleted or moved article shifts, and the page count each page
    // shows, are found by the caller comparing the order before and after.
    if let n @ 2.. = i / ARTICLES_PER_LISTING + 1 {
        keys.insert(PageKey::Listing(n));
    }
    if scope == Scope::Body {
        return;
    }
    keys.extend([PageKey::Feed, PageKey::Sitemap]);
    // The neighbours show this article's title in their prev/next links.
    let neighbours = [i.checked_sub(1), Some(i + 1)];
    for n in neighbours.into_iter().flatten() {
        if let Some(b) = site.articles.get(n) {
            keys.insert(PageKey::Article(b.slug.clone()));
        }
    }
    if let Some(source) = source_of(site, a) {
        keys.insert(source);
    }
}

/// The page of the source `a` cites, if that source is loaded.
fn source_of(site: &Site, a: &Article) -> Option<PageKey> {
    let file = &a.meta.source.as_ref()?.file;
    let s = site.sources.iter().find(|s| &s.file == file)?;
    Some(PageKey::Source(s.name.clone()))
}

fn term_pages(
    site: &Site,
    usage: &TermUsage,
    articles: &mut ArticleLookup,
    path: &Path,
    keys: &mut BTreeSet<PageKey>,
) {
    let Some(t) = site.terms.iter().find(|t| t.path == path) else {
        return;
    };
    keys.extend([
        PageKey::Term(t.id.clone()),
        PageKey::Glossary,
        PageKey::Home,
    ]);
    for other in &site.terms {
        if related(t, other) {
            keys.insert(PageKey::Term(other.id.clone()));
        }
    }
    for article in usage.articles_using(&t.id) {
        if let Some(a) = articles.get(site, article) {
            keys.insert(PageKey::Article(a.slug.clone()));
        }
    }
}

/// Whether `other`'s page shows `t` or `t`'s page shows `other`: parent,
/// child, or see-also either way.
fn related(t: &Term, other: &Term) -> bool {
    let links = |a: &Term, b: &Term| {
        a.meta.parent.as_ref() == Some(&b.id) || a.meta.see_also.contains(&b.id)
    };
    links(t, other) || links(other, t)
}

fn page_pages(site: &Site, path: &Path, keys: &mut BTreeSet<PageKey>) {
    if let Some(p) = site.pages.iter().find(|p| p.path == path) {
        keys.extend([PageKey::Page(p.slug.clone()), PageKey::Sitemap]);
    }
}

fn source_pages(site: &Site, path: &Path, keys: &mut BTreeSet<PageKey>) {
    let Some(s) = site.sources.iter().find(|s| s.path == path) else {
        return;
    };
    keys.extend([PageKey::Source(s.name.clone()), PageKey::Sitemap]);
    let cites = |a: &&Article| a.meta.source.as_ref().is_some_and(|r| r.file == s.file);
    for a in site.articles.iter().filter(cites) {
        keys.insert(PageKey::Article(a.slug.clone()));
    }
}

/// A translation is shown on its article's page, marked in the article's
/// entry of the listing and of its column on the home page, and carried by
/// the feed. The article is named by the file's stem, so a deleted
/// translation finds its article too.
fn translation_pages(site: &Site, path: &Path, keys: &mut BTreeSet<PageKey>) {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let Some(i) = site.articles.iter().position(|a| a.slug.as_str() == stem) else {
        return;
    };
    keys.extend([
        PageKey::Article(site.articles[i].slug.clone()),
        PageKey::Feed,
        PageKey::Home,
    ]);
    if let n @ 2.. = i / ARTICLES_PER_LISTING + 1 {
        keys.insert(PageKey::Listing(n));
    }
}

/// Articles by path, indexed on first use (only glossary edits need it).
#[derive(Default)]
struct ArticleLookup {
    index: Option<HashMap<PathBuf, usize>>,
}

impl ArticleLookup {
    fn get<'s>(&mut self, site: &'s Site, path: &Path) -> Option<&'s Article> {
        let index = self.index.get_or_insert_with(|| {
            site.articles
                .iter()
                .enumerate()
                .map(|(i, a)| (a.path.clone(), i))
                .collect()
        });
        index.get(path).map(|&i| &site.articles[i])
    }
}

/// Which template uses which, read from `{% extends %}`, `{% include %}`
/// and `{% import %}` statements.
#[derive(Debug, Clone, Default)]
pub struct TemplateGraph {
    /// Template name → the names it refers to directly.
    uses: HashMap<String, BTreeSet<String>>,
}

impl TemplateGraph {
    /// The graph of `templates`, given as (name, text) pairs.
    pub fn parse<'a>(templates: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let uses = templates
            .into_iter()
            .map(|(name, text)| (name.to_string(), references(text).into_iter().collect()))
            .collect();
        TemplateGraph { uses }
    }

    /// `changed` and every template that uses it, directly or through
    /// others. A page rendered with any of these must be re-rendered.
    pub fn dependents(&self, changed: &str) -> BTreeSet<String> {
        let mut found = BTreeSet::from([changed.to_string()]);
        let mut todo = vec![changed.to_string()];
        while let Some(t) = todo.pop() {
            for (user, refs) in &self.uses {
                if refs.contains(&t) && found.insert(user.clone()) {
                    todo.push(user.clone());
                }
            }
        }
        found
    }
}

/// The template names a template's text refers to: every quoted string of
/// an `extends` or `include` tag (an include may list several), and the
/// first of an `import` tag (`{% import "macros.html" as m %}`).
pub fn references(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{%") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("%}") else { break };
        let tag = after[..end].trim_start_matches(['-', '+']).trim_start();
        let word = tag.split_whitespace().next().unwrap_or("");
        let strings = quoted(tag);
        match word {
            "extends" | "include" => out.extend(strings),
            "import" => out.extend(strings.into_iter().take(1)),
            _ => {}
        }
        rest = &after[end + 2..];
    }
    out
}

/// The string literals of a Tera tag ("…", '…' or `…`).
fn quoted(tag: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = tag;
    while let Some(open) = rest.find(['"', '\'', '`']) {
        // The quote is ASCII, so `open + 1` is a character boundary.
        let quote = char::from(rest.as_bytes()[open]);
        let body = &rest[open + 1..];
        let Some(close) = body.find(quote) else { break };
        out.push(body[..close].to_string());
        rest = &body[close + 1..];
    }
    out
}

/// Which article mentions which glossary term (by any surface form).
///
/// This deliberately over-approximates the glossary matcher: it counts a
/// form found anywhere in an article's title, subtitle, summary or body,
/// even inside a longer term or a link. A page re-rendered without need
/// costs a millisecond; a page missed would be stale.
///
/// Articles and terms are interned as small integers: a 10,000-article
/// edition has most of a million (article, term) pairs, and keying them by
/// `PathBuf` (compared component by component) took seconds.
#[derive(Debug, Clone)]
pub struct TermUsage {
    matcher: Matcher,
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
        let matcher = Matcher::new(&site.terms, &mut terms);
        let mut usage = TermUsage {
            matcher,
            articles: Interner::default(),
            terms,
            by_article: Vec::new(),
            by_term: Vec::new(),
        };
        for a in &site.articles {
            let found = usage.matcher.terms_in(a);
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
            .map(|a| self.matcher.terms_in(a))
            .unwrap_or_default();
        self.set_article(path, found);
    }

    /// Re-scans every article for the terms `changed` (ids whose entry was
    /// added, edited or deleted), after `site.terms` changed.
    pub fn update_terms(&mut self, site: &Site, changed: &BTreeSet<TermId>) {
        self.matcher = Matcher::new(&site.terms, &mut self.terms);
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
        let only_edited = Matcher::new(&edited, &mut self.terms);
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

/// Every surface form of a set of terms, in one automaton.
#[derive(Debug, Clone)]
struct Matcher {
    automaton: Option<AhoCorasick>,
    /// Pattern index → interned term.
    owners: Vec<u32>,
}

impl Matcher {
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
        Matcher { automaton, owners }
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

    #[test]
    fn template_references_are_parsed_from_tags() {
        let text = r#"{% extends "base.html" %}
{%- include 'partials/a.html' -%}
{% include ["x.html", "y.html"] ignore missing %}
{% import "macros.html" as m %}
{% if "not-a-template.html" %}{{ "nor.html" }}{% endif %}"#;
        assert_eq!(
            references(text),
            [
                "base.html",
                "partials/a.html",
                "x.html",
                "y.html",
                "macros.html"
            ]
        );
    }

    #[test]
    fn dependents_follow_chains() {
        let g = TemplateGraph::parse([
            ("base.html", "{% include \"nav.html\" %}"),
            ("nav.html", "{% import \"m.html\" as m %}"),
            ("article.html", "{% extends \"base.html\" %}"),
            ("atom.xml", "<feed/>"),
        ]);
        let d = g.dependents("m.html");
        assert_eq!(
            d.into_iter().collect::<Vec<_>>(),
            ["article.html", "base.html", "m.html", "nav.html"]
        );
        assert_eq!(g.dependents("atom.xml").len(), 1);
    }

    fn site(articles: &[(&str, &str)], terms: &[(&str, &str)]) -> Site {
        let config = "title: t\nbase_url: https://x.org/\n";
        let config = crate::config::SiteConfig::parse(config, Path::new("site.yaml")).unwrap();
        let article = |(slug, body): &(&str, &str)| {
            let text = format!("---\ntitle: {slug}\n---\n{body}\n");
            Article::parse(&text, Path::new(&format!("a/{slug}.md"))).unwrap()
        };
        let term = |(id, form): &(&str, &str)| {
            let text = format!("---\nterm: {form}\nkind: slogan\n---\n");
            Term::parse(&text, Path::new(&format!("g/{id}.md"))).unwrap()
        };
        Site {
            root: PathBuf::from("."),
            config,
            articles: articles.iter().map(article).collect(),
            terms: terms.iter().map(term).collect(),
            pages: Vec::new(),
            sources: Vec::new(),
            annotations: Vec::new(),
            translations: Vec::new(),
        }
    }

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

    #[test]
    fn a_translation_touches_its_article_page_listing_entry_and_feed() {
        let mut articles: Vec<(String, String)> = (0..ARTICLES_PER_LISTING + 1)
            .map(|k| (format!("a{k:02}"), "正文。".to_string()))
            .collect();
        articles.push(("z".into(), "正文。".into()));
        let refs: Vec<(&str, &str)> = articles
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let s = site(&refs, &[]);
        let graph = TemplateGraph::default();
        let usage = TermUsage::new(&s);
        let touched = |rel: &str| {
            let input = Input::Translation(PathBuf::from(rel));
            affected(&s, &usage, &graph, &[], &[input])
        };
        let slug = |x: &str| PageKey::Article(crate::ids::Slug::new(x).unwrap());
        // The first article is on the home page, the last on page 2.
        let first = touched("content/translations/en/a00.md");
        assert_eq!(
            first,
            BTreeSet::from([slug("a00"), PageKey::Home, PageKey::Feed])
        );
        let last = touched("content/translations/en/z.md");
        // The home page's column lists may show it too.
        let expected = [slug("z"), PageKey::Listing(2), PageKey::Feed, PageKey::Home];
        assert_eq!(last, BTreeSet::from(expected));
        // A translation of no article touches nothing.
        assert!(touched("content/translations/en/nothing.md").is_empty());
    }
}
