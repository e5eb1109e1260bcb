//! A day's page of items (a programme's running order, an edition's
//! round-up) split into its items: the day's `<h1>` and the page's
//! closing stamp are the page's, each `<h2>` an article's headline.

use super::locate::{line_at, short, LineLocator};
use super::model::{Dropped, HeadMeta, HtmlLine, Kind};
use crate::ingest::signals as sig;

/// A day's page of items (a programme's running order, an edition's
/// round-up): an `<h1>` that names a day (`新闻联播 2021-07-09`) over at
/// least two `<h2>` items. The `<h1>` and what precedes the first item are
/// the page's, not an article's: they are reported, the day becomes the
/// page's date when no `<meta>` gives one, and each `<h2>` becomes an
/// article's headline.
pub(super) fn day_page(
    mut lines: Vec<HtmlLine>,
    head: &mut HeadMeta,
    dropped: &mut Vec<Dropped>,
    loc: &mut LineLocator,
) -> Vec<HtmlLine> {
    let Some(h1) = lines.iter().position(|l| l.kind == Kind::Heading(1)) else {
        return lines;
    };
    let Some(day) = crate::ingest::printed::day_title(&lines[h1].text) else {
        return lines;
    };
    let items = lines[h1..]
        .iter()
        .filter(|l| l.kind == Kind::Heading(2))
        .count();
    let others = lines.iter().filter(|l| l.kind == Kind::Heading(1)).count();
    if items < 2 || others > 1 {
        return lines;
    }
    let first_item = lines[h1..]
        .iter()
        .position(|l| l.kind == Kind::Heading(2))
        .map_or(h1, |i| h1 + i);
    for l in lines.drain(h1..first_item) {
        dropped.push(Dropped {
            line: loc.peek(&l.text),
            what: "page heading".to_string(),
            text: short(&l.text),
        });
    }
    for l in &mut lines {
        if l.kind == Kind::Heading(2) {
            l.kind = Kind::Heading(1);
        }
    }
    // `更新于 2021-07-09 20:19:43` closing the page is the page's own stamp,
    // not the last item's words.
    static STAMP: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^(?:更新|发布|生成)(?:于|时间)?[：:\s]*\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
            .expect("valid regex")
    });
    if lines
        .last()
        .is_some_and(|l| l.kind == Kind::Text && STAMP.is_match(sig::trim(&l.text)))
    {
        let l = lines.pop().expect("a last line");
        let html = loc.html;
        let line = match html.rfind(sig::trim(&l.text)) {
            Some(at) => line_at(html, at),
            None => loc.peek(&l.text),
        };
        dropped.push(Dropped {
            line,
            what: "page stamp".to_string(),
            text: short(&l.text),
        });
    }
    if head.date.is_none() {
        head.date = Some((day.to_string(), "page's <h1>".to_string()));
    }
    lines
}

#[cfg(test)]
mod tests {
    use crate::ingest::html::derive;
    use crate::ingest::html::tests::{page, PARA};

    #[test]
    fn a_day_page_gives_its_items_and_its_date() {
        let d = derive(&format!(
            "<h1>新闻联播 2021-07-09</h1>\n<h2>甲事</h2>\n<p>{PARA}</p>\n<h2>乙事</h2>\n<p>{PARA}</p>\n<p>更新于 2021-07-09 20:19:43</p>\n"
        ))
        .unwrap();
        assert!(!d.text.contains("更新于"), "{}", d.text);
        assert!(d
            .dropped
            .iter()
            .any(|x| x.what == "page stamp" && x.line == 6));
        assert!(d.text.starts_with("# 甲事\n"), "{}", d.text);
        assert!(d.text.contains("\n# 乙事\n"), "{}", d.text);
        assert!(!d.text.contains("新闻联播"), "{}", d.text);
        assert!(d.dropped.iter().any(|x| x.what == "page heading"));
        assert_eq!(
            d.head.date,
            Some(("2021-07-09".to_string(), "page's <h1>".to_string()))
        );
        // A headline that is not a day's title keeps its subheads.
        let d = derive(&page(&format!(
            "<h1>标题在这里</h1><h2>一</h2><p>{PARA}</p><h2>二</h2><p>{PARA}</p>"
        )))
        .unwrap();
        assert!(d.text.starts_with("# 标题在这里\n"), "{}", d.text);
        assert!(d.text.contains("## 一"), "{}", d.text);
    }
}
