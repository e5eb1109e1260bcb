//! Chrome detection: which elements' content is never the article's
//! (scripts, forms, `nav`/`aside`/`footer`, hidden elements, classes or
//! ids naming navigation, menus, share buttons…), and the `<form>` that
//! wraps a whole ASP.NET page, which is not a form.

use super::model::han;
use ego_tree::NodeRef;
use scraper::node::Element;
use scraper::Node;

/// Elements whose content is never text of the page.
const SKIP: [&str; 17] = [
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "select", "button", "textarea", "input", "form", "head", "map", "video",
];

/// Elements that are site chrome by their nature.
const CHROME: [&str; 4] = ["nav", "aside", "footer", "menu"];

/// Class or id words (split on `-`, `_`, space) that name chrome.
const CHROME_WORDS: [&str; 22] = [
    "nav",
    "navbar",
    "navigation",
    "menu",
    "footer",
    "foot",
    "sidebar",
    "breadcrumb",
    "crumb",
    "share",
    "copyright",
    "login",
    "toolbar",
    "topbar",
    "ad",
    "ads",
    "advert",
    "comment",
    "comments",
    "skin",
    "search",
    "pagenav",
];

/// Why an element's content is left out, if it is.
pub(super) fn skipped(e: &Element, node: NodeRef<'_, Node>) -> Option<String> {
    let name = e.name();
    if name == "form" && wraps_the_page(node) {
        return None;
    }
    if SKIP.contains(&name) {
        return Some(name.to_string());
    }
    if CHROME.contains(&name) {
        return Some(name.to_string());
    }
    if name == "header" && !holds(node, &["h1", "h2"]) {
        return Some("header".to_string());
    }
    if e.attr("hidden").is_some()
        || e.attr("style").is_some_and(|s| {
            s.replace(' ', "")
                .to_ascii_lowercase()
                .contains("display:none")
        })
    {
        return Some("hidden".to_string());
    }
    let words = e
        .attr("class")
        .into_iter()
        .chain(e.id())
        .flat_map(|v| v.split(|c: char| c.is_whitespace() || c == '-' || c == '_'))
        .map(str::to_ascii_lowercase);
    for w in words {
        if CHROME_WORDS.contains(&w.as_str()) && !holds(node, &["h1"]) {
            return Some(format!("chrome ({w})"));
        }
    }
    None
}

/// Does `node` have a descendant element named one of `names`?
/// A `<form>` around the page itself, as ASP.NET WebForms wraps every
/// page in `<form runat="server">`: it holds a headline or running text
/// (100 Chinese characters or more), which a login or search form never
/// does. Its inputs are still left out one by one.
fn wraps_the_page(node: NodeRef<'_, Node>) -> bool {
    if holds(node, &["h1"]) {
        return true;
    }
    let mut n = 0;
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            n += han(t);
            if n >= 100 {
                return true;
            }
        }
    }
    false
}

fn holds(node: NodeRef<'_, Node>, names: &[&str]) -> bool {
    node.descendants().skip(1).any(|d| {
        d.value()
            .as_element()
            .is_some_and(|e| names.contains(&e.name()))
    })
}

#[cfg(test)]
mod tests {
    use crate::ingest::html::derive;
    use crate::ingest::html::tests::{page, PARA};

    #[test]
    fn a_form_around_the_page_is_not_a_form() {
        let html = page(&format!(
            "<form runat=server><div class=nav><a href=/>首页</a></div><select><option>蓝皮肤</option></select>\
             <h1>标题在这里</h1><div id=msg>2010年09月10日09:14 来源:大河网</div><p>{PARA}</p></form>"
        ));
        let d = derive(&html).unwrap();
        assert!(d.text.contains(PARA), "{}", d.text);
        assert!(!d.text.contains("蓝皮肤"), "{}", d.text);
        assert_eq!(
            d.head.date.as_ref().map(|x| x.0.as_str()),
            Some("2010-09-10")
        );
        // A login form is still left out, and the page refused.
        let login =
            page("<form><p>用户名<input name=u></p><p>密码<input type=password></p></form>");
        assert!(derive(&login).is_err());
    }
}
