//! The dependency graph of a site: which output pages a changed input
//! touches, so the dev server re-renders those and nothing else.
//!
//! The graph is not stored edge by edge; it is read off the [`Site`]
//! itself (article order, term references, source references) plus two
//! indexes that would be slow to recompute on every edit:
//!
//! - [`TemplateGraph`] ([`super::template_graph`]): which template
//!   `{% extends %}`, `{% include %}` or `{% import %}`s which, parsed
//!   from the template text;
//! - [`TermUsage`] ([`super::term_usage`]): which article mentions which
//!   glossary term.
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
//! The table is checked against the page renderers, not trusted: the
//! `prediction` tests build a small edition, make each kind of edit,
//! build it again from scratch and assert that the pages the incremental
//! layer re-rendered include every output file whose bytes changed (and
//! are not everything, for edits that touch a few pages). When `pages.rs`
//! makes a page depend on something new (say, the home page listing the
//! most frequent terms), those tests fail until the edge is added here.

use super::template_graph::TemplateGraph;
use super::term_usage::TermUsage;
use crate::content::{Article, Site, Term};
use crate::ids::TermId;
use crate::site::pages::{PageKey, ARTICLES_PER_LISTING};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// One changed input of the build, as an edit changed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// `site.yaml`: every page depends on it.
    Config,
    /// An article file (`content/articles/**/*.md`).
    Article {
        /// The file.
        path: PathBuf,
        /// What of it changed.
        change: ArticleChange,
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
pub enum ArticleChange {
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
            Input::Article { path, change } => {
                article_pages(site, usage, path, *change, &mut keys);
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
    change: ArticleChange,
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
    if change == ArticleChange::Body {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::incremental::test_site::site;

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
