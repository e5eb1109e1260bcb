//! The glossary in the built site: links in the text, glosses readable
//! without JavaScript, term pages with occurrences, the index order.

use crate::support::*;
use jiedu::site::{build, check::check_links, BuildOptions};

fn term(root: &std::path::Path, id: &str, yaml: &str, body: &str) {
    write(
        root,
        &format!("content/glossary/{id}.md"),
        &format!("---\n{yaml}\n---\n{body}\n"),
    );
}

fn fixture() -> tempfile::TempDir {
    let ed = edition("https://user.github.io/repo/");
    let root = ed.path();
    term(root, "liang-ge-que-li", "term: 两个确立\npinyin: liǎng gè quèlì\nenglish: Two Establishes\nkind: slogan\nsee_also: [liang-ge-wei-hu]", "确立习近平同志党中央的核心、全党的核心地位。");
    term(
        root,
        "liang-ge-wei-hu",
        "term: 两个维护\npinyin: liǎng gè wéihù\nenglish: Two Safeguards\nkind: slogan",
        "坚决维护党中央权威。",
    );
    term(
        root,
        "san-qing-san-jian-san-zeng",
        "term: 三清三减三增\npinyin: sān qīng sān jiǎn sān zēng\nkind: numeric-formula",
        "国企专项行动。",
    );
    term(root, "san-qing", "term: 三清\npinyin: sān qīng\nkind: numeric-formula\nparent: san-qing-san-jian-san-zeng\nshort: 清理盘活存量资产等三项。", "第一部分。");
    term(
        root,
        "a-shi",
        "term: 阿石\npinyin: ā shí\nkind: person",
        "测试排序用。",
    );
    term(
        root,
        "885",
        "term: \"885\"\npinyin: bā bā wǔ\nkind: numeric-formula",
        "工作机制。",
    );
    write(root, "content/articles/a.md", "---\ntitle: 甲文\ndate: 2024-12-27\n---\n## 一、坚持两个确立\n\n坚决拥护“两个确立”、坚决做到“两个维护”。\n\n推进“三清三减三增”。“三清”，即清理盘活存量资产、清除风险隐患。885机制，编号18850。\n");
    write(
        root,
        "content/articles/b.md",
        "---\ntitle: 乙文\ndate: 2025-02-13\n---\n深刻领悟两个确立的决定性意义，做到两个维护。\n",
    );
    write(
        root,
        "content/articles/c.md",
        "---\ntitle: 丙文\ndate: 2025-03\n---\n只有三清。\n",
    );
    ed
}

fn built(ed: &tempfile::TempDir) -> std::path::PathBuf {
    crate::support::build_public(ed.path())
}

#[test]
fn terms_are_linked_and_defined_once_per_page_without_javascript() {
    let ed = fixture();
    let out = built(&ed);
    let a = page(&out, "articles/a/index.html");
    // The first occurrence in a section is the link (here in the heading);
    // later ones are plain text that reader.js marks on request.
    assert!(a.contains("坚持<a class=\"term t1 g-idea\" href=\"/repo/glossary/liang-ge-que-li/\" data-term=\"liang-ge-que-li\" aria-describedby=\"gloss-liang-ge-que-li\">两个确立</a>"), "{a}");
    assert!(
        a.contains("“<span class=\"term g-idea\" data-term=\"liang-ge-que-li\">两个确立</span>”"),
        "{a}"
    );
    assert!(a.contains(">三清三减三增</a>"), "longest term wins");
    assert!(
        a.contains(">885</a>机制") && a.contains("编号18850"),
        "885 not inside 18850"
    );
    // The definition is in the HTML, once, where aria-describedby points.
    assert_eq!(a.matches("id=\"gloss-liang-ge-que-li\"").count(), 1);
    assert_eq!(
        a.matches("确立习近平同志党中央的核心、全党的核心地位。")
            .count(),
        1,
        "{a}"
    );
    assert!(
        a.contains("清理盘活存量资产等三项。"),
        "short: overrides the first sentence"
    );
    assert!(a.contains("Two Establishes"));
    // The heading text is linked, but its anchor is untouched.
    assert!(a.contains("<div class=\"blk\" id=\"p1\">"), "{a}");
    let base = jiedu::config::BaseUrl::parse("https://user.github.io/repo/").unwrap();
    assert!(
        check_links(&out, &base).unwrap().is_empty(),
        "{:#?}",
        check_links(&out, &base)
    );
}

#[test]
fn term_pages_list_occurrences_in_context_with_paragraph_links() {
    let ed = fixture();
    let out = built(&ed);
    let t = page(&out, "glossary/liang-ge-que-li/index.html");
    assert!(t.contains("<h1>两个确立</h1>"));
    assert!(
        t.contains(r#""@type":"DefinedTerm""#) && t.contains(r#""name":"两个确立""#),
        "{t}"
    );
    assert!(t.contains("3 处 · 2 篇"), "{t}");
    // Each line names its occurrence (issue 18): the keyword and how many
    // times it comes earlier in the paragraph, and a text fragment.
    let q = "?hl=%E4%B8%A4%E4%B8%AA%E7%A1%AE%E7%AB%8B&amp;n=0#";
    assert!(
        t.contains(&format!("href=\"/repo/articles/a/{q}p2:~:text=")),
        "{t}"
    );
    assert!(
        t.contains(&format!("href=\"/repo/articles/b/{q}p1:~:text=")),
        "{t}"
    );
    assert!(
        t.contains(
            "坚决拥护“</span><mark>两个确立</mark><span class=\"r\">”、坚决做到“两个维护”。</span>"
        ),
        "{t}"
    );
    assert!(
        t.contains("<svg class=\"timeline\""),
        "chart at build, no JS"
    );
    assert!(
        t.contains("<tr><td>2024年12月</td><td>2 次</td></tr>")
            && t.contains("<tr><td>2025年2月</td><td>1 次</td></tr>"),
        "{t}"
    );
    assert!(t.contains("参见：<a href=\"/repo/glossary/liang-ge-wei-hu/\">两个维护</a>"));
    assert!(
        t.contains(">两个维护</a> <span class=\"count\">同段"),
        "co-occurring terms: {t}"
    );
    let s = page(&out, "glossary/san-qing/index.html");
    assert!(s.contains("上位概念：<a href=\"/repo/glossary/san-qing-san-jian-san-zeng/\">"));
    assert!(
        s.contains(
            "<blockquote class=\"corpus-def\"><p>“三清”，即清理盘活存量资产、清除风险隐患。</p>"
        ),
        "{s}"
    );
    let parent = page(&out, "glossary/san-qing-san-jian-san-zeng/index.html");
    assert!(parent.contains("下位概念：<a href=\"/repo/glossary/san-qing/\">三清</a>"));
}

#[test]
fn glossary_index_groups_by_kind_sorts_by_pinyin_and_reaches_every_term() {
    let ed = fixture();
    let out = built(&ed);
    let g = page(&out, "glossary/index.html");
    let site = jiedu::content::load(ed.path()).unwrap();
    for t in &site.terms {
        assert!(
            g.contains(&format!("href=\"/repo/glossary/{}/\"", t.id)),
            "{} reachable",
            t.id
        );
    }
    let pos = |s: &str| g.find(s).unwrap_or_else(|| panic!("{s}"));
    // Within numeric formulas: 885 (bā) < 三清 (sān qīng) < 三清三减三增.
    assert!(pos(">885</a>") < pos(">三清</a>") && pos(">三清</a>") < pos(">三清三减三增</a>"));
    // Slogans before numeric formulas before people.
    assert!(
        pos("id=\"kind-slogan\"") < pos("id=\"kind-numeric-formula\"")
            && pos("id=\"kind-numeric-formula\"") < pos("id=\"kind-person\"")
    );
    // The bar jumps to the groups the list is in; letters are per group
    // (issue 18), shown only in groups long enough to need them.
    assert!(g.contains("<nav class=\"jumpbar kinds\""), "{g}");
    assert!(g.contains("<a href=\"#kind-person\">人物"), "{g}");
}

#[test]
fn related_articles_are_ranked_by_shared_terms() {
    let ed = fixture();
    let out = built(&ed);
    let b = page(&out, "articles/b/index.html");
    assert!(b.contains("相关文章"), "{b}");
    assert!(
        b.contains(
            "<a href=\"/repo/articles/a/\">甲文</a> <span class=\"meta\">共有术语 2 个</span>"
        ),
        "{b}"
    );
}

#[test]
fn long_occurrence_lists_are_paginated() {
    use jiedu::site::pages::{ARTICLES_PER_PAGE, LINES_PER_ARTICLE};
    let ed = fixture();
    let repeats = LINES_PER_ARTICLE + 3;
    write(
        ed.path(),
        "content/articles/many.md",
        &format!("---\ntitle: 多次\n---\n{}\n", "两个确立，".repeat(repeats)),
    );
    // a, b and many use the term too: 2 full pages and 5 on the third.
    let extra = 2 * ARTICLES_PER_PAGE + 5 - 3;
    for i in 0..extra {
        write(
            ed.path(),
            &format!("content/articles/x{i}.md"),
            "---\ntitle: 重复\n---\n两个确立。\n",
        );
    }
    let out = built(&ed);
    let p1 = page(&out, "glossary/liang-ge-que-li/index.html");
    assert!(p1.contains("<nav class=\"pager\""), "{p1}");
    assert!(p1.contains("href=\"/repo/glossary/liang-ge-que-li/page/3/\""));
    assert_eq!(
        p1.matches("<div class=\"occ-group\">").count(),
        ARTICLES_PER_PAGE
    );
    let p3 = page(&out, "glossary/liang-ge-que-li/page/3/index.html");
    assert_eq!(p3.matches("<div class=\"occ-group\">").count(), 5, "{p3}");
    assert!(!p3.contains("<svg"), "the chart is on the first page only");
    let all: String = (2..=3)
        .map(|n| {
            page(
                &out,
                &format!("glossary/liang-ge-que-li/page/{n}/index.html"),
            )
        })
        .chain([p1.clone()])
        .collect();
    assert!(
        all.contains("本文另有 3 处"),
        "{repeats} occurrences, {LINES_PER_ARTICLE} lines shown"
    );
    assert!(!out.join("glossary/liang-ge-que-li/page/4").exists());
    let base = jiedu::config::BaseUrl::parse("https://user.github.io/repo/").unwrap();
    assert!(check_links(&out, &base).unwrap().is_empty());
}

#[test]
fn glossary_errors_name_the_file_and_stop_the_build() {
    let ed = fixture();
    term(
        ed.path(),
        "bad",
        "term: 坏\nkind: slogan\nparent: no-such-term",
        "x",
    );
    let e = build(
        ed.path(),
        &BuildOptions {
            base_url: None,
            out: Some(ed.path().join("public")),
            ..Default::default()
        },
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("bad.md"), "{e}");
    assert!(e.contains("no-such-term"), "{e}");
}
