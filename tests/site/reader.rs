//! The reader's experience (issue 8), checked on the built bundled edition:
//! page metadata (title, description, canonical, Open Graph, JSON-LD), the
//! people index, articles by column, source ranges linked both ways, the
//! "cite this paragraph" script, Q&A labels, and the page-weight budget
//! (an article page's HTML + CSS + JS under 60 KB gzipped, DESIGN.md;
//! every page type's weight is printed: home, heaviest article, term,
//! glossary, people, source, search, 404).

use crate::support::bundled as site;
use crate::support::*;
use std::io::Write;
use std::path::Path;

/// The value of the first `attr="…"` in the first tag containing `marker`.
fn attr(html: &str, marker: &str, attr: &str) -> String {
    let at = html
        .find(marker)
        .unwrap_or_else(|| panic!("no {marker} in page"));
    let tag_start = html[..at].rfind('<').unwrap();
    let tag = &html[tag_start..tag_start + html[tag_start..].find('>').unwrap()];
    let key = format!("{attr}=\"");
    let v = &tag[tag
        .find(&key)
        .unwrap_or_else(|| panic!("no {attr} in {tag}"))
        + key.len()..];
    v[..v.find('"').unwrap()].to_string()
}

fn json_ld(html: &str) -> serde_json::Value {
    let start = html.find("<script type=\"application/ld+json\">").unwrap();
    let body = &html[start..];
    let body = &body[body.find('>').unwrap() + 1..body.find("</script>").unwrap()];
    serde_json::from_str(body).unwrap()
}

fn title(html: &str) -> &str {
    let s = html.find("<title>").unwrap() + "<title>".len();
    &html[s..s + html[s..].find("</title>").unwrap()]
}

const ARTICLE: &str = "zai-gong-jian-tu-po-zhong-quan-li";

#[test]
fn article_page_has_title_description_canonical_open_graph_and_news_article() {
    let html = page(site(), &format!("articles/{ARTICLE}/index.html"));
    let canonical = format!("{BASE}articles/{ARTICLE}/");
    assert!(
        title(&html).ends_with(" · 解读 · 重庆党建文本注释版"),
        "{}",
        title(&html)
    );
    assert_eq!(attr(&html, "rel=\"canonical\"", "href"), canonical);
    assert_eq!(attr(&html, "property=\"og:url\"", "content"), canonical);
    assert_eq!(attr(&html, "property=\"og:type\"", "content"), "article");
    let description = attr(&html, "name=\"description\"", "content");
    assert!(!description.is_empty());
    assert_eq!(
        attr(&html, "property=\"og:description\"", "content"),
        description
    );
    let ld = json_ld(&html);
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["url"], canonical.as_str());
    assert_eq!(ld["inLanguage"], "zh-Hans");
    assert!(title(&html).starts_with(ld["headline"].as_str().unwrap()));
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-Hans\">"));
}

#[test]
fn term_page_is_a_defined_term_with_its_own_canonical_url() {
    let html = page(site(), "glossary/san-gong-jian-yi-pan-huo/index.html");
    let canonical = format!("{BASE}glossary/san-gong-jian-yi-pan-huo/");
    assert_eq!(attr(&html, "rel=\"canonical\"", "href"), canonical);
    assert_eq!(attr(&html, "property=\"og:type\"", "content"), "website");
    let ld = json_ld(&html);
    assert_eq!(ld["@type"], "DefinedTerm");
    assert_eq!(ld["name"], "三攻坚一盘活");
    assert!(title(&html).starts_with("三攻坚一盘活 · "));
}

#[test]
fn people_index_lists_officials_with_mentions_and_authors_with_their_articles() {
    let html = page(site(), "people/index.html");
    assert!(html.contains("<title>人物 · "), "{}", title(&html));
    // An official from the glossary, linked to its term page, with the
    // articles that mention him.
    assert!(html.contains("<a href=\"/repo/glossary/chen-quan/\">陈全</a>"));
    let chen = &html[html.find(">陈全</a>").unwrap()..];
    let chen = &chen[..chen.find("</dd>").unwrap()];
    assert!(chen.contains("提及于"), "{chen}");
    assert!(chen.contains("/repo/articles/"), "{chen}");
    // A reporter with a glossary entry: one person, with what he wrote.
    let zhou = &html[html.find(">周尤</a>").unwrap()..];
    let zhou = &zhou[..zhou.find("</dd>").unwrap()];
    assert!(zhou.contains("署名文章"), "{zhou}");
    assert_eq!(html.matches(">周尤").count(), 1);
    // A reporter known only from front-matter `authors`, with pinyin
    // computed for sorting, and her article.
    let huang = &html[html.find(">黄乔 <span class=\"pinyin\">").unwrap()..];
    let huang = &huang[..huang.find("</dd>").unwrap()];
    assert!(huang.contains("Huáng Qiáo"), "{huang}");
    assert!(huang.contains("/repo/articles/"), "{huang}");
    // Linked from the header of every page and listed in the sitemap.
    let home = page(site(), "index.html");
    assert!(home.contains("<a href=\"/repo/people/\">人物</a>"));
    assert!(page(site(), "sitemap.xml").contains(&format!("{BASE}people/")));
}

#[test]
fn home_lists_articles_by_date_and_by_column() {
    let home = page(site(), "index.html");
    let by_date = home.find("文章（按日期）").unwrap();
    let by_column = home.find("id=\"columns-heading\">文章（按栏目）").unwrap();
    assert!(by_date < by_column);
    let columns = &home[by_column..];
    for c in ["权威发布", "重报圆桌会", "政务简报"] {
        assert!(
            columns.contains(&format!(">{c} <span class=\"count\">")),
            "{c}"
        );
    }
    assert!(home.contains("<a href=\"#column-1\">"));
}

#[test]
fn source_page_marks_each_article_range_and_links_back_to_it() {
    let article = page(site(), &format!("articles/{ARTICLE}/index.html"));
    let link = attr(&article, "第 ", "href");
    let (source, line) = link.split_once("#L").unwrap();
    let rel = format!("{}index.html", source.trim_start_matches("/repo/"));
    let html = page(site(), &rel);
    let li = &html[html.find(&format!("<li id=\"L{line}\"")).unwrap()..];
    let li = &li[..li.find("</li>").unwrap()];
    assert!(li.contains("in-article"), "{li}");
    assert!(li.contains("range-start"), "{li}");
    assert!(
        li.contains(&format!(
            "class=\"range-link\" href=\"/repo/articles/{ARTICLE}/\""
        )),
        "{li}"
    );
    // Every line inside a range carries a band class.
    assert!(html.contains(" r0") && html.contains("class=\"source-articles\""));
}

#[test]
fn articles_load_the_cite_script_and_mark_q_and_a_labels() {
    let html = page(site(), &format!("articles/{ARTICLE}/index.html"));
    assert!(html.contains("src=\"/repo/static/cite.js\""));
    assert!(html.contains("<a class=\"pn\" href=\"#p1\""));
    let interview = page(
        site(),
        "articles/quan-mian-da-zao-xin-shi-dai-shi/index.html",
    );
    assert!(interview.contains("<p class=\"qa qa-q\"><strong class=\"qa-label\">问：</strong>"));
    assert!(interview.contains("class=\"qa qa-a\""));
}

fn gzipped(bytes: &[u8]) -> usize {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap().len()
}

/// Gzipped bytes of a page's HTML plus every stylesheet and script it
/// loads from the site (as `href`/`src` under the base path).
fn page_weight(out: &Path, rel: &str) -> (usize, usize) {
    let html = std::fs::read_to_string(out.join(rel)).unwrap();
    let html_gz = gzipped(html.as_bytes());
    let mut assets = 0;
    for marker in ["<link rel=\"stylesheet\" href=\"", "<script src=\""] {
        for part in html.split(marker).skip(1) {
            let url = &part[..part.find('"').unwrap()];
            let file = out.join(url.trim_start_matches("/repo/"));
            assets += gzipped(&std::fs::read(&file).unwrap());
        }
    }
    (html_gz, assets)
}

#[test]
fn page_weights_are_reported_and_every_article_is_under_60_kb_gzipped() {
    const BUDGET: usize = 60 * 1024;
    let out = site();
    let one = |dir: &str| {
        let mut entries: Vec<_> = std::fs::read_dir(out.join(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        entries.sort();
        format!("{dir}/{}/index.html", entries[0])
    };
    let types = [
        ("home", "index.html".to_string()),
        ("glossary", "glossary/index.html".into()),
        (
            "term",
            "glossary/san-gong-jian-yi-pan-huo/index.html".into(),
        ),
        ("people", "people/index.html".into()),
        ("source", one("sources")),
        ("search", "search/index.html".into()),
        ("404", "404.html".into()),
    ];
    println!("page weight, gzipped: HTML + CSS/JS it loads = total");
    for (kind, rel) in &types {
        let (html, assets) = page_weight(out, rel);
        println!(
            "  {kind:<9} {html:>6} + {assets:>6} = {:>6} B  {rel}",
            html + assets
        );
    }
    // The search page also fetches its index's metadata as it opens (and
    // a query's postings and text chunks later, which depend on the query).
    let meta = gzipped(&std::fs::read(out.join("search/meta.json")).unwrap());
    println!(
        "  {:<9} {meta:>6} B more: search/meta.json, fetched as the search page opens",
        ""
    );
    let mut heaviest = (0, String::new());
    for e in std::fs::read_dir(out.join("articles")).unwrap() {
        let rel = format!(
            "articles/{}/index.html",
            e.unwrap().file_name().to_string_lossy()
        );
        let (html, assets) = page_weight(out, &rel);
        heaviest = heaviest.max((html + assets, rel));
    }
    let (html, assets) = page_weight(out, &heaviest.1);
    println!(
        "  {:<9} {html:>6} + {assets:>6} = {:>6} B  {} (heaviest article; budget {BUDGET} B)",
        "article", heaviest.0, heaviest.1
    );
    assert!(
        heaviest.0 < BUDGET,
        "{} weighs {} B gzipped, over the {BUDGET} B budget",
        heaviest.1,
        heaviest.0
    );
}
