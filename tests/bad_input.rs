//! Bad input gets a clear error naming file, line and column, or a
//! documented safe rendering; never a panic and never a half-written
//! public/.

mod util;

use jiedu::site::{build, BuildOptions};
use util::*;

fn build_err(ed: &tempfile::TempDir) -> String {
    let out = ed.path().join("public");
    let e = build(
        ed.path(),
        &BuildOptions {
            base_url: None,
            out: Some(out.clone()),
        },
    )
    .expect_err("the build must fail");
    assert!(
        !out.exists(),
        "no public/ is written by a failed first build"
    );
    e.to_string()
}

fn build_ok(ed: &tempfile::TempDir) -> std::path::PathBuf {
    let out = ed.path().join("public");
    build(
        ed.path(),
        &BuildOptions {
            base_url: None,
            out: Some(out.clone()),
        },
    )
    .unwrap();
    out
}

#[test]
fn malformed_yaml_names_file_line_and_column() {
    let ed = edition("https://example.org/");
    write(
        ed.path(),
        "content/articles/a.md",
        "---\ntitle: \"未闭合\n---\n正文\n",
    );
    let e = build_err(&ed);
    assert!(e.contains("content/articles/a.md:"), "{e}");
    let ed = edition("https://example.org/");
    write(
        ed.path(),
        "content/articles/a.md",
        "---\ntitle: 标题\nauthors:\n\t- 周尤\n---\n",
    );
    let e = build_err(&ed);
    assert!(e.contains("a.md:4:1:"), "{e}");
    assert!(e.contains("tab"), "{e}");
}

#[test]
fn wrong_types_and_unknown_keys_and_empty_files() {
    let ed = edition("https://example.org/");
    write(
        ed.path(),
        "content/articles/a.md",
        "---\ntitle: [不是, 字符串]\n---\n",
    );
    write(
        ed.path(),
        "content/articles/b.md",
        "---\ntitle: 乙\nauthor: 周尤\n---\n",
    );
    write(ed.path(), "content/articles/c.md", "");
    write(ed.path(), "content/articles/d.md", "---\n---\n正文\n");
    let e = build_err(&ed);
    assert!(
        e.contains("a.md:2:8: title: invalid type: sequence, expected a string"),
        "{e}"
    );
    assert!(e.contains("b.md:3:1: unknown field `author`"), "{e}");
    assert!(e.contains("c.md:1:1: no front-matter"), "{e}");
    assert!(e.contains("d.md:2:1: front-matter is empty"), "{e}");
}

#[test]
fn file_names_that_are_not_slugs_are_rejected() {
    for name in ["Bad Name.md", "a..b.md", "中文.md", "a_b.md"] {
        let ed = edition("https://example.org/");
        write(
            ed.path(),
            &format!("content/articles/{name}"),
            "---\ntitle: t\n---\n",
        );
        let e = build_err(&ed);
        assert!(e.contains("is not a valid slug"), "{name}: {e}");
        assert!(e.contains("hint: rename the file"), "{name}: {e}");
    }
}

#[test]
fn glossary_problems_are_all_reported() {
    let ed = edition("https://example.org/");
    write(
        ed.path(),
        "content/glossary/a.md",
        "---\nterm: 两个确立\nkind: slogan\nparent: b\n---\n",
    );
    write(
        ed.path(),
        "content/glossary/b.md",
        "---\nterm: 两个维护\nkind: slogan\nparent: a\n---\n",
    );
    write(
        ed.path(),
        "content/glossary/c.md",
        "---\nterm: 党\nkind: concept\n---\n",
    );
    write(
        ed.path(),
        "content/glossary/d.md",
        "---\nterm: 两个确立\nkind: slogan\n---\n",
    );
    write(
        ed.path(),
        "content/glossary/sub/d.md",
        "---\nterm: 其他\nkind: slogan\n---\n",
    );
    let e = build_err(&ed);
    assert!(e.contains("duplicate term id `d`"), "{e}");
    let ed2 = edition("https://example.org/");
    for f in ["a", "b", "c", "d"] {
        let text =
            std::fs::read_to_string(ed.path().join(format!("content/glossary/{f}.md"))).unwrap();
        write(ed2.path(), &format!("content/glossary/{f}.md"), &text);
    }
    let e = build_err(&ed2);
    assert!(e.contains("cycle"), "parent cycle: {e}");
    assert!(
        e.contains("c.md") && e.contains("党"),
        "one-character term: {e}"
    );
    assert!(
        e.contains("a.md") && e.contains("d.md"),
        "duplicate surface form names both: {e}"
    );
}

#[test]
fn invalid_utf8_gb18030_and_nul_bytes_in_content() {
    let ed = edition("https://example.org/");
    std::fs::create_dir_all(ed.path().join("content/articles")).unwrap();
    std::fs::write(
        ed.path().join("content/articles/a.md"),
        b"---\ntitle: ok\n---\n\xff\xfe\n",
    )
    .unwrap();
    let (gbk, _, _) = encoding_rs::GB18030.encode("---\ntitle: 标题\n---\n正文\n");
    std::fs::write(ed.path().join("content/articles/b.md"), &gbk).unwrap();
    let e = build_err(&ed);
    assert!(e.contains("a.md:4:1: invalid UTF-8"), "{e}");
    assert!(e.contains("b.md:2:8: invalid UTF-8"), "{e}");
    assert!(
        e.contains("hint: content files must be saved as UTF-8"),
        "{e}"
    );

    let ed = edition("https://example.org/");
    write(
        ed.path(),
        "content/articles/n.md",
        "---\ntitle: 空字符\n---\n前\0后\n",
    );
    let out = build_ok(&ed);
    let html = page(&out, "articles/n/index.html");
    assert!(
        html.contains("前\u{fffd}后"),
        "NUL is shown as the replacement character: {html}"
    );
}

#[test]
fn a_symlink_loop_and_an_unreadable_file_are_errors_not_hangs() {
    let ed = edition("https://example.org/");
    write(ed.path(), "content/articles/a.md", "---\ntitle: 甲\n---\n");
    std::os::unix::fs::symlink(
        ed.path().join("content"),
        ed.path().join("content/articles/loop"),
    )
    .unwrap();
    // A directory named like an article cannot be read as one.
    std::fs::create_dir_all(ed.path().join("content/glossary/dir.md")).unwrap();
    let e = build_err(&ed);
    assert!(e.contains("symbolic link loop"), "{e}");
    let ed = edition("https://example.org/");
    std::fs::create_dir_all(ed.path().join("content/articles")).unwrap();
    std::os::unix::fs::symlink(
        "/nonexistent/x.md",
        ed.path().join("content/articles/dangling.md"),
    )
    .unwrap();
    let e = build_err(&ed);
    assert!(e.contains("dangling.md"), "{e}");
}

#[test]
fn huge_and_deeply_nested_articles_render() {
    let ed = edition("https://example.org/");
    let many: String = (0..10_000).map(|i| format!("第{i}段。\n\n")).collect();
    write(
        ed.path(),
        "content/articles/many.md",
        &format!("---\ntitle: 一万段\n---\n{many}"),
    );
    let big = "很长的一段文字。".repeat(10 * 1024 * 1024 / 24);
    write(
        ed.path(),
        "content/articles/big.md",
        &format!("---\ntitle: 十兆\n---\n{big}\n"),
    );
    let nested_quotes = format!("{}深\n", "> ".repeat(2_000));
    let nested_lists: String = (0..500)
        .map(|d| format!("{}- 第{d}层\n", "  ".repeat(d)))
        .collect();
    write(
        ed.path(),
        "content/articles/deep.md",
        &format!("---\ntitle: 深\n---\n{nested_quotes}\n{nested_lists}"),
    );
    let out = build_ok(&ed);
    let html = page(&out, "articles/many/index.html");
    assert!(html.contains("id=\"p10000\""));
    assert!(page(&out, "articles/deep/index.html").contains("第499层"));
    assert!(
        std::fs::metadata(out.join("articles/big/index.html"))
            .unwrap()
            .len()
            > 10_000_000
    );
}
