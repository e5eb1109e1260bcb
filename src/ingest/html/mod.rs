//! Saved HTML pages → the lines the text pipeline reads.
//!
//! A saved news page is mostly not the article: navigation, scripts, a
//! skin switcher, an iframe sidebar, share buttons, a footer, sometimes an
//! ASP.NET directive before the doctype. This module parses the page with
//! html5ever (through `scraper`) and turns it into plain lines in the shape
//! a page dump has, so that splitting, describing and cleaning are the
//! same code for every shape:
//!
//! 1. **Directives out.** `<%…%>` and `<?…?>` blocks are blanked before
//!    parsing (html5ever would read them as text) and reported.
//! 2. **Blocks.** One walk over the tree (iterative, so 1,000-deep nesting
//!    costs no stack) collects text into lines: a line ends at every block
//!    element and `<br>`; `h1`–`h3` become `#` headings, `li` list items,
//!    the cells of a data table a tab-separated row. Scripts, styles,
//!    forms, iframes, `nav`/`aside`/`footer` and elements whose class or
//!    id names chrome (`nav`, `menu`, `share`, `breadcrumb`…) are left out
//!    and reported, as are lines that are mostly link text.
//! 3. **Article area.** The lowest element holding every line of running
//!    text (and the headline) is the article area; lines outside it are
//!    site chrome and reported.
//! 4. **Headline.** When the area has no `<h1>`, the line that `<title>`
//!    begins with becomes the headline; when no line matches, `<title>`'s
//!    own text (without the site name) heads the page.
//!
//! Only text reaches the lines, never markup: what is escaped later is
//! text, so no input HTML can become live markup in the edition. Each line
//! remembers the line of the file its text came from, so articles cite the
//! saved page's own lines.
//!
//! A page with no running text at all (an index of links, a login form)
//! is not an article page and is refused with the reason.

mod area;
mod chrome;
mod day_page;
mod directives;
mod emit;
mod head;
mod headline;
mod locate;
mod model;
mod walk;

pub use headline::title_without_site;
pub use model::{Derived, Dropped, HeadMeta, NotAnArticle};

use area::{article_area, drop_link_lines};
use day_page::day_page;
use directives::blank_directives;
use emit::emit;
use head::{head_meta, page_date};
use headline::{headline, lead_ins};
use locate::{node_text, short, LineLocator};
use model::{han, is_running, HtmlLine};
use scraper::Html;
use walk::Walk;

/// Parses `html` and derives its lines; see the module docs.
pub fn derive(html: &str) -> Result<Derived, NotAnArticle> {
    let (cleaned, mut dropped) = blank_directives(html);
    let doc = Html::parse_document(&cleaned);
    let mut head = head_meta(&doc);
    let mut walk = Walk::new(&doc.tree);
    walk.run();
    let Walk {
        lines,
        dropped_nodes,
        ..
    } = walk;
    let mut locator = LineLocator::new(html);
    for (node, what) in dropped_nodes {
        let text = node_text(&doc.tree, node);
        // Empty markup (an image, a hidden input, an empty iframe) is
        // left out without a report line: there is no text to account for.
        if text.is_empty() {
            continue;
        }
        let line = locator.peek(&text);
        dropped.push(Dropped {
            line,
            what,
            text: short(&text),
        });
    }
    let lines = drop_link_lines(lines, &mut dropped, &mut locator);
    let running: Vec<&HtmlLine> = lines.iter().filter(|l| is_running(l)).collect();
    let running_chars: usize = running.iter().map(|l| han(&l.text)).sum();
    if running_chars < 20 {
        return Err(NotAnArticle {
            reason: format!(
                "no running text ({} lines, {running_chars} Chinese characters in paragraphs): an index, a login page or an empty page",
                lines.len()
            ),
        });
    }
    let lines = headline(lines, &head);
    let lines = lead_ins(lines);
    let lines = article_area(lines, &doc.tree, &mut dropped, &mut locator);
    let lines = day_page(lines, &mut head, &mut dropped, &mut locator);
    page_date(&lines, &mut head);
    let mut derived = emit(&lines, html, head);
    dropped.sort_by(|a, b| (a.line, &a.what).cmp(&(b.line, &b.what)));
    derived.dropped = dropped;
    Ok(derived)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page with a `<title>` and `body` as its body.
    pub(super) fn page(body: &str) -> String {
        format!("<!DOCTYPE html>\n<html><head><title>标题在这里_某某网</title></head>\n<body>\n{body}\n</body></html>\n")
    }

    /// A paragraph of running text.
    pub(super) const PARA: &str =
        "这是一段足够长的正文，用来说明文章页面里真正的内容在哪里，而不是导航。";

    #[test]
    fn directives_and_index_pages() {
        let html = format!(
            "<%@ Page Language=\"C#\" %>\n{}",
            page(&format!("<p>{PARA}</p>"))
        );
        let d = derive(&html).unwrap();
        assert!(!d.text.contains("Page"), "{}", d.text);
        assert_eq!(d.dropped[0].what, "server directive");
        let links: String = (0..30)
            .map(|i| format!("<li><a href=/{i}>新闻标题第{i}条比较长的一条</a></li>"))
            .collect();
        let e = derive(&page(&format!("<ul>{links}</ul>"))).unwrap_err();
        assert!(e.reason.contains("no running text"), "{}", e.reason);
        let login = page("<form><input name=u><input type=password>登录</form>");
        assert!(derive(&login).is_err());
    }
}
