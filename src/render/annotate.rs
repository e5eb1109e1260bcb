//! Placing standing annotations in a rendered article body.
//!
//! An annotation becomes a sidenote of the paragraph holding its quote
//! (in the same `<aside class="sidenotes">` as the paragraph's footnotes,
//! so the margin layout holds both), and the quoted passage is marked in
//! the text where it stands in one piece of text (not across a link or
//! other markup). Finding the paragraph is
//! [`crate::content::annotation::find`]'s job; this module only edits the
//! HTML the Markdown renderer wrote.

use super::highlight::escape_html;

/// One annotation, placed: the 0-based index of its paragraph, its quote
/// and the sidenote's inner HTML.
#[derive(Debug, Clone)]
pub struct PlacedNote {
    /// Index of the paragraph (its anchor is `p<block + 1>`).
    pub block: usize,
    /// The quoted passage.
    pub quote: String,
    /// Who wrote it.
    pub by: String,
    /// The note, rendered.
    pub note_html: String,
}

/// `html` with each note added to its paragraph. Notes are numbered in
/// the order given (`id="an-1"`…).
pub fn insert(html: &str, notes: &[PlacedNote]) -> String {
    let mut out = html.to_string();
    for (k, note) in notes.iter().enumerate().rev() {
        out = insert_one(&out, note, k + 1);
    }
    out
}

fn insert_one(html: &str, note: &PlacedNote, n: usize) -> String {
    let open = format!("<div class=\"blk\" id=\"p{}\">", note.block + 1);
    let Some(start) = html.find(&open) else {
        return html.to_string();
    };
    let end = block_end(html, start + open.len());
    let block = &html[start..end];
    let Some(close) = block.rfind("</div>") else {
        return html.to_string();
    };
    let quote = escape_html(&note.quote);
    let side = format!(
        "<div class=\"sidenote annotation\" id=\"an-{n}\" role=\"note\"><a class=\"sn-num\" href=\"#an-{n}-ref\" title=\"回到正文\">{n}</a><span class=\"annot-label\">{}按</span><span class=\"annot-quote\">「{quote}」</span>{}</div>",
        escape_html(&note.by),
        note.note_html
    );
    let mut inner = block[..close].to_string();
    let marked = mark(&inner, &quote, n);
    let mark_ref = match marked {
        Some(m) => {
            inner = m;
            String::new()
        }
        None => format!("<a class=\"annot-ref\" id=\"an-{n}-ref\" href=\"#an-{n}\">按{n}</a>"),
    };
    match inner.rfind("</aside>") {
        Some(aside) if inner[..aside].contains("<aside class=\"sidenotes\">") => {
            inner.insert_str(aside, &side);
        }
        _ => inner.push_str(&format!("<aside class=\"sidenotes\">{side}</aside>\n")),
    }
    if !mark_ref.is_empty() {
        // No place in the text to mark: a reference after the paragraph's
        // first element (before its notes).
        let at = inner
            .find("<aside class=\"sidenotes\">")
            .unwrap_or(inner.len());
        let at = inner[..at].rfind("</").unwrap_or(at);
        inner.insert_str(at, &mark_ref);
    }
    format!("{}{}{}", &html[..start], inner, &html[start + close..])
}

/// Where the block starting before `from` ends: at the next block, the
/// endnotes, or the end.
fn block_end(html: &str, from: usize) -> usize {
    let next = ["<div class=\"blk\" id=\"p", "<section class=\"endnotes\">"]
        .iter()
        .filter_map(|m| html[from..].find(m))
        .min();
    next.map_or(html.len(), |i| from + i)
}

/// The block with the first text occurrence of `quote` (escaped) wrapped
/// in a `<mark>`, or `None` if it stands in no single piece of text.
fn mark(block: &str, quote: &str, n: usize) -> Option<String> {
    let mut from = 0;
    while let Some(i) = block[from..].find(quote).map(|i| from + i) {
        let in_tag = block[..i].rfind('<') > block[..i].rfind('>');
        let in_note = block[..i].contains("<aside");
        if in_note {
            return None;
        }
        if !in_tag {
            let end = i + quote.len();
            return Some(format!(
                "{}<mark class=\"annot-mark\" id=\"an-{n}-ref\"><a class=\"annot-ref\" href=\"#an-{n}\">{}</a></mark>{}",
                &block[..i],
                &block[i..end],
                &block[end..]
            ));
        }
        from = i + quote.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(block: usize, quote: &str) -> PlacedNote {
        PlacedNote {
            block,
            quote: quote.into(),
            by: "编者".into(),
            note_html: "<p>说明。</p>".into(),
        }
    }

    const HTML: &str = "<div class=\"blk\" id=\"p1\"><a class=\"pn\" href=\"#p1\" title=\"第1段\">1</a>\n<p>甲乙丙<a class=\"term\" href=\"/g/\">丁戊</a>己</p>\n</div>\n<div class=\"blk\" id=\"p2\"><a class=\"pn\" href=\"#p2\">2</a>\n<p>庚辛<sup class=\"fnref\"><a href=\"#fn-1\">1</a></sup></p>\n<aside class=\"sidenotes\"><div class=\"sidenote\" id=\"fn-1\">脚注</div></aside>\n</div>\n";

    #[test]
    fn a_note_marks_its_passage_and_sits_in_its_paragraphs_margin() {
        let out = insert(HTML, &[note(0, "乙丙")]);
        assert!(out.contains("<p>甲<mark class=\"annot-mark\" id=\"an-1-ref\"><a class=\"annot-ref\" href=\"#an-1\">乙丙</a></mark><a class=\"term\""), "{out}");
        let p1 = out.find("id=\"p1\"").unwrap();
        let p2 = out.find("id=\"p2\"").unwrap();
        let side = out.find("id=\"an-1\"").unwrap();
        assert!(p1 < side && side < p2, "{out}");
        assert!(out.contains("<span class=\"annot-label\">编者按</span><span class=\"annot-quote\">「乙丙」</span><p>说明。</p>"));
    }

    #[test]
    fn a_note_joins_the_footnotes_aside_and_a_split_quote_gets_a_reference() {
        let out = insert(HTML, &[note(1, "庚辛"), note(0, "丙丁")]);
        assert_eq!(
            out.matches("<aside class=\"sidenotes\">").count(),
            2,
            "{out}"
        );
        assert!(
            out.contains("脚注</div><div class=\"sidenote annotation\" id=\"an-1\""),
            "{out}"
        );
        // 丙丁 crosses a link: no mark, a reference instead.
        assert!(
            out.contains("<a class=\"annot-ref\" id=\"an-2-ref\" href=\"#an-2\">按2</a>"),
            "{out}"
        );
        assert!(!out.contains("<mark class=\"annot-mark\" id=\"an-2-ref\""));
    }
}
