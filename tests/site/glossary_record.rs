//! Issue 22: a term page keeps what the texts say apart from what the
//! public record says, each public fact with its source; English
//! alternatives are shown with their users; `jiedu terms --draft` writes
//! stubs; `jiedu check` fails on a citation that does not resolve, naming
//! the term file and line.

use crate::support::{edition, jiedu, page, write};

const ARTICLE: &str = "---\ntitle: 测试文章\ndate: 2025-01-02\n---\n第一段，深入推行“三联四访”工作机制。\n\n第二段，坚定拥护“两个确立”。\n";

fn small_edition() -> tempfile::TempDir {
    let dir = edition("https://example.org/sub/");
    write(dir.path(), "content/articles/ceshi.md", ARTICLE);
    dir
}

const TERM: &str = r#"---
term: 两个确立
pinyin: liǎng gè quèlì
english: the Two Establishes
kind: slogan
origin:
  fact: 2021年11月党的十九届六中全会通过的历史决议提出。
  source: {publication: 新华社, date: 2021-11-16, title: 中共中央关于党的百年奋斗重大成就和历史经验的决议, url: "https://example.com/jueyi?a=1&b=<2>"}
record:
  - fact: 决议称其具有决定性意义。
    source: {publication: 人民日报, date: 2021-11-17}
unknown: 公开资料未说明<b>别的</b>。
english_alternatives:
  - {english: the Two Affirmations, users: 部分学术译者, reason: 较少见}
---
文本中与“两个维护”连用（见[测试文章 ¶2](/articles/ceshi/#p2)）。
"#;

#[test]
fn the_term_page_keeps_the_texts_and_the_public_record_apart() {
    let dir = small_edition();
    write(dir.path(), "content/glossary/liang-ge-que-li.md", TERM);
    write(
        dir.path(),
        "content/glossary/san-lian-si-fang.md",
        "---\nterm: 三联四访\nkind: numeric-formula\n---\n文本未说明（见[测试文章 ¶1](/articles/ceshi/#p1)）。\n",
    );
    let (ok, _, err) = jiedu(dir.path(), &["build"]);
    assert!(ok, "{err}");
    let html = page(
        &dir.path().join("public"),
        "glossary/liang-ge-que-li/index.html",
    );
    let texts = section(&html, "texts-say");
    let record = section(&html, "record-says");
    assert!(texts.contains("与“两个维护”连用"), "{texts}");
    assert!(!texts.contains("新华社") && !texts.contains("决定性意义"));
    assert!(texts.contains("文本中最早见于"), "{texts}");
    assert!(record.contains("<strong>出处：</strong>2021年11月党的十九届六中全会"));
    assert!(record.contains("——新华社，<time datetime=\"2021-11-16\">2021年11月16日</time>"));
    assert!(record.contains(
        "<a href=\"https://example.com/jueyi?a=1&amp;b=&lt;2&gt;\" rel=\"external noopener\">《中共中央关于党的百年奋斗重大成就和历史经验的决议》</a>"
    ), "{record}");
    assert!(record.contains("决议称其具有决定性意义。 <span class=\"cite\">——人民日报"));
    assert!(
        record.contains("公开资料未说明&lt;b&gt;别的&lt;/b&gt;。"),
        "{record}"
    );
    assert!(!record.contains("尚未对照公开资料核查"));
    let english = section(&html, "english-renderings");
    assert!(
        english.contains("the Two Affirmations</td><td>部分学术译者</td><td>较少见"),
        "{english}"
    );

    let other = page(
        &dir.path().join("public"),
        "glossary/san-lian-si-fang/index.html",
    );
    assert!(section(&other, "record-says").contains("本条尚未对照公开资料核查"));
    let (ok, out, err) = jiedu(dir.path(), &["check"]);
    assert!(ok, "{out}{err}");
}

#[test]
fn a_public_source_with_a_script_url_is_rejected_at_its_line() {
    let dir = small_edition();
    write(
        dir.path(),
        "content/glossary/x.md",
        "---\nterm: 三联四访\nkind: slogan\nrecord:\n  - fact: y\n    source: {publication: z, date: 2024, url: 'javascript:alert(1)'}\n---\n见[测试文章 ¶1](/articles/ceshi/#p1)。\n",
    );
    let (ok, _, err) = jiedu(dir.path(), &["build"]);
    assert!(!ok);
    assert!(err.contains("x.md:6:"), "{err}");
    assert!(!dir.path().join("public").exists());
}

#[test]
fn check_names_the_line_of_a_citation_that_does_not_resolve() {
    let dir = small_edition();
    write(
        dir.path(),
        "content/glossary/x.md",
        "---\nterm: 三联四访\nkind: slogan\n---\n见[¶1](/articles/ceshi/#p1)。\n\n又见[¶9](/articles/ceshi/#p9)和[别篇](/articles/bie/#p1)。\n",
    );
    let (ok, _, err) = jiedu(dir.path(), &["build"]);
    assert!(ok, "{err}");
    let (ok, out, err) = jiedu(dir.path(), &["check"]);
    assert!(!ok, "{out}");
    assert!(err.contains("x.md:7:8: citation `/articles/ceshi/#p9` does not resolve: article `ceshi` has no paragraph 9 (it has 2)"), "{err}");
    assert!(
        err.contains("x.md:7:") && err.contains("no article `bie`"),
        "{err}"
    );
}

#[test]
fn terms_draft_writes_a_stub_marked_draft_and_never_overwrites() {
    let dir = small_edition();
    let (ok, out, err) = jiedu(dir.path(), &["terms", "--draft", "三联四访"]);
    assert!(ok, "{err}");
    assert!(out.contains("san-lian-si-fang.md"), "{out}");
    let stub =
        std::fs::read_to_string(dir.path().join("content/glossary/san-lian-si-fang.md")).unwrap();
    assert!(stub.starts_with("---\nterm: \"三联四访\"\npinyin: \"sān lián sì fǎng\"\nkind: numeric-formula\ndraft: true\n---\n"), "{stub}");
    assert!(stub.contains("文本中的界定：未见。"));
    assert!(
        stub.contains("- [ceshi ¶1](/articles/ceshi/#p1)：第一段，深入推行“三联四访”工作机制。"),
        "{stub}"
    );
    // The stub is a valid entry: the edition builds and checks with it.
    assert!(jiedu(dir.path(), &["build"]).0);
    assert!(jiedu(dir.path(), &["check"]).0);
    // Asking again is refused, and the stub is left as it was.
    let (ok, _, err) = jiedu(dir.path(), &["terms", "--draft", "三联四访", "无此语"]);
    assert!(!ok);
    assert!(
        err.contains("already has `三联四访`") && err.contains("no article uses `无此语`"),
        "{err}"
    );
    let again =
        std::fs::read_to_string(dir.path().join("content/glossary/san-lian-si-fang.md")).unwrap();
    assert_eq!(stub, again);
}

/// The `<section class="NAME"…>…</section>` of a page.
fn section<'h>(html: &'h str, class: &str) -> &'h str {
    let start = html
        .find(&format!("<section class=\"{class}\""))
        .unwrap_or_else(|| panic!("no section {class}"));
    let end = html[start..].find("</section>").unwrap() + start;
    &html[start..end]
}
