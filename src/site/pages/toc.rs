//! An article's contents (issue 18): its section headings, an interview's
//! questions, and the speakers of a press conference or round table (a
//! paragraph opening with a person from the glossary and 表示/介绍/说…),
//! each linking to its paragraph anchor. Read from the rendered body, whose blocks all open
//! the same way (`<div class="blk" id="pN"><a class="pn" …>N</a>\n`), so
//! the contents always agree with what is on the page.

use crate::render::context::TocEntry;

/// Fewer entries than this are no help: no contents.
const MIN_ENTRIES: usize = 3;

/// Characters of a question shown in the contents.
const QUESTION_CHARS: usize = 24;

const BLOCK: &str = "<div class=\"blk\" id=\"";

/// The contents of a rendered article body (empty when it has fewer than
/// [`MIN_ENTRIES`] headings and questions).
pub(super) fn contents(body: &str) -> Vec<TocEntry> {
    let mut out: Vec<TocEntry> = Vec::new();
    for (at, _) in body.match_indices(BLOCK) {
        let rest = &body[at + BLOCK.len()..];
        let Some((anchor, rest)) = rest.split_once('"') else {
            continue;
        };
        let Some((_, inner)) = rest.split_once("</a>\n") else {
            continue;
        };
        let Some(entry) = entry(anchor, inner) else {
            continue;
        };
        // A speaker who goes on for several paragraphs is listed once.
        let same_speaker = entry.level == "s"
            && out
                .iter()
                .rev()
                .find(|e| e.level != "q")
                .is_some_and(|e| e.level == "s" && e.text == entry.text);
        if !same_speaker {
            out.push(entry);
        }
    }
    if out.len() < MIN_ENTRIES {
        out.clear();
    }
    out
}

/// The entry for a block whose HTML (after its ¶ number) is `inner`.
fn entry(anchor: &str, inner: &str) -> Option<TocEntry> {
    let (level, close) = if inner.starts_with("<h2") {
        ("h2", "</h2>")
    } else if inner.starts_with("<h3") {
        ("h3", "</h3>")
    } else if inner.starts_with("<p class=\"qa qa-q\">") {
        ("q", "</p>")
    } else {
        return speaker(anchor, inner);
    };
    let html = &inner[..inner.find(close)?];
    let mut text = unescape(&strip_tags(html)).trim().to_string();
    if level == "q" {
        text = text.trim_start_matches("问：").trim().to_string();
        if text.chars().count() > QUESTION_CHARS {
            text = text.chars().take(QUESTION_CHARS - 1).collect::<String>() + "…";
        }
    }
    (!text.is_empty()).then(|| TocEntry {
        anchor: anchor.to_string(),
        text,
        level,
    })
}

/// Verbs that open a speaker's words in a report of what was said.
const SAID: &[&str] = &["表示", "介绍", "说", "指出", "强调"];

/// The entry for a paragraph opening with a person term and a verb of
/// saying (龚建海表示，…).
fn speaker(anchor: &str, inner: &str) -> Option<TocEntry> {
    let rest = inner
        .strip_prefix("<p><a class=\"term t1 g-person\"")
        .or_else(|| inner.strip_prefix("<p><span class=\"term g-person\""))?;
    let rest = &rest[rest.find('>')? + 1..];
    let (name, after) = rest.split_once("</")?;
    let after = &after[after.find('>')? + 1..];
    SAID.iter().any(|v| after.starts_with(v)).then(|| TocEntry {
        anchor: anchor.to_string(),
        text: unescape(name),
        level: "s",
    })
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The entities the renderer writes, back to characters (the template
/// escapes the text again).
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blk(n: u32, html: &str) -> String {
        format!("<div class=\"blk\" id=\"p{n}\"><a class=\"pn\" href=\"#p{n}\" title=\"t\">{n}</a>\n{html}</div>\n")
    }

    #[test]
    fn headings_and_questions_are_listed_with_their_anchors() {
        let body = [
            blk(1, "<h2>一、<a class=\"term t1 g-idea\" href=\"/g/x/\">两个确立</a> &amp; 其他</h2>"),
            blk(2, "<p>正文。</p>"),
            blk(3, "<h3>（一）小节</h3>"),
            blk(4, "<p class=\"qa qa-q\"><strong class=\"qa-label\">问：</strong>请介绍下《意见》出台的背景和意义，以及它与以往文件的不同之处。</p>"),
        ]
        .concat();
        let toc = contents(&body);
        let got: Vec<_> = toc
            .iter()
            .map(|e| (e.anchor.as_str(), e.text.as_str(), e.level))
            .collect();
        assert_eq!(
            got,
            [
                ("p1", "一、两个确立 & 其他", "h2"),
                ("p3", "（一）小节", "h3"),
                ("p4", "请介绍下《意见》出台的背景和意义，以及它与以往…", "q"),
            ]
        );
    }

    #[test]
    fn speakers_are_listed_once_for_each_turn() {
        let said = |n: u32, who: &str, verb: &str| {
            blk(n, &format!("<p><a class=\"term t1 g-person\" href=\"/g/x/\" data-term=\"x\">{who}</a>{verb}，……</p>"))
        };
        let body = [
            blk(1, "<h2>一、标题</h2>"),
            said(2, "龚建海", "表示"),
            blk(
                3,
                "<p><span class=\"term g-person\" data-term=\"x\">龚建海</span>介绍，……</p>",
            ),
            said(4, "雷晓风", "介绍"),
            said(5, "张波", "出席"),
        ]
        .concat();
        let got: Vec<_> = contents(&body)
            .into_iter()
            .map(|e| (e.anchor, e.text, e.level))
            .collect();
        assert_eq!(
            got,
            [
                ("p1".to_string(), "一、标题".to_string(), "h2"),
                ("p2".to_string(), "龚建海".to_string(), "s"),
                ("p4".to_string(), "雷晓风".to_string(), "s"),
            ]
        );
    }

    #[test]
    fn short_articles_get_no_contents() {
        let body = [
            blk(1, "<h2>一</h2>"),
            blk(2, "<h2>二</h2>"),
            blk(3, "<p>三</p>"),
        ]
        .concat();
        assert!(contents(&body).is_empty());
    }
}
