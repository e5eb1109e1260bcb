//! A calmer page and reading controls (issue 18), checked on the HTML of
//! the built bundled edition: terms linked once per section (later
//! occurrences plain, for reader.js to mark on request), dates and numbers
//! kept whole, concordance links naming their occurrence, the chart's
//! counts as a table, the home page's leads, briefs and formulations, the
//! contents of long articles, the glossary's letters grouped like its
//! list, people with their posts. What needs a browser to see is in
//! `reading_browser.rs`.

use crate::support::bundled as site;
use crate::support::*;

const PRESS: &str = "articles/2025-nian-chong-qing-zen-yang-tui-jin/index.html";
const INTERVIEW: &str = "articles/quan-mian-da-zao-xin-shi-dai-shi/index.html";

/// The text between `start` and the next `end` after it.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let s = html.find(start).unwrap_or_else(|| panic!("no {start}"));
    let rest = &html[s..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

#[test]
fn terms_are_links_once_per_section_and_their_kind_is_a_class() {
    let html = page(site(), PRESS);
    let body = between(&html, "<div class=\"body\">", "<aside class=\"glosses\"");
    // A hosted box printed after the text is the box's own document.
    let body = body
        .split("<aside class=\"print-box\"")
        .next()
        .unwrap_or(body);
    let links = body.matches("<a class=\"term t1 ").count();
    let later = body.matches("<span class=\"term ").count();
    assert!(links > 0 && later > 0, "{links} links, {later} plain");
    // Within one section (between two headings) a term is a link once.
    let sections = body.replace("<h3", "<h2");
    assert!(
        sections.matches("<h2").count() >= 5,
        "the article has sections"
    );
    for section in sections.split("<h2") {
        let mut seen = std::collections::HashSet::new();
        for part in section.split("<a class=\"term t1 ").skip(1) {
            let id = between(part, "data-term=\"", "\" ");
            assert!(
                seen.insert(id.to_string()),
                "{id} linked twice in one section"
            );
        }
    }
    for kind in ["g-idea", "g-org", "g-person"] {
        assert!(
            body.contains(&format!("class=\"term t1 {kind}\"")),
            "{kind}"
        );
    }
    // The legend and the (script-shown) controls; reader.js before gloss.js.
    assert!(html.contains("<p class=\"mark-legend\">"));
    assert!(html.contains("id=\"reader-controls\" hidden"));
    let reader = html.find("static/reader.js").unwrap();
    assert!(reader < html.find("static/gloss.js").unwrap());
}

#[test]
fn dates_numbers_with_units_and_set_phrases_are_kept_whole() {
    let html = page(site(), PRESS);
    assert!(html.contains("<span class=\"nb\">2月13日</span>"), "a date");
    assert!(
        html.contains("<span class=\"nb\">95%</span>"),
        "a number with its unit"
    );
    let interview = page(site(), INTERVIEW);
    let subtitle = between(&interview, "<p class=\"subtitle\">", "</p>");
    assert!(
        subtitle.contains("<span class=\"nb\">答记者问</span>"),
        "{subtitle}"
    );
    // Q&A: no space between a label and its text.
    assert!(!interview.contains("问：</strong> "));
}

#[test]
fn concordance_links_name_their_occurrence() {
    let html = page(site(), "glossary/liang-ge-que-li/index.html");
    let kwic = between(&html, "<ol class=\"kwic\">", "</ol>");
    let href = &between(kwic, "href=\"", "\">")["href=\"".len()..];
    assert!(href.starts_with("/repo/articles/"), "{href}");
    assert!(
        href.contains("/?hl=%E4%B8%A4%E4%B8%AA%E7%A1%AE%E7%AB%8B&amp;n="),
        "{href}"
    );
    assert!(href.contains("#p") && href.contains(":~:text="), "{href}");
    // The chart's counts are text, one row per bar.
    let chart = between(&html, "<figure class=\"chart\">", "</figure>");
    let rows = chart.matches("<tr><td>").count();
    assert_eq!(rows, chart.matches("<rect ").count());
    assert!(chart.contains("<tr><td>2023年12月</td><td>"), "{chart}");
    // Co-occurring terms say what their number counts.
    assert!(!html.contains("同段 0<"));
}

#[test]
fn home_opens_on_leads_with_summaries_and_lists_briefs_apart() {
    let home = page(site(), "index.html");
    let leads = between(&home, "<h3 class=\"date-group\">", "id=\"briefs-heading\"");
    let briefs = between(&home, "id=\"briefs-heading\"", "</section>");
    let site = jiedu::content::load(&repo()).unwrap();
    for a in &site.articles {
        let link = format!("href=\"/repo/articles/{}/\"", a.slug);
        let brief = matches!(
            a.meta.kind,
            Some(jiedu::content::ArticleKind::Brief | jiedu::content::ArticleKind::Caption)
        );
        if brief {
            assert!(
                briefs.contains(&link) && !leads.contains(&link),
                "{}",
                a.slug
            );
        }
    }
    assert!(
        leads.matches("<span class=\"summary\">").count() >= 10,
        "summaries"
    );
    assert!(home.contains("怎样读这一版"));
    // 「高频术语」: formulations only, not places, people, bodies, documents.
    let top = between(&home, "id=\"terms-heading\"", "</section>");
    use jiedu::content::TermKind as K;
    for t in &site.terms {
        if matches!(
            t.meta.kind,
            K::Place | K::Person | K::Institution | K::Document
        ) {
            let link = format!("href=\"/repo/glossary/{}/\"", t.id);
            assert!(!top.contains(&link), "{} in 高频术语", t.meta.term);
        }
    }
}

#[test]
fn long_articles_have_contents_and_the_glossary_letters_follow_its_groups() {
    let html = page(site(), PRESS);
    let toc = between(&html, "<nav class=\"toc-nav\"", "</nav>");
    assert!(
        toc.contains("<a href=\"#p") && toc.matches("<li").count() >= 5,
        "{toc}"
    );
    assert!(toc.contains("着力构建“五个体系”"), "{toc}");
    let interview = page(site(), INTERVIEW);
    let toc = between(&interview, "<nav class=\"toc-nav\"", "</nav>");
    assert!(toc.contains("class=\"toc-q\""), "questions listed: {toc}");
    let press = page(
        site(),
        "articles/zai-gong-jian-tu-po-zhong-quan-li/index.html",
    );
    let toc = between(&press, "<nav class=\"toc-nav\"", "</nav>");
    assert!(
        toc.contains("<li class=\"toc-s\"><a href=\"#p5\">姜辉</a>"),
        "speakers listed: {toc}"
    );
    // Each letter bar sits in its group and jumps only within it.
    let g = page(site(), "glossary/index.html");
    assert!(g.contains("<nav class=\"jumpbar kinds\""));
    for group in g.split("<section class=\"term-group\"").skip(1) {
        for part in group.split("<nav class=\"jumpbar\"").skip(1) {
            let bar = &part[..part.find("</nav>").unwrap()];
            for anchor in bar.split("href=\"#").skip(1) {
                let id = &anchor[..anchor.find('"').unwrap()];
                assert!(
                    group.contains(&format!("id=\"{id}\"")),
                    "{id} outside its group"
                );
            }
        }
    }
}

#[test]
fn people_show_posts_and_names_in_pinyin_as_names() {
    let html = page(site(), "people/index.html");
    let chen = between(&html, ">陈全</a>", "</dd>");
    assert!(
        chen.contains("<p class=\"post\">重庆市政府台办主任"),
        "{chen}"
    );
    assert!(html.contains("Hé Chūnyáng"), "a reporter's name in pinyin");
}
