//! A page of several items (an edition's round-up, a day's programme)
//! split at its item headings: what precedes the first item is the
//! page's, and item numbers, media tags, rules and lone links are taken
//! out and reported.

use regex::Regex;
use std::sync::LazyLock;

/// A page of several items under one heading (`# 新闻联播 2007-01-01`,
/// then `## 1. …`, `## 2. …`): the heading and what precedes the first
/// item are the page's, not an article's, and are taken out (and
/// reported); each `##` item becomes an article's `#` headline, its list
/// number taken out and reported too. Any other text is returned as is.
pub(super) fn edition_page(text: &str) -> (String, Vec<(usize, String, String)>) {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let count = |level: usize| lines.iter().filter(|l| heading(l) == Some(level)).count();
    let edition =
        first.is_some_and(|i| heading(lines[i]) == Some(1)) && count(1) == 1 && count(2) >= 2;
    if !edition {
        return (text.to_string(), Vec::new());
    }
    items_page(text, 2)
}

/// The level of a Markdown heading line (`#` to `###`), if it is one.
fn heading(line: &str) -> Option<usize> {
    let t = line.trim_end();
    (1..=3).find(|&n| t.starts_with(&format!("{} ", "#".repeat(n))))
}

/// The heading level of a body's items: the shallowest level (`#` to
/// `###`) at which at least two headings stand, each followed by text.
/// A day's page titled in its front-matter (`新闻联播完整文字稿 · 2026年6月18日`)
/// lists its items so.
pub(super) fn item_level(body: &str) -> Option<usize> {
    let lines: Vec<&str> = body.lines().collect();
    (1..=3).find(|&level| {
        let heads: Vec<usize> = (0..lines.len())
            .filter(|&i| heading(lines[i]) == Some(level))
            .collect();
        heads.len() >= 2
            && heads
                .iter()
                .filter(|&&h| {
                    lines[h + 1..]
                        .iter()
                        .take_while(|l| heading(l).is_none_or(|n| n > level))
                        .any(|l| is_text(l))
                })
                .count()
                >= 2
    })
}

/// A line that is nothing but a Markdown link, `[text](url)`.
fn is_lone_link(line: &str) -> bool {
    static LINK: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\[[^\]]*\]\([^)]*\)$").expect("valid regex"));
    LINK.is_match(line.trim())
}

/// A line of running text: not blank, not a heading, not a rule, not a
/// lone link, not raw markup.
fn is_text(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && heading(t).is_none() && !is_rule(t) && !is_lone_link(t) && !t.starts_with('<')
}

/// A thematic break: `---`, `***`, `___` (three or more).
fn is_rule(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    t.len() >= 3
        && ["-", "*", "_"]
            .iter()
            .any(|c| t.chars().all(|x| x.to_string() == *c))
}

/// Splits a page into its items at headings of `level`: what precedes
/// the first item with text is the page's (its heading, a lead, a link to
/// the whole programme) and is taken out and reported; each item heading
/// becomes an article's `#` headline, its list number or media tag
/// (`1.`, `[视频]`) taken out and reported; rules between items go too.
pub(super) fn items_page(text: &str, level: usize) -> (String, Vec<(usize, String, String)>) {
    static ORDINAL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\d{1,3}[.、．]\s*)").expect("valid regex"));
    static MEDIA: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\[[^\[\]()]{1,4}\])[^(]").expect("valid regex"));
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let is_item = |i: usize| heading(lines[i]) == Some(level);
    let has_text = |h: usize| {
        lines[h + 1..]
            .iter()
            .take_while(|l| heading(l).is_none_or(|n| n > level))
            .any(|l| is_text(l))
    };
    let first_item = (0..lines.len())
        .find(|&i| is_item(i) && has_text(i))
        .unwrap_or(0);
    let mut out = String::with_capacity(text.len());
    let mut dropped = Vec::new();
    let mut drop =
        |no: usize, what: &str, t: &str| dropped.push((no, what.to_string(), t.to_string()));
    for (i, l) in lines.iter().enumerate() {
        let body = l.trim_end_matches(['\r', '\n']);
        let ending = &l[body.len()..];
        if i < first_item {
            if !body.trim().is_empty() {
                drop(i + 1, "page heading", body.trim());
            }
            out.push_str(ending);
        } else if is_item(i) {
            let item = body[level + 1..].trim_start();
            let number = ORDINAL.find(item).map_or("", |m| m.as_str());
            if !number.is_empty() {
                drop(i + 1, "item number", number.trim());
            }
            let rest = &item[number.len()..];
            let tag = MEDIA
                .captures(rest)
                .map_or("", |c| c.get(1).map_or("", |m| m.as_str()));
            if !tag.is_empty() {
                drop(i + 1, "media tag", tag);
            }
            out.push_str("# ");
            out.push_str(rest[tag.len()..].trim_start());
            out.push_str(ending);
        } else if is_rule(body) {
            drop(i + 1, "rule", body.trim());
            out.push_str(ending);
        } else if is_lone_link(body) {
            // `[查看视频 ↗](…)`, `[原文](…)`: the site's link to the item,
            // as a saved HTML page's link lines are its navigation.
            drop(i + 1, "links", body.trim());
            out.push_str(ending);
        } else {
            out.push_str(l);
        }
    }
    (out, dropped)
}

#[cfg(test)]
mod tests {
    use crate::ingest::markdown_input::plan;
    use crate::ingest::markdown_input::Plan;
    use std::path::Path;

    #[test]
    fn an_edition_page_is_split_into_its_items() {
        let page =
            "# 新闻联播 2007-01-01\n\n- 新闻条数：2\n\n## 1. 甲\n\n正文。\n\n## 2. 乙\n\n正文。\n";
        let Plan::Lines { text, dropped, .. } = plan(page, Path::new("e.md")).unwrap() else {
            panic!()
        };
        assert_eq!(text, "\n\n\n\n# 甲\n\n正文。\n\n# 乙\n\n正文。\n");
        assert_eq!(dropped.len(), 4, "{dropped:?}");
        assert_eq!(dropped[2], (5, "item number".to_string(), "1.".to_string()));
    }

    #[test]
    fn a_day_titled_in_front_matter_is_split_into_its_items() {
        let page = "---\ntitle: \"新闻联播完整文字稿 · 2026年6月18日\"\ndate: \"2026-06-18\"\n---\n<p class=\"lead\">全部 2 条</p>\n\n### 《新闻联播》 20260618 19:00\n\n[查看视频 ↗](https://tv.cctv.com/a)\n\n---\n\n### [视频]甲事\n\n[查看视频 ↗](https://tv.cctv.com/b)\n\n央视网消息：甲事正文。\n\n---\n\n### 乙事\n\n乙事正文。\n";
        let Plan::Lines {
            text, dropped, fm, ..
        } = plan(page, Path::new("t.md")).unwrap()
        else {
            panic!("not split")
        };
        assert_eq!(fm.unwrap().date.as_deref(), Some("2026-06-18"));
        let kept: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(
            kept,
            ["# 甲事", "央视网消息：甲事正文。", "# 乙事", "乙事正文。"]
        );
        assert_eq!(text.lines().count(), page.lines().count());
        let what: Vec<&str> = dropped.iter().map(|d| d.1.as_str()).collect();
        for w in ["page heading", "media tag", "links", "rule"] {
            assert!(what.contains(&w), "{w} not reported: {dropped:?}");
        }
        // One article under a title that is not a day's stays one article.
        let one = "---\ntitle: 标题一\n---\n# 标题一\n\n### 小标题一\n\n正文。\n\n### 小标题二\n\n正文。\n";
        assert!(matches!(
            plan(one, Path::new("o.md")).unwrap(),
            Plan::One { .. }
        ));
    }
}
