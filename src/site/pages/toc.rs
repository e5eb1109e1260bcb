//! An article's contents (issue 18): its section headings and, in
//! interviews and press conferences, its questions, each linking to its
//! paragraph anchor. Read from the rendered body, whose blocks all open
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
    let mut out = Vec::new();
    for (at, _) in body.match_indices(BLOCK) {
        let rest = &body[at + BLOCK.len()..];
        let Some((anchor, rest)) = rest.split_once('"') else {
            continue;
        };
        let Some((_, inner)) = rest.split_once("</a>\n") else {
            continue;
        };
        if let Some(entry) = entry(anchor, inner) {
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
        return None;
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
