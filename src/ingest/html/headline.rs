//! The page's headline: an `<h1>`, else the line `<title>` begins with,
//! else `<title>` itself (without the site name); an `<h1>` ending in a
//! colon over another is the headline's lead-in.

use super::model::{HeadMeta, HtmlLine, Kind};
use crate::ingest::signals as sig;

/// The headline: an `<h1>`, else the line `<title>` begins with, else the
/// title itself as a new first line.
pub(super) fn headline(mut lines: Vec<HtmlLine>, head: &HeadMeta) -> Vec<HtmlLine> {
    if lines.iter().any(|l| l.kind == Kind::Heading(1)) {
        return lines;
    }
    let Some(title) = head.title.as_deref().map(title_without_site) else {
        return lines;
    };
    if sig::chars(&title) < 4 {
        return lines;
    }
    let matching = lines.iter().position(|l| {
        l.kind != Kind::Row
            && sig::chars(&l.text) >= 4
            && sig::chars(&l.text) <= 80
            && (title.starts_with(l.text.as_str()) || l.text.starts_with(title.as_str()))
    });
    match matching {
        Some(i) => {
            lines[i].kind = Kind::Heading(1);
            lines[i].new_box = true;
        }
        None => {
            let block = lines.first().map(|l| l.block);
            if let Some(block) = block {
                lines.insert(
                    0,
                    HtmlLine {
                        text: title,
                        kind: Kind::Heading(1),
                        link_chars: 0,
                        block,
                        new_box: true,
                        tight: false,
                    },
                );
            }
        }
    }
    lines
}

/// An `<h1>` ending in a colon right above another `<h1>` introduces
/// it (`绍兴一中9月党员学习推荐材料：` over the headline of the article a
/// site reprints): it is the headline's lead-in, read as its kicker, not
/// a headline of its own.
pub(super) fn lead_ins(mut lines: Vec<HtmlLine>) -> Vec<HtmlLine> {
    for i in 1..lines.len() {
        let (before, after) = lines.split_at_mut(i);
        let lead = &mut before[i - 1];
        let introduces = sig::trim(&lead.text).ends_with(['：', ':']);
        if lead.kind == Kind::Heading(1) && after[0].kind == Kind::Heading(1) && introduces {
            lead.kind = Kind::Heading(3);
        }
    }
    lines
}

/// `<title>` without the site name: the part before `_`, ` - `, `|`, `——`.
pub fn title_without_site(title: &str) -> String {
    let t = sig::trim(title);
    let cut = ["_", " - ", "|", "——", "－"]
        .iter()
        .filter_map(|sep| t.find(sep))
        .filter(|&i| i > 0)
        .min()
        .unwrap_or(t.len());
    sig::trim(&t[..cut]).to_string()
}

#[cfg(test)]
mod tests {
    use crate::ingest::html::derive;
    use crate::ingest::html::tests::{page, PARA};

    #[test]
    fn a_heading_ending_in_a_colon_introduces_the_next() {
        let html = page(&format!(
            "<div><h1>某校九月学习材料：</h1><h1>标题在这里</h1><p>{PARA}</p></div>"
        ));
        let d = derive(&html).unwrap();
        assert!(d.text.starts_with("### 某校九月学习材料：\n"), "{}", d.text);
        assert!(d.text.contains("\n# 标题在这里\n"), "{}", d.text);
        // Not followed by a headline: it stays a heading of its own.
        let html = page(&format!("<div><h1>标题在这里：</h1><p>{PARA}</p></div>"));
        assert!(derive(&html).unwrap().text.starts_with("# 标题在这里："));
    }

    #[test]
    fn title_heads_a_page_without_h1() {
        let d = derive(&page(&format!("<p>{PARA}</p>"))).unwrap();
        assert!(d.text.starts_with("# 标题在这里\n"), "{}", d.text);
        let d = derive(&page(&format!("<b>标题在这里</b><p>{PARA}</p>"))).unwrap();
        assert_eq!(d.text.matches("标题在这里").count(), 1, "{}", d.text);
    }
}
