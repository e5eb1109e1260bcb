//! Test helpers: a document rendered for a fixed site, with or without a
//! small glossary linked.

use super::anchors::Anchors;
use super::policy::Markdown;
use super::rendered::Rendered;
use super::terms::TermLinks;
use crate::config::BaseUrl;
use crate::glossary::Matcher;
use crate::ids::Slug;
use crate::render::highlight::Highlighter;
use crate::url::Urls;

/// `md` rendered as an article body, without glossary links.
pub(super) fn render(md: &str) -> Rendered {
    let urls = Urls::new(BaseUrl::parse("https://u.github.io/repo/").unwrap());
    let h = Highlighter::new();
    Markdown::new(&urls, &h).render(md, Anchors::Paragraphs)
}

/// `md` rendered as an article body of article `a`, linking a glossary of
/// four terms (三清, 三清三减三增, 两个确立, 885).
pub(super) fn linked(md: &str) -> Rendered {
    linked_then(md, |_, _, r| r)
}

/// [`linked`], then rendered again with [`Markdown::render_known`]: once
/// placing the first rendering's matches, once placing none. The three
/// renderings, in that order.
pub(super) fn linked_again(md: &str) -> (Rendered, Rendered, Rendered) {
    linked_then(md, |markdown, links, first| {
        let again = markdown.render_known(md, links, &first.matches);
        let bare = markdown.render_known(md, links, &[]);
        (first, again, bare)
    })
}

fn linked_then<T>(md: &str, then: impl FnOnce(&Markdown, &TermLinks, Rendered) -> T) -> T {
    use crate::glossary::testutil::term;
    let terms = [
        term("san-qing", "三清", &[]),
        term("san-qing-san-jian-san-zeng", "三清三减三增", &[]),
        term("liang-ge-que-li", "两个确立", &[]),
        term("885", "885", &[]),
    ];
    let matcher = Matcher::new(&terms);
    let ids: Vec<_> = terms.iter().map(|t| t.id.clone()).collect();
    let urls: Vec<_> = ids.iter().map(|i| format!("/g/{i}/")).collect();
    let slug = Slug::new("a").unwrap();
    let links = TermLinks {
        matcher: &matcher,
        article: &slug,
        ids: &ids,
        urls: &urls,
        classes: &["g-idea", "g-idea", "g-idea", "g-num"],
    };
    let base = Urls::new(BaseUrl::parse("https://x.org/").unwrap());
    let h = Highlighter::new();
    let markdown = Markdown::new(&base, &h);
    let first = markdown.render_linked(md, Anchors::Paragraphs, Some(&links));
    then(&markdown, &links, first)
}
