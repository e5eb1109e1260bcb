//! Page facts: title, date, canonical URL and publication from
//! `<head>`, and the page's own date line when no `<meta>` gives a date.

use super::locate::node_text;
use super::model::{is_running, HeadMeta, HtmlLine, Kind};
use crate::ingest::signals as sig;
use scraper::node::Element;
use scraper::Html;

/// The page's own date when no `<meta>` gives one: a date line above the
/// first paragraph of running text (`2010年09月10日09:14 来源:大河网`,
/// `发布日期：2019-03-06`), the box under a saved page's headline. It
/// dates everything on the page, not only the article it stands in.
pub(super) fn page_date(lines: &[HtmlLine], head: &mut HeadMeta) {
    if head.date.is_some() {
        return;
    }
    let end = lines.iter().position(is_running).unwrap_or(lines.len());
    let found = lines[..end]
        .iter()
        .filter(|l| l.kind == Kind::Text)
        .find_map(|l| crate::ingest::printed::stated_date(&l.text).map(|(d, _)| d));
    if let Some(date) = found {
        head.date = Some((date.to_string(), "page's date line".to_string()));
    }
}

/// Title, date, URL and publication from `<head>`.
pub(super) fn head_meta(doc: &Html) -> HeadMeta {
    let mut m = HeadMeta::default();
    for node in doc.tree.root().descendants() {
        let Some(e) = node.value().as_element() else {
            continue;
        };
        match e.name() {
            "title" if m.title.is_none() => {
                let t = node_text(&doc.tree, node.id());
                if !t.is_empty() {
                    m.title = Some(t);
                }
            }
            "meta" => meta_tag(e, &mut m),
            "link"
                if e.attr("rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                if let Some(href) = e.attr("href").filter(|h| is_web_url(h)) {
                    m.url
                        .get_or_insert((href.to_string(), "<link rel=canonical>".into()));
                }
            }
            _ => {}
        }
    }
    m
}

fn meta_tag(e: &Element, m: &mut HeadMeta) {
    let key = e
        .attr("name")
        .or_else(|| e.attr("property"))
        .or_else(|| e.attr("itemprop"))
        .unwrap_or("")
        .to_ascii_lowercase();
    let Some(content) = e.attr("content").map(sig::trim).filter(|c| !c.is_empty()) else {
        return;
    };
    let tag = format!("<meta {key}>");
    match key.as_str() {
        "publishdate"
        | "pubdate"
        | "publish_date"
        | "article:published_time"
        | "datepublished"
        | "og:release_date"
        | "date" => {
            m.date.get_or_insert((content.to_string(), tag));
        }
        "og:url" if is_web_url(content) => {
            m.url.get_or_insert((content.to_string(), tag));
        }
        "source" | "og:site_name" => {
            let name = content
                .trim_start_matches("来源：")
                .trim_start_matches("来源:");
            if !name.is_empty() && sig::chars(name) <= 20 {
                m.publication
                    .get_or_insert((sig::trim(name).to_string(), tag));
            }
        }
        _ => {}
    }
}

fn is_web_url(s: &str) -> bool {
    (s.starts_with("http://") || s.starts_with("https://")) && !s.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_facts() {
        let html = "<html><head><title>t</title><meta name=\"publishdate\" content=\"2022-01-22\"><meta name=\"source\" content=\"来源：人民日报\"><link rel=canonical href=\"http://paper.people.com.cn/a.htm\"></head><body></body></html>";
        let doc = Html::parse_document(html);
        let m = head_meta(&doc);
        assert_eq!(m.date.unwrap().0, "2022-01-22");
        assert_eq!(m.publication.unwrap().0, "人民日报");
        assert_eq!(m.url.unwrap().0, "http://paper.people.com.cn/a.htm");
    }
}
