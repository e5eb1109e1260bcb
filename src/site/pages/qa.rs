//! Q&A labels in article bodies (issue 8): ingest keeps an interview's
//! `问：` and `答：` as a bold label opening the paragraph, and the Markdown
//! renderer prints that as `<p><strong>问：</strong>`. Marking those
//! paragraphs with classes lets the stylesheet set the labels off (a
//! hanging label, the question in the sans face) without guessing from
//! any bold text that happens to open a paragraph.

/// The labels that open a question or an answer, and the class each gets.
const LABELS: &[(&str, &str)] = &[("问：", "qa qa-q"), ("答：", "qa qa-a")];

/// `html` with every paragraph that opens with a bold Q&A label marked
/// `class="qa qa-q"` or `class="qa qa-a"`, its label `class="qa-label"`.
pub(super) fn mark_qa_labels(html: &str) -> String {
    if !html.contains("<p><strong>") {
        return html.to_string();
    }
    let mut out = html.to_string();
    for (label, class) in LABELS {
        let marked = format!("<p class=\"{class}\"><strong class=\"qa-label\">{label}</strong>");
        // The space ingest leaves after the label would open the hanging
        // indent's second column a space late (issue 18): dropped.
        out = out.replace(&format!("<p><strong>{label}</strong> "), &marked);
        out = out.replace(&format!("<p><strong>{label}</strong>"), &marked);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_opening_a_paragraph_are_marked() {
        let html = "<p><strong>问：</strong> 背景？</p>\n<p><strong>答：</strong> 如下。</p>\n";
        assert_eq!(
            mark_qa_labels(html),
            "<p class=\"qa qa-q\"><strong class=\"qa-label\">问：</strong>背景？</p>\n\
             <p class=\"qa qa-a\"><strong class=\"qa-label\">答：</strong>如下。</p>\n"
        );
    }

    #[test]
    fn other_bold_text_is_left_alone() {
        let html = "<p><strong>重点</strong>问：如何？</p><p>他说<strong>问：</strong></p>";
        assert_eq!(mark_qa_labels(html), html);
    }
}
