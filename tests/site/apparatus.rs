//! The editorial apparatus on built pages (issue 17): emendations keep the
//! printed reading and are found by search under either reading, the
//! glossary follows the correction, the source still shows the print;
//! standing annotations sit beside their passage and a lost one stops
//! `build` and `check` with file, line and quote; where a text was printed
//! is on article and source pages, in JSON-LD and in the feed; production
//! notes wait in a collapsed 编者说明 block after the text; fragments are
//! listed apart; a placeholder `base_url` is warned about.

use crate::support::{search::*, *};
use std::path::Path;

const ZHISUN: &str = "articles/zai-gong-jian-tu-po-zhong-quan-li/index.html";

/// The text of `html` with tags removed (entities left as they are).
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn bundled_edition_carries_its_apparatus() {
    let out = bundled().to_path_buf();
    let html = page(&out, ZHISUN);

    // The misprint is corrected, marked, and its printed form kept in the
    // note; the corrected reading is the glossary's.
    assert_eq!(html.matches("data-printed=\"止损损亏\"").count(), 2);
    assert!(
        html.contains(
            "<span class=\"emend-text\"><a class=\"term t1 g-idea\" href=\"/repo/glossary/zhi-sun-zhi-kui/\""
        ),
        "the correction is linked to the re-based entry"
    );
    assert!(html.contains("〔原文作“止损损亏”。"));
    let body = &html[html.find("<div class=\"body").unwrap()
        ..html.find("<details class=\"apparatus\"").unwrap()];
    let visible: String = text_of(body)
        .split("〔")
        .map(|s| s.split_once('〕').map_or(s, |(_, rest)| rest))
        .collect();
    assert!(
        !visible.contains("止损损亏"),
        "outside the apparatus the text reads the correction"
    );
    assert!(visible.contains("止损治亏"));

    // The glossary entry is re-based; the old one is gone.
    assert!(out.join("glossary/zhi-sun-zhi-kui/index.html").is_file());
    assert!(!out.join("glossary/zhi-sun-sun-kui").exists());
    let term = page(&out, "glossary/zhi-sun-zhi-kui/index.html");
    assert!(term.contains("<h1") && term.contains("止损治亏"));
    assert!(
        term.contains("#p17") && term.contains("#p21"),
        "both occurrences are the term's"
    );

    // The source view still shows what was printed.
    let source = page(&out, "sources/003_3fdefc164c826a20/index.html");
    assert_eq!(source.matches("止损损亏").count(), 2);
    assert!(!source.contains("止损治亏"));

    // Every case of the issue is marked in the bundled articles.
    let marks = [
        (
            "can-pian-sheng-jian-she-ren-kou-fa",
            "emend-ins",
            "原文脱“五”字",
        ),
        (
            "jiu-long-po-jia-su-jian-she-cheng",
            "emend-sub",
            "data-printed=\"力\"",
        ),
        (
            "qiang-hua-dang-jian-tong-ling-zha-shi",
            "emend-sub",
            "data-printed=\"三峽\"",
        ),
        (
            "qiang-hua-dang-jian-tong-ling-zha-shi",
            "emend-sub",
            "data-printed=\"一\"",
        ),
        (
            "qiang-hua-dang-jian-tong-ling-zha-shi",
            "emend-ins",
            "原文无此字",
        ),
        ("jiu-long-po-gui-fan-xiao-wei-quan", "emend-ins", "缺顿号"),
        (
            "2025-nian-chong-qing-zen-yang-tui-jin",
            "emend-del",
            "data-printed=\"分\"",
        ),
        (
            "2025-nian-chong-qing-zen-yang-tui-jin",
            "emend-query",
            "原文如此，存疑",
        ),
        (
            "2025-nian-chong-qing-zen-yang-tui-jin",
            "emend-sub",
            "data-printed=\" and \"",
        ),
        (
            "zhong-gong-zhong-yang-zu-zhi-bu-xia",
            "emend-sub",
            "全国优秀党务工作者",
        ),
    ];
    for (slug, class, needle) in marks {
        let a = page(&out, &format!("articles/{slug}/index.html"));
        assert!(
            a.contains(&format!("class=\"emend {class}\"")),
            "{slug}: {class}"
        );
        assert!(a.contains(needle), "{slug}: {needle}");
    }
    let report = page(
        &out,
        "articles/zhong-gong-zhong-yang-zu-zhi-bu-xia/index.html",
    );
    assert!(!text_of(&report)
        .replace("〔原文", "")
        .contains("获得者 and"));
}

#[test]
fn search_finds_both_readings_of_an_emended_passage() {
    let out = bundled().to_path_buf();
    let chunks: String = walk(&out.join("search"))
        .into_iter()
        .map(|f| std::fs::read_to_string(f).unwrap_or_default())
        .collect();
    assert!(
        chunks.contains("止损治亏〔原文作“止损损亏”"),
        "the paragraph text holds both readings"
    );
    // The phrase check of the browser engine runs on that text: both
    // readings stand whole in one paragraph, so both are found.
    let meta = page(&out, "search/meta.json");
    assert!(
        meta.contains("止损治亏") && meta.contains("止损损亏"),
        "the term and its alias are in the head"
    );
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files.extend(walk(&p));
        } else {
            files.push(p);
        }
    }
    files
}

#[test]
fn where_it_was_printed_is_on_pages_in_json_ld_and_in_the_feed() {
    let out = bundled().to_path_buf();
    let html = page(&out, ZHISUN);
    assert!(
        html.contains("<p class=\"printed\">原载：重庆日报 2023年12月</p>"),
        "{}",
        &html[..3000]
    );
    assert!(
        html.contains("\"isBasedOn\":{\"@type\":\"PublicationIssue\""),
        "JSON-LD"
    );
    assert!(html.contains("\"name\":\"重庆日报\""));
    let source = page(&out, "sources/003_3fdefc164c826a20/index.html");
    assert!(
        source.contains("<title>原文：重庆日报 2023年12月"),
        "source pages are titled by publication and date"
    );
    assert!(source.contains("<h1>原文：重庆日报 2023年12月</h1>"));
    let web = page(&out, "sources/004_3e29c74bab34ae51/index.html");
    assert!(web.contains("<h1>原文：中共重庆市纪律检查委员会 重庆市监察委员会网站</h1>"));
    let feed = page(&out, "atom.xml");
    assert!(feed.contains("（原载：重庆日报 2023年12月）"), "feed");
}

#[test]
fn production_notes_are_a_collapsed_block_after_the_text_in_chinese() {
    let out = bundled().to_path_buf();
    let html = page(
        &out,
        "articles/xi-bu-ke-xue-cheng-xun-shi-zheng-gai/index.html",
    );
    // The report has a translation: its body is `body bilingual`.
    let body = html.find("<div class=\"body").unwrap();
    let details = html
        .find("<details class=\"apparatus\" id=\"apparatus\">")
        .unwrap();
    assert!(body < details, "the apparatus follows the text");
    assert!(
        !html[..body].contains("落款日期"),
        "no date reasoning above the text"
    );
    let block = &html[details..html[details..].find("</details>").unwrap() + details];
    assert!(block.contains("<summary>编者说明 · 来源说明</summary>"));
    assert!(block.contains("<dt>日期</dt><dd>落款日期：2024年11月13日（原始文本第38行）</dd>"));
    assert!(block.contains("第 1–38 行</a>"));
    for english in ["stated under", "ingest", "line 38"] {
        assert!(!text_of(&html).contains(english), "{english}");
    }
}

#[test]
fn annotations_sit_beside_their_passage() {
    let out = bundled().to_path_buf();
    let html = page(
        &out,
        "articles/xi-bu-ke-xue-cheng-xun-shi-zheng-gai/index.html",
    );
    let mark = html.find("<mark class=\"annot-mark\" id=\"an-1-ref\"><a class=\"annot-ref\" href=\"#an-1\">赓即召开党工委会议</a></mark>").expect("the passage is marked");
    let note = html
        .find("<div class=\"sidenote annotation\" id=\"an-1\" role=\"note\">")
        .unwrap();
    let block = html[..mark].rfind("<div class=\"blk\" id=\"p").unwrap();
    let next = html[mark..]
        .find("<div class=\"blk\" id=\"p")
        .map_or(html.len(), |i| mark + i);
    assert!(
        block < note && note < next,
        "the note is in its paragraph's block"
    );
    assert!(html[note..].starts_with("<div class=\"sidenote annotation\" id=\"an-1\" role=\"note\"><a class=\"sn-num\" href=\"#an-1-ref\""));
}

#[test]
fn fragments_are_listed_apart() {
    let out = bundled().to_path_buf();
    let home = page(&out, "index.html");
    let list = &home[home.find("<ol class=\"article-list\">").unwrap()..];
    let list = &list[..list.find("</ol>").unwrap()];
    assert!(!list.contains("（残篇）"), "no fragment among the articles");
    let section = &home[home
        .find("<section class=\"fragments\"")
        .expect("a section of its own")..];
    assert_eq!(
        section[..section.find("</section>").unwrap()]
            .matches("（残篇）")
            .count(),
        4
    );
    let source = page(&out, "sources/001_6ff5d2107ceec2d7/index.html");
    assert!(source.contains("<h2>本页残篇</h2>"));
    // The summary box of the 2025 press conference is its host's, not a
    // fragment: shown after the host's text, its anchors its own.
    let host = page(
        &out,
        "articles/2025-nian-chong-qing-zen-yang-tui-jin/index.html",
    );
    let boxed = &host[host
        .find("<aside class=\"print-box\"")
        .expect("the box is on its host's page")..];
    assert!(boxed.contains("着力构建“五个体系”（版面提要框）"));
    assert!(boxed.contains("id=\"box-can-pian-zhe-li-gou-jian-wu-ge-p2\""));
    assert_eq!(
        host.matches(" id=\"p1\"").count(),
        1,
        "no anchor is doubled"
    );
    let own = page(&out, "articles/can-pian-zhe-li-gou-jian-wu-ge/index.html");
    assert!(own.contains("<p class=\"host-note\">"));
    assert!(
        !home.contains("版面提要框"),
        "neither among the articles nor the fragments"
    );
}

#[test]
fn a_placeholder_base_url_is_warned_about_and_citations_use_the_pages_address() {
    let ed = edition("https://example.github.io/jiedu/");
    write(
        ed.path(),
        "content/articles/a.md",
        "---\ntitle: 甲\n---\n正文。\n",
    );
    let (ok, _, stderr) = jiedu(ed.path(), &["build"]);
    assert!(ok, "{stderr}");
    assert!(
        stderr.contains("warning: base_url https://example.github.io/jiedu/ is a placeholder"),
        "{stderr}"
    );
    let html = page(&ed.path().join("public"), "articles/a/index.html");
    assert!(html.contains("<p class=\"cite-bar\" data-base-placeholder>"));
    let (ok, _, stderr) = jiedu(
        ed.path(),
        &["build", "--base-url", "https://user.github.io/repo/"],
    );
    assert!(ok && !stderr.contains("placeholder"), "{stderr}");
    let html = page(&ed.path().join("public"), "articles/a/index.html");
    assert!(html.contains("<p class=\"cite-bar\">"));
}

#[test]
fn a_malformed_emendation_stops_the_build_at_its_place() {
    let ed = edition("https://user.github.io/repo/");
    write(
        ed.path(),
        "content/articles/a.md",
        "---\ntitle: 甲\n---\n第一段。\n\n第二段{~~止损损亏~止损治亏~~}。\n",
    );
    let (ok, _, stderr) = jiedu(ed.path(), &["build"]);
    assert!(!ok);
    assert!(
        stderr.contains("a.md:6:4: a substitution needs `~>`"),
        "{stderr}"
    );
    assert!(!ed.path().join("public").exists());
}

#[test]
fn a_lost_annotation_stops_build_and_check_with_file_line_and_quote() {
    let ed = edition("https://user.github.io/repo/");
    write(
        ed.path(),
        "content/articles/a.md",
        "---\ntitle: 甲\n---\n第一段讲止损治亏。\n\n第二段。\n",
    );
    let yaml =
        "- quote: 止损治亏\n  p: 1\n  note: 说明。\n- quote:  第三段\n  note: 已删去的段落。\n";
    write(ed.path(), "content/annotations/a.yaml", yaml);
    let (ok, _, stderr) = jiedu(ed.path(), &["build"]);
    assert!(!ok);
    assert!(
        stderr.contains("a.yaml:4:11: annotation's passage 「第三段」 is not in article `a`"),
        "{stderr}"
    );
    // Fixed, it builds; then the article changes under it and check says so.
    write(
        ed.path(),
        "content/annotations/a.yaml",
        &yaml.replace("第三段", "第二段"),
    );
    let (ok, _, stderr) = jiedu(ed.path(), &["build"]);
    assert!(ok, "{stderr}");
    write(
        ed.path(),
        "content/articles/a.md",
        "---\ntitle: 甲\n---\n第一段讲止损治亏。\n\n另一段。\n",
    );
    let (ok, stdout, stderr) = jiedu(ed.path(), &["check"]);
    assert!(!ok);
    assert!(
        stdout.contains("a.yaml:4:11") && stdout.contains("「第二段」"),
        "{stdout}{stderr}"
    );
    // An annotation file for no article is an error too.
    write(
        ed.path(),
        "content/annotations/zz.yaml",
        "- quote: 甲\n  note: 乙\n",
    );
    let (ok, _, stderr) = jiedu(ed.path(), &["build"]);
    assert!(
        !ok && stderr.contains("zz.yaml: annotations for `zz`, which is no article"),
        "{stderr}"
    );
}

#[test]
fn a_box_whose_host_is_no_article_is_an_error() {
    let ed = edition("https://user.github.io/repo/");
    write(
        ed.path(),
        "content/articles/kuang.md",
        "---\ntitle: 框\nhost: no-such\n---\n提要。\n",
    );
    let (ok, _, stderr) = jiedu(ed.path(), &["build"]);
    assert!(
        !ok && stderr.contains("kuang.md: host `no-such` is no article"),
        "{stderr}"
    );
}

/// An article printed under an umbrella title names the bundle (同题组稿)
/// and links the bundle's other articles from the same page, escaped, in
/// page order; an article with the same title from another page is not
/// linked, and an article outside any bundle shows no bundle line.
#[test]
fn article_pages_link_the_other_articles_of_their_bundle() {
    let ed = edition(BASE);
    let r = ed.path();
    let umbrella = "奋进<新征程>";
    let art = |slug: &str, title: &str, file: &str, line: usize, bundle: Option<&str>| {
        let bundle = bundle.map_or(String::new(), |b| format!("bundle: '{b}'\n"));
        write(
            r,
            &format!("content/articles/{slug}.md"),
            &format!(
                "---\ntitle: '{title}'\ndate: 2025-03-01\n{bundle}source: \
                 {{file: {file}, first_line: {line}, last_line: {}, sha256: ab}}\n---\n正文。\n",
                line + 1
            ),
        );
    };
    art("yi", "第一篇", "p1.txt", 5, Some(umbrella));
    art("er", "第二篇&", "p1.txt", 9, Some(umbrella));
    art("san", "第三篇", "p1.txt", 2, Some(umbrella));
    art("ling", "别处同名", "p2.txt", 3, Some(umbrella));
    art("wai", "组外", "p1.txt", 20, None);
    write(r, "content/sources/p1.txt", &"一行\n".repeat(30));
    write(r, "content/sources/p2.txt", &"一行\n".repeat(30));
    let out = built(&ed);
    let page = |slug: &str| {
        std::fs::read_to_string(out.join(format!("articles/{slug}/index.html"))).unwrap()
    };
    let yi = page("yi");
    let nav_at = yi.find("<nav class=\"bundle\"").expect("a bundle line");
    let nav = &yi[nav_at..nav_at + yi[nav_at..].find("</nav>").unwrap()];
    assert!(nav.contains("同题组稿：奋进&lt;新征程&gt;"), "{nav}");
    let san = nav.find("/repo/articles/san/").expect("links 第三篇");
    let er = nav.find("/repo/articles/er/").expect("links 第二篇");
    assert!(san < er, "in page order: {nav}");
    assert!(nav.contains("第二篇&amp;"), "titles escaped: {nav}");
    assert!(!nav.contains("articles/yi/"), "not itself: {nav}");
    assert!(!nav.contains("articles/ling/"), "not another page's: {nav}");
    assert!(page("ling").contains("同题组稿"));
    assert!(!page("ling").contains("/repo/articles/yi/"));
    assert!(!page("wai").contains("class=\"bundle\""));
}
