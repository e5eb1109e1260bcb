//! Which pages an edit rewrites: those the dependency graph names in the
//! site before the edit and in the site after it, plus every page of the
//! article listing when their count changed (each page shows it). Pages
//! that still exist are rendered; the others are deleted.

use super::delta::{is_listing, listing_key};
use crate::site::pages::PageKey;
use std::collections::{BTreeSet, HashSet};

/// Pages rendered by an incremental rebuild, not yet written.
#[derive(Debug, Default)]
pub struct PendingWrites {
    /// (output path, bytes) of each page to write.
    pub pages: Vec<(String, Vec<u8>)>,
    /// Pages of the old site that the new one no longer has.
    pub removed: Vec<PageKey>,
}

/// The pages to render and to delete after an edit.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct RewritePlan {
    /// Pages of the new site to render, in order.
    pub render: Vec<PageKey>,
    /// Pages of the old site that are gone.
    pub delete: Vec<PageKey>,
}

/// How many pages the article listing had before the edit and has after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListingPages {
    /// Before the edit.
    pub before: usize,
    /// After it.
    pub after: usize,
}

impl RewritePlan {
    /// The plan for pages `before` (named on the old site) and `after`
    /// (on the new one), where `all` is every page of the new site.
    pub fn new(
        all: &[PageKey],
        mut before: BTreeSet<PageKey>,
        mut after: BTreeSet<PageKey>,
        listing: ListingPages,
    ) -> Self {
        if listing.before != listing.after {
            // Every page of the listing shows how many there are; those
            // past the new count are deleted.
            let every = (1..=listing.before.max(listing.after)).map(listing_key);
            before.extend(every);
            after.extend(all.iter().filter(|k| is_listing(k)).cloned());
        }
        let exists: HashSet<&PageKey> = all.iter().collect();
        let delete = before
            .iter()
            .filter(|k| !exists.contains(k))
            .cloned()
            .collect();
        let render = before
            .union(&after)
            .filter(|k| exists.contains(k))
            .cloned()
            .collect();
        RewritePlan { render, delete }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::Slug;

    fn article(s: &str) -> PageKey {
        PageKey::Article(Slug::new(s).unwrap())
    }

    #[test]
    fn pages_of_either_side_are_rendered_if_they_still_exist() {
        let all = [PageKey::Home, article("b"), PageKey::Feed];
        let before = BTreeSet::from([article("a"), PageKey::Home]);
        let after = BTreeSet::from([article("b"), PageKey::Feed]);
        let same = ListingPages {
            before: 1,
            after: 1,
        };
        let plan = RewritePlan::new(&all, before, after, same);
        assert_eq!(plan.delete, [article("a")]);
        assert_eq!(plan.render, [PageKey::Home, article("b"), PageKey::Feed]);
    }

    #[test]
    fn a_shorter_listing_rewrites_every_listing_page_and_drops_the_last() {
        let all = [PageKey::Home, PageKey::Listing(2), article("a")];
        let shrunk = ListingPages {
            before: 3,
            after: 2,
        };
        let plan = RewritePlan::new(&all, BTreeSet::new(), BTreeSet::new(), shrunk);
        assert_eq!(plan.delete, [PageKey::Listing(3)]);
        assert_eq!(plan.render, [PageKey::Home, PageKey::Listing(2)]);
    }
}
