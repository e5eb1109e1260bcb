//! Paragraph anchors: each top-level block of an article wrapped with its
//! `pN` id and a ¶ number linking to itself, so it can be cited.

use crate::ids::ParagraphId;

/// Whether top-level blocks get `pN` anchors and ¶ numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchors {
    /// Article bodies: every block citable.
    Paragraphs,
    /// Definitions and free pages: plain flow.
    None,
}

/// Appends block `id`'s HTML and its sidenotes to `out`, wrapped in its
/// anchored `<div>` with the ¶ number.
pub(super) fn push_anchored(out: &mut String, id: ParagraphId, html: &str, asides: &str) {
    let n = id.0;
    out.push_str(&format!(
        "<div class=\"blk\" id=\"{id}\"><a class=\"pn\" href=\"#{id}\" title=\"第{n}段：本段链接\">{n}</a>\n{html}{asides}</div>\n"
    ));
}

#[cfg(test)]
mod tests {
    use crate::render::markdown::testutil::render;

    #[test]
    fn every_top_level_block_gets_an_anchor_and_number() {
        let r =
            render("## 一、标题\n\n第一段。\n\n- 甲\n- 乙\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        for n in 1..=4 {
            assert!(
                r.html.contains(&format!("id=\"p{n}\"")),
                "p{n} in {}",
                r.html
            );
            assert!(r.html.contains(&format!("href=\"#p{n}\"")));
        }
        assert!(!r.html.contains("id=\"p5\""));
        assert_eq!(r.blocks[1].text, "第一段。");
        assert!(r.html.contains("<table>"));
    }
}
