//! Which pages an article edit changes through the corpus-wide glossary
//! analysis: the related-article lists of *other* articles and the pages
//! of a term's occurrence list.
//!
//! [`super::deps`] answers from the site alone (an article's own page, the
//! first page of each term it mentions, listings). What it cannot know
//! without the analysis is the rest, and guessing it means re-rendering
//! every article that shares a term with the edited one and every page of
//! every term it uses — thousands of pages in a large edition for a typo
//! fix. So the dev server takes a [`Snapshot`] of the few things those
//! pages show, before and after the edit, and [`changed_pages`] compares:
//!
//! - an article's related list shows other articles (title, link) ranked by
//!   shared rare terms; it can change only when a term joins or leaves an
//!   edited article (the term's article count changes its weight and who
//!   shares it), when the number of articles changes (every weight), or
//!   when a listed article is retitled — so only articles sharing such a
//!   term are snapshotted ([`Focus`]), and their lists compared;
//! - every page of a term's occurrence list shows its totals and a slice of
//!   its articles in order; if neither the totals nor the article list
//!   changed, only the first page (chart, co-occurring terms, the texts'
//!   definitions) and the pages holding an edited article's lines change.
//!
//! - the article listing is cut into pages from the start, so the pages
//!   that change with an article added, deleted or moved are those from
//!   its first change in the order ([`shifted_listing`]).
//!
//! The tests in `tests/serve/incremental.rs`, which compare the served
//! output with a fresh build after every kind of edit, hold this module to
//! that.

use crate::content::Site;
use crate::glossary::{occurrences::MAX_POSTINGS, Occurrences};
use crate::ids::{Slug, TermId};
use crate::site::pages::{PageKey, ARTICLES_PER_LISTING, ARTICLES_PER_PAGE};
use std::collections::{BTreeSet, HashMap};

/// Related articles listed per article page (as `pages.rs` asks for).
pub const RELATED_LIMIT: usize = 5;

/// Which articles and terms to snapshot; `None` means all of them.
#[derive(Debug, Clone, Default)]
pub struct Focus {
    /// Articles whose related list may change, by slug.
    pub articles: Option<BTreeSet<Slug>>,
    /// Terms whose occurrence pages may change.
    pub terms: Option<BTreeSet<TermId>>,
}

impl Focus {
    /// Everything: for edits that change every weight (an article added or
    /// deleted) or every match (a glossary edit), or too many at once.
    pub fn all() -> Focus {
        Focus {
            articles: None,
            terms: None,
        }
    }

    /// The focus of editing the articles at `edited` (indices in `site`):
    /// their terms, and every article that may list them or whose ranking
    /// may move because one of `moved` terms joined or left an edited
    /// article. Call it on both sides of the edit and merge.
    pub fn of_articles(
        site: &Site,
        occ: &Occurrences,
        edited: &[usize],
        moved: &BTreeSet<usize>,
        retitled: bool,
    ) -> Focus {
        let mut articles = BTreeSet::new();
        let mut terms = BTreeSet::new();
        let add_postings = |t: usize, articles: &mut BTreeSet<Slug>| {
            let postings = occ.counts(t);
            // A term in more articles than this ranks nothing (see
            // `related_articles`), before or after the edit, which moves
            // each article count by at most the number of edited articles.
            if postings.len() <= MAX_POSTINGS + edited.len().max(moved.len()) {
                articles.extend(postings.iter().map(|c| site.articles[c.of()].slug.clone()));
            }
        };
        for &a in edited {
            for c in occ.terms_in(a) {
                terms.insert(site.terms[c.of()].id.clone());
                // A retitled article shows in its neighbours' related lists.
                if retitled {
                    add_postings(c.of(), &mut articles);
                }
            }
        }
        for &t in moved {
            terms.insert(site.terms[t].id.clone());
            add_postings(t, &mut articles);
        }
        Focus {
            articles: Some(articles),
            terms: Some(terms),
        }
    }
}

/// What the pages in focus show of the analysis, in one state of the site.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Per article: its related articles and how many terms each shares.
    related: HashMap<Slug, Vec<(Slug, usize)>>,
    /// Per term: its total and its articles with counts, in order.
    terms: HashMap<TermId, (usize, Vec<(Slug, usize)>)>,
}

impl Snapshot {
    /// Takes the snapshot of `focus` in `site` with its occurrences.
    pub fn take(site: &Site, occ: &Occurrences, focus: &Focus) -> Snapshot {
        let slug = |i: usize| site.articles[i].slug.clone();
        let index: HashMap<&Slug, usize> = match &focus.articles {
            Some(_) => site
                .articles
                .iter()
                .enumerate()
                .map(|(i, a)| (&a.slug, i))
                .collect(),
            None => HashMap::new(),
        };
        let articles: Vec<usize> = match &focus.articles {
            Some(slugs) => slugs.iter().filter_map(|s| index.get(s).copied()).collect(),
            None => (0..site.articles.len()).collect(),
        };
        let related = articles
            .into_iter()
            .map(|i| {
                let list = occ.related_articles(i, RELATED_LIMIT);
                let list = list.iter().map(|r| (slug(r.article), r.shared_terms));
                (slug(i), list.collect())
            })
            .collect();
        let in_focus = |id: &TermId| focus.terms.as_ref().is_none_or(|t| t.contains(id));
        let terms = site
            .terms
            .iter()
            .enumerate()
            .filter(|(_, t)| in_focus(&t.id))
            .map(|(ix, t)| {
                let list = occ.counts(ix).iter().map(|c| (slug(c.of()), c.count()));
                (t.id.clone(), (occ.total(ix), list.collect()))
            })
            .collect();
        Snapshot { related, terms }
    }
}

/// The pages whose analysis-derived parts differ between `before` and
/// `after`. `edited` are the articles whose text or listing data changed
/// (their lines on term pages), `retitled` those whose listing data
/// changed (their titles in related lists). Pages of either state may be
/// named; the caller renders those that exist and deletes the others.
pub fn changed_pages(
    before: &Snapshot,
    after: &Snapshot,
    edited: &BTreeSet<Slug>,
    retitled: &BTreeSet<Slug>,
) -> BTreeSet<PageKey> {
    let mut keys = BTreeSet::new();
    let shows_retitled = |list: Option<&Vec<(Slug, usize)>>| {
        list.is_some_and(|l| l.iter().any(|(s, _)| retitled.contains(s)))
    };
    let slugs: BTreeSet<&Slug> = before.related.keys().chain(after.related.keys()).collect();
    for slug in slugs {
        let (b, a) = (before.related.get(slug), after.related.get(slug));
        if b != a || shows_retitled(b) || shows_retitled(a) {
            keys.insert(PageKey::Article(slug.clone()));
        }
    }
    let ids: BTreeSet<&TermId> = before.terms.keys().chain(after.terms.keys()).collect();
    for id in ids {
        term_pages(
            id,
            before.terms.get(id),
            after.terms.get(id),
            edited,
            &mut keys,
        );
    }
    keys
}

type Listing = (usize, Vec<(Slug, usize)>);

fn term_pages(
    id: &TermId,
    before: Option<&Listing>,
    after: Option<&Listing>,
    edited: &BTreeSet<Slug>,
    keys: &mut BTreeSet<PageKey>,
) {
    let pages = |l: Option<&Listing>| l.map_or(1, |(_, v)| v.len().div_ceil(ARTICLES_PER_PAGE));
    let page_key = |n: usize| match n {
        1 => PageKey::Term(id.clone()),
        n => PageKey::TermPage(id.clone(), n),
    };
    keys.insert(page_key(1));
    if before != after {
        let last = pages(before).max(pages(after)).max(1);
        keys.extend((1..=last).map(page_key));
        return;
    }
    // Same totals and articles: only the edited articles' lines moved.
    let listing = after.map_or(&[][..], |(_, v)| v.as_slice());
    for (at, (slug, _)) in listing.iter().enumerate() {
        if edited.contains(slug) {
            keys.insert(page_key(at / ARTICLES_PER_PAGE + 1));
        }
    }
}

/// The slugs of the site's articles, in order.
pub fn slugs(site: &Site) -> Vec<Slug> {
    site.articles.iter().map(|a| a.slug.clone()).collect()
}

/// The pages of the article listing whose slice of articles differs
/// between the order `old` and `new`. Pages are cut from the start, so an
/// article added or deleted shifts every entry after it; one moved shifts
/// those between its two places.
pub fn shifted_listing(old: &[Slug], new: &[Slug]) -> Vec<PageKey> {
    let common = old.len().min(new.len());
    let first = old.iter().zip(new).position(|(a, b)| a != b);
    let first = first.unwrap_or(common);
    let end = match old.len() == new.len() {
        true => {
            let same_tail = old.iter().rev().zip(new.iter().rev());
            old.len()
                - same_tail
                    .take_while(|(a, b)| a == b)
                    .count()
                    .min(common - first)
        }
        false => old.len().max(new.len()),
    };
    if end <= first {
        return Vec::new();
    }
    let page = |i: usize| i / ARTICLES_PER_LISTING + 1;
    (page(first)..=page(end - 1)).map(listing_key).collect()
}

/// Page `n` (from 1) of the article listing.
pub fn listing_key(n: usize) -> PageKey {
    match n {
        1 => PageKey::Home,
        n => PageKey::Listing(n),
    }
}

/// Whether `key` is a page of the article listing.
pub fn is_listing(key: &PageKey) -> bool {
    matches!(key, PageKey::Home | PageKey::Listing(_))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(names: &[usize]) -> Vec<Slug> {
        names
            .iter()
            .map(|n| Slug::new(format!("a{n}")).unwrap())
            .collect()
    }

    #[test]
    fn listing_pages_shift_from_the_first_change() {
        let old: Vec<usize> = (0..120).collect();
        let same = shifted_listing(&order(&old), &order(&old));
        assert!(same.is_empty());
        // A move within the second page touches that page alone.
        let mut moved = old.clone();
        moved.swap(60, 70);
        assert_eq!(
            shifted_listing(&order(&old), &order(&moved)),
            [PageKey::Listing(2)]
        );
        // A deletion on the first page shifts every later entry.
        let mut deleted = old.clone();
        deleted.remove(10);
        assert_eq!(
            shifted_listing(&order(&old), &order(&deleted)),
            [PageKey::Home, PageKey::Listing(2), PageKey::Listing(3)]
        );
        // Appending on the last page touches it alone.
        let mut added = old.clone();
        added.push(500);
        assert_eq!(
            shifted_listing(&order(&old), &order(&added)),
            [PageKey::Listing(3)]
        );
    }
}
