//! Page links for lists that run over several pages (the article listing,
//! a term's occurrences): the first, the last and a window around the
//! current page.

use crate::render::context::{Link, Pagination};

/// The links of page `current` of `total`, page `n` being at `url(n)`.
pub fn pagination(url: impl Fn(usize) -> String, current: usize, total: usize) -> Pagination {
    Pagination {
        current,
        total,
        current_url: url(current),
        pages: page_window(current, total)
            .map(|n| Link {
                url: url(n),
                title: n.to_string(),
            })
            .collect(),
        prev_url: (current > 1).then(|| url(current - 1)),
        next_url: (current < total).then(|| url(current + 1)),
    }
}

/// Pages linked from page `current` of `total`: the first, the last and
/// [`PAGE_WINDOW`] either side of the current one. Listing every page made
/// a term found in N articles cost N²/2,500 links over its pages.
fn page_window(current: usize, total: usize) -> impl Iterator<Item = usize> {
    let near = current.saturating_sub(PAGE_WINDOW).max(1)..=(current + PAGE_WINDOW).min(total);
    let mut pages: Vec<usize> = std::iter::once(1).chain(near).collect();
    pages.push(total);
    pages.dedup();
    pages.into_iter()
}

/// Neighbouring pages linked either side of the current one.
pub const PAGE_WINDOW: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_links_stay_bounded() {
        let all = |c, t| page_window(c, t).collect::<Vec<_>>();
        assert_eq!(all(1, 3), [1, 2, 3]);
        assert_eq!(all(1, 200), [1, 2, 3, 4, 200]);
        assert_eq!(all(100, 200), [1, 97, 98, 99, 100, 101, 102, 103, 200]);
        assert!((1..=2000).all(|c| page_window(c, 2000).count() <= 9));
    }
}
